from __future__ import annotations

import regex

from linter.engine import Rule
from linter.findings import related_cell

from .model import fold, norm, project_key, quantity, target_tables

COUNT = regex.compile(r"下设\s*(\d+)\s*个(?:[一二三、，和及]{0,6}级)?指标")
VALUE_UNIT = regex.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(%|％|次|个|份|人|项|场|篇|条|期|套|台)")
VALUE_BARE = regex.compile(r"指标值\s*(?:为|：|:)?\s*(?:>=|<=|≥|≤|=|>|<|＞|＜)?\s*(\d+(?:\.\d+)?)(?!\s*[%％\d.])")


def bigrams(text: str) -> set[str]:
    t = regex.sub(r"[^\p{Han}A-Za-z0-9]", "", project_key(text))
    return {t[i:i + 2] for i in range(len(t) - 1)}


def dice(a: str, b: str) -> float:
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _heading_before(doc, line: int) -> str | None:
    for n in range(line - 1, max(line - 6, 0), -1):
        t = doc.line(n).text.strip()
        if not t or regex.match(r"^(绩效目标|绩效指标)", t):
            continue
        return regex.sub(r"^[\d一二三四五六七八九十（）()、.．\s]+", "", t)
    return None


QUOTED = regex.compile(r"[“\"「]([^”\"」]{2,40})[”\"」]\s*(?:项目|专项|经费)")
# what may follow a project's name in a sentence naming it
AFTER_NAME = regex.compile(r"(?:[”\"」』》]|项目|经费|专项|资金|工作经费|[，,。；;：:（(\s]|$)")
MARGIN = 0.15  # the best name must beat the second best by this much


def _best(name: str, targets, threshold: float = 0.5):
    scores = sorted(((dice(name, o.name), n) for n, o in enumerate(targets)), reverse=True)
    if scores and scores[0][0] >= threshold and (len(scores) == 1 or scores[1][0] <= scores[0][0] - MARGIN):
        return targets[scores[0][1]]
    return None


def _other_project(quoted: str, name: str) -> bool:
    """A quoted project name that contains the table's name, or is contained in it, with more
    than a suffix of difference names another project: “网络舆情管理平台运维”项目 is not
    网络舆情管理, “网络舆情”项目 is not 网络舆情管理经费."""
    a, b = project_key(quoted), project_key(name)
    return a != b and (a in b or b in a)


def _named(text: str, targets):
    """(table, offset) of the project whose name the text writes (with or without quotes and
    项目/经费 suffixes: 网络舆情管理经费 in a table is “网络舆情管理”项目 in the text); the longest
    name wins when one contains another; None when two projects are named at the same place."""
    hits = []
    for t in targets:
        for key in {norm(t.name), project_key(t.name)}:
            if len(key) < 4:
                continue
            at = text.find(key)  # plain substring search: no pattern per paragraph and project
            while at >= 0:
                if AFTER_NAME.match(text, at + len(key)):
                    hits.append((at, -len(key), t))
                at = text.find(key, at + 1)
    if not hits:
        return None
    hits.sort(key=lambda h: (h[0], h[1]))
    pos, neg_len, t = hits[0]
    rivals = {id(h[2]) for h in hits if h[0] == pos and h[1] == neg_len}
    return (t, pos) if len(rivals) == 1 else None


def passages(doc, targets):
    """(table, paragraph, offset) for every narrative passage that describes one project's
    indicators: a paragraph naming the project, or a 绩效指标： line under a heading that does."""
    out = []
    for ln in doc.paragraphs:
        text = fold(ln.text)
        found = None
        if text.lstrip().startswith("绩效指标"):
            head = _heading_before(doc, ln.line)
            t = _best(head, targets) if head else None
            if t is not None:
                found = (t, 0)
        if found is None:
            hit = _named(text, targets)
            if hit is not None and regex.search(r"指标", text[hit[1]:]):
                found = hit
        if found is None:
            m = QUOTED.search(text)
            if m:
                t = _best(m.group(1), targets, 0.6)
                if t is not None and not _other_project(m.group(1), t.name) \
                        and regex.search(r"指标", text[m.start():]):
                    found = (t, m.start())
        if found is not None:
            out.append((found[0], ln, found[1]))
    return out


class NarrativeIndicatorMismatch(Rule):
    """The narrative's account of a project's indicators does not match its 绩效目标表.

    *What it does*: finds the passage of the 说明 that describes a project's indicators — the
    paragraph naming the project ("网评队伍建设"项目 … 下设7个二、三级指标 … 具体为 …; the name
    with or without quotes and 项目/经费/专项 suffixes, but not a longer or shorter name: “网络舆情
    管理平台运维”项目 is another project than 网络舆情管理), or the 绩效指标： line under a heading
    whose name is clearly closest to one project table's — and checks that the
    stated number of indicators equals the table's indicator rows and that every value it lists
    (3次, 98%, 指标值>=95%) is a value in that table.

    *Why it matters*: the narrative and the table are the same plan; when they differ, readers
    cannot know which targets the project will be assessed on.

    *Bad*:
        下设7个二、三级指标 … 指标值为>=95%   (the table has 9 indicators and no 95%)

    *Good*:
        下设9个二、三级指标 … 指标值为>=98%
    """

    code = "BL407"
    name = "narrative-indicator-mismatch"
    severity = "warning"

    def check(self, doc):
        targets = [t for t in target_tables(doc) if t.indicators]
        if not targets:
            return
        for t, ln, pos in passages(doc, targets):
            f = self._passage(doc, t, ln, pos)
            if f:
                yield f

    def _passage(self, doc, t, ln, pos):
        text = fold(ln.text)
        named = [i for i in t.indicators if i.name]
        problems = []
        span = None
        m = COUNT.search(text, pos)
        if m and int(m.group(1)) != len(named):
            problems.append(f"称下设{m.group(1)}个指标，表中有{len(named)}个")
            span = (m.start(), m.end())
        body_start = pos
        k = text.find("具体为", pos)
        if k >= 0:
            body_start = k
        elif "绩效指标" in text[:8]:
            body_start = text.find("绩效指标")
        else:
            return None if not problems else self._finding(doc, t, ln, span, problems, named)
        values = []
        for mm in VALUE_UNIT.finditer(text, body_start):
            if COUNT.search(text[max(0, mm.start() - 3):mm.end() + 8]):
                continue
            values.append((mm.group(1), mm.group(2).replace("％", "%"), mm.start(), mm.end()))
        for mm in VALUE_BARE.finditer(text, body_start):
            values.append((mm.group(1), "", mm.start(1), mm.end(1)))
        table_vals = []
        for i in t.indicators:
            q = quantity(i.value.text) if i.value is not None else None
            if q is not None:
                table_vals.append((q.number.value, q.unit.split("/")[0]))
        units = {u for _, u in table_vals}
        missing = []
        for v, unit, s, e in values:
            from decimal import Decimal
            val = Decimal(v)
            if unit and unit in units:
                ok = any(val == tv and unit == tu for tv, tu in table_vals)
            else:
                ok = any(val == tv for tv, _ in table_vals)
            if not ok:
                missing.append((text[s:e], s, e))
        if missing:
            problems.append("所列指标值" + "、".join(dict.fromkeys(x[0] for x in missing)) + "在表中没有")
            if span is None:
                span = (missing[0][1], missing[0][2])
        if not problems:
            return None
        return self._finding(doc, t, ln, span, problems, named)

    def _finding(self, doc, t, ln, span, problems, named):
        if span is None:
            return None
        related = [related_cell(i.first_cell, f"{t.name}：{i.level2}") for i in named][:10]
        line, start, end = ln.span(*span)
        return self.at_span(
            doc, line, start, end,
            f"说明对「{t.name}」绩效指标的描述与{t.label()}不符：" + "；".join(problems),
            related=related, suggestion=f"按{t.label()}改写说明（{len(named)}个指标）或改正表格",
        )

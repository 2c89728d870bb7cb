from __future__ import annotations

import regex

from linter.cnnum import counts, fold, parse_chinese, quantity, scan
from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import norm, project_key, project_targets

CN_COUNT = "一二两三四五六七八九十"
_NUM = rf"(\d+|[{CN_COUNT}]{{1,3}})"
_LEVEL = r"((?:[一二三][、，和及]?){1,3}级)?"
# a count of indicators in any wording: 下设9个二、三级指标, 共设置12项绩效指标, 设三级指标9个,
# 绩效指标共9项; the level says what is counted (一级: categories, 二级: sub-categories, else rows)
COUNT = regex.compile(rf"(?:下设|共设置?了?|设置了?|设立了?|共有|包括|包含)?{_NUM}\s*(?:个|项|条)\s*{_LEVEL}(?:绩效|考核|评价)?指标"
                      rf"|{_LEVEL}(?:绩效|考核|评价)?指标(?:(?:共|合计|总计|总共)(?:设置?|有|为|计)?|设置?|有|为|计)了?\s*{_NUM}\s*(?:个|项|条)")
# where the narrative starts listing indicators and their values
LISTING = regex.compile(r"具体(?:为|是|如下|包括)|分别(?:为|是)|绩效指标[:：]|指标(?:设置)?如下|指标值")
VALUE_BARE = regex.compile(r"指标值\s*(?:为|：|:)?\s*(?:>=|<=|≥|≤|=|>|<|＞|＜)?\s*(\d+(?:\.\d+)?)(?!\s*[%％\d.])")

NOT_WORD = regex.compile(r"[^\p{Han}A-Za-z0-9]")


def bigrams(text: str) -> set[str]:
    t = NOT_WORD.sub("", project_key(text))
    return {t[i:i + 2] for i in range(len(t) - 1)}


def dice(a: str, b: str) -> float:
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def covered(name: str, words: str) -> float:
    """How much of an indicator's name the words hold (bigrams): 政务公开平台运维次数 in
    经费拟于2026年底前完成政务公开平台运维 is 7 of 9, however much else the clause says."""
    x = bigrams(name)
    return len(x & bigrams(words)) / len(x) if x else 0.0


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


class ProjectNames(list):
    """The project tables (a list of them) with their names prepared once per document: the
    keys a text may write a name as, indexed by their first KEY_HEAD characters, and each name's
    bigrams. Computing them again for every paragraph and table grew with the square of the
    document (2,016 paragraphs x 63 tables of the 294-page sample: 0.49 s, most of it in
    norm/project_key; now 0.04 s)."""

    KEY_HEAD = 4  # a key shorter than this is too weak to name a project

    def __init__(self, targets):
        super().__init__(targets)
        self.bigrams = [bigrams(t.name) for t in self]
        # the tables each bigram occurs in: a name is scored only against the tables it shares
        # a bigram with (the others score 0), not against every table of a long document
        self.by_bigram: dict[str, list[int]] = {}
        for n, y in enumerate(self.bigrams):
            for g in y:
                self.by_bigram.setdefault(g, []).append(n)
        self.by_head: dict[str, list[tuple[str, object]]] = {}
        for t in self:
            for key in {norm(t.name), project_key(t.name)}:
                if len(key) >= self.KEY_HEAD:
                    self.by_head.setdefault(key[:self.KEY_HEAD], []).append((key, t))

    def occurrences(self, text: str):
        """(offset, key, table) of every place in `text` where a key starts (overlapping ones
        too), in one pass over the text however many tables there are."""
        by_head, head = self.by_head, self.KEY_HEAD
        for at in range(len(text) - head + 1):
            for key, t in by_head.get(text[at:at + head], ()):
                if text.startswith(key, at):
                    yield at, key, t


def _best(name: str, targets: ProjectNames, threshold: float = 0.5):
    """The table whose name is clearly the closest to `name` (dice over bigrams)."""
    x = bigrams(name)
    sharing = {n for g in x for n in targets.by_bigram.get(g, ())}
    scores = sorted(((2 * len(x & targets.bigrams[n]) / (len(x) + len(targets.bigrams[n])), n) for n in sharing),
                    reverse=True)
    # the tables sharing no bigram score 0: they come second only when one table shares any
    if len(scores) < 2 and len(scores) < len(targets):
        scores.append((0.0, -1))
    if scores and scores[0][0] >= threshold and (len(scores) == 1 or scores[1][0] <= scores[0][0] - MARGIN):
        return targets[scores[0][1]]
    return None


def _other_project(quoted: str, name: str) -> bool:
    """A quoted project name that contains the table's name, or is contained in it, with more
    than a suffix of difference names another project: “网络舆情管理平台运维”项目 is not
    网络舆情管理, “网络舆情”项目 is not 网络舆情管理经费."""
    a, b = project_key(quoted), project_key(name)
    return a != b and (a in b or b in a)


def _named(text: str, targets: ProjectNames):
    """(table, offset) of the project whose name the text writes (with or without quotes and
    项目/经费 suffixes: 网络舆情管理经费 in a table is “网络舆情管理”项目 in the text); the longest
    name wins when one contains another; None when two projects are named at the same place."""
    hits = [(at, -len(key), t) for at, key, t in targets.occurrences(text) if AFTER_NAME.match(text, at + len(key))]
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
    targets = ProjectNames(targets)
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
            if hit is not None:
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
    paragraph naming the project (“网评队伍建设”项目 …, the name with or without quotes and
    项目/经费/专项 suffixes, but not a longer or shorter name: “网络舆情管理平台运维”项目 is
    another project than 网络舆情管理), or the 绩效指标： line under a heading whose name is
    clearly closest to one project table's — and reads it in any wording:
    - a count of indicators (下设9个二、三级指标, 共设置12项绩效指标, 绩效指标共9项, 设三个一级指标)
      must equal the table's rows (or its 一级 / 二级 categories when it counts those): warning;
    - a value given to an indicator the table lists by name (开展立法调研次数不少于10次) must be the
      table's value for it (≥12次): warning;
    - in the listing (具体为, 绩效指标：, 指标值 …) a value no indicator of the table has is an
      indicator the table does not list: information only, the narrative may say more.
    Budget amounts and spending schedules outside the listing are not indicator values.

    *Why it matters*: the narrative and the table are the same plan; when they differ, readers
    cannot know which targets the project will be assessed on.

    *Bad*:
        下设7个二、三级指标 …   (the table has 9 indicators)
        开展立法调研次数不少于10次 (the table: ≥12次)

    *Good*:
        下设9个二、三级指标 … 开展立法调研次数不少于12次
    """

    code = "BL407"
    name = "narrative-indicator-mismatch"
    severity = "warning"

    def check(self, doc):
        targets = [t for t in project_targets(doc) if t.indicators]
        if not targets:
            return
        for t, ln, pos in passages(doc, targets):
            f = self._passage(doc, t, ln, pos)
            if f:
                yield f

    def _passage(self, doc, t, ln, pos):
        text = fold(ln.text)
        named = [i for i in t.indicators if i.name]
        warnings: list[tuple[str, tuple[int, int]]] = []
        infos: list[tuple[str, tuple[int, int]]] = []
        if not regex.search(r"指标", text[pos:]):
            # a paragraph that names the project and states its targets in its own words
            # (完成彩票公益金资助不少于22次): each value against the indicator its clause describes
            self._described_values(text, pos, t, warnings, doc.meta.year)
            if not warnings:
                return None
            return self._finding(doc, t, ln, warnings[0][1], [w for w, _ in warnings], named)
        for m in COUNT.finditer(text, pos):
            said = _count(m.group(1) or m.group(4))
            level = m.group(2) or m.group(3) or ""
            expected, what = self._expected_count(named, level)
            if said is not None and said != expected:
                warnings.append((f"称{what}{said}个，表中有{expected}个", m.span()))
        listing = LISTING.search(text, pos)
        if listing is not None:
            attached = self._named_values(text, listing.start(), named, warnings)
            infos = self._unlisted_values(text, listing.start(), t, attached, warnings)
        if not warnings and not infos:
            return None
        problems = [w for w, _ in warnings]
        if infos:
            problems.append("所列指标值" + "、".join(dict.fromkeys(x for x, _ in infos)) + "在表中没有")
        span = warnings[0][1] if warnings else infos[0][1]
        return self._finding(doc, t, ln, span, problems, named, None if warnings else "info")

    @staticmethod
    def _expected_count(named, level: str) -> tuple[int, str]:
        if level.startswith("一级"):
            return len({norm(i.level1) for i in named if i.level1}), "一级指标"
        if level.startswith("二级"):
            return len({norm(i.level2) for i in named if i.level2}), "二级指标"
        return len(named), "指标"

    @staticmethod
    def _named_values(text, start, named, warnings) -> set[tuple[int, int]]:
        """Values the narrative gives an indicator of the table by its name (舆情监测覆盖率
        达到95%): one that contradicts the table's value is a warning. Returns the value spans
        read this way."""
        attached: set[tuple[int, int]] = set()
        for ind in named:
            q = quantity(ind.value.text) if ind.value is not None else None
            if q is None:
                continue
            for key in {norm(ind.name), norm(ind.desc)}:
                if len(key) < 4:
                    continue
                at = text.find(key, start)
                while at >= 0:
                    stop = _clause_stop(text, at + len(key))
                    for s, e, val, unit in _values(text, at + len(key), stop):
                        if (s, e) not in attached:
                            attached.add((s, e))
                            if _differs(val, unit, q):
                                warnings.append((f"「{ind.name}」写为{text[s:e]}，表中为{ind.value.text.strip()}",
                                                 (s, e)))
                        break
                    at = text.find(key, at + len(key))
        return attached

    @staticmethod
    def _described_values(text, start, t, warnings, year):
        """Values with a unit (22次, 95%) whose clause describes one indicator of the table with
        that unit clearly more closely than any other: a value other than the table's is a
        warning."""
        for s, e, val, unit in _values(text, start, len(text)):
            if not unit or _about_the_past(text, s, year):
                continue
            same = _indicator_written_before(text, s, t, unit, by_name=True)
            if same is not None and _differs(val, unit, quantity(same.value.text)):
                warnings.append((f"「{same.name}」写为{text[s:e]}，表中为{same.value.text.strip()}", (s, e)))

    @staticmethod
    def _unlisted_values(text, start, t, attached, warnings):
        """Values in the listing that no indicator of the table has: indicators the table does
        not list (at most information: the narrative may describe more than the table)."""
        table_vals = []
        for i in t.indicators:
            q = quantity(i.value.text) if i.value is not None else None
            if q is not None:
                table_vals.append(_table_value(q))
        units = {u for _, u in table_vals}
        out = []
        for s, e, val, unit in _values(text, start, len(text)):
            if (s, e) in attached:
                continue
            same = _indicator_written_before(text, s, t, unit)
            if same is not None:
                q = quantity(same.value.text)
                if _differs(val, unit, q):
                    warnings.append((f"「{same.name}」写为{text[s:e]}，表中为{same.value.text.strip()}", (s, e)))
                continue
            if unit and unit in units:
                ok = any(val == tv and unit == tu for tv, tu in table_vals)
            else:
                ok = any(val == tv for tv, _ in table_vals)
            if not ok:
                out.append((text[s:e], (s, e)))
        return out

    def _finding(self, doc, t, ln, span, problems, named, severity=None):
        if span is None:
            return None
        related = [related_cell(i.first_cell, f"{t.name}：{i.level2}") for i in named][:10]
        line, start, end = ln.span(*span)
        return self.at_span(
            doc, line, start, end,
            f"说明对「{t.name}」绩效指标的描述与{t.label()}不符：" + "；".join(problems),
            related=related, suggestion=f"按{t.label()}改写说明（{len(named)}个指标）或改正表格",
            severity=severity,
        )


def _table_value(q) -> tuple:
    """(value, unit) of a table's indicator value as the text's counts are read: the unit
    before any /年, and 万/千 folded into the value (≥1.2万人次 is 12000 人次)."""
    unit = q.unit.split("/")[0]
    if unit[:1] in ("万", "千") and len(unit) > 1:
        return q.number.value * (10000 if unit[0] == "万" else 1000), unit[1:]
    return q.number.value, unit


def _differs(val, unit: str, q) -> bool:
    value, table_unit = _table_value(q)
    return val != value or bool(unit and table_unit and unit != table_unit)


def _indicator_written_before(text: str, at: int, t, unit: str, by_name: bool = False):
    """The table's indicator that the words right before a value describe in other words
    (年度完成宣传活动的次数3次 for 组织宣传活动次数 / 年度完成宣传活动的次数 ≥3次): the same unit,
    and a name or description clearly closest to the clause's words (by_name: or a name the
    clause holds most of)."""
    a = at
    while a > 0 and text[a - 1] not in "，,；;。：:":
        a -= 1
    words = text[a:at]
    if len(words) < 4:
        return None
    scored = []
    for i in t.indicators:
        q = quantity(i.value.text) if i.value is not None and i.name else None
        if q is None or (unit and _table_value(q)[1] != unit):
            continue
        score = max(dice(words, i.name), dice(words, i.desc or ""))
        if by_name:  # a clause in the narrative's own words may say much besides the name
            score = max(score, covered(i.name, words))
        scored.append((score, id(i), i))
    scored.sort(key=lambda x: -x[0])
    if scored and scored[0][0] >= 0.5 and (len(scored) == 1 or scored[1][0] <= scored[0][0] - MARGIN):
        return scored[0][2]
    return None


def _about_the_past(text: str, at: int, year: int | None) -> bool:
    """The clause of a value speaks of an earlier year (2024年完成资助20次, 较上年增加50人): an
    achievement or a change, not this year's target (statements.json prior_words)."""
    from linter.statements import roles

    a = max(text.rfind(ch, 0, at) for ch in "，,；;。：:") + 1
    words = text[a:at]
    if roles().prior.search(words):
        return True
    return year is not None and any(int(y) < year for y in regex.findall(r"((?:19|20)\d{2})\s*年", words))


def _clause_stop(text: str, start: int) -> int:
    """End of the clause that gives an indicator its value: the next ，；。 outside brackets
    (培养网评引导人才数量（通过…，加大…），指标值为>=95%)."""
    depth = 0
    for k in range(start, len(text)):
        ch = text[k]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif ch in "，,；;。" and depth == 0:
            # 指标值 after the comma still belongs to the indicator named before it
            if not text.startswith("指标值", k + 1):
                return k
    return len(text)


def _count(token: str) -> int | None:
    """A count of indicators: 9, 十二, 两 (linter.cnnum reads the Chinese numerals)."""
    if token.isdigit():
        return int(token)
    n = parse_chinese(token)
    return int(n.value) if n is not None else None


def _values(text: str, start: int, stop: int):
    """(start, end, value, unit) of the indicator values in text[start:stop]: percentages and
    counts as linter.cnnum reads them (98%, 3次, 1.2万人次; counts written in digits), and a bare
    number after 指标值 (指标值为>=98); counts of indicators are not values."""
    from decimal import Decimal

    indicator_counts = [m.span() for m in COUNT.finditer(text, start, stop)]
    tokens = scan(text)
    found = [(t.start, t.end, t.number.value, "%") for t in tokens
             if t.kind == "percent" and start <= t.start < stop]
    found += [(c.start, c.end, c.number.value, c.unit) for c in counts(text, tokens)
              if start <= c.start < stop and c.text[:1].isdigit()]
    found = [v for v in found if not any(a <= v[0] < b for a, b in indicator_counts)]
    for m in VALUE_BARE.finditer(text, start, stop):
        found.append((m.start(1), m.end(1), Decimal(m.group(1)), ""))
    return sorted(found)

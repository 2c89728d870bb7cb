from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from linter.engine import Rule
from linter.findings import related_cell

from linter.vocab import load_json

from .common import lines_of, scanned_lines, terms

# a list number or a short label before a line's first sentence: 1、 （一） 说明：
LEAD_IN = regex.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]\s*)?(?:[^，。；：:（）()]{1,8}[：:])?")


@lru_cache(maxsize=None)
def patterns():
    return [regex.compile(p) for p in lines_of("placeholders.txt")]


@lru_cache(maxsize=None)
def instruction_patterns():
    """The four structures of a writer instruction (linter/data/instructions.json), compiled
    from its word lists."""
    cfg = load_json("instructions.json")
    alt = lambda words: "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    verbs, modals = alt(cfg["writing_verbs"]), cfg["modals"]
    not_before = cfg["modal_not_before"]
    modal = "|".join(f"{regex.escape(m)}(?![{regex.escape(not_before.get(m, ''))}])" for m in
                     sorted(modals, key=len, reverse=True))
    return {
        # （按…填写） （如无此项请注明）: a bracketed aside from opener to writing verb
        "aside": regex.compile(rf"[（(]\s*(?:{alt(cfg['aside_openers'])})[^（）()]{{0,60}}?(?:{verbs})\s*[。.]?\s*[）)]"),
        # 应与《…》一致，并按照…细化列示 / 请…填写: a sentence opening with a modal, holding a
        # writing verb or a consistency demand
        "modal": regex.compile(rf"(?:^|(?<=[。；;！!？?]))(?:本表|此表|该表|本部分|此处)?\s*(?:{modal})"
                               rf"[^。；;！!？?]{{0,80}}?(?:(?:{verbs})|{cfg['consistency']})[^。；;！!？?]{{0,20}}"),
        # 如无此项请注明 / 无此项的不列: a condition, then a modal and a writing verb
        "condition": regex.compile(rf"(?:{alt(cfg['conditions'])})[^。；;！!？?]{{0,20}}?(?:{alt(cfg['condition_then'])})"
                                   rf"[^。；;！!？?，,]{{0,6}}?(?:{verbs})|(?:{alt(cfg['conditions'])})[^。；;！!？?]{{0,20}}?不[列填]"),
        # 根据实际情况填写 / 由主管部门根据…填写: no subject, a basis, a writing verb, no named source
        "basis": regex.compile(rf"(?:^|(?<=[。；;！!？?]))\s*(?:{alt(cfg['basis_openers'])})[^。；;！!？?《》“”]{{1,50}}?"
                               rf"(?:{verbs})(?=\s*(?:[。；;！!？?]|$))"),
    }


def instruction_spans(text: str) -> list[tuple[int, int]]:
    """Spans of writer instructions in a line, by the structures of instruction_patterns()."""
    body = LEAD_IN.sub(lambda m: " " * len(m.group()), text, count=1)
    out = []
    for pat in instruction_patterns().values():
        for m in pat.finditer(body):
            s = m.start() + len(m.group()) - len(m.group().lstrip())
            out.append((s, m.end()))
    return out


SPACES_AND_COLONS = regex.compile(r"[\s:：]")
BARE_INDICATOR = regex.compile(r"指标\d*")


def _norm(text: str) -> str:
    return SPACES_AND_COLONS.sub("", text)


class TemplatePlaceholder(Rule):
    """Template text never filled in: 目标内容1, XX, 某某, 【请填写】, alternatives never
    resolved (增加（减少）), instructions to the writer (（如持平作持平表述）, 仍保留该表格式), a
    performance indicator that only repeats its category name, a named indicator without a
    target value.

    *What it does*: matches the placeholder patterns shipped in linter/data/placeholders.txt
    in every line (error: a placeholder is certain), one finding a line that counts the
    placeholders on it (a template line holds many XX); in performance tables, flags a 三级指标
    or 指标描述 cell that only repeats a category name (三级指标 = 经济效益指标) and an
    indicator that has a name but no 指标值 (warnings).

    *Why it matters*: a published 绩效目标 of 「1.目标内容1」 sets no target at all; the
    document was released straight from the template.

    *Bad*:
        绩效目标 | 1.目标内容1

    *Good*:
        绩效目标 | 1.完成全县网络安全检查不少于10次
    """

    code = "BL302"
    name = "unfilled-template-placeholder"
    severity = "error"

    def check(self, doc):
        pats = patterns()
        for ln, text in scanned_lines(doc):
            hits: list[tuple[int, int]] = []
            spans = [m.span() for pat in pats for m in pat.finditer(text)] + instruction_spans(text)
            for a0, b0 in spans:
                if any(a < b0 and a0 < b for a, b in hits):
                    continue
                hits.append((a0, b0))
            if not hits:
                continue
            # one finding a line: a template line holds many XX, one report each would bury the rest
            hits.sort()
            s, e = hits[0]
            words = Counter(text[a:b].strip() for a, b in hits)
            listed = "、".join(f"`{w}`" + (f"×{n}" if n > 1 else "") for w, n in words.most_common(4))
            more = "…" if len(words) > 4 else ""
            count = f"（本行共 {len(hits)} 处：{listed}{more}）" if len(hits) > 1 else ""
            yield self.at_span(doc, ln.number, s, e, f"模板占位内容未填写：`{text[s:e].strip()}`{count}")
        yield from self._performance(doc)

    def _performance(self, doc):
        t = terms()
        cats = {_norm(c) for c in t["performance_categories"]}
        name_headers = [_norm(h) for h in t["performance_name_headers"]]
        value_headers = [_norm(h) for h in t["performance_value_headers"]]
        for table in doc.tables:
            header_row, name_cols, value_cols = self._header(table, name_headers, value_headers)
            if header_row is None:
                continue
            rows = table.rows[header_row + 1:]
            for i, row in enumerate(rows):
                if self._misaligned(row, cats):
                    continue  # a row shifted left by a broken merge: its columns mean nothing
                by_col = {}
                for c in row:
                    by_col[c.col] = c
                for col in name_cols:
                    c = by_col.get(col)
                    if c is not None and _norm(c.text) in cats:
                        yield self.at_cell(c, f"指标内容只重复了指标类别名称 `{c.text.strip()}`，未填写具体指标",
                                           severity="warning")
                named = [by_col[c] for c in name_cols if c in by_col and _norm(by_col[c].text)
                         and _norm(by_col[c].text) not in cats and not BARE_INDICATOR.fullmatch(_norm(by_col[c].text))]
                if not named or (i + 1 < len(rows) and self._misaligned(rows[i + 1], cats)):
                    continue  # the row goes on in the next, shifted one
                for col in value_cols:
                    c = by_col.get(col)
                    if c is None and col > max(by_col):
                        # a plain-text table drops trailing empty cells: the value is not there
                        yield self.at_cell(named[0], f"指标 `{named[0].text.strip()}` 未填写指标值", severity="warning")
                    elif c is not None and c.blank:
                        yield self.at_cell(named[0], f"指标 `{named[0].text.strip()}` 未填写指标值",
                                           related=[related_cell(c, "空的指标值")], severity="warning")

    @staticmethod
    def _misaligned(row, cats) -> bool:
        """The first cell holds neither a category (产出指标) nor nothing: the row's cells are
        shifted (空调柜机数量 | 1台 | … under 一级指标 | 二级指标 | 三级指标)."""
        first = next((c for c in row if c.col == 0), None)
        return first is not None and bool(_norm(first.text)) and _norm(first.text) not in cats

    @staticmethod
    def _header(table, name_headers, value_headers):
        for r, row in enumerate(table.rows[:40]):
            texts = [_norm(c.text) for c in row]
            if not any(x in ("一级指标", "二级指标") for x in texts):
                continue
            names = [c.col for c in row if _norm(c.text) in name_headers]
            values = [c.col for c in row if _norm(c.text) in value_headers]
            if names:
                return r, names, values
        return None, [], []

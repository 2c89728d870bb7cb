from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from linter.engine import Rule
from linter.findings import related_cell

from .common import lines_of, scanned_lines, terms


@lru_cache(maxsize=None)
def patterns():
    return [regex.compile(p) for p in lines_of("placeholders.txt")]


def _norm(text: str) -> str:
    return regex.sub(r"[\s:：]", "", text)


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
            for pat in pats:
                for m in pat.finditer(text):
                    if any(a < m.end() and m.start() < b for a, b in hits):
                        continue
                    hits.append(m.span())
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
                         and _norm(by_col[c].text) not in cats and not regex.fullmatch(r"指标\d*", _norm(by_col[c].text))]
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

from __future__ import annotations

import regex

from linter.engine import Rule
from linter.findings import related_cell
from linter.model import to_yuan_factor
from linter.numbers import Interval, agree, format_decimal, sum_agrees

from .stated import stated_amounts

# the 政府采购品目分类目录's three categories: 货物 A, 工程 B, 服务 C
CATEGORIES = {"货物": "A", "工程": "B", "服务": "C"}
TOTAL_WORDS = ("政府采购预算总金额", "政府采购支出预算总额", "政府采购预算总额", "政府采购预算")
CATEGORY_ROW = regex.compile(r"^\s*(?:[一二三四五六七八九十]+、)?\s*(货物|工程|服务)\s*([ABC])?\s*$")


class ProcurementCategoryMismatch(Rule):
    """The 政府采购预算 total and its 货物 / 工程 / 服务 split disagree with each other or with
    the 政府采购预算表.

    *What it does*: in the paragraph that states the 政府采购预算 total, reads the amounts of
    货物, 工程 and 服务 (拟购买货物59万元 …); checks that they add up to the total, and compares
    the total and each category with the 政府采购预算表's 合计 and its category rows (货物A,
    工程B, 服务C). The interval rule throughout.

    *Why it matters*: the split is what readers of a procurement plan look at; a total copied
    from last year or a category left unchanged makes the plan contradict itself.

    *Bad*:
        政府采购预算总金额为2247.85万元，其中拟购买货物59万元，拟购买服务2088.85万元。

    *Good*:
        政府采购预算总金额为2247.85万元，其中拟购买货物59万元，拟购买服务2188.85万元。
    """

    code = "JS102"
    name = "procurement-category-mismatch"
    severity = "error"

    def check(self, doc):
        table = next((t for t in doc.tables if t.kind == "procurement"), None)
        rows = _table_rows(table) if table is not None else {}
        for word in TOTAL_WORDS:
            totals = list(stated_amounts(doc, word))
            if totals:
                break
        for total in totals:
            para = total.paragraph
            parts = {}
            for cat in CATEGORIES:
                found = [s for s in stated_amounts(doc, cat) if s.paragraph is para and s.start > total.end]
                if found:
                    parts[cat] = found[0]
            if parts and not sum_agrees(total.yuan, [s.yuan for s in parts.values()]):
                yield self._at(doc, total, "政府采购预算总额{}，而所列货物、工程、服务合计{}万元".format(
                    _text(doc, total), format_decimal(_sum_wan(parts.values()), 2)))
            for key, stated in [("合计", total), *parts.items()]:
                cell = rows.get(key)
                if cell is None:
                    continue
                yuan = cell.amount.scaled(to_yuan_factor(table.unit))
                if not agree(stated.yuan, yuan):
                    label = "政府采购预算总额" if key == "合计" else key
                    yield self._at(doc, stated, f"{label}写为{_text(doc, stated)}，而《{table.label()}》为{cell.text.strip()}",
                                   related=[related_cell(cell, f"表中的{label}")])

    def _at(self, doc, stated, message, related=None):
        line, start, end = stated.paragraph.span(stated.start, stated.end)
        return self.at_span(doc, line, start, end, message, related=related)


def _text(doc, stated) -> str:
    return stated.paragraph.text[stated.start:stated.end]


def _sum_wan(stated) -> object:
    total = Interval.exact(0)
    for s in stated:
        total = total + Interval.of(s.yuan)
    return (total.low + total.high) / 2 / 10000


def _table_rows(table):
    """The 合计 and category cells of the table's last amount column: {'合计': cell, '货物': cell …}."""
    out = {}
    for row in table.data_rows():
        label = next((c.text.strip() for c in row if c.text.strip()), "")
        amount = next((c for c in reversed(row) if c.number is not None), None)
        if amount is None:
            continue
        m = CATEGORY_ROW.match(label)
        if label.replace(" ", "") in ("合计", "总计"):
            out.setdefault("合计", amount)
        elif m:
            out.setdefault(m.group(1), amount)
    return out

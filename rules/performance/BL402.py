from __future__ import annotations

from decimal import Decimal

from linter.cnnum import MONEY_FACTOR
from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import at_cell_span, cell_amount, fmt, funding_amounts, in_unit, in_yuan, target_tables
from linter.numbers import Interval, Number


def _yuan_text(value: Decimal, unit: str) -> str:
    """The sum written in the unit the funding text used (万 alone as 万元)."""
    unit = {"万": "万元", "亿": "亿元"}.get(unit, unit)
    return in_unit(value, unit)


class FundingBreakdownMismatch(Rule):
    """The 预算规模及资金用途 text adds up to another amount than the table's 预算数.

    *What it does*: reads the amounts written in a 项目绩效目标表's 资金用途 cell (元, 万元, 亿元,
    converted to the table's unit). A stated total (合计/共计 …) must equal 预算数 (error); without
    a total, the listed amounts (prices per 台/人/月 left out) must add up to 预算数 (warning).

    *Why it matters*: the funding description is the justification of the budget; when it adds up
    to a different sum, either the budget or its justification is wrong.

    *Bad*:
        预算数 7.41 (万元) | 资金用途: …取暖费合计：1900元/人/年，合计11.81万元

    *Good*:
        预算数 11.81 (万元) | 资金用途: …合计11.81万元
    """

    code = "BL402"
    name = "funding-breakdown-mismatch"
    severity = "error"

    def check(self, doc):
        for t in target_tables(doc):
            budget = cell_amount(t.budget)
            if budget is None or t.purpose is None or t.budget.blank:
                continue
            text = t.purpose.text.split("\n", 1)[0]
            found = funding_amounts(text)
            if not found:
                continue
            b = in_yuan(budget, t.unit)
            totals = [a for a in found if a.total and (a.rate is None or a.rate == "年")]
            items = [a for a in found if a.rate is None and not a.total]
            if totals:
                a = totals[-1]
                if Interval.of(a.yuan).meets(Interval.of(b)):
                    continue
                yield self._finding(t, a, text, budget, a.yuan.value, "所列合计", "error")
            elif items:
                total = Interval.exact(Decimal(0))
                for a in items:
                    total = total + Interval.of(a.yuan)
                if total.meets(Interval.of(b)):
                    continue
                s = sum((a.yuan.value for a in items), Decimal(0))
                yield self._finding(t, items[0] if len(items) == 1 else items[-1], text, budget, s,
                                    "所列金额合计" if len(items) > 1 else "所列金额", "warning", items)

    def _finding(self, t, a, text, budget: Number, yuan: Decimal, what, severity, items=None):
        in_table_unit = yuan / MONEY_FACTOR[t.unit]
        cell = t.purpose
        start = a.start if items is None or len(items) == 1 else items[0].start
        return at_cell_span(
            self, cell, start, a.end,
            f"{t.label()}资金用途{what}{_yuan_text(yuan, a.unit)}（{fmt(in_table_unit, 4)}{t.unit}），"
            f"与预算数{fmt(budget.value, budget.decimals)}{t.unit}不符，相差{fmt(in_table_unit - budget.value, 4)}{t.unit}",
            related=[related_cell(t.budget, "预算数")],
            suggestion=f"使资金用途与预算数一致：预算数应为{fmt(in_table_unit, 4)}{t.unit}，或改正资金用途中的金额",
            severity=severity,
        )

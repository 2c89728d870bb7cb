from __future__ import annotations

from linter.cnnum import quantity
from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import cell_amount, fmt, in_unit, in_yuan, is_cost, target_tables, vocab
from linter.numbers import Interval


def _unit_name(unit: str) -> str:
    """The unit a suggestion is written in: the indicator's own (万 alone as 万元)."""
    return {"万": "万元", "亿": "亿元"}.get(unit, unit)


class CostIndicatorBudgetMismatch(Rule):
    """A 成本指标 money value contradicts the project's 预算数.

    *What it does*: in a 项目绩效目标表, a cost indicator for the project's total cost (项目总成本,
    年度需支出总额, 总预算控制额 …) written as an amount must equal 预算数 (≤ / = / plain) or not
    exceed it (≥); any cost amount larger than 预算数 is reported too. Units (元 / 万元) are
    converted; values agree under the interval rule.

    *Why it matters*: the cost indicator is the budget restated as a target; a cost cap above or
    below the budget means the target was copied from another project or year.

    *Bad*:
        预算数 10.00 (万元) | 成本指标 项目总成本 ≤12万元

    *Good*:
        预算数 10.00 (万元) | 成本指标 项目总成本 ≤10万元
    """

    code = "BL403"
    name = "cost-indicator-budget-mismatch"
    severity = "warning"

    def check(self, doc):
        words = vocab()["total_cost_words"]
        for t in target_tables(doc):
            budget = cell_amount(t.budget)
            if budget is None or t.budget.blank or budget.value == 0:
                continue
            b = in_yuan(budget, t.unit)
            for ind in t.indicators:
                if not is_cost(ind) or ind.value is None:
                    continue
                q = quantity(ind.value.text)
                if q is None or not q.is_money:
                    continue
                v = in_yuan(q.number, q.unit)
                total = any(w in ind.name + ind.desc for w in words)
                iv, ib = Interval.of(v), Interval.of(b)
                if total and q.op in ("", "=", "≤", "<"):
                    bad = not iv.meets(ib)
                else:
                    bad = iv.low > ib.high
                if not bad:
                    continue
                what = "总成本" if total else "成本指标金额"
                yield self.at_cell(
                    ind.value,
                    f"{t.label()}{what}「{ind.name}」为{ind.value.text.strip()}，"
                    f"预算数为{fmt(budget.value, budget.decimals)}{t.unit}",
                    related=[related_cell(t.budget, "预算数")],
                    suggestion=(f"{q.op if q.op in ('≤', '<') else ''}{in_unit(b.value, _unit_name(q.unit))}"
                                if total else "成本指标不应超过项目预算数"),
                )

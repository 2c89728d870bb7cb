from __future__ import annotations

from decimal import Decimal

from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import fmt, percent, target_tables


class SpendingPlanNotCumulative(Rule):
    """A 资金支出计划 that neither rises to 100% nor adds up to 100%.

    *What it does*: the 资金支出计划（%） of a 项目绩效目标表 (3月底, 6月底, 10月底, 12月底) is a
    cumulative schedule: it must not fall and must end at 100%. A schedule whose periods add up to
    100% is accepted as per-period. Anything else is reported at the first offending cell.

    *Why it matters*: a schedule that falls back or stops short of 100% cannot be executed as
    written: either the project is not meant to spend its budget, or a figure is mistyped.

    *Bad*:
        3月底 25% | 6月底 50% | 10月底 45% | 12月底 100%

    *Good*:
        3月底 25% | 6月底 50% | 10月底 75% | 12月底 100%
    """

    code = "BL408"
    name = "spending-plan-not-cumulative"
    severity = "error"

    def check(self, doc):
        for t in target_tables(doc):
            cells = [c for _, c in t.plan]
            values = [percent(c) for c in cells]
            if len(values) < 2 or any(v is None for v in values):
                continue
            vals = [v.value for v in values]
            if sum(vals) == Decimal(100) or (all(b >= a for a, b in zip(vals, vals[1:])) and vals[-1] == 100):
                continue
            related = [related_cell(c, label) for label, c in t.plan]
            for k in range(1, len(vals)):
                if vals[k] < vals[k - 1]:
                    yield self.at_cell(
                        cells[k], f"{t.label()}资金支出计划{t.plan[k][0]}为{fmt(vals[k])}%，低于"
                        f"{t.plan[k - 1][0]}的{fmt(vals[k - 1])}%（累计进度不应回落）",
                        related=related, suggestion=f"不低于{fmt(vals[k - 1])}%")
                    break
            else:
                last = cells[-1]
                yield self.at_cell(
                    last, f"{t.label()}资金支出计划{t.plan[-1][0]}为{fmt(vals[-1])}%，累计进度未达到100%"
                    if vals[-1] < 100 else f"{t.label()}资金支出计划{t.plan[-1][0]}为{fmt(vals[-1])}%，超过100%",
                    related=related, suggestion="100%", severity="warning" if vals[-1] < 100 else None)

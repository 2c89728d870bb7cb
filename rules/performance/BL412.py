from __future__ import annotations

from decimal import Decimal

from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import (at_precision, execution_indicators, execution_rate, fmt, percent, score_decimals,
                          self_eval_tables)
from linter.numbers import Interval


# how far a printed execution rate may stand from 执行数 ÷ 预算数 and still be that rate rounded
# (the amounts are rounded too): percentage points
ROUNDING = Decimal("0.01")


class ExecutionScoreTooHigh(Rule):
    """The 预算执行率 indicator scores more than the execution rate allows.

    *What it does*: the usual scoring of the 预算执行率 indicator is its weight × 执行数 ÷ 预算数
    (10分 × 57.8% = 5.78分). A printed score above that (beyond its rounding) is reported, unless it
    follows from the rate the form prints where that rate is the amounts' own, rounded (97.65% × 10
    = 9.765 → 9.77 while 830 ÷ 850 × 10 = 9.7647). The
    weight is the row's own 分值 (the Ministry of Finance form, whose 年度资金总额 row is scored the
    same way), else the one written in the 一级指标 cell (预算执行率指标（10分）), else 10.

    *Why it matters*: full marks for execution that did not happen inflate the project's total
    score and possibly its grade.

    *Bad*:
        预算执行率指标（10分） | 执行数 5.78 / 预算数 10 | 自评得分 10

    *Good*:
        预算执行率指标（10分） | 执行数 5.78 / 预算数 10 | 自评得分 5.78
    """

    code = "BL412"
    name = "execution-score-too-high"
    severity = "warning"

    def check(self, doc):
        for s in self_eval_tables(doc):
            rate = execution_rate(s)
            if rate is None or rate >= 100:
                continue
            for ind in execution_indicators(s):
                score = ind.score.number if ind.score is not None else None
                if score is None:
                    continue
                points = ind.points.number if ind.points is not None else None
                weight = points.value if points is not None else (
                    ind.weight.value if ind.weight is not None else Decimal(10))
                allowed = weight * rate / 100
                lowest = at_precision(score, score_decimals(s)).low
                if lowest <= allowed:
                    continue
                printed = percent(s.progress)
                shown = Interval.of(printed) if printed is not None else None
                if shown is not None and shown.low - ROUNDING <= rate <= shown.high + ROUNDING \
                        and lowest <= weight * shown.high / 100:
                    continue  # scored from the rate the form prints, itself right (97.65% × 10 = 9.765 → 9.77)
                yield self.at_cell(
                    ind.score,
                    f"{s.label()}{ind.name if ind.funding else '预算执行率指标'}得{ind.score.text.strip()}分，"
                    f"按执行率{fmt(rate, 2)}%最多"
                    f"{fmt(allowed, 2)}分（权重{fmt(weight)}分）",
                    related=[related_cell(s.executed, "执行数"), related_cell(s.budget, "预算数")],
                    suggestion=f"{fmt(allowed, 2)}",
                )

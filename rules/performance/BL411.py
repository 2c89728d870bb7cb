from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import (execution_indicators, execution_rate, fmt, percent, rate_agrees, rate_severity,
                          self_eval_tables)


class ExecutionIndicatorOverstated(Rule):
    """The 预算执行率 indicator reports another rate than the table's own 执行数 / 预算数.

    *What it does*: in a 绩效自评表, the 实际完成值 of the 预算执行率 indicator must agree with
    执行数 ÷ 预算数 of the same table (interval rule on the printed percentage); severity as BL410.

    *Why it matters*: a project that spent 5.78 of 10 万元 reporting 100% budget execution claims
    a result the table itself contradicts, and takes the indicator's full score with it.

    *Bad*:
        预算数 10 | 执行数 5.78 | 预算执行率 实际完成值 100%

    *Good*:
        预算数 10 | 执行数 5.78 | 预算执行率 实际完成值 57.8%
    """

    code = "BL411"
    name = "execution-indicator-overstated"
    severity = "error"

    def check(self, doc):
        for s in self_eval_tables(doc):
            rate = execution_rate(s)
            if rate is None:
                continue
            for ind in execution_indicators(s, funding=False):  # the 执行率 cell is BL410's
                p = percent(ind.actual)
                if p is None or rate_agrees(p, rate):
                    continue
                related = [related_cell(s.executed, "执行数"), related_cell(s.budget, "预算数")]
                if ind.score is not None:
                    related.append(related_cell(ind.score, "该指标自评得分"))
                yield self.at_cell(
                    ind.actual,
                    f"{s.label()}预算执行率实际完成值{ind.actual.text.strip()}，而执行数{s.executed.text.strip()}"
                    f"÷预算数{s.budget.text.strip()}={fmt(rate, 2)}%",
                    related=related, suggestion=f"{fmt(rate, 2)}%", severity=rate_severity(p, s),
                )

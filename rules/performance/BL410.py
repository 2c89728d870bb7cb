from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import execution_rate, fmt, percent, rate_agrees, rate_severity, self_eval_tables
from linter.numbers import format_decimal


class ExecutionRateMismatch(Rule):
    """A 绩效自评表's 预算执行进度 is not 执行数 / 预算数.

    *What it does*: computes 执行数 ÷ 预算数 from the amounts as printed and checks the printed
    预算执行进度 (in the Ministry of Finance form: 全年执行数 ÷ 全年预算数 against 执行率) with the interval rule on the rate's own precision: 99.99% stands for
    [99.985%, 99.995%], which 29.99 ÷ 30 = 99.97% is not in; 58% stands for [57.5%, 58.5%], which
    5.78 ÷ 10 = 57.8% is. Severity is error when no amounts that round to the printed ones give
    the printed rate, warning when only the printed amounts contradict it (29.99 ÷ 30.00 may be
    29.994 ÷ 29.996 = 99.99%).

    *Why it matters*: the execution rate is the headline number of a self-evaluation; a rate that
    does not follow from the table's own amounts overstates (or understates) execution.

    *Bad*:
        预算数 30 | 执行数 29.99 | 预算执行进度 99.99%

    *Good*:
        预算数 30 | 执行数 29.99 | 预算执行进度 99.97%
    """

    code = "BL410"
    name = "execution-rate-mismatch"
    severity = "error"

    def check(self, doc):
        for s in self_eval_tables(doc):
            rate = execution_rate(s)
            p = percent(s.progress)
            if rate is None or p is None:
                continue
            if rate_agrees(p, rate):
                continue
            executed, budget = ("全年执行数", "全年预算数") if s.layout == "mof" else ("执行数", "预算数")
            yield self.at_cell(
                s.progress,
                f"{s.label()}{s.rate_label}{s.progress.text.strip()}，{executed}{s.executed.text.strip()}÷{budget}"
                f"{s.budget.text.strip()}={fmt(rate, 4)}%",
                related=[related_cell(s.executed, executed), related_cell(s.budget, budget)],
                suggestion=f"{format_decimal(rate, p.decimals)}%", severity=rate_severity(p, s),
            )

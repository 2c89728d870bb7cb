from __future__ import annotations

from decimal import Decimal

import regex

from linter.cnnum import MONEY_FACTOR, amount_after
from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import cell_amount, in_unit, in_yuan, self_eval_tables, words_pattern
from linter.numbers import Interval, interval_sum



def _introduced_by(key: str):
    """The words (performance.json `key`, then an optional 为/共计/合计) that introduce a figure;
    the amount after them is read by linter.cnnum in any unit (调整预算数156.75万元 and 调整预算数
    1,567,500 元 say the same)."""
    return regex.compile(rf"(?:{words_pattern(key)})\s*(?:{words_pattern('amount_links')})?")


def _stated(pattern, para, start: int = 0):
    """(start of the words, the amount token) of the first place from `start` where the
    words are followed by an amount; None when there is none."""
    for m in pattern.finditer(para.text, start):
        amount = amount_after(para.numbers, para.text, m.end())
        if amount is not None:
            return m.start(), amount
    return None


class DepartmentExecutionVsProjects(Rule):
    """The report's 调整预算 and 支出 figures contradict its project self-evaluation tables.

    *What it does*: reads "调整预算数X万元 … 支出Y万元" (in any unit: 元, 千元, 万元, 亿元, with
    thousands separators or full-width digits) in a 绩效自评报告 and compares with the
    project tables: the projects' 预算数 cannot add up to more than the 调整预算 (error); a
    department that spent exactly its adjusted budget cannot have projects that left money unspent
    (warning: the rest would have to be overspent).

    *Why it matters*: the whole-department figures and the project tables describe the same money;
    100% overall execution next to projects executed at 58% means one of them is wrong.

    *Bad*:
        调整预算数156.75万元，支出156.75万元 … 项目执行数5.78 / 预算数10

    *Good*:
        调整预算数156.75万元，支出152.52万元 … 项目执行数5.78 / 预算数10
    """

    code = "BL417"
    name = "department-execution-vs-projects"
    severity = "warning"

    def check(self, doc):
        tables = [s for s in self_eval_tables(doc) if cell_amount(s.budget) is not None and s.budget is not None
                  and not s.budget.blank]
        if not tables:
            return
        budgets = [in_yuan(cell_amount(s.budget), s.unit) for s in tables]
        executed = [in_yuan(cell_amount(s.executed), s.unit) for s in tables if cell_amount(s.executed) is not None]
        b_sum = interval_sum(budgets)
        e_sum = interval_sum(executed)
        unspent = sum((b.value for b in budgets), Decimal(0)) - sum((e.value for e in executed), Decimal(0))
        for ln in doc.paragraphs:
            text = ln.text
            a = _stated(_introduced_by("adjusted_budget_words"), ln)
            if not a:
                continue
            (a_start, a_amount), unit = a, a[1].unit
            adj = a_amount.number.scaled(MONEY_FACTOR[unit])
            if b_sum.low > Interval.of(adj).high:
                yield self.at_span(
                    doc, *ln.span(a_start, a_amount.end),
                    f"调整预算{text[a_start:a_amount.end]}，少于{len(tables)}个项目预算数合计"
                    f"{in_unit(sum((b.value for b in budgets), Decimal(0)), unit)}",
                    related=[related_cell(s.budget, f"{s.name}预算数") for s in tables][:10],
                    severity="error",
                )
                continue
            sp = _stated(_introduced_by("spent_words"), ln, a_amount.end)
            if not sp or len(executed) != len(tables):
                continue
            sp_start, sp_amount = sp
            said = text[sp_start:sp_amount.end]
            spent = sp_amount.number.scaled(MONEY_FACTOR[sp_amount.unit])
            if spent.value == adj.value and unspent > 0 and e_sum.high < b_sum.low:
                short = [s for s in tables if cell_amount(s.executed).value < cell_amount(s.budget).value]
                yield self.at_span(
                    doc, *ln.span(sp_start, sp_amount.end),
                    f"{'' if said.startswith('全年') else '全年'}{said}，等于调整预算（执行率100%），"
                    f"但项目自评表执行数比预算数少"
                    f"{in_unit(unspent, unit)}",
                    related=[related_cell(s.executed, f"{s.name}执行数（预算{s.budget.text.strip()}）") for s in short],
                    suggestion=f"核对支出数：项目未执行{in_unit(unspent, unit)}",
                )

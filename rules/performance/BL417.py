from __future__ import annotations

from decimal import Decimal

from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import (budget_kind, cell_amount, figure_span, fmt, following, in_unit, in_yuan, named_form, percent,
                          project_self_evals, rate_bounds, self_eval_tables, spending_subject, stated_rate_holds, vocab)
from linter.numbers import Interval, interval_sum
from linter.statements import statements_of


class DepartmentExecutionVsProjects(Rule):
    """The report's 调整预算 and 支出 figures contradict its project self-evaluation tables.

    *What it does*: reads the department's adjusted budget (调整预算数X万元, 调整后预算, 全年调整预算
    …) and the spending stated after it in the same sentence (支出Y万元, 实际支出, 全年执行) from the
    narrative's statements (linter.statements, in any unit: 元, 万元, thousands separators,
    full-width digits) and compares them with the project tables: the projects' 预算数 cannot add
    up to more than the 调整预算 (error); a department that spent exactly its adjusted budget cannot
    have projects that left money unspent (warning: the rest would have to be overspent). With a
    部门整体支出绩效自评表, the 调整预算 and the spending are also its 全年预算数 and 全年执行数, and an
    execution rate stated after them its 执行率 (error);
    that form is the department's, not one of the projects. A figure whose statement names one of
    the projects is that project's (BL418), not the department's.

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
        departments = [s for s in self_eval_tables(doc) if not s.is_project and cell_amount(s.budget) is not None
                       and not s.budget.blank]
        tables = [s for s in project_self_evals(doc) if cell_amount(s.budget) is not None and s.budget is not None
                  and not s.budget.blank]
        if departments:
            yield from self._against_department_form(doc, departments[0], tables)
        if not tables:
            return
        budgets = [in_yuan(cell_amount(s.budget), s.unit) for s in tables]
        executed = [in_yuan(cell_amount(s.executed), s.unit) for s in tables if cell_amount(s.executed) is not None]
        b_sum = interval_sum(budgets)
        e_sum = interval_sum(executed)
        unspent = sum((b.value for b in budgets), Decimal(0)) - sum((e.value for e in executed), Decimal(0))
        for st in statements_of(doc):
            if named_form(st, tables) is not None:
                continue  # a project's own budget
            for q in st.all("budget", money=True):
                if budget_kind(doc, st, q) != "adjusted" or q.year is not None:
                    continue
                yield from self._check(doc, st, q, tables, budgets, b_sum, e_sum, executed, unspent)
                break

    def _against_department_form(self, doc, form, projects):
        """The narrative's 调整预算 and the spending after it against the 部门整体支出绩效自评表's
        全年预算数 and 全年执行数: the same two figures (error)."""
        for st in statements_of(doc):
            if named_form(st, projects) is not None:
                continue
            for q in st.all("budget", money=True):
                if budget_kind(doc, st, q) != "adjusted" or q.year is not None:
                    continue
                pairs = [(q, form.budget, "全年预算数")]
                spent = next((x for x in following(doc, st, q, "amount") if x.is_money and spending_subject(x)), None)
                if spent is not None and cell_amount(form.executed) is not None:
                    pairs.append((spent, form.executed, "全年执行数"))
                reported = False
                for x, cell, what in pairs:
                    if x.interval().meets(Interval.of(in_yuan(cell_amount(cell), form.unit))):
                        continue
                    reported = True
                    line, start, end = figure_span(doc, _statement_of(doc, x, st), x)
                    yield self.at_span(
                        doc, line, start, end,
                        f"说明中「{doc.line(line).text[start:end]}」，{form.label()}{what}为{cell.text.strip()}{form.unit}",
                        related=[related_cell(cell, f"部门整体支出绩效自评表{what}")],
                        suggestion=in_unit(in_yuan(cell_amount(cell), form.unit).value, x.unit), severity="error",
                    )
                rate = next((x for x in following(doc, st, q, "rate")
                             if x.unit == "%" and any(w in x.word for w in vocab()["execution_words"])), None)
                # a rate that follows from figures already reported, or that the text's own
                # figures contradict (BL205's), is not reported again
                if rate is not None and not reported and (spent is None or stated_rate_holds(rate, q, spent)):
                    yield from self._rate(doc, st, rate, form)
                break

    def _rate(self, doc, st, q, form):
        """The department's 预算执行率 stated after its figures against the form's 执行率."""
        bounds, printed = rate_bounds(form), percent(form.progress)
        said = Interval.of(q.value)
        if bounds is None or said.meets(bounds) or (printed is not None and said.meets(Interval.of(printed))):
            return
        line, start, end = figure_span(doc, _statement_of(doc, q, st), q)
        mid = (bounds.low + bounds.high) / 2
        yield self.at_span(
            doc, line, start, end,
            f"说明中「{doc.line(line).text[start:end]}」，{form.label()}全年执行数{form.executed.text.strip()}÷全年预算数"
            f"{form.budget.text.strip()}={fmt(mid, 2)}%",
            related=[related_cell(form.executed, "全年执行数"), related_cell(form.budget, "全年预算数")],
            suggestion=f"{fmt(mid, max(q.value.decimals, 0))}%", severity="error",
        )

    def _check(self, doc, st, q, tables, budgets, b_sum, e_sum, executed, unspent):
        line, start, end = figure_span(doc, st, q)
        said_budget = doc.line(line).text[start:end]
        adj = q.interval()
        if b_sum.low > adj.high:
            yield self.at_span(
                doc, line, start, end,
                f"调整预算{said_budget}，少于{len(tables)}个项目预算数合计"
                f"{in_unit(sum((b.value for b in budgets), Decimal(0)), q.unit)}",
                related=[related_cell(s.budget, f"{s.name}预算数") for s in tables][:10],
                severity="error",
            )
            return
        spent = next((x for x in following(doc, st, q, "amount") if x.is_money and spending_subject(x)), None)
        if spent is None or len(executed) != len(tables):
            return
        if spent.interval() != adj or not unspent > 0 or not e_sum.high < b_sum.low:
            return
        sline, sstart, send = figure_span(doc, _statement_of(doc, spent, st), spent)
        said = doc.line(sline).text[sstart:send]
        short = [s for s in tables if cell_amount(s.executed).value < cell_amount(s.budget).value]
        yield self.at_span(
            doc, sline, sstart, send,
            f"{'' if said.startswith('全年') else '全年'}{said}，等于调整预算（执行率100%），"
            f"但项目自评表执行数比预算数少{in_unit(unspent, spent.unit)}",
            related=[related_cell(s.executed, f"{s.name}执行数（预算{s.budget.text.strip()}）") for s in short],
            suggestion=f"核对支出数：项目未执行{in_unit(unspent, spent.unit)}",
        )


def _statement_of(doc, q, near):
    """The statement holding quantity q (the one after `near` in its paragraph)."""
    for other in statements_of(doc)[near.index:]:
        if any(x is q for x in other.quantities):
            return other
    return near

from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import (budget_kind, cell_amount, figure_span, fmt, in_unit, in_yuan, named_form, percent,
                          project_self_evals, rate_bounds, stated_rate_holds, vocab)
from linter.numbers import Interval
from linter.statements import statements_of


class ProjectFiguresVsSelfEvaluation(Rule):
    """The report states a project's budget, spending or execution rate differently from the
    project's own 绩效自评表.

    *What it does*: reads the narrative's statements (linter.statements, the same the BL2 family
    reads) whose subject is one of the projects that have a 绩效自评表 (“科普活动经费”项目,
    科普活动经费, 科普活动项目 …) and compares, in any unit and under the interval rule:
    a budget (预算数, 全年预算数, 调整后预算) with the form's 预算数 / 全年预算数 (年初预算 with the
    MoF form's 年初预算数); the spending stated after it (执行数, 实际支出, 支出) with 执行数 /
    全年执行数; an amount stated alone with any of the form's amounts; an execution rate
    (执行率96%, 完成预算的96%; not a 完成率 of the work) with 执行数 ÷ 预算数 or the rate the form
    prints. Figures of an earlier year (2023年预算40万元，执行38万元) are not this year's, up to a
    word or sentence that returns to the report's year (；2024年全年预算…, 本年执行…).

    *Why it matters*: the report and the form describe the same project; the reader of the report
    is told another budget or another execution than the one that was scored.

    *Bad*:
        科普活动经费项目全年预算数50万元，全年执行数46万元 … 自评表 全年预算数 50 | 全年执行数 48

    *Good*:
        科普活动经费项目全年预算数50万元，全年执行数48万元，执行率96%
    """

    code = "BL418"
    name = "project-figures-vs-self-evaluation"
    severity = "error"

    def check(self, doc):
        forms = [s for s in project_self_evals(doc) if cell_amount(s.budget) is not None and not s.budget.blank]
        for st in statements_of(doc):
            s = named_form(st, forms)
            if s is None:
                continue
            budget_stated = reported = False
            prior_end = None  # where the last figure of an earlier year ends (2023年预算40万元)
            for q in st.quantities:
                if q.year is not None or q.role == "prior":
                    prior_end = q.end
                    continue
                if prior_end is not None and not _current_again(st.text[prior_end:q.pos], doc.meta.year):
                    continue  # 2023年预算40万元，执行38万元: the spending of that year too
                if q.role == "budget" and q.is_money:
                    budget_stated = True
                    initial = budget_kind(doc, st, q) == "initial"
                    cell = s.initial if initial else s.budget
                    what = "年初预算数" if initial else ("全年预算数" if s.layout == "mof" else "预算数")
                    f = self._money(doc, st, q, s, [(cell, what)])
                elif q.role == "amount" and q.is_money:
                    executed = "全年执行数" if s.layout == "mof" else "执行数"
                    if budget_stated:
                        f = self._money(doc, st, q, s, [(s.executed, executed)])
                    else:  # an amount stated alone may be any of the form's amounts
                        cells = [(c, k) for k, c in s.totals.items()] + [(s.arrived, "到位数")]
                        f = self._money(doc, st, q, s, cells)
                elif q.role == "rate" and q.unit == "%" and any(w in q.word for w in vocab()["execution_words"]):
                    # one defect, one finding: a rate that follows from an amount already reported,
                    # or that the statement's own amounts contradict (BL205's), is not reported again
                    budget, spent = st.one("budget", True), st.one("amount", True)
                    if reported or (budget is not None and spent is not None and not stated_rate_holds(q, budget, spent)):
                        continue
                    f = self._rate(doc, st, q, s)
                else:
                    continue
                if f is not None:
                    reported = True
                    yield f

    def _money(self, doc, st, q, s, cells):
        cells = [(c, what) for c, what in cells if c is not None and cell_amount(c) is not None]
        if not cells:
            return None
        if any(q.interval().meets(Interval.of(in_yuan(cell_amount(c), s.unit))) for c, _ in cells):
            return None
        line, start, end = figure_span(doc, st, q)
        said = doc.line(line).text[start:end]
        cell, what = cells[0]
        table = "、".join(f"{w}{c.text.strip()}" for c, w in cells)
        return self.at_span(
            doc, line, start, end,
            f"说明中「{s.name}」写「{said}」，{s.label()}{table}（{s.unit}）",
            related=[related_cell(c, f"{s.name}{w}") for c, w in cells],
            suggestion=in_unit(in_yuan(cell_amount(cell), s.unit).value, q.unit) if len(cells) == 1 else None,
        )

    def _rate(self, doc, st, q, s):
        bounds = rate_bounds(s)
        if bounds is None:
            return None
        printed = Interval.of(q.value)
        if printed.meets(bounds):
            return None
        form_rate = percent(s.progress)
        if form_rate is not None and printed.meets(Interval.of(form_rate)):
            return None  # the form prints the same rate: BL410 reports it there
        line, start, end = figure_span(doc, st, q)
        mid = (bounds.low + bounds.high) / 2
        executed, budget = ("全年执行数", "全年预算数") if s.layout == "mof" else ("执行数", "预算数")
        return self.at_span(
            doc, line, start, end,
            f"说明中「{s.name}」写「{doc.line(line).text[start:end]}」，{s.label()}{executed}{s.executed.text.strip()}"
            f"÷{budget}{s.budget.text.strip()}={fmt(mid, 2)}%",
            related=[related_cell(s.executed, f"{s.name}{executed}"), related_cell(s.budget, f"{s.name}{budget}")],
            suggestion=f"{fmt(mid, max(q.value.decimals, 0))}%",
        )


def _current_again(between: str, year: int | None) -> bool:
    """Words between an earlier year's figure and the next one that bring the text back to the
    report's own year (；2024年全年预算…, 本年执行…) or end the sentence."""
    marks = vocab()["current_period_words"]["words"] + ([f"{year}年"] if year else [])
    return any(ch in between for ch in "。；;") or any(m in between for m in marks)

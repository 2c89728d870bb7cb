from __future__ import annotations

from decimal import Decimal

from linter.cnnum import fold
from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import (cell_amount, fmt, overall_scores, project_named_before, project_self_evals, vocab,
                          whole_department_report)
from linter.numbers import Interval, parse_number

class OverallScoreMismatch(Rule):
    """The report's overall score is neither the average nor the budget-weighted average of
    its projects' 总分.

    *What it does*: in a 绩效自评报告 with several 绩效自评表, the score stated in the text
    (总得分94分) is compared with the simple mean of the tables' 总分 and with their mean weighted
    by 预算数; when it agrees with neither (interval rule on the printed score), it is reported. A
    score in a clause naming one project (“文物安全巡查经费”项目自评得分98.4分) is that project's
    and is compared with its table's 总分 instead, as is one whose clause points back to the
    project its paragraph named (（一）A项目。该项目…。项目自评得分98分). In a report on the
    whole department, its 部门整体 score is scored on its own form, not averaged from the projects.

    *Why it matters*: the overall score is derived from the project scores; a figure that follows
    from neither usual definition was typed in, not computed.

    *Bad*:
        5 projects scored 100, 100, 100, 70, 100 … 总得分 98 分

    *Good*:
        5 projects scored 100, 100, 100, 70, 100 … 总得分 94 分
    """

    code = "BL414"
    name = "overall-score-mismatch"
    severity = "warning"

    def check(self, doc):
        tables = [s for s in project_self_evals(doc) if s.total is not None and s.total.number is not None]
        if len(tables) < 2:
            return
        totals = [s.total.number.value for s in tables]
        mean = sum(totals, Decimal(0)) / len(totals)
        weights = [cell_amount(s.budget) for s in tables]
        weighted = None
        if all(w is not None and w.value > 0 for w in weights):
            wsum = sum((w.value for w in weights), Decimal(0))
            weighted = sum((w.value * t for w, t in zip(weights, totals)), Decimal(0)) / wsum
        whole = whole_department_report(doc)
        for ln, m in overall_scores(doc):
            stated = parse_number(m.group(2))
            iv = Interval.of(stated)
            own = project_named_before(fold(ln.text), m.start(), tables)
            if own is not None:
                # “文物安全巡查经费”项目自评得分98.4分 is that project's score, not the overall one
                if not iv.meets(Interval.of(own.total.number)):
                    yield self.at_span(
                        doc, *ln.span(m.start(2), m.end(2)),
                        f"说明中「{own.name}」得分{m.group(2)}分，{own.label()}总分为{own.total.text.strip()}",
                        related=[related_cell(own.total, f"{own.name}总分")], suggestion=own.total.text.strip(),
                    )
                continue
            if whole and any(w in _clause_with_score_word(fold(ln.text), m) for w in vocab()["whole_department_words"]["words"]):
                continue  # 部门整体自评得分: scored on the department's own form, not the projects'
            if iv.meets(Interval.exact(mean)) or (weighted is not None and iv.meets(Interval.exact(weighted))):
                continue
            extra = f"，按预算数加权{fmt(weighted, 2)}" if weighted is not None else ""
            yield self.at_span(
                doc, *ln.span(m.start(2), m.end(2)),
                f"总得分{m.group(2)}分，{len(tables)}个项目自评总分平均{fmt(mean, 2)}{extra}",
                related=[related_cell(s.total, f"{s.name}总分") for s in tables][:10],
                suggestion=fmt(mean, 2),
            )


def _clause_with_score_word(text: str, m) -> str:
    """The clause before a score with its score word (部门整体自评得分95分 → 部门整体自评得分)."""
    return text[max(text.rfind(p, 0, m.start()) for p in "。；;，,") + 1:m.end(1)]

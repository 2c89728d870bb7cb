from __future__ import annotations

from linter.cnnum import fold
from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import (at_precision, category_stem, fmt, overall_scores, project_named_before,
                          project_self_evals, score_breakdown, score_decimals, self_eval_tables)
from linter.numbers import Interval, decimal_sum, interval_sum, parse_number, sum_agrees


class ScoreTotalMismatch(Rule):
    """A 绩效自评表's indicator scores do not add up to its 总分, or exceed their category weight.

    *What it does*: adds the 自评得分 of every indicator row (in the Ministry of Finance form also
    the 年度资金总额 row's 得分), each read at the precision of its score column (20 beside 8.46
    is 20.00), and compares the sum with the 总分 row (interval rule); checks that
    no row scores above its own 分值 and that the 分值 add up to the 总分 row's 分值 (100); and that
    the scores within a 一级指标 written with its weight (产出指标（40）) add up to no more than
    that weight. In the narrative, the 一级指标 scores listed after a total (总得分95分，其中产出
    指标得分40分、效益指标…) cannot add up to more than it; for one project's score (named in its
    clause, or the report's only project form) they must add up to it when every category of the
    form is listed, and each must be the form's scores of that category summed.

    *Why it matters*: the total decides the grade; a total that is not the sum of its scores,
    or a category scored above its weight, is an arithmetic error in the evaluation itself.

    *Bad*:
        10 + 10 + 10 + 10 + 10 + 10 + 10 = 70 … 总分 100

    *Good*:
        10 + 10 + 10 + 10 + 10 + 10 + 10 = 70 … 总分 70
    """

    code = "BL413"
    name = "score-total-mismatch"
    severity = "error"

    def check(self, doc):
        yield from self._narrative_breakdowns(doc)
        for s in self_eval_tables(doc):
            scored = [i for i in s.indicators if i.score is not None and i.score.number is not None]
            if not scored:
                continue
            dec = score_decimals(s)
            parts = [at_precision(i.score.number, dec) for i in scored]
            if s.total is not None and s.total.number is not None and \
                    not sum_agrees(at_precision(s.total.number, dec), parts):
                total = decimal_sum(parts)
                dec = max(p.decimals for p in parts)
                yield self.at_cell(
                    s.total, f"{s.label()}总分{s.total.text.strip()}，各指标自评得分合计{fmt(total, dec)}，"
                    f"相差{fmt(s.total.number.value - total, dec)}",
                    related=[related_cell(i.score, i.name or i.level2) for i in scored][:10],
                    suggestion=fmt(total, dec),
                )
            for i in scored:
                points = i.points.number if i.points is not None else None
                # a 分值 is assigned, not rounded: exact
                if points is not None and at_precision(i.score.number, dec).low > points.value:
                    yield self.at_cell(
                        i.score, f"{s.label()}「{i.name or i.level2}」得分{i.score.text.strip()}，超过该指标分值"
                        f"{i.points.text.strip()}",
                        related=[related_cell(i.points, "分值")], suggestion=f"不超过{i.points.text.strip()}",
                    )
            with_points = [i for i in s.indicators if i.points is not None and i.points.number is not None]
            tp = s.total_points.number if s.total_points is not None else None
            if tp is not None and with_points and decimal_sum(i.points.number for i in with_points) != tp.value:
                total = decimal_sum(i.points.number for i in with_points)
                yield self.at_cell(
                    s.total_points, f"{s.label()}总分栏分值{s.total_points.text.strip()}，各指标分值合计{fmt(total)}",
                    related=[related_cell(i.points, i.name or i.level2) for i in with_points][:10],
                    suggestion=fmt(total),
                )
            groups: dict[str, list] = {}
            for i in scored:
                if i.weight is not None:
                    groups.setdefault(i.level1, []).append(i)
            for level1, items in groups.items():
                weight = items[0].weight
                total = decimal_sum(i.score.number for i in items)
                lowest = sum(at_precision(i.score.number, dec).low for i in items)
                if lowest > weight.high:
                    cell = items[0].level1_cell or items[0].score
                    yield self.at_cell(
                        cell, f"{s.label()}{level1}权重{fmt(weight.value)}分，其下指标得分合计{fmt(total)}分",
                        related=[related_cell(i.score, i.name or i.level2) for i in items][:10],
                        suggestion=f"该类指标得分合计不超过{fmt(weight.value)}分",
                    )

    def _narrative_breakdowns(self, doc):
        """总得分95分，其中产出指标38分、效益指标27分…: the listed 一级指标 scores cannot add up
        to more than the total; when the score is one project's (named in its clause, or the only
        project form) and every category of its form is listed, they add up to the total; and
        each must be the form's own scores of that category summed."""
        forms = project_self_evals(doc)
        for para, m in overall_scores(doc):
            parts = score_breakdown(para, m)
            if len(parts) < 2:
                continue
            total = parse_number(m.group(2))
            listed = interval_sum([p.number for p in parts])
            form = project_named_before(fold(para.text), m.start(), forms) or (forms[0] if len(forms) == 1 else None)
            by_stem = _category_scores(form) if form is not None else {}
            said = "、".join(f"{p.stem}{fmt(p.number.value, p.number.decimals)}分" for p in parts)
            whole = set(by_stem) == {p.stem for p in parts}
            if listed.low > Interval.of(total).high or (whole and not listed.meets(Interval.of(total))):
                yield self.at_span(
                    doc, *para.span(m.start(2), m.end(2)),
                    f"说明中总得分{m.group(2)}分，其后所列各类指标得分（{said}）合计"
                    f"{fmt(sum(p.number.value for p in parts), max(p.number.decimals for p in parts))}分",
                    suggestion=fmt(sum(p.number.value for p in parts), max(p.number.decimals for p in parts)),
                )
                continue
            for p in parts:
                cells = by_stem.get(p.stem)
                if not cells:
                    continue
                dec = score_decimals(form)
                table = interval_sum([at_precision(c.number, dec) for c in cells])
                if Interval.of(p.number).meets(table):
                    continue
                value = decimal_sum(c.number for c in cells)
                yield self.at_span(
                    doc, *para.span(p.start, p.end),
                    f"说明中{p.stem}指标得分{fmt(p.number.value, p.number.decimals)}分，{form.label()}{p.stem}指标"
                    f"各项得分合计{fmt(value, dec)}分",
                    related=[related_cell(c, "得分") for c in cells][:10], suggestion=fmt(value, dec),
                )


def _category_scores(form) -> dict:
    """{一级指标 stem: the score cells of its rows} of a self-evaluation form."""
    out: dict = {}
    for i in form.indicators:
        if i.score is not None and i.score.number is not None and i.level1:
            out.setdefault(category_stem(i.level1), []).append(i.score)
    return out


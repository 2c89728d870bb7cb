from __future__ import annotations

import regex

from linter.cnnum import fold
from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import grade_bands, grade_of, norm, overall_scores, self_eval_tables, vocab
from linter.numbers import parse_number


def _band_text(band) -> str:
    return f"{band.low}–{band.high}分" if band.low else f"{band.high}分以下"


class GradeMismatch(Rule):
    """The evaluation grade word does not match the score it is given for.

    *What it does*: in a sentence stating a score and a grade (总得分94分为优秀, 平均得分92.3分，
    评价等级：良好) and in a 绩效自评表 that prints its own 自评等级 beside its 总分, checks the grade
    against the bands the document states (90分（含）以上为优, 80-90分为良, 优（≥85分）… when at
    least two are stated) or else the standard ones in linter/data/performance.json (优秀 ≥ 90,
    良好 80–90, 中 60–80, 差 < 60).

    *Why it matters*: the grade is what readers and follow-up budgets act on; a grade above the
    band of its score overstates the result.

    *Bad*:
        总得分 86 分为优秀

    *Good*:
        总得分 86 分为良好
    """

    code = "BL415"
    name = "grade-mismatch"
    severity = "error"

    def check(self, doc):
        bands = grade_bands(doc)
        words = sorted({w for g in vocab()["grades"] for w in g["words"]}, key=lambda w: (-len(w), w))
        grade_re = regex.compile(r"(?:为|评价等级|等级|评定为|属于|：|:)\s*[“\"]?(" + "|".join(words) + r")")
        for ln, m in overall_scores(doc):
            text = fold(ln.text)
            g = grade_re.search(text[m.end(): m.end() + 16])
            if not g:
                continue
            band = grade_of(bands, parse_number(m.group(2)).value)
            word = g.group(1)
            if band is None or word in band.words:
                continue
            start = m.end() + g.start(1)
            yield self.at_span(
                doc, *ln.span(start, start + len(word)),
                f"得分{m.group(2)}分对应等级为「{band.words[0]}」（{_band_text(band)}），文中为「{word}」",
                suggestion=band.words[0],
            )
        for s in self_eval_tables(doc):
            if s.grade is None or s.total is None or s.total.number is None:
                continue
            word = norm(s.grade.text).strip("“”\"")
            # the printed 总分 stands for its rounding interval: 90 may be 89.5, which is 良
            score, top = s.total.number, max(b.high for b in bands)
            fits = [b for b in bands if b.low <= score.high and (score.low < b.high or b.high == top)]
            if not fits or any(word in b.words for b in fits):
                continue
            band = grade_of(bands, s.total.number.value)
            yield self.at_cell(
                s.grade, f"{s.label()}总分{s.total.text.strip()}对应等级为「{band.words[0]}」（{_band_text(band)}），"
                f"表中自评等级为「{word}」",
                related=[related_cell(s.total, "总分")], suggestion=band.words[0],
            )

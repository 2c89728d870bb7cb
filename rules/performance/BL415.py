from __future__ import annotations

import regex

from linter.cnnum import fold
from linter.engine import Rule
from linter.forms import overall_score_pattern, vocab
from linter.numbers import parse_number


def grade_of(score) -> list[str]:
    for g in vocab()["grades"]:
        if g["min"] <= score < g["max"] or (score == 100 and g["max"] == 100):
            return g["words"]
    return []


class GradeMismatch(Rule):
    """The evaluation grade word does not match the score it is given for.

    *What it does*: in a sentence stating a score and a grade (总得分94分为优秀, 评价等级：良好),
    checks the grade against the bands in linter/data/performance.json (优秀 ≥ 90, 良好 80–90,
    中 60–80, 差 < 60).

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
        words = sorted({w for g in vocab()["grades"] for w in g["words"]}, key=len, reverse=True)
        grade_re = regex.compile(r"(?:为|评价等级|等级|评定为|属于|：|:)\s*[“\"]?(" + "|".join(words) + r")")
        for ln in doc.paragraphs:
            text = fold(ln.text)
            for m in overall_score_pattern().finditer(text):
                tail = text[m.end(): m.end() + 16]
                g = grade_re.search(tail)
                if not g:
                    continue
                score = parse_number(m.group(2)).value
                allowed = grade_of(score)
                word = g.group(1)
                if word in allowed:
                    continue
                start = m.end() + g.start(1)
                yield self.at_span(
                    doc, *ln.span(start, start + len(word)),
                    f"得分{m.group(2)}分对应等级为「{allowed[0] if allowed else '?'}」，文中为「{word}」",
                    suggestion=allowed[0] if allowed else None,
                )

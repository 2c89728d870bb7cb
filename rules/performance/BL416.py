from __future__ import annotations

from decimal import Decimal

import regex

from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import TAGS, fmt, percent, self_eval_tables
from linter.numbers import Interval

ITEM = regex.compile(r"(?:(?<=^|[\s。；;>])(\d{1,2})\s*[.．、](?!\d))|(?:(?<=(?:^|[。；;>])\s{0,3})(\d{1,2})\s+(?=\p{Han}))")


def numbered_items(text: str) -> int:
    """How many numbered goals (1. … 2. … 3. …) a cell lists, counting only the sequence."""
    expected = 1
    for m in ITEM.finditer(TAGS.sub(" ", text)):
        n = int(m.group(1) or m.group(2))
        if n == expected:
            expected += 1
    return expected - 1


class CompletionRateMismatch(Rule):
    """A 绩效自评表's 总体完成率 does not match the share of its goals reported done.

    *What it does*: counts the numbered goals under 年度预期目标 and under 具体完成情况 and
    compares done ÷ planned with the printed 总体完成率 (interval rule on the printed rate).

    *Why it matters*: the completion rate summarises the goals; three goals of which two are
    reported done is 67%, not 70% or 100%.

    *Bad*:
        年度预期目标 1. … 2. … 3. … | 具体完成情况 1. … 2. … | 总体完成率 70%

    *Good*:
        年度预期目标 1. … 2. … 3. … | 具体完成情况 1. … 2. … | 总体完成率 67%
    """

    code = "BL416"
    name = "completion-rate-mismatch"
    severity = "warning"

    def check(self, doc):
        for s in self_eval_tables(doc):
            if s.expected_goals is None or s.done_goals is None:
                continue
            planned, done = numbered_items(s.expected_goals.text), numbered_items(s.done_goals.text)
            p = percent(s.completion)
            if planned < 2 or done < 1 or done > planned or p is None:
                continue
            rate = Decimal(done) / Decimal(planned) * 100
            if Interval.of(p).meets(Interval.exact(rate)):
                continue
            yield self.at_cell(
                s.completion,
                f"{s.label()}总体完成率{s.completion.text.strip()}，而{planned}项年度目标中列出完成{done}项"
                f"（{fmt(rate, 1)}%）",
                related=[related_cell(s.expected_goals, f"年度预期目标（{planned}项）"),
                         related_cell(s.done_goals, f"具体完成情况（{done}项）")],
                suggestion=f"{fmt(rate, 0)}%",
            )

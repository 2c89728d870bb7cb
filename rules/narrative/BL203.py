from __future__ import annotations

from .common import IssueRule


class YearOverYearChangeMismatch(IssueRule):
    """A stated year-over-year change does not match the amounts or the changes of its parts.

    *What it does*: where the text gives this year's and last year's amount of an item and the
    change, checks change = current − last year; where it gives the change of a total and the
    changes of all its parts (基本支出 / 项目支出 …), checks that the part changes add up.
    Signs come from the direction words (增加/增长 +, 减少/下降 −). Interval rule throughout.

    *Why it matters*: the 增减变化 paragraph is what readers use to judge a budget; a change
    that its own figures contradict misleads them.

    *Bad*:
        较2024年预算增加21.20万元，其中：基本支出减少8.80万元，项目支出增加20.00万元

    *Good*:
        较2024年预算增加21.20万元，其中：基本支出减少8.80万元，项目支出增加30.00万元
    """

    code = "BL203"
    name = "yoy-change-mismatch"
    severity = "error"
    kinds = ('change',)

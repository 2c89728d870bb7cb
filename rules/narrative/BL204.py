from __future__ import annotations

from .common import IssueRule


class ChangeDirectionContradiction(IssueRule):
    """A direction word (增加/减少/持平) contradicts the figures it describes.

    *What it does*: reports a change whose direction word has the wrong sign — the amounts
    (current vs last year) or the other changes of the same breakdown only add up with the
    opposite word; 持平 (no change) for an item whose amounts differ or that the same
    sentence says changed; and (warning) a direction word followed by a negative number
    (减少-3.07万元), which leaves the direction unclear. A share's change in 百分点
    (占比较上年提高2.30个百分点) is checked the same way against both years' shares, stated or
    computed from both years' amounts.

    *Why it matters*: 增加 for a cut turns the explanation upside down; readers take the
    word, not the arithmetic.

    *Bad*:
        较2024年预算增加21.20万元，其中：基本支出增加8.80万元，项目支出增加30.00万元

    *Good*:
        较2024年预算增加21.20万元，其中：基本支出减少8.80万元，项目支出增加30.00万元
    """

    code = "BL204"
    name = "change-direction-contradiction"
    severity = "error"
    kinds = ('direction', 'flat', 'negative')

from __future__ import annotations

from linter.reconcile import IssueRule


class AmountUnitSlip(IssueRule):
    """An amount is written in the wrong unit (元 for 万元 …): the digits fit, the unit does not.

    *What it does*: when a narrative amount disagrees with its table or with its own
    breakdown but the same digits in another unit (×10⁴, ×10³, ×10⁸ or the inverse) agree,
    reports the unit slip instead of a plain mismatch and suggests the right unit.

    *Why it matters*: a figure 10,000 times off is a gross misstatement even though it looks
    like a typo; readers comparing documents get nonsense.

    *Bad*:
        机关运行经费预算为4.74元 (基本支出表 公用经费 4.74 万元)

    *Good*:
        机关运行经费预算为4.74万元
    """

    code = "BL206"
    name = "amount-unit-slip"
    severity = "error"
    kinds = ('table-unit', 'sum-unit')

from __future__ import annotations

from .common import IssueRule


class NarrativePercentMismatch(IssueRule):
    """A stated percentage (增长X% / 占X%) does not follow from the stated amounts.

    *What it does*: checks a growth rate against change / last year's amount, and a share
    (占…X%) against part / total, and a share's change in 百分点 against both years' shares
    (stated, or computed from both years' amounts), with the rounding intervals of all printed
    figures. A
    growth rate on a base of zero is reported as a warning (it cannot be computed).

    *Why it matters*: percentages are quoted on their own; a wrong one survives every later
    correction of the amounts.

    *Bad*:
        上年预算100万元，本年120万元，增长15%

    *Good*:
        上年预算100万元，本年120万元，增长20%
    """

    code = "BL205"
    name = "narrative-percent-mismatch"
    severity = "error"
    kinds = ('percent', 'share', 'from-zero')

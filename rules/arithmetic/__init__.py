"""BL1xx — table arithmetic: totals, roll-ups and identities inside and across tables."""


def load():
    from .BL101 import ClassificationRollup
    from .BL102 import RowTotalMismatch
    from .BL103 import SummaryTotalMismatch
    from .BL104 import CrossTableTotalMismatch
    from .BL105 import CrossTableRowMismatch
    from .BL106 import PersonnelPublicSplitMismatch
    from .BL107 import ContributionMirrorMismatch
    from .BL108 import ItemTotalMismatch

    return [ClassificationRollup, RowTotalMismatch, SummaryTotalMismatch, CrossTableTotalMismatch,
            CrossTableRowMismatch, PersonnelPublicSplitMismatch, ContributionMirrorMismatch, ItemTotalMismatch]

"""BL2xx — narrative: what the 说明 text states vs the tables, and vs itself."""


def load():
    from .BL201 import NarrativeTableMismatch
    from .BL202 import NarrativeSumMismatch
    from .BL203 import YearOverYearChangeMismatch
    from .BL204 import ChangeDirectionContradiction
    from .BL205 import NarrativePercentMismatch
    from .BL206 import AmountUnitSlip
    from .BL207 import PriorYearMismatch
    from .BL208 import CopiedFigures
    from .BL209 import ObsoleteSubjectName
    from .BL210 import SubjectLevelMarkerMismatch

    return [NarrativeTableMismatch, NarrativeSumMismatch, YearOverYearChangeMismatch,
            ChangeDirectionContradiction, NarrativePercentMismatch, AmountUnitSlip, PriorYearMismatch,
            CopiedFigures, ObsoleteSubjectName, SubjectLevelMarkerMismatch]

"""BL3xx — template and language: what a copied document leaves behind (stale years,
placeholders, find-and-replace damage, another level's or department's words, typos,
numbering, punctuation, empty-table notes, 部门/单位 scope)."""


def load():
    from .BL301 import StaleYear
    from .BL302 import TemplatePlaceholder
    from .BL303 import ReplaceDamage
    from .BL304 import WrongLevelWord
    from .BL305 import DepartmentNameMismatch
    from .BL306 import ConfusableTypo
    from .BL307 import TraditionalCharacter
    from .BL308 import HeadingNumbering
    from .BL309 import PunctuationDefect
    from .BL310 import EmptyTableNote
    from .BL311 import ScopeMismatch
    from .BL312 import DuplicatedWord
    from .BL313 import UnfinishedSentence
    from .BL314 import OtherUnitName
    from .BL315 import BrokenComparison
    from .BL316 import MissingPart

    return [StaleYear, TemplatePlaceholder, ReplaceDamage, WrongLevelWord, DepartmentNameMismatch,
            ConfusableTypo, TraditionalCharacter, HeadingNumbering, PunctuationDefect, EmptyTableNote,
            ScopeMismatch, DuplicatedWord, UnfinishedSentence, OtherUnitName, BrokenComparison, MissingPart]

"""BL1xx — table arithmetic: totals, roll-ups and identities inside and across tables."""


def load():
    from .BL101 import ClassificationRollup

    return [ClassificationRollup]

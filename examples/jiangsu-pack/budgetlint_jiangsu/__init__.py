"""budgetlint rule pack for the Jiangsu provincial 部门预算 template (an example pack)."""


def load():
    from .JS101 import MeetingTrainingFeeMismatch
    from .JS102 import ProcurementCategoryMismatch

    return [MeetingTrainingFeeMismatch, ProcurementCategoryMismatch]

"""BL4xx — performance documents: 项目绩效目标表 and 绩效自评表 against their own numbers,
against each other, and against the budget tables and the narrative.

Template placeholders in these tables (目标内容1, a 三级指标 that only repeats its category)
are reported once, by BL302 (template family), not here."""


def load():
    from .BL401 import BudgetSourcesMismatch
    from .BL402 import FundingBreakdownMismatch
    from .BL403 import CostIndicatorBudgetMismatch
    from .BL404 import UnitCostMismatch
    from .BL405 import ProjectBudgetTotalMismatch
    from .BL406 import CopiedIndicatorTable
    from .BL407 import NarrativeIndicatorMismatch
    from .BL408 import SpendingPlanNotCumulative
    from .BL410 import ExecutionRateMismatch
    from .BL411 import ExecutionIndicatorOverstated
    from .BL412 import ExecutionScoreTooHigh
    from .BL413 import ScoreTotalMismatch
    from .BL414 import OverallScoreMismatch
    from .BL415 import GradeMismatch
    from .BL416 import CompletionRateMismatch
    from .BL417 import DepartmentExecutionVsProjects
    from .BL418 import ProjectFiguresVsSelfEvaluation
    from .BL419 import PriceTimesQuantityMismatch

    return [BudgetSourcesMismatch, FundingBreakdownMismatch, CostIndicatorBudgetMismatch, UnitCostMismatch,
            ProjectBudgetTotalMismatch, CopiedIndicatorTable, NarrativeIndicatorMismatch,
            SpendingPlanNotCumulative, ExecutionRateMismatch,
            ExecutionIndicatorOverstated, ExecutionScoreTooHigh, ScoreTotalMismatch, OverallScoreMismatch,
            GradeMismatch, CompletionRateMismatch, DepartmentExecutionVsProjects,
            ProjectFiguresVsSelfEvaluation, PriceTimesQuantityMismatch]

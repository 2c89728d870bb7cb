"""Money formatting for BL207, which reads these three names from here; they live in
linter/reconcile.py with the analysis the other narrative rules share."""
from linter.reconcile import in_unit, mid, money

__all__ = ["in_unit", "mid", "money"]

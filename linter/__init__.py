"""budgetlint: a consistency linter for Chinese government budget disclosure documents."""

__version__ = "0.1.0"

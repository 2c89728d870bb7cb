"""Vocabulary the pack adds to budgetlint's (merged at load; see docs/authoring.md)."""

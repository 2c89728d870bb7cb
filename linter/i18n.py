"""The words budgetlint says to people, in their language (Chinese). JSON keys, rule codes
and severity values in machine output stay as they are."""
from __future__ import annotations

SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}


def severity_word(severity: str) -> str:
    return SEVERITY_WORDS.get(severity, severity)

"""Findings a person accepted in the document itself: an inline `budgetlint: ignore BLxxx`
marker in a .txt/.md draft, or a Word comment reading "budgetlint: ignore BLxxx" on the
text. The readers find them (Document.suppressions); this applies them to findings.

Marker syntax (codes optional: without them every rule is accepted there; several codes
separated by commas or spaces; a prefix such as BL3 covers the family):
    本年支出预算107.54万元。 <!-- budgetlint: ignore BL201 -->
    <!-- budgetlint: ignore BL201, BL202 -->     (alone on its line: covers the next line)
"""
from __future__ import annotations

import regex

from .model import Document, Suppression

MARKER = regex.compile(r"(?:<!--\s*)?budgetlint\s*[:：]\s*ignore(?P<codes>(?:[\s,，、]*BL\d+)*)(?:\s*-->)?", regex.I)
CODE = regex.compile(r"BL\d+", regex.I)


def codes_of(text: str) -> tuple[str, ...] | None:
    """The codes a marker or comment text names (() = every rule), None when it is not one."""
    m = MARKER.search(text)
    if m is None:
        return None
    return tuple(c.upper() for c in CODE.findall(m.group("codes")))


def covers(s: Suppression, rule: str) -> bool:
    return not s.codes or any(rule.startswith(code) for code in s.codes)


def suppressed(doc: Document, findings) -> list:
    """The findings no suppression of the document covers."""
    if not doc.suppressions:
        return list(findings)
    kept = []
    for f in findings:
        start, end = (f.line, f.column), (f.end_line, max(f.end_column, f.column + 1) if f.end_line == f.line else f.end_column)
        if any(covers(s, f.rule) and (s.line, s.column) < end and start < (s.end_line, s.end_column)
               for s in doc.suppressions):
            continue
        kept.append(f)
    return kept

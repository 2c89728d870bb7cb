"""Helpers shared by the BL4xx rules."""
from __future__ import annotations

from linter.model import Cell


def at_cell_span(rule, cell: Cell, start: int, end: int, message: str, related=None, suggestion=None,
                 severity=None):
    """A finding on characters [start, end) of a cell's first line of text."""
    f = rule.at_cell(cell, message, related=related, suggestion=suggestion, severity=severity)
    first = cell.text.split("\n", 1)[0]
    start, end = max(0, min(start, len(first))), max(0, min(end, len(first)))
    if end > start:
        f.column = cell.column + start
        f.end_column = cell.column + end
        f.excerpt = first[start:end]
    return f

"""Findings: what a rule reports, pointing at the exact text and at what it conflicts with."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Cell, Document

if TYPE_CHECKING:
    from .locate import Location

SEVERITIES = ("error", "warning", "info")


@dataclass
class Related:
    line: int
    excerpt: str
    note: str
    page: int | None = None
    column: int | None = None
    location: "Location | None" = None  # set after the rules ran (linter.locate)

    def to_json(self) -> dict:
        return {"line": self.line, "page": self.page, "excerpt": self.excerpt, "note": self.note,
                "location": self.location.to_json() if self.location else None}


@dataclass
class Finding:
    rule: str  # code, e.g. BL101
    name: str  # kebab-case name of the bad pattern
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    page: int | None = None
    related: list[Related] = field(default_factory=list)
    suggestion: str | None = None
    path: str = ""
    location: "Location | None" = None  # set after the rules ran (linter.locate)
    context: str = ""  # the flagged text with its neighbours, the baseline's key (linter.baseline)

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "page": self.page,
            "excerpt": self.excerpt,
            "related": [r.to_json() for r in self.related],
            "suggestion": self.suggestion,
            "location": self.location.to_json() if self.location else None,
        }

    def sort_key(self):
        return (self.path, self.line, self.column, self.rule)


def related_cell(cell: Cell, note: str) -> Related:
    return Related(line=cell.line, column=cell.column, page=cell.page, excerpt=cell.text.strip() or "(空)", note=note)


def related_line(doc: Document, line: int, note: str, start: int = 0, end: int | None = None) -> Related:
    ln = doc.line(line)
    text = ln.text[start:end] if end is not None else ln.text.strip()
    return Related(line=line, column=start + 1, page=ln.page_at(start + 1), excerpt=text, note=note)

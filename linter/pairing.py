"""Split publications: a 说明 and its tables published as two files (江苏: 部门预算公开 with
"公开表附后", and 部门预算公开表 on its own). When both are in one run they are checked as one
document, so the narrative rules see the tables.

Pairing is a function of small document summaries (`summarise`), so a batch that keeps only
summaries (the audit) decides the same pairs as `check`. `join` builds the one Document; the
findings on it are put back on the file and line they point at by `locate`.
"""
from __future__ import annotations

import copy
import os
from dataclasses import replace

import regex

from .findings import Finding
from .model import Document, Section
from .paragraphs import assign_paragraphs
from .vocab import load_json

_SPACES = regex.compile(r"\s+")
# a 说明 states amounts in at least this many paragraphs (the 说明 of a budget states dozens)
MIN_NARRATIVE_AMOUNTS = 3
# a tables file holds several standard tables and (almost) no narrative amounts
MIN_TABLES = 3
MAX_TABLES_FILE_AMOUNTS = 2


def summarise(doc: Document) -> dict:
    """What pairing needs to know of a document: who, which year, what kind, and whether it is
    only a 说明 ("narrative"), only tables ("tables") or a whole publication ("whole")."""
    kinds = load_json("table_kinds.json")["kinds"]
    standard = [t for t in doc.tables if kinds.get(t.kind, {}).get("family") in ("预算", "决算")]
    amounts = sum(1 for para in doc.paragraphs if any(t.kind == "amount" for t in para.numbers))
    if len(standard) >= MIN_TABLES and amounts <= MAX_TABLES_FILE_AMOUNTS:
        part = "tables"
    elif not standard and amounts >= MIN_NARRATIVE_AMOUNTS:
        part = "narrative"
    else:
        part = "whole"
    meta = doc.meta
    return {"path": doc.path, "department": meta.department, "year": meta.year, "doc_type": meta.doc_type,
            "scope": meta.scope, "part": part, "tables": len(standard), "amounts": amounts}


def _same(a, b) -> bool:
    return a is None or b is None or a == b


def _department(name: str | None) -> str:
    return _SPACES.sub("", name or "")


def _matches(narrative: dict, tables: dict) -> bool:
    a, b = _department(narrative["department"]), _department(tables["department"])
    return (bool(a) and a == b and narrative["year"] is not None and narrative["year"] == tables["year"]
            and _same(narrative["doc_type"], tables["doc_type"]) and _same(narrative["scope"], tables["scope"]))


def pair(summaries: list[dict]) -> list[tuple[str, str]]:
    """(说明 path, tables path) for every 说明-only document that has exactly one tables-only
    document of the same department, year and kind in the run, and is that document's only
    match. Anything ambiguous stays unpaired (checked file by file)."""
    narratives = [s for s in summaries if s["part"] == "narrative"]
    tables = [s for s in summaries if s["part"] == "tables"]
    out = []
    for n in narratives:
        hits = [t for t in tables if _matches(n, t)]
        if len(hits) != 1:
            continue
        t = hits[0]
        if sum(1 for m in narratives if _matches(m, t)) != 1:
            continue
        out.append((n["path"], t["path"]))
    return out


def join(narrative: Document, tables: Document) -> Document:
    """One Document of a 说明 file followed by its tables file. The tables file's lines come
    after the 说明's, renumbered; `parts` records where each file starts so findings can be
    put back (`locate`). Neither input is changed."""
    offset = len(narrative.lines)
    lines = list(narrative.lines) + [replace(ln, number=ln.number + offset) for ln in tables.lines]
    moved = copy.deepcopy(tables.tables)
    for i, t in enumerate(moved, len(narrative.tables) + 1):
        t.index = i
        t._cache = {}
        if t.title_line is not None:
            t.title_line += offset
        for c in [c for row in t.rows for c in row] + t.meta_cells:
            c.line += offset
    root = copy.deepcopy(narrative.sections) if narrative.sections is not None else \
        Section(number="", level=0, title="", line=1)
    if tables.sections is not None:
        for sec in copy.deepcopy(tables.sections).children:
            for s in sec.walk():
                s.line += offset
                s.end_line += offset
            sec.parent = root
            root.children.append(sec)
    root.end_line = len(lines)
    meta = copy.copy(narrative.meta)
    for field in ("department", "year", "doc_type", "scope", "level", "region"):
        if getattr(meta, field) is None:
            setattr(meta, field, getattr(tables.meta, field))
    doc = Document(path=narrative.path, format=narrative.format, lines=lines,
                   tables=list(narrative.tables) + moved, sections=root, meta=meta,
                   warnings=list(narrative.warnings) + list(tables.warnings),
                   contents=list(narrative.contents) + [replace(e, line=e.line + offset) for e in tables.contents],
                   # lines keep their own file's page numbers, so a page drawn in either file is
                   # not blank
                   graphic_pages=narrative.graphic_pages | tables.graphic_pages)
    doc.parts = [(narrative.path, 0), (tables.path, offset)]
    assign_paragraphs(doc)
    return doc


def locate(finding: Finding, doc: Document) -> Finding:
    """Put a finding on a joined document back on the file and line it points at; its related
    places in the other file name that file."""
    parts = doc.parts or [(doc.path, 0)]

    def part_of(line: int) -> tuple[str, int]:
        path, offset = parts[0]
        for p, off in parts:
            if line > off:
                path, offset = p, off
        return path, offset

    path, offset = part_of(finding.line)
    finding.path = path
    finding.line -= offset
    finding.end_line -= offset
    if finding.location is not None and finding.location.line is not None:
        finding.location.line -= offset
    for r in finding.related:
        rpath, roff = part_of(r.line)
        r.line -= roff
        if r.location is not None and r.location.line is not None:
            r.location.line -= roff
        if rpath != path:
            r.note = f"{os.path.basename(rpath)} {r.note}"
    return finding


def describe(narrative: str, tables: str, summary: dict) -> str:
    """The line telling the user two files were checked as one."""
    who = " ".join(str(x) for x in (summary.get("department"), summary.get("year")) if x)
    return (f"budgetlint: {narrative} 与 {tables} 是同一次公开的说明和表格，已合并检查"
            f"{'（' + who + '）' if who else ''}")

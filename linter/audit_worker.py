"""What an audit worker does with one file: read it, run the rules, and return plain data
(the document row, its findings with their context, the batch rules' summaries). Imported
by the worker processes' forkserver once, so every worker starts with the readers and rules
already loaded; the parent never imports this module's heavy parts."""
from __future__ import annotations

import os

from . import pairing
from .isolation import out_of_memory
from .engine import BatchRule, Selection, check_document, select_rules
from .model import Document, InputError
from .readers import format_of, read_document

CONTEXT = 60  # characters of the line kept on each side of a finding's excerpt
PAIRING = "pairing"  # the store's summaries of a half publication (not a rule)

_rules: list = []
_selection = Selection()


def setup(selection: Selection) -> None:
    """Once per worker: the rules, instantiated with their options."""
    global _rules, _selection
    _selection = selection
    _rules = select_rules(selection)[0]


def _context(doc: Document, finding: dict) -> tuple[str, int]:
    """The finding's line around its excerpt (the report shows it without the document),
    and where that piece starts in the line (0-based)."""
    try:
        text = doc.line(finding["line"]).text
    except (IndexError, TypeError):
        return "", 0
    start = max(0, (finding.get("column") or 1) - 1 - CONTEXT)
    end = min(len(text), (finding.get("end_column") or 1) - 1 + CONTEXT)
    return text[start:end], start


def input_error(path: str, cause: str) -> dict:
    """The BL000 finding of a file that could not be checked."""
    return {"path": path, "rule": "BL000", "name": "unreadable-input", "severity": "error",
            "message": f"cannot check file: {cause}", "line": 1, "column": 1, "end_line": 1, "end_column": 1,
            "page": None, "excerpt": "", "related": [], "suggestion": None}


def reader_warning(path: str, warning: str) -> dict:
    """The BL000 warning of a file read only in part, as `check` reports it."""
    from .output import partial_finding

    return {**partial_finding(path, warning).to_json(), "context": "", "context_start": 0}


def _batch_parts(summaries: dict, failures: list[str]) -> list[tuple[str, str | None, dict]]:
    """(rule, group key, part) of every batch rule's summary of one document."""
    out = []
    for rule in _rules:
        if isinstance(rule, BatchRule) and rule.code in summaries:
            try:
                out.extend((rule.code, key, part) for key, part in rule.batch_groups(summaries[rule.code]))
            except Exception as exc:
                failures.append(f"rule {rule.code} failed: {type(exc).__name__}: {exc}")
    return out


def audit_pair(paths: tuple[str, str]) -> dict:
    """A 说明 file and its tables file checked as one publication (linter.pairing, as
    `check` does): findings by the file they point at, and the joined document's batch parts."""
    narrative_path, tables_path = paths
    doc = pairing.join(read_document(narrative_path), read_document(tables_path))
    found, failures, summaries = check_document(doc, _rules, _selection)
    by_path: dict[str, list[dict]] = {narrative_path: [], tables_path: []}
    for f in found:
        context = _context(doc, f.to_json())  # lines of the joined document, before they are put back
        pairing.locate(f, doc)
        data = f.to_json()
        data["context"], data["context_start"] = context
        by_path.setdefault(f.path, []).append(data)
    return {"findings": by_path, "summaries": _batch_parts(summaries, failures), "failures": failures}


def audit_file(path: str) -> dict:
    """Everything the store keeps of one file; an unreadable file is status 'unreadable'
    with its BL000, not an exception."""
    out = {"format": format_of(path) or os.path.splitext(path)[1].lower().lstrip(".") or None,
           "status": "ok", "cause": None, "findings": [], "reader": [], "summaries": [], "meta": {}}
    try:
        if not os.path.exists(path):
            raise InputError("no such file")
        doc = read_document(path, _selection.limits)
    except Exception as exc:
        if out_of_memory(exc):  # the reader ran out of the worker's memory limit, whatever it said
            raise MemoryError from None
        if isinstance(exc, InputError):
            out.update(status="unreadable", cause=str(exc), findings=[input_error(path, str(exc))])
            return out
        # a reader bug: one file's BL000, not the run's end
        cause = f"internal error ({type(exc).__name__}: {exc})"
        out.update(status="unreadable", cause=cause, findings=[input_error(path, cause)])
        return out
    if doc.warnings:  # read in part (a broken PDF page, text outside the page): checked, and told
        out.update(status="partial", cause="; ".join(doc.warnings), reader=[reader_warning(path, w) for w in doc.warnings])
    meta = doc.meta
    out["meta"] = {"department": meta.department, "year": meta.year, "kind": meta.doc_type,
                   "scope": meta.scope, "level": meta.level, "region": meta.region}
    pages = [ln.page for ln in doc.lines if ln.page]
    out.update(pages=max(pages) if pages else None, lines=len(doc.lines), tables=len(doc.tables))
    findings, failures, summaries = check_document(doc, _rules, _selection)
    for f in findings:
        data = f.to_json()
        data["context"], data["context_start"] = _context(doc, data)
        out["findings"].append(data)
    out["summaries"] = _batch_parts(summaries, failures)
    half = pairing.summarise(doc)
    if half["part"] != "whole":  # a 说明 or a tables file alone: the parent pairs them after the run
        who = "".join((half["department"] or "").split())
        out["summaries"].append((PAIRING, f"{who}|{half['year']}", half))
    if failures:
        out.update(status="rule-error", cause="; ".join(failures + doc.warnings))
    return out

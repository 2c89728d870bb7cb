"""`budgetlint extract`: the window rule authors and bug reporters look through."""
from __future__ import annotations

import json
from dataclasses import asdict

from .model import Document, Section


def _sections_json(s: Section) -> dict:
    return {"number": s.number, "level": s.level, "title": s.title, "line": s.line, "end_line": s.end_line,
            "auto": s.auto, "children": [_sections_json(c) for c in s.children]}


def _table_json(t) -> dict:
    info = t.row_info
    return {
        "index": t.index, "number": t.number, "title": t.title, "title_line": t.title_line, "kind": t.kind, "kind_name": t.kind_name,
        "unit": t.unit, "meta": t.meta, "header_rows": t.header_rows, "columns": t.columns,
        "column_labels": t.column_labels, "first_line": t.first_line, "last_line": t.last_line, "page": t.page,
        "rows": [
            {"row": r, "code": info[r - t.header_rows].code if r >= t.header_rows and info else None,
             "name": info[r - t.header_rows].name if r >= t.header_rows and info else None,
             "cells": [{"col": c.col, "colspan": c.colspan, "rowspan": c.rowspan, "text": c.text, "line": c.line,
                        "column": c.column, "page": c.page,
                        "value": (str(c.number.value) if c.number else None)} for c in row]}
            for r, row in enumerate(t.rows)
        ],
    }


def extract_json(doc: Document, claims: bool = False) -> dict:
    out = {
        "path": doc.path, "format": doc.format, "metadata": asdict(doc.meta),
        "lines": [{"line": ln.number, "page": ln.page, "kind": ln.kind, "text": ln.text} for ln in doc.lines],
        "sections": _sections_json(doc.sections) if doc.sections else None,
        "tables": [_table_json(t) for t in doc.tables],
    }
    if claims:
        from .claims import claims_json

        out.update(claims_json(doc))
    return out


def extract(doc: Document, fmt: str = "text", claims: bool = False) -> str:
    if fmt == "json":
        return json.dumps(extract_json(doc, claims), ensure_ascii=False, indent=2) + "\n"
    out = [f"# {doc.path} ({doc.format})", "", "## Metadata"]
    for k, v in asdict(doc.meta).items():
        out.append(f"  {k}: {v}")
    out += ["", "## Sections"]
    if doc.sections:
        for s in doc.sections.walk():
            if s.level:
                auto = " (auto)" if s.auto else ""
                out.append(f"  {'  ' * (s.level - 1)}{s.number}{s.title}  [lines {s.line}-{s.end_line}]{auto}")
    out += ["", "## Tables"]
    for t in doc.tables:
        page = f", page {t.page}" if t.page else ""
        out.append(f"  表{t.index} {t.kind} 《{t.title}》 unit={t.unit} lines {t.first_line}-{t.last_line}{page}")
        if t.meta:
            out.append(f"    meta: {t.meta}")
        out.append(f"    columns: {t.columns}")
        info = t.row_info
        for r, row in enumerate(t.data_rows()):
            key = info[r] if r < len(info) else None
            vals = " | ".join(c.text.replace("\n", " ")[:24] for c in row)
            code = f"[{key.code}] " if key and key.code else ""
            out.append(f"    r{r + t.header_rows} L{row[0].line if row else '?'}: {code}{vals}")
    if claims:
        from .claims import claims_text
        from .statements import statements_text

        out += ["", claims_text(doc), "", statements_text(doc)]
    out += ["", "## Text view"]
    for ln in doc.lines:
        page = f"p{ln.page} " if ln.page else ""
        out.append(f"{ln.number:>6} {page}{ln.kind[:4]:4} | {ln.text}")
    return "\n".join(out) + "\n"


def vocabulary_report(fmt: str = "text") -> str:
    """Each vocabulary file, its sources, and every entry a pack added (the rest is built-in)."""
    from . import vocab

    report = {"sources": [s.name for s in vocab.sources()], "files": {}}
    for name in vocab.files():
        added = {k: v for k, v in vocab.origins(name).items() if v != vocab.BUILTIN}
        report["files"][name] = added
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    out = [f"vocabulary sources: {', '.join(report['sources'])}"]
    for name, added in report["files"].items():
        out.append(f"{name}: {'built-in only' if not added else f'{len(added)} entries from packs'}")
        out.extend(f"    {entry}  <- {source}" for entry, source in added.items())
    return "\n".join(out) + "\n"

"""Reports from an audit store: `budgetlint report STORE` (and the end of `audit`).

Everything is read from the store, never from the documents: the findings' excerpts come
with the line around them (stored by the worker), so a report can be written on another
machine than the one that checked the files.
"""
from __future__ import annotations

import csv
import json
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

DOCUMENT_COLUMNS = ("path", "status", "cause", "format", "pages", "department", "region", "year", "kind",
                    "scope", "level", "errors", "warnings", "infos", "sha256", "size", "seconds",
                    "tool_version", "rules_version")
FINDING_COLUMNS = ("path", "rule", "name", "severity", "message", "location", "line", "column", "page",
                   "excerpt", "related", "suggestion", "stage", "department", "year", "kind")


def documents(store: Store) -> list[dict]:
    """One dict per document, with its counts of findings by severity."""
    sql = ("SELECT d.path, d.status, d.cause, d.format, d.pages, d.department, d.region, d.year, d.kind, "
           "d.scope, d.level, "
           "COALESCE(SUM(f.severity='error'), 0), COALESCE(SUM(f.severity='warning'), 0), "
           "COALESCE(SUM(f.severity='info'), 0), d.sha256, d.size, d.seconds, d.tool_version, d.rules_version, d.id "
           "FROM documents d LEFT JOIN findings f ON f.document_id=d.id GROUP BY d.id ORDER BY d.path")
    return [dict(zip(DOCUMENT_COLUMNS + ("id",), row)) for row in store.query(sql)]


def location_text(f: dict) -> str:
    """Where a person finds the text of a finding or of a related place: its location as
    linter.locate described it (page and heading/paragraph for PDF; Word's table, row and
    column, or heading and paragraph, for .docx; the file's line for .txt); without one (a
    place in another document), the page and the line of the text view."""
    loc = f.get("location")
    if isinstance(loc, dict) and loc.get("text"):
        return str(loc["text"])
    parts = []
    if f.get("page"):
        parts.append(f"第{f['page']}页")
    if f.get("line"):
        parts.append(f"第{f['line']}行")
    return " ".join(parts)


def related_text(f: dict) -> str:
    return "；".join(f"{r.get('note', '')}: {location_text(r)}「{r.get('excerpt', '')}」"
                     for r in f.get("related") or [])


def findings(store: Store):
    """Every finding as a dict (its stored JSON plus its stage and document fields), in
    document and line order; streamed, not listed."""
    sql = ("SELECT f.data, f.stage, d.path, d.department, d.year, d.kind, d.id FROM findings f "
           "JOIN documents d ON f.document_id=d.id ORDER BY d.path, f.line, f.column, f.rule")
    for data, stage, path, dept, year, kind, doc_id in store.db.execute(sql):
        f = json.loads(data)
        f.update(stage=stage, path=path, department=dept, year=year, kind=kind, document_id=doc_id)
        yield f


def _finding_row(f: dict) -> list:
    return [f.get("path"), f.get("rule"), f.get("name"), f.get("severity"), f.get("message"), location_text(f),
            f.get("line"), f.get("column"), f.get("page"), f.get("excerpt"), related_text(f), f.get("suggestion"),
            f.get("stage"), f.get("department"), f.get("year"), f.get("kind")]


def write_csv(store: Store, folder: str) -> list[str]:
    """findings.csv and documents.csv, UTF-8 with a BOM so that Excel opens the Chinese right."""
    paths = []
    name = os.path.join(folder, "documents.csv")
    with open(name, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(DOCUMENT_COLUMNS)
        for d in documents(store):
            w.writerow([d[c] for c in DOCUMENT_COLUMNS])
    paths.append(name)
    name = os.path.join(folder, "findings.csv")
    with open(name, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(FINDING_COLUMNS)
        for f in findings(store):
            w.writerow(_finding_row(f))
    paths.append(name)
    return paths


def write_reports(store: Store, folder: str) -> list[str]:
    from .report_html import write_html

    return [write_html(store, folder)] + write_csv(store, folder) + write_xlsx(store, folder)


def write_xlsx(store: Store, folder: str) -> list[str]:
    """report.xlsx: a Documents sheet and a Findings sheet (auditors work in Excel), written
    row by row in write-only mode so a large store does not sit in memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)

    def header(ws, names):
        row = []
        for n in names:
            c = WriteOnlyCell(ws, value=n)
            c.font = bold
            row.append(c)
        ws.append(row)

    docs = wb.create_sheet("Documents")
    header(docs, DOCUMENT_COLUMNS)
    docs.freeze_panes = "A2"
    for d in documents(store):
        docs.append([_excel_value(d[c]) for c in DOCUMENT_COLUMNS])
    found = wb.create_sheet("Findings")
    found.freeze_panes = "A2"
    header(found, FINDING_COLUMNS)
    for f in findings(store):
        found.append([_excel_value(v) for v in _finding_row(f)])
    name = os.path.join(folder, "report.xlsx")
    wb.save(name)
    return [name]


def _excel_value(value):
    """Text Excel can hold: no control characters (openpyxl refuses them), at most 32,767
    characters per cell."""
    if isinstance(value, str):
        value = "".join(ch if ch >= " " or ch in "\t\n" else " " for ch in value)
        return value[:32767]
    return value


def add_parser(sub) -> None:
    r = sub.add_parser("report", help="由批量审查的结果库生成 HTML、CSV 和 Excel 报告")
    r.add_argument("store", help="批量审查的报告文件夹，或其中的 audit.sqlite")
    r.add_argument("-o", "--output", help="报告写入的文件夹（默认：结果库所在文件夹）")
    r.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    import sys

    from .store import STORE_NAME, Store, StoreError

    path = os.path.join(args.store, STORE_NAME) if os.path.isdir(args.store) else args.store
    if not os.path.isfile(path):
        print(f"budgetlint: {args.store}：这里没有批量审查的结果库（先运行 budgetlint audit）", file=sys.stderr)
        return 2
    try:
        store = Store(path)
    except StoreError as exc:
        print(f"budgetlint: {exc}", file=sys.stderr)
        return 2
    folder = args.output or os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
        for written in write_reports(store, folder):
            print(f"报告：{written}")
    except OSError as exc:
        print(f"budgetlint: 无法在 {folder} 写入报告（{exc}）", file=sys.stderr)
        return 2
    finally:
        store.close()
    return 0

"""Places a person can open: where a finding (or what it conflicts with) is, said the way
Word, a PDF viewer or an editor shows it.

The text view's line numbers are budgetlint's own; a person needs the heading and the
paragraph under it, the table as Word counts tables, the row and column of the cell, and
for a PDF the page and the box of the text. A Location is computed from the Document once
the rules have run, for the finding's own span and for each related place.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Cell, Document, Section, Table


@dataclass
class Location:
    heading: list[str] | None = None  # heading path, outermost first, numbers as printed
    section: int | None = None  # the heading's position among all headings (1-based)
    paragraph: int | None = None  # paragraph under that heading (1-based); 0 = the heading itself
    table: int | None = None  # table number as the application counts (docx: Word's count)
    row: int | None = None  # 1-based row as the application shows it
    column: int | None = None  # 1-based column (docx: the cell's position in its row)
    cell: str | None = None  # the cell's text
    page: int | None = None  # PDF page
    box: list[float] | None = None  # PDF: [x0, y0, x1, y1] in points, origin at the page's bottom left
    boxes: list[list[float]] | None = None  # PDF: one box per visual line the text runs over
    line: int | None = None  # .txt/.md: the file's own line

    def to_json(self) -> dict:
        return {"heading": self.heading, "section": self.section, "paragraph": self.paragraph,
                "table": self.table, "row": self.row, "column": self.column, "cell": self.cell,
                "page": self.page, "box": self.box, "boxes": self.boxes, "line": self.line, "text": self.describe()}

    def describe(self) -> str:
        """In the user's words: 第2页 第3节「二、收入预算情况」第2段; 表5 第4行第3列「95.54」."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.table is not None:
            where = f"表{self.table}"
            if self.row is not None:
                where += f" 第{self.row}行"
                if self.column is not None:
                    where += f"第{self.column}列"
            if self.cell is not None:
                where += f"「{_short(self.cell)}」"
            parts.append(where)
        elif self.heading:
            where = f"第{self.section}节「{_short(self.heading[-1])}」"
            where += "标题" if self.paragraph == 0 else f"第{self.paragraph}段"
            parts.append(where)
        elif self.paragraph is not None:
            parts.append(f"正文第{self.paragraph}段")
        return " ".join(parts)


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def locate(doc: Document, line: int, column: int | None = None, end_column: int | None = None) -> Location:
    """Where characters [column, end_column) (1-based, end exclusive) of a text-view line are."""
    if not 1 <= line <= len(doc.lines):
        return Location()
    ln = doc.line(line)
    column = column or 1
    loc = Location()
    if doc.format == "txt":
        loc.line = line
    if doc.format == "pdf":
        loc.page = ln.page_at(column)
        loc.boxes = _boxes(ln, column, end_column, loc.page)
        loc.box = _union(loc.boxes)
    found = _cell(doc, line, column)
    if found is not None:
        table, cell = found
        if cell.place is not None:
            loc.table, loc.row, loc.column = cell.place
        else:
            loc.table, loc.row, loc.column = table.number, cell.row + 1, cell.col + 1
        loc.cell = cell.text.strip()
        return loc
    titled = next((t for t in doc.tables if t.title_line == line), None)
    if titled is not None:
        loc.table = titled.number
        return loc
    section = doc.section_of(line)
    # a long numbered paragraph (6、组织协调…) opens a section for the structure pass, but a
    # person sees a paragraph under the last real heading
    while section is not None and section.level > 0 and doc.line(section.line).kind != "heading":
        section = section.parent
    if section is not None and section.level == 0:
        section = None
    start = 1
    if section is not None:
        loc.heading = [f"{s.number}{s.title}" for s in _ancestry(section)]
        loc.section = _ordinals(doc).get(id(section))
        if section.line == line:
            loc.paragraph = 0
            return loc
        start = section.line + 1
    counts = _narrative_counts(doc)
    loc.paragraph = counts[line] - counts[start - 1]
    return loc


def _narrative_counts(doc: Document) -> list[int]:
    """counts[n]: narrative lines among lines 1..n, so a paragraph's ordinal costs one
    subtraction, not a walk from its heading for every finding (quadratic in a long section)."""
    def build(d: Document) -> list[int]:
        counts = [0]
        for ln in d.lines:
            counts.append(counts[-1] + _narrative(ln))
        return counts

    return doc.cached("locate.narrative_counts", build)


def _narrative(ln) -> bool:
    return ln.kind in ("text", "heading") and bool(ln.text.strip())


def _ancestry(section: Section) -> list[Section]:
    out, s = [], section
    while s is not None and s.level > 0:
        out.append(s)
        s = s.parent
    return out[::-1]


def _ordinals(doc: Document) -> dict[int, int]:
    def build(d: Document) -> dict[int, int]:
        found = [s for s in d.sections.walk() if s.level > 0 and d.line(s.line).kind == "heading"] \
            if d.sections else []
        return {id(s): i for i, s in enumerate(sorted(found, key=lambda s: s.line), 1)}

    return doc.cached("locate.section_ordinals", build)


def _cell(doc: Document, line: int, column: int) -> tuple[Table, Cell] | None:
    def build(d: Document) -> dict[int, list[tuple[Table, Cell]]]:
        by_line: dict[int, list[tuple[Table, Cell]]] = {}
        for t in d.tables:
            for row in t.rows:
                for c in row:
                    by_line.setdefault(c.line, []).append((t, c))
            for c in t.meta_cells:
                by_line.setdefault(c.line, []).append((t, c))
        return by_line

    for table, cell in doc.cached("locate.cells", build).get(line, ()):
        # the cell's text stands in its row's line with the same length (a newline shown as a space)
        if cell.column <= column < cell.column + max(len(cell.text), 1):
            return table, cell
    return None


def _boxes(ln, column: int, end_column: int | None, page: int | None) -> list[list[float]]:
    """One box per visual line of [column, end_column) on the span's first page: the union
    of its characters' boxes (a span wrapped over two lines of a paragraph gets two)."""
    boxes = ln.boxes
    if boxes is None:
        return []
    end = end_column if end_column and end_column > column else column + 1
    out: list[list[float]] = []
    for i in range(column - 1, min(end - 1, len(boxes) // 4)):
        if ln.page_at(i + 1) != page:
            break
        x0, y0, x1, y1 = boxes[4 * i:4 * i + 4]
        if math.isnan(x0):
            continue
        last = out[-1] if out else None
        # the same visual line: vertical centres within half a glyph height
        if last is not None and abs((y0 + y1) - (last[1] + last[3])) / 2 < 0.5 * (y1 - y0) and x0 >= last[0] - 1:
            last[0], last[1], last[2], last[3] = min(last[0], x0), min(last[1], y0), max(last[2], x1), max(last[3], y1)
        else:
            out.append([x0, y0, x1, y1])
    return [[round(v, 2) for v in b] for b in out]


def _union(boxes: list[list[float]]) -> list[float] | None:
    if not boxes:
        return None
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


def locate_findings(doc: Document, findings) -> None:
    """Set .location on each finding of this document and on each of its related places."""
    for f in findings:
        if f.path and f.path != doc.path:
            continue
        end = f.end_column if f.end_line == f.line else None
        f.location = locate(doc, f.line, f.column, end)
        for r in f.related:
            column = r.column or 1
            ln = doc.line(r.line) if 1 <= r.line <= len(doc.lines) else None
            if r.column is None and ln is not None and r.excerpt and r.excerpt in ln.text:
                column = ln.text.index(r.excerpt) + 1
            end_col = column + len(r.excerpt) if ln is not None and ln.text[column - 1:column - 1 + len(r.excerpt)] == r.excerpt else None
            r.location = locate(doc, r.line, column, end_col)

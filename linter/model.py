"""The one document model. Readers build it; rules only read it.

Everything points into the document's *text view*: a list of numbered lines (for .txt
exactly the file's own lines; for .docx one line per paragraph and per table row; for
.pdf the page text in reading order). Table cells carry their own line and column in
that view, plus their table/row/column grid position.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from .numbers import ZERO, Number, is_dash, parse_number


@dataclass
class Line:
    number: int  # 1-based line number in the text view
    text: str
    page: int | None = None  # 1-based page, PDF only
    kind: str = "text"  # text | heading | table | furniture | blank
    style: str | None = None  # Word style name (docx), for heading detection
    auto_number: bool = False  # the leading number token came from Word automatic numbering
    # PDF: a paragraph joined over a page break goes on on `page` from 1-based `column`
    page_breaks: list[tuple[int, int]] = field(default_factory=list)  # (column, page)
    # PDF: the box of each character of `text` on its page, in PDF user space (x0, y0, x1,
    # y1; origin bottom left), 4 floats per character; NaN for a character the reader put in
    # (a space between words, the TAB between cells)
    boxes: "array | None" = None
    # page breaks the author put in (docx: a page-break run, a paragraph set to start a page, a
    # section that starts on a new page): 0-based offsets into `text` where a new page begins;
    # empty where there are none, or where the format gives real pages instead (PDF: `page`)
    hard_breaks: tuple[int, ...] = ()

    def page_at(self, column: int) -> int | None:
        """The page of the character at 1-based `column` (PDF paragraphs run over pages)."""
        page = self.page
        for col, p in self.page_breaks:
            if column >= col:
                page = p
        return page


@dataclass
class Cell:
    text: str
    row: int  # 0-based grid row within the table
    col: int  # 0-based grid column (first grid column the cell covers)
    line: int  # line in the text view where the cell's text starts
    column: int  # 1-based character column of the cell text within that line
    page: int | None = None
    colspan: int = 1
    rowspan: int = 1
    # where a person finds the cell in the original: (table, row, column), 1-based, as the
    # application counts them (docx: Word's own table count, and the cell's ordinal in its
    # row); None when the reader has no better count than the grid
    place: tuple[int, int, int] | None = None
    # (text, its number): parsed once per text, not at every look
    _parsed: tuple[str, Number | None] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def number(self) -> Number | None:
        parsed = self._parsed
        if parsed is None or parsed[0] is not self.text:
            parsed = self._parsed = (self.text, parse_number(self.text))
        return parsed[1]

    @property
    def amount(self) -> Number | None:
        """The printed amount; a blank or dash cell is an exact zero; None when the cell
        holds something else (text, a percentage)."""
        if self.blank or self.dash:
            return ZERO
        return self.number

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def dash(self) -> bool:
        return is_dash(self.text)

    def span(self) -> tuple[int, int, str]:
        """(column, end_column, text) of the cell's first line of text in its line of the
        text view: 1-based, end exclusive, without surrounding spaces. A blank cell is an
        empty span at its column."""
        first = self.text.split("\n", 1)[0]
        text = first.strip()
        column = self.column + (len(first) - len(first.lstrip()) if text else 0)
        return column, column + len(text), text


@dataclass
class RowInfo:
    """What a table data row stands for: its classification code and name."""

    code: str  # 2013701, or '' when the row has no classification code
    name: str
    level: int  # 1 类 (3 digits), 2 款 (5), 3 项 (7); 0 without code


def cell_at(row: list[Cell], col: int) -> Cell | None:
    """The cell of a row that covers grid column `col` (a merged cell covers several)."""
    for c in row:
        if c.col <= col < c.col + c.colspan:
            return c
    return None


@dataclass
class Table:
    index: int  # 1-based, in document order
    rows: list[list[Cell]]
    title: str = ""
    title_line: int | None = None
    kind: str = "generic"  # key from data/table_kinds.json
    kind_name: str = ""  # human name of the kind
    unit: str | None = None  # 万元 | 元 | 千元 | 亿元
    header_rows: int = 0  # rows [0, header_rows) are headers (incl. 栏次)
    columns: list[str] = field(default_factory=list)  # key per grid column
    column_labels: list[str] = field(default_factory=list)  # header text per grid column
    # per grid column: the measure of a column printed under a shared item ("预算数" / "决算数"
    # under 合计 in a 决算 “三公” table), "" when the column has none
    measures: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # 编制单位, 预算年度, 单位 …
    row_info: list[RowInfo] = field(default_factory=list)  # one per data row (structure pass)
    # the 编制单位 / 预算年度 / 单位 rows the structure pass moved out of the grid into meta
    meta_cells: list[Cell] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def first_line(self) -> int:
        return self.rows[0][0].line if self.rows and self.rows[0] else (self.title_line or 0)

    @property
    def last_line(self) -> int:
        for row in reversed(self.rows):
            if row:
                return row[-1].line
        return self.first_line

    @property
    def page(self) -> int | None:
        return self.rows[0][0].page if self.rows and self.rows[0] else None

    @property
    def width(self) -> int:
        return max((c.col + c.colspan for r in self.rows for c in r), default=0)

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (row, col), following merges."""
        for r in range(row, -1, -1):
            for c in self.rows[r] if r < len(self.rows) else ():
                if c.col <= col < c.col + c.colspan and r + c.rowspan > row:
                    return c
        return None

    def data_rows(self) -> list[list[Cell]]:
        return self.rows[self.header_rows:]

    def column_index(self, key: str, measure: str | None = None) -> list[int]:
        """Grid columns with this key (and, when given, this measure)."""
        return [i for i, k in enumerate(self.columns) if k == key
                and (measure is None or (self.measures[i] if i < len(self.measures) else "") == measure)]

    @property
    def number(self) -> int:
        """The table's number as a person counts tables in the original (docx: Word's own
        count, of the first part when the structure pass joined a split table); index
        otherwise."""
        for row in self.rows:
            for c in row:
                if c.place is not None:
                    return c.place[0]
        return self.index

    def label(self) -> str:
        return self.title or self.kind_name or f"表{self.number}"

    def cached(self, key: str, build):
        """Per-table memo for views derived by rules (amount columns, 收支总表 sides)."""
        if key not in self._cache:
            self._cache[key] = build(self)
        return self._cache[key]

    def is_empty(self) -> bool:
        """True when no data cell holds a number (an 空表列示 table)."""
        return not any(c.number is not None for r in self.data_rows() for c in r if not _is_label(c, r))


def _is_label(cell: Cell, row: list[Cell]) -> bool:
    # 序号/栏次 columns hold small integers that are not amounts
    return cell is row[0] and cell.number is not None and cell.number.decimals == 0 and cell.number.value < 1000


@dataclass
class Section:
    number: str  # the number token as printed: 一、 （一） 1、 1. （1） or ""
    level: int  # 1 = top
    title: str
    line: int
    end_line: int = 0  # last line inside this section
    children: list["Section"] = field(default_factory=list)
    parent: "Section | None" = field(default=None, repr=False)
    auto: bool = False  # number comes from Word automatic numbering
    style: str = ""  # numbering style: part | cn | paren_cn | arabic | paren_arabic, "" for a styled heading

    def walk(self) -> Iterator["Section"]:
        yield self
        for c in self.children:
            yield from c.walk()

    def path(self) -> list[str]:
        out, s = [], self
        while s is not None and s.level > 0:
            out.append(s.title)
            s = s.parent
        return list(reversed(out))


@dataclass
class ContentsEntry:
    """One entry of a table of contents (目录) as printed: the structure pass reads it from
    the lines after a 目录 title (linter/contents.py), whatever the format."""

    line: int  # the line of the text view the entry is printed on
    column: int  # 0-based offset of the entry's text in that line (a line may hold two entries)
    end: int  # end of the entry's text in the line, before its leader and page number
    number: str  # number token as printed: 第一部分 一、 1. （一）, or ""
    level: int  # depth of that token (structure.NUMBERING), 0 without one
    title: str  # the entry without its number token, leader and page number
    page: str | None = None  # the page number printed after it, if any


@dataclass
class Suppression:
    """A person's "budgetlint: ignore [codes]" on part of the document (an inline marker in
    a .txt/.md draft, a Word comment on the text): findings of those rules (every rule when
    codes is empty) on [line:column, end_line:end_column) are accepted."""

    line: int
    column: int
    end_line: int
    end_column: int
    codes: tuple[str, ...] = ()


@dataclass
class Metadata:
    department: str | None = None
    year: int | None = None
    year_evidence: str | None = None  # where the year came from
    doc_type: str | None = None  # 预算 | 决算 | 绩效目标 | 绩效自评
    scope: str | None = None  # 部门 | 单位
    level: str | None = None  # 省 | 市 | 区 | 县 | 乡 (administrative level of the department)
    region: str | None = None  # 平乡县, 普陀区 …


@dataclass
class Document:
    path: str
    format: str  # txt | docx | pdf
    lines: list[Line]
    tables: list[Table] = field(default_factory=list)
    sections: Section | None = None  # root, level 0
    meta: Metadata = field(default_factory=Metadata)
    warnings: list[str] = field(default_factory=list)
    # pages (PDF) that hold no text but an image or a drawing: not blank pages
    graphic_pages: set = field(default_factory=set)
    # the narrative's paragraphs, each with its sentences (linter.paragraphs, assigned by the
    # structure pass); every stage reads these and none joins lines again
    paragraphs: list = field(default_factory=list)
    # a publication joined from several files (linter/pairing.py): (path, line offset) of each
    parts: list[tuple[str, int]] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)  # see linter.suppress
    # the entries of the document's table(s) of contents (目录), in order (structure pass)
    contents: list[ContentsEntry] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False)

    def line(self, number: int) -> Line:
        if number < 1:
            raise IndexError(f"line {number}: lines are numbered from 1")
        return self.lines[number - 1]

    def text_lines(self) -> Iterator[Line]:
        """Narrative lines: not table rows, not page furniture, not blank."""
        for ln in self.lines:
            if ln.kind in ("text", "heading") and ln.text.strip():
                yield ln

    def tables_of(self, kind: str) -> list[Table]:
        return [t for t in self.tables if t.kind == kind]

    def section_of(self, line: int) -> Section | None:
        """The innermost section containing a line."""
        best = None
        if self.sections is None:
            return None
        for s in self.sections.walk():
            if s.level > 0 and s.line <= line <= s.end_line:
                if best is None or s.level >= best.level:
                    best = s
        return best

    def cached(self, key: str, build):
        """Per-document memo for derived views (claims, ledger) shared by rules."""
        if key not in self._cache:
            self._cache[key] = build(self)
        return self._cache[key]


class InputError(Exception):
    """A file that cannot be read: the message names the cause in one line."""


class EmptyInput(InputError):
    """A file with nothing in it to check (0 bytes, only spaces, an empty body): reported
    as a finding of low severity, not as a broken file."""


def to_yuan_factor(unit: str | None) -> Decimal:
    return {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}.get(
        unit or "万元", Decimal(10000)
    )

"""Plain text: the seeds' dump format, ordinary text and Markdown.

Dump format: a table row is a run of TAB-led lines, one cell per line (a lone TAB is an
empty cell); rows are separated by blank lines; a non-blank line right after a cell line
continues that cell. Some dumps write a row as one line with TAB-separated cells. Markdown
pipe tables are tables too, and its # headings are headings (the marks blanked, as bookmarks
are). The text view is the file's own lines, with one exception:
Word bookmarks the dump writes into the text (``[bookmark: _Toc_3_3_0000000012]三、…``) are
blanked out (same length, so columns are the file's), and a table-of-contents bookmark makes
its line a heading (Line.style "heading"), as a Word heading style does for .docx. No stage
after this reader knows the markup.
"""
from __future__ import annotations

import codecs
import os
import stat

import regex

from ..limits import DEFAULT, Limits, exceeded
from ..model import Cell, Document, EmptyInput, InputError, Line, Suppression, Table

FURNITURE = regex.compile(r"^\s*(page number|第\s*\d+\s*页(\s*共\s*\d+\s*页)?|-\s*\d+\s*-|\d+\s*/\s*\d+)\s*$")
# Lines that open something new rather than continue the cell above them: an indented
# line, or a 一、 / （一） / 第一部分 heading (a bookmarked heading has its heading style).
HEADING_LIKE = regex.compile(r"^(?:\s|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)")
BOOKMARK = regex.compile(r"\[bookmark:\s*([^\]]*)\]")
# the bookmarks Word puts on the headings its table of contents lists
HEADING_BOOKMARK = regex.compile(r"^_Toc")
HEADING_STYLE = "heading"
# a Markdown ATX heading: its marks are blanked like bookmarks, and the line gets the heading style
MD_HEADING = regex.compile(r"^( {0,3}#{1,6})[ \t]+\S.*?(?:([ \t]+#+)[ \t]*)?$")
MD_SEPARATOR = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


# What a Chinese text file that is not UTF-8 comes in: GB18030 (GBK, GB2312) on the mainland,
# Big5 (with Hong Kong's supplement) in Taiwan and Hong Kong; UTF-16 when Windows saved it
# as "Unicode" without a byte-order mark. GB18030 decodes almost any bytes, Big5 text
# included (as mojibake), so decoding without error proves nothing.
LEGACY = {"gb18030": "GB18030", "big5hkscs": "Big5"}
WIDE = {"utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE"}


def decode(data: bytes) -> str:
    """Decode by BOM, then strict UTF-8, then the candidate that reads as text; never
    guess silently."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16")
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
                return data[:exc.start].decode("utf-8")  # a file cut short inside its last character
            damage = data.decode("utf-8", "replace").count("\ufffd")
            if damage * 1000 <= len(data):  # UTF-8 with a few bad bytes, not another encoding
                raise InputError(f"damaged UTF-8 text ({damage} invalid byte sequences, the first at byte "
                                 f"{exc.start})") from None
    wide = b"\x00" in data
    text = _detect(data, WIDE if wide else LEGACY)
    if text is None or "\x00" in text:
        if wide:
            raise InputError("binary data, not a text file (NUL bytes, and neither UTF-16LE nor UTF-16BE "
                             "without a byte-order mark reads it as text)")
        raise InputError("unknown text encoding (not UTF-8, and neither GB18030 nor Big5 reads it as text)")
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        raise InputError(f"unknown text encoding (not UTF-8, and {' or '.join((WIDE if wide else LEGACY).values())} "
                         "yields no Chinese text)")
    return text


def _detect(data: bytes, candidates: dict[str, str]) -> str | None:
    """The text of the one candidate encoding whose decoding reads as text, or None.

    The evidence is charset-normalizer's (a well-kept detector): for each candidate that
    decodes the bytes, how much of the result is mess (unlikely neighbours, rare and
    unassigned characters) and how coherent it is as a language. Big5 text read as GB18030
    is a mess of rare characters and loses to Big5; two candidates reading equally well as
    different texts are refused, naming both."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(data, cp_isolation=list(candidates)))
    if not results:
        return None
    best = results[0]
    text = data.decode(best.encoding)
    for other in results[1:]:
        if (other.chaos, other.coherence) == (best.chaos, best.coherence) and data.decode(other.encoding) != text:
            names = " or ".join(candidates.get(r.encoding, r.encoding) for r in (best, other))
            raise InputError(f"ambiguous text encoding ({names} read it equally well)")
    return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"text is not valid {encoding} despite its byte-order mark") from None


def read_txt(path: str, limits: Limits = DEFAULT) -> Document:
    # no encoding takes more than 4 bytes a character: past that the text cannot fit
    most = 4 * limits.max_document_chars
    with open(path, "rb") as fh:
        # a file's size first, then all of it: read(most + 1) would reserve all of `most`
        # (80 MB of address space, against a worker's memory limit) for any file
        st = os.fstat(fh.fileno())
        if st.st_size > most:
            raise exceeded(f"text longer than {limits.max_document_chars} characters", "max_document_chars")
        data = fh.read() if stat.S_ISREG(st.st_mode) else fh.read(most + 1)
        if len(data) > most:
            raise exceeded(f"text longer than {limits.max_document_chars} characters", "max_document_chars")
    return txt_document(decode(data), path)


def txt_document(text: str, path: str) -> Document:
    """The Document of already decoded text (a file's, or a rule case's), named `path`."""
    if not text.strip():
        raise EmptyInput("empty file (no text)")
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()  # the final newline does not open a line
    lines = [_line(i, t.lstrip("\ufeff") if i == 1 else t) for i, t in enumerate(raw_lines, 1)]
    doc = Document(path=path, format="txt", lines=lines)
    doc.suppressions = _ignore_markers(lines)
    doc.tables = _tables(lines)
    return doc


def _line(number: int, text: str) -> Line:
    """A line of the file with its bookmarks blanked out; a heading style when one of them
    marks a heading. A form feed (a page break, as pdftotext and many exports write them) is a
    space at the same column, recorded as the author's page break."""
    if "\f" in text:
        breaks = tuple(i for i, ch in enumerate(text) if ch == "\f")
        line = _line(number, text.replace("\f", " "))
        line.hard_breaks = breaks
        return line
    md = MD_HEADING.match(text) if "#" in text[:8] else None
    if md:
        # "## 一、收入预算情况" reads as the heading 一、收入预算情况, at the same columns
        for g in (1, 2):
            if md.group(g):
                text = text[:md.start(g)] + " " * len(md.group(g)) + text[md.end(g):]
        return Line(number=number, text=text, style=HEADING_STYLE)
    if "[bookmark" not in text:
        return Line(number=number, text=text)
    heading = False

    def blank(m) -> str:
        nonlocal heading
        heading = heading or bool(HEADING_BOOKMARK.match(m.group(1)))
        return " " * len(m.group())

    text = BOOKMARK.sub(blank, text)
    return Line(number=number, text=text, style=HEADING_STYLE if heading else None)


def _ignore_markers(lines: list[Line]) -> list[Suppression]:
    """`budgetlint: ignore [codes]` markers (linter.suppress): each is blanked out of its
    line (spaces of the same width, so columns stay the file's) and covers that line, or the
    next non-blank line when it stands alone."""
    from ..suppress import MARKER, codes_of

    out: list[Suppression] = []
    for i, ln in enumerate(lines):
        if "budgetlint" not in ln.text:
            continue
        m = MARKER.search(ln.text)
        if m is None:
            continue
        codes = codes_of(m.group(0)) or ()
        ln.text = ln.text[:m.start()] + " " * (m.end() - m.start()) + ln.text[m.end():]
        target = ln
        if not ln.text.strip():
            target = next((x for x in lines[i + 1:] if x.text.strip()), ln)
        out.append(Suppression(target.number, 1, target.number, len(target.text) + 1, codes))
    return out


def _is_pipe_row(text: str) -> bool:
    s = text.strip()
    return s.startswith("|") and s.count("|") >= 2


def _cells_of_split_line(ln: Line, row: int, sep: str) -> list[Cell]:
    cells, pos = [], 0
    text = ln.text
    parts = text.split(sep)
    if sep == "|":
        lead = len(text) - len(text.lstrip())
        parts = text.strip().split("|")[1:]
        if parts and parts[-1].strip() == "":
            parts = parts[:-1]
        pos = lead + 1
    for col, part in enumerate(parts):
        stripped = part.strip()
        offset = pos + (len(part) - len(part.lstrip()) if stripped else 0)
        cells.append(Cell(text=stripped, row=row, col=col, line=ln.number, column=offset + 1))
        pos += len(part) + 1
    return cells


def _tables(lines: list[Line]) -> list[Table]:
    tables: list[Table] = []
    rows: list[list[Cell]] = []
    current: list[Cell] | None = None  # row being built in dump (cell-per-line) mode
    last_was_cell = False

    def close_row():
        nonlocal current
        if current:
            rows.append(current)
        current = None

    def close_table():
        nonlocal rows
        close_row()
        if rows:
            tables.append(Table(index=len(tables) + 1, rows=rows))
        rows = []

    for ln in lines:
        t = ln.text
        if t.startswith("\t") and not t.strip() and "\t" not in t[1:]:
            # a lone TAB is an empty cell, not a blank line
            ln.kind = "table"
            if current is None:
                current = []
            current.append(Cell(text="", row=len(rows), col=len(current), line=ln.number, column=2))
            last_was_cell = True
            continue
        if not t.strip():
            ln.kind = "blank"
            close_row()
            last_was_cell = False
            continue
        if FURNITURE.match(t):
            ln.kind = "furniture"
            close_row()
            last_was_cell = False
            continue
        if _is_pipe_row(t):
            close_row()
            ln.kind = "table"
            if not MD_SEPARATOR.match(t):
                rows.append(_cells_of_split_line(ln, len(rows), "|"))
            last_was_cell = False
            continue
        if "\t" in t[1:] and (t.startswith("\t") or rows or t.count("\t") >= 2):
            # one row per line, cells separated by TABs (a leading TAB is an empty first cell)
            close_row()
            ln.kind = "table"
            rows.append(_cells_of_split_line(ln, len(rows), "\t"))
            last_was_cell = False
            continue
        if t.startswith("\t"):
            ln.kind = "table"
            if current is None:
                current = []
            body = t[1:]
            lead = len(body) - len(body.lstrip())  # the cell's text starts after its indent
            current.append(Cell(text=body.strip(), row=len(rows), col=len(current), line=ln.number,
                                column=2 + lead))
            last_was_cell = True
            continue
        if last_was_cell and current and not (ln.style or HEADING_LIKE.match(t)):
            # a paragraph inside the previous cell
            ln.kind = "table"
            current[-1].text = (current[-1].text + "\n" + t.strip()).strip()
            continue
        close_table()
        last_was_cell = False
    close_table()
    return tables

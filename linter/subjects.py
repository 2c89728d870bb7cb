"""科目 (functional classification) names: where the tables carry them, and where the narrative
names them with a level marker.

The tables' side comes from the structure pass's row information (code, name, level) of every
classified table; the narrative's side reads every form a 科目 is written in: with markers
(住房公积金（项）), with the code inside the marker ((201类)(03款)(01项)), code first
(2010301 行政运行), quoted, or bare once linked by name. Built once per document and cached.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .model import Cell, Document

LEVEL_OF_MARK = {"类": 1, "款": 2, "项": 3}
MARK_OF_LEVEL = {v: k for k, v in LEVEL_OF_MARK.items()}
_MARK = regex.compile(r"[（(]\s*(\d{0,7})\s*([类款项])\s*[）)]")
# the words before a marker: Han characters, quotes, and short bracketed words that are part of a
# name (政府办公厅（室）…) but not another marker
_RUN = regex.compile(r"(?:[\p{Han}“”\"「」]|[（(](?!\s*\d*\s*[类款项]\s*[）)])\p{Han}{1,4}[）)])+$")


_SPACES_QUOTES = regex.compile(r"[\s“”\"「」'‘’]")
_FULL_WIDTH_PARENS = str.maketrans("()", "（）")


def _norm(name: str) -> str:
    return _SPACES_QUOTES.sub("", name.translate(_FULL_WIDTH_PARENS))


@dataclass
class TableSubject:
    name: str
    levels: set
    codes: set
    cell: Cell | None


def table_subjects(doc: Document) -> dict[str, TableSubject]:
    """Every 科目 name the classified tables print, with the levels and codes it has there."""
    return doc.cached("table_subjects", _table_subjects)


def _table_subjects(doc: Document) -> dict[str, TableSubject]:
    out: dict[str, TableSubject] = {}
    for table in doc.tables:
        for row, info in zip(table.data_rows(), table.row_info):
            if not info.level or not info.name:
                continue
            name = _norm(info.name)
            cell = next((c for c in row if c.text.strip() and _norm(c.text).endswith(name)), None)
            entry = out.setdefault(name, TableSubject(name, set(), set(), cell))
            entry.levels.add(info.level)
            entry.codes.add(info.code)
    return out


def table_levels(doc: Document, name: str) -> set:
    """The levels (1 类, 2 款, 3 项) at which the classified tables print a 科目 name."""
    row = table_subjects(doc).get(_norm(name))
    return set(row.levels) if row is not None else set()


def subject_names_in_tables(doc: Document) -> dict[str, Cell | None]:
    return {k: v.cell for k, v in table_subjects(doc).items()}


@dataclass
class MarkedSubject:
    """A 科目 the narrative names with a level marker: 住房改革支出（类）."""

    name: str  # as the tables print it (the longest table name the words end with)
    level: int  # the marker's level
    code: str  # a code printed inside the marker ('' when none)
    paragraph: int
    start: int  # the name's offsets in the paragraph
    end: int  # end of the marker


def marked_subjects(doc: Document) -> list[MarkedSubject]:
    return doc.cached("marked_subjects", _marked_subjects)


def _marked_subjects(doc: Document) -> list[MarkedSubject]:
    known = table_subjects(doc)
    out = []
    for para in doc.paragraphs:
        text = para.text
        for m in _MARK.finditer(text):
            run = _RUN.search(text, 0, m.start())
            if run is None:
                continue
            words = run.group()
            # the longest tail of the words that the tables name (支出 added or dropped: 住房保障（类）)
            for i in range(len(words)):
                tail = _norm(words[i:])
                # 住房保障（类） for 住房保障支出: only the whole run may drop or add 支出 (普通教育
                # is not 教育支出)
                variants = (tail, tail + "支出", regex.sub("支出$", "", tail)) if i == 0 else (tail,)
                name = next((n for n in variants if n in known), None)
                if name is not None:
                    out.append(MarkedSubject(name, LEVEL_OF_MARK[m.group(2)], m.group(1), para.index,
                                             run.start() + i, m.end()))
                    break
    return out

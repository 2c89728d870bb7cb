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


@dataclass
class SubjectPath:
    """A 科目 named as a path of table names, outermost first: 住房改革支出（款）住房公积金（项）,
    住房改革支出款住房公积金项, 住房保障支出/住房改革支出/住房公积金, or one name (在住房公积金中)."""

    names: tuple[str, ...]  # as the tables print them (normalised)
    levels: tuple[int, ...]  # each name's marker level (0 when no marker)
    marked: bool  # some name carries a marker (bracketed or bare) or the path has a separator


_BARE_MARK = regex.compile(r"[类款项]")
_PATH_SLASH = regex.compile(r"\s*[/／]\s*")


def _frame() -> tuple[regex.Pattern, regex.Pattern]:
    from .vocab import load_json

    d = load_json("statements.json")
    return regex.compile(d["subject_frame_lead"]), regex.compile(d["subject_frame_tail"])


def subject_path(doc: Document, words: str) -> SubjectPath | None:
    """The 科目 path the words name, each part a 科目 name the document's tables print, with its
    marker in any form (（项）, (01项), 项 with no brackets) or none; None when any part of the
    words is not a table name (a word that merely ends in 项 — 专项, 事项 — is no marker, since
    the name before it must be a table's)."""
    lead, tail = _frame()
    s = _norm(words)
    prev = None
    while prev != s:  # 在…（项）科目中安排, 其中：…
        prev = s
        s = tail.sub("", lead.sub("", s, count=1), count=1)
    if not s or len(s) > 80:
        return None
    known = table_subjects(doc)
    parts = [p for p in _PATH_SLASH.split(s) if p]
    if len(parts) > 1:
        names = []
        for p in parts:
            got = _one_name(p, known)
            if got is None:
                return None
            names.append(got)
        return SubjectPath(tuple(names), (0,) * len(names), True)
    names, levels, pos, marked = [], [], 0, False
    while pos < len(s):
        step = _named_step(s, pos, known)
        if step is None:
            return None
        name, level, pos = step
        marked = marked or level > 0
        names.append(name)
        levels.append(level)
    return SubjectPath(tuple(names), tuple(levels), marked) if names else None


def _one_name(words: str, known) -> str | None:
    for n in (words, words + "支出", regex.sub("支出$", "", words)):
        if n in known:
            return n
    return None


def _named_step(s: str, pos: int, known) -> tuple[str, int, int] | None:
    """(name, level, next position) of the longest table name at `pos` that a marker or the end
    of the words follows."""
    for j in range(len(s), pos, -1):
        name = _one_name(s[pos:j], known)
        if name is None:
            continue
        if j == len(s):
            return name, 0, j
        m = _MARK.match(s, j)
        if m:
            return name, LEVEL_OF_MARK[m.group(2)], m.end()
        m = _BARE_MARK.match(s, j)
        if m and (m.end() == len(s) or _named_step(s, m.end(), known) is not None):
            return name, LEVEL_OF_MARK[m.group()], m.end()
    return None

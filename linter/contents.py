"""The table of contents (目录): its entries as the document prints them, read by the
structure pass from the lines that follow a 目录 title, in every format alike.

An entry is a numbered title (第一部分…, 一、…, 1. …, （一）…) or a title followed by a dot
leader or a page number. Entries with or without page numbers and leaders are read the
same way, and a line the PDF reader joined from two entries (…支出预算表十、政府性基金…) is
split at the second entry's number. The block ends at the first line that is not an entry
(a sentence, a table row), or where the body begins by repeating the first entry
(第一部分 部门概况 printed again as the body's heading). A 目录 title followed by fewer than
two entries is no table of contents.
"""
from __future__ import annotations

import regex

from .model import ContentsEntry, Document

CONTENTS_TITLE = regex.compile(r"^\s*目\s*[录錄]\s*[:：]?\s*$")
# a page number printed alone on a line (page furniture between a contents' pages)
PAGE_NUMBER = regex.compile(r"^\s*[-─—–]*\s*(?:第\s*)?\d{1,4}\s*(?:页)?\s*[-─—–]*\s*$")
# what may follow an entry's title: a dot leader (….. · ．, spaced or not) or a tab, then
# perhaps a page number; or only a page number after spaces
_LEADER = r"(?:(?:[.．·…]\s?){3,}|-{4,}|—{3,}|_{3,}|\t)"
TAIL = regex.compile(rf"\s*{_LEADER}[\s.．·…\-—_]*(\d{{1,4}})?\s*$|(?<=[\p{{Han}}”）)])\s+(\d{{1,4}})\s*$")
_CN = "一二三四五六七八九十"
# a second entry on the same line: its number token right after the first one's title
SECOND_ENTRY = regex.compile(rf"(?<=[\p{{Han}}”）)])(?<![{_CN}第])(?=第[{_CN}\d]+部分|[{_CN}]{{1,3}}、)")
PART = regex.compile(rf"^\s*(第[{_CN}\d]+(?:部分|章|篇))\s*")
SECTION = regex.compile(rf"^\s*(第[{_CN}\d]+节)\s*")
# 4．2025年部门…预算表: an arabic number right before a year (structure.numbering_of leaves
# 4.2025 alone, as it may be a decimal in running text)
ARABIC_BEFORE_YEAR = regex.compile(r"^\s*(\d{1,2}[、.．])\s*(?=(?:19|20)\d{2}年)")
# 1 部门收支总表 / 1\t部门收支总表: a bare arabic number set off by space
ARABIC_SPACED = regex.compile(r"^\s*(\d{1,2})[ \t\u3000]+(?=\p{Han})")
ANNEX = regex.compile(r"^\s*((?:附件|附表)\s*\d{0,2}[、.．：:]?)\s*")
SENTENCE_MARK = regex.compile(r"[。；;！!？?]")
MAX_TITLE = 60
MAX_ENTRIES = 200


def read_contents(doc: Document) -> list[ContentsEntry]:
    """Every entry of every table of contents of the document, in order."""
    out: list[ContentsEntry] = []
    lines = doc.lines
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.kind != "table" and CONTENTS_TITLE.match(ln.text):
            entries, i = _block(doc, i + 1)
            if len(entries) >= 2:
                out.extend(entries)
            continue
        i += 1
    return out


def _block(doc: Document, i: int) -> tuple[list[ContentsEntry], int]:
    """The entries from line index i on, and the index where the block ends."""
    entries: list[ContentsEntry] = []
    first: tuple[str, str] | None = None
    lines = doc.lines
    while i < len(lines) and len(entries) < MAX_ENTRIES:
        ln = lines[i]
        if ln.kind == "blank" or not ln.text.strip() or (ln.kind == "furniture" and PAGE_NUMBER.match(ln.text)):
            i += 1
            continue
        if ln.kind == "table":
            break
        found = entries_of(ln.text, ln.number)
        if not found:
            break
        key = (found[0].number, _key(found[0].title))
        if first is not None and key == first:
            break  # the body begins: its first heading repeats the first entry
        if first is None:
            first = key
        entries.extend(found)
        i += 1
    return entries, i


def _key(title: str) -> str:
    return regex.sub(r"\s+", "", title)


def entries_of(text: str, line: int) -> list[ContentsEntry]:
    """The entries printed on one line, or [] when the line is not made of entries."""
    out = []
    starts = [0] + [m.start() for m in SECOND_ENTRY.finditer(text)]
    for a, b in zip(starts, starts[1:] + [len(text)]):
        entry = _entry(text, a, b, line)
        if entry is None:
            if a == 0:
                return []
            # a split inside one title (…的一、二类…): keep the piece on the entry before
            prev = out.pop()
            entry = _entry(text, prev.column, b, line)
            if entry is None:
                return []
        out.append(entry)
    return out


def _entry(text: str, a: int, b: int, line: int) -> ContentsEntry | None:
    from .structure import numbering_of

    piece = text[a:b]
    tail = TAIL.search(piece)
    page = None
    end = len(piece)
    if tail is not None and tail.start() > 0:
        page = tail.group(1) or tail.group(2)
        end = tail.start()
    body = piece[:end]
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    number, level, title = "", 0, body
    m = PART.match(body) or ANNEX.match(body)
    arabic = ARABIC_BEFORE_YEAR.match(body) or ARABIC_SPACED.match(body)
    section = SECTION.match(body)
    if m:
        number, level, title = m.group(1), 1, body[m.end():]
    elif section:
        number, level, title = section.group(1), 2, body[section.end():]
    elif arabic:
        number, level, title = arabic.group(1), 4, body[arabic.end():]
    else:
        num = numbering_of(body)
        if num is not None:
            _style, level, number, title = num
    title = title.strip()
    if not title or len(title) > MAX_TITLE or SENTENCE_MARK.search(title):
        return None
    if not number and tail is None:
        return None  # an unnumbered line with no leader or page number is body text
    return ContentsEntry(line=line, column=a + lead, end=a + lead + len(body), number=number.strip(),
                         level=level, title=title, page=page)

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from linter.cnnum import with_arabic_years
from linter.contents import PAGE_NUMBER
from linter.engine import Rule
from linter.findings import related_line
from linter.structure import is_serial_label, numbering_of, table_kind_of
from linter.vocab import load_json

from .common import terms

# what a 目录 entry and the body's heading may differ in: brackets and what they hold
# （部门）（仅有一个单位的部门…）, years, numbering, quotes, punctuation and spaces
_BRACKETED = regex.compile(r"[（(【［\[][^（）()【】［］\[\]]{0,40}[）)】］\]]")
_YEAR = regex.compile(r"(?:19|20)\d{2}\s*年度?|本年度|上年度")
_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")
# the document's own scope words: 部门主要职能 (目录) is 主要职能 under the department's name
_SCOPE = regex.compile(r"预算单位|部门|单位|本级")
# a counterpart as short as this (or shorter) must be most of the entry to stand for it
MIN_CORE = 4
# a title wrapped onto a second line (第三部分 江苏省…办公厅 / 2017年度部门预算情况说明) is
# this short at most
MAX_WRAPPED = 40
# an entry is matched by a body title holding this share of it, in order …
SIMILAR = 0.85
# … or half of it under the same number token (第四部分)
SAME_NUMBER_SHARE = 0.5
# an entry naming a class of parts (项目经费情况说明) stands for body titles that end in its
# head noun (科技创新专项经费情况说明): the qualifier is at most this long, the head at least
QUALIFIER = 2
MIN_HEAD_NOUN = 6
# a line naming the document: its kind (预算/决算 …), not a sentence
DOC_TITLE = regex.compile(r"^[^。；，]*(?:预算|决算)[^。；，]*$")
_SENTENCE = regex.compile(r"[。；;！!？?]")
# a body line is looked at up to its first sentence or this many characters: a heading run
# into its text by the reader still begins with the heading
HEAD_REACH = 80



class MissingPart(Rule):
    """A part the document must have is not there: an entry of its 目录 with nothing behind
    it, a table the document's kind requires (an empty one must still be published with its
    note), or a blank page between parts.

    *What it does*: each entry of the 目录 (read by the structure pass, with or without page
    numbers and dot leaders) is looked for among the body's headings, title lines and table
    titles, compared without numbering, years, the department's own name, bracketed notes,
    punctuation and spacing. A table entry is there when a table (or a title line) of its
    kind is; a section entry when a body title reads the same, holds it, or holds nearly all
    of it in order (其他重要事项的情况说明 for 其他重要事项说明), or carries its part number
    (第四部分); a part is there when an entry below it is. A body title stands for one entry.
    A 说明 published without its tables (they are in the other file) is not asked for them;
    a publication split in two files is checked as one. For a 部门/单位 预算 or 决算 that
    publishes its tables (at least required_tables.min_present of them), each table kind of
    required_tables in template_terms.json that is absent is reported once. A page with no
    text between pages with text (PDF), or two of the author's page breaks with nothing
    between them (.docx), is reported at the part that follows it.

    *Why it matters*: a reader who follows the 目录 or the disclosure rules looks for a table
    that is not there; an empty table left out instead of published with its note hides that
    the department has no such funds.

    *Bad*:
        a 部门预算 with eight of its tables and no 政府性基金预算支出表;
        目录 三、名词解释 ……5, and no 名词解释 in the document

    *Good*:
        七、政府性基金预算支出表 (empty, with 注：本部门无政府性基金预算支出，空表列示。)
    """

    code = "BL316"
    name = "missing-part"
    severity = "warning"

    def check(self, doc):
        reported: set[str] = set()
        yield from self._contents(doc)
        yield from self._required(doc, reported)
        yield from self._blank_pages(doc)

    # --- the 目录 against the body ---------------------------------------------------------

    def _contents(self, doc):
        entries = doc.contents
        if not entries:
            return
        own = [n for n in (doc.meta.department, doc.meta.region) if n]
        contents_lines = {e.line for e in entries}
        titles = self._body_titles(doc, contents_lines, own)
        kinds = {t.kind for t in doc.tables if t.kind != "generic"}
        untitled = Counter(t.kind for t in doc.tables if t.kind != "generic" and not t.title)
        present = [c is not None for c in self._counterparts(entries, titles, untitled, own)]
        # a part whose entries below it are present is present: 五、部门预算表 is the tables
        # that follow it, with no heading of its own in the body
        for i, e in enumerate(entries):
            if present[i] or not e.level:
                continue
            for j in range(i + 1, len(entries)):
                if entries[j].level and entries[j].level <= e.level:
                    break
                if present[j]:
                    present[i] = True
                    break
        has_tables = bool(kinds)
        for e, found in zip(entries, present):
            if found:
                continue
            if not has_tables and self._names_table(e):
                continue  # a 说明 published without its tables: they are in the other file
            yield self.at_span(doc, e.line, e.column, e.end,
                               f"目录列出 `{(e.number + e.title).strip()}`，正文中没有这一部分或这张表")

    @staticmethod
    def _names_table(entry) -> bool:
        return _strict(entry.title, []).endswith("表")

    def _body_titles(self, doc, skip: set[int], own: list[str]) -> list["_Title"]:
        """The body's lines that may carry a part's or a table's title: headings and text
        lines (up to their first sentence; a heading with the short line after it, a title
        wrapped onto two lines) and table titles; a table's header cells are no titles."""
        out = []
        lines = doc.lines
        for i, ln in enumerate(lines):
            if ln.number in skip or ln.kind not in ("text", "heading", "furniture") or not ln.text.strip():
                continue
            head = _SENTENCE.split(ln.text, maxsplit=1)[0][:HEAD_REACH]
            if is_serial_label(head):
                continue
            num = numbering_of(head.strip()) if ln.kind == "heading" else None
            token = num[2].strip() if num else ""
            out.append(_Title.of(ln.number, token, head, own, table=False))
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if ln.kind == "heading" and nxt is not None and nxt.kind == "text" \
                    and len(nxt.text.strip()) <= MAX_WRAPPED and not _SENTENCE.search(nxt.text):
                out.append(_Title.of(ln.number, token, head + nxt.text, own, table=False))
        for t in doc.tables:  # (a title printed inside the grid is the table's title already)
            if t.title:
                out.append(_Title.of(t.title_line or t.first_line, "", t.title, own, table=True))
        return [t for t in out if t.strict]

    def _counterparts(self, entries, titles: list["_Title"], untitled: Counter, own: list[str]) -> list:
        """For each 目录 entry, the body title that stands for it (True for a table of its
        kind printed without a title), or None. A body title stands for one entry, and the
        closest matches are made first: 收入决算情况说明 is not taken for a missing
        支出决算情况说明, nor one project's 绩效目标表 for another's."""
        out: list = [None] * len(entries)
        wants = []
        for i, e in enumerate(entries):
            want = _Title.of(0, e.number, e.title, own, table=False)
            if not want.strict:
                out[i] = True  # nothing left to look for (a title that was only the department's name)
            wants.append(want if want.strict else None)
        claimed: set[int] = set()
        order = sorted((i for i, w in enumerate(wants) if w is not None), key=lambda i: -len(_key(wants[i])))
        for tier in _TIERS:
            for i in order:
                if out[i] is not None:
                    continue
                for t in titles:
                    if t.line not in claimed and tier(entries[i], wants[i], t):
                        out[i] = t
                        claimed.add(t.line)
                        break
        for i in order:  # a table of the entry's kind printed without a title line
            kind = wants[i].kind
            if out[i] is None and kind is not None and untitled[kind] > 0:
                untitled[kind] -= 1
                out[i] = True
        return out

    def _required(self, doc, reported):
        cfg = terms()["required_tables"]
        need = cfg.get(doc.meta.doc_type or "")
        if not need or doc.meta.scope not in ("部门", "单位"):
            return
        present = {t.kind for t in doc.tables}
        if sum(k in present for k in need) < cfg["min_present"]:
            return  # not a publication of the tables (a 说明 alone, a 绩效 file)
        names = load_json("table_kinds.json")["kinds"]
        at = self._title_line(doc)
        if at is None:
            return
        for kind in need:
            if kind in present or kind in reported:
                continue
            ln = doc.line(at)
            s = len(ln.text) - len(ln.text.lstrip())
            yield self.at_span(doc, at, s, len(ln.text.rstrip()),
                               f"本文件缺少 `{names[kind]['name']}`：没有数据的表也应公开（空表并附说明）")

    @staticmethod
    def _title_line(doc):
        """The line that names the document (保定市竞秀区财政局2025年部门预算信息公开情况说明;
        第一部分 … a part title when the body opens with the tables), else its first line of text."""
        year = str(doc.meta.year or "")
        first = None
        for ln in doc.lines:
            if ln.kind not in ("text", "heading") or not ln.text.strip():
                continue
            text = ln.text.strip()
            if first is None:
                first = ln.number
            if year and year in with_arabic_years(text) and DOC_TITLE.search(text) and len(text) <= 60 \
                    and table_kind_of(text) is None:
                return ln.number
        return first

    def _blank_pages(self, doc):
        if any(ln.hard_breaks for ln in doc.lines):
            yield from self._blank_between_breaks(doc)
        first_on: dict[int, int] = {}
        last_on: dict[int, int] = {}
        for ln in doc.lines:
            if ln.page is None or ln.kind in ("blank", "furniture") or not ln.text.strip():
                continue  # (no page: a format without real pages, checked by its breaks)
            first_on.setdefault(ln.page, ln.number)
            last_on[ln.page] = ln.number
        if not first_on:
            return
        pages = sorted(first_on)
        for p in range(pages[0] + 1, pages[-1]):
            if p in first_on:
                continue
            nxt = min(q for q in pages if q > p)
            prev = max(q for q in pages if q < p)
            ln = doc.line(first_on[nxt])
            s = len(ln.text) - len(ln.text.lstrip())
            yield self.at_span(doc, ln.number, s, max(len(ln.text.rstrip()), s + 1),
                               f"第 {p} 页是空白页（在第 {prev} 页与第 {nxt} 页的内容之间）",
                               related=[related_line(doc, last_on[prev], f"空白页前（第 {prev} 页）")])


    def _blank_between_breaks(self, doc):
        """The author's own page breaks (a .docx's 分页符, a paragraph set to start a page, a
        section on a new page): two breaks with nothing printed between them, between parts
        that hold content, leave a blank page."""
        last_content = None  # line of the last text or table row
        breaks = 0  # breaks since then
        for ln in doc.lines:
            cuts = (0, *ln.hard_breaks, len(ln.text))
            for k in range(len(cuts) - 1):
                if k:
                    breaks += last_content is not None
                piece = ln.text[cuts[k]:cuts[k + 1]]
                if not piece.strip() or (ln.kind == "furniture" and PAGE_NUMBER.match(ln.text)):
                    continue
                if breaks >= 2:
                    s = cuts[k] + len(piece) - len(piece.lstrip())
                    blank = "一张空白页" if breaks == 2 else f"{breaks - 1} 张空白页"
                    yield self.at_span(doc, ln.number, s, max(cuts[k] + len(piece.rstrip()), s + 1),
                                       f"这一部分之前有{blank}：两个分页符之间没有任何内容",
                                       related=[related_line(doc, last_content, "空白页前的内容")])
                last_content, breaks = ln.number, 0


def _strict(text: str, own: list[str]) -> str:
    """A title without its numbering, the department's and region's names, bracketed notes,
    years, punctuation and spaces."""
    text = with_arabic_years(text)
    for _ in range(2):
        num = numbering_of(text)
        if num is None:
            break
        text = num[3]
    for name in own:
        text = text.replace(name, "")
    text = _BRACKETED.sub("", text)
    text = _YEAR.sub("", text)
    return _NOISE.sub("", text)


@dataclass(frozen=True)
class _Title:
    line: int  # where it is printed
    token: str  # number token of a body heading (第三部分), "" otherwise
    strict: str  # see _strict
    loose: str  # strict without the scope words 部门/单位/本级
    table: bool  # a table's title (or, for an entry, it names a table)
    kind: str | None  # the table kind a table's title names
    chars: frozenset  # the characters of strict: a cheap test before the subsequence

    @classmethod
    def of(cls, line: int, token: str, text: str, own: list[str], table: bool) -> "_Title":
        strict = _strict(text, own)
        table = table or strict.endswith("表")
        return cls(line, token, strict, _SCOPE.sub("", strict), table, table_kind_of(text) if table else None,
                   frozenset(strict))


def _key(want: _Title) -> str:
    """What an entry is looked for by when the body's title must be the same: without the
    scope words (部门主要职能 is 上海市…（部门）主要职能), unless too little is left (部门概况 is
    not 概况). Looser matches keep the scope words: 部门预算情况说明 is not 收入预算情况说明."""
    return want.loose if len(want.loose) >= MIN_CORE else want.strict


def _have(want: _Title, title: _Title) -> str:
    return title.loose if len(want.loose) >= MIN_CORE else title.strict


def _other_table(want, title) -> bool:
    """Both name tables, of different kinds: 收入决算表 is not 收入支出决算总表, however alike."""
    return want.kind is not None and title.kind is not None and want.kind != title.kind


def _same(entry, want, title) -> bool:
    """The title as the entry names it (a table's title may carry more before it: the year,
    the department)."""
    if want.table and not title.table or _other_table(want, title):
        return False  # 收支预算总表 is not there because 收支预算总表情况说明 is
    key, have = _key(want), _have(want, title)
    return have == key or (want.table and have.endswith(key))


def _same_kind(entry, want, title) -> bool:
    """A table title of the kind the entry names: 2025年部门收入预算总表 for 收入预算总表
    (收支预算总表 is not there because 财政拨款收支预算总表 is: kinds are told apart)."""
    return want.kind is not None and title.table and title.kind == want.kind


def _holding(entry, want, title) -> bool:
    """A body title holding the entry's whole title: 上海市…（部门）主要职能 for 部门主要职能."""
    return not want.table and want.strict in title.strict


def _similar(entry, want, title) -> bool:
    """A body title holding nearly all of the entry, in order: 其他重要事项的情况说明 for
    其他重要事项说明; 江苏省人大常委会办公厅 for 省人大办公厅."""
    if want.table and not title.table or _other_table(want, title):
        return False
    key, have = want.strict, title.strict
    if len(have) > 2 * len(key) + MIN_CORE or len(want.chars & title.chars) < len(want.chars) * SIMILAR:
        return False
    return _common_subsequence(key, have) >= len(key) * SIMILAR


def _same_number(entry, want, title) -> bool:
    """A body heading under the entry's own part number holding half its title: 第四部分
    名词解释 for 第四部分名称解释 (the part is there; its title differs)."""
    if not title.token or title.token != entry.number or _other_table(want, title):
        return False
    key, have = want.strict, title.strict
    if len(want.chars & title.chars) < len(want.chars) * SAME_NUMBER_SHARE:
        return False
    return _common_subsequence(key, have) >= len(key) * SAME_NUMBER_SHARE


def _head_noun(entry, want, title) -> bool:
    """An entry naming a class of parts stands for unnumbered body titles ending in its head
    noun: 项目经费情况说明 for 科技创新专项经费情况说明, printed once per project."""
    key, have = _key(want), _have(want, title)
    head = key[QUALIFIER:]
    return (not want.table and not title.token and len(head) >= MIN_HEAD_NOUN and have.endswith(head)
            and len(have) <= MAX_WRAPPED)


_TIERS = (_same, _same_kind, _holding, _similar, _same_number, _head_noun)


def _common_subsequence(a: str, b: str) -> int:
    """Length of the longest common subsequence of two short titles."""
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, bh in enumerate(b):
            cur.append(prev[j] + 1 if ch == bh else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]

from __future__ import annotations

import regex

from linter.engine import Rule

from linter.findings import related_cell

from .common import terms


def _kind_of(text: str, kinds: dict) -> str | None:
    t = regex.sub(r"[\s“”\"']", "", text)
    for kind, words in kinds.items():
        if any(w in t for w in words):
            return kind
    return None


class EmptyTableNote(Rule):
    """An empty 政府性基金 / 国有资本经营 / “三公” table without its note, or with a note that
    names another table; a note that calls a table with amounts empty.

    *What it does*: for each of those tables that holds no amount, looks for the note after it
    (注：无…，空表列示; a line in brackets such as (无政府性基金支出）; a short sentence such as
    本部门无此项支出) before the next table or heading, or a sentence of the narrative that names
    the table's kind and says there is none (本部门无国有资本经营预算拨款安排的支出). Missing →
    reported at the title; a note
    that names another of those tables (copied with the table above it) → reported at the note
    with the right name. Under any table, a note saying the table is empty (故本表为空表,
    本表无数据) while the table holds a non-zero amount is reported at the note: it was
    copied from last year's file or from another table.

    *Why it matters*: the rules on budget disclosure require an empty table to say why it is
    empty; a note that names the wrong table tells the reader nothing about this one.

    *Bad*:
        部门预算国有资本经营预算财政拨款支出表 (空) / 注：无政府性基金预算财政拨款预算，空表列示。

    *Good*:
        部门预算国有资本经营预算财政拨款支出表 (空) / 注：无国有资本经营预算财政拨款预算，空表列示。
    """

    code = "BL310"
    name = "empty-table-note"
    severity = "warning"

    def check(self, doc):
        cfg = terms()["empty_table_notes"]
        kinds = cfg["kinds"]
        note_re = regex.compile(cfg["note"])
        claims_empty = regex.compile(cfg["claims_empty"])
        explains = regex.compile(cfg["explains_empty"])
        explained = None  # kinds a narrative sentence says are empty, read once when needed
        for i, table in enumerate(doc.tables):
            title, tline = self._title(doc, table)
            kind = _kind_of(title, kinds)
            nxt = doc.tables[i + 1].first_line if i + 1 < len(doc.tables) else len(doc.lines) + 1
            note = self._note(doc, table, nxt, note_re, explains)
            if note is not None and claims_empty.search(note[1]):
                amount = self._amount(table)
                if amount is not None:
                    n, text = note
                    full = doc.line(n).text
                    m = claims_empty.search(full)
                    yield self.at_span(doc, n, m.start(), m.end(),
                                       f"说明称本表为空表，但表中有金额（`{amount.text.strip()}`）：说明沿用了别的文件或别的表",
                                       related=[related_cell(amount, "表中的金额")])
                    continue
            if kind is None or not table.is_empty():
                continue
            if note is None:
                if explained is None:
                    explained = self._explained_kinds(doc, kinds, explains)
                if kind in explained:
                    continue
                if tline:
                    ln = doc.line(tline)
                    text = ln.text
                    s = len(text) - len(text.lstrip())
                    yield self.at_span(doc, tline, s, len(text.rstrip()), f"空表 `{title}` 没有说明（注：无…，空表列示）")
                continue
            n, text = note
            named = _kind_of(text, kinds)
            if named is not None and named != kind:
                ln = doc.line(n)
                full = ln.text
                word = next(w for w in kinds[named] if w in regex.sub(r"[“”\"']", "", full) or w in full)
                off = full.find(word)
                if off < 0:
                    off, word = 0, full.strip()
                yield self.at_span(doc, n, off, off + len(word),
                                   f"空表说明写的是 `{word}`，但它说明的是 `{title}`（沿用了别的表的说明）",
                                   suggestion=kinds[kind][0])

    @staticmethod
    def _note(doc, table, nxt, note_re, explains):
        """The note right under a table, before the next table or heading: 注：/说明：…, a line
        in brackets ((无政府性基金支出）), or a short sentence that says there is nothing to
        show (本部门无此项支出。)."""
        for n in range(table.last_line + 1, min(nxt, table.last_line + 8, len(doc.lines) + 1)):
            ln = doc.line(n)
            text = ln.text.strip()
            if ln.kind in ("blank", "furniture") or not text:
                continue
            if note_re.match(text):
                return n, text
            if ln.kind == "heading":
                return None
            bracketed = regex.fullmatch(r"[（(][^（）()]+[）)]", text)
            if (bracketed or len(text) <= 40) and explains.search(text):
                return n, text
        return None

    @staticmethod
    def _explained_kinds(doc, kinds, explains) -> set[str]:
        """Kinds of table that a sentence of the narrative says are empty: it names the kind and
        says there is nothing (无…支出, 没有…安排, 不涉及)."""
        out = set()
        for ln in doc.text_lines():
            text = regex.sub(r"[“”\"']", "", ln.text)
            for sent in regex.split(r"[。；;]", text):
                kind = _kind_of(sent, kinds)
                if kind is not None and explains.search(sent):
                    out.add(kind)
        return out

    @staticmethod
    def _amount(table):
        """The first non-zero amount in the table's data rows, or None."""
        for row in table.data_rows():
            for c in row:
                if c.number is not None and c.number.value != 0 and not (c is row[0] and c.number.decimals == 0
                                                                           and c.number.value < 1000):
                    return c
        return None

    @staticmethod
    def _title(doc, table):
        if table.title:
            return table.title, table.title_line
        for n in range(table.first_line - 1, max(table.first_line - 10, 0), -1):
            ln = doc.line(n)
            if ln.kind in ("heading", "text") and ln.text.strip():
                return ln.text.strip(), n
        return "", None

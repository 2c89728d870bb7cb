from __future__ import annotations

import regex

from linter.engine import Rule

from .common import terms
from linter.structure import content


def _kind_of(text: str, kinds: dict) -> str | None:
    t = regex.sub(r"[\s“”\"']", "", text)
    for kind, words in kinds.items():
        if any(w in t for w in words):
            return kind
    return None


class EmptyTableNote(Rule):
    """An empty 政府性基金 / 国有资本经营 / “三公” table without its note, or with a note that
    names another table.

    *What it does*: for each of those tables that holds no amount, looks for the note after it
    (注：无…，空表列示) before the next table or heading. Missing → reported at the title; a note
    that names another of those tables (copied with the table above it) → reported at the note
    with the right name.

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
        for i, table in enumerate(doc.tables):
            title, tline = self._title(doc, table)
            kind = _kind_of(title, kinds)
            if kind is None or not table.is_empty():
                continue
            nxt = doc.tables[i + 1].first_line if i + 1 < len(doc.tables) else len(doc.lines) + 1
            note = None
            for n in range(table.last_line + 1, min(nxt, table.last_line + 8)):
                ln = doc.line(n)
                text = content(ln).strip()
                if ln.kind in ("blank", "furniture") or not text:
                    continue
                if note_re.match(text):
                    note = (n, text)
                    break
                if ln.kind == "heading":
                    break
            if note is None:
                if tline:
                    ln = doc.line(tline)
                    text = content(ln)
                    s = len(text) - len(text.lstrip())
                    yield self.at_span(doc, tline, s, len(text.rstrip()), f"空表 `{title}` 没有说明（注：无…，空表列示）")
                continue
            n, text = note
            named = _kind_of(text, kinds)
            if named is not None and named != kind:
                ln = doc.line(n)
                full = content(ln)
                word = next(w for w in kinds[named] if w in regex.sub(r"[“”\"']", "", full) or w in full)
                off = full.find(word)
                if off < 0:
                    off, word = 0, full.strip()
                yield self.at_span(doc, n, off, off + len(word),
                                   f"空表说明写的是 `{word}`，但它说明的是 `{title}`（沿用了别的表的说明）",
                                   suggestion=kinds[kind][0])

    @staticmethod
    def _title(doc, table):
        if table.title:
            return table.title, table.title_line
        for n in range(table.first_line - 1, max(table.first_line - 10, 0), -1):
            ln = doc.line(n)
            if ln.kind in ("heading", "text") and content(ln).strip():
                return content(ln).strip(), n
        return "", None

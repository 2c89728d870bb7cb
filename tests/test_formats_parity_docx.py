"""The .docx fixtures are the seeds rendered block for block: read through the .docx reader
and the structure pass they must give the same tables, values, metadata and findings as the
.txt seeds.

One difference comes from the fixtures themselves, not from reading: in the text dump a line
without a leading TAB right after a cell line continues that cell (the .txt reader makes it
a second paragraph of the cell), while the fixture generator wrote such a line as a body
paragraph after the table row, splitting the table there when rows follow. The comparison
re-joins the .docx tables around exactly those paragraphs (found from the .txt reading, not
listed by hand), and compares findings away from them.
"""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import SEEDS, check, seed
from linter.readers import read_document


def _clean(text: str) -> str:
    # the .txt reader has blanked the dump's bookmarks already
    return " ".join(text.split())


def _continuations(txt_doc) -> set[str]:
    """Paragraphs the .txt reader holds as the 2nd, 3rd … paragraph of a cell."""
    out = set()
    for t in txt_doc.tables:
        for row in t.rows:
            for c in row:
                out.update(_clean(p) for p in c.text.split("\n")[1:] if p.strip())
    return out


class _View:
    """A reading's tables as comparable data: per table kind, title, unit, the rows' non-empty
    cell texts and the data rows'. In the .docx reading, a table whose rows are interrupted by
    one of the fixture's continuation paragraphs is joined again, the paragraph going back to
    the cell before it, as in the text dump."""

    def __init__(self, doc, continuations: set[str], rejoin: bool):
        self.doc = doc
        self.continuations = continuations
        self.tables: list[dict] = []
        self.excluded_lines: set[int] = set()  # lines of re-joined tables: findings not compared
        prev_end = 0
        for t in doc.tables:
            rows = [[_clean(c.text) for c in r if c.text.strip()] for r in t.rows]
            data = [[_clean(c.text) for c in r if c.text.strip()] for r in t.data_rows()]
            between = [_clean(ln.text) for ln in doc.lines[prev_end:t.first_line - 1]
                       if ln.text.strip() and ln.kind != "furniture"]
            prev_end = t.last_line
            if rejoin and self.tables and len(between) == 1 and between[0] in continuations:
                last = self.tables[-1]
                _append(last["rows"], between[0])
                last["rows"] += rows
                last["raw"] += t.rows
                last["data"] = None  # header rows differ once split: compared through rows
                last["lines"] = (last["lines"][0], t.last_line)
                last["joined"] = True
                continue
            self.tables.append({"head": (t.kind, t.title, t.unit), "rows": rows, "raw": list(t.rows), "data": data,
                                "lines": (t.first_line, t.last_line), "joined": False})
        for t in self.tables:
            after = [ln for ln in doc.lines[t["lines"][1]:t["lines"][1] + 3] if ln.text.strip()]
            if rejoin and after and after[0].kind != "table" and _clean(after[0].text) in continuations:
                # a continuation paragraph after a table's last row
                _append(t["rows"], _clean(after[0].text))
                if t["data"]:
                    _append(t["data"], _clean(after[0].text))
                t["lines"] = (t["lines"][0], after[0].number)
                t["joined"] = True
            if t["joined"]:
                self.excluded_lines.update(range(t["lines"][0], t["lines"][1] + 1))
            t["cells"] = [c for r in t["rows"] for c in r]


    def sections(self) -> list[tuple[str, int, str]]:
        """Sections but those opened by a fixture continuation paragraph (a cell's text in
        the dump)."""
        return [(s.number, s.level, _clean(s.title)) for s in self.doc.sections.walk()
                if s.level > 0 and _clean(s.title) and _clean(self.doc.line(s.line).text) not in self.continuations]


def _padding(a: _View, b: _View) -> set[tuple[int, int]]:
    """(line, column) of the .docx cells that pad a row the dump wrote short: the fixture
    generator filled every row to the table's grid width with empty cells."""
    out = set()
    for ta, tb in zip(a.tables, b.tables):
        if len(ta["raw"]) != len(tb["raw"]):
            continue
        for ra, rb in zip(ta["raw"], tb["raw"]):
            out.update((c.line, c.column) for c in rb[len(ra):] if c.blank)
    return out


def _append(rows: list[list[str]], text: str) -> None:
    last = [r for r in rows if r][-1]
    last[-1] = last[-1] + " " + text


@pytest.fixture(scope="module", params=SEEDS, ids=lambda p: p.stem[:3])
def pair(request):
    txt = read_document(str(request.param))
    docx = read_document(str(seed(request.param.stem[:3], "docx")))
    cont = _continuations(txt)
    return request.param, _View(txt, cont, rejoin=False), _View(docx, cont, rejoin=True)


def test_same_tables_kinds_titles_units(pair):
    _, a, b = pair
    assert [t["head"] for t in b.tables] == [t["head"] for t in a.tables]


def test_same_cell_texts_per_table(pair):
    _, a, b = pair
    assert len(b.tables) == len(a.tables)
    for ta, tb in zip(a.tables, b.tables):
        assert tb["cells"] == ta["cells"], f"table {ta['head']}"
        assert tb["rows"] == ta["rows"], f"table {ta['head']}"


def test_same_values_per_data_row(pair):
    _, a, b = pair
    compared = 0
    for ta, tb in zip(a.tables, b.tables):
        if tb["data"] is not None:
            assert tb["data"] == ta["data"], f"table {ta['head']}"
            compared += 1
    assert compared >= len(a.tables) - 3


def test_same_header_rows_and_column_keys(pair):
    path, a, b = pair
    docx_tables = list(b.doc.tables)
    checked = 0
    for t in a.doc.tables:
        if t.kind in ("generic", "performance_target"):
            continue  # performance tables: the fixture splits some, compared through rows above
        while docx_tables and (docx_tables[0].kind, docx_tables[0].title) != (t.kind, t.title):
            docx_tables.pop(0)
        assert docx_tables, f"no .docx table for {t.title}"
        other = docx_tables.pop(0)
        assert other.header_rows == t.header_rows, t.title
        # the .docx grid may be wider (rows padded with empty cells): compare the text's columns
        assert other.columns[:len(t.columns)] == t.columns, t.title
        checked += 1
    assert checked or not [t for t in a.doc.tables if t.kind not in ("generic", "performance_target")]


def test_same_metadata(pair):
    _, a, b = pair
    ma, mb = a.doc.meta, b.doc.meta
    assert (mb.year, mb.department, mb.doc_type, mb.scope, mb.region, mb.level) == \
        (ma.year, ma.department, ma.doc_type, ma.scope, ma.region, ma.level)


def test_same_sections(pair):
    _, a, b = pair
    sa, sb = a.sections(), b.sections()
    assert sb == sa


def test_same_findings(pair):
    path, a, b = pair
    padding = _padding(a, b)

    def compared(f, view, pad=frozenset()) -> bool:
        # away from the re-joined tables (a finding or what it points at) and the padding
        lines = {f.line} | {r.line for r in f.related}
        return not lines & view.excluded_lines and (f.line, f.column) not in pad

    fa = [f for f in check(path) if compared(f, a)]
    fb = [f for f in check(seed(path.stem[:3], "docx")) if compared(f, b, padding)]
    assert Counter((f.rule, _clean(f.excerpt)) for f in fb) == Counter((f.rule, _clean(f.excerpt)) for f in fa)

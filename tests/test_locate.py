"""Places a person can open: Word's table count, row and column, the heading and paragraph
under it, and a PDF's page and text box (linter.locate)."""
import json

import docx
import pypdfium2 as pdfium
import pytest

from conftest import ROOT, run_cli, seed
from linter.locate import locate
from linter.readers import read_document

DOCX = sorted((ROOT / "corpus" / "docx").glob("*.docx"))


def _tc_text(tc) -> str:
    return "\n".join(t for t in ("".join(x.text or "" for x in p.iter(docx.oxml.ns.qn("w:t"))).strip()
                                  for p in tc.iter(docx.oxml.ns.qn("w:p"))) if t)


@pytest.mark.parametrize("path", DOCX, ids=[p.stem[:3] for p in DOCX])
def test_docx_cells_carry_words_table_row_and_column(path):
    """Every cell's place names the w:tbl Word counts, its w:tr and its w:tc, and that tc
    holds the cell's text: what 表N 第r行第c列 says is where Word shows it."""
    doc = read_document(str(path))
    word_tables = docx.Document(str(path)).tables
    checked = 0
    for t in doc.tables:
        for row in t.rows:
            for c in row:
                n, r, col = c.place
                tr = word_tables[n - 1]._tbl.tr_lst[r - 1]
                tc = tr.tc_lst[col - 1]
                if "\n" not in c.text and not tc.xpath(".//w:tbl"):
                    assert _tc_text(tc).replace("\t", " ") .split() == c.text.split() or not c.text, (n, r, col)
                    checked += 1
    assert checked > 50


@pytest.mark.parametrize("path", DOCX, ids=[p.stem[:3] for p in DOCX])
def test_every_place_a_finding_names_in_a_table_holds_its_text_in_word(path):
    """For findings and their related places alike: the cell Word shows at 表N 第r行第c列
    holds the excerpt (a related place once pointed at the first cell of its row)."""
    found = json.loads(run_cli("check", "--format", "json", "--exit-zero", str(path)).stdout)
    word_tables = docx.Document(str(path)).tables
    places = [(f["location"], f["excerpt"]) for f in found]
    places += [(r["location"], r["excerpt"]) for f in found for r in f["related"]]
    checked = 0
    for loc, excerpt in places:
        if not (loc and loc["table"] and loc["row"] and loc["column"]) or not excerpt.strip():
            continue
        tc = word_tables[loc["table"] - 1]._tbl.tr_lst[loc["row"] - 1].tc_lst[loc["column"] - 1]
        shown = _tc_text(tc).replace("\t", " ")
        if excerpt == "(空)":  # a blank cell, named so in the report
            assert not shown.strip(), (loc["text"], shown)
        else:
            assert excerpt.split("\n")[0].strip() in shown, (loc["text"], excerpt)
        checked += 1
    assert checked or not places


def test_tables_split_by_empty_paragraphs_keep_words_numbers(tmp_path):
    d = docx.Document()
    d.add_heading("一、收入预算情况", level=1)
    d.add_paragraph("本部门收入预算说明如下。")
    d.add_paragraph("2025年收入预算107.54万元，其中政府性基金预算收入18万元。")
    d.add_paragraph("部门收支预算总表")
    first = d.add_table(rows=2, cols=3)
    for i, text in enumerate(["项目", "预算数", "备注"]):
        first.cell(0, i).text = text
    first.cell(1, 0).text, first.cell(1, 1).text = "一般公共预算拨款收入", "95.54"
    d.add_paragraph("")
    second = d.add_table(rows=2, cols=3)
    second.cell(0, 0).text, second.cell(0, 1).text = "政府性基金预算拨款收入", "18.00"
    second.cell(1, 0).text, second.cell(1, 1).text = "收入合计", "113.54"
    path = tmp_path / "split.docx"
    d.save(path)
    doc = read_document(str(path))
    assert len(doc.tables) == 1  # one printed table for the rules …
    cell = next(c for row in doc.tables[0].rows for c in row if c.text == "113.54")
    loc = locate(doc, cell.line, cell.column, cell.column + 6)
    assert (loc.table, loc.row, loc.column, loc.cell) == (2, 2, 2, "113.54")  # … Word's table 2
    assert loc.describe() == "表2 第2行第2列「113.54」"
    line = next(ln for ln in doc.lines if "18万元" in ln.text)
    loc = locate(doc, line.number, line.text.index("18万元") + 1)
    assert (loc.heading, loc.section, loc.paragraph) == (["一、收入预算情况"], 1, 2)
    assert loc.describe() == "第1节「一、收入预算情况」第2段"


PDFS = [seed("000", "pdf"), seed("003", "pdf"), ROOT / "corpus" / "samples" / "2024_putuo_caizhengju_dept_final.pdf"]


@pytest.mark.parametrize("path", PDFS, ids=[p.stem[:12] for p in PDFS])
def test_pdf_box_holds_the_flagged_text(path):
    """The boxes of every finding on a PDF frame its excerpt on its page."""
    res = run_cli("check", "--format", "json", "--exit-zero", str(path))
    findings = json.loads(res.stdout)
    broken = {ln.number for ln in read_document(str(path)).lines if ln.page_breaks}
    pdf = pdfium.PdfDocument(str(path))
    checked = 0
    try:
        for f in findings:
            loc = f["location"]
            excerpt = "".join(f["excerpt"].split())
            if not excerpt or f["end_line"] != f["line"]:
                continue
            assert loc["page"] == f["page"] and loc["box"], f
            x0, y0, x1, y1 = loc["box"]
            assert x0 < x1 and y0 < y1
            page = pdf[loc["page"] - 1]
            tp = page.get_textpage()
            shown = "".join("".join(tp.get_text_bounded(a + 0.3, b + 0.5, c - 0.3, d - 0.5).split())
                            for a, b, c, d in loc["boxes"])
            tp.close()
            page.close()
            # a span that runs over a page break is boxed on its first page
            assert shown == excerpt or (shown and excerpt.startswith(shown) and f["line"] in broken), \
                (f["rule"], excerpt, shown)
            checked += 1
    finally:
        pdf.close()
    assert checked >= 2


def test_json_location_is_additive_and_described(tmp_path):
    path = seed("000", "docx")
    findings = json.loads(run_cli("check", "--format", "json", "--exit-zero", str(path)).stdout)
    cells = [r["location"] for f in findings for r in f["related"] if r["location"]["table"]]
    assert cells and all(c["row"] and c["column"] and c["text"].startswith(f"表{c['table']} ") for c in cells)
    paras = [f["location"] for f in findings if f["location"]["heading"]]
    assert paras and all(p["paragraph"] is not None and "节「" in p["text"] for p in paras)
    text = run_cli("check", str(path)).stdout
    assert "位置：第" in text and "表1 第" in text


def test_txt_location_gives_the_files_own_line():
    path = seed("000")
    findings = json.loads(run_cli("check", "--format", "json", "--exit-zero", str(path)).stdout)
    assert findings and all(f["location"]["line"] == f["line"] for f in findings)

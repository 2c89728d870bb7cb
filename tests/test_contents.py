"""The table of contents (目录) read by the structure pass, and BL316's checks that lean on
what the readers give every format alike: 目录 entries against the body, and blank pages
made by the author's own page breaks in a .docx."""
from __future__ import annotations

import pytest

from conftest import CORPUS
from linter.engine import Selection, load_rules, run_rules
from linter.pairing import join
from linter.readers import read_document
from linter.testing import document_from_text
from test_docx_reader import make_docx, p

PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'


def bl316(doc):
    sel = Selection(select=["BL316"])
    return list(run_rules(doc, load_rules(sel), sel))


def entries(text: str):
    return [(e.number, e.title, e.page) for e in document_from_text(text).contents]


# --- reading the 目录 -------------------------------------------------------------------------

def test_entries_with_leaders_page_numbers_or_neither():
    got = entries("某局2025年部门预算\n目  录\n一、部门主要职能………………3\n二、部门机构设置  4\n"
                  "第三部分名词解释\n4．2025年部门收入预算总表\t9\n正文从这里开始，这是一个句子。\n")
    assert got == [("一、", "部门主要职能", "3"), ("二、", "部门机构设置", "4"), ("第三部分", "名词解释", None),
                   ("4．", "2025年部门收入预算总表", "9")]


def test_chapters_sections_and_bare_arabic_numbers():
    got = entries("目录\n第一章 总则  1\n第一节 部门概况  2\n1 部门收支总表  5\n")
    assert got == [("第一章", "总则", "1"), ("第一节", "部门概况", "2"), ("1", "部门收支总表", "5")]


def test_two_entries_joined_on_one_line_are_split():
    got = entries("目录\n九、一般公共预算“三公”经费、会议费、培训费支出预算表十、政府性基金财政拨款支出预算表\n"
                  "十一、政府采购支出预算表\n")
    assert [n for n, _, _ in got] == ["九、", "十、", "十一、"]
    assert got[0][1] == "一般公共预算“三公”经费、会议费、培训费支出预算表"


def test_the_block_ends_where_the_body_repeats_the_first_entry():
    doc = document_from_text("目录\n第一部分部门概况\n第二部分部门预算表\n第一部分部门概况\n一、主要职能\n")
    assert [e.line for e in doc.contents] == [2, 3]


def test_a_contents_title_with_one_entry_or_none_is_no_table_of_contents():
    assert entries("政府采购目录\n一、办公设备  3\n二、印刷服务  5\n") == []
    assert entries("目录\n一、部门概况\n本部门是主管全区财政工作的部门。\n") == []


@pytest.mark.parametrize("name", ["2024_putuo_caizhengju_dept_final.pdf", "2025_putuo_wanli_jiedao_dept_budget.pdf"])
def test_sample_contents_are_read_whole(name):
    doc = read_document(str(CORPUS / "samples" / name))
    assert len(doc.contents) in (16, 26)
    assert doc.contents[-1].title in ("名词解释", "项目经费情况说明")


def test_a_split_publication_is_checked_against_its_tables_file():
    js = CORPUS / "real" / "jiangsu"
    narrative = read_document(str(next(js.glob("js_02_*.pdf"))))
    tables = read_document(str(next(js.glob("js_03_*.pdf"))))
    assert any(e.title == "政府采购支出预算表" for e in narrative.contents)
    joined = join(narrative, tables)
    assert len(joined.contents) == len(narrative.contents)
    assert [f for f in bl316(joined) if "目录" in f.message] == []


def test_a_docx_table_of_contents_in_word_toc_styles(tmp_path):
    body = (p("某区财政局2024年度部门决算") + p("目录")
            + p(runs='<w:r><w:t>一、收入支出决算总表</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>3</w:t></w:r>', style="TOC1")
            + p(runs='<w:r><w:t>二、名词解释</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>9</w:t></w:r>', style="TOC1")
            + p("收入支出决算总表") + p("单位：万元") + p("本表数据见附件。"))
    doc = read_document(str(make_docx(tmp_path / "toc.docx", body)))
    assert [(e.number, e.title, e.page) for e in doc.contents] == [("一、", "收入支出决算总表", "3"), ("二、", "名词解释", "9")]
    found = [f for f in bl316(doc) if "目录" in f.message]
    assert [f.excerpt for f in found] == ["二、名词解释"]


# --- blank pages from the author's page breaks (.docx) --------------------------------------

def _docx(tmp_path, *paras):
    return read_document(str(make_docx(tmp_path / "breaks.docx", "".join(paras))))


def test_two_page_breaks_in_a_row_leave_a_blank_page(tmp_path):
    doc = _docx(tmp_path, p("第一部分 部门概况"), p("本部门负责全区财政工作。"), p(runs=PAGE_BREAK), p(),
                p(runs=PAGE_BREAK), p("第二部分 部门预算表"))
    found = bl316(doc)
    assert [f.excerpt for f in found] == ["第二部分 部门预算表"]
    assert "空白页" in found[0].message and found[0].related[0].line == 2


def test_a_break_inside_text_and_a_section_break_leave_a_blank_page(tmp_path):
    sect_next_page = '<w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr>'
    doc = _docx(tmp_path, p(runs=f'<w:r><w:t>说明到此为止。</w:t></w:r>{PAGE_BREAK}'),
                f"<w:p>{sect_next_page}</w:p>", p("收支预算总表"))
    assert [f.excerpt for f in bl316(doc)] == ["收支预算总表"]


def test_one_break_per_part_and_a_page_break_before_at_a_page_top_are_no_blank_page(tmp_path):
    before = '<w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>第三部分 名词解释</w:t></w:r>'
    doc = _docx(tmp_path, p("第一部分 部门概况"), p(runs=PAGE_BREAK), p(), p(), p("第二部分 部门预算表"),
                p(runs=PAGE_BREAK), f"<w:p>{before}</w:p>", p("财政拨款收入：指本级财政拨付的资金。"))
    assert bl316(doc) == []
    assert doc.lines[1].hard_breaks == (0,)


def test_breaks_before_any_content_are_not_between_parts(tmp_path):
    doc = _docx(tmp_path, p(runs=PAGE_BREAK), p(runs=PAGE_BREAK), p("第一部分 部门概况"))
    assert bl316(doc) == []


# --- blank pages in a PDF: a page that only shows a drawing or an image is not blank ----------

def _pdf_with_inserted_page(tmp_path, draw: bool):
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from conftest import seed

    pdf = pdfium.PdfDocument(str(seed("000", "pdf")))
    try:
        width, height = pdf.get_page_size(0)
        page = raw.FPDFPage_New(pdf.raw, 1, ctypes.c_double(width), ctypes.c_double(height))
        if draw:  # a black box, as a chart or a scanned seal would be drawn
            rect = raw.FPDFPageObj_CreateNewRect(100, 300, 200, 150)
            raw.FPDFPageObj_SetFillColor(rect, 0, 0, 0, 255)
            raw.FPDFPath_SetDrawMode(rect, raw.FPDF_FILLMODE_ALTERNATE, 0)
            raw.FPDFPage_InsertObject(page, rect)
        raw.FPDFPage_GenerateContent(page)
        raw.FPDF_ClosePage(page)
        out = tmp_path / ("drawn.pdf" if draw else "blank.pdf")
        pdf.save(str(out))
    finally:
        pdf.close()
    return out


def test_a_pdf_page_holding_only_a_drawing_is_not_blank(tmp_path):
    from linter.testing import run_rules_on
    from linter.readers import read_document

    blank = [f for f in run_rules_on(read_document(str(_pdf_with_inserted_page(tmp_path, False))), ["BL316"])
             if "空白页" in f.message]
    assert len(blank) == 1 and "第 2 页" in blank[0].message
    drawn = read_document(str(_pdf_with_inserted_page(tmp_path, True)))
    assert drawn.graphic_pages == {2}
    assert not [f for f in run_rules_on(drawn, ["BL316"]) if "空白页" in f.message]

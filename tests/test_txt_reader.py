import codecs

import pytest
import regex

from linter.model import InputError
from linter.readers import read_document

from conftest import SEEDS, seed


BOOKMARK = regex.compile(r"\[bookmark:[^\]]*\]")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_text_view_is_the_files_lines_with_bookmarks_blanked_at_the_same_columns(path):
    doc = read_document(str(path))
    raw = path.read_text(encoding="utf-8").split("\n")
    if raw[-1] == "":
        raw.pop()
    assert [ln.text for ln in doc.lines] == [BOOKMARK.sub(lambda m: " " * len(m.group()), t) for t in raw]


def test_a_toc_bookmark_is_a_heading_style_and_no_stage_sees_the_markup(tmp_path):
    p = tmp_path / "b.txt"
    p.write_text("[bookmark: _Toc_2_2_0000000001]部门预算收支总表\n正文说明[bookmark: _GoBack]内容。\n"
                 "\t[bookmark: _GoBack]单元格\n", encoding="utf-8")
    doc = read_document(str(p))
    title, body, cell_line = doc.lines
    assert title.style == "heading" and title.kind == "heading"
    assert title.text.strip() == "部门预算收支总表" and title.text.index("部") == len("[bookmark: _Toc_2_2_0000000001]")
    assert body.style is None and body.kind == "text" and "bookmark" not in body.text
    cell = doc.tables[0].rows[0][0]
    assert cell.text == "单元格" and cell_line.text[cell.column - 1:].startswith("单元格")
    assert [s.title for s in doc.sections.children] == ["部门预算收支总表"]
    assert not any("bookmark" in para.text for para in doc.paragraphs)


def test_seed_000_tables_and_cells():
    doc = read_document(str(seed("000")))
    summary = doc.tables_of("budget_summary")[0]
    assert summary.unit == "万元"
    assert summary.meta["预算年度"] == "2023"
    totals = [r for r in summary.data_rows() if r[1].text == "收入总计"][0]
    cell = totals[2]
    assert str(cell.number.value) == "107.54"
    # the cell points at its own line of the dump, after the TAB
    assert doc.line(cell.line).text == "\t107.54" and cell.column == 2
    basic = doc.tables_of("budget_gpb_basic")[0]
    assert basic.columns[3:6] == ["合计", "人员经费", "公用经费"]
    assert [i.code for i in basic.row_info][:3] == ["", "301", "30101"]


def test_seed_002_rows_written_one_per_line():
    doc = read_document(str(seed("002")))
    cells = [c.text for t in doc.tables for r in t.rows for c in r]
    assert "29.99" in cells and "99.99%" in cells


def test_multi_paragraph_cell_is_one_cell():
    doc = read_document(str(seed("000")))
    target = [t for t in doc.tables if t.kind == "performance_target"][0]
    texts = [c.text for r in target.rows for c in r]
    assert any(t.startswith("1.保障本县域") and "\n2.开展网络安全" in t for t in texts)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_encodings_are_detected(tmp_path, encoding):
    src = seed("004").read_text(encoding="utf-8")
    p = tmp_path / f"doc_{encoding}.txt"
    p.write_bytes(src.encode(encoding))
    doc = read_document(str(p))
    assert doc.lines[0].text.strip().endswith("部门预算收支总表")
    assert doc.meta.year == 2025


def test_bad_text_inputs_raise_one_line_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    garbage = tmp_path / "latin.txt"
    garbage.write_bytes(bytes(range(0x80, 0x100)) * 3)
    for p, cause in ((empty, "empty"), (binary, "binary"), (garbage, "encoding")):
        with pytest.raises(InputError) as exc:
            read_document(str(p))
        assert cause in str(exc.value) and "\n" not in str(exc.value)


def test_markdown_headings_are_headings_without_their_marks(tmp_path):
    p = tmp_path / "draft.md"
    p.write_text("# 平乡县教育局2025年部门预算公开\n\n## 一、收支预算情况 ##\n\n2025年收入预算合计350.00万元。\n\n"
                 "### 部门预算收支总表\n\n单位：万元\n\n| 项目 | 预算数 |\n|---|---|\n| 收入合计 | 350.00 |\n\n"
                 "#不是标题（没有空格）\n", encoding="utf-8")
    doc = read_document(str(p))
    heading = doc.lines[2]
    assert heading.style == "heading" and heading.text.strip() == "一、收支预算情况"
    assert heading.text.index("一") == 3  # same columns as the file
    assert "#" not in doc.tables[0].title and doc.tables[0].title.endswith("部门预算收支总表")
    assert doc.lines[-1].style is None and doc.lines[-1].text.startswith("#不是标题")
    assert [para.text for para in doc.paragraphs if "#" in para.text] == ["#不是标题（没有空格）"]
    assert doc.meta.department == "平乡县教育局" and doc.meta.year == 2025


def test_markdown_pipe_tables(tmp_path):
    p = tmp_path / "plan.md"
    p.write_text("# 2025年部门预算\n\n部门预算支出总表\n单位：万元\n\n| 科目编码 | 科目名称 | 合计 |\n|---|---|---|\n"
                 "| 201 | 一般公共服务支出 | 10.00 |\n| 20137 | 网信事务 | 10.00 |\n", encoding="utf-8")
    doc = read_document(str(p))
    t = doc.tables[0]
    assert t.kind == "budget_expense" and t.unit == "万元"
    assert [i.code for i in t.row_info] == ["201", "20137"]
    cell = t.data_rows()[0][2]
    assert doc.line(cell.line).text[cell.column - 1:].startswith("10.00")


def test_heading_right_after_a_cell_is_not_part_of_the_cell():
    # seed 001: " 六、政府采购预算情况" follows the last cell line with no blank line between
    doc = read_document(str(seed("001")))
    n = next(ln.number for ln in doc.lines if ln.text.strip() == "六、政府采购预算情况")
    assert doc.line(n).kind != "table"
    assert any(s.line == n and s.number == "六、" for s in doc.sections.walk())


def test_dump_cell_column_points_at_its_text_after_leading_spaces(tmp_path):
    from conftest import mutate

    bad = mutate(seed("000"), tmp_path, "\t20137\n\t网信事务\n\t91.04", "\t20137\n\t网信事务\n\t \u300091.04")
    doc = read_document(str(bad))
    cell = next(c for t in doc.tables for r in t.rows for c in r if c.line == 300)
    assert doc.line(300).text == "\t \u300091.04" and cell.text == "91.04"
    assert doc.line(cell.line).text[cell.column - 1:].startswith(cell.text)


def test_line_zero_is_not_the_last_line():
    doc = read_document(str(seed("004")))
    assert doc.line(1) is doc.lines[0]
    with pytest.raises(IndexError):
        doc.line(0)  # a table without rows has first_line 0: it must not point at the last line


def test_a_form_feed_is_a_page_break_at_its_column(tmp_path):
    """pdftotext and many exports end a page with a form feed: it is a space in the text view
    (columns stay the file's) and the author's page break (Line.hard_breaks), which BL316 reads."""
    p = tmp_path / "ff.txt"
    p.write_text("一、部门职责\n负责全县工作。\f\n\f二、预算安排\n", encoding="utf-8")
    doc = read_document(str(p))
    assert [(ln.text, ln.hard_breaks) for ln in doc.lines] == [
        ("一、部门职责", ()), ("负责全县工作。 ", (7,)), (" 二、预算安排", (0,))]

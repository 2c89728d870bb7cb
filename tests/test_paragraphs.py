"""doc.paragraphs: built once by the structure pass, read by claims and the performance forms."""
from linter.model import Document, Line
from linter.paragraphs import assign_paragraphs, split_sentences
from linter.readers import read_document


def _doc(tmp_path, text, name="a.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return read_document(str(p))


def test_a_paragraph_broken_over_a_blank_line_is_one_paragraph_with_its_lines(tmp_path):
    doc = _doc(tmp_path, "一、收入情况\n2024年收入预算100.00万元，其中一般公共预算\n\n拨款收入90.00万元。\n下一段。\n")
    texts = [p.text for p in doc.paragraphs]
    assert texts == ["一、收入情况", "2024年收入预算100.00万元，其中一般公共预算拨款收入90.00万元。", "下一段。"]
    para = doc.paragraphs[1]
    assert para.lines == [2, 4]
    at = para.text.index("90.00")
    assert para.locate(at) == (4, 4)
    assert doc.line(4).text[4:9] == "90.00"


def test_a_heading_a_numbered_item_and_a_finished_sentence_each_open_a_paragraph(tmp_path):
    doc = _doc(tmp_path, "（一）部门概况\n部门职能\n1、负责全县网络安全工作\n2、负责宣传工作；\n其他工作。\n")
    # 部门职能 (no numbering, no end mark) runs on into the next unnumbered line only
    assert [p.text for p in doc.paragraphs] == ["（一）部门概况", "部门职能", "1、负责全县网络安全工作",
                                                  "2、负责宣传工作；", "其他工作。"]


def test_table_rows_are_not_narrative_and_stop_a_paragraph(tmp_path):
    doc = _doc(tmp_path, "收入预算合计为\n| 项目 | 金额 |\n| --- | --- |\n| 合计 | 1 |\n100万元。\n")
    assert [p.text for p in doc.paragraphs] == ["收入预算合计为", "100万元。"]


def test_sentences_end_after_the_stop_and_keep_a_closing_quote():
    s = split_sentences("他说“完成了。”然后增加3万元！还有")
    assert [x.text for x in s] == ["他说“完成了。”", "然后增加3万元！", "还有"]
    assert [(x.start, x.end) for x in s] == [(0, 8), (8, 16), (16, 18)]


def test_a_span_is_cut_at_the_end_of_the_line_it_starts_on():
    lines = [Line(1, "收入合计107.54万", page=1), Line(2, "元，其中：一般公共预算收入107.54万元。", page=2)]
    doc = Document("wrapped.pdf", "pdf", lines)
    assign_paragraphs(doc)
    (para,) = doc.paragraphs
    start = para.text.index("107.54万元")
    assert para.span(start, start + 8) == (1, 4, 11)
    assert para.sentence_at(start).index == 0 and para.sentence_at(len(para.text) - 1).index == 0


def test_every_format_gives_the_same_paragraph_texts():
    from conftest import CORPUS

    def texts(path):
        return ["".join(p.text.split()) for p in read_document(str(path)).paragraphs if "元" in p.text]

    txt = texts(CORPUS / "seeds" / "000_cfc5e1461f5cd4c8.txt")
    docx = texts(CORPUS / "docx" / "000_cfc5e1461f5cd4c8.docx")
    assert txt and txt == docx

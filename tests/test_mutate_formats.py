"""The mutation infrastructure itself (tests/mutate_formats.py): an edit made to a seed's .txt
lands at the same place in its .docx and .pdf, as the readers see them, and nothing else
changes."""
from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
from mutate_formats import FORMATS, Unrepresentable, mutate, pdf_charset, source

from linter.readers import read_document


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _count(doc, s: str) -> int:
    return sum(_flat(ln.text).count(_flat(s)) for ln in doc.lines)


# (seed, .txt line, old, new): a narrative number, a table cell, a deletion, an insertion,
# a change across TAB-separated cells, a word wrapped over two PDF lines
EDITS = [
    ("000", None, "较2022年增加13.71万元", "较2022年减少13.71万元"),
    ("000", None, "一般公共预算收入95.54万元，基金预算收入18万元", "一般公共预算收入107.54万元，基金预算收入0万元"),
    ("004", None, "上年末固定资产金额为0.00万元", "上年末固定资产金额为20.61万元"),
    ("001", 38, "项目支出减少3.07万元", "项目支出增加3.07万元"),
    ("002", 189, "100%\t100%\t10", "100%\t57.8%\t5.78"),
    ("001", 36, "项目支出54.41万元", "项目支出54.41元"),
]


@pytest.mark.parametrize("stem,line,old,new", EDITS)
def test_edit_lands_in_every_format(stem, line, old, new, tmp_path):
    paths = mutate(stem, [(line, old, new)], tmp_path)
    for fmt in FORMATS:
        before = read_document(str(source(stem, fmt)))
        after = read_document(str(paths[fmt]))
        assert len(after.lines) == len(before.lines), fmt
        changed = [(a.text, b.text) for a, b in zip(before.lines, after.lines) if a.text != b.text]
        assert len(changed) == 1, (fmt, changed)  # one line changed, as in the .txt
        was, now = changed[0]
        for part_old, part_new in zip(old.split("\t"), new.split("\t")):
            assert _flat(part_new) in _flat(now), (fmt, part_new, now)
        assert _flat(was.replace(old.replace("\t", ""), "")) == _flat(now.replace(new.replace("\t", ""), "")) \
            or "\t" in old, (fmt, was, now)


def test_corpus_files_are_left_alone(tmp_path):
    files = [source("000", fmt) for fmt in FORMATS]
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in files]
    mutate("000", [(None, "较2022年增加13.71万元", "较2022年增加14.71万元")], tmp_path)
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in files] == digest


def test_pdf_is_an_incremental_update_other_parsers_read(tmp_path):
    import pdfplumber

    src = source("000", "pdf")
    out = mutate("000", [(None, "较2022年增加13.71万元", "较2022年增加14.71万元")], tmp_path, formats=["pdf"])["pdf"]
    data, original = out.read_bytes(), src.read_bytes()
    assert data.startswith(original) and data.rstrip().endswith(b"%%EOF")
    assert re.search(rb"/Prev \d+", data[len(original):])
    # pdfminer (under pdfplumber) follows the xref chain on its own
    with pdfplumber.open(str(out)) as pdf:
        text = "".join(_flat(p.extract_text() or "") for p in pdf.pages)
    assert "较2022年增加14.71万元" in text and "较2022年增加13.71万元" not in text


def test_pdf_keeps_the_layout_after_the_edit(tmp_path):
    import pypdfium2 as pdfium

    def boxes(path):
        doc = pdfium.PdfDocument(str(path))
        out = []
        for i in range(len(doc)):
            tp = doc[i].get_textpage()
            out += [(i, tp.get_text_range(k, 1), tuple(round(v, 1) for v in tp.get_charbox(k, loose=True)))
                    for k in range(tp.count_chars())]
        return out

    out = mutate("000", [(None, "其中：一般公共预算收入95.54万元", "其中：一般公共预算收入1095.54元")], tmp_path,
                 formats=["pdf"])["pdf"]
    a, b = boxes(source("000", "pdf")), boxes(out)
    p = 0
    while a[p] == b[p]:
        p += 1
    s = 0
    while a[-1 - s] == b[-1 - s]:
        s += 1
    # every glyph before and after the edited operators is where it was, the same glyph;
    # in between only the new characters (and the space pseudo-characters PDFium adds)
    assert len(b) == len(a) + 1 and p > 1000 and s > 1000
    assert len(b) - p - s <= 12 and {ch for _, ch, _ in b[p:len(b) - s]} <= set("1095.54元 \r\n"), b[p:len(b) - s]


def test_docx_keeps_the_rest_of_the_package(tmp_path):
    src = source("003", "docx")
    out = mutate("003", [(None, "年初预算80000元", "年初预算90000元")], tmp_path, formats=["docx"])["docx"]
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != "word/document.xml":
                assert a.read(name) == b.read(name), name
        old, new = a.read("word/document.xml").decode(), b.read("word/document.xml").decode()
    ET.fromstring(new)  # still well-formed
    assert old.replace("年初预算80000元", "年初预算90000元") == new


def test_text_split_over_runs_is_found_and_written_into_the_first_run(tmp_path):
    from mutate_formats import DocxText

    xml = ('<w:body><w:p><w:r><w:t>收入</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>95.</w:t></w:r>'
           '<w:r><w:t xml:space="preserve">54 万元</w:t></w:r></w:p><w:p><w:r><w:t>95.54</w:t></w:r></w:p></w:body>')
    t = DocxText(xml)
    assert t.text() == "收入95.54万元95.54"
    t.replace(2, 7, "107.54", "inside")
    out = t.xml_out()
    assert "<w:t>107.54</w:t>" in out and '<w:t xml:space="preserve"> 万元</w:t>' in out
    assert out.endswith("<w:t>95.54</w:t></w:r></w:p></w:body>")  # the other paragraph is untouched


def test_a_character_the_pdf_fonts_lack_fails_clearly(tmp_path):
    assert "龘" not in pdf_charset("002")
    with pytest.raises(Unrepresentable, match="龘"):
        mutate("002", [(None, "年初预算", "年初龘算")], tmp_path, formats=["pdf"])
    # the same edit is fine where no glyph is needed
    mutate("002", [(None, "年初预算", "年初龘算")], tmp_path, formats=["txt", "docx"])


def test_an_edit_that_is_not_there_fails(tmp_path):
    with pytest.raises(AssertionError):
        mutate("002", [(5, "不在这一行的文字", "x")], tmp_path)

"""The .pdf reader: parity with the seeds' .txt (corpus/pdf are the seeds rendered by
LibreOffice), the text view, tables continued over pages, and unreadable inputs."""
from __future__ import annotations

import regex
import pytest

from linter.model import InputError
from linter.readers import read_document
from linter.readers.pdf import join_wrapped

from conftest import CORPUS, SEEDS, check, run_cli, seed

MARKUP = regex.compile(r"\s+|\[bookmark:[^\]]*\]")


def norm(text: str) -> str:
    return MARKUP.sub("", text)


def cells(table) -> list[str]:
    return [c.text for r in table.rows for c in r if norm(c.text)]


def same_cell(txt: str, pdf: str) -> bool:
    # In the .txt a paragraph line after a cell continues the cell; the fixture .docx puts
    # that paragraph below the table, so the PDF cell holds only the first paragraph.
    return norm(txt) == norm(pdf) or ("\n" in txt and norm(txt.split("\n")[0]) == norm(pdf))


def align(txt_tables, pdf_tables):
    """Match each .txt table to a run of 1-3 consecutive PDF tables with the same cells
    (the .docx splits a 绩效目标 row and its indicator grid into two tables)."""
    j, pairs = 0, []
    for ta in txt_tables:
        want = cells(ta)
        for k in (1, 2, 3):
            got = [x for t in pdf_tables[j:j + k] for x in cells(t)]
            if len(got) == len(want) and all(same_cell(a, b) for a, b in zip(want, got)):
                pairs.append((ta, pdf_tables[j:j + k]))
                j += k
                break
        else:
            got = cells(pdf_tables[j]) if j < len(pdf_tables) else []
            diff = next(((a, b) for a, b in zip(want, got) if not same_cell(a, b)), None)
            pytest.fail(f"table {ta.index} ({ta.kind} {ta.title}) has no PDF counterpart; first difference {diff}")
    assert j == len(pdf_tables), f"extra PDF tables: {[(t.kind, t.title) for t in pdf_tables[j:]]}"
    return pairs


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_pdf_has_the_txt_tables_values_and_metadata(path):
    txt = read_document(str(path))
    pdf = read_document(str(seed(path.stem[:3], "pdf")))
    for ta, run in align(txt.tables, pdf.tables):
        assert (run[0].kind, norm(run[0].title)) == (ta.kind, norm(ta.title))
        assert run[0].unit == ta.unit
    assert (pdf.meta.year, pdf.meta.department) == (txt.meta.year, txt.meta.department)
    assert (pdf.meta.doc_type, pdf.meta.scope) == (txt.meta.doc_type, txt.meta.scope)


def _findings(path):
    return {(f.rule, norm(f.excerpt)) for f in check(path)}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_pdf_findings_agree_with_the_txt(path):
    txt = _findings(path)
    pdf = _findings(seed(path.stem[:3], "pdf"))
    # table arithmetic reads only grids: it must agree exactly
    assert {f for f in pdf if f[0].startswith("BL1")} == {f for f in txt if f[0].startswith("BL1")}
    # narrative and template rules: the fixtures differ in places (the .docx moves a cell's
    # second paragraph below its table; a wrapped number run can end a line early), so
    # agreement is required for most findings, not all
    if txt:
        assert len(txt & pdf) / len(txt | pdf) >= 0.7, (sorted(txt - pdf), sorted(pdf - txt))


def _paragraphs(txt_doc) -> set[str]:
    """The .txt's paragraphs: its non-table lines and each paragraph of a table cell."""
    in_tables = {c.line for t in txt_doc.tables for r in t.rows for c in r}
    out = {norm(ln.text) for ln in txt_doc.lines if ln.number not in in_tables}
    out |= {norm(part) for t in txt_doc.tables for r in t.rows for c in r for part in c.text.split("\n")}
    return out - {""}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_pdf_text_lines_are_the_txt_paragraphs(path):
    # The .txt lines are the original paragraphs: every PDF text line must be one of them,
    # so a paragraph split at a wrap (`分别达到` / `25%、50%、…`, a page break) or two
    # paragraphs run together (a title and the next line) both fail.
    paragraphs = _paragraphs(read_document(str(path)))
    pdf = read_document(str(seed(path.stem[:3], "pdf")))
    body = [ln for ln in pdf.lines if ln.kind not in ("table", "furniture")]
    assert body
    wrong = [(ln.page, ln.text[:40] + "…" + ln.text[-20:]) for ln in body if norm(ln.text) not in paragraphs]
    assert not wrong


def test_text_view_rows_cells_and_pages():
    doc = read_document(str(seed("000", "pdf")))
    assert all(ln.page for ln in doc.lines)
    assert [ln.page for ln in doc.lines] == sorted(ln.page for ln in doc.lines)
    for t in doc.tables:
        for row in t.rows:
            line = doc.line(row[0].line)
            assert line.kind == "table"
            # one line per table row, the cells joined by TAB, each cell at its column
            assert line.text.split("\t") == [c.text.replace("\n", " ") for c in row]
            for c in row:
                assert c.line == row[0].line and c.page == line.page
                assert line.text[c.column - 1:].startswith(c.text.split("\n")[0])
    summary = doc.tables_of("budget_summary")[0]
    total = next(r for r in summary.rows if r[1].text == "收入总计")
    assert total[2].text == "107.54" and total[2].page == 1


def test_cjk_digit_spacing_and_furniture():
    doc = read_document(str(seed("000", "pdf")))
    text = "\n".join(ln.text for ln in doc.lines)
    assert "2023年预算收入107.54万元" in text
    assert not regex.search(r"\d \p{Han}|\p{Han} \d", text)
    # the seeds' `page number` placeholders are furniture, as in the .txt
    furniture = [ln for ln in doc.lines if ln.kind == "furniture"]
    assert furniture and all(ln.text == "page number" for ln in furniture)


def test_join_wrapped_lines():
    assert join_wrapped("107.5", "4") == "107.54"
    assert join_wrapped("一、一般公共预算拨", "款收入") == "一、一般公共预算拨款收入"
    assert join_wrapped("Hello", "world") == "Hello world"
    assert join_wrapped("99.9", "9%") == "99.99%"
    assert join_wrapped("1.保障网络安全。", "2.开展检查") == "1.保障网络安全。\n2.开展检查"


def test_table_continued_on_next_page_is_one_table_and_split_rows_are_joined():
    doc = read_document(str(seed("000", "pdf")))
    fiscal = doc.tables_of("budget_fiscal_summary")[0]
    pages = {c.page for r in fiscal.rows for c in r}
    assert len(pages) >= 2  # it runs over pages 4-5
    assert sum(1 for r in fiscal.rows if r[0].text == "栏次") == 1
    assert [r[0].text for r in fiscal.data_rows()][:3] == ["1", "2", "3"]
    assert fiscal.data_rows()[-1][1].text == "收入总计"
    # a row broken by the page break is one row again
    income = doc.tables_of("budget_income")[0]
    names = [r[2].text for r in income.data_rows()]
    assert "行政事业单位医疗" in names and "医疗" not in names
    assert fiscal.meta.get("编制单位", "").endswith("中共平乡县委网络安全和信息化委员会办公室")


def test_each_page_is_closed_after_reading(monkeypatch):
    import pypdfium2 as pdfium

    closed = []
    original = pdfium.PdfPage.close

    def spy(self, *args, **kwargs):
        closed.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pdfium.PdfPage, "close", spy)
    read_document(str(seed("003", "pdf")))
    assert len(closed) == 5


def _minimal_pdf(content: bytes, resources: str = "<< >>", extra: tuple[bytes, ...] = (), trailer: str = "") -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>".encode(),
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream", *extra]
    return pdf_from_objects(objs, trailer)


def pdf_from_objects(objs: list[bytes], trailer: str = "") -> bytes:
    """A PDF file of these objects (object 1 the catalog), with its xref table and trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R {trailer}>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


FONT = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def test_minimal_text_pdf_reads(tmp_path):
    p = tmp_path / "hello.pdf"
    p.write_bytes(_minimal_pdf(b"BT /F1 12 Tf 72 720 Td (Budget 2025 draft) Tj ET", FONT))
    doc = read_document(str(p))
    assert [ln.text for ln in doc.lines] == ["Budget 2025 draft"]  # Latin word spaces kept


def test_unreadable_pdfs_raise_one_line_errors(tmp_path):
    image = (b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
             b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream")
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>"
    seed_bytes = seed("003", "pdf").read_bytes()
    cases = {
        "scanned.pdf": (_minimal_pdf(b"q 500 0 0 700 50 50 cm /Im1 Do Q", "<< /XObject << /Im1 5 0 R >> >>",
                                     (image,)), "no text layer (scanned PDF?)"),
        "locked.pdf": (_minimal_pdf(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET", FONT, (encrypt,),
                                    "/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> "
                                    "<00112233445566778899aabbccddeeff>] "), "encrypted PDF"),
        "truncated.pdf": (seed_bytes[: len(seed_bytes) // 2], "corrupt or truncated PDF"),
        "zip.pdf": (b"PK\x03\x04" + b"\x00" * 200, "not a PDF file"),
        "garbage.pdf": (b"%PDF-1.4\n" + bytes(range(256)) * 20, "corrupt or truncated PDF"),
    }
    for name, (data, message) in cases.items():
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(InputError) as exc:
            read_document(str(p))
        assert message in str(exc.value) and "\n" not in str(exc.value), name
    res = run_cli("check", *(str(tmp_path / n) for n in cases))
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert res.stderr.count(": 错误：") == len(cases)  # one line per unreadable file


def _lines(doc, page: int) -> list[str]:
    return [ln.text for ln in doc.lines if ln.page == page and ln.kind != "table"]


def test_sample_paragraphs_read_by_eye():
    doc = read_document(str(CORPUS / "samples" / "2024_putuo_caizhengju_dept_final.pdf"))
    p4, p21, p23 = _lines(doc, 4), _lines(doc, 21), _lines(doc, 23)
    # a Latin font with a tall loose box on some glyphs: lines neither interleave nor split
    assert any("规范管理和处置行政事业单位国有资产，深入推进“公物仓”改革" in t and t.endswith("负责公务车辆控购管理。")
               for t in p4)
    assert any("职工基本医疗保险缴费、其他社会保障缴费、住房公积金、其他工资福利支出、退休费、个人农业生产补贴" in t
               for t in p23)
    # wrapped inside a quote: “三 / 公”
    assert any(t.endswith("主要原因：当年度无“三公”经费支出。") for t in p23)
    # a centred title wrapped onto a second line is one line; the headings after it are not joined
    assert "第三部分上海市普陀区财政局2024年度部门决算情况说明" in p21
    assert "一、收入支出决算总体情况说明" in p21


def test_table_of_contents_entries_stay_lines_of_their_own():
    doc = read_document(str(CORPUS / "samples" / "2024_putuo_wanli_jiedao_dept_budget.pdf"))
    toc = [t for t in _lines(doc, 2) if "……" in t]
    assert len(toc) == 16  # 一、… 七、 and 1. … 9., read off the page
    assert all(len(regex.findall(r"…{3,}", t)) == 1 for t in toc)
    assert all(regex.match(r"^([一二三四五六七]、|\d[.．])", t) for t in toc)


def _rotated_copies(src, tmp_path):
    """The document with every page given /Rotate r (upright content shown sideways), and
    with its content turned counter-clockwise by r on a new page that /Rotate r shows
    upright (the usual landscape table page)."""
    import pypdfium2 as pdfium

    for r in (90, 180, 270):
        pdf = pdfium.PdfDocument(str(src))
        for i in range(len(pdf)):
            pdf[i].set_rotation(r)
        out = tmp_path / f"rotate{r}.pdf"
        pdf.save(str(out))
        pdf.close()
        yield f"/Rotate {r}", out
        pdf = pdfium.PdfDocument(str(src))
        side = pdfium.PdfDocument.new()
        for i in range(len(pdf)):
            w, h = pdf[i].get_size()
            obj = pdf.page_as_xobject(i, side).as_pageobject()
            shift = {90: (h, 0), 180: (w, h), 270: (0, w)}[r]
            obj.transform(pdfium.PdfMatrix().rotate(r, ccw=True).translate(*shift))
            page = side.new_page(*((h, w) if r != 180 else (w, h)))
            page.insert_obj(obj)
            page.gen_content()
            page.set_rotation(r)
        out = tmp_path / f"sideways{r}.pdf"
        side.save(str(out))
        side.close()
        pdf.close()
        yield f"content turned {r}, /Rotate {r}", out


def test_rotated_pages_read_like_the_upright_page(tmp_path):
    src = seed("003", "pdf")
    base = read_document(str(src))
    want = [(ln.page, ln.text) for ln in base.lines]
    cells = [[c.text for r in t.rows for c in r] for t in base.tables]
    for label, path in _rotated_copies(src, tmp_path):
        doc = read_document(str(path))
        assert [(ln.page, ln.text) for ln in doc.lines] == want, label
        assert [[c.text for r in t.rows for c in r] for t in doc.tables] == cells, label


def test_a_paragraph_over_a_page_break_is_one_line_whose_words_keep_their_page():
    from linter.engine import Rule
    from linter.findings import related_line

    doc = read_document(str(seed("003", "pdf")))
    # 5.“网络舆情管理”… runs from page 2 onto page 3 (`…三个一级指标，下` / `设7个二、三级指标`)
    line = next(ln for ln in doc.lines if ln.text.startswith("5.“网络舆情管理”项目"))
    assert "一级指标，下设7个二、三级指标" in line.text and "应急处置和网络舆论引导相关要求。" in line.text
    assert line.page == 2
    at = line.text.index("全省")  # in the first line on page 3
    assert line.page_at(1) == 2 and line.page_at(at + 1) == 3
    rule = Rule()
    assert rule.at_span(doc, line.number, at, at + 2, "m").page == 3
    assert rule.at_span(doc, line.number, 0, 2, "m").page == 2
    assert related_line(doc, line.number, "n", at, at + 2).page == 3


def test_text_the_page_does_not_show_is_not_read():
    # pages 3-4 each carry the whole 主要职能 list; each clips it to its own part (page 4
    # holds page 3's part above the page, and its own below the visible area of page 3)
    doc = read_document(str(CORPUS / "samples" / "2025_putuo_shangwuwei_dept_budget.pdf"))
    items = [ln for ln in doc.lines if ln.page in (3, 4) and regex.match(r"^\d{1,2}、", ln.text)]
    assert [regex.match(r"^\d+", ln.text)[0] for ln in items] == [str(i) for i in range(1, 14)]
    assert [ln.page for ln in items] == [3] * 9 + [4] * 4
    nine = items[8]  # runs from the foot of page 3 onto page 4
    assert nine.text.endswith("负责建立健全生活必需品市场供应应急机制，协调重要商品储备和市场调控；负责食用农产品流通管理；"
                              "指导食用农产品流通环节追溯管理；负责标准化菜市场的行业规范管理；组织商品市场监控，规范流通秩序。")
    assert nine.page_at(nine.text.index("应急机制") + 1) == 4
    assert sum("主要职能包括：" in ln.text for ln in doc.lines) == 1

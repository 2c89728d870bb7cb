"""The .docx reader: text view, body order, merged cells, automatic numbering, bad input.

Real documents come from corpus/docx; the cases the fixtures do not hold (spans, Word
numbering, text boxes, headers) are small packages written here, part by part."""
from __future__ import annotations

import zipfile

import pytest

from conftest import CORPUS, SEED_IDS, seed
from linter.model import InputError
from linter.readers import read_document
from linter.readers.docx import format_number

DOCX = sorted((CORPUS / "docx").glob("*.docx"))
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' \
     'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' \
     'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' \
     'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' \
     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


# --- a tiny .docx writer ----------------------------------------------------------------

def p(text: str = "", style: str | None = None, num: tuple[int, int] | None = None, runs: str | None = None) -> str:
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    body = runs if runs is not None else (f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else "")
    return f"<w:p>{ppr}{body}</w:p>"


def tc(content: str | list[str], span: int = 1, vmerge: str | None = None) -> str:
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    inner = "".join(p(x) if not x.startswith("<") else x for x in ([content] if isinstance(content, str) else content))
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner or p()}</w:tc>"


def tr(*cells: str, before: int = 0) -> str:
    props = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ""
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def tbl(*rows: str, cols: int = 3) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def make_docx(path, body: str, numbering: str | None = None, styles: str | None = None,
              header: str | None = None, main_type: str = CT_MAIN):
    overrides = [("/word/document.xml", main_type)]
    rels = []
    if styles is not None:
        overrides.append(("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"))
        rels.append(("rS", "styles", "styles.xml"))
    if numbering is not None:
        overrides.append(("/word/numbering.xml",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"))
        rels.append(("rN", "numbering", "numbering.xml"))
    sect = ""
    if header is not None:
        overrides.append(("/word/header1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"))
        rels.append(("rH", "header", "header1.xml"))
        sect = '<w:sectPr><w:headerReference w:type="default" r:id="rH"/></w:sectPr>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides) + "</Types>")
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{RT}officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/_rels/document.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="{i}" Type="{RT}{t}" Target="{target}"/>' for i, t, target in rels)
                   + "</Relationships>")
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                        f"<w:document {NS}><w:body>{body}{sect}</w:body></w:document>")
        if styles is not None:
            z.writestr("word/styles.xml", f"<w:styles {NS}>{styles}</w:styles>")
        if numbering is not None:
            z.writestr("word/numbering.xml", f"<w:numbering {NS}>{numbering}</w:numbering>")
        if header is not None:
            z.writestr("word/header1.xml", f"<w:hdr {NS}>{p(header)}</w:hdr>")
    return path


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def num(num_id: int, abstract: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'


# --- the real fixtures -------------------------------------------------------------------

@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem[:3])
def test_text_view_rows_hold_their_cells(path):
    doc = read_document(str(path))
    assert doc.format == "docx" and doc.tables
    for ln in doc.lines:
        assert "\n" not in ln.text
    for t in doc.tables:
        for row in t.rows:
            line = doc.line(row[0].line)
            assert line.kind == "table"
            assert line.text == "\t".join(c.text.replace("\n", " ") for c in row)
            for c in row:
                assert c.line == line.number
                assert line.text[c.column - 1:].startswith(c.text.replace("\n", " "))


def test_body_order_titles_and_heading_styles():
    doc = read_document(str(seed("000", "docx")))
    first = doc.tables[0]
    title = doc.line(first.title_line)
    assert title.text == "部门预算收支总表" and title.style == "Heading 1"
    assert title.kind == "heading"
    # the table's first row (编制单位 / 预算年度 / 单位, moved into table.meta) follows its title
    assert doc.line(title.number + 1).kind == "table" and "预算年度：2023" in doc.line(title.number + 1).text
    # tables follow their own titles, in the order of the body
    assert [t.first_line for t in doc.tables] == sorted(t.first_line for t in doc.tables)
    note = [ln for ln in doc.lines if ln.text.startswith("注：无政府基金")][0]
    fund = doc.tables_of("budget_fund")[0]
    assert fund.last_line < note.number < doc.tables_of("budget_soe")[0].first_line
    # the 编制单位 / 预算年度 / 单位 row becomes table metadata, as for the text dump
    assert first.meta["预算年度"] == "2023" and first.unit == "万元"
    cell = [r for r in first.data_rows() if r[1].text == "收入总计"][0][2]
    assert str(cell.number.value) == "107.54"
    assert doc.line(cell.line).text.split("\t")[2] == "107.54"


def test_empty_paragraphs_are_blank_lines_and_page_furniture_is_marked():
    doc = read_document(str(seed("000", "docx")))
    kinds = {ln.kind for ln in doc.lines}
    assert {"blank", "table", "furniture", "heading", "text"} <= kinds
    assert all(not ln.text.strip() for ln in doc.lines if ln.kind == "blank")


def test_big_document_reads(corpus):
    doc = read_document(str(corpus / "big" / "big_000x21.docx"))
    assert len(doc.tables) >= 21 * 15
    assert len(doc.tables_of("budget_summary")) == 21


# --- grids ---------------------------------------------------------------------------------

def test_merged_cells_are_held_once_with_their_span(tmp_path):
    body = p("收支表") + tbl(
        tr(tc("项目", span=2), tc("金额", vmerge="restart"), tc("备注")),
        tr(tc("类"), tc("款"), tc("", vmerge="continue"), tc("说明")),
        tr(tc("201"), tc("10.00"), tc("x"), before=1),
        cols=4)
    doc = read_document(str(make_docx(tmp_path / "m.docx", body)))
    t = doc.tables[0]
    r0, r1, r2 = t.rows
    assert [(c.text, c.col, c.colspan, c.rowspan) for c in r0] == [("项目", 0, 2, 1), ("金额", 2, 1, 2), ("备注", 3, 1, 1)]
    assert [(c.text, c.col) for c in r1] == [("类", 0), ("款", 1), ("说明", 3)]
    assert [(c.text, c.col) for c in r2] == [("201", 1), ("10.00", 2), ("x", 3)]
    assert t.cell_at(1, 2) is r0[1] and t.cell_at(0, 1) is r0[0]
    assert t.width == 4
    assert doc.line(r1[0].line).text == "类\t款\t说明"
    assert r1[2].column == len("类\t款\t") + 1


def test_vertical_merge_ends_where_a_row_has_its_own_cell(tmp_path):
    body = tbl(
        tr(tc("a", vmerge="restart"), tc("1")),
        tr(tc("", vmerge="continue"), tc("2")),
        tr(tc("b"), tc("3")),
        tr(tc("", vmerge="continue"), tc("4")),  # no open merge: an ordinary (empty) cell
        cols=2)
    t = read_document(str(make_docx(tmp_path / "v.docx", body))).tables[0]
    assert t.rows[0][0].rowspan == 2 and t.rows[2][0].rowspan == 1
    assert [c.text for c in t.rows[3]] == ["", "4"]


def test_cell_paragraphs_and_nested_tables(tmp_path):
    nested = tbl(tr(tc("a"), tc("b")), tr(tc("c"), tc("d")), cols=2)
    body = tbl(tr(tc(["1.保障运行", "", "2.开展检查"]), tc(["外", nested])), cols=2)
    doc = read_document(str(make_docx(tmp_path / "n.docx", body)))
    row = doc.tables[0].rows[0]
    assert row[0].text == "1.保障运行\n2.开展检查"
    assert row[1].text == "外\na b\nc d"
    assert len(doc.tables) == 1
    line = doc.line(row[0].line)
    assert line.text == "1.保障运行 2.开展检查\t外 a b c d"
    assert line.text[row[1].column - 1:] == "外 a b c d"


def test_tables_split_by_empty_paragraphs_continue(tmp_path):
    body = (p("项目绩效目标表") + tbl(tr(tc("项目名称"), tc("网信")), cols=2) + p() + p(" ")
            + tbl(tr(tc("一级指标"), tc("指标值")), tr(tc("产出指标"), tc("≥95%")), cols=2)
            + p() + tbl(tr(tc("编制单位：网信办"), tc("单位：万元")), tr(tc("合计"), tc("1.00")), cols=2)
            + p("说明") + tbl(tr(tc("x"), tc("y")), cols=2))
    doc = read_document(str(make_docx(tmp_path / "s.docx", body)))
    assert [len(t.rows) for t in doc.tables] == [3, 1, 1]  # 单位 row moved to meta
    joined = doc.tables[0]
    assert [r[0].row for r in joined.rows] == [0, 1, 2]
    assert joined.rows[2][1].text == "≥95%"
    assert doc.tables[1].unit == "万元"


# --- automatic numbering -----------------------------------------------------------------

NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:nsid w:val="0A0A0A0A"/>'
    + lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）") + lvl(2, "decimal", "%3、")
    + lvl(3, "decimal", "%3.%4", extra='<w:lvlRestart w:val="0"/>') + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:nsid w:val="0B0B0B0B"/>'
    + lvl(0, "ideographTraditional", "%1、", extra='<w:pStyle w:val="CNHeading"/>') + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2"><w:nsid w:val="0C0C0C0C"/>'
    + lvl(0, "decimal", "%1.") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="3"><w:nsid w:val="0D0D0D0D"/>'
    + lvl(0, "bullet", "\uf0b7") + "</w:abstractNum>"
    + num(1, 0) + num(2, 0) + num(3, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>')
    + num(4, 1) + num(5, 2) + num(6, 3)
)
STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="CNHeading"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="CNHeadingSub"><w:name w:val="正文缩进"/><w:basedOn w:val="CNHeading"/></w:style>'
)


@pytest.fixture
def numbered(tmp_path):
    body = "".join([
        p("部门职责", style="1", num=(1, 0)),
        p("职能", num=(1, 1)),
        p("综合", num=(1, 2)),
        p("宣传", num=(1, 2)),
        p("机构", num=(1, 1)),
        p("网评", num=(1, 2)),
        p("细目", num=(1, 3)),
        p("没有编号的说明"),
        p("收支情况", num=(1, 0)),
        p("另一列表实例", num=(2, 0)),  # same abstract definition: continues
        p("重新编号", num=(3, 0)),  # startOverride 5
        p("继续", num=(3, 0)),
        p("甲项", style="CNHeading"),  # numbering from the style
        p("乙项", style="CNHeadingSub"),  # … inherited through basedOn
        p("不编号", style="CNHeading", num=(0, 0)),  # numId 0 switches it off
        tbl(tr(tc(p("格内", num=(5, 0))), tc("x")), cols=2),
        p("格后", num=(5, 0)),
        p("要点", num=(6, 0)),  # a bullet is not a number
    ])
    return read_document(str(make_docx(tmp_path / "num.docx", body, numbering=NUMBERING, styles=STYLES)))


def test_automatic_numbers_are_prepended(numbered):
    texts = [ln.text for ln in numbered.lines if ln.kind != "table"]
    assert texts == [
        "一、部门职责", "（一）职能", "1、综合", "2、宣传", "（二）机构", "1、网评", "1.1 细目", "没有编号的说明",
        "二、收支情况", "三、另一列表实例", "五、重新编号", "六、继续", "甲、甲项", "乙、乙项", "不编号",
        "2. 格后", "要点",
    ]
    flags = {ln.text: ln.auto_number for ln in numbered.lines}
    assert flags["一、部门职责"] and flags["2. 格后"] and not flags["没有编号的说明"] and not flags["要点"]
    assert numbered.tables[0].rows[0][0].text == "1. 格内"


def test_numbered_headings_become_sections(numbered):
    secs = {s.title: s for s in numbered.sections.walk() if s.level > 0}
    assert secs["部门职责"].number == "一、" and secs["部门职责"].auto
    assert secs["职能"].number == "（一）" and secs["职能"].parent is secs["部门职责"]
    assert secs["重新编号"].number == "五、"
    assert numbered.line(secs["部门职责"].line).style == "Heading 1"


def test_legal_numbering_and_level_restarts(tmp_path):
    numbering = ('<w:abstractNum w:abstractNumId="0">' + lvl(0, "chineseCounting", "第%1部分")
                 + lvl(1, "chineseCounting", "%1.%2", extra="<w:isLgl/>")
                 + lvl(2, "decimal", "（%3）", extra='<w:lvlRestart w:val="1"/>') + "</w:abstractNum>" + num(1, 0))
    body = "".join(p(t, num=(1, k)) for t, k in [
        ("总体", 0), ("收入", 1), ("细项", 2), ("细项", 2), ("支出", 1), ("细项", 2), ("绩效", 0), ("目标", 1), ("细项", 2)])
    doc = read_document(str(make_docx(tmp_path / "legal.docx", body, numbering=numbering)))
    assert [ln.text for ln in doc.lines] == [
        "第一部分 总体", "1.1 收入", "（1）细项", "（2）细项", "1.2 支出", "（3）细项", "第二部分 绩效", "2.1 目标", "（1）细项"]


@pytest.mark.parametrize("n, fmt, text", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (21, "chineseCountingThousand", "二十一"), (100, "chineseCounting", "一百"),
    (101, "chineseCounting", "一百零一"), (110, "chineseCounting", "一百一十"), (1010, "chineseCounting", "一千零一十"),
    (11, "chineseLegalSimplified", "壹拾壹"), (3, "ideographTraditional", "丙"), (2, "ideographZodiac", "丑"),
    (10, "ideographDigital", "一〇"), (3, "decimalEnclosedCircle", "③"), (3, "decimalEnclosedCircleChinese", "③"),
    (2, "ideographEnclosedCircle", "㈡"), (14, "upperRoman", "XIV"), (4, "lowerRoman", "iv"), (28, "lowerLetter", "bb"),
    (7, "decimalZero", "07"), (12, "decimalFullWidth", "１２"), (5, "decimal", "5"), (5, "ordinalText", "5"),
])
def test_number_formats(n, fmt, text):
    assert format_number(n, fmt) == text


# --- what is left out ----------------------------------------------------------------------

def test_headers_text_boxes_and_hidden_text_are_left_out(tmp_path):
    box = ('<w:r><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
           + p("框内文字") + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
           "</w:drawing></w:r>")
    runs = ('<w:r><w:t>可见</w:t></w:r>' + box + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
            '<w:r><w:t>正文</w:t><w:tab/><w:t>3</w:t></w:r>')
    body = p(runs=runs) + p("第二段")
    doc = read_document(str(make_docx(tmp_path / "h.docx", body, header="页眉单位名称")))
    assert [ln.text for ln in doc.lines] == ["可见正文\t3", "第二段"]


# --- bad input -----------------------------------------------------------------------------

def _error(path) -> str:
    with pytest.raises(InputError) as exc:
        read_document(str(path))
    message = str(exc.value)
    assert "\n" not in message
    return message


def test_bad_inputs_raise_one_line_causes(tmp_path):
    cases = {}
    (tmp_path / "text.docx").write_text("这不是Word文件", encoding="utf-8")
    cases["text.docx"] = "not a valid .docx (not a zip archive)"
    (tmp_path / "legacy.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    cases["legacy.docx"] = "encrypted or legacy .doc file"
    (tmp_path / "empty.docx").write_bytes(b"")
    cases["empty.docx"] = "empty file"
    real = seed("000", "docx").read_bytes()
    (tmp_path / "truncated.docx").write_bytes(real[: len(real) // 2])
    cases["truncated.docx"] = "corrupt .docx"
    with zipfile.ZipFile(tmp_path / "plain.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    cases["plain.docx"] = "not a valid .docx"
    make_docx(tmp_path / "sheet.docx", p("x"), main_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
    cases["sheet.docx"] = "not a valid .docx"
    make_docx(tmp_path / "badxml.docx", "<w:p><w:r><w:t>未闭合")
    cases["badxml.docx"] = "corrupt .docx"
    make_docx(tmp_path / "nobody.docx", "")
    cases["nobody.docx"] = "empty .docx"
    for name, cause in cases.items():
        assert cause in _error(tmp_path / name), name


def test_damaged_member_is_a_corrupt_docx(tmp_path):
    src = seed("000", "docx")
    out = tmp_path / "damaged.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
    data = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + 200
    data[start:start + 64] = bytes(64)  # zero out compressed bytes of the document part
    out.write_bytes(bytes(data))
    assert _error(out).startswith("corrupt .docx")


def test_every_seed_has_its_docx():
    assert [p.stem for p in DOCX] == SEED_IDS


def test_table_of_contents_entries_are_furniture(tmp_path):
    styles = (STYLES + '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>')
    body = (p("一、部门职责\t3", style="TOC1") + p("二、收支情况\t5", style="TOC1")
            + p("一、部门职责", style="Heading2") + p("二、收支情况", style="Heading2"))
    doc = read_document(str(make_docx(tmp_path / "toc.docx", body, styles=styles)))
    assert [ln.kind for ln in doc.lines] == ["furniture", "furniture", "heading", "heading"]
    assert [s.line for s in doc.sections.walk() if s.level > 0] == [3, 4]


def test_package_conventions_absolute_targets_and_strict_namespace(tmp_path):
    src = make_docx(tmp_path / "src.docx", p("部门预算", style="1") + tbl(tr(tc("合计"), tc("1.00")), cols=2),
                    styles=STYLES)
    out = tmp_path / "strict.docx"
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name).decode("utf-8")
            data = data.replace("http://schemas.openxmlformats.org/wordprocessingml/2006/main", strict)
            data = data.replace('Target="word/document.xml"', 'Target="/word/document.xml"')
            zout.writestr(name.replace("word/document.xml", "Word/Document.xml"), data)
    doc = read_document(str(out))
    assert doc.lines[0].text == "部门预算" and doc.lines[0].style == "Heading 1"
    assert doc.line(doc.tables[0].rows[0][1].line).text == "合计\t1.00"

"""Readers work within stated limits (linter.limits, issue 13): a file past one is refused
with a one-line cause naming the limit's configuration key, quickly and in little memory,
and a deep but legal nest is walked without recursion."""
from __future__ import annotations

import json
import time
import zipfile

import pytest

from conftest import CORPUS, run_cli
from linter.limits import Limits
from linter.model import InputError
from linter.readers import read_document
from test_docx_reader import lvl, make_docx, num, p, tbl, tc, tr


def _refused(path, limits: Limits = Limits()) -> str:
    start = time.perf_counter()
    with pytest.raises(InputError) as exc:
        read_document(str(path), limits)
    assert time.perf_counter() - start < 10  # refused early, not after building the monster
    message = str(exc.value)
    assert "\n" not in message
    return message


def _text(path, limits: Limits = Limits()) -> str:
    return "\n".join(line.text for line in read_document(str(path), limits).lines)


# --- .docx tables ----------------------------------------------------------------------------

def test_a_huge_grid_span_is_refused_before_it_is_spread(tmp_path):
    path = make_docx(tmp_path / "span.docx", p("标题") + tbl(tr(tc("项目"), tc("金额", span=2_000_000_000))))
    assert _refused(path) == "table grid wider than 1000 columns (limit max-grid-columns)"


def test_a_huge_grid_before_is_refused(tmp_path):
    path = make_docx(tmp_path / "before.docx", tbl(tr(tc("项目"), tc("1.00"), before=900_000_000)))
    assert "limit max-grid-columns" in _refused(path)


def test_grid_width_is_the_sum_of_spans_and_the_limit_is_configurable(tmp_path):
    row = tr(*(tc(str(i), span=3) for i in range(4)))  # 12 grid columns
    path = make_docx(tmp_path / "wide.docx", tbl(row, row))
    assert "wider than 11 columns" in _refused(path, Limits(max_grid_columns=11))
    doc = read_document(str(path), Limits(max_grid_columns=12))
    assert doc.tables[0].rows[0][-1].col == 9


def test_rows_per_table(tmp_path):
    path = make_docx(tmp_path / "rows.docx", tbl(*(tr(tc("项目"), tc(f"{i}.00")) for i in range(6))))
    assert _refused(path, Limits(max_table_rows=5)) == "table longer than 5 rows (limit max-table-rows)"
    assert len(read_document(str(path), Limits(max_table_rows=6)).tables[0].rows) == 6


# --- .docx nesting -------------------------------------------------------------------------

def _nested_tables(depth: int, text: str) -> str:
    inner = p(text)
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"
    return inner


def test_tables_nested_a_thousand_deep_are_refused_by_the_limit_not_a_recursion_error(tmp_path):
    path = make_docx(tmp_path / "nest.docx", p("标题") + _nested_tables(1000, "最深处"))
    assert _refused(path) == "tables nested deeper than 100 levels (limit max-nesting-depth)"
    # the walk itself has no depth of its own: with the limit raised the text is read
    assert "最深处" in _text(path, Limits(max_nesting_depth=5000))


def test_nested_table_rows_keep_their_text_in_order(tmp_path):
    inner = tbl(tr(tc("甲"), tc("乙")), tr(tc("丙"), tc(["丁", tbl(tr(tc("戊"), tc("己")))])))
    path = make_docx(tmp_path / "n.docx", tbl(tr(tc(["外", inner]), tc("5.00"))))
    assert read_document(str(path)).lines[0].text == "外 甲 乙 丙 丁 戊 己\t5.00"


def test_content_controls_nested_deep(tmp_path):
    body = p("正文")
    for _ in range(1000):
        body = f"<w:sdt><w:sdtContent>{body}</w:sdtContent></w:sdt>"
    path = make_docx(tmp_path / "sdt.docx", body)
    assert _refused(path) == "content controls nested deeper than 100 levels (limit max-nesting-depth)"
    assert _text(path, Limits(max_nesting_depth=3000)) == "正文"


def test_hyperlinks_nested_deep_in_a_paragraph_with_hidden_text(tmp_path):
    runs = '<w:r><w:t>可见</w:t></w:r>'
    for _ in range(1000):
        runs = f"<w:hyperlink>{runs}</w:hyperlink>"
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'  # takes the careful walk
    path = make_docx(tmp_path / "links.docx", p(runs=hidden + runs))
    assert "limit max-nesting-depth" in _refused(path)
    assert _text(path, Limits(max_nesting_depth=2000)) == "可见"


# --- .docx numbering and package sizes --------------------------------------------------------

def test_numbering_text_with_300000_references_is_refused(tmp_path):
    numbering = f'<w:abstractNum w:abstractNumId="0">{lvl(0, "decimal", "%1" * 300_000)}</w:abstractNum>' + num(1, 0)
    path = make_docx(tmp_path / "numbering.docx", p("第一段", num=(1, 0)) + p("第二段", num=(1, 0)),
                     numbering=numbering)
    assert _refused(path) == "numbering level text longer than 1000 characters (limit max-numbering-text)"


def test_ordinary_numbering_reads(tmp_path):
    numbering = f'<w:abstractNum w:abstractNumId="0">{lvl(0, "chineseCounting", "%1、")}</w:abstractNum>' + num(1, 0)
    path = make_docx(tmp_path / "ok.docx", p("总体情况", num=(1, 0)), numbering=numbering)
    assert _text(path) == "一、总体情况"


def test_zip_part_bytes_are_counted_as_they_are_decompressed(tmp_path):
    filler = p("正文") * 200_000  # ~ 8 MB of XML, a few KB compressed
    path = make_docx(tmp_path / "bomb.docx", filler)
    assert path.stat().st_size < 200_000
    message = _refused(path, Limits(max_zip_part_bytes=2 * 2**20))
    assert message == "zip part word/document.xml larger than 2097152 bytes decompressed (limit max-zip-part-bytes)"
    total = _refused(path, Limits(max_decompressed_bytes=3 * 2**20))
    assert total.endswith("in total (limit max-decompressed-bytes)")


def test_a_zip_that_understates_its_part_size_is_not_believed(tmp_path):
    path = make_docx(tmp_path / "liar.docx", p("正文") * 50_000)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    real = info.file_size.to_bytes(4, "little")
    data = data.replace(real, (100).to_bytes(4, "little"))  # local header and central directory
    path.write_bytes(bytes(data))
    message = _refused(path, Limits(max_zip_part_bytes=2**20))
    assert message.startswith("corrupt .docx") or "limit max-zip-part-bytes" in message


# --- limits every format shares ----------------------------------------------------------------

def test_characters_per_line_and_document_and_table_width_in_text(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("标题\n" + "正文" * 600 + "\n| 项目 | " + " | ".join(["1.00"] * 20) + " |\n|" + "---|" * 21 + "\n",
                    encoding="utf-8")
    assert _refused(path, Limits(max_line_chars=1000)) == "line 2 longer than 1000 characters (limit max-line-chars)"
    assert _refused(path, Limits(max_document_chars=1100)) == \
        "text longer than 1100 characters (limit max-document-chars)"
    assert "limit max-grid-columns" in _refused(path, Limits(max_grid_columns=10))
    assert read_document(str(path)).lines[1].text == "正文" * 600


# --- PDF ---------------------------------------------------------------------------------------

PDF = sorted((CORPUS / "pdf").glob("*.pdf"))[0]


def test_pages_and_glyphs_per_page():
    pages = max(line.page or 0 for line in read_document(str(PDF)).lines)
    assert pages > 1
    assert _refused(PDF, Limits(max_pages=pages - 1)) == \
        f"PDF of {pages} pages, more than {pages - 1} (limit max-pages)"
    message = _refused(PDF, Limits(max_glyphs_per_page=20))
    assert message.startswith("page 1 draws ") and message.endswith("more than 20 (limit max-glyphs-per-page)")


# --- configuration -------------------------------------------------------------------------------

def test_limits_are_read_from_the_configuration(tmp_path):
    from linter.config import load_selection

    cfg = tmp_path / "budgetlint.toml"
    cfg.write_text("[limits]\nmax-line-chars = 50\nmax-grid-columns = 7\n", encoding="utf-8")
    limits = load_selection(str(cfg)).limits
    assert (limits.max_line_chars, limits.max_grid_columns, limits.max_pages) == (50, 7, Limits().max_pages)
    for bad, cause in (("max-lines = 3", "unknown limit 'max-lines'"),
                       ("max-pages = 0", "limits.max-pages must be a positive whole number"),
                       ("max-pages = '10'", "limits.max-pages must be a positive whole number"),
                       ("max-pages = true", "limits.max-pages must be a positive whole number")):
        cfg.write_text(f"[limits]\n{bad}\n", encoding="utf-8")
        with pytest.raises(InputError, match=cause):
            load_selection(str(cfg))


def test_check_refuses_past_a_configured_limit_and_goes_on(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.budgetlint.limits]\nmax-line-chars = 30\n", encoding="utf-8")
    (tmp_path / "long.txt").write_text("标题\n" + "正文" * 20 + "\n", encoding="utf-8")
    (tmp_path / "short.txt").write_text("标题\n正文\n", encoding="utf-8")
    res = run_cli("check", "--format", "json", "--exit-zero", str(tmp_path), cwd=tmp_path)
    found = json.loads(res.stdout)
    bl000 = [f for f in found if f["rule"] == "BL000"]
    assert [f["path"].endswith("long.txt") for f in bl000] == [True]
    assert "line 2 longer than 30 characters (limit max-line-chars)" in bl000[0]["message"]
    assert res.stderr.count("limit max-line-chars") == 1
    (tmp_path / "pyproject.toml").write_text("[tool.budgetlint.limits]\nmax-line-chars = -1\n", encoding="utf-8")
    res = run_cli("check", str(tmp_path), cwd=tmp_path)
    assert res.returncode == 2 and res.stderr.strip().count("\n") == 0
    assert "limits.max-line-chars must be a positive whole number" in res.stderr

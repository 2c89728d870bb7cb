"""PDF geometry and broken pages (issue 13): page boxes normalised, the refusal naming the
true cause, a broken page reported while the others are checked."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli
from linter.model import InputError
from linter.readers import read_document
from test_pdf_reader import FONT, pdf_from_objects

TEXT = b"BT /F1 12 Tf 72 720 Td (Budget 2025 draft) Tj ET"


def _pdf(pages: list[tuple[str, bytes]], kids: str | None = None, count: int | None = None) -> bytes:
    """A PDF of the given (MediaBox, content) pages; kids/count override the page tree."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    refs = []
    for box, content in pages:
        refs.append(f"{len(objs) + 1} 0 R")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox {box} /Resources {FONT} "
                    f"/Contents {len(objs) + 2} 0 R >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objs[1] = f"<< /Type /Pages /Kids [{kids or ' '.join(refs)}] /Count {count or len(pages)} >>".encode()
    return pdf_from_objects(objs)


@pytest.mark.parametrize("box", ["[595 842 0 0]", "[0 842 595 0]", "[595 0 0 842]", "[0 0 595 842]"])
def test_a_media_box_with_its_corners_in_any_order_is_read(tmp_path, box):
    path = tmp_path / "box.pdf"
    path.write_bytes(_pdf([(box, TEXT)]))
    assert [ln.text for ln in read_document(str(path)).lines] == ["Budget 2025 draft"]


def test_text_outside_the_page_is_named_as_such_not_a_scan(tmp_path):
    path = tmp_path / "outside.pdf"
    path.write_bytes(_pdf([("[0 0 595 842]", b"BT /F1 12 Tf 72 -500 Td (Budget 2025 draft) Tj ET")]))
    with pytest.raises(InputError) as exc:
        read_document(str(path))
    assert str(exc.value).startswith("text outside the page: none of the 17 characters")
    assert "scan" not in str(exc.value)


def test_a_page_with_no_characters_and_no_images_is_not_called_a_scan(tmp_path):
    path = tmp_path / "blank.pdf"
    path.write_bytes(_pdf([("[0 0 595 842]", b"0 0 m 100 100 l S")]))
    with pytest.raises(InputError, match=r"^no text layer \(the pages hold no characters\)$"):
        read_document(str(path))


@pytest.mark.parametrize("kids", ["3 0 R 9 0 R", "3 0 R 2 0 R"], ids=["missing-page", "page-tree-cycle"])
def test_a_broken_page_is_reported_and_the_readable_pages_are_checked(tmp_path, kids):
    path = tmp_path / "broken.pdf"
    path.write_bytes(_pdf([("[0 0 595 842]", TEXT)], kids=kids, count=2))
    doc = read_document(str(path))
    assert [ln.text for ln in doc.lines] == ["Budget 2025 draft"]
    assert len(doc.warnings) == 1 and "page 2" in doc.warnings[0]
    res = run_cli("check", "--format", "json", "--exit-zero", str(path))
    found = json.loads(res.stdout)
    assert "Traceback" not in res.stderr and res.stderr.count("page 2") == 1
    assert [f["message"] for f in found if f["rule"] == "BL000"] == [f"部分内容无法读取（{doc.warnings[0]}）"]


def test_the_audit_stores_reader_warnings_and_shows_them_per_document(tmp_path):
    """A PDF read in part is audited as status 'partial': each reader warning is a stored
    BL000 warning (kept apart from the rules' findings), listed in the summary and shown in
    the document's section of the HTML report."""
    import shutil
    import sqlite3
    import subprocess
    import sys

    from conftest import ROOT, seed

    src = tmp_path / "in"
    src.mkdir()
    (src / "broken.pdf").write_bytes(_pdf([("[0 0 595 842]", TEXT)], kids="3 0 R 9 0 R", count=2))
    shutil.copy(seed("004"), src / "good.txt")
    out = tmp_path / "out"
    res = subprocess.run([sys.executable, "-m", "linter", "audit", str(src), "-o", str(out), "--jobs", "1"],
                         capture_output=True, text=True, cwd=str(ROOT))
    assert res.returncode == 0, res.stderr
    warning = read_document(str(src / "broken.pdf")).warnings[0]
    db = sqlite3.connect(out / "audit.sqlite")
    try:
        docs = dict(db.execute("SELECT path, status FROM documents").fetchall())
        stored = db.execute("SELECT f.stage, f.rule, f.severity, f.message FROM findings f JOIN documents d "
                            "ON d.id = f.document_id WHERE d.path LIKE '%broken.pdf'").fetchall()
    finally:
        db.close()
    assert docs[str(src / "broken.pdf")] == "partial" and docs[str(src / "good.txt")] == "ok"
    assert ("reader", "BL000", "warning", f"部分内容无法读取（{warning}）") in stored
    assert "部分读取（读取警告）：" in res.stdout and f"broken.pdf: 部分内容无法读取（{warning}）" in res.stdout
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count(warning) >= 2  # the document's status line and its BL000 finding

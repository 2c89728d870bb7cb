"""budgetlint annotate: every finding becomes a Word comment / PDF highlight on its own
text, in a copy; the original is untouched; LibreOffice opens the reviewed .docx."""
import ctypes
import hashlib
import os
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from conftest import ROOT, run_cli, seed
from linter.readers import read_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCX = sorted((ROOT / "corpus" / "docx").glob("*.docx"))
# CI sets this so that a missing LibreOffice fails instead of skipping
REQUIRE_LIBREOFFICE = os.environ.get("BUDGETLINT_REQUIRE_LIBREOFFICE") == "1"


def _digest(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def _findings(path):
    import json

    return json.loads(run_cli("check", "--format", "json", "--exit-zero", str(path)).stdout)


def comment_ranges(path) -> dict[str, tuple[str, str, str]]:
    """{comment id: (text between its range marks, author, comment text)}."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        comments = etree.fromstring(z.read("word/comments.xml"))
    opened: dict[str, list[str]] = {}
    anchored: dict[str, str] = {}
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            opened[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            anchored[el.get(W + "id")] = "".join(opened.pop(el.get(W + "id")))
        elif el.tag == W + "t":
            for parts in opened.values():
                parts.append(el.text or "")
    out = {}
    for c in comments.iter(W + "comment"):
        cid = c.get(W + "id")
        text = "\n".join("".join(p.itertext()) for p in c.iter(W + "p"))
        out[cid] = (anchored.get(cid), c.get(W + "author"), text)
    return out


@pytest.mark.parametrize("path", DOCX, ids=[p.stem[:3] for p in DOCX])
def test_docx_comment_on_each_findings_text(path, tmp_path):
    before = _digest(path)
    out = tmp_path / "reviewed.docx"
    res = run_cli("annotate", str(path), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert _digest(path) == before  # the original is untouched
    findings = _findings(path)
    comments = sorted(comment_ranges(out).values(), key=lambda c: c[2])
    assert len(comments) == len(findings) > 0
    expected = sorted(findings, key=lambda f: f["message"])
    wanted = sorted((f["excerpt"].split("\n")[0] if f["excerpt"] != "(空)" else "", f["rule"], f["message"])
                    for f in findings)
    got = sorted((anchored, text.split(" ", 1)[0], text) for anchored, _, text in comments)
    for (excerpt, rule, message), (anchored, code, text) in zip(wanted, got):
        assert anchored == excerpt and code == rule and message in text
    assert {author for _, author, _ in comments} == {"budgetlint"}
    # a finding's place and suggestion are in its comment
    for f in expected:
        text = next(t for a, _, t in comments if f["message"] in t)
        if f["suggestion"]:
            assert "建议：" + f["suggestion"] in text
        for r in f["related"]:
            assert r["note"] in text and r["location"]["text"] in text
    # the copy reads as the original: the comments change no text
    assert [ln.text for ln in read_document(str(out)).lines] == [ln.text for ln in read_document(str(path)).lines]


def test_comment_covers_exactly_the_flagged_text_inside_one_run(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("一、收入预算情况", level=1)
    d.add_paragraph("本部门2025年收入预算合计107.54万元，均为财政拨款，比上年增加，主要原因是人员增加。")
    d.add_paragraph("二、支出预算情况")
    d.add_paragraph("请在此处填写支出说明。本年支出预算XX万元。")
    src = tmp_path / "draft.docx"
    d.save(src)
    out = tmp_path / "draft.reviewed.docx"
    res = run_cli("annotate", str(src), "-o", str(out))
    assert res.returncode == 0, res.stderr
    found = _findings(src)
    anchored = sorted(a for a, _, _ in comment_ranges(out).values())
    assert found and anchored == sorted(f["excerpt"] for f in found)


def _libreoffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_opens_the_reviewed_docx(tmp_path):
    binary = _libreoffice()
    if binary is None:
        if REQUIRE_LIBREOFFICE:
            pytest.fail("LibreOffice (soffice) is required here: .ci/run installs libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is not installed on this machine")
    path = seed("003", "docx")
    out = tmp_path / "reviewed.docx"
    assert run_cli("annotate", str(path), "-o", str(out)).returncode == 0
    n = len(comment_ranges(out))
    res = subprocess.run([binary, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                          "--convert-to", "odt", "--outdir", str(tmp_path / "odt"), str(out)],
                         capture_output=True, text=True, timeout=180)
    odt = tmp_path / "odt" / "reviewed.odt"
    assert odt.exists(), res.stderr
    content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
    assert content.count("<office:annotation>") + content.count("<office:annotation ") == n
    assert content.count("<dc:creator>budgetlint</dc:creator>") == n


PDFS = [seed("000", "pdf"), seed("003", "pdf"), ROOT / "corpus" / "samples" / "2024_putuo_caizhengju_dept_final.pdf"]


@pytest.mark.parametrize("path", PDFS, ids=[p.stem[:12] for p in PDFS])
def test_pdf_highlight_with_note_on_each_findings_text(path, tmp_path):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    before = _digest(path)
    out = tmp_path / "reviewed.pdf"
    res = run_cli("annotate", str(path), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert _digest(path) == before
    findings = [f for f in _findings(path) if f["location"]["boxes"]]
    pdf = pdfium.PdfDocument(str(out))
    notes = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
                annot = raw.FPDFPage_GetAnnot(page.raw, k)
                assert raw.FPDFAnnot_GetSubtype(annot) == raw.FPDF_ANNOT_HIGHLIGHT
                size = raw.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)
                buf = ctypes.create_string_buffer(size)
                raw.FPDFAnnot_GetStringValue(annot, b"Contents", ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), size)
                note = buf.raw[:size - 2].decode("utf-16-le")
                shown = []
                for q in range(raw.FPDFAnnot_CountAttachmentPoints(annot)):
                    quad = raw.FS_QUADPOINTSF()
                    raw.FPDFAnnot_GetAttachmentPoints(annot, q, ctypes.byref(quad))
                    x0, x1, y0, y1 = min(quad.x1, quad.x3), max(quad.x2, quad.x4), min(quad.y3, quad.y4), max(quad.y1, quad.y2)
                    shown.append("".join(tp.get_text_bounded(x0 + 0.3, y0 + 0.5, x1 - 0.3, y1 - 0.5).split()))
                raw.FPDFPage_CloseAnnot(annot)
                notes.append((i + 1, "".join(shown), note))
            tp.close()
            page.close()
    finally:
        pdf.close()
    assert len(notes) == len(findings) > 0
    for f in findings:
        excerpt = "".join(f["excerpt"].split())
        match = [n for n in notes if n[0] == f["location"]["page"] and f["message"] in n[2]
                 and excerpt.startswith(n[1]) and n[1]]
        assert match, (f["rule"], f["excerpt"])


def test_annotate_refuses_text_and_never_overwrites(tmp_path):
    res = run_cli("annotate", str(seed("000")), "-o", str(tmp_path / "x.txt"))
    assert res.returncode == 2 and "annotate" in res.stderr and "Traceback" not in res.stderr
    copy = tmp_path / "a.docx"
    shutil.copy(seed("001", "docx"), copy)
    before = _digest(copy)
    res = run_cli("annotate", str(copy), "-o", str(copy))
    assert res.returncode == 2 and _digest(copy) == before
    res = run_cli("annotate", str(copy))  # default: beside it
    assert res.returncode == 0 and (tmp_path / "a.budgetlint.docx").exists() and _digest(copy) == before


def test_annotating_a_reviewed_copy_again_holds_each_finding_once(tmp_path):
    """A finance officer keeps working in the reviewed copy and annotates it again: the earlier
    budgetlint comments are replaced, their own comments (and an accepting one) stay."""
    import docx

    first = tmp_path / "first.docx"
    assert run_cli("annotate", str(seed("000", "docx")), "-o", str(first)).returncode == 0
    n = len(comment_ranges(first))
    word = docx.Document(str(first))
    target = next(p for p in word.paragraphs if p.runs and p.text.strip())
    word.add_comment(target.runs, text="请财务科核对", author="张三", initials="ZS")
    word.save(str(first))
    second = tmp_path / "second.docx"
    res = run_cli("annotate", str(first), "-o", str(second))
    assert res.returncode == 0, res.stderr
    comments = list(comment_ranges(second).values())
    assert len([c for c in comments if c[1] == "budgetlint"]) == n
    assert [c[2] for c in comments if c[1] == "张三"] == ["请财务科核对"]
    # no reference is left pointing at a removed comment
    with zipfile.ZipFile(second) as z:
        body = z.read("word/document.xml").decode("utf-8")
    ids = {cid for cid in comment_ranges(second)}
    import re

    assert set(re.findall(r'commentReference w:id="(\d+)"', body)) == ids


def test_annotating_a_reviewed_pdf_again_holds_each_finding_once(tmp_path):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    def highlights(path):
        pdf = pdfium.PdfDocument(str(path))
        try:
            pages = [pdf[i] for i in range(len(pdf))]  # kept alive while PDFium reads them
            return sum(raw.FPDFPage_GetAnnotCount(page.raw) for page in pages)
        finally:
            pdf.close()

    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    assert run_cli("annotate", str(seed("000", "pdf")), "-o", str(first)).returncode == 0
    assert run_cli("annotate", str(first), "-o", str(second)).returncode == 0
    assert highlights(first) > 0 and highlights(second) == highlights(first)


def test_output_name_must_keep_the_format_and_several_copies_need_a_folder(tmp_path):
    src = seed("000", "docx")
    wrong = run_cli("annotate", str(src), "-o", str(tmp_path / "o3.pdf"))
    assert wrong.returncode == 2 and ".docx" in wrong.stderr and len(wrong.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o3.pdf").exists()
    both = run_cli("annotate", str(src), str(seed("003", "docx")), "-o", str(tmp_path / "both.docx"))
    assert both.returncode == 2 and "文件夹" in both.stderr and not (tmp_path / "both.docx").exists()
    # a name without an extension is a folder, made when missing
    res = run_cli("annotate", str(src), "-o", str(tmp_path / "审阅"))
    assert res.returncode == 0, res.stderr
    assert [p.name for p in (tmp_path / "审阅").iterdir()] == [src.stem + ".budgetlint.docx"]

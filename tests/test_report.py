"""The audit's reports: report.html in real headless Chromium (loads without script errors,
filters and sorting work), and report.xlsx."""
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, seed
from test_audit import _bad_folder, audit, rows

from cdp import CHROMIUM


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    src = _bad_folder(tmp)
    for prefix in ("002", "003", "004"):
        shutil.copy(seed(prefix), src / f"seed_{prefix}.txt")
    out = tmp / "out"
    res = audit(src, "-o", out)
    assert res.returncode == 0, res.stderr
    return out


def test_html_is_self_contained_and_lists_every_document_and_finding(audited):
    page = (audited / "report.html").read_text(encoding="utf-8")
    # nothing is fetched: no external script, style, image or font
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!#)""", page)
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert page.count("<svg") == 6
    n_docs = rows(audited, "SELECT COUNT(*) FROM documents")[0][0]
    n_findings = rows(audited, "SELECT COUNT(*) FROM findings")[0][0]
    assert page.count('<section class="doc"') == n_docs == 12
    assert page.count('<div class="finding ') == n_findings
    # a finding's excerpt is marked inside its line, and its location is given
    excerpt, line = rows(audited, "SELECT excerpt, line FROM findings WHERE rule='BL201' LIMIT 1")[0]
    assert f"<mark>{excerpt}</mark>" in page and f"第{line}行" in page
    assert "Word 97-2003 binary document (.doc) is not supported" in page


def test_xlsx_has_documents_and_findings(audited):
    from openpyxl import load_workbook

    wb = load_workbook(audited / "report.xlsx", read_only=True)
    assert wb.sheetnames == ["Documents", "Findings"]
    docs = list(wb["Documents"].values)
    found = list(wb["Findings"].values)
    assert docs[0][:3] == ("path", "status", "cause") and len(docs) == 13
    assert len(found) - 1 == rows(audited, "SELECT COUNT(*) FROM findings")[0][0]
    assert {r[1] for r in found[1:]} >= {"BL000", "BL201"}


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium)")
def test_html_in_headless_chromium_loads_and_filters_work(audited):
    from cdp import Browser

    browser = Browser()
    try:
        url = (audited / "report.html").as_uri()
        browser.open(url)
        assert browser.errors() == []
        visible = "Array.from(document.querySelectorAll('#documents tbody tr')).filter(r => !r.hidden)"
        sections = "Array.from(document.querySelectorAll('section.doc')).filter(s => !s.hidden).length"
        assert browser.eval(f"{visible}.length") == 12
        assert browser.eval("document.getElementById('shown').textContent") == "12 / 12"

        def choose(name, value):
            browser.eval(f"(() => {{ const c = document.getElementById('filter-{name}'); c.value = {value!r}; "
                         f"c.dispatchEvent(new Event('{'input' if name == 'text' else 'change'}')); }})()")

        unreadable = rows(audited, "SELECT COUNT(*) FROM documents WHERE status='unreadable'")[0][0]
        choose("status", "unreadable")
        assert browser.eval(f"{visible}.length") == unreadable == 7
        assert browser.eval(sections) == unreadable
        assert browser.eval(f"{visible}.every(r => r.dataset.status === 'unreadable')")
        assert "status=unreadable" in browser.eval("location.hash")
        choose("status", "")
        year_2025 = rows(audited, "SELECT COUNT(*) FROM documents WHERE year=2025")[0][0]
        choose("year", "2025")
        assert browser.eval(f"{visible}.length") == year_2025 == 1
        choose("year", "")
        choose("text", "seed_003")
        assert browser.eval(f"{visible}.map(r => r.cells[0].textContent)") == ["seed_003.txt"]
        choose("text", "")
        choose("severity", "error")
        with_errors = rows(audited, "SELECT COUNT(DISTINCT document_id) FROM findings WHERE severity='error'")[0][0]
        assert browser.eval(f"{visible}.length") == with_errors
        choose("severity", "")
        # sorting by the error column, descending on the second click
        browser.eval("document.querySelectorAll('#documents th')[6].click()")
        browser.eval("document.querySelectorAll('#documents th')[6].click()")
        errors = browser.eval("Array.from(document.querySelectorAll('#documents tbody tr')).map(r => +r.cells[6].textContent)")
        assert errors == sorted(errors, reverse=True) and errors[0] > 0
        # a filtered view opened from its address
        browser.open("about:blank")
        browser.events.clear()
        browser.open(url + "#filter=status=unreadable&kind=")
        assert browser.eval(f"{visible}.length") == 7
        assert browser.errors() == []
    finally:
        browser.close()


def test_report_locations_are_the_findings_locations(tmp_path):
    """The CSV/HTML say where a person finds each finding (and each related place) as
    linter.locate described it: page for PDF; Word's table, row and column, or heading and
    paragraph, for .docx; never the text view's line number of a .docx or .pdf."""
    import csv
    import json

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(seed("001", "docx"), src / "a.docx")
    shutil.copy(seed("001", "pdf"), src / "a.pdf")
    out = tmp_path / "out"
    res = audit(src, "-o", out)
    assert res.returncode == 0, res.stderr
    stored = {}
    for path, data in rows(out, "SELECT d.path, f.data FROM findings f JOIN documents d ON f.document_id=d.id"):
        f = json.loads(data)
        stored.setdefault((os.path.basename(path), f["rule"], f["excerpt"]), []).append(f)
    with open(out / "findings.csv", encoding="utf-8-sig", newline="") as fh:
        found = list(csv.DictReader(fh))
    assert {os.path.basename(r["path"]) for r in found} == {"a.docx", "a.pdf"}
    page = (out / "report.html").read_text(encoding="utf-8")
    for r in found:
        name = os.path.basename(r["path"])
        f = stored[(name, r["rule"], r["excerpt"])][0]
        assert r["location"] == f["location"]["text"], r
        assert r["location"] in page
        if name == "a.pdf":
            assert r["location"].startswith(f"第{f['page']}页"), r
        else:
            assert not r["location"].startswith("第") or "节" in r["location"], r  # 表N … or 第K节「…」第P段
        for rel in f["related"]:
            if rel.get("location"):
                assert rel["location"]["text"] in r["related"], r

"""budgetlint audit: every file checked in a worker into the store; bad files are BL000
with their cause; a rerun skips what is unchanged; a killed run resumes losing nothing and
counting nothing twice."""
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, SEEDS, seed

STORE = "audit.sqlite"


def audit(*args, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", "audit", *map(str, args)], capture_output=True,
                          text=True, cwd=str(ROOT), timeout=timeout,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def rows(out: Path, sql: str, args=()):
    db = sqlite3.connect(out / STORE)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def _bad_folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(seed("000"), d / "good.txt")
    shutil.copy(seed("001", "docx"), d / "good.docx")
    (d / "empty.txt").write_bytes(b"")
    (d / "junk.pdf").write_bytes(bytes(range(256)) * 20)
    (d / "junk.docx").write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    (d / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (d / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (d / "report.wps").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    (d / "notes.xls").write_bytes(b"\x00" * 10)
    (d / ".hidden.txt").write_text("x")
    (d / "~$good.docx").write_bytes(b"lock")
    return d


def test_bad_files_are_bl000_with_their_cause_and_good_ones_are_reported(tmp_path):
    src, out = _bad_folder(tmp_path), tmp_path / "out"
    res = audit(src, "-o", out, "--jobs", "2", "--no-report")
    assert res.returncode == 0, res.stderr
    status = dict(rows(out, "SELECT path, status FROM documents"))
    names = {Path(p).name: s for p, s in status.items()}
    assert set(names) == {"good.txt", "good.docx", "empty.txt", "junk.pdf", "junk.docx", "scan.pdf", "old.doc",
                          "report.wps", "notes.xls"}  # hidden files and ~$ lock files are not documents
    assert names["good.txt"] == names["good.docx"] == "ok"
    causes = dict((Path(p).name, (c, m)) for p, c, m in rows(
        out, "SELECT d.path, d.cause, f.message FROM documents d JOIN findings f ON f.document_id=d.id "
             "WHERE f.rule='BL000'"))
    assert set(causes) == set(names) - {"good.txt", "good.docx"}
    assert causes["empty.txt"][0] == "empty file"
    assert ".doc" in causes["old.doc"][0] and "save it as .docx" in causes["old.doc"][0]
    assert ".wps" in causes["report.wps"][0]
    assert all(m == f"cannot check file: {c}" and c for c, m in causes.values())
    # every good file's findings are there, with the context a report shows
    good = rows(out, "SELECT f.rule, f.excerpt, f.context FROM findings f JOIN documents d ON f.document_id=d.id "
                     "WHERE d.path LIKE '%good.txt'")
    assert good and all(e in c for _, e, c in good)
    # the summary on stdout counts from the store
    assert "文件：9 个（无法读取 7，正常 2）" in res.stdout
    assert "BL000   错误        7  unreadable-input" in res.stdout
    assert "错误最多的文件：" in res.stdout
    # plain progress lines on a non-terminal stderr, one per file
    assert len([ln for ln in res.stderr.splitlines() if ln.startswith("audit: [")]) == 9


def test_document_record_holds_hash_format_and_metadata(tmp_path):
    out = tmp_path / "out"
    res = audit(seed("004"), CORPUS / "samples" / "2024_putuo_caizhengju_dept_final.pdf", "-o", out,
                "--no-report")
    assert res.returncode == 0, res.stderr
    got = {Path(r[0]).suffix: r for r in rows(
        out, "SELECT path, sha256, size, format, pages, department, year, kind, status, tool_version, "
             "rules_version, seconds FROM documents")}
    import hashlib

    txt = got[".txt"]
    assert txt[1] == hashlib.sha256(seed("004").read_bytes()).hexdigest() and txt[2] == seed("004").stat().st_size
    assert txt[3] == "txt" and txt[4] is None and txt[6] == 2025 and txt[7] == "预算"
    assert txt[5] == "中共唐山市开平区委网络安全和信息化委员会办公室"
    pdf = got[".pdf"]
    assert pdf[3] == "pdf" and pdf[4] > 1 and pdf[6] == 2024 and pdf[7] == "决算" and pdf[8] == "ok"
    assert txt[9].startswith("0.") and "+" in txt[9] and txt[10] == "built-in" and txt[11] > 0


def test_time_and_memory_limits_make_bl000_and_the_run_goes_on(tmp_path):
    out = tmp_path / "out"
    big = CORPUS / "big" / "big_000x21.pdf"
    # the 21-copy seed PDF takes about 4 s of CPU now; 2 s stops it with room to spare, and the
    # seed (~0.4 s) is well inside it
    res = audit(big, seed("000"), "-o", out, "--time-limit", "2", "--no-report")
    assert res.returncode == 0, res.stderr
    got = {Path(p).suffix: (s, c) for p, s, c in rows(out, "SELECT path, status, cause FROM documents")}
    assert got[".pdf"] == ("timeout", "time limit exceeded (2 s, limit time-limit)") and got[".txt"][0] == "ok"
    # the memory limit is the document's own, over what the worker holds with its rules loaded:
    # a seed (some 50-80 MB) passes under 300M whatever vocabularies the rules carry, and a
    # .docx of 1.5 million paragraphs (a 60 MB part, within the reader's limits, that parses
    # into far more) is stopped, named as the memory limit and not as a corrupt file
    out2 = tmp_path / "out2"
    bomb = tmp_path / "paragraphs.docx"
    bomb.write_bytes(_paragraph_bomb(seed("001", "docx").read_bytes(), 1_500_000))
    res = audit(bomb, seed("001"), "-o", out2, "--memory-limit", "300M", "--jobs", "1", "--no-report")
    got = {Path(p).suffix: (s, c) for p, s, c in rows(out2, "SELECT path, status, cause FROM documents")}
    assert got[".docx"] == ("memory", "memory limit exceeded (300 MiB, limit memory-limit)"), got
    assert got[".txt"][0] == "ok", got


def _paragraph_bomb(docx: bytes, paragraphs: int) -> bytes:
    """The .docx with `paragraphs` short paragraphs added to its body (compressed to little)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "word/document.xml":
                body = body.replace(b"<w:body>", b"<w:body>" + b"<w:p><w:r><w:t>\xe9\xa2\x84\xe7\xae\x97</w:t></w:r></w:p>"
                                    * paragraphs, 1)
            zout.writestr(item.filename, body)
    return out.getvalue()


def test_rerun_skips_unchanged_redoes_changed_and_force_redoes_all(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for p in SEEDS[:3]:
        shutil.copy(p, src / p.name)
    assert audit(src, "-o", out, "--no-report").returncode == 0
    first = dict(rows(out, "SELECT path, checked_at FROM documents"))
    changed = src / SEEDS[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n本页无正文。\n", encoding="utf-8")
    touched = src / SEEDS[1].name
    os.utime(touched, (time.time() + 10, time.time() + 10))  # same bytes, new time: hashed, still skipped
    res = audit(src, "-o", out, "--no-report")
    assert res.stderr.count("未变化，跳过") == 2, res.stderr
    second = dict(rows(out, "SELECT path, checked_at FROM documents"))
    assert second[str(changed)] > first[str(changed)]
    assert second[str(touched)] == first[str(touched)]
    res = audit(src, "-o", out, "--no-report", "--force")
    assert "未变化，跳过" not in res.stderr
    assert rows(out, "SELECT COUNT(*) FROM documents") == [(3,)]
    # another rule selection is another result: redone, not skipped
    res = audit(src, "-o", out, "--no-report", "--select", "BL1")
    assert "未变化，跳过" not in res.stderr
    assert {r for (r,) in rows(out, "SELECT DISTINCT rule FROM findings")} <= {"BL101", "BL102", "BL103", "BL104",
                                                                             "BL105", "BL106", "BL107", "BL108"}


def test_parent_killed_mid_run_resumes_losing_nothing_and_counting_nothing_twice(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    copies = 6
    for p in SEEDS:
        for i in range(copies):
            shutil.copy(p, src / f"{p.stem}_{i}.txt")
    total = len(SEEDS) * copies
    proc = subprocess.Popen([sys.executable, "-m", "linter", "audit", str(src), "-o", str(out), "--jobs", "2",
                             "--no-report"], cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if (out / STORE).exists():
            try:
                stored = rows(out, "SELECT COUNT(*) FROM documents")[0][0]
            except sqlite3.OperationalError:
                continue
            if stored >= 4:
                break
    assert proc.poll() is None, "the run ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = rows(out, "SELECT COUNT(*) FROM documents")[0][0]
    assert 4 <= kept < total
    res = audit(src, "-o", out, "--jobs", "2", "--no-report")
    assert res.returncode == 0, res.stderr
    assert res.stderr.count("未变化，跳过") >= kept
    docs = rows(out, "SELECT path, COUNT(*) FROM documents GROUP BY path")
    assert len(docs) == total and all(n == 1 for _, n in docs)
    # the copies of one seed have the same findings, however the run was cut
    per_doc = rows(out, "SELECT d.path, COUNT(f.id) FROM documents d LEFT JOIN findings f ON f.document_id=d.id "
                        "GROUP BY d.id")
    by_seed: dict[str, set[int]] = {}
    for path, n in per_doc:
        by_seed.setdefault(Path(path).stem.rsplit("_", 1)[0], set()).add(n)
    assert all(len(counts) == 1 for counts in by_seed.values()), by_seed
    assert rows(out, "SELECT state FROM runs ORDER BY id") == [("running",), ("finished",)]


def test_prior_year_check_runs_over_the_store(tmp_path):
    from test_prior_year import _pair

    y, p = _pair(tmp_path, total="272.41")
    out = tmp_path / "out"
    assert audit(y, p, seed("000"), "-o", out, "--no-report").returncode == 0
    found = rows(out, "SELECT d.path, f.stage, f.excerpt, f.severity FROM findings f JOIN documents d "
                      "ON f.document_id=d.id WHERE f.rule='BL207'")
    assert found == [(str(y), "cross", "21.20万元", "error")]
    # a rerun that checks nothing again still has the cross-document finding, once
    res = audit(y, p, seed("000"), "-o", out, "--no-report")
    assert res.stderr.count("未变化，跳过") == 3
    assert rows(out, "SELECT COUNT(*) FROM findings WHERE rule='BL207'") == [(1,)]


def test_usage_errors_are_one_line(tmp_path):
    res = audit(tmp_path / "nothing-here", "-o", tmp_path / "out", "--select", "BL9")
    assert res.returncode == 2 and res.stderr.count("\n") == 1 and "BL9" in res.stderr


def test_csv_reports_of_findings_and_documents(tmp_path):
    import csv

    src, out = _bad_folder(tmp_path), tmp_path / "out"
    res = audit(src, "-o", out)
    assert res.returncode == 0, res.stderr
    assert f"报告：{out / 'findings.csv'}" in res.stdout
    with open(out / "documents.csv", encoding="utf-8-sig", newline="") as fh:
        docs = list(csv.DictReader(fh))
    assert len(docs) == 9
    good = next(d for d in docs if d["path"].endswith("good.txt"))
    stored = rows(out, "SELECT SUM(f.severity='error'), SUM(f.severity='warning') FROM findings f "
                       "JOIN documents d ON f.document_id=d.id WHERE d.path LIKE '%good.txt'")[0]
    assert (int(good["errors"]), int(good["warnings"])) == stored and good["status"] == "ok"
    with open(out / "findings.csv", encoding="utf-8-sig", newline="") as fh:
        found = list(csv.DictReader(fh))
    assert len(found) == rows(out, "SELECT COUNT(*) FROM findings")[0][0]
    bl201 = [f for f in found if f["rule"] == "BL201" and f["path"].endswith("good.txt")]
    assert bl201 and all(f["location"].startswith("第") and f["related"] for f in bl201)
    # `report` writes the same from the store alone
    again = tmp_path / "again"
    res = subprocess.run([sys.executable, "-m", "linter", "report", str(out), "-o", str(again)], cwd=str(ROOT),
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert (again / "findings.csv").read_bytes() == (out / "findings.csv").read_bytes()


def test_a_mistyped_folder_is_a_usage_error_before_anything_runs(tmp_path):
    out = tmp_path / "out"
    res = audit(tmp_path / "no-such-folder", seed("000"), "-o", out)
    assert res.returncode == 2 and "no-such-folder" in res.stderr and "Traceback" not in res.stderr
    assert not (out / STORE).exists()  # nothing was checked or stored

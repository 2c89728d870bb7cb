"""The output contract under the environments a hook or CI gives (issue 13): run as a
subprocess, as they run it. A file name that is not UTF-8, an ASCII locale, a full disk and
a closed pipe each leave valid UTF-8 output, or one line on stderr and exit 2; no traceback."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, seed

# Python's own UTF-8 rescue of the C locale switched off: stdout is really ASCII
ASCII_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LANG")}
ASCII_ENV.update(LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0")
GBK_NAME = "测试".encode("gbk") + b".txt"  # b'\xb2\xe2\xca\xd4.txt': not UTF-8


def _run(*args: str, env=None, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], stdout=stdout, stderr=subprocess.PIPE,
                          cwd=str(ROOT), env=env or ASCII_ENV)


def _no_traceback(res) -> str:
    err = res.stderr.decode("utf-8")
    assert "Traceback" not in err and "Exception ignored" not in err, err
    return err


@pytest.fixture
def folder(tmp_path):
    shutil.copy(seed("000"), tmp_path / "ok.txt")
    shutil.copy(seed("000"), os.path.join(os.fsencode(tmp_path), GBK_NAME))
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    return tmp_path


def test_json_in_an_ascii_locale_with_a_name_that_is_not_utf8(folder):
    res = _run("check", "--format", "json", str(folder))
    _no_traceback(res)
    assert res.returncode == 1
    findings = json.loads(res.stdout.decode("utf-8"))  # strict UTF-8, valid JSON
    paths = {f["path"] for f in findings}
    escaped = str(folder / "\\xb2\\xe2\\xca\\xd4.txt")
    assert paths == {str(folder / "ok.txt"), escaped, str(folder / "broken.docx")}
    ok = [f for f in findings if f["path"].endswith("ok.txt")]
    odd = [f for f in findings if f["path"] == escaped]
    assert len(ok) == len(odd) > 0  # the same text, the same findings: nothing lost to the name
    assert [f["rule"] for f in findings if f["path"].endswith("broken.docx")] == ["BL000"]


@pytest.mark.parametrize("fmt", ["text", "sarif", "junit", "github"])
def test_other_formats_in_an_ascii_locale_are_utf8(folder, fmt):
    res = _run("check", "--format", fmt, str(folder))
    err = _no_traceback(res)
    assert res.returncode == 1
    out = res.stdout.decode("utf-8")
    if fmt == "sarif":  # a URI: the name's own bytes, percent-encoded
        json.loads(out)
        assert "%B2%E2%CA%D4.txt" in out
    else:
        assert "\\xb2\\xe2\\xca\\xd4.txt" in out
    if fmt == "text":
        assert "测试" not in out and "broken.docx" in err


def test_a_full_disk_is_one_line_and_exit_2():
    with open("/dev/full", "wb") as full:
        res = _run("check", "--format", "json", str(seed("000")), stdout=full)
    err = _no_traceback(res)
    assert res.returncode == 2
    assert err.count("\n") == 1 and "No space left on device" in err


def test_a_closed_pipe_is_one_line_and_exit_2():
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: every write fails with EPIPE
    try:
        res = _run("check", "--format", "json", str(seed("000")), stdout=write_end)
    finally:
        os.close(write_end)
    err = _no_traceback(res)
    assert res.returncode == 2
    assert err.count("\n") == 1 and err.startswith("budgetlint: ")


def test_extract_on_a_full_disk_is_one_line_too():
    with open("/dev/full", "wb") as full:
        res = _run("extract", str(seed("000")), stdout=full)
    err = _no_traceback(res)
    assert res.returncode == 2 and err.count("\n") == 1


def test_shown_path_escapes_only_undecodable_bytes():
    from linter.output import shown_path

    assert shown_path("报告/部门预算.docx") == "报告/部门预算.docx"
    assert shown_path(os.fsdecode(b"a/\xb2\xe2.txt")) == "a/\\xb2\\xe2.txt"
    assert shown_path("a\ud800.txt") == "a\\ud800.txt"

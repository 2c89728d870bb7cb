"""The hard stop in `check` (issue 13): each document is checked in a worker forked from the
command, under the time and memory limits of [tool.budgetlint.limits] (on by default). A
document past a limit, or whose worker dies, is a BL000 naming the cause, and the other
files are still checked: valid JSON, the usual exit code, one stderr line for that file.

The misbehaving rule comes from a test rule pack (a real distribution on PYTHONPATH), so
nothing in budgetlint itself sleeps or loops for the test."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT, seed

PACK = textwrap.dedent('''
    """A pack whose one rule misbehaves on a marker in the document (tests only)."""
    import os

    from linter.engine import Rule


    class Misbehave(Rule):
        """Misbehaves on a marker: loops for ever, eats memory, or kills its process.

        *What it does*: nothing useful.

        *Why it matters*: it is how the hard stop is tested.

        *Bad*:
            挂起标记

        *Good*:
            正文
        """

        code = "HX101"
        name = "misbehave"
        severity = "warning"

        def check(self, doc):
            text = "\\n".join(line.text for line in doc.lines)
            if "挂起标记" in text:
                while True:
                    pass
            if "内存标记" in text:
                hog = []
                while True:
                    hog.append(bytearray(32 << 20))
            if "崩溃标记" in text:
                os.abort()
            return []


    def load():
        return [Misbehave]
''')


@pytest.fixture
def pack_env(tmp_path):
    site = tmp_path / "site"
    (site / "hangpack").mkdir(parents=True)
    (site / "hangpack" / "__init__.py").write_text(PACK, encoding="utf-8")
    dist = site / "hangpack-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: hangpack\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[budgetlint.rules]\nHX1 = hangpack:load\n", encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}


def _check(env, *args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "linter", "check", *args], capture_output=True, text=True,
                          cwd=str(cwd), env=env, timeout=120)


def _marked(tmp_path, name: str, marker: str):
    path = tmp_path / name
    path.write_text(seed("000").read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    return path


def test_a_hanging_document_is_bl000_and_the_next_files_findings_still_come_out(tmp_path, pack_env):
    hung = _marked(tmp_path, "a_hangs.txt", "挂起标记")
    good = tmp_path / "b_good.txt"
    shutil.copy(seed("004"), good)
    # the limit leaves the good file ample time on a loaded machine; the hung one meets it
    res = _check(pack_env, "--format", "json", "--time-limit", "15", str(hung), str(good))
    assert res.returncode == 1, res.stderr
    found = json.loads(res.stdout)
    stopped = [f for f in found if f["path"] == str(hung)]
    assert [(f["rule"], f["name"]) for f in stopped] == [("BL000", "check-stopped")]
    assert "time limit exceeded (15 s, limit time-limit)" in stopped[0]["message"]
    alone = _check(pack_env, "--format", "json", str(good))  # the good file's findings, unchanged
    assert [f for f in found if f["path"] == str(good)] == json.loads(alone.stdout) != []
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{hung}: ") and "time limit exceeded" in lines[0]


def test_the_time_limit_comes_from_the_configuration_and_the_flag_wins(tmp_path, pack_env):
    hung = _marked(tmp_path, "hangs.txt", "挂起标记")
    (tmp_path / "budgetlint.toml").write_text("[limits]\ntime-limit = 2\n", encoding="utf-8")
    res = _check(pack_env, "--format", "json", str(hung), cwd=tmp_path)
    assert "time limit exceeded (2 s, limit time-limit)" in json.loads(res.stdout)[0]["message"]
    res = _check(pack_env, "--format", "json", "--time-limit", "1.5", str(hung), cwd=tmp_path)
    assert "time limit exceeded (1.5 s, limit time-limit)" in json.loads(res.stdout)[0]["message"]


def test_memory_exhaustion_and_a_crash_are_that_files_bl000(tmp_path, pack_env):
    hog = _marked(tmp_path, "a_hog.txt", "内存标记")
    crash = _marked(tmp_path, "b_crash.txt", "崩溃标记")
    good = tmp_path / "c_good.txt"
    shutil.copy(seed("001"), good)
    res = _check(pack_env, "--format", "json", "--memory-limit", "1G", "--jobs", "1",
                 str(hog), str(crash), str(good))
    assert res.returncode == 1, res.stderr
    by_path: dict[str, list] = {}
    for f in json.loads(res.stdout):
        by_path.setdefault(f["path"], []).append(f)
    assert [f["message"] for f in by_path[str(hog)]] == ["检查被中止（memory limit exceeded (1.0 GiB, limit memory-limit)）"]
    assert [f["rule"] for f in by_path[str(crash)]] == ["BL000"]
    assert "worker crashed (signal SIGABRT)" in by_path[str(crash)][0]["message"]
    assert by_path[str(good)] and all(f["rule"] != "BL000" for f in by_path[str(good)])
    assert len(res.stderr.strip().splitlines()) == 2  # one line per stopped file


def test_text_output_still_shows_each_findings_line(tmp_path, pack_env):
    good = tmp_path / "good.txt"
    shutil.copy(seed("000"), good)
    shown = _check(pack_env, str(good)).stdout
    assert "   1752 | " in shown and "“”采购事项" in shown  # the code frame of BL309 on line 1752
    assert shown == _check(pack_env, "--time-limit", "0", "--memory-limit", "0", str(good)).stdout


def test_several_files_give_the_same_output_on_one_or_more_workers(tmp_path, pack_env):
    for s in ("000", "001", "002", "004"):
        shutil.copy(seed(s), tmp_path / f"{s}.txt")
    one = _check(pack_env, "--format", "json", "--jobs", "1", str(tmp_path))
    two = _check(pack_env, "--format", "json", "--jobs", "2", str(tmp_path))
    inline = _check(pack_env, "--format", "json", "--time-limit", "0", "--memory-limit", "0", str(tmp_path))
    assert one.stdout == two.stdout == inline.stdout and json.loads(one.stdout)
    assert one.returncode == two.returncode == inline.returncode == 1


def test_bad_limit_values_are_one_line_errors(tmp_path):
    from linter.config import load_selection
    from linter.model import InputError

    cfg = tmp_path / "budgetlint.toml"
    cfg.write_text("[limits]\ntime-limit = 0\nmemory-limit = '512M'\n", encoding="utf-8")
    limits = load_selection(str(cfg)).limits
    assert (limits.time_limit, limits.memory_limit, limits.hard_stop) == (0, 512 << 20, True)
    for bad, cause in (("time-limit = -1", "limits.time-limit must be a number of seconds, 0 for none"),
                       ("memory-limit = 'lots'", "limits.memory-limit must be a size in bytes"),
                       ("memory-limit = 1.5", "limits.memory-limit must be a size in bytes, 0 for none")):
        cfg.write_text(f"[limits]\n{bad}\n", encoding="utf-8")
        with pytest.raises(InputError, match=cause):
            load_selection(str(cfg))


def test_reading_a_small_text_file_fits_a_small_memory_limit():
    """The .txt reader once asked for 4 x max-document-chars bytes (80 MB) up front for every
    file, so any memory limit under that refused every text file. Reading a seed now adds a
    few MB to its worker."""
    from linter.isolation import run_one
    from linter.limits import Limits
    from linter.readers import read_document

    outcome = run_one(read_document, str(seed("000")), Limits(time_limit=60, memory_limit=24 << 20), start="fork")
    assert outcome.ok, outcome.cause
    assert outcome.value.meta.year == 2023 and len(outcome.value.lines) > 1000

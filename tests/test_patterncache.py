"""linter.patterncache: compiled patterns kept across runs of `check`, safely.

What is checked: a pattern rebuilt from the file behaves as the library's own compile of it;
the file is ignored when its key (library version, Python, format) or its bytes are wrong;
a folder that cannot be written leaves the check as it was, silently; the file never lands
beside the document; and `check`'s output is the same with the cache cold, warm and off.
"""
from __future__ import annotations

import marshal
import os
import subprocess
import sys

import pytest
import regex

from linter import patterncache
from conftest import ROOT, seed

# patterns of the kinds the rules use: groups, named groups, look-behind, \p{Han}, flags, V1
PATTERNS = [
    (r"(?P<year>(?:19|20)\d{2})\s*年度?(?:预算|决算)", 0),
    (r"(?<![\d.])(\d+(?:\.\d+)?)\s*(万元|元|亿元)", 0),
    (r"\p{Han}{2,6}?(?:局|委员会|办公室)", 0),
    (r"(?:较|比)(上年|去年)(增加|减少)([\d.]+)", 0),
    (r"budget\s+(\w+)", regex.IGNORECASE),
    (r"[[\p{Han}]--[的了]]+", regex.V1),
    (r"^\s*[（(][一二三四五六七八九十]+[）)]", regex.MULTILINE),
]
TEXTS = ["2024年度预算收入107.54万元，较上年增加3.2万元。", "县财政局办公室 Budget Total",
         "（三）其他收入的了", "2023年决算支出１２亿元"]


def _behaviour(compiled) -> tuple:
    found = []
    for text in TEXTS:
        found.append([(m.span(), m.groups(), m.groupdict()) for m in compiled.finditer(text)])
        found.append(compiled.sub("#", text))
    return compiled.pattern, compiled.flags, compiled.groups, dict(compiled.groupindex), found


@pytest.fixture
def fresh():
    patterncache.uninstall()
    yield
    patterncache.uninstall()


def _compile_all():
    return [regex.compile(p, f) for p, f in PATTERNS]


def test_rebuilt_patterns_behave_as_compiled(tmp_path, fresh):
    library = [_behaviour(regex.compile(p, f, cache_pattern=False)) for p, f in PATTERNS]
    assert patterncache.install(str(tmp_path))
    first = [_behaviour(c) for c in _compile_all()]
    assert patterncache._cache.new  # compiled by the library, kept for the file
    patterncache._cache.cost = 1.0  # worth a write whatever this machine's speed
    assert patterncache.save()
    patterncache.uninstall()
    assert patterncache.install(str(tmp_path))
    cache = patterncache._cache
    assert all((p, f) in cache.stored for p, f in PATTERNS)
    rebuilt = [_behaviour(c) for c in _compile_all()]
    assert not cache.new  # every one came from the file
    assert rebuilt == first == library
    # a string pattern passed per call is served by the memo, as the same object
    assert regex.compile(PATTERNS[0][0]) is regex.compile(PATTERNS[0][0])
    assert regex.search(PATTERNS[0][0], TEXTS[0]).group("year") == "2024"


def test_same_text_other_flags_is_another_pattern(tmp_path, fresh):
    assert patterncache.install(str(tmp_path))
    plain, folded = regex.compile("budget"), regex.compile("budget", regex.IGNORECASE)
    assert plain is not folded
    assert plain.search("BUDGET") is None and folded.search("BUDGET") is not None


def _written(tmp_path) -> str:
    assert patterncache.install(str(tmp_path))
    _compile_all()
    patterncache._cache.cost = 1.0
    assert patterncache.save()
    path = patterncache._cache.path
    patterncache.uninstall()
    return path


def test_file_of_another_key_is_ignored(tmp_path, fresh, monkeypatch):
    path = _written(tmp_path)
    # another library version (an upgrade): another file name, and the old file's key differs
    monkeypatch.setattr(regex, "__version__", "0.0.0-other", raising=False)
    assert patterncache.install(str(tmp_path))
    assert patterncache._cache.path != path
    assert patterncache._cache.stored == {}
    patterncache.uninstall()
    # the same name with another key inside (e.g. a rebuilt extension of the same version)
    monkeypatch.undo()
    stamp, check, body = marshal.loads(open(path, "rb").read())
    with open(path, "wb") as fh:
        fh.write(marshal.dumps((stamp[:-1] + (-1,), check, body)))
    assert patterncache.install(str(tmp_path))
    assert patterncache._cache.stored == {}
    assert [_behaviour(c) for c in _compile_all()]  # compiled by the library again


@pytest.mark.parametrize("damage", ["cut", "flip", "garbage", "empty"])
def test_damaged_file_is_ignored(tmp_path, fresh, damage):
    path = _written(tmp_path)
    data = open(path, "rb").read()
    data = {"cut": data[: len(data) // 2],
            "flip": data[:-40] + bytes([data[-40] ^ 0xFF]) + data[-39:],
            "garbage": os.urandom(500), "empty": b""}[damage]
    with open(path, "wb") as fh:
        fh.write(data)
    expected = [_behaviour(regex.compile(p, f, cache_pattern=False)) for p, f in PATTERNS]
    assert patterncache.install(str(tmp_path))
    assert patterncache._cache.stored == {}
    assert [_behaviour(c) for c in _compile_all()] == expected
    patterncache._cache.cost = 1.0
    assert patterncache.save()  # and a good file replaces it
    patterncache.uninstall()
    assert patterncache.install(str(tmp_path))
    assert len(patterncache._cache.stored) >= len(PATTERNS)


def test_unwritable_folder_is_silent(tmp_path, fresh):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert patterncache.install(str(blocker / "cache"))  # cannot be created: under a file
    expected = [_behaviour(regex.compile(p, f, cache_pattern=False)) for p, f in PATTERNS]
    assert [_behaviour(c) for c in _compile_all()] == expected
    patterncache._cache.cost = 1.0
    assert patterncache.save() is False
    assert not list(tmp_path.glob("**/*.tmp"))


def test_read_only_folder_is_silent(tmp_path, fresh):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert patterncache.install(str(folder))
        _compile_all()
        patterncache._cache.cost = 1.0
        assert patterncache.save() is False
    finally:
        folder.chmod(0o755)


def test_locale_patterns_are_left_to_the_library(tmp_path, fresh):
    assert patterncache.install(str(tmp_path))
    regex.compile(r"(?L)\w+")
    assert not any("(?L)" in text for text, _ in patterncache._cache.new)


def test_cheap_compiles_do_not_write(tmp_path, fresh):
    assert patterncache.install(str(tmp_path))
    regex.compile("不值得写")  # a document's own name, escaped: far under MIN_SAVING
    assert patterncache._cache.cost < patterncache.MIN_SAVING
    assert patterncache.save() is False
    assert not os.path.exists(patterncache._cache.path)


def test_cache_folder_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BUDGETLINT_CACHE_DIR", "")
    assert patterncache.cache_dir() is None  # off
    monkeypatch.delenv("BUDGETLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert patterncache.cache_dir() == str(tmp_path / "budgetlint")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert patterncache.cache_dir() == str(tmp_path / "home" / ".cache" / "budgetlint")


def _check(document, env: dict) -> subprocess.CompletedProcess:
    """`check` of `document` in a child whose environment is ours with `env` over it (None: unset)."""
    merged = {**os.environ, "PYTHONIOENCODING": "utf-8", **env}
    return subprocess.run([sys.executable, "-m", "linter", "check", "--format", "json", str(document)],
                          capture_output=True, text=True, cwd=str(ROOT),
                          env={k: v for k, v in merged.items() if v is not None})


def test_check_output_same_cold_warm_and_off(tmp_path):
    document = tmp_path / "docs" / "部门预算.txt"
    document.parent.mkdir()
    document.write_bytes(seed("000").read_bytes())
    home = tmp_path / "home"
    env = {"BUDGETLINT_CACHE_DIR": "", "HOME": str(home), "XDG_CACHE_HOME": ""}
    off = _check(document, env)
    env["BUDGETLINT_CACHE_DIR"] = None
    cold = _check(document, env)
    files = list((home / ".cache" / "budgetlint").glob("patterns-*.marshal"))
    assert len(files) == 1 and files[0].stat().st_size > 10_000
    warm = _check(document, env)
    assert off.stdout == cold.stdout == warm.stdout and off.returncode == cold.returncode == warm.returncode
    assert '"rule"' in off.stdout
    assert sorted(p.name for p in document.parent.iterdir()) == ["部门预算.txt"]  # nothing beside it
    assert "Traceback" not in cold.stderr + warm.stderr

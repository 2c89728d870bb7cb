"""Shared test helpers. Tests use only the copies in corpus/, never ../shared."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = sorted((CORPUS / "seeds").glob("*.txt"))
SEED_IDS = [p.stem for p in SEEDS]


def seed(prefix: str, fmt: str = "txt") -> Path:
    folder = {"txt": "seeds", "docx": "docx", "pdf": "pdf"}[fmt]
    matches = sorted((CORPUS / folder).glob(f"{prefix}*.{fmt}"))
    assert matches, f"no corpus file {prefix}*.{fmt}"
    return matches[0]


def mutate(src: Path, tmp_path: Path, old: str, new: str, count: int = 1, name: str | None = None) -> Path:
    """A copy of a .txt corpus document with `old` replaced by `new` (it must occur)."""
    text = src.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {src.name}"
    out = tmp_path / (name or src.name)
    out.write_text(text.replace(old, new, count), encoding="utf-8")
    return out


def check(path, select: str | None = None):
    """Findings for one file through the library (same path as the CLI)."""
    from linter.config import Selection
    from linter.engine import load_rules, run_rules
    from linter.readers import read_document

    sel = Selection()
    if select:
        sel.select = [s for s in select.split(",")]
    doc = read_document(str(path))
    return list(run_rules(doc, load_rules(sel), sel))


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, text=True,
                          cwd=str(cwd or ROOT), env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def cli_json(*args: str) -> list[dict]:
    res = run_cli("check", "--format", "json", *args)
    return json.loads(res.stdout)


@pytest.fixture
def corpus():
    return CORPUS


@pytest.fixture(autouse=True, scope="session")
def _pattern_cache_in_tmp(tmp_path_factory):
    """`check` keeps compiled patterns in the user's cache folder (linter.patterncache): the
    tests' commands, in this process or in a child, keep theirs in a folder of the session."""
    before = os.environ.get("BUDGETLINT_CACHE_DIR")
    os.environ["BUDGETLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("budgetlint-cache"))
    yield
    if before is None:
        del os.environ["BUDGETLINT_CACHE_DIR"]
    else:
        os.environ["BUDGETLINT_CACHE_DIR"] = before

"""The same BL3 findings on a seed whatever its format (.txt, .docx, .pdf)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from linter.engine import Selection, load_rules, run_rules
from linter.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
RULES = ["BL301", "BL302", "BL303", "BL306", "BL307"]


def _found(path):
    sel = Selection(select=RULES)
    doc = read_document(str(path))
    return Counter((f.rule, f.excerpt) for f in run_rules(doc, load_rules(sel), sel))


@pytest.mark.parametrize("stem", ["000_cfc5e1461f5cd4c8", "004_e0f29716db1f2352"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_same_findings_in_every_format(stem, fmt):
    txt = _found(ROOT / "corpus" / "seeds" / f"{stem}.txt")
    other = _found(ROOT / "corpus" / fmt / f"{stem}.{fmt}")
    assert txt, stem
    assert other == txt

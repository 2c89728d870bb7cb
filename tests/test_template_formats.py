"""The same BL3 findings on a seed whatever its format (.txt, .docx, .pdf): every rule of the
family, on all five seeds. Findings are compared by rule and excerpt (line numbers differ
between the text dump and the readers' text views)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from linter.engine import Selection, load_rules, run_rules
from linter.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
STEMS = sorted(p.stem for p in (ROOT / "corpus" / "seeds").glob("*.txt"))


def _found(path):
    sel = Selection(select=["BL3"])
    doc = read_document(str(path))
    return Counter((f.rule, f.excerpt) for f in run_rules(doc, load_rules(sel), sel))


def test_every_seed_has_all_formats():
    assert len(STEMS) == 5
    for stem in STEMS:
        for fmt in ("docx", "pdf"):
            assert (ROOT / "corpus" / fmt / f"{stem}.{fmt}").exists(), (stem, fmt)


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_same_findings_in_every_format(stem, fmt):
    txt = _found(ROOT / "corpus" / "seeds" / f"{stem}.txt")
    other = _found(ROOT / "corpus" / fmt / f"{stem}.{fmt}")
    assert txt, stem  # every seed has BL3 findings: the comparison is not vacuous
    assert other == txt, (sorted((txt - other).elements()), sorted((other - txt).elements()))

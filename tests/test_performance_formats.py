"""The BL4 family finds the same defects in the .docx and .pdf renderings of the seeds as in
their .txt dumps (the readers differ; the model reads tables by their labels)."""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import check, seed

from linter.readers import read_document

KEY_DEFECTS = {
    "001": [("BL402", "11.81万元"), ("BL404", "1000元")],
    "002": [("BL410", "99.99%"), ("BL411", "100%"), ("BL412", "10")],
    "003": [("BL406", "涉冀舆情监测覆盖率")],
}


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_same_findings_in_every_format(name, fmt):
    txt = check(seed(name), select="BL4")
    other = check(seed(name, fmt), select="BL4")
    assert Counter(f.rule for f in other) == Counter(f.rule for f in txt), \
        [(f.rule, f.line, f.excerpt) for f in other]
    found = Counter((f.rule, f.excerpt) for f in other)
    for key, n in Counter(KEY_DEFECTS.get(name, [])).items():
        assert found[key] >= n, (key, found)
    doc = read_document(str(seed(name, fmt)))
    for f in other:
        # every finding points at its excerpt in that format's text view
        assert doc.line(f.line).text[f.column - 1:f.end_column - 1] == f.excerpt, (f.rule, f.line, f.excerpt)

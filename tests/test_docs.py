"""The documentation's examples are run, so the Document API page shows what the code does."""
from __future__ import annotations

import doctest

from conftest import ROOT


def test_authoring_page_examples_run():
    result = doctest.testfile(str(ROOT / "docs" / "authoring.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 10 and result.failed == 0

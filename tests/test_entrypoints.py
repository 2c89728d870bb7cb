"""linter.entrypoints reads the same entry points as importlib.metadata, without its import."""
import subprocess
import sys
from importlib.metadata import entry_points as metadata_entry_points

import pytest

from linter.entrypoints import _sections, entry_points


@pytest.mark.parametrize("group", ["budgetlint.rules", "budgetlint.vocabulary", "console_scripts", "pytest11"])
def test_same_entry_points_as_importlib_metadata(group):
    ours = sorted((ep.name, ep.value, ep.dist_name) for ep in entry_points(group))
    theirs = sorted((ep.name, ep.value, ep.dist.name) for ep in metadata_entry_points(group=group))
    assert ours == theirs
    assert group != "budgetlint.rules" or ("BL1", "rules.arithmetic:load", "budgetlint") in ours


def test_distribution_loaded_only_when_asked():
    ep = next(ep for ep in entry_points("budgetlint.rules") if ep.name == "BL1")
    assert ep.dist.name == "budgetlint" and ep.dist.version
    code = ("import sys; from linter.engine import select_rules; select_rules(); "
            "print('importlib.metadata' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.stdout.strip() == "False", res.stderr


def test_sections_of_entry_points_txt():
    text = "[budgetlint.rules]\nXP = xpack:load\n# note\n\n[console_scripts]\nx = a.b:c\n"
    assert _sections(text) == {"budgetlint.rules": [("XP", "xpack:load")], "console_scripts": [("x", "a.b:c")]}

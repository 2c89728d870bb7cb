"""The vocabulary in linter/data is the vocabulary the code uses: every key of a data file is
read by some code, and every data file is read. A key nothing reads misleads the rule author
who extends it (they add wording and nothing changes)."""
import json
import re

import pytest

from conftest import ROOT

DATA = ROOT / "linter" / "data"
CODE = "\n".join(p.read_text(encoding="utf-8") for folder in ("linter", "rules")
                 for p in sorted((ROOT / folder).rglob("*.py")))

# Maps whose keys are vocabulary entries, iterated by the code rather than read by name (the
# table kinds, the items): their own keys are not checked, the keys inside each entry are.
ENTRY_MAPS = {
    "table_kinds.json": [("kinds",)],
    "rule_titles.json": [("titles",)],
}
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _keys(node, entry_maps=(), path=()):
    """(path, key) of every key a code might read by name: identifier-like keys (a Chinese key
    is an entry: 政府性基金, 部门 …), not the _doc notes."""
    if isinstance(node, dict):
        entries = path in entry_maps
        for key, value in node.items():
            if not entries and IDENTIFIER.fullmatch(key) and not key.startswith("_"):
                yield path, key
            yield from _keys(value, entry_maps, path + (key,))
    elif isinstance(node, list):
        for value in node:
            yield from _keys(value, entry_maps, path)


def _read(key: str) -> bool:
    return re.search(r"""["']%s["']""" % re.escape(key), CODE) is not None


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.json")))
def test_every_key_of_a_data_file_is_read_by_the_code(name):
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    unread = sorted({"/".join(path + (key,)) for path, key in _keys(data, ENTRY_MAPS.get(name, ())) if not _read(key)})
    assert unread == [], f"{name}: keys no code reads (use them or delete them): {unread}"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_every_line_file_is_read_by_the_code(name):
    assert _read(name), f"{name}: no code reads this data file"


def test_the_entry_kinds_of_line_files_are_the_kinds_their_reader_handles():
    # region_neighbour_words.txt: '> X words' (words starting with X) and '< X words' (ending with X)
    lines = [ln for ln in (DATA / "region_neighbour_words.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    kinds = {ln.split(" ", 1)[0] for ln in lines}
    assert kinds == {"<", ">"}
    assert all(_read(k) for k in kinds)


def test_a_key_nothing_reads_fails_the_check():
    found = list(_keys({"_doc": "notes", "read_by_nobody_xyz": [1], "部门": {"fixed_terms": []}}))
    assert ("read_by_nobody_xyz" in [k for _, k in found]) and not _read("read_by_nobody_xyz")
    assert "部门" not in [k for _, k in found] and "_doc" not in [k for _, k in found]


def test_no_data_file_repeats_a_key():
    """json keeps the last of two equal keys, so a repeated key silently drops the first value
    (or the first key's documentation)."""
    import glob
    import json
    import os

    data = os.path.join(os.path.dirname(__file__), "..", "linter", "data")
    repeated = []

    def keys_once(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        return dict(pairs)

    for path in sorted(glob.glob(os.path.join(data, "*.json"))):
        with open(path, encoding="utf-8") as f:
            json.load(f, object_pairs_hook=keys_once)
    assert repeated == []

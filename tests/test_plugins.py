"""A third-party rule pack registers through the `budgetlint.rules` entry-point group and
runs beside the built-in rules, without forking: a real distribution on sys.path."""
import json
import os
import subprocess
import sys
import textwrap

from conftest import ROOT, seed

PACK = textwrap.dedent('''
    """A province's extra check, shipped as its own package."""
    from linter.engine import Rule
    from linter.structure import content


    class TitleMissingYear(Rule):
        """The document title does not say which year it is for.

        *What it does*: flags a first line without a four-digit year.

        *Why it matters*: the province requires the year in every title.

        *Bad*:
            部门预算收支总表

        *Good*:
            2025年部门预算收支总表
        """

        code = "XP101"
        name = "title-missing-year"
        severity = "warning"

        def check(self, doc):
            first = next(doc.text_lines(), None)
            text = content(first) if first is not None else ""
            if first is not None and not any(ch.isdigit() for ch in text):
                start = len(text) - len(text.lstrip())
                yield self.at_span(doc, first.number, start, len(text.rstrip()), "标题未写明年度")


    def load():
        return [TitleMissingYear]
''')


def _install_pack(tmp_path):
    pkg = tmp_path / "provincepack"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(PACK, encoding="utf-8")
    dist = tmp_path / "provincepack-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: provincepack\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[budgetlint.rules]\nXP1 = provincepack:load\n", encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}


def _run(env, *args):
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, text=True,
                          cwd=str(ROOT), env=env)


def test_third_party_pack_is_discovered_documented_and_run(tmp_path):
    env = _install_pack(tmp_path)
    assert "XP101" in _run(env, "rules").stdout
    assert "*Why it matters*" in _run(env, "rule", "XP101").stdout
    res = _run(env, "check", "--format", "json", "--select", "XP1", str(seed("000")))
    found = json.loads(res.stdout)
    assert [f["rule"] for f in found] == ["XP101"] and found[0]["line"] == 1


def test_pack_not_selected_is_not_imported(tmp_path):
    env = _install_pack(tmp_path)
    (tmp_path / "provincepack" / "__init__.py").write_text("raise SystemExit('imported')\n", encoding="utf-8")
    res = _run(env, "check", "--format", "json", "--select", "BL1", str(seed("004")))
    assert "imported" not in res.stderr and res.returncode in (0, 1)
    assert all(f["rule"].startswith("BL1") for f in json.loads(res.stdout))

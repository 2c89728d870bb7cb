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
            text = first.text if first is not None else ""
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
    assert "*为什么重要*" in _run(env, "rule", "XP101").stdout  # headings shown in Chinese
    res = _run(env, "check", "--format", "json", "--select", "XP1", str(seed("000")))
    found = json.loads(res.stdout)
    assert [f["rule"] for f in found] == ["XP101"] and found[0]["line"] == 1


def test_pack_not_selected_is_not_imported(tmp_path):
    env = _install_pack(tmp_path)
    (tmp_path / "provincepack" / "__init__.py").write_text("raise SystemExit('imported')\n", encoding="utf-8")
    res = _run(env, "check", "--format", "json", "--select", "BL1", str(seed("004")))
    assert "imported" not in res.stderr and res.returncode in (0, 1)
    assert all(f["rule"].startswith("BL1") for f in json.loads(res.stdout))


def _pack(tmp_path, name="provincepack", prefix="XP1", code="XP101", requires=None, vocabulary=None):
    """A pack distribution on a folder of sys.path: one rule, optional vocabulary files."""
    pkg = tmp_path / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text(PACK.replace("XP101", code), encoding="utf-8")
    eps = f"[budgetlint.rules]\n{prefix} = {name}:load\n"
    if vocabulary:
        (pkg / "vocabulary").mkdir()
        (pkg / "vocabulary" / "__init__.py").write_text("", encoding="utf-8")
        for fname, text in vocabulary.items():
            (pkg / "vocabulary" / fname).write_text(text, encoding="utf-8")
        eps += f"[budgetlint.vocabulary]\n{name} = {name}.vocabulary\n"
    dist = tmp_path / f"{name}-0.1.dist-info"
    dist.mkdir()
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n"
    if requires:
        meta += f"Requires-Dist: budgetlint{requires}\n"
    (dist / "METADATA").write_text(meta, encoding="utf-8")
    (dist / "entry_points.txt").write_text(eps, encoding="utf-8")


def _env(tmp_path):
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}


def test_installed_pack_runs_by_default_beside_the_builtin_rules(tmp_path):
    _pack(tmp_path)
    env = _env(tmp_path)
    res = _run(env, "check", "--format", "json", str(seed("000")))
    rules = {f["rule"] for f in json.loads(res.stdout)}
    assert "XP101" in rules and any(r.startswith("BL") for r in rules)
    listed = {c["code"]: c["pack"] for c in json.loads(_run(env, "rules", "--format", "json").stdout)}
    assert listed["XP101"] == "provincepack" and listed["BL101"] == "budgetlint"


def test_extend_select_adds_to_a_narrowed_selection(tmp_path):
    _pack(tmp_path)
    env = _env(tmp_path)
    res = _run(env, "check", "--format", "json", "--select", "BL3", "--extend-select", "XP1", str(seed("000")))
    rules = {f["rule"] for f in json.loads(res.stdout)}
    assert "XP101" in rules and rules <= {"XP101"} | {r for r in rules if r.startswith("BL3")}
    (tmp_path / "budgetlint.toml").write_text('select = ["BL3"]\nextend-select = ["XP"]\nextend-ignore = ["BL302"]\n',
                                              encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "json", str(seed("000"))],
                         capture_output=True, text=True, cwd=str(tmp_path), env=env)
    rules = {f["rule"] for f in json.loads(res.stdout)}
    assert "XP101" in rules and "BL302" not in rules and all(r.startswith(("BL3", "XP")) for r in rules)


def test_colliding_pack_prefixes_are_one_clear_error(tmp_path):
    _pack(tmp_path, "provincepack", "XP1", "XP101")
    _pack(tmp_path, "otherpack", "XP", "XP201")
    res = _run(_env(tmp_path), "check", str(seed("000")))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert "collides" in res.stderr and "otherpack" in res.stderr and "provincepack" in res.stderr


def test_a_pack_for_another_budgetlint_version_is_one_line(tmp_path):
    _pack(tmp_path, requires=">=99.0")
    res = _run(_env(tmp_path), "check", str(seed("000")))
    assert res.returncode == 2 and "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert "supports budgetlint >=99.0" in res.stderr
    supported = tmp_path / "supported"
    supported.mkdir()
    _pack(supported, requires=">=0.1,<99")
    res = _run(_env(supported), "check", "--format", "json", str(seed("000")))
    assert res.returncode == 1 and "XP101" in {f["rule"] for f in json.loads(res.stdout)}


def test_a_rule_whose_code_is_outside_its_pack_prefix_is_refused(tmp_path):
    _pack(tmp_path, prefix="XP1", code="BL999")
    res = _run(_env(tmp_path), "check", str(seed("000")))
    assert res.returncode == 2 and "BL999" in res.stderr and "prefix XP1" in res.stderr


def test_pack_vocabulary_extends_typos_and_table_aliases(tmp_path):
    doc = tmp_path / "draft.txt"
    doc.write_text("某某县财政局2025年部门预算公开\n一、部门职责\n负责本县财政收支管理和会计监理工作。\n\n"
                   "县本级财力收支一览\n单位：万元\n| 收入项目 | 预算数 | 支出项目 | 预算数 |\n|---|---|---|---|\n"
                   "| 一般公共预算拨款收入 | 10.00 | 一般公共服务支出 | 10.00 |\n| 收入总计 | 10.00 | 支出总计 | 10.00 |\n",
                   encoding="utf-8")
    before = _run(_env(tmp_path), "check", "--format", "json", "--select", "BL306", str(doc))
    assert json.loads(before.stdout) == []
    kinds_before = json.loads(_run(_env(tmp_path), "extract", "--format", "json", str(doc)).stdout)
    assert kinds_before["tables"][0]["kind"] == "generic"
    _pack(tmp_path, vocabulary={
        "confusables.txt": "# a province's own typo pair\n会计监理\t会计监督\n",
        "table_kinds.json": json.dumps({"kinds": {"budget_summary": {"aliases": ["本级财力收支一览"]}}},
                                       ensure_ascii=False)})
    env = _env(tmp_path)
    found = json.loads(_run(env, "check", "--format", "json", "--select", "BL306", str(doc)).stdout)
    assert [(f["rule"], f["excerpt"]) for f in found] == [("BL306", "会计监理")]
    assert json.loads(_run(env, "extract", "--format", "json", str(doc)).stdout)["tables"][0]["kind"] == "budget_summary"
    shown = _run(env, "extract", "--vocabulary").stdout
    assert "会计监理\t会计监督  <- provincepack" in shown
    assert 'kinds.budget_summary.aliases["本级财力收支一览"]  <- provincepack' in shown


def test_a_pack_whose_dependency_is_missing_says_how_to_mend_it(tmp_path):
    _pack(tmp_path)
    init = tmp_path / "provincepack" / "__init__.py"
    init.write_text("import a_dependency_never_installed\n" + init.read_text(encoding="utf-8"), encoding="utf-8")
    res = _run(_env(tmp_path), "check", str(seed("000")))
    assert res.returncode == 2 and "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert "a_dependency_never_installed" in res.stderr and "reinstall provincepack" in res.stderr

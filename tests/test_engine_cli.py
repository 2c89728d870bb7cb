import json

from conftest import ROOT, cli_json, mutate, run_cli, seed


def test_check_text_output_and_exit_codes(tmp_path):
    bad = mutate(seed("000"), tmp_path, "\t91.04\n\t91.04\n\t91.04", "\t91.04\n\t91.04\n\t90.04")
    res = run_cli("check", str(bad))
    assert res.returncode == 1
    assert f"{bad}:" in res.stdout and "BL101" in res.stdout


def test_exit_zero_and_select(tmp_path):
    bad = mutate(seed("000"), tmp_path, "\t91.04\n\t91.04\n\t91.04", "\t91.04\n\t91.04\n\t90.04")
    assert run_cli("check", "--exit-zero", str(bad)).returncode == 0
    assert run_cli("check", "--select", "BL3", str(bad)).stdout.count("BL101") == 0


def test_json_contract(tmp_path):
    bad = mutate(seed("000"), tmp_path, "\t91.04\n\t91.04\n\t91.04", "\t91.04\n\t91.04\n\t90.04")
    findings = cli_json(str(bad))
    f = [f for f in findings if f["rule"] == "BL101"][0]
    assert set(f) == {"path", "rule", "name", "severity", "message", "line", "column", "end_line",
                      "end_column", "page", "excerpt", "related", "suggestion", "location"}
    assert f["page"] is None and f["related"] and set(f["related"][0]) == {"line", "page", "excerpt", "note", "location"}


def test_unreadable_file_does_not_stop_the_run(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip", encoding="utf-8")
    good = seed("004")
    res = run_cli("check", "--format", "json", str(empty), str(fake), str(good))
    assert res.returncode == 1  # the unreadable draft is an error finding (BL000); the run went on
    stderr = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert any(str(empty) in ln and "empty" in ln for ln in stderr)
    assert any(str(fake) in ln for ln in stderr)
    assert "Traceback" not in res.stderr
    findings = json.loads(res.stdout)
    assert {f["path"] for f in findings if f["rule"] == "BL000"} == {str(empty), str(fake)}


def test_directory_is_recursed():
    res = run_cli("check", "--format", "json", "--exit-zero", str(ROOT / "corpus" / "seeds"))
    assert res.returncode == 0, res.stderr


def test_rules_and_rule_docs():
    res = run_cli("rules")
    assert "BL101" in res.stdout
    doc = run_cli("rule", "BL101").stdout
    for heading in ("*作用*", "*为什么重要*", "*错误示例*", "*正确示例*"):
        assert heading in doc


def test_config_file_ignores_and_overrides(tmp_path):
    bad = mutate(seed("000"), tmp_path, "\t91.04\n\t91.04\n\t91.04", "\t91.04\n\t91.04\n\t90.04")
    (tmp_path / "budgetlint.toml").write_text('ignore = ["BL101"]\n', encoding="utf-8")
    res = run_cli("check", "--format", "json", str(bad), cwd=tmp_path)
    assert not [f for f in json.loads(res.stdout) if f["rule"] == "BL101"]
    (tmp_path / "budgetlint.toml").write_text('select = ["BL1"]\n[severity]\nBL1 = "info"\n', encoding="utf-8")
    res = run_cli("check", "--format", "json", str(bad), cwd=tmp_path)
    found = [f for f in json.loads(res.stdout) if f["rule"] == "BL101"]
    assert found and all(f["severity"] == "info" for f in found)
    assert res.returncode == 0
    (tmp_path / "budgetlint.toml").write_text('[per-file-ignores]\n"000_*.txt" = ["BL1"]\n', encoding="utf-8")
    res = run_cli("check", "--format", "json", str(bad), cwd=tmp_path)
    assert not [f for f in json.loads(res.stdout) if f["rule"].startswith("BL1")]


def _located(path, findings):
    """Every single-line finding's excerpt is the text between its columns (1-based, end
    exclusive) in the document's text view."""
    from linter.readers import read_document

    doc = read_document(str(path))
    wrong = [(f.rule, f.line, f.column, f.end_column, f.excerpt) for f in findings if f.end_line == f.line
             and doc.line(f.line).text[f.column - 1:f.end_column - 1] != f.excerpt]
    assert not wrong, wrong


def test_finding_on_a_blank_or_indented_cell_is_located(tmp_path):
    from conftest import check

    # 201 一般公共服务支出: 合计 left blank (the 类 row against its 款 rows), 基本支出 indented
    blank = mutate(seed("000"), tmp_path, "\t201\n\t一般公共服务支出\n\t91.04\n\t91.04",
                   "\t201\n\t一般公共服务支出\n\t\n\t  91.04", name="blank.txt")
    found = check(blank, "BL1")
    assert any(f.rule == "BL101" and f.line == 286 for f in found)
    _located(blank, found)
    indented = mutate(seed("000"), tmp_path, "\t20137\n\t网信事务\n\t91.04", "\t20137\n\t网信事务\n\t  90.04",
                      name="indented.txt")
    found = check(indented, "BL1")
    assert found
    _located(indented, found)


def test_a_failing_rule_does_not_stop_the_other_rules(tmp_path, monkeypatch, capsys):
    from linter import cli, engine

    class Broken(engine.Rule):
        """Fails on every document."""
        code, name = "BL001", "broken-rule"

        def check(self, doc):
            raise RuntimeError("boom")

    real = engine.select_rules

    def with_broken(selection=None):
        rules, unknown = real(selection)
        return [Broken()] + rules, unknown

    monkeypatch.setattr(engine, "select_rules", with_broken)
    bad = mutate(seed("000"), tmp_path, "\t91.04\n\t91.04\n\t91.04", "\t91.04\n\t91.04\n\t90.04")
    assert cli.main(["check", "--format", "json", str(bad)]) == 2
    out = capsys.readouterr()
    assert any(f["rule"] == "BL101" for f in json.loads(out.out))
    errors = [ln for ln in out.err.splitlines() if ln.strip()]
    assert len(errors) == 1 and "BL001" in errors[0] and "boom" in errors[0]


def test_extract_reports_a_reader_failure_in_one_line(monkeypatch, capsys):
    from linter import cli, readers

    def broken(path, limits=None):
        raise ValueError("bad xref")

    monkeypatch.setattr(readers, "read_document", broken)
    assert cli.main(["extract", str(seed("000"))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad xref" in err


def test_config_values_of_the_wrong_type_are_read_or_refused_in_one_line(tmp_path):
    bad = mutate(seed("000"), tmp_path, "\t91.04\n\t91.04\n\t91.04", "\t91.04\n\t91.04\n\t90.04")
    config = tmp_path / "budgetlint.toml"
    config.write_text('select = "BL1"\n', encoding="utf-8")  # one code, not a list of characters
    res = run_cli("check", "--format", "json", str(bad), cwd=tmp_path)
    rules = {f["rule"] for f in json.loads(res.stdout)}
    assert "BL101" in rules and all(r.startswith("BL1") for r in rules)
    for text in ('severity = "error"\n', 'ignore = [1]\n', '[per-file-ignores]\n"*.txt" = 3\n',
                 'options = ["BL101"]\n', 'selct = ["BL1"]\n'):
        config.write_text(text, encoding="utf-8")
        res = run_cli("check", str(bad), cwd=tmp_path)
        assert res.returncode == 2 and "Traceback" not in res.stderr, text
        assert len(res.stderr.strip().splitlines()) == 1 and "configuration" in res.stderr, text
    config.write_bytes('ignore = ["BL101"]  # 忽略\n'.encode("gb18030"))
    res = run_cli("check", str(bad), cwd=tmp_path)
    assert res.returncode == 2 and "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_per_file_ignores_globs_are_relative_to_the_configuration(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    bad = mutate(seed("000"), drafts, "\t91.04\n\t91.04\n\t91.04", "\t91.04\n\t91.04\n\t90.04")
    for pattern in ("drafts/*.txt", "drafts/", "**/drafts/*", "000_*.txt"):
        (tmp_path / "budgetlint.toml").write_text(f'[per-file-ignores]\n"{pattern}" = ["BL1"]\n', encoding="utf-8")
        for cwd, arg in ((tmp_path, "."), (tmp_path, str(bad)), (drafts, bad.name)):
            res = run_cli("check", "--format", "json", arg, cwd=cwd)
            assert not [f for f in json.loads(res.stdout) if f["rule"].startswith("BL1")], (pattern, arg)
    (tmp_path / "budgetlint.toml").write_text('[per-file-ignores]\n"other/*.txt" = ["BL1"]\n', encoding="utf-8")
    res = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert [f for f in json.loads(res.stdout) if f["rule"] == "BL101"]


def test_rules_lists_a_rule_without_a_docstring(monkeypatch, capsys):
    from linter import cli, engine

    class Bare(engine.Rule):
        code, name = "XP999", "bare-rule"

    monkeypatch.setattr(engine, "all_rule_classes", lambda errors=None: [Bare])
    for fmt in ("text", "json"):
        assert cli.main(["rules", "--format", fmt]) == 0
        assert "XP999" in capsys.readouterr().out


def test_a_selector_that_names_no_rule_is_a_usage_error(tmp_path):
    bad = mutate(seed("000"), tmp_path, "\t91.04\n\t91.04\n\t91.04", "\t91.04\n\t91.04\n\t90.04")
    res = run_cli("check", "--select", "BL1O1", str(bad))  # a letter O for a zero: nothing would run
    assert res.returncode == 2 and "BL1O1" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    (tmp_path / "budgetlint.toml").write_text('select = ["BL9"]\n', encoding="utf-8")
    assert run_cli("check", str(bad), cwd=tmp_path).returncode == 2
    assert run_cli("check", "--select", "BL101,BL2", str(bad)).returncode == 1


def test_text_output_underlines_the_whole_flagged_text():
    from linter.findings import Finding
    from linter.render import render_text

    f = Finding(rule="BL303", name="x", severity="warning", message="m", line=1, column=3, end_line=1,
                end_column=6, excerpt="县场。", path="a.txt")
    shown, marks = render_text([f], {"a.txt": {1: "服务县场。ab"}}).splitlines()[1:3]
    assert marks.endswith("|     ^^^^^^")  # 服务 is four columns wide, 县场。 six


def test_directory_walk_skips_office_lock_and_hidden_files(tmp_path):
    import shutil

    shutil.copy(seed("004"), tmp_path / "a.txt")
    (tmp_path / "~$a.docx").write_bytes(b"\x05owner" + b"\x00" * 156)  # Word's lock file beside an open .docx
    (tmp_path / ".a.txt.swp.txt").write_bytes(b"\x00\x01")
    res = run_cli("check", "--format", "json", "--exit-zero", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert {f["path"] for f in json.loads(res.stdout)} <= {str(tmp_path / "a.txt")}
    # named explicitly, a file is read whatever its name
    assert run_cli("check", str(tmp_path / "~$a.docx")).returncode == 1  # unreadable: a BL000 error finding


def test_a_rule_pack_that_cannot_load_is_one_line_not_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    pkg = tmp_path / "brokenpack"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("def load():\n    import no_such_dependency\n", encoding="utf-8")
    dist = tmp_path / "brokenpack-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: brokenpack\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[budgetlint.rules]\nXB1 = brokenpack:load\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, text=True, env=env,
                              cwd=str(tmp_path))

    res = run("check", "--select", "XB1", str(seed("004")))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "XB1" in res.stderr and "no_such_dependency" in res.stderr
    assert run("check", "--select", "BL", "--exit-zero", str(seed("004"))).returncode == 0  # not selected: never imported
    res = run("check", "--exit-zero", str(seed("004")))  # installed packs run by default
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and "XB1" in res.stderr
    res = run("rules")
    assert res.returncode == 2 and "BL101" in res.stdout and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_the_most_specific_selector_decides_as_in_ruff():
    from linter.engine import Selection

    narrowed = Selection(select=["BL309"], ignore=["BL3"])
    assert narrowed.enabled("BL309") and not narrowed.enabled("BL301")
    widened = Selection(select=["BL3"], ignore=["BL309"])
    assert widened.enabled("BL301") and not widened.enabled("BL309")
    everything = Selection(ignore=["BL3"], extend_select=["BL306"])
    assert everything.enabled("BL306") and not everything.enabled("BL304") and everything.enabled("BL201")
    assert not Selection(select=["BL3"], ignore=["BL3"]).enabled("BL301")  # a tie: the ignore wins
    assert not Selection(select=["BL2"]).enabled("BL301")


def test_select_a_rule_of_an_ignored_family_on_the_command_line():
    found = cli_json(str(seed("000")), "--select", "BL303", "--ignore", "BL3")
    assert found and {f["rule"] for f in found} == {"BL303"}


def test_bl000_is_documented_and_selectable(tmp_path):
    page = run_cli("rule", "BL000")
    assert page.returncode == 0 and page.stdout.startswith("## BL000 unreadable-input")
    assert "BL000" in run_cli("rules").stdout.splitlines()[0]
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    res = run_cli("check", "--format", "json", "--select", "BL000", str(seed("000")), str(junk))
    found = json.loads(res.stdout)
    assert res.returncode == 1 and [(f["rule"], f["path"]) for f in found] == [("BL000", str(junk))]


def test_every_rule_has_a_chinese_title_and_no_title_names_a_rule_that_is_not_there():
    import re

    from linter.engine import all_rule_classes
    from linter.vocab import load_json

    classes = all_rule_classes()
    titles = load_json("rule_titles.json")["titles"]
    builtin = {c.code for c in classes if c.source == "budgetlint"}
    assert builtin <= set(titles) and set(titles) <= {c.code for c in classes}
    assert all(re.search(r"[\u4e00-\u9fff]", titles[code]) for code in builtin)
    listing = run_cli("rules").stdout
    assert all(titles[code] in listing for code in builtin)
    page = run_cli("rule", "BL201").stdout
    assert f"**{titles['BL201']}**" in page

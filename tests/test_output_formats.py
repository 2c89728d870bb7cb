"""One renderer per format over the same findings: SARIF 2.1.0 (validated against the
official schema), GitHub Actions annotations, JUnit XML; --output-file; --fail-on; what the
pre-commit hook lints; empty and unreadable drafts."""
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, cli_json, mutate, run_cli, seed

SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
OLD, NEW = "\t91.04\n\t91.04\n\t91.04", "\t91.04\n\t91.04\n\t90.04"


@pytest.fixture
def files(tmp_path):
    bad = mutate(seed("000"), tmp_path, OLD, NEW)
    empty = tmp_path / "notes.txt"
    empty.write_text("", encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    return [bad, seed("003", "docx"), seed("000", "pdf"), empty, broken]


def test_sarif_is_valid_against_the_official_schema(files, tmp_path):
    out = tmp_path / "report.sarif"
    res = run_cli("check", "--format", "sarif", "--output-file", str(out), *map(str, files))
    assert res.stdout == "" and res.returncode == 1
    log = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    findings = cli_json("--exit-zero", *map(str, files))
    results = log["runs"][0]["results"]
    assert len(results) == len(findings) > 10
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for r, f in zip(results, findings):
        assert r["ruleId"] == f["rule"] and rules[r["ruleIndex"]]["id"] == f["rule"]
        assert r["level"] == {"error": "error", "warning": "warning", "info": "note"}[f["severity"]]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == f["line"] and r["message"]["text"].startswith(f["message"])
        assert len(r.get("relatedLocations", [])) == len(f["related"])


def test_github_annotations_one_line_per_finding(files):
    res = run_cli("check", "--format", "github", *map(str, files))
    findings = cli_json("--exit-zero", *map(str, files))
    lines = res.stdout.splitlines()
    assert len(lines) == len(findings)
    pattern = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+(,endColumn=\d+)?,title=BL\d{3} [^:]+::.+$")
    for ln, f in zip(lines, findings):
        assert pattern.match(ln), ln
        assert ln.startswith("::" + {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]])
        assert f"line={f['line']}," in ln and "\n" not in ln


def test_junit_one_case_per_file_failed_by_its_findings(files, tmp_path):
    out = tmp_path / "junit.xml"
    run_cli("check", "--format", "junit", "--output-file", str(out), *map(str, files))
    root = ET.parse(out).getroot()
    cases = root.findall(".//testcase")
    assert [c.get("name") for c in cases] == [str(f) for f in files]
    findings = cli_json("--exit-zero", *map(str, files))
    for case in cases:
        mine = [f for f in findings if f["path"] == case.get("name")]
        failing = [f for f in mine if f["severity"] in ("error", "warning")]  # the default --fail-on warning
        assert [x.get("type") for x in case.findall("failure")] == [f["rule"] for f in failing]
        quiet = case.find("system-out")
        assert (quiet is not None) == (len(failing) < len(mine))
    assert int(root.get("failures")) == sum(1 for c in cases if c.findall("failure"))


def test_junit_is_red_exactly_when_the_exit_status_is(tmp_path):
    """--fail-on error: warnings are no failures in the XML either; an empty draft (a BL000
    notice) passes."""
    empty = tmp_path / "notes.txt"
    empty.write_text("  \n", encoding="utf-8")
    out = tmp_path / "junit.xml"
    path = seed("002")
    res = run_cli("check", "--format", "junit", "--fail-on", "error", "--output-file", str(out), str(path), str(empty))
    root = ET.parse(out).getroot()
    errors = [f for f in cli_json("--exit-zero", str(path)) if f["severity"] == "error"]
    assert (res.returncode == 1) == bool(errors) == (int(root.get("failures")) > 0)
    by_name = {c.get("name"): c for c in root.findall(".//testcase")}
    assert not by_name[str(empty)].findall("failure") and "BL000" in by_name[str(empty)].find("system-out").text
    assert [x.get("type") for x in by_name[str(path)].findall("failure")] == [f["rule"] for f in errors]


def test_fail_on_threshold_and_empty_or_unreadable_drafts(tmp_path):
    empty = tmp_path / "notes.txt"
    empty.write_text("  \n", encoding="utf-8")
    res = run_cli("check", "--format", "json", str(empty))
    (finding,) = json.loads(res.stdout)
    assert finding["rule"] == "BL000" and finding["severity"] == "info" and res.returncode == 0
    assert run_cli("check", "--fail-on", "info", str(empty)).returncode == 1
    broken = tmp_path / "draft.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    res = run_cli("check", str(broken))
    assert res.returncode == 1 and "BL000 [错误]" in res.stdout and "Traceback" not in res.stderr
    # a document with warnings only: blocks at warning, passes at error
    text = "平乡县财政局2025年部门预算公开\n一、部门职责\n负责全县互联网舆情服务县场监管。\n"
    warned = tmp_path / "warned.txt"
    warned.write_text(text, encoding="utf-8")
    severities = {f["severity"] for f in cli_json(str(warned))}
    assert severities == {"warning"}
    assert run_cli("check", str(warned)).returncode == 1
    assert run_cli("check", "--fail-on", "error", str(warned)).returncode == 0


def test_output_file_that_cannot_be_written_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    res = run_cli("check", "--format", "sarif", "--output-file", str(blocker / "r.sarif"), str(seed("004")))
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) <= 2 and "Traceback" not in res.stderr


def _hook() -> dict:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    return {k: v.strip() for k, v in re.findall(r"^\s+(files|exclude|entry|args): (.+)$", text, re.M)}


@pytest.mark.parametrize("name,linted", [
    ("drafts/2025年部门预算.docx", True), ("2025/单位决算.pdf", True), ("草稿/说明.md", True), ("a.txt", True),
    ("README.md", False), ("drafts/readme.txt", False), ("notes.txt", False), ("NOTES.md", False),
    ("notes/2025-01-02.md", False), ("docs/how-to.md", False), ("CHANGELOG.md", False), ("~$部门预算.docx", False),
    ("drafts/notes_for_review.txt", False), ("drafts/banknotes.txt", True), ("budget.xlsx", False),
])
def test_pre_commit_hook_lints_drafts_not_readme_or_notes(name, linted):
    hook = _hook()
    chosen = bool(re.search(hook["files"], name)) and not re.search(hook["exclude"], name)
    assert chosen == linted
    assert hook["entry"] == "budgetlint check" and "--fail-on" in hook["args"]


def test_documented_github_workflow_runs_real_commands():
    from linter.cli import build_parser

    workflow = (ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8")
    commands = re.findall(r"run: (budgetlint .+)$", workflow, re.M)
    assert len(commands) >= 2
    for cmd in commands:
        args = build_parser().parse_args(cmd.split()[1:])
        assert args.format in ("sarif", "github")


def test_lsp_without_pygls_says_how_to_install_it():
    import subprocess
    import sys

    code = "import sys; sys.modules['pygls'] = None; from linter.cli import main; sys.exit(main(['lsp']))"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert res.returncode == 2 and "budgetlint[lsp]" in res.stderr and "Traceback" not in res.stderr

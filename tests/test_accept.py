"""Accepting a finding: a baseline file keyed by rule + flagged text + context, an inline
marker in .txt/.md drafts, a Word comment "budgetlint: ignore BLxxx" on the text."""
import json

import docx

from conftest import cli_json, mutate, run_cli, seed

# one wrong figure in seed 000's table (BL101 fires on it)
OLD, NEW = "\t91.04\n\t91.04\n\t91.04", "\t91.04\n\t91.04\n\t90.04"


def _codes(res) -> list[str]:
    return [f["rule"] for f in json.loads(res.stdout)]


def test_baseline_accepts_and_survives_edits_elsewhere(tmp_path):
    bad = mutate(seed("000"), tmp_path, OLD, NEW)
    base = tmp_path / "budgetlint-baseline.json"
    before = cli_json(str(bad))
    assert before
    res = run_cli("check", str(bad), "--baseline", str(base), "--update-baseline")
    assert res.returncode == 0 and base.exists()
    entries = json.loads(base.read_text(encoding="utf-8"))["accepted"]
    assert len(entries) == len(before) and all(e["path"] == bad.name for e in entries)
    res = run_cli("check", "--format", "json", str(bad), "--baseline", str(base))
    assert res.returncode == 0 and json.loads(res.stdout) == []
    # edit elsewhere: three new lines near the top shift every line number
    text = bad.read_text(encoding="utf-8").split("\n")
    text[3:3] = ["", "（本段为新增说明。）", ""]
    bad.write_text("\n".join(text), encoding="utf-8")
    res = run_cli("check", "--format", "json", str(bad), "--baseline", str(base))
    assert json.loads(res.stdout) == [] and res.returncode == 0, res.stdout


def test_baseline_lets_a_new_finding_through_and_reports_stale_entries(tmp_path):
    bad = mutate(seed("000"), tmp_path, OLD, NEW)
    base = tmp_path / "baseline.json"
    run_cli("check", str(bad), "--baseline", str(base), "--update-baseline")
    accepted = json.loads(base.read_text(encoding="utf-8"))["accepted"]
    # fix the accepted table error, and make another one
    text = bad.read_text(encoding="utf-8").replace(NEW, OLD).replace("2023年预算收入107.54万元", "2023年预算收入108.54万元")
    bad.write_text(text, encoding="utf-8")
    res = run_cli("check", "--format", "json", str(bad), "--baseline", str(base))
    new = json.loads(res.stdout)
    assert new and all(f["rule"] != "BL101" for f in new) and res.returncode == 1
    assert any("108.54" in f["excerpt"] or "108.54" in f["message"] for f in new)
    stale = [ln for ln in res.stderr.splitlines() if "已不再出现" in ln]
    assert stale and all("BL101" in ln for ln in stale if "BL101" in ln)
    assert len([e for e in accepted if e["rule"] == "BL101"]) == len([ln for ln in stale if " BL101 " in ln])


def test_baseline_that_is_not_one_is_a_one_line_error(tmp_path):
    base = tmp_path / "b.json"
    base.write_text("[1, 2]", encoding="utf-8")
    res = run_cli("check", str(seed("004")), "--baseline", str(base))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and str(base) in res.stderr and "基线" in res.stderr


def test_baseline_into_a_missing_folder_is_one_line_naming_the_baseline(tmp_path):
    base = tmp_path / "no-such-folder" / "baseline.json"
    res = run_cli("check", str(seed("004")), "--baseline", str(base), "--update-baseline")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    line = res.stderr.strip()
    assert len(line.splitlines()) == 1 and str(base) in line and "不存在" in line and ".tmp" not in line
    assert not base.parent.exists()


def test_a_missing_baseline_is_said_once_and_every_finding_comes_back(tmp_path):
    base = tmp_path / "mistyped-baseline.json"
    res = run_cli("check", "--format", "json", str(seed("000")), "--baseline", str(base))
    assert json.loads(res.stdout) and res.returncode == 1
    notes = [ln for ln in res.stderr.splitlines() if str(base) in ln]
    assert len(notes) == 1 and "不存在" in notes[0] and "--update-baseline" in notes[0]
    assert not base.exists()


DRAFT = """平乡县财政局2025年部门预算公开
一、收入预算情况
2025年收入预算107.54万元，其中一般公共预算收入95.54万元，政府性基金预算收入18万元。{marker}

收支预算总表
单位：万元
| 项目 | 预算数 |
| --- | --- |
| 一般公共预算拨款收入 | 95.54 |
| 政府性基金预算拨款收入 | 12 |
| 收入合计 | 107.54 |
"""


def test_inline_marker_on_the_line_or_the_line_before(tmp_path):
    plain = tmp_path / "draft.md"
    plain.write_text(DRAFT.format(marker=""), encoding="utf-8")
    found = cli_json(str(plain), "--select", "BL201")
    assert any(f["excerpt"] == "18万元" for f in found)
    marked = tmp_path / "marked.md"
    marked.write_text(DRAFT.format(marker=" <!-- budgetlint: ignore BL201 -->"), encoding="utf-8")
    assert not [f for f in cli_json(str(marked), "--select", "BL201") if f["line"] == 3]
    other = tmp_path / "other.md"
    other.write_text(DRAFT.format(marker=" <!-- budgetlint: ignore BL101 -->"), encoding="utf-8")
    assert any(f["excerpt"] == "18万元" for f in cli_json(str(other), "--select", "BL201"))  # another rule's marker
    before = tmp_path / "before.txt"
    before.write_text(DRAFT.format(marker="").replace("2025年收入预算", "budgetlint: ignore\n2025年收入预算"),
                      encoding="utf-8")
    assert not [f for f in cli_json(str(before), "--select", "BL2") if f["line"] == 4]
    # the marker itself is never read as part of the document
    assert not [f for f in cli_json(str(marked)) if "budgetlint" in f["excerpt"] or "<!--" in f["excerpt"]]


def _draft_docx(path, comment: str | None):
    d = docx.Document()
    d.add_heading("一、收入预算情况", level=1)
    p = d.add_paragraph("2025年收入预算107.54万元，其中一般公共预算收入95.54万元，政府性基金预算收入")
    run = p.add_run("18万元")
    p.add_run("。")
    d.add_paragraph("收支预算总表")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=4, cols=2)
    for r, (a, b) in enumerate([("项目", "预算数"), ("一般公共预算拨款收入", "95.54"), ("政府性基金预算拨款收入", "12"),
                                ("收入合计", "107.54")]):
        t.cell(r, 0).text, t.cell(r, 1).text = a, b
    if comment:
        d.add_comment(run, text=comment, author="张会计")
    d.save(path)


def test_word_comment_ignore_accepts_the_text_it_is_on(tmp_path):
    plain, marked, other = tmp_path / "a.docx", tmp_path / "b.docx", tmp_path / "c.docx"
    _draft_docx(plain, None)
    _draft_docx(marked, "budgetlint: ignore BL201")
    _draft_docx(other, "请核对这个数")  # an ordinary review comment accepts nothing
    assert any(f["excerpt"] == "18万元" for f in cli_json(str(plain), "--select", "BL201"))
    assert not any(f["excerpt"] == "18万元" for f in cli_json(str(marked), "--select", "BL201"))
    assert any(f["excerpt"] == "18万元" for f in cli_json(str(other), "--select", "BL201"))

"""Every built-in rule case (rules/<family>/cases/<CODE>.toml) runs, and the case runner itself
reports what a rule author needs: a failing case shows the document, the expected findings and
the reported ones; a malformed file is refused with its name."""
from __future__ import annotations

import pytest

from linter.testing import CaseFileError, builtin_case_files, check_case, load_cases, run_rule

CASES = [c for path in builtin_case_files() for c in load_cases(path)]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case):
    result = check_case(case)
    assert result.passed, result.report()


def test_every_case_file_names_a_rule():
    from linter.engine import all_rule_classes

    codes = {cls.code for cls in all_rule_classes()}
    for path in builtin_case_files():
        assert path.stem in codes, f"{path} is named after no rule"


def _write(tmp_path, body: str):
    path = tmp_path / "BL101.toml"
    path.write_text(body, encoding="utf-8")
    return path


TABLE = '''
[[case.tables]]
title = "一般公共预算支出预算表"
unit = "万元"
rows = [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "10.00"],
        ["20101", "人大事务", "10.00"], ["2010101", "行政运行", "7.00"], ["2010102", "一般行政管理事务", "2.00"]]
'''


def test_a_wrong_expectation_fails_with_the_document_expected_and_reported(tmp_path):
    path = _write(tmp_path, f'''
[[case]]
name = "wrong-excerpt"
family = "hebei"
expect = "fail"
text = "平乡县财政局2025年部门预算公开"
{TABLE}
[[case.findings]]
excerpt = "7.00"
''')
    (case,) = load_cases(path)
    result = check_case(case)
    assert not result.passed
    report = result.report()
    assert "expected, not reported: BL101 `7.00`" in report
    assert "reported, not expected: BL101 `10.00`" in report
    assert "平乡县财政局2025年部门预算公开" in report and "| 201 | 一般公共服务支出 |" in report


def test_a_pass_case_fails_when_the_rule_fires(tmp_path):
    path = _write(tmp_path, f'''
[[case]]
name = "should-be-silent"
family = "hebei"
expect = "pass"
text = "平乡县财政局2025年部门预算公开"
{TABLE}
''')
    (case,) = load_cases(path)
    assert check_case(case).problems == [
        f"reported, not expected: BL101 `10.00` — {check_case(case).reported[0].message}"]


@pytest.mark.parametrize("body, cause", [
    ('[[case]]\nname = "a"\nfamily = "hebei"\nexpect = "maybe"\ntext = "x"\n', "expect must be"),
    ('[[case]]\nname = "a"\nfamily = "hebei"\nexpect = "fail"\ntext = "x"\n', "lists the findings"),
    ('[[case]]\nname = "a"\nfamily = "atlantis"\nexpect = "pass"\ntext = "x"\n', "family must be"),
    ('[[case]]\nname = "a"\nfamily = "hebei"\nexpect = "pass"\ntext = "x"\nfail_str = "y"\n', "unknown keys"),
    ('[[case]]\nname = "a"\nfamily = "hebei"\nexpect = "pass"\ntext = "x"\n'
     '[[case]]\nname = "a"\nfamily = "hebei"\nexpect = "pass"\ntext = "y"\n', "duplicate name"),
    ('[[case]\n', "BL101.toml"),
])
def test_malformed_case_files_are_refused_naming_the_file(tmp_path, body, cause):
    path = _write(tmp_path, body)
    with pytest.raises(CaseFileError) as err:
        load_cases(path)
    assert str(path) in str(err.value) and cause in str(err.value)


def test_run_rule_on_a_string_with_tables():
    text = "平乡县财政局2025年部门预算公开\n2025年收入预算10.00万元，其中政府性基金预算收入3.00万元。"
    tables = [{"title": "收支预算总表", "unit": "万元", "rows": [
        ["收入项目", "预算数", "支出项目", "预算数"], ["一般公共预算拨款收入", "10.00", "一般公共服务支出", "10.00"],
        ["政府性基金预算拨款收入", "", "", ""], ["收入总计", "10.00", "支出总计", "10.00"]]}]
    found = run_rule("BL201", text, tables)
    assert [f.excerpt for f in found] == ["3.00万元"]


def _case_folder(tmp_path):
    cases = tmp_path / "pack" / "cases"
    cases.mkdir(parents=True)
    (cases / "BL101.toml").write_text(f'''
[[case]]
name = "rollup-off-by-one"
family = "hebei"
expect = "fail"
text = "平乡县财政局2025年部门预算公开"
{TABLE}
[[case.findings]]
excerpt = "10.00"

[[case]]
name = "wrongly-expected-silence"
family = "hebei"
expect = "pass"
text = "平乡县财政局2025年部门预算公开"
{TABLE}
''', encoding="utf-8")
    return tmp_path / "pack"


def test_test_rules_command_runs_case_files_and_shows_failures(tmp_path):
    from conftest import run_cli

    folder = _case_folder(tmp_path)
    res = run_cli("test-rules", str(folder))
    assert res.returncode == 1
    assert "case BL101:wrongly-expected-silence" in res.stdout and "reported, not expected" in res.stdout
    assert "rollup-off-by-one" not in res.stdout  # passing cases are only counted
    assert "1 个用例通过，1 个失败" in res.stdout
    builtin = run_cli("test-rules")
    assert builtin.returncode == 0 and "0 个失败" in builtin.stdout


def test_pytest_collects_case_files_through_the_plugin(tmp_path):
    import subprocess
    import sys

    folder = _case_folder(tmp_path)
    res = subprocess.run([sys.executable, "-m", "pytest", str(folder), "-q", "-p", "no:cacheprovider",
                          "--rootdir", str(folder)], capture_output=True, text=True, cwd=str(tmp_path))
    assert "1 failed, 1 passed" in res.stdout, res.stdout + res.stderr
    assert "reported, not expected: BL101 `10.00`" in res.stdout


def test_rule_page_is_generated_from_docstring_and_cases():
    from conftest import run_cli

    page = run_cli("rule", "BL101").stdout
    assert page.startswith("## BL101 classification-rollup-mismatch")
    assert "*为什么重要*" in page and "严重程度：错误" in page  # headings shown in Chinese
    bad, good = page.index("### 应报告的示例"), page.index("### 不应报告的示例")
    assert bad < good and "county-xiang-row-raised" in page[bad:good] and "county-sums-hold" in page[good:]
    reference = run_cli("rules", "--format", "markdown").stdout
    from linter.engine import all_rule_classes

    for cls in all_rule_classes():
        assert f"## {cls.code} {cls.name}" in reference
    assert page in reference


def test_test_rules_command_works_without_pytest_installed(tmp_path):
    """A pack author who installed budgetlint without the [test] extra runs `test-rules` on a
    folder: no pytest import on that path."""
    import subprocess
    import sys

    folder = _case_folder(tmp_path)
    blocked = ("import sys; sys.modules['pytest'] = None; from linter.cli import main; "
               f"sys.exit(main(['test-rules', {str(folder)!r}]))")
    res = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True)
    assert "Traceback" not in res.stderr, res.stderr
    assert res.returncode == 1 and "1 个用例通过，1 个失败" in res.stdout


def test_cases_of_a_pack_that_is_not_installed_are_one_line_each(tmp_path):
    from conftest import run_cli

    folder = tmp_path / "pack" / "cases"
    folder.mkdir(parents=True)
    (folder / "ZZ101.toml").write_text('[[case]]\nname = "x"\nfamily = "hebei"\nexpect = "pass"\n'
                                       'text = "平乡县财政局2025年部门预算公开"\n', encoding="utf-8")
    res = run_cli("test-rules", str(tmp_path / "pack"))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    lines = [ln for ln in res.stderr.splitlines() if "ZZ101" in ln]
    assert len(lines) == 1 and "未安装" in lines[0]

"""The pack as its users meet it: installed next to budgetlint, listed, run by default beside the
built-in rules, its vocabulary merged. (Its rule cases run through budgetlint's pytest plugin:
budgetlint_jiangsu/cases/*.toml.)"""
import json
import subprocess
import sys


def budgetlint(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, text=True, cwd=cwd)


DRAFT = """江苏省某某厅2019年部门预算公开
会议费预算支出1305.25万元，比上年预算减少40.00万元。
各处室召开人代汇筹备会议。

一般公共预算“三公”经费、会议费、培训费支出预算表
单位：万元
| 合计 | “三公”经费小计 | 因公出国（境）费 | 公务用车购置及运行费 | 公务接待费 | 会议费 | 培训费 |
|---|---|---|---|---|---|---|
| 2,542.60 | 833.60 | 222.50 | 183.60 | 427.50 | 1,205.25 | 403.75 |
"""


def test_pack_rules_are_listed_with_their_pack():
    rules = json.loads(budgetlint("rules", "--format", "json").stdout)
    listed = {r["code"]: r["pack"] for r in rules}
    assert listed["JS101"] == listed["JS102"] == "budgetlint-jiangsu-pack"
    assert listed["BL101"] == "budgetlint"
    # the pack's Chinese titles come from its vocabulary (rule_titles.json)
    titles = {r["code"]: r["title"] for r in rules}
    assert titles["JS101"].startswith("文字说明中的会议费") and titles["JS102"].startswith("政府采购总额")


def test_pack_runs_by_default_with_its_vocabulary(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    found = json.loads(budgetlint("check", "--format", "json", str(draft)).stdout)
    by_rule = {(f["rule"], f["excerpt"]) for f in found}
    assert ("JS101", "1305.25万元") in by_rule
    assert ("BL306", "人代汇") in by_rule  # the pack's typo pair, through the built-in rule
    vocab = budgetlint("extract", "--vocabulary").stdout
    assert "人代汇\t人代会  <- budgetlint-jiangsu-pack" in vocab

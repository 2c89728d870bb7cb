"""The Jiangsu tables linked to the narrative: 人员经费 and 公用经费 as the 经济分类 classes of a
基本支出 table that prints no 人员经费 column (301 + 303, 302 …), and 机关运行经费 as the total
of its own table. Three wordings each, must-fail and must-pass."""
from __future__ import annotations

import pytest

from linter.testing import run_rule

BASIC = {"title": "一般公共预算基本支出预算表（经济科目）", "unit": "万元", "rows": [
    ["科目编码", "科目名称", "金额"],
    ["", "合计", "9,312.90"],
    ["301", "工资福利支出", "6,481.41"],
    ["30101", "基本工资", "6,481.41"],
    ["302", "商品和服务支出", "1,642.08"],
    ["30201", "办公费", "1,642.08"],
    ["303", "对个人和家庭的补助", "1,189.41"],
    ["30301", "离休费", "1,189.41"],
]}
OPERATING = {"title": "一般公共预算机关运行经费支出预算表", "unit": "万元", "rows": [
    ["科目编码", "科目名称", "机关运行经费支出"],
    ["", "合计", "1,642.08"],
    ["302", "商品和服务支出", "1,642.08"],
    ["30201", "办公费", "1,642.08"],
]}
HEAD = "江苏省人大常委会办公厅2019年度部门预算公开\n八、一般公共预算基本支出预算情况说明\n"

PERSONNEL = [
    "江苏省人大常委会办公厅2019年度一般公共预算财政拨款基本支出预算9312.9万元，其中：（一）人员经费{p}万元。",
    "本年基本支出中，人员经费为{p}万元，主要包括基本工资、津贴补贴。",
    "人员经费支出{p}万元，比上年增加100万元。",
]
PUBLIC = [
    "（二）公用经费{q}万元。主要包括：办公费、水费、电费。",
    "日常公用经费预算{q}万元，主要用于办公费。",
    "其中公用经费为{q}万元。",
]
OPERATING_TEXT = [
    "2019年本部门一般公共预算机关运行经费预算支出{r}万元，与上年相比增加62.7万元。",
    "机关运行经费安排{r}万元，主要用于办公费。",
    "本年度机关运行经费为{r}万元。",
]


def _findings(text):
    return run_rule("BL201", HEAD + text, [BASIC, OPERATING])


@pytest.mark.parametrize("wording", PERSONNEL)
def test_personnel_is_classes_301_and_303(wording):
    assert _findings(wording.format(p="7670.82")) == []
    found = _findings(wording.format(p="7760.82"))
    assert [f.excerpt for f in found] == ["7760.82万元"] and "7670.82" in found[0].message


@pytest.mark.parametrize("wording", PUBLIC)
def test_public_is_class_302(wording):
    assert _findings(wording.format(q="1642.08")) == []
    found = _findings(wording.format(q="1624.08"))
    assert [f.excerpt for f in found] == ["1624.08万元"] and "1642.08" in found[0].message


@pytest.mark.parametrize("wording", OPERATING_TEXT)
def test_operating_cost_is_its_tables_total(wording):
    assert _findings(wording.format(r="1642.08")) == []
    found = _findings(wording.format(r="1652.08"))
    assert [f.excerpt for f in found] == ["1652.08万元"] and "机关运行经费" in found[0].message

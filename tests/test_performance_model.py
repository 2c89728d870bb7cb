"""The performance-table model (linter/forms.py) on the real corpus."""
from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import seed
from mof_document import write as write_mof

from linter.readers import read_document
from linter.cnnum import quantity
from linter.forms import (funding_amounts, is_self_evaluation, self_eval_table, self_eval_tables,
                                     target_tables)


def test_target_tables_of_001():
    doc = read_document(str(seed("001")))
    tables = target_tables(doc)
    assert [t.name for t in tables] == ["涉军公益岗工资", "视频会议室建设及网络费", "网络宣传、网络安全等经费",
                                        "网信行政执法设备配备", "舆情中心运行费"]
    t = tables[0]
    assert (t.budget.text, t.fiscal.text, t.other.text, t.unit) == ("7.41", "7.41", "", "万元")
    assert "合计11.81万元" in t.purpose.text
    assert [c.text for _, c in t.plan] == ["25.00", "50.00", "75.00", "100.00"]
    assert [(i.level2, i.name, i.value.text) for i in t.indicators][:2] == [
        ("成本指标", "涉军公益岗取暖费", "1900元"), ("数量指标", "涉军公益岗人数", "3人")]
    # a row broken in two by a blank line inside a cell is one indicator
    assert [(i.name, i.value.text) for i in tables[1].indicators][0] == ("办公设备购置费", "1台")


def test_target_tables_in_yuan_and_without_budget():
    doc = read_document(str(seed("003")))
    assert [(t.name, t.unit, t.budget.text) for t in target_tables(doc)] == [
        ("网络安全检查、态势感知平台服务", "元", "210000.00"), ("网络舆情管理", "元", "730500.00"),
        ("网评队伍建设", "元", "80000.00")]
    doc = read_document(str(seed("000")))
    tables = target_tables(doc)
    assert len(tables) == 3 and all(t.budget is None for t in tables)
    assert tables[1].indicators[3].value.text == "≥3万元"


def test_self_evaluation_recognised_by_content():
    doc = read_document(str(seed("002")))
    tables = [t for t in doc.tables if is_self_evaluation(t)]
    assert len(tables) == 5
    for t in tables:  # as if the structure pass had not found the title
        t.kind = "generic"
        assert is_self_evaluation(t)
    s = self_eval_table(tables[3])
    assert (s.name, s.budget.text, s.arrived.text, s.executed.text, s.progress.text) == (
        "信息化及人员培训费", "10", "10", "5.78", "58%")
    assert s.fiscal["执行数"].text == "5.78" and s.completion.text == "70%" and s.total.text == "70"
    rate = [i for i in s.indicators if i.level2 == "预算执行率"][0]
    assert (rate.actual.text, rate.score.text, rate.weight.value) == ("100%", "10", Decimal(10))
    assert sum(i.score.number.value for i in s.indicators if i.score is not None) == 70


def test_self_evaluation_rows_with_shifted_columns():
    doc = read_document(str(seed("002")))
    s = self_eval_tables(doc)[2]  # 网络宣传费用: an extra empty column before 预期指标值
    first = s.indicators[0]
    assert (first.name, first.value.text, first.actual.text, first.score.text) == (
        "指标1：创作网络公益作品", "≥20个", "20个", "10")
    sat = s.indicators[-1]
    assert (sat.level1, sat.weight.value, sat.score.text) == ("满意度指标（10分）", Decimal(10), "10")


def test_amounts_and_quantities():
    text = "涉军公益岗3人，工资合计：3100人/月，管理费合计：720元/年，取暖费合计：1900元/人/年，合计11.81万元"
    found = [(str(a.number), a.unit, a.rate, a.total) for a in funding_amounts(text)]
    assert found == [("720", "元", "年", True), ("1900", "元", "人/年", True), ("11.81", "万元", None, True)]
    a = funding_amounts("手持执法终端：10000元/台，执法记录仪等共计90000元")
    assert [(a_.rate, a_.total, a_.yuan.value) for a_ in a] == [("台", False, 10000), (None, True, 90000)]
    assert funding_amounts("舆情通软件服务费19.05万，培训20万人次")[0].yuan.value == Decimal("190500")
    assert len(funding_amounts("舆情通软件服务费19.05万，培训20万人次")) == 1
    q = quantity("≤68万")
    assert (q.op, q.number.value, q.unit, q.is_money) == ("≤", 68, "万", True)
    assert quantity(">=98%").op == "≥" and quantity("达到市网信办要求") is None


# --- the Ministry of Finance standard 项目支出绩效自评表 (tests/data/mof_self_evaluation.md) ------

@pytest.fixture(params=["md", "txt"])
def mof_doc(request, tmp_path):
    return write_mof(tmp_path, request.param)


def test_mof_self_evaluation_form(mof_doc):
    doc = read_document(str(mof_doc))
    assert not target_tables(doc)
    tables = self_eval_tables(doc)
    assert [t.name for t in tables] == ["公共文化服务体系建设经费", "非物质文化遗产保护专项资金", "文物安全巡查经费"]
    s = tables[0]
    assert (s.layout, s.unit, s.initial.text, s.budget.text, s.executed.text, s.progress.text) == (
        "mof", "万元", "120.00", "135.00", "128.25", "95.00%")
    assert {k: c.text for k, c in s.totals.items()} == {"年初预算数": "120.00", "全年预算数": "135.00",
                                                        "全年执行数": "128.25"}
    assert s.fiscal["全年执行数"].text == "123.25" and s.carryover["全年预算数"].text == "5.00"
    assert s.other["全年执行数"].dash and (s.total.text, s.total_points.text) == ("97.5", "100")
    funding, first = s.indicators[0], s.indicators[1]
    assert funding.funding and (funding.actual.text, funding.points.text, funding.score.text) == ("95.00%", "10", "9.50")
    assert (first.level1, first.level2, first.name, first.value.text, first.actual.text, first.points.text,
            first.score.text) == ("产出指标", "数量指标", "文化惠民演出场次", "≥60场", "65场", "15", "15")
    # 一级/二级指标 carried down over merged (empty) cells; the 偏差原因 text is not a score
    effect = [i for i in s.indicators if i.name == "群众文化活动参与人次"][0]
    assert (effect.level1, effect.level2, effect.score.text) == ("效益指标", "社会效益指标", "18")
    assert sum(i.score.number.value for i in s.indicators) == Decimal("97.5")
    assert sum(i.points.number.value for i in s.indicators) == 100
    rate = [i for i in tables[2].indicators if i.name == "预算执行率"][0]
    assert not rate.funding and (rate.level2, rate.actual.text) == ("时效指标", "92.00%")


def test_mof_target_form(tmp_path):
    from mof_document import TARGET

    for fmt in ("md", "txt"):
        doc = read_document(str(write_mof(tmp_path, fmt, source=TARGET)))
        assert not self_eval_tables(doc)
        a, b = target_tables(doc)
        assert (a.name, a.budget.text, a.fiscal.text, a.carryover.text, a.other.text) == (
            "公共文化服务体系建设经费", "135.00", "130.00", "5.00", "—")
        assert a.goals.text.startswith("全年组织文化惠民演出60场以上")  # the 年度目标, not the 长期目标
        # the values are the 年度指标值, not the 长期指标值 beside them
        assert [(i.name, i.value.text) for i in a.indicators][:2] == [("文化惠民演出场次", "≥60场"),
                                                                     ("公共图书馆新增藏书", "≥2万册")]
        assert [i.value.text for i in b.indicators if "成本" in i.level2] == ["≤30万元"]

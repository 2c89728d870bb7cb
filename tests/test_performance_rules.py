"""Every BL4 rule fires on real defects of the corpus and stays silent on consistent tables
(the repaired copies in performance_mutations.py) and on the recorded traps."""
from __future__ import annotations

import pytest

from conftest import check, seed
from performance_mutations import BASES, MUTATIONS, apply, base_text, write


def bl4(path, fmt_rule=None):
    return [f for f in check(path, select=fmt_rule or "BL4")]


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_001_breakdown_total_and_unit_cost():
    fs = bl4(seed("001"))
    [f] = by_rule(fs, "BL402")
    assert (f.line, f.excerpt, f.severity) == (91, "11.81万元", "error")
    assert "7.41" in f.message and f.related[0].line == 84 and "11.81" in f.suggestion
    [g] = by_rule(fs, "BL404")
    assert (g.line, g.excerpt, g.severity) == (431, "1000元", "warning")
    assert g.related[0].excerpt == "10000元/台" and g.related[0].line == 380 and g.suggestion == "10000元"
    assert {f.rule for f in fs} == {"BL402", "BL404"}


def test_002_execution_rate_indicator_and_score():
    fs = bl4(seed("002"))
    [rate] = by_rule(fs, "BL410")
    assert (rate.line, rate.excerpt, rate.suggestion) == (103, "99.99%", "99.97%")
    [ind] = by_rule(fs, "BL411")
    assert (ind.line, ind.excerpt, ind.severity) == (189, "100%", "error") and "57.8%" in ind.message
    assert any(r.excerpt == "10" and r.line == 189 for r in ind.related)  # the score it was given
    [score] = by_rule(fs, "BL412")
    assert (score.line, score.excerpt, score.suggestion) == (189, "10", "5.78")
    # 58% for 5.78/10 and 100% for 29.99/30 on the indicator are within rounding
    assert not [f for f in fs if f.rule in ("BL410", "BL411") and f.line in (113, 179)]
    # the overall score 94 is the mean of the five totals and 优秀 fits it
    assert not by_rule(fs, "BL414") and not by_rule(fs, "BL415") and not by_rule(fs, "BL413")
    [comp] = by_rule(fs, "BL416")
    assert (comp.line, comp.excerpt, comp.suggestion) == (183, "70%", "67%")
    [dept] = by_rule(fs, "BL417")
    assert dept.line == 26 and "4.23" in dept.message


def test_003_placeholders_and_copied_table():
    fs = bl4(seed("003"))
    # the three 目标内容1 are template placeholders: reported once, by BL302, not by BL4
    placeholders = [f for f in check(seed("003"), select="BL302") if "目标内容" in f.excerpt]
    assert [f.line for f in placeholders] == [78, 188, 298]
    [copied] = by_rule(fs, "BL406")
    assert copied.line == 311 and "网络舆情管理" in copied.message
    assert [r.line for r in copied.related] == [201, 208]
    narrative = by_rule(fs, "BL407")
    assert sorted(f.line for f in narrative) == [24, 26, 28]
    assert not by_rule(fs, "BL402") and not by_rule(fs, "BL405")  # 73.05万 = 730500元; 80000元 matches


@pytest.mark.parametrize("name", ["000", "004"])
def test_consistent_seeds_are_silent(name):
    assert bl4(seed(name)) == []


@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_rule_fires_on_plant_and_not_on_base(kind, tmp_path):
    rule, plants = MUTATIONS[kind]
    name, edits = plants[0]
    base = write(tmp_path, name, base_text(name))
    assert not by_rule(bl4(base), rule)
    bad = write(tmp_path, name, apply(base_text(name), edits))
    found = by_rule(bl4(bad), rule)
    assert found, f"{rule} silent on {kind}"
    f = found[0]
    assert f.name and f.message and f.excerpt and f.severity in ("error", "warning")


def test_rules_are_documented():
    from linter.engine import all_rule_classes

    rules = [r for r in all_rule_classes() if r.code.startswith("BL4")]
    assert len(rules) == 16
    for r in rules:
        doc = r.documentation()
        for section in ("*What it does*", "*Why it matters*", "*Bad*", "*Good*"):
            assert section in doc, (r.code, section)
        assert r.name == r.name.lower() and " " not in r.name


def test_percent_with_more_decimals_is_held_to_them(tmp_path):
    # 99.97% is right for 29.99/30, 99.96% is not
    name = "002"
    ok = write(tmp_path, name, base_text(name))
    assert not by_rule(bl4(ok), "BL410")
    bad = write(tmp_path, name, apply(base_text(name), [(103, "99.97%", "99.96%")]))
    assert by_rule(bl4(bad), "BL410")


@pytest.mark.parametrize("adjusted,spent,small", [
    ("调整预算数 1567500 元", "支出 1567500 元", "调整预算数 15675 元"),  # the narrative in 元
    ("调整预算数 1,567,500.00 元", "支出 1,567,500.00 元", "调整预算数 15,675.00 元"),  # separators
    ("调整预算数 １５６．７５ 万元", "支出 １５６．７５ 万元", "调整预算数 １．５６７５ 万元"),  # full-width
    ("调整预算数 1567.5 千元", "支出 1567.5 千元", "调整预算数 15.675 千元"),
    ("调整预算数 0.015675 亿元", "支出 1567500 元", "调整预算数 0.00015675 亿元"),  # mixed units
])
def test_department_execution_in_any_unit(adjusted, spent, small, tmp_path):
    name = "002"
    good = apply(base_text(name), [(26, "调整预算数 156.75 万元", adjusted)])
    assert not by_rule(bl4(write(tmp_path, name, good)), "BL417")  # 支出 152.52 万元: 95.78 unspent
    bad = apply(base_text(name), [(26, "调整预算数 156.75 万元", adjusted), (26, "支出 152.52 万元", spent)])
    [f] = by_rule(bl4(write(tmp_path, name, bad)), "BL417")
    assert f.line == 26 and f.excerpt == spent and f.severity == "warning"
    # the projects' budgets (30 + 10 + …) exceed an adjusted budget a hundred times smaller
    low = apply(base_text(name), [(26, "调整预算数 156.75 万元", small)])
    [g] = by_rule(bl4(write(tmp_path, name, low)), "BL417")
    assert g.severity == "error" and g.line == 26 and g.excerpt == small


def test_fold_keeps_offsets_and_commas():
    from rules.performance.model import fold

    s = "支出１，５６７，５００．００元，共３人，１００元，９８％"
    assert fold(s) == "支出1,567,500.00元，共3人，100元，98%" and len(fold(s)) == len(s)
    assert [str(a.number) for a in amounts_in_text("共3人,100元；1,567,500.00元")] == ["100", "1567500.00"]


def amounts_in_text(text):
    from rules.performance.model import amounts_in

    return amounts_in(text)

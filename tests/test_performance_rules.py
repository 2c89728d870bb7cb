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
    assert "相差4.4万元" in f.message  # both numbers and the difference
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
    assert len(rules) == 18
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


def test_execution_rate_is_an_error_only_when_no_rounding_of_the_amounts_gives_it(tmp_path):
    # 99.99% for 29.99 / 30: the printed amounts give 99.97%, but 29.994 / 29.996 (amounts that
    # print as 29.99 and 30.00) give 99.99%: a warning. 90.00% no rounding explains: an error.
    [rate] = by_rule(bl4(seed("002")), "BL410")
    assert (rate.line, rate.severity) == (103, "warning")
    far = write(tmp_path, "002", apply(base_text("002"), [(103, "99.97%", "90.00%")]))
    [rate] = by_rule(bl4(far), "BL410")
    assert (rate.line, rate.severity) == (103, "error")


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
    from linter.cnnum import fold

    s = "支出１，５６７，５００．００元，共３人，１００元，９８％"
    assert fold(s) == "支出1,567,500.00元，共3人，100元，98%" and len(fold(s)) == len(s)
    assert [str(a.number) for a in amounts_in_text("共3人,100元；1,567,500.00元")] == ["100", "1567500.00"]


def amounts_in_text(text):
    from linter.forms import funding_amounts

    return funding_amounts(text)


# --- BL406: copies of project-specific indicator rows --------------------------------------

# table 13 (网络舆情服务和自媒体管理) of 000 given table 11's 效益 rows: no output row is copied
_EFFECT_COPY = [(1667, "发现舆情及时性", "社会影响力"), (1669, "及时发现舆情并处置", "保障正常运转"),
                (1681, "推动网络舆情软件使用", "可持续性影响"), (1683, "网络舆情工作可持续运转", "部门工作正常可持续运转"),
                (1687, "可持续影响指标", "社会效益指标"), (1688, "网络生态环境", "部门正常可持续服务社会"),
                (1690, "不发生负面舆论严重发酵情况", "不造成不良影响")]


def test_copied_effect_rows_are_no_copy(tmp_path):
    # issue 9: only project-specific rows (数量/成本, 质量/时效 naming the project's output) make a
    # copy; table 13 given table 11's 效益 rows (and sharing its generic 工作完成及时率) is none
    bad = write(tmp_path, "000", apply(base_text("000"), _EFFECT_COPY))
    assert not by_rule(bl4(bad), "BL406")
    partial = write(tmp_path, "000", apply(base_text("000"), _EFFECT_COPY[:2]))
    assert not by_rule(bl4(partial), "BL406")


def test_shared_satisfaction_row_is_not_a_copy(tmp_path):
    from linter.readers import read_document
    from rules.performance.BL406 import _key
    from linter.forms import target_tables

    # 000's tables 11 and 13 share 工作完成及时率 ≥95% and 服务对象满意度 ≥95%: one distinctive row
    tables = target_tables(read_document(str(seed("000"))))
    shared = {_key(i) for i in tables[0].indicators} & {_key(i) for i in tables[2].indicators}
    assert ("服务对象满意度指标", "服务对象满意度", "≥95%") in shared and len(shared) == 2
    assert not by_rule(bl4(seed("000")), "BL406")
    # 004's table 12 given table 11's 质量 row shares it and 服务群体满意度 ≥90%: silent; with its
    # 数量 row too, both of its own output rows are table 11's: a copy
    one = [(1527, "全年网络可用率", "网络技术培训指导率"), (1528, "全年网络可用率", "网络技术培训指导率"),
           (1529, "≥95%", "≥90%")]
    assert not by_rule(bl4(write(tmp_path, "004", apply(base_text("004"), one))), "BL406")
    two = one + [(1520, "系统开发数量（个/套）", "采购数量"), (1521, "系统开发数量（个/套）", "采购数量"), (1522, "2个", "1个")]
    [f] = by_rule(bl4(write(tmp_path, "004", apply(base_text("004"), two))), "BL406")
    assert f.line == 1520 and "产出指标" in f.message and [r.line for r in f.related] == [1412, 1419]


# --- BL407: the project's name written another way -------------------------------------------

_PLANT_28 = (28, "绩效指标见下表。其中", "下设7个二、三级指标。具体为")


@pytest.mark.parametrize("written", ["5.网络舆情管理经费项目年初预算", "5.“网络舆情管理经费”项目年初预算",
                                     "5.“网络舆情管理” 项目年初预算", "5.「网络舆情管理」项目年初预算",
                                     "5.网络舆情管理专项年初预算"])
def test_narrative_names_project_another_way(written, tmp_path):
    text = apply(base_text("003"), [(28, "5.“网络舆情管理”项目年初预算", written), _PLANT_28])
    # lines 24 and 26 keep their own discrepancies (三个一级指标 for a two-category table, 5 not in it)
    [f] = [f for f in by_rule(bl4(write(tmp_path, "003", text)), "BL407") if f.line == 28]
    assert f.line == 28 and "网络舆情管理" in f.message and f.excerpt == "下设7个二、三级指标"


@pytest.mark.parametrize("other", ["5.“网络舆情管理平台运维”项目年初预算", "5.“网络舆情”项目年初预算",
                                   "5.“网络舆情监测平台建设”项目年初预算", "5.网络舆情管理平台运维项目年初预算"])
def test_narrative_of_another_project_is_not_linked(other, tmp_path):
    text = apply(base_text("003"), [(28, "5.“网络舆情管理”项目年初预算", other), _PLANT_28])
    assert not [f for f in by_rule(bl4(write(tmp_path, "003", text)), "BL407") if f.line == 28]


def test_indicator_grid_split_from_its_form_in_docx():
    """000's .docx prints the 绩效目标 cell's second paragraph between the form and its 一级指标
    rows: the two grids are one 项目绩效目标表, named by the form."""
    from linter.readers import read_document
    from linter.forms import target_tables

    for fmt in ("txt", "docx", "pdf"):
        tables = target_tables(read_document(str(seed("000", fmt))))
        assert [(t.name, len(t.indicators)) for t in tables] == [
            ("网络安全和信息化", 9), ("网络宣传和评论引导", 10), ("网络舆情服务和自媒体管理", 9)], fmt


# --- the Ministry of Finance standard 项目支出绩效自评表 -----------------------------------------

@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_mof_form_consistent_is_silent(fmt, tmp_path):
    from mof_document import write as write_mof

    assert check(write_mof(tmp_path, fmt), select="BL") == []


@pytest.mark.parametrize("fmt", ["md", "txt"])
@pytest.mark.parametrize("kind", sorted(__import__("mof_document").PLANTS))
def test_mof_form_plants(kind, fmt, tmp_path):
    from mof_document import PLANTS
    from mof_document import write as write_mof

    rule, line, excerpt, edits = PLANTS[kind]
    found = by_rule(bl4(write_mof(tmp_path, fmt, edits)), rule)
    assert [(f.line, f.excerpt) for f in found] == [(line, excerpt)], [(f.line, f.excerpt, f.message) for f in found]
    f = found[0]
    assert f.severity == ("warning" if rule in ("BL412", "BL414", "BL417") else "error")
    assert f.related or rule == "BL415"


@pytest.mark.parametrize("kind", sorted(__import__("mof_document").PLANTS))
def test_mof_form_plants_in_docx(kind, tmp_path):
    """The same plants in a Word file: the same rule finds the same text (lines are the .docx
    text view's own)."""
    from mof_document import PLANTS
    from mof_document import write as write_mof

    rule, _line, excerpt, edits = PLANTS[kind]
    found = by_rule(bl4(write_mof(tmp_path, "docx", edits)), rule)
    assert [f.excerpt for f in found] == [excerpt], [(f.line, f.excerpt, f.message) for f in found]


@pytest.mark.parametrize("kind", sorted(__import__("mof_document").TARGET_PLANTS))
def test_mof_target_form_plants_in_docx(kind, tmp_path):
    from mof_document import TARGET, TARGET_PLANTS
    from mof_document import write as write_mof

    rule, _line, excerpt, edits = TARGET_PLANTS[kind]
    found = bl4(write_mof(tmp_path, "docx", edits, source=TARGET))
    assert [(f.rule, f.excerpt) for f in found] == [(rule, excerpt)], [f.message for f in found]


def test_mof_forms_consistent_in_docx_are_silent(tmp_path):
    from mof_document import TARGET
    from mof_document import write as write_mof

    assert check(write_mof(tmp_path, "docx"), select="BL") == []
    assert check(write_mof(tmp_path, "docx", source=TARGET), select="BL") == []


def test_mof_forms_in_pdf(tmp_path):
    """The MoF report through Word and LibreOffice to PDF: consistent, it is silent; with the
    independent plants together, each is found once by its rule at its text."""
    import os
    import shutil
    import subprocess

    from mof_document import PLANTS
    from mof_document import write as write_mof

    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        if os.environ.get("BUDGETLINT_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice (soffice) is required here")
        pytest.skip("LibreOffice (soffice) is not installed on this machine")
    kinds = ["rate", "rate-indicator", "points-sum", "sources", "department", "grade", "project-figures"]
    clean, planted = tmp_path / "clean", tmp_path / "planted"
    docs = [write_mof(clean.mkdir() or clean, "docx"),
            write_mof(planted.mkdir() or planted, "docx", [e for k in kinds for e in PLANTS[k][3]])]
    for doc in docs:
        res = subprocess.run([binary, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                              "--convert-to", "pdf", "--outdir", str(doc.parent), str(doc)],
                             capture_output=True, text=True, timeout=180)
        assert res.returncode == 0, res.stderr
    assert check(clean / "mof_self_evaluation.pdf", select="BL") == []
    found = sorted((f.rule, f.excerpt) for f in bl4(planted / "mof_self_evaluation.pdf"))
    assert found == sorted((PLANTS[k][0], PLANTS[k][2]) for k in kinds)


def test_mof_form_all_plants_at_once(tmp_path):
    """Precision: with the independent defects planted together, each is reported once, at its
    place, and nothing else is."""
    from mof_document import PLANTS
    from mof_document import write as write_mof

    kinds = ["rate", "rate-indicator", "points-sum", "sources", "department", "grade"]
    edits = [e for k in kinds for e in PLANTS[k][3]]
    found = sorted((f.rule, f.line, f.excerpt) for f in bl4(write_mof(tmp_path, "md", edits)))
    assert found == sorted((PLANTS[k][0], PLANTS[k][1], PLANTS[k][2]) for k in kinds)


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_mof_target_form_consistent_is_silent(fmt, tmp_path):
    from mof_document import TARGET
    from mof_document import write as write_mof

    assert check(write_mof(tmp_path, fmt, source=TARGET), select="BL") == []


@pytest.mark.parametrize("fmt", ["md", "txt"])
@pytest.mark.parametrize("kind", sorted(__import__("mof_document").TARGET_PLANTS))
def test_mof_target_form_plants(kind, fmt, tmp_path):
    from mof_document import TARGET, TARGET_PLANTS
    from mof_document import write as write_mof

    rule, line, excerpt, edits = TARGET_PLANTS[kind]
    found = [f for f in bl4(write_mof(tmp_path, fmt, edits, source=TARGET))]
    assert [(f.rule, f.line, f.excerpt) for f in found] == [(rule, line, excerpt)], [f.message for f in found]


def test_sum_messages_name_both_numbers_and_the_difference(tmp_path):
    # 预算数 10.00 with its 财政资金 cut to 8.00; a 总分 100 over scores adding up to 90
    sources = write(tmp_path, "004", apply(base_text("004"), [(1379, "10.00", "8.00")]))
    [f] = by_rule(bl4(sources), "BL401")
    assert "预算数10万元" in f.message and "合计8万元" in f.message and "相差2万元" in f.message, f.message
    scores = write(tmp_path, "002", apply(base_text("002"), [(154, "100", "90")]))
    [f] = by_rule(bl4(scores), "BL413")
    assert "相差" in f.message and "合计" in f.message, f.message

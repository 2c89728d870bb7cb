"""BL2xx narrative rules: each fires on a real document with the defect and stays silent on
the same document without it (and on traps: rounding, unit conversion, zero changes)."""
from conftest import check, mutate, seed

S000, S001, S004 = seed("000"), seed("001"), seed("004")


def codes(findings, code=None):
    return [(f.rule, f.line, f.excerpt) for f in findings if code is None or f.rule == code]


def bl2(path):
    return check(path, "BL2")


def write(tmp_path, body: str, name="doc.txt"):
    p = tmp_path / name
    p.write_text("某某局2024年部门预算信息公开情况说明\n" + body + "\n", encoding="utf-8")
    return p


# --- the known defects -------------------------------------------------------------------------

def test_seed_000_income_paragraph():
    found = bl2(S000)
    assert ("BL201", 1405, "95.54万元") in codes(found)
    assert ("BL201", 1405, "18万元") in codes(found)
    # the paragraph's own arithmetic is wrong as printed (95.54 + 18 ≠ 107.54): reported on the
    # total, naming the parts the tables contradict, so the findings read as one story
    [s] = [f for f in found if f.rule == "BL202"]
    assert (s.line, s.excerpt) == (1405, "107.54万元") and "113.54" in s.message
    assert "95.54" in s.message and "与表格不符" in s.message
    f = next(f for f in found if f.rule == "BL201" and f.excerpt == "95.54万元")
    assert f.severity == "error" and "107.54" in f.message and "-12.00" in f.message
    assert f.suggestion == "改为107.54万元"
    assert any(r.line == 24 and r.excerpt == "107.54" for r in f.related)  # the 收支总表 cell
    fund = next(f for f in found if f.excerpt == "18万元")
    assert fund.related and all(r.excerpt == "(空)" for r in fund.related)


def test_seed_004_fixed_assets_vs_asset_table():
    found = bl2(S004)
    assert codes(found) == [("BL201", 1742, "0.00万元")]
    f = found[0]
    assert "20.61" in f.message and f.related[0].excerpt == "20.61"
    assert f.related[0].line == 1753


def test_consistent_documents_are_silent():
    assert bl2(S001) == []
    assert bl2(seed("002")) == [] and bl2(seed("003")) == []


def test_seed_004_silent_once_its_defect_is_fixed(tmp_path):
    p = mutate(S004, tmp_path, "上年末固定资产金额为0.00万元", "上年末固定资产金额为20.61万元")
    assert bl2(p) == []


# --- BL201 ---------------------------------------------------------------------------------------

def test_bl201_fires_on_a_changed_narrative_amount(tmp_path):
    p = mutate(S004, tmp_path, "人员经费182.21万元", "人员经费182.31万元")
    assert ("BL201", 1332, "182.31万元") in codes(bl2(p))


def test_bl201_fires_on_a_changed_table_cell(tmp_path):
    p = mutate(S004, tmp_path, "\t193.61\n\t90.00\n", "\t193.71\n\t90.00\n")
    found = codes(bl2(p), "BL201")
    assert ("BL201", 1332, "193.61万元") in found


def test_bl201_is_a_warning_against_a_stand_in_figure(tmp_path):
    p = mutate(S004, tmp_path, "共计安排11.39万元", "共计安排12.39万元")
    f = [f for f in bl2(p) if f.rule == "BL201" and f.line == 1336]
    assert f and f[0].severity == "warning"


def test_bl201_silent_when_the_same_amount_is_written_in_another_unit(tmp_path):
    p = mutate(S004, tmp_path, "共计安排11.39万元", "共计安排113900元")
    assert not [f for f in bl2(p) if f.line == 1336]
    p = mutate(S004, tmp_path, "项目支出90.00万元", "项目支出900000.00元", name="b.txt")
    assert not [f for f in bl2(p) if f.line == 1332]


# --- BL202 ---------------------------------------------------------------------------------------

def test_bl202_fires_when_parts_do_not_add_up(tmp_path):
    p = mutate(S001, tmp_path, "项目支出54.41万元", "项目支出55.41万元")
    assert codes(bl2(p)) == [("BL202", 36, "260.70万元")]


def test_bl202_silent_within_rounding(tmp_path):
    # 182.21 + 11.39 = 193.60 against a printed 193.61: the intervals meet
    assert not [f for f in bl2(S004) if f.line == 1332]


def test_bl202_silent_when_a_listing_is_incomplete_and_short(tmp_path):
    p = write(tmp_path, "2024年预算收入120.00万元，其中：一般公共预算收入100.00万元。")
    assert bl2(p) == []


# --- BL203 / BL204 -------------------------------------------------------------------------------

def test_bl203_fires_when_part_changes_do_not_add_up(tmp_path):
    p = mutate(S004, tmp_path, "项目支出增加30.00万元", "项目支出增加20.00万元")
    assert codes(bl2(p)) == [("BL201", 1742, "0.00万元"), ("BL203", 1334, "21.20万元")]


def test_bl203_fires_when_change_is_not_current_minus_last_year(tmp_path):
    p = write(tmp_path, "2024年“三公”经费预算12.00万元，上年预算10.00万元，比上年增加3.00万元。")
    assert codes(bl2(p)) == [("BL203", 2, "3.00万元")]
    p = write(tmp_path, "2024年“三公”经费预算12.00万元，上年预算10.00万元，比上年增加2.00万元。", "ok.txt")
    assert bl2(p) == []


def test_bl204_fires_on_a_flipped_direction_word(tmp_path):
    p = mutate(S004, tmp_path, "基本支出减少8.80万元", "基本支出增加8.80万元")
    found = [f for f in bl2(p) if f.line == 1334]
    assert codes(found) == [("BL204", 1334, "8.80万元")]
    assert found[0].suggestion == "改为「减少」"
    p = mutate(S001, tmp_path, "较2019年增加104.71万元", "较2019年减少104.71万元", name="b.txt")
    assert codes(bl2(p)) == [("BL204", 38, "104.71万元")]


def test_bl204_direction_against_stated_levels(tmp_path):
    p = write(tmp_path, "2024年“三公”经费预算8.00万元，上年预算10.00万元，比上年增加2.00万元。")
    assert codes(bl2(p)) == [("BL204", 2, "2.00万元")]


def test_bl204_flat_that_is_not_flat(tmp_path):
    p = write(tmp_path, "2024年“三公”经费预算12.00万元，上年预算10.00万元，与上年持平。")
    assert codes(bl2(p)) == [("BL204", 2, "持平")]
    p = write(tmp_path, "2024年“三公”经费预算10.00万元，上年预算10.00万元，与上年持平。", "ok.txt")
    assert bl2(p) == []


def test_bl204_negative_change_is_a_warning(tmp_path):
    p = mutate(S001, tmp_path, "项目支出减少3.07万元", "项目支出减少-3.07万元")
    f = [f for f in bl2(p) if f.rule == "BL204"]
    assert f and f[0].severity == "warning"


def test_zero_change_with_a_direction_word_is_silent():
    # seed 004: “三公”经费 与2024年相比增加0.00万元
    assert not [f for f in bl2(S004) if f.line == 1338]


# --- BL205 ---------------------------------------------------------------------------------------

def test_bl205_growth_rate(tmp_path):
    bad = write(tmp_path, "2024年预算收入120.00万元，上年预算收入100.00万元，比上年增加20.00万元，增长15%。")
    assert codes(bl2(bad)) == [("BL205", 2, "15%")]
    good = write(tmp_path, "2024年预算收入120.00万元，上年预算收入100.00万元，比上年增加20.00万元，增长20%。", "ok.txt")
    assert bl2(good) == []


def test_bl205_increase_from_zero(tmp_path):
    p = write(tmp_path, "2024年预算收入20.00万元，上年预算收入0万元，比上年增长100%。")
    f = [f for f in bl2(p) if f.rule == "BL205"]
    assert f and f[0].severity == "warning"


def test_bl205_share(tmp_path):
    bad = write(tmp_path, "2024年支出预算100.00万元，其中：基本支出70.00万元，占72.0%；项目支出30.00万元。")
    assert codes(bl2(bad)) == [("BL205", 2, "72.0%")]
    good = write(tmp_path, "2024年支出预算100.00万元，其中：基本支出70.00万元，占70.0%；项目支出30.00万元。", "ok.txt")
    assert bl2(good) == []


# --- BL206 ---------------------------------------------------------------------------------------

def test_bl206_unit_slip_against_the_table(tmp_path):
    p = mutate(S004, tmp_path, "共计安排11.39万元", "共计安排11.39元")
    found = [f for f in bl2(p) if f.line == 1336]
    assert codes(found) == [("BL206", 1336, "11.39元")]
    assert found[0].suggestion.startswith("改为11.39万元")


def test_bl206_unit_slip_inside_a_breakdown(tmp_path):
    p = write(tmp_path, "2024年支出预算100.00万元，其中：基本支出70.00万元，项目支出30.00元。")
    assert codes(bl2(p)) == [("BL206", 2, "30.00元")]


# --- the Shanghai wording: 比2024年预算减少…, 持平, breakdowns over enumerated paragraphs ----------

SHANGHAI = """上海市普陀区某某局2025年部门预算
2025年“三公”经费预算数为37.91万元，比2024年预算减少10万元。其中：
（一）因公出国（境）费0万元，比2024年预算持平。
（二）公务用车购置及运行费36.56万元，比2024年预算减少10万元。其中：公务用车购置费15万元，比2024年预算减少10万元；公务用车运行费21.56万元，比2024年预算持平。
（三）公务接待费1.35万元。比2024年预算持平。
"""


def test_shanghai_breakdown_over_paragraphs_is_silent_when_consistent(tmp_path):
    p = tmp_path / "sh.txt"
    p.write_text(SHANGHAI, encoding="utf-8")
    assert bl2(p) == []


def test_shanghai_breakdown_over_paragraphs_finds_a_wrong_part(tmp_path):
    p = tmp_path / "sh.txt"
    p.write_text(SHANGHAI.replace("公务接待费1.35万元", "公务接待费2.35万元"), encoding="utf-8")
    assert codes(bl2(p)) == [("BL202", 2, "37.91万元")]
    p.write_text(SHANGHAI.replace("运行费36.56万元，比2024年预算减少10万元", "运行费36.56万元，比2024年预算减少12万元"),
                 encoding="utf-8")
    assert codes(bl2(p)) == [("BL203", 2, "10万元"), ("BL203", 4, "12万元")]


# --- the same defects in the other formats ----------------------------------------------------------

def test_known_defects_in_docx_and_pdf():
    for fmt in ("docx", "pdf"):
        f000 = bl2(seed("000", fmt))
        assert sorted((f.rule, f.excerpt) for f in f000) == [
            ("BL201", "18万元"), ("BL201", "95.54万元"), ("BL202", "107.54万元")], fmt
        assert all(len({f.line for f in f000}) == 1 for _ in [0])
        assert any(r.excerpt == "107.54" for f in f000 if f.excerpt == "95.54万元" for r in f.related)
        f004 = bl2(seed("004", fmt))
        assert [(f.rule, f.excerpt) for f in f004] == [("BL201", "0.00万元")], fmt
        assert f004[0].related[0].excerpt == "20.61"
        for prefix in ("001", "002", "003"):
            assert bl2(seed(prefix, fmt)) == [], (fmt, prefix)


def test_shanghai_sample_claims_agree_with_tables_in_yuan():
    from linter.claims import claims_of, ledger_of
    from linter.readers import read_document

    from conftest import CORPUS

    doc = read_document(str(CORPUS / "samples" / "2025_putuo_qufuban_dept_budget.pdf"))
    income = [c for c in claims_of(doc) if c.item == "收入合计" and c.relation == "amount"][0]
    assert (str(income.value), income.unit) == ("9101.68", "万元")
    fact = ledger_of(doc)["收入合计"][0]
    assert fact.unit == "元" and income.yuan().meets(fact.yuan())
    assert any(c.item == "财政拨款收入" and c.relation == "change" and c.sign == -1 for c in claims_of(doc))
    assert bl2(CORPUS / "samples" / "2025_putuo_qufuban_dept_budget.pdf") == []


# --- one finding per wrong number --------------------------------------------------------------------

def test_a_wrong_cell_in_one_of_two_tables_is_reported_on_the_cell_not_on_the_text(tmp_path):
    # 收入总计 283.61 is printed in the 收支总表 and in the 收入总表 合计 row; the narrative agrees
    # with both. Break the 收入总表 cell: the text is not wrong, the cell is.
    p = mutate(S004, tmp_path, "\t合计\n\t283.61\n\t283.61\n", "\t合计\n\t283.71\n\t283.61\n")
    found = [f for f in bl2(p) if f.rule == "BL201"]
    assert [(f.line, f.excerpt, f.severity) for f in found if f.line != 1742] == [(267, "283.71", "warning")]
    f = next(f for f in found if f.line == 267)
    assert any(r.line == 1330 for r in f.related) and any(r.line == 222 for r in f.related)
    assert f.suggestion == "改为283.61"


def test_a_wrong_part_is_named_in_the_sum_finding(tmp_path):
    # 182.31 + 11.39 ≠ 193.61 as printed: the sum finding names the part the table contradicts
    p = mutate(S004, tmp_path, "人员经费182.21万元", "人员经费182.31万元")
    found = bl2(p)
    assert sorted(codes(found)) == [("BL201", 1332, "182.31万元"), ("BL201", 1742, "0.00万元"),
                                    ("BL202", 1332, "193.61万元")]
    s = next(f for f in found if f.rule == "BL202")
    assert "人员经费182.31万元与表格不符" in s.message


def test_a_wrong_total_is_reported_once(tmp_path):
    p = mutate(S004, tmp_path, "2025年支出预算283.61万元", "2025年支出预算284.61万元")
    assert [(f.rule, f.excerpt) for f in bl2(p) if f.line == 1332] == [("BL201", "284.61万元")]


# --- levels stated as 由X到Y and as last year's budget ----------------------------------------------

def test_bl204_from_to_with_the_wrong_direction_word(tmp_path):
    bad = write(tmp_path, "2024年“三公”经费由10.00万元减少到12.00万元。")
    assert codes(bl2(bad)) == [("BL204", 2, "12.00万元")]
    good = write(tmp_path, "2024年“三公”经费由10.00万元增加到12.00万元，增长20%。", "ok.txt")
    assert bl2(good) == []
    bad = write(tmp_path, "2024年“三公”经费由10.00万元增加到12.00万元，增长25%。", "pct.txt")
    assert codes(bl2(bad)) == [("BL205", 2, "25%")]


def test_last_years_budget_named_by_its_year(tmp_path):
    p = tmp_path / "y.txt"
    p.write_text("某某局2025年部门预算信息公开情况说明\n"
                 "2025年“三公”经费预算12.00万元，2024年预算10.00万元，比2024年增加3.00万元。\n", encoding="utf-8")
    assert codes(bl2(p)) == [("BL203", 2, "3.00万元")]
    p.write_text("某某局2025年部门预算信息公开情况说明\n"
                 "2025年“三公”经费预算12.00万元，2023年预算10.00万元，比2024年增加2.00万元。\n", encoding="utf-8")
    assert bl2(p) == []  # 2023 is not last year: no level to compare with


def test_a_small_amount_against_a_blank_cell(tmp_path):
    # a blank cell is an exact zero, not 0 ± 0.5万元: 0.4万元 claimed where the table is blank
    p = mutate(S004, tmp_path, "财政专户核拨收入0.00万元", "财政专户核拨收入0.40万元")
    assert ("BL201", 1330, "0.40万元") in codes(bl2(p))


# --- 百分点: the change of a share ----------------------------------------------------------------

_S1_EXPENSE = "2020年部门支出预算为260.70万元，其中基本支出206.29万元，"


def _points(tmp_path, new, name="p.txt"):
    return [(f.rule, f.line, f.excerpt) for f in bl2(mutate(seed("001"), tmp_path, _S1_EXPENSE, new, name=name))]


def test_points_change_against_both_shares(tmp_path):
    shares = "2020年部门支出预算为260.70万元，其中基本支出206.29万元，占79.13%，上年占比为75.00%，比上年{}个百分点，"
    # 上年占比 is last year's share, not a wrong share of this year's total
    assert _points(tmp_path, shares.format("提高4.13")) == []
    assert _points(tmp_path, shares.format("提高4.1"), "r.txt") == []  # rounded to one decimal
    assert _points(tmp_path, shares.format("下降4.13"), "d.txt") == [("BL204", 36, "4.13个百分点")]
    assert _points(tmp_path, shares.format("提高3.13"), "m.txt") == [("BL205", 36, "3.13个百分点")]


def test_points_change_against_both_years_amounts(tmp_path):
    # 2019: 98.51 of 155.99 = 63.15%; 2020: 206.29 of 260.70 = 79.13%: up 15.98 points
    amounts = ("2020年部门支出预算为260.70万元，较2019年增加104.71万元，其中基本支出206.29万元，"
               "较2019年增加107.78万元，{}个百分点，")
    assert _points(tmp_path, amounts.format("占比较上年提高15.98")) == []
    assert _points(tmp_path, amounts.format("占比较上年提高16"), "r.txt") == []
    found = bl2(mutate(seed("001"), tmp_path, _S1_EXPENSE, amounts.format("占比较上年下降15.98"), name="d.txt"))
    [f] = found
    assert (f.rule, f.excerpt) == ("BL204", "15.98个百分点") and f.suggestion == "改为「提高」"
    assert "15.98" in f.message and f.related
    assert _points(tmp_path, amounts.format("占比较上年提高12.5"), "m.txt") == [("BL205", 36, "12.5个百分点")]
    # a rate that is not a share of these amounts is not checked
    assert _points(tmp_path, amounts.format("预算执行率较上年提高2"), "x.txt") == []

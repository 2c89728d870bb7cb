"""BL2 on the Shanghai samples (another template: tables in 元, narrative in 万元, 决算 documents):
科目 amounts vs the classification rows, 决算 readings (年初预算 / 支出决算 / 完成预算%), and one
finding per wrong number. The samples are real; a defect is injected by editing one line of
the document's text view in memory (the PDFs cannot be edited as text)."""
from conftest import CORPUS

from linter.claims import FUNC, claims_of, ledger_of
from linter.config import Selection
from linter.engine import load_rules, run_rules
from linter.paragraphs import assign_paragraphs
from linter.readers import read_document

SAMPLES = CORPUS / "samples"


def _doc(name, old=None, new=None):
    doc = read_document(str(SAMPLES / name))
    if old is not None:
        hits = [ln for ln in doc.lines if old in ln.text]
        assert hits, f"{old!r} not in {name}"
        hits[0].text = hits[0].text.replace(old, new, 1)
        assign_paragraphs(doc)  # the paragraphs hold the text they were built from
    return doc


def bl2(doc):
    sel = Selection(select=["BL2"])
    return list(run_rules(doc, load_rules(sel), sel))


def at(findings, excerpt):
    return [(f.rule, f.severity) for f in findings if f.excerpt == excerpt]


# --- 科目 amounts (function classification) --------------------------------------------------

def test_dashed_subject_amounts_are_read_and_agree_with_the_tables_in_yuan():
    doc = _doc("2025_putuo_qufuban_dept_budget.pdf")
    c = next(c for c in claims_of(doc) if c.item == FUNC + "卫生健康支出/行政事业单位医疗/行政单位医疗")
    assert (str(c.value), c.unit) == ("78.29", "万元")
    facts = ledger_of(doc)[c.item]
    assert {f.table.kind for f in facts} >= {"budget_expense", "budget_gpb_expense"}
    assert all(f.unit == "元" and c.yuan().meets(f.yuan()) for f in facts)
    assert bl2(doc) == []


def test_a_wrong_subject_amount_is_reported_against_the_classification_row():
    doc = _doc("2025_putuo_qufuban_dept_budget.pdf", "科目78.29万元", "科目78.92万元")
    found = [f for f in bl2(doc) if f.rule == "BL201"]
    assert [f.excerpt for f in found] == ["78.92万元"]
    assert "782,855.28" in [r.excerpt for r in found[0].related]
    assert found[0].suggestion == "改为78.29万元"


def test_bracketed_subject_path_with_mixed_parentheses():
    # “卫生健康支出（类）行政事业单位医疗（款)行政单位医疗（项）”63.19万元
    doc = _doc("2025_putuo_shangwuwei_dept_budget.pdf")
    items = {c.item for c in claims_of(doc) if c.item.startswith(FUNC)}
    assert FUNC + "卫生健康支出/行政事业单位医疗/行政单位医疗" in items
    assert bl2(doc) == []
    doc = _doc("2025_putuo_shangwuwei_dept_budget.pdf", "”63.19万元", "”36.19万元")
    assert at(bl2(doc), "36.19万元") == [("BL201", "error")]


def test_a_subject_stated_twice_differently_is_caught_once():
    # real: “住房公积金（项）”350.35万元 … 2024年预算安排352.67万元 (table 3,503,499 元)
    found = bl2(_doc("2024_putuo_wanli_jiedao_dept_budget.pdf"))
    assert at(found, "352.67万元") == [("BL201", "error")]
    assert not at(found, "350.35万元")
    assert not [f for f in found if f.rule in ("BL203", "BL205") and f.excerpt == "0.53%"]


# --- 决算 documents ---------------------------------------------------------------------------------

def test_final_readings_budget_actual_and_completion_rate():
    doc = _doc("2024_putuo_guiziju_dept_final.pdf")
    by = [(c.relation, c.period, str(c.value)) for c in claims_of(doc)
          if c.item == FUNC + "卫生健康支出/行政事业单位医疗/行政单位医疗"]
    assert by[:3] == [("amount", "budget", "42.73"), ("amount", "current", "40.35"), ("rate", "current", "94.43")]
    found = bl2(doc)
    assert not [f for f in found if f.excerpt in ("40.35万元", "94.43%")]
    # a wrong 决算 figure for a 科目, and a wrong completion rate
    doc = _doc("2024_putuo_guiziju_dept_final.pdf", "支出决算为40.35万元", "支出决算为41.35万元")
    assert [f.rule for f in bl2(doc) if f.excerpt == "41.35万元"] == ["BL201"]
    assert [f.rule for f in bl2(doc) if f.excerpt == "94.43%"] == ["BL205"]


def test_final_ledger_reads_totals_three_public_columns_and_basic_expense_blocks():
    led = ledger_of(_doc("2024_putuo_caizhengju_dept_final.pdf"))
    assert str(led["收支总计"][0].number) == "2,995.39".replace(",", "")
    assert str(led["财政拨款收支总计"][0].number) == "2961.68"
    assert str(led["收入合计"][0].number) == "2946.25"  # 本年收入合计, not 总计
    assert {(f.period, str(f.number)) for f in led["三公经费"]} == {("budget", "0.95"), ("current", "0")}
    assert str(led["人员经费"][0].number) == "2152.26" and str(led["公用经费"][0].number) == "184.65"


def test_real_defects_of_the_final_samples():
    found = bl2(_doc("2024_putuo_caizhengju_dept_final.pdf"))
    # 财政拨款收入支出总计0.3万元 (table 2,961.68); 一般公共服务支出 2106.66 / 2940.05 is 71.65%, not 71.73%
    assert at(found, "0.3万元") == [("BL201", "error")]
    assert at(found, "71.73%") == [("BL205", "error")]
    assert len(found) == 2
    # the GPB basic expense stated with the all-funds figure (GPB table: 5,364.75)
    found = bl2(_doc("2024_putuo_guiziju_dept_final.pdf"))
    assert at(found, "5377.64万元") == [("BL201", "error")]


def test_a_stand_in_figure_is_an_upper_bound():
    # 机关运行经费 142.80 is less than the 公用经费 480.66 of a department with 事业单位: silent
    found = bl2(_doc("2024_putuo_guiziju_dept_final.pdf"))
    assert not at(found, "142.80万元")
    doc = _doc("2024_putuo_guiziju_dept_final.pdf", "机关运行经费支出142.80万元", "机关运行经费支出542.80万元")
    assert at(bl2(doc), "542.80万元") == [("BL201", "warning")]


def test_shares_against_the_paragraph_total_and_the_ledger():
    doc = _doc("2024_putuo_shegongbu_dept_final.pdf", "社会保障和就业支出（类）10.82万元，占3.52%",
               "社会保障和就业支出（类）10.82万元，占4.52%")
    assert at(bl2(doc), "4.52%") == [("BL205", "error")]
    # 占本年支出合计的100.00%: the denominator read from the tables
    assert not at(bl2(_doc("2024_putuo_shegongbu_dept_final.pdf")), "100.00%")


def test_truncated_percentages_are_not_errors():
    # 9746.50 / 9759.38 = 99.868%: printed 99.86% (truncated)
    assert not at(bl2(_doc("2024_putuo_guiziju_dept_final.pdf")), "99.86%")


def test_template_with_placeholders_has_no_claims():
    assert bl2(_doc("2024_shanghai_dept_final_TEMPLATE_XX.pdf")) == []


def test_class_amounts_listed_under_a_total_add_up_to_it():
    name = "2024_putuo_shegongbu_dept_final.pdf"
    listing = "；卫生健康支出（类）2.71万元，占0.88%"
    assert not [f for f in bl2(_doc(name)) if f.rule == "BL202"]
    # one 类 edited: its table disagrees (BL201) and the listing no longer adds up (BL202 on the total)
    found = bl2(_doc(name, listing, "；卫生健康支出（类）12.71万元，占0.88%"))
    [s] = [f for f in found if f.rule == "BL202"]
    assert s.excerpt == "307.82万元" and "317.82" in s.message and len(s.related) == 4
    assert at(found, "12.71万元") == [("BL201", "error")]
    # a 类 left out: the listing is not complete by the tables' classes, so no sum is checked
    assert not [f for f in bl2(_doc(name, listing, "")) if f.rule == "BL202"]
    # parts short of the total with every 类 listed
    found = bl2(_doc(name, listing, "；卫生健康支出（类）1.71万元，占0.88%"))
    assert [f.excerpt for f in found if f.rule == "BL202"] == ["307.82万元"]

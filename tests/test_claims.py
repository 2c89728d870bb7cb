"""Numbers in running text, claims and the table ledger, on real corpus documents."""
import json
from decimal import Decimal

import pytest
from conftest import run_cli, seed

from linter.claims import _glued, claims_of, ledger_of, match_item, vocab
from linter.cnnum import parse_chinese, scan
from linter.numbers import Number
from linter.readers import read_document


def kinds(text):
    return [(t.kind, t.text) for t in scan(text)]


def amounts(text):
    return [(t.number, t.unit) for t in scan(text) if t.kind == "amount"]


# --- numbers in text ------------------------------------------------------------------------

def test_arabic_amounts_with_units_separators_and_fullwidth_digits():
    assert amounts("收入预算9,101.68万元") == [(Number(Decimal("9101.68"), 2), "万元")]
    assert amounts("１２３．５万元") == [(Number(Decimal("123.5"), 1), "万元")]
    assert amounts("共1900元，合计1.2亿元，另3千元") == [
        (Number(Decimal("1900"), 0), "元"), (Number(Decimal("1.2"), 1), "亿元"), (Number(Decimal("3"), 0), "千元")]
    assert amounts("127.21 万元") == [(Number(Decimal("127.21"), 2), "万元")]
    assert amounts("舆情通软件服务费19.05万，") == [(Number(Decimal("19.05"), 2), "万元")]


def test_chinese_numerals():
    assert parse_chinese("一百零七点五四") == Number(Decimal("107.54"), 2)
    assert parse_chinese("两千") == Number(Decimal("2000"), 0)
    assert parse_chinese("十四") == Number(Decimal("14"), 0)
    assert parse_chinese("一亿两千万") == Number(Decimal("120000000"), 0)
    assert amounts("一百零七点五四万元") == [(Number(Decimal("107.54"), 2), "万元")]
    assert amounts("两千万元") == [(Number(Decimal("2000"), 0), "万元")]
    # a one-digit numeral after a word: 万元 makes it an amount, a bare 元 does not (统一元旦)
    assert amounts("项目支出四万元，占8.83%") == [(Number(Decimal("4"), 0), "万元")]
    # 万 after a 亿 part belongs to the whole numeral: 一亿二千万元 is 12000万元, not 100002000万元
    assert amounts("一亿二千万元") == [(Number(Decimal("12000"), 0), "万元")]
    assert amounts("三亿零五百万元") == [(Number(Decimal("30500"), 0), "万元")]
    assert amounts("两亿元") == [(Number(Decimal("2"), 0), "亿元")]


def test_years_dates_document_numbers_and_periods_are_not_money():
    assert kinds("2025年预算") == [("year", "2025年")]
    assert kinds("2025年度") == [("year", "2025年度")]
    assert kinds("截止时间：2024-12-31") == [("date", "2024-12-31")]
    assert kinds("2024年12月31日") == [("date", "2024年12月31日")]
    assert kinds("唐网办字【2024】2号") == [("docno", "【2024】2号")]
    assert kinds("元发〔2019〕7号") == [("docno", "〔2019〕7号")]
    assert kinds("2021—2025年规划") == [("period", "2021—2025年")]
    assert kinds("“十四五”规划1份")[0][0] == "period"
    assert kinds("2083.68万元") == [("amount", "2083.68万元")]
    assert not amounts("联系电话：17778260526")
    assert not amounts("3100人/月，5万人次，统一元旦")


def test_percent_and_points():
    assert kinds("增长15.2%，下降3个百分点") == [("percent", "15.2%"), ("points", "3个百分点")]


# --- items --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,item", [
    ("一般公共预算收入", "一般公共预算收入"), ("一般公共预算拨款收入", "一般公共预算收入"),
    ("一般公共预算财政拨款", "一般公共预算收入"), ("基金预算收入", "政府性基金收入"),
    ("政府性基金预算拨款收入", "政府性基金收入"), ("日常公用经费", "公用经费"),
    ("2023年部门支出预算为", "支出合计"), ("我部门机关运行经费共计安排", "机关运行经费"),
    ("财政拨款“三公”经费预算安排", "三公经费"), ("公务用车运维费", "公务用车运维费"),
    ("上年末固定资产金额为", "固定资产"), ("本年度拟购置固定资产总额为", "拟购置固定资产"),
])
def test_synonyms_map_to_canonical_items(text, item):
    assert match_item(text)[0] == item


def test_words_that_only_look_like_items_are_not_items():
    # the goods part of 政府采购 (items.json composition 政府采购 = 货物 + 工程 + 服务), not its total
    assert match_item("政府采购货物预算")[0] == "政府采购货物"
    assert match_item("美丽乡村工程") is not None and _glued("美丽乡村工程", match_item("美丽乡村工程"))
    assert match_item("涉及项目预算资金") is None
    assert match_item("调整预算数") is None


def test_domain_lexicon_holds_every_synonym_as_one_word():
    from linter.segment import cut

    for syn, _item in vocab().synonyms:
        if all("\u4e00" <= ch <= "\u9fff" for ch in syn):  # jieba splits at punctuation such as （）
            assert cut(syn) == [syn], syn


# --- claims on real documents ------------------------------------------------------------------

def test_income_claims_of_seed_000_are_linked_to_their_total():
    doc = read_document(str(seed("000")))
    line = [c for c in claims_of(doc) if c.line == 1405]
    total = line[0]
    assert (total.item, str(total.value), total.unit, total.relation) == ("收入合计", "107.54", "万元", "amount")
    parts = {c.item: c for c in line[1:]}
    assert set(parts) == {"一般公共预算收入", "政府性基金收入", "财政专户收入", "单位资金收入", "上年结转"}
    assert all(c.parent == total.index for c in parts.values())
    assert str(parts["一般公共预算收入"].value) == "95.54"
    assert parts["上年结转"].period == "current"  # 上年结转 is this year's money
    text = doc.line(1405).text
    c = parts["政府性基金收入"]
    assert text[c.start:c.end] == "18万元"


def test_nested_parts_and_changes_of_seed_004():
    doc = read_document(str(seed("004")))
    claims = claims_of(doc)
    by = {(c.line, c.item, c.relation): c for c in claims}
    basic = by[(1332, "基本支出", "amount")]
    assert claims[by[(1332, "人员经费", "amount")].parent] is basic
    assert claims[by[(1332, "项目支出", "amount")].parent] is by[(1332, "支出合计", "amount")]
    total = by[(1334, "收支总额", "change")]
    assert (total.sign, total.base, str(total.value)) == (1, "2024年", "21.20")
    assert by[(1334, "基本支出", "change")].sign == -1
    assert by[(1742, "固定资产", "amount")].period == "prior_end"


def test_a_change_stated_without_a_subject_takes_the_sentence_subject():
    doc = read_document(str(seed("000")))
    c = [c for c in claims_of(doc) if c.line == 1409 and c.relation == "change"][0]
    assert (c.item, c.base, c.sign) == ("收支总额", "2022年", 1)


def test_an_amount_wrapped_over_a_pdf_line_break_is_placed_on_its_first_line():
    # a PDF paragraph joined from two lines: 107.54万 | 元，其中… (the reader breaks after 万)
    from linter.model import Document, Line
    from linter.paragraphs import assign_paragraphs

    lines = [Line(1, "2025年部门预算收入合计107.54万", page=1),
             Line(2, "元，其中：一般公共预算收入107.54万元。", page=1)]
    doc = Document("wrapped.pdf", "pdf", lines)
    doc.meta.year = 2025
    assign_paragraphs(doc)
    total = [c for c in claims_of(doc) if c.item == "收入合计"][0]
    assert (total.line, total.start) == (1, 13)
    assert total.end == len(lines[0].text)  # not past the end of the line it starts on
    assert lines[0].text[total.start:total.end] == "107.54万"


def test_ledger_reads_tables_with_cells_and_blank_means_none():
    doc = read_document(str(seed("000")))
    led = ledger_of(doc)
    gpb = led["一般公共预算收入"][0]
    assert str(gpb.number) == "107.54" and gpb.unit == "万元" and gpb.cell.text.strip() == "107.54"
    fund = led["政府性基金收入"][0]
    assert fund.number.value == 0 and fund.cell.blank
    assert str(led["公用经费"][0].number) == "4.74"
    assert led["固定资产"][0].number.value == 0  # empty asset table


def test_ledger_reads_the_asset_table_value_column():
    doc = read_document(str(seed("004")))
    fact = ledger_of(doc)["固定资产"][0]
    assert str(fact.number) == "20.61" and fact.period == "prior_end"
    assert doc.line(fact.cell.line).text.strip() == "20.61"


def test_extract_claims_json_lists_claims_with_spans_and_the_ledger():
    res = run_cli("extract", "--claims", "--format", "json", str(seed("000")))
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    c = [c for c in data["claims"] if c["line"] == 1405 and c["item"] == "一般公共预算收入"][0]
    assert (c["value"], c["unit"], c["start"], c["end"]) == ("95.54", "万元", 41, 48)
    assert data["ledger"]["一般公共预算收入"][0]["value"] == "107.54"


def test_extract_claims_text():
    res = run_cli("extract", "--claims", str(seed("004")))
    assert res.returncode == 0, res.stderr
    assert "## Claims" in res.stdout and "## Ledger" in res.stdout
    assert "固定资产 = 20.61万元" in res.stdout
    # what each clause states, by role, with the subject it was read for
    assert "## Statements" in res.stdout and "amount     0.00万元" in res.stdout


def test_parts_under_a_specific_subject_are_scoped_to_its_rows():
    from linter.testing import document_from_text

    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "107.54", "95.54", "12.00"],
            ["208", "社会保障和就业支出", "6.07", "6.07", ""], ["20805", "行政事业单位养老支出", "6.07", "6.07", ""],
            ["2080506", "机关事业单位职业年金缴费支出", "6.07", "6.07", ""]]
    doc = document_from_text(
        "某县财政局2025年部门预算公开\n一、支出预算情况\n本年支出合计107.54万元，其中：基本支出95.54万元，项目支出12.00万元。\n"
        "社会保障和就业（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）6.07万元，其中：基本支出6.07万元，项目支出0万元。\n",
        tables=[{"title": "部门预算支出总表", "unit": "万元", "rows": rows}])
    by_text = {(c.item, c.text): c for c in claims_of(doc)}
    assert by_text[("基本支出", "95.54万元")].scope is None  # the document's
    scoped = by_text[("基本支出", "6.07万元")]
    assert scoped.scope is not None and scoped.scope.name.endswith("机关事业单位职业年金缴费支出")
    from linter.claims import scoped_facts
    assert [(f.number.value, f.cell.text) for f in scoped_facts(doc, scoped)] == [(Decimal("6.07"), "6.07")]
    assert scoped_facts(doc, by_text[("项目支出", "0万元")])[0].exact  # a blank cell: exactly none


def test_a_code_in_brackets_marks_the_level_of_a_kemu():
    from linter.claims import func_path

    assert func_path("一般公共服务支出（201）") == (("一般公共服务支出",), 0)
    assert func_path("社会保障和就业支出（208）行政事业单位养老支出（20805）")[0] == ("社会保障和就业支出", "行政事业单位养老支出")
    assert func_path("住房公积金（2210201）") is None  # a 项 alone names no path from its 类
    assert func_path("某某规划（2021）") is None  # a year is no code

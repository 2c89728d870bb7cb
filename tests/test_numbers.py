from decimal import Decimal

from linter.numbers import Number, agree, parse_number, sum_agrees


def n(text):
    return parse_number(text)


def test_parse_keeps_printed_precision():
    assert n("107.54") == Number(Decimal("107.54"), 2)
    assert n("1,097,073.43") == Number(Decimal("1097073.43"), 2)
    assert n("６.００") == Number(Decimal("6.00"), 2)
    assert n("30") == Number(Decimal("30"), 0)


def test_parse_rejects_non_numbers():
    for text in ("", "—", "-", "合计", "2022-12-31", "1.2.3", "12万元"):
        assert n(text) is None, text


def test_interval_rule_allows_rounding_but_not_errors():
    # 0.333 + 0.333 + 0.333 printed as 0.33 each, total printed 1.00: intervals meet
    assert sum_agrees(n("1.00"), [n("0.33"), n("0.33"), n("0.33")])
    assert sum_agrees(n("107.54"), [n("77.54"), n("30.00")])
    assert not sum_agrees(n("107.54"), [n("95.54"), n("18")])
    # a value printed with fewer decimals stands for a wider interval
    assert agree(n("72.8"), n("72.80"))
    assert agree(n("11"), n("11.4"))
    assert not agree(n("11"), n("11.6"))


def test_scaling_keeps_the_printed_interval():
    yuan = n("107.54").scaled(Decimal(10000))
    assert yuan.value == Decimal("1075400") and yuan.decimals == -2
    assert yuan.low == Decimal("1075350") and yuan.high == Decimal("1075450")
    assert agree(yuan, n("1075423.18"))
    assert not agree(yuan, n("1075460"))


def test_amounts_beyond_python_default_precision_are_compared_exactly():
    """29 significant digits made BL101/102/103 raise decimal.InvalidOperation (the default
    context holds 28); rules now run in a wide context and the sum is checked exactly."""
    from linter.testing import run_rule

    half = "5" + "0" * 25  # with two decimals, 28 significant digits; the parent has 29
    parent = "1" + "0" * 25 + "1"  # one more than the children's sum
    rows = [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", parent + ".00"],
            ["20101", "人大事务", parent + ".00"], ["2010101", "行政运行", half + ".00"],
            ["2010102", "一般行政管理事务", half + ".00"]]
    table = {"title": "一般公共预算支出预算表", "unit": "万元", "rows": rows}
    found = run_rule("BL101", "平乡县财政局2025年部门预算公开", [table])
    assert [f.excerpt for f in found] == [parent + ".00"]  # off by 1 in 29 digits, found exactly
    rows[-1][2] = "5" + "0" * 24 + "1.00"
    assert run_rule("BL101", "平乡县财政局2025年部门预算公开", [table]) == []


def test_a_run_of_digits_too_long_for_any_amount_is_not_an_amount():
    from linter.numbers import MAX_AMOUNT_DIGITS, parse_number
    from linter.testing import document_from_text, run_rules_on

    assert parse_number("9" * MAX_AMOUNT_DIGITS) is not None
    assert parse_number("9" * (MAX_AMOUNT_DIGITS + 1)) is None
    huge = "1" + "0" * 200 + ".00"
    doc = document_from_text(f"平乡县财政局2025年部门预算公开\n2025年收入预算{huge}万元。",
                             [{"title": "收支预算总表", "unit": "万元", "rows": [
                                 ["收入项目", "预算数", "支出项目", "预算数"], ["一般公共预算拨款收入", huge, "一般公共服务支出", "1.00"],
                                 ["收入总计", huge, "支出总计", "1.00"]]}])
    run_rules_on(doc, ["BL"])  # no rule raises


# --- values with a comparison, prices, amounts after a phrase (linter.cnnum) ---------------

def test_quantity_reads_comparison_words_from_the_data_and_folds_full_width():
    from linter.cnnum import quantity

    cases = {"≥98%": ("≥", "98", "%"), "不低于95%": ("≥", "95", "%"), "≤7万元": ("≤", "7", "万元"),
             "＞＝３次": ("≥", "3", "次"), "不超过1,200元": ("≤", "1200", "元"), "约5天": ("=", "5", "天"),
             "１００": ("", "100", "")}
    for text, (op, value, unit) in cases.items():
        q = quantity(text)
        assert (q.op, str(q.number.value), q.unit) == (op, value, unit), text
    assert quantity("≤68万").is_money and not quantity("≥3次").is_money
    assert quantity("达到市网信办要求") is None and quantity("98%以上的群众表示非常满意") is None


def test_percentage_is_a_plain_percentage_only():
    from linter.cnnum import percentage

    assert str(percentage("99.99%")) == "99.99" and str(percentage("100")) == "100"
    assert percentage("≥90%") is None and percentage("20个") is None


def test_amount_after_a_phrase_and_what_a_price_is_for():
    from linter.cnnum import amount_after, rate_after, scan

    text = "调整预算数 1,567,500 元，支出１５６.７５万元，设备10000元/台，补贴120元／人/年"
    tokens = scan(text)
    at = text.index("1,567")
    assert amount_after(tokens, text, text.index("数") + 1).start == at
    assert amount_after(tokens, text, text.index("支出") + 2).text == "１５６.７５万元"
    assert amount_after(tokens, text, 0) is None
    prices = [(t.text, rate_after(text, t)) for t in tokens if t.kind == "amount"]
    assert [(t, r[0] if r else None) for t, r in prices] == [
        ("1,567,500 元", None), ("１５６.７５万元", None), ("10000元", "台"), ("120元", "人/年")]


def test_an_ascii_comma_after_words_ends_a_clause_and_does_not_hide_the_amount():
    from linter.cnnum import scan

    found = [str(t.number) for t in scan("共3人,100元；1,567,500.00元,增长5%") if t.kind in ("amount", "percent")]
    assert found == ["100", "1567500.00", "5"]


def test_an_ascii_comma_after_a_decimal_fraction_separates_a_list_of_figures():
    from linter.cnnum import scan

    # a fraction takes no thousands group, so the figure after the comma is the list's next one
    # (and the shared unit is read with it); after a whole number the comma stays a separator
    found = [t.text for t in scan("收、支总计各是44.92,44.92万元；各是1,234.50,1,300.00元；共12,345元")
             if t.kind == "amount"]
    assert found == ["44.92万元", "1,300.00元", "12,345元"]
    assert [t.text for t in scan("合计12,34万元") if t.kind == "amount"] == []

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

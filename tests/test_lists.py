"""Respectively-lists (linter/lists.py): each value goes with its own subject."""
from decimal import Decimal

from linter.cnnum import scan
from linter.lists import read_lists


def listed(text):
    return [(x.subject, x.token.text, x.token.unit, x.prefix) for x in read_lists(text, scan(text)).values()]


def test_subjects_and_values_pair_in_order():
    got = listed("其中一般公共预算收入、政府性基金预算收入分别为95.54万元、18.00万元。")
    assert got == [("其中一般公共预算收入", "95.54万元", "万元", "其中一般公共预算收入为"),
                   ("政府性基金预算收入", "18.00万元", "万元", "政府性基金预算收入为")]


def test_a_value_without_unit_takes_the_next_unit():
    xs = list(read_lists("基本支出和项目支出分别为80.00、20.00万元。", scan("基本支出和项目支出分别为80.00、20.00万元。")).values())
    assert [(x.subject, x.token.number.value, x.token.unit) for x in xs] == [
        ("基本支出", Decimal("80.00"), "万元"), ("项目支出", Decimal("20.00"), "万元")]


def test_a_conjunction_inside_a_name_is_kept_when_the_commas_suffice():
    got = listed("社会保障和就业支出、卫生健康支出分别为3.00万元、2.00万元")
    assert [g[0] for g in got] == ["社会保障和就业支出", "卫生健康支出"]


def test_a_later_clause_repeats_the_subjects_and_shares_its_words():
    got = listed("人员经费、公用经费较上年分别减少2.00万元、1.00万元，分别下降10.00%、5.00%，预算数分别为18.00万元、19.00万元。")
    assert [(g[0], g[1], g[3]) for g in got] == [
        ("人员经费", "2.00万元", "人员经费较上年减少"), ("公用经费", "1.00万元", "公用经费较上年减少"),
        ("人员经费", "10.00%", "人员经费下降"), ("公用经费", "5.00%", "公用经费下降"),
        ("人员经费", "18.00万元", "人员经费预算数为"), ("公用经费", "19.00万元", "公用经费预算数为")]


def test_no_pairing_when_the_counts_differ_or_a_sentence_ended():
    assert listed("基本支出、项目支出、其他支出分别为3.00万元、2.00万元") == []
    assert listed("基本支出、项目支出分别为3.00万元、2.00万元。分别增加1.00万元、1.00万元") [2:] == []
    assert listed("资金分别于2024年、2025年拨付") == []

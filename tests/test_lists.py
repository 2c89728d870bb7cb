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


def test_the_conjunction_that_closes_the_list_splits_it():
    # 及 inside a name, 和 closing the list: the split whose subjects end alike
    got = listed("因公出国（境）费、公务用车购置及运行维护费和公务接待费分别为0.00万元、0.00万元和1.18万元")
    assert [g[0] for g in got] == ["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"]
    got = listed("社会保障和就业支出和卫生健康支出分别为3.00万元、2.00万元")
    assert [g[0] for g in got] == ["社会保障和就业支出", "卫生健康支出"]


def test_no_pairing_when_no_one_split_of_the_conjunctions_fits():
    assert listed("基本支出和对个人和家庭的补助分别为3.00万元、2.00万元") == []


def test_share_words_before_respectively_are_every_subjects():
    got = listed("基本支出和项目支出分别为143.45万元和90.71万元，占支出总额的比重分别为61.26%和38.74%。")
    assert [(g[0], g[1], g[3]) for g in got[2:]] == [
        ("基本支出", "61.26%", "基本支出占支出总额的比重为"), ("项目支出", "38.74%", "项目支出占支出总额的比重为")]
    got = listed("基本支出、项目支出所占比例分别是61.26%、38.74%。")
    assert [(g[0], g[3]) for g in got] == [("基本支出", "基本支出所占比例是"), ("项目支出", "项目支出所占比例是")]
    got = listed("基本支出、项目支出分别安排143.45万元、90.71万元，比重分别为61.26%、38.74%。")
    assert [(g[0], g[3]) for g in got[2:]] == [("基本支出", "基本支出比重为"), ("项目支出", "项目支出比重为")]


def test_share_words_are_not_taken_from_a_subject_before_other_role_words():
    # 资产占用费 is a subject; 分别增长 is no share
    got = listed("租赁费、资产占用费分别增长5.00%、3.00%。")
    assert [g[0] for g in got] == ["租赁费", "资产占用费"]


def test_shares_printed_before_their_subject():
    from linter.lists import read_share_first

    text = "一般公共预算支出227.07万元中，88.16%（200.19万元）用于“一般公共服务支出”，其中７．０１％用于（208）社会保障和就业支出。"
    got = [(x.subject, x.token.text, x.prefix) for x in read_share_first(text, scan(text)).values()]
    assert got == [("“一般公共服务支出”", "88.16%", "“一般公共服务支出”占"), ("“一般公共服务支出”", "200.19万元", "“一般公共服务支出”"),
                   ("（208）社会保障和就业支出", "７．０１％", "（208）社会保障和就业支出占")]


def test_a_percentage_with_a_role_of_its_own_is_not_share_first():
    from linter.lists import read_share_first

    text = "比上年增长5.00%用于弥补缺口，上年为3.00%。"
    assert read_share_first(text, scan(text)) == {}


def test_other_respectively_words_pair_like_fenbie():
    got = listed("一般公共服务支出（201）、住房保障支出（221）各是120.50、9.30万元，各占92.8%、7.2%。")
    assert [(g[0], g[1], g[2], g[3]) for g in got] == [
        ("一般公共服务支出（201）", "120.50", "万元", "一般公共服务支出（201）是"),
        ("住房保障支出（221）", "9.30万元", "万元", "住房保障支出（221）是"),
        ("一般公共服务支出（201）", "92.8%", "%", "一般公共服务支出（201）占"),
        ("住房保障支出（221）", "7.2%", "%", "住房保障支出（221）占")]
    assert [g[3] for g in listed("基本支出、项目支出和其他支出依次为1.00、2.00、3.00万元")] == [
        "基本支出为", "项目支出为", "其他支出为"]


def test_ge_as_a_determiner_opens_no_list():
    assert listed("各项支出、各级补助12.00万元、13.00万元") == []
    assert listed("各单位、各部门预算12.00万元、13.00万元") == []


def test_bare_counts_codes_and_years_take_no_unit():
    assert listed("内设科室、下属单位各为5、2个，支出预算12.00万元") == []
    assert listed("一般公共服务支出、住房保障支出的科目代码依次为201、221，支出预算12.00万元") == []
    assert listed("资金依次于2024、2025年拨付12.00万元") == []


def test_a_list_of_counts_names_the_subjects_of_the_amounts_after_it():
    got = listed("货物类、服务类各为3、4个项目，金额依次为8.10、4.50万元。")
    assert [(g[0], g[1], g[3]) for g in got] == [("货物类", "8.10", "货物类金额为"), ("服务类", "4.50万元", "服务类金额为")]
    got = listed("货物类、服务类分别为3个、4个项目，金额分别为8.10万元、4.50万元。")
    assert [g[0] for g in got] == ["货物类", "服务类"]


def test_a_tail_printed_after_the_last_subject_is_every_subjects():
    assert [g[3] for g in listed("收入、支出总计各是107.54、107.54万元")] == ["收入总计是", "支出总计是"]
    assert [g[3] for g in listed("一般公共预算、政府性基金预算拨款收入依次为95.54、12.00万元")] == [
        "一般公共预算拨款收入为", "政府性基金预算拨款收入为"]
    # a parallel tail only after a name that ends like the other subject: 上年结转 is no 预算
    assert [g[3] for g in listed("上年结转、一般公共预算拨款收入分别为5.00、95.54万元")] == [
        "上年结转为", "一般公共预算拨款收入为"]
    # a subject that carries a total word of its own keeps it
    assert [g[3] for g in listed("收入合计、支出总计分别为107.54、107.54万元")] == ["收入合计为", "支出总计为"]


def test_shares_after_amounts_each_named_take_those_subjects():
    got = listed("基本支出150.00万元，人员经费120.00万元、公用经费30.00万元，各占基本支出的80.0%、20.0%。")
    assert [(g[0], g[1], g[3]) for g in got] == [("人员经费", "80.0%", "人员经费占基本支出的"),
                                                ("公用经费", "20.0%", "公用经费占基本支出的")]
    # a run longer than the shares, amounts in separate clauses, or a number inside a subject: none
    assert listed("工资福利支出100.00万元、人员经费120.00万元、公用经费30.00万元，各占80.0%、20.0%。") == []
    assert listed("人员经费120.00万元，公用经费30.00万元，各占80.0%、20.0%。") == []

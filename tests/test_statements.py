"""The structural statement reader (linter/statements.py): roles and subjects in any wording,
without a vocabulary for the subject."""
from linter.statements import statements_of
from linter.testing import document_from_text


def _read(body: str, title: str = "某某局2025年部门预算公开", heading: str = "一、预算情况"):
    doc = document_from_text(f"{title}\n{heading}\n{body}\n")
    return [(st.subject, [(q.role, q.text.strip(), q.sign) for q in st.quantities]) for st in statements_of(doc)]


def test_subject_without_vocabulary_and_all_roles():
    [(subject, qs)] = _read("单位预留机动经费2025年安排35.00万元，上年预算数为30.00万元，增加5.00万元，增长16.67%。")
    assert subject == "单位预留机动经费"
    assert qs == [("amount", "35.00万元", 0), ("prior", "30.00万元", 0), ("change", "5.00万元", 1),
                  ("pct_change", "16.67%", 1)]


def test_same_statement_in_other_wordings():
    # the comparison's own amount, a named earlier year, a restated subject, 由…到…
    assert _read("信息化建设（项）支出61.98万元，比2024年预算的61.06万元减少0.92万元，下降1.51%。")[0][1] == [
        ("amount", "61.98万元", 0), ("prior", "61.06万元", 0), ("change", "0.92万元", -1), ("pct_change", "1.51%", -1)]
    assert _read("课题研究经费由12.00万元增加到10.00万元。")[0][1] == [("prior", "12.00万元", 0), ("amount", "10.00万元", 1)]
    [(s, qs)] = _read("收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。")
    assert s == "收入支出总计" and [q[0] for q in qs] == ["amount", "change", "pct_change"]


def test_traps_carry_over_years_and_both_words():
    [(s, qs)] = _read("上年结转资金12.00万元，较上年增加2.00万元。")
    assert s == "上年结转资金" and qs[0][0] == "amount"  # 上年结转 is this year's money
    [(_, qs)] = _read("政府性基金收入预算0万元，与上年相比增加（减少）0万元，增长（减少）0%。")
    assert [q[2] for q in qs] == [0, None, None]  # both directions printed: no sign
    assert _read("2026年培训费预算30.00万元。") == []  # a later year: no level of this year


def test_final_roles_and_lists():
    out = _read("年初预算为42.73万元，支出决算为40.35万元，完成年初预算的94.43%。", title="某某局2024年度部门决算")
    assert [q[0] for q in out[0][1]] == ["budget", "amount", "rate"]
    doc = document_from_text("某某局2025年部门预算公开\n一、支出\n本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；"
                             "项目支出603.14万元，占20.51%。\n")
    total, basic, project = statements_of(doc)
    assert basic.head == total.index and project.head == total.index
    assert [q.role for q in project.quantities] == ["amount", "share"]


def test_clause_arithmetic_roles_in_new_structures():
    # the percentage first, the change after it, named by 增加额 / 增减额 (the direction the statement's)
    assert _read("2025年会议费预算37.59万元，较上年预算减少18.7%，减少额为2.5万元。")[0][1] == [
        ("amount", "37.59万元", 0), ("pct_change", "18.7%", -1), ("change", "2.5万元", -1)]
    assert [q[2] for q in _read("办公费预算12.60万元，较上年下降5.0%，增减额为0.66万元。")[0][1]] == [0, -1, -1]
    assert [q[2] for q in _read("办公费预算12.60万元，变动率为-5.0%，变动额为-0.66万元。")[0][1]] == [0, 1, -1]  # the % keeps its minus
    # the prior in brackets inside 与…相比; the ratio to a named earlier year's amount
    assert [q[0] for q in _read("与上年（356.20万元）相比，2025年支出预算401.45万元，增加45.25万元。")[0][1]] == [
        "prior", "amount", "change"]
    assert [q[0] for q in _read("2025年会议费预算三万元，为2024年预算2.88万元的104.17%，增加0.12万元。")[0][1]] == [
        "amount", "prior", "ratio", "change"]
    assert [q[0] for q in _read("2025年会议费预算3.00万元，为上年的104.17%。")[0][1]] == ["amount", "ratio"]
    # a 决算's 与年初预算X相比: the budget, and the change measured against it
    out = _read("提租补贴决算226,300.00元，与年初预算228,300.00元相比减少2,000.00元，执行率99.12%。",
                title="某某局2024年度部门决算")
    assert [q[0] for q in out[0][1]] == ["amount", "budget", "change", "rate"]


def test_loose_percentage_tolerance_rule():
    """约/近/左右: the printed value ± the wider of 10% of it and one unit of its last digit."""
    from linter.statements import loose, statements_of

    def band(body):
        doc = document_from_text(f"某某局2025年部门预算公开\n一、预算情况\n{body}\n")
        q = statements_of(doc)[0].one("pct_change")
        assert q.approx
        iv = loose(q)
        return float(iv.low), float(iv.high)

    assert band("培训费预算17.50万元，增长约10%。") == (9.0, 11.0)  # 9.375% holds
    assert band("培训费预算17.50万元，增长近50%。") == (45.0, 55.0)
    assert band("培训费预算17.50万元，增长0.5%左右。") == (0.4, 0.6)  # one unit of the last digit is wider
    [(_, qs)] = _read("培训费预算17.50万元，增长10%。")
    assert not statements_of(document_from_text("某某局2025年部门预算公开\n一、预算情况\n培训费预算17.50万元，增长10%。\n"))[0].one("pct_change").approx


def test_a_share_word_after_the_whole_it_names():
    # 占支出总额的比重为: the whole is 支出总额, the subject the clause's own (not 「…占支出总额」)
    doc = document_from_text("某某局2025年部门预算公开\n一、支出\n基本支出143.45万元，占支出总额的比重为61.26%；项目支出90.71万元，所占比重为38.74%。\n")
    got = [(st.subject, [(q.role, q.text, q.whole) for q in st.quantities]) for st in statements_of(doc)]
    assert got == [("基本支出", [("amount", "143.45万元", ""), ("share", "61.26%", "支出总额")]),
                   ("项目支出", [("amount", "90.71万元", ""), ("share", "38.74%", "")])]


def test_shares_printed_before_their_subject_are_parts_of_the_total():
    doc = document_from_text("某某局2025年部门预算公开\n一、支出\n一般公共预算支出227.07万元中，88.16%（200.19万元）用于“一般公共服务支出”，"
                             "7.01%（15.92万元）用于“社会保障和就业支出”；用于住房保障支出的占4.83%，计10.96万元。\n")
    sts = statements_of(doc)
    got = [(st.subject.strip("“”"), st.head, [(q.role, q.text) for q in st.quantities]) for st in sts]
    assert got == [("一般公共预算支出", None, [("amount", "227.07万元")]),
                   ("一般公共服务支出", 0, [("share", "88.16%"), ("amount", "200.19万元")]),
                   ("社会保障和就业支出", 0, [("share", "7.01%"), ("amount", "15.92万元")]),
                   ("住房保障支出", 0, [("share", "4.83%"), ("amount", "10.96万元")])]


def test_final_bare_budget_beside_an_actual_and_differences_against_the_budget():
    final = ("某某局2020年度部门决算", "一、决算情况")
    [(s, qs)] = _read("“三公”经费预算28.71万元，决算28.22万元，小于预算0.49万元。", *final)
    assert s == "“三公”经费" and qs == [("budget", "28.71万元", 0), ("amount", "28.22万元", 0), ("change", "0.49万元", -1)]
    [(s, qs)] = _read("一般公共预算财政拨款支出预算数14,476,700.00元，实际支出1526.98万元，超出预算793,100.00元。", *final)
    assert [q[0] for q in qs] == ["budget", "amount", "change"] and qs[2][2] == 1
    # alone, a bare 预算 is no budget; 一般公共预算 names money; in a 预算 document nothing pairs
    assert _read("“三公”经费预算28.71万元。", *final)[0][1] == [("amount", "28.71万元", 0)]
    assert [q[0] for q in _read("一般公共预算28.71万元，决算28.22万元。", *final)[0][1]] == ["amount", "amount"]
    assert [q[0] for q in _read("“三公”经费预算28.71万元，上年28.22万元。")[0][1]] == ["amount", "prior"]



def _quantities(body: str, title: str = "某某局2025年部门预算公开"):
    doc = document_from_text(f"{title}\n一、预算情况\n{body}\n")
    return [[(q.role, q.text.strip(), q.sign, q.base, q.qualifier) for q in st.quantities] for st in statements_of(doc)]


def test_signed_neutral_changes_and_their_direction():
    from linter.statements import direction

    doc = document_from_text("某某局2025年部门预算公开\n一、预算情况\n"
                             "培训费2025年21.60万元，2024年预算25.75万元，增减额-4.15万元，增减率-16.12%。\n")
    [st] = statements_of(doc)
    assert [q.role for q in st.quantities] == ["amount", "prior", "change", "pct_change"]
    assert [direction(q) for q in st.quantities[2:]] == [-1, -1]  # the printed minus, on either measure
    doc = document_from_text("某某局2025年部门预算公开\n一、预算情况\n会议费本年预算36.80万元，上年预算34.50万元，"
                             "变动额+2.30万元，变动率+6.67%。\n")
    [st] = statements_of(doc)
    assert [direction(q) for q in st.quantities[2:]] == [1, 1]


def test_qualified_comparisons_keep_their_statement_and_footing():
    # 同口径 / 按可比口径 is neither a subject nor a role: the change continues this year's amount
    [qs] = _quantities("2026年一般公共预算拨款5,953,300.00元，同口径比2025年减少697,700.00元，下降10.49%。",
                       title="某某局2026年度部门预算")
    assert [(q[0], q[4]) for q in qs] == [("amount", ""), ("change", "comparable"), ("pct_change", "comparable")]
    [qs] = _quantities("2025年支出1,000.00万元，上年预算920.00万元；按同口径计算，上年预算950.00万元，较上年减少50.00万元。")
    assert [(q[0], q[4]) for q in qs] == [("amount", ""), ("prior", ""), ("prior", "comparable"), ("change", "comparable")]
    # 剔除…因素后: the figures after it are on the adjusted footing, this year's amount before it is not
    [qs] = _quantities("2025年支出预算1,000.00万元，剔除一次性项目因素后比上年增加50.00万元，增长5.00%。")
    assert [q[4] for q in qs] == ["", "adjusted", "adjusted"]
    assert _quantities("不同口径的数据不作比较，2025年支出预算1,000.00万元。")[0][0][4] == ""


def test_prior_in_its_own_clause_and_two_years_compared():
    for prior in ("上年同期为10.05万元", "上年数10.05万元", "去年为10.05万元", "上年度10.05万元"):
        [qs] = _quantities(f"2025年公务用车运行维护费预算10.57万元，{prior}，两年相比增加0.52万元。")
        assert [q[0] for q in qs] == ["amount", "prior", "change"], prior


def test_final_change_against_the_budget_by_a_comparison_word():
    final = "某某局2024年度部门决算"
    [qs] = _quantities("培训费预算20.00万元，决算18.00万元，大于预算2.00万元，完成率达90.00%。", title=final)
    assert [(q[0], q[2], q[3]) for q in qs] == [("budget", 0, "prior"), ("amount", 0, "prior"), ("change", 1, "budget"),
                                                ("rate", 0, "prior")]
    [qs] = _quantities("会议费年初预算200,000.00元，决算180,000.00元，低于年初预算数20,000.00元。", title=final)
    assert [(q[0], q[2], q[3]) for q in qs][2] == ("change", -1, "budget")
    [qs] = _quantities("支出决算2,533.33万元（年初预算2,434.14万元），预算完成104.08%，决算数大于预算数。", title=final)
    assert [q[0] for q in qs] == ["amount", "budget", "rate"]
    # the word before 预算数 with no number of its own stays a direction word
    doc = document_from_text(f"{final}\n一、决算情况\n年初预算为20.00万元，支出决算为18.00万元，决算数小于预算数。\n")
    assert [w.word for st in statements_of(doc) for w in st.words] == ["小于"]
    # in a 预算 the words keep their old reading: no budget role there
    assert [[q[0] for q in qs] for qs in _quantities("培训费预算20.00万元，大于预算2.00万元。")] == [["amount"], ["amount"]]



def _heads(body: str):
    doc = document_from_text(f"某某局2025年部门预算公开\n一、预算情况\n{body}\n")
    sts = statements_of(doc)
    return [(st.subject, None if st.head is None else sts[st.head].subject) for st in sts]


def test_a_list_of_parts_of_a_part_ends_where_the_outer_list_goes_on():
    # at 「；」 after a part's own list, or at the next part named like the part (项目支出 after 公用经费)
    assert _heads("本年支出合计90.00万元。其中：基本支出60.00万元，占66.7%，包括人员经费50.00万元、公用经费10.00万元；"
                  "项目支出30.00万元，占33.3%。") == [
        ("支出合计", None), ("基本支出", "支出合计"), ("人员经费", "基本支出"), ("公用经费", "基本支出"), ("项目支出", "支出合计")]
    assert _heads("本年支出合计90.00万元，其中基本支出60.00万元，含人员经费50.00万元和公用经费10.00万元，项目支出30.00万元。")[-1] \
        == ("项目支出", "支出合计")
    assert _heads("基本支出60.00万元，占66.7%，包括工资福利支出50.00万元、商品和服务支出10.00万元；项目支出30.00万元，占33.3%。")[-1] \
        == ("项目支出", None)
    # parts named like each other stay in the part's list after 「；」; a 「、」 run is one list
    assert _heads("支出合计90.00万元，其中：基本支出60.00万元，其中人员经费50.00万元；公用经费10.00万元；项目支出30.00万元。") == [
        ("支出合计", None), ("基本支出", "支出合计"), ("人员经费", "基本支出"), ("公用经费", "基本支出"), ("项目支出", "支出合计")]
    assert _heads("一般公共预算支出90.00万元，其中：一般公共服务支出60.00万元，主要用于行政运行支出20.00万元、机关服务支出10.00万元；"
                  "教育支出30.00万元。")[2:] == [("行政运行支出", "一般公共服务支出"), ("机关服务支出", "一般公共服务支出"),
                                          ("教育支出", "一般公共预算支出")]
    # a list of a total goes on after 「；」, whatever separated its first parts
    assert _heads("一般公共预算支出90.00万元中，一般公共服务支出60.00万元，教育支出20.00万元；卫生健康支出10.00万元。")[-1] \
        == ("卫生健康支出", "一般公共预算支出")


def test_the_amount_compared_with_is_the_prior_and_never_a_list_head():
    for compared in ("比上年安排数", "较上年预算安排数", "同比上年实际支出", "比2024年度累计支出", "比上年度部门批复预算"):
        body = f"“三公”经费预算12.40万元，{compared}10.00万元增加2.40万元。其中，公务接待费4.00万元，占比为32.3%。"
        assert _read(body)[0] == ("“三公”经费", [("amount", "12.40万元", 0), ("prior", "10.00万元", 0), ("change", "2.40万元", 1)])
        assert _heads(body)[-1] == ("公务接待费", "“三公”经费")
    # a compared level in words no role reads (核定数) stays a statement of its own, but the list is the subject's
    assert _heads("“三公”经费预算12.40万元，比上年核定数10.00万元增加2.40万元。其中，公务接待费4.00万元，占比为32.3%。")[-1] \
        == ("公务接待费", "“三公”经费")


def test_negated_comparison_and_change_words_state_their_bound():
    """未超过 / 没有超出 / 不低于 and 未增加 (ending its clause) are read as the word with its
    negation; a negated change word before a number, or with an object, states no change."""
    doc = document_from_text("某某局2024年度部门决算\n一、决算情况\n机关服务年初预算12.50万元，决算11.80万元，"
                             "决算数没有超出年初预算数，与上年相比未增加。\n")
    [st] = statements_of(doc)
    assert [(w.kind, w.negation, w.word, w.sign, w.budget) for w in st.words] == [
        ("compare", "没有", "超出", 1, True), ("change", "未", "增加", 1, False)]
    doc = document_from_text("某某局2025年部门预算公开\n一、预算情况\n培训费预算3.00万元，未增加培训班次，比上年未增加0.50万元。\n")
    [st] = statements_of(doc)
    assert st.words == [] and [q.role for q in st.quantities] == ["amount"]


def test_change_after_a_list_is_the_change_of_the_lists_whole():
    doc = document_from_text("某某局2025年部门预算公开\n一、预算情况\n“三公”经费预算20.00万元。其中，公务用车运行维护费14.00万元，"
                             "公务接待费6.00万元。同口径比上年减少2.00万元，下降9.09%。\n")
    total, car, hosting = statements_of(doc)
    assert [q.role for q in total.quantities] == ["amount", "change", "pct_change"]
    assert [q.role for q in hosting.quantities] == ["amount"] and hosting.head == total.index
    # in the part's own clause, or after a numbered item, the change is the part's
    doc = document_from_text("某某局2025年部门预算公开\n一、预算情况\n“三公”经费预算20.00万元。其中，公务用车运行维护费14.00万元，"
                             "公务接待费6.00万元，比上年减少1.00万元。\n会议费预算9.00万元，其中：（1）专题会议费4.00万元。比上年减少1.00万元。"
                             "（2）工作会议费5.00万元。\n")
    sts = statements_of(doc)
    assert [q.role for q in sts[2].quantities] == ["amount", "change"]
    assert [(s.subject, [q.role for q in s.quantities]) for s in sts[3:5]] == [
        ("会议费", ["amount"]), ("专题会议费", ["amount", "change"])]


def test_structures_of_final_and_row_like_sentences():
    # a direction word alone in brackets is that word; both printed say no direction
    assert [q[2] for q in _read("办公经费预算48.00万元，比上年（增加）6.00万元，（增长）14.29%。")[0][1]] == [0, 1, 1]
    assert [q[2] for q in _read("办公经费预算48.00万元，比上年增加（减少）6.00万元。")[0][1]] == [0, None]
    # a level word between the year and the subject (上年预算公务接待费), 对比 and 减少率
    [(s, qs)] = _read("2025年培训费预算18.00万元，上年预算培训费20.00万元，对比减少2.00万元，减少率10.00%。")
    assert s == "培训费" and [q[:1] + q[2:] for q in qs] == [("amount", 0), ("prior", 0), ("change", -1), ("pct_change", -1)]
    # 上年预算数为 names no subject; 一般公共预算 is a name, not a level
    [(s, qs)] = _read("2025年一般公共预算财政拨款支出预算12.00万元，上年预算数为10.00万元。")
    assert s == "一般公共预算财政拨款支出" and [q[0] for q in qs] == ["amount", "prior"]
    # 执行比例 is a completion rate
    out = _read("行政运行决算14.20万元，年初预算13.50万元，预算执行比例为105.19%。", title="某某局2024年度部门决算")
    assert [q[0] for q in out[0][1]] == ["amount", "budget", "rate"]


def test_a_final_compared_with_its_budget_and_last_year_is_read_once_per_base():
    from linter.statements import base_views, budget_change, completion_blame

    doc = document_from_text("某某局2024年度部门决算\n一、决算情况\n机关服务决算52.00万元，比年初预算减少2.00万元，比上年增加4.00万元，"
                             "增长8.33%，完成年初预算的103.30%。\n")
    [st] = statements_of(doc)
    views = base_views(st)
    assert [[(q.role, q.base) for q in v.quantities if q.role != "amount" and q.role != "rate"] for v in views] == [
        [("change", "budget")], [("change", "prior"), ("pct_change", "prior")]]
    assert budget_change(st).text == "2.00万元"
    kind, change, rate = completion_blame(st)
    assert kind == "rate" and str(round(rate, 2)) == "96.30"  # 103.30% is over 100 while the 决算 is below its budget



def test_a_xiang_in_a_place_frame_is_the_subject():
    [(s, _)] = _read("（5）在住房改革支出（款）住房公积金（项）中安排25.96万元，用于职工住房公积金。")
    assert s == "住房改革支出（款）住房公积金（项）"
    [(s, _)] = _read("在城乡社区支出(类)城乡社区管理事务(款)城管执法(项)中列支资金12.00万元。")
    assert s == "城乡社区支出(类)城乡社区管理事务(款)城管执法(项)"
    # a whole, a source, a 类 or a word that begins with 在: what the frame holds is no 项
    for body in ("在一般公共预算支出中安排5.00万元，用于干部培训。", "在上年结转资金中安排3.00万元。",
                 "在社会保障和就业支出中安排5.00万元。", "在职人员中安排12.00万元。"):
        assert _read(body)[0][0].startswith("在")


def test_a_kemu_label_names_the_first_amount_of_its_paragraph():
    [(s, qs)] = _read("住房改革支出款住房公积金项：预算数为4.52万元，主要用于职工住房公积金。")
    assert s == "住房改革支出款住房公积金项" and qs == [("amount", "4.52万元", 0)]
    [(s, _)] = _read("一般公共服务支出/财政事务/行政运行：主要反映行政单位的基本支出，预算34.01万元。")
    assert s == "一般公共服务支出/财政事务/行政运行"
    [(s, _)] = _read("行政运行（项）：2025年预算数110.00万元。")
    assert s == "行政运行（项）"
    # no 科目 (a label, a budget item the claims read), or a clause with a subject of its own
    assert _read("说明：本年预算12.00万元。")[0][0] == ""
    assert _read("公务用车运行维护费：本年度预算5.60万元。")[0][0] == ""
    assert _read("行政运行（项）：其中人员经费预算8.00万元。")[0][0] == "人员经费"
    assert _read("行政运行（项）：比上年增加2.00万元。")[0][0] == ""


def _heads(body: str):
    doc = document_from_text(f"某某局2025年部门预算公开\n一、预算情况\n{body}\n")
    sts = statements_of(doc)
    return [(st.subject, sts[st.head].subject if st.head is not None else None) for st in sts]


def test_shares_right_after_a_total_are_its_parts_shares():
    assert _heads("2025年支出预算300.00万元，基本支出占比为71.6%，项目支出占比为28.4%。") == [
        ("支出", None), ("基本支出", "支出"), ("项目支出", "支出")]
    # in another sentence, or after a clause of other words: no list
    assert _heads("2025年支出预算300.00万元。基本支出占比为71.6%。")[1] == ("基本支出", None)


def test_a_total_on_a_line_of_its_own_heads_the_shares_of_the_next_paragraph():
    got = _heads("（一）2025年一般公共预算支出160.00万元\n一般公共服务支出占比为75.3%，住房保障支出占比为24.7%。")
    assert got[1:] == [("一般公共服务支出", "一般公共预算支出"), ("住房保障支出", "一般公共预算支出")]
    # a line with punctuation is a sentence, not a heading line
    got = _heads("2025年一般公共预算支出160.00万元。\n一般公共服务支出占比为75.3%。")
    assert got[1] == ("一般公共服务支出", None)


def test_a_part_named_unlike_a_list_named_like_its_head_ends_the_list():
    got = _heads("2025年收入预算300.00万元，其中一般公共预算拨款收入占90.0%；支出预算300.00万元，基本支出占71.6%。")
    assert ("基本支出", "收入") not in got and ("基本支出", "一般公共预算拨款收入") not in got

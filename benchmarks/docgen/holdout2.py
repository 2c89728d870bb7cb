"""Held-out wording set 2 (benchmark --holdout2): statements in the structures real 部门预算/决算 of
other provinces use (Sichuan, Guangxi, Yunnan, Hunan, Zhejiang, Anhui, Gansu, Guangdong …; see
/work/notes/s9/real_wordings.md), which neither the first, the fresh nor the first held-out set
uses. Every sentence here is our own; only the structures come from the real documents.

RULE AUTHORS: do not read this file. It measures whether the rules carry over to wordings they
were not written from.

Each builder takes the Narrator and returns a Statement with the same kind, slots and facts the
ordinary builders give, so every planter works on it unchanged. What is new is only how the
statement is written:
  - a slot written through an alias (增加 → 增支 / 多 / a minus sign; 大于 → 超出预算);
  - amounts with a space before the unit, 万 without 元, or four decimals of 万元;
  - parts joined with 和, 一是/二是 items, parts with purposes or long 主要包括 lists between them;
  - zero parts with 0% shares, a total after the parts (三项合计), the change in the next sentence.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .fmt import WAN, number
from .model import pct
from .narrative import ZERO, Statement, direction

ON = [False]

SIGN = {"增加": "", "减少": "-"}
SPEND = {"增加": "增支", "减少": "减支"}
MORE_LESS = {"增加": "多", "减少": "少"}
SAVE = {"大于": "超出预算", "小于": "比预算节约"}
CLASS_USE = {"201": "机关运转和业务工作", "204": "司法业务工作", "205": "教育管理工作", "207": "文化旅游工作",
             "208": "养老保险缴费等社会保障", "210": "职工医疗保障和卫生健康工作", "212": "城乡社区管理工作",
             "213": "农业农村工作", "220": "自然资源管理工作", "221": "住房公积金等住房保障", "229": "彩票公益金项目"}


def space_unit(text: str) -> str:
    """467.99万元 -> 467.99 万元 (as PDF text comes out)."""
    return re.sub(r"(?<=[\d０-９])(?=万元|元)", " ", text, count=1)


def wan_only(text: str) -> str:
    """8.02万元 -> 8.02万 (the 元 left off)."""
    return text[:-1] if text.endswith("万元") and text[:1].isdigit() else text


def bare(n, yuan: Decimal) -> str:
    """An amount without its unit, in the unit the narrative writes (较上年2.08减少0.03万元)."""
    text = n.w.money(yuan, unit=n.w.s.text_unit, plain=True)
    return text.removesuffix("万元").removesuffix("元")


def wan4(yuan: Decimal) -> str:
    """An amount in 万元 to four decimals (exact 元), as some 政府采购 statements write it."""
    return number(yuan / WAN, 4) + "万元"


def _wan(n) -> bool:
    return n.w.s.text_unit == "万元"


# ------------------------------------------------------------------------- year-over-year

def change(n, subject: str, cur: Decimal, prior: Decimal, kind: str) -> Statement:
    Y, v = n.Y, n.verb()
    d = direction(cur, prior)
    chg = abs(cur - prior)
    rate = pct(chg, prior, n.w.s.percent_places) if prior else ZERO
    d2 = {"增加": "增长", "减少": "下降", "持平": "持平"}[d]
    alias: dict = {}
    if d == "持平":
        choices = [
            ("{subj}" + v + "{amt}，较{base}无增减。", {}),
            ("{Y}年{subj}{amt}，与{base}{prior}相比没有增减。", {}),
            ("{subj}{Y}年" + v + "{amt}，与{base}保持一致。", {}),
            ("{subj}{amt}，{base}同为{prior}，未发生变化。", {}),
            ("{subj}{Y}年" + v + "{amt}，和{base}持平。", {}),
        ]
    else:
        flat = "，基本持平" if rate < 2 else "，{dir2}{pct}"
        choices = [
            ("{Y}年{subj}" + v + "{amt}，较{base}{prior_bare}{dir}{chg}，{dir}了{pct}。", {}),
            ("{subj}{Y}年" + v + "{amt}，同口径比{base}{dir}{chg}，{dir2}{pct}。", {}),
            ("{Y}年{subj}{amt}，{use}。较{base}{dir}{chg}，{dir2}{pct}。", {}),
            ("{subj}" + v + "{amt}，比{base}{prior}{dir}{chg}" + flat + "。", {"dir": MORE_LESS}),
            ("{subj}：{Y}年{amt}，{base}{prior}，增减额{dir}{chg}，增减率{dir}{pct}。", {"dir": SIGN}),
            ("{subj}在{base}{prior}的基础上{dir}{chg}，{dir2}{pct}，{Y}年" + v + "{amt}。", {}),
            ("{Y}年{subj}" + v + "{amt}，{base}为{prior}，两年相比{dir}{chg}，{amp}{pct}。", {}),
        ]
        if kind != "change":   # spending subjects: 增支/减支
            choices.append(("{Y}年{subj}" + v + "{amt}，比{base}{dir}{chg}，{dir2}{pct}。", {"dir": SPEND}))
        else:                  # the totals: income and spending are one figure
            choices.append(("{Y}年度收、支总计均为{amt}，与{base}相比均{dir}{chg}，均{dir2}{pct}。", {}))
    template, alias = n.rng.choice(choices)
    unit = n.w.s.text_unit   # one unit for the statement: a bare prior (较上年2.08减少…) is read in it
    money = lambda x: n.w.money(x, unit=unit)  # noqa: E731
    return Statement(kind, template + "{why}",
                     {"Y": str(Y), "subj": subject, "amt": money(cur), "prior": money(prior),
                      "prior_bare": bare(n, prior), "base": n.base(), "dir": d, "dir2": d2,
                      "chg": money(chg), "pct": n.p(rate), "why": n.reason(d), "reach": "为",
                      "amp": "增幅" if d == "增加" else "降幅",
                      "use": n.rng.choice(["主要用于保障日常工作正常开展", "主要保障各项业务工作运转"])},
                     facts={"cur": cur, "prior": prior, "chg": cur - prior, "pct": rate}, alias=alias)


# ------------------------------------------------------------------------- 决算 against 年初预算

def completion(n, name: str, initial: Decimal, final: Decimal, code: str = "") -> Statement:
    rate = pct(final, initial, n.w.s.percent_places)
    rel = "大于" if final > initial else "小于" if final < initial else "等于"
    reason = {"大于": "年中追加了专项任务经费", "小于": "严格控制一般性支出", "等于": "严格按预算执行"}[rel]
    alias: dict = {}
    if rel == "等于":
        choices = [
            ("{name}年初预算{init}，决算{final}，完成年初预算{pct}，与预算数一致。", {}),
            ("{name}实际支出{final}，年初预算为{init}，差值为零，完成预算数{pct}。", {}),
            ("{name}决算{final}（年初预算{init}），预算完成{pct}，决算数等于预算数。", {}),
        ]
    else:
        choices = [
            ("{name}年初预算{init}，决算{final}，完成年初预算{pct}，决算数{rel}年初预算数{diff}，主要原因是{reason}。", {}),
            ("{name}实际支出{final}，年初预算为{init}，差值为{diff}，完成预算数{pct}。", {}),
            ("{name}预算数{init}，实际支出{final}，{rel}{diff}，执行率{pct}。", {"rel": SAVE}),
            ("{name}决算数{final}，年初预算数{init}，决算数占年初预算数的{pct}，{rel}年初预算。", {}),
            ("{name}决算{final}（年初预算{init}），预算完成{pct}，决算数{rel}预算数。", {}),
            ("{name}：预算{init}，决算{final}，{rel}预算{diff}，完成率达{pct}。", {}),
        ]
    template, alias = n.rng.choice(choices)
    return Statement("final-completion", template,
                     {"name": name, "init": n.m(initial, True), "final": n.m(final, True), "pct": n.p(rate),
                      "rel": rel, "reason": reason, "more": "增加" if final > initial else "减少",
                      "diff": n.m(abs(final - initial), True)},
                     facts={"initial": initial, "final": final, "pct": rate, "code": code}, alias=alias)


# ------------------------------------------------------------------------- 科目 and 机关运行经费

def subject(n, row, name: str, purpose: str) -> Statement:
    amt = row.gpb if row.gpb else row.total
    v = n.verb()
    spend = "" if name.endswith(("支出", "科目", "支出”")) else "支出"
    share = pct(amt, n.b.gpb, n.w.s.percent_places) if n.b.gpb else ZERO
    choices = [
        ("{name}{amt}，主要用于{purpose}，占一般公共预算支出的{share}。", {}),
        ("{name}" + spend + "{amt}：主要用于{purpose}。", {}),
        ("用于{purpose}的资金{amt}（{name}）。", {}),
        ("{name}的" + v + "数是{amt}，主要用于{purpose}。", {}),
        ("{name}" + spend + "{amt}，主要用于{purpose}。", {"amt": space_unit}),
    ]
    if row.gpb and not row.fund:   # the 科目's own split (the amount is basic + project)
        choices.append(("{name}{amt}，其中：基本支出{b}，项目支出{p}。主要用于{purpose}。", {}))
    if _wan(n):
        choices.append(("{name}" + spend + "{amt}，用于{purpose}。", {"amt": wan_only}))
    template, alias = n.rng.choice(choices)
    return Statement("subject", template,
                     {"name": name, "amt": n.m(amt, True), "purpose": purpose, "share": n.p(share),
                      "b": n.m(row.basic, True), "p": n.m(row.project, True)},
                     facts={"amt": amt, "code": row.code, "share": share}, alias=alias)


def running(n) -> Statement:
    b, v = n.b, n.verb()
    purpose = "办公、水电、差旅等机关日常运转支出"
    choices = [
        ("{Y}年{body}行政经费（机关运行经费）{amt}，主要用于" + purpose + "。", {}),
        ("{body}{Y}年机关（机构）运行经费" + v + "{amt}。", {}),
        ("用于保障机关日常运转的机关运行经费，{Y}年" + v + "{amt}。", {}),
        ("{Y}年安排{amt}用于机关运行经费，主要保障" + purpose + "。", {}),
        ("{Y}年{body}机关运行经费{amt}，主要用于" + purpose + "。", {"amt": space_unit}),
    ]
    template, alias = n.rng.choice(choices)
    return Statement("running", template, {"Y": str(n.Y), "body": n.body(), "amt": n.m(b.running, True)},
                     facts={"amt": b.running}, alias=alias)


# ------------------------------------------------------------------------- shares of the total

def shares(n) -> Statement:
    b, v = n.b, n.verb()
    places = n.w.s.percent_places
    s = [pct(b.basic, b.total, places), pct(b.project_total, b.total, places)]
    zero = n.m(ZERO, True)
    form = n.rng.randrange(5)
    slots = {"Y": str(n.Y), "body": n.body(), "total": n.m(b.total, True), "s0": n.p(s[0]), "s1": n.p(s[1])}
    parts = [["基本支出", n.m(b.basic, True), "{s0}"], ["项目支出", n.m(b.project_total, True), "{s1}"]]
    st = Statement("share", "", slots, parts, "；", {"shares": s})
    if form == 0:     # every line of the table, the empty ones with 0%
        st.template = "{Y}年本年支出合计{total}，其中：{parts}；上缴上级支出" + zero + "，占0%；经营支出" + zero + "，占0%。"
        st.part_format = "{0}{1}，占{2}"
    elif form == 1:   # A和B分别为x和y，占…的比重分别为p和q
        st.template = "{Y}年{body}{parts}。"
        st.layout = "resp-he"
        st.slots["whole_of"] = "占支出总额的比重分别为"
    elif form == 2:   # the share first, the amount in brackets
        st.template = "在{total}的支出" + v + "中，{parts}。"
        st.part_format = "{0}占{2}（{1}）"
        st.part_sep = "，"
    elif form == 3:   # the share as the subject
        st.template = "{Y}年支出" + v + "{total}：{parts}。"
        parts[0][0], parts[1][0] = "基本支出", "项目支出"
        st.part_format = "支出总额的{2}用于{0}，计{1}"
    else:             # a purpose after each share
        st.template = "{body}{Y}年支出" + v + "{total}。{parts}。"
        parts[0][2] = "{s0}，用于保障机构正常运转"
        parts[1][2] = "{s1}，用于完成专项工作任务"
        st.part_format = "{0}{1}，占支出总额的比重为{2}"
    return st


def class_list(n, classes: list[str], name_of) -> Statement:
    b, v = n.b, n.verb()
    total = b.gpb
    places = n.w.s.percent_places
    slots = {"Y": str(n.Y), "body": n.body(), "total": n.m(total, True)}
    parts, shares = [], []
    for i, c in enumerate(classes):
        amt = b.sum_of(c, "gpb")
        share = pct(amt, total, places)
        shares.append(share)
        slots[f"s{i}"] = n.p(share)
        parts.append([name_of(c), n.m(amt, True), "{s%d}" % i])
    st = Statement("class-list", "", slots, parts, "；", {"shares": shares, "classes": classes})
    form = n.rng.randrange(5)
    if form == 0:
        st.template = "{Y}年一般公共预算支出" + v + "{total}，按支出功能分类，{parts}。"
        st.part_format = "{0}{1}，占一般公共预算支出的比重为{2}"
    elif form == 1:
        st.template = "一般公共预算支出{total}，分科目情况如下：{parts}。"
        st.part_format = "{0}：{1}（{2}）"
    elif form == 2:   # a purpose between the amount and the share
        for i, c in enumerate(classes):
            parts[i][2] = "主要用于" + CLASS_USE.get(c, "相关业务工作") + "，占{s%d}" % i
        st.template = "{body}一般公共预算支出" + v + "{total}。其中：{parts}。"
        st.part_format = "{0}{1}，{2}"
    elif form == 3:   # A、B和C分别为x、y和z，分别占…
        st.template = "{Y}年一般公共预算支出" + v + "{total}，{parts}。"
        st.layout = "resp-he"
        st.slots["whole_of"] = "分别占一般公共预算支出的"
    else:             # the share as the subject, the 科目 after 用于
        st.template = "{Y}年一般公共预算支出" + v + "{total}中，{parts}。"
        st.part_format = "{2}（{1}）用于{0}"
        st.part_sep = "，"
    return st


# ------------------------------------------------------------------------- parts of a total

def income(n) -> Statement:
    b, v = n.b, n.verb()
    places = n.w.s.percent_places
    zero = n.m(ZERO, True)
    parts = [["一般公共预算财政拨款收入", n.m(b.gpb, True), ""], ["政府性基金预算财政拨款收入", n.m(b.fund, True), ""]]
    slots = {"Y": str(n.Y), "body": n.body(), "total": n.m(b.total, True),
             "s0": n.p(pct(b.gpb, b.total, places)), "s1": n.p(pct(b.fund, b.total, places))}
    st = Statement("income-parts", "", slots, parts, "；", {"total": b.total, "parts": [b.gpb, b.fund]})
    form = n.rng.randrange(5)
    if form == 0:   # each source with its share, the empty sources too
        parts[0][2], parts[1][2] = "，占{s0}", "，占{s1}"
        st.template = "{Y}年{body}本年收入" + v + "{total}，其中：{parts}；国有资本经营预算财政拨款收入" + zero + "，占0%；事业收入" + zero + "，占0%。"
    elif form == 1:
        st.template = "收入" + v + "{total}，资金来源包括{parts}等。"
        st.part_sep = "、"
    elif form == 2:
        st.template = "{body}{Y}年收入情况：{parts}。"
        st.layout = "resp-he"
        st.slots["resp_tail"] = "，合计{total}"
    elif form == 3:
        st.template = "{Y}年收入" + v + "{total}，具体为：{parts}。"
        st.layout = "yishi"
        st.part_format = "{0}{1}{2}"
    else:
        st.template = "{Y}年度{body}收入总计{total}，全部为本年收入，其中：{parts}。"
        st.part_format = "{0}：{1}{2}"
    return st


INNER = [
    "（人员经费{pe}，主要包括基本工资、津贴补贴、绩效工资、社会保障缴费等；{pub}{pu}，主要包括办公费、水电费、差旅费等）",
    "，用于保障机构正常运转，其中人员经费{pe}、{pub}{pu}",
    "，人员经费和{pub}分别为{pe}和{pu}",
    "，由人员经费{pe}和{pub}{pu}构成",
    "。基本支出中，人员经费{pe}，{pub}{pu}",
]


def expense(n) -> Statement:
    b, v = n.b, n.verb()
    zero = n.m(ZERO, True)
    inner = n.rng.random() < 0.7
    parts = [["基本支出", n.m(b.basic, True), n.rng.choice(INNER) if inner else ""],
             ["项目支出", n.m(b.project_total, True), ""]]
    slots = {"Y": str(n.Y), "body": n.body(), "total": n.m(b.total, True), "pe": n.m(b.personnel, True),
             "pu": n.m(b.public, True), "pub": n.rng.choice(["公用经费", "日常公用经费"])}
    st = Statement("expense-parts", "", slots, parts, "；", {"total": b.total, "parts": [b.basic, b.project_total]})
    form = n.rng.randrange(5)
    if form == 0:
        st.template = "{Y}年{body}本年支出合计{total}，其中：{parts}；上缴上级支出" + zero + "；对附属单位补助支出" + zero + "。"
    elif form == 1:
        st.template = "{body}{Y}年度支出" + v + "{total}，按经费性质分：{parts}。"
    elif form == 2:
        st.template = "{parts}，两项合计{total}（{Y}年" + v + "）。"
        st.part_sep = "；"
        if parts[0][2].startswith("。"):
            parts[0][2] = ""
    elif form == 3:
        st.template = "支出" + v + "{total}。从支出结构看，{parts}。"
        st.layout = "resp-he"
        parts[0][2] = ""
    else:
        st.template = "{Y}年支出" + v + "{total}，包括：{parts}。"
        st.layout = "yishi"
    st.facts["inner"] = bool(parts[0][2])
    return st


def three_public(n) -> Statement:
    b, v = n.b, n.verb()
    t, tp = b.three_public, b.three_public_prior
    total, prior = b.three_public_total, sum(tp.values(), ZERO)
    car = t["购置"] + t["运行"]
    places = n.w.s.percent_places
    parts = [["因公出国（境）费", n.m(t["出国"], True), ""],
             ["公务用车购置及运行维护费", n.m(car, True), ""],
             ["公务接待费", n.m(t["接待"], True), ""]]
    d = direction(total, prior)
    rate = pct(abs(total - prior), prior, places) if prior else ZERO
    slots = {"Y": str(n.Y), "Y1": str(n.Y - 1), "body": n.body(), "total": n.m(total, True), "base": n.base(),
             "prior": n.m(prior, True), "dir": d, "dir2": {"增加": "增长", "减少": "下降"}.get(d, d),
             "chg": n.m(abs(total - prior), True), "pct": n.p(rate),
             "c1": n.m(t["购置"], True), "c2": n.m(t["运行"], True)}
    st = Statement("three-public", "", slots, parts, "；", {"total": total, "prior": prior,
                                                           "parts": [t["出国"], car, t["接待"]]})
    form = n.rng.randrange(5)
    if form == 0 and prior:   # the prior with its year, then the parts
        cmp_ = "，与{Y1}年持平" if total == prior else "，较{Y1}年的{prior}{dir}{chg}，{dir2}{pct}"
        st.template = "{Y}年“三公”经费" + v + "{total}" + cmp_ + "；其中：{parts}。"
    elif form == 1:   # the total after the parts
        st.template = "{Y}年{body}{parts}，三项合计{total}。"
        st.part_sep = "，"
    elif form == 2:
        st.template = "“三公”经费" + v + "{total}。其中，{parts}。"
        st.layout = "resp-he"
    elif form == 3 or not total:   # the car's two parts, 运行 first
        parts[1][2] = "（公务用车运行维护费{c2}、公务用车购置费{c1}）"
        st.template = "{body}{Y}年“三公”经费{total}，具体构成：{parts}。"
    else:             # each item with its share of the total
        shares = [pct(x, total, places) for x in st.facts["parts"]]
        for i, share in enumerate(shares):
            slots[f"s{i}"] = n.p(share)
            parts[i][2] = "，占“三公”经费的比重为{s%d}" % i
        st.facts["shares"] = shares
        st.template = "{Y}年“三公”经费" + v + "{total}，其中{parts}。"
    return st


def procurement(n) -> Statement:
    b, v = n.b, n.verb()
    kinds = [k for k in ("货物", "工程", "服务") if b.procurement_by(k)]
    total = b.procurement_total
    places = n.w.s.percent_places
    label = {"货物": "政府采购货物{x}", "工程": "政府采购工程{x}", "服务": "政府采购服务{x}"}
    x = "支出" if n.fin else "预算"
    parts = [[label[k].format(x=x), n.m(b.procurement_by(k), True), ""] for k in kinds]
    slots = {"Y": str(n.Y), "body": n.body(), "total": n.m(total, True)}
    st = Statement("procurement", "", slots, parts, "、",
                   {"total": total, "parts": [b.procurement_by(k) for k in kinds]})
    form = n.rng.randrange(5)
    if form == 0:
        st.template = "{Y}年{body}政府采购" + x + "总额{total}，其中：{parts}。"
        if n.fin:   # the share awarded to small firms (a share of the same total)
            st.template += "授予中小企业合同金额{sme}，占政府采购支出总额的{sme_s}。"
            sme = (total * Decimal("0.8") / 100).quantize(Decimal(1)) * 100
            slots["sme"], slots["sme_s"] = n.m(sme, True), n.p(pct(sme, total, places))
    elif form == 1 and len(parts) > 1:
        for p in parts:
            p[0] = p[0].removeprefix("政府采购").removesuffix(x) + "类"
        st.template = "{Y}年政府采购" + v + "{total}，其中{parts}。"
        st.layout = "resp-he"
        st.slots["resp"] = "采购" + v + "分别为"
    elif form == 2 and total:
        shares = [pct(a, total, places) for a in st.facts["parts"]]
        for i, (p, share) in enumerate(zip(parts, shares)):
            p[0] = p[0].removeprefix("政府采购").removesuffix(x) + "类"
            slots[f"s{i}"] = n.p(share)
            p[2] = "，占采购总额的{s%d}" % i
        st.facts["shares"] = shares
        st.part_sep = "；"
        st.template = "{body}{Y}年政府采购" + v + "{total}：{parts}。"
    elif form == 3 and _wan(n):   # four decimals of 万元
        slots["total"] = wan4(total)
        for p, a in zip(parts, st.facts["parts"]):
            p[1] = wan4(a)
        st.template = "政府采购" + v + "合计{total}，其中{parts}。"
    else:
        for p in parts:
            p[0] = p[0].removeprefix("政府采购").removesuffix(x)
        st.template = "按货物、工程、服务分类，{Y}年政府采购" + v + "为{parts}，共计{total}。"
        st.part_sep = "；"
    return st


def total_change(n) -> Statement:
    subj = n.rng.choice([f"{n.b.scope}收支总额", "收入支出总计", "收支总体"])
    return change(n, subj, n.b.total, n.b.prior_total, "change")


def traps(n) -> list[str]:
    """Legitimate sentences real documents carry that no rule may flag."""
    b, Y = n.b, n.Y
    zero = n.m(ZERO, True)
    proj = b.kind.projects[1]
    return [
        n.rng.choice([
            f"{proj}为{Y}年新增项目，上年未安排该项预算，增长率无可比性。",
            f"{proj}上年无此项预算，本年与上年不具可比性。",
        ]),
        n.rng.choice([
            f"国有资本经营预算财政拨款收入{zero}，较{Y - 1}年度增加{zero}，增长0%，本{b.scope}无此项收入。",
            f"{Y}年全年预计接待约{n.rng.randint(20, 80)}批次、{n.rng.randint(200, 800)}人次，均按标准执行。",
            f"计划购置办公设备{n.rng.randint(3, 12)}台（套），单价在0.5万元至1万元之间。",
        ]),
    ]


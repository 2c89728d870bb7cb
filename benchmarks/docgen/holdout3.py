"""Held-out wording set 3 (benchmark --holdout3): statements in structures seen in real 部门/单位
预算 and 决算 of provinces the other sets did not draw on for them (Sichuan, Guangxi, Guangdong,
Yunnan, Hunan, Henan, Gansu, Shaanxi, Shandong, Ningxia, Xinjiang, Zhejiang, Fujian; central
departments; see benchmarks/docgen/holdout3_sources.md). Every sentence here is our own; only the
structures come from the real documents, and none is a structure holdout2.py or narrative.py
already writes.

RULE AUTHORS: do not read this file. It measures whether the rules carry over to wordings they
were not written from (and holdout3_sources.md names the structures only in the red team's words).

Each builder takes the Narrator and returns a Statement with the same kind, slots and facts the
ordinary builders give, so every planter works on it unchanged. What is new is how it is written:
  - two or three amounts with the unit only after the last (各是A、B万元, 各占P、Q);
  - the prior in 比…的, or in a sentence of its own after the change; 同比 twice; 增/减 alone;
  - the change's reason keyed by its direction (增加原因主要是…) or its cause before the figures;
  - a total that contains 本年收入 and 结转 (收入总计 ⊃ 本年收入合计), or one 收支总预算 with
    收入包括/支出包括 lists; parts introduced by 含; classes numbered （一）（二） inline, each with
    its share and its own change; numbered lines after a lead sentence, with shares of a sub-whole;
  - shares written 占比为 or without 的, a space before %, the gap of two shares in 个百分点;
  - 决算 against 年初预算 as 超过/未超过, a difference with its sign, an approximate (约) difference,
    two bases in one sentence (比年初预算…，比上年…);
  - “三公” items each with its own change, a vehicle count inside the list, 比上年累计支出X;
  - 政府采购 in six decimals of 万元, the three types named first with the empty ones at 0%, the
    share won by small firms with the share of micro firms inside it.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .catalog import FUNCTIONAL
from .fmt import WAN, chinese_int, number
from .model import pct
from .narrative import SHARE_SLOT, ZERO, Statement, _written, direction

ON = [False]

DIR2 = {"增加": "增长", "减少": "下降", "持平": "持平"}
ONE_CHAR = {"增加": "增", "减少": "减"}            # 较上年增17.1万元，增幅…
PAREN_DOWN = {"减少": "（减少）"}                   # 较上年（减少）16.23万元
SHRINK = {"降幅": "减幅"}                            # 减幅 rather than 降幅
OVER = {"大于": "超过", "小于": "未超过"}             # 决算数未超过预算数
CAUSE = {"增加": ["人员经费标准调整", "新增专项工作任务", "社保缴费基数调整"],
         "减少": ["压减一般性支出", "部分项目已完成", "在职人员减少"]}
FLAT_CAUSE = ["支出标准未作调整", "人员和机构未发生变化", "工作任务基本稳定"]
CLASS_USE = {"201": "机关日常运转和履职", "205": "教育管理", "207": "文化旅游工作", "208": "社会保障缴费",
             "210": "职工医疗保障", "212": "城乡社区管理", "213": "农业农村工作", "221": "住房保障"}


# ------------------------------------------------------------------------- writing helpers

def pspace(text: str) -> str:
    """12.34% -> 12.34 % (a space before the sign, as some PDFs print it)."""
    return re.sub(r"(?<=[\d０-９])(?=[%％])", " ", text, count=1)


def strip_unit(text: str) -> str:
    """An amount without its unit (万元/元), inside a plant's marks if it carries them."""
    return re.sub(r"(万元|元)(\x02?)$", r"\2", text)


def uplain(n, yuan: Decimal) -> str:
    """An amount in the document's narrative unit, plain (units-last lists need one unit)."""
    return n.w.money(yuan, unit=n.w.s.text_unit, plain=True)


def wan6(yuan: Decimal) -> str:
    """An amount in 万元 to six decimals (exact 元 and fen), as a 政府采购 statement writes it."""
    return number(yuan / WAN, 6) + "万元"


def _wan(n) -> bool:
    return n.w.s.text_unit == "万元"


def maybe_space(n, st: Statement, *slots: str) -> Statement:
    """A space before % in some statements (the shares or the rate)."""
    if n.rng.random() < 0.3:
        for s in slots:
            st.alias.setdefault(s, pspace)
    return st


class St3(Statement):
    """A Statement with the layouts of this set; aliases also reach the parts' suffixes."""

    def _aliased(self) -> dict:
        slots = dict(self.slots)
        for key, how in self.alias.items():
            if key in slots:
                slots[key] = _written(slots[key], how)
        return slots

    def render_parts(self) -> str:
        slots = self._aliased()
        items = [(label, amount, suffix.format(**slots)) for label, amount, suffix in self.parts]
        if self.layout == "units-last":     # A、B各是x、y万元（，各占p、q）
            shares = [slots[m] for _, _, suffix in self.parts for m in SHARE_SLOT.findall(suffix)]
            amounts = [strip_unit(a) for _, a, _ in items[:-1]] + [items[-1][1]]
            text = "、".join(i[0] for i in items) + self.slots.get("resp", "各是") + "、".join(amounts)
            if shares:
                text += "，" + self.slots.get("each_of", "各占") + "、".join(shares)
            return text
        pieces = [self.part_format.format(*i) for i in items]
        if self.layout == "cn-numbered":    # （一）A …；（二）B …
            return self.part_sep.join(f"（{chinese_int(k)}）{p}" for k, p in enumerate(pieces, 1))
        if self.layout == "dot-lines":      # a line each: 1. A …。
            return "".join(f"\n{k}. {p}。" for k, p in enumerate(pieces, 1))
        if self.layout == "inline":
            return self.part_sep.join(pieces)
        return super().render_parts()


def _change_words(n, cur: Decimal, prior: Decimal, base: str = "上年") -> str:
    """An item's own change, written out (not a slot): ，较上年减少X，下降P."""
    if cur == prior:
        return f"，较{base}持平"
    if not prior:
        return f"，{base}无此项支出"
    d = direction(cur, prior)
    rate = pct(abs(cur - prior), prior, n.w.s.percent_places)
    return f"，较{base}{d}{n.m(abs(cur - prior), True)}，{DIR2[d]}{n.p(rate)}"


def _tongbi(n, cur: Decimal, prior: Decimal) -> str:
    """，同比减少X，下降P (a class's change in the Guangxi layout)."""
    if cur == prior:
        return "，同比无增减变化"
    if not prior:
        return "，上年无此项预算，增长率无可比性"
    d = direction(cur, prior)
    rate = pct(abs(cur - prior), prior, n.w.s.percent_places)
    return f"，同比{d}{n.m(abs(cur - prior), True)}，{DIR2[d]}{n.p(rate)}"


# ------------------------------------------------------------------------- year-over-year

def change(n, subject: str, cur: Decimal, prior: Decimal, kind: str) -> Statement:
    Y, v = n.Y, n.verb()
    d = direction(cur, prior)
    chg = abs(cur - prior)
    rate = pct(chg, prior, n.w.s.percent_places) if prior else ZERO
    spending = kind != "change"
    if d == "持平":
        choices = [
            ("{Y}年{subj}" + v + "{amt}，与{base}持平，因{cause}。", {}),
            ("{subj}：{Y}年{amt}；{base}{prior}；增减额{zero}；增减幅度0%。", {}),
            ("{Y}年{subj}" + v + "{amt}。{base}该项同为{prior}，两年持平。", {}),
            ("{subj}" + v + "{amt}，同比{base}{prior}无增减。", {}),
            ("{subj}{Y}年" + v + "{amt}，比{base}无增减变化，增减额为{zero}。", {}),
            ("{Y}年{subj}" + v + "{amt}，与{base}相比，减少{zero}，下降0%。", {}),
        ]
        cause = n.rng.choice(FLAT_CAUSE)
    elif not prior:   # nothing last year: no rate to state
        choices = [("{Y}年{subj}" + v + "{amt}，{base}未安排此项，{dir}{chg}，增长率无可比性。", {})]
        cause = ""
    else:
        cause = n.rng.choice(CAUSE[d])
        choices = [
            ("{Y}年{subj}" + v + "{amt}，较{base}{dir}{chg}，{amp}{pct}。", {"dir": ONE_CHAR, "amp": SHRINK}),
            ("{Y}年{subj}" + v + "{amt}，较{base}{dir}{chg}，{dir2}{pct}。", {"dir": PAREN_DOWN}),
            ("{Y}年{subj}" + v + "{amt}，{base}{subj}{prior}，对比{dir}{chg}，{dir}率{pct}。", {}),
            ("{subj}{Y}年" + v + "{amt}，同比{dir}{chg}，同比{dir2}{pct}。", {}),
            ("{Y}年{subj}{amt}，同比{base}{prior}{dir}{chg}，{dir2}{pct}。", {}),
            ("{Y}年{subj}" + v + "{amt}，比{base}{dir}{chg}，{dir2}{pct}，{dir}原因主要是{cause}。", {}),
            ("受{cause}影响，{subj}较{base}{dir}{chg}，{dir2}{pct}，{Y}年" + v + "为{amt}。", {}),
        ]
        if spending and n.fin:   # 比上年累计支出X减少Y
            choices.append(("{Y}年{subj}{amt}，比{base}累计支出{prior}{dir}{chg}，{dir2}{pct}。", {}))
    template, alias = n.rng.choice(choices)
    why = n.reason(d) if template.endswith("{pct}。") else ""
    st = St3(kind, template + "{why}",
             {"Y": str(Y), "subj": subject, "amt": n.m(cur, True), "prior": n.m(prior, True),
              "base": n.base(), "dir": d, "dir2": DIR2[d], "chg": n.m(chg, True), "pct": n.p(rate),
              "why": why, "reach": "为", "amp": "增幅" if d == "增加" else "降幅", "cause": cause,
              "zero": n.m(ZERO, True)},
             facts={"cur": cur, "prior": prior, "chg": cur - prior, "pct": rate}, alias=dict(alias))
    return maybe_space(n, st, "pct")


def total_change(n) -> Statement:
    b = n.b
    cur, prior = b.total, b.prior_total
    d = direction(cur, prior)
    form = n.rng.randrange(4)
    if form >= 2 or not prior:
        subj = n.rng.choice(["收入支出总体", f"{b.scope}收支总额", "收支总规模"])
        return change(n, subj, cur, prior, "change")
    chg = abs(cur - prior)
    rate = pct(chg, prior, n.w.s.percent_places)
    tot = "总计" if n.fin else "总" + n.verb()
    if form == 0:   # both totals as a pair, the unit after the second (各是A,B万元; 各减少…; 各下降P、P)
        if d == "持平":
            template = "{Y}年度收、支" + tot + "各是{amtb},{amt}，与{base}相比均无增减变化。"
        else:
            template = "{Y}年度收、支" + tot + "各是{amtb},{amt}。与{base}相比，收、支" + tot + \
                       "各{dir}{chgb},{chg}，各{dir2}{pct}、{pct}。{why}"
    else:           # 财政拨款收入总计 …；财政拨款支出总计 … (two parallel clauses)
        if d == "持平":
            template = "{Y}年财政拨款收入" + tot + "{amt}，与{base}持平；财政拨款支出" + tot + "{amt}，与{base}持平。"
        else:
            template = "{Y}年财政拨款收入" + tot + "{amt}，与{base}相比{dir}{chg}，{dir2}{pct}；财政拨款支出" + tot + \
                       "{amt}，与{base}相比{dir}{chg}，{dir2}{pct}。{why}"
    st = St3("change", template,
             {"Y": str(n.Y), "amt": uplain(n, cur), "amtb": strip_unit(uplain(n, cur)), "prior": n.m(prior, True),
              "base": n.base(), "dir": d, "dir2": DIR2[d], "chg": uplain(n, chg), "chgb": strip_unit(uplain(n, chg)),
              "pct": n.p(rate), "why": n.reason(d), "reach": "为", "amp": "增幅" if d == "增加" else "降幅"},
             facts={"cur": cur, "prior": prior, "chg": cur - prior, "pct": rate})
    return st


# ------------------------------------------------------------------------- 决算 against 年初预算

def _prior_of(n, name: str, code: str) -> Decimal | None:
    b = n.b
    if code:
        row = next((r for r in b.rows if r.code == code), None)
        return row.prior if row else None
    if name.startswith("“三公”"):
        return sum(b.three_public_prior.values(), ZERO)
    if name.startswith("一般公共预算"):
        return sum((r.prior for r in b.rows if r.gpb), ZERO)
    return None


def completion(n, name: str, initial: Decimal, final: Decimal, code: str = "") -> Statement:
    rate = pct(final, initial, n.w.s.percent_places)
    rel = "大于" if final > initial else "小于" if final < initial else "等于"
    reason = {"大于": "年中追加了专项经费", "小于": "厉行节约、从严控制支出", "等于": "严格按预算执行"}[rel]
    diff = abs(final - initial)
    slots = {"name": name, "init": n.m(initial, True), "final": n.m(final, True), "pct": n.p(rate), "rel": rel,
             "reason": reason, "more": "增加" if final > initial else "减少", "diff": n.m(diff, True),
             "sdiff": ("-" if final < initial else "") + uplain(n, diff), "approx": ""}
    if rel == "等于":
        choices = [
            ("{name}年初预算{init}，决算{final}，完成年初预算的{pct}，决算数{rel}年初预算数。", {}),
            ("{name}决算{final}，为年初预算的{pct}（年初预算{init}），决算数{rel}年初预算数。", {}),
            ("因{reason}，{name}决算数{rel}年初预算数：年初预算{init}，决算{final}，完成年初预算的{pct}。", {}),
            ("{name}（年初预算{init}）: 支出决算为{final}，完成预算{pct}，决算数{rel}预算数。", {}),
            ("{name}：年初预算数{init}；决算数{final}；决算数减年初预算数为{zero}；完成率{pct}。", {}),
        ]
        slots["zero"] = n.m(ZERO, True)
    else:
        choices = [
            ("{name}年初预算{init}，决算{final}，完成年初预算的{pct}，决算数{rel}年初预算数。", {"rel": OVER}),
            ("{name}决算{final}，为年初预算的{pct}（年初预算{init}），决算数{rel}年初预算数{diff}。", {}),
            ("因{reason}，{name}决算数{rel}年初预算数：年初预算{init}，决算{final}，完成年初预算的{pct}。", {}),
            ("{name}（年初预算{init}）: 支出决算为{final}，完成预算{pct}，决算数{rel}预算数的主要原因是{reason}。", {}),
            ("{name}：年初预算数{init}；决算数{final}；决算数减年初预算数为{sdiff}；完成率{pct}。", {}),
            ("{name}决算{final}，年初预算{init}，预算执行比例为{pct}，决算数{rel}年初预算数。", {}),
        ]
        if _wan(n) and diff >= WAN:   # 约: the difference to 0.1万元
            slots["approx"] = number(diff / WAN, 1) + "万元"
            choices.append(("{name}年初预算{init}，决算{final}，决算数{rel}年初预算数约{approx}，完成年初预算的{pct}。", {}))
        prior = _prior_of(n, name, code)
        if prior:                     # two bases: 比年初预算…，比上年…
            slots["more2"] = _more_words(n, final, prior)
            choices.append(("{name}决算{final}，比年初预算{more}{diff}，{more2}，完成年初预算的{pct}。", {}))
    template, alias = n.rng.choice(choices)
    st = St3("final-completion", template, slots,
             facts={"initial": initial, "final": final, "pct": rate, "code": code}, alias=dict(alias))
    return maybe_space(n, st, "pct")


def _more_words(n, cur: Decimal, prior: Decimal) -> str:
    if cur == prior:
        return "比上年无增减变化"
    d = direction(cur, prior)
    return f"比上年{d}{n.m(abs(cur - prior), True)}，{DIR2[d]}{n.p(pct(abs(cur - prior), prior, n.w.s.percent_places))}"


# ------------------------------------------------------------------------- 科目 and 机关运行经费

def subject(n, row, name: str, purpose: str) -> Statement:
    amt = row.gpb if row.gpb else row.total
    v, Y = n.verb(), n.Y
    share = pct(amt, n.b.gpb, n.w.s.percent_places) if n.b.gpb else ZERO
    amount = n.m(amt, True)
    choices = [
        ("{name}：主要反映{purpose}，" + v + "{amt}。", {}),
        ("{name}" + v + "{amt}，占一般公共预算支出的比例为{share}，主要用于{purpose}。", {}),
        ("{name}: " + v + "数为{amt}，主要用于{purpose}。", {}),
        ("为满足{purpose}需要，{Y}年安排{name}{amt}。", {}),
        ("{name}{amt}，占一般公共预算支出{share}。", {"share": pspace}),
        ("{name}" + v + "{amt}，用于{purpose}。", {}),
    ]
    template, alias = n.rng.choice(choices)
    if template == choices[-1][0]:   # the amount in 元 with its fen, whatever the document's unit
        amount = n.w.money(amt, unit="元", plain=True)
    return St3("subject", template, {"name": name, "amt": amount, "purpose": purpose, "share": n.p(share),
                                      "Y": str(Y)},
               facts={"amt": amt, "code": row.code, "share": share}, alias=dict(alias))


def running(n) -> Statement:
    b, v = n.b, n.verb()
    rs = pct(b.running, b.basic, n.w.s.percent_places) if b.basic else ZERO
    amount = n.m(b.running, True)
    choices = [
        "{Y}年，{body}机关运行经费安排{amt}。",
        "{Y}年{body}机关运行经费" + v + "{amt}，用于保证机关日常运转，包括办公及印刷费、邮电费、差旅费、会议费、日常维修费、水电费等。",
        "为保障机关日常运转，{Y}年{body}安排机关运行经费{amt}。",
        "{Y}年机关运行经费{amt}，占基本支出的{rs}。",
        "{body}{Y}年机关运行经费" + v + "{amt}。",
    ]
    template = n.rng.choice(choices)
    if template == choices[-1]:
        amount = n.w.money(b.running, unit="元", plain=True)
    st = St3("running", template, {"Y": str(n.Y), "body": n.body(), "amt": amount, "rs": n.p(rs)},
             facts={"amt": b.running})
    return maybe_space(n, st, "rs")


# ------------------------------------------------------------------------- shares of the total

def shares(n) -> Statement:
    b, v = n.b, n.verb()
    places = n.w.s.percent_places
    s = [pct(b.basic, b.total, places), pct(b.project_total, b.total, places)]
    slots = {"Y": str(n.Y), "body": n.body(), "total": n.m(b.total, True), "s0": n.p(s[0]), "s1": n.p(s[1])}
    parts = [["基本支出", n.m(b.basic, True), ""], ["项目支出", n.m(b.project_total, True), ""]]
    st = St3("share", "", slots, parts, "；", {"shares": s})
    form = n.rng.randrange(5)
    if form == 0:     # 基本支出预算X，占支出总预算P (no 的)
        whole = "支出总额" if n.fin else "支出总预算"
        parts[0][0], parts[1][0] = "基本支出" + v, "项目支出" + v
        parts[0][2], parts[1][2] = "，占" + whole + "{s0}", "，占" + whole + "{s1}"
        st.template = "{Y}年{body}" + whole + "{total}，其中：{parts}。"
    elif form == 1:   # 占比为
        parts[0][2], parts[1][2] = "，占比为{s0}", "，占比为{s1}"
        st.template = "{Y}年本年支出{total}中，{parts}。"
    elif form == 2:   # units-last, 各占
        for p in parts:
            p[1] = uplain(n, b.basic if p[0] == "基本支出" else b.project_total)
        parts[0][2], parts[1][2] = "{s0}", "{s1}"
        st.layout = "units-last"
        st.template = "{body}{Y}年本年支出{total}，{parts}。"
    elif form == 3:   # the gap of the two shares in 个百分点
        gap = s[0] - s[1]
        parts[0][2], parts[1][2] = "，占{s0}", "，占{s1}"
        st.slots["gap"] = number(abs(gap), places)
        tail = "基本支出与项目支出占比相同" if not gap else \
            "基本支出占比" + ("高于" if gap > 0 else "低于") + "项目支出{gap}个百分点"
        st.template = "{Y}年支出" + v + "{total}，{parts}，" + tail + "。"
    else:             # the purpose before each part
        parts[0][0] = "保障机构正常运转的基本支出"
        parts[1][0] = "用于专项业务工作的项目支出"
        parts[0][2], parts[1][2] = "，占{s0}", "，占{s1}"
        st.template = "{Y}年{body}支出" + v + "{total}，其中{parts}。"
    return maybe_space(n, st, "s0", "s1")


def class_list(n, classes: list[str], name_of) -> Statement:
    b, v = n.b, n.verb()
    total = b.gpb
    places = n.w.s.percent_places
    slots = {"Y": str(n.Y), "body": n.body(), "total": n.m(total, True), "k": chinese_int(len(classes)),
             "gs": n.p(pct(b.gpb, b.total, places)) if b.total else n.p(ZERO)}
    parts, shares = [], []
    for i, c in enumerate(classes):
        amt = b.sum_of(c, "gpb")
        share = pct(amt, total, places)
        shares.append(share)
        slots[f"s{i}"] = n.p(share)
        parts.append([name_of(c), n.m(amt, True), "，占{s%d}" % i])
    st = St3("class-list", "", slots, parts, "；", {"shares": shares, "classes": classes})
    form = n.rng.randrange(5)
    if form == 0:     # （一）X类科目 A，占一般公共预算支出P，同比…
        for i, c in enumerate(classes):
            parts[i][0] = FUNCTIONAL[c] + "类科目"
            parts[i][2] = "，占一般公共预算支出{s%d}" % i + _tongbi(n, b.sum_of(c, "gpb"), b.sum_of(c, "prior"))
        st.layout = "cn-numbered"
        st.template = "{Y}年一般公共预算支出" + v + "{total}，按支出功能分类科目划分：{parts}。"
    elif form == 1:   # 占比为
        for i in range(len(parts)):
            parts[i][2] = "，占比为{s%d}" % i
        st.template = "{body}{Y}年一般公共预算支出{total}，{parts}。"
    elif form == 2 and len(classes) > 1:   # units-last, 各占
        for i, c in enumerate(classes):
            parts[i][1] = uplain(n, b.sum_of(c, "gpb"))
            parts[i][2] = "{s%d}" % i
        st.layout = "units-last"
        st.template = "{Y}年一般公共预算支出" + v + "{total}，按功能分类，{parts}。"
    elif form == 3:   # the 一般公共预算 share of all spending first
        st.template = "{Y}年一般公共预算财政拨款支出{total}，占本年支出合计的{gs}。按功能分类，{parts}。"
    else:             # a lead naming how many 类, then a line each
        for i, c in enumerate(classes):
            parts[i][2] = "，占一般公共预算支出的{s%d}" % i
            if c in CLASS_USE:
                parts[i][2] += "，主要用于" + CLASS_USE[c]
        st.layout = "dot-lines"
        st.template = "{Y}年一般公共预算支出" + v + "{total}，按支出功能分类，共分为以下{k}类：{parts}"
    return maybe_space(n, st, *[f"s{i}" for i in range(len(classes))])


# ------------------------------------------------------------------------- parts of a total

def income(n) -> Statement:
    b, v = n.b, n.verb()
    places = n.w.s.percent_places
    fin = n.fin
    gpb_label = n.rng.choice(["一般公共预算财政拨款收入", "一般公共预算拨款"])
    fund_label = "政府性基金预算财政拨款收入" if gpb_label.endswith("收入") else "政府性基金预算拨款"
    parts = [[gpb_label, n.m(b.gpb, True), ""], [fund_label, n.m(b.fund, True), ""]]
    d = direction(b.total, b.prior_total)
    chg = abs(b.total - b.prior_total)
    rate = pct(chg, b.prior_total, places) if b.prior_total else ZERO
    slots = {"Y": str(n.Y), "Y1": str(n.Y - 1), "body": n.body(), "total": n.m(b.total, True),
             "prior": n.m(b.prior_total, True), "dir": d, "dir2": DIR2[d], "chg": n.m(chg, True), "pct": n.p(rate),
             "s0": n.p(pct(b.gpb, b.total, places)), "s1": n.p(pct(b.fund, b.total, places)),
             "zero": n.m(ZERO, True), "basic": n.m(b.basic, True), "proj": n.m(b.project_total, True)}
    st = St3("income-parts", "", slots, parts, "；", {"total": b.total, "parts": [b.gpb, b.fund]})
    form = n.rng.randrange(6)
    if form == 0:     # units-last: A、B各是x、y万元
        parts[0][1], parts[1][1] = uplain(n, b.gpb), uplain(n, b.fund)
        st.layout = "units-last"
        st.template = "{Y}年{body}本年收入" + v + "{total}，{parts}。"
    elif form == 1:   # 比…的 prior, then the parts with shares
        parts[0][2], parts[1][2] = "，占{s0}", "，占{s1}"
        cmp_ = "与{Y1}年的{prior}持平" if d == "持平" else "比{Y1}年的{prior}{dir}{chg}，{dir2}{pct}"
        st.template = "{Y}年本年收入合计{total}，" + cmp_ + "。其中：{parts}。"
    elif form == 2:   # 含
        st.part_sep = "，"
        st.template = "{body}{Y}年收入" + v + "{total}，含{parts}。"
    elif form == 3:   # one 收支总预算, 收入包括…。支出包括…
        st.part_sep = "、"
        head = "财政拨款收支总计" if fin else "财政拨款收支总预算"
        st.template = "{Y}年" + head + "{total}。收入包括：{parts}。支出包括：基本支出{basic}、项目支出{proj}。"
    elif form == 4:   # 收入总计 ⊃ 本年收入合计 and 结转
        carry = "年初结转和结余" if fin else "上年结转"
        st.template = "{Y}年度收入总计{total}，其中：本年收入合计{total}，" + carry + "{zero}。本年收入中，{parts}。"
    else:             # 同比 twice
        cmp_ = "与上年持平" if d == "持平" else "同比{dir}{chg}，同比{dir2}{pct}"
        st.template = "{Y}年收入" + ("总计" if fin else "总预算") + "{total}，" + cmp_ + "。其中：{parts}。"
    return st


def expense(n) -> Statement:
    b, v = n.b, n.verb()
    places = n.w.s.percent_places
    pub = n.rng.choice(["公用经费", "日常公用经费"])
    d = direction(b.total, b.prior_total)
    chg = abs(b.total - b.prior_total)
    rate = pct(chg, b.prior_total, places) if b.prior_total else ZERO
    slots = {"Y": str(n.Y), "Y1": str(n.Y - 1), "body": n.body(), "total": n.m(b.total, True),
             "pe": n.m(b.personnel, True), "pu": n.m(b.public, True), "pub": pub,
             "prior": n.m(b.prior_total, True), "dir": d, "dir2": DIR2[d], "chg": n.m(chg, True), "pct": n.p(rate),
             "s0": n.p(pct(b.basic, b.total, places)), "s1": n.p(pct(b.project_total, b.total, places)),
             "ps": n.p(pct(b.personnel, b.basic, places)) if b.basic else n.p(ZERO),
             "us": n.p(pct(b.public, b.basic, places)) if b.basic else n.p(ZERO)}
    parts = [["基本支出", n.m(b.basic, True), ""], ["项目支出", n.m(b.project_total, True), ""]]
    st = St3("expense-parts", "", slots, parts, "；", {"total": b.total, "parts": [b.basic, b.project_total]})
    inner = n.rng.random() < 0.7
    form = n.rng.randrange(6)
    if form == 0:     # 比…的 prior, the parts with shares (and the 基本支出's own two)
        parts[0][2] = "，占{s0}" + ("，包括人员经费{pe}、{pub}{pu}" if inner else "")
        parts[1][2] = "，占{s1}"
        cmp_ = "与{Y1}年的{prior}持平" if d == "持平" else "比{Y1}年的{prior}{dir}{chg}，{dir2}{pct}"
        st.template = "{Y}年本年支出合计{total}，" + cmp_ + "。其中：{parts}。"
    elif form == 1:   # a lead sentence, then a line each with shares of the total and of the 基本支出
        parts[0][0], parts[1][0] = "基本支出" + v, "项目支出" + v
        whole = "支出总额" if n.fin else "支出总预算"
        parts[0][2] = "，占" + whole + "的{s0}" + ("；其中人员经费{pe}，占基本支出的{ps}，{pub}{pu}，占基本支出的{us}"
                                                if inner else "")
        parts[1][2] = "，占" + whole + "的{s1}"
        st.layout = "dot-lines"
        st.template = "{Y}年支出" + v + "{total}，按支出结构分类，分为基本支出和项目支出。{parts}"
    elif form == 2:   # 含
        parts[0][2] = "（人员经费{pe}、{pub}{pu}）" if inner else ""
        st.part_sep = "、"
        st.template = "{body}{Y}年支出" + v + "{total}，含{parts}。"
    elif form == 3:   # units-last
        inner = False
        parts[0][1], parts[1][1] = uplain(n, b.basic), uplain(n, b.project_total)
        st.layout = "units-last"
        st.template = "{Y}年{body}本年支出{total}，{parts}。"
    elif form == 4:   # the purpose before each part, the total after
        parts[0][0] = "用于保障机构正常运转的基本支出"
        parts[1][0] = "用于完成专项工作任务的项目支出"
        parts[0][2] = "，其中人员经费{pe}、{pub}{pu}" if inner else ""
        st.template = "{body}{Y}年安排{parts}，支出" + v + "合计{total}。"
    else:             # 总预算安排X，其中…，总额同比…
        parts[0][0], parts[1][0] = "基本支出" + v, "项目支出" + v
        parts[0][2] = "（人员经费{pe}，{pub}{pu}）" if inner else ""
        cmp_ = "总额同比无增减变化" if d == "持平" else "总额同比{dir}{chg}，{dir2}{pct}"
        st.template = "{Y}年" + ("支出决算总额为" if n.fin else "支出总预算安排") + "{total}，其中：{parts}，" + cmp_ + "。"
        st.part_sep = "，"
    st.facts["inner"] = inner and bool(parts[0][2].count("{pe}"))
    return st


def three_public(n) -> Statement:
    b, v = n.b, n.verb()
    t, tp = b.three_public, b.three_public_prior
    total, prior = b.three_public_total, sum(tp.values(), ZERO)
    car, car_prior = t["购置"] + t["运行"], tp["购置"] + tp["运行"]
    places = n.w.s.percent_places
    items = [("因公出国（境）费", t["出国"], tp["出国"]), ("公务用车购置及运行维护费", car, car_prior),
             ("公务接待费", t["接待"], tp["接待"])]
    parts = [[label, n.m(cur, True), ""] for label, cur, _ in items]
    d = direction(total, prior)
    rate = pct(abs(total - prior), prior, places) if prior else ZERO
    slots = {"Y": str(n.Y), "body": n.body(), "total": n.m(total, True), "base": n.base(),
             "prior": n.m(prior, True), "dir": d, "dir2": DIR2[d], "chg": n.m(abs(total - prior), True),
             "pct": n.p(rate), "cause": n.rng.choice(CAUSE.get(d, FLAT_CAUSE)), "rel": "", "init": "",
             "more": "", "dinit": ""}
    st = St3("three-public", "", slots, parts, "；", {"total": total, "prior": prior,
                                                      "parts": [t["出国"], car, t["接待"]]})

    def cmp_(lead: str) -> str:
        if d == "持平":
            return "，与{base}持平"
        if not prior:
            return "，{base}无此项支出"
        return lead

    form = n.rng.randrange(6)
    if form == 4 and not n.fin:
        form = n.rng.choice([0, 1, 2, 3, 5])
    if form == 0:     # each item with its own change
        for p, (_, cur, pri) in zip(parts, items):
            p[2] = _change_words(n, cur, pri)
        st.template = "{Y}年“三公”经费" + v + "总额为{total}" + cmp_("，较{base}的{prior}{dir}{chg}，{dir2}{pct}") + \
                      "；其中：{parts}。"
    elif form == 1:   # the parts, then the change in a sentence of its own
        tail = "同口径与{base}持平。" if d == "持平" else "{base}无此项支出。" if not prior else \
            "同口径比{base}{dir}{chg}，{dir2}{pct}。"
        st.part_sep = "，"
        st.template = "{Y}年{body}“三公”经费" + v + "{total}。其中，{parts}。" + tail
    elif form == 2:   # the vehicle count inside the list
        if bool(b.vehicles) == bool(car):   # a count only where it fits the spending
            parts[1][0] = f"公务用车保有量{n.w.count(b.vehicles)}辆，购置及运行维护费"
        st.template = "{body}{Y}年财政拨款“三公”经费" + v + "合计{total}" + cmp_("，比{base}{dir}{chg}") + \
                      "。其中：{parts}。"
    elif form == 3:   # 比上年累计支出X / 安排数X, with a reason keyed by the direction
        what = "累计支出" if n.fin else "安排数"
        lead = "，比{base}" + what + "{prior}{dir}{chg}，{dir2}{pct}，{dir}主要原因是{cause}"
        if total:
            shares = [pct(x, total, places) for x in st.facts["parts"]]
            for i, share in enumerate(shares):
                slots[f"s{i}"] = n.p(share)
                parts[i][2] = "，占比为{s%d}" % i
            st.facts["shares"] = shares
        st.template = "{Y}年“三公”经费" + v + "{total}" + cmp_(lead) + "。其中，{parts}。"
    elif form == 5:   # the policy first, then the figures, the change last
        st.part_sep = "，"
        tail = "与{base}持平" if d == "持平" else "{base}无此项支出" if not prior else "与{base}对比{dir}{chg}"
        st.template = "按照中央八项规定精神和过紧日子要求，{body}从严控制“三公”经费支出。{Y}年“三公”经费" + v + \
                      "{total}，其中{parts}，" + tail + "。"
    else:             # 决算: the 年初预算 first, the 决算, the shares, then 超过/未超过 预算
        init = sum(b.three_public_initial.values(), ZERO)
        slots["init"] = n.m(init, True)
        slots["rel"] = "大于" if total > init else "小于" if total < init else "等于"
        st.alias["rel"] = OVER
        if total:
            shares = [pct(x, total, places) for x in st.facts["parts"]]
            for i, share in enumerate(shares):
                slots[f"s{i}"] = n.p(share)
                parts[i][2] = "，占{s%d}" % i
            st.facts["shares"] = shares
        st.template = "{Y}年度“三公”经费财政拨款支出年初预算为{init}，实际支出决算为{total}。其中{parts}。" \
                      "本年度“三公”经费决算数{rel}年初预算数" + ("，与{base}持平。" if d == "持平" else
                                                       "，比{base}{dir}{chg}。" if prior else "。")
    return maybe_space(n, st, "pct")


def procurement(n) -> Statement:
    b, v = n.b, n.verb()
    total = b.procurement_total
    places = n.w.s.percent_places
    x = "支出" if n.fin else "预算"
    kinds = [k for k in ("货物", "工程", "服务") if b.procurement_by(k)]
    parts = [[f"政府采购{k}{x}", n.m(b.procurement_by(k), True), ""] for k in kinds]
    slots = {"Y": str(n.Y), "body": n.body(), "total": n.m(total, True)}
    st = St3("procurement", "", slots, parts, "；", {"total": total, "parts": [b.procurement_by(k) for k in kinds]})
    form = n.rng.randrange(5)
    if form == 0 and _wan(n):   # six decimals of 万元, the parts after 其中： joined with 、
        slots["total"] = wan6(total)
        for p, a in zip(parts, st.facts["parts"]):
            p[1] = wan6(a)
        st.part_sep = "、"
        st.template = "{Y}年度政府采购" + x + "总额{total}，其中：{parts}。"
    elif form <= 1:   # the three types named first, the empty ones at 0%
        allk = ("货物", "工程", "服务")
        amounts = [b.procurement_by(k) for k in allk]
        st.parts[:] = [[f"{k}类采购", n.m(a, True), "，占政府采购" + v + "{s%d}" % i]
                       for i, (k, a) in enumerate(zip(allk, amounts))]
        shares = [pct(a, total, places) for a in amounts]
        for i, share in enumerate(shares):
            slots[f"s{i}"] = n.p(share)
        st.facts.update(parts=amounts, shares=shares)
        st.template = "按政府采购项目类型，{body}{Y}年政府采购" + v + "{total}分为货物类采购、工程类采购和服务类采购三种类型。" \
                      "其中：{parts}。"
        maybe_space(n, st, "s0", "s1", "s2")
    elif form == 2 and len(parts) > 1:   # units-last
        for p, k, a in zip(parts, kinds, st.facts["parts"]):
            p[0], p[1] = f"{k}类", uplain(n, a)
        st.layout = "units-last"
        st.template = "{Y}年{body}政府采购" + v + "{total}，{parts}。"
    elif form == 3:   # the share won by (reserved for) small firms, with the micro firms' inside it
        sme = (total * Decimal("0.7") / 100).quantize(Decimal(1)) * 100
        mic = (sme * Decimal("0.4") / 100).quantize(Decimal(1)) * 100
        slots.update(sme=n.m(sme, True), sme_s=n.p(pct(sme, total, places)), mic=n.m(mic, True),
                     mic_s=n.p(pct(mic, total, places)))
        st.part_sep = "，"
        if n.fin:
            tail = "授予中小企业合同金额{sme}，占政府采购支出总额的{sme_s}，其中：授予小微企业合同金额{mic}，" \
                   "占政府采购支出总额的{mic_s}。"
        else:
            tail = "面向中小企业预留采购份额{sme}，占政府采购预算的{sme_s}，其中：预留给小微企业{mic}，" \
                   "占政府采购预算的{mic_s}。"
        st.template = "{Y}年{body}政府采购" + x + "总额{total}，其中{parts}。" + tail
    else:             # the purpose first, the parts, the total at the end
        for p, k in zip(parts, kinds):
            p[0] = {"货物": "购置办公设备等货物", "工程": "实施维修改造等工程", "服务": "购买专业服务"}[k]
        st.part_sep = "，"
        st.template = "为保障业务正常运转，{body}{Y}年安排{parts}，政府采购" + v + "共计{total}。"
    return st


def traps(n) -> list[str]:
    """Legitimate sentences real documents carry that no rule may flag."""
    b, Y = n.b, n.Y
    k = n.rng.randint(2, 9)
    return [
        n.rng.choice([
            "以上金额均按四舍五入保留两位小数，分项之和与合计数可能存在尾差。",
            "（图1：收、支" + ("决算" if n.fin else "预算") + "总计变动情况图）",
            f"按照过紧日子要求，{{body}}{Y}年一般性支出在上年基础上再压减一成。",
        ]),
        n.rng.choice([
            ("" if n.fin else "上年") + f"{{body}}预算执行进度较序时进度快{k}.{n.rng.randint(0, 9)}个百分点。",
            f"全年公务接待{n.rng.randint(10, 60)}批次，约{n.rng.randint(100, 600)}人次。",
            f"{Y}年{{body}}项目支出绩效目标覆盖率达到100%，比上年提高{k}个百分点。",
        ]),
    ]

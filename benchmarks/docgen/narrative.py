"""The 情况说明: statements built from the Budget, each in one of at least five wordings.

A Statement keeps its wording (template) and its slot values apart until it is written, so a
plant can replace one slot (an amount, a percentage, a direction word, a year, a subject) and the
writer knows exactly where the planted text lands. Slot values are plain strings; a planted value
is wrapped in MARK_START/MARK_END, which document.py turns into a span.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .catalog import FUNCTIONAL
from .fmt import Writer, chinese_int, number
from .model import Budget, Row, landmark, pct

ZERO = Decimal(0)


# Share of the statements written in the wordings added for the red-team pass (respectively-lists,
# numbered sub-items, amounts after their parts, percentages before changes …), which no rule
# author has read. The benchmark's --fresh sets it to 1.0 to measure them alone.
FRESH = [0.5]
# A second set, held out from the notes until the last train (benchmark --holdout): wordings written
# after the team had tuned on the first red-team set, to measure how far that tuning carries.
HOLDOUT = [False]
SHARE_SLOT = re.compile(r"\{(s\d+)\}")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


@dataclass
class Statement:
    kind: str                     # total-income, expense-parts, change, share, final-completion, subject, …
    template: str
    slots: dict[str, str]
    parts: list[list[str]] = field(default_factory=list)   # [label, amount, suffix] joined into {parts}
    part_sep: str = "，"
    facts: dict = field(default_factory=dict)               # the numbers behind the slots (元 / %)
    this_year: bool = True                                  # a statement of this year's budget
    edits: list[tuple[str, str]] = field(default_factory=list)  # text-level plants: (old, new), once
    layout: str = "inline"        # how {parts} is written: inline | respectively | numbered | circled | lines
    part_format: str = "{0}{1}{2}"   # label, amount, suffix (share-first wordings: "{0}占{2}，计{1}")
    alias: dict = field(default_factory=dict)   # slot -> how it is written: {value: text} or a function

    def render(self) -> str:
        slots = dict(self.slots)
        for key, how in self.alias.items():   # the slot keeps its plain value; a plant replaces that
            if key in slots:
                slots[key] = _written(slots[key], how)
        if self.parts:
            slots["parts"] = self.render_parts()
        text = self.template.format(**slots)
        for old, new in self.edits:
            assert old in text, (old, text)
            text = text.replace(old, new, 1)
        return text

    def render_parts(self) -> str:
        items = [(label, amount, suffix.format(**self.slots)) for label, amount, suffix in self.parts]
        if self.layout == "respectively":   # A、B分别为X、Y，分别占P、Q
            shares = [self.slots[m] for _, _, suffix in self.parts for m in SHARE_SLOT.findall(suffix)]
            text = "、".join(i[0] for i in items) + self.slots.get("resp", "分别为") + "、".join(i[1] for i in items)
            if shares:
                text += "，分别占" + self.slots.get("whole_of", "") + "、".join(shares)
            return text
        if self.layout == "resp-he":        # A、B和C分别为X、Y和Z，分别占P、Q和R
            shares = [self.slots[m] for _, _, suffix in self.parts for m in SHARE_SLOT.findall(suffix)]
            text = _and([i[0] for i in items]) + self.slots.get("resp", "分别为") + _and([i[1] for i in items])
            if shares:
                text += "，" + self.slots.get("whole_of", "分别占") + _and(shares)
            return text + self.slots.get("resp_tail", "").format(**self.slots)
        pieces = [self.part_format.format(*i) for i in items]
        if self.layout == "yishi":          # 一是A X；二是B Y
            return "；".join(f"{chinese_int(n)}是{p}" for n, p in enumerate(pieces, 1))
        if self.layout == "numbered":       # （1）A X；（2）B Y
            return "；".join(f"（{n}）{p}" for n, p in enumerate(pieces, 1))
        if self.layout == "circled":        # ①A X，②B Y
            return self.part_sep.join(f"{CIRCLED[n]}{p}" for n, p in enumerate(pieces))
        if self.layout == "lines":          # one numbered line each (the provincial 说明)
            num = self.slots.get("line_num", "{n}．")
            return "；".join("\n" + num.format(n=n, cn=chinese_int(n)) + p for n, p in enumerate(pieces, 1))
        return self.part_sep.join(pieces)


def _and(items: list[str]) -> str:
    """A、B和C"""
    return "、".join(items[:-1]) + "和" + items[-1] if len(items) > 1 else "".join(items)


def _written(value: str, how) -> str:
    """A slot's value as an alias writes it, inside a plant's marks if it carries them."""
    marked = value.startswith("\x01") and value.endswith("\x02")
    inner = value[1:-1] if marked else value
    inner = how(inner) if callable(how) else how.get(inner, inner)
    return "\x01" + inner + "\x02" if marked else inner


def direction(cur: Decimal, prior: Decimal, verbs=("增加", "减少", "持平")) -> str:
    return verbs[0] if cur > prior else verbs[1] if cur < prior else verbs[2]


class Narrator:
    """Builds the statements of one document."""

    def __init__(self, b: Budget, w: Writer, rng: random.Random):
        self.b, self.w, self.rng = b, w, rng
        self.Y = b.year
        self.fin = b.doc_type == "决算"

    # ---------------------------------------------------------------- words
    def body(self) -> str:
        own = "本" + self.b.scope if self.rng.random() < 0.5 else "我" + self.b.scope[0]
        if self.b.scope == "单位" and own == "我单":
            own = "我单位"
        if self.b.scope == "部门" and own == "我部":
            own = "我部门"
        return self.rng.choice([own, own, self.b.name, self.rng.choice(self.b.short_names or [own])])

    def base(self) -> str:
        """The comparison base: last year, named in one of its forms."""
        Y1 = self.Y - 1
        if self.fin:
            return self.rng.choice(["上年度", f"{Y1}年度", "上年", f"{Y1}年"])
        return self.rng.choice(["上年", "上年预算", f"{Y1}年", f"{Y1}年预算", "上年度"])

    def m(self, yuan: Decimal, plain: bool = False) -> str:
        """An amount as this document writes it; every amount may come in full-width digits or
        Chinese numerals (the product must read them in sums too), whatever `plain` says."""
        return self.w.money(yuan)

    def p(self, value: Decimal) -> str:
        return self.w.percent(value)

    def verb(self) -> str:
        return "决算" if self.fin else "预算"

    def pick(self, old: list[str], fresh: list[str], held: list[str] = ()) -> str:
        """A wording: one of the kind's first templates, or (FRESH of the time) one of the red-team's;
        with HOLDOUT, one of the held-out set where the kind has one."""
        if HOLDOUT[0] and held:
            return self.rng.choice(list(held))
        return self.rng.choice(fresh if self.rng.random() < FRESH[0] else old)

    def fresh(self) -> bool:
        return self.rng.random() < FRESH[0]

    def lay(self, st: Statement, allowed=("respectively", "numbered", "circled", "lines")) -> Statement:
        """Write the parts of a fresh statement as a respectively-list, numbered sub-items or lines."""
        if self.rng.random() < FRESH[0] * 0.7:
            st.layout = self.rng.choice(list(allowed))
            if st.layout == "lines":
                # not the numbering of the headings around it (the county 说明 has 1、收入说明 above)
                st.slots.setdefault("line_num", "（{n}）" if self.b.family == "hebei" else
                                    self.rng.choice(["{n}．", "{n}."]))
                if not st.template.rstrip("。").endswith("{parts}") or "：{parts}" not in st.template:
                    st.layout = "numbered"
        return st

    # ---------------------------------------------------------------- statement kinds
    def income(self) -> Statement:
        if holdout2.ON[0]:
            return holdout2.income(self)
        if holdout3.ON[0]:
            return holdout3.income(self)
        b, Y = self.b, self.Y
        parts = [["一般公共预算拨款收入" if self.rng.random() < 0.5 else "一般公共预算收入", self.m(b.gpb, True), ""],
                 ["政府性基金预算拨款收入" if self.rng.random() < 0.5 else "政府性基金收入", self.m(b.fund, True), ""]]
        if self.rng.random() < 0.5:
            parts.append(["国有资本经营预算收入", self.m(ZERO, True), ""])
        if self.rng.random() < 0.5:
            parts.append(["上年结转", self.m(ZERO, True), ""])
        v = self.verb()
        templates = [
            "{Y}年{body}" + v + "收入{total}，其中：{parts}。",
            "{body}{Y}年度收入" + v + "总计{total}，包括{parts}。",
            "{Y}年度收入" + v + "合计为{total}。其中，{parts}。",
            "收入" + v + "{total}（{Y}年），其中{parts}。",
            "按资金来源分，{body}{Y}年收入" + v + "{total}：{parts}。",
            "{Y}年{body}收入总计{total}；其中{parts}。",
        ]
        fresh = [
            "{Y}年{body}收入" + v + "共计{total}。其中：{parts}。",
            "{body}{Y}年度收入" + v + "{total}，{parts}。",
            "{parts}，{Y}年收入" + v + "合计{total}。",
            "本年度收入" + v + "{total}，按来源划分：{parts}。",
            "{body}{Y}年收入来源为{parts}，总计{total}。",
            "{Y}年{body}全部收入" + v + "{total}。按收入来源分，{parts}。",
        ]
        held = [
            "{Y}年{body}收入" + v + "构成：{parts}；合计{total}。",
            "{body}{Y}年" + v + "收入{total}，由{parts}组成。",
            "全年收入" + v + "{total}（{Y}年度），来源为{parts}。",
        ]
        st = Statement("income-parts", self.pick(templates, fresh, held),
                       {"Y": str(Y), "body": self.body(), "total": self.m(b.total, True)}, parts,
                       self.rng.choice(["，", "；", "、"]), {"total": b.total, "parts": [b.gpb, b.fund]})
        if st.template in fresh:
            self.lay(st)
        return st

    def expense(self) -> Statement:
        if holdout2.ON[0]:
            return holdout2.expense(self)
        if holdout3.ON[0]:
            return holdout3.expense(self)
        b, Y = self.b, self.Y
        v = self.verb()
        pub = self.rng.choice(["公用经费", "日常公用经费"])
        inner = self.rng.random() < 0.6
        parts = [["基本支出", self.m(b.basic, True), ""]]
        if inner:
            parts[0][2] = self.rng.choice(["（人员经费{pe}、" + pub + "{pu}）", "，包括人员经费{pe}和" + pub + "{pu}",
                                           "（含人员经费{pe}，" + pub + "{pu}）", "，其中：①人员经费{pe}，②" + pub + "{pu}",
                                           "，其中人员经费、" + pub + "分别为{pe}、{pu}"])
        parts.append(["项目支出", self.m(b.project_total, True), ""])
        templates = [
            "{Y}年{body}支出" + v + "{total}，其中{parts}。",
            "{body}{Y}年度支出" + v + "为{total}。其中：{parts}。",
            "支出" + v + "总计{total}，{parts}。",
            "{Y}年度{body}" + v + "支出合计{total}，按支出性质分为{parts}。",
            "{body}本年支出" + v + "{total}（{parts}）。",
            "{Y}年支出" + v + "{total}；{parts}。",
        ]
        fresh = [
            "{Y}年{body}支出" + v + "共计{total}。其中：{parts}。",
            "{body}{Y}年度" + v + "支出{total}，{parts}。",
            "{parts}，{Y}年支出" + v + "合计{total}。",
            "按支出性质划分，{body}{Y}年支出" + v + "{total}，包括{parts}。",
            "{Y}年度支出总" + v + "为{total}。从支出构成看，{parts}。",
        ]
        held = [
            "{Y}年{body}支出" + v + "{total}，从构成看，{parts}。",
            "{body}{Y}年度支出" + v + "{total}，用于{parts}。",
            "全年支出" + v + "安排{total}（{Y}年度），分为{parts}。",
        ]
        st = Statement("expense-parts", self.pick(templates, fresh, held),
                       {"Y": str(Y), "body": self.body(), "total": self.m(b.total, True),
                        "pe": self.m(b.personnel, True), "pu": self.m(b.public, True)},
                       parts, self.rng.choice(["；", "，"]),
                       {"total": b.total, "parts": [b.basic, b.project_total]})
        if st.template in fresh:
            self.lay(st)
            if st.layout == "respectively" and inner:
                parts[0][2], inner = "", False
        st.facts["inner"] = inner
        return st

    def change(self, subject: str, cur: Decimal, prior: Decimal, kind: str = "change") -> Statement:
        """A year-over-year statement: amount, prior, change, percent, direction in various subsets."""
        if holdout2.ON[0]:
            return holdout2.change(self, subject, cur, prior, kind)
        if holdout3.ON[0]:
            return holdout3.change(self, subject, cur, prior, kind)
        Y = self.Y
        d = direction(cur, prior)
        chg = abs(cur - prior)
        rate = pct(chg, prior, self.w.s.percent_places) if prior else ZERO
        d2 = {"增加": "增长", "减少": "下降", "持平": "持平"}[d]
        if self.rng.random() < 0.3:
            d2 = d if d != "持平" else d2
        v = self.verb()
        templates = [
            "{Y}年{subj}" + v + "{amt}，较{base}{dir}{chg}，{dir2}{pct}。",
            "{subj}{Y}年" + v + "{amt}，与{base}相比{dir}{chg}，{dir2}{pct}。",
            "与{base}相比，{Y}年{subj}{dir}{chg}（{dir2}{pct}），" + v + "数为{amt}。",
            "{subj}{base}为{prior}，{Y}年为{amt}，{dir}{chg}。",
            "{Y}年{subj}{amt}，比{base}的{prior}{dir}{chg}，{dir2}{pct}。",
            "{subj}" + v + "{amt}，{base}{prior}，{dir2}{pct}。",
            "{Y}年{subj}安排{amt}，{base}安排{prior}，{dir}了{chg}。",
        ]
        fresh = [
            "{Y}年{subj}" + v + "{amt}，比{base}{dir}{chg}、{dir2}{pct}。",
            "{subj}" + v + "较{base}的{prior}{dir}{chg}，{reach}{amt}。",
            "{Y}年{subj}" + v + "{amt}，比{base}{dir2}{pct}，{dir}{chg}。",
            "{subj}由{base}的{prior}{dir}到{Y}年的{amt}，{dir2}{pct}。",
            "{subj}{Y}年" + v + "{amt}，同比{dir}{chg}，{amp}{pct}。",
            "{Y}年{subj}{amt}（{base}：{prior}），{dir}{chg}，{dir2}{pct}。",
            "{subj}" + v + "数为{amt}，与{base}相比，{dir}{chg}，{dir2}幅度为{pct}。",
            "{Y}年{subj}" + v + "{amt}，比{base}{dir}{pct}（{chg}）。",
        ]
        if d == "持平":
            templates = [
                "{Y}年{subj}" + v + "{amt}，与{base}持平。",
                "{subj}{Y}年" + v + "{amt}，与{base}{prior}持平。",
                "{Y}年{subj}{amt}，同{base}持平。",
                "与{base}相比，{subj}持平，均为{amt}。",
                "{subj}" + v + "{amt}，与{base}相比无变化。",
            ]
            fresh = [
                "{subj}{Y}年" + v + "与{base}持平，均为{amt}。",
                "{Y}年{subj}" + v + "{amt}，较{base}无增减变化。",
                "{subj}" + v + "{amt}，与{base}数额相同。",
                "{Y}年{subj}{amt}，{base}亦为{prior}，保持不变。",
                "{subj}" + v + "{amt}，同比持平。",
            ]
        held = [
            "与{base}（{prior}）相比，{Y}年{subj}" + v + "{amt}，{dir}{chg}，{dir2}{pct}。",
            "{Y}年{subj}" + v + "{amt}，较{base}{dir}{pct}，{dir}额为{chg}。",
            "{subj}" + v + "由{base}的{prior}调整为{Y}年的{amt}，{dir}{chg}。",
            "{subj}{Y}年" + v + "{amt}，比{base}{dir}了{chg}，{dir2}比例为{pct}。",
            "{Y}年{subj}" + v + "{amt}，为{base}{prior}的{ratio}，{dir}{chg}。",
        ]
        if d == "持平":
            held = ["{Y}年{subj}" + v + "{amt}，与{base}数持平。", "{subj}{Y}年" + v + "{amt}，与{base}一致，未作调整。",
                    "{subj}：{Y}年{amt}，{base}{prior}，无变化。"]
        reach = self.rng.choice(["达到", "为"] if d == "增加" else ["降至", "为", "减至"])
        # written without drawing from the document's random stream (the other wordings stay as they were)
        ratio = number(pct(cur, prior, self.w.s.percent_places) if prior else ZERO, self.w.s.percent_places) + "%"
        return Statement(kind, self.pick(templates, fresh, held) + "{why}",
                         {"Y": str(Y), "subj": subject, "amt": self.m(cur, True), "prior": self.m(prior, True),
                          "base": self.base(), "dir": d, "dir2": d2, "chg": self.m(chg, True), "pct": self.p(rate),
                          "why": self.reason(d), "reach": reach, "amp": "增幅" if d == "增加" else "降幅",
                          "ratio": ratio},
                         facts={"cur": cur, "prior": prior, "chg": cur - prior, "pct": rate})

    def reason(self, d: str) -> str:
        """Why an amount changed (often given, sometimes not)."""
        if d == "持平" or self.rng.random() < 0.4:
            return ""
        why = {"增加": ["人员调资及新增工作任务", "政策性增资", "新增专项工作经费"],
               "减少": ["压减一般性支出", "部分项目完成后不再安排", "人员减少"]}[d]
        lead = self.rng.choice(["主要原因是", "主要原因：", "增减变化原因是", "变化的主要原因是", "原因是"])
        return lead + self.rng.choice(why) + "。"

    def total_change(self) -> Statement:
        if holdout2.ON[0]:
            return holdout2.total_change(self)
        if holdout3.ON[0]:
            return holdout3.total_change(self)
        subj = self.rng.choice([f"{self.b.scope}收支", "收支总额", "收入支出总计", "支出总额",
                                f"{self.b.scope}收支总计"])
        return self.change(subj, self.b.total, self.b.prior_total)

    def shares(self) -> Statement:
        if holdout2.ON[0]:
            return holdout2.shares(self)
        if holdout3.ON[0]:
            return holdout3.shares(self)
        b = self.b
        places = self.w.s.percent_places
        s1 = pct(b.basic, b.total, places)
        s2 = pct(b.project_total, b.total, places)
        templates = [
            "{Y}年支出" + self.verb() + "中，{parts}。",
            "从支出结构看，{parts}。",
            "按支出类型分：{parts}。",
            "{body}本年支出{total}，其中{parts}。",
            "支出构成为{parts}。",
        ]
        fresh = [
            "{Y}年{body}支出" + self.verb() + "{total}，其中{parts}。",
            "{Y}年{body}{parts}。",
            "在{total}的支出" + self.verb() + "中，{parts}。",
            "支出结构方面，{parts}。",
            "{body}本年支出" + self.verb() + "合计{total}，其中：{parts}。",
        ]
        template = self.pick(templates, fresh)
        st = Statement("share", template, {"Y": str(self.Y), "body": self.body(), "total": self.m(b.total, True),
                                           "s0": self.p(s1), "s1": self.p(s2)},
                       [], self.rng.choice(["；", "，"]), {"shares": [s1, s2]})
        if template in fresh:
            whole = self.rng.choice(["支出总额的", "本年支出合计的", "总支出的", ""])
            st.slots["whole_of"] = whole
            suffix = self.rng.choice(["，占" + whole + "{s}", "，所占比重为{s}", "（占" + whole + "{s}）", "，比重{s}"])
            if self.rng.random() < 0.25:   # the share before the amount
                suffix, st.part_format = "{s}", self.rng.choice(["{0}占{2}，计{1}", "{0}占比{2}，金额{1}"])
        else:
            suffix = self.rng.choice(["，占{s}", "、占比{s}"])
        for i, (label, amt) in enumerate((("基本支出", b.basic), ("项目支出", b.project_total))):
            st.parts.append([label, self.m(amt, True), suffix.replace("{s}", "{s%d}" % i)])
        if template in fresh and template != fresh[1]:
            self.lay(st)
        elif template == fresh[1]:
            st.layout = "respectively"
        return st

    def class_list(self) -> Statement:
        """The 类 the 一般公共预算 spends on, with their shares."""
        b = self.b
        classes = [c for c in b.classes() if b.sum_of(c, "gpb")]
        if holdout2.ON[0]:
            form = self.pick(self.FORMS, self.FRESH_FORMS)
            return holdout2.class_list(self, classes, lambda c: self.subject_name(c, form))
        if holdout3.ON[0]:
            form = self.pick(self.FORMS, self.FRESH_FORMS)
            return holdout3.class_list(self, classes, lambda c: self.subject_name(c, form))
        total = b.gpb
        templates = [
            "一般公共预算" + ("财政拨款" if self.rng.random() < 0.5 else "") + "支出{total}，主要用于以下方面：{parts}。",
            "{Y}年一般公共预算支出{total}，按功能分类：{parts}。",
            "一般公共预算支出{total}，具体为{parts}。",
            "{body}一般公共预算支出" + self.verb() + "{total}，其中：{parts}。",
            "从功能分类看，一般公共预算支出{total}：{parts}。",
        ]
        fresh = [
            "{Y}年一般公共预算支出" + self.verb() + "{total}，其中：{parts}。",
            "一般公共预算支出{total}中，{parts}。",
            "按支出功能分类，{parts}，合计{total}。",
            "{body}{Y}年一般公共预算拨款支出" + self.verb() + "{total}，按科目分：{parts}。",
            "一般公共预算财政拨款安排{total}，主要用于：{parts}。",
        ]
        template = self.pick(templates, fresh)
        is_fresh = template in fresh
        whole = self.rng.choice(["一般公共预算支出的", "", "总额的"]) if is_fresh else ""
        suffix = self.rng.choice(["，占" + whole + "{s}", "，占比{s}", "（占{s}）"]) if is_fresh else "，占{s}"
        part_format = "{0}{1}{2}"
        if is_fresh and self.rng.random() < 0.2:
            suffix, part_format = "{s}", "{0}占{2}，为{1}"
        parts, shares, slots = [], [], {"Y": str(self.Y), "body": self.body(), "total": self.m(total, True),
                                         "whole_of": whole}
        form = self.pick(self.FORMS, self.FRESH_FORMS)   # one form for the whole list
        for i, c in enumerate(classes):
            amt = b.sum_of(c, "gpb")
            share = pct(amt, total, self.w.s.percent_places)
            shares.append(share)
            slots[f"s{i}"] = self.p(share)
            parts.append([self.subject_name(c, form), self.m(amt, True), suffix.replace("{s}", "{s%d}" % i)])
        st = Statement("class-list", template, slots, parts, "；", {"shares": shares, "classes": classes},
                       part_format=part_format)
        if is_fresh:
            self.lay(st)
        return st

    # ---------------------------------------------------------------- 科目
    FORMS = ["markers", "dash", "codes-inside", "code-first", "quoted", "bare", "kuan-markers"]
    FRESH_FORMS = ["half-markers", "name-code", "class-short", "level-words", "bracket-code", "slash"]

    def subject_name(self, code: str, form: str | None = None, names: dict | None = None) -> str:
        """A 科目 in one of the ways documents name it."""
        names = names or {}
        nm = lambda c: names.get(c, FUNCTIONAL[c])  # noqa: E731
        form = form or self.pick(self.FORMS, self.FRESH_FORMS)
        if len(code) == 3:
            return {"markers": f"{nm(code)}（类）", "dash": f"“{nm(code)}”", "codes-inside": f"{nm(code)}({code}类)",
                    "code-first": f"{code}{nm(code)}", "quoted": f"“{nm(code)}”（类）", "bare": nm(code),
                    "kuan-markers": f"{nm(code)}（类）", "half-markers": f"{nm(code)}(类)",
                    "name-code": f"{nm(code)}（{code}）",
                    "class-short": (nm(code)[:-2] if nm(code).endswith("支出") else nm(code)) + "（类）",
                    "level-words": f"类级科目“{nm(code)}”", "bracket-code": f"【{code}】{nm(code)}",
                    "slash": f"“{nm(code)}”类"}[form]
        c3, c5 = code[:3], code[:5]
        if form == "markers":
            return f"{nm(c3)}（类）{nm(c5)}（款）{nm(code)}（项）"
        if form == "kuan-markers":
            return f"{nm(c5)}（款）{nm(code)}（项）"
        if form == "dash":
            return f"“{nm(c3)}-{nm(c5)}-{nm(code)}”科目"
        if form == "codes-inside":
            return f"{nm(c3)}({c3}类){nm(c5)}({code[3:5]}款){nm(code)}({code[5:]}项)"
        if form == "code-first":
            return f"{code}{nm(code)}"
        if form == "quoted":
            return f"“{nm(code)}”科目"
        if form == "half-markers":       # half-width brackets, as pasted from a spreadsheet
            return f"{nm(c3)}(类){nm(c5)}(款){nm(code)}(项)"
        if form == "name-code":          # the code after the name
            return f"{nm(c5)}（款）{nm(code)}（{code}）" if self.rng.random() < 0.5 else f"{nm(code)}（{code}）"
        if form == "class-short":        # the 类 without its 支出, as the provincial 说明 write it
            cls = nm(c3)[:-2] if nm(c3).endswith("支出") else nm(c3)
            return f"{cls}（类）{nm(c5)}（款）{nm(code)}（项）"
        if form == "level-words":        # 款级科目 … 项级科目
            return f"{nm(c5)}款{nm(code)}项"
        if form == "bracket-code":
            return f"【{code}】{nm(code)}"
        if form == "slash":
            return f"{nm(c3)}/{nm(c5)}/{nm(code)}"
        return nm(code)

    def subject(self, row: Row, form: str | None = None, with_change: bool | None = None,
                names: dict | None = None) -> Statement:
        amt = row.gpb if row.gpb else row.total
        name = self.subject_name(row.code, form, names)
        use = self.rng.choice(["主要用于{purpose}", "用于{purpose}", "反映{purpose}"])
        purpose = _purpose(row)
        with_change = self.rng.random() < 0.4 if with_change is None else with_change
        if with_change and not self.fin:
            st = self.change(name + ("支出" if not name.endswith(("科目", "支出")) else ""), amt, row.prior,
                             kind="subject-change")
            st.facts["code"] = row.code
            st.slots["name"] = name
            return st
        if self.fin and row.initial:
            return self.completion(name, row.initial, amt, code=row.code)
        if holdout2.ON[0]:
            return holdout2.subject(self, row, name, _purpose(row))
        if holdout3.ON[0]:
            return holdout3.subject(self, row, name, _purpose(row))
        spend = "" if name.endswith(("支出", "科目", "支出”")) else "支出"
        templates = [
            "{name}" + self.verb() + "{amt}，" + use + "。",
            "{name}{amt}，" + use + "。",
            "{name}" + spend + "{amt}，" + use + "。",
            use.replace("主要", "") + "的{name}安排{amt}。",
            "安排{name}{amt}，" + use + "。",
            "{name}：{amt}，" + use + "。",
        ]
        if "“" not in name and "（" not in name and "(" not in name and not name[:1].isdigit():
            templates.append("主要为" + name + spend + "{amt}。")
        fresh = [
            "{name}" + self.verb() + "数为{amt}，" + use + "。",
            "{name}列支{amt}，" + use + "。",
            "其中：{name}" + spend + "{amt}，" + use + "。",
            "{name}安排资金{amt}，" + use + "。",
            "{name}" + spend + "{amt}。" + self.rng.choice(["该科目", "此项", ""]) + use + "。",
            "{name}" + spend + "{amt}，占一般公共预算支出的{share}，" + use + "。",
        ]
        share = pct(amt, self.b.gpb, self.w.s.percent_places) if self.b.gpb else ZERO
        held = [
            "{name}（{amt}）：" + use + "。",
            "在{name}中安排{amt}，" + use + "。",
            "{name}" + self.verb() + "额{amt}，" + use + "。",
        ]
        return Statement("subject", self.pick(templates, fresh, held),
                         {"name": name, "amt": self.m(amt, True), "purpose": purpose,
                          "share": self.p(share)},
                         facts={"amt": amt, "code": row.code, "share": share})

    def completion(self, name: str, initial: Decimal, final: Decimal, code: str = "") -> Statement:
        if holdout2.ON[0]:
            return holdout2.completion(self, name, initial, final, code)
        if holdout3.ON[0]:
            return holdout3.completion(self, name, initial, final, code)
        rate = pct(final, initial, self.w.s.percent_places)
        rel = "大于" if final > initial else "小于" if final < initial else "等于"
        reason = {"大于": "年中追加预算", "小于": "厉行节约、压减一般性支出", "等于": "按预算执行"}[rel]
        templates = [
            "{name}。年初预算为{init}，支出决算为{final}，完成年初预算的{pct}。决算数{rel}预算数的主要原因是{reason}。",
            "{name}年初预算{init}，决算{final}，完成{pct}，决算数{rel}年初预算数，主要原因是{reason}。",
            "{name}：支出决算{final}，为年初预算{init}的{pct}；决算数{rel}预算数，原因是{reason}。",
            "{name}决算数为{final}，年初预算数为{init}，完成年初预算的{pct}。{reason}，决算数{rel}年初预算。",
            "{name}年初预算{init}，支出决算{final}，预算完成率{pct}（决算数{rel}预算数）。",
        ]
        spend = "" if name.endswith(("支出", "支出”", "科目")) else "支出"
        fresh = [
            "{name}年初预算为{init}，支出决算为{final}，决算数{rel}年初预算，完成年初预算的{pct}。主要原因是{reason}。",
            "{name}" + spend + "决算{final}，完成年初预算{init}的{pct}。",
            "{name}：决算{final}，年初预算{init}，预算执行率{pct}，{reason}。",
            "{name}决算数{final}，比年初预算数{init}{more}{diff}，完成年初预算的{pct}，主要原因是{reason}。",
            "{name}年初预算{init}、决算{final}，决算数为年初预算的{pct}，{rel}年初预算。",
        ]
        if rel == "等于":
            templates = [t.replace("{rel}预算数", "与预算数持平").replace("{rel}年初预算数", "与年初预算数持平")
                          .replace("{rel}年初预算", "同年初预算持平") for t in templates]
            fresh = [t.replace("{rel}年初预算", "与年初预算持平").replace("比年初预算数{init}{more}{diff}，",
                                                                  "与年初预算数{init}持平，") for t in fresh]
        held = [
            "{name}全年预算数{init}，决算数{final}，预算执行率为{pct}，决算数{rel}全年预算数。",
            "{name}决算{final}，与年初预算{init}相比{more}{diff}，执行率{pct}。",
            "{name}：年初预算数{init}，决算数{final}，完成率{pct}，原因是{reason}。",
        ]
        if rel == "等于":
            held = [t.replace("{rel}全年预算数", "与全年预算数持平").replace("相比{more}{diff}", "相比持平") for t in held]
        return Statement("final-completion", self.pick(templates, fresh, held),
                         {"name": name, "init": self.m(initial, True), "final": self.m(final, True), "pct": self.p(rate),
                          "rel": rel, "reason": reason, "more": "增加" if final > initial else "减少",
                          "diff": self.m(abs(final - initial), True)},
                         facts={"initial": initial, "final": final, "pct": rate, "code": code})

    # ---------------------------------------------------------------- 三公, 机关运行, 采购, 资产
    def three_public(self) -> Statement:
        if holdout2.ON[0]:
            return holdout2.three_public(self)
        if holdout3.ON[0]:
            return holdout3.three_public(self)
        b = self.b
        t, tp = b.three_public, b.three_public_prior
        total, prior = b.three_public_total, sum(tp.values(), ZERO)
        car = t["购置"] + t["运行"]
        parts = [["因公出国（境）费", self.m(t["出国"], True), ""],
                 ["公务用车购置及运行费", self.m(car, True), "（其中：公务用车购置费{c1}，公务用车运行费{c2}）"],
                 ["公务接待费", self.m(t["接待"], True), ""]]
        sep = self.rng.choice(["；", "，"])
        v = self.verb()
        cmp_ = self.rng.choice([
            "，比{base}{dir}{chg}", "，较{base}{dir}{chg}", "。与{base}相比{dir}{chg}", "，{base}为{prior}",
            "，与{base}相比{dir}{chg}"])
        if total == prior:
            cmp_ = self.rng.choice(["，与{base}持平", "。“三公”经费与{base}持平", "，同{base}持平",
                                    "，和{base}持平", "，与{base}相比无增减"])
        templates = [
            "{Y}年{body}财政拨款“三公”经费" + v + "{total}" + cmp_ + "。其中：{parts}。",
            "{body}{Y}年“三公”经费" + v + "安排{total}，其中{parts}" + cmp_ + "。",
            "“三公”经费{Y}年" + v + "{total}，其中：{parts}" + cmp_ + "。",
            "{Y}年度“三公”经费财政拨款" + v + "数为{total}" + cmp_ + "。具体为：{parts}。",
            "财政拨款“三公”经费{total}（{parts}）" + cmp_ + "。",
        ]
        is_fresh = self.fresh()
        if is_fresh:
            cmp_ = self.rng.choice(["，较{base}的{prior}{dir}{chg}", "，同比{dir}{chg}", "，较{base}{dir}{pct}（{chg}）",
                                    "，比{base}{dir}{chg}、{dir2}{pct}"] if prior else ["，{base}无此项支出"])
            if total == prior:
                cmp_ = self.rng.choice(["，与{base}相比没有变化", "，与{base}数额相同", "，同比持平"])
            templates = [
                "{Y}年{body}“三公”经费财政拨款" + v + "{total}" + cmp_ + "，其中{parts}。",
                "“三公”经费" + v + "{total}" + cmp_ + "。其中：{parts}。",
                "{parts}，{Y}年“三公”经费合计{total}" + cmp_ + "。",
                "{Y}年“三公”经费" + v + "安排{total}" + cmp_ + "，具体为{parts}。",
                "{body}{Y}年“三公”经费" + v + "总额为{total}" + cmp_ + "；其中：{parts}。",
            ]
            if total:   # the provincial form: each item with its share, no total stated
                templates.append("{body}{Y}年度一般公共预算拨款安排的“三公”经费" + v + "支出中，{parts}。")
        template = self.rng.choice(templates)
        d = direction(total, prior)
        rate = pct(abs(total - prior), prior, self.w.s.percent_places) if prior else ZERO
        slots = {"Y": str(self.Y), "body": self.body(), "total": self.m(total, True),
                 "base": self.base(), "dir": d, "dir2": {"增加": "增长", "减少": "下降"}.get(d, d),
                 "pct": self.p(rate), "chg": self.m(abs(total - prior), True),
                 "prior": self.m(prior, True), "c1": self.m(t["购置"], True), "c2": self.m(t["运行"], True)}
        st = Statement("three-public", template, slots, parts, sep,
                       {"total": total, "prior": prior, "parts": [t["出国"], car, t["接待"]]})
        if is_fresh:
            mode = "shares" if "支出中" in template else self.rng.choice(["shares", "layout", "inline"])
            if mode == "shares" and total:
                whole = self.rng.choice(["“三公”经费的", "“三公”经费预算的", ""])
                shares = [pct(x, total, self.w.s.percent_places) for x in st.facts["parts"]]
                for i, share in enumerate(shares):
                    slots[f"s{i}"] = self.p(share)
                    parts[i][2] = "，占" + whole + "{s%d}" % i
                st.facts["shares"] = shares
                st.part_sep = "；"
            elif mode == "layout":
                self.lay(st)
                if st.layout == "respectively":
                    parts[1][2] = ""
        return st

    def three_public_items(self) -> list[Statement]:
        """Each “三公” item against last year (the provincial and Shanghai sub-statements)."""
        b = self.b
        names = {"出国": ["因公出国（境）费", "因公出国（境）经费"], "购置": ["公务用车购置费", "公务用车购置经费"],
                 "运行": ["公务用车运行维护费", "公务用车运行费"], "接待": ["公务接待费", "国内公务接待费"]}
        out = []
        for key, words in names.items():
            cur, prior = b.three_public[key], b.three_public_prior[key]
            if cur or prior:
                out.append(self.change(self.rng.choice(words), cur, prior, kind="three-public-item"))
        return out

    def running(self) -> Statement:
        b = self.b
        purpose = "办公费、水电费、差旅费等日常运行支出"
        if self.rng.random() < 0.5:
            st = self.change("机关运行经费", b.running, b.running_prior, kind="running-change")
            st.facts["amt"] = b.running
            return st
        if holdout2.ON[0]:
            return holdout2.running(self)
        if holdout3.ON[0]:
            return holdout3.running(self)
        templates = [
            "{Y}年{body}机关运行经费" + self.verb() + "{amt}，主要用于" + purpose + "。",
            "{body}{Y}年度机关运行经费共计安排{amt}，用于" + purpose + "。",
            "机关运行经费{amt}，主要保障" + purpose + "。",
            "{Y}年机关运行经费为{amt}。",
            "本年度机关运行经费" + self.verb() + "数{amt}，较好地保障了机关正常运转。",
        ]
        fresh = [
            "{body}{Y}年一般公共预算安排机关运行经费{amt}。",
            "机关运行经费" + self.verb() + "为{amt}，主要用于" + purpose + "。",
            "{Y}年度，{body}机关运行经费{amt}。",
            "机关运行经费：{amt}，用于" + purpose + "。",
            "{Y}年{body}使用一般公共预算拨款安排的机关运行经费" + self.verb() + "{amt}。",
        ]
        held = [
            "机关运行经费（一般公共预算安排）{amt}，主要用于" + purpose + "。",
            "{Y}年度机关运行经费" + self.verb() + "额度为{amt}。",
            "{body}{Y}年机关运行经费{amt}，全部为一般公共预算拨款。",
        ]
        return Statement("running", self.pick(templates, fresh, held),
                         {"Y": str(self.Y), "body": self.body(), "amt": self.m(b.running, True)},
                         facts={"amt": b.running})

    def procurement(self) -> Statement | None:
        b = self.b
        if not b.procurement:
            return None
        if holdout2.ON[0]:
            return holdout2.procurement(self)
        if holdout3.ON[0]:
            return holdout3.procurement(self)
        fresh_labels = self.fresh()
        style = self.rng.randrange(2)
        labels = {"货物": ["拟采购货物支出", "货物类"], "工程": ["拟采购工程支出", "工程类"],
                  "服务": ["拟购买服务支出", "服务类"]}
        if self.fin:   # what was bought, not what is planned
            labels = {"货物": ["政府采购货物支出", "货物类"], "工程": ["政府采购工程支出", "工程类"],
                      "服务": ["政府采购服务支出", "服务类"]}
        parts = [[(labels[k][style] if fresh_labels else f"{k}类采购" if self.rng.random() < 0.5 else f"{k}"),
                  self.m(b.procurement_by(k), True), ""]
                 for k in ("货物", "工程", "服务") if b.procurement_by(k)]
        v = self.verb()
        templates = [
            "{Y}年{body}政府采购" + v + "总额{total}，其中：{parts}。",
            "{body}{Y}年度安排政府采购预算{total}，包括{parts}。",
            "政府采购" + v + "{total}：{parts}。",
            "{Y}年度政府采购预算合计{total}，其中{parts}。",
            "按采购品目分，{Y}年政府采购{total}，{parts}。",
        ]
        fresh = [
            "{Y}年度{body}政府采购支出" + v + "总额{total}，其中：{parts}。",
            "{parts}，{Y}年政府采购" + v + "合计{total}。",
            "政府采购" + v + "{total}（{parts}）。",
            "{body}{Y}年政府采购" + v + "{total}，{parts}。",
            "{Y}年政府采购" + v + "共{total}。其中：{parts}。",
        ]
        held = [
            "{body}{Y}年政府采购" + v + "{total}，按采购类别分为{parts}。",
            "{Y}年政府采购情况：{parts}，合计{total}。",
            "政府采购" + v + "共计{total}，{parts}。",
        ]
        st = Statement("procurement", self.pick(templates, fresh, held),
                       {"Y": str(self.Y), "body": self.body(), "total": self.m(b.procurement_total, True)}, parts,
                       self.rng.choice(["，", "、"]) if fresh_labels else "，", {"total": b.procurement_total,
                                                                             "parts": [b.procurement_by(k) for k in ("货物", "工程", "服务") if b.procurement_by(k)]})
        if st.template in fresh and len(parts) > 1 and "（{parts}）" not in st.template:
            self.lay(st)
        return st

    def assets(self) -> Statement:
        b = self.b
        when = f"{self.Y}年12月31日" if self.fin else f"{self.Y - 1}年12月31日"
        total = sum(b.assets.values(), ZERO)
        templates = [
            "截至{date}，{body}共有车辆{n}辆，固定资产总额{amt}。",
            "截至{date}，{body}固定资产原值{amt}，其中车辆{n}辆。",
            "{body}（含所属单位）截至{date}的固定资产金额为{amt}，公务用车{n}辆。",
            "截止{date}，本{scope}占有使用固定资产{amt}，车辆{n}辆。",
            "资产情况：截至{date}，{body}固定资产{amt}；车辆{n}辆。",
        ]
        fresh = [
            "截至{date}，{body}共有车辆{n}辆，固定资产账面原值{amt}。",
            "{body}截至{date}占有使用固定资产{amt}，车辆{n}辆。",
            "截至{date}，{body}固定资产总计{amt}；公务用车{n}辆。",
            "截止到{date}，{body}固定资产原值为{amt}，共有车辆{n}辆。",
            "国有资产占有使用情况：截至{date}，{body}固定资产{amt}，车辆{n}辆。",
        ]
        return Statement("assets", self.pick(templates, fresh),
                         {"date": when, "body": self.body(), "n": self.w.count(b.vehicles), "amt": self.m(total, True),
                          "scope": b.scope}, facts={"amt": total}, this_year=self.fin)

    # ---------------------------------------------------------------- traps (legitimate text)
    def traps(self) -> list[str]:
        b, Y = self.b, self.Y
        finance = b.finance
        pfx = b.region.province[:1] if b.region.level == "省" else \
            (b.region.city if b.region.level == "市" else b.region.county)[:1]
        n = self.rng.randint(3, 40)
        out = [
            self.rng.choice([
                f"根据《{finance}关于编制{Y}年{b.scope}预算的通知》（{pfx}财预〔{Y - 1}〕{n}号）要求，{{body}}认认真真做好预算编制工作。",
                f"按照{finance}{pfx}财预〔{Y - 1}〕{n}号文件精神，{{body}}实实在在压减一般性支出。",
                f"依据《{pfx}财预〔{Y - 1}〕{n}号》和{finance}有关要求，本年预算编制工作扎扎实实推进。",
                f"{finance}印发的{pfx}财预〔{Y - 1}〕{n}号文件对{Y}年预算编制提出了明确要求。",
                f"按{finance}统一部署（{pfx}财预〔{Y - 1}〕{n}号），{{body}}{Y}年预算已编制完成。",
            ] + ([] if self.rng.random() >= FRESH[0] else [
                f"依据{finance}《关于做好{Y}年预算编制工作的通知》（{pfx}财预[{Y - 1}]{n}号），{{body}}方方面面统筹兼顾。",
                f"按照{pfx}政办发【{Y - 1}】{n}号文件要求，{{body}}把预算编制工作做得明明白白。",
                f"{{body}}严格执行{pfx}财预〔{Y - 1}〕{n}号、{pfx}财预〔{Y - 2}〕{n + 3}号文件规定，常常对照检查。",
                f"《{finance}关于批复{Y}年{b.scope}预算的通知》（{pfx}财预〔{Y}〕{n}号）已下达，{{body}}据此公开。",
            ])),
            self.rng.choice([
                f"{Y - 1}年部分项目因故未完成，相关资金已按规定结转{Y}年继续使用。",
                f"{Y - 1}年结转资金结转{Y}年使用，用途不变。",
                f"上年未完成的项目结余资金，已全部结转至{Y}年继续使用。",
                f"{Y - 1}年因故未完成的{b.kind.projects[-1]}项目，结转{Y}年继续实施。",
                f"受客观因素影响，{Y - 1}年部分资金未能支出，按规定结转下年（{Y}年）使用。",
            ] + ([] if self.rng.random() >= FRESH[0] else [
                f"{Y - 1}年未使用完毕的{b.kind.projects[0]}资金，经批准结转至{Y}年继续用于原项目。",
                f"上年度结转的{b.kind.projects[-1]}任务已于{Y}年一季度完成，结转资金{Y}年不再另行安排。",
                f"{Y - 2}年、{Y - 1}年连续两年结转的资金，已按规定收回统筹使用。",
            ])),
            self.rng.choice([
                f"围绕“十四五”规划（2021—2025年）确定的目标，{{body}}稳步推进各项工作。",
                f"{Y - 3}年以来，{{body}}累计完成重点任务{self.rng.randint(5, 30)}项；力争到{Y + 2}年全面完成规划目标。",
                f"对照2021—2025年发展规划，{Y}年是承上启下的关键之年。",
                f"“十五五”时期（2026—2030年），{{body}}将持续深化{_field(b.kind.projects[0])}工作。",
                f"自{Y - 5}年机构改革以来，{{body}}职能不断完善，{Y + 1}年将进一步巩固提升。",
            ] + ([] if self.rng.random() >= FRESH[0] else [
                f"{Y - 1}年{b.scope}决算已于{Y}年{self.rng.randint(7, 9)}月向社会公开，{{body}}将于{Y + 1}年继续做好公开工作。",
                f"对标{Y + 3}年远景目标，{{body}}{Y}年将着力补齐{_field(b.kind.projects[0])}短板。",
                f"本{b.scope}{Y - 4}—{Y - 1}年累计完成{_field(b.kind.projects[0])}任务{self.rng.randint(5, 30)}项。",
            ])),
        ]
        if self.rng.random() < FRESH[0] and self.b.short_names and not self.b.short_names[0].startswith("本"):
            short = self.b.short_names[0]   # the own abbreviation, defined and then used
            out.append(f"{b.name}（以下简称“{short}”）{Y}年共有在职人员{b.staff}人，{short}内设机构{self.rng.randint(3, 9)}个。")
        if holdout2.ON[0]:
            out.extend(holdout2.traps(self))
        if holdout3.ON[0]:
            out.extend(holdout3.traps(self))
        return out

    def plan_targets(self) -> list[Statement]:
        """Performance goals (绩效目标) of the projects, with the region's own place names."""
        b = self.b
        place = landmark(b.region)
        out = []
        for pr in b.projects:
            templates = [
                "{proj}：{Y}年计划完成{what}{n}次，提升{place}{field}工作水平，服务对象满意度不低于90%。",
                "{proj}绩效目标：全年开展{what}不少于{n}次，推动{place}{field}工作提质增效。",
                "{Y}年{proj}将围绕{place}{field}重点任务，完成{what}{n}次，确保资金使用规范。",
                "{proj}：保障{place}{field}工作正常开展，年内组织{what}{n}次。",
                "通过实施{proj}，{Y}年完成{what}{n}次，{place}{field}服务能力持续提升。",
            ]
            fresh = [
                "{proj}年度绩效目标：{Y}年组织{what}{n}次，{place}{field}工作覆盖面进一步扩大。",
                "{Y}年，{proj}计划开展{what}{n}次，促进{place}{field}工作规范化。",
                "{proj}：完成{what}不少于{n}次，{place}群众满意度达到90%以上。",
                "实施{proj}，全年完成{what}{n}次，服务{place}{field}发展。",
                "{proj}拟于{Y}年底前完成{what}{n}次，进一步提升{place}{field}工作质效。",
                "{proj}：{what}次数不少于{n}次，{place}群众满意度不低于90%。",
            ]
            out.append(Statement("plan", self.pick(templates, fresh),
                                 {"proj": pr.name, "Y": str(b.year), "what": _core(pr.name),
                                  "n": str(pr.target_count), "place": place, "field": _field(pr.name)},
                                 facts={"project": pr.name}))
        return out

    def soe(self) -> Statement:
        """国有资本经营: none this year nor last (a 持平 the 比…持平 plant can damage)."""
        templates = [
            "{Y}年{body}无国有资本经营预算拨款收支，与{base}持平。",
            "国有资本经营预算支出{amt}，与{base}持平。",
            "{body}{Y}年度未安排国有资本经营预算支出，与{base}相比持平。",
            "本年度国有资本经营预算财政拨款支出为{amt}，同{base}持平。",
            "国有资本经营预算拨款{amt}，与{base}持平，{body}无此项支出。",
        ]
        fresh = [
            "国有资本经营预算财政拨款支出" + self.verb() + "{amt}，{base}亦无此项支出。",
            "{Y}年{body}国有资本经营预算拨款收入和支出均为{amt}，与{base}持平。",
            "{body}{Y}年没有使用国有资本经营预算拨款安排的支出，与{base}持平。",
            "{Y}年度{body}无国有资本经营预算财政拨款支出，与{base}相比无变化。",
            "国有资本经营预算支出：{amt}（{base}：{amt}）。",
        ]
        return Statement("soe", self.pick(templates, fresh),
                         {"Y": str(self.Y), "body": self.body(), "base": self.base(), "amt": self.m(ZERO, True)})

    def intro(self) -> Statement:
        b = self.b
        templates = [
            "按照《中华人民共和国预算法》和《地方预决算公开操作规程》规定，现将{name}{Y}年{scope}{kind}公开如下：",
            "根据预决算公开有关要求，现将{name}{Y}年度{scope}{kind}情况公开说明如下。",
            "{name}{Y}年{scope}{kind}已经{level}人大批准，现予以公开。",
            "为做好{scope}{kind}公开工作，现将{name}{Y}年{scope}{kind}有关情况说明如下：",
            "现将{Y}年度{name}{scope}{kind}公开如下，请社会各界监督。",
        ]
        return Statement("intro", self.rng.choice(templates),
                         {"name": b.name, "Y": str(self.Y), "scope": b.scope, "kind": b.doc_type,
                          "level": b.region.level_word if b.region.level != "乡镇街道" else b.region.full[:3]})

    def duties(self) -> Statement:
        """The body's duties: words with 市 (市场, 城市) that a find-and-replace can damage."""
        templates = [
            "贯彻落实上级决策部署，参与规范市场秩序和优化营商环境，承担{r}{field}相关工作。",
            "负责全{lv}{field}工作的统筹协调，配合有关部门做好市场监管和城市管理相关工作。",
            "承担{field}领域的政策研究，推动建设统一开放、竞争有序的市场体系。",
            "组织实施{field}工作，服务城市发展大局，维护市场公平竞争。",
            "统筹推进{field}工作，参与市场主体培育和城市精细化管理。",
        ]
        b = self.b
        return Statement("duties", self.rng.choice(templates),
                         {"lv": b.region.level_word, "r": b.region.full, "field": _field(b.kind.projects[0])})

    def measures(self) -> Statement:
        """Working measures: ordinary words that a typo plant can damage."""
        return Statement("measures", "{text}", {"text": self.rng.choice([
            "一是健全内部管理制度，落实预算执行责任；二是完善绩效考核机制，加强经费使用监督；三是规范政府采购行为，做好资产管理工作。",
            "下一步，{body}将进一步健全财务管理制度，严格落实预算绩效管理要求，规范采购流程，强化经费支出监督。",
            "{body}将完善内部控制制度，落实过紧日子要求，加强培训经费和公务接待管理，确保资金使用规范。",
            "严格执行预算管理制度，健全预算绩效考核办法，落实资产管理责任，确保各项经费使用规范。",
            "我们将规范经费使用管理，完善采购内控制度，落实监督检查责任，严格培训和会议经费审核。",
        ]).replace("{body}", self.body())})


def _core(project: str) -> str:
    """A project's work without 经费/项目: 农产品质量检测."""
    return project.removesuffix("经费").removesuffix("项目")


def _field(project: str) -> str:
    """The field a project works in: 农产品质量检测 -> 农产品质量, 招商引资活动 -> 招商引资."""
    return _core(project)[:-2]


def _purpose(row: Row) -> str:
    code = row.code
    if code.startswith("20805"):
        return "机关事业单位养老保险缴费及离退休人员支出"
    if code.startswith("21011"):
        return "行政事业单位职工基本医疗保险缴费"
    if code.startswith("22102"):
        return "按规定为职工缴纳的住房公积金和住房补贴"
    if code.endswith("01"):
        return "保障机构正常运转的人员和公用支出"
    if code.endswith("50"):
        return "所属事业单位的基本支出"
    if code.startswith("2296"):
        return "彩票公益金安排的社会福利项目"
    return "开展业务工作的项目支出"


from . import holdout2, holdout3  # noqa: E402  (the held-out sets 2 and 3 build on the Statement above)

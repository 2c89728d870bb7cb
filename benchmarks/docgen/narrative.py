"""The 情况说明: statements built from the Budget, each in one of at least five wordings.

A Statement keeps its wording (template) and its slot values apart until it is written, so a
plant can replace one slot (an amount, a percentage, a direction word, a year, a subject) and the
writer knows exactly where the planted text lands. Slot values are plain strings; a planted value
is wrapped in MARK_START/MARK_END, which document.py turns into a span.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from .catalog import FUNCTIONAL
from .fmt import Writer, chinese_int
from .model import Budget, Row, landmark, pct

ZERO = Decimal(0)


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

    def render(self) -> str:
        slots = dict(self.slots)
        if self.parts:
            slots["parts"] = self.part_sep.join(
                label + amount + suffix.format(**self.slots) for label, amount, suffix in self.parts)
        text = self.template.format(**slots)
        for old, new in self.edits:
            assert old in text, (old, text)
            text = text.replace(old, new, 1)
        return text


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

    # ---------------------------------------------------------------- statement kinds
    def income(self) -> Statement:
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
        return Statement("income-parts", self.rng.choice(templates),
                         {"Y": str(Y), "body": self.body(), "total": self.m(b.total, True)}, parts,
                         self.rng.choice(["，", "；", "、"]), {"total": b.total, "parts": [b.gpb, b.fund]})

    def expense(self) -> Statement:
        b, Y = self.b, self.Y
        v = self.verb()
        pub = self.rng.choice(["公用经费", "日常公用经费"])
        inner = self.rng.random() < 0.6
        parts = [["基本支出", self.m(b.basic, True), ""]]
        if inner:
            parts[0][2] = self.rng.choice(["（人员经费{pe}、" + pub + "{pu}）", "，包括人员经费{pe}和" + pub + "{pu}"])
        parts.append(["项目支出", self.m(b.project_total, True), ""])
        templates = [
            "{Y}年{body}支出" + v + "{total}，其中{parts}。",
            "{body}{Y}年度支出" + v + "为{total}。其中：{parts}。",
            "支出" + v + "总计{total}，{parts}。",
            "{Y}年度{body}" + v + "支出合计{total}，按支出性质分为{parts}。",
            "{body}本年支出" + v + "{total}（{parts}）。",
            "{Y}年支出" + v + "{total}；{parts}。",
        ]
        st = Statement("expense-parts", self.rng.choice(templates),
                       {"Y": str(Y), "body": self.body(), "total": self.m(b.total, True),
                        "pe": self.m(b.personnel, True), "pu": self.m(b.public, True)},
                       parts, self.rng.choice(["；", "，"]),
                       {"total": b.total, "parts": [b.basic, b.project_total]})
        st.facts["inner"] = inner
        return st

    def change(self, subject: str, cur: Decimal, prior: Decimal, kind: str = "change") -> Statement:
        """A year-over-year statement: amount, prior, change, percent, direction in various subsets."""
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
        if d == "持平":
            templates = [
                "{Y}年{subj}" + v + "{amt}，与{base}持平。",
                "{subj}{Y}年" + v + "{amt}，与{base}{prior}持平。",
                "{Y}年{subj}{amt}，同{base}持平。",
                "与{base}相比，{subj}持平，均为{amt}。",
                "{subj}" + v + "{amt}，与{base}相比无变化。",
            ]
        return Statement(kind, self.rng.choice(templates) + "{why}",
                         {"Y": str(Y), "subj": subject, "amt": self.m(cur, True), "prior": self.m(prior, True),
                          "base": self.base(), "dir": d, "dir2": d2, "chg": self.m(chg, True), "pct": self.p(rate),
                          "why": self.reason(d)},
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
        subj = self.rng.choice([f"{self.b.scope}收支", "收支总额", "收入支出总计", "支出总额",
                                f"{self.b.scope}收支总计"])
        return self.change(subj, self.b.total, self.b.prior_total)

    def shares(self) -> Statement:
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
        form = self.rng.choice(["占", "占比"])
        parts = []
        for label, amt, share in (("基本支出", b.basic, s1), ("项目支出", b.project_total, s2)):
            parts.append([label, self.m(amt, True), ""])
            parts[-1][2] = "，占" + self.p(share) if "占比" not in form else "、占比" + self.p(share)
        return Statement("share", self.rng.choice(templates),
                         {"Y": str(self.Y), "body": self.body(), "total": self.m(b.total, True)}, parts,
                         self.rng.choice(["；", "，"]), {"shares": [s1, s2]})

    def class_list(self) -> Statement:
        """The 类 the 一般公共预算 spends on, with their shares."""
        b = self.b
        classes = [c for c in b.classes() if b.sum_of(c, "gpb")]
        total = b.gpb
        parts = []
        shares = []
        for c in classes:
            amt = b.sum_of(c, "gpb")
            share = pct(amt, total, self.w.s.percent_places)
            shares.append(share)
            name = self.subject_name(c)
            parts.append([name, self.m(amt, True), "，占" + self.p(share)])
        templates = [
            "一般公共预算" + ("财政拨款" if self.rng.random() < 0.5 else "") + "支出{total}，主要用于以下方面：{parts}。",
            "{Y}年一般公共预算支出{total}，按功能分类：{parts}。",
            "一般公共预算支出{total}，具体为{parts}。",
            "{body}一般公共预算支出" + self.verb() + "{total}，其中：{parts}。",
            "从功能分类看，一般公共预算支出{total}：{parts}。",
        ]
        return Statement("class-list", self.rng.choice(templates),
                         {"Y": str(self.Y), "body": self.body(), "total": self.m(total, True)}, parts, "；",
                         {"shares": shares, "classes": classes})

    # ---------------------------------------------------------------- 科目
    def subject_name(self, code: str, form: str | None = None, names: dict | None = None) -> str:
        """A 科目 in one of the ways documents name it."""
        names = names or {}
        nm = lambda c: names.get(c, FUNCTIONAL[c])  # noqa: E731
        form = form or self.rng.choice(["markers", "dash", "codes-inside", "code-first", "quoted", "bare",
                                        "kuan-markers"])
        if len(code) == 3:
            return {"markers": f"{nm(code)}（类）", "dash": f"“{nm(code)}”", "codes-inside": f"{nm(code)}({code}类)",
                    "code-first": f"{code}{nm(code)}", "quoted": f"“{nm(code)}”（类）", "bare": nm(code),
                    "kuan-markers": f"{nm(code)}（类）"}[form]
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
            templates.append("主要为" + name + "支出{amt}。")
        return Statement("subject", self.rng.choice(templates),
                         {"name": name, "amt": self.m(amt, True), "purpose": purpose},
                         facts={"amt": amt, "code": row.code})

    def completion(self, name: str, initial: Decimal, final: Decimal, code: str = "") -> Statement:
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
        if rel == "等于":
            templates = [t.replace("{rel}预算数", "与预算数持平").replace("{rel}年初预算数", "与年初预算数持平")
                          .replace("{rel}年初预算", "同年初预算持平") for t in templates]
        return Statement("final-completion", self.rng.choice(templates),
                         {"name": name, "init": self.m(initial, True), "final": self.m(final, True), "pct": self.p(rate),
                          "rel": rel, "reason": reason},
                         facts={"initial": initial, "final": final, "pct": rate, "code": code})

    # ---------------------------------------------------------------- 三公, 机关运行, 采购, 资产
    def three_public(self) -> Statement:
        b = self.b
        t, tp = b.three_public, b.three_public_prior
        total, prior = b.three_public_total, sum(tp.values(), ZERO)
        car = t["购置"] + t["运行"]
        parts = [["因公出国（境）费", self.m(t["出国"], True), ""],
                 ["公务用车购置及运行费", self.m(car, True), "（其中：公务用车购置费{c1}，公务用车运行费{c2}）"],
                 ["公务接待费", self.m(t["接待"], True), ""]]
        sep = self.rng.choice(["；", "，"])
        cmp_ = self.rng.choice([
            "，比{base}{dir}{chg}", "，较{base}{dir}{chg}", "。与{base}相比{dir}{chg}", "，{base}为{prior}",
            "，与{base}相比{dir}{chg}"])
        if total == prior:
            cmp_ = self.rng.choice(["，与{base}持平", "。“三公”经费与{base}持平", "，同{base}持平",
                                    "，和{base}持平", "，与{base}相比无增减"])
        templates = [
            "{Y}年{body}财政拨款“三公”经费" + self.verb() + "{total}" + cmp_ + "。其中：{parts}。",
            "{body}{Y}年“三公”经费" + self.verb() + "安排{total}，其中{parts}" + cmp_ + "。",
            "“三公”经费{Y}年" + self.verb() + "{total}，其中：{parts}" + cmp_ + "。",
            "{Y}年度“三公”经费财政拨款" + self.verb() + "数为{total}" + cmp_ + "。具体为：{parts}。",
            "财政拨款“三公”经费{total}（{parts}）" + cmp_ + "。",
        ]
        d = direction(total, prior)
        st = Statement("three-public", self.rng.choice(templates),
                       {"Y": str(self.Y), "body": self.body(), "total": self.m(total, True),
                        "base": self.base(), "dir": d, "chg": self.m(abs(total - prior), True),
                        "prior": self.m(prior, True), "c1": self.m(t["购置"], True), "c2": self.m(t["运行"], True)},
                       parts, sep, {"total": total, "prior": prior, "parts": [t["出国"], car, t["接待"]]})
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
        templates = [
            "{Y}年{body}机关运行经费" + self.verb() + "{amt}，主要用于" + purpose + "。",
            "{body}{Y}年度机关运行经费共计安排{amt}，用于" + purpose + "。",
            "机关运行经费{amt}，主要保障" + purpose + "。",
            "{Y}年机关运行经费为{amt}。",
            "本年度机关运行经费" + self.verb() + "数{amt}，较好地保障了机关正常运转。",
        ]
        return Statement("running", self.rng.choice(templates),
                         {"Y": str(self.Y), "body": self.body(), "amt": self.m(b.running, True)},
                         facts={"amt": b.running})

    def procurement(self) -> Statement | None:
        b = self.b
        if not b.procurement:
            return None
        parts = [[f"{k}类采购" if self.rng.random() < 0.5 else f"{k}", self.m(b.procurement_by(k), True), ""]
                 for k in ("货物", "工程", "服务") if b.procurement_by(k)]
        templates = [
            "{Y}年{body}政府采购" + self.verb() + "总额{total}，其中：{parts}。",
            "{body}{Y}年度安排政府采购预算{total}，包括{parts}。",
            "政府采购" + self.verb() + "{total}：{parts}。",
            "{Y}年度政府采购预算合计{total}，其中{parts}。",
            "按采购品目分，{Y}年政府采购{total}，{parts}。",
        ]
        return Statement("procurement", self.rng.choice(templates),
                         {"Y": str(self.Y), "body": self.body(), "total": self.m(b.procurement_total, True)}, parts,
                         "，", {"total": b.procurement_total})

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
        return Statement("assets", self.rng.choice(templates),
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
            ]),
            self.rng.choice([
                f"{Y - 1}年部分项目因故未完成，相关资金已按规定结转{Y}年继续使用。",
                f"{Y - 1}年结转资金结转{Y}年使用，用途不变。",
                f"上年未完成的项目结余资金，已全部结转至{Y}年继续使用。",
                f"{Y - 1}年因故未完成的{b.kind.projects[-1]}项目，结转{Y}年继续实施。",
                f"受客观因素影响，{Y - 1}年部分资金未能支出，按规定结转下年（{Y}年）使用。",
            ]),
            self.rng.choice([
                f"围绕“十四五”规划（2021—2025年）确定的目标，{{body}}稳步推进各项工作。",
                f"{Y - 3}年以来，{{body}}累计完成重点任务{self.rng.randint(5, 30)}项；力争到{Y + 2}年全面完成规划目标。",
                f"对照2021—2025年发展规划，{Y}年是承上启下的关键之年。",
                f"“十五五”时期（2026—2030年），{{body}}将持续深化{b.kind.projects[0][:4]}工作。",
                f"自{Y - 5}年机构改革以来，{{body}}职能不断完善，{Y + 1}年将进一步巩固提升。",
            ]),
        ]
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
            out.append(Statement("plan", self.rng.choice(templates),
                                 {"proj": pr.name, "Y": str(b.year), "what": pr.name[:4] + "活动",
                                  "n": str(pr.target_count), "place": place, "field": pr.name[:2]},
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
        return Statement("soe", self.rng.choice(templates),
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
                         {"lv": b.region.level_word, "r": b.region.full, "field": b.kind.projects[0][:4]})

    def measures(self) -> Statement:
        """Working measures: ordinary words that a typo plant can damage."""
        return Statement("measures", "{text}", {"text": self.rng.choice([
            "一是健全内部管理制度，落实预算执行责任；二是完善绩效考核机制，加强经费使用监督；三是规范政府采购行为，做好资产管理工作。",
            "下一步，{body}将进一步健全财务管理制度，严格落实预算绩效管理要求，规范采购流程，强化经费支出监督。",
            "{body}将完善内部控制制度，落实过紧日子要求，加强培训经费和公务接待管理，确保资金使用规范。",
            "严格执行预算管理制度，健全预算绩效考核办法，落实资产管理责任，确保各项经费使用规范。",
            "我们将规范经费使用管理，完善采购内控制度，落实监督检查责任，严格培训和会议经费审核。",
        ]).replace("{body}", self.body())})


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

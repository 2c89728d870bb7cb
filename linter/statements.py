"""Statements: what each clause of the narrative states, read by its structure.

A *statement* is a subject and the quantities said about it, in one run of clauses of a
paragraph: this year's amount, a prior amount (上年预算数 / 上年执行数 / 上年决算数 / an amount in
a named earlier year), the 年初预算 of a 决算, a change (增加/减少 … B万元) with the sign of its
direction word, a percentage change (增长/下降 C%), a share (占B的C%), a completion rate
(完成年初预算的X%), and direction words stated without a number (持平; 大于/小于/等于 预算).

No vocabulary names the subject: a quantity's role comes from the role words right before it
in its clause (data/statements.json), and the subject is whatever words are left once the role
words, years and fillers are peeled off (单位预留机动经费, a project, any 科目 row). A clause
that names no subject continues the statement before it (与上年相比增加…, 占79.49%), unless a
reason (主要原因是…) came in between.

Built once per document and cached (doc.cached("statements")); every narrative rule reads the
same statements.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

import regex

from .cnnum import UNIT_FACTOR
from .lists import lists_of, quantity_tokens
from .model import Document
from .numbers import Interval, Number
from .subjects import table_levels
from .vocab import load_json

CLAUSE_DELIMS = "，,；;：:。！？!?"
SENTENCE_END = "。！？!?"
QUOTES = "“”\"'‘’「」『』《》"


@dataclass(frozen=True)
class Roles:
    change_words: tuple  # (word, sign) longest first
    rate_change_words: tuple
    change_tail: regex.Pattern
    rate_change_tail: regex.Pattern
    to_tail: regex.Pattern
    from_tail: regex.Pattern
    ambiguous: regex.Pattern
    flat_words: tuple
    flat_tolerance: dict  # word -> the change it allows, percent of the amount compared with
    approx_before: regex.Pattern
    approx_after: regex.Pattern
    compare_words: tuple
    negation: regex.Pattern  # 未 / 没有 / 不 right before a comparison or change word
    share_tail: regex.Pattern
    share_no_whole: regex.Pattern
    rate: regex.Pattern
    of_previous: regex.Pattern
    base_phrase: regex.Pattern
    base_tail: regex.Pattern
    base_head: regex.Pattern
    base_amount: regex.Pattern
    ratio_prior: regex.Pattern
    neutral_change: regex.Pattern
    neutral_rate_change: regex.Pattern
    prior: regex.Pattern
    prior_end: regex.Pattern
    budget: regex.Pattern
    final: regex.Pattern
    paired_budget: regex.Pattern  # 预算 right before an amount: the budget when the statement also states the actual
    budget_difference: regex.Pattern  # 超出预算X / 小于预算X: the actual minus the budget
    period_items: regex.Pattern
    budget_items: regex.Pattern
    year_head: regex.Pattern
    year_level_head: regex.Pattern  # 预算 / 决算 right after a year, before the subject
    year_tail: regex.Pattern
    lead: regex.Pattern
    level_lead: regex.Pattern  # 计 / 完成 before a level: 占41.0%，计17.01万元; 完成年初预算X的Y%
    tail: regex.Pattern
    key_strip: regex.Pattern
    numbering: regex.Pattern
    inner_lead: regex.Pattern
    generic: frozenset
    link_strip: regex.Pattern
    digression: regex.Pattern
    list_markers: regex.Pattern


@lru_cache(maxsize=None)
def roles() -> Roles:
    d = load_json("statements.json")
    change = tuple(sorted(d["change_words"].items(), key=lambda kv: -len(kv[0])))
    rate_change = tuple(sorted(d["rate_change_words"].items(), key=lambda kv: -len(kv[0])))
    alt = "|".join(regex.escape(w) for w, _ in change)
    ralt = "|".join(regex.escape(w) for w, _ in rate_change)
    years = d["year_words"]
    return Roles(
        change_words=change, rate_change_words=rate_change,
        # (?|…): the word is group 1 whether printed bare or alone in brackets (较上年（减少）2.40万元)
        change_tail=regex.compile(rf"(?|{d['bracketed_change'].replace('{w}', f'({alt})')}|({alt})){d['change_suffix']}$"),
        rate_change_tail=regex.compile(rf"({ralt})(?:为|是|达|约)?$"),
        to_tail=regex.compile(rf"({alt}){d['to_words']}$"),
        from_tail=regex.compile(rf"{d['from_words']}$"),
        ambiguous=regex.compile(rf"(?:{d['ambiguous_change'].replace('{w}', alt)}){d['change_suffix']}$"),
        flat_words=tuple(sorted(d["flat_words"], key=len, reverse=True)),
        flat_tolerance={w: Decimal(str(t)) for w, t in d["flat_words"].items()},
        approx_before=regex.compile(d["approx_before"]),
        approx_after=regex.compile(d["approx_after"]),
        compare_words=tuple(sorted(d["compare_words"].items(), key=lambda kv: -len(kv[0]))),
        negation=regex.compile(d["negation"]),
        share_tail=regex.compile(d["share_tail"]),
        share_no_whole=regex.compile(d["share_no_whole"]),
        rate=regex.compile(d["rate_words"]),
        of_previous=regex.compile(d["of_previous"]),
        base_phrase=regex.compile(d["base_phrase"]),
        base_tail=regex.compile(rf"(?:{d['base_phrase']})$"),
        base_head=regex.compile(rf"^(?:{d['base_phrase']})"),
        base_amount=regex.compile(d["base_amount"]),
        ratio_prior=regex.compile(d["ratio_prior"]),
        neutral_change=regex.compile(d["neutral_change"]),
        neutral_rate_change=regex.compile(d["neutral_rate_change"]),
        prior=regex.compile(d["prior_words"]),
        prior_end=regex.compile(d["prior_end_words"]),
        budget=regex.compile(d["budget_words"]),
        final=regex.compile(d["final_words"]),
        paired_budget=regex.compile(d["paired_budget_words"]),
        budget_difference=regex.compile(d["budget_difference"]),
        period_items=regex.compile(d["period_item_words"]),
        budget_items=regex.compile(d["budget_item_words"]),
        year_head=regex.compile(rf"^{years}+"),
        year_level_head=regex.compile(d["year_level_head"]),
        year_tail=regex.compile(rf"{years}+$"),
        lead=regex.compile(d["subject_lead"]),
        level_lead=regex.compile(d["level_lead"]),
        tail=regex.compile(d["subject_tail"]),
        key_strip=regex.compile(d["key_strip"]),
        numbering=regex.compile(d["numbering"]),
        inner_lead=regex.compile(d["subject_inner_lead"]),
        link_strip=regex.compile(d["link_strip"]),
        generic=frozenset(d["generic_subjects"]),
        digression=regex.compile(d["digression"]),
        list_markers=regex.compile(d["list_markers"]),
    )


@dataclass
class Quantity:
    """One number of a statement and its role."""

    role: str  # amount | prior | budget | change | pct_change | share | rate | points
    value: Number
    unit: str  # 元 | 千元 | 万元 | 亿元 | % | 百分点
    text: str  # as printed
    pos: int  # offsets in the paragraph
    end: int
    line: int  # where it is in the text view (0-based columns)
    start: int
    stop: int
    sign: int | None = 0  # change roles: +1 / -1 from the direction word, None when both are printed
    word: str = ""  # the role word as printed (增加, 下降, 占, 完成 …)
    base: str = "prior"  # change roles: what it is measured against (prior | budget)
    year: int | None = None  # prior: the named earlier year
    whole: str = ""  # share: the whole's words ('' when the clause names none)
    subject: str = ""  # the subject words of its own clause ('' when it continues one)
    approx: bool = False  # a percentage stated loosely (约10%, 近10%, 10%左右)
    qualifier: str = ""  # '' | comparable (同口径 …) | adjusted (剔除…因素后): the footing it is stated on

    @property
    def is_money(self) -> bool:
        return self.unit in UNIT_FACTOR

    def interval(self) -> Interval:
        """Yuan for amounts; the printed value otherwise (magnitude, without the sign). A whole
        number of 元 ending in 00 (1970200元) is read as ±50 元: such figures are 万元 with two
        decimals written out, and the hundreds are not a measured digit."""
        f = UNIT_FACTOR.get(self.unit, Decimal(1))
        v = self.value
        if self.unit == "元" and v.decimals == 0 and v.value and v.value % 100 == 0:
            return Interval(v.value - 50, v.value + 50)
        return Interval(v.low * f, v.high * f)

    def signed(self) -> Interval:
        iv = self.interval()
        if self.value.value < 0:
            iv = Interval(-iv.high, -iv.low)  # 减少-3.07万元: the sign printed and the word's
        return Interval(-iv.high, -iv.low) if self.sign == -1 else iv


@dataclass
class Word:
    """A direction word stated without its own number: 持平, 决算数小于预算数, 未超过年初预算,
    与上年相比未增加."""

    kind: str  # flat | compare | change (a negated change word: 未增加, 没有减少)
    sign: int
    word: str  # the comparison or change word, without its negation
    pos: int  # where the phrase begins (its negation, when it has one)
    line: int
    start: int
    stop: int
    budget: bool = False  # compare: against the budget (决算数大于预算数); flat, change: measured against it
    tolerance: Decimal = Decimal(0)  # flat: the change the word allows, percent (基本持平 3)
    negation: str = ""  # 未 / 没有 / 不 … before the word: it states the bound, not the direction

    @property
    def printed(self) -> str:
        return self.negation + self.word

    def contradicted(self, diff: "Interval", equal: bool = False) -> bool:
        """Whether the difference (actual − the level compared with) surely contradicts the word:
        大于 when it cannot be above zero, 小于 when it cannot be below, 等于 when the figures
        cannot meet; negated, 未超过 (≤, holds for less and equal) only when it is surely above
        zero, 不低于 (≥) only when surely below, 不一致 only when the figures are printed the same
        (`equal`)."""
        if self.negation:
            return diff.low > 0 if self.sign > 0 else diff.high < 0 if self.sign < 0 else equal
        if self.sign > 0:
            return diff.high <= 0
        if self.sign < 0:
            return diff.low >= 0
        return not (diff.low <= 0 <= diff.high)


@dataclass
class Statement:
    index: int
    paragraph: int
    sentence: int
    subject: str  # the subject as printed ('' when no clause of the statement names one)
    key: str  # the subject without role tails, for telling subjects apart
    quantities: list[Quantity] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    subject_span: tuple[int, int, int] | None = None  # (line, start, end)
    text: str = field(default="", repr=False)  # the paragraph
    head: int | None = None  # the statement whose list of parts (其中 / 主要用于 …) this one is in

    def all(self, role: str, money: bool | None = None) -> list[Quantity]:
        return [q for q in self.quantities if q.role == role and (money is None or q.is_money == money)]

    def one(self, role: str, money: bool | None = None) -> Quantity | None:
        """The statement's quantity of this role, when it states one value for it."""
        return single_value(self.all(role, money))

    def name(self) -> str:
        return self.subject or "该项"


def _norm(s: str) -> str:
    s = s.translate(str.maketrans("()", "（）"))
    return "".join(ch for ch in s if not ch.isspace())


# compiled once: subject_key and clean_subject run them for every clause
TRAILING_BRACKET = regex.compile(r"[（(][一二三四五六七八九十\d]*[类款项]?[)）]$")
CLOSING_QUOTE = regex.compile(r"[”」』’]")
OPENING_QUOTE = regex.compile(r"[“「『‘]")
HAN = regex.compile(r"\p{Han}")


def subject_key(subject: str) -> str:
    r = roles()
    s = "".join(ch for ch in _norm(subject) if ch not in QUOTES)
    s = TRAILING_BRACKET.sub(lambda m: m.group() if "类" in m.group() or "款" in m.group() or "项" in m.group() else "", s)
    prev = None
    while prev != s:
        prev = s
        for pat in (r.key_strip, r.tail):
            t = pat.sub("", s)
            if t:  # 收入, 支出: a subject of its own
                s = t
    return s


def clean_subject(words: str) -> tuple[str, int]:
    """The subject left in a clause's words, and its offset in them ('' when none)."""
    r = roles()
    s = words
    off = 0
    changed = True
    while changed:
        changed = False
        m = r.base_head.match(s)
        if m and m.end() > 1:  # 与上年预算相比减少…: the comparison, not a subject (its 与 is no lead word)
            s, off, changed = s[m.end():], off + m.end(), True
        for pat in (r.numbering, r.lead, r.level_lead, r.year_head):
            if pat is r.year_head and r.period_items.match(s):
                continue  # 上年结转 is an item, not a year
            m = pat.match(s)
            if m and m.end() > 0:
                s, off, changed = s[m.end():], off + m.end(), True
                level = r.year_level_head.match(s) if pat is r.year_head and not r.budget_items.match(s) else None
                if level and len(HAN.findall(r.tail.sub("", s[level.end():]))) >= 2:
                    # 上年预算公务接待费: the level word after the year is no part of the subject (in
                    # 上年预算数为 nothing is left of a subject: the words are all the level's)
                    s, off = s[level.end():], off + level.end()
        st = s.lstrip(" \t、，,；;") if CLOSING_QUOTE.search(s) else s.lstrip(" \t、，,；;“\"'‘「『")
        if st != s:
            off += len(s) - len(st)
            s, changed = st, True
    changed = True
    while changed:
        changed = False
        for pat in (r.tail, r.year_tail, r.base_tail):
            m = pat.search(s)
            if m and m.start() < len(s):
                s, changed = s[: m.start()], True
        st = s.rstrip(" \t（(") if OPENING_QUOTE.search(s) else s.rstrip(" \t（(”\"'’」』")  # 项目（120.00万元）
        if st != s:
            s, changed = st, True
    # 一般公共服务支出主要为行政运行支出: the subject is what the lead word introduces
    last = None
    for last in r.inner_lead.finditer(s):
        pass
    if last is not None and last.end() < len(s):
        s, off = s[last.end():], off + last.end()
    if not HAN.search(s):
        return "", 0
    return s, off


# --- reading ------------------------------------------------------------------------------

def clause_start(text: str, pos: int, floor: int = 0, delims: str = CLAUSE_DELIMS) -> int:
    """Where the clause holding text[pos] begins: just after the last delimiter before pos, and
    never before `floor` (the claim layer passes its own delimiters, which also cut at 、)."""
    i = pos - 1
    while i >= floor:
        if text[i] in delims:
            return i + 1
        i -= 1
    return floor


def _base_of(sentence_words: str, final: bool) -> str:
    """What the last comparison phrase before a change measures against."""
    r = roles()
    last = None
    for m in r.base_phrase.finditer(sentence_words):
        if m.end() > m.start() + 1:
            last = m
    if last is None or not final:
        return "prior"
    words = last.group()
    if "预算" in words and not r.prior.search(words) and not regex.search(r"(?:19|20)\d{2}", words):
        return "budget"
    return "prior"


def _role(prefix: str, kind: str, year: int | None, final: bool) -> tuple[str, dict] | None:
    """The role of a number from the words of its clause before it; None when the number is
    about something these rules do not read (a date's amount, the end of last year)."""
    r = roles()
    p = prefix.rstrip()
    info: dict = {"subject_words": p}
    if kind == "points":
        m = r.change_tail.search(p)
        if not m or _negated(p, m.start()) or r.ambiguous.search(p):
            return None  # 增加（减少）2个百分点: both words printed
        info.update(word=m.group(1), sign=dict(r.change_words)[m.group(1)], subject_words=p[: m.start()])
        return "points", info
    if kind == "percent":
        m = r.approx_before.search(p)
        if m:  # 增长约10% / 增长近10%: the role is in the words before the loose word
            info["approx"] = True
            p = p[: m.start()].rstrip()
            info["subject_words"] = p
        m = r.ambiguous.search(p)
        if m:
            info.update(word=m.group(), sign=None, subject_words=p[: m.start()])
            return "pct_change", info
        if r.of_previous.search(p.strip()):
            return "of_previous", info  # 为年初预算4.50万元的104.50%: a rate when that amount is the budget
        m = r.ratio_prior.search(p)
        if m:  # 为上年的102.04%: this year's amount as a percentage of last year's
            y = regex.match(r"(?:19|20)\d{2}", m.group("when"))
            if y and year is not None and int(y.group()) >= year:
                return None
            info.update(word=m.group(), subject_words=p[: m.start()])
            return "ratio", info
        m = r.rate.search(p)
        if m and (final or regex.search(r"完成|执行", m.group())):
            info.update(word=m.group(), subject_words=p[: m.start()])
            return "rate", info
        m = r.neutral_rate_change.search(p)
        if m:  # 变动率为-5.2% (not 动 + 率为): the direction is the printed sign or the statement's own word
            info.update(word=regex.sub(r"(?:为|是|达)$", "", m.group()), sign=1, neutral=True,
                        subject_words=p[: m.start()])
            return "pct_change", info
        m = r.change_tail.search(p) or r.rate_change_tail.search(p)
        if m and _negated(p, m.start()):
            return None  # 未增长5%: a negated change states no change
        if m:
            words = dict(r.change_words) | dict(r.rate_change_words)
            info.update(word=m.group(1), sign=words[m.group(1)], subject_words=p[: m.start()])
            return "pct_change", info
        m = r.share_no_whole.search(p)
        if m and not _names_whole(p, m.start()):
            info.update(word=m.group(), whole="", subject_words=p[: m.start()])
            return _share_period(info, year), info
        zhan = p.rfind("占")
        if zhan >= 0 and not regex.search(r"[，,；;。]", p[zhan:]):
            whole = r.share_tail.sub("", p[zhan + 1:])
            info.update(word="占", whole=whole.strip(), subject_words=p[:zhan])
            return _share_period(info, year), info
        return None
    m = r.budget_difference.search(p) if final else None
    if m and _negated(p, m.start()):
        return None  # 未超出预算2.00万元: no difference is stated
    if m:  # 超出预算793,100.00元 / 小于预算0.49万元: the actual against the budget, signed by the comparison
        info.update(word=m.group("word"), sign=dict(r.compare_words)[m.group("word")], subject_words=p[: m.start()],
                    base="budget")
        return "change", info
    # money
    m = r.ambiguous.search(p)
    if m:
        info.update(word=m.group(), sign=None, subject_words=p[: m.start()])
        return "change", info
    m = r.to_tail.search(p)
    if m:  # 由X增加到Y: Y is this year's amount, with a direction word
        info.update(word=m.group(1), sign=dict(r.change_words)[m.group(1)], subject_words=p[: m.start()], to=True)
        return "amount", info
    m = r.neutral_change.search(p)
    if m:  # 增减额为2.5万元 (not 减 + 额为): the direction is the printed sign or the statement's own word
        info.update(word=regex.sub(r"(?:为|是|达)$", "", m.group()), sign=1, neutral=True, subject_words=p[: m.start()])
        return "change", info
    m = r.change_tail.search(p)
    if m and _negated(p, m.start()):
        return None
    if m:
        info.update(word=m.group(1), sign=dict(r.change_words)[m.group(1)], subject_words=p[: m.start()])
        return "change", info
    m = r.from_tail.search(p)
    if m:
        info.update(subject_words=p[: m.start()])
        return "prior", info
    m = r.base_amount.search(p)
    if m:  # 比2024年预算的61.06万元减少0.92万元: the amount compared with
        info.update(subject_words=p[: m.start()])
        when = m.group("when")
        y = regex.match(r"(?:19|20)\d{2}", when)
        if y:
            if year is not None and int(y.group()) >= year:
                return None
            info["year"] = int(y.group())
            return "prior", info
        if regex.match(r"年初|调整|全年", when):
            info["word"] = when
            return ("budget", info) if final else None
        return "prior", info
    # the period of a level, from the words around the subject, not in it (a subject may carry
    # 决算 or a year in its own name); item names that hold period words are blanked too
    # (上年结转 is this year's money)
    subj, off = clean_subject(p)
    words = p[:off] + " " + p[off + len(subj):] if subj else p
    words = r.period_items.sub(lambda x: "某" * len(x.group()), words)
    words = r.base_phrase.sub(lambda x: " " * len(x.group()) if len(x.group()) > 1 else x.group(), words)
    if r.prior_end.search(words):
        return None
    years = [int(y) for y in regex.findall(r"((?:19|20)\d{2})\s*年", words)]
    if years and year is not None:
        y = years[-1]
        if y > year:
            return None
        if y < year:
            info["year"] = y
            return "prior", info
    elif r.prior.search(words):
        return "prior", info
    words = r.budget_items.sub(lambda x: "某" * len(x.group()), words)  # 一般公共预算 names money, not the budget
    m = r.budget.search(words) if final else None
    if m and not r.final.search(words):
        info["word"] = m.group()  # 年初预算 / 调整预算 / 全年预算 …: which budget (BL4 reads it)
        return "budget", info
    return "amount", info


def _negated(words: str, at: int) -> bool:
    """Whether the role word at `at` is negated (未增加, 没有超出): it states no change."""
    return roles().negation.search(words, max(0, at - 4), at) is not None


def _names_whole(p: str, at: int) -> bool:
    """占支出总额的比重为: a share word (比重, 比例) after 占 and the whole it names, in one clause;
    the share is read by its 占 (whole 支出总额), not as a share of no named whole whose subject
    would be 「…占支出总额」."""
    zhan = p.rfind("占", 0, at)
    return zhan >= 0 and not regex.search(r"[，,；;。]", p[zhan:]) and bool(HAN.search(p[zhan + 1:at]))


def _share_period(info: dict, year: int | None) -> str:
    """share, or prior_share for last year's (上年占比为75.00%), which no check reads as this year's."""
    r = roles()
    subj, off = clean_subject(info["subject_words"])
    words = info["subject_words"]
    words = words[:off] + " " + words[off + len(subj):] if subj else words
    words = r.period_items.sub(lambda x: "某" * len(x.group()), words)
    years = [int(y) for y in regex.findall(r"((?:19|20)\d{2})\s*年", words)]
    if (years and year is not None and years[-1] < year) or (not years and r.prior.search(words)):
        return "prior_share"
    return "share"


# --- comparisons on another footing, and changes against the budget ---------------------------

@lru_cache(maxsize=None)
def _qualifiers() -> tuple[tuple[str, regex.Pattern], ...]:
    d = load_json("statements.json")["comparison_qualifiers"]
    return tuple((kind, regex.compile(words)) for kind, words in d.items())


def qualifier_of(sentence_words: str) -> str:
    """The footing of a figure from the words of its sentence before it: 'adjusted' after
    剔除…因素后 (both years restated: only the figures stated after it pin the change),
    'comparable' after 同口径 / 按可比口径 (last year's figure restated on this year's basis),
    else ''."""
    words = _CLOSED_BRACKETS.sub(lambda m: " " * len(m.group()), sentence_words)  # 增加X（剔除…后增加Y），增长Z%
    found = {kind for kind, pat in _qualifiers() if pat.search(words)}
    return "adjusted" if "adjusted" in found else "comparable" if found else ""


_CLOSED_BRACKETS = regex.compile(r"[（(][^（）()]*[）)]")


def unqualified(words: str) -> str:
    """The words with their qualifiers blanked out (same length, so offsets hold): 同口径比
    2025年减少 reads as 比2025年减少, with no subject 同口径."""
    for _, pat in _qualifiers():
        words = pat.sub(lambda m: " " * len(m.group()), words)
    return words


@lru_cache(maxsize=None)
def _frame() -> regex.Pattern:
    return regex.compile(load_json("statements.json")["subject_frame"])


_XIANG_END = regex.compile(r"[（(]\s*(?:\d{0,7}\s*项|\d{7})\s*[）)]\s*$")


def unframed(words: str, doc=None) -> str:
    """The words with a place frame around a 项 blanked out (same length, so offsets hold):
    （5）在住房改革支出（款）住房公积金（项）中安排 reads as （5） 住房改革支出（款）住房公积金（项）,
    the 项 the amount is arranged in being its subject. Only a 项 (marked so, or a name the
    document's tables show as a 项 only): 在一般公共预算支出中安排X，用于… / 在社会保障和就业支出
    中安排… / 在上年结转资金中安排… state a part of a larger whole, not its amount."""
    m = roles().numbering.match(words)
    f = _frame().match(words, m.end() if m else 0)
    if not f or not clean_subject(f.group("inner"))[0]:
        return words
    inner = f.group("inner")
    if not _XIANG_END.search(inner) and (doc is None or table_levels(doc, inner) != {3}):
        return words
    # the words after 中 (安排资金 / 列支 / 预算为) only say that the amount is arranged there
    return words[:f.start("open")] + " " + inner + " " * (len(words) - f.end("inner"))


def on_footing(st: Statement, role: str, like: Quantity, money: bool | None = True) -> Quantity | None:
    """The statement's one quantity of `role` that `like` (a change) can be measured with:
    stated on the same footing. This year's amount is the same on the comparable footing (only
    last year's is restated), not after 剔除…因素后; a prior or budget must be stated on the
    change's own footing (a 上年预算 stated before 同口径比上年增加… is not its base)."""
    def fits(q: Quantity) -> bool:
        if role == "amount" and like.qualifier != "adjusted":
            return q.qualifier != "adjusted"
        return q.qualifier == like.qualifier

    return single_value([q for q in st.all(role, money) if fits(q)])


def single_value(qs: list[Quantity]) -> Quantity | None:
    """The first of quantities that all state one value (the same interval, sign and unit);
    None when there are none or they differ."""
    if not qs:
        return None
    first = qs[0]
    if any(q.interval() != first.interval() or q.sign != first.sign or q.unit != first.unit for q in qs[1:]):
        return None
    return first


@lru_cache(maxsize=None)
def _budget_compare_number() -> regex.Pattern:
    """The words after a comparison word that make it a change's: the budget and an amount
    (大于|预算2.00万元; 超过预算数10% is a bare comparison with a percentage)."""
    tail = load_json("statements.json")["budget_difference"].split(")", 1)[1].removesuffix("$")
    units = "|".join(regex.escape(u) for u in sorted(UNIT_FACTOR, key=len, reverse=True))
    return regex.compile(tail + rf"\s*[-+]?[\d０-９][\d０-９,，.．]*\s*(?:{units})")


def direction(q: Quantity) -> int:
    """The direction a change states: its word's, or for a neutral word (增减额, 变动率) the
    printed sign (+1 / -1; 0 for a zero)."""
    if not neutral(q):
        return q.sign or 0
    v = middle(q.signed()) if q.is_money else middle(rounded(q))
    return (v > 0) - (v < 0)


def read_statements(doc: Document) -> list[Statement]:
    r = roles()
    year = doc.meta.year
    final = doc.meta.doc_type in ("决算", "绩效自评")
    out: list[Statement] = []
    list_head: int | None = None  # a paragraph ending in ：after a total opens a list of numbered paragraphs
    line_head: tuple[int, int] | None = None  # (statement, paragraph) of a total on a line of its own
    for para in doc.paragraphs:
        text = para.text
        tokens = quantity_tokens(doc, para)
        listed = lists_of(doc, para)
        by_key: dict[tuple[int, str], Statement] = {}  # statements opened by a respectively-list
        numbered: dict[str, int | None] = {}  # numbering style -> the list its first item is in
        numbered_items: list[int] = []  # the statements of this paragraph opened by an item number
        words = _direction_words(para, text, final)
        item_head = list_head if list_head is not None and r.numbering.match(text) else None
        if item_head is None:
            list_head = None
        if not tokens and not words:
            continue
        cur: Statement | None = None
        last_pos = 0
        prev_end = 0
        items: list = [(t.start, "q", t) for t in tokens] + [(w.pos, "w", w) for w in words]
        items.sort(key=lambda x: x[0])
        for pos, what, obj in items:
            sentence = para.sentence_at(pos).index
            if what == "w":
                floor = clause_start(text, pos, 0)
                subj, off = clean_subject(text[floor:pos])
                key = subject_key(subj) if subj else ""
                if cur is not None and cur.paragraph == para.index and not r.digression.search(text, last_pos, pos) \
                        and _same_sentence(text, last_pos, pos) and (not key or key == cur.key or cur.key.endswith(key)):
                    cur.words.append(obj)
                else:
                    cur = _new(out, para, sentence, subj if key else "", text, floor + off)
                    cur.words.append(obj)
                last_pos = pos
                continue
            tok = obj
            lst = listed.get(tok.start)
            floor = clause_start(text, tok.start, max(prev_end, 0))
            if lst is not None:
                floor, prefix = lst.subject_start, lst.prefix  # A、B分别为X、Y: X is read as A为X
            elif not text[floor:tok.start].strip() and floor > prev_end and text[floor - 1] in "：:":
                floor = clause_start(text, floor - 1, max(prev_end, 0))  # 司法（款）…（项）：38.72万元
                prefix = text[floor:tok.start].rstrip("：: ")
            elif prev_end == 0 and (label := _label_before(doc, text, floor, tok.start)) is not None \
                    and (_role(text[floor:tok.start], tok.kind, year, final) or ("",))[0] == "amount":
                floor, prefix = label  # 住房公积金项：预算数为X / 行政运行：主要反映…，预算X
            else:
                prefix = text[floor:tok.start]
            prefix = unframed(unqualified(prefix), doc)  # 同口径比2025年减少…: the qualifier is neither subject nor role
            got = _bracketed(cur, text, floor, tok) or _role(prefix, tok.kind, year, final)
            prev_end = tok.end
            if got is None:
                continue
            role, info = got
            if role == "of_previous":
                # 为年初预算4.50万元的104.50%: a completion rate; 为2020年预算1.96万元的102.04%: a ratio
                last = cur.quantities[-1] if cur is not None and cur.quantities else None
                if last is None or last.role not in ("budget", "prior") or last.end + 2 < floor:
                    continue
                role = "rate" if last.role == "budget" else "ratio"
            if info.get("neutral") and tok.number.value < 0:
                if role == "change":  # 增减额为-0.66万元: the printed minus is the direction (a
                    info["sign"] = -1  # change's sign is its word's; a percentage keeps its minus)
            elif info.get("neutral") and cur is not None:
                signed = [x for x in cur.quantities if x.role in ("change", "pct_change") and x.sign in (1, -1)
                          and not neutral(x)]
                if signed:  # 较上年减少18.7%，增减额为2.5万元: the statement's own direction
                    info["sign"] = signed[-1].sign
            sw = info["subject_words"]
            subj, off = clean_subject(sw)
            # …；D类26.51万元，合计4479.56万元: the list's total, a statement of its own, not D's
            list_total = not subj and role == "amount" and cur is not None and bool(cur.all("amount")) \
                and bool(_list_total().match(sw))
            sentence_words = text[para.sentence_at(tok.start).start:tok.start]
            line, s, e = para.span(tok.start, tok.end)
            q = Quantity(role, tok.number, tok.unit, tok.text, tok.start, tok.end, line, s, e,
                         sign=info.get("sign", 0), word=info.get("word", ""), year=info.get("year"),
                         whole=info.get("whole", ""), subject=subj,
                         approx=bool(info.get("approx")) or bool(r.approx_after.match(text, tok.end)),
                         qualifier=qualifier_of(sentence_words))
            if role in ("change", "pct_change", "points"):
                q.base = info.get("base") or _base_of(sentence_words, final)
            key = subject_key(subj) if subj else ""
            digressed = cur is not None and r.digression.search(text, last_pos, tok.start) is not None
            whole = None if digressed or item_head is not None else \
                _list_whole(out, cur, para.index, key, role, text, tok.start, numbered_items)
            if lst is not None and (sentence, key) in by_key:
                cur = by_key[(sentence, key)]  # …分别增加P、Q万元: P goes with A's amount
            elif whole is not None:
                cur = whole  # 预算T。其中，A a，B b。比上年减少Y: the change of the list's whole
            elif cur is not None and cur.paragraph == para.index and not digressed and not list_total \
                    and _continues(cur, key, role):
                if key and not cur.key:
                    cur.subject, cur.key = subj, key
                    cur.subject_span = para.span(floor + off, floor + off + len(subj))
            else:
                prev = cur if cur is not None and cur.paragraph == para.index else None
                cur = _new(out, para, sentence, subj if key else "", text, floor + off)
                if prev is None and item_head is not None:
                    cur.head = item_head  # 1．社会保障和就业支出（208）40.23万元（占1.71%）； under …按科目分：
                elif prev is None and line_head is not None and line_head[1] == para.index - 1 \
                        and role == "share" and not q.whole:
                    cur.head = line_head[0]  # （一）支出X万元 / 基本支出占比为P%，…: shares of the line's total
                if prev is not None and prev.quantities:
                    if r.list_markers.search(text, prev.quantities[-1].end, tok.start):
                        cur.head = _list_head(out, prev)  # 其中 / 主要用于: a list of parts of prev opens
                    elif role == "share" and not q.whole and prev.head is None and prev.sentence == sentence \
                            and prev.quantities[-1].role == "amount" and not text[prev.quantities[-1].end:floor].strip(" ，,") \
                            and not any(x.role == "share" for x in prev.quantities):
                        # 支出X万元，基本支出占比为P%: shares of prev's parts (not after a sibling
                        # with its own share: 基本支出占比P%，金额X，项目支出占比Q%)
                        cur.head = _list_head(out, prev)
                    elif prev.head is not None and not _ends_sentence(text, prev.quantities[-1].end, tok.start):
                        cur.head = _list_of_next(out, prev, key, text[prev.quantities[-1].end:tok.start])
                style = _numbering_style(text[floor:floor + 8])
                if style:  # （3） after （2）…其中…: a sibling of （1）, whatever was listed under （2）
                    cur.head = numbered.setdefault(style, cur.head)
                    numbered_items.append(cur.index)
            if lst is not None and key:
                by_key.setdefault((sentence, key), cur)
            cur.quantities.append(q)
            last_pos = tok.end
        if text.rstrip().endswith(("：", ":")) and cur is not None and cur.paragraph == para.index \
                and cur.one("amount", True) is not None:
            list_head = cur.index
        line_head = None
        if cur is not None and cur.paragraph == para.index and len(cur.quantities) == 1 \
                and cur.quantities[0].role == "amount" and closes_bare_line(text, cur.quantities[0].end) \
                and (cur.index == 0 or out[cur.index - 1].paragraph != para.index):
            line_head = (cur.index, para.index)
    if final:
        for st in out:
            _pair_budget(st)
    return out


_TEXT_PUNCTUATION = regex.compile(r"[，；;。！？!?：:]|,(?!\d)")  # 157,100.00 holds no comma of the text


def closes_bare_line(text: str, end: int) -> bool:
    """Whether an amount ending at `end` closes a line of its own that holds no punctuation
    (（一）2025年政府采购预算15.71万元, a heading line): the total of what the next paragraph lists."""
    return not text[end:].strip() and not _TEXT_PUNCTUATION.search(text)


_SENTENCE_END = regex.compile(r"[。！？!?]")
_LABEL = regex.compile(r"(?P<label>[^，,；;。！？!?：:]{2,60}?)\s*[：:]")


def _label_before(doc: Document, text: str, floor: int, at: int) -> tuple[int, str] | None:
    """A paragraph that opens with a 科目 as its label and a colon (住房改革支出款住房公积金项：,
    一般公共服务支出/财政事务/行政运行：) and states its first amount in a clause that names no
    subject of its own (预算数为X; 主要反映…，预算X): the 科目 is that amount's subject. The words
    between the label and the clause (what the 科目 covers) are blanked out, so offsets hold. A
    label that is no 科目 (公务用车运行维护费：2023年X) is left to the claims, which know which
    table states it."""
    from .claims import match_item  # claims and tablelinks read statements: imported when first used
    from .tablelinks import names_kemu

    words = text[floor:at]
    if clean_subject(words)[0] or _SENTENCE_END.search(text, 0, floor):
        return None
    n = roles().numbering.match(text)
    m = _LABEL.match(text, n.end() if n else 0)
    label = m.group("label") if m is not None else ""
    if m is None or m.end() > floor or not clean_subject(label)[0] or not names_kemu(doc, label) or match_item(label):
        return None
    start = m.start("label")
    return start, text[start:m.end("label")] + " " * (floor - m.end("label")) + words


def _pair_budget(st: Statement) -> None:
    """预算28.71万元，决算28.22万元 / 预算14,476,700.00元，实际支出1526.98万元: in a 决算 a
    statement that states its subject's actual (决算 / 实际支出 / 执行数) and, under a bare 预算
    (no 年初 / 调整 / 数 to say which), another amount, states that amount as the budget."""
    r = roles()
    amounts = st.all("amount", True)
    if len(amounts) < 2:
        return
    text = st.text

    def words(q: Quantity) -> str:
        # the words between the subject and the amount: a title run into the paragraph
        # (…2024年度部门决算培训费预算20.00万元) names the document, not this amount
        start = clause_start(text, q.pos)
        w = r.budget_items.sub(lambda x: "某" * len(x.group()), text[start:q.pos])  # 一般公共预算 names money
        at = text.rfind(st.subject, start, q.pos) if st.subject else -1
        return w[at + len(st.subject) - start:] if at >= 0 else w

    actual = [q for q in amounts if r.final.search(words(q)) and not r.paired_budget.search(words(q))]
    if not actual:
        return
    for q in amounts:
        w = words(q)
        if q not in actual and r.paired_budget.search(w) and not r.final.search(w):
            q.role, q.word = "budget", r.paired_budget.search(w).group()


def _bracketed(cur: Statement | None, text: str, floor: int, tok) -> tuple[str, dict] | None:
    """增加18.8%（55.51万元） / 增加55.51万元（18.8%）: the figure in brackets right after a
    change is the same change in the other measure, with the same direction word."""
    last = cur.quantities[-1] if cur is not None and cur.quantities else None
    if last is None or last.role not in ("change", "pct_change") or text[last.end:tok.start].strip() not in ("（", "("):
        return None
    money = tok.kind == "amount"
    if money == (last.role == "change") or tok.kind == "points":
        return None  # the same measure twice: not a restatement
    return ("change" if money else "pct_change"), {"subject_words": "", "word": last.word, "sign": last.sign}


@lru_cache(maxsize=None)
def _list_total() -> regex.Pattern:
    return regex.compile(load_json("statements.json")["list_total"])


def _numbering_style(words: str) -> str:
    """The style of the item number opening `words` ('（#）', '#.', '①' …; '' for none)."""
    m = roles().numbering.match(words)
    if not m:
        return ""
    token = m.group().strip()
    return regex.sub(r"[一二三四五六七八九十]+|\d+", "#", regex.sub(r"[①-⑳]", "①", regex.sub(r"[⑴-⒇]", "⑴", regex.sub(r"[⒈-⒛]", "⒈", token))))


def _continues(cur: Statement, key: str, role: str) -> bool:
    """Whether a quantity whose clause names `key` ('' for none) is still about cur's subject:
    no subject of its own; the same one, or its tail (支出 after 一般公共预算财政拨款支出); a
    generic word (支出, 资金) for a role cur has not stated yet; or cur named none yet and has no
    quantity of this role (年初预算为…，支出决算为…)."""
    if not key or key == cur.key or (cur.key and cur.key.endswith(key)):
        return True
    if key in roles().generic and not cur.all(role):
        return True  # 某项目年初预算为…，支出决算为…: 支出 names no other subject
    return not cur.key and not cur.all(role)


_LIST_WHOLE_ROLES = frozenset({"change", "pct_change", "ratio"})


def _list_whole(out: list[Statement], cur: Statement | None, paragraph: int, key: str, role: str, text: str,
                at: int, numbered_items: list[int]) -> Statement | None:
    """The statement a change printed in the sentence after a list of parts belongs to: the
    list's whole, when the change's clause names no subject (or the whole's), the list (其中，
    A a，B b，C c。) ended with the sentence before it, and the whole, in this paragraph, states an
    amount and no figure of this role yet. 同口径比上年减少Y，下降Z% after it is the total's change,
    not C's; a change inside C's own clause (C c，比上年减少…) still belongs to C. Numbered items
    are left alone: a change after one of them is that item's."""
    if cur is None or cur.head is None or cur.paragraph != paragraph or role not in _LIST_WHOLE_ROLES:
        return None
    if not cur.quantities or not _ends_sentence(text, cur.quantities[-1].end, at):
        return None
    whole = out[cur.head]
    while whole.head is not None and out[whole.head].paragraph == paragraph:
        whole = out[whole.head]  # the list around a list of parts of a part: the sentence's whole
    if whole.paragraph != paragraph or whole.one("amount", True) is None or whole.all(role):
        return None
    if any(i > whole.index for i in numbered_items):
        return None  # （1）A a。比上年减少…（2）B b: each item's own change
    if key and key != whole.key:
        return None
    return whole


def _list_head(out: list[Statement], prev: Statement) -> int:
    """The statement a list of parts (其中 / 主要用于 …) printed after `prev` is the list of:
    prev, unless prev only states the level compared with (…，比上年核定数10.00万元增加…。其中：
    its clause opens with 比/较 and an earlier period), whose list is the subject's before it."""
    while prev.index > 0 and _compared(prev):
        before = out[prev.index - 1]
        if before.paragraph != prev.paragraph or before.sentence != prev.sentence or before.one("amount", True) is None:
            break
        prev = before
    return prev.index


def _compared(st: Statement) -> bool:
    """Whether a statement opens with a comparison to an earlier period (比上年…, 较2024年…)."""
    r = roles()
    first = st.quantities[0].pos
    m = r.base_head.match(st.text[clause_start(st.text, first):first])
    return m is not None and m.end() > 1 and bool(r.prior.search(m.group()) or regex.search(r"(?:19|20)\d{2}", m.group()))


def _list_of_next(out: list[Statement], prev: Statement, key: str, between: str) -> int | None:
    """The list a part printed after `prev` (in the same sentence) is in: prev's own list, or the
    list around it when the part closes prev's list. A list of parts of a part (基本支出A，包括
    人员经费a、公用经费b) is a sub-list: it ends where the parts of the list around it go on
    (；项目支出B，占Q%: a share of the outer whole again, not of 基本支出)."""
    head = out[prev.head]
    item = prev
    while _closes(head, item, key, between):
        if head.head is None:
            return None
        head, item = out[head.head], head
    return head.index


_STRONG_SEPARATOR = regex.compile(r"[；;]")


def _closes(head: Statement, item: Statement, key: str, between: str) -> bool:
    """Whether a part named `key`, printed after the list item `item` with the words `between`,
    closes the list of `head`: it is named like head (基本支出 … 项目支出: the same head noun)
    and not like item (人员经费, 公用经费), so it is head's sibling; or it is named unlike a list
    whose items are named like its head (收入X，一般公共预算拨款收入占P%；支出Y: 支出 ends the list of
    收入); or, when the names do not
    tell, a 「；」 ends the list of a part (head in a list itself, or stated with its share).
    Parts joined by 「、」 are one list's items; a list of a total goes on after 「；」
    (X万元中，A…，B…；C…)."""
    if not between.strip() or between.strip() == "、":
        return False
    noun, head_noun, item_noun = _head_noun(key), _head_noun(head.key), _head_noun(item.key)
    if noun and noun == head_noun != item_noun:
        return True
    if noun and noun == item_noun != head_noun:
        return False
    if noun and head_noun and item_noun == head_noun != noun:
        return True  # 收入X，A收入占P%；支出Y… / ，基本支出占Q%: the list named like its head ends
    if not _STRONG_SEPARATOR.search(between):
        return False
    return head.head is not None or any(q.role == "share" for q in head.quantities)


def _head_noun(key: str) -> str:
    """The noun a subject's name ends in (支出, 经费, 收入): names of one list share it."""
    return key[-2:] if len(key) >= 2 else ""


def _same_sentence(text: str, a: int, b: int) -> bool:
    return not any(ch in SENTENCE_END for ch in text[a:b])


def _ends_sentence(text: str, a: int, b: int) -> bool:
    return "。" in text[a:b]


def _new(out: list, para, sentence: int, subj: str, text: str, at: int) -> Statement:
    st = Statement(len(out), para.index, sentence, subj, subject_key(subj) if subj else "", text=text)
    if subj:
        st.subject_span = para.span(at, at + len(subj))
    out.append(st)
    return st


@lru_cache(maxsize=None)
def _literal(word: str) -> "regex.Pattern":
    """A word as a compiled pattern, once: a string pattern pays the regex module's cache
    look-up (~7 µs) on every call, here for every word in every paragraph."""
    return regex.compile(regex.escape(word))


def _direction_words(para, text: str, final: bool = False) -> list[Word]:
    """持平 and 大于/小于/等于 stated without a number of their own (in a 决算, 大于预算2.00万元
    is a change with its number, read by _role's budget_difference), each with the negation
    before it (未超过年初预算: not greater); and a negated change word ending its clause
    (与上年相比未增加), the bound of a change stated without a number."""
    r = roles()
    out: list[Word] = []
    taken: set[int] = set()
    for w in r.flat_words:
        for m in _literal(w).finditer(text):
            if any(i in taken for i in range(m.start(), m.end())):
                continue
            taken.update(range(m.start(), m.end()))
            line, s, e = para.span(m.start(), m.end())
            # 与年初预算持平 in a 决算: flat against the budget, not last year
            budget = final and _base_of(text[para.sentence_at(m.start()).start:m.start()], final) == "budget"
            out.append(Word("flat", 0, w, m.start(), line, s, e, budget=budget, tolerance=r.flat_tolerance[w]))
    changes = dict(r.change_words)
    for w, sign in r.compare_words:
        for m in _literal(w).finditer(text):
            if any(i in taken for i in range(m.start(), m.end())):
                continue
            # 决算数大于预算数 / 支出决算小于年初预算 / 与预算一致: a comparison with the budget
            around = text[max(0, m.start() - 12):m.end() + 8]
            sentence = para.sentence_at(m.start())
            if not regex.search(r"预算", around) or not (r.final.search(around) or r.final.search(
                    text, sentence.start, m.start()) and "预算" in text[m.end():m.end() + 8]):
                continue  # …决算数为年初预算的102.67%，小于年初预算 / 实际支出…，支出不超过年初预算: the actual earlier in the sentence
            if sign == 0 and w in ("一致", "相同", "相等") and not regex.search(r"(?:与|和|同)[^，。；]{0,8}预算", text[max(0, m.start() - 14):m.start()]):
                continue
            neg = r.negation.search(text, max(0, m.start() - 4), m.start())
            if (final or neg) and sign and _budget_compare_number().match(text, m.end()):
                continue  # 大于预算2.00万元: the word is the direction of the change that follows
            if w in changes and _NUMBER_NEXT.match(text, m.end()):
                continue  # 超支2.00万元: a change with its number (_role)
            begin = neg.start() if neg else m.start()
            taken.update(range(begin, m.end()))
            line, s, e = para.span(begin, m.end())
            out.append(Word("compare", sign, w, begin, line, s, e, budget=True, negation=neg.group() if neg else ""))
    for w, sign in r.change_words:
        if len(w) < 2:
            continue  # 不少 / 不多 are quantities (不少单位), not a change's bound
        for m in _literal(w).finditer(text):
            if any(i in taken for i in range(m.start(), m.end())):
                continue
            neg = r.negation.search(text, max(0, m.start() - 4), m.start())
            end = m.end() + (text[m.end()] == "了" if m.end() < len(text) else 0)
            if neg is None or end < len(text) and text[end] not in CLAUSE_DELIMS:
                continue  # 未增加人员编制: the word has an object, it states no direction of the amounts
            taken.update(range(neg.start(), m.end()))
            line, s, e = para.span(neg.start(), m.end())
            sentence = para.sentence_at(m.start())
            budget = _base_of(text[sentence.start:neg.start()], final) == "budget"
            out.append(Word("change", sign, w, neg.start(), line, s, e, budget=budget, negation=neg.group()))
    return out


_NUMBER_NEXT = regex.compile(r"\s*(?:了|为|达)?\s*[-+]?[\d０-９]")


def statements_of(doc: Document) -> list[Statement]:
    return doc.cached("statements", read_statements)


# --- percentages ------------------------------------------------------------------------------

def rounded(q: Quantity) -> Interval:
    """A printed percentage, read as rounded at its printed decimals (signed by its word)."""
    if q.approx:
        return _signed(loose(q), q)
    iv = Interval(q.value.low, q.value.high)
    return _signed(iv, q)


def truncated(q: Quantity) -> Interval:
    """The same percentage read as truncated (12.349% printed 12.34%)."""
    if q.approx:
        return _signed(loose(q), q)
    v = q.value
    step = v.half_ulp * 2
    iv = Interval(v.value, v.value + step) if v.value >= 0 else Interval(v.value - step, v.value)
    return _signed(iv, q)


def loose(q: Quantity) -> Interval:
    """A percentage stated loosely (约10%, 近10%, 10%左右): the printed value give or take the
    wider of a share of it and some units of its last printed digit (statements.json
    approx_tolerance: 10% and 1 unit, so 约10% holds for 9.0%–11.0%)."""
    tol = load_json("statements.json")["approx_tolerance"]
    v = q.value
    unit = v.half_ulp * 2 * Decimal(str(tol["last_digit_units"]))
    share = abs(v.value) * Decimal(str(tol["relative_pct"])) / 100
    width = max(unit, share)
    return Interval(v.value - width, v.value + width)


def _signed(iv: Interval, q: Quantity) -> Interval:
    if q.sign == -1:
        return Interval(-iv.high, -iv.low)
    return iv


def ratio(num: Interval, den: Interval) -> Interval | None:
    """num / den × 100 over the intervals; None when the base can be zero."""
    if den.low <= 0 <= den.high:
        return None
    cands = [num.low / den.low, num.low / den.high, num.high / den.low, num.high / den.high]
    return Interval(min(cands) * 100, max(cands) * 100)


def describe(q: Quantity) -> str:
    return q.text.strip()


def statements_text(doc: Document) -> str:
    """The statements as lines (budgetlint extract --claims), for rule authors."""
    out = ["## Statements"]
    for st in statements_of(doc):
        head = f" in list of #{st.head}" if st.head is not None else ""
        out.append(f"  #{st.index} P{st.paragraph}.{st.sentence} 「{st.subject}」{head}")
        for q in st.quantities:
            extra = ""
            if q.role in ("change", "pct_change", "points"):
                extra = f" sign={q.sign} vs {q.base} ({q.word})"
            elif q.role == "share":
                extra = f" of 「{q.whole}」"
            elif q.year:
                extra = f" year={q.year}"
            if q.qualifier:
                extra += f" on {q.qualifier} footing"
            out.append(f"      {q.role:10} {q.text.strip()} L{q.line}:{q.start + 1}{extra}")
        for w in st.words:
            bound = " (its bound: negated)" if w.negation else ""
            out.append(f"      {w.kind:10} {w.printed} sign={w.sign}{bound} L{w.line}:{w.start + 1}")
    return "\n".join(out)


def related_quantity(doc: Document, q: Quantity, note: str):
    from .findings import related_line

    return related_line(doc, q.line, note, q.start, q.stop)


def money_text(yuan: Decimal, unit: str, decimals: int) -> str:
    """A yuan value written in `unit` with `decimals` places (万元 and 亿元 at least two)."""
    from .numbers import format_decimal

    d = max(decimals, 2 if unit in ("万元", "亿元") else 0)
    return f"{format_decimal(yuan / UNIT_FACTOR[unit], d)}{unit}"


def middle(iv: Interval) -> Decimal:
    return (iv.low + iv.high) / 2


def flipped(iv: Interval) -> Interval:
    return Interval(-iv.high, -iv.low)


def opposite_word(word: str) -> str:
    """The direction word of the other sign (data/statements.json: opposite_words)."""
    return load_json("statements.json")["opposite_words"].get(word, "相反方向的词")


@dataclass
class ChangeBasis:
    """What a stated change is checked against: this year's amount and the level it is measured
    against (上年 / a named earlier year / a 决算's 年初预算), or the ratio 为上年的R% that pins one
    of them, and the change those figures give."""

    change: Quantity
    amount: Quantity
    base: Quantity | None  # the level compared with, when stated
    ratio: Quantity | None  # 为上年（X）的R%, when it narrows the figures
    computed: Interval  # this year's amount − the base, as the figures give it

    def describe(self) -> str:
        """The figures as the message quotes them: 本年A、上年P (、为上年的R%)."""
        against = "年初预算" if self.change.base == "budget" else "上年"
        parts = [f"{'决算' if self.change.base == 'budget' else '本年'}{self.amount.text.strip()}"]
        if self.base is not None:
            parts.append(f"{against}{self.base.text.strip()}")
        if self.ratio is not None:
            parts.append(f"为{against}的{self.ratio.text.strip()}")
        return "、".join(parts)


def either(q: Quantity) -> Interval:
    """A printed percentage as either reading allows: rounded or truncated at its decimals."""
    a, b = rounded(q), truncated(q)
    return Interval(min(a.low, b.low), max(a.high, b.high))


def times(iv: Interval, pct: Interval) -> Interval:
    """iv × pct / 100 over intervals of positive values."""
    cands = [iv.low * pct.low, iv.low * pct.high, iv.high * pct.low, iv.high * pct.high]
    return Interval(min(cands) / 100, max(cands) / 100)


_NEUTRAL = regex.compile(r"增减|变动|变化")


def neutral(q: Quantity) -> bool:
    """A change named without a direction word (增减额为-0.66万元, 变动率为5%): its sign is
    the printed minus or the statement's own word."""
    return bool(q.word) and _NEUTRAL.search(q.word) is not None


def _meet(a: Interval, b: Interval) -> Interval:
    return Interval(max(a.low, b.low), min(a.high, b.high))


CHANGE_ROLES = ("change", "pct_change", "points")


def base_views(st: Statement) -> list[Statement]:
    """The statement once per level its changes are measured against: a 决算 that states its
    change against the budget and against last year in one sentence (决算A，比年初预算增加D1，比上年
    减少D2，下降C%) is two statements of the same amount, each with its own changes (a check of
    one change reads the statement as it always did). One view, the statement itself, when its
    changes share one base."""
    bases = list(dict.fromkeys(q.base for q in st.quantities if q.role in CHANGE_ROLES))
    if len(bases) < 2:
        return [st]
    return [replace(st, quantities=[q for q in st.quantities if q.role not in CHANGE_ROLES or q.base == b])
            for b in bases]


def budget_change(st: Statement) -> Quantity | None:
    """A 决算's one change against its budget (比年初预算增加D, 超出预算D), whatever else the
    statement compares."""
    for view in base_views(st):
        d = view.one("change", True)
        if d is not None and d.base == "budget" and d.sign is not None:
            return d
    return None


def change_basis(st: Statement) -> ChangeBasis | None:
    """The figures a statement's change is checked against, when it states enough of them:
    this year's amount with the amount compared with (a change vs last year with its 上年
    amount, or a 决算's change vs its 年初预算), narrowed by a stated ratio 为上年X的R% when the
    ratio can hold (二万元 is 1.5–2.5万元 by its printed digits, 为1.96万元的102.04% pins it
    to 2.00); or this year's amount and the ratio alone (the prior is amount / R; a 决算's
    budget is 决算 / 完成率 when it states no budget)."""
    d = st.one("change", True)
    if d is None or d.sign is None:
        return None
    a = on_footing(st, "amount", d)
    if a is None:
        return None
    base = on_footing(st, "budget" if d.base == "budget" else "prior", d)
    if base is not None and base.pos > d.pos and a.pos > d.pos:
        return None
    r = st.one("ratio") if d.base == "prior" else _completion_rate(st)
    if r is not None and (r.unit != "%" or r.value.value <= 0 or r.qualifier != d.qualifier):
        r = None
    if base is None and r is None:
        return None
    level = a.interval()
    if base is not None:
        if r is not None:
            pinned = pinned_level(level, base.interval(), r)
            if pinned is not None:
                level = pinned
            else:
                r = None  # the ratio cannot hold: BL205 reports it, the change is read from the amounts
        return ChangeBasis(d, a, base, r, level - base.interval())
    prior = Interval(level.low * 100 / either(r).high, level.high * 100 / either(r).low)
    return ChangeBasis(d, a, None, r, level - prior)


def pinned_level(level: Interval, base: Interval, r: Quantity) -> Interval | None:
    """An amount narrowed by the ratio R% that relates it to `base` (为上年X的R%, 完成年初预算的R%):
    二十万元 / 20万元 is 19.5–20.5 by its digits, 年初预算20.35万元 with 执行比例98.28% pins it to
    20.00; None when the ratio cannot hold with the amount."""
    pinned = _meet(level, times(base, either(r)))
    return pinned if pinned.low <= pinned.high else None


def rate_of_stated_budget(st: Statement) -> Quantity | None:
    """A 决算's completion rate (完成年初预算的R%, 执行率R%) as a ratio of its amount to its
    budget, when it states one and it names the budget the statement states (not the adjusted
    one beside a 年初预算)."""
    rate = st.one("rate")
    if rate is None or rate.unit != "%" or rate.value.value <= 0:
        return None
    budgets = st.all("budget", True)
    if len({(b.text, b.word) for b in budgets}) != 1 or bool(_adjusted_budget().search(rate.word)) != bool(
            _adjusted_budget().search(budgets[0].word)):
        return None
    return rate


def _completion_rate(st: Statement) -> Quantity | None:
    """A 决算's completion rate (完成年初预算的110.00%) as the ratio that gives its budget, when
    the statement states no budget itself and neither the rate nor the change names the
    adjusted one (完成全年预算的88.00%，超出年初预算2.00万元 are on two budgets)."""
    rate = st.one("rate")
    if rate is None or st.all("budget") or _adjusted_budget().search(rate.word):
        return None
    change = st.one("change", True)
    if change is not None and _adjusted_budget().search(st.text, clause_start(st.text, change.pos), change.pos):
        return None  # 完成年初预算的R% with 超出全年预算Z: two budgets
    return rate


def completion_blame(st: Statement) -> tuple[str, Decimal, Decimal] | None:
    """For a 决算 that states its amount A, its change D against the budget and its completion
    rate R but not the budget (决算A，比年初预算增加D，完成年初预算的R%), three figures of which
    one can be wrong when they do not hold together: which — ("direction", …) when they hold
    with D's word turned (BL204); ("rate", …) when R is on the other side of 100% from D's
    word and turning the word does not help (one wrong figure, not a wrong word and a wrong
    amount), or R is a keystroke from the rate A and D give and D is further; ("change", …)
    the other way round; ("both", …) when nothing tells. With the change and the rate the other
    figures give (yuan, percent); None when they hold or are not all stated."""
    for view in base_views(st):
        d = view.one("change", True)
        if d is None or d.base != "budget" or d.sign is None:
            continue
        a, r = on_footing(view, "amount", d), _completion_rate(view)
        if a is None or r is None or r.unit != "%" or r.value.value <= 0 or r.qualifier != d.qualifier:
            return None
        level, rate = a.interval(), either(r)
        computed = level - Interval(level.low * 100 / rate.high, level.high * 100 / rate.low)
        if d.signed().meets(computed):
            return None
        implied = ratio(level, level - d.signed())
        if implied is None:
            return None
        d_implied, r_implied = middle(computed), middle(implied)
        if d.value.value != 0 and flipped(d.signed()).meets(computed):
            return "direction", d_implied, r_implied
        way = direction(d)
        if way > 0 and rate.high < 100 or way < 0 and rate.low > 100:
            return "rate", d_implied, r_implied
        d_edits = _slips(d.text, computed, d.unit, d.value.decimals)
        r_edits = _slips(r.text, implied, "%", r.value.decimals)
        if d_edits < r_edits and d_edits <= 1:
            return "change", d_implied, r_implied
        if r_edits < d_edits and r_edits <= 1:
            return "rate", d_implied, r_implied
        return "both", d_implied, r_implied
    return None


@lru_cache(maxsize=None)
def _adjusted_budget() -> regex.Pattern:
    return regex.compile(load_json("statements.json")["adjusted_budget_words"])


def triple_blame(st: Statement) -> tuple[str, Decimal, Decimal] | None:
    """For a statement of this year's amount A, a change D and a percentage change C with no
    amount of the other year (本年10.4万元，增加0.39万元，增长0.87%; 较上年减少18.7%，减少额为
    2.5万元) whose three figures cannot all hold: which figure is wrong, with the change and the
    percentage the other figures give — ("direction", …) when the figures hold with both
    direction words turned, ("change", …) or ("percent", …) when one figure is a keystroke or
    two from the value the others give and the other is further, ("both", …) when they are as
    far (nothing tells which is wrong); None when they hold, when a prior amount is stated
    (then each is checked against it), or when the words disagree (BL204)."""
    d, c = st.one("change", True), st.one("pct_change")
    if d is None or c is None or d.qualifier != c.qualifier:
        return None
    a = on_footing(st, "amount", d)
    if a is None or on_footing(st, "prior", d) is not None or on_footing(st, "budget", d) is not None:
        return None
    if st.one("ratio") is not None:
        return None
    if d.sign is None or c.sign is None or d.base != "prior" or c.unit != "%" or d.value.value == 0 or c.value.value == 0:
        return None
    if d.value.value < 0 and not neutral(d) or c.value.value < 0 and not neutral(c):
        return None  # 减少-3.07万元: a direction word and a minus (BL204's warning)
    if (middle(d.signed()) > 0) != (middle(rounded(c)) > 0):
        return None  # the words disagree: BL204
    if _triple_holds(a.interval(), d.signed(), c, c.sign):
        return None
    cv = c.value.value * c.sign
    d_implied = middle(a.interval()) * cv / (100 + cv)  # A = base·(1 + C), D = base·C
    r = ratio(d.signed(), a.interval() - d.signed())
    c_implied = middle(r) if r is not None else Decimal(0)
    d_edits = _slips(d.text, _implied_change(a, c), d.unit, d.value.decimals)
    c_edits = _slips(c.text, r, "%", c.value.decimals) if r is not None else 2
    # one figure a keystroke from what the others give explains the figures with one slip;
    # turning both direction words takes two, so it comes after
    if d_edits < c_edits and d_edits <= 1:
        return "change", d_implied, c_implied
    if c_edits < d_edits and c_edits <= 1:
        return "percent", d_implied, c_implied
    if _triple_holds(a.interval(), flipped(d.signed()), c, -c.sign):
        return "direction", -d_implied, -c_implied
    return "both", d_implied, c_implied


def _triple_holds(amount: Interval, change: Interval, c: Quantity, sign: int) -> bool:
    r = ratio(change, amount - change)
    if r is None:
        return True  # a base that can be zero: nothing to compute
    pct = either(c)
    return (pct if sign == c.sign else flipped(pct)).meets(r)


def _implied_change(a: Quantity, c: Quantity) -> Interval:
    """The change that this year's amount and the percentage give (yuan, magnitude)."""
    pct = either(c)
    lo, hi = sorted((abs(pct.low), abs(pct.high)))
    sign = -1 if pct.high < 0 else 1
    iv = a.interval()
    vals = [iv.low * p / (100 + sign * p) for p in (lo, hi)] + [iv.high * p / (100 + sign * p) for p in (lo, hi)]
    return Interval(min(vals), max(vals))


def _slips(text: str, iv: Interval, unit: str, decimals: int) -> int:
    """How many keystrokes the printed figure is from a value of `iv` printed in the same unit
    with the same decimals: 0, 1 (one digit replaced, dropped or doubled), or 2 for more."""
    f = UNIT_FACTOR.get(unit, Decimal(1))
    lo, hi = sorted((abs(iv.low) / f, abs(iv.high) / f))
    digits = _digits(text)
    if not digits:
        return 2
    scale = Decimal(1).scaleb(-max(decimals, 0))

    def fits(ds: str) -> bool:
        # a printed figure stands for its value rounded at its last digit (a percentage also
        # for its value truncated there)
        if not ds:
            return False
        v = Decimal(int(ds)) * scale
        return lo - scale / 2 <= v <= hi + scale / 2 or unit == "%" and lo - scale <= v <= hi

    if fits(digits):
        return 0
    for k in range(len(digits) + 1):
        if k < len(digits) and fits(digits[:k] + digits[k + 1:]):
            return 1
        for ch in "0123456789":
            if fits(digits[:k] + ch + digits[k:]) or k < len(digits) and fits(digits[:k] + ch + digits[k + 1:]):
                return 1
    return 2


def _digits(text: str) -> str:
    return "".join(ch for ch in text.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")) if ch.isdigit())

"""Claims: what the narrative says about canonical budget items, and the table ledger.

A *claim* is one amount (or percentage, or "持平") the text attaches to a canonical item
(data/items.json): its value in the printed unit, its relation (``amount`` — the item's
level; ``change`` — a change against a base year, signed by its direction word;
``share`` — 占X%; ``flat`` — 持平), the period it is about (``current``; ``prior`` — last
year's level; ``prior_end`` — the end of last year, as the asset table is), its span in the
text view, and its parent when it was stated as a part (其中 / 包括) of another claim.

The *ledger* holds the same canonical items read from the recognised tables (收支总表,
收入总表, 支出总表, 财政拨款收支总表, 基本支出表, “三公”经费表, 政府采购表, 固定资产表),
each fact with its cell and unit. A blank cell in a row or column that exists is an exact
zero ("the table shows none").

How the text is read (no model, no network): numbers come from linter.cnnum (amounts only
with a money unit, so years, dates, document numbers are never money); the item is the
longest synonym ending just before the amount once fillers (预算/为/共计/安排 …) are peeled
off; a change word right before the amount (增加/减少/增长/下降 …) makes it a change; the
paragraph's sentences carry the subject to a change stated without one (较2022年增加…).
Both views are built once per document and cached (doc.cached).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from .cnnum import UNIT_FACTOR
from .lists import lists_of, quantity_tokens
from .model import Cell, Document, Table, cell_at
from .statements import clause_start, roles, statements_of, unframed
from .numbers import ZERO, Interval, Number
from .paragraphs import Paragraph
from .vocab import load_json

FUNC = "func:"  # item prefix of a 支出功能分类科目 (func:一般公共服务支出/财政事务/行政运行)
QUOTES = "“”\"'‘’「」『』《》"
DELIMS = "，,；;：:。、！？!?\n"


# --- vocabulary ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Vocab:
    items: dict
    synonyms: tuple  # (normalised synonym, item) longest first
    fillers: tuple
    change_words: dict
    flat_words: tuple
    compositions: dict
    parents: dict  # item -> set of items it is (transitively) a part of


def _norm(s: str) -> str:
    s = s.translate(str.maketrans("()", "（）"))
    return "".join(ch for ch in s if ch not in QUOTES and not ch.isspace())


@lru_cache(maxsize=None)
def vocab() -> Vocab:
    data = load_json("items.json")
    words = load_json("statements.json")
    syns = []
    for key, spec in data["items"].items():
        for s in spec["synonyms"]:
            syns.append((_norm(s), key))
    syns.sort(key=lambda x: -len(x[0]))
    comps = data["compositions"]
    parents: dict[str, set] = {}

    def add(total, part):
        parents.setdefault(part, set()).add(total)

    for total, decomps in comps.items():
        for d in decomps:
            for p in d:
                add(total, p)
    # transitive closure
    changed = True
    while changed:
        changed = False
        for p, ts in parents.items():
            extra = set().union(*(parents.get(t, set()) for t in ts)) - ts
            if extra:
                ts |= extra
                changed = True
    return Vocab(
        items=data["items"], synonyms=tuple(syns),
        fillers=tuple(sorted(data["fillers"], key=len, reverse=True)),
        # direction words are the statements' (one list for both readers of the narrative)
        change_words=dict(sorted(words["change_words"].items(), key=lambda kv: -len(kv[0]))),
        flat_words=tuple(sorted(words["flat_words"], key=len, reverse=True)), compositions=comps, parents=parents,
    )


def item_name(item: str) -> str:
    if item.startswith(FUNC):
        return "-".join(item[len(FUNC):].split("/"))
    return vocab().items.get(item, {}).get("name", item)


def is_part_of(part: str, total: str) -> bool:
    v = vocab()
    if total in v.parents.get(part, set()):
        return True
    same = v.items.get(total, {}).get("same_as", [])
    return any(total2 in v.parents.get(part, set()) for total2 in same)


def match_item(text: str) -> tuple[str, int, int] | None:
    """(item, synonym length, end) for the synonym ending `text` after peeling fillers that
    covers most of the phrase; `end` is where the synonym ends in the normalised text."""
    v = vocab()
    s = _norm(text)
    best = None  # (start, peel depth, item, length): the match covering most of the phrase wins
    for depth in range(6):
        if not s:
            break
        for syn, item in v.synonyms:
            if s.endswith(syn):
                cand = (len(s) - len(syn), depth, item, len(syn))
                if best is None or cand[0] < best[0]:
                    best = cand
                break
        for f in v.fillers:
            if s.endswith(f):
                s = s[: -len(f)]
                break
        else:
            break
    return (best[2], best[3], best[0] + best[3]) if best else None


def match_part(text: str, whole: str) -> tuple[str, int, int] | None:
    """(item, length, end) for a part of `whole` named by the tail of its own name: 购置费 and
    运行维护费 listed under 公务用车购置及运行费 are 公务用车购置费 and 公务用车运维费: the
    subject's whole name (three characters at least) ends one part's synonyms and no other's."""
    v = vocab()
    parts = {p for d in v.compositions.get(whole, []) for p in d}
    if not parts:
        return None
    s = _norm(text)
    lead = roles().lead
    for _depth in range(6):
        # the whole subject is the short name (其中购置费), not the tail of a longer one (办公设备购置费)
        name = s[lead.match(s).end():] if lead.match(s) else s
        name = name[roles().numbering.match(name).end():] if roles().numbering.match(name) else name
        if len(name) >= 3:
            hits = {item for syn, item in v.synonyms if item in parts and syn.endswith(name)}
            if len(hits) == 1:
                return hits.pop(), len(name), len(s)
        f = next((f for f in v.fillers if s.endswith(f)), None)
        if f is None:
            return None
        s = s[: -len(f)]
    return None


def mention(text: str) -> tuple[str, int] | None:
    """The last item named anywhere in text (jieba over the domain lexicon, which holds every
    synonym as one word), for statements such as “三公”经费与上年持平 with fillers between."""
    from .segment import domain

    syn = dict(vocab().synonyms)
    last = None
    for word, _s, _e in domain().tokenize(_norm(text), HMM=False):
        if word in syn:
            last = (syn[word], len(word))
    return last


# --- claims -------------------------------------------------------------------------------

@dataclass
class Claim:
    index: int
    item: str
    relation: str  # amount | change | share | flat
    value: Number | None  # absolute printed value (change: magnitude; see sign)
    unit: str | None  # 元 | 千元 | 万元 | 亿元 | % | 百分点
    line: int
    start: int  # 0-based offsets of the number text in the line
    end: int
    text: str  # the number as printed, with its unit
    sentence: str  # the sentence it was read from
    paragraph: int
    sentence_no: int
    period: str = "current"  # current | prior | prior_end
    sign: int = 0  # change: +1 / -1 from the direction word; 0 otherwise
    word: str = ""  # the direction word as printed
    base: str = ""  # change: the base (上年 / 2024年)
    denominator: str | None = None  # share: the item it is a share of
    parent: int | None = None
    item_span: tuple[int, int, int] | None = None  # (line, start, end) of the item words
    paragraph_text: str = field(default="", repr=False)
    pos: int = 0  # offset of the number in its paragraph
    topic: int | None = None  # the paragraph's first level claim (a share's default denominator)
    scope: "Scope | None" = None  # the specific subject a listed part is stated under (…（项）X万元，其中：基本支出…)

    @property
    def is_money(self) -> bool:
        return self.unit in UNIT_FACTOR

    def yuan(self) -> Interval:
        f = UNIT_FACTOR[self.unit]
        return Interval(self.value.low * f, self.value.high * f)

    def signed_yuan(self) -> Interval:
        """The change with its direction word's sign (减少-3.07万元 is read as a decrease)."""
        iv = self.yuan()
        if self.sign and self.value.value < 0:
            iv = Interval(-iv.high, -iv.low)
        if self.sign < 0:
            return Interval(-iv.high, -iv.low)
        return iv

    def describe(self) -> str:
        return f"{item_name(self.item)}{self.text.strip()}"

    def to_json(self) -> dict:
        return {
            "index": self.index, "item": self.item, "name": item_name(self.item), "relation": self.relation,
            "value": str(self.value.value) if self.value else None, "decimals": self.value.decimals if self.value else None,
            "unit": self.unit, "sign": self.sign, "word": self.word, "base": self.base, "period": self.period,
            "denominator": self.denominator, "parent": self.parent, "line": self.line, "start": self.start,
            "end": self.end, "text": self.text, "paragraph": self.paragraph,
            "scope": self.scope.name if self.scope else None,
        }


_CHANGE_TAIL = None


def _alternatives(key: str) -> str:
    """items.json's marker words as a regex alternation, longest first."""
    return "|".join(regex.escape(w) for w in sorted(load_json("items.json")[key], key=len, reverse=True))


BASE_WORDS = tuple(load_json("items.json")["base_markers"])  # 较 / 比 / 与 … before a comparison base
_BASE = regex.compile(rf"(?:{_alternatives('base_markers')})\s*({_alternatives('prior_markers')}|(?:19|20)\d{{2}}\s*年度?)")
_PRIOR_END = regex.compile(rf"({_alternatives('prior_end_markers')}|((?:19|20)\d{{2}})\s*年\s*(?:末|底|12月31日))")
_PRIOR = regex.compile(rf"(?<![较比与])({_alternatives('prior_markers')}|((?:19|20)\d{{2}})\s*年度?)(?!\s*[-—–~至])")
_PART = regex.compile(_alternatives("part_markers"))


def _change_tail():
    global _CHANGE_TAIL
    if _CHANGE_TAIL is None:
        words = "|".join(regex.escape(w) for w in vocab().change_words)
        _CHANGE_TAIL = regex.compile(rf"({words})(?:了)?(?:约|为|达)?\s*$")
    return _CHANGE_TAIL


def _period(clause: str, year: int | None) -> str:
    m = _PRIOR_END.search(clause)
    if m and (m.group(2) is None or year is None or int(m.group(2)) == year - 1) and "固定资产" in _norm(clause + "固定资产"):
        if m.group(1) in ("截至", "截止") or "末" in m.group(1) or "底" in m.group(1) or "12月31日" in m.group(1):
            return "prior_end"
    for m in _PRIOR.finditer(clause):
        before = clause[: m.start()].rstrip()
        if before.endswith(BASE_WORDS):
            continue
        if m.group(2) is not None:
            if year is not None and int(m.group(2)) == year - 1:
                return "prior"
            continue
        return "prior"
    return "current"


# --- 支出功能分类科目 named in the text ------------------------------------------------------

# （类） or (201类), or the code alone: （201） is a 类, （20101） a 款, （2010101） a 项
_FUNC_MARK = regex.compile(r"[（(]\s*(?:(?:\d{1,7}\s*)?(?P<word>[类款项])|(?P<code>\d{3}(?:\d{2}){0,2}))\s*[）)]")
_FUNC_TAIL = regex.compile(r"[”\"」]?\s*(?:科目)?\s*(?:支出|列支)?\s*(?:预算数|(?:预算|决算)额度?|预算|决算数|决算)?\s*(?:安排资金|安排|合计|共计)?\s*(?:为|是|达)?\s*$")
_FUNC_DASHED = regex.compile(r"[“\"「]([^“”\"「」]{3,90})[”\"」]\s*(?:科目)?\s*(?:支出)?\s*(?:预算数|预算|决算数|决算)?\s*(?:安排|合计|共计)?\s*(?:为|是|达)?\s*$")
_NAME_CHAR = regex.compile(r"[\p{Han}（）()、]")
_LEVELS = {"类": 1, "款": 2, "项": 3}
_BASE_TAIL = regex.compile(r"(?:较|比|与|同比|相比|对比)\s*(?:上年度?|去年|上一年度?|(?:19|20)\d{2}\s*年度?)?(?:当年)?"
                           r"\s*(?:预算|决算)?(?:执行)?(?:数)?(?:相比|比较)?\s*$")
_DIGRESSION = regex.compile(r"主要原因|原因是|原因为|主要是|主要由于|主要用于|用于")


def _level(mark) -> int:
    """The level a 科目 marker names: by its word (类 / 款 / 项), or by its code's length."""
    return _LEVELS[mark.group("word")] if mark.group("word") else (len(mark.group("code")) - 1) // 2


def func_path(head: str) -> tuple[tuple[str, ...], int] | None:
    """The 支出功能分类 path a phrase ends with, and where it starts in the phrase:
    “卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）” or
    “卫生健康支出-行政事业单位医疗-行政单位医疗”科目 → (卫生健康支出, 行政事业单位医疗, 行政单位医疗)."""
    m = _FUNC_DASHED.search(head)
    if m:
        parts = [p.strip() for p in regex.split(r"\s*[-－—–/／]\s*", m.group(1))]
        if 2 <= len(parts) <= 3 and all(p and all(_NAME_CHAR.match(ch) for ch in p) for p in parts):
            return tuple(_norm(p) for p in parts), m.start(1)
    t = _FUNC_TAIL.search(head)
    core = head[: t.start()] if t else head
    marks = list(_FUNC_MARK.finditer(core))
    if not marks or marks[-1].end() != len(core.rstrip()):
        return None
    # the contiguous run of markers ending the phrase, levels rising one by one
    run = [marks[-1]]
    for mk in reversed(marks[:-1]):
        if _level(mk) != _level(run[0]) - 1:
            break
        gap = core[mk.end():run[0].start()]
        if not gap.strip() or not all(_NAME_CHAR.match(ch) for ch in gap.strip()):
            break
        run.insert(0, mk)
    if _level(run[0]) != 1:
        return None
    names = []
    i = run[0].start()
    j = i
    while j > 0 and _NAME_CHAR.match(core[j - 1]):
        j -= 1
    first = core[j:i]
    lead = len(first) - len(first.lstrip("、（）() "))
    first, j = first[lead:], j + lead
    year = regex.match(r"^(?:年度?|本年度?|今年|全年)", first)  # 2025年社会保障和就业支出(208类)
    if year and len(first) > year.end():
        first, j = first[year.end():], j + year.end()
    if not first:
        return None
    names.append(first)
    for a, b in zip(run, run[1:]):
        names.append(core[a.end():b.start()].strip())
    return tuple(_norm(n) for n in names), j


def _func_subject(text: str) -> tuple[str, ...] | None:
    """A paragraph that opens with a 科目 (1、一般公共服务支出（类）…（项）。主要用于…) is about it."""
    m = regex.match(r"^\s*(?:\d+\s*[、.．]|[（(]\d+[）)])?\s*([^。；;，,：:]{0,160}[（(]\s*(?:\d{1,7}\s*)?[类款项]\s*[）)][”\"」]?)", text)
    if not m:
        return None
    fp = func_path(m.group(1))
    return fp[0] if fp else None


# a level stated without its item (年初预算为…, 支出决算为…, 2024年预算安排…, 2023年当年预算执行数为…)
_LEVEL_HEAD = regex.compile(
    r"^(?P<year>(?:19|20)\d{2}年度?|上年度?|上一年度?|去年|本年度?|今年)?(?:当年|全年|年初|调整后的?|调整)?"
    r"(?:预算|决算|支出|实际)?(?:执行数|安排|数|决算数?|支出|执行)?(?:数)?(?:为|是|达)?$")
_BUDGET_WORDS = regex.compile(r"年初预算|全年预算|调整后?的?预算|调整预算|预算数")
# the item, then its level phrase (…年初预算为, 公务接待费2021年预算安排, 公务用车运行维护费上年为)
_SPLIT_LEVEL = regex.compile(
    r"((?:(?:19|20)\d{2}年度?)?(?:当年|全年|年初|调整后的?|调整)(?:预算|决算)(?:执行数|数)?|支出决算数?|决算数|预算执行数"
    r"|(?:(?:19|20)\d{2}年度?|本年度?|今年|上年度?|上一年度?|去年)(?:预算|决算)?(?:执行数|数)?(?:安排)?)(?:为|是|达)?$")


def _level_period(words: str, year: int | None, final: bool) -> str | None:
    """The period of a level phrase: budget (决算 documents: 年初/全年预算), prior, current."""
    w = _norm(words)
    if final and _BUDGET_WORDS.search(w) and "决算" not in w:
        return "budget"
    y = regex.search(r"((?:19|20)\d{2})年", w)
    if y and year is not None and int(y.group(1)) == year - 1:
        return "prior"
    if y and year is not None and int(y.group(1)) != year:
        return None  # some other year: not a level we can place
    if regex.search(r"上年|上一年|去年", w):
        return "prior"
    if "执行数" in w and not final:
        return "prior"
    return "current"


def extract_claims(doc: Document) -> list[Claim]:
    v = vocab()
    year = doc.meta.year
    final = doc.meta.doc_type == "决算"
    claims: list[Claim] = []
    statement_at = {(st.paragraph, q.pos): st for st in statements_of(doc) for q in st.quantities}
    for para in doc.paragraphs:
        text = para.text
        tokens = quantity_tokens(doc, para)
        listed = lists_of(doc, para)
        if not tokens and not any(w in text for w in v.flat_words):
            continue
        topic: Claim | None = None  # first level claim of the paragraph
        fsub = _func_subject(text)
        sent_start = 0
        sent_no = 0
        last_in_sentence: Claim | None = None
        stack: list[Claim] = []
        prev_end = 0
        flats_done: set[int] = set()

        def new_sentence(upto: int):
            nonlocal sent_start, sent_no, last_in_sentence, stack, prev_end
            # the paragraph's sentences (linter.paragraphs) ended between sent_start and upto
            start = para.sentence_at(upto).start
            if start > sent_start:
                _flats(doc, para, text, sent_start, start, claims, topic, last_in_sentence, sent_no, flats_done)
                sent_start, sent_no = start, sent_no + 1
                last_in_sentence, stack = None, []
                prev_end = max(prev_end, sent_start)

        def subject(upto: int) -> Claim | None:
            subj = last_in_sentence or topic
            # after 主要原因 / 主要用于 the text speaks of something else (项目支出增加，较上年增加…)
            if subj is not None and _DIGRESSION.search(text, subj.pos, upto):
                return None
            return subj

        for tok in tokens:
            new_sentence(tok.start)
            floor = max(prev_end, sent_start)
            lst = listed.get(tok.start)
            if lst is not None:  # A、B分别为X、Y: X is read as A为X
                cstart, clause = lst.subject_start, lst.prefix
            else:
                cstart = clause_start(text, tok.start, floor, DELIMS)
                clause = text[cstart:tok.start]
                if not clause.strip() and cstart > floor and text[cstart - 1] in "：:":
                    cstart = clause_start(text, cstart - 1, floor, DELIMS)  # 机关运行经费：77.96万元
                    clause = text[cstart:tok.start].rstrip("：: ")
                clause = unframed(clause, doc)  # 在住房公积金（项）中安排X: the 项 is the subject
            relation, sign, word = "amount", 0, ""
            share_period = "current"
            m = _change_tail().search(clause)
            head = clause
            if m:
                relation, word = "change", m.group(1)
                sign = v.change_words[word]
                head = _BASE_TAIL.sub("", clause[: m.start()])
            period_words = None
            if relation == "amount":
                # 由X增加到Y: Y is the current level, X (read below) last year's
                mt = regex.search(r"(增加|增长|上升|提高|减少|下降|降低)(?:到|至)\s*$", clause)
                if mt:
                    word, sign = mt.group(1), v.change_words[mt.group(1)]
                    head = clause[: mt.start()]
                    period_words = "本年"
            if tok.kind == "points":
                relation = "change" if m else "points"
            denominator = None
            if tok.kind == "percent" and relation == "amount":
                zhan = head.rfind("占")
                if "完成" in head and zhan < 0:
                    relation = "rate"  # 完成年初预算的98.20%: 决算 / 预算
                    head = ""
                elif zhan < 0:
                    prev_end = tok.end
                    continue
                else:
                    relation = "share"
                    den = match_item(regex.sub(r"(的|比重|比例|总额的?)+$", "", head[zhan + 1:]))
                    denominator = den[0] if den else None
                    head = head[:zhan].removesuffix("所")  # 基本支出所占比例为: 所 is the share's word
                    # 上年占比为65.0%: last year's share
                    share_period = _period(head, year)
            if relation == "amount" and period_words is None:
                mf = regex.search(r"(?:由|从)\s*$", head)
                if mf:
                    head = head[: mf.start()]
                    period_words = "上年"
            found = match_item(head)
            if not found:
                # 其中购置费…，运行维护费…: a part of the open 其中 scope named by its name's tail
                between = text[max(prev_end, sent_start):tok.start]
                scope = last_in_sentence if last_in_sentence is not None and _PART.search(between) \
                    else (stack[-1] if stack else None)
                if scope is not None:
                    found = match_part(head, scope.item)
                elif last_in_sentence is not None:  # 公务用车购置费0万元，运行维护费2.00万元: a sibling
                    item = last_in_sentence.item
                    hits = {m for w in v.parents.get(item, ()) if any(item in d for d in v.compositions.get(w, []))
                            and (m := match_part(head, w))}
                    found = hits.pop() if len(hits) == 1 else None
            if found and _glued(head, found):
                found = None  # …缴费支出预算 / “三公”经费财政拨款: a longer name's tail, not the item
            if not found and relation == "amount":
                bare = _without_gloss(head)  # 机关运行经费（保障机关日常运转的公用经费）为X万元
                found = match_item(bare) if bare is not None else None
                if found and _glued(bare, found):
                    found = None
            fp = func_path(head)
            if found and fp and found[1] <= len(_norm(head[fp[1]:])) - len(_norm(_FUNC_TAIL.sub("", head[fp[1]:]))):
                found = None  # …缴费支出（项）支出预算10.4万元: the 科目 is the subject, 支出预算 its tail
            elif found:
                fp = None
            if not found and not fp and relation == "amount":
                ms = _SPLIT_LEVEL.search(_norm(head))
                if ms and ms.start() > 0:
                    # “三公”经费财政拨款支出年初预算为0.95万元: the item, then the level word
                    pre = _norm(head)[: ms.start()]
                    found = match_item(pre) or None
                    if found and _glued(pre, found):
                        found = None
                    fp = None if found else func_path(pre)
                    if found or fp:
                        period_words = ms.group(1)
            # the 科目 named in brackets after the amount (资金68.26万元（“A-B-C”科目）): the
            # amount is that 科目's; a 基本支出 / 项目支出 so named is that 科目 row's part
            after = _bracket_path(text, tok.end) if relation == "amount" else None
            bracket_scope = None
            if after is not None:
                path, at = after
                if found and _scoped_item(found[0]):
                    bracket_scope = Scope(item_name(FUNC + "/".join(path)), _func_scope_rows(doc, path))
                else:
                    found, fp, period_words = None, (path, at - cstart), None
            if not found and not fp and relation == "amount" and fsub is None and _LEVEL_HEAD.match(_norm(head)) \
                    and subject(tok.start) is None:
                # 用于保障机关日常运转的机关运行经费，2020年决算130,300元: the clause before names the item
                lead = _lead_clause_item(text, max(prev_end, sent_start), cstart)
                if lead is not None:
                    found, period_words = lead, head
            # a part marker between the previous claim and this one opens a 其中 scope
            between = text[max(prev_end, sent_start):tok.start]
            if last_in_sentence is not None and _PART.search(between):
                if not stack or stack[-1] is not last_in_sentence:
                    stack.append(last_in_sentence)
            item_span = None
            if found:
                item, n, end = found
                if period_words is None:
                    item_span = _span_of_suffix(para, cstart, head, n, end)
            elif fp:
                item = FUNC + "/".join(fp[0])
                if period_words is None:
                    ln, s0 = para.locate(cstart + fp[1])
                    item_span = (ln, s0, s0 + 1)
            elif relation in ("change", "share", "points", "rate") or period_words is not None or (
                    relation == "amount" and head.strip() and _LEVEL_HEAD.match(_norm(head))):
                # 比上年增加3.00万元 / 上年预算10.00万元 / 支出决算为…: the sentence's (or the
                # paragraph's 科目) subject, possibly another period
                subj = subject(tok.start)
                if subj is not None and relation == "amount" and _renamed(statement_at.get((para.index, tok.start)), subj):
                    subj = None  # （1）【201】一般公共服务支出占81.0%，为74.61万元: not the topic's
                if subj is None and fsub is not None:
                    item = FUNC + "/".join(fsub)
                elif subj is None:
                    prev_end = tok.end
                    continue
                else:
                    item = subj.item
                if relation == "amount" and period_words is None:
                    period_words = head
            else:
                prev_end = tok.end
                continue
            line, s, e = para.span(tok.start, tok.end)
            base = ""
            if relation == "change":
                bm = None
                for bm in _BASE.finditer(text, sent_start, tok.start):
                    pass
                if bm is None:
                    for bm in _BASE.finditer(text, 0, tok.start):
                        pass
                base = regex.sub(r"\s+", "", bm.group(1)) if bm else "上年"
            if relation == "share":
                period = share_period if share_period == "prior" else "current"
            elif relation != "amount":
                period = "current"
            elif period_words is not None:
                period = _level_period(period_words, year, final)
                if period is None:
                    prev_end = tok.end
                    continue
            else:
                # item names that hold a period word are this year's money (上年结转): statements.json period_item_words
                period = _period(roles().period_items.sub(lambda m: " " * len(m.group()), clause), year)
            if final and relation == "amount" and period == "current" and _budget_role(statement_at, para.index, tok.start):
                period = "budget"  # 预算28.71万元，决算28.22万元: the statement's budget, not its actual
            c = Claim(
                index=len(claims), item=item, relation=relation, value=tok.number, unit=tok.unit,
                line=line, start=s, end=e, text=tok.text, sentence=text[sent_start:para.sentence_at(tok.start).end],
                paragraph=para.index, sentence_no=sent_no, period=period, sign=sign, word=word, base=base,
                denominator=denominator, item_span=item_span, paragraph_text=text, pos=tok.start,
                topic=topic.index if topic is not None else None,
            )
            c.scope = bracket_scope
            # parent: innermost open 其中 scope this item belongs to (a change stated right
            # after an amount is about that amount, not a part of the scope)
            if not (stack and c.relation != stack[-1].relation):
                while stack and not _fits(c, stack[-1]):
                    stack.pop()
                if stack:
                    c.parent = stack[-1].index
            claims.append(c)
            if (found or fp) and relation == "amount" and topic is None and period == "current":
                topic = c
            if found or fp or relation == "amount":
                last_in_sentence = c
            prev_end = tok.end
        # flats in the last sentence(s)
        _flats(doc, para, text, sent_start, len(text), claims, topic, last_in_sentence, sent_no, flats_done)
    _assign_scopes(doc, claims)
    return claims


# （“一般公共服务支出-财政事务-信息化建设”科目） right after an amount: the 科目 it is charged to
_BRACKET_PATH = regex.compile(r"\s*[（(]\s*(?:[“\"「](?P<q>[^“”\"「」（）()]{3,90})[”\"」]\s*(?:科目)?"
                              r"|(?P<u>[^“”\"「」（）()，,；;。]{3,90}?)\s*科目)\s*[）)]")
_GLOSS = regex.compile(r"[（(](?P<words>[^（）()]*)[）)](?P<tail>[^（）()]*)$")


def _bracket_path(text: str, end: int) -> tuple[tuple[str, ...], int] | None:
    """(科目 path, where the bracket opens) for a 科目 path in brackets right after an amount."""
    m = _BRACKET_PATH.match(text, end)
    if not m:
        return None
    words = m.group("q") or m.group("u")
    fp = func_path(f"“{words.strip()}”科目")
    return (fp[0], m.start()) if fp else None


def _scoped_item(item: str) -> bool:
    """An item that a 科目 row shows as one of its columns (基本支出, 项目支出, 人员经费 …)."""
    spec = vocab().items.get(item, {})
    return any(k != "合计" for f in ("expense_columns", "basic_columns") for k in spec.get(f, []))


def _without_gloss(head: str) -> str | None:
    """The words before an amount without a bracketed gloss after the item (机关运行经费（保障机关
    日常运转的公用经费）为): a bracket of words that is no 科目 marker, code or amount."""
    m = _GLOSS.search(head)
    if not m:
        return None
    words = m.group("words")
    if len(regex.findall(r"\p{Han}", words)) < 4 or regex.search(r"\d", words):
        return None
    if _qualifiers().search(words):
        return None  # 项目支出（不含上年结转）: a qualifier makes it another figure, not a gloss
    return head[:m.start()] + m.group("tail")


@lru_cache(maxsize=None)
def _qualifiers() -> regex.Pattern:
    return regex.compile(load_json("items.json")["gloss_qualifiers"])


@lru_cache(maxsize=None)
def _purpose_lead() -> regex.Pattern:
    return regex.compile(load_json("items.json")["purpose_lead"])


def _lead_clause_item(text: str, floor: int, cstart: int) -> tuple[str, int, int] | None:
    """The item a number-free clause right before a level clause names whole, once a purpose
    (用于保障机关日常运转的) is peeled off: 用于保障机关日常运转的机关运行经费，2020年决算130,300元."""
    if cstart - 1 <= floor or text[cstart - 1] not in "，,":
        return None
    start = clause_start(text, cstart - 1, floor, DELIMS)
    if text[floor:start].strip(DELIMS + " \t"):
        return None  # another clause came first (after the sentence's start or the last number)
    words = text[start:cstart - 1]
    if regex.search(r"\d", words):
        return None
    words = roles().numbering.sub("", words, count=1)
    words = _purpose_lead().sub("", words, count=1)
    found = match_item(words)
    if found is None or found[2] - found[1] != 0 or _glued(words, found):
        return None  # the item must be all the clause names
    return found


def _budget_role(statement_at: dict, paragraph: int, pos: int) -> bool:
    """Whether the statement reader gives the amount at `pos` the budget's role."""
    st = statement_at.get((paragraph, pos))
    return st is not None and any(q.pos == pos and q.role == "budget" for q in st.quantities)


@lru_cache(maxsize=None)
def _bare() -> tuple[frozenset, str]:
    spec = load_json("items.json")["bare_synonyms"]
    return frozenset(_norm(x) for x in spec["synonyms"]), spec["before_ok"]


def _renamed(st, subj: Claim) -> bool:
    """Whether the statement a number is read in named a subject of its own after `subj` was
    stated, one that is not subj's item: the number is that subject's, not subj's."""
    if st is None or not st.key or not st.quantities or st.quantities[0].pos <= subj.pos:
        return False
    named = match_item(st.subject)
    return named is None or named[0] != subj.item


def _glued(head: str, found: tuple[str, int, int]) -> bool:
    """A generic synonym glued to the name before it (机关事业单位基本养老保险缴费支出预算)."""
    item, n, end = found
    s = _norm(head)
    synonym = s[end - n:end]
    bare, ok = _bare()
    if synonym not in bare or end - n <= 0:
        return False
    if regex.search(r"[（(【\[](?:\d{3,7}|\d{0,7}[类款项])[）)】\]]$", s[:end - n]):
        return True  # …缴费支出（项）支出预算 / …缴费支出（2080506）支出预算: the tail of the 科目 named before it
    before = s[end - n - 1]
    return bool(regex.match(r"\p{Han}", before)) and before not in ok


def _fits(c: Claim, parent: Claim) -> bool:
    if c.relation != parent.relation and not (c.relation == "change" and parent.relation == "change"):
        return False
    if c.item == parent.item:
        return False
    known = c.item in vocab().parents
    return is_part_of(c.item, parent.item) if known else True


def _span_of_suffix(para: Paragraph, cstart: int, head: str, nnorm: int, target_end: int) -> tuple[int, int, int]:
    """The span in the text of a synonym that ends at `target_end` of the normalised head."""
    idx = [k for k, ch in enumerate(head) if ch not in QUOTES and not ch.isspace()]
    end_h = idx[target_end - 1] + 1 if target_end and target_end - 1 < len(idx) else len(head)
    start_h = idx[target_end - nnorm] if target_end - nnorm >= 0 and target_end - nnorm < len(idx) else 0
    return para.span(cstart + start_h, cstart + end_h)


def _flats(doc, para, text, start, end, claims, topic, last, sent_no, done):
    """持平 statements in text[start:end]: a flat claim on the item named before it."""
    v = vocab()
    for w in v.flat_words:
        for m in regex.finditer(regex.escape(w), text[start:end]):
            pos = start + m.start()
            if pos in done:
                continue
            done.add(pos)
            cstart = clause_start(text, pos, start, DELIMS)
            head = regex.sub(r"(?:较|比|与|同比|相比|对比)\s*(?:上年度?|去年|上一年|(?:19|20)\d{2}\s*年度?)?\s*(?:预算|决算)?(?:数)?(?:相比|比较)?\s*$",
                             "", text[cstart:pos])
            found = match_item(head) or mention(head)
            subj = None
            if found:
                item = found[0]
            else:
                subj = None
                for c in reversed(claims):
                    if c.paragraph == para.index and c.sentence_no == sent_no and c.relation == "amount" and c.pos < pos:
                        subj = c
                        break
                subj = subj or topic
                if subj is None:
                    continue
                item = subj.item
            line, s = para.locate(pos)
            bm = None
            for bm in _BASE.finditer(text, start, pos):
                pass
            claims.append(Claim(
                index=len(claims), item=item, relation="flat", value=None, unit=None, line=line, start=s,
                end=s + len(w), text=w, sentence=text[start:end], paragraph=para.index, sentence_no=sent_no,
                word=w, base=regex.sub(r"\s+", "", bm.group(1)) if bm else "上年", paragraph_text=text, pos=pos,
            ))


# --- scopes: parts stated under a specific subject ------------------------------------------

@dataclass(frozen=True, eq=False)  # one object per list: parts of the same list share it
class Scope:
    """The specific subject (a 科目, a table row, a project) a list of parts is stated under:
    社会保障和就业（类）…（项）26.07万元，其中：基本支出26.07万元，项目支出0万元 — the 基本支出
    there is that 科目's, not the document's."""

    name: str  # the subject as the text names it
    rows: tuple = ()  # ((table, data row index), …): the rows of the tables that show it (none: nothing to compare)


def _assign_scopes(doc: Document, claims: list[Claim]) -> None:
    """A canonical item stated in a list of parts (其中 / 包括 / 分别 …, linter.statements' head)
    whose nearest named head is a specific subject inherits that subject as its scope. A head
    that is itself a canonical item (基本支出 under 支出合计) passes the question to its own head;
    a head that names the whole (支出总计, 一般公共预算支出) leaves the part the document's."""
    sts = statements_of(doc)
    at = {(st.paragraph, q.pos): st for st in sts for q in st.quantities}
    claim_at = {(c.paragraph, c.pos): c for c in claims}
    memo: dict[int, Scope | None] = {}
    for c in claims:
        if c.item.startswith(FUNC) or c.scope is not None:
            continue  # a 科目 is its own subject; a 科目 named in brackets after it was read already
        st = at.get((c.paragraph, c.pos))
        if st is None or st.head is None:
            continue
        c.scope = _scope_of(doc, sts, st.head, claim_at, memo)


def _scope_of(doc: Document, sts, index: int, claim_at: dict, memo: dict) -> Scope | None:
    seen: set[int] = set()
    i: int | None = index
    while i is not None and i not in seen:
        if i in memo:
            return memo[i]
        seen.add(i)
        head = sts[i]
        kind = _subject_kind(doc, head, claim_at)
        if kind == "whole":
            i = head.head
            continue
        for j in seen:
            memo[j] = kind
        return kind
    return None


_AMOUNT_TEXT = regex.compile(r"\d[\d,，.]*\s*(?:万元|亿元|千元|元|%)")


@lru_cache(maxsize=None)
def _specific_words() -> regex.Pattern:
    return regex.compile(load_json("statements.json")["specific_subject"])


def _subject_kind(doc: Document, st, claim_at: dict) -> "Scope | str | None":
    """A statement's subject as the head of a list: a Scope when it names a 科目, a table row or
    a project; "whole" when it is a canonical item (look further up); None when it is neither."""
    from .tablelinks import hits_for

    claims = [claim_at[(st.paragraph, q.pos)] for q in st.quantities if (st.paragraph, q.pos) in claim_at]
    func = next((c.item for c in claims if c.item.startswith(FUNC)), None)
    if func is not None:
        return Scope(item_name(func), _func_scope_rows(doc, tuple(func[len(FUNC):].split("/"))))
    subject = st.subject
    if not subject or not st.quantities or st.key in roles().generic:
        return None
    # the clause as printed (科目 / 项目 may be peeled off the subject as role words)
    first = st.quantities[0].pos
    words = st.text[clause_start(st.text, first):first]
    words = _AMOUNT_TEXT.split(words)[-1]  # 支出决算2,125.01万元（基本支出: the words after an amount
    specific = bool(_specific_words().search(_norm(subject)) or _specific_words().search(_norm(words)))
    if not specific and claims:
        return "whole" if any(c.relation == "amount" for c in claims) else None
    rows = _label_rows(hits_for(doc, subject))
    if rows is None:
        return Scope(subject) if specific else None
    return Scope(subject, rows)


def _label_rows(hits) -> tuple | None:
    """The data rows (not a total, not a column's header) of a subject's label hits; () when a
    table has several rows of that label (which one the text means is unknown); None for none."""
    by_table: dict[int, list] = {}
    tables = {}
    for h in hits:
        t = h.table
        if h.label.row < t.header_rows or _label(h.label.text) in ("合计", "总计", "小计"):
            continue
        k = next((k for k, r in enumerate(t.data_rows()) if any(x is h.label for x in r)), None)
        if k is None:
            continue
        if t.kind != "project_expense" and not (k < len(t.row_info) and t.row_info[k].code):
            continue  # only a 科目 row or a project's row names one specific subject (本年支出 is the whole)
        tables[t.index] = t
        rows = by_table.setdefault(t.index, [])
        if k not in rows:
            rows.append(k)
    if not by_table:
        return None
    if any(len(rows) > 1 for rows in by_table.values()):
        return ()
    return tuple((tables[k], rows[0]) for k, rows in by_table.items())


def _func_scope_rows(doc: Document, path: tuple[str, ...]) -> tuple:
    """Every table row of a 科目 path (its code, as the classified tables name it)."""
    index = doc.cached("func_index", func_index)
    codes = {code for code, p in index.items() if p == path}
    if not codes:  # 住房保障支出（款） for 住房改革支出: the one code of that depth with the same 类 and 项 names
        top = path[0].removesuffix("支出")
        codes = {code for code, p in index.items() if len(p) == len(path) and p[-1] == path[-1]
                 and (p[0].removesuffix("支出").endswith(top) or top.endswith(p[0].removesuffix("支出")))}
        if len(codes) != 1:
            return ()
    return tuple((t, k) for t in doc.tables for k, info in enumerate(t.row_info) if info.code in codes)


# the columns of a 科目 row that hold an item's part of it, by table kind
_SCOPE_FIELDS = {
    **{k: ("expense_columns",) for k in ("budget_expense", "final_expense", "budget_fiscal_expense")},
    **{k: ("expense_columns", "gpb_columns") for k in ("budget_gpb_expense", "final_gpb_expense")},
    **{k: ("basic_columns",) for k in ("budget_gpb_basic", "final_gpb_basic", "budget_fiscal_basic")},
    **{k: ("income_columns",) for k in ("budget_income", "final_income")},
}


def scoped_facts(doc: Document, claim: Claim) -> list["Fact"]:
    """The cells that show a scoped part: its item's column in the rows of its scope (a 科目
    row's 基本支出 / 项目支出 cells). None when no table has such a row and column."""
    if claim.scope is None or claim.period != "current":
        return []
    spec = vocab().items.get(claim.item, {})
    units = [t.unit for t in doc.tables if t.unit]
    doc_unit = max(set(units), key=units.count) if units else "万元"
    out = []
    for table, k in claim.scope.rows:
        row = table.data_rows()[k]
        keys = [k for fld in _SCOPE_FIELDS.get(table.kind, ()) for k in spec.get(fld, [])]
        for key in keys:
            cols = table.column_index(key)
            if not cols:
                continue
            cell = _cell_in(row, cols[0])
            if cell is None or cell.number is None and not (cell.blank or cell.dash):
                continue
            number = _amount(cell)
            if number is None:
                continue
            info = table.row_info[k] if k < len(table.row_info) else None
            name = f"{info.code} {info.name}" if info is not None and info.name else _label(row[0].text)
            out.append(Fact(claim.item, number, _unit(table, doc_unit), table, cell,
                            f"《{table.label()}》{name}「{table.column_labels[cols[0]] or key}」",
                            gpb_only=table.kind in GPB_KINDS or "basic" in table.kind, exact=number is ZERO))
            break
    return out


# --- ledger -------------------------------------------------------------------------------

@dataclass
class Fact:
    item: str
    number: Number
    unit: str
    table: Table
    cell: Cell | None
    where: str  # human description: 《部门预算收支总表》「收入总计」
    gpb_only: bool = False  # read from a table of 一般公共预算 money only
    proxy: bool = False  # a related figure standing in (机关运行经费 ← 公用经费)
    period: str = "current"
    exact: bool = False  # a blank cell or an empty table: exactly nothing
    sum_of: tuple = ()  # facts this one adds up (no cell of its own)

    def yuan(self) -> Interval:
        f = UNIT_FACTOR.get(self.unit, Decimal(10000))
        if self.exact:
            return Interval.exact(self.number.value * f)
        if self.sum_of:
            total = Interval.exact(Decimal(0))
            for part in self.sum_of:
                total = total + part.yuan()
            return total
        return Interval(self.number.low * f, self.number.high * f)

    def to_json(self) -> dict:
        return {"item": self.item, "name": item_name(self.item), "value": str(self.number.value),
                "decimals": self.number.decimals, "unit": self.unit, "table": self.table.index,
                "table_title": self.table.label(), "line": self.cell.line if self.cell else self.table.first_line,
                "column": self.cell.column if self.cell else None, "where": self.where,
                "gpb_only": self.gpb_only, "proxy": self.proxy, "period": self.period}


_NUMBERING = regex.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.．、]\s*)")


def _label(text: str) -> str:
    return _norm(_NUMBERING.sub("", text))


def _amount(cell: Cell | None) -> Number | None:
    return ZERO if cell is None else cell.amount


_cell_in = cell_at


def _unit(table: Table, doc_unit: str) -> str:
    return table.unit or doc_unit


def _total_row(table: Table) -> list[Cell] | None:
    for row in table.data_rows():
        for c in row[:4]:  # 合计 | … or 类 | 款 | 项 | 合计 | 2,946.25
            if _label(c.text) in ("合计", "总计"):
                return row
    return None


# tables whose rows are 支出功能分类科目, and the column holding a row's amount
FUNC_TABLES = {"budget_income": "income", "budget_expense": "expense", "budget_gpb_expense": "gpb",
               "budget_fund": "fund", "budget_soe": "soe", "final_income": "income", "final_expense": "expense",
               "final_gpb_expense": "gpb", "budget_fiscal_expense": "fiscal_expense"}
GPB_KINDS = ("budget_gpb_expense", "final_gpb_expense")


def func_index(doc: Document) -> dict[str, tuple[str, ...]]:
    """code -> (类 name, 款 name, 项 name) over every functional-classification table."""
    names: dict[str, str] = {}
    for t in doc.tables:
        if t.kind in FUNC_TABLES:
            for info in t.row_info:
                if info.level and info.name and info.code not in names:
                    names[info.code] = _norm(info.name)
    out = {}
    for code in names:
        if len(code) in (3, 5, 7) and code[:3] in names:
            path = [names[code[:3]]]
            if len(code) >= 5:
                if code[:5] not in names:
                    continue
                path.append(names[code[:5]])
            if len(code) == 7:
                path.append(names[code])
            out[code] = tuple(path)
    return out


def build_ledger(doc: Document) -> dict[str, list[Fact]]:
    v = vocab()
    items = v.items
    units = [t.unit for t in doc.tables if t.unit]
    doc_unit = max(set(units), key=units.count) if units else "万元"
    ledger: dict[str, list[Fact]] = {}

    def add(item, number, table, cell, where, **kw):
        if number is None:
            return
        facts = ledger.setdefault(item, [])
        period = kw.get("period", "current")
        if any(f.table is table and f.period == period for f in facts):
            return  # first occurrence in a table wins (later rows repeat labels, e.g. 年初结转)
        exact = number is ZERO
        facts.append(Fact(item, number, _unit(table, doc_unit), table, cell, where, exact=exact, **kw))

    def by_row_labels(table: Table, keys: list[str], label_key: str = "row_labels", fallback: bool = True, **kw):
        for item in keys:
            spec = items[item]
            for labels in (spec.get(label_key, []), spec.get("fallback_row_labels", []) if fallback else []):
                done = False
                norm_labels = [_norm(x) for x in labels]
                for row in table.data_rows():
                    for i, c in enumerate(row):
                        if c.number is not None or not c.text.strip():
                            continue
                        if _label(c.text) in norm_labels:
                            nxt = row[i + 1] if i + 1 < len(row) else None
                            if nxt is not None and not (nxt.blank or nxt.dash or nxt.number is not None):
                                continue
                            add(item, _amount(nxt), table, nxt or c, f"《{table.label()}》「{_label(c.text)}」", **kw)
                            done = True
                            break
                    if done:
                        break
                if done:
                    break

    def by_total_row(table: Table, field: str, **kw):
        row = _total_row(table)
        if row is None:
            return
        for item, spec in items.items():
            for key in spec.get(field, []):
                cols = table.column_index(key)
                if cols:
                    cell = _cell_in(row, cols[0])
                    add(item, _amount(cell), table, cell or row[0],
                        f"《{table.label()}》合计行「{table.column_labels[cols[0]] or key}」", **kw)
                    break

    income_items = [k for k, s in items.items() if "income_columns" in s]
    for table in doc.tables:
        kind = table.kind
        if kind in ("budget_summary", "final_summary"):
            by_row_labels(table, income_items + ["支出合计"] + (["收支总计"] if kind == "final_summary" else []))
        elif kind in ("budget_fiscal_summary", "final_fiscal_summary"):
            by_row_labels(table, ["一般公共预算收入", "政府性基金收入", "国有资本经营收入"], fallback=False)
            _fiscal_expense(table, add, items)
            if kind == "final_fiscal_summary":
                by_row_labels(table, ["财政拨款收支总计"])
        elif kind in ("budget_income", "final_income"):
            by_total_row(table, "income_columns")
        elif kind in ("budget_expense", "final_expense"):
            by_total_row(table, "expense_columns")
        elif kind in GPB_KINDS:
            by_total_row(table, "gpb_columns", gpb_only=True)
        elif kind in ("budget_gpb_basic", "final_gpb_basic", "budget_fiscal_basic"):
            row = _total_row(table)
            if row is not None:
                by_total_row(table, "basic_columns", gpb_only=True)
                _class_split(table, ledger, _unit(table, doc_unit))
                cols = table.column_index("公用经费")
                if cols:
                    cell = _cell_in(row, cols[0])
                    add("机关运行经费", _amount(cell), table, cell or row[0],
                        f"《{table.label()}》合计行「{table.column_labels[cols[0]] or '公用经费'}」", gpb_only=True, proxy=True)
                else:
                    for f in ledger.get("公用经费", []):
                        if f.table is table:
                            add("机关运行经费", f.number, table, f.cell, f.where, gpb_only=True, proxy=True)
            else:
                # 人员经费合计 | 2,152.26 | 公用经费合计 | 184.65 (two side-by-side blocks)
                by_row_labels(table, ["人员经费", "公用经费"], gpb_only=True)
                for f in ledger.get("公用经费", []):
                    if f.table is table:
                        add("机关运行经费", f.number, table, f.cell, f.where, gpb_only=True, proxy=True)
                facts = [f for k in ("人员经费", "公用经费") for f in ledger.get(k, []) if f.table is table]
                if len(facts) == 2 and not ledger.get("一般公共预算基本支出"):
                    a, b = facts
                    total = Number(a.number.value + b.number.value, min(a.number.decimals, b.number.decimals))
                    ledger.setdefault("一般公共预算基本支出", []).append(Fact(
                        "一般公共预算基本支出", total, a.unit, table, a.cell, f"《{table.label()}》人员经费合计 + 公用经费合计",
                        gpb_only=True, sum_of=(a, b)))
        elif kind == "budget_operating":
            # 一般公共预算机关运行经费支出预算表: its 合计 is the 机关运行经费 itself
            row = _total_row(table)
            cols = table.column_index("机关运行经费") or table.column_index("合计") or table.column_index("金额")
            if row is not None and cols:
                cell = _cell_in(row, cols[0])
                add("机关运行经费", _amount(cell), table, cell or row[0],
                    f"《{table.label()}》合计行「{table.column_labels[cols[0]] or '机关运行经费'}」", gpb_only=True)
        elif kind in ("budget_three_public", "final_three_public"):
            _three_public(table, add, items, doc.meta.year)
        elif kind == "procurement":
            _procurement(table, add)
        elif kind == "assets":
            _assets(table, add)
        if kind in FUNC_TABLES:
            _func_rows(doc, table, add)
    # a dedicated 机关运行经费 column beats the 公用经费 stand-in
    facts = ledger.get("机关运行经费", [])
    if any(not f.proxy for f in facts):
        ledger["机关运行经费"] = [f for f in facts if not f.proxy]
    return ledger


def _class_split(table: Table, ledger: dict, unit: str) -> None:
    """人员经费 and 公用经费 of a 基本支出 table printed by economic class only (江苏: 301 / 302
    / 303 rows under one 金额 column, no 人员经费 column): the sums of their 类 rows, as
    linter/data/arithmetic.json `personnel_classes` composes them."""
    if any(f.table is table for k in ("人员经费", "公用经费") for f in ledger.get(k, [])):
        return
    cols = table.column_index("合计") or table.column_index("金额")
    if len(cols) != 1:
        return
    classes: dict[str, tuple[Cell, str]] = {}
    for row, info in zip(table.data_rows(), table.row_info):
        if len(info.code) == 3 and info.code not in classes:
            cell = _cell_in(row, cols[0])
            if cell is not None and cell.col == cols[0] and (cell.number is not None or cell.blank or cell.dash):
                classes[info.code] = (cell, info.name)
    if not classes:
        return
    for item, codes in load_json("arithmetic.json")["personnel_classes"].items():
        parts = [Fact(item, _amount(cell), unit, table, cell, f"《{table.label()}》{code} {name}", gpb_only=True)
                 for code, (cell, name) in classes.items() if code in codes]
        if not parts or any(p.number is None for p in parts):
            continue
        total = Number(sum((p.number.value for p in parts), Decimal(0)), min(p.number.decimals for p in parts))
        ledger.setdefault(item, []).append(Fact(
            item, total, unit, table, parts[0].cell,
            f"《{table.label()}》{' + '.join(p.where.split('》', 1)[1] for p in parts)}", gpb_only=True,
            sum_of=tuple(parts)))


def _fiscal_expense(table: Table, add, items):
    """财政拨款收支总表: the 支出 side's total row split by fund (合计 | 一般公共预算 | 政府性基金 | 国有资本经营)."""
    row = None
    for want in ("本年支出合计", "支出总计", "支出合计"):
        row = next((r for r in table.data_rows() if any(_label(c.text) == want for c in r)), None)
        if row is not None:
            break
    if row is None:
        return
    for item, spec in items.items():
        for key in spec.get("fiscal_columns", []):
            cols = [c for c in table.column_index(key) if c > 1]  # the 支出 side, not the 收入 label column
            if cols:
                cell = _cell_in(row, cols[0])
                if cell is not None and (cell.number is not None or cell.blank or cell.dash):
                    add(item, _amount(cell), table, cell,
                        f"《{table.label()}》支出合计「{table.column_labels[cols[0]] or key}」")


def _func_rows(doc: Document, table: Table, add):
    """Every 科目 row's 合计 as a fact keyed by its path (func:类/款/项)."""
    index = doc.cached("func_index", func_index)
    cols = table.column_index("合计") or table.column_index("小计") or table.column_index("金额")
    if not cols or not table.row_info:
        return
    for row, info in zip(table.data_rows(), table.row_info):
        path = index.get(info.code)
        if not path:
            continue
        cell = _cell_in(row, cols[0])
        if cell is None or cell.number is None and not (cell.blank or cell.dash):
            continue
        add(FUNC + "/".join(path), _amount(cell), table, cell,
            f"《{table.label()}》{info.code} {info.name}「{table.column_labels[cols[0]] or '合计'}」",
            gpb_only=table.kind in GPB_KINDS)


def _anchor(table: Table) -> Cell | None:
    rows = table.data_rows() or table.rows
    for row in rows:
        if row:
            return row[0]
    return None


def _three_public(table: Table, add, items, year: int | None = None):
    keys = ["三公经费", "因公出国费", "公务用车费", "公务用车购置费", "公务用车运维费", "公务接待费", "机关运行经费"]
    final = table.kind.startswith("final")
    periods = ("current", "budget") if final else ("current",)
    if table.is_empty():
        anchor = _anchor(table)
        for k in keys[:-1]:
            for period in periods:
                add(k, ZERO, table, anchor, f"《{table.label()}》（空表）", period=period)
        return
    # items as columns (one data row): column keys first, then header labels
    rows = [r for r in table.data_rows() if any(c.number is not None for c in r)]
    if not rows:
        return
    row = rows[0]

    def period_of(col: int) -> str | None:
        # a 决算 table shows 预算数 | 决算数 under each item
        lab = _norm(table.column_labels[col]) if col < len(table.column_labels) else ""
        y = regex.search(r"((?:19|20)\d{2})年", lab)
        if y and year is not None and int(y.group(1)) != year:
            return None  # 2024年预算数 | 2025年预算数 side by side: only this year's group
        if lab.endswith("决算数"):
            return "current"
        if lab.endswith("预算数") and final:
            return "budget"
        return None if final else "current"

    if final and _three_public_rows(table, add, items, keys, period_of):
        return
    for k in keys:
        cols = [i for key in items[k].get("three_public_columns", []) for i in table.column_index(key)]
        for period in periods:
            col = next((i for i in cols if period_of(i) == period), None)
            if col is not None:
                cell = _cell_in(row, col)
                add(k, _amount(cell), table, cell, f"《{table.label()}》「{table.column_labels[col] or table.columns[col]}」",
                    period=period)
    for k in keys:
        labels = [_norm(x) for x in items[k].get("column_labels", [])]
        for col, lab in enumerate(table.column_labels):
            parts = [_norm(p) for p in lab.split("/") if p]
            if parts and parts[-1] in ("预算数", "决算数"):
                parts = parts[:-1]
            last = parts[-1] if parts else ""
            period = period_of(col)
            if period is None:
                continue
            if last in labels and not (k == "三公经费" and any("机关运行" in p for p in parts)):
                if k == "公务用车费" and last == "小计" and not any("公务用车" in p for p in parts):
                    continue
                if k in ("公务用车购置费", "公务用车运维费") and last in ("购置费", "运行费", "运行维护费") \
                        and not any("公务用车" in p for p in parts):
                    continue
                cell = _cell_in(row, col)
                add(k, _amount(cell), table, cell, f"《{table.label()}》「{lab}」", period=period)


def _three_public_rows(table: Table, add, items, keys, period_of) -> bool:
    """Items as rows (项目 | 预算数 | 决算数, a 决算's “三公” table: 合计 / 1、因公出国（境）费 /
    （1）公务用车购置费 …): each item's row label (items.json row_labels) under each column whose
    label gives its period."""
    cols = [(i, p) for i in range(table.width) if (p := period_of(i)) is not None]
    if not cols:
        return False
    found = False
    for k in keys:
        labels = {_norm(x) for x in items[k].get("row_labels", [])}
        for row in table.data_rows():
            head = next((c for c in row if c.text.strip()), None)
            if head is None or head.number is not None or _label(head.text) not in labels:
                continue
            for col, period in cols:
                if col <= head.col:
                    continue
                cell = _cell_in(row, col)
                if cell is not None and (cell.number is not None or cell.blank or cell.dash):
                    add(k, _amount(cell), table, cell, f"《{table.label()}》「{_label(head.text)}」{table.column_labels[col]}",
                        period=period)
                    found = True
            break
    return found


def _procurement(table: Table, add):
    if table.is_empty():
        add("政府采购", ZERO, table, _anchor(table), f"《{table.label()}》（空表）")
        return
    total_row = None
    for pat in ("合计|总计", "小计"):
        for row in table.data_rows():
            if any(regex.search(pat, c.text) for c in row if c.number is None):
                total_row = row
                break
        if total_row:
            break
    if total_row is None:
        return
    for key in ("合计", "金额"):
        cols = table.column_index(key)
        if cols:
            cell = _cell_in(total_row, cols[0])
            if cell is not None and cell.number is not None:
                add("政府采购", cell.number, table, cell, f"《{table.label()}》合计「{key}」")
                return


def _assets(table: Table, add):
    cells = [c for r in table.data_rows() for c in r]
    if not any(c.number is not None for c in cells):
        add("固定资产", ZERO, table, _anchor(table), f"《{table.label()}》（空表）", period="prior_end")
        return
    row = None
    for r in table.data_rows():
        if any(regex.search(r"资产总额|资产合计|^合计$", _label(c.text)) for c in r if c.number is None):
            row = r
            break
    if row is None:
        return
    labels = list(table.column_labels) + [""] * table.width
    for c in table.meta_cells:
        if regex.search(r"价值|金额", c.text) and c.col < len(labels):
            labels[c.col] = c.text
    col = next((i for i, lab in enumerate(labels) if regex.search(r"价值|金额|账面", lab or "")), None)
    cell = _cell_in(row, col) if col is not None else None
    if cell is None or cell.number is None:
        nums = [c for c in row if c.number is not None]
        cell = next((c for c in reversed(nums) if c.number.decimals > 0), nums[-1] if nums else None)
    if cell is None:
        return
    add("固定资产", _amount(cell), table, cell, f"《{table.label()}》「资产总额」", period="prior_end")


# --- cached access, extract output ---------------------------------------------------------

def claims_of(doc: Document) -> list[Claim]:
    return doc.cached("claims", extract_claims)


def ledger_of(doc: Document) -> dict[str, list[Fact]]:
    return doc.cached("ledger", build_ledger)


def claims_json(doc: Document) -> dict:
    return {"claims": [c.to_json() for c in claims_of(doc)],
            "ledger": {k: [f.to_json() for f in fs] for k, fs in ledger_of(doc).items()}}


def claims_text(doc: Document) -> str:
    out = ["## Claims"]
    for c in claims_of(doc):
        rel = c.relation
        if rel == "change":
            rel = f"change {'+' if c.sign > 0 else '-' if c.sign < 0 else ''} vs {c.base} ({c.word})"
        elif rel == "share":
            rel = f"share of {item_name(c.denominator) if c.denominator else '?'}"
        elif rel == "flat":
            rel = f"flat vs {c.base}"
        parent = f" part of #{c.parent}" if c.parent is not None else ""
        parent += f" of 「{c.scope.name}」" if c.scope is not None else ""
        period = f" [{c.period}]" if c.period != "current" else ""
        out.append(f"  #{c.index} L{c.line}:{c.start + 1}-{c.end + 1} {item_name(c.item)} = {c.text.strip()} "
                   f"({rel}){period}{parent}")
    out += ["", "## Ledger"]
    for item, facts in ledger_of(doc).items():
        for f in facts:
            line = f.cell.line if f.cell else f.table.first_line
            flags = (" gpb-only" if f.gpb_only else "") + (" proxy" if f.proxy else "")
            out.append(f"  {item_name(item)} = {f.number}{f.unit}  {f.where} L{line}{flags}")
    return "\n".join(out)

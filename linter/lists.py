"""Respectively-lists: 「A、B分别为X、Y万元」 read as 「A为X万元」「B为Y万元」.

A list of subjects, then 分别 and the words every value shares (为, 增加, 比上年增长, 占支出总额的),
then as many values as subjects. A value printed without its unit (95.54、18.00万元) takes the
unit of the next value that has one. A clause that starts with 分别 and names no subjects of
its own (…，分别增加3.00万元、2.00万元) repeats the subjects of the list before it in the
sentence. Comparison words printed before 分别 (A、B较上年分别增加…) are shared words too, and so
are share words before a list of percentages (…，占支出总额的比重分别为a%和b% / 所占比例分别是 /
比重分别为). Subjects are split at 、 and, when that gives too few, at the conjunction that closes
the list (因公出国（境）费、公务用车购置及运行维护费和公务接待费).

分别 is one of the respectively words (statements.json respectively: 各是 / 各为 / 各占 / 依次为 /
各自为 too). A word printed once after the last subject may be every subject's (收入、支出总计各是
X、Y; 一般公共预算、政府性基金预算拨款收入依次为…). A run of bare numbers closed by a count
(各为3、5个) takes no money unit: it names no amount, but its subjects are the subjects of a list of
amounts later in the sentence (…，金额依次为X、Y万元).

Shares printed before their subject (88.16%（200.19万元）用于“一般公共服务支出”) are read the
same way: the percentage as 「A占88.16%」, the bracketed amount as A's.

Both readers of the narrative (linter.claims, linter.statements) read each listed value as if
it were printed right after its own subject and the shared words: `prefix` is that phrase,
`subject_start` where the subject is printed in the paragraph. Nothing is rewritten in the
text, so every span still points at what is printed.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import regex

from .cnnum import Token, counts, normalise
from .numbers import parse_number
from .vocab import load_json

_CLAUSE_END = "，,；;。：:！？!?"
_NUMBER = regex.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d%])")
_VALUE_SEP = regex.compile(r"\s*(?:、|，|,|和|及|与)\s*")
_KINDS = ("amount", "percent", "points")


@dataclass(frozen=True)
class Listed:
    token: Token  # the value (a token of its own when printed without a unit)
    subject: str  # its subject as printed
    subject_start: int  # offset of the subject in the paragraph
    prefix: str  # subject + the shared words: the phrase the value is read after
    group: int = -1  # the list it is in (where its 分别 is printed); -1 for a share printed before its subject


@lru_cache(maxsize=None)
def _words() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    d = load_json("statements.json")
    marker = regex.compile(d["respectively"])
    subject_seps = regex.compile(d["respectively_subject_seps"])
    base_tail = regex.compile(rf"(?:{d['base_phrase']})$")
    return marker, subject_seps, base_tail


@lru_cache(maxsize=None)
def _tails() -> tuple[regex.Pattern, regex.Pattern]:
    d = load_json("statements.json")
    return (regex.compile(rf"(?:{d['respectively_total_tail']})$"),
            regex.compile(rf"(?:{d['respectively_parallel_tail']})$"))


def _shared_tail(subject: str, last: str) -> str:
    """The words printed after the last subject that are this subject's too (收入、支出总计 →
    总计; 一般公共预算、政府性基金预算拨款收入 → 拨款收入), or ''."""
    total, parallel = _tails()
    m = total.search(last)
    if m and m.start() > 0 and not total.search(subject):
        return m.group()
    m = parallel.search(last)
    if m and m.start() > 0 and not subject.endswith(m.group()) and last[m.start() - 1] == subject[-1:]:
        return m.group()
    return ""


@lru_cache(maxsize=None)
def respectively_intro() -> regex.Pattern:
    """A respectively word with its copula (分别为 / 分别是 / 各是 / 各为 / 依次为): the words that
    open the values of a list whose subjects were named before them."""
    marker, _seps, _base = _words()
    return regex.compile(rf"(?:{marker.pattern})(?:为|是)")


def _split_subjects(words: str, n: int) -> list[tuple[int, str]] | None:
    """The n subjects of the list, with their offsets in `words`: split on 、 and, when that
    gives too few, on the conjunctions as well (社会保障和就业支出、卫生健康支出 keeps its 和).
    When there are more conjunctions than splits wanted (因公出国（境）费、公务用车购置及运行维护费
    和公务接待费: 及 is inside a name, 和 closes the list), the split is the one whose subjects
    all end in the same character, as the names of one list do; none when no single split does."""
    _marker, seps, _base = _words()
    commas = [m.span() for m in regex.finditer("、", words)]
    pieces = _cut(words, commas)
    if len(pieces) < n:
        joins = [m.span() for m in seps.finditer(words)]
        extra = n - len(pieces)
        if len(joins) == extra:
            choice = joins
        elif len(joins) > extra:
            fits = [c for c in combinations(joins, extra)
                    if len({p.strip()[-1:] for _o, p in _cut(words, sorted(commas + list(c)))}) == 1]
            if len(fits) != 1:
                return None
            choice = list(fits[0])
        else:
            return None
        pieces = _cut(words, sorted(commas + choice))
    if len(pieces) != n or any(not regex.search(r"\p{Han}", p) for _o, p in pieces):
        return None
    return [(o + len(p) - len(p.lstrip()), p.strip()) for o, p in pieces]


def _cut(words: str, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """`words` cut at the separator spans, each piece with its offset."""
    out, pos = [], 0
    for s, e in spans:
        out.append((pos, words[pos:s]))
        pos = e
    out.append((pos, words[pos:]))
    return out


@lru_cache(maxsize=None)
def _share_tail() -> regex.Pattern:
    return regex.compile(rf"(?:{load_json('statements.json')['respectively_share_phrase']})$")


_COPULA = regex.compile(r"^\s*(?:为|是|达)?\s*$")


def _share_phrase(words: str, after: str, values: list[Token]) -> int | None:
    """Where the share words end the words before 分别 (基本支出和项目支出占支出总额的比重分别为
    a%和b%; …，所占比例分别是a%、b%), when the values are percentages and 分别 is followed by
    no more than a copula: the share phrase is every subject's, not part of the last one."""
    if any(v.kind != "percent" for v in values) or not _COPULA.match(after):
        return None
    m = _share_tail().search(words)
    return m.start() if m else None


def _names_subject(words: str) -> bool:
    """Whether the words before 分别 name a subject, not only years and level words (上年, 预算数)."""
    from .statements import clean_subject  # statements reads lists: imported when first used

    return bool(words.strip()) and bool(clean_subject(words)[0])


def _values(text: str, norm: str, start: int, by_start: dict[int, Token]) -> list[Token]:
    """The run of values from `start`: tokens, and bare numbers that take the next unit."""
    out: list[Token | tuple[int, int]] = []
    pos = start
    while True:
        tok = by_start.get(pos)
        if tok is not None and tok.kind in _KINDS:
            out.append(tok)
            pos = tok.end
        else:
            m = _NUMBER.match(norm, pos)
            if not m:
                break
            out.append((m.start(), m.end()))
            pos = m.end()
        sep = _VALUE_SEP.match(norm, pos)
        if not sep or not (sep.end() in by_start or _NUMBER.match(norm, sep.end())):
            break
        pos = sep.end()
    while out and not isinstance(out[-1], Token):
        out.pop()  # a bare number after the last unit: not a value of the list
    tokens: list[Token] = []
    unit_of = None
    for v in reversed(out):
        if isinstance(v, Token):
            unit_of = v
            tokens.append(v)
            continue
        s, e = v
        n = parse_number(norm[s:e])
        if n is None:
            return []
        tokens.append(Token(unit_of.kind, s, e, text[s:e], n, unit_of.unit))
    tokens.reverse()
    return tokens


def _count_run(text: str, norm: str, start: int, tokens: list[Token]) -> int:
    """How many counts a run from `start` lists (3、5个 / 3个、5个 / 3个和5个): bare numbers
    and counts separated like values, the last one a count; 0 when the run is not one."""
    at = {c.start: c for c in counts(text, tokens)}
    n, pos, closed = 0, start, False
    while True:
        c = at.get(pos)
        if c is not None:
            pos, closed = c.end, True
        else:
            m = _NUMBER.match(norm, pos)
            if not m:
                break
            pos, closed = m.end(), False
        n += 1
        sep = _VALUE_SEP.match(norm, pos)
        if not sep or not (sep.end() in at or _NUMBER.match(norm, sep.end())):
            break
        pos = sep.end()
    return n if closed else 0


_LIST_JOIN = regex.compile(r"^\s*(?:、|和|及|与)\s*")


def _named_amounts_before(text: str, tokens: list[Token], cs: int, n: int) -> list[tuple[int, str]] | None:
    """The subjects of the n amounts listed right before the clause at `cs`, each printed after
    its own subject and joined by 、 / 和 (人员经费120.00万元、公用经费30.00万元，…): the whole run,
    ending in the clause before, or None (a longer run, an amount in another clause, a subject
    that is not one)."""
    from .statements import clean_subject  # statements reads lists: imported when first used

    if cs == 0 or text[cs - 1] not in "，,":
        return None
    before = [t for t in tokens if t.end <= cs and t.kind in _KINDS]
    run = []
    end = cs - 1
    for t in reversed(before):
        if text[t.end:end].strip():
            break  # words between this amount and what follows it: not the run's
        start = t.start
        while start > 0 and text[start - 1] not in _CLAUSE_END and not _LIST_JOIN.match(text[start - 1]):
            start -= 1
        if any(x.end > start and x.end <= t.start for x in before):
            break  # another number inside the words: no subject of its own
        subject, off = clean_subject(text[start:t.start])
        if not subject or t.kind != "amount":
            break
        run.append((start + off, subject))
        if start == 0 or not _LIST_JOIN.match(text[start - 1]):
            break  # the run opens its clause
        end = start - 1
    if len(run) != n or text[run[-1][0] - 1:run[-1][0]] in "、和及与":
        return None
    return list(reversed(run))


def read_lists(text: str, tokens: list[Token]) -> dict[int, Listed]:
    """Every listed value of a paragraph, by the offset where it starts."""
    marker, _seps, base_tail = _words()
    out: dict[int, Listed] = {}
    if not marker.search(text):
        return out
    norm = normalise(text)
    by_start = {t.start: t for t in tokens}
    last: tuple[int, list[tuple[int, str]]] | None = None  # (sentence end, subjects) of the list before
    for m in marker.finditer(text):
        # the shared words after 分别, up to the first value of the clause
        first = next((t for t in tokens if t.start >= m.end() and t.kind in _KINDS), None)
        bare = _NUMBER.search(norm, m.end())
        vstart = min([x for x in (first.start if first else None, bare.start() if bare else None) if x is not None],
                     default=None)
        if vstart is None or any(ch in _CLAUSE_END for ch in text[m.end():vstart]) or vstart - m.end() > 20:
            continue
        values = _values(text, norm, vstart, by_start)
        counted = 0 if len(values) >= 2 else _count_run(text, norm, vstart, tokens)
        if len(values) < 2 and counted < 2:
            continue
        cs = m.start()
        while cs > 0 and text[cs - 1] not in _CLAUSE_END:
            cs -= 1
        words = text[cs:m.start()]
        shared = ""
        b = base_tail.search(words)
        if b and b.end() - b.start() > 1:
            words, shared = words[:b.start()], b.group()
        if counted:
            # 货物类、服务类项目各为3、4个，金额依次为…: the counts name no amount, but their
            # subjects are the subjects of the list of amounts after them
            subjects = _split_subjects(words, counted) if _names_subject(words) else None
            if subjects is not None:
                last = (m.end(), [(cs + o, s) for o, s in subjects])
            continue
        s = _share_phrase(words, text[m.end():vstart], values)
        if s is not None:  # 占支出总额的比重分别为a%和b% / 所占比例分别是 / 比重分别为: the share words are shared
            words, shared = words[:s], words[s:] + shared
        shared += text[m.end():vstart]
        if _names_subject(words):
            subjects = _split_subjects(words, len(values))
            if subjects is None:
                continue
            subjects = [(cs + o, s) for o, s in subjects]
        elif last is not None and len(last[1]) == len(values) \
                and not any(ch in "。！？!?" for ch in text[last[0]:m.start()]):
            # …，预算数分别为18.00万元、19.00万元 / 上年分别为…: the subjects of the list before
            subjects, shared = last[1], words + shared
        elif (named := _named_amounts_before(text, tokens, cs, len(values))) is not None:
            # 人员经费120.00万元、公用经费30.00万元，各占基本支出的80.0%、20.0%: the subjects of
            # the amounts listed right before
            subjects, shared = named, words + shared
        else:
            continue
        last = (m.end(), subjects)
        final = subjects[-1][1]
        for tok, (at, subject) in zip(values, subjects):
            out[tok.start] = Listed(tok, subject, at, subject + _shared_tail(subject, final) + shared, m.start())
    return out


@lru_cache(maxsize=None)
def _share_first_words() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    d = load_json("statements.json")
    return (regex.compile(d["share_first_lead"]), regex.compile(d["share_first_link"]),
            regex.compile(d["share_first_use"]))


_BRACKET_OPEN = regex.compile(r"\s*[（(]\s*")
_BRACKET_CLOSE = regex.compile(r"\s*[)）]")


def read_share_first(text: str, tokens: list[Token]) -> dict[int, Listed]:
    """Shares printed before their subject: 「88.16%（200.19万元）用于“一般公共服务支出”」,
    「其中7.01%用于社会保障和就业支出」. A percentage that opens its clause (after nothing but
    其中 or an item number), optionally its amount in brackets, then 用于 and the subject up to
    the clause's end: the percentage is read as 「A占P%」 and the amount as 「A Y万元」."""
    lead, link, use = _share_first_words()
    out: dict[int, Listed] = {}
    if not use.search(text):
        return out
    norm = normalise(text)
    by_start = {t.start: t for t in tokens}
    for t in tokens:
        if t.kind != "percent":
            continue
        cs = t.start
        while cs > 0 and text[cs - 1] not in _CLAUSE_END:
            cs -= 1
        if not lead.match(text[cs:t.start]):
            continue
        pos = link.match(norm, t.end).end()
        amount = None
        o = _BRACKET_OPEN.match(norm, pos)
        a = by_start.get(o.end()) if o else None
        if a is not None and a.kind == "amount" and (c := _BRACKET_CLOSE.match(norm, a.end)):
            amount, pos = a, c.end()
        u = use.match(norm, pos)
        if not u:
            continue
        end = u.end()
        while end < len(text) and text[end] not in _CLAUSE_END and end not in by_start:
            end += 1
        words = text[u.end():end]
        subject = words.strip()
        if not regex.search(r"\p{Han}", subject) or end in by_start:
            continue  # 用于A 200.19万元: the amount after the subject is read in its own clause
        at = u.end() + len(words) - len(words.lstrip())
        out[t.start] = Listed(t, subject, at, subject + "占")
        if amount is not None:
            out[amount.start] = Listed(amount, subject, at, subject)
    return out


def lists_of(doc, para) -> dict[int, Listed]:
    """The paragraph's listed values: respectively-lists and shares printed before their
    subject (cached per document)."""
    cache = doc.cached("respectively_lists", lambda _doc: {})
    if para.index not in cache:
        found = read_share_first(para.text, para.numbers)
        found.update(read_lists(para.text, para.numbers))
        cache[para.index] = found
    return cache[para.index]


def quantity_tokens(doc, para) -> list[Token]:
    """The paragraph's amounts, percentages and points, with the listed values printed
    without a unit, in text order."""
    tokens = [t for t in para.numbers if t.kind in _KINDS]
    listed = lists_of(doc, para)
    if listed:
        have = {t.start for t in tokens}
        tokens = sorted(tokens + [x.token for x in listed.values() if x.token.start not in have],
                        key=lambda t: t.start)
    return tokens

"""Numbers in running Chinese text: what each number-looking run *is*.

`scan(text)` returns tokens over the text, each one of:

- ``amount``  an amount of money with its unit (元 / 千元 / 万元 / 亿元; a bare 万 after a
  number counts as 万元): ``107.54万元``, ``9,101.68万元``, ``２０万元``, ``一百零七点五四万元``,
  ``两千万元`` (read as 2000 万元)
- ``percent`` ``15.2%``; ``points`` ``3个百分点``
- ``year`` ``2025年`` / ``2025年度`` / ``2025 年``; ``date`` ``2024-12-31``, ``2024年12月31日``,
  ``2024年8月``; ``docno`` ``〔2024〕3号``, ``唐网办字【2024】2号``; ``period`` ``2021—2025年``,
  ``十四五``

A number is an amount only when a money unit follows it, so years, dates, document numbers,
telephone numbers and counts are never read as money; the other recognisers run first and
mask what they claim, so ``2083.68万元`` is an amount and never a year.

Offsets are character offsets into the text as given (full-width digits are translated
one-for-one, so offsets are unchanged).

Every family reads numbers in text here: the claim layer, the performance forms and their
rules. Besides `scan`: `quantity(text)` reads a target value with its comparison and unit
(≥98%, 不低于95%, ≤7万元, >1个, 1900元, 100) and `percentage(text)` a plain percentage;
`amount_after` finds the amount a phrase introduces (调整预算数 156.75万元) among the scanned
tokens; `rate_after` reads what an amount is the price of (10000元/台, 元/人/年); `fold`
writes full-width digits in ASCII for patterns that look at digits.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from .numbers import FULLWIDTH, Number, parse_number
from .vocab import load_json

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10000, "亿": 100000000}

UNIT_FACTOR = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}


@dataclass(frozen=True)
class Token:
    kind: str  # amount | percent | points | year | date | docno | period
    start: int
    end: int
    text: str
    number: Number | None = None
    unit: str | None = None  # 元 | 千元 | 万元 | 亿元 for amounts; % for percent
    year: int | None = None


_ARABIC = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"

PATTERNS = [
    ("docno", regex.compile(r"[〔\[【［(（]\s*(?:19|20)\d{2}\s*[〕\]】］)）]\s*(?:第?\s*\d+\s*号)?")),
    ("period", regex.compile(r"(?<![\d.])(?<!\d,)(?:19|20)\d{2}\s*年?\s*(?:[-—–~～至到]+)\s*(?:19|20)\d{2}\s*年(?:度)?")),
    ("period", regex.compile(r"“?十[一二三四五六七八九]五”?(?:规划|时期|期间)?")),
    ("date", regex.compile(r"(?<![\d.])(?<!\d,)(?:19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?![\d])")),
    ("date", regex.compile(r"(?<![\d.])(?<!\d,)(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")),
    ("year", regex.compile(r"(?<![\d.])(?<!\d,)(?:19|20)\d{2}\s*年(?:度)?")),
    ("points", regex.compile(rf"(?<![\d.])(?<!\d,)({_ARABIC})\s*个?百分点")),
    ("percent", regex.compile(rf"(?<![\d.])(?<!\d,)({_ARABIC})\s*%")),
    # (after a comma that follows a decimal fraction the comma separates a list, since a
    # fraction takes no thousands group: 收、支总计各是44.92,44.92万元)
    ("amount", regex.compile(rf"(?<![\d.A-Za-z])(?:(?<!\d,)|(?<=\.\d+,))({_ARABIC})\s*(亿元|万元|千元|元|万)")),
    ("amount", regex.compile(rf"({_CN})\s*(亿元|万元|千元|元)")),
]

# after a bare 万 these characters mean a count (万人, 万次 …), not money
_NOT_MONEY_AFTER_WAN = regex.compile(r"^[\p{Han}A-Za-z]")
_MONEY_OK_AFTER_WAN = set("余多左右以")


_CLAUSE_COMMA = regex.compile(r"(?<!\d),|,(?!\d{3}(?!\d))")


def normalise(text: str) -> str:
    """Full-width digits and signs to ASCII, one character for one (offsets unchanged). A
    full-width comma stays a thousands separator only between digits (１，２３４); elsewhere it
    ends a clause and becomes 、, so the amount after it (…95.54万元，18万元) is still read."""
    norm = text.translate(FULLWIDTH)
    if "，" not in text:
        return norm
    chars = list(norm)
    for i, ch in enumerate(text):
        if ch == "，" and _CLAUSE_COMMA.match(norm, i):
            chars[i] = "、"
    return "".join(chars)


def parse_chinese(text: str) -> Number | None:
    """一百零七点五四 -> 107.54 (2 decimals); 两千 -> 2000; 三万五千 -> 35000."""
    if not text:
        return None
    whole, _, frac = text.partition("点")
    total, section, digit, pending = 0, 0, 0, False
    for ch in whole:
        if ch in CN_DIGITS:
            digit, pending = CN_DIGITS[ch], True
        elif ch in CN_SMALL:
            section += (digit if pending else 1) * CN_SMALL[ch]
            digit, pending = 0, False
        elif ch == "万":
            total += (section + digit) * CN_BIG[ch]
            section, digit, pending = 0, 0, False
        elif ch == "亿":
            total = (total + section + digit) * CN_BIG[ch]
            section, digit, pending = 0, 0, False
        else:
            return None
    value = Decimal(total + section + digit)
    decimals = 0
    if frac:
        digits = "".join(str(CN_DIGITS[c]) for c in frac if c in CN_DIGITS)
        if len(digits) != len(frac):
            return None
        value += Decimal("0." + digits)
        decimals = len(digits)
    return Number(value, decimals)


def scan(text: str) -> list[Token]:
    """All recognised number tokens in text, in order, non-overlapping."""
    norm = normalise(text)
    taken = [False] * len(norm)
    out: list[Token] = []
    for kind, pat in PATTERNS:
        for m in pat.finditer(norm):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            tok = _token(kind, m, norm)
            if tok is None:
                continue
            s, e = tok.start, tok.end
            for i in range(s, e):
                taken[i] = True
            out.append(Token(tok.kind, s, e, text[s:e], tok.number, tok.unit, tok.year))
    out.sort(key=lambda t: t.start)
    return out


# compiled once: _token and quantity run them for every number of a document
FOUR_DIGITS = regex.compile(r"\d{4}")
PLAIN_NUMBER = regex.compile(r"^[+-]?[\d,.]+$")
UNIT_SPACES = regex.compile(r"[\s\u3000]+")


def _token(kind: str, m, norm: str) -> Token | None:
    s, e = m.span()
    if kind in ("year", "date"):
        y = FOUR_DIGITS.match(m.group().strip())
        return Token(kind, s, e, m.group(), year=int(y.group()) if y else None)
    if kind in ("docno", "period"):
        return Token(kind, s, e, m.group())
    if kind in ("percent", "points"):
        n = parse_number(m.group(1))
        return Token(kind, s, e, m.group(), n, "%" if kind == "percent" else "百分点") if n else None
    # amount
    num_text, unit = m.group(1), m.group(2)
    if PLAIN_NUMBER.match(num_text):
        if unit == "万":
            nxt = norm[e:e + 1]
            if nxt and _NOT_MONEY_AFTER_WAN.match(nxt) and nxt not in _MONEY_OK_AFTER_WAN:
                return None
            unit = "万元"
        n = parse_number(num_text)
    else:
        # Chinese numerals: 两千万元 is 2000 万元, 一亿二千万元 12000 万元 (the trailing 万/亿 is
        # the unit's precision, the whole numeral the value); a lone 万/亿 is not a number
        big = None
        if num_text.endswith(("万", "亿")) and unit == "元" and len(num_text) > 1:
            big = num_text[-1]
            unit = big + "元"
        if not regex.search(r"[零〇一二两三四五六七八九十百千]", num_text):
            return None
        # a one-character numeral glued to preceding Han text (统一元) may be that word's end;
        # followed by 万元/亿元 (项目支出四万元) it is the amount
        if len(num_text) == 1 and s > 0 and regex.match(r"\p{Han}", norm[s - 1]):
            return None
        n = parse_chinese(num_text)
        if n is not None and big is not None:
            n = Number(n.value / CN_BIG[big], 0)  # a whole number of 万 (亿): the numeral ends in it
    if n is None:
        return None
    return Token("amount", s, e, m.group(), n, unit)


@lru_cache(maxsize=None)
def _numeral_years() -> tuple[dict[str, str], "regex.Pattern"]:
    cfg = load_json("template_terms.json")["chinese_numerals"]
    digit = {ch: str(d) for d, chars in enumerate(cfg["digits"]) for ch in chars}
    zero, one, two, nine = (regex.escape(cfg["digits"][d]) for d in (0, 1, 2, 9))
    any_digit = "".join(regex.escape(chars) for chars in cfg["digits"])
    # 一九xx年 / 二〇xx年: four numeral digits read as one year (二〇二〇年, 二零二一年)
    year = regex.compile(rf"(?<![{any_digit}{regex.escape(cfg['other'])}])"
                         rf"(?:[{one}][{nine}]|[{two}][{zero}])[{any_digit}]{{2}}(?=\s*年)")
    return digit, year


def numeral_digits() -> dict[str, str]:
    """Chinese numeral digit -> Arabic digit (〇 and 零 -> '0', 一 -> '1' …)."""
    return _numeral_years()[0]


def with_arabic_years(text: str) -> str:
    """text with each Chinese-numeral year (二〇二〇年) written in Arabic digits at the same
    offsets (2020年): four numerals are four digits, so spans found in the result are spans of
    the original."""
    digit, year = _numeral_years()
    if not year.search(text):
        return text
    return year.sub(lambda m: "".join(digit[ch] for ch in m.group()), text)


# --- values with a comparison, prices, amounts introduced by a phrase ---------------------

@dataclass(frozen=True)
class Quantity:
    """A target or indicator value: ≥98% is Quantity('≥', 98, '%')."""

    op: str  # '', '≥', '≤', '>', '<', '='
    number: Number
    unit: str  # what follows the number: '%', '次', '万元', '元', '' …

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_FACTOR


# a money unit as a value's unit may be written without 元 (≤7万)
MONEY_FACTOR = {**UNIT_FACTOR, "万": UNIT_FACTOR["万元"], "亿": UNIT_FACTOR["亿元"]}
_FW_DIGITS = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_FW_RUN = regex.compile(r"[０-９][０-９．，]*[０-９]|[０-９]")
_TAGS = regex.compile(r"</?p>|<br\s*/?>")
_VALUE_NUMBER = r"(?<![\d.])(?<!\d,)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"


def fold(text: str) -> str:
    """The text with full-width numerals in ASCII, character for character (offsets into the
    result are offsets into the text): １，０７５，４００．００ → 1,075,400.00, ９８％ → 98%.
    Unlike `normalise`, punctuation outside a run of digits stays as printed (a full-width
    comma between words is still the Chinese comma), for patterns that read the words."""
    if not text or not any("０" <= ch <= "９" or ch == "％" for ch in text):
        return text
    out = _FW_RUN.sub(lambda m: m.group().translate(_FW_DIGITS), text)
    return out.replace("％", "%")


@lru_cache(maxsize=None)
def _quantity_pattern() -> tuple["regex.Pattern", dict[str, str]]:
    words = load_json("quantities.json")["comparison_words"]
    op_of = {w: op for op, ws in words.items() for w in ws}
    alternatives = "|".join(regex.escape(w) for w in sorted(op_of, key=len, reverse=True))
    return regex.compile(rf"^\s*({alternatives})?\s*{_VALUE_NUMBER}\s*(.*?)\s*$"), op_of


def quantity(text: str) -> Quantity | None:
    """A value such as '≥98%', '不低于95%', '≤7万元', '>1个', '1900元', '100' (a cell's
    text; a unit longer than six characters is prose, not a unit)."""
    pattern, op_of = _quantity_pattern()
    m = pattern.match(fold(_TAGS.sub("", text or "").strip()))
    if not m:
        return None
    unit = UNIT_SPACES.sub("", m.group(3) or "")
    if len(unit) > 6:
        return None
    number = parse_number(m.group(2))
    if number is None:
        return None
    return Quantity(op_of.get(m.group(1) or "", ""), number, unit)


def percentage(text: str) -> Number | None:
    """A plain percentage ('99.99%', '58%', or a bare '100' in a % column), no comparison."""
    q = quantity(text)
    if q is None or q.op or q.unit not in ("%", ""):
        return None
    return q.number


def amount_after(tokens: list[Token], text: str, pos: int) -> Token | None:
    """The amount that starts at `pos` of the scanned text, after blanks: the figure a
    phrase ending at `pos` introduces."""
    while pos < len(text) and text[pos] in " \t\u3000":
        pos += 1
    return next((t for t in tokens if t.start == pos and t.kind == "amount"), None)


@lru_cache(maxsize=None)
def _rate_pattern() -> "regex.Pattern":
    words = "|".join(regex.escape(w) for w in load_json("quantities.json")["rate_words"])
    return regex.compile(rf"\s*(?:{words})\s*([\p{{Han}}]{{1,2}}(?:\s*[/／]\s*[\p{{Han}}]{{1,2}})?)")


def rate_after(text: str, amount: Token) -> tuple[str, int] | None:
    """What an amount is the price of, and where that ends: 10000元/台 → ('台', end),
    120元/人/年 → ('人/年', end)."""
    m = _rate_pattern().match(text, amount.end)
    if not m:
        return None
    return regex.sub(r"\s", "", m.group(1)).replace("／", "/"), m.end()


# --- counts in running text: 50人, 3天, 10台, 1.2万人次, 两期 --------------------------------

@dataclass(frozen=True)
class Count:
    start: int
    end: int
    number: Number
    unit: str  # one of quantities.json count_units (人, 天, 台 …)
    text: str


@lru_cache(maxsize=None)
def _count_pattern() -> "regex.Pattern":
    units = "|".join(regex.escape(u) for u in sorted(load_json("quantities.json")["count_units"], key=len, reverse=True))
    return regex.compile(rf"(?<![\d.A-Za-z])(?<!\d,)({_ARABIC}|[零〇一二两三四五六七八九十百千]+)\s*(万|千)?\s*({units})")


def counts(text: str, tokens: list[Token]) -> list[Count]:
    """The counts a text states (quantities.json count_units), outside the spans of its
    amounts, years, dates and other number tokens (`tokens`, from scan)."""
    folded = fold(text)
    taken = [(t.start, t.end) for t in tokens]
    out = []
    for m in _count_pattern().finditer(folded):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        raw = m.group(1)
        number = parse_number(raw.replace(",", "")) if regex.match(r"[+\-\d]", raw) else parse_chinese(raw)
        if number is None:
            continue
        if m.group(2):
            number = number.scaled(Decimal(10000 if m.group(2) == "万" else 1000))
        out.append(Count(m.start(), m.end(), number, m.group(3), text[m.start():m.end()]))
    return out

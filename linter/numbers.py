"""Numbers as printed: a Decimal plus the precision it was printed with.

A value printed with d decimals stands for the interval value ± ½·10⁻ᵈ (the XBRL
calculation rule). Sums are compared as intervals: a stated total disagrees with its
parts only when the two intervals cannot meet.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, DivisionByZero, InvalidOperation

import regex

FULLWIDTH = str.maketrans("０１２３４５６７８９．，－％＋", "0123456789.,-%+")
DASHES = {"-", "—", "–", "－", "--", "——", "/", "－－", "―"}

_NUMBER = regex.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@dataclass(frozen=True)
class Number:
    """A printed number: its value and how many decimals it was printed with."""

    value: Decimal
    decimals: int

    @property
    def half_ulp(self) -> Decimal:
        return Decimal(5) * Decimal(10) ** (-(self.decimals + 1))

    @property
    def low(self) -> Decimal:
        return self.value - self.half_ulp

    @property
    def high(self) -> Decimal:
        return self.value + self.half_ulp

    def scaled(self, factor: Decimal) -> "Number":
        """The same printed number in another unit (factor 10000 turns 万元 into 元)."""
        # 107.54万元 is 1075400元 ± 50元: the printed precision moves with the unit, so
        # decimals may go negative (−2 means "to the hundred").
        return Number(self.value * factor, self.decimals - factor.adjusted())

    def __str__(self) -> str:
        if self.decimals >= EXACT:  # an exact value (a blank cell's zero) prints plainly
            return format_decimal(self.value)
        return format_decimal(self.value, self.decimals)


# decimals standing for "exact": a blank table cell is a true zero, not 0 ± 0.5
EXACT = 12
ZERO = Number(Decimal(0), EXACT)


def format_decimal(value: Decimal, decimals: int | None = None) -> str:
    if decimals is None:
        text = format(value.normalize(), "f")
        return text
    quant = Decimal(1).scaleb(-decimals)
    return format(value.quantize(quant), "f")


# No budget figure has more digits than this (10^30 元 is a billion times world GDP). A longer
# run of digits is not an amount (an ID, a glued pair of cells, hostile input) and is left as text.
MAX_AMOUNT_DIGITS = 30
# Rules do their arithmetic in this context (linter.engine): exact for sums of millions of
# amounts of MAX_AMOUNT_DIGITS digits, where Python's default 28 digits would round or raise.
ARITHMETIC = Context(prec=4 * MAX_AMOUNT_DIGITS, traps=[InvalidOperation, DivisionByZero])


def parse_number(text: str) -> Number | None:
    """Parse a plain printed number ('1,234.50', '107.54', '０.５'); None if it is not one
    (nor a number with more than MAX_AMOUNT_DIGITS digits)."""
    s = text.translate(FULLWIDTH).strip().replace(" ", "").replace("\u3000", "")
    if not s or not _NUMBER.match(s):
        return None
    s = s.replace(",", "")
    if sum(ch.isdigit() for ch in s) > MAX_AMOUNT_DIGITS:
        return None
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    decimals = len(s.split(".", 1)[1]) if "." in s else 0
    return Number(value, decimals)


def is_dash(text: str) -> bool:
    return text.strip() in DASHES


@dataclass(frozen=True)
class Interval:
    low: Decimal
    high: Decimal

    @classmethod
    def of(cls, number: Number) -> "Interval":
        return cls(number.low, number.high)

    @classmethod
    def exact(cls, value: Decimal) -> "Interval":
        return cls(value, value)

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.low - other.high, self.high - other.low)

    def meets(self, other: "Interval") -> bool:
        return self.low <= other.high and other.low <= self.high


def interval_sum(numbers) -> Interval:
    total = Interval.exact(Decimal(0))
    for n in numbers:
        total = total + Interval.of(n)
    return total


def sum_agrees(total: Number, parts) -> bool:
    """True when the printed total can be the sum of the printed parts."""
    return Interval.of(total).meets(interval_sum(parts))


def agree(a: Number, b: Number) -> bool:
    """True when two printed numbers can stand for the same value."""
    return Interval.of(a).meets(Interval.of(b))


def decimal_sum(numbers) -> Decimal:
    return sum((n.value for n in numbers), Decimal(0))

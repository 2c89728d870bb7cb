"""How amounts, percentages and counts are written: 万元/元, thousands separators, full-width
digits, Chinese numerals. A document has a house style (Style) and each statement may vary it."""
from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

WAN = Decimal(10000)
FULLWIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
CN_DIGITS = "零一二三四五六七八九"


@dataclass
class Style:
    table_unit: str          # 万元 | 元 (the tables)
    text_unit: str           # 万元 | 元 (most narrative amounts)
    thousands: bool          # 1,234.56
    strip_zeros: bool        # 18万元 rather than 18.00万元
    fullwidth: float         # chance that one amount is written in full-width digits
    chinese: float           # chance that a round amount or a count is written in Chinese numerals
    percent_places: int      # 1 or 2
    zero_cell: str           # how a zero table cell is written ("" or "0.00")

    @staticmethod
    def pick(rng: random.Random, family: str, doc_type: str, yuan_tables: bool = False) -> "Style":
        table_unit = "元" if yuan_tables else "万元"
        return Style(
            table_unit=table_unit,
            text_unit="元" if rng.random() < 0.12 else "万元",
            thousands=rng.random() < (0.7 if family == "shanghai" else 0.3),
            strip_zeros=rng.random() < 0.3,
            fullwidth=rng.choice([0.0, 0.05, 0.15]),
            chinese=rng.choice([0.0, 0.2, 0.4]),
            percent_places=rng.choice([1, 2, 2]),
            zero_cell=rng.choice(["", "", "0.00"]),
        )


def group(digits: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return ",".join(out)


def number(x: Decimal, places: int = 2, thousands: bool = False, strip: bool = False) -> str:
    x = x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if x < 0 else ""
    s = f"{abs(x):f}"
    whole, _, frac = s.partition(".")
    if strip and frac:
        frac = frac.rstrip("0")
    if thousands:
        whole = group(whole)
    return sign + whole + ("." + frac if frac else "")


def chinese_int(n: int) -> str:
    """0 < n < 10**8 in Chinese numerals: 30 -> 三十, 105 -> 一百零五, 12000 -> 一万二千."""
    if n == 0:
        return "零"

    def below_10k(m: int) -> str:
        units = ["千", "百", "十", ""]
        digits = [m // 1000, m // 100 % 10, m // 10 % 10, m % 10]
        out, zero = "", False
        for d, u in zip(digits, units):
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += CN_DIGITS[d] + u
        return out

    high, low = divmod(n, 10000)
    s = ""
    if high:
        s = below_10k(high) + "万"
        if low and low < 1000:
            s += "零"
    if low:
        s += below_10k(low)
    if s.startswith("一十"):
        s = s[1:]
    return s


class Writer:
    """Writes one document's amounts in its style, with per-statement variation."""

    def __init__(self, style: Style, rng: random.Random):
        self.s = style
        self.rng = rng

    # ---------------------------------------------------------------- tables
    def cell(self, yuan: Decimal) -> str:
        if not yuan:
            return self.s.zero_cell
        if self.s.table_unit == "元":
            return number(yuan, 2, thousands=True)
        return number(yuan / WAN, 2, thousands=self.s.thousands)

    # ---------------------------------------------------------------- narrative
    def money(self, yuan: Decimal, unit: str | None = None, plain: bool = False) -> str:
        """An amount with its unit. plain: no full-width/Chinese variation (for sums the reader
        must be able to take apart)."""
        unit = unit or (self.s.text_unit if self.rng.random() < 0.85 else "万元")
        if unit == "元":
            text = number(yuan, 2, thousands=self.s.thousands or self.rng.random() < 0.5,
                          strip=self.s.strip_zeros) + "元"
        else:
            wan = yuan / WAN
            r = wan.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if not plain and r == r.to_integral_value() and 0 < r < 100000 and self.rng.random() < self.s.chinese:
                return chinese_int(int(r)) + "万元"
            text = number(wan, 2, thousands=self.s.thousands, strip=self.s.strip_zeros) + "万元"
        if not plain and self.rng.random() < self.s.fullwidth:
            text = text.translate(FULLWIDTH)
        return text

    def percent(self, value: Decimal, places: int | None = None) -> str:
        places = self.s.percent_places if places is None else places
        text = number(value, places) + "%"
        if self.rng.random() < self.s.fullwidth:
            text = text.translate(FULLWIDTH)
        elif self.rng.random() < 0.1:
            text = text.replace("%", "％")
        return text

    def count(self, n: int) -> str:
        if 0 < n < 100 and self.rng.random() < max(self.s.chinese, 0.2):
            return chinese_int(n)
        return str(n)

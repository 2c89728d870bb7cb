from __future__ import annotations

from decimal import Decimal

import regex

from linter.cnnum import counts, fold, scan
from linter.engine import Rule
from linter.findings import Related, related_line
from linter.forms import Amount, at_cell_span, funding_amounts, in_unit, target_tables, vocab
from linter.numbers import Interval
from linter.vocab import load_json

SEGMENT_ENDS = "。；;！？!?\n"


def _count_units() -> list[str]:
    return load_json("quantities.json")["count_units"]


def _same(unit: str) -> str:
    return vocab()["same_count_units"].get(unit, unit)


def _per_units(text: str, amount: Amount) -> list[str] | None:
    """What a price is per: ['人', '天'] for 每人每天300元 or 300元/人/天, [] for 单价6000元 (the
    one thing the sentence counts), None when the amount is not a price."""
    words = vocab()["price_of_one_words"]
    units = "|".join(regex.escape(u) for u in sorted(_count_units(), key=len, reverse=True))
    if amount.rate and amount.rate != "单价":  # 300元/人/天 (forms.funding_amounts read the rate)
        per = amount.rate.split("/")
        return [_same(u) for u in per] if all(u in _count_units() for u in per) else None
    fillers = "|".join(regex.escape(w) for w in words["fillers"])
    before = text[max(0, amount.start - 16):amount.start]
    m = regex.search(rf"((?:{regex.escape(words['per_unit'])}(?:{units}))+)(?:{fillers})*\s*$", before)
    if m:
        return [_same(u) for u in regex.findall(rf"{regex.escape(words['per_unit'])}({units})", m.group(1))]
    m = regex.search(rf"({'|'.join(map(regex.escape, words['per_person'] + words['unstated']))})(?:{fillers})*\s*$",
                     before)
    if m:
        return ["人"] if m.group(1) in words["per_person"] else []
    return None


def price_products(text: str):
    """(price, its counts, the stated total, the product) for every sentence (or ；-clause) of
    `text` that states exactly one price, the counts it is per and one total (合计/共计 …), no
    other count, and whose total is not price × counts: 每人每天300元，共培训50人，每期3天，
    合计5.4万元 → 300 × 50 × 3 = 4.5万元."""
    text = fold(text)
    tokens = scan(text)
    amounts = funding_amounts(text)
    all_counts = counts(text, tokens)
    start = 0
    amounts_before = False  # a price in an earlier ；-clause of the same sentence
    for end in [i + 1 for i, ch in enumerate(text) if ch in SEGMENT_ENDS] + [len(text)]:
        seg_amounts = [a for a in amounts if start <= a.start < end]
        seg_counts = [c for c in all_counts if start <= c.start < end]
        prices = [(a, per) for a in seg_amounts for per in [_per_units(text, a)] if per is not None]
        start, after_clauses = end, amounts_before
        amounts_before = text[end - 1] in "；;" and (amounts_before or bool(prices))
        totals = [a for a in seg_amounts if a.total and all(a is not p for p, _ in prices)]
        if len(prices) != 1 or len(totals) != 1 or not seg_counts:
            continue
        (price, per), total = prices[0], totals[0]
        if total.start < price.start:
            continue
        if after_clauses:
            continue  # 慰问党员50人，每人500元；慰问老干部20人，每人1000元，合计4.5万元: the sentence's total
        if any(a is not price and a.start < total.start for a in seg_amounts):
            continue  # 另需教材费0.3万元，合计7.5万元: the total takes in more than price × counts
        if per:
            by_unit = {}
            for c in seg_counts:
                by_unit.setdefault(_same(c.unit), []).append(c)
            if set(by_unit) != set(per) or any(len(v) != 1 for v in by_unit.values()) or len(per) != len(set(per)):
                continue  # a count the price is not per (两期), or two counts of one unit: not read
            used = [by_unit[u][0] for u in per]
        elif len(seg_counts) == 1:
            used = seg_counts
        else:
            continue
        product = Interval.of(price.yuan)
        for c in used:
            product = Interval(product.low * c.number.value, product.high * c.number.value)
        if product.low <= 0 or product.meets(Interval.of(total.yuan)):
            continue
        yield price, used, total, product


class PriceTimesQuantityMismatch(Rule):
    """A price times the quantities it is for is not the total stated beside them.

    *What it does*: in the narrative and in a 项目绩效目标表's 预算规模及资金用途, a sentence that
    states one price (每人每天300元, 300元/人/天, 单价6000元, 人均800元), the counts it is per (50人,
    3天, 10台: every count of the sentence, one per unit of the price) and one total (合计/共计 …
    4.5万元) is checked: price × counts must equal the total, in any unit, under the interval rule.
    A sentence with a count the price is not per (每期3天，共两期) or with two prices is not read,
    nor a total that also takes in another amount (另需教材费0.3万元，合计…) or the amounts of
    earlier ；-clauses of its sentence that state prices.

    *Why it matters*: the total is the budget the price justifies; when the arithmetic does not
    hold, one of the three figures was edited alone or mistyped.

    *Bad*:
        培训费按每人每天300元，共培训50人，每期3天，合计5.4万元

    *Good*:
        培训费按每人每天300元，共培训50人，每期3天，合计4.5万元
    """

    code = "BL419"
    name = "price-times-quantity-mismatch"
    severity = "warning"

    def check(self, doc):
        for para in doc.paragraphs:
            for price, used, total, product in price_products(para.text):
                line, start, end = para.span(price.start, price.end)
                yield self.at_span(doc, *para.span(total.start, total.end),
                                   self._message(para.text, price, used, total, product),
                                   related=[related_line(doc, line, "单价", start, end)],
                                   suggestion=in_unit(_middle(product), total.unit))
        for t in target_tables(doc):
            if t.purpose is None:
                continue
            text = t.purpose.text.split("\n", 1)[0]
            for price, used, total, product in price_products(text):
                cell = t.purpose
                yield at_cell_span(self, cell, total.start, total.end,
                                   f"{t.label()}资金用途：" + self._message(text, price, used, total, product),
                                   related=[Related(line=cell.line, column=cell.column + price.start, page=cell.page,
                                                    excerpt=price.text(text), note="单价")],
                                   suggestion=in_unit(_middle(product), total.unit))

    @staticmethod
    def _message(text, price, used, total, product) -> str:
        factors = "×".join([price.text(text)] + [c.text for c in used])
        return (f"{factors}={in_unit(_middle(product), total.unit)}，与所列合计{total.text(text)}不符，"
                f"相差{in_unit(total.yuan.value - _middle(product), total.unit)}")


def _middle(iv: Interval) -> Decimal:
    return (iv.low + iv.high) / 2

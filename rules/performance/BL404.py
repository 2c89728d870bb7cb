from __future__ import annotations

import regex

from linter.cnnum import quantity
from linter.engine import Rule
from linter.findings import Related
from linter.forms import funding_amounts, in_yuan, is_cost, norm, target_tables, vocab
from linter.numbers import agree

SEP = regex.compile(r"[，,；;。、]")


def _item_before(text: str, start: int) -> str:
    """The item an amount prices: the words between the previous separator and the amount."""
    seg = SEP.split(text[:start])[-1]
    seg = regex.sub(r"(合计|共计|总计|需要|单价|每台|每个|每套|约|为|：|:|\s)", "", seg)
    return seg


def _common(a: str, b: str, n: int = 4) -> bool:
    return any(a[i:i + n] in b for i in range(0, max(len(a) - n + 1, 0)))


class UnitCostMismatch(Rule):
    """A per-unit 成本指标 disagrees with the unit price in the project's funding description.

    *What it does*: a cost indicator read as a price per unit (人均, 单价, 每台, 标准 …) with a money
    value is compared with a price per 台/个/人 written in the same table's 预算规模及资金用途 for
    the same item (手持执法终端：10000元/台); values agree under the interval rule.

    *Why it matters*: the two are the same price written twice; a tenfold difference is a lost or
    extra zero in one of them.

    *Bad*:
        资金用途: 手持执法终端：10000元/台 | 成本指标 购买手持执法终端人均金额 1000元

    *Good*:
        资金用途: 手持执法终端：10000元/台 | 成本指标 购买手持执法终端人均金额 10000元
    """

    code = "BL404"
    name = "unit-cost-mismatch"
    severity = "warning"

    def check(self, doc):
        per_unit = vocab()["per_unit_words"]
        for t in target_tables(doc):
            if t.purpose is None:
                continue
            text = t.purpose.text.split("\n", 1)[0]
            prices = [(a, _item_before(text, a.start)) for a in funding_amounts(text)
                      if a.rate and a.rate not in vocab()["annual_rate_suffixes"]]
            prices = [(a, item) for a, item in prices if len(item) >= 2]
            if not prices:
                continue
            for ind in t.indicators:
                if not is_cost(ind) or ind.value is None:
                    continue
                words = ind.name + ind.desc
                if not any(w in words for w in per_unit):
                    continue
                q = quantity(ind.value.text)
                if q is None or not q.is_money:
                    continue
                v = in_yuan(q.number, q.unit)
                for a, item in prices:
                    if not (norm(item) in words or _common(norm(item), words)):
                        continue
                    if agree(v, a.yuan):
                        continue
                    cell = t.purpose
                    yield self.at_cell(
                        ind.value,
                        f"{t.label()}成本指标「{ind.desc or ind.name}」为{ind.value.text.strip()}，"
                        f"资金用途中{item}为{a.text(text)}",
                        related=[Related(line=cell.line, column=cell.column + a.start, page=cell.page,
                                         excerpt=a.text(text), note=f"资金用途：{item}单价")],
                        suggestion=f"{a.number}{a.unit}",
                    )
                    break

from __future__ import annotations

from linter.numbers import format_decimal
from linter.reconcile import IssueRule
from linter.statements import (change_against, change_or_percent, flipped, middle, money_text,
                               related_quantity, statements_of)


class YearOverYearChangeMismatch(IssueRule):
    """A stated change does not match the amounts it is the change between.

    *What it does*: wherever a statement gives this year's amount, the amount it is compared
    with (上年预算数 / 上年执行数 / an amount in a named earlier year; in a 决算, 年初预算 when
    the change is against the budget) and the change (增加/减少 … B万元), checks change =
    this year − the other, whatever the subject is (单位预留机动经费, a project, any 科目 row):
    the statement is read by its structure, not by a vocabulary. Where it gives this year's
    amount, the change and the percentage but no amount of the other year, and the three cannot
    all hold, the figure further (in digits) from what the other two give is reported: the change
    here, the percentage by BL205. Where it gives the change of a
    total and the changes of all its parts (基本支出 / 项目支出 …), checks that the part changes
    add up. Signs come from the direction words (增加/增长 +, 减少/下降/节约 −); a change whose
    only error is its direction word is BL204's. Interval rule throughout.

    *Why it matters*: the 增减变化 paragraph is what readers use to judge a budget; a change
    that its own figures contradict misleads them.

    *Bad*:
        单位预留机动经费2025年安排35.00万元，上年预算数为30.00万元，增加6.00万元

    *Good*:
        单位预留机动经费2025年安排35.00万元，上年预算数为30.00万元，增加5.00万元
    """

    code = "BL203"
    name = "yoy-change-mismatch"
    severity = "error"
    kinds = ('change',)

    def check(self, doc):
        yield from super().check(doc)
        for st in statements_of(doc):
            blame = change_or_percent(st)
            if blame is not None and blame[0] == "change":
                d, a, c = st.one("change", True), st.one("amount", True), st.one("pct_change")
                implied = blame[1]
                right = "增加" if implied >= 0 else "减少"
                yield self.at_span(
                    doc, d.line, d.start, d.stop,
                    f"{st.name()}{d.word}{d.text.strip()}，但本年{a.text.strip()}、{c.word}{c.text.strip()}，"
                    f"增减额应为{money_text(abs(implied), d.unit, d.value.decimals)}"
                    f"（按此增减额，增长率应为{format_decimal(abs(blame[2]), c.value.decimals)}%）",
                    related=[related_quantity(doc, a, "本年金额"), related_quantity(doc, c, "增减率")],
                    suggestion=f"改为{right}{money_text(abs(implied), d.unit, d.value.decimals)}")
            got = change_against(st)
            if got is None:
                continue
            d, a, base = got
            computed = a.interval() - base.interval()
            stated = d.signed()
            if stated.meets(computed) or (flipped(stated).meets(computed) and d.value.value != 0):
                continue  # agrees, or only the direction word is wrong (BL204)
            dec = d.value.decimals
            diff = middle(computed)
            against = "年初预算" if d.base == "budget" else "上年"
            right = "增加" if diff >= 0 else "减少"
            yield self.at_span(
                doc, d.line, d.start, d.stop,
                f"{st.name()}{d.word}{d.text.strip()}，但本年{a.text.strip()}、{against}{base.text.strip()}，"
                f"相差{money_text(diff, d.unit, dec)}",
                related=[related_quantity(doc, a, "本年金额"), related_quantity(doc, base, f"{against}金额")],
                suggestion=f"改为{right}{money_text(abs(diff), d.unit, dec)}")

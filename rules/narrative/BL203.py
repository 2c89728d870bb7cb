from __future__ import annotations

from linter.numbers import format_decimal
from linter.reconcile import IssueRule
from linter.statements import (base_views, change_basis, completion_blame, flipped, middle, money_text,
                               related_quantity, statements_of, triple_blame)


class YearOverYearChangeMismatch(IssueRule):
    """A stated change does not match the amounts it is the change between.

    *What it does*: wherever a statement gives this year's amount, the amount it is compared
    with (上年预算数 / 上年执行数 / an amount in a named earlier year; in a 决算, 年初预算 when
    the change is against the budget) and the change (增加/减少 … B万元), checks change =
    this year − the other, whatever the subject is (单位预留机动经费, a project, any 科目 row):
    the statement is read by its structure, not by a vocabulary, in any order (较上年减少18.7%，
    减少额为2.5万元; 与上年（X）相比…增加D; 与年初预算X相比减少D). A ratio 为上年X的R% narrows this
    year's amount (二万元 is 1.5–2.5万元 by its digits; 为1.96万元的102.04% pins it to 2.00) or, with
    no prior amount stated, gives the prior (amount / R). Where it gives this year's
    amount, the change and the percentage but no amount of the other year, and the three cannot
    all hold, the figure one keystroke from what the other two give is reported (the change
    here, the percentage by BL205); when nothing tells which of the two is wrong, this rule
    reports the change with both alternatives. Where it gives the change of a
    total and the changes of all its parts (基本支出 / 项目支出 …), checks that the part changes
    add up. Signs come from the direction words (增加/增长 +, 减少/下降/节约 −; in a 决算,
    大于/超出/低于预算Z is the change against the budget), or for a neutral word (增减额-5.18万元,
    变动额+3.20万元) from the printed sign; a change whose only error is its direction is BL204's.
    The amounts may be a year-labelled pair (2025年21.60万元，2024年预算25.75万元), the prior in its
    own clause (上年同期为 / 上年数 / 去年为 …，两年相比增加D), a row written out (本年预算X，上年预算
    <subject>Y，对比减少D), a direction word alone in brackets (较上年（减少）D), and a 决算 that states
    no budget gives it by its completion rate (决算 / 完成年初预算的R%; when the rate rather than
    the change is the figure that does not hold — on the other side of 100% from the change's
    word, or a keystroke off — BL205 reports the rate; when nothing tells, the message gives
    both). A 决算 compared with its budget and with last year in one sentence (比年初预算增加D1，
    比上年减少D2) has each change checked against its own level; a change printed in the sentence
    after a list of parts (其中，A a，B b。同口径比上年减少D) is the list total's. A change on another footing is checked only
    against what pins it: 同口径 / 按可比口径 against this year's amount and a prior stated on that
    footing (not the unadjusted 上年预算 before it); 剔除…因素后 only against figures stated after
    those words. Interval rule throughout.

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
        for whole in statements_of(doc):
            for st in base_views(whole):  # 比年初预算…，比上年…: each change against its own level
                yield from self._triple(doc, st)
                yield from self._against(doc, st)

    def _against(self, doc, st):
        basis = change_basis(st)
        if basis is None:
            return
        d, a, base = basis.change, basis.amount, basis.base
        computed = basis.computed
        stated = d.signed()
        if stated.meets(computed) or (flipped(stated).meets(computed) and d.value.value != 0):
            return  # agrees, or only the direction word is wrong (BL204)
        alternative = ""
        if d.base == "budget" and base is None:  # the budget is the one the completion rate gives
            blame = completion_blame(st)
            if blame is not None and blame[0] == "rate":
                return  # the rate is the wrong figure (BL205)
            if blame is not None and blame[0] == "both":
                alternative = f"；若增减额无误，完成率应为{format_decimal(blame[2], basis.ratio.value.decimals)}%"
        dec = d.value.decimals
        diff = middle(computed)
        right = "增加" if diff >= 0 else "减少"
        related = [related_quantity(doc, a, "本年金额")]
        if base is not None:
            related.append(related_quantity(doc, base, ("年初预算" if d.base == "budget" else "上年") + "金额"))
        if basis.ratio is not None:
            related.append(related_quantity(doc, basis.ratio, "完成率" if d.base == "budget" else "为上年的比例"))
        yield self.at_span(
            doc, d.line, d.start, d.stop,
            f"{st.name()}{d.word}{d.text.strip()}，但{basis.describe()}，相差{money_text(diff, d.unit, dec)}{alternative}",
            related=related, suggestion=f"改为{right}{money_text(abs(diff), d.unit, dec)}")

    def _triple(self, doc, st):
        """This year's amount, the change and the percentage with no prior amount: the change
        when it is the likelier typo, or both when nothing tells which of the two is wrong."""
        blame = triple_blame(st)
        if blame is None or blame[0] not in ("change", "both"):
            return
        d, a, c = st.one("change", True), st.one("amount", True), st.one("pct_change")
        kind, d_implied, c_implied = blame
        right = "增加" if d_implied >= 0 else "减少"
        d_text = money_text(abs(d_implied), d.unit, d.value.decimals)
        c_text = format_decimal(abs(c_implied), c.value.decimals)
        related = [related_quantity(doc, a, "本年金额"), related_quantity(doc, c, "增减率")]
        if kind == "change":
            yield self.at_span(
                doc, d.line, d.start, d.stop,
                f"{st.name()}{d.word}{d.text.strip()}，但本年{a.text.strip()}、{c.word}{c.text.strip()}，"
                f"增减额应为{d_text}（按此增减额，增长率应为{c_text}%）",
                related=related, suggestion=f"改为{right}{d_text}")
            return
        yield self.at_span(
            doc, d.line, d.start, d.stop,
            f"{st.name()}本年{a.text.strip()}、{c.word}{c.text.strip()}、{d.word}{d.text.strip()}不能同时成立："
            f"按增减额，增减幅度应为{c_text}%；按增减幅度，增减额应为{d_text}",
            related=related, suggestion=f"核对增减额（{d_text}）或增减幅度（{c_text}%）")

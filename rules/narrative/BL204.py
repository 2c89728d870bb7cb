from __future__ import annotations

from decimal import Decimal

import regex

from linter.reconcile import IssueRule
from linter.numbers import format_decimal
from linter.statements import (base_views, change_basis, direction, flipped, middle, money_text, neutral, on_footing,
                               opposite_word, pinned_level, rate_of_stated_budget, ratio, related_quantity, rounded,
                               statements_of, triple_blame)


class ChangeDirectionContradiction(IssueRule):
    """A direction word (增加/减少/持平, 大于/小于/等于) contradicts the figures it describes.

    *What it does*: in any statement, whatever its subject, reports a direction word whose
    sign the figures contradict: a change whose amounts (this year vs last year, or a 决算 vs
    its 年初预算) only add up with the opposite word; 由X增加到Y when Y < X; a percentage
    change whose word contradicts the amount change beside it (增加5万元，下降3%); both words of
    a percentage and its change turned (较上年减少12.50%，减少额为2.00万元 where this year's amount
    only fits an increase); a change against a ratio 为上年X的R% over 100%; 持平 for a
    subject whose amounts differ or that the same statement says changed (基本持平 allows the
    change its data entry gives, 3% of the amount compared with); 决算数大于/小于/等于
    预算数 against the 决算 and 年初预算 stated; the changes of a breakdown that only add up
    with one word flipped; a neutral word's printed sign (增减额-127,400.00元, 变动率-6.67%) that
    the amounts (or the direction word beside it) contradict; a 决算's 大于/超出/低于预算Z against
    its 决算 and budget (or the budget its completion rate gives); a negated comparison
    (未超过 / 没有超出 / 不超过 / 未突破 / 未超支 年初预算: not greater, which holds for less and
    for equal; 不低于: not less) only against a 决算 surely on the other side, and a negated
    change word ending its clause (与上年相比未增加 / 没有减少) the same way against this year's
    amount and the level compared with; and (warning) a direction word
    followed by a negative number (减少-3.07万元). A change on another footing (同口径, 剔除…因素后)
    is measured only against the figures stated on it. A share's change in 百分点 is checked the same way against both years'
    shares.

    *Why it matters*: 增加 for a cut turns the explanation upside down; readers take the
    word, not the arithmetic.

    *Bad*:
        年初预算为1560.05万元，支出决算为1511.89万元，决算数大于预算数

    *Good*:
        年初预算为1560.05万元，支出决算为1511.89万元，决算数小于预算数
    """

    code = "BL204"
    name = "change-direction-contradiction"
    severity = "error"
    kinds = ('direction', 'negative')

    def check(self, doc):
        yield from super().check(doc)
        sts = statements_of(doc)
        for st in sts:
            for view in base_views(st):  # 比年初预算…，比上年…: each change against its own level
                yield from self._change_word(doc, view)
                yield from self._both_words(doc, view)
                yield from self._percent_word(doc, view)
                yield from self._neutral_sign(doc, view)
            yield from self._from_to(doc, st)
            yield from self._flat(doc, st)
            yield from self._negated_change(doc, st)
            yield from self._compare(doc, st, sts)

    def _change_word(self, doc, st):
        basis = change_basis(st)
        if basis is None:
            return
        d, a, base = basis.change, basis.amount, basis.base
        computed = basis.computed
        if d.value.value == 0 or d.signed().meets(computed) or not flipped(d.signed()).meets(computed):
            return
        right = opposite_word(d.word)
        # 增减额-4.25万元: a neutral word states its direction by the sign, so the figure is what changes
        suggestion = f"改为{money_text(middle(computed), d.unit, d.value.decimals)}" if neutral(d) else f"改为「{right}」"
        related = [related_quantity(doc, a, "决算数" if d.base == "budget" else "本年金额")]
        if base is not None:
            related.append(related_quantity(doc, base, ("年初预算" if d.base == "budget" else "上年") + "金额"))
        if basis.ratio is not None:
            related.append(related_quantity(doc, basis.ratio, "完成率" if d.base == "budget" else "为上年的比例"))
        yield self.at_span(
            doc, d.line, d.start, d.stop,
            f"{st.name()}写「{d.word}」{d.text.strip()}，但{basis.describe()}，"
            f"实为{'增加' if middle(computed) > 0 else '减少'}{money_text(abs(middle(computed)), d.unit, d.value.decimals)}",
            related=related, suggestion=suggestion)

    def _both_words(self, doc, st):
        """较上年减少11.0%，减少额为14.51万元 where the figures only hold as an increase: both
        direction words are turned (this year's amount, the change and the percentage agree
        once they are)."""
        blame = triple_blame(st)
        if blame is None or blame[0] != "direction":
            return
        d, a, c = st.one("change", True), st.one("amount", True), st.one("pct_change")
        prior = a.interval() - flipped(d.signed())
        yield self.at_span(
            doc, c.line, c.start, c.stop,
            f"{st.name()}写「{c.word}」{c.text.strip()}、{d.word}{d.text.strip()}，但本年{a.text.strip()}与这两个数"
            f"只在{'增加' if d.sign < 0 else '减少'}时相符（上年应为{money_text(middle(prior), a.unit, a.value.decimals)}）",
            related=[related_quantity(doc, d, "增减额"), related_quantity(doc, a, "本年金额")],
            suggestion=f"改为「{opposite_word(c.word)}」「{opposite_word(d.word)}」")

    def _neutral_sign(self, doc, st):
        """增减率-16.50% where the amounts rose (本年30.00万元，上年25.75万元), or beside 增加4.25万元:
        a neutral word (增减率, 变动率) states its direction by its printed sign."""
        c = st.one("pct_change")
        if c is None or c.unit != "%" or not neutral(c) or c.approx or c.value.value == 0:
            return
        against = "年初预算" if c.base == "budget" else "上年"
        a, base = on_footing(st, "amount", c), on_footing(st, "budget" if c.base == "budget" else "prior", c)
        truth, figures, related, right = 0, "", [], None
        if a is not None and base is not None:
            diff = a.interval() - base.interval()
            truth = 1 if diff.low > 0 else -1 if diff.high < 0 else 0
            figures = f"本年{a.text.strip()}、{against}{base.text.strip()}"
            related = [related_quantity(doc, a, "本年金额"), related_quantity(doc, base, against + "金额")]
            r = ratio(diff, base.interval())
            right = middle(r) if r is not None else None
        else:
            d = st.one("change", True)
            if d is not None and not neutral(d) and d.sign in (1, -1) and d.value.value > 0 \
                    and d.base == c.base and d.qualifier == c.qualifier:
                truth, figures, related = d.sign, f"{d.word}{d.text.strip()}", [related_quantity(doc, d, "增减额")]
        if not truth or direction(c) == truth:
            return
        if right is None or (right > 0) != (truth > 0):
            right = -middle(rounded(c))
        yield self.at_span(
            doc, c.line, c.start, c.stop,
            f"{st.name()}{c.word}{c.text.strip()}的正负号与{figures}不符（实为{'增加' if truth > 0 else '减少'}）",
            related=related, suggestion=f"改为{format_decimal(right, c.value.decimals)}%")

    def _from_to(self, doc, st):
        # 由X增加到Y
        for a in st.all("amount", True):
            if not a.sign:
                continue
            p = next((x for x in reversed(st.quantities) if x.role == "prior" and x.is_money and x.pos < a.pos), None)
            if p is None:
                continue
            diff = a.interval() - p.interval()
            if (a.sign > 0 and diff.high < 0) or (a.sign < 0 and diff.low > 0):
                right = "增加" if middle(diff) > 0 else "减少"
                yield self.at_span(
                    doc, a.line, a.start, a.stop,
                    f"写「由{p.text.strip()}{a.word}到{a.text.strip()}」，实为{right}"
                    f"{money_text(abs(middle(diff)), a.unit, a.value.decimals)}",
                    related=[related_quantity(doc, p, "原金额")], suggestion=f"改为「{right}」")

    def _percent_word(self, doc, st):
        d = st.one("change", True)
        c = st.one("pct_change")
        if d is None or c is None or not d.sign or not c.sign or d.base != c.base:
            return
        if d.value.value == 0 or c.value.value == 0 or d.sign == c.sign:
            return
        if d.value.value < 0 or c.value.value < 0:
            return  # a printed minus: BL204's negative-number warning
        basis = change_basis(st)
        if basis is not None and not d.signed().meets(basis.computed):
            return  # the amount change is the wrong one (reported on it)
        yield self.at_span(
            doc, c.line, c.start, c.stop,
            f"{st.name()}金额「{d.word}」{d.text.strip()}，百分比却写「{c.word}」{c.text.strip()}",
            related=[related_quantity(doc, d, "增减额")], suggestion=f"改为「{opposite_word(c.word)}」")

    def _flat(self, doc, st):
        for w in st.words:
            if w.kind != "flat":
                continue
            a, p = st.one("amount", True), st.one("budget" if w.budget else "prior", True)
            base = "budget" if w.budget else "prior"  # 与年初预算持平，比上年减少…: each against its own level
            d = next((q for q in st.quantities if q.role in ("change", "pct_change") and q.value.value != 0
                      and q.sign is not None and q.base == base and not _within(q, w, a, p)), None)
            if d is not None:
                yield self.at_span(doc, w.line, w.start, w.stop,
                                   f"{st.name()}写「{w.word}」，同句又写{d.word}{d.text.strip()}",
                                   related=[related_quantity(doc, d, "增减")], suggestion=f"删去「{w.word}」或改正增减额")
                continue
            if a is not None and p is not None and not a.interval().meets(p.interval()) \
                    and not _within_share(a.interval() - p.interval(), p.interval(), w.tolerance):
                diff = middle(a.interval() - p.interval())
                text = f"{'增加' if diff > 0 else '减少'}{money_text(abs(diff), a.unit, a.value.decimals)}"
                loose = f"（变动超过{w.tolerance}%）" if w.tolerance else ""
                now, then = ("决算", "年初预算") if w.budget else ("本年", "上年")
                yield self.at_span(doc, w.line, w.start, w.stop,
                                   f"{st.name()}写「{w.word}」，但{now}{a.text.strip()}、{then}{p.text.strip()}，{text}{loose}",
                                   related=[related_quantity(doc, a, now + "金额"), related_quantity(doc, p, then + "金额")],
                                   suggestion=f"改为「{text}」")

    def _negated_change(self, doc, st):
        """与上年相比未增加 / 没有减少 (a change word negated, with no number): the bound it
        states (not more / not less) against this year's amount and the level compared with."""
        for w in st.words:
            if w.kind != "change":
                continue
            a, base = st.one("amount", True), st.one("budget" if w.budget else "prior", True)
            if a is None or base is None or a.pos > w.pos or base.pos > w.pos or a.qualifier or base.qualifier:
                continue
            diff = a.interval() - base.interval()
            if not w.contradicted(diff):
                continue
            against = "年初预算" if w.budget else "上年"
            m = middle(diff)
            text = f"{'增加' if m > 0 else '减少'}{money_text(abs(m), a.unit, a.value.decimals)}"
            yield self.at_span(
                doc, w.line, w.start, w.stop,
                f"{st.name()}写「{w.printed}」，但{'决算' if w.budget else '本年'}{a.text.strip()}、"
                f"{against}{base.text.strip()}，{text}",
                related=[related_quantity(doc, a, "决算数" if w.budget else "本年金额"),
                         related_quantity(doc, base, against + "金额")],
                suggestion=f"改为「{text}」")

    def _compare(self, doc, st, sts):
        """决算数大于/小于/等于预算数 against the nearest 年初预算 and 决算 of the paragraph."""
        for w in st.words:
            if w.kind != "compare":
                continue
            src = next((x for x in reversed(sts[:st.index + 1]) if x.paragraph == st.paragraph
                        and x.one("budget", True) is not None and x.one("amount", True) is not None), None)
            if src is None:
                continue
            b, a = src.one("budget", True), src.one("amount", True)
            if (b.pos > w.pos or a.pos > w.pos) and not _figures_follow(st.text, w, a, b):
                continue
            level, rate = a.interval(), rate_of_stated_budget(src)
            pinned = pinned_level(level, b.interval(), rate) if rate is not None else None
            if pinned is not None and pinned != level:
                level = pinned  # 决算20万元 with 执行比例98.28% of 20.35万元: the rate pins the amount
            else:
                rate = None
            diff = level - b.interval()
            if not w.contradicted(diff, equal=a.interval() == b.interval()):
                continue
            m = middle(diff)
            # 未超过 for a 决算 above its budget: the word without its negation is right
            right = w.word if w.negation else "大于" if m > 0 else "小于" if m < 0 else "等于"
            yield self.at_span(
                doc, w.line, w.start, w.stop,
                f"写决算数「{w.printed}」预算数，但年初预算{b.text.strip()}、决算{a.text.strip()}"
                + (f"（为年初预算的{rate.text.strip()}）" if rate is not None else ""),
                related=[related_quantity(doc, b, "年初预算"), related_quantity(doc, a, "决算数")]
                + ([related_quantity(doc, rate, "完成率")] if rate is not None else []),
                suggestion=f"改为「{right}」")


def _figures_follow(text: str, w, a, b) -> bool:
    """决算数小于年初预算数：年初预算X，决算Y (the reason or the comparison first, the figures
    after it): both figures follow the word in its sentence, introduced by a colon."""
    end = w.pos + len(w.printed)
    first = min(a.pos, b.pos)
    between = text[end:first]
    return first >= end and regex.search(r"[：:]", between) is not None and not regex.search(r"[。！？!?]", between)


def _within_share(change: Interval, base: Interval, tolerance: Decimal) -> bool:
    """Whether a change can be at most `tolerance` percent of the base (基本持平)."""
    if tolerance <= 0 or base.high <= 0:
        return False
    smallest = Decimal(0) if change.low <= 0 <= change.high else min(abs(change.low), abs(change.high))
    return smallest * 100 <= tolerance * base.high


def _within(q, w, a, p) -> bool:
    """A change stated beside 基本持平 that the word allows (增加0.01万元，基本持平)."""
    if not w.tolerance:
        return False
    if q.unit == "%":
        return abs(q.value.low) <= w.tolerance if not q.approx else False
    base = p.interval() if p is not None else (a.interval() - q.signed() if a is not None else None)
    return base is not None and _within_share(q.interval(), base, w.tolerance)

from __future__ import annotations

from dataclasses import dataclass

import regex

from linter.findings import Related, related_line
from linter.numbers import Interval, format_decimal
from linter.reconcile import IssueRule
from linter.statements import (Quantity, Statement, base_views, budget_change, clause_start, completion_blame, clean_subject, direction, flipped, middle, neutral,
                               on_footing, ratio, related_quantity, roles, rounded, statements_of, subject_key,
                               triple_blame, truncated)
from linter.tablelinks import whole_from_tables
from linter.vocab import load_json


@dataclass
class _Check:
    """One printed percentage and the value the figures give for it."""

    q: Quantity
    computed: Interval
    message: str  # "{calc}" is replaced by the computed value at the printed decimals
    related: list
    fits_round: bool
    fits_trunc: bool
    adjusted: bool = False  # one unit off in a list of shares printed to add up to exactly 100%


class NarrativePercentMismatch(IssueRule):
    """A stated percentage (增长C% / 占C% / 完成预算的X%) does not follow from the stated amounts.

    *What it does*: in any statement, whatever its subject, checks a percentage change against
    change / the amount it is measured against (stated, or this year's amount minus the
    change); a share 占B的C% against part / whole, the whole taken from the text (named, or the
    total that opens the list of parts: this year's amount of the list's subject, never the
    amount it is compared with, 比上年安排数Z; a list of parts of a part, 基本支出A，包括人员经费a、
    公用经费b, ends at 「；」 or at the next part named like that part, 项目支出B，占Q%, whose share is
    of the outer total again) or from the tables, in any order of the words (A、B分别为
    X、Y，占支出总额的比重分别为P、Q; A、B各是X、Y万元，各占P、Q; A X万元、B Y万元，依次占P、Q;
    227.07万元中，88.16%（200.19万元）用于A; 用于A的占P%，计Y万元; A占P%（Y万元）; 支出X万元，
    A占比为P%，B占比为Q%, also in the paragraph after a total on a line of its own); the shares of a list of parts against 100% — over it always, under it when
    the parts make up their total (their amounts add up to it, or they name one composition of
    its item, or every 类 the tables show for it); a 决算's 完成年初预算的X% / 执行率 / 执行比例 /
    完成率 against 决算 / 年初预算 (with 年初预算 and 全年预算数 / 调整后预算 both stated, against the
    adjusted one, naming the base a rate on the other fits; with no budget stated, against the
    budget its change gives, 决算A，比年初预算增加D: A / (A − D), when the rate is the figure that
    does not hold); a ratio 为上年X的R% against this
    year / the prior;
    a neutral 增减率-18.45% / 变动率+4.1% keeps its printed sign (its direction), a 预算完成X% is a
    completion rate, and a percentage after 同口径 / 剔除…因素后 is measured only on that footing;
    and a share's change in 百分点 against both years' shares. Each percentage is compared by
    the interval of its printed decimals, rounded or truncated (12.349% printed 12.34%: many
    documents truncate, and a figure that fits either reading is not wrong); in a list whose
    printed shares add up to exactly 100%, one share a unit off in its last decimal is the
    convention of adjusting a share to make the list add up, not an error. A loose percentage
    (约10%, 近10%, 10%左右) holds within the wider of 10% of its value and one unit of its last
    digit. A named whole is found under any wording of it (占“三公”经费预算的X% … “三公”经费合计Y;
    占支出总计的 … 支出预算总计), before or after the share. A share computed against another whole
    than the one named is reported with the whole that fits: another amount of the paragraph,
    else the one total the text states elsewhere or the tables show that gives the share at its
    printed precision. Rates are reported in the document's own terms (a 绩效自评报告's 全年执行数 /
    全年预算数 / 执行率; a 决算's 决算 / 年初预算). A growth rate on a base of zero is a warning.

    *Why it matters*: percentages are quoted on their own; a wrong one survives every later
    correction of the amounts.

    *Bad*:
        单位预留机动经费2025年安排35.00万元，上年预算数为30.00万元，增加5.00万元，增长15.00%

    *Good*:
        单位预留机动经费2025年安排35.00万元，上年预算数为30.00万元，增加5.00万元，增长16.67%
    """

    code = "BL205"
    name = "narrative-percent-mismatch"
    severity = "error"
    kinds = ('percent', 'from-zero')

    def check(self, doc):
        yield from super().check(doc)
        sts = statements_of(doc)
        checks: list[_Check] = []
        for st in sts:
            growth = [self._growth(doc, view) for view in base_views(st)]  # 比年初预算…，比上年…: each its own
            for found in (*growth, self._rate(doc, st, sts), self._ratio(doc, st), self._share(doc, st, sts),
                          self._siblings(doc, st, sts)):
                for item in found:
                    if isinstance(item, _Check):
                        checks.append(item)
                    else:
                        yield item
        for c in checks:
            if c.fits_round or c.fits_trunc or c.adjusted:
                continue
            q = c.q
            calc = format_decimal(abs(middle(c.computed)), q.value.decimals)
            if q.role == "pct_change" and neutral(q) and q.value.value < 0 and middle(c.computed) < 0:
                calc = "-" + calc  # 增减率-18.45%: a neutral word's direction is its printed sign
            yield self.at_span(doc, q.line, q.start, q.stop, c.message.replace("{calc}", calc),
                               related=c.related, suggestion=f"改为{calc}%")
        yield from self._partitions(doc, sts)

    @staticmethod
    def _fit(q: Quantity, computed: Interval) -> tuple[bool, bool]:
        return rounded(q).meets(computed), truncated(q).meets(computed)

    def _growth(self, doc, st: Statement):
        c = st.one("pct_change")
        if c is None or c.sign is None or c.unit != "%":
            return
        d = st.one("change", True)
        if d is not None and (d.sign is None or d.base != c.base or d.qualifier != c.qualifier):
            d = None
        a = on_footing(st, "amount", c)
        base_q = on_footing(st, "budget" if c.base == "budget" else "prior", c)
        if d is not None and d.value.value == 0 and c.value.value == 0:
            return
        if d is not None and a is not None and base_q is not None:
            amounts = a.interval() - base_q.interval()
            if not d.signed().meets(amounts) and not flipped(d.signed()).meets(amounts):
                d = None  # the change is wrong (BL203 reports it): the percentage is read from the amounts
        if d is not None:
            num = d.signed()
        elif a is not None and base_q is not None:
            num = a.interval() - base_q.interval()
        else:
            return
        if base_q is not None:
            base = base_q.interval()
        elif a is not None:
            base = a.interval() - num
            if base.low <= 0:
                return  # a new subject (增长100%): nothing to compute
        else:
            return
        r = ratio(num, base)
        if r is None:
            if base_q is not None and base_q.value.value == 0 and c.value.value != 0:
                yield self.at_span(doc, c.line, c.start, c.stop,
                                   f"{st.name()}上年为{base_q.text.strip()}，「{c.word}{c.text.strip()}」无从计算",
                                   related=[related_quantity(doc, base_q, "上年金额")],
                                   suggestion="改写为新增金额，不写增长率", severity="warning")
            return
        if d is not None and c.sign and d.sign and c.value.value and d.value.value and (
                direction(c) != direction(d) if neutral(c) or neutral(d) else c.sign != d.sign):
            return  # the words (or a neutral word's sign) disagree: BL204
        m = middle(r)
        if c.sign and m and (m > 0) != (direction(c) > 0) and (c.value.value > 0 or neutral(c)):
            return  # the direction is wrong, not the size: BL204 when it can tell
        blame = triple_blame(st)
        if blame is not None and blame[0] != "percent":
            return  # the change is the likelier typo, or nothing tells (BL203), or both words are turned (BL204)
        related = [related_quantity(doc, x, note) for x, note in ((d, "增减额"), (a, "本年金额"), (base_q, "比较基数"))
                   if x is not None]
        fr, ft = self._fit(c, r)
        yield _Check(c, r, f"{st.name()}{c.word}{c.text.strip()}，按所列金额计算为{{calc}}%", related, fr, ft)

    def _rate(self, doc, st: Statement, sts):
        """完成年初预算的X% / 执行率X% against 决算 (执行数) / the budget. When the statement
        gives two budgets (年初预算 and 全年预算数 / 调整后预算), the rate is measured against the
        adjusted one; a rate that fits only the other is reported with the base it fits."""
        q = st.one("rate")
        if q is None:
            return
        a = st.one("amount", True)
        budgets = _distinct(st.all("budget", True))
        if a is not None and not budgets:
            yield from self._rate_by_change(doc, st, q, a)
            return
        if a is None:
            return
        base = _rate_base(budgets)
        if base is None:
            return
        r = ratio(a.interval(), base.interval())
        if r is None:
            return
        fr, ft = self._fit(q, r)
        # in the document's own terms: a 绩效自评报告 states 全年执行数 / 全年预算数 / 执行率, a 决算
        # 决算数 / 年初预算 / 完成年初预算的X%
        a_label = _label(st, a, roles().final, "决算数")
        label = _label(st, base, roles().budget, base.word if len(budgets) > 1 and base.word else "年初预算")
        q_label = _label(st, q, roles().rate, "完成预算").removesuffix("的")
        message = f"{q_label}{q.text.strip()}，按{a_label}{a.text.strip()}、{label}{base.text.strip()}计算为{{calc}}%"
        related = [related_quantity(doc, a, a_label), related_quantity(doc, base, label)]
        if not fr and not ft:
            for other in budgets:
                if other is base:
                    continue
                ro = ratio(a.interval(), other.interval())
                if ro is not None and (rounded(q).meets(ro) or truncated(q).meets(ro)):
                    message += f"；{q.text.strip()}是以{other.word or '预算'}{other.text.strip()}为基数算的，" \
                               f"同时列有{label}时应以{label}为基数"
                    related.append(related_quantity(doc, other, "相符的基数"))
                    break
        yield _Check(q, r, message, related, fr, ft)

    def _rate_by_change(self, doc, st: Statement, q: Quantity, a: Quantity):
        """决算A，比年初预算增加D，完成年初预算的R% with no budget stated: the budget is A − D; the
        rate is reported when it is the figure that does not hold (statements.completion_blame;
        else BL203 reports the change, or BL204 its word)."""
        blame = completion_blame(st)
        d = budget_change(st)
        if blame is None or blame[0] != "rate" or d is None:
            return
        computed = ratio(a.interval(), a.interval() - d.signed())
        if computed is None:
            return
        fr, ft = self._fit(q, computed)
        a_label = _label(st, a, roles().final, "决算数")
        q_label = _label(st, q, roles().rate, "完成预算").removesuffix("的")
        yield _Check(q, computed, f"{q_label}{q.text.strip()}，按{a_label}{a.text.strip()}、比年初预算{d.word}"
                                  f"{d.text.strip()}计算为{{calc}}%",
                     [related_quantity(doc, a, a_label), related_quantity(doc, d, "与年初预算的差额")], fr, ft)

    def _ratio(self, doc, st: Statement):
        """为上年1.96万元的102.04%: this year's amount / last year's. With no prior amount stated,
        a ratio and a change that disagree are one pair (BL203 reports the change against it)."""
        q = st.one("ratio")
        a, p = st.one("amount", True), st.one("prior", True)
        if q is None or q.unit != "%" or a is None or p is None:
            return
        r = ratio(a.interval(), p.interval())
        if r is None:
            return
        fr, ft = self._fit(q, r)
        yield _Check(q, r, f"{st.name()}为上年的{q.text.strip()}，按本年{a.text.strip()}、上年{p.text.strip()}计算为{{calc}}%",
                     [related_quantity(doc, a, "本年金额"), related_quantity(doc, p, "上年金额")], fr, ft)

    def _share(self, doc, st: Statement, sts):
        for q in st.all("share"):
            if q.unit != "%":
                continue
            part = st.one("amount", True)
            if part is None or part.pos > q.pos and not _SHARE_THEN_AMOUNT.match(st.text[q.end:part.pos]):
                continue  # 占87.6%，为284.09万元: the amount right after a share is its part
            whole = _whole(doc, st, q, sts)
            if whole is None:
                continue
            wiv, wname, wrel = whole
            r = ratio(part.interval(), wiv)
            if r is None:
                continue
            fr, ft = self._fit(q, r)
            adjusted = _adjusted(q, r, [x.one("share") for x in sts if st.head is not None and x.head == st.head])
            related = [related_quantity(doc, part, "部分")] + ([wrel] if wrel is not None else [])
            message = f"{st.name()}{part.text.strip()}占{wname}应为{{calc}}%，文中写{q.text.strip()}"
            if not fr and not ft:
                fits = _fitting_whole(doc, st, q, part, sts)
                if fits is not None:
                    message += f"；{q.text.strip()}是占{fits[0]}的比例，分母用错"
                    if fits[1] is not None:
                        related.append(fits[1])
            yield _Check(q, r, message, related, fr, ft, adjusted)

    def _siblings(self, doc, st: Statement, sts):
        """基本支出X，占a%；项目支出Y，占b% with no whole named or stated: the parts are read as
        the whole's breakdown when at least one share fits their sum, and the others are
        checked against it (a list that is not the whole breakdown fits none and is left alone)."""
        def sibling(x: Statement) -> bool:
            return _sibling(x, lambda q: _whole(doc, x, q, sts) is None)

        if not sibling(st) or (st.index and sibling(sts[st.index - 1]) and _joined(sts[st.index - 1], st)):
            return  # not the first of a run
        run = [st]
        while run[-1].index + 1 < len(sts) and sibling(sts[run[-1].index + 1]) and _joined(run[-1], sts[run[-1].index + 1]):
            run.append(sts[run[-1].index + 1])
        if len(run) < 2 or len({_whole_key(subject_key(x.one("share").whole)) for x in run}) > 1:
            return  # shares of different wholes are no partition
        parts = [x.one("amount", True) for x in run]
        total = Interval(sum(p.interval().low for p in parts), sum(p.interval().high for p in parts))
        checks = []
        for x, part in zip(run, parts):
            q = x.one("share")
            r = ratio(part.interval(), total)
            if r is None:
                return
            fr, ft = self._fit(q, r)
            listing = "、".join(f"{_heading_name(y)}{p.text.strip()}" for y, p in zip(run, parts))
            checks.append(_Check(q, r, f"{_heading_name(x)}{part.text.strip()}占所列各项合计（{listing}）应为{{calc}}%，文中写{q.text.strip()}",
                                 [related_quantity(doc, part, "部分")] + [related_quantity(doc, p, "并列项") for p in parts if p is not part],
                                 fr, ft, _adjusted(q, r, [y.one("share") for y in run])))
        if any(c.fits_round or c.fits_trunc for c in checks):
            yield from checks

    def _partitions(self, doc, sts):
        """The shares of the parts listed under a total add up to 100% when the parts make it up:
        their amounts add up to the total, or they name one composition of the total's item
        (基本支出 and 项目支出 of 支出合计) or every 类 the tables show for it. A list's shares
        over 100% are wrong whatever it covers."""
        by_head: dict[int, list[Statement]] = {}  # grouped once: a scan per head was quadratic
        for s in sts:
            if s.head is not None:
                by_head.setdefault(s.head, []).append(s)
        for head in sts:
            members = by_head.get(head.index, [])
            total = head.one("amount", True)
            if len(members) < 2 or total is None:
                continue
            shares = [s.one("share") for s in members]
            if any(x is None or x.unit != "%" or x.whole and not _generic_whole(x.whole) for x in shares):
                continue
            if all(s.one("amount", True) is not None for s in members):
                continue  # each share is checked against its own amount
            parts = [s.one("amount", True) for s in members]
            complete = all(p is not None for p in parts) and total.interval().meets(
                Interval(sum(p.interval().low for p in parts), sum(p.interval().high for p in parts)))
            if not complete:
                item = _item_at(doc, head, total)
                complete = item is not None and _covers(doc, item, members)
            yield from self._partition_sum(doc, head.name(), members, shares, complete, total)
        yield from self._listed_partitions(doc, sts)

    def _listed_partitions(self, doc, sts):
        """基本支出、项目支出占支出总额的比重分别为a%、b%: the shares of one respectively-list,
        of one whole and printed without their amounts, in no list of a stated total; over 100%
        they are wrong, under it when the parts make up the whole they name."""
        from linter.claims import is_part_of, match_item
        from linter.lists import lists_of

        groups: dict[tuple[int, int], list[Statement]] = {}
        for st in sts:
            q = st.one("share")
            if q is None or st.head is not None or q.unit != "%" or st.one("amount", True) is not None:
                continue
            listed = lists_of(doc, doc.paragraphs[st.paragraph]).get(q.pos)
            if listed is not None and listed.group >= 0:
                groups.setdefault((st.paragraph, listed.group), []).append(st)
        for members in groups.values():
            shares = [m.one("share") for m in members]
            if len(members) < 2 or len({_whole_key(subject_key(x.whole)) for x in shares}) > 1:
                continue
            items = [match_item(m.subject) for m in members]
            if any(a and b and a[0] != b[0] and is_part_of(a[0], b[0]) for a in items for b in items):
                continue  # 基本支出、人员经费分别占…: a part and its whole overlap
            whole = shares[0].whole
            found = match_item(whole) if whole and not _generic_whole(whole) else None
            complete = found is not None and _covers(doc, found[0], members)
            yield from self._partition_sum(doc, whole or "总额", members, shares, complete, None)

    def _partition_sum(self, doc, name: str, members, shares, complete: bool, total):
        low = sum(x.value.low for x in shares)
        high = sum(x.value.high for x in shares)
        step = sum(x.value.half_ulp * 2 for x in shares)
        over = low > 100
        under = high + step < 100
        if not (over or (under and complete)):
            return
        last = shares[-1]
        listing = "、".join(f"{s.name()}{x.text.strip()}" for s, x in zip(members, shares))
        yield self.at_span(
            doc, last.line, last.start, last.stop,
            f"{name}各组成部分占比合计{format_decimal((low + high) / 2, max(x.value.decimals for x in shares))}%"
            f"（{listing}），{'超过' if over else '不足'}100%",
            related=[related_quantity(doc, x, s.name()) for s, x in zip(members[:-1], shares[:-1])]
            + ([related_quantity(doc, total, "合计")] if total is not None else []),
            suggestion="核对各项占比，合计应为100%")


def _item_at(doc, st: Statement, q: Quantity) -> str | None:
    """The item of the claim the claim layer reads at a statement's amount."""
    from linter.claims import claims_of

    for c in claims_of(doc):
        if c.paragraph == st.paragraph and c.pos == q.pos and c.relation == "amount":
            return c.item
    return None


_CODE_MARK = regex.compile(r"[（(【\[]\s*\d{0,7}\s*[类款项]?\s*[)）】\]]")


def _covers(doc, item: str, members: list[Statement]) -> bool:
    """Whether the members name all of `item`: one of its compositions (data/items.json), or
    every 类 the tables show with an amount for it (a 类 named with its code or quotes)."""
    from linter.claims import FUNC, ledger_of, match_item, vocab
    from linter.reconcile import func_key, table_classes

    named = {found[0] for m in members if (found := match_item(m.subject))}
    if any(set(d) <= named for d in vocab().compositions.get(item, [])):
        return True
    ledger = ledger_of(doc)
    classes = table_classes(item, ledger)
    if not classes:
        return False
    keys = set()
    for m in members:
        name = subject_key(_CODE_MARK.sub("", m.subject))
        key = func_key(FUNC + name, ledger) or func_key(FUNC + name + "支出", ledger)
        if key is not None:
            keys.add(key)
    return classes <= keys


_LABEL_TAIL = regex.compile(r"(?:为|是|达|了|的|：|:|\s)+$")


def _label(st: Statement, q: Quantity, words: regex.Pattern, default: str) -> str:
    """The words the text labels a figure with (全年执行数, 年初预算, 预算执行率), read in its own
    clause; `default` when the clause prints none."""
    text = st.text
    clause = text[clause_start(text, q.pos):q.pos]
    found = None
    for found in words.finditer(clause):
        pass
    if found is None:
        return default
    start = found.start()
    if clause[max(start - 2, 0):start] in _QUALIFIERS:
        start -= 2  # 全年执行数: the qualifier is part of the label
    return _LABEL_TAIL.sub("", clause[start:]) or default


_QUALIFIERS = ("全年", "年初", "本年", "当年", "实际", "调整")


def _distinct(budgets: list[Quantity]) -> list[Quantity]:
    """The budgets of a statement, one per value (年初预算 restated in the same words once)."""
    out: list[Quantity] = []
    for b in budgets:
        if not any(o.interval() == b.interval() for o in out):
            out.append(b)
    return out


_ADJUSTED = regex.compile(r"全年|调整")


def _rate_base(budgets: list[Quantity]) -> Quantity | None:
    """The budget an execution rate is measured against: the only one; of 年初预算 and an
    adjusted budget (全年预算数, 调整后预算), the adjusted one; None when that cannot be told."""
    if len(budgets) == 1:
        return budgets[0]
    adjusted = [b for b in budgets if _ADJUSTED.search(b.word)]
    return adjusted[0] if len(adjusted) == 1 else None


def _adjusted(q: Quantity, computed: Interval, shares: list) -> bool:
    """A share one unit off in its last decimal in a list whose printed shares add up to exactly
    100%: the publishing convention of adjusting one share so the list totals 100%."""
    shares = [x for x in shares if x is not None and x.unit == "%"]
    if len(shares) < 2 or q not in shares or sum(x.value.value for x in shares) != 100:
        return False
    unit = q.value.half_ulp * 2
    return Interval(q.value.value - unit - q.value.half_ulp, q.value.value + unit + q.value.half_ulp).meets(computed)


_SHARE_THEN_AMOUNT = regex.compile(r"^\s*[，,（(]?\s*(?:为|计|是|达|即|金额为?|共)?\s*$")


def _generic_whole(words: str) -> bool:
    """占总额的 / 占合计的: the whole of the list the share is in, not a subject of its own."""
    return bool(regex.match(load_json("statements.json")["generic_whole"], words.strip()))


def _sibling(st: Statement, unresolved=lambda q: False) -> bool:
    """A part stated with its amount and a share of an unnamed whole (or a named one that neither
    the text nor the tables state: 分别占基本支出的64.2%、35.8%), in no list of a total."""
    q = st.one("share")
    return st.head is None and q is not None and q.unit == "%" \
        and (not q.whole or _generic_whole(q.whole) or unresolved(q)) \
        and st.one("amount", True) is not None \
        and len(st.quantities) == 2


def _heading_name(st: Statement) -> str:
    """The statement's subject, or the words its paragraph opens with before a colon
    (（一）基本支出：占比25.8%…) when no clause of it names one."""
    if st.subject:
        return st.subject
    first = st.quantities[0].pos
    colon = max(st.text.rfind("：", 0, first), st.text.rfind(":", 0, first))
    if colon > 0:
        words, _off = clean_subject(st.text[clause_start(st.text, colon):colon])
        if words:
            return words
    return st.name()


def _joined(a: Statement, b: Statement) -> bool:
    if a.paragraph == b.paragraph:
        return "。" not in a.text[a.quantities[-1].end:b.quantities[0].pos]
    # （一）基本支出：占比…；（二）项目支出：占比…: one numbered paragraph after another
    numbering = roles().numbering
    return b.paragraph == a.paragraph + 1 and bool(numbering.match(a.text.lstrip())) and bool(numbering.match(b.text.lstrip()))


def _whole(doc, st: Statement, q: Quantity, sts) -> tuple[Interval, str, Related] | None:
    """The whole a share is of: named in the text (a statement of the paragraph with that
    subject, else the tables' row or column of that name), or the total that opens the list."""
    if q.whole and not _generic_whole(q.whole):
        key = _whole_key(subject_key(clean_subject(q.whole)[0] or q.whole))
        # the paragraph's own statement of the whole first, then one anywhere in the document
        # (占“三公”经费预算的77.6% … “三公”经费合计100,200.00元: the 合计 names the same whole)
        named = [o for o in sts if o is not st and _whole_key(o.key) == key and o.one("amount", True) is not None]
        named.sort(key=lambda o: o.paragraph != st.paragraph)
        elsewhere_ok = key not in roles().generic  # 支出 stated in another paragraph may be any 支出
        if named and (named[0].paragraph == st.paragraph
                      or elsewhere_ok and len({o.one("amount", True).interval() for o in named}) == 1):
            other = named[0]
            a = other.one("amount", True)
            return a.interval(), f"{other.subject}{a.text.strip()}", related_quantity(doc, a, "总额")
        hit = _whole_from_claims(doc, st, q, sts) or whole_from_tables(doc, q.whole) or _whole_from_ledger(doc, q.whole)
        if hit is not None:
            return hit
        return None
    if st.head is not None:
        head = sts[st.head]
        a = head.one("amount", True)
        if a is not None:
            return a.interval(), f"{head.name()}{a.text.strip()}", related_quantity(doc, a, "总额")
    return None


_TOTAL_WORD = regex.compile(r"(?<=\p{Han})(?:合计|总计|共计|总额)$")


def _whole_key(key: str) -> str:
    """A whole's key without its total word: “三公”经费合计 and “三公”经费 are one whole."""
    return _TOTAL_WORD.sub("", key)


def _whole_from_claims(doc, st: Statement, q: Quantity, sts):
    """A whole the text states under another wording of the same item (占支出总计的80% …
    支出预算总计600万元): the paragraph's amount of that item, else the one amount the document
    states for it elsewhere."""
    from linter.claims import claims_of, match_item

    found = match_item(q.whole)
    if found is None:
        return None
    item = found[0]
    amounts = [c for c in claims_of(doc) if c.item == item and c.relation == "amount" and c.is_money
               and c.period == "current" and c.scope is None]
    here = [c for c in amounts if c.paragraph == st.paragraph]
    if here:
        c = here[0]
    elif amounts and len({c.yuan() for c in amounts}) == 1:
        c = amounts[0]
    else:
        return None
    name = _stated_name(sts, c)
    return c.yuan(), f"{name}{c.text.strip()}", related_line(doc, c.line, name + c.text.strip(), c.start, c.end)


def _stated_name(sts, c) -> str:
    """The subject as the text names it where a claim's amount is stated."""
    from linter.claims import item_name

    for o in sts:
        if o.paragraph == c.paragraph and any(x.pos == c.pos for x in o.quantities):
            return o.name()
    return item_name(c.item)


def _whole_from_ledger(doc, words: str):
    """A whole the vocabulary names (“三公”经费, 支出合计) read from the table that carries it."""
    from linter.claims import ledger_of, match_item
    from linter.findings import related_cell

    found = match_item(words)
    if found is None:
        return None
    facts = [f for f in ledger_of(doc).get(found[0], []) if f.period == "current" and not f.proxy]
    if not facts or len({f.yuan() for f in facts}) != 1:
        return None
    f = facts[0]
    rel = related_cell(f.cell, f.where) if f.cell is not None else None
    return f.yuan(), f"{f.where}{f.number}{f.unit}", rel


def _fitting_whole(doc, st: Statement, q: Quantity, part: Quantity, sts):
    """The whole the share is exactly the share of: another amount of the paragraph, else a
    total the text states elsewhere or the tables show (基本支出占支出总计的80% where 80% is its
    share of 一般公共预算支出)."""
    printed = rounded(q)

    def fits(whole: Interval) -> bool:
        r = ratio(part.interval(), whole)
        # only a whole that gives the share as precisely as it is printed names it: 12.6% "fits"
        # 7,000元 / 5万元 only because 5万元 may be anything from 4.5 to 5.5万元
        return r is not None and printed.meets(r) and r.high - r.low <= 2 * (printed.high - printed.low)

    for other in sts:
        if other.paragraph != st.paragraph or other is st:
            continue
        a = other.one("amount", True)
        if a is not None and a is not part and fits(a.interval()):
            return f"{other.name()}{a.text.strip()}", related_quantity(doc, a, "相符的分母")
    return _fitting_total(doc, st, part, fits, sts)


def _fitting_total(doc, st: Statement, part: Quantity, fits, sts):
    """A total of the document's structure (an item that has parts or is one: 支出合计, 一般公共预算
    支出, “三公”经费 …) that the tables show, or the text states in another paragraph, and that the
    share fits; only when exactly one does."""
    from linter.claims import claims_of, item_name, ledger_of, vocab
    from linter.findings import related_cell

    v = vocab()
    structural = set(v.compositions) | {p for ds in v.compositions.values() for d in ds for p in d}
    found: dict[str, tuple] = {}
    for item, facts in ledger_of(doc).items():
        if item not in structural:
            continue
        for f in facts:
            if f.period == "current" and not f.proxy and f.number.value and fits(f.yuan()):
                rel = related_cell(f.cell, f.where) if f.cell is not None else None
                found.setdefault(item, (f"{item_name(item)}（{f.where}{f.number}{f.unit}）", rel))
    for c in claims_of(doc):
        if (c.item in structural and c.item not in found and c.relation == "amount" and c.is_money
                and c.period == "current" and c.scope is None and c.paragraph != st.paragraph and c.value.value
                and fits(c.yuan())):
            name = _stated_name(sts, c)
            found[c.item] = (f"{name}{c.text.strip()}", related_line(doc, c.line, name + c.text.strip(), c.start, c.end))
    if len(found) != 1:
        return None
    name, rel = next(iter(found.values()))
    return name, rel

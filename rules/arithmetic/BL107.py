from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.numbers import decimal_sum, interval_sum
from linter.vocab import load_json
from linter.figures import amount, coded_cells, decimals_of, economic_amounts, groups, money, printed, tally, unit_of


def _by_code(table, key_order):
    """code -> (cell, name) in the first column of these keys the table has once."""
    cols = next((table.column_index(k) for k in key_order if len(table.column_index(k)) == 1), None)
    return coded_cells(table, cols[0]) if cols else {}


class ContributionMirrorMismatch(Rule):
    """A contribution differs between its economic and its functional classification.

    *What it does*: for social-security and housing-fund contributions, compares items that normally carry the same money in the 基本支出表
    (economic classification) and the 一般公共预算支出表 (function classification, 基本支出
    column): 30108 机关事业单位基本养老保险缴费 ↔ 2080505; 30109 职业年金缴费 ↔ 2080506;
    30110/30111 医疗保险缴费 ↔ 2101101/2101102/2101103; 30113 住房公积金 ↔ 2210201 (the pairs
    are data, linter/data/mirrors.json). An item printed on one side only counts as zero on
    the other. A warning: the mirror is usual practice, not a rule of law.

    *Why it matters*: a difference usually means the contribution was booked under
    行政运行 instead of its own function item, or one table was not updated.

    *Bad*:
        30108 机关事业单位基本养老保险缴费 16.15 / no 2080505 row

    *Good*:
        30108 机关事业单位基本养老保险缴费 16.15 / 2080505 机关事业单位基本养老保险缴费支出 16.15
    """

    code = "BL107"
    name = "contribution-mirror-mismatch"
    severity = "warning"

    def check(self, doc):
        for group in groups(doc):
            basic, gpb = group.get("basic"), group.get("gpb")
            if basic is None or gpb is None or basic.is_empty() or gpb.is_empty() or basic.unit != gpb.unit:
                continue
            yield from self._pair(doc, basic, gpb)

    def _pair(self, doc, basic, gpb):
        econ = economic_amounts(basic)
        func = _by_code(gpb, ("基本支出", "合计", "金额"))  # 金额: a table of one amount column (江苏)
        if not econ or not func:
            return
        for m in load_json("mirrors.json")["mirrors"]:
            e = [(econ[c][0], f"{c} {econ[c][1]}") for c in m["economic"] if c in econ]
            f = [(func[c][0], f"{c} {func[c][1]}") for c in m["functional"] if c in func]
            if not any(printed(c) for c, _ in e):
                continue  # nothing booked on the economic side: nothing to mirror
            en = [amount(c) for c, _ in e]
            fn = [amount(c) for c, _ in f]
            if any(x is None for x in en + fn):
                continue
            tally(doc, self.code)
            if interval_sum(en).meets(interval_sum(fn)):
                continue
            dec = decimals_of(*(en + fn))
            es, fs = decimal_sum(en), decimal_sum(fn)
            anchor = e[0][0]
            if f:
                other = "、".join(label for _, label in f)
                msg = (f"《{basic.label()}》{m['name']}（{'、'.join(l for _, l in e)}）为{money(es, dec)}，"
                       f"而《{gpb.label()}》{other}为{money(fs, dec)}{unit_of(basic)}，相差{money(es - fs, dec)}")
            else:
                msg = (f"《{basic.label()}》{m['name']}（{'、'.join(l for _, l in e)}）为{money(es, dec)}"
                       f"{unit_of(basic)}，而《{gpb.label()}》没有对应的功能分类科目"
                       f"（{'、'.join(m['functional'])}）")
            yield self.at_cell(
                anchor, msg, related=[related_cell(c, f"《{gpb.label()}》{label}") for c, label in f],
                suggestion=f"核对{m['name']}的功能分类归属（通常列{'、'.join(m['functional'])}）",
            )

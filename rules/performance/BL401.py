from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import cell_amount, fmt, self_eval_tables, target_tables
from linter.numbers import decimal_sum, sum_agrees


class BudgetSourcesMismatch(Rule):
    """A performance table's 预算数 is not 财政资金 + 其他资金.

    *What it does*: in every 项目绩效目标表 checks 预算数 against 其中：财政资金 plus 其他资金;
    in every 绩效自评表 checks 预算数, 到位数 and 执行数 (年初预算数, 全年预算数 and 全年执行数 in the
    Ministry of Finance form) against their 其中：财政资金 (当年财政拨款), 上年结转资金 and 其他 rows,
    with the interval rounding rule.

    *Why it matters*: the two sources are the whole of the project's money; a total that is not
    their sum means one of the three figures was edited alone.

    *Bad*:
        预算数 9.00 | 其中：财政资金 8.00 | 其他资金 (空)

    *Good*:
        预算数 9.00 | 其中：财政资金 9.00 | 其他资金 (空)
    """

    code = "BL401"
    name = "budget-sources-mismatch"
    severity = "error"

    def check(self, doc):
        for t in target_tables(doc):
            yield from self._check(t.label(), "预算数", t.budget, t.fiscal, t.other, t.unit, t.carryover)
        for s in self_eval_tables(doc):
            for key, total in s.totals.items():
                yield from self._check(s.label(), key, total, s.fiscal.get(key), s.other.get(key), s.unit,
                                       s.carryover.get(key))

    def _check(self, label, key, total_cell, fiscal_cell, other_cell, unit, carry_cell=None):
        total = cell_amount(total_cell)
        if total is None or fiscal_cell is None or total_cell.blank:
            return
        cells = [(fiscal_cell, "其中：财政资金"), (carry_cell, "上年结转资金"), (other_cell, "其他资金")]
        # a blank or dash part is exactly zero: it adds nothing, not even rounding slack
        cells = [(c, n) for c, n in cells if c is not None and c.number is not None]
        parts = [c.number for c, _ in cells]
        if not parts or fiscal_cell.blank:
            return
        if sum_agrees(total, parts):
            return
        s = decimal_sum(parts)
        dec = max(p.decimals for p in parts + [total])
        related = [related_cell(c, n) for c, n in cells]
        what = "、".join(n.replace("其中：", "") for _, n in cells)
        yield self.at_cell(
            total_cell,
            f"{label}{key}{fmt(total.value, dec)}{unit}，{what}合计{fmt(s, dec)}{unit}，相差{fmt(total.value - s, dec)}{unit}",
            related=related, suggestion=f"核对后将{key}改为{fmt(s, dec)}，或改正资金来源",
        )

from __future__ import annotations

from decimal import Decimal

from linter.engine import Rule
from linter.findings import related_cell
from linter.numbers import decimal_sum, sum_agrees

from .common import amount, amount_columns, cell_in, decimals_of, money, two_blocks, unit_of


class ClassificationRollup(Rule):
    """A 类/款/项 (or 经济分类 类/款) row does not equal the sum of the rows under it.

    *What it does*: in tables keyed by classification codes (3/5/7-digit 功能分类, 3/5-digit
    经济分类), checks every amount column: a 类 row against its 款 rows, a 款 row against its 项
    rows, and the 合计 row against the 类 rows, with the interval rounding rule.

    *Why it matters*: a parent row that disagrees with its children means a row was edited
    without the totals, or a child row was deleted; the published figures cannot all be true.

    *Bad*:
        201 一般公共服务支出 91.04 / 20137 网信事务 90.04

    *Good*:
        201 一般公共服务支出 91.04 / 20137 网信事务 91.04
    """

    code = "BL101"
    name = "classification-rollup-mismatch"
    severity = "error"

    def check(self, doc):
        for table in doc.tables:
            info = getattr(table, "row_info", None)
            if not info or not any(i.code for i in info) or two_blocks(table):
                continue
            rows = table.data_rows()
            cols = amount_columns(table)
            for idx, (row, key) in enumerate(zip(rows, info)):
                if key.code:
                    children = [i for i, k in enumerate(info)
                                if k.code and len(k.code) == len(key.code) + 2 and k.code.startswith(key.code)]
                    label = f"{key.code} {key.name}"
                    what = "下级科目"
                elif key.name.replace(" ", "") in ("合计", "总计"):
                    top = min((len(k.code) for k in info if k.code), default=0)
                    children = [i for i, k in enumerate(info) if k.code and len(k.code) == top]
                    label = key.name.replace(" ", "")
                    what = "各类科目"
                else:
                    continue
                if not children:
                    continue
                for col in cols:
                    parent = cell_in(row, col)
                    total = amount(parent)
                    parts = [amount(cell_in(rows[i], col)) for i in children]
                    if parent is None or total is None or any(p is None for p in parts):
                        continue
                    if sum_agrees(total, parts):
                        continue
                    dec = decimals_of(total, *parts)
                    s = decimal_sum(parts)
                    diff = total.value - s
                    colname = table.column_labels[col] or table.columns[col]
                    related = [related_cell(cell_in(rows[i], col), f"{info[i].code} {info[i].name}")
                               for i in children if cell_in(rows[i], col) is not None][:8]
                    yield self.at_cell(
                        parent,
                        f"{table.label()}「{label}」{colname}为{money(total.value, dec)}，"
                        f"{what}合计{money(s, dec)}{unit_of(table)}，相差{money(diff, dec)}",
                        related=related,
                        suggestion=f"核对后改为{money(s, dec)}，或改正下级科目金额",
                    )

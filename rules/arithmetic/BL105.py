from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.numbers import agree
from linter.figures import (ZERO, amount, amount_columns, clean_name, coded_cells, column_name, decimals_of, groups, money,
                     only_fiscal_income, only_gpb, printed, summary_sides, tally, unit_of)


def _table(group, prefix):
    t = group.get(prefix)
    return t if t is not None and not t.is_empty() else None


def _amount_key(table):
    """The key of a table's one amount column (金额), else 合计."""
    cols = amount_columns(table)
    return table.columns[cols[0]] if len(cols) == 1 else "合计"


class CrossTableRowMismatch(Rule):
    """A classification row differs between two tables that must agree on it.

    *What it does*: compares, row by row, tables that show the same money by function
    classification: each 支出 item of the 收支总表 against the 类 row of the 支出总表 with the
    same name; each 支出 item of the 财政拨款收支总表 (一般公共预算 column) against the 类 row of
    the 一般公共预算支出表; and, when the 收支总表 shows no income but 一般公共预算 money, every
    类/款/项 row of the 支出总表 and of the 收入总表 against the same code in the 一般公共预算支出表
    (合计, 基本支出, 项目支出). In the Jiangsu layout (one 金额 column per table), the
    财政拨款支出表 against the 一般公共预算支出表 and the 财政拨款基本支出表 against the
    一般公共预算基本支出表 row by row when all money is 一般公共预算, and the 收支总表's 支出 by
    function against the 类 rows of the 财政拨款支出表 when all money is 财政拨款. A row missing
    on one side counts as zero there. Interval rounding
    rule. Several sets of tables in one document are compared set by set.

    *Why it matters*: the same function code cannot carry two amounts in one budget; a
    difference points at the row that was edited in one table only.

    *Bad*:
        支出总表 2013701 行政运行 61.04 / 一般公共预算支出表 2013701 行政运行 60.04

    *Good*:
        支出总表 2013701 行政运行 61.04 / 一般公共预算支出表 2013701 行政运行 61.04
    """

    code = "BL105"
    name = "cross-table-row-mismatch"
    severity = "error"

    def check(self, doc):
        seen = set()
        for f in self._findings(doc):
            key = (f.line, f.column)
            if key not in seen:
                seen.add(key)
                yield f

    def _findings(self, doc):
        self._doc = doc
        for group in groups(doc):
            yield from self._group(group)

    def _group(self, group):
        expense, gpb, income = _table(group, "expense"), _table(group, "gpb"), _table(group, "income")
        summary, fiscal = _table(group, "summary"), _table(group, "fiscal")
        if summary is not None and expense is not None:
            yield from self._items_vs_classes(summary, None, expense, "合计")
        if fiscal is not None and gpb is not None:
            yield from self._items_vs_classes(fiscal, "一般公共预算", gpb, "合计")
        fiscal_expense, fiscal_basic = _table(group, "fiscal_expense"), _table(group, "fiscal_basic")
        if summary is not None and expense is None and fiscal_expense is not None and only_fiscal_income(group):
            # 收支总表 支出 by function against the 财政拨款支出表 when all money is 财政拨款
            yield from self._items_vs_classes(summary, None, fiscal_expense, _amount_key(fiscal_expense))
        if gpb is not None and only_gpb(group):
            for other in (expense, income, fiscal_expense):
                if other is None or other.unit != gpb.unit:
                    continue
                for key in ("合计", "基本支出", "项目支出"):
                    ca, cb = other.column_index(key), gpb.column_index(key)
                    if len(ca) == 1 and len(cb) == 1:
                        yield from self._rows(other, ca[0], gpb, cb[0])
                if not other.column_index("合计") and not gpb.column_index("合计") \
                        and any(i.code for i in other.row_info):
                    ca, cb = amount_columns(other), amount_columns(gpb)
                    if len(ca) == 1 and len(cb) == 1:  # one 金额 column each
                        yield from self._rows(other, ca[0], gpb, cb[0])
        basic = _table(group, "basic")
        if basic is not None and fiscal_basic is not None and fiscal_basic.unit == basic.unit and only_gpb(group):
            # 财政拨款基本支出表 and 一般公共预算基本支出表, economic class by class
            ca, cb = amount_columns(fiscal_basic), amount_columns(basic)
            if len(ca) == 1 and len(cb) == 1:
                yield from self._rows(fiscal_basic, ca[0], basic, cb[0])

    def _items_vs_classes(self, summary, key, table, tkey):
        if summary.unit != table.unit:
            return
        tcols = table.column_index(tkey)
        if len(tcols) != 1:
            return
        classes = {clean_name(name): (cell, code) for code, (cell, name) in coded_cells(table, tcols[0], 1).items()}
        if not classes:
            return
        for side in summary_sides(summary):
            if "支" not in side.label:
                continue
            cols = [c for c in side.amount_cols if (summary.columns[c] == key if key else True)]
            if not cols:
                continue
            col = cols[0]
            for r in side.rows:
                if r.role != "item":
                    continue
                hit = classes.get(r.name)
                cell = r.cells.get(col)
                if hit is None:
                    continue
                yield from self._pair(summary, cell, f"「{r.name}」", table, hit[0], f"{hit[1]} {r.name}")

    def _rows(self, a, ca, b, cb):
        ra, rb = coded_cells(a, ca), coded_cells(b, cb)
        for code in list(ra) + [c for c in rb if c not in ra]:
            if code in ra and code in rb:
                (cell_a, name), (cell_b, _) = ra[code], rb[code]
                yield from self._pair(b, cell_b, f"{code} {name}（{column_name(b, cb)}）", a, cell_a,
                                      f"{code} {name}（{column_name(a, ca)}）")
            elif code in ra:
                cell, name = ra[code]
                n = amount(cell)
                if printed(cell) and n is not None and n.value != 0:
                    yield self._missing(a, cell, code, name, b)
            else:
                cell, name = rb[code]
                n = amount(cell)
                if printed(cell) and n is not None and n.value != 0:
                    yield self._missing(b, cell, code, name, a)

    def _pair(self, ta, cell_a, label_a, tb, cell_b, label_b):
        if cell_a is None or cell_b is None:
            return
        if not printed(cell_a) and not printed(cell_b):
            return
        na, nb = amount(cell_a), amount(cell_b)
        if na is not None and nb is not None:
            tally(self._doc, self.code)
        if na is None or nb is None or agree(na, nb):
            return
        dec = decimals_of(na, nb)
        yield self.at_cell(
            cell_a,
            f"《{ta.label()}》{label_a}为{money(na.value, dec)}，而《{tb.label()}》{label_b}为"
            f"{money(nb.value, dec)}{unit_of(ta)}，相差{money(na.value - nb.value, dec)}",
            related=[related_cell(cell_b, f"《{tb.label()}》{label_b}")],
            suggestion="核对两表同一科目的金额",
        )

    def _missing(self, table, cell, code, name, other):
        n = amount(cell) or ZERO
        return self.at_cell(
            cell,
            f"《{table.label()}》{code} {name}为{n}{unit_of(table)}，而《{other.label()}》没有这一科目",
            suggestion=f"在《{other.label()}》补列该科目，或核对科目编码",
        )

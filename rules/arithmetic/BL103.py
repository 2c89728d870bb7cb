from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.numbers import agree
from linter.figures import column_name, decimals_of, money, printed, sum_mismatch, summary_sides, tally, unit_of


SUMMARY_KINDS = ("budget_summary", "final_summary", "budget_fiscal_summary", "final_fiscal_summary")


class SummaryTotalMismatch(Rule):
    """A 收支总表 total does not add up, or 收入总计 differs from 支出总计.

    *What it does*: in tables laid out as 收入 items | amounts | 支出 items | amounts
    (收支总表, 财政拨款收支总表 and their 决算 forms), for each side and amount column:
    本年收入合计 = the sum of the numbered income items (本年支出合计 likewise); an item =
    the sum of its numbered sub-items (1. 2. 3.; 其中 rows are not summed); 收入总计 =
    本年收入合计 + 上年结转结余 (支出总计 = 本年支出合计 + 年终结转结余; a carry-over row left
    blank counts as the sum of its own sub-rows, a printed one must equal them when they are
    printed); and 收入总计 = 支出总计. Interval rounding rule.

    *Why it matters*: the 收支总表 is the first table readers see; a total that is not
    the sum of its lines, or an unbalanced budget, is an obvious publication error.

    *Bad*:
        一、一般公共服务支出 91.04 … 二十、住房保障支出 5.00 | 本年支出合计 108.54

    *Good*:
        一、一般公共服务支出 91.04 … 二十、住房保障支出 5.00 | 本年支出合计 107.54
    """

    code = "BL103"
    name = "summary-total-mismatch"
    severity = "error"

    def check(self, doc):
        for table in doc.tables:
            if table.kind not in SUMMARY_KINDS or table.is_empty():
                continue
            self._doc = doc
            sides = summary_sides(table)
            for side in sides:
                for col in side.amount_cols:
                    yield from self._side(table, side, col)
            yield from self._balance(table, sides)

    def _side(self, table, side, col):
        rows = side.rows
        items = [r for r in rows if r.role == "item"]
        year = side.first("year_total")
        grand = side.first("grand_total")
        carries = [r for r in rows if r.role == "carry"]
        colname = column_name(table, col)
        # items = sum of numbered sub-items
        for r in rows:
            if r.role != "item":
                continue
            subs = side.children(r, "sub")
            if len(subs) >= 2:
                yield from self._compare(table, r.cells.get(col), r.name, [s.cells.get(col) for s in subs],
                                         [s.name for s in subs], "各明细项", colname)
        # a printed carry-over row = its fund rows (年初结转和结余 = 一般公共预算 + 政府性基金 + …)
        for r in carries:
            subs = side.children(r, "carry_sub")
            if printed(r.cells.get(col)) and any(printed(s.cells.get(col)) for s in subs):
                yield from self._compare(table, r.cells.get(col), r.name, [s.cells.get(col) for s in subs],
                                         [s.name for s in subs], "各明细项", colname)
        if year is not None and items:
            yield from self._compare(table, year.cells.get(col), year.name, [r.cells.get(col) for r in items],
                                     [r.name for r in items], "各项", colname)
        if grand is not None:
            if year is not None:
                parts = [year] + carries
            elif not carries and items:
                parts = items
            else:
                parts = items + carries
            cells, names = [], []
            for p in parts:
                c = p.cells.get(col)
                if p.role == "carry" and not printed(c):
                    subs = side.children(p, "carry_sub")
                    cells += [s.cells.get(col) for s in subs]
                    names += [s.name for s in subs]
                else:
                    cells.append(c)
                    names.append(p.name)
            if cells:
                yield from self._compare(table, grand.cells.get(col), grand.name, cells, names,
                                         "+".join(dict.fromkeys(n for n in (p.name for p in parts))) if year else "各项",
                                         colname)

    def _compare(self, table, total_cell, total_name, part_cells, part_names, what, colname):
        if total_cell is None:
            return
        if not printed(total_cell) and not any(printed(c) for c in part_cells):
            return
        m = sum_mismatch(self._doc, self.code, total_cell, part_cells)
        if m is None:
            return
        related = [related_cell(c, n) for c, n in zip(part_cells, part_names) if printed(c)][:8]
        col = f"（{colname}）" if colname not in ("预算数", "金额", "决算数", "合计", "") else ""
        yield self.at_cell(
            total_cell,
            f"《{table.label()}》{total_name}{col}为{m.fmt(m.total.value)}，{what}之和为{m.fmt(m.sum)}"
            f"{unit_of(table)}，相差{m.fmt(m.diff)}",
            related=related, suggestion=f"核对后改为{m.fmt(m.sum)}，或改正各项金额",
        )

    def _balance(self, table, sides):
        inc = next((s for s in sides if "收" in s.label), None)
        exp = next((s for s in sides if "支" in s.label), None)
        if inc is None or exp is None:
            return
        gi, ge = inc.first("grand_total"), exp.first("grand_total")
        if gi is None or ge is None:
            return
        a, b = gi.cells.get(inc.amount_cols[0]), ge.cells.get(exp.amount_cols[0])
        if not (printed(a) and printed(b)):
            return
        tally(self._doc, self.code)
        if agree(a.number, b.number):
            return
        dec = decimals_of(a.number, b.number)
        yield self.at_cell(
            b, f"《{table.label()}》{ge.name}{money(b.number.value, dec)}与{gi.name}{money(a.number.value, dec)}"
               f"{unit_of(table)}不相等，相差{money(b.number.value - a.number.value, dec)}",
            related=[related_cell(a, gi.name)], suggestion="收入总计应等于支出总计，核对两侧合计",
        )

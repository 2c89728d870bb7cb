from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.model import to_yuan_factor
from linter.numbers import decimal_sum, interval_sum
from linter.figures import data, decimals_of, figures, groups, money, only_fiscal_income, only_gpb, tally, unit_of


def _in(figure, factor):
    """A figure's printed number in the unit whose factor to 元 is given."""
    return figure.number.scaled(to_yuan_factor(figure.table.unit) / factor)


def _income_has_carry(group):
    return "income" in group and bool(group["income"].column_index("上年结转"))


CONDITIONS = {"only_fiscal_income": only_fiscal_income, "only_gpb": only_gpb, "income_has_carry": _income_has_carry,
              "income_without_carry": lambda doc: not _income_has_carry(doc)}


class CrossTableTotalMismatch(Rule):
    """The same total is printed differently in two of the standard tables.

    *What it does*: compares the totals the standard tables share (the list is data,
    linter/data/arithmetic.json `cross_totals`): 收支总表 收入总计 = 收入总表 合计;
    本年支出合计 = 支出总表 合计; 财政拨款收支总表 一般公共预算 / 政府性基金 / 国有资本经营
    支出 = the 合计 of the matching 支出表; 一般公共预算支出表 基本支出 = 基本支出表 合计. Some
    identities hold only when the document's money is all 财政拨款 (收支总表 =
    财政拨款收支总表) or all 一般公共预算 (支出总表 = 一般公共预算支出表, 支出总表 基本支出 =
    基本支出表 合计); they are checked only when the 收支总表 shows no other income. A 决算
    基本支出表 printed as two blocks gives 人员经费合计 + 公用经费合计 as its total. Empty
    tables (空表列示) are skipped; a document holding several sets of tables (部门 and 单位
    tables, a compilation) is checked set by set (see common.groups()).

    *Why it matters*: the tables are views of one budget; a total that differs between
    them means one table was not updated.

    *Bad*:
        收支总表 本年支出合计 107.54 / 支出总表 合计 106.54

    *Good*:
        收支总表 本年支出合计 107.54 / 支出总表 合计 107.54
    """

    code = "BL104"
    name = "cross-table-total-mismatch"
    severity = "error"

    def check(self, doc):
        seen = set()
        for group, figs in zip(groups(doc), figures(doc)):
            for ident in data()["cross_totals"]:
                yield from self._ident(doc, group, figs, ident, seen)

    def _ident(self, doc, group, figs, ident, seen):
        a = figs.get(ident["a"])
        names = ident["b"] if isinstance(ident["b"], list) else [ident["b"]]
        parts = [figs.get(n) for n in names]
        if a is None or any(p is None for p in parts) or any(p.table is a.table for p in parts):
            return
        if ident.get("unless") and ident["unless"] in figs:
            return
        cond = ident.get("when")
        if cond and not CONDITIONS[cond](group):
            return
        b = parts[0]
        # compared and told in the unit of the table the finding points at
        factor = to_yuan_factor(b.table.unit)
        units = {to_yuan_factor(p.table.unit) for p in parts + [a]}
        na, nbs = (_in(a, factor), [_in(p, factor) for p in parts]) if len(units) > 1 \
            else (a.number, [p.number for p in parts])
        tally(doc, self.code)
        if interval_sum([na]).meets(interval_sum(nbs)):
            return
        key = (a.cell.line, a.cell.column, b.cell.line, b.cell.column)
        if key in seen:
            return
        seen.add(key)
        # in two units, shown at the precision of the anchor's table
        dec = decimals_of(*nbs) if len(units) > 1 else decimals_of(na, *nbs)
        bval = decimal_sum(nbs)
        blabel = "+".join(p.label for p in parts) if len(parts) > 1 else b.label
        diff = bval - na.value
        yield self.at_cell(
            b.cell,
            f"{blabel}为{money(bval, dec)}，而{a.label}为{money(na.value, dec)}"
            f"{unit_of(b.table)}，相差{money(diff, dec)}（{ident['what']}应一致）",
            related=[related_cell(a.cell, a.label)] + [related_cell(p.cell, p.label) for p in parts[1:]],
            suggestion=f"核对两表，使{ident['what']}一致",
        )

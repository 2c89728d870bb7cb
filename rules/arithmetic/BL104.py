from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.model import to_yuan_factor
from linter.numbers import agree

from .common import FIGURE_TABLES, data, decimals_of, figures, money, only_fiscal_income, only_gpb, unit_of

def _income_has_carry(doc):
    return any(t.column_index("上年结转") for t in doc.tables if t.kind in FIGURE_TABLES["income"])


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
    基本支出表 合计); they are checked only when the 收支总表 shows no other income. Empty
    tables (空表列示) and documents with more than one table of a kind are skipped.

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
        figs = figures(doc)
        seen = set()
        for ident in data()["cross_totals"]:
            a, b = figs.get(ident["a"]), figs.get(ident["b"])
            if a is None or b is None or a.table is b.table:
                continue
            cond = ident.get("when")
            if cond and not CONDITIONS[cond](doc):
                continue
            na, nb = a.number, b.number
            if (a.table.unit or "万元") != (b.table.unit or "万元"):
                na, nb = na.scaled(to_yuan_factor(a.table.unit)), nb.scaled(to_yuan_factor(b.table.unit))
            if agree(na, nb):
                continue
            key = (a.cell.line, a.cell.column, b.cell.line, b.cell.column)
            if key in seen:
                continue
            seen.add(key)
            dec = decimals_of(a.number, b.number)
            diff = b.number.value - a.number.value
            yield self.at_cell(
                b.cell,
                f"{b.label}为{money(b.number.value, dec)}，而{a.label}为{money(a.number.value, dec)}"
                f"{unit_of(b.table)}，相差{money(diff, dec)}（{ident['what']}应一致）",
                related=[related_cell(a.cell, a.label)],
                suggestion=f"核对两表，使{ident['what']}一致",
            )

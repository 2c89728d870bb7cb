from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.figures import blocks, entries, sum_mismatch, two_blocks, unit_of


class ClassificationRollup(Rule):
    """A 类/款/项 (or 经济分类 类/款) row does not equal the sum of the rows under it.

    *What it does*: in tables keyed by classification codes (3/5/7-digit 功能分类, 3/5-digit
    经济分类), checks every amount column: a 类 row against its 款 rows, a 款 row against its 项
    rows, and the 合计 row against the 类 rows, with the interval rounding rule. Tables printed
    as two side-by-side blocks (the 决算 基本支出表: 301 … | 302 …) are read block by block.

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
            if not table.row_info or table.is_empty():
                continue
            side_by_side = two_blocks(table)
            if side_by_side and not any(len(b[0]) for b in blocks(table)[1:]):
                continue  # a 收支总表-style layout, not classified blocks
            lines = entries(table)
            if not any(e.code for e in lines):
                continue
            for e in lines:
                if e.code:
                    children = [k for k in lines if k.code and len(k.code) == len(e.code) + 2
                                and k.code.startswith(e.code)]
                    label = f"{e.code} {e.name}"
                    what = "下级科目"
                elif not side_by_side and e.name.replace(" ", "") in ("合计", "总计"):
                    top = min((len(k.code) for k in lines if k.code), default=0)
                    children = [k for k in lines if k.code and len(k.code) == top]
                    label = e.name.replace(" ", "")
                    what = "各类科目"
                else:
                    continue
                if not children:
                    continue
                for col, parent in e.cells.items():
                    if side_by_side:  # one amount per block: the child's own column
                        kids = [(k, next(iter(k.cells.values()), None)) for k in children]
                    else:
                        kids = [(k, k.cells.get(col)) for k in children]
                    m = sum_mismatch(doc, self.code, parent, [c for _, c in kids])
                    if m is None:
                        continue
                    colname = table.column_labels[col] or table.columns[col]
                    related = [related_cell(c, f"{k.code} {k.name}") for k, c in kids if c is not None][:8]
                    yield self.at_cell(
                        parent,
                        f"{table.label()}「{label}」{colname}为{m.fmt(m.total.value)}，"
                        f"{what}合计{m.fmt(m.sum)}{unit_of(table)}，相差{m.fmt(m.diff)}",
                        related=related,
                        suggestion=f"核对后改为{m.fmt(m.sum)}，或改正下级科目金额",
                    )

from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.figures import (FIGURE_TABLES, block_totals, cell_in, data, economic_amounts, printed, sum_mismatch, total_row,
                     two_blocks, unit_of)


class PersonnelPublicSplitMismatch(Rule):
    """人员经费 or 公用经费 does not match the economic classes it is made of.

    *What it does*: in the 一般公共预算基本支出表 (economic classification; the 决算 form
    printed as two blocks with 人员经费合计 | 公用经费合计 rows too), compares the 合计
    row's 人员经费 with the sum of the 工资福利支出 (301) and 对个人和家庭的补助 (303) class rows,
    and its 公用经费 with the sum of the other classes (302 商品和服务支出, 310 资本性支出 …). The
    composition is data (linter/data/arithmetic.json `personnel_classes`). A warning: the
    split is the usual one, and some regions book part of a class on the other side.

    *Why it matters*: 人员经费 and 公用经费 are quoted in the narrative and in 机关运行经费; a
    split that does not follow the class rows usually means a row was moved to the wrong
    column.

    *Bad*:
        合计 人员经费 72.80 | 301 工资福利支出 71.80

    *Good*:
        合计 人员经费 72.80 | 301 工资福利支出 72.80
    """

    code = "BL106"
    name = "personnel-public-split-mismatch"
    severity = "warning"

    def check(self, doc):
        for table in doc.tables:
            if table.kind not in FIGURE_TABLES["basic"] or table.is_empty():
                continue
            if two_blocks(table):
                targets = block_totals(table)  # 人员经费合计 | 公用经费合计 rows
            else:
                total = total_row(table)
                if total is None:
                    continue
                targets = {}
                for key in data()["personnel_classes"]:
                    cols = table.column_index(key)
                    if len(cols) == 1 and cell_in(total, cols[0]) is not None:
                        targets[key] = cell_in(total, cols[0])
            classes = {code: v for code, v in economic_amounts(table).items() if len(code) == 3}
            if not classes or not targets:
                continue
            for key, codes in data()["personnel_classes"].items():
                cell = targets.get(key)
                parts = [(classes[c][0], f"{c} {classes[c][1]}") for c in codes if c in classes]
                if cell is None or (not printed(cell) and not any(printed(p) for p, _ in parts)):
                    continue
                m = sum_mismatch(doc, self.code, cell, [p for p, _ in parts])
                if m is None:
                    continue
                what = "、".join(f"{c}" for c in codes if c in classes) or "对应类级科目"
                yield self.at_cell(
                    cell,
                    f"《{table.label()}》{key}合计为{m.fmt(m.total.value)}，而经济分类{what}之和为"
                    f"{m.fmt(m.sum)}{unit_of(table)}，相差{m.fmt(m.diff)}",
                    related=[related_cell(p, label) for p, label in parts if printed(p)],
                    suggestion=f"核对{key}与各经济分类类级科目的归属",
                )

from __future__ import annotations

import regex

from linter.engine import Rule
from linter.findings import related_cell
from linter.levels import item_rows, mismatches, read_tree
from linter.structure import column_key
from linter.figures import amount_columns, cell_in, clean_name, column_name, data, printed, sum_mismatch, tally, unit_of


class ItemTotalMismatch(Rule):
    """A total row of a table without classification codes is not the sum of its item rows.

    *What it does*: in tables whose rows are named items rather than coded subjects, checks
    the total rows against their items, per amount column, with the interval rounding rule.
    The identities are data (linter/data/arithmetic.json `item_totals`): in a “三公”经费 table
    laid out by rows, 合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费 and
    公务用车购置及运行费 = 购置费 + 运行费; in a 固定资产占用情况表, 资产总额 = the numbered
    categories (1、房屋 2、车辆 3、设备 4、其他固定资产; 其中：办公用房 is a part of 房屋, not an
    addend; only when a remainder category 其他 closes the list, and only the value column —
    the quantities are in different units); in a 政府采购预算表, a 合计 row = the other rows
    (or its 小计 rows; a lone 小计 row is the total), only where the total prints a number. Blank and dash items count as
    zero.

    *Why it matters*: these tables carry no codes, so a roll-up check by code misses them;
    a total that is not the sum of its items is an edited figure left behind.

    *Bad*:
        合计 5.00 | 1、因公出国（境）费 0 | 2、公务接待费 1.00 | 3、公务用车购置及运行费 3.00

    *Good*:
        合计 4.00 | 1、因公出国（境）费 0 | 2、公务接待费 1.00 | 3、公务用车购置及运行费 3.00
    """

    code = "BL108"
    name = "item-total-mismatch"
    severity = "error"

    def check(self, doc):
        specs = data()["item_totals"]
        for table in doc.tables:
            if table.is_empty():
                continue
            for spec in specs:
                if spec.get("uncoded") and any(i.code for i in table.row_info):
                    continue  # rows keyed by 科目 codes: BL101 adds them up
                if table.kind in spec["kinds"]:
                    yield from self._spec(doc, table, spec)

    def _spec(self, doc, table, spec):
        rows = table.data_rows()
        names = [clean_name(i.name) for i in table.row_info]
        totals = set(spec.get("total_names", []))
        total_key = spec.get("total_key")
        if total_key:
            tidx = [i for i, n in enumerate(names) if n and column_key([n]) == total_key]
        else:
            tidx = [i for i, n in enumerate(names) if n in totals]
            suffix = spec.get("total_suffix")
            if not tidx and suffix:  # a single unit's 小计 row as the table's total
                tidx = [i for i, n in enumerate(names) if n.endswith(suffix)]
        if len(tidx) != 1:
            return
        t = tidx[0]
        if "part_keys" in spec:
            keys = spec["part_keys"]
            pidx = [i for i, n in enumerate(names) if i != t and n and column_key([n]) in keys]
            if len({column_key([names[i]]) for i in pidx}) != len(pidx) or len(pidx) < 2:
                return  # an item twice, or too few to be the breakdown
        elif spec.get("parts") == "numbered":
            pidx = [i for i, info in enumerate(table.row_info)
                    if i != t and regex_numbered(info.name)]
            remainder = spec.get("remainder")
            if len(pidx) < 2 or (remainder and not any(names[i].startswith(remainder) for i in pidx)):
                return
        elif spec.get("parts") == "levels":
            yield from self._levels(doc, table, spec, t)
            return
        else:  # the other rows: 小计 rows when there are some, else every named row
            subs = [i for i, n in enumerate(names) if i != t and n.endswith("小计")]
            pidx = subs or [i for i, n in enumerate(names) if i != t and n]
            if len(pidx) < 1:
                return
        cols = [c for c in amount_columns(table) if table.columns[c] not in spec.get("skip_columns", [])]
        only = spec.get("columns")
        if only:
            cols = [c for c in cols if table.columns[c] in only]
        for col in cols:
            total_cell = cell_in(rows[t], col)
            part_cells = [cell_in(rows[i], col) for i in pidx]
            if total_cell is None or total_cell.col != col:
                continue
            if spec.get("total_printed") and not printed(total_cell):
                continue
            if not printed(total_cell) and not any(printed(p) for p in part_cells):
                continue
            m = sum_mismatch(doc, self.code, total_cell, part_cells)
            if m is None:
                continue
            label = table.row_info[t].name.strip()
            related = [related_cell(p, table.row_info[i].name.strip()) for p, i in zip(part_cells, pidx)
                       if printed(p)][:8]
            yield self.at_cell(
                total_cell,
                f"《{table.label()}》「{label}」{column_name(table, col)}为{m.fmt(m.total.value)}，"
                f"而各项（{'、'.join(names[i] for i in pidx)}）之和为{m.fmt(m.sum)}{unit_of(table)}，"
                f"相差{m.fmt(m.diff)}",
                related=related,
                suggestion=f"核对后改为{m.fmt(m.sum)}，或改正各项金额",
            )


    def _levels(self, doc, table, spec, t):
        """A table of several levels (品目 → 项目 → 物品, or 单位小计 → 物品; a group row may
        open its group or close it, as a 小计 after its items): the reading in
        which every parent adds up is accepted; when none does, the parents of the layout's
        tree that do not add up are reported."""
        rows = table.data_rows()
        cols = [c for c in amount_columns(table) if table.columns[c] not in spec.get("skip_columns", [])]
        for col in cols:
            total_cell = cell_in(rows[t], col)
            if total_cell is None or total_cell.col != col or not printed(total_cell):
                continue
            items = item_rows(table, col, {t}, _top_level, len(cols) == 1)
            if not items:
                continue
            tally(doc, self.code)
            found, layout = read_tree(items, total_cell.number)
            if found is not None:
                continue
            for cell, children in mismatches(layout, total_cell):
                parts = [c.item.cell for c in children]
                m = sum_mismatch(doc, self.code, cell, parts)
                if m is None:
                    continue
                label = table.row_info[t].name.strip() if cell is total_cell else \
                    next(i.label for i in items if i.cell is cell)
                names = "、".join(clean_name(c.item.label) for c in children)
                yield self.at_cell(
                    cell,
                    f"《{table.label()}》「{label}」{column_name(table, col)}为{m.fmt(m.total.value)}，"
                    f"而其下各项（{names}）之和为{m.fmt(m.sum)}{unit_of(table)}，相差{m.fmt(m.diff)}；"
                    f"各层明细无论怎样分层都不能相加",
                    related=[related_cell(c.item.cell, c.item.label) for c in children][:8],
                    suggestion=f"核对后改为{m.fmt(m.sum)}，或改正各项金额",
                )


def _top_level(label: str) -> bool:
    """A row heading a group of its own: numbered 一、 二、, or a unit's 小计."""
    return bool(regex_numbered(label)) or clean_name(label).endswith("小计")


NUMBERED = regex.compile(r"^\s*(?:\d{1,2}\s*[、.．](?!\d)|[一二三四五六七八九十]+、)")


def regex_numbered(name: str) -> bool:
    """A top-level numbered item (1、 1. 一、), not an 其中 line."""
    return bool(NUMBERED.match(name or ""))

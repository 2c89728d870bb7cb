from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.structure import column_key
from linter.vocab import load_json
from linter.figures import LABEL_KEYS, NON_AMOUNT_KEYS, amount_columns, cell_in, column_name, data, printed, sum_mismatch, unit_of


class RowTotalMismatch(Rule):
    """A row's total column is not the sum of its part columns.

    *What it does*: for every data row of every table, checks the identities between
    columns named by their meaning, not their position (linter/data/arithmetic.json
    `row_totals`): 合计 = 基本支出 + 项目支出 (+ 经营支出 + 上缴上级支出 + 对附属单位补助支出);
    合计 = 人员经费 + 公用经费; 合计 = 一般公共预算 + 政府性基金 + 国有资本经营;
    收入总表 合计 = 小计 + 上年结转 and 小计 = the sum of the income sources; “三公”经费
    合计 = 因公出国 + 公务用车 + 公务接待. An identity applies when the table has its total
    column and at least two of its part columns, and every amount column beside the total is
    one it can name (an unread header such as 基金预算拨款 or 财政拨款结转 may be a part: the row
    is then not judged, never summed as if that column were zero); columns split into 预算数 and 决算数 under each
    item (the 决算 “三公” table) are checked measure by measure. Blank and dash cells count as zero;
    numbers are compared with the interval rounding rule.

    *Why it matters*: a row whose total disagrees with its own parts was edited in one
    column only; at least one of the printed figures is wrong.

    *Bad*:
        2013701 行政运行 | 合计 61.04 | 基本支出 60.04 | 项目支出 (空)

    *Good*:
        2013701 行政运行 | 合计 61.04 | 基本支出 61.04 | 项目支出 (空)
    """

    code = "BL102"
    name = "row-total-mismatch"
    severity = "error"

    def check(self, doc):
        for table in doc.tables:
            if table.is_empty():
                continue
            done = set()
            # columns under one item split by measure (合计/预算数, 合计/决算数) hold two
            # separate sets of the same identities
            for measure in dict.fromkeys(table.measures or [""]):
                for ident in data()["row_totals"]:
                    tot = table.column_index(ident["total"], measure)
                    if len(tot) != 1:
                        continue
                    if any(table.column_index(u, measure) for u in ident.get("unless", [])):
                        continue
                    parts = []
                    for key in ident["parts"]:
                        cols = table.column_index(key, measure)
                        if len(cols) > 1:
                            parts = []
                            break
                        parts += cols
                    keys = set(ident["parts"]) | {ident["total"]}
                    if len(parts) < 2 or self._unknown_sibling(table, tot[0], keys) \
                            or self._unread_column(table, tot[0], keys):
                        continue
                    if (tot[0], tuple(parts)) in done:
                        continue  # two identities that meet on the same columns
                    done.add((tot[0], tuple(parts)))
                    yield from self._check(doc, table, tot[0], parts)

    @staticmethod
    def _unknown_sibling(table, tcol, keys):
        """An amount column under the same header as the total that is neither the total
        nor a part, nor inside a part's column group (公务用车/购置费 under 公务用车)."""
        measures = table.measures or [""] * table.width
        labels = table.column_labels[tcol].split("/")
        if measures[tcol]:
            labels = labels[:-1]
        parent = labels[:-1]
        for c in amount_columns(table):
            if c == tcol or table.columns[c] in keys or measures[c] != measures[tcol]:
                continue
            path = table.column_labels[c].split("/")
            if measures[c]:
                path = path[:-1]
            if path[:len(parent)] != parent or len(path) <= len(parent):
                continue
            inner = path[len(parent):-1]
            if any(column_key([lab]) in keys for lab in inner):
                continue
            return True
        return False

    @staticmethod
    def _unread_column(table, tcol, keys):
        """An amount column printed beside the total (after it, before the next label
        column) whose header names no known column: it may be a part the identity cannot
        name (基金预算拨款, 财政拨款结转 …), so the row cannot be said to be wrong. Columns
        nested under a part (公务用车/购置费) and columns of another known breakdown are read."""
        measures = table.measures or [""] * table.width
        known = set(load_json("column_keys.json")["keys"])
        amounts = set(amount_columns(table))

        def path(c):
            labels = table.column_labels[c].split("/")
            return labels[:-1] if measures[c] else labels

        # a total printed under a group header (“三公”经费/小计) is the total of that group only
        parent = path(tcol)[:-1]
        group = [c for c in range(tcol + 1, table.width) if path(c)[:len(parent)] == parent]
        if not parent or not group:
            parent = []
        for c in range(tcol + 1, table.width):
            key = table.columns[c] if c < len(table.columns) else ""
            if key in LABEL_KEYS:
                break  # the next block of the table (项目 | 金额 | 项目 | 金额)
            if path(c)[:len(parent)] != parent:
                continue
            if key in NON_AMOUNT_KEYS or c not in amounts or measures[c] != measures[tcol] or key in keys or key in known:
                continue
            if any(column_key([lab]) in keys for lab in path(c)[:-1]):
                continue
            return True
        return False

    def _check(self, doc, table, tcol, pcols):
        for r, row in enumerate(table.data_rows()):
            total_cell = cell_in(row, tcol)
            part_cells = [cell_in(row, c) for c in pcols]
            if total_cell is None or total_cell.col != tcol or any(p is not None and p.col != c for p, c in zip(part_cells, pcols)):
                continue  # merged cells: not a plain row of this layout
            if not printed(total_cell) and not any(printed(p) for p in part_cells):
                continue
            m = sum_mismatch(doc, self.code, total_cell, part_cells)
            if m is None:
                continue
            info = table.row_info[r] if r < len(table.row_info) else None
            label = (f"{info.code} {info.name}".strip() if info else "") or f"第{r + 1}行"
            names = "+".join(column_name(table, c) for c in pcols)
            related = [related_cell(p, column_name(table, c)) for p, c in zip(part_cells, pcols) if printed(p)]
            yield self.at_cell(
                total_cell,
                f"《{table.label()}》「{label}」{column_name(table, tcol)}为{m.fmt(m.total.value)}，"
                f"而{names}={m.fmt(m.sum)}{unit_of(table)}，相差{m.fmt(m.diff)}",
                related=related,
                suggestion=f"核对后改为{m.fmt(m.sum)}，或改正各分项",
            )

"""The figures the budget tables print, as the arithmetic rules read them: assigns (per
table, cached) its amount columns, the 收支总表's two sides with their levels, the classification
entries and blocks of a 科目 table, and (per document) the groups of standard tables with their
named figures (totals) that cross-table identities compare; plus the sum check every BL1 rule
reports through (interval rule, one finding per wrong total)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

from .model import Cell, Document, Table, cell_at
from .numbers import EXACT, ZERO, Number, agree, decimal_sum, format_decimal, sum_agrees
from .structure import CODE, split_code
from .vocab import load_json

# columns that hold labels, codes or counts rather than amounts
NON_AMOUNT_KEYS = {"序号", "科目编码", "科目名称", "类", "款", "项", "项目", "数量", "计量单位", "单价"}
NUMBERING = regex.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}\s*[、.．](?!\d)|其中\s*[:：]?)\s*")


def data() -> dict:
    return load_json("arithmetic.json")


def amount(cell: Cell | None) -> Number | None:
    """The printed amount of a cell (Cell.amount); a missing cell counts as an exact zero."""
    return ZERO if cell is None else cell.amount


def printed(cell: Cell | None) -> bool:
    """True when the cell holds a printed number (not blank, not a dash)."""
    return cell is not None and cell.number is not None


def amount_columns(table: Table) -> list[int]:
    """Grid columns that hold amounts (computed once per table)."""
    return table.cached("bl1.amount_columns", _amount_columns)


def _amount_columns(table: Table) -> list[int]:
    has_number = {c.col for r in table.data_rows() for c in r if c.number is not None}
    cols = []
    for i, key in enumerate(table.columns):
        if key in NON_AMOUNT_KEYS:
            continue
        if i in has_number:
            cols.append(i)
    return cols


LABEL_KEYS = {"科目编码", "科目名称", "项目", "类", "款", "项"}


def two_blocks(table: Table) -> bool:
    """True for side-by-side layouts (项目 | 金额 | 项目 | 金额, or two 经济分类 blocks):
    a label column comes after an amount column."""
    seen_amount = False
    amounts = set(amount_columns(table))
    for i, key in enumerate(table.columns):
        if i in amounts:
            seen_amount = True
        elif seen_amount and key in LABEL_KEYS:
            return True
    return False


cell_in = cell_at


def money(value: Decimal, decimals: int) -> str:
    return format_decimal(value, decimals)


def unit_of(table: Table) -> str:
    return table.unit or ""


def clean_name(text: str) -> str:
    """A row label without numbering (一、 1. （一） 其中：), spaces or line breaks."""
    t = SPACES.sub("", text or "")
    prev = None
    while prev != t:
        prev = t
        t = NUMBERING.sub("", t)
    return t


STYLES = [(regex.compile(p), style) for p, style in (
    (r"^[一二三四五六七八九十]+[、.．]", "cn"), (r"^[（(][一二三四五六七八九十]+[）)]", "paren_cn"),
    (r"^\d{1,2}\s*[、.．](?!\d)", "arabic"), (r"^[（(]\d+[）)]", "paren_arabic"), (r"^其中", "of_which"))]
SPACES = regex.compile(r"\s+")


def numbering_style(text: str) -> str:
    t = (text or "").strip()
    for pat, style in STYLES:
        if pat.match(t):
            return style
    return ""


def column_name(table: Table, col: int) -> str:
    label = table.column_labels[col] if col < len(table.column_labels) else ""
    return label.split("/")[-1] if label else (table.columns[col] if col < len(table.columns) else f"第{col + 1}列")


def decimals_of(*numbers: Number) -> int:
    return max((n.decimals for n in numbers if n.decimals < EXACT), default=2)


def sum_text(parts) -> str:
    return "+".join(str(p) for p in parts)


@dataclass
class Mismatch:
    """A printed total that cannot be the sum of its printed parts."""

    total: Number
    parts: list[Number]
    sum: Decimal
    decimals: int  # the precision the numbers are told at

    @property
    def diff(self) -> Decimal:
        return self.total.value - self.sum

    def fmt(self, value: Decimal) -> str:
        return money(value, self.decimals)


def sum_mismatch(doc: Document, code: str, total_cell: Cell | None, part_cells) -> Mismatch | None:
    """The identity total = sum of parts over cells (blank and dash cells are exact zeros),
    with the interval rounding rule. None when it holds, or when a cell holds something
    other than an amount (then it is not evaluated; an evaluated identity is tallied)."""
    total = amount(total_cell)
    parts = [amount(c) for c in part_cells]
    if total is None or any(p is None for p in parts):
        return None
    tally(doc, code)
    if sum_agrees(total, parts):
        return None
    return Mismatch(total, parts, decimal_sum(parts), decimals_of(total, *parts))


# --- the 收支总表 layout: item | amount … | item | amount … ---------------------------

@dataclass
class SideRow:
    index: int  # data-row index
    name: str  # cleaned
    raw: str
    style: str  # numbering style of the label
    role: str  # item | sub | year_total | carry | carry_sub | grand_total | other
    cells: dict[int, Cell] = field(default_factory=dict)  # amount column -> cell
    name_cell: Cell | None = None
    parent: int | None = None  # index into Side.rows of the item a sub belongs to


@dataclass
class Side:
    label: str  # 收入 | 支出 | ''
    name_col: int
    amount_cols: list[int]
    rows: list[SideRow]
    _children: tuple | None = field(default=None, repr=False, compare=False)

    def first(self, role: str) -> SideRow | None:
        return next((r for r in self.rows if r.role == role), None)

    def children(self, parent: SideRow, role: str) -> list[SideRow]:
        """The rows of `role` (sub, carry_sub) that belong to `parent`, in table order:
        grouped once per side, so asking for every item's sub-rows stays linear in the rows."""
        if self._children is None:
            position = {id(r): i for i, r in enumerate(self.rows)}
            groups: dict[tuple[int, str], list[SideRow]] = {}
            for r in self.rows:
                if r.parent is not None:
                    groups.setdefault((r.parent, r.role), []).append(r)
            self._children = (position, groups)
        position, groups = self._children
        return groups.get((position[id(parent)], role), [])


def _role_of(name: str, words: dict) -> str | None:
    if name in words["grand_total"] or (name.endswith("总计") and len(name) <= 6):
        return "grand_total"
    if name in words["year_total"]:
        return "year_total"
    if any(w in name for w in words["carry"]) and len(name) <= 16:
        return "carry"
    return None


def summary_sides(table: Table) -> list[Side]:
    """The sides of a 收支总表-style table: each a name column followed by its amount
    columns. Empty for tables of another layout. Computed once per table (rows by their
    names; amounts are read from the cells when used)."""
    return table.cached("bl1.sides", _summary_sides)


def _summary_sides(table: Table) -> list[Side]:
    name_cols = [i for i, k in enumerate(table.columns) if k == "项目"]
    if not name_cols and not table.column_index("科目编码"):
        # blocks headed 项目名称 / 功能科目名称 (收入 | 支出 by function | 支出 by use)
        name_cols = table.column_index("科目名称")
    if not name_cols:
        return []
    words = data()["summary_rows"]
    sides = []
    amount_keys = set(amount_columns(table))
    for n, col in enumerate(name_cols):
        end = name_cols[n + 1] if n + 1 < len(name_cols) else table.width
        cols = [c for c in range(col + 1, end) if c in amount_keys or table.columns[c] not in NON_AMOUNT_KEYS]
        if not cols:
            continue
        label = table.column_labels[col].split("/")[0] if "/" in table.column_labels[col] else ""
        rows: list[SideRow] = []
        for r, row in enumerate(table.data_rows()):
            nc = cell_in(row, col)
            raw = nc.text.strip() if nc else ""
            cells = {c: _side_cell(row, c, nc) for c in cols if cell_in(row, c) is not None}
            if not raw:
                continue
            name = clean_name(raw)
            rows.append(SideRow(r, name, raw, numbering_style(raw), _role_of(name, words) or "item", cells, nc))
        _assign_levels(rows)
        sides.append(Side(label, col, cols, rows))
    return sides


def _side_cell(row: list[Cell], col: int, name_cell: Cell | None) -> Cell:
    """The row's cell in an amount column of a side; when the row's label is merged over that
    column (当年支出小计 printed across a block's columns), its amount is the cell after it."""
    cell = cell_in(row, col)
    if cell is name_cell and name_cell is not None:
        after = cell_in(row, name_cell.col + name_cell.colspan)
        if after is not None and (after.number is not None or after.blank or after.dash):
            return after
    return cell


def _assign_levels(rows: list[SideRow]) -> None:
    """Items before the year total: the first numbering style met is the top level, other
    styles are sub-items of the item above. After the year total, a carry row heads the
    numbered rows that follow it."""
    top_style = None
    region = "items"
    last_item = None
    last_carry = None
    for i, r in enumerate(rows):
        if r.role == "year_total":
            if region == "after":  # a 收入合计 printed after the carry-over rows closes the side
                r.role = "grand_total"
                region = "done"
            else:
                region = "after"
            continue
        if r.role == "grand_total":
            region = "done"
            continue
        if region == "items":
            if r.role == "carry":
                region = "after"
                last_carry = i
                continue
            if top_style is None:
                top_style = r.style
            if r.style == top_style or last_item is None:
                r.role = "item"
                last_item = i
            else:
                r.role = "sub" if r.style != "of_which" else "of_which"
                r.parent = last_item
        elif region == "after":
            if r.role == "carry":
                last_carry = i
            elif last_carry is not None and r.style:
                r.role = "carry_sub"
                r.parent = last_carry
            else:
                r.role = "other"
        else:
            r.role = "other"


# --- named figures of the standard tables ------------------------------------------------

@dataclass
class Figure:
    number: Number
    cell: Cell
    table: Table
    label: str  # how the finding names it: 《收支总表》收入总计


FIGURE_TABLES = {
    "summary": ("budget_summary", "final_summary"),
    "fiscal": ("budget_fiscal_summary", "final_fiscal_summary"),
    "income": ("budget_income", "final_income"),
    "expense": ("budget_expense", "final_expense"),
    "gpb": ("budget_gpb_expense", "final_gpb_expense"),
    "basic": ("budget_gpb_basic", "final_gpb_basic"),
    "fund": ("budget_fund", "final_fund"),
    "soe": ("budget_soe", "final_soe"),
    "fiscal_expense": ("budget_fiscal_expense",),
    "fiscal_basic": ("budget_fiscal_basic",),
}
PREFIX_OF = {kind: prefix for prefix, kinds in FIGURE_TABLES.items() for kind in kinds}


def tally(doc: Document, code: str, n: int = 1) -> None:
    """Count identities a rule evaluated on this document (silence is only meaningful when
    the identities were checked, not skipped): doc.cached('bl1.evaluated') is a Counter."""
    from collections import Counter

    doc.cached("bl1.evaluated", lambda _d: Counter())[code] += n


def _unit_key(table: Table) -> str:
    return table.meta.get("单位编码") or table.meta.get("编制单位") or ""


def groups(doc: Document) -> list[dict[str, Table]]:
    """The standard tables of a document, grouped into sets that describe one budget: a
    new set starts where a kind already in the current set comes again (a 部门 set followed
    by 单位 sets, a compilation of many documents), or where the 编制单位 / 单位编码 changes
    (a name cut short in one table's cell is the same unit).
    Each set maps a figure prefix (summary, income, expense, …) to its table."""
    return doc.cached("bl1.groups", _groups)


def _groups(doc: Document) -> list[dict[str, Table]]:
    out: list[dict[str, Table]] = []
    current: dict[str, Table] = {}
    key = ""
    for t in doc.tables:
        prefix = PREFIX_OF.get(t.kind)
        if prefix is None:
            continue
        k = _unit_key(t)
        if prefix in current or (k and key and not (k.startswith(key) or key.startswith(k))):
            out.append(current)
            current, key = {}, ""
        current[prefix] = t
        key = key or k
    if current:
        out.append(current)
    return out


# the total row of a table by its name: 收入总计 heads a Jiangsu 收入预算总表 of source rows
TOTAL_ROW_NAMES = ("合计", "总计", "收入总计", "支出总计")


def total_row(table: Table) -> list[Cell] | None:
    """The 合计/总计 data row of a classified table; the only data row of a table without
    label columns (支出预算总表: 合计 | 基本支出 | 项目支出 in one row)."""
    for row, info in zip(table.data_rows(), table.row_info):
        if not info.code and clean_name(info.name) in TOTAL_ROW_NAMES:
            return row
    rows = table.data_rows()
    if len(rows) == 1 and not any(k in LABEL_KEYS for k in table.columns) and table.column_index("合计"):
        return rows[0]
    return None


def figures(doc: Document) -> list[dict[str, Figure]]:
    """Named figures per table set (see groups())."""
    return doc.cached("bl1.figures", lambda d: [_figures(g) for g in groups(d)])


def _figures(group: dict[str, Table]) -> dict[str, Figure]:
    out: dict[str, Figure] = {}

    def put(name, cell, table, label):
        if cell is not None and cell.number is not None or (cell is not None and (cell.blank or cell.dash)):
            out[name] = Figure(amount(cell), cell, table, f"《{table.label()}》{label}")

    for prefix in ("summary", "fiscal"):
        t = group.get(prefix)
        if t is None:
            continue
        for side in summary_sides(t):
            which = "income" if "收" in side.label else ("expense" if "支" in side.label else None)
            if which is None:
                continue
            main = side.amount_cols[0]
            for role, suffix in (("grand_total", "total"), ("year_total", "year")):
                r = side.first(role)
                if r is None:
                    continue
                put(f"{prefix}.{which}_{suffix}", r.cells.get(main), t, r.name)
                for c in side.amount_cols:
                    key = t.columns[c]
                    if key and key not in ("金额", "合计"):
                        put(f"{prefix}.{which}_{suffix}.{key}", r.cells.get(c), t, f"{r.name}（{column_name(t, c)}）")
            if which == "expense" and side.first("year_total") is None and side.first("grand_total") is not None:
                # no 本年支出合计 row: without carry rows, the grand total is this year's total
                if not any(r.role == "carry" for r in side.rows):
                    for k in [k for k in list(out) if k.startswith(f"{prefix}.expense_total")]:
                        out[k.replace("expense_total", "expense_year")] = out[k]
            if which == "income" and side.first("year_total") is None and side.first("grand_total") is not None:
                if not any(r.role == "carry" for r in side.rows):
                    for k in [k for k in list(out) if k.startswith(f"{prefix}.income_total")]:
                        out[k.replace("income_total", "income_year")] = out[k]
    for prefix in ("income", "expense", "gpb", "basic", "fund", "soe", "fiscal_expense", "fiscal_basic"):
        t = group.get(prefix)
        if t is None or t.is_empty():
            continue
        if prefix == "basic" and two_blocks(t):
            for key, cell in block_totals(t).items():
                put(f"basic.total.{key}", cell, t, f"{key}合计")
            continue
        row = total_row(t)
        if row is None:
            continue
        tot = t.column_index("合计")
        if not tot and len(amount_columns(t)) == 1:
            tot = amount_columns(t)  # one amount column (金额): the total is its 合计 row
        if len(tot) == 1:
            put(f"{prefix}.total", cell_in(row, tot[0]), t, "合计")
        for c in amount_columns(t):
            key = t.columns[c]
            if key and key != "合计":
                put(f"{prefix}.total.{key}", cell_in(row, c), t, f"合计（{column_name(t, c)}）")
    return out


def only_fiscal_income(group: dict[str, Table]) -> bool:
    """All income of the table set is 财政拨款 (no 事业收入, 单位资金, carry-over …)."""
    return _income_only(group, data()["fiscal_income"])


def only_gpb(group: dict[str, Table]) -> bool:
    """All income of the table set is 一般公共预算 money."""
    return _income_only(group, data()["gpb_income"])


def _income_only(group: dict[str, Table], names: list[str]) -> bool:
    t = group.get("summary")
    if t is None:
        return False
    sides = [s for s in summary_sides(t) if "收" in s.label]
    if not sides:
        return False
    side = sides[0]
    main = side.amount_cols[0]
    seen_match = False
    for r in side.rows:
        if r.role not in ("item", "sub", "carry", "carry_sub"):
            continue
        n = amount(r.cells.get(main))
        if n is None:
            return False
        matches = any(w in r.name for w in names)
        if r.role in ("item", "carry") and not matches and n.value != 0:
            # an item outside the names may still be a parent whose subs all match
            subs = side.children(r, "sub")
            if not subs or any(not any(w in s.name for w in names) and (amount(s.cells.get(main)) or ZERO).value != 0
                               for s in subs):
                return False
        if r.role in ("item", "sub") and matches and n.value != 0:
            seen_match = True
    return seen_match


# --- side-by-side blocks (经济分类 | 名称 | 金额 | 经济分类 | 名称 | 金额) ---------------------

CODE_KEYS = {"科目编码", "类", "款", "项"}


@dataclass
class Entry:
    """One classified line of a table: a row of a plain table, or one block's part of a row
    of a side-by-side table."""

    code: str
    name: str
    cells: dict[int, Cell]  # amount column -> cell
    row: int  # data-row index
    name_cell: Cell | None = None


def blocks(table: Table) -> list[tuple[list[int], int | None, list[int]]]:
    """(code columns, name column, amount columns) of each block of a side-by-side table."""
    amounts = set(amount_columns(table))
    out: list[tuple[list[int], int | None, list[int]]] = []
    code_cols: list[int] = []
    name_col = None
    cols: list[int] = []
    for i, key in enumerate(table.columns):
        if key in CODE_KEYS or key == "科目名称":
            if cols:
                out.append((code_cols, name_col, cols))
                code_cols, name_col, cols = [], None, []
            if key == "科目名称":
                name_col = i
            else:
                code_cols.append(i)
        elif i in amounts:
            cols.append(i)
    if cols:
        out.append((code_cols, name_col, cols))
    return out


def _entry_code(row: list[Cell], code_cols: list[int]) -> str:
    parts = [SPACES.sub("", c.text) if (c := cell_in(row, col)) is not None else "" for col in code_cols]
    if not parts or not parts[0]:
        return ""
    if len(parts) == 1:
        return parts[0] if CODE.match(parts[0]) else ""
    return split_code(parts)


def entries(table: Table) -> list[Entry]:
    """The classified lines of a table, whatever its layout: one per data row of a plain
    table (all its amount columns), one per block and row of a side-by-side table."""
    return table.cached("bl1.entries", _entries)


def _entries(table: Table) -> list[Entry]:
    rows = table.data_rows()
    if not two_blocks(table):
        cols = amount_columns(table)
        return [Entry(info.code, info.name, {c: cell for c in cols if (cell := cell_in(row, c)) is not None}, r)
                for r, (row, info) in enumerate(zip(rows, table.row_info))]
    out = []
    for code_cols, name_col, cols in blocks(table):
        for r, row in enumerate(rows):
            nc = cell_in(row, name_col) if name_col is not None else None
            name = nc.text.strip() if nc is not None else ""
            code = _entry_code(row, code_cols)
            if not code and not name and code_cols:
                first = cell_in(row, code_cols[0])
                name = first.text.strip() if first is not None and first.number is None else ""
                nc = first if name else nc
            if not code and not name:
                continue
            cells = {c: cell for c in cols if (cell := cell_in(row, c)) is not None and cell.col == c}
            out.append(Entry(code, name, cells, r, nc))
    return out


def block_totals(table: Table) -> dict[str, Cell]:
    """人员经费合计 / 公用经费合计 printed as rows of a side-by-side 基本支出 table."""
    words = data()["block_totals"]
    out: dict[str, Cell] = {}
    for e in entries(table):
        if e.code or not e.cells:
            continue
        name = clean_name(e.name)
        for key, names in words.items():
            if name in names and key not in out:
                out[key] = next(iter(e.cells.values()))
    return out


def economic_amounts(table: Table) -> dict[str, tuple[Cell, str]]:
    """code -> (amount cell, name) of a 基本支出 table by economic classification: the 合计
    column of a plain table, the block's amount column of a side-by-side one."""
    out: dict[str, tuple[Cell, str]] = {}
    if two_blocks(table):
        for e in entries(table):
            if e.code and e.cells and e.code not in out:
                out[e.code] = (next(iter(e.cells.values())), e.name)
        return out
    tot = table.column_index("合计") or (amount_columns(table) if len(amount_columns(table)) == 1 else [])
    return coded_cells(table, tot[0]) if len(tot) == 1 else out


def coded_cells(table: Table, col: int, level: int | None = None) -> dict[str, tuple[Cell, str]]:
    """code -> (its cell in one amount column, name) for the classified rows of a table (the
    first row of each code, at one level when given; a cell merged in from another column
    is not this column's)."""
    out: dict[str, tuple[Cell, str]] = {}
    for row, info in zip(table.data_rows(), table.row_info):
        if not info.code or (level is not None and info.level != level):
            continue
        cell = cell_in(row, col)
        if cell is not None and cell.col == col and info.code not in out:
            out[info.code] = (cell, info.name)
    return out


def agree_or_none(a: Number | None, b: Number | None) -> bool:
    return a is None or b is None or agree(a, b)


__all__ = [
    "ZERO", "amount", "printed", "amount_columns", "cell_in", "money", "unit_of", "clean_name", "column_name",
    "summary_sides", "figures", "Figure", "only_fiscal_income", "only_gpb", "total_row", "sum_agrees",
    "decimal_sum", "decimals_of", "data", "agree", "agree_or_none", "sum_text", "groups", "tally", "entries",
    "blocks", "block_totals", "economic_amounts", "Entry", "Mismatch", "sum_mismatch",
    "coded_cells",
]

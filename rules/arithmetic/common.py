"""Shared helpers for table arithmetic rules."""
from __future__ import annotations

from decimal import Decimal

from linter.model import Cell, Table
from linter.numbers import Number, format_decimal

ZERO = Number(Decimal(0), 0)
# columns that hold labels, codes or counts rather than amounts
NON_AMOUNT_KEYS = {"序号", "科目编码", "科目名称", "类", "款", "项", "项目", "数量"}


def amount(cell: Cell | None) -> Number | None:
    """The printed amount of a cell; a blank or dash cell counts as an exact zero."""
    if cell is None or cell.blank or cell.dash:
        return ZERO
    return cell.number


def amount_columns(table: Table) -> list[int]:
    cols = []
    for i, key in enumerate(table.columns):
        if key in NON_AMOUNT_KEYS:
            continue
        if any(c.col == i and c.number is not None for r in table.data_rows() for c in r):
            cols.append(i)
    return cols


def cell_in(row: list[Cell], col: int) -> Cell | None:
    for c in row:
        if c.col <= col < c.col + c.colspan:
            return c
    return None


def money(value: Decimal, decimals: int) -> str:
    return format_decimal(value, decimals)


def unit_of(table: Table) -> str:
    return table.unit or ""

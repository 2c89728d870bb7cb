"""Levels of an item table without classification codes (a 政府采购预算表 whose rows are
品目 → 项目 → 物品): which row is the parent of which, inferred from the arithmetic (a parent
equals the sum of its children) and from the layout (numbering 一、 二、 at the top level, the
grid column a label starts in), never from one template's labels.

The rows are in reading order, so every subtree is a run of consecutive rows: a parent, then
its children each followed by their own subtrees. `by_arithmetic` looks for a reading in which
every parent adds up; `by_layout` builds the tree the indentation shows, for reporting which
parent fails when no reading adds up.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from .model import Cell, Table, cell_at
from .numbers import Number, sum_agrees

# a reading of a long table is searched within this many steps; beyond, none is claimed
SEARCH_LIMIT = 50000
_OF_WHICH = regex.compile(r"^\s*其中")


@dataclass
class ItemRow:
    row: int  # data-row index in the table
    label: str
    cell: Cell  # the row's amount
    indent: int | None  # grid column the label starts in; None when the layout is unsure
    top: bool  # numbered like a top-level item (一、 二、)

    @property
    def number(self) -> Number:
        return self.cell.number


@dataclass
class Node:
    item: ItemRow
    children: list["Node"] = field(default_factory=list)


def item_rows(table: Table, col: int, skip: set[int], top_style, only_column: bool) -> list[ItemRow] | None:
    """The rows of `table` that print an amount in column `col`, in order, except the rows
    in `skip` (the total). A row that does not end where the table's rows end was shifted (a
    PDF row that lost its leading empty cells, a continued page with one more column): when
    `col` is the table's only amount column its last amount is taken and its indent is
    unknown; otherwise the rows cannot be read (None). `top_style(label)` says whether a
    label marks a top-level item (一、, a 小计 row)."""
    rows = [row for row in table.data_rows() if row]
    ends = Counter(row[-1].col + row[-1].colspan for row in rows)
    common = ends.most_common(1)[0][0] if ends else 0
    out = []
    for r, row in enumerate(table.data_rows()):
        if r in skip or not row:
            continue
        aligned = row[-1].col + row[-1].colspan == common
        if aligned:
            cell = cell_at(row, col)
            if cell is None or cell.col != col or cell.number is None:
                continue  # blank or merged: nothing to add
        else:
            numbers = [c for c in row if c.number is not None]
            if not numbers:
                continue
            if not only_column:
                return None
            cell = numbers[-1]
        label_cell = next((c for c in row if c.text.strip() and c.number is None), None)
        if label_cell is None:
            continue
        label = label_cell.text.strip()
        if _OF_WHICH.match(label):
            continue  # 其中：… is a part of the row above, not an addend
        out.append(ItemRow(r, label, cell, label_cell.col if aligned else None, bool(top_style(label))))
    return out


def closes_groups(rows: list[ItemRow]) -> bool:
    """The group rows come after their items (项目 rows, then a 小计 that closes them), not
    before: the last row is a group row and the first is not. Read such a table in reverse."""
    return len(rows) > 1 and rows[-1].top and not rows[0].top


def read_tree(rows: list[ItemRow], total: Number) -> tuple[list[Node] | None, list[Node]]:
    """(the reading in which every parent adds up, or None; the tree the layout shows), in
    the table's own order, whether its group rows open or close their groups: a subtotal after
    its items is the parent of the rows above it, up to the previous subtotal."""
    if not closes_groups(rows):
        return by_arithmetic(rows, total), by_layout(rows)
    backwards = rows[::-1]
    found = by_arithmetic(backwards, total)
    return (None if found is None else _reversed(found)), _reversed(by_layout(backwards))


def _reversed(nodes: list[Node]) -> list[Node]:
    return [Node(n.item, _reversed(n.children)) for n in reversed(nodes)]


def by_arithmetic(rows: list[ItemRow], total: Number) -> list[Node] | None:
    """A reading of `rows` as a forest whose roots add up to `total` and in which every
    parent equals the sum of its children (interval rule), consistent with the layout: a
    child is indented deeper than its parent when both indents are known (and labels start
    in more than one column), and when some rows
    are numbered as top-level items, exactly those are the roots. None when no reading adds
    up (or the search is too long to finish)."""
    n = len(rows)
    numbered = any(r.top for r in rows)
    # labels all in one column say nothing about levels
    indented = len({r.indent for r in rows if r.indent is not None}) > 1
    steps = [0]
    memo: dict[tuple, list[Node] | None] = {}

    def fits(parent: ItemRow | None, child: ItemRow) -> bool:
        if numbered and (parent is None) != child.top:
            return False
        if indented and parent is not None and parent.indent is not None and child.indent is not None:
            return child.indent > parent.indent
        return True

    def seq(parent: int, i: int, j: int, acc: tuple) -> list[Node] | None:
        """Roots covering rows[i:j] under `parent` (-1: the top), `acc` the amounts so far."""
        target = total if parent < 0 else rows[parent].number
        if i == j:
            return [] if acc and sum_agrees(target, list(acc)) else None
        key = (parent, i, j, acc)
        if key in memo:
            return memo[key]
        steps[0] += 1
        if steps[0] > SEARCH_LIMIT:
            return None
        result = None
        head = rows[i]
        if fits(rows[parent] if parent >= 0 else None, head):
            so_far = acc + (head.number,)
            low = sum(x.low for x in so_far)
            if low <= target.high:  # amounts are not negative: a sum past the target stays past
                for k in range(i + 1, j + 1):
                    kids: list[Node] | None = []
                    if k > i + 1:
                        kids = seq(i, i + 1, k, ())
                        if kids is None:
                            continue
                    rest = seq(parent, k, j, so_far)
                    if rest is not None:
                        result = [Node(head, kids)] + rest
                        break
        memo[key] = result
        return result

    if n == 0 or any(r.number.value < 0 for r in rows):
        return None
    return seq(-1, 0, n, ())


def by_layout(rows: list[ItemRow]) -> list[Node]:
    """The tree the layout shows: top-level numbered rows are roots; otherwise a row is the
    child of the nearest row above indented less. A row whose indent is unknown (a PDF row
    that lost or gained leading cells) goes under the nearest open group above it that its
    children have not yet filled: after a filled group it climbs to the group's parent."""
    roots: list[Node] = []
    stack: list[tuple[float, Node]] = []
    indents: dict[int, float] = {}
    for r in rows:
        node = Node(r)
        if r.top:
            indent: float = -1
        elif r.indent is not None:
            indent = r.indent
        else:
            i = len(stack) - 1
            if i >= 0 and not stack[i][1].children:
                i -= 1  # the row above is a leaf: this row is its sibling or higher
            while i >= 0 and _filled(stack[i][1]):
                i -= 1
            siblings = stack[i][1].children if i >= 0 else roots
            # the indent of the group's other children, or just inside the group
            indent = indents[id(siblings[-1])] if siblings else (stack[i][0] + 0.5 if i >= 0 else 0)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((indent, node))
        indents[id(node)] = indent
    return roots


def _filled(node: Node) -> bool:
    """The children so far add up to the node's amount (or beyond it)."""
    done = sum((c.item.number.low for c in node.children), Decimal(0))
    return bool(node.children) and done >= node.item.number.low


def mismatches(roots: list[Node], total_cell: Cell | None) -> list[tuple[Cell, list[Node]]]:
    """(parent's cell, its children) for every parent of the tree, and the total over the
    roots, whose amounts do not add up."""
    out = []
    if total_cell is not None and total_cell.number is not None and roots \
            and not sum_agrees(total_cell.number, [n.item.number for n in roots]):
        out.append((total_cell, roots))

    def walk(nodes):
        for node in nodes:
            if node.children:
                if not sum_agrees(node.item.number, [c.item.number for c in node.children]):
                    out.append((node.item.cell, node.children))
                walk(node.children)

    walk(roots)
    return out


def depth(roots: list[Node]) -> int:
    return 1 + max((depth(n.children) for n in roots), default=0) if roots else 0


def flat_sum(rows: list[ItemRow]) -> Decimal:
    return sum((r.number.value for r in rows), Decimal(0))

"""Mutation test for the narrative rules: start from real documents whose narrative and
tables agree, inject one defect at a time programmatically, and require that BL2 finds it,
in the .txt, the .docx and the .pdf of the seed (tests/mutate_formats.py carries each edit
over to the other two formats).

Kinds: a narrative amount changed, a table cell changed, a stated change amount changed, a
direction word flipped, a unit slipped (万元 -> 元). Every claim the rules can check is
mutated (an amount with a table fact or inside a complete breakdown; a change inside a
complete breakdown of changes). Recall per kind and format is printed (-s) and must be 1.0.
A plant whose new characters the seed's PDF fonts do not hold (a subset font) is counted
"n/a" for .pdf; every kind must still be tried in every format.
"""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from conftest import check, seed
from mutate_formats import FORMATS, RecallTable, Unrepresentable, apply_txt, edit_at, mutate

from linter.claims import claims_of, ledger_of
from linter.readers import read_document
from linter.reconcile import _opposite, decompose, facts_for

# consistent starting points: the seeds with their known narrative defects corrected
FIXES = {
    "000": [(None, "一般公共预算收入95.54万元，基金预算收入18万元", "一般公共预算收入107.54万元，基金预算收入0万元")],
    "001": [],
    "004": [(None, "上年末固定资产金额为0.00万元", "上年末固定资产金额为20.61万元")],
}


def _consistent(prefix, tmp_path):
    text = apply_txt(seed(prefix).read_text(encoding="utf-8"), FIXES[prefix])
    p = tmp_path / f"{prefix}_base.txt"
    p.write_text(text, encoding="utf-8")
    return p, text


def _bump(printed: str) -> str:
    """The printed number plus one in its last integer digit, same format."""
    digits = printed.replace(",", "")
    d = len(digits.split(".", 1)[1]) if "." in digits else 0
    v = Decimal(digits) + 1
    return f"{v:.{d}f}"


def _span_edit(text: str, line: int, start: int, end: int, new: str) -> tuple:
    """The edit replacing columns start:end of a 1-based line by `new`."""
    ls = 0
    for _ in range(line - 1):
        ls = text.index("\n", ls) + 1
    return edit_at(text, ls + start, ls + end, new)


def _mutations(doc, text):
    claims = claims_of(doc)
    ledger = ledger_of(doc)
    in_breakdown = set()
    for c in claims:
        for rel in ("amount", "change"):
            if c.relation == rel and c.is_money:
                parts, complete = decompose(c, claims, rel)
                if len(parts) >= 2 and complete:
                    in_breakdown |= {c.index} | {p.index for p in parts}
    for c in claims:
        if not c.is_money or c.relation not in ("amount", "change"):
            continue
        num = c.text.strip()
        m = num.rstrip("亿万千元").strip()
        unit = num[len(m):].strip()
        checkable = c.index in in_breakdown or (c.relation == "amount" and facts_for(c, ledger))
        if not checkable:
            continue
        kind = "narrative amount" if c.relation == "amount" else "change amount"
        yield kind, c.line, _span_edit(text, c.line, c.start, c.end, _bump(m) + unit)
        if c.relation == "amount" and unit == "万元" and c.value.value != 0:
            yield "unit", c.line, _span_edit(text, c.line, c.start, c.end, m + "元")
        if c.relation == "change" and c.index in in_breakdown and c.value.value != 0:
            line = doc.line(c.line).text
            w0 = line.rfind(c.word, 0, c.start)
            yield "direction word", c.line, _span_edit(text, c.line, w0, w0 + len(c.word), _opposite(c))
    # table cells that a narrative claim agrees with
    seen = set()
    for c in claims:
        if c.relation != "amount" or not c.is_money:
            continue
        for f in facts_for(c, ledger):
            cell = f.cell
            if cell is None or cell.number is None or (cell.line, cell.column) in seen:
                continue
            if not c.yuan().meets(f.yuan()):
                continue
            seen.add((cell.line, cell.column))
            t = cell.text.strip()
            src = doc.line(cell.line).text
            at = src.find(t, cell.column - 1)
            yield "table cell", c.line, _span_edit(text, cell.line, at, at + len(t), _bump(t))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("prefix", sorted(FIXES))
def test_base_documents_are_consistent(prefix, fmt, tmp_path):
    path = mutate(prefix, FIXES[prefix], tmp_path, formats=[fmt])[fmt]
    assert [(f.rule, f.line, f.message) for f in check(path, "BL2")] == []


PLANTS_PER_KIND_IN_OTHER_FORMATS = 3


def test_every_injected_defect_is_found(tmp_path):
    table = RecallTable()
    misses = []
    for prefix in sorted(FIXES):
        base, text = _consistent(prefix, tmp_path)
        doc = read_document(str(base))
        seen = Counter()
        for i, (kind, line, edit) in enumerate(_mutations(doc, text)):
            seen[kind] += 1
            # the .txt takes every plant; the .docx and .pdf the first few of each kind in each
            # seed (a mutated PDF costs ten times a .txt to write and read, and what they test is
            # that each kind survives the format, which a few plants per seed show)
            for fmt in (FORMATS if seen[kind] <= PLANTS_PER_KIND_IN_OTHER_FORMATS else ("txt",)):
                try:
                    path = mutate(prefix, FIXES[prefix] + [edit], tmp_path / f"{prefix}_m{i}", formats=[fmt])[fmt]
                except Unrepresentable as exc:
                    table.add(kind, fmt, None, f"{prefix} line {line}: {exc}")
                    continue
                found = bool(check(path, "BL2"))
                table.add(kind, fmt, found)
                if not found:
                    misses.append(f"{prefix} {fmt} {kind} (claim on .txt line {line}: {edit[1]!r} -> {edit[2]!r})")
    print("\n" + table.render("narrative mutation recall (BL2)"))
    assert set(table.kinds) == {"narrative amount", "table cell", "change amount", "direction word", "unit"}
    for kind in table.kinds:
        for fmt in FORMATS:
            assert table.tried(kind, fmt), f"{kind} never planted in .{fmt}"
    assert not misses, "\n".join(misses)

"""Mutation test for the narrative rules: start from real documents whose narrative and
tables agree, inject one defect at a time programmatically, and require that BL2 finds it.

Kinds: a narrative amount changed, a table cell changed, a stated change amount changed, a
direction word flipped, a unit slipped (万元 -> 元). Every claim the rules can check is
mutated (an amount with a table fact or inside a complete breakdown; a change inside a
complete breakdown of changes). Recall per kind is printed and must be 1.0.
"""
from collections import defaultdict
from decimal import Decimal

import pytest
from conftest import check, seed

from linter.claims import claims_of, ledger_of
from linter.readers import read_document
from rules.narrative.common import _opposite, decompose, facts_for

# consistent starting points: the seeds with their known narrative defects corrected
FIXES = {
    "000": [("一般公共预算收入95.54万元，基金预算收入18万元", "一般公共预算收入107.54万元，基金预算收入0万元")],
    "001": [],
    "004": [("上年末固定资产金额为0.00万元", "上年末固定资产金额为20.61万元")],
}


def _consistent(prefix, tmp_path):
    text = seed(prefix).read_text(encoding="utf-8")
    for old, new in FIXES[prefix]:
        assert old in text
        text = text.replace(old, new)
    p = tmp_path / f"{prefix}_base.txt"
    p.write_text(text, encoding="utf-8")
    return p, text


def _bump(printed: str) -> str:
    """The printed number plus one in its last integer digit, same format."""
    digits = printed.replace(",", "")
    d = len(digits.split(".", 1)[1]) if "." in digits else 0
    v = Decimal(digits) + 1
    return f"{v:.{d}f}"


def _replace_span(text: str, line: int, start: int, end: int, new: str) -> str:
    lines = text.split("\n")
    s = lines[line - 1]
    lines[line - 1] = s[:start] + new + s[end:]
    return "\n".join(lines)


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
        yield kind, c.line, _replace_span(text, c.line, c.start, c.end, _bump(m) + unit)
        if c.relation == "amount" and unit == "万元" and c.value.value != 0:
            yield "unit", c.line, _replace_span(text, c.line, c.start, c.end, m + "元")
        if c.relation == "change" and c.index in in_breakdown and c.value.value != 0:
            line = doc.line(c.line).text
            w0 = line.rfind(c.word, 0, c.start)
            yield "direction word", c.line, _replace_span(text, c.line, w0, w0 + len(c.word), _opposite(c))
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
            yield "table cell", c.line, _replace_span(text, cell.line, at, at + len(t), _bump(t))


@pytest.mark.parametrize("prefix", sorted(FIXES))
def test_base_documents_are_consistent(prefix, tmp_path):
    p, _ = _consistent(prefix, tmp_path)
    assert check(p, "BL2") == []


def test_every_injected_defect_is_found(tmp_path):
    found = defaultdict(int)
    total = defaultdict(int)
    misses = []
    for prefix in sorted(FIXES):
        base, text = _consistent(prefix, tmp_path)
        doc = read_document(str(base))
        for i, (kind, line, mutated) in enumerate(_mutations(doc, text)):
            p = tmp_path / f"{prefix}_m{i}.txt"
            p.write_text(mutated, encoding="utf-8")
            findings = check(p, "BL2")
            total[kind] += 1
            if findings:
                found[kind] += 1
            else:
                misses.append(f"{prefix} {kind} (claim on line {line})")
    print("\nnarrative mutation recall")
    for kind in sorted(total):
        print(f"  {kind:18} {found[kind]:3}/{total[kind]:3}  {found[kind] / total[kind]:.2f}")
    assert set(total) == {"narrative amount", "table cell", "change amount", "direction word", "unit"}
    assert not misses, "\n".join(misses)

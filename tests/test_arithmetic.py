"""BL1xx table arithmetic: every rule fires on a mutated real document and stays silent
on the real seeds (whose tables include rounding traps such as 193.61 = 182.21 + 11.39)."""
from pathlib import Path

import pytest

from conftest import SEEDS, check, mutate, seed


def cell_of(doc, kind, row_key, column_key):
    """The cell of a table (by kind) in the row with a code or name, in a column (by key)."""
    table = doc.tables_of(kind)[0]
    col = table.column_index(column_key)[0]
    for row, info in zip(table.data_rows(), table.row_info):
        if row_key in (info.code, info.name.replace(" ", "")):
            return next(c for c in row if c.col == col)
    raise AssertionError(f"no row {row_key} in {kind}")


def summary_cell(doc, kind, name, side=0):
    """The amount cell next to a 收支总表 item name (side 0 = 收入, 1 = 支出)."""
    from rules.arithmetic.common import summary_sides

    table = doc.tables_of(kind)[0]
    s = summary_sides(table)[side]
    row = next(r for r in s.rows if r.name == name)
    return row.cells[s.amount_cols[0]]


def edit(src: Path, tmp_path: Path, changes, name=None) -> Path:
    """A copy of a .txt corpus document with whole cells replaced: changes is a list of
    (cell, new text); each cell is a line of its own in the dump format."""
    lines = src.read_text(encoding="utf-8").split("\n")
    for cell, new in changes:
        old = lines[cell.line - 1]
        assert old.strip() == cell.text, (old, cell.text)
        lines[cell.line - 1] = old.replace(cell.text, new) if cell.text else old + new
    out = tmp_path / (name or src.name)
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def doc_of(path):
    from linter.readers import read_document

    return read_document(str(path))


def codes(findings):
    return sorted({f.rule for f in findings})


# --- silent on the real documents ------------------------------------------------------

@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_errors_silent_on_real_seeds(path):
    found = [f for f in check(path, "BL1") if f.severity == "error"]
    assert found == [], [f.message for f in found]


def test_rounding_trap_is_not_reported():
    # seed 004 基本支出表: 合计 193.61 while 人员经费 182.21 + 公用经费 11.39 = 193.60 (rounding)
    doc = doc_of(seed("004"))
    total = cell_of(doc, "budget_gpb_basic", "合计", "合计")
    assert total.text == "193.61"
    assert [f for f in check(seed("004"), "BL102") if f.line == total.line] == []


# --- BL101 ------------------------------------------------------------------------------

def test_rollup_fires_on_changed_kuan_row(tmp_path):
    # 支出总表 row 20137 网信事务: 合计 91.04 → 90.04
    bad = mutate(seed("000"), tmp_path, "\t20137\n\t网信事务\n\t91.04", "\t20137\n\t网信事务\n\t90.04")
    found = check(bad, "BL101")
    assert found, "a 款 row changed without its 类 must be reported"
    f = found[0]
    assert "91.04" in f.message and "90.04" in f.message and "1.00" in f.message
    assert f.related and f.related[0].excerpt == "90.04"


# --- BL102 row totals -------------------------------------------------------------------

def test_row_total_fires_on_changed_basic_column(tmp_path):
    doc = doc_of(seed("000"))
    cell = cell_of(doc, "budget_expense", "2013701", "基本支出")
    bad = edit(seed("000"), tmp_path, [(cell, "60.04")])
    found = [f for f in check(bad, "BL102")]
    assert len(found) == 1
    f = found[0]
    total = cell_of(doc, "budget_expense", "2013701", "合计")
    assert (f.line, f.excerpt) == (total.line, "61.04") and f.severity == "error"
    assert "60.04" in f.message and "1.00" in f.message and "基本支出" in f.message
    assert [r.line for r in f.related] == [cell.line]
    assert f.suggestion and "60.04" in f.suggestion


def test_row_total_of_personnel_and_public(tmp_path):
    doc = doc_of(seed("004"))
    cell = cell_of(doc, "budget_gpb_basic", "30201", "公用经费")
    bad = edit(seed("004"), tmp_path, [(cell, "4.80")])
    found = check(bad, "BL102")
    assert [f.line for f in found] == [cell_of(doc, "budget_gpb_basic", "30201", "合计").line]
    assert "人员经费+公用经费" in found[0].message


# --- BL103 收支总表 column totals ----------------------------------------------------------

def test_summary_year_total_fires(tmp_path):
    doc = doc_of(seed("000"))
    year = summary_cell(doc, "budget_summary", "本年支出合计", side=1)
    bad = edit(seed("000"), tmp_path, [(year, "108.54")])
    found = check(bad, "BL103")
    lines = {f.line for f in found}
    assert year.line in lines  # 本年支出合计 vs the items
    msg = next(f.message for f in found if f.line == year.line)
    assert "108.54" in msg and "107.54" in msg and "1.00" in msg


def test_summary_unbalanced_totals_fire(tmp_path):
    doc = doc_of(seed("004"))
    grand = summary_cell(doc, "budget_summary", "支出总计", side=1)
    bad = edit(seed("004"), tmp_path, [(grand, "283.71")])
    found = check(bad, "BL103")
    assert any("收入总计" in f.message and f.line == grand.line for f in found)
    assert all(f.severity == "error" for f in found)


def test_summary_carry_over_sub_rows_count(tmp_path):
    # 财政拨款收支总表: 年初结转 left blank, its 一般公共预算拨款 sub-row filled: 收入总计 must include it
    doc = doc_of(seed("000"))
    table = doc.tables_of("budget_fiscal_summary")[0]
    from rules.arithmetic.common import summary_sides

    side = summary_sides(table)[0]
    sub = next(r for r in side.rows if r.role == "carry_sub")
    cell = sub.cells[side.amount_cols[0]]
    bad = edit(seed("000"), tmp_path, [(cell, "2.00")])
    found = check(bad, "BL103")
    grand = summary_cell(doc, "budget_fiscal_summary", "收入总计")
    assert any(f.line == grand.line for f in found)


# --- BL104 cross-table totals ---------------------------------------------------------

def test_cross_table_total_fires(tmp_path):
    doc = doc_of(seed("000"))
    changes = [(cell_of(doc, "budget_income", "合计", k), "106.54") for k in ("合计", "小计", "财政拨款")]
    bad = edit(seed("000"), tmp_path, changes)
    found = check(bad, "BL104")
    assert len(found) == 1
    f = found[0]
    assert f.line == changes[0][0].line and "收入总计" in f.message and "-1.00" in f.message
    assert f.related[0].line == summary_cell(doc, "budget_summary", "收入总计").line


def test_basic_total_vs_basic_table(tmp_path):
    doc = doc_of(seed("004"))
    changes = [(cell_of(doc, "budget_gpb_basic", "合计", "合计"), "194.61"),
               (cell_of(doc, "budget_gpb_basic", "合计", "人员经费"), "183.21")]
    bad = edit(seed("004"), tmp_path, changes)
    found = check(bad, "BL104")
    assert {f.line for f in found} == {changes[0][0].line}
    assert "基本支出" in found[0].message


# --- BL105 cross-table rows -----------------------------------------------------------

def test_cross_table_row_fires(tmp_path):
    doc = doc_of(seed("000"))
    changes = [(cell_of(doc, "budget_gpb_expense", "2013702", k), "29.00") for k in ("合计", "项目支出")]
    bad = edit(seed("000"), tmp_path, changes)
    found = check(bad, "BL105")
    expense = cell_of(doc, "budget_expense", "2013702", "合计")
    assert any(f.line == changes[0][0].line and f.related[0].line == expense.line for f in found)
    assert all("2013702" in f.message for f in found)


def test_summary_item_vs_expense_class(tmp_path):
    doc = doc_of(seed("000"))
    item = summary_cell(doc, "budget_summary", "卫生健康支出", side=1)
    bad = edit(seed("000"), tmp_path, [(item, "5.60")])
    found = check(bad, "BL105")
    assert [f.line for f in found] == [item.line]
    assert found[0].related[0].line == cell_of(doc, "budget_expense", "210", "合计").line


# --- BL106 人员经费 / 公用经费 split ----------------------------------------------------------

def test_personnel_split_warns(tmp_path):
    doc = doc_of(seed("000"))
    changes = [(cell_of(doc, "budget_gpb_basic", "合计", "人员经费"), "71.80"),
               (cell_of(doc, "budget_gpb_basic", "合计", "公用经费"), "5.74")]
    bad = edit(seed("000"), tmp_path, changes)
    found = check(bad, "BL106")
    assert {f.line for f in found} == {c.line for c, _ in changes}
    assert all(f.severity == "warning" for f in found)


# --- BL107 contribution mirrors -------------------------------------------------------

def test_pension_without_function_item_warns_on_real_seed():
    found = check(seed("004"), "BL107")
    doc = doc_of(seed("004"))
    pension = cell_of(doc, "budget_gpb_basic", "30108", "合计")
    assert [(f.line, f.severity) for f in found] == [(pension.line, "warning")]
    assert "2080505" in found[0].message


def test_grouped_medical_mirror_is_silent():
    # seed 000: 30110 4.00 + 30111 1.50 = 2101101 5.50 — the group, not each item, mirrors
    assert check(seed("000"), "BL107") == []


def test_housing_fund_mirror_fires(tmp_path):
    doc = doc_of(seed("000"))
    changes = [(cell_of(doc, "budget_gpb_basic", "30108", k), "5.00") for k in ("合计", "人员经费")] + \
              [(cell_of(doc, "budget_gpb_basic", "30113", k), "6.00") for k in ("合计", "人员经费")]
    bad = edit(seed("000"), tmp_path, changes)
    found = check(bad, "BL1")
    assert codes(found) == ["BL107"]  # sums unchanged: only the mirrors notice
    assert len(found) == 2 and all(f.related for f in found)

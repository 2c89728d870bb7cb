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
    from linter.figures import summary_sides

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
    from linter.figures import summary_sides

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


def test_cross_table_total_in_two_units_is_told_in_one(tmp_path):
    # 收入总表 printed in 元: 1065400.00 元 against the 收支总表's 107.54 万元 is 10000 元 short
    doc = doc_of(seed("000"))
    income = doc.tables_of("budget_income")[0]
    unit_line = next(n for n in range(income.title_line, income.first_line) if "单位：万元" in doc.line(n).text)
    lines = seed("000").read_text(encoding="utf-8").split("\n")
    lines[unit_line - 1] = lines[unit_line - 1].replace("万元", "元")
    total = cell_of(doc, "budget_income", "合计", "合计")
    lines[total.line - 1] = "\t1065400.00"
    bad = tmp_path / seed("000").name
    bad.write_text("\n".join(lines), encoding="utf-8")
    found = [f for f in check(bad, "BL104") if f.line == total.line]
    assert len(found) == 1
    assert "1065400.00" in found[0].message and "1075400.00元" in found[0].message
    assert "-10000.00" in found[0].message
    lines[total.line - 1] = "\t1075400.00"
    bad.write_text("\n".join(lines), encoding="utf-8")
    assert [f for f in check(bad, "BL104") if f.line == total.line] == []


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


# --- 决算 tables, table sets, tables without codes (in-memory edits of real PDFs) -------------

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"


def run(doc, select="BL1"):
    from linter.config import Selection
    from linter.engine import load_rules, run_rules

    sel = Selection()
    sel.select = select.split(",")
    return list(run_rules(doc, load_rules(sel), sel))


def evaluated(doc):
    return doc._cache.get("bl1.evaluated", {})


def sample(name):
    return doc_of(SAMPLES / name)


def set_text(cell, text):
    cell.text = text
    return cell


def measure_cell(table, key, measure):
    col = table.column_index(key, measure)
    assert len(col) == 1, (key, measure, table.columns, table.measures)
    return next(c for c in table.data_rows()[0] if c.col == col[0])


def test_final_three_public_checked_per_measure():
    doc = sample("2024_putuo_guiziju_dept_final.pdf")
    t = doc.tables_of("final_three_public")[0]
    assert t.columns[:2] == ["合计", "合计"] and t.measures[:2] == ["预算数", "决算数"]
    assert run(doc, "BL102") == [] and evaluated(doc)["BL102"] >= 4  # 2 identities x 2 measures
    doc = sample("2024_putuo_guiziju_dept_final.pdf")
    t = doc.tables_of("final_three_public")[0]
    total = measure_cell(t, "合计", "决算数")
    set_text(measure_cell(t, "公务接待", "决算数"), "0.49")
    found = run(doc, "BL102")
    assert [(f.line, f.excerpt) for f in found] == [(total.line, "0.39")]
    assert "0.49" in found[0].message and "-0.10" in found[0].message


def test_final_three_public_car_subtotal():
    doc = sample("2024_putuo_guiziju_dept_final.pdf")
    t = doc.tables_of("final_three_public")[0]
    set_text(measure_cell(t, "公车运行", "预算数"), "1.00")
    found = run(doc, "BL102")
    car = measure_cell(t, "公务用车", "预算数")
    assert car.line in {f.line for f in found}
    assert all(f.column == car.column for f in found if "公务用车" in f.message)


def block_cell(table, code_or_name):
    from linter.figures import clean_name, entries

    for e in entries(table):
        if e.code == code_or_name or clean_name(e.name) == code_or_name:
            return next(iter(e.cells.values()))
    raise AssertionError(code_or_name)


def test_two_block_basic_table_rollup_and_split():
    doc = sample("2024_putuo_shegongbu_dept_final.pdf")
    basic = doc.tables_of("final_gpb_basic")[0]
    assert run(doc) == []
    ev = evaluated(doc)
    assert ev["BL101"] > 0 and ev["BL106"] == 2 and ev["BL107"] > 0
    # right-block rows are read with their own codes: 30201 sits under 302, not 301
    assert block_cell(basic, "30201").text == "3.78" and block_cell(basic, "302").text == "10.23"
    set_text(block_cell(basic, "30101"), "15.12")  # 基本工资 +1.00: 301 no longer adds up
    found = run(doc, "BL101")
    assert [(f.excerpt, f.page) for f in found] == [("95.36", basic.page)]


def test_two_block_personnel_total_vs_classes_and_function_table():
    doc = sample("2024_putuo_shegongbu_dept_final.pdf")
    basic = doc.tables_of("final_gpb_basic")[0]
    cell = set_text(block_cell(basic, "人员经费合计"), "96.36")
    found = run(doc)
    by_rule = {f.rule: f for f in found}
    assert set(by_rule) == {"BL104", "BL106"}
    assert by_rule["BL106"].line == cell.line and by_rule["BL106"].severity == "warning"
    assert by_rule["BL104"].line == cell.line and "105.58" in by_rule["BL104"].message


def test_table_sets_checked_one_by_one(tmp_path):
    # a compilation: the same department's tables twice; the second copy edited
    text = seed("000").read_text(encoding="utf-8")
    doc = doc_of(seed("000"))
    first_total = cell_of(doc, "budget_income", "合计", "合计")
    lines = text.split("\n")
    out = tmp_path / "two.txt"
    out.write_text(text + "\n" + text, encoding="utf-8")
    both = doc_of(out)
    from linter.figures import groups

    assert len(groups(both)) == 2
    assert run(both) == [] and evaluated(both)["BL104"] == 2 * run_count(seed("000"))
    second = first_total.line + len(lines)
    for cell in (c for r in both.tables_of("budget_income")[1].rows for c in r if c.line == second):
        assert cell.text == "107.54"
    bad_lines = (text + "\n" + text).split("\n")
    for k in ("合计", "小计", "财政拨款"):
        c = cell_of(doc, "budget_income", "合计", k)
        bad_lines[c.line - 1 + len(lines)] = bad_lines[c.line - 1 + len(lines)].replace("107.54", "106.54")
    out.write_text("\n".join(bad_lines), encoding="utf-8")
    found = run(doc_of(out), "BL104")
    assert [f.line for f in found] == [second]


def run_count(path):
    d = doc_of(path)
    run(d)
    return evaluated(d)["BL104"]


# --- BL108 tables without codes -------------------------------------------------------

THREE_PUBLIC_EMPTY_ROW = "\t栏次\n\t1\n\t2\n\t3\n\t4\n\t5\n\n\t\n\t\n\t\n\t\n\t\n\t\n"


def with_three_public(tmp_path, rows) -> Path:
    """Seed 000 with its empty 三公 table (the one after the table's title) filled."""
    text = seed("000").read_text(encoding="utf-8")
    at = text.index("部门预算财政拨款“三公”经费支出表\n")
    pos = text.index(THREE_PUBLIC_EMPTY_ROW, at)
    out = tmp_path / seed("000").name
    out.write_text(text[:pos] + three_public_rows(rows) + text[pos + len(THREE_PUBLIC_EMPTY_ROW):], encoding="utf-8")
    return out


def three_public_rows(rows):
    """The seed's empty 三公 row replaced by filled rows: (序号, 项目, 合计, 一般公共预算)."""
    body = "\n".join("".join(f"\t{x}\n" for x in (n, name, total, gpb, "", "")) for n, name, total, gpb in rows)
    return "\t栏次\n\t1\n\t2\n\t3\n\t4\n\t5\n\n" + body


GOOD_ROWS = [("", "合计", "4.00", "4.00"), ("1", "因公出国（境）费", "", ""), ("2", "公务接待费", "1.00", "1.00"),
             ("3", "公务用车购置及运行费", "3.00", "3.00"), ("", "其中：（1）公务用车购置费", "", ""),
             ("", "（2）公务用车运行费", "3.00", "3.00")]


def test_three_public_rows_silent_when_they_add_up(tmp_path):
    good = with_three_public(tmp_path, GOOD_ROWS)
    doc = doc_of(good)
    t = doc.tables_of("budget_three_public")[0]
    assert not t.is_empty() and [i.name for i in t.row_info][0] == "合计"
    assert run(doc, "BL108") == [] and evaluated(doc)["BL108"] == 4  # 2 identities x 2 columns


def test_three_public_rows_total_fires(tmp_path):
    rows = [("", "合计", "5.00", "5.00")] + GOOD_ROWS[1:]
    bad = with_three_public(tmp_path, rows)
    found = check(bad, "BL108")
    assert len(found) == 2 and all(f.excerpt == "5.00" and f.severity == "error" for f in found)
    assert "4.00" in found[0].message and found[0].related


def test_three_public_car_rows_fire(tmp_path):
    rows = GOOD_ROWS[:5] + [("", "（2）公务用车运行费", "2.50", "3.00")]
    bad = with_three_public(tmp_path, rows)
    found = check(bad, "BL108")
    assert len(found) == 1 and found[0].excerpt == "3.00" and "2.50" in found[0].message


ASSETS_001 = "\t资产总额\n\t——\n\t12.73\n"


def test_assets_total_fires(tmp_path):
    bad = mutate(seed("001"), tmp_path, ASSETS_001, "\t资产总额\n\t——\n\t13.73\n")
    found = check(bad, "BL108")
    assert len(found) == 1 and found[0].excerpt == "13.73" and "12.73" in found[0].message


def test_assets_office_space_is_a_part_not_an_addend(tmp_path):
    # 房屋 5.00 of which 办公用房 5.00, 其他 7.73: 资产总额 12.73 still adds up
    text = seed("001").read_text(encoding="utf-8")
    text = text.replace("\t1、房屋（平方米）\n\t——\n\t\n", "\t1、房屋（平方米）\n\t——\n\t5.00\n", 1)
    text = text.replace("\t其中：办公用房（平方米）\n\t——\n\t\n", "\t其中：办公用房（平方米）\n\t——\n\t5.00\n", 1)
    text = text.replace("\t4、其他固定资产\n\t——\n\t12.73\n", "\t4、其他固定资产\n\t——\n\t7.73\n", 1)
    out = tmp_path / seed("001").name
    out.write_text(text, encoding="utf-8")
    doc = doc_of(out)
    assert run(doc, "BL108") == [] and evaluated(doc)["BL108"] >= 2


def test_procurement_subtotal_fires(tmp_path):
    doc = doc_of(seed("001"))
    t = doc.tables_of("procurement")[0]
    sub = next(r for r, i in zip(t.data_rows(), t.row_info) if i.name.endswith("小计"))
    cell = next(c for c in sub if c.text.strip() == "6.18")
    bad = edit(seed("001"), tmp_path, [(cell, "7.18")])
    found = check(bad, "BL108")
    assert [f.line for f in found] == [cell.line] and "6.18" in found[0].message


# --- the identities were evaluated, not skipped ------------------------------------------

@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.pdf") if "TEMPLATE" not in p.name))
def test_samples_are_checked_not_skipped(name):
    doc = sample(name)
    assert [f for f in run(doc) if f.severity == "error"] == []
    ev = evaluated(doc)
    for code in ("BL101", "BL102", "BL103", "BL104", "BL105", "BL106", "BL107"):
        assert ev.get(code, 0) > 0, (code, dict(ev))


def test_two_departments_in_one_file_are_two_sets(tmp_path):
    # seed 000 then seed 004 (another department): each set checked on its own; the one
    # real finding of 004 (BL107 pension mirror) is still found, nothing new appears
    out = tmp_path / "both.txt"
    out.write_text(seed("000").read_text(encoding="utf-8") + "\n" + seed("004").read_text(encoding="utf-8"),
                   encoding="utf-8")
    doc = doc_of(out)
    from linter.figures import groups

    sets = groups(doc)
    assert len(sets) == 2 and {t.meta["编制单位"] for t in sets[1].values()} == {doc_of(seed("004")).meta.department}
    found = run(doc)
    assert [f.rule for f in found] == ["BL107"] and "16.15" in found[0].message
    assert evaluated(doc)["BL104"] == run_count(seed("000")) + run_count(seed("004"))

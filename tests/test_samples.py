"""Real published PDFs (上海市普陀区, another template than the seeds): the nine tables by
kind, their units, and totals as read by eye off the rendered pages."""
from __future__ import annotations

import regex
import pytest

from linter.readers import read_document

from conftest import CORPUS, run_cli

SAMPLES = CORPUS / "samples"
BUDGET = ["budget_summary", "budget_income", "budget_expense", "budget_fiscal_summary", "budget_gpb_expense",
          "budget_fund", "budget_soe", "budget_gpb_basic", "budget_three_public"]
FINAL = ["final_summary", "final_income", "final_expense", "final_fiscal_summary", "final_gpb_expense",
         "final_gpb_basic", "final_three_public", "final_fund", "final_soe"]

# (kind, row label, the amount right of the label) — read off the page images by eye
EXPECTED = {
    "2025_putuo_qufuban_dept_budget.pdf": (BUDGET, "元", [
        ("budget_summary", "收入总计", "91,016,775.35"), ("budget_summary", "支出总计", "91,016,775.35"),
        ("budget_summary", "一、一般公共服务支出", "82,096,797.42"),
        ("budget_income", "一般公共服务支出", "82,096,797.42"),
        ("budget_three_public", "867.50", "839.00")]),
    "2025_putuo_qufuban_unit_budget.pdf": (BUDGET, "元", [
        ("budget_summary", "收入总计", "91,016,775.35"), ("budget_summary", "支出总计", "91,016,775.35"),
        ("budget_summary", "一、一般公共服务支出", "82,096,797.42")]),
    "2025_putuo_shangwuwei_dept_budget.pdf": (BUDGET, "元", [
        ("budget_summary", "收入总计", "371,514,655.00"), ("budget_summary", "支出总计", "371,514,655.00"),
        ("budget_summary", "五、资源勘探工业信息等支出", "293,810,000.00")]),
    "2024_putuo_wanli_jiedao_dept_budget.pdf": (BUDGET, "元", [
        ("budget_summary", "收入总计", "156,211,123"), ("budget_summary", "支出总计", "156,211,123"),
        ("budget_summary", "八、城乡社区支出", "119,385,303")]),
    "2025_putuo_wanli_jiedao_dept_budget.pdf": (BUDGET, "元", [
        ("budget_summary", "收入总计", "189,767,551"), ("budget_summary", "支出总计", "189,767,551"),
        ("budget_summary", "八、城乡社区支出", "154,369,326")]),
    "2024_putuo_caizhengju_dept_final.pdf": (FINAL, "万元", [
        ("final_summary", "年初结转和结余", "49.14"), ("final_summary", "年末结转和结余", "55.34"),
        ("final_summary", "总计", "2,995.39")]),
    "2024_putuo_guiziju_dept_final.pdf": (FINAL, "万元", [
        ("final_summary", "一、一般公共预算财政拨款收入", "9746.50"), ("final_summary", "本年支出合计", "9759.38"),
        ("final_summary", "十一、城乡社区支出", "3845.25"), ("final_summary", "总计", "9859.38")]),
    "2024_putuo_shegongbu_dept_final.pdf": (FINAL, "万元", [
        ("final_summary", "一、一般公共服务支出", "264.87"), ("final_summary", "十九、住房保障支出", "29.42"),
        ("final_summary", "总计", "307.82")]),
}


def amount_after(table, label: str, last: bool = False) -> str | None:
    for row in (reversed(table.rows) if last else table.rows):
        for i, c in enumerate(row):
            if regex.sub(r"\s+", "", c.text) == label:
                after = [x.text for x in row[i + 1:] if x.text.strip()]
                return after[0] if after else None
    return None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_has_nine_tables_and_totals_read_by_eye(name):
    kinds, unit, values = EXPECTED[name]
    doc = read_document(str(SAMPLES / name))
    found = {t.kind for t in doc.tables}
    assert set(kinds) <= found, set(kinds) - found
    for kind in kinds[:8]:
        assert doc.tables_of(kind)[0].unit == unit, kind
    for kind, label, amount in values:
        assert amount_after(doc.tables_of(kind)[0], label) == amount, (kind, label)
    assert doc.meta.year == int(name[:4])
    assert all(ln.page for ln in doc.lines)


def test_budget_tables_continued_over_pages_are_one_table():
    doc = read_document(str(SAMPLES / "2025_putuo_qufuban_dept_budget.pdf"))
    income = doc.tables_of("budget_income")
    assert len(income) == 1
    t = income[0]
    assert {c.page for r in t.rows for c in r} == {9, 10}
    assert amount_after(t, "合计", last=True) == "91,016,775.35"  # the last row, on page 10
    assert amount_after(t, "卫生健康支出") == "1,097,073.43"  # the first row on page 10


def test_template_full_of_placeholders_reads():
    doc = read_document(str(SAMPLES / "2024_shanghai_dept_final_TEMPLATE_XX.pdf"))
    assert set(FINAL) <= {t.kind for t in doc.tables}
    assert any("XX" in ln.text for ln in doc.lines)


def test_check_runs_on_every_corpus_pdf_without_a_crash():
    res = run_cli("check", "--format", "json", str(CORPUS / "samples"), str(CORPUS / "pdf"))
    assert "Traceback" not in res.stderr and "错误：" not in res.stderr, res.stderr[-2000:]
    assert res.returncode in (0, 1)

"""The Jiangsu template (corpus/real/jiangsu): every table gets its kind, the table identities
run on it, and its 政府采购预算表 — three levels deep and continued over a page — is read level
by level."""
from __future__ import annotations

from conftest import CORPUS

JIANGSU = {p.name[:5]: p for p in sorted((CORPUS / "real" / "jiangsu").glob("*.pdf"))}


def _doc(name):
    from linter.readers import read_document

    return read_document(str(JIANGSU[name]))


def _run(doc, select):
    from linter.config import Selection
    from linter.engine import load_rules, run_rules

    sel = Selection()
    sel.select = [select]
    return list(run_rules(doc, load_rules(sel), sel))


def test_every_table_has_its_kind():
    # js_03 prints a serial label (公开表五) between each title and its table
    kinds = [t.kind for t in _doc("js_03").tables]
    assert kinds == ["budget_summary", "budget_income", "budget_expense", "budget_fiscal_summary",
                     "budget_fiscal_expense", "budget_fiscal_basic", "budget_gpb_expense", "budget_gpb_basic",
                     "budget_three_public", "budget_fund", "budget_operating", "procurement"]
    assert [t.kind for t in _doc("js_04").tables][8:] == ["budget_three_public", "budget_fund", "budget_operating",
                                                          "procurement"]


def test_the_identities_run_on_every_year():
    for name in ("js_01", "js_03", "js_04"):
        doc = _doc(name)
        assert _run(doc, "BL1") == []
        evaluated = doc._cache["bl1.evaluated"]
        wanted = ("BL101", "BL102", "BL103", "BL104", "BL105", "BL108") + (("BL107",) if name != "js_01" else ())
        assert all(evaluated.get(code, 0) > 0 for code in wanted), (name, dict(evaluated))


def test_procurement_continued_over_a_page_is_one_table_read_by_levels():
    doc = _doc("js_04")
    table = doc.tables_of("procurement")[0]
    pages = {c.page for row in table.data_rows() for c in row}
    assert pages == {17, 18}
    # evaluated twice: the 政府采购支出预算表 and the 收入预算总表 (收入总计 → 小计 → its lines)
    assert _run(doc, "BL108") == [] and doc._cache["bl1.evaluated"]["BL108"] == 2
    # an item on the continued page no longer adds up to its project (会议服务 under 人代会经费)
    row = next(r for r in table.data_rows() if any(c.text.strip() == "会议服务" for c in r)
               and any(c.text.strip() == "950.00" for c in r))
    cell = next(c for c in row if c.text.strip() == "950.00")
    assert cell.page == 18
    cell.text = "960.00"
    doc._cache.clear()
    table._cache.clear()
    found = _run(doc, "BL108")
    assert len(found) == 1, [f.message for f in found]
    assert found[0].excerpt == "950.00" and "江苏省第十三届人代会一次会议经费" in found[0].message \
        and "960.00" in found[0].message and found[0].page == 18

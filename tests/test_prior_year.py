"""BL207: a document's statements about last year vs last year's own document (batch rule)."""
from pathlib import Path

from conftest import CORPUS, cli_json, seed

DEPT = "中共唐山市开平区委网络安全和信息化委员会办公室"
CHANGE = "2025年预算收支安排283.61万元，较2024年预算增加21.20万元"


def _prior(text: str, total: str = "262.41", basic: str = "202.41", project: str = "60.00") -> str:
    """Seed 004 (a 2025 budget) rewritten as the same department's 2024 budget: 283.61 =
    262.41 + 21.20, 193.61 = 202.41 − 8.80, 90.00 = 60.00 + 30.00 when left at the defaults."""
    t = text.replace("2024", "2023").replace("2025", "2024")
    return t.replace("283.61", total).replace("193.61", basic).replace("90.00", project)


def _pair(tmp_path: Path, year_y: str | None = None, **prior_kw) -> tuple[Path, Path]:
    src = seed("004").read_text(encoding="utf-8")
    y = tmp_path / "y2025.txt"
    y.write_text(year_y if year_y is not None else src, encoding="utf-8")
    p = tmp_path / "y2024.txt"
    p.write_text(_prior(src, **prior_kw), encoding="utf-8")
    return y, p


def _bl207(*paths) -> list[dict]:
    return [f for f in cli_json("--select", "BL207", *map(str, paths)) if f["rule"] == "BL207"]


def test_consistent_pair_is_silent(tmp_path):
    y, p = _pair(tmp_path)
    assert _bl207(y, p) == []


def test_wrong_prior_total_is_reported_on_the_change(tmp_path):
    y, p = _pair(tmp_path, total="272.41")
    found = _bl207(y, p)
    assert len(found) == 1, found
    f = found[0]
    assert f["path"] == str(y) and f["line"] == 1334 and f["excerpt"] == "21.20万元"
    assert f["severity"] == "error"
    assert "262.41万元" in f["message"] and "272.41万元" in f["message"]
    assert f["suggestion"] == "比2024年预算增加11.20万元"
    assert f["related"] and all(r["note"].startswith(str(p)) for r in f["related"])
    assert {"line", "page", "excerpt", "note", "location"} == set(f["related"][0])
    assert any(r["excerpt"] == "272.41" for r in f["related"])
    # both places can be opened: the statement's paragraph, the other year's table cell
    assert f["location"]["heading"] and f["location"]["paragraph"] is not None
    cell = next(r["location"] for r in f["related"] if r["excerpt"] == "272.41")
    assert cell["table"] and cell["row"] and cell["column"] and cell["cell"] == "272.41"


def test_part_change_against_prior_basic_expense(tmp_path):
    y, p = _pair(tmp_path, basic="212.41", project="50.00")  # 基本支出 −8.80 implies 202.41; 项目 +30 implies 60
    found = {f["excerpt"] for f in _bl207(y, p)}
    assert found == {"8.80万元", "30.00万元"}, found


def test_stated_prior_amount(tmp_path):
    src = seed("004").read_text(encoding="utf-8")
    bad = src.replace(CHANGE, "2024年预算收支安排272.41万元。" + CHANGE)
    good = src.replace(CHANGE, "2024年预算收支安排262.41万元。" + CHANGE)
    y, p = _pair(tmp_path, year_y=bad)
    found = _bl207(y, p)
    assert [f["excerpt"] for f in found] == ["272.41万元"], found
    assert found[0]["suggestion"] == "262.41万元"
    y, p = _pair(tmp_path, year_y=good)
    assert _bl207(y, p) == []


def test_a_prior_execution_figure_is_not_last_years_budget(tmp_path):
    # a 预算 document's 上年预算执行数 is not what last year's budget document shows
    src = seed("004").read_text(encoding="utf-8")
    y, p = _pair(tmp_path, year_y=src.replace(CHANGE, "2024年预算执行数为272.41万元。" + CHANGE))
    assert _bl207(y, p) == []


def test_single_document_produces_nothing(tmp_path):
    y, p = _pair(tmp_path, total="272.41")
    assert _bl207(y) == []
    assert _bl207(p) == []


def test_other_department_or_year_is_not_paired(tmp_path):
    y, p = _pair(tmp_path, total="272.41")
    other = p.read_text(encoding="utf-8").replace(DEPT, "中共唐山市开平区委宣传部")
    p.write_text(other, encoding="utf-8")
    assert _bl207(y, p) == []
    y, p = _pair(tmp_path, total="272.41")
    p.write_text(p.read_text(encoding="utf-8").replace("2024", "2022"), encoding="utf-8")  # two years back
    assert _bl207(y, p) == []


def test_select_and_ignore_apply(tmp_path):
    y, p = _pair(tmp_path, total="272.41")
    assert any(f["rule"] == "BL207" for f in cli_json(str(y), str(p)))
    assert not any(f["rule"] == "BL207" for f in cli_json("--ignore", "BL207", str(y), str(p)))


def test_real_pair_of_the_same_jiedao():
    # 2025 says 财政拨款收入 18,976.76万元 比2024年增加3,355.65万元, “三公”经费 37.91万元 减少10万元,
    # 公务用车购置费 15万元 减少10万元 …; the 2024 document shows 15,621.11万元, 47.91万元, 25万元.
    folder = CORPUS / "samples"
    y = folder / "2025_putuo_wanli_jiedao_dept_budget.pdf"
    p = folder / "2024_putuo_wanli_jiedao_dept_budget.pdf"
    assert _bl207(y, p) == []


def test_real_pair_with_a_mutated_prior_summary_fires():
    """The same real pair through the summaries, with the 2024 “三公” total altered."""
    from decimal import Decimal

    from linter.readers import read_document
    from rules.narrative.BL207 import PriorYearMismatch

    folder = CORPUS / "samples"
    rule = PriorYearMismatch()
    prior = rule.summarise(read_document(str(folder / "2024_putuo_wanli_jiedao_dept_budget.pdf")))
    this = rule.summarise(read_document(str(folder / "2025_putuo_wanli_jiedao_dept_budget.pdf")))
    assert list(rule.check_batch([prior, this])) == []
    import pickle

    assert pickle.loads(pickle.dumps(this)) == this  # small, picklable: the Document is released
    rows = prior["facts"]["三公经费"]
    prior["facts"]["三公经费"] = [(lo + Decimal(100000), hi + Decimal(100000), *rest) for lo, hi, *rest in rows]
    found = list(rule.check_batch([prior, this]))
    assert {f.excerpt for f in found} == {"10万元"} and all(f.path == this["path"] for f in found)

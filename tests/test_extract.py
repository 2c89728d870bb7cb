import json

from conftest import run_cli, seed


def test_extract_json_shows_text_view_sections_tables_and_metadata():
    res = run_cli("extract", "--format", "json", str(seed("000")))
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["metadata"]["year"] == 2023 and data["metadata"]["doc_type"] == "预算"
    assert data["lines"][0]["line"] == 1
    kinds = [t["kind"] for t in data["tables"]]
    assert kinds[:3] == ["budget_summary", "budget_income", "budget_expense"]
    titles = [c["title"] for c in data["sections"]["children"]]
    assert any("部门预算信息公开情况说明" in t or "部门职责" in t for t in titles)


def test_extract_text_lists_tables_with_columns():
    res = run_cli("extract", str(seed("004")))
    assert res.returncode == 0
    assert "budget_gpb_basic" in res.stdout and "人员经费" in res.stdout
    assert "## Text view" in res.stdout


def test_extract_unreadable_file_is_one_line_error(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"")
    res = run_cli("extract", str(bad))
    assert res.returncode == 2 and str(bad) in res.stderr and "Traceback" not in res.stderr

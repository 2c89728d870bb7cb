"""audit checks a 说明 file and its tables file as one publication, as check does."""
import json

from conftest import CORPUS, run_cli
from test_audit import audit, rows

JS = CORPUS / "real" / "jiangsu"


def test_split_publication_gets_the_same_findings_as_check(tmp_path):
    narrative, tables = JS / "js_02_江苏省人大常委会2019年度部门预算公开.pdf", JS / "js_03_江苏省人大常委会办公厅2019年部门预算公开表.pdf"
    out = tmp_path / "out"
    res = audit(narrative, tables, "-o", out, "--no-report")
    assert res.returncode == 0, res.stderr
    assert "已合并检查" in res.stderr
    stored = sorted(rows(out, "SELECT d.path, f.rule, f.line, f.column, f.excerpt FROM findings f "
                              "JOIN documents d ON f.document_id=d.id"))
    checked = json.loads(run_cli("check", "--format", "json", str(narrative), str(tables)).stdout)
    assert stored == sorted((f["path"], f["rule"], f["line"], f["column"], f["excerpt"]) for f in checked)
    # the narrative rules saw the tables: findings on the 说明 that need them are there
    assert any(p == str(narrative) and r.startswith("BL2") for p, r, *_ in stored), stored
    # a rerun (nothing checked again) keeps the joined findings, once
    res = audit(narrative, tables, "-o", out, "--no-report")
    assert res.stderr.count("未变化，跳过") == 2
    assert sorted(rows(out, "SELECT d.path, f.rule, f.line, f.column, f.excerpt FROM findings f "
                            "JOIN documents d ON f.document_id=d.id")) == stored

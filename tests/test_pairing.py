"""Split publications (linter/pairing.py): a 说明 file and its tables file of the same department
and year are checked as one document when both are in the run, the output says so, and every
finding stays on the file and line it points at."""
from __future__ import annotations

import copy

import pytest

from conftest import CORPUS

JIANGSU = sorted((CORPUS / "real" / "jiangsu").glob("*.pdf"))

NARRATIVE = """{dept}{year}年度部门预算公开
第三部分 {year}年度部门预算情况说明
一、收支预算总体情况说明
{dept}{year}年度收入、支出预算总计1,200.00万元，与上年相比增加100.00万元。
（一）收入预算总计1,200.00万元，全部为一般公共预算收入。
（二）支出预算总计1,200.00万元，其中基本支出800.00万元，项目支出400.00万元。
二、一般公共预算基本支出预算情况说明
{year}年度一般公共预算基本支出预算{basic}万元，其中人员经费{personnel}万元，公用经费200.00万元。
"""

TABLES = """{dept}{year}年部门预算公开表
收支预算总表
部门：{dept} 单位：万元
| 收入项目 | 金额 | 支出项目 | 金额 |
| --- | --- | --- | --- |
| 一、一般公共预算 | 1,200.00 | 一、一般公共服务支出 | 1,200.00 |
| 收入合计 | 1,200.00 | 支出合计 | 1,200.00 |

支出预算总表
部门：{dept} 单位：万元
| 合计 | 基本支出 | 项目支出 |
| --- | --- | --- |
| 1,200.00 | 800.00 | 400.00 |

一般公共预算支出预算表
部门：{dept} 单位：万元
| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |
| --- | --- | --- | --- | --- |
| | 合计 | 1,200.00 | 800.00 | 400.00 |
| 201 | 一般公共服务支出 | 1,200.00 | 800.00 | 400.00 |
"""


def _write(tmp_path, name, template, **kw):
    values = {"dept": "江苏省审计厅", "year": 2020, "basic": "800.00", "personnel": "600.00"} | kw
    path = tmp_path / name
    path.write_text(template.format(**values), encoding="utf-8")
    return path


def _summaries(paths):
    from linter.pairing import summarise
    from linter.readers import read_document

    return [summarise(read_document(str(p))) for p in paths]


def test_the_jiangsu_split_publication_is_paired():
    from linter.pairing import pair

    sums = _summaries(JIANGSU)
    parts = {s["path"].rsplit("/", 1)[-1][:5]: s["part"] for s in sums}
    assert parts == {"js_01": "whole", "js_02": "narrative", "js_03": "tables", "js_04": "whole"}
    pairs = [(a.rsplit("/", 1)[-1][:5], b.rsplit("/", 1)[-1][:5]) for a, b in pair(sums)]
    assert pairs == [("js_02", "js_03")]


def test_pairing_needs_the_same_department_and_year(tmp_path):
    from linter.pairing import pair

    narrative = _write(tmp_path, "a.txt", NARRATIVE)
    assert len(pair(_summaries([narrative, _write(tmp_path, "b.txt", TABLES)]))) == 1
    assert pair(_summaries([narrative, _write(tmp_path, "c.txt", TABLES, year=2021)])) == []
    assert pair(_summaries([narrative, _write(tmp_path, "d.txt", TABLES, dept="江苏省统计局")])) == []


def test_two_candidate_tables_files_pair_nothing(tmp_path):
    from linter.pairing import pair

    files = [_write(tmp_path, "a.txt", NARRATIVE), _write(tmp_path, "b.txt", TABLES),
             _write(tmp_path, "c.txt", TABLES)]
    assert pair(_summaries(files)) == []


def test_check_reads_the_pair_as_one_document(tmp_path, capsys):
    from linter.cli import main

    narrative = _write(tmp_path, "说明.txt", NARRATIVE, basic="900.00", personnel="700.00")
    tables = _write(tmp_path, "公开表.txt", TABLES)
    # alone, the 说明 has no table to be compared with
    assert main(["check", "--format", "json", "--select", "BL2", str(narrative)]) == 0
    capsys.readouterr()
    assert main(["check", "--format", "json", "--select", "BL2", str(narrative), str(tables)]) == 1
    out = capsys.readouterr()
    assert f"{narrative} 与 {tables} 是同一次公开的说明和表格，已合并检查" in out.err
    import json

    findings = json.loads(out.out)
    assert [(f["path"], f["rule"], f["line"], f["excerpt"]) for f in findings] == \
        [(str(narrative), "BL201", 8, "900.00万元")]
    # what it conflicts with is in the other file, at that file's own line
    assert [(r["line"], r["excerpt"]) for r in findings[0]["related"]] == [(19, "800.00")]
    assert "公开表.txt" in findings[0]["related"][0]["note"]


def test_findings_on_the_tables_file_stay_on_it(tmp_path):
    from linter.engine import Selection, load_rules, run_rules
    from linter.pairing import join, locate
    from linter.readers import read_document

    narrative = read_document(str(_write(tmp_path, "a.txt", NARRATIVE)))
    tables_path = _write(tmp_path, "b.txt", TABLES.replace("| 1,200.00 | 800.00 | 400.00 |\n\n一般",
                                                           "| 1,300.00 | 800.00 | 400.00 |\n\n一般"))
    tables = read_document(str(tables_path))
    before = copy.deepcopy([(c.line, c.text) for t in tables.tables for r in t.rows for c in r])
    joined = join(narrative, tables)
    sel = Selection(select=["BL102"])
    found = [locate(f, joined) for f in run_rules(joined, load_rules(sel), sel)]
    assert [(f.path, f.line, f.excerpt) for f in found] == [(str(tables_path), 13, "1,300.00")]
    # the inputs are not changed by joining
    assert [(c.line, c.text) for t in tables.tables for r in t.rows for c in r] == before
    assert len(joined.lines) == len(narrative.lines) + len(tables.lines)


@pytest.mark.parametrize("name", ["js_02", "js_03"])
def test_a_half_alone_is_checked_alone(name, capsys):
    from linter.cli import main

    path = next(p for p in JIANGSU if p.name.startswith(name))
    main(["check", "--format", "json", str(path)])
    assert "已合并检查" not in capsys.readouterr().err


@pytest.mark.parametrize("family", ["hebei", "shanghai", "jiangsu", "mof"])
def test_a_generated_publication_split_in_two_is_paired_and_checked_as_one(family, tmp_path):
    """A publication of any template family, split into its 说明 and its tables file (the
    generator's `split`), is paired, and a narrative amount that contradicts the tables is
    found on the 说明 file only when its tables file is in the run."""
    import sys

    sys.path.insert(0, str(CORPUS.parent / "benchmarks"))
    from docgen import generate
    from generalisation import Linter

    doc = next(d for s in range(12) if (d := generate(family, "预算", "部门", s, "personnel-split")) is not None)
    narrative, tables = doc.split()
    npath, tpath = tmp_path / "说明.txt", tmp_path / "表.txt"
    npath.write_text(narrative, encoding="utf-8")
    tpath.write_text(tables, encoding="utf-8")
    lint = Linter()
    found, paired = lint.check_split(npath, tpath)
    assert paired
    planted = doc.plants[0].span.text
    hits = [f for f in found if f.rule.startswith("BL2") and planted in f.excerpt]
    assert hits and all(f.path == str(npath) for f in hits)
    # what it conflicts with is in the tables file, and the note names it
    assert any(r.note.startswith("表.txt") for f in hits for r in f.related)
    assert not [f for f in lint.check(npath) if f.rule.startswith("BL2") and planted in f.excerpt]

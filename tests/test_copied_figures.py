"""BL208 copied-figures: a sentence taken from another department's document with that
department's figures, found by fingerprints (wording with figures masked, plus the figures)
that the batch rule compares across documents — in one `check` run or over the audit store."""
import shutil

import pytest

from conftest import seed
from test_audit import audit, rows

from linter.testing import document_from_text
from rules.narrative.BL208 import CopiedFigures

TABLE = "收支预算总表"

# (family, source department, its title, copied sentence with the source's figures, the
#  source's total as in its tables, the copier's own sentence, the copier's total)
CASES = [
    ("hebei", "中共平乡县委网络安全和信息化委员会办公室", "{d}2023年部门预算公开",
     "2023年部门预算收支安排107.54万元，较2022年增加13.71万元。", "107.54",
     "中共元氏县委网络安全和信息化委员会办公室", "2023年部门预算收支安排88.20万元，较2022年减少5.10万元。", "88.20"),
    ("shanghai", "上海市普陀区财政局", "{d}2024年度部门决算",
     "2024年度收入总计3,512.68万元，比上年增加215.40万元，主要原因是信息化项目增加。", "3512.68",
     "上海市普陀区规划和自然资源局", "2024年度收入总计2,046.33万元，比上年减少12.50万元，主要原因是人员减少。", "2046.33"),
    ("jiangsu", "江苏省地方金融监督管理局", "{d}2024年部门预算",
     "本部门2024年一般公共预算财政拨款支出预算为6,731.25万元，其中基本支出4,102.66万元。", "6731.25",
     "江苏省统计局", "本部门2024年一般公共预算财政拨款支出预算为5,210.90万元，其中基本支出3,001.45万元。", "5210.90"),
]


def _doc(dept, title, sentence, total, path):
    text = f"{title.format(d=dept)}\n一、收支预算总体情况\n{sentence}\n"
    rows_ = [["项目", "预算数"], ["一般公共预算拨款收入", total], ["收入总计", total]]
    return document_from_text(text, [{"title": TABLE, "unit": "万元", "rows": rows_}], path=path)


def _check(*docs):
    rule = CopiedFigures()
    return list(rule.check_batch([rule.summarise(d) for d in docs]))


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_copied_sentence_with_the_other_departments_figures_fires_on_the_copy(case):
    family, src_dept, title, copied, src_total, dst_dept, own, dst_total = case
    source = _doc(src_dept, title, copied, src_total, "source.txt")
    # the copier took the sentence and changed nothing; its tables are its own
    copier = _doc(dst_dept, title, copied, dst_total, "copier.txt")
    found = _check(source, copier)
    assert len(found) == 1, found
    f = found[0]
    assert f.path == "copier.txt" and f.rule == "BL208" and f.line == 3 and f.column == 1
    assert f.excerpt == copied and src_dept in f.message
    assert f.related[0].note.startswith(f"source.txt: {src_dept}") and f.related[0].line == 3
    # the copier moved the years on but kept the other department's figures
    moved = _doc(dst_dept, title, copied.replace("2024", "2025").replace("2023", "2024"), dst_total, "moved.txt")
    assert [f.path for f in _check(source, moved)] == ["moved.txt"]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_copy_of_two_clauses_inside_a_rewritten_sentence_is_found(case):
    family, src_dept, title, copied, src_total, dst_dept, own, dst_total = case
    clauses = copied.rstrip("。").split("，")
    spliced = "，".join(clauses[:2]) + "，主要用于保障机构正常运转和完成日常工作任务。"
    source = _doc(src_dept, title, copied, src_total, "source.txt")
    copier = _doc(dst_dept, title, spliced, dst_total, "copier.txt")
    found = _check(source, copier)
    assert [f.path for f in found] == ["copier.txt"]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_traps_stay_silent(case):
    family, src_dept, title, copied, src_total, dst_dept, own, dst_total = case
    source = _doc(src_dept, title, copied, src_total, "source.txt")
    # the same template filled with the department's own figures
    assert _check(source, _doc(dst_dept, title, own, dst_total, "own.txt")) == []
    # the same department's unit (本级) sharing the sentence and its figures
    assert _check(source, _doc(src_dept + "本级", title, copied, dst_total, "unit.txt")) == []
    # identical sentence and figures that both documents' tables hold: a coincidence, not a copy
    assert _check(source, _doc(dst_dept, title, copied, src_total, "same.txt")) == []
    # only zeros or small round figures in common: too common to tell
    zeros = "其中：财政专户核拨收入0.00万元，其他来源收入0.00万元，上年结转0万元。"
    assert _check(_doc(src_dept, title, zeros, src_total, "a.txt"), _doc(dst_dept, title, zeros, dst_total,
                                                                          "b.txt")) == []
    # a copier without tables cannot be judged
    bare = document_from_text(f"{title.format(d=dst_dept)}\n{copied}\n", path="bare.txt")
    assert _check(source, bare) == []


def test_copied_figures_found_over_the_audit_store(tmp_path):
    """The audit hands BL208 one fingerprint group at a time from the store."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(seed("000"), src / "pingxiang.txt")
    text = seed("004").read_text(encoding="utf-8")
    stated = "2025年预算收支安排283.61万元，较2024年预算增加21.20万元"
    assert stated in text
    (src / "kaiping.txt").write_text(text.replace(stated, "2025年部门预算收支安排107.54万元，较2024年增加13.71万元"),
                                     encoding="utf-8")
    shutil.copy(seed("001"), src / "luquan.txt")
    out = tmp_path / "out"
    assert audit(src, "-o", out, "--select", "BL208", "--no-report").returncode == 0
    found = rows(out, "SELECT d.path, f.stage, f.line, f.excerpt, f.data FROM findings f JOIN documents d "
                      "ON f.document_id=d.id")
    assert [(r[0], r[1], r[2]) for r in found] == [(str(src / "kaiping.txt"), "cross", 1334)]
    assert found[0][3].startswith("2025年部门预算收支安排107.54万元，较2024年增加13.71万元")
    assert str(src / "pingxiang.txt") in found[0][4]

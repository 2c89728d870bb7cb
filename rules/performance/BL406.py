from __future__ import annotations

import regex

from linter.engine import Rule
from linter.findings import related_cell

from .model import _level2_of, norm, target_tables, vocab

NUMBERED = regex.compile(r"^指标\s*\d+\s*[:：]")


def _key(ind) -> tuple[str, str, str]:
    name = NUMBERED.sub("", norm(ind.name))
    return (ind.level2, name, norm(ind.value.text) if ind.value is not None else "")


def _generic_kind(ind) -> bool:
    """A row every project may legitimately share: satisfaction (≥95% 满意度), budget
    execution (预算执行率 100%), or an unfilled row whose 三级指标 only repeats its category."""
    v = vocab()
    words = ind.level1 + ind.level2 + norm(ind.name)
    if any(w in words for w in v["shared_indicator_words"]):
        return True
    return _level2_of(ind.name) is not None


class CopiedIndicatorTable(Rule):
    """A project's indicators are another project's, copied.

    *What it does*: compares the indicator rows of every pair of 项目绩效目标表, row by row
    (二级指标, 三级指标 and 指标值 all equal). Rows any project may share are left out: 满意度
    and 预算执行率 rows, rows that only repeat their category, and rows most tables of the
    document carry (项目按计划完成率 ≥95% in every table). A later table is reported when what
    remains overlaps distinctively: at least two of its 数量/质量/时效 rows and two thirds of them
    are an earlier table's, or at least three of all its rows and half of them are.

    *Why it matters*: indicators are meant to measure this project's output; a table carried over
    from another project measures the other project, and its targets are not this project's.

    *Bad*:
        网络舆情管理: 数量 涉冀舆情监测覆盖率 ≥98% / 质量 涉稳舆情处置率(%) ≥98%
        网评队伍建设: 数量 涉冀舆情监测覆盖率 ≥98% / 质量 涉稳舆情处置率(%) ≥98%

    *Good*:
        网评队伍建设: 数量 培养网评引导人才数量 ≥20人 / 质量 网评员培训合格率 ≥95%
        (a shared 服务对象满意度 ≥95% alone is no copy)
    """

    code = "BL406"
    name = "copied-indicator-table"
    severity = "warning"

    def check(self, doc):
        output = set(vocab()["output_level2"])
        tables = [t for t in target_tables(doc) if t.indicators]
        if len(tables) < 2:
            return
        rows = {id(t): [i for i in t.indicators if i.name and i.value is not None and i.value.text.strip()
                        and not _generic_kind(i)] for t in tables}
        common: set = set()
        if len(tables) >= 3:
            # rows of the department's own template: in at least three tables, and in most of them
            counts: dict = {}
            for t in tables:
                for k in {_key(i) for i in rows[id(t)]}:
                    counts[k] = counts.get(k, 0) + 1
            common = {k for k, n in counts.items() if n >= 3 and 2 * n > len(tables)}
        for j, b in enumerate(tables):
            mine = [i for i in rows[id(b)] if _key(i) not in common]
            mine_out = [i for i in mine if i.level2 in output]
            if len(mine) < 2:
                continue
            for a in tables[:j]:
                theirs = {}
                for i in rows[id(a)]:
                    theirs.setdefault(_key(i), i)
                same = [i for i in mine if _key(i) in theirs]
                same_out = [i for i in mine_out if _key(i) in theirs]
                by_output = len(same_out) >= 2 and 3 * len(same_out) >= 2 * len(mine_out)
                overall = len(same) >= 3 and 2 * len(same) >= len(mine)
                if not (by_output or overall):
                    continue
                shown = same_out if by_output and not overall else same
                first = shown[0]
                names = "、".join(f"{i.name} {i.value.text.strip()}" for i in shown)
                what = "产出指标" if shown is same_out else "绩效指标"
                yield self.at_cell(
                    first.first_cell,
                    f"{b.label()}的{what}与{a.label()}相同（{names}），疑为复制",
                    related=[related_cell(theirs[_key(i)].first_cell, f"{a.name}：{i.name}") for i in shown],
                    suggestion=f"按「{b.name}」的实际产出和效益重新设置绩效指标",
                )
                break

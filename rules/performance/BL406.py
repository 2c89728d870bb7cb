from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell

from .model import norm, target_tables, vocab


def _key(ind) -> tuple[str, str, str]:
    return (ind.level2, norm(ind.name), norm(ind.value.text) if ind.value is not None else "")


class CopiedIndicatorTable(Rule):
    """A project's output indicators are another project's, copied.

    *What it does*: compares the 产出指标 rows of type 数量/质量/时效 (the rows that say what a
    project delivers) of every pair of 项目绩效目标表: when at least two of a later table's rows,
    and at least two thirds of them, repeat an earlier table's rows exactly (二级指标, 三级指标 and
    指标值), the later table is reported. Generic rows shared by every table of the document
    (项目按计划完成率 …) are not counted.

    *Why it matters*: indicators are meant to measure this project's output; a table carried over
    from another project measures the other project, and its targets are not this project's.

    *Bad*:
        网络舆情管理: 数量 涉冀舆情监测覆盖率 ≥98% / 质量 涉稳舆情处置率(%) ≥98%
        网评队伍建设: 数量 涉冀舆情监测覆盖率 ≥98% / 质量 涉稳舆情处置率(%) ≥98%

    *Good*:
        网评队伍建设: 数量 培养网评引导人才数量 ≥20人 / 质量 网评员培训合格率 ≥95%
    """

    code = "BL406"
    name = "copied-indicator-table"
    severity = "warning"

    def check(self, doc):
        output = set(vocab()["output_level2"])
        tables = [t for t in target_tables(doc) if t.indicators]
        if len(tables) < 2:
            return
        rows = {id(t): [i for i in t.indicators if i.level2 in output and i.name and i.value is not None]
                for t in tables}
        everywhere = None
        if len(tables) >= 3:
            keys = [{_key(i) for i in rows[id(t)]} for t in tables]
            everywhere = set.intersection(*keys)
        for j, b in enumerate(tables):
            mine = [i for i in rows[id(b)] if everywhere is None or _key(i) not in everywhere]
            if len(mine) < 2:
                continue
            for a in tables[:j]:
                theirs = {_key(i): i for i in rows[id(a)]}
                same = [i for i in mine if _key(i) in theirs]
                if len(same) >= 2 and 3 * len(same) >= 2 * len(mine):
                    first = same[0]
                    names = "、".join(f"{i.name} {i.value.text.strip()}" for i in same)
                    yield self.at_cell(
                        first.first_cell,
                        f"{b.label()}的产出指标与{a.label()}相同（{names}），疑为复制",
                        related=[related_cell(theirs[_key(i)].first_cell, f"{a.name}：{i.name}") for i in same],
                        suggestion=f"按「{b.name}」的实际产出重新设置数量、质量、时效指标",
                    )
                    break

from __future__ import annotations

import regex

from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import level2_of, norm, target_tables, vocab

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
    return level2_of(ind.name) is not None


def _specific(ind) -> bool:
    """A row that describes this project's own output: a 数量 or 成本 row, or a 质量/时效 row,
    whose name still names something when the generic words (合格率, 完成率, 按时, 工作, 项目 …,
    performance.json generic_indicator_words) are taken out: 涉冀舆情监测覆盖率, 系统开发数量;
    not 项目按计划完成率, 工作完成及时率, 验收合格率."""
    v = vocab()
    level2 = norm(ind.level2)
    if _generic_kind(ind) or not any(level2 in (w, w.removesuffix("指标")) for w in v["specific_level2"]):
        return False
    rest = regex.sub(r"[^\p{Han}]", "", NUMBERED.sub("", norm(ind.name)))
    for w in sorted(v["generic_indicator_words"]["words"], key=len, reverse=True):
        rest = rest.replace(w, "")
    return len(rest) >= 2


class CopiedIndicatorTable(Rule):
    """A project's indicators are another project's, copied.

    *What it does*: compares the project-specific indicator rows of every pair of 项目绩效目标表,
    row by row (二级指标, 三级指标 and 指标值 all equal). Only rows that describe the project's own
    output count: 数量 and 成本 rows, and 质量/时效 rows, whose name names an object once the
    generic words are taken out (performance.json generic_indicator_words: 涉冀舆情监测覆盖率
    counts, 项目按计划完成率 / 验收合格率 / 工作完成及时率 do not). Satisfaction, execution-rate
    and 效益 rows never count (every project may share them: 满意度, 目标实现, 长效机制), nor,
    with three tables or more, rows most tables of the document carry (the department's
    template). Two tables of the same project (a compilation printing it twice) are no copy.
    With two projects, a row both share proves nothing by being shared: only its being
    specific counts. A later table is reported when at least two of its specific rows, and at
    least half of them, are an earlier table's.

    *Why it matters*: indicators are meant to measure this project's output; a table carried over
    from another project measures the other project, and its targets are not this project's.

    *Bad*:
        网络舆情管理: 数量 涉冀舆情监测覆盖率 ≥98% / 质量 涉稳舆情处置率(%) ≥98%
        网评队伍建设: 数量 涉冀舆情监测覆盖率 ≥98% / 质量 涉稳舆情处置率(%) ≥98%

    *Good*:
        网评队伍建设: 数量 培养网评引导人才数量 ≥20人 / 质量 网评员培训合格率 ≥95%
        (shared 服务对象满意度 ≥95%, 项目按计划完成率 100% or 长效机制 rows are no copy)
    """

    code = "BL406"
    name = "copied-indicator-table"
    severity = "warning"

    def check(self, doc):
        tables = [t for t in target_tables(doc) if t.indicators]
        if len(tables) < 2:
            return
        rows = {id(t): [i for i in t.indicators if i.name and i.value is not None and i.value.text.strip()
                        and _specific(i)] for t in tables}
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
            if len(mine) < 2:
                continue
            for a in tables[:j]:
                if a.name and norm(a.name) == norm(b.name):
                    continue  # the same project printed again (a compilation, a 单位 set): no copy
                theirs = {}
                for i in rows[id(a)]:
                    theirs.setdefault(_key(i), i)
                same = [i for i in mine if _key(i) in theirs]
                if not (len(same) >= 2 and 2 * len(same) >= len(mine)):
                    continue
                names = "、".join(f"{i.name} {i.value.text.strip()}" for i in same)
                yield self.at_cell(
                    same[0].first_cell,
                    f"{b.label()}的产出指标与{a.label()}相同（{names}），疑为复制",
                    related=[related_cell(theirs[_key(i)].first_cell, f"{a.name}：{i.name}") for i in same],
                    suggestion=f"按「{b.name}」的实际产出和效益重新设置绩效指标",
                )
                break

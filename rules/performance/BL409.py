from __future__ import annotations

import regex

from linter.engine import Rule

from .common import at_cell_span
from .model import norm, self_eval_tables, target_tables, vocab

NUMBERING = regex.compile(r"^\s*(?:<p>)?\s*(?:\d{1,2}|[一二三四五六七八九十]+)\s*[.．、]\s*")


def _placeholder(text: str) -> bool:
    pats = vocab()["placeholders"]
    t = norm(NUMBERING.sub("", text))
    return bool(t) and any(regex.fullmatch(p, t) for p in pats)


class PerformanceGoalPlaceholder(Rule):
    """A 绩效目标 or indicator cell still holds the form's placeholder text.

    *What it does*: reports a 项目绩效目标表's 绩效目标 cell whose goals are template text
    (目标内容1, 请填写…, XX), a 绩效自评表's 年度预期目标 of the same kind, and an indicator row
    with a value whose 三级指标 is only a placeholder or a repeat of its own 二级指标 name
    (经济效益指标 / 经济效益指标).

    *Why it matters*: the goal is what the project is assessed against; a placeholder means the
    project was published without a goal.

    *Bad*:
        绩效目标 | 1.目标内容1

    *Good*:
        绩效目标 | 1.完成全县网络安全检查，关键信息基础设施检查覆盖率100%
    """

    code = "BL409"
    name = "performance-goal-placeholder"
    severity = "warning"

    def check(self, doc):
        for t in target_tables(doc):
            if t.goals is not None:
                yield from self._goals(t.label(), t.goals)
            for ind in t.indicators:
                if ind.name_cell is None or ind.value is None or not ind.value.text.strip():
                    continue
                if _placeholder(ind.name_cell.text) or (ind.level2 and ind.name == ind.level2 and
                                                        (not ind.desc or ind.desc == ind.level2)):
                    yield self.at_cell(ind.name_cell, f"{t.label()}三级指标「{ind.name_cell.text.strip()}」"
                                       "未填写具体指标（模板占位或与二级指标同名）",
                                       suggestion="填写衡量本项目产出或效益的具体指标")
        for s in self_eval_tables(doc):
            if s.expected_goals is not None:
                yield from self._goals(s.label(), s.expected_goals)

    def _goals(self, label, cell):
        text = cell.text
        for line_no, part in enumerate(text.split("\n")):
            if line_no:
                break  # findings point at the cell's first line
            items = [m for m in regex.finditer(r"(?:^|\s)((?:\d{1,2}\s*[.．、])?\s*[^\s]+)", part)]
            pieces = items or []
            for m in pieces:
                if _placeholder(m.group(1)):
                    yield at_cell_span(self, cell, m.start(1), m.end(1),
                                       f"{label}绩效目标为模板占位文字「{m.group(1).strip()}」",
                                       suggestion="填写本项目的年度绩效目标")

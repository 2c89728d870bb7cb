"""The performance forms, the second ledger: assigns a document's 项目绩效目标表 and
绩效自评表 as form objects (``target_tables(doc)``, ``self_eval_tables(doc)``, built once per
document and cached), as linter.claims assigns the budget tables' ledger. Rules read them.

项目绩效目标表 (TargetTable): 项目名称, 预算数 = 财政资金 + 其他资金, 预算规模及资金用途 (free
text, whose amounts ``funding_amounts`` reads), 资金支出计划 (%), 绩效目标, and the indicator rows
一级/二级/三级指标, 描述, 指标值, 依据.

绩效自评表 (SelfEvalTable): 预算数 / 到位数 / 执行数 with their 其中 rows, 预算执行进度, 年度预期目标
vs 具体完成情况 with 总体完成率, indicator rows with 预期指标值 / 实际完成值 / 自评得分, and 总分.
Also the analyses several rules share: the execution rate 执行数 ÷ 预算数 and its interval, the
预算执行率 and 成本 indicators, the narrative's statements of the overall score.

Tables are recognised by what their cells say (预算数, 一级指标, 自评得分 …), not only by the
kind the structure pass gave them, and cells are found by their labels, not by grid column:
the same form comes out of .txt, .docx and .pdf with shifted or merged columns. Values in
cells and text (≥98%, ≤7万元, >1个) are read by linter.cnnum.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal

import regex

from .cnnum import MONEY_FACTOR, fold, percentage, quantity, rate_after, scan
from .model import Cell, Document, Table
from .numbers import Interval, Number, parse_number
from .statements import clause_start
from .vocab import load_json

SPACE = regex.compile(r"[\s\u3000]+")
TAGS = regex.compile(r"</?p>|<br\s*/?>")


def vocab() -> dict:
    return load_json("performance.json")


@lru_cache(maxsize=None)
def words_pattern(key: str) -> str:
    """performance.json's word list `key` as a regex alternation (in the file's order)."""
    return "|".join(regex.escape(w) for w in vocab()[key])


def norm(text: str) -> str:
    """Text without spaces, tags and trailing colons, full-width punctuation folded."""
    t = TAGS.sub("", text or "")
    t = SPACE.sub("", t)
    return t.replace("(", "（").replace(")", "）").replace(":", "：").rstrip("：")


# --- amounts and values ----------------------------------------------------------------
# Numbers in text are read by linter.cnnum (quantity, percentage, fold); here only what a
# form's cell holds and money between units.


def in_unit(value: Decimal, unit: str, decimals: int = 4) -> str:
    """A value in 元 written in another unit: in_unit(42300, '万元') -> '4.23万元'."""
    return f"{fmt(value / MONEY_FACTOR[unit], decimals)}{unit}"


def in_yuan(number: Number, unit: str | None) -> Number:
    return number.scaled(MONEY_FACTOR.get(unit or "万元", MONEY_FACTOR["万元"]))


@dataclass
class Amount:
    """An amount in a 预算规模及资金用途 text: read by linter.cnnum, with what it is the price
    of (10000元/台, or after a per-unit word: 单价500元) and whether a total word introduces it."""

    number: Number
    unit: str
    start: int  # offset of the number in the text
    end: int  # offset after the unit (and any rate suffix)
    rate: str | None = None  # '月', '人/年', '台', '单价' … when the amount is a price per something
    total: bool = False  # preceded by 合计/共计/…

    @property
    def yuan(self) -> Number:
        return self.number.scaled(MONEY_FACTOR[self.unit])

    def text(self, source: str) -> str:
        return source[self.start:self.end]


@lru_cache(maxsize=None)
def _total_at() -> "regex.Pattern":
    """A total word (performance.json total_words) close before an amount: compiled once, not
    looked up in the regex cache for every funding description."""
    return regex.compile("(?:" + "|".join(map(regex.escape, vocab()["total_words"])) + r")[^，,；;。\d]{0,6}$")


def funding_amounts(text: str) -> list[Amount]:
    """The amounts of a funding description (预算规模及资金用途): prices with what they price
    (元/台, 元/人/年), and the amounts a total word (合计11.81万元) introduces."""
    v = vocab()
    total_at = _total_at()
    out = []
    folded = fold(text)
    for tok in scan(text):
        if tok.kind != "amount":
            continue
        rate = rate_after(text, tok)
        before = folded[max(0, tok.start - 8):tok.start]
        what = rate[0] if rate else ("单价" if any(w in before[-4:] for w in v["per_unit_words"]) else None)
        out.append(Amount(tok.number, tok.unit, tok.start, rate[1] if rate else tok.end, what,
                          bool(total_at.search(before))))
    return out


def at_cell_span(rule, cell: Cell, start: int, end: int, message: str, related=None, suggestion=None,
                 severity=None):
    """A finding on characters [start, end) of a cell's first line of text."""
    f = rule.at_cell(cell, message, related=related, suggestion=suggestion, severity=severity)
    first = cell.text.split("\n", 1)[0]
    start, end = max(0, min(start, len(first))), max(0, min(end, len(first)))
    if end > start:
        f.column = cell.column + start
        f.end_column = cell.column + end
        f.excerpt = first[start:end]
    return f


def percent(cell: Cell | None) -> Number | None:
    """A cell holding a percentage ('99.99%', '58%', or a bare '100' in a % column)."""
    return None if cell is None else percentage(cell.text)


# --- the tables ------------------------------------------------------------------------

@dataclass
class Indicator:
    level1: str
    level2: str
    name: str
    cells: list[Cell]  # the row's non-empty cells
    name_cell: Cell | None = None
    desc: str = ""
    value: Cell | None = None  # 指标值 (target table) / 预期指标值 (self evaluation)
    actual: Cell | None = None  # 实际完成值
    score: Cell | None = None  # 自评得分
    level1_cell: Cell | None = None
    weight: Number | None = None  # the category's weight written in its 一级指标 cell: 产出指标（40）
    points: Cell | None = None  # the row's own 分值 (the MoF 项目支出绩效自评表 gives every row one)
    funding: bool = False  # the 年度资金总额 row of a MoF form, scored like a 预算执行率 indicator

    @property
    def key(self) -> str:
        return norm(self.name)

    @property
    def first_cell(self) -> Cell:
        return self.name_cell or self.cells[0]


@dataclass
class ProjectForm:
    """What a project's 绩效目标表 and 绩效自评表 share: the grid, the project's name, its 预算数."""
    table: Table
    name: str = ""
    name_cell: Cell | None = None
    budget: Cell | None = None
    scope: str = "project"  # or "department": a 部门整体支出 form, whose money is the whole department's
    department_cell: Cell | None = None  # 部门（单位）名称's value

    @property
    def is_project(self) -> bool:
        return self.scope == "project"

    @property
    def unit(self) -> str:
        return self.table.unit or "万元"

    def label(self) -> str:
        return f"表{self.table.number}《{self.name or self.table.title}》"


@dataclass
class TargetTable(ProjectForm):
    fiscal: Cell | None = None
    other: Cell | None = None
    purpose: Cell | None = None  # 预算规模及资金用途 text
    plan: list[tuple[str, Cell]] = field(default_factory=list)  # (时间, 百分比)
    goals: Cell | None = None
    indicators: list[Indicator] = field(default_factory=list)
    parts: list[Table] = field(default_factory=list)  # the grids of this form, in order
    carryover: Cell | None = None  # 上年结转资金 (Ministry of Finance form)

    def __post_init__(self):
        if not self.parts:
            self.parts = [self.table]


@dataclass
class SelfEvalTable(ProjectForm):
    arrived: Cell | None = None
    executed: Cell | None = None
    fiscal: dict = field(default_factory=dict)  # 预算数/到位数/执行数 -> 其中：财政资金 cell
    other: dict = field(default_factory=dict)
    progress: Cell | None = None  # 预算执行进度
    expected_goals: Cell | None = None
    done_goals: Cell | None = None
    completion: Cell | None = None  # 总体完成率
    indicators: list[Indicator] = field(default_factory=list)
    total: Cell | None = None  # 总分 (its 得分)
    total_points: Cell | None = None  # 总分 row's 分值 (MoF form: 100)
    carryover: dict = field(default_factory=dict)  # MoF form: 上年结转资金 cells
    totals: dict = field(default_factory=dict)  # every printed total: 预算数/到位数/执行数 or 年初预算数/全年预算数/全年执行数
    initial: Cell | None = None  # 年初预算数 (MoF form)
    layout: str = ""  # "mof" for the Ministry of Finance standard form
    grade: Cell | None = None  # the form's own 自评等级 / 评价等级 (优/良/中/差)

    @property
    def rate_label(self) -> str:
        return "执行率" if self.layout == "mof" else "预算执行进度"


def _texts(table: Table) -> set[str]:
    return {norm(c.text) for r in table.rows for c in r if c.text.strip()}


def is_self_evaluation(table: Table) -> bool:
    if table.kind == "self_evaluation":
        return True
    texts = _texts(table)
    marks = vocab()["self_evaluation_markers"]
    return sum(1 for m in marks if m in texts) >= 2 or ("一级指标" in texts and "自评得分" in texts)


def is_target(table: Table) -> bool:
    if is_self_evaluation(table):
        return False
    if table.kind == "performance_target":
        return True
    texts = _texts(table)
    return ("一级指标" in texts and "指标值" in texts) or ("预算数" in texts and "资金支出计划（%）" in texts)


def _nonempty(row: list[Cell]) -> list[Cell]:
    return [c for c in row if c.text.strip()]


def _after(row: list[Cell], label_pred) -> Cell | None:
    """The first cell after the cell whose normalised text satisfies label_pred."""
    for i, c in enumerate(row):
        if label_pred(norm(c.text)):
            for d in row[i + 1:]:
                return d
    return None


def _merge_split_rows(rows: list[list[Cell]], width: int) -> list[list[Cell]]:
    """Indicator rows broken in two by a blank line inside a cell (plain-text dumps): a short
    row followed by a short row that together make one full row."""
    out: list[list[Cell]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if i + 1 < len(rows) and len(row) < width and len(row) + len(rows[i + 1]) <= width \
                and len(rows[i + 1]) < width and not _is_level1(rows[i + 1][0].text):
            out.append(row + rows[i + 1])
            i += 2
            continue
        out.append(row)
        i += 1
    return out


def _is_level1(text: str) -> bool:
    t = norm(text)
    return any(t.startswith(w) for w in vocab()["level1"])


def level2_of(text: str) -> str | None:
    t = norm(text)
    for w in sorted(vocab()["level2"], key=len, reverse=True):
        if t == w or (t.startswith(w) and len(t) <= len(w) + 2):
            return w
    return None


WEIGHT = regex.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]")


def _indicator_rows(rows: list[list[Cell]], start: int, self_eval: bool) -> tuple[list[Indicator], int]:
    """Indicator rows from rows[start] (the row after the 一级指标 header) to the end of the
    block; returns the indicators and the index of the first row after them."""
    out: list[Indicator] = []
    level1, level1_cell, weight = "", None, None
    i = start
    width = 6
    block = []
    while i < len(rows):
        ne = _nonempty(rows[i])
        first = norm(ne[0].text) if ne else ""
        if ne and (first.startswith("总分") or first.startswith("五、") or first.startswith("合计")):
            break
        block.append(rows[i])
        i += 1
    if not self_eval:
        block = _merge_split_rows(block, width)
    for row in block:
        ne = _nonempty(row)
        if not ne:
            continue
        k = 0
        if _is_level1(ne[0].text) and not (level2_of(ne[0].text) and len(ne) > 1 and level2_of(ne[1].text) is None
                                            and level1):
            level1 = norm(ne[0].text)
            level1_cell = ne[0]
            m = WEIGHT.search(ne[0].text)
            weight = parse_number(m.group(1)) if m else None
            k = 1
        rest = ne[k:]
        if not rest:
            continue
        level2 = ""
        if level2_of(rest[0].text):
            level2 = level2_of(rest[0].text) or ""
            rest = rest[1:]
        if not rest:
            # an unfilled row: only its category labels
            out.append(Indicator(level1, level2, "", ne, level1_cell=level1_cell, weight=weight))
            continue
        ind = Indicator(level1, level2, "", ne, level1_cell=level1_cell, weight=weight)
        if self_eval:
            # [name] expected actual score  (the score is a bare number at the end)
            if len(rest) >= 2 and parse_number(rest[-1].text) is not None:
                ind.score = rest[-1]
                rest = rest[:-1]
            if len(rest) >= 3:
                ind.name_cell, ind.value, ind.actual = rest[0], rest[-2], rest[-1]
            elif len(rest) == 2:
                ind.name_cell, ind.value = rest[0], rest[1]
            else:
                ind.name_cell = rest[0]
            if ind.name_cell is not None:
                ind.name = norm(ind.name_cell.text)
        else:
            # name desc value basis; the value is the cell that reads as a value
            ind.name_cell = rest[0]
            ind.name = norm(rest[0].text)
            tail = rest[1:]
            if len(tail) >= 3:
                ind.desc, ind.value = norm(tail[0].text), tail[1]
            elif len(tail) == 2:
                if quantity(tail[0].text) is not None:
                    ind.value = tail[0]
                else:
                    ind.desc, ind.value = norm(tail[0].text), tail[1]
            elif len(tail) == 1:
                ind.value = tail[0]
        out.append(ind)
    return out, i


# --- reading a form's grid -------------------------------------------------------------
# Both forms are read by one row walk (_read_rows): every row may carry the project's name;
# then each of the form's steps looks at the row in turn. A step that reads a block of rows
# (the indicator rows, a Ministry of Finance funding block) returns the index of the row after
# it and ends the row; the other steps return None and the next step looks at the same row.


def _read_rows(form: ProjectForm, steps) -> None:
    rows = form.table.rows
    i = 0
    while i < len(rows):
        row = rows[i]
        texts = [norm(c.text) for c in row]
        _project_name(form, row, texts)
        for step in steps:
            nxt = step(form, rows, i, texts)
            if nxt is not None:
                i = nxt
                break
        else:
            i += 1
    _settle_scope(form)


def _project_name(form: ProjectForm, row: list[Cell], texts: list[str]) -> None:
    """项目名称 | X names the project; 部门（单位）名称 | X is kept for _settle_scope."""
    for key in ("project_name_labels", "department_name_labels"):
        words = vocab()[key]
        if any(x in words for x in texts):
            c = _after(row, lambda x: x in words)
            if c is not None and c.text.strip():
                if key == "project_name_labels":
                    form.name, form.name_cell = c.text.strip(), c
                else:
                    form.department_cell = c


def _settle_scope(form: ProjectForm) -> None:
    """A form titled 部门整体支出… or naming a department and no project is the department's."""
    titled = regex.search(words_pattern("department_form_title_words"), form.table.title or "")
    if titled or (form.name_cell is None and form.department_cell is not None):
        form.scope = "department"
        if form.name_cell is None and form.department_cell is not None:
            form.name, form.name_cell = form.department_cell.text.strip(), form.department_cell


def target_table(table: Table) -> TargetTable:
    t = TargetTable(table)
    _read_rows(t, (_mof_target_funding, _target_budget, _spending_plan, _goals_row, _annual_goals,
                   _target_indicators))
    if not t.name:
        t.name = regex.sub(r"(项目)?(支出)?绩效目标表$", "", regex.sub(r"^\d+[、.．]", "", norm(table.title)))
    return t


def _target_budget(t: TargetTable, rows, i: int, texts) -> None:
    """预算数 | X | 其中：财政资金 | Y | 其他资金 | Z, the 资金用途 text on the next row."""
    if "预算数" not in texts:
        return None
    row = rows[i]
    t.budget = _after(row, lambda x: x == "预算数")
    t.fiscal = _after(row, lambda x: x.startswith("其中") and "财政" in x)
    t.other = _after(row, lambda x: x in ("其他资金", "其他"))
    # the next row holds the 资金用途 text when it is not the spending plan
    if i + 1 < len(rows):
        nxt = _nonempty(rows[i + 1])
        if nxt and not any("资金支出计划" in norm(c.text) for c in nxt) and \
                not any(norm(c.text) in ("绩效目标", "一级指标") for c in nxt):
            t.purpose = max(nxt, key=lambda c: len(c.text))
    return None


def _spending_plan(t: TargetTable, rows, i: int, texts) -> None:
    if any(x.startswith("资金支出计划") for x in texts) and i + 1 < len(rows):
        labels = [c for c in rows[i] if c.text.strip() and not norm(c.text).startswith("资金支出计划")]
        values = [c for c in rows[i + 1] if c.text.strip()]
        if len(labels) == len(values):
            t.plan = [(norm(a.text), b) for a, b in zip(labels, values)]
    return None


def _goals_row(t: TargetTable, rows, i: int, texts) -> None:
    ne = _nonempty(rows[i])
    if ne and norm(ne[0].text) in ("绩效目标", "年度绩效目标", "项目绩效目标") and len(ne) > 1:
        t.goals = ne[1]
    return None


def _annual_goals(t: TargetTable, rows, i: int, texts) -> None:
    """The MoF form's 总体目标 under its 年度目标 column."""
    if "年度目标" in texts and i + 1 < len(rows):
        head = next(c for c in rows[i] if norm(c.text) == "年度目标")
        below = _under(rows[i + 1], head, [], None)
        if below is not None and below.text.strip():
            t.goals = below
    return None


def _target_indicators(t: TargetTable, rows, i: int, texts) -> int | None:
    if "一级指标" not in texts:
        return None
    t.indicators, nxt = _indicator_rows(rows, i + 1, self_eval=False)
    _annual_values(t.indicators, rows[i])
    return nxt


# the Ministry of Finance 项目支出绩效目标表: 项目资金 | 年度资金总额 (or 预算数) | X, then
# 其中：财政拨款 / 上年结转资金 / 其他资金 rows; 总体目标 under 年度目标 (and 长期目标 / 中期目标)
# columns; indicator values under 年度指标值 beside 长期指标值. Labels: performance.json mof_target.


def _amount_after(row: list[Cell], label: Cell) -> Cell | None:
    for d in row[row.index(label) + 1:]:
        if d.text.strip():
            return d if parse_number(d.text) is not None or d.dash else None
    return None


def _mof_target_kind(text: str, block: bool) -> str | None:
    """The funding row a label names; 预算数 names the total only inside a 项目资金 block."""
    v = vocab()["mof_target"]
    for kind in ("total", "fiscal", "carryover", "other"):
        if text in v[kind] or (block and kind == "total" and text in v["total_in_block"]):
            return kind
    return None


def _mof_target_funding(t: TargetTable, rows, i: int, texts) -> int | None:
    """年度资金总额 and its source rows from row i; returns the index of the row after them (None
    when row i opens no such block)."""
    if t.budget is not None:
        return None
    block = any(x.startswith(w) for x in texts for w in vocab()["mof_target"]["block"])
    if not any(_mof_target_kind(x, block) == "total" for x in texts):
        return None
    j = i
    while j < len(rows):
        row = rows[j]
        hit = None
        for c in row:
            kind = _mof_target_kind(norm(c.text), block)
            if kind is not None:
                hit = (kind, c)
                break
        if hit is None or (j > i and hit[0] == "total"):
            break
        kind, label = hit
        value = _amount_after(row, label)
        if kind == "total":
            t.budget = value
        else:
            setattr(t, kind, value)
        j += 1
    return j


ANNUAL_VALUE = ("年度指标值", "年度目标值")


def _annual_values(indicators: list[Indicator], header: list[Cell]) -> None:
    """With 年度指标值 beside 长期/中期指标值, an indicator's value is the one under 年度指标值."""
    head = next((c for c in header if norm(c.text) in ANNUAL_VALUE), None)
    if head is None or not any(regex.match(r"^(长期|中期)", norm(c.text)) for c in header):
        return
    for ind in indicators:
        cell = _under(ind.cells, head, [], None)
        if cell is not None and cell.text.strip():
            ind.value = cell


def self_eval_table(table: Table) -> SelfEvalTable:
    s = SelfEvalTable(table)
    _read_rows(s, (_mof_funding_block, _mof_indicator_block, _self_eval_funding, _goal_rates,
                   _self_eval_indicators, _total_row, _grade_cell))
    if not s.name:
        s.name = norm(table.title)
    if not s.totals:
        s.totals = {k: c for k, c in (("预算数", s.budget), ("到位数", s.arrived), ("执行数", s.executed)) if c is not None}
    return s


def _is_header(row: list[Cell]) -> bool:
    """A row of labels only: no cell holds a number."""
    return not any(parse_number(c.text) is not None for c in row if c.text.strip())


def _mof_funding_block(s: SelfEvalTable, rows, i: int, texts) -> int | None:
    """The MoF 项目资金 header (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, or 预算数 |
    执行数 …): a row of labels only, so the Hebei 预算数：| 10 | 执行数：| 5.78 row is not one."""
    cols = vocab()["mof_self_evaluation"]["funding_columns"]
    if any(x in cols["executed"] for x in texts) and any(x in cols["budget"] for x in texts) and _is_header(rows[i]):
        return _mof_funding(s, rows, i)
    return None


def _mof_indicator_block(s: SelfEvalTable, rows, i: int, texts) -> int | None:
    cols = vocab()["mof_self_evaluation"]["indicator_columns"]
    if "一级指标" in texts and any(x in cols["points"] for x in texts) and any(x in cols["score"] for x in texts):
        header = rows[i]
        j = _mof_indicators(s, rows, i)
        if j < len(rows):
            _mof_total(s, rows, j, header)
            j += 1
        return j
    return None


def _self_eval_funding(s: SelfEvalTable, rows, i: int, texts) -> None:
    """预算数：| X | 到位数：| Y | 执行数：| Z | rate, then the 其中：财政资金 and 其他 rows."""
    if not ("预算数" in texts and "执行数" in texts):
        return None
    row = rows[i]
    s.budget = _value_after(row, "预算数")
    s.arrived = _value_after(row, "到位数")
    s.executed = _value_after(row, "执行数")
    if s.executed is not None:
        after = [c for c in row[row.index(s.executed) + 1:] if c.text.strip()]
        if after:
            s.progress = after[0]
    for j in (i + 1, i + 2):
        if j >= len(rows):
            break
        sub = rows[j]
        labels = [c for c in sub if norm(c.text).startswith("其中") or norm(c.text) in ("其他", "其他资金")]
        which = ("预算数", "到位数", "执行数")
        target = s.fiscal if any(norm(c.text).startswith("其中") for c in labels) else s.other
        for n, lab in enumerate(labels[:3]):
            idx = sub.index(lab)
            val = sub[idx + 1] if idx + 1 < len(sub) else None
            target[which[n]] = val
    return None


def _goal_rates(s: SelfEvalTable, rows, i: int, texts) -> None:
    """年度预期目标 | 具体完成情况 | 总体完成率 and the row under them."""
    if "年度预期目标" in texts and i + 1 < len(rows):
        nxt = _nonempty(rows[i + 1])
        goals = [c for c in nxt if percent(c) is None]
        rates = [c for c in nxt if percent(c) is not None]
        if goals:
            s.expected_goals = goals[0]
            if len(goals) > 1:
                s.done_goals = goals[1]
        if rates:
            s.completion = rates[-1]
    return None


def _self_eval_indicators(s: SelfEvalTable, rows, i: int, texts) -> int | None:
    if "一级指标" not in texts:
        return None
    s.indicators, nxt = _indicator_rows(rows, i + 1, self_eval=True)
    return nxt


def _grade_cell(s: SelfEvalTable, rows, i: int, texts) -> None:
    """自评等级 | 良: the first grade word after a grade label on its row."""
    labels = vocab()["grade_labels"]
    grades = {w for g in vocab()["grades"] for w in g["words"]}
    row = rows[i]
    for k, x in enumerate(texts):
        if x in labels:
            cell = next((c for c in row[k + 1:] if c.text.strip()), None)
            if cell is not None and norm(cell.text).strip("“”\"") in grades:
                s.grade = cell
                return None
    return None


def _total_row(s: SelfEvalTable, rows, i: int, texts) -> None:
    ne = _nonempty(rows[i])
    if ne and norm(ne[0].text) in ("总分", "合计得分", "总得分"):
        nums = [c for c in ne[1:] if parse_number(c.text) is not None]
        if nums:
            s.total = nums[-1]
    return None


# --- the Ministry of Finance standard 项目支出绩效自评表 ---------------------------------------
#
#   项目资金（万元） |              | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
#                   | 年度资金总额  | 120.00    | 135.00    | 128.25    | 10   | 95.00% | 9.50
#                   | 其中：当年财政拨款 …  | 上年结转资金 … | 其他资金 …
#   绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
#   总分 | … | 100 | 97.5
# Cells are found under their header labels by grid column (the same in .md, .docx and .pdf),
# and, where a plain-text row lost its empty cells, by their order after the row's label.


def _labels(row: list[Cell], names: dict[str, tuple[str, ...]]) -> dict[str, Cell]:
    """{key: header cell} for the cells of a header row whose text is one of a key's names."""
    out = {}
    for c in row:
        t = norm(c.text)
        for key, words in names.items():
            if t in words and key not in out:
                out[key] = c
    return out


def _under(row: list[Cell], header: Cell, order: list[Cell], label: Cell | None) -> Cell | None:
    """The cell of a data row under a header cell: by grid column, else by the header's rank
    among the header labels, counted after the row's own label cell."""
    for c in row:
        if c.col <= header.col < c.col + c.colspan and (label is None or c is not label):
            return c
    if label is not None and header in order:
        after = row[row.index(label) + 1:]
        k = order.index(header)
        if len(after) == len(order):
            return after[k]
    return None


def _mof_funding(s: SelfEvalTable, rows: list[list[Cell]], i: int) -> int:
    """The 项目资金 block from its header row i; returns the index of the row after it."""
    v = vocab()["mof_self_evaluation"]
    head = _labels(rows[i], v["funding_columns"])
    order = [c for c in rows[i] if c in head.values()]
    j = i + 1
    while j < len(rows):
        row = rows[j]
        label = next((c for c in row if norm(c.text) and parse_number(c.text) is None and not c.dash), None)
        if label is None:
            break
        t = norm(label.text)
        kind = next((k for k, words in v["funding_rows"].items() if any(t.startswith(w) for w in words)), None)
        if kind is None:
            break
        cells = {key: _under(row, h, order, label) for key, h in head.items()}
        amounts = {"年初预算数": cells.get("initial"), "全年预算数": cells.get("budget"), "全年执行数": cells.get("executed")}
        if kind == "total":
            s.layout = "mof"
            s.initial, s.budget, s.executed = cells.get("initial"), cells.get("budget"), cells.get("executed")
            s.progress = cells.get("rate")
            s.totals = {k: c for k, c in amounts.items() if c is not None}
            score, points = cells.get("score"), cells.get("points")
            if score is not None and parse_number(score.text) is not None:
                s.indicators.append(Indicator("预算执行", "预算执行率", norm(label.text), [c for c in row if c.text.strip()],
                                              name_cell=label, actual=s.progress, score=score, points=points,
                                              weight=parse_number(points.text) if points is not None else None,
                                              funding=True))
        else:
            target = {"fiscal": s.fiscal, "carryover": s.carryover, "other": s.other}[kind]
            for k, c in amounts.items():
                if c is not None:
                    target[k] = c
        j += 1
    return j


def _mof_indicators(s: SelfEvalTable, rows: list[list[Cell]], i: int) -> int:
    """Indicator rows under a header with 分值 and 得分 columns; returns the index of the 总分 row
    (or the end)."""
    v = vocab()["mof_self_evaluation"]
    head = _labels(rows[i], v["indicator_columns"])
    order = [c for c in rows[i] if c in head.values()]
    level1, level1_cell, level2 = "", None, ""
    j = i + 1
    while j < len(rows):
        row = rows[j]
        ne = _nonempty(row)
        first = norm(ne[0].text) if ne else ""
        if ne and any(first.startswith(w) for w in v["total_rows"]):
            return j
        j += 1
        if not ne:
            continue
        lead = next((c for c in row if norm(c.text)), None)
        cells = {key: _under(row, h, order, None) for key, h in head.items()}
        l1, l2 = cells.get("level1"), cells.get("level2")
        if l1 is not None and norm(l1.text) and _is_level1(l1.text):
            level1, level1_cell = norm(l1.text), l1
        if l2 is not None and norm(l2.text):
            level2 = level2_of(l2.text) or norm(l2.text)
        name = cells.get("name")
        if name is None or not norm(name.text) or name is lead and _is_level1(name.text):
            continue
        m = WEIGHT.search(level1_cell.text) if level1_cell is not None else None
        s.indicators.append(Indicator(
            level1, level2, norm(name.text), ne, name_cell=name, value=cells.get("value"), actual=cells.get("actual"),
            score=cells.get("score"), points=cells.get("points"), level1_cell=level1_cell,
            weight=parse_number(m.group(1)) if m else None))
    return j


def _mof_total(s: SelfEvalTable, rows: list[list[Cell]], j: int, header: list[Cell]) -> None:
    v = vocab()["mof_self_evaluation"]
    head = _labels(header, v["indicator_columns"])
    row = rows[j]
    for key, attr in (("score", "total"), ("points", "total_points")):
        if key in head:
            c = _under(row, head[key], [], None)
            if c is not None and parse_number(c.text) is not None:
                setattr(s, attr, c)
    if s.total is None:
        nums = [c for c in row if parse_number(c.text) is not None]
        if nums:
            s.total = nums[-1]


def _value_after(row: list[Cell], label: str) -> Cell | None:
    for idx, c in enumerate(row):
        if norm(c.text) == label:
            for d in row[idx + 1:]:
                if d.text.strip():
                    return d if parse_number(d.text) is not None or d.dash else None
            return None
    return None


def target_tables(doc: Document) -> list[TargetTable]:
    return doc.cached("performance.targets", _targets)




def _targets(doc: Document) -> list[TargetTable]:
    out: list[TargetTable] = []
    for table in doc.tables:
        if not is_target(table):
            continue
        t = target_table(table)
        if out and _continues(doc, out[-1], t):
            out[-1].indicators = t.indicators
            out[-1].parts.append(table)
            continue
        out.append(t)
    return out


def _continues(doc: Document, prev: TargetTable, t: TargetTable) -> bool:
    """The indicator rows of a 绩效目标表 printed as a grid of their own: a .docx whose 绩效目标
    cell's second paragraph stands between the 绩效目标 row and the 一级指标 rows splits one form
    in two. The second grid opens with the 一级指标 header, has no 项目名称 / 预算数 / 绩效目标 of
    its own and no title naming a performance table, and follows a form without indicators
    after at most two short lines."""
    if prev.indicators or not t.indicators or t.name_cell is not None or t.budget is not None \
            or t.goals is not None or t.plan:
        return False
    first = next((r for r in t.table.rows if any(c.text.strip() for c in r)), [])
    if "一级指标" not in {norm(c.text) for c in first}:
        return False
    if t.table.title and regex.search(words_pattern("form_title_words"), t.table.title):
        return False
    last = prev.parts[-1].last_line
    between = [doc.line(n).text.strip() for n in range(last + 1, t.table.first_line) if doc.line(n).text.strip()
               and doc.line(n).kind != "furniture"]
    return 0 < t.table.first_line - last and len(between) <= 2 and all(len(x) <= 80 for x in between)


QUOTES = regex.compile(r"[“”\"'‘’「」『』《》〈〉]")
LEADING_NUMBER = regex.compile(r"^(?:\d{1,2}[、.．]|[（(][\d一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")


@lru_cache(maxsize=None)
def _project_suffixes() -> "regex.Pattern":
    return regex.compile(rf"(?:{words_pattern('project_name_suffixes')})+$")


def project_key(name: str) -> str:
    """A project's name reduced to what tells it apart: no spaces, quotes, leading numbering,
    or trailing 项目 / 经费 / 专项资金 …: “网络舆情管理”项目 and 网络舆情管理经费 -> 网络舆情管理."""
    t = QUOTES.sub("", norm(name))
    t = LEADING_NUMBER.sub("", t)
    # suffixes a project's name is written with or without: “网络舆情管理”项目 = 网络舆情管理经费
    core = _project_suffixes().sub("", t)
    return core if len(core) >= 2 else t


def score_decimals(s: SelfEvalTable) -> int:
    """The precision of a form's score column: the finest any of its scores (or its 总分) is
    printed with. A 20 next to 8.46 in the same column is 20.00, not 19.5–20.5: a scorer who
    writes hundredths does not round the other scores to units."""
    cells = [i.score for i in s.indicators if i.score is not None] + ([s.total] if s.total is not None else [])
    return max((c.number.decimals for c in cells if c.number is not None), default=0)


def at_precision(number: Number, decimals: int) -> Number:
    """The printed number read at a column's precision (never coarser than printed)."""
    return Number(number.value, max(number.decimals, decimals))


def project_targets(doc: Document) -> list[TargetTable]:
    """The 绩效目标表 of projects (not a 部门整体支出绩效目标表)."""
    return [t for t in target_tables(doc) if t.is_project]


def project_self_evals(doc: Document) -> list[SelfEvalTable]:
    """The 绩效自评表 of projects (not a 部门整体支出绩效自评表)."""
    return [s for s in self_eval_tables(doc) if s.is_project]


def whole_department_report(doc: Document) -> bool:
    """A report on the department as a whole: a 部门整体支出绩效自评表, or a title saying so
    (XX局2023年度部门整体支出绩效自评报告) among its first lines."""
    if any(not s.is_project for s in self_eval_tables(doc)):
        return True
    head = [ln.text for _, ln in zip(range(5), doc.text_lines())]
    return any(regex.search(words_pattern("department_form_title_words"), t) for t in head)


def self_eval_tables(doc: Document) -> list[SelfEvalTable]:
    return doc.cached("performance.self_evals", lambda d: [self_eval_table(t) for t in d.tables
                                                            if is_self_evaluation(t)])


def cell_amount(cell: Cell | None) -> Number | None:
    """A money cell: a number, or a blank / dash as exact zero; None when it is text."""
    if cell is None:
        return None
    if cell.blank or cell.dash:
        return Number(Decimal(0), 0)
    return cell.number


def fmt(value: Decimal, decimals: int = 2) -> str:
    q = Decimal(1).scaleb(-decimals)
    s = format(value.quantize(q), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


# --- analyses shared by several rules ------------------------------------------------

def is_cost(ind) -> bool:
    return "成本" in ind.level2 or "成本" in ind.level1


def execution_rate(s) -> Decimal | None:
    """执行数 / 预算数 × 100 from the amounts as printed, or None."""
    b, e = cell_amount(s.budget), cell_amount(s.executed)
    if b is None or e is None or b.value == 0 or s.budget.blank:
        return None
    return e.value / b.value * 100


def rate_agrees(printed, rate: Decimal) -> bool:
    return Interval.of(printed).meets(Interval.exact(rate))


def rate_bounds(s) -> Interval | None:
    """执行数 / 预算数 × 100 as an interval, each amount standing for ± half a unit of the finer of
    the two printed precisions (30 beside 29.99 is 30.00; a blank is exactly zero), or None."""
    b, e = cell_amount(s.budget), cell_amount(s.executed)
    if b is None or e is None or s.budget.blank:
        return None
    dec = max(b.decimals, e.decimals)
    ib = Interval.of(at_precision(b, dec))
    ie = Interval.exact(Decimal(0)) if s.executed.blank or s.executed.dash else Interval.of(at_precision(e, dec))
    if ib.low <= 0:
        return None
    ends = [x / y * 100 for x in (ie.low, ie.high) for y in (ib.low, ib.high)]
    return Interval(min(ends), max(ends))


def rate_severity(printed, s) -> str:
    """error when no amounts that round to the printed ones give the printed rate; warning when
    only the amounts as printed contradict it (29.99 ÷ 30 = 99.97%, but 29.994 ÷ 29.996 is 99.99%)."""
    bounds = rate_bounds(s)
    return "warning" if bounds is not None and Interval.of(printed).meets(bounds) else "error"


def execution_indicators(s, funding: bool = True):
    """The 预算执行率 indicator rows (with the MoF form's 年度资金总额 row unless funding=False)."""
    words = vocab()["execution_rate_words"]
    return [i for i in s.indicators if any(w in i.level2 or w in i.level1 or w in i.name for w in words)
            and (funding or not i.funding)]


@lru_cache(maxsize=None)
def _overall():
    """A statement of an evaluation's score: 总得分为95.5分, 平均得分92.3分, 综合评分达96分
    (group 2 is the score)."""
    v = vocab()
    words = "|".join(map(regex.escape, sorted(v["overall_score_words"], key=len, reverse=True)))
    links = "|".join(map(regex.escape, sorted(v["score_links"], key=len, reverse=True)))
    return regex.compile(rf"({words})\s*(?:{links})?\s*(\d+(?:\.\d+)?)\s*分")


def overall_scores(doc):
    """(paragraph, match) for every clause stating an evaluation's score; not a survey's
    (满意度调查平均得分4.8分: performance.json survey_words in the clause before the score)."""
    survey = vocab()["survey_words"]
    for para in doc.paragraphs:
        text = fold(para.text)
        for m in _overall().finditer(text):
            clause = text[max(text.rfind(p, 0, m.start()) for p in "，,；;。：:") + 1:m.start()]
            if any(w in clause for w in survey):
                continue
            yield para, m


def _name_keys(form) -> list[str]:
    return [k for k in {norm(form.name), project_key(form.name)} if len(k) >= 4]


def project_named_before(text: str, pos: int, tables):
    """The table whose project the clause before a score names, when exactly one is; a clause
    that begins with the score word (“文物安全巡查经费”项目全年执行数23万元，自评得分98.4分) takes
    the project its sentence named last."""
    start = max(text.rfind(p, 0, pos) for p in "。；;，,") + 1
    clause = text[start:pos]
    back_to = max(text.rfind(p, 0, pos) for p in "。；;") + 1
    if _THIS_PROJECT.fullmatch(clause.strip()):
        # （一）A项目。该项目年初预算…。项目自评得分99.8分: “项目” points back to the project the
        # paragraph named last, in an earlier sentence too
        back_to = 0
    elif clause.strip():
        named = [s for s in tables if any(k in clause for k in _name_keys(s))]
        return named[0] if len(named) == 1 else None
    return _named_last(text, back_to, pos, tables)


_THIS_PROJECT = regex.compile(r"(?:该|本|此|上述)?项目的?(?:绩效)?")


def _named_last(text: str, start: int, pos: int, tables):
    last = sorted(((max((text.rfind(k, start, pos) for k in _name_keys(s)), default=-1), n, s)
                   for n, s in enumerate(tables)), key=lambda x: -x[0])
    last = [x for x in last if x[0] >= 0]
    if not last or (len(last) > 1 and last[1][0] == last[0][0]):
        return None
    return last[0][2]


@dataclass
class CategoryScore:
    stem: str  # the 一级指标 without 指标: 产出, 效益, 满意度 …
    number: Number
    start: int  # offsets of the number in the paragraph's folded text
    end: int


@lru_cache(maxsize=None)
def _category_pattern():
    stems = sorted({w[:-2] if w.endswith("指标") else w for w in vocab()["level1"]}, key=lambda w: (-len(w), w))
    alt = "|".join(map(regex.escape, stems))
    return regex.compile(rf"({alt})(?:类)?(?:指标)?\s*(?:得分|得|评分)?\s*(?:为|：|:)?\s*(\d+(?:\.\d+)?)\s*分")


def score_breakdown(para, m) -> list[CategoryScore]:
    """The 一级指标 scores listed after an overall score in its sentence, up to the next score
    (总得分95分，其中产出指标得分38分、效益指标27分、满意度指标10分): each category once, in order."""
    text = fold(para.text)
    end = para.sentence_at(m.start()).end
    following_score = _overall().search(text, m.end(), end)
    if following_score is not None:  # …项目自评得分97.5分，“B”项目自评得分95.46分（产出…）: B's
        end = following_score.start()
    out: list[CategoryScore] = []
    for c in _category_pattern().finditer(text, m.end(), end):
        if any(x.stem == c.group(1) for x in out):
            return []  # a category twice: another list (last year's, another project's)
        out.append(CategoryScore(c.group(1), parse_number(c.group(2)), c.start(2), c.end(2)))
    return out


def category_stem(level1: str) -> str:
    """The 一级指标 of an indicator row as score_breakdown names it (产出指标（40）→ 产出; the MoF
    form's 年度资金总额 row → 预算执行率)."""
    t = WEIGHT.sub("", norm(level1))
    for w in sorted(vocab()["level1"], key=len, reverse=True):
        stem = w[:-2] if w.endswith("指标") else w
        if t.startswith(w) or t.startswith(stem):
            return stem
    return "预算执行率" if t.startswith("预算执行") else t


# --- what the narrative says about the forms ---------------------------------------------
# The report's figures (调整预算数 86.50万元, 全年执行数 48万元, 执行率 96%, a project's 预算)
# are read once, by linter.statements, the same statements the BL2 family reads: a 绩效自评报告
# is read like a 决算, so its 预算数 / 调整预算 / 全年预算 are the role "budget" (with the words
# that named it) and its 执行数 / 支出 the role "amount". Here only which form a statement is
# about, which budget a figure is, and where its words start.


def named_form(st, forms):
    """The form whose project the statement's subject names, when exactly one does: the
    subject ends with the project's name, written with or without 项目/经费/专项资金 … and
    quotes (“科普宣传经费”项目, 科普宣传项目, 本单位科普宣传经费), or a statement without a subject
    opens after “name：”. A subject that goes on after the name (科普宣传经费用于购置设备) is
    about something else."""
    subject = st.subject or _colon_head(st)
    if not subject:
        return None
    key = project_key(subject)
    hits = []
    for f in forms:
        name = project_key(f.name)
        if len(name) >= 4 and key.endswith(name) and f not in hits:
            hits.append(f)
    return hits[0] if len(hits) == 1 else None


def _colon_head(st) -> str:
    """The words before a colon that open a statement naming no subject of its own (森林防火经费：
    预算数30.00万元，执行数30.00万元): what the statement is about."""
    if not st.quantities:
        return ""
    text = st.text
    floor = clause_start(text, st.quantities[0].pos)
    if floor == 0 or text[floor - 1] not in "：:":
        return ""
    head = text[clause_start(text, floor - 1):floor - 1].strip()
    return "" if regex.search(r"\d", head) else head


def budget_kind(doc: Document, st, q) -> str:
    """Which budget a "budget" quantity is, from the words of its clause (performance.json
    budget_kinds): adjusted (调整预算数, 调整后的预算, 全年预算调整为), initial (年初预算), or ""
    (预算数, 全年预算)."""
    text = doc.paragraphs[st.paragraph].text
    clause = text[clause_start(text, q.pos):q.pos]
    for kind, words in vocab()["budget_kinds"].items():
        if not kind.startswith("_") and any(w in clause for w in words):
            return kind
    return ""


def stated_rate_holds(rate, budget, spent) -> bool:
    """Whether a stated execution rate follows from the spending and budget stated with it
    (支出124万元，预算执行率99.2% of 调整预算125万元), under the interval rule; when it does not,
    the narrative contradicts itself and the BL2 family reports it."""
    from .statements import ratio

    r = ratio(spent.interval(), budget.interval())
    return r is None or Interval.of(rate.value).meets(r)


def spending_subject(q) -> bool:
    """An amount stated as spending, with no subject of its own (全年执行数48万元, 实际支出…,
    支出86.50万元): the role words are peeled off, so what is left is nothing or a generic word."""
    from .statements import roles, subject_key

    return not q.subject or subject_key(q.subject) in roles().generic


def figure_span(doc: Document, st, q) -> tuple[int, int, int]:
    """(line, start, end) of a figure with the words that say what it is: from its role word
    (调整预算数86.50万元), else from the end of the statement's subject when that is in the same
    clause (“科普宣传经费”项目|年初预算160000元), else from its clause's subject, past lead words
    and years (，|全年支出156.75万元; 其中|科普宣传经费12.00万元; 本年度安排|科普活动项目经费55万元)."""
    from .statements import clean_subject, roles, subject_key

    para = doc.paragraphs[st.paragraph]
    text = para.text
    floor = clause_start(text, q.pos)
    start = text.rfind(q.word, floor, q.pos) if q.word else -1
    if start < 0 and st.subject:
        at = text.rfind(st.subject, floor, q.pos)
        if at >= 0 and text[at + len(st.subject):q.pos].strip():
            start = at + len(st.subject)  # the words after the subject
    if start < 0:  # the clause from its subject, past lead words and years (其中, 本年度安排 …);
        # a generic subject keeps its years: 全年支出 is what the figure is
        subject, off = clean_subject(text[floor:q.pos])
        if subject and subject_key(subject) not in roles().generic:
            start = floor + off
        else:
            lead = roles().lead.match(text[floor:q.pos])
            start = floor + (lead.end() if lead else 0)
    while start < q.pos and text[start] in " \t\u3000":
        start += 1
    return para.span(start, q.end)


def following(doc: Document, st, q, role: str):
    """The quantities of `role` stated after q in the same sentence, in q's statement or the
    next ones of its paragraph (调整预算数86.50万元，支出86.50万元 may be two statements)."""
    from .statements import statements_of

    out = []
    for other in statements_of(doc)[st.index:]:
        if other.paragraph != st.paragraph or other.sentence != st.sentence:
            break
        out.extend(x for x in other.quantities if x.role == role and x.pos > q.pos)
    return out


# --- grade bands ------------------------------------------------------------------------
# The grade a score earns: the bands the document states (90分（含）以上为优, 80-90分为良,
# 60分以下为差, 优（≥85分）…) when it states at least two, else the standard ones
# (performance.json grades: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60).


@dataclass(frozen=True)
class Band:
    low: Decimal  # the band holds low <= score < high (the top band up to and including 100)
    high: Decimal
    words: tuple  # the grade words of the band, the usual one first


def grade_bands(doc: Document) -> list[Band]:
    return doc.cached("performance.grade_bands", _grade_bands)


def _grade_groups() -> list[tuple]:
    return [tuple(g["words"]) for g in vocab()["grades"]]


@lru_cache(maxsize=None)
def _band_patterns() -> tuple:
    """(pattern, bounded_below) of every way a band is stated: the grade word in group `w`, its
    bound(s) in `a` (and `b` for a span); a band stated with 以下 starts at 0."""
    words = "|".join(sorted({regex.escape(w) for g in _grade_groups() for w in g}, key=lambda w: (-len(w), w)))
    w = rf"(?P<w>{words})"

    def num(name: str) -> str:
        return rf"(?P<{name}>\d+(?:\.\d+)?)\s*分?\s*(?:[（(]含[)）])?"

    link = r"\s*(?:的|者)?\s*(?:为|评为|定为|评定为|属于|：|:)?\s*[“\"「]?"
    above = r"(?:及|或)?以上"
    below = r"(?:以下|以内)"
    to = r"\s*(?:[-—–~～至到]|分?[-—–~～至到])\s*"
    open_ = r"\s*[（(：:]\s*(?:[≥>]=?)?\s*"
    return (
        # 90分（含）以上为优 / 80-90分为良 / 60分以下为差
        (regex.compile(rf"{num('a')}\s*{above}{link}{w}"), True),
        (regex.compile(rf"{num('a')}{to}{num('b')}\s*分?\s*(?:[（(]不?含[)）])?{link}{w}"), True),
        (regex.compile(rf"{num('a')}\s*{below}{link}{w}"), False),
        # 优（90分及以上）/ 良（80-89分）/ 差（60分以下）/ 优：≥90分
        (regex.compile(rf"{w}{open_}{num('a')}\s*(?:分)?\s*{above}"), True),
        (regex.compile(rf"{w}{open_}{num('a')}{to}{num('b')}"), True),
        (regex.compile(rf"{w}{open_}{num('a')}\s*(?:分)?\s*{below}"), False),
    )


def _group_of(word: str):
    return next((g for g in _grade_groups() if word in g), None)


def _grade_bands(doc: Document) -> list[Band]:
    """The stated bands, read from the narrative: each grade's lower bound."""
    lows: dict[tuple, Decimal] = {}
    for para in doc.paragraphs:
        text = fold(para.text)
        for pattern, bounded_below in _band_patterns():
            for m in pattern.finditer(text):
                bounds = [Decimal(m.group(k)) for k in ("a", "b") if m.groupdict().get(k)]
                lows.setdefault(_group_of(m.group("w")), min(bounds) if bounded_below else Decimal(0))
    lows.pop(None, None)
    if len(lows) >= 2 and len(set(lows.values())) == len(lows):
        ordered = sorted(lows.items(), key=lambda kv: kv[1])
        highs = [low for _, low in ordered[1:]] + [Decimal(100)]
        return [Band(low, high, words) for (words, low), high in zip(ordered, highs)]
    return [Band(Decimal(g["min"]), Decimal(g["max"]), tuple(g["words"])) for g in vocab()["grades"]]


def grade_of(bands: list[Band], score: Decimal) -> Band | None:
    top = max(b.high for b in bands)
    for b in bands:
        if b.low <= score < b.high or (score == top and b.high == top):
            return b
    return None

"""Links from the narrative to the tables through the document's own labels.

Every label cell of every table (a row's 科目 name or project name followed by its amount, a
科目 code) is indexed under its normalised form (linter.statements.subject_key), so a subject
the text names — 住房公积金, 单位预留机动经费, 行政运行 — is found in whichever table carries a
row of that name, with no synonym list. The amount of a row is its 合计 / 金额 column (in a
决算 table, the 决算数 measure), else the cell right after the label.
Built once per document and cached (doc.cached("label_index")).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from .cnnum import UNIT_FACTOR
from .model import Cell, Document, Table, cell_at
from .numbers import Interval
from .statements import clean_subject, roles, subject_key
from .subjects import table_levels
from .vocab import load_json

_AMOUNT_KEYS = ("合计", "小计", "金额", "总计")
_CODE = regex.compile(r"^\d{3,7}$")
_MARKER = regex.compile(r"[（(]\s*\d{0,7}\s*[类款项]\s*[）)]")
_BRACKET_CODE = regex.compile(r"[（(【\[]\s*(\d{7}|\d{5}|\d{3})\s*[）)】\]]")
_PATH_SEP = regex.compile(r"\s*[/／]\s*")


@lru_cache(maxsize=None)
def _role_tail() -> regex.Pattern:
    return regex.compile(load_json("statements.json")["link_role_tail"])


@lru_cache(maxsize=None)
def _label_strip() -> regex.Pattern:
    return regex.compile(load_json("statements.json")["label_strip"])


@lru_cache(maxsize=None)
def _path_words() -> regex.Pattern:
    return regex.compile(load_json("statements.json")["path_words"])


def names_kemu(doc: Document, words: str) -> bool:
    """Whether the words name a 科目 by their form: a level marker (行政运行（项）), a code
    (一般行政管理事务（2010102）), a path (一般公共服务支出/财政事务/行政运行; …款…项), or a
    name the document's classified tables print."""
    name = clean_subject(words)[0] or words
    return bool(_MARKER.search(name) or _BRACKET_CODE.search(name) or _PATH_SEP.search(name)
                or _path_words().match(subject_key(name)) or table_levels(doc, name))


@dataclass
class LabelHit:
    table: Table
    label: Cell
    cell: Cell  # the amount
    unit: str

    def interval(self) -> Interval:
        f = UNIT_FACTOR.get(self.unit, Decimal(10000))
        n = self.cell.amount
        if self.cell.blank or self.cell.dash:
            return Interval.exact(Decimal(0))
        return Interval(n.low * f, n.high * f)

    @property
    def where(self) -> str:
        return f"《{self.table.label()}》「{self.label.text.strip()}」"


def _doc_unit(doc: Document) -> str:
    units = [t.unit for t in doc.tables if t.unit]
    return max(set(units), key=units.count) if units else "万元"


def _amount_column(table: Table, final: bool) -> int | None:
    for key in _AMOUNT_KEYS:
        cols = table.column_index(key)
        if final:
            fin = [c for c in cols if c < len(table.measures) and table.measures[c] == "决算数"]
            if fin:
                return fin[0]
            if any(c < len(table.measures) and table.measures[c] for c in cols):
                return None
        if cols:
            return cols[0]
    return None


def _is_amount(cell: Cell | None) -> bool:
    return cell is not None and (cell.number is not None or cell.blank or cell.dash) and cell.amount is not None


def build_label_index(doc: Document) -> dict[str, list[LabelHit]]:
    final = doc.meta.doc_type == "决算"
    unit = _doc_unit(doc)
    index: dict[str, list[LabelHit]] = {}
    shorts: dict[str, list[LabelHit]] = {}
    columns: dict[str, list[LabelHit]] = {}  # 基本支出, 会议费 …: a column's label, at the total row
    for table in doc.tables:
        if table.kind.startswith("perf") or table.kind == "procurement" or "绩效" in table.title or "采购" in table.title:
            continue  # a form's targets, or what is bought (a 采购 row is not the budget of its name)
        col = _amount_column(table, final)
        for r, row in enumerate(table.data_rows()):
            info = table.row_info[r] if r < len(table.row_info) else None
            for i, c in enumerate(row):
                text = c.text.strip()
                if not text or c.number is not None or _CODE.match(text):
                    continue
                nxt = row[i + 1] if i + 1 < len(row) else None
                if col is not None and c.col < col:
                    amount = cell_at(row, col)
                elif _is_amount(nxt):
                    amount = nxt
                else:
                    continue
                if not _is_amount(amount):
                    continue
                hit = LabelHit(table, c, amount, table.unit or unit)
                key = subject_key(clean_subject(text)[0] or text)
                if len(key) >= 2:
                    index.setdefault(key, []).append(hit)
                    short = _label_strip().sub("", key)
                    if short != key and len(short) >= 3:  # 社区微更新 for the row 社区微更新项目
                        shorts.setdefault(short, []).append(hit)
                if info is not None and info.code and c.col < (col if col is not None else 10 ** 6):
                    index.setdefault(info.code, []).append(hit)
                if col is not None:
                    break  # one label per row when the table has an amount column
        for key, hit in _column_hits(table, final, doc.meta.year, table.unit or unit):
            columns.setdefault(key, []).append(hit)
    for short, hits in shorts.items():
        index.setdefault(short, hits)  # a full label of that name wins
    for key, hits in columns.items():
        index.setdefault(key, []).extend(hits)
    return index


_COLUMN_TOTAL = regex.compile(r"^(?:合计|总计|本年支出合计|本年收入合计|支出合计|收入合计)$")


def _column_hits(table: Table, final: bool, year: int | None, unit: str):
    """(key, hit) for each amount column of a table, at its total row (合计 / 总计), or at
    the one data row of a table printed as a single row (the “三公”经费 table): 基本支出 and
    项目支出 of a 支出表, 会议费 and 培训费 of the Jiangsu “三公” table. A 决算 table's
    预算数 | 决算数 pairs give their 决算数; a group of another year (2024年预算数 beside
    2025年预算数) gives nothing."""
    rows = table.data_rows()
    numbered = [r for r in rows if any(c.number is not None for c in r)]
    total = next((r for r in rows if any(_COLUMN_TOTAL.match(_norm_label(c.text)) for c in r[:4] if c.number is None)),
                 numbered[0] if len(numbered) == 1 else None)
    if total is None:
        return
    for col, label in enumerate(table.column_labels):
        parts = [p for p in label.split("/") if p]
        if not parts:
            continue
        measure = table.measures[col] if col < len(table.measures) else ""
        if measure and parts[-1] == measure:
            if final != (measure == "决算数"):
                continue
            parts = parts[:-1]
        y = regex.search(r"((?:19|20)\d{2})年", label)
        if not parts or (y and year is not None and int(y.group(1)) != year):
            continue
        name = parts[-1]
        key = subject_key(clean_subject(name)[0] or name)
        if len(key) < 2 or key in roles().generic or _COLUMN_TOTAL.match(key) or key in _NOT_SUBJECTS:
            continue
        cell = cell_at(total, col)
        if not _is_amount(cell) or cell.number is None and not (cell.blank or cell.dash):
            continue
        # the header cell that prints the name: this column's, or the merged group's first (会议费 over 预算数 | 决算数)
        head = next((c for r in reversed(table.rows[:table.header_rows]) for k in range(col, -1, -1)
                     if (c := cell_at(r, k)) is not None and _norm_label(c.text) == name), None)
        if head is not None:
            yield key, LabelHit(table, head, cell, unit)


_NOT_SUBJECTS = frozenset({"小计", "金额", "预算数", "决算数", "项目", "科目名称", "科目编码", "类", "款", "项", "栏次",
                           "行次", "单位名称", "项目名称"})


def _norm_label(text: str) -> str:
    return regex.sub(r"\s+", "", text)


def label_index(doc: Document) -> dict[str, list[LabelHit]]:
    return doc.cached("label_index", build_label_index)


def hits_for(doc: Document, subject: str, suffix: bool = True) -> list[LabelHit]:
    """The table rows labelled with the subject (or, with `suffix`, with the longest label of at
    least three characters that the subject ends with: 一般公共预算安排的住房公积金 → 住房公积金)."""
    idx = label_index(doc)
    key = subject_key(clean_subject(subject)[0] or subject)
    code = regex.match(r"^(\d{7}|\d{5}|\d{3})(?!\d)", key) or _BRACKET_CODE.search(key)
    if code and code.group(1) in idx:  # 2010301 行政运行 / 一般行政管理事务（2010302）支出: its code
        return idx[code.group(1)]
    # a 科目 path (住房改革支出（款）住房公积金（项）, 城乡社区支出/城乡社区管理事务/一般行政管理事务):
    # the row is the last name's (a generic tail after the last marker is the path's, 行政单位医疗（项）支出)
    named_path = False
    marks = list(_MARKER.finditer(key))
    if marks and key[marks[-1].end():] in roles().generic:
        key = key[:marks[-1].end()]
    parts = [x for x in _MARKER.split(key) if x]
    if marks:
        key = parts[-1] if parts else key
        named_path = True  # a 科目 named in full: 其他人大事务 is not the 人大事务 row
    elif _PATH_SEP.search(key):
        key = _PATH_SEP.split(key)[-1]
    elif m := _path_words().match(key):  # 住房改革支出款住房公积金项: 款 and 项 written as words
        key = m.group("name")
    key = _role_tail().sub("", key) or key  # …职业年金缴费支出列支 / 安排资金
    if key in idx:
        return idx[key]
    short = roles().link_strip.sub("", key)  # 住房公积金支出 → 住房公积金
    if len(short) >= 2 and short in idx:
        return idx[short]
    if not suffix:
        return []
    best = None
    for label in idx:
        if len(label) >= 3 and len(label) < len(key) and key.endswith(label) and (best is None or len(label) > len(best)):
            if named_path and key[:-len(label)] not in idx:
                continue  # in a 科目 path only a parent's name may come first (人大事务行政运行（项）)
            best = label
    return idx[best] if best else []


def whole_from_tables(doc: Document, words: str):
    """(interval, name, related) of the one amount the tables give for a named whole."""
    from .findings import related_cell

    hits = hits_for(doc, words, suffix=False)
    if not hits:
        return None
    first = hits[0].interval()
    if any(h.interval() != first for h in hits[1:]):
        return None
    h = hits[0]
    return first, f"{h.where}{h.cell.text.strip()}{h.unit}", related_cell(h.cell, h.where)


def path_hits(doc: Document, path) -> list[LabelHit] | None:
    """The table rows of a 科目 path (linter.subjects.SubjectPath): the rows named as its last
    part, at its marker's level, under the parents it names (a 行政运行 row under the 人大事务
    款, not the one under 政府办公厅（室）及相关机构事务). [] when the path stays ambiguous
    (the rows differ and no parent tells them apart); None when the tables' rows carry no codes
    to follow the path by."""
    from .subjects import _norm as subject_norm

    last, level = path.names[-1], path.levels[-1]
    parents = path.names[:-1]
    codes: set[str] = set()
    coded = False
    for table in doc.tables:
        names_by_code = {info.code: subject_norm(info.name) for info in table.row_info if info.code}
        for info in table.row_info:
            if not info.name or subject_norm(info.name) != last or (level and info.level and info.level != level):
                continue
            if not info.code:
                continue
            coded = True
            ancestors = [names_by_code.get(info.code[:n], "") for n in (3, 5) if n < len(info.code)]
            if all(p in ancestors for p in parents):
                codes.add(info.code)
    if not coded:
        return None
    idx = label_index(doc)
    hits = [h for c in sorted(codes) for h in idx.get(c, [])]
    if len({h.interval() for h in hits}) > 1 and len(codes) > 1:
        return []  # one name under several parents, and the words do not say which
    return hits

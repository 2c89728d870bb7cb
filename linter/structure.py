"""The structure pass, run once per document after its reader: sections from headings and
numbered lines, table titles / kinds / units / header rows / column keys / row keys, and the
document's metadata. Readers give raw lines and grids; everything semantic happens here, so
all formats are understood the same way."""
from __future__ import annotations

from functools import lru_cache

import regex

from .cnnum import with_arabic_years
from .contents import read_contents
from .model import Cell, Document, Line, RowInfo, Section, Table
from .numbers import parse_number
from .paragraphs import assign_paragraphs
from .vocab import load_json

CN_NUM = "一二三四五六七八九十百零〇两"

# number token patterns, most specific first; level is the depth in the usual hierarchy
NUMBERING = [
    ("part", 1, regex.compile(rf"^\s*(第[{CN_NUM}\d]+部分)\s*")),
    ("cn", 2, regex.compile(rf"^\s*([{CN_NUM}]+、)\s*")),
    ("paren_cn", 3, regex.compile(rf"^\s*([（(][{CN_NUM}]+[）)])\s*")),
    ("arabic", 4, regex.compile(r"^\s*(\d{1,2}(?:、|[.．](?!\d)))\s*")),
    ("paren_arabic", 5, regex.compile(r"^\s*([（(]\d{1,2}[）)])\s*")),
]


def numbering_of(text: str) -> tuple[str, int, str, str] | None:
    """(style, level, token, rest) for a numbered line, or None."""
    for style, level, pat in NUMBERING:
        m = pat.match(text)
        if m:
            return style, level, m.group(1), text[m.end():]
    return None


# a table-of-contents entry: a title followed by a dot leader (……… / ...... / ·····) and
# usually a page number
# (a lone …… is the Chinese ellipsis, not a leader)
TOC_LEADER = regex.compile(r"(?:…{4,}|\.{6,}|·{6,}|．{6,}|-{8,})\s*\d*\s*")


def analyse(doc: Document) -> None:
    doc.contents = read_contents(doc)
    _contents_lines(doc)
    _sections(doc)
    _merge_adjacent(doc)
    for table in doc.tables:
        _table(doc, table)
    _metadata(doc)
    assign_paragraphs(doc)


def _contents_lines(doc: Document) -> None:
    """Table-of-contents lines are page furniture: their numbering repeats the headings."""
    for ln in doc.lines:
        if ln.kind in ("text", "heading") and TOC_LEADER.search(ln.text):
            ln.kind = "furniture"


def _merge_adjacent(doc: Document) -> None:
    """Join a grid that follows another with nothing but blank lines or page furniture
    between them and no title or 单位 row of its own: readers split one printed table
    where its column layout changes (a 绩效目标表's header block and its indicator rows)."""
    merged: list[Table] = []
    for table in doc.tables:
        prev = merged[-1] if merged else None
        if prev is not None and prev.rows and table.rows and _adjacent(doc, prev, table):
            offset = len(prev.rows)
            for r, row in enumerate(table.rows):
                for c in row:
                    c.row = offset + r
            prev.rows.extend(table.rows)
            continue
        merged.append(table)
    for i, t in enumerate(merged, 1):
        t.index = i
    doc.tables = merged


def _adjacent(doc: Document, a: Table, b: Table) -> bool:
    if b.title or a.last_line >= b.first_line:
        return False
    for n in range(a.last_line + 1, b.first_line):
        ln = doc.line(n)
        if ln.text.strip() and ln.kind not in ("blank", "furniture"):
            return False
    first = [c.text.strip() for c in b.rows[0] if c.text.strip()]
    if any(META_CELL.match(t) or _kind_of(t) for t in first):
        return False
    if _is_serial_row(b.rows[0]):
        return False
    return True


# --- sections -------------------------------------------------------------------------

def _sections(doc: Document) -> None:
    root = Section(number="", level=0, title="", line=1, end_line=len(doc.lines))
    stack = [root]
    for ln in doc.lines:
        if ln.kind not in ("text", "heading"):
            continue
        text = ln.text.strip()
        if not text:
            continue
        styled = bool(ln.style and _HEADING_STYLE.match(ln.style))
        num = numbering_of(text)
        if num is None and not styled:
            continue
        if num is not None:
            style, level, token, rest = num
            auto = ln.auto_number
        else:
            style, level, token, rest = "", _style_level(ln.style), "", text
            auto = False
        ln.kind = "heading" if (styled or len(rest) <= 40) else ln.kind
        title = rest.strip()
        sec = Section(number=token, level=level, title=title[:80], line=ln.number, auto=auto, style=style)
        while stack[-1].level >= level and len(stack) > 1:
            closed = stack.pop()
            closed.end_line = ln.number - 1
        sec.parent = stack[-1]
        stack[-1].children.append(sec)
        stack.append(sec)
    for s in stack[1:]:
        s.end_line = len(doc.lines)
    doc.sections = root


def _style_level(style: str | None) -> int:
    m = _DIGIT.search(style or "")
    return int(m.group(1)) + 1 if m else 2


# --- tables ---------------------------------------------------------------------------

META_CELL = regex.compile(r"(单位[:：]|预算年度|编制单位|编制部门|预算主管部门|截止时间|填报单位|金额单位|部门名称[:：]|单位名称[:：])")
# the unit word ends the value: 编制单位：元氏县民政局 names a unit (a body) in 元氏县, not 元
UNIT = regex.compile(r"(?:金额)?单位\s*[:：]\s*(亿元|万元|千元|元)(?=人民币|[^\p{Han}]|$)")
UNIT_PAREN = regex.compile(r"[(（]\s*(?:金额单位[:：]?\s*)?(亿元|万元|千元|元)\s*[)）]")
YEAR = regex.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
YEAR_LINE = regex.compile(r"^[(（]\s*\d{4}\s*年度?\s*[)）]$")
META_LINE = regex.compile(r"^(填报单位|编制单位|编制部门|预算主管部门|金额单位|单位[:：]|截止时间|预算年度)")
TOTAL_NAMES = ("合计", "总计")
_HEADING_STYLE = regex.compile(r"(?i)heading|标题")
_DIGIT = regex.compile(r"(\d)")
_SERIAL_TOKEN = regex.compile(r"\d{1,2}|[A-Z]")
_SMALL_INT = regex.compile(r"\d{1,3}")
_INT = regex.compile(r"\d+")
_CODE_NAME = regex.compile(r"科目|编码|名称")
_CLASS = regex.compile(r"\d{3}")
_SUB_CODE = regex.compile(r"\d{1,2}")
_LEADING_CODE = regex.compile(r"^(\d{3})(?:\s*(\d{2}))?(?:\s*(\d{2}))?(?=\s*\p{Han}|$)")
_NAME_CODE = regex.compile(r"^\d{3}(?:\s*\d{2}){0,2}\s*(?=\p{Han})")
CODE = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")


def _table(doc: Document, table: Table) -> None:
    first = table.first_line
    _grid_title(table)
    _meta_rows(doc, table)
    _title(doc, table, first)
    _kind(table)
    _headers(table)
    _row_keys(table)


def _renumber(table: Table) -> None:
    for r, cells in enumerate(table.rows):
        for c in cells:
            c.row = r


def _grid_title(table: Table) -> None:
    """A first grid row holding only the table's title (docx/pdf tables often carry it)."""
    if not table.rows or table.title:
        return
    texts = [c.text.strip() for c in table.rows[0] if c.text.strip()]
    if len(texts) == 1 and len(table.rows) > 1 and len(texts[0]) <= 60 and _kind_of(texts[0]) \
            and parse_number(texts[0]) is None:
        table.title = _strip_number(texts[0])
        table.title_line = table.rows[0][0].line
        table.rows = table.rows[1:]
        _renumber(table)


def _strip_number(text: str) -> str:
    num = numbering_of(text)
    return (num[3] if num else text).strip()


def _meta_line(text: str, table: Table) -> bool:
    """A 单位/年度/填报单位 line between a title and its table; records what it says."""
    t = text.strip()
    m = UNIT.search(t)
    if m and not table.unit:
        table.unit = m.group(1)
    if META_LINE.match(t) or YEAR_LINE.match(t) or (m and len(t) < 60):
        for part in regex.split(r"\s{2,}|\s(?=\S+[:：])", t):
            kv = regex.split(r"[:：]", part.strip(), maxsplit=1)
            if len(kv) == 2 and kv[1].strip() and not UNIT.search(part):
                key = _meta_key(kv[0].strip())
                table.meta.setdefault(key, _dept_value(kv[1].strip())[1] if key == "编制单位" else kv[1].strip())
        return True
    return False


def _meta_key(key: str) -> str:
    return "编制单位" if key in ("编制部门", "填报单位", "预算主管部门", "部门名称", "单位名称") else key


def _dept_value(text: str) -> tuple[str, str]:
    """('224', '中共平乡县委…') for a 编制单位 value printed after its unit code."""
    m = regex.match(r"^(\d{3,12})\s*(\p{Han}.*)$", text)
    return (m.group(1), m.group(2)) if m else ("", text)


def _title(doc: Document, table: Table, first: int) -> None:
    """The table's title: the nearest line above that names a known table kind, else the
    nearest plain short line, skipping 单位/年度/填报单位 lines between title and grid."""
    if table.title:
        return
    fallback = None
    seen = 0
    for n in range(first - 1, max(first - 14, 0), -1):
        ln = doc.line(n)
        if ln.kind in ("blank", "furniture") or not ln.text.strip():
            continue
        if ln.kind == "table":
            break
        text = ln.text.strip()
        if not text:
            continue
        seen += 1
        if seen > 8:
            break
        if _meta_line(text, table) or is_serial_label(text):
            continue
        if len(text) > 60:
            break
        if _kind_of(text):
            table.title, table.title_line = _strip_number(text), n
            return
        if fallback is None:
            fallback = (_strip_number(text), n)
            prev = _prev_text(doc, n)
            if prev and regex.match(r"^(填报单位|编制单位|编制部门)[:：]?\s*$", prev):
                # the department's name written on its own line after 填报单位：
                table.meta.setdefault("编制单位", text)
                fallback = None
                continue
    if fallback:
        table.title, table.title_line = fallback


def _prev_text(doc: Document, n: int) -> str | None:
    for m in range(n - 1, max(n - 4, 0), -1):
        t = doc.line(m).text.strip()
        if t:
            return t
    return None


def _meta_rows(doc: Document, table: Table) -> None:
    """Move leading 编制单位 / 预算年度 / 单位 rows out of the grid into table.meta."""
    while table.rows:
        row = table.rows[0]
        texts = [c.text for c in row if c.text.strip()]
        if not texts or len(texts) > 4 or not any(META_CELL.match(t.strip()) for t in texts):
            break
        if any(not META_CELL.match(t.strip()) and (parse_number(t) is not None or _kind_of(t)) for t in texts):
            break
        for c in row:
            t = c.text.strip()
            m = UNIT.search(t)
            if m:
                table.unit = m.group(1)
            if t and not META_CELL.match(t):
                code, name = _dept_value(t)
                table.meta.setdefault("编制单位", name)
                if code:
                    table.meta.setdefault("单位编码", code)
            elif t and not (m and m.start() == 0 or t.startswith("金额单位")):
                parts = regex.split(r"[:：]", t, maxsplit=1)
                if len(parts) == 2:
                    key, value = _meta_key(parts[0].strip()), UNIT.sub("", parts[1]).strip()
                    if key == "编制单位":
                        code, value = _dept_value(value)
                        if code:
                            table.meta.setdefault("单位编码", code)
                    table.meta[key] = value
        table.meta_cells += row
        table.rows = table.rows[1:]
        _renumber(table)
    if not table.unit:
        for row in table.rows[:4]:
            for c in row:
                m = UNIT.search(c.text) or UNIT_PAREN.search(c.text)
                if m:
                    table.unit = m.group(1)
                    return


_SPACES = regex.compile(r"\s+")
_TITLE_NOISE = regex.compile(r"(19|20)\d{2}年度?|XX|××|[\"'“”‘’「」]")


def normalise_title(title: str) -> str:
    return _TITLE_NOISE.sub("", _SPACES.sub("", title))


@lru_cache(maxsize=None)
def _aliases():
    kinds = load_json("table_kinds.json")["kinds"]
    pairs = [(_alias_matcher(normalise_title(a)), k) for k, v in kinds.items() for a in v["aliases"]]
    return kinds, [(m, k) for (m, _n), k in sorted(pairs, key=lambda x: -x[0][1])]


def _alias_matcher(alias: str):
    """(match function, rank) of an alias: a plain substring, or fragments joined by '…'
    that must occur in order with at most 20 characters between them (a title naming
    several tables at once: “三公”经费、会议费、培训费支出预算表)."""
    parts = [p for p in alias.split("…") if p]
    if len(parts) == 1:
        return (lambda t, a=alias: a in t), len(alias)
    pat = regex.compile(".{0,20}?".join(regex.escape(p) for p in parts))
    return (lambda t, p=pat: p.search(t) is not None), sum(len(p) for p in parts)


@lru_cache(maxsize=None)
def _serial_label():
    return regex.compile(load_json("table_kinds.json")["serial_label"])


def is_serial_label(text: str) -> bool:
    """A line that only numbers a table (公开表五, 公开01表, 附表3), printed above or below
    its title."""
    return bool(_serial_label().match(_SPACES.sub("", text)))


def table_kind_of(text: str) -> str | None:
    """The table kind (data/table_kinds.json) a title names, or None."""
    return _kind_of(text)


def _kind_of(text: str) -> str | None:
    t = normalise_title(text)
    if not t or len(t) > 70:
        return None
    _, aliases = _aliases()
    for match, key in aliases:
        if match(t):
            return key
    return None


def _kind(table: Table) -> None:
    kinds, _ = _aliases()
    candidates = [table.title] + [c.text for row in table.rows[:2] for c in row if len(c.text) < 40]
    for text in candidates:
        key = _kind_of(text)
        if key:
            table.kind, table.kind_name = key, kinds[key]["name"]
            return


def _norm(text: str) -> str:
    return _SPACES.sub("", text)


def _is_serial_row(row: list[Cell]) -> bool:
    """A 栏次 row: '栏次' or 1 2 3 4 … in sequence."""
    texts = [_norm(c.text) for c in row if _norm(c.text)]
    if not texts:
        return False
    if texts[0] in ("栏次", "行次"):
        return True
    ints = [parse_number(t) for t in texts]
    if len(texts) >= 3 and all(n is not None and n.decimals == 0 for n in ints):
        vals = [n.value for n in ints]
        return all(b - a == 1 for a, b in zip(vals, vals[1:]))
    if len(texts) >= 3 and texts[0] in ("序号", "项目", "栏次") and all(
            _SERIAL_TOKEN.fullmatch(t) for t in texts[1:]):
        return True
    return False


def _is_data_row(row: list[Cell]) -> bool:
    if _is_serial_row(row):
        return False
    texts = [_norm(c.text) for c in row]
    first = next((t for t in texts if t and not _SMALL_INT.fullmatch(t)), "")
    rest = [c for c in row if _norm(c.text) and _norm(c.text) != first]
    if first in TOTAL_NAMES and all(c.number is not None or c.dash or _SMALL_INT.fullmatch(_norm(c.text))
                                    for c in rest):
        return True  # a 合计 row of an empty table
    nums = [c for c in row[1:] if c.number is not None]
    if not nums:
        return False
    return True


def _headers(table: Table) -> None:
    rows = table.rows
    header = None
    family = _aliases()[0].get(table.kind, {}).get("family")
    money = family in ("预算", "决算")
    for r, row in enumerate(rows):
        if _is_serial_row(row):
            header = r + 1
            break
        # an item row (一、… or coded) of a money table is data even when left blank (a template)
        if _is_data_row(row) or (money and r > 0 and _item_label(row)):
            header = r
            break
    if header is None:
        # no data row (空表列示): every row holding a label is a header row
        # of a money table (the form tables of 绩效 keep their first row as the header)
        labelled = [r for r, row in enumerate(rows) if any(_norm(c.text) for c in row)]
        header = labelled[-1] + 1 if labelled and money else min(len(rows), 1)
        if not money and table.unit:
            # a blank 采购/资产 form: rows of several labels right under the first are its
            # sub-headers; a row with one label (资产总额, 1、房屋) is an item
            while header < len(rows) and sum(1 for c in rows[header] if _norm(c.text)) >= 2:
                header += 1
    table.header_rows = header
    width = table.width
    labels: list[list[str]] = [[] for _ in range(width)]
    for r in range(header):
        row = rows[r]
        if _is_serial_row(row):
            continue
        if all(c.colspan == 1 for c in row) and all(c.col == i for i, c in enumerate(row)):
            # no span information (plain text, or a grid padded with empty cells at the end)
            short = _unpadded(row)
            if len(short) < width and all(_norm(c.text) for c in short):
                row = short  # labels packed to the left: spread them over the row below
                spans = _align(row, rows[r + 1] if r + 1 < header else None, width)
            else:
                spans = _positional_spans(row, rows[r + 1:header])
        else:
            spans = [(c.col, c.colspan) for c in row]
        for c, (col, span) in zip(row, spans):
            t = _norm(c.text)
            if not t or _INT.fullmatch(t) or t in ("栏次",):
                continue
            for k in range(col, min(col + span, width)):
                if not labels[k] or labels[k][-1] != t:
                    labels[k].append(t)
    for ls in labels:
        # a 合计 printed in the label columns of the last header row (the 决算 基金 table puts
        # its 合计 data row beside the 本年支出 sub-labels) is not a column label
        if len(ls) >= 2 and ls[-1] in TOTAL_NAMES and _column_key(ls[:-1]) in ("科目编码", "科目名称", "项目"):
            ls.pop()
    table.column_labels = ["/".join(ls) for ls in labels]
    table.measures = _measures(labels)
    table.columns = [_column_key(ls[:-1] if m else ls) for ls, m in zip(labels, table.measures)]


def _measures(labels: list[list[str]]) -> list[str]:
    """The measure of each column printed under a shared item: 预算数 | 决算数 under 合计,
    under 因公出国（境）费 … (a 决算 “三公” table). Only where one parent holds columns of
    different measures; a lone 决算数 under 收入 is the column's own name."""
    words = set(load_json("column_keys.json").get("measures", []))
    out = [""] * len(labels)
    groups: dict[tuple[str, ...], set[str]] = {}
    for ls in labels:
        if len(ls) >= 2 and ls[-1] in words:
            groups.setdefault(tuple(ls[:-1]), set()).add(ls[-1])
    for i, ls in enumerate(labels):
        if len(ls) >= 2 and ls[-1] in words and len(groups[tuple(ls[:-1])]) >= 2:
            out[i] = ls[-1]
    return out


ITEM_LABEL = regex.compile(rf"^(?:[{CN_NUM}]+、|\d{{3}}(?:\d{{2}}){{0,2}}(?!\d))")


def _item_label(row: list[Cell]) -> bool:
    """A row labelled like an item of a blank money table: 一、… or a classification code."""
    first = next((_norm(c.text) for c in row if _norm(c.text)), "")
    return bool(ITEM_LABEL.match(first))


def _positional_spans(row: list[Cell], deeper: list[list[Cell]]) -> list[tuple[int, int]]:
    """Spans of a header row whose cells keep their grid places (a merged cell printed once,
    its other places empty): a label covers the empty places to its right while the rows below
    label them, when the rows below also label its own place (it is a group over them). A
    label with nothing below it is a column of its own, however many empty places follow."""
    deeper = [d for d in deeper if not _is_serial_row(d)]
    labelled_below = [any(i < len(d) and _norm(d[i].text) for d in deeper) for i in range(len(row))]
    spans = []
    for i, c in enumerate(row):
        span = 1
        if _norm(c.text) and labelled_below[i]:
            while i + span < len(row) and not _norm(row[i + span].text) and labelled_below[i + span]:
                span += 1
        spans.append((i, span))
    return spans


def _unpadded(row: list[Cell]) -> list[Cell]:
    """The row without its trailing empty cells."""
    end = len(row)
    while end > 1 and not row[end - 1].text.strip():
        end -= 1
    return row[:end]


def _align(row: list[Cell], deeper: list[Cell] | None, width: int) -> list[tuple[int, int]]:
    """Spread a short header row (no span information, as in plain text) over the grid,
    using the row below: an empty cell below is covered by one label above; a run of
    labelled cells below is a group under one label, split where a label repeats."""
    if deeper is None or len(deeper) != width:
        return [(i, 1) for i in range(len(row))]
    segs: list[list[int]] = []
    run: list[int] = []
    for i, c in enumerate(deeper):
        t = _norm(c.text)
        if not t:
            if run:
                segs.append(run)
                run = []
            segs.append([i])
        else:
            if run and (t in {_norm(deeper[j].text) for j in run}
                        or (_is_code_name(deeper[run[-1]].text) and not _is_code_name(t))):
                segs.append(run)
                run = []
            run.append(i)
    if run:
        segs.append(run)
    if len(segs) != len(row):
        return [(i, 1) for i in range(len(row))]
    return [(s[0], len(s)) for s in segs]


def _is_code_name(text: str) -> bool:
    return bool(_CODE_NAME.search(text))


def column_key(labels: list[str]) -> str:
    """The canonical key (data/column_keys.json) of a column with these header labels,
    outermost first."""
    return _column_key(labels)


def _column_key(labels: list[str]) -> str:
    data = load_json("column_keys.json")
    if len(labels) >= 2 and labels[-1] == "小计":
        parent = _column_key(labels[:-1])
        if parent in data.get("subtotal_of", []):
            return parent
    keys = data["keys"]
    for label in reversed(labels):
        for key, aliases in keys.items():
            if label in aliases:
                return key
        best = None
        for key, aliases in keys.items():
            for a in aliases:
                if len(a) > 1 and a in label and (best is None or len(a) > best[1]):
                    best = (key, len(a))
        if best:
            return best[0]
    return labels[-1] if labels else ""


LABEL_KEYS = {"序号", "科目编码", "科目名称", "类", "款", "项", "项目", ""}


def split_code(parts: list[str]) -> str:
    """The classification code printed over 类 | 款 | 项 cells ('201', '37', '01' ->
    2013701), as far as the parts are codes; '' when the first is not a 类 code."""
    if not parts or not _CLASS.fullmatch(parts[0]):
        return ""
    code = parts[0]
    for p in parts[1:]:
        if not _SUB_CODE.fullmatch(p):
            break
        code += p.zfill(2)  # some templates print 款 02 as 2
    return code


def _inherit_parts(parts: list[str], parent: list[str]) -> list[str]:
    """Templates that print only a row's own part (a 款 row shows 05 under 款 and leaves 类
    blank) inherit the leading parts from the coded row above: ['', '05', ''] under
    ['208', '', ''] is 208 | 05."""
    first = next((i for i, p in enumerate(parts) if p), None)
    if not first or not all(parent[:first]):
        return parts
    return parent[:first] + parts[first:]


def _row_keys(table: Table) -> None:
    infos = []
    code_cols = table.column_index("科目编码")
    name_cols = table.column_index("科目名称") or table.column_index("项目")
    split = [table.column_index(k) for k in ("类", "款", "项")]
    if not split[0] and 2 <= len(code_cols) <= 3 and code_cols == list(range(code_cols[0], code_cols[0] + len(code_cols))):
        # 科目编码 spanning 类 | 款 | 项 columns whose labels sit in the 合计 row
        split = [[c] for c in code_cols] + [[] for _ in range(3 - len(code_cols))]
        code_cols = []
    if len(code_cols) > 1 and code_cols[-1] - code_cols[0] >= len(code_cols):
        # two side-by-side blocks (经济分类 | 名称 | 金额 | 经济分类 | 名称 | 金额): rows are keyed
        # by the left block; rules read both blocks through their own columns
        code_cols = code_cols[:1]
        name_cols = [c for c in name_cols if c < (table.column_index("科目编码")[1])][:1]
    label_limit = next((i for i, k in enumerate(table.columns) if k not in LABEL_KEYS), table.width)
    parent_parts = ["", "", ""]  # the 类 | 款 | 项 parts of the last coded row
    for row in table.data_rows():
        code, name = "", ""
        by_col = {c.col: c for c in row}
        if split[0]:
            parts = [_norm(by_col[s[0]].text) if s and s[0] in by_col else "" for s in split]
            code = split_code(_inherit_parts(parts, parent_parts))
            if code:
                parent_parts = _inherit_parts(parts, parent_parts)
        for col in code_cols:
            t = _norm(by_col[col].text) if col in by_col else ""
            if CODE.match(t):
                code = t
        if not code:
            for c in row:
                if c.col >= max(label_limit, 1) and c.col > 2:
                    break
                raw = c.text.strip()
                t = _norm(raw)
                m = _LEADING_CODE.match(raw)
                if not m or c.number is not None and c.col == 0:
                    continue
                if c.number is not None and c.col >= label_limit:
                    continue
                digits = "".join(g for g in m.groups() if g)
                if len(t) > len(digits) or c.col > 0:
                    code = digits
                    break
        for col in name_cols:
            if col in by_col and by_col[col].text.strip():
                name = by_col[col].text.strip()
                break
        if not name:
            name = next((c.text.strip() for c in row if c.text.strip() and c.number is None
                         and not CODE.match(_norm(c.text))), "")
        if code and name.startswith(code):
            name = name[len(code):].strip()
        name = _NAME_CODE.sub("", name)
        level = {3: 1, 5: 2, 7: 3}.get(len(code), 0)
        infos.append(RowInfo(code, name, level))
    table.row_info = infos


# --- metadata -------------------------------------------------------------------------

DEPT = regex.compile(r"((?:中共)?[\p{Han}]{2,30}?(?:办公室|委员会|局|部|院|所|中心|街道办事处|街道|镇|乡|政府|委|厅|会|队|站|馆|社))"
                     r"(?=\s*(?:本级|\d{4}|（|\(|$|部门|单位))")
REGION = regex.compile(r"([\p{Han}]{1,6}?(?:省|自治区|市|自治州|州|盟|区|县|旗))")
TITLE_TYPE = [("绩效自评", "绩效自评"), ("自评", "绩效自评"), ("绩效目标", "绩效目标"), ("决算", "决算"), ("预算", "预算")]


def _metadata(doc: Document) -> None:
    meta = doc.meta
    head = [ln.text.strip() for ln in doc.lines[:80] if ln.kind in ("text", "heading") and ln.text.strip()]
    titles = [t for t in head if regex.search(r"(预算|决算|绩效|自评)", t) and len(t) <= 80]
    # year: an explicit 预算年度 in a table header first, then the titles
    for table in doc.tables:
        y = table.meta.get("预算年度")
        if y and YEAR.search(y):
            meta.year, meta.year_evidence = int(YEAR.search(y).group()), f"表{table.index}预算年度"
            break
    if meta.year is None:
        for ln in doc.lines[:200]:
            t = with_arabic_years(ln.text.replace(" ", ""))  # 二〇二〇年 is 2020年
            m = regex.search(r"((?:19|20)\d{2})年度?(?:[\p{Han}]{0,30})(?:部门|单位)?(?:预算|决算|绩效|整体支出)", t)
            if m and len(t) <= 90:
                meta.year, meta.year_evidence = int(m.group(1)), f"第{ln.number}行"
                break
    if meta.year is None:
        m = regex.search(r"(?<!\d)(20\d{2})(?!\d)", doc.path.rsplit("/", 1)[-1])
        if m:
            meta.year, meta.year_evidence = int(m.group(1)), "文件名"
    joined = " ".join(titles[:6]) + " " + doc.path.rsplit("/", 1)[-1]
    # the first title that names a document type decides (a 预算 说明 may carry 绩效目标表)
    for text in titles[:6] + [doc.path.rsplit("/", 1)[-1]]:
        kind = next((k for word, k in TITLE_TYPE if word in text), None)
        if kind:
            meta.doc_type = kind
            break
    if meta.doc_type is None and doc.tables:
        fams = [load_json("table_kinds.json")["kinds"][t.kind]["family"] for t in doc.tables if t.kind != "generic"]
        meta.doc_type = "决算" if "决算" in fams else ("预算" if "预算" in fams else None)
    # scope: from title-like lines first; a body sentence among the first lines (现将…部门预算公开如下，…)
    # may be the very slip BL311 reports
    title_like = [t for t in titles if not regex.search(r"[，。；,;]", t)] or titles
    scoped = " ".join(title_like[:6]) + " " + doc.path.rsplit("/", 1)[-1]
    m = regex.search(r"(部门|单位)(?:\d{4}年度?)?(?:预算|决算)", scoped.replace(" ", ""))
    if m:
        meta.scope = m.group(1)
    elif regex.search(r"部门整体|整体支出", joined):
        meta.scope = "部门"
    # department: 编制单位 cell, else a title line; never a body sentence (…即XX局本级…): a
    # title holds no clause punctuation, and a year before the name (2024年度XX局…) is no part of it
    heads = [t for t in titles + head[:5] if not regex.search(r"[，。；,;：:]", t)]
    candidates = heads[:6] + [t.meta.get("编制单位") or t.meta.get("部门", "") for t in doc.tables] + heads[6:]
    for cand in candidates:
        cand = regex.sub(r"^\d+", "", cand.replace(" ", ""))
        cand = regex.sub(rf"^第[{CN_NUM}\d]+部分", "", cand)
        cand = regex.sub(r"^(编制部门|编制单位|预算主管部门|填报单位)[:：]", "", cand)
        cand = regex.sub(r"^(?:(?:19|20)\d{2})?年度?", "", cand)
        m = DEPT.search(cand)
        if m:
            if meta.department is None:
                meta.department = m.group(1)
            elif m.group(1).startswith(meta.department) and len(m.group(1)) > len(meta.department):
                meta.department = m.group(1)  # a cell cut short elsewhere: keep the full name
    if meta.department:
        region, level = region_of(meta.department)
        meta.region, meta.level = region, level
    else:
        # no department name (a template's 上海市XX局): the region a title line starts with
        for cand in head[:5]:
            region, level = region_of(cand)
            if region and len(cand) <= 30:
                meta.region, meta.level = region, level
                break
    # an explicit 区级/县级 … 部门预算 in a title is the budget's own level
    m = regex.search(r"(省|市|区|县)级(?:部门|单位)", joined.replace(" ", ""))
    if m:
        meta.level = m.group(1)
        if meta.region is None:
            meta.region = region_of(joined)[0]


ADMIN = regex.compile(r"\p{Han}{1,7}?(?:自治区|自治州|自治县|省|市|州|盟|区|县|旗)")
# a place ending in 区 that is no administrative district: 社区, 小区, 景区, 校区, 厂区, 辖区, 片区
# (栾城区, 矿区, 林区 can be districts)
NOT_ADMIN = regex.compile(r"(?:社|小|景|校|厂|辖|片)区$")
ADMIN_LEVEL = {"省": "省", "自治区": "省", "市": "市", "州": "市", "自治州": "市", "盟": "市", "区": "区", "县": "县",
               "自治县": "县", "旗": "县"}


def region_of(name: str) -> tuple[str | None, str | None]:
    """The innermost administrative region a department name starts with, and its level:
    中共唐山市开平区委网信办 -> (开平区, 区); 上海市普陀区人民政府办公室 -> (普陀区, 区)."""
    text = regex.sub(r"^(?:中共|中国共产党)", "", regex.sub(r"\s+", "", name))
    regions, pos = [], 0
    while True:
        m = ADMIN.match(text, pos)
        if not m or len(m.group()) < (3 if regions else 2) or (regions and NOT_ADMIN.search(m.group())):
            break  # inside a name, a two-character 城市 / 城区 / 社区 is a word, not a region; nor
            # is 东王乡社区 (a 社区 of a 乡)
        regions.append(m.group())
        pos = m.end()
        if len(regions) >= 4:
            break
    if not regions:
        return None, None
    region = regions[-1]
    suffix = regex.search(r"(自治区|自治州|自治县|省|市|州|盟|区|县|旗)$", region).group(1)
    return region, ADMIN_LEVEL.get(suffix)

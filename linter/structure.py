"""The structure pass, run once per document after its reader: sections from headings and
numbered lines, table titles / kinds / units / header rows / column keys / row keys, and the
document's metadata. Readers give raw lines and grids; everything semantic happens here, so
all formats are understood the same way."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .model import Cell, Document, Line, Section, Table
from .numbers import parse_number
from .vocab import load_json

MARKUP = regex.compile(r"\[bookmark:[^\]]*\]")
CN_NUM = "一二三四五六七八九十百零〇两"

# number token patterns, most specific first; level is the depth in the usual hierarchy
NUMBERING = [
    ("part", 1, regex.compile(rf"^\s*(第[{CN_NUM}\d]+部分)\s*")),
    ("cn", 2, regex.compile(rf"^\s*([{CN_NUM}]+、)\s*")),
    ("paren_cn", 3, regex.compile(rf"^\s*([（(][{CN_NUM}]+[）)])\s*")),
    ("arabic", 4, regex.compile(r"^\s*(\d{1,2}(?:、|[.．](?!\d)))\s*")),
    ("paren_arabic", 5, regex.compile(r"^\s*([（(]\d{1,2}[）)])\s*")),
]


def content(line: Line) -> str:
    """The line's text with markup such as [bookmark: …] blanked out (same length, so
    offsets into it are offsets into the text view)."""
    return MARKUP.sub(lambda m: " " * len(m.group()), line.text)


def numbering_of(text: str) -> tuple[str, int, str, str] | None:
    """(style, level, token, rest) for a numbered line, or None."""
    for style, level, pat in NUMBERING:
        m = pat.match(text)
        if m:
            return style, level, m.group(1), text[m.end():]
    return None


def analyse(doc: Document) -> None:
    _sections(doc)
    for table in doc.tables:
        _table(doc, table)
    _metadata(doc)


# --- sections -------------------------------------------------------------------------

def _sections(doc: Document) -> None:
    root = Section(number="", level=0, title="", line=1, end_line=len(doc.lines))
    stack = [root]
    for ln in doc.lines:
        if ln.kind not in ("text", "heading"):
            continue
        text = content(ln).strip()
        if not text:
            continue
        bookmarked = "[bookmark: _Toc" in ln.text
        styled = bool(ln.style and regex.match(r"(?i)heading|标题", ln.style))
        num = numbering_of(text)
        if num is None and not (bookmarked or styled):
            continue
        if num is not None:
            style, level, token, rest = num
            auto = ln.auto_number
        else:
            style, level, token, rest = "", _style_level(ln.style), "", text
            auto = False
        ln.kind = "heading" if (bookmarked or styled or len(rest) <= 40) else ln.kind
        title = rest.strip()
        sec = Section(number=token, level=level, title=title[:80], line=ln.number, auto=auto)
        sec.style = style  # type: ignore[attr-defined]
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
    m = regex.search(r"(\d)", style or "")
    return int(m.group(1)) + 1 if m else 2


# --- tables ---------------------------------------------------------------------------

META_CELL = regex.compile(r"(单位[:：]|预算年度|编制单位|编制部门|截止时间|填报单位|金额单位)")
UNIT = regex.compile(r"(?:金额)?单位[:：]\s*(亿元|万元|千元|元)")
YEAR = regex.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


@dataclass
class RowInfo:
    code: str  # 2013701, or '' when the row has no classification code
    name: str
    level: int  # 1 类 (3 digits), 2 款 (5), 3 项 (7); 0 without code


def _table(doc: Document, table: Table) -> None:
    _title(doc, table)
    _meta_rows(doc, table)
    _kind(table)
    _headers(table)
    _row_keys(table)


def _title(doc: Document, table: Table) -> None:
    if table.title:
        return
    first = table.first_line
    seen = 0
    for n in range(first - 1, max(first - 12, 0), -1):
        ln = doc.line(n)
        if ln.kind in ("blank", "furniture") or not ln.text.strip():
            continue
        if ln.kind == "table":
            break
        text = content(ln).strip()
        seen += 1
        if UNIT.search(text) and len(text) < 30 or regex.match(r"^[(（]\s*\d{4}\s*年度?\s*[)）]$", text) \
                or regex.match(r"^(填报单位|编制单位|编制部门)", text) or len(text) < 2:
            # 单位/年度/填报单位 lines between a title and its table
            if UNIT.search(text) and not table.unit:
                table.unit = UNIT.search(text).group(1)
            if seen < 6:
                continue
            break
        if len(text) <= 60:
            num = numbering_of(text)
            table.title = (num[3] if num else text).strip()
            table.title_line = n
        break


def _meta_rows(doc: Document, table: Table) -> None:
    """Move leading 编制单位 / 预算年度 / 单位 rows out of the grid into table.meta."""
    while table.rows:
        row = table.rows[0]
        texts = [c.text for c in row if c.text.strip()]
        if not texts or len(texts) > 4 or not any(META_CELL.search(t) for t in texts):
            break
        for c in row:
            t = c.text.strip()
            m = UNIT.search(t)
            if m:
                table.unit = m.group(1)
            elif t and not META_CELL.search(t):
                table.meta.setdefault("编制单位", t)
            elif t:
                parts = regex.split(r"[:：]", t, maxsplit=1)
                if len(parts) == 2:
                    table.meta[parts[0].strip()] = parts[1].strip()
        table.meta_cells = getattr(table, "meta_cells", []) + row  # type: ignore[attr-defined]
        table.rows = table.rows[1:]
        for r, cells in enumerate(table.rows):
            for c in cells:
                c.row = r
    if not table.unit:
        for row in table.rows[:3]:
            for c in row:
                m = UNIT.search(c.text) or regex.search(r"[(（](亿元|万元|千元|元)[)）]", c.text)
                if m:
                    table.unit = m.group(1)


def normalise_title(title: str) -> str:
    t = regex.sub(r"\s+", "", title)
    t = regex.sub(r"(19|20)\d{2}年度?|XX|××", "", t)
    t = t.replace('"', "“").replace("”", "”")
    return t


def _kind(table: Table) -> None:
    kinds = load_json("table_kinds.json")["kinds"]
    candidates = [table.title] + [c.text for row in table.rows[:2] for c in row if len(c.text) < 40]
    aliases = sorted(((a, k) for k, v in kinds.items() for a in v["aliases"]), key=lambda x: -len(x[0]))
    for text in candidates:
        t = normalise_title(text)
        if not t:
            continue
        for alias, key in aliases:
            if alias in t:
                table.kind, table.kind_name = key, kinds[key]["name"]
                return


def _is_data_row(row: list[Cell]) -> bool:
    nums = [c for c in row[1:] if c.number is not None]
    if not nums:
        return False
    texts = [c.text.strip() for c in row]
    if texts and texts[0] in ("栏次", "行次"):
        return False
    # a 栏次 row: 1 2 3 4 … in sequence
    ints = [c.number.value for c in row if c.number is not None and c.number.decimals == 0]
    if len(ints) >= 3 and len(ints) == len([t for t in texts if t]) and \
            all(b - a == 1 for a, b in zip(ints, ints[1:])):
        return False
    return True


def _headers(table: Table) -> None:
    rows = table.rows
    header = 0
    for r, row in enumerate(rows):
        if _is_data_row(row):
            header = r
            break
    else:
        header = min(len(rows), 1)
    table.header_rows = header
    width = table.width
    labels = [[] for _ in range(width)]
    for r in range(header):
        row = rows[r]
        if all(c.colspan == 1 for c in row) and len(row) < width and r + 1 <= header:
            spans = _align(row, rows[r + 1] if r + 1 < len(rows) else None, width)
        else:
            spans = [(c.col, c.colspan) for c in row]
        for c, (col, span) in zip(row, spans):
            t = regex.sub(r"\s+", "", c.text)
            if not t or regex.fullmatch(r"\d+", t) or t in ("栏次",):
                continue
            for k in range(col, min(col + span, width)):
                if not labels[k] or labels[k][-1] != t:
                    labels[k].append(t)
    table.column_labels = ["/".join(ls) for ls in labels]
    table.columns = [_column_key(ls) for ls in labels]


def _align(row: list[Cell], deeper: list[Cell] | None, width: int) -> list[tuple[int, int]]:
    """Spread a short header row (no span information, as in plain text) over the grid,
    using the row below: an empty cell below is covered by one label above; a run of
    labelled cells below is a group under one label, split where a label repeats."""
    if deeper is None or len(deeper) != width:
        return [(i, 1) for i in range(len(row))]
    segs: list[list[int]] = []
    run: list[int] = []
    for i, c in enumerate(deeper):
        t = regex.sub(r"\s+", "", c.text)
        if not t:
            if run:
                segs.append(run)
                run = []
            segs.append([i])
        else:
            if run and (t in {regex.sub(r"\s+", "", deeper[j].text) for j in run}
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
    return bool(regex.search(r"科目|编码|名称", text))


def _column_key(labels: list[str]) -> str:
    keys = load_json("column_keys.json")["keys"]
    for label in reversed(labels):
        for key, aliases in keys.items():
            if label in aliases:
                return key
        best = None
        for key, aliases in keys.items():
            for a in aliases:
                if a in label and (best is None or len(a) > best[1]):
                    best = (key, len(a))
        if best:
            return best[0]
    return labels[-1] if labels else ""


CODE = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")


def _row_keys(table: Table) -> None:
    infos = []
    code_cols = table.column_index("科目编码")
    name_cols = table.column_index("科目名称") or table.column_index("项目")
    split = [table.column_index(k) for k in ("类", "款", "项")]
    for row in table.data_rows():
        code, name = "", ""
        by_col = {c.col: c for c in row}
        if all(split):
            parts = [regex.sub(r"\s+", "", by_col[s[0]].text) if s[0] in by_col else "" for s in split]
            code = "".join(p for p in parts if p.isdigit())
        for col in code_cols:
            t = regex.sub(r"\s+", "", by_col[col].text) if col in by_col else ""
            if CODE.match(t):
                code = t
        if not code:
            for c in row[:3]:
                t = regex.sub(r"\s+", "", c.text)
                m = regex.match(r"^(\d{3}(?:\d{2}){0,2})(?=\D|$)", t)
                if m and len(t) > len(m.group(1)) or (m and c.col > 0):
                    code = m.group(1)
                    break
        for col in name_cols:
            if col in by_col and by_col[col].text.strip():
                name = by_col[col].text.strip()
                break
        if not name:
            name = next((c.text.strip() for c in row if c.text.strip() and c.number is None
                         and not CODE.match(regex.sub(r"\s+", "", c.text))), "")
        level = {3: 1, 5: 2, 7: 3}.get(len(code), 0)
        infos.append(RowInfo(code, name, level))
    table.row_info = infos  # type: ignore[attr-defined]


# --- metadata -------------------------------------------------------------------------

DEPT = regex.compile(r"((?:中共)?[\p{Han}]{2,30}?(?:办公室|委员会|局|部|院|所|中心|街道办事处|街道|镇|乡|政府|委|厅|会|队|站|馆|社))"
                     r"(?=\s*(?:本级|\d{4}|（|\(|$|部门|单位))")
REGION = regex.compile(r"([\p{Han}]{1,6}?(?:省|自治区|市|自治州|州|盟|区|县|旗))")
TITLE_TYPE = [("绩效自评", "绩效自评"), ("自评", "绩效自评"), ("绩效目标", "绩效目标"), ("决算", "决算"), ("预算", "预算")]


def _metadata(doc: Document) -> None:
    meta = doc.meta
    head = [content(ln).strip() for ln in doc.lines[:80] if ln.kind in ("text", "heading") and ln.text.strip()]
    titles = [t for t in head if regex.search(r"(预算|决算|绩效|自评)", t) and len(t) <= 80]
    # year: an explicit 预算年度 in a table header first, then the titles
    for table in doc.tables:
        y = table.meta.get("预算年度")
        if y and YEAR.search(y):
            meta.year, meta.year_evidence = int(YEAR.search(y).group()), f"表{table.index}预算年度"
            break
    if meta.year is None:
        for ln in doc.lines[:200]:
            t = content(ln).replace(" ", "")
            m = regex.search(r"((?:19|20)\d{2})年度?(?:[\p{Han}]{0,30})(?:部门|单位)?(?:预算|决算|绩效|整体支出)", t)
            if m and len(t) <= 90:
                meta.year, meta.year_evidence = int(m.group(1)), f"第{ln.number}行"
                break
    if meta.year is None:
        m = regex.search(r"(?<!\d)(20\d{2})(?!\d)", doc.path.rsplit("/", 1)[-1])
        if m:
            meta.year, meta.year_evidence = int(m.group(1)), "文件名"
    joined = " ".join(titles[:6]) + " " + doc.path.rsplit("/", 1)[-1]
    for word, kind in TITLE_TYPE:
        if word in joined:
            meta.doc_type = kind
            break
    if meta.doc_type is None and doc.tables:
        fams = [load_json("table_kinds.json")["kinds"][t.kind]["family"] for t in doc.tables if t.kind != "generic"]
        meta.doc_type = "决算" if "决算" in fams else ("预算" if "预算" in fams else None)
    m = regex.search(r"(部门|单位)(?:\d{4}年度?)?(?:预算|决算)", joined.replace(" ", ""))
    if m:
        meta.scope = m.group(1)
    # department: 编制单位 cell, else a title line
    candidates = [t.meta.get("编制单位", "") for t in doc.tables] + titles + head[:5]
    for cand in candidates:
        cand = regex.sub(r"^\d+", "", cand.replace(" ", ""))
        cand = regex.sub(r"^(编制部门|编制单位|预算主管部门|填报单位)[:：]", "", cand)
        m = DEPT.search(cand)
        if m:
            meta.department = m.group(1)
            break
    if meta.department:
        dept = regex.sub(r"^中共", "", meta.department)
        m = REGION.search(dept)
        if m:
            meta.region = m.group(1)
            regions = regex.findall(r"[\p{Han}]+?(?:省|自治区|市|州|盟|区|县|旗)", dept[: m.end() + 8])
            last = regions[-1] if regions else m.group(1)
            # the last administrative word before the department's own name sets its level
            tail = regex.match(r"([\p{Han}]*?(?:省|自治区|市|自治州|州|盟|区|县|旗))(?=[\p{Han}]*?(?:委|政府|局|办|部|院|街道|镇|乡))", dept)
            region = tail.group(1) if tail else last
            meta.region = region
            meta.level = {"省": "省", "自治区": "省", "市": "市", "州": "市", "盟": "市", "区": "区", "县": "县", "旗": "县"}.get(
                regex.search(r"(省|自治区|市|州|盟|区|县|旗)$", region).group(1), None)
            # 区委/县委 … inside the name tells the level when the region word is ambiguous
            m2 = regex.search(r"(县|区|市|省)委", dept)
            if m2 and meta.level != m2.group(1):
                meta.level = m2.group(1)

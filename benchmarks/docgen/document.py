"""A whole generated document: the family's outline of titles, statements and tables, written as
the txt dump the txt reader reads (and as .docx), with the planted spans located exactly."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from .fmt import Style, Writer
from .model import Budget, make_budget
from .narrative import Narrator, Statement
from .tables import TableSpec, table_set

MARK_START, MARK_END = "\x01", "\x02"


def mark(text: str) -> str:
    return MARK_START + text + MARK_END


@dataclass
class Block:
    role: str                          # title | heading | para | table
    st: Statement | None = None
    table: TableSpec | None = None
    level: int = 1
    prefix: str = ""                   # a sub-item number written before the statement (（2）, ②, 2.)


def raw(text: str, kind: str = "raw") -> Statement:
    return Statement(kind, text.replace("{", "{{").replace("}", "}}"), {})


@dataclass
class Span:
    line: int          # 1-based line in the .txt
    start: int         # 1-based column of the first character
    end: int           # 1-based column after the last character
    text: str

    def to_json(self) -> dict:
        return {"line": self.line, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Plant:
    kind: str
    codes: tuple[str, ...]     # rule codes that find it ((): any code of the family)
    family: str                # BL1 BL2 BL3 BL4
    span: Span | None = None   # the planted text
    zone: tuple[int, int] = (0, 0)   # lines of the statement or table it sits in (inclusive)
    zone_text: str = ""        # the statement's text (for readers with another line numbering)
    note: str = ""
    also: list[Span] = field(default_factory=list)   # further places the same planted slot is written
    wording: str = ""          # the statement's template (slots as ·) or the table's key: one wording

    def to_json(self) -> dict:
        return {"kind": self.kind, "codes": list(self.codes), "family": self.family,
                "span": self.span.to_json() if self.span else None, "zone": list(self.zone),
                "zone_text": self.zone_text, "note": self.note}


@dataclass
class GeneratedDoc:
    name: str
    budget: Budget
    blocks: list[Block]
    text: str = ""
    plants: list[Plant] = field(default_factory=list)
    # lines (first, last, inclusive) of each standard table (not the 绩效 forms): what a
    # publication split into a 说明 file and a tables file puts in the tables file
    table_lines: list[tuple[int, int]] = field(default_factory=list)

    def split(self) -> tuple[str, str]:
        """The document as two files of one publication: the 说明 (everything but the standard
        tables) and the tables file, under a title naming the body, the year and the kind."""
        lines = self.text.split("\n")
        inside = {i for a, b in self.table_lines for i in range(a, b + 1)}
        b = self.budget
        title = f"{b.name}{b.year}年{'度' if b.doc_type == '决算' else ''}{b.scope}{b.doc_type}公开表"
        narrative = [ln for i, ln in enumerate(lines, 1) if i not in inside]
        tables = [title, ""] + [ln for i, ln in enumerate(lines, 1) if i in inside]
        return "\n".join(narrative), "\n".join(tables)

    @property
    def clean(self) -> bool:
        return not self.plants


class Builder:
    """Holds what a document is made of while plants are applied, then writes it."""

    def __init__(self, seed: int, family: str, doc_type: str, scope: str, level: str | None = None):
        self.b = make_budget(seed, family, doc_type, scope, level)
        self.rng = random.Random(f"text/{family}/{doc_type}/{scope}/{seed}")
        self.w = Writer(Style.pick(self.rng, family, doc_type, yuan_tables=self.b.quantum < 1), self.rng)
        self.n = Narrator(self.b, self.w, self.rng)
        self.tables = table_set(self.b, self.w)
        self.blocks = outline(self.b, self.n, self.tables, self.rng)
        if family in ("jiangsu", "mof") and self.n.fresh():
            self.blocks = with_contents(self.blocks, self.rng)
        self.tables = [bl.table for bl in self.blocks if bl.table is not None]
        self.plants: list[Plant] = []
        self.pending: list[tuple[Plant, object]] = []   # plant and the block (or table) it sits in

    def statements(self, *kinds: str) -> list[Statement]:
        return [bl.st for bl in self.blocks if bl.st is not None and (not kinds or bl.st.kind in kinds)]

    def block_of(self, st: Statement) -> Block:
        return next(bl for bl in self.blocks if bl.st is st)

    def table(self, key: str) -> TableSpec | None:
        return next((t for t in self.tables if t.key == key), None)

    def add_plant(self, plant: Plant, where) -> None:
        self.pending.append((plant, where))

    def write(self, name: str) -> GeneratedDoc:
        lines: list[str] = []
        where_lines: dict[int, tuple[int, int, str]] = {}
        table_lines: list[tuple[int, int]] = []
        for bl in self.blocks:
            first = len(lines) + 1
            if bl.table is not None:
                lines.extend(write_table(self.b, bl.table, self.tables.index(bl.table) + 1))
                where_lines[id(bl.table)] = (first, len(lines), "")
                if bl.table.key != "performance":
                    table_lines.append((first, len(lines)))
            else:
                text = bl.prefix + bl.st.render()
                if bl.role == "heading" and self.b.family == "hebei" and bl.level == 1:
                    text = f"[bookmark: _Toc_3_3_{first:010d}]" + text
                lines.extend(text.split("\n"))   # numbered sub-items may each take a line
                where_lines[id(bl.st)] = (first, len(lines), text)
            if bl.role == "table" or (bl.role == "para" and self.b.family == "hebei" and self.rng.random() < 0.0):
                lines.append("")
        text, spans = locate(lines)
        doc = GeneratedDoc(name, self.b, self.blocks, text, table_lines=table_lines)
        if len(self.pending) > 1:
            raise NotImplementedError("one plant per document")
        if self.pending and not spans:
            raise AssertionError("a plant left no marked text")
        for plant, where in self.pending:
            plant.span, plant.also = spans[0], spans[1:]   # a slot written twice is marked twice
            plant.wording = wording_of(where)
            z = where_lines.get(id(where)) if where != "document" else (1, len(lines), "")
            if z:
                plant.zone = (z[0], z[1])
                plant.zone_text = clean_marks(z[2])
            doc.plants.append(plant)
        return doc


def wording_of(where) -> str:
    """The wording a plant sits in: its statement's template with the slots as ·, and the way its
    parts are laid out; a table's key; 'document' for what has no place."""
    if isinstance(where, Statement):
        if where.template == "{text}":   # a statement written whole (working measures, duties): its text
            return clean_marks(where.render())[:16]
        text = re.sub(r"\{[^{}]+\}", "·", clean_marks(where.template))
        return text + (f" [{where.layout}]" if where.parts and where.layout != "inline" else "")
    if isinstance(where, TableSpec):
        return "table:" + where.key
    return str(where)


def clean_marks(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


def locate(lines: list[str]) -> tuple[str, list[Span]]:
    """Strip the marks and say where each marked text landed (line, columns)."""
    spans: list[Span] = []
    out = []
    for i, line in enumerate(lines, 1):
        while MARK_START in line:
            a = line.index(MARK_START)
            b = line.index(MARK_END, a)
            inner = line[a + 1:b]
            line = line[:a] + inner + line[b + 1:]
            spans.append(Span(i, a + 1, a + 1 + len(inner), inner))
        out.append(line)
    return "\n".join(out) + "\n", spans


# --------------------------------------------------------------------------- tables in the dump layout

def write_table(b: Budget, t: TableSpec, number: int) -> list[str]:
    out: list[str] = []
    if t.key == "performance":   # the county layout: a numbered title, then the form's rows
        out.append(t.title)
        for row in t.rows:
            out.extend("\t" + cell if cell else "\t" for cell in row)
            out.append("")
        return out
    if b.family == "hebei":
        out.append(f"[bookmark: _Toc_2_2_{number:010d}]{t.title}")
        out.append(f"\t{b.name}")
        out.append(f"\t{'决算' if b.doc_type == '决算' else '预算'}年度：{b.year}")
        out.append(f"\t单位：{t.unit}")
        out.append("")
        for row in t.header + t.rows:
            for cell in row:
                out.append("\t" + cell if cell else "\t")
            out.append("")
    elif b.family == "mof":   # 附表N above the title; 部门名称 and 金额单位 on one line
        out.append(f"附表{number}")
        out.append(t.title)
        out.append(f"部门名称：{b.name}    金额单位：{t.unit}")
        for row in t.header + t.rows:
            out.append("\t".join(c if c else "" for c in row))
        out.append("")
    else:
        out.append(t.title)
        if b.family == "jiangsu" and b.doc_type == "预算":
            out.append(f"公开表{chinese_ordinal(number)}")
            out.append(f"{'部门' if b.scope == '部门' else '编制单位'}：{b.name}    单位：{t.unit}")
        else:
            out.append(f"编制单位：{b.name}    单位：{t.unit}")
        for row in t.header + t.rows:
            cells = [c if c else "" for c in row]
            out.append("\t".join(cells))
        out.append("")
    if t.note:
        out.append(t.note)
    return out


def chinese_ordinal(n: int) -> str:
    from .fmt import chinese_int
    return chinese_int(n)


# --------------------------------------------------------------------------- outlines

def outline(b: Budget, n: Narrator, tables: list[TableSpec], rng: random.Random) -> list[Block]:
    Y, s = b.year, b.scope
    fin = b.doc_type == "决算"
    H = lambda text, level=1: Block("heading", raw(text, "heading"), level=level)  # noqa: E731
    P = lambda st: Block("para", st)  # noqa: E731
    T = [Block("table", table=t) for t in tables]
    traps = [P(raw(t.replace("{body}", n.body()), "trap")) for t in n.traps()]
    subjects = [P(n.subject(r)) for r in _some(rng, b.gpb_rows(), 5)]
    if n.fresh():   # the 科目 statements as numbered sub-items, one numbering for all
        # not （一） (the Shanghai headings), nor the style of a list of 类 one item a line just above
        style = rng.choice(["{n}.", "{n}．", "{c}"] if b.family == "hebei" else ["（{n}）", "{c}"])
        for i, bl in enumerate(subjects, 1):
            bl.prefix = style.format(n=i, c="①②③④⑤⑥⑦⑧⑨⑩"[i - 1], cn=chinese_ordinal(i))
            bl.st.template = bl.st.template.removeprefix("其中：")   # not after a number
    plans = [P(st) for st in n.plan_targets()]
    proc = n.procurement()
    proc_blocks = [P(proc)] if proc else [P(raw(f"{Y}年{n.body()}未安排政府采购预算。"))]
    year_heading = Block("heading", Statement("heading", "第{part}部分 {Y}年度{scope}{kind}表",
                                              {"part": "二", "Y": str(Y), "scope": s, "kind": b.doc_type}))
    if fin:
        total_completion = P(n.completion("一般公共预算财政拨款支出", b.initial_total, b.gpb))
        body = [
            Block("title", Statement("title", "{name}{Y}年度{scope}决算", {"name": b.name, "Y": str(Y), "scope": s})),
            H(f"第一部分 {s}概况"), H("一、主要职能", 2), P(n.duties()), P(n.intro()),
            year_heading, *T,
            Block("heading", Statement("heading", "第三部分 {Y}年度{scope}决算情况说明", {"Y": str(Y), "scope": s})),
            H("一、收入支出决算总体情况说明", 2), P(n.total_change()), P(n.income()), P(n.expense()), P(n.shares()),
            H("二、一般公共预算财政拨款支出决算情况说明", 2), P(n.class_list()), total_completion, *subjects,
            H("三、“三公”经费财政拨款支出决算情况说明", 2), P(n.three_public()),
            P(n.completion("“三公”经费财政拨款支出", sum(b.three_public_initial.values(), n.b.basic * 0),
                           b.three_public_total)) if b.three_public_total and sum(b.three_public_initial.values()) else None,
            H("四、政府性基金和国有资本经营预算财政拨款支出决算情况说明", 2), P(n.soe()),
            H("五、机关运行经费支出情况说明", 2), P(n.running()),
            H("六、政府采购支出情况说明", 2), *proc_blocks,
            H("七、国有资产占用情况说明", 2), P(n.assets()),
            H("八、预算绩效情况说明", 2), *plans,
            H("九、其他需要说明的情况", 2), *traps, P(n.measures()),
        ]
        return [bl for bl in body if bl is not None]
    if b.family == "hebei":
        title = f"{b.name}{Y}年{s}预算信息公开情况说明"
        return [
            *T,
            Block("title", Statement("title", "第一部分  {name}{Y}年{scope}预算信息公开情况说明",
                                     {"name": b.name, "Y": str(Y), "scope": s})),
            Block("title", raw(title)), P(n.intro()),
            H(f"一、{s}职责及机构设置情况"), P(n.duties()),
            H(f"二、{s}预算安排的总体情况"), P(raw("1、收入说明")), P(n.income()), P(raw("2、支出说明")), P(n.expense()),
            P(n.shares()), P(raw("3、比上年增减情况")), P(n.total_change()),
            H("三、一般公共预算支出情况"), P(n.class_list()), *subjects,
            H("四、机关运行经费安排情况"), P(n.running()),
            H("五、财政拨款“三公”经费预算情况及增减变化原因"), P(n.three_public()), P(n.soe()),
            H("六、预算绩效信息"), *plans, *_performance_tables(b, n, rng),
            H("七、政府采购预算情况"), *proc_blocks, Block("table", table=_procurement(b, n)),
            H("八、国有资产信息"), P(n.assets()),
            H("九、其他需要说明的事项"), *traps, P(n.measures()),
        ]
    if b.family == "shanghai":
        return [
            Block("title", Statement("title", "{name}{Y}年度{scope}预算", {"name": b.name, "Y": str(Y), "scope": s})),
            H(f"一、{s}主要职能"), P(n.duties()), P(n.intro()),
            H(f"二、{s}机构设置"), traps[0],
            H(f"三、{s}预算编制说明"), P(n.income()), P(n.expense()), P(n.total_change()), P(n.shares()),
            H(f"四、{s}预算表"), *T,
            H("五、其他相关情况说明"),
            H("（一）一般公共预算支出功能分类情况", 2), P(n.class_list()), *subjects,
            H("（二）“三公”经费预算情况说明", 2), P(n.three_public()), *map(P, n.three_public_items()), P(n.soe()),
            H("（三）机关运行经费预算", 2), P(n.running()),
            H("（四）政府采购预算情况", 2), *proc_blocks,
            H("（五）绩效目标设置情况", 2), *plans,
            H("（六）国有资产占有使用情况", 2), P(n.assets()),
            H("（七）其他需要说明的事项", 2), *traps[1:], P(n.measures()),
        ]
    if b.family == "mof":   # the Ministry's outline: 关于…的说明 part by part, then 名词解释
        about = lambda what: f"关于{b.name}{Y}年{what}的说明"  # noqa: E731
        return [
            Block("title", Statement("title", "{name}{Y}年{scope}预算", {"name": b.name, "Y": str(Y), "scope": s})),
            H(f"第一部分 {s}概况"), H(f"一、{s}职责", 2), P(n.duties()), H("二、机构设置", 2), P(n.intro()),
            Block("heading", Statement("heading", "第二部分 {Y}年{scope}预算表", {"Y": str(Y), "scope": s})), *T,
            Block("heading", Statement("heading", "第三部分 {Y}年{scope}预算情况说明", {"Y": str(Y), "scope": s})),
            H(f"一、关于{b.name}{Y}年收支预算情况的总体说明", 2), P(n.income()), P(n.expense()), P(n.total_change()),
            H("二、" + about("支出预算结构"), 2), P(n.shares()),
            H("三、" + about("一般公共预算当年拨款支出"), 2), P(n.class_list()), *subjects,
            H("四、" + about("一般公共预算“三公”经费支出"), 2), P(n.three_public()), *map(P, n.three_public_items()),
            H("五、" + about("政府性基金和国有资本经营预算拨款支出"), 2), P(n.soe()),
            H("六、其他重要事项的情况说明", 2),
            H("（一）机关运行经费", 3), P(n.running()),
            H("（二）政府采购情况", 3), *proc_blocks,
            H("（三）国有资产占有使用情况", 3), P(n.assets()),
            H("（四）预算绩效管理情况", 3), *plans, *_performance_tables(b, n, rng, "附件：项目支出绩效目标表"),
            *traps, P(n.measures()),
            H("第四部分 名词解释"),
            P(raw("一、财政拨款收入：指本级财政当年拨付的资金。")),
            P(raw("二、机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。")),
        ]
    return [
        Block("title", Statement("title", "{name}{Y}年度{scope}预算公开", {"name": b.name, "Y": str(Y), "scope": s})),
        H(f"第一部分 {s}概况"), H("一、主要职能", 2), P(n.duties()),
        H(f"二、{s}机构设置及预算单位构成情况", 2), P(n.intro()),
        year_heading, *T,
        Block("heading", Statement("heading", "第三部分 {Y}年度{scope}预算情况说明", {"Y": str(Y), "scope": s})),
        H("一、收支预算总体情况说明", 2), P(n.income()), P(n.expense()), P(n.total_change()),
        H("二、财政拨款支出预算情况说明", 2), P(n.class_list()), *subjects,
        H("三、一般公共预算“三公”经费支出预算情况说明", 2), P(n.three_public()), *map(P, n.three_public_items()),
        H("四、政府性基金预算支出预算情况说明", 2), P(n.soe()),
        H("五、一般公共预算机关运行经费支出预算情况说明", 2), P(n.running()),
        H("六、政府采购支出预算情况说明", 2), *proc_blocks,
        H("七、国有资产占用情况", 2), P(n.assets()),
        H("八、预算绩效目标设置情况说明", 2), *plans,
        H("九、其他需要说明的情况", 2), *traps, P(n.measures()),
    ]


def with_contents(blocks: list[Block], rng: random.Random) -> list[Block]:
    """A 目录 after the title: the parts, their sections and the tables, each with its page (the
    provincial and Ministry publications open with one; its lines repeat headings and table titles)."""
    first = next((i for i, bl in enumerate(blocks) if bl.role == "title"), None)
    if first is None:
        return blocks
    lines, page = ["目录"], 1
    leader = rng.choice(["…" * 12, "." * 24, "\t"])
    for bl in blocks[first + 1:]:
        if bl.table is not None:
            page += 1
            lines.append(f"{bl.table.title}{leader}{page}")
        elif bl.role == "heading" and bl.level <= 2:
            page += rng.randint(0, 1)
            lines.append(f"{bl.st.render()}{leader}{page}")
    toc = Block("para", raw("\n".join(lines), "contents"))
    return blocks[:first + 1] + [toc] + blocks[first + 1:]


def _performance_tables(b: Budget, n: Narrator, rng: random.Random,
                        heading: str = "第二部分 预算项目绩效目标") -> list[Block]:
    from .tables import performance
    out = [Block("para", raw(heading, "heading"))]
    for i, pr in enumerate(b.projects, 1):
        work = pr.name.removesuffix("经费").removesuffix("项目")
        goal = f"1、保障{work}{'' if work.endswith('工作') else '工作'}顺利开展，完成年度任务"
        out.append(Block("table", table=performance(b, n.w, i, pr, goal, rng)))
    return out


def _some(rng: random.Random, rows, k: int):
    rows = list(rows)
    return rows if len(rows) <= k else sorted(rng.sample(rows, k), key=lambda r: r.code)


def _procurement(b: Budget, n: Narrator) -> TableSpec:
    from .tables import procurement
    return procurement(b, n.w, "procurement", f"{b.scope}政府采购预算", by_project=b.extra_table)

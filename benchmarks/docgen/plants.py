"""Defects planted into an otherwise consistent document, one kind at a time.

Each planter changes one slot, part, cell or phrase of a built document, wraps the changed text
in marks (so its exact span is known after writing) and records the kind, the rule codes that
should report it (empty: any code of the family, for kinds no rule claims yet) and the family.
A planter returns False when the document offers no place for its kind (the benchmark then
takes the next seed).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from .catalog import FUNCTIONAL, LANDMARKS, OBSOLETE_NAME, REGIONS
from .document import Builder, Plant, mark
from .model import landmark
from .narrative import Statement
from .tables import form_cell

ZERO = Decimal(0)


@dataclass(frozen=True)
class Kind:
    name: str
    issue: int
    family: str
    codes: tuple[str, ...]
    plant: Callable[[Builder], bool]
    doc: str


KINDS: dict[str, Kind] = {}


def kind(name: str, issue: int, family: str, codes: tuple[str, ...], doc: str):
    def deco(fn):
        KINDS[name] = Kind(name, issue, family, codes, fn, doc)
        return fn
    return deco


def _wrong(bd: Builder, x: Decimal) -> Decimal:
    """An amount clearly different from x (beyond any rounding), never negative."""
    step = max(abs(x) * Decimal(bd.rng.choice(["0.13", "0.21", "0.37", "0.09"])), Decimal(3000))
    step = (step / 100).quantize(Decimal(1)) * 100
    return x + step if (x < step * 2 or bd.rng.random() < 0.5) else x - step


def _plant(bd: Builder, name: str, where, note: str = "", codes: tuple[str, ...] | None = None) -> bool:
    k = KINDS[name]
    bd.add_plant(Plant(name, codes or k.codes, k.family, note=note), where)
    return True


def _pick(bd: Builder, sts: list[Statement]) -> Statement | None:
    return bd.rng.choice(sts) if sts else None


def _tables_show(bd: Builder, label: str) -> bool:
    """A table of the document shows the figure named `label` (in its title or a header cell):
    a narrative amount that no table shows (a 决算's 机关运行经费, stated in the 说明 only) can
    differ from no table row, so it is no place for a narrative-table defect."""
    return any(label in t.title or any(label in cell for head in t.header for cell in head) for t in bd.tables)


def _has(st: Statement, *slots: str) -> bool:
    return all("{" + s + "}" in st.template for s in slots)


# =========================================================================== issue 8: numbers

@kind("narrative-table", 8, "BL2", ("BL201",), "a narrative amount differs from the table row it names")
def _narrative_table(bd: Builder) -> bool:
    sts = [st for st in bd.statements("subject") if st.facts.get("amt")] or \
          [st for st in bd.statements("running") if st.facts.get("amt") and _tables_show(bd, "机关运行经费")]
    st = _pick(bd, sts)
    if not st:
        return False
    st.slots["amt"] = mark(bd.w.money(_wrong(bd, st.facts["amt"]), plain=True))
    return _plant(bd, "narrative-table", st)


@kind("parts-sum", 8, "BL2", ("BL202", "BL201"),
      "the parts listed after 其中 do not add up to the stated total (the changed part also differs from its table row)")
def _parts_sum(bd: Builder) -> bool:
    sts = [st for st in bd.statements("income-parts", "expense-parts", "three-public", "procurement")
           if st.parts and any(st.facts.get("parts", []))]
    st = _pick(bd, sts)
    if not st:
        return False
    nonzero = [i for i, v in enumerate(st.facts["parts"]) if v]
    i = bd.rng.choice(nonzero)
    if st.kind == "expense-parts" and st.facts.get("inner"):
        i = 1   # 基本支出 also has its own parts; change 项目支出 so one sum breaks
    st.parts[i][1] = mark(bd.w.money(_wrong(bd, st.facts["parts"][i]), plain=True))
    return _plant(bd, "parts-sum", st)


CHANGES = ("change", "subject-change", "running-change", "three-public-item")   # year-over-year statements


def _change_sts(bd: Builder, need: tuple[str, ...], also_any: tuple[str, ...]) -> list[Statement]:
    out = []
    for st in bd.statements(*CHANGES):
        if st.facts["cur"] == st.facts["prior"] or not _has(st, *need):
            continue
        if sum(_has(st, s) for s in also_any) >= 1:
            out.append(st)
    return out


@kind("change-amount", 8, "BL2", ("BL203",), "a stated year-over-year change does not match the amounts")
def _change_amount(bd: Builder) -> bool:
    st = _pick(bd, _change_sts(bd, ("chg",), ("prior", "pct")))
    if not st:
        return False
    st.slots["chg"] = mark(bd.w.money(_wrong(bd, abs(st.facts["chg"])), plain=True))
    # with no prior amount stated, the amount, the change and the percentage disagree and nothing
    # says which of the last two is wrong: a finding on either (BL203 or BL205) is the plant's
    codes = None if _has(st, "prior") else ("BL203", "BL205")
    return _plant(bd, "change-amount", st, codes=codes)


@kind("change-percent", 8, "BL2", ("BL205", "BL203"), "a stated growth percentage does not follow from the amounts")
def _change_percent(bd: Builder) -> bool:
    # a change of at least 0.5万元: amounts printed to 0.01万元 then pin the percentage within a point
    st = _pick(bd, [s for s in _change_sts(bd, ("pct",), ("prior", "chg")) if abs(s.facts["chg"]) >= 5000])
    if not st:
        return False
    true = st.facts["pct"]
    wrong = true + Decimal(bd.rng.choice(["3.7", "8.2", "12.5", "-2.4"])) if true > 3 else true + Decimal("6.3")
    st.slots["pct"] = mark(bd.w.percent(wrong))
    return _plant(bd, "change-percent", st)


@kind("change-direction", 8, "BL2", ("BL204", "BL203", "BL205"), "增加/减少 contradicts the amounts it describes")
def _change_direction(bd: Builder) -> bool:
    # the prior amount stated, or the change and the percentage (which give it)
    st = _pick(bd, [s for s in _change_sts(bd, ("dir",), ("prior", "pct")) if _has(s, "prior") or _has(s, "chg")])
    if not st:
        return False
    flip = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}
    st.slots["dir"] = mark(flip[st.slots["dir"]])
    if "{dir2}" in st.template:
        st.slots["dir2"] = flip.get(st.slots["dir2"], st.slots["dir2"])
    st.slots["amp"] = {"增幅": "降幅", "降幅": "增幅"}[st.slots["amp"]]
    st.slots["reach"] = "为"
    return _plant(bd, "change-direction", st)


@kind("share-wrong", 8, "BL2", ("BL205",), "a share (占X%) is not part / whole")
def _share_wrong(bd: Builder) -> bool:
    options = []   # (statement, slot, true share): the partitions, the “三公” items, a 科目's share of the total
    for st in bd.statements("share", "three-public", "procurement"):
        for i, true in enumerate(st.facts.get("shares", [])):
            if "{s%d}" % i in "".join(part[2] for part in st.parts):
                options.append((st, f"s{i}", true))
    for st in bd.statements("subject"):
        if "{share}" in st.template:
            options.append((st, "share", st.facts["share"]))
    if not options:
        return False
    st, slot, true = bd.rng.choice(options)
    wrong = true + Decimal("7.5") if true < 80 else true - Decimal("7.5")
    st.slots[slot] = mark(bd.w.percent(wrong, 1))
    return _plant(bd, "share-wrong", st)


@kind("shares-sum", 8, "BL2", ("BL205",), "the shares of a partition do not add up to 100%")
def _shares_sum(bd: Builder) -> bool:
    st = _pick(bd, [s for s in bd.statements("class-list") if len(s.parts) >= 2])
    if not st:
        return False
    i = bd.rng.randrange(len(st.parts))
    true = st.facts["shares"][i]
    wrong = true + Decimal("4.0") if true < 90 else true - Decimal("4.0")
    st.slots[f"s{i}"] = mark(bd.w.percent(wrong, 1))
    return _plant(bd, "shares-sum", st)


@kind("final-completion", 8, "BL2", ("BL205",), "决算: 完成年初预算的X% is not 决算数 / 年初预算")
def _final_completion(bd: Builder) -> bool:
    st = _pick(bd, bd.statements("final-completion"))
    if not st:
        return False
    true = st.facts["pct"]
    st.slots["pct"] = mark(bd.w.percent(true + Decimal(bd.rng.choice(["6.5", "-5.2", "11.0"])), 2))
    return _plant(bd, "final-completion", st)


@kind("final-direction", 8, "BL2", ("BL204", "BL205"), "决算: 大于/小于 年初预算 contradicts the amounts")
def _final_direction(bd: Builder) -> bool:
    st = _pick(bd, [s for s in bd.statements("final-completion") if s.slots["rel"] in ("大于", "小于")
                    and "{rel}" in s.template])
    if not st:
        return False
    st.slots["rel"] = mark({"大于": "小于", "小于": "大于"}[st.slots["rel"]])
    return _plant(bd, "final-direction", st)


def _subject_block(bd: Builder) -> Statement | None:
    return _pick(bd, bd.statements("subject", "subject-change", "final-completion"))


@kind("obsolete-subject", 8, "BL2", ("BL209",), "a 科目 named by a name the classification has retired")
def _obsolete(bd: Builder) -> bool:
    rows = [r for r in bd.b.gpb_rows() for c in (r.code[:3], r.code[:5])
            if c in OBSOLETE_NAME and bd.b.year >= OBSOLETE_NAME[c][1]]
    lists = [s for s in bd.statements("class-list")
             if any(c in OBSOLETE_NAME and bd.b.year >= OBSOLETE_NAME[c][1] for c in s.facts["classes"])]
    if lists and bd.rng.random() < 0.4:   # a 类 in the list of classes, by its old name
        st = bd.rng.choice(lists)
        i, code = next((i, c) for i, c in enumerate(st.facts["classes"])
                       if c in OBSOLETE_NAME and bd.b.year >= OBSOLETE_NAME[c][1])
        if FUNCTIONAL[code] in st.parts[i][0]:
            st.parts[i][0] = st.parts[i][0].replace(FUNCTIONAL[code], mark(OBSOLETE_NAME[code][0]), 1)
        else:   # a form that shortens the name (文化旅游体育与传媒（类）): the old name in full
            form = bd.rng.choice(["markers", "bare", "half-markers", "name-code"])
            st.parts[i][0] = bd.n.subject_name(code, form, names={code: mark(OBSOLETE_NAME[code][0])})
        return _plant(bd, "obsolete-subject", st)
    target = _subject_block(bd)
    if not rows or not target:
        return False
    row = bd.rng.choice(rows)
    code = row.code[:3] if row.code[:3] in OBSOLETE_NAME else row.code[:5]
    form = bd.rng.choice(["markers", "dash", "codes-inside"] + (["kuan-markers"] if len(code) == 5 else []))
    st = bd.n.subject(row, form=form, names={code: mark(OBSOLETE_NAME[code][0])}, with_change=False)
    _replace(bd, target, st)
    return _plant(bd, "obsolete-subject", st)


@kind("marker-contradiction", 8, "BL2", ("BL210",), "a 科目 marker contradicts the classification (a 款 called 类)")
def _marker(bd: Builder) -> bool:
    target = _subject_block(bd)
    if not target:
        return False
    row = bd.rng.choice(bd.b.gpb_rows())
    form = bd.rng.choice(["markers", "kuan-markers", "codes-inside"])
    st = bd.n.subject(row, form=form, with_change=False)
    kuan, item, c = FUNCTIONAL[row.code[:5]], FUNCTIONAL[row.code], row.code
    if form == "codes-inside":   # a code with the wrong level word: (201款), (05类)
        wrong = bd.rng.choice([(f"({c[:3]}类)", mark(f"({c[:3]}款)")), (f"({c[3:5]}款)", mark(f"({c[3:5]}类)")),
                               (f"({c[5:]}项)", mark(f"({c[5:]}款)"))])
    else:
        wrong = bd.rng.choice([(f"{kuan}（款）", mark(f"{kuan}（类）")), (f"{item}（项）", mark(f"{item}（款）"))])
    st.slots["name"] = st.slots["name"].replace(wrong[0], wrong[1], 1)
    if MARK not in st.slots["name"]:
        return False
    _replace(bd, target, st)
    return _plant(bd, "marker-contradiction", st)


MARK = "\x01"


def _replace(bd: Builder, old: Statement, new: Statement) -> None:
    bd.block_of(old).st = new


@kind("table-sum", 8, "BL1", ("BL101", "BL102", "BL103", "BL104", "BL105", "BL106", "BL108"),
      "a table cell breaks a sum (a 项 row against its 款, a row against its total)")
def _table_sum(bd: Builder) -> bool:
    t = bd.table(bd.rng.choice(["gpb", "expense", "basic", "income"]))
    if not t or not t.cells:
        return False
    candidates = [(rc, v) for rc, v in t.cells.items() if v and rc[0] != t.total_row]
    if not candidates:
        return False
    (r, c), v = bd.rng.choice(candidates)
    header_cols = len(t.rows[r])
    new = _wrong(bd, v)
    t.rows[r][c] = mark(bd.w.cell(new))
    assert header_cols == len(t.rows[r])
    return _plant(bd, "table-sum", t, note=t.title)


@kind("procurement-levels", 8, "BL1", ("BL108",), "a multi-level 政府采购 table whose level does not add up")
def _procurement_levels(bd: Builder) -> bool:
    t = bd.table("procurement")
    if not t or not t.levels or len(t.rows) < 3:
        return False
    # an item (物品/品目) row: the project it belongs to no longer adds up
    label_col, col = t.levels
    items = [i for i, row in enumerate(t.rows)
             if row[label_col] and row[label_col] != "小计" and (i, col) in t.cells and i != t.total_row]
    if not items:
        return False
    i = bd.rng.choice(items)
    t.rows[i][col] = mark(bd.w.cell(_wrong(bd, t.cells[(i, col)])))
    return _plant(bd, "procurement-levels", t, note=t.title)


@kind("personnel-split", 8, "BL2", ("BL201", "BL202", "BL106"),
      "人员经费 / 公用经费 stated under 基本支出 differ from the 基本支出 table's split")
def _personnel_split(bd: Builder) -> bool:
    st = _pick(bd, [s for s in bd.statements("expense-parts") if s.facts.get("inner") and bd.b.personnel])
    if not st:
        return False
    st.slots["pe"] = mark(bd.w.money(_wrong(bd, bd.b.personnel), plain=True))
    return _plant(bd, "personnel-split", st)


@kind("missing-table", 9, "BL3", ("BL316",), "a table the document kind requires is left out (an empty one too)")
def _missing_table(bd: Builder) -> bool:
    blocks = [bl for bl in bd.blocks if bl.table is not None and bl.table.key in ("fund", "three")]
    titles = bd.statements("title")
    if not blocks or not titles:
        return False
    bl = bd.rng.choice(blocks)
    bd.blocks.remove(bl)
    bd.tables.remove(bl.table)
    title = titles[0]   # the document's title carries the mark: the finding has no other place
    title.template = mark(title.template)
    bd.add_plant(Plant("missing-table", KINDS["missing-table"].codes, "BL3", note=bl.table.title), "document")
    return True


# =========================================================================== issue 8: 项目绩效目标表 (BL4)

def _form(bd: Builder):
    forms = [t for t in bd.tables if t.key == "performance"]
    return bd.rng.choice(forms) if forms else None


def _form_row(t, first: str = "", second: str = "") -> int:
    """The row whose first cell (or, given second, whose second cell) is the label."""
    return next(i for i, row in enumerate(t.rows)
                if (row[1] == second if second else row[0] == first) and len(row) > 1)


@kind("perf-sources", 8, "BL4", ("BL401",), "a 项目绩效目标表's 预算数 is not 财政资金 + 其他资金")
def _perf_sources(bd: Builder) -> bool:
    t = _form(bd)
    if not t:
        return False
    i = _form_row(t, "预算规模及资金用途")
    t.rows[i][4] = mark(form_cell(_wrong(bd, t.cells[(i, 4)])))
    return _plant(bd, "perf-sources", t, note=t.title)


@kind("perf-funding-text", 8, "BL4", ("BL402",), "the 资金用途 text gives another amount than the form's 预算数")
def _perf_funding(bd: Builder) -> bool:
    t = _form(bd)
    if not t:
        return False
    i = _form_row(t, "预算规模及资金用途") + 1
    amount = t.cells[(i - 1, 2)]
    wrong = int(_wrong(bd, amount))
    text = t.rows[i][1]
    head, _, tail = text.partition("共需资金")
    t.rows[i][1] = head + "共需资金" + mark(f"{wrong:,}" if "," in tail else str(wrong)) + "元。"
    return _plant(bd, "perf-funding-text", t, note=t.title)


@kind("perf-cost", 8, "BL4", ("BL403",), "a 成本指标 caps the project's cost above its 预算数")
def _perf_cost(bd: Builder) -> bool:
    t = _form(bd)
    if not t:
        return False
    i = _form_row(t, second="成本指标")
    amount = t.cells[(_form_row(t, "预算规模及资金用途"), 2)]
    t.rows[i][4] = "≤" + mark(form_cell(amount * Decimal(bd.rng.choice(["1.2", "1.5", "2"])))) + "万元"
    return _plant(bd, "perf-cost", t, note=t.title)


@kind("perf-plan", 8, "BL4", ("BL408",), "a 资金支出计划 that neither rises to 100% nor adds up to 100%")
def _perf_plan(bd: Builder) -> bool:
    t = _form(bd)
    if not t:
        return False
    i = _form_row(t, "资金支出计划（%）") + 1
    plan = [Decimal(x) for x in t.rows[i][1:]]
    j = bd.rng.randrange(1, 3)   # a quarter below the one before it: not cumulative, and no sum of 100
    t.rows[i][j + 1] = mark(f"{max(plan[j - 1] - 10, Decimal(5)):.2f}")
    return _plant(bd, "perf-plan", t, note=t.title)


@kind("narrative-indicator", 8, "BL4", ("BL407",), "the narrative gives a target another value than the 绩效目标表")
def _narrative_indicator(bd: Builder) -> bool:
    forms = {t.title for t in bd.tables if t.key == "performance"}
    sts = [st for st in bd.statements("plan") if "{n}" in st.template and
           any(st.facts["project"] in title for title in forms)]
    st = _pick(bd, sts)
    if not st:
        return False
    n = int(st.slots["n"])   # below the table's ≥n: the narrative promises less than the target
    st.slots["n"] = mark(str(max(1, n - bd.rng.choice([1, 2, 3])) if n > 1 else n + 5))
    return _plant(bd, "narrative-indicator", st)


# =========================================================================== issue 9: wording

@kind("stale-year", 9, "BL3", ("BL301",), "a statement of this year's budget carries last year's year")
def _stale_year(bd: Builder) -> bool:
    sts = [st for st in bd.statements("income-parts", "expense-parts", "three-public", "running", "procurement",
                                      "plan", "change", "running-change", "class-list", "share")
           if st.this_year and st.template.startswith("{Y}年")]
    st = _pick(bd, sts)
    if not st:
        return False
    st.slots["Y"] = mark(str(bd.b.year - bd.rng.choice([1, 1, 2])))
    return _plant(bd, "stale-year", st)


@kind("comparison-own-year", 9, "BL3", ("BL301",), "a comparison whose base is the document's own year")
def _comparison_own(bd: Builder) -> bool:
    st = _pick(bd, [s for s in bd.statements(*CHANGES, "three-public") if "{base}" in s.template])
    if not st:
        return False
    st.slots["base"] = mark(f"{bd.b.year}年" + ("预算" if bd.b.doc_type == "预算" and bd.rng.random() < 0.5 else ""))
    return _plant(bd, "comparison-own-year", st)


@kind("comparison-old-year", 9, "BL3", ("BL301",), "a comparison with a year before last instead of last year")
def _comparison_old(bd: Builder) -> bool:
    st = _pick(bd, [s for s in bd.statements(*CHANGES, "three-public") if "{base}" in s.template])
    if not st:
        return False
    st.slots["base"] = mark(f"{bd.b.year - 2}年" + ("预算" if bd.b.doc_type == "预算" and bd.rng.random() < 0.5 else ""))
    return _plant(bd, "comparison-old-year", st)


@kind("final-title-year", 9, "BL3", ("BL301", "BL305"), "决算: a part title with another year")
def _final_title(bd: Builder) -> bool:
    if bd.b.doc_type != "决算":
        return False
    st = _pick(bd, [s for s in bd.statements("heading") if "{Y}" in s.template])
    if not st:
        return False
    st.slots["Y"] = mark(str(bd.b.year - 1))
    return _plant(bd, "final-title-year", st)


@kind("final-asset-date", 9, "BL3", ("BL301",), "决算: assets as of the end of the year before")
def _final_asset(bd: Builder) -> bool:
    if bd.b.doc_type != "决算":
        return False
    st = _pick(bd, bd.statements("assets"))
    st.slots["date"] = mark(f"{bd.b.year - 1}年12月31日")
    return _plant(bd, "final-asset-date", st)


INSTRUCTIONS = ["（如无此项请注明）", "（根据实际情况填写）", "应与《部门预算公开表》一致，并按照功能分类科目细化列示。",
                "（此处填写主要原因）", "（如持平请作持平表述）", "请按照经济分类科目逐项说明。",
                "（不涉及的不列）"]


@kind("writer-instruction", 9, "BL3", ("BL302",), "an instruction to the writer left in the text")
def _instruction(bd: Builder) -> bool:
    st = _pick(bd, bd.statements("running", "three-public", "procurement", "assets", "soe"))
    if not st:
        return False
    st.template = st.template + mark(bd.rng.choice(INSTRUCTIONS)).replace("{", "{{").replace("}", "}}")
    return _plant(bd, "writer-instruction", st)


@kind("empty-reason", 9, "BL3", ("BL313", "BL302"), "a reason left empty: 主要原因是。")
def _empty_reason(bd: Builder) -> bool:
    st = _pick(bd, [s for s in bd.statements(*CHANGES)
                    if s.template.endswith("{why}") and s.facts["cur"] != s.facts["prior"]])
    if not st:
        return False
    st.slots["why"] = mark(bd.rng.choice(["主要原因是。", "主要原因是：；", "增减变化的主要原因是。",
                                          "变动原因：。", "主要原因：。", "原因是："]))
    return _plant(bd, "empty-reason", st)


@kind("empty-amount", 9, "BL3", ("BL313", "BL302"), "an amount slot left empty: …预算万元")
def _empty_amount(bd: Builder) -> bool:
    st = _pick(bd, [s for s in bd.statements("running", "subject", "running-change") if "{amt}" in s.template])
    if not st:
        return False
    st.slots["amt"] = mark("万元")
    return _plant(bd, "empty-amount", st)


@kind("both-alternatives", 9, "BL3", ("BL302",), "both alternatives kept: 增加（减少）")
def _both(bd: Builder) -> bool:
    st = _pick(bd, [s for s in bd.statements(*CHANGES, "three-public") if "{dir}" in s.template])
    if not st:
        return False
    st.slots["dir"] = mark(bd.rng.choice(["增加（减少）", "增加(减少)", "减少（增加）", "增长（下降）"]))
    if "{dir2}" in st.template and bd.rng.random() < 0.5:
        st.slots["dir2"] = "增长（下降）"
    return _plant(bd, "both-alternatives", st)


@kind("subjectless-amount", 9, "BL3", ("BL313",), "an amount whose subject was deleted")
def _subjectless(bd: Builder) -> bool:
    st = _pick(bd, [s for s in bd.statements("income-parts", "three-public", "procurement", "class-list")
                    if len(s.parts) >= 2 and s.layout in ("inline", "numbered", "lines")
                    and s.part_format == "{0}{1}{2}"])
    if not st:
        return False
    i = bd.rng.randrange(1, len(st.parts))
    st.parts[i][0] = ""
    st.parts[i][1] = mark(st.parts[i][1])
    return _plant(bd, "subjectless-amount", st)


@kind("other-unit", 9, "BL3", ("BL314", "BL305"), "another department's or unit's name left in the text")
def _other_unit(bd: Builder) -> bool:
    sts = [s for s in bd.statements() if "{body}" in s.template or "{name}" in s.template and s.kind == "intro"]
    st = _pick(bd, sts)
    if not st:
        return False
    key = "name" if st.kind == "intro" else "body"
    st.slots[key] = mark(bd.rng.choice([bd.b.other_name, bd.b.other_local_name]))
    return _plant(bd, "other-unit", st)


@kind("other-region-place", 9, "BL3", ("BL314", "BL304", "BL305"), "another region's place name in the 绩效目标")
def _other_place(bd: Builder) -> bool:
    own = landmark(bd.b.region)
    r = bd.b.region   # a province's or a city's own districts are not another region
    inside = {county for province, cities in REGIONS.items() for city, counties in cities for county in counties
              if r.level == "省" and province == r.province or r.level == "市" and city == r.city}
    others = [v for county, v in LANDMARKS.items() if v != own and v not in bd.b.name and county not in inside]
    if bd.b.other_region.county not in inside:
        others.append(landmark(bd.b.other_region))
    place = mark(bd.rng.choice(others))
    forms = [t for t in bd.tables if t.key == "performance"]
    if forms and bd.rng.random() < 0.5:   # the 绩效目标 of a 项目绩效目标表
        t = bd.rng.choice(forms)
        goal_row = next(i for i, row in enumerate(t.rows) if row[0] == "绩效目标")
        t.rows[goal_row][1] += bd.rng.choice(["，服务", "，助力", "，提升"]) + place + "发展大局"
        return _plant(bd, "other-region-place", t, note=t.title)
    st = _pick(bd, bd.statements("plan"))
    if not st:
        return False
    st.slots["place"] = place
    return _plant(bd, "other-region-place", st)


@kind("scope-word", 9, "BL3", ("BL311",), "部门预算 in a 单位预算's running text, or the reverse")
def _scope_word(bd: Builder) -> bool:
    st = _pick(bd, bd.statements("intro"))
    if not st or "{scope}" not in st.template:
        return False
    st.slots["scope"] = mark("部门" if bd.b.scope == "单位" else "单位")
    return _plant(bd, "scope-word", st)


@kind("bi-chiping", 9, "BL3", ("BL315",), "比…持平 where it should be 与…持平")
def _bi_chiping(bd: Builder) -> bool:
    for st in bd.statements("soe", "three-public", *CHANGES):
        for pre in ("与{base}持平", "同{base}持平", "和{base}持平", "与{base}预算持平", "与{base}相比持平"):
            if pre in st.template:
                st.template = st.template.replace(pre, MARK + "比" + "\x02" + pre[1:], 1)
                return _plant(bd, "bi-chiping", st)
    return False


@kind("cut-comparison", 9, "BL3", (), "a full stop cuts a sentence before its comparison clause")
def _cut_comparison(bd: Builder) -> bool:
    options = []
    for st in bd.statements(*CHANGES, "three-public"):
        for joint in ("，较{base}", "，比{base}"):   # a sentence cannot start with 比/较 (one with 与…相比 can)
            if joint in st.template:
                options.append((st, joint))
    if not options:
        return False
    st, joint = bd.rng.choice(options)
    st.template = st.template.replace(joint, MARK + "。" + "\x02" + joint[1:], 1)
    return _plant(bd, "cut-comparison", st)


DOMAIN_DAMAGE = {"公务用车": ["公务用用车", "公用务车", "公务车用"], "财政拨款": ["财政拨拨款", "财拨政款", "财政款拨"],
                 "机关运行经费": ["机关运运行经费", "机关行运经费", "机关运行经经费"],
                 "一般公共预算": ["一般公共预预算", "一般共公预算"], "基本支出": ["基本支支出", "基支本出"]}


@kind("domain-term-damage", 9, "BL3", ("BL315",), "a domain term with a character doubled or misplaced")
def _domain_damage(bd: Builder) -> bool:
    options = []
    for st in bd.statements("three-public", "running", "running-change", "class-list", "expense-parts"):
        text = st.render()
        for term, bad in DOMAIN_DAMAGE.items():
            if term in text:
                options.append((st, term, bad))
    if not options:
        return False
    st, term, bad = bd.rng.choice(options)
    st.edits.append((term, mark(bd.rng.choice(bad))))
    return _plant(bd, "domain-term-damage", st)


# look-alike / sound-alike replacements of ordinary words (not the curated confusables list)
TYPOS = {"健全": ["建全", "健仝"], "落实": ["洛实", "落寔"], "完善": ["完膳", "完缮"], "考核": ["考刻", "拷核"],
         "监督": ["监肾", "临督"], "规范": ["规笵", "规犯"], "制度": ["制庋", "治度"], "采购": ["釆购", "彩购"],
         "培训": ["倍训", "培川"], "管理": ["菅理", "管里"], "严格": ["严恪", "严挌"], "经费": ["经废", "经赀"],
         "确保": ["确堡", "确褓"], "资产": ["资产", "姿产"], "使用": ["使甩", "仗用"], "预算": ["预箅", "预筭"]}


@kind("typo", 9, "BL3", ("BL306",), "a look-alike/sound-alike character typo outside the curated list")
def _typo(bd: Builder) -> bool:
    st = _pick(bd, bd.statements("measures"))
    if not st:
        return False
    text = st.render()
    words = [w for w in TYPOS if w in text]
    if not words:
        return False
    word = bd.rng.choice(words)
    bad = bd.rng.choice([b for b in TYPOS[word] if b != word])
    st.edits.append((word, mark(bad)))
    return _plant(bd, "typo", st)


@kind("find-replace", 9, "BL3", ("BL303",), "find-and-replace damage of the region word (市场 → 县场)")
def _find_replace(bd: Builder) -> bool:
    lv = bd.b.region.level_word
    if lv in ("市", "省") or len(lv) != 1:
        return False
    st = _pick(bd, [s for s in bd.statements("duties") if "市" in s.render()])
    if not st:
        return False
    text = st.render()
    word = "市场" if "市场" in text else "城市"
    st.edits.append((word, mark(word.replace("市", lv))))
    return _plant(bd, "find-replace", st)


@kind("placeholder", 9, "BL3", ("BL302",), "a template placeholder left: 目标内容1")
def _placeholder(bd: Builder) -> bool:
    ph = mark(bd.rng.choice(["目标内容1", "指标内容2", "目标内容 1", "XX", "××××"]))
    forms = [t for t in bd.tables if t.key == "performance"]
    if forms and bd.rng.random() < 0.5:   # the 绩效目标 cell of a 项目绩效目标表
        t = bd.rng.choice(forms)
        goal_row = next(i for i, row in enumerate(t.rows) if row[0] == "绩效目标")
        t.rows[goal_row][1] = bd.rng.choice(["1、", ""]) + ph
        return _plant(bd, "placeholder", t, note=t.title)
    st = _pick(bd, bd.statements("plan"))
    if not st:
        return False
    st.template = bd.rng.choice(["{proj}绩效目标：" + ph + "。", "{proj}：{Y}年度目标为" + ph + "。",
                                 "{proj}年度绩效目标：" + ph + "；资金使用规范。",
                                 "通过实施{proj}，实现" + ph + "。", "{proj}：" + ph + "，确保资金使用规范。"])
    return _plant(bd, "placeholder", st)


def plant(bd: Builder, name: str) -> bool:
    return KINDS[name].plant(bd)

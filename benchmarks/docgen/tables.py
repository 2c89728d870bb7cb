"""The tables of each family, built from one Budget. A TableSpec is layout-free (title, header
rows, data rows of strings); document.py writes it in the family's dump layout."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .catalog import CLASS_NAMES, ECONOMIC, FUNCTIONAL
from .fmt import WAN, Writer, chinese_int, number
from .model import Budget, Row

ZERO = Decimal(0)


@dataclass
class TableSpec:
    key: str                     # summary income expense fiscal gpb basic fund soe three procurement assets
    title: str
    header: list[list[str]]
    rows: list[list[str]]
    note: str = ""               # a line under the table
    unit: str = "万元"
    cells: dict = field(default_factory=dict)   # (row, col) -> Decimal value, for planting table errors
    total_row: int | None = None                # index in rows of the total row
    levels: tuple[int, int] | None = None       # a multi-level table: (column naming an item row, amount column)


def _code_cells(b: Budget, code: str) -> list[str]:
    """The code columns of a classification row in the family's layout."""
    if b.family == "shanghai" or b.doc_type == "决算" and b.family != "jiangsu":
        return [code[:3], code[3:5], code[5:7]]
    return [code]


def _code_header(b: Budget) -> list[str]:
    if b.family == "shanghai" or b.doc_type == "决算" and b.family != "jiangsu":
        return ["类", "款", "项"]
    return ["科目编码"]


def functional(b: Budget, w: Writer, key: str, title: str, columns: list[str], values, rows: list[Row]) -> TableSpec:
    """A 类/款/项 table: columns after the code and name columns, values(row) -> list of 元."""
    head = _code_header(b) + ["科目名称"] + columns
    out: list[list[str]] = []
    cells: dict = {}
    n = len(columns)

    def add(code: str, name: str, vals: list[Decimal]):
        cells.update({(len(out), len(head) - n + i): v for i, v in enumerate(vals)})
        out.append(_code_cells(b, code) + [name] + [w.cell(v) for v in vals])

    totals = [ZERO] * n
    for r in rows:
        totals = [t + v for t, v in zip(totals, values(r))]
    total_line = [""] * (len(head) - n - 1) + ["合计"] + [w.cell(v) for v in totals]
    total_first = b.family == "hebei"
    if total_first:
        cells.update({(0, len(head) - n + i): v for i, v in enumerate(totals)})
        out.append(total_line)
    seen: set[str] = set()
    for r in rows:
        for code in (r.code[:3], r.code[:5]):
            if code not in seen:
                seen.add(code)
                agg = [ZERO] * n
                for s in rows:
                    if s.code.startswith(code):
                        agg = [a + v for a, v in zip(agg, values(s))]
                add(code, FUNCTIONAL[code], agg)
        add(r.code, r.name, values(r))
    if not total_first:
        cells.update({(len(out), len(head) - n + i): v for i, v in enumerate(totals)})
        out.append(total_line)
    spec = TableSpec(key, title, [head], out, unit=w.s.table_unit, cells=cells,
                     total_row=0 if total_first else len(out) - 1)
    return spec


def economic(b: Budget, w: Writer, key: str, title: str, split: bool) -> TableSpec:
    head = ["科目编码", "科目名称"] + (["合计", "人员经费", "公用经费"] if split else ["金额"])
    heads = [head]
    if b.family == "mof" and split:
        heads = [["部门预算支出经济分类科目", "", "本年一般公共预算基本支出", "", ""],
                 ["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    out, cells = [], {}

    def vals(code: str, v: Decimal) -> list[Decimal]:
        if not split:
            return [v]
        return [v, ZERO, v] if code.startswith("302") else [v, v, ZERO]

    def add(code, name, v):
        vs = vals(code, v)
        cells.update({(len(out), 2 + i): x for i, x in enumerate(vs)})
        out.append([code, name] + [w.cell(x) for x in vs])

    total = b.basic
    tvals = [total, b.personnel, b.public] if split else [total]
    cells.update({(0, 2 + i): x for i, x in enumerate(tvals)})
    out.append(["", "合计"] + [w.cell(x) for x in tvals])
    for cls in ("301", "302", "303"):
        items = {k: v for k, v in b.economic.items() if k.startswith(cls)}
        if not items:
            continue
        add(cls, ECONOMIC[cls], sum(items.values(), ZERO))
        for k, v in items.items():
            add(k, ECONOMIC[k], v)
    return TableSpec(key, title, heads, out, unit=w.s.table_unit, cells=cells, total_row=0)


def summary(b: Budget, w: Writer, key: str, title: str, fiscal: bool) -> TableSpec:
    """收支总表 / 财政拨款收支总表: income items left, 类 right."""
    measure = "决算数" if b.doc_type == "决算" else "预算数"
    head = ["项目", measure, "项目", measure]
    heads = [["收入", "", "支出", ""], head] if b.family == "mof" else [head]
    incomes = [("一般公共预算拨款收入" if not fiscal else "一般公共预算资金", b.gpb),
               ("政府性基金预算拨款收入" if not fiscal else "政府性基金预算资金", b.fund),
               ("国有资本经营预算拨款收入" if not fiscal else "国有资本经营预算资金", ZERO)]
    if not fiscal and b.family == "mof":
        incomes += [("财政专户管理资金收入", ZERO), ("单位资金", ZERO)]
    elif not fiscal:
        incomes += [("财政专户管理资金收入", ZERO), ("事业收入", ZERO), ("其他收入", ZERO)]
    if b.family == "hebei":
        classes = [(f"{chinese_int(i + 1)}、{n}支出" if n != "其他" else f"{chinese_int(i + 1)}、其他支出",
                    b.sum_of(_class_code(n))) for i, n in enumerate(CLASS_NAMES)]
    else:
        classes = [(FUNCTIONAL[c], b.sum_of(c)) for c in b.classes()]
    incomes = [(f"{chinese_int(i + 1)}、{n}", v) for i, (n, v) in enumerate(incomes)]
    out, cells = [], {}
    for i in range(max(len(incomes), len(classes))):
        left = incomes[i] if i < len(incomes) else ("", None)
        right = classes[i] if i < len(classes) else ("", None)
        if left[1] is not None:
            cells[(len(out), 1)] = left[1]
        if right[1] is not None:
            cells[(len(out), 3)] = right[1]
        out.append([left[0], w.cell(left[1]) if left[1] is not None else "",
                    right[0], w.cell(right[1]) if right[1] is not None else ""])
    year = "本年收入合计", b.total, "本年支出合计", b.total
    cells[(len(out), 1)] = b.total
    cells[(len(out), 3)] = b.total
    out.append([year[0], w.cell(year[1]), year[2], w.cell(year[3])])
    out.append(["上年结转结余", w.s.zero_cell, "年终结转结余", w.s.zero_cell])
    cells[(len(out), 1)] = b.total
    cells[(len(out), 3)] = b.total
    out.append(["收入总计", w.cell(b.total), "支出总计", w.cell(b.total)])
    return TableSpec(key, title, heads, out, unit=w.s.table_unit, cells=cells, total_row=len(out) - 1)


def _class_code(name: str) -> str:
    for code, n in FUNCTIONAL.items():
        if len(code) == 3 and n == name + "支出":
            return code
    return "999"


def three_public(b: Budget, w: Writer, key: str, title: str) -> TableSpec:
    t = b.three_public
    car = t["购置"] + t["运行"]
    if b.family == "jiangsu":
        # 合计 = “三公”经费 小计 + 会议费 + 培训费 (the provincial layout)
        meet, train = b.economic.get("30215", ZERO), b.economic.get("30216", ZERO)
        heads = [["合计", "“三公”经费", "", "", "", "", "", "会议费", "培训费"],
                 ["", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "", ""],
                 ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""]]
        vals = [b.three_public_total + meet + train, b.three_public_total, t["出国"], car, t["购置"], t["运行"],
                t["接待"], meet, train]
    else:
        heads = [["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
                 ["", "", "小计", "公务用车购置费", "公务用车运行费", ""]]
        vals = [b.three_public_total, t["出国"], car, t["购置"], t["运行"], t["接待"]]
        if b.family == "shanghai":
            heads[0].append("机关运行经费")
            heads[1].append("")
            vals.append(b.running)
    if b.family == "mof":   # the Ministry's layout: last year's budget, then this year's, each split
        tp = b.three_public_prior
        prior = [sum(tp.values(), ZERO), tp["出国"], tp["购置"] + tp["运行"], tp["购置"], tp["运行"], tp["接待"]]
        words = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
        heads = [[f"{b.year - 1}年预算数", "", "", "", "", "", f"{b.year}年预算数", "", "", "", "", ""],
                 words + words, ["", "", "小计", "公务用车购置费", "公务用车运行费", ""] * 2]
        vals = prior + vals
    row = [w.cell(v) for v in vals]
    cells = {(0, i): v for i, v in enumerate(vals)}
    note = "" if any(vals) else _empty_note(b, "财政拨款“三公”经费支出")
    return TableSpec(key, title, heads, [row], unit=w.s.table_unit, cells=cells, total_row=0, note=note)


def _empty_note(b: Budget, what: str) -> str:
    if b.family == "shanghai":
        return f"说明：{b.name}{b.year}年度没有{what}，故本表无数据。"
    if b.family == "mof":
        return f"注：本{b.scope}{b.year}年没有使用{what.removesuffix('支出')}安排的支出，故本表无数据。"
    return f"注：{'本' + b.scope}无{what}，空表列示。"


def three_public_final(b: Budget, w: Writer, key: str, title: str) -> TableSpec:
    t, t0 = b.three_public, b.three_public_initial
    items = [("合计", b.three_public_total, sum(t0.values(), ZERO)),
             ("1、因公出国（境）费", t["出国"], t0["出国"]),
             ("2、公务用车购置及运行维护费", t["购置"] + t["运行"], t0["购置"] + t0["运行"]),
             ("（1）公务用车购置费", t["购置"], t0["购置"]),
             ("（2）公务用车运行维护费", t["运行"], t0["运行"]),
             ("3、公务接待费", t["接待"], t0["接待"])]
    out, cells = [], {}
    for name, d, p in items:
        cells[(len(out), 1)] = p
        cells[(len(out), 2)] = d
        out.append([name, w.cell(p), w.cell(d)])
    note = "" if b.three_public_total or items[0][2] else _empty_note(b, "财政拨款“三公”经费支出")
    return TableSpec(key, title, [["项目", "预算数", "决算数"]], out, unit=w.s.table_unit, cells=cells, total_row=0,
                     note=note)


def empty(key: str, title: str, b: Budget, w: Writer, what: str) -> TableSpec:
    head = _code_header(b) + ["科目名称", "合计", "基本支出", "项目支出"]
    note = _empty_note(b, what)
    return TableSpec(key, title, [head], [[""] * len(head)], note=note, unit=w.s.table_unit)


def fund(b: Budget, w: Writer, key: str, title: str) -> TableSpec:
    rows = [r for r in b.rows if r.fund]
    if not rows:
        return empty(key, title, b, w, "政府性基金预算财政拨款" + ("支出" if b.doc_type == "预算" else "收入和支出"))
    return functional(b, w, key, title, ["合计", "基本支出", "项目支出"],
                      lambda r: [r.fund, ZERO, r.fund], rows)


def procurement(b: Budget, w: Writer, key: str, title: str, by_project: bool = False) -> TableSpec:
    if b.family == "jiangsu":
        head = ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"]
        out, cells = [], {}
        cells[(0, 5)] = b.procurement_total
        out.append(["合计", "", "", "", "", w.cell(b.procurement_total)])
        for i, kind in enumerate(("货物", "工程", "服务")):
            items = [p for p in b.procurement if p[0] == kind]
            if not items:
                continue
            cells[(len(out), 5)] = b.procurement_by(kind)
            out.append([f"{chinese_int(i + 1)}、{kind}", "", "", "", "", w.cell(b.procurement_by(kind))])
            for proj in dict.fromkeys(p[1] for p in items):
                sub = sum((p[3] for p in items if p[1] == proj), ZERO)
                cells[(len(out), 5)] = sub
                econ = {"办公设备购置": "办公设备购置", "办公家具购置": "办公设备购置", "办公用房维修": "维修（护）费",
                        "物业管理": "物业管理费", "信息系统运维": "其他商品和服务支出", "会议保障": "会议费"}[proj]
                out.append(["", proj + "经费", econ, "", "", w.cell(sub)])
                for p in items:
                    if p[1] == proj:
                        cells[(len(out), 5)] = p[3]
                        out.append(["", "", "", p[2], "分散自行组织" if p[3] < 500000 else "政府集中采购",
                                    w.cell(p[3])])
        return TableSpec(key, title, [head], out, unit=w.s.table_unit, cells=cells, total_row=0, levels=(3, 5))
    if by_project and b.procurement:
        return _procurement_by_project(b, w, key, title)
    head = ["采购项目", "采购品目", "数量", "金额"]
    out, cells = [], {}
    for p in b.procurement:
        cells[(len(out), 3)] = p[3]
        out.append([p[1], p[2], "1", w.cell(p[3])])
    cells[(len(out), 3)] = b.procurement_total
    out.append(["合计", "", "", w.cell(b.procurement_total)])
    note = "" if b.procurement else "注：无政府采购预算，空表列示。"
    return TableSpec(key, title, [head], out, note=note, unit=w.s.table_unit, cells=cells, total_row=len(out) - 1)


def _procurement_by_project(b: Budget, w: Writer, key: str, title: str) -> TableSpec:
    """Two other multi-level layouts (项目 → 品目), so the level check is not tried on the
    Jiangsu layout alone: in the Ministry family's tenth table each project row carries its sum
    and its 品目 rows follow in the next column, the total first; in the Hebei family each
    project's 品目 rows come first and a 小计 row closes them, the 合计 last."""
    projects = list(dict.fromkeys(p[1] for p in b.procurement))
    out, cells = [], {}
    if b.family == "mof":
        head = ["项目名称", "采购品目", "采购方式", "预算金额"]
        cells[(0, 3)] = b.procurement_total
        out.append(["合计", "", "", w.cell(b.procurement_total)])
        for proj in projects:
            items = [p for p in b.procurement if p[1] == proj]
            cells[(len(out), 3)] = sum((p[3] for p in items), ZERO)
            out.append([proj + "项目", "", "", w.cell(cells[(len(out), 3)])])
            for p in items:
                cells[(len(out), 3)] = p[3]
                out.append(["", p[2], "分散采购" if p[3] < 500000 else "集中采购", w.cell(p[3])])
        return TableSpec(key, title, [head], out, unit=w.s.table_unit, cells=cells, total_row=0, levels=(1, 3))
    head = ["采购项目", "采购品目", "金额"]
    for proj in projects:
        items = [p for p in b.procurement if p[1] == proj]
        for p in items:
            cells[(len(out), 2)] = p[3]
            out.append([proj, p[2], w.cell(p[3])])
        cells[(len(out), 2)] = sum((p[3] for p in items), ZERO)
        out.append(["小计", "", w.cell(cells[(len(out), 2)])])
    cells[(len(out), 2)] = b.procurement_total
    out.append(["合计", "", w.cell(b.procurement_total)])
    return TableSpec(key, title, [head], out, unit=w.s.table_unit, cells=cells, total_row=len(out) - 1,
                     levels=(1, 2))


def assets(b: Budget, w: Writer, key: str, title: str) -> TableSpec:
    a = b.assets
    total = sum(a.values(), ZERO)
    rows = [("资产总额", "", total), ("1、房屋（平方米）", str(b.staff * 20), a["房屋"]),
            ("2、车辆（台、辆）", str(b.vehicles), a["车辆"]), ("3、其他固定资产", "", a["办公设备"])]
    out, cells = [], {}
    for name, n, v in rows:
        cells[(len(out), 2)] = v
        out.append([name, n, w.cell(v)])
    return TableSpec(key, title, [["项目", "数量", "价值（金额单位：万元）" if w.s.table_unit == "万元" else "价值（元）"]],
                     out, unit=w.s.table_unit, cells=cells, total_row=0)


def running_table(b: Budget, w: Writer, key: str, title: str) -> TableSpec:
    """Jiangsu 一般公共预算机关运行经费支出预算表: the 302 items."""
    out, cells = [], {}
    cells[(0, 2)] = b.running
    out.append(["", "合计", w.cell(b.running)])
    for k, v in b.economic.items():
        if k.startswith("302"):
            cells[(len(out), 2)] = v
            out.append([k, ECONOMIC[k], w.cell(v)])
    return TableSpec(key, title, [["科目编码", "科目名称", "机关运行经费"]], out, unit=w.s.table_unit, cells=cells,
                     total_row=0)


def table_set(b: Budget, w: Writer) -> list[TableSpec]:
    """The family's tables in its order."""
    s, Y = b.scope, b.year
    fin = b.doc_type == "决算"
    gpb_rows = b.gpb_rows()
    three_cols = ["合计", "基本支出", "项目支出"]
    gpb_vals = (lambda r: [r.gpb, r.basic, r.project])
    all_vals = (lambda r: [r.total, r.basic, r.project + r.fund])
    inc_vals = (lambda r: [r.total, r.gpb, r.fund])
    inc_cols = ["合计", "一般公共预算拨款", "政府性基金预算拨款"]
    if fin:
        p = {"hebei": f"{s}", "shanghai": "", "jiangsu": "", "mof": ""}[b.family]
        return [
            summary(b, w, "summary", f"{p}收入支出决算总表", False),
            functional(b, w, "income", f"{p}收入决算表", ["合计", "财政拨款收入", "其他收入"],
                       lambda r: [r.total, r.total, ZERO], b.rows),
            functional(b, w, "expense", f"{p}支出决算表", three_cols, all_vals, b.rows),
            summary(b, w, "fiscal", f"{p}财政拨款收入支出决算总表", True),
            functional(b, w, "gpb", f"{p}一般公共预算财政拨款支出决算表", three_cols, gpb_vals, gpb_rows),
            economic(b, w, "basic", f"{p}一般公共预算财政拨款基本支出决算表", True),
            fund(b, w, "fund", f"{p}政府性基金预算财政拨款收入支出决算表"),
            empty("soe", f"{p}国有资本经营预算财政拨款支出决算表", b, w, "国有资本经营预算财政拨款收入和支出"),
            three_public_final(b, w, "three", f"{p}财政拨款“三公”经费支出决算表"),
        ]
    if b.family == "hebei":
        p = f"{s}预算"
        return [
            summary(b, w, "summary", f"{p}收支总表", False),
            functional(b, w, "income", f"{p}收入总表", inc_cols, inc_vals, b.rows),
            functional(b, w, "expense", f"{p}支出总表", three_cols, all_vals, b.rows),
            summary(b, w, "fiscal", f"{p}财政拨款收支总表", True),
            functional(b, w, "gpb", f"{p}一般公共预算财政拨款支出表", three_cols, gpb_vals, gpb_rows),
            economic(b, w, "basic", f"{p}一般公共预算财政拨款基本支出表", True),
            fund(b, w, "fund", f"{p}政府性基金预算财政拨款支出表"),
            empty("soe", f"{p}国有资本经营预算财政拨款支出表", b, w, "国有资本经营预算财政拨款预算"),
            three_public(b, w, "three", f"{p}财政拨款“三公”经费支出表"),
        ]
    if b.family == "mof":   # the Ministry's standard nine tables (地方预决算公开操作规程)
        income_cols = ["合计", "上年结转", "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款",
                       "财政专户管理资金", "单位资金"]
        expense_cols = ["合计", "基本支出", "项目支出", "事业单位经营支出", "对下级单位补助支出"]
        return [
            summary(b, w, "summary", f"{s}收支总表", False),
            functional(b, w, "income", f"{s}收入总表", income_cols,
                       lambda r: [r.total, ZERO, r.gpb, r.fund, ZERO, ZERO, ZERO], b.rows),
            functional(b, w, "expense", f"{s}支出总表", expense_cols,
                       lambda r: [r.total, r.basic, r.project + r.fund, ZERO, ZERO], b.rows),
            summary(b, w, "fiscal", "财政拨款收支总表", True),
            functional(b, w, "gpb", "一般公共预算支出表", three_cols, gpb_vals, gpb_rows),
            economic(b, w, "basic", "一般公共预算基本支出表", True),
            three_public(b, w, "three", "一般公共预算“三公”经费支出表"),
            fund(b, w, "fund", "政府性基金预算支出表"),
            empty("soe", "国有资本经营预算支出表", b, w, "国有资本经营预算支出"),
        ] + ([procurement(b, w, "procurement", "政府采购预算表", by_project=True)] if b.procurement and b.extra_table else [])
    if b.family == "shanghai":
        p = f"{Y}年{s if s == '部门' else '预算单位'}"
        return [
            summary(b, w, "summary", f"1.{p}财务收支预算总表", False),
            functional(b, w, "income", f"2.{p}收入预算总表", inc_cols, inc_vals, b.rows),
            functional(b, w, "expense", f"3.{p}支出预算总表", three_cols, all_vals, b.rows),
            summary(b, w, "fiscal", f"4.{p}财政拨款收支预算总表", True),
            functional(b, w, "gpb", f"5.{p}一般公共预算支出功能分类预算表", three_cols, gpb_vals, gpb_rows),
            economic(b, w, "basic", f"6.{p}一般公共预算基本支出部门预算经济分类预算表", True),
            fund(b, w, "fund", f"7.{p}政府性基金预算支出功能分类预算表"),
            empty("soe", f"8.{p}国有资本经营预算支出功能分类预算表", b, w, "国有资本经营预算支出"),
            three_public(b, w, "three", f"9.{p}“三公”经费和机关运行经费预算表"),
        ]
    return [
        summary(b, w, "summary", "收支预算总表", False),
        functional(b, w, "income", "收入预算总表", inc_cols, inc_vals, b.rows),
        functional(b, w, "expense", "支出预算总表", three_cols, all_vals, b.rows),
        summary(b, w, "fiscal", "财政拨款收支预算总表", True),
        functional(b, w, "fiscal_expense", "财政拨款支出预算表（功能科目）", ["合计", "基本支出", "项目支出"],
                   lambda r: [r.total, r.basic, r.project + r.fund], b.rows),
        economic(b, w, "fiscal_basic", "财政拨款基本支出预算表（经济科目）", False),
        functional(b, w, "gpb", "一般公共预算支出预算表（功能科目）", three_cols, gpb_vals, gpb_rows),
        economic(b, w, "basic", "一般公共预算基本支出预算表（经济科目）", False),
        three_public(b, w, "three", "一般公共预算“三公”经费、会议费、培训费支出预算表"),
        fund(b, w, "fund", "政府性基金预算支出预算表"),
        running_table(b, w, "running", "一般公共预算机关运行经费支出预算表"),
        procurement(b, w, "procurement", f"{Y}年政府采购预算表"),
    ]


def form_cell(yuan: Decimal) -> str:
    """An amount in a 项目绩效目标表 (单位：万元)."""
    return number(yuan / WAN, 2)


def performance(b: Budget, w: Writer, index: int, project, goal: str, rng) -> TableSpec:
    """A 项目绩效目标表 in the county layout (项目编码 | 专项资金名称, 预算规模及资金用途 with 预算数 =
    财政资金 + 其他资金, the use of the money in 元, a cumulative 资金支出计划, 绩效目标, indicators)."""
    amount = project.amount
    wan = form_cell(amount)   # the form is in 万元 whatever the unit of the document's tables
    yuan = f"{int(amount):,}" if rng.random() < 0.5 else str(int(amount))
    plan = sorted(rng.sample([10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90], 3)) + [100]
    name = project.name
    subject = name.removesuffix("经费").removesuffix("项目")
    work = subject if subject.endswith("工作") else subject + "工作"   # not 文明创建工作工作
    n = project.target_count
    rows = [
        ["", "单位：万元"],
        ["项目编码", f"{b.year}-{index:04d}-{rng.randint(1000, 9999)}", "专项资金名称", name],
        ["预算规模及资金用途", "预算数", wan, "其中：财政资金", wan, "其他资金", ""],
        ["", f"用于{work}，共需资金{yuan}元。"],
        ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"],
        ["", *[f"{p:.2f}" for p in plan]],
        ["绩效目标", goal],
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
        ["产出指标", "数量指标", f"{subject}次数", f"全年开展{subject}的次数", f"≥{n}次", "年度工作计划"],
        ["", "质量指标", f"{subject}完成质量", f"{work}达到规定标准的比例", "≥95%", "工作制度"],
        ["", "时效指标", "完成及时率", "按时完成工作的比例", "100%", "工作计划"],
        ["", "成本指标", "年度支出", f"{subject}年度需支出总额", f"≤{wan}万元", "预算安排"],
        ["效益指标", "社会效益指标", "服务保障能力", f"保障{work}正常开展", "持续提升", "工作总结"],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "服务对象对工作的满意程度", "≥90%", "问卷调查"],
    ]
    return TableSpec("performance", f"{index}、{name}绩效目标表", [], rows, unit="万元",
                     cells={(2, 2): amount, (2, 4): amount})

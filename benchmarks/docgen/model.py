"""A consistent budget: the department, its year, and every figure its tables and narrative show.

All money is Decimal 元. Families whose tables are in 万元 get amounts in whole 0.01万元, so the
tables are exact; the Shanghai 预算 tables are in 元 and get whole fen. Every total is the sum of
its parts by construction, and the economic and functional views of the 基本支出 agree on the
contributions they mirror (养老/年金/医疗/公积金).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .catalog import (DEPT_KINDS, ECONOMIC, FAMILY_MINOR, FUNCTIONAL, LANDMARKS, PERSONNEL_MINOR,
                      PROCUREMENT_ITEMS, PUBLIC_MINOR, REGIONS, TOWNS, DeptKind)

FAMILIES = ("hebei", "shanghai", "jiangsu", "mof")
WAN = Decimal(10000)


def q2(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def pct(part: Decimal, whole: Decimal, places: int = 2) -> Decimal:
    return (part * 100 / whole).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass
class Region:
    province: str
    city: str
    county: str   # '' for 省/市 level
    town: str     # '' unless 乡镇街道
    level: str    # 省 市 县 区 乡镇街道

    @property
    def full(self) -> str:
        """The jurisdiction as a department's name starts: 江苏省, 石家庄市, 平乡县, 唐山市开平区 …"""
        if self.level == "省":
            return self.province
        if self.level == "市":
            return self.city
        base = self.county
        if self.county.endswith("区") and self.city != self.province:
            base = self.city + self.county if self.province != "上海市" else "上海市" + self.county
        elif self.province == "上海市":
            base = "上海市" + self.county
        return base + self.town if self.level == "乡镇街道" else base

    @property
    def short(self) -> str:
        """The word a department uses for its own jurisdiction: 省 市 县 区 镇 街道 …"""
        if self.level == "省":
            return self.province[:-1]
        if self.level == "市":
            return self.city[:-1]
        if self.level == "乡镇街道":
            return self.town[:-2] if self.town.endswith("街道") else self.town[:-1]
        return self.county[:-1]

    @property
    def level_word(self) -> str:
        """我县 / 全区 / 本市: the most specific level's character."""
        if self.level == "乡镇街道":
            return "街道" if self.town.endswith("街道") else self.town[-1]
        return self.level if self.level in ("省", "市") else self.county[-1]


@dataclass
class Row:
    """One 项 of the functional classification with its money (元)."""
    code: str
    basic: Decimal = Decimal(0)
    project: Decimal = Decimal(0)
    fund: Decimal = Decimal(0)       # 政府性基金 money (project kind)
    prior: Decimal = Decimal(0)      # 上年 amount (上年预算 for a 预算, 上年决算 for a 决算)
    initial: Decimal = Decimal(0)    # 年初预算 (决算 only)

    @property
    def total(self) -> Decimal:
        return self.basic + self.project + self.fund

    @property
    def gpb(self) -> Decimal:
        return self.basic + self.project

    @property
    def name(self) -> str:
        return FUNCTIONAL[self.code]


@dataclass
class Project:
    name: str
    code: str          # the 项 it is booked under
    amount: Decimal
    prior: Decimal
    target_count: int  # a 数量指标 value


@dataclass
class Budget:
    family: str
    year: int
    doc_type: str     # 预算 | 决算
    scope: str        # 部门 | 单位
    region: Region
    kind: DeptKind
    name: str         # the publishing body (department or unit)
    short_names: list[str]
    parent: str       # the department above a 单位, or the 财政 body above a department
    other_region: Region
    other_name: str   # a department of another region (for the other-unit plant)
    other_local_name: str = ""   # another department of the same region (not its 财政 body)
    rows: list[Row] = field(default_factory=list)
    economic: dict[str, Decimal] = field(default_factory=dict)   # 5-digit economic item -> 元 (基本支出)
    projects: list[Project] = field(default_factory=list)
    three_public: dict[str, Decimal] = field(default_factory=dict)
    three_public_prior: dict[str, Decimal] = field(default_factory=dict)
    three_public_initial: dict[str, Decimal] = field(default_factory=dict)
    running_prior: Decimal = Decimal(0)
    procurement: list[tuple[str, str, str, Decimal]] = field(default_factory=list)  # (品目, 项目, 物品, 元)
    assets: dict[str, Decimal] = field(default_factory=dict)
    vehicles: int = 0
    staff: int = 0
    quantum: Decimal = Decimal(100)   # smallest amount step in 元
    # the 政府采购 table by project (项目 → 品目): the mof family's tenth table, a Hebei layout
    extra_table: bool = False

    # ---------------------------------------------------------------- figures
    @property
    def basic(self) -> Decimal:
        return sum((r.basic for r in self.rows), Decimal(0))

    @property
    def project_total(self) -> Decimal:
        return sum((r.project + r.fund for r in self.rows), Decimal(0))

    @property
    def gpb(self) -> Decimal:
        return sum((r.gpb for r in self.rows), Decimal(0))

    @property
    def fund(self) -> Decimal:
        return sum((r.fund for r in self.rows), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.gpb + self.fund

    @property
    def prior_total(self) -> Decimal:
        return sum((r.prior for r in self.rows), Decimal(0))

    @property
    def initial_total(self) -> Decimal:
        return sum((r.initial for r in self.rows), Decimal(0))

    def econ_class(self, cls: str) -> Decimal:
        return sum((v for k, v in self.economic.items() if k.startswith(cls)), Decimal(0))

    @property
    def personnel(self) -> Decimal:
        return self.econ_class("301") + self.econ_class("303")

    @property
    def public(self) -> Decimal:
        return self.econ_class("302")

    def classes(self) -> list[str]:
        seen: list[str] = []
        for r in self.rows:
            if r.code[:3] not in seen:
                seen.append(r.code[:3])
        return seen

    def kuans(self) -> list[str]:
        seen: list[str] = []
        for r in self.rows:
            if r.code[:5] not in seen:
                seen.append(r.code[:5])
        return seen

    def sum_of(self, prefix: str, attr: str = "total") -> Decimal:
        return sum((getattr(r, attr) for r in self.rows if r.code.startswith(prefix)), Decimal(0))

    def gpb_rows(self) -> list[Row]:
        return [r for r in self.rows if r.gpb]

    @property
    def three_public_total(self) -> Decimal:
        t = self.three_public
        return t["出国"] + t["购置"] + t["运行"] + t["接待"]

    @property
    def running(self) -> Decimal:
        """机关运行经费: the 公用经费 of the 基本支出 (行政单位)."""
        return self.public

    @property
    def procurement_total(self) -> Decimal:
        return sum((p[3] for p in self.procurement), Decimal(0))

    def procurement_by(self, kind: str) -> Decimal:
        return sum((p[3] for p in self.procurement if p[0] == kind), Decimal(0))

    @property
    def finance(self) -> str:
        """The 财政 body of the jurisdiction (it numbers the 财预 documents)."""
        r = self.region
        above = r.full if r.level != "乡镇街道" else r.full[:-len(r.town)]
        return above + ("财政厅" if r.level == "省" else "财政局")

    @property
    def label(self) -> str:
        return f"{self.scope}{self.doc_type}"


# --------------------------------------------------------------------------- building

class Maker:
    def __init__(self, rng: random.Random, quantum: Decimal):
        self.rng = rng
        self.q = quantum

    def amount(self, lo_wan: float, hi_wan: float) -> Decimal:
        steps_lo = int(Decimal(str(lo_wan)) * WAN / self.q)
        steps_hi = int(Decimal(str(hi_wan)) * WAN / self.q)
        return self.q * self.rng.randint(steps_lo, steps_hi)

    def round_amount(self, lo_wan: float, hi_wan: float) -> Decimal:
        """Often a round figure (30万元, 2.5万元), as projects and 三公 budgets usually are."""
        x = self.amount(lo_wan, hi_wan)
        if self.rng.random() < 0.5:
            step = WAN if x >= 2 * WAN else WAN / 2
            x = max(step, (x / step).quantize(Decimal(1)) * step)
        return x

    def split(self, total: Decimal, n: int) -> list[Decimal]:
        """n positive parts, each a multiple of the quantum, adding up to total exactly."""
        steps = int(total / self.q)
        if n <= 1 or steps < n:
            return [total] + [Decimal(0)] * (n - 1)
        cuts = sorted(self.rng.sample(range(1, steps), n - 1))
        bounds = [0, *cuts, steps]
        return [self.q * (b - a) for a, b in zip(bounds, bounds[1:])]

    def vary(self, x: Decimal, spread: float = 0.25) -> Decimal:
        """A plausible other year's amount: x changed by up to ±spread, never exactly equal."""
        if not x:
            return Decimal(0)
        f = Decimal(str(round(1 + self.rng.uniform(-spread, spread), 4)))
        y = (x * f / self.q).quantize(Decimal(1)) * self.q
        return y if y != x else y + self.q * 7


def pick_region(rng: random.Random, family: str, level: str) -> Region:
    province = {"hebei": "河北省", "shanghai": "上海市", "jiangsu": "江苏省"}.get(family) or \
        rng.choice(["浙江省", "山东省"])   # mof: the Ministry's standard tables, as other provinces publish them
    cities = REGIONS[province]
    if level in ("县", "区"):   # a city that has a county (district) of that level: no 县级市 for 县
        cities = [c for c in cities if any(x.endswith(level) for x in c[1])] or cities
    city, counties = rng.choice(cities)
    if level in ("县", "区"):
        choices = [c for c in counties if c.endswith(level)] or counties
        county = rng.choice(choices)
    else:
        county = rng.choice(counties) if level == "乡镇街道" else ""
    town = rng.choice(TOWNS) if level == "乡镇街道" else ""
    return Region(province, city, county, town, level)


def other_region(rng: random.Random, region: Region) -> Region:
    """Another jurisdiction of the same level (the neighbour a template was copied from)."""
    for _ in range(50):
        province = rng.choice([region.province] * 3 + list(REGIONS))
        city, counties = rng.choice(REGIONS[province])
        county = rng.choice(counties) if region.level in ("县", "区", "乡镇街道") else ""
        if region.level in ("县", "区") and not county.endswith(region.level):
            continue
        town = rng.choice(TOWNS) if region.level == "乡镇街道" else ""
        cand = Region(province, city, county, town, region.level)
        if cand.full != region.full and cand.short != region.short and cand.short not in region.full \
                and region.short not in cand.full:
            return cand
    raise RuntimeError("no other region")


def levels_for(family: str) -> list[str]:
    return {"hebei": ["县", "县", "区", "市", "乡镇街道"], "shanghai": ["区", "区", "区", "市", "乡镇街道"],
            "jiangsu": ["省", "省", "市", "区", "县"], "mof": ["省", "市", "区", "县"]}[family]


def dept_name(kind: DeptKind, region: Region) -> tuple[str, list[str]]:
    if region.level == "乡镇街道":
        town = region.town
        full = region.full + ("办事处" if town.endswith("街道") else "人民政府")
        return full, [town + ("办事处" if town.endswith("街道") else "政府"), "本" + region.level_word]
    full = kind.full.format(r=region.full)
    core = kind.short.format(s="")            # 财政局 / 委网信办 / 政府办
    if region.level == "省":
        full = _provincial(full)
        core = _provincial(core)
    # own abbreviations: 县财政局, 区委网信办, 省检察院 … and the bare 网信办 / 财政局
    return full, [region.level_word + core, core.lstrip("委")]


PROVINCIAL = {"财政局": "财政厅", "教育局": "教育厅", "司法局": "司法厅", "民政局": "民政厅", "文旅局": "文旅厅",
              "文化和旅游局": "文化和旅游厅", "自然资源和规划局": "自然资源厅", "自然资源局": "自然资源厅",
              "农业农村局": "农业农村厅", "人民政府办公室": "人民政府办公厅", "政府办": "政府办公厅",
              "商务委员会": "商务厅", "商务委": "商务厅"}


def _provincial(name: str) -> str:
    for a, b in PROVINCIAL.items():
        if name.endswith(a):
            return name[: -len(a)] + b
    return name


def make_budget(seed: int, family: str, doc_type: str = "预算", scope: str = "部门",
                level: str | None = None, year: int | None = None) -> Budget:
    rng = random.Random(f"{family}/{doc_type}/{scope}/{seed}")
    level = level or rng.choice(levels_for(family))
    year = year or rng.randint(2020, 2026)
    region = pick_region(rng, family, level)
    kind = rng.choice([k for k in DEPT_KINDS if level != "省" or k.kuan not in ("21201",)])
    if level == "乡镇街道":
        kind = next(k for k in DEPT_KINDS if k.kuan == "20103")  # a town's office spends as 政府办
    name, shorts = dept_name(kind, region)
    above = region.full if region.level != "乡镇街道" else region.full[:-len(region.town)]
    parent = above + ("财政厅" if region.level == "省" else "财政局")
    if scope == "单位":
        dept = name
        name = kind.unit.format(r=region.full) if level != "乡镇街道" else region.full + "社区事务受理服务中心"
        shorts = ["本中心"] if name.endswith("中心") else []
        parent = dept
    oth = other_region(rng, region)
    other_kind = rng.choice([k for k in DEPT_KINDS if k is not kind])
    other_name = dept_name(other_kind, oth)[0]
    local_kinds = [k for k in DEPT_KINDS if k is not kind and k.kuan != "20106"]
    other_local = dept_name(rng.choice(local_kinds), region)[0] if level != "乡镇街道" else \
        region.full[:-len(region.town)] + rng.choice(["民政局", "司法局", "教育局"])
    # tables in 元 (with fen): Shanghai's 预算, and half of the mof family's documents
    yuan = family == "shanghai" and doc_type == "预算" or family == "mof" and rng.random() < 0.5
    quantum = Decimal("0.01") if yuan else Decimal(100)
    b = Budget(family, year, doc_type, scope, region, kind, name, shorts, parent, oth, other_name,
               other_local_name=other_local, quantum=quantum)
    _fill(b, Maker(rng, quantum), rng)
    # drawn from a stream of its own, so every other figure of the seed stays as it was
    b.extra_table = family in ("mof", "hebei") and random.Random(f"{family}/{doc_type}/{scope}/{seed}/table").random() < 0.6
    return b


def _fill(b: Budget, mk: Maker, rng: random.Random) -> None:
    scale = rng.choice([0.3, 1, 3, 10])
    kuan = b.kind.kuan
    staff = rng.randint(8, 60)
    b.staff = staff
    # --- 基本支出: contributions first (they mirror economic items), then the rest
    pension = mk.amount(2 * scale, 12 * scale)
    annuity = q_round(pension / 2, mk.q)
    medical = mk.amount(1 * scale, 6 * scale)
    housing = mk.amount(1.5 * scale, 9 * scale)
    running_basic = mk.amount(30 * scale, 150 * scale)
    retire = mk.amount(0.5 * scale, 5 * scale) if rng.random() < 0.6 else Decimal(0)
    rows = [Row(kuan + "01", basic=running_basic)]
    if rng.random() < 0.4 and kuan + "50" in FUNCTIONAL:
        rows.append(Row(kuan + "50", basic=mk.amount(10 * scale, 40 * scale)))
    # projects go to 一般行政管理事务 (02) or the 款's own 项
    own_items = [c for c in FUNCTIONAL if c.startswith(kuan) and len(c) == 7 and c[-2:] not in ("01", "50")]
    n_projects = rng.randint(1, 3)
    project_amounts = [mk.round_amount(3 * scale, 60 * scale) for _ in range(n_projects)]
    if rng.random() < 0.25:   # an amount that reads like a year (2024万元 in a 2024 budget): a trap for BL301
        project_amounts[0] = Decimal(b.year - rng.choice([0, 1, 2])) * WAN
    names = list(b.kind.projects)
    rng.shuffle(names)
    project_codes = [rng.choice(own_items) for _ in range(n_projects)]
    for code, amt, pname in zip(project_codes, project_amounts, names):
        b.projects.append(Project(pname + ("经费" if rng.random() < 0.5 else "项目"), code, amt, mk.vary(amt),
                                  rng.randint(2, 30)))
        row = next((r for r in rows if r.code == code), None)
        if row is None:
            row = Row(code)
            rows.append(row)
        row.project += amt
    if retire:
        rows.append(Row("2080501", basic=retire))
    rows.append(Row("2080505", basic=pension))
    rows.append(Row("2080506", basic=annuity))
    rows.append(Row("2101101", basic=medical))
    rows.append(Row("2210201", basic=housing))
    if rng.random() < 0.5:
        rows.append(Row("2210202", basic=mk.amount(0.5 * scale, 4 * scale)))
    if rng.random() < 0.2:
        fund = mk.amount(5 * scale, 30 * scale)
        rows.append(Row("2296002", fund=fund))
        b.projects.append(Project("彩票公益金资助项目", "2296002", fund, mk.vary(fund), rng.randint(2, 30)))
    rows.sort(key=lambda r: r.code)
    for r in rows:
        r.prior = mk.vary(r.total)
        r.initial = mk.vary(r.total, 0.08) if b.doc_type == "决算" else Decimal(0)
    b.rows = rows
    # --- economic split of the 基本支出 (mirrors first)
    econ = {"30108": pension, "30109": annuity, "30110": medical, "30113": housing}
    rest = b.basic - pension - annuity - medical - housing
    if retire:
        econ["30302"] = retire
        rest -= retire
    public = q_round(rest * Decimal(str(rng.uniform(0.08, 0.2))), mk.q)
    personnel = rest - public
    for code, v in zip(rng.sample(PERSONNEL_MINOR, 4), mk.split(personnel, 4)):
        econ[code] = econ.get(code, Decimal(0)) + v
    public_items = rng.sample(PUBLIC_MINOR, rng.randint(5, 9))
    for code, v in zip(public_items, mk.split(public, len(public_items))):
        econ[code] = v
    b.economic = dict(sorted(econ.items()))
    # --- 三公
    tp = {"出国": Decimal(0), "购置": Decimal(0), "运行": Decimal(0), "接待": Decimal(0)}
    if rng.random() < 0.8:
        tp["接待"] = mk.round_amount(0.2 * scale, 3 * scale)
        tp["运行"] = mk.amount(0.5 * scale, 4 * scale) if rng.random() < 0.7 else Decimal(0)
        tp["购置"] = mk.amount(5, 25) if rng.random() < 0.15 else Decimal(0)
        tp["出国"] = mk.round_amount(1 * scale, 8 * scale) if rng.random() < 0.25 else Decimal(0)
    b.three_public = tp
    b.three_public_prior = {k: (mk.vary(v) if rng.random() < 0.7 else v) for k, v in tp.items()}
    b.three_public_initial = {k: mk.vary(v, 0.1) if v else Decimal(0) for k, v in tp.items()}
    b.running_prior = mk.vary(b.public)
    # --- procurement (multi-level: 品目 → 项目 → 物品)
    if rng.random() < 0.8:
        for kind_word in rng.sample(list(PROCUREMENT_ITEMS), rng.randint(1, 3)):
            for proj, goods in rng.sample(PROCUREMENT_ITEMS[kind_word], 1):
                for g in rng.sample(goods, rng.randint(1, len(goods))):
                    b.procurement.append((kind_word, proj, g, mk.amount(0.5 * scale, 10 * scale)))
    # --- assets
    b.vehicles = rng.randint(0, 4)
    land = mk.amount(20 * scale, 300 * scale)
    b.assets = {"房屋": land, "车辆": mk.amount(8, 40) * b.vehicles, "办公设备": mk.amount(2 * scale, 30 * scale)}


def q_round(x: Decimal, quantum: Decimal) -> Decimal:
    return (x / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP) * quantum


def landmark(region: Region) -> str:
    """The place a 绩效目标 names: 平乡, 普陀; a one-character short name (威 for 威县) is not used alone."""
    short = region.short if len(region.short) > 1 else region.county or region.city
    return LANDMARKS.get(region.county, short)


__all__ = ["Budget", "Row", "Project", "Region", "make_budget", "pct", "q2", "WAN", "FAMILIES", "ECONOMIC",
           "landmark"]

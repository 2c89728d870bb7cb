"""Consistent transformations of the real seeds, for the generalisation test.

Each transformation rewrites a .txt seed the way another department, region, year, unit or
province would have written the same document: every occurrence of the changed thing is
changed the same way, and nothing else is touched. Every transformation works inside lines
(it never adds or removes a line break), so a finding's line number in the original is its
line number in the variant.

The transformations are written as a careful human editor would do them, independently of the
product (no linter import here): years are only years (文号【2019】, 2022-12-31, 预算年度：2023,
2023年), never amounts (2083.68万元) or codes (2013701); the level character is swapped only
where it names the jurisdiction (全县 我县 县委 平乡县 …), never inside 社区 / 地区 / 县区 …;
table amounts are only the amounts (预算数 7.41, not the 资金支出计划 percentages 25.00 or a
procurement 数量 1.00).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

# --------------------------------------------------------------------------- years

_YEAR = re.compile(r"(?<![\d.,０-９A-Za-z])((?:19|20)\d\d)(?![\d.,０-９])")
# what makes a four-digit number a year: what follows it, or what precedes it
_YEAR_AFTER = re.compile(r"\s*年|-\d{1,2}-\d{1,2}|\s*[】］\]〕]")
_YEAR_BEFORE = re.compile(r"(?:年度[：:]\s*|[【［\[〔]\s*)$")
_YEAR_NAME = re.compile(r"[\u4e00-\u9fff][”\"」]")  # 晴朗2020” (a campaign named by its year)
_NOT_YEAR_AFTER = re.compile(r"\s*(?:万?元|%|％|人|个|次|分)")


def is_year_at(text: str, m: re.Match) -> bool:
    after = text[m.end():m.end() + 12]
    before = text[max(0, m.start() - 8):m.start()]
    if _NOT_YEAR_AFTER.match(after):
        return False
    if _YEAR_AFTER.match(after) or _YEAR_BEFORE.search(before):
        return True
    return bool(before and _YEAR_NAME.match(before[-1] + after[:1]))


def shift_years(text: str, offset: int) -> str:
    """Every year mention moves by `offset`; amounts, codes and 十四五 stay as they are."""

    def sub(m: re.Match) -> str:
        return str(int(m.group(1)) + offset) if is_year_at(text, m) else m.group(0)

    return _YEAR.sub(sub, text)


# --------------------------------------------------------------------------- regions

# the seed's own county/district, and another one at the same level in the same prefecture
# (short names too: 网信平乡, 涉玉舆情, 元发【2019】 are written with the short name)
SAME_LEVEL = {
    "000": [("平乡", "广宗")],
    "001": [("鹿泉", "栾城")],
    "002": [("元氏", "赞皇"), ("元发【", "赞发【")],
    "003": [("玉田", "滦南"), ("涉玉", "涉滦")],
    "004": [("开平", "路南")],
}


# names of unusual length and shape: a one-character county (威县, 网信威县), a three- and a
# four-character district (曹妃甸区, 井陉矿区 — whose 矿区 is also a common word)
ODD_NAMES = {
    "000": [("平乡县", "威县"), ("平乡", "威县")],
    "001": [("鹿泉", "井陉矿")],
    "002": [("元氏县", "蠡县"), ("元氏", "蠡县"), ("元发【", "蠡发【")],
    "003": [("玉田县", "雄县"), ("玉田", "雄县"), ("涉玉", "涉雄")],
    "004": [("开平", "曹妃甸")],
}

# another province (山西): province, its abbreviation and its campaign names, the prefecture
# and its 文号 abbreviation, and a county or district of that prefecture (平城区: 城区 inside)
PROVINCE = {
    "*": [("河北省", "山西省"), ("河北", "山西"), ("冀", "晋"), ("燕赵", "三晋")],
    "000": [("平乡", "平遥")],
    "001": [("石家庄市鹿泉", "太原市小店"), ("石家庄", "太原"), ("鹿泉", "小店")],
    "002": [("元氏", "清徐"), ("元发【", "清发【")],
    "003": [("玉田", "阳曲"), ("涉玉", "涉曲")],
    "004": [("唐山市开平", "大同市平城"), ("唐山", "大同"), ("唐网", "同网"), ("开平", "平城")],
}


def _replace_all(text: str, pairs: list[tuple[str, str]]) -> str:
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def rename_region(text: str, stem: str) -> str:
    return _replace_all(text, SAME_LEVEL[stem[:3]])


def rename_region_odd(text: str, stem: str) -> str:
    return _replace_all(text, ODD_NAMES[stem[:3]])


def move_province(text: str, stem: str) -> str:
    return _replace_all(text, PROVINCE["*"] + PROVINCE[stem[:3]])


# words in which 县 / 区 does not name the document's jurisdiction: left alone by a careful editor
_KEEP = {
    "区": ["地区", "社区", "经开区", "开发区", "高新区", "园区", "景区", "区域", "区划", "区间", "区别",
          "区分", "小区", "辖区", "片区", "城区", "新区", "县区", "区县", "山区", "库区", "矿区", "老区"],
    "县": ["县区", "区县", "县市", "市县", "县乡", "郡县"],
    "旗": [],
}


def swap_level(text: str, old: str, new: str, names: tuple[str, ...] = ()) -> str:
    """县 → 区 (or 区 → 县) wherever it names the jurisdiction: 平乡县 全县 我县 县委 县级 县域
    县内 县领导 …, and also inside find-and-replace damage (服务县场 → 服务区场: the document was
    damaged by an earlier 市→县 replacement, the damage moves with the level). `names` are the
    region's short names (栾城): 栾城区 → 栾城县 although 城区 alone is a word that stays."""
    for name in names:
        text = text.replace(name + old, name + new)
    keep = _KEEP[old]
    guard = "|".join(sorted(keep, key=len, reverse=True))
    pattern = re.compile(rf"(?:{guard})|{old}")
    return pattern.sub(lambda m: m.group(0) if m.group(0) != old else new, text)


def level_of(stem: str) -> str:
    return {"000": "县", "001": "区", "002": "县", "003": "县", "004": "区"}[stem[:3]]


def change_level(text: str, stem: str) -> str:
    old = level_of(stem)
    names = tuple(n for pair in SAME_LEVEL[stem[:3]][:1] for n in pair)
    return swap_level(text, old, "区" if old == "县" else "县", names)


def county_to_banner(text: str, stem: str) -> str:
    """A county document as an Inner Mongolian banner's (旗: 全旗 我旗 旗委 旗级财政)."""
    if level_of(stem) != "县":
        return text
    return swap_level(text, "县", "旗", tuple(n for n, _ in SAME_LEVEL[stem[:3]][:1]))


def rename_department(text: str, stem: str) -> str:
    """Another department of the same government: the 网信办 becomes the 编办 (中共X县委机构编制
    委员会办公室). Only the document's own body is renamed: 省委网信办 / 市委网信办 stay."""
    lvl = level_of(stem)
    text = re.sub(rf"(?<={lvl}委)网络安全和信息化委员会", "机构编制委员会", text)
    text = re.sub(rf"(?<={lvl}委)网信办", "编办", text)
    return text


_CN_DIGITS = dict(zip("0123456789", "〇一二三四五六七八九"))
_NARRATIVE_YEAR = re.compile(r"(?<![\d.,【［\[〔：:])((?:19|20)\d\d)(?=\s*年)")


def chinese_years(text: str) -> str:
    """Narrative years written in Chinese numerals (二〇二三年); table cells and 文号 stay."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "\t" in line:
            continue
        lines[i] = _NARRATIVE_YEAR.sub(lambda m: "".join(_CN_DIGITS[d] for d in m.group(1)), line)
    return "\n".join(lines)


# --------------------------------------------------------------------------- table amounts

_UNIT = re.compile(r"(单位\s*[：:]\s*)(万元|元)")
_DECIMAL = re.compile(r"-?\d+\.\d+")
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
_MEASURE = re.compile(r"[个台套辆件人次项批张部块本]")
_LABEL = re.compile(r"(?:[：:]|财政\s*资金|其他资金|其他)\s*$")


def _in_table(line: str) -> bool:
    return not line.strip() or "\t" in line or line.startswith("page")


def money_cells(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, cell index in line.split('\\t'), unit) of every table amount.

    A table region starts at its 单位：万元 / 单位：元 line and runs while lines are table
    rows (TAB-led) or blank. In one-cell-per-line rows an amount is a number printed with
    decimals, except the 资金支出计划 percentages and a 数量 after its 计量单位 (个, 台 …);
    in rows written on one line (seed 002) it is a number after its label (预算数：, 执行数：,
    其中：财政资金, 其他)."""
    out = []
    unit = None
    prev = ""  # previous cell of the current row
    skip_rows = 0  # rows still to skip after a 资金支出计划 label
    for i, line in enumerate(lines):
        m = _UNIT.search(line)
        if m:
            unit, prev, skip_rows = m.group(2), "", 0
            continue
        if unit is None:
            continue
        if not _in_table(line):
            unit = None
            continue
        if not line.strip():  # row separator
            if prev:
                skip_rows = max(0, skip_rows - 1)
            prev = ""
            continue
        cells = line.split("\t")
        if line.startswith("\t") and len(cells) == 2:  # one cell per line
            c = cells[1].strip()
            if "资金支出计划" in c:
                skip_rows = 2  # this row and the next one are the plan, in %
            elif not skip_rows and _DECIMAL.fullmatch(c) and not _MEASURE.fullmatch(prev):
                out.append((i, 1, unit))
            prev = c or prev or " "
            continue
        for k, c in enumerate(cells):  # a row on one line
            if k and _PLAIN.fullmatch(c.strip()) and _LABEL.search(cells[k - 1]):
                out.append((i, k, unit))
        prev = ""
    return out


def _to_yuan(s: str) -> str:
    return format((Decimal(s) * 10000).quantize(Decimal("0.01")), "f")


def _to_wanyuan(s: str) -> str:
    v = Decimal(s) / 10000
    text = format(v.normalize(), "f")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def _group(s: str) -> str:
    sign = "-" if s.startswith("-") else ""
    whole, dot, frac = s.lstrip("-").partition(".")
    return sign + f"{int(whole):,}" + dot + frac


def _edit_cells(text: str, edit: Callable[[str, str], str], unit_line: Callable[[str], str] | None = None) -> str:
    lines = text.split("\n")
    for i, k, unit in money_cells(lines):
        cells = lines[i].split("\t")
        raw = cells[k]
        lead = raw[:len(raw) - len(raw.lstrip())]
        tail = raw[len(raw.rstrip()):]
        cells[k] = lead + edit(raw.strip(), unit) + tail
        lines[i] = "\t".join(cells)
    if unit_line:
        lines = [unit_line(ln) for ln in lines]
    return "\n".join(lines)


def swap_table_unit(text: str) -> str:
    """Tables in 万元 are printed in 元 (×10000, 2 decimals), tables in 元 in 万元 (exact, at
    least 2 decimals); the unit line says so. The narrative keeps its own unit."""

    def edit(s: str, unit: str) -> str:
        return _to_yuan(s) if unit == "万元" else _to_wanyuan(s)

    def unit_line(line: str) -> str:
        return _UNIT.sub(lambda m: m.group(1) + ("元" if m.group(2) == "万元" else "万元"), line)

    return _edit_cells(text, edit, unit_line)


def fullwidth_tables(text: str) -> str:
    """Table amounts in full-width digits (１０７．５４), as some PDF exports print them."""
    return _edit_cells(text, lambda s, unit: s.translate(_FULLWIDTH))


def group_thousands(text: str) -> str:
    """Table amounts written with thousands separators (1,075,400.00)."""
    return _edit_cells(text, lambda s, unit: _group(s))


_FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
_NARRATIVE_AMOUNT = re.compile(r"(?<![\d.,])\d+(?:\.\d+)?(?=\s*万?元)")


def fullwidth_narrative(text: str) -> str:
    """Every second amount of the narrative (万元/元 after it) in full-width digits (１０７．５４万元)."""
    lines = text.split("\n")
    n = 0
    for i, line in enumerate(lines):
        if "\t" in line or line.startswith("[bookmark"):
            continue

        def sub(m: re.Match) -> str:
            nonlocal n
            n += 1
            return m.group(0).translate(_FULLWIDTH) if n % 2 else m.group(0)

        lines[i] = _NARRATIVE_AMOUNT.sub(sub, line)
    return "\n".join(lines)


_NARRATIVE_WANYUAN = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)(\s*)万元")


def narrative_in_yuan(text: str) -> str:
    """Narrative amounts in 元 instead of 万元 (107.54万元 → 1075400元, exact digits); tables stay."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "\t" in line or line.startswith("[bookmark"):
            continue
        lines[i] = _NARRATIVE_WANYUAN.sub(
            lambda m: format((Decimal(m.group(1)) * 10000).normalize(), "f") + m.group(2) + "元", line)
    return "\n".join(lines)


def unit_scope(text: str) -> str:
    """A 单位预算 instead of a 部门预算: 部门预算 → 单位预算, 本部门/我部门 → 本单位/我单位
    (有关部门, 职能部门, 部门整体 … are other words and stay). Not for a 部门整体支出 report
    (seed 002): its scope is the department's by its title, whatever its tables are called."""
    if "整体支出" in text:
        return text
    text = text.replace("部门预算", "单位预算")
    return re.sub(r"(?<=[本我])部门", "单位", text)


# --------------------------------------------------------------------------- wording

# another province's wording for the same table or item; each right-hand side is a title
# alias in linter/data/table_kinds.json or a synonym / row label in linter/data/items.json
WORDING = [
    # table titles
    (r"部门预算收支总表", "部门收支预算总表"),
    (r"部门预算收入总表", "部门收入预算总表"),
    (r"部门预算支出总表", "部门支出预算总表"),
    (r"部门预算财政拨款收支总表", "部门财政拨款收支预算总表"),
    (r"一般公共预算财政拨款基本支出表", "一般公共预算基本支出预算表"),
    (r"一般公共预算财政拨款支出表", "一般公共预算支出预算表"),
    (r"政府性基金预算财政拨款支出表", "政府性基金预算支出预算表"),
    (r"国有资本经营预算财政拨款支出表", "国有资本经营预算支出预算表"),
    # narrative items
    (r"(?<!性)(?<!政府)基金预算收入", "政府性基金预算收入"),
    (r"一般公共预算收入", "一般公共预算财政拨款收入"),
    (r"财政专户核拨收入", "财政专户管理资金收入"),
    (r"其他来源收入", "单位资金收入"),
    (r"日常公用经费", "公用经费"),
    (r"机关运行经费", "机关运行费"),
    (r"公务用车运维费", "公务用车运行维护费"),
    (r"公务用车购置及运维费", "公务用车购置及运行维护费"),
    # table row labels (收支总表 一、一般公共预算拨款收入; 财政拨款收支总表 一般公共预算拨款)
    (r"一般公共预算拨款收入", "一般公共预算财政拨款收入"),
    (r"(?<=[、\t])一般公共预算拨款(?=\s*$)", "一般公共预算财政拨款"),
]


def province_wording(text: str) -> str:
    for pat, new in WORDING:
        text = re.sub(pat, new, text, flags=re.M)
    return text


# --------------------------------------------------------------------------- variants


@dataclass(frozen=True)
class Variant:
    name: str
    make: Callable[[str, str], str]  # (seed stem, text) -> text
    what: str


def _chain(*fs: Callable[[str, str], str]) -> Callable[[str, str], str]:
    def run(stem: str, text: str) -> str:
        for f in fs:
            text = f(stem, text)
        return text

    return run


YEAR_OFFSET = 4


def _years(stem, text):
    return shift_years(text, YEAR_OFFSET)


def _region(stem, text):
    return rename_region(text, stem)


def _level(stem, text):
    return change_level(text, stem)


def _dept(stem, text):
    return rename_department(text, stem)


def _unit(stem, text):
    return swap_table_unit(text)


def _thousands(stem, text):
    return group_thousands(text)


def _fullwidth(stem, text):
    return fullwidth_narrative(text)


def _wording(stem, text):
    return province_wording(text)


VARIANTS = [
    Variant("year+4", _years, f"every year moved by +{YEAR_OFFSET}"),
    Variant("year+7", lambda stem, text: shift_years(text, 7), "every year moved by +7 (into the 2030s)"),
    Variant("year-5", lambda stem, text: shift_years(text, -5), "every year moved by -5"),
    Variant("cn-years", lambda stem, text: chinese_years(text), "narrative years in Chinese numerals (二〇二三年)"),
    Variant("region", _region, "another county/district of the same prefecture"),
    Variant("region-odd", lambda stem, text: rename_region_odd(text, stem),
            "a one-character county (威县) or a three/four-character district (曹妃甸区, 井陉矿区)"),
    Variant("province", lambda stem, text: move_province(text, stem),
            "another province (山西: 晋, 太原市小店区, 大同市平城区 …)"),
    Variant("level", _level, "县 ↔ 区 wherever it names the jurisdiction"),
    Variant("banner", lambda stem, text: county_to_banner(text, stem), "a county document as a banner's (县 → 旗)"),
    Variant("department", _dept, "the 网信办 renamed to the 编办 of the same government"),
    Variant("unit", _unit, "tables in 元 instead of 万元 (and 万元 instead of 元)"),
    Variant("thousands", _thousands, "table amounts with thousands separators"),
    Variant("unit+thousands", _chain(_unit, _thousands), "tables in 元 with separators (1,075,400.00)"),
    Variant("narrative-yuan", lambda stem, text: narrative_in_yuan(text), "narrative amounts in 元 (1075400元)"),
    Variant("fullwidth-tables", lambda stem, text: fullwidth_tables(text), "table amounts in full-width digits"),
    Variant("unit-scope", lambda stem, text: unit_scope(text), "a 单位预算 instead of a 部门预算"),
    Variant("fullwidth", _fullwidth, "every second narrative amount in full-width digits"),
    Variant("wording", _wording, "another province's names for the tables and items"),
    Variant("all", _chain(_years, _region, _dept, _level, _unit, _thousands, _fullwidth, _wording),
            "all of the above at once"),
]

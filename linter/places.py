"""Place names and where they lie.

- place_names() / place_stems(): the place names of jieba's dictionary (linter/data/
  region_names.txt) with their government's level, and the stems a text names them by alone.
- divisions(): China's administrative divisions to the county level with their codes
  (linter/data/admin_divisions.txt, the National Bureau of Statistics' 统计用区划代码), so a
  place is read against the document's own region by the hierarchy: 吴中 lies in 苏州市, 西湖区
  does not; 河北省 holds 平乡县.

A code has 6 digits: 2 for the province, 2 for the prefecture, 2 for the county. A division's
line is itself, its prefecture and its province.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .vocab import load_json, load_lines


@lru_cache(maxsize=None)
def place_names() -> dict[str, str]:
    """Known place names (region_names.txt) -> the level of their government."""
    out = {}
    for line in load_lines("region_names.txt"):
        name, level, *_ = line.split(" ")
        out[name] = level
    return out


@lru_cache(maxsize=None)
def stem_stop() -> frozenset[str]:
    """Stems that are common words first (和平, 东方 …): never read as a place alone."""
    return frozenset(load_json("unit_words.json")["place_stem_stop"])


@lru_cache(maxsize=None)
def place_stems() -> dict[str, tuple[str, str]]:
    """Stems by which a text names a place alone (静安 for 静安区) -> (name, level)."""
    out = {}
    stop = stem_stop()
    for line in load_lines("region_names.txt"):
        parts = line.split(" ")
        if len(parts) == 3 and parts[2] not in stop:
            out.setdefault(parts[2], (parts[0], parts[1]))
    return out


@dataclass(frozen=True)
class Divisions:
    name: dict[str, str]  # code -> name
    by_name: dict[str, tuple[str, ...]]  # full name -> codes (西湖区: Hangzhou's and Nanchang's)
    by_stem: dict[str, tuple[str, ...]]  # stem -> codes (江宁 -> 南京市江宁区)

    def codes(self, place: str) -> tuple[str, ...]:
        """The divisions a name or stem may stand for."""
        return self.by_name.get(place) or self.by_stem.get(place) or ()

    def level(self, code: str) -> str:
        """省, 市 (a prefecture) or 县 (a county or district)."""
        return "省" if code.endswith("0000") else ("市" if code.endswith("00") else "县")


@lru_cache(maxsize=None)
def divisions() -> Divisions:
    name: dict[str, str] = {}
    by_name: dict[str, tuple[str, ...]] = {}
    by_stem: dict[str, tuple[str, ...]] = {}
    stop = stem_stop()
    for line in load_lines("admin_divisions.txt"):
        code, full, *stem = line.split(" ")
        name[code] = full
        by_name[full] = by_name.get(full, ()) + (code,)
        if stem and stem[0] not in stop:
            by_stem[stem[0]] = by_stem.get(stem[0], ()) + (code,)
    return Divisions(name, by_name, by_stem)


def lineage(code: str) -> tuple[str, str, str]:
    """The division, its prefecture and its province (a municipality's districts: 310107,
    310100, 310000)."""
    return code, code[:4] + "00", code[:2] + "0000"


def related(a: str, b: str) -> bool:
    """One division lies in the other (or they are one)."""
    return a in lineage(b) or b in lineage(a)


def own_divisions(regions) -> frozenset[str]:
    """The divisions a department's chain of regions names, outermost first (河北省, 邢台市,
    平乡县 -> 130532; 上海市, 普陀区 -> 310107, not Zhoushan's 普陀区): each region narrows the
    one before it; a region no division matches (东王乡) is passed over. Empty when none is
    known."""
    div = divisions()
    own: tuple[str, ...] = ()
    for region in regions:
        codes = div.codes(region)
        if not codes:
            continue
        inside = tuple(c for c in codes if not own or any(related(c, o) for o in own))
        own = inside or own
    return frozenset(own)


def elsewhere(place: str, own: frozenset[str]) -> bool | None:
    """True when every division the place may stand for lies outside the department's own
    region (neither in it, nor holding it); False when one is related; None when the place or
    the own region is no known division (the caller decides by other means)."""
    if not own:
        return None
    codes = divisions().codes(place)
    if not codes:
        return None
    return not any(related(c, o) for c in codes for o in own)

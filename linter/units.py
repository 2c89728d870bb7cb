"""Names of bodies (departments and units): how a name splits into its regions and its
organisation part, and whether a name is the document's own department written short.

A body's name is a chain of regions followed by the organisation: 中共石家庄市鹿泉区委网络安全和
信息化委员会办公室 = [石家庄市, 鹿泉区] + 委网络安全和信息化委员会办公室. The department writes
its own name short by dropping outer regions (普陀区财政局), by keeping only the innermost
region's level character (省人大办公厅 for 江苏省人大常委会办公厅, 区委网信办), and by leaving
characters out of the organisation part while keeping its head (省检察院 for 江苏省人民检察院).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .vocab import load_json

ADMIN = regex.compile(r"\p{Han}{1,7}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|区|县|旗)")
LEVEL_CHARS = "省市区县州盟旗"
PARTY = regex.compile(r"^(?:中共|中国共产党)")


@dataclass(frozen=True)
class BodyName:
    regions: tuple[str, ...]  # full region names, outermost first: (石家庄市, 鹿泉区)
    level: str  # a bare level character standing for the innermost region (省 of 省人大), or ""
    org: str  # the organisation part: 人大常委会办公厅, 委网信办


def org_heads() -> list[str]:
    """Organisation heads (the last word of a body's name), longest first."""
    return sorted(load_json("unit_words.json")["org_heads"], key=len, reverse=True)


def head_of(org: str) -> str | None:
    return next((h for h in org_heads() if org.endswith(h)), None)


def split_name(name: str) -> BodyName:
    text = PARTY.sub("", regex.sub(r"\s+", "", name))
    regions: list[str] = []
    pos = 0
    while len(regions) < 4:
        m = ADMIN.match(text, pos)
        if not m or len(m.group()) < 2 or not _plausible_region(m.group(), text[m.end():]):
            break
        end = _known_region_end(text, pos, m.end())
        if end - pos == 2 and text[pos:end] not in _division_names():
            break  # 城市管理局, 区域…: a one-character stem that is no known division starts a word
        regions.append(text[pos:end])
        pos = end
    level = ""
    if not regions and pos < len(text) and text[pos] in LEVEL_CHARS and len(text) - pos >= 3:
        level, pos = text[pos], pos + 1
    return BodyName(tuple(regions), level, text[pos:])


def _division_names() -> dict:
    from .places import divisions  # places reads no units: imported here to keep the layers apart

    return divisions().by_name


def _known_region_end(text: str, pos: int, end: int) -> int:
    """Where the region starting at pos ends: the shortest match, unless a longer one running
    on to a later level word is a known division (杭州市, not 杭州 + 市余杭区, as 州 is a level
    word too)."""
    names = _division_names()
    best = end
    for k in range(end, min(len(text) - 1, pos + 9)):  # a region leaves an organisation after it
        if text[k] in LEVEL_CHARS and text[pos:k + 1] in names:
            best = k + 1
    return best


def _plausible_region(region: str, rest: str) -> bool:
    """市场监督管理局 is no region 市 + 场…; a region leaves an organisation after it."""
    return len(rest) >= 1


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


def is_own_name(name: str, own: str) -> bool:
    """`name` is the department `own`, in full or written short: outer regions dropped, the
    innermost region kept in full, as its level character or dropped, and the organisation
    part a subsequence of the own one ending in the same head (办公厅, 检察院; 网信办 for
    …委员会办公室). 上海市人民政府办公室 is not 上海市普陀区人民政府办公室 (the innermost
    region is missing while an outer one stays), 委员会 is not 委员会办公室 (another head)."""
    a, b = split_name(name), split_name(own)
    if not a.org or not b.org:
        return False
    if a.regions:
        if not b.regions or a.regions[-1] != b.regions[-1]:
            return False
    elif a.level:
        if not b.regions or b.regions[-1][-1] != a.level:
            return False
    if a.org == b.org:
        return True
    head = head_of(b.org)
    if head is None or not _subsequence(a.org, b.org):
        return False
    # the short name ends inside the own head: 办 of 办公室, 厅 of 办公厅, the whole 检察院
    return a.org[-1] == head[0] or any(a.org.endswith(head[k:]) for k in range(len(head)))

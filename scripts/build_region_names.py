"""Build the list of place names BL314 (other-unit-name) reads: linter/data/region_names.txt.

    python scripts/build_region_names.py

Source: jieba's dict.txt (a dependency already): its words of 2–7 characters ending in an
administrative suffix (省 自治区 市 州 盟 县 旗 区) that jieba tags as a place name (ns), or as
a name or institution (nr, nz, nt; jieba tags many counties so: 公安县, 同心县), whose stem is no
generic word (地区, 山区, 开发区, 社区 … are kinds of area, not places; region_words.json
legit_compounds and the GENERIC list below). Each name is written with its level (省 市 县 区),
the level a document of that region has (structure.ADMIN_LEVEL: 州/盟 are cities, 旗 a county),
and, when the name without its suffix is no common word (two characters or more, jieba frequency
at most STEM_MAX_FREQ or not in the dictionary: 静安, 江宁, 宝应; not 和平, 长安, 朝阳), that
stem, by which a text may name the place alone (提升江宁人才工作水平).
"""
from __future__ import annotations

import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "linter", "data")
SUFFIX_LEVEL = [("自治区", "省"), ("自治州", "市"), ("自治县", "县"), ("省", "省"), ("市", "市"), ("州", "市"),
                ("盟", "市"), ("县", "县"), ("旗", "县"), ("区", "区")]
TAGS = {"ns", "nr", "nz", "nt"}
STEM_MAX_FREQ = 300
# kinds of area written like a place (X区), and stems that are words of their own
GENERIC = ("地区", "山区", "城区", "市区", "郊区", "新区", "老区", "灾区", "矿区", "林区", "牧区", "库区", "景区", "园区",
           "片区", "辖区", "校区", "小区", "社区", "街区", "军区", "战区", "苏区", "禁区", "特区", "学区", "营区",
           "开发区", "示范区", "试验区", "保税区", "功能区", "风景区", "工业区", "商业区", "住宅区", "居住区", "保护区",
           "警备区", "根据地区", "解放区", "游击区", "边区", "湾区", "经济区", "上市", "城市", "都市", "超市", "股市",
           "夜市", "集市", "门市", "闹市", "街市", "省市", "县市", "盟", "联盟", "同盟", "结盟", "国旗", "红旗", "党旗", "锦旗")


def level_of(word: str) -> str | None:
    for suffix, level in SUFFIX_LEVEL:
        if word.endswith(suffix) and len(word) > len(suffix):
            return level
    return None


def main() -> int:
    import jieba

    with open(os.path.join(DATA, "region_words.json"), encoding="utf-8") as fh:
        legit = set(json.load(fh)["legit_compounds"])
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    freq = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                freq[parts[0]] = int(parts[1])
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 3:
                continue
            word, tag = parts[0], parts[2]
            if not 2 <= len(word) <= 7 or tag not in TAGS or word in legit:
                continue
            if any(word.endswith(g) for g in GENERIC) or not all("\u4e00" <= c <= "\u9fff" for c in word):
                continue
            level = level_of(word)
            if level and (tag == "ns" or len(word) <= 4):
                stem = next(word[:-len(x)] for x, lv in SUFFIX_LEVEL if word.endswith(x) and len(word) > len(x))
                alone = len(stem) >= 2 and freq.get(stem, 0) <= STEM_MAX_FREQ
                rows.append((word, level, stem if alone else ""))
    rows.sort()
    with open(os.path.join(DATA, "region_names.txt"), "w", encoding="utf-8") as fh:
        fh.write(f"# Place names from jieba {jieba.__version__} dict.txt by scripts/build_region_names.py: words ending in an\n"
                 "# administrative suffix tagged ns (or nr/nz/nt, up to 4 characters), kinds of area (地区, 开发区 …) left\n"
                 "# out; each with the level of its government (省 市 县 区) and, when it is no common word, the stem\n"
                 f"# by which a text may name the place alone (jieba frequency <= {STEM_MAX_FREQ}). Do not edit by hand.\n")
        for word, level, stem in rows:
            fh.write(f"{word} {level} {stem}".rstrip() + "\n")
    print(f"{len(rows)} place names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

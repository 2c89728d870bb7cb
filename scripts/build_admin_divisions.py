"""Write linter/data/admin_divisions.txt: China's administrative divisions down to the county
level, with their codes, so BL314 reads a place against the document's own region by the
hierarchy (a district of another city is another region's place even below the department's
level; the department's own districts are not).

    pip download cpca==0.5.5 --no-deps -d /tmp/cpca && unzip -o /tmp/cpca/cpca-0.5.5-py3-none-any.whl -d /tmp/cpca/x
    python scripts/build_admin_divisions.py /tmp/cpca/x/cpca/resources/adcodes.csv

Source: cpca 0.5.5 (MIT licence, github DQinYuan/chinese_province_city_area_mapper),
resources/adcodes.csv: the 统计用区划代码 of the National Bureau of Statistics, 12 digits, of
which the first 6 are the division code (2 province, 2 prefecture, 2 county). Build time only:
cpca is no dependency. The placeholder rows (市辖区, 县, 省直辖县级行政区划 …) are left out.

A third column gives the stem by which a text may name the division alone (江宁 for 江宁区, 河北
for 河北省), when that stem is rarely anything else: no word of jieba's dictionary, a rare one
(frequency <= 300, as scripts/build_region_names.py decides), or a place name (tag ns) of a
province or prefecture (南京, 扬州; not 西湖, 朝阳 of a district, which are also common words), or
a stem of three characters or more of a province or prefecture (石家庄, which jieba tags nr).
Autonomous prefectures and counties get no stem (恩施土家族苗族自治州).
"""
from __future__ import annotations

import csv
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "linter", "data", "admin_divisions.txt")
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
STEM = re.compile(r"^(.{2,}?)(?:(?:壮族|回族|维吾尔)?自治区|特别行政区|省|市|新区|县|区|旗|盟|州)$")
RARE = 300  # jieba frequency at most which a stem is rarely a common word


def jieba_words() -> dict[str, tuple[int, str]]:
    import jieba

    out = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3:
                out[parts[0]] = (int(parts[1]), parts[2])
    return out


def stem_of(code: str, name: str, words: dict[str, tuple[int, str]]) -> str:
    m = STEM.match(name)
    if not m or ("自治" in name and not name.endswith("自治区")):
        return ""
    stem = m.group(1)
    freq, tag = words.get(stem, (0, ""))
    high = code.endswith("00")  # a province or a prefecture
    # a province's or prefecture's stem of three characters or more is its name whatever jieba
    # tags it (石家庄 is tagged nr, 张家口 …); the two-character ones may be common words (大同, 日照)
    return stem if freq <= RARE or (high and (tag == "ns" or len(stem) >= 3)) else ""


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    rows = {}
    with open(argv[0], encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            code, name = rec["adcode"][:6], rec["name"].strip()
            if name and name not in PLACEHOLDERS and code.isdigit():
                rows[code] = name
    words = jieba_words()
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("# China's administrative divisions to the county level: the 统计用区划代码 of the National Bureau of\n"
                 "# Statistics as shipped by cpca 0.5.5 (MIT; resources/adcodes.csv), written by\n"
                 "# scripts/build_admin_divisions.py. code (2 digits province, 2 prefecture, 2 county), name, and\n"
                 "# the stem a text names it by alone when that stem is rarely anything else (jieba 0.42.1 dict.txt:\n"
                 f"# no word, frequency <= {RARE}, or a place name of a province or prefecture, or such a\n"
                 "# division's stem of three characters or more). Do not edit by hand.\n")
        for code in sorted(rows):
            stem = stem_of(code, rows[code], words)
            fh.write(f"{code} {rows[code]}{' ' + stem if stem else ''}\n")
    print(f"{len(rows)} divisions -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

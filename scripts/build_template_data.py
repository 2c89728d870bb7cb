"""Build the derived word lists that the BL3 (template) rules ship as data.

    python scripts/build_template_data.py [--opencc DIR]

- linter/data/region_char_words.txt: every word of jieba's full dictionary (2–4 characters)
  that contains an administrative-level character (省 市 县 区 州 镇 乡 旗 盟), with its
  frequency. BL303 needs only these words (a token covering a region character must contain
  it), so a check does not load jieba's 350k-word dictionary (about 0.6 s).
- linter/data/region_neighbour_words.txt: the other words BL303 needs to read a level
  character's neighbour as the start or end of a word of its own (服务区|场所 is text,
  服务区|场 is not): every word (2–4 characters, no level character) that starts with a
  character following a level character in a common two-character word (场 of 市场, 域 of
  区域), or ends with a character preceding one (城 of 城市, 社 of 社区).
- linter/data/traditional_chars.txt (with --opencc DIR holding OpenCC's TSCharacters.txt and
  STCharacters.txt, Apache-2.0): traditional characters that are never used in simplified
  text, each with its simplified form. A character that OpenCC maps to itself among its
  candidates (乾, 於) or that is a simplified character in its own right (著, 干) is left out.
"""
from __future__ import annotations

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "linter", "data")
REGION_CHARS = "省市县区州镇乡旗盟"
COMMON = 500  # BL303's MIN_FREQ: a restored word must be this common


def region_words(dict_path: str, out: str) -> int:
    rows = []
    with open(dict_path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            if 2 <= len(word) <= 4 and freq >= 3 and any(c in word for c in REGION_CHARS):
                rows.append((word, freq))
    rows.sort()
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# Derived from jieba's dict.txt by scripts/build_template_data.py: words (2-4 chars)\n")
        fh.write(f"# containing {REGION_CHARS}, with jieba's frequency. Do not edit by hand.\n")
        for word, freq in rows:
            fh.write(f"{word} {freq}\n")
    return len(rows)


def neighbour_words(dict_path: str, out: str) -> int:
    words = {}
    with open(dict_path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                words[parts[0]] = int(parts[1])
    after = {w[1] for w, f in words.items() if len(w) == 2 and f >= COMMON and w[0] in REGION_CHARS}
    before = {w[0] for w, f in words.items() if len(w) == 2 and f >= COMMON and w[1] in REGION_CHARS}
    plain = sorted(w for w, f in words.items() if 2 <= len(w) <= 4 and f >= 3 and not any(c in w for c in REGION_CHARS))
    groups = {(">", ch): [w for w in plain if w[0] == ch] for ch in sorted(after)}
    groups.update({("<", ch): [w for w in plain if w[-1] == ch] for ch in sorted(before)})
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# Derived from jieba's dict.txt by scripts/build_template_data.py. Do not edit by hand.\n")
        fh.write(f"# '> X w1 w2 …': the words (2-4 chars, none of {REGION_CHARS}) starting with X, a character\n")
        fh.write(f"# that follows a level character in a common word (>= {COMMON}: 场 of 市场); '< X …': the words\n")
        fh.write("# ending with X, a character that precedes one (城 of 城市).\n")
        for (side, ch), ws in sorted(groups.items()):
            if ws:
                fh.write(f"{side} {ch} {' '.join(ws)}\n")
    return sum(len(ws) for ws in groups.values())


def _table(path: str) -> dict[str, list[str]]:
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or "\t" not in line:
                continue
            key, vals = line.rstrip("\n").split("\t", 1)
            out[key] = vals.split()
    return out


def traditional(opencc_dir: str, out: str) -> int:
    ts = _table(os.path.join(opencc_dir, "TSCharacters.txt"))
    st = _table(os.path.join(opencc_dir, "STCharacters.txt"))
    simplified_values = {v for vals in ts.values() for v in vals}
    rows = []
    for trad, simps in ts.items():
        if len(trad) != 1 or trad in simps or trad in st or trad in simplified_values:
            continue
        rows.append((trad, simps[0]))
    rows.sort()
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# Traditional-only characters and their simplified form, derived from OpenCC's\n")
        fh.write("# TSCharacters.txt / STCharacters.txt (Apache-2.0) by scripts/build_template_data.py.\n")
        for trad, simp in rows:
            fh.write(f"{trad} {simp}\n")
    return len(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jieba-dict", default=None)
    ap.add_argument("--opencc", default=None, help="folder with TSCharacters.txt and STCharacters.txt")
    args = ap.parse_args(argv)
    dict_path = args.jieba_dict
    if dict_path is None:
        import jieba

        dict_path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    n = region_words(dict_path, os.path.join(DATA, "region_char_words.txt"))
    print(f"region_char_words.txt: {n} words")
    n = neighbour_words(dict_path, os.path.join(DATA, "region_neighbour_words.txt"))
    print(f"region_neighbour_words.txt: {n} words")
    if args.opencc:
        n = traditional(args.opencc, os.path.join(DATA, "traditional_chars.txt"))
        print(f"traditional_chars.txt: {n} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build the character confusion set and the typo index that BL306 ships as data.

    python scripts/build_confusion_data.py [--font PATH] [--font-name NAME]
    python scripts/build_typo_model.py      # then compile the three line files

The shipped files were built (and rebuild byte for byte) with jieba 0.42.1, pypinyin 0.55.0,
Pillow 13.0.0 and numpy 2, and Debian's fonts-noto-cjk:

    apt-get install fonts-noto-cjk && .venv/bin/pip install pypinyin==0.55.0 pillow numpy

Needs, at build time only (none of them is a runtime dependency of budgetlint):
- jieba's dict.txt (a dependency already): the general vocabulary and character frequencies;
- pypinyin (MIT): the readings of each character with their tones, for sound-alikes and exact
  homophones;
- Pillow and numpy, and a CJK font (default: Noto Sans CJK SC from Debian's fonts-noto-cjk,
  SIL Open Font License): every character is rendered, blurred to 16x16 grey levels and
  compared by cosine, for look-alikes. We derive shape similarity from glyphs rather than from a decomposition table
  because the slips we look for (己/已, 未/末, 侯/候, 奥/舆, 士/土) differ by one stroke or a
  stroke's length, which decomposition data does not see, while the bitmaps of such pairs are
  nearly identical; and the font is a well-kept, permissively licensed package.

Writes:
- linter/data/confusion_chars.txt: for each common character, its look-alikes, its
  sound-alikes (same syllable without tone, the most frequent characters first, as an input
  method lists them) and its exact homophones (same syllable and same tone, the most frequent
  first: 建 for 健, 再 for 在, 已 for 以). BL306 holds an exact homophone the likeliest slip
  (see HOMOPHONE_PRIOR in rules/template/BL306.py for the measured rates).
- linter/data/typo_targets.txt: the words a typo is restored to: the domain vocabulary
  (lexicon.txt, items.json, table_kinds.json, performance.json) plus jieba's frequent words.
- linter/data/common_words.txt: jieba's single characters, its words of 2–4 characters above a
  frequency floor, and every dictionary word one confusable character away from a target (at any
  frequency), with their frequencies: BL306 never reports a word, and compares how likely the
  text around a token reads as written and as corrected (自己经常 holds 己经, but reads 自己|经常).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "linter", "data")
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_NAME = "Noto Sans CJK SC"

CHAR_POOL = 5000  # the most frequent characters (by the summed frequency of jieba's words holding them)
GLYPH = 48  # rendering size in pixels
SHAPE_MIN = 0.85  # cosine similarity of two blurred 16x16 glyphs for a look-alike
SHAPE_MAX_N = 8  # look-alikes kept per character, among every character the font draws
SHAPE_COMMON_N = 6  # and among the common characters (CHAR_POOL), which rare look-alikes
#                     would crowd out (培: 倍, 息: 急, 抢: 抡, 目: 日, 督: 肾)
SOUND_MAX_N = 10  # sound-alikes kept per character (an input method's first candidates)
HOMOPHONE_MAX_N = 10  # exact homophones kept per character (same syllable and tone)
GENERAL_MIN_FREQ = 100  # jieba words at least this frequent are typo targets
COMMON_MIN_FREQ = 20  # jieba words at least this frequent form common_words.txt


def jieba_dict() -> tuple[dict[str, int], dict[str, str], str]:
    """jieba's words with their frequencies and their part-of-speech tags."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    words, tags = {}, {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                words[parts[0]] = int(parts[1])
                if len(parts) >= 3:
                    tags[parts[0]] = parts[2]
    return words, tags, f"jieba {jieba.__version__} dict.txt"


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def char_frequencies(words: dict[str, int]) -> dict[str, int]:
    freq: dict[str, int] = defaultdict(int)
    for w, f in words.items():
        for ch in w:
            if is_han(ch):
                freq[ch] += f
    return freq


def load_font(path: str, name: str):
    from PIL import ImageFont

    for index in range(16):
        try:
            font = ImageFont.truetype(path, GLYPH, index=index)
        except OSError:
            break
        if " ".join(font.getname()).startswith(name):
            return font
    raise SystemExit(f"font {name!r} not found in {path}")


def glyphs(chars: list[str], font):
    """A vector per character: the glyph rendered centred, blurred and reduced to 16×16 grey
    levels, centred and normalised, so that the cosine of two vectors measures how alike the
    two shapes look at reading size (甩 for 用, 釆 for 采, 笵 for 范: one stroke more or less)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    size = GLYPH + 8
    out = np.zeros((len(chars), 16 * 16), dtype=np.float32)
    for i, ch in enumerate(chars):
        img = Image.new("L", (size, size), 0)
        ImageDraw.Draw(img).text((size // 2, size // 2), ch, font=font, fill=255, anchor="mm")
        img = img.filter(ImageFilter.GaussianBlur(GLYPH / 19)).resize((16, 16), Image.BOX)
        v = np.asarray(img, dtype=np.float32).reshape(-1)
        v -= v.mean()
        out[i] = v / (np.linalg.norm(v) + 1e-9)
    return out


def shape_neighbours(chars: list[str], others: list[str], font) -> dict[str, list[str]]:
    """For each of `chars`, its look-alikes among `others` (rarer characters included: a slip
    into 经赀 or 制庋 is a slip all the same), then its look-alikes among `chars` themselves: an
    input method offers common characters, and a dozen rare ones drawn alike (掊, 棓 for 培)
    must not hide the common one a writer picks (倍)."""
    import numpy as np

    g = glyphs(chars, font)
    h = glyphs(others, font)
    out: dict[str, list[str]] = {}
    for start in range(0, len(chars), 500):
        sim = g[start:start + 500] @ h.T
        common = g[start:start + 500] @ g.T
        for k in range(sim.shape[0]):
            i = start + k
            order = np.argsort(-sim[k])[:SHAPE_MAX_N + 1]
            near = [others[j] for j in order if sim[k, j] >= SHAPE_MIN and others[j] != chars[i]][:SHAPE_MAX_N]
            order = np.argsort(-common[k])[:SHAPE_COMMON_N + 1]
            near += [chars[j] for j in order
                     if common[k, j] >= SHAPE_MIN and j != i and chars[j] not in near][:SHAPE_COMMON_N]
            out[chars[i]] = near
    return out


def usual_readings(chars: list[str]) -> dict[str, str]:
    """Each character's usual reading with its tone (jian4; a neutral tone is 5): 奥 is ào, not
    its rare yù."""
    from pypinyin import Style, pinyin

    return {ch: pinyin(ch, style=Style.TONE3, neutral_tone_with_five=True)[0][0] for ch in chars}


def same_reading(chars: list[str], members: list[str], freq: dict[str, int], key, keep: int) -> dict[str, list[str]]:
    """For each of `chars`, the `keep` most frequent others among `members` whose reading has
    the same key."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for ch in sorted(members, key=lambda c: -freq[c]):
        k = key(ch)
        if k:
            by_key[k].append(ch)
    return {ch: [c for c in by_key.get(key(ch), []) if c != ch][:keep] for ch in chars}


def sound_neighbours(chars: list[str], freq: dict[str, int], reading: dict[str, str]) -> dict[str, list[str]]:
    """Characters read with the same syllable (tone ignored, as a pinyin input method types
    them), by each character's usual reading only, among the common characters."""
    def toneless(ch: str) -> str:
        syllable = reading[ch].rstrip("12345")
        return syllable if syllable.isalpha() else ""

    return same_reading(chars, chars, freq, toneless, SOUND_MAX_N)


def exact_homophones(chars: list[str], members: list[str], freq: dict[str, int],
                     reading: dict[str, str]) -> dict[str, list[str]]:
    """Characters read with the same syllable and the same tone (健 jiàn: 建 见 件 …), by each
    character's usual reading only, among `members` (every character jieba lists: 褓 for 保,
    as rare look-alikes are kept too). A writer who picks the wrong one among them (建全 for 健全,
    已前 for 以前) slips far more often than by a toneless sound-alike or a look-alike (see
    HOMOPHONE_PRIOR in rules/template/BL306.py). The common characters come first, so with
    HOMOPHONE_MAX_N >= SOUND_MAX_N every sound-alike of the same tone is listed: a sound-alike is
    an exact homophone exactly when it is read alike with its tone."""
    def toned(ch: str) -> str:
        r = reading[ch]
        return r if r[:-1].isalpha() and r[-1:] in "12345" else ""

    return same_reading(chars, members, freq, toned, HOMOPHONE_MAX_N)


def domain_words() -> set[str]:
    """The domain vocabulary the linter already ships."""
    out: set[str] = set()
    with open(os.path.join(DATA, "lexicon.txt"), encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                out.add(line.split()[0])

    def walk(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for x in node:
                yield from walk(x)
        elif isinstance(node, dict):
            for k, v in node.items():
                if not k.startswith("_"):
                    yield from walk(v)

    for name in ("items.json", "table_kinds.json", "performance.json"):
        with open(os.path.join(DATA, name), encoding="utf-8") as fh:
            for s in walk(json.load(fh)):
                if 2 <= len(s) <= 8 and all(is_han(c) for c in s):
                    out.add(s)
    return out


def read_confusion() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """The look-alikes, sound-alikes and exact homophones of the shipped confusion_chars.txt."""
    shape, sound, homophones = {}, {}, {}
    with open(os.path.join(DATA, "confusion_chars.txt"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            ch, a, b, c = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
            shape[ch], sound[ch], homophones[ch] = list(a), list(b), list(c)
    return shape, sound, homophones


def read_targets() -> set[str]:
    with open(os.path.join(DATA, "typo_targets.txt"), encoding="utf-8") as fh:
        return {line.strip() for line in fh if line.strip() and not line.startswith("#")}


def write_common_words(words: dict[str, int], tags: dict[str, str], targets: set[str],
                       shape: dict[str, list[str]], sound: dict[str, list[str]], homophones: dict[str, list[str]],
                       jieba_version: str) -> int:
    # the dictionary words one confusable character away from a target: words, never typos
    near = set()
    for w in targets:
        for i, ch in enumerate(w):
            for c in dict.fromkeys(shape.get(ch, []) + sound.get(ch, []) + homophones.get(ch, [])):
                form = w[:i] + c + w[i + 1:]
                if form in words:
                    near.add(form)
    common = {w for w, f in words.items() if (len(w) == 1 and is_han(w)) or (2 <= len(w) <= 4 and f >= COMMON_MIN_FREQ)}
    common |= near
    total = sum(words.values())
    with open(os.path.join(DATA, "common_words.txt"), "w", encoding="utf-8") as fh:
        fh.write(f"# From {jieba_version} by scripts/build_confusion_data.py: every single character, the words of 2-4\n"
                 f"# characters with frequency >= {COMMON_MIN_FREQ}, and every dictionary word one confusable character away\n"
                 "# from a typo target (so it is read as a word, not a typo); each with jieba's frequency and its\n"
                 "# part-of-speech tag (d adverb, v verb, n noun …: BL306 reads a lone adverb before no predicate as\n"
                 "# no reading at all). The first line is the total frequency of the dictionary. Do not edit by hand.\n")
        fh.write(f"TOTAL {total}\n")
        for w in sorted(common):
            fh.write(f"{w} {words[w]} {tags.get(w, 'x')}\n")
    print(f"{len(near)} near words, {len(common)} common words", file=sys.stderr)
    return len(common)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--font", default=FONT)
    ap.add_argument("--font-name", default=FONT_NAME)
    ap.add_argument("--words-only", action="store_true",
                    help="rewrite common_words.txt alone, from the shipped confusion set and targets (no fonts needed)")
    args = ap.parse_args(argv)
    words, tags, jieba_version = jieba_dict()
    if args.words_only:
        write_common_words(words, tags, read_targets(), *read_confusion(), jieba_version)
        return 0
    import PIL
    import pypinyin

    freq = char_frequencies(words)
    chars = sorted(sorted(freq, key=lambda c: -freq[c])[:CHAR_POOL])
    font = load_font(args.font, args.font_name)
    # every character of the CJK Unified Ideographs block the font draws
    others = [chr(c) for c in range(0x4E00, 0x9FA6) if font.getmask(chr(c)).getbbox() is not None]
    shape = shape_neighbours(chars, others, font)
    members = sorted(freq)  # every character jieba lists
    reading = usual_readings(members)
    sound = sound_neighbours(chars, freq, reading)
    homophones = exact_homophones(chars, members, freq, reading)
    provenance = [
        f"# Built by scripts/build_confusion_data.py from {jieba_version} (word and character frequencies),",
        f"# pypinyin {pypinyin.__version__} (usual readings; sound-alikes share a toneless syllable, the {SOUND_MAX_N}",
        f"# most frequent kept; exact homophones share the syllable and its tone, the {HOMOPHONE_MAX_N} most frequent",
        f"# among the {len(members)} characters jieba lists kept)",
        f"# and glyphs of {args.font_name} ({os.path.basename(args.font)}, Debian fonts-noto-cjk, OFL)",
        f"# rendered by Pillow {PIL.__version__} at {GLYPH}px, blurred, reduced to 16x16 grey levels and compared by cosine",
        f"# (look-alikes: similarity >= {SHAPE_MIN}, at most {SHAPE_MAX_N} among the {len(others)} characters of the CJK",
        f"# Unified Ideographs block the font draws, then at most {SHAPE_COMMON_N} more among the listed characters).",
        f"# Characters listed: the {CHAR_POOL} most frequent.",
        "# Do not edit by hand: change the script and run it again.",
    ]
    with open(os.path.join(DATA, "confusion_chars.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(provenance) + "\n# char <TAB> look-alikes <TAB> sound-alikes <TAB> exact homophones\n")
        for ch in chars:
            fh.write(f"{ch}\t{''.join(shape[ch])}\t{''.join(sound[ch])}\t{''.join(homophones[ch])}\n")
    pool = set(chars)
    targets = {w for w in domain_words() if all(c in pool for c in w)}
    targets |= {w for w, f in words.items() if 2 <= len(w) <= 4 and f >= GENERAL_MIN_FREQ and all(c in pool for c in w)}
    with open(os.path.join(DATA, "typo_targets.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(provenance[:1]) + "\n")
        fh.write(f"# The words BL306 restores typos to: the domain vocabulary of linter/data (lexicon.txt, items.json,\n"
                 f"# table_kinds.json, performance.json) and jieba's words of 2-4 characters with frequency >=\n"
                 f"# {GENERAL_MIN_FREQ}. A rule author may add domain words here. Generated; add by hand below the line.\n")
        fh.write("\n".join(sorted(targets)) + "\n")
    write_common_words(words, tags, targets, shape, sound, homophones, jieba_version)
    print(f"{len(chars)} characters, {len(targets)} targets", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

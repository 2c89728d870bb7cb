"""Shared helpers of the BL3 (template and language) rules: the text to scan, brackets and
clauses around a hit, and the family's vocabulary (linter/data/*.json / *.txt)."""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

import regex

from linter.cnnum import numeral_digits, with_arabic_years  # noqa: F401  (re-exported)
from linter.vocab import load_json, load_lines

SCANNED = ("text", "heading", "table")
CLAUSE_END = "，,。；;！!？?\t"
SENTENCE_END = "。；;！!？?"
OPENERS = {"《": "》", "【": "】", "〔": "〕", "［": "］", "[": "]", "“": "”", "（": "）", "(": ")", "‘": "’"}
REFERENCE_OPENERS = "《【〔［["


def terms() -> dict:
    return load_json("template_terms.json")


def regions() -> dict:
    return load_json("region_words.json")


def scanned_lines(doc, kinds=SCANNED):
    """(line, text) for every line with words on it; markup blanked at the same offsets."""
    for ln in doc.lines:
        if ln.kind in kinds and ln.text.strip():
            yield ln, ln.text


def enclosing(text: str, start: int, end: int, openers: str = REFERENCE_OPENERS) -> str | None:
    """The opening bracket of the innermost pair of `openers` enclosing [start, end), or None."""
    return bracket_owners(text, openers)[start]


@lru_cache(maxsize=16)
def bracket_owners(text: str, openers: str = REFERENCE_OPENERS) -> list[str | None]:
    """For every position of text and its end, the opening bracket of the innermost pair of
    `openers` enclosing it (None outside any): one pass over the line, kept (read-only) for
    the line's other hits, where reading the line's prefix at each of many hits would be
    quadratic."""
    owners: list[str | None] = []
    stack: list[str] = []
    for ch in text:
        owners.append(stack[-1] if stack else None)
        if ch in openers:
            stack.append(ch)
        elif stack and ch == OPENERS.get(stack[-1]):
            stack.pop()
    owners.append(stack[-1] if stack else None)
    return owners


REACH = 160  # how far a sentence or clause is followed from a hit: a line of many hits stays linear


@lru_cache(maxsize=16)
def _mark_positions(text: str, marks: str) -> list[int]:
    """Where the marks stand in the line, found once per line (the rules ask about the same
    line at each of its hits, and str caches its hash, so the lookup is cheap)."""
    return [i for i, ch in enumerate(text) if ch in marks]


def _between_marks(text: str, start: int, end: int, marks: str) -> tuple[int, int]:
    """From the nearest mark before start (exclusive) to the nearest mark at or after end,
    at most REACH characters either way: found by bisection, so many hits on one long line
    cost n log n, not n times the line."""
    at = _mark_positions(text, marks)
    before = bisect_left(at, start)
    after = bisect_left(at, end)
    a = max(start - REACH, at[before - 1] + 1 if before else 0, 0)
    b = min(end + REACH, at[after] if after < len(at) else len(text), len(text))
    return a, b



def sentence(text: str, start: int, end: int, marks: str = SENTENCE_END) -> tuple[int, int]:
    """Bounds of the sentence holding [start, end): between 。！？； (or the given marks, or
    the line's ends), at most REACH characters either way."""
    return _between_marks(text, start, end, marks)


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause holding [start, end): between clause punctuation, at most REACH
    characters either way."""
    return _between_marks(text, start, end, CLAUSE_END)


def is_document_title(text: str, start: int, end: int) -> bool:
    """The hit sits in the name of a document: inside 《》/【】, or in a clause ending in
    通知/意见/方案 … (a title quoted without book-title marks)."""
    if enclosing(text, start, end, "《【〔［[") is not None:
        return True
    a, b = clause(text, start, end)
    tail = text[end:b].rstrip(" 。”）)")
    endings = regions()["document_title_endings"]
    return any(tail.endswith(e) for e in endings) and len(tail) <= 40


def township(doc) -> tuple[str, str] | None:
    """(name, 乡 | 镇 | 街道) of the township or street the department's name places it in,
    below its region: 平乡县丰州镇人民政府 → (丰州镇, 镇); None for a body of the region itself."""
    region, dept = doc.meta.region or "", doc.meta.department or ""
    at = dept.find(region) if region else -1
    if at < 0:
        return None
    m = regex.match(r"\p{Han}{1,6}?(镇|乡|街道)", dept[at + len(region):])
    return (m.group(), m.group(1)) if m else None


def level_char(doc) -> str | None:
    """The character by which the document names its own jurisdiction (全X, 我X, X委): the
    suffix of its region when that region is of the document's level (平乡旗 → 旗 although
    meta.level is 县; 恩施土家族苗族自治州 → 州; 锡林郭勒盟 → 盟), else the level itself."""
    from linter.structure import region_of

    lv = doc.meta.level
    if lv is None:
        return None
    below = township(doc)
    if below is not None and below[1] in regions()["level_chars"]:
        return below[1]  # 阜平县东王乡…中心 speaks as the 乡 (我乡, 乡场 ← 市场)
    ch = lv
    if doc.meta.region:
        region, level = region_of(doc.meta.region)
        if region and level == lv:
            ch = region[-1]
    return ch if ch in regions()["level_chars"] else None


def lines_of(name: str) -> tuple[str, ...]:
    return load_lines(name)


@lru_cache(maxsize=None)
def numeral_chars() -> str:
    """Every Chinese numeral character (〇一二 … 十百千万 …)."""
    cfg = terms()["chinese_numerals"]
    return "".join(cfg["digits"]) + cfg["other"]


def year_like(year: int, printed: str) -> str:
    """year written the way `printed` writes one: 2025 after 2020, 二〇二五 after 二〇二〇."""
    digit = numeral_digits()
    if printed[:1] in digit:
        cfg = terms()["chinese_numerals"]["digits"]
        zero = next((ch for ch in printed if digit.get(ch) == "0"), cfg[0][0])
        return "".join(zero if d == "0" else cfg[int(d)][0] for d in str(year))
    return str(year)

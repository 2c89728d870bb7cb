"""Shared helpers of the BL3 (template and language) rules: the text to scan, brackets and
clauses around a hit, and the family's vocabulary (linter/data/*.json / *.txt)."""
from __future__ import annotations

from functools import lru_cache

import regex

from linter.structure import content
from linter.vocab import load_json, load_lines

SCANNED = ("text", "heading", "table")
CLAUSE_END = "，,。；;！!？?\t"
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
            yield ln, content(ln)


def enclosing(text: str, start: int, end: int, openers: str = REFERENCE_OPENERS) -> str | None:
    """The opening bracket of the innermost pair of `openers` enclosing [start, end), or None."""
    stack: list[str] = []
    for ch in text[:start]:
        if ch in openers:
            stack.append(ch)
        elif stack and ch == OPENERS.get(stack[-1]):
            stack.pop()
    if not stack:
        return None
    return stack[-1]


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause holding [start, end): between clause punctuation."""
    a = start
    while a > 0 and text[a - 1] not in CLAUSE_END:
        a -= 1
    b = end
    while b < len(text) and text[b] not in CLAUSE_END:
        b += 1
    return a, b


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    a = start
    while a > 0 and text[a - 1] not in "。；;！!？?\t":
        a -= 1
    b = end
    while b < len(text) and text[b] not in "。；;！!？?\t":
        b += 1
    return a, b


def is_document_title(text: str, start: int, end: int) -> bool:
    """The hit sits in the name of a document: inside 《》/【】, or in a clause ending in
    通知/意见/方案 … (a title quoted without book-title marks)."""
    if enclosing(text, start, end, "《【〔［[") is not None:
        return True
    a, b = clause(text, start, end)
    tail = text[end:b].rstrip(" 。”）)")
    endings = regions()["document_title_endings"]
    return any(tail.endswith(e) for e in endings) and len(tail) <= 40


@lru_cache(maxsize=None)
def compiled(pattern: str):
    return regex.compile(pattern)


def level_char(doc) -> str | None:
    lv = doc.meta.level
    return lv if lv in ("省", "市", "区", "县", "乡", "镇") else None


def lines_of(name: str) -> tuple[str, ...]:
    return load_lines(name)

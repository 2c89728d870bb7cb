"""Word frequencies of general Chinese (jieba's dictionary, shipped as the compact derived list
linter/data/common_words.txt so a check never loads jieba's 350k-word dictionary), BL306's typo
vocabulary (typo targets and the character confusion set), and the likeliest reading of a short
text under jieba's unigram model.

BL306 compares how likely a text reads as written and corrected; BL314 asks whether a place
name's characters are only part of a word around them.

The three line files are the source of truth. `scripts/build_typo_model.py` compiles them into
linter/data/typo_model.marshal (one marshal load, ~25 ms, against ~300 ms for parsing the text in
every process); a compiled file that is missing, unreadable or older than its sources is ignored
and the text is parsed instead. Packs' additions to the line files are always read as text.
"""
from __future__ import annotations

import marshal
import math
import os
from functools import lru_cache

from .vocab import BUILTIN, data_path, load_text

COMMON_FREQ = 20  # the frequency floor of common_words.txt: the typo targets count at least this
UNKNOWN_CHAR = math.log(1e-9)  # a character no dictionary lists
SOURCES = ("common_words.txt", "typo_targets.txt", "confusion_chars.txt")
COMPILED = "typo_model.marshal"
FORMAT = 1

# Word classes, from jieba's part-of-speech tags (the third column of common_words.txt), kept in
# the two low bits of a word's compiled frequency.
ADVERB = 1  # d: modifies the predicate after it (未, 已, 不, 均)
PREDICATE = 2  # what an adverb may stand before: verbs, adjectives, adverbs, prepositions,
#               conjunctions, numerals and measure words, pronouns, idioms, state words
PREDICATE_TAGS = ("v", "a", "d", "p", "c", "m", "q", "r", "i", "z", "u")


def word_class(tag: str) -> int:
    bits = ADVERB if tag[:1] == "d" else 0
    return bits | (PREDICATE if tag[:1] in PREDICATE_TAGS else 0)


class WordModel:
    """Word frequencies read as log probabilities (computed when asked: a check asks for few)."""

    def __init__(self, freq: dict[str, int], log_total: float):
        self.freq, self.log_total = freq, log_total  # freq: jieba frequency << 2 | word class bits
        self._logp: dict[str, float | None] = {}  # the texts asked for so far

    def __contains__(self, word: str) -> bool:
        return word in self.freq

    def get(self, word: str) -> float | None:
        try:
            return self._logp[word]
        except KeyError:
            f = self.freq.get(word)
            p = self._logp[word] = None if f is None else math.log(max(f >> 2, 1)) - self.log_total
            return p

    def is_adverb(self, word: str) -> bool:
        return bool(self.freq.get(word, 0) & ADVERB)

    def is_predicate(self, word: str) -> bool:
        return bool(self.freq.get(word, 0) & PREDICATE)


def parse_common_words(text: str, freq: dict[str, int]) -> int:
    """Add the words of a common_words.txt text ('word frequency [tag]' a line) to `freq`;
    return the total of its TOTAL line (0 without one)."""
    total = 0
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if parts[0] == "TOTAL" and len(parts) == 2:
            total = int(parts[1])
        elif len(parts) >= 2:
            freq[parts[0]] = int(parts[1]) << 2 | (word_class(parts[2]) if len(parts) > 2 else 0)
    return total


def add_targets(targets, freq: dict[str, int], index: dict[str, tuple[str, ...]]) -> None:
    """Typo targets count as common words, and are indexed by wildcard key: a word with one
    character blanked (已经 -> ?经 and 已?), so a text token finds the words it differs from in
    one place."""
    for w in targets:
        f = freq.get(w)
        if f is None or f >> 2 < COMMON_FREQ:
            freq[w] = COMMON_FREQ << 2 | (f or 0) & 3
        for i in range(len(w)):
            key = w[:i] + "?" + w[i + 1:]
            have = index.get(key, ())
            if w not in have:
                index[key] = have + (w,)


def target_lines(text: str) -> list[str]:
    return [w for line in text.splitlines() if (w := line.split("#", 1)[0].strip())]


def parse_confusion(text: str, out: dict[str, tuple[str, str]]) -> None:
    """char <TAB> look-alikes <TAB> sound-alikes, a line."""
    for line in target_lines(text):
        ch, _, rest = line.partition("\t")
        shape, _, sound = rest.partition("\t")
        out[ch] = (shape, sound)


def accepting(index: dict[str, tuple[str, ...]], confusion: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Each wildcard key as one string: the characters a writer may have typed in its blank
    (every look-alike and sound-alike of the targets' characters there), '|', and the targets'
    own characters there (?经 -> '乙以己巳…|已曾…': 已经, 曾经 …). A text token whose character in
    the blank is none of the first needs no look at the targets."""
    out = {}
    for key, words in index.items():
        j = key.index("?")
        typed = {c for w in words for c in "".join(confusion.get(w[j], ("", "")))}
        out[key] = "".join(sorted(typed)) + "|" + "".join(w[j] for w in words)
    return out


def compile_model(texts: dict[str, str]) -> dict:
    """The compiled model of the three source texts (name -> text)."""
    freq: dict[str, int] = {}
    index: dict[str, tuple[str, ...]] = {}
    confusion: dict[str, tuple[str, str]] = {}
    total = parse_common_words(texts["common_words.txt"], freq)
    add_targets(target_lines(texts["typo_targets.txt"]), freq, index)
    parse_confusion(texts["confusion_chars.txt"], confusion)
    return {"format": FORMAT, "total": total, "freq": freq, "index": accepting(index, confusion),
            "confusion": confusion}


def source_sizes() -> dict[str, int]:
    return {name: os.path.getsize(data_path(name)) for name in SOURCES}


@lru_cache(maxsize=None)
def _builtin() -> dict:
    """The built-in model: the compiled file when it was compiled from the sources as they are
    (same sizes), else compiled from the text now."""
    try:
        with open(data_path(COMPILED), "rb") as fh:
            model = marshal.loads(fh.read())  # marshal.load(fh) reads item by item: 3x slower
        if isinstance(model, dict) and model.get("format") == FORMAT and model.get("sizes") == source_sizes():
            return model
    except (OSError, EOFError, ValueError, TypeError):
        pass
    texts = {}
    for name in SOURCES:
        with open(data_path(name), encoding="utf-8") as fh:
            texts[name] = fh.read()
    return compile_model(texts)


def _pack_texts(name: str) -> list[str]:
    return [text for text, source in load_text(name) if source != BUILTIN]


@lru_cache(maxsize=None)
def _model() -> tuple[WordModel, dict[str, str], dict[str, tuple[str, str]]]:
    base = _builtin()
    freq, index, confusion = base["freq"], base["index"], base["confusion"]
    total = base["total"]
    packs = {name: _pack_texts(name) for name in SOURCES}
    if any(packs.values()):
        freq, confusion = dict(freq), dict(confusion)
        words = {key: tuple(key.replace("?", c) for c in fills.partition("|")[2]) for key, fills in index.items()}
        for text in packs["common_words.txt"]:
            pack_total = parse_common_words(text, freq)
            total = total or pack_total  # the dictionary's TOTAL stands
        for text in packs["typo_targets.txt"]:
            add_targets(target_lines(text), freq, words)
        for text in packs["confusion_chars.txt"]:
            parse_confusion(text, confusion)
        index = accepting(words, confusion)
    return WordModel(freq, math.log(max(total, 1))), index, confusion


def word_model() -> WordModel:
    """Every single character and common word of jieba's dictionary with its frequency and word
    class (common_words.txt, packs' lists appended); BL306's typo targets count as common words."""
    return _model()[0]


def typo_index() -> dict[str, str]:
    """BL306's target words (typo_targets.txt) by wildcard key (see accepting())."""
    return _model()[1]


def confusion() -> dict[str, tuple[str, str]]:
    """char -> (look-alikes, sound-alikes), from confusion_chars.txt."""
    return _model()[2]


def best_reading(text: str, model: WordModel | None = None) -> float:
    """log probability of the most likely segmentation of `text` into known words (jieba's
    unigram model, the way jieba segments)."""
    get = (model or word_model()).get
    best = [0.0]
    for e in range(1, len(text) + 1):
        top = best[e - 1] + (get(text[e - 1]) or UNKNOWN_CHAR)
        for s in range(max(0, e - 4), e - 1):
            p = get(text[s:e])
            if p is not None and best[s] + p > top:
                top = best[s] + p
        best.append(top)
    return best[-1]


def reading(text: str, model: WordModel | None = None) -> tuple[float, list[int]]:
    """The most likely segmentation of `text` into known words: its log probability and the
    end of every word."""
    logp = model or word_model()
    n = len(text)
    best = [0.0] + [-math.inf] * n
    back = [0] * (n + 1)
    for e in range(1, n + 1):
        for s in range(max(0, e - 4), e):
            p = logp.get(text[s:e])
            if p is None:
                if e - s > 1:
                    continue
                p = UNKNOWN_CHAR
            if best[s] + p > best[e]:
                best[e], back[e] = best[s] + p, s
    ends, e = [], n
    while e > 0:
        ends.append(e)
        e = back[e]
    return best[-1], ends[::-1]

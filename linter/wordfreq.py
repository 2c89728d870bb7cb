"""Word frequencies of general Chinese (jieba's dictionary, shipped as the compact derived list
linter/data/common_words.txt so a check never loads jieba's 350k-word dictionary), BL306's typo
vocabulary (typo targets and the character confusion set), and the likeliest reading of a short
text under jieba's unigram model.

BL306 compares how likely a text reads as written and corrected; BL314 asks whether a place
name's characters are only part of a word around them.

The three line files are the source of truth. `scripts/build_typo_model.py` compiles them into
two marisa tries (linter/data/typo_words.marisa: the words; typo_keys.marisa: the typo index's
wildcard keys), memory-mapped, and linter/data/typo_model.marshal (each word's log probability
and class by its key id, the typo index's characters, the confusion set): a process maps ~0.5 MB
and reads ~2 MB where parsing the text took ~300 ms and held ~30 MB of dict entries. Compiled
files that are missing, unreadable or not compiled from the sources as they are (sizes differ)
are ignored: the text is compiled in memory instead. Packs' additions to the line files are
compiled with the built-in text.
"""
from __future__ import annotations

import marshal
import math
import os
import sys
from array import array
from functools import lru_cache

import marisa_trie

from .vocab import BUILTIN, data_path, load_text

COMMON_FREQ = 20  # the frequency floor of common_words.txt: the typo targets count at least this
UNKNOWN_CHAR = math.log(1e-9)  # a character no dictionary lists
SOURCES = ("common_words.txt", "typo_targets.txt", "confusion_chars.txt")
COMPILED = "typo_model.marshal"
WORDS_TRIE = "typo_words.marisa"
KEYS_TRIE = "typo_keys.marisa"
FORMAT = 4  # 4: a confusion entry holds the exact homophones too

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
    """Words with their log probability and word class, by the words trie's key id."""

    def __init__(self, words: marisa_trie.Trie, logp: array, classes: bytes):
        self.words, self.logp, self.classes = words, logp, classes
        self.key_id = words.get  # word -> key id, None for no word

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def get(self, word: str) -> float | None:
        i = self.key_id(word)
        return None if i is None else self.logp[i]

    def is_adverb(self, word: str) -> bool:
        i = self.key_id(word)
        return i is not None and bool(self.classes[i] & ADVERB)

    def is_predicate(self, word: str) -> bool:
        i = self.key_id(word)
        return i is not None and bool(self.classes[i] & PREDICATE)

    def remembering(self) -> "WordModel":
        """The same model, remembering each text it was asked for (one document's readings ask
        for the same texts again and again; dropped with the document, so nothing grows)."""
        return _Remembering(self.words, self.logp, self.classes)


class _Remembering(WordModel):
    def __init__(self, words, logp, classes):
        super().__init__(words, logp, classes)
        self._asked: dict[str, float | None] = {}

    def get(self, word: str) -> float | None:
        try:
            return self._asked[word]
        except KeyError:
            i = self.key_id(word)
            p = self._asked[word] = None if i is None else self.logp[i]
            return p


class TypoIndex:
    """BL306's target words by wildcard key: a word with one character blanked -> the targets'
    characters in the blank (?经 -> 已曾…: 已经, 曾经 …)."""

    def __init__(self, keys: marisa_trie.Trie, fills: str, ends: array):
        self.keys, self.fills, self.ends = keys, fills, ends
        self.key_id = keys.get

    def get(self, key: str, default: str | None = None) -> str | None:
        i = self.key_id(key)
        return default if i is None else self.fills[self.ends[i - 1] if i else 0:self.ends[i]]

    def __getitem__(self, key: str) -> str:
        fills = self.get(key)
        if fills is None:
            raise KeyError(key)
        return fills


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


def add_targets(targets, freq: dict[str, int], index: dict[str, str]) -> None:
    """Typo targets count as common words, and are indexed by wildcard key: a word with one
    character blanked -> the targets' characters in the blank (?经 -> 已曾…: 已经, 曾经 …), so a
    text token finds the words it differs from in one place."""
    for w in targets:
        f = freq.get(w)
        if f is None or f >> 2 < COMMON_FREQ:
            freq[w] = COMMON_FREQ << 2 | (f or 0) & 3
        for i in range(len(w)):
            key = w[:i] + "?" + w[i + 1:]
            fills = index.get(key, "")
            if w[i] not in fills:
                index[key] = fills + w[i]


def target_lines(text: str) -> list[str]:
    return [w for line in text.splitlines() if (w := line.split("#", 1)[0].strip())]


Confusion = dict[str, tuple[str, str, str]]


def parse_confusion(text: str, out: Confusion) -> None:
    """char <TAB> look-alikes <TAB> sound-alikes <TAB> exact homophones, a line (a pack's line
    may stop after the look-alikes or the sound-alikes)."""
    for line in target_lines(text):
        ch, shape, sound, homophones = (line.split("\t") + ["", "", ""])[:4]
        out[ch] = (shape, sound, homophones)


def slips_of(confusion: Confusion) -> dict[str, str]:
    """For each character a writer may have typed, the characters it may stand for: those that
    list it as a look-alike, sound-alike or exact homophone (己 -> 已巳…, 未 -> 末…, 建 -> 健…)."""
    out: dict[str, str] = {}
    for ch, (shape, sound, homophones) in confusion.items():
        for x in dict.fromkeys(shape + sound + homophones):
            out[x] = out.get(x, "") + ch
    return out


def compile_model(texts: dict[str, str]) -> dict:
    """The three source texts (name -> text) compiled: words with frequency and class, the typo
    index, the confusion set and what each typed character may stand for."""
    freq: dict[str, int] = {}
    index: dict[str, str] = {}
    confusion: Confusion = {}
    total = parse_common_words(texts["common_words.txt"], freq)
    add_targets(target_lines(texts["typo_targets.txt"]), freq, index)
    parse_confusion(texts["confusion_chars.txt"], confusion)
    return {"total": total, "freq": freq, "index": index, "confusion": confusion, "slips": slips_of(confusion)}


def _little(a: array) -> bytes:
    if sys.byteorder == "big":
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def _from_little(typecode: str, data: bytes) -> array:
    a = array(typecode)
    a.frombytes(data)
    if sys.byteorder == "big":
        a.byteswap()
    return a


def build(compiled: dict) -> tuple[marisa_trie.Trie, marisa_trie.Trie, dict]:
    """The tries of a compiled model and the rest as plain data (what typo_model.marshal holds):
    log probabilities and classes by the words trie's key ids, the index's characters by the
    keys trie's ids (one string, with the end of each key's part)."""
    freq, index = compiled["freq"], compiled["index"]
    words, keys = marisa_trie.Trie(freq), marisa_trie.Trie(index)
    log_total = math.log(max(compiled["total"], 1))
    logp, classes = array("d", bytes(8 * len(words))), bytearray(len(words))
    for w, f in freq.items():
        i = words[w]
        logp[i], classes[i] = math.log(max(f >> 2, 1)) - log_total, f & 3
    parts = [""] * len(keys)
    for key, fills in index.items():
        parts[keys[key]] = fills
    ends, at = array("I"), 0
    for part in parts:
        at += len(part)
        ends.append(at)
    data = {"format": FORMAT, "total": compiled["total"], "logp": _little(logp), "classes": bytes(classes),
            "fills": "".join(parts), "ends": _little(ends), "confusion": compiled["confusion"],
            "slips": compiled["slips"]}
    return words, keys, data


Model = tuple[WordModel, TypoIndex, Confusion, dict[str, str]]


def _runtime(words: marisa_trie.Trie, keys: marisa_trie.Trie, data: dict) -> Model:
    model = WordModel(words, _from_little("d", data["logp"]), data["classes"])
    return model, TypoIndex(keys, data["fills"], _from_little("I", data["ends"])), data["confusion"], data["slips"]


def source_sizes() -> dict[str, int]:
    return {name: os.path.getsize(data_path(name)) for name in SOURCES}


def _texts(extra: dict[str, list[str]] | None = None) -> dict[str, str]:
    texts = {}
    for name in SOURCES:
        with open(data_path(name), encoding="utf-8") as fh:
            texts[name] = fh.read()
        for more in (extra or {}).get(name, ()):
            texts[name] += "\n" + more
    return texts


def _compiled_files() -> Model | None:
    """The shipped compiled model, when it was compiled from the sources as they are."""
    try:
        with open(data_path(COMPILED), "rb") as fh:
            data = marshal.loads(fh.read())  # marshal.load(fh) reads item by item: 3x slower
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("sizes") != source_sizes():
            return None
        words, keys = marisa_trie.Trie(), marisa_trie.Trie()
        words.mmap(data_path(WORDS_TRIE))
        keys.mmap(data_path(KEYS_TRIE))
        return _runtime(words, keys, data)
    except (OSError, EOFError, ValueError, TypeError, KeyError, RuntimeError):
        return None


def _pack_texts(name: str) -> list[str]:
    return [text for text, source in load_text(name) if source != BUILTIN]


@lru_cache(maxsize=None)
def _model() -> Model:
    packs = {name: _pack_texts(name) for name in SOURCES}
    if not any(packs.values()):
        shipped = _compiled_files()
        if shipped is not None:
            return shipped
    # a pack's lines (TOTAL of a pack's common words aside: the dictionary's stands) or stale
    # compiled files: the text compiled now
    packs["common_words.txt"] = ["\n".join(ln for ln in t.split("\n") if not ln.startswith("TOTAL "))
                                 for t in packs["common_words.txt"]]
    return _runtime(*build(compile_model(_texts(packs))))


def word_model() -> WordModel:
    """Every single character and common word of jieba's dictionary with its frequency and word
    class (common_words.txt, packs' lists appended); BL306's typo targets count as common words."""
    return _model()[0]


def typo_index() -> TypoIndex:
    """BL306's target words (typo_targets.txt) by wildcard key: ?经 -> 已曾… (已经, 曾经 …)."""
    return _model()[1]


def confusion() -> Confusion:
    """char -> (look-alikes, sound-alikes, exact homophones), from confusion_chars.txt."""
    return _model()[2]


def slips() -> dict[str, str]:
    """typed char -> the characters it may be a slip for (see slips_of())."""
    return _model()[3]


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

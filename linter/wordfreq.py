"""Word frequencies of general Chinese (jieba's dictionary, shipped as the compact derived list
linter/data/common_words.txt so a check never loads jieba's 350k-word dictionary), and the
likeliest reading of a short text under jieba's unigram model.

BL306 compares how likely a text reads as written and corrected; BL314 asks whether a place
name's characters are only part of a word around them.
"""
from __future__ import annotations

import math
from functools import lru_cache

from .vocab import load_lines, load_text

COMMON_FREQ = 20  # the frequency floor of common_words.txt: the typo targets count at least this
UNKNOWN_CHAR = math.log(1e-9)  # a character no dictionary lists


class WordModel:
    """Word frequencies read as log probabilities (computed when asked: a check asks for few)."""

    def __init__(self, freq: dict[str, int], log_total: float):
        self.freq, self.log_total = freq, log_total

    def __contains__(self, word: str) -> bool:
        return word in self.freq

    def get(self, word: str) -> float | None:
        f = self.freq.get(word)
        return None if f is None else math.log(max(f, 1)) - self.log_total


@lru_cache(maxsize=None)
def word_model() -> WordModel:
    """Every single character and common word of jieba's dictionary with its frequency
    (common_words.txt, packs' lists appended); BL306's typo targets count as common words."""
    total, freq = 0, {}
    for text, _source in load_text("common_words.txt"):
        tokens = [line for line in text.split("\n") if line and not line.startswith("#")]
        if tokens and tokens[0].startswith("TOTAL "):
            total = total or int(tokens[0].split()[1])
            tokens = tokens[1:]
        parts = " ".join(tokens).split(" ")
        freq.update(zip(parts[0::2], map(int, parts[1::2])))
    for w in load_lines("typo_targets.txt"):
        if freq.get(w, 0) < COMMON_FREQ:
            freq[w] = COMMON_FREQ
    return WordModel(freq, math.log(max(total, 1)))


def best_reading(text: str, model: WordModel | None = None) -> float:
    """log probability of the most likely segmentation of `text` into known words (jieba's
    unigram model, the way jieba segments)."""
    logp = model or word_model()
    best = [0.0] + [-math.inf] * len(text)
    for e in range(1, len(text) + 1):
        for s in range(max(0, e - 4), e):
            p = logp.get(text[s:e])
            if p is None:
                if e - s > 1:
                    continue
                p = UNKNOWN_CHAR
            if best[s] + p > best[e]:
                best[e] = best[s] + p
    return best[-1]

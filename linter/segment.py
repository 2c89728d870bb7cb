"""jieba, initialised once and lazily.

Two tokenizers:
- domain(): jieba over the shipped domain lexicon only (data/lexicon.txt: budget items,
  科目 names, region and department words). Loads in milliseconds, so a one-shot check stays
  fast; used for claims and term spotting.
- general(): jieba's full default dictionary plus the domain lexicon. Loading it costs about
  0.6 s, so only rules that need general Chinese vocabulary ask for it, and only once per run.
Neither writes a cache file: we build the prefix dictionary in memory.

jieba 0.42 imports pkg_resources (setuptools) only to open its own data files, and opens them
with a plain open() when pkg_resources is missing. Importing pkg_resources scans every installed
distribution: 130 ms of a one-shot check of a Shanghai PDF, most of jieba's import. _jieba()
imports jieba without it.
"""
from __future__ import annotations

import io
import logging
import os
import re
import sys
from functools import lru_cache

from .vocab import data_paths

_log = logging.getLogger("jieba")
_log.setLevel(logging.WARNING)


def _jieba():
    """jieba, imported without pkg_resources when nothing has imported that yet (see above)."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import pkg_resources fails
        try:
            import jieba  # noqa: F401
        finally:
            if sys.modules.get("pkg_resources", 0) is None:
                del sys.modules["pkg_resources"]
    import jieba

    return jieba


def _load(tk, dict_files: list[str]):
    freq: dict[str, int] = {}
    total = 0
    for path in dict_files:
        with open(path, "rb") as fh:
            f, t = tk.gen_pfdict(io.BytesIO(fh.read()))
        for w, n in f.items():
            if n or w not in freq:
                freq[w] = max(freq.get(w, 0), n)
        total += t
    tk.FREQ, tk.total = freq, max(total, 1)
    tk.initialized = True
    return tk


@lru_cache(maxsize=None)
def domain():
    return _load(_jieba().Tokenizer(), data_paths("lexicon.txt"))


@lru_cache(maxsize=None)
def general():
    jieba = _jieba()
    default = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    return _load(jieba.Tokenizer(), [default, *data_paths("lexicon.txt")])


def cut(text: str, full: bool = False) -> list[str]:
    tk = general() if full else domain()
    return list(tk.cut(text, HMM=False))


# the shape of every line of a dictionary that listed_words() reads fast: word, a frequency
# above 0, a tag (jieba's dict.txt and data/lexicon.txt are so)
_PLAIN_DICTIONARY = re.compile(r"(?:[^ \n]+ [1-9][0-9]* [^ \n]+\n)*")


@lru_cache(maxsize=None)
def listed_words() -> frozenset[str] | None:
    """The words jieba's general dictionary and the domain lexicon list with a frequency above
    0: what general().FREQ says of a whole word, read without building jieba's prefix
    dictionary (0.16 s instead of 0.6 s; BL312 asks about a few words, and only in documents
    with a doubled word). None when a file has another shape than _PLAIN_DICTIONARY: then
    general() answers."""
    jieba = _jieba()
    words: set[str] = set()
    for path in [os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), *data_paths("lexicon.txt")]:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8")
        if text and not text.endswith("\n"):
            text += "\n"
        if not _PLAIN_DICTIONARY.fullmatch(text):
            return None
        words.update(text.split()[0::3])  # every line is word, frequency, tag
    return frozenset(words)


def is_word(word: str) -> bool:
    """jieba's general dictionary or the domain lexicon lists `word` with a frequency above 0
    (general().FREQ.get(word, 0) > 0)."""
    words = listed_words()
    return general().FREQ.get(word, 0) > 0 if words is None else word in words


def word_frequency(word: str) -> int:
    """Frequency of a word in jieba's general dictionary (0 when unknown)."""
    return general().FREQ.get(word, 0)

"""Compile BL306's word data into linter/data/typo_words.marisa, typo_keys.marisa and
typo_model.marshal.

    python scripts/build_typo_model.py

Reads the three shipped line files (common_words.txt, typo_targets.txt, confusion_chars.txt,
themselves built by scripts/build_confusion_data.py) and writes the words and the typo index's
wildcard keys as marisa tries (memory-mapped at run time), and the rest (log probabilities and
word classes by key id, the index's characters, the confusion set) as one marshal file (format
version 4, read by every Python 3 from 3.4 on). Run it after changing any of the three;
tests/test_typo_model.py fails while the compiled files are stale, and until then
linter/wordfreq.py compiles the text in memory instead (same results, slower start).
"""
from __future__ import annotations

import marshal
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from linter.vocab import data_path  # noqa: E402
from linter.wordfreq import COMPILED, KEYS_TRIE, SOURCES, WORDS_TRIE, build, compile_model, source_sizes  # noqa: E402


def main() -> int:
    texts = {}
    for name in SOURCES:
        with open(data_path(name), encoding="utf-8") as fh:
            texts[name] = fh.read()
    words, keys, data = build(compile_model(texts))
    data["sizes"] = source_sizes()
    for trie, name in ((words, WORDS_TRIE), (keys, KEYS_TRIE)):
        trie.save(data_path(name) + ".tmp")
        os.replace(data_path(name) + ".tmp", data_path(name))
    out = data_path(COMPILED)
    with open(out + ".tmp", "wb") as fh:
        marshal.dump(data, fh, 4)
    os.replace(out + ".tmp", out)
    sizes = ", ".join(f"{n} {os.path.getsize(data_path(n))} bytes" for n in (WORDS_TRIE, KEYS_TRIE, COMPILED))
    print(f"{len(words)} words, {len(keys)} target keys, {len(data['confusion'])} characters: {sizes}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Compile BL306's word data into linter/data/typo_model.marshal.

    python scripts/build_typo_model.py

Reads the three shipped line files (common_words.txt, typo_targets.txt, confusion_chars.txt,
themselves built by scripts/build_confusion_data.py) and writes them as one marshal file, so a
check loads them in one read instead of parsing ~125,000 lines in every process. Run it after
changing any of the three; tests/test_typo_model.py fails while the compiled file is stale, and
until then linter/wordfreq.py parses the text instead (same results, slower start).
Stdlib only. marshal format version 4 is written (read by every Python 3 from 3.4 on).
"""
from __future__ import annotations

import marshal
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from linter.wordfreq import COMPILED, SOURCES, compile_model, source_sizes  # noqa: E402
from linter.vocab import data_path  # noqa: E402


def main() -> int:
    texts = {}
    for name in SOURCES:
        with open(data_path(name), encoding="utf-8") as fh:
            texts[name] = fh.read()
    model = compile_model(texts)
    model["sizes"] = source_sizes()
    out = data_path(COMPILED)
    with open(out + ".tmp", "wb") as fh:
        marshal.dump(model, fh, 4)
    os.replace(out + ".tmp", out)
    print(f"{out}: {len(model['freq'])} words, {len(model['index'])} target keys, "
          f"{len(model['confusion'])} characters, {os.path.getsize(out)} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

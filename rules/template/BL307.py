from __future__ import annotations

from functools import lru_cache

from linter.engine import Rule
from linter.vocab import load_lines

from .common import scanned_lines


@lru_cache(maxsize=None)
def traditional() -> dict[str, str]:
    out = {}
    for line in load_lines("traditional_chars.txt"):
        parts = line.split()
        if len(parts) == 2:
            out[parts[0]] = parts[1]
    return out


class TraditionalCharacter(Rule):
    """A traditional character inside simplified text (輿情 for 舆情).

    *What it does*: flags characters that exist only in traditional Chinese (derived from
    OpenCC's tables into linter/data/traditional_chars.txt; characters that are also simplified,
    such as 著 in 显著 or 乾 in 乾坤, are not in the list) on lines that are otherwise
    simplified, and suggests the simplified character. A run of traditional text (a quoted
    Hong Kong or Taiwan name) is left alone.

    *Why it matters*: a traditional character in a simplified document comes from pasting
    from another source or a wrong input-method setting; it breaks search and looks careless.

    *Bad*:
        指导协调全区网络輿情工作

    *Good*:
        指导协调全区网络舆情工作
    """

    code = "BL307"
    name = "traditional-character"
    severity = "warning"

    def check(self, doc):
        table = traditional()
        for ln, text in scanned_lines(doc):
            hits = [i for i, ch in enumerate(text) if ch in table]
            if not hits:
                continue
            han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
            if len(hits) * 3 > han:  # mostly traditional: a quotation, not a slip
                continue
            for i in hits:
                ch = text[i]
                yield self.at_span(doc, ln.number, i, i + 1,
                                   f"繁体字 `{ch}` 混在简体文本中，应为 `{table[ch]}`", suggestion=table[ch])

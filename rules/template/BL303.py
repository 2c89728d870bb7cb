from __future__ import annotations

from functools import lru_cache

import regex

from linter.engine import Rule
from linter.vocab import load_lines

from .common import level_char, regions, scanned_lines

MIN_FREQ = 500  # the restored word must be a common word
DOMINANCE = 5  # … and clearly the only reading (城县 → 城市, not 城区/城乡)


@lru_cache(maxsize=None)
def region_char_words() -> dict[str, int]:
    out = {}
    for line in load_lines("region_char_words.txt"):
        word, _, freq = line.partition(" ")
        out[word] = int(freq or 0)
    for word in regions()["legit_compounds"]:
        out.setdefault(word, 1)
    return out


class ReplaceDamage(Rule):
    """A non-word left by find-and-replace of the region word (服务县场 ← 服务市场).

    *What it does*: when a city's document is copied and 市 is replaced by 县 (or 区 by 县,
    县 by 区 …), words that merely contain the character break: 市场 → 县场, 城市 → 城县,
    社区 → 社县. For every occurrence of the document's own level character that no dictionary
    word covers, it swaps the character back to each other level character; when exactly one
    common word results (from jieba's dictionary, shipped as a compact derived list), the token
    is damage and that word is the suggestion. Legitimate phrases (我县, 全县, 县委, 经开区)
    and the document's own region and department names stay silent.

    *Why it matters*: the damage shows the document was produced by blind replacement, and it
    changes meaning (信用服务县场 is no word at all).

    *Bad*:
        依法规范全县互联网舆情服务县场。

    *Good*:
        依法规范全县互联网舆情服务市场。
    """

    code = "BL303"
    name = "find-replace-damage"
    severity = "warning"

    def check(self, doc):
        c = level_char(doc)
        if c is None:
            return
        words = region_char_words()
        cfg = regions()
        swaps = [r for r in cfg["swap_chars"] if r != c]
        mod_before, mod_after = cfg["damage_modifiers"]["before"], cfg["damage_modifiers"]["after"]
        names = [n for n in (doc.meta.region, doc.meta.department) if n]
        for ln, text in scanned_lines(doc):
            if c not in text:
                continue
            masked = set()
            for name in names:
                for m in regex.finditer(regex.escape(name), text):
                    masked.update(range(m.start(), m.end()))
            # place names: 中共X县委 / X县人民政府 / X县财政局 …
            for m in regex.finditer(rf"[\p{{Han}}]{{1,4}}{c}(?=委|人民|政府|财政|网信|党委|纪委|融媒)", text):
                masked.update(range(m.start(), m.end()))
            for i, ch in enumerate(text):
                if ch != c or i in masked or self._covered(text, i, words):
                    continue
                best = self._restore(text, i, c, swaps, words, mod_before, mod_after)
                if best is None:
                    continue
                start, end, bad, good = best
                yield self.at_span(doc, ln.number, start, end,
                                   f"`{bad}` 不是词，疑为替换“{good[0] if bad[0] == c else good[1]}→{c}”时误改的 `{good}`",
                                   suggestion=good)

    @staticmethod
    def _covered(text: str, i: int, words: dict[str, int]) -> bool:
        for length in (2, 3, 4):
            for s in range(i - length + 1, i + 1):
                if s < 0 or s + length > len(text):
                    continue
                if text[s:s + length] in words:
                    return True
        return False

    @staticmethod
    def _restore(text, i, c, swaps, words, mod_before, mod_after):
        found = []
        for s in (i - 1, i):  # the bigram ending at i, the bigram starting at i
            if s < 0 or s + 2 > len(text):
                continue
            bigram = text[s:s + 2]
            other = bigram[1] if s == i else bigram[0]
            if not regex.match(r"\p{Han}", other):
                continue
            if s == i - 1 and other in mod_before:
                continue
            if s == i and other in mod_after:
                continue
            cands = sorted(((words.get(bigram.replace(c, r), 0), bigram.replace(c, r)) for r in swaps), reverse=True)
            top, second = cands[0], cands[1]
            if top[0] >= MIN_FREQ and top[0] >= DOMINANCE * max(second[0], 1):
                found.append((top[0], s, s + 2, bigram, top[1]))
        if not found:
            return None
        found.sort(reverse=True)
        if len(found) > 1 and found[1][0] * DOMINANCE > found[0][0]:
            return None  # both neighbours would restore a word: ambiguous
        _, s, e, bad, good = found[0]
        return s, e, bad, good

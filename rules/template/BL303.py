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


@lru_cache(maxsize=None)
def _neighbour_lines() -> dict[tuple[str, str], str]:
    out = {}
    for line in load_lines("region_neighbour_words.txt"):
        side, ch, *rest = line.split(" ", 2)
        out[side, ch] = rest[0] if rest else ""
    return out


@lru_cache(maxsize=None)
def neighbour_words(side: str, ch: str) -> frozenset[str]:
    """Words without a level character that can stand beside one: starting with ch (side '>',
    场所 after 社区) or ending with it (side '<', 纳入 before 县级)."""
    return frozenset(_neighbour_lines().get((side, ch), "").split())


HAN = regex.compile(r"\p{Han}")


@lru_cache(maxsize=None)
def _literal(word: str) -> "regex.Pattern":
    """A name as a compiled pattern, once (not a cache look-up for every name and line)."""
    return regex.compile(regex.escape(word))


class ReplaceDamage(Rule):
    """A non-word left by find-and-replace of the region word (服务县场 ← 服务市场).

    *What it does*: when a city's document is copied and 市 is replaced by 县 (or 区 by 县,
    县 by 区 …), words that merely contain the character break: 市场 → 县场, 城市 → 城县,
    社区 → 社县. The level character is the one the document names itself by (its region's
    suffix: 旗 in a banner's document, 州, 盟 …). At each occurrence it swaps the character
    back to each other level character in the pair with either neighbour; when exactly one
    common word results (from jieba's dictionary, shipped as a compact derived list) and no
    segmentation reads the pair as real text, the pair is damage and that word is the
    suggestion. A word holding both characters (社区, 城乡社区) excuses the pair; a word
    holding the level character alone (服务区) excuses it only when the neighbour starts or
    ends a word of its own (服务区场所, 纳入县级), never when it is left over (服务区场 is
    服务市场 damaged). Legitimate phrases (我县, 全县, 县委, 经开区) and the document's own
    region and department names stay silent.

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
        follow = "|".join(regex.escape(w) for w in sorted(cfg["body_words"]["words"], key=len, reverse=True))
        # (or the body named by its level alone, the document's own short form: 区民政局 for
        # 上海市嘉定区民政局, （以下简称“区民政局”）)
        bodies = regex.compile(rf"[\p{{Han}}]{{0,4}}{regex.escape(c)}(?={follow})")
        for ln, text in scanned_lines(doc):
            if c not in text:
                continue
            masked = set()
            for name in names:
                for m in _literal(name).finditer(text):
                    masked.update(range(m.start(), m.end()))
            # place names of bodies: 中共X县委 / X县人民政府 / 临城县教育局 / 区民政局 …
            for m in bodies.finditer(text):
                masked.update(range(m.start(), m.end()))
            for i, ch in enumerate(text):
                if ch != c or i in masked:
                    continue
                best = self._restore(text, i, c, swaps, words, mod_before, mod_after)
                if best is None:
                    continue
                start, end, bad, good = best
                yield self.at_span(doc, ln.number, start, end,
                                   f"`{bad}` 不是词，疑为替换“{good[0] if bad[0] == c else good[1]}→{c}”时误改的 `{good}`",
                                   suggestion=good)

    @staticmethod
    def _words_at(text: str, i: int, lexicons) -> list[tuple[int, int]]:
        """Spans of the dictionary words (2–4 characters) covering position i."""
        out = []
        for length in (2, 3, 4):
            for s in range(max(0, i - length + 1), min(i, len(text) - length) + 1):
                if any(text[s:s + length] in lex for lex in lexicons):
                    out.append((s, s + length))
        return out

    @classmethod
    def _reads_as_words(cls, text: str, i: int, j: int, words, mod_before, mod_after) -> bool:
        """The level character at i and its neighbour j read as real text in some segmentation:
        one word holds both (社区, 城乡社区), or a word holds i without j and another word holds
        j without i (社区|场所, 纳入|旗级). A word holding i alone does not excuse the pair when j
        is left over as a single character: 服务区场 is 服务|区场 (服务市场), not 服务区|场.
        A level character with a modifier (全旗, 旗级, 县委) counts as a word."""
        at_i = cls._words_at(text, i, (words,))
        if i > 0 and text[i - 1] in mod_before:
            at_i.append((i - 1, i + 1))
        if i + 1 < len(text) and text[i + 1] in mod_after:
            at_i.append((i, i + 2))
        if any(a <= j < b for a, b in at_i):
            return True
        if not at_i:
            return False
        # a word of its own at j: starting there (j after i) or ending there (j before i)
        lexicons = (words, neighbour_words(">" if j > i else "<", text[j]))
        for length in (2, 3, 4):
            s = j if j > i else j - length + 1
            if s >= 0 and s + length <= len(text) and any(text[s:s + length] in lex for lex in lexicons):
                return True
        return False

    @classmethod
    def _restore(cls, text, i, c, swaps, words, mod_before, mod_after):
        found = []
        for s in (i - 1, i):  # the bigram ending at i, the bigram starting at i
            if s < 0 or s + 2 > len(text):
                continue
            bigram = text[s:s + 2]
            other = bigram[1] if s == i else bigram[0]
            if not HAN.match(other):
                continue
            if s == i - 1 and other in mod_before:
                continue
            if s == i and other in mod_after:
                continue
            cands = sorted(((words.get(bigram.replace(c, r), 0), bigram.replace(c, r)) for r in swaps), reverse=True)
            top, second = cands[0], cands[1]
            if top[0] < MIN_FREQ or top[0] < DOMINANCE * max(second[0], 1):
                continue
            if not cls._reads_as_words(text, i, s + 1 if s == i else s, words, mod_before, mod_after):
                found.append((top[0], s, s + 2, bigram, top[1]))
        if not found:
            return None
        found.sort(reverse=True)
        if len(found) > 1 and found[1][0] * DOMINANCE > found[0][0]:
            return None  # both neighbours would restore a word: ambiguous
        _, s, e, bad, good = found[0]
        return s, e, bad, good

from __future__ import annotations

import math
from functools import lru_cache

import regex

from linter.engine import Rule
from linter.vocab import load_json, load_lines, load_text
from linter.wordfreq import best_reading, word_model

from .common import scanned_lines


@lru_cache(maxsize=None)
def lexicon() -> tuple[list[tuple[str, str, "regex.Pattern | None"]], "regex.Pattern | None"]:
    entries = []
    for text, _source in load_text("confusables.txt"):  # built-in, then each pack's pairs
        for raw in text.splitlines():
            if raw.startswith("#") or not raw.strip():
                continue
            parts = raw.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0] or parts[0] == parts[1]:
                continue
            unless = regex.compile(parts[2]) if len(parts) > 2 and parts[2].strip() else None
            entries.append((parts[0], parts[1], unless))
    entries.sort(key=lambda e: -len(e[0]))
    pattern = regex.compile("|".join(regex.escape(e[0]) for e in entries)) if entries else None
    return entries, pattern


HAN = regex.compile(r"\p{Han}{2,}")


@lru_cache(maxsize=None)
def confusion() -> dict[str, tuple[str, str]]:
    """char -> (look-alikes, sound-alikes), from linter/data/confusion_chars.txt."""
    out = {}
    for line in load_lines("confusion_chars.txt"):
        ch, _, rest = line.partition("\t")
        shape, _, sound = rest.partition("\t")
        out[ch] = (shape, sound)
    return out


@lru_cache(maxsize=None)
def targets() -> dict[str, list[str]]:
    """The target words (typo_targets.txt) by wildcard key: a word with one character blanked
    (已经 -> ?经 and 已?), so a text token finds the words it differs from in one place."""
    out: dict[str, list[str]] = {}
    for w in load_lines("typo_targets.txt"):
        for i in range(len(w)):
            out.setdefault(w[:i] + "?" + w[i + 1:], []).append(w)
    return out


@lru_cache(maxsize=None)
def context() -> dict:
    return load_json("typo_context.json")


# How rarely a writer slips on a given character: reading the text corrected must be this much
# more likely than reading it as written. A slip into a word the document writes right elsewhere
# (期末 in its tables, 期未 once in a sentence) needs less evidence than a word it never uses.
TYPO_COST = math.log(3e-4)
TYPO_COST_KNOWN_WORD = math.log(1e-3)
WINDOW = 4  # characters each side of a token taken into the comparison


def typo_candidates(text: str, cost: float = TYPO_COST):
    """(start, end, right word, index of the replaced character, 'shape' | 'sound', gain) for every
    2–4 character token of `text` that is no word but becomes a target word when one character
    is replaced by its look-alike or sound-alike, when the text around reads corrected at least
    exp(-cost) times more likely than as written (gain: the log ratio; 自己经常 holds 己经 but
    reads 自己|经常; 一是 is 一|是)."""
    index, logp, conf = targets(), word_model(), confusion()
    known, lookup = logp.freq, index.get
    free = context()["free_chars"]
    written_of: dict[tuple[int, int], float] = {}  # the reading as written, per window
    for run in HAN.finditer(text):
        a, b = run.span()
        for i in range(a, b - 1):
            for n in (4, 3, 2):
                if i + n > b:
                    continue
                tok = text[i:i + n]
                if tok in known:
                    continue
                for j in range(n):
                    if tok[j] in free:
                        continue
                    for w in lookup(tok[:j] + "?" + tok[j + 1:], ()):
                        pair = conf.get(w[j])
                        if w == tok or pair is None:
                            continue
                        kind = "shape" if tok[j] in pair[0] else ("sound" if tok[j] in pair[1] else None)
                        if kind is None:
                            continue
                        lo, hi = max(a, i - WINDOW), min(b, i + n + WINDOW)
                        written = written_of.get((lo, hi))
                        if written is None:
                            written = written_of[lo, hi] = best_reading(text[lo:hi], logp)
                        fixed = best_reading(text[lo:i] + w + text[i + n:hi], logp)
                        if fixed + cost > written:
                            yield i, i + n, w, j, kind, fixed - written


class ConfusableTypo(Rule):
    """A word written with a look-alike or sound-alike character (奥情 for 舆情, 己经 for 已经).

    *What it does*: two passes over every line. First the curated lexicon
    (linter/data/confusables.txt: wrong form, right form, and an optional context in which the
    wrong form is a real word, e.g. 煤体 in a coal-mining text). Then any 2–4 character token
    that is no word but becomes a target word (linter/data/typo_targets.txt: the domain
    vocabulary and frequent general words) when one character is replaced by a look-alike or a
    sound-alike (linter/data/confusion_chars.txt, built by scripts/build_confusion_data.py from
    rendered glyphs and pinyin), when the text around it reads far more likely corrected than as
    written (jieba's word frequencies, linter/data/common_words.txt: 自己经常 holds 己经 but reads
    自己|经常). A word of the dictionary, a numeral or 甲乙丙 sequence (表十, 丙类), a person's
    name (侯明同志), a 文号 prefix (普发改投〔2024〕) and a token the document writes
    consistently (at least twice and more often than the word it resembles) stay silent.
    Suggests the right word.

    *Why it matters*: a published budget with 技木 or 期未 reads as careless, and a search for
    the real term (技术, 期末) misses the passage.

    *Bad*:
        负责网站转栽新闻稿源的管理工作；项目资金己拨付到位

    *Good*:
        负责网站转载新闻稿源的管理工作；项目资金已拨付到位
    """

    code = "BL306"
    name = "confusable-character-typo"
    severity = "warning"

    def check(self, doc):
        entries, pattern = lexicon()
        by_wrong = {e[0]: e for e in entries}
        lines = list(scanned_lines(doc))
        curated: dict[int, list[tuple[int, int]]] = {}
        for ln, text in lines:
            for m in pattern.finditer(text) if pattern is not None else ():
                wrong, right, unless = by_wrong[m.group()]
                if unless is not None and self._excused(text, m.start(), m.end(), wrong, unless):
                    continue
                curated.setdefault(ln.number, []).append(m.span())
                yield self.at_span(doc, ln.number, m.start(), m.end(),
                                   f"错别字：`{wrong}` 应为 `{right}`", suggestion=right)
        yield from self._typos(doc, lines, curated)

    def _typos(self, doc, lines, curated):
        found = []
        for ln, text in lines:
            taken = list(curated.get(ln.number, []))
            # the longest token first, then the likeliest correction (编质: 编制, not 编织)
            cands = sorted(typo_candidates(text, TYPO_COST_KNOWN_WORD), key=lambda c: (c[0] - c[1], -c[5]))
            for s, e, right, j, kind, gain in cands:
                if any(a < e and s < b for a, b in taken) or self._context_excuses(text, s, e):
                    continue
                taken.append((s, e))
                found.append((ln, s, e, text[s:e], right, j, kind, gain))
        if not found:
            return
        whole = "\n".join(text for _, text in lines)
        uses = context()["consistent_uses"]
        for ln, s, e, tok, right, j, kind, gain in found:
            n, rights = whole.count(tok), whole.count(right)
            if n >= uses and n > rights:
                continue  # the document's own word (微博 in a dictionary older than it)
            if gain < -TYPO_COST and rights == 0:
                continue  # weak evidence, and the document never writes the word
            how = "形近" if kind == "shape" else "音近"
            yield self.at_span(doc, ln.number, s, e,
                               f"疑似错别字：`{tok}` 应为 `{right}`（`{tok[j]}` 与 `{right[j]}` {how}）",
                               suggestion=right)

    @staticmethod
    def _context_excuses(text, s, e) -> bool:
        """A person's name (侯明同志) or the prefix of a 文号 (普发改投〔2024〕12号)."""
        after = text[e:e + 6]
        if any(after.startswith(t) or after[1:].startswith(t) for t in context()["name_titles"]):
            return True
        return bool(regex.match(r"\p{Han}{0,4}[〔【\[（(]\s*(?:19|20)\d{2}\s*[〕】\]）)]", text[e:e + 12]))

    @staticmethod
    def _excused(text, start, end, wrong, unless) -> bool:
        """The `unless` context holds: a match in the 8 characters around the hit that takes
        in this hit (人士地位 for 士地), or a context word that holds no other hit (瓦斯 near 煤体)."""
        a = max(0, start - 8)
        around = text[a:end + 8]
        for u in unless.finditer(around):
            us, ue = a + u.start(), a + u.end()
            if us < end and start < ue:
                return True
            if wrong not in u.group():
                return True
        return False

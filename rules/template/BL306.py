from __future__ import annotations

import math
import re
from functools import lru_cache

import regex

from linter.engine import Rule
from linter.places import divisions, place_names, place_stems
from linter.vocab import load_json, load_text
from linter.wordfreq import UNKNOWN_CHAR, WordModel, best_reading, confusion, reading, slips, typo_index, word_model

from .common import scanned_lines


@lru_cache(maxsize=None)
def lexicon() -> tuple[list[tuple[str, str, str]], "re.Pattern | None"]:
    """The curated pairs (wrong form, right form, the context pattern in which the wrong form is
    a real word, or ''), and one pattern of every wrong form: a literal alternation, which the
    stdlib compiles ten times faster than `regex` (the context patterns are compiled when hit)."""
    entries = []
    for text, _source in load_text("confusables.txt"):  # built-in, then each pack's pairs
        for raw in text.splitlines():
            if raw.startswith("#") or not raw.strip():
                continue
            parts = raw.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0] or parts[0] == parts[1]:
                continue
            entries.append((parts[0], parts[1], parts[2].strip() if len(parts) > 2 else ""))
    entries.sort(key=lambda e: -len(e[0]))
    pattern = re.compile("|".join(re.escape(e[0]) for e in entries)) if entries else None
    return entries, pattern


@lru_cache(maxsize=None)
def context_pattern(source: str) -> "regex.Pattern":
    return regex.compile(source)


@lru_cache(maxsize=None)
def han_runs() -> "regex.Pattern":
    """Runs of two or more Han characters (compiled on first use, not at import)."""
    return regex.compile(r"\p{Han}{2,}")


@lru_cache(maxsize=None)
def context() -> dict:
    return load_json("typo_context.json")


@lru_cache(maxsize=None)
def short_body_pattern() -> "regex.Pattern":
    """A level character, a body's short form and its head (县卫健局, 区人社局, 市网信办)."""
    ctx = context()
    abbr = "|".join(regex.escape(w) for w in sorted(ctx["body_abbreviations"], key=len, reverse=True))
    return regex.compile(rf"[省市区县州旗](?:{abbr})[{ctx['body_heads']}]")


def short_body_names(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in short_body_pattern().finditer(text)]


# How rarely a writer slips on a given character: reading the text corrected must be this much
# more likely than reading it as written. A slip into a word the document writes right elsewhere
# (期末 in its tables, 期未 once in a sentence) needs less evidence than a word it never uses.
TYPO_COST = math.log(3e-4)
TYPO_COST_KNOWN_WORD = math.log(1e-3)
# An exact homophone (same syllable and tone: 建全 for 健全, 已前 for 以前, 治度 for 制度) is the
# likeliest slip. Of the 65 distinct one-character pairs of confusables.txt (slips seen in real
# documents) 32 are exact homophones, 14 look-alikes and 4 toneless sound-alikes, while
# confusion_chars.txt offers per character 8.3 exact homophones, 10.8 look-alikes and 6.0
# toneless sound-alikes: per alternative offered, an exact homophone is the slip 3.0 times as
# often as a look-alike and 5.8 times as often as a toneless sound-alike (`python
# benchmarks/typo_recall.py --rates`). Its prior is the smaller ratio: 3 times, so it needs
# log 3 ≈ 1.1 less evidence. It lowers the bar only where the document writes the word right
# elsewhere (a lower bar for a word it never writes reports 首展首秀 as 斩首 in a real document,
# for +0.5% planted recall) and where the token is not split between two words of the text as
# written (in 实时监看 the 时 of 时监 is 实时's, not 时间's).
HOMOPHONE_PRIOR = math.log(3)
WINDOW = 4  # characters each side of a token taken into the comparison
NEXT_WORD = 8  # characters read for the word after a lone adverb
PHRASE = 2  # characters of context that make a corrected word the document's own phrase


class _Phrases:
    """Whether a phrase is written in the document's text. The first searches scan the text;
    past DIRECT_SEARCHES the text's substrings of the phrase's length are gathered once, so a
    long document is not scanned once per typo candidate (that grew with its square)."""

    DIRECT_SEARCHES = 256  # a scan is C-fast; gathering costs about a thousand scans' worth

    def __init__(self, whole: str):
        self.whole, self.searches, self.by_length = whole, 0, {}

    def __contains__(self, phrase: str) -> bool:
        if self.searches < self.DIRECT_SEARCHES:
            self.searches += 1
            return phrase in self.whole
        n = len(phrase)
        if n not in self.by_length:
            self.by_length[n] = frozenset(self.whole[i:i + n] for i in range(len(self.whole) - n + 1))
        return phrase in self.by_length[n]


@lru_cache(maxsize=2)
def _phrases(whole: str) -> _Phrases:
    return _Phrases(whole)


def lone_adverb(text: str, p: int, run_end: int, lo: int, hi: int, model: WordModel) -> bool:
    """The character at p reads, as written, as an adverb that modifies nothing: a word of its
    own (in the likeliest reading of text[lo:hi]) whose next word is no predicate (年未|固定资产,
    期未|余额) or that ends the clause (截至2024年未，). An adverb stands before what it
    modifies (上年未|完成, 到期未|支付), so the unigram model, which scores 未 alike wherever it
    stands, is not to be trusted there."""
    if not model.is_adverb(text[p]):
        return False
    _, ends = reading(text[lo:hi], model)
    if p + 1 - lo not in ends or (p > lo and p - lo not in ends):
        return False  # part of a longer word (尚未, 未必)
    if p + 1 >= run_end:
        nxt = text[run_end:].lstrip()[:1]
        return not nxt or not nxt.isalnum()  # a number may follow (共 10 人, 已3年); punctuation may not
    stop = min(run_end, p + 1 + NEXT_WORD)
    _, ends = reading(text[p + 1:stop], model)
    return not model.is_predicate(text[p + 1:p + 1 + ends[0]])


def split_between_words(text: str, s: int, e: int, p: int, model: WordModel) -> bool:
    """In the likeliest reading of the text around the token text[s:e] as written, a character
    of the token other than the one at p belongs to a word that reaches outside the token
    (实时监看 reads 实时|监|看: 时监 is no unit the writer typed, and 时间 would undo 实时)."""
    run = next(m.span() for m in han_runs().finditer(text) if m.start() <= s and e <= m.end())
    lo, hi = max(run[0], s - WINDOW), min(run[1], e + WINDOW)
    _, ends = reading(text[lo:hi], model)
    start = lo
    for end in ends:
        end += lo
        if end - start > 1 and start < e and s < end and (start < s or end > e) \
                and any(start <= k < end for k in range(s, e) if k != p):
            return True
        start = end
    return False


def typo_candidates(text: str, cost: float = TYPO_COST, model: WordModel | None = None, memo: dict | None = None):
    """(start, end, right word, index of the replaced character, 'homophone' | 'shape' | 'sound',
    gain, lone) for every 2–4 character token of `text` that is no word but becomes a target word
    when one character is replaced by its exact homophone, look-alike or sound-alike, when the
    text around reads corrected at least exp(-cost) times more likely than as written (gain: the
    log ratio; 自己经常 holds 己经 but reads 自己|经常; 一是 is 一|是). A token's last character that reads as a lone adverb
    modifying nothing (年未，, 期未余额) is scored as an unknown character (lone: True).
    `memo` (a dict kept by the caller for one model, e.g. over one document's lines) remembers
    each token's corrections: the same tokens recur on many lines."""
    model = model or word_model()
    fixes_of = memo if memo is not None else {}
    index = typo_index()
    tables = (model.words, index.key_id, index.fills, index.ends, context()["free_chars"], confusion().get, slips().get)
    written_of: dict[tuple[int, int], float] = {}  # the reading as written, per window
    for run in han_runs().finditer(text):
        a, b = run.span()
        for i in range(a, b - 1):
            for n in (4, 3, 2):
                if i + n > b:
                    continue
                tok = text[i:i + n]
                fixes = fixes_of.get(tok)
                if fixes is None:
                    fixes = fixes_of[tok] = _corrections(tok, *tables)
                for j, c, kind in fixes:
                    x = tok[j]
                    w = tok[:j] + c + tok[j + 1:]
                    lo, hi = max(a, i - WINDOW), min(b, i + n + WINDOW)
                    written = written_of.get((lo, hi))
                    if written is None:
                        written = written_of[lo, hi] = best_reading(text[lo:hi], model)
                    gain = best_reading(text[lo:i] + w + text[i + n:hi], model) - written
                    # a lone adverb that modifies nothing belongs to the word before it: the
                    # token it closes (期未|余额 -> 期末), not one it would open (未余 -> 为余)
                    lone = gain + TYPO_COST_KNOWN_WORD <= 0 and j == n - 1 and lone_adverb(text, i + j, b, lo, hi, model)
                    if lone:
                        gain += model.get(x) - UNKNOWN_CHAR
                    if gain + cost > 0:
                        yield i, i + n, w, j, kind, gain, lone


def _corrections(tok: str, known, key_id, all_fills: str, ends, free: str, get_pair, slip_for) -> tuple:
    """(index of the replaced character, right character, 'homophone' | 'shape' | 'sound') of every
    way `tok`, no word, becomes a target word by one exact homophone (same syllable and tone),
    look-alike or sound-alike character (typo_index(), confusion(), slips()); () for a word. A
    character that is both an exact homophone and a look-alike (煤/媒) counts as the homophone."""
    if tok in known:
        return ()
    out = []
    for j, x in enumerate(tok):
        if x in free:
            continue
        k = key_id(tok[:j] + "?" + tok[j + 1:])
        if k is None:
            continue
        fills = all_fills[ends[k - 1] if k else 0:ends[k]]  # the targets' characters here
        may_be = slip_for(x, "")  # the characters x may have been typed for (a few)
        for c in may_be:  # nearly always none is here: a few substring tests, not a walk of the fills
            if c in fills:
                break
        else:
            continue
        for c in fills:
            if c not in may_be:
                continue
            shape, sound, homophones = get_pair(c)
            kind = "homophone" if x in homophones else "shape" if x in shape else "sound" if x in sound else None
            if kind is not None:
                out.append((j, c, kind))
    return tuple(out)


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
    自己|经常). An exact homophone (same syllable and tone: 建全 for 健全, 家强 for 加强), the
    commonest input-method slip, needs less evidence where the document writes the word
    elsewhere, unless the text as written reads the token as parts of two words (实时监看).
    Two more kinds of evidence: a character written as a lone adverb that modifies nothing
    (jieba's word classes: 期未|余额, 2024年未，, not 上年未|完成) reads as no word, when the
    document writes the corrected word elsewhere; and a weaker correction counts when
    the document writes it in the same phrase elsewhere (全体再职人员 where 在职人员 recurs). A
    word of the dictionary, a numeral or 甲乙丙 sequence (表十, 丙类), a person's name
    (侯明同志), a place name (现将涞水县…), a 文号 prefix (普发改投〔2024〕), a body's short name (县卫健局, 县资规局: linter/data/typo_context.json)
    and a token the
    document writes consistently (at least twice and more often than the word it resembles)
    stay silent. Suggests the right word. The word data are compiled into
    linter/data/typo_words.marisa, typo_keys.marisa and typo_model.marshal (scripts/build_typo_model.py), mapped, not parsed, by each process.

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
                excuse = self._excused(text, m.start(), m.end(), wrong, context_pattern(unless)) if unless else None
                if excuse != "word":
                    # reported, or excused by the topic around it (煤体 near 瓦斯, which the word
                    # model cannot see): settled, the second pass does not judge it again. A hit
                    # excused as part of a longer word (人士地位) is left to the model's reading
                    # (积极竟争先进 is 竞争 all the same).
                    curated.setdefault(ln.number, []).append(m.span())
                if excuse:
                    continue
                yield self.at_span(doc, ln.number, m.start(), m.end(),
                                   f"错别字：`{wrong}` 应为 `{right}`", suggestion=right)
        yield from self._typos(doc, lines, curated)

    def _typos(self, doc, lines, curated):
        found = []
        whole = "\n".join(text for _, text in lines)
        cands_of: dict[str, list] = {}  # a text written on several lines (table labels) is read once
        model = word_model().remembering()
        corrections: dict[str, tuple] = {}  # token -> its corrections, over the document
        for ln, text in lines:
            taken = list(curated.get(ln.number, []))
            # strong evidence, or a correction the document writes right in the same phrase
            # elsewhere (全体再职人员 where 在职人员 recurs): the longest token first, then the
            # likeliest correction (编质: 编制, not 编织)
            cands = cands_of.get(text)
            if cands is None:
                cands = cands_of[text] = sorted(
                    (c for c in typo_candidates(text, 0.0, model, corrections)
                     if c[5] + TYPO_COST_KNOWN_WORD > 0 or self._homophone_of_a_known_word(whole, text, c, model)
                     or self._written_right_elsewhere(whole, text, c[0], c[1], c[2])),
                    key=lambda c: (c[0] - c[1], -c[5]))
            for s, e, right, j, kind, gain, lone in cands:
                if any(a < e and s < b for a, b in taken) or self._context_excuses(text, s, e) \
                        or self._in_place_name(text, s + j):
                    continue
                taken.append((s, e))
                found.append((ln, s, e, text[s:e], right, j, kind, gain, lone))
        if not found:
            return
        uses = context()["consistent_uses"]
        for ln, s, e, tok, right, j, kind, gain, lone in found:
            n, rights = whole.count(tok), whole.count(right)
            if n >= uses and n > rights:
                continue  # the document's own word (微博 in a dictionary older than it)
            if (gain < -TYPO_COST or lone) and rights == 0:
                continue  # weak evidence, and the document never writes the word: a lone adverb
                # may also start a word newer than the dictionary (县内正能量)
            how = {"shape": "形近", "sound": "音近", "homophone": "同音"}[kind]
            yield self.at_span(doc, ln.number, s, e,
                               f"疑似错别字：`{tok}` 应为 `{right}`（`{tok[j]}` 与 `{right[j]}` {how}）",
                               suggestion=right)

    @staticmethod
    def _homophone_of_a_known_word(whole: str, text: str, cand: tuple, model: WordModel) -> bool:
        """An exact homophone slip (一是建全内部管理制度) into a word the document writes
        elsewhere, with the evidence its prior asks for (HOMOPHONE_PRIOR), in a token that the
        text as written does not read as parts of two words."""
        s, e, right, j, kind, gain, _lone = cand
        if kind != "homophone" or gain + TYPO_COST_KNOWN_WORD + HOMOPHONE_PRIOR <= 0 or right not in whole:
            return False
        return not split_between_words(text, s, e, s + j, model)

    @staticmethod
    def _written_right_elsewhere(whole: str, text: str, s: int, e: int, right: str) -> bool:
        """The corrected word with the two characters before it, or after it, is written in the
        document (再职人员 -> 在职人员): the writer's own phrase, slipped once."""
        before, after = text[max(0, s - PHRASE):s], text[e:e + PHRASE]
        written = _phrases(whole)
        return (len(before) == PHRASE and han_runs().fullmatch(before) is not None and before + right in written) or \
            (len(after) == PHRASE and han_runs().fullmatch(after) is not None and right + after in written)

    @staticmethod
    def _in_place_name(text: str, p: int) -> bool:
        """The character at p belongs to a place name written around it (现将涞水县…: 涞水县,
        not 将来): a name is no typo."""
        names, div, stems = place_names(), divisions(), place_stems()
        for a in range(max(0, p - 6), p + 1):
            for b in range(max(a + 2, p + 1), min(len(text), a + 8) + 1):
                w = text[a:b]
                if w in names or w in div.by_name or w in div.by_stem or w in stems:
                    return True
        return False

    @staticmethod
    def _context_excuses(text, s, e) -> bool:
        """A person's name (侯明同志), the prefix of a 文号 (普发改投〔2024〕12号) or a body's
        short name (县卫健局, 县资规局)."""
        if any(a < e and s < b for a, b in short_body_names(text)):
            return True
        after = text[e:e + 6]
        if any(after.startswith(t) or after[1:].startswith(t) for t in context()["name_titles"]):
            return True
        return bool(regex.match(r"\p{Han}{0,4}[〔【\[（(]\s*(?:19|20)\d{2}\s*[〕】\]）)]", text[e:e + 12]))

    @staticmethod
    def _excused(text, start, end, wrong, unless) -> str | None:
        """How the `unless` context holds: "word" for a match in the 8 characters around the hit
        that takes in this hit (人士地位 for 士地), "topic" for a context word that holds no other
        hit (瓦斯 near 煤体); None when it does not."""
        a = max(0, start - 8)
        around = text[a:end + 8]
        for u in unless.finditer(around):
            us, ue = a + u.start(), a + u.end()
            if us < end and start < ue:
                return "word"
            if wrong not in u.group():
                return "topic"
        return None

from __future__ import annotations

from functools import lru_cache

import regex

from linter.engine import Rule
from linter.vocab import load_json, load_lines

from .common import numeral_chars, scanned_lines

DOUBLED = regex.compile(r"(\p{Han}{2,6})\1")
SINGLE = regex.compile(r"([的了和在是对与及将把被])\1")
# a table label is this long: 2 to 40 characters (a 科目 name with its code stripped)
MIN_LABEL, MAX_LABEL = 2, 40
LEADING_CODE = regex.compile(r"^\d{3,7}")
SPACES, HAN = regex.compile(r"\s+"), regex.compile(r"\p{Han}")  # _labels runs them for every table cell
# what follows the verb of an amount: the amount (为/是 between them at most)
AMOUNT_NEXT = regex.compile(r"\s*(?:为|是)?\s*[\d０-９]")


@lru_cache(maxsize=None)
def reduplications() -> frozenset[str]:
    return frozenset(w for line in load_lines("reduplications.txt") for w in line.split())


@lru_cache(maxsize=None)
def amount_leads() -> frozenset[str]:
    """Words that stand right before an amount (data/instructions.json): 支出, 安排, 预算 …"""
    return frozenset(load_json("instructions.json")["amount_leads"])


def _is_word(word: str) -> bool:
    from linter.segment import is_word

    return len(word) >= 2 and is_word(word)


class DuplicatedWord(Rule):
    """A word written twice in a row (预算预算, 满意度满意度, 的的).

    *What it does*: finds a run of 2–6 Chinese characters immediately repeated, and a doubled
    function character (的的, 和和). Left alone: reduplication that is Chinese grammar —
    the AABB shape (认认真真, 实实在在, 的的确确), and the ABAB verbs and AA words of
    linter/data/reduplications.txt (研究研究, 常常, 层层); numerals repeating inside a number
    (二〇二〇年); text where the repeat sits on a word boundary (在职人员人员经费 is 在职人员 +
    人员经费, 目的的 is 目的 + 的), or where a name the document's tables print ends in the
    word that then stands before its amount (…缴费支出支出5.31万元 is the 科目 …缴费支出 +
    支出5.31万元); and a repeat across two table cells merged on one line,
    because in a table each cell is read on its own.

    *Why it matters*: a doubled word is an editing slip left from pasting or deleting; in a
    published table (工作人员满意度满意度情况) it looks careless.

    *Bad*:
        工作人员满意度满意度情况

    *Good*:
        工作人员满意度情况
    """

    code = "BL312"
    name = "duplicated-word"
    severity = "warning"

    def check(self, doc):
        self.labels = self._labels(doc)
        cells_by_line = None
        for ln, text in scanned_lines(doc):
            if ln.kind == "table":
                if cells_by_line is None:
                    cells_by_line = self._cells_by_line(doc)
                pieces = [(c.column - 1, c.text.split("\n", 1)[0]) for c in cells_by_line.get(ln.number, ())]
                pieces = [(off, t) for off, t in pieces if ln.text[off:off + len(t)] == t] or [(0, text)]
            else:
                pieces = [(0, text)]
            for off, piece in pieces:
                for s, e, unit in self._doubles(piece):
                    yield self.at_span(doc, ln.number, off + s, off + e, f"词语重复：`{piece[s:e]}`", suggestion=unit)

    @staticmethod
    def _labels(doc) -> frozenset[str]:
        """The names the document's own tables print (科目 and item rows): a name ending in the
        word that the sentence then says again (…缴费支出|支出5.31万元) is no doubled word."""
        out = set()
        for t in doc.tables:
            for row in t.rows:
                for c in row:
                    text = SPACES.sub("", c.text)
                    if MIN_LABEL <= len(text) <= MAX_LABEL and c.number is None and HAN.search(text):
                        out.add(LEADING_CODE.sub("", text))
        return frozenset(out)

    @staticmethod
    def _cells_by_line(doc):
        out: dict[int, list] = {}
        for t in doc.tables:
            for row in t.rows:
                for c in row:
                    out.setdefault(c.line, []).append(c)
        return out

    def _doubles(self, text):
        for m in DOUBLED.finditer(text):
            unit = m.group(1)
            if unit in reduplications() or len(set(unit)) == 1:
                continue
            if all(ch in numeral_chars() for ch in unit):
                continue  # digits repeating inside a number: 二〇二〇年, 一一一九
            if len(unit) == 2 and unit[0] == "一":
                continue  # 一项一项, 一个一个, 一步一步: one by one, a numeral and its classifier repeated
            if self._aabb(text, m.start(), m.end()) or self._on_boundary(text, m.start(), m.end(), len(unit)) \
                    or self._after_label(text, m.start(), m.end(), len(unit)):
                continue
            yield m.start(), m.end(), unit
        for m in SINGLE.finditer(text):
            s, e = m.span()
            if self._aabb(text, s, e) or _is_word(text[max(0, s - 1):s + 1]) or _is_word(text[e - 1:e + 1]):
                continue  # 实实在在, 的的确确; 目的的 (目的 + 的), 在在职 (在 + 在职)
            yield s, e, m.group(1)

    @staticmethod
    def _aabb(text, s, e) -> bool:
        """The doubled pair is half of an AABB reduplication: 实实|在在, 的的|确确."""
        if e - s != 2:
            return False
        before, after = text[max(0, s - 2):s], text[e:e + 2]
        return (len(before) == 2 and before[0] == before[1]) or (len(after) == 2 and after[0] == after[1])

    def _after_label(self, text, s, e, n) -> bool:
        """The first copy ends a name the tables print and the second is the verb of its
        amount: 主要为机关事业单位基本养老保险缴费支出|支出5.31万元."""
        mid = s + n
        if text[mid:e] not in amount_leads() or not AMOUNT_NEXT.match(text, e):
            return False
        return any(text[a:mid] in self.labels for a in range(max(0, mid - MAX_LABEL), s + 1))

    @staticmethod
    def _on_boundary(text, s, e, n) -> bool:
        """The first copy ends a longer word and the second starts one: 在职人员|人员经费."""
        mid = s + n
        left = any(_is_word(text[a:mid]) for a in range(max(0, s - 4), s))
        right = any(_is_word(text[mid:b]) for b in range(e + 1, min(len(text), e + 4) + 1))
        return left and right

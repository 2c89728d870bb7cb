from __future__ import annotations

import regex

from linter.engine import Rule

from .common import numeral_chars, scanned_lines

DOUBLED = regex.compile(r"(\p{Han}{2,6})\1")
SINGLE = regex.compile(r"([的了和在是对与及将把被])\1")
REDUPLICATION_OK = regex.compile(r"^(?:研究|讨论|学习|商量|考虑|看看|想想|试试|说说|走走|谢谢|常常|天天|年年|人人|处处|事事|时时|刚刚|渐渐|多多|一一|点点|层层|步步|个个|家家|户户|条条|件件|项项|次次|声声|句句|片片)$")


class DuplicatedWord(Rule):
    """A word written twice in a row (预算预算, 满意度满意度, 的的).

    *What it does*: finds a run of 2–6 Chinese characters immediately repeated, and a doubled
    function character (的的, 和和); reduplication that is Chinese grammar (常常, 研究研究,
    一一) and numerals repeating inside a number (二〇二〇年) are left alone.

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
        for ln, text in scanned_lines(doc):
            for m in DOUBLED.finditer(text):
                unit = m.group(1)
                if REDUPLICATION_OK.match(unit) or len(set(unit)) == 1:
                    continue
                if all(ch in numeral_chars() for ch in unit):
                    continue  # digits repeating inside a number: 二〇二〇年, 一一一九
                yield self.at_span(doc, ln.number, m.start(), m.end(), f"词语重复：`{m.group()}`", suggestion=unit)
            for m in SINGLE.finditer(text):
                yield self.at_span(doc, ln.number, m.start(), m.end(), f"字重复：`{m.group()}`", suggestion=m.group(1))

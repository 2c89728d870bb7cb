"""The amount a 说明 sentence states for a word: the first amount after the word in the same
clause, unless a change or comparison word stands between them (会议费比上年减少40万元 states a
change, not the 会议费). Read from the Document's paragraphs and budgetlint's number reader."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from linter.cnnum import UNIT_FACTOR, scan
from linter.numbers import Number

# words that make the next amount a change or a comparison, not the item's own amount
NOT_THE_AMOUNT = regex.compile(r"增加|减少|增长|下降|调减|调增|压减|节约|减支|增支|比|较|相比|同比|上年|高于|低于|大于|小于|持平"
                               r"|合计|共计|总计|合共")
# a word listed after another (会议费、培训费合计…) shares the list's amount
LISTED_AFTER = regex.compile(r"[、和及与]\s*$")
CLAUSE_END = regex.compile(r"[，,；;。！？:：]")


@dataclass
class Stated:
    paragraph: object  # linter.paragraphs.Paragraph
    start: int  # offsets of the amount in the paragraph's text
    end: int
    yuan: Number  # the amount in 元, with its printed precision


def stated_amounts(doc, word: str, others: tuple[str, ...] = ()):
    """Each amount the narrative states for `word`; a clause that names one of `others`
    between the word and the amount (会议费、培训费共X万元) states neither alone."""
    for p in doc.paragraphs:
        for m in regex.finditer(regex.escape(word), p.text):
            tail = p.text[m.end():]
            stop = CLAUSE_END.search(tail)
            clause = tail[:stop.start()] if stop else tail
            amount = next((t for t in scan(clause) if t.kind == "amount"), None)
            if amount is None:
                continue
            between = clause[:amount.start]
            if NOT_THE_AMOUNT.search(between) or any(o in between for o in others):
                continue
            before = p.text[:m.start()]
            if LISTED_AFTER.search(before) and any(before.rstrip("、和及与 ").endswith(o) for o in others):
                continue
            start = m.end() + amount.start
            yield Stated(p, start, m.end() + amount.end, amount.number.scaled(UNIT_FACTOR[amount.unit]))

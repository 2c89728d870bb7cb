from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

import regex

from linter.cnnum import scan
from linter.engine import Rule
from linter.vocab import load_json

from .common import scanned_lines

CLAUSE_MARKS = "，,。；;"
# an item of a list that names what it counts, just before a 、 (searched backwards from the
# 、, so its name is the whole run of characters before the number) and just after one
NAMED_BEFORE = regex.compile(r"(?r)([\p{Han}“”]{2,})[\d.,]+\s*(?:亿元|万元|千元|元)$")
NAMED_AFTER = regex.compile(r"[\p{Han}“”（）()]{2,}[\d.,]+\s*(?:亿元|万元|千元|元)")


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def slot_patterns():
    cfg = load_json("instructions.json")
    not_slot = _alt(cfg["not_a_slot"])
    return {
        # 主要原因是。 / 主要原因是：； / 主要用于，
        "reason": regex.compile(rf"(?:{_alt(cfg['reason_words'])})\s*[:：]?\s*(?=[。；;，,])|原因\s*[:：]\s*(?=[。；;，,])"),
        # 城管执法万元， / （项）万元。: a unit right after a name, closing its clause
        "amount_end": regex.compile(r"(?<=[\p{Han}）)])(?<![〇零一二两三四五六七八九十百千万亿以每])(?:亿元|万元|千元)(?=\s*[，。；,;])"),
        # …支出预算支出万元 / 增长%: a lead word, then the unit with no number
        "amount": regex.compile(rf"(?<=(?:{_alt(cfg['amount_leads'])})\s*[:：]?\s*)(?:亿元|万元|千元|元|%|％)(?!\s*(?:{not_slot}))"),
    }


class UnfinishedSentence(Rule):
    """A template sentence published with a slot still empty: a reason never written
    (主要原因是。), an amount never written (…支出预算支出万元, 增长%), or an amount whose
    subject was deleted (…，18万元，…).

    *What it does*: reads every narrative line. After a word that announces what follows
    (主要原因是, 主要用于, 具体包括 …) the sentence must go on: a full stop, semicolon or
    comma at once is an empty reason. A money unit or % right after a word that stands
    before an amount (预算为, 支出, 增加 …) is an amount slot left empty (万元以上 and
    以万元为单位 are not). A clause that holds nothing but an amount, between commas, has
    lost its subject. Vocabulary: linter/data/instructions.json.

    *Why it matters*: the reader is told there is a reason, an amount or an item and is given
    none; the document was published before the template was filled in.

    *Bad*:
        一般公共预算支出比上年增加12万元，主要原因是。
        2025年机关运行经费支出预算支出万元。
        其中：一般公共预算收入95.54万元，18万元，其他收入0万元。

    *Good*:
        一般公共预算支出比上年增加12万元，主要原因是新增网络安全项目。
        2025年机关运行经费支出预算4.74万元。
        其中：一般公共预算收入95.54万元，政府性基金预算收入18万元，其他收入0万元。
    """

    code = "BL313"
    name = "unfinished-sentence"
    severity = "warning"

    def check(self, doc):
        pats = slot_patterns()
        leads = tuple(load_json("instructions.json")["orphan_leads"])
        for ln, text in scanned_lines(doc, ("text", "heading")):
            for m in pats["reason"].finditer(text):
                word = m.group().rstrip(" :：")
                yield self.at_span(doc, ln.number, m.start(), m.end(),
                                   f"`{word}` 之后没有内容：原因或用途未填写")
            seen = set()
            for m in list(pats["amount"].finditer(text)) + list(pats["amount_end"].finditer(text)):
                if m.start() in seen:
                    continue
                seen.add(m.start())
                yield self.at_span(doc, ln.number, m.start(), m.end(),
                                   f"`{m.group()}` 前没有数字：金额或比例未填写")
            yield from self._orphans(doc, ln, text, leads)

    def _orphans(self, doc, ln, text, leads):
        """A clause between punctuation that holds only an amount: its subject was deleted."""
        marks = [i for i, ch in enumerate(text) if ch in CLAUSE_MARKS]  # found once: a long line stays n log n
        for tok in scan(text):
            if tok.kind != "amount":
                continue
            if tok.start > 0 and text[tok.start - 1] == "、":
                if self._in_named_list(text, tok.start - 1, tok.end):
                    yield self.at_span(doc, ln.number, tok.start, tok.end,
                                       f"`{tok.text}` 前没有主语：列举中只剩金额，所说的项目被删掉了")
                continue
            before_mark = bisect_left(marks, tok.start)  # marks[before_mark - 1] ends the clause before
            a = marks[before_mark - 1] + 1 if before_mark else 0
            after_mark = bisect_left(marks, tok.end)
            b = marks[after_mark] if after_mark < len(marks) else len(text)
            if a == 0 or b >= len(text) or text[a - 1] not in "，,；;":
                continue  # a clause at the line's edge may go on in another line or cell
            before = text[a:tok.start].strip(" 　、")
            if before.endswith(("：", ":")):
                continue  # 项目支出：30万元 — the label stands before the colon
            if before and before not in leads:
                continue  # a subject stands before the amount
            after = text[tok.end:b].strip(" 　")
            if after and not after.startswith(("（", "(")):
                continue  # the clause goes on (a bracketed aside may follow the amount)
            yield self.at_span(doc, ln.number, tok.start, tok.end,
                               f"`{tok.text}` 前没有主语：这一分句只有金额，所说的项目被删掉了")

    @staticmethod
    def _in_named_list(text, sep, end) -> bool:
        """The amount ending at `end` stands alone between two 、 of a list whose neighbours
        name their items (A收入71.26万元、0万元、B收入0万元); 分别为12万元、13万元 names none.
        The item before is read back from the 、 at `sep` to the 、 before it (no name holds
        a 、), and the item after from end + 1: each list item is read once, not the line."""
        if end >= len(text) or text[end] != "、":
            return False
        prev = NAMED_BEFORE.search(text, text.rfind("、", 0, sep) + 1, sep)
        nxt = NAMED_AFTER.match(text, end + 1)
        return prev is not None and nxt is not None and not prev.group(1).endswith(("分别为", "分别是"))

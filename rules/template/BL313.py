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


def _opens_values(words: str) -> bool:
    """The words end with a respectively word (分别为 / 各是 / 依次为): the amounts after them
    are the values of the subjects named before, not items whose names were deleted."""
    from linter.lists import respectively_intro

    return any(m.end() == len(words) for m in respectively_intro().finditer(words))


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def slot_patterns():
    cfg = load_json("instructions.json")
    not_slot = _alt(cfg["not_a_slot"])
    return {
        # 主要原因是。 / 主要原因是：； / 主要用于，
        "reason": regex.compile(rf"(?:{_alt(cfg['reason_words'])})\s*[:：]?\s*(?=[。；;，,])|原因\s*[:：]\s*(?=[。；;，,])"),
        # 增长27.4%。原因是： closing its paragraph: the reason may stand in the next one
        "reason_at_end": regex.compile(r"(?:主要)?原因(?:主要)?(?:(?:是|为)\s*[:：]?|[:：])\s*$"),
        # 城管执法万元， / （项）万元。: a unit right after a name, closing its clause
        "amount_end": regex.compile(r"(?<=[\p{Han}）)])(?<![〇零一二两三四五六七八九十百千万亿以每])(?:亿元|万元|千元)(?=\s*[，。；,;])"),
        # …支出预算支出万元 / 增长%: a lead word, then the unit with no number
        "amount": regex.compile(rf"(?<=(?:{_alt(cfg['amount_leads'])})\s*[:：]?\s*)(?:亿元|万元|千元|元|%|％)(?!\s*(?:{not_slot}))"),
    }


# the first item of a list: 1. / 一、 / （一） / （1） / ① / 一是
LIST_START = regex.compile(r"^(?:[（(]?\s*(?:1|一|壹)\s*[）)、.．]|①|一是|首先)")


# a list item's number: 2. 2、 2．（4） (4) ④ 四、（四）
_ITEM_NUM = r"(?P<num>\d{1,2}[.．、]|[（(]\d{1,2}[）)]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|[①-⑳])"
ITEM = regex.compile(_ITEM_NUM)
# … holding only an amount (any digits), perhaps a bracketed aside, to the item's end
BARE_CONTENT = regex.compile(r"\s*(?P<amount>(?:[\d０-９][\d０-９,，.．]*|[〇零一二两三四五六七八九十百千万亿点]+)\s*(?:亿元|万元|千元|元))"
                             r"\s*(?:[（(][^（）()]{0,60}[）)])?\s*[；;。，,]?\s*$")
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def _item_number(token: str) -> tuple[str, int | None]:
    """(style, value) of a list item's number token."""
    digits = regex.sub(r"\D", "", token)
    if token[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return "circled", ord(token[0]) - ord("①") + 1
    shape = regex.sub(r"[\d一二三四五六七八九十]+", "N", token).replace("．", ".")
    if digits:
        return shape, int(digits)
    cn = regex.sub(r"[^一二三四五六七八九十]", "", token)
    value = _CN_DIGITS.get(cn) if len(cn) == 1 else (10 + _CN_DIGITS.get(cn[1], 0) if cn[0] == "十" else None)
    return shape, value


@lru_cache(maxsize=None)
def change_words() -> tuple[str, ...]:
    """The words that state a change (data/statements.json), two characters or more: a
    paragraph opening with one (人员经费增加5万元) may be the reason asked for."""
    return tuple(w for w in load_json("statements.json")["change_words"] if len(w) >= 2) + ("新增", "变动", "调整")


class UnfinishedSentence(Rule):
    """A template sentence published with a slot still empty: a reason never written
    (主要原因是。, or 原因是： closing a paragraph whose next one is another part or another
    statement), an amount never written (…支出预算支出万元, 增长%), or an amount whose
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
            m = pats["reason_at_end"].search(text)
            if m and m.start() > 0 and not self._reason_follows(doc, ln.number):
                word = m.group().strip().rstrip(":：")
                yield self.at_span(doc, ln.number, m.start(), len(text.rstrip()),
                                   f"`{word}` 之后没有内容：下一段是另一部分或另一项说明，原因未填写")
            seen = set()
            for m in list(pats["amount"].finditer(text)) + list(pats["amount_end"].finditer(text)):
                if m.start() in seen:
                    continue
                seen.add(m.start())
                yield self.at_span(doc, ln.number, m.start(), m.end(),
                                   f"`{m.group()}` 前没有数字：金额或比例未填写")
            yield from self._orphans(doc, ln, text, leads)
        yield from self._bare_items(doc)

    @staticmethod
    def _closes_named_bracket(text, a, start) -> bool:
        """The clause at a..start opens right after a named item of the same bracket:
        （货物28.30万元，工程20.91万元，24.96万元）."""
        opened = max(text.rfind("（", 0, start), text.rfind("(", 0, start))
        return opened >= 0 and NAMED_BEFORE.search(text, opened + 1, max(a - 1, opened + 1)) is not None

    @staticmethod
    def _ends_named_list(text, sep, end) -> bool:
        """The amount ending at `end` is the last item of a list whose item before it names
        what it counts (A收入71.26万元、0万元。 / …、0万元，总计…); 分别为12万元、13万元 names none."""
        if end < len(text) and text[end] not in "。；;，,）)":
            return False
        prev = NAMED_BEFORE.search(text, text.rfind("、", 0, sep) + 1, sep)
        return prev is not None and not _opens_values(prev.group(1))

    def _bare_items(self, doc):
        """An item of a numbered list that holds nothing but an amount (2.0.00万元； after
        1.一般公共预算收入45.33万元； / （4）109.77万元（占5.5%）。 after （3）…; inside a line:
        具体为（1）因公出国（境）费0万元；（2）0万元（其中：…）；): its subject was deleted. The
        item before must carry the number before and name what it counts, so a list is certain."""
        prev = None  # (style, value) of the item before, when it names what it counts
        for ln, text in scanned_lines(doc, ("text", "heading")):
            items = [m for m in ITEM.finditer(text)
                     if m.group("num")[0] in "（(①②③④⑤⑥⑦⑧⑨⑩" or not text[:m.start()].strip()
                     or text[:m.start()].rstrip()[-1] in "；;，,：:。"]
            if not items or text[:items[0].start()].strip():
                prev = None  # a line that does not open with an item ends the list before
            for k, m in enumerate(items):
                content = text[m.end():items[k + 1].start() if k + 1 < len(items) else len(text)]
                bare = BARE_CONTENT.match(content)
                if bare is not None and regex.match(r"\d{1,2}[.．]$", m.group("num")) and content[:1].isdigit() \
                        and "." not in bare.group("amount"):
                    bare = None  # 2.30万元 is an amount of 2.30, not item 2 of 30万元
                style, value = _item_number(m.group("num"))
                if bare is not None and prev == (style, (value or 0) - 1):
                    a, b = m.end() + bare.start("amount"), m.end() + bare.end("amount")
                    yield self.at_span(doc, ln.number, a, b,
                                       f"`{bare.group('amount')}` 前没有主语：这一项只有金额，所说的项目被删掉了")
                prev = (style, value) if bare is None and value is not None else None

    @staticmethod
    def _reason_follows(doc, number: int) -> bool:
        """After a paragraph ending in 原因是：, the next paragraph may give the reason (主要原因：
        / 基本支出中人员进出…减少支付。) or list the reasons (1. … / （一）… / 一是…). It does not
        when it is the next part (a heading, an item numbered past the first) or a new
        statement: its first clause states an amount and no change (安排行政单位医疗4.22万元，…)."""
        from linter.structure import numbering_of

        nxt = next((x for x in doc.lines[number:number + 6] if x.kind not in ("blank", "furniture") and x.text.strip()),
                   None)
        if nxt is None or nxt.kind == "table":
            return False
        text = nxt.text.strip()
        if LIST_START.match(text):
            return True
        if nxt.kind == "heading" or numbering_of(text) is not None:
            return False
        first = regex.split(r"[，；;。：:]|,(?!\d)", text, maxsplit=1)[0]  # 1,497,600元 is one amount
        if any(t.kind == "amount" for t in scan(first)) and not any(w in first for w in change_words()):
            return False
        return True

    def _orphans(self, doc, ln, text, leads):
        """A clause between punctuation that holds only an amount: its subject was deleted."""
        marks = [i for i, ch in enumerate(text) if ch in CLAUSE_MARKS]  # found once: a long line stays n log n
        for tok in scan(text):
            if tok.kind != "amount":
                continue
            if tok.start > 0 and text[tok.start - 1] == "、":
                if self._in_named_list(text, tok.start - 1, tok.end) or self._ends_named_list(text, tok.start - 1, tok.end):
                    yield self.at_span(doc, ln.number, tok.start, tok.end,
                                       f"`{tok.text}` 前没有主语：列举中只剩金额，所说的项目被删掉了")
                continue
            if tok.start > 1 and text[tok.start - 1] == "," and text[tok.start - 2].isdigit():
                continue  # 各是44.92,44.92万元: the last of figures sharing one unit, no clause of its own
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
            if after[:1] in ("）", ")") and not self._closes_named_bracket(text, a, tok.start):
                continue  # the amount closes a bracket: an orphan only among named items (…工程20.91万元，24.96万元）)
            if after and not after.startswith(("（", "(", "）", ")")):
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
        return prev is not None and nxt is not None and not _opens_values(prev.group(1))

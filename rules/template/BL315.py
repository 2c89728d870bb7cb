from __future__ import annotations

from functools import lru_cache

import regex

from linter.cnnum import scan
from linter.engine import Rule
from linter.literals import LiteralSet
from linter.paragraphs import without_trailing_asides
from linter.vocab import load_json, load_lines

from .common import scanned_lines


HAN = regex.compile(r"\p{Han}+")


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def vocabulary() -> dict:
    return load_json("comparison_terms.json")


@lru_cache(maxsize=None)
def damaged_terms() -> tuple[dict[str, tuple[str, str]], LiteralSet]:
    """Damaged form -> (term, how) for every domain term: one inner character doubled
    (公务用用车), or two neighbouring characters swapped (公用务车); for the terms of
    comparison_terms.json also one of the term's own characters written again inside it
    (公务车用车). A damaged form that is itself a term is left out."""
    cfg = vocabulary()
    lexicon = {line.split()[0] for line in load_lines("lexicon.txt")}
    terms = set(cfg["terms"]) | {w for w in lexicon if 4 <= len(w) <= 8 and HAN.fullmatch(w)}
    known = terms | lexicon
    out: dict[str, tuple[str, str]] = {}
    for t in terms:
        for i in range(1, len(t) - 1):  # an inner character doubled; at the edges the next word may begin with it
            out.setdefault(t[:i + 1] + t[i] + t[i + 1:], (t, "doubled"))
        for i in range(len(t) - 1):
            if t[i] != t[i + 1]:
                out.setdefault(t[:i] + t[i + 1] + t[i] + t[i + 2:], (t, "swapped"))
    for t in cfg["terms"]:
        for i in range(1, len(t)):  # one of its own characters written again inside it (公务车用车)
            for ch in set(t):
                v = t[:i] + ch + t[i:]
                if v[0] != v[1] and v[-1] != v[-2]:  # 组织部|部门决算: at the edges the neighbour word may end or begin so
                    out.setdefault(v, (t, "inserted"))
    out = {k: v for k, v in out.items() if k not in known}
    return out, LiteralSet(out)  # what an alternation of them finds, without compiling one (20 ms)


# after a change verb: the change named as a subject (比上年减少的主要原因是, 较上年预算减少主要是)
CHANGE_AS_SUBJECT = regex.compile(r"(?:了)?(?:的|主要|原因|是因为|系)")
SENTENCE_ENDS = "。！？"


class BrokenComparison(Rule):
    """A comparison phrase that does not parse: 比…持平 (比 cannot take 持平: 与…持平), 比…相比, a
    full stop that cuts the comparison clause from its subject (…4.74万元。比上年增加…), or a
    domain term with a character doubled or two characters swapped (公务用用车, 财拨政款).

    *What it does*: in every narrative line, a 比/较 comparison whose verb is 持平 (or
    保持不变, 一致) without 相比 between is reported, suggesting 与, and so is 比…相比; a sentence that opens
    with 比 or 较 and states a change (增加, 下降, 多/少 …) right after a sentence that ends on an
    amount, or on a figure named by its role (…决算数未超过年初预算数。比上年增加…), has lost
    that figure, its subject, to the full stop before it (when a clause stands
    between, …万元，主要用于…。较上年增加…, the comparison is a sentence of its own, and
    与上年相比 may open one: 支出预算数为5853.96万元。与上年相比增加…); the
    domain terms of linter/data/comparison_terms.json and the budget items of lexicon.txt
    are matched in their damaged forms (an inner character doubled, two neighbours swapped,
    one of the term's characters written again inside it).

    *Why it matters*: the sentence reads as broken Chinese and its claim cannot be parsed by a
    reader (or by the narrative checks, which then miss the comparison it makes).

    *Bad*:
        公务接待费1.35万元，比2023年预算持平。
        机关运行经费4.74万元。比上年增加0.5万元。
        公务用用车运行维护费0万元。

    *Good*:
        公务接待费1.35万元，与2023年预算持平。
        机关运行经费4.74万元，比上年增加0.5万元。
        公务用车运行维护费0万元。
    """

    code = "BL315"
    name = "broken-comparison"
    severity = "warning"

    def check(self, doc):
        cfg = vocabulary()
        markers, levels = _alt(cfg["ratio_markers"]), _alt(cfg["level_words"])
        level_markers = _alt(cfg["level_markers"])
        not_comparing = _alt(cfg["not_comparisons"])  # 比例, 比重, 较为 …: no comparison opens there
        # 比/较 … 持平 inside one clause, nothing that makes it a 相比 phrase between
        # (a comma between digits is a thousands separator, not the clause's end: 13,500, ７４，７９３)
        inside = r"(?:[^，,。；;！？]|(?<=\d)[,，](?=\d))"
        level = regex.compile(rf"(?<![与同和跟相])(?!{not_comparing})({level_markers}){inside}{{1,28}}?(?:{levels})")
        blocked = cfg["not_before_level"]
        cut = regex.compile(rf"(?:^|(?<=[。！？]))\s*(?!{not_comparing})({markers}){inside}{{1,28}}?(?:{_alt(cfg['change_verbs'])})")
        # 比上年相比: 比 mixed with 与…相比
        mixed = regex.compile(rf"(?<![与同和跟相对])(?!{not_comparing})比[^，,。；;！？比]{{1,15}}?相比")
        damaged, pattern = damaged_terms()
        for ln, text in scanned_lines(doc, ("text", "heading")):
            cuts = {}
            for m in cut.finditer(text):
                if m.start() == 0 and ln.number > 1 and self._continues(doc, ln):
                    continue
                if CHANGE_AS_SUBJECT.match(text, m.end()):
                    continue  # 比上年减少的主要原因是…: the change already stated is the new sentence's subject
                if not self._after_an_amount(doc, ln, text, m):
                    # …主要用于保障日常工作正常开展。较上年增加5.94万元: a clause stands between
                    # the amount and the comparison, whose subject is understood (common style)
                    continue
                cuts[m.start(1)] = m
            for m in level.finditer(text):
                if any(b in m.group() for b in blocked):
                    continue
                # one finding for one 比: cut off by a full stop and joined to 持平 (…1.35万元。比2023年预算持平)
                also = "；它还被句号与主语隔开了（前一句的句号应为逗号）" if cuts.pop(m.start(1), None) else ""
                yield self.at_span(doc, ln.number, m.start(1), m.end(),
                                   f"`{m.group()}`：“{m.group(1)}…持平”不成句，应为“与…持平”{also}",
                                   suggestion="与" + m.group()[1:])
            for m in mixed.finditer(text):
                yield self.at_span(doc, ln.number, m.start(), m.end(),
                                   f"`{m.group()}`：“比…相比”不成句，应为“与…相比”", suggestion="与" + m.group()[1:])
            for m in cuts.values():
                s = m.start(1)
                yield self.at_span(doc, ln.number, s, s + 1,
                                   f"句号把比较分句 `{m.group().strip()}` 与它的主语隔开了（前一句的句号应为逗号）")
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                term, how = damaged[m.group()]
                what = {"doubled": "重复了一个字", "swapped": "两个字颠倒了", "inserted": "多了一个字"}[how]
                yield self.at_span(doc, ln.number, m.start(), m.end(),
                                   f"`{m.group()}` 疑为 `{term}`（{what}）", suggestion=term)

    @staticmethod
    def _after_an_amount(doc, ln, text, m) -> bool:
        """The sentence before the cut-off comparison ends on an amount (…为4.74万元。较上年…,
        …2,533.33万元（含结转）。比上年…) or on a figure named by its role (…决算数未超过年初预算数。
        比上年增加…): the comparison's subject stood right before the full stop, which was a comma. When another clause ends that sentence (…万元，主要用于…。较上年
        增加…; …占…的100%。较上年…) the comparison is a sentence of its own about the subject
        understood, as real documents write it."""
        before = text[:m.start(1)].rstrip()
        if not before and ln.number > 1:
            prev = next((doc.line(n) for n in range(ln.number - 1, 0, -1)
                         if doc.line(n).kind not in ("blank", "furniture")), None)
            before = prev.text.rstrip() if prev is not None else ""
        return ends_on_amount(before) or ends_on_figure_noun(before)

    @staticmethod
    def _continues(doc, ln) -> bool:
        """A line that starts with 比 but goes on a sentence of the line before (a wrapped
        line: the previous text line does not end a sentence)."""
        for n in range(ln.number - 1, 0, -1):
            prev = doc.line(n)
            if prev.kind in ("blank", "furniture"):
                continue
            return prev.kind == "text" and not prev.text.rstrip().endswith(("。", "！", "？", "；", "：", ":"))
        return False


def ends_on_figure_noun(text: str) -> bool:
    """text ends a sentence whose last words name a figure by its role (…决算数未超过年初预算数。):
    the comparison after it speaks of that figure, whose subject the full stop cut off."""
    if not text or text[-1] not in SENTENCE_ENDS:
        return False
    body = without_trailing_asides(text[:-1]).rstrip()
    return body.endswith(tuple(vocabulary()["figure_nouns"]))


def ends_on_amount(text: str) -> bool:
    """text ends a sentence (。！？) whose last words are an amount, bracketed asides after
    it aside (4.74万元（含公务用车运行费）。)."""
    if not text or text[-1] not in SENTENCE_ENDS:
        return False
    body = without_trailing_asides(text[:-1])
    start = max(body.rfind(ch) for ch in SENTENCE_ENDS) + 1  # the last sentence only
    tokens = scan(body[start:])
    return bool(tokens) and tokens[-1].kind == "amount" and start + tokens[-1].end == len(body)

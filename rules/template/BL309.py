from __future__ import annotations

import regex

from linter.engine import Rule

from .common import scanned_lines

DOUBLE = regex.compile(r"([，。；：、！？])\1+|[，。；：、][，。；：、]")
STRAY = regex.compile(r"(?<=\p{Han})[`^~\\|]+|[`^~\\|]+(?=\p{Han})")
EMPTY = regex.compile(r"“\s*”|《\s*》|（\s*）|\(\s*\)|【\s*】")
PAIRS = [("“", "”"), ("《", "》"), ("（", "）"), ("【", "】")]


class PunctuationDefect(Rule):
    """Punctuation left broken by editing: doubled marks (，， 。。), an empty “”, 《》 or （）,
    brackets that do not pair up (（ closed by ), “ never closed), a stray ` or ^ in Chinese text.

    *What it does*: scans every line. Doubled marks and empty pairs are what remains after a
    word was deleted (“”采购事项 had 涉密 removed); unpaired brackets are counted per line
    (a full-width （ closed by a half-width ) is reported with the right mark as suggestion);
    ASCII characters with no meaning in Chinese prose (` ^ ~ \\ |) next to Chinese
    characters are reported as strays.

    *Why it matters*: these are the visible traces of a careless copy; an empty “” leaves a
    sentence that says nothing.

    *Bad*:
        明确任务目标，，落实目标责任。

    *Good*:
        明确任务目标，落实目标责任。
    """

    code = "BL309"
    name = "punctuation-defect"
    severity = "warning"

    def check(self, doc):
        for ln, text in scanned_lines(doc):
            for m in DOUBLE.finditer(text):
                if m.group() in ("……",):
                    continue
                yield self.at_span(doc, ln.number, m.start(), m.end(), f"标点重复：`{m.group()}`",
                                   suggestion=m.group()[0])
            for m in EMPTY.finditer(text):
                yield self.at_span(doc, ln.number, m.start(), m.end(), f"空的引号/括号 `{m.group()}`：其中的文字被删掉了")
            for m in STRAY.finditer(text):
                yield self.at_span(doc, ln.number, m.start(), m.end(), f"中文文本中多余的字符 `{m.group()}`", suggestion="")
            yield from self._pairs(doc, ln.number, text)

    def _pairs(self, doc, line, text):
        stack: list[tuple[str, int]] = []
        closers = {c: o for o, c in PAIRS}
        closers[")"] = "("
        openers = {o for o, _ in PAIRS} | {"("}
        for i, ch in enumerate(text):
            if ch in openers:
                stack.append((ch, i))
            elif ch in closers:
                want = closers[ch]
                if stack and stack[-1][0] == want:
                    stack.pop()
                elif stack and {stack[-1][0], want} == {"（", "("}:
                    o, j = stack.pop()
                    right = "）" if o == "（" else ")"
                    yield self.at_span(doc, line, i, i + 1, f"括号不配对：`{o}` 用 `{ch}` 闭合", suggestion=right)
                elif ch in "”》】":
                    yield self.at_span(doc, line, i, i + 1, f"`{ch}` 没有对应的 `{want}`")
                # a lone ）/) without opener: numbering such as 1) — leave it
        for o, j in stack:
            if o in "“《【":
                yield self.at_span(doc, line, j, j + 1, f"`{o}` 没有闭合")

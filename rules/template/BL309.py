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
    brackets that do not pair up (（ closed by ), “ never closed), a stray ` or ^ in Chinese text,
    。。。 written for the ellipsis ……

    *What it does*: scans every line. Doubled marks and empty pairs are what remains after a
    word was deleted (“”采购事项 had 涉密 removed); unpaired brackets are counted per
    paragraph: a line that ends inside “…” goes on in the next text line (a PDF line break
    inside “三\n公”), a table cell stands alone. A full-width （ closed by a half-width ) is
    reported once, at the wrong mark, with the right mark as suggestion;
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
        carry: list[tuple[str, int, int]] = []  # openers left open at the end of the previous line
        prev = None
        for ln, text in scanned_lines(doc):
            for m in DOUBLE.finditer(text):
                if m.group() in ("……",):
                    continue
                if regex.fullmatch(r"。{3,}", m.group()):
                    yield self.at_span(doc, ln.number, m.start(), m.end(),
                                       f"`{m.group()}` 用作省略号：省略号应为 `……`", suggestion="……")
                    continue
                yield self.at_span(doc, ln.number, m.start(), m.end(), f"标点重复：`{m.group()}`",
                                   suggestion=m.group()[0])
            for m in EMPTY.finditer(text):
                yield self.at_span(doc, ln.number, m.start(), m.end(), f"空的引号/括号 `{m.group()}`：其中的文字被删掉了")
            for m in STRAY.finditer(text):
                yield self.at_span(doc, ln.number, m.start(), m.end(), f"中文文本中多余的字符「{m.group()}」", suggestion="")
            if carry and not self._continues(doc, prev, ln):
                yield from self._unclosed(doc, carry)
                carry = []
            stack, found = self._pairs(doc, ln.number, text, carry)
            yield from found
            if stack and ln.kind != "table" and any(o in "“《【" for o, _, _ in stack) \
                    and not any(line != ln.number for _, line, _ in stack):
                carry = stack  # the paragraph goes on: the next text line may close it
            else:
                yield from self._unclosed(doc, stack)
                carry = []
            prev = ln
        yield from self._unclosed(doc, carry)

    @staticmethod
    def _continues(doc, prev, ln) -> bool:
        """`ln` goes on with the paragraph of `prev`: the next text line, with at most page
        furniture (a page number) or blank lines between."""
        if prev is None or ln.kind == "table" or prev.kind == "table":
            return False
        for n in range(prev.number + 1, ln.number):
            if doc.line(n).kind not in ("furniture", "blank"):
                return False
        return True

    def _unclosed(self, doc, stack):
        for o, line, j in stack:
            if o in "“《【":
                yield self.at_span(doc, line, j, j + 1, f"`{o}` 没有闭合")

    def _pairs(self, doc, line, text, carry):
        """Brackets of one line, starting from the openers `carry` left open by the line
        before; returns the openers still open and the findings."""
        stack: list[tuple[str, int, int]] = list(carry)
        found = []
        closers = {c: o for o, c in PAIRS}
        closers[")"] = "("
        openers = {o for o, _ in PAIRS} | {"("}
        for i, ch in enumerate(text):
            if ch in openers:
                stack.append((ch, line, i))
            elif ch in closers:
                want = closers[ch]
                if stack and stack[-1][0] == want:
                    stack.pop()
                elif stack and {stack[-1][0], want} == {"（", "("}:
                    o, _, _ = stack.pop()
                    right = "）" if o == "（" else ")"
                    found.append(self.at_span(doc, line, i, i + 1, f"括号不配对：`{o}` 用 `{ch}` 闭合", suggestion=right))
                elif ch in "”》】":
                    found.append(self.at_span(doc, line, i, i + 1, f"`{ch}` 没有对应的 `{want}`"))
                # a lone ）/) without opener: numbering such as 1) — leave it
        return stack, found

"""Finding any of a large set of literal strings in a text, by dictionary look-up.

A regex alternation of a thousand words (`a|b|c…`, longest first) costs tens of milliseconds to
compile in every process, and the regex module scans with it slower than Python scans with a
set: BL315's ~1,000 damaged term forms took 20 ms to compile and 6 ms to scan a seed. A
LiteralSet finds what that alternation finds: at the leftmost position where any word starts,
the longest word there; then on after it (no overlaps).
"""
from __future__ import annotations

from typing import Iterable, Iterator


class LiteralSet:
    def __init__(self, words: Iterable[str]):
        self.words = frozenset(w for w in words if w)
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)
        # a position is tried only when the text there begins like some word (its first
        # `head` characters): most positions of a text start no word at all
        self.head = min(self.lengths, default=1)
        self.heads = frozenset(w[:self.head] for w in self.words)

    def __bool__(self) -> bool:
        return bool(self.words)

    def finditer(self, text: str) -> Iterator["LiteralMatch"]:
        """Each occurrence, left to right, as a match (group(), start(), end(), span())."""
        for start, end in self.spans(text):
            yield LiteralMatch(text, start, end)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each occurrence, left to right."""
        words, heads, lengths, head = self.words, self.heads, self.lengths, self.head
        i, last = 0, len(text) - head
        while i <= last:
            if text[i:i + head] in heads:
                for n in lengths:
                    if text[i:i + n] in words:
                        # a slice cut short by the end of the text is a shorter word: still the
                        # longest word that starts here, as the longer ones were tried first
                        end = min(i + n, len(text))
                        yield i, end
                        i = end
                        break
                else:
                    i += 1
            else:
                i += 1


class LiteralMatch:
    """One occurrence, read like a regex match."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int):
        self.string, self._start, self._end = string, start, end

    def group(self) -> str:
        return self.string[self._start:self._end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

"""Paragraphs and sentences of the narrative: assigns ``doc.paragraphs``.

The structure pass calls ``assign_paragraphs(doc)`` once, after the readers and after the
headings are known; every later stage (claims, the performance forms, rules) reads
``doc.paragraphs`` and each paragraph's ``sentences`` and never joins lines again.

A paragraph is a run of narrative lines (not table rows, furniture or blank lines). A line
goes on the paragraph before it when that paragraph's last line does not end a sentence or
open a list (。；！？：), neither line is a heading, the line does not open a numbered item,
and nothing but blank lines or page furniture stands between them: a paragraph that a dump
or a PDF page end broke in two is one paragraph again. The readers do what only they can
(the PDF reader joins wrapped lines by their geometry); this is the one joiner after them.

A paragraph's text is its lines' text (trailing spaces dropped) joined
without separator, so every offset into it maps back to a line and a column of the text
view (``locate``/``span``), and through the line to its page.

A sentence ends after 。！？!? (a quote closing the sentence stays in it).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .model import Document, Line
from .vocab import load_json


@dataclass
class Sentence:
    index: int  # 0-based within its paragraph
    start: int  # offsets into the paragraph's text, end exclusive
    end: int
    text: str


@dataclass
class Paragraph:
    index: int  # 0-based in document order
    text: str
    # (offset in .text, line number, offset of the piece in its line, length)
    pieces: list[tuple[int, int, int, int]]
    sentences: list[Sentence] = field(default_factory=list)
    _numbers: list | None = field(default=None, repr=False, compare=False)

    @property
    def numbers(self) -> list:
        """The paragraph's number tokens (linter.cnnum.scan: amounts, percentages, years,
        dates …), read once and shared by every stage."""
        if self._numbers is None:
            from .cnnum import scan

            self._numbers = scan(self.text)
        return self._numbers

    @property
    def line(self) -> int:
        """The line the paragraph starts on."""
        return self.pieces[0][1]

    @property
    def lines(self) -> list[int]:
        return [p[1] for p in self.pieces]

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, 0-based offset in that line) of a paragraph offset; the end of the text
        maps to the end of the last line."""
        for start, line, col, length in self.pieces:
            if start <= offset < start + length:
                return line, col + (offset - start)
        start, line, col, length = self.pieces[-1]
        if offset >= start + length:
            return line, col + length
        start, line, col, length = self.pieces[0]
        return line, col

    def span(self, start: int, end: int) -> tuple[int, int, int]:
        """(line, start, end) in the text view of paragraph offsets [start, end), cut at the
        end of the line where the span starts (a PDF line may break inside 107.54万|元)."""
        line, s = self.locate(start)
        piece = next(p for p in self.pieces if p[1] == line)
        return line, s, max(min(s + (end - start), piece[2] + piece[3]), s + 1)

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding a paragraph offset."""
        for s in self.sentences:
            if offset < s.end:
                return s
        return self.sentences[-1]


@lru_cache(maxsize=None)
def _words() -> tuple["regex.Pattern", "regex.Pattern", str]:
    data = load_json("paragraphs.json")
    ends = regex.compile("[" + regex.escape("".join(data["paragraph_ends"])) + r"]\s*$")
    opens = regex.compile(r"^\s*(?:" + "|".join(regex.escape(w) for w in data["paragraph_opening_words"]) + ")")
    return ends, opens, "".join(data["sentence_ends"])


def _opens_item(line: Line, text: str) -> bool:
    from .structure import numbering_of

    return line.kind == "heading" or numbering_of(text) is not None or bool(_words()[1].match(text))


def _only_furniture_between(doc: Document, a: int, b: int) -> bool:
    return all(doc.line(n).kind in ("furniture", "blank") or not doc.line(n).text.strip() for n in range(a + 1, b))


CLOSING_BRACKETS = {"）": "（", ")": "("}


def without_trailing_asides(text: str) -> str:
    """text without the bracketed asides that close it, nested ones with theirs (4.74万元（含
    公务用车运行费） → 4.74万元), spaces before them dropped; text itself when a bracket
    closing it has no opening one."""
    body = text.rstrip()
    while body and body[-1] in CLOSING_BRACKETS:
        depth, i = 0, len(body) - 1
        while i >= 0:
            if body[i] in CLOSING_BRACKETS:
                depth += 1
            elif body[i] in CLOSING_BRACKETS.values():
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        if i < 0:
            return text
        body = body[:i].rstrip()
    return body


def split_sentences(text: str) -> list[Sentence]:
    ends = _words()[2]
    out: list[Sentence] = []
    start = 0
    i = 0
    while i < len(text):
        if text[i] in ends:
            j = i + 1
            while j < len(text) and text[j] in "”’\"」』）)":
                j += 1
            out.append(Sentence(len(out), start, j, text[start:j]))
            start = i = j
            continue
        i += 1
    if start < len(text) or not out:
        out.append(Sentence(len(out), start, len(text), text[start:]))
    return out


def build_paragraphs(doc: Document) -> list[Paragraph]:
    ends = _words()[0]
    out: list[Paragraph] = []
    prev_line: Line | None = None
    for ln in doc.text_lines():
        text = ln.text.rstrip()
        if not text.strip():
            continue
        cur = out[-1] if out else None
        if (cur is not None and prev_line is not None and prev_line.kind != "heading"
                and not ends.search(cur.text) and not _opens_item(ln, text)
                and _only_furniture_between(doc, prev_line.number, ln.number)):
            cur.pieces.append((len(cur.text), ln.number, 0, len(text)))
            cur.text += text
        else:
            out.append(Paragraph(len(out), text, [(0, ln.number, 0, len(text))]))
        prev_line = ln
    for p in out:
        p.sentences = split_sentences(p.text)
    return out


def assign_paragraphs(doc: Document) -> None:
    """The structure pass's last step: doc.paragraphs, each with its sentences."""
    doc.paragraphs = build_paragraphs(doc)

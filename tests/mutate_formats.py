"""Mutated copies of one corpus document in all three formats (.txt, .docx, .pdf).

A mutation is a list of text edits ``(line, old, new)``: in the .txt text, ``old`` (which
must occur; inside 1-based ``line`` when line is given, else its first occurrence) becomes
``new``. Edits are applied one after the other. The same edits are carried over to the
corpus .docx and .pdf of that seed:

* The occurrence of ``old`` is found in the other format by its text with whitespace left
  out, and, when it occurs more than once, by the .txt text around it (the candidate whose
  surroundings look most like the .txt's wins; a tie falls back to the same rank among the
  occurrences, and fails when even that is ambiguous).
* An edit whose ``old`` and ``new`` hold the same number of TABs is a row of cells: each
  cell is edited on its own. Inside a cell only the characters that differ are touched
  (difflib opcodes), so ``107.54万元 -> 108.54万元`` rewrites one digit.
* .docx: word/document.xml is edited as text (regex over ``<w:t>`` elements, the rest of
  the XML kept byte for byte). The runs of a paragraph are read joined; a change that spans
  runs is written into the first run it touches and removed from the others. A change may
  not cross a paragraph (or table cell) boundary.
* .pdf: the page content streams are inflated, every text-showing operator decoded
  through its font's ToUnicode CMap, and the glyph codes of the changed characters
  replaced by the codes of the new ones. A new character must exist in the font of that
  place or in another font of the page (the text is then split with a font switch);
  otherwise the edit fails with :class:`Unrepresentable` naming the character — the
  fixtures embed subset fonts, so a mutation may only use characters the document already
  shows. A rewritten operator keeps its original advance width (wider text is squeezed by
  horizontal scaling ``Tz``, narrower text padded by a kerning step, an emptied operator
  kept as a kerning-only ``TJ``), so nothing after it moves and no glyph overlaps another. The changed streams are appended as
  an incremental update (new objects, a new xref section with /Prev); the original bytes
  stay as they were.

The corpus files are only read. Standard library only (zlib, re, zipfile, difflib).
"""
from __future__ import annotations

import copy
import difflib
import html
import re
import zipfile
import zlib
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FORMATS = ("txt", "docx", "pdf")
FOLDERS = {"txt": "seeds", "docx": "docx", "pdf": "pdf"}

Edit = tuple  # (line: int | None, old: str, new: str)


class Unrepresentable(AssertionError):
    """The edit cannot be carried over to this format (missing glyph, ambiguous place…)."""


def source(stem: str, fmt: str) -> Path:
    """The corpus file of a seed; `stem` may be a prefix such as '002'."""
    matches = sorted((CORPUS / FOLDERS[fmt]).glob(f"{stem}*.{fmt}"))
    if not matches:
        raise FileNotFoundError(f"no corpus file {stem}*.{fmt}")
    return matches[0]


# --- the .txt side ------------------------------------------------------------------------

def txt_position(text: str, line: int | None, old: str, col: int | None = None) -> int:
    """Offset of the occurrence of `old` an edit means: at column `col` (0-based) of `line`,
    else its first occurrence in `line`, else its first occurrence at all."""
    if line is None:
        pos = text.find(old)
        if pos < 0:
            raise AssertionError(f"{old!r} not in the text")
        return pos
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if col is not None:
        if text[start + col:start + col + len(old)] != old:
            raise AssertionError(f"line {line} column {col}: {old!r} not there in {text[start:end][:80]!r}")
        return start + col
    pos = text.find(old, start, end)
    if pos < 0:
        raise AssertionError(f"line {line}: {old!r} not in {text[start:end][:80]!r}")
    return pos


def _unpack(edit):
    line, old, new, *rest = edit
    return line, old, new, (rest[0] if rest else None)


def apply_txt(text: str, edits) -> str:
    for edit in edits:
        line, old, new, col = _unpack(edit)
        pos = txt_position(text, line, old, col)
        text = text[:pos] + new + text[pos + len(old):]
    return text


def edit_at(text: str, start: int, end: int, new: str, context: int = 6) -> tuple:
    """The edit (line, old, new, col) replacing text[start:end] by `new`, widened by up to
    `context` characters of its line on each side (never across a TAB) so that even an
    insertion has text to be found by in the other formats."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    a = start
    while a > ls and start - a < context and text[a - 1] != "\t":
        a -= 1
    b = end
    while b < le and b - end < context and text[b] != "\t":
        b += 1
    line = text.count("\n", 0, start) + 1
    return line, text[a:b], text[a:start] + new + text[end:b], a - ls


_NOT_TEXT = re.compile(r"\[bookmark: [^\]]*\]|\s+")


def _normalised(text: str) -> str:
    """Text without whitespace and .txt bookmarks: what is compared across formats."""
    return _NOT_TEXT.sub("", text)


# --- locating an edit in another format ---------------------------------------------------------

def _strip(s: str) -> str:
    return "".join(ch for ch in s if not ch.isspace())


def _regions(old: str, new: str):
    """(i, j, replacement, side) over the non-space characters of `old`, per TAB-separated
    cell, only where old and new differ; i == j is an insertion before non-space character
    i, and `side` says where it belongs: "left" (the end of the cell's text), "right" (its
    start), "inside", or None (the cell is empty)."""
    olds, news = old.split("\t"), new.split("\t")
    if len(olds) != len(news):
        olds, news = [old], [new]
    out = []
    base = 0
    for o, n in zip(olds, news):
        # positions of o's non-space characters, counted in the whole edit
        idx = []
        k = base
        for ch in o:
            idx.append(k)
            if not ch.isspace():
                k += 1
        idx.append(k)
        cell_start, cell_end = base, k
        for a0, a1, b0, b1 in _changes(o, n):
            i, j = idx[a0], idx[a1]
            rep = n[b0:b1]
            if i == j and not _strip(rep):
                continue  # whitespace only: the other formats' readers make their own spacing
            # where an insertion goes: inside the edited text, never into a neighbour's
            if cell_end == cell_start:
                left = None  # an empty cell: nothing to stick to
            elif i == cell_start:
                left = "right"
            elif i == cell_end:
                left = "left"
            else:
                left = "inside"
            out.append((i, j, rep, left))
        base = k
    return out


_NUMERIC = set("0123456789.,%")


def _changes(o: str, n: str) -> list[tuple[int, int, int, int]]:
    """Spans (a0, a1, b0, b1) where o[a0:a1] becomes n[b0:b1]; a changed number is
    changed whole (0.00 -> 20.61 is one span, not an inserted '2' and two changed digits)."""
    spans = []
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, o, n, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        while a0 > 0 and b0 > 0 and o[a0 - 1] in _NUMERIC and o[a0 - 1] == n[b0 - 1]:
            a0, b0 = a0 - 1, b0 - 1
        while a1 < len(o) and b1 < len(n) and o[a1] in _NUMERIC and o[a1] == n[b1]:
            a1, b1 = a1 + 1, b1 + 1
        if spans and a0 <= spans[-1][1]:
            p = spans.pop()
            a0, b0 = p[0], p[2]
        spans.append((a0, a1, b0, b1))
    return spans


def _context_score(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def locate(target: str, txt_norm: str, q: int, old_norm: str) -> int:
    """Offset in `target` (normalised) of the occurrence of `old_norm` matching the one at
    `q` in `txt_norm`."""
    cands = [m.start() for m in re.finditer(f"(?={re.escape(old_norm)})", target)]
    if not cands:
        raise Unrepresentable(f"{old_norm[:40]!r} does not occur in this format")
    if len(cands) == 1:
        return cands[0]
    n = len(old_norm)
    for w in (40, 120, 400):
        left, right = txt_norm[max(0, q - w):q], txt_norm[q + n:q + n + w]
        scores = [(_context_score(left, target[max(0, c - w):c]) + _context_score(right, target[c + n:c + n + w]), c)
                  for c in cands]
        scores.sort(reverse=True)
        if scores[0][0] - scores[1][0] > 0.02:
            return scores[0][1]
    txt_cands = [m.start() for m in re.finditer(f"(?={re.escape(old_norm)})", txt_norm)]
    if len(txt_cands) == len(cands):
        return cands[txt_cands.index(q)]
    raise Unrepresentable(f"{old_norm[:40]!r}: {len(cands)} equally likely places")


class _Target:
    """A format's text as non-space characters that can be replaced in place."""

    def text(self) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def replace(self, i: int, j: int, new: str, left) -> None:  # pragma: no cover - interface
        raise NotImplementedError


def carry_over(target: _Target, txt_text: str, edits) -> str:
    """Apply `edits` to the .txt text and, in lockstep, to `target`; returns the new .txt."""
    for edit in edits:
        line, old, new, col = _unpack(edit)
        pos = txt_position(txt_text, line, old, col)
        norm = _normalised(txt_text)
        old_norm = _strip(old)
        if not old_norm:
            raise Unrepresentable(f"edit {old!r} -> {new!r}: nothing but whitespace to find")
        q = len(_normalised(txt_text[:pos]))
        failure = None
        for off, o, n in _narrowings(old, new):
            try:
                at = locate(target.text(), norm, q + len(_strip(old[:off])), _strip(o))
            except Unrepresentable as exc:
                failure = failure or exc
                continue
            for i, j, rep, left in reversed(_regions(o, n)):
                target.replace(at + i, at + j, rep, left)
            break
        else:
            raise failure
        txt_text = txt_text[:pos] + new + txt_text[pos + len(old):]
    return txt_text


def _narrowings(old: str, new: str):
    """(offset, old part, new part): the whole edit, then the changed part with less and
    less of the unchanged text around it (which may be laid out differently elsewhere, a
    quotation mark drawn apart in a PDF), never cutting a number."""
    yield 0, old, new
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    sfx = 0
    while sfx < min(len(old), len(new)) - p and old[-1 - sfx] == new[-1 - sfx]:
        sfx += 1
    for k in (3, 1):
        a, b = max(0, p - k), max(0, sfx - k)
        while a > 0 and old[a - 1] in _NUMERIC:
            a -= 1
        while b > 0 and old[len(old) - b] in _NUMERIC:
            b -= 1
        o, n = old[a:len(old) - b], new[a:len(new) - b]
        if _strip(o) and (a, b) != (0, 0):
            yield a, o, n


# --- .docx ------------------------------------------------------------------------------

_WT = re.compile(r"<w:t(\s[^>]*)?>([^<]*)</w:t>|<w:t(\s[^>]*)?/>")
_PARA = re.compile(r"<w:p[\s>/]|</w:p>")


class DocxText(_Target):
    """The <w:t> elements of word/document.xml; `chars` holds (element, offset) of each
    non-space character, in document order."""

    def __init__(self, xml: str):
        self.xml = xml
        self.nodes: list[tuple] = []  # (start, end, attrs, text, paragraph id)
        paras = [(m.start(), m.group()) for m in _PARA.finditer(xml)]
        stack, pid, k = [], 0, 0
        for m in _WT.finditer(xml):
            while k < len(paras) and paras[k][0] < m.start():
                pos, tag = paras[k]
                if tag == "</w:p>":
                    if stack:
                        stack.pop()
                elif not xml.startswith("/>", xml.index(">", pos) - 1):
                    pid += 1
                    stack.append(pid)
                k += 1
            attrs = m.group(1) if m.group(2) is not None else m.group(3)
            text = html.unescape(m.group(2) or "")
            self.nodes.append((m.start(), m.end(), attrs or "", text, stack[-1] if stack else 0))
        self.dirty: set[int] = set()
        self.chars: list[tuple[int, int]] = []
        self._text = ""
        self._reindex(0, len(self.nodes) - 1)

    def copy(self) -> "DocxText":
        t = copy.copy(self)
        t.nodes, t.dirty, t.chars = list(self.nodes), set(), list(self.chars)
        return t

    def _reindex(self, lo: int, hi: int) -> None:
        """Recompute the characters of elements lo..hi (inclusive)."""
        a = bisect_left(self.chars, (lo, -1))
        b = bisect_left(self.chars, (hi + 1, -1))
        chars, text = [], []
        for n in range(lo, hi + 1):
            for off, ch in enumerate(self.nodes[n][3]):
                if not ch.isspace():
                    chars.append((n, off))
                    text.append(ch)
        self.chars[a:b] = chars
        self._text = self._text[:a] + "".join(text) + self._text[b:]

    def text(self) -> str:
        return self._text

    def _set(self, n: int, text: str) -> None:
        start, end, attrs, _, pid = self.nodes[n]
        self.nodes[n] = (start, end, attrs, text, pid)
        self.dirty.add(n)

    def replace(self, i, j, new, left):
        if i == j:
            if left is None:
                raise Unrepresentable(f"insertion of {new!r} into an empty cell")
            if (left != "right" and i > 0) or i >= len(self.chars):
                n, off = self.chars[i - 1]
                off += 1
            else:
                n, off = self.chars[i]
            t = self.nodes[n][3]
            self._set(n, t[:off] + new + t[off:])
            n0 = n1 = n
        else:
            (n0, o0), (n1, o1) = self.chars[i], self.chars[j - 1]
            if self.nodes[n0][4] != self.nodes[n1][4]:
                raise Unrepresentable(f"change {self._text[i:j]!r} crosses a paragraph boundary in the .docx")
            if n0 == n1:
                t = self.nodes[n0][3]
                self._set(n0, t[:o0] + new + t[o1 + 1:])
            else:
                # the paragraph's runs read joined: the change goes into the first run it
                # touches, the touched part of the others is cleared
                self._set(n0, self.nodes[n0][3][:o0] + new)
                for n in range(n0 + 1, n1):
                    self._set(n, "")
                self._set(n1, self.nodes[n1][3][o1 + 1:])
        self._reindex(n0, n1)

    def xml_out(self) -> str:
        parts, last = [], 0
        for n in sorted(self.dirty):
            start, end, attrs, text, _ = self.nodes[n]
            parts.append(self.xml[last:start])
            if text != text.strip() and "xml:space" not in attrs:
                attrs += ' xml:space="preserve"'
            parts.append(f"<w:t{attrs}>{html.escape(text, quote=False)}</w:t>")
            last = end
        parts.append(self.xml[last:])
        return "".join(parts)


@lru_cache(maxsize=8)
def _docx_pristine(path: str) -> tuple[str, DocxText]:
    with zipfile.ZipFile(path) as z:
        part = _docx_main_part(z)
        return part, DocxText(z.read(part).decode("utf-8"))


def _docx_main_part(z: zipfile.ZipFile) -> str:
    names = set(z.namelist())
    if "word/document.xml" in names:
        return "word/document.xml"
    raise Unrepresentable("no word/document.xml in the package")


def write_docx(src: Path, dest: Path, txt_text: str, edits) -> str:
    part, pristine = _docx_pristine(str(src))
    target = pristine.copy()
    out_txt = carry_over(target, txt_text, edits)
    new_xml = target.xml_out().encode("utf-8")
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dest, "w") as out:
        for info in z.infolist():
            data = new_xml if info.filename == part else z.read(info.filename)
            out.writestr(info, data, compress_type=info.compress_type)
    return out_txt


# --- .pdf: objects ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Ref:
    num: int
    gen: int = 0


class Name(str):
    pass


class Op(str):
    pass


_TOKEN = re.compile(rb"[ \t\r\n\x0c\x00]+|%[^\r\n]*|<<|>>|<[0-9A-Fa-f \t\r\n\x0c]*>|\(|\[|\]|\{|\}|/[^ \t\r\n\x0c\x00()<>\[\]{}/%]*"
                    rb"|[^ \t\r\n\x0c\x00()<>\[\]{}/%]+")
_NUMBER = re.compile(rb"[+-]?(\d+\.?\d*|\.\d+)$")


def _literal(data: bytes, pos: int) -> tuple[bytes, int]:
    """A literal string starting at `pos` ('('); (decoded bytes, end offset)."""
    out = bytearray()
    depth, i = 1, pos + 1
    esc = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while i < len(data):
        c = data[i]
        if c == 0x5C:  # backslash
            i += 1
            c = data[i]
            if c in esc:
                out.append(esc[c])
            elif 0x30 <= c <= 0x37:
                j = i
                while j < i + 3 and j < len(data) and 0x30 <= data[j] <= 0x37:
                    j += 1
                out.append(int(data[i:j], 8) & 0xFF)
                i = j - 1
            elif c in (10, 13):
                if c == 13 and i + 1 < len(data) and data[i + 1] == 10:
                    i += 1
            else:
                out.append(c)
        elif c == 0x28:
            depth += 1
            out.append(c)
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
            out.append(c)
        else:
            out.append(c)
        i += 1
    raise Unrepresentable("unterminated string in PDF")


def tokens(data: bytes, pos: int = 0, end: int | None = None):
    """(kind, value, start, stop): kinds 'num', 'name', 'str', 'op', 'punct'."""
    end = len(data) if end is None else end
    while pos < end:
        if data[pos] == 0x28:
            s, stop = _literal(data, pos)
            yield "str", s, pos, stop
            pos = stop
            continue
        m = _TOKEN.match(data, pos)
        if m is None:
            raise Unrepresentable(f"cannot tokenise PDF at offset {pos}")
        t = m.group()
        stop = m.end()
        c = t[:1]
        if c in b" \t\r\n\x0c\x00" or c == b"%":
            pass
        elif t in (b"<<", b">>", b"[", b"]", b"{", b"}"):
            yield "punct", t.decode(), pos, stop
        elif c == b"<":
            hx = re.sub(rb"\s", b"", t[1:-1])
            if len(hx) % 2:
                hx += b"0"
            yield "str", bytes.fromhex(hx.decode()), pos, stop
        elif c == b"/":
            yield "name", Name(re.sub(rb"#([0-9A-Fa-f]{2})", lambda x: bytes([int(x.group(1), 16)]), t[1:]).decode("latin-1")), pos, stop
        elif _NUMBER.match(t):
            yield "num", (float(t) if b"." in t else int(t)), pos, stop
        else:
            yield "op", Op(t.decode("latin-1")), pos, stop
        pos = stop


def parse_object(data: bytes, pos: int):
    """The PDF object at `pos`: (value, end offset). Dicts → dict, arrays → list,
    'n g R' → Ref."""
    it = tokens(data, pos)
    stack: list = [[]]
    for kind, val, start, stop in it:
        if kind == "punct" and val in ("<<", "["):
            stack.append([val])
            continue
        if kind == "punct" and val in (">>", "]"):
            items = stack.pop()
            opener, items = items[0], items[1:]
            if opener == "<<":
                value = {items[k]: items[k + 1] for k in range(0, len(items) - 1, 2)}
            else:
                value = items
        elif kind == "op" and val == "R":
            cur = stack[-1]
            gen, num = cur.pop(), cur.pop()
            value = Ref(num, gen)
        elif kind == "op" and val in ("true", "false", "null"):
            value = {"true": True, "false": False, "null": None}[val]
        elif kind == "op":
            value = val
        else:
            value = val
        stack[-1].append(value)
        if len(stack) == 1:
            # a bare number could still be the start of an 'n g R' reference
            if isinstance(value, int) and not isinstance(value, bool):
                rest = data[stop:stop + 32]
                m = re.match(rb"\s+(\d+)\s+R(?![^\s/\[\]<>()])", rest)
                if m:
                    stack[-1].pop()
                    return Ref(value, int(m.group(1))), stop + m.end()
            return stack[-1][0], stop
    raise Unrepresentable("truncated PDF object")


class PdfFile:
    """Read access to a PDF with classic xref tables (what LibreOffice writes)."""

    def __init__(self, data: bytes):
        self.data = data
        self.offsets: dict[int, int] = {}
        m = list(re.finditer(rb"startxref\s+(\d+)", data))
        if not m:
            raise Unrepresentable("no startxref")
        self.startxref = int(m[-1].group(1))
        self.trailer: dict = {}
        pos = self.startxref
        seen = set()
        while pos is not None and pos not in seen:
            seen.add(pos)
            if not data.startswith(b"xref", pos):
                raise Unrepresentable("cross-reference streams are not supported (classic xref only)")
            pos, trailer = self._xref_section(pos + 4)
            for k, v in trailer.items():
                self.trailer.setdefault(k, v)
            prev = trailer.get("Prev")
            pos = int(prev) if prev is not None else None
        self.cache: dict[int, object] = {}

    def _xref_section(self, pos):
        data = self.data
        while True:
            m = re.compile(rb"\s*(\d+)\s+(\d+)[ \t]*\r?\n?").match(data, pos)
            if m is None:
                break
            first, count = int(m.group(1)), int(m.group(2))
            pos = m.end()
            for k in range(count):
                entry = data[pos:pos + 20]
                off, _gen, kind = entry[:10], entry[11:16], entry[17:18]
                if kind == b"n":
                    self.offsets.setdefault(first + k, int(off))
                pos += 20
        t = data.index(b"trailer", pos)
        trailer, _ = parse_object(data, t + 7)
        return pos, trailer

    def obj(self, num: int):
        if num not in self.cache:
            off = self.offsets[num]
            m = re.compile(rb"(\d+)\s+(\d+)\s+obj").match(self.data, off)
            if m is None or int(m.group(1)) != num:
                raise Unrepresentable(f"object {num} not at its xref offset")
            value, end = parse_object(self.data, m.end())
            self.cache[num] = (value, end)
        return self.cache[num][0]

    def resolve(self, v):
        while isinstance(v, Ref):
            v = self.obj(v.num)
        return v

    def stream_raw(self, num: int) -> tuple[dict, bytes]:
        d = self.obj(num)
        end = self.cache[num][1]
        m = re.compile(rb"\s*stream\r?\n").match(self.data, end)
        if m is None:
            raise Unrepresentable(f"object {num} is not a stream")
        length = int(self.resolve(d["Length"]))
        return d, self.data[m.end():m.end() + length]

    def stream(self, num: int) -> bytes:
        d, raw = self.stream_raw(num)
        filters = self.resolve(d.get("Filter"))
        filters = [] if filters is None else (filters if isinstance(filters, list) else [filters])
        if filters == ["FlateDecode"]:
            return zlib.decompress(raw)
        if not filters:
            return raw
        raise Unrepresentable(f"object {num}: filter {filters} not supported")

    def pages(self):
        """(page dict, resources dict) in page order."""
        out = []

        def walk(node, inherited):
            node = self.resolve(node)
            res = node.get("Resources", inherited)
            if node.get("Type") == "Pages" or "Kids" in node:
                for kid in self.resolve(node["Kids"]):
                    walk(kid, res)
            else:
                out.append((node, self.resolve(res) or {}))

        root = self.resolve(self.trailer["Root"])
        walk(root["Pages"], None)
        return out


# --- .pdf: fonts and text -------------------------------------------------------------------

def _utf16(hexbytes: bytes) -> str:
    return hexbytes.decode("utf-16-be", errors="replace")


@dataclass
class Font:
    name: str  # resource name, e.g. F1
    base: str  # BaseFont without the subset tag
    to_unicode: dict[bytes, str]
    from_unicode: dict[str, bytes]
    widths: dict[int, float]
    missing_width: float = 0.0

    def width(self, code: bytes) -> float:
        return self.widths.get(code[0], self.missing_width)


def _cmap(data: bytes) -> dict[bytes, str]:
    out: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[bytes.fromhex(src.decode())] = _utf16(bytes.fromhex(dst.decode()))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            n = len(lo) // 2
            a, b = int(lo, 16), int(hi, 16)
            if dst.startswith(b"["):
                items = re.findall(rb"<([0-9A-Fa-f]*)>", dst)
                for k, d in enumerate(items[: b - a + 1]):
                    out[(a + k).to_bytes(n, "big")] = _utf16(bytes.fromhex(d.decode()))
            else:
                d = bytes.fromhex(dst[1:-1].decode())
                base = int.from_bytes(d, "big")
                for k in range(b - a + 1):
                    out[(a + k).to_bytes(n, "big")] = _utf16((base + k).to_bytes(len(d), "big"))
    return out


def _font(pdf: PdfFile, name: str, ref) -> Font:
    d = pdf.resolve(ref)
    if d.get("Subtype") not in ("TrueType", "Type1", "MMType1"):
        raise Unrepresentable(f"font {name}: {d.get('Subtype')} fonts are not supported (simple fonts only)")
    tu = d.get("ToUnicode")
    if tu is None:
        raise Unrepresentable(f"font {name} has no ToUnicode map")
    to_u = _cmap(pdf.stream(tu.num))
    if any(len(k) != 1 for k in to_u):
        raise Unrepresentable(f"font {name}: multi-byte codes in a simple font")
    first = int(pdf.resolve(d.get("FirstChar", 0)))
    widths = {first + k: float(w) for k, w in enumerate(pdf.resolve(d.get("Widths", [])))}
    desc = pdf.resolve(d.get("FontDescriptor")) or {}
    from_u: dict[str, bytes] = {}
    for code, s in sorted(to_u.items()):
        if len(s) == 1:
            from_u.setdefault(s, code)
    base = str(d.get("BaseFont", name))
    base = base.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", base) else base
    return Font(name, base, to_u, from_u, widths, float(pdf.resolve(desc.get("MissingWidth", 0))))


@dataclass
class ShowOp:
    """One text-showing operator: its byte span in the stream and its glyphs."""
    start: int
    stop: int
    op: str  # Tj TJ ' "
    font: str
    size: float
    tz: float
    tc: float
    tw: float
    items: list  # bytes (one glyph code) or float (TJ kerning)
    prefix: bytes = b""  # what ' and " did before showing (T*, Tw/Tc), kept when rewritten
    dirty: bool = False
    original_width: float = 0.0


@dataclass
class Stream:
    num: int
    dict_: dict
    content: bytes
    fonts: dict[str, Font]
    ops: list[ShowOp] = field(default_factory=list)


def _width(op: ShowOp, items, fonts) -> float:
    """Unscaled advance (before Tz) of `items` drawn with op's state; items may carry their
    own font as (font, code)."""
    w = 0.0
    for it in items:
        if isinstance(it, (int, float)):
            w -= it / 1000.0 * op.size
            continue
        font, code = it if isinstance(it, tuple) else (op.font, it)
        w += fonts[font].width(code) / 1000.0 * op.size + op.tc + (op.tw if code == b" " else 0.0)
    return w


def _scan(stream: Stream) -> None:
    state = {"font": None, "size": 0.0, "tz": 100.0, "tc": 0.0, "tw": 0.0}
    saved = []
    operands: list = []
    arrays: list[list] = []
    first_start = None
    for kind, val, start, stop in tokens(stream.content):
        if kind == "punct" and val == "[":
            arrays.append([])
            if first_start is None:
                first_start = start
            continue
        if kind == "punct" and val == "]":
            arr = arrays.pop()
            (arrays[-1] if arrays else operands).append(arr)
            continue
        if arrays:
            arrays[-1].append(val)
            continue
        if kind != "op":
            if first_start is None:
                first_start = start
            if kind == "punct":  # dictionaries (marked content properties): kept as opaque
                operands.append(val)
            else:
                operands.append(val)
            continue
        op = str(val)
        if op == "BI":
            raise Unrepresentable("inline images in a content stream are not supported")
        if op == "q":
            saved.append(dict(state))
        elif op == "Q" and saved:
            state = saved.pop()
        elif op == "Tf" and len(operands) >= 2:
            state["font"], state["size"] = str(operands[-2]), float(operands[-1])
        elif op == "Tz" and operands:
            state["tz"] = float(operands[-1])
        elif op == "Tc" and operands:
            state["tc"] = float(operands[-1])
        elif op == "Tw" and operands:
            state["tw"] = float(operands[-1])
        elif op == '"' and len(operands) >= 3:
            state["tw"], state["tc"] = float(operands[-3]), float(operands[-2])
        if op in ("Tj", "TJ", "'", '"') and operands:
            arg = operands[-1]
            items: list = []
            parts = arg if op == "TJ" else [arg]
            for p in parts:
                if isinstance(p, (bytes, bytearray)):
                    items.extend(bytes([b]) for b in p)
                elif isinstance(p, (int, float)):
                    items.append(float(p))
            if state["font"] not in stream.fonts:
                raise Unrepresentable(f"stream {stream.num}: text in unknown font {state['font']}")
            prefix = b""
            if op == "'":
                prefix = b"T* "
            elif op == '"':
                prefix = f"{_num(state['tw'])} Tw {_num(state['tc'])} Tc T* ".encode()
            sop = ShowOp(first_start, stop, op, state["font"], state["size"], state["tz"], state["tc"],
                         state["tw"], items, prefix)
            sop.original_width = _width(sop, items, stream.fonts)
            stream.ops.append(sop)
        operands = []
        first_start = None


def _num(x: float) -> str:
    s = f"{x:.4f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


class PdfText(_Target):
    def __init__(self, data: bytes):
        self.pdf = PdfFile(data)
        self.streams: list[Stream] = []
        fonts_by_res: dict[int, dict[str, Font]] = {}
        for page, res in self.pdf.pages():
            fres = self.pdf.resolve(res.get("Font")) or {}
            key = id(fres)
            if key not in fonts_by_res:
                fonts_by_res[key] = {str(n): _font(self.pdf, str(n), r) for n, r in fres.items()}
            contents = self.pdf.resolve(page.get("Contents"))
            refs = page.get("Contents")
            refs = refs if isinstance(refs, list) else [refs] if refs is not None else []
            if isinstance(contents, list):
                refs = contents
            for ref in refs:
                if not isinstance(ref, Ref):
                    raise Unrepresentable("direct content streams are not supported")
                s = Stream(ref.num, self.pdf.obj(ref.num), self.pdf.stream(ref.num), fonts_by_res[key])
                _scan(s)
                self.streams.append(s)
        self.chars: list[tuple[int, int, int]] = []  # (stream, op, item) per non-space glyph
        self._text = ""
        self._owned: set[tuple[int, int]] = set()
        if self.streams:
            self._reindex((0, 0), (len(self.streams) - 1, len(self.streams[-1].ops) - 1))

    def copy(self) -> "PdfText":
        """An editable copy sharing everything it does not change (copy on write)."""
        t = copy.copy(self)
        t.streams = []
        for s in self.streams:
            s2 = copy.copy(s)
            s2.ops = list(s.ops)
            t.streams.append(s2)
        t.chars, t._owned = list(self.chars), set()
        return t

    def _op(self, si: int, oi: int) -> ShowOp:
        """Operator (si, oi), made this copy's own before it is changed."""
        if (si, oi) not in self._owned:
            op = copy.copy(self.streams[si].ops[oi])
            op.items = list(op.items)
            self.streams[si].ops[oi] = op
            self._owned.add((si, oi))
        return self.streams[si].ops[oi]

    def _reindex(self, lo: tuple[int, int], hi: tuple[int, int]) -> None:
        """Recompute the characters of the operators from lo to hi (inclusive)."""
        a = bisect_left(self.chars, (lo[0], lo[1], -1))
        b = bisect_left(self.chars, (hi[0], hi[1] + 1, -1))
        chars, text = [], []
        for si in range(lo[0], hi[0] + 1):
            s = self.streams[si]
            first = lo[1] if si == lo[0] else 0
            last = hi[1] if si == hi[0] else len(s.ops) - 1
            for oi in range(first, last + 1):
                op = s.ops[oi]
                for ii, it in enumerate(op.items):
                    if isinstance(it, float):
                        continue
                    font, code = it if isinstance(it, tuple) else (op.font, it)
                    for c in s.fonts[font].to_unicode.get(code, "\ufffd"):
                        if not c.isspace():
                            chars.append((si, oi, ii))
                            text.append(c)
        self.chars[a:b] = chars
        self._text = self._text[:a] + "".join(text) + self._text[b:]

    def text(self) -> str:
        return self._text

    def _glyphs(self, stream: Stream, op: ShowOp, s: str) -> list:
        """Glyph items for `s`, in op's font where possible, else another font of the page."""
        out = []
        for ch in s:
            if ch.isspace():
                continue  # the PDF reader derives spaces from the geometry
            font = stream.fonts[op.font]
            if ch in font.from_unicode:
                out.append((op.font, font.from_unicode[ch]))
                continue
            others = sorted(stream.fonts.values(), key=lambda f: (f.base != font.base, f.name))
            for f in others:
                if ch in f.from_unicode:
                    out.append((f.name, f.from_unicode[ch]))
                    break
            else:
                raise Unrepresentable(f"{ch!r} (U+{ord(ch):04X}) is in no font of this PDF page")
        return out

    def replace(self, i, j, new, left):
        if i == j:
            if left is None:
                raise Unrepresentable(f"insertion of {new!r} into an empty cell")
            after = (left != "right" and i > 0) or i >= len(self.chars)
            if left == "inside" and 0 < i < len(self.chars) and self.chars[i - 1][:2] != self.chars[i][:2]:
                # between two operators: the one whose font shows the inserted text
                first = next((ch for ch in new if not ch.isspace()), "")
                (sa, oa, _), (sb, ob, _) = self.chars[i - 1], self.chars[i]
                in_a = first in self.streams[sa].fonts[self.streams[sa].ops[oa].font].from_unicode
                in_b = first in self.streams[sb].fonts[self.streams[sb].ops[ob].font].from_unicode
                if in_a != in_b:
                    after = in_a
            if after:
                si, oi, ii = self.chars[i - 1]
                ii += 1
            else:
                si, oi, ii = self.chars[i]
            s = self.streams[si]
            op = self._op(si, oi)
            op.items[ii:ii] = self._glyphs(s, op, new)
            op.dirty = True
            self._reindex((si, oi), (si, oi))
            return
        by_op: dict[tuple[int, int], list[int]] = {}
        for si, oi, ii in self.chars[i:j]:
            by_op.setdefault((si, oi), []).append(ii)
        # The new characters go where the old ones were, operator by operator, as many as
        # fit the width the old ones took (a word wrapped over two lines stays wrapped);
        # operators this copy emptied before (between them, or right after the last one)
        # take their share again, so an edit undone by a later one restores the layout.
        slots = []  # (si, oi, lo, hi, width available)
        keys = list(by_op)
        for si, oi in self._ops_between(keys[0], keys[-1]):
            op = self.streams[si].ops[oi]
            if (si, oi) in by_op:
                idx = by_op[(si, oi)]
                lo, hi = min(idx), max(idx)
                slots.append((si, oi, lo, hi, _width(op, self._resolved(op, op.items[lo:hi + 1]), self.streams[si].fonts)))
            elif self._emptied(si, oi):
                slots.append((si, oi, 0, -1, op.original_width))
        si, oi = keys[-1]
        while oi + 1 < len(self.streams[si].ops) and self._emptied(si, oi + 1):
            oi += 1
            slots.append((si, oi, 0, -1, self.streams[si].ops[oi].original_width))
        rest = [ch for ch in new if not ch.isspace()]
        for n, (si, oi, lo, hi, room) in enumerate(slots):
            st = self.streams[si]
            op = self._op(si, oi)
            glyphs = self._glyphs(st, op, "".join(rest))
            take = len(glyphs)
            if n < len(slots) - 1:
                used, take = 0.0, 0
                for g in glyphs:
                    w = _width(op, [g], st.fonts)
                    if used + w > room + 0.3 * op.size:
                        break
                    used += w
                    take += 1
            rest = rest[take:]
            op.items[lo:hi + 1] = glyphs[:take]  # spaces drawn between the old glyphs go too
            op.dirty = True
        self._reindex(slots[0][:2], slots[-1][:2])

    def _resolved(self, op: ShowOp, items) -> list:
        return [it if isinstance(it, (tuple, float)) else (op.font, it) for it in items]

    def _emptied(self, si: int, oi: int) -> bool:
        """An operator this copy has emptied of all its glyphs (kept for its width only)."""
        return (si, oi) in self._owned and not any(not isinstance(it, float) for it in self.streams[si].ops[oi].items)

    def _ops_between(self, a: tuple[int, int], b: tuple[int, int]):
        for si in range(a[0], b[0] + 1):
            first = a[1] if si == a[0] else 0
            last = b[1] if si == b[0] else len(self.streams[si].ops) - 1
            for oi in range(first, last + 1):
                yield si, oi

    def _render(self, stream: Stream, op: ShowOp) -> bytes:
        """The operator rewritten: same advance as before, font switches where needed."""
        items = [it if isinstance(it, (tuple, float)) else (op.font, it) for it in op.items]
        new_w = _width(op, items, stream.fonts)
        out = [op.prefix.decode()]
        if not any(isinstance(it, tuple) for it in items) or new_w <= 0:
            kern = -op.original_width * 1000.0 / op.size if op.size else 0.0
            out.append(f"[{_num(kern)}] TJ")
            return " ".join(out).encode()
        squeeze = new_w > op.original_width
        if squeeze:
            # wider than before: scaled down horizontally to the old width. (Narrower text is
            # not stretched: it is padded with a kerning step instead, so its glyphs keep their
            # shape; PDFium reports a Tz-scaled glyph's matrix with the scale in it.)
            out.append(f"{_num(op.tz * op.original_width / new_w)} Tz")
        elif op.original_width - new_w > 1e-6:
            items = items + [-(op.original_width - new_w) * 1000.0 / op.size]
        runs: list[tuple[str, list]] = []
        for it in items:
            font = runs[-1][0] if runs else op.font
            if isinstance(it, tuple):
                font = it[0]
            if not runs or runs[-1][0] != font:
                runs.append((font, []))
            runs[-1][1].append(it)
        cur = op.font
        for font, run in runs:
            if font != cur:
                out.append(f"/{font} {_num(op.size)} Tf")
                cur = font
            arr = []
            for it in run:
                if isinstance(it, float):
                    arr.append(_num(it))
                else:
                    arr.append("<" + it[1].hex().upper() + ">")
            out.append("[" + " ".join(arr) + "] TJ")
        if cur != op.font:
            out.append(f"/{op.font} {_num(op.size)} Tf")
        if squeeze:
            out.append(f"{_num(op.tz)} Tz")
        return " ".join(out).encode()

    def pdf_out(self) -> bytes:
        data = self.pdf.data
        changed = []
        for s in self.streams:
            dirty = [op for op in s.ops if op.dirty]
            if not dirty:
                continue
            content = s.content
            for op in sorted(dirty, key=lambda o: o.start, reverse=True):
                content = content[:op.start] + self._render(s, op) + content[op.stop:]
            changed.append((s.num, content))
        if not changed:
            return data
        out = bytearray(data)
        if not out.endswith(b"\n"):
            out += b"\n"
        xref = []
        for num, content in changed:
            body = zlib.compress(content, 6)
            xref.append((num, len(out)))
            out += f"{num} 0 obj\n<</Length {len(body)}/Filter/FlateDecode>>\nstream\n".encode()
            out += body + b"\nendstream\nendobj\n"
        start = len(out)
        out += b"xref\n"
        for num, off in sorted(xref):
            out += f"{num} 1\n{off:010d} 00000 n \n".encode()
        t = self.pdf.trailer
        size = max(int(self.pdf.resolve(t.get("Size", 0))), max(n for n, _ in xref) + 1)
        trailer = f"<</Size {size}/Root {t['Root'].num} {t['Root'].gen} R"
        if isinstance(t.get("Info"), Ref):
            trailer += f"/Info {t['Info'].num} {t['Info'].gen} R"
        if isinstance(t.get("ID"), list) and len(t["ID"]) == 2:
            trailer += "/ID [<" + t["ID"][0].hex() + "><" + t["ID"][1].hex() + ">]"
        trailer += f"/Prev {self.pdf.startxref}>>"
        out += f"trailer\n{trailer}\nstartxref\n{start}\n%%EOF\n".encode()
        return bytes(out)


@lru_cache(maxsize=8)
def _pdf_pristine(path: str) -> PdfText:
    return PdfText(Path(path).read_bytes())


def pdf_target(path: Path) -> PdfText:
    """A fresh editable copy of the parsed PDF (parsing is cached per file)."""
    return _pdf_pristine(str(path)).copy()


def pdf_charset(stem: str) -> set[str]:
    """Every character some font of the seed's PDF can show (for choosing mutations)."""
    t = _pdf_pristine(str(source(stem, "pdf")))
    return {ch for s in t.streams for f in s.fonts.values() for ch in f.from_unicode}


def write_pdf(src: Path, dest: Path, txt_text: str, edits) -> str:
    target = pdf_target(src)
    out_txt = carry_over(target, txt_text, edits)
    dest.write_bytes(target.pdf_out())
    return out_txt


# --- all formats ------------------------------------------------------------------------

def mutate(stem: str, edits, out_dir: Path, formats=FORMATS) -> dict[str, Path]:
    """Mutated copies of seed `stem` in `formats`, as out_dir/<corpus file name>.

    Every copy gets the same edits; raises Unrepresentable when a format cannot take one."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    txt_src = source(stem, "txt")
    text = txt_src.read_text(encoding="utf-8")
    result = {}
    expected = apply_txt(text, edits)
    for fmt in formats:
        src = source(stem, fmt)
        dest = out_dir / src.name
        if fmt == "txt":
            dest.write_text(expected, encoding="utf-8")
        elif fmt == "docx":
            write_docx(src, dest, text, edits)
        elif fmt == "pdf":
            write_pdf(src, dest, text, edits)
        else:
            raise ValueError(fmt)
        result[fmt] = dest
    return result


def representable(stem: str, text: str, fmt: str = "pdf") -> bool:
    """Whether `text` can be written into the seed's copy in `fmt` (glyphs of the PDF)."""
    if fmt != "pdf":
        return True
    cs = pdf_charset(stem)
    return all(ch.isspace() or ch in cs for ch in text)


def changed_lines(before, after) -> set[int]:
    """1-based numbers of the lines of document `after` that differ from document `before`
    (the same file in the same format, before and after a mutation)."""
    a = [ln.text for ln in before.lines]
    b = [ln.text for ln in after.lines]
    out: set[int] = set()
    for tag, _a0, _a1, b0, b1 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.update(range(b0 + 1, max(b1, b0 + 1) + 1))
    return out


class RecallTable:
    """Plants found per defect kind and format; None marks a plant a format cannot take."""

    def __init__(self, formats=FORMATS):
        self.formats = tuple(formats)
        self.counts: dict[tuple[str, str], list[int]] = {}
        self.kinds: list[str] = []
        self.skipped: list[str] = []

    def add(self, kind: str, fmt: str, found: bool | None, why: str = "") -> None:
        """Count one plant; found=None: the format could not take it (`why`)."""
        if kind not in self.kinds:
            self.kinds.append(kind)
        c = self.counts.setdefault((kind, fmt), [0, 0, 0])
        if found is None:
            c[2] += 1
            self.skipped.append(f"{kind} .{fmt}: {why}")
        else:
            c[1] += 1
            c[0] += bool(found)

    def tried(self, kind: str, fmt: str) -> int:
        return self.counts.get((kind, fmt), [0, 0, 0])[1]

    def recall(self, kind: str, fmt: str) -> float | None:
        hit, tried, _ = self.counts.get((kind, fmt), [0, 0, 0])
        return hit / tried if tried else None

    def render(self, title: str) -> str:
        width = max([len(k) for k in self.kinds] + [10])
        head = f"{title}\n  {'kind':{width}}" + "".join(f"  {f:>18}" for f in self.formats)
        rows = [head]
        for kind in self.kinds:
            cells = []
            for f in self.formats:
                hit, tried, na = self.counts.get((kind, f), [0, 0, 0])
                cell = f"{hit}/{tried} {hit / tried:.2f}" if tried else "-"
                cells.append(f"  {cell + (f' ({na} n/a)' if na else ''):>18}")
            rows.append(f"  {kind:{width}}" + "".join(cells))
        rows += [f"  n/a: {s}" for s in self.skipped]
        return "\n".join(rows)

"""Word .docx reader.

The package is opened with zipfile and its parts parsed with the standard library's
ElementTree (content types and relationships lead to the main document part, its styles
and its numbering). python-docx's object model is not used: importing it (lxml) alone
costs more than reading a whole seed, and only a walk of the body XML keeps paragraphs
and tables interleaved in body order as the reader sees them.

Text view: one line per body paragraph (kind 'text', or 'blank' when empty; style = the
paragraph style's name) and one line per table row (kind 'table'; the cells' texts joined
by a TAB; a cell of several paragraphs shows them joined by a space there, while
Cell.text joins them with a newline). A merged cell is held once with its span: gridSpan
gives colspan, a vMerge run gives the restarting cell its rowspan, w:gridBefore shifts the
row on the grid. Word automatic numbering is computed from numbering.xml and prepended to
the paragraph text as a reader sees it (Line.auto_number). Headers, footers, text boxes and
drawings are left out.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile

from ..limits import DEFAULT, Limits, check_columns, check_depth, check_rows, exceeded
from ..model import Cell, Document, EmptyInput, InputError, Line, Suppression, Table
from .txt import FURNITURE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC, R, T = W + "p", W + "tbl", W + "tr", W + "tc", W + "r", W + "t"
SDT, SDT_CONTENT, CUSTOM_XML = W + "sdt", W + "sdtContent", W + "customXml"
PPR, TCPR, TRPR, RPR = W + "pPr", W + "tcPr", W + "trPr", W + "rPr"
GRID_SPAN, V_MERGE, H_MERGE = W + "gridSpan", W + "vMerge", W + "hMerge"
MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
VAL = W + "val"
# inline containers whose runs are part of the paragraph's text
INLINE = {W + "hyperlink", W + "ins", W + "smartTag", W + "fldSimple", W + "customXml", W + "moveTo",
          W + "bdo", W + "dir", SDT, SDT_CONTENT}
# run children → text (anything else in a run: drawings, text boxes, field codes, is left out)
RUN_TEXT = {W + "tab": "\t", W + "ptab": "\t", W + "noBreakHyphen": "-", W + "softHyphen": "",
            W + "cr": " ", W + "br": " "}
BR = W + "br"
COMMENT_START, COMMENT_END = W + "commentRangeStart", W + "commentRangeEnd"
TOC_STYLE = re.compile(r"(?i)^(toc\s*\d|目录\s*\d)")
CHUNK = 1024 * 1024  # bytes decompressed at a time, counted against the limits
CAREFUL = {W + "txbxContent", W + "vanish", MC_ALTERNATE, W + "pict", W + "drawing", W + "object"}
FAST_TAGS = {T, *RUN_TEXT, *CAREFUL}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORD_TYPES = ("wordprocessingml.document.main", "ms-word.document.macroenabled.main",
              "wordprocessingml.template.main", "ms-word.template.macroenabledtemplate.main")
TRANSITIONAL_W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"


def read_docx(path: str, limits: Limits = DEFAULT) -> Document:
    body, styles, numbering, comments = _open(path, limits)
    builder = _Builder(_Styles(styles), _Numbering(numbering, limits), limits)
    builder.ignores = _ignore_comments(comments)
    builder.blocks(body)
    if not builder.lines:
        raise EmptyInput("empty .docx (the document body holds no paragraph or table)")
    doc = Document(path=path, format="docx", lines=builder.lines)
    doc.tables = builder.tables
    doc.suppressions = builder.suppressions
    return doc


def _ignore_comments(root) -> dict[str, tuple[str, ...]]:
    """{comment id: rule codes} of the review comments reading "budgetlint: ignore [codes]"
    (linter.suppress); the text they are anchored on is accepted for those rules."""
    if root is None:
        return {}
    from ..suppress import codes_of

    out = {}
    for c in root.iter(W + "comment"):
        codes = codes_of("".join(t.text or "" for t in c.iter(T)))
        if codes is not None:
            out[c.get(W + "id")] = codes
    return out


# --- opening ---------------------------------------------------------------------------

def _open(path: str, limits: Limits):
    """(body element, styles root or None, numbering root or None); InputError otherwise."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise InputError("encrypted or legacy .doc file (an OLE compound file, not a .docx zip package)")
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK\x03\x04"):
            raise InputError("corrupt .docx: truncated or damaged zip archive (no central directory)")
        raise InputError("not a valid .docx (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as z:
            package = _Package(z, limits)
            main = package.target("", "/officeDocument") or package.find("word/document.xml")
            if main is None:
                raise InputError("not a valid .docx (no main document part)")
            ctype = package.content_type(main)
            if not any(t in ctype for t in WORD_TYPES):
                raise InputError(f"not a valid .docx (its main part is '{ctype or 'of unknown type'}', "
                                 "not a Word document)")
            root = package.parse(main)
            body = root.find(W + "body")
            if body is None:
                raise InputError("corrupt .docx: the document part has no body")
            styles = package.target(main, "/styles")
            numbering = package.target(main, "/numbering")
            comments = package.target(main, "/comments")
            return (body, package.parse(styles, _paragraph_styles) if styles else None,
                    package.parse(numbering) if numbering else None,
                    package.parse(comments) if comments else None)
    except InputError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # zipfile, zlib and XML errors all mean a broken package
        raise InputError(f"corrupt .docx: {type(exc).__name__}: {_one_line(exc)}") from None


class _Package:
    """The few Open Packaging Conventions a reader needs: part names are case-insensitive,
    [Content_Types].xml types them, a part's _rels/<name>.rels lead to related parts."""

    def __init__(self, z: zipfile.ZipFile, limits: Limits):
        self.z = z
        self.limits = limits
        self.decompressed = 0  # bytes of every part read so far
        self.names = {n.lower(): n for n in z.namelist()}
        if "[content_types].xml" not in self.names:
            raise InputError("not a valid .docx (no [Content_Types].xml: not an Office Open XML package)")
        types = ET.fromstring(self.read(self.names["[content_types].xml"]))
        self.defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in types
                         if d.tag.endswith("Default")}
        self.overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "") for o in types
                          if o.tag.endswith("Override")}

    def find(self, name: str) -> str | None:
        return self.names.get(name.lstrip("/").lower())

    def content_type(self, name: str) -> str:
        key = name.lower()
        ctype = self.overrides.get(key) or self.defaults.get(key.rsplit(".", 1)[-1], "")
        return ctype.lower()

    def target(self, source: str, reltype_suffix: str) -> str | None:
        """The part that `source` ('' for the package) relates to by a relationship type
        ending in `reltype_suffix` (transitional and strict namespaces alike)."""
        folder, _, base = source.rpartition("/")
        rels = self.find(posixpath.join(folder, "_rels", base + ".rels"))
        if rels is None:
            return None
        for rel in ET.fromstring(self.read(rels)):
            if rel.get("TargetMode") == "External" or not rel.get("Type", "").endswith(reltype_suffix):
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found = self.find(name)
            if found is not None:
                return found
        return None

    def read(self, name: str) -> bytes:
        """The part's bytes, counted as they come out of the decompressor: the sizes a zip
        states for itself are not believed, and reading stops at the first byte past a limit."""
        part_limit = self.limits.max_zip_part_bytes
        chunks, size = [], 0
        with self.z.open(name) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                self.decompressed += len(chunk)
                if size > part_limit:
                    raise exceeded(f"zip part {name} larger than {part_limit} bytes decompressed",
                                   "max_zip_part_bytes")
                if self.decompressed > self.limits.max_decompressed_bytes:
                    raise exceeded(f"zip parts larger than {self.limits.max_decompressed_bytes} bytes "
                                   "decompressed in total", "max_decompressed_bytes")
                chunks.append(chunk)
        return b"".join(chunks)

    def parse(self, name: str, select=None):
        data = self.read(name)
        if STRICT_W in data:  # ISO 29500 Strict: same vocabulary, another namespace
            data = data.replace(STRICT_W, TRANSITIONAL_W)
        if select is not None:
            try:
                return ET.fromstring(select(data))
            except (ValueError, ET.ParseError):
                pass  # not the usual layout: parse it whole
        return ET.fromstring(data)


def _paragraph_styles(data: bytes) -> bytes:
    """styles.xml cut down to its paragraph styles: most of the part is table and character
    styles with their formatting, and parsing only what is read halves the cost."""
    start = data.index(b"<w:styles")
    root_end = data.index(b">", start) + 1
    out = [data[start:root_end]]
    pos = root_end
    while True:
        i = data.find(b"<w:style ", pos)
        if i < 0:
            break
        head_end = data.index(b">", i)
        if data[head_end - 1:head_end] == b"/":
            pos = head_end + 1
            continue
        j = data.index(b"</w:style>", head_end) + len(b"</w:style>")
        head = data[i:head_end]
        if b'w:type="paragraph"' in head or b"w:type=" not in head:
            out.append(data[i:j])
        pos = j
    out.append(b"</w:styles>")
    return b"".join(out)


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__


def _val(el, tag: str, default=None):
    child = el.find(tag) if el is not None else None
    if child is None:
        return default
    v = child.get(VAL)
    return default if v is None else v


def _int(v, default: int = 0) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


# --- styles ----------------------------------------------------------------------------

class _Styles:
    """Paragraph style names and the numbering a style (or its ancestors) carries."""

    def __init__(self, root):
        self.names: dict[str, str] = {}
        self.based: dict[str, str] = {}
        self.numpr: dict[str, tuple[str | None, str | None]] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iterfind(W + "style"):
            if st.get(W + "type", "paragraph") != "paragraph":
                continue
            sid = st.get(W + "styleId")
            if sid is None:
                continue
            name = _val(st, W + "name", sid)
            if name[:1].islower() and name.isascii():
                name = name[0].upper() + name[1:]  # built-in names: 'heading 1' shows as 'Heading 1'
            self.names[sid] = name
            based = _val(st, W + "basedOn")
            if based:
                self.based[sid] = based
            ppr = st.find(PPR)
            num = ppr.find(W + "numPr") if ppr is not None else None
            if num is not None:
                self.numpr[sid] = (_val(num, W + "numId"), _val(num, W + "ilvl"))
            if st.get(W + "default") in ("1", "true", "on"):
                self.default = sid

    def name(self, sid: str | None) -> str | None:
        sid = sid or self.default
        return self.names.get(sid, sid) if sid else None

    def numbering(self, sid: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) inherited through basedOn; ilvl None when the style gives none."""
        sid, seen = sid or self.default, set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.numpr:
                return self.numpr[sid]
            sid = self.based.get(sid)
        return None, None


# --- automatic numbering ---------------------------------------------------------------

CN_DIGITS = "零一二三四五六七八九"
LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
TIANGAN = "甲乙丙丁戊己庚辛壬癸"
DIZHI = "子丑寅卯辰巳午未申酉戌亥"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
IDEO_CIRCLED = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
LEVEL_REF = re.compile(r"%([1-9])")


def _chinese(n: int, digits: str = CN_DIGITS, units: str = "十百千") -> str:
    """Chinese counting as Word prints it: 十, 十一, 二十, 一百零一, 一千零一十."""
    if n <= 0 or n >= 10000:
        return str(n)
    parts, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        parts.append(digits[d] + unit)
    text = "".join(parts)
    if 10 <= n < 20 and digits is CN_DIGITS:
        text = text[1:]  # 十一, not 一十一
    return text


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _table(n: int, symbols: str) -> str:
    return symbols[n - 1] if 1 <= n <= len(symbols) else str(n)


def format_number(n: int, fmt: str) -> str:
    """A counter value in a Word numFmt (unknown formats print as decimal)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, LEGAL_DIGITS, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "koreanDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(c)] for c in str(n))
    if fmt == "ideographTraditional":
        return _table(n, TIANGAN)
    if fmt == "ideographZodiac":
        return _table(n, DIZHI)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _table(n, CIRCLED)
    if fmt == "ideographEnclosedCircle":
        return _table(n, IDEO_CIRCLED)
    if fmt == "decimalEnclosedParen":
        return _table(n, PAREN)
    if fmt == "decimalEnclosedFullstop":
        return _table(n, FULLSTOP)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(c)) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "none":
        return ""
    return str(n)


class _Level:
    __slots__ = ("start", "fmt", "text", "restart", "legal", "suff", "pstyle")

    def __init__(self, lvl):
        self.start = _int(_val(lvl, W + "start", 1), 1)
        self.fmt = _val(lvl, W + "numFmt", "decimal")
        self.text = _val(lvl, W + "lvlText", None)
        self.restart = _val(lvl, W + "lvlRestart", None)
        legal = lvl.find(W + "isLgl")
        self.legal = legal is not None and legal.get(VAL, "1") not in ("0", "false", "off")
        self.suff = _val(lvl, W + "suff", "tab")
        self.pstyle = _val(lvl, W + "pStyle", None)


class _Numbering:
    """numbering.xml: the numbers a reader sees. Counters belong to the abstract definition
    (lists sharing one continue each other, as in Word); a w:num's startOverride restarts
    its level the first time that list is used."""

    def __init__(self, root, limits: Limits = DEFAULT):
        self.limits = limits
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_key: dict[str, str] = {}
        self.num_abstract: dict[str, str] = {}
        self.num_levels: dict[str, dict[int, _Level]] = {}
        self.num_starts: dict[str, dict[int, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        self.style_links: dict[str, str] = {}  # abstract id → numbering style it follows
        if root is None:
            return
        for ab in root.iterfind(W + "abstractNum"):
            aid = ab.get(W + "abstractNumId")
            self.abstract[aid] = {_int(lvl.get(W + "ilvl")): _Level(lvl) for lvl in ab.iterfind(W + "lvl")}
            self.abstract_key[aid] = _val(ab, W + "nsid", None) or aid
            link = _val(ab, W + "numStyleLink", None)
            if link:
                self.style_links[aid] = link
        style_abstract = {}
        for ab in root.iterfind(W + "abstractNum"):
            link = _val(ab, W + "styleLink", None)
            if link:
                style_abstract[link] = ab.get(W + "abstractNumId")
        for num in root.iterfind(W + "num"):
            nid = num.get(W + "numId")
            aid = _val(num, W + "abstractNumId")
            if aid in self.style_links and self.style_links[aid] in style_abstract:
                aid = style_abstract[self.style_links[aid]]
            if aid not in self.abstract:
                continue
            self.num_abstract[nid] = aid
            levels = dict(self.abstract[aid])
            starts = {}
            for ov in num.iterfind(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl"))
                so = ov.find(W + "startOverride")
                if so is not None:
                    starts[ilvl] = _int(so.get(VAL), 1)
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _Level(lvl)
            self.num_levels[nid] = levels
            self.num_starts[nid] = starts

    def level_of_style(self, num_id: str, style_id: str | None) -> int:
        for ilvl, lvl in self.num_levels.get(num_id, {}).items():
            if style_id and lvl.pstyle == style_id:
                return ilvl
        return 0

    def next(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list and return the printed number ('一、', '（1）'), or None for
        bullets, unknown lists and levels without a number."""
        levels = self.num_levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        key = self.abstract_key[self.num_abstract[num_id]]
        counters = self.counters.setdefault(key, {})
        starts = self.num_starts[num_id]
        if num_id not in self.used:
            self.used.add(num_id)
            for level in starts:
                counters.pop(level, None)

        def start(level: int) -> int:
            if level in starts:
                return starts[level]
            return levels[level].start if level in levels else 1

        lvl = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (_int(restart, 0) > 0 and ilvl <= _int(restart) - 1):
                del counters[deeper]
        if lvl.fmt == "bullet" or lvl.text is None:
            return None
        if len(lvl.text) > self.limits.max_numbering_text:
            # each %n is a number printed before every paragraph of the list
            raise exceeded(f"numbering level text longer than {self.limits.max_numbering_text} characters",
                           "max_numbering_text")

        def value(m) -> str:
            level = int(m.group(1)) - 1
            n = counters.get(level, start(level))
            fmt = levels[level].fmt if level in levels and not lvl.legal else "decimal"
            return format_number(n, fmt)

        text = LEVEL_REF.sub(value, lvl.text)
        if not text.strip():
            return None
        if lvl.suff != "nothing" and text[-1] not in "、，．。：:）)】」":
            text += " "  # Word puts a tab or space after a number like '1.'
        return text


# --- the body walk ---------------------------------------------------------------------

class _Builder:
    def __init__(self, styles: _Styles, numbering: _Numbering, limits: Limits = DEFAULT):
        self.limits = limits
        self.styles = styles
        self.numbering = numbering
        self.lines: list[Line] = []
        self.tables: list[Table] = []
        self.word_tables = 0  # body tables as Word counts them, empty ones included
        self.page_top = True  # nothing printed since the last page break
        self.ignores: dict[str, tuple[str, ...]] = {}  # "budgetlint: ignore" comments by id
        self.open_ignores: dict[str, tuple[int, int]] = {}  # comment id → where its range starts
        self.suppressions: list[Suppression] = []

    def blocks(self, parent) -> None:
        for el in _blocks(parent, self.limits):
            if el.tag == P:
                self.paragraph(el)
            else:
                self.table(el)

    # paragraphs

    def text(self, p) -> tuple[str, str | None, bool]:
        """(text as a reader sees it, style id, numbered automatically)."""
        ppr = p.find(PPR)
        sid = _val(ppr, W + "pStyle") if ppr is not None else None
        text = _paragraph_text(p, self.limits)
        prefix = self._number(ppr, sid)
        if prefix:
            return prefix + text.lstrip(), sid, True
        return text, sid, False

    def _number(self, ppr, sid) -> str | None:
        numbering = self.numbering
        if not numbering.num_levels:
            return None
        num = ppr.find(W + "numPr") if ppr is not None else None
        style_num, style_lvl = self.styles.numbering(sid)
        num_id = _val(num, W + "numId") if num is not None else None
        ilvl = _val(num, W + "ilvl") if num is not None else None
        if num_id is None:
            num_id = style_num
        if ilvl is None:
            ilvl = style_lvl
        if not num_id or num_id == "0":
            return None
        level = _int(ilvl) if ilvl is not None else numbering.level_of_style(num_id, sid or self.styles.default)
        return numbering.next(num_id, level)

    def paragraph(self, p) -> None:
        text, sid, auto = self.text(p)
        style = self.styles.name(sid)
        kind = "text"
        if not text.strip():
            kind = "blank"
        elif FURNITURE.match(text) or (style and TOC_STYLE.match(style)):
            kind = "furniture"  # page numbers, and the table of contents' entries
        breaks = self.page_breaks(p, len(text) - len(_paragraph_text(p, self.limits)) if auto else 0, len(text))
        self.lines.append(Line(number=len(self.lines) + 1, text=text, kind=kind, style=style, auto_number=auto,
                               hard_breaks=breaks))
        if breaks:
            self.page_top = breaks[-1] == len(text) or not text[breaks[-1]:].strip()
        elif text.strip():
            self.page_top = False
        if self.ignores:
            shift = len(text) - len(_paragraph_text(p, self.limits)) if auto else 0
            self.comment_marks(p, len(self.lines), lambda pos, start: shift + pos + 1)

    def page_breaks(self, p, shift: int, length: int) -> tuple[int, ...]:
        """Where the author's page breaks fall in the paragraph's text: at 0 for a paragraph
        set to start a page (unless a break already put it at the top of one), at each
        page-break run, and at the end when the paragraph closes a section that goes on on a
        new page (a section break of type nextPage, the default, oddPage or evenPage)."""
        out: list[int] = []
        ppr = p.find(PPR)
        if ppr is not None:
            before = ppr.find(W + "pageBreakBefore")
            if before is not None and before.get(VAL, "1") not in ("0", "false", "off") and not self.page_top:
                out.append(0)
        pos = shift
        for el in p.iter():
            tag = el.tag
            if tag == T:
                pos += len(el.text or "")
            elif tag == BR and el.get(W + "type") == "page":
                out.append(min(pos, length))
            elif tag in RUN_TEXT and tag != BR or tag == BR and el.get(W + "type") != "column":
                pos += len(RUN_TEXT[tag])
        sect = ppr.find(W + "sectPr") if ppr is not None else None
        if sect is not None and _val(sect, W + "type", "nextPage") in ("nextPage", "oddPage", "evenPage"):
            out.append(length)
        return tuple(out)

    def comment_marks(self, el, line: int, column) -> None:
        """Open and close the ranges of "budgetlint: ignore" comments met in el, on text-view
        line `line`; column(pos, is_start) turns a text offset in el into a line column."""
        pos = 0
        for child in el.iter():
            tag = child.tag
            if tag == T:
                pos += len(child.text or "")
            elif tag in RUN_TEXT:
                pos += len(RUN_TEXT[tag])
            elif tag == COMMENT_START and child.get(W + "id") in self.ignores:
                self.open_ignores[child.get(W + "id")] = (line, column(pos, True))
            elif tag == COMMENT_END and child.get(W + "id") in self.open_ignores:
                cid = child.get(W + "id")
                start_line, start_col = self.open_ignores.pop(cid)
                self.suppressions.append(Suppression(start_line, start_col, line, column(pos, False),
                                                     self.ignores[cid]))

    # tables

    def table(self, tbl) -> None:
        self.word_tables += 1
        self.page_top = False
        rows: list[list[Cell]] = []
        open_merge: dict[int, Cell] = {}  # grid column → cell whose vMerge run is open
        limits = self.limits
        for tr in _children(tbl, TR, limits):
            line_no = len(self.lines) + 1
            r = len(rows)
            check_rows(r + 1, limits)
            trpr = tr.find(TRPR)
            col = max(_int(_val(trpr, W + "gridBefore", 0)), 0) if trpr is not None else 0
            check_columns(col, limits)
            cells: list[Cell] = []
            pieces: list[str] = []
            pos = 0
            covered: set[int] = set()
            for ordinal, tc in enumerate(_children(tr, TC, limits), 1):
                span, vmerge, hmerge = 1, None, None
                tcpr = tc.find(TCPR)
                if tcpr is not None:
                    for prop in tcpr:
                        if prop.tag == GRID_SPAN:
                            span = max(_int(prop.get(VAL), 1), 1)
                            check_columns(col + span, limits)  # before any range over the span
                        elif prop.tag == V_MERGE:
                            vmerge = prop.get(VAL, "continue")
                        elif prop.tag == H_MERGE:
                            hmerge = prop.get(VAL, "continue")
                paras = self.cell_paragraphs(tc)
                if vmerge == "continue" and col in open_merge:
                    open_merge[col].rowspan += 1
                    covered.update(range(col, col + span))
                    col += span
                    continue
                if hmerge == "continue" and cells \
                        and cells[-1].col + cells[-1].colspan == col:
                    cells[-1].colspan += span
                    col += span
                    continue
                if open_merge:
                    for k in range(col, col + span):
                        open_merge.pop(k, None)
                if pieces:
                    pos += 1  # the TAB before this cell
                cell = Cell(text="\n".join(paras), row=r, col=col, line=line_no, column=pos + 1, colspan=span,
                            place=(self.word_tables, r + 1, ordinal))
                if vmerge is not None:
                    open_merge[col] = cell
                shown = " ".join(paras)
                if self.ignores:  # a comment in a cell covers the cell's text on the row's line
                    self.comment_marks(tc, line_no, lambda _, start, c=cell, n=len(shown): c.column + (0 if start else n))
                pieces.append(shown)
                pos += len(shown)
                cells.append(cell)
                covered.update(range(col, col + span))
                col += span
            for k in [k for k in open_merge if k not in covered] if open_merge else ():
                del open_merge[k]  # a column this row does not reach ends its merge
            rows.append(cells)
            self.lines.append(Line(number=line_no, text="\t".join(pieces), kind="table"))
        if rows:
            # a table split from the previous one by empty paragraphs only is joined again by
            # the structure pass, as for every format; Cell.place keeps Word's own count
            self.tables.append(Table(index=len(self.tables) + 1, rows=rows))

    def cell_paragraphs(self, tc) -> list[str]:
        """Non-empty paragraphs of a cell, nested tables' rows included (their cells joined
        by a space), each stripped. Walked with a stack, not recursion: a nested row's text
        collects on `rows` until its last cell ends."""
        limits = self.limits
        rows: list[list[str]] = [[]]  # rows[0]: the cell's own paragraphs
        # (iterator, whether its end closes a nested row)
        stack = [(_blocks(tc, limits), False)]
        while stack:
            items, closes_row = stack[-1]
            el = next(items, None)
            if el is None:
                stack.pop()
                if closes_row:
                    row = rows.pop()
                    if row:
                        rows[-1].append(" ".join(row))
                continue
            tag = el.tag
            if tag == P:
                text = self.text(el)[0].strip()
                if text:
                    rows[-1].append(" ".join(text.split("\t")))
            elif tag == TBL:
                check_depth(len(rows), limits, "tables")
                stack.append((_children(el, TR, limits), False))
            elif tag == TR:
                rows.append([])
                stack.append((_children(el, TC, limits), True))
            else:  # a nested cell
                stack.append((_blocks(el, limits), False))
        return rows[0]


WRAPPERS = (SDT, SDT_CONTENT, CUSTOM_XML)


def _blocks(parent, limits: Limits = DEFAULT):
    """w:p and w:tbl children, through content controls and custom XML wrappers."""
    return _through_wrappers(parent, (P, TBL), limits)


def _children(parent, want: str, limits: Limits = DEFAULT):
    """Children with tag `want`, through content controls and custom XML wrappers."""
    return _through_wrappers(parent, (want,), limits)


def _through_wrappers(parent, wanted: tuple[str, ...], limits: Limits):
    """Children whose tag is in `wanted`, in document order, looking inside content
    controls and custom XML however deep (a stack, not recursion: a deep nest must not
    exhaust Python's stack), up to the nesting limit."""
    stack = [iter(parent)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if tag in wanted:
            yield el
        elif tag in WRAPPERS:
            check_depth(len(stack), limits, "content controls")
            stack.append(iter(el))


def _paragraph_text(p, limits: Limits = DEFAULT) -> str:
    """The paragraph's visible text. Fast path: one pass over the text elements in C; a
    paragraph holding a text box, hidden text or alternate content takes the careful walk."""
    parts: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag not in FAST_TAGS:
            continue
        if tag == T:
            if el.text:
                parts.append(el.text)
        elif tag in CAREFUL:
            parts = []
            _runs(p, parts, limits)
            break
        elif tag != BR or el.get(W + "type") not in ("page", "column"):
            parts.append(RUN_TEXT[tag])
    return "".join(parts)


def _runs(parent, parts: list[str], limits: Limits = DEFAULT) -> None:
    """The visible text of the runs below `parent`, through hyperlinks, insertions, content
    controls and the like however deep (a stack, not recursion), up to the nesting limit."""
    stack = [iter(parent)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if tag == R:
            rpr = el.find(RPR)
            if rpr is not None:
                hidden = rpr.find(W + "vanish")
                if hidden is not None and hidden.get(VAL, "1") not in ("0", "false", "off"):
                    continue
            for c in el:
                ctag = c.tag
                if ctag == T:
                    if c.text:
                        parts.append(c.text)
                elif ctag in RUN_TEXT:
                    if ctag == W + "br" and c.get(W + "type") in ("page", "column"):
                        continue
                    parts.append(RUN_TEXT[ctag])
        elif tag in INLINE:
            check_depth(len(stack), limits, "hyperlinks or content controls")
            stack.append(iter(el))

"""PDF reader: pypdfium2 (PDFium) for characters with their boxes and for the ruling lines
(path objects); table grids are built here from the rulings.

Each page is loaded once, read, and closed before the next one, so memory stays flat on
long documents. A page is read in the direction of its glyphs (a landscape table drawn
sideways under /Rotate reads upright), and only the text it shows (outside the crop box
or the text's clipping path is left out). The text view: per page, in reading order (top
to bottom), ordinary text lines and one line per table row, the row's cells joined by
TAB. Wrapped lines of one paragraph are joined, also over page breaks (the joined line
records the page of each part, Line.page_breaks): a line wraps only when the next line's
first unbreakable run would not have fitted at the right edge of the text block; an
indented line, a line after paragraph spacing, another font size, a numbered item after
a finished sentence and a table-of-contents entry start anew. Repeated page
headers/footers and page numbers are kept as 'furniture' lines. A ruled table continued
on the next page (same columns, nothing but furniture between) is joined into one Table,
header rows repeated on the continuation page dropped.

Spacing follows the glyph geometry, never the PDF's own space characters: a gap between
two Latin letters or digits wide enough is a space; next to a CJK character only a gap
wider than ~1.5 em is (so `2025 年` reads `2025年`). A cell's wrapped lines are joined
without a space when either side is CJK or when a number was broken (`107.5` / `4`).
"""
from __future__ import annotations

import ctypes
import math
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import regex

from ..limits import DEFAULT, Limits, exceeded
from ..model import Cell, Document, InputError, Line, Table

SNAP = 2.5  # pt: rulings closer than this are one line
MIN_RULE = 3.0  # pt: shorter axis-aligned segments are glyph parts or ticks, not rulings
CJK = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019]")
LIST_MARK = regex.compile(r"^(\d{1,2}[.、．]|[（(]\d{1,2}[）)]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
PAGE_NUMBER = regex.compile(r"^\s*(page number|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*第\s*\d+\s*页|"
                            r"[-—–－]?\s*\d{1,4}\s*[-—–－]?|\d+\s*/\s*\d+|page\s*\d+(\s*of\s*\d+)?)\s*$", regex.I)
NUMBER_END = regex.compile(r"[\d.,，]$")
NUMBER_START = regex.compile(r"^[\d.,%]")


# --- per-page raw material --------------------------------------------------------------

@dataclass
class Char:
    ch: str
    x0: float
    x1: float
    top: float
    bottom: float
    box: tuple[float, float, float, float] | None = None  # in PDF user space, for Line.boxes

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def h(self) -> float:
        return self.bottom - self.top


@dataclass
class TextLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    furniture: bool = False
    last_top: float = -1.0  # top of the last visual line (after paragraph joining)
    h: float = 0.0  # height of the first visual line
    last_h: float = 0.0  # height of the last visual line
    lead: float = 0.0  # width of the first unbreakable run of the first visual line
    last_gap: float = -1e9  # gap above the last visual line (after paragraph joining)
    last_x0: float = 0.0  # left end of the last visual line
    breaks: list[tuple[int, int]] = field(default_factory=list)  # (1-based column, page) joined over pages
    boxes: array = field(default_factory=lambda: array("f"))  # 4 floats per character of text, as Line.boxes


@dataclass
class RawCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    full_tail: bool = False  # the last visual line reaches the cell's right edge (wrapped text)
    boxes: array = field(default_factory=lambda: array("f"))  # 4 floats per character of text, as Line.boxes


@dataclass
class RawTable:
    xs: list[float]  # column boundaries
    ys: list[float]  # row boundaries (top-down)
    cells: list[RawCell]
    page: int
    top: float
    bottom: float
    continued: bool = False  # joined onto the previous page's table


@dataclass
class PageData:
    number: int
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    chars: int = 0
    glyphs: int = 0  # characters PDFium found, shown or not
    images: int = 0
    drawings: int = 0  # filled areas and curves: a chart or a seal drawn as vectors (not table rulings)


def read_pdf(path: str, limits: Limits = DEFAULT) -> Document:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfraw

    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise InputError("not a PDF file (no %PDF header)")
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfraw.FPDF_ERR_PASSWORD, pdfraw.FPDF_ERR_SECURITY):
            raise InputError("encrypted PDF") from None
        raise InputError("corrupt or truncated PDF (cannot be parsed)") from None
    try:
        pages: list[PageData] = []
        broken: list[str] = []  # "page N (cause)": the other pages are still read
        total = len(pdf)
        if total == 0:
            raise InputError("PDF has no pages")
        if total > limits.max_pages:
            raise exceeded(f"PDF of {total} pages, more than {limits.max_pages}", "max_pages")
        for i in range(total):
            try:
                page = pdf[i]
            except pdfium.PdfiumError:
                broken.append(f"page {i + 1} (cannot be parsed)")
                continue
            try:
                pages.append(_read_page(page, i + 1, pdfraw, limits))
            except pdfium.PdfiumError as exc:
                broken.append(f"page {i + 1} ({exc})")
            finally:
                page.close()
    finally:
        pdf.close()
    if not pages:
        raise InputError(f"corrupt PDF: no page can be read ({broken[0]}{' …' if len(broken) > 1 else ''})")
    if sum(p.chars for p in pages) == 0:
        glyphs = sum(p.glyphs for p in pages)
        if glyphs:  # the text is there, the crop test left none of it
            raise InputError(f"text outside the page: none of the {glyphs} characters of the text layer is "
                             "drawn inside the page's visible area (crop box)")
        if any(p.images for p in pages):
            raise InputError("no text layer (scanned PDF?)")
        raise InputError("no text layer (the pages hold no characters)")
    doc = _assemble(path, pages)
    if broken:
        doc.warnings.append(f"PDF pages that cannot be read, the others were checked: {', '.join(broken[:10])}"
                            + (" …" if len(broken) > 10 else ""))
    # a page without text that shows an image or a drawing is not blank (a chart, a scanned seal)
    doc.graphic_pages = {p.number for p in pages if p.chars == 0 and (p.images or p.drawings)}
    empty = [p.number for p in pages if p.chars == 0 and p.images]
    if empty:
        doc.warnings.append(f"pages without a text layer (scanned?): {', '.join(map(str, empty[:10]))}"
                            + (" …" if len(empty) > 10 else ""))
    return doc


def _read_page(page, number: int, pdfraw, limits: Limits = DEFAULT) -> PageData:
    shown = page.get_rotation() % 360
    width, height = page.get_size()  # as displayed, i.e. after /Rotate
    if shown in (90, 270):
        width, height = height, width  # the unrotated media box
    tp = page.get_textpage()
    try:
        glyphs = pdfraw.FPDFText_CountChars(tp.raw)
        if glyphs > limits.max_glyphs_per_page:  # counted before any of them is looked at
            raise exceeded(f"page {number} draws {glyphs} characters, more than {limits.max_glyphs_per_page}",
                           "max_glyphs_per_page")
        rotation = _reading_rotation(tp.raw, pdfraw, shown)
        to_view = _view_transform(rotation, width, height)
        chars = _chars(tp.raw, pdfraw, to_view, rotation, page)
    finally:
        tp.close()
    data = PageData(number=number, width=width, height=height)
    if rotation in (90, 270):
        data.width, data.height = height, width
    data.chars = len(chars)
    data.glyphs = glyphs
    hs, vs, data.images, data.drawings = _rulings(page, pdfraw, to_view)
    tables = _tables(hs, vs, number)
    rest: list[Char] = chars
    if tables:
        rest = []
        buckets: list[dict[int, list[Char]]] = [defaultdict(list) for _ in tables]
        for c in chars:
            cx, cy = (c.x0 + c.x1) / 2, c.cy
            for t, b in zip(tables, buckets):
                if t.xs[0] - 1 <= cx <= t.xs[-1] + 1 and t.ys[0] - 1 <= cy <= t.ys[-1] + 1:
                    r = min(max(bisect_right(t.ys, cy) - 1, 0), len(t.ys) - 2)
                    k = min(max(bisect_right(t.xs, cx) - 1, 0), len(t.xs) - 2)
                    b[t.region[r][k]].append(c)  # type: ignore[attr-defined]
                    break
            else:
                rest.append(c)
        for t, b in zip(tables, buckets):
            for cell in t.cells:
                chars_in = b.get(cell.id)  # type: ignore[attr-defined]
                if chars_in:
                    cell.text, tail, cell.boxes = _cell_text(chars_in)
                    right = t.xs[cell.col + cell.colspan]
                    cell.full_tail = right - tail.x1 <= 2.5 * (tail.bottom - tail.top)
            del t.region  # type: ignore[attr-defined]
    data.tables = [t for t in tables if any(c.text for c in t.cells)]
    data.lines = [_line_of(g) for g in _group_lines(rest)]  # paragraphs joined later
    return data


def _reading_rotation(raw, pdfraw, shown: int) -> int:
    """The rotation that makes the page's text upright: the direction of most glyphs'
    baselines (sampled), whatever /Rotate says; /Rotate when the page has no text. A
    landscape table drawn sideways on a portrait page with /Rotate 90 reads like the
    displayed page; an upright page given a stray /Rotate still reads upright."""
    n = pdfraw.FPDFText_CountChars(raw)
    if n <= 0:
        return shown
    votes: Counter = Counter()
    step = max(1, n // 200)
    for i in range(0, n, step):
        a = pdfraw.FPDFText_GetCharAngle(raw, i)
        if a >= 0 and pdfraw.FPDFText_GetUnicode(raw, i) > 32:
            votes[-round(math.degrees(a) / 90) % 4 * 90] += 1  # PDFium's angle turns clockwise
    return votes.most_common(1)[0][0] if votes else shown


def _view_transform(rotation: int, w: float, h: float):
    """Page space (y up, media box w × h) → reading space (y down, text upright): the
    page as displayed when /Rotate is `rotation` (clockwise)."""
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (w - x, y)
    if rotation == 270:
        return lambda x, y: (h - y, w - x)
    return lambda x, y: (x, h - y)


def glyph_em(font_size: float, matrix: tuple[float, float, float, float]) -> float:
    """The em of a glyph drawn with text matrix (a, b, c, d): the length of its vertical
    basis vector (c, d). `a` also carries horizontal scaling (Tz), so sqrt(|ad − bc|) would
    make stretched text look √2 too tall at Tz 200."""
    return font_size * math.hypot(matrix[2], matrix[3])


def _chars(raw, pdfraw, to_view, rotation: int = 0, page=None) -> list[Char]:
    """Characters with their boxes in viewing space. The box is PDFium's loose box (the
    font's ascent to descent); when that is not about one em tall (a Latin font with a
    huge ascent, or a CJK font without metrics, whose loose box is the glyph's ink), the
    box is rebuilt from the baseline and the font size, so every glyph of one text line
    shares one vertical extent whatever its font.

    Text the page does not show is left out: outside the crop box, and, on a page with
    such text (a word processor that writes a whole section on every page and clips it
    to the page's part), outside the text object's clipping path."""
    n = pdfraw.FPDFText_CountChars(raw)
    rect = pdfraw.FS_RECTF()
    pr = ctypes.byref(rect)
    mat = pdfraw.FS_MATRIX()
    pm = ctypes.byref(mat)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    po, pyy = ctypes.byref(ox), ctypes.byref(oy)
    get_u = pdfraw.FPDFText_GetUnicode
    loose = pdfraw.FPDFText_GetLooseCharBox
    font_size = pdfraw.FPDFText_GetFontSize
    get_matrix = pdfraw.FPDFText_GetMatrix
    origin = pdfraw.FPDFText_GetCharOrigin
    upright = rotation in (0, 180)
    last_h, em, odd = None, 0.0, False
    if page is not None:
        cl, cb, cr, ct = page.get_cropbox()  # as the file writes it: corners in either order
        cl, cr = min(cl, cr), max(cl, cr)
        cb, ct = min(cb, ct), max(cb, ct)
    else:
        cl = cb = -1e9
        cr = ct = 1e9
    outside = False
    index: list[int] = []
    out: list[Char] = []
    for i in range(n):
        u = get_u(raw, i)
        if u == 2:
            u = 0x2D  # PDFium reports a hyphen that ends a line as 0x02; in CJK text it is a real one
        if u <= 32 or u in (0xA0, 0x3000, 0xFFFE, 0xFFFF) or 0xD800 <= u <= 0xDFFF:
            continue
        if not loose(raw, i, pr):
            continue
        if not (cl <= (rect.left + rect.right) / 2 <= cr and cb <= (rect.top + rect.bottom) / 2 <= ct):
            outside = True
            continue
        x0, y0 = to_view(rect.left, rect.top)
        x1, y1 = to_view(rect.right, rect.bottom)
        if x0 > x1:
            x0, x1 = x1, x0
        if y0 > y1:
            y0, y1 = y1, y0
        if y1 - y0 <= 0.1:
            continue
        h = (rect.top - rect.bottom) if upright else (rect.right - rect.left)
        if h != last_h:  # a run of one font and size has one loose height: ask once
            last_h, em = h, 0.0
            if get_matrix(raw, i, pm):
                em = glyph_em(font_size(raw, i), (mat.a, mat.b, mat.c, mat.d))
            odd = em > 0.5 and not 0.75 * em <= abs(h) <= 1.35 * em
        box = (rect.left, rect.bottom, rect.right, rect.top)
        if odd and origin(raw, i, po, pyy):
            bx, by = to_view(ox.value, oy.value)
            y0, y1 = by - 0.88 * em, by + 0.12 * em  # ascent and descent of a CJK face
            if rotation == 0:
                box = (rect.left, oy.value - 0.12 * em, rect.right, oy.value + 0.88 * em)
        out.append(Char(chr(u), x0, x1, y0, y1, box))
        index.append(i)
    if outside and out:
        out = _unclipped(raw, pdfraw, page, to_view, out, index)
    return out


def _clip_boxes(page, pdfraw) -> dict[int, tuple[float, float, float, float]]:
    """Clipping boxes (page space) of the page's own text objects that the clip cuts:
    the intersection of the bounding boxes of the clip's paths."""
    raw = page.raw
    px, py = ctypes.c_float(), ctypes.c_float()
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    out: dict[int, tuple[float, float, float, float]] = {}
    for k in range(pdfraw.FPDFPage_CountObjects(raw)):
        obj = pdfraw.FPDFPage_GetObject(raw, k)
        if pdfraw.FPDFPageObj_GetType(obj) != pdfraw.FPDF_PAGEOBJ_TEXT:
            continue
        clip = pdfraw.FPDFPageObj_GetClipPath(obj)
        if not clip:
            continue
        box = [-1e9, -1e9, 1e9, 1e9]
        for i in range(pdfraw.FPDFClipPath_CountPaths(clip)):
            xs, ys = [], []
            for j in range(pdfraw.FPDFClipPath_CountPathSegments(clip, i)):
                seg = pdfraw.FPDFClipPath_GetPathSegment(clip, i, j)
                if seg and pdfraw.FPDFPathSegment_GetPoint(seg, px, py):
                    xs.append(px.value)
                    ys.append(py.value)
            if xs:
                box = [max(box[0], min(xs)), max(box[1], min(ys)), min(box[2], max(xs)), min(box[3], max(ys))]
        if box[0] > -1e9 and pdfraw.FPDFPageObj_GetBounds(obj, l, b, r, t) and \
                not (box[0] - 1 <= l.value and r.value <= box[2] + 1 and box[1] - 1 <= b.value and t.value <= box[3] + 1):
            out[ctypes.cast(obj, ctypes.c_void_p).value] = tuple(box)
    return out


def _unclipped(raw, pdfraw, page, to_view, chars: list[Char], index: list[int]) -> list[Char]:
    clips = _clip_boxes(page, pdfraw)
    if not clips:
        return chars
    corners = {}
    for key, (l, b, r, t) in clips.items():
        (xa, ya), (xb, yb) = to_view(l, t), to_view(r, b)
        corners[key] = (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))
    kept = []
    for c, i in zip(chars, index):
        box = corners.get(ctypes.cast(pdfraw.FPDFText_GetTextObject(raw, i), ctypes.c_void_p).value)
        if box is None or (box[0] <= (c.x0 + c.x1) / 2 <= box[2] and box[1] <= c.cy <= box[3]):
            kept.append(c)
    return kept


# --- rulings ----------------------------------------------------------------------------

def _rulings(page, pdfraw, to_view) -> tuple[list, list, int, int]:
    """Axis-aligned ruling segments: horizontals (y, x0, x1) and verticals (x, y0, y1), merged."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    fs, fm = ctypes.c_int(), ctypes.c_int()
    r_, g_, b_, a_ = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    px, py = ctypes.c_float(), ctypes.c_float()
    mat = pdfraw.FS_MATRIX()
    images = [0]
    drawings = [0]
    bl, bb, br, bt = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()

    def visit(obj, m):
        kind = pdfraw.FPDFPageObj_GetType(obj)
        if kind == pdfraw.FPDF_PAGEOBJ_IMAGE:
            images[0] += 1
            return
        if kind == pdfraw.FPDF_PAGEOBJ_FORM:
            if pdfraw.FPDFPageObj_GetMatrix(obj, ctypes.byref(mat)):
                m2 = _compose((mat.a, mat.b, mat.c, mat.d, mat.e, mat.f), m)
            else:
                m2 = m
            for k in range(pdfraw.FPDFFormObj_CountObjects(obj)):
                visit(pdfraw.FPDFFormObj_GetObject(obj, k), m2)
            return
        if kind != pdfraw.FPDF_PAGEOBJ_PATH:
            return
        pdfraw.FPDFPath_GetDrawMode(obj, ctypes.byref(fm), ctypes.byref(fs))
        stroke = bool(fs.value)
        if not stroke:
            if not fm.value:
                return
            if pdfraw.FPDFPageObj_GetFillColor(obj, r_, g_, b_, a_) and \
                    (a_.value == 0 or min(r_.value, g_.value, b_.value) >= 235):
                return  # white or transparent fill: background, not a border
        if fm.value and pdfraw.FPDFPageObj_GetBounds(obj, ctypes.byref(bl), ctypes.byref(bb),
                                                     ctypes.byref(br), ctypes.byref(bt)) \
                and br.value - bl.value > 3 and bt.value - bb.value > 3:
            drawings[0] += 1  # a filled area, not a ruling (a table's frame is lines or thin bars)
        if not pdfraw.FPDFPageObj_GetMatrix(obj, ctypes.byref(mat)):
            return
        full = _compose((mat.a, mat.b, mat.c, mat.d, mat.e, mat.f), m)
        n = pdfraw.FPDFPath_CountSegments(obj)
        if n <= 0 or n > 4000:
            return
        pts: list[tuple[float, float, int, bool]] = []
        curves = [False]
        for k in range(n):
            seg = pdfraw.FPDFPath_GetPathSegment(obj, k)
            pdfraw.FPDFPathSegment_GetPoint(seg, px, py)
            x = full[0] * px.value + full[2] * py.value + full[4]
            y = full[1] * px.value + full[3] * py.value + full[5]
            kind_of_segment = pdfraw.FPDFPathSegment_GetType(seg)
            pts.append((*to_view(x, y), kind_of_segment, bool(pdfraw.FPDFPathSegment_GetClose(seg))))
            if kind_of_segment == pdfraw.FPDF_SEGMENT_BEZIERTO:
                curves[0] = True
        if curves[0]:
            drawings[0] += 1  # curves: a chart, a seal, a logo; tables are drawn with straight lines
        _segments(pts, stroke, hs, vs)

    ident = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    raw = page.raw
    for k in range(pdfraw.FPDFPage_CountObjects(raw)):
        visit(pdfraw.FPDFPage_GetObject(raw, k), ident)
    return _merge(hs), _merge(vs), images[0], drawings[0]


def _compose(inner, outer):
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _segments(pts, stroke: bool, hs, vs) -> None:
    """Straight axis-aligned pieces of one path. A filled thin rectangle is one rule."""
    subpaths: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = []
    closed: list[bool] = []
    for x, y, typ, close in pts:
        if typ == 2:  # moveto
            if cur:
                subpaths.append(cur)
                closed.append(False)
            cur = [(x, y)]
        elif typ == 0:  # lineto
            cur.append((x, y))
        else:  # bezier: breaks straightness
            if cur:
                subpaths.append(cur)
                closed.append(False)
            cur = [(x, y)]
        if close and cur:
            subpaths.append(cur)
            closed.append(True)
            cur = [cur[0]] if typ != 2 else []
            cur = []
    if cur:
        subpaths.append(cur)
        closed.append(False)
    for sp, cl in zip(subpaths, closed):
        if len(sp) < 2:
            continue
        xs = [p[0] for p in sp]
        ys = [p[1] for p in sp]
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        if not stroke or (cl or sp[0] == sp[-1]) and len(sp) >= 4:
            if h <= SNAP and w >= MIN_RULE:
                hs.append(((min(ys) + max(ys)) / 2, min(xs), max(xs)))
                continue
            if w <= SNAP and h >= MIN_RULE:
                vs.append(((min(xs) + max(xs)) / 2, min(ys), max(ys)))
                continue
        ring = sp + ([sp[0]] if cl else [])
        for (xa, ya), (xb, yb) in zip(ring, ring[1:]):
            if abs(ya - yb) <= 0.5 and abs(xb - xa) >= MIN_RULE:
                hs.append(((ya + yb) / 2, min(xa, xb), max(xa, xb)))
            elif abs(xa - xb) <= 0.5 and abs(yb - ya) >= MIN_RULE:
                vs.append(((xa + xb) / 2, min(ya, yb), max(ya, yb)))


def _merge(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear segments (position within SNAP) whose extents touch become one."""
    out: list[tuple[float, float, float]] = []
    for group in _cluster(sorted(segs), key=lambda s: s[0]):
        pos = sum(s[0] for s in group) / len(group)
        spans = sorted((s[1], s[2]) for s in group)
        a, b = spans[0]
        for s0, s1 in spans[1:]:
            if s0 <= b + SNAP:
                b = max(b, s1)
            else:
                out.append((pos, a, b))
                a, b = s0, s1
        out.append((pos, a, b))
    return out


def _cluster(items, key, tol: float = SNAP):
    group: list = []
    last = None
    for it in items:
        k = key(it)
        if group and k - last > tol:
            yield group
            group = []
        group.append(it)
        last = k
    if group:
        yield group


# --- tables from rulings ----------------------------------------------------------------

def _tables(hs, vs, page: int) -> list[RawTable]:
    if len(hs) + len(vs) < 3 or not hs or not vs:
        return []
    nodes = [("h", s) for s in hs] + [("v", s) for s in vs]
    parent = list(range(len(nodes)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    nh = len(hs)
    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - SNAP <= x <= x1 + SNAP and y0 - SNAP <= y <= y1 + SNAP:
                a, b = find(i), find(nh + j)
                if a != b:
                    parent[a] = b
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        comps[find(i)].append(i)
    tables = []
    for members in comps.values():
        h = [nodes[i][1] for i in members if nodes[i][0] == "h"]
        v = [nodes[i][1] for i in members if nodes[i][0] == "v"]
        if len(h) + len(v) < 3 or not h or not v:
            continue  # an underline, a single box side: not a grid
        t = _grid(h, v, page)
        if t is not None:
            tables.append(t)
    tables.sort(key=lambda t: t.top)
    return tables


def _positions(values: list[float]) -> list[float]:
    return [sum(g) / len(g) for g in _cluster(sorted(values), key=lambda v: v)]


def _grid(h, v, page: int) -> RawTable | None:
    xs = _positions([s[0] for s in v])
    ys = _positions([s[0] for s in h])
    left, right = min(s[1] for s in h), max(s[2] for s in h)
    top, bottom = min(s[1] for s in v), max(s[2] for s in v)
    if left < xs[0] - SNAP:
        xs.insert(0, left)
    if right > xs[-1] + SNAP:
        xs.append(right)
    if top < ys[0] - SNAP:
        ys.insert(0, top)
    if bottom > ys[-1] + SNAP:
        ys.append(bottom)
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr < 1 or nc < 1 or nr * nc < 2:
        return None
    vert_at = defaultdict(list)
    for x, y0, y1 in v:
        vert_at[_nearest(xs, x)].append((y0, y1))
    hor_at = defaultdict(list)
    for y, x0, x1 in h:
        hor_at[_nearest(ys, y)].append((x0, x1))

    def covered(spans, a, b):
        need = (b - a) * 0.5
        got = sum(max(0.0, min(s1, b) - max(s0, a)) for s0, s1 in spans)
        return got >= need

    parent = list(range(nr * nc))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for k in range(1, nc):
            if not covered(vert_at.get(k, ()), ys[r], ys[r + 1]):
                a, b = find(r * nc + k - 1), find(r * nc + k)
                if a != b:
                    parent[b] = a
    for r in range(1, nr):
        for k in range(nc):
            if not covered(hor_at.get(r, ()), xs[k], xs[k + 1]):
                a, b = find((r - 1) * nc + k), find(r * nc + k)
                if a != b:
                    parent[b] = a
    boxes: dict[int, list[int]] = {}
    for r in range(nr):
        for k in range(nc):
            root = find(r * nc + k)
            b = boxes.get(root)
            if b is None:
                boxes[root] = [r, k, r, k]
            else:
                b[0], b[1] = min(b[0], r), min(b[1], k)
                b[2], b[3] = max(b[2], r), max(b[3], k)
    region = [[-1] * nc for _ in range(nr)]
    cells: list[RawCell] = []
    for r0, k0, r1, k1 in sorted(boxes.values()):
        if region[r0][k0] != -1:
            continue  # an irregular merge already covered by an earlier box
        cell = RawCell(row=r0, col=k0, rowspan=r1 - r0 + 1, colspan=k1 - k0 + 1, text="")
        cell.id = len(cells)  # type: ignore[attr-defined]
        cells.append(cell)
        for r in range(r0, r1 + 1):
            for k in range(k0, k1 + 1):
                if region[r][k] == -1:
                    region[r][k] = cell.id  # type: ignore[attr-defined]
    if len(cells) < 2:
        return None
    t = RawTable(xs=xs, ys=ys, cells=cells, page=page, top=ys[0], bottom=ys[-1])
    t.region = region  # type: ignore[attr-defined]
    return t


def _nearest(pos: list[float], x: float) -> int:
    return min(range(len(pos)), key=lambda i: abs(pos[i] - x))


# --- text lines -------------------------------------------------------------------------

def _group_lines(chars: list[Char]) -> list[list[Char]]:
    """Chars grouped into visual lines (by vertical centre), each sorted left to right."""
    if not chars:
        return []
    chars = sorted(chars, key=lambda c: c.cy)
    lines: list[list[Char]] = []
    cur = [chars[0]]
    ref = chars[0].cy
    tol = chars[0].h * 0.45
    for c in chars[1:]:
        if c.cy - ref <= max(tol, c.h * 0.45):
            cur.append(c)
        else:
            lines.append(cur)
            cur, ref, tol = [c], c.cy, c.h * 0.45
    lines.append(cur)
    out = []
    for ln in lines:
        ln.sort(key=lambda c: c.x0)
        dedup = [ln[0]]
        for c in ln[1:]:
            p = dedup[-1]
            if c.ch == p.ch and abs(c.x0 - p.x0) < (p.x1 - p.x0) * 0.4:
                continue  # the same glyph drawn twice (fake bold)
            dedup.append(c)
        out.append(dedup)
    return out


def _is_cjk(ch: str) -> bool:
    return bool(CJK.match(ch))


def _line_string(chars: list[Char]) -> str:
    return _line_text(chars)[0]


def _line_text(chars: list[Char]) -> tuple[str, list]:
    """The visual line's text, and the box of each of its characters (None for a space
    read from a gap)."""
    parts = [chars[0].ch]
    boxes = array("f", chars[0].box or NO_BOX)
    for p, c in zip(chars, chars[1:]):
        gap = c.x0 - p.x1
        em = max(p.h, c.h)
        if _is_cjk(p.ch) or _is_cjk(c.ch):
            if gap > 1.5 * em:
                parts.append(" ")
                boxes.extend(NO_BOX)
        elif gap > 0.15 * em:
            parts.append(" ")
            boxes.extend(NO_BOX)
        parts.append(c.ch)
        boxes.extend(c.box or NO_BOX)
    return "".join(parts), boxes


NO_BOX = (math.nan,) * 4  # a character the reader put in (a space read from a gap, a TAB)


def _joined_boxes(a: str, a_boxes: array, b: str, b_boxes: array, joined: str) -> array:
    """The boxes of join_wrapped(a, b): a's, none for the separator it put in, b's. Kept
    as 4 floats a character (Line.boxes) from the start: a list of tuples would double the
    reader's memory on a long document."""
    if not a:
        return b_boxes[:]
    if not b:
        return a_boxes[:]
    return a_boxes + array("f", NO_BOX * (len(joined) - len(a) - len(b))) + b_boxes


OPENERS = "（(《〈「『【〔“‘[{<"
CLOSERS = "，。、；：？！）)》〉」』】〕”’%‰…·,.;:!?]}>—－-"
HAN = regex.compile(r"\p{Han}")


def _lead(chars: list[Char]) -> float:
    """Width of the line's first unbreakable run: opening brackets with the character
    after them; a run of digits, Latin letters and punctuation up to the first CJK
    character or space; any punctuation that may not start a line."""
    n, i = len(chars), 0
    while i < n - 1 and chars[i].ch in OPENERS:
        i += 1
    if not HAN.match(chars[i].ch):
        while i + 1 < n and not HAN.match(chars[i + 1].ch) and chars[i + 1].x0 - chars[i].x1 <= 0.15 * chars[i].h:
            i += 1
        if chars[i].ch.isdigit() and i + 1 < n and HAN.match(chars[i + 1].ch):
            i += 1  # a number keeps its unit (180.00万)
    while i + 1 < n and chars[i + 1].ch in CLOSERS:
        i += 1
    return chars[i].x1 - chars[0].x0


def _line_of(chars: list[Char]) -> TextLine:
    top, bottom = min(c.top for c in chars), max(c.bottom for c in chars)
    text, boxes = _line_text(chars)
    return TextLine(text=text, x0=chars[0].x0, x1=max(c.x1 for c in chars),
                    top=top, bottom=bottom, h=bottom - top, last_h=bottom - top, lead=_lead(chars),
                    last_x0=chars[0].x0, boxes=boxes)


def join_wrapped(a: str, b: str, paragraph_break: bool = True) -> str:
    """Join two visual lines of one paragraph or cell."""
    if not a:
        return b
    if not b:
        return a
    if paragraph_break and LIST_MARK.match(b) and a[-1] in "。；;：:！？!?":
        return a + "\n" + b
    if _is_cjk(a[-1]) or _is_cjk(b[0]):
        return a + b
    if NUMBER_END.search(a) and NUMBER_START.match(b):
        return a + b  # a number broken inside a narrow cell
    if a[-1] in "-/(（" or b[0] in ")）":
        return a + b
    return a + " " + b


def _cell_text(chars: list[Char]) -> tuple[str, Char, list]:
    """The cell's text, a box standing for its last visual line, and its characters' boxes."""
    text, boxes = "", array("f")
    lines = _group_lines(chars)
    for ln in lines:
        line, line_boxes = _line_text(ln)
        joined = join_wrapped(text, line)
        boxes = _joined_boxes(text, boxes, line, line_boxes, joined)
        text = joined
    last = lines[-1]
    tail = Char("", last[0].x0, max(c.x1 for c in last), min(c.top for c in last), max(c.bottom for c in last))
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    return stripped, tail, boxes[4 * lead:4 * (lead + len(stripped))]


def _margins(pages: list[PageData]) -> dict[int, tuple[float, float, float]]:
    """Left and right edge of the text block of each page (by page number), and the
    usual gap between two lines of a paragraph there.

    A page's own edges when its body text shows them (three lines of 8+ characters for
    the left edge; three lines ending within half an em of the rightmost one for the right
    edge: wrapped lines of paragraphs), else the document's for pages of that width (the
    leftmost left edge; the median of the pages' own right edges, or the rightmost end of
    any line when no page shows one). The line gap: the lower quartile of the gaps between
    consecutive lines of one size, the page's with four of them, else the document's."""
    own: dict[int, tuple[float | None, float | None]] = {}
    page_gaps: dict[int, list[float]] = {}
    lefts: dict[int, list[float]] = defaultdict(list)
    rights: dict[int, list[float]] = defaultdict(list)
    ends: dict[int, float] = {}
    for p in pages:
        body = [ln for ln in p.lines if len(ln.text) >= 8 and not ln.furniture]
        left = right = None
        if body:
            key = round(p.width)
            lefts[key].append(min(ln.x0 for ln in body))
            x1 = max(ln.x1 for ln in body)
            ends[key] = max(ends.get(key, x1), x1)
            em = max(ln.h for ln in body)
            if len(body) >= 3:
                left = min(ln.x0 for ln in body)
            if sum(1 for ln in body if ln.x1 >= x1 - 0.5 * em) >= 3:
                right = x1
                rights[key].append(x1)
        own[p.number] = (left, right)
        gaps = []
        for a, b in zip(p.lines, p.lines[1:]):
            em = max(a.h, b.h)
            if not (a.furniture or b.furniture) and abs(a.h - b.h) <= 0.25 * em and \
                    -0.35 * em <= b.top - a.bottom <= 1.2 * em:
                gaps.append(b.top - a.bottom)
        page_gaps[p.number] = sorted(gaps)
    every = sorted(g for gs in page_gaps.values() for g in gs)
    doc_gap = every[len(every) // 4] if every else 0.0
    out: dict[int, tuple[float, float, float]] = {}
    for p in pages:
        key = round(p.width)
        if key not in lefts:
            continue
        left, right = own[p.number]
        if left is None:
            left = min(lefts[key])
        if right is None:
            rs = sorted(rights[key])
            right = rs[len(rs) // 2] if rs else ends[key]
        gs = page_gaps[p.number]
        out[p.number] = (left, right, gs[len(gs) // 4] if len(gs) >= 4 else doc_gap)
    return out


SENTENCE_END = "。；;！？!?"
LEADER = regex.compile(r"(?:[.…·・．]\s*){4,}\s*(?:\d{1,4}|[-—–]\s*\d{1,4}\s*[-—–])?\s*$")


def _continues(p: TextLine, ln: TextLine, p_edges: tuple[float, float, float],
               ln_edges: tuple[float, float, float], same_page: bool = True) -> bool:
    """ln carries on the paragraph whose last visual line is p.

    A paragraph's line wraps when the next word no longer fits: the line above is full
    up to the right edge of the text block, less the first unbreakable run of the line
    below (one CJK character with the punctuation that may not start a line; a number,
    a Latin word, a run like `25%、50%、75%、100%。`). A line that starts indented, a line
    in another font size, a line after a gap, a numbered item after a finished sentence
    and a table-of-contents entry (a dot leader, maybe a page number) start anew."""
    if p.furniture or ln.furniture:
        return False
    if LEADER.search(p.text) or LEADER.search(ln.text):
        return False  # a table-of-contents entry is a line of its own
    h1, h2 = p.last_h, ln.h
    em = max(h1, h2)
    if abs(h1 - h2) > 0.25 * em:
        return False
    if same_page:
        gap = ln.top - p.bottom
        if not -0.35 * em <= gap <= 1.2 * em:
            return False
        if gap > max(p_edges[2], p.last_gap) + 0.5 * em:
            return False  # paragraph spacing
    left, right = ln_edges[0], p_edges[1]
    if ln.x0 > left + 0.6 * em and not _centred_wrap(p, ln, left, right, em):
        return False  # indented: a new paragraph
    room = right - p.x1
    if room > ln.lead + em:
        return False  # the next line's first word would have fitted: the paragraph ended
    if p.text[-1] in SENTENCE_END + "：:）)":
        if LIST_MARK.match(ln.text):
            return False  # the next numbered item
        if ln.x1 < right - 3.0 * em and ln.text[-1] not in SENTENCE_END:
            return False  # a short unpunctuated line after a finished sentence: a heading
    return True


def _centred_wrap(p: TextLine, ln: TextLine, left: float, right: float, em: float) -> bool:
    """A centred title wrapped onto a short centred line: p fills the text block's width
    up to a quarter em more than ln's first word and does not end a sentence."""
    mid = (left + right) / 2
    return (p.text[-1] not in SENTENCE_END and right - p.x1 <= ln.lead + 0.25 * em
            and abs((ln.x0 + ln.x1) / 2 - mid) <= 0.5 * em
            and ln.x1 - ln.x0 <= 0.6 * (right - left) and abs((p.last_x0 + p.x1) / 2 - mid) <= em)


def _join_two(p: TextLine, ln: TextLine) -> TextLine:
    later = ln.top >= p.top
    text = join_wrapped(p.text, ln.text, paragraph_break=False)
    return TextLine(text=text, boxes=_joined_boxes(p.text, p.boxes, ln.text, ln.boxes, text), x0=p.x0, x1=ln.x1,
                    top=p.top, bottom=ln.bottom if later else p.bottom,
                    last_top=ln.top if later else p.last_top, h=p.h, last_h=ln.last_h, lead=p.lead,
                    last_gap=ln.top - p.bottom if later else p.last_gap, last_x0=ln.last_x0)


def _join_paragraphs(lines: list[TextLine], tables: list[RawTable], edges: tuple[float, float, float]) -> list[TextLine]:
    """Wrapped lines of one paragraph become one line (see _continues), no table between."""
    if len(lines) < 2:
        return lines
    out = [lines[0]]
    for ln in lines[1:]:
        p = out[-1]
        between = any(p.bottom <= t.top and t.bottom <= ln.top for t in tables)
        if not between and _continues(p, ln, edges, edges):
            out[-1] = _join_two(p, ln)
        else:
            out.append(ln)
    return out


def _join_across_pages(pages: list[PageData], margins) -> None:
    """A paragraph that runs over a page break: the last body line of a page (no table
    below it) and the first body line of a following page (no table above it), pages with
    nothing but furniture between; a paragraph may fill whole pages. The joined line
    records where each page begins in it."""
    tail: tuple[TextLine, PageData] | None = None  # last body line so far, and its last page
    for b in pages:
        body = [ln for ln in b.lines if not ln.furniture]
        if tail is not None and body:
            p, a = tail
            ln = body[0]
            if round(a.width) == round(b.width) and a.number in margins and b.number in margins \
                    and not any(t.bottom <= ln.top for t in b.tables) \
                    and _continues(p, ln, margins[a.number], margins[b.number], same_page=False):
                joined = _join_two(p, ln)
                p.breaks.append((len(joined.text) - len(ln.text) + 1, b.number))
                p.text, p.x1, p.last_h, p.last_x0, p.last_gap = joined.text, joined.x1, joined.last_h, joined.last_x0, -1e9
                p.boxes = joined.boxes
                b.lines.remove(ln)
                body = body[1:]
                if not body:
                    tail = None if any(t.top >= ln.bottom for t in b.tables) else (p, b)
                    continue
        if body:
            last = body[-1]
            tail = None if any(t.top >= last.bottom for t in b.tables) else (last, b)
        elif b.tables:
            tail = None


# --- the document -----------------------------------------------------------------------

def _furniture(pages: list[PageData]) -> None:
    """Mark repeated headers/footers and page numbers near the top or bottom of pages."""
    keyed: dict[str, set[int]] = defaultdict(set)
    cands: list[tuple[TextLine, str, int]] = []
    for p in pages:
        zone_top, zone_bottom = p.height * 0.12, p.height * 0.88
        for ln in p.lines:
            if ln.text.strip() == "page number":
                ln.furniture = True  # the seeds' placeholder for a Word page-number field
        for ln in p.lines[:3] + p.lines[-3:]:
            if ln.bottom <= zone_top or ln.top >= zone_bottom:
                key = regex.sub(r"\d+", "#", regex.sub(r"\s+", "", ln.text))
                keyed[key].add(p.number)
                cands.append((ln, key, p.number))
    need = max(3, (len(pages) + 2) // 3) if len(pages) >= 3 else 99
    for ln, key, _ in cands:
        if PAGE_NUMBER.match(ln.text) or (len(keyed[key]) >= need and key != "#"):
            ln.furniture = True


def _same_columns(a: RawTable, b: RawTable) -> list[int] | None:
    """Map b's column boundaries onto a's, or None when b's columns are not a's."""
    if abs(a.xs[0] - b.xs[0]) > 3 or abs(a.xs[-1] - b.xs[-1]) > 3:
        return None
    out = []
    for x in b.xs:
        k = _nearest(a.xs, x)
        if abs(a.xs[k] - x) > 3:
            return None
        out.append(k)
    return out


def _join_continued(pages: list[PageData]) -> None:
    prev: RawTable | None = None
    for p in pages:
        blocks = sorted([(ln.top, 0, ln) for ln in p.lines if not ln.furniture] +
                        [(t.top, 1, t) for t in p.tables], key=lambda b: (b[0], b[1]))
        if prev is not None and blocks and blocks[0][1] == 1:
            t: RawTable = blocks[0][2]
            mapping = _same_columns(prev, t)
            if mapping is not None:
                _append(prev, t, mapping)
                t.continued = True
        last = blocks[-1] if blocks else None
        if last is not None and last[1] == 1:
            t = last[2]
            prev = t.joined_into if getattr(t, "joined_into", None) else t  # type: ignore[attr-defined]
        elif last is not None:
            prev = None


SPACES = regex.compile(r"\s+")


def _rows_text(t: RawTable) -> list[tuple[str, ...]]:
    rows: dict[int, list[RawCell]] = defaultdict(list)
    for c in t.cells:
        rows[c.row].append(c)
    return [tuple(SPACES.sub("", c.text) for c in sorted(rows[r], key=lambda c: c.col))
            for r in sorted(rows)]


def _append(base: RawTable, cont: RawTable, mapping: list[int]) -> None:
    """Attach a continuation page's table to base: its cells renumbered after base's rows
    (kept on cont.remapped, emitted at cont's own place in the text view)."""
    root = getattr(base, "joined_into", None) or base
    base_rows = _rows_text(root)
    cont_rows = _rows_text(cont)
    drop = 0
    # header rows repeated at the top of the continuation page
    for k in range(min(6, len(cont_rows), len(base_rows)), 0, -1):
        if any(base_rows[s:s + k] == cont_rows[:k] for s in range(0, 4)) and any(any(x) for x in cont_rows[:k]):
            drop = k
            break
    rows_sorted = sorted({c.row for c in cont.cells})
    dropped = set(rows_sorted[:drop])
    offset = getattr(root, "next_row", None)
    if offset is None:
        offset = 1 + max((c.row + c.rowspan - 1 for c in root.cells), default=-1)
    rank = {r: i for i, r in enumerate(r for r in rows_sorted if r not in dropped)}
    remapped = []
    for c in cont.cells:
        if c.row in dropped:
            continue
        k0 = mapping[c.col]
        k1 = mapping[min(c.col + c.colspan, len(mapping) - 1)]
        remapped.append(RawCell(row=offset + rank[c.row], col=k0, rowspan=c.rowspan, colspan=max(1, k1 - k0),
                                text=c.text, boxes=c.boxes))
    remapped = _merge_split_row(root, remapped)
    if remapped:
        last = max(c.row for c in remapped)
        root.last_row = [c for c in remapped if c.row == last]  # type: ignore[attr-defined]
    root.next_row = offset + len(rank)  # type: ignore[attr-defined]
    cont.remapped = remapped  # type: ignore[attr-defined]
    cont.joined_into = root  # type: ignore[attr-defined]
    cont.continued = True


INDEX = regex.compile(r"^\d{1,7}$")


def _merge_split_row(root: RawTable, remapped: list[RawCell]) -> list[RawCell]:
    """A row broken by the page break: the continuation's first row only carries the rest
    of texts begun in the previous page's last row, whose cells above it end with a full
    (wrapped) line; never a new 序号 or code. Its texts are appended to that row's cells."""
    if not remapped:
        return remapped
    last = getattr(root, "last_row", None)
    if last is None:
        end = max(c.row for c in root.cells)
        last = [c for c in root.cells if c.row == end]
    first_row = min(c.row for c in remapped)
    first = [c for c in remapped if c.row == first_row]
    by_col = {c.col: c for c in last}
    filled = [c for c in first if c.text]
    if not filled or any(c.col not in by_col or not by_col[c.col].text for c in filled):
        return remapped
    if 2 * sum(by_col[c.col].full_tail for c in filled) < len(filled):
        return remapped
    head = min(first, key=lambda c: c.col)
    if head.text and INDEX.match(head.text.replace(" ", "")):
        return remapped
    for c in filled:
        above = by_col[c.col]
        joined = join_wrapped(above.text, c.text)
        above.boxes = _joined_boxes(above.text, above.boxes, c.text, c.boxes, joined)
        above.text = joined
    rest = [c for c in remapped if c.row != first_row]
    for c in rest:
        c.row -= 1
    return rest


def _assemble(path: str, pages: list[PageData]) -> Document:
    _furniture(pages)
    margins = _margins(pages)
    for p in pages:
        if p.number in margins:
            p.lines = _join_paragraphs(p.lines, p.tables, margins[p.number])
    _join_across_pages(pages, margins)
    _join_continued(pages)
    lines: list[Line] = []
    tables: list[Table] = []
    built: dict[int, Table] = {}
    for p in pages:
        blocks = sorted([(ln.top, 0, ln) for ln in p.lines] + [(t.top, 1, t) for t in p.tables],
                        key=lambda b: (b[0], b[1]))
        for _, kind, obj in blocks:
            if kind == 0:
                lines.append(Line(number=len(lines) + 1, text=obj.text, page=p.number,
                                  kind="furniture" if obj.furniture else "text", page_breaks=obj.breaks,
                                  boxes=obj.boxes))
                continue
            if obj.continued:
                table = built[id(obj.joined_into)]
                _emit_rows(obj.remapped, table, lines, p.number)
                continue
            table = Table(index=len(tables) + 1, rows=[])
            tables.append(table)
            built[id(obj)] = table
            _emit_rows(obj.cells, table, lines, p.number)
    for t in tables:
        _compact(t)
    tables = [t for t in tables if t.rows]
    for i, t in enumerate(tables, 1):
        t.index = i
    return Document(path=path, format="pdf", lines=lines, tables=tables)


def _emit_rows(cells_in: list[RawCell], table: Table, lines: list[Line], page: int) -> None:
    by_row: dict[int, list[RawCell]] = defaultdict(list)
    for c in cells_in:
        by_row[c.row].append(c)
    for r in sorted(by_row):
        cells = sorted(by_row[r], key=lambda c: c.col)
        number = len(lines) + 1
        parts, row_cells, pos, boxes = [], [], 0, array("f")
        for c in cells:
            text = c.text.replace("\n", " ")
            row_cells.append(Cell(text=c.text, row=r, col=c.col, line=number, column=pos + 1,
                                  page=page, colspan=c.colspan, rowspan=c.rowspan))
            if parts:
                boxes.extend(NO_BOX)  # the TAB
            boxes.extend(c.boxes if len(c.boxes) == 4 * len(text) else array("f", NO_BOX * len(text)))
            parts.append(text)
            pos += len(text) + 1
        lines.append(Line(number=number, text="\t".join(parts), page=page, kind="table", boxes=boxes))
        table.rows.append(row_cells)


def _compact(table: Table) -> None:
    """Renumber grid rows 0..n-1 (rows covered entirely by rowspans carry no cell) and
    clip spans to the rows that exist."""
    present = sorted({c.row for r in table.rows for c in r})
    if not present:
        table.rows = []
        return
    rank = {r: i for i, r in enumerate(present)}
    for row in table.rows:
        for c in row:
            last = present[bisect_right(present, c.row + c.rowspan - 1) - 1]
            c.rowspan = rank[last] - rank[c.row] + 1
            c.row = rank[c.row]
    table.rows.sort(key=lambda r: r[0].row if r else 0)

"""`budgetlint annotate`: a reviewed copy of each document with the findings in it, where
finance staff read and fix them.

.docx: a Word review comment (author "budgetlint") anchored on each finding's exact text,
holding the message, the place it conflicts with and the suggestion. The runs around the
flagged text are split so the comment covers that text and nothing else. python-docx
(≥ 1.2) writes the comments part; the body is walked in the reader's order so that line N
of the text view is the same paragraph or table row here.

.pdf: a highlight annotation with a note on each finding's text (the character boxes the
reader kept), written with PDFium through pypdfium2, the library the reader already uses.

The original is never opened for writing: the copy goes to -o, or beside the original as
NAME.budgetlint.EXT.
"""
from __future__ import annotations

import copy
import ctypes
import os
import sys

from .findings import Finding
from .model import Document, InputError
from .output import shown_path
from .readers.docx import CUSTOM_XML, INLINE, P, R, RPR, RUN_TEXT, SDT, SDT_CONTENT, T, TBL, TC, TR, VAL, W

AUTHOR = "budgetlint"
SUFFIX = ".budgetlint"


# --- what a comment says ----------------------------------------------------------------

def comment_lines(f: Finding) -> list[str]:
    """The comment's paragraphs: rule and message, each conflicting place, the suggestion."""
    from .i18n import severity_word

    lines = [f"{f.rule} [{severity_word(f.severity)}] {f.message}"]
    for r in f.related:
        where = r.location.describe() if r.location is not None and r.location.describe() else f"第{r.line}行"
        lines.append(f"对照：{r.note}（{where}：{r.excerpt}）")
    if f.suggestion:
        lines.append(f"建议：{f.suggestion}")
    return lines


# --- .docx ------------------------------------------------------------------------------

def _blocks(parent):
    for el in parent:
        if el.tag in (P, TBL):
            yield el
        elif el.tag in (SDT, SDT_CONTENT, CUSTOM_XML):
            yield from _blocks(el)


def _children(parent, want: str):
    for el in parent:
        if el.tag == want:
            yield el
        elif el.tag in (SDT, SDT_CONTENT, CUSTOM_XML):
            yield from _children(el, want)


def _text_view(body) -> tuple[list, list]:
    """(element per text-view line: a w:p or a w:tr, body tables in Word's count), in the
    reader's order."""
    lines, tables = [], []

    def walk(parent):
        for el in parent:
            if el.tag == P:
                lines.append(el)
            elif el.tag == TBL:
                tables.append(el)
                lines.extend(_children(el, TR))
            elif el.tag in (SDT, SDT_CONTENT, CUSTOM_XML):
                walk(el)

    walk(body)
    return lines, tables


def _hidden(r) -> bool:
    rpr = r.find(RPR)
    vanish = rpr.find(W + "vanish") if rpr is not None else None
    return vanish is not None and vanish.get(VAL, "1") not in ("0", "false", "off")


def _runs(parent, out: list) -> list:
    """The visible runs of a paragraph in reading order (through hyperlinks, insertions,
    content controls), as the reader reads them."""
    for el in parent:
        if el.tag == R:
            if not _hidden(el):
                out.append(el)
        elif el.tag in INLINE:
            _runs(el, out)
    return out


def _piece_length(child) -> int:
    if child.tag == T:
        return len(child.text or "")
    if child.tag in RUN_TEXT:
        if child.tag == W + "br" and child.get(W + "type") in ("page", "column"):
            return 0
        return len(RUN_TEXT[child.tag])
    return 0


def _run_length(r) -> int:
    return sum(_piece_length(c) for c in r)


def _trim(r, start: int, end: int | None) -> None:
    """Keep the run's characters [start, end): w:t cut, other pieces kept or dropped."""
    pos = 0
    for child in list(r):
        if child.tag == RPR:
            continue
        n = _piece_length(child)
        lo, hi = pos, pos + n
        pos = hi
        keep_to = end if end is not None else float("inf")
        if n == 0:  # a field mark, a drawing: stays with the piece it stands in
            if not start <= lo < keep_to:
                r.remove(child)
            continue
        if hi <= start or lo >= keep_to:
            r.remove(child)
        elif child.tag == T and (lo < start or hi > keep_to):
            a, b = max(start - lo, 0), min(keep_to, hi) - lo
            child.text = child.text[a:b]
            child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _split(r, k: int):
    """Split run r after its k-th character; returns the new run holding the rest."""
    right = copy.deepcopy(r)
    _trim(r, 0, k)
    _trim(right, k, None)
    r.addnext(right)
    return right


def _anchor(paragraph_runs: list, start: int, end: int) -> list:
    """The runs covering exactly characters [start, end) of the runs' text, splitting the
    runs at both ends."""
    runs = list(paragraph_runs)
    pos, i = 0, 0
    while i < len(runs):
        r = runs[i]
        n = _run_length(r)
        if pos < start < pos + n:
            runs.insert(i + 1, _split(r, start - pos))
            n = start - pos
        elif pos < end < pos + n:
            runs.insert(i + 1, _split(r, end - pos))
            n = end - pos
        pos += n
        i += 1
    out, pos = [], 0
    for r in runs:
        n = _run_length(r)
        if n and start <= pos and pos + n <= end:
            out.append(r)
        pos += n
    return out


def _nearest(text: str, excerpt: str, guess: int) -> int | None:
    """The start of the occurrence of excerpt in text nearest to guess."""
    if not excerpt:
        return None
    best, i = None, text.find(excerpt)
    while i >= 0:
        if best is None or abs(i - guess) < abs(best - guess):
            best = i
        i = text.find(excerpt, i + 1)
    return best


def _runs_text(runs: list) -> str:
    parts = []
    for r in runs:
        for c in r:
            if c.tag == T:
                parts.append(c.text or "")
            elif c.tag in RUN_TEXT and _piece_length(c):
                parts.append(RUN_TEXT[c.tag])
    return "".join(parts)


def _target_in_paragraph(p, excerpt: str, guess: int) -> list:
    runs = _runs(p, [])
    text = _runs_text(runs)
    start = _nearest(text, excerpt, guess)
    if start is None:
        return []
    return _anchor(runs, start, start + len(excerpt))


def _docx_target(doc: Document, f: Finding, lines: list, tables: list) -> tuple[list, object | None]:
    """(runs to anchor the comment on, or [] with the paragraph to put a point comment in)."""
    from .locate import _cell

    if not 1 <= f.line <= len(lines):
        return [], None
    excerpt = f.excerpt if f.end_line == f.line else f.excerpt.split("\n", 1)[0]
    ln = doc.line(f.line)
    if ln.kind == "table":
        found = _cell(doc, f.line, f.column)
        if found is None or found[1].place is None:
            return [], None
        cell = found[1]
        n, r, c = cell.place
        trs = list(_children(tables[n - 1], TR))
        tcs = list(_children(trs[r - 1], TC))
        tc = tcs[c - 1]
        offset = f.column - cell.column
        pos = 0
        paragraphs = [el for el in _blocks(tc) if el.tag == P]
        for p in paragraphs:
            text = _runs_text(_runs(p, [])).strip()
            if not text:
                continue
            if offset <= pos + len(text):
                runs = _target_in_paragraph(p, excerpt, offset - pos)
                if runs:
                    return runs, p
            pos += len(text) + 1
        for p in paragraphs:  # the text is not where the offset says: anywhere in the cell
            runs = _target_in_paragraph(p, excerpt, 0)
            if runs:
                return runs, p
        return [], (paragraphs[0] if paragraphs else None)
    p = lines[f.line - 1]
    if p.tag != P:
        return [], None
    text = _runs_text(_runs(p, []))
    shift = len(ln.text) - len(text.lstrip()) if ln.auto_number else 0
    lead = len(text) - len(text.lstrip()) if ln.auto_number else 0
    return _target_in_paragraph(p, excerpt, f.column - 1 - shift + lead), p


W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"


def _answered_paragraphs(word) -> set[str]:
    """paraIds of comment paragraphs that someone replied to (Word keeps reply threads in the
    commentsExtended part: each reply names its parent's last paragraph)."""
    for rel in word.part.rels.values():
        if rel.reltype.endswith("/commentsExtended") and not rel.is_external:
            from lxml import etree

            root = etree.fromstring(rel.target_part.blob)
            return {e.get(f"{W15}paraIdParent") for e in root.iter(f"{W15}commentEx")
                    if e.get(f"{W15}paraIdParent")}
    return set()


def drop_own_comments(word) -> int:
    """Remove the comments an earlier `annotate` wrote (author budgetlint), so a reviewed copy
    annotated again holds each finding once. The user's own comments stay, and so does a
    budgetlint comment that someone answered: the reply is theirs."""
    answered = _answered_paragraphs(word)
    ids = set()
    for comment in list(word.comments):
        element = comment._comment_elm
        paras = [p.get(f"{W14}paraId") for p in element.iter(P)]
        if comment.author != AUTHOR or (paras and paras[-1] in answered):
            continue
        element.getparent().remove(element)
        ids.add(str(comment.comment_id))
    if not ids:
        return 0
    body = word.element.body
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for mark in list(body.iter(W + tag)):
            if mark.get(W + "id") in ids:
                mark.getparent().remove(mark)
    for ref in list(body.iter(W + "commentReference")):
        if ref.get(W + "id") in ids:
            run = ref.getparent()
            run.remove(ref)
            if all(child.tag == RPR for child in run):  # the run held only the reference
                run.getparent().remove(run)
    return len(ids)


def annotate_docx(doc: Document, findings: list[Finding], out: str) -> int:
    """Write the reviewed copy; returns how many comments it holds."""
    import docx
    from docx.text.run import Run

    word = docx.Document(doc.path)
    drop_own_comments(word)
    lines, tables = _text_view(word.element.body)
    count = 0
    for f in findings:
        runs, paragraph = _docx_target(doc, f, lines, tables)
        if not runs:
            if paragraph is None:
                continue
            r = paragraph.makeelement(R, {})
            paragraph.append(r)  # a point comment where the text is blank (an empty cell)
            runs = [r]
        texts = comment_lines(f)
        comment = word.add_comment([Run(runs[0], None), Run(runs[-1], None)], text=texts[0],
                                   author=AUTHOR, initials="BL")
        for extra in texts[1:]:
            comment.add_paragraph(extra)
        count += 1
    word.save(out)
    return count


# --- .pdf -------------------------------------------------------------------------------

def _wide(text: str):
    data = (text + "\0").encode("utf-16-le")
    return ctypes.cast(ctypes.create_string_buffer(data, len(data)), ctypes.POINTER(ctypes.c_ushort))


def _annotation_author(annot) -> str:
    import pypdfium2.raw as raw

    size = raw.FPDFAnnot_GetStringValue(annot, b"T", None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFAnnot_GetStringValue(annot, b"T", ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
    return buffer.raw[:size - 2].decode("utf-16-le", "replace")


def _drop_own_notes(pdf) -> None:
    """Remove the highlights an earlier `annotate` wrote (author budgetlint), so a reviewed copy
    annotated again holds each finding once; everyone else's annotations stay."""
    import pypdfium2.raw as raw

    for index in range(len(pdf)):
        page = pdf[index]
        try:
            removed = False
            for k in reversed(range(raw.FPDFPage_GetAnnotCount(page.raw))):
                annot = raw.FPDFPage_GetAnnot(page.raw, k)
                try:
                    own = _annotation_author(annot) == AUTHOR
                finally:
                    raw.FPDFPage_CloseAnnot(annot)
                if own:
                    removed = raw.FPDFPage_RemoveAnnot(page.raw, k) or removed
            if removed:
                page.gen_content()
        finally:
            page.close()


def annotate_pdf(doc: Document, findings: list[Finding], out: str) -> int:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(doc.path)
    count = 0
    try:
        _drop_own_notes(pdf)
        for f in findings:
            loc = f.location
            if loc is None or not loc.page or not loc.boxes:
                continue
            page = pdf[loc.page - 1]
            try:
                annot = raw.FPDFPage_CreateAnnot(page.raw, raw.FPDF_ANNOT_HIGHLIGHT)
                if not annot:
                    continue
                try:
                    for x0, y0, x1, y1 in loc.boxes:
                        quad = raw.FS_QUADPOINTSF(x0, y1, x1, y1, x0, y0, x1, y0)
                        raw.FPDFAnnot_AppendAttachmentPoints(annot, ctypes.byref(quad))
                    x0, y0, x1, y1 = loc.box
                    raw.FPDFAnnot_SetRect(annot, ctypes.byref(raw.FS_RECTF(x0, y1, x1, y0)))
                    raw.FPDFAnnot_SetColor(annot, raw.FPDFANNOT_COLORTYPE_Color, 255, 220, 0, 110)
                    raw.FPDFAnnot_SetStringValue(annot, b"Contents", _wide("\n".join(comment_lines(f))))
                    raw.FPDFAnnot_SetStringValue(annot, b"T", _wide(AUTHOR))
                    raw.FPDFAnnot_SetStringValue(annot, b"Subj", _wide(f.rule))
                    count += 1
                finally:
                    raw.FPDFPage_CloseAnnot(annot)
                page.gen_content()
            finally:
                page.close()
        pdf.save(out)
    finally:
        pdf.close()
    return count


# --- the command ------------------------------------------------------------------------

def output_path(path: str, out: str | None, several: bool) -> str:
    """Where the reviewed copy of `path` goes: beside it by default; into `out` when `out` is a
    folder (an existing one, one ending in a separator, one named without an extension, or
    whenever several files are annotated); else `out` is the copy itself."""
    base, ext = os.path.splitext(os.path.basename(path))
    name = f"{base}{SUFFIX}{ext}"
    if out is None:
        return os.path.join(os.path.dirname(path), name)
    if several or _names_folder(out):
        return os.path.join(out, name)
    return out


def _names_folder(out: str) -> bool:
    return os.path.isdir(out) or out.endswith(os.sep) or not os.path.splitext(os.path.basename(out))[1]


def output_problem(files: list[str], out: str | None) -> str | None:
    """Why -o cannot be used with these files: a copy is written in its original's format, so a
    file name must keep the original's extension, and several copies need a folder."""
    if out is None or _names_folder(out):
        return None
    if len(files) > 1:
        return f"-o {out}：多个文件的审阅副本要写入文件夹，请给出文件夹（不带扩展名）"
    want = os.path.splitext(files[0])[1].lower()
    got = os.path.splitext(out)[1].lower()
    if want and got != want:
        return f"-o {out}：审阅副本与原文件格式相同，文件名应以 {want} 结尾"
    return None


def annotate_file(path: str, out: str, rules, selection) -> tuple[int, int]:
    """(findings, annotations written) for one file; InputError for a file that cannot be
    read or written."""
    from .cli import _read
    from .engine import check_document

    doc = _read(path, selection.limits)
    if doc.format not in ("docx", "pdf"):
        raise InputError(f"annotate writes .docx and .pdf copies, not .{doc.format}")
    if os.path.exists(out) and os.path.samefile(out, path):
        raise InputError("the output would overwrite the original")
    findings, failures, _ = check_document(doc, rules, selection)
    for failure in failures:
        print(f"{path}: error: {failure}", file=sys.stderr)
    findings.sort(key=lambda f: f.sort_key())
    try:
        writer = annotate_docx if doc.format == "docx" else annotate_pdf
        written = writer(doc, findings, out)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from None
    return len(findings), written


def cmd_annotate(args) -> int:
    from .cli import selection_and_rules

    chosen = selection_and_rules(args)
    if chosen is None:
        return 2
    selection, rules = chosen
    several = len(args.files) > 1
    problem = output_problem(args.files, args.output)
    if problem:
        print(f"budgetlint: {problem}", file=sys.stderr)
        return 2
    if args.output and (several or _names_folder(args.output)):
        os.makedirs(args.output, exist_ok=True)
    status = 0
    for path in args.files:
        out = output_path(path, args.output, several)
        try:
            found, written = annotate_file(path, out, rules, selection)
        except InputError as exc:
            print(f"{shown_path(path)}: 错误：{exc}", file=sys.stderr)
            status = 2
            continue
        print(f"{shown_path(path)} → {shown_path(out)}：{found} 条发现，写入 {written} 条批注", file=sys.stderr)
    return status


def add_parser(sub) -> None:
    a = sub.add_parser("annotate", help="生成审阅副本：每条发现在 Word 中加批注、在 PDF 中加高亮和注释")
    a.add_argument("files", nargs="+", metavar="文件")
    a.add_argument("-o", "--output", help="输出文件（一个输入时，扩展名与原文件相同）或文件夹（不带扩展名，不存在时新建）；"
                                          "默认在原文件旁写 名称.budgetlint.扩展名")
    from .cli import add_selection_arguments

    add_selection_arguments(a)
    a.set_defaults(func=cmd_annotate)

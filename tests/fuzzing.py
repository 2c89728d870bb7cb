"""Hostile inputs made from the corpus (issue 13): truncation, byte flips, splices and
structure attacks for each format, seeded so that a failure reproduces. Used by
tests/test_fuzz.py (a bounded sample in CI) and scripts/fuzz.py (a larger run)."""
from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SOURCES = {
    "txt": CORPUS / "seeds" / "000_cfc5e1461f5cd4c8.txt",
    "docx": CORPUS / "docx" / "000_cfc5e1461f5cd4c8.docx",
    "pdf": CORPUS / "pdf" / "000_cfc5e1461f5cd4c8.pdf",
}


def truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[:rnd.randint(1, len(data) - 1)]


def flip(data: bytes, rnd: random.Random) -> bytes:
    d = bytearray(data)
    for _ in range(rnd.randint(1, 64)):
        d[rnd.randrange(len(d))] = rnd.randrange(256)
    return bytes(d)


def splice(data: bytes, rnd: random.Random, other: bytes) -> bytes:
    """The head of one file on the tail of another (of the same format or not)."""
    return data[:rnd.randrange(1, len(data))] + other[rnd.randrange(len(other)):]


def _rezip(data: bytes, edit) -> bytes:
    """The .docx with word/document.xml passed through edit(xml text)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "word/document.xml":
                body = edit(body.decode("utf-8")).encode("utf-8")
            zout.writestr(item.filename, body)
    return out.getvalue()


def _first(pattern: str, repl: str):
    return lambda xml: re.sub(pattern, repl, xml, count=1)


DOCX_ATTACKS = {
    "grid-span": _first(r"<w:tcPr>", '<w:tcPr><w:gridSpan w:val="2000000000"/>'),
    "grid-before": _first(r"<w:tr( [^>]*)?>", r'<w:tr\1><w:trPr><w:gridBefore w:val="900000000"/></w:trPr>'),
    "negative-span": _first(r"<w:tcPr>", '<w:tcPr><w:gridSpan w:val="-5"/>'),
    "nested-tables": lambda xml: xml.replace("<w:body>", "<w:body>" + "<w:tbl><w:tr><w:tc>" * 1200 + "<w:p/>"
                                             + "</w:tc></w:tr></w:tbl>" * 1200, 1),
    "nested-sdt": lambda xml: xml.replace("<w:body>", "<w:body>" + "<w:sdt><w:sdtContent>" * 1500 + "<w:p/>"
                                          + "</w:sdtContent></w:sdt>" * 1500, 1),
    "nested-links": lambda xml: xml.replace("<w:body>", "<w:body><w:p>" + "<w:hyperlink>" * 1500
                                            + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>x</w:t></w:r>"
                                            + "</w:hyperlink>" * 1500 + "</w:p>", 1),
    "unclosed": lambda xml: xml[: len(xml) // 2],
    "no-body": lambda xml: re.sub(r"<w:body>.*</w:body>", "", xml, flags=re.S),
}

PDF_ATTACKS = {
    "reversed-media-box": lambda pdf: re.sub(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]",
                                             rb"/MediaBox[\1 \2 0 0]", pdf),
    "no-xref": lambda pdf: pdf.replace(b"startxref", b"startxreg"),
    "page-count-lies": lambda pdf: re.sub(rb"/Count \d+", b"/Count 999999", pdf, count=1),
    "kids-cycle": lambda pdf: re.sub(rb"/Kids\s*\[", b"/Kids[1 0 R ", pdf, count=1),
}

TXT_ATTACKS = {
    "utf16-no-bom": lambda text: text.encode("utf-16-le"),
    "gb18030": lambda text: text.encode("gb18030"),
    "nul-bytes": lambda text: text.encode("utf-8").replace(b"\n", b"\x00\n"),
    "one-long-line": lambda text: text.replace("\n", " ").encode("utf-8"),
    "many-years": lambda text: ("2025年收入" + "、".join(f"{2000 + i % 50}年" for i in range(3000)) + "。\n").encode(),
    "huge-amount": lambda text: text.replace("95.54", "9" * 60 + ".54", 1).encode("utf-8"),
    # 10,000 dated amounts in one 、 list: every BL3 hit asked for its clause and sentence, and
    # BL313 walked to the clause marks and re-searched the line prefix for each amount (about
    # 75 s of CPU before those were made n log n; about 2 s now)
    "many-amounts": lambda text: (text + "\n2025年收入预算合计" + "、".join(
        f"{2000 + i % 50}年{i % 90 + 1}万元" for i in range(10_000)) + "。\n").encode("utf-8"),
}


def mutants(rnd: random.Random, per_kind: int = 1):
    """(name, suffix, bytes) of hostile inputs: per_kind of each blind mutation per format,
    and every structure attack once."""
    raw = {fmt: path.read_bytes() for fmt, path in SOURCES.items()}
    for fmt, data in raw.items():
        for k in range(per_kind):
            yield f"{fmt}-truncate-{k}", fmt, truncate(data, rnd)
            yield f"{fmt}-flip-{k}", fmt, flip(data, rnd)
            other = raw[rnd.choice(sorted(raw))]
            yield f"{fmt}-splice-{k}", fmt, splice(data, rnd, other)
    for name, attack in DOCX_ATTACKS.items():
        yield f"docx-{name}", "docx", _rezip(raw["docx"], attack)
    for name, attack in PDF_ATTACKS.items():
        yield f"pdf-{name}", "pdf", attack(raw["pdf"])
    text = raw["txt"].decode("utf-8")
    for name, attack in TXT_ATTACKS.items():
        yield f"txt-{name}", "txt", attack(text)

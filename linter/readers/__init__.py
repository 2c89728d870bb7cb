"""One way in per format. read_document() picks the reader, then the structure pass
(sections, table kinds, column keys, units, metadata) runs once over the result."""
from __future__ import annotations

import os

from ..limits import DEFAULT, Limits, check_document
from ..model import Document, EmptyInput, InputError

SUFFIXES = {".txt": "txt", ".md": "txt", ".markdown": "txt", ".docx": "docx", ".pdf": "pdf"}
# Formats a crawl brings back that we do not read: the cause says what to do instead.
UNSUPPORTED = {
    ".doc": "Word 97-2003 binary document (.doc) is not supported: save it as .docx",
    ".wps": "WPS Writer binary document (.wps) is not supported: save it as .docx",
    ".rtf": "RTF is not supported: save it as .docx",
    ".xls": "Excel 97-2003 workbook (.xls) is not supported: export the tables into .docx or .pdf",
    ".xlsx": "Excel workbook (.xlsx) is not supported: export the tables into .docx or .pdf",
    ".et": "WPS spreadsheet (.et) is not supported: export the tables into .docx or .pdf",
    ".ofd": "OFD is not supported: export it as .pdf",
}


def format_of(path: str) -> str | None:
    return SUFFIXES.get(os.path.splitext(path)[1].lower())


def read_document(path: str, limits: Limits = DEFAULT) -> Document:
    """Read and analyse one file within `limits`. Raises InputError with a one-line cause."""
    fmt = format_of(path)
    if fmt is None:
        ext = os.path.splitext(path)[1].lower()
        if ext in UNSUPPORTED:
            raise InputError(UNSUPPORTED[ext])
        raise InputError(f"unsupported file type '{os.path.splitext(path)[1] or '(none)'}'")
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise InputError(f"cannot open file: {exc.strerror or exc}") from None
    if size == 0:
        raise EmptyInput("empty file")
    if fmt == "txt":
        from .txt import read_txt as reader
    elif fmt == "docx":
        from .docx import read_docx as reader
    else:
        from .pdf import read_pdf as reader
    try:
        doc = reader(path, limits)
        check_document(doc, limits)
    except InputError:
        raise
    except MemoryError:
        raise InputError("file too large to read") from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from None
    from ..structure import analyse

    analyse(doc)
    return doc

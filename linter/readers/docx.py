"""Word .docx reader (python-docx). Placeholder until the full reader lands."""
from __future__ import annotations

from ..model import Document, InputError


def read_docx(path: str) -> Document:
    raise InputError(".docx reading is not available in this build")

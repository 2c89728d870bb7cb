"""PDF reader (pdfplumber). Placeholder until the full reader lands."""
from __future__ import annotations

from ..model import Document, InputError


def read_pdf(path: str) -> Document:
    raise InputError(".pdf reading is not available in this build")

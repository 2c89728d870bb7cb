"""Output formats: one renderer each over the same list of findings."""
from __future__ import annotations

import json

from .findings import Finding
from .model import Document


def render_text(findings: list[Finding], docs: dict[str, Document]) -> str:
    out = []
    for f in findings:
        page = f" (page {f.page})" if f.page else ""
        out.append(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}{page}")
        if f.location is not None and f.location.describe():
            out.append(f"        位置：{f.location.describe()}")
        doc = docs.get(f.path)
        if doc is not None and 1 <= f.line <= len(doc.lines):
            text = doc.line(f.line).text.replace("\t", " ")
            start = max(f.column - 1 - 30, 0)
            shown = text[start:start + 100]
            out.append(f"  {f.line:>5} | {shown}")
            flagged = shown[f.column - 1 - start:f.end_column - 1 - start] if f.end_line == f.line else ""
            out.append("        | " + _pad(shown[: f.column - 1 - start]) + "^" * max(len(_pad(flagged)), 1))
        for r in f.related:
            if r.location is not None:
                out.append(f"        = {r.note}：{r.location.describe()}：{r.excerpt}")
            else:
                rp = f" page {r.page}" if r.page else ""
                out.append(f"        = {r.note}: line {r.line}{rp}: {r.excerpt}")
        if f.suggestion:
            out.append(f"        help: {f.suggestion}")
    return "\n".join(out) + ("\n" if out else "")


def _pad(prefix: str) -> str:
    """Spaces as wide as the text on a terminal: CJK characters take two columns."""
    return "".join("  " if ord(ch) > 0x2E80 else " " for ch in prefix)


def render_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2) + "\n"

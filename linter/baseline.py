"""Accepted findings: a baseline file (`check --baseline FILE`, `--update-baseline`).

An accepted finding is keyed by its file, rule, the flagged text and its context (the text
around it on its line, spaces left out), not by its line number: it stays accepted when the
document is edited elsewhere, and comes back when the flagged text or its sentence
changes. Equal keys are counted, so accepting one of two identical findings accepts one.
Entries that no longer match any finding of a file checked in this run are stale.

The file is JSON, meant to be committed beside the drafts:
    {"version": 1, "accepted": [{"path", "rule", "excerpt", "context"}, …]}
"""
from __future__ import annotations

import contextlib
import json
import os
from collections import Counter

from .findings import Finding
from .model import Document, InputError

VERSION = 1
CONTEXT = 12  # characters kept on each side of the flagged text


def context_of(doc: Document, f: Finding) -> str:
    """The flagged text with up to CONTEXT characters either side, spaces left out."""
    if not 1 <= f.line <= len(doc.lines):
        return "".join(f.excerpt.split())
    text = doc.line(f.line).text
    start = max(f.column - 1, 0)
    end = f.end_column - 1 if f.end_line == f.line and f.end_column > f.column else start + len(f.excerpt)
    before = "".join(text[:start].split())[-CONTEXT:]
    after = "".join(text[end:].split())[:CONTEXT]
    return before + "".join(text[start:end].split()) + after


def fingerprint(doc: Document, findings: list[Finding]) -> None:
    """Set each finding's context (the baseline key's third part)."""
    for f in findings:
        f.context = context_of(doc, f)


def _rel(path: str, base: str) -> str:
    return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")


def _key(path: str, rule: str, excerpt: str, context: str) -> tuple[str, str, str, str]:
    return path, rule, "".join(excerpt.split()), context


def load(path: str) -> list[dict] | None:
    """The accepted entries, None when there is no such file yet; InputError naming the cause
    for a file that is not a baseline."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InputError(f"基线 {path} 无法读取（{type(exc).__name__}: {exc}）") from None
    entries = data.get("accepted") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("path", "rule", "excerpt", "context"))
            for e in entries):
        raise InputError(f"基线 {path} 不是 budgetlint 基线文件（应含 accepted 列表，每项有 path/rule/excerpt/context）")
    return entries


def write(path: str, findings: list[Finding]) -> int:
    base = os.path.dirname(os.path.abspath(path))
    entries = [{"path": _rel(f.path, base), "rule": f.rule, "excerpt": f.excerpt, "context": f.context}
               for f in findings if f.rule != "BL000"]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["context"]))
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(f"基线 {path} 无法写入（文件夹 {folder} 不存在）")
    tmp = path + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"version": VERSION, "accepted": entries}, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        os.replace(tmp, path)
    except OSError as exc:
        # the half-written temporary file is ours to remove; the old baseline is left as it was
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise InputError(f"基线 {path} 无法写入（{exc.strerror or type(exc).__name__}）") from None
    return len(entries)


def apply(path: str, findings: list[Finding], checked: list[str]) -> tuple[list[Finding], list[dict]]:
    """(findings not accepted by the baseline at `path`, stale entries of the files checked)."""
    base = os.path.dirname(os.path.abspath(path))
    entries = load(path) or []
    left = Counter(_key(e["path"], e["rule"], e["excerpt"], e["context"]) for e in entries)
    kept = []
    for f in findings:
        k = _key(_rel(f.path, base), f.rule, f.excerpt, f.context)
        if left[k] > 0:
            left[k] -= 1
        else:
            kept.append(f)
    ran = {_rel(p, base) for p in checked}
    stale = []
    for e in entries:
        k = _key(e["path"], e["rule"], e["excerpt"], e["context"])
        if e["path"] in ran and left[k] > 0:
            left[k] -= 1
            stale.append(e)
    return kept, stale

"""The words budgetlint says to people, in their language (Chinese). JSON keys, rule codes
and severity values in machine output stay as they are."""
from __future__ import annotations

SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}


def severity_word(severity: str) -> str:
    return SEVERITY_WORDS.get(severity, severity)


def summary(findings, files: int, unreadable: int) -> str:
    """The closing line of text output: 共 3 条发现（错误 1，警告 2），检查 5 个文件；1 个文件无法读取。"""
    counts = {s: 0 for s in SEVERITY_WORDS}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    parts = "，".join(f"{SEVERITY_WORDS[s]} {n}" for s, n in counts.items() if n and s in SEVERITY_WORDS)
    line = f"共 {len(findings)} 条发现" + (f"（{parts}）" if parts else "") + f"，检查 {files} 个文件"
    if unreadable:
        line += f"；{unreadable} 个文件无法读取或为空"
    return line + "。"

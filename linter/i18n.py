"""The words budgetlint says to people, in their language (Chinese). JSON keys, rule codes
and severity values in machine output stay as they are."""
from __future__ import annotations

SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}


# an audited document's status (the store keeps the English value, people read these)
STATUS_WORDS = {"ok": "正常", "partial": "部分读取", "unreadable": "无法读取", "timeout": "超时",
                "memory": "超出内存", "crash": "检查进程崩溃"}


def severity_word(severity: str) -> str:
    return SEVERITY_WORDS.get(severity, severity)


def status_word(status: str) -> str:
    return STATUS_WORDS.get(status, status)


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


# rule docstrings are written with these English section marks (the rule authors'
# convention, checked by the rule families' tests); people read them in Chinese
DOC_HEADINGS = {"*What it does*": "*作用*", "*Why it matters*": "*为什么重要*", "*Bad*": "*错误示例*",
                "*Good*": "*正确示例*", "*Options*": "*选项*", "*Known limits*": "*已知局限*"}


def localise_headings(text: str) -> str:
    """Rule documentation with its section headings in Chinese."""
    for english, chinese in DOC_HEADINGS.items():
        text = text.replace(english, chinese)
    return text


def rule_documentation(cls) -> str:
    """A rule's documentation for people: a Chinese title line and section headings."""
    import inspect

    text = localise_headings(inspect.cleandoc(cls.__doc__ or ""))
    return f"{cls.code} {cls.name}（{severity_word(cls.severity)}）\n\n{text}\n"

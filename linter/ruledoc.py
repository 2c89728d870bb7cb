"""A rule's reference page, generated from what the rule already holds: its docstring (*What it
does*, *Why it matters*, *Bad*, *Good*), its code, name, severity, pack and options, and its
case file (cases/<CODE>.toml beside the rule) as worked examples, the cases it must report
first, then those it must leave alone. `budgetlint rule CODE` prints one page and
`budgetlint rules --format markdown` all of them, so the documentation is never written twice.
"""
from __future__ import annotations

import inspect
from pathlib import Path

SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}
EXAMPLES_PER_KIND = 2
EXCERPT_LINES = 14


def case_file(cls) -> Path | None:
    """The rule's case file, beside its module: rules/<family>/cases/<CODE>.toml."""
    try:
        path = Path(inspect.getfile(cls)).parent / "cases" / f"{cls.code}.toml"
    except (TypeError, OSError):
        return None
    return path if path.is_file() else None


def _example(case) -> list[str]:
    from .testing import compose

    lines = compose(case.text, case.tables).strip("\n").splitlines()
    shown = lines[:EXCERPT_LINES] + (["……"] if len(lines) > EXCERPT_LINES else [])
    out = [f"`{case.name}`（{case.family}）", "", "```text", *shown, "```"]
    if case.findings:
        out += [""] + [f"- 报告 {f.rule}：`{f.excerpt}`" + (f"（说明含“{f.message}”）" if f.message else "")
                       for f in case.findings]
    return out + [""]


def rule_page(cls) -> str:
    from .i18n import localise_headings
    from .testing import CaseFileError, load_cases

    doc = inspect.cleandoc(cls.__doc__ or "")
    summary, _, body = doc.partition("\n\n")
    out = [f"## {cls.code} {cls.name}", "", f"**{cls.title()}**", "", summary.replace("\n", " "), "",
           f"- 严重程度：{SEVERITY_WORDS.get(cls.severity, cls.severity)}（{cls.severity}）",
           f"- 规则包：{getattr(cls, 'source', '') or 'budgetlint'}"]
    defaults = getattr(cls, "option_defaults", {}) or {}
    if defaults:
        out.append("- 选项（[tool.budgetlint.options." + cls.code + "]）：" +
                   "，".join(f"`{k}` = `{v!r}`" for k, v in defaults.items()))
    else:
        out.append("- 选项：无")
    out += ["", localise_headings(body.strip()), ""] if body.strip() else [""]
    path = case_file(cls)
    if path is not None:
        try:
            cases = load_cases(path)
        except CaseFileError as exc:
            cases = []
            out += [f"（用例文件无法读取：{exc}）", ""]
        bad = [c for c in cases if c.expect == "fail"][:EXAMPLES_PER_KIND]
        good = [c for c in cases if c.expect == "pass"][:EXAMPLES_PER_KIND]
        if bad:
            out += ["### 应报告的示例", ""] + [ln for c in bad for ln in _example(c)]
        if good:
            out += ["### 不应报告的示例", ""] + [ln for c in good for ln in _example(c)]
        if cases:
            out += [f"全部 {len(cases)} 个用例：`{path.parent.name}/{path.name}`（`budgetlint test-rules` 运行）。", ""]
    return "\n".join(out).rstrip() + "\n"


def reference(classes) -> str:
    """Every rule's page, in code order, under a table of contents."""
    toc = ["# budgetlint 规则参考", "", "| 代码 | 名称 | 严重程度 | 规则包 |", "|---|---|---|---|"]
    toc += [f"| [{c.code}](#{c.code.lower()}-{c.name}) | {c.name} | {SEVERITY_WORDS.get(c.severity, c.severity)} "
            f"| {getattr(c, 'source', '') or 'budgetlint'} |" for c in classes]
    return "\n".join(toc) + "\n\n" + "\n".join(rule_page(c) for c in classes)

"""Output formats: one renderer each over the same list of findings."""
from __future__ import annotations

import json

from .findings import Finding
from .i18n import severity_word


def render_text(findings: list[Finding], lines: dict[str, dict[int, str]]) -> str:
    """For people, in their words: the finding's line (path:line:column for editors and
    terminals), where it is in the original, the flagged text underlined, what it conflicts
    with and where, and the suggestion. `lines`: path -> {line number: text} of the lines
    the findings point at (linter.checking keeps those, not the documents)."""
    out = []
    for f in findings:
        page = f"（第{f.page}页）" if f.page and f.location is None else ""
        out.append(f"{f.path}:{f.line}:{f.column}: {f.rule} [{severity_word(f.severity)}] {f.message}{page}")
        if f.location is not None and f.location.describe():
            out.append(f"        位置：{f.location.describe()}")
        text = lines.get(f.path, {}).get(f.line)
        if text is not None and f.rule != "BL000":
            text = text.replace("\t", " ")
            start = max(f.column - 1 - 30, 0)
            shown = text[start:start + 100]
            out.append(f"  {f.line:>5} | {shown}")
            flagged = shown[f.column - 1 - start:f.end_column - 1 - start] if f.end_line == f.line else ""
            out.append("        | " + _pad(shown[: f.column - 1 - start]) + "^" * max(len(_pad(flagged)), 1))
        for r in f.related:
            if r.location is not None and r.location.describe():
                out.append(f"        = {r.note}：{r.location.describe()}：{r.excerpt}")
            else:
                rp = f"第{r.page}页 " if r.page else ""
                out.append(f"        = {r.note}：{rp}第{r.line}行：{r.excerpt}")
        if f.suggestion:
            out.append(f"        建议：{f.suggestion}")
    return "\n".join(out) + ("\n" if out else "")


def _pad(prefix: str) -> str:
    """Spaces as wide as the text on a terminal: CJK characters take two columns."""
    return "".join("  " if ord(ch) > 0x2E80 else " " for ch in prefix)


def render_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2) + "\n"


SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_table() -> dict:
    """{code: rule class} of every loadable rule, for the descriptions SARIF carries."""
    from .engine import all_rule_classes

    return {c.code: c for c in all_rule_classes([])}


def _sarif_region(line: int, column: int | None, end_line: int | None = None, end_column: int | None = None,
                  excerpt: str | None = None) -> dict:
    region: dict = {"startLine": max(line, 1)}
    if column:
        region["startColumn"] = column
    if end_line:
        region["endLine"] = max(end_line, region["startLine"])
    if end_column and end_column > (column or 0) and (end_line or line) == line:
        region["endColumn"] = end_column
    if excerpt:
        region["snippet"] = {"text": excerpt}
    return region


def render_sarif(findings: list[Finding]) -> str:
    """SARIF 2.1.0: one run, the rules that fired as reportingDescriptors, one result per
    finding with its region in the text view, its related places as relatedLocations, and
    the place a person opens (location) and the baseline key in the result's properties."""
    from . import __version__

    rules = _rule_table()
    fired = sorted({f.rule for f in findings})
    index = {code: i for i, code in enumerate(fired)}
    descriptors = []
    for code in fired:
        cls = rules.get(code)
        d: dict = {"id": code}
        if cls is not None:
            d["name"] = cls.name
            d["shortDescription"] = {"text": cls.summary() or cls.name}
            d["fullDescription"] = {"text": cls.documentation()}
            d["defaultConfiguration"] = {"level": SARIF_LEVEL.get(cls.severity, "warning")}
        elif code == "BL000":
            d["name"] = "unreadable-input"
            d["shortDescription"] = {"text": "文件无法读取"}
        descriptors.append(d)
    results = []
    for f in findings:
        r: dict = {
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": SARIF_LEVEL.get(f.severity, "warning"),
            "message": {"text": f.message + (f"（建议：{f.suggestion}）" if f.suggestion else "")},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(f.path)},
                "region": _sarif_region(f.line, f.column, f.end_line, f.end_column, f.excerpt or None)}}],
        }
        if f.location is not None:
            r["locations"][0]["message"] = {"text": f.location.describe() or f"第{f.line}行"}
        related = []
        for i, rel in enumerate(f.related, 1):
            where = rel.location.describe() if rel.location is not None else ""
            related.append({"id": i, "message": {"text": f"{rel.note}：{where or rel.excerpt}"},
                            "physicalLocation": {"artifactLocation": {"uri": _uri(f.path)},
                                                 "region": _sarif_region(rel.line, rel.column, excerpt=rel.excerpt)}})
        if related:
            r["relatedLocations"] = related
        if getattr(f, "context", ""):
            r["partialFingerprints"] = {"budgetlintContext/v1": f"{f.rule}:{f.context}"}
        props: dict = {"name": f.name}
        if f.location is not None:
            props["location"] = f.location.to_json()
        if f.suggestion:
            props["suggestion"] = f.suggestion
        r["properties"] = props
        results.append(r)
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "budgetlint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": "https://pypi.org/project/budgetlint/", "rules": descriptors}},
        "columnKind": "unicodeCodePoints",
        "results": results}]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    from urllib.parse import quote

    path = path.replace("\\", "/")
    try:  # a name that is not UTF-8: its own bytes, percent-encoded
        return quote(path.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:
        return quote(path.encode("utf-8", "replace"))


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: one ::error/::warning/::notice line per finding,
    shown on the pull request's files."""
    out = []
    for f in findings:
        where = f.location.describe() if f.location is not None else ""
        props = [f"file={_gh_escape(f.path, True)}", f"line={max(f.line, 1)}", f"col={max(f.column, 1)}"]
        if f.end_line == f.line and f.end_column > f.column:
            props.append(f"endColumn={f.end_column}")
        props.append("title=" + _gh_escape(f"{f.rule} {f.name}", True))
        message = f.message
        if where:
            message += f"（{where}）"
        for r in f.related:
            message += f"\n{r.note}：{r.location.describe() if r.location is not None else r.excerpt}"
        if f.suggestion:
            message += f"\n建议：{f.suggestion}"
        out.append(f"::{GITHUB_COMMAND.get(f.severity, 'warning')} {','.join(props)}::{_gh_escape(message)}")
    return "\n".join(out) + ("\n" if out else "")


def render_junit(findings: list[Finding], files: list[str] | None = None, failing=None) -> str:
    """JUnit XML: one test case per file checked, failed by its findings at or above
    --fail-on (one <failure> each, in the file's order), so a CI test report lists the
    documents and is red exactly when the job is. Findings below --fail-on are kept in the
    test case's <system-out>."""
    from xml.sax.saxutils import quoteattr, escape

    failing = failing or (lambda f: True)
    by_file: dict[str, list[Finding]] = {}
    for path in files or []:
        by_file.setdefault(path, [])
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    failures = sum(1 for fs in by_file.values() if any(failing(f) for f in fs))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<testsuites name="budgetlint" tests="{len(by_file)}" failures="{failures}">',
             f'  <testsuite name="budgetlint" tests="{len(by_file)}" failures="{failures}" errors="0">']
    for path, fs in by_file.items():
        lines.append(f"    <testcase classname=\"budgetlint\" name={quoteattr(path)}>")
        quiet = []
        for f in fs:
            where = f.location.describe() if f.location is not None else ""
            body = [f"{f.path}:{f.line}:{f.column}: {f.rule} [{severity_word(f.severity)}] {f.message}"]
            if where:
                body.append(f"位置：{where}")
            body += [f"{r.note}：{r.location.describe() if r.location is not None else r.excerpt}" for r in f.related]
            if f.suggestion:
                body.append(f"建议：{f.suggestion}")
            if not failing(f):
                quiet.append(chr(10).join(body))
                continue
            lines.append(f"      <failure type={quoteattr(f.rule)} message={quoteattr(f.message)}>"
                         f"{escape(chr(10).join(body))}</failure>")
        if quiet:
            lines.append(f"      <system-out>{escape((chr(10) * 2).join(quiet))}</system-out>")
        lines.append("    </testcase>")
    lines += ["  </testsuite>", "</testsuites>"]
    return "\n".join(lines) + "\n"

"""Run rules on small documents, and rule cases kept as data.

For rule authors and for budgetlint's own tests. A document is built from a string (the
ordinary .txt reader, so Markdown pipe tables work inline) plus optional small tables given as
rows; it then goes through the structure pass exactly as a file would.

Rule cases live beside their rule, one TOML file per rule code
(`rules/<family>/cases/<CODE>.toml`), in the spirit of sqlfluff's YAML rule cases:

    [[case]]
    name = "fund-income-claimed-but-table-blank"   # unique in the file
    family = "hebei"          # the template family the wording follows
    expect = "fail"           # fail: exactly the findings listed; pass: none
    select = ["BL201"]        # optional; defaults to the file's rule code
    text = '''
    平乡县财政局2025年部门预算公开
    2025年收入预算107.54万元，其中政府性基金预算收入18万元。
    '''
    [[case.tables]]           # optional, appended after the text in order
    title = "收支预算总表"
    unit = "万元"              # optional: written as 单位：万元 under the title
    rows = [["项目", "预算数"], ["一般公共预算拨款收入", "95.54"]]
    [[case.findings]]         # expect = "fail" only
    rule = "BL201"            # optional; defaults to the file's rule code
    excerpt = "18万元"         # the finding's excerpt, exactly
    message = "政府性基金"      # optional: a fragment of the message

A fail case passes when the selected rules report exactly the listed findings (each matched
once, in any order); a pass case when they report nothing.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .findings import Finding
from .model import Document

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - 3.10
    import tomli as tomllib

FAMILIES = ("hebei", "shanghai", "jiangsu", "mof", "other")
_CASE_KEYS = {"name", "family", "expect", "select", "text", "tables", "findings"}
_TABLE_KEYS = {"title", "unit", "rows"}
_FINDING_KEYS = {"rule", "excerpt", "message"}


class CaseFileError(ValueError):
    """A case file that does not follow the format; the message names the file and case."""


# --- documents from strings ---------------------------------------------------------------

def markdown_table(rows: list[list[str]]) -> str:
    """Rows as a Markdown pipe table, the first row as its header."""
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    lines = []
    for i, row in enumerate(rows):
        cells = [str(c).replace("|", "｜") for c in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


def compose(text: str, tables: list[dict] | None = None) -> str:
    """The full text of a small document: `text`, then each table as a title line, an
    optional 单位 line and a Markdown table, separated by blank lines."""
    parts = [text.strip("\n")]
    for t in tables or []:
        block = []
        if t.get("title"):
            block.append(t["title"])
        if t.get("unit"):
            block.append(f"单位：{t['unit']}")
        block.append(markdown_table(t.get("rows", [])))
        parts.append("\n".join(block))
    return "\n\n".join(p for p in parts if p) + "\n"


def document_from_text(text: str, tables: list[dict] | None = None, path: str = "case.txt") -> Document:
    """Read a string (and optional tables: dicts with title, unit, rows) as a .txt document
    and run the structure pass over it, as `read_document` does for a file."""
    from .readers.txt import txt_document
    from .structure import analyse

    doc = txt_document(compose(text, tables), path)
    analyse(doc)
    return doc


def run_rules_on(doc: Document, select: list[str]) -> list[Finding]:
    """The findings of the rules matching `select` (codes or prefixes) on one document."""
    from .engine import Selection, run_rules, select_rules

    selection = Selection(select=list(select))
    rules, unknown = select_rules(selection)
    if unknown:
        raise NoSuchRule(f"no rule matches {', '.join(unknown)}")
    return list(run_rules(doc, rules, selection))


class NoSuchRule(ValueError):
    """A case selects a rule that is not installed (a pack's cases run before the pack is)."""


def run_rule(code: str, text: str, tables: list[dict] | None = None) -> list[Finding]:
    """Findings of one rule (or a prefix such as BL2) on a document given as a string."""
    return run_rules_on(document_from_text(text, tables), [code])


# --- cases as data ------------------------------------------------------------------------

@dataclass
class ExpectedFinding:
    rule: str
    excerpt: str
    message: str | None = None

    def matches(self, f: Finding) -> bool:
        return f.rule == self.rule and f.excerpt == self.excerpt and (
            self.message is None or self.message in f.message)

    def describe(self) -> str:
        msg = f" (message contains {self.message!r})" if self.message else ""
        return f"{self.rule} `{self.excerpt}`{msg}"


@dataclass
class Case:
    code: str  # the rule code the file is named after
    name: str
    family: str
    expect: str  # fail | pass
    select: list[str]
    text: str
    tables: list[dict] = field(default_factory=list)
    findings: list[ExpectedFinding] = field(default_factory=list)
    source: str = ""

    @property
    def id(self) -> str:
        return f"{self.code}:{self.name}"

    def document(self) -> Document:
        return document_from_text(self.text, self.tables, path=f"{self.code}-{self.name}.txt")


def load_cases(path: str | os.PathLike) -> list[Case]:
    """The cases of one file; the file's name (BL201.toml) is the rule code."""
    path = Path(path)
    code = path.stem
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CaseFileError(f"{where}: {exc}") from None
    if set(data) - {"case"}:
        raise CaseFileError(f"{where}: unknown top-level keys {sorted(set(data) - {'case'})}")
    cases, names = [], set()
    for i, raw in enumerate(data.get("case", []), 1):
        label = f"{where}: case {raw.get('name') or i}"
        unknown = set(raw) - _CASE_KEYS
        if unknown:
            raise CaseFileError(f"{label}: unknown keys {sorted(unknown)}")
        for key in ("name", "family", "expect", "text"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise CaseFileError(f"{label}: `{key}` must be a non-empty string")
        if raw["name"] in names:
            raise CaseFileError(f"{label}: duplicate name")
        names.add(raw["name"])
        if raw["family"] not in FAMILIES:
            raise CaseFileError(f"{label}: family must be one of {', '.join(FAMILIES)}")
        if raw["expect"] not in ("fail", "pass"):
            raise CaseFileError(f"{label}: expect must be 'fail' or 'pass'")
        for t in raw.get("tables", []):
            if set(t) - _TABLE_KEYS or not isinstance(t.get("rows"), list):
                raise CaseFileError(f"{label}: a table has keys title, unit, rows (a list of rows)")
        expected = []
        for f in raw.get("findings", []):
            if set(f) - _FINDING_KEYS or not isinstance(f.get("excerpt"), str):
                raise CaseFileError(f"{label}: a finding has keys rule, excerpt, message (excerpt required)")
            expected.append(ExpectedFinding(f.get("rule", code), f["excerpt"], f.get("message")))
        if raw["expect"] == "fail" and not expected:
            raise CaseFileError(f"{label}: a fail case lists the findings it expects")
        if raw["expect"] == "pass" and expected:
            raise CaseFileError(f"{label}: a pass case lists no findings")
        select = raw.get("select", [code])
        if isinstance(select, str):
            select = [select]
        cases.append(Case(code, raw["name"], raw["family"], raw["expect"], list(select), raw["text"],
                          list(raw.get("tables", [])), expected, where))
    return cases


def builtin_case_files() -> list[Path]:
    """The built-in rules' case files (rules/<family>/cases/<CODE>.toml)."""
    import rules

    root = Path(rules.__file__).parent
    return sorted(root.glob("*/cases/*.toml"))


@dataclass
class CaseResult:
    case: Case
    reported: list[Finding]
    problems: list[str]  # [] when the case passes

    @property
    def passed(self) -> bool:
        return not self.problems

    def report(self) -> str:
        """A failing case shown in full: the document, the expected findings, the reported ones."""
        case = self.case
        numbered = "\n".join(f"{i:4} | {ln}" for i, ln in enumerate(compose(case.text, case.tables).splitlines(), 1))
        exp = "\n".join(f"  - {e.describe()}" for e in case.findings) or "  (none)"
        got = "\n".join(f"  - {f.rule} line {f.line}:{f.column} `{f.excerpt}` — {f.message}"
                        for f in self.reported) or "  (none)"
        return (f"case {case.id} ({case.family}, expect {case.expect}) in {case.source}\n"
                + "\n".join(f"  ! {p}" for p in self.problems)
                + f"\ndocument:\n{numbered}\nexpected:\n{exp}\nreported ({', '.join(case.select)}):\n{got}")


def check_case(case: Case) -> CaseResult:
    """Run the case's rules on its document and compare with what it expects."""
    reported = run_rules_on(case.document(), case.select)
    unmatched = list(reported)
    problems = []
    for exp in case.findings:
        hit = next((f for f in unmatched if exp.matches(f)), None)
        if hit is None:
            problems.append(f"expected, not reported: {exp.describe()}")
        else:
            unmatched.remove(hit)
    for f in unmatched:
        problems.append(f"reported, not expected: {f.rule} `{f.excerpt}` — {f.message}")
    return CaseResult(case, reported, problems)


# A case file is named after its rule code (BL201.toml, JS101.toml). It lives here, not in the
# pytest plugin, so `budgetlint test-rules` works where pytest is not installed.
CASE_FILE = regex.compile(r"[A-Z]+[0-9]+")


def case_files_under(paths: list[str]) -> list[Path]:
    """Case files named or found below folders: `<CODE>.toml` files in a `cases` folder."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(f for f in sorted(p.rglob("*.toml"))
                       if f.parent.name == "cases" and CASE_FILE.fullmatch(f.stem))
        else:
            out.append(p)
    return out


def run_case_files(paths: list[Path], out) -> int:
    """`budgetlint test-rules`: run every case, print failures in full and a summary line.
    0 when all pass, 1 when a case fails, 2 when a file cannot be read as cases."""
    passed = failed = 0
    broken = False
    for path in paths:
        try:
            cases = load_cases(path)
        except CaseFileError as exc:
            print(f"budgetlint: {exc}", file=out)
            broken = True
            continue
        for case in cases:
            try:
                result = check_case(case)
            except NoSuchRule as exc:
                print(f"budgetlint: {path}: 用例 {case.name} 所选的规则未安装（{exc}；规则包是否已用 pip 安装？）",
                      file=sys.stderr)
                broken = True
                break
            if result.passed:
                passed += 1
            else:
                failed += 1
                print(result.report() + "\n", file=out)
    print(f"{passed} 个用例通过，{failed} 个失败（{len(paths)} 个用例文件）", file=out)
    return 2 if broken else (1 if failed else 0)

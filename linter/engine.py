"""Rule engine: rule base class, lazy discovery through entry points, selection, running."""
from __future__ import annotations

import fnmatch
import importlib
import inspect
import os
from dataclasses import dataclass, field
from decimal import localcontext
from typing import Callable, Iterable, Iterator

from .findings import Finding, Related
from .limits import Limits
from .numbers import ARITHMETIC
from .model import Cell, Document

ENTRY_POINT_GROUP = "budgetlint.rules"

# Built-in families, used when the package metadata is not installed (running from a
# source checkout). Installed, the same list comes from the entry points in pyproject.toml.
BUILTIN_FAMILIES = {
    "BL1": "rules.arithmetic:load",
    "BL2": "rules.narrative:load",
    "BL3": "rules.template:load",
    "BL4": "rules.performance:load",
}


class Rule:
    """One check. Subclasses set code, name, severity and a docstring with the sections
    *What it does*, *Why it matters*, *Bad* and *Good*, and implement check()."""

    code: str = ""
    name: str = ""
    severity: str = "warning"
    family: str = ""  # the entry-point prefix it was loaded under (BL1, XP1 …)
    source: str = ""  # the distribution that ships it: budgetlint, or a pack's name

    # options a rule reads from [tool.budgetlint.options.CODE], with their defaults (documented
    # on the rule's generated page)
    option_defaults: dict = {}

    def __init__(self, options: dict | None = None):
        self.options = {**self.option_defaults, **(options or {})}

    def check(self, doc: Document) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    # --- helpers for building findings that point at the exact text -----------------
    def at_cell(self, cell: Cell, message: str, related: list[Related] | None = None,
                suggestion: str | None = None, severity: str | None = None) -> Finding:
        column, end_column, text = cell.span()
        return Finding(
            rule=self.code, name=self.name, severity=severity or self.severity, message=message,
            line=cell.line, column=column, end_line=cell.line, end_column=end_column,
            page=cell.page, excerpt=text, related=related or [], suggestion=suggestion,
        )

    def at_span(self, doc: Document, line: int, start: int, end: int, message: str,
                related: list[Related] | None = None, suggestion: str | None = None,
                severity: str | None = None) -> Finding:
        """A finding on characters [start, end) of a text-view line (0-based offsets)."""
        ln = doc.line(line)
        return Finding(
            rule=self.code, name=self.name, severity=severity or self.severity, message=message,
            line=line, column=start + 1, end_line=line, end_column=end + 1, page=ln.page_at(start + 1),
            excerpt=ln.text[start:end], related=related or [], suggestion=suggestion,
        )

    @classmethod
    def summary(cls) -> str:
        """The docstring's first paragraph on one line ("" without a docstring)."""
        first = inspect.cleandoc(cls.__doc__ or "").split("\n\n", 1)[0]
        return " ".join(part.strip() for part in first.splitlines())

    @classmethod
    def title(cls) -> str:
        """The rule's one-line Chinese title (linter/data/rule_titles.json, where packs add
        theirs); the docstring's summary when it has none."""
        from .vocab import load_json

        return (load_json("rule_titles.json").get("titles") or {}).get(cls.code) or cls.summary()

    @classmethod
    def documentation(cls) -> str:
        doc = inspect.cleandoc(cls.__doc__ or "")
        return f"{cls.code} {cls.name} ({cls.severity})\n\n{doc}\n"


class BatchRule(Rule):
    """A check across the documents of one run. summarise(doc) is called once per document
    (right after its per-document rules) and returns a small picklable dict, so the Document
    can be released; check_batch(summaries) is called once at the end of the run."""

    def check(self, doc: Document) -> Iterable[Finding]:
        return ()  # nothing per document

    def summarise(self, doc: Document) -> dict:  # pragma: no cover - interface
        raise NotImplementedError

    def check_batch(self, summaries: list[dict]) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def batch_groups(self, summary: dict) -> list[tuple[str | None, dict]]:
        """The summary split into (group key, part): parts with different keys never meet in
        check_batch, so a store can hand the rule one group at a time instead of every summary
        of a run. A part has the summary's shape (check_batch takes either). Default: the whole
        summary in one group for all."""
        return [(None, summary)]


class RulePackError(Exception):
    """A rule family whose module or load() fails, whose prefix collides with another pack's,
    or which does not support this budgetlint version; the message names it in one line."""


BUILTIN_SOURCE = "budgetlint"


@dataclass
class Family:
    prefix: str
    target: str  # "module:function"
    source: str = BUILTIN_SOURCE  # the distribution that registered it
    requires: str | None = None  # the budgetlint versions the pack declares it supports
    _rules: list[type[Rule]] | None = field(default=None, repr=False)

    @property
    def builtin(self) -> bool:
        return self.source == BUILTIN_SOURCE

    def rules(self) -> list[type[Rule]]:
        if self._rules is None:
            self._check_version()
            module, _, func = self.target.partition(":")
            try:
                loader: Callable[[], list[type[Rule]]] = getattr(importlib.import_module(module), func)
                loaded = list(loader())
            except Exception as exc:  # a third-party pack's missing dependency, a typo in its entry point
                hint = ""
                if isinstance(exc, ModuleNotFoundError):
                    # an environment installed before a dependency was added (git pull on an
                    # editable install): say how to mend it, not only what is missing
                    hint = (f"; reinstall {self.source or 'the pack'} so its dependencies are installed "
                            f"(pip install -e . in a checkout)")
                raise RulePackError(f"rule pack {self.prefix} ({self.target}) cannot be loaded: "
                                    f"{type(exc).__name__}: {exc}{hint}") from exc
            stray = [cls.code for cls in loaded if not str(getattr(cls, "code", "")).startswith(self.prefix)]
            if stray:
                raise RulePackError(f"rule pack {self.prefix} ({self.source}) defines {stray[0]}, "
                                    f"which does not start with its prefix {self.prefix}")
            for cls in loaded:
                cls.family = cls.family or self.prefix
                cls.source = self.source
            self._rules = loaded
        return self._rules

    def _check_version(self) -> None:
        """A pack states the budgetlint versions it supports as an ordinary requirement of its
        distribution (Requires-Dist: budgetlint>=0.2,<0.4); pip honours it at install, and an
        upgrade or a --no-deps install that breaks it is one line here, not a traceback."""
        if not self.requires:
            return
        from packaging.specifiers import InvalidSpecifier, SpecifierSet

        from . import __version__

        try:
            ok = SpecifierSet(self.requires).contains(__version__, prereleases=True)
        except InvalidSpecifier:
            raise RulePackError(f"rule pack {self.prefix} ({self.source}) declares an unreadable "
                                f"budgetlint requirement '{self.requires}'") from None
        if not ok:
            raise RulePackError(f"rule pack {self.prefix} ({self.source}) supports budgetlint "
                                f"{self.requires}, not {__version__}")


def _budgetlint_requirement(dist) -> str | None:
    """The version specifier a distribution puts on budgetlint ('' when it names none)."""
    from packaging.requirements import InvalidRequirement, Requirement

    for line in (dist.requires or []) if dist is not None else []:
        try:
            req = Requirement(line)
        except InvalidRequirement:
            continue
        if req.name.lower() == "budgetlint" and not req.marker:
            return str(req.specifier) or None
    return None


def discover_families() -> list[Family]:
    """Rule families from the entry-point group; built-ins first, third-party packs after.
    Two packs whose prefixes overlap (XP1 and XP1, or XP and XP1) would claim the same codes:
    that is a RulePackError naming both."""
    families: dict[str, Family] = {}
    try:
        from .entrypoints import entry_points

        eps = list(entry_points(group=ENTRY_POINT_GROUP))
    except Exception:  # broken metadata must not stop a lint run
        eps = []
    for ep in eps:
        source = ep.dist_name or ep.value.split(":")[0].split(".")[0]
        if source.lower() == BUILTIN_SOURCE:
            source = BUILTIN_SOURCE
        fam = Family(ep.name, ep.value, source,
                     None if source == BUILTIN_SOURCE else _budgetlint_requirement(ep.dist))
        for other in families.values():
            same_place = other.source == fam.source and other.target == fam.target
            if not same_place and (other.prefix.startswith(fam.prefix) or fam.prefix.startswith(other.prefix)):
                raise RulePackError(f"rule pack prefix {fam.prefix} ({fam.source}) collides with "
                                    f"{other.prefix} ({other.source}); each pack needs a prefix of its own")
        families[ep.name] = fam
    for prefix, target in BUILTIN_FAMILIES.items():
        families.setdefault(prefix, Family(prefix, target))
    return sorted(families.values(), key=lambda f: (not f.builtin, f.prefix))


def _matches(code: str, selectors: Iterable[str] | None) -> bool:
    """None selects everything (the default: built-in rules and every installed pack)."""
    return selectors is None or any(code.startswith(s) for s in selectors)


def _specificity(code: str, selectors: Iterable[str] | None) -> int:
    """The length of the longest selector naming `code`: 0 for None (everything), -1 for none."""
    if selectors is None:
        return 0
    return max((len(s) for s in selectors if code.startswith(s)), default=-1)


def _path_matches(rel: str, pattern: str) -> bool:
    """A glob against a path relative to the configuration's folder: a pattern without a
    slash matches the file name, one ending in a slash a folder, and a leading **/ any
    number of folders (none included)."""
    pattern = pattern.replace(os.sep, "/").removeprefix("./")
    if "/" not in pattern:
        return fnmatch.fnmatch(rel.rsplit("/", 1)[-1], pattern) or fnmatch.fnmatch(rel, pattern)
    if pattern.endswith("/"):
        pattern += "*"
    return fnmatch.fnmatch(rel, pattern) or (pattern.startswith("**/") and fnmatch.fnmatch(rel, pattern[3:]))


def _could_match(prefix: str, selectors: list[str] | None) -> bool:
    return selectors is None or any(s.startswith(prefix) or prefix.startswith(s) for s in selectors)


@dataclass
class Selection:
    # None: every rule, built-in and from installed packs; a list replaces that default
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)  # added to select (as in ruff)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # code or prefix -> severity
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> codes
    options: dict[str, dict] = field(default_factory=dict)  # code -> options
    root: str = ""  # per-file-ignores globs are relative to this folder (the configuration's; else cwd)
    limits: Limits = field(default_factory=Limits)  # what the readers accept ([tool.budgetlint.limits])

    def enabled(self, code: str, path: str | None = None) -> bool:
        # as in ruff, the most specific selector decides: `--select BL309 --ignore BL3` keeps
        # BL309, `--select BL3 --ignore BL309` drops it; at equal length the ignore wins
        if _specificity(code, self.ignore) >= max(_specificity(code, self.select),
                                                  _specificity(code, self.extend_select)):
            return False
        if path is not None and self.per_file_ignores:
            rel = os.path.relpath(os.path.abspath(path), self.root or os.getcwd()).replace(os.sep, "/")
            for pattern, codes in self.per_file_ignores.items():
                if _matches(code, codes) and _path_matches(rel, pattern):
                    return False
        return True

    def selects(self, code: str) -> bool:
        return _matches(code, self.select) or _matches(code, self.extend_select)

    def could_select(self, prefix: str) -> bool:
        return _could_match(prefix, self.select) or _could_match(prefix, self.extend_select)

    def severity_for(self, code: str, default: str) -> str:
        best, best_len = default, -1
        for key, sev in self.severity.items():
            if code.startswith(key) and len(key) > best_len:
                best, best_len = sev, len(key)
        return best


class InputProblem(Rule):
    """A file that could not be checked, or only in part (BL000, reported by the engine itself).

    *What it does*: a file that cannot be read is one BL000 error naming the file and the
    cause: not found, a format budgetlint does not read (.doc, .wps), corrupt or truncated,
    encrypted, an encoding it cannot tell, no text layer, a reader limit exceeded, the time
    limit exceeded. An empty file is a BL000 notice (info). A file read only in part (PDF
    pages that cannot be read) is a BL000 warning that names the pages; the rest is checked.

    *Why it matters*: a file that was not checked must not look like a clean one. BL000 is
    always reported, whatever is selected or ignored; `--select BL000` runs no rule and lists
    only the files that could not be checked.
    """

    code = "BL000"
    name = "unreadable-input"
    severity = "error"
    source = "budgetlint"

    def check(self, doc: Document) -> Iterable[Finding]:
        return ()  # the readers and the command raise it; no document-level check


def load_rules(selection: Selection | None = None) -> list[Rule]:
    return select_rules(selection)[0]


def select_rules(selection: Selection | None = None) -> tuple[list[Rule], list[str]]:
    """The selected rules, and the selectors of `select` that name no rule at all (a typo
    would otherwise run nothing and report success)."""
    selection = selection or Selection()
    rules: list[Rule] = []
    codes: list[str] = []
    for fam in discover_families():
        if not selection.could_select(fam.prefix):
            continue  # lazy: a family nobody selected is never imported
        for cls in fam.rules():
            codes.append(cls.code)
            if selection.enabled(cls.code):
                rules.append(cls(selection.options.get(cls.code)))
    named = (selection.select or []) + selection.extend_select
    codes.append(InputProblem.code)  # selectable, though it is never run
    unknown = [s for s in named if not any(c.startswith(s) for c in codes)]
    return sorted(rules, key=lambda r: r.code), unknown


def all_rule_classes(errors: list[str] | None = None) -> list[type[Rule]]:
    """Every rule of every family. A family that cannot be loaded raises RulePackError or,
    when `errors` is given, is left out with its message appended there."""
    out: list[type[Rule]] = [InputProblem]
    for fam in discover_families():
        try:
            out.extend(fam.rules())
        except RulePackError as exc:
            if errors is None:
                raise
            errors.append(str(exc))
    return sorted(out, key=lambda r: r.code)


def check_document(doc: Document, rules: list[Rule], selection: Selection) -> tuple[list[Finding], list[str], dict]:
    """One document through every rule: (findings, each located for a person, one line per
    rule that failed, {code: summary} of the batch rules). A rule bug ends neither the batch
    nor the other rules."""
    findings: list[Finding] = []
    failures: list[str] = []
    summaries: dict[str, dict] = {}
    for rule in rules:
        try:
            findings.extend(run_rules(doc, [rule], selection))
            if isinstance(rule, BatchRule):
                summaries[rule.code] = rule.summarise(doc)
        except MemoryError:  # the document's, not the rule's: the hard stop (linter.isolation) reports it
            raise
        except Exception as exc:
            failures.append(f"rule {rule.code} failed: {type(exc).__name__}: {exc}")
    from .baseline import fingerprint
    from .locate import locate_findings
    from .suppress import suppressed

    findings = suppressed(doc, findings)
    locate_findings(doc, findings)
    fingerprint(doc, findings)
    return findings, failures, summaries


def run_rules(doc: Document, rules: list[Rule], selection: Selection | None = None) -> Iterator[Finding]:
    selection = selection or Selection()
    for rule in rules:
        if not selection.enabled(rule.code, doc.path):
            continue
        findings = iter(rule.check(doc))
        while True:
            with localcontext(ARITHMETIC):  # each step of the rule's generator, not the caller's
                finding = next(findings, None)
            if finding is None:
                break
            finding.path = doc.path
            finding.severity = selection.severity_for(rule.code, finding.severity)
            yield finding

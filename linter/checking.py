"""`check`'s work on its files, each document under the hard stop (issue 13).

Each file is read and checked by a task (`_Tasks.file`) that returns plain data: its
findings, the stderr lines to print, the batch rules' summaries, and for text output the
lines the findings point at. With a time or memory limit set ([tool.budgetlint.limits], on
by default) the tasks run in workers forked from this process (linter.isolation, start
"fork"): the rules are already loaded, so a worker costs a few milliseconds, and a
document that hangs, crashes or runs out of memory is that file's BL000 while the other
files are still checked. One file gets one worker; several share min(files, cores, --jobs)
workers, each checking one document after another. Without limits (or without os.fork) the
same tasks run in this process.

The results are taken in the files' order, so stderr and the output read the same whatever
the number of workers.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from .engine import BatchRule, Selection, check_document
from .findings import Finding
from .isolation import out_of_memory
from .model import Document, InputError


@dataclass
class Lint:
    """What the rules said about one document (or a joined publication)."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # stderr lines of rules that failed
    summaries: dict = field(default_factory=dict)  # batch rule code -> summary
    lines: dict = field(default_factory=dict)  # path -> {line number: text}, for text output


@dataclass
class FileResult:
    path: str
    read: list[tuple[Finding, str]] = field(default_factory=list)  # (BL000, stderr line) of the reading
    unreadable: bool = False
    lint: Lint | None = None
    half: tuple[Document, dict] | None = None  # half of a split publication: (document, pairing summary)


@dataclass
class CheckRun:
    findings: list[Finding] = field(default_factory=list)
    lines: dict = field(default_factory=dict)
    unreadable: int = 0
    rule_failed: bool = False


def _shown(path: str) -> str:
    from .output import shown_path

    return shown_path(path)


class _Tasks:
    """The work on one file and on one joined publication; run in a worker or in-process."""

    def __init__(self, rules: list, selection: Selection, want_lines: bool):
        self.rules, self.selection, self.want_lines = rules, selection, want_lines

    def file(self, path: str) -> FileResult:
        from . import output, patterncache
        from .cli import _read
        from .i18n import severity_word
        from .pairing import summarise

        result = FileResult(path)
        try:
            doc = _read(path, self.selection.limits)
        except InputError as exc:
            if out_of_memory(exc):  # a reader out of the worker's memory limit, whatever it said
                raise MemoryError from None
            finding = output.input_finding(path, exc)
            result.read.append((finding, f"{_shown(path)}: {severity_word(finding.severity)}：{exc}"))
            result.unreadable = True
            return result
        for warning in doc.warnings:
            result.read.append((output.partial_finding(path, warning),
                                f"{_shown(path)}: {severity_word('warning')}：{warning}"))
        try:
            summary = summarise(doc)
            result.lint = self._lint(doc, [doc])  # a half alone too: used when no other half is in the run
        except Exception as exc:  # a bug met on one file must not lose the others' findings
            if out_of_memory(exc):
                raise MemoryError from None
            result.lint = _internal_error(path, exc)
            return result
        if summary["part"] != "whole":
            result.half = (doc, summary)
        patterncache.save()  # in a worker, before its result is sent: it is killed afterwards
        return result

    def pair(self, halves: tuple[Document, Document]) -> Lint:
        from .pairing import join

        try:
            return self._lint(join(*halves), list(halves))
        except Exception as exc:
            if out_of_memory(exc):
                raise MemoryError from None
            return _internal_error(halves[0].path, exc)

    def _lint(self, doc: Document, originals: list[Document]) -> Lint:
        from .pairing import locate

        found, failures, summaries = check_document(doc, self.rules, self.selection)
        out = Lint([locate(f, doc) for f in found],  # a joined publication: back on each file
                   [f"{_shown(doc.path)}: 错误：{failure}" for failure in failures], summaries)
        if self.want_lines:
            by_path = {d.path: d for d in originals}
            for f in out.findings:
                source = by_path.get(f.path)
                if source is not None and 1 <= f.line <= len(source.lines):
                    out.lines.setdefault(f.path, {})[f.line] = source.line(f.line).text
        return out


def _internal_error(path: str, exc: Exception) -> Lint:
    from .output import input_finding

    cause = f"internal error ({type(exc).__name__}: {exc})"
    return Lint([input_finding(path, InputError(cause))], [f"{_shown(path)}: 错误：{cause}"])


def _stopped(path: str, cause: str) -> FileResult:
    """A document the hard stop ended (time, memory) or whose worker died."""
    from .output import stopped_finding

    finding = stopped_finding(path, cause)
    return FileResult(path, read=[(finding, f"{_shown(path)}: 错误：{cause}")], unreadable=True)


def _in_order(pool, task, items: list, failed):
    """task(item) for every item, yielded in the items' order as soon as each is done: on the
    pool's workers under the hard stop, or here when there is no pool. A failed outcome
    becomes failed(item, cause)."""
    if pool is None:
        yield from map(task, items)
        return
    done: dict[int, object] = {}
    following = 0
    for (i, _), outcome in pool.map(enumerate(items)):
        done[i] = outcome.value if outcome.ok else failed(items[i], outcome.cause)
        while following in done:
            yield done.pop(following)
            following += 1


def check_files(files: list[str], selection: Selection, rules: list, want_lines: bool,
                jobs: int | None = None) -> CheckRun:
    """Every file checked (halves of a split publication together), the batch rules over
    all of them; each file's stderr lines are printed as soon as it and the files before it
    are done, in the files' order."""
    from .isolation import WorkerPool, can_fork
    from .pairing import describe, pair

    run = CheckRun()
    tasks = _Tasks(rules, selection, want_lines)
    limits = selection.limits
    isolated = limits.hard_stop and can_fork()

    def pool_for(n: int, task):
        if not isolated:
            return None
        workers = min(n, jobs or os.cpu_count() or 1)
        return WorkerPool(lambda item: task(item[1]), workers, limits, start="fork")

    batch = [r for r in rules if isinstance(r, BatchRule)]
    summaries: dict[str, list[dict]] = {r.code: [] for r in batch}

    def take(lint: Lint) -> None:
        run.findings.extend(lint.findings)
        for line in lint.errors:
            print(line, file=sys.stderr)
            run.rule_failed = True
        for code, summary in lint.summaries.items():  # cross-document rules keep a summary, not the Document
            if code in summaries:
                summaries[code].append(summary)
        for path, lines in lint.lines.items():
            run.lines.setdefault(path, {}).update(lines)

    halves: dict[str, FileResult] = {}
    for result in _in_order(pool_for(len(files), tasks.file), tasks.file, files, _stopped):
        for finding, line in result.read:
            run.findings.append(finding)
            print(line, file=sys.stderr)
        run.unreadable += result.unreadable
        if result.half is not None:
            halves[result.path] = result  # checked with its other half when there is one
        elif result.lint is not None:
            take(result.lint)
    pairs = pair([r.half[1] for r in halves.values()])
    for narrative, tables in pairs:
        print(describe(narrative, tables, halves[narrative].half[1]), file=sys.stderr)
    items = [(halves[n].half[0], halves[t].half[0]) for n, t in pairs]
    joined = list(_in_order(pool_for(len(items), tasks.pair), tasks.pair, items, lambda docs, cause: cause))
    paired = set()
    for (narrative, tables), lint in zip(pairs, joined):
        if isinstance(lint, str):  # stopped: each half keeps the findings it had alone
            print(f"{_shown(narrative)}: 错误：{_shown(narrative)} 与 {_shown(tables)} 无法合并检查（{lint}），"
                  f"各自按单独文件检查", file=sys.stderr)
            continue
        take(lint)
        paired.update((narrative, tables))
    for path, result in halves.items():
        if path not in paired:
            take(result.lint)
    for rule in batch:
        try:
            for finding in rule.check_batch(summaries[rule.code]):
                if selection.enabled(rule.code, finding.path):
                    finding.severity = selection.severity_for(rule.code, finding.severity)
                    run.findings.append(finding)
        except Exception as exc:
            print(f"budgetlint: 错误：rule {rule.code} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            run.rule_failed = True
    return run

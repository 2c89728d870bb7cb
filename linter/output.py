"""What `check` does with its findings once the rules ran: accepted findings (baseline),
the output format and file, and the exit status (--fail-on).

What blocks a commit (pre-commit runs `budgetlint check` on the staged drafts): a finding
at or above --fail-on (default warning) gives exit 1. An unreadable draft (corrupt,
encrypted, unknown encoding, no text layer) is a BL000 finding of severity error, so it
blocks like any error; an empty draft (no text at all, e.g. a new notes file) is a BL000
finding of severity info, so it does not block unless --fail-on info. Exit 2 is kept for
what is not about a draft: bad usage or configuration, a rule or rule pack that failed.
"""
from __future__ import annotations

import dataclasses
import errno
import os
import sys

from .findings import Finding
from .model import EmptyInput, InputError

FORMATS = ("text", "json", "sarif", "github", "junit")
FAIL_ON = ("error", "warning", "info")
INPUT_ERROR = "BL000"


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="输出格式：text（默认）、json、sarif（SARIF 2.1.0）、github（Actions 注释）、junit（XML）")
    parser.add_argument("--output-file", "-o", metavar="FILE", help="把报告写入 FILE，而不是标准输出")
    parser.add_argument("--fail-on", choices=FAIL_ON, default="warning",
                        help="达到此级别的发现使退出码为 1：error 错误、warning 警告（默认）、info 提示")
    parser.add_argument("--baseline", metavar="FILE", help="基线文件（JSON）：其中已接受的发现不再报告")
    parser.add_argument("--update-baseline", action="store_true",
                        help="把当前全部发现作为已接受写入 --baseline 文件，并以 0 退出")


def input_finding(path: str, exc: InputError) -> Finding:
    """The finding an unreadable or empty file becomes."""
    empty = isinstance(exc, EmptyInput)
    return Finding(rule=INPUT_ERROR, name="empty-input" if empty else "unreadable-input",
                   severity="info" if empty else "error",
                   message=("文件为空，没有可检查的内容" if empty else "文件无法读取") + f"（{exc}）",
                   line=1, column=1, end_line=1, end_column=1, excerpt="", path=path)


def shown_path(path: str) -> str:
    """A file name as reports print it. POSIX names are bytes, and Python holds a byte that
    is not UTF-8 as a lone surrogate, which no UTF-8 output can carry: each such byte is
    written as the four characters \\xNN (a name b'\\xb2\\xe2.txt' prints as \\xb2\\xe2.txt),
    so the report stays valid UTF-8 and the name recognisable."""
    if path.isascii():
        return path
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is not an undecodable byte
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def partial_finding(path: str, cause: str) -> Finding:
    """The finding a file read only in part becomes (PDF pages that cannot be read, pages
    without a text layer): the rest was checked, and what was not is told."""
    return Finding(rule=INPUT_ERROR, name="partly-unreadable", severity="warning",
                   message=f"部分内容无法读取（{cause}）", line=1, column=1, end_line=1, end_column=1,
                   excerpt="", path=path)


def stopped_finding(path: str, cause: str) -> Finding:
    """The finding a document becomes when the hard stop ends its check (time or memory
    limit, linter.limits) or its worker dies: the other files are still checked."""
    return Finding(rule=INPUT_ERROR, name="check-stopped", severity="error", message=f"检查被中止（{cause}）",
                   line=1, column=1, end_line=1, end_column=1, excerpt="", path=path)


def render(fmt: str, findings: list[Finding], lines: dict, files: list[str], fail_on: str = "info") -> str:
    from . import render as r

    if fmt != "sarif" and any(shown_path(p) != p for p in files):  # SARIF: URIs of the bytes
        findings = [dataclasses.replace(f, path=shown_path(f.path)) for f in findings]
        lines = {shown_path(p): d for p, d in lines.items()}
        files = [shown_path(p) for p in files]

    if fmt == "json":
        return r.render_json(findings)
    if fmt == "sarif":
        return r.render_sarif(findings)
    if fmt == "github":
        return r.render_github(findings)
    if fmt == "junit":
        return r.render_junit(findings, files, lambda f: fails(f, fail_on))
    return r.render_text(findings, lines)


def accept(args, findings: list[Finding], files: list[str]) -> list[Finding] | int:
    """Findings left after the baseline, or an exit status when the baseline was written
    (--update-baseline) or cannot be read."""
    from . import baseline

    if args.update_baseline and not args.baseline:
        print("budgetlint: --update-baseline 需要与 --baseline FILE 一起使用", file=sys.stderr)
        return 2
    if not args.baseline:
        return findings
    try:
        if args.update_baseline:
            n = baseline.write(args.baseline, findings)
            print(f"budgetlint: 已将 {n} 条发现记入基线 {args.baseline}", file=sys.stderr)
            return 0
        if not os.path.exists(args.baseline):
            # not an error (a first run may come before the baseline is committed), but never
            # silent: a mistyped path would otherwise bring every accepted finding back unexplained
            print(f"budgetlint: 基线 {args.baseline} 不存在，按空基线处理（用 --update-baseline 生成）",
                  file=sys.stderr)
        kept, stale = baseline.apply(args.baseline, findings, files)
    except (InputError, OSError) as exc:
        print(f"budgetlint: {exc}", file=sys.stderr)
        return 2
    accepted = len(findings) - len(kept)
    if accepted:
        print(f"budgetlint: 基线 {args.baseline} 已接受 {accepted} 条发现", file=sys.stderr)
    for e in stale:
        print(f"budgetlint: 基线中的记录已不再出现（可用 --update-baseline 清理）：{e['path']} {e['rule']} "
              f"「{e['excerpt']}」", file=sys.stderr)
    return kept


def emit(args, findings: list[Finding], lines: dict, files: list[str]) -> int:
    """Write the report (stdout or --output-file); 2 when the file cannot be written. `lines`:
    path -> {line number: text} of the lines the findings point at (text output shows them)."""
    out = render(args.format, findings, lines, files, getattr(args, "fail_on", "info"))
    if not args.output_file:
        return write_stdout(out)
    try:
        folder = os.path.dirname(os.path.abspath(args.output_file))
        os.makedirs(folder, exist_ok=True)
        with open(args.output_file, "w", encoding="utf-8") as fh:
            fh.write(out)
    except OSError as exc:
        print(f"budgetlint: 无法写入 {args.output_file}：{exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


WRITE_ERRORS = (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF)


def write_stdout(text: str) -> int:
    """Write (and flush) text on stdout; a closed pipe or a full disk is one line on stderr
    and 2, never a traceback."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        return stdout_failed(exc)
    return 0


def stdout_failed(exc: OSError) -> int:
    """Tell a failed write on stdout in one line and return 2. stdout is pointed at
    /dev/null afterwards: the interpreter flushes it again on exit, and what it still holds
    would fail a second time, with a traceback."""
    cause = exc.strerror or type(exc).__name__
    try:
        print(f"budgetlint: 无法写出报告到标准输出：{cause}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    return 2


def utf8_streams(fmt: str) -> None:
    """Reports are UTF-8 whatever the locale (LC_ALL=C, a Latin-1 terminal): JSON, SARIF,
    JUnit and GitHub annotations always; text unless the locale's encoding can write every
    character (UTF-8, UTF-16/32, GB18030). A character that still cannot be written is
    escaped, never an error."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:  # replaced by a caller (tests, an embedding program)
            continue
        try:
            name = codecs.lookup(stream.encoding or "ascii").name
        except LookupError:
            name = "ascii"
        full = name in ("utf-8", "utf-16", "utf-32", "gb18030")
        if stream is sys.stdout and fmt != "text":
            full = name == "utf-8"
        try:
            if full:
                reconfigure(errors="backslashreplace")
            else:
                reconfigure(encoding="utf-8", errors="backslashreplace")
        except (OSError, ValueError):
            pass


def fails(finding: Finding, fail_on: str) -> bool:
    """Whether the finding is at or above --fail-on (it makes the exit status 1)."""
    return finding.severity in FAIL_ON and FAIL_ON.index(finding.severity) <= FAIL_ON.index(fail_on)


def exit_status(findings: list[Finding], fail_on: str) -> int:
    return 1 if any(fails(f, fail_on) for f in findings) else 0

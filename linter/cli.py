"""The budgetlint command line: check, extract, rules, rule."""
from __future__ import annotations

import argparse
import json
import os
import sys

EXTS = (".txt", ".md", ".markdown", ".docx", ".pdf")
INPUT_ERROR = "BL000"


def _files(paths: list[str]) -> list[str]:
    """The files named, and those found below the folders named (supported suffixes; hidden
    files and folders, and Office's ~$ lock files beside an open document, left out)."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(os.path.join(root, f) for f in sorted(files)
                           if f.lower().endswith(EXTS) and not f.startswith((".", "~$")))
        else:
            out.append(p)
    return out


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for s in values or [] for v in s.split(",") if v.strip()]


def add_selection_arguments(parser) -> None:
    """The options that choose rules, the same for every command that runs them."""
    parser.add_argument("--select", action="append", help="只启用这些规则代码或前缀（逗号分隔）")
    parser.add_argument("--ignore", action="append", help="停用这些规则代码或前缀（逗号分隔）")
    parser.add_argument("--extend-select", action="append",
                        help="在现有选择之外再启用这些规则（逗号分隔）")
    parser.add_argument("--extend-ignore", action="append", help="同 --ignore（与 ruff 一致）")
    parser.add_argument("--config", help="配置文件 budgetlint.toml 或 pyproject.toml 的路径")


def selection_and_rules(args):
    """(Selection, rules) from the configuration and --select/--ignore, or None after
    telling the usage error in one line (a bad configuration, a pack that cannot load, a
    selector that names no rule)."""
    from .config import find_config, load_selection
    from .engine import RulePackError, select_rules
    from .model import InputError

    try:
        selection = load_selection(args.config or find_config())
    except InputError as exc:
        print(f"budgetlint: {exc}", file=sys.stderr)
        return None
    if args.select:
        selection.select = _split(args.select)
    if args.ignore:
        selection.ignore += _split(args.ignore)
    selection.extend_select += _split(args.extend_select)
    selection.ignore += _split(args.extend_ignore)
    _limits_from(args, selection)
    try:
        rules, unknown = select_rules(selection)
    except RulePackError as exc:
        print(f"budgetlint: {exc}", file=sys.stderr)
        return None
    if unknown:
        print(f"budgetlint: 没有规则与选择器 '{unknown[0]}' 匹配（见 budgetlint rules）", file=sys.stderr)
        return None
    return selection, rules


def add_limit_arguments(parser) -> None:
    """The hard stop's options, the same for `check` and `audit` (over [tool.budgetlint.limits])."""
    from .limits import DEFAULT, parse_bytes, size_text

    parser.add_argument("--time-limit", type=float, metavar="SECONDS",
                        help=f"每个文件最多检查的秒数，超时记为 BL000；0 为不限（默认 {DEFAULT.time_limit:g}）")
    def size(text: str) -> int:
        try:
            return parse_bytes(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"应为大小，如 3G、512M 或 0（不限），而不是 '{text}'") from None

    parser.add_argument("--memory-limit", type=size, metavar="SIZE",
                        help=f"每个文件在载入规则后的工作进程中最多可增加的地址空间，如 3G；0 为不限（默认 {size_text(DEFAULT.memory_limit)}）")


def _limits_from(args, selection) -> None:
    from dataclasses import replace

    given = {f: getattr(args, f) for f in ("time_limit", "memory_limit") if getattr(args, f, None) is not None}
    if given:
        selection.limits = replace(selection.limits, **given)


def cmd_check(args) -> int:
    from . import output, patterncache
    from .checking import check_files

    chosen = selection_and_rules(args)
    if chosen is None:
        return 2
    selection, rules = chosen
    files = _files(args.paths)
    if not files:
        print("budgetlint: 没有可检查的文件", file=sys.stderr)
        return 2
    run = check_files(files, selection, rules, want_lines=args.format == "text", jobs=args.jobs)
    patterncache.save()  # what the rules compiled here; a worker saves its own
    findings = sorted(run.findings, key=lambda f: f.sort_key())
    kept = output.accept(args, findings, files)
    if isinstance(kept, int):
        return kept
    if output.emit(args, kept, run.lines, files):
        return 2
    if args.format == "text":
        from .i18n import summary

        print(summary(kept, len(files), run.unreadable), file=sys.stderr)
    if run.rule_failed:
        return 2
    if args.exit_zero:
        return 0
    return output.exit_status(kept, args.fail_on)


def _read(path: str, limits=None):
    """The analysed document (within `limits`, the defaults when None); InputError with a
    one-line cause for any failure, a reader bug included."""
    from .limits import DEFAULT
    from .model import InputError
    from .readers import read_document

    if not os.path.exists(path):
        raise InputError("no such file")
    try:
        return read_document(path, limits or DEFAULT)
    except (InputError, MemoryError):
        raise
    except Exception as exc:  # a reader bug must not end the batch
        raise InputError(f"internal error ({type(exc).__name__}: {exc})") from None


def cmd_extract(args) -> int:
    from .extract import extract, vocabulary_report
    from .model import InputError

    if args.vocabulary:
        from .vocab import VocabularyError

        try:
            sys.stdout.write(vocabulary_report(args.format))
        except VocabularyError as exc:
            print(f"budgetlint: {exc}", file=sys.stderr)
            return 2
        if not args.file:
            return 0
    if not args.file:
        print("budgetlint: extract needs a FILE (or --vocabulary)", file=sys.stderr)
        return 2
    try:
        doc = _read(args.file)
    except InputError as exc:
        print(f"{args.file}: 错误：{exc}", file=sys.stderr)
        return 2
    sys.stdout.write(extract(doc, args.format, claims=args.claims))
    return 0


def _rule_classes():
    """(every loadable rule class, whether a family failed to load); failures are told on
    stderr, one line each."""
    from .engine import all_rule_classes

    errors: list[str] = []
    classes = all_rule_classes(errors)
    for e in errors:
        print(f"budgetlint: {e}", file=sys.stderr)
    return classes, bool(errors)


def cmd_rules(args) -> int:
    classes, failed = _rule_classes()
    if args.format == "markdown":
        from .ruledoc import reference

        sys.stdout.write(reference(classes))
    elif args.format == "json":
        print(json.dumps([{"code": c.code, "name": c.name, "severity": c.severity, "pack": c.source,
                           "title": c.title(), "summary": c.summary()} for c in classes],
                         ensure_ascii=False, indent=2))
    else:
        from .i18n import severity_word

        for c in classes:
            print(f"{c.code:7} {c.name:40} {severity_word(c.severity):4} {c.source:12} {c.title()}")
    return 2 if failed else 0


def cmd_rule(args) -> int:
    classes, _ = _rule_classes()
    for c in classes:
        if c.code == args.code.upper() or c.name == args.code:
            from .ruledoc import rule_page

            sys.stdout.write(rule_page(c))
            return 0
    print(f"budgetlint: 没有这条规则：'{args.code}'（见 budgetlint rules）", file=sys.stderr)
    return 2


def cmd_test_rules(args) -> int:
    from .testing import builtin_case_files, case_files_under, run_case_files

    paths = case_files_under(args.paths) if args.paths else builtin_case_files()
    if not paths:
        print("budgetlint: no case files (cases/<CODE>.toml) found", file=sys.stderr)
        return 2
    return run_case_files(paths, sys.stdout)


# commands whose modules bring heavy imports (asyncio for lsp, the .docx writer for annotate,
# sqlite and the worker pool for audit): their parsers are built only when one of them, or
# help, is asked for, so a one-shot `check` does not import them (about 25 ms of start-up)
CORE_COMMANDS = ("check", "extract", "rules", "rule", "test-rules")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; given the command about to be parsed, only what that command needs
    (None: every command)."""
    p = argparse.ArgumentParser(prog="budgetlint", description="预算、决算公开文件的一致性检查工具。")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="检查文件或文件夹")
    c.add_argument("paths", nargs="+", metavar="文件或文件夹")
    from . import output

    output.add_arguments(c)
    add_selection_arguments(c)
    add_limit_arguments(c)
    c.add_argument("--jobs", "-j", type=int, default=0,
                   help="同时检查的工作进程数（默认：文件数与 CPU 核数中较小者）")
    c.add_argument("--exit-zero", action="store_true", help="有发现也以 0 退出")
    c.set_defaults(func=cmd_check)
    e = sub.add_parser("extract", help="显示 budgetlint 从文件中读到的内容")
    e.add_argument("file", nargs="?")
    e.add_argument("--format", choices=("text", "json"), default="text")
    e.add_argument("--claims", action="store_true", help="同时显示正文中的金额陈述和表格账目")
    e.add_argument("--vocabulary", action="store_true",
                   help="显示词表文件及已安装规则包添加的条目")
    e.set_defaults(func=cmd_extract)
    r = sub.add_parser("rules", help="列出全部规则")
    r.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                   help="markdown：全部规则的参考页，附用例作示例")
    r.set_defaults(func=cmd_rules)
    d = sub.add_parser("rule", help="显示一条规则的说明")
    d.add_argument("code")
    d.set_defaults(func=cmd_rule)
    t = sub.add_parser("test-rules", help="运行规则用例文件（cases/<CODE>.toml），默认运行内置用例")
    t.add_argument("paths", nargs="*", help="用例文件，或在其中查找 cases/<CODE>.toml 的文件夹")
    t.set_defaults(func=cmd_test_rules)
    if command in CORE_COMMANDS:
        return p
    from . import annotate, audit, lsp, report

    audit.add_parser(sub)
    report.add_parser(sub)
    annotate.add_parser(sub)
    lsp.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["check"]:  # before the imports that compile patterns (see linter.patterncache)
        from . import patterncache

        patterncache.install()
    parser = build_parser(argv[0] if argv else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    from .output import WRITE_ERRORS, stdout_failed, utf8_streams

    utf8_streams(getattr(args, "format", "text"))
    try:
        status = args.func(args)
        if not sys.stdout.closed:  # the language server closes stdout itself when the editor exits
            sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # what a command printed could not be written: closed pipe, full disk
        if exc.errno not in WRITE_ERRORS:
            raise
        return stdout_failed(exc)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

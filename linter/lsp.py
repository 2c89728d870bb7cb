"""`budgetlint lsp`: a language server (pygls) for .txt/.md drafts.

Diagnostics on open, change and save: the buffer is read by the ordinary .txt reader and
checked by the same rules as `check` (configuration found from the file's folder up),
after a pause in typing (DEBOUNCE seconds; a newer edit cancels the pending check), in a
worker thread so the editor never waits. Code actions: a suggestion that rewrites the
flagged text becomes a quick fix; every finding can be accepted with an inline
`budgetlint: ignore` marker. Hover over a finding shows its rule's documentation.

pygls is an optional dependency (`pip install 'budgetlint[lsp]'`): finance staff who use
Word, pre-commit or CI do not need a language server's libraries.
"""
from __future__ import annotations

import asyncio
import os
import sys
from urllib.parse import unquote, urlparse

DEBOUNCE = 0.3  # seconds of quiet after an edit before the buffer is checked
SUFFIXES = (".txt", ".md", ".markdown")
SEVERITY = {"error": 1, "warning": 2, "info": 3}


def _path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def _utf16(text: str, column: int) -> int:
    """LSP counts characters in UTF-16 code units; budgetlint's columns are code points."""
    prefix = text[:max(column - 1, 0)]
    return len(prefix.encode("utf-16-le")) // 2


def lint(text: str, path: str) -> tuple[list, list[str]]:
    """(findings, lines of the buffer) for a draft's text; [] when it holds nothing to check."""
    from .config import find_config, load_selection
    from .engine import check_document, select_rules
    from .model import InputError
    from .readers.txt import txt_document
    from .structure import analyse

    try:
        doc = txt_document(text, path)
    except InputError:
        return [], []
    analyse(doc)
    try:
        selection = load_selection(find_config(os.path.dirname(os.path.abspath(path))))
    except InputError:
        from .config import Selection

        selection = Selection()
    rules, _ = select_rules(selection)
    findings, _, _ = check_document(doc, rules, selection)
    return findings, [ln.text for ln in doc.lines]


def rewrites(excerpt: str, suggestion: str | None) -> bool:
    """A suggestion is a replacement for the flagged text (技木 → 技术, ) → ）, 全省 → 全县)
    when it shares a character with it or the flagged text is punctuation only; advice
    (核对各项金额) shares none and is not offered as an edit."""
    if not suggestion or not excerpt or suggestion == excerpt or "\n" in suggestion:
        return False
    if not any(ch.isalnum() for ch in excerpt):
        return True
    return bool(set(excerpt) & set(suggestion))


def build_server():
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    from . import __version__

    server = LanguageServer("budgetlint", __version__)
    pending: dict[str, asyncio.Task] = {}
    published: dict[str, list] = {}  # uri → findings last published

    def rng(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> types.Range:
        def pos(n: int, c: int) -> types.Position:
            text = lines[n - 1] if 1 <= n <= len(lines) else ""
            return types.Position(line=max(n - 1, 0), character=_utf16(text, c))

        return types.Range(start=pos(line, column), end=pos(end_line, max(end_column, column)))

    def diagnostic(uri: str, f, lines: list[str]) -> types.Diagnostic:
        related = []
        for r in f.related:
            where = r.location.describe() if r.location is not None else ""
            column = r.column or 1
            related.append(types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=rng(lines, r.line, column, r.line, column + len(r.excerpt))),
                message=f"{r.note}：{where or r.excerpt}"))
        return types.Diagnostic(
            range=rng(lines, f.line, f.column, f.end_line, f.end_column),
            severity=types.DiagnosticSeverity(SEVERITY.get(f.severity, 2)), code=f.rule, source="budgetlint",
            message=f.message, related_information=related or None,
            data={"suggestion": f.suggestion, "excerpt": f.excerpt, "rule": f.rule})

    async def check(uri: str, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            doc = server.workspace.get_text_document(uri)
            path = _path(uri)
            if not path.lower().endswith(SUFFIXES):
                return
            findings, lines = await asyncio.get_running_loop().run_in_executor(None, lint, doc.source, path)
            published[uri] = findings
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, version=doc.version, diagnostics=[diagnostic(uri, f, lines) for f in findings]))
        except asyncio.CancelledError:
            pass

    def schedule(uri: str, delay: float) -> None:
        old = pending.pop(uri, None)
        if old is not None:
            old.cancel()  # a newer edit: only the last one is checked
        pending[uri] = asyncio.get_running_loop().create_task(check(uri, delay))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls, params: types.DidOpenTextDocumentParams):
        schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls, params: types.DidChangeTextDocumentParams):
        schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls, params: types.DidSaveTextDocumentParams):
        schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        task = pending.pop(uri, None)
        if task is not None:
            task.cancel()
        published.pop(uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls, params: types.CodeActionParams):
        uri = params.text_document.uri
        doc = server.workspace.get_text_document(uri)
        actions = []
        for d in params.context.diagnostics:
            if d.source != "budgetlint" or not isinstance(d.data, dict):
                continue
            suggestion, excerpt = d.data.get("suggestion"), d.data.get("excerpt") or ""
            if rewrites(excerpt, suggestion):
                actions.append(types.CodeAction(
                    title=f"改为「{suggestion}」", kind=types.CodeActionKind.QuickFix, diagnostics=[d],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=d.range, new_text=suggestion)]})))
            line = d.range.start.line
            text = doc.lines[line] if line < len(doc.lines) else ""
            end = len(text.rstrip("\r\n").encode("utf-16-le")) // 2
            at = types.Position(line=line, character=end)
            marker = f" <!-- budgetlint: ignore {d.code} -->" if uri.lower().endswith((".md", ".markdown")) \
                else f"  budgetlint: ignore {d.code}"
            actions.append(types.CodeAction(
                title=f"接受此处的 {d.code}（添加 budgetlint: ignore 标记）", kind=types.CodeActionKind.QuickFix,
                diagnostics=[d],
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=types.Range(start=at, end=at),
                                                                       new_text=marker)]})))
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls, params: types.HoverParams):
        from .engine import all_rule_classes

        uri, pos = params.text_document.uri, params.position
        doc = server.workspace.get_text_document(uri)
        lines = [ln.rstrip("\r\n") for ln in doc.lines]
        for f in published.get(uri, []):
            r = rng(lines, f.line, f.column, f.end_line, f.end_column)
            if (r.start.line, r.start.character) <= (pos.line, pos.character) <= (r.end.line, r.end.character):
                rule = next((c for c in all_rule_classes([]) if c.code == f.rule), None)
                text = f"**{f.rule}** {f.message}"
                if f.location is not None and f.location.describe():
                    text += f"\n\n位置：{f.location.describe()}"
                if rule is not None:
                    from .i18n import rule_documentation

                    text += "\n\n---\n\n" + rule_documentation(rule)
                return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=r)
        return None

    return server


def cmd_lsp(args) -> int:
    try:
        server = build_server()
    except ImportError:
        print("budgetlint: 语言服务器需要 pygls：pip install 'budgetlint[lsp]'", file=sys.stderr)
        return 2
    server.start_io()
    return 0


def add_parser(sub) -> None:
    s = sub.add_parser("lsp", help="编辑器语言服务器，检查 .txt/.md 草稿（标准输入输出；需安装 budgetlint[lsp]）")
    s.set_defaults(func=cmd_lsp)

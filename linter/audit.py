"""`budgetlint audit PATH… [-o REPORT_DIR] [--jobs N] [--force]`: the auditor's command.

Every file runs in a worker process under a time and memory limit (linter.isolation);
results stream into the SQLite store (linter.store) one transaction per file, so a run can
be killed at any moment and the same command resumes it. The parent holds file names and
counters, never a document. At the end the cross-document checks run over the store, a
summary goes to stdout, and the reports are written beside the store.
"""
from __future__ import annotations

import os
import sys
import time
from collections import deque
from typing import TYPE_CHECKING

# Only what the argument parser needs is imported here: `check` builds the same parser, and
# its start-up must not pay for the store, the worker pool or multiprocessing.
from .i18n import severity_word, status_word
from .limits import Limits
from .output import shown_path
from .readers import SUFFIXES, UNSUPPORTED

if TYPE_CHECKING:
    from .store import Store

# An audit also lists the document formats it cannot read, to report them (BL000), never skip them.
AUDIT_SUFFIXES = tuple(SUFFIXES) + tuple(UNSUPPORTED)
STATUS_OF_KIND = {"timeout": "timeout", "memory": "memory", "crash": "crash", "error": "crash"}


def walk(paths: list[str]) -> list[str]:
    """The files named, and every document-like file below the folders named (hidden files
    and Office's ~$ lock files left out), each once, as absolute paths."""
    seen: set[str] = set()
    out: list[str] = []

    def add(p: str) -> None:
        p = os.path.abspath(p)
        if p not in seen:
            seen.add(p)
            out.append(p)

    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.lower().endswith(AUDIT_SUFFIXES) and not f.startswith((".", "~$")):
                        add(os.path.join(root, f))
        else:
            add(p)
    return out


class Progress:
    """Files done of total, rate, time left and errors, redrawn on one line of a terminal;
    one plain line per file otherwise (a log keeps every step)."""

    def __init__(self, total: int, stream=None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.total, self.done, self.checked, self.errors = total, 0, 0, 0
        self.start = time.monotonic()
        self.last_draw = 0.0

    def step(self, path: str, status: str, findings: int, skipped: bool = False) -> None:
        self.done += 1
        if not skipped:
            self.checked += 1
        self.errors += status not in ("ok", "partial")
        if self.tty:
            now = time.monotonic()
            if now - self.last_draw >= 0.2 or self.done == self.total:
                self.last_draw = now
                elapsed = now - self.start
                rate = self.checked / elapsed if elapsed > 0 else 0.0
                left = (self.total - self.done) / rate if rate > 0 else 0.0
                self.stream.write(f"\r\x1b[K{self.done}/{self.total} 个文件  {rate:.1f} 个/秒  "
                                  f"剩余 {_clock(left)}  出错 {self.errors}")
                self.stream.flush()
        else:
            what = "未变化，跳过" if skipped else f"{status_word(status)}，{findings} 条发现"
            self.stream.write(f"audit: [{self.done}/{self.total}] {path}: {what}\n")
            self.stream.flush()

    def end(self) -> None:
        if self.tty and self.done:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _settings(selection) -> str:
    """The selection as text: a rerun with other rules or options redoes every document."""
    from .store import dumps

    return dumps({"select": selection.select, "ignore": selection.ignore, "severity": selection.severity,
                  "per_file_ignores": selection.per_file_ignores, "options": selection.options})


def _todo(store: Store, files: list[str], versions: tuple[str, str, str], force: bool, skipped: list):
    """(path, sha256, size, mtime_ns) of every file to check; unchanged ones go to `skipped`
    as they are met (hashed only when size or time changed since the stored run)."""
    from .store import sha256_of

    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            yield path, None, None, None
            continue
        known = store.known(path)
        if known and not force and tuple(known[3:]) == versions:
            if known[1] == st.st_size and known[2] == st.st_mtime_ns:
                skipped.append(path)
                continue
        try:
            digest = sha256_of(path)
        except OSError:
            digest = None
        if known and not force and tuple(known[3:]) == versions and known[0] == digest:
            store.db.execute("UPDATE documents SET mtime_ns=? WHERE path=?", (st.st_mtime_ns, path))
            skipped.append(path)
            continue
        yield path, digest, st.st_size, st.st_mtime_ns


def _record(path, digest, size, mtime, result: dict | None, status: str, cause: str | None,
            seconds: float, versions, run_id) -> dict:
    meta = (result or {}).get("meta", {})
    return {"path": path, "sha256": digest, "size": size, "mtime_ns": mtime,
            "format": (result or {}).get("format") or (os.path.splitext(path)[1].lower().lstrip(".") or None),
            "pages": (result or {}).get("pages"), "lines": (result or {}).get("lines"),
            "tables": (result or {}).get("tables"),
            "department": meta.get("department"), "year": meta.get("year"), "kind": meta.get("kind"),
            "scope": meta.get("scope"), "level": meta.get("level"), "region": meta.get("region"),
            "status": status, "cause": cause, "seconds": round(seconds, 4), "checked_at": time.time(),
            "tool_version": versions[0], "rules_version": versions[1], "settings": versions[2], "run_id": run_id}


def run_audit(store: Store, files: list[str], selection, rules, jobs: int, limits: Limits, force: bool,
              progress: Progress, executor: str = "local", cluster_address: str | None = None) -> str:
    """Check every file into the store, then the cross-document checks. Returns the run's
    state: finished | interrupted."""
    import sqlite3

    from . import audit_worker
    from .isolation import WorkerPool
    from .store import rules_version, tool_version

    versions = (tool_version(), rules_version(), _settings(selection))
    run_id = store.start_run(*versions, jobs=jobs, files=len(files))
    skipped: deque[str] = deque()
    items = _todo(store, files, versions, force, skipped)
    pending: dict[str, tuple] = {}

    def feed():
        for item in items:
            while skipped:
                progress.step(skipped.popleft(), "ok", 0, skipped=True)
            pending[item[0]] = item
            yield item[0]
        while skipped:
            progress.step(skipped.popleft(), "ok", 0, skipped=True)

    if executor == "dask":
        from .cluster import dask_map

        results = dask_map(feed(), selection, limits, cluster_address, jobs)
    else:
        pool = WorkerPool(audit_worker.audit_file, jobs, limits, setup=audit_worker.setup, setup_args=(selection,))
        results = pool.map(feed())
    state = "interrupted"
    try:
        for path, outcome in results:
            _, digest, size, mtime = pending.pop(path)
            reader: list[dict] = []
            if outcome.ok:
                result = outcome.value
                status, cause, findings = result["status"], result["cause"], result["findings"]
                summaries, reader = result["summaries"], result["reader"]
            else:
                result, summaries = None, []
                status, cause = STATUS_OF_KIND.get(outcome.kind, "crash"), outcome.cause
                findings = [audit_worker.input_error(path, cause)]
            store.put_document(_record(path, digest, size, mtime, result, status, cause, outcome.seconds,
                                       versions, run_id), findings, summaries, reader)
            progress.step(path, status, len(findings) + len(reader))
        _pair_halves(store, jobs, limits, selection, progress)
        from .crossdoc import run_cross_checks

        run_cross_checks(store, rules, selection)
        state = "finished"
    finally:
        progress.end()
        try:
            store.finish_run(run_id, state)
        except sqlite3.Error:
            pass
    return state


def _pair_halves(store: Store, jobs: int, limits: Limits, selection, progress: Progress) -> None:
    """A 说明 file and its tables file (linter.pairing) are checked again as one publication,
    so the narrative rules see the tables, as `check` does; their findings replace the
    files' own. Redone at every run (split publications are few), so a run killed here
    leaves each file with its own findings or with the joined ones, never a mixture."""
    from . import audit_worker
    from .isolation import WorkerPool
    from .pairing import pair

    pairs = [p for _, parts in store.summary_groups(audit_worker.PAIRING) for p in pair(parts)]
    if not pairs:
        return
    pool = WorkerPool(audit_worker.audit_pair, jobs, limits, setup=audit_worker.setup, setup_args=(selection,))
    for (narrative, tables), outcome in pool.map(pairs):
        if not outcome.ok:
            progress.stream.write(f"audit: {narrative} 与 {tables} 无法合并检查（{outcome.cause}），"
                                  f"各自保留自己的发现\n")
            continue
        result = outcome.value
        store.replace_findings(result["findings"], result["summaries"], narrative)
        progress.stream.write(f"audit: {narrative} 与 {tables} 是同一次公开的说明和表格，已合并检查\n")


def summary_text(store: Store, top: int = 10) -> str:
    """Files by status, findings by rule and severity, the documents with the most errors."""
    out = []
    rows = store.query("SELECT status, COUNT(*) FROM documents GROUP BY status ORDER BY COUNT(*) DESC")
    total = sum(n for _, n in rows)
    out.append(f"文件：{total} 个（" + "，".join(f"{status_word(s)} {n}" for s, n in rows) + "）" if rows else "文件：0 个")
    sev = dict(store.query("SELECT severity, COUNT(*) FROM findings GROUP BY severity"))
    out.append("发现：" + "，".join(f"{severity_word(s)} {sev.get(s, 0)}" for s in ("error", "warning", "info")))
    by_rule = store.query("SELECT rule, name, severity, COUNT(*) FROM findings GROUP BY rule, severity "
                          "ORDER BY rule, severity")
    if by_rule:
        out.append("按规则：")
        out += [f"  {rule:7} {severity_word(sev_):4} {n:6}  {name}" for rule, name, sev_, n in by_rule]
    partial = store.query("SELECT d.path, f.message FROM documents d JOIN findings f ON f.document_id=d.id "
                          "WHERE f.stage='reader' ORDER BY d.path, f.id")
    if partial:
        out.append("部分读取（读取警告）：")
        out += [f"  {p}: {message}" for p, message in partial[:top]]
        if len(partial) > top:
            out.append(f"  …… 另有 {len(partial) - top} 条（见报告）")
    worst = store.query(
        "SELECT d.path, SUM(f.severity='error') AS e, COUNT(f.id) FROM documents d JOIN findings f "
        "ON f.document_id=d.id GROUP BY d.id HAVING e > 0 ORDER BY e DESC, d.path LIMIT ?", (top,))
    if worst:
        out.append("错误最多的文件：")
        out += [f"  错误 {e:5}，发现 {n:5}  {p}" for p, e, n in worst]
    return "\n".join(out) + "\n"


def add_parser(sub) -> None:
    a = sub.add_parser("audit", help="批量审查：用全部核心检查文件夹中的文件，结果存入可续跑的库并生成报告")
    a.add_argument("paths", nargs="+", metavar="路径", help="文件或文件夹")
    a.add_argument("-o", "--output", default="budgetlint-report", help="报告文件夹（默认 budgetlint-report）")
    a.add_argument("--jobs", "-j", type=int, default=0, help="工作进程数（默认：全部核心）")
    a.add_argument("--force", action="store_true", help="库中已有、未变化的文件也重新检查")
    from .cli import add_limit_arguments, add_selection_arguments

    add_limit_arguments(a)
    add_selection_arguments(a)
    a.add_argument("--no-report", action="store_true", help="只写入结果库，不生成 HTML/CSV/Excel 报告")
    a.add_argument("--cluster", metavar="ADDRESS", nargs="?", const="local",
                   help="在 Dask 集群上运行（需 budgetlint[cluster]）：调度器地址，或 local（本机集群）")
    a.set_defaults(func=cmd_audit)


def cmd_audit(args) -> int:
    import sqlite3

    from .cli import selection_and_rules
    from .cluster import ClusterError
    from .store import STORE_NAME, Store, StoreError

    chosen = selection_and_rules(args)
    if chosen is None:
        return 2
    selection, rules = chosen
    # a path given on the command line that does not exist is a typo, not a document to report:
    # say so before a long run starts (a broken symlink found inside a folder is still a BL000)
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        print(f"budgetlint: 路径不存在：{shown_path(missing[0])}", file=sys.stderr)
        return 2
    files = walk(args.paths)
    if not files:
        print("budgetlint: 没有可审查的文件", file=sys.stderr)
        return 2
    try:
        os.makedirs(args.output, exist_ok=True)
        store = Store(os.path.join(args.output, STORE_NAME))
    except (OSError, StoreError) as exc:
        print(f"budgetlint: 无法打开 {args.output} 中的结果库（{exc}）", file=sys.stderr)
        return 2
    jobs = args.jobs or os.cpu_count() or 1
    limits = selection.limits  # [tool.budgetlint.limits], then --time-limit and --memory-limit
    progress = Progress(len(files))
    state = "interrupted"
    try:
        state = run_audit(store, files, selection, rules, jobs, limits, args.force, progress,
                          executor="dask" if args.cluster else "local",
                          cluster_address=None if args.cluster in (None, "local") else args.cluster)
    except KeyboardInterrupt:
        print("budgetlint: 已中断；已检查的结果都已存入，再次运行同一命令即可继续", file=sys.stderr)
    except ClusterError as exc:
        print(f"budgetlint: {exc}", file=sys.stderr)
        store.close()
        return 2
    except sqlite3.Error as exc:  # a full disk, a store removed under us
        print(f"budgetlint: 无法写入结果库 {store.path}（{exc}）；再次运行即可继续", file=sys.stderr)
        store.close()
        return 2
    sys.stdout.write(summary_text(store))
    if state == "finished" and not args.no_report:
        try:
            from .report import write_reports

            for path in write_reports(store, args.output):
                print(f"报告：{path}")
        except OSError as exc:
            print(f"budgetlint: 无法写入报告（{exc}）", file=sys.stderr)
            store.close()
            return 2
    store.close()
    return 0 if state == "finished" else 130

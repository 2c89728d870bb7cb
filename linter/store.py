"""The audit store: one SQLite file in the report folder that results stream into.

One transaction per document (its row, its findings, its cross-document summaries and
sentence fingerprints), so a run killed at any moment (Ctrl-C, SIGKILL, a full disk) keeps
every document already committed and none half-written; a document is keyed by its path,
so a rerun replaces its row instead of counting it twice. A document is redone only when
its sha256, the tool's version or the rule selection differ from what is stored.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from decimal import Decimal

SCHEMA_VERSION = 1
STORE_NAME = "audit.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started REAL, finished REAL, state TEXT,
    tool_version TEXT, rules_version TEXT, settings TEXT, jobs INTEGER, files INTEGER);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, sha256 TEXT, size INTEGER, mtime_ns INTEGER,
    format TEXT, pages INTEGER, lines INTEGER, tables INTEGER,
    department TEXT, year INTEGER, kind TEXT, scope TEXT, level TEXT, region TEXT,
    status TEXT NOT NULL, cause TEXT, seconds REAL, checked_at REAL,
    tool_version TEXT, rules_version TEXT, settings TEXT, run_id INTEGER);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    stage TEXT NOT NULL, rule TEXT, name TEXT, severity TEXT, message TEXT,
    line INTEGER, column INTEGER, end_column INTEGER, page INTEGER, excerpt TEXT,
    context TEXT, context_start INTEGER, data TEXT);
CREATE INDEX IF NOT EXISTS findings_document ON findings(document_id);
CREATE TABLE IF NOT EXISTS summaries (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    rule TEXT NOT NULL, batch_key TEXT, data TEXT);
CREATE INDEX IF NOT EXISTS summaries_key ON summaries(rule, batch_key);
CREATE INDEX IF NOT EXISTS summaries_document ON summaries(document_id);
"""


class StoreError(Exception):
    """The store cannot be opened or written (one line naming the file and cause)."""


def _encode(obj):
    if isinstance(obj, Decimal):
        return {"$decimal": str(obj)}
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    raise TypeError(f"cannot store {type(obj).__name__}")


def _decode(obj: dict):
    if len(obj) == 1 and "$decimal" in obj:
        return Decimal(obj["$decimal"])
    return obj


def dumps(value) -> str:
    """JSON that keeps Decimal exact (money is never float, in the store either)."""
    return json.dumps(value, ensure_ascii=False, default=_encode)


def loads(text: str):
    return json.loads(text, object_hook=_decode)


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def tool_version() -> str:
    """The package version and a digest of the code and data that produce findings, so a
    changed rule or vocabulary redoes the documents even when the version number did not move."""
    from . import __version__

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    h = hashlib.sha256()
    for top in ("linter", "rules"):
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json", ".txt", ".toml")):
                    path = os.path.join(folder, name)
                    h.update(os.path.relpath(path, root).encode())
                    with open(path, "rb") as fh:
                        h.update(fh.read())
    return f"{__version__}+{h.hexdigest()[:12]}"


def rules_version() -> str:
    """The rule packs installed through entry points, with their distributions' versions
    (the built-in families are part of tool_version)."""
    from .engine import BUILTIN_FAMILIES, ENTRY_POINT_GROUP

    packs = []
    try:
        from .entrypoints import entry_points

        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if BUILTIN_FAMILIES.get(ep.name) == ep.value:
                continue
            dist = ep.dist
            packs.append(f"{ep.name}={ep.dist_name or '?'} {dist.version if dist else '?'}")
    except Exception:
        pass
    return ", ".join(sorted(packs)) or "built-in"


class Store:
    def __init__(self, path: str):
        self.path = path
        try:
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(SCHEMA)
            row = self.db.execute("SELECT value FROM info WHERE key='schema'").fetchone()
            if row is None:
                self.db.execute("INSERT INTO info VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            elif row[0] != str(SCHEMA_VERSION):
                raise StoreError(f"{path}: store schema {row[0]}, this budgetlint writes {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: {exc}") from None

    def close(self) -> None:
        self.db.close()

    # --- runs -------------------------------------------------------------------------------
    def start_run(self, tool: str, rules: str, settings: str, jobs: int, files: int) -> int:
        cur = self.db.execute(
            "INSERT INTO runs (started, state, tool_version, rules_version, settings, jobs, files) "
            "VALUES (?, 'running', ?, ?, ?, ?, ?)", (time.time(), tool, rules, settings, jobs, files))
        return cur.lastrowid

    def finish_run(self, run_id: int, state: str) -> None:
        self.db.execute("UPDATE runs SET finished=?, state=? WHERE id=?", (time.time(), state, run_id))

    # --- documents --------------------------------------------------------------------------
    def known(self, path: str):
        """(sha256, size, mtime_ns, tool_version, rules_version, settings) stored for a path."""
        return self.db.execute(
            "SELECT sha256, size, mtime_ns, tool_version, rules_version, settings FROM documents WHERE path=?",
            (path,)).fetchone()

    def put_document(self, record: dict, findings: list[dict], summaries: list[tuple[str, str | None, dict]],
                     reader: list[dict] = ()) -> int:
        """Replace a document's row and everything hanging off it, in one transaction.
        `reader`: the reader's warnings as findings (stage 'reader': a split publication's
        joined check replaces the rules' findings, not these)."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM documents WHERE path=?", (record["path"],))
            cols = list(record)
            cur = db.execute(f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                             [record[c] for c in cols])
            doc_id = cur.lastrowid
            self._insert_findings(doc_id, "reader", list(reader))
            self._insert_findings(doc_id, "document", findings)
            db.executemany("INSERT INTO summaries VALUES (?, ?, ?, ?)",
                           [(doc_id, rule, key, dumps(data)) for rule, key, data in summaries])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return doc_id

    def replace_findings(self, by_path: dict[str, list[dict]], rule_parts: list[tuple[str, str | None, dict]],
                         owner: str) -> None:
        """A split publication checked as one: each file's own findings replaced by the joined
        check's, and `owner`'s batch-rule parts by the joined document's, in one transaction."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for path, findings in by_path.items():
                row = db.execute("SELECT id FROM documents WHERE path=?", (path,)).fetchone()
                if row is None:
                    continue
                db.execute("DELETE FROM findings WHERE document_id=? AND stage='document'", (row[0],))
                self._insert_findings(row[0], "document", findings)
                if path == owner:
                    rules = {rule for rule, _, _ in rule_parts}
                    db.executemany("DELETE FROM summaries WHERE document_id=? AND rule=?",
                                   [(row[0], rule) for rule in rules])
                    db.executemany("INSERT INTO summaries VALUES (?, ?, ?, ?)",
                                   [(row[0], rule, key, dumps(data)) for rule, key, data in rule_parts])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _insert_findings(self, doc_id: int, stage: str, findings: list[dict]) -> None:
        self.db.executemany(
            "INSERT INTO findings (document_id, stage, rule, name, severity, message, line, column, end_column, "
            "page, excerpt, context, context_start, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, stage, f["rule"], f["name"], f["severity"], f["message"], f.get("line"), f.get("column"),
              f.get("end_column"), f.get("page"), f.get("excerpt"), f.get("context"), f.get("context_start"),
              dumps(f)) for f in findings])

    def replace_cross_findings(self, by_path: dict[str, list[dict]]) -> int:
        """Cross-document findings are recomputed from the store at every run: the old ones
        go and the new ones come in one transaction."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        n = 0
        try:
            db.execute("DELETE FROM findings WHERE stage='cross'")
            for path, findings in by_path.items():
                row = db.execute("SELECT id FROM documents WHERE path=?", (path,)).fetchone()
                if row is not None:
                    self._insert_findings(row[0], "cross", findings)
                    n += len(findings)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return n

    # --- reading back -----------------------------------------------------------------------
    def query(self, sql: str, args: tuple = ()) -> list[tuple]:
        return self.db.execute(sql, args).fetchall()

    def summary_groups(self, rule: str):
        """A batch rule's summaries one group at a time (a group's parts are all that a
        cross-document check holds in memory). A keyed group of one document is left out:
        there is nothing to compare it with."""
        keys = [k for (k, n) in self.db.execute(
            "SELECT batch_key, COUNT(DISTINCT document_id) FROM summaries WHERE rule=? "
            "GROUP BY batch_key ORDER BY batch_key", (rule,)) if k is None or n > 1]
        for key in keys:
            yield key, [loads(d) for (d,) in self.db.execute(
                "SELECT data FROM summaries WHERE rule=? AND batch_key IS ? ORDER BY document_id", (rule, key))]

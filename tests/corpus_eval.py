"""Precision / recall of every rule over the corpus' expected findings (corpus/expected/)."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "corpus" / "expected"


def _overlap(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    return bool(a) and bool(b) and (a in b or b in a)


def _place(f, e: dict) -> bool:
    """An entry is placed by line, or (for PDFs, whose line numbers move when the reader's
    paragraph joining improves) by page; both may be given."""
    if "line" in e and f.line != e["line"]:
        return False
    if "page" in e and f.page != e["page"]:
        return False
    return "line" in e or "page" in e


def _at(f, e: dict) -> bool:
    return f.rule == e["rule"] and _place(f, e)


def load_expected() -> dict[str, list[dict]]:
    """document path (relative to corpus/) -> list of family files' contents."""
    docs: dict[str, list[dict]] = defaultdict(list)
    for f in sorted(EXPECTED.glob("BL*/*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        data["_family"] = f.parent.name
        data["_file"] = str(f.relative_to(ROOT))
        docs[data["document"]].append(data)
    return docs


def _findings(expected_docs) -> dict[str, list]:
    """document -> its findings, as `budgetlint check` reports them on the whole corpus in one
    run: a 说明 file and its tables file (a split publication) are checked together, each
    finding on the file it points at."""
    from linter.engine import Selection, load_rules, run_rules
    from linter.pairing import join, locate, pair, summarise
    from linter.readers import read_document

    def families(*rels):
        return sorted({d["_family"] for rel in rels for d in expected_docs[rel]})

    def run(doc, fams):
        sel = Selection(select=fams)
        return [locate(f, doc) for f in run_rules(doc, load_rules(sel), sel)]

    rel_of = {str(ROOT / "corpus" / rel): rel for rel in expected_docs}
    out: dict[str, list] = {rel: [] for rel in expected_docs}
    halves = {}
    for path, rel in rel_of.items():
        doc = read_document(path)
        summary = summarise(doc)
        if summary["part"] != "whole":
            halves[path] = (doc, summary)
        else:
            out[rel] = run(doc, families(rel))
    paired = set()
    for narrative, tables in pair([s for _, s in halves.values()]):
        for f in run(join(halves[narrative][0], halves[tables][0]), families(rel_of[narrative], rel_of[tables])):
            out[rel_of[f.path]].append(f)
        paired.update((narrative, tables))
    for path, (doc, _) in halves.items():
        if path not in paired:
            out[rel_of[path]] = run(doc, families(rel_of[path]))
    return out


def evaluate():
    """Returns (per_rule stats, problems) where per_rule[code] = {tp, fp, fn, known}."""
    stats = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "known": 0})
    problems: list[str] = []
    expected_docs = load_expected()
    found = _findings(expected_docs)
    for rel, files in expected_docs.items():
        findings = found[rel]
        expected = [e | {"_file": d["_file"]} for d in files for e in d.get("findings", [])]
        used = set()
        for e in expected:
            hit = None
            for i, f in enumerate(findings):
                if i in used or not _at(f, e):
                    continue
                if "excerpt" in e and not _overlap(e["excerpt"], f.excerpt):
                    continue
                hit = i
                break
            if hit is not None:
                used.add(hit)
                stats[e["rule"]]["tp"] += 1
                if e.get("known_miss"):
                    problems.append(f"{rel}:{e.get('line', 'p' + str(e.get('page')))}: {e['rule']} marked known_miss but now found: update {e['_file']}")
            elif e.get("known_miss"):
                stats[e["rule"]]["known"] += 1
            else:
                stats[e["rule"]]["fn"] += 1
                problems.append(f"{rel}:{e.get('line', 'p' + str(e.get('page')))}: {e['rule']} expected ({e.get('why', '')}) but not found")
        for i, f in enumerate(findings):
            if i not in used:
                stats[f.rule]["fp"] += 1
                problems.append(f"{rel}:{f.line}: {f.rule} unexpected finding: {f.message} [{f.excerpt}]")
        for d in files:
            for trap in d.get("traps", []):
                for f in findings:
                    if _place(f, trap) and any(f.rule.startswith(r) for r in trap["rules"]) \
                            and _overlap(trap["text"], f.excerpt):
                        problems.append(f"{rel}:{f.line}: {f.rule} fired on a trap '{trap['text']}' ({trap.get('why', '')})")
    return dict(stats), problems


def table(stats) -> str:
    lines = ["rule     tp  fp  fn  known  precision  recall"]
    for code in sorted(stats):
        s = stats[code]
        p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        r = s["tp"] / (s["tp"] + s["fn"] + s["known"]) if s["tp"] + s["fn"] + s["known"] else 1.0
        lines.append(f"{code:7} {s['tp']:3} {s['fp']:3} {s['fn']:3} {s['known']:5}  {p:9.2f}  {r:6.2f}")
    return "\n".join(lines)

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


def evaluate():
    """Returns (per_rule stats, problems) where per_rule[code] = {tp, fp, fn, known}."""
    from linter.engine import Selection, load_rules, run_rules
    from linter.readers import read_document

    stats = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "known": 0})
    problems: list[str] = []
    for rel, files in load_expected().items():
        families = [d["_family"] for d in files]
        sel = Selection(select=families)
        doc = read_document(str(ROOT / "corpus" / rel))
        findings = list(run_rules(doc, load_rules(sel), sel))
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

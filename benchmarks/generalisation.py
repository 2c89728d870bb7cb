"""Generalisation benchmark: recall per planted defect kind and false findings per clean document,
on documents from the generator (benchmarks/docgen), which the rules have never seen.

Usage (from the repository root, with the venv):
    .venv/bin/python benchmarks/generalisation.py                 # N=4 per family and kind, seed 0
    .venv/bin/python benchmarks/generalisation.py --n 10 --seed 7
    .venv/bin/python benchmarks/generalisation.py --families jiangsu --kinds change-percent,typo
    .venv/bin/python benchmarks/generalisation.py --json > report.json
    .venv/bin/python benchmarks/generalisation.py --misses 3      # show up to 3 missed plants per kind
    .venv/bin/python benchmarks/generalisation.py --keep /tmp/gen # keep the generated .txt files
    .venv/bin/python benchmarks/generalisation.py --docx          # also read each document as .docx
    .venv/bin/python benchmarks/generalisation.py --test-sample   # floors and false alarms of the
                                                                  # sample tests/test_generator.py runs

For every kind and family, N documents are generated with one defect planted (预算/决算 and
部门/单位 alternate with the seed; a document that offers no place for the kind is skipped
for the next seed). A plant is FOUND when a finding of one of the kind's expected codes (or,
for kinds no rule claims yet, any code of the kind's family) lies on the plant's zone: the
statement's line, or the table's lines, or names it among its related locations. "family"
recall counts any code of the family. "wordings" is found/planted over the distinct wordings a
kind was planted in (statement templates with their layout of parts; a table's kind): the issues
ask every kind to be found in at least three wordings. For CLEAN documents (N per family, doc type and scope)
every finding is false; they are counted per rule. Findings on planted documents that are not
the plant are counted as "other" per rule.

The command line is stable: other helpers run it to measure their rules.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from docgen import DOC_TYPES, FAMILIES, KINDS, SCOPES, generate  # noqa: E402
from docgen.document import GeneratedDoc, Plant  # noqa: E402


def variants(seed: int):
    """(doc_type, scope) cycling with the seed."""
    combos = [(d, s) for d in DOC_TYPES for s in SCOPES]
    return combos[seed % len(combos)]


class Linter:
    def __init__(self):
        from linter.config import Selection
        from linter.engine import load_rules
        self.sel = Selection()
        self.rules = load_rules(self.sel)

    def check_split(self, narrative_path: Path, tables_path: Path) -> tuple[list, bool]:
        """The findings on a publication split into a 说明 file and a tables file, checked as
        `check` checks two files of one run: joined when pairing recognises them, else each
        alone; and whether they were paired."""
        from linter.engine import run_rules
        from linter.pairing import join, locate, pair, summarise
        from linter.readers import read_document
        docs = [read_document(str(narrative_path)), read_document(str(tables_path))]
        if pair([summarise(d) for d in docs]):
            joined = join(*docs)
            return [locate(f, joined) for f in run_rules(joined, self.rules, self.sel)], True
        return [f for d in docs for f in run_rules(d, self.rules, self.sel)], False

    def check(self, path: Path) -> list:
        from linter.engine import run_rules
        from linter.readers import read_document
        doc = read_document(str(path))
        return list(run_rules(doc, self.rules, self.sel))


def matches_code(f, plant: Plant, family_only: bool = False) -> bool:
    if family_only or not plant.codes:
        return f.rule.startswith(plant.family)
    return f.rule in plant.codes


def on_zone(f, plant: Plant, by_text: bool = False) -> bool:
    if by_text:   # another reader's line numbering (.docx): compare the text
        texts = [f.excerpt] + [r.excerpt for r in f.related]
        return any(t and (t in plant.zone_text or plant.span.text in t) for t in texts)
    lo, hi = plant.zone
    lines = [(f.line, f.end_line or f.line)] + [(r.line, r.line) for r in f.related]
    return any(a <= hi and b >= lo for a, b in lines)


def evaluate(doc: GeneratedDoc, findings: list, by_text: bool = False) -> dict:
    if doc.clean:
        return {"false": Counter(f.rule for f in findings), "findings": findings}
    plant = doc.plants[0]
    hit = [f for f in findings if matches_code(f, plant) and on_zone(f, plant, by_text)]
    fam = [f for f in findings if matches_code(f, plant, True) and on_zone(f, plant, by_text)]
    other = Counter(f.rule for f in findings if f not in fam)
    on_zone_rules = sorted({f.rule for f in findings if on_zone(f, plant, by_text)})
    return {"found": bool(hit), "family": bool(fam), "other": other, "zone_rules": on_zone_rules,
            "wording": plant.wording}


def generate_for(kind: str | None, family: str, n: int, seed: int, max_tries: int = 6):
    out, s = [], seed
    while len(out) < n and s < seed + n * max_tries:
        doc_type, scope = variants(s)
        doc = generate(family, doc_type, scope, s, kind)
        if doc is not None:
            out.append(doc)
        s += 1
    return out


def run(args) -> dict:
    lint = Linter()
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="docgen-"))
    tmp.mkdir(parents=True, exist_ok=True)
    families = args.families.split(",") if args.families else list(FAMILIES)
    kinds = [] if args.clean_only else args.kinds.split(",") if args.kinds else list(KINDS)
    from docgen.narrative import FRESH
    from docgen.narrative import HOLDOUT
    from docgen.holdout2 import ON as HOLDOUT2
    from docgen.holdout3 import ON as HOLDOUT3
    report = {"n": args.n, "seed": args.seed, "fresh": FRESH[0], "holdout": HOLDOUT[0], "holdout2": HOLDOUT2[0],
              "holdout3": HOLDOUT3[0],
              "families": families,
              "kinds": {}, "clean": {},
              "formats": ["txt"]}
    if args.docx:
        report["formats"].append("docx")
    if args.split:
        report["formats"].append("split")
        report["paired"] = [0, 0]
    t0 = time.time()

    def lint_doc(doc: GeneratedDoc):
        path = tmp / f"{doc.name}.txt"
        path.write_text(doc.text, encoding="utf-8")
        results = [evaluate(doc, lint.check(path))]
        if args.docx:
            from docgen.docx_out import write_docx
            dpath = tmp / f"{doc.name}.docx"
            write_docx(doc, dpath)
            results.append(evaluate(doc, lint.check(dpath), by_text=True))
        if args.split:
            narrative, tables = doc.split()
            npath, tpath = tmp / f"{doc.name}-说明.txt", tmp / f"{doc.name}-表.txt"
            npath.write_text(narrative, encoding="utf-8")
            tpath.write_text(tables, encoding="utf-8")
            findings, paired = lint.check_split(npath, tpath)
            report["paired"][0] += paired
            report["paired"][1] += 1
            results.append(evaluate(doc, findings, by_text=True))
        return path, results

    for kind in kinds:
        k = KINDS[kind]
        entry = {"issue": k.issue, "family": k.family, "codes": list(k.codes), "doc": k.doc,
                 "by_family": {}, "found": 0, "found_family": 0, "total": 0, "misses": [], "other": Counter(),
                 "wordings": {}}
        for fam in families:
            docs = generate_for(kind, fam, args.n, args.seed)
            found = total = 0
            for doc in docs:
                path, results = lint_doc(doc)
                for r in results:
                    total += 1
                    found += r["found"]
                    entry["found_family"] += r["family"]
                    entry["other"].update(r["other"])
                    w = entry["wordings"].setdefault(r["wording"], [0, 0])
                    w[0] += r["found"]
                    w[1] += 1
                    if not r["found"]:
                        p = doc.plants[0]
                        entry["misses"].append({"file": str(path), "line": p.span.line, "text": p.span.text,
                                                "statement": (p.zone_text or p.note)[:160],
                                                "zone_rules": r["zone_rules"]})
            entry["by_family"][fam] = [found, total]
            entry["found"] += found
            entry["total"] += total
        entry["other"] = dict(entry["other"])
        report["kinds"][kind] = entry
    clean_docs = 0
    false = Counter()
    per_family = {}
    for fam in families:
        fam_false, fam_docs = Counter(), 0
        for doc_type in DOC_TYPES:
            for scope in SCOPES:
                for s in range(args.seed, args.seed + args.n):
                    doc = generate(fam, doc_type, scope, s)
                    path, results = lint_doc(doc)
                    for r in results:
                        fam_docs += 1
                        fam_false.update(r["false"])
                        for f in r["findings"]:
                            if sum(1 for x in report["clean"].setdefault("findings", []) if x["rule"] == f.rule) < 12:
                                text = doc.text.split("\n")[f.line - 1] if 0 < f.line <= doc.text.count("\n") else ""
                                report["clean"]["findings"].append(
                                    {"rule": f.rule, "file": str(path), "line": f.line, "excerpt": f.excerpt,
                                     "message": f.message, "text": text[:200]})
                        if r["false"] and len(report["clean"].setdefault("examples", [])) < 40:
                            report["clean"]["examples"].append({"file": str(path), "rules": dict(r["false"])})
        per_family[fam] = {"docs": fam_docs, "false": sum(fam_false.values()), "by_rule": dict(fam_false)}
        clean_docs += fam_docs
        false.update(fam_false)
    report["clean"].update({"docs": clean_docs, "false": sum(false.values()),
                            "per_doc": round(sum(false.values()) / max(clean_docs, 1), 3),
                            "by_rule": dict(false.most_common()), "by_family": per_family})
    report["seconds"] = round(time.time() - t0, 1)
    report["dir"] = str(tmp)
    return report


def print_report(rep: dict, misses: int, false: int = 0) -> None:
    fams = rep["families"]
    print(f"generalisation benchmark: n={rep['n']} seed={rep['seed']} fresh={rep['fresh']} "
          f"holdout2={rep.get('holdout2', False)} holdout3={rep.get('holdout3', False)} "
          f"formats={','.join(rep['formats'])} "
          f"({rep['seconds']}s, files in {rep['dir']})")
    head = f"{'kind':22} {'issue':>5} {'codes':18} " + " ".join(f"{f:>9}" for f in fams) + \
        f" {'recall':>7} {'family':>7} {'wordings':>9}"
    print(head)
    print("-" * len(head))
    tot_f = tot_n = 0
    for kind, e in rep["kinds"].items():
        cells = " ".join(f"{e['by_family'][f][0]:>4}/{e['by_family'][f][1]:<4}" for f in fams)
        rec = e["found"] / e["total"] if e["total"] else float("nan")
        famr = e["found_family"] / e["total"] if e["total"] else float("nan")
        codes = ",".join(e["codes"]) or e["family"] + "*"
        ws = e.get("wordings", {})
        wcell = f"{sum(1 for f, n in ws.values() if f)}/{len(ws)}"
        print(f"{kind:22} {e['issue']:>5} {codes[:18]:18} {cells} {rec:>7.2f} {famr:>7.2f} {wcell:>9}")
        tot_f += e["found"]
        tot_n += e["total"]
        for m in e["misses"][:misses]:
            seen = f" [on it: {','.join(m['zone_rules'])}]" if m["zone_rules"] else ""
            print(f"    miss {Path(m['file']).name}:{m['line']} «{m['text']}»{seen} {m['statement']}")
    print(f"overall recall {tot_f}/{tot_n} = {tot_f / max(tot_n, 1):.2f}")
    if "paired" in rep:
        print(f"split publications paired: {rep['paired'][0]}/{rep['paired'][1]}")
    c = rep["clean"]
    print(f"clean documents: {c['docs']}, false findings {c['false']} = {c['per_doc']} per document")
    for fam, e in c["by_family"].items():
        print(f"    {fam:9} {e['false'] / max(e['docs'], 1):.2f}/doc  {e['by_rule']}")
    print(f"    by rule: {c['by_rule']}")
    shown = Counter()
    for f in c.get("findings", []):
        if shown[f["rule"]] < false:
            shown[f["rule"]] += 1
            print(f"    false {f['rule']} {Path(f['file']).name}:{f['line']} «{f['excerpt']}» {f['message'][:100]}\n"
                  f"          | {f['text']}")


def print_markdown(rep: dict) -> None:
    """The closing-note tables: recall per kind and family, false findings per clean document and rule."""
    fams = rep["families"]
    print(f"n={rep['n']} per family and kind, seed {rep['seed']}, fresh={rep['fresh']}, "
          f"formats {','.join(rep['formats'])}\n")
    print("| kind | codes | " + " | ".join(fams) + " | recall | wordings found |")
    print("|---|---|" + "---|" * len(fams) + "---|---|")
    tot_f = tot_n = 0
    for kind, e in rep["kinds"].items():
        cells = " | ".join(f"{e['by_family'][f][0]}/{e['by_family'][f][1]}" if e["by_family"][f][1] else "–"
                           for f in fams)
        rec = f"{e['found'] / e['total']:.2f}" if e["total"] else "–"
        ws = e.get("wordings", {})
        print(f"| {kind} | {','.join(e['codes']) or e['family'] + '*'} | {cells} | {rec} | "
              f"{sum(1 for f, n in ws.values() if f)}/{len(ws)} |")
        tot_f, tot_n = tot_f + e["found"], tot_n + e["total"]
    print(f"| all | | " + " | ".join(
        f"{sum(e['by_family'][f][0] for e in rep['kinds'].values())}/"
        f"{sum(e['by_family'][f][1] for e in rep['kinds'].values())}" for f in fams)
        + f" | {tot_f / max(tot_n, 1):.2f} | |\n")
    c = rep["clean"]
    rules = sorted({r for e in c["by_family"].values() for r in e["by_rule"]}) or ["(none)"]
    print(f"False findings per clean document ({c['docs']} documents):\n")
    print("| family | documents | " + " | ".join(rules) + " | all |")
    print("|---|---|" + "---|" * len(rules) + "---|")
    for fam, e in c["by_family"].items():
        per = lambda x: f"{x / max(e['docs'], 1):.2f}"  # noqa: E731
        print(f"| {fam} | {e['docs']} | " + " | ".join(per(e["by_rule"].get(r, 0)) for r in rules)
              + f" | {per(e['false'])} |")
    print(f"| all | {c['docs']} | " + " | ".join(f"{c['by_rule'].get(r, 0) / max(c['docs'], 1):.2f}" for r in rules)
          + f" | {c['per_doc']:.2f} |")


TEST_N, TEST_SEED = 1, 0   # the sample tests/test_generator.py runs (per family and kind; clean: seed 0)


def test_sample(lint: Linter | None = None) -> tuple[dict, dict]:
    """What tests/test_generator.py measures: plants found per kind, clean findings per family and rule."""
    lint = lint or Linter()
    found: dict[str, int] = {}
    false: dict[tuple[str, str], int] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for kind in KINDS:
            found[kind] = 0
            for fam in FAMILIES:
                for doc in generate_for(kind, fam, TEST_N, TEST_SEED):
                    path = Path(tmp) / f"{doc.name}.txt"
                    path.write_text(doc.text, encoding="utf-8")
                    found[kind] += evaluate(doc, lint.check(path))["found"]
        for fam in FAMILIES:
            for doc_type in DOC_TYPES:
                for scope in SCOPES:
                    doc = generate(fam, doc_type, scope, TEST_SEED)
                    path = Path(tmp) / f"{doc.name}.txt"
                    path.write_text(doc.text, encoding="utf-8")
                    for f in lint.check(path):
                        false[(fam, f.rule)] += 1
    return found, dict(false)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=4, help="documents per family and kind (and per family/doc type/scope clean)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--families", default="", help="comma list of hebei,shanghai,jiangsu (default all)")
    ap.add_argument("--kinds", default="", help="comma list of defect kinds (default all; see --list)")
    ap.add_argument("--list", action="store_true", help="list the defect kinds and exit")
    ap.add_argument("--clean-only", action="store_true", help="only the clean documents (false findings)")
    ap.add_argument("--holdout", action="store_true",
                    help="write the kinds that have one in the held-out wordings (written after the team tuned on the rest)")
    ap.add_argument("--holdout2", action="store_true",
                    help="write the statements in the second held-out set (structures of other provinces' documents; "
                         "benchmarks/docgen/holdout2.py, not for rule authors to read)")
    ap.add_argument("--holdout3", action="store_true",
                    help="write the statements in the third held-out set (structures of other provinces' documents; "
                         "benchmarks/docgen/holdout3.py, not for rule authors to read)")
    ap.add_argument("--false", type=int, default=0, metavar="N",
                    help="show up to N false findings per rule on the clean documents, with their line")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--markdown", action="store_true", help="print the report as Markdown tables")
    ap.add_argument("--misses", type=int, default=0, help="show up to this many missed plants per kind")
    ap.add_argument("--keep", default="", help="directory to keep the generated files in")
    ap.add_argument("--docx", action="store_true", help="also write each document as .docx and lint that")
    ap.add_argument("--split", action="store_true",
                    help="also write each document as a 说明 file and a tables file (a split publication) "
                         "and lint the two together")
    ap.add_argument("--fresh", type=float, default=None, metavar="P",
                    help="share of statements written in the red-team wordings (default 0.5; 1 = only those)")
    ap.add_argument("--test-sample", action="store_true",
                    help="print FLOOR and the (family, rule) false alarms of the test's sample, and exit")
    args = ap.parse_args(argv)
    if args.fresh is not None:
        from docgen import narrative
        narrative.FRESH[0] = args.fresh
    if args.holdout:
        from docgen import narrative
        narrative.HOLDOUT[0] = True
    if args.holdout2:
        from docgen import holdout2
        holdout2.ON[0] = True
    if args.holdout3:
        from docgen import holdout3
        holdout3.ON[0] = True
    if args.test_sample:
        found, false = test_sample()
        print("FLOOR = {" + ", ".join(f'"{k}": {v}' for k, v in found.items()) + "}")
        print("false alarms on clean documents (family, rule): count")
        for key, count in sorted(false.items()):
            print(f"    {key}: {count}")
        return 0
    if args.list:
        for k in KINDS.values():
            print(f"{k.name:22} issue {k.issue}  {','.join(k.codes) or k.family + '*':24} {k.doc}")
        return 0
    rep = run(args)
    if args.json:
        print(json.dumps(rep, ensure_ascii=False, indent=1, default=dict))
    elif args.markdown:
        print_markdown(rep)
    else:
        print_report(rep, args.misses, args.false)
    return 0


if __name__ == "__main__":
    sys.exit(main())

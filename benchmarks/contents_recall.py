"""目录 benchmark: BL316's missing-part check on generated documents given a table of contents.

The generator's own 目录 (benchmarks/docgen) is replaced by one written here: for each clean generated
document a 目录 is written after the title line from the document's own numbered headings and
table titles, in one of three styles (dot leaders and page numbers, page numbers after spaces,
numbers alone; an unnumbered title keeps its page number, as a line with neither is not told
from body text). Then:
- PRECISION: the document with its 目录 must give no 目录 finding;
- RECALL: for each entry in turn, its part is taken out of the body (a section with all under
  it, or a table with its title), and the entry must be reported. A cut that leaves no table
  at all is not counted: such a file reads as a 说明 published without its tables.

Usage (from the repository root, with the venv):
    .venv/bin/python benchmarks/contents_recall.py --n 2 --seed 0
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from docgen import DOC_TYPES, FAMILIES, SCOPES, generate  # noqa: E402

STYLES = ("leaders", "spaces", "bare")


def contents_lines(doc, style: str, rng: random.Random) -> list[tuple[str, tuple[int, int]]]:
    """(entry line, (first, last) text-view lines of its part) for the document's parts."""
    from linter.structure import numbering_of

    parts = []
    tables = {t.title_line: t for t in doc.tables if t.title_line}
    sections = {s.line: s for s in doc.sections.walk()} if doc.sections else {}
    for ln in doc.lines[1:]:
        text = ln.text.strip()
        if ln.number in tables:
            t = tables[ln.number]
            parts.append((text, (ln.number, t.last_line)))
        elif ln.kind == "heading" and numbering_of(text) and numbering_of(text)[1] <= 3 and len(text) <= 30:
            # a section goes with everything under it
            end = sections[ln.number].end_line if ln.number in sections else ln.number
            parts.append((text, (ln.number, end)))
    # a part with entries below it in the 目录 goes with them (第二部分 …部门预算表 and its tables)
    def level(text):
        num = numbering_of(text) or (("part", 1, "", text) if text.startswith("第") and "部分" in text[:6] else None)
        return num[1] if num else 9
    spans = []
    for i, (text, (a, b)) in enumerate(parts):
        lv, end = level(text), b
        for text2, (a2, b2) in parts[i + 1:]:
            if level(text2) <= lv:
                break
            end = max(end, b2)
        spans.append((text, (a, end)))
    parts = spans
    out = []
    for page, (text, span) in enumerate(parts, 2):
        if style == "leaders":
            out.append((f"{text}{'…' * rng.randint(6, 20)}{page}", span))
        elif style == "spaces":
            out.append((f"{text}  {page}", span))
        elif level(text) < 9:
            out.append((text, span))
        else:  # a title with neither number nor page number is not told from body text
            out.append((f"{text}  {page}", span))
    return out


def without_contents(text: str, path: Path) -> str:
    """The generated text without the generator's own 目录 (this benchmark writes its own)."""
    from linter.contents import CONTENTS_TITLE
    from linter.readers import read_document

    path.write_text(text, encoding="utf-8")
    doc = read_document(str(path))
    drop = {e.line for e in doc.contents}
    if drop:
        drop |= {ln.number for ln in doc.lines if CONTENTS_TITLE.match(ln.text) and ln.number < min(drop)}
    return "\n".join(t for n, t in enumerate(text.split("\n"), 1) if n not in drop)


def bl316_contents(path: Path) -> list:
    from linter.engine import Selection, load_rules, run_rules
    from linter.readers import read_document

    sel = Selection(select=["BL316"])
    doc = read_document(str(path))
    return [f for f in run_rules(doc, load_rules(sel), sel) if "目录" in f.message]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2, help="documents per family, doc type and scope")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-entries", type=int, default=12, help="entries taken out per document")
    args = ap.parse_args()
    from linter.readers import read_document

    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="contents-"))
    docs = clean_false = entries = found = skipped = 0
    misses = []
    for family in FAMILIES:
        for doc_type in DOC_TYPES:
            for scope in SCOPES:
                for k in range(args.n):
                    gen = generate(family, doc_type, scope, args.seed + k)
                    if gen is None:
                        continue
                    base = tmp / f"{gen.name}.txt"
                    text = without_contents(gen.text, base)
                    base.write_text(text, encoding="utf-8")
                    doc = read_document(str(base))
                    style = STYLES[(args.seed + k) % len(STYLES)]
                    toc = contents_lines(doc, style, rng)
                    if len(toc) < 2:
                        continue
                    lines = text.split("\n")
                    head, body = lines[:1], lines[1:]
                    block = ["目录"] + [t for t, _ in toc]
                    with_toc = tmp / f"{gen.name}-toc.txt"
                    with_toc.write_text("\n".join(head + block + body), encoding="utf-8")
                    docs += 1
                    false = bl316_contents(with_toc)
                    clean_false += len(false)
                    for f in false:
                        misses.append(f"FALSE {with_toc.name}:{f.line} {f.excerpt}")
                    for i, (text, (a, b)) in enumerate(toc[:args.max_entries]):
                        cut = body[:a - 2] + body[b - 1:]  # text-view line n is body[n - 2]
                        path = tmp / f"{gen.name}-cut{i}.txt"
                        path.write_text("\n".join(head + block + cut), encoding="utf-8")
                        if not read_document(str(path)).tables:
                            skipped += 1  # read as a 说明 published without its tables (by design)
                            continue
                        hit = [f for f in bl316_contents(path) if f.line == 2 + i + 1]
                        entries += 1
                        found += bool(hit)
                        if not hit:
                            misses.append(f"MISS {path.name}: {text}")
    print(f"目录 benchmark: seed={args.seed} n={args.n}, files in {tmp}")
    print(f"documents with a 目录: {docs}, false 目录 findings: {clean_false} ({clean_false / max(docs, 1):.2f} per document)")
    print(f"entries taken out: {entries}, reported: {found} (recall {found / max(entries, 1):.2f}); "
          f"{skipped} cuts left no table at all (a 说明 without its tables: not asked for them)")
    for m in misses[:20]:
        print("   ", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())

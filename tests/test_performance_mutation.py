"""Mutation test for the BL4 family: plant each defect kind into consistent copies of the
corpus' performance documents and measure how many of the plants the family reports."""
from __future__ import annotations

from conftest import check
from performance_mutations import BASES, MUTATIONS, apply, base_text, write


def test_consistent_bases_are_silent(tmp_path):
    for name in BASES:
        path = write(tmp_path, name, base_text(name))
        found = [(f.rule, f.line, f.message) for f in check(path, select="BL4")]
        assert found == [], f"base {name} is not consistent: {found}"


def test_mutation_recall_per_kind(tmp_path):
    recall = {}
    misses = []
    for kind, (rule, plants) in MUTATIONS.items():
        hits = 0
        for n, (name, edits) in enumerate(plants):
            path = write(tmp_path, name, apply(base_text(name), edits))
            findings = [f for f in check(path, select="BL4") if f.rule == rule]
            edited = {line for line, _, _ in edits}
            # the finding must point at the plant or name it among its related locations
            near = [f for f in findings if f.line in edited or any(r.line in edited for r in f.related)
                    or any(abs(r.line - e) <= 3 for r in f.related for e in edited)]
            if near:
                hits += 1
            else:
                misses.append(f"{kind} #{n} on {name}: {rule} silent or elsewhere "
                              f"({[(f.line, f.message) for f in findings]})")
        recall[kind] = (hits, len(plants))
    print("\nBL4 mutation recall per kind")
    for kind, (hits, total) in recall.items():
        print(f"  {kind:24} {MUTATIONS[kind][0]}  {hits}/{total}  {hits / total:.2f}")
    assert not misses, "\n".join(misses)

"""Typo recall and false findings of BL306's open-vocabulary pass on real text.

    python benchmarks/typo_recall.py [FILE ...]   (default: the 23 real documents of corpus/: seeds as
                                                   .txt and .docx, samples, real/jiangsu)
    python benchmarks/typo_recall.py --rates      (how often each kind of alternative is the real slip,
                                                   in the curated pairs: BL306's HOMOPHONE_PRIOR)

Clean: the typo findings (疑似错别字, the curated list aside) on each document as it is; each
is listed, and every one is a false finding unless it is a real typo. Planted: in every
narrative line one occurrence of a target word (linter/data/typo_targets.txt, 2–4 characters,
chosen at random) gets one character replaced by a look-alike or one of the five first
sound-alikes of linter/data/confusion_chars.txt, when the result is no word; the rule runs on
the planted document, and a plant counts as found when a finding's suggestion, put in place of
its excerpt, gives the line back as it was (财败拨款 -> 财政拨款 restores a planted 财败). Recall is given per kind (shape; sound, split into
exact homophones, same syllable and tone, and toneless sound-alikes), for the domain vocabulary
(lexicon.txt and the items' synonyms) and for general words. A second planted pass replaces the
character by one of its exact homophones (the fourth column of confusion_chars.txt: 建全 for
健全), the input-method slip BL306 holds likeliest.
"""
from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.engine import Selection, load_rules, run_rules  # noqa: E402
from linter.readers import read_document  # noqa: E402
from linter.vocab import load_lines  # noqa: E402
from linter.wordfreq import word_model  # noqa: E402
from linter.wordfreq import confusion  # noqa: E402

SELECT = Selection(select=["BL306"])
NEW = "疑似错别字"


def domain() -> set[str]:
    out = {line.split()[0] for line in load_lines("lexicon.txt")}
    items = json.loads((ROOT / "linter/data/items.json").read_text(encoding="utf-8"))["items"]
    for it in items.values():
        out.update(it.get("synonyms", []))
    return out


def typo_findings(doc):
    return [f for f in run_rules(doc, load_rules(SELECT), SELECT) if f.message.startswith(NEW)]


def plant(doc, rng, tset, logp, conf, homophones_only=False):
    """Plant one typo in each narrative line; return {line: (column, typo, word, kind)}."""
    plants = {}
    for ln in doc.lines:
        if ln.kind not in ("text", "heading"):
            continue
        text = ln.text
        spots = [(i, n) for i in range(len(text)) for n in (4, 3, 2) if text[i:i + n] in tset]
        if not spots:
            continue
        i, n = rng.choice(spots)
        w = text[i:i + n]
        n = len(w)
        j = rng.randrange(n)
        if w[j] not in conf:
            continue
        shape, sound, homophones = conf[w[j]]
        if homophones_only:
            kind, pool = "exact", homophones
        else:
            kind = rng.choice(["shape", "sound"]) if shape and sound else ("shape" if shape else "sound")
            pool = shape if kind == "shape" else sound[:5]
        if not pool:
            continue
        x = rng.choice(pool)
        typo = w[:j] + x + w[j + 1:]
        if typo in logp:
            continue
        if kind == "sound":
            kind = "exact" if x in homophones else "tonel"
        ln.text = text[:i] + typo + text[i + n:]
        plants[ln.number] = (i + j, text, w, kind)
    return plants


def slip_rates() -> int:
    """The measure behind BL306's HOMOPHONE_PRIOR: how often each kind of alternative that
    confusion_chars.txt offers is the real slip, over the distinct one-character pairs of the
    curated list (confusables.txt: slips seen in real documents)."""
    conf = confusion()
    pairs, kinds = set(), Counter()
    for line in load_lines("confusables.txt"):
        wrong, right = (line.split("\t") + [""])[:2]
        diff = [(x, c) for x, c in zip(wrong, right) if x != c] if len(wrong) == len(right) else []
        if len(diff) == 1 and diff[0] not in pairs and diff[0][1] in conf:
            pairs.add(diff[0])
            x, c = diff[0]
            shape, sound, homophones = conf[c]
            kinds["homophone" if x in homophones else "shape" if x in shape else "sound" if x in sound else "none"] += 1
    n = len(conf)
    offered = {"homophone": sum(len(h) for _, _, h in conf.values()) / n,
               "shape": sum(len([x for x in a if x not in h]) for a, _, h in conf.values()) / n,
               "sound": sum(len([x for x in b if x not in h]) for _, b, h in conf.values()) / n}
    print(f"{len(pairs)} distinct one-character curated pairs: {dict(kinds)}")
    rate = {k: kinds[k] / offered[k] for k in offered}
    for k in offered:
        print(f"  {k:9s} {offered[k]:5.2f} offered per character, {kinds[k]:3d} pairs, {rate[k]:.2f} per alternative")
    print(f"  exact homophone / look-alike {rate['homophone'] / rate['shape']:.1f}x, "
          f"/ toneless sound-alike {rate['homophone'] / rate['sound']:.1f}x")
    return 0


def main(paths: list[str]) -> int:
    rng, rng_exact = random.Random(7), random.Random(8)
    tset = {w for w in load_lines("typo_targets.txt") if 2 <= len(w) <= 4}
    dom = domain()
    logp, conf = word_model(), confusion()
    mixed, exact = (Counter(), Counter()), (Counter(), Counter())
    print("false findings per clean document:")
    n_clean = []
    for p in paths:
        name = Path(p).name
        clean = typo_findings(read_document(p))
        n_clean.append(len(clean))
        print(f"  {len(clean):3d}  {name}")
        for f in clean:
            print(f"         line {f.line}: {f.excerpt} -> {f.suggestion}")
        for homophones_only, (found, total) in ((False, mixed), (True, exact)):
            doc = read_document(p)
            plants = plant(doc, rng_exact if homophones_only else rng, tset, logp, conf, homophones_only)
            restored = set()
            for f in typo_findings(doc):
                bad = doc.line(f.line).text
                s = f.column - 1
                restored.add((f.line, bad[:s] + f.suggestion + bad[s + len(f.excerpt):]))
            for line, (at, original, w, kind) in plants.items():
                key = (kind, "domain" if w in dom else "general")
                total[key] += 1
                found[key] += (line, original) in restored
    print(f"  mean {sum(n_clean) / max(len(n_clean), 1):.2f} over {len(n_clean)} documents")
    for title, (found, total) in (("planted typos found (sound: exact homophone or toneless):", mixed),
                                  ("planted exact homophones found:", exact)):
        print(title)
        for key in sorted(total):
            print(f"  {key[0]:5s} {key[1]:7s} {found[key]:4d}/{total[key]:4d} = {found[key] / total[key]:.2f}")
        allf, allt = sum(found.values()), sum(total.values())
        print(f"  all           {allf:4d}/{allt:4d} = {allf / max(allt, 1):.2f}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--rates"]:
        raise SystemExit(slip_rates())
    args = sys.argv[1:] or [str(p) for d in ("corpus/seeds", "corpus/docx", "corpus/samples", "corpus/real/jiangsu")
                            for p in sorted((ROOT / d).glob("*")) if p.suffix in (".txt", ".pdf", ".docx")]
    raise SystemExit(main(args))

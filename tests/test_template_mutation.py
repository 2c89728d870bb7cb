"""Mutation test for the BL3 family: inject each defect kind into clean copies of the real
seeds, at many places, and measure recall per kind (the table is printed with -s).

Deterministic: every mutation draws from its own generator seeded by (kind, seed, index), so
a change in one kind or one seed does not move the others. A mutation counts as caught only
when the expected rule reports a finding that the unmutated seed does not have, on the
mutated line (for numbering: on the mutated line or the next item of the list, where a skip or a
repetition shows).

The first PER_KIND_OTHER_FORMATS plants per kind and seed also go into the seed's .docx and .pdf
(tests/mutate_formats.py); there "the mutated line" is the line of that format's text view that
differs from the unmutated file. The PDF fixtures embed subset fonts, so a plant whose new
characters no font of the PDF holds (traditional 強/預 in a simplified document, 较 in 002, …)
cannot be made there: a plant the PDF can show is preferred, and the others are counted "n/a"
for .pdf (listed with -s). Recall is 1.0 in every format as of this writing; MIN_RECALL is the
floor for all three, there is no format gap to allow for."""
from __future__ import annotations

import random
from pathlib import Path

import regex

from mutate_formats import FORMATS, RecallTable, Unrepresentable, changed_lines, edit_at, mutate, representable, source

from linter.engine import Selection, load_rules, run_rules
from linter.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
PER_KIND = 6
PER_KIND_OTHER_FORMATS = 2  # of the PER_KIND plants per seed, this many also go into the .docx and .pdf
MIN_RECALL = 0.9


def _sentences(text):
    """Positions just after a '，' in narrative lines (not tables, not headings)."""
    out = []
    offset = 0
    for line in text.split("\n"):
        if not line.startswith("\t") and "[bookmark" not in line and len(line) > 40:
            for m in regex.finditer(r"，(?=\p{Han}{4})", line):
                out.append(offset + m.end())
        offset += len(line) + 1
    return out


def _line_of(text, pos):
    return text.count("\n", 0, pos) + 1


def _insert(text, pos, s):
    return text[:pos] + s + text[pos:], _line_of(text, pos)


# each mutator: (text, rng, doc meta) -> (new text, mutated line) or None; KINDS maps it to its rule
def stale_plan_year(text, rng, meta):
    return _insert(text, rng.choice(_sentences(text)), f"确保{meta.year - rng.randint(2, 5)}年底完成率不低于95%，")


def wrong_base_year(text, rng, meta):
    hits = list(regex.finditer(rf"较{meta.year - 1}年", text))
    if not hits or rng.random() < 0.5:
        return _insert(text, rng.choice(_sentences(text)), f"较{meta.year - 3}年增加5万元，")
    m = rng.choice(hits)
    return text[:m.start()] + f"较{meta.year - 2}年" + text[m.end():], _line_of(text, m.start())


def placeholder(text, rng, meta):
    return _insert(text, rng.choice(_sentences(text)),
                   rng.choice(["目标内容2", "XX项目", "××单位", "某某科室", "【请填写】", "待补充", "增加（减少）"]) + "，")


def replace_damage(text, rng, meta):
    c = {"县": "县", "区": "区"}.get(meta.level)
    if c is None:
        return None
    choices = [f"{c}场"] + (["城县", "社县"] if c == "县" else [])  # 城区 in a district document is a real word
    return _insert(text, rng.choice(_sentences(text)), f"规范{rng.choice(choices)}秩序，")


def wrong_level(text, rng, meta):
    other = {"县": ["我省", "全市", "我市", "全区"], "区": ["我省", "全县", "我市", "全省各地"]}.get(meta.level)
    if other is None:
        return None
    return _insert(text, rng.choice(_sentences(text)), f"统筹推进{rng.choice(other)}网络安全工作，")


def typo(text, rng, meta):
    words = [("舆情", "奥情"), ("媒体", "煤体"), ("技术", "技木"), ("转载", "转栽"), ("拨款", "拔款"), ("部署", "布署"),
             ("政策", "之策"), ("土地", "士地"), ("补贴", "补帖"), ("管理", "菅理")]
    present = [(w, b) for w, b in words if w in text]
    w, b = rng.choice(present)
    p = rng.choice([m.start() for m in regex.finditer(w, text)])
    if b == "之策":  # 之策 alone is literary (万全之策): the lexicon knows it in 相关/有关/各项之策, 之策体系
        return _insert(text, rng.choice(_sentences(text)), "完善相关之策体系，")
    return text[:p] + b + text[p + len(w):], _line_of(text, p)


def traditional(text, rng, meta):
    return _insert(text, rng.choice(_sentences(text)), rng.choice(["加強網絡管理，", "做好輿情工作，", "完善預算編制，"]))


CN = "一二三四五六七八九"


def numbering(text, rng, meta):
    """One numbered heading (二、…八、 or （二）…（八）) renumbered: another style (六、 → 6、),
    a skip (六、 → 七、), a repetition (六、 → 五、)."""
    heads = list(regex.finditer(r"(?m)^(?:\[bookmark: _Toc[^\]]*\])?(?:([二三四五六七八])、|（([二三四五六七八])）)[^\t\n]*$", text))
    if not heads:
        return None
    m = rng.choice(heads)
    g = 1 if m.group(1) else 2
    v = CN.index(m.group(g)) + 1
    kind = rng.choice(["style", "skip", "repeat"])
    if g == 1:
        new = {"style": f"{v}、", "skip": f"{CN[v]}、", "repeat": f"{CN[v - 2]}、"}[kind]
        return text[:m.start(g)] + new + text[m.end(g) + 1:], _line_of(text, m.start(g))
    new = {"style": f"（{v}）", "skip": f"（{CN[v]}）", "repeat": f"（{CN[v - 2]}）"}[kind]
    return text[:m.start(g) - 1] + new + text[m.end(g) + 1:], _line_of(text, m.start(g))


def punctuation(text, rng, meta):
    pos = rng.choice(_sentences(text))
    kind = rng.choice(["，", "。。", "“”", "《", "`"])
    return _insert(text, pos - 1 if kind == "，" else pos, kind)


def empty_table_note(text, rng, meta):
    notes = list(regex.finditer(r"注：无(政府性?基金|国有资本经营)预算财政拨款预算", text))
    if not notes:
        return None
    m = rng.choice(notes)
    other = "国有资本经营" if "基金" in m.group(1) else "政府性基金"
    return text[:m.start(1)] + other + text[m.end(1):], _line_of(text, m.start(1))


def duplicated(text, rng, meta):
    m = rng.choice(list(regex.finditer(r"预算|网络安全|工作|宣传|满意度", text)))
    return text[:m.end()] + m.group() + text[m.end():], _line_of(text, m.start())


KINDS = {stale_plan_year: "BL301", wrong_base_year: "BL301", placeholder: "BL302", replace_damage: "BL303",
         wrong_level: "BL304", typo: "BL306", traditional: "BL307", numbering: "BL308", punctuation: "BL309",
         empty_table_note: "BL310", duplicated: "BL312"}


def _findings(path, rule, doc=None):
    sel = Selection(select=[rule])
    doc = doc or read_document(str(path))
    return {(f.line, f.excerpt) for f in run_rules(doc, load_rules(sel), sel)}, doc


def _next_item(doc, line):
    """The line of the next numbered heading of the same style after `line` (where a skip or a
    repetition shows)."""
    if doc.sections is None:
        return line
    secs = [s for s in doc.sections.walk() if s.number and s.level > 0]
    here = next((s for s in secs if s.line == line), None)
    kind = getattr(here, "style", None)
    later = sorted(s.line for s in secs if s.line > line and getattr(s, "style", None) == kind)
    return later[0] if later else line


def _as_edit(base: str, mutated: str) -> tuple:
    """The mutator's whole new text as one edit (line, old, new, col) on the base text."""
    p = 0
    n = min(len(base), len(mutated))
    while p < n and base[p] == mutated[p]:
        p += 1
    s = 0
    while s < n - p and base[-1 - s] == mutated[-1 - s]:
        s += 1
    return edit_at(base, p, len(base) - s, mutated[p:len(mutated) - s])


def _plant(kind, base, rng, meta, flagged, stem):
    """(edit, .txt line) of one mutation at a clean place (a line the seed's own defects do
    not already mark), preferably one the seed's PDF fonts can show; None when the kind has
    no place in this seed."""
    fallback = None
    for _ in range(40):
        mutated = kind(base, rng, meta)
        if mutated is None:
            return None
        text, line = mutated
        if text == base or line in flagged:
            continue
        edit = _as_edit(base, text)
        if representable(stem, edit[2]):
            return edit, line
        fallback = fallback or (edit, line)
    return fallback


def run_mutations(tmp_path):
    table = RecallTable()
    metas = {p: read_document(str(p)).meta for p in SEEDS}
    baseline = {}
    pristine = {}  # (seed, format) -> the unmutated document, read once
    misses = []
    for kind, rule in KINDS.items():
        for p in SEEDS:
            stem = p.stem[:3]
            base = p.read_text(encoding="utf-8")
            for fmt in FORMATS:
                if (stem, fmt) not in pristine:
                    pristine[(stem, fmt)] = read_document(str(source(stem, fmt)))
                if (stem, rule, fmt) not in baseline:
                    baseline[(stem, rule, fmt)] = _findings(None, rule, pristine[(stem, fmt)])
            flagged = {ln for ln, _ in baseline[(stem, rule, "txt")][0]}
            for i in range(PER_KIND):
                rng = random.Random(f"{kind.__name__}:{p.stem}:{i}")
                planted = _plant(kind, base, rng, metas[p], flagged, stem)
                if planted is None:
                    break
                edit, line = planted
                for fmt in (FORMATS if i < PER_KIND_OTHER_FORMATS else ("txt",)):
                    try:
                        out = mutate(stem, [edit], tmp_path / f"{kind.__name__}_{stem}_{i}", formats=[fmt])[fmt]
                    except Unrepresentable as exc:
                        table.add(kind.__name__, fmt, None, f"{stem} line {line}: {exc}")
                        continue
                    before, base_doc = baseline[(stem, rule, fmt)]
                    after, doc = _findings(out, rule)
                    changed = changed_lines(base_doc, doc)
                    first = min(changed, default=0)
                    last = _next_item(doc, max(changed)) if kind is numbering and changed else max(changed, default=0)
                    hit = any(first <= ln <= last for ln, _ in after - before)
                    table.add(kind.__name__, fmt, hit)
                    if not hit:
                        misses.append((kind.__name__, fmt, stem, line, edit[1], edit[2]))
    return table, misses


def test_mutation_recall(tmp_path):
    table, misses = run_mutations(tmp_path)
    print("\n" + table.render("BL3 mutation recall (caught/tried per format)"))
    for m in misses:
        print("missed:", *m)
    for kind in KINDS:
        for fmt in FORMATS:
            assert table.tried(kind.__name__, fmt), f"{kind.__name__} never planted in .{fmt}"
    low = {(k, f): table.recall(k.__name__, f) for k in KINDS for f in FORMATS
           if table.recall(k.__name__, f) < MIN_RECALL}
    assert not low, low

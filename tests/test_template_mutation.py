"""Mutation test for the BL3 family: inject each defect kind into clean copies of the real
seeds, at many places, and measure recall per kind (the table is printed with -s)."""
from __future__ import annotations

import random
from pathlib import Path

import regex

from linter.engine import Selection, load_rules, run_rules
from linter.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
PER_KIND = 6
MIN_RECALL = 0.8


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


def _insert(text, pos, s):
    return text[:pos] + s + text[pos:]


# each mutator: (text, rng, doc_meta) -> (new_text, marker inserted, rule expected) or None
def stale_plan_year(text, rng, meta):
    pos = rng.choice(_sentences(text))
    return _insert(text, pos, f"确保{meta.year - rng.randint(2, 5)}年底完成率不低于95%，"), "BL301"


def wrong_base_year(text, rng, meta):
    m = regex.search(rf"较{meta.year - 1}年", text)
    if m is None:
        pos = rng.choice(_sentences(text))
        return _insert(text, pos, f"较{meta.year - 3}年增加5万元，"), "BL301"
    return text[:m.start()] + f"较{meta.year - 2}年" + text[m.end():], "BL301"


def placeholder(text, rng, meta):
    pos = rng.choice(_sentences(text))
    return _insert(text, pos, rng.choice(["目标内容2", "XX项目", "××单位", "某某科室", "【请填写】", "待补充"]) + "，"), "BL302"


def replace_damage(text, rng, meta):
    c = {"县": "县", "区": "区"}.get(meta.level)
    if c is None:
        return None
    choices = [("市场", f"{c}场")] + ([("城市", "城县"), ("社区", "社县")] if c == "县" else [])
    word, damaged = rng.choice(choices)  # 城区 in a district document is a real word
    pos = rng.choice(_sentences(text))
    return _insert(text, pos, f"规范{damaged}秩序，"), "BL303"


def wrong_level(text, rng, meta):
    other = {"县": ["我省", "全市", "我市", "全区"], "区": ["我省", "全县", "我市", "全省各地"]}.get(meta.level)
    if other is None:
        return None
    pos = rng.choice(_sentences(text))
    return _insert(text, pos, f"统筹推进{rng.choice(other)}网络安全工作，"), "BL304"


def typo(text, rng, meta):
    words = [("舆情", "奥情"), ("媒体", "煤体"), ("技术", "技木"), ("转载", "转栽"), ("拨款", "拔款"), ("部署", "布署")]
    present = [(w, b) for w, b in words if w in text]
    w, b = rng.choice(present)
    hits = [m.start() for m in regex.finditer(w, text)]
    p = rng.choice(hits)
    # only narrative or table text; headings too
    return text[:p] + b + text[p + len(w):], "BL306"


def traditional(text, rng, meta):
    pos = rng.choice(_sentences(text))
    return _insert(text, pos, rng.choice(["加強網絡管理，", "做好輿情工作，", "完善預算編制，"])), "BL307"


def numbering(text, rng, meta):
    heads = [m for m in regex.finditer(r"(?m)^(\[bookmark: _Toc[^\]]*\])?([二三四五六七八])、[^\t\n]*$", text)]
    if not heads:
        return None
    m = rng.choice(heads)
    cn = "一二三四五六七八九"
    v = cn.index(m.group(2)) + 1
    new = rng.choice([str(v) + "、", cn[v] + "、", cn[v - 2] + "、"])  # wrong style, skip, duplicate
    return text[:m.start(2)] + new + text[m.end(2) + 1:], "BL308"


def punctuation(text, rng, meta):
    pos = rng.choice(_sentences(text))
    kind = rng.choice(["，", "。。", "“”", "《", "`"])
    return _insert(text, pos - 1 if kind == "，" else pos, kind), "BL309"


def empty_table_note(text, rng, meta):
    notes = list(regex.finditer(r"注：无(政府性?基金|国有资本经营)预算财政拨款预算", text))
    if not notes:
        return None
    m = rng.choice(notes)
    other = "国有资本经营" if "基金" in m.group(1) else "政府性基金"
    return text[:m.start(1)] + other + text[m.end(1):], "BL310"


def duplicated(text, rng, meta):
    ws = [m for m in regex.finditer(r"预算|网络安全|工作|宣传|满意度", text)]
    m = rng.choice(ws)
    return text[:m.end()] + m.group() + text[m.end():], "BL312"


KINDS = [stale_plan_year, wrong_base_year, placeholder, replace_damage, wrong_level, typo, traditional,
         numbering, punctuation, empty_table_note, duplicated]


def _findings(path, rule):
    sel = Selection(select=[rule])
    doc = read_document(str(path))
    return [(f.line, f.excerpt) for f in run_rules(doc, load_rules(sel), sel)], doc


def test_mutation_recall(tmp_path):
    rng = random.Random(20250101)
    table = {}
    metas = {p: read_document(str(p)).meta for p in SEEDS}
    baseline = {}
    for kind in KINDS:
        tried = caught = 0
        for p in SEEDS:
            base = p.read_text(encoding="utf-8")
            for i in range(PER_KIND):
                mutated = kind(base, rng, metas[p])
                if mutated is None:
                    break
                text, rule = mutated
                if text == base:
                    continue
                if (p, rule) not in baseline:
                    baseline[(p, rule)] = _findings(p, rule)[0]
                before = baseline[(p, rule)]
                out = tmp_path / f"{kind.__name__}_{p.stem}_{i}.txt"
                out.write_text(text, encoding="utf-8")
                after, _ = _findings(out, rule)
                tried += 1
                if len(after) > len(before):
                    caught += 1
        table[kind.__name__] = (caught, tried)
    print("\nkind                 caught/tried  recall")
    for name, (c, t) in table.items():
        print(f"{name:20} {c:6}/{t:<6} {c / t if t else 1:6.2f}")
    low = {k: v for k, v in table.items() if v[1] and v[0] / v[1] < MIN_RECALL}
    assert all(t for _, t in table.values()), table
    assert not low, low

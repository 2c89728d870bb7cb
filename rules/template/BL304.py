from __future__ import annotations

import regex

from linter.engine import Rule

from .common import clause, is_document_title, regions, scanned_lines, township

LEVELS = ["省", "市", "区", "县"]  # the levels whose own-words (我X, 全X …) are looked for


class WrongLevelWord(Rule):
    """Words of another administrative level: 我省 / 全省 / 省级财政 in a county or district
    document, 全县 in a district one, 涉冀舆情 (a province's topic) in a county's targets.

    *What it does*: from the document's level (doc.meta.level: 县, 区, 市 …) it looks for the
    words by which a body of another level speaks of its own jurisdiction (我X, 全X, 本X,
    X级财政 …; patterns in linter/data/region_words.json). References to a superior body
    (省委网信办, 市委…要求), names of documents (《河北省省级预算公开办法》, …通知) and
    rankings or events within the wider jurisdiction (在全省考核中, 全省网信工作会议) stay
    silent.

    *Why it matters*: 目前我省部门预算的编制… in a district's budget was copied from a
    province's text; the statement is not the district's.

    *Bad* (district document):
        目前我省部门预算的编制实行综合预算管理

    *Good*:
        目前我区部门预算的编制实行综合预算管理
    """

    code = "BL304"
    name = "wrong-administrative-level"
    severity = "warning"

    def check(self, doc):
        cfg = regions()
        rank = cfg["rank"]
        own = doc.meta.level
        if own not in rank:
            return
        ok_before = cfg["superior_ok"]["before"] + sorted(set(cfg["province_abbreviations"].values()))
        ok_after = cfg["superior_ok"]["after"]
        wider = regex.compile("|".join(f"(?:{p})" for p in cfg["superior_ok"]["after_patterns"]))
        named_body = {c: regex.compile(cfg["superior_ok"]["named_body"].replace("{c}", c)) for c in LEVELS}
        not_before = cfg["own_level_words"]["not_before"]["chars"]
        others = [c for c in LEVELS if c != own]
        pats = []
        for c in others:
            for p in cfg["own_level_words"]["patterns"]:
                pats.append((c, regex.compile(p.replace("{c}", c))))
        abbr = "|".join(cfg["province_topic"]["strict_abbr"])
        topic = regex.compile(cfg["province_topic"]["pattern"].replace("{abbr}", abbr))
        where = self._where(doc)
        for ln, text in scanned_lines(doc):
            taken: list[tuple[int, int]] = []
            for c, pat in pats:
                for m in pat.finditer(text):
                    s, e = m.span()
                    word = m.group()
                    if is_document_title(text, s, e) or any(a < e and s < b for a, b in taken):
                        continue
                    if any(text[:s].endswith(b) for b in ok_before if len(b) > 1 and b[-1] in "和、及"):
                        continue
                    if regex.match(r"[委政府办厅局]", text[e:e + 1]) and not word.startswith(("全", "本")):
                        continue
                    # a higher level named as the wider context (在全省…中, 全市网信工作会议)
                    if rank[c] > rank[own] and word.startswith("全"):
                        if any(text[:s].endswith(b) for b in ok_before) or any(text[e:].startswith(a) for a in ok_after):
                            continue
                        if wider.match(text, e):
                            continue
                        if named_body[c].search(text[clause(text, s, e)[0]:s]):
                            continue  # the jurisdiction of a body of that level named before it
                    # a level word that is part of a longer name: 全市场, 本市场
                    if text[e:e + 1] and text[e] in not_before and len(word) == 2:
                        continue
                    repl = word.replace(c, own) if own in LEVELS else None
                    taken.append((s, e))
                    yield self.at_span(doc, ln.number, s, e,
                                       f"`{word}` 是{c}级的用语，本文件为{where}",
                                       suggestion=repl)
            if rank[own] < rank["省"]:
                for m in topic.finditer(text):
                    if is_document_title(text, m.start(), m.end()):
                        continue
                    prov = cfg["province_abbreviations"].get(m.group(1), m.group(1))
                    yield self.at_span(doc, ln.number, m.start(), m.end(),
                                       f"`{m.group()}`（{prov}省的监测范围）出现在{where}的文件中，疑沿用上级模板")

    @staticmethod
    def _where(doc) -> str:
        """The document's own place and level as a reader names it: 平乡县（县级）, or the
        township or street body inside it (平乡县丰州镇（镇级）)."""
        region, below = doc.meta.region or "", township(doc)
        if below:
            return f"{region}{below[0]}（{below[1]}级）"
        return f"{region}（{doc.meta.level}级）"

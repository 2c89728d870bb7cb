from __future__ import annotations

import regex

from linter.engine import Rule
from linter.findings import related_line

from .common import clause, enclosing, scanned_lines, terms, with_arabic_years, year_like

YEAR = regex.compile(r"(?<![\d.．A-Za-z_])((?:19|20)\d{2})(?![\d.．])(?=\s*(?:年|-\d{1,2}-\d{1,2}|/\d{1,2}/))")
RANGE = regex.compile(r"(?<!\d)(?:19|20)\d{2}\s*年?\s*[—–\-－~～至到]\s*(?:19|20)\d{2}(?!\d)")
DATE = regex.compile(r"\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
                    r"|-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}")
TITLE = regex.compile(r"((?:19|20)\d{2})\s*年度?[\p{Han}（）()]{0,40}?(?:部门|单位)?(?:预算|决算|绩效目标|绩效自评|自评报告)")


class StaleYear(Rule):
    """A year left over from last year's document: a plan statement or a comparison base
    that does not fit the document's year.

    *What it does*: takes the document's year (doc.meta.year) and classifies every year
    mention (2020年, or in Chinese numerals 二〇二〇年 / 二零二〇年) by its context: references
    (文号 〔2024〕 【2024】, titles in 《…》) and plan periods (2021—2025年, 十四五) are skipped,
    so are dates, history (截至…, 上年末, 截止时间, …以来, past tense), and future targets
    (到2027年). A comparison base (较2022年, 与2024年相比) must
    be the previous year; a plan or target statement (组织好2021年…, 2020年底…不低于90%) must
    be the document's own year; a table's 预算年度 and a title's year must be it too.

    *Why it matters*: a budget copied from an old file keeps old targets and compares with
    the wrong base year; readers cannot tell which year's plan they are reading.

    *Bad* (in a 2025 budget):
        组织好2021年国家网络安全宣传周开平活动

    *Good*:
        组织好2025年国家网络安全宣传周开平活动
    """

    code = "BL301"
    name = "stale-year"
    severity = "warning"

    def check(self, doc):
        year = doc.meta.year
        if not year:
            return
        ctx = terms()["year_context"]
        retro = doc.meta.doc_type in ("决算", "绩效自评")
        bases = {year - 1, year} if retro else {year - 1}
        yield from self._table_years(doc, year)
        for ln, text in scanned_lines(doc):
            text = with_arabic_years(text)  # 二〇二〇年 reads as 2020年, at the same offsets
            if not regex.search(r"(?:19|20)\d{2}", text):
                continue
            ranges = [m.span() for m in RANGE.finditer(text)]
            for m in YEAR.finditer(text):
                y = int(m.group(1))
                s, e = m.span(1)
                if y == year or any(a <= s < b for a, b in ranges):
                    continue
                if DATE.match(text, e) or enclosing(text, s, e, "《【〔［[") is not None:
                    continue
                if regex.match(r"\s*[〕】\]］]", text[e:]) or regex.search(r"[\p{Han}]{1,6}[〔【\[［]\s*$", text[:s]):
                    continue
                end = e + len(regex.match(r"\s*年度?", text[e:]).group()) if regex.match(r"\s*年", text[e:]) else e
                kind = self._classify(text, s, end, ctx)
                if kind == "comparison":
                    if y not in bases:
                        yield self.at_span(
                            doc, ln.number, s, end,
                            f"比较基数年份 {y} 年不是上年：本文件为 {year} 年度，应与 {year - 1} 年比较",
                            suggestion=f"{year_like(year - 1, ln.text[s:e])}年", related=[self._evidence(doc)] if self._evidence(doc) else None)
                elif kind == "plan" and y < year:
                    yield self.at_span(
                        doc, ln.number, s, end,
                        f"计划/目标表述中的年份 {y} 年与文件年度 {year} 年不符（沿用旧文件？）",
                        suggestion=f"{year_like(year, ln.text[s:e])}年", related=[self._evidence(doc)] if self._evidence(doc) else None)

    @staticmethod
    def _evidence(doc):
        ev = doc.meta.year_evidence or ""
        m = regex.match(r"第(\d+)行", ev)
        if m:
            return related_line(doc, int(m.group(1)), "文件年度")
        m = regex.match(r"表(\d+)", ev)
        if m:
            t = doc.tables[int(m.group(1)) - 1]
            cells = t.meta_cells
            for c in cells:
                if "年度" in c.text:
                    return related_line(doc, c.line, "文件年度")
        return None

    @staticmethod
    def _classify(text, s, e, ctx):
        a, b = clause(text, s, e)
        before, after = text[a:s], text[e:b]
        near_before = text[max(a, s - 5):s]
        if regex.search(r"(?:到|至|于)\s*$", near_before) and not regex.search(r"截\s*(?:至|止)\s*$", near_before):
            if any(p in after for p in ("底", "末", "前")):
                return "future"
        if any(near_before.rstrip().endswith(w) for w in ctx["comparison_before"]) or \
                any(after.lstrip("年度 ").startswith(w) for w in ctx["comparison_after"]):
            return "comparison"
        if any(w in before for w in ctx["history_before"]) or any(after.startswith(w) for w in ("末", "年末", "以来", "以前", "之前")):
            return "history"
        if regex.search(r"(?<![为除])了|已|曾", after) or any(w in after for w in ctx["history_after"] if len(w) > 1):
            return "history"
        if any(w in before or w in after for w in ctx["plan_markers"]):
            return "plan"
        return "unknown"

    def _table_years(self, doc, year):
        for t in doc.tables:
            for c in t.meta_cells:
                m = regex.search(r"(?:预算年度|年度)\s*[:：]\s*((?:19|20)\d{2})", c.text)
                if m and int(m.group(1)) != year:
                    ln = doc.line(c.line)
                    off = ln.text.find(m.group(1))
                    if off >= 0:
                        yield self.at_span(doc, c.line, off, off + 4,
                                           f"表格的预算年度 {m.group(1)} 与文件年度 {year} 不符",
                                           suggestion=str(year))
        for ln, text in scanned_lines(doc, ("heading",)):
            text = with_arabic_years(text)
            for m in TITLE.finditer(text):
                y = int(m.group(1))
                if self._classify(text, m.start(1), m.end(1), terms()["year_context"]) in ("comparison", "history"):
                    continue
                if regex.search(r"[较比与同上]\s*$", text[:m.start(1)]):
                    continue
                if y != year and not (doc.meta.doc_type in ("决算", "绩效自评") and y == year - 1):
                    yield self.at_span(doc, ln.number, m.start(1), m.end(1),
                                       f"标题年份 {y} 与文件年度 {year} 不符",
                                       suggestion=year_like(year, ln.text[m.start(1):m.end(1)]))

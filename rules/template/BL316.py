from __future__ import annotations


from linter.engine import Rule
from linter.findings import related_line
from linter.vocab import load_json

from .common import terms



class MissingPart(Rule):
    """A part the document must have is not there: a table the document's kind requires (an
    empty one must still be published with its note), or a blank page between parts.

    *What it does*: for a 部门/单位 预算 or 决算 that publishes its tables (at least
    required_tables.min_present of them), each table kind of required_tables in
    template_terms.json that is absent is reported once. In a PDF, a page with no text
    between pages with text is reported at the part that follows it.

    *Why it matters*: a reader who follows the 目录 or the disclosure rules looks for a table
    that is not there; an empty table left out instead of published with its note hides that
    the department has no such funds.

    *Bad*:
        a 部门预算 with eight of its tables and no 政府性基金预算支出表

    *Good*:
        七、政府性基金预算支出表 (empty, with 注：本部门无政府性基金预算支出，空表列示。)
    """

    code = "BL316"
    name = "missing-part"
    severity = "warning"

    def check(self, doc):
        reported: set[str] = set()
        yield from self._required(doc, reported)
        yield from self._blank_pages(doc)

    def _required(self, doc, reported):
        cfg = terms()["required_tables"]
        need = cfg.get(doc.meta.doc_type or "")
        if not need or doc.meta.scope not in ("部门", "单位"):
            return
        present = {t.kind for t in doc.tables}
        if sum(k in present for k in need) < cfg["min_present"]:
            return  # not a publication of the tables (a 说明 alone, a 绩效 file)
        names = load_json("table_kinds.json")["kinds"]
        at = self._title_line(doc)
        if at is None:
            return
        for kind in need:
            if kind in present or kind in reported:
                continue
            ln = doc.line(at)
            s = len(ln.text) - len(ln.text.lstrip())
            yield self.at_span(doc, at, s, len(ln.text.rstrip()),
                               f"本文件缺少 `{names[kind]['name']}`：没有数据的表也应公开（空表并附说明）")

    @staticmethod
    def _title_line(doc):
        for ln in doc.lines[:20]:
            if ln.kind in ("text", "heading") and ln.text.strip():
                return ln.number
        return None

    def _blank_pages(self, doc):
        if doc.format != "pdf":
            return
        first_on: dict[int, int] = {}
        last_on: dict[int, int] = {}
        for ln in doc.lines:
            if ln.page is None or ln.kind in ("blank", "furniture") or not ln.text.strip():
                continue
            first_on.setdefault(ln.page, ln.number)
            last_on[ln.page] = ln.number
        if not first_on:
            return
        pages = sorted(first_on)
        for p in range(pages[0] + 1, pages[-1]):
            if p in first_on:
                continue
            nxt = min(q for q in pages if q > p)
            prev = max(q for q in pages if q < p)
            ln = doc.line(first_on[nxt])
            s = len(ln.text) - len(ln.text.lstrip())
            yield self.at_span(doc, ln.number, s, max(len(ln.text.rstrip()), s + 1),
                               f"第 {p} 页是空白页（在第 {prev} 页与第 {nxt} 页的内容之间）",
                               related=[related_line(doc, last_on[prev], f"空白页前（第 {prev} 页）")])

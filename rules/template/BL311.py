from __future__ import annotations

import regex

from linter.engine import Rule

from .common import terms


# a body named right before: its own 部门预算 (纳入平乡县教育局部门预算, 包含在街道部门预算中)
OTHER_BODY = regex.compile(r"(?:局|委|委员会|办|办公室|厅|街道|政府|中心|院|部)\s*$")
# the 部门预算 inside the title of a notice (根据县财政局关于编制2025年部门预算的通知要求)
NOTICE_TITLE = regex.compile(r"关于[^，。；]{0,12}$")
NOTICE_END = regex.compile(r"[^，。；]{0,12}?(?:通知|意见|办法|规定|方案|要求)")


class ScopeMismatch(Rule):
    """A 单位预算 whose titles or sentences say 部门预算 (or a 部门预算 whose titles say 单位预算).

    *What it does*: the document's scope (doc.meta.scope, from its title) decides; headings,
    table titles and the opening lines that name the other scope's document (部门预算收支总表
    in a 单位预算) are reported with the right word. Official names that merely contain the
    other scope's word (部门预算经济分类, the economic classification every 单位预算 uses;
    template_terms.json scope_words.fixed_terms) stay silent. In running text a 单位 document
    that calls itself 本部门 or its budget (2025年)部门预算, and a 部门 document that calls its
    budget 2025年单位预算, are reported; another body's budget (纳入部门预算, 所属单位预算,
    事业单位决算) is not.

    *Why it matters*: a unit's budget published with the department template's titles claims
    to be the whole department's budget.

    *Bad* (单位预算):
        部门预算收支总表

    *Good*:
        单位预算收支总表
    """

    code = "BL311"
    name = "department-unit-scope-mismatch"
    severity = "warning"

    def check(self, doc):
        scope = doc.meta.scope
        if scope not in ("部门", "单位"):
            return
        other = "单位" if scope == "部门" else "部门"
        pat = regex.compile(rf"{other}(?:\d{{4}}\s*年度?)?(?:预算|决算)")
        titles = {t.title_line for t in doc.tables if t.title_line}
        fixed = terms()["scope_words"].get("fixed_terms", [])
        cfg = terms()["scope_words"]
        not_after = tuple(cfg["not_after"])
        if scope == "单位":
            # 本部门 / 部门预算 / 2025年部门决算 speaking of this document
            running = regex.compile(rf"(?:{'|'.join(cfg['self_words']['部门'])})|(?:(?:19|20)\d{{2}}\s*年度?)?部门(?:预算|决算)")
        else:
            # 2025年单位预算, 2025年度<本部门名称>单位决算
            dept = regex.escape(doc.meta.department or "") or "(?!)"
            running = regex.compile(rf"(?:19|20)\d{{2}}\s*年度?(?:{dept})?单位(?:预算|决算)")
        for ln in doc.lines:
            if ln.kind == "text" and ln.number not in titles and (ln.number > 5 or regex.search(r"[。；，]", ln.text)):
                yield from self._running(doc, ln, running, other, scope, fixed, not_after)
                continue
            if not (ln.kind == "heading" or ln.number in titles or ln.number <= 5):
                continue
            text = ln.text
            for m in pat.finditer(text):
                if regex.search(r"(?:所属|下属|各|二级|基层|预算)$", text[:m.start()]):
                    continue
                if any(text.startswith(f, m.start()) for f in fixed):
                    continue
                yield self.at_span(doc, ln.number, m.start(), m.start() + 2,
                                   f"本文件是{scope}{doc.meta.doc_type or '预算'}，这里写成了 `{m.group()}`",
                                   suggestion=scope)

    def _running(self, doc, ln, running, other, scope, fixed, not_after):
        """A sentence of running text that calls this document the other scope's."""
        text = ln.text
        for m in running.finditer(text):
            if text[:m.start()].endswith(not_after) or any(text.startswith(f, m.start() + m.group().find(other))
                                                          for f in fixed):
                continue
            before = text[:m.start()].rstrip()
            own = doc.meta.department or ""
            if scope == "单位" and OTHER_BODY.search(before) and not (own and before.endswith(own)):
                continue  # 教育局部门预算, 街道部门预算: the parent's, not this unit's
            if NOTICE_TITLE.search(before) and NOTICE_END.match(text, m.end()):
                continue  # 关于编制2025年部门预算的通知: the title of a notice
            at = m.start() + m.group().find(other)
            yield self.at_span(doc, ln.number, at, at + 2,
                               f"本文件是{scope}{doc.meta.doc_type or '预算'}，正文写成了 `{m.group()}`",
                               suggestion=scope)

from __future__ import annotations

import regex

from linter.engine import Rule

from .common import terms


class ScopeMismatch(Rule):
    """A 单位预算 whose titles say 部门预算 (or a 部门预算 whose titles say 单位预算).

    *What it does*: the document's scope (doc.meta.scope, from its title) decides; headings,
    table titles and the opening lines that name the other scope's document (部门预算收支总表
    in a 单位预算) are reported with the right word. Official names that merely contain the
    other scope's word (部门预算经济分类, the economic classification every 单位预算 uses;
    template_terms.json scope_words.fixed_terms) stay silent.

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
        for ln in doc.lines:
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

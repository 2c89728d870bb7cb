from __future__ import annotations

import regex

from linter.engine import Rule
from linter.findings import related_line


def _name(text: str) -> str:
    t = regex.sub(r"\s+", "", text)
    t = regex.sub(r"^(?:编制单位|编制部门|填报单位|预算主管部门|单位名称)[:：]", "", t)
    t = regex.sub(r"^\d+", "", t)
    t = regex.sub(r"(?:本级|小计|合计)$", "", t)
    return t


class DepartmentNameMismatch(Rule):
    """The department's name in a table's 编制单位 header differs from the document's title.

    *What it does*: compares every table's 编制单位 / 编制部门 (the code prefix such as 224
    and a trailing 本级 removed) with the department named by the document (doc.meta:
    title or first table). A name that is a truncation (…委员会 for …委员会办公室) or another
    body altogether is reported at the table header.

    *Why it matters*: a table exported under another unit's name, or copied from another
    office's file, is not this department's table.

    *Bad*:
        标题：中共…区委网络安全和信息化委员会办公室2020年部门预算 / 编制单位：224中共…区委网络安全和信息化委员会

    *Good*:
        编制单位：224中共…区委网络安全和信息化委员会办公室
    """

    code = "BL305"
    name = "department-name-mismatch"
    severity = "warning"

    def check(self, doc):
        dept = doc.meta.department
        if not dept:
            return
        ref = _name(dept)
        where = self._title_line(doc, ref)
        for table in doc.tables:
            for c in getattr(table, "meta_cells", None) or []:
                t = c.text.strip()
                if not t or regex.search(r"单位[:：]\s*(?:亿元|万元|千元|元)|年度|截止|金额单位", t):
                    continue
                name = _name(t)
                if not regex.search(r"(?:办公室|委员会|局|部|院|所|中心|街道|镇|乡|政府|委|厅|会|队|站|馆|社)$", name):
                    continue
                if name == ref or name.startswith(ref) or len(name) < 4:
                    continue
                related = [related_line(doc, where, "文件标题中的部门名称")] if where else None
                ln = doc.line(c.line)
                off = ln.text.find(t)
                start = off if off >= 0 else c.column - 1
                yield self.at_span(doc, c.line, start, start + len(t),
                                   f"表格编制单位 `{name}` 与文件的部门名称 `{ref}` 不一致", related=related,
                                   suggestion=ref)

    @staticmethod
    def _title_line(doc, ref):
        for ln in doc.lines[:400]:
            if ln.kind in ("text", "heading") and ref in regex.sub(r"\s+", "", ln.text):
                return ln.number
        return None

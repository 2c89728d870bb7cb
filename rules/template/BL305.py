from __future__ import annotations

import regex

from linter.engine import Rule
from linter.findings import related_line
from linter.units import is_own_name

from .common import scanned_lines


def _name(text: str) -> str:
    t = regex.sub(r"\s+", "", text)
    t = regex.sub(r"^(?:编制单位|编制部门|填报单位|预算主管部门|单位名称)[:：]", "", t)
    t = regex.sub(r"^\d+", "", t)
    t = regex.sub(r"(?:本级|小计|合计)$", "", t)
    return t


ORG_END = r"(?:办公室|委员会|办事处|局|部|院|所|中心|街道|镇|乡|政府|委|厅|会|队|站|馆|社|办)"
# a part or table title that names the document's body: …局2024年度部门决算表, …局2025年部门预算
TITLE_NAME = regex.compile(rf"((?:中共)?\p{{Han}}{{2,30}}?{ORG_END})(?=(?:19|20)\d{{2}}\s*年度?(?:部门|单位)(?:预算|决算))")
CONNECTIVES = "和与及、"
SENTENCE_MARKS = regex.compile(r"[。；，,]|[：:]\s*\S")
HEADER_LINE = regex.compile(r"(?:编制单位|编制部门|填报单位|预算主管部门|部门)\s*[:：]\s*(\p{Han}[^\s:：]{2,40}?)(?=\s|$)")


class DepartmentNameMismatch(Rule):
    """The department's name written differently from the document's title: in a table's
    编制单位 header, in a part title (上海市规划和自然资源局2024年度部门决算表 in a 普陀区
    bureau's 决算), or with its 和 turned into 与.

    *What it does*: compares every table's 编制单位 / 编制部门 (the code prefix such as 224
    and a trailing 本级 removed) with the department named by the document (doc.meta:
    title or first table). A name that is a truncation (…委员会 for …委员会办公室) or another
    body altogether is reported at the table header. A title line naming a body right before
    「YYYY年度部门决算/预算」 must name the department; its own short forms are fine (outer
    regions dropped, 普陀区财政局; the region as its level character and the organisation
    shortened to its head, 省人大办公厅 for 江苏省人大常委会办公厅, 省检察院 for 江苏省人民
    检察院; linter/units.py); elsewhere in the text, the department's own name with a
    connective swapped (规划与自然资源局 for 规划和自然资源局) is reported, since no other
    body has that name.

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
        yield from self._titles(doc, ref, where)
        yield from self._variants(doc, ref)
        related = [related_line(doc, where, "文件标题中的部门名称")] if where else None
        for line, start, t in self._headers(doc):
            if regex.search(r"单位[:：]\s*(?:亿元|万元|千元|元)|年度|截止|金额单位", t):
                continue
            name = _name(t)
            if not regex.search(r"(?:办公室|委员会|局|部|院|所|中心|街道|镇|乡|政府|委|厅|会|队|站|馆|社)$", name):
                continue
            if name == ref or name.startswith(ref) or len(name) < 4 or is_own_name(name, ref):
                continue
            yield self.at_span(doc, line, start, start + len(t),
                               f"表格编制单位 `{name}` 与文件的部门名称 `{ref}` 不一致", related=related,
                               suggestion=ref)

    @staticmethod
    def _headers(doc):
        """(line, start, text) of every table's 编制单位: a header cell in the grid, or the
        编制单位：… line between the table's title and its grid."""
        for table in doc.tables:
            for c in table.meta_cells:
                t = c.text.strip()
                if t:
                    off = doc.line(c.line).text.find(t)
                    yield c.line, off if off >= 0 else c.column - 1, t
            if table.title_line:
                for n in range(table.title_line + 1, table.first_line):
                    text = doc.line(n).text
                    m = HEADER_LINE.search(text)
                    if m:
                        yield n, m.start(1), m.group(1)

    def _titles(self, doc, ref, where):
        for ln, text in scanned_lines(doc, ("text", "heading")):
            if len(text.strip()) > 60 or SENTENCE_MARKS.search(text):
                continue  # a sentence (纳入普陀区商务委2025年部门预算编制范围的单位共2家：…) is no title
            for m in TITLE_NAME.finditer(text):
                s = m.start(1)
                name = m.group(1)
                part = regex.match(r"第[一二三四五六七八九十]+部分\s*", name)
                if part:
                    name, s = name[part.end():], s + part.end()
                if name == ref or ref.endswith(name) or name.endswith(ref) or len(name) < 4:
                    continue
                if is_own_name(name, ref):  # 省人大办公厅 for 江苏省人大常委会办公厅
                    continue
                if where == ln.number:
                    continue
                related = [related_line(doc, where, "文件标题中的部门名称")] if where else None
                yield self.at_span(doc, ln.number, s, s + len(name),
                                   f"标题中的部门名称 `{name}` 与文件的部门名称 `{ref}` 不一致", related=related,
                                   suggestion=ref)

    def _variants(self, doc, ref):
        if len(ref) < 8:
            return
        variants = set()
        for i, ch in enumerate(ref):
            if ch in CONNECTIVES:
                for other in CONNECTIVES:
                    if other != ch:
                        variants.add(ref[:i] + other + ref[i + 1:])
        if not variants:
            return
        pat = regex.compile("|".join(regex.escape(v) for v in sorted(variants)))
        for ln, text in scanned_lines(doc):
            for m in pat.finditer(text):
                yield self.at_span(doc, ln.number, m.start(), m.end(),
                                   f"部门名称写成了 `{m.group()}`，应为 `{ref}`", suggestion=ref)

    @staticmethod
    def _title_line(doc, ref):
        for ln in doc.lines[:400]:
            if ln.kind in ("text", "heading") and ref in regex.sub(r"\s+", "", ln.text):
                return ln.number
        return None

from __future__ import annotations

from linter.engine import Rule
from linter.subjects import subject_names_in_tables
from linter.vocab import load_json


class ObsoleteSubjectName(Rule):
    """The narrative names a 科目 by the name the classification retired; the tables use the new one.

    *What it does*: for every rename of the 政府收支分类科目 kept as data by year
    (data/subject_renames.json: 国土海洋气象等支出 → 自然资源海洋气象等支出 in 2019 …), reports
    each place the 说明 text uses the old name when the document's own tables carry the new
    name, and the document is of the rename's year or later. The finding names the new name
    and the year it took effect; the related location is a table row that uses it.

    *Why it matters*: the text and the tables then name one 科目 two ways; readers (and
    anything that links the text to the tables) cannot tell that they are the same row, and the
    old name shows the text was copied from an earlier year's document.

    *Bad*:
        国土海洋气象等支出（类）45.00万元 (支出表: 220 自然资源海洋气象等支出 45.00)

    *Good*:
        自然资源海洋气象等支出（类）45.00万元
    """

    code = "BL209"
    name = "obsolete-subject-name"
    severity = "warning"

    def check(self, doc):
        from linter.findings import related_cell

        year = doc.meta.year
        in_tables = subject_names_in_tables(doc)
        for rename in load_json("subject_renames.json")["renames"]:
            old, new = rename["old"], rename["new"]
            if year is not None and year < rename["year"]:
                continue
            # the names as the tables print them, whole or inside a longer name (其他自然资源事务支出)
            cell = next((c for name, c in in_tables.items() if new in name), None)
            if cell is None or any(old in name for name in in_tables):
                continue
            for para in doc.paragraphs:
                start = para.text.find(old)
                while start >= 0:
                    line, s, e = para.span(start, start + len(old))
                    yield self.at_span(
                        doc, line, s, e,
                        f"「{old}」自{rename['year']}年起更名为「{new}」（{rename['level']} {rename['code']}），表中用的是新名称",
                        related=[related_cell(cell, f"表中科目「{new}」")], suggestion=f"改为「{new}」")
                    start = para.text.find(old, start + len(old))

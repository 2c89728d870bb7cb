from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.subjects import MARK_OF_LEVEL, marked_subjects, table_subjects


_LEVEL_OF_CODE_LENGTH = {3: 1, 5: 2, 7: 3}


class SubjectLevelMarkerMismatch(Rule):
    """A 科目 is marked with the wrong level: a 款 called （类）, a 项 called （款）.

    *What it does*: reads every 科目 the 说明 names with a level marker — 住房改革支出（类）,
    with a code inside the marker (行政运行(01项)), quoted or not — finds the name in the
    document's own classified tables, and reports the marker when the tables hold that name
    only at another level (住房改革支出 is the 款 22102 there). A name the tables print at
    several levels, or not at all, is left alone.

    *Why it matters*: the level says where the amount sits in the classification; a 款 called
    a 类 makes the paragraph list a part as if it were a whole, and readers add it up wrongly.

    *Bad*:
        住房改革支出（类）住房公积金（项）752.9万元 (表: 22102 住房改革支出)

    *Good*:
        住房保障支出（类）住房改革支出（款）住房公积金（项）752.9万元
    """

    code = "BL210"
    name = "subject-level-marker-mismatch"
    severity = "warning"

    def check(self, doc):
        known = table_subjects(doc)
        seen = set()
        prev = None
        for ms in marked_subjects(doc):
            entry = known[ms.name]
            levels = entry.levels
            parent = prev if prev is not None and prev.paragraph == ms.paragraph and prev.end == ms.start else None
            prev = ms
            if parent is not None and len(known[parent.name].codes) == 1:
                # 住房改革支出（款）住房公积金（款）: in a path the name is the row under the one before it
                # (2210201), not a row of that name elsewhere (the economic class 30113)
                under = {c for c in entry.codes if c.startswith(next(iter(known[parent.name].codes)))}
                if under:
                    levels = {_LEVEL_OF_CODE_LENGTH.get(len(c), 0) for c in under}
            if ms.level in levels or len(levels) != 1:
                continue
            key = (ms.paragraph, ms.start)
            if key in seen:
                continue
            seen.add(key)
            para = doc.paragraphs[ms.paragraph]
            line, s, e = para.span(ms.start, ms.end)
            actual = next(iter(levels))
            code = min((c for c in entry.codes if _LEVEL_OF_CODE_LENGTH.get(len(c)) == actual), default=min(entry.codes))
            cell = _cell_of_code(doc, code) or entry.cell
            related = [related_cell(cell, f"表中{code} {ms.name}（{MARK_OF_LEVEL[actual]}）")] if cell else []
            yield self.at_span(
                doc, line, s, e,
                f"「{ms.name}」标为（{MARK_OF_LEVEL[ms.level]}），表中为{MARK_OF_LEVEL[actual]}级科目（{code}）",
                related=related, suggestion=f"改为「{ms.name}（{MARK_OF_LEVEL[actual]}）」")


def _cell_of_code(doc, code: str):
    """The name cell of the row with this code (the row the finding names)."""
    for table in doc.tables:
        for row, info in zip(table.data_rows(), table.row_info):
            if info.code == code:
                return next((c for c in row if c.text.strip() and not c.text.strip().isdigit()), None)
    return None

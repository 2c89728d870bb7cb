from __future__ import annotations

from linter.engine import Rule
from linter.findings import related_cell
from linter.model import to_yuan_factor
from linter.numbers import agree

from .stated import stated_amounts

FEES = ("会议费", "培训费")


class MeetingTrainingFeeMismatch(Rule):
    """The 会议费 or 培训费 a 说明 states differs from the “三公”经费、会议费、培训费 table.

    *What it does*: reads the amount each sentence states for 会议费 and for 培训费 (the first
    amount after the word in its clause, not a change or comparison) and compares it, by the
    interval rule, with the 会议费 / 培训费 column of the table of “三公”经费、会议费、培训费.

    *Why it matters*: Jiangsu publishes 会议费 and 培训费 beside the “三公” figures; the 说明
    is often copied from last year and keeps last year's amount.

    *Bad*:
        会议费预算支出1305.25万元 (the table: 1,205.25)

    *Good*:
        会议费预算支出1205.25万元
    """

    code = "JS101"
    name = "meeting-training-fee-mismatch"
    severity = "error"

    def check(self, doc):
        for fee in FEES:
            cells = _table_cells(doc, fee)
            if not cells:
                continue
            for stated in stated_amounts(doc, fee, others=tuple(f for f in FEES if f != fee)):
                if any(agree(stated.yuan, yuan) for _, yuan in cells):
                    continue
                cell, yuan = cells[0]
                line, start, end = stated.paragraph.span(stated.start, stated.end)
                yield self.at_span(doc, line, start, end,
                                   f"{fee}写为{doc.line(line).text[start:end]}，而表格为{cell.text.strip()}",
                                   related=[related_cell(cell, f"表中的{fee}")])


def _table_cells(doc, fee):
    """(cell, amount in 元) of the fee's column in the total row of each table that has one."""
    out = []
    for table in doc.tables:
        cols = table.column_index(fee)
        if not cols:
            continue
        for row in reversed(table.data_rows()):
            cell = next((c for c in row if c.col == cols[0]), None)
            if cell is not None and cell.amount is not None:
                out.append((cell, cell.amount.scaled(to_yuan_factor(table.unit))))
                break
    return out

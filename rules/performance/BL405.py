from __future__ import annotations

from decimal import Decimal

import regex

from linter.claims import claims_of
from linter.cnnum import MONEY_FACTOR, counts
from linter.engine import Rule
from linter.findings import related_cell
from linter.forms import cell_amount, figure_span, in_unit, in_yuan, named_form, norm, project_targets, vocab
from linter.statements import statements_of
from linter.numbers import Interval, Number, interval_sum

_yuan_str = in_unit


class ProjectBudgetTotalMismatch(Rule):
    """The 项目绩效目标表 budgets do not add up to the 项目支出 stated elsewhere.

    *What it does*: adds 预算数 over all 项目绩效目标表 (converted to 元) and compares the sum with
    the 合计 row's 项目支出 in the 支出总表 and with "项目支出X万元" in the narrative: a sum above
    the stated 项目支出 is an error, a sum below it a warning (a project may lack its table) —
    not when the document says it publishes some projects' tables only (重点项目, 部分项目, or a
    coverage statement that counts and sums the tables shown). A 项目支出 named by its fund or
    origin (一般公共预算项目支出, 上年结转项目支出) is a part and is not compared, nor is one listed
    under a 科目 or project (…（项）18.00万元，其中：项目支出18.00万元). A
    statement of the projects under target management (本部门编报绩效目标的项目共2个，涉及项目
    预算资金30.00万元) must not count fewer projects than the tables shown and, when it counts
    as many, must give their sum (error). A project named in the narrative with its own amount
    (“网评队伍建设”项目年初预算80000元, 网评队伍建设经费8.00万元: a statement of
    linter.statements whose subject is the project) must match that project's 预算数 (error).

    *Why it matters*: the performance tables cover the same project money as the budget tables; a
    different total means a project was added, dropped or mis-keyed in one of them.

    *Bad*:
        项目支出54.41万元 … 绩效目标表预算数 7.41 + 1.00 + 30.00 + 9.00 + 17.00

    *Good*:
        项目支出54.41万元 … 绩效目标表预算数 7.41 + 1.00 + 30.00 + 9.00 + 7.00
    """

    code = "BL405"
    name = "project-budget-total-mismatch"
    severity = "error"

    def check(self, doc):
        targets = [t for t in project_targets(doc) if t.budget is not None and cell_amount(t.budget) is not None
                   and not t.budget.blank]
        if not targets:
            return
        parts = [in_yuan(cell_amount(t.budget), t.unit) for t in targets]
        total = interval_sum(parts)
        s = sum((p.value for p in parts), Decimal(0))
        related = [related_cell(t.budget, f"{t.name}预算数") for t in targets][:8]
        partial = self._tables_cover_part(doc, targets, total)
        # the 支出总表 合计 row
        for table in doc.tables:
            if table.kind != "budget_expense":
                continue
            cols = table.column_index("项目支出")
            if not cols:
                continue
            for row in table.data_rows():
                if not any(norm(c.text) in ("合计", "总计") for c in row[:3]):
                    continue
                cell = next((c for c in row if c.col == cols[0]), None)
                stated = cell_amount(cell)
                if stated is None or cell is None:
                    continue
                f = self._compare(cell, in_yuan(stated, table.unit), total, s, table.unit or "万元",
                                  f"{table.label()}合计行项目支出", related, len(targets), partial=partial)
                if f:
                    yield f
                break
        # the narrative's 项目支出X万元: the claim layer's current 项目支出 amounts
        for c in claims_of(doc):
            if c.item != "项目支出" or c.relation != "amount" or c.period != "current" or not c.is_money:
                continue
            if c.scope is not None:
                continue  # …（项）X万元，其中：项目支出Y万元: that 科目's (or project's) part, not the document's
            if self._a_part(doc, c):
                continue  # 上年结转项目支出5万元, 一般公共预算项目支出25万元: a part of the project money
            start = c.item_span[1] if c.item_span and c.item_span[0] == c.line and c.item_span[1] < c.start else c.start
            f = self._compare(None, c.value.scaled(MONEY_FACTOR[c.unit]), total, s, c.unit, "说明中项目支出", related,
                              len(targets), doc=doc, span=(c.line, start, c.end), partial=partial)
            if f:
                yield f
        yield from self._coverage(doc, targets, total, s, related)
        # a project named in the narrative with its own amount: the statements whose subject
        # is one of the projects (linter.statements, the same the BL2 family reads)
        for st in statements_of(doc):
            t = named_form(st, targets)
            if t is None:
                continue
            budget = in_yuan(cell_amount(t.budget), t.unit)
            for q in st.quantities:
                if q.role not in ("amount", "budget") or not q.is_money or q.year is not None:
                    continue
                if q.interval().meets(Interval.of(budget)):
                    continue
                line, start, end = figure_span(doc, st, q)
                yield self.at_span(
                    doc, line, start, end,
                    f"说明中写「{doc.line(line).text[start:end]}」，{t.label()}预算数为"
                    f"{t.budget.text.strip()}{t.unit}",
                    related=[related_cell(t.budget, f"{t.name}预算数")],
                    suggestion=f"{_yuan_str(budget.value, q.unit)}",
                )
                break

    def _coverage(self, doc, targets, total: Interval, s: Decimal, related):
        """本部门编报绩效目标的项目共N个，涉及项目预算资金X万元 (any sentence with a
        performance.json target_coverage_words phrase): N must not be fewer than the 绩效目标表
        shown; when it is their number, X is their 预算数 summed (error)."""
        words = vocab()["target_coverage_words"]
        statements = statements_of(doc)
        for para in doc.paragraphs:
            for sentence in para.sentences:
                if not any(w in sentence.text for w in words):
                    continue
                money, projects = _money_and_projects(para, sentence, statements)
                if len(projects) != 1:
                    continue
                n = projects[0].number.value
                if n < len(targets):
                    line, start, end = para.span(projects[0].start, projects[0].end)
                    yield self.at_span(doc, line, start, end,
                                       f"说明称绩效目标管理的项目{projects[0].text}，文中列出{len(targets)}张项目绩效目标表",
                                       related=related, suggestion=f"{len(targets)}个")
                    continue
                if n != len(targets) or len(money) != 1 or money[0].interval().meets(total):
                    continue
                q = money[0]
                line, start, end = para.span(q.pos, q.end)
                yield self.at_span(
                    doc, line, start, end,
                    f"说明称{projects[0].text}项目涉及资金{q.text.strip()}，{len(targets)}张项目绩效目标表预算数合计"
                    f"{_yuan_str(s, q.unit)}",
                    related=related, suggestion=_yuan_str(s, q.unit),
                )

    @staticmethod
    def _a_part(doc, c) -> bool:
        """The words before 项目支出 in its clause make it a part of the project money."""
        if not c.item_span:
            return False
        line, start = c.item_span[0], c.item_span[1]
        before = doc.line(line).text[max(0, start - 12):start]
        before = regex.split(r"[，,。；;：:、]", before)[-1]
        return any(w in before for w in vocab()["project_spending_part_words"]["words"])

    @staticmethod
    def _tables_cover_part(doc, targets, total: Interval) -> bool:
        """The document says its 绩效目标表 cover only some projects: a sentence on the 绩效目标
        that names a part (重点项目, 部分项目 …), or a coverage statement (本部门公开项目2个，
        涉及资金30万元) that counts the tables shown and sums them."""
        words = vocab()["partial_target_words"]["words"]
        statements = None
        for para in doc.paragraphs:
            for sentence in para.sentences:
                if "绩效目标" not in sentence.text:
                    continue
                if any(w in sentence.text for w in words):
                    return True
                statements = statements if statements is not None else statements_of(doc)
                money, projects = _money_and_projects(para, sentence, statements)
                if len(projects) != 1 or projects[0].number.value != len(targets):
                    continue
                if len(money) == 1 and money[0].interval().meets(total):
                    return True
        return False

    def _compare(self, cell, stated: Number, total: Interval, s: Decimal, unit: str, what, related, n,
                 doc=None, span=None, partial=False):
        if Interval.of(stated).meets(total):
            return None
        over = total.low > stated.high
        if partial and not over:
            return None  # the document publishes some projects' tables only
        msg = (f"{n}张项目绩效目标表预算数合计{_yuan_str(s, unit)}，{what}为{_yuan_str(stated.value, unit)}")
        sev = "error" if over else "warning"
        sugg = f"核对项目绩效目标表与项目支出：相差{_yuan_str(s - stated.value, unit)}"
        if cell is not None:
            return self.at_cell(cell, msg, related=related, suggestion=sugg, severity=sev)
        return self.at_span(doc, span[0], span[1], span[2], msg, related=related, suggestion=sugg, severity=sev)


def _money_and_projects(para, sentence, statements):
    """The sentence's current money amounts (linter.statements) and its counts of 个 (projects)."""
    money = [q for st in statements if st.paragraph == para.index for q in st.quantities
             if q.is_money and q.role in ("amount", "budget") and q.year is None
             and sentence.start <= q.pos < sentence.end]
    projects = [c for c in counts(para.text, para.numbers)
                if c.unit == "个" and sentence.start <= c.start < sentence.end]
    return money, projects

from __future__ import annotations

import regex

from linter.reconcile import IssueRule


class NarrativeTableMismatch(IssueRule):
    """An amount the narrative states for a budget item differs from the table that shows it.

    *What it does*: reads every amount the 说明 text attaches to a canonical item (收入 and
    each source incl. 上年结转, 支出 / 基本 / 人员 / 公用 / 项目, “三公”经费 and each part,
    机关运行经费, 政府采购, 上年末固定资产) and compares it, with the rounding interval, with
    the same item in every recognised table (收支总表, 收入总表, 支出总表, 财政拨款收支总表,
    基本支出表, “三公”经费表, 政府采购表, 固定资产表). A blank cell in a row that exists means
    the table shows none. The finding names both numbers, the difference and the table cell.
    Severity is warning when the table is narrower than the claim (一般公共预算 tables of a
    department with other money) or a stand-in (机关运行经费 read from 公用经费). A subject no
    vocabulary names (住房公积金, 单位预留机动经费, a project, a 科目 named bare or code first) is
    linked through the document's own table labels: its amount is compared with every row of
    that label (its 合计 / 金额 column), and reported when it agrees with none (warning when
    those rows differ among themselves). Parts listed under a specific 科目, row or project
    (…（项）26.07万元，其中：基本支出26.07万元，项目支出0万元) are that subject's: they are compared
    with its row's 基本支出 / 项目支出 cells, or not at all when no table shows them. In a 决算, an
    amount stated as the budget (预算28.71万元，决算28.22万元; 预算数X，实际支出Y) is compared only
    with a 预算数 column, the actual with the 决算 one.

    *Why it matters*: the text is what readers quote; a figure that no table supports is
    either a typing error or a stale draft, and one of the two published numbers is false.

    *Bad*:
        2023年预算收入107.54万元，其中：一般公共预算收入95.54万元，基金预算收入18万元
        (收支总表: 一般公共预算拨款收入 107.54, 政府性基金预算拨款收入 blank)

    *Good*:
        2023年预算收入107.54万元，其中：一般公共预算收入107.54万元，基金预算收入0万元
    """

    code = "BL201"
    name = "narrative-table-mismatch"
    severity = "error"
    kinds = ('table', 'table-odd')

    def check(self, doc):
        yield from super().check(doc)
        yield from self._linked_by_label(doc)

    def _linked_by_label(self, doc):
        """Amounts of subjects no vocabulary names, against the table rows of the same label."""
        from linter.claims import claims_of
        from linter.findings import related_cell
        from linter.statements import money_text, roles, statements_of
        from linter.tablelinks import hits_for, path_hits

        claimed = {(c.line, c.start) for c in claims_of(doc)}
        reason = roles().digression
        for st in statements_of(doc):
            a = st.one("amount", True)
            if a is None or (a.line, a.start) in claimed:
                continue
            path = _subject_path_of(doc, st, a)
            if path is None and (not st.subject or a.subject != st.subject):
                continue
            if reason.search(st.text, doc.paragraphs[st.paragraph].sentence_at(a.pos).start, a.pos):
                continue  # 主要原因是…增加综合管理费209万元: a reason names a part of a change, not a level
            found = path_hits(doc, path) if path is not None else None
            if found is None and not st.subject:
                continue
            hits = [h for h in (found if found is not None else hits_for(doc, st.subject)) if h.cell.line != a.line]
            if not hits or any(a.interval().meets(h.interval()) for h in hits):
                continue
            if any(_unit_slip(a, h) for h in hits):
                continue  # the digits fit in another unit: BL206's
            values = {h.interval() for h in hits}
            h = hits[0]
            shown = "；".join(f"{x.where}为{money_text((x.interval().low + x.interval().high) / 2, a.unit, a.value.decimals)}"
                             + (f"（{x.cell.text.strip()}{x.unit}）" if x.unit != a.unit else "") for x in hits[:3])
            yield self.at_span(
                doc, a.line, a.start, a.stop,
                f"「{st.subject or '、'.join(path.names)}」写为{a.text.strip()}，{shown}",
                related=[related_cell(x.cell, x.where) for x in hits[:3]],
                suggestion=f"改为{money_text((h.interval().low + h.interval().high) / 2, a.unit, a.value.decimals)}" if len(values) == 1 else "核对表格与说明，统一金额",
                severity="error" if len(values) == 1 else "warning")


def _subject_path_of(doc, st, a):
    """The 科目 path that names the amount, in whichever place the text puts it: its clause's
    subject (在…（款）…（项）中安排, …款…项预算额), a bracket right after the amount
    (…4.5万元（…类…款…项）), or a path opening the sentence before a colon, a purpose clause
    between it and the amount (…/…/…：主要反映…，预算5.8万元). None when no 科目 path names it,
    or only a bare name does (the label index links those)."""
    from linter.subjects import subject_path

    if st.subject and a.subject == st.subject:
        path = subject_path(doc, st.subject)
        if path is not None:
            return path if path.marked or len(path.names) > 1 or st.subject != path.names[-1] else None
    text = st.text
    after = _bracket_after(text, a.end)
    if after:
        path = subject_path(doc, after)
        if path is not None and path.marked:
            return path
    if not a.subject:
        sentence = doc.paragraphs[st.paragraph].sentence_at(a.pos)
        head = regex.match(r"[^：:。；;]*[：:]", text[sentence.start:a.pos])
        if head and not regex.search(r"\d", text[sentence.start + head.end():a.pos]):
            path = subject_path(doc, _numbering().sub("", head.group()))
            if path is not None and path.marked:
                return path
    return None


def _bracket_after(text: str, end: int) -> str:
    """The words of a bracket that opens right after `end` (its own brackets kept)."""
    if end >= len(text) or text[end] not in "（(":
        return ""
    depth = 0
    for i in range(end, min(len(text), end + 80)):
        depth += text[i] in "（("
        depth -= text[i] in "）)"
        if depth == 0:
            return text[end + 1:i]
    return ""


def _numbering():
    from linter.statements import roles

    return roles().numbering


def _unit_slip(a, hit) -> bool:
    from decimal import Decimal

    from linter.numbers import Interval

    iv = a.interval()
    for k in (Decimal(10) ** e for e in (4, -4, 3, -3, 8, -8)):
        if Interval(iv.low * k, iv.high * k).meets(hit.interval()) and hit.interval().high != 0:
            return True
    return False

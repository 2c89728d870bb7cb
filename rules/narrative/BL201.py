from __future__ import annotations

from .common import IssueRule


class NarrativeTableMismatch(IssueRule):
    """An amount the narrative states for a budget item differs from the table that shows it.

    *What it does*: reads every amount the 说明 text attaches to a canonical item (收入 and
    each source incl. 上年结转, 支出 / 基本 / 人员 / 公用 / 项目, “三公”经费 and each part,
    机关运行经费, 政府采购, 上年末固定资产) and compares it, with the rounding interval, with
    the same item in every recognised table (收支总表, 收入总表, 支出总表, 财政拨款收支总表,
    基本支出表, “三公”经费表, 政府采购表, 固定资产表). A blank cell in a row that exists means
    the table shows none. The finding names both numbers, the difference and the table cell.
    Severity is warning when the table is narrower than the claim (一般公共预算 tables of a
    department with other money) or a stand-in (机关运行经费 read from 公用经费).

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

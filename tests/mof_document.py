"""A 绩效自评报告 in the Ministry of Finance standard layout (项目支出绩效自评表 with 年初预算数 /
全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 in one header row, and 分值 / 得分 per indicator),
written for the tests: tests/data/mof_self_evaluation.md, consistent in every number (three
projects; scores, rates, sources, the narrative's totals and its average all agree).

Defects are planted by line edits, as in performance_mutations.py; the same document is also
given as a plain-text dump (one row a line, TAB-separated cells)."""
from __future__ import annotations

from pathlib import Path

MOF = Path(__file__).resolve().parent / "data" / "mof_self_evaluation.md"
# the same department's 项目支出绩效目标表 in the MoF layout: 年度资金总额 with 财政拨款 / 上年结转资金 /
# 其他资金 rows, 长期目标 beside 年度目标, and 长期指标值 beside 年度指标值 (the 长期 cost cap
# ≤405万元 is three years' money, not this year's: a trap for BL403)
TARGET = MOF.with_name("mof_target.md")
TARGET_PLANTS = {
    "sources": ("BL401", 18, "135.00", [(19, "130.00", "125.00")]),
    "cost": ("BL403", 29, "≤150万元", [(29, "≤135万元", "≤150万元")]),
    "project-total": ("BL405", 5, "项目支出预算175.00万元", [(5, "项目支出预算165.00万元", "项目支出预算175.00万元")]),
}

# kind -> (rule, line of the finding, its excerpt, edits)
PLANTS = {
    "rate": ("BL410", 23, "96.00%", [(23, "95.00%", "96.00%")]),
    "rate-indicator": ("BL411", 85, "100%", [(85, "| 92.00% |", "| 100% |")]),
    "score-sum": ("BL413", 64, "96.46", [(64, "95.46", "96.46")]),
    "score-above-points": ("BL413", 58, "12", [(58, "| 10 | 9 |", "| 10 | 12 |"), (64, "95.46", "98.46"),
                                               (9, "95.46分", "98.46分"), (9, "97.12分", "98.12分")]),
    "points-sum": ("BL413", 38, "100", [(35, "| 20 | 18 |", "| 25 | 18 |")]),
    "funding-score": ("BL412", 23, "9.80", [(23, "| 9.50 |", "| 9.80 |"), (38, "97.5", "97.8"), (9, "97.5分", "97.8分"),
                                            (9, "97.12分", "97.22分")]),
    "sources": ("BL401", 23, "128.25", [(24, "123.25", "123.52")]),
    "department": ("BL417", 5, "全年支出210.00万元", [(5, "全年支出193.55万元", "全年支出210.00万元")]),
    "overall": ("BL414", 9, "98.12", [(9, "97.12分", "98.12分")]),
    "project-score": ("BL414", 9, "96.4", [(9, "98.4分", "96.4分")]),
    "grade": ("BL415", 9, "良好", [(9, "评价等级为优秀", "评价等级为良好")]),
    "project-figures": ("BL418", 9, "全年执行数32.00万元", [(9, "“文物安全巡查经费”项目自评得分98.4分",
                                                          "“文物安全巡查经费”项目全年执行数32.00万元，自评得分98.4分")]),
    "score-breakdown": ("BL413", 9, "35", [(9, "“非物质文化遗产保护专项资金”项目自评得分95.46分",
                                            "“非物质文化遗产保护专项资金”项目自评得分95.46分（产出指标35分、效益指标30分）")]),
}


def apply(text: str, edits) -> str:
    lines = text.split("\n")
    for line, old, new in edits:
        assert old in lines[line - 1], (line, old)
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def as_tab_rows(text: str) -> str:
    """The same document as a plain-text dump: one row a line, cells separated by TABs (the
    Markdown separator lines become blank lines, so line numbers stay)."""
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("|") and set(s) <= set("|-: "):
            out.append("")
        elif s.startswith("|"):
            out.append("\t".join(c.strip() for c in s.strip("|").split("|")))  # an empty first cell: a leading TAB
        else:
            out.append(line)
    return "\n".join(out)


def as_docx(text: str, path: Path) -> None:
    """The same document as a Word file (python-docx): # headings in Word heading styles, each
    other line a paragraph, each pipe table a Word table (its empty cells kept empty)."""
    from docx import Document as WordDocument

    word = WordDocument()
    rows: list[list[str]] = []

    def flush():
        if rows:
            width = max(len(r) for r in rows)
            table = word.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"  # ruled, as published forms are (and as the PDF reader finds grids)
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
            rows.clear()

    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("|"):
            if not set(s) <= set("|-: "):
                rows.append([c.strip() for c in s.strip("|").split("|")])
            continue
        flush()
        if not s:
            continue
        level = len(s) - len(s.lstrip("#"))
        if level:
            word.add_paragraph(s.lstrip("#").strip(), style=f"Heading {min(level, 3)}")
        else:
            word.add_paragraph(s)
    flush()
    word.save(str(path))


def write(tmp: Path, fmt: str, edits=(), source: Path = MOF) -> Path:
    text = apply(source.read_text(encoding="utf-8"), edits)
    path = tmp / f"{source.stem}.{fmt}"
    if fmt == "docx":
        as_docx(text, path)
        return path
    if fmt == "txt":
        text = as_tab_rows(text)
    path.write_text(text, encoding="utf-8")
    return path

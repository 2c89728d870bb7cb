"""How the cost of one document grows with each input family (issue 13): the document is
made at size n and 2n (and 4n), read and checked in-process with every rule, and the ratio
of times is printed. A ratio near 2 is linear; near 4 is quadratic. Not a test: numbers
depend on the machine. Usage: python benchmarks/scaling.py [base]

Families: lines (narrative paragraphs), years per line, table rows, table columns, meta rows
(leading 单位/编制单位 rows above a table), PDF pages (the seed 000 PDF's 14 pages repeated, as
corpus/big/big_000x21.pdf is made).
"""
from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.engine import Selection, check_document, select_rules  # noqa: E402
from linter.readers import read_document  # noqa: E402

HEAD = "某县财政局2025年部门预算公开\n一、收入预算情况\n"


def lines(n: int) -> str:
    return HEAD + "".join(f"2025年收入预算{100 + i}.54万元，比上年增加{i % 9 + 1}.2万元，增长{i % 7 + 1}.1%。\n"
                          for i in range(n))


def years(n: int) -> str:
    return HEAD + "2025年收入预算107.54万元，" + "、".join(f"{2000 + i % 50}年{i % 90 + 1}万元" for i in range(n)) + "。\n"


def _table(rows: int, cols: int, meta: int = 0) -> str:
    out = [HEAD, "收支预算总表\n"]
    out.append("| 项目 | " + " | ".join(f"第{c}列" for c in range(cols)) + " |\n")
    out.append("|---" * (cols + 1) + "|\n")
    # leading rows of the table itself that only say whose table it is and in which unit
    out += ["| 编制单位：某县财政局 |" + " |" * cols + "\n| 单位：万元 |" + " |" * cols + "\n" for _ in range(meta)]
    for r in range(rows):
        out.append(f"| 支出项目{r} | " + " | ".join(f"{(r * 7 + c) % 100}.00" for c in range(cols)) + " |\n")
    return "".join(out)


SEED_PDF = ROOT / "corpus" / "pdf" / "000_cfc5e1461f5cd4c8.pdf"


def pages(n: int) -> bytes:
    """The seed's PDF repeated n times: 14·n pages of the same tables and narrative."""
    import io

    import pypdfium2

    source, out = pypdfium2.PdfDocument(str(SEED_PDF)), pypdfium2.PdfDocument.new()
    for _ in range(n):
        out.import_pages(source)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


FAMILIES = {
    "lines": (lines, 500),
    "years per line": (years, 200),
    "rows": (lambda n: _table(n, 4), 200),
    "columns": (lambda n: _table(20, n), 40),
    "meta rows": (lambda n: _table(10, 4, n), 50),
    "pages": (pages, 1),
}


def seconds(content: str | bytes, rules, selection) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        if isinstance(content, bytes):
            path = Path(tmp) / "doc.pdf"
            path.write_bytes(content)
        else:
            path = Path(tmp) / "doc.txt"
            path.write_text(content, encoding="utf-8")
        gc.collect()
        start = time.perf_counter()
        doc = read_document(str(path))
        check_document(doc, rules, selection)
        return time.perf_counter() - start


def main() -> None:
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    selection = Selection()
    rules = select_rules(selection)[0]
    print(f"{'family':16} {'n':>6} {'s(n)':>8} {'s(2n)':>8} {'s(4n)':>8} {'2n/n':>6} {'4n/2n':>6}")
    for name, (make, base) in FAMILIES.items():
        n = max(1, int(base * scale))
        t = [min(seconds(make(k * n), rules, selection) for _ in range(2)) for k in (1, 2, 4)]
        print(f"{name:16} {n:6} {t[0]:8.3f} {t[1]:8.3f} {t[2]:8.3f} {t[1] / t[0]:6.2f} {t[2] / t[1]:6.2f}")


if __name__ == "__main__":
    main()

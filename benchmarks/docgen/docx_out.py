"""The same generated document as a Word file (python-docx), so the .docx reader is exercised:
headings in Word heading styles, each statement a paragraph, each table a Word table."""
from __future__ import annotations

from docx import Document as WordDocument

from .document import GeneratedDoc, clean_marks


def write_docx(doc: GeneratedDoc, path) -> None:
    b = doc.budget
    word = WordDocument()
    for bl in doc.blocks:
        if bl.table is not None:
            t = bl.table
            word.add_paragraph(t.title, style="Heading 2" if b.family == "hebei" else None)
            word.add_paragraph(f"编制单位：{b.name}    单位：{t.unit}")
            rows = t.header + t.rows
            width = max(len(r) for r in rows)
            table = word.add_table(rows=len(rows), cols=width)
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = clean_marks(cell)
            if t.note:
                word.add_paragraph(t.note)
            continue
        text = clean_marks(bl.prefix + bl.st.render())
        if bl.role in ("heading", "title"):
            word.add_paragraph(text, style=f"Heading {min(bl.level, 3)}" if bl.role == "heading" else "Title")
        else:
            for line in text.split("\n"):
                word.add_paragraph(line)
    word.save(str(path))

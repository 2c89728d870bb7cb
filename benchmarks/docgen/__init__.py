"""Generator of varied, internally consistent budget documents, with planted defects.

    from docgen import generate, KINDS
    doc = generate("jiangsu", "预算", "部门", seed=3, kind="change-percent")
    doc.text      # the .txt dump (the txt reader's format)
    doc.plants    # [Plant(kind, codes, family, span=Span(line, start, end, text), zone=(l1, l2))]

Families: hebei (county 部门预算 in the seeds' layout, tables in 万元 as cell-per-line dumps),
shanghai (区 预算 with tables in 元, 决算 in 万元, TAB-row tables), jiangsu (provincial 12
tables incl. multi-level 政府采购). doc_type 预算 | 决算, scope 部门 | 单位. A clean document has
no plants; every total adds up (Decimal) and the narrative states the tables' figures.
"""
from __future__ import annotations

from .document import Builder, GeneratedDoc, Plant, Span
from .model import FAMILIES
from .plants import KINDS, plant

DOC_TYPES = ("预算", "决算")
SCOPES = ("部门", "单位")

__all__ = ["generate", "KINDS", "FAMILIES", "DOC_TYPES", "SCOPES", "GeneratedDoc", "Plant", "Span", "write_docx"]


def generate(family: str, doc_type: str = "预算", scope: str = "部门", seed: int = 0,
             kind: str | None = None, level: str | None = None) -> GeneratedDoc | None:
    """One document; with `kind`, one defect of that kind planted (None when the document has no
    place for it: try another seed)."""
    bd = Builder(seed, family, doc_type, scope, level)
    if kind is not None and not plant(bd, kind):
        return None
    name = f"{family}-{doc_type}-{scope}-{seed}" + (f"-{kind}" if kind else "")
    return bd.write(name)


def write_docx(doc: GeneratedDoc, path) -> None:
    from .docx_out import write_docx as _w
    _w(doc, path)

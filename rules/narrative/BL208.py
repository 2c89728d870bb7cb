from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from linter.engine import BatchRule
from linter.findings import Finding, Related

# An amount of money as printed in a sentence: the figure and its unit.
_AMOUNT = regex.compile(r"(?<![\d.])(\d[\d,，]*(?:\.\d+)?)\s*(亿元|万元|千元|元)")
_NUMBER = regex.compile(r"\d[\d,，]*(?:\.\d+)?")
_SPACE = regex.compile(r"\s+")
_CLAUSE_END = regex.compile(r"[，；;：:]|,(?!\d)")  # not the thousands comma of 3,512.68
_UNIT_SCALE = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000}
_OWN_SUFFIXES = ("本级", "机关", "本部")
MIN_SKELETON = 12  # characters of text besides the figures: a shorter sentence is too common


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None


def _significant(d: Decimal) -> int:
    digits = d.normalize().as_tuple().digits
    return len(digits) if d else 0


def _same_department(a: str | None, b: str | None) -> bool:
    """One department, or a department and its own 本级/机关 unit: sharing sentences and
    figures between them is normal."""
    if not a or not b:
        return True  # unknown: cannot say the text came from another department
    a, b = a.removesuffix("本级"), b.removesuffix("本级")
    for suffix in _OWN_SUFFIXES:
        a, b = a.removesuffix(suffix), b.removesuffix(suffix)
    return a == b or a in b or b in a


class CopiedFigures(BatchRule):
    """A sentence copied from another department's document with that department's figures.

    *What it does*: fingerprints every narrative sentence that states amounts of money: its
    wording with the figures masked, and the figures themselves. When documents of two
    different departments hold the same sentence with the same figures, and the figures
    appear in the tables of one document but in none of the tables of the other, the
    sentence is reported in the document whose tables do not back it; the related note names
    the other department's file and sentence. Sentences shorter than 12 characters of text,
    and sentences whose figures are all zero or all of fewer than three significant digits,
    are too common to tell a copy from a coincidence and are left alone; so are a department
    and its own 本级/机关 unit, which share text and figures by right.

    *Why it matters*: the 说明 of many departments is written from one template. When a
    paragraph is taken from a neighbour's published document and its numbers are not
    replaced, the document states another department's budget as its own; nothing inside the
    one document shows it, because no rule knows where the numbers came from.

    *Bad*:
        元氏县委网信办: 2023年收入预算107.54万元，其中一般公共预算拨款收入95.54万元。
        (its own tables: 收入合计 88.20; the sentence and figures are 平乡县委网信办's)

    *Good*:
        元氏县委网信办: 2023年收入预算88.20万元，其中一般公共预算拨款收入88.20万元。
    """

    code = "BL208"
    name = "copied-figures"
    severity = "warning"

    # --- per document ---------------------------------------------------------------------
    def summarise(self, doc) -> dict:
        meta = doc.meta
        own = self._table_amounts(doc)
        out = {"path": doc.path, "department": meta.department, "year": meta.year, "kind": meta.doc_type,
               "has_tables": bool(own), "sentences": []}
        for para in doc.paragraphs:
            for s in para.sentences:
                out["sentences"].extend(self._fingerprints(doc, para, s, own))
        return out

    @staticmethod
    def _table_amounts(doc) -> set[Decimal]:
        """Every amount printed in the document's tables, in 元 for each unit it could be in
        (a table in 元 backs a sentence in 万元)."""
        values: set[Decimal] = set()
        for table in doc.tables:
            for row in table.rows:
                for cell in row:
                    number = cell.number
                    if number is not None and number.value:
                        values.add(number.value.normalize())
        return values

    @staticmethod
    def _fingerprints(doc, para, sentence, own: set[Decimal]) -> list[dict]:
        """One fingerprint per shingle of the sentence (two clauses running, or the whole
        sentence when it has one clause) that states money: a copied clause pair is found
        even when the rest of the sentence was rewritten."""
        text = sentence.text
        cuts = [0] + [m.end() for m in _CLAUSE_END.finditer(text)]
        if cuts[-1] < len(text):
            cuts.append(len(text))
        spans = [(cuts[i], cuts[min(i + 2, len(cuts) - 1)]) for i in range(max(1, len(cuts) - 2))]
        lead = len(text) - len(text.lstrip())
        line, start, end = para.span(sentence.start + lead, sentence.start + len(text.rstrip()))
        ln = doc.line(line)
        where = {"line": line, "column": start + 1, "end_column": end + 1, "page": ln.page_at(start + 1),
                 "excerpt": ln.text[start:end]}
        out = []
        for a, b in spans:
            piece = text[a:b]
            figures = [(m, _decimal(m.group(1)), m.group(2)) for m in _AMOUNT.finditer(piece)]
            figures = [(m, v, u) for m, v, u in figures if v is not None]
            if not any(v and _significant(v) >= 3 for _, v, _ in figures):
                continue
            wording = _SPACE.sub("", _NUMBER.sub("#", piece)).strip("，,；;：:。")
            if len(wording.replace("#", "")) < MIN_SKELETON:
                continue
            printed = "、".join(f"{m.group(1)}{u}" for m, _, u in figures)
            backed = 0
            for _, v, u in figures:
                in_yuan = v * _UNIT_SCALE[u]
                if {v.normalize(), in_yuan.normalize(), (in_yuan / 10000).normalize()} & own:
                    backed += 1
            out.append({"key": f"{wording}|{printed}",  # the text itself: no hashing library to import
                        "figures": printed, "backed": backed, "text": piece.strip(), **where})
        return out

    def batch_groups(self, summary):
        """One group per fingerprint: only documents sharing a sentence and its figures meet."""
        base = {k: v for k, v in summary.items() if k != "sentences"}
        return [(entry["key"], {**base, "sentences": [entry]}) for entry in summary["sentences"]]

    # --- across documents -----------------------------------------------------------------
    def check_batch(self, summaries):
        by_key: dict[str, list[tuple[dict, dict]]] = {}
        for s in summaries:
            for entry in s["sentences"]:
                by_key.setdefault(entry["key"], []).append((s, entry))
        reported: set[tuple[str, int, int]] = set()
        for members in by_key.values():
            if len(members) < 2:
                continue
            for doc, entry in members:
                if entry["backed"] or not doc["has_tables"]:
                    continue  # its own tables hold a figure of it (or there is nothing to hold them)
                sources = [(o, e) for o, e in members if e["backed"] and o["path"] != doc["path"]
                           and not _same_department(doc["department"], o["department"])]
                where = (doc["path"], entry["line"], entry["column"])
                if sources and where not in reported:
                    reported.add(where)
                    yield self._finding(doc, entry, sources)

    def _finding(self, doc, entry, sources) -> Finding:
        other = sources[0][0]
        message = (f"此句与{other['department']}文件中的文字相同，数字也相同，而本文件的表格中没有这些数字："
                   f"疑为照抄他部门文件而未改数字")
        related = [Related(line=e["line"], page=e["page"], column=e["column"], excerpt=e["text"],
                           note=f"{o['path']}: {o['department']}的同一段文字（{e['figures']}），数字与其表格相符")
                   for o, e in sources[:3]]
        return Finding(rule=self.code, name=self.name, severity=self.severity, message=message,
                       line=entry["line"], column=entry["column"], end_line=entry["line"],
                       end_column=entry["end_column"], page=entry["page"], excerpt=entry["excerpt"],
                       related=related, path=doc["path"])

from __future__ import annotations

from bisect import bisect_left
from dataclasses import asdict
from decimal import Decimal

from linter.claims import FUNC, claims_of, item_name, ledger_of, vocab
from linter.engine import BatchRule
from linter.findings import Finding, Related
from linter.locate import Location, locate
from linter.numbers import Interval
from linter.reconcile import in_unit, mid, money

def _place(fields: dict | None) -> Location | None:
    """A summary's stored place (None in a store written before places were kept)."""
    return Location(**fields) if fields else None


_OTHER_KIND = {"预算": ("决算", "执行"), "决算": ("预算",)}


def _iv(iv: Interval) -> tuple[Decimal, Decimal]:
    return (iv.low, iv.high)


def _same_kind(doc, c, doc_type) -> bool:
    """False when the clause before the number names the other kind of figure (a 预算
    document's 上年预算执行数 / 上年决算 is not last year's budget document)."""
    window = doc.line(c.line).text[max(0, c.start - 30):c.start]
    cut = max(window.rfind(p) for p in "，。；：,;")
    return not any(w in window[cut + 1:] for w in _OTHER_KIND.get(doc_type, ()))


def _current_amounts(claims) -> dict[tuple, tuple[list[int], list]]:
    """(paragraph, item) -> (indexes, claims) of the amounts of this year stated in money, in
    the claims' order: each change statement finds its nearest earlier amount by bisection,
    not by reading every claim of the document again."""
    out: dict[tuple, tuple[list[int], list]] = {}
    for o in claims:
        if o.relation == "amount" and o.period == "current" and o.is_money and o.value is not None:
            indexes, found = out.setdefault((o.paragraph, o.item), ([], []))
            indexes.append(o.index)
            found.append(o)
    return out

class PriorYearMismatch(BatchRule):
    """What a document says about last year differs from last year's own document.

    *What it does*: when one run is given both documents of a department (same 部门/单位
    name, same scope and kind, years Y−1 and Y), reads in the Y document every change
    against Y−1 (比2024年预算增加/减少X万元, 与2024年预算持平) and every stated Y−1 amount
    (2024年预算X万元) and compares the Y−1 amount it implies (this year's amount minus the
    change) with the same canonical item in the Y−1 document's tables (or, where no table
    shows it, its narrative), with the rounding interval and units converted. The finding sits
    on the Y document's figure; the related note names the Y−1 file and figure. Severity is
    error only when the Y−1 tables agree among themselves and hold the item itself (no
    一般公共预算-only table, no stand-in); otherwise warning.

    *Why it matters*: the year-over-year paragraph is checked by nobody inside one document:
    its base is published elsewhere, in last year's disclosure. A change computed from a
    draft or another department's figures misleads every reader who compares the years.

    *Bad*:
        2025: “三公”经费37.91万元，比2024年预算减少20万元
        (2024 document: “三公”经费预算数合计 47.91万元 — the decrease is 10万元)

    *Good*:
        2025: “三公”经费37.91万元，比2024年预算减少10万元
    """

    code = "BL207"
    name = "prior-year-mismatch"
    severity = "warning"

    # --- per document ---------------------------------------------------------------------
    def summarise(self, doc) -> dict:
        meta = doc.meta
        out = {"path": doc.path, "department": meta.department, "scope": meta.scope,
               "doc_type": meta.doc_type, "year": meta.year, "facts": {}, "told": {}, "claims": []}
        if not (meta.department and meta.year and meta.doc_type):
            return out
        ledger = ledger_of(doc)
        claims = claims_of(doc)
        # what this document says about its own year: table facts, and narrative amounts
        for item, facts in ledger.items():
            rows = []
            for f in facts:
                if f.period != "current" or f.proxy:
                    continue
                iv = f.yuan()
                line = f.cell.line if f.cell else f.table.first_line
                page = f.cell.page if f.cell else None
                excerpt = f.cell.text.strip() if f.cell else ""
                column, end_column, _ = f.cell.span() if f.cell else (None, None, "")
                # the place is found now, while the document is here: the comparison runs at
                # the end of the run, or in the store, when only this summary is left
                rows.append((iv.low, iv.high, f.where, line, page, excerpt or "(空)", f.gpb_only,
                             asdict(locate(doc, line, column, end_column))))
            if rows:
                out["facts"][item] = rows
        claims = [c for c in claims if c.scope is None]  # a 科目's own 基本支出 is not the document's
        for c in claims:
            if c.relation == "amount" and c.period == "current" and c.is_money and c.value is not None:
                iv = c.yuan()
                out["told"].setdefault(c.item, []).append(
                    (iv.low, iv.high, f"说明「{c.describe()}」", c.line, doc.line(c.line).page_at(c.start + 1),
                     c.text.strip(), False, asdict(locate(doc, c.line, c.start + 1, c.end + 1))))
        # what it says about the year before
        year = meta.year
        amounts = _current_amounts(claims)
        stated_at: set[tuple] = set()  # (item, line) of the statements kept
        for c in claims:
            if not c.is_money and c.relation != "flat":
                continue
            if c.relation in ("change", "flat"):
                if not self._base_is_prior(doc, c, year, meta.doc_type):
                    continue
                current = self._current(c, amounts, ledger)
                if current is None:
                    continue
                cur_iv, cur_desc = current
                change = Interval.exact(Decimal(0)) if c.relation == "flat" else c.signed_yuan()
                implied = cur_iv - change
                how = "持平" if c.relation == "flat" else f"{c.word}{c.text.strip()}"
                stated = f"{cur_desc}、比{year - 1}年{how}"
                cur = (cur_iv.low, cur_iv.high, c.word if c.relation == "change" else "")
            elif (c.relation == "amount" and c.period == "prior" and c.value is not None
                  and _same_kind(doc, c, meta.doc_type)):
                implied = c.yuan()
                cur = None
                stated = f"上年{c.describe()}"
            else:
                continue
            if (c.item, c.line) in stated_at:
                continue  # 持平 … 保持不变: one statement
            stated_at.add((c.item, c.line))
            ln = doc.line(c.line)
            out["claims"].append({"current": cur,
                "item": c.item, "low": implied.low, "high": implied.high, "stated": stated,
                "unit": c.unit if c.unit in ("元", "万元", "亿元", "千元") else "万元",
                "decimals": c.value.decimals if c.value else 2,
                "line": c.line, "column": c.start + 1, "end_column": c.end + 1,
                "page": ln.page_at(c.start + 1), "excerpt": ln.text[c.start:c.end],
                "location": asdict(locate(doc, c.line, c.start + 1, c.end + 1)),
            })
        return out

    @staticmethod
    def _base_is_prior(doc, c, year, doc_type) -> bool:
        base = c.base or ""
        if base and not any(w in base for w in ("上年", "去年", "上一年")):
            digits = "".join(ch for ch in base if ch.isdigit())
            if not digits or int(digits) != year - 1:
                return False
        return _same_kind(doc, c, doc_type)

    @staticmethod
    def _current(c, amounts, ledger):
        """This year's amount of the item: the nearest earlier amount in the same paragraph
        (looked up by bisection in `amounts`, from _current_amounts), else the document's own
        table."""
        earlier = amounts.get((c.paragraph, c.item))
        before = bisect_left(earlier[0], c.index) if earlier else 0
        if before:
            best = earlier[1][before - 1]
            return best.yuan(), best.describe()
        facts = [f for f in ledger.get(c.item, []) if f.period == "current" and not f.proxy and not f.gpb_only]
        if facts:
            return facts[0].yuan(), f"{item_name(c.item)}{facts[0].number.value}{facts[0].unit}"
        return None

    # --- across documents -----------------------------------------------------------------
    def batch_groups(self, summary):
        """Only the documents of one department, scope and kind are compared."""
        if not (summary["department"] and summary["year"] and summary["doc_type"]):
            return []
        return [(f"{summary['department']}|{summary['scope']}|{summary['doc_type']}", summary)]

    def check_batch(self, summaries):
        index = {}
        for s in summaries:
            if s["department"] and s["year"] and s["doc_type"]:
                index.setdefault((s["department"], s["scope"], s["doc_type"], s["year"]), []).append(s)
        for s in summaries:
            if not s["claims"]:
                continue
            priors = index.get((s["department"], s["scope"], s["doc_type"], s["year"] - 1), [])
            for prior in priors:
                if prior["path"] == s["path"]:
                    continue
                for c in s["claims"]:
                    finding = self._compare(s, prior, c)
                    if finding is not None:
                        yield finding

    def _compare(self, s, prior, c):
        items = vocab().items.get(c["item"], {}).get("same_as") or [c["item"]]
        if c["item"].startswith(FUNC):
            items = [c["item"]]
        rows = [r for item in items for r in prior["facts"].get(item, [])]
        from_tables = bool(rows)
        if not rows:
            rows = [r for item in items for r in prior["told"].get(item, [])]
        if not rows:
            return None
        implied = Interval(c["low"], c["high"])
        if any(implied.meets(Interval(r[0], r[1])) for r in rows):
            return None
        first = rows[0]
        consistent = all(Interval(r[0], r[1]).meets(Interval(first[0], first[1])) for r in rows)
        sure = from_tables and consistent and not any(r[6] for r in rows)
        unit, dec = c["unit"], max(c["decimals"], 2 if c["unit"] in ("万元", "亿元") else 0)
        prior_mid = (first[0] + first[1]) / 2
        said = money(in_unit(mid(implied), unit), unit, dec)
        shown = money(in_unit(prior_mid, unit), unit, dec)
        name = item_name(c["item"])
        if c["current"] is None:
            message = (f"{s['year']}年文件所述{prior['year']}年{name}{said}，"
                       f"而{prior['year']}年文件列示{shown}（{first[2]}）")
        else:
            message = (f"{s['year']}年文件所述{c['stated']}，推得{prior['year']}年{name}为{said}，"
                       f"而{prior['year']}年文件列示{shown}（{first[2]}）")
        suggestion = shown
        if c["current"] is not None:
            delta = in_unit((c["current"][0] + c["current"][1]) / 2 - prior_mid, unit)
            word = "增加" if delta > 0 else "减少"
            suggestion = ("持平" if delta == 0 else f"比{prior['year']}年{s['doc_type']}{word}{money(abs(delta), unit, dec)}")
        related = [Related(line=r[3], page=r[4], excerpt=r[5], note=f"{prior['path']}: {r[2]}",
                           location=_place(r[7] if len(r) > 7 else None)) for r in rows[:3]]
        return Finding(rule=self.code, name=self.name, severity="error" if sure else self.severity,
                       message=message, line=c["line"], column=c["column"], end_line=c["line"],
                       end_column=c["end_column"], page=c["page"], excerpt=c["excerpt"], related=related,
                       suggestion=suggestion, path=s["path"], location=_place(c.get("location")))

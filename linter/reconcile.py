"""Reconciling the narrative's claims with the tables and with each other: the one analysis
that several narrative rules report from, computed once per document (doc.cached) and split
by issue kind.

- claims vs the ledger (table / table-odd for BL201, table-unit for BL206);
- stated parts vs stated totals (sum for BL202, sum-unit for BL206);
- a breakdown's changes vs its total's change (change for BL203, direction / negative for BL204);
- a share's change in 百分点 (percent for BL205, direction for BL204).

`IssueRule` is the base of the rules that report these issues: each names its `kinds`.
What a single rule reads from the statements (BL203–BL205) or the tables' own labels (BL201)
lives in that rule's file."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from .claims import FUNC, Claim, Fact, claims_of, is_part_of, item_name, ledger_of, scoped_facts, vocab
from .cnnum import UNIT_FACTOR
from .engine import Rule
from .lists import respectively_intro
from .numbers import Interval, format_decimal
from .statements import clause_start, closes_bare_line, ratio
from .vocab import load_json

SCALES = [Decimal(10) ** k for k in (4, -4, 3, -3, 8, -8)]
NON_GPB = ("政府性基金收入", "国有资本经营收入", "财政专户收入", "单位资金收入", "事业收入", "经营收入",
           "上级补助收入", "附属单位上缴收入", "其他收入", "上年结转")


def money(value: Decimal, unit: str, decimals: int) -> str:
    return f"{format_decimal(value, max(decimals, 0))}{unit}"


def in_unit(yuan: Decimal, unit: str) -> Decimal:
    return yuan / UNIT_FACTOR[unit]


def mid(iv: Interval) -> Decimal:
    return (iv.low + iv.high) / 2


def display_decimals(c: Claim, unit: str | None = None) -> int:
    unit = unit or c.unit
    return max(c.value.decimals if c.value else 0, 2 if unit in ("万元", "亿元") else 0)


def scaled(iv: Interval, k: Decimal) -> Interval:
    return Interval(iv.low * k, iv.high * k)


def sum_iv(claims: list[Claim], signed: bool = False) -> Interval:
    total = Interval.exact(Decimal(0))
    for c in claims:
        if c.relation == "flat":
            continue  # 持平: exactly no change
        total = total + (c.signed_yuan() if signed else c.yuan())
    return total


def flip(iv: Interval) -> Interval:
    return Interval(-iv.high, -iv.low)


@dataclass
class Issue:
    kind: str  # table | table-unit | sum | sum-unit | change | direction | flat | percent | share | from-zero | negative
    claim: Claim
    severity: str = "error"
    message: str = ""
    related: list = field(default_factory=list)  # (kind, object, note): ("fact", Fact) / ("claim", Claim)
    suggestion: str | None = None
    cell: object = None  # when set, the finding sits on this table cell instead of the claim


def _has_non_gpb(ledger) -> bool:
    for item in NON_GPB:
        for f in ledger.get(item, []):
            if f.number.value != 0:
                return True
    return False


def facts_for(claim: Claim, ledger) -> list[Fact]:
    if claim.period == "prior":
        return []
    if claim.item.startswith(FUNC):
        return [f for f in _func_facts(claim.item, ledger) if f.period == claim.period]
    items = vocab().items.get(claim.item, {}).get("same_as") or [claim.item]
    want = claim.period if claim.period in ("prior_end", "budget") else "current"
    out = []
    for item in items:
        out += [f for f in ledger.get(item, []) if f.period == want]
    return out


def _func_facts(item: str, ledger) -> list[Fact]:
    """Facts of a 科目 named in the text: the same path, or (a name slightly off, 住房保障支出（款）
    for 住房改革支出) the one row of the same depth with the same 类 and 项 names."""
    key = func_key(item, ledger)
    return ledger[key] if key is not None else []


def func_key(item: str, ledger) -> str | None:
    """The ledger key of a 科目 named in the text (see _func_facts), None when no one row is it."""
    if item in ledger:
        return item
    names = item[len(FUNC):].split("/")
    hits = set()
    for key in ledger:
        if not key.startswith(FUNC):
            continue
        path = key[len(FUNC):].split("/")
        top, named = path[0].removesuffix("支出"), names[0].removesuffix("支出")  # 卫生健康（类） is 卫生健康支出
        if len(path) == len(names) and path[-1] == names[-1] and (named.endswith(top) or top.endswith(named)):
            hits.add(key)
    return hits.pop() if len(hits) == 1 else None


def analyse(doc) -> list[Issue]:
    return doc.cached("narrative_issues", _analyse)


def _analyse(doc) -> list[Issue]:
    claims = claims_of(doc)
    ledger = ledger_of(doc)
    issues: list[Issue] = []
    table_issues = _vs_tables(doc, claims, ledger)
    issues += table_issues
    issues += _sums(claims, table_issues, ledger, _closing_totals(doc, claims))
    issues += _changes(claims)
    issues += _percents(claims, ledger)
    return issues


# --- narrative vs tables ------------------------------------------------------------------------

def _fund_sum(facts: list[Fact]) -> Interval | None:
    """财政拨款 of a 科目 = its 一般公共预算 + 政府性基金 + 国有资本经营 rows."""
    parts = [f for f in facts if f.table.kind in ("budget_gpb_expense", "budget_fund", "budget_soe", "final_gpb_expense")]
    if len({f.table.kind for f in parts}) < 2:
        return None
    total = Interval.exact(Decimal(0))
    for f in parts:
        total = total + f.yuan()
    return total


def _vs_tables(doc, claims, ledger) -> list[Issue]:
    out = []
    odd_seen: set = set()
    non_gpb = _has_non_gpb(ledger)
    for c in claims:
        if c.relation != "amount" or not c.is_money:
            continue
        # a part listed under a 科目 / row / project (…（项）X万元，其中：基本支出…) is that
        # subject's: its row's cells, or nothing to compare when no table shows it
        facts = scoped_facts(doc, c) if c.scope is not None else facts_for(c, ledger)
        if not facts:
            continue
        civ = c.yuan()
        # the tables may disagree among themselves: the text is wrong only when it agrees with
        # none of them. When it agrees with some, the odd table cell is the likely error: it is
        # reported once, on that cell (with the text and the agreeing tables as evidence), and
        # the text is left alone. 科目 rows of tables of different scope (收入决算表 incl. 其他收入
        # vs 一般公共预算表) legitimately differ and are not compared with each other.
        agreeing = [f for f in facts if civ.meets(f.yuan())]
        if agreeing:
            if c.item.startswith(FUNC) or c.scope is not None:
                continue  # rows of tables of different scope (all money, 一般公共预算) may differ
            for x in facts:
                if x in agreeing or x.proxy or (x.gpb_only and non_gpb) or x.cell is None or x.sum_of:
                    continue
                key = (x.cell.line, x.cell.column)
                if key in odd_seen:
                    continue
                odd_seen.add(key)
                a = agreeing[0]
                out.append(Issue(
                    "table-odd", c, "warning",
                    f"{x.where}为{x.number}{x.unit}，而说明写「{item_name(c.item)}」{c.text.strip()}，{a.where}为{a.number}{a.unit}",
                    [("claim", c)] + [("fact", y) for y in agreeing],
                    f"改为{format_decimal(in_unit(mid(a.yuan()), x.unit), max(x.number.decimals, 0))}", cell=x.cell))
            continue
        fs = _fund_sum(facts) if c.item.startswith(FUNC) else None
        if fs is not None and civ.meets(fs):
            continue
        bad = facts
        f = bad[0]
        d = display_decimals(c)
        fval = in_unit(mid(f.yuan()), c.unit)
        # the same digits in another unit: a unit slip, not a wrong figure (only for figures
        # precise enough to tell: 0.3 could be anything)
        slip = None
        if c.value.value != 0 and f.number.value != 0 and _significant(c.value) >= 3:
            slip = next((k for k in SCALES if _rescaled_unit(c.unit, k) and scaled(civ, k).meets(f.yuan())), None)
        if slip is None and all(x.proxy for x in bad) and civ.high <= max(x.yuan().high for x in bad):
            # a stand-in is an upper bound: 机关运行经费 is the 公用经费 of 行政单位 only
            continue
        if slip is not None:
            out.append(Issue(
                "table-unit", c, "error",
                f"「{item_name(c.item)}」写为{c.text.strip()}，{f.where}为{f.number}{f.unit}：数字相同而单位不符",
                [("fact", x) for x in bad], f"改为{c.value}{_rescaled_unit(c.unit, slip)}"))
            continue
        severity = "error"
        gpb_item = vocab().items.get(c.item, {}).get("gpb", False)
        if all(x.proxy or (x.gpb_only and non_gpb and not gpb_item) for x in bad):
            severity = "warning"
        # what each table says (distinct values, in the claim's unit)
        shown, values = [], []
        for x in bad:
            xv = in_unit(mid(x.yuan()), c.unit)
            if any(abs(xv - y) < Decimal("0.000001") for y in values):
                continue
            values.append(xv)
            blank = x.number.value == 0 and (x.cell is None or x.cell.blank or x.cell.dash)
            shown.append(f"{x.where}{'无此项金额（空白）' if blank else '为' + money(xv, c.unit, d)}")
        what = f"「{item_name(c.item)}」" + ("预算数" if c.period == "budget" else "")  # 预算X，决算Y: the budget
        if len(values) == 1:
            diff = in_unit(mid(civ) - mid(f.yuan()), c.unit)
            msg = f"{what}写为{c.text.strip()}，{shown[0]}，相差{money(diff, c.unit, d)}"
            suggestion = f"改为{money(fval, c.unit, d)}"
        else:
            msg = f"{what}写为{c.text.strip()}，与各表都不一致：" + "；".join(shown)
            suggestion = "核对表格与说明，统一金额"
        out.append(Issue("table", c, severity, msg, [("fact", x) for x in bad], suggestion))
    return out


# --- stated parts vs stated totals ----------------------------------------------------------

@lru_cache(maxsize=None)
def _listing_words() -> dict[str, regex.Pattern]:
    return {k: regex.compile(v) for k, v in load_json("listings.json").items() if not k.startswith("_")}


def _beside(c: Claim) -> bool:
    """The claim's clause opens with an addition word (另有上年结转10万元): an amount stated beside
    the total, not one of its parts."""
    text = c.paragraph_text
    start = clause_start(text, c.pos)
    return bool(_listing_words()["addition"].match(text[start:c.pos].lstrip()))


def _candidates(total: Claim, claims: list[Claim], relation: str) -> dict[str, Claim]:
    """Claims stated after `total` in its paragraph, before the item (or a larger one) recurs,
    or a sentence or clause opens with an addition word (另有…)."""
    found: dict[str, Claim] = {}
    para, open_list = total.paragraph, False
    sentence = total.sentence_no
    for c in _after(total, claims):
        if c.paragraph != para:
            # a paragraph ending in a colon (其中： / 具体如下：) continues in the enumerated
            # paragraphs after it; a total on a line of its own, in the next paragraph
            after = "numbered" if open_list else _list_after(total)
            if after == "numbered" and _enumerated(c):
                para, open_list = c.paragraph, True
            elif after == "next" and para == total.paragraph and c.paragraph == para + 1:
                para = c.paragraph
            else:
                break
        elif c.sentence_no != sentence:
            # a new sentence goes on with the list only when it opens one (其中：… / （2）…) or
            # none of the list was stated yet; 另有… / 上年结转… after a finished list stand beside it
            sentence = c.sentence_no
            opening = c.sentence.lstrip()
            if _listing_words()["addition"].match(opening):
                break
            if found and not (_listing_words()["partial"].match(opening) or _enumerated(c)):
                break
        if _beside(c) or c.scope != total.scope:
            continue  # beside the total, or a part of another subject (…（项）X万元，其中：基本支出…)
        if c.relation == "flat":
            if relation == "change" and c.item != total.item and c.base == total.base:
                found.setdefault(c.item, c)
            continue
        if c.item == total.item or (c.relation == relation and is_part_of(total.item, c.item)):
            if c.relation == relation:
                break
            continue
        if c.relation != relation or not c.is_money or c.period != total.period:
            continue
        if relation == "change" and c.base != total.base:
            continue
        found.setdefault(c.item, c)
    return found


def _after(total: Claim, claims: list[Claim]):
    """The claims after `total`, one by one: the loops stop within a paragraph or two, and
    copying the rest of the document for each total made the pass quadratic."""
    for i in range(total.index + 1, len(claims)):
        yield claims[i]


def _list_after(total: Claim) -> str:
    """Where the list of the total's parts goes on after its paragraph: 'numbered' when the
    paragraph ends in a colon (…X万元，其中： / 具体如下：): in the numbered paragraphs after it;
    'next' when the total closes a line of its own with no punctuation (（一）政府采购预算15.71
    万元, a heading line): in the next paragraph; '' when its paragraph holds its list."""
    text = total.paragraph_text.rstrip()
    if text.endswith(("：", ":")):
        return "numbered"
    if closes_bare_line(text, total.pos + len(total.text)):
        return "next"
    return ""


def _enumerated(c: Claim) -> bool:
    """The claim's sentence opens a numbered item (（1） / 1. / 1） / ① / ⑴ / 一、)."""
    from .statements import roles

    return bool(roles().numbering.match(c.sentence))


def _resolve(item: str, stated: dict[str, Claim], depth: int = 0) -> tuple[list[Claim], bool]:
    if item in stated:
        return [stated[item]], True
    decomps = vocab().compositions.get(item)
    if not decomps or depth > 4:
        return [], False
    best: tuple[list[Claim], bool] = ([], False)
    for d in decomps:
        parts, complete = [], True
        for p in d:
            ps, ok = _resolve(p, stated, depth + 1)
            parts += ps
            complete = complete and ok
        if len(parts) > len(best[0]) or (len(parts) == len(best[0]) and complete and not best[1]):
            best = (parts, complete and bool(parts))
    return best


_TOTAL_LAST = regex.compile(r"(?:合计|共计|总计)(?:为|是|达)?\s*$")


def _stated_before(total: Claim, claims: list[Claim]) -> dict[str, Claim]:
    """（1）A…；（2）B…；（3）C…，“三公”经费合计X: the parts stated before a total that closes
    their list with 合计/共计, back to the paragraph's start or the item (or a larger one) before."""
    clause_start = max(total.paragraph_text.rfind(d, 0, total.pos) for d in "，,；;。：:") + 1
    if not _TOTAL_LAST.search(total.paragraph_text, clause_start, total.pos):
        return {}
    found: dict[str, Claim] = {}
    for c in reversed(claims[:total.index]):
        if c.paragraph != total.paragraph:
            break
        if c.item == total.item or (c.relation == "amount" and is_part_of(total.item, c.item)):
            break
        if c.relation == "amount" and c.is_money and c.period == total.period and c.parent is None \
                and c.scope == total.scope:
            found.setdefault(c.item, c)
    return found


def decompose(total: Claim, claims: list[Claim], relation: str) -> tuple[list[Claim], bool]:
    stated = _candidates(total, claims, relation)
    if not stated and relation == "amount":
        stated = _stated_before(total, claims)
    decomps = vocab().compositions.get(total.item)
    if not decomps or not stated:
        return [], False
    best: tuple[list[Claim], bool] = ([], False)
    for d in decomps:
        parts, complete = [], True
        for p in d:
            ps, ok = _resolve(p, stated)
            parts += ps
            complete = complete and ok
        if len(parts) > len(best[0]) or (len(parts) == len(best[0]) and complete and not best[1]):
            best = (parts, complete)
    return best


def _opens_listing(text: str, start: int, end: int) -> bool:
    """Whether words between `start` and `end` open a listing of the total's 类 (主要用于 / 其中 /
    …227.07万元中，88.16%（200.19万元）用于… / A、B分别为 / 各是 / 依次为)."""
    return bool(_listing_words()["func_listing"].search(text, start, end)
                or respectively_intro().search(text, start, end))


def _func_listing(total: Claim, claims: list[Claim], ledger) -> tuple[list[Claim], bool]:
    """一般公共预算财政拨款支出X万元，主要用于以下方面：一般公共服务支出（类）A万元，占…；教育支出（类）
    B万元…: the 类 amounts listed right after a total, and whether they are all the 类 the total's
    own table shows (a 类 row with a non-zero amount)."""
    if total.item.startswith(FUNC) or total.period != "current" or ledger is None:
        return [], False
    parts: list[Claim] = []
    for c in _after(total, claims):
        if c.paragraph != total.paragraph:
            break
        if not c.item.startswith(FUNC):
            break
        if c.relation != "amount":
            continue  # its share or change
        if "/" in c.item or not c.is_money or c.period != "current" or c.item in {p.item for p in parts}:
            return [], False  # levels mixed, another period or a 类 twice: not one listing
        parts.append(c)
    if len(parts) < 2 or not _opens_listing(total.paragraph_text, total.pos, parts[0].pos):
        return [], False
    classes = table_classes(total.item, ledger)
    return parts, bool(classes) and classes <= {p.item for p in parts}


def table_classes(item: str, ledger) -> set[str]:
    """The 类 (func: keys) with a non-zero amount this year in the tables that show the total
    `item`: the classes a listing of the total's 科目 names when it names all of them."""
    items = vocab().items.get(item, {}).get("same_as") or [item]
    kinds = {f.table.kind for it in items for f in ledger.get(it, []) if f.period == "current"}
    return {k for k, fs in ledger.items() if k.startswith(FUNC) and "/" not in k
            and any(f.period == "current" and f.table.kind in kinds and f.number.value != 0 for f in fs)}


def _smallest_whole(items: set[str]) -> str | None:
    """The smallest item whose composition holds every one of `items` (货物 + 工程 → 政府采购;
    公务用车购置费 + 公务用车运维费 → 公务用车费, not “三公”经费)."""
    v = vocab()
    common = None
    for item in items:
        ps = v.parents.get(item, set())
        common = set(ps) if common is None else common & ps
    if not common:
        return None
    size = {k: sum(1 for ps in v.parents.values() if k in ps) for k in common}
    ranked = sorted(common, key=lambda k: (size[k], len(v.compositions.get(k, [])), k))
    return ranked[0]


def _closing_totals(doc, claims: list[Claim]) -> list[Claim]:
    """合计X printed with no subject of its own, closing the parts listed before it in its
    paragraph (2023年政府采购情况：货物3.98万元，工程类采购2.16万元，合计6.44万元): the total of
    the smallest item whose composition holds those parts, read as a claim of that item."""
    from dataclasses import replace

    from .statements import statements_of

    claimed = {(c.paragraph, c.pos) for c in claims}
    by_para: dict[int, list[Claim]] = {}
    for c in claims:
        by_para.setdefault(c.paragraph, []).append(c)
    out = []
    for st in statements_of(doc):
        for q in st.all("amount", True):
            if (st.paragraph, q.pos) in claimed:
                continue
            text = st.text
            if not _CLOSING.match(text[clause_start(text, q.pos):q.pos]):
                continue
            before = [c for c in by_para.get(st.paragraph, []) if c.pos < q.pos]
            parts = [c for c in before if c.relation == "amount" and c.is_money and c.period == "current" and c.parent is None]
            whole = _smallest_whole({c.item for c in parts}) if parts else None
            if whole is None:
                continue
            nxt = before[-1].index + 1
            out.append(replace(before[-1], index=nxt, item=whole, relation="amount", value=q.value, unit=q.unit,
                               line=q.line, start=q.start, end=q.stop, text=q.text, pos=q.pos, sign=0, word="",
                               base="", denominator=None, parent=None, item_span=None, topic=None))
    return out


_CLOSING = regex.compile(r"^\s*(?:合计|共计|总计)(?:为|是|达)?\s*$")


def _closes_alone(total: Claim, part: Claim, claims: list[Claim]) -> bool:
    """One part, then the total that closes the list (服务类2.26万元，政府采购决算合计2.6万元): the
    part is all the list holds, unless the list began in a numbered paragraph or in the
    paragraph before (which states another part of the same whole)."""
    if part.paragraph != total.paragraph or part.pos > total.pos or _enumerated(part):
        return False
    v = vocab()
    for c in claims:
        if c.paragraph == total.paragraph - 1 and c.relation == "amount" and (
                total.item in v.parents.get(c.item, set()) or c.item == total.item):
            return False
        if c.paragraph == total.paragraph and c.pos < part.pos and c.relation == "amount":
            return False
    return _listed_as_whole(total, [part])


def _sums(claims, table_issues=(), ledger=None, closing=()) -> list[Issue]:
    out = []
    # amounts already reported against the tables, with the value the table shows
    fixed = {i.claim.index: i.related[0][1] for i in table_issues
             if i.cell is None and i.related and i.related[0][0] == "fact"}
    synthetic = {id(t) for t in closing}
    for t in list(claims) + list(closing):
        if t.relation != "amount" or not t.is_money:
            continue
        if id(t) not in synthetic and t.index in fixed:
            continue  # the total is reported against its table already: one finding per place
        parts, complete = decompose(t, claims, "amount")
        if len(parts) >= 2 and not complete:
            complete = _listed_as_whole(t, parts)
        one = parts if len(parts) == 1 else []
        if len(parts) < 2:
            parts, complete = _func_listing(t, claims, ledger)
        if len(parts) < 2:
            alone = bool(one) and _closes_alone(t, one[0], claims)
            if not one or not (alone or one[0].yuan().low > t.yuan().high):
                continue
            # 政府采购预算共5.84万元。其中：拟采购货物支出6.6万元: a part above its total;
            # 工程1.79万元，合计1.49万元: the one part a closed list holds
            parts, complete = one, alone
        precise = _listing_precision([t] + parts)
        tiv, siv = precise(t), _sum_precise(parts, precise)
        if tiv.meets(siv):
            continue
        # Parts already reported against the tables still leave the paragraph's own
        # arithmetic wrong as printed (95.54 + 18 ≠ 107.54): a reader of the text sees it, and
        # a document without tables has only this check. The finding says which parts the
        # tables contradict, so the two findings read as one story.
        wrong_parts = [p for p in parts if p.index in fixed]
        over = siv.low > tiv.high
        if not over and not complete:
            continue
        d = display_decimals(t)
        # one part in the wrong unit?
        slip = None
        for p in parts + [t]:
            if p.value.value == 0:
                continue
            for k in SCALES:
                if not _rescaled_unit(p.unit, k):
                    continue
                others = [x for x in parts if x is not p]
                if p is t:
                    ok = scaled(tiv, k).meets(siv)
                else:
                    rest = _sum_precise(others, precise)
                    # a part that rescaled is negligible (1.56万元 read as 1.56元) fits whatever
                    # the others add up to: no evidence of a slip, the parts are simply short
                    ok = tiv.meets(rest + scaled(precise(p), k)) and not tiv.meets(rest)
                if ok:
                    slip = (p, k)
                    break
            if slip:
                break
        s = in_unit(mid(siv), t.unit)
        listing = " + ".join(f"{item_name(p.item)}{p.text.strip()}" for p in parts)
        if slip:
            p, k = slip
            out.append(Issue(
                "sum-unit", p, "error",
                f"{item_name(p.item)}{p.text.strip()}的单位与同段其他金额不一致：按{t.describe()}核算，应为{p.value}"
                f"{_rescaled_unit(p.unit, k) or '（另一单位）'}",
                [("claim", t)] + [("claim", x) for x in parts if x is not p],
                f"改为{p.value}{_rescaled_unit(p.unit, k)}" if _rescaled_unit(p.unit, k) else None))
            continue
        also = ("；其中" + "、".join(f"{item_name(p.item)}{p.text.strip()}" for p in wrong_parts)
                + "与表格不符") if wrong_parts else ""
        out.append(Issue(
            "sum", t, "error",
            (f"{t.describe()}，而其中一项{listing}已超过总额，相差{money(in_unit(mid(tiv) - mid(siv), t.unit), t.unit, d)}{also}"
             if len(parts) == 1 and over else
             f"{t.describe()}，而所列唯一一项{listing}与之不等，相差{money(in_unit(mid(tiv) - mid(siv), t.unit), t.unit, d)}{also}"
             if len(parts) == 1 else
             f"{t.describe()}，而所列各项合计{money(s, t.unit, d)}（{listing}），相差{money(in_unit(mid(tiv) - mid(siv), t.unit), t.unit, d)}{also}"),
            [("claim", p) for p in parts],
            f"核对各项金额，或将合计改为{money(s, t.unit, d)}" if complete else "核对各项金额"))
    return out


def _listed_as_whole(total: Claim, parts: list[Claim]) -> bool:
    """Whether the text states its list as the total's whole breakdown, though it names only some
    parts of the item's composition (政府采购 of 工程 and 服务 only: 货物 is nil). By structure:
    the parts close with the total (…，合计X); or they follow it with nothing that selects
    (其中 / 包括 / 主要), either right after it (X万元，（1）工程…；（2）服务…; 分别为) or after a
    total word in its own clause (共计X万元，货物…、服务…)."""
    words = _listing_words()
    text = total.paragraph_text
    first = min(parts, key=lambda p: (p.paragraph, p.pos))
    if first.paragraph != total.paragraph:
        # …X万元，具体如下： / X万元： then numbered lines: the breakdown; 其中： a selection
        text = total.paragraph_text.rstrip()
        return _list_after(total) == "numbered" and bool(words["whole_intro"].match(text[total.pos + len(total.text):]))
    own = text[clause_start(text, total.pos):total.pos]
    if first.pos < total.pos:
        return bool(_TOTAL_LAST.search(own))
    end = total.pos + len(total.text)
    if words["partial"].search(text, end, first.pos):
        return False
    lead = text[end:clause_start(text, first.pos)]
    return bool(words["whole_intro"].match(lead)) or (
        bool(words["total_words"].search(own)) and not words["partial"].search(own))


def _listing_precision(claims: list[Claim]):
    """Each amount's interval as its listing prints it. A listing prints its amounts to one
    precision: an integer among amounts of the same unit printed with decimals (因公出国（境）费
    0万元；…公务接待费0.8万元; 5万元 beside 1.96万元) dropped its trailing zeros, and stands for
    the listing's precision, not ±0.5."""
    places: dict[str, int] = {}
    for c in claims:
        places[c.unit] = max(places.get(c.unit, 0), c.value.decimals)

    def interval(c: Claim) -> Interval:
        d = places.get(c.unit, 0)
        if c.value.decimals != 0 or d <= 0:
            return c.yuan()
        half = Decimal(5) * Decimal(10) ** (-(d + 1))
        f = UNIT_FACTOR[c.unit]
        return Interval((c.value.value - half) * f, (c.value.value + half) * f)
    return interval


def _sum_precise(claims: list[Claim], precise) -> Interval:
    total = Interval.exact(Decimal(0))
    for c in claims:
        if c.relation != "flat":
            total = total + precise(c)
    return total


def _significant(n) -> int:
    digits = format(abs(n.value), "f").replace(".", "").lstrip("0")
    return len(digits)


def _rescaled_unit(unit: str, k: Decimal) -> str | None:
    f = UNIT_FACTOR[unit] * k
    for u, g in UNIT_FACTOR.items():
        if g == f:
            return u
    return None


# --- year over year ------------------------------------------------------------------------------

def _level(claims, item, paragraph, period) -> Claim | None:
    for c in claims:
        if c.paragraph == paragraph and c.item == item and c.relation == "amount" and c.period == period and c.is_money:
            return c
    return None


def _changes(claims) -> list[Issue]:
    """The changes of a breakdown against its total's change, and a direction word followed by a
    negative number. (A change against its own statement's amounts is read from the statements:
    BL203 / BL204.)"""
    out = []
    for c in claims:
        if c.relation == "change" and c.is_money and c.value.value < 0 and c.sign != 0:
            out.append(Issue("negative", c, "warning",
                             f"「{c.word}」后又写负数{c.text.strip()}，增减方向含糊",
                             suggestion=f"写作「{c.word}{c.text.strip().lstrip('-')}」或改用相反的方向词"))
            continue
        if c.relation == "change" and c.is_money:
            parts, complete = decompose(c, claims, "change")
            if len(parts) >= 2 and complete:
                tiv, siv = c.signed_yuan(), sum_iv(parts, signed=True)
                if tiv.meets(siv):
                    continue
                d = display_decimals(c)
                listing = "、".join(_chg(p) for p in parts)
                culprit = None
                for p in [c] + parts:
                    if p.relation == "flat" or p.value.value == 0:
                        continue
                    if p is c:
                        ok = flip(tiv).meets(siv)
                    else:
                        ok = tiv.meets(sum_iv([x for x in parts if x is not p], signed=True) + flip(p.signed_yuan()))
                    if ok:
                        culprit = p
                        break
                if culprit is not None:
                    opposite = _opposite(culprit)
                    out.append(Issue("direction", culprit, "error",
                                     f"{item_name(culprit.item)}「{culprit.word}」{culprit.text.strip()}与同段增减合计不符："
                                     f"{c.describe()}（{c.word}），各项为{listing}；方向词应为「{opposite}」",
                                     [("claim", x) for x in [c] + parts if x is not culprit], f"改为「{opposite}」"))
                    continue
                s = in_unit(mid(siv), c.unit)
                out.append(Issue("change", c, "error",
                                 f"{item_name(c.item)}{c.word}{c.text.strip()}，而各项增减合计为{money(s, c.unit, d)}（{listing}）",
                                 [("claim", p) for p in parts],
                                 f"核对各项增减额，合计应为{'增加' if s >= 0 else '减少'}{money(abs(s), c.unit, d)}"))
    return out


def _chg(c: Claim) -> str:
    return f"{item_name(c.item)}{c.word}" if c.relation == "flat" else f"{item_name(c.item)}{c.word}{c.text.strip()}"


def _opposite(c: Claim) -> str:
    """The direction word of the other sign (data/statements.json: opposite_words)."""
    from .statements import opposite_word

    return opposite_word(c.word)


# --- percentages ---------------------------------------------------------------------------------

def _percents(claims, ledger=None) -> list[Issue]:
    """A share's change in 百分点. (Growth rates, completion rates and shares are read from the
    statements: BL205.)"""
    return _points(claims, ledger)


def _amount_before(claims, c: Claim, item: str, period: str) -> Claim | None:
    return next((x for x in reversed(claims[:c.index]) if x.paragraph == c.paragraph and x.item == item
                 and x.relation == "amount" and x.is_money and x.period == period), None)


def _prior_amount(claims, c: Claim, item: str, cur: Claim) -> Interval | None:
    """Last year's amount of `item`: stated (上年X万元), or this year's minus its stated change."""
    pri = _level(claims, item, c.paragraph, "prior")
    if pri is not None:
        return pri.yuan()
    chg = next((x for x in claims if x.paragraph == c.paragraph and x.item == item and x.relation == "change"
                and x.is_money and x.sign != 0 and x.value.value >= 0), None)
    return cur.yuan() - chg.signed_yuan() if chg is not None else None


def _points(claims, ledger=None) -> list[Issue]:
    """占比较上年提高2.30个百分点: the change of a share, against both years' shares as stated
    (占70.0%，上年占比65.0%) or as computed from both years' amounts."""
    out = []
    for c in claims:
        if c.unit != "百分点" or c.relation != "change" or not c.sign or c.value.value < 0:
            continue
        before = [x for x in claims[:c.index] if x.paragraph == c.paragraph and x.item == c.item
                  and x.relation == "share" and x.unit == "%"]
        share = next((x for x in reversed(before) if x.period == "current"), None)
        prior_share = next((x for x in reversed(before) if x.period == "prior"), None)
        related = [x for x in (share, prior_share) if x is not None]
        change = None
        if share is not None and prior_share is not None:
            change = _pct_iv(share) - _pct_iv(prior_share)
        else:
            prev = claims[c.index - 1] if c.index else None
            words = c.paragraph_text[prev.pos if prev is not None and prev.paragraph == c.paragraph else 0:c.pos]
            if share is None and not regex.search(r"占比|比重|所占比例", words):
                continue  # 执行率提高2个百分点: not a share of the amounts around it
            num = _amount_before(claims, c, c.item, "current")
            den = None
            if num is not None:
                if share is not None and share.denominator:
                    den = _level(claims, share.denominator, c.paragraph, "current")
                elif num.parent is not None:
                    den = claims[num.parent]
                elif num.topic is not None and claims[num.topic].item != num.item:
                    den = claims[num.topic]
            if num is None or den is None or not den.is_money:
                continue
            num_pri, den_pri = _prior_amount(claims, c, num.item, num), _prior_amount(claims, c, den.item, den)
            if num_pri is None or den_pri is None:
                continue
            now, then = ratio(num.yuan(), den.yuan()), ratio(num_pri, den_pri)
            if now is None or then is None:
                continue
            change = now - then
            related = [num, den] + [x for x in claims if x.paragraph == c.paragraph and x.item in (num.item, den.item)
                                    and x.relation == "change" and x.is_money][:2]
        stated = _pct_iv(c)
        if stated.meets(change):
            continue
        calc = mid(change)
        d = c.value.decimals
        right = "提高" if calc > 0 else "下降"
        if flip(stated).meets(change) and c.value.value != 0:
            out.append(Issue("direction", c, "error",
                             f"{item_name(c.item)}占比「{c.word}」{c.text.strip()}，按所列数计算实为{right}"
                             f"{format_decimal(abs(calc), d)}个百分点",
                             [("claim", x) for x in related], f"改为「{right}」"))
        else:
            out.append(Issue("percent", c, "error",
                             f"{item_name(c.item)}占比{c.word}{c.text.strip()}，按所列数计算为{right}"
                             f"{format_decimal(abs(calc), d)}个百分点",
                             [("claim", x) for x in related], f"改为{right}{format_decimal(abs(calc), d)}个百分点"))
    return out


def _pct_iv(c: Claim) -> Interval:
    """A printed percentage, read as rounded or truncated (12.349% printed 12.34%)."""
    v = c.value
    iv = Interval(v.low, v.high + v.half_ulp) if v.value >= 0 else Interval(v.low - v.half_ulp, v.high)
    return flip(iv) if c.sign < 0 else iv


# --- findings ---------------------------------------------------------------------------------

class IssueRule(Rule):
    """A narrative rule reports the issues of its `kinds` from the shared analysis."""

    kinds: tuple[str, ...] = ()

    def check(self, doc):
        for issue in analyse(doc):
            if issue.kind in self.kinds:
                yield to_finding(self, doc, issue)


def to_finding(rule, doc, issue: Issue):
    from .findings import related_cell, related_line

    related = []
    for kind, obj in issue.related:
        if kind == "fact":
            if obj.cell is not None:
                related.append(related_cell(obj.cell, obj.where))
            else:
                related.append(related_line(doc, obj.table.first_line, obj.where))
        else:
            related.append(related_line(doc, obj.line, f"{item_name(obj.item)}{obj.text.strip()}", obj.start, obj.end))
    if issue.cell is not None:
        return rule.at_cell(issue.cell, issue.message, related=related, suggestion=issue.suggestion,
                            severity=issue.severity)
    c = issue.claim
    return rule.at_span(doc, c.line, c.start, c.end, issue.message, related=related,
                        suggestion=issue.suggestion, severity=issue.severity)

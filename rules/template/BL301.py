from __future__ import annotations

from functools import lru_cache

import regex

from linter.cnnum import scan
from linter.engine import Rule
from linter.findings import related_line
from linter.paragraphs import without_trailing_asides

from .common import bracket_owners, clause, scanned_lines, sentence, terms, with_arabic_years, year_like

# (a list number may stand right before it: 5．2021年“行政单位医疗”科目安排…)
LIST_NUMBER_BEFORE = r"(?<=(?:^|[\s。；;：:，,])\d{1,2}[.．])"
YEAR = regex.compile(rf"(?:(?<![\d.．A-Za-z_])|{LIST_NUMBER_BEFORE})((?:19|20)\d{{2}})(?![\d.．])(?=\s*(?:年|-\d{{1,2}}-\d{{1,2}}|/\d{{1,2}}/))")
SPACE = regex.compile(r"\s")
FULLWIDTH_FIGURES = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
THOUSANDS_COMMA = regex.compile(r"(?<=\d)，(?=\d{3}(?!\d))")  # １，６３３ (a ， elsewhere ends a clause)

# compiled once: the rule runs them for every year of every line
CLOSING_BRACKET = regex.compile(r"\s*[〕】\]］]")
BRACKETED_BEFORE = regex.compile(r"[\p{Han}]{1,6}[〔【\[［]\s*$")
YEAR_SUFFIX = regex.compile(r"\s*年度?")
UNTIL_END = regex.compile(r"(?:到|至|于)\s*$")
AS_OF_END = regex.compile(r"截\s*(?:至|止)\s*$")
COMPARED_WITH = regex.compile(r"(?:与|同|和|较)[^，。；与]{0,12}$")
COMPARED = regex.compile(r"[^，。；]{0,12}?(?:相比|相较|比较)")
LEVEL_WITH = regex.compile(r"[^，。；与同和比较]{0,8}?(?:持平|相同|一致)")
ANY_YEAR = regex.compile(rf"(?:(?<![\d.．])|{LIST_NUMBER_BEFORE})(?:19|20)\d{{2}}(?![\d.．])")
RANGE = regex.compile(r"(?<!\d)(?:19|20)\d{2}\s*年?\s*[—–\-－~～至到]\s*(?:19|20)\d{2}(?!\d)")
DATE = regex.compile(r"\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
                    r"|-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}")
TITLE = regex.compile(r"((?:19|20)\d{2})\s*年度?[\p{Han}（）()]{0,40}?(?:部门|单位)?(?:预算|决算|绩效目标|绩效自评|自评报告)")
# a list number or a label before the statement it introduces: （一） 1、 绩效目标：
LEAD_IN = regex.compile(r"^(?:\s*(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]"
                        r"|\d{1,2}[、.．])\s*)*(?:[^，。；：:]{0,12}[：:])?\s*")
# 了 / 已 / 曾 mark a past event, except 了 after a change verb (减少了54.83万元 is a change)
HISTORY_MARK = regex.compile(r"(?<![为除])(?<!增加|减少|增长|下降|降低|提高|上升|节约)了|已|曾")
FULL_STOPS = "。！!？?"  # a sentence with its ；-separated parts: the reach of a second year
# a clause giving the prior year's figure beside the statement's own: ，上年安排１２２．０９万元,
# or in brackets after it: 2.67万元（上年度：3.23万元）
PRIOR_FIGURE = regex.compile(r"(?<=[，,；;（(])\s*(?:上一年度|上年度|上一年|上年|去年)(?:同期)?[^，,。；;\d０-９]{0,8}?"
                             r"[\d０-９](?:[\d０-９.．,]|(?<=[\d０-９])，(?=[\d０-９]))*\s*(?:亿元|万元|千元|元)")
# a year, a subject of up to 60 characters (a 科目 path: 社会保障和就业支出/…/…缴费支出), a figure
LONG_SUBJECT_FIGURE = r"\s*年度?[^，。；（(]{0,60}?[\d.,]+\s*(?:亿元|万元|千元|元)"
# what stands before a year that is a comparison base: 比/较/与/同, or an opening bracket
BASE_BEFORE = regex.compile(r"(?:[比较与同]|[（(])\s*$")
# the statement is compared with the prior year without naming it: it is this year's
AGAINST_PRIOR = regex.compile(r"同比|(?:比|较|与|同)\s*(?:上一?年度?|去年)")
# after a year: only role words, then the figure (2026年4.65万元, 2023年为0.61万元, 2026年预算：34.95万元)
BARE_FIGURE = regex.compile(r"\s*年度?[的为是：:\s]*(?:(?:年初|调整)?预算数?|决算数?|执行数|实际数?)?[的为是：:\s]*"
                            r"[\d.,]+\s*(?:亿元|万元|千元|元)")
# after a year that is the base of a ratio (为2023年预算229.14万元的114.68%, 为2022年决算数的1.2倍):
# the base's money figure or its budget role, then 的 and the ratio (为2019年的2倍 alone, of 游客 or
# 投资, is history's, not a budget's base)
RATIO_OF = regex.compile(r"[^，。；%％]{0,12}?(?:[\d.,]+\s*(?:亿元|万元|千元|元)|预算数?|决算数?|支出|收入)"
                         r"\s*的\s*[\d.]+\s*(?:%|％|倍)")
FROM_YEAR = regex.compile(r"由\s*((?:19|20)\d{2})")
# a sentence that opens with its comparison (与上年相比，… / 较2021年预算…): its subject is the figure
# of the sentence before
OPENING_COMPARISON = regex.compile(r"\s*(?:与|同|和|比|较)\s*(?:上一?年度?|去年|(?:19|20)\d{2}\s*年)[^，。；]*")
CUMULATIVE_LABEL = regex.compile(r"(?:全年)?累计")
AS_OF = regex.compile(r"截\s*(?:至|止)(?:到|时间)?\s*[:：]?\s*$")
# a year labelling a figure of a pair: four digits read as a year only before 年 (2022.5万元 is an amount)
PAIR_YEAR = rf"(?:(?<![\d.．,])|{LIST_NUMBER_BEFORE})((?:19|20)\d{{2}})(?=\s*年)"
# a year clause that only labels its figure, with a link word (2020年为1.58万元, 2020年预算为…,
# 2020年预算数…, 2020年决算：…): beside another figure it is that figure's base, even where the
# sentence names no change
LABELLED_FIGURE = regex.compile(r"\s*年度?\s*(?:(?:年初|调整|全年)?预算|决算|执行|实际)?\s*(?:数\s*[为是：:]?|[为是：:])\s*"
                                r"[\d.,]+\s*(?:亿元|万元|千元|元)")
# a year clause's figure labelled as a budget (2024年预算25.75万元, 2024年年初预算数：…)
BUDGET_LABEL = regex.compile(r"\s*年度?[^，。；\d]{0,8}?(?:年初|调整|全年)?预算")


def plain_figures(text: str) -> str:
    """Full-width figures in ASCII (１，６３３．３９万元 reads as 1,633.39万元), one character
    for one, so offsets stay those of the line."""
    return THOUSANDS_COMMA.sub(",", text.translate(FULLWIDTH_FIGURES))


@lru_cache(maxsize=None)
def changes() -> "regex.Pattern":
    """A change stated in a sentence (template_terms.json year_context change_words)."""
    return regex.compile("|".join(regex.escape(w) for w in terms()["year_context"]["change_words"]))


@lru_cache(maxsize=None)
def from_to() -> "regex.Pattern":
    """由2024年的45.75万元减少到… / 调整为…: after the year, its figure, then the change to
    another figure in the same clause (template_terms.json year_context from_to_verbs)."""
    verbs = "|".join(regex.escape(w) for w in terms()["year_context"]["from_to_verbs"])
    return regex.compile(rf"\s*(?:年度?)?的?[^，。；]{{0,10}}?[\d.,]+\s*(?:亿元|万元|千元|元)[^，。；]{{0,6}}?"
                         rf"(?:{verbs})(?:到|至|为|成)")


@lru_cache(maxsize=None)
def ratio_to_prior() -> "regex.Pattern":
    """The statement's figure as a ratio of the prior year's (为上年度229.14万元的114.68%,
    相当于上年的1.2倍): like 比上年, it names the base, so the statement is of the document's year."""
    before = "|".join(regex.escape(w) for w in terms()["year_context"]["ratio_before"])
    return regex.compile(rf"(?:{before})\s*(?:上一年度|上年度|上一年|上年|去年)(?:同期)?{RATIO_OF.pattern}")


@lru_cache(maxsize=None)
def same_as_before() -> "regex.Pattern":
    """After a year: its role and a back-reference, then a word saying that its figure equals
    one named before it (2024年预算该项同为6.20万元, 2024年预算亦为3万元: template_terms.json
    year_context same_as_before); group role is what stands between the year and that word."""
    same = "|".join(regex.escape(w) for w in terms()["year_context"]["same_as_before"])
    return regex.compile(rf"\s*年度?(?P<role>[^，。；\d]{{0,10}}?)(?:{same})\s*[\d.,]+\s*(?:亿元|万元|千元|元)")


@lru_cache(maxsize=None)
def base_frames() -> tuple[tuple[str, "regex.Pattern"], ...]:
    """(opening word, what closes the frame and the change after it): 在2021年预算58.99万元的基础上增加."""
    change = changes().pattern
    return tuple((opener, regex.compile(rf"[^，。；]{{0,24}}?{regex.escape(closer)}\s*[，,]?\s*(?:{change})"))
                 for opener, closer in terms()["year_context"]["base_frames"])


class StaleYear(Rule):
    """A year left over from last year's document: a statement of this document's own
    budget, plan or targets that carries another year, or a comparison base that does not
    fit the document's year.

    *What it does*: takes the document's year (doc.meta.year) and reads every year mention
    (2020年, or in Chinese numerals 二〇二〇年 / 二零二〇年) by its place in the sentence.
    References (文号 〔2024〕 【2024】, titles in 《…》), plan periods (2021—2025年, 十四五),
    dates, history (截至…, …以来, 已…, 完成了…) and future targets (到2027年底) are skipped.
    - A comparison base (较2022年, 与2024年预算相比, 同比2023年, 和2024年预算持平, 在2021年预算
      58.99万元的基础上增加…, 比2023年累计支出…, 由2024年的6.39万元调整为…, the base of a
      ratio: 为2024年预算229.14万元的114.68%, a figure said to equal the one named just before
      it, in its sentence or the next: …1.50万元。2024年预算该项同为1.50万元) must be the previous year (in a 决算 or 自评, the previous year or
      the year itself, whose 预算 the 决算 is measured against); a 预算 compared with its own
      year has the wrong base.
    - Two year-labelled figures side by side in a sentence that states a change (增加, 增减额 …:
      template_terms.json year_context change_words) are this year's and the previous year's
      (2025年21万元，2025年25.75万元，增减额-4.75万元 labels the base with its own year); a 决算
      may set its year's 决算 beside the same year's 预算. A year-led figure beside the
      statement's own figure (which names no year, a bracketed aside after it aside) is the base
      when the sentence states a change, or when the year only labels its figure (2020年为X,
      2020年预算为X, 2020年预算数X). In 由<year>的X调整为<year>的Y the second year is the
      document's own.
    - A year that leads a statement of the document's own budget, plan or targets must be
      the document's year, whatever the statement is about (收支, 收入, 支出, “三公”经费,
      机关运行经费, 政府采购, 绩效目标 …): the structure is a year at the head of its
      clause (after at most the subject: 本部门, the department's name), then in the same
      sentence a budget subject and an amount, a percentage or a target verb. A sentence
      about the prior year (上年, 同期, or the document's own year beside it), a carry-over
      (结转, 因故未完成) or history stays silent. Vocabulary: template_terms.json year_context.
      Full-width figures (１５３．６４万元) read as ASCII ones.
    - A plan or target clause (组织好2021年…, 2020年底…不低于90%) must be the document's year.
    - A table's 预算年度 and a title's year must be the document's year; in a 决算 so must a
      part title's, the 截至…12月31日 of its assets, and a project's 实施周期 must not lie
      wholly before the document's year.

    *Why it matters*: a budget copied from an old file keeps old targets and compares with
    the wrong base year; readers cannot tell which year's plan they are reading.

    *Bad* (in a 2025 budget):
        组织好2021年国家网络安全宣传周开平活动
        2024年机关运行经费预算为4.74万元。
        “三公”经费预算比2025年预算减少0.5万元。

    *Good*:
        组织好2025年国家网络安全宣传周开平活动
        2025年机关运行经费预算为4.74万元，比2024年预算减少0.5万元。
    """

    code = "BL301"
    name = "stale-year"
    severity = "warning"

    def check(self, doc):
        year = doc.meta.year
        if not year:
            return
        ctx = terms()["year_context"]
        retro = doc.meta.doc_type in ("决算", "绩效自评")
        bases = {year - 1, year} if retro else {year - 1}
        evidence = self._evidence(doc)
        related = [evidence] if evidence else None
        yield from self._table_years(doc, year, retro)
        yield from self._periods(doc, year, related)
        for ln, text in scanned_lines(doc):
            text = plain_figures(with_arabic_years(text))  # 二〇二〇年 reads as 2020年, at the same offsets
            if not ANY_YEAR.search(text):
                continue
            ranges = [m.span() for m in RANGE.finditer(text)]
            owners = None
            for m in YEAR.finditer(text):
                y = int(m.group(1))
                s, e = m.span(1)
                if any(a <= s < b for a, b in ranges):
                    continue
                if owners is None:
                    owners = bracket_owners(text, "《【〔［[")
                if owners[s] is not None:
                    continue
                if CLOSING_BRACKET.match(text[e:e + 8]) or BRACKETED_BEFORE.search(text[max(0, s - 12):s]):
                    continue
                date = DATE.match(text, e)
                if date:
                    if retro and y < year:
                        found = self._stale_as_of(doc, ln, text, s, e + len(date.group()), y, year, ctx, related)
                        if found:
                            yield found
                    continue
                after_year = YEAR_SUFFIX.match(text[e:e + 8])
                end = e + len(after_year.group()) if "年" in after_year.group() else e
                base = self._from_to_base(text, s)
                if base is not None:
                    # 由2024年的6.39万元调整为2024年的…: the new figure is the document's year's; when
                    # the base is wrong, the base is reported (a comparison), not this year
                    if y != year and base in (year - 1, y):
                        yield self.at_span(
                            doc, ln.number, s, end,
                            f"变化后的金额应为本年（{year} 年）的，这里写成了 {y} 年（变化前是 {base} 年）",
                            suggestion=f"{year_like(year, ln.text[s:e])}年", related=related)
                    continue
                kind = self._classify(text, s, end, ctx, retro, year)
                if kind == "comparison":
                    fa, fb = sentence(text, s, end, FULL_STOPS)
                    # (比2023年累计支出1.37万元: 累计 labels the base's figure, not a history)
                    label = CUMULATIVE_LABEL.match(text, end)
                    said = text[fa:end] + text[label.end() if label else end:fb]
                    if any(a < s and b > fa for a, b in ranges) or regex.search(r"累计|以来", said):
                        continue  # a history (2020年至2021年累计完成…，比2019年增加3个) compares past years
                    # a 决算 is measured against its own year's 预算 (与2024年预算相比), never
                    # against its own year itself
                    own_budget = y == year and retro and regex.match(r"\s*(?:年初|调整)?预算", text[end:end + 8])
                    if y not in bases or (y == year and retro and not own_budget):
                        own = "本年" if y == year else f"{y} 年"
                        yield self.at_span(
                            doc, ln.number, s, end,
                            f"比较基数是{own}，不是上年：本文件为 {year} 年度，应与 {year - 1} 年比较",
                            suggestion=f"{year_like(year - 1, ln.text[s:e])}年", related=related)
                    continue
                pair = self._pair(text, s, end, retro) if kind in ("unknown", "plan") else None
                if pair is not None:
                    other, role = pair
                    wrong = None
                    if other is None:  # beside the statement's own figure: this year's base
                        if y != year - 1:
                            yield self.at_span(
                                doc, ln.number, s, end,
                                f"比较基数是{'本年' if y == year else f'{y} 年'}，不是上年：本文件为 {year} 年度，应与 {year - 1} 年比较",
                                suggestion=f"{year_like(year - 1, ln.text[s:e])}年", related=related)
                        continue
                    if other == y:  # the same year twice: one of them was not changed
                        if y == year and role == "second":
                            wrong = year - 1
                        elif y != year and role == "first":
                            wrong = year
                    elif {y, other} != {year, year - 1}:
                        if other == year:
                            wrong = year - 1
                        elif other == year - 1 and y != year:
                            wrong = year
                    if wrong is not None:
                        yield self.at_span(
                            doc, ln.number, s, end,
                            f"并列比较的两个金额应分属 {year} 年和 {year - 1} 年，这里写成了 {y} 年（另一个是 {other} 年）",
                            suggestion=f"{year_like(wrong, ln.text[s:e])}年", related=related)
                    continue
                if y >= year:
                    continue
                if kind in ("unknown", "plan") and self._names_own_budget(doc, text, s, end) and \
                        not self._prior_or_carry_over(text, s, end, ctx):
                    yield self.at_span(
                        doc, ln.number, s, end,
                        f"本部门的{doc.meta.doc_type}写成了 {y} 年：本文件为 {year} 年度（沿用旧文件？）",
                        suggestion=f"{year_like(year, ln.text[s:e])}年", related=related)
                    continue
                if kind == "plan" and self._prior_or_carry_over(text, s, end, ctx):
                    continue
                if kind == "plan" or (kind == "unknown" and self._own_statement(doc, ln, text, s, end, y, year, ctx, retro)):
                    what = "计划/目标表述" if kind == "plan" else "本年度预算/目标的表述"
                    yield self.at_span(
                        doc, ln.number, s, end,
                        f"{what}中的年份 {y} 年与文件年度 {year} 年不符（沿用旧文件？）",
                        suggestion=f"{year_like(year, ln.text[s:e])}年", related=related)

    @staticmethod
    def _evidence(doc):
        ev = doc.meta.year_evidence or ""
        m = regex.match(r"第(\d+)行", ev)
        if m:
            return related_line(doc, int(m.group(1)), "文件年度")
        m = regex.match(r"表(\d+)", ev)
        if m:
            t = doc.tables[int(m.group(1)) - 1]
            for c in t.meta_cells:
                if "年度" in c.text:
                    column, end_column, _ = c.span()  # the cell itself, not its whole row
                    return related_line(doc, c.line, "文件年度", column - 1, end_column - 1)
        return None

    @staticmethod
    def _classify(text, s, e, ctx, retro=False, year=None):
        a, b = clause(text, s, e)
        before, after = text[a:s], text[e:b]
        near_before = text[max(a, s - 5):s]
        if UNTIL_END.search(near_before) and not AS_OF_END.search(near_before):
            if any(p in after for p in ("底", "末", "前")):
                return "future"
        if COMPARED_WITH.search(before) and COMPARED.match(after):
            return "comparison"  # 与本部门2022年预算相比: the base, with its owner between
        if near_before.rstrip().endswith(("和", "跟")) and LEVEL_WITH.match(after):
            return "comparison"  # 和2024年预算持平: the base (和 alone joins two things: 2024年和2025年)
        if near_before.rstrip().endswith("由") and from_to().match(text, e):
            return "comparison"  # 由2024年的45.75万元减少到…: the base
        if any(near_before.rstrip().endswith(w) for w in ctx["ratio_before"]) and RATIO_OF.match(text, e):
            return "comparison"  # 为2023年预算229.14万元的114.68%: the base of a ratio
        if any(near_before.rstrip().endswith(opener) and frame.match(text, e) for opener, frame in base_frames()):
            return "comparison"  # 在2021年预算58.99万元的基础上增加…: the base (without a change after it, history)
        if any(near_before.rstrip().endswith(w) for w in ctx["comparison_before"]) or \
                any(after.lstrip("年度 ").startswith(w) for w in ctx["comparison_after"]):
            return "comparison"
        if any(w in before for w in ctx["history_before"]) or any(after.startswith(w) for w in ("末", "年末", "以来", "以前", "之前")):
            return "history"
        own = ctx["retro_own_words"] if retro else ()
        if regex.search(r"(?<![为除])了|已|曾", after) or \
                any(w in after for w in ctx["history_after"] if len(w) > 1 and w not in own):
            return "history"
        if year and StaleYear._equals_figure_before(text, s, year, ctx, retro):
            return "comparison"  # …1.50万元，2024年预算同为1.50万元: the base, as after 比
        if any(w in before or w in after for w in ctx["plan_markers"]):
            return "plan"
        return "unknown"

    @staticmethod
    def _equals_figure_before(text, s, year, ctx, retro) -> bool:
        """The year at s labels a figure said to equal the figure named just before it: a
        comparison base, even across a full stop (…预算6.20万元。2024年预算该项同为6.20万元，
        两年持平). The year clause says so with a word of same_as_before (同为, 亦为) or gives
        its figure with 为/是 and closes with a word of level_after (2024年预算为3万元，与本年
        相同). The figure before stands in the year's sentence or the one right before it, and
        that stretch names no year but the document's own: a figure of another year before it
        makes a series of years (2022年5个，2023年也为5个), not this year's figure and its base."""
        fa, fb = sentence(text, s, s + 4, FULL_STOPS)
        same = same_as_before().match(text, s + 4)
        if same is not None:
            role = same.group("role")
        else:
            labelled = LABELLED_FIGURE.match(text, s + 4)
            if labelled is None or not any(w in text[labelled.end():fb] for w in ctx["level_after"]):
                return False
            role = text[s + 4:labelled.end()]
        if retro and any(w in role for w in ctx["retro_own_words"]):
            return False  # a 决算's own figure beside its 预算 (预算5万元，2024年决算同为5万元)
        start = fa
        if not any(t.kind == "amount" for t in scan(text[fa:s])) and fa > 0:
            start = sentence(text, fa - 1, fa - 1, FULL_STOPS)[0]  # the sentence before (。 ends it)
        before = text[start:s]
        if not any(t.kind == "amount" for t in scan(before)):
            return False
        return all(int(m.group()) == year for m in ANY_YEAR.finditer(before))

    @staticmethod
    def _from_to_base(text, s) -> int | None:
        """The base year when the year at s is the new figure's in 由<year>的<figure>调整为|增加到
        <year>的<figure>: the year after 由 in the same clause, whose figure and verb end right
        before s."""
        ca, _ = clause(text, s, s + 4)
        for m in FROM_YEAR.finditer(text, ca, s):
            to = from_to().match(text, m.end(1))
            if to is not None and not text[to.end():s].strip():
                return int(m.group(1))
        return None

    @staticmethod
    def _pair(text, s, e, retro=False) -> tuple[int | None, str] | None:
        """(other year, 'first' | 'second') when the year at s..e leads one of two figure
        clauses side by side in a sentence that states a change (2023年执行数为60.13万元，
        2024年预算安排25.77万元，比…减少): one of the two years is this year's, the other the base.
        When the figure before it names no year (经费决算5.79万元，2026年4.65万元，增长…;
        公务接待费0.5万元，2023年为0.61万元) it is the statement's own figure, of the
        document's year (other is None), or of the prior year when it says so (上年…)."""
        clause_figure = r"\s*年度?[^，。；]{0,16}?(?:为|是|安排|预算|决算|支出|收入|总计|合计)?[^，。；]{0,6}?[\d.,]+\s*(?:亿元|万元|千元|元)"
        # the other clause of the pair may name a long subject (a 科目 path: 2026年行政事业单位养老支出（款）
        # 机关事业单位基本养老保险缴费支出（项）支出安排971800元，2026年安排…)
        other_figure = r"\s*年度?[^，。；]{0,60}?[\d.,]+\s*(?:亿元|万元|千元|元)"
        if not regex.match(clause_figure, text[s + 4:]):
            return None
        fa, fb = sentence(text, s, e, FULL_STOPS)
        if not changes().search(text, e, fb) and not LABELLED_FIGURE.match(text, s + 4):
            return None
        # the clause before, without the bracketed breakdown after its figure (2021年“三公”经费
        # 2.00万元（因公出国（境）费…，公务接待费…），2020年预算为…: the breakdown's ， and
        # nested brackets are the figure's, not clause ends)
        head = text[fa:s]
        aside = regex.search(r"[）)]\s*[，,；;]\s*$", head)
        if aside:
            head = without_trailing_asides(head[:aside.start() + 1]) + head[aside.start() + 1:]
        # (the second may stand in brackets after the first: 支出3.41万元（2026年：4.22万元）)
        prev = regex.search(rf"{PAIR_YEAR}{other_figure}[^，。；]*[，；]\s*$", head) or \
            regex.search(rf"{PAIR_YEAR}{LONG_SUBJECT_FIGURE}\s*[（(]\s*$", head)
        nxt = None if prev else \
            regex.match(rf"{clause_figure}[^，。；]*[，；]\s*{PAIR_YEAR}{clause_figure}", text[s + 4:]) or \
            regex.match(rf"{LONG_SUBJECT_FIGURE}\s*[（(]\s*{PAIR_YEAR}\s*年度?[^，。；（）()]{{0,8}}?"
                        r"[\d.,]+\s*(?:亿元|万元|千元|元)", text[s + 4:])
        if prev or nxt:
            other, other_at = (int(prev.group(1)), fa + prev.end(1)) if prev else (int(nxt.group(1)), s + 4 + nxt.end(1))
            if retro and other == int(text[s:s + 4]) and \
                    (BUDGET_LABEL.match(text, s + 4) or BUDGET_LABEL.match(text, other_at)):
                return None  # a 决算 beside its own year's 预算 (2024年决算21万元，2024年预算25.75万元)
            return other, "second" if prev else "first"
        # the figure right before, in a clause without a year, is the statement's own, and a
        # year clause with no subject of its own beside it (2026年4.65万元, 2023年为0.61万元,
        # 2026年预算：34.95万元) is its base — unless the sentence names its base elsewhere
        # (…0.36万元，2022年“三公”经费合计0.64万元，较2021年减少…: a statement of its own)
        if not BARE_FIGURE.match(text, s + 4) or regex.search(r"(?:比|较|与|同)\s*(?:上|去|前|(?:19|20)\d{2})", text[e:fb]):
            return None
        # (经费1.14万元（因公出国（境）费0万元；…），2020年为0.99万元: the aside is the figure's)
        own = regex.search(r"(?:^|[，,；;：:])([^，,；;：:。]*?[\d.,]+\s*(?:亿元|万元|千元|元))\s*[，,（(]\s*$", head)
        if own is None or ANY_YEAR.search(own.group(1)) or regex.search(r"[比较]\s*$", head):
            return None
        if retro and regex.match(r"\s*年度?[^，。；]{0,6}?(?:年初|调整)?预算", text[s + 4:]):
            return None  # a 决算 beside its own year's 预算 (决算5.79万元，2026年预算4.65万元)
        if regex.search(r"上年|去年|上一年|同期", own.group(1)):
            return None
        return None, "second"

    @staticmethod
    def _names_own_budget(doc, text, s, e) -> bool:
        """The year names the department's own document of this kind: 本部门2018年部门汇总预算,
        <部门名>2018年度决算 — the subject is the department itself, the object its 预算/决算."""
        if doc.meta.doc_type not in ("预算", "决算"):
            return False
        owners = ["本部门", "本单位", "我部门", "我单位"] + ([doc.meta.department] if doc.meta.department else [])
        head = text[max(0, s - 40):s].rstrip()
        owner = next((o for o in owners if head.endswith(o)), None)
        if owner is None:
            return False
        a, b = clause(text, s, e)
        if regex.search(r"相比|相较|对比|比较", text[a:b]) or \
                regex.search(r"[与较比同]\s*$", head[:-len(owner)]):
            return False  # 与本部门2022年预算相比: the comparison base
        return regex.match(rf"(?:部门|单位)?(?:汇总|整体)?{doc.meta.doc_type}", text[e:e + 12]) is not None

    @staticmethod
    def _prior_or_carry_over(text, s, e, ctx) -> bool:
        """The sentence speaks of the prior year (上年, 同期) or of a carry-over (结转, 因故未完成)."""
        sa, sb = sentence(text, s, e)
        said = text[sa:sb]
        for item in ctx["item_names"]:
            said = said.replace(item, "")  # 上年结转 is an income item, not a word about last year
        # 比上年度减少…: last year is the base the statement is compared with, so the statement
        # itself is of the document's year
        said = regex.sub(r"(?:比|较|与|同)\s*(?:上一年度|上年度|上一年|上年|去年)", "", said)
        # …，上年安排122.09万元，增加了4.85万元: the prior year's figure given beside the
        # statement's own is its base, as 比上年 is
        said = PRIOR_FIGURE.sub("", said)
        said = ratio_to_prior().sub("", said)  # …，为上年度229.14万元的114.68%: the base, as 比上年
        return any(w in said for w in ctx["prior_context"] + ctx["carry_over"])

    def _own_statement(self, doc, ln, text, s, e, y, year, ctx, retro) -> bool:
        """The year at s..e leads a statement of the document's own budget, plan or targets:
        only a list number, a label or the subject stands before it in its clause, and the
        rest of the sentence names a budget subject and states an amount, a percentage or a
        target — without speaking of the prior year, a carry-over or history."""
        ca, _ = clause(text, s, e)
        sa, sb = sentence(text, s, e)
        head = text[ca:s]
        head = head[LEAD_IN.match(head).end():]
        if len(head) > 30 or not regex.fullmatch(r"[\p{Han}“”\"（）()\s]*", head):
            return False
        whole, rest = text[sa:sb], text[e:sb]
        if self._prior_or_carry_over(text, s, e, ctx):
            return False
        fa, fb = sentence(text, s, e, FULL_STOPS)
        if any(m.group() != str(y) and not BASE_BEFORE.search(text, fa, fa + m.start())
               for m in ANY_YEAR.finditer(text[fa:fb])):
            return False  # two years in one sentence (across its ；): a comparison or a history
            # (a year named as the comparison base, 比2021年预算 / （2024年：…）, is no second subject)
        if y == year - 1 and changes().search(text, fa, fb) and \
                any(t.kind == "amount" for t in scan(text[fa:s])):
            return False  # the prior year's figure beside this year's: 预算2.93万元，2022年预算3.51万元，下降…
        own = ctx["retro_own_words"] if retro else ()
        if regex.search(HISTORY_MARK, rest) or any(w in rest for w in ctx["history_after"] if len(w) > 1 and w not in own):
            return False
        if not any(w in rest for w in ctx["statement_subjects"]):
            return False
        if not (any(t.kind in ("amount", "percent") for t in scan(rest))
                or any(w in rest for w in ctx["plan_markers"])):
            return False
        # the comparison may open the next sentence, whose subject is this statement's figure
        # (…各是35.21万元。与上年预算相比，…各增加3.20万元)
        follow = OPENING_COMPARISON.match(text, fb + 1)
        compared = text[fa:follow.end() if follow else fb]
        if y == year - 1 and self._in_prior_section(doc, ln, ctx) and \
                not (AGAINST_PRIOR.search(compared) or PRIOR_FIGURE.search(compared)
                     or ratio_to_prior().search(compared)
                     or regex.search(rf"(?:比|较|与|同)\s*{y}\s*年", compared)):
            return False  # a section on the change may state last year's figure (not one compared with last
            # year, 2024年…1.26万元，较2024年预算增加…, nor one beside last year's own: 2021年…安排180.00万元，
            # 上年预算安排180.46万元)
        return True

    @staticmethod
    def _in_prior_section(doc, ln, ctx) -> bool:
        """The line sits in a section about the change from the prior year (比上年增减情况)."""
        sec = doc.section_of(ln.number)
        while sec is not None and sec.level > 0:
            # (a numbered sentence taken for a heading, （3）上年结转0.00万元。, is no such section)
            if not sec.title.rstrip().endswith(("。", "；", ";")) and any(w in sec.title for w in ctx["prior_sections"]):
                return True
            sec = sec.parent
        return False

    def _stale_as_of(self, doc, ln, text, s, e, y, year, ctx, related):
        """In a 决算 or 自评, assets stated 截至 a date before the end of the document's year."""
        ca, _ = clause(text, s, e)
        if not AS_OF.search(text[ca:s]):
            return None
        sa, sb = sentence(text, s, e)
        if not any(w in text[sa:sb] for w in ctx["asset_words"]):
            return None
        return self.at_span(doc, ln.number, s, e,
                            f"资产数据截至 {y} 年，但本文件是 {year} 年度{doc.meta.doc_type}：应截至 {year} 年12月31日",
                            suggestion=f"{year_like(year, ln.text[s:s + 4])}年12月31日", related=related)

    def _periods(self, doc, year, related):
        """A project's 实施周期 that ends before the document's year: in a table, the cell after
        the label; in text, after the label on its line or on the next text line under a
        heading that is only the label."""
        labels = terms()["year_context"]["period_labels"]
        for t in doc.tables:
            for row in t.rows:
                for i, c in enumerate(row):
                    label = SPACE.sub("", c.text)
                    if label not in labels or i + 1 >= len(row):
                        continue
                    value = row[i + 1]
                    found = self._past_period(doc, value.line, doc.line(value.line).text, year, related, value.text)
                    if found:
                        yield found
        lines = doc.lines
        for idx, ln in enumerate(lines):
            if ln.kind not in ("text", "heading"):
                continue
            text = ln.text
            hit = next((w for w in labels if w in text), None)
            if hit is None:
                continue
            tail = text[text.index(hit) + len(hit):]
            if regex.match(r"\s*[:：]?\s*$", tail):
                nxt = next((x for x in lines[idx + 1:idx + 4] if x.kind == "text" and x.text.strip()), None)
                if nxt is not None and ln.kind == "heading":
                    found = self._past_period(doc, nxt.number, nxt.text, year, related)
                    if found:
                        yield found
            elif regex.match(r"\s*[:：为是]", tail):
                found = self._past_period(doc, ln.number, text, year, related, tail)
                if found:
                    yield found

    def _past_period(self, doc, line, text, year, related, value=None):
        value = with_arabic_years(value if value is not None else text)
        years = [(int(m.group()), m) for m in ANY_YEAR.finditer(value)]
        if not years or max(y for y, _ in years) >= year:
            return None
        last, m = max(years, key=lambda p: p[0])
        full = with_arabic_years(text)
        off = full.find(value) if value is not text else 0
        off = max(off, 0)
        s = off + m.start()
        if full[s:s + 4] != str(last):
            s = full.find(str(last))
            if s < 0:
                return None
        return self.at_span(doc, line, s, s + 4,
                            f"项目实施周期止于 {last} 年，早于文件年度 {year} 年（沿用旧项目的周期？）",
                            related=related)

    def _table_years(self, doc, year, retro):
        for t in doc.tables:
            for c in t.meta_cells:
                m = regex.search(r"(?:预算年度|年度)\s*[:：]\s*((?:19|20)\d{2})", c.text)
                if m and int(m.group(1)) != year:
                    ln = doc.line(c.line)
                    off = ln.text.find(m.group(1))
                    if off >= 0:
                        yield self.at_span(doc, c.line, off, off + 4,
                                           f"表格的预算年度 {m.group(1)} 与文件年度 {year} 不符",
                                           suggestion=str(year))
        ctx = terms()["year_context"]
        for ln, text in scanned_lines(doc, ("heading",)):
            text = with_arabic_years(text)
            for m in TITLE.finditer(text):
                y = int(m.group(1))
                if self._classify(text, m.start(1), m.end(1), ctx, retro, year) in ("comparison", "history"):
                    continue
                if regex.search(r"[较比与同上]\s*$", text[:m.start(1)]):
                    continue
                if y != year:
                    yield self.at_span(doc, ln.number, m.start(1), m.end(1),
                                       f"标题年份 {y} 与文件年度 {year} 不符",
                                       suggestion=year_like(year, ln.text[m.start(1):m.end(1)]))

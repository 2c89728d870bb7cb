from __future__ import annotations

import math
from functools import lru_cache

import regex

from linter.engine import Rule
from linter.findings import related_line
from linter.structure import numbering_of, region_of
from linter.places import divisions, elsewhere, own_divisions, place_names, place_stems
from linter.units import head_of, is_own_name, org_heads, split_name
from linter.vocab import load_json
from linter.wordfreq import best_reading, word_model

from .common import enclosing, is_document_title, regions, scanned_lines

LEVEL_OF_SUFFIX = [("自治区", "省"), ("自治州", "市"), ("自治县", "县"), ("省", "省"), ("市", "市"), ("州", "市"),
                   ("盟", "市"), ("县", "县"), ("旗", "县"), ("区", "区")]
SUFFIX_CHARS = "省市州盟县旗区"
YEAR_BEFORE = regex.compile(r"(?:19|20)\d{2}[ \u3000]*年度?$")
# the department's own spending parts, stated with their figures in the same clause (基本支出和项目支出分别为
# 143.45万元和90.71万元), not work on them (项目支出绩效评价结果显示)
SPENDING_FIGURES = regex.compile(r"[^，,。；;]{0,24}?[\d０-９][\d０-９,.．]*\s*(?:亿元|万元|千元|元)")
STEM_LOGP = math.log(20 / 6e7)  # a place stem jieba does not list reads as a rare word


@lru_cache(maxsize=None)
def defined_pattern() -> "regex.Pattern":
    """A short name the document defines: …（以下简称“区城管执法局”）, 简称为"市卫健委"."""
    return regex.compile(r"(?:以下)?简称(?:为)?[:：]?\s*[“\"「『]?(\p{Han}{2,16})[”\"」』]?")


@lru_cache(maxsize=None)
def name_titles() -> tuple[str, ...]:
    """Words after a person's name (同志, 书记 …), shared with BL306 (typo_context.json)."""
    return tuple(load_json("typo_context.json")["name_titles"])


def unit_words() -> dict:
    return load_json("unit_words.json")


def _shortened(short: str, full: str) -> bool:
    """`short` keeps characters of `full` in order (市场监管局 of 市场监督管理局)."""
    it = iter(full)
    return all(ch in it for ch in short)


def _level_short_form(name: str, dept: str) -> bool:
    """The department's short form: its innermost region's level character and its organisation
    shortened (区城管执法局 of 上海市闵行区城市管理综合行政执法局, 市卫健委 of 温州市卫生健康委员会),
    ending in its head or the head's first character (委 for 委员会, 办 for 办公室)."""
    if len(name) < 3 or name[0] not in SUFFIX_CHARS:
        return False
    names, div = place_names(), divisions()
    cut = None  # the end of the department's innermost region written with that level character
    for k, ch in enumerate(dept):
        if ch == name[0] and any(dept[s:k + 1] in names or dept[s:k + 1] in div.by_name for s in range(max(0, k - 7), k - 1)):
            cut = k + 1
    if cut is None:
        return False
    org = dept[cut:]
    head = head_of(org)
    return bool(head) and _shortened(name[1:], org) and (name.endswith(head) or name[-1] == head[0])


@lru_cache(maxsize=16)
def _stems_read(own_province: str | None, own_level: str) -> dict:
    """The place stems BL314 reads in a document of this province and level (built once, not
    for every line): provinces by name too (河北, 山东) when the department's own name shows its
    province. Read only."""
    stems = dict(place_stems())
    if own_province:
        for name in set(regions()["province_abbreviations"].values()) | {"北京", "上海", "天津", "重庆"}:
            if not own_province.startswith(name):
                stems.setdefault(name, (name, own_level if own_level == "省" else "省"))
    return stems


def level_of(region: str) -> str | None:
    for suffix, level in LEVEL_OF_SUFFIX:
        if region.endswith(suffix) and len(region) > len(suffix):
            return level
    return None


@lru_cache(maxsize=None)
def patterns():
    words = unit_words()
    heads = "|".join(regex.escape(h) for h in org_heads())
    start_words = set(regions()["body_words"]["words"]) | set(words["org_starts"])
    starts = "|".join(regex.escape(w) for w in sorted(start_words, key=lambda w: (-len(w), w)))
    # an organisation right after a region: a body word, then up to its first head, then any
    # heads written straight after it (委员会办公室)
    org = regex.compile(rf"(?:{starts})(?:\p{{Han}}{{0,12}}?(?:{heads}))(?:{heads})*")
    self_after = "|".join(regex.escape(w) for w in sorted(words["self_reference_after"], key=len, reverse=True))
    # a body named as the subject of the document's own statements: at the start of a clause,
    # right before (its year and) what the document says about itself
    # (its spending parts only after a year, 2025年XX局基本支出…: group `spending` names them)
    spending = "|".join(regex.escape(w) for w in sorted(words["self_reference_after_year"], key=len, reverse=True))
    own = regex.compile(rf"(?:^|(?<=[，。；：:、\s])|(?<=(?:19|20)\d{{2}}[ \u3000]*年度?))((?:中共)?\p{{Han}}{{2,30}}?(?:{heads}))"
                        rf"(?=[ \u3000]*(?:[（(][^）)]{{1,12}}[）)])?(?:(?:19|20)\d{{2}}[ \u3000]*年|(?:部门|单位)?(?:{self_after})"
                        rf"|(?P<spending>{spending})))")
    ok = regex.compile("|".join(regex.escape(w) for w in words["other_region_ok"]))
    return org, own, ok


@lru_cache(maxsize=None)
def clause_ok():
    return regex.compile("|".join(regex.escape(w) for w in unit_words()["other_region_ok_in_clause"]))


@lru_cache(maxsize=None)
def acting_on_the_department():
    """A year, then what another body does to the department (2025年下达, 2024年12月核定)."""
    acts = "|".join(regex.escape(w) for w in sorted(unit_words()["actions_on_the_department"], key=len, reverse=True))
    return regex.compile(rf"[ \u3000]*(?:19|20)\d{{2}}[ \u3000]*年度?(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?(?:起|内|将)?(?:{acts})")


@lru_cache(maxsize=None)
def institution_after():
    """An institution's name going on after a place (北京|天坛医院, 天津|医科大学总医院): the place
    names the institution, which works beyond its region, not a region of the targets."""
    heads = "|".join(regex.escape(w) for w in sorted(unit_words()["institution_heads"], key=len, reverse=True))
    return regex.compile(rf"(?:市|省)?[）)]?\p{{Han}}{{0,10}}?(?:{heads})")


@lru_cache(maxsize=None)
def after_person_label():
    """A person label and a surname right before a stem (负责人：张|静安, 联系人李|江宁)."""
    labels = "|".join(regex.escape(w) for w in sorted(unit_words()["person_labels"], key=len, reverse=True))
    return regex.compile(rf"(?:{labels})[：:\s]*\p{{Han}}$")


class OtherUnitName(Rule):
    """Another unit's name left in the text: a body of another region anywhere, another body
    of the same region speaking as the department, a place of another region in the 绩效目标.

    *What it does*: reads body names by their structure — a chain of regions (known place
    names, linter/data/region_names.txt, built from jieba's place names) followed by
    an organisation (a body word such as 财政, 教育, 市场监督, 委: region_words.json
    body_words and unit_words.json org_starts; then its head 局/委员会/办公室 …) — and compares them with the department
    named by the document's titles (doc.meta.department). Places are read against the
    department's own region by the administrative hierarchy (linter/places.py: the country's
    divisions to the county level, linter/data/admin_divisions.txt): a place is another
    region's when none of the divisions it may name lies in the own region or holds it; where
    the divisions do not tell, by level. Reported:
    - a body of another region (临城县教育局 in 平乡县's budget; 唐山市… in 石家庄市鹿泉区's);
    - a body that is not the department, named as the subject of the document's own statements
      (平乡县财政局2023年收入预算…, 县委宣传部主要职责： in a 网信办 budget, 截至…，阜平县民政局固定资产…,
      现将平乡县民政局2022年部门预算公开如下, 2025年<body>基本支出和项目支出分别为X和Y);
    - in a 绩效目标 table or section, a place of another region, by its name or its stem alone
      (完成开平区网络安全宣传周 in 平乡县's targets; 保障江宁教育工作 in 苏州市's).
    Silent: the department's own names and short forms (省人大办公厅, 县委网信办, 市卫健委, a short
    name the document defines: 以下简称“区城管执法局”), superior bodies and regions (河北省委网信办,
    市财政局), places within its region (吴中 in 苏州市's targets, its towns), units it lists as its
    own (下属单位 tables), names of documents (《…》, 文号), a person's name (王江宁同志), and
    sentences of cooperation with another region or of national programmes named after places
    (对口支援, 学习考察, 协作, 京津冀协同发展, 海南自由贸易港 …).

    *Why it matters*: a budget copied from another department's or county's file keeps that
    unit's name; its statements and targets are not this department's.

    *Bad* (平乡县's 网信办 budget):
        2023年，临城县教育局网络安全宣传周活动覆盖全县中小学

    *Good*:
        2023年，县委网信办网络安全宣传周活动覆盖全县中小学
    """

    code = "BL314"
    name = "other-unit-name"
    severity = "warning"

    def check(self, doc):
        dept = doc.meta.department
        if not dept:
            return
        own = split_name(dept)
        chain = list(own.regions)
        own_level = doc.meta.level or (level_of(chain[-1]) if chain else None)
        rank = regions()["rank"]
        if own_level not in rank:
            return
        org, self_pat, ok = patterns()
        # the department's own region as divisions of the country, from its name and the
        # document's region (河北省 … 平乡县 -> 130532): places are read against it
        own_codes = own_divisions(chain + ([doc.meta.region] if doc.meta.region and doc.meta.region not in chain else []))
        units = self._own_units(doc)
        defined = frozenset(m.group(1) for _, text in scanned_lines(doc) if "简称" in text
                            for m in defined_pattern().finditer(text))
        perf = self._performance_lines(doc)
        # the region the document is of: the last known place of its name (滦南县, not the 城市
        # of 滦南县城市管理…局's name)
        home = next((r for r in reversed(own.regions) if r in place_names() or r in divisions().by_name),
                    doc.meta.region or (own.regions[-1] if own.regions else "本部门"))
        where = self._title_line(doc, dept)
        related = [related_line(doc, where, "文件标题中的部门名称")] if where else None
        for ln, text in scanned_lines(doc):
            taken: list[tuple[int, int]] = []
            for m in self_pat.finditer(text):
                if m.group("spending") is not None and not (YEAR_BEFORE.search(text, 0, m.start(1))
                                                             and SPENDING_FIGURES.match(text, m.end(1))):
                    continue  # 市财政局项目支出绩效评价: a body's work on spending, not the department's own figures
                s, e = m.span(1)
                s = self._name_start(text, s, e, chain)
                if s is None:
                    continue
                name = text[s:e]
                if self._is_own(name, dept, units, defined) or not self._names_a_body(name):
                    continue
                if acting_on_the_department().match(text, e):
                    continue  # 上海市教育委员会2025年下达…: another body acting, not the department speaking
                if self._title_of_a_part(text, e):
                    continue  # a part title: BL305's
                taken.append((s, e))
                yield self.at_span(doc, ln.number, s, e,
                                   f"`{name}` 不是本部门（{dept}）：文中以它的名义陈述本部门的情况，疑为从其他单位的文件复制",
                                   related=related, suggestion=dept)
            if ln.number in perf:
                for s, e, name, level in self._stems(text, dept, chain, own_level, rank, own_codes):
                    if any(a < e and s < b for a, b in taken) or self._excused(text, s, e, ok) \
                            or institution_after().match(text, e) or after_person_label().search(text, 0, s):
                        continue
                    taken.append((s, e))
                    yield self.at_span(doc, ln.number, s, e,
                                       f"其他地区的地名 `{text[s:e]}`（{name}）出现在{home}"
                                       f"的绩效目标中，疑为从其他地区的文件复制", related=related)
            for s, e, region, level in self._regions(text, chain):
                if any(a < e and s < b for a, b in taken) or not self._other_region(region, level, chain, own_level, rank, own_codes):
                    continue
                body = org.match(text, e)
                if body is None and ln.number not in perf:
                    continue
                end = body.end() if body else e
                name = text[s:end]
                if self._is_own(name, dept, units, defined) or self._excused(text, s, end, ok) \
                        or (body is None and institution_after().match(text, e)):
                    continue
                taken.append((s, end))
                what = "其他地区的单位" if body else "其他地区的地名"
                yield self.at_span(doc, ln.number, s, end,
                                   f"{what} `{name}` 出现在{home}的文件中"
                                   f"（{region}不是本部门所在的{own_level}级地区），疑为从其他地区的文件复制",
                                   related=related)

    @staticmethod
    def _name_start(text: str, s: int, e: int, chain: list[str]) -> int | None:
        """Where the body's name starts in the clause text[s:e]: at 中共, at a known place or a
        region of the department's own name (建立了|普陀区财政局), or right after a heading's
        number at a level character (一、|县财政局); None when the clause names no place."""
        names = place_names()
        for i in range(s, e - 2):
            if text.startswith(("中共", "中国共产党"), i):
                return i
            for j in range(i + 2, min(e, i + 8)):
                cand = text[i:j]
                if cand[-1] in SUFFIX_CHARS and ((cand in names and len(cand) >= 3) or cand in chain):
                    return i
        num = numbering_of(text[s:e])
        start = s + (e - s - len(num[3]) if num else 0)
        return start if text[start] in SUFFIX_CHARS else None

    @staticmethod
    def _names_a_body(name: str) -> bool:
        """A region (or the level character standing for it) and an organisation: 平乡县财政局,
        县财政局; not 本部门, 我局, 部门预算."""
        parts = split_name(name)
        if parts.regions:
            stem = parts.regions[0][:-1]
            if len(stem) == 1 and stem in regions()["damage_modifiers"]["before"]:
                return False  # 我县, 全县, 本区 … speak of the document's own region
            return bool(parts.org) and head_of(parts.org) is not None
        return bool(parts.level) and head_of(parts.org) is not None and len(parts.org) >= 2

    @staticmethod
    def _is_own(name: str, dept: str, units: list[str], defined: frozenset[str] = frozenset()) -> bool:
        """The department, a unit under it (its name continued: …财政局财政所), its parent (the
        name it continues: 省人大常委会 of 江苏省人大常委会办公厅), or a unit it lists."""
        # a connective written another way (规划与自然资源局) is the department's name misspelt: BL305's
        name, dept = regex.sub("[与及、]", "和", name), regex.sub("[与及、]", "和", dept)
        if is_own_name(name, dept) or dept.endswith(name) or name.endswith(dept) or name.startswith(dept):
            return True
        if name in defined:
            return True  # the document's own abbreviation (…局（以下简称“区城管执法局”）)
        a, b = split_name(name), split_name(dept)
        if b.org and len(name) >= 3 and head_of(name) is not None and head_of(name) == head_of(b.org) \
                and _shortened(name, b.org):
            return True  # the organisation's short form, a level-like first character its own (市场监管局)
        if _level_short_form(name, dept):
            return True
        if a.org and b.org.startswith(a.org) and (not a.regions or (b.regions and a.regions[-1] == b.regions[-1])) \
                and (not a.level or (b.regions and b.regions[-1].endswith(a.level))):
            return True
        short = regex.sub(r"^(?:中共)", "", name)
        return any(short in u or u.endswith(short) for u in units)

    @staticmethod
    def _title_of_a_part(text: str, end: int) -> bool:
        """…局2024年度部门决算 on a short line that is only a title: a part title, which BL305
        checks. A sentence is none (…局2024年度决算支出44.92万元，…; 现将…局2024年部门决算公开如下：):
        a title holds no clause punctuation and no figure after its year, and does not
        introduce what follows."""
        line = text.strip()
        return len(line) <= 60 and not regex.search(r"[，,。；;]|[:：]$", line) and \
            bool(regex.match(r"\s*(?:19|20)\d{2}\s*年度?(?:部门|单位)?(?:预算|决算)[^\d]*$", text[end:]))

    @staticmethod
    def _regions(text: str, chain: list[str]):
        """(start, end, region, level) of every place name: the longest known name (or region of
        the department's own name) ending at an administrative suffix."""
        names = place_names()
        for p, ch in enumerate(text):
            if ch not in SUFFIX_CHARS:
                continue
            best = None
            for s in range(max(0, p - 7), p):
                cand = text[s:p + 1]
                if (cand in names and len(cand) >= 3) or cand in chain:  # 和县, 高县: 和|县委, 提高|县
                    best = (s, cand)
                    break
            if best is None:
                continue  # 协助市委, 围绕区委: a level character after a word names no place
            s, region = best
            level = level_of(region)
            if level:
                yield s, p + 1, region, level

    @staticmethod
    def _stems(text: str, dept: str, chain: list[str], own_level: str, rank: dict, own_codes: frozenset[str]):
        """(start, end, place, level) of places named by their stem alone (提升江宁人才工作水平 in
        平乡县's targets): a division that lies outside the department's own region (any level:
        南京市's 江宁区 in 苏州市's targets), or, where the divisions do not tell, a place of
        the department's level; not the department's own (开平 in 开平区's document), not part
        of a word around it (the stem's characters reading as another word)."""
        div = divisions()
        own_province = next((r for r in chain if level_of(r) == "省" or r.endswith(("北京市", "上海市", "天津市", "重庆市"))), None)
        stems = _stems_read(own_province, own_level)
        own_until = 0  # the end of the last own place read: no stem starts inside it (滦南|城管, not 南城)
        for s in range(len(text) - 1):
            if s < own_until:
                continue
            for n in (3, 2):
                stem = text[s:s + n]
                hit = stems.get(stem)
                codes = div.by_stem.get(stem, ())
                if hit is None and not codes:
                    continue
                away = elsewhere(stem, own_codes)
                if away is False:
                    own_until = s + n
                    break  # the department's own region, or one holding it
                if codes and (hit is None or away):
                    hit = (div.name[codes[0]], div.level(codes[0]))
                if away is None and (rank.get(hit[1]) != rank.get(own_level) and not (own_province and hit[0] == stem)):
                    continue
                if stem in dept or any(r.startswith(stem) for r in chain):
                    own_until = s + n
                    continue
                if text.startswith(hit[0], s):
                    continue
                e = s + n
                if any(text.startswith(t, e) for t in name_titles()):
                    break  # a person's given name (王江宁同志)
                # the place only when the likeliest reading of the words around keeps the stem whole
                # (推动|静安|食品), not when its characters belong to other words (金|山银|山)
                lo, hi = max(0, s - 4), min(len(text), e + 4)
                model = word_model()  # loaded when a stem is met, not for every document
                as_place = best_reading(text[lo:s], model) + (model.get(stem) or STEM_LOGP) + best_reading(text[e:hi], model)
                if as_place >= best_reading(text[lo:hi], model) - math.log(10):
                    yield s, e, hit[0], hit[1]
                break

    @staticmethod
    def _other_region(region: str, level: str, chain: list[str], own_level: str, rank: dict,
                      own_codes: frozenset[str] = frozenset()) -> bool:
        if any(region == r or region.endswith(r) or r.endswith(region) for r in chain):
            return False
        if len(region) >= 3 and any(len(r) >= 3 and r[:-1] == region[:-1] for r in chain):
            return False  # the own place under another level word (余杭|市容 in 余杭区's text)
        stem = region[:-1]
        if len(stem) <= 2 and any(c in regions()["damage_modifiers"]["before"] for c in stem[-1:]):
            return False  # 我县, 全县, 各区, 本市 …
        away = elsewhere(region, own_codes)
        if away is not None:
            return away  # the divisions tell: in or over the own region, or elsewhere
        mine, theirs = rank.get(own_level, 0), rank.get(level, 0)
        if theirs == mine:
            return True
        if theirs > mine:  # a superior level: another one only when the own chain names its own
            return any(rank.get(level_of(r) or "", 0) == theirs for r in chain)
        return False  # a lower level: the department's own towns, as far as the text shows

    @staticmethod
    def _excused(text: str, s: int, e: int, ok) -> bool:
        if is_document_title(text, s, e) or enclosing(text, s, e) is not None:
            return True
        a = s
        while a > 0 and text[a - 1] not in "。；;！？\n":
            a -= 1
        b = e
        while b < len(text) and text[b] not in "。；;！？\n":
            b += 1
        if ok.search(text[a:b]):
            return True
        # the place's own clause: 引进深圳企业 brings investment in; 完成首店引进目标 in
        # another clause of the sentence excuses nothing
        ca = max(text.rfind("，", a, s), text.rfind(",", a, s), a - 1) + 1
        cb = min((i for i in (text.find("，", e, b), text.find(",", e, b)) if i >= 0), default=b)
        # 引进 brings them in (引进深圳企业, 深圳企业引进3家), but 引进工作 after the place is the
        # place's own work (保障玉田人才引进工作正常开展), which excuses nothing
        words = unit_words()
        found = list(clause_ok().finditer(text, ca, cb))
        owned = [m for m in found if m.start() >= e and m.group() in words["other_region_ok_before_place"]
                 and text.startswith(tuple(words["work_nouns"]), m.end())]
        return bool(found) and not owned

    @staticmethod
    def _own_units(doc) -> list[str]:
        """The units the document lists as its own: cells of its 单位构成 table, and the names a
        sentence lists as its units (下属单位包括A、B等52家)."""
        out = []
        member = regex.compile("|".join(regex.escape(w) for w in unit_words()["member_list_words"]))
        for para in doc.paragraphs:
            for sentence in regex.split(r"[。；;]", para.text):
                m = member.search(sentence)
                if m is None:
                    continue
                listed = regex.split(r"(?:包括|包含|有|为|是)[：:]?|[：:]", sentence[m.end():], maxsplit=1)
                if len(listed) < 2:
                    continue
                for item in regex.split(r"[、，,和及]", listed[1]):
                    name = regex.sub(r"等?\d*[家个所].*$|^本级|[\s（）()]", "", item)
                    if len(name) >= 4 and head_of(name) is not None:
                        out.append(regex.sub(r"^(?:中共)", "", name))
        for t in doc.tables:
            if t.kind == "organisation":
                for row in t.rows:
                    for c in row:
                        name = regex.sub(r"[\s（）()]|本级", "", c.text)
                        if len(name) >= 4 and regex.search(r"\p{Han}", name):
                            out.append(regex.sub(r"^(?:中共)", "", name))
        return out

    @staticmethod
    def _performance_lines(doc) -> set[int]:
        """Lines of 绩效目标 / 绩效自评 tables, and of sections titled with 绩效."""
        out: set[int] = set()
        for t in doc.tables:
            if t.kind in ("performance_target", "self_evaluation"):
                out.update(range(t.first_line, t.last_line + 1))
        if doc.sections is not None:
            for sec in doc.sections.walk():
                if sec.level and "绩效" in sec.title:
                    out.update(range(sec.line, sec.end_line + 1))
        return out

    @staticmethod
    def _title_line(doc, dept):
        short = regex.sub(r"\s+", "", dept)
        for ln in doc.lines[:400]:
            if ln.kind in ("text", "heading") and short in regex.sub(r"\s+", "", ln.text):
                return ln.number
        return None

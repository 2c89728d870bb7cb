from __future__ import annotations

import regex

from linter.engine import Rule
from linter.findings import related_line
from linter.structure import numbering_of

from .common import terms

CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_DIGITS = "零一二三四五六七八九"


def cn_value(s: str) -> int | None:
    s = regex.sub(r"[^零〇一二三四五六七八九十百两]", "", s)
    if not s:
        return None
    if "百" in s:
        return None
    if "十" in s:
        a, _, b = s.partition("十")
        return (CN.get(a, 1) if a else 1) * 10 + (CN.get(b, 0) if b else 0)
    return CN.get(s) if len(s) == 1 else None


def cn_text(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    t, u = divmod(n, 10)
    return ("" if t == 1 else CN_DIGITS[t]) + "十" + (CN_DIGITS[u] if u else "")


def value_of(style: str, token: str) -> int | None:
    if style in ("cn", "paren_cn", "part"):
        return cn_value(token)
    m = regex.search(r"\d+", token)
    return int(m.group()) if m else None


def render(style: str, n: int, like: str) -> str:
    if style == "cn":
        return f"{cn_text(n)}、"
    if style == "paren_cn":
        return f"（{cn_text(n)}）" if like.startswith("（") else f"({cn_text(n)})"
    if style == "paren_arabic":
        return f"（{n}）" if like.startswith("（") else f"({n})"
    return regex.sub(r"\d+", str(n), like, count=1)


class HeadingNumbering(Rule):
    """Heading numbers out of sequence: 一、二、 skipped or duplicated, 6、 between 五、 and
    七、, a （一）（二） list that restarts inside its own sequence, 1、2、 jumping.

    *What it does*: walks the numbered lines of doc.sections (typed numbers and Word
    automatic numbers alike) level by level. 一、 and （一） lists continue through the
    document unless a 第X部分 or an unnumbered title (其他相关情况说明, …项目经费情况说明)
    starts a new one; a number that skips (五、 → 七、), repeats,
    restarts at 一 in the middle of the list, or is written in another style (6、 where 六、
    belongs) is reported with the expected number. 1、 lists may restart freely (each
    paragraph list is its own), but not skip or repeat.

    *Why it matters*: numbering breaks are the fingerprint of sections pasted from another
    file or deleted in a hurry; a reader cannot cite 「第六部分」 when it is printed 6、.

    *Bad*:
        五、部门整体绩效目标 … 6、部门主管专项资金预算安排情况 … 七、部门项目预算安排情况

    *Good*:
        五、部门整体绩效目标 … 六、部门主管专项资金预算安排情况 … 七、部门项目预算安排情况
    """

    code = "BL308"
    name = "heading-numbering-break"
    severity = "warning"

    def check(self, doc):
        if doc.sections is None:
            return
        items = []
        for s in doc.sections.walk():
            style = s.style
            if s.level <= 0 or not s.number or not style:
                continue
            v = value_of(style, s.number)
            if v is None:
                continue
            if self._cell_continuation(doc, s.line, style, v, s.number):
                continue
            items.append((s.line, style, v, s.number, s.auto))
        items.sort()
        # a number token at a line start that the sections did not keep (e.g. inside a table cell)
        starts = {}
        for ln in doc.lines:
            t = ln.text.strip()
            num = numbering_of(t) if t else None
            if num:
                starts.setdefault(num[2].strip(), []).append(ln.number)
        seen = set()
        for f in self._walk(doc, items, starts):
            if (f.line, f.excerpt) not in seen:  # 6、 seen both after 五、 and before 七、: once
                seen.add((f.line, f.excerpt))
                yield f

    def _walk(self, doc, items, starts):
        # stacks of open lists per style: [[last value, line, token], ...] (outer first)
        lists: dict[str, list[list]] = {}
        reset_by = {"cn": ("part",), "paren_cn": ("part", "cn"), "arabic": ("part", "cn", "paren_cn"),
                    "paren_arabic": ("part", "cn", "paren_cn", "arabic")}
        fresh: dict[str, bool] = {}
        for idx, (line, style, v, token, auto) in enumerate(items):
            for st, by in reset_by.items():
                if style in by:
                    if st == "cn":
                        fresh[st] = True  # a new part: 一、 may start again, or the list may go on
                    else:
                        lists.pop(st, None)
            if style == "part":
                continue
            stack = lists.setdefault(style, [])
            auto_note = "（Word 自动编号）" if auto else ""
            if not stack:
                stack.append([v, line, token])
                if v != 1 and style in ("cn", "paren_cn") and not self._present(starts, style, 1, token, line, doc, (max(1, line - 3), line)):
                    yield self._finding(doc, line, token, f"编号从 `{token.strip()}` 开始，缺少 `{render(style, 1, token)}`{auto_note}",
                                        render(style, 1, token), None)
                elif v > 1 and style in ("arabic", "paren_arabic"):
                    # 6、 after 五、…（二）: a new 1、 list cannot start at 6; it is the 六、 of the outer list
                    outer, prev = next(((st, e) for st in ("paren_cn", "cn") for e in reversed(lists.get(st) or [])
                                        if e[0] == v - 1), (None, None))
                    if outer is not None:
                        if not self._present(starts, style, v - 1, token, None, doc, (prev[1], line - 1)) and \
                                not self._present(starts, outer, v, prev[2], None, doc, (prev[1] + 1, line - 1)):
                            yield self._finding(
                                doc, line, token,
                                f"`{token.strip()}` 使用了错误的编号样式：接在{self._heading(doc, prev[1])}之后，应为 `{render(outer, v, prev[2])}`{auto_note}",
                                render(outer, v, prev[2]), related_line(doc, prev[1], "上一个同级编号"))
                fresh[style] = False
                continue
            if fresh.get(style) and (v == 1 or (v != stack[-1][0] + 1 and self._present(
                    starts, style, v - 1, token, line, doc, (stack[-1][1] + 1, line)))):
                stack[:] = [[v, line, token]]
                fresh[style] = False
                continue
            fresh[style] = False
            top = stack[-1]
            outer = stack[-2] if len(stack) > 1 else None
            if v == top[0] + 1:
                top[:] = [v, line, token]
                continue
            if outer is not None and v == outer[0] + 1 and not (v == top[0] and self._shape(doc, line) == self._shape(doc, top[1])
                                                                  != self._shape(doc, outer[1])):
                # the nested list ended and the outer one goes on — unless the number repeats the
                # nested list's last one and the line reads like the nested items, not the outer titles
                stack.pop()
                stack[-1][:] = [v, line, token]
                continue
            if outer is not None and v > outer[0] + 1 and v != 1 and outer[0] > top[0]:
                stack.pop()  # the nested list ended; the outer one jumps (五、 after 一、二、 under 四、)
                top = stack[-1]
            if v == 1 and style in ("cn", "paren_cn") and self._plain_heading_between(doc, top[1], line):
                stack[:] = [[v, line, token]]
                continue
            if v == 1 and style in ("cn", "paren_cn"):
                yield self._finding(doc, line, token,
                                    f"`{token.strip()}` 重新从一开始编号，与{self._heading(doc, top[1])}属同一级编号：下级标题应换用下一级编号样式{auto_note}",
                                    None, related_line(doc, top[1], "同级的上一个编号"))
                stack.append([v, line, token])
                continue
            if v == 1:
                top[:] = [v, line, token]  # a new 1、 list
                continue
            if v > top[0] + 1:
                missing = top[0] + 1
                sub = self._substitute(items, top[1], line, style, missing)
                if sub is not None:
                    sline, stoken = sub
                    yield self._finding(doc, sline, stoken,
                                        f"`{stoken.strip()}` 使用了错误的编号样式：位于 `{top[2].strip()}` 与 `{token.strip()}` 之间，应为 `{render(style, missing, top[2])}`",
                                        render(style, missing, top[2]), related_line(doc, top[1], "上一个同级编号"))
                elif self._present(starts, style, missing, top[2], None, doc, (top[1], line)):
                    pass
                else:
                    yield self._finding(doc, line, token,
                                        f"编号跳号：{self._heading(doc, top[1])}之后是 `{token.strip()}`，缺少 `{render(style, missing, top[2])}`{auto_note}",
                                        render(style, missing, top[2]), related_line(doc, top[1], "上一个同级编号"))
                top[:] = [v, line, token]
                continue
            # v <= top: repeated or going back
            if self._present(starts, style, top[0] + 1, top[2], None, doc, (top[1], line - 1)):
                top[:] = [v, line, token]
                continue
            what = "重复" if v == top[0] else "倒序"
            yield self._finding(doc, line, token,
                                f"编号{what}：{self._heading(doc, top[1])}之后又是 `{token.strip()}`，应为 `{render(style, top[0] + 1, top[2])}`{auto_note}",
                                render(style, top[0] + 1, top[2]), related_line(doc, top[1], "上一个同级编号"))
            top[:] = [v, line, token]

    @staticmethod
    def _heading(doc, line: int) -> str:
        """The numbered line as a reader finds it in Word or a PDF: by its text, not by a line
        number of the text view (「五、部门整体绩效目标」)."""
        text = doc.line(line).text.strip()
        text = regex.split(r"[。；;]", text, maxsplit=1)[0]
        return f"「{text[:24]}{'…' if len(text) > 24 else ''}」"

    @staticmethod
    def _cell_continuation(doc, line, style, v, token):
        """2.开展… right under a table row whose last cell reads 1.保障…: the second paragraph
        of a cell that the reader put outside the table, not a list item of the text."""
        if v < 2 or style not in ("arabic", "paren_arabic"):
            return False
        n = line - 1
        while n >= 1 and doc.line(n).kind == "blank":
            n -= 1
        if n < 1 or doc.line(n).kind != "table":
            return False
        last = doc.line(n).text.rstrip().rsplit("\t", 1)[-1].strip()
        return last.startswith(render(style, v - 1, token).strip())

    @staticmethod
    def _shape(doc, line):
        """A numbered line is a short title (三、工作保障措施) or a sentence item
        (四、开展网络执法督察活动，会同有关部门…)."""
        t = doc.line(line).text.strip()
        return bool(regex.search(r"[，。；,;]", t[:-1])) or len(t) > 30

    @staticmethod
    def _substitute(items, after, before, style, missing):
        """An item of another style carrying the missing number that does not continue a
        list of its own (6、 alone between 五、 and 七、, not the 3、 after 1、 2、)."""
        for line, st, v, token, _ in items:
            if after < line < before and st != style and v == missing and st != "part":
                own = any(after < l2 < line and s2 == st and v2 == v - 1 for l2, s2, v2, _, _ in items)
                if not own:
                    return line, token
        return None

    @staticmethod
    def _present(starts, style, value, like, line, doc, between=None):
        """The token is printed somewhere the sections did not see it: inside a table cell,
        in the middle of a line, or in a heading that merged two headings."""
        tok = render(style, value, like).strip()
        if between is None:
            return False
        for n in range(between[0], between[1] + 1):
            text = doc.line(n).text
            pos = text.find(tok)
            if n == between[0] and pos == len(text) - len(text.lstrip()):
                pos = text.find(tok, pos + 1)
            if pos >= 0:
                return True
        return False

    @staticmethod
    def _plain_heading_between(doc, a, b):
        """An unnumbered title between two items starts a new part and a new list: a short
        line (名词解释), or a longer one that ends like a title (…项目经费情况说明,
        2025年部门“三公”经费和机关运行经费预算表; template_terms.json title_endings), in
        either case without sentence punctuation, and with no numbered line between it and the
        restart (部门职能 under （一）部门概况 is a sub-heading, not a new part)."""
        endings = tuple(terms()["title_endings"]["words"])
        for n in range(b - 1, a, -1):  # the nearest title above; a numbered line between means it is nested
            ln = doc.line(n)
            t = ln.text.strip()
            if not t or ln.kind in ("table", "furniture", "blank"):
                continue
            if numbering_of(t):
                return False
            if regex.search(r"[，。；：:,.;！!？?]", t):
                continue
            if len(t) <= 20 or (len(t) <= 60 and t.endswith(endings)):
                return True
        return False

    def _finding(self, doc, line, token, message, suggestion, related):
        ln = doc.line(line)
        text = ln.text
        tok = token.strip()
        off = text.find(tok)
        if off < 0:
            off = 0
        return self.at_span(doc, line, off, off + len(tok), message, suggestion=suggestion,
                            related=[related] if related else None)

from __future__ import annotations

from functools import lru_cache

import regex

from linter.engine import Rule
from linter.vocab import load_text

from .common import scanned_lines


@lru_cache(maxsize=None)
def lexicon() -> tuple[list[tuple[str, str, "regex.Pattern | None"]], "regex.Pattern | None"]:
    entries = []
    for text, _source in load_text("confusables.txt"):  # built-in, then each pack's pairs
        for raw in text.splitlines():
            if raw.startswith("#") or not raw.strip():
                continue
            parts = raw.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0] or parts[0] == parts[1]:
                continue
            unless = regex.compile(parts[2]) if len(parts) > 2 and parts[2].strip() else None
            entries.append((parts[0], parts[1], unless))
    entries.sort(key=lambda e: -len(e[0]))
    pattern = regex.compile("|".join(regex.escape(e[0]) for e in entries)) if entries else None
    return entries, pattern


class ConfusableTypo(Rule):
    """A domain word written with a look-alike or sound-alike character (奥情 for 舆情).

    *What it does*: looks up every line against the confusion lexicon shipped as data
    (linter/data/confusables.txt: wrong form, right form, and an optional context in which the
    wrong form is a real word, e.g. 煤体 in a coal-mining text). Suggests the right word.

    *Why it matters*: a published budget with 技木 or 煤体 reads as careless, and a search for
    the real term (舆情, 转载) misses the passage.

    *Bad*:
        负责网站转栽新闻稿源的管理工作；推动传统媒体与新兴煤体融合发展

    *Good*:
        负责网站转载新闻稿源的管理工作；推动传统媒体与新兴媒体融合发展
    """

    code = "BL306"
    name = "confusable-character-typo"
    severity = "warning"

    def check(self, doc):
        entries, pattern = lexicon()
        if pattern is None:
            return
        by_wrong = {e[0]: e for e in entries}
        for ln, text in scanned_lines(doc):
            for m in pattern.finditer(text):
                wrong, right, unless = by_wrong[m.group()]
                if unless is not None and self._excused(text, m.start(), m.end(), wrong, unless):
                    continue
                yield self.at_span(doc, ln.number, m.start(), m.end(),
                                   f"错别字：`{wrong}` 应为 `{right}`", suggestion=right)

    @staticmethod
    def _excused(text, start, end, wrong, unless) -> bool:
        """The `unless` context holds: a match in the 8 characters around the hit that takes
        in this hit (人士地位 for 士地), or a context word that holds no other hit (瓦斯 near 煤体)."""
        a = max(0, start - 8)
        around = text[a:end + 8]
        for u in unless.finditer(around):
            us, ue = a + u.start(), a + u.end()
            if us < end and start < ue:
                return True
            if wrong not in u.group():
                return True
        return False

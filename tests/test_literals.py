"""LiteralSet finds what a regex alternation of its words (longest first) finds."""
import random

import regex

from linter.literals import LiteralSet


def alternation_spans(words, text):
    pattern = "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return [m.span() for m in regex.finditer(pattern, text)]


def test_same_spans_as_the_alternation_on_random_texts():
    rng = random.Random(7)
    alphabet = "公务用车运行维护费比上年"
    for _ in range(400):
        words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 12))}
        text = "".join(rng.choice(alphabet + "，。") for _ in range(rng.randint(0, 60)))
        assert [m.span() for m in LiteralSet(words).finditer(text)] == alternation_spans(words, text), (words, text)


def test_longest_word_at_the_leftmost_place_then_on_after_it():
    found = LiteralSet(["公务用用车", "用用", "车运"])
    text = "公务用用车运行维护费，用用车运"
    found_here = [(m.start(), m.end(), m.group()) for m in found.finditer(text)]
    assert found_here == [(0, 5, "公务用用车"), (11, 13, "用用"), (13, 15, "车运")]


def test_a_word_at_the_very_end_and_an_empty_set():
    assert list(LiteralSet(["维护费", "费"]).spans("运行维护费")) == [(2, 5)]
    assert list(LiteralSet(["运行维护"]).spans("维护")) == []
    assert not LiteralSet([])
    assert list(LiteralSet([""]).finditer("任何文字")) == []

"""segment.is_word answers what jieba's general tokenizer's frequencies say of a whole word,
without building its prefix dictionary."""
import random

from linter import segment


def test_is_word_agrees_with_the_general_tokenizer():
    freq = segment.general().FREQ
    rng = random.Random(3)
    listed = [w for w, n in freq.items() if n > 0]
    prefixes = [w for w, n in freq.items() if n == 0]  # jieba adds every word's prefixes with 0
    assert prefixes
    sample = rng.sample(listed, 2000) + rng.sample(prefixes, 2000)
    sample += ["一般公共预算拨款收入", "在职人员", "人员经费", "的的", "目的", "xyz不是词", ""]
    for word in sample:
        assert segment.is_word(word) == (freq.get(word, 0) > 0), word
    assert segment.listed_words() is not None  # the fast reading was the one tested


def test_a_dictionary_of_another_shape_is_left_to_jieba(tmp_path, monkeypatch):
    odd = tmp_path / "lexicon.txt"
    odd.write_text("预算执行率 3 n\n绩效自评\n", encoding="utf-8")  # a word without frequency or tag
    monkeypatch.setattr(segment, "data_paths", lambda name: [str(odd)])
    segment.listed_words.cache_clear()
    try:
        assert segment.listed_words() is None
    finally:
        segment.listed_words.cache_clear()

"""BL306's word data: the compiled files (linter/data/typo_words.marisa, typo_keys.marisa,
typo_model.marshal) are the line files compiled (scripts/build_typo_model.py), stale ones are
ignored, packs' lines still count, and the word classes read from jieba's tags are the ones the
lone-adverb check relies on."""
import marshal

import pytest

from linter import wordfreq
from linter.vocab import data_path


def _texts():
    return {name: open(data_path(name), encoding="utf-8").read() for name in wordfreq.SOURCES}


@pytest.fixture
def fresh():
    wordfreq._model.cache_clear()
    yield
    wordfreq._model.cache_clear()


def _same(a, b):
    """Two runtime models hold the same words, probabilities, classes, index and confusion set."""
    (ma, ia, ca, sa), (mb, ib, cb, sb) = a, b
    assert sorted(ma.words.keys()) == sorted(mb.words.keys())
    for w in ("期末", "未", "自己", "经常", "已经", "涞水", "公务用车"):
        assert ma.get(w) == mb.get(w) and ma.classes[ma.key_id(w)] == mb.classes[mb.key_id(w)]
    assert sorted(ia.keys.keys()) == sorted(ib.keys.keys())
    assert all(ia.get(k) == ib.get(k) for k in ia.keys.keys())
    assert ca == cb and sa == sb


def test_the_compiled_files_are_the_line_files_compiled():
    with open(data_path(wordfreq.COMPILED), "rb") as fh:
        shipped = marshal.loads(fh.read())
    assert shipped["sizes"] == wordfreq.source_sizes(), "run scripts/build_typo_model.py"
    loaded = wordfreq._compiled_files()
    assert loaded is not None, "run scripts/build_typo_model.py"
    _same(loaded, wordfreq._runtime(*wordfreq.build(wordfreq.compile_model(_texts()))))


def test_stale_compiled_files_are_ignored(fresh, monkeypatch):
    # sources edited after the last compile (a target word added by hand): the text is compiled
    monkeypatch.setattr(wordfreq, "source_sizes", lambda: {name: -1 for name in wordfreq.SOURCES})
    assert wordfreq._compiled_files() is None
    assert wordfreq.word_model().get("期末") is not None and "末" in wordfreq.typo_index()["期?"]


def test_missing_compiled_files_are_compiled_from_the_text(fresh, monkeypatch, tmp_path):
    real = wordfreq.data_path
    monkeypatch.setattr(wordfreq, "data_path",
                        lambda name: str(tmp_path / name) if name == wordfreq.WORDS_TRIE else real(name))
    assert wordfreq._compiled_files() is None
    assert wordfreq.word_model().get("期末") is not None


def test_packs_add_targets_and_words(fresh, monkeypatch):
    extra = {"typo_targets.txt": ["预算绩效股\n"], "common_words.txt": ["TOTAL 5\n奥雅 30 nz\n"], "confusion_chars.txt": []}
    monkeypatch.setattr(wordfreq, "_pack_texts", lambda name: extra[name])
    model, index = wordfreq.word_model(), wordfreq.typo_index()
    assert "预算绩效股" in model and "股" in index["预算绩效?"] and "奥雅" in model
    # the dictionary's TOTAL stands: probabilities as without the pack
    wordfreq._model.cache_clear()
    monkeypatch.setattr(wordfreq, "_pack_texts", lambda name: [])
    assert wordfreq.word_model().get("期末") == model.get("期末")


def test_the_index_and_what_a_typed_character_may_stand_for():
    fills = wordfreq.typo_index()["?经"]
    assert "已" in fills and "曾" in fills and "己" not in fills  # 已经, 曾经; 己经 is no word
    assert wordfreq.typo_index().get("?不存在的键") is None
    assert "已" in wordfreq.slips()["己"]  # 已经 written 己经
    assert "末" in wordfreq.slips()["未"]


def test_word_classes_from_jieba_tags():
    m = wordfreq.word_model()
    assert m.is_adverb("未") and m.is_adverb("已") and not m.is_adverb("末")
    assert m.is_predicate("完成") and m.is_predicate("支付") and m.is_predicate("均")
    assert not m.is_predicate("余额") and not m.is_predicate("固定资产") and not m.is_predicate("数")


def test_best_reading_is_the_most_likely_segmentation():
    m = wordfreq.word_model()
    logp, ends = wordfreq.reading("自己经常", m)
    assert ends == [2, 4] and logp == pytest.approx(m.get("自己") + m.get("经常"))
    assert wordfreq.best_reading("自己经常", m) == pytest.approx(logp)
    assert wordfreq.best_reading("", m) == 0.0

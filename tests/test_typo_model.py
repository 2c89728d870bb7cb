"""BL306's word data: the compiled linter/data/typo_model.marshal is the line files compiled
(scripts/build_typo_model.py), a stale one is ignored, packs' lines still count, and the word
classes read from jieba's tags are the ones the lone-adverb check relies on."""
import marshal

import pytest

from linter import wordfreq
from linter.vocab import data_path


def _texts():
    return {name: open(data_path(name), encoding="utf-8").read() for name in wordfreq.SOURCES}


@pytest.fixture
def fresh():
    wordfreq._builtin.cache_clear()
    wordfreq._model.cache_clear()
    yield
    wordfreq._builtin.cache_clear()
    wordfreq._model.cache_clear()


def test_the_compiled_model_is_the_line_files_compiled():
    with open(data_path(wordfreq.COMPILED), "rb") as fh:
        shipped = marshal.loads(fh.read())
    assert shipped["sizes"] == wordfreq.source_sizes(), "run scripts/build_typo_model.py"
    compiled = wordfreq.compile_model(_texts())
    for key in ("format", "total", "freq", "index", "confusion"):
        assert shipped[key] == compiled[key], f"{key} differs: run scripts/build_typo_model.py"


def test_a_stale_compiled_model_is_ignored(fresh, monkeypatch):
    # sources edited after the last compile (a target word added by hand): the text is read
    monkeypatch.setattr(wordfreq, "source_sizes", lambda: {name: -1 for name in wordfreq.SOURCES})
    model = wordfreq._builtin()
    assert "sizes" not in model and model["freq"] == wordfreq.compile_model(_texts())["freq"]


def test_a_missing_compiled_model_is_read_from_the_text(fresh, monkeypatch, tmp_path):
    real = wordfreq.data_path
    monkeypatch.setattr(wordfreq, "data_path",
                        lambda name: str(tmp_path / name) if name == wordfreq.COMPILED else real(name))
    assert "sizes" not in wordfreq._builtin()
    assert wordfreq.word_model().get("期末") is not None


def test_packs_add_targets_and_words(fresh, monkeypatch):
    extra = {"typo_targets.txt": ["预算绩效股\n"], "common_words.txt": ["奥雅 30 nz\n"], "confusion_chars.txt": []}
    monkeypatch.setattr(wordfreq, "_pack_texts", lambda name: extra[name])
    model, index = wordfreq.word_model(), wordfreq.typo_index()
    typed, _, fills = index["预算绩效?"].partition("|")
    assert "预算绩效股" in model and "股" in fills and "奥雅" in model
    assert set(wordfreq.confusion()["股"][0] + wordfreq.confusion()["股"][1]) <= set(typed)
    # the built-in model is not changed in place
    assert "预算绩效股" not in wordfreq._builtin()["freq"]


def test_the_index_says_what_a_writer_may_have_typed():
    typed, _, fills = wordfreq.typo_index()["?经"].partition("|")
    assert "已" in fills and "己" in typed  # 已经 written 己经
    assert "己" not in fills


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

"""Every rule, measured on the real corpus: no unexpected finding (precision), no miss of a
listed defect (recall), no finding on a recorded trap."""
from corpus_eval import evaluate, load_expected, table


def test_corpus_has_expectations():
    assert load_expected(), "corpus/expected/ holds no expected findings"


def test_corpus_precision_and_recall():
    stats, problems = evaluate()
    print("\n" + table(stats))
    assert not problems, "\n".join(problems)

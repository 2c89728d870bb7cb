"""The group-once indexes of issue 13 (cost) answer exactly what the scans they replace answered."""
import random

from linter.reconcile import _after
from rules.template.BL306 import _Phrases


def _random_text(rng: random.Random, n: int) -> str:
    # a small alphabet so that phrases recur, with the line breaks the document text has
    return "".join(rng.choice("在再职人员编制织\n12，") for _ in range(n))


def test_phrases_agree_with_a_scan_before_and_after_the_index_is_built():
    rng = random.Random(13)
    for _ in range(20):
        whole = _random_text(rng, rng.randrange(0, 400))
        written = _Phrases(whole)
        # enough questions to pass DIRECT_SEARCHES, of several lengths, present and absent
        for _ in range(_Phrases.DIRECT_SEARCHES * 2):
            if whole and rng.random() < 0.5:
                i = rng.randrange(len(whole))
                phrase = whole[i:i + rng.randrange(1, 6)]
            else:
                phrase = _random_text(rng, rng.randrange(1, 6))
            assert (phrase in written) == (phrase in whole), (whole, phrase)
        assert written.by_length, "the index was never built: the test did not pass the threshold"


class _Claim:
    def __init__(self, index):
        self.index = index


def test_after_is_the_rest_of_the_claims_in_order():
    for n in range(0, 12):
        claims = [_Claim(i) for i in range(n)]
        for total in claims:
            assert list(_after(total, claims)) == claims[total.index + 1:]

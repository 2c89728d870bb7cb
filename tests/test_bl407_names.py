"""BL407 finds the project a paragraph names in one pass over the text (ProjectNames), with the
same result as searching the text for every table's name keys one table at a time."""
import random
from types import SimpleNamespace

from linter.forms import norm, project_key
from rules.performance.BL407 import AFTER_NAME, ProjectNames, _named


def named_by_search(text, targets):
    """The reference: every table's keys searched in the text, every occurrence kept."""
    hits = []
    for t in targets:
        for key in {norm(t.name), project_key(t.name)}:
            if len(key) < 4:
                continue
            at = text.find(key)
            while at >= 0:
                if AFTER_NAME.match(text, at + len(key)):
                    hits.append((at, -len(key), t))
                at = text.find(key, at + 1)
    if not hits:
        return None
    hits.sort(key=lambda h: (h[0], h[1]))
    pos, neg_len, t = hits[0]
    return (t, pos) if len({id(h[2]) for h in hits if h[:2] == (pos, neg_len)}) == 1 else None


def test_same_project_as_searching_each_table_on_random_texts():
    rng = random.Random(11)
    stems = ["网络舆情管理", "网络舆情管理平台运维", "网评队伍建设", "立法调研", "舆情管理平台", "文物安全巡查"]
    suffixes = ["", "项目", "经费", "专项资金"]
    fillers = ["“", "”", "项目", "经费", "，", "。", "绩效指标", "下设9个指标", "开展"]
    for _ in range(300):
        targets = [SimpleNamespace(name=rng.choice(stems) + rng.choice(suffixes)) for _ in range(rng.randint(1, 5))]
        parts = [rng.choice(stems + fillers) for _ in range(rng.randint(1, 10))]
        text = "".join(parts)
        assert _named(text, ProjectNames(targets)) == named_by_search(text, targets), (text, targets)


def test_two_tables_of_one_name_name_no_project():
    a, b = SimpleNamespace(name="网络舆情管理经费"), SimpleNamespace(name="网络舆情管理项目")
    assert _named("“网络舆情管理”项目下设9个指标", ProjectNames([a, b])) is None
    assert _named("“网络舆情管理”项目下设9个指标", ProjectNames([a])) == (a, 1)


def best_by_scoring_all(name, targets, threshold):
    """The reference: dice against every table, the clear best kept."""
    from rules.performance.BL407 import MARGIN, bigrams

    x = bigrams(name)
    scores = sorted(((2 * len(x & bigrams(t.name)) / (len(x) + len(bigrams(t.name))) if x and bigrams(t.name) else 0.0, n)
                     for n, t in enumerate(targets)), reverse=True)
    if scores and scores[0][0] >= threshold and (len(scores) == 1 or scores[1][0] <= scores[0][0] - MARGIN):
        return targets[scores[0][1]]
    return None


def test_best_table_same_as_scoring_every_table_on_random_names():
    from rules.performance.BL407 import _best

    rng = random.Random(7)
    stems = ["网络舆情管理", "网络舆情管理平台运维", "网评队伍建设", "立法调研", "舆情管理平台", "文物安全巡查",
             "调研", "A", ""]
    suffixes = ["", "项目", "经费", "专项资金"]
    for _ in range(2000):
        targets = [SimpleNamespace(name=rng.choice(stems) + rng.choice(suffixes)) for _ in range(rng.randint(0, 6))]
        name = rng.choice(stems) + rng.choice(suffixes + ["平台", "队伍"])
        for threshold in (0.5, 0.6):
            assert _best(name, ProjectNames(targets), threshold) is best_by_scoring_all(name, targets, threshold), \
                (name, [t.name for t in targets], threshold)

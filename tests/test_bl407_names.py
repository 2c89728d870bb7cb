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

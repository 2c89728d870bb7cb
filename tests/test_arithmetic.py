import pytest

from conftest import SEEDS, check, mutate, seed


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_rollups_silent_on_real_seeds(path):
    assert [f for f in check(path, "BL101")] == []


def test_rollup_fires_on_changed_kuan_row(tmp_path):
    # 支出总表 row 20137 网信事务: 合计 91.04 → 90.04
    bad = mutate(seed("000"), tmp_path, "\t20137\n\t网信事务\n\t91.04", "\t20137\n\t网信事务\n\t90.04")
    found = check(bad, "BL101")
    assert found, "a 款 row changed without its 类 must be reported"
    f = found[0]
    assert "91.04" in f.message and "90.04" in f.message and "1.00" in f.message
    assert f.related and f.related[0].excerpt == "90.04"

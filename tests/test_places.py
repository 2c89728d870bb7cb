"""linter/places.py: the administrative divisions read a place against the department's own
region (BL314), by codes of linter/data/admin_divisions.txt."""
from linter.places import divisions, elsewhere, lineage, own_divisions, related


def test_a_chain_of_regions_narrows_to_its_division():
    assert own_divisions(["河北省", "邢台市", "平乡县"]) == {"130532"}
    assert own_divisions(["平乡县"]) == {"130532"}
    # 普陀区 is Shanghai's and Zhoushan's: the outer region chooses
    assert own_divisions(["上海市", "普陀区"]) == {"310107"}
    assert own_divisions(["普陀区"]) == {"310107", "330903"}
    # a stem and a region no division matches (a town, a misread 城市) are passed over
    assert own_divisions(["苏州"]) == {"320500"}
    assert own_divisions(["阜平县", "东王乡社区"]) == {"130624"}
    assert own_divisions(["上海市", "闵行区", "城市"]) == {"310112"}
    assert own_divisions(["东王乡"]) == frozenset()


def test_a_place_inside_or_over_the_own_region_is_not_elsewhere():
    pingxiang = own_divisions(["平乡县"])
    assert elsewhere("河北", pingxiang) is False  # its province
    assert elsewhere("邢台市", pingxiang) is False  # its prefecture
    suzhou = own_divisions(["苏州市"])
    assert elsewhere("吴中区", suzhou) is False and elsewhere("昆山", suzhou) is False
    assert elsewhere("宝应", own_divisions(["江苏省"])) is False  # 扬州市宝应县


def test_a_place_of_another_region_at_any_level_is_elsewhere():
    suzhou = own_divisions(["苏州市"])
    assert elsewhere("江宁", suzhou) is True  # a district of 南京市, below the city's level
    assert elsewhere("南京", suzhou) is True
    assert elsewhere("鹿泉", own_divisions(["上海市"])) is True
    assert elsewhere("临城县", own_divisions(["平乡县"])) is True  # a sibling county
    # a name two divisions share counts as the own one when either is
    assert elsewhere("普陀区", own_divisions(["上海市", "普陀区"])) is False


def test_what_the_divisions_cannot_tell():
    assert elsewhere("雄安新区", own_divisions(["平乡县"])) is None  # no division of the data
    assert elsewhere("江宁", frozenset()) is None  # the own region unknown
    assert "西湖" not in divisions().by_stem  # a common word (West Lake) is no stem of a district
    assert "南京" in divisions().by_stem  # a prefecture's place name is


def test_lineage_and_relation():
    assert lineage("310107") == ("310107", "310100", "310000")
    assert related("310000", "310107") and related("310107", "310107")
    assert not related("130531", "130532")

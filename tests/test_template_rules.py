"""BL3 (template and language) rules: each fires on bad input and stays silent on the
legitimate text next to it, on the real seeds and on small edits of them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.engine import Selection, load_rules, run_rules
from linter.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def findings(path, select=("BL3",)):
    sel = Selection(select=list(select))
    doc = read_document(str(path))
    return list(run_rules(doc, load_rules(sel), sel))


def edited(tmp_path, prefix, replacements, name="doc.txt"):
    text = seed(prefix).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def hits(fs, rule):
    return [(f.line, f.excerpt) for f in fs if f.rule == rule]


def test_family_loads_its_documented_rules():
    sel = Selection(select=["BL3"])
    rules = load_rules(sel)
    assert [r.code for r in rules] == [f"BL3{n:02d}" for n in range(1, 17)]
    for r in rules:
        doc = type(r).__doc__
        for part in ("*What it does*", "*Why it matters*", "*Bad*", "*Good*"):
            assert part in doc, (r.code, part)
        assert r.name and r.name == r.name.lower() and " " not in r.name


def test_stale_years_in_seed_004():
    fs = findings(seed("004"))
    got = hits(fs, "BL301")
    assert (1362, "2020年") in got and (1365, "2021年") in got
    assert len(got) == 2  # 较2024年, 与2024年相比, 2025年底, 【2024】, 截止时间 stay silent
    sug = {f.line: f.suggestion for f in fs if f.rule == "BL301"}
    assert sug[1362] == "2025年"


def test_wrong_comparison_base(tmp_path):
    p = edited(tmp_path, "000", [("较2022年增加13.71万元", "较2021年增加13.71万元")])
    got = [f for f in findings(p, ["BL301"])]
    assert [(f.line, f.excerpt, f.suggestion) for f in got] == [(1409, "2021年", "2022年")]


def test_stale_years_in_chinese_numerals(tmp_path):
    p = edited(tmp_path, "004", [("2020年底网上可办", "二〇二〇年底网上可办"), ("组织好2021年", "组织好二零二一年"),
                                 ("较2024年预算增加", "较二〇二四年预算增加")])
    got = [(f.line, f.excerpt, f.suggestion) for f in findings(p, ["BL301"])]
    assert got == [(1362, "二〇二〇年", "二〇二五年"), (1365, "二零二一年", "二零二五年")]  # 较二〇二四年: the base


def test_chinese_numeral_dates_and_numbers_are_not_stale_years(tmp_path):
    p = edited(tmp_path, "004", [("2020年底网上可办", "截至二〇二〇年十二月三十一日网上可办"),
                                 ("组织好2021年", "组织好一二三四项")])
    assert not findings(p, ["BL301"])


def test_table_year_and_amounts_that_look_like_years(tmp_path):
    p = edited(tmp_path, "000", [("\t预算年度：2023\n\t单位：万元\n\n\t序号\n\t功能分类科目\n\t合计\n\t基本支出",
                                  "\t预算年度：2022\n\t单位：万元\n\n\t序号\n\t功能分类科目\n\t合计\n\t基本支出"),
                                 ("项目支出30万元", "项目支出2019.5万元")])
    got = hits(findings(p, ["BL301"]), "BL301")
    assert len(got) == 1 and got[0][1] == "2022"


def test_placeholders_in_seed_003():
    fs = findings(seed("003"))
    got = [(f.line, f.excerpt, f.severity) for f in fs if f.rule == "BL302"]
    assert [g for g in got if g[1] == "目标内容1"] == [(78, "目标内容1", "error"), (188, "目标内容1", "error"),
                                                     (298, "目标内容1", "error")]
    assert (119, "经济效益指标", "warning") in got


@pytest.mark.parametrize("placeholder", ["XX", "××", "某某", "【请填写】", "待补充", "（此处填写项目名称）"])
def test_placeholder_patterns(tmp_path, placeholder):
    p = edited(tmp_path, "000", [("认真走好网上群众路线", f"认真走好{placeholder}网上群众路线")])
    got = hits(findings(p, ["BL302"]), "BL302")
    assert len(got) == 1 and got[0][0] == 1419


def test_placeholder_silent_on_finished_text():
    for prefix in ("000", "001", "002", "004"):
        assert not hits(findings(seed(prefix), ["BL302"]), "BL302"), prefix


def test_replace_damage_in_seed_000_and_silent_on_market():
    fs = findings(seed("000"), ["BL303"])
    assert [(f.line, f.excerpt, f.suggestion) for f in fs] == [
        (1378, "县场", "市场"), (1383, "县场", "市场"), (1384, "县场", "市场")]
    assert not findings(seed("004"), ["BL303"])  # 市场秩序, 市场监管 in a district document


@pytest.mark.parametrize("word,damaged,want", [("城市", "城县", "城市"), ("社区", "社县", "社区")])
def test_replace_damage_generic(tmp_path, word, damaged, want):
    p = edited(tmp_path, "000", [("营造发展的良好舆论氛围", f"营造{damaged}发展的良好舆论氛围")])
    got = findings(p, ["BL303"])
    assert (1419, damaged, want) in [(f.line, f.excerpt, f.suggestion) for f in got]


def test_replace_damage_district_document(tmp_path):
    p = edited(tmp_path, "004", [("规范市场秩序", "规范区场秩序")])
    got = findings(p, ["BL303"])
    assert [(f.line, f.excerpt, f.suggestion) for f in got] == [(1354, "区场", "市场")]


def test_replace_damage_after_a_word_holding_the_level_character(tmp_path):
    """服务区 is a word, but in 服务区场 the 场 is left over: the text is 服务市场 damaged."""
    p = edited(tmp_path, "004", [("规范市场秩序", "规范服务区场秩序")])
    got = findings(p, ["BL303"])
    assert [(f.line, f.excerpt, f.suggestion) for f in got] == [(1354, "区场", "市场")]


@pytest.mark.parametrize("text", ["规范社区场所秩序", "规范服务区场所秩序", "规范城乡社区秩序", "推动县区和乡镇",
                                  "规范服务区秩序"])
def test_replace_damage_silent_when_every_character_reads_as_a_word(tmp_path, text):
    p = edited(tmp_path, "004", [("规范市场秩序", text)])
    assert not findings(p, ["BL303"])


def _banner(tmp_path, replacements=()):
    text = seed("000").read_text(encoding="utf-8")
    text = text.replace("平乡县", "平乡旗").replace("全县", "全旗").replace("县委", "旗委").replace("县级", "旗级")
    text = text.replace("服务县场", "服务旗场")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    p = tmp_path / "banner.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_replace_damage_in_a_banner_document(tmp_path):
    """A banner (旗) names itself 全旗 / 旗委 although its level is a county's: the damage is 旗场."""
    p = _banner(tmp_path, [("营造发展的良好舆论氛围", "在国旗下营造旗帜鲜明的良好舆论氛围")])
    assert read_document(str(p)).meta.region == "平乡旗"
    got = findings(p, ["BL303"])
    assert [(f.line, f.excerpt, f.suggestion) for f in got] == [
        (1378, "旗场", "市场"), (1383, "旗场", "市场"), (1384, "旗场", "市场")]  # 纳入旗级财政, 国旗, 旗帜: silent


def test_wrong_level_words():
    got = hits(findings(seed("001"), ["BL304"]), "BL304")
    assert (32, "我省") in got and (644, "省级财政") in got and len(got) == 2
    got3 = hits(findings(seed("003"), ["BL304"]), "BL304")
    assert (28, "全省") in got3 and (201, "涉冀") in got3
    assert not findings(seed("000"), ["BL304"]) and not findings(seed("004"), ["BL304"])


def test_county_word_in_district_document(tmp_path):
    p = edited(tmp_path, "004", [("统筹协调全区网络安全保障体系", "统筹协调全县网络安全保障体系")])
    got = hits(findings(p, ["BL304"]), "BL304")
    assert got == [(1313, "全县")]


def test_wider_jurisdiction_words_of_any_province_and_field_stay_silent(tmp_path):
    # 广东全省 (any province's name, not only the seeds' 河北), 全省教育系统 (any field's system,
    # not only 网信系统) name the wider jurisdiction; 全省网络安全保障体系 is still the province's words
    p = edited(tmp_path, "000", [("部门职责：", "部门职责：配合广东全省网络安全检查，统筹全省教育系统，"
                                  "统筹全省网络安全保障体系。")])
    got = [f for f in findings(p, ["BL304"]) if f.line == 1371]
    assert [(f.excerpt, f.column) for f in got] == [("全省", 30)]


def test_another_countys_body_is_no_replace_damage(tmp_path):
    # 临城县教育局 is a body of another county (城县 is no 城市 damage), like X县人民政府
    p = edited(tmp_path, "000", [("部门职责：", "部门职责：会同临城县教育局、威县卫健局开展工作。")])
    assert not [f for f in findings(p, ["BL303"]) if f.line == 1371]


def test_department_name_mismatch():
    got = findings(seed("001"), ["BL305"])
    assert [(f.line, f.suggestion) for f in got] == [(546, "中共石家庄市鹿泉区委网络安全和信息化委员会办公室")]
    for prefix in ("000", "002", "003", "004"):
        assert not findings(seed(prefix), ["BL305"]), prefix


def test_typos_in_seeds():
    got0 = [(f.line, f.excerpt, f.suggestion) for f in findings(seed("000"), ["BL306"])]
    assert got0 == [(1381, "技木", "技术"), (1438, "相关之策", "相关政策")]
    got4 = [(f.line, f.excerpt) for f in findings(seed("004"), ["BL306", "BL307"])]
    assert sorted(e for _, e in got4) == sorted(["智能部门", "智能部门", "转栽", "煤体", "煤体", "奥情", "奥情", "奥情", "輿"])


def test_correct_words_never_fire(tmp_path):
    p = edited(tmp_path, "000", [("认真走好网上群众路线", "成效显著，结余情况良好，采购制度健全，职能部门、新兴媒体与舆情监测，认真走好网上群众路线")])
    assert not [f for f in findings(p, ["BL306", "BL307"]) if f.line == 1419]


def test_numbering_breaks():
    got4 = [(f.line, f.excerpt, f.suggestion) for f in findings(seed("004"), ["BL308"])]
    assert (1355, "6、", "六、") in got4
    assert (1343, "（一）", None) in got4
    assert [g for g in got4 if g[0] == 1352] == []  # （三）工作保障措施 continues the outer list
    got3 = [(f.line, f.excerpt) for f in findings(seed("003"), ["BL308"])]
    assert got3 == [(30, "一、")]
    assert not findings(seed("000"), ["BL308"])
    assert not findings(seed("001"), ["BL308"])  # 六、 swallowed into a table cell is still 六、


def test_numbering_skip_and_duplicate(tmp_path):
    p = edited(tmp_path, "000", [("[bookmark: _Toc_3_3_0000000012]三、机关运行经费", "[bookmark: _Toc_3_3_0000000012]四、机关运行经费")])
    got = [(f.line, f.excerpt, f.suggestion) for f in findings(p, ["BL308"])]
    assert got == [(1411, "四、", "三、"), (1413, "四、", "五、")]


def test_punctuation_defects():
    got = [(f.line, f.excerpt) for f in findings(seed("000"), ["BL309"])]
    assert (1435, "，，") in got and (1752, "“”") in got and (1381, "`") in got and (1414, ")") in got
    assert not findings(seed("001"), ["BL309"])


def test_empty_table_note(tmp_path):
    assert not findings(seed("000"), ["BL310"]) and not findings(seed("004"), ["BL310"])
    p = edited(tmp_path, "000", [("注：无国有资本经营预算财政拨款预算，空表列示。", "注：无政府基金预算财政拨款预算，空表列示。")])
    got = [(f.line, f.suggestion) for f in findings(p, ["BL310"])]
    assert got == [(1334, "国有资本经营")]
    # the note gone, and the narrative no longer says there is no “三公” budget (that sentence
    # would explain the empty table in its place)
    p2 = edited(tmp_path, "004", [("注：无财政拨款“三公”经费支出预算，空表列示。\n", ""),
                                  ("主要原因是无“三公”经费预算", "主要原因是压减一般性支出")], name="d2.txt")
    got2 = [f.line for f in findings(p2, ["BL310"])]
    assert got2 == [1275]


def test_scope_mismatch(tmp_path):
    assert not findings(seed("000"), ["BL311"])
    p = edited(tmp_path, "004", [("[bookmark: _Toc_2_2_0000000007]部门预算政府性基金", "[bookmark: _Toc_2_2_0000000007]单位预算政府性基金")])
    got = [(f.line, f.excerpt, f.suggestion) for f in findings(p, ["BL311"])]
    assert got == [(1207, "单位", "部门")]


def test_duplicated_word():
    assert [(f.line, f.excerpt) for f in findings(seed("003"), ["BL312"])] == [(22, "满意度满意度")]
    for prefix in ("000", "001", "002", "004"):
        assert not findings(seed(prefix), ["BL312"]), prefix


def test_numerals_repeating_in_a_number_are_not_duplicated_words(tmp_path):
    p = edited(tmp_path, "003", [("满意度满意度", "二〇二〇年满意度")])
    assert not findings(p, ["BL312"])
    p = edited(tmp_path, "003", [("满意度满意度", "二〇二〇年预算预算")], name="doc2.txt")
    assert [(f.excerpt, f.suggestion) for f in findings(p, ["BL312"])] == [("预算预算", "预算")]


def test_expected_files_cover_every_seed():
    for p in SEEDS.glob("*.txt"):
        data = json.loads((ROOT / "corpus" / "expected" / "BL3" / f"{p.stem}.json").read_text(encoding="utf-8"))
        assert data["traps"], p.name


# --- behaviour measured on the Shanghai sample PDFs and small edits of the seeds ---------

SAMPLES = ROOT / "corpus" / "samples"


def test_quote_closed_on_the_next_line_of_the_paragraph(tmp_path):
    p = edited(tmp_path, "000", [("2023年我部门财政拨款“三公”经费预算安排0万元",
                                  "2023年我部门财政拨款“三\n公”经费预算安排0万元")])
    assert not [f for f in findings(p, ["BL309"]) if f.excerpt in ("“", "”")]
    # a quote that the next line does not close is still reported, once, where it opens
    p2 = edited(tmp_path, "000", [("2023年我部门财政拨款“三公”经费预算安排0万元",
                                   "2023年我部门财政拨款“三\n公经费预算安排0万元")], name="d2.txt")
    got = [(f.line, f.excerpt) for f in findings(p2, ["BL309"]) if f.excerpt in ("“", "”")]
    assert got == [(1414, "“")]
    # a PDF whose line breaks inside “三/公” (财政局 决算, page 23)
    pdf = findings(SAMPLES / "2024_putuo_caizhengju_dept_final.pdf", ["BL309"])
    assert not pdf


def test_mixed_width_brackets_once_per_defect():
    got = [f for f in findings(SAMPLES / "2025_putuo_shangwuwei_dept_budget.pdf", ["BL309"])]
    assert len(got) == 8 and {f.excerpt for f in got} == {")"} and {f.suggestion for f in got} == {"）"}
    assert len({(f.line, f.column) for f in got}) == 8


def test_numbering_restarts_after_a_part_title(tmp_path):
    assert not findings(SAMPLES / "2025_putuo_qufuban_dept_budget.pdf", ["BL308"])
    base = "[bookmark: _Toc_3_3_0000000012]三、机关运行经费"
    # an unnumbered part title before a new 一、 list: silent
    p = edited(tmp_path, "000", [(base, "网络安全宣传项目经费情况说明\n[bookmark: _Toc_3_3_0000000012]一、机关运行经费")])
    assert not [f for f in findings(p, ["BL308"]) if f.excerpt == "一、"]
    # the same restart after a sentence (not a title): reported
    p2 = edited(tmp_path, "000", [(base, "本部门按照要求认真开展工作，取得了良好成效。\n[bookmark: _Toc_3_3_0000000012]一、机关运行经费")],
                name="d2.txt")
    assert [f.excerpt for f in findings(p2, ["BL308"]) if f.excerpt == "一、"] == ["一、"]


def test_scope_silent_on_the_classification_name():
    assert not findings(SAMPLES / "2025_putuo_qufuban_unit_budget.pdf", ["BL311"])


def test_placeholders_one_finding_a_line(tmp_path):
    p = edited(tmp_path, "000", [("认真走好网上群众路线", "认真走好XX网上XXX群众路线，增长（下降）XX%")])
    got = findings(p, ["BL302"])
    assert len(got) == 1 and got[0].severity == "error" and "共 4 处" in got[0].message
    fs = findings(SAMPLES / "2024_shanghai_dept_final_TEMPLATE_XX.pdf", ["BL302"])
    assert len({f.line for f in fs}) == len(fs) and len(fs) < 80


def test_template_alternatives_and_instructions():
    got = [(f.page, f.excerpt) for f in findings(SAMPLES / "2024_putuo_guiziju_dept_final.pdf", ["BL302"])]
    assert got == [(25, "下降（增长）")]
    got = [(f.page, f.excerpt) for f in findings(SAMPLES / "2024_putuo_shegongbu_dept_final.pdf", ["BL302"])]
    assert got == [(15, "仍保留该表格式"), (16, "仍保留该表格式")]
    for stem in ("2024_putuo_caizhengju_dept_final", "2025_putuo_shangwuwei_dept_budget"):
        assert not findings(SAMPLES / f"{stem}.pdf", ["BL302"]), stem  # 增加（含…）, （项） stay silent


def test_department_name_in_titles_and_variants():
    got = [(f.page, f.excerpt) for f in findings(SAMPLES / "2024_putuo_guiziju_dept_final.pdf", ["BL305"])]
    assert got[0] == (7, "上海市规划和自然资源局")
    assert got[1:] == [(26, "上海市普陀区规划与自然资源局")] * 3
    for stem in ("2024_putuo_caizhengju_dept_final", "2024_putuo_shegongbu_dept_final", "2025_putuo_qufuban_dept_budget"):
        assert not findings(SAMPLES / f"{stem}.pdf", ["BL305"]), stem


def test_curated_typos(tmp_path):
    p = edited(tmp_path, "000", [("认真走好网上群众路线", "征收集体士地，保障爱国人士地位，记帐凭证，认真走好网上群众路线")])
    got = [(f.excerpt, f.suggestion) for f in findings(p, ["BL306"]) if f.line == 1419]
    assert got == [("士地", "土地"), ("记帐", "记账")]


def test_note_calling_a_table_with_amounts_empty():
    got = [(f.page, f.excerpt) for f in findings(SAMPLES / "2024_putuo_wanli_jiedao_dept_budget.pdf", ["BL310"])]
    assert got == [(31, "本表为空表")]
    # the 2025 edition prints the same table with its amounts and without the note
    assert not findings(SAMPLES / "2025_putuo_wanli_jiedao_dept_budget.pdf", ["BL310"])


def test_expected_files_cover_every_sample():
    for p in SAMPLES.glob("*.pdf"):
        data = json.loads((ROOT / "corpus" / "expected" / "BL3" / f"{p.stem}.json").read_text(encoding="utf-8"))
        assert data["traps"], p.name

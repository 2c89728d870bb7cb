"""The structure pass on real documents: sections, table kinds, titles, units, header rows,
column keys, row keys and metadata — the same for the three formats of a seed."""
import pytest

from conftest import CORPUS, SEEDS, seed

NINE = ["budget_summary", "budget_income", "budget_expense", "budget_fiscal_summary", "budget_gpb_expense",
        "budget_gpb_basic", "budget_fund", "budget_soe", "budget_three_public"]


def read(path):
    from linter.readers import read_document

    return read_document(str(path))


@pytest.fixture(scope="module")
def d000():
    return read(seed("000"))


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_nine_tables_in_order_with_units_and_year(prefix):
    doc = read(seed(prefix))
    kinds = [t.kind for t in doc.tables if t.kind in NINE]
    assert kinds == NINE
    for t in doc.tables:
        if t.kind in NINE:
            assert t.unit == "万元" and t.meta["预算年度"] == str(doc.meta.year)
            # the unit code printed before the department's name is kept apart
            assert t.meta["编制单位"] == doc.meta.department and t.meta["单位编码"].isdigit()


def test_header_rows_and_column_keys_of_spanless_grids(d000):
    income = d000.tables_of("budget_income")[0]
    assert income.header_rows == 3  # two label rows and the 栏次 row
    assert income.columns[3:6] == ["合计", "小计", "财政拨款"] and income.columns[-1] == "上年结转"
    assert income.column_labels[4] == "本年收入/小计"
    fiscal = d000.tables_of("budget_fiscal_summary")[0]
    assert fiscal.columns == ["序号", "项目", "金额", "项目", "合计", "一般公共预算", "政府性基金", "国有资本经营"]
    assert fiscal.column_labels[1].startswith("收入/") and fiscal.column_labels[3].startswith("支出/")


def test_empty_tables_keep_their_headers(d000):
    # 空表列示: no data row, yet the header rows (through 栏次) and column keys are known
    for kind in ("budget_fund", "budget_soe", "budget_three_public"):
        t = d000.tables_of(kind)[0]
        assert t.is_empty() and t.header_rows == 3
    assert d000.tables_of("budget_fund")[0].columns[3:] == ["合计", "基本支出", "项目支出"]
    assert d000.tables_of("budget_three_public")[0].columns[2:] == ["合计", "一般公共预算", "政府性基金", "国有资本经营"]


def test_row_keys_codes_and_names(d000):
    exp = d000.tables_of("budget_expense")[0]
    info = exp.row_info
    assert len(info) == len(exp.data_rows())
    assert [(i.code, i.level) for i in info[:4]] == [("", 0), ("201", 1), ("20137", 2), ("2013701", 3)]
    assert info[0].name == "合计"
    # amounts are not codes: 107.54 in the 收支总表 stays a number
    summary = d000.tables_of("budget_summary")[0]
    assert all(i.code == "" for i in summary.row_info)


def test_values_keep_printed_precision_and_blank_is_not_zero(d000):
    basic = d000.tables_of("budget_gpb_basic")[0]
    row = basic.data_rows()[basic.row_info.index(next(i for i in basic.row_info if i.code == "30229"))]
    amounts = [c for c in row if c.col >= 3]
    assert [c.number.decimals if c.number else None for c in amounts] == [2, None, 2]
    assert amounts[1].blank and amounts[1].number is None


def test_self_evaluation_titles_a_few_lines_above(tmp_path):
    doc = read(seed("002"))
    evals = doc.tables_of("self_evaluation")
    assert len(evals) == 5
    for t in evals:
        assert t.title == "部门预算项目绩效自评表" and t.unit == "万元"
        assert t.meta["编制单位"] == "中共元氏县委网络安全和信息化委员会办公室"
        assert t.title_line < t.first_line - 3  # （2022年度）/填报单位/金额单位 lines between


def test_title_inside_the_grid_and_meta_row():
    doc = read(seed("001"))
    assets = doc.tables_of("assets")[0]
    assert assets.title == "固定资产占用情况表" and assets.unit == "万元"
    assert assets.meta["截止时间"] == "2019年12月31日"
    assert assets.columns == ["项目", "数量", "金额"]


@pytest.mark.parametrize("prefix,meta", [
    ("000", ("预算", "部门", "县", "平乡县", 2023)),
    ("001", ("预算", "部门", "区", "鹿泉区", 2020)),
    ("002", ("绩效自评", "部门", "县", "元氏县", 2022)),
    ("003", ("绩效目标", "部门", "县", "玉田县", 2023)),
    ("004", ("预算", "部门", "区", "开平区", 2025)),
])
def test_metadata(prefix, meta):
    m = read(seed(prefix)).meta
    assert (m.doc_type, m.scope, m.level, m.region, m.year) == meta
    assert m.department.startswith("中共") and m.department.endswith("办公室")


def test_sections_keep_number_tokens(d000):
    parts = [s for s in d000.sections.children if s.number == "第一部分"]
    assert parts, "第一部分 heading"
    first = parts[0]
    assert [c.number for c in first.children][:5] == ["一、", "二、", "三、", "四、", "五、"]
    two = first.children[1]
    assert [c.number for c in two.children] == ["1、", "2、", "3、"] and two.children[0].title == "收入说明"
    # bookmarked table titles are headings too
    assert any(s.title == "部门预算收支总表" for s in d000.sections.walk())
    sec = d000.section_of(two.children[0].line + 1)
    assert sec is two.children[0]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("prefix", ["000", "004"])
def test_same_nine_tables_in_every_format(prefix, fmt):
    def view(doc):
        out = []
        for t in doc.tables:
            if t.kind not in NINE:
                continue
            rows = [(i.code, i.name, tuple((t.columns[c.col], c.text.replace(" ", "")) for c in r if c.number))
                    for r, i in zip(t.data_rows(), t.row_info)]
            out.append((t.kind, t.unit, t.header_rows, tuple(t.columns), tuple(rows)))
        return out

    txt, other = read(seed(prefix)), read(seed(prefix, fmt))
    assert view(other) == view(txt)
    assert other.meta == txt.meta or (other.meta.department, other.meta.year, other.meta.region) == \
        (txt.meta.department, txt.meta.year, txt.meta.region)


SAMPLES = CORPUS / "samples"


@pytest.fixture(scope="module")
def qufuban():
    return read(SAMPLES / "2025_putuo_qufuban_dept_budget.pdf")


def test_shanghai_budget_kinds_units_and_metadata(qufuban):
    kinds = [t.kind for t in qufuban.tables if t.kind in NINE]
    assert sorted(kinds) == sorted(NINE)
    units = {t.kind: t.unit for t in qufuban.tables}
    assert units["budget_summary"] == "元" and units["budget_three_public"] == "万元"
    m = qufuban.meta
    assert (m.department, m.year, m.doc_type, m.scope, m.level, m.region) == \
        ("上海市普陀区人民政府办公室", 2025, "预算", "部门", "区", "普陀区")


def test_shanghai_split_class_columns_give_codes(qufuban):
    t = qufuban.tables_of("budget_expense")[0]
    codes = [i.code for i in t.row_info]
    assert "201" in codes and "20103" in codes and "2010301" in codes
    basic = qufuban.tables_of("budget_gpb_basic")[0]
    assert [i.code for i in basic.row_info][:2] == ["301", "30101"]
    assert basic.columns[-3:] == ["合计", "人员经费", "公用经费"]


def test_shanghai_unit_budget_scope_and_one_digit_kuan():
    unit = read(SAMPLES / "2025_putuo_qufuban_unit_budget.pdf")
    assert unit.meta.scope == "单位"
    wanli = read(SAMPLES / "2024_putuo_wanli_jiedao_dept_budget.pdf")
    basic = wanli.tables_of("budget_gpb_basic")[0]
    codes = [i.code for i in basic.row_info]
    assert "30102" in codes and "30107" in codes  # printed as 301 | 2 and 301 | 7


def test_shanghai_final_tables():
    doc = read(SAMPLES / "2024_putuo_shegongbu_dept_final.pdf")
    kinds = {t.kind for t in doc.tables}
    assert {"final_summary", "final_income", "final_expense", "final_fiscal_summary", "final_gpb_expense",
            "final_gpb_basic", "final_three_public", "final_fund", "final_soe"} <= kinds
    assert doc.meta.department == "中共上海市普陀区委社会工作部" and doc.meta.doc_type == "决算"


def test_table_of_contents_lines_are_furniture(tmp_path):
    from linter.readers import read_document

    p = tmp_path / "toc.txt"
    p.write_text("目 录\n一、部门主要职能……………………3\n二、部门机构设置……………………4\n\n一、部门主要职能\n"
                 "负责全区工作……（不涉及的不列）。\n二、部门机构设置\n本部门下设1个单位。\n", encoding="utf-8")
    doc = read_document(str(p))
    assert [doc.line(n).kind for n in (2, 3)] == ["furniture", "furniture"]
    assert doc.line(6).kind == "text"  # the ellipsis …… in prose is not a leader
    top = [s.number for s in doc.sections.children]
    assert top == ["一、", "二、"]


# --- 决算 layouts, blank templates, metadata of every sample ---------------------------------

@pytest.mark.parametrize("name,meta", [
    ("2024_putuo_caizhengju_dept_final.pdf", ("上海市普陀区财政局", 2024, "决算", "部门", "区", "普陀区")),
    ("2024_putuo_guiziju_dept_final.pdf", ("上海市普陀区规划和自然资源局", 2024, "决算", "部门", "区", "普陀区")),
    ("2024_putuo_shegongbu_dept_final.pdf", ("中共上海市普陀区委社会工作部", 2024, "决算", "部门", "区", "普陀区")),
    ("2024_putuo_wanli_jiedao_dept_budget.pdf", ("上海市普陀区人民政府万里街道办事处", 2024, "预算", "部门", "区", "普陀区")),
    ("2025_putuo_wanli_jiedao_dept_budget.pdf", ("上海市普陀区人民政府万里街道办事处", 2025, "预算", "部门", "区", "普陀区")),
    ("2025_putuo_qufuban_dept_budget.pdf", ("上海市普陀区人民政府办公室", 2025, "预算", "部门", "区", "普陀区")),
    ("2025_putuo_qufuban_unit_budget.pdf", ("上海市普陀区人民政府办公室", 2025, "预算", "单位", "区", "普陀区")),
    ("2025_putuo_shangwuwei_dept_budget.pdf", ("上海市普陀区商务委员会", 2025, "预算", "部门", "区", "普陀区")),
    # the official template names no real department (上海市XX局): its region is the city's
    ("2024_shanghai_dept_final_TEMPLATE_XX.pdf", (None, 2024, "决算", "部门", "市", "上海市")),
])
def test_metadata_of_every_sample(name, meta):
    m = read(SAMPLES / name).meta
    assert (m.department, m.year, m.doc_type, m.scope, m.level, m.region) == meta


@pytest.mark.parametrize("name", ["2024_putuo_guiziju_dept_final.pdf", "2024_putuo_caizhengju_dept_final.pdf",
                                  "2024_shanghai_dept_final_TEMPLATE_XX.pdf"])
def test_final_three_public_keys_and_measures(name):
    t = read(SAMPLES / name).tables_of("final_three_public")[0]
    assert t.columns == ["合计", "合计", "因公出国", "因公出国", "公务用车", "公务用车", "公车购置", "公车购置",
                         "公车运行", "公车运行", "公务接待", "公务接待"]
    assert t.measures == ["预算数", "决算数"] * 6
    assert t.column_index("公务接待", "决算数") == [11]


def test_lone_measure_is_the_column_name():
    # 收入/决算数 has no sibling of another measure: no measure, key 金额 as before
    t = read(SAMPLES / "2024_putuo_shegongbu_dept_final.pdf").tables_of("final_summary")[0]
    assert t.columns == ["项目", "金额", "项目", "金额"] and not any(t.measures)


def test_two_block_basic_table_rows_keyed_by_left_block():
    t = read(SAMPLES / "2024_putuo_shegongbu_dept_final.pdf").tables_of("final_gpb_basic")[0]
    codes = [i.code for i in t.row_info]
    assert codes[:3] == ["301", "30101", "30102"] and "303" in codes
    assert not any(c.startswith("302") or c.startswith("310") for c in codes)  # right-block codes
    assert t.row_info[0].name == "工资福利支出"


def test_blank_template_tables_keep_items_as_rows():
    doc = read(SAMPLES / "2024_shanghai_dept_final_TEMPLATE_XX.pdf")
    summary = doc.tables_of("final_summary")[0]
    assert summary.header_rows == 2 and summary.columns == ["项目", "金额", "项目", "金额"]
    gpb = doc.tables_of("final_gpb_expense")[0]
    assert gpb.columns == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert [i.code for i in gpb.row_info][:3] == ["205", "20502", "2050205"]


def test_total_beside_sub_labels_is_not_a_label():
    # 决算 基金 table: its 合计 row shares a line with 本年支出's 合计|基本支出|项目支出
    t = read(SAMPLES / "2024_putuo_shegongbu_dept_final.pdf").tables_of("final_fund")[0]
    assert t.columns[:2] == ["科目编码", "科目名称"] and t.column_index("合计") == [4]


@pytest.mark.parametrize("name, expected", [
    ("阜平县东王乡社区事务受理服务中心", ("阜平县", "县")),  # a 社区 is no district
    ("上海市普陀区万里街道社区事务受理服务中心", ("普陀区", "区")),
    ("中共石家庄市栾城区委组织部", ("栾城区", "区")),  # a district whose name ends in 城
    ("上海市普陀区人民政府办公室", ("普陀区", "区")),
    ("平乡县财政局", ("平乡县", "县")),
])
def test_region_of_a_department_name(name, expected):
    from linter.structure import region_of

    assert region_of(name) == expected


@pytest.mark.parametrize("meta", ["编制单位：元氏县河西街道社区事务受理服务中心    单位：万元",
                                  "填报单位：元宝区财政局\t金额单位：万元",
                                  "编制部门：元氏县民政局（单位：万元）"])
def test_a_body_named_after_a_place_starting_with_yuan_is_no_unit(meta):
    """单位：元… inside 编制单位：元氏县… is the start of a name, not the unit 元."""
    from linter.testing import document_from_text

    doc = document_from_text("元氏县民政局2025年单位预算公开\n\n部门收支总表\n" + meta + "\n\n"
                             "| 项目 | 预算数 |\n|---|---|\n| 一般公共预算拨款收入 | 1190.56 |\n| 收入总计 | 1190.56 |\n")
    assert [t.unit for t in doc.tables] == ["万元"]

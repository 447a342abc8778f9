"""Targets (ingest/target_rules.py, ingest/targets.py): one example per form, a quantity with no
goal word for each form that needs one, quoted names taken whole, measures without a number."""
import pytest

from ingest import target_rules as T
from ingest.targets import clauses, find_metrics

# name -> a target written in that form (made-up sentences in the notices' manner)
FORM_EXAMPLES = {
    "percent": "全县火灾亡人数同比下降12.5%",
    "rate_bound": "每万台特种设备死亡率控制在0.2以内",
    "at_least": "每个乡镇至少开展一次疏散演练",
    "frequency": "园区每半年至少召开安全例会2次",
    "cadence": "落实“一月一排查、一季度一通报”机制",
    "count": "辖区8家涉氨企业完成自动化改造",
    "amount": "对达标企业给予最高30万元奖励",
    "area_length": "建成不少于五千平方米的实训基地",
    "duration": "提供最长15天的过渡住宿",
    "bounded_span": "面向18—35岁的务工人员开展技能培训",
    "multiple": "贷款额度最高可放大到3倍",
    "cn_count": "力争培育百家示范企业",
}
# a quantity of a form that needs a goal word, written without one: a fact, not a target
NO_GOAL_EXAMPLES = {
    "percent": "其中道路运输占事故总数的20%",
    "count": "上半年全县发生事故3起",
    "amount": "该项目由县财政列支80万元",
    "area_length": "仓库位于厂区东侧50米处",
    "multiple": "是去年同期的2倍",
}


def test_every_form_has_an_example():
    assert set(FORM_EXAMPLES) == {name for name, _, _ in T.TARGET_FORMS}
    assert set(NO_GOAL_EXAMPLES) == {name for name, _, needs_goal in T.TARGET_FORMS if needs_goal}


@pytest.mark.parametrize("name", [name for name, _, _ in T.TARGET_FORMS])
def test_target_form(name):
    text = FORM_EXAMPLES[name]
    assert dict((n, p) for n, p, _ in T.TARGET_FORMS)[name].search(text)
    assert find_metrics(text) == [text]


@pytest.mark.parametrize("name", sorted(NO_GOAL_EXAMPLES))
def test_a_quantity_without_a_goal_word_is_no_target(name):
    assert find_metrics(NO_GOAL_EXAMPLES[name]) == []


@pytest.mark.parametrize("text", ["2021年，全市开展行动", "某政办发〔2023〕5号", "第3条", "“十四五”时期",
                                  "千方百计保安全", "落实一岗双责", "建立一批示范点"])
def test_numbers_that_are_no_targets(text):
    assert find_metrics(text) == []


@pytest.mark.parametrize("text", [
    "三是开展一次隐患大排查活动",  # 一次: "an" activity, no bound on how often
    "建立一套应急联动机制",
    "组织一次警示教育",
    "加强重点时段巡查检查",
])
def test_measures_without_a_number_are_no_targets(text):
    assert find_metrics(text) == []


def test_a_quoted_name_is_taken_whole():
    text = "力争年底前实现“四个全覆盖”。"
    assert find_metrics(text) == ["力争年底前实现“四个全覆盖”"]
    # a clause end inside the quote does not cut it
    assert find_metrics("全面推行“一企一档，三个清单”管理，覆盖率达到100%。") == \
        ["全面推行“一企一档，三个清单”管理", "覆盖率达到100%"]
    assert clauses("实现“一企一档，三个清单”目标") == ["实现“一企一档，三个清单”目标"]


def test_a_quote_around_a_whole_clause_is_left_out():
    assert find_metrics("提出“隐患整改率达到95%”") == ["提出“隐患整改率达到95%”"]
    assert find_metrics("“隐患整改率达到95%，") == ["隐患整改率达到95%"]


def test_a_quote_left_open_stops_at_the_line_end():
    assert find_metrics("推行“双报告制度\n全县培训不少于200人次。") == ["全县培训不少于200人次"]


def test_the_list_marker_is_no_part_of_the_target():
    assert find_metrics("二是每个班组至少开展一次应急演练，及时修订预案") == ["每个班组至少开展一次应急演练"]
    assert find_metrics("（2）培训覆盖率达到90%") == ["培训覆盖率达到90%"]


def test_a_heading_on_its_own_line_is_no_part_of_a_target():
    assert find_metrics("工作目标\n到2026年底，较大事故起数下降20%。") == ["较大事故起数下降20%"]


def test_quantities_listed_after_a_target_share_its_goal_verb():
    assert find_metrics("选拔培养20名青年骨干，50名后备人才。") == ["选拔培养20名青年骨干", "50名后备人才"]
    assert find_metrics("本季度检查企业120家，其中30家为化工企业。") == []


def test_a_month_in_chinese_numerals_is_no_count():
    assert find_metrics("组织开展六月安全生产月活动") == []

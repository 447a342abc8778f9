"""Who holds a block's duties, in shapes a page set read this round showed (issue 19), each in words of our
own: a block opening with its holder over bare duties, working groups whose owners are their 牵头单位 and
配合单位 fields, "由X全面负责", "X的职责包括", the duties of a body a notice's preface sets up, and names of
bodies and fields the vocabulary lacked."""
import pytest

from ingest import patterns as P
from ingest.bodies import is_public_body
from ingest.prose import leading_subject
from tests.notices import owners, parse, task_with


def test_a_block_opening_with_its_holder_over_bare_duties(tmp_path):
    parsed = parse(tmp_path, "(一)县民政局作为主管部门总体负责救助平台的运行。\n1.负责起草平台管理办法。\n2.负责督促各成员单位使用平台。\n"
                             "(二)县卫生局、县教育局、县慈善基金会等部门根据平台功能做好本部门的网上办理。具体包括:\n"
                             "1.负责公布救助政策。\n")
    assert owners(task_with(parsed, "起草平台")) == {"responsible": ["县民政局"]}
    assert owners(task_with(parsed, "督促各成员单位")) == {"responsible": ["县民政局"]}
    assert owners(task_with(parsed, "公布救助政策")) == {"responsible": ["县卫生局", "县教育局", "县慈善基金会等部门"]}


def test_a_working_group_is_owned_by_its_lead_and_partner_fields(tmp_path):
    parsed = parse(tmp_path, "三、工作机构\n(一)物资保障组。负责救灾物资的采购和调拨。 牵头单位:县商务局 配合单位:县财政局、县交通局\n"
                             "(二)医疗救治组。负责伤员救治。 牵头单位:县卫健局\n")
    assert owners(task_with(parsed, "采购和调拨")) == {"lead": ["县商务局"], "co": ["县财政局", "县交通局"]}
    assert owners(task_with(parsed, "伤员救治")) == {"lead": ["县卫健局"]}


@pytest.mark.parametrize("sentence, holder", [
    ("2、北门城楼,由县城楼文管所全面负责日常安全管理。", ["县城楼文管所"]),
    ("县公安局的职责包括定期检验接送学生的车辆。", ["县公安局"]),
])
def test_holders_named_by_these_phrases(tmp_path, sentence, holder):
    parsed = parse(tmp_path, "二、明确责任\n" + sentence + "\n")
    assert task_with(parsed, sentence[3:9]).responsible_units == holder


def test_the_duties_of_a_body_the_preface_sets_up(tmp_path):
    parsed = parse(tmp_path, "为做好困难群众帮扶,决定成立青石镇困难群众帮扶小组,现将组成人员及主要职责公布如下:\n一、组成人员\n"
                             "组长:王某(镇长)\n成员:镇民政办、镇卫生院\n二、主要职责\n(一)开展困难群众摸底排查。\n(二)协助落实救助政策。\n"
                             "(三)镇派出所要做好重点人员的稳控。\n", header="")
    assert owners(task_with(parsed, "摸底排查")) == {"responsible": ["青石镇困难群众帮扶小组"]}
    assert owners(task_with(parsed, "救助政策")) == {"responsible": ["青石镇困难群众帮扶小组"]}
    assert owners(task_with(parsed, "重点人员")) == {"responsible": ["镇派出所"]}
    assert [t.text for t in parsed.tasks if "组长" in t.text] == []  # who the group is made of is no duty


def test_a_post_under_the_duties_heading_is_no_body(tmp_path):
    parsed = parse(tmp_path, "为做好防汛,特成立防汛工作领导小组。\n二、主要职责\n2. 组长职责\n组长全面负责防汛工作的部署。\n", header="")
    assert owners(task_with(parsed, "防汛工作的部署")) == {}


def test_items_naming_whoever_must_keep_their_own_subjects(tmp_path):
    parsed = parse(tmp_path, "决定成立运动会工作领导小组。\n二、工作职责\n(一)一中、二中和实验中学要制定应急预案。\n", header="")
    assert owners(task_with(parsed, "应急预案")) == {}


@pytest.mark.parametrize("name", ["县慈善基金会", "市建筑业协会", "各县市"])
def test_bodies_the_vocabulary_now_knows(name):
    assert is_public_body(name)


@pytest.mark.parametrize("clause, subject", [
    ("新闻宣传、广电部门要开展公益宣传。", ["新闻宣传", "广电部门"]),
    ("各县市、各有关部门要建立应急保障体系。", ["各县市", "各有关部门"]),
])
def test_subjects_with_fields_and_places_named_in_these_ways(clause, subject):
    assert leading_subject(clause)[0] == subject


def test_a_purpose_clause_after_a_comma_is_no_name():
    assert leading_subject("便于部门及时采取对策。") is None


@pytest.mark.parametrize("line, style", [("4.1.1人员保障", "decimal3"), ("4.1应急保障", "decimal2"), ("(壹)编制规划", "paren_cn")])
def test_headings_numbered_in_these_ways(line, style):
    assert P.match_heading(line)[0] == style


def test_a_decimal_with_one_dot_before_a_count_is_a_quantity():
    assert P.match_heading("3.5万人参加演练") is None


def test_a_heading_that_gives_a_body_its_work_is_a_task_too(tmp_path):
    parsed = parse(tmp_path, "(一)县民政局作为主管部门总体负责救助平台的运行。\n1.负责起草平台管理办法。\n")
    heading = [t for t in parsed.tasks if "总体负责" in t.text and "起草" not in t.text]
    assert [owners(t) for t in heading] == [{"responsible": ["县民政局"]}]


def test_a_holders_duty_opening_with_what_it_goes_by_then_working_with_others(tmp_path):
    parsed = parse(tmp_path, "一、乡防汛指挥部主要职责\n(1)负责汛情监测。\n(2)按照上级要求,配合民政、住建等部门开展住房安全排查。\n")
    assert owners(task_with(parsed, "住房安全排查")) == {"lead": ["民政", "住建等部门"], "co": ["乡防汛指挥部"]}


def test_standing_requirements_are_not_dated_by_the_activitys_period(tmp_path):
    parsed = parse(tmp_path, "一、目标任务\n(一)新建堤防6公里(各街道牵头、区水务局配合)。\n二、时间安排\n即日起至2025年3月31日。\n"
                             "三、工作要求\n(一)加强组织领导。区水务局要大力推进节水行动。\n")
    assert task_with(parsed, "新建堤防").deadline_norm == "2025-03"
    assert task_with(parsed, "节水行动").deadline_norm == ""


def test_in_a_notice_naming_its_owners_its_groups_and_collectives_are_bound(tmp_path):
    parsed = parse(tmp_path, "三、工作机构\n(一)物资保障组。负责救灾物资的采购。 牵头单位:县商务局\n(二)医疗救治组。负责伤员救治。 牵头单位:县卫健局\n"
                             "(三)宣传组。负责宣传报道。 牵头单位:县委宣传部\n四、工作要求\n(一)加强协作。各部门各单位要抽调骨干人员专职从事救灾工作。\n"
                             "(二)细化方案。各工作组要制定具体实施计划。\n")
    assert owners(task_with(parsed, "抽调骨干")) == {"responsible": ["各部门", "各单位"]}
    assert owners(task_with(parsed, "实施计划")) == {"responsible": ["各工作组"]}


@pytest.mark.parametrize("line, body", [
    ("(4)县人民政府主要领导要带队开展督导检查,确保措施落实。县动物防疫站要履行检疫职责。", ["县人民政府"]),
    ("(5)各沿海镇政府分管领导必须到渔港码头检查防风工作。", ["各沿海镇政府"]),
])
def test_a_bodys_leading_official_doing_its_work_names_the_body(tmp_path, line, body):
    parsed = parse(tmp_path, "二、工作措施\n" + line + "\n")
    assert parsed.tasks[0].responsible_units == body


@pytest.mark.parametrize("sentence, expected", [
    ("(三)县发改、经贸等局依职责协助有关治超工作。", {"responsible": ["县发改", "经贸等局"]}),
    ("(四)县自然资源局协助负责河道规划。", {"responsible": ["县自然资源局"]}),
    ("(五)县公安局协助县交通局做好治超工作。", {"lead": ["县交通局"], "co": ["县公安局"]}),
    ("(六)县应急局负责,县公安局协助。", {"lead": ["县应急局"], "co": ["县公安局"]}),
])
def test_assisting_no_one_named_is_the_bodys_own_work(tmp_path, sentence, expected):
    parsed = parse(tmp_path, "二、工作分工\n" + sentence + "\n")
    assert owners(task_with(parsed, sentence[3:9])) == expected


def test_the_levels_of_a_place_with_a_remark_and_the_hygiene_committee(tmp_path):
    parsed = parse(tmp_path, "四、责任分工\n(一)各县区政府要深入开展春季爱国卫生运动。青山县以城区为重点。同时,各县(市)区要搞好灭鼠工作。"
                             "爱卫会要组织专家做好鼠密度调查。\n")
    assert owners(task_with(parsed, "灭鼠工作")) == {"responsible": ["各县(市)区"]}
    assert owners(task_with(parsed, "鼠密度调查")) == {"responsible": ["爱卫会"]}


@pytest.mark.parametrize("sentence, expected", [
    ("镇政府也将各司其职,积极配合公安、教育等部门,共同维护学生安全。", {"lead": ["公安", "教育等部门"], "co": ["镇政府"]}),
    ("巡特警部门要配合好交警工作。", {"lead": ["交警"], "co": ["巡特警部门"]}),
    ("交管站配合交警中队,严查酒驾醉驾。", {"lead": ["交警中队"], "co": ["交管站"]}),
])
def test_a_subject_helping_bodies_it_names_takes_part_and_they_lead(tmp_path, sentence, expected):
    from ingest.prose import prose_owners
    explicit, subjects = prose_owners(sentence)
    assert {r: u for r, u in (("lead", explicit.lead), ("co", explicit.co)) if u} == expected

"""One example per owner rule (ingest/owner_rules.py) and the places annotations stand.
Every sentence here is written for this test in the form notices use."""
import pytest

from ingest import owner_rules as R
from ingest.owners import (
    annotations,
    apply_convention,
    bracket_groups,
    find_convention,
    parse_owner_block,
    parse_role_phrase,
)
from ingest.prose import leading_subject, prose_owners


def roles(owners):
    return {role: getattr(owners, role) for role in ("lead", "co", "responsible") if getattr(owners, role)}


@pytest.mark.parametrize("label", list(R.ROLE_LABELS))
def test_role_label(label):
    role = "responsible" if label in R.LEAD_IF_PAIRED else R.ROLE_LABELS[label]  # alone, they name no lead
    value = "2021年12月" if role == "deadline" else "市应急局、市公安局"
    owners = parse_owner_block(f"{label}：{value}")
    if role == "deadline":
        assert owners.deadline == "2021年12月"
    elif role == "person":
        assert owners is None or not owners.has_units()
    else:
        assert getattr(owners, role) == ["市应急局", "市公安局"] and owners.source == "label"


def test_labels_with_remarks_and_both_widths():
    owners = parse_owner_block("牵头责任单位：县委宣传部、县应急局，协同责任单位：县安委会各成员单位。"
                               "各镇落实属地管理责任，以下不再重复列出")
    # the towns that answer for their area are responsible too (as the web dev set's gold reads it)
    assert roles(owners) == {"lead": ["县委宣传部", "县应急局"], "co": ["县安委会各成员单位"], "responsible": ["各镇"]}
    owners = parse_owner_block("完成时限:2021年12月,牵头单位:市应急局,配合单位:市公安局、市市场监管局")
    assert roles(owners) == {"lead": ["市应急局"], "co": ["市公安局", "市市场监管局"]}
    assert owners.deadline == "2021年12月"
    owners = parse_owner_block("责任单位：街道安委会办公室、应急办牵头，街道安委会有关成员单位组织实施；"
                               "完成时限：2024年8月底前取得明显成效，并长期坚持")
    assert roles(owners) == {"lead": ["街道安委会办公室", "应急办"], "co": ["街道安委会有关成员单位"]}


def test_run_in_labels_without_separators():
    owners = parse_owner_block("牵头单位：区住建局配合单位：区城管局、各街道")
    assert roles(owners) == {"lead": ["区住建局"], "co": ["区城管局", "各街道"]}


def test_a_unit_named_like_a_label_is_a_unit():
    owners = parse_owner_block("牵头单位：市委组织部，配合单位：各项目牵头单位，各区、县级市")
    assert owners.co == ["各项目牵头单位", "各区", "县级市"]


CONVENTION_EXAMPLES = {  # name -> (statement, list as written, expected roles)
    "before_first_comma_leads": ("第一个逗号前为牵头单位，下同", "市科技局、市数据局，市委网信办、市电信分公司",
                                 {"lead": ["市科技局", "市数据局"], "co": ["市委网信办", "市电信分公司"]}),
    "before_semicolon_leads": ("分号前为牵头单位", "县应急局；县公安局、县交通运输局",
                               {"lead": ["县应急局"], "co": ["县公安局", "县交通运输局"]}),
    "first_listed_leads": ("列第一位者为牵头单位", "人社部门、财政部门、税务部门",
                           {"lead": ["人社部门"], "co": ["财政部门", "税务部门"]}),
}


@pytest.mark.parametrize("name", [n for n, _ in R.CONVENTIONS])
def test_convention(name):
    statement, listed, expected = CONVENTION_EXAMPLES[name]
    assert find_convention(f"一、目标（某某负责。{statement}）") == name
    owners = apply_convention(listed, name)
    assert roles(owners) == expected and owners.source == f"convention:{name}"


@pytest.mark.parametrize("statement", ["排在首位的为牵头单位", "列第一位的责任单位为牵头单位或汇总单位",
                                       "第一个单位为牵头单位"])
def test_first_listed_statements(statement):
    assert find_convention(statement) == "first_listed_leads"


def test_convention_inside_an_annotation():
    owners = parse_owner_block("县应急局、县公安局负责。列第一位者为牵头单位，下同", "first_listed_leads")
    assert roles(owners) == {"lead": ["县应急局"], "co": ["县公安局"]}
    single = parse_owner_block("县应急局负责", "first_listed_leads")
    assert roles(single) == {"responsible": ["县应急局"]}
    commas = parse_owner_block("责任单位：市科技局、市数据局，市委网信办；第一个逗号前为牵头单位，"
                               "多个牵头部门的按照职责分工负责，下同", "before_first_comma_leads")
    assert roles(commas) == {"lead": ["市科技局", "市数据局"], "co": ["市委网信办"]}


ROLE_EXAMPLES = {
    "lead_co_responsible": ("县环保局牵头，县发改局、县工信局参与，各乡镇人民政府负责落实",
                            {"lead": ["县环保局"], "co": ["县发改局", "县工信局"], "responsible": ["各乡镇人民政府"]}),
    "lead_then_co": ("县应急局牵头，各有关部门分工负责", {"lead": ["县应急局"], "co": ["各有关部门"]}),
    "lead_with_co": ("县委宣传部、县安委会办公室会同各有关部门分工负责",
                     {"lead": ["县委宣传部", "县安委会办公室"], "co": ["各有关部门"]}),
    "responsible_then_co": ("县交通运输局负责，县公安局按职责配合", {"lead": ["县交通运输局"], "co": ["县公安局"]}),
    "co_only": ("县消防救援大队配合", {"co": ["县消防救援大队"]}),
    "responsible": ("县财政局、县消防救援大队分工负责", {"responsible": ["县财政局", "县消防救援大队"]}),
}


def test_leads_who_oversee_and_those_who_take_part():
    assert roles(parse_role_phrase("县环保局、县发改局牵头督导，县公安局、县水务局参与")) == \
        {"lead": ["县环保局", "县发改局"], "co": ["县公安局", "县水务局"]}


def test_a_main_responsible_label_alone_names_who_is_responsible():
    assert roles(parse_owner_block("主要责任单位：各县（市、区）政府，工业园区管委会")) == \
        {"responsible": ["各县（市、区）政府", "工业园区管委会"]}
    assert roles(parse_owner_block("主要责任单位：县住建局；协同配合单位：县城管局")) == \
        {"lead": ["县住建局"], "co": ["县城管局"]}


@pytest.mark.parametrize("name", [n for n, _ in R.ROLE_PHRASES])
def test_role_phrase(name):
    text, expected = ROLE_EXAMPLES[name]
    assert roles(parse_role_phrase(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("县应急局同各有关部门分工负责", {"lead": ["县应急局"], "co": ["各有关部门"]}),
    ("县发展和改革局、县应急局、会同各有关部门分工负责",
     {"lead": ["县发展和改革局", "县应急局"], "co": ["各有关部门"]}),
    ("县文化和旅游局和县综合行政执法局分别牵头，会同县水利局等部门单位",
     {"lead": ["县文化和旅游局", "县综合行政执法局"], "co": ["县水利局等部门单位"]}),
    ("省发展改革委牵头负责，省科技厅、财政厅，各地级以上市人民政府配合",
     {"lead": ["省发展改革委"], "co": ["省科技厅", "财政厅", "各地级以上市人民政府"]}),
    ("江北、江南区政府，临港管委会按职责分工负责", {"responsible": ["江北", "江南区政府", "临港管委会"]}),
    ("团县委负责", {"responsible": ["团县委"]}),
    ("县工商局负责，县商务局配合，县爱卫办指导", {"lead": ["县工商局"], "co": ["县商务局"]}),  # who guides has no part
    ("县交通运输局牵头，县公安局、县应急局按职责配合", {"lead": ["县交通运输局"], "co": ["县公安局", "县应急局"]}),
    # two clauses of units sharing the work (R.SHARED_DUTY_JOIN): one list
    ("县应急局负责，县发改委、县自然资源局按职责分工负责", {"responsible": ["县应急局", "县发改委", "县自然资源局"]}),
    ("X负责", None),  # no unit: not an owner phrase
])
def test_role_phrase_variants(text, expected):
    owners = parse_role_phrase(text)
    assert (roles(owners) if owners else None) == expected


def test_ordinary_brackets_are_not_owners():
    assert parse_owner_block("街道、开发区") is None
    assert parse_owner_block("以下简称安委办") is None
    assert parse_owner_block("2024年修订") is None


def test_bracket_kinds_and_mixed_widths():
    text = "甲（A（乙）丙）丁〔牵头单位：区人社局〕戊【配合单位：区财政局】己(县应急局牵头）"
    inner = [inner for _, _, inner in bracket_groups(text)]
    assert inner == ["A（乙）丙", "牵头单位：区人社局", "配合单位：区财政局", "县应急局牵头"]
    found = annotations(text)
    assert [roles(o) for _, _, o in found] == [
        {"lead": ["区人社局"]}, {"co": ["区财政局"]}, {"lead": ["县应急局"]}]


def test_labels_on_a_line_of_their_own():
    text = "对重大危险源企业开展检查。牵头部门：市应急局；配合部门：市公安局、市生态环境局；完成时间：2023年6月30日前。"
    [(start, _, owners)] = annotations(text)
    assert text[start:].startswith("牵头部门")
    assert roles(owners) == {"lead": ["市应急局"], "co": ["市公安局", "市生态环境局"]}
    assert owners.deadline == "2023年6月30日前"


def test_scope_remark_in_a_unit_is_dropped():
    owners = parse_owner_block("责任单位：各区人民政府〈含开发区、新区管委会，下同〉、市财政局")
    assert owners.responsible == ["各区人民政府", "市财政局"]


PROSE_EXAMPLES = {  # rule -> (text, roles)
    "by_unit_lead_co": ("由市交通运输局负责，市公安局交警支队配合，全年查处违法行为",
                        {"lead": ["市交通运输局"], "co": ["市公安局交警支队"]}),
    "by_unit_with_co": ("由区科技局会同各街道组织开展年度认定", {"lead": ["区科技局"], "co": ["各街道"]}),
    "co_helps_lead": ("村（居）民委员会协助乡镇人民政府、街道办事处做好排查", {"lead": ["乡镇人民政府", "街道办事处"],
                                                                "co": ["村（居）民委员会"]}),
    "lead_then_shared": ("县住建局牵头，县市场监管局、县消防救援大队按职责分工负责，年底前完成",
                         {"lead": ["县住建局"], "co": ["县市场监管局", "县消防救援大队"]}),
    "by_unit_lead": ("此项工作由市应急局牵头", {"lead": ["市应急局"]}),
    "by_unit_responsible": ("扶持资金由区财政局统筹安排", {"responsible": ["区财政局"]}),
    "as_responsible": ("以村小组为责任单位，对进入林区的通道设卡", {"responsible": ["村小组"]}),
    "handed_to": ("将城区道路照明的维护职责移交县城管局承担", {"responsible": ["县城管局"]}),
    "told_to_fix": ("督导组向县住建局反馈了三个问题：", {"responsible": ["县住建局"]}),
    "office_hosted_by": ("指挥部下设办公室在县消防大队，具体负责日常事务", {"responsible": ["县消防大队"]}),
    "office_hosted_after": ("指挥部下设办公室，负责日常事务。办公室设在县消防大队", {"responsible": ["县消防大队"]}),
    "named_as_lead": ("区城管局为牵头单位，共同开展占道经营整治", {"lead": ["区城管局"]}),
    "named_as_co": ("区城管局为牵头单位，区市场监管局、各街道为配合单位，共同开展占道经营整治",
                    {"lead": ["区城管局"], "co": ["区市场监管局", "各街道"]}),
    "named_as_responsible": ("各镇人民政府是辖区内自建房排查的责任主体", {"responsible": ["各镇人民政府"]}),
    "by_unit_official_leads": ("第二组由县农业农村局分管负责同志带队，开展春耕安全检查", {"lead": ["县农业农村局"]}),
    "unit_official_leads": ("3月2日，县农业农村局副局长王某带队，开展春耕安全检查", {"lead": ["县农业农村局"]}),
    "by_unit_leads_by": ("由各镇城市运行管理中心根据企业名单进行牵头排查", {"lead": ["各镇城市运行管理中心"]}),
    "by_unit_team": ("每季度由县住建局1名副局长带队开展联合检查", {"lead": ["县住建局"]}),
    "by_unit_staff": ("由县住建局2名干部负责日常巡查", {"responsible": ["县住建局"]}),
}


@pytest.mark.parametrize("name", [n for n, _ in R.PROSE_OWNERS])
def test_prose_owner(name):
    text, expected = PROSE_EXAMPLES[name]
    explicit, _ = prose_owners(text)
    assert roles(explicit) == expected


@pytest.mark.parametrize("text, explicit, subjects", [
    # the subject of a sentence, after a date
    ("2024年6月底前，县住建局完成老旧小区燃气管线排查。", {}, {"responsible": ["县住建局"]}),
    # 由X统一布置: X does it
    ("全区液化气整治由各区政府统一布置。", {"responsible": ["各区政府"]}, {}),
    # a list of fields sharing 部门
    ("交通运输、公安、应急管理等部门要建立联合执法机制。", {},
     {"responsible": ["交通运输", "公安", "应急管理等部门"]}),
    # X要…，会同Y
    ("市应急局要加强统筹,会同市级有关部门健全工作机制。", {"lead": ["市应急局"], "co": ["市级有关部门"]}, {}),
    # X牵头 in the middle of a clause, Y…配合 as a subject
    ("发挥县应急局牵头抓总作用，各有关部门按照职责分工密切配合。",
     {"lead": ["县应急局"], "co": ["各有关部门"]}, {}),
    # 由X牵头，会同Y…: the bodies it works with are co
    ("由区卫健局牵头，会同区教育局开展托育机构消防检查。", {"lead": ["区卫健局"], "co": ["区教育局"]}, {}),
    # …and with no comma between (由X牵头组织Y对…)
    ("由区工商分局牵头组织区相关部门对辖区市场进行评估验收。", {"lead": ["区工商分局"], "co": ["区相关部门"]}, {}),
    # 由X牵头，Y具体组织实施 (those who carry it out under a lead are co, as the eval README reads 组织实施)
    ("由县安委办牵头，各乡镇、县安委会各成员单位具体组织实施。", {"lead": ["县安委办"], "co": ["各乡镇", "县安委会各成员单位"]}, {}),
    # a unit read as a subject and as taking part keeps the part ("县林业局参与")
    ("县水务局组织实施，县林业局参与，汛前完成。", {"lead": ["县水务局"], "co": ["县林业局"]}, {}),
    # a body that acts jointly with others in its sentence leads them, as the X of X会同Y ("X联合Y对…开展")
    ("县应急局联合县公安局、县市场监管局对经营网点开展检查。",
     {"lead": ["县应急局"], "co": ["县公安局", "县市场监管局"]}, {}),
    # X要继续做好牵头工作: X leads
    ("县应急局要继续做好牵头工作，优化检查布局。", {"lead": ["县应急局"]}, {}),
    # 由X挂牌督办: X answers for the supervision
    ("对排查出的重大隐患，由县应急局挂牌督办。", {"responsible": ["县应急局"]}, {}),
    # regulated parties and persons are never owners in a notice
    ("企业要落实主体责任。领导干部要带头学习。", {}, {}),
    # a scope phrase is not a subject
    ("全市三级医院全部纳入统一平台。", {}, {}),
])
def test_prose_forms(text, explicit, subjects):
    found_explicit, found_subjects = prose_owners(text)
    assert roles(found_explicit) == explicit and roles(found_subjects) == subjects


def test_leading_subject():
    assert leading_subject("各省份要出台实施方案") == (["各省份"], 3)
    assert leading_subject("2019年3月底前，国家卫健委推行统一编码")[0] == ["国家卫健委"]
    assert leading_subject("请各镇（街道）于5月底前报送总结")[0] == ["各镇（街道）"]
    assert leading_subject("对推诿扯皮的移交纪检监察机关") is None


def test_a_sentence_after_an_annotations_labels_naming_bodies_that_answer_for_their_area():
    assert R.BODIES_ANSWER.match("各镇（园区）落实属地管理责任").group("units") == "各镇（园区）"

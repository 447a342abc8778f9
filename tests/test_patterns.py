"""One example per parsing rule in ingest/patterns.py, and a check that no rule goes untested."""
import pytest

from ingest import patterns as P
from ingest.tasks import find_metrics, parse_owner_block, parse_role_phrase, prose_owners, duty_owners

HEADING_EXAMPLES = {
    "chapter": ("第二章　生产经营单位的安全生产保障", 2),
    "part": ("第一节 一般规定", 1),
    "article": ("第十二条 县级以上人民政府…", 12),
    "cn": ("三、工作要求", 3),
    "paren_cn": ("（十）强化“五个提升”", 10),
    "arabic_dot": ("12. 其他行业和领域。", 12),
    "arabic_dun": ("3、 重点任务", 3),
    "paren_arabic": ("（2） 主要目标", 2),
    "circled": ("③加强培训", 3),
}


@pytest.mark.parametrize("style", [s for s, _ in P.HEADING_STYLES])
def test_heading_style(style):
    line, ordinal = HEADING_EXAMPLES[style]
    found = P.match_heading(line)
    assert found is not None and found[0] == style and found[1] == ordinal


@pytest.mark.parametrize("line", ["2021年，全市…", "一是进一步梳理", "50%以上", "2.5%的企业", "（街道、开发区）"])
def test_not_a_heading(line):
    assert P.match_heading(line) is None


ROLE_EXAMPLES = {
    "lead_then_co": ("县应急局牵头，各有关部门分工负责", ["县应急局"], ["各有关部门"], []),
    "lead_with_co": ("县委宣传部、县安委会办公室会同各有关部门分工负责",
                     ["县委宣传部", "县安委会办公室"], ["各有关部门"], []),
    "responsible": ("县财政局、县消防救援大队分工负责", [], [], ["县财政局", "县消防救援大队"]),
}


@pytest.mark.parametrize("name", [n for n, _ in P.ROLE_PHRASES])
def test_role_phrase(name):
    text, lead, co, responsible = ROLE_EXAMPLES[name]
    owners = parse_role_phrase(text)
    assert (owners.lead, owners.co, owners.responsible) == (lead, co, responsible)


@pytest.mark.parametrize("text, lead, co, responsible", [
    # "同" written for "会同"
    ("县应急局同各有关部门分工负责", ["县应急局"], ["各有关部门"], []),
    # a stray 顿号 before 会同
    ("县发展和改革局、县应急局、会同各有关部门分工负责", ["县发展和改革局", "县应急局"], ["各有关部门"], []),
    # 分别牵头 with 和 joining two units
    ("县文化和旅游局和县综合行政执法局分别牵头，会同县水利局等部门单位",
     ["县文化和旅游局", "县综合行政执法局"], ["县水利局等部门单位"], []),
    ("X负责", None, None, None),  # no unit: not an owner phrase
    ("团县委负责", [], [], ["团县委"]),
])
def test_role_phrase_variants(text, lead, co, responsible):
    owners = parse_role_phrase(text)
    if lead is None:
        assert owners is None
    else:
        assert (owners.lead, owners.co, owners.responsible) == (lead, co, responsible)


LABEL_EXAMPLES = {
    "牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead", "主责单位": "lead",
    "配合单位": "co", "配合部门": "co", "协办单位": "co", "参与单位": "co", "协同单位": "co",
    "责任单位": "responsible", "责任部门": "responsible", "实施单位": "responsible",
    "完成时限": "deadline", "完成时间": "deadline", "时间节点": "deadline", "时限要求": "deadline",
}


@pytest.mark.parametrize("label", list(P.OWNER_LABELS))
def test_owner_label(label):
    role = LABEL_EXAMPLES[label]
    value = "2021年12月" if role == "deadline" else "市应急局、市公安局"
    owners = parse_owner_block(f"{label}：{value}")
    if role == "deadline":
        assert owners.deadline == "2021年12月"
    else:
        assert getattr(owners, role) == ["市应急局", "市公安局"]


def test_labelled_block_with_roles_inside_and_half_width():
    owners = parse_owner_block("责任单位：街道安委会办公室、应急办牵头，街道安委会有关成员单位组织实施；完成时限：2024年8月底前取得明显成效，并长期坚持")
    assert owners.lead == ["街道安委会办公室", "应急办"]
    assert owners.co == ["街道安委会有关成员单位"]
    assert owners.deadline == "2024年8月底前取得明显成效，并长期坚持"
    owners = parse_owner_block("完成时限:2021年12月,牵头单位:市应急局,配合单位:市公安局、市市场监管局")
    assert owners.lead == ["市应急局"] and owners.co == ["市公安局", "市市场监管局"]


def test_ordinary_parenthesis_is_not_an_owner():
    assert parse_owner_block("街道、开发区") is None
    assert parse_owner_block("以下简称安委办") is None


PROSE_EXAMPLES = {  # rule -> (text, {role: units})
    "listed_departments": ("应急管理、发展改革、工业和信息化、行政审批等部门联合研究制定具体意见",
                           {"responsible": ["应急管理", "发展改革", "工业和信息化", "行政审批等部门"]}),
    "by_unit_lead_co": ("由市交通运输局负责，市公安局交警支队配合，全年查处违法行为",
                        {"lead": ["市交通运输局"], "co": ["市公安局交警支队"]}),
    "by_unit_responsible": ("事故结案后，由事故调查组牵头部门负责评估", {"responsible": ["事故调查组牵头部门"]}),
    "by_unit_lead": ("此项工作由市应急局牵头", {"lead": ["市应急局"]}),
}


@pytest.mark.parametrize("name", [n for n, _ in P.PROSE_OWNERS])
def test_prose_owner(name):
    text, expected = PROSE_EXAMPLES[name]
    owners = prose_owners(text)
    assert {role: getattr(owners, role) for role in ("lead", "co", "responsible") if getattr(owners, role)} == expected


def test_bare_labelled_owners_without_parentheses():
    from ingest.tasks import owner_parens
    text = "对重大危险源企业开展检查。牵头部门：市应急局；配合部门：市公安局、市生态环境局；完成时间：2023年6月30日前。"
    [(start, end, owners)] = owner_parens(text)
    assert text[start:].startswith("牵头部门") and owners.lead == ["市应急局"]
    assert owners.co == ["市公安局", "市生态环境局"] and owners.deadline == "2023年6月30日前"


def test_duty_subject():
    owners = duty_owners("县级以上人民政府应急管理部门依照本法，对本行政区域内安全生产工作实施综合监督管理。")
    assert owners.responsible == ["县级以上人民政府应急管理部门"]


METRIC_EXAMPLES = {
    "percent": "全市道路交通领域生产安全事故死亡人数同比下降44.7%",
    "rate_bound": "亿元GDP生产安全事故死亡率控制在0.01以内",
    "at_least": "二是至少组织一次应急预案演练",
    "frequency": "街道每季度至少开会研究1次",
    "cadence": "坚持“一周一小练、一月一大练、一季度一检验”工作机制",
    "count": "涉及液氯储存的5家企业完成改造提升",
}


@pytest.mark.parametrize("name", [n for n, _ in P.METRIC_PATTERNS])
def test_metric_pattern(name):
    text = METRIC_EXAMPLES[name]
    assert P.METRIC_PATTERNS[[n for n, _ in P.METRIC_PATTERNS].index(name)][1].search(text)
    assert find_metrics(text)


@pytest.mark.parametrize("text", ["2021年，全市开展行动", "济政办函〔2021〕8号", "第3条", "“十四五”规划"])
def test_not_a_metric(text):
    assert find_metrics(text) == []


@pytest.mark.parametrize("text, expected", [
    ("一", 1), ("十", 10), ("十二", 12), ("二十三", 23), ("两", 2), ("一百零五", 105), ("7", 7)])
def test_cn_to_int(text, expected):
    assert P.cn_to_int(text) == expected


def test_non_task_and_target_sections():
    assert P.NON_TASK_SECTION.search("一、指导思想") and P.NON_TASK_SECTION.search("（二）基本原则")
    assert not P.NON_TASK_SECTION.search("二、主要措施")
    assert P.TARGET_SECTION.search("（三）发展目标")

"""Answers read from their own kind of clause, in a small KB of invented documents (our own
words): a campaign's span, the body paired with the asked item of a "分别由" list, the body that
regulates a thing, a task that writes the asked role in words, a regulation's article that fits
far better than a plan's task, and a clause that says what its document's title says."""
import pytest

from kb.answers.ask import ask
from tests.kbs import kb_of

NOTICE = """丙县电动自行车火灾隐患专项整治行动方案

为减少电动自行车火灾事故，决定开展专项整治，从即日起至2026年9月30日，在全县范围内开展。

一、工作任务
（一）开展入户宣传。县消防救援大队会同县应急管理局负责，完成时限：2026年6月底前。
（二）查处楼道违规充电。牵头单位：县公安局；配合单位：县市场监管局。完成时限：2026年7月底前。
（三）清理楼道违规充电线路。县住建局负责，县供电公司配合。完成时限：2026年8月底前。
"""

REGULATION = """# 丁市锅炉安全条例

第一条 为了加强锅炉安全管理，保障人身和财产安全，制定本条例。

第二条 市场监督管理部门负责本行政区域内锅炉安全监督管理工作。

第三条 锅炉一般事故、较大事故分别由县级人民政府、设区的市级人民政府负责组织调查。

第四条 锅炉使用单位应当在检验合格有效期届满前一个月提出定期检验要求。
"""


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"notice.txt": NOTICE, "丁市锅炉安全条例.md": REGULATION}) as built:
        yield built


def test_a_campaigns_span(small_kb):
    answer = ask(small_kb.indexes, "电动自行车火灾隐患专项整治行动到什么时候结束？")
    assert answer.kind == "period" and "2026年9月30日" in answer.answer and "6月底" not in answer.answer


def test_the_body_paired_with_the_asked_item(small_kb):
    answer = ask(small_kb.indexes, "锅炉较大事故由哪一级政府负责组织调查？")
    assert answer.answer.startswith("设区的市级人民政府") or "：设区的市级人民政府" in answer.answer
    assert "县级人民政府" not in answer.answer.split("；")[0]


def test_the_body_that_regulates_a_thing(small_kb):
    answer = ask(small_kb.indexes, "锅炉安全归哪个部门管？")
    assert "市场监督管理部门" in answer.answer.split("；")[0]


def test_a_task_that_writes_the_asked_role(small_kb):
    answer = ask(small_kb.indexes, "查处楼道违规充电由哪个单位牵头？")
    assert "县公安局" in answer.answer.split("；")[0]


# A city's plan that gives the police a task about fireworks, and the national regulation whose
# article says who destroys confiscated fireworks.
PLAN = """戊市烟花爆竹安全监管职责分工

一、职责分工
市公安局：负责烟花爆竹运输通行证发放工作，组织销毁处置废旧和罚没的非法烟花爆竹。
市应急管理局：负责烟花爆竹生产、经营单位的安全生产监督管理。
"""

NATIONAL = """# 烟花爆竹安全条例

第一条 为了加强烟花爆竹安全管理，制定本条例。

第二条 对没收的非法烟花爆竹以及生产、经营企业弃置的废旧烟花爆竹，应当就地封存，并由公安部门组织销毁、处置。
"""


@pytest.fixture(scope="module")
def mixed_kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"plan.txt": PLAN, "烟花爆竹安全条例.md": NATIONAL}) as built:
        yield built


def test_a_regulations_article_that_fits_far_better_than_a_plans_task(mixed_kb):
    # the plan's task scores near 1.0 as well: scores compared whole, the article answers
    answer = ask(mixed_kb.indexes, "没收的非法烟花爆竹由谁组织销毁？")
    assert answer.answered_from == "clause" and answer.answer.split("；")[0].endswith("公安部门"), answer.answer


def test_a_clause_says_what_its_documents_title_says():
    from kb.answers.clauses import _relevance
    from kb.answers.topic import Topic

    topic = Topic({"三级": 1.0, "公立医院": 1.0, "监测": 1.0, "分析": 1.0})
    title = "关于加强三级公立医院绩效考核工作的意见"
    dated, yearly = "国家卫生健康委于2019年12月底前完成国家监测指标分析", "每年3月底前完成三级公立医院监测指标分析"
    assert topic.overlap(dated) < topic.overlap(yearly) and _relevance(topic, dated, title) == _relevance(topic, yearly, title) == 1.0
    assert _relevance(topic, "及时以适当方式向社会公布", title) == 0.0  # a clause saying none of it gains nothing


def test_who_is_responsible_for_a_task_with_a_lead_and_co_units(small_kb):
    # "由哪些单位负责" of a task naming 牵头单位 and 配合单位: both are shown, the lead first
    answer = ask(small_kb.indexes, "查处楼道违规充电由哪些单位负责？")
    first = answer.answer.split("；配合")[0]
    assert "县公安局" in first and "县市场监管局" in answer.answer, answer.answer


PLACE_NOTICE = """己县安全生产月活动方案

一、活动安排
（一）安全生产咨询日。组织单位：县应急管理局、县总工会。咨询日活动点设在人民路和解放路交叉口文化广场南侧。
（二）应急演练周。县消防救援大队负责，完成时限：2026年6月底前。
"""


@pytest.fixture(scope="module")
def place_kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"place.txt": PLACE_NOTICE}) as built:
        yield built


def test_where_is_answered_by_the_place_not_the_owners(place_kb):
    answer = ask(place_kb.indexes, "己县咨询日活动点设在哪里？")
    assert answer.answered_from == "clause" and "人民路和解放路交叉口文化广场南侧" in answer.answer, answer.answer


# A province's plan, and a city's plan in that province that cites it (invented texts, real place
# names: a body's places are read by the tagger): "江西省…" asks the province's own plan.
PROVINCE_PLAN = """江西省支持人工智能创业行动方案

一、总体目标
到2027年底，全省培育人工智能创业企业超过800家，建成创业社区30个以上。
"""
CITY_PLAN = """赣州市支持人工智能创业行动计划

为落实《江西省支持人工智能创业行动方案》，结合本市实际，制定本计划。

一、工作目标
到2027年底，全市培育人工智能创业企业120家以上，争创江西省创业社区5个以上。
"""


@pytest.fixture(scope="module")
def province_kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"province.txt": PROVINCE_PLAN, "city.txt": CITY_PLAN}) as built:
        yield built


def test_a_province_named_asks_its_own_documents_not_a_city_that_cites_it(province_kb):
    docs = province_kb.indexes.documents().values()
    assert any("江西" in d.places for d in docs if d.region == "赣州市")  # the city's plan names the province
    answer = ask(province_kb.indexes, "江西省到2027年要培育多少家人工智能创业企业？")
    assert "800家" in answer.answer and "120家" not in answer.answer, answer.answer
    answer = ask(province_kb.indexes, "赣州市到2027年要培育多少家人工智能创业企业？")
    assert "120家" in answer.answer and "800家" not in answer.answer, answer.answer


# A task whose owners are read as 责任单位 while its sentence names the lead in passing.
MEETING_NOTICE = """庚县安全生产联席会议工作方案

一、工作任务
（一）建立联席会议制度。各镇街要建立镇街应急办牵头的安全生产联席会议制度，每季度会商一次。责任单位：各镇街。完成时限：2026年6月底前。
（二）开展联合检查。县应急管理局牵头，县公安局配合，每半年开展一次联合检查。完成时限：2026年12月底前。
"""


@pytest.fixture(scope="module")
def meeting_kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"meeting.txt": MEETING_NOTICE}) as built:
        yield built


def test_a_lead_named_in_passing_beats_a_task_that_names_only_the_responsible(meeting_kb):
    answer = ask(meeting_kb.indexes, "镇街的安全生产联席会议制度由哪个部门牵头？")
    assert answer.answer.startswith("镇街应急办"), answer.answer


def test_a_clause_naming_the_tasks_own_lead_leaves_the_task_answer(meeting_kb):
    answer = ask(meeting_kb.indexes, "联合检查由谁牵头？")
    assert answer.answered_from == "task" and "县应急管理局" in answer.answer, answer.answer

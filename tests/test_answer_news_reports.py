"""News reports and short notices asked about as a clerk would (our own invented texts, the shapes of
bench/gold/qa_probe4.jsonl): who did what the report tells (宣读, 率队, 组织召开), who holds a post (由X任组长),
on which day a meeting was held, how many took part (130余人, 十多家, 几个巡查组), and a slogan's number
(“五个落实”) that counts nothing."""
import pytest

from kb.answers import rules as R
from kb.answers.clauses import SLOGAN
from tests.kbs import kb_of

# (question, clause, the body or person read) per entry of R.ACT_SHAPES
ACT_EXAMPLES = {
    "actor": ("部署会上，工作方案是由哪个部门宣读的？", "会上,市住建局相关负责人宣读了《燃气安全整治方案》", "市住建局"),
    "by_announcing": ("汛期的日期由谁公告？", "汛期的进入和解除日期，由市防汛指挥机构公告", "市防汛指挥机构"),
    "serves_as_ren": ("领导小组的组长由谁担任？", "市政府成立由分管副市长任组长,市应急局局长任副组长的领导小组", "分管副市长"),
}


@pytest.mark.parametrize("name", [name for name, _, _ in R.ACT_SHAPES])
def test_act_shape(name):
    question, clause, org = ACT_EXAMPLES[name]
    shapes = dict(R.organisation_shapes(question))
    assert name in shapes, question
    assert shapes[name].search(clause).group("org") == org


@pytest.mark.parametrize("question", ["是谁组织召开的？", "谁率队督导？", "Who led the inspection?",
                                      "Who attended and spoke at the meeting?", "组长由谁担任？"])
def test_an_act_asked_is_told_by_the_clause_not_a_task(question):
    assert R.ACTOR_ASKED.search(question)


def test_a_count_asked_with_its_classifier_wants_one():
    shape = R.metric_shape("这次巡查派出了几个巡查组？")
    assert shape.search("开展巡查工作于1月19日至2月6日") is None
    assert shape.search("由成员单位带队的6个巡查组").group() == "6个"
    assert R.metric_shape("全区要建成多少个示范社区？") is None  # a plain target takes any number


@pytest.mark.parametrize("question, clause, answer", [
    ("推进会一共有多少人参加？", "30余家企业负责人共计130余人参加了会议", "130余人"),
    ("参与检查的单位有多少家？", "参与检查的单位涉及交通、公安等十多家", "十多家"),
])
def test_an_approximate_count_is_a_count(question, clause, answer):
    assert R.quantity_shape(question)[1].search(clause).group() == answer


@pytest.mark.parametrize("question, intent", [
    ("全省安全生产巡查是什么时间开展的？", "deadline"),
    ("Until what date does the inspection of bottled LPG users run?", "period"),
    ("How far beyond the edge of forest land must the zone reach?", "quantity"),
])
def test_the_asked_form(question, intent):
    assert R.intent_of(question) == intent


def test_the_act_a_date_question_ends_on_is_no_topic():
    assert "开" not in R.QUESTION_WORDS.sub(" ", "季度工作会是哪天开的？")
    assert "开展" not in R.QUESTION_WORDS.sub(" ", "巡查是什么时间开展的？")


@pytest.mark.parametrize("name, question, clause, org", [
    ("by_announcing", "搜救行动的终止由谁决定？", "终止决定由市搜救指挥机构作出", "市搜救指挥机构"),
    ("report_to", "船舶遇险了向哪里报告？", "应当立即向搜救中心报告", "搜救中心"),
    ("approver", "临时离开工地要经谁同意？", "应当经建设单位项目负责人同意", "建设单位项目负责人"),
])
def test_more_verbs_and_endings_of_the_organisation_tables(name, question, clause, org):
    assert dict(R.organisation_shapes(question))[name].search(clause).group("org") == org


def test_a_slogan_is_a_name_a_quoted_number_is_not():
    assert SLOGAN.search("预案“五个落实”") and not SLOGAN.search("急救呼叫专用电话号码为“120”")


def test_a_threshold_in_chinese_numbers_is_a_target():
    assert R.ANSWER_SHAPES["metric"].search("单场次参加人数一千以上的大型活动")


NEWS = {
    "gas.txt": "甲市部署燃气安全专项整治工作\n2023-08-22\n8月21日,全市燃气安全专项整治工作部署会议召开。"
               "会上,市住建局相关负责人宣读了《甲市燃气安全专项整治工作方案》,市应急局等6个部门分别安排了本行业整治工作。\n",
    "plan.txt": "甲市燃气安全专项整治工作方案\n一、重点任务\n（一）开展燃气安全排查。责任单位：市应急局。完成时限：2023年12月底前。\n",
    "meeting.txt": "乙县召开危化品安全生产委员会第二季度工作会\n添加时间:2025-07-07\n\n"
                   "7月4日,乙县危化品安全生产委员会第二季度工作会召开。会议通报了上半年全县危化品安全情况。\n",
    "check.txt": "丙市启动重点行业安全生产大检查\n丙市近日启动了重点行业领域安全生产大检查工作,要求做到责任、措施、资金、时限和预案“五个落实”。"
                 "此次参与检查的单位涉及交通、公安、国土、水电等十多家。\n",
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, NEWS) as built:
        yield built


def test_who_read_the_plan_out_is_the_one_the_report_names(kb):
    answer = kb.ask("甲市燃气安全专项整治工作部署会议上，工作方案是由哪个部门宣读的？")
    assert "市住建局" in answer.answer and "市应急局" not in answer.answer


def test_the_day_of_a_meeting_the_question_names_by_its_title(kb):
    answer = kb.ask("乙县危化品安全生产委员会第二季度工作会是哪天开的？")
    assert answer.found and "7月4日" in answer.answer


def test_a_slogans_number_counts_no_units(kb):
    answer = kb.ask("丙市重点行业安全生产大检查参与检查的单位有多少家？")
    assert "五个落实" not in answer.answer

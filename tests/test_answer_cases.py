"""Which case a clause speaks of (kb/answers/cases.py; the shapes of bench/gold/qa_probe7.jsonl's odd lines, in
our own invented texts): the clause of the negated case a question puts, never the very thing it says is not
there; the base fine before the aggravated one unless the aggravated case is asked; the clause counting what a
count question counts; a span that gives only its end, read from its first day (kb/answers/clauses.py)."""
import pytest

from kb.answers import cases as C
from kb.answers.ask import ask
from kb.answers.topic import Topic
from tests.kbs import kb_of


def topic(*words):
    return Topic({w: 1.0 for w in words})


@pytest.mark.parametrize("question, body, absent", [
    ("没有物业公司的小区，楼道由谁清理？", "物业公司", True),
    ("Who looks after the stairs of a block that has no property service provider?", "物业服务人", True),
    ("Who looks after the stairs of a block that has no property service provider?", "居民委员会", False),
    ("小区楼道由谁清理？", "物业公司", False),
    ("无论有没有物业，谁来检查？", "物业公司", False),
])
def test_the_thing_a_question_says_is_missing_answers_nothing(question, body, absent):
    assert C.absent(question, body) is absent


def test_the_clause_of_the_negated_case_fits():
    question = "没有物业服务人的小区，楼道由谁维护？"
    negated = C.case_fit(question, "没有物业服务人的，由社区居民委员会负责维护。", topic("物业服务人", "维护"))
    plain = C.case_fit(question, "楼道由物业服务人负责维护；", topic("物业服务人", "维护"))
    assert negated > plain == 0.0


@pytest.mark.parametrize("question, aggravated_costs", [
    ("在楼道给电瓶车充电罚多少？", True),
    ("What is the fine for charging an e-bike in a stairwell, if it is not serious?", True),
    ("情节不严重的，罚多少？", True),
    ("情节严重的罚多少？", False),
    ("What is the fine when it is serious?", False),
])
def test_the_aggravated_fine_only_when_asked(question, aggravated_costs):
    fit = C.case_fit(question, "情节严重的，处五百元以上二千元以下罚款；", topic("罚款"))
    assert (fit < 0) is aggravated_costs


@pytest.mark.parametrize("question, clause, counts", [
    ("How many requirements did the meeting set out?", "会议强调，抓好防火工作要做到四个要求。", True),
    ("会上提出了几项要求？", "镇长就防汛工作提出三项要求。", True),
    ("How many requirements did the meeting set out?", "会议于6月3日召开。", False),
    ("How many working days does the review take?", "应当在5个工作日内审查完毕。", False),
])
def test_a_count_question_fits_the_clause_counting_its_thing(question, clause, counts):
    assert (C.case_fit(question, clause, topic("要求", "工作日")) > 0) is counts


TOWN_PLAN = """壬镇消防安全月活动方案
为提高全镇群众的防火意识，结合本镇实际，制定本方案。
一、活动时间
本次活动将于9月1日正式启动，并持续至9月30日结束，为期一个月。
二、部署会议
9月2日，壬镇召开消防安全月部署会，部署全镇消防安全月工作，全镇30个村的负责人参加。
会议强调，要落实四个要求。
"""

HOUSING_RULES = """# 辛市住宅小区防火条例

第一条 为了预防住宅小区火灾，制定本条例。

第二条 住宅小区的消防车通道、疏散楼梯由物业服务人负责维护；没有物业服务人的，由社区居民委员会负责维护。

第三条 在楼梯间给电动自行车充电的，由消防救援机构责令改正，处二百元以上五百元以下罚款；情节严重的，处五百元以上二千元以下罚款。

第四条 本条例自2026年1月1日起施行。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"plan.txt": TOWN_PLAN, "辛市住宅小区防火条例.md": HOUSING_RULES}) as built:
        yield built


def test_who_acts_when_the_usual_party_is_missing(kb):
    answer = ask(kb.indexes, "辛市没有物业服务人的小区，疏散楼梯由谁维护？")
    assert answer.answer.startswith("社区居民委员会"), answer.answer


def test_the_base_fine_for_a_plain_question(kb):
    answer = ask(kb.indexes, "辛市在楼梯间给电动自行车充电，情节不严重的罚多少？")
    assert "二百元以上五百元以下" in answer.answer and "五百元以上二千元以下" not in answer.answer, answer.answer


def test_a_span_that_gives_its_end_is_read_from_its_first_day(kb):
    answer = ask(kb.indexes, "壬镇消防安全月活动什么时候结束？")
    assert "9月1日" in answer.answer and "9月30日" in answer.answer, answer.answer


def test_how_many_requirements_is_answered_by_the_clause_counting_them(kb):
    answer = ask(kb.indexes, "How many requirements were stressed at the 壬镇 fire safety month meeting?")
    assert "四个要求" in answer.answer, answer.answer

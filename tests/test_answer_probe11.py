"""Questions as bench/gold/qa_probe11.jsonl's odd lines put them, in our own words and invented texts: a web page
that sets a post, a name and the act on lines of their own names the doer above the act's line, English "spoke"
is a speech or a unit's 交流发言, and "是谁通报了…" asks the doer of the act right after 谁 (kb/answers/acts.py,
kb/answers/organisations.py)."""
import re

import pytest

from kb.answers import acts as A
from kb.answers import rules as R
from kb.answers.ask import ask
from tests.kbs import kb_of

# A news page laid out one phrase a line, as pages copied from a city's site are.
PAGE = """未市召开夏季校园安全工作推进会
发布日期: 2024-06-03 发布机构: 未市教育局
6月2日
未市夏季校园安全
工作推进会召开
市政府副秘书长
甲某
出席会议并讲话
市教育局党组成员
市教育局副局长
乙某
主持会议
会议通报了上半年校园安全情况,市消防救援支队、市卫生健康委、甲区教育局等单位作了交流发言。
会上,市教育局安全科丙某科长通报了今年以来发生的三起学生溺水事故,要求各校提高警惕。
会议要求,各学校要落实安全主体责任,各部门要加强校园周边巡查。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"page.txt": PAGE}) as built:
        yield built


@pytest.mark.parametrize("question, expected", [
    ("未市夏季校园安全工作推进会由谁主持？", "市教育局党组成员、市教育局副局长乙某"),  # the lines above 主持会议
    ("未市夏季校园安全工作推进会上谁讲话了？", "市政府副秘书长甲某"),  # not "出席会议", the act itself
    ("推进会上是谁通报了今年以来的三起学生溺水事故？", "市教育局安全科丙某科长"),  # the act right after 谁, done (了)
    ("Which units spoke on their experience at Weishi's summer campus safety meeting?", "市消防救援支队"),
])
def test_who_did_the_act_on_a_page_of_short_lines(kb, question, expected):
    answer = ask(kb.indexes, question)
    assert answer.found and answer.answer.startswith(expected), answer.answer


def test_the_lines_above_an_act_stop_at_punctuation_and_at_another_act():
    act = re.compile("主持(?:召开)?")
    text = "会议强调,要抓落实。\n市长\n丁某\n主持会议\n"
    assert A.actor_above(text, text.index("主持"), act)[0] == "市长丁某"
    text = "出席会议并讲话\n戊某\n主持会议"
    assert A.actor_above(text, text.index("主持"), act)[0] == "戊某"
    assert A.actor_above("会议由己某主持", 5, act) is None  # no line of its own


def test_a_clause_opening_on_the_act_names_no_doer():
    question = "会上谁讲话了？"
    shapes = dict(A.asked_act_shapes(question, R.organisation_shapes(question)))
    assert shapes["actor"].search("出席会议并讲话") is None
    assert shapes["actor"].search("副市长庚某出席会议并讲话").group("org") == "副市长庚某"


@pytest.mark.parametrize("question, act", [
    ("会上是谁通报了事故情况？", "通报"),
    ("方案是谁组织审定的？", "组织审定"),
    ("这项工作是谁负责的？", None),  # says nothing of its own
    ("谁了解情况？", None),
])
def test_the_act_a_who_question_asks_the_doer_of(question, act):
    did = A.did_asked(question)
    assert (did.group("act") if did else None) == act

"""Questions as bench/gold/qa_probe11.jsonl's odd lines put them, in our own words and invented texts: a web page
that sets a post, a name and the act on lines of their own names the doer above the act's line, English "spoke"
is a speech or a unit's 交流发言, and "是谁通报了…" asks the doer of the act right after 谁 (kb/answers/acts.py,
kb/answers/organisations.py); a regulation's supervisor asked as its clause says it ("哪个部门对…实施监督管理", not the
body 由 which it is carried out), and an organisation named as one (供销合作组织) as a duty's subject
(kb/answers/orgshapes.py); the place a report writes before its comma and the doer's act of holding the meeting
("在乡政府,组织召开了…", kb/answers/events.py); English words in the documents' own (督导组, 物业服务企业, 高层住宅建筑,
消防器材, kb/answers/lexicon.py); and a count question not answered by a task's metric counting something else
(kb/answers/cases.py)."""
import re

import pytest

from kb.answers import acts as A
from kb.answers import events as E
from kb.answers import rules as R
from kb.answers.ask import ask
from kb.answers.cases import counts_another
from kb.answers.topic import Topic
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
ROADS = """丁县交巡警大队召开农村道路交通安全联席会
近日,丁县公安局交巡警大队民警在戊乡政府,组织召开了2024年二季度农村道路安全管理联席会。
会上,民警通报了辖区二季度交通事故情况。
"""

# A rule whose supervisor is the subject of 对…实施监督管理 with another body 由 which it is carried out, and a duty
# held by an organisation named as one.
RULES = """# 申市农贸市场消防安全管理条例

第一条 为了加强农贸市场消防安全管理，制定本条例。

第二条 市、县（区）人民政府市场监督管理部门对本行政区域内农贸市场的消防安全管理工作实施监督管理，并由本级人民政府消防救援机构负责具体实施。

第三条 本市农贸市场的摊位实行统一登记。市供销合作组织负责全市农贸市场摊位的统一登记和调配工作。
"""

# A rule with two duties of one manager: only one says what is equipped and trained.
HOMES = """# 申市住宅区消防安全条例

第一条 为了预防住宅区火灾，制定本条例。

第四条 高层住宅建筑的物业服务企业应当建立志愿消防队，配备必要的消防器材，加强日常训练。

第五条 高层住宅建筑的物业服务企业应当建立消防档案，实行每日防火巡查，建立巡查记录。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"page.txt": PAGE, "roads.txt": ROADS, "申市住宅区消防安全条例.md": HOMES, "申市农贸市场消防安全管理条例.md": RULES}) as built:
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
    ("会上谁通报了事故情况？", "通报"),
    ("方案是谁组织审定的？", "组织审定"),
    ("这项工作是谁负责的？", None),  # says nothing of its own
    ("谁了解情况？", None),
])
def test_the_act_a_who_question_asks_the_doer_of(question, act):
    did = A.did_asked(question)
    assert (did.group("act") if did else None) == act


@pytest.mark.parametrize("question, expected", [
    ("申市哪个部门对农贸市场消防安全管理工作实施监督管理？", "市场监督管理部门"),
    ("申市农贸市场摊位的统一登记和调配工作由哪个单位负责？", "市供销合作组织"),
])
def test_a_regulations_body_asked_as_its_clause_says_it(kb, question, expected):
    answer = ask(kb.indexes, question)
    assert answer.found and expected in answer.units[0], (answer.answer, answer.units)


@pytest.mark.parametrize("name, clause, org", [
    ("duty_holder", "市供销合作组织负责全市摊位的统一登记工作。", "市供销合作组织"),
    ("by", "摊位调配由市供销合作组织负责。", "市供销合作组织"),
    ("by", "摊位调配由县人民政府组织实施。", "县人民政府"),  # 组织 as a verb is no part of the name
    ("duty_holder", "县人民政府组织对事故进行调查。", None),
])
def test_an_organisation_named_as_one_is_a_duty_holder(name, clause, org):
    m = dict(R.organisation_shapes("由谁负责？"))[name].search(clause)
    assert (m.group("org") if m else None) == org


@pytest.mark.parametrize("question", ["丁县交巡警在哪里召开的二季度农村道路安全管理联席会？",
                                      "Where did the Ding county traffic police hold the second-quarter rural road safety joint meeting?"])
def test_the_place_written_before_the_doers_act_of_holding(kb, question):
    answer = ask(kb.indexes, question)
    assert answer.found and "戊乡政府" in answer.answer, answer.answer


@pytest.mark.parametrize("clause, place", [
    ("民警在戊乡政府,组织召开了联席会", "戊乡政府"),
    ("会议在县政府小礼堂隆重召开", "县政府小礼堂"),
    ("民警在戊乡开展了宣传", None),
])
def test_the_place_before_the_act(clause, place):
    m = E.event_place(clause)
    assert (m.group("place") if m else None) == place


@pytest.mark.parametrize("english, chinese", [
    ("How many supervision teams were sent?", "督导组"),
    ("What did the civil affairs department inspect?", "民政厅"),
    ("Which service agencies were inspected?", "服务机构"),
    ("What must property companies keep?", "物业服务企业"),
    ("What must high-rise residential buildings have?", "高层"),
    ("What must high-rise residential buildings have?", "住宅建筑"),
    ("What firefighting gear is needed?", "消防器材"),
    ("Who keeps the firefighting equipment?", "消防器材"),
    ("What gear is needed?", "器材"),
    ("How is regular training done?", "日常"),
])
def test_the_kbs_own_word_for_an_english_one(english, chinese):
    found, _ = R.lexicon_terms(english)
    assert chinese in found.split(), found


def test_what_a_high_rise_manager_sets_up(kb):
    answer = ask(kb.indexes, "What must property companies of high-rise residential buildings in Shen city set up, "
                             "equipped with firefighting gear and regular training?")
    assert answer.found and "志愿消防队" in answer.answer, answer.answer


@pytest.mark.parametrize("question, words, metric, other", [
    ("How many supervision teams did the department form?", "督导组 督导 检查", "对照《检查清单》50项内容", True),
    ("How many supervision teams did the department form?", "督导组 督导 检查", "分成7个督导组", False),
    ("督导组对照清单检查多少项内容？", "督导组 清单 检查 内容", "对照《检查清单》50项内容", False),  # counts what is asked
    ("督导检查的覆盖率是多少？", "督导 检查 覆盖率", "对照《检查清单》50项内容", False),  # no count asked
    ("How many supervision teams did the department form?", "督导组 督导 检查", "覆盖率达到100%", False),  # counts no thing
])
def test_a_metric_counting_another_thing(question, words, metric, other):
    assert counts_another(question, metric, Topic({word: 1.0 for word in words.split()})) is other

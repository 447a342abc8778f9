"""Questions as bench/gold/qa_probe9.jsonl's odd lines put them, in our own words and invented texts: a
responsibility system asked by name is no who-question and "多久…一次" with a long object between still asks a
frequency, "how far in advance" a time (kb/answers/rules.py); 安排部署 written after 对/就 as the act asked
(kb/answers/acts.py); the doer written with the very verb asked, after 由 or as its subject (kb/answers/voices.py);
a named notice's passages read beside its tasks (kb/answers/clauses.py); the clause opening on the case a
question puts (kb/answers/cases.py); two answers one of which holds the other whole are one answer for the
margin, and an answer naming only the bodies the question names itself held below 0.9 (kb/answers/candidates.py);
and English words in the KB's own (kb/answers/lexicon.py)."""
import pytest

from kb.answers import acts as A
from kb.answers import cases as C
from kb.answers import rules as R
from kb.answers import voices as V
from kb.answers.ask import ask
from kb.answers.candidates import Candidate, margin_of, unsure_reasons
from kb.answers.question import analyze
from kb.answers.topic import Topic
from kb.models import Hit
from tests.kbs import kb_of

# A short report whose tasks are its exhortations, and the sentence naming the chair sits in a passage beside them.
REPORT = """午镇召开防溺水工作会议
6月3日,午镇防溺水工作会议在镇政府二楼会议室召开。各村书记、各学校校长参加会议。会议由副镇长乙某主持。
会上,与会人员首先观看了防溺水宣传片。镇教育办主任丙某就暑期防溺水工作进行了全面安排部署。
会议要求,各村要落实属地管理责任,开展水域巡查;各学校要加强学生安全教育。
"""

# A rule that names one doer as the subject of its verb, one after 由 with a verb of its own, and one case.
RULES = """# 申市游泳场所安全管理条例

第一条 为了加强游泳场所安全管理，制定本条例。

第二条 市、县人民政府应当设立游泳场所安全协调机构。市、县体育主管部门承担本级游泳场所安全协调机构的日常工作。

第三条 游泳场所开放前，经营单位应当为救生员办理意外伤害保险。实行承包经营的，由承包单位办理。

第四条 游泳场所的水质检测，每月至少进行一次；对儿童池的水质检测，每周至少进行一次。

第五条 因设施检修确需闭馆的，经营单位应当提前七十二小时向会员公告。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"report.txt": REPORT, "申市游泳场所安全管理条例.md": RULES}) as built:
        yield built


@pytest.mark.parametrize("question, intent", [
    ("防溺水工作要求各地落实什么负责制？", "passage"),
    ("防溺水工作由谁负责？", "responsible"),
    ("游泳场所多久要对儿童池水质检测一次？", "metric"),
])
def test_a_system_asked_by_name_is_no_who_question_and_a_long_frequency_is_one(question, intent):
    assert R.intent_of(question) == intent


@pytest.mark.parametrize("question, shape", [
    ("游泳场所多久要对儿童池的水质检测一次？", "frequency"),
    ("How far in advance must the pool announce a closure?", "time_limit"),
    ("How far is the pool from the school?", "length"),
])
def test_the_form_of_the_number_asked(question, shape):
    assert R.quantity_shape(question)[0] == shape


@pytest.mark.parametrize("question", ["午镇防溺水会议上，谁对暑期防溺水工作进行了全面安排部署？",
                                      "Who made the overall arrangements for drowning prevention at the 午镇 meeting?"])
def test_arranging_and_deploying_is_an_act_asked(question):
    assert A.act_asked(question)


@pytest.mark.parametrize("question, expected, opens", [
    ("午镇防溺水会议上，谁对暑期防溺水工作进行了全面安排部署？", "丙某", False),  # the one written before the arranging
    ("申市游泳场所安全协调机构的日常工作由哪个部门承担？", "市、县体育主管部门", True),  # the subject doing the verb asked
    ("午镇防溺水工作会议由谁主持？", "乙某", False),  # a named notice's passage read beside its tasks
    ("申市游泳场所实行承包经营的，救生员的意外伤害保险由谁办理？", "承包单位", True),  # the case put, by its own clause
    ("申市游泳场所多久要对儿童池的水质检测一次？", "每周至少", False),  # a long frequency question
])
def test_questions_on_the_small_kb(kb, question, expected, opens):
    answer = ask(kb.indexes, question).answer
    assert (answer.startswith(expected) if opens else expected in answer), answer


@pytest.mark.parametrize("question, clause, doer", [
    ("日常工作由哪个部门承担？", "市、县体育主管部门承担本级协调机构的日常工作。", "市、县体育主管部门"),
    ("保险由谁办理？", "实行承包经营的，由承包单位办理。", "承包单位"),
    ("日常工作由哪个部门承担？", "市、县人民政府应当设立协调机构。", None),
])
def test_the_doer_written_with_the_verb_asked(question, clause, doer):
    found = [m.group("org") for _, shape in V.with_verb_asked(question, []) if (m := shape.search(clause))]
    assert (found[0] if found else None) == doer


def test_no_verb_of_its_own_adds_no_shape():
    assert V.with_verb_asked("由谁负责？", []) == []


@pytest.mark.parametrize("question, clause, put", [
    ("实行承包经营的，保险由谁办理？", "实行承包经营的，由承包单位办理。", True),
    ("Who takes out the insurance when the pool is under contract operation?", "实行承包经营的，由承包单位办理。", True),
    ("保险由谁办理？", "实行承包经营的，由承包单位办理。", False),  # no case put
    ("没有承包经营的，保险由谁办理？", "实行承包经营的，由承包单位办理。", False),  # put in the negative
    ("实行承包经营的，保险由谁办理？", "游泳场所开放前，经营单位应当办理保险。", False),  # the clause opens on no case
    ("违反规定承包经营的，罚多少？", "违反前款规定的，由体育主管部门处一千元罚款。", False),  # a breach by reference
])
def test_the_clause_opening_on_the_case_put(question, clause, put):
    topic = Topic({"承包": 2.0, "经营": 1.0, "保险": 2.0, "办理": 1.5})
    assert C.case_put(question, clause, topic) is put


def test_an_answer_held_whole_in_another_is_the_same_answer():
    def cand(score, text):
        return Candidate(score, None, text, [], [])
    row = "溺水事故起数 | 2起以内 | 各村"
    assert margin_of([cand(1.0, row), cand(0.95, f"3 | {row} | |"), cand(0.5, "其他答案其他答案其他答案")]) == pytest.approx(0.5)
    assert margin_of([cand(1.0, "承包单位"), cand(0.9, "施工承包单位")]) == pytest.approx(0.1)  # names: not the same


@pytest.mark.parametrize("answer, units, echo", [
    ("责任单位：镇教育办", ["镇教育办"], True),  # asked what it does: naming it again answers nothing
    ("责任单位：午镇", ["午镇"], True),  # asked who in it acted
    ("责任单位：镇教育办、各村", ["镇教育办", "各村"], False),
])
def test_an_answer_naming_only_what_the_question_names_is_unsure(kb, answer, units, echo):
    question = analyze(kb.indexes, "午镇防溺水工作会议上，镇教育办负责什么？")
    hit = Hit("task", 1, "d", "report.txt", "午镇", "", "镇教育办负责暑期防溺水工作。", 1.0)
    assert ("echo" in unsure_reasons(1.0, 0.5, question, Candidate(1.0, hit, answer, units, []))) is echo


@pytest.mark.parametrize("question", [
    "What did everyone at the 午镇 drowning prevention meeting watch first?",
    "In 午镇, what responsibility must the villages carry out?",
])
def test_english_questions_in_the_reports_words(kb, question):
    answer = ask(kb.indexes, question)
    assert "防溺水宣传片" in answer.answer or "属地管理责任" in answer.answer, answer.answer


@pytest.mark.parametrize("english, chinese", [
    ("What did the attendees watch?", "观看"),
    ("What must towns and subdistricts do?", "镇街"),
    ("Who pays when there is a general contractor?", "总承包单位"),
    ("How far in advance before cutting off gas?", "停气"),
    ("Who buys accident injury insurance for site workers?", "意外伤害保险"),
    ("Who buys accident injury insurance for site workers?", "作业人员"),
    ("Who manages premises with an elevator?", "场所"),
    ("Who is the elevator management party?", "管理责任人"),
    ("What did everyone watch first?", "首先"),
    ("What did everyone watch first?", "全体"),
])
def test_the_kbs_own_word_for_an_english_one(english, chinese):
    found, _ = R.lexicon_terms(english)
    assert chinese in found.split(), found

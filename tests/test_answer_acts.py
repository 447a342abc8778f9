"""What a news report or a notice says once, asked as a clerk would (our own invented texts, the shapes of
bench/gold/qa_probe5.jsonl): who did the act asked (主持, not 出席), who did what a "是谁…的" question ends on,
the bodies a lead works with (会同A、B、C), a document's 文号, and a fine in the sentence after the breach
(kb/answers/acts.py: one example per row)."""
import pytest

from kb.answers import acts as A
from kb.answers import rules as R
from tests.kbs import kb_of

# (question, clause, the person read) per row of A.ACTS
ACT_EXAMPLES = [
    ("春运工作会议由谁主持？", "市交通运输局局长周美元出席会议并做重要讲话,副局长罗楚平主持会议", "副局长罗楚平"),
    ("Who attended the meeting?", "副局长罗楚平主持会议，市交通运输局局长周美元出席会议", "市交通运输局局长周美元"),
    ("会上谁讲话了？", "副县长李锦荣、张斌出席会议并讲话", "副县长李锦荣、张斌"),
    ("方案是谁宣读的？", "会上,市住建局相关负责人宣读了《方案》", "市住建局"),
    ("会上是谁传达了上级会议精神？", "会上,镇党委委员王一传达了上级会议精神", "镇党委委员王一"),
    ("是谁带队督导的？", "副市长白少康带队督导推进整治工作", "副市长白少康"),
    ("Who convened the meeting?", "会前,市教育局组织召开学校安全会议", "市教育局"),
    ("Which bureau reported on the flood checks?", "会上,县水利局汇报了汛前检查开展情况", "县水利局"),
    ("会上谁就河长制工作作全面部署？", "蔡绍忠主持会议;徐红兵就河长制工作作全面部署", "徐红兵"),
    ("哪个单位就道路养护作了发言？", "县公路中心就如何做好道路养护工作作了发言,并提出下一步打算", "县公路中心"),
]


@pytest.mark.parametrize("question, clause, person", ACT_EXAMPLES)
def test_the_act_asked_is_the_act_read(question, clause, person):
    shapes = dict(A.asked_act_shapes(question, R.organisation_shapes(question)))
    assert shapes["actor"].search(clause).group("org") == person


def test_every_act_row_has_an_example():
    assert all(any(asks.search(q) for q, _, _ in ACT_EXAMPLES) for asks, _ in A.ACTS)


def test_who_did_the_act_a_question_ends_on():
    question = "《重点区域火灾隐患整治工作方案》是谁组织研究审定的？"
    shapes = A.asked_act_shapes(question, R.organisation_shapes(question))
    assert shapes[0][0] == "did"
    assert shapes[0][1].search("副市长、市公安局局长白少康组织研究审定《方案》").group("org") == "副市长、市公安局局长白少康"
    assert not any(name == "did" for name, _ in A.asked_act_shapes("这项工作是谁负责的？", []))


def test_a_document_number_asked_by_name():
    form = A.asked_form("这份通知的文号是多少？")
    assert form.search("(辽市政发〔2007〕51号)").group() == "辽市政发〔2007〕51号"
    assert A.asked_form("What is the document number of the plan?") is form
    assert A.asked_form("通知是哪天印发的？") is None


def test_a_sentence_going_on_with_the_breach():
    assert A.CONTINUES.match("处以罚款的，罚款数额为三万元以下。") and not A.CONTINUES.match("处罚决定书送达后")


@pytest.mark.parametrize("question, clause, bodies", [
    ("推进会是会同哪些单位召开的？", "专班办公室会同市消防救援局、市商务局、市邮政管理局组织召开推进会", "市消防救援局、市商务局、市邮政管理局"),
    ("Which departments did the education bureau work with?", "区教育局会同市公安局沙县分局、区市场监督管理局等相关部门开展整治",
     "市公安局沙县分局、区市场监督管理局"),
])
def test_every_body_a_lead_works_with(question, clause, bodies):
    assert R.intent_of(question) == "co"
    assert R.CO_BODY.search(clause).group("org").startswith(bodies)


def test_who_a_body_must_work_with_asks_the_lead_not_its_partners():
    assert R.intent_of("Which department must work with health and public security to organise drills?") != "co"


NEWS = {
    "spring.txt": "丁市交通运输局召开春运工作部署会议\n1月18日上午,市交通运输局召开春运工作会议。"
                  "市交通运输局局长周美元出席会议并做重要讲话,副局长罗楚平主持会议。\n会议要求成立春运工作专班。\n",
    "duty.txt": "戊市政府关于明确安全生产监督管理职责的通知\n(戊市政发〔2007〕51号)\n各县区人民政府:\n"
                "为全面落实安全生产责任,现就有关事宜通知如下:\n一、乡镇政府负责本区域安全生产直接监管。\n",
    "mine.md": "# 己省矿山安全办法\n\n第一条 为了保障矿山安全，制定本办法。\n\n"
               "第二条 矿山企业未按照规定及时、如实报告矿山事故的，按照有关法律的规定处理。处以罚款的，罚款数额为三万元以下。\n",
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, NEWS) as built:
        yield built


def test_who_chaired_is_not_who_attended(kb):
    answer = kb.ask("丁市交通运输局春运工作会议由谁主持？")
    assert "罗楚平" in answer.answer and "周美元" not in answer.answer


def test_the_document_number_of_a_notice(kb):
    answer = kb.ask("戊市明确安全生产监督管理职责的通知文号是什么？")
    assert "戊市政发〔2007〕51号" in answer.answer


def test_a_fine_written_after_the_breach(kb):
    answer = kb.ask("己省矿山企业没有及时如实报告矿山事故，最多罚多少？")
    assert answer.found and "三万元以下" in answer.answer

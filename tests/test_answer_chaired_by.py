"""Who did the act a question names, written "会议由X主持" or "X就…作全面部署" (kb/answers/acts.py: the actor after
由, the 部署 row, act_asked; the shapes of bench/gold/qa_probe6.jsonl; our own invented texts): the clause writing
the act answers, never a clause about the meeting's topic nor a duty's subject."""
import pytest

from kb.answers import acts as A
from kb.answers import rules as R
from tests.kbs import kb_of


@pytest.mark.parametrize("question, clause, person", [
    ("推进会由谁主持？", "会议由市政府副秘书长曹建中主持,副市长狄志强出席会议并讲话。", "市政府副秘书长曹建中"),
    ("视频会议由谁主持？", "会议由厅党组成员、副厅长程刚主持,副厅长叶长春通报了有关情况", "厅党组成员、副厅长程刚"),
    ("谁主持了会议？", "镇党委书记周立国主持会议并讲话。", "镇党委书记周立国"),
])
def test_the_actor_after_you(question, clause, person):
    shapes = dict(A.asked_act_shapes(question, R.organisation_shapes(question)))
    assert shapes["actor"].search(clause).group("org") == person


def test_an_act_asked_keeps_only_the_actor_shape():
    names = [name for name, _ in A.asked_act_shapes("会议由谁主持？", R.organisation_shapes("会议由谁主持？"))]
    assert names == ["actor"]


@pytest.mark.parametrize("question, asked", [
    ("推进会由谁主持？", True), ("谁就河长制工作作全面部署？", True), ("Who chaired the meeting?", True),
    ("会议作了哪些部署？", False), ("谁负责燃气安全？", False), ("Who must report accidents?", False),
])
def test_which_questions_ask_an_act(question, asked):
    assert A.act_asked(question) is asked


NEWS = {
    "ren.txt": "壬市燃气安全专项整治部署推进会召开\n9月5日下午,壬市燃气安全专项整治部署推进会在市行政中心召开。"
               "会议深入贯彻燃气安全重要指示批示精神,以更大力度开展壬市燃气安全专项整治部署推进工作。"
               "会议由市政府副秘书长癸某主持,副市长甲某出席会议并讲话。\n"
               "市住建局负责燃气安全专项整治的统筹协调。\n",
    "flood.txt": "壬县防汛防旱工作会议召开\n16日上午,壬县召开防汛防旱工作会议。乙某主持会议,并就贯彻落实会议精神提出要求;"
                 "丙某就河长制工作作全面部署。县水务局通报了汛前准备工作。\n",
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, NEWS) as built:
        yield built


def test_who_chaired_written_with_you(kb):
    answer = kb.ask("壬市燃气安全专项整治部署推进会由谁主持？")
    assert answer.answer.startswith("市政府副秘书长癸某")


def test_who_deployed_a_topic(kb):
    answer = kb.ask("壬县防汛防旱工作会议上谁就河长制工作作全面部署？")
    assert answer.answer == "丙某"

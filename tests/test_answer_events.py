"""When a reported event happened (kb/answers/events.py, the shapes of bench/gold/qa_probe6.jsonl; our own invented
texts): "是哪天召开的" is answered by the date written before the act, not by the page's publication stamp."""
import pytest

from kb.answers import events as E
from tests.kbs import kb_of


@pytest.mark.parametrize("question", [
    "庚县安全生产调度会是哪天召开的？", "津南区安全生产工作会议是哪天开的？", "这份应急预案是哪天印发的？",
    "会议什么时候召开？", "When was the county's drowning prevention meeting held?",
    "When did the city issue its flood plan?",
])
def test_a_question_asking_when_an_event_happened(question):
    assert E.event_asked(question)


@pytest.mark.parametrize("question", ["整改要在什么时候前完成？", "When must the plan be submitted?", "谁主持会议？"])
def test_a_deadline_or_other_question_asks_no_event(question):
    assert not E.event_asked(question)


@pytest.mark.parametrize("clause, date", [
    ("2月5日,庚县召开全县安全生产工作调度会暨节后收心会,动员全县上下。", "2月5日"),
    ("5月13日上午,全县2022年汛期及假期学生防溺水工作会议召开。", "5月13日"),
    ("会议于4月28日在市行政中心召开。", "4月28日"),
    ("四月三日,县政府印发应急预案。", "四月三日"),
    ("全省安全生产巡查工作于1月19日至2月6日全面开展。", "1月19日"),
])
def test_the_date_written_before_the_act(clause, date):
    assert E.event_date(clause).group("date") == date


def test_a_page_stamp_writes_the_act_before_its_date():
    assert E.event_date("庚县召开全县安全生产工作调度会2025年02月10日09时44分") is None
    assert E.event_bonus("会是哪天召开的？", "庚县召开全县安全生产工作调度会2025年02月10日09时44分") == 0.0


NEWS = {
    "geng.txt": "当前位置: 首页 / 新闻中心 / 庚县要闻 庚县召开全县安全生产工作调度会暨节后收心会 2025年02月10日 09时44分 【字体: 打印本文 分享:\n"
                "2月5日,庚县召开全县安全生产工作调度会暨节后收心会,动员全县上下深入贯彻落实安全生产工作部署。"
                "副县长辛某出席会议并讲话。\n会议要求各部门于3月31日前完成隐患排查整治。\n",
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, NEWS) as built:
        yield built


def test_when_the_meeting_was_held_is_the_date_before_the_act(kb):
    answer = kb.ask("庚县全县安全生产工作调度会暨节后收心会是哪天召开的？")
    assert answer.found and answer.answer.startswith("2月5日") and "09时44分" not in answer.answer


def test_a_deadline_question_is_still_answered_by_the_deadline(kb):
    answer = kb.ask("庚县隐患排查整治要在什么时候前完成？")
    assert "3月31日前" in answer.answer

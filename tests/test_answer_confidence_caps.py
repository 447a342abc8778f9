"""An answer the calibration rates highly is still shown below 0.9 when it lacks the asked shape or
has no rival at a weak match (kb.answers.candidates.unsure_reasons: the signals that told the wrong
answers shown at >= 0.9 from the right ones on the first answers of qa_probe4 and qa_probe5)."""
import pytest

from kb.answers.candidates import UNSURE_CAP, Candidate, calibrated, unsure_reasons
from kb.answers.question import Question
from kb.models import Hit


def question(intent: str, english: bool = False, named: bool = True) -> Question:
    return Question("问题？", intent, english, "安全生产", {"doc"} if named else None, [], None, False)


def candidate(answer: str, units: list[str]) -> Candidate:
    hit = Hit("passage", 1, "doc", "doc.txt", "某市通知", "", answer, 1.0)
    return Candidate(1.0, hit, answer, units, [])


@pytest.mark.parametrize("intent, answer, units, unsure", [
    ("metric", "为贯彻落实《辽宁省“十四五”安全生产规划》(以下简称《规划》)", [], True),  # a number asked, none given
    ("metric", "为全面落实安全生产责任,进一步明确安全生产行政责任划分", [], True),
    ("metric", "地区生产总值增长5%以上", [], False),
    ("quantity", "应当在三十分钟内到达现场", [], False),
    ("metric", "每季度至少召开一次会议", [], False),
    ("responsible", "9月6日下午,丰顺县教育局在10楼会议室召开会议", [], True),  # a body asked, none named
    ("responsible", "县级以上人民政府民政部门", ["县级以上人民政府民政部门"], False),
    ("passage", "实行二十四小时值班制度", [], False),  # no shape asked
])
def test_an_answer_without_the_asked_shape(intent, answer, units, unsure):
    assert ("shape" in unsure_reasons(1.2, 0.3, question(intent), candidate(answer, units))) == unsure


def test_a_weak_candidate_with_no_rival():
    only = candidate("国务院", ["国务院"])
    assert unsure_reasons(0.68, 0.68, question("organisation"), only) == ["sole"]
    assert unsure_reasons(1.18, 1.18, question("organisation"), only) == []  # a strong match with no rival
    assert unsure_reasons(0.68, 0.3, question("organisation"), only) == []  # a rival, a weak match


def test_unsure_answers_are_shown_below_the_sure_band():
    asked = question("organisation", english=True)
    sure = calibrated("clause", 1.5, 1.0, asked, candidate("海事管理机构", ["海事管理机构"]))
    assert sure >= 0.9
    weak_sole = calibrated("clause", 0.68, 0.68, asked, candidate("国务院", ["国务院"]))
    assert weak_sole <= UNSURE_CAP < 0.9
    no_body = calibrated("clause", 1.5, 1.0, asked, candidate("近日,沙县区教育局召开会议", []))
    assert no_body == UNSURE_CAP


def test_the_cap_only_lowers():
    asked = question("responsible")
    weak = calibrated("clause", 0.4, 0.05, asked, candidate("某某", []))
    assert weak == calibrated("clause", 0.4, 0.05, asked) < UNSURE_CAP  # below the cap it changes nothing

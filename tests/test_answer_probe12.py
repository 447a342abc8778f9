"""Causes that recur across the blind sets' read halves (probe4-6, probe11, probe12's odd lines), in our own words
and invented texts: a question asking who (由谁, 谁规定) about a date or span its object names asks the doer, not the
date (kb/answers/rules.py); a kind of doer asked in place of 谁 ("哪些单位汇报了…") asks the doer of that act
(kb/answers/acts.py); "On what date did … issue" asks the day of issue as "是哪天印发的" does, and a notice's
signature date (its own line under the issuer's) answers it (kb/answers/events.py); a span asked by both its ends
("From when to when does … run", "从什么时候到什么时候") is a period; English 100-day is 百日 (kb/answers/lexicon.py)."""
import pytest

from kb.answers import acts as A
from kb.answers import events as E
from kb.answers import rules as R
from kb.answers.ask import ask
from tests.kbs import kb_of

# A notice signed on its own lines, then the plan it issues.
NOTICE = """辛省人民政府办公厅关于印发辛省桥梁安全隐患排查整治工作方案的通知
各市、县人民政府,省政府直属各单位:
《辛省桥梁安全隐患排查整治工作方案》已经省政府同意,现印发给你们,请认真组织实施。
辛省人民政府办公厅
2021年9月14日
辛省桥梁安全隐患排查整治工作方案
为消除桥梁安全隐患,省交通运输厅要在2021年12月31日前完成全省桥梁的排查。
"""

# A report of a meeting: who reported, and a campaign's span.
REPORT = """壬县召开冬季防火工作会议
11月3日,壬县召开冬季防火工作会议。县应急局、林业局、消防大队以及各乡镇负责人汇报了前期防火工作情况。
会议决定,自2022年11月5日至2023年2月12日,利用100天时间,在全县开展冬季防火百日行动。
"""

# A rule whose span is set by a body the question asks about.
RULE = """# 癸省防汛抗旱条例

第一条 为了做好防汛抗旱工作，制定本条例。

第八条 省防汛抗旱指挥机构可以根据本省的雨情规律，规定汛期起止日期，并向社会公布。

第九条 县级以上人民政府水行政主管部门负责本行政区域内防汛设施的日常管理。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"notice.txt": NOTICE, "report.txt": REPORT, "癸省防汛抗旱条例.md": RULE}) as built:
        yield built


@pytest.mark.parametrize("question, intent", [
    ("汛期起止日期由谁规定？", "responsible"),  # the span is what the doer sets
    ("整改期限由谁确定？", "responsible"),
    ("谁确定了汛期起止日期？", "responsible"),
    ("汛期起止日期是什么？", "period"),  # no doer asked: the span itself
    ("From when to when does the winter fire-prevention campaign run?", "period"),
    ("冬季防火百日行动从什么时候到什么时候？", "period"),
    ("When does the winter fire-prevention campaign run?", "period"),
])
def test_what_a_question_asks_when_it_names_a_date(question, intent):
    assert R.intent_of(question) == intent


def test_who_sets_a_span(kb):
    answer = ask(kb.indexes, "《癸省防汛抗旱条例》规定，汛期起止日期由谁规定？")
    assert answer.found and "省防汛抗旱指挥机构" in answer.answer, answer.answer


@pytest.mark.parametrize("question, act", [
    ("会上有哪些单位汇报了防火工作？", "汇报"),
    ("会上哪个部门介绍了经验？", "介绍"),
    ("哪些单位了解情况？", None),  # no act done (了) right after the kind of doer
])
def test_a_kind_of_doer_asked_in_place_of_who(question, act):
    did = A.did_asked(question)
    assert (did.group("act") if did else None) == act


def test_which_units_reported_at_a_meeting(kb):
    answer = ask(kb.indexes, "壬县冬季防火工作会议上有哪些单位汇报了防火工作？")
    assert answer.found and "县应急局、林业局、消防大队" in answer.answer, answer.answer


@pytest.mark.parametrize("question", [
    "On what date did the Xin provincial government office issue the bridge safety inspection work plan?",
    "What date was the Xin province bridge safety plan issued?",
    "辛省桥梁安全隐患排查整治工作方案是哪天印发的？",
])
def test_the_day_a_notice_was_issued_is_its_signature_date(kb, question):
    answer = ask(kb.indexes, question)
    assert answer.found and "2021年9月14日" in answer.answer, answer.answer


def test_a_signature_date_is_a_date_alone_under_the_signers_line():
    asked = "这份方案是哪天印发的？"
    text = "现印发给你们。\n某局\n2021年9月14日\n方案"
    start = text.index("2021")
    assert E.signature_date(asked, text, start, start + len("2021年9月14日"))
    assert not E.signature_date("方案要求什么时候完成？", text, start, start + len("2021年9月14日"))  # no issue asked
    text = "各单位要在\n2021年9月14日\n前完成"  # a date on its own line under a sentence's broken half
    start = text.index("2021")
    assert not E.signature_date(asked, text, start, start + len("2021年9月14日"))


def test_a_campaigns_span_asked_by_both_ends(kb):
    answer = ask(kb.indexes, "From when to when does Ren county's winter fire-prevention 100-day action run?")
    assert answer.found and "2022年11月5日" in answer.answer and "2023年2月12日" in answer.answer, answer.answer


def test_english_100_day_is_the_documents_word():
    found, _ = R.lexicon_terms("the 100-day action")
    assert "百日行动" in found.split(), found

"""Among the many documents of one place, the one a question asks (kb/answers/question.py): a title
sharing a word with the question names its document only when that document's text also answers
best, and a place a question writes with its level is a whole word of the question. Invented
regulations of an invented city, in our own words."""
import pytest

from kb.answers.ask import ask
from kb.answers.places import by_place_in_text
from kb.answers.question import analyze
from tests.kbs import kb_of

GAS = """# 青石市燃气管理条例

第一条 为了加强燃气管理，保障用气安全，制定本条例。

第二条 居民用户应当安全用气，不得倒灌气瓶，不得私自改装燃气设施。

第三条 居民用户违反本条例第二条规定的，由燃气管理部门责令改正；逾期不改正的，处五百元以下罚款。
"""
RESIDENTS = """# 青石市居民委员会工作办法

第一条 为了规范居民委员会的工作，制定本办法。

第二条 居民委员会协助街道办事处开展社区服务，每年向居民会议报告工作。
"""
PRIVATE_FIRMS = """# 青石市民营企业促进条例

第一条 为了促进民营企业发展，制定本条例。

第二条 民营企业可以依法向发展改革部门申请专项资金，申请材料报市场监督管理部门备案。
"""
SAFETY = """# 青石市安全生产条例

第一条 为了加强安全生产工作，制定本条例。

第二条 企业应当对重大危险源登记建档，并将重大危险源报所在地应急管理部门备案。
"""
PLAN = """青石市燃气安全专项整治方案

一、工作任务
（一）排查居民用户燃气隐患。牵头单位：市城管局；配合单位：市应急管理局。完成时限：2026年9月底前。
"""
NEWS = """月湾镇召开道路整治会议

会议要求，要改动市政道路的工程，须先报镇规划办审查。
"""


@pytest.fixture(scope="module")
def city_kb(tmp_path_factory):
    texts = {"青石市燃气管理条例.md": GAS, "青石市居民委员会工作办法.md": RESIDENTS,
             "青石市民营企业促进条例.md": PRIVATE_FIRMS, "青石市安全生产条例.md": SAFETY, "plan.txt": PLAN,
             "news.txt": NEWS}
    with kb_of(tmp_path_factory, texts) as built:
        yield built


def titles(kb, question: str) -> set[str]:
    docs = kb.indexes.documents()
    return {docs[d].title for d in analyze(kb.indexes, question).doc_ids or ()}


def test_a_title_word_whose_document_does_not_answer_names_no_document_alone(city_kb):
    # 企业 is in the private-firms law's title, but the safety law's article holds 重大危险源: the
    # place's documents stay for the answer to choose among
    assert "青石市安全生产条例" in titles(city_kb, "青石企业的重大危险源要报哪里备案？")
    answer = ask(city_kb.indexes, "青石企业的重大危险源要报哪里备案？")
    assert answer.citations[0].doc_title == "青石市安全生产条例" and "应急管理部门" in answer.answer, answer.answer


def test_a_title_word_whose_document_answers_names_it_alone(city_kb):
    # 居民 and 燃气 each in one title: the gas law's articles speak of 居民用户 and 用气
    assert titles(city_kb, "青石居民用户违规用气（比如倒灌燃气气瓶），逾期不改罚多少？") == {"青石市燃气管理条例"}


def test_a_title_named_as_one_needs_no_confirming_text(city_kb):
    # "民营企业…条例" names a regulation by its title's words: the private-firms law, though the safety
    # law's article holds 重大危险源
    assert titles(city_kb, "青石民营企业条例里，企业的重大危险源报哪里备案？") == {"青石市民营企业促进条例"}


def test_a_question_in_a_plans_words_is_answered_by_the_places_notice(city_kb):
    # the gas law speaks of 居民用户 and 燃气 too, but no regulation says who leads
    answer = ask(city_kb.indexes, "青石居民用户燃气隐患排查谁牵头？")
    assert answer.citations[0].doc_title == "青石市燃气安全专项整治方案" and "市城管局" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["燃气公司要改动市政燃气管道，改动方案报谁批准？"])
def test_a_level_inside_a_word_names_no_place(city_kb, question):
    # 改动市 is written in the news report, but 市政 is one word: the question names no 改动市
    assert by_place_in_text(city_kb.indexes, question) == []


def test_a_place_written_with_its_level_names_the_text_writing_it(city_kb):
    assert [d.file for d in by_place_in_text(city_kb.indexes, "月湾镇道路整治会议要求什么？")] == ["news.txt"]

"""A regulation's articles asked about in the words users put them in (our own invented
documents): an English title named after a cue ("the Waterway Regulations") next to a plan
that shares its words, the body a plan is 报…批准 to, a department that 主管 a field, a fine
written as a multiple of the goods' value, whose consent a move needs, and a colloquial 没有."""
import pytest

from kb.answers.ask import ask
from kb.answers.question import analyze
from tests.kbs import kb_of

REGULATION = """# 庚省航道条例

第一条 为了加强航道管理，制定本条例。

第二条 全省航道规划由省交通运输主管部门会同省水行政主管部门编制，报省人民政府批准公布。

第三条 省交通运输主管部门主管全省航道工作；县级交通运输主管部门负责本行政区域内航道的管理工作。

第四条 销售不合格救生衣的，责令停止销售，并处货值金额一倍以上三倍以下的罚款。

第五条 迁移码头设施的，应当经设立该设施的单位同意。

第六条 无许可证擅自在航道内采砂的，处五万元以上十万元以下的罚款。
"""

PLAN = """全省航道养护工作计划

一、工作任务
（一）编制航道养护方案。省航道事务中心负责，完成时限：2026年5月底前。
（二）开展航道巡查。各市航道管理站负责，完成时限：2026年10月底前。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"庚省航道条例.md": REGULATION, "plan.txt": PLAN}) as built:
        yield built


def test_an_english_title_names_the_regulation_not_the_plan_sharing_its_words(kb):
    question = analyze(kb.indexes, "Under the Waterway Regulations, who approves the provincial waterway plan?")
    titles = {kb.indexes.documents()[d].title for d in question.doc_ids or ()}
    assert titles == {"庚省航道条例"}, titles


def test_the_body_a_plan_is_submitted_to_for_approval(kb):
    answer = ask(kb.indexes, "Under the Waterway Regulations, who approves the provincial waterway plan?")
    assert answer.answer.split("；")[0].endswith("省人民政府"), answer.answer


def test_the_department_that_is_in_charge_of_a_field(kb):
    answer = ask(kb.indexes, "Which provincial department is in charge of waterway work?")
    assert answer.kind == "organisation" and answer.answer.split("；")[0].endswith("省交通运输主管部门"), answer.answer


def test_a_fine_written_as_a_multiple_of_the_value(kb):
    answer = ask(kb.indexes, "卖不合格的救生衣罚多少？")
    assert "一倍以上三倍以下的罚款" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["Whose consent is needed to move a wharf facility?", "迁移码头设施要经谁同意？"])
def test_whose_consent_a_move_needs(kb, question):
    answer = ask(kb.indexes, question)
    assert answer.kind != "passage" and answer.answer.split("；")[0].endswith("设立该设施的单位"), answer.answer


def test_a_colloquial_without_is_searched_as_the_regulation_writes_it(kb):
    question = analyze(kb.indexes, "没有许可证在航道里采砂罚多少？")
    assert "无许可证" in question.query
    assert "五万元以上十万元以下" in ask(kb.indexes, "没有许可证在航道里采砂罚多少？").answer


def test_the_alternatives_of_an_english_word_weigh_as_one_topic_word(kb):
    from kb.answers.topic import topic_of

    pool = ["航道养护的费用由省财政承担", "航道巡查由市航道管理站负责"]
    topic = topic_of(kb.indexes, "养护 维护 费用", pool, alternatives=(("养护", "维护"),))
    assert "养护" in topic.weights and "维护" not in topic.weights
    assert topic.terms_in("码头设施的维护") == {"养护"}

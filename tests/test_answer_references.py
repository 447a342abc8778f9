"""A penalty clause that names its breach only by number (kb/answers/references.py; the shape of a fine question
of bench/gold/qa_probe8.jsonl's odd lines, in our own invented law): "违反本条例第五条第二项规定的" is about what
item 2 of article 5 says, so of a penalty article's clauses the one whose items say the question's words answers."""
from kb.answers import references as F
from kb.answers.ask import ask
from kb.answers.topic import Topic
from tests.kbs import kb_of

LAW = """# 丑市游乐设施安全条例

第一条 为了加强游乐设施安全管理，制定本条例。

第五条 禁止转让、出借下列证件：
（一）游乐设施运营许可证；
（二）游乐设施操作人员上岗证；
（三）游乐设施检测报告。

第六条 游乐设施运营单位应当每日检查设施。
运营单位应当公示安全须知。

第九条 违反本条例第五条第一项规定的，由市场监督管理部门责令改正，处二万元以上十万元以下罚款。
违反本条例第五条第二项规定的，由市场监督管理部门责令改正，处三千元以上三万元以下罚款。
违反本条例第六条第二款规定的，由市场监督管理部门责令改正，处五百元以上二千元以下罚款。
"""


def test_the_parts_a_clause_refers_to_are_read_from_the_same_law():
    assert "操作人员上岗证" in F.referred_text("违反本条例第五条第二项规定的，处三千元以上三万元以下罚款。", LAW)
    assert "运营许可证" not in F.referred_text("违反本条例第五条第二项规定的，处三千元以上三万元以下罚款。", LAW)
    two = F.referred_text("违反本条例第五条第一项、第三项规定的，处罚款。", LAW)
    assert "运营许可证" in two and "检测报告" in two and "上岗证" not in two
    assert F.referred_text("违反本条例第六条第二款规定的，处罚款。", LAW) == "运营单位应当公示安全须知。"
    assert F.referred_text("由市场监督管理部门责令改正。", LAW) == ""


def test_the_clause_is_as_relevant_as_the_items_it_names():
    topic = Topic({"操作人员": 1.0, "上岗证": 1.0})
    second = topic.overlap(F.referred_text("违反本条例第五条第二项规定的，处三千元以上三万元以下罚款。", LAW))
    first = topic.overlap(F.referred_text("违反本条例第五条第一项规定的，处二万元以上十万元以下罚款。", LAW))
    assert second > first == 0.0


def test_a_fine_asked_by_the_breach_is_that_items_fine(tmp_path_factory):
    with kb_of(tmp_path_factory, {"丑市游乐设施安全条例.md": LAW}) as kb:
        for question in ("丑市出借游乐设施操作人员上岗证的，罚多少钱？",
                         "In 丑市, what is the fine for lending out an amusement ride operator's work permit (上岗证)?"):
            answer = ask(kb.indexes, question)
            assert "三千元以上三万元以下" in answer.answer, (question, answer.answer)

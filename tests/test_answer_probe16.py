"""Causes seen in probe16's read half (its odd lines), in our own words and an invented regulation: an article whose
first line only names a case ("暴雨红色预警响应措施：") says that case for each of its paragraphs, so the red alert's
schools answer a question about the red alert (kb/answers/clauses.py); a warning is issued (由X发布) as a permit is
granted (kb/answers/orgshapes.py); an English question's title words before and after its kind word ("the national
regulation on reservoir dam safety management", kb/answers/rules.py), and the laws' own words for warnings (预警),
electric power, accepting, applying to, dam height and storage capacity (kb/answers/lexicon.py)."""
import pytest

from kb.answers.ask import ask
from tests.kbs import kb_of

RULES = """# 辛市暴雨防御条例

第一条 为了做好暴雨防御，制定本条例。

第八条 暴雨预警信号由市气象台统一发布。

第九条 有关部门在市气象台发布暴雨预警信号后，应当及时发布本行业的预警信息：
（一）山洪预警由市水利局发布；
（二）城市内涝预警由市城管局发布。

第十六条 暴雨黄色预警响应措施：
各街道办事处应当加强值守。
幼儿园和中小学校应当关注暴雨变化，做好学生安全防护。

第十七条 暴雨红色预警响应措施：
各街道办事处应当组织转移危险区域人员。
幼儿园和中小学校应当停课。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"辛市暴雨防御条例.md": RULES}) as built:
        yield built


@pytest.mark.parametrize("question, answer", [
    ("辛市发布暴雨红色预警时，幼儿园和中小学校应当怎么做？", "停课"),
    ("辛市发布暴雨黄色预警时，幼儿园和中小学校应当怎么做？", "关注暴雨变化"),
])
def test_an_article_naming_its_case_first_says_it_for_each_paragraph(kb, question, answer):
    assert answer in ask(kb.indexes, question).answer


@pytest.mark.parametrize("question", [
    "辛市的山洪预警由哪个部门发布？",
    "In Xin city, which department issues flash flood warnings after a rainstorm warning signal is released?",
])
def test_a_warning_is_issued_by_the_body_written_before_fa_bu(kb, question):
    assert ask(kb.indexes, question).answer.startswith("市水利局")


@pytest.mark.parametrize("first_clause, case", [
    ("第十八条 暴雨红色预警响应措施：\n", "暴雨红色预警响应措施"),
    ("第九条 有关部门在市气象台发布暴雨预警信号后，应当及时发布本行业的预警信息：", ""),  # a sentence, not a case's name
])
def test_the_case_an_articles_first_line_names(first_clause, case):
    from kb.answers.cases import case_lead
    assert case_lead(first_clause) == case


@pytest.mark.parametrize("question, asks_cover", [
    ("Which dams does the national regulation on reservoir dam safety apply to?", True),
    ("Where do I apply to open a shop?", False),
])
def test_what_a_rule_applies_to_is_not_an_application(question, asks_cover):
    from kb.answers import rules as R
    assert ("适用" in R.lexicon_terms(question)[0]) == asks_cover


def test_a_question_asking_two_bodies_is_answered_by_both_in_its_order(tmp_path_factory):
    """"…交给谁？处理费用谁出？": the body that receives and the one that pays, from the same article (the dev set's
    laws-74, in an invented regulation)."""
    text = ("# 壬市危险物品管理办法\n\n第一条 为了加强危险物品管理，制定本办法。\n\n"
            "第三十条 公众捡拾的无主危险物品，由公安机关接收。依法没收的危险物品需要处理的，交由市生态环境局组织处理。"
            "处理所需费用由市财政负担。\n")
    with kb_of(tmp_path_factory, {"壬市危险物品管理办法.md": text}) as built:
        answer = ask(built.indexes, "捡到无主的危险物品交给谁？处理费用谁出？")
    assert answer.answer.startswith("公安机关；市财政")

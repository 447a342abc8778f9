"""Causes seen in probe15's read half (its odd lines), in our own words and invented texts: a list of bodies that
share one responsibility ("A、B、C，对…负日常管理责任") is its subject, and of them the one the question's topic names
(乡（镇） for "township") answers, while a responsibility borne is no cost (kb/answers/orgshapes.py,
kb/answers/organisations.py); "how much advance notice" asks a span of time, not a sum (kb/answers/rules.py), and a
span the question gives ("for more than 48 hours") is the clause's condition, not its answer (kb/answers/cases.py);
the KB's words for fire used in the open in a fire-prevention period, for heating stopped and notice given, and for
ferries (kb/answers/topicwords.py)."""
import pytest

from kb.answers import cases as CS
from kb.answers import rules as R
from kb.answers.ask import ask
from kb.answers.organisations import named_item
from tests.kbs import kb_of

# A city's regulation: a market's fire safety borne by three kinds of bodies, heating stopped after notice, fire used
# in the open with a county bureau's approval (and another article whose approval is by the government).
RULES = """# 庚市城乡公共安全管理条例

第一条 为了加强城乡公共安全管理，制定本条例。

第八条 在防火期内，因烧荒等生产活动需要在林区野外用火的，应当经县级林业主管部门批准。

第九条 在防火期内，经市人民政府批准，林业主管部门可以对进入林区的车辆和可能引发火灾的野外作业活动开展防火检查。

第十五条 市场开办单位、集贸市场所在乡（镇）人民政府、企业自办市场的主办单位，对市场的消防安全负日常管理责任。
市场监督管理部门应当加强对市场的监督检查。

第二十条 在供暖季内，供热单位因检修管网停止供热超过四十八小时的，应当提前三日书面告知用户；遇突发故障的，应当立即抢修。

第二十一条 清理事故现场的费用由责任单位承担。
"""
MARKET_BODIES = "市场开办单位、集贸市场所在乡（镇）人民政府、企业自办市场的主办单位"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"庚市城乡公共安全管理条例.md": RULES}) as built:
        yield built


@pytest.mark.parametrize("question, asked", [
    ("Who bears day-to-day management responsibility for fire safety at a township market?", False),
    ("谁承担市场消防安全的直接管理责任？", False),
    ("Who bears the cost of clearing the accident scene?", True),
    ("清理现场的费用由谁承担？", True),
])
def test_a_responsibility_borne_is_no_cost(question, asked):
    assert ("cost" in dict(R.organisation_shapes(question))) == asked


@pytest.mark.parametrize("question, clause, org", [
    ("谁对市场的消防安全负日常管理责任？", f"{MARKET_BODIES}，对市场的消防安全负日常管理责任", MARKET_BODIES),
    ("谁对仓库的安全负总责？", "仓库经营单位，对仓库的安全负总责", "仓库经营单位"),
])
def test_the_subject_of_a_responsibility(question, clause, org):
    assert dict(R.organisation_shapes(question))["bears_responsibility"].search(clause).group("org") == org


@pytest.mark.parametrize("asked, org, item", [
    ("乡镇 集贸市场 消防", MARKET_BODIES, "集贸市场所在乡（镇）人民政府"),  # 乡镇 is written 乡（镇）
    ("企业 自办 市场", MARKET_BODIES, "企业自办市场的主办单位"),
    ("市场 消防 安全", MARKET_BODIES, None),  # every item's words: the question names none of them
    ("乡镇 企业 市场", MARKET_BODIES, None),  # two of them named
    ("市场 企业 消防", "省、自治区、直辖市人民政府负责企业消防安全的部门", None),  # levels of one body, no bodies of their own
])
def test_the_one_body_of_a_list_the_question_names(asked, org, item):
    found = named_item(asked, org)
    assert (found[0] if found else None) == item
    if found:
        assert org[found[1]:found[1] + len(found[0])] == found[0]


@pytest.mark.parametrize("question, answer", [
    ("In Gengshi, who bears day-to-day management responsibility for fire safety at a township market?", "集贸市场所在乡（镇）人民政府"),
    ("庚市谁对乡镇集贸市场的消防安全负日常管理责任？", "集贸市场所在乡（镇）人民政府"),
    ("庚市哪些单位对市场的消防安全负日常管理责任？", MARKET_BODIES),
])
def test_who_bears_the_responsibility(kb, question, answer):
    got = ask(kb.indexes, question)
    assert got.found and got.answer == answer, got.answer


@pytest.mark.parametrize("question", [
    "How much advance notice must the heating company give?",
    "How much notice do users get before the water is cut?",
    "How much in advance must the organiser apply?",
])
def test_notice_given_ahead_is_a_span_of_time(question):
    assert R.quantity_shape(question)[0] == "time_limit"


@pytest.mark.parametrize("question, clause, answer", [
    ("How much advance notice is given when heating stops for more than 48 hours?",
     "供热单位因检修管网停止供热超过四十八小时的，应当提前三日书面告知用户", "应当提前三日书面告知用户"),
    ("停止供热超过48小时的，要提前几天通知？", "供热单位因检修管网停止供热超过四十八小时的，应当提前三日书面告知用户", "应当提前三日书面告知用户"),
    # no span given, or another one: the clause is read whole
    ("How much advance notice is given?", "供热单位因检修管网停止供热超过四十八小时的，应当提前三日书面告知用户",
     "供热单位因检修管网停止供热超过四十八小时的，应当提前三日书面告知用户"),
    ("停止供热超过12小时的，要提前几天通知？", "停止供热超过四十八小时的，应当提前三日通知", "停止供热超过四十八小时的，应当提前三日通知"),
])
def test_a_span_the_question_gives_is_the_condition(question, clause, answer):
    assert clause[CS.after_condition(question, clause):] == answer


def test_the_notice_before_heating_stops(kb):
    got = ask(kb.indexes, "In Gengshi, how much advance notice must a heating company give users if it has to stop "
                          "heating for more than 48 hours in the heating season?")
    assert got.found and "提前三日" in got.answer, got.answer


@pytest.mark.parametrize("english, chinese", [
    ("May farmers use fire in the open during the fire-prevention season?", ["用火", "野外", "防火期"]),
    ("Who approves fires lit outdoors for production work?", ["野外", "生产活动"]),
    ("How much advance notice must a heating company give before the heating season?", ["提前", "供热企业", "采暖期"]),
    ("Who bears responsibility for a township ferry crossing?", ["渡口"]),
])
def test_the_kbs_own_words(english, chinese):
    found, _ = R.lexicon_terms(english)
    assert all(word in found.split() for word in chinese), found


def test_whose_approval_fire_in_the_open_needs(kb):
    got = ask(kb.indexes, "During the fire-prevention period, whose approval is needed to use fire in the open for "
                          "production work in Gengshi?")
    assert got.found and "县级林业主管部门" in got.answer, got.answer

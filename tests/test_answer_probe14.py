"""Causes seen in probe14's read half (its odd lines), in our own words and invented texts: a span's days may carry the
hour it opens and closes at ("6月1日12时至9月1日12时", kb/answers/rules.py); "X联合了哪些部门" asks the bodies X worked
with, which a report writes after 联合 as a law writes them after 会同 (rules.py, orgshapes.py); "多少个部门" counts 部门 (a generic
word, no topic word) and a date or an ordinal is no count (kb/answers/cases.py); "哪个局汇报了…" / "which bureau reported
on…" asks the doer of 汇报 (kb/answers/acts.py); "when does X run" only asks for a span, and the KB's words for rail
transit, an outer edge and a lift (kb/answers/lexicon.py); an item of a list is read with its lead-in, so the item
saying the question's own words answers, not the first item, and a long article's later piece answers without the first
sentence it repeats before its "……" (kb/answers/clauses.py); "哪个区…" / "which district" is
answered by the clause naming a district (kb/answers/places.py)."""
import pytest

from kb.answers import acts as A
from kb.answers import cases as CS
from kb.answers import places as PL
from kb.answers import rules as R
from kb.answers.ask import ask
from kb.answers.clauses import _clauses
from kb.answers.lexicon import lexicon_groups
from tests.kbs import kb_of

# A county's news report: a closed fishing season with its hours, who the fishery bureau worked with, a meeting's day
# and ordinal before the count of departments that came, and which bureau reported.
FISHERY = """己县召开海洋渔业安全工作推进会
9月8日,己县召开2026年第三次渔业安全工作推进会,部署秋季开渔后渔船安全检查。副县长郑立新出席会议并讲话,全县共26个相关部门负责人参会。
今年全县海洋禁渔期为5月1日12时至8月31日12时,所有拖网渔船一律回港停泊。
会上,县海洋渔业局汇报了禁渔期执法检查开展情况。
县海洋渔业局联合海警、边防、市场监管等相关部门,对渔港码头开展联合执法检查,共查处违规渔船14艘。
"""

# A regulation: a protected zone whose items each give a width, the first naming nothing the question asks; a ban
# whose first item names a district.
RULES = """# 辛市城市综合管廊保护条例

第一条 为了保护城市综合管廊，制定本条例。

第十条 下列范围为综合管廊安全保护区：
（一）出入口、通风口和吊装口外边线外侧5米内；
（二）地面检修井和地面管线外边线外侧15米内；
（三）地下管廊与地下检修井外边线外侧40米内；
（四）穿越河道的管廊外边线外侧80米内。

第十二条 下列区域内禁止在综合管廊上方堆放重物：
（一）朝阳区行政区域内；
（二）其他区的城市建成区内。
其他区人民政府可以根据本区实际，决定在本行政区域内全部禁止在综合管廊上方堆放重物，并向社会公布。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"fishery.txt": FISHERY, "辛市城市综合管廊保护条例.md": RULES}) as built:
        yield built


@pytest.mark.parametrize("clause, span", [
    ("禁渔期为5月1日12时至8月31日12时,所有拖网渔船", "5月1日12时至8月31日12时"),
    ("检查时间为3月2日8时30分至3月2日17时", "3月2日8时30分至3月2日17时"),
    ("活动自6月1日至6月30日", "自6月1日至6月30日"),
])
def test_a_span_whose_days_carry_hours(clause, span):
    assert R.ANSWER_SHAPES["period"].search(clause).group() == span


def test_a_closed_season_from_when_to_when(kb):
    answer = ask(kb.indexes, "己县海洋禁渔期从何时到何时？")
    assert answer.found and answer.answer.endswith("5月1日12时至8月31日12时"), answer.answer


@pytest.mark.parametrize("question, intent", [
    ("县海洋渔业局联合了哪些部门？", "co"),
    ("县海洋渔业局联合哪些部门开展检查？", "co"),
])
def test_whom_a_body_joined_with_asks_co(question, intent):
    assert R.intent_of(question) == intent


@pytest.mark.parametrize("clause, bodies", [
    ("县海洋渔业局联合海警、边防、市场监管等相关部门,对渔港码头开展检查", "海警、边防、市场监管等相关部门"),
    ("市住建局会同市公安局、市交通局制定方案", "市公安局、市交通局"),
    ("市应急局联合市场监管局开展检查", "市场监管局"),
])
def test_the_bodies_a_lead_works_with(clause, bodies):
    assert R.CO_BODY.search(clause).group("org") == bodies


def test_the_bodies_a_bureau_joined_with(kb):
    answer = ask(kb.indexes, "己县海洋渔业局在渔港码头执法检查中联合了哪些部门？")
    assert answer.found and all(body in answer.answer for body in ("海警", "边防", "市场监管")), answer.answer


@pytest.mark.parametrize("question, counted, named", [
    ("推进会共有多少个部门参会？", "相关部门负责人", True),
    ("How many departments came to the meeting?", "相关部门负责人", True),
    ("How many enterprises were checked?", "重点企业", True),
    ("共有多少个部门参会？", "重点企业", False),
])
def test_the_thing_a_count_question_names(question, counted, named):
    assert CS.counts_named(question, counted) == named


def test_a_date_or_an_ordinal_is_no_count():
    said = CS.count_said("共有多少个部门参会？", "9月8日,己县召开2026年第三次推进会")
    assert not R.ANSWER_SHAPES["metric"].search(said), said
    assert CS.count_said("投入资金多少？", "2026年投入资金") == "2026年投入资金"  # no count asked: as written


@pytest.mark.parametrize("question", [
    "己县9月8日部署秋季开渔后渔船安全检查的推进会共有多少个部门参会？",
    "How many departments sent their heads to Jixian's third fishery safety meeting?",
])
def test_how_many_departments_came(kb, question):
    answer = ask(kb.indexes, question)
    assert answer.found and "26个" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["会上哪个县局汇报了禁渔期执法情况？", "Which county bureau reported on the enforcement checks?"])
def test_reporting_is_an_act_of_a_meeting(question):
    assert any("汇报" in act for act in A.asked_acts(question)), A.asked_acts(question)


def test_the_bureau_that_reported(kb):
    answer = ask(kb.indexes, "At Jixian's fishery safety meeting, which county bureau reported on how the checks went?")
    assert answer.found and "县海洋渔业局" in answer.answer, answer.answer


@pytest.mark.parametrize("english", [
    "When does the school safety month run?",
    "When does Jixian's closed fishing season run each year?",
    "How long does the inspection last?",
])
def test_a_span_verb_is_no_word_searched(english):
    _, rest = lexicon_groups(english)
    assert not any(verb in rest.split() for verb in ("run", "last")), rest


def test_a_closed_season_asked_in_english(kb):
    answer = ask(kb.indexes, "When does Jixian's closed fishing season run this year?")
    assert answer.found and "5月1日12时" in answer.answer and "8月31日12时" in answer.answer, answer.answer


@pytest.mark.parametrize("english, chinese", [
    ("Who runs the rail transit line?", "轨道交通"),
    ("How far from the outer edge of the tunnel?", "外边线"),
    ("What is the fine for parking an e-bike in a lift car?", "电梯"),
    ("Who checks the lifts in a hotel?", "电梯"),
])
def test_the_kbs_own_word_for_an_english_one(english, chinese):
    found, _ = R.lexicon_terms(english)
    assert chinese in found.split(), found


@pytest.mark.parametrize("question", [
    "辛市地下管廊的安全保护区是多少米以内？",
    "How far does Xinshi's safety protection zone reach around underground tunnels?",  # the first item, read alone
])
def test_the_list_item_saying_the_question_answers(kb, question):
    answer = ask(kb.indexes, question)
    assert answer.found and "40米" in answer.answer, answer.answer


@pytest.mark.parametrize("question, level", [
    ("辛市哪个区全域禁止堆放重物？", "区"),
    ("哪些县要建立联防机制？", "县"),
    ("Which district bans heavy loads over the tunnel?", "区"),
    ("Which counties must set up a joint office?", "县"),
    ("哪个部门负责？", None),
    ("会上哪个县局作了发言？", None),  # a body of the county, no place
    ("Which county leader chaired the meeting?", None),
])
def test_the_level_of_the_place_asked(question, level):
    assert PL.level_asked(question) == level


def test_a_clause_naming_a_district_answers():
    question = "北京市哪个区全域禁止燃放？"
    assert [m.group() for m in PL.places_answering(question, "区", "（一）海淀区行政区域内；")] == ["海淀区"]
    assert not PL.places_answering(question, "区", "（二）其他区的城市建成区内。")  # no district's name
    assert not PL.places_answering("海淀区哪个区…？", "区", "（一）海淀区行政区域内；")  # the question names it


@pytest.mark.parametrize("question", ["辛市哪个区全部行政区域内禁止在综合管廊上方堆放重物？",
                                      "Which district of Xinshi bans heavy loads over the utility tunnel everywhere?"])
def test_the_district_a_ban_names(kb, question):
    answer = ask(kb.indexes, question)
    assert answer.found and "朝阳区" in answer.answer, answer.answer


def test_a_later_piece_of_a_long_article_answers_without_its_repeated_opening():
    piece = "第九条 违反本规定第三条，在楼道内停放车辆的，处五十元以上一百元……违反本规定第四条，在电梯内吸烟的，处二百元罚款。"
    assert [piece[a:b] for a, b in _clauses(piece)] == [
        "第九条 违反本规定第三条，在楼道内停放车辆的，处五十元以上一百元……", "违反本规定第四条，在电梯内吸烟的，处二百元罚款。"]

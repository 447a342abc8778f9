"""Causes seen in probe15's read half (its odd lines), in our own words and invented texts: a list of bodies that
share one responsibility ("A、B、C，对…负日常管理责任") is its subject, and of them the one the question's topic names
(乡（镇） for "township") answers, while a responsibility borne is no cost (kb/answers/orgshapes.py,
kb/answers/organisations.py); "how much advance notice" asks a span of time, not a sum (kb/answers/rules.py), and a
span the question gives ("for more than 48 hours") is the clause's condition, not its answer (kb/answers/cases.py);
the KB's words for fire used in the open in a fire-prevention period, for heating stopped and notice given, and for
ferries (kb/answers/topicwords.py)."""
import pytest

from kb.answers import cases as CS
from kb.answers import events as E
from kb.answers import parts as P
from kb.answers import places as PL
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
    ("单位 发言", "县消防大队、县卫健委、乙镇政府等单位", None),  # what any body is (单位) names none of them
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
    ("In Gengshi, which units bear day-to-day management responsibility for fire safety at township markets?", MARKET_BODIES),
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


KBS_WORDS = [
    ("May farmers use fire in the open during the fire-prevention season?", ["用火", "野外", "防火期"]),
    ("Who approves fires lit outdoors for production work?", ["野外", "生产活动"]),
    ("How much advance notice must a heating company give before the heating season?", ["提前", "供热企业", "采暖期"]),
    ("Who bears responsibility for a township ferry crossing?", ["渡口"]),
]


def test_whose_approval_fire_in_the_open_needs(kb):
    got = ask(kb.indexes, "During the fire-prevention period, whose approval is needed to use fire in the open for "
                          "production work in Gengshi?")
    assert got.found and "县级林业主管部门" in got.answer, got.answer


# Twins of the read questions in the other language and other words showed more of the same causes: everyday English
# the dictionary reads in another sense, a question asking which accident, a cost whose thing paid is the one asked, a
# question asking two bodies answered with one, a one-character county romanised with its level.
KBS_WORDS += [
    ("Which people must not be mobilised to fight grassland fires?", ["不得", "扑救"]),
    ("Which vulnerable groups' homes were checked?", ["特殊群体", "检查"]),
    ("Who pays the premium when a school buys liability insurance?", ["保险费", "购买", "责任保险"]),
    ("What illegal practices must ferry operators stamp out?", ["违章", "行为", "杜绝"]),
    ("Who approves lighting fires in the open?", ["用火", "野外"]),
    ("What checks were made before the Dragon Boat Festival?", ["端午"]),
]


@pytest.mark.parametrize("question, asked", [
    ("县应急局开展检查是吸取了哪起事故的教训？", True),
    ("Which accident led the county to check its gas pipes?", True),
    ("发生什么事故要立即报告？", True),
    ("Which accidents must be reported within an hour?", False),  # the kinds of accident, not one that happened
    ("发生事故后什么时候报告？", False),
])
def test_a_question_asking_which_accident(question, asked):
    assert bool(E.ACCIDENT_ASKED.search(question)) == asked


def test_the_accident_told_before_its_lessons():
    text = "3月2日,邻市发生一起致2人受伤的燃气爆炸事故。为吸取事故教训,县应急局开展燃气安全检查。"
    lessons = text.index("为吸取")
    assert E.accident_told_before("吸取了哪起事故的教训？", text, lessons, len(text)) == 0
    assert E.accident_told_before("检查了哪些内容？", text, lessons, len(text)) == lessons  # no accident asked


@pytest.mark.parametrize("question, answer, units, lacking", [
    ("捡到的物品交给谁？保管费用谁出？", "县公安局", ["县公安局"], 1),
    ("捡到的物品交给谁？保管费用谁出？", "县公安局；县财政", ["县公安局", "县财政"], 0),
    ("捡到的物品交给谁？", "县公安局", ["县公安局"], 0),  # one part: nothing lacks
])
def test_two_bodies_asked_one_answered(question, answer, units, lacking):
    assert P.missing(question, answer, units) == lacking


@pytest.mark.parametrize("text, place", [
    ("5月20日,睢县应急管理局开展检查", "睢县"),
    ("河南省睢县应急管理局开展检查", "睢县"),
    ("邻县派人参加了巨野县的检查", "巨野县"),
])
def test_a_one_character_county(text, place):
    assert place in PL.places_in(text)
    assert not {"邻县", "野县"} & PL.places_in(text)


# Two county reports on the same check, and a regulation whose two articles name the same payer.
FERRIES_A = """睢县开展汛前渡口安全检查
5月20日,睢县应急管理局联合县交通运输局对全县渡口开展汛前安全检查,共检查渡船6艘。
"""
FERRIES_B = """杞县开展汛前渡口安全检查
5月21日,杞县应急管理局联合县水利局对全县渡口开展汛前安全检查,共检查渡船9艘。
"""
GAS = """邻县燃气安全检查
3月2日,邻市发生一起致2人受伤的燃气爆炸事故。为吸取事故教训,辛县应急管理局组织对全县餐饮场所燃气管道开展安全检查。
"""
EVENTS = """# 辛市大型活动安全条例

第一条 为了保障大型活动安全，制定本条例。

第十条 鼓励主办单位为大型活动投保公众责任保险。保险费用由活动主办单位承担。

第二十条 大型活动发生人身伤害，已购买责任保险的，赔偿金先由保险赔付，不足部分由活动主办单位承担。
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    with kb_of(tmp_path_factory, {"sui.txt": FERRIES_A, "qi.txt": FERRIES_B, "gas.txt": GAS,
                                  "辛市大型活动安全条例.md": EVENTS}) as built:
        yield built


def test_a_county_romanised_with_its_level(reports):
    got = ask(reports.indexes, "Which county bureau did Suixian's emergency management bureau work with on the ferry checks?")
    assert got.found and "县交通运输局" in got.answer and "水利" not in got.answer, got.answer


def test_which_accident(reports):
    got = ask(reports.indexes, "辛县应急管理局开展燃气管道安全检查是吸取了哪起事故的教训？")
    assert got.found and "燃气爆炸事故" in got.answer, got.answer


def test_the_clause_paying_the_thing_asked(reports):
    got = ask(reports.indexes, "In Xinshi, who pays the premium when the organiser buys public liability insurance for a large event?")
    assert got.found and got.answer == "活动主办单位" and "第十条" in got.citations[0].section, got.citations[0].section


# A second round of rephrasings (varied English) showed: a deadline written as days before or ahead ("开工十五日前",
# "提前三日") or as a day and its part ("10日下午") has a deadline's shape (kb/answers/rules.py); "directly responsible"
# asks who bears a responsibility (kb/answers/orgshapes.py); and more English in the KB's words.
@pytest.mark.parametrize("clause, said", [
    ("施工单位应当在开工十五日前报告", "十五日前"),
    ("检修前应当提前三日告知用户", "提前三日"),
    ("预计10日下半夜到11日上午在沿海登陆", "10日下半夜"),
    ("结果应当在15日内公布", "15日内"),
])
def test_days_before_ahead_or_of_the_month(clause, said):
    assert R.ANSWER_SHAPES["deadline"].search(clause).group() == said


def test_a_date_of_the_year_is_no_day_part():
    assert R.ANSWER_SHAPES["deadline"].search("2026年3月10日下午召开").group() == "3月10日"


def test_directly_responsible_asks_who_bears_it():
    assert "bears_responsibility" in dict(R.organisation_shapes("Which body is directly responsible for ferry safety?"))


KBS_WORDS += [
    ("When was the typhoon expected to make landfall?", ["台风", "登陆"]),
    ("Which bureau partnered with the county on the drill for primary and secondary schools?", ["联合", "中小学"]),
    ("How long before the season must a suspension of heating be requested?", ["暂停"]),
    ("Which rule-breaking practices must the maritime office eliminate?", ["违章", "海事局", "杜绝"]),
    ("Who may not be called on to put out a fire?", ["不得", "动员", "扑救"]),
    ("Who must authorise it?", ["批准"]),
]



def test_a_deadline_written_as_days_before(kb):
    got = ask(kb.indexes, "In Gengshi, what is the deadline for giving users notice before heating is stopped for more "
                          "than 48 hours?")
    assert got.found and "提前三日" in got.answer, got.answer


# A third round (passive and "what number of" shapes): a number asked before something is the one written before which,
# not a span within which beside it; "what number of" asks a count as "how many" does; "within how many metres" asks a
# length, not a time (kb/answers/rules.py); "who is responsible for paying" asks a cost (kb/answers/orgshapes.py).
@pytest.mark.parametrize("question, clause, said", [
    ("How many days before the season starts must users apply?", "应当在开工十五日前提出申请，主管部门应当在二十日内答复", "十五日前"),
    ("开工前多少日要报告？", "应当在开工十五日前提出申请，主管部门应当在二十日内答复", "十五日前"),
    ("提前几天告知用户？", "供热单位应当提前三日告知用户，并在二十日内恢复", "提前三日"),
    ("How many days does the bureau have to answer?", "应当在开工十五日前提出申请，主管部门应当在二十日内答复", "十五日"),
])
def test_a_span_asked_before_something(question, clause, said):
    assert R.time_unit(question).search(clause).group() == said


@pytest.mark.parametrize("question, intent, shape", [
    ("What number of leaflets were handed out?", "metric", None),
    ("Within how many metres of the bank are signs banned?", "quantity", "length"),
    ("Within how many days must it be reported?", "quantity", "time_limit"),
])
def test_what_number_of_and_within_how_many(question, intent, shape):
    assert R.intent_of(question) == intent
    if shape:
        assert R.quantity_shape(question)[0] == shape


def test_who_is_responsible_for_paying_asks_a_cost():
    assert "cost" in dict(R.organisation_shapes("Who is responsible for paying the premium?"))


KBS_WORDS += [
    ("How many leaflets for parents were given out?", ["家长", "宣传单", "发放"]),
    ("What violations must ferry operators prevent at all costs?", ["违章", "渡运", "运营人", "坚决"]),
    ("Who approves the use of fire in the wild?", ["用火", "野外"]),
    ("Which groups of people, such as lonely elderly people, were checked?", ["群体", "孤寡老人"]),
    ("How far from the channel slope top are signs banned?", ["坡顶"]),
]


def test_days_before_not_the_span_within(kb):
    got = ask(kb.indexes, "In Gengshi, how many days before stopping heating for over 48 hours must users be told?")
    assert got.found and "提前三日" in got.answer, got.answer


# Colloquial Chinese rephrasings: "派到了哪几个市" asks places of a level, not who is responsible, and a task's owners
# given for it are held below 0.9 as for "设在哪里" (kb/answers/rules.py, kb/answers/candidates.py).
@pytest.mark.parametrize("question, intent", [
    ("工作组派到了哪几个市？", "passage"),
    ("检查组去了哪几个县？", "passage"),
    ("哪几个单位参加了检查？", "responsible"),
])
def test_which_places_of_a_level_asks_no_owner(question, intent):
    assert R.intent_of(question) == intent


FLOOD_PLAN = """辛县2026年防汛工作方案
一、重点任务
（一）向沿江市县派出防汛工作组，指导汛期防汛准备。牵头单位：县水务局；完成时限：2026年6月底前。
"""
FLOOD_REPORT = """辛县水务局派出防汛工作组
6月3日,辛县水务局派出2个防汛工作组,分赴丽水市、龙泉市指导防汛准备。
"""


@pytest.fixture(scope="module")
def floods(tmp_path_factory):
    with kb_of(tmp_path_factory, {"plan.txt": FLOOD_PLAN, "report.txt": FLOOD_REPORT}) as built:
        yield built


def test_which_cities_the_teams_went_to(floods):
    got = ask(floods.indexes, "辛县水务局的防汛工作组派到了哪几个市？")
    assert got.found and "龙泉市" in got.answer and "牵头单位" not in got.answer, got.answer  # the places, not the owners


@pytest.mark.parametrize("question, intent", [
    ("县里新装了几块警示牌？", "metric"),  # a count in its classifier
    ("督查组查了几所学校？", "metric"),
    ("哪几所学校参加了演练？", "passage"),  # which ones, not how many
])
def test_a_count_in_its_classifier(question, intent):
    assert R.intent_of(question) == intent


@pytest.mark.parametrize("question, asked", [("检测费谁出？", True), ("检测费用由谁来出？", True), ("谁出席了推进会？", False)])
def test_who_pays_asked_colloquially(question, asked):
    assert ("cost" in dict(R.organisation_shapes(question))) == asked


def test_where_an_accident_happened_asks_which_accident():
    assert E.ACCIDENT_ASKED.search("县里这次燃气检查是因为哪里出了事故？")


@pytest.mark.parametrize("english, chinese", KBS_WORDS)
def test_the_kbs_own_words(english, chinese):
    found, _ = R.lexicon_terms(english)
    assert all(word in found.split() for word in chinese), found

"""General causes left open by earlier rounds (issue 20), each fixed by a rule in kb/answers' tables and shown here
in our own invented texts and words:
(d) a penalty article that names its breach only by number ("违反本条例第十二条规定的，处…罚款") shares no word with a
question about the duty of article 12, so search never finds it: a fine question also reads the articles naming a
retrieved article as breached (kb/answers/references.py, referring_hits);
(b) the English word "plan" used as a verb ("plans to …") names no plan: neither a kind of document nor a title word
(方案 / 计划) (kb/answers/rules.py PLAN_NOUN, kb/answers/lexicon.py);
(c) a place an English question names by an English name of its own, not its pinyin (Hohhot 呼和浩特, Urumqi 乌鲁木齐),
routes as its Chinese does: the bilingual dictionary's place entries give those names (kb/answers/places.py);
(a) a date or number asked, written on a line of its own under the heading or lead-in that says what it is
("二、重点检查时段\n2026年11月1日至…。"), shares no word with the question and was dropped: it is as relevant as that
heading says, a little less (kb/answers/clauses.py NEIGHBOUR_SHARE, LEAD_LINE);
(e) answers shown at >= 0.9 that were wrong on blind questions (the first answers of probes 10-13's read halves: right
49 times in 56) were mostly who-answers: a task's owners that name no body ("有关部门", "大姚县") are held below 0.9
(kb/answers/candidates.py unsure_reasons "stand-in"). (A second cap, a body read from a clause for a "who" question
asking no act the rules know, was tried and left out: on the older sets' blind halves it held 19 right answers below
0.9 for 1 wrong one.)
Two more shapes of the same kind: a target's number in Chinese numerals counts in any usual classifier (二十台, 三艘, not
only 家 / 次 / 个: kb/answers/rules.py); a span asked in a unit ("几天") is not answered by a task's target in another
("为期三个月": kb/answers/ask.py)."""
import gzip

import pytest

from kb.answers import clauses as C
from kb.answers import places as PL
from kb.answers import references as F
from kb.answers import rules as R
from kb.answers.ask import ask
from kb.answers.candidates import Candidate, unsure_reasons
from kb.answers.question import Question
from kb.models import Hit
from tests.kbs import kb_of

# A law whose fines name their breaches only by number, with another fine that shares the question's words, and
# enough other articles about the same venues that a search for the duty's words fills its hits before the fine.
_OTHER_DUTIES = ("游泳场所应当在入口处公示开放时间和入场须知", "游泳场所的救生员应当穿着统一服装并佩戴救生标志",
                 "体育主管部门应当会同卫生健康部门对游泳场所水质进行抽检", "游泳场所的更衣室应当设置防滑设施",
                 "救生员应当经过培训并取得救生员国家职业资格证书", "游泳场所发生溺水事故的，经营者应当立即组织救援并报告",
                 "市体育主管部门应当建立游泳场所信用档案", "游泳场所应当为救生员配备救生圈、救生杆等救生器材",
                 "学校组织学生游泳的，应当选择持有许可证的游泳场所", "未成年人进入深水区的，应当由成年人陪同",
                 "游泳场所的经营者应当定期组织救生员进行应急演练", "游泳场所应当在显著位置设置安全警示标志和救生员值守位置",
                 "游泳场所的救生员值守时不得从事与救生无关的活动", "游泳场所应当按照规定配备水质检测人员")
POOL_LAW = "# 寅市游泳场所安全条例\n\n第一条 为了加强游泳场所安全管理，制定本条例。\n\n" + "".join(
    f"第{n}条 {duty}。\n\n" for n, duty in zip("二三四五六七八九十", _OTHER_DUTIES)) + """第十二条 游泳场所经营者应当遵守下列规定：
（一）按照水面面积配备持证救生员；
（二）在深水区设置醒目的水深标识；
（三）每日开放前检测池水水质。

""" + "".join(f"第十{n}条 {duty}。\n\n" for n, duty in zip("三四五六七", _OTHER_DUTIES[9:])) + """第三十条 游泳场所未按规定配备救生器材，或者救生员值守时从事与救生无关活动的，由体育主管部门责令改正，处一千元罚款。

第三十一条 有违反本条例第十二条规定行为之一的，由体育主管部门责令改正，处三千元以上一万元以下罚款。
"""


def test_the_articles_a_clause_names_as_breached():
    assert F.referred_articles("违反本条例第十二条第一项、第十五条规定的，处罚款。") == [12, 15]
    assert F.referred_articles("有违反本条例第一百零二条规定行为之一的，处罚款。") == [102]
    assert F.referred_articles("违反本条例第5条第二款规定的，处罚款。") == [5]
    assert F.referred_articles("由体育主管部门责令改正，处一千元罚款。") == []


def test_a_fine_named_only_by_the_duty_article_is_found(tmp_path_factory):
    with kb_of(tmp_path_factory, {"寅市游泳场所安全条例.md": POOL_LAW}) as kb:
        for question in ("寅市游泳池没有配备持证救生员的，罚多少钱？",
                         "In 寅市, what is the fine when a swimming venue does not mark the water depth (水深标识) in its deep end?"):
            answer = ask(kb.indexes, question)
            assert "三千元以上一万元以下" in answer.answer, (question, answer.answer)
            assert "第三十一条" in answer.citations[0].text
        # a duty question is not answered by the fine
        duty = ask(kb.indexes, "寅市游泳场所经营者每日开放前应当检测什么？")
        assert "池水水质" in duty.answer and "罚款" not in duty.answer, duty.answer


# A plan whose title holds 计划, and a meeting's report saying what a county will do.
ACTION_PLAN = """辰县2026年安全生产计划
本计划所列事项，由县安委会办公室按季度调度，计划执行情况年底前报县政府。
一、开展危险化学品企业专项检查，修订检查表。（责任单位：县应急局；完成时限：2026年6月底前）
二、开展城镇燃气管道隐患排查。（责任单位：县住建局；完成时限：2026年9月底前）
"""
MEETING = """卯县应急管理局召开2026年全县应急管理工作会议
会议要求，要加快修订《卯县危险化学品安全管理办法》和《卯县燃气安全管理规定》，并严格执法检查。
会议由县应急管理局局长马东主持。
"""


@pytest.mark.parametrize("question, plan_named", [
    ("What does the county plan to speed up revising?", False),
    ("What did the county plan on doing about gas pipelines?", False),
    ("What does the work safety action plan ask of the city's emergency bureau?", True),
    ("Under the county's flood plan, who leads?", True),
])
def test_plan_is_a_document_only_as_a_noun(question, plan_named):
    assert bool(R.KIND_WORDS["notice"].search(question)) == plan_named
    assert bool(R.TITLE_CUE.search(question)) == plan_named


def test_plans_to_names_no_plan(tmp_path_factory):
    with kb_of(tmp_path_factory, {"plan.txt": ACTION_PLAN, "meeting.txt": MEETING}) as kb:
        answer = ask(kb.indexes, "What does the county plan to speed up revising?")
        assert "卯县危险化学品安全管理办法" in answer.answer and "检查表" not in answer.answer, answer.answer
        assert answer.citations[0].doc_file == "meeting.txt"


# Dictionary entries in the bilingual dictionary's format, of invented places: one per rule of kb/answers/places.py.
TOY_DICTIONARY = "\n".join((
    "丑浩特 丑浩特 [Chou3 hao4 te4] /Chouhot City in Yin League 寅盟, Inner Land/",  # the name before a kind word
    "卯門 卯门 [Mao3 men2] /Maomen or Mowoy, subprovincial city in Chen province/",  # a choice of two names
    "辰疆 辰疆 [Chen2 jiang1] /Chenjiang/Wu Autonomous Region 辰疆自治区/",  # a bare name; the entry a place by its other sense
    "巳倫 巳伦 [Si4 lun2] /Silunbuir prefecture-level city in Inner Land/",  # a kind after lower-case words
    "午廣 午广 [Wu3 guang3] /Wuguang province (Wukwang) in south Land/",
    "未機場 未机场 [Wei4 ji1 chang3] /Weijing Capital International Airport/",  # a longer name: no place name
    "申山 申山 [Shen1 shan1] /Shenshan prefecture-level city/Land (a name for the country used by some)/",  # no name of another kind
    "老城市 老城市 [Lao3 cheng2 shi4] /Old, county-level city in Chen province/",  # a common word: no place name
    "老 老 [lao3] /old/aged/",
    "城市 城市 [cheng2 shi4] /city/town/",  # a common noun (its pinyin not capitalised) is no place
    "酉湖自治區 酉湖自治区 [You3 hu2 Zi4 zhi4 qu1] /Youhu Autonomous Region/",  # its level dropped: 酉湖
))


@pytest.mark.parametrize("english, chinese", [
    ("chouhot", ["丑浩特"]), ("maomen", ["卯门"]), ("mowoy", ["卯门"]), ("chenjiang", ["辰疆"]),
    ("silunbuir", ["巳伦"]), ("wuguang", ["午广"]), ("weijing", None), ("shenshan", ["申山"]), ("land", None),
    ("old", None), ("city", None), ("youhu", ["酉湖自治区", "酉湖"]),
])
def test_place_names_read_from_the_dictionary(english, chinese):
    table = PL._parse_places(gzip.compress(TOY_DICTIONARY.encode("utf-8")))
    assert table["en"].get(english) == chinese
    for place in chinese or ():
        assert english in table["zh"][place]


def test_an_english_place_name_is_its_chinese():
    assert PL.chinese_places("Who chaired Hohhot's forest fire meeting?")[0] == "呼和浩特"
    assert "乌鲁木齐" in PL.chinese_places("What did the Urumqi meeting ask of gas companies?")
    assert PL.english_names(["呼和浩特"])["呼和浩特"] == ["hohhot"]
    assert PL.chinese_places("Old buildings in the North: who checks them?") == []


# Two cities' meetings on the same work; and an untitled news excerpt that writes its city only in its body.
HOHHOT_MEETING = """呼和浩特市召开森林草原防火工作会议
3月12日，呼和浩特市召开森林草原防火工作会议，会议由副市长高原主持，各旗县区分管负责同志参加。
会议要求，各地要在4月底前完成防火隔离带建设。
"""
WUHAI_MEETING = """乌海市召开森林草原防火工作会议
3月15日，乌海市召开森林草原防火工作会议，会议由副市长林涛主持，会议要求加强巡山护林。
"""
NEWS = """据报道，近日全市燃气安全专项整治推进会召开。会议要求燃气经营企业在5月底前完成老旧管道更换。乌鲁木齐作为试点城市，率先推行入户安检。
"""
OTHER_NEWS = """克拉玛依市燃气安全工作会议要求，全市燃气经营企业要在8月底前完成老旧管道更换，并开展用户安全宣传。
"""


def test_an_english_place_name_routes_as_its_chinese(tmp_path_factory):
    with kb_of(tmp_path_factory, {"hohhot.txt": HOHHOT_MEETING, "wuhai.txt": WUHAI_MEETING, "news.txt": NEWS,
                                  "other_news.txt": OTHER_NEWS}) as kb:
        chair = ask(kb.indexes, "Who chaired Hohhot's forest and grassland fire prevention meeting?")
        assert "高原" in chair.answer and "林涛" not in chair.answer, chair.answer
        due = ask(kb.indexes, "By when must gas companies in Urumqi replace their old pipes?")
        assert "5月底" in due.answer and "8月底" not in due.answer, due.answer


# A district's plan whose dates and frequency stand on lines of their own under their headings.
WINTER_PLAN = """丙区2026年秋冬季防火工作安排
一、工作目标
全区不发生较大以上火灾事故。
二、重点检查时段
2026年11月1日至2027年2月28日。
三、主要任务
（一）开展高层建筑消防隐患排查，11月底前完成。
（二）开展电动自行车充电场所检查，12月底前完成。
四、督导检查频次
每月一次。
"""
SUMMER_PLAN = """丁区2026年夏季防汛工作安排
一、工作目标
全区不发生因洪涝死亡事故。
二、主要任务
（一）开展河道清障，5月底前完成。
（二）开展水库巡查，汛期每日巡查。
"""


@pytest.mark.parametrize("line, leads", [
    ("检查频次：", True), ("督导检查的时间安排如下：\n", True), ("二、重点检查时段\n", True),
    ("会议要求，各单位加强检查。", False), ("全区不发生较大以上火灾事故。\n", False),
    ("二、开展高层建筑、地下空间、人员密集场所和电动自行车充电场所的消防安全隐患排查整治\n", False),
])
def test_a_heading_or_lead_in_line(line, leads):
    assert bool(C.LEAD_LINE.match(line)) == leads


def test_a_date_under_its_heading_answers(tmp_path_factory):
    with kb_of(tmp_path_factory, {"winter.txt": WINTER_PLAN, "summer.txt": SUMMER_PLAN}) as kb:
        english = ask(kb.indexes, "When is the district's key inspection period for autumn and winter fire prevention?")
        assert "2026年11月1日至2027年2月28日" in english.answer, english.answer
        span = ask(kb.indexes, "丙区秋冬季防火重点检查时段从什么时候到什么时候？")
        assert "2026年11月1日至2027年2月28日" in span.answer and span.answered_from == "clause", span.answer


def _asked(text: str, intent: str) -> Question:
    return Question(text, intent, False, "安全", {"doc"}, [], None, False)


def _answer(kind: str, units: list[str]) -> Candidate:
    return Candidate(1.2, Hit(kind, 1, "doc", "doc.txt", "某县通知", "", "、".join(units), 1.0), "、".join(units), units, [])


@pytest.mark.parametrize("units, stand_in", [
    (["各有关部门"], True), (["县直相关单位", "各乡镇"], True), (["丙县"], True), (["丙市高新区"], True),
    (["县应急局"], False), (["县应急局", "各有关部门"], False), (["丙县人民政府"], False),
])
def test_a_tasks_owners_that_name_no_body(units, stand_in):
    reasons = unsure_reasons(1.2, 0.5, _asked("燃气隐患排查由谁负责？", "responsible"), _answer("task", units))
    assert ("stand-in" in reasons) == stand_in


@pytest.mark.parametrize("classifier", ["家", "次", "个", "台", "项", "处", "座", "辆", "名", "人", "种", "条", "件", "户",
                                        "所", "艘", "架", "部", "套", "批"])
def test_a_number_in_chinese_numerals_with_its_classifier_is_a_target(classifier):
    assert R.ANSWER_SHAPES["metric"].search(f"数量超过二十{classifier}的")
    assert not R.ANSWER_SHAPES["metric"].search(f"应当配备专职人员{classifier}")


LIFT_RULE = """# 巳市住宅电梯安全规定

第一条 为了加强住宅电梯安全管理，制定本规定。

第八条 物业服务企业应当履行下列电梯安全管理义务：
（一）在电梯轿厢内张贴安全注意事项和警示标志；
（二）每个住宅小区应当配备电梯安全管理人员，小区电梯数量超过三十台的，应当配备专职电梯安全管理人员；
（三）发现电梯存在故障的，应当立即停止使用并通知维护保养单位。

第九条 电梯维护保养单位应当在接到故障通知后三十分钟内到达现场。
"""


def test_how_many_lifts(tmp_path_factory):
    with kb_of(tmp_path_factory, {"巳市住宅电梯安全规定.md": LIFT_RULE}) as kb:
        answer = ask(kb.indexes, "In 巳市, above how many elevators must a residential compound have a full-time "
                                 "elevator safety manager?")
        assert "三十台" in answer.answer, answer.answer


PATROL = """午市开展企业安全生产主体责任专项巡查
近日，午市政府开展为期三个月的企业安全生产主体责任专项巡查行动，重点检查企业主要负责人履职情况。
巡查组由应急、住建、交通等部门人员组成，每月巡查2次，每次到企业巡查的时间为3至5天。
巡查发现的问题，由属地政府督促企业限期整改。
"""


def test_a_span_asked_in_days_is_not_a_target_in_months(tmp_path_factory):
    with kb_of(tmp_path_factory, {"patrol.txt": PATROL}) as kb:
        answer = ask(kb.indexes, "专项巡查中，巡查组每次到企业巡查几天？")
        assert "3至5天" in answer.answer, answer.answer


def test_a_role_label_a_document_read_as_a_unit_is_no_unit_a_question_names():
    from kb.answers.question import ROLE_LABEL_ONLY
    assert all(ROLE_LABEL_ONLY.fullmatch(label) for label in ("责任单位", "协同责任单位", "配合部门", "相关责任单位"))
    assert not ROLE_LABEL_ONLY.fullmatch("县应急管理局")

"""Answer shapes beyond "who": the span of a campaign, a change by a share, and a task that
writes the asked role in words. Examples in our own words, one per entry."""
import pytest

from kb.answers import rules as R
from kb.answers.clauses import _period_clause
from kb.models import Hit


@pytest.mark.parametrize("question", [
    "消防隐患排查行动到什么时候结束？",
    "夏季防汛专项检查何时结束？",
    "燃气安全排查整治的起止时间是什么？",
    "When does the county's summer flood-control inspection campaign end?",
    "How long does the gas safety campaign last?",
    "这份扶持办法的有效期到哪天为止？",
])
def test_period_questions(question):
    assert R.intent_of(question) == "period"


@pytest.mark.parametrize("question", [
    "隐患排查要在什么时候前完成？",  # one task's deadline, not a campaign's span
    "报名何时截止？",
    "When is the deadline for the fire safety rectification?",
])
def test_deadline_questions_are_not_periods(question):
    assert R.intent_of(question) == "deadline"


@pytest.mark.parametrize("clause, span", [
    ("决定开展电动自行车专项整治，从即日起至2026年6月30日，在全区范围内实施", "从即日起至2026年6月30日"),
    ("本次检查自3月1日起至5月31日止", "自3月1日起至5月31日止"),
    ("本轮排查从即日起至春运结束", "从即日起至春运结束"),
    ("集中整治为期三个月", "为期三个月"),
    ("本办法自发布之日起施行，有效期至2027年6月30日", "有效期至2027年6月30日"),  # a policy's window
    ("除另有规定外，有效期截至2030年底", "有效期截至2030年底"),
])
def test_period_shape(clause, span):
    assert R.ANSWER_SHAPES["period"].search(clause).group() == span


def test_a_period_is_read_from_its_own_part_of_a_long_sentence():
    text = "为减少事故，决定开展隐患排查，从即日起至2026年6月30日，在全镇范围内开展。"
    hit = Hit(kind="passage", id=1, doc_id="d", doc_file="d.txt", doc_title="", section="", text=text, start=0, end=len(text), score=1.0)
    found = _period_clause(None, hit, 0, len(text))
    assert found.answer == "从即日起至2026年6月30日"
    assert _period_clause(None, Hit(kind="passage", id=1, doc_id="d", doc_file="d.txt", doc_title="", section="", text="加强隐患排查。",
                                    start=0, end=7, score=1.0), 0, 7) is None


@pytest.mark.parametrize("question, shape", [
    ("By how much should the province cut road deaths?", "change"),
    ("工亡人数要下降多少？", "change"),
    ("How much is the subsidy at most?", "amount"),
])
def test_change_by_a_share_is_not_a_sum(question, shape):
    assert R.quantity_shape(question)[0] == shape


@pytest.mark.parametrize("role, written, not_written", [
    ("lead", "（牵头单位：县住建局）", "县住建局会同县消防救援大队负责"),
    ("co", "配合单位：县公安局", "县公安局牵头"),
    ("responsible", "责任单位：各乡镇", "各乡镇牵头"),
])
def test_role_written_in_words(role, written, not_written):
    assert R.ROLE_WRITTEN[role].search(written) and not R.ROLE_WRITTEN[role].search(not_written)


def test_respective_bodies_pair_with_the_asked_item():
    from kb.answers.organisations import respective as _respective

    clause = "一般隐患、重大隐患分别由企业、县应急管理局组织整改。"
    org, at = _respective("重大隐患由谁组织整改？", clause)
    assert org == "县应急管理局" and clause[at:at + len(org)] == org
    assert _respective("隐患由谁组织整改？", clause) is None  # names no one item
    assert _respective("重大隐患由谁组织整改？", "重大隐患由县应急管理局组织整改。") is None


def test_the_asked_verb_of_a_who_question():
    assert R.ASKED_VERB.search("供水中断时由谁来统筹协调？").group(1) == "统筹"
    assert R.ASKED_VERB.search("这项补助由哪个部门负责发放？").group(1) == "发放"
    assert R.ASKED_VERB.search("谁牵头？") is None


@pytest.mark.parametrize("question, is_object", [
    ("各县出台具体实施办法的时限是什么？", True),
    ("要求各乡镇制定应急预案管理办法吗", True),
    ("按照消防条例，谁负责消防安全？", False),
    ("实施方案中谁牵头消防整治？", False),
])
def test_a_kind_word_that_is_what_is_made(question, is_object):
    assert bool(R.KIND_AS_OBJECT.search(question)) == is_object


@pytest.mark.parametrize("name, is_place", [("指导", False), ("建立", False), ("维护", False), ("均坪", True), ("清流", True)])
def test_words_before_a_level_that_make_no_place(name, is_place):
    assert bool(R.NOT_A_PLACE.search(name)) != is_place


def test_a_place_begins_a_word_of_the_question():
    from kb.answers.question import _names_place

    lowered = "江西城镇燃气整治什么时候完成"
    starts = {0, 2, 6, 8, 12}  # 江西|城镇燃气|整治|什么时候|完成
    assert _names_place("江西", lowered, starts) and not _names_place("西城", lowered, starts)
    assert _names_place("junping", "who leads in junping town", set())


def test_an_english_town_in_pinyin():
    from kb.answers.places import ENGLISH_PLACE

    assert [m.group(1) for m in ENGLISH_PLACE.finditer("who leads the campaign in shuangxi township?")] == ["shuangxi"]
    assert [m.group(1) for m in ENGLISH_PLACE.finditer("what does junping town's plan say")] == ["junping"]
    assert not ENGLISH_PLACE.search("who leads the town gas rectification?")


@pytest.mark.parametrize("question, clause, not_clause", [
    ("监管部门多少天内要作出决定？", "应当自受理之日起三十日内作出决定", "应当于有效期届满6个月前提出申请"),
    ("事故发生后几小时内要报告？", "应当于2小时内报告", "应当于7日内报告"),
    ("How many years may a boiler be used before an assessment?", "使用年限超过二十年的", "2021年起施行"),
])
def test_the_asked_unit_of_time(question, clause, not_clause):
    unit = R.time_unit(question)
    assert unit.search(clause) and not unit.search(not_clause)


def test_english_durations_in_the_documents_words():
    assert R.durations("must report within two hours and file within 30 days") == ["2小时", "30日"]
    found, rest = R.lexicon_terms("report within one hour")
    assert "1小时" in found.split() and "hour" not in rest


@pytest.mark.parametrize("question, clause", [
    ("街道多长时间向区里报告一次工作？", "街道每半年向区里报告1次"),  # a frequency
    ("工亡人数要降多少？", "工亡人数下降15%"),  # a change
    ("How many full-time safety officers must a mine have?", "配备二名以上专职安全管理人员"),  # people
])
def test_a_target_with_a_form_of_its_own(question, clause):
    assert R.metric_shape(question).search(clause)


def test_a_plain_target_takes_any_number():
    assert R.metric_shape("全区要建成多少个示范社区？") is None


@pytest.mark.parametrize("question, kept, dropped", [
    ("本县锅炉安全归哪个部门管？", "锅炉", "管"),
    ("单位负责人多久内要报告？", "负责人", None),
    ("主要负责人迟报事故要罚多少？", "主要负责人", None),  # 要 of 主要 is no word of asking
    ("重要设施要多久检查一次？", "重要设施", None),
])
def test_the_words_of_asking(question, kept, dropped):
    topic = R.QUESTION_WORDS.sub(" ", question)
    assert kept in topic and (dropped is None or not topic.rstrip().endswith(dropped))


def test_a_time_limit_without_a_number_is_weaker():
    assert R.AT_ONCE == "立即" and R.quantity_shape("多久内要报告？")[1].search("应当立即报告").group() == R.AT_ONCE


def test_a_negated_word_is_not_said():
    from kb.answers.topic import said

    assert not said("居民用户", "对非居民用户处二万元以上罚款")
    assert said("居民用户", "居民用户处一千元以下罚款；非居民用户处二万元以上罚款")
    assert said("居民用户", "居民用户应当安全用气")


def test_a_question_asking_the_negation_finds_it():
    from kb.answers.topic import Topic

    topic = Topic({"居民用户": 1.0}, frozenset({"居民用户"}))  # the question says 非居民用户
    assert topic.overlap("对非居民用户处二万元以上罚款") == 1.0
    assert Topic({"居民用户": 1.0}).overlap("对非居民用户处二万元以上罚款") == 0.0


@pytest.mark.parametrize("question", ["开锅炉房要向哪个部门申请？", "危险源要报哪里备案？", "事故报告交哪个机关？"])
def test_where_to_apply_asks_for_a_body(question):
    assert R.intent_of(question) == "organisation"


def test_towards_which_is_not_always_a_body():
    assert R.intent_of("补贴面向哪些企业？") != "organisation"


def test_a_clause_in_the_questions_own_order():
    from kb.answers.clauses import WORDING_MAX, _wording

    assert _wording(["报告事故应当包括"], "报告事故应当包括下列内容") > _wording(["报告事故应当包括"], "事故调查报告应当包括下列内容")
    assert _wording(["锅炉"], "锅炉安全") == 0.0 and _wording(["a" * 40], "a" * 40) == WORDING_MAX


def test_an_english_questions_words_are_in_order_each_by_itself():
    # an English question's Chinese is its words in the lexicon's order, not a sentence: a clause
    # that happens to hold two of them side by side says nothing more in the question's order
    from kb.answers.clauses import _wording

    clause = "3月底前卫生健康委完成国家监测指标分析工作"
    assert _wording(["卫生健康委", "完成", "国家"], clause) < _wording(["卫生健康委完成国家"], clause)
    assert _wording(["国家卫生健康委", "完成"], "国家卫生健康委于12月底前完成") > 0


def _question(text: str, intent: str):
    from kb.answers.question import Question

    return Question(text, intent, R.is_english(text), "", None, [], None, False)


def _hit(text: str) -> Hit:
    return Hit(kind="passage", id=1, doc_id="d", doc_file="d.txt", doc_title="", section="", text=text,
               start=0, end=len(text), score=1.0)


@pytest.mark.parametrize("question, asks_recurrence", [
    ("省卫生健康委要在什么时候前完成首次分析？", False),
    ("By when must the commission finish its first analysis?", False),
    ("各县每年什么时候前上报考核结果？", True),
    ("By when must the counties report each year?", True),
    ("What is the annual deadline for the report?", True),
])
def test_a_recurring_deadline_answers_a_recurring_question(question, asks_recurrence):
    from kb.answers.clauses import SHAPE_BONUS, _shaped_clause

    recurring, dated = _hit("2027年起，每年3月底前完成分析工作。"), _hit("于2026年12月底前完成分析工作。")
    q = _question(question, "deadline")
    assert R.intent_of(question) == "deadline" and bool(R.RECURRENCE_ASKED.search(question)) == asks_recurrence
    assert _shaped_clause(q, dated, 0, len(dated.text)).bonus == SHAPE_BONUS
    assert _shaped_clause(q, recurring, 0, len(recurring.text)).bonus == (SHAPE_BONUS if asks_recurrence else SHAPE_BONUS / 2)


@pytest.mark.parametrize("question, clause, fit", [
    ("有150名从业人员的企业至少配备几名专职安全管理人员？", "从业人员一百人以上不足三百人的，应当配备三名以上专职安全管理人员", 1),
    ("有150名从业人员的企业至少配备几名专职安全管理人员？", "从业人员三百人以上的，应当设置安全管理机构", -1),
    ("A mine with 150 employees must have how many safety officers?", "从业人员不足一百人的，应当配备兼职安全管理人员", -1),
    ("A shop with 80 staff must have how many safety officers?", "从业人员100人以下的，应当配备兼职安全管理人员", 1),
    ("造成3人死亡的事故由哪一级政府调查？", "造成3人以上10人以下死亡的，由设区的市级人民政府负责调查", 1),
    ("有150名从业人员的企业至少配备几名专职安全管理人员？", "企业应当配备专职安全管理人员", 0),  # no condition
    ("企业至少配备几名专职安全管理人员？", "从业人员三百人以上的，应当设置安全管理机构", 0),  # no count given
])
def test_a_count_the_question_gives_and_the_clauses_condition(question, clause, fit):
    from kb.answers.cases import count_fit

    assert count_fit(question, clause) == fit


@pytest.mark.parametrize("question, clause, says", [
    ("投标企业只有2家时怎么采购？", "投标企业为2家的，采取竞争性谈判的方式", True),
    ("投标企业只有2家时怎么采购？", "投标企业只有1家的，采取单一来源采购的方式", False),
    ("每年抽查三次还是两次？", "每年抽查三次", False),  # every count the question gives, or none
    ("企业一个月内要整改完吗？", "企业应当在一个月内完成整改", False),  # 一个月 is a span of time, not a count
])
def test_a_clause_that_says_the_count_the_question_gives(question, clause, says):
    from kb.answers.cases import says_given_numbers

    assert says_given_numbers(question, clause) == says


@pytest.mark.parametrize("clause, span", [
    ("县人民政府应当在每年六月至九月期间报告预算执行情况", "六月至九月"),
    ("乡镇应当于三月底报送上年度统计数据", "三月底"),
])
def test_a_span_of_months_or_a_part_of_a_month_is_a_deadline(clause, span):
    assert R.ANSWER_SHAPES["deadline"].search(clause).group() == span


def test_a_bound_on_a_span_is_a_deadline():
    assert R.ANSWER_SHAPES["deadline"].search("可以适当延长，但延长期限不得超过三十日").group() == "不得超过三十日"


@pytest.mark.parametrize("question, asks", [
    ("办案期限最多还能延长多少天？", True),
    ("For how long at most may the case be extended?", True),
    ("办案期限是多少天？", False),
])
def test_a_question_asking_for_an_upper_bound(question, asks):
    assert bool(R.BOUND_ASKED.search(question)) == asks
    assert R.BOUND_STATED.search("但延长期限不得超过三十日") and not R.BOUND_STATED.search("应当在六十日内作出决定")


@pytest.mark.parametrize("question, target", [
    ("到2025年全市农机总动力要达到多少？", True),
    ("By 2020, how many parks was the county to build?", True),
    ("By the end of 2027, how many firms will the province support?", True),
    ("2024年工作要点里谁牵头消防整治？", False),  # the year of the document asked about
    ("In the 2023 plan, who leads the drills?", False),
])
def test_a_year_a_target_falls_in_names_no_document(question, target):
    assert bool(R.TARGET_YEAR.search(question)) == target


def test_the_bounds_of_a_given_count_are_no_answer():
    # "一百人" and "三百人" bound the 150 the question gives: the answer is the number after them
    from kb.answers.clauses import _quantity_clause

    question = _question("有150名从业人员的企业至少配备几名专职安全管理人员？", "quantity")
    without, with_number = _hit("从业人员一百人以上不足三百人的，应当配备专职安全管理人员；"), \
        _hit("从业人员一百人以上不足三百人的，应当配备三名以上专职安全管理人员；")
    assert _quantity_clause(question, without, 0, len(without.text)) is None
    found = _quantity_clause(question, with_number, 0, len(with_number.text))
    assert [with_number.text[a:b] for a, b in found.marks] == ["三名以上"]


def test_a_party_named_by_its_role_in_a_contract():
    shape = dict((name, a) for name, _, a in R.ORGANISATION_SHAPES)[R.ANY_SUBJECT]
    clause = "。仓库出租人出租仓库应当保证消防设施完好"
    assert shape.search(clause).group("org") == "仓库出租人"
    assert shape.search("。县应急管理局应当加强检查").group("org") == "县应急管理局"


@pytest.mark.parametrize("question, asks_list", [
    ("哪些单位必须建立专职消防队？", True),
    ("哪几类企业要取得安全生产许可证？", True),
    ("Which kinds of enterprises need a work safety licence?", True),
    ("What are the duties of a fire inspection team?", True),  # the list of its duties
    ("What types of premises must install gas alarms?", True),
    ("专职消防队由谁建立？", False),
    ("Which department approves the licence?", False),
])
def test_a_question_asking_for_a_list(question, asks_list):
    assert bool(R.LIST_ASKED.search(question)) == asks_list


@pytest.mark.parametrize("clause, leads", [
    ("下列单位应当建立单位专职消防队，承担本单位的火灾扑救工作：", True),
    ("有以下情形之一的，责令停产整顿：", True),
    ("专职消防队的建立，应当符合国家有关规定", False),
])
def test_the_lead_in_of_a_list(clause, leads):
    assert bool(R.LIST_LEAD.search(clause)) == leads


# --- a penalty list: the item says what is punished, the lead-in the fine --------------------------
PENALTY_LIST = ("第七十条 违反本条例规定，有下列行为之一的，由县级消防救援机构责令改正，处二百元以上一千元以下罚款：\n"
                "（一）在加油站内吸烟的；\n（二）在仓库内使用明火取暖的。")


def test_an_item_of_a_penalty_list_takes_its_lead_ins_fine():
    from kb.answers.clauses import _quantity_clause

    hit = _hit(PENALTY_LIST)
    start = hit.text.index("（二）")
    found = _quantity_clause(_question("在仓库里用明火取暖罚多少钱？", "quantity"), hit, start, len(hit.text))
    assert found is not None and "二百元以上一千元以下" in found.answer and "明火取暖" in found.answer
    assert [hit.text[a:b] for a, b in found.marks][0] == "二百元以上一千元以下"
    # not for a question about a duration, nor an item of a list that is no penalty's
    assert _quantity_clause(_question("在仓库里用明火取暖要停业几天？", "quantity"), hit, start, len(hit.text)) is None
    duty = _hit("单位应当履行下列职责：\n（一）每日巡查；")
    assert _quantity_clause(_question("单位不巡查罚多少钱？", "quantity"), duty, duty.text.index("（一）"), len(duty.text)) is None


def test_a_fine_for_the_party_the_question_names():
    # "个人…罚多少": the list that fines 单位 does not answer it
    from kb.answers.clauses import _quantity_clause

    hit = _hit(PENALTY_LIST.replace("违反本条例规定，", "单位违反本条例规定，"))
    start = hit.text.index("（一）")
    assert _quantity_clause(_question("个人在加油站内吸烟罚多少钱？", "quantity"), hit, start, len(hit.text)) is None
    assert _quantity_clause(_question("单位在加油站内吸烟罚多少钱？", "quantity"), hit, start, len(hit.text)) is not None


def test_an_aside_in_brackets_is_no_part_of_a_name():
    from kb.answers.organisations import organisation_clause as _organisation_clause

    clause = "经营单位应当将其库存情况，报所在地县级人民政府应急管理部门(在园区内经营的，报园区管委会)和消防救援机构备案。"
    found = _organisation_clause(_question("库存情况要报哪些部门备案？", "organisation"), _hit(clause), 0, len(clause))
    assert found.body == "所在地县级人民政府应急管理部门和消防救援机构"
    plain = "经营单位应当将其库存情况报所在地应急管理部门备案。"  # no aside: read as written
    assert _organisation_clause(_question("库存情况要报哪个部门备案？", "organisation"), _hit(plain), 0,
                                len(plain)).body == "所在地应急管理部门"


def test_who_works_with_the_lead_is_the_body_after_huitong():
    from kb.answers.clauses import _owner_clause

    clause = "市住房城乡建设部门应当会同交通运输、水务等有关部门编制地下管线保护规划。"
    found = _owner_clause(_question("编制地下管线保护规划要会同哪些部门？", "co"), _hit(clause), 0, len(clause))
    assert found.body == "交通运输、水务等有关部门"
    # asked who leads, the subject answers as before
    assert _owner_clause(_question("谁编制地下管线保护规划？", "responsible"), _hit(clause), 0, len(clause)).body \
        == "市住房城乡建设部门"


def test_a_body_named_with_what_it_does():
    # a notice gives a duty as "X局 + verb" without 负责 or 应当: the body is the answer
    from kb.answers.organisations import organisation_clause as _organisation_clause

    clause = "交通局统筹协调全县道路隐患整治，督促运输企业落实主体责任；"
    found = _organisation_clause(_question("Which bureau coordinates the road hazard work?", "organisation"),
                                 _hit(clause), 0, len(clause))
    assert found is not None and found.body == "交通局"
    # a phrase that only looks like a name (着眼大局) is none
    other = "着眼大局统筹推进各项工作；"
    assert _organisation_clause(_question("哪个局统筹推进工作？", "organisation"), _hit(other), 0, len(other)) is None


def test_a_subject_that_acts_by_its_remit():
    # "X按照职责分工制定…": X holds the duty as much as "X应当…" does
    shape = dict((name, a) for name, _, a in R.ORGANISATION_SHAPES)[R.ANY_SUBJECT]
    assert shape.search("。国务院有关部门按照职责分工制定核安全标准").group("org") == "国务院有关部门"
    assert shape.search("。各项工作按照计划推进") is None

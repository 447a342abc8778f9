"""Questions as bench/gold/qa_probe7.jsonl's odd lines put them, in our own words and invented texts: English words
in the KB's own (attended → 参加, keep → 存放, no property service provider → 物业服务人), "哪几个…" asking which
and not how many, "what length", "how many … at most" counting things, whom one must tell, who 作了发言 at a
meeting (kb/answers/rules.py, lexicon.py, acts.py); and routing (kb/answers/question.py): an untitled excerpt whose
head writes the place asked, "the … plan" naming a plan and not a regulation sharing a word, and a passage question
about an excerpt named by its head answered past the head that restates its name; and a sentence of a short notice
outside every task read from its passage (kb/answers/clauses.py)."""
import pytest

from kb.answers import acts as A
from kb.answers import rules as R
from kb.answers.ask import ask
from kb.answers.question import analyze
from tests.kbs import kb_of


@pytest.mark.parametrize("english, chinese", [
    ("About how many people attended the county meeting?", "参加"),
    ("Who attended the flood meeting?", "出席"),
    ("When does the work-safety month campaign begin?", "安全生产月活动"),
    ("What does the safety month ask schools to do?", "安全生产月"),
    ("Which industries get extra checks during hazard inspections?", "隐患排查"),
    ("Which industries get extra checks during hazard inspections?", "行业"),
    ("Where must supervision be stepped up?", "加强"),
    ("How much petrol may a shop keep?", "存放"),
    ("Where may the gas cylinders be stored?", "储存"),
    ("What must be done before the alarm is switched off?", "停止使用"),
    ("Whom must the landlord tell about the fault?", "报告"),
    ("Can an automatic fire-fighting system be shut down?", "自动消防设施"),
    ("Which groups may not be mobilised to put out a blaze?", "动员"),
    ("What length may a gas hose have?", "长度"),
    ("What length may a gas hose have?", "软管"),
    ("Above which floor must sprinklers be fitted?", "超过"),
    ("What does the property service provider maintain?", "物业服务人"),
    ("Who keeps the fire lanes clear?", "消防车通道"),
    ("Who keeps the evacuation routes clear?", "疏散通道"),
])
def test_the_kbs_own_word_for_an_english_one(english, chinese):
    found, _ = R.lexicon_terms(english)
    assert chinese in found.split(), found


@pytest.mark.parametrize("question, intent", [
    ("防汛会议上哪几个办公室分别作了安排？", "responsible"),
    ("哪几家企业参加了演练？", "responsible"),
    ("会上提出了几个要求？", "metric"),
    ("In the city, what length may a gas hose be at most?", "quantity"),
    ("软管长度是多少？", "quantity"),
])
def test_which_ones_is_no_count_and_a_length_is_a_quantity(question, intent):
    assert R.intent_of(question) == intent


def test_which_months_asks_no_body():
    assert R.intent_of("主汛期是哪几个月？") != "responsible"


@pytest.mark.parametrize("question, shape", [
    ("In the city, what length may a gas hose be at most?", "length"),
    ("How many boxes of fireworks may a family store at most?", "count"),
    ("How many people may a lift carry at most?", "people"),
    ("What is the largest subsidy a firm can get?", "amount"),
])
def test_how_many_at_most_counts_things(question, shape):
    assert R.quantity_shape(question)[0] == shape


def test_a_count_in_boxes():
    assert R.quantity_shape("How many boxes may be kept?")[1].search("不得存放超过两箱")


def test_whom_one_must_tell_is_a_body_reported_to():
    shapes = dict(R.organisation_shapes("If the alarm is switched off, whom must the owner tell?"))
    assert shapes["report_to"].search("应当及时向辖区公安派出所报告").group("org") == "辖区公安派出所"


@pytest.mark.parametrize("question, clause, body", [
    ("哪个部门就道路养护作了发言？", "县公路中心就如何做好道路养护工作作了发言,并提出下一步打算。", "县公路中心"),
    ("会上谁作了表态发言？", "会上,市应急局作了表态发言。", "市应急局"),
])
def test_who_spoke_on_a_topic(question, clause, body):
    assert A.act_asked(question)
    shapes = dict(A.asked_act_shapes(question, R.organisation_shapes(question)))
    assert shapes["actor"].search(clause).group("org") == body


REGION_PLAN = """临沂市兰山区“十四五”应急管理规划
一、总体要求
全区应急管理工作以防范化解重大风险为重点。
二、主要任务
（一）完善应急预案体系。区应急局负责，完成时限：2025年底。
"""
ZONE_MEETING = ("5月8日,临沂经开区燃气安全推进会召开,区建设局局长王某出席会议并讲话。"
                "会议要求各部门加强餐饮场所燃气安全检查,做到检查全覆盖。\n")
DISTRICT_MEETING = ("9月9日下午,广州市天河区城管委召开天河区燃气安全专项整治工作部署会,部署燃气企业安全检查工作。"
                    "区执法支队负责同志参会。\n会议强调,一是燃气企业对用户燃气灶、报警器等设施要重点检查。"
                    "二是区城管委要对学校、养老院开展专项检查。\n")
SUPERVISION_RULES = """# 壬市安全生产监督管理条例

第一条 为了加强安全生产监督管理，制定本条例。

第二条 市应急管理部门对全市安全生产工作实施综合监督管理。
"""
MONTH_PLAN = """为提升全镇群众的安全意识，结合本镇实际，制定本镇安全生产月活动方案。
一、重点任务
组织专业人员开展隐患排查，重点加强对建筑施工、餐饮场所等行业的监管力度。
"""

TOWN_MEETING = """为切实抓好冬季防火工作,坚决杜绝火灾事故发生,11月5日,杨柳镇在镇政府会议室召开冬季防火工作会议。全镇村干部、各单位负责人等80多人参加了会议。会议由镇长陈某主持。
会上,镇党委委员刘某对冬季防火工作进行部署,并提出三点要求:一要加强组织领导,提高对防火工作的认识;二要明确责任,推进隐患整治;三要加强宣传,营造防火氛围。
镇党委书记赵某强调,全镇各部门单位要扎实做好冬季防火各项工作。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"plan.txt": REGION_PLAN, "31.txt": ZONE_MEETING, "41.txt": DISTRICT_MEETING,
                                  "壬市安全生产监督管理条例.md": SUPERVISION_RULES, "52.txt": MONTH_PLAN,
                                  "61.txt": TOWN_MEETING}) as built:
        yield built


def _files(kb, question):
    docs = kb.indexes.documents()
    return sorted(docs[d].file for d in analyze(kb.indexes, question).doc_ids or ())


def test_an_untitled_excerpt_whose_head_writes_the_place_asked_is_named(kb):
    assert "31.txt" in _files(kb, "临沂经开区燃气安全推进会上谁出席并讲话？")
    answer = ask(kb.indexes, "临沂经开区燃气安全推进会上谁出席并讲话？")
    assert answer.answer.endswith("王某"), answer.answer


def test_the_plan_a_question_names_is_no_regulation_sharing_a_word(kb):
    files = _files(kb, "Under the town's work-safety month plan, in which industries should supervision be stepped up?")
    assert "52.txt" in files and "壬市安全生产监督管理条例.md" not in files, files


def test_a_passage_question_is_answered_past_the_head_restating_the_name(kb):
    answer = ask(kb.indexes, "天河区燃气安全专项整治部署会要求燃气企业重点检查用户的哪些设施？")
    assert answer.answer.startswith("会议强调") and "报警器" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["杨柳镇冬季防火工作会议有多少人参加？",
                                      "About how many people attended the winter fire prevention meeting in Yangliu town?"])
def test_a_sentence_outside_every_task_of_a_short_notice_is_read(kb, question):
    """The notice's tasks fill the hits: its passages are read too (kb/answers/clauses.py)."""
    answer = ask(kb.indexes, question)
    assert "80多人" in answer.answer, answer.answer

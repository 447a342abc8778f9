"""Which article of the right law answers (issue 20: "right document, another article cited first", the commonest miss
of the blind sets; /tmp/qa14/causes.md): the asked aspect read from the question (a time limit for "几日内缴纳罚款",
a term for "保存几年", a frequency written "每学期…一次" or "每日巡查"), a body named by one word ("报经海关批准"),
and a penalty sentence whose breach is written before it ("违反前款规定的，处…", "逾期不改正的，处…").
One example per rule, in our own invented law."""
import pytest

from kb.answers import acts as A
from kb.answers import rules as R
from kb.answers.ask import ask
from tests.kbs import kb_of

LAW = """# 丙市水上游乐安全条例

第一条 为了加强水上游乐安全管理，制定本条例。

第五条 临时进境的水上游乐展品，不得出售。确需出售的，必须报经海关批准。

第六条 从境外引进水上游乐设备，必须事先报经市文化旅游主管部门批准。

第七条 重点水域管理单位应当履行下列职责：
（一）确定安全管理人员；
（二）实行每日巡查，并建立巡查记录。

第八条 水上游乐经营单位应当履行下列职责：
（一）对救生设施每年至少进行一次全面检测；
（二）每年至少组织一次应急演练。

第九条 中小学校应当每学期至少对学生开展一次防溺水教育。

第十条 游船销售单位应当建立销售记录制度，销售记录保存时间不得少于五年。

第十一条 游船使用单位应当在游船投入使用后三十日内办理使用登记。

第十二条 在水上游乐区域内，从事摄影、婚庆等服务的单位，不得为放飞孔明灯提供相关服务。

违反前款规定的，由公安机关责令改正，处一千元以上三千元以下的罚款。

第十三条 在禁止放飞孔明灯的区域放飞孔明灯的，由公安机关责令停止放飞，处一百元以上二百元以下的罚款。

第十四条 未经验收擅自开放水上游乐场所的，由文化旅游主管部门责令停止开放，限期改正；逾期不改正的，处二万元以上五万元以下的罚款。

第十五条 水上游乐经营单位有下列情形之一的，由文化旅游主管部门责令改正，可以处二千元以上一万元以下的罚款：
（一）未配备救生员的；
（二）未公示安全须知的。

第十六条 未按规定设置警示标志的，处以罚款的，罚款数额为五万元以下。

第十七条 当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行缴纳罚款。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"丙市水上游乐安全条例.md": LAW}) as built:
        yield built


# --- the rules, one example each ---

def test_a_body_named_by_one_word_approves():
    approver = dict((name, shape) for name, _, shape in R.ORGANISATION_SHAPES)["approver"]
    assert approver.search("确需留购的，应当报经海关批准。").group("org") == "海关"
    assert approver.search("必须事先报经市商务主管部门批准。").group("org") == "市商务主管部门"


@pytest.mark.parametrize("clause, frequency", [
    ("中小学校每学期至少对学生开展一次交通安全教育。", True),  # a school term
    ("景区实行每日巡查，并建立台账。", True),  # a duty done every day, its count unsaid
    ("到期不缴纳的，每日按罚款数额的百分之三加处罚款。", False),  # a daily surcharge is no frequency
])
def test_frequencies_a_how_often_question_takes(clause, frequency):
    shape = R.quantity_shape("多久要检查一次？")
    assert shape[0] == "frequency" and bool(shape[1].search(clause)) is frequency


@pytest.mark.parametrize("question, intent", [
    ("维修记录至少保存几年？", "quantity"),
    ("近几年的事故起数下降了多少？", "metric"),  # "近几年" asks no number of years
])
def test_how_many_years_is_a_quantity(question, intent):
    assert R.intent_of(question) == intent


@pytest.mark.parametrize("question, shape", [
    ("收到处罚决定书后几日内要缴纳罚款？", "time_limit"),
    ("Within how many days of the decision must the fine be paid?", "time_limit"),
    ("擅自开放的，罚款多少？", "fine"),
    ("What is the fine for opening without acceptance?", "fine"),
])
def test_a_unit_of_time_asked_outweighs_the_fine_named(question, shape):
    assert R.quantity_shape(question)[0] == shape


@pytest.mark.parametrize("clause, goes_on", [
    ("违反前款规定的，由公安机关责令改正，处五百元罚款。", True),
    ("违反前两款规定的，处一千元罚款。", True),
    ("违反本条规定的，处二百元罚款。", True),
    ("拒不改正的，处二万元罚款。", True),
    ("逾期不改正的，处一万元罚款。", True),
    ("违反本条例第五条规定的，处一万元罚款。", False),  # named by number: references.py reads it
    ("经营单位应当公示安全须知。", False),
])
def test_sentences_that_go_on_with_the_breach_before_them(clause, goes_on):
    assert bool(A.CONTINUES.match(clause)) is goes_on


# --- the article each question asks for, in a KB ---

@pytest.mark.parametrize("question, answer, article", [
    # the case a question puts is the paragraph before "违反前款规定的"; the plain breach is another article's
    ("丙市在水上游乐区域内为放飞孔明灯提供婚庆服务的，罚多少钱？", "一千元以上三千元以下", "第十二条"),
    ("丙市违反规定放飞孔明灯的，罚款多少？", "一百元以上二百元以下", "第十三条"),
    # "逾期不改正的，处…" is the fine of the breach written before it
    ("丙市未经验收擅自开放水上游乐场所，逾期不改正的，罚多少？", "二万元以上五万元以下", "第十四条"),
    # a time limit asked of a fine: days, not the sum
    ("丙市收到行政处罚决定书后几日内要缴纳罚款？", "十五日内", "第十七条"),
    # a frequency written 每学期 / 每日, not another duty's 每年一次
    ("丙市中小学校多久至少要给学生开展一次防溺水教育？", "每学期", "第九条"),
    ("丙市重点水域管理单位多久要做一次巡查？", "每日", "第七条"),
    # a term asked in years, not another article's days
    ("丙市游船销售单位的销售记录至少保存几年？", "五年", "第十条"),
    # the body written in one word
    ("临时进境的水上游乐展品要出售，须经谁批准？", "海关", "第五条"),
])
def test_the_article_of_the_asked_aspect_is_cited_first(kb, question, answer, article):
    got = ask(kb.indexes, question)
    assert answer in got.answer, (question, got.answer)
    assert got.citations and got.citations[0].text.lstrip().startswith(article) \
        or article in got.citations[0].section, (question, got.citations[0].section, got.citations[0].text[:60])


# --- the act a who-question asks (a report's sentence, not a law's article) ---

def _actor(question: str, sentence: str) -> str | None:
    shapes = dict(A.asked_act_shapes(question, R.organisation_shapes(question)))
    m = shapes["actor"].search(sentence)
    return m.group("org") if m else None


def test_who_conveyed_is_the_one_written_before_the_act():
    assert _actor("会上是谁传达了上级会议精神？", "会上，镇党委委员王一传达了上级会议精神。") == "镇党委委员王一"
    assert _actor("Who conveyed the spirit of the county meeting?", "会上，副镇长赵二传达了县会议精神。") == "副镇长赵二"


def test_of_several_acts_the_one_after_who_is_asked():
    question = "乙局传达全区大会精神暨安全工作会议是谁主持的？"  # 传达 names the meeting, 主持 is asked
    assert _actor(question, "乙局传达了全区大会精神。") is None
    assert _actor(question, "会议由副局长李三主持。") == "副局长李三"

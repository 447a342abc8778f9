"""Shapes of emergency plans and news pages the parser missed on a page set read this round (issue 19),
each in sentences of our own: a block whose first step names its lead, over steps that name no one;
a news page's credit closing its text; a body's office set up under a group; a regulation's item
naming a body before a colon; a body that acts once an alarm comes in."""
import pytest

from tests.notices import owners, parse, task_with

PLAN = ("四、应急处置\n（一）爆炸事故。\n1.由县公安局牵头负责组织处置；\n2.县公安局接警后，应迅速赶赴现场，查明危险物品的种类；\n"
        "3.组织力量处置尚未爆炸的危险物品；\n4.县生态环境局、县卫健局等有关部门应做好抢险救援配合工作；\n"
        "（二）中毒事故。\n1.由县卫健局牵头负责处理，县公安局等有关部门支持配合；\n2.根据中毒症状迅速组织现场急救；\n")


def test_steps_under_a_first_step_that_names_the_blocks_lead(tmp_path):
    parsed = parse(tmp_path, PLAN)
    assert owners(task_with(parsed, "赶赴现场")) == {"responsible": ["县公安局"]}  # 接警后: a subject
    assert owners(task_with(parsed, "尚未爆炸")) == {"responsible": ["县公安局"]}  # the step above's body
    assert owners(task_with(parsed, "配合工作")) == {"lead": ["县公安局"], "co": ["县生态环境局", "县卫健局等有关部门"]}
    assert owners(task_with(parsed, "现场急救")) == {"lead": ["县卫健局"], "co": ["县公安局等有关部门"]}  # the block's lead


def test_steps_that_name_no_lead_first_stay_ownerless(tmp_path):
    parsed = parse(tmp_path, "四、工作措施\n（一）宣传教育。\n1.县应急局负责编印宣传册；\n2.组织进社区宣讲；\n")
    assert owners(task_with(parsed, "进社区宣讲")) == {}


def test_a_news_pages_credit_is_not_the_owner_of_its_sentences(tmp_path):
    parsed = parse(tmp_path, "会议要求，水利、气象部门要加强雨情监测；电力部门要保障抢险用电；供销部门要备足防汛物资。"
                             "（某县气象局）\n", header="某县部署防汛工作\n")
    assert [owners(task_with(parsed, w)) for w in ("雨情监测", "抢险用电", "防汛物资")] == \
        [{"responsible": ["水利", "气象部门"]}, {"responsible": ["电力部门"]}, {"responsible": ["供销部门"]}]


def test_an_item_owned_by_its_bracket_keeps_it(tmp_path):
    parsed = parse(tmp_path, "二、重点任务\n（一）开展燃气安全检查。（县住建局）\n")
    assert owners(task_with(parsed, "燃气安全检查")) == {"responsible": ["县住建局"]}


def test_an_office_set_up_under_a_group_owns_its_duty_unless_another_body_hosts_it(tmp_path):
    parsed = parse(tmp_path, "一、组织机构\n（一）成立工作专班。领导小组下设办公室，负责日常协调和信息报送。\n"
                             "（二）成立指挥部。指挥部下设办公室，负责值班调度。办公室设在县应急局。\n")
    assert owners(task_with(parsed, "信息报送")) == {"responsible": ["办公室"]}
    assert owners(task_with(parsed, "值班调度")) == {"responsible": ["县应急局"]}


def test_a_regulations_item_naming_a_body_before_a_colon(tmp_path):
    parsed = parse(tmp_path, "第一章 总则\n第一条 为预防学生溺水，制定本办法。\n第二章 职责\n"
                             "第五条 各部门承担预防学生溺水工作职责。\n（一）宣传部门：统筹各类媒体开展防溺水宣传。\n"
                             "（二）工作机制：建立联席会议制度。\n", header="某市预防学生溺水管理办法\n")
    assert owners(task_with(parsed, "统筹各类媒体")) == {"responsible": ["宣传部门"]}
    assert all("工作机制" not in t.units for t in parsed.tasks)  # a heading before a colon names no body


@pytest.mark.parametrize("sentence, subject", [
    ("县公安局接警后，应立即派员赶到现场", ["县公安局"]),
    ("县应急管理局接报后，按规定时限向县政府报告", ["县应急管理局"]),
])
def test_a_body_that_acts_once_an_alarm_comes_in(tmp_path, sentence, subject):
    parsed = parse(tmp_path, f"二、信息报告\n{sentence}。\n")
    assert owners(task_with(parsed, sentence[-6:])) == {"responsible": subject}


def test_a_list_of_duties_under_the_paragraph_naming_their_holder(tmp_path):
    """A page opening with the holder's duty statement, then its duties one short line each."""
    parsed = parse(tmp_path, "县文旅局在县政府领导下，会同有关部门共同管理全县的旅游安全。\n（一）贯彻执行旅游安全的规章制度；\n"
                             "（二）组织开展旅游安全宣传教育；\n（三）受理旅游安全问题的投诉；\n", header="县文旅局旅游安全管理职责\n")
    assert [owners(task_with(parsed, w)) for w in ("规章制度", "宣传教育", "投诉")] == [{"responsible": ["县文旅局"]}] * 3


def test_items_after_a_paragraph_that_is_no_duty_statement_stay_their_own(tmp_path):
    parsed = parse(tmp_path, "县联通公司负责通信保障。\n为做好防汛工作，现就有关事项通知如下：\n（一）加强值班；\n（二）备足物资；\n（三）排查隐患；\n",
                   header="关于做好防汛工作的通知\n")
    assert owners(task_with(parsed, "备足物资")) == {}


def test_items_under_a_duty_list_intro_naming_their_own_bodies(tmp_path):
    """'有关部门在各自职责范围内，负责下列工作：' over items that name their own body: theirs, and the intro's subject
    is its own sentence's, not every body the paragraph names."""
    parsed = parse(tmp_path, "二、职责分工\n县人民政府应当加强领导。县住建局是本县燃气主管部门，统筹负责燃气安全监管。"
                             "有关部门在各自职责范围内，负责下列工作：\n（一）县应急局负责燃气安全生产的综合监管；\n"
                             "（二）城市管理执法部门依照法定授权实施行政处罚；\n（三）组织开展燃气安全宣传；\n")
    assert owners(task_with(parsed, "综合监管")) == {"responsible": ["县应急局"]}
    assert owners(task_with(parsed, "行政处罚")) == {"responsible": ["城市管理执法部门"]}
    assert owners(task_with(parsed, "燃气安全宣传")) == {"responsible": ["有关部门"]}


@pytest.mark.parametrize("sentence, subject", [
    ("镇人民政府、街道办事处（以下简称“镇（街道）”）按照规定开展燃气安全日常巡查", ["镇人民政府", "街道办事处"]),  # a short name
    ("乡镇人民政府接受县应急局的指导，负责辖区日常巡查", ["乡镇人民政府"]),
    ("县住建局是本县燃气行政主管部门，统筹负责燃气安全监管", ["县住建局"]),
])
def test_a_subject_with_its_short_name_or_as_the_competent_department(tmp_path, sentence, subject):
    parsed = parse(tmp_path, f"二、职责分工\n{sentence}。\n")
    assert owners(task_with(parsed, sentence[-6:])) == {"responsible": subject}

"""Campaign and supervision notices (检查、整治、督办), texts of our own in the usual forms: a campaign's period said
once dates the work of all its groups (ingest/task_deadlines.py, ingest/patterns.py) — a section of its own however
its name compounds the activity (二、检查整改时间), or a sentence saying the campaign runs from one day to another
("集中整治行动从今年11月1日起至明年3月底结束"), read against a news page's stamp under its headline ("2016-11-18
17:30", ingest/meta.py); a line naming a site with its owners in brackets over the hazards listed under it
(ingest/sections.py); the body after 由 acting toward another (由X向Y发出…, 由X报告…, ingest/owner_rules.py), either of
two bodies (X或Y) and an item whose 、 was lost ("3将…") that is no body's name (ingest/units.py, ingest/bodies.py);
a meeting report's points told to a body, each read as an item (ingest/tasks.py); a web page's footer lines
(版权所有, 主办单位：…) that are neither the owners of the text above nor tasks (ingest/items.py, ingest/tasks.py)."""
import pytest

from ingest import patterns as P
from ingest.meta import STAMP_LINE
from tests.notices import owners, parse, task_with


def test_a_time_section_named_by_a_compound_activity_dates_every_group(tmp_path):
    parsed = parse(tmp_path, "一、检查整改时间\n2021年3月7日-3月10日\n二、分组情况\n（一）第一检查组\n"
                             "责任单位：镇应急办、派出所\n检查范围：烟花爆竹零售点。\n（二）第二检查组\n"
                             "责任单位：镇城建办、供电所\n检查范围：加油站、燃气管网。\n", header="青石镇关于开展安全生产大检查的通知\n")
    for words in ("烟花爆竹零售点", "燃气管网"):
        assert task_with(parsed, words).deadline_norm == "2021-03"


def test_a_news_pages_campaign_sentence_dates_its_groups_by_the_pages_stamp(tmp_path):
    parsed = parse(tmp_path, "青石县校园安全冬季整治启动\n• 青石教育\n• 2016-11-1817:30\n"
                             "近日，青石县启动校园安全冬季集中整治。集中整治行动从今年11月1日起至明年3月底结束。"
                             "县公安局牵头的专班负责校园周边治安整治，县教育局牵头的专班负责校舍安全整治。\n", header="")
    assert parsed.document.date == "2016-11-18"
    for words in ("校园周边治安", "校舍安全"):
        assert task_with(parsed, words).deadline_norm == "2017-03"


@pytest.mark.parametrize("name", ["活动时间", "检查整改时间", "集中整治时间", "专项行动时间安排", "时间安排"])
def test_time_section_names(name):
    assert P.ACTIVITY_TIME_HEADING.fullmatch(name)


@pytest.mark.parametrize("line, date", [
    ("2016-11-18 17:30", ("2016", "11", "18")),
    ("• 2013-04-01 15:03   评论(0)", ("2013", "04", "01")),
    ("2016-11-1817:30", ("2016", "11", "18")),  # the space lost in the clean text
])
def test_a_news_pages_stamp(line, date):
    m = STAMP_LINE.match(line)
    assert m and (m.group("y"), m.group("m"), m.group("d")) == date


def test_a_table_row_of_figures_is_no_stamp():
    assert not STAMP_LINE.match("2016-11-18 | 完成排查 | 县应急局")


def test_a_heading_line_with_owners_in_brackets_hands_them_to_its_items(tmp_path):
    parsed = parse(tmp_path, "附件：\n督查发现的问题\n青石商场（责任单位：甲区、市消防支队）\n1.疏散指示标志损坏；\n2.防火门常开。\n"
                             "青石酒店（责任单位：乙区、市住建局）\n1.消防通道堵塞；\n2.灭火器过期。\n")
    assert task_with(parsed, "防火门常开").responsible_units == ["甲区", "市消防支队"]
    assert task_with(parsed, "灭火器过期").responsible_units == ["乙区", "市住建局"]


@pytest.mark.parametrize("sentence, units", [
    ("三、整改通知书由县安委办或县住建局向治理单位发出。", ["县安委办", "县住建局"]),  # either body
    ("四、对逾期未整改的，由县安委办报告县人民政府。", ["县安委办"]),  # the body that reports, not the one told
])
def test_a_body_after_you_acting_toward_another(tmp_path, sentence, units):
    [task] = parse(tmp_path, sentence + "\n").tasks
    assert task.responsible_units == units


def test_either_of_two_bodies_is_split_but_one_of_two_fields_is_not():
    from ingest.units import split_units
    assert split_units("市建设行政管理部门或者其他有关部门") == ["市建设行政管理部门", "其他有关部门"]
    assert split_units("保密行政管理部门或者保密行政管理部门") == ["保密行政管理部门"]
    assert split_units("教育或劳动部门") == ["教育或劳动部门"]


def test_an_item_number_whose_separator_was_lost_is_no_name():
    from ingest.bodies import is_public_body
    assert not is_public_body("3将消防工作纳入村(居)委会")
    assert is_public_body("110指挥中心")


def test_the_body_a_supervision_team_tells_what_to_fix_owns_the_points(tmp_path):
    parsed = parse(tmp_path, "一、督导发现的问题\n督导组对县道路交通专班指出：一是隐患台账更新不及时；二是重点车辆监控不到位。\n"
                             "督导组向县住建局反馈了两个问题：一是燃气排查不彻底；二是整改销号不规范。\n",
                   header="青石县安全生产督导反馈情况\n")
    assert task_with(parsed, "重点车辆监控").responsible_units == ["县道路交通专班"]
    assert task_with(parsed, "整改销号不规范").responsible_units == ["县住建局"]


def test_a_meeting_reports_points_told_to_a_body_are_its_own(tmp_path):
    """In a report of a meeting each point is read as an item of its own: still the told body's."""
    parsed = parse(tmp_path, "3月5日,省督导组一行到某县督导道路交通安全工作,并召开工作会议,县道路交通安全成员单位以及12个乡镇(街道)参会。\n"
                             "县交通局负责人向督导组汇报工作开展情况。\n"
                             "督导组组长对某县工作开展情况表示肯定,同时对县交通专班指出:一是需要补齐整治工作的会议记录等材料;"
                             "二是要严格落实农村道路交通安全责任制;三是要加强与县交警大队对接,对事故数据进行分析。\n",
                   header="省督导组到某县开展道路交通安全督导\n")
    for point in ("会议记录等材料", "安全责任制", "事故数据"):
        assert task_with(parsed, point).responsible_units == ["县交通专班"]


def test_a_web_pages_footer_is_no_owner_annotation_and_no_task(tmp_path):
    """"某市应急管理局 版权所有\n主办单位:某市应急管理局" under a news text: the site's lines, not the owners of
    the paragraph above (which would then be one task) and not tasks."""
    parsed = parse(tmp_path, "今年以来,市消防救援局多措并举抓实电动自行车火灾防范。一是制定标准。市消防救援局牵头编制充电柜消防安全要求。"
                             "二是部门联动。市场监管、公安交警等部门联合印发信息共享机制。\n"
                             "某市应急管理局 版权所有\n主办单位:某市应急管理局\n", header="某市推进电动自行车整治\n")
    assert owners(task_with(parsed, "充电柜")) == {"lead": ["市消防救援局"]}
    assert owners(task_with(parsed, "信息共享机制")) == {"responsible": ["市场监管", "公安交警等部门"]}
    assert not [t for t in parsed.tasks if "版权所有" in t.text or "主办单位" in t.text]

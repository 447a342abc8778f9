"""What imports showed wrong (issue 23, item 6), each with a notice of our own in the same form:
a docx heading inside a target, a deadline shown other than as written, a date read as a unit,
a requirement addressed to every assignee left without its owner."""
import re

import pytest

from ingest import owner_rules as R
from ingest.pipeline import parse_file
from tests import made_files
from tests.notices import owners, parse, task_with

ANNOTATED = ("一、重点任务\n"
             "（一）开展燃气隐患排查。（责任单位：县住建局；完成时限：2025年9月底前）\n"
             "（二）加强危化品执法检查。（责任单位：县应急局）\n"
             "（三）开展校园消防演练。（牵头单位：县教育局；配合单位：县消防救援大队）\n"
             "二、工作要求\n")


def test_a_docx_heading_on_its_own_line_is_no_part_of_a_target(tmp_path):
    """Word's own numbering leaves a heading as a bare line (工作目标) above the target."""
    path = made_files.a4_docx(["青石县2025年安全生产工作方案", "一、总体安排", "工作目标",
                               "全县较大事故起数下降15%，重大隐患整改率达到100%。（责任单位：县应急局）",
                               "二、重点任务", "1.开展隐患排查。（责任单位：县应急局）"], tmp_path / "plan.docx")
    task = task_with(parse_file(path), "较大事故")
    assert task.metrics == ["全县较大事故起数下降15%", "重大隐患整改率达到100%"]


@pytest.mark.parametrize("written, norm", [
    ("2025年12月底前", "2025-12"),
    ("到2025年12月底前", "2025-12"),  # read whole, not as the loose 到2025年12月底
    ("2025年12月31日前", "2025-12"),
    ("2025年年底前", "2025-12"),
])
def test_a_deadline_is_shown_as_written(tmp_path, written, norm):
    parsed = parse(tmp_path, f"一、重点任务\n（一）县应急局负责，{written}完成液氨企业排查整改。\n")
    task = task_with(parsed, "液氨企业")
    assert (task.deadline, task.deadline_norm) == (written, norm)


def test_a_year_the_sentence_opened_with_dates_a_step_but_is_not_its_text(tmp_path):
    parsed = parse(tmp_path, "一、重点任务\n（一）2026年起，每年2月底前县应急局完成年度检查计划，"
                             "4月底前县住建局完成燃气管网巡查。\n")
    step = task_with(parsed, "燃气管网")
    assert step.deadline == "4月底前" and step.deadline_norm == "2026-04"


def test_every_deadline_shown_is_words_of_its_document(tmp_path):
    parsed = parse(tmp_path, "一、重点任务\n（一）2026年，县应急局完成预案修订，3月底前报县政府。\n"
                             "（二）县住建局于2026年6月底前完成改造。（责任单位：县住建局，2026年6月底前完成）\n")
    text = re.sub(r"\s", "", parsed.document.text)
    assert all(part in text for task in parsed.tasks for part in task.deadline.split("；") if part)


def test_a_date_after_the_units_of_a_label_is_the_deadline_not_a_unit(tmp_path):
    parsed = parse(tmp_path, "一、重点任务\n（一）开展消防培训。（牵头单位：县教育局，2025年11月底前完成）\n")
    [task] = parsed.tasks
    assert owners(task) == {"lead": ["县教育局"]}
    assert task.text.endswith("2025年11月底前完成）")  # no step is cut inside the annotation
    assert task.deadline_norm == "2025-11"


@pytest.mark.parametrize("subject", ["各有关部门", "各相关单位", "各责任单位", "有关成员单位"])
def test_a_requirement_on_the_assignees_together_names_them(tmp_path, subject):
    """In a notice that annotates its owners, "各有关部门要…" binds the units it assigns."""
    parsed = parse(tmp_path, ANNOTATED + f"（一）加强组织领导。{subject}要加强组织领导，明确分工，确保任务落实到位。\n")
    assert owners(task_with(parsed, "加强组织领导。")) == {"responsible": [subject]}


@pytest.mark.parametrize("subject", ["各级各部门", "各级安委会", "各乡镇"])
def test_a_requirement_on_every_level_or_place_stays_an_exhortation(tmp_path, subject):
    parsed = parse(tmp_path, ANNOTATED + f"（一）加强组织领导。{subject}要高度重视，确保任务落实到位。\n")
    assert owners(task_with(parsed, "加强组织领导。")) == {}


@pytest.mark.parametrize("unit", ["各有关部门", "各相关单位", "各责任单位", "各牵头单位", "有关部门和单位",
                                  "各成员单位", "县安委会成员单位", "各部门"])
def test_assignees_in_general(unit):
    assert R.ASSIGNEES_IN_GENERAL.match(unit)


@pytest.mark.parametrize("unit", ["各级各部门", "各级安委会", "各乡镇", "各地", "县应急局", "部门"])
def test_not_assignees_in_general(unit):
    assert not R.ASSIGNEES_IN_GENERAL.match(unit)

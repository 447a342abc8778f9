"""Shapes real notices use that the parser used to miss, each with a sentence of our own in the
same form (issue 19): one task per assignment, its lead, co and deadline together."""
import pytest

from tests.notices import owners, parse, task_with


@pytest.mark.parametrize("item", [
    "一、市应急局牵头，市消防救援支队配合，开展消防安全检查，2024年12月底前完成。",
    "一、由市应急局负责牵头，市消防救援支队、各区政府配合，开展消防安全检查，2024年12月底前完成。",
    "一、市应急局牵头，市消防救援支队参与，开展消防安全检查，2024年12月底前完成。",
])
def test_one_item_with_its_lead_co_and_deadline_is_one_task(tmp_path, item):
    parsed = parse(tmp_path, item + "\n")
    [task] = parsed.tasks
    assert owners(task)["lead"] == ["市应急局"] and "市消防救援支队" in owners(task)["co"]
    assert task.deadline_norm == "2024-12"


def test_a_lead_clause_then_a_new_subject_is_still_two_tasks(tmp_path):
    parsed = parse(tmp_path, "一、县教育局牵头，开展校园安全排查；县卫健委负责医院消防检查，6月底前完成。\n")
    assert owners(task_with(parsed, "校园安全")) == {"lead": ["县教育局"]}
    assert owners(task_with(parsed, "医院消防")) == {"responsible": ["县卫健委"]}


def test_a_table_line_of_rules_alone_is_no_table(tmp_path):
    parsed = parse(tmp_path, "一、工作安排\n|---|---|\n县应急局负责全县安全生产检查。\n")
    assert owners(task_with(parsed, "安全生产检查")) == {"responsible": ["县应急局"]}


def test_objects_of_a_verb_taking_part_are_no_co_units(tmp_path):
    parsed = parse(tmp_path, "一、隐患排查\n1.县应急局督促企业聘请行业专家、安全技术服务机构参与隐患排查。\n")
    assert owners(task_with(parsed, "隐患排查。")) == {"responsible": ["县应急局"]}


def test_a_notice_in_traditional_characters_keeps_them_in_its_tasks(tmp_path):
    parsed = parse(tmp_path, "一、重點任務\n1.開展燃氣安全排查。（牽頭單位：縣住建局；配合單位：縣市場監管局；完成時限：2024年6月底前）\n",
                   header="青石縣2024年安全生產工作要點\n")
    [task] = parsed.tasks
    assert task.text.startswith("開展燃氣安全排查")
    assert owners(task) == {"lead": ["縣住建局"], "co": ["縣市場監管局"]}
    assert (task.deadline, task.deadline_norm) == ("2024年6月底前", "2024-06")

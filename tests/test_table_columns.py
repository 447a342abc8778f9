"""Every column name a task table may use maps to its field (ingest.tables.COLUMN_ALIASES): one
line per name, so a new table style is a line."""
import pytest

from ingest.tables import COLUMN_ALIASES, header_field
from tests.notices import owners, parse, task_with


@pytest.mark.parametrize("field, alias", [(f, a) for f, aliases in COLUMN_ALIASES.items() for a in aliases])
def test_column_name(field, alias):
    assert header_field(alias) == field


def test_a_duty_list_table_named_by_duty_and_department(tmp_path):
    parsed = parse(tmp_path, "青石县矿山安全管理职责清单\n序号 | 职责部门 | 职责名称 | 职责依据 |\n"
                             "1 | 县应急局 | 负责煤矿安全生产监督管理 | 县应急局三定规定 |\n"
                             "2 | 县自然资源局 | 负责矿业权出让登记 | 矿产资源法 |\n")
    assert owners(task_with(parsed, "煤矿安全生产")) == {"responsible": ["县应急局"]}
    assert owners(task_with(parsed, "矿业权")) == {"responsible": ["县自然资源局"]}


@pytest.mark.parametrize("name, field", [
    ("执行单位", "responsible_units"), ("负责科室", "responsible_units"), ("包保单位", "responsible_units"),
    ("挂点领导", "person"), ("负责人", "person"),
    ("发文机关", None), ("被检查单位", None), ("督查单位", None),  # who issued it, whom it concerns
])
def test_a_column_named_in_other_words_that_says_who_does_the_work(name, field):
    assert header_field(name) == field


def test_how_a_cells_units_share_the_work_is_no_part_of_their_names(tmp_path):
    parsed = parse(tmp_path, "序号 | 工作任务 | 责任处室 | 完成时限 |\n1 | 发布防控信息 | 应急处、监督处、基层处等按职责分工落实 | 长期推进 |\n")
    assert owners(task_with(parsed, "防控信息")) == {"responsible": ["应急处", "监督处", "基层处等"]}

"""任务分工表: tables whose rows are tasks with their units and deadlines.

A reader hands over tables with merged cells already expanded, so a unit cell merged over
three rows reads the same on each of them. Which column is which is decided by the header
text alone, through ``COLUMN_ALIASES``.
"""
from __future__ import annotations

import re

from ingest.bodies import is_public_body
from ingest.models import Table
from ingest.owner_rules import ROLE_LABELS, UNIT_ROLE_SUFFIX
from ingest.owners import parse_owner_block
from ingest.units import split_units


def _labels(role: str) -> tuple[str, ...]:
    return tuple(label for label, r in ROLE_LABELS.items() if r == role and len(label) > 2)


# field -> header texts naming it. A header cell maps to the field of the longest alias it
# contains, so 牵头责任单位 is a lead column and 责任单位（部门） a responsible one. The owner and
# deadline columns are the role labels of ingest.owner_rules: one vocabulary for both.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号"),
    "category": ("类别", "分类", "领域", "任务类别", "工作类别", "方面", "重点领域"),
    "title": ("任务名称", "事项名称", "项目名称", "存在问题", "问题描述", "主要问题", "问题清单", "隐患问题"),
    "task": ("重点任务", "主要任务", "工作任务", "任务内容", "工作内容", "具体任务", "工作措施",
             "具体措施", "主要措施", "主要内容", "工作要求", "重点工作", "目标任务", "建设任务",
             "整治内容", "整治项目", "检查内容", "检查重点", "行业名称", "领域名称", "整治行业", "整治领域",
             "职责分工", "工作职责", "主要职责", "应急职责", "监管职责", "职责内容", "任务", "措施",
             "建设内容", "工作事项", "事项", "项目", "名称", "内容", "任务清单"),
    "lead_units": _labels("lead"),
    "co_units": _labels("co"),
    "responsible_units": (*_labels("responsible"), "涉及部门", "成员单位", "部门名称", "单位名称", "职能部门", "相关部门", "相关单位",
                          "责任清单", "职责部门", "职责单位", "实施部门", "实施单位", "承担部门", "承担单位"),
    "deadline": (*_labels("deadline"), "时限", "时间进度", "时限清单"),
    "person": _labels("person"),  # 责任人, 责任领导: persons beside the units, never units
    "progress": ("完成进展", "进展情况", "完成情况", "落实情况", "备注"),  # read, never a task's
    "target": ("目标", "指标", "目标值", "预期值"),  # the row's target: a metric of its task
}
# A column per year ("2018年 | 2019年 | 2020年"): the row's target for that year.
YEAR_COLUMN = re.compile(r"^(?:19|20)\d{2}\s*年度?$")
# Columns whose cells are not the task's own words (the category is its section).
NOT_IN_TEXT = ("seq", "category")
UNIT_FIELDS = ("lead_units", "co_units", "responsible_units")
# A header can sit below a title row or span two rows (责任单位 over 牵头单位 | 配合单位).
HEADER_SEARCH_ROWS = 4
HEADER_CELL_MAX = 10  # characters of a column's name
TITLE_MAX_CHARS = 30
CLAUSE_END = re.compile(r"[。；;！!，,：:]")
ROLE_IN_CELL = re.compile(r"牵头|配合|协助|参与|协同|会同|[：:]")  # an owner cell that gives roles itself


def is_assignment_table(table: Table) -> bool:
    """A header with a task column and at least one unit or deadline column."""
    return _find_header(table) is not None


def table_tasks(table: Table, section: str = "") -> list[dict]:
    """One dict per task row: title, text, lead_units, co_units, responsible_units, deadline,
    section (``section`` plus the current separator row or category cell, joined by " / ")."""
    header = _find_header(table)
    if header is None:
        return []
    columns, first_data_row = header
    tasks = []
    group = ""  # text of the last separator row, e.g. 一、压实安全生产责任
    category = ""  # a category cell written once over the rows it spans (tables as text)
    for row in table.rows[first_data_row:]:
        if _is_separator(row):
            group = _collapse(next((c for c in row if c.strip()), "")) or group
            continue
        task = _row_task(row, columns, table.rows[first_data_row - 1])
        if task is not None:
            category = _collapse(_cell(row, columns, "category")) or category
            task["section"] = " / ".join(part for part in (section, group, category) if part)
            tasks.append(task)
    return tasks


def _find_header(table: Table) -> tuple[dict[str, list[int]], int] | None:
    """Column indexes per field and the index of the first data row, or None.
    Consecutive header rows are read top-down, a lower row refining the one above it."""
    columns: dict[str, list[int]] = {}
    end = 0
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        row_columns = _header_columns(row)
        if _is_task_header(row_columns):
            columns, end = row_columns, index + 1
        elif columns:
            break
    return (columns, end) if columns else None


def _header_columns(row: list[str]) -> dict[str, list[int]]:
    """Column indexes per field. A header with an owner column whose task column has a name of
    its own (名 称, 整治对象) takes the first column it does not name as the task's."""
    columns: dict[str, list[int]] = {}
    for index, cell in enumerate(row):
        field = header_field(cell)
        if field:
            columns.setdefault(field, []).append(index)
    if "task" not in columns and any(field in columns for field in UNIT_FIELDS) and _looks_like_header(row):
        named = {i for indexes in columns.values() for i in indexes}
        unnamed = [i for i, cell in enumerate(row) if i not in named and cell.strip() and not cell.strip().isdigit()]
        # 指标 | 2024年 | 2025年: the indicator's name is the task, the year columns its targets
        named_target = [i for i in columns.get("target", ()) if not YEAR_COLUMN.match("".join(row[i].split()))]
        if unnamed or named_target:
            columns["task"] = (unnamed or named_target)[:1]
            columns["target"] = [i for i in columns.get("target", ()) if i not in columns["task"]]
    return columns


# A column named in other words that still says who does the work: 执行单位, 负责科室, 包保单位 hold the units,
# 挂点领导, 负责人 the persons beside them (not 被检查单位, 发文机关: whom it concerns, who issued it).
UNIT_COLUMN_END = re.compile(r"^(?:负责|执行|办理|完成|落实|推进|职能|包保|包联|主责|承担|具体)(?:单位|部门|科室|股室|机构)$")
PERSON_COLUMN_END = re.compile(r"^(?:负责|挂点|包保|包联|分管|联系|责任|牵头)(?:领导|人)$")


def header_field(cell: str) -> str | None:
    text = "".join(cell.split())
    if YEAR_COLUMN.match(text):
        return "target"
    best, best_len = None, 0
    for field, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in text and len(alias) > best_len:
                best, best_len = field, len(alias)
    if best is None and UNIT_COLUMN_END.match(text):
        return "responsible_units"
    if best is None and PERSON_COLUMN_END.match(text):
        return "person"
    return best


def _is_task_header(columns: dict[str, list[int]]) -> bool:
    return "task" in columns and any(field in columns for field in (*UNIT_FIELDS, "deadline"))


def _is_separator(row: list[str]) -> bool:
    """A row merged across the whole table (every cell the same after expansion), or, in a
    table written as text, a row with one cell that is not a number: （一）制定工作任务清单."""
    filled = [cell for cell in row if cell.strip()]
    return len(set(row)) == 1 or (len(row) > 2 and len(filled) == 1 and bool(row[0].strip())
                                  and not row[0].strip().isdigit() and len(row[0].strip()) <= TITLE_MAX_CHARS)


def _row_task(row: list[str], columns: dict[str, list[int]], header: list[str]) -> dict | None:
    task_cells = [_collapse(row[i]) for i in columns["task"] if i < len(row)]
    task_cells = [cell for cell in task_cells if cell]
    if not task_cells or row == header:  # no task text, or a header repeated after a page break
        return None
    title = _collapse(_cell(row, columns, "title")) or (task_cells[0] if len(task_cells) > 1 else "")
    task = {
        "title": _short_title(title or task_cells[0]),
        "text": row_text(row, columns),
        "locate": task_cells[0],
        "targets": [_collapse(row[i]) for i in columns.get("target", ()) if i < len(row) and row[i].strip()],
        "deadline": _collapse(_cell(row, columns, "deadline")),
    }
    for field in UNIT_FIELDS:
        task[field] = []
    for field in UNIT_FIELDS:
        cell = _cell(row, columns, field)
        # a cell that says who leads: 县住建局（牵头）、县市场监管局 / 牵头：X；配合：Y / X牵头，Y配合
        owners = parse_owner_block(cell) if ROLE_IN_CELL.search(cell) else None
        if owners is not None and (owners.lead or owners.co):
            found = {"lead_units": owners.lead, "co_units": owners.co, field: owners.responsible}
        else:
            found = {field: _units(cell)}
        for name, units in found.items():
            task[name] += [u for u in units if u not in task[name]]
    return task


def _looks_like_header(row: list[str]) -> bool:
    """Short names, no numbers: a data row that happens to hold 成员单位 is no header."""
    cells = [_collapse(cell) for cell in row if cell.strip()]
    return len(cells) >= 2 and all(len(cell) <= HEADER_CELL_MAX and not cell.isdigit() for cell in cells)


def row_text(row: list[str], columns: dict[str, list[int]]) -> str:
    """The row as written, cell after cell (" | " between them), without its number and
    category: the task's words with its target, units and deadline beside them, as the notice
    puts them side by side."""
    skip = {i for field in NOT_IN_TEXT for i in columns.get(field, ())}
    cells = [_collapse(cell) for i, cell in enumerate(row) if i not in skip]
    kept: list[str] = []
    for cell in cells:  # a merged cell expanded over several columns is written once
        if cell and (not kept or kept[-1] != cell):
            kept.append(cell)
    return " | ".join(kept)


def _cell(row: list[str], columns: dict[str, list[int]], field: str) -> str:
    """The field's cell; when a header names a field twice the cells are read as one list."""
    return "\n".join(row[i] for i in columns.get(field, ()) if i < len(row) and row[i].strip())


def _units(cell: str) -> list[str]:
    """Lines in a cell are separate entries (one unit per line is common); split_units splits
    a line; names side by side with only a space between them are separate too (安监站 安监所)."""
    units = []
    for line in cell.splitlines():
        # (how the units share it is no part of their names: "应急处、基层处等按职责分工落实")
        for unit in split_units(UNIT_ROLE_SUFFIX.sub("", line) or line):
            parts = unit.split()
            units.extend(parts if len(parts) > 1 and all(is_public_body(p) for p in parts) else [unit])
    return units


def _short_title(text: str) -> str:
    """The first clause, as a name for the task: 开展危险化学品安全专项整治，全面排查… gives
    开展危险化学品安全专项整治."""
    return CLAUSE_END.split(text, maxsplit=1)[0][:TITLE_MAX_CHARS].strip()


def _collapse(text: str) -> str:
    """A cell's text on one line, as readers put table rows into the document text."""
    return " ".join(text.split())

"""The header of a table written as text: which lines or cells name its columns (``ingest.tables``'
vocabulary), so that ``ingest.text_tables`` knows where such a table starts."""
from __future__ import annotations

import re

from ingest.patterns import match_heading
from ingest.tables import COLUMN_ALIASES, UNIT_FIELDS, header_field

COLUMN_NAMES = frozenset(alias for aliases in COLUMN_ALIASES.values() for alias in aliases)
HEADER_CELL_MAX = 12  # characters of a column name on a line of its own
HEADER_MIN_CELLS = 3
SHORT_LIST_NAME = 4  # 任务清单, 时限清单: column names, not titles
YEAR_COLUMN = re.compile(r"(?:19|20)\d{2}\s*年?\s*(?:目标|任务|指标|计划)")  # a year's column: 2025年目标
# A table's title above its header ("2024年工作任务清单") names a column word but is no column.
TABLE_TITLE = re.compile(r"(?:19|20)\d{2}|(?:清单|一览表|分工表|统计表|汇总表)$")


def is_header_cell(line: str) -> bool:
    line = line.strip()
    if _label_and_value(line):
        return False
    # a column may be named 任务清单 / 责任清单; a longer name ending so is a table's title
    titled = TABLE_TITLE.search(line) and not YEAR_COLUMN.fullmatch(line) and \
        (len(line) > SHORT_LIST_NAME or re.search(r"\d", line))
    return 0 < len(line) <= HEADER_CELL_MAX and header_field(line) is not None and not titled \
        and not match_heading(line)  # 一、任务分工 heads the section the table stands in


def _label_and_value(line: str) -> bool:
    """Words parted by a space that are no column name spaced out (名 称, 完成 时限): a page's field and its
    value ("管理事项 中考、高考保障") or a caption written twice ("职责分工 职责分工")."""
    parts = line.split()
    return (len(parts) > 1 and all(len(part) >= 2 for part in parts) and "".join(parts) not in COLUMN_NAMES) or \
        caption_twice(line)


def caption_twice(line: str) -> bool:
    """A page's caption written twice, the space between gone ("职责分工职责分工", "相关依据相关依据")."""
    half = len(line) // 2
    return len(line) >= 4 and line[:half] == line[half:]


def is_header_row(cells: list[str]) -> bool:
    """A whole row of column names (no data row that happens to name a field: 0, 成员单位…)."""
    named = [c for c in cells if c.strip()]
    return is_header(named) and all(is_header_cell(c) for c in named)


def is_header(cells: list[str]) -> bool:
    fields = {header_field(c) for c in cells if c.strip()} - {None}
    return "task" in fields and bool(fields & {*UNIT_FIELDS, "deadline"})


NAMED_COLUMN = re.compile(r"[\u4e00-\u9fff]{2,6}")  # a column named in words of its own (演练科目, 整治对象)
OWN_NAMES_MAX = 2


def header_lines(lines: list[str], start: int) -> tuple[list[str], int]:
    """The column names of a header written one per line from ``start`` and the lines they take (blank
    lines between them too); ([], 0) if there is none: field names, among them at most two names of its
    own when the fields include an owner column and no task column (演练科目 | 情景构建 | 牵头单位 | … ;
    序号 | 民生实事 | 责任单位 | 完成时限: those columns hold the task). A header ends with a field's name;
    two names are a header when they are a body's column and its duties' (相关部门 | 职责分工, as a page
    of a department's duty boundaries gives them)."""
    names, own, ends = [], 0, []
    for at in range(start, len(lines)):  # (no slice of the rest: called at every line of a long text)
        line = lines[at].strip()
        if not line and names:
            continue
        if names and HEADER_NAME_TAIL.fullmatch(line):  # "责任股室" ⏎ "(单位)": one name over two lines
            names[-1] += line
            ends[-1] = at + 1
            continue
        if is_header_cell(line):
            names.append(line)
        elif own < OWN_NAMES_MAX and NAMED_COLUMN.fullmatch(line):
            names.append(line)
            own += 1
        else:
            break
        ends.append(at + 1)
    while names and header_field(names[-1]) is None:
        names.pop()
    fields = [header_field(cell) for cell in names]
    used = ends[len(names) - 1] - start if names else 0
    if len(names) == TWO_COLUMNS and fields[1] == "task" and fields[0] in UNIT_FIELDS:
        return names, used
    if len(names) < HEADER_MIN_CELLS:
        return [], 0
    if None in fields:
        named = set(fields) - {None}
        # (工作任务 | 具体要求 | 责任科室 | 时限要求: a task's title and one column of its own holding what it asks)
        return (names, used) if len(named) >= 2 and named & set(UNIT_FIELDS) and ("task" not in named or fields.count(None) == 1) \
            else ([], 0)
    return (names, used) if is_header(names) else ([], 0)


TWO_COLUMNS = 2
HEADER_NAME_TAIL = re.compile(r"[（(][\u4e00-\u9fff、]{1,6}[）)]")


HEADER_LINE_MAX = 80  # a header row written on one line is short
SEQ_LINE = re.compile(r"^\s*\d{1,3}[.、．]?\s*$")


def header_at(lines: list[str], start: int) -> tuple[list[str], int]:
    """The column names of a header of a one-cell-per-line table at ``start`` and the lines it takes:
    one name per line, or all on one line over rows that open with their number on a line of its own
    ("序号 涉及部门 职责分工" / "1" / "市教育局" / "负责…"). ([], 0) if there is none."""
    names, used = header_lines(lines, start)
    if names:
        return names, used
    cells = header_row(lines[start].strip())
    if cells and start + 1 < len(lines) and SEQ_LINE.match(lines[start + 1]):
        return cells, 1
    return [], 0


def header_row(line: str) -> list[str]:
    """The column names of a header written on one short line, parted by spaces ("序号 涉及部门 职责分工"); []
    if the line is no such header."""
    cells = line.split() if len(line) <= HEADER_LINE_MAX else []
    return cells if len(cells) >= HEADER_MIN_CELLS and all(map(is_header_cell, cells)) and is_header(cells) else []


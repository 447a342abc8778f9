"""The rows of a table copied one cell per line: told apart by their 序号, else by what each line is (a
list of units, a deadline, text), the units opening each row when the units' column comes first."""
from __future__ import annotations

import re

from ingest.bodies import accept_list
from ingest.dates import find_deadlines
from ingest.patterns import match_heading
from ingest.tables import UNIT_FIELDS
from ingest.units import split_units

SEQ = re.compile(r"^\d{1,3}[.、．]?$")


def row_lines(lines: list[str], numbered: bool, width: int, text_columns: int = 1, units_first: bool = False):
    """(cell lines, None) per row, or (None, group text) for a group heading between rows.
    Rows start at their 序号 (the next number: another is a cell); without one, a row ends where text follows its owners or deadline
    (a cell left empty does not shift the next row), and a numbered heading right before
    another text line heads a group."""
    if not numbered:
        yield from _rows_by_kind([line.strip() for line in lines if line.strip()], width, text_columns, units_first)
        return
    row: list[str] | None = None
    last = 0  # the last row's number: a number that is not the next one is a cell (目标 "0")
    for line in (line.strip() for line in lines):
        if not line:
            continue
        # (a row with all its cells ends at a later number, or at a numbered heading: rows picked out of a longer
        # table keep their numbers, 3 ⏎ … ⏎ 68, with the group headings between them)
        full = row is not None and len(row) >= width
        if SEQ.match(line) and (row is None or int(line.rstrip(".、．")) == last + 1
                                or (full and int(line.rstrip(".、．")) > last)):
            if row is not None:
                yield row, None
            row, last = [line.rstrip(".、．")], int(line.rstrip(".、．"))
        elif row is None or (match_heading(line) and len(row) > 1 and (full or _next_is_seq(lines, line))):
            if row is not None:
                yield row, None
                row = None
            yield None, line
        else:
            row.append(line)
    if row is not None:
        yield row, None


def _group_heading(line: str, text_columns: int) -> bool:
    """A numbered line heading the rows under it; where a table has several text columns its
    first may itself hold numbered names ("(一)组织指挥提能升级"), so only 一、 heads a group."""
    found = match_heading(line)
    return bool(found) and (text_columns <= 1 or found[0] == "cn")


LAST_CELL_MAX = 12


def _last_cell(line: str, following: str | None, cells: int, width: int) -> bool:
    """A short line that completes a row one cell short, with text (the next row, of kind
    ``following``) after it: a cell the kinds do not know (林站), not the start of the next row
    (which a numbered title such as "（一）组织指挥" would be)."""
    return cells == width - 1 and len(line) <= LAST_CELL_MAX and not match_heading(line) and \
        following in (None, "text")


def _rows_by_kind(lines: list[str], width: int, text_columns: int = 1, units_first: bool = False):
    """Rows of a table without numbers, told apart by what each line is. ``units_first``: the units'
    column comes first (相关部门 | 职责分工), so units open each row and the text after them is theirs."""
    kinds = [line_kind(line) for line in lines]
    row: list[int] = []  # the row's lines, by index
    first = ""  # the previous row's first cell: a merged cell copied out is written again per row
    for index, (line, kind) in enumerate(zip(lines, kinds)):
        following = kinds[index + 1] if index + 1 < len(lines) else None
        if units_first:
            if row and kind == "units" and any(kinds[i] == "text" for i in row):
                yield [lines[i] for i in row], None
                row = []
            row.append(index)
            continue
        shaped = any(kinds[i] != "text" for i in row)  # the row has its owners or deadline
        # (a bare number is a 序号 cell the header may not name: it takes no column's place)
        cells = sum(1 for i in row if not SEQ.match(lines[i]))
        if row and ((cells >= width and shaped) or (
                kind == "text" and not _last_cell(line, following, len(row), width) and (shaped or line == first))):
            first = lines[row[0]]
            yield [lines[i] for i in row], None
            row = []
        if kind == "text" and not row and _group_heading(line, text_columns) and following == "text":
            yield None, line
            continue
        row.append(index)
    if row:
        yield [lines[i] for i in row], None


def _next_is_seq(lines: list[str], line: str) -> bool:
    stripped = [item.strip() for item in lines]
    at = stripped.index(line)
    return at + 1 < len(stripped) and bool(SEQ.match(stripped[at + 1]))


def assign(cells: list[str], fields: list[str | None]) -> list[str]:
    """A row's cell lines to the header's columns: in order when there is one line per column,
    else by what each line is (a copy leaves empty cells out): a deadline goes to the deadline
    column, a list of units to the next unit column, other text to the text columns."""
    row = [""] * len(fields)
    if len(cells) == len(fields):  # every cell written: each stands in its own column
        return [cell.rstrip(".、．") if field == "seq" else cell for cell, field in zip(cells, fields)]
    queue = {"units": [i for i, f in enumerate(fields) if f in UNIT_FIELDS],
             "deadline": [i for i, f in enumerate(fields) if f == "deadline"],
             "text": [i for i, f in enumerate(fields) if f in ("category", "title", "task", "target")]}
    task_column = next((i for i, f in enumerate(fields) if f == "task"), None)
    # (a row with fewer text lines than text columns lost the cells merged down from the row above, the
    # ones before its task: its text fills the text columns from the task's)
    kinds = [line_kind(line) for line in cells]
    texts = sum(1 for line, kind in zip(cells, kinds) if kind == "text" and not ("seq" in fields and SEQ.match(line)))
    if task_column is not None and texts < len(queue["text"]):
        at_task = [i for i in queue["text"] if i >= task_column]
        queue["text"] = at_task if texts <= len(at_task) else queue["text"][len(queue["text"]) - texts:]
    last_units = None
    for line, kind in zip(cells, kinds):
        if "seq" in fields and SEQ.match(line) and not row[fields.index("seq")]:
            row[fields.index("seq")] = line
            continue
        if queue[kind]:
            row[at := queue[kind].pop(0)] = line
            last_units = at if kind == "units" else last_units
        elif kind == "units" and last_units is not None:  # one unit per line in one cell (县水务局 ⏎ 县住建局)
            row[last_units] = f"{row[last_units]}\n{line}"
        elif task_column is not None:  # more text than text columns: a multi-line task cell
            row[task_column] = f"{row[task_column]}\n{line}".strip()
    return row


def line_kind(line: str) -> str:
    """What a cell line is: a deadline, a list of units, or text."""
    if len(line) <= 40 and find_deadlines(line, expected=True):
        return "deadline"
    names = line.split()
    if len(line) <= 80 and (accept_list(split_units(line)) or (len(names) > 1 and accept_list(names))):
        return "units"  # 县应急局、县公安局 / 党政办 应消站 (names parted by spaces)
    return "text"

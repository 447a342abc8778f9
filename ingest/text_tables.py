"""Tables that arrive as text: a 任务分工表 copied out of a web page, a WPS document or a PDF.

Three shapes, each made into a ``Table`` that ``ingest.tables`` reads like a docx table:
- delimited rows: cells between "|" (Markdown or not) or tabs, a header row of column names;
- space-aligned rows: cells apart by runs of spaces (``normalize`` turns each run into a tab),
  or by single spaces under a header of single-word column names, each row opening with its 序号;
- one cell per line: the column names one per line, then each row's cells on the lines that
  follow, a row starting at its 序号 (or every len(header) lines when there is none).
``zone_lines`` tells ``normalize`` which lines belong to such tables, so that a long cell is
not joined to the next one as if the line had been cut by the page width.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

from ingest.cell_rows import SEQ, assign, line_kind, row_lines
from ingest.models import Table
from ingest.patterns import match_heading
from ingest.table_headers import (
    HEADER_MIN_CELLS,
    caption_twice,
    header_at,
    header_row,
    is_header,
    is_header_cell,
    is_header_row,
)
from ingest.tables import UNIT_FIELDS, header_field, is_assignment_table

GROUP_ROW_MAX = 30  # a group row's one cell (一、体系建设) between rows of a table
SPACED_RUN = re.compile(r"(?<=\S)(?:\u3000+| {2,})(?=\S)")
MARKDOWN_RULE = re.compile(r"^[\s|:：\-—]+$")
SEQ_ROW = re.compile(r"^\s*\d{1,3}[.、．]?[ \u3000]+\S")
SINGLE_SPACED = re.compile(r"(?<=\S)[ \u3000]+(?=\S)")
TRAILING_PIPE = re.compile(r"\s*\|\s*$")
PIPES_ONLY = re.compile(r"^[\s|]+$")
PARAGRAPH_MIN = 60  # a line this long ending a sentence is prose: the table has ended


@dataclass
class TextTable:
    start: int  # clean-text span of the table's lines
    end: int
    table: Table


# ---- which lines, before normalising ----------------------------------------------------------
# Columns at a row's right end whose cells hold no spaces (units, dates, persons): in a single-
# spaced table they are the last spaces' cells, so that a task cell broken by spaces (a PDF's text
# layer: "排查餐饮场所 燃气管线") stays one cell.
RIGHT_FIELDS = (*UNIT_FIELDS, "deadline", "person")


def zone_lines(lines: list[str]) -> tuple[set[int], dict[int, tuple[int, int]]]:
    """(lines of tables written one cell per line or space-aligned: never joined to their
    neighbours; lines whose spaces separate cells -> which do: (0, 0) for every run of two or
    more; (head, tail) for the first head and the last tail runs of a row of a single-spaced table)."""
    keep: set[int] = set()
    spaced: dict[int, tuple[int, int]] = {}
    i = 0
    while i < len(lines):
        header, used = header_at(lines, i)
        if header:
            end = _cell_zone_end(lines, i + used, len(header))
            keep.update(range(i, end))
            if used == 1:  # the names' spaces part them
                spaced[i] = (len(header) - 1, 0)
            i = end
            continue
        cells = SPACED_RUN.split(lines[i].strip())
        if len(cells) >= HEADER_MIN_CELLS and is_header(cells):
            end = i + 1
            while end < len(lines) and len(SPACED_RUN.split(lines[end].strip())) >= 2:
                end += 1
            keep.update(range(i, end))
            spaced.update(dict.fromkeys(range(i, end), (0, 0)))
            i = end
            continue
        cells = header_row(lines[i])
        if cells:
            # "序号 涉及部门 职责分工" over rows "1 市公安局 负责…": a row is a line opening with its number
            end = i + 1
            while end < len(lines) and SEQ_ROW.match(lines[end]):
                end += 1
            if end - i > 1:
                keep.update(range(i, end))
                tail = sum(1 for _ in takewhile(lambda cell: header_field(cell) in RIGHT_FIELDS, reversed(cells)))
                spaced.update(dict.fromkeys(range(i, end), (len(cells) - 1 - tail, tail)))
                i = end
                continue
        i += 1
    return keep, spaced


PIPE_ZONE_MIN = 8  # lines: a header of three cells between pipes, at least


def _pipe_lines_zone_end(lines: list[str], start: int) -> int:
    """The end of a run of cells each written between lines that hold only a pipe (blank lines aside)."""
    filled = [j for j in range(start, len(lines)) if lines[j].strip()]
    end = start
    for at, j in enumerate(filled):
        if PIPES_ONLY.match(lines[j]):
            end = j + 1
        elif at == 0 or not PIPES_ONLY.match(lines[filled[at - 1]]) or at + 1 >= len(filled) \
                or not PIPES_ONLY.match(lines[filled[at + 1]]):
            break  # a line not between two pipe lines: the table is over
    return end


def _cell_zone_end(lines: list[str], start: int, width: int) -> int:
    """The first line after a one-cell-per-line table of ``width`` columns: a paragraph or a
    top-level heading."""
    written: list[str] = []  # the zone's lines so far
    for j in range(start, len(lines)):
        line = lines[j].strip()
        if not line:
            continue
        written.append(line)
        found = match_heading(line)
        if found and found[0] == "cn" and len(line) <= GROUP_ROW_MAX and _rows_follow(lines, j + 1):
            continue  # a group row (一、体系建设) over more rows, not the next section
        if found and found[0] in ("cn", "chapter", "division"):
            return j
        if (line.endswith(("：", ":")) or caption_twice(line)) and j > start:
            return j  # a caption of what follows (相关依据：, 相关依据相关依据): no cell ends so
        if len(line) >= PARAGRAPH_MIN and line.endswith("。") and not _rows_follow(lines, j + 1) \
                and not _repeats_a_row_start(written) and not _row_unfinished(written, width):
            return j  # a paragraph after the table, not a long cell of a row whose owners follow
    return len(lines)


ROWS_LOOKAHEAD = 6  # lines after a group row in which the next row's owners or deadline show


def _repeats_a_row_start(written: list[str]) -> bool:
    """The lines right before the last one repeat lines of an earlier row: a merged cell a copy
    writes out again in every row ("(一)组织指挥提能升级"), so the last line is a cell of that row."""
    before, earlier = written[-3:-1], set(written[:-3])
    return any(line in earlier and line_kind(line) == "text" for line in before)


def _row_unfinished(written: list[str], width: int) -> bool:
    """The last line comes after a 序号 with fewer cells than the table has columns since."""
    since = next((len(written) - k for k in range(len(written) - 1, -1, -1) if SEQ.match(written[k])), None)
    return since is not None and since <= width


def _rows_follow(lines: list[str], start: int) -> bool:
    """Cells follow (a 序号, a list of units, a deadline) within a few lines, before a top-level
    heading: the lines before them are cells of a row."""
    seen = 0
    for line in (raw.strip() for raw in lines[start:]):
        if not line:
            continue
        if is_header_cell(line):
            return False  # a header of another table
        if SEQ.match(line) or line_kind(line) in ("units", "deadline"):
            return True
        seen += 1
        heading = match_heading(line)
        # (group rows may follow one another when the rows under them were left out: 二、… ⏎ 三、… ⏎ 68)
        group = heading is not None and heading[0] == "cn" and len(line) <= GROUP_ROW_MAX
        if seen >= ROWS_LOOKAHEAD or (heading and heading[0] in ("cn", "chapter", "division") and not group):
            return False
    return False


# ---- the tables, in the clean text --------------------------------------------------------
def find_text_tables(text: str, skip: list[tuple[int, int]] = ()) -> list[TextTable]:
    """Every assignment table written as text in ``text`` (the clean text), outside ``skip``."""
    lines, offsets, pos = text.split("\n"), [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    skipped = {i for i, at in enumerate(offsets) if any(s <= at < e for s, e in skip)}
    # cells ending in "|" one per line (a table copied cell by cell): the same lines, pipes off
    cells_view = ["" if PIPES_ONLY.match(line) else TRAILING_PIPE.sub("", line) for line in lines]
    found: list[TextTable] = []
    i = 0
    while i < len(lines):
        if i in skipped:
            i += 1
            continue
        # (the first cell may have no pipe line above it: "工作任务" ⏎ "|" ⏎ "具体要求" ⏎ "|" …)
        opens = i + 1 < len(lines) and "|" not in lines[i] and lines[i].strip() and PIPES_ONLY.match(lines[i + 1])
        pipes_at = i + 1 if opens else i
        if PIPES_ONLY.match(lines[pipes_at]) and (zone_end := _pipe_lines_zone_end(lines, pipes_at)) >= pipes_at + PIPE_ZONE_MIN:
            # cells between lines that are only a pipe ("|" ⏎ 序号 ⏎ "|" ⏎ 工作任务 ⏎ "|" … "|" ⏎ "|" ⏎ 1 ⏎ "|" …)
            first = next(j for j in range(i, zone_end) if cells_view[j].strip())
            end, table = _cell_per_line(cells_view, first, zone_end)
        elif TRAILING_PIPE.search(lines[i]) and "|" not in TRAILING_PIPE.sub("", lines[i]):
            zone_end = i
            while zone_end < len(lines) and (TRAILING_PIPE.search(lines[zone_end]) or PIPES_ONLY.match(lines[zone_end])):
                zone_end += 1
            end, table = _cell_per_line(cells_view, i, zone_end)
        elif _delimiter(lines[i]) and header_at(lines, i)[1] != 1:  # (not a header line over cells one per line)
            end, table = _delimited(lines, i)
        else:
            end, table = _cell_per_line(lines, i)
        if table is not None and is_assignment_table(table):
            found.append(TextTable(offsets[i], offsets[end - 1] + len(lines[end - 1]), table))
            i = end
        else:
            i += 1
    return found


SEQ_CELL = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.、．]?\s*$")


def _delimiter(line: str) -> str:
    return "|" if "|" in line else "\t" if "\t" in line else ""


def _delimited(lines: list[str], start: int) -> tuple[int, Table | None]:
    mark = _delimiter(lines[start])
    rows, end = [], start
    while end < len(lines) and (_delimiter(lines[end]) == mark or _group_row(lines, end, mark, start)):
        line = lines[end]
        if mark == "|" and MARKDOWN_RULE.match(line.strip()):
            end += 1
            continue
        cells = _cells(line, mark)
        if len(rows) >= 2 and cells != rows[0] and is_header_row(cells):
            break  # another table's header: two tables one after the other
        rows.append(cells)
        end += 1
    if len(rows) < 2:  # one row, or only rule lines ("|---|---|" left alone on a page)
        return end, None
    return end, Table(rows=_aligned(rows))


def _group_row(lines: list[str], at: int, mark: str, header: int) -> bool:
    """A short line between two delimited rows: a group row (一、体系建设) whose empty cells lost
    their delimiters (trailing tabs are stripped as spaces) — unless a header comes after it,
    the table's own or another's (a heading between two tables)."""
    line = lines[at].strip()
    if not (0 < len(line) <= GROUP_ROW_MAX and at > 0 and at + 1 < len(lines)
            and _delimiter(lines[at - 1]) == mark and _delimiter(lines[at + 1]) == mark):
        return False
    after = _cells(lines[at + 1], mark)
    return after != _cells(lines[header], mark) and not is_header_row(after)


def _cells(line: str, mark: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split(mark)]


def _aligned(rows: list[list[str]]) -> list[list[str]]:
    """Rows of one width. A row copied from a web table with cells merged down (rowspan) lacks
    its first cells, and a row may lack empty cells at its end: a short row is placed where its
    cells fit the header best (units under a unit column, a date under the deadline column,
    text elsewhere), and takes the cells before it from the row above."""
    width = max(len(r) for r in rows)
    fields = [header_field(cell) for cell in rows[0]] + [None] * (width - len(rows[0]))
    out: list[list[str]] = []
    for row in rows:
        missing = width - len(row)
        if missing and out and len(row) > 1:
            numbered = bool(SEQ_CELL.match(row[0]))
            offset = max(range(missing + 1),
                         key=lambda o: (sum(_fit(cell, fields[o + j]) for j, cell in enumerate(row)), -o if numbered else o))
            row = (out[-1][:offset] if len(out) > 1 else [""] * offset) + row
        out.append(row + [""] * (width - len(row)))
    return out


def _fit(cell: str, field: str | None) -> int:
    """How well a cell's content fits a column: +2 where its kind is the column's, -1 where a
    unit list or a date stands under another column or text under a unit or deadline column."""
    if not cell.strip():
        return 0
    kind = line_kind(" ".join(cell.split()).replace(" ", "、"))
    wanted = "units" if field in UNIT_FIELDS else "deadline" if field == "deadline" else "text"
    return 2 if kind == wanted else -1 if "text" in (kind, wanted) else 0


def _cell_per_line(lines: list[str], start: int, zone_end: int | None = None) -> tuple[int, Table | None]:
    """A table whose header names its columns one per line, its cells following one per line;
    it ends at ``zone_end`` when the caller knows (cells ending in "|"), else at a paragraph."""
    header, used = header_at(lines, start)
    if not header:
        return start + 1, None
    run = start + used
    end = zone_end if zone_end is not None else _cell_zone_end(lines, run, len(header))
    named = [header_field(cell) for cell in header]
    fields = [field or "task" for field in named]  # a column named in words of its own holds the task
    rows = [header] + [assign(cells, fields) if cells is not None else [group] + [""] * (len(header) - 1)
                       for cells, group in row_lines(lines[run:end], "seq" in fields, len(header),
                                                      sum(f in ("category", "title", "task") for f in fields),
                                                      fields[0] in UNIT_FIELDS)]
    own = [i for i, field in enumerate(named) if field is None]
    filled = [all(row[i] for i in own) for row in rows[1:] if any(row[1:])]
    if own and filled.count(False) * 2 > len(filled):
        return start + 1, None  # a column named in words of its own holds the rows' tasks: a title above, else
    return end, Table(rows=rows)

"""Excel workbooks (.xlsx; .xls and .et in ``xls``): every sheet a table, merged cells expanded.

A sheet that looks like a 任务分工表 (``ingest.tables`` decides, from its header, which may
span two rows or sit under a title row) gives one task per row in the pipeline; every other
sheet is read as text (one line per row), so it becomes passages. The document text is each
sheet's title (a title row merged across it, else the tab's name) followed by its rows,
tab-separated, as the other readers write table rows (a row merged across, once).

A sheet is read by the cells it has, never by the size it claims: one cell at XFD1048576 (or a
merged range, or a ``<dimension>``, claiming the whole sheet) would otherwise be 17 billion
cells. Each sheet's XML is streamed; the non-empty cells are kept sparsely (``SheetCells``), and
the table is built over the used rows and columns only: those holding a non-empty cell of their
own. A merged range fills only cells of that table. What is past a cap (``SheetLimits``) is left
out and said in ``RawDocument.notes``.
"""
from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from xml.etree.ElementTree import ParseError, iterparse

from ingest.errors import ReadError
from ingest.models import RawDocument, Table
from ingest.readers.common import check_zip_bounds, require_text, table_row_line

# Caps, so that no workbook costs more than a couple of hundred MB, whatever it claims.
# A 任务分工表 has a few thousand cells; a big statistics sheet some 100,000.
# Non-empty cells kept per sheet: each is a Python string in a dict (~150 bytes), and every kept
# cell becomes text that the pipeline splits and searches.
SHEET_MAX_CELLS = 200_000
# Used rows × used columns per sheet: the table every row of which has every cell (what the
# pipeline reads). Cells scattered over a sheet make it far larger than the cells themselves:
# 200,000 cells on a diagonal would be 200,000 × 16,384 empty strings.
SHEET_MAX_GRID_CELLS = 2_000_000
# All sheets of a workbook together: the tables are all held at once in the document, so the
# per-sheet cap alone would let 100 sheets hold 200 million cells.
WORKBOOK_MAX_GRID_CELLS = 4_000_000
# Sheets read per workbook: each is opened and streamed, an empty one too; a zip container may
# list 10,000 parts.
WORKBOOK_MAX_SHEETS = 100

SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROW_TAG, CELL_TAG, MERGE_TAG = f"{SHEET_NS}row", f"{SHEET_NS}c", f"{SHEET_NS}mergeCell"
# A sheet's XML nests about 8 deep (worksheet, sheetData, row, c, is, r, t); the parser holds every
# open element, so a file nested a million deep is refused rather than held.
XML_MAX_DEPTH = 100
# what a damaged xlsx raises while its parts are read and streamed
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, ValueError, TypeError, OSError,
           ParseError)


@dataclass(frozen=True)
class SheetLimits:
    """The caps a workbook is read under; tests lower them to see each one act on a small file."""
    sheets: int = WORKBOOK_MAX_SHEETS
    cells: int = SHEET_MAX_CELLS
    grid_cells: int = SHEET_MAX_GRID_CELLS
    workbook_grid_cells: int = WORKBOOK_MAX_GRID_CELLS


class SheetCells:
    """One sheet's non-empty cells as a reader meets them, row by row (0-based), up to
    ``max_cells``: whole rows are kept while they fit, then the rest is only counted (for the
    note). Merged ranges are kept by their top-left cell, and only when it holds text: a range
    over empty cells fills nothing, and so at most one range per kept cell is held."""

    def __init__(self, name: str, max_cells: int):
        self.name = name
        self.max_cells = max_cells
        self.rows: dict[int, dict[int, str]] = {}  # row -> column -> text
        # (top, left) -> (row end, column end), exclusive ends
        self.merged: dict[tuple[int, int], tuple[int, int]] = {}
        self.found = 0  # non-empty cells met, kept or not
        self.kept = 0
        self.full = False  # a row did not fit: it and every later one are left out
        self._row_index: int | None = None
        self._row_cells: dict[int, str] = {}  # the row being read, kept once it ends

    def add(self, row: int, column: int, text: str) -> None:
        if not text:
            return
        self.found += 1
        if self.full:
            return
        if row != self._row_index:
            self._end_row()
            self._row_index = row
        if len(self._row_cells) <= self.max_cells:  # a longer row cannot fit anyway
            self._row_cells[column] = text

    def add_merge(self, top: int, row_end: int, left: int, column_end: int) -> None:
        self._end_row()
        if self.rows.get(top, {}).get(left) and (top, left) not in self.merged:
            self.merged[(top, left)] = (row_end, column_end)

    def _end_row(self) -> None:
        if not self._row_cells:
            return
        if self.full or self.kept + len(self._row_cells) > self.max_cells:
            self.full = True
        else:
            row = self.rows.setdefault(self._row_index, {})
            before = len(row)  # a row the file lists twice is one row
            row.update(self._row_cells)
            self.kept += len(row) - before
        self._row_cells = {}

    def notes(self) -> list[str]:
        self._end_row()
        if not self.full:
            return []
        return [f"工作表“{self.name}”共 {self.found} 个非空单元格，超过上限 {self.max_cells} 个，"
                f"只读取了前 {len(self.rows)} 行的 {self.kept} 个 (sheet {self.name}: {self.found} non-empty cells, "
                f"more than the limit of {self.max_cells}; read the {self.kept} of the first {len(self.rows)} rows)"]


def read_xlsx(path: str | Path, limits: SheetLimits = SheetLimits()) -> RawDocument:
    path = Path(path)
    check_zip_bounds(path)
    # imported here: openpyxl takes a while and most ingests never need it
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    try:
        # opened here, not by openpyxl: it refuses a path whose suffix is not .xlsx, and an .xls
        # or .et that is an xlsx inside comes here
        with path.open("rb") as handle:
            workbook = ExcelReader(handle, read_only=True, data_only=True)
            try:
                # the steps of ExcelReader.read that these sheets need, without read_worksheets:
                # opening a ReadOnlyWorksheet parses its XML up to <dimension>, all of it when
                # there is none
                workbook.read_manifest()
                workbook.read_strings()
                workbook.read_workbook()
                apply_stylesheet(workbook.archive, workbook.wb)  # which styles make a number a date
                parts = [(sheet.name, rel.target) for sheet, rel in workbook.parser.find_sheets()
                         if rel.target in workbook.valid_files and "chartsheet" not in rel.Type]
                sheets = (_read_sheet(workbook, name, part, limits.cells) for name, part in parts[:limits.sheets])
                return workbook_document(path, "xlsx", sheets, len(parts), limits)
            finally:
                workbook.archive.close()
    except DAMAGED as exc:
        raise ReadError(str(path), f"Excel 文件已损坏，无法解析 (damaged xlsx: {type(exc).__name__}: {exc})") from exc


def _read_sheet(workbook, name: str, part: str, max_cells: int) -> SheetCells:
    from openpyxl.worksheet._reader import WorkSheetParser

    # only its parse_cell is used, which turns a <c> into a value: shared strings looked up,
    # numbers styled as dates made dates, formulas as their cached results (data_only)
    cell_parser = WorkSheetParser(None, workbook.shared_strings, data_only=True, epoch=workbook.wb.epoch,
                                  date_formats=workbook.wb._date_formats,
                                  timedelta_formats=workbook.wb._timedelta_formats)
    with workbook.archive.open(part) as source:
        return stream_sheet(name, source, cell_parser, max_cells)


def stream_sheet(name: str, source, cell_parser, max_cells: int) -> SheetCells:
    """A sheet's cells and merged ranges from its XML, streamed: each element is dropped from
    the tree as soon as it ends (its parent cleared), so memory holds one cell at a time,
    however many rows and cells the XML has. Only cells, rows and merged ranges are read."""
    from openpyxl.utils.cell import range_boundaries

    cells = SheetCells(name, max_cells)
    open_elements = []  # from the root to the element being read
    open_cells = 0  # a <c> is read whole when it ends, so nothing inside one is dropped
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            open_elements.append(element)
            if len(open_elements) > XML_MAX_DEPTH:
                raise ValueError(f"XML nested more than {XML_MAX_DEPTH} deep")
            if element.tag == ROW_TAG:
                _start_row(cell_parser, element.get("r"))
            elif element.tag == CELL_TAG:
                open_cells += 1
            continue
        open_elements.pop()
        if element.tag == CELL_TAG:
            open_cells -= 1
            cell = cell_parser.parse_cell(element)
            cells.add(cell["row"] - 1, cell["column"] - 1, cell_text(cell["value"]))
        elif open_cells:
            continue
        elif element.tag == MERGE_TAG and element.get("ref"):
            left, top, right, bottom = range_boundaries(element.get("ref"))
            if None not in (left, top, right, bottom):  # "A:C" or "1:3" is no merge a program writes
                cells.add_merge(top - 1, bottom, left - 1, right)
        if open_elements:
            open_elements[-1].clear()
    return cells


def _start_row(cell_parser, number: str | None) -> None:
    """Where a <row> puts the cells that do not say where they are (as openpyxl's parse_row)."""
    if number is None:
        cell_parser.row_counter += 1
    else:
        value = float(number)
        if not value.is_integer():
            raise ValueError(f"row number {number} is not a whole number")
        cell_parser.row_counter = int(value)
    cell_parser.col_counter = 0


def workbook_document(path: Path, fmt: str, sheets: Iterable[SheetCells], sheet_count: int,
                      limits: SheetLimits) -> RawDocument:
    """The document of a workbook: its sheets (the first ``limits.sheets`` of ``sheet_count``,
    each turned into its table before the next is read), with notes of what the caps left out."""
    lines: list[str] = []
    tables: list[Table] = []
    notes: list[str] = []
    to_read = min(sheet_count, limits.sheets)
    grid_left = limits.workbook_grid_cells  # what the tables of the sheets still to come may hold
    for done, sheet in enumerate(sheets, 1):
        notes += sheet.notes()
        if grid_left < limits.grid_cells:
            cap = GridCap(grid_left, f"各表合计上限 {limits.workbook_grid_cells} 个中剩下的 {grid_left} 个",
                          f"the {grid_left} left of the workbook's limit of {limits.workbook_grid_cells}")
        else:
            cap = GridCap(limits.grid_cells, f"上限 {limits.grid_cells} 个", f"the limit of {limits.grid_cells}")
        rows = sheet_rows(sheet, cap, notes)
        if rows:
            grid_left -= len(rows) * len(rows[0])
            # a title row merged across the sheet names it better than the tab does
            lines.append(rows[0][0] if len(set(rows[0])) == 1 else sheet.name)
            tables.append(Table(rows=rows, after_line=len(lines)))
            lines.extend(row[0] if len(set(row)) == 1 else table_row_line(row) for row in rows)
        if grid_left <= 0 and done < to_read:  # the sheets after it could hold nothing: not even streamed
            notes.append(f"各工作表合计已达上限 {limits.workbook_grid_cells} 个单元格，其后的 {to_read - done} 张"
                         f"工作表未读取 (the sheets reached the workbook's limit of {limits.workbook_grid_cells} "
                         f"cells; the {to_read - done} sheets after sheet {sheet.name} were not read)")
            break
    if sheet_count > limits.sheets:
        notes.append(f"工作簿共 {sheet_count} 张工作表，超过上限 {limits.sheets} 张，只读取了前 {limits.sheets} 张 "
                     f"(workbook: {sheet_count} sheets, more than the limit of {limits.sheets}; "
                     f"read the first {limits.sheets})")
    require_text(path, "".join(cell for table in tables for row in table.rows for cell in row))
    return RawDocument(path=str(path), fmt=fmt, text="\n".join(lines), tables=tables, notes=notes)


@dataclass(frozen=True)
class GridCap:
    """How many cells a sheet's table may have, and that limit as a note names it."""
    cells: int
    zh: str
    en: str


def sheet_rows(sheet: SheetCells, cap: GridCap, notes: list[str]) -> list[list[str]]:
    """The sheet as a table over its used rows and columns (those with a non-empty cell of
    their own), merged ranges filled with their top-left text. Past ``cap`` the first rows are
    kept, and a note added to ``notes``."""
    rows = sorted(sheet.rows)
    columns = _used_columns(sheet, rows)
    if len(rows) * len(columns) > cap.cells:
        kept_rows = rows[:_rows_that_fit(sheet, rows, cap.cells)]
        notes.append(f"工作表“{sheet.name}”有内容的 {len(rows)} 行 × {len(columns)} 列共 {len(rows) * len(columns)} "
                     f"个单元格，超过{cap.zh}，只读取了前 {len(kept_rows)} 行 (sheet {sheet.name}: {len(rows)} used "
                     f"rows × {len(columns)} used columns = {len(rows) * len(columns)} cells, more than {cap.en}; "
                     f"read the first {len(kept_rows)} rows)")
        rows = kept_rows
        columns = _used_columns(sheet, rows)
    table = [[sheet.rows[row].get(column, "") for column in columns] for row in rows]
    _fill_merged(sheet, table, rows, columns, notes)
    return table


def _used_columns(sheet: SheetCells, rows: list[int]) -> list[int]:
    return sorted({column for row in rows for column in sheet.rows[row]})


def _rows_that_fit(sheet: SheetCells, rows: list[int], max_cells: int) -> int:
    """How many of the first rows make a table of at most ``max_cells`` over their own used columns."""
    columns: set[int] = set()
    for count, row in enumerate(rows):
        columns.update(sheet.rows[row])
        if (count + 1) * len(columns) > max_cells:
            return count
    return len(rows)


def _fill_merged(sheet: SheetCells, table: list[list[str]], rows: list[int], columns: list[int],
                 notes: list[str]) -> None:
    """Each merged range's text into the table's cells it covers. Ranges that do not overlap
    (all a spreadsheet program writes) cover at most the whole table between them; past that
    they overlap, and the rest are left unfilled rather than filling the table over and over."""
    cells_left = len(rows) * len(columns)
    ranges = sorted(sheet.merged.items())
    for done, ((top, left), (row_end, column_end)) in enumerate(ranges):
        first_row = bisect_left(rows, top)
        if first_row == len(rows) or rows[first_row] != top:
            continue  # its row was left out under a cap
        row_stop = bisect_left(rows, row_end)
        first_column, column_stop = bisect_left(columns, left), bisect_left(columns, column_end)
        cells_left -= (row_stop - first_row) * (column_stop - first_column)
        if cells_left < 0:
            notes.append(f"工作表“{sheet.name}”的合并单元格相互重叠，其余 {len(ranges) - done} 个未展开 "
                         f"(sheet {sheet.name}: merged ranges overlap; {len(ranges) - done} were not expanded)")
            return
        fill = [sheet.rows[top][left]] * (column_stop - first_column)
        for index in range(first_row, row_stop):
            table[index][first_column:column_stop] = fill


def cell_text(value) -> str:
    """A cell as its text: dates as a notice writes them (2021年12月31日), whole numbers without .0."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()

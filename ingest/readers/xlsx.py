"""Excel workbooks (.xlsx; .xls and .et in ``xls``): every sheet a table, merged cells expanded.

A sheet that looks like a 任务分工表 (``ingest.tables`` decides, from its header, which may
span two rows or sit under a title row) gives one task per row in the pipeline; every other
sheet is read as text (one line per row), so it becomes passages. The document text is each
sheet's title (a title row merged across it, else the tab's name) followed by its rows,
tab-separated, as the other readers write table rows (a row merged across, once).
"""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from ingest.errors import ReadError
from ingest.models import RawDocument, Table
from ingest.readers.common import check_zip_bounds, require_text, table_row_line


def read_xlsx(path: str | Path) -> RawDocument:
    path = Path(path)
    check_zip_bounds(path)
    import openpyxl  # imported here: it takes a while and most ingests never need it

    try:
        # not read_only: merged ranges are only known to a fully loaded sheet
        workbook = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise ReadError(str(path), f"Excel 文件已损坏，无法解析 (damaged xlsx: {type(exc).__name__}: {exc})") from exc
    try:
        sheets = [(sheet.title, [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)],
                   [(m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in sheet.merged_cells.ranges])
                  for sheet in workbook.worksheets]
    finally:
        workbook.close()
    return workbook_document(path, "xlsx", sheets)


def workbook_document(path: Path, fmt: str, sheets: list[tuple[str, list[list[str]], list[tuple]]]) -> RawDocument:
    """(name, cell texts, merged ranges as (first row, row end, first column, column end),
    0-based with exclusive ends) of each sheet -> the document."""
    lines: list[str] = []
    tables: list[Table] = []
    for name, values, merged in sheets:
        rows = sheet_rows(values, merged)
        if not rows:
            continue
        # a title row merged across the sheet names it better than the tab does
        lines.append(rows[0][0] if len(set(rows[0])) == 1 else name)
        tables.append(Table(rows=rows, after_line=len(lines)))
        lines.extend(row[0] if len(set(row)) == 1 else table_row_line(row) for row in rows)
    require_text(path, "".join(cell for table in tables for row in table.rows for cell in row))
    return RawDocument(path=str(path), fmt=fmt, text="\n".join(lines), tables=tables)


def sheet_rows(values: list[list[str]], merged: list[tuple]) -> list[list[str]]:
    """Cell texts, merged ranges filled with their top-left value, empty rows and columns dropped."""
    for top, row_end, left, column_end in merged:
        if top >= len(values):
            continue
        value = values[top][left] if left < len(values[top]) else ""
        for r in range(top, min(row_end, len(values))):
            for c in range(left, min(column_end, len(values[r]))):
                values[r][c] = value
    rows = [row for row in values if any(row)]
    used = [c for c in range(max((len(row) for row in rows), default=0)) if any(c < len(row) and row[c] for row in rows)]
    return [[row[c] if c < len(row) else "" for c in used] for row in rows]


def cell_text(value) -> str:
    """A cell as its text: dates as a notice writes them (2021年12月31日), whole numbers without .0."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()

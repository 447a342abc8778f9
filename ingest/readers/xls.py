"""Old Excel and WPS spreadsheets (.xls, .et: the BIFF8 binary format) via xlrd, then read as
``xlsx`` reads a workbook: every sheet a table, merged cells expanded.

xlrd 2 reads only this format (it dropped .xlsx), knows merged cells when asked for formatting,
and is pure Python. Dates are stored as numbers in these files; a cell formatted as a date is
turned back into one. Rows are read as long as the file has them (``ragged_rows``: xlrd would
pad every row to the widest), and the sheets go through the caps and used-range table of
``xlsx``.
"""
from __future__ import annotations

from pathlib import Path

from ingest.errors import ReadError
from ingest.models import RawDocument
from ingest.readers.xlsx import SheetCells, SheetLimits, cell_text, workbook_document


def read_xls(path: str | Path, limits: SheetLimits = SheetLimits()) -> RawDocument:
    path = Path(path)
    import xlrd

    damaged = (xlrd.XLRDError, xlrd.compdoc.CompDocError, AssertionError, IndexError, KeyError, ValueError, OSError)
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, ragged_rows=True)
        try:
            # on_demand: each sheet is parsed when its turn comes, and freed once read
            sheets = (_sheet_cells(book, index, limits.cells) for index in range(min(book.nsheets, limits.sheets)))
            return workbook_document(path, path.suffix.lower().lstrip("."), sheets, book.nsheets, limits)
        finally:
            book.release_resources()
    except damaged as exc:
        raise ReadError(str(path), f"Excel (.xls/.et) 文件已损坏，无法解析 "
                                   f"(damaged xls: {type(exc).__name__}: {exc})") from exc


def _sheet_cells(book, index: int, max_cells: int) -> SheetCells:
    sheet = book.sheet_by_index(index)
    cells = SheetCells(sheet.name, max_cells)
    for row in range(sheet.nrows):
        for column, cell in enumerate(sheet.row(row)):
            cells.add(row, column, _cell(book, cell))
    for top, row_end, left, column_end in sheet.merged_cells:
        cells.add_merge(top, row_end, left, column_end)
    book.unload_sheet(index)
    return cells


def _cell(book, cell) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return cell_text(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return cell_text(cell.value)

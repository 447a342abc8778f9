"""Old Excel and WPS spreadsheets (.xls, .et: the BIFF8 binary format) via xlrd, then read as
``xlsx`` reads a workbook: every sheet a table, merged cells expanded.

xlrd 2 reads only this format (it dropped .xlsx), knows merged cells when asked for formatting,
and is pure Python. Dates are stored as numbers in these files; a cell formatted as a date is
turned back into one.
"""
from __future__ import annotations

from pathlib import Path

from ingest.errors import ReadError
from ingest.models import RawDocument
from ingest.readers.xlsx import cell_text, workbook_document


def read_xls(path: str | Path) -> RawDocument:
    path = Path(path)
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError, AssertionError, IndexError, KeyError, ValueError,
            OSError) as exc:
        raise ReadError(str(path), f"Excel (.xls/.et) 文件已损坏，无法解析 "
                                   f"(damaged xls: {type(exc).__name__}: {exc})") from exc
    try:
        sheets = []
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            values = [[_cell(book, sheet.cell(r, c)) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
            sheets.append((sheet.name, values, list(sheet.merged_cells)))
    finally:
        book.release_resources()
    return workbook_document(path, path.suffix.lower().lstrip("."), sheets)


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

"""Spreadsheets are read by the cells they have, not the size they claim: a cell at XFD1048576,
a merged range or a <dimension> over the whole sheet cost nothing, and every cap (cells per
sheet, table size per sheet and per workbook, sheets per workbook) keeps the first rows or
sheets and says what it left out in ``RawDocument.notes``. The hostile files are read in a
child process with its address space bounded, so that a regression fails instead of
exhausting the machine; each test makes its files with openpyxl (and LibreOffice for .xls)."""
from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from ingest.errors import ReadError
from ingest.pipeline import parse_file
from ingest.readers import read_file
from ingest.readers.xls import read_xls
from ingest.readers.xlsx import WORKBOOK_MAX_SHEETS, SheetLimits, read_xlsx
from tests.concurrency import run_capped_python
from tests.office import SOFFICE

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
# The reading process: Python, lxml, openpyxl, xlrd peak near 70 MB and map ~210 MB. Reading
# the far-cell file the old way grew past 4.6 GB in two minutes.
ADDRESS_SPACE_LIMIT = 1024 * MB
GROWTH_BOUND_MB = 50  # what reading one hostile file may add to the peak
SECONDS_BOUND = 1.0  # each reads in milliseconds; the old way never finished

needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice makes the .xls files: scripts/system_deps.sh")

CHILD = """
import json, sys, time
import openpyxl, openpyxl.reader.excel, openpyxl.worksheet._reader, xlrd  # before the clock
from ingest.readers import read_file

def peak_mb():
    return int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024

read_file(sys.argv[1])  # a normal workbook first: the peak of reading one
before = peak_mb()
start = time.perf_counter()
raw = read_file(sys.argv[2])
seconds = time.perf_counter() - start
print(json.dumps({"rows": [table.rows for table in raw.tables], "notes": raw.notes, "seconds": seconds,
                  "growth_mb": peak_mb() - before}))
"""


def read_measured(path: Path, normal: Path) -> dict:
    """``read_file(path)`` in a child process with bounded address space, after reading
    ``normal``: the tables' rows, the notes, seconds taken and how much the peak memory grew."""
    result = run_capped_python(CHILD, str(normal), str(path), address_space=ADDRESS_SPACE_LIMIT, cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                               timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    measured = json.loads(result.stdout)
    print(f"{path.name}: {measured['seconds'] * 1000:.1f} ms, peak +{measured['growth_mb']:.1f} MB")
    return measured


def workbook(path: Path, sheets: dict[str, list[list]], merged: dict[str, list[str]] | None = None) -> Path:
    """An xlsx with the given rows per sheet, and merged ranges per sheet."""
    made = Workbook()
    made.remove(made.active)
    for name, rows in sheets.items():
        sheet = made.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for ref in (merged or {}).get(name, []):
            sheet.merge_cells(ref)
    made.save(path)
    return path


def rewrite_sheet(path: Path, out: Path, old: bytes, new: bytes) -> Path:
    """A copy of the xlsx with ``old`` replaced by ``new`` in its first sheet's XML: how a
    merged range over the whole sheet is made (openpyxl would make its 17 billion cells)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old in data
                data = data.replace(old, new)
            target.writestr(item, data)
    return out


@pytest.fixture
def normal(tmp_path) -> Path:
    return workbook(tmp_path / "normal.xlsx", {"Sheet1": [["牵头单位"], ["市应急局"]]})


def far_cell_workbook(path: Path, far: str = "XFD1048576") -> Path:
    made = Workbook()
    sheet = made.active
    sheet["A1"], sheet["A2"], sheet[far] = "牵头单位", "市应急局", "x"
    made.save(path)
    return path


# ---- what a sheet claims costs nothing

def test_a_cell_at_the_far_corner_reads_in_milliseconds(tmp_path, normal):
    measured = read_measured(far_cell_workbook(tmp_path / "far.xlsx"), normal)
    assert measured["rows"] == [[["牵头单位", ""], ["市应急局", ""], ["", "x"]]]  # used rows and columns only
    assert measured["notes"] == []
    assert measured["seconds"] < SECONDS_BOUND and measured["growth_mb"] < GROWTH_BOUND_MB


def test_a_merged_range_over_the_whole_sheet_fills_only_the_used_cells(tmp_path, normal):
    small = workbook(tmp_path / "small.xlsx", {"Sheet1": [["牵头单位"], ["市应急局"]]}, {"Sheet1": ["A1:B1"]})
    whole = rewrite_sheet(small, tmp_path / "whole.xlsx", b'ref="A1:B1"', b'ref="A1:XFD1048576"')
    measured = read_measured(whole, normal)
    assert measured["rows"] == [[["牵头单位"], ["牵头单位"]]]  # A2 lies under the merge, as Excel shows it
    assert measured["seconds"] < SECONDS_BOUND and measured["growth_mb"] < GROWTH_BOUND_MB


def test_a_dimension_claiming_the_whole_sheet_is_not_used(tmp_path, normal):
    small = workbook(tmp_path / "small.xlsx", {"Sheet1": [["牵头单位", "配合单位"], ["市应急局", "市公安局"]]})
    claimed = rewrite_sheet(small, tmp_path / "claimed.xlsx", b'<dimension ref="A1:B2"/>',
                            b'<dimension ref="A1:XFD1048576"/>')
    measured = read_measured(claimed, normal)
    assert measured["rows"] == [[["牵头单位", "配合单位"], ["市应急局", "市公安局"]]]
    assert measured["seconds"] < SECONDS_BOUND and measured["growth_mb"] < GROWTH_BOUND_MB


# ---- each cap keeps the first rows or sheets and says what it left out

def test_the_cell_cap_keeps_the_first_whole_rows(tmp_path):
    rows = [[f"第{r}行{c}列" for c in range(3)] for r in range(5)]
    path = workbook(tmp_path / "cells.xlsx", {"明细": rows})
    raw = read_xlsx(path, SheetLimits(cells=8))
    assert [table.rows for table in raw.tables] == [rows[:2]]  # a third row would make 9
    assert raw.notes == ["工作表“明细”共 15 个非空单元格，超过上限 8 个，只读取了前 2 行的 6 个 "
                         "(sheet 明细: 15 non-empty cells, more than the limit of 8; read the 6 of the first 2 rows)"]
    assert read_xlsx(path, SheetLimits(cells=15)).notes == []


def test_the_table_cap_keeps_the_first_rows_that_fit_with_their_columns(tmp_path):
    diagonal = [[None] * r + [f"d{r}"] for r in range(4)]  # 4 cells, but 4 rows × 4 columns
    raw = read_xlsx(workbook(tmp_path / "diagonal.xlsx", {"对角": diagonal}), SheetLimits(grid_cells=5))
    assert [table.rows for table in raw.tables] == [[["d0", ""], ["", "d1"]]]  # 3 rows would be 3 × 3
    assert raw.notes == ["工作表“对角”有内容的 4 行 × 4 列共 16 个单元格，超过上限 5 个，只读取了前 2 行 "
                         "(sheet 对角: 4 used rows × 4 used columns = 16 cells, more than the limit of 5; "
                         "read the first 2 rows)"]


def test_the_workbook_table_cap_shares_what_is_left_and_stops_reading_sheets(tmp_path):
    square = [["甲", "乙"], ["丙", "丁"]]
    path = workbook(tmp_path / "sheets.xlsx", {"一": square, "二": square, "三": square, "四": square})
    raw = read_xlsx(path, SheetLimits(workbook_grid_cells=6))
    assert [table.rows for table in raw.tables] == [square, square[:1]]
    assert raw.notes == [
        "工作表“二”有内容的 2 行 × 2 列共 4 个单元格，超过各表合计上限 6 个中剩下的 2 个，只读取了前 1 行 "
        "(sheet 二: 2 used rows × 2 used columns = 4 cells, more than the 2 left of the workbook's limit of 6; "
        "read the first 1 rows)",
        "各工作表合计已达上限 6 个单元格，其后的 2 张工作表未读取 "
        "(the sheets reached the workbook's limit of 6 cells; the 2 sheets after sheet 二 were not read)"]


def test_the_sheet_cap_reads_the_first_sheets(tmp_path):
    path = workbook(tmp_path / "sheets.xlsx", {name: [[f"{name}的内容"]] for name in "甲乙丙"})
    raw = read_xlsx(path, SheetLimits(sheets=2))
    assert [table.rows for table in raw.tables] == [[["甲的内容"]], [["乙的内容"]]]
    assert raw.notes == ["工作簿共 3 张工作表，超过上限 2 张，只读取了前 2 张 "
                         "(workbook: 3 sheets, more than the limit of 2; read the first 2)"]


def test_a_note_at_the_default_sheet_cap_reaches_the_parsed_document(tmp_path):
    sheets = {f"表{n}": [[f"第{n}张表"]] for n in range(WORKBOOK_MAX_SHEETS + 1)}
    parsed = parse_file(workbook(tmp_path / "many.xlsx", sheets))
    assert parsed.notes == [f"工作簿共 {WORKBOOK_MAX_SHEETS + 1} 张工作表，超过上限 {WORKBOOK_MAX_SHEETS} 张，"
                            f"只读取了前 {WORKBOOK_MAX_SHEETS} 张 (workbook: {WORKBOOK_MAX_SHEETS + 1} sheets, "
                            f"more than the limit of {WORKBOOK_MAX_SHEETS}; read the first {WORKBOOK_MAX_SHEETS})"]
    assert f"第{WORKBOOK_MAX_SHEETS - 1}张表" in parsed.document.text
    assert f"第{WORKBOOK_MAX_SHEETS}张表" not in parsed.document.text


def test_overlapping_merged_ranges_fill_no_more_than_the_table(tmp_path):
    rows = [["甲", "乙", "丙"], ["丁", "戊", "己"]]
    small = workbook(tmp_path / "small.xlsx", {"Sheet1": rows}, {"Sheet1": ["A1:A2"]})
    # what no spreadsheet program writes: ranges over each other, from cells that hold text
    overlapping = rewrite_sheet(small, tmp_path / "overlap.xlsx", b'<mergeCell ref="A1:A2"/>',
                                b'<mergeCell ref="A1:C2"/><mergeCell ref="B1:C2"/><mergeCell ref="C1:C2"/>')
    raw = read_xlsx(overlapping)
    assert raw.tables[0].rows == [["甲", "甲", "甲"], ["甲", "甲", "甲"]]
    assert raw.notes == ["工作表“Sheet1”的合并单元格相互重叠，其余 2 个未展开 "
                         "(sheet Sheet1: merged ranges overlap; 2 were not expanded)"]


# ---- normal workbooks read as before

def test_a_task_table_with_merged_categories_and_a_two_row_header_gives_its_tasks(tmp_path):
    tasks = [("一、危险化学品", "开展危险化学品企业安全风险隐患排查", "市应急局", "市公安局", "2024年6月底前"),
             (None, "推进化工园区安全整治提升", "市工业和信息化局", "市应急局", "2024年12月底前"),
             ("二、城镇燃气", "全面排查整治燃气管道老化问题", "市住房城乡建设局", "市市场监管局", "2024年9月底前"),
             (None, "加强餐饮场所燃气安全检查", "市市场监管局", None, "长期坚持")]
    rows = [["2024年安全生产重点任务分工表"], ["类别", "序号", "重点任务", "责任单位", None, "完成时限"],
            [None, None, None, "牵头单位", "配合单位"]]
    rows += [[category, number, text, lead, co, deadline]
             for number, (category, text, lead, co, deadline) in enumerate(tasks, 1)]
    merged = ["A1:F1", "D2:E2", "A2:A3", "B2:B3", "C2:C3", "F2:F3", "A4:A5", "A6:A7"]
    path = workbook(tmp_path / "任务分工表.xlsx", {"任务分工": rows}, {"任务分工": merged})
    raw = read_file(path)
    table = raw.tables[0].rows
    assert raw.text.startswith("2024年安全生产重点任务分工表\n") and raw.notes == []
    assert table[1] == ["类别", "序号", "重点任务", "责任单位", "责任单位", "完成时限"]
    assert table[2] == ["类别", "序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert [row[0] for row in table[3:]] == ["一、危险化学品"] * 2 + ["二、城镇燃气"] * 2  # merged down
    found = parse_file(path).tasks
    assert [(t.lead_units, t.co_units, t.deadline) for t in found] == [
        ([lead], [co] if co else [], deadline) for _, _, lead, co, deadline in tasks]
    assert [t.text.split(" | ")[0] for t in found] == [text for _, text, _, _, _ in tasks]


def test_an_xlsx_named_xls_is_read(tmp_path):
    path = workbook(tmp_path / "分工.xlsx", {"Sheet1": [["重点任务", "牵头单位"], ["隐患排查", "市应急局"]]})
    renamed = tmp_path / "分工.xls"
    renamed.write_bytes(path.read_bytes())
    assert read_file(renamed).tables[0].rows == [["重点任务", "牵头单位"], ["隐患排查", "市应急局"]]


def test_a_sheet_nested_past_any_real_sheet_is_refused_as_damaged(tmp_path):
    small = workbook(tmp_path / "small.xlsx", {"Sheet1": [["牵头单位"]]})
    deep = rewrite_sheet(small, tmp_path / "deep.xlsx", b"<sheetData>",
                         b"<sheetData>" + b"<x>" * 1000 + b"</x>" * 1000)
    with pytest.raises(ReadError, match="Excel 文件已损坏.*nested more than 100"):
        read_file(deep)


# ---- .xls and .et through the same caps

def legacy_copies(files: list[Path], folder: Path) -> list[Path]:
    """The workbooks saved by LibreOffice Calc as Excel 97 (one start of LibreOffice for all)."""
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "xls:MS Excel 97", "--outdir", str(folder), *map(str, files)],
                   check=True, capture_output=True, timeout=300)
    return [folder / f"{path.stem}.xls" for path in files]


@needs_soffice
def test_xls_rows_are_not_padded_and_go_through_the_same_caps(tmp_path, normal):
    made = tmp_path / "made"
    made.mkdir()
    far = far_cell_workbook(made / "far.xlsx", far="IV65536")  # the far corner of Excel 97
    diagonal = workbook(made / "diagonal.xlsx", {"对角": [[None] * r + [f"d{r}"] for r in range(4)]})
    rows = [[f"第{r}行{c}列" for c in range(3)] for r in range(5)]
    cells = workbook(made / "cells.xlsx", {"明细": rows, "其他": [["第二张表"]]}, {"明细": ["A1:C1"]})
    far_xls, diagonal_xls, cells_xls = legacy_copies([far, diagonal, cells], tmp_path)

    measured = read_measured(far_xls, normal)
    assert measured["rows"] == [[["牵头单位", ""], ["市应急局", ""], ["", "x"]]]
    assert measured["seconds"] < SECONDS_BOUND and measured["growth_mb"] < GROWTH_BOUND_MB

    assert read_xls(diagonal_xls, SheetLimits(grid_cells=5)).tables[0].rows == [["d0", ""], ["", "d1"]]
    raw = read_xls(cells_xls, SheetLimits(cells=8, sheets=1))
    # A1:C1 merged: the first row holds one cell, so three rows fit in 8 cells
    assert [table.rows for table in raw.tables] == [[[rows[0][0]] * 3, rows[1], rows[2]]]
    assert raw.notes == ["工作表“明细”共 13 个非空单元格，超过上限 8 个，只读取了前 3 行的 7 个 "
                         "(sheet 明细: 13 non-empty cells, more than the limit of 8; read the 7 of the first 3 rows)",
                         "工作簿共 2 张工作表，超过上限 1 张，只读取了前 1 张 "
                         "(workbook: 2 sheets, more than the limit of 1; read the first 1)"]

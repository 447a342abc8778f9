"""Corrections from an edited 任务分工表 (kb.review.table_import): export, change cells as a
person would in Excel or WPS, see exactly those changes in the dry run, apply them, and the next
export says what was typed; rows that cannot be used are refused with a reason each."""
import csv
import shutil
from datetime import datetime

import pytest
from openpyxl import load_workbook

from kb import InvalidInput, KnowledgeBase, apply_plan
from kb.accounts.roles import Actor
from kb.review.changes import Edit
from kb.review.table_import import cell_text, parse_deadline

EDITOR = Actor("王编辑", "editor", "password")
LOCATOR = "定位（勿改）"


@pytest.fixture
def any_kb(writable_kb):
    return writable_kb


@pytest.fixture
def kb(seeded_home, tmp_path):
    home = tmp_path / "kb"
    shutil.copytree(seeded_home, home)
    with KnowledgeBase(home) as opened:
        yield opened


class Book:
    """An exported workbook opened for editing, cells addressed by sheet, locator and header."""

    def __init__(self, path):
        self.path, self.wb = path, load_workbook(path)

    def columns(self, ws) -> dict:
        return {cell.value: cell.column for cell in ws[1]}

    def rows(self, sheet: str) -> dict:
        """locator → row number on that sheet."""
        ws = self.wb[sheet]
        col = self.columns(ws)[LOCATOR]
        return {ws.cell(n, col).value: n for n in range(2, ws.max_row + 1)}

    def cell(self, sheet: str, locator: str, header: str):
        ws = self.wb[sheet]
        return ws.cell(self.rows(sheet)[locator], self.columns(ws)[header])

    def doc_sheet(self, locator: str) -> str:
        return next(ws.title for ws in self.wb.worksheets[1:] if locator in self.rows(ws.title))

    def save(self):
        self.wb.save(self.path)


def exported_rows(path) -> dict:
    """locator → {header: value} of the 汇总 sheet."""
    ws = load_workbook(path)["汇总"]
    header = [cell.value for cell in ws[1]]
    rows = [dict(zip(header, values)) for values in ws.iter_rows(min_row=2, values_only=True)]
    return {row[LOCATOR]: row for row in rows}


def locator_of(row) -> str:
    return f"{row['doc_id'][:12]}@{row['start']}-{row['end']}"


def pick(kb) -> list[dict]:
    """Ten rows of plain tasks whose deadline the document states (not a year it infers)."""
    rows = [r for r in kb.task_rows() if not r["deadline_inferred"] and r["owner_source"] != "table"]
    return rows[:10]


def test_round_trip_ten_cells_dry_run_apply_reexport(any_kb, tmp_path):
    kb = any_kb
    path = tmp_path / "任务分工表.xlsx"
    kb.export(path)
    rows = pick(kb)
    book = Book(path)
    locs = [locator_of(r) for r in rows]
    edits = [  # (row, header, new value, on which sheet)
        (0, "牵头单位", "市应急局、市消防救援支队", "汇总"),
        (1, "配合单位", "市公安局、市交通运输局", "doc"),
        (2, "责任单位", "各区县人民政府", "汇总"),
        (3, "牵头单位", "市住房城乡建设局", "汇总"),
        (3, "配合单位", "市城管局", "汇总"),
        (4, "责任单位", "市教育局、市卫生健康委", "doc"),
        (5, "完成时限", "2027年6月底前", "both"),  # the same edit on 汇总 and its document's sheet
        (6, "目标指标", "隐患整改率达到100%；培训覆盖率达到95%", "汇总"),
        (7, "核对", "已核对", "汇总"),
        (8, "核对", "非任务", "doc"),
    ]
    for index, header, value, where in edits:
        sheets = {"汇总": ["汇总"], "doc": [book.doc_sheet(locs[index])],
                  "both": ["汇总", book.doc_sheet(locs[index])]}[where]
        for sheet in sheets:
            book.cell(sheet, locs[index], header).value = value
    # what a spreadsheet does to cells nobody changed: numbers re-typed, spaces, empty as None
    untouched = locs[9]
    book.cell("汇总", untouched, "序号").value = float(book.cell("汇总", untouched, "序号").value)
    lead = book.cell("汇总", untouched, "牵头单位")
    lead.value = (lead.value or "") + "  " if lead.value else None
    book.cell("汇总", untouched, "目标指标").value = book.cell("汇总", untouched, "目标指标").value or None
    book.save()

    plan = kb.plan_corrections(path)
    assert plan.refused == []
    shown = sorted((p.task_id, header, new) for p in plan.planned for header, _, new in p.cells_changed)
    ids = {locator_of(r): s.id for r, s in zip(kb.task_rows(), kb.tasks())}
    assert shown == sorted((ids[locs[i]], header, value) for i, header, value, _ in edits)
    assert len(plan.planned) == 9
    assert {p.change.action for p in plan.planned} == {"edit", "confirm", "hide"}

    summary = apply_plan(kb, plan, EDITOR)
    assert summary == {"applied": {"edit": 7, "confirm": 1, "hide": 1}, "failed": []}
    again = tmp_path / "again.xlsx"
    kb.export(again)
    after = exported_rows(again)
    for index, header, value, _ in edits:
        if value == "非任务":
            assert locs[index] not in after
            continue
        assert after[locs[index]][header] == value
        assert after[locs[index]]["核对"] == ("已核对" if value == "已核对" else "已修改")
        assert after[locs[index]]["核对人"] == "王编辑"
    assert after[untouched]["核对"] == "未核对"
    assert kb.plan_corrections(path).planned == []  # the same file again asks for nothing more


def test_refused_rows_say_why(kb, tmp_path):
    path = tmp_path / "t.xlsx"
    kb.export(path)
    rows = pick(kb)
    book = Book(path)
    locs = [locator_of(r) for r in rows]
    book.cell("汇总", locs[0], LOCATOR).value = "000000000000@1-2"
    book.cell("汇总", locs[1], "重点任务").value = "把任务改写成另一句话"
    book.cell("汇总", locs[2], "牵头单位").value = "市应急局"
    book.cell(book.doc_sheet(locs[2]), locs[2], "牵头单位").value = "市消防救援支队"
    book.cell("汇总", locs[3], "核对").value = "看过了"
    book.cell("汇总", locs[4], "核对").value = "非任务"
    book.cell("汇总", locs[4], "牵头单位").value = "市应急局"
    ws = book.wb["汇总"]
    ws.append(["", "漏掉的任务", "市应急局"])
    book.save()
    plan = kb.plan_corrections(path)
    assert plan.planned == []
    reasons = {(sheet, row): reason for sheet, row, reason in plan.refused}
    summary_rows = book.rows("汇总")
    assert "找不到定位 000000000000@1-2 对应的任务" in reasons[("汇总", summary_rows["000000000000@1-2"])]
    assert "重点任务" in reasons[("汇总", summary_rows[locs[1]])]
    conflict = [reason for (sheet, _), reason in reasons.items() if "改得不一样" in reason]
    assert len(conflict) == 2 and book.doc_sheet(locs[2]) in conflict[0]
    assert "只能填 已核对 或 非任务" in reasons[("汇总", summary_rows[locs[3]])]
    assert "只做其中一项" in reasons[("汇总", summary_rows[locs[4]])]
    assert "没有定位" in reasons[("汇总", ws.max_row)]


def test_a_table_without_the_locator_column_is_refused_naming_it(kb, tmp_path):
    path = tmp_path / "t.xlsx"
    kb.export(path, doc=pick(kb)[0]["doc_id"])
    wb = load_workbook(path)
    for ws in wb.worksheets:
        ws.delete_cols(ws.max_column)
    wb.save(path)
    with pytest.raises(InvalidInput, match="没有“定位（勿改）”列"):
        kb.plan_corrections(path)
    kb.export(tmp_path / "ok.xlsx", doc=pick(kb)[0]["doc_id"])
    ok = load_workbook(tmp_path / "ok.xlsx")
    ok.create_sheet("备注").append(["说明", "会上讨论"])
    ok.save(tmp_path / "ok.xlsx")
    plan = kb.plan_corrections(tmp_path / "ok.xlsx")
    assert plan.refused == [("备注", 1, "这张表没有“定位（勿改）”列，未导入 (no locator column)")]


def test_a_row_corrected_since_the_export_is_not_undone(kb, tmp_path):
    path = tmp_path / "t.xlsx"
    kb.export(path)
    row = pick(kb)[0]
    task_id = next(s.id for r, s in zip(kb.task_rows(), kb.tasks()) if locator_of(r) == locator_of(row))
    kb.correct(Edit(task_id, {"lead_units": ["市应急局"]}), EDITOR)
    book = Book(path)
    book.cell("汇总", locator_of(row), "完成时限").value = "2027年6月底前"
    book.save()
    plan = kb.plan_corrections(path)
    assert plan.planned == []
    # on 汇总 and on the document's sheet (where the old owner would come back too)
    assert [sheet for sheet, _, reason in plan.refused if "导出之后被 王编辑 改过" in reason] == [
        "汇总", book.doc_sheet(locator_of(row))]


def test_csv_saved_by_excel_as_gbk_and_a_by_unit_table(kb, tmp_path):
    row = pick(kb)[0]
    path = tmp_path / "t.csv"
    kb.export(path, doc=row["doc_id"])
    lines = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    header = lines[0]
    target = next(line for line in lines[1:] if line[header.index(LOCATOR)] == locator_of(row))
    target[header.index("牵头单位")] = "市应急局，市公安局"  # another separator than the export's 、
    with open(path, "w", encoding="gb18030", newline="") as f:
        csv.writer(f).writerows(lines)
    [planned] = kb.plan_corrections(path).planned
    assert planned.change.values == {"lead_units": ["市应急局", "市公安局"]}
    by_unit = tmp_path / "units.xlsx"
    kb.export(by_unit, by_unit=True, doc=row["doc_id"])
    plan = kb.plan_corrections(by_unit)
    assert plan.planned == [] and plan.refused == [] and "单位" in plan.notes[0]


def test_what_excel_retypes_reads_as_written():
    assert cell_text(2027) == cell_text(2027.0) == cell_text(" 2027 ") == "2027"
    assert cell_text(None) == "" and cell_text("a\r\nb") == "a\nb"
    assert cell_text(datetime(2027, 6, 30)) == "2027-06-30"
    assert parse_deadline("2027年6月底前（2027-06）", "") == {"deadline": "2027年6月底前", "deadline_norm": "2027-06"}
    assert parse_deadline("6月底前（2021-06，年份按文件推定）", "") == {"deadline": "6月底前", "deadline_norm": "2021-06"}
    assert parse_deadline("2027年6月底前", "") == {"deadline": "2027年6月底前", "deadline_norm": "2027-06"}
    assert parse_deadline("", "") == {"deadline": "", "deadline_norm": ""}

"""kb.tables.export: real files in tmp_path, read back with read_xlsx / openpyxl / csv / json."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from ingest.vocab import TASK_ROW_KEYS
from kb.errors import InvalidInput
from kb.tables.export import (
    FORMATS,
    confidence_cell,
    deadline_cell,
    export_rows,
    read_xlsx,
    sheet_name,
    short_title,
    task_cell,
    to_bytes,
)

JINAN_TITLE = "济南市人民政府办公厅关于印发济南市安全生产专项整治三年行动实施方案的通知"
JINAN_SHEET = "济南市安全生产专项整治三年行动实施方案"
YIYUAN_TITLE = "沂源县安全生产大排查大整治工作方案"

TASK_HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "责任单位", "完成时限", "状态", "目标指标",
               "来源文件", "条款", "置信度", "核对", "核对人", "核对时间", "定位（勿改）"]


def make_row(**fields) -> dict:
    row = {key: "" for key in TASK_ROW_KEYS}
    row.update(lead_units=[], co_units=[], responsible_units=[], metrics=[], deadline_inferred=False, start=0, end=0)
    row.update(fields)
    return row


JINAN = dict(doc_file="jinan_plan.docx", doc_title=JINAN_TITLE, doc_number="济政办字〔2020〕12号",
             issuer="济南市人民政府办公厅", doc_date="2020-04-01")
YIYUAN = dict(doc_file="yiyuan.txt", doc_title=YIYUAN_TITLE, issuer="沂源县安全生产委员会",
              doc_date="2021-03-15")

ROWS = [
    make_row(**JINAN, section="三、主要任务 / （一）强化责任落实", title="强化安全生产责任落实",
             text="强化安全生产责任落实，严格落实党政领导干部安全生产责任制。",
             lead_units=["市应急局"], co_units=["市住房城乡建设局", "市交通运输局"],
             deadline="2021年12月", deadline_norm="2021-12",
             metrics=["生产安全事故死亡人数下降10%以上"]),
    # 市住房城乡建设局 is 配合 above and 牵头 here; 市应急管理局 is an alias of 市应急局
    make_row(**JINAN, section="三、主要任务 / （二）隐患排查", title="开展隐患排查治理",
             text="全面排查燃气、危化品等重点行业领域风险隐患。",
             lead_units=["市住房城乡建设局"], co_units=["市应急管理局"],
             responsible_units=["各区县政府"],
             deadline="本方案印发后10日内", deadline_norm="2020-04",
             metrics=["隐患整改率100%", "重大隐患动态清零"]),
    # no title; 县应急局 named in two roles in one row
    make_row(**YIYUAN, section="二、工作措施", title="",
             text="各镇（街道）要建立隐患台账，实行闭环管理。",
             co_units=["县应急局"], responsible_units=["各镇（街道）", "县应急局"],
             deadline="长期坚持", doc_id="ab12cd34ef56ab12cd34", start=120, end=142, review="edited",
             reviewed_by="王明", reviewed_at="2026-12-01T08:30:00+00:00"),
]

ALIASES = {"市应急管理局": "市应急局"}


def expected_cells(row: dict) -> dict:
    """The 任务分工表 cells a row should produce (without 序号)."""
    return {
        "重点任务": task_cell(row),
        "牵头单位": "、".join(row["lead_units"]),
        "配合单位": "、".join(row["co_units"]),
        "责任单位": "、".join(row["responsible_units"]),
        "完成时限": deadline_cell(row),
        "状态": "无时限" if not row["deadline_norm"] else "已逾期",  # the sample deadlines are long past
        "目标指标": "；".join(row["metrics"]),
        "来源文件": (f"{row['doc_title']}（{row['doc_number']}）" if row["doc_number"]
                     else row["doc_title"]),
        "条款": row["section"],
        "置信度": confidence_cell(row),
        "核对": {"": "未核对", "edited": "已修改"}[row["review"]],
        "核对人": row["reviewed_by"],
        "核对时间": row["reviewed_at"].replace("T", " ").removesuffix("+00:00"),
        "定位（勿改）": f"{row['doc_id'][:12]}@{row['start']}-{row['end']}" if row["doc_id"] else "",
    }


def without_seq(line: dict) -> dict:
    return {key: value for key, value in line.items() if key != "序号"}


# --- cell rules ------------------------------------------------------------------------

@pytest.mark.parametrize("title, text, cell", [
    ("开展隐患排查治理", "全面排查风险隐患。", "开展隐患排查治理：全面排查风险隐患。"),
    ("强化责任落实", "强化责任落实，严格落实责任制。", "强化责任落实，严格落实责任制。"),
    ("", "建立隐患台账。", "建立隐患台账。"),
    ("加强培训：", "", "加强培训"),
])
def test_task_cell_joins_title_and_text(title, text, cell):
    assert task_cell(make_row(title=title, text=text)) == cell


@pytest.mark.parametrize("deadline, norm, cell", [
    ("2021年12月", "2021-12", "2021年12月"),
    ("2021年12月31日前", "2021-12-31", "2021年12月31日前"),
    ("本方案印发后10日内", "2021-04", "本方案印发后10日内（2021-04）"),
    ("12月底前", "2021-12", "12月底前（2021-12）"),
    ("长期坚持", "", "长期坚持"),
    ("", "", ""),
])
def test_deadline_cell_adds_norm_only_when_it_says_more(deadline, norm, cell):
    assert deadline_cell(make_row(deadline=deadline, deadline_norm=norm)) == cell


# --- jsonl -----------------------------------------------------------------------------

def test_jsonl_has_exactly_the_row_keys_in_order(tmp_path):
    path = export_rows(ROWS, "jsonl", tmp_path / "tasks.jsonl")
    raw = path.read_bytes()
    assert "市住房城乡建设局".encode("utf-8") in raw  # ensure_ascii=False
    lines = raw.decode("utf-8").splitlines()
    assert len(lines) == len(ROWS)
    for line, row in zip(lines, ROWS):
        parsed = json.loads(line)
        assert list(parsed) == [*TASK_ROW_KEYS, "status"]
        assert parsed == {**row, "status": "无时限" if not row["deadline_norm"] else "已逾期"}


def test_jsonl_drops_extra_keys_and_never_writes_none(tmp_path):
    row = {"doc_file": "a.txt", "title": None, "lead_units": None, "extra": 1}
    parsed = json.loads(to_bytes([row], "jsonl"))
    assert list(parsed) == [*TASK_ROW_KEYS, "status"]
    assert parsed["title"] == "" and parsed["lead_units"] == [] and parsed["doc_file"] == "a.txt"


@pytest.mark.parametrize("today, statuses", [
    (date(2020, 4, 10), ["未到期", "30天内到期", "无时限"]),
    (date(2021, 12, 5), ["30天内到期", "已逾期", "无时限"]),
    (date(2022, 1, 1), ["已逾期", "已逾期", "无时限"]),
])
def test_every_format_tells_the_status_on_the_export_date(today, statuses):
    assert [json.loads(line)["status"] for line in to_bytes(ROWS, "jsonl", today=today).splitlines()] == statuses
    assert [line["状态"] for line in read_xlsx(io.BytesIO(to_bytes(ROWS, "xlsx", today=today)))["汇总"]] == statuses
    header, *lines = read_csv(to_bytes(ROWS, "csv", today=today))
    assert [line[header.index("状态")] for line in lines] == statuses
    assert header[-1] == "定位（勿改）"  # the locator stays last: corrections are matched by it
    unit_header, *unit_lines = read_csv(to_bytes(ROWS, "csv", by_unit=True, today=today))
    assert {line[unit_header.index("状态")] for line in unit_lines} <= set(statuses)


# --- csv -------------------------------------------------------------------------------

def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_csv_has_bom_header_and_joined_lists(tmp_path):
    path = export_rows(ROWS, "csv", tmp_path / "tasks.csv")
    header, *lines = read_csv(path.read_bytes())
    assert header == TASK_HEADER
    records = [dict(zip(header, line)) for line in lines]
    assert [r["序号"] for r in records] == ["1", "2", "3"]
    assert records[0]["配合单位"] == "市住房城乡建设局、市交通运输局"
    assert records[1]["目标指标"] == "隐患整改率100%；重大隐患动态清零"
    assert [without_seq(r) for r in records] == [expected_cells(row) for row in ROWS]


def test_csv_by_unit_repeats_rows_per_unit_with_unit_and_role(tmp_path):
    content = to_bytes(ROWS, "csv", by_unit=True, unit_key=lambda u: ALIASES.get(u, u))
    header, *lines = read_csv(content)
    assert header == ["单位", "角色", *TASK_HEADER]
    pairs = [(line[0], line[1], line[2]) for line in lines]
    assert pairs[:4] == [("市应急局", "牵头", "1"), ("市应急局", "配合", "2"),
                         ("市住房城乡建设局", "配合", "1"), ("市住房城乡建设局", "牵头", "2")]
    assert ("县应急局", "配合、责任", "1") in pairs
    assert len(lines) == 8  # 2 + 2 + 市交通运输局 + 各区县政府 + 县应急局 + 各镇（街道）


# --- xlsx ------------------------------------------------------------------------------

def test_xlsx_summary_and_document_sheets_read_back_as_the_input(tmp_path):
    sheets = read_xlsx(export_rows(ROWS, "xlsx", tmp_path / "tasks.xlsx"))
    assert list(sheets) == ["汇总", JINAN_SHEET, YIYUAN_TITLE]
    assert list(sheets["汇总"][0]) == TASK_HEADER
    assert [line["序号"] for line in sheets["汇总"]] == [1, 2, 3]
    assert [without_seq(line) for line in sheets["汇总"]] == [expected_cells(r) for r in ROWS]
    # 序号 restarts on every document sheet
    assert [line["序号"] for line in sheets[JINAN_SHEET]] == [1, 2]
    assert [without_seq(line) for line in sheets[JINAN_SHEET]] == [
        expected_cells(r) for r in ROWS[:2]]
    assert [line["序号"] for line in sheets[YIYUAN_TITLE]] == [1]
    assert without_seq(sheets[YIYUAN_TITLE][0]) == expected_cells(ROWS[2])


def test_xlsx_cells_for_the_sample_rows():
    summary = read_xlsx(io.BytesIO(to_bytes(ROWS, "xlsx")))["汇总"]
    assert summary[0]["重点任务"] == ROWS[0]["text"]  # text already starts with the title
    assert summary[1]["重点任务"] == "开展隐患排查治理：全面排查燃气、危化品等重点行业领域风险隐患。"
    assert summary[1]["完成时限"] == "本方案印发后10日内（2020-04）"
    assert summary[0]["来源文件"] == f"{JINAN_TITLE}（济政办字〔2020〕12号）"
    assert summary[2]["来源文件"] == YIYUAN_TITLE
    assert summary[2]["责任单位"] == "各镇（街道）、县应急局"


def test_xlsx_sheets_are_styled(tmp_path):
    wb = load_workbook(export_rows(ROWS, "xlsx", tmp_path / "tasks.xlsx"))
    for ws in wb.worksheets:
        header = ws[1]
        assert [cell.value for cell in header] == TASK_HEADER
        for cell in header:
            assert cell.font.bold
            assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("DDEBF7")
            assert cell.border.bottom.style == "thin"
            assert cell.alignment.horizontal == "center"
        widths = {col: ws.column_dimensions[col].width for col in "ABCI"}
        assert widths["A"] == 6 and widths["B"] == 60 and widths["C"] == 24 and widths["I"] > 10
        for row in ws.iter_rows():
            for cell in row:
                assert cell.alignment.wrap_text
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                assert cell.alignment.vertical == "top"
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == ws.dimensions


def test_xlsx_by_unit_one_sheet_per_unit_most_tasks_first():
    sheets = read_xlsx(io.BytesIO(to_bytes(ROWS, "xlsx", by_unit=True)))
    assert list(sheets) == ["汇总", "市住房城乡建设局", "市应急局", "市交通运输局", "市应急管理局",
                            "各区县政府", "县应急局", "各镇（街道）"]
    assert len(sheets["汇总"]) == 3 and "角色" not in sheets["汇总"][0]
    housing = sheets["市住房城乡建设局"]
    assert list(housing[0]) == ["序号", "角色", *TASK_HEADER[1:]]
    assert [(line["序号"], line["角色"]) for line in housing] == [(1, "配合"), (2, "牵头")]
    assert [line["重点任务"] for line in housing] == [task_cell(ROWS[0]), task_cell(ROWS[1])]
    # a unit named in two roles in one row appears once with both roles
    assert [line["角色"] for line in sheets["县应急局"]] == ["配合、责任"]


def test_xlsx_by_unit_merges_aliases_with_unit_key():
    sheets = read_xlsx(io.BytesIO(
        to_bytes(ROWS, "xlsx", by_unit=True, unit_key=lambda u: ALIASES.get(u, u))))
    assert "市应急管理局" not in sheets
    emergency = sheets["市应急局"]
    assert [(line["序号"], line["角色"]) for line in emergency] == [(1, "牵头"), (2, "配合")]
    assert [without_seq(line) | {"角色": ""} for line in emergency] == [
        expected_cells(r) | {"角色": ""} for r in ROWS[:2]]


def test_by_unit_sheet_is_styled_with_role_column():
    wb = load_workbook(io.BytesIO(to_bytes(ROWS, "xlsx", by_unit=True)))
    ws = wb["市应急局"]
    assert ws["B1"].value == "角色" and ws["B1"].font.bold
    assert ws.column_dimensions["C"].width == 60
    assert ws.freeze_panes == "A2"


# --- sheet names -----------------------------------------------------------------------

def test_sheet_name_removes_forbidden_characters_and_truncates():
    taken: set[str] = set()
    assert sheet_name("安全[生产]:检查*?/\\方案", taken) == "安全生产检查方案"
    long = sheet_name("很" * 40, taken)
    assert long == "很" * 31
    assert sheet_name("'引号'", taken) == "引号"
    assert sheet_name("[]", taken) == "未命名"


def test_sheet_name_is_unique_case_insensitively_within_31_chars():
    taken = {"汇总", "history"}
    assert sheet_name("汇总", taken) == "汇总(2)"
    assert sheet_name("History", taken) == "History(2)"
    assert sheet_name("Plan", taken) == "Plan"
    assert sheet_name("PLAN", taken) == "PLAN(2)"
    first = sheet_name("长" * 40, taken)
    second = sheet_name("长" * 40, taken)
    assert first == "长" * 31 and second == "长" * 28 + "(2)" and len(second) == 31


def test_short_title_drops_issuer_preamble_and_notice_ending():
    assert short_title(JINAN_TITLE) == JINAN_SHEET
    assert short_title("关于印发《淄博市危险化学品安全整治方案》的通知") == "淄博市危险化学品安全整治方案"
    assert short_title(YIYUAN_TITLE) == YIYUAN_TITLE


def test_document_sheets_with_long_forbidden_and_duplicate_titles(tmp_path):
    long_title = "山东省安全生产委员会关于进一步加强全省危险化学品、烟花爆竹、非煤矿山等重点行业领域安全生产工作的意见"
    rows = [
        make_row(doc_file="a.docx", doc_title=long_title, text="任务一"),
        make_row(doc_file="b.docx", doc_title="检查方案[2021]: 第1/2批", text="任务二"),
        make_row(doc_file="c.docx", doc_title="检查方案[2021]: 第1/2批", text="任务三"),
        make_row(doc_file="d/无标题文件.txt", text="任务四"),
    ]
    names = list(read_xlsx(export_rows(rows, "xlsx", tmp_path / "t.xlsx")))
    assert names[0] == "汇总"
    assert names[1] == short_title(long_title)[:31]
    assert names[2:] == ["检查方案2021 第12批", "检查方案2021 第12批(2)", "无标题文件"]
    assert all(len(name) <= 31 for name in names)


# --- to_bytes vs export_rows, empty input, bad input -----------------------------------

@pytest.mark.parametrize("by_unit", [False, True])
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_to_bytes_equals_written_text_files(tmp_path, fmt, by_unit):
    path = export_rows(ROWS, fmt, tmp_path / f"tasks.{fmt}", by_unit=by_unit)
    assert path.read_bytes() == to_bytes(ROWS, fmt, by_unit=by_unit)


@pytest.mark.parametrize("by_unit", [False, True])
def test_to_bytes_equals_written_xlsx_when_read_back(tmp_path, by_unit):
    path = export_rows(ROWS, "xlsx", tmp_path / "out" / "tasks.xlsx", by_unit=by_unit)
    assert read_xlsx(path) == read_xlsx(io.BytesIO(to_bytes(ROWS, "xlsx", by_unit=by_unit)))


@pytest.mark.parametrize("by_unit", [False, True])
def test_empty_input_gives_header_only_files(tmp_path, by_unit):
    xlsx = export_rows([], "xlsx", tmp_path / "e.xlsx", by_unit=by_unit)
    assert read_xlsx(xlsx) == {"汇总": []}
    assert load_workbook(xlsx)["汇总"]["A1"].value == "序号"
    header_only = read_csv(export_rows([], "csv", tmp_path / "e.csv", by_unit=by_unit).read_bytes())
    assert header_only == [["单位", "角色", *TASK_HEADER] if by_unit else TASK_HEADER]
    assert export_rows([], "jsonl", tmp_path / "e.jsonl").read_bytes() == b""


def test_control_characters_are_stripped_and_formula_like_text_stays_text(tmp_path):
    row = make_row(doc_file="x.txt", title="加强\x0b检查", text="=SUM(A1)\x01 要求",
                   lead_units=["市应急局\x1f"])
    path = export_rows([row], "xlsx", tmp_path / "c.xlsx")
    summary = read_xlsx(path)["汇总"][0]
    assert summary["重点任务"] == "加强检查：=SUM(A1) 要求"
    assert summary["牵头单位"] == "市应急局"
    row_only_formula = make_row(text="=1+1")
    cell = load_workbook(io.BytesIO(to_bytes([row_only_formula], "xlsx")))["汇总"]["B2"]
    assert cell.data_type == "s" and cell.value == "=1+1"
    assert "\x01" not in to_bytes([row], "csv").decode("utf-8-sig")


def test_unknown_format_is_refused():
    with pytest.raises(InvalidInput, match="xlsx, csv, jsonl"):
        to_bytes(ROWS, "pdf")
    assert FORMATS == ("xlsx", "csv", "jsonl")

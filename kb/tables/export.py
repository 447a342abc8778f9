"""Export task rows as a 任务分工表 (xlsx, csv) or as raw rows (jsonl).

A *row* is a flat dict with the keys in ``TASK_ROW_KEYS`` (the jsonl line format). The xlsx and
csv layouts are the column tables below; every output is built in memory by ``to_bytes`` so
the file on disk and a Streamlit download are byte-for-byte the same content.

Every output also says each task's deadline status (状态: 已逾期 / 30天内到期 / 未到期 / 无时限,
``kb.tables.tracking``) as it stands on the day of the export: the 状态 column of xlsx and csv,
the ``status`` key after the row keys in jsonl. A file exported last month says last month's status.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ingest.task_confidence import DOUBTFUL_BELOW
from ingest.vocab import (
    BOOL_KEYS,
    INT_KEYS,
    LIST_KEYS,
    NUMBER_KEYS,
    REVIEW_LABELS,
    ROLE_FIELDS,
    ROLE_LABELS,
    ROLE_UNIT_LABELS,
    ROLES,
    TASK_ROW_KEYS,
)
from kb.errors import InvalidInput
from kb.tables.tracking import deadline_status

FORMATS = ("xlsx", "csv", "jsonl")

# (角色 label, row key) in the order roles are listed in the 角色 column
ROLE_KEYS = tuple((ROLE_LABELS[role], ROLE_FIELDS[role]) for role in ROLES)

UNIT_SEP = "、"
METRIC_SEP = "；"
SUMMARY_SHEET = "汇总"


@dataclass(frozen=True)
class Line:
    """One line of an output table: a row, its 序号 on its sheet, on by-unit tables the unit
    (as grouped) and the roles the row gives it, and the day its 状态 is told for."""
    seq: int
    row: dict
    unit: str = ""
    role: str = ""
    today: date = field(default_factory=date.today)


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # Excel character units
    value: Callable[[Line], object]


TABLE_CELL_SEP = " | "


def task_words(row: dict) -> str:
    """A task's words without what the table's other columns already say: a row of a
    任务分工表 keeps its cells side by side in its text (the source as written), and its unit
    and deadline cells are left out here."""
    text = row["text"].strip()
    if row.get("owner_source") != "table" or TABLE_CELL_SEP not in text:
        return text
    owners = {unit for key in ROLE_FIELDS.values() for unit in row[key]}
    kept = [cell for cell in text.split(TABLE_CELL_SEP)
            if cell != row["deadline"].strip() and not set(re.split(r"[、，,；;\s]+", cell)) <= owners]
    return TABLE_CELL_SEP.join(kept) or text


def task_cell(row: dict) -> str:
    """重点任务: "title：text", or the text alone when it already says the title."""
    title = row["title"].strip().rstrip("：:。；;，, ")
    text = task_words(row)
    if not title or text.startswith(title):
        return text
    return f"{title}：{text}" if text else title


def deadline_cell(row: dict) -> str:
    """完成时限 as written, plus the normalised date when it tells the reader something new
    (a relative deadline such as 印发后10日内, or a month without its year)."""
    written, norm = row["deadline"].strip(), row["deadline_norm"].strip()
    if not written or not norm:
        return written or norm
    if row.get("deadline_inferred"):  # the year is the document's: say so
        return f"{written}（{norm}，年份按文件推定）"
    written_numbers = {int(n) for n in re.findall(r"\d+", written)}
    if {int(n) for n in re.findall(r"\d+", norm)} <= written_numbers:
        return written
    return f"{written}（{norm}）"


def confidence_cell(row: dict) -> str:
    """置信度: how sure the owners are, with 存疑 where a person should check them."""
    confidence = row.get("confidence")
    if confidence in ("", None):
        return ""
    return f"{float(confidence):.0%}" + ("（存疑）" if float(confidence) < DOUBTFUL_BELOW else "")


# The last column: which task a row is, for `kb import-corrections` to match an edited table
# back to the store (the document's content hash, then the task's span in its text).
LOCATOR_HEADER = "定位（勿改）"
LOCATOR_ID_CHARS = 12


def locator(row: dict) -> str:
    return f"{row['doc_id'][:LOCATOR_ID_CHARS]}@{row['start']}-{row['end']}" if row.get("doc_id") else ""


def source_cell(row: dict) -> str:
    name = row["doc_title"] or row["doc_file"]
    return f"{name}（{row['doc_number']}）" if row["doc_number"] else name


STATUS_HEADER, STATUS_KEY = "状态", "status"
SEQ_COLUMN = Column("序号", 6, lambda line: line.seq)
UNIT_COLUMN = Column("单位", 24, lambda line: line.unit)
ROLE_COLUMN = Column("角色", 10, lambda line: line.role)

# The 任务分工表: header, width, value.
TASK_COLUMNS = (
    SEQ_COLUMN,
    Column("重点任务", 60, lambda line: task_cell(line.row)),
    *(Column(ROLE_UNIT_LABELS[role], 24, lambda line, key=ROLE_FIELDS[role]: UNIT_SEP.join(line.row[key]))
      for role in ROLES),
    Column("完成时限", 20, lambda line: deadline_cell(line.row)),
    Column(STATUS_HEADER, 12, lambda line: deadline_status(line.row["deadline_norm"], line.today)),
    Column("目标指标", 36, lambda line: METRIC_SEP.join(line.row["metrics"])),
    Column("来源文件", 32, lambda line: source_cell(line.row)),
    Column("条款", 24, lambda line: line.row["section"]),
    Column("置信度", 12, lambda line: confidence_cell(line.row)),
    Column("核对", 10, lambda line: REVIEW_LABELS.get(line.row["review"], line.row["review"])),
    Column("核对人", 12, lambda line: line.row["reviewed_by"]),
    Column("核对时间", 20, lambda line: line.row["reviewed_at"].replace("T", " ").removesuffix("+00:00")),
    Column(LOCATOR_HEADER, 24, lambda line: locator(line.row)),
)
UNIT_SHEET_COLUMNS = (SEQ_COLUMN, ROLE_COLUMN, *TASK_COLUMNS[1:])
UNIT_CSV_COLUMNS = (UNIT_COLUMN, ROLE_COLUMN, *TASK_COLUMNS)


def normalise_row(row: dict) -> dict:
    """Exactly ``TASK_ROW_KEYS`` in order; missing or None values become "" or [] so no output
    ever holds None."""
    return {
        key: [str(v) for v in row.get(key) or [] if v] if key in LIST_KEYS
        else bool(row.get(key)) if key in BOOL_KEYS
        else (round(float(row[key]), 2) if row.get(key) not in ("", None) else "") if key in NUMBER_KEYS
        else int(row.get(key) or 0) if key in INT_KEYS
        else str(row.get(key) or "")
        for key in TASK_ROW_KEYS
    }


def numbered(rows: Iterable[dict], today: date) -> list[Line]:
    return [Line(seq, row, today=today) for seq, row in enumerate(rows, 1)]


def group_by_document(rows: list[dict]) -> dict[str, list[dict]]:
    """Rows per document (keyed by file, which is unique where titles may repeat or be
    missing), documents in order of first appearance."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["doc_file"] or row["doc_title"], []).append(row)
    return groups


def group_by_unit(rows: list[dict], unit_key: Callable[[str], str], today: date) -> list[tuple[str, list[Line]]]:
    """(unit, lines) for every unit named in any role, most tasks first. A row appears once
    per unit even when it names the unit in several roles or under several aliases."""
    roles_by_unit: dict[str, dict[int, list[str]]] = {}
    for index, row in enumerate(rows):
        for role, key in ROLE_KEYS:
            for unit in row[key]:
                grouped = unit_key(unit)
                if not grouped:
                    continue
                roles = roles_by_unit.setdefault(grouped, {}).setdefault(index, [])
                if role not in roles:
                    roles.append(role)
    # sorted() is stable, so units with equal counts keep their order of first appearance
    ordered = sorted(roles_by_unit.items(), key=lambda item: -len(item[1]))
    return [
        (unit, [Line(seq, rows[index], unit, UNIT_SEP.join(roles), today)
                for seq, (index, roles) in enumerate(by_row.items(), 1)])
        for unit, by_row in ordered
    ]


# --- cell values and sheet names -------------------------------------------------------

EXCEL_CELL_MAX_CHARS = 32767  # longer cells make Excel "repair" the workbook
SHEET_NAME_MAX_CHARS = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Excel reserves "History"; 汇总 is ours. Excel compares sheet names case-insensitively.
RESERVED_SHEET_NAMES = frozenset({"history", SUMMARY_SHEET})
# 济南市人民政府办公厅关于印发《…实施方案》的通知 → …实施方案
TITLE_PREAMBLE = re.compile(r"^.*?关于(?:印发|转发)?")
TITLE_ENDING = re.compile(r"的(?:通知|通报|函)$")


def clean_cell(value: object) -> object:
    """openpyxl refuses control characters, which extracted policy text can contain."""
    if value is None:
        return ""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:EXCEL_CELL_MAX_CHARS]
    return value


def short_title(title: str) -> str:
    core = TITLE_ENDING.sub("", TITLE_PREAMBLE.sub("", title)).strip("《》 ")
    return core or title


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A legal, unique sheet name; adds the lower-cased result to ``taken``."""
    base = SHEET_NAME_FORBIDDEN.sub("", ILLEGAL_CHARACTERS_RE.sub("", wanted))
    base = " ".join(base.split()).strip("'")[:SHEET_NAME_MAX_CHARS] or "未命名"
    name, copy = base, 1
    while name.lower() in taken:
        copy += 1
        suffix = f"({copy})"
        name = base[: SHEET_NAME_MAX_CHARS - len(suffix)] + suffix
    taken.add(name.lower())
    return name


def document_sheet_title(row: dict) -> str:
    return short_title(row["doc_title"]) if row["doc_title"] else Path(row["doc_file"]).stem


# --- xlsx ------------------------------------------------------------------------------

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
BODY_ALIGNMENT = Alignment(vertical="top", wrap_text=True)


def write_sheet(ws: Worksheet, columns: tuple[Column, ...], lines: list[Line]) -> None:
    ws.append([column.header for column in columns])
    for line in lines:
        ws.append([clean_cell(column.value(line)) for column in columns])
    style_sheet(ws, columns)


def style_sheet(ws: Worksheet, columns: tuple[Column, ...]) -> None:
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    for cell in ws[1]:
        cell.font, cell.fill, cell.border, cell.alignment = (
            HEADER_FONT, HEADER_FILL, BORDER, HEADER_ALIGNMENT)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.border, cell.alignment = BORDER, BODY_ALIGNMENT
            if cell.data_type == "f":
                cell.data_type = "s"  # text starting with "=" is text here, not a formula
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    # 任务分工表 get printed: repeat the header on every page, landscape for the wide table
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"


def xlsx_bytes(rows: list[dict], by_unit: bool, unit_key: Callable[[str], str], today: date) -> bytes:
    wb = Workbook()
    summary = wb.active
    summary.title = SUMMARY_SHEET
    write_sheet(summary, TASK_COLUMNS, numbered(rows, today))
    taken = set(RESERVED_SHEET_NAMES)
    if by_unit:
        for unit, lines in group_by_unit(rows, unit_key, today):
            write_sheet(wb.create_sheet(sheet_name(unit, taken)), UNIT_SHEET_COLUMNS, lines)
    else:
        for doc_rows in group_by_document(rows).values():
            ws = wb.create_sheet(sheet_name(document_sheet_title(doc_rows[0]), taken))
            write_sheet(ws, TASK_COLUMNS, numbered(doc_rows, today))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_xlsx(source: str | os.PathLike | IO[bytes]) -> dict[str, list[dict]]:
    """Sheet name → rows as dicts keyed by the header row (empty cells read as "")."""
    wb = load_workbook(source, read_only=True)
    try:
        sheets = {}
        for ws in wb.worksheets:
            values = ws.iter_rows(values_only=True)
            header = next(values, ())
            sheets[ws.title] = [
                {key: "" if value is None else value for key, value in zip(header, row)}
                for row in values
            ]
        return sheets
    finally:
        wb.close()


def columns_xlsx(headers: list[str], columns: list[list[str]]) -> bytes:
    """One sheet with a column per header, each filled top down (the app's side-by-side view
    of search hits, one column per document)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "对比"
    ws.append([clean_cell(header) for header in headers])
    for depth in range(max(map(len, columns), default=0)):
        ws.append([clean_cell(cells[depth] if depth < len(cells) else "") for cells in columns])
    style_sheet(ws, tuple(Column(header, 48, str) for header in headers))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- csv and jsonl ---------------------------------------------------------------------

def csv_bytes(rows: list[dict], by_unit: bool, unit_key: Callable[[str], str], today: date) -> bytes:
    if by_unit:
        columns = UNIT_CSV_COLUMNS
        lines = [line for _, unit_lines in group_by_unit(rows, unit_key, today) for line in unit_lines]
    else:
        columns, lines = TASK_COLUMNS, numbered(rows, today)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([column.header for column in columns])
    writer.writerows([clean_cell(column.value(line)) for column in columns] for line in lines)
    # the BOM makes Excel on Chinese Windows read UTF-8 instead of GBK
    return buffer.getvalue().encode("utf-8-sig")


def jsonl_bytes(rows: list[dict], today: date) -> bytes:
    return "".join(json.dumps({**row, STATUS_KEY: deadline_status(row["deadline_norm"], today)}, ensure_ascii=False)
                   + "\n" for row in rows).encode("utf-8")


# --- public entry points ---------------------------------------------------------------

def to_bytes(rows: Iterable[dict], fmt: str, by_unit: bool = False,
             unit_key: Callable[[str], str] | None = None, today: date | None = None) -> bytes:
    """The file content for ``fmt``. ``by_unit`` groups xlsx sheets / csv lines by unit
    (``unit_key`` maps a unit as written to the name to group by); jsonl is always the
    plain rows. 状态 / ``status`` is each deadline's status on ``today`` (the export date
    when not given)."""
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    rows = [normalise_row(row) for row in rows]
    unit_key = unit_key or (lambda unit: unit)
    today = today or date.today()
    if fmt == "xlsx":
        return xlsx_bytes(rows, by_unit, unit_key, today)
    if fmt == "csv":
        return csv_bytes(rows, by_unit, unit_key, today)
    return jsonl_bytes(rows, today)


def export_rows(rows: Iterable[dict], fmt: str, path: str | os.PathLike, by_unit: bool = False,
                unit_key: Callable[[str], str] | None = None) -> Path:
    """Write ``to_bytes(...)`` to ``path`` (parent folders created) and return the path."""
    content = to_bytes(rows, fmt, by_unit=by_unit, unit_key=unit_key)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path

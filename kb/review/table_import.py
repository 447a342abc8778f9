"""Corrections from an edited 任务分工表: `kb export` → edit in Excel or WPS → `kb import-corrections`.

Each row names its task in the 定位（勿改） column (the document's content hash, then the
task's span in its text: ``locator`` in ``kb.tables.export``). A row's editable cells are
compared with what the export writes for that task now; the cells a person changed become one
change per task (``kb.review.changes``: Edit, Confirm for 已核对, Hide for 非任务). What cannot be
applied is refused with a reason per row, never skipped silently. ``plan_corrections`` writes
nothing (the dry run); ``apply_plan`` makes the changes through ``KnowledgeBase.correct``.

Which columns are read: 牵头/配合/责任单位, 完成时限, 目标指标 and 核对. 重点任务 is compared but
not applied (a task's words are its span in the text: split, merge or add instead). The rest
(来源文件, 条款, 置信度, 核对人, 核对时间, and a by-unit table's 单位/角色) says what the other
columns or the store already say and is not read: a csv saved by Excel re-types dates there.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ingest.dates import normalize_deadline
from ingest.units import split_units
from ingest.vocab import REVIEW_LABELS, ROLE_FIELDS, ROLE_UNIT_LABELS, ROLES
from kb.accounts.roles import Actor
from kb.errors import InvalidInput
from kb.review.changes import DEADLINE_NORM, METRIC_SEPARATORS, Change, Confirm, Edit, Hide
from kb.store.interface import Store

# The export's headers this reads (kb.tables.export.TASK_COLUMNS writes them; the review concern
# does not import the tables one, and the round-trip tests hold the two together).
LOCATOR_HEADER = "定位（勿改）"
SEQ_HEADER = "序号"
TASK_HEADER = "重点任务"
DEADLINE_HEADER = "完成时限"
METRICS_HEADER = "目标指标"
REVIEW_HEADER = "核对"
REVIEWED_AT_HEADER = "核对时间"
SUMMARY_SHEET = "汇总"
UNIT_HEADERS = {ROLE_UNIT_LABELS[role]: ROLE_FIELDS[role] for role in ROLES}
BY_UNIT_HEADERS = ("单位", "角色")
COMPARED = (TASK_HEADER, *UNIT_HEADERS, DEADLINE_HEADER, METRICS_HEADER, REVIEW_HEADER)
CONFIRMED = REVIEW_LABELS["confirmed"]  # 已核对
NOT_A_TASK = "非任务"
LOCATOR = re.compile(r"^([0-9a-f]{6,64})@(\d+)-(\d+)$")
STAMP = re.compile(r"(\d{4})\D(\d{1,2})\D(\d{1,2})\D+(\d{1,2}):(\d{2})")  # 核对时间, to the minute
# 完成时限 as the export writes it: as written, then the normalised date when it adds something
DEADLINE_CELL = re.compile(r"^(?P<written>.*?)\s*[（(](?P<norm>\d{4}(?:-\d{2}){0,2})(?:[，,]年份按文件推定)?[）)]$",
                           re.S)

Cells = Callable[[dict], dict]  # a task row → {header: value} as the export writes its line


@dataclass(frozen=True)
class Planned:
    """One change for one task, the cells it comes from as (header, old, new), and where the
    person made it ("sheet / 序号 n"; the document's own sheet before 汇总)."""
    task_id: int
    change: Change
    cells_changed: list[tuple[str, str, str]]
    place: str


@dataclass
class Plan:
    """What importing an edited table would do: changes, rows refused as (sheet, row number as
    the spreadsheet shows it, reason), and notes on the file as a whole."""
    planned: list[Planned] = field(default_factory=list)
    refused: list[tuple[str, int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"changes": [{"task_id": p.task_id, "action": p.change.action, "place": p.place,
                             "cells": [{"column": h, "old": old, "new": new} for h, old, new in p.cells_changed]}
                            for p in self.planned],
                "refused": [{"sheet": sheet, "row": row, "reason": reason} for sheet, row, reason in self.refused],
                "notes": self.notes}


@dataclass(frozen=True)
class Sheet:
    name: str
    header: list[str]
    rows: list[tuple[int, dict]]  # (row number, header → cell as read)


@dataclass
class _Proposal:
    """A row's changes before the rows of one task on several sheets are put together."""
    kind: str  # edit | confirm | hide
    values: dict
    cells: list[tuple[str, str, str]]
    sheet: str
    number: int
    place: str


def cell_text(value) -> str:
    """A cell as the text it shows, so what Excel or WPS re-typed on saving reads as exported:
    2027 typed as a number, a date cell, an empty cell as None, trailing spaces, CR line ends."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _squeezed(text: str) -> str:
    """Line breaks and spaces a spreadsheet adds or drops when a cell wraps are no change."""
    return re.sub(r"\s+", "", text)


def deadline_values(written: str, norm: str | None = None, issued: str = "") -> dict:
    """A deadline as the store keeps it: ``norm`` as given, else read from the words (with the
    document's date ``issued`` for relative ones); "" when they name no date."""
    written = written.strip()
    if norm is None:
        norm = normalize_deadline(written, issued) if written else ""
    return {"deadline": written, "deadline_norm": norm.strip()}


def parse_deadline(cell: str, issued: str) -> dict:
    """完成时限 back into (deadline, deadline_norm): "2027年6月底前（2027-06）" as the export
    writes it, a bare "2027-06", or words whose date is read as extraction reads it."""
    m = DEADLINE_CELL.match(cell)
    if m:
        return deadline_values(m["written"], m["norm"])
    if DEADLINE_NORM.match(cell):
        return deadline_values(cell, cell)
    return deadline_values(cell, None, issued)


def _stamp(value) -> tuple | str:
    """核对时间 to the minute, however a spreadsheet re-typed it (2026/12/6 10:00 in a csv Excel saved)."""
    text = cell_text(value)
    m = STAMP.search(text)
    return tuple(int(part) for part in m.groups()) if m else _squeezed(text)


# --- reading the file --------------------------------------------------------------------------
def read_sheets(path: str | Path) -> list[Sheet]:
    """Every sheet of an xlsx (or the one table of a csv), rows keyed by the header row."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [_sheet(path.name, csv.reader(io.StringIO(_csv_text(path.read_bytes()), newline="")))]
    if suffix not in (".xlsx", ".xlsm"):
        raise InvalidInput(f"只能导入 xlsx 或 csv 表格（WPS 的 et、旧版 xls 请另存为 xlsx），收到 {path.name} "
                           "(import an xlsx or csv table)")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)  # data_only: a formula reads as its value
    except (InvalidFileException, zipfile.BadZipFile, KeyError) as exc:
        raise InvalidInput(f"读不了 {path.name}：不是有效的 xlsx 文件（{exc}） (not a readable xlsx)") from exc
    try:
        return [_sheet(ws.title, ws.iter_rows(values_only=True)) for ws in wb.worksheets]
    finally:
        wb.close()


def _csv_text(data: bytes) -> str:
    """Our csv is UTF-8 with a BOM; Excel and WPS on Chinese Windows save csv as GBK."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _sheet(name: str, lines) -> Sheet:
    header: list[str] = []
    rows = []
    for number, values in enumerate(lines, 1):
        if number == 1:
            header = [cell_text(value) for value in values]
        elif any(cell_text(value) for value in values):
            rows.append((number, {key: value for key, value in zip(header, values) if key}))
    return Sheet(name, header, rows)


# --- the plan ---------------------------------------------------------------------------------
def plan_corrections(store: Store, path: str | Path, exported: Cells) -> Plan:
    """The changes an edited 任务分工表 asks for, compared with the tasks as they are now.
    ``exported``: the export's cells of a task row (kb.tables.export; passed in by the caller)."""
    sheets = read_sheets(path)
    usable = [sheet for sheet in sheets if LOCATOR_HEADER in sheet.header]
    if not usable:
        raise InvalidInput(f"{Path(path).name} 里没有“{LOCATOR_HEADER}”列：只能导入 kb export 导出的任务分工表，"
                           f"修改时不要删除或改动这一列 (no “{LOCATOR_HEADER}” column: import a table from kb export)")
    plan = Plan()
    for sheet in sheets:
        if sheet not in usable:
            plan.refused.append((sheet.name, 1, f"这张表没有“{LOCATOR_HEADER}”列，未导入 (no locator column)"))
    if any(header in sheet.header for sheet in usable for header in BY_UNIT_HEADERS):
        plan.notes.append("按单位导出的表：“单位”“角色”两列由牵头/配合/责任单位列得出，不导入，请改这三列 "
                          "(by-unit table: the 单位/角色 columns are not read; edit the unit columns)")
    current = _Current(store)
    proposals: dict[int, _Proposal] = {}
    conflicted: dict[int, str] = {}
    for sheet in usable:
        for number, cells in sheet.rows:
            place = f"{sheet.name} / {SEQ_HEADER} {cell_text(cells.get(SEQ_HEADER)) or number}"
            outcome = _row(current, cells, exported)
            if isinstance(outcome, str):
                plan.refused.append((sheet.name, number, outcome))
                continue
            if outcome is None:
                continue
            task_id, proposal = outcome[0], _Proposal(*outcome[1:], sheet.name, number, place)
            if task_id in conflicted:
                plan.refused.append((sheet.name, number, conflicted[task_id]))
            elif task_id not in proposals:
                proposals[task_id] = proposal
            elif (merged := _merged(proposals[task_id], proposal)) is not None:
                proposals[task_id] = merged
            else:
                first = proposals.pop(task_id)
                conflicted[task_id] = (f"同一任务在 {first.place} 和 {place} 改得不一样，未导入：请只在一处修改 "
                                       "(conflicting edits of one task on two sheets)")
                plan.refused += [(first.sheet, first.number, conflicted[task_id]),
                                 (sheet.name, number, conflicted[task_id])]
    plan.planned = [Planned(task_id, _change(task_id, p), p.cells, p.place) for task_id, p in proposals.items()]
    order = {sheet.name: index for index, sheet in enumerate(sheets)}
    plan.refused.sort(key=lambda refusal: (order[refusal[0]], refusal[1]))  # as the person reads the file
    return plan


class _Current:
    """The tasks as they are now, by locator, one document read at a time."""

    def __init__(self, store: Store):
        self.store = store
        self.doc_ids = [row["doc_id"] for row in store.document_rows()]
        self.docs: dict[str, tuple[dict, set]] = {}

    def find(self, locator: str) -> tuple[int, dict] | None | str:
        """(task id, row); None for a task a person marked 非任务; or why there is no task."""
        m = LOCATOR.match(locator)
        if m is None:
            return f"“{LOCATOR_HEADER}”的内容“{locator}”不是导出时写的样子，这一列请勿修改 (malformed locator)"
        matches = [doc_id for doc_id in self.doc_ids if doc_id.startswith(m[1])]
        if len(matches) == 1:
            tasks, hidden = self._doc(matches[0])
            span = (int(m[2]), int(m[3]))
            if span in tasks:
                return tasks[span]
            # hidden by a person (非任务), not replaced by a split or a merge: no task is there now
            if span in hidden and not any(start < span[1] and span[0] < end for start, end in tasks):
                return None
        return f"找不到定位 {locator} 对应的任务（文件已删除或任务已被拆分/合并） (no task at this locator)"

    def _doc(self, doc_id: str) -> tuple[dict, set]:
        if doc_id not in self.docs:
            # the two reads list the same tasks in the same order (the caller holds the KB's lock)
            pairs = zip(self.store.tasks(doc=doc_id), self.store.task_rows(doc=doc_id))
            self.docs[doc_id] = ({(row["start"], row["end"]): (stored.id, row) for stored, row in pairs},
                                 {(r.start, r.end) for r in self.store.reviews(doc_id) if r.status == "hidden"})
        return self.docs[doc_id]


def _row(current: _Current, cells: dict, exported: Cells) -> tuple | str | None:
    """(task id, kind, values, cells changed) for a row a person changed; None for one they did
    not; else the reason it cannot be used."""
    locator = cell_text(cells.get(LOCATOR_HEADER))
    if not locator:
        return ("这一行没有定位：表格里新加的行不能导入，漏掉的任务请在应用的文档视图里选中原文补充，"
                "或用 kb task add (a row without a locator: add a missed task in the app or with kb task add)")
    found = current.find(locator)
    if isinstance(found, str):
        return found
    if found is None:
        if cell_text(cells.get(REVIEW_HEADER)) == NOT_A_TASK:
            return None  # hidden already (the same file imported again)
        return (f"定位 {locator} 的任务已标为非任务：要恢复请用 kb task reviews 查编号后 kb task restore "
                "(the task was marked not-a-task; restore it first)")
    task_id, row = found
    before = exported(row)
    changed = [(header, cell_text(before[header]), cell_text(cells[header])) for header in COMPARED
               if header in cells and _squeezed(cell_text(before[header])) != _squeezed(cell_text(cells[header]))]
    if any(header == TASK_HEADER for header, _, _ in changed):
        return ("“重点任务”的文字改了：导入不改任务文字（任务文字是原文里的一段）；要拆分、合并或补充任务，"
                "请在应用里操作，或用 kb task split / merge / add (task text is not imported: split, merge or add)")
    values, kept = {}, []
    review = None
    for header, old, new in changed:
        if header == REVIEW_HEADER:
            if new in REVIEW_LABELS.values() and new != CONFIRMED:
                continue  # a status as an export writes it (an older file imported again): nothing asked
            if new not in (CONFIRMED, NOT_A_TASK):
                return f"“核对”列只能填 {CONFIRMED} 或 {NOT_A_TASK}，收到“{new}” (核对 takes 已核对 or 非任务)"
            review = new
        elif header in UNIT_HEADERS:
            units = split_units(new)
            if units == row[UNIT_HEADERS[header]]:
                continue  # other separators, same units
            values[UNIT_HEADERS[header]] = units
        elif header == METRICS_HEADER:
            metrics = [m.strip() for m in METRIC_SEPARATORS.split(new) if m.strip()]
            if metrics == row["metrics"]:
                continue
            values["metrics"] = metrics
        else:
            deadline = parse_deadline(new, row["doc_date"])
            if deadline == {"deadline": row["deadline"], "deadline_norm": row["deadline_norm"]}:
                continue
            values.update(deadline)
        kept.append((header, old, new))
    # a row of a table exported before someone else corrected the task would undo that correction
    if kept and _stamp(cells.get(REVIEWED_AT_HEADER)) != _stamp(before[REVIEWED_AT_HEADER]):
        return (f"这项任务在表格导出之后被 {row['reviewed_by'] or '他人'} 改过（{before[REVIEWED_AT_HEADER]}），"
                "表里是旧内容，导入会冲掉那次修改：请重新导出后再改 (the task was corrected after this export)")
    if review == NOT_A_TASK:
        if values:
            return (f"这一行标了{NOT_A_TASK}又改了单元格：请只做其中一项 "
                    "(marked not-a-task and edited: do one of the two)")
        return task_id, "hide", {}, kept
    if values:
        return task_id, "edit", values, kept
    return (task_id, "confirm", {}, kept) if review == CONFIRMED else None


def _merged(a: _Proposal, b: _Proposal) -> _Proposal | None:
    """One task's changes from two rows (汇总 and its document's sheet): the same or compatible
    changes make one; None when they contradict each other."""
    if "hide" in (a.kind, b.kind):
        return a if a.kind == b.kind else None
    if any(a.values[key] != b.values[key] for key in a.values.keys() & b.values.keys()):
        return None
    headers = {header for header, _, _ in a.cells}
    shown = b if a.sheet == SUMMARY_SHEET and b.sheet != SUMMARY_SHEET else a  # its document's sheet first
    return _Proposal("edit" if "edit" in (a.kind, b.kind) else "confirm", {**a.values, **b.values},
                     a.cells + [cell for cell in b.cells if cell[0] not in headers], shown.sheet, shown.number,
                     shown.place)


def _change(task_id: int, proposal: _Proposal) -> Change:
    if proposal.kind == "edit":
        return Edit(task_id, proposal.values)
    return Hide(task_id) if proposal.kind == "hide" else Confirm(task_id)


# --- applying it ------------------------------------------------------------------------------
def apply_plan(kb, plan: Plan, actor: Actor) -> dict:
    """Make each planned change through ``kb.correct`` (the role check, the audit trail, the
    re-index), one task at a time. A change the store refuses (a bad date…) is reported and the
    others go on. {"applied": {action: n}, "failed": [{"place", "reason"}]}."""
    applied: Counter = Counter()
    failed = []
    for planned in plan.planned:
        try:
            kb.correct(planned.change, actor)
        except InvalidInput as exc:
            failed.append({"place": planned.place, "reason": str(exc)})
        else:
            applied[planned.change.action] += 1
    return {"applied": dict(applied), "failed": failed}

"""Tracking tasks by their deadlines and owners: a deadline's status on a given day, the
tasks a unit (or a family of units) holds by role, deadlines per month, and the filters the
task table offers. Plain functions over task rows (``kb.tables.export``'s row dicts); no Streamlit.

Owners that name no particular body (各有关部门, 有关成员单位, 各镇街: ``is_placeholder``) stay in
the rows as written but are never counted as units.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date

import pandas as pd

from ingest.units import canonical, family, is_placeholder, parse_unit, query_keys
from ingest.vocab import ROLE_FIELDS, ROLE_LABELS, ROLES

# A deadline's status on a given day, in the order the filter lists them.
OVERDUE, DUE_SOON, NOT_DUE, NO_DEADLINE = "已逾期", "30天内到期", "未到期", "无时限"
STATUSES = (OVERDUE, DUE_SOON, NOT_DUE, NO_DEADLINE)
DUE_SOON_DAYS = 30
# deadline_norm: "2021", "2021-06" or "2021-06-30"
DEADLINE_NORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def deadline_date(deadline_norm: str) -> date | None:
    """The last day a deadline allows: "2021" is 2021-12-31, "2021-06" is 2021-06-30."""
    m = DEADLINE_NORM.match(deadline_norm or "")
    if not m:
        return None
    year, month = int(m[1]), int(m[2] or 12)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(int(m[3]), last) if m[3] else last)


def deadline_status(deadline_norm: str, today: date) -> str:
    due = deadline_date(deadline_norm)
    if due is None:
        return NO_DEADLINE
    if due < today:
        return OVERDUE
    return DUE_SOON if (due - today).days <= DUE_SOON_DAYS else NOT_DUE


def has_owner(row: dict) -> bool:
    """A lead or responsible unit that names a body (not 各有关部门 alone)."""
    return any(not is_placeholder(unit) for key in (ROLE_FIELDS["lead"], ROLE_FIELDS["responsible"])
               for unit in row[key])


def work_order(rows: Sequence[dict]) -> list[int]:
    """Indexes of ``rows`` in the order a day's work takes them: tasks that name an owner and a
    deadline first, then an owner only, then a deadline only, then neither (blank owners and
    无时限 last, where they are looked at when the rest is done); the given order within each."""
    return sorted(range(len(rows)), key=lambda i: (not has_owner(rows[i]),
                                                   deadline_date(rows[i]["deadline_norm"]) is None))


def filter_rows(rows: Iterable[dict], today: date, statuses: Sequence[str] = (),
                owned_only: bool = False) -> list[dict]:
    """Rows whose deadline status is one of ``statuses`` (all when empty) and, with
    ``owned_only``, that name a lead or responsible unit."""
    return [row for row in rows
            if (not statuses or deadline_status(row["deadline_norm"], today) in statuses)
            and (not owned_only or has_owner(row))]


def unit_matcher(query: str | None) -> Callable[[str], bool]:
    """Whether a unit as written is the unit asked for, the way the task filter matches it:
    aliases and level-free families (应急局 is 市应急局 and 县应急管理局), else part of the
    name. Placeholders never match; no query matches every other unit."""
    if not query:
        return lambda unit: not is_placeholder(unit)
    keys = {key for key in query_keys(query) if key}
    by_part = not parse_unit(query)[1]  # not in the alias table: part of the name as written

    def matches(unit: str) -> bool:
        if is_placeholder(unit):
            return False
        return canonical(unit) in keys or family(unit) in keys or (by_part and query.strip() in unit)
    return matches


def unit_role_counts(rows: Iterable[dict], query: str | None = None) -> pd.DataFrame:
    """Tasks per unit and role (单位, 角色, 任务数): the units of the family asked for, or
    every unit when none is, aliases merged; units with most tasks first."""
    matches = unit_matcher(query)
    counts: Counter[tuple[str, str]] = Counter()
    for row in rows:
        counts.update({(canonical(unit), ROLE_LABELS[role]) for role in ROLES
                       for unit in row[ROLE_FIELDS[role]] if matches(unit)})
    frame = pd.DataFrame([(unit, role, n) for (unit, role), n in counts.items()],
                         columns=["单位", "角色", "任务数"])
    totals = frame.groupby("单位")["任务数"].sum().sort_values(ascending=False, kind="stable")
    order = {unit: rank for rank, unit in enumerate(totals.index)}
    return frame.sort_values("单位", key=lambda units: units.map(order), kind="stable").reset_index(drop=True)


def deadline_months(rows: Iterable[dict], today: date) -> pd.DataFrame:
    """Tasks per deadline month (月份 "YYYY-MM", 任务数, 状态 已逾期 or 未到期), every month
    from the first deadline to the last so the chart reads as a timeline. A bare year counts
    in its December: a deadline of "2025" means "by the end of 2025"."""
    counts: Counter[str] = Counter()
    for row in rows:
        due = deadline_date(row["deadline_norm"])
        if due:
            counts[f"{due:%Y-%m}"] += 1
    if not counts:
        return pd.DataFrame({"月份": [], "任务数": [], "状态": []})
    months = pd.period_range(min(counts), max(counts), freq="M")
    overdue = [period.end_time.date() < today for period in months]
    labels = months.strftime("%Y-%m")
    return pd.DataFrame({"月份": labels, "任务数": [counts.get(month, 0) for month in labels],
                         "状态": [OVERDUE if late else NOT_DUE for late in overdue]})

"""Task filters as SQL: the document, a unit (aliases and level-free families), its role, a
deadline range, a keyword and "doubtful only" become WHERE clauses over ``tasks t`` and
``task_units``.

The values are the user's words: anything malformed is an ``InvalidInput`` that says how to
write it. Every value is a bound parameter; only the constants below are SQL text.
"""
from __future__ import annotations

import datetime
import re

from ingest.task_confidence import DOUBTFUL_BELOW
from ingest.units import parse_unit, query_keys
from ingest.vocab import ROLE_NAMES
from kb.errors import InvalidInput

DATE_BOUND = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
# A deadline "2021" means "by the end of 2021": compare every deadline by its last day.
# Lexical order works because days are zero-padded and "-31" is at least every month end.
DEADLINE_END_SQL = """CASE length(t.deadline_norm)
    WHEN 4 THEN t.deadline_norm || '-12-31'
    WHEN 7 THEN t.deadline_norm || '-31'
    ELSE t.deadline_norm END"""
HAS_DEADLINE_SQL = "t.deadline_norm GLOB '[0-9][0-9][0-9][0-9]*'"


def task_where(doc_id: str | None, unit: str | None, role: str | None, due_before: str | None,
               due_after: str | None, keyword: str | None, doubtful: bool = False) -> tuple[list[str], list]:
    """(WHERE clauses to AND together, their parameters)."""
    where: list[str] = []
    params: list = []
    if doubtful:  # what a person should look at: unsure and unreviewed, or a review gone stale
        where.append("((t.confidence < ? AND t.review = '') OR t.review = 'stale')")
        params.append(DOUBTFUL_BELOW)
    if doc_id:
        where.append("t.doc_id = ?")
        params.append(doc_id)
    if unit or role:
        owner_sql, owner_params = _owner_filter(unit, role)
        where.append(f"t.id IN (SELECT task_id FROM task_units WHERE {owner_sql})")
        params += owner_params
    if due_before or due_after:
        where.append(HAS_DEADLINE_SQL)
    if due_before:
        where.append(f"{DEADLINE_END_SQL} <= ?")
        params.append(_date_bound(due_before, end=True))
    if due_after:
        where.append(f"{DEADLINE_END_SQL} >= ?")
        params.append(_date_bound(due_after, end=False))
    if keyword:
        # instr, not LIKE: the keyword is matched literally.
        where.append("(instr(t.title, ?) > 0 OR instr(t.text, ?) > 0 OR instr(t.section, ?) > 0)")
        params += [keyword] * 3
    return where, params


def _owner_filter(unit: str | None, role: str | None) -> tuple[str, list]:
    clauses, params = [], []
    if unit:
        keys = sorted(k for k in query_keys(unit) if k)
        marks = ", ".join("?" for _ in keys)
        match = [f"canonical IN ({marks}) OR family IN ({marks})"] if keys else []
        params += keys * 2
        if not parse_unit(unit)[1]:  # not in the alias table: a part of the name as written
            match.append("instr(unit, ?) > 0")
            params.append(unit.strip())
        clauses.append(f"({' OR '.join(match)})" if match else "1 = 0")
    if role:
        if role not in ROLE_NAMES:
            raise InvalidInput(f"unknown role {role!r}; use one of lead, co, responsible (牵头, 配合, 负责)")
        clauses.append("role = ?")
        params.append(ROLE_NAMES[role])
    return " AND ".join(clauses), params


def _date_bound(value: str, end: bool) -> str:
    """Bound for comparing with deadline ends: 2021-6 gives 2021-06-31 as an upper bound
    and 2021-06-01 as a lower one."""
    m = DATE_BOUND.match(value.strip())
    try:  # a day on the calendar: 2021-02-30 is refused like 2021-12-32
        if not m:
            raise ValueError(value)
        datetime.date(*(int(part or 1) for part in m.groups()))
    except ValueError:
        raise InvalidInput(f"时限请写成日历上的年份、年月或日期，例如 2021、2021-06 或 2021-06-30，收到的是“{value}” "
                           f"(bad date {value!r}; use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    year, month, day = m.groups()
    month = f"{int(month):02d}" if month else ("12" if end else "01")
    day = f"{int(day):02d}" if day else ("31" if end else "01")
    return f"{year}-{month}-{day}"

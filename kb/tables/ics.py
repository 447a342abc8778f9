"""Task deadlines as an iCalendar file (RFC 5545) for Outlook, WPS and phone calendars: one
all-day event per task on the last day its deadline allows, titled with the task, its owners
and source in the description.

Written here rather than with a library: the format needs a dozen lines (escaping, folding at
75 octets, CRLF) and the app then needs no dependency for it; tests read the file back with
the ``icalendar`` package.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

from ingest.vocab import ROLE_FIELDS, ROLE_UNIT_LABELS, ROLES
from kb.tables.export import deadline_cell, normalise_row, source_cell, task_cell
from kb.tables.tracking import deadline_date

PRODUCT = "-//policykb//任务时限//ZH"
CALENDAR_NAME = "任务完成时限"
SUMMARY_MAX_CHARS = 60
LINE_MAX_OCTETS = 75


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped, line breaks as \\n."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on lines starting with a space, never inside a
    UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_MAX_OCTETS - (1 if parts else 0):
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def event_lines(row: dict, stamp: str) -> list[str]:
    due = deadline_date(row["deadline_norm"])
    task = task_cell(row)
    title = " ".join((row["title"].strip() or row["text"].strip()).split())
    summary = title if len(title) <= SUMMARY_MAX_CHARS else title[: SUMMARY_MAX_CHARS - 1] + "…"
    owners = [f"{ROLE_UNIT_LABELS[role]}：{'、'.join(row[ROLE_FIELDS[role]])}" for role in ROLES
              if row[ROLE_FIELDS[role]]]
    description = "\n".join([task, *owners, f"完成时限：{deadline_cell(row)}",
                             f"来源：{source_cell(row)} {row['section']}".rstrip()])
    uid = hashlib.sha1(f"{row['doc_file']}|{row['section']}|{row['text']}".encode()).hexdigest()[:20]
    return ["BEGIN:VEVENT", f"UID:{uid}@policykb", f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{due:%Y%m%d}", f"DTEND;VALUE=DATE:{due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(summary)}", f"DESCRIPTION:{escape(description)}",
            "TRANSP:TRANSPARENT", "END:VEVENT"]


def ics_bytes(rows: Iterable[dict], now: datetime | None = None) -> bytes:
    """The calendar of every row that has a deadline (rows without one are left out)."""
    stamp = f"{(now or datetime.now(timezone.utc)).astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{CALENDAR_NAME}"]
    for row in map(normalise_row, rows):
        if deadline_date(row["deadline_norm"]):
            lines += event_lines(row, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")

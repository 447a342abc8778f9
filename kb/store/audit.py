"""The audit trail's rows: appended, read and filtered; never updated or deleted (there is no
method for it, and kb has no other SQL on the table)."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone


def utc_stamp(moment: datetime | None = None) -> str:
    """A moment (default: now) in UTC to the second, the one form every time in the store takes,
    so times compare as text."""
    return (moment or datetime.now(timezone.utc)).isoformat(timespec="seconds")


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: str  # UTC, ISO 8601 to the second
    who: str
    action: str  # import | remove | correct | login | login_failed | account | reindex …
    target: str  # what it was done to: a file, a doc_id, a task span, an account
    before: str  # JSON or text: the state before (empty when nothing was there)
    after: str

    def to_dict(self) -> dict:
        return asdict(self)


def as_text(value) -> str:
    """A before/after value as stored: text as is, anything else as JSON."""
    if value is None or value == "":
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


class AuditRows:
    """The store's audit methods (a part of ``Store``)."""

    def _append_audit(self, who: str, action: str, target: str = "", before=None, after=None) -> None:
        """Inside the caller's write transaction: the record commits with what it records."""
        self.conn.execute("INSERT INTO audit(at, who, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)",
                          (utc_stamp(), who, action, target,
                           as_text(before), as_text(after)))

    def append_audit(self, who: str, action: str, target: str = "", before=None, after=None) -> None:
        with self._write():
            self._append_audit(who, action, target, before, after)

    def audit_rows(self, who: str | None = None, action: str | None = None, since: str | None = None,
                   until: str | None = None, text: str | None = None, limit: int | None = None) -> list[AuditRow]:
        """Newest first. ``since`` / ``until``: ISO dates or times (inclusive, by prefix);
        ``action``: an action, with its kinds (``correct`` finds ``correct:edit``); ``text``: a
        substring of the target, before or after."""
        where, params = [], []
        if who:
            where.append("who = ?")
            params.append(who)
        if action:  # "correct" also finds its kinds, "correct:edit", "correct:split"…
            where.append("(action = ? OR substr(action, 1, ?) = ?)")
            params += [action, len(action) + 1, action + ":"]
        if since:
            where.append("at >= ?")
            params.append(since)
        if until:
            where.append("substr(at, 1, ?) <= ?")
            params += [len(until), until]
        if text:
            where.append("(instr(target, ?) > 0 OR instr(before, ?) > 0 OR instr(after, ?) > 0)")
            params += [text] * 3
        sql = "SELECT * FROM audit" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [AuditRow(*(row[name] for name in ("id", "at", "who", "action", "target", "before", "after")))
                for row in self.conn.execute(sql, params).fetchall()]

"""Reading the audit trail: for admins only (checked here, whatever the app shows), and as a
csv Excel and WPS open as they are. Nothing here, or anywhere in kb, changes a record."""
from __future__ import annotations

import csv
import io

from kb.accounts.roles import Actor, require
from kb.store.audit import AuditRow

# the csv's columns: AuditRow field → heading
CSV_COLUMNS = {"at": "时间", "who": "操作人", "action": "操作", "target": "对象", "before": "修改前", "after": "修改后"}
ACTION_LABELS = {"import": "导入", "remove": "删除", "correct": "核对修改", "reindex": "重建索引", "sync": "补齐索引",
                 "login": "登录", "login_failed": "登录失败", "account": "账号变更"}
# A cell starting with one of these is a formula to Excel and WPS: a name typed at the login
# form ("=HYPERLINK(…)") must stay text when an admin opens the csv.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def audit_rows(store, actor: Actor, **filters) -> list[AuditRow]:
    """The trail newest first; ``filters`` as ``Store.audit_rows`` takes them (who, action,
    since, until, text, limit)."""
    require(actor, "audit")
    return store.audit_rows(**filters)


def action_label(action: str) -> str:
    """In Chinese; a kind of an action (correct:split) keeps its kind: 核对修改·split."""
    base, _, kind = action.partition(":")
    return ACTION_LABELS.get(base, base) + (f"·{kind}" if kind else "")


def audit_csv(rows: list[AuditRow]) -> bytes:
    """UTF-8 with a BOM (without it Excel reads the Chinese as another encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS.values())
    for row in rows:
        values = {**row.to_dict(), "action": action_label(row.action)}
        writer.writerow(_as_text(str(values[key])) for key in CSV_COLUMNS)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _as_text(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell

"""The default store: one SQLite file in the KB home (WAL, so readers never block)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from kb.store.interface import Store
from kb.store.lock import WriteLock
from kb.store.schema import create_or_upgrade

BUSY_TIMEOUT_S = 30.0  # a second write transaction waits this long for the first


class SqliteStore(Store):
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.where = str(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so nothing commits behind our back.
        # check_same_thread=False: the app shares one KnowledgeBase across Streamlit's script
        # threads; KnowledgeBase serialises access with its own lock.
        self.conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                    check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        create_or_upgrade(self)

    def _table_exists(self, name: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                 (name,)).fetchone() is not None

    def _columns(self, table: str) -> set[str]:
        return {row["name"] for row in self.conn.execute(f"PRAGMA table_info({table})")}

    def _run_script(self, script: str) -> None:
        self.conn.executescript(script)

    def _insert_row(self, sql: str, values: list) -> int:
        return self.conn.execute(sql, values).lastrowid

    def change_marker(self) -> tuple[int, int]:
        # data_version: commits by other connections (SQLite's own counter, no I/O);
        # total_changes: this connection's own
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes

    def write_lock(self, home, timeout_s: float) -> WriteLock:
        return WriteLock(home, timeout_s)

"""The default store: one SQLite file in the KB home (WAL, so readers never block)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from kb.store.interface import Store
from kb.store.lock import WriteLock
from kb.store.schema import create_or_upgrade, is_current

BUSY_TIMEOUT_S = 30.0  # a second write transaction waits this long for the first


class SqliteStore(Store):
    def __init__(self, path: str | Path, read_only: bool = False, reader_process: bool = False):
        """``read_only``: a reader's connection (SQLite's mode=ro). It never writes the KB
        folder: a read-write connection that closes last copies the log (kb.sqlite-wal) back
        into kb.sqlite, and after a killed writer it would be a reader's search that did. Only
        a KB without a store, or with an older schema, is first created or upgraded read-write.
        ``reader_process``: nothing in this process writes the KB (``kb search``, ``kb ask``…):
        the log's shared-memory index is only read too (see ``_connect``)."""
        self.path = Path(path)
        self.reader_process = reader_process
        self.where = str(self.path)
        if read_only:
            if not self.path.exists():
                SqliteStore(self.path).close()
            self.conn = self._connect(read_only=True)
            if not is_current(self):
                self.conn.close()
                SqliteStore(self.path).close()
                self.conn = self._connect(read_only=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = self._connect(read_only=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        create_or_upgrade(self)

    def _connect(self, read_only: bool) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so nothing commits behind our back.
        # check_same_thread=False: the app shares one KnowledgeBase across Streamlit's script
        # threads; KnowledgeBase serialises access with its own lock.
        # readonly_shm: the log's shared-memory index is only read too. After a killed writer a
        # reader then rebuilds that index in its own memory, not in kb.sqlite-shm: the folder
        # stays byte for byte as the writer left it. SQLite can only do so when the file is
        # there (it is whenever a log is: a writer makes both and removes both on close), and
        # only in a process that never writes: SQLite shares one mapping of that index among a
        # process's connections, and a read-only mapping would refuse its writer's commits.
        shm = self.path.with_name(self.path.name + "-shm")
        readonly_shm = read_only and self.reader_process and shm.exists()
        target = (f"{self.path.resolve().as_uri()}?mode=ro" + ("&readonly_shm=1" if readonly_shm else "")
                  if read_only else str(self.path))
        conn = sqlite3.connect(target, uri=read_only, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

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

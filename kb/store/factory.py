"""The store the configuration names: the engine chosen by the ``store`` setting. The only
module that imports both engines; they import the interface and nothing of each other."""
from __future__ import annotations

from kb.config import Config
from kb.errors import InvalidInput
from kb.store.interface import Store
from kb.store.postgres import PostgresStore
from kb.store.sqlite import SqliteStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(config: Config, read_only: bool = False, reader_process: bool = False) -> Store:
    """The store the configuration names: ``store`` empty (the SQLite file in the KB home) or
    a ``postgresql://user@host:port/db`` address. ``read_only``: a reader's connection (SQLite
    opens the file read-only; PostgreSQL readers write nothing either way). ``reader_process``:
    nothing in this process writes the KB."""
    address = config.store.strip()
    if not address:
        return SqliteStore(config.db_path, read_only, reader_process)
    if address.startswith(POSTGRES_SCHEMES):
        return PostgresStore(address)
    raise InvalidInput(f"设置 store 只能为空（知识库目录里的 SQLite 文件）或 postgresql://用户@主机:端口/库名，"
                       f"收到的是“{address[:60]}” (store must be empty for SQLite or a postgresql:// address)")

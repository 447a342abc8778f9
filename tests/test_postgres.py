"""What only the PostgreSQL store has: the SQL rewrites (one probe per entry, same answer as
SQLite), the write lock as an advisory lock across processes, the generation row that lets a
long-lived KB (an app replica) see another process's commit, indexes of another KB home, bad
addresses, and a connection the server dropped. All on a real server (conftest's pg_server)."""
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import psycopg
import pytest

from kb import KBError, KnowledgeBase, WriterBusy
from kb.config import Config
from kb.errors import IndexesElsewhere, InvalidInput
from kb.store.factory import open_store
from kb.store.postgres import REWRITES, AdvisoryWriteLock, PostgresStore, redact, translate
from kb.store.schema import ADDED_COLUMNS, SCHEMA
from tests.concurrency import MARK, ROOT, run_kb, write_notices
from tests.conftest import CORPUS, configured_home

# One probe per REWRITES entry: SQL as the store writes it (for SQLite), run on both engines
# (the type rewrites act on the schema; their probes read what it stored).
PROBES = {
    r"\bBEGIN IMMEDIATE\b": None,  # a transaction of its own: test_write_transactions_take_turns
    r"\bINTEGER PRIMARY KEY\b": ("SELECT id FROM passages ORDER BY id", ()),
    r"\bINTEGER\b": ("SELECT start FROM passages WHERE start = ?", (2 ** 40,)),
    r"\bREAL\b": ("SELECT ocr_confidence FROM documents", ()),
    r"\binstr\(": ("SELECT instr('牵头单位：市应急局', ?) AS found, instr('abc', ?) AS absent", ("应急", "x")),
    r"GLOB '\[0-9\]\[0-9\]\[0-9\]\[0-9\]\*'": (
        "SELECT v FROM (SELECT '2021' AS v UNION ALL SELECT '2021-06' UNION ALL SELECT '' "
        "UNION ALL SELECT '长期坚持' UNION ALL SELECT 'x2021') AS t "
        "WHERE v GLOB '[0-9][0-9][0-9][0-9]*' ORDER BY v", ()),
    r"\?": ("SELECT '100%' || ?", ("的目标",)),
}


def test_every_rewrite_has_a_probe():
    assert [pattern for pattern, _, _ in REWRITES] == list(PROBES)


def fill(store):
    with store._write():
        store._insert("documents", ["doc_id", "ingest_seq", "file", "ingested_at", "ocr_confidence"],
                      ["d1", 1, "a.txt", "2024-01-01", 0.123456789012])
        for start in (1, 2 ** 40):
            store._insert("passages", ["doc_id", "seq", "text", "start", "end"], ["d1", 0, "x", start, start])


@pytest.mark.parametrize("pattern", [p for p, probe in PROBES.items() if probe])
def test_a_rewrite_gives_what_sqlite_gives(pattern, tmp_path, pg_address):
    sql, params = PROBES[pattern]
    assert re.search(pattern, sql + SCHEMA + str(ADDED_COLUMNS))  # the probe or the schema has it
    answers = []
    for store in (open_store(Config(home=str(tmp_path))), PostgresStore(pg_address)):
        with store:
            fill(store)
            answers.append([tuple(row[i] for i in range(len(row.keys()))) for row in store.conn.execute(sql, params)])
    assert answers[0] == answers[1] and answers[0]


def test_write_transactions_take_turns(pg_address):
    with PostgresStore(pg_address) as first, PostgresStore(pg_address) as second:
        with first._write():
            first._put_meta("who", "first")
            blocked = psycopg.connect(pg_address, autocommit=True)
            blocked.execute("SET lock_timeout = '300ms'")
            with pytest.raises(psycopg.errors.LockNotAvailable):  # a second write transaction waits
                blocked.execute(translate("BEGIN IMMEDIATE", False))
            blocked.close()
        second.set_meta("who", "second")  # and goes ahead once the first committed
        assert first.get_meta("who") == "second"


def test_translate_keeps_literal_percent_signs():
    assert translate("SELECT '5%' || ?", True) == "SELECT '5%%' || %s"
    assert translate("SELECT '5%'", False) == "SELECT '5%'"


def test_nul_characters_are_stored_one_for_one(pg_address):
    with PostgresStore(pg_address) as store:
        store._put_meta("text", "前\x00后")
        assert store.get_meta("text") == "前\ufffd后"  # same length: offsets still hold


# --- the write lock across processes -------------------------------------------------------

HOLD_LOCK = """
import sys, time
from kb.store.postgres import AdvisoryWriteLock
with AdvisoryWriteLock(sys.argv[1], 60, sys.argv[2]).hold():
    print("held", flush=True)
    time.sleep(120)
"""


def test_the_advisory_lock_names_its_holder_times_out_and_dies_with_its_process(tmp_path, pg_address):
    lock = AdvisoryWriteLock(tmp_path, 0.5, pg_address)
    assert lock.holder() is None
    with lock.hold(), lock.hold():  # re-entrant (ingest runs sync inside)
        assert lock.holder().pid == os.getpid() and lock.holder().host
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path), pg_address], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        heard = []
        with pytest.raises(WriterBusy, match=rf"另一个导入还在进行（pid {holder.pid}，开始于 .+，主机 "):
            with lock.hold(on_wait=heard.append):
                pass
        assert heard[0].startswith(f"另一个导入正在进行（pid {holder.pid}，开始于 ")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    deadline = time.monotonic() + 10  # the server notices the dropped connection at once
    while lock.holder() is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    with AdvisoryWriteLock(tmp_path, 5, pg_address).hold():
        pass


# --- app replicas: processes and KB homes sharing one store -------------------------------

@pytest.fixture(scope="module")
def shared(pg_server, pg_seeded_home, tmp_path_factory):
    """A PostgreSQL KB holding a seed (and what the tests add), its home (index files) and a
    long-lived reader, as an app replica keeps one."""
    home = configured_home(tmp_path_factory.mktemp("shared") / "kb", {"store": pg_server.new_database()},
                           pg_seeded_home)
    with KnowledgeBase(home) as kb:
        kb.ingest([CORPUS / "000_ae917fade8060d6b.txt"])
    with KnowledgeBase(home) as reader:
        yield home, reader


def test_a_long_lived_kb_sees_a_cli_writer_commit_through_the_generation_row(shared, tmp_path):
    home, reader = shared
    generation = reader.version()[-1]
    assert not marked(reader)
    [notice] = write_notices(tmp_path / "new", 1, "甲")
    assert run_kb(home, "ingest", str(notice)).returncode == 0  # another process
    assert reader.version()[-1] > generation
    assert marked(reader) == {reader.documents()[-1]["doc_id"]}


def marked(kb: KnowledgeBase) -> set[str]:
    """Documents made by write_notices that searches find (each has one entry with MARK)."""
    return {hit.doc_id for hit in kb.search(MARK, mode="keyword", k=500) if MARK in hit.text}


def test_a_kb_home_without_the_indexes_of_the_shared_store_says_so(shared, tmp_path):
    home, reader = shared
    stored = len(reader.documents())
    other = tmp_path / "other_machine"
    other.mkdir()
    with KnowledgeBase(other, store=reader.config.store) as elsewhere:
        assert len(elsewhere.documents()) == stored  # the store is shared
        with pytest.raises(IndexesElsewhere, match="索引不在本机"):
            elsewhere.search("消防")
        [notice] = write_notices(tmp_path / "new", 1, "乙")
        with pytest.raises(IndexesElsewhere):
            elsewhere.ingest([notice])  # a writer would fork the indexes: refused before storing
    assert len(reader.documents()) == stored and reader.search("消防")


def test_a_connection_the_server_dropped_is_made_again(shared):
    _, reader = shared
    pid = reader.store.conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(reader.config.store, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    time.sleep(0.2)
    assert reader.documents()


# --- addresses -----------------------------------------------------------------------------

def test_bad_addresses_say_what_to_fix_without_the_password(tmp_path, pg_server):
    with pytest.raises(InvalidInput, match="postgresql://"):
        KnowledgeBase(tmp_path, store="mysql://kb@localhost/kb")
    closed = f"postgresql://kb:secret@127.0.0.1:{pg_server.port + 1}/kb"
    with pytest.raises(KBError, match=r"连不上 PostgreSQL") as caught:
        KnowledgeBase(tmp_path, store=closed)
    assert "secret" not in str(caught.value) and redact(closed) in str(caught.value)


def test_sqlite_is_still_the_default(tmp_path):
    with KnowledgeBase(tmp_path) as kb:
        assert isinstance(kb.store.conn, sqlite3.Connection) and not kb.store.shared

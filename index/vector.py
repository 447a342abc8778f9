"""A faiss vector index keyed by int64 ids, grouped by document so one document can be removed.

Exact inner product (IndexFlatIP) while small, HNSW past FLAT_MAX vectors. The index keeps its
own position -> id and position -> document columns instead of an IndexIDMap: removing a
document is one vectorised comparison, and a filtered search reads the vectors straight out of
faiss's storage, so they are held once. Everything is saved in one file, written aside and
renamed into place.
"""
from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import faiss
import numpy as np

from index.errors import IndexDamaged, IndexMismatch

# Queries are one vector each: with 2 OpenMP threads a flat query over 10k vectors took 16 ms,
# with 1 thread 0.6 ms (thread start-up dwarfs the work). Bulk HNSW builds raise it again.
faiss.omp_set_num_threads(1)

# Largest flat index, in vectors: one 512-dim flat query here took ~5 ms at 60k (one thread).
FLAT_MAX = 60_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 40
HNSW_EF_SEARCH = 128
# Removed-but-still-stored HNSW vectors beyond this share of the index trigger a rebuild.
TOMBSTONE_MAX_FRACTION = 0.2
# A search filtered by allowed_ids is exact unless the filter keeps a large share of an HNSW
# index. Up to NUMPY_FILTER_MAX rows (a document or a few) numpy scores them directly (~0.1 ms);
# beyond that faiss's flat scan with a bitmap of the rows is faster. HNSW restricted to the
# rows found 99% of the exact top 10 when they were >= 10% of the index, 60% at 2%.
NUMPY_FILTER_MAX = 2_000
HNSW_FILTER_MIN_SHARE = 0.15
MAGIC = b"policykb-vectors-1\n"


class VectorIndex:
    """Vectors by id; ``doc_id`` groups ids so a document can be removed as a whole.

    Ids must be unique across the index (e.g. passage row ids). Vectors should be unit length
    so that the inner-product scores are cosines. Not thread-safe (even search may rebuild):
    the caller serialises access, as KnowledgeBase does with its lock.
    """

    def __init__(self, path: str | os.PathLike, dim: int, flat_max: int = FLAT_MAX):
        self.path = Path(path)
        self.dim = dim
        self.flat_max = flat_max
        self._index: faiss.Index = faiss.IndexFlatIP(dim)
        # One entry per faiss position (the order vectors were added in):
        self._ids = np.zeros(0, dtype=np.int64)
        self._doc_codes = np.zeros(0, dtype=np.int32)  # index into _doc_names
        self._dead = np.zeros(0, dtype=bool)  # HNSW tombstones; a flat index deletes rows outright
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []  # columns of recent adds, joined lazily
        self._doc_names: list[str | None] = []  # None once the document is removed
        self._doc_code: dict[str, int] = {}  # live documents only
        self._sorted: tuple[np.ndarray, np.ndarray] | None = None  # (order, ids[order]) for id lookups

    # ----- file -----
    @classmethod
    def open(cls, path: str | os.PathLike, dim: int, flat_max: int = FLAT_MAX) -> VectorIndex:
        """The index saved at `path`, or a new empty one if there is no file yet."""
        index = cls(path, dim, flat_max)
        if index.path.exists():
            index._load()
        return index

    def _load(self) -> None:
        damaged = f"{self.path}: the vector index is damaged; run `kb reindex` to rebuild it"
        try:
            with open(self.path, "rb") as f:
                if f.read(len(MAGIC)) != MAGIC:
                    raise IndexDamaged(damaged)
                (header_size,) = struct.unpack("<Q", f.read(8))
                header = json.loads(f.read(header_size))
                if header["dim"] != self.dim:
                    raise IndexMismatch(
                        f"{self.path}: the vector index holds {header['dim']}-dim vectors but the "
                        f"embedder makes {self.dim}-dim ones; run `kb reindex` to rebuild it")
                rows = header["rows"]
                ids, codes = _read_array(f, np.int64, rows), _read_array(f, np.int32, rows)
                dead = np.unpackbits(_read_array(f, np.uint8, (rows + 7) // 8), count=rows).astype(bool)
                index = faiss.read_index(faiss.PyCallbackIOReader(f.read))
                docs = header["docs"]
                if (index.ntotal != rows or index.d != self.dim or f.read(1)
                        or (rows and not 0 <= codes.min() <= codes.max() < len(docs))):
                    raise IndexDamaged(damaged)
        except (OSError, ValueError, KeyError, TypeError, struct.error, RuntimeError) as e:
            raise IndexDamaged(f"{damaged} ({e})") from e
        self._index, self._ids, self._doc_codes, self._dead = index, ids, codes, dead
        self._doc_names = docs
        self._doc_code = {name: code for code, name in enumerate(self._doc_names) if name is not None}
        if isinstance(index, faiss.IndexHNSW):
            index.hnsw.efSearch = HNSW_EF_SEARCH

    def save(self) -> None:
        """Write everything to ``<path>.tmp``, fsync, rename onto `path`: a crash leaves the old
        file or the new one, never a torn one or one whose ids disagree with its vectors."""
        self._settle()
        self._drop_unused_doc_names()
        header = json.dumps({"dim": self.dim, "rows": len(self._ids), "docs": self._doc_names},
                            ensure_ascii=False).encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(MAGIC + struct.pack("<Q", len(header)) + header)
            f.write(self._ids.data)
            f.write(self._doc_codes.data)
            f.write(np.packbits(self._dead).data)
            faiss.write_index(self._index, faiss.PyCallbackIOWriter(f.write))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
        if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
            directory = os.open(self.path.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)

    def _drop_unused_doc_names(self) -> None:
        """Renumber documents so names of removed documents with no stored rows are forgotten."""
        used, self._doc_codes = np.unique(self._doc_codes, return_inverse=True)
        self._doc_codes = self._doc_codes.astype(np.int32)
        self._doc_names = [self._doc_names[code] for code in used]
        self._doc_code = {name: code for code, name in enumerate(self._doc_names) if name is not None}

    # ----- changes -----
    def add(self, doc_id: str, ids: np.ndarray, vectors: np.ndarray) -> None:
        ids = np.ascontiguousarray(ids, dtype=np.int64).reshape(-1)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected {len(ids)} vectors of {self.dim} dims, got shape {vectors.shape}")
        if len(np.unique(ids)) != len(ids):
            raise ValueError(f"duplicate ids in one add for document {doc_id!r}")
        if not len(ids):  # a document without vectors is not recorded at all
            return
        if doc_id not in self._doc_code:
            self._doc_code[doc_id] = len(self._doc_names)
            self._doc_names.append(doc_id)
        # A flat index may overshoot flat_max here: the switch to HNSW waits for the next
        # search or save, so a bulk load builds the graph once, on all cores.
        self._index.add(vectors)
        self._pending.append((ids, np.full(len(ids), self._doc_code[doc_id], dtype=np.int32)))
        self._sorted = None

    def remove_doc(self, doc_id: str) -> int:
        """Remove a document's vectors; returns how many there were."""
        code = self._doc_code.pop(doc_id, None)
        if code is None:
            return 0
        self._doc_names[code] = None
        self._join_pending()
        rows = self._doc_codes == code
        if self.kind == "hnsw":  # HNSW cannot delete: hide the rows
            self._dead |= rows
        else:
            self._index.remove_ids(faiss.IDSelectorBatch(np.flatnonzero(rows)))  # keeps row order
            keep = ~rows
            self._ids, self._doc_codes, self._dead = self._ids[keep], self._doc_codes[keep], self._dead[keep]
        self._sorted = None
        return int(rows.sum())

    def _join_pending(self) -> None:
        if self._pending:
            new_ids, new_codes = zip(*self._pending)
            self._ids = np.concatenate([self._ids, *new_ids])
            self._doc_codes = np.concatenate([self._doc_codes, *new_codes])
            self._dead = np.concatenate([self._dead, np.zeros(len(self._ids) - len(self._dead), bool)])
            self._pending = []

    def _settle(self) -> None:
        """Apply the deferred rebuilds: flat -> HNSW past flat_max, and dropping tombstones."""
        self._join_pending()
        too_big = self.kind == "flat" and len(self) > self.flat_max
        too_dead = self.kind == "hnsw" and self._dead.sum() > TOMBSTONE_MAX_FRACTION * len(self._dead)
        if too_big or too_dead:
            self._rebuild()

    def _rebuild(self) -> None:
        """A fresh index of the live vectors, flat or HNSW by size."""
        keep = ~self._dead
        vectors = self._stored_vectors()[keep]  # a copy, so the old index can be freed first
        self._index = None
        if len(vectors) > self.flat_max:
            index = faiss.IndexHNSWFlat(self.dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            index.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            index = faiss.IndexFlatIP(self.dim)
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(os.cpu_count() or 1)  # a bulk build is worth every core
        try:
            index.add(vectors)
        finally:
            faiss.omp_set_num_threads(threads)
        self._index = index
        self._ids, self._doc_codes = self._ids[keep], self._doc_codes[keep]
        self._dead = np.zeros(len(self._ids), dtype=bool)
        self._sorted = None

    # ----- reads -----
    @property
    def kind(self) -> str:
        """"flat" (exact) or "hnsw" (approximate), as of the last search or save."""
        return "hnsw" if isinstance(self._index, faiss.IndexHNSW) else "flat"

    def __len__(self) -> int:
        return self._index.ntotal - int(self._dead.sum())

    def doc_ids(self) -> set[str]:
        return set(self._doc_code)

    def search(self, query: np.ndarray, k: int, allowed_ids: np.ndarray | None = None
               ) -> list[tuple[int, float]]:
        """Up to k (id, inner product) pairs, best first; only among `allowed_ids` if given."""
        self._settle()
        query = np.ascontiguousarray(query, dtype=np.float32).reshape(1, self.dim)
        if k <= 0 or len(self) == 0:
            return []
        index, searchable = self._index, None
        if allowed_ids is not None:
            rows = self._live_rows_of(np.asarray(allowed_ids, dtype=np.int64).reshape(-1))
            if len(rows) <= NUMPY_FILTER_MAX:
                return self._exact_among(query[0], k, rows)
            searchable = np.zeros(index.ntotal, dtype=bool)
            searchable[rows] = True
            if isinstance(index, faiss.IndexHNSW) and len(rows) < HNSW_FILTER_MIN_SHARE * index.ntotal:
                index = self._flat_storage()  # exact scan of the selected rows
        elif self._dead.any():
            searchable = ~self._dead
        params = None
        if searchable is not None:
            selector = faiss.IDSelectorBitmap(np.packbits(searchable, bitorder="little"))
            params = (faiss.SearchParametersHNSW(sel=selector, efSearch=HNSW_EF_SEARCH)
                      if isinstance(index, faiss.IndexHNSW) else faiss.SearchParameters(sel=selector))
        scores, found = index.search(query, k, params=params)
        hits = found[0] >= 0  # faiss pads with -1 when fewer than k match
        return list(zip(self._ids[found[0][hits]].tolist(), scores[0][hits].tolist()))

    def _exact_among(self, query: np.ndarray, k: int, rows: np.ndarray) -> list[tuple[int, float]]:
        """Exact scores over just these rows of faiss's own storage."""
        if len(rows) == 0:
            return []
        scores = self._stored_vectors()[rows] @ query
        best = np.argpartition(-scores, k - 1)[:k] if len(scores) > k else np.arange(len(scores))
        best = best[np.argsort(-scores[best], kind="stable")]
        return list(zip(self._ids[rows[best]].tolist(), scores[best].tolist()))

    def _live_rows_of(self, ids: np.ndarray) -> np.ndarray:
        """Positions of the live vectors with these ids (ids not in the index are skipped)."""
        if self._sorted is None:
            order = np.argsort(self._ids)
            self._sorted = (order, self._ids[order])
        order, sorted_ids = self._sorted
        at = np.minimum(np.searchsorted(sorted_ids, ids), len(sorted_ids) - 1)
        rows = np.unique(order[at[sorted_ids[at] == ids]])
        return rows[~self._dead[rows]]

    def _flat_storage(self) -> faiss.IndexFlat:
        """The flat index holding the vectors: the index itself, or the one inside HNSW."""
        if isinstance(self._index, faiss.IndexFlat):
            return self._index
        return faiss.downcast_index(self._index.storage)

    def _stored_vectors(self) -> np.ndarray:
        """The vectors inside faiss as a numpy view (no copy), valid until the index changes."""
        flat = self._flat_storage()
        if flat.ntotal == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        return faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * self.dim).reshape(flat.ntotal, self.dim)


def _read_array(f, dtype, count: int) -> np.ndarray:
    array = np.empty(count, dtype=dtype)
    if f.readinto(memoryview(array).cast("B")) != array.nbytes:
        raise ValueError("file ends early")
    return array

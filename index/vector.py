"""A faiss vector index keyed by int64 ids, grouped by document so one document can be removed.

Exact inner product (IndexFlatIP) while small, HNSW past FLAT_MAX vectors. The index keeps its
own position -> id and position -> document columns instead of an IndexIDMap: removing a
document is one vectorised comparison, and a filtered search reads the vectors straight out of
faiss's storage, so they are held once. Everything is saved in one file, written aside and
renamed into place.

**Tombstones.** Removing a document hides its rows (filtered at query time): a save after
removals alone writes only ``<file>.dead``, the documents removed since the file (named by a
random id in its header) was written. Opening reads the header and that list, not the vectors,
so a writer that only removes never reads or writes them. The rows go for good at the next
save that rewrites the file anyway, or once removed rows pass TOMBSTONE_MAX_FRACTION.
"""
from __future__ import annotations

import json
import os
import struct
import uuid
from pathlib import Path

import faiss
import numpy as np

from index.errors import IndexDamaged, IndexMismatch

# Queries are one vector each: with 2 OpenMP threads a flat query over 10k vectors took 16 ms,
# with 1 thread 0.6 ms (thread start-up dwarfs the work). Bulk HNSW builds raise it again.
faiss.omp_set_num_threads(1)

# Largest flat index, in vectors, chosen by measured latency (bench/bench_backends.py --vectors;
# one thread, 512 dims, k=50, clustered unit vectors, 200 queries, 2-core machine under a load
# of ~4 from other sessions; HNSW M=32, efConstruction=40, efSearch=128):
#   vectors    flat p50 / p95 ms   HNSW p50 / p95 ms   HNSW recall@10   HNSW build (2 threads)
#     5,000      0.15 / 0.55          0.27 / 4.4           1.000            1.7 s
#    10,000      0.52 / 4.8           0.26 / 0.36          1.000            2.4 s
#    20,000      1.52 / 2.5           0.28 / 0.45          1.000            4.9 s
#    40,000      5.56 / 6.9           0.19 / 0.32          1.000            6.3 s
#    80,000     10.8 / 12.1           0.27 / 0.40          0.983           17.1 s
# Flat is exact and cheapest to build; past ~12k vectors (p50 ~0.7 ms) HNSW answers several
# times faster and the gap grows linearly (the old 60k line left a 300-law KB at 5 ms a query).
FLAT_MAX = 12_000
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 40, 128
# HNSW keeps its vectors as float16 (faiss's fp16 scalar quantizer): half the memory and disk of
# float32 (all laws: ~350k vectors, 723 -> 362 MB), inner products within ~3e-4 of float32's on
# unit vectors. Indexes written with float32 storage open and work as before.
HNSW_STORAGE = faiss.ScalarQuantizer.QT_fp16
# Removed-but-still-stored HNSW vectors beyond this share of the index trigger a rebuild.
TOMBSTONE_MAX_FRACTION = 0.2
# A search filtered by allowed_ids is exact unless the filter keeps a large share of an HNSW
# index. Up to NUMPY_FILTER_MAX rows (a document or a few) numpy scores them directly (~0.1 ms);
# beyond that faiss's flat scan with a bitmap of the rows is faster. HNSW restricted to the
# rows found 99% of the exact top 10 when they were >= 10% of the index, 60% at 2%.
NUMPY_FILTER_MAX = 2_000
HNSW_FILTER_MIN_SHARE = 0.15
MAGIC = b"policykb-vectors-1\n"
TOMBSTONE_SUFFIX = ".dead"
CONVERT_CHUNK = 20_000  # vectors copied at a time from a flat index into a new HNSW graph


class VectorIndex:
    """Vectors by id; ``doc_id`` groups ids so a document can be removed as a whole.

    Ids must be unique across the index (e.g. passage row ids). Vectors should be unit length
    so that the inner-product scores are cosines. Not thread-safe (even search may rebuild):
    the caller serialises access, as KnowledgeBase does with its lock.
    """

    def __init__(self, path: str | os.PathLike, dim: int, flat_max: int = FLAT_MAX):
        self.path, self.dim, self.flat_max = Path(path), dim, flat_max
        self.tombstones = self.path.with_name(self.path.name + TOMBSTONE_SUFFIX)  # removed since written
        self._index: faiss.Index = faiss.IndexFlatIP(dim)
        # One entry per faiss position (the order vectors were added in):
        self._ids = np.zeros(0, dtype=np.int64)
        self._doc_codes = np.zeros(0, dtype=np.int32)  # index into _doc_names
        self._dead = np.zeros(0, dtype=bool)  # tombstones: rows of removed documents
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []  # columns of recent adds, joined lazily
        self._doc_names: list[str | None] = []  # None once the document is removed
        self._doc_code: dict[str, int] = {}  # live documents only
        self._doc_rows: list[int] = []  # rows per document code (tombstones without reading rows)
        self._sorted: tuple[np.ndarray, np.ndarray] | None = None  # (order, ids[order]) for id lookups
        self.file_id = ""  # of the file last read or written whole
        self._removed: set[str] = set()  # documents removed since that file was written
        self._removed_codes: set[int] = set()  # their codes (a document added again has a new one)
        self._rows_at: int | None = None  # file offset of the rows, while they are not read yet
        self._rewrite = False  # rows added or rebuilt: the next save writes the whole file

    # ----- file -----
    @classmethod
    def open(cls, path: str | os.PathLike, dim: int, flat_max: int = FLAT_MAX) -> VectorIndex:
        """The index at `path` (or a new one): header and tombstones now, vectors on ``load``."""
        index = cls(path, dim, flat_max)
        if index.path.exists():
            index._read_header()
        return index

    def _damaged(self, detail: object = "") -> IndexDamaged:
        return IndexDamaged(f"{self.path}: the vector index is damaged; run `kb reindex` to rebuild it"
                            + (f" ({detail})" if detail else ""))

    def _read_header(self) -> None:
        try:
            with open(self.path, "rb") as f:
                if f.read(len(MAGIC)) != MAGIC:
                    raise self._damaged()
                (header_size,) = struct.unpack("<Q", f.read(8))
                header = json.loads(f.read(header_size))
                if "file_id" in header:  # files with a length trailer: a torn one shows here
                    size = f.seek(0, os.SEEK_END)
                    f.seek(size - 8)
                    if struct.unpack("<Q", f.read(8))[0] != size:
                        raise self._damaged("truncated")
        except (OSError, ValueError, KeyError, TypeError, struct.error) as e:
            raise self._damaged(e) from e
        if header["dim"] != self.dim:
            raise IndexMismatch(
                f"{self.path}: the vector index holds {header['dim']}-dim vectors but the "
                f"embedder makes {self.dim}-dim ones; run `kb reindex` to rebuild it")
        self._rows_at = len(MAGIC) + 8 + header_size
        self._header_rows = header["rows"]
        self._doc_names = header["docs"]
        self._doc_rows = header.get("doc_rows") or []  # files before tombstone files lack it
        self.file_id = header.get("file_id", "")
        self._removed = self.read_tombstones()
        self._removed_codes = {code for code, name in enumerate(self._doc_names) if name in self._removed}
        self._doc_code = {name: code for code, name in enumerate(self._doc_names)
                          if name is not None and code not in self._removed_codes}
        if not self._doc_rows:
            self.load()

    def read_tombstones(self) -> set[str]:
        try:
            data = json.loads(self.tombstones.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return set()
        except (OSError, ValueError) as e:
            raise self._damaged(e) from e
        return set(data["docs"]) if data.get("file_id") == self.file_id and self.file_id else set()

    def apply_tombstones(self) -> None:
        """Hide what a writer removed since this index was read (its file unchanged)."""
        for doc_id in self.read_tombstones() - self._removed:
            self.remove_doc(doc_id)

    def load(self) -> None:
        """Read the vectors (once)."""
        if self._rows_at is None:
            return
        rows = self._header_rows
        try:
            with open(self.path, "rb") as f:
                f.seek(self._rows_at)
                ids, codes = _read_array(f, np.int64, rows), _read_array(f, np.int32, rows)
                dead = np.unpackbits(_read_array(f, np.uint8, (rows + 7) // 8), count=rows).astype(bool)
                index = faiss.read_index(faiss.PyCallbackIOReader(f.read))
                if self.file_id:
                    f.read(8)  # the length trailer, checked when the header was read
                if (index.ntotal != rows or index.d != self.dim or f.read(1)
                        or (rows and not 0 <= codes.min() <= codes.max() < len(self._doc_names))):
                    raise self._damaged()
        except (OSError, ValueError, RuntimeError) as e:
            raise self._damaged(e) from e
        self._index, self._ids, self._doc_codes = index, ids, codes
        self._dead = dead | np.isin(codes, sorted(self._removed_codes))
        self._doc_rows = np.bincount(codes, minlength=len(self._doc_names)).tolist()
        self._rows_at = None
        if isinstance(index, faiss.IndexHNSW):
            index.hnsw.efSearch = HNSW_EF_SEARCH

    def save(self) -> None:
        """Removals alone: write the tombstone file. Otherwise the whole file, written aside
        (a crash leaves the old file or the new one, never a torn one)."""
        if not self._rewrite and not self._compaction_due():
            if self._removed or self.tombstones.exists():
                _write_aside(self.tombstones, json.dumps(
                    {"file_id": self.file_id, "docs": sorted(self._removed)}, ensure_ascii=False).encode("utf-8"))
            return
        self._settle()
        if self._dead.any() and self.kind == "flat":  # compaction; HNSW keeps them to TOMBSTONE_MAX_FRACTION
            self._rebuild()
        for code in self._removed_codes:
            self._doc_names[code] = None
        self._drop_unused_doc_names()
        self.file_id = uuid.uuid4().hex
        header = json.dumps({"dim": self.dim, "rows": len(self._ids), "docs": self._doc_names,
                             "doc_rows": self._doc_rows, "file_id": self.file_id},
                            ensure_ascii=False).encode("utf-8")

        def write(f) -> None:
            f.write(MAGIC + struct.pack("<Q", len(header)) + header)
            f.write(self._ids.data)
            f.write(self._doc_codes.data)
            f.write(np.packbits(self._dead).data)
            faiss.write_index(self._index, faiss.PyCallbackIOWriter(f.write))
            f.write(struct.pack("<Q", f.tell() + 8))

        _write_aside(self.path, write)
        self.tombstones.unlink(missing_ok=True)  # it named the file just replaced
        self._removed, self._removed_codes, self._rewrite = set(), set(), False

    def _compaction_due(self) -> bool:
        total = sum(self._doc_rows)
        removed = sum(self._doc_rows[code] for code in self._removed_codes)
        return bool(total) and removed > TOMBSTONE_MAX_FRACTION * total

    def _drop_unused_doc_names(self) -> None:  # names of removed documents with no rows left
        used, self._doc_codes = np.unique(self._doc_codes, return_inverse=True)
        self._doc_codes = self._doc_codes.astype(np.int32)
        self._doc_names = [self._doc_names[code] for code in used]
        self._doc_code = {name: code for code, name in enumerate(self._doc_names) if name is not None}
        self._doc_rows = np.bincount(self._doc_codes, minlength=len(self._doc_names)).tolist()

    # ----- changes -----
    def reserve(self, more: int) -> None:
        """About ``more`` vectors are coming: past flat_max, become HNSW now (no flat copy)."""
        self.load()
        self._join_pending()
        if self.kind == "flat" and len(self) + more > self.flat_max:
            self._rebuild(hnsw=True)

    def add(self, doc_id: str, ids: np.ndarray, vectors: np.ndarray) -> None:
        ids = np.ascontiguousarray(ids, dtype=np.int64).reshape(-1)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected {len(ids)} vectors of {self.dim} dims, got shape {vectors.shape}")
        if len(np.unique(ids)) != len(ids):
            raise ValueError(f"duplicate ids in one add for document {doc_id!r}")
        if not len(ids):  # a document without vectors is not recorded at all
            return
        self.load()
        if doc_id not in self._doc_code:
            self._doc_code[doc_id] = len(self._doc_names)
            self._doc_names.append(doc_id)
            self._doc_rows.append(0)
        # A flat index may overshoot flat_max here: the switch to HNSW waits for the next
        # search or save (or comes first, from ``reserve``).
        self._index.add(vectors)
        code = self._doc_code[doc_id]
        self._doc_rows[code] += len(ids)
        self._pending.append((ids, np.full(len(ids), code, dtype=np.int32)))
        self._sorted = None
        self._rewrite = True

    def remove_doc(self, doc_id: str) -> int:
        """Hide a document's vectors (a tombstone); returns how many there were."""
        code = self._doc_code.pop(doc_id, None)
        if code is None:
            return 0
        self._removed.add(doc_id)
        self._removed_codes.add(code)
        if self._rows_at is None:
            self._join_pending()
            self._dead |= self._doc_codes == code
            self._sorted = None
        return self._doc_rows[code]

    def _join_pending(self) -> None:
        if self._pending:
            new_ids, new_codes = zip(*self._pending)
            self._ids = np.concatenate([self._ids, *new_ids])
            self._doc_codes = np.concatenate([self._doc_codes, *new_codes])
            self._dead = np.concatenate([self._dead, np.zeros(len(self._ids) - len(self._dead), bool)])
            self._pending = []

    def _settle(self) -> None:
        """Apply the deferred rebuilds: flat -> HNSW past flat_max, and dropping tombstones."""
        self.load()
        self._join_pending()
        too_big = self.kind == "flat" and len(self) > self.flat_max
        too_dead = np.count_nonzero(self._dead) > TOMBSTONE_MAX_FRACTION * len(self._dead)
        if too_big or too_dead:
            self._rebuild()

    def _rebuild(self, hnsw: bool | None = None) -> None:
        """A fresh index of the live vectors (flat or HNSW by size), a chunk at a time."""
        live = np.flatnonzero(~self._dead)
        stored = self._stored_vectors()
        if (hnsw if hnsw is not None else len(live) > self.flat_max):
            index = faiss.IndexHNSWSQ(self.dim, HNSW_STORAGE, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            index.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            index = faiss.IndexFlatIP(self.dim)
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(os.cpu_count() or 1)  # a bulk build is worth every core
        try:
            for start in range(0, len(live), CONVERT_CHUNK):
                index.add(np.ascontiguousarray(stored[live[start:start + CONVERT_CHUNK]], dtype=np.float32))
        finally:
            faiss.omp_set_num_threads(threads)
        self._index = index
        self._ids, self._doc_codes = self._ids[live], self._doc_codes[live]
        self._dead = np.zeros(len(self._ids), dtype=bool)
        self._doc_rows = np.bincount(self._doc_codes, minlength=len(self._doc_names)).tolist()
        self._sorted = None
        self._rewrite = True

    # ----- reads -----
    @property
    def kind(self) -> str:
        """"flat" (exact) or "hnsw" (approximate), as of the last search or save."""
        self.load()
        return "hnsw" if isinstance(self._index, faiss.IndexHNSW) else "flat"

    def __len__(self) -> int:
        self.load()
        return self._index.ntotal - np.count_nonzero(self._dead)  # counted by bits: ~10x faster than sum

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
        ids, scores = self._ids[found[0][found[0] >= 0]], scores[0][found[0] >= 0]  # faiss pads with -1
        order = np.lexsort((ids, -scores))  # equal scores (the same words stored twice) in id order, not arrival's
        return list(zip(ids[order].tolist(), scores[order].tolist()))

    def _exact_among(self, query: np.ndarray, k: int, rows: np.ndarray) -> list[tuple[int, float]]:
        """Exact scores over just these rows of faiss's own storage."""
        if len(rows) == 0:
            return []
        scores = self._stored_vectors()[rows].astype(np.float32) @ query
        best = np.argpartition(-scores, k - 1)[:k] if len(scores) > k else np.arange(len(scores))
        best = best[np.lexsort((self._ids[rows[best]], -scores[best]))]  # equal scores in id order
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

    def _flat_storage(self) -> faiss.Index:
        """The index holding the vectors one after another (exact when searched): the index
        itself, or the storage inside HNSW (float32, or float16 through a scalar quantizer)."""
        index = self._index
        return index if isinstance(index, faiss.IndexFlat) else faiss.downcast_index(index.storage)

    def _stored_vectors(self) -> np.ndarray:
        """The vectors inside faiss as a numpy view (no copy; float32 or float16 as stored),
        valid until the index changes."""
        flat = self._flat_storage()
        if flat.ntotal == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        if isinstance(flat, faiss.IndexFlat):
            return faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * self.dim).reshape(flat.ntotal, self.dim)
        codes = faiss.rev_swig_ptr(flat.codes.data(), flat.ntotal * flat.code_size)
        return codes.view(np.float16).reshape(flat.ntotal, self.dim)


def _write_aside(path: Path, content) -> None:
    """``content`` (bytes, or a function of the open file) to ``<path>.tmp``, fsync, renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        content(f) if callable(content) else f.write(content)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        directory = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _read_array(f, dtype, count: int) -> np.ndarray:
    array = np.empty(count, dtype=dtype)
    if f.readinto(memoryview(array).cast("B")) != array.nbytes:
        raise ValueError("file ends early")
    return array

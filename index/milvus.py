"""Milvus for both legs, for a KB shared by several machines: the same interfaces as the
embedded keyword index (index/keyword.py) and vector index (index/vector.py).

Where: ``milvus://host:19530[/database]`` (a Milvus server), ``milvus-lite:///path/x.db``
(Milvus Lite, the same engine in one local file, opened by one process) or
``milvus://unix:/tmp/….sock`` (the Lite server that process runs, for other local processes). A keyword index or a
vector file of the embedded layout is a collection here, named after it.

**Keyword leg.** Milvus's own BM25 would tokenise with its jieba, without the KB's dictionary,
sub-words, bigrams and field weights (recall@10 fell to 0.86 in the issue's run). So every
field gets the KB's own token stream, space-joined (index/tokenize.py makes them), a whitespace
analyzer, and a BM25 function into a sparse field of its own; a query searches each weighted
field and sums weight x BM25 to pick candidates, which ``KeywordIndex.search`` ranks by our own
BM25 (index/bm25.py) from their stored fields, as on the embedded backends. Milvus keeps its
BM25 statistics to itself, so the collection's are summed from the markers' totals, and
document frequencies (also what ``informative_terms`` and answer topics weigh words by) are
counted with a LIKE on the space-joined field: Lite 2.5 has no TEXT_MATCH.

**Vector leg.** The same vectors in a FLOAT_VECTOR field, FLAT (exact inner product; Milvus
Lite refuses HNSW). Each document has one marker row (a negative id, a zero vector, never
returned) so that ``doc_ids()`` lists documents as the embedded file's map does.

Writes are visible to every client at once (Strong consistency); ``commit``/``save`` flush to
storage. Fusion stays in index/hybrid.py.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np

from index.errors import SearchIndexError
from index.keyword_base import (
    FIELD_WEIGHTS,
    MARKER_KIND,
    KeywordDoc,
    KeywordIndex,
    older_index,
    weighted_terms,
)
from index.tokenize import Query

LITE_SCHEME, SERVER_SCHEME = "milvus-lite:", "milvus://"
MAX_TEXT_BYTES = 65_535  # Milvus's largest VARCHAR
MAX_TOTALS_BYTES = 1_024  # a marker's totals: a few counts as JSON
BATCH_ROWS = 2_000  # rows per insert call (a gRPC message stays well under its 64 MB limit)
PAGE_ROWS = 10_000  # rows per page when listing documents past what one query returns
QUERY_MAX_ROWS = 16_384  # Milvus's cap on one query's rows
# Each field is searched on its own and the weighted scores summed here to pick n candidates:
# an entry outside one field's first n would miss that field's share, so each fetches more.
FIELD_FETCH = 4
_clients: dict[str, object] = {}  # one client per server or Lite file in a process


class MilvusUnavailable(SearchIndexError):
    """pymilvus (or Milvus Lite) is missing, or the server cannot be reached."""


def is_milvus(spec: str) -> bool:
    return spec.startswith((LITE_SCHEME, SERVER_SCHEME))


def client(spec: str):
    """The MilvusClient for ``spec`` (milvus://host:port[/db] or milvus-lite:///path)."""
    if spec not in _clients:
        try:
            from pymilvus import MilvusClient
        except ImportError as e:
            raise MilvusUnavailable("index_backend 需要 pymilvus：pip install 'pymilvus==2.5.*' "
                                    "'milvus-lite==2.5.*' 'setuptools<81' (Milvus needs pymilvus)") from e
        try:
            if spec.startswith(LITE_SCHEME):
                path = Path(spec[len(LITE_SCHEME):].removeprefix("//"))
                path.parent.mkdir(parents=True, exist_ok=True)
                _clients[spec] = MilvusClient(str(path))
            elif spec.startswith(SERVER_SCHEME + "unix:"):  # a Lite server another process runs
                _clients[spec] = MilvusClient(spec[len(SERVER_SCHEME):])
            else:
                host, _, database = spec[len(SERVER_SCHEME):].partition("/")
                _clients[spec] = MilvusClient(f"http://{host}", db_name=database or "default")
        except Exception as e:  # noqa: BLE001 - pymilvus raises several kinds for one cause
            raise MilvusUnavailable(f"无法连接 Milvus（{spec}）：{e} (cannot reach Milvus at {spec})") from e
    return _clients[spec]


def collection_name(path: Path) -> str:
    """A keyword index folder or vector file name as a collection name (letters, digits, _)."""
    return re.sub(r"\W", "_", Path(path).name.removesuffix(".faiss"))


def drop_collection(server: str, path: Path) -> None:
    """Drop the collection named after an index that a writer replaced or abandoned."""
    c = client(server)
    if c.has_collection(collection_name(path)):
        c.drop_collection(collection_name(path))


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _capped(text: str) -> str:
    """At most MAX_TEXT_BYTES of UTF-8, cut at a space (whole tokens). An entry that long (a
    page-sized passage) is scored here on fewer tokens than on the embedded backends."""
    data = text.encode("utf-8")
    if len(data) <= MAX_TEXT_BYTES:
        return text
    return data[:MAX_TEXT_BYTES].decode("utf-8", "ignore").rsplit(" ", 1)[0]


def _rows(c, collection: str, expression: str, fields: list[str]) -> list[dict]:
    rows = c.query(collection, filter=expression, output_fields=fields, limit=QUERY_MAX_ROWS)
    if len(rows) < QUERY_MAX_ROWS:
        return rows
    iterator = c.query_iterator(collection, batch_size=PAGE_ROWS, filter=expression, output_fields=fields)
    rows: list[dict] = []
    try:
        while batch := iterator.next():
            rows += batch
    finally:
        iterator.close()
    return rows


def _delete_docs(c, collection: str, doc_ids: list[str]) -> None:
    """Delete the rows of these documents in one call (and forget the list)."""
    if doc_ids and c.has_collection(collection):
        c.delete(collection, filter=f"doc_id in [{', '.join(map(_quoted, doc_ids))}]")
    doc_ids.clear()


def _count(c, collection: str, expression: str) -> int:
    return int(c.query(collection, filter=expression, output_fields=["count(*)"])[0]["count(*)"])


class MilvusKeywordIndex(KeywordIndex):
    name = "milvus"

    def __init__(self, path: Path, writable: bool = False, server: str = ""):
        super().__init__(path, writable)
        self._c, self.collection = client(server), collection_name(path)
        self._removed: list[str] = []
        if writable and not self._c.has_collection(self.collection):
            self._create()
        if writable and "totals" not in {f["name"] for f in self._c.describe_collection(self.collection)["fields"]}:
            raise older_index(self.path)

    def _create(self) -> None:
        from pymilvus import DataType, Function, FunctionType

        schema = self._c.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=512)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=512)
        schema.add_field("kind", DataType.VARCHAR, max_length=64)
        schema.add_field("totals", DataType.VARCHAR, max_length=MAX_TOTALS_BYTES)
        params = self._c.prepare_index_params()
        for name in FIELD_WEIGHTS:
            schema.add_field(name, DataType.VARCHAR, max_length=MAX_TEXT_BYTES, enable_analyzer=True,
                             analyzer_params={"tokenizer": "whitespace"})
            schema.add_field(f"{name}_bm25", DataType.SPARSE_FLOAT_VECTOR)
            schema.add_function(Function(name=f"{name}_bm25", input_field_names=[name],
                                         output_field_names=[f"{name}_bm25"], function_type=FunctionType.BM25))
            params.add_index(field_name=f"{name}_bm25", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        self._c.create_collection(self.collection, schema=schema, index_params=params,
                                  consistency_level="Strong")

    def _write(self, docs: list[KeywordDoc]) -> None:
        _delete_docs(self._c, self.collection, self._removed)  # a document removed, then added again
        rows = [{"key": d.key, "doc_id": d.doc_id, "kind": d.kind, "totals": d.totals,
                 **{name: _capped(d.fields.get(name, "")) for name in FIELD_WEIGHTS}} for d in docs]
        for start in range(0, len(rows), BATCH_ROWS):
            self._c.insert(self.collection, rows[start:start + BATCH_ROWS])

    def remove_doc(self, doc_id: str) -> None:
        self._removed.append(doc_id)  # deleted with the others in one call (each call is slow)

    def commit(self) -> None:
        _delete_docs(self._c, self.collection, self._removed)
        self._c.flush(self.collection)
        self.reopen()

    def _exists(self) -> bool:
        return self._c.has_collection(self.collection)

    def _markers(self) -> dict[str, str]:
        if not self._exists():
            return {}
        return {row["doc_id"]: row["totals"] for row in
                _rows(self._c, self.collection, f"kind == {_quoted(MARKER_KIND)}", ["doc_id", "totals"])}

    def _count(self, field_name: str, term: str) -> int:
        if not self._exists():
            return 0
        escaped = term.replace("\\", "\\\\").replace('"', '\\"').replace("%", "\\%").replace("_", "\\_")
        f = field_name
        return _count(self._c, self.collection, f'{f} == "{escaped}" or {f} like "{escaped} %" or '
                                                f'{f} like "% {escaped}" or {f} like "% {escaped} %"')

    def __len__(self) -> int:
        return _count(self._c, self.collection, 'key != ""') if self._exists() else 0

    def _candidates(self, query: Query, n: int, doc_ids: set[str] | None,
                    kind: str | None) -> dict[str, dict[str, str]]:
        if not self._exists():
            return {}
        expression = f"kind != {_quoted(MARKER_KIND)}"
        if kind:
            expression += f" and kind == {_quoted(kind)}"
        if doc_ids is not None:
            expression += f" and doc_id in [{', '.join(map(_quoted, sorted(doc_ids)))}]"
        by_field: dict[str, list[str]] = {}
        for name, term, _weight in weighted_terms(query):
            by_field.setdefault(name, []).append(term)
        scores: dict[str, float] = {}
        for name, terms in by_field.items():  # BM25F as the embedded backends: sum of weighted fields
            found = self._c.search(self.collection, data=[" ".join(terms)], anns_field=f"{name}_bm25",
                                   limit=min(n * FIELD_FETCH, QUERY_MAX_ROWS),
                                   filter=expression, search_params={"metric_type": "BM25"})
            for hit in found[0]:
                scores[hit["id"]] = scores.get(hit["id"], 0.0) + FIELD_WEIGHTS[name] * float(hit["distance"])
        best = sorted(scores, key=lambda key: (-scores[key], key))[:n]
        if not best:
            return {}
        rows = self._c.query(self.collection, filter=f"key in [{', '.join(map(_quoted, best))}]",
                             output_fields=["key", *FIELD_WEIGHTS], limit=len(best))
        fields = {row["key"]: {name: row[name] for name in FIELD_WEIGHTS} for row in rows}
        return {key: fields[key] for key in best if key in fields}  # best first, as the others


def _marker_id(doc_id: str) -> int:
    """A negative id per document, for its marker row."""
    return -1 - (int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(), "big") >> 2)


class MilvusVectorIndex:
    """The vector index interface of index/vector.py over a Milvus collection."""

    kind = "milvus-flat"

    def __init__(self, path: str | os.PathLike, dim: int, server: str):
        self.path, self.dim = Path(path), dim
        self._c, self.collection = client(server), collection_name(Path(path))
        self.file_id = f"milvus:{server}:{self.collection}"  # never changes: readers just requery
        self._removed: list[str] = []

    @classmethod
    def open(cls, path: str | os.PathLike, dim: int, server: str) -> "MilvusVectorIndex":
        return cls(path, dim, server)

    def _exists(self) -> bool:
        return self._c.has_collection(self.collection)

    def _create(self) -> None:
        from pymilvus import DataType

        schema = self._c.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("vid", DataType.INT64, is_primary=True)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=512)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dim)
        params = self._c.prepare_index_params()
        params.add_index(field_name="vector", index_type="FLAT", metric_type="IP")
        self._c.create_collection(self.collection, schema=schema, index_params=params,
                                  consistency_level="Strong")

    # what the embedded index needs and a server does not: nothing to read or compact here
    def load(self) -> None:
        pass

    def reserve(self, more: int) -> None:
        pass

    def apply_tombstones(self) -> None:
        pass

    def add(self, doc_id: str, ids: np.ndarray, vectors: np.ndarray) -> None:
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected {len(ids)} vectors of {self.dim} dims, got shape {vectors.shape}")
        if not len(ids):
            return
        if not self._exists():
            self._create()
        _delete_docs(self._c, self.collection, self._removed)
        rows = [{"vid": int(i), "doc_id": doc_id, "vector": v} for i, v in zip(ids.tolist(), vectors.tolist())]
        for start in range(0, len(rows), BATCH_ROWS):
            self._c.insert(self.collection, rows[start:start + BATCH_ROWS])
        self._c.upsert(self.collection, [{"vid": _marker_id(doc_id), "doc_id": doc_id, "vector": [0.0] * self.dim}])

    def remove_doc(self, doc_id: str) -> int:
        """Deleted at the next save or add, with the others in one call; returns 0 (Milvus
        deletes by filter without counting)."""
        self._removed.append(doc_id)
        return 0

    def save(self) -> None:
        if self._exists():
            _delete_docs(self._c, self.collection, self._removed)
            self._c.flush(self.collection)

    def doc_ids(self) -> set[str]:
        if not self._exists():
            return set()
        return {row["doc_id"] for row in _rows(self._c, self.collection, "vid < 0", ["doc_id"])}

    def __len__(self) -> int:
        return _count(self._c, self.collection, "vid >= 0") if self._exists() else 0

    def search(self, query: np.ndarray, k: int, allowed_ids: np.ndarray | None = None
               ) -> list[tuple[int, float]]:
        if k <= 0 or not self._exists():
            return []
        expression = "vid >= 0"
        if allowed_ids is not None:
            allowed = np.asarray(allowed_ids, dtype=np.int64).reshape(-1)
            if not len(allowed):
                return []
            expression = f"vid in [{', '.join(map(str, allowed.tolist()))}]"
        found = self._c.search(self.collection, data=[np.asarray(query, dtype=np.float32).reshape(-1).tolist()],
                               anns_field="vector", limit=k, filter=expression,
                               search_params={"metric_type": "IP"})
        return [(int(hit["id"]), float(hit["distance"])) for hit in found[0]]

    def drop(self) -> None:
        if self._exists():
            self._c.drop_collection(self.collection)

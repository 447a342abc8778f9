"""Keeps the keyword and vector indexes in step with the store.

The SQLite store is the truth; both indexes are derived from it. Each index can tell which
documents it holds (``doc_ids()``), so ``sync()`` compares that with the store and removes
what the store no longer has and adds what it gained. Adding a document removes it first, so
running sync twice, or after a crash at any point, converges on the store's content.

This module is where store rows become index entries: a passage or task row is the entry
keyed "p:<row id>" / "t:<row id>", numbered so that its vector ids tell it apart (``index``
knows keys, numbers and text only). Bulk preparation runs in ``index.bulk``'s worker pool.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import numpy as np

from index.bulk import Entry, number_of_vector, prepare
from index.embed import EmbeddingCache, make_embedder
from index.keyword import KEYWORD_BACKENDS, KeywordDoc, KeywordIndex, marker, open_keyword_index
from index.tokenize import Tokenizer
from index.vector import VectorIndex
from ingest.models import Document
from ingest.units import dictionary_words
from kb.config import Config
from kb.errors import IndexMismatch, InvalidInput
from kb.store import Store

KIND_PREFIX = {"passage": "p", "task": "t"}
PREFIX_KIND = {prefix: kind for kind, prefix in KIND_PREFIX.items()}


def entry_key(kind: str, row_id: int) -> str:
    return f"{KIND_PREFIX[kind]}:{row_id}"


def parse_key(key: str) -> tuple[str, int]:
    prefix, row_id = key.split(":", 1)
    return PREFIX_KIND[prefix], int(row_id)


def entry_number(kind: str, row_id: int) -> int:
    """Passages and tasks have row ids of their own: the number interleaves them."""
    return row_id * 2 + (kind == "task")


def key_of_number(number: int) -> str:
    return entry_key("task" if number % 2 else "passage", number // 2)


def key_of_vector(vid: int) -> str:
    return key_of_number(number_of_vector(vid))


def document_entries(store: Store, doc: Document) -> list[Entry]:
    meta = " ".join(filter(None, (doc.issuer, doc.number, doc.region)))
    entries = [Entry(entry_key("passage", pid), entry_number("passage", pid), doc.doc_id, "passage",
                     p.text, p.section, "", doc.title, meta)
               for pid, p in store.passage_items(doc.doc_id)]
    entries += [Entry(entry_key("task", tid), entry_number("task", tid), doc.doc_id, "task",
                      t.text, t.section, " ".join(dict.fromkeys(t.units)), doc.title, meta)
                for tid, t in store.task_items(doc.doc_id)]
    return entries


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

    def term_frequency(self, term: str) -> int:
        """How many passages and tasks use ``term`` (a word), read once per sync."""
        counts = self.memo("term_frequency", dict)
        if term not in counts:
            counts[term] = self.keyword.doc_frequency(term)
        return counts[term]

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
                raise InvalidInput(f"unknown keyword_backend {wanted!r}; use auto, "
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
        return [*dictionary_words(), *units, *titles]

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
        for chunk, prepared in prepare(entries, self.tokenizer, self.embedder, self.cache,
                                       self.config.index_workers):
            self.keyword.add([KeywordDoc(e.key, e.doc_id, e.kind, f)
                              for e, f in zip(chunk, prepared.fields)])
            doc_of_number = {e.number: e.doc_id for e in chunk}
            owners = np.array([doc_of_number[number_of_vector(int(i))] for i in prepared.ids])
            for doc_id in dict.fromkeys(owners):
                rows = np.flatnonzero(owners == doc_id)
                self.vectors.add(doc_id, prepared.ids[rows], prepared.vectors[rows])
            done += len(chunk)
            if on_progress:
                on_progress(done, len(entries))
        # markers last: a document counts as indexed only once all its entries are in
        self.keyword.add([marker(doc.doc_id) for doc in docs])

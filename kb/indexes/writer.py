"""The one writer of the indexes: brings them in step with the store, committing as it goes.

Runs only under the KB write lock (``kb.store.lock``). The store is the truth; each index can tell
which documents it holds, so the writer removes what the store lost and adds, in store order,
what an index lacks. That is also how an interrupted import is resumed: the next writer finds
the documents the committed indexes lack and adds them.

**Keyword first.** New documents go into the keyword index first (tokenizing only: a fraction
of embedding's cost), committed on their own, so they are searchable by keyword seconds after
they are stored; their vectors follow in the same ``sync`` (``vectors=False``: not yet, for an
import that stores more files first). Readers search each leg for what it holds and say how
many documents the vector leg lacks; a writer killed between the two is resumed like any other.

**Commit as you go.** Indexing commits every ``index_commit_docs`` documents or
``index_commit_seconds``, whichever comes first, but never spends more than a tenth of its time
committing (saving the vector file of a big KB takes seconds). A commit holds whole documents:
a document's entries, and its keyword marker, are added only once all of them are prepared.
The vector file is saved (aside, then renamed), the keyword index committed, and the new
``index_generation`` recorded in the store, in that order: a kill anywhere leaves every index
at a commit, and readers reopen at the next generation.

**Building aside.** A keyword backend switch (``auto``: whoosh → tantivy as the KB grows) and
``kb reindex`` build new indexes under new names, recorded in the store as pending, while
readers keep using the committed ones. A pending index replaces the live one at the first
commit where it holds every document the live one holds, so what readers find never shrinks;
a killed build is resumed by the next writer.
"""
from __future__ import annotations

import shutil
import threading
import time
import uuid
from typing import Callable, Iterable

import numpy as np

from index.backends import open_keyword_index, open_vector_index
from index.bulk import PIECE_CHARS, Entry, embed_ahead, number_of_vector, prepare, take_ahead
from index.embed import Embedder, EmbeddingCache
from index.keyword import KEYWORD_BACKENDS
from index.keyword_base import KeywordDoc, KeywordIndex, marker
from index.milvus import drop_collection
from index.tokenize import DOMAIN_TERMS, Tokenizer
from index.vector import VectorIndex
from ingest.models import Document
from ingest.script import reading_form
from kb.config import Config
from kb.errors import InvalidInput
from kb.indexes.reader import (
    META_BACKEND,
    META_EMBEDDER,
    META_KEYWORD_DIR,
    META_VECTORS_FILE,
    Layout,
    check_backend,
    check_embedder,
    check_volume,
    document_entries,
    index_volume,
    store_words,
)
from kb.store.interface import Store

COMMIT_SHARE = 0.1  # the most of its time indexing spends committing
# Building a tokenizer loads jieba's dictionary (1-3 s), and an import tokenizes each batch of
# files it stores (keyword first): the last one is kept for the next batch of the same KB.
_last_tokenizer: dict[str, Tokenizer] = {}
_tokenizer_lock = threading.Lock()
CACHE_FILE = "embeddings.sqlite"
# What lives in the index folder under a name the layout gives (others are left-overs).
INDEX_FILE_PREFIXES = ("keyword-", "vectors")


class CommitPacer:
    """When to commit: after ``docs`` ready documents or ``seconds``, whichever comes first,
    once at least (1 / COMMIT_SHARE - 1) times the last commit's cost has passed."""

    def __init__(self, docs: int, seconds: float):
        self.docs, self.seconds = max(docs, 1), seconds
        self.since, self.cost = time.monotonic(), 0.0

    def due(self, ready: int) -> bool:
        elapsed = time.monotonic() - self.since
        return (ready > 0 and (ready >= self.docs or elapsed >= self.seconds)
                and elapsed >= self.cost * (1 / COMMIT_SHARE - 1))

    def committed(self, cost: float) -> None:
        self.since, self.cost = time.monotonic(), cost


class IndexWriter:
    def __init__(self, store: Store, config: Config, embedder: Embedder, rebuild: bool = False):
        """Checks, before anything is written, that the indexes may be added to with this
        configuration (another embedder than the recorded one needs ``rebuild``)."""
        self.store, self.config, self.embedder, self.rebuild = store, config, embedder, rebuild
        self.dir, self.server = config.index_dir, config.index_server
        self.layout = Layout.read(store)
        if not self.server:  # index files: the ones this store's indexes are in
            check_volume(self.layout, store, self.dir)
        resuming_rebuild = self.layout.pending.get(META_EMBEDDER) == config.embedder
        if not rebuild and not resuming_rebuild:
            check_embedder(self.layout.embedder, config)
            check_backend(self.layout, config)

    def sync(self, on_progress: Callable[[int, int], None] | None = None,
             changed: frozenset[str] = frozenset(), on_keyword: Callable[[int, int], None] | None = None,
             vectors: bool = True) -> dict[str, int]:
        """Make the indexes hold exactly the store's documents (with ``vectors`` False: the
        keyword index only, the vectors are left to a later sync). Returns what changed.
        ``on_keyword(done, total)``: stored documents the keyword index holds, after each keyword
        commit; ``on_progress(done, total)``: entries embedded. ``changed``: documents whose tasks
        a person corrected: indexed again (their unchanged texts take their vectors from the
        embedding cache), both legs in one commit."""
        self._changed, self._with_vectors = changed, vectors
        self.dir.mkdir(parents=True, exist_ok=True)
        self._plan()
        self._drop_unreferenced()
        live, pending = self.layout, self.layout.pending
        # what readers find now: a pending index must hold it all before it replaces the live one
        self._live_ids = {
            "keyword": self._keyword_ids(live.backend, live.keyword_dir) if META_KEYWORD_DIR in pending else set(),
            "vectors": open_vector_index(self.dir / live.vectors_file, self.embedder.dim, self.server).doc_ids()
            if META_VECTORS_FILE in pending else set()}
        keyword = open_keyword_index(pending.get(META_BACKEND, live.backend),
                                     self.dir / pending.get(META_KEYWORD_DIR, live.keyword_dir),
                                     writable=True, server=self.server)
        vectors = open_vector_index(self.dir / pending.get(META_VECTORS_FILE, live.vectors_file),
                                    self.embedder.dim, self.server)
        try:
            counts = self._catch_up(keyword, vectors, on_keyword, on_progress)
        finally:
            keyword.close()
        del vectors  # the vector index is not needed while the keyword one is written again (peak memory)
        if self._with_vectors and not self.layout.pending and not self.server:  # Milvus keeps its own segments
            self._compact_keyword()
        return counts

    def _compact_keyword(self) -> None:
        """A keyword index spread over segments (``KeywordIndex.fragmented``) written again aside,
        compact, and made the live one (readers move to it at the next generation); at the end of
        a full sync only, not after each batch of an import (an index is written again once as it
        grows by a third). A writer killed meanwhile leaves a folder no layout names (dropped)."""
        layout, name = self.layout, _fresh_name(f"keyword-{self.layout.backend}-")
        live = open_keyword_index(layout.backend, self.dir / layout.keyword_dir, server=self.server)
        try:
            compacted = live.fragmented() and live.compact_into(self.dir / name)
        finally:
            live.close()
        if not compacted:
            self._delete(name, local_only=True)
            return
        replaced, layout.keyword_dir = layout.keyword_dir, name
        self.store.set_index_state(layout.meta())
        self._delete(replaced)

    # --- what to build where ------------------------------------------------------------------
    def _plan(self) -> None:
        """Decide the keyword backend, start (or resume, or drop) a build aside, and record it
        before anything is built, so a killed writer's successor knows what was under way."""
        layout, before = self.layout, self.layout.meta()
        pending = dict(layout.pending)
        if self.rebuild or pending.get(META_EMBEDDER, self.config.embedder) != self.config.embedder:
            self._delete(pending.get(META_KEYWORD_DIR), pending.get(META_VECTORS_FILE))
            pending = {}
        if self.rebuild:
            backend = self._pick_backend("")
            pending = {META_BACKEND: backend, META_KEYWORD_DIR: _fresh_name(f"keyword-{backend}-"),
                       META_VECTORS_FILE: _fresh_name("vectors-", ".faiss"),
                       META_EMBEDDER: self.config.embedder}
        elif META_BACKEND not in pending:
            wanted = self._pick_backend(layout.backend)
            if wanted != layout.backend:
                if self._keyword_ids(layout.backend, layout.keyword_dir):
                    # readers keep the live one until the new one has caught up
                    pending.update({META_BACKEND: wanted,
                                    META_KEYWORD_DIR: _fresh_name(f"keyword-{wanted}-")})
                else:  # nothing to keep showing: switch in place
                    self._delete(layout.keyword_dir)
                    layout.backend, layout.keyword_dir = wanted, f"keyword-{wanted}"
        layout.embedder = layout.embedder or self.config.embedder
        if self.store.shared and not self.server:
            layout.volume = layout.volume or index_volume(self.dir, create=True)
        layout.pending = pending
        if layout.meta() != before:
            self.store.set_index_state(layout.meta())

    def _keyword_ids(self, backend: str, name: str) -> set[str]:
        index = open_keyword_index(backend, self.dir / name, server=self.server)
        try:
            return index.doc_ids()
        finally:
            index.close()

    def _pick_backend(self, current: str) -> str:
        """The configured backend; for "auto", whoosh while the KB is small, tantivy once it has
        grown past whoosh_max_entries (and from then on: a KB does not flip back and forth)."""
        if self.server:  # Milvus holds both legs
            return "milvus"
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

    def _drop_unreferenced(self) -> None:
        """Index files no layout names: replaced indexes a killed writer did not get to delete,
        a vector file half-written aside."""
        named = {self.layout.keyword_dir, self.layout.vectors_file,
                 self.layout.pending.get(META_KEYWORD_DIR), self.layout.pending.get(META_VECTORS_FILE)}
        self._delete(*(path.name for path in self.dir.iterdir()
                       if path.name.startswith(INDEX_FILE_PREFIXES) and path.name not in named),
                     local_only=True)

    def _delete(self, *names: str | None, local_only: bool = False) -> None:
        for name in filter(None, names):
            if self.server and not local_only:
                drop_collection(self.server, self.dir / name)
            path = self.dir / name
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)

    # --- catching up, a commit at a time --------------------------------------------------------
    def _catch_up(self, keyword: KeywordIndex, vectors: VectorIndex, on_keyword, on_vectors) -> dict[str, int]:
        docs = {doc.doc_id: doc for doc in self.store.documents()}
        in_keyword, in_vectors = keyword.doc_ids(), vectors.doc_ids()
        stale = (in_keyword | in_vectors) - (docs.keys() - self._changed)
        for doc_id in stale:
            keyword.remove_doc(doc_id)
            vectors.remove_doc(doc_id)
        removed_vectors = bool(stale & in_vectors)
        in_keyword, in_vectors = in_keyword - stale, in_vectors - stale  # a corrected document: added again
        keyword_todo = [doc for doc_id, doc in docs.items() if doc_id not in in_keyword]
        vector_todo = [doc for doc_id, doc in docs.items() if doc_id not in in_vectors] if self._with_vectors else []
        pacer = CommitPacer(self.config.index_commit_docs, self.config.index_commit_seconds)
        # the keyword phase's first commit also saves the vectors' removals: no committed leg
        # ever holds a removed document whose row ids a new one may reuse
        batch = _Batch(keyword, vectors, {d.doc_id for d in keyword_todo}, set())
        batch.changed_vectors = removed_vectors
        # entries of a document an older version left half-added without its marker
        for doc_id in batch.keyword_missing:
            keyword.remove_doc(doc_id)
        self._on_keyword, self._held = on_keyword, len(docs) - len(keyword_todo)
        if keyword_todo:
            added = self._add(keyword_todo, batch, pacer, docs, None)
            if not self._with_vectors and self.config.index_workers > 1:  # vectors in a later sync: start now
                embed_ahead(str(self.dir / CACHE_FILE), self.embedder.spec, self.config.index_workers,
                            self.config.index_pool_min_entries, added)
        # searchable by keyword before the embedding starts; a correction (one document) keeps
        # both legs in one commit rather than save a big vector file twice
        one_commit = vector_todo and self._changed
        if (stale or batch.ready or batch.changed_vectors or self.layout.pending) and not one_commit:
            self._commit(batch, docs, pacer)
        if vector_todo:
            changed_vectors = batch.changed_vectors
            batch = _Batch(keyword, vectors, set(), {d.doc_id for d in vector_todo})
            batch.changed_vectors = changed_vectors
            # a pacer of its own: a keyword commit's cost (whoosh merging) says nothing of a vector one's
            pacer = CommitPacer(self.config.index_commit_docs, self.config.index_commit_seconds)
            self._add(vector_todo, batch, pacer, docs, on_vectors)
            self._commit(batch, docs, pacer)
        elif self._with_vectors and (idle := take_ahead(str(self.dir / CACHE_FILE))) is not None:
            idle.close()  # embedding ahead for documents no longer to be embedded
        return {"removed": len(stale - self._changed),
                "added": len({d.doc_id for d in keyword_todo} | {d.doc_id for d in vector_todo})}

    def _add(self, todo: list[Document], batch: "_Batch", pacer: CommitPacer,
             docs: dict[str, Document], on_progress) -> list[Entry]:
        """Prepare the entries of ``todo`` for what ``batch`` adds (tokens for the keyword
        index, vectors for the vector index), committing as they are ready. Returns the entries."""
        entries: list[Entry] = []
        for doc in todo:
            own = document_entries(self.store, doc)
            batch.expect(doc.doc_id, len(own))
            entries += own
        tokenizer = self._tokenizer(docs.values()) if batch.keyword_missing else None
        embedder = self.embedder if batch.vectors_missing else None
        if embedder is not None:  # HNSW from the start when the new vectors take the index past its flat size
            batch.vectors.reserve(sum(len(e.text) // PIECE_CHARS + 1 for e in entries))
        cache = EmbeddingCache(self.dir / CACHE_FILE) if embedder is not None else None
        ahead = take_ahead(str(self.dir / CACHE_FILE)) if embedder is not None else None
        done = 0
        try:
            for chunk, prepared in prepare(entries, tokenizer, embedder, cache, self.config.index_workers,
                                           self.config.index_pool_min_entries, ahead):
                batch.take(chunk, prepared)
                done += len(chunk)
                if on_progress:
                    on_progress(done, len(entries))
                if pacer.due(batch.ready):
                    self._commit(batch, docs, pacer)
        finally:
            if cache is not None:
                cache.close()
            if ahead is not None:
                ahead.close()
        return entries

    def _tokenizer(self, docs: Iterable[Document]) -> Tokenizer:
        """The KB's tokenizer: the one the last sync of this KB used, with the new words, as long
        as the KB's words only grew (a fresh one would lack the words of removed documents).
        ``docs``: the store's documents."""
        words = store_words(self.store, docs)
        key = str(self.dir)
        with _tokenizer_lock:
            kept = _last_tokenizer.get(key)
            if kept is None or not set(kept.user_words) <= {w.strip() for w in [*DOMAIN_TERMS, *words]}:
                kept = Tokenizer(words, fold=reading_form)
            else:
                kept.add_words(words)
            _last_tokenizer.clear()  # one KB's at most: a test process opens many
            _last_tokenizer[key] = kept
        return kept

    def _commit(self, batch: "_Batch", docs: dict[str, Document], pacer: CommitPacer) -> None:
        started = time.monotonic()
        if batch.changed_vectors:
            batch.vectors.save()
        batch.keyword.commit()
        replaced = self._promote_caught_up(batch, docs.keys())
        self.store.set_index_state(self.layout.meta())
        self._delete(*replaced)
        batch.ready, batch.changed_vectors = 0, False
        pacer.committed(time.monotonic() - started)
        if self._on_keyword and batch.keyword_missing:
            self._on_keyword(self._held + batch.added, len(docs))

    def _promote_caught_up(self, batch: "_Batch", stored) -> list[str]:
        """Pending indexes that now hold all the live ones hold become live; returns the names
        of the indexes they replace."""
        layout, pending, replaced = self.layout, self.layout.pending, []
        if META_KEYWORD_DIR in pending and self._live_ids["keyword"] & stored <= batch.keyword.doc_ids():
            replaced.append(layout.keyword_dir)
            layout.backend, layout.keyword_dir = pending.pop(META_BACKEND), pending.pop(META_KEYWORD_DIR)
        if META_VECTORS_FILE in pending and self._live_ids["vectors"] & stored <= batch.vectors.doc_ids():
            replaced.append(layout.vectors_file)
            layout.vectors_file = pending.pop(META_VECTORS_FILE)
            layout.embedder = pending.pop(META_EMBEDDER, layout.embedder)
        return [name for name in replaced if name]


class _Batch:
    """Prepared entries held per document until the document is complete, then added whole
    to each index that lacks it."""

    def __init__(self, keyword: KeywordIndex, vectors: VectorIndex, keyword_missing: set[str],
                 vectors_missing: set[str]):
        self.keyword, self.vectors = keyword, vectors
        self.keyword_missing, self.vectors_missing = keyword_missing, vectors_missing
        self._left: dict[str, int] = {}
        self._keyword_docs: dict[str, list[KeywordDoc]] = {}
        self._vector_parts: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
        self.ready = 0  # complete documents added since the last commit
        self.added = 0  # complete documents added in all
        self.changed_vectors = False

    def expect(self, doc_id: str, n_entries: int) -> None:
        self._left[doc_id] = n_entries
        if not n_entries:
            self._complete(doc_id)

    def take(self, chunk: list[Entry], prepared) -> None:
        for entry, fields in zip(chunk, prepared.fields):
            if entry.doc_id in self.keyword_missing:
                self._keyword_docs.setdefault(entry.doc_id, []).append(
                    KeywordDoc(entry.key, entry.doc_id, entry.kind, fields))
        doc_of_number = {e.number: e.doc_id for e in chunk}
        owners = np.array([doc_of_number[number_of_vector(int(i))] for i in prepared.ids])
        for doc_id in dict.fromkeys(owners.tolist()):
            if doc_id in self.vectors_missing:
                rows = np.flatnonzero(owners == doc_id)
                self._vector_parts.setdefault(doc_id, []).append((prepared.ids[rows], prepared.vectors[rows]))
        for entry in chunk:
            self._left[entry.doc_id] -= 1
            if not self._left[entry.doc_id]:
                self._complete(entry.doc_id)

    def _complete(self, doc_id: str) -> None:
        if doc_id in self.keyword_missing:
            # the marker last: a document counts as indexed only with all its entries
            self.keyword.add([*self._keyword_docs.pop(doc_id, []), marker(doc_id)])
        parts = self._vector_parts.pop(doc_id, [])
        if parts:
            self.vectors.add(doc_id, np.concatenate([ids for ids, _ in parts]),
                             np.concatenate([vectors for _, vectors in parts]))
            self.changed_vectors = True
        self.ready += 1
        self.added += 1


def _fresh_name(prefix: str, suffix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}{suffix}"

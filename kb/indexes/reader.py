"""The indexes as readers see them: the last committed state, reopened when a writer commits.

The SQLite store is the truth; both indexes are derived from it (``kb.indexes.writer`` keeps
them in step, holding the KB write lock). Where the committed indexes are and what they were
built with is in the store's meta table (``Layout``), with a counter, ``index_generation``,
that the writer bumps at every commit. A reader compares it before each query and reopens
what changed; it never writes a file or a row, so it never waits for a writer or stands in
its way. Each leg finds the documents its committed index holds (the writer commits a new
document's keyword entries before its vectors); documents in the store that the committed
indexes do not both hold yet are counted (``lag``), those found by keyword only apart.

Reopening never holds up a query for long: a commit that only removed documents changes the
vector file's tombstone list, which is applied to the vectors in memory; a new vector file
too big to read in a few milliseconds is read by a background thread while queries go on
against the generation already open, and swapped in by the first query after it is read.

This module is also where store rows become index entries: a passage or task row is the entry
keyed "p:<row id>" / "t:<row id>", numbered so that its vector ids tell it apart (``index``
knows keys, numbers and text only).
"""
from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from index.backends import open_keyword_index, open_vector_index
from index.bulk import Entry, number_of_vector
from index.embed import Embedder
from index.errors import SearchIndexError
from index.keyword_base import KeywordIndex, NoKeywordIndex
from index.tokenize import Tokenizer
from index.vector import VectorIndex
from ingest.models import TEXT_SOURCE, Document
from ingest.script import reading_form
from ingest.units import dictionary_words
from kb.config import Config
from kb.errors import IndexesElsewhere, IndexMismatch, IndexUnavailable
from kb.store.interface import Store

KIND_PREFIX = {"passage": "p", "task": "t"}
PREFIX_KIND = {prefix: kind for kind, prefix in KIND_PREFIX.items()}


def entry_key(kind: str, row_id: int) -> str:
    return f"{KIND_PREFIX[kind]}:{row_id}"


@lru_cache(maxsize=1 << 16)  # a query parses each candidate's key several times
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


def store_words(store: Store, docs: Iterable[Document] | None = None) -> list[str]:
    """The tokenizer's user dictionary: domain terms, the KB's unit names and titles (of
    ``docs``, the store's documents when the caller has them already: an import reads them
    at every batch, and reading them twice cost ~5 s over all laws)."""
    titles = [doc.title for doc in (store.documents() if docs is None else docs)]
    units = [name for name, _, _ in store.units()]
    return [*dictionary_words(), *units, *titles]


# --- where the committed indexes are --------------------------------------------------------
META_BACKEND, META_KEYWORD_DIR, META_VECTORS_FILE, META_EMBEDDER, META_PENDING, META_VOLUME = (
    "keyword_backend", "keyword_dir", "vectors_file", "embedder", "index_pending", "index_volume")
VOLUME_FILE = "volume.id"  # names the index folder, for a shared store to tell where its indexes are
VECTORS_FILE = "vectors.faiss"
REOPEN_ATTEMPTS = 3  # a writer may delete what the layout just named: read it again
# A vector file larger than this is read in the background (readers keep the open generation
# meanwhile); a smaller one (~8k 512-dim vectors, read in ~10-20 ms) before the query.
BACKGROUND_REOPEN_BYTES = 16 << 20


@dataclass
class Layout:
    """The committed indexes (a keyword index directory of one backend and a vector file,
    made with one embedder), and the ones a writer is building aside to replace them (after a
    backend switch or for ``kb reindex``): ``pending`` has the same keys, for what is replaced."""
    backend: str = ""
    keyword_dir: str = ""
    vectors_file: str = VECTORS_FILE
    embedder: str = ""
    pending: dict[str, str] = field(default_factory=dict)
    volume: str = ""  # the index folder holding them (``VOLUME_FILE``), for a shared store

    @classmethod
    def read(cls, store: Store) -> "Layout":
        backend = store.get_meta(META_BACKEND) or ""
        return cls(backend, store.get_meta(META_KEYWORD_DIR) or (f"keyword-{backend}" if backend else ""),
                   store.get_meta(META_VECTORS_FILE) or VECTORS_FILE, store.get_meta(META_EMBEDDER) or "",
                   json.loads(store.get_meta(META_PENDING) or "{}"), store.get_meta(META_VOLUME) or "")

    def meta(self) -> dict[str, str]:
        values = {META_BACKEND: self.backend, META_KEYWORD_DIR: self.keyword_dir,
                  META_VECTORS_FILE: self.vectors_file, META_EMBEDDER: self.embedder,
                  META_PENDING: json.dumps(self.pending)}
        return {**values, META_VOLUME: self.volume} if self.volume else values


def index_volume(index_dir: Path, create: bool = False) -> str:
    """The id of this index folder (made by the first writer that uses it); "" if none yet."""
    path = index_dir / VOLUME_FILE
    if not path.exists() and create:
        index_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(uuid.uuid4().hex, encoding="utf-8")
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


def check_volume(layout: Layout, store: Store, index_dir: Path) -> None:
    """A shared store records which index folder its committed indexes are in: a process on
    another machine, with a KB home of its own, would read (or, writing, fork) other files."""
    if store.shared and layout.volume and layout.volume != index_volume(index_dir):
        raise IndexesElsewhere(
            f"这个知识库的索引不在本机的 {index_dir} 里（是另一个知识库目录建的）。多台服务器共用一个 "
            f"PostgreSQL 知识库时，索引文件要放在各进程共用的知识库目录（共享卷）里，或设置 "
            f"index_backend = \"milvus://…\" 使用共享的索引服务。"
            f" (the indexes of this shared store were built in another KB home: share the KB folder "
            f"between the servers, or use a shared index backend)")


def check_backend(layout: Layout, config: Config) -> None:
    """Indexes committed to Milvus are read from Milvus: a KB home whose settings do not say
    where it is (index_backend left at embedded) is told which setting to give."""
    if layout.backend == "milvus" and not config.index_server:
        raise IndexUnavailable(
            f"这个知识库的索引存放在 Milvus 里，但当前设置 index_backend = {config.index_backend!r}"
            f"（知识库目录 {config.home}）：请在 config.json 或环境变量 KB_INDEX_BACKEND 里把 index_backend "
            f"设为建索引时用的 Milvus 地址（milvus://主机:19530 或 milvus-lite:///路径.db）"
            f" (this KB's indexes are in Milvus but index_backend is {config.index_backend!r}: set "
            f"index_backend in config.json or KB_INDEX_BACKEND to the Milvus location they were built in)")


def check_embedder(recorded: str, config: Config) -> None:
    if recorded and recorded != config.embedder:
        raise IndexMismatch(
            f"this KB was indexed with embedder {recorded!r} but the configuration asks for "
            f"{config.embedder!r}: run `kb reindex` to rebuild the vectors with the new one, "
            f"or set embedder back to {recorded!r}")


@dataclass
class IndexLag:
    """Documents in the store that searches do not fully reach yet, and the writer (if one runs).
    ``documents`` counts them all; ``vectors`` those of them the keyword leg already finds
    (keyword-first ingest: their vectors follow)."""
    documents: int = 0
    writer: str = ""  # "pid …，开始于 …" of the import that is indexing them
    vectors: int = 0

    @property
    def message(self) -> str:
        unreached, keyword_only = self.documents - self.vectors, self.vectors
        lines = []
        if unreached and self.writer:
            lines.append(f"还有 {unreached} 个文件正在建索引（导入进行中，{self.writer}），检索和问答暂不包括它们。"
                         f" ({unreached} documents are still being indexed; results leave them out)")
        elif unreached:
            lines.append(f"有 {unreached} 个文件还没有建好索引（上次导入可能被中断），检索和问答暂不包括它们；"
                         f"运行 `kb sync`（或下一次导入）即可补齐。"
                         f" ({unreached} documents are not indexed: an import was interrupted? run `kb sync`)")
        if keyword_only:
            then = "" if self.writer else "；运行 `kb sync`（或下一次导入）即可补齐"
            lines.append(f"语义检索还在补建 {keyword_only} 个文件的向量，这些文件暂时只能按关键词找到{then}。"
                         f" (the vectors of {keyword_only} documents are not built yet: they are found by"
                         f" keyword only{'' if self.writer else '; run `kb sync`'})")
        return "\n".join(lines)


class Indexes:
    """A reader's view: tokenizer, keyword index, embedder and vector index as last committed.

    ``refresh()`` (before every query) costs two SQLite reads when nothing changed."""

    def __init__(self, store: Store, config: Config, embedder: Embedder):
        self.store, self.config, self.embedder = store, config, embedder
        self.dir, self.server = config.index_dir, config.index_server
        self.tokenizer = Tokenizer(fold=reading_form)  # the KB's own words are added at each (re)open
        self.backend = ""
        self.keyword: KeywordIndex = NoKeywordIndex(self.dir)
        self.vectors = VectorIndex(self.dir / VECTORS_FILE, embedder.dim)
        # documents a committed index holds (each leg searches what it holds: keyword-first
        # ingest commits a document's keyword entries before its vectors), and those the
        # vector index holds
        self.indexed: set[str] = set()
        self.embedded: set[str] = set()
        self._generation: int | None = None
        self.loading: _Loading | None = None  # a newer generation being read in the background
        self._failed_in_background = False  # then the next reopen reads in the foreground
        self._store_state: object = None
        self._documents: dict[str, Document] | None = None
        self._memo: dict[str, object] = {}
        self.refresh()

    def refresh(self) -> None:
        """Reopen the indexes if a writer committed since the last look; forget what was read
        from the store if anyone wrote to it."""
        self._take_loaded()
        state = self.store.change_marker()
        if state == self._store_state:
            return
        generation = self.store.index_generation()
        if generation != self._generation and self.loading is None:
            self._reopen(generation)  # may raise (another embedder): then the next query tries again
        self._store_state = state
        self._documents = None
        self._memo.clear()

    def _reopen(self, generation: int) -> None:
        layout = Layout.read(self.store)
        check_embedder(layout.embedder, self.config)
        check_backend(layout, self.config)
        if not self.server:  # index files: the ones this store's indexes are in
            check_volume(layout, self.store, self.dir)
        vectors_path = self.dir / layout.vectors_file
        same_files = (self._generation is not None and not isinstance(self.keyword, NoKeywordIndex)
                      and (layout.backend, layout.keyword_dir) == (self.backend, self.keyword.path.name)
                      and vectors_path == self.vectors.path and self.vectors.file_id)
        current_file = same_files and open_vector_index(vectors_path, self.embedder.dim, self.server).file_id
        if same_files and current_file == self.vectors.file_id:
            # removals only (or keyword changes): tombstones applied to the vectors in memory
            self.keyword.reopen()
            self.vectors.apply_tombstones()
            self._swap(_Loaded(generation, layout, self.keyword, self.vectors, *_held(self.keyword, self.vectors)))
            return
        big = vectors_path.exists() and vectors_path.stat().st_size > BACKGROUND_REOPEN_BYTES
        self.loading = _Loading(self, generation, layout)
        if big and self._generation is not None and not self._failed_in_background:
            self.loading.start()
        else:
            self.loading.run()
            self._take_loaded()

    def _take_loaded(self) -> None:
        """Swap in what the background thread has read; a failure is raised by the next
        reopen, which reads in the foreground."""
        loading = self.loading
        if loading is None or loading.is_alive() or not loading.done:
            return
        self.loading, self._store_state = None, None  # look at the generation again
        self._failed_in_background = loading.error is not None and loading.started_in_background
        if loading.error is not None and not self._failed_in_background:
            raise loading.error
        if loading.result is not None:
            self._swap(loading.result)

    def _swap(self, loaded: "_Loaded") -> None:
        if loaded.keyword is not self.keyword:
            self.keyword.close()
        self.backend, self.keyword, self.vectors, self.indexed, self.embedded = (
            loaded.layout.backend, loaded.keyword, loaded.vectors, loaded.indexed, loaded.embedded)
        self._generation = loaded.generation
        self.tokenizer.add_words(store_words(self.store))  # words of the newly indexed documents

    def lag(self) -> tuple[int, int]:
        """Stored documents the vector index does not hold (an import is indexing them, or was
        killed before it could: the keyword index is filled first, so this leg is the one
        behind), and of them those the keyword index holds (found by keyword only)."""
        missing = [doc_id for doc_id in self.documents() if doc_id not in self.embedded]
        return len(missing), sum(doc_id in self.indexed for doc_id in missing)

    def memo(self, name: str, compute: Callable[[], object]):
        """A value derived from the store, computed once per change of the store (unit names
        for questions…)."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]

    def forget(self, *names: str) -> None:
        """Drop these memos (a benchmark's first-time queries: kb.search keeps its recent queries')."""
        for name in names:
            self._memo.pop(name, None)

    def term_frequency(self, term: str) -> int:
        """How many passages and tasks use ``term`` (a word); the index counts it once per commit."""
        return self.keyword.doc_frequency(term)

    def documents(self) -> dict[str, Document]:
        """The store's documents (without text) by id, read once per change of the store."""
        if self._documents is None:
            self._documents = {doc.doc_id: doc for doc in self.store.documents()}
        return self._documents

    def not_read_as_text(self, doc_ids: list[str]) -> list[str]:
        """Those of these documents OCR read (in whole or part), or not listed: what to ask the store
        about OCR'd lines (most KBs have none, and a search need not ask)."""
        listed = self.documents()
        return [doc_id for doc_id in doc_ids if getattr(listed.get(doc_id), "source", None) != TEXT_SOURCE]

    def close(self) -> None:
        if self.loading is not None:
            self.loading.join()
            if self.loading.result is not None:
                self.loading.result.keyword.close()
            self.loading = None
        self.keyword.close()


@dataclass
class _Loaded:
    generation: int
    layout: Layout
    keyword: KeywordIndex
    vectors: VectorIndex
    indexed: set[str]
    embedded: set[str]


def _held(keyword: KeywordIndex, vectors: VectorIndex) -> tuple[set[str], set[str]]:
    """(documents either index holds, documents the vector index holds)."""
    in_vectors = vectors.doc_ids()
    return keyword.doc_ids() | in_vectors, in_vectors


class _Loading(threading.Thread):
    """Opens a generation's indexes and reads its vectors, touching nothing the reader uses
    (the store stays with the reader's thread: the layout is read before)."""

    def __init__(self, indexes: Indexes, generation: int, layout: Layout):
        super().__init__(daemon=True, name="policykb-reopen")
        self.generation, self.layout = generation, layout
        self.dir, self.dim, self.store, self.server = indexes.dir, indexes.embedder.dim, indexes.store, indexes.server
        self.result: _Loaded | None = None
        self.error: Exception | None = None
        self.done = False
        self.started_in_background = False

    def start(self) -> None:
        self.started_in_background = True
        super().start()

    def run(self) -> None:
        try:
            for attempt in range(REOPEN_ATTEMPTS):
                try:
                    keyword = open_keyword_index(self.layout.backend, self.dir / self.layout.keyword_dir,
                                                 server=self.server)
                    vectors = open_vector_index(self.dir / self.layout.vectors_file, self.dim, self.server)
                    vectors.load()
                    self.result = _Loaded(self.generation, self.layout, keyword, vectors, *_held(keyword, vectors))
                    break
                except (OSError, SearchIndexError):
                    if attempt == REOPEN_ATTEMPTS - 1 or self.started_in_background:
                        raise
                    self.layout = Layout.read(self.store)  # a writer moved on: read it again
        except Exception as error:  # noqa: BLE001 - handed to the reader's thread
            self.error = error
        finally:
            self.done = True

"""KnowledgeBase: the one object the CLI and the app talk to."""
from __future__ import annotations

import functools
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from index.bulk import Entry
from index.embed import Embedder, make_embedder
from ingest.models import Document, Passage, span_confidence
from ingest.units import canonical, is_placeholder
from kb.accounts.roles import Actor, local_user, require
from kb.answers.ask import ask
from kb.config import Config, load_config
from kb.errors import InvalidInput, as_kb_errors
from kb.indexes.reader import Indexes, IndexLag, document_entries
from kb.indexes.writer import IndexWriter
from kb.intake import MB, IngestResult, ReadFile, collect_files, read_for_store, store_read
from kb.models import Answer, Citation, Hit
from kb.review import table_import
from kb.review.changes import Applied, Change, apply
from kb.search import Filters, search
from kb.store.factory import open_store
from kb.store.interface import Store, StoredTask, export_row
from kb.store.reviews import Review
from kb.tables import export as exporter
from kb.tables.ics import ics_bytes
from kb.tables.tracking import unit_matcher

FILE_FORMATS = (*exporter.FORMATS, "ics")  # what export writes: the tables, and the deadlines as a calendar


def locked(method):
    """Run the method holding the KB's reader lock (one SQLite connection and one set of open
    indexes, many app threads), with index errors raised as the KBErrors users see."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self.lock, as_kb_errors():
            return method(self, *args, **kwargs)
    return wrapper


def unit_key(unit: str | None) -> Callable[[str], str]:
    """How a by-unit export groups owners: with a unit asked for, that unit alone (its family
    merged: 市应急局 and 县应急管理局 on one sheet, named as asked); else every unit by its
    canonical name. Placeholders (各有关部门…) get no sheet."""
    if unit:
        matches = unit_matcher(unit)
        return lambda name: unit.strip() if matches(name) else ""
    return lambda name: "" if is_placeholder(name) else canonical(name)


# Files read are stored a few at a time, each batch under one hold of the write lock: a batch
# ends at this many files or this much text held in memory (a law is ~20k characters).
STORE_BATCH_FILES = 20
STORE_BATCH_CHARS = 20_000_000


class KnowledgeBase:
    """Documents, passages and tasks in one SQLite file under ``home`` (or in a PostgreSQL
    database several servers share), with keyword and vector indexes under ``home`` that
    follow the store.

    >>> kb = KnowledgeBase("kb_data")
    >>> kb.ingest(["corpus/"])
    >>> kb.search("外包工程安全管理", k=5)
    >>> kb.tasks(unit="应急局", role="lead")

    Reads (search, ask, tasks, export…) never write: they see the last commit of the store and
    of each index, and pick up new commits before each query. Writes (ingest, remove, reindex,
    sync) take the KB's write lock, one writer at a time across processes; a second one waits
    (``on_wait`` is told why) up to ``write_lock_timeout_s``. One object may be shared by
    several threads (the Streamlit app does): reads hold one thread lock, a write runs on its
    own connection and does not stop other threads from reading.
    """

    def __init__(self, home: str | os.PathLike | None = None, store: str | None = None, reader: bool = False):
        """``store``: where the documents are (see ``Config.store``); default the setting.
        ``reader``: this process only reads the KB (``kb search``): it then leaves every file of
        the KB folder as it finds it, even after a killed writer; writes are refused."""
        self.config: Config = load_config(home)
        if store is not None:
            self.config.store = store
        self.reader = reader
        self.store = open_store(self.config, read_only=True, reader_process=reader)
        self._indexes: Indexes | None = None
        self._embedder: Embedder | None = None
        self.lock = threading.RLock()
        self.write_lock = self.store.write_lock(self.config.home, self.config.write_lock_timeout_s)

    @property
    def embedder(self) -> Embedder:
        """One embedder (and one loaded model) for this object's reads and writes."""
        if self._embedder is None:
            with as_kb_errors():
                self._embedder = make_embedder(self.config.embedder)
        return self._embedder

    @property
    @locked
    def indexes(self) -> Indexes:
        """The committed indexes, opened on first use and reopened when a writer commits."""
        if self._indexes is None:
            self._indexes = Indexes(self.store, self.config, self.embedder)
        else:
            self._indexes.refresh()
        return self._indexes

    @locked
    def close(self) -> None:
        if self._indexes is not None:
            self._indexes.close()
            self._indexes = None
        self.store.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writes ----------------------------------------------------------------------------
    @contextmanager
    def _writing(self, on_wait: Callable[[str], None] | None) -> Iterator[Store]:
        """The write lock, and a connection of the writer's own; afterwards this object's reads
        see what was written."""
        if self.reader:
            raise InvalidInput("这个知识库对象只用于查询，不能写入 (opened with reader=True)")
        with as_kb_errors(), self.write_lock.hold(on_wait):
            store = open_store(self.config)
            try:
                yield store
            finally:
                store.close()
        self._see_own_writes()

    def _see_own_writes(self) -> None:
        """Wait for this object's indexes to reach the generation just written, without holding
        the reader lock while a big vector file is read (other threads keep searching)."""
        with self.lock, as_kb_errors():
            if self._indexes is None:
                return
            self._indexes.refresh()
            loading = self._indexes.loading
        if loading is not None:
            loading.join()
            with self.lock, as_kb_errors():
                self._indexes.refresh()

    def ingest_file(self, path: str | os.PathLike, on_wait: Callable[[str], None] | None = None,
                    on_page: Callable[[int, int], None] | None = None, actor: Actor | None = None) -> IngestResult:
        """Store one file and index it: searchable when this returns. ``on_page(done, total)``
        reports pages read by OCR (scans and photos take seconds a page); searches go on
        meanwhile (readers never wait for a writer)."""
        return self.ingest([path], on_wait=on_wait, actor=actor,
                           on_page=(lambda _path, done, total: on_page(done, total)) if on_page else None)[0]

    def ingest(self, paths: Iterable[str | os.PathLike],
               on_file: Callable[[IngestResult], None] | None = None,
               on_index: Callable[[int, int], None] | None = None,
               on_wait: Callable[[str], None] | None = None,
               max_file_mb: int | None = None,
               on_page: Callable[[str, int, int], None] | None = None,
               actor: Actor | None = None,
               on_vectors: Callable[[int, int], None] | None = None) -> list[IngestResult]:
        """Store every file (each in its own transaction), each batch stored searchable by
        keyword at once, then embed the new documents, committing as it goes (in worker
        processes when there are many). ``on_index(done, total)`` reports stored documents the
        keyword index holds, ``on_vectors(done, total)`` entries embedded, ``on_page(path, done,
        total)`` pages read by OCR; files over ``max_file_mb`` (default: the setting) are refused.

        Files are read and parsed (OCR included: seconds a page) holding no lock; the write
        lock is taken to store what was read, a few files at a time, and to index. So a scan
        being read does not keep other imports, removals or syncs waiting.

        ``actor``: who imports (default: the OS user, as the CLI); needs the editor role, and
        each file stored is recorded in the audit trail."""
        actor = actor or local_user()
        require(actor, "import")
        files = collect_files(paths)
        limit = (max_file_mb or self.config.max_file_mb) * MB
        with self._writing(on_wait) as store:
            IndexWriter(store, self.config, self.embedder)  # refuses a changed embedder before anything is read
        results: list[IngestResult] = []
        batch: list[ReadFile] = []
        for path in files:
            pages = functools.partial(on_page, str(path)) if on_page else None
            batch.append(read_for_store(path, limit, self.config, pages))
            if len(batch) == STORE_BATCH_FILES or sum(read.size for read in batch) >= STORE_BATCH_CHARS:
                results += self._store(batch, actor, on_file, on_wait, on_index)
                batch = []
        results += self._store(batch, actor, on_file, on_wait, on_index, on_vectors, vectors=True)
        return results

    def _store(self, batch: list[ReadFile], actor: Actor, on_file: Callable[[IngestResult], None] | None,
               on_wait: Callable[[str], None] | None, on_index: Callable[[int, int], None] | None = None,
               on_vectors: Callable[[int, int], None] | None = None, vectors: bool = False) -> list[IngestResult]:
        """Store files read, under the write lock, and index them by keyword; with ``vectors``
        bring the indexes up to date."""
        with self._writing(on_wait) as store:
            results = []
            for read in batch:
                results.append(store_read(store, read))
                store.append_audit(actor.name, "import", results[-1].path, None,
                                   {"status": results[-1].status, "doc_id": results[-1].doc_id})
                if on_file:
                    on_file(results[-1])
            IndexWriter(store, self.config, self.embedder).sync(on_vectors, on_keyword=on_index, vectors=vectors)
        return results

    def sync(self, on_progress: Callable[[int, int], None] | None = None,
             on_wait: Callable[[str], None] | None = None, actor: Actor | None = None) -> dict[str, int]:
        """Bring the indexes in step with the store: what an interrupted import left undone."""
        require(actor or local_user(), "reindex")
        with self._writing(on_wait) as store:
            return IndexWriter(store, self.config, self.embedder).sync(on_progress)

    def reindex(self, on_progress: Callable[[int, int], None] | None = None,
                on_wait: Callable[[str], None] | None = None, actor: Actor | None = None) -> dict[str, int]:
        """Rebuild both indexes from the store, with the configured embedder and backend,
        beside the current ones (which searches use until the new ones have caught up).
        Unchanged texts take their vectors from the embedding cache."""
        actor = actor or local_user()
        require(actor, "reindex")
        with self._writing(on_wait) as store:
            store.append_audit(actor.name, "reindex")
            return IndexWriter(store, self.config, self.embedder, rebuild=True).sync(on_progress)

    def remove(self, ref: str, on_wait: Callable[[str], None] | None = None, actor: Actor | None = None) -> Document:
        return self.remove_many([ref], on_wait, actor)[0]

    def remove_many(self, refs: Iterable[str], on_wait: Callable[[str], None] | None = None,
                    actor: Actor | None = None) -> list[Document]:
        """Remove documents (each ref as in ``document``) in one write: one index commit, whose
        vectors are only tombstoned (the vector file is not rewritten). A person's corrections
        of their tasks are kept: they apply again if the same text is imported again."""
        actor = actor or local_user()
        require(actor, "remove")
        with self._writing(on_wait) as store:
            writer = IndexWriter(store, self.config, self.embedder)
            docs: list[Document] = []
            try:
                for ref in refs:
                    docs.append(store.remove(ref))
                    store.append_audit(actor.name, "remove", docs[-1].doc_id, {"file": docs[-1].file,
                                                                               "title": docs[-1].title})
            finally:  # what was removed before a ref that is not found leaves the indexes too
                writer.sync()
        return docs

    def correct(self, change: Change, actor: Actor | None = None,
                on_wait: Callable[[str], None] | None = None) -> Applied:
        """Correct the task table (``kb.review.changes``: Edit, Confirm, Hide, Split, Merge,
        Add, Restore) for ``actor`` (needs the editor role). The change, its before and after
        are recorded in one transaction; the document is indexed again, so searches and
        answers read the corrected tasks when this returns."""
        actor = actor or local_user()
        require(actor, "correct")
        with self._writing(on_wait) as store:
            with store._write():
                applied = apply(store, change, actor.name)
                store._append_audit(actor.name, f"correct:{change.action}", applied.doc_id,
                                    applied.before, applied.after)
            IndexWriter(store, self.config, self.embedder).sync(changed=frozenset({applied.doc_id}))
        return applied

    # ---- search ----------------------------------------------------------------------------
    @locked
    def search(self, query: str, mode: str = "hybrid", k: int = 10, doc: str | None = None,
               issuer: str | None = None, year_from: int | None = None,
               year_to: int | None = None, level: str | None = None, unit: str | None = None,
               kind: str | None = None, doc_kind: str | None = None) -> list[Hit]:
        """Passages and tasks for ``query``, best first. ``mode``: hybrid (keyword and vector
        fused by reciprocal rank), keyword (BM25) or vector (embeddings). ``doc_kind``: notice
        or regulation only (without it, each kind keeps a share of the first places)."""
        filters = Filters(doc, issuer, year_from, year_to, level, unit, kind, doc_kind=doc_kind)
        return self._mark_ocr(search(self.indexes, query, mode, k, filters))

    @locked
    def ask(self, question: str) -> Answer:
        """Answer a question (Chinese or English) from the tasks and passages, with citations.

        >>> kb.ask("消防整治谁牵头？").answer
        '济南市：牵头单位：市消防救援支队；沂源县：责任单位：县教育和体育局、…'
        """
        answer = ask(self.indexes, question)
        self._mark_ocr([*answer.citations, *(group.citation for group in answer.groups if group.citation)])
        return answer

    def _mark_ocr(self, quotes: list[Citation | Hit]) -> list:
        """Set ``ocr_confidence`` on the quotes whose text OCR read, so they are shown as such (the caller
        just searched ``_indexes``: not refreshed again)."""
        spans = self.store.ocr_spans(self._indexes.not_read_as_text([quote.doc_id for quote in quotes]))
        for quote in quotes:
            if quote.doc_id in spans:
                quote.ocr_confidence = span_confidence(spans[quote.doc_id], quote.start, quote.end)
        return quotes

    # ---- read ------------------------------------------------------------------------------
    @locked
    def documents(self) -> list[dict]:
        return self.store.document_rows()

    @locked
    def document(self, ref: str) -> Document:
        return self.store.get_document(ref)

    @locked
    def passages(self, ref: str) -> list[Passage]:
        return self.store.passages(self.store.get_document(ref, with_text=False).doc_id)

    @locked
    def units(self) -> list[tuple[str, str, int]]:
        """(canonical name, family, number of tasks) of every unit named in a task."""
        return self.store.units()

    @locked
    def tasks(self, **filters) -> list[StoredTask]:
        return self.store.tasks(**filters)

    @locked
    def task_rows(self, **filters) -> list[dict]:
        return self.store.task_rows(**filters)

    @locked
    def task_rows_with_ids(self, **filters) -> list[dict]:
        """Export rows as ``task_rows`` gives them, each with the ``id`` `kb task …` takes, from
        one read (two reads could pair a row with another task's id if a writer came between)."""
        return [{"id": stored.id, **export_row(stored)} for stored in self.store.tasks(**filters)]

    @locked
    def reviews(self, stale_only: bool = False) -> list[Review]:
        """A person's corrections (``stale_only``: those the last extraction no longer matched)."""
        return self.store.stale_reviews() if stale_only else self.store.reviews()

    @locked
    def plan_corrections(self, path: str | os.PathLike) -> table_import.Plan:
        """What an edited 任务分工表 (xlsx or csv of ``export``) asks to change, cell by cell, and
        the rows it cannot use (``kb.review.table_import``). Writes nothing: ``apply_plan`` does."""
        def exported(row: dict) -> dict:  # the cells export writes for the row, to compare with
            return {c.header: c.value(exporter.Line(0, exporter.normalise_row(row))) for c in exporter.TASK_COLUMNS}
        return table_import.plan_corrections(self.store, path, exported)

    @locked
    def review_progress(self) -> dict[str, tuple[int, int]]:
        """doc_id → (tasks a person confirmed or corrected, tasks)."""
        return self.store.review_progress()

    # The two exports read their rows under the lock (task_rows) and write the file without
    # it: a full xlsx of the laws corpus takes seconds, and other app sessions should not wait.
    def export(self, path: str | os.PathLike, fmt: str | None = None, by_unit: bool = False,
               **filters) -> Path:
        """Write a 任务分工表 (xlsx / csv / jsonl) or the deadlines as a calendar (ics: an event
        per task with a deadline); the format from the suffix when ``fmt`` is None."""
        fmt = fmt or Path(path).suffix.lstrip(".").lower()
        if fmt not in FILE_FORMATS:
            raise InvalidInput(f"不能导出为“{fmt}”格式：请用 {'、'.join(FILE_FORMATS)} 之一（文件后缀或 --format） "
                               f"(unknown export format {fmt!r})")
        if fmt == "ics" and by_unit:
            raise InvalidInput("日历 .ics 不分单位，不能按单位导出（--by-unit） (ics has no sheets)")
        rows = self.task_rows(**filters)
        if fmt == "ics":
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(ics_bytes(rows))
            return path
        return exporter.export_rows(rows, fmt, path, by_unit=by_unit, unit_key=unit_key(filters.get("unit")))

    def export_bytes(self, fmt: str, by_unit: bool = False, **filters) -> bytes:
        return exporter.to_bytes(self.task_rows(**filters), fmt, by_unit=by_unit,
                                 unit_key=unit_key(filters.get("unit")))

    @locked
    def index_entries(self) -> list[Entry]:
        """What the indexes are built from: one entry per passage and task, in store order.
        The seam the benchmarks time the index stages on (``index.bulk``, ``index.keyword``…)."""
        return [e for doc in self.store.documents() for e in document_entries(self.store, doc)]

    @locked
    def stats(self) -> dict[str, int]:
        return self.store.count()

    @locked
    def version(self) -> tuple[int, ...]:
        """Changes whenever what reads return may change: the store's counts and the index
        generation (a cache key for the app)."""
        return (*self.store.count().values(), self.store.index_generation())

    def index_lag(self) -> IndexLag:
        """How many stored documents searches do not reach yet (``.vectors``: by keyword only),
        and the import indexing them. ``.message`` says it."""
        missing, keyword_only = self.indexes.lag()
        lag = IndexLag(missing, vectors=keyword_only)
        if lag.documents:
            holder = self.write_lock.holder()
            lag.writer = holder.describe() if holder else ""
        return lag

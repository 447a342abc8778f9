"""KnowledgeBase: the one object the CLI and the app talk to."""
from __future__ import annotations

import functools
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable

from index.bulk import Entry
from ingest.errors import IngestError
from ingest.models import Document, ParsedDocument, Passage, span_confidence
from ingest.pipeline import parse_file
from ingest.readers import SUPPORTED_SUFFIXES, ReadOptions
from ingest.units import canonical
from kb import export as exporter
from kb.config import Config, load_config
from kb.errors import InvalidInput, as_kb_errors
from kb.indexer import Indexes, document_entries
from kb.models import Answer, Citation, Hit
from kb.qa import ask
from kb.search import Filters, search
from kb.store import Store, StoredTask


@dataclass
class IngestResult:
    path: str
    status: str  # added | replaced | duplicate | error
    doc_id: str = ""
    title: str = ""
    n_tasks: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "error"

    def to_dict(self) -> dict:
        return asdict(self)


def collect_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, and every supported file under the given folders (sorted, no hidden)."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                                and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            files.append(p)  # missing or unsupported files get their error from the reader
    return files


def locked(method):
    """Run the method holding the KB's lock (one SQLite connection, many app threads), with
    index errors raised as the KBErrors users see."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self.lock, as_kb_errors():
            return method(self, *args, **kwargs)
    return wrapper


class KnowledgeBase:
    """Documents, passages and tasks in one SQLite file under ``home``, with keyword and
    vector indexes beside it that follow the file.

    >>> kb = KnowledgeBase("kb_data")
    >>> kb.ingest(["corpus/"])
    >>> kb.search("外包工程安全管理", k=5)
    >>> kb.tasks(unit="应急局", role="lead")

    One object may be shared by several threads (the Streamlit app does): every public method
    holds one lock.
    """

    def __init__(self, home: str | os.PathLike | None = None):
        self.config: Config = load_config(home)
        self.store = Store(self.config.db_path)
        self._indexes: Indexes | None = None
        self.lock = threading.RLock()

    @property
    @locked
    def indexes(self) -> Indexes:
        """Opened on first use (loading the embedder takes a second), then brought in step
        with the store, which also repairs what a killed ingest left behind."""
        if self._indexes is None:
            self._indexes = Indexes(self.store, self.config)
            self._indexes.sync()
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

    # ---- ingest ----------------------------------------------------------------------------
    def ingest_file(self, path: str | os.PathLike,
                    on_page: Callable[[int, int], None] | None = None) -> IngestResult:
        """Store one file and index it: searchable when this returns. ``on_page(done, total)``
        reports pages read by OCR (scans and photos take seconds a page). The file is read
        outside the KB's lock, so the app's other users can search while a scan is OCR'd."""
        parsed = self._parse(path, on_page)
        with self.lock, as_kb_errors():
            result = self._store(path, parsed)
            if result.status in ("added", "replaced"):
                self.indexes.sync()
        return result

    def _store_file(self, path: str | os.PathLike,
                    on_page: Callable[[int, int], None] | None = None) -> IngestResult:
        return self._store(path, self._parse(path, on_page))

    def _parse(self, path: str | os.PathLike,
               on_page: Callable[[int, int], None] | None) -> ParsedDocument | IngestResult:
        """The parsed file, or the error result that says why it cannot be read."""
        try:
            options = ReadOptions(ocr_workers=self.config.ocr_workers, on_page=on_page)
            return parse_file(path, self.config.passage_max_chars, options)
        except IngestError as exc:
            return IngestResult(str(path), "error", error=str(exc))
        except Exception as exc:  # a parser bug must not stop a batch; say which file
            return IngestResult(str(path), "error", error=f"{path}: 解析失败 (parse failed): {exc!r}")

    def _store(self, path: str | os.PathLike, parsed: ParsedDocument | IngestResult) -> IngestResult:
        if isinstance(parsed, IngestResult):
            return parsed
        try:
            status, doc_id = self.store.add(parsed)
        except Exception as exc:  # e.g. the disk is full: report it with the file, go on with the batch
            return IngestResult(str(path), "error", error=f"{path}: 保存失败 (could not store): {exc!r}")
        return IngestResult(str(path), status, doc_id, parsed.document.title, len(parsed.tasks))

    @locked
    def ingest(self, paths: Iterable[str | os.PathLike],
               on_file: Callable[[IngestResult], None] | None = None,
               on_index: Callable[[int, int], None] | None = None,
               on_page: Callable[[str, int, int], None] | None = None) -> list[IngestResult]:
        """Store every file first, then index the new documents in one batch (in worker
        processes when there are many). ``on_index(done, total)`` reports indexed entries,
        ``on_page(path, done, total)`` pages read by OCR."""
        results = []
        for path in collect_files(paths):
            result = self._store_file(path, functools.partial(on_page, str(path)) if on_page else None)
            results.append(result)
            if on_file:
                on_file(result)
        self.sync(on_index)
        return results

    @locked
    def sync(self, on_progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
        """Bring the indexes in step with the store (what `kb ingest` runs after storing)."""
        return self.indexes.sync(on_progress)

    @locked
    def reindex(self, on_progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
        """Rebuild both indexes from the store, with the configured embedder and backend.
        Unchanged texts take their vectors from the embedding cache."""
        if self._indexes is not None:
            self._indexes.close()
        self._indexes = Indexes(self.store, self.config, rebuild=True)
        return self._indexes.sync(on_progress)

    @locked
    def remove(self, ref: str) -> Document:
        doc = self.store.remove(ref)
        self.sync()
        return doc

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
        """Set ``ocr_confidence`` on the quotes whose text OCR read, so they are shown as such."""
        spans = self.store.ocr_spans([quote.doc_id for quote in quotes])
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

    # The two exports read their rows under the lock (task_rows) and write the file without
    # it: a full xlsx of the laws corpus takes seconds, and other app sessions should not wait.
    def export(self, path: str | os.PathLike, fmt: str | None = None, by_unit: bool = False,
               **filters) -> Path:
        """Write a 任务分工表 (xlsx / csv / jsonl, from the suffix when ``fmt`` is None)."""
        fmt = fmt or Path(path).suffix.lstrip(".").lower()
        if fmt not in exporter.FORMATS:
            raise InvalidInput(f"unknown export format {fmt!r}; use one of {', '.join(exporter.FORMATS)}")
        rows = self.task_rows(**filters)
        return exporter.export_rows(rows, fmt, path, by_unit=by_unit, unit_key=canonical)

    def export_bytes(self, fmt: str, by_unit: bool = False, **filters) -> bytes:
        return exporter.to_bytes(self.task_rows(**filters), fmt, by_unit=by_unit, unit_key=canonical)

    @locked
    def index_entries(self) -> list[Entry]:
        """What the indexes are built from: one entry per passage and task, in store order.
        The seam the benchmarks time the index stages on (``index.bulk``, ``index.keyword``…)."""
        return [e for doc in self.store.documents() for e in document_entries(self.store, doc)]

    @locked
    def stats(self) -> dict[str, int]:
        return self.store.count()

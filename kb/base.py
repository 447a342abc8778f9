"""KnowledgeBase: the one object the CLI and the app talk to."""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable

from ingest.pipeline import parse_file
from ingest.readers import READERS
from ingest.units import canonical
from kb import export as exporter
from kb.config import Config, load_config
from kb.errors import KBError
from kb.models import Document
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
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READERS
                                and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            files.append(p)  # missing or unsupported files get their error from the reader
    return files


class KnowledgeBase:
    """Documents, passages and tasks in one SQLite file under ``home``.

    >>> kb = KnowledgeBase("kb_data")
    >>> kb.ingest(["corpus/"])
    >>> kb.tasks(unit="应急局", role="lead")
    """

    def __init__(self, home: str | os.PathLike | None = None):
        self.config: Config = load_config(home)
        self.store = Store(self.config.db_path)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- ingest ----------------------------------------------------------------------------
    def ingest_file(self, path: str | os.PathLike) -> IngestResult:
        try:
            parsed = parse_file(path, self.config.passage_max_chars)
            status, doc_id = self.store.add(parsed)
        except KBError as exc:
            return IngestResult(str(path), "error", error=str(exc))
        except Exception as exc:  # a parser bug must not stop a batch; say which file
            return IngestResult(str(path), "error", error=f"{path}: 解析失败 (parse failed): {exc!r}")
        return IngestResult(str(path), status, doc_id, parsed.document.title, len(parsed.tasks))

    def ingest(self, paths: Iterable[str | os.PathLike],
               on_file: Callable[[IngestResult], None] | None = None) -> list[IngestResult]:
        results = []
        for path in collect_files(paths):
            result = self.ingest_file(path)
            results.append(result)
            if on_file:
                on_file(result)
        return results

    def remove(self, ref: str) -> Document:
        return self.store.remove(ref)

    # ---- read ------------------------------------------------------------------------------
    def documents(self) -> list[dict]:
        return self.store.document_rows()

    def document(self, ref: str) -> Document:
        return self.store.get_document(ref)

    def tasks(self, **filters) -> list[StoredTask]:
        return self.store.tasks(**filters)

    def task_rows(self, **filters) -> list[dict]:
        return self.store.task_rows(**filters)

    def export(self, path: str | os.PathLike, fmt: str | None = None, by_unit: bool = False,
               **filters) -> Path:
        """Write a 任务分工表 (xlsx / csv / jsonl, from the suffix when ``fmt`` is None)."""
        fmt = fmt or Path(path).suffix.lstrip(".").lower()
        if fmt not in exporter.FORMATS:
            raise KBError(f"unknown export format {fmt!r}; use one of {', '.join(exporter.FORMATS)}")
        rows = self.task_rows(**filters)
        return exporter.export_rows(rows, fmt, path, by_unit=by_unit, unit_key=canonical)

    def export_bytes(self, fmt: str, by_unit: bool = False, **filters) -> bytes:
        return exporter.to_bytes(self.task_rows(**filters), fmt, by_unit=by_unit, unit_key=canonical)

    def stats(self) -> dict[str, int]:
        return self.store.count()

"""What an ingest takes in: the files under the paths given, and one file into the store with
the limits untrusted input needs (a size limit, caps on passages and tasks per document)."""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable

from ingest.errors import IngestError
from ingest.models import ParsedDocument
from ingest.pipeline import parse_file
from ingest.readers import SUPPORTED_SUFFIXES, ReadOptions
from kb.config import Config
from kb.errors import InvalidInput
from kb.store.interface import Store

MB = 1024 * 1024


@dataclass
class IngestResult:
    path: str
    status: str  # added | replaced | duplicate | error
    doc_id: str = ""
    title: str = ""
    n_tasks: int = 0
    error: str = ""
    warning: str = ""  # stored, but not all of it (a per-document cap was reached)

    @property
    def ok(self) -> bool:
        return self.status != "error"

    def to_dict(self) -> dict:
        return asdict(self)


def collect_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, and every supported file under the given folders (sorted, no hidden).
    A link that leads nowhere (or round in a loop) is listed, so that it is reported. An empty
    path is refused before anything is read: it is what an unset shell variable gives, and as
    a path it would mean the current folder and everything under it."""
    paths = [os.fspath(p) for p in paths]
    if any(not p.strip() for p in paths):
        raise InvalidInput("导入路径为空（可能是未设置的变量）：请给出文件或文件夹的路径，当前文件夹请写 . "
                           "(an empty path was given, e.g. an unset shell variable; "
                           "name a file or folder, or . for the current folder)")
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if _wanted(f, p)))
        else:
            files.append(p)  # missing or unsupported files get their error from the reader
    return files


def _wanted(f: Path, root: Path) -> bool:
    if f.suffix.lower() not in SUPPORTED_SUFFIXES or any(
            part.startswith(".") for part in f.relative_to(root).parts):
        return False
    return f.is_file() or (f.is_symlink() and not f.exists())


@dataclass
class ReadFile:
    """A file read for storing: its parsed document, or the error result that says why not."""
    path: str
    parsed: ParsedDocument | None = None
    warning: str = ""
    error: IngestResult | None = None

    @property
    def size(self) -> int:
        """How much it holds in memory, roughly: its text (passages copy it once)."""
        return 2 * len(self.parsed.document.text) if self.parsed else 0


def read_for_store(path: str | os.PathLike, max_bytes: int, config: Config,
                   on_page: Callable[[int, int], None] | None = None) -> ReadFile:
    """Read and parse one file (OCR included), holding no lock; a file that cannot be read, or
    is too big, gives the error result that does not stop the others. ``on_page(done,
    total)``: pages read by OCR."""
    try:
        problem = size_problem(Path(path), max_bytes)
        if problem:
            return ReadFile(str(path), error=IngestResult(str(path), "error", error=problem))
        options = ReadOptions(ocr_workers=config.ocr_workers, ocr_max_pages=config.ocr_max_pages,
                              image_max_pixels=config.image_max_pixels,
                              ocr_max_memory_mb=config.ocr_max_memory_mb, on_page=on_page)
        parsed = parse_file(path, config.passage_max_chars, options, config.max_tasks_per_doc)
        return ReadFile(str(path), parsed, warning=cap_document(parsed, config))
    except IngestError as exc:
        return ReadFile(str(path), error=IngestResult(str(path), "error", error=str(exc)))
    except Exception as exc:  # a parser bug must not stop a batch; say which file
        return ReadFile(str(path), error=IngestResult(str(path), "error",
                                                      error=f"{path}: 解析失败 (parse failed): {exc!r}"))


def store_read(store: Store, read: ReadFile) -> IngestResult:
    """Store one read file (one transaction), under the caller's write lock."""
    if read.error is not None:
        return read.error
    parsed = read.parsed
    try:
        status, doc_id = store.add(parsed)
    except IngestError as exc:
        return IngestResult(read.path, "error", error=str(exc))
    except Exception as exc:  # a document the store cannot take must not stop the others; say which
        return IngestResult(read.path, "error", error=f"{read.path}: 保存失败 (store failed): {exc!r}")
    return IngestResult(read.path, status, doc_id, parsed.document.title, len(parsed.tasks), warning=read.warning)


def size_problem(path: Path, max_bytes: int) -> str:
    size = path.stat().st_size if path.is_file() else 0  # a missing file: the reader says so
    if size <= max_bytes:
        return ""
    return (f"{path}: 文件太大（{size / MB:.1f} MB），上限是 {max_bytes / MB:g} MB；"
            f"确需导入请用 kb ingest --max-size 调大上限"
            f" (file too large: {size / MB:.1f} MB, the limit is {max_bytes / MB:g} MB; "
            f"raise it with --max-size)")


def cap_document(parsed: ParsedDocument, config: Config) -> str:
    """Keep at most the configured number of passages and tasks; say what was left out (and
    what the reader left out)."""
    notes = list(parsed.notes)
    for name, zh, cap in (("passages", "段落", config.max_passages_per_doc),
                          ("tasks", "任务", config.max_tasks_per_doc)):
        items = getattr(parsed, name)
        if len(items) > cap:
            notes.append(f"{zh} {len(items)} 个，只保留前 {cap} 个 ({len(items)} {name}, kept the first {cap})")
            setattr(parsed, name, items[:cap])
    return "；".join(notes)

"""What every reader shares: the file checks before reading, raw bytes, a table row as a line,
the options of the readers that OCR, and the bounds a zip container (docx, xlsx, ofd) must keep
before it is opened."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ingest.errors import EmptyDocument, ReadError

MB = 1024 * 1024
# A zip container is refused before parsing when it would inflate past these: a few MB of
# deflated XML can expand to gigabytes (a "zip bomb"), and XML parsers hold all of it.
# Real notices: a docx's largest part is a few MB and compresses 5-20x.
ZIP_MAX_TOTAL = 200 * MB  # all entries, uncompressed
ZIP_MAX_RATIO = 100  # uncompressed / compressed, for an entry ...
ZIP_RATIO_MIN_SIZE = 1 * MB  # ... bigger than this (tiny parts compress oddly and harm no one)
ZIP_MAX_ENTRIES = 10_000


def check_is_nonempty_file(path: Path) -> None:
    if path.is_symlink() and not path.exists():
        raise ReadError(str(path), "符号链接无法打开：指向的文件不存在，或链接绕成了环 "
                                   "(broken or looping symbolic link)")
    if not path.exists():
        raise ReadError(str(path), "文件不存在 (file not found)")
    if not path.is_file():
        raise ReadError(str(path), "不是普通文件，可能是文件夹 (not a regular file)")
    if path.stat().st_size == 0:
        raise EmptyDocument(str(path), "文件为空（0 字节）(empty file)")


def read_bytes(path: Path, limit: int = -1) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(limit)
    except OSError as exc:
        raise ReadError(str(path), f"无法读取文件 (cannot read file: {exc.strerror})") from exc


def require_text(path: Path, text: str) -> None:
    if not text.strip():
        raise EmptyDocument(str(path), "文件没有正文，只有空白字符 (no text, only whitespace)")


def table_row_line(row: list[str]) -> str:
    """One table row as one text line, so the table is searchable and line counts stay right."""
    return "\t".join(" ".join(cell.split()) for cell in row)


@dataclass
class ReadOptions:
    """What a caller can ask of the readers that may OCR (PDF, images): how many processes OCR
    pages at once, the bounds on what OCR takes on, and a ``on_page(done, total)`` called after
    each page OCR read. kb passes its settings (kb/config.py says why each default is what it
    is); these defaults are the same, for callers of ``ingest`` alone."""
    ocr_workers: int = 1
    ocr_max_pages: int = 300  # pages of one PDF, or frames of one image, that may go to OCR
    image_max_pixels: int = 60_000_000  # per image frame or rendered PDF page
    ocr_max_memory_mb: int = 2500  # address-space cap of each OCR worker process
    on_page: Callable[[int, int], None] | None = None


def check_zip_bounds(path: Path, max_total: int = ZIP_MAX_TOTAL, max_ratio: float = ZIP_MAX_RATIO,
                     max_entries: int = ZIP_MAX_ENTRIES) -> None:
    """Refuse a zip container whose entries would inflate too far, from its directory alone
    (nothing is decompressed). Python's zipfile never inflates an entry past the size the
    directory declares, so the declared sizes bound what any reader built on it can be fed."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(str(path), f"文件已损坏，zip 结构无法读取 (damaged zip container: {exc})") from exc
    if len(entries) > max_entries:
        raise ReadError(str(path), f"压缩包内文件过多（{len(entries)} 个，上限 {max_entries}），拒绝解析 "
                                   f"(too many entries in the container: {len(entries)} > {max_entries})")
    total = sum(entry.file_size for entry in entries)
    if total > max_total:
        raise ReadError(str(path), f"解压后过大（{total / MB:.0f} MB，上限 {max_total / MB:.0f} MB），"
                                   f"可能是恶意构造的压缩包，拒绝解析 (would inflate to {total / MB:.0f} MB, "
                                   f"more than {max_total / MB:.0f} MB: refused)")
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > ZIP_RATIO_MIN_SIZE and ratio > max_ratio:
            raise ReadError(str(path), f"其中 {entry.filename} 的压缩比异常（{ratio:.0f} 倍，上限 {max_ratio:g} 倍），"
                                       f"可能是恶意构造的压缩包，拒绝解析 (entry {entry.filename} inflates "
                                       f"{ratio:.0f}x, more than {max_ratio:g}x: refused)")

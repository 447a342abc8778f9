"""What every reader shares: the file checks before reading, raw bytes, a table row as a line,
the options of the readers that OCR, and a size check of zip containers."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ingest.errors import EmptyDocument, ReadError


def check_is_nonempty_file(path: Path) -> None:
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
    pages at once, and a ``on_page(done, total)`` called after each page OCR read."""
    ocr_workers: int = 1
    on_page: Callable[[int, int], None] | None = None


# A zip-based file (xlsx, ofd) this much larger unpacked, or with this many members, is refused
# before a library unpacks it: a few KB can unpack to gigabytes.
ZIP_MAX_UNPACKED_BYTES = 512 * 1024 * 1024
ZIP_MAX_MEMBERS = 20_000


def check_zip_limits(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(str(path), f"文件已损坏，zip 结构无法读取 (damaged zip container: {exc})") from exc
    unpacked = sum(member.file_size for member in members)
    if len(members) > ZIP_MAX_MEMBERS or unpacked > ZIP_MAX_UNPACKED_BYTES:
        raise ReadError(str(path), f"文件解压后过大（{len(members)} 个部件，{unpacked / 2**20:.0f} MB），"
                                   f"可能已损坏或是恶意文件 (zip container too large when unpacked)")

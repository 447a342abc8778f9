"""What every reader shares: the file checks before reading, raw bytes, and a table row as a line."""
from __future__ import annotations

from pathlib import Path

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

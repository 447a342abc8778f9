"""Readers: one file in, a ``RawDocument`` out (the text as read, plus tables), or a ``ReadError``
whose message names the file and says, in Chinese with enough English to be clear, what is wrong.

One module per format; this module holds the table that picks one by suffix. ``read_file``
first checks that the bytes agree with the suffix: people rename files (a .doc renamed .docx,
a PDF renamed .docx) and a reader fed the wrong bytes fails with an error nobody can act on.

Text is returned as read: line endings unified and BOMs dropped, nothing else. Normalising
(full/half width, spaces, headings) is the next stage's job; PDF is the one exception (see
``ingest.readers.pdf``).
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable, NamedTuple

from ingest.errors import ReadError, UnsupportedFormat
from ingest.models import RawDocument
from ingest.readers.common import check_is_nonempty_file, read_bytes
from ingest.readers.docx import read_docx
from ingest.readers.md import read_md
from ingest.readers.pdf import read_pdf
from ingest.readers.txt import read_txt


class Format(NamedTuple):
    read: Callable[[str | Path], RawDocument]
    content: str  # what sniff_content_kind must say for the file to be read by this reader


# suffix -> reader and the content kind its bytes must have
FORMATS: dict[str, Format] = {
    ".txt": Format(read_txt, "text"),
    ".md": Format(read_md, "text"),
    ".docx": Format(read_docx, "docx"),
    ".pdf": Format(read_pdf, "pdf"),
}
SUPPORTED_SUFFIXES = tuple(FORMATS)


def read_file(path: str | Path) -> RawDocument:
    """Read any supported file; raise a ``ReadError`` subclass that says why when it can't."""
    path = Path(path)
    suffix = path.suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        supported = ", ".join(FORMATS)
        raise UnsupportedFormat(
            str(path),
            f"不支持的文件格式“{suffix or '无后缀'}”，支持的格式：{supported} "
            f"(unsupported file type {suffix or 'without suffix'}; supported: {supported})",
        )
    check_is_nonempty_file(path)
    _check_content_matches_suffix(path, suffix, fmt.content)
    return fmt.read(path)


# --------------------------------------------------------------------------- what the bytes say

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.ppt
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF"
DOCX_MAIN_PART = "word/document.xml"


class ContentKind(NamedTuple):
    zh: str
    en: str
    hint: str  # what the user can do about it, appended to the Chinese reason


CONTENT_KINDS = {
    "doc": ContentKind(
        "旧版 Word (.doc) 格式", "a legacy Word .doc (OLE) file",
        "；请用 Word/LibreOffice 另存为 .docx 后再导入"),
    "pdf": ContentKind("PDF", "a PDF", "；请把后缀改为 .pdf 后再导入"),
    "docx": ContentKind("Word .docx", "a .docx", "；请把后缀改为 .docx 后再导入"),
    "zip": ContentKind(
        f"zip 压缩包（不含 {DOCX_MAIN_PART}，可能是 .xlsx/.pptx）",
        "a zip archive that is not a Word document", ""),
    "text": ContentKind("纯文本或未知格式", "plain text or an unknown format", ""),
}


def _check_content_matches_suffix(path: Path, suffix: str, expected: str) -> None:
    kind = sniff_content_kind(path)
    if kind == expected:
        return
    zh, en, hint = CONTENT_KINDS[kind]
    raise UnsupportedFormat(str(path), f"文件内容是{zh}，不是 {suffix}{hint} (content is {en}, not {suffix})")


def sniff_content_kind(path: Path) -> str:
    """What the leading bytes say the file is: doc | docx | zip | pdf | text."""
    head = read_bytes(path, limit=len(OLE_MAGIC))
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.startswith(ZIP_MAGIC):
        return "docx" if _zip_contains(path, DOCX_MAIN_PART) else "zip"
    if head.startswith(PDF_MAGIC):
        return "pdf"
    return "text"


def _zip_contains(path: Path, member: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(str(path), f"文件已损坏，zip 结构无法读取 (damaged zip/docx container: {exc})") from exc

"""Readers: one file in, a ``RawDocument`` out (the text as read, plus tables), or a ``ReadError``
whose message names the file and says, in Chinese with enough English to be clear, what is wrong.

One module per format; this module holds the table that picks one by suffix and then by what
the leading bytes say the file is: people rename files (a .docx saved as .doc, a PDF renamed
.docx), and a reader fed the wrong bytes fails with an error nobody can act on. Renamings that
are common and harmless are read by their bytes; any other mismatch says what the file is.

Text is returned as read: line endings unified and BOMs dropped, nothing else. Normalising
(full/half width, spaces, headings) is the next stage's job. The exceptions are the formats that
have no paragraphs of their own: PDF, OCR'd images and OFD join lines broken by the page width
(``ingest.readers.pdf_layout``), and OCR fixes what it usually misreads (``ocr_layout``).
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable, NamedTuple

from ingest.errors import ReadError, UnsupportedFormat
from ingest.models import RawDocument
from ingest.readers.common import ReadOptions, check_is_nonempty_file, read_bytes
from ingest.readers.doc import read_doc
from ingest.readers.docx import read_docx
from ingest.readers.html import read_html, read_mhtml
from ingest.readers.md import read_md
from ingest.readers.ocr import read_image
from ingest.readers.ofd import read_ofd
from ingest.readers.pdf import read_pdf
from ingest.readers.txt import read_txt
from ingest.readers.xls import read_xls
from ingest.readers.xlsx import read_xlsx

Reader = Callable[[Path, ReadOptions], RawDocument]


def _plain(read: Callable[[Path], RawDocument]) -> Reader:
    """A reader that never OCRs: the options are not its business."""
    return lambda path, options: read(path)


TXT, MD, DOCX, DOC = _plain(read_txt), _plain(read_md), _plain(read_docx), _plain(read_doc)
HTML, MHTML, XLSX, OFD = _plain(read_html), _plain(read_mhtml), _plain(read_xlsx), _plain(read_ofd)
XLS = _plain(read_xls)
IMAGE = {"image": read_image}

# suffix -> {what the bytes are (sniff_content_kind) -> reader}. Bytes of any other kind are
# refused with a message saying what they are. Renamed files that are common and harmless read
# by their bytes: a .docx saved as .doc, a web page saved by Word as .doc, a .doc renamed .docx.
FORMATS: dict[str, dict[str, Reader]] = {
    ".txt": {"text": TXT},
    ".md": {"text": MD},
    ".docx": {"docx": DOCX, "ole": DOC},
    ".doc": {"ole": DOC, "docx": DOCX, "rtf": DOC, "html": HTML, "mhtml": MHTML},
    ".wps": {"ole": DOC, "docx": DOCX},
    ".pdf": {"pdf": read_pdf},
    ".png": IMAGE, ".jpg": IMAGE, ".jpeg": IMAGE, ".tif": IMAGE, ".tiff": IMAGE,
    ".html": {"html": HTML, "text": HTML},
    ".htm": {"html": HTML, "text": HTML},
    ".mhtml": {"mhtml": MHTML},
    ".mht": {"mhtml": MHTML},
    ".xlsx": {"xlsx": XLSX},
    ".xls": {"ole": XLS, "xlsx": XLSX},
    ".et": {"ole": XLS, "xlsx": XLSX},
    ".ofd": {"ofd": OFD},
}
SUPPORTED_SUFFIXES = tuple(FORMATS)


def read_file(path: str | Path, options: ReadOptions | None = None) -> RawDocument:
    """Read any supported file; raise a ``ReadError`` subclass that says why when it can't.
    ``options`` matter to the readers that OCR (scanned PDF pages, images)."""
    path = Path(path)
    suffix = path.suffix.lower()
    readers = FORMATS.get(suffix)
    if readers is None:
        supported = ", ".join(FORMATS)
        raise UnsupportedFormat(
            str(path),
            f"不支持的文件格式“{suffix or '无后缀'}”，支持的格式：{supported} "
            f"(unsupported file type {suffix or 'without suffix'}; supported: {supported})",
        )
    check_is_nonempty_file(path)
    kind = sniff_content_kind(path)
    if kind not in readers:
        zh, en, hint = CONTENT_KINDS[kind]
        raise UnsupportedFormat(str(path), f"文件内容是{zh}，不是 {suffix}{hint} (content is {en}, not {suffix})")
    return readers[kind](path, options or ReadOptions())


# --------------------------------------------------------------------------- what the bytes say

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.wps/.xls/.et/.ppt
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF"
RTF_MAGIC = b"{\\rtf"
IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# zip containers by the part that makes them what they are
ZIP_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ofd.xml": "ofd"}
DOCX_MAIN_PART = "word/document.xml"
HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<table", b"<div", b"<p>")
SNIFF_BYTES = 4096


class ContentKind(NamedTuple):
    zh: str
    en: str
    hint: str  # what the user can do about it, appended to the Chinese reason


CONTENT_KINDS = {
    "ole": ContentKind(
        "旧版 Office 二进制格式（.doc/.wps/.xls）", "a legacy Office binary (OLE) file",
        "；Word/WPS 文字文件请把后缀改为 .doc，表格请另存为 .xlsx 后再导入"),
    "pdf": ContentKind("PDF", "a PDF", "；请把后缀改为 .pdf 后再导入"),
    "docx": ContentKind("Word .docx", "a .docx", "；请把后缀改为 .docx 后再导入"),
    "xlsx": ContentKind("Excel .xlsx", "an .xlsx", "；请把后缀改为 .xlsx 后再导入"),
    "ofd": ContentKind("OFD", "an OFD", "；请把后缀改为 .ofd 后再导入"),
    "image": ContentKind("图片", "an image", "；请把后缀改为 .png 或 .jpg 后再导入"),
    "rtf": ContentKind("RTF 文档", "an RTF document", "；请把后缀改为 .doc 后再导入"),
    "html": ContentKind("网页 (HTML)", "an HTML page", "；请把后缀改为 .html 后再导入"),
    "mhtml": ContentKind("网页存档 (MHTML)", "an MHTML web archive", "；请把后缀改为 .mhtml 后再导入"),
    "zip": ContentKind(
        f"zip 压缩包（不含 {DOCX_MAIN_PART}，不是 Word/Excel/OFD 文件）",
        "a zip archive that is not a Word document", ""),
    "text": ContentKind("纯文本或未知格式", "plain text or an unknown format", ""),
}


def sniff_content_kind(path: Path) -> str:
    """What the leading bytes say the file is: a key of ``CONTENT_KINDS``."""
    head = read_bytes(path, limit=SNIFF_BYTES)
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(IMAGE_MAGICS):
        return "image"
    if head.startswith(RTF_MAGIC):
        return "rtf"
    lowered = head.lower()
    if b"mime-version:" in lowered and b"multipart/related" in lowered:
        return "mhtml"
    if any(mark in lowered for mark in HTML_MARKS) and lowered.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "html"
    return "text"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = {name.lower() for name in archive.namelist()}
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(str(path), f"文件已损坏，zip 结构无法读取 (damaged zip/docx container: {exc})") from exc
    return next((kind for part, kind in ZIP_PARTS.items() if part in names), "zip")

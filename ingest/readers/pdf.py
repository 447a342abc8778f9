"""PDF: the text layer via pypdfium2, tables via pdfplumber only on pages with ruling lines, and
OCR (``ingest.readers.ocr``) for pages that have no text layer: scans, photos pasted into a
PDF, text drawn as outlines. A PDF mixing text and scanned pages OCRs only the scanned ones.

"As read" has no paragraphs in a PDF: lines broken by the page width are joined back and
running headers, footers and page numbers dropped (``ingest.readers.pdf_layout``), so that a
PDF reads like the document it was made from.
"""
from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.errors import ReadError, ScannedPDF
from ingest.models import MIXED_SOURCE, OCR_SOURCE, TEXT_SOURCE, RawDocument
from ingest.readers.common import ReadOptions
from ingest.readers.ocr import NO_TEXT, PageImage, ocr_pages, ocr_spans
from ingest.readers.pdf_layout import Char, Line, TableBlock, assemble, group_lines, inside, page_tables

EDGE_LINES = 2  # running headers/footers are among a page's first/last lines
RUNNING_SHARE = 0.5  # ... and repeat on at least this share of the pages
MIN_RULING_PATHS = 4  # fewer path objects than this cannot be a ruled table
# A page is OCR'd when it has no characters but something drawn (an image, text as outlines), or
# when an image covers most of it and it has few characters: a scanner may stamp some (a page
# number, its own name) over the scan.
SCAN_MAX_CHARS = 20
SCAN_MIN_IMAGE_SHARE = 0.5

PAGE_NUMBER = re.compile(
    r"^[-—–－_·\s]*(?:第\s*)?[0-9０-９]+\s*页?"
    r"(?:\s*[/／]\s*(?:共\s*)?[0-9０-９]+\s*页?|\s*[，,]?\s*共\s*[0-9０-９]+\s*页)?[-—–－_·\s]*$"
)


@dataclass
class _PdfPage:
    lines: list[Line]
    tables: list[TableBlock] = field(default_factory=list)
    scanned: bool = False


def read_pdf(path: str | Path, options: ReadOptions | None = None) -> RawDocument:
    """Text layer via pypdfium2; tables via pdfplumber on the pages that have ruling lines;
    OCR on the pages without text."""
    path = Path(path)
    pdf = _open_pdf(path)
    try:
        pages = _read_pdf_pages(path, pdf)
    finally:
        pdf.close()
    scanned = [index for index, page in enumerate(pages) if page.scanned]
    for index, lines in zip(scanned, ocr_pages([PageImage(str(path), "pdf", i) for i in scanned],
                                                options or ReadOptions())):
        pages[index].lines = lines
    if not any(page.lines or page.tables for page in pages):
        _raise_no_text(path, bool(scanned))
    _drop_running_lines(pages)
    blocks = [block for page in pages for block in sorted([*page.lines, *page.tables], key=lambda b: b.top)]
    text, tables = assemble(blocks)
    if not text.strip():
        _raise_no_text(path, bool(scanned))
    source = MIXED_SOURCE if len(scanned) < len(pages) else OCR_SOURCE
    return RawDocument(path=str(path), fmt="pdf", text=text, tables=tables,
                       ocr_spans=ocr_spans(text, blocks) if scanned else [],
                       source=source if scanned else TEXT_SOURCE)


def _open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError(str(path), "PDF 已加密，需要密码才能打开 (password-protected PDF)") from exc
        raise ReadError(str(path), f"PDF 文件已损坏，无法打开 (damaged PDF: {exc})") from exc


def _raise_no_text(path: Path, scanned: bool) -> None:
    # A download cut short can leave pages that open but are blank: call that damage, not a scan.
    if b"%%EOF" not in _read_tail(path):
        raise ReadError(str(path), "PDF 文件已损坏或不完整，缺少文件结尾 (damaged/truncated PDF: no %%EOF)")
    if scanned:
        raise ScannedPDF(str(path), f"扫描件，{NO_TEXT}")
    raise ScannedPDF(str(path), "PDF 每一页都是空白的，没有文字 (every page is blank: no text)")


def _read_tail(path: Path, size: int = 2048) -> bytes:
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - size))
        return f.read()


def _read_pdf_pages(path: Path, pdf: pdfium.PdfDocument) -> list[_PdfPage]:
    pages: list[_PdfPage] = []
    with _TableFinder(path) as table_finder:
        for index in range(len(pdf)):
            page = _load_page(path, pdf, index)
            width, height = page.get_size()
            chars = _page_chars(page, height)
            if _is_scanned(page, len(chars), width * height):
                pages.append(_PdfPage(lines=[], scanned=True))
                page.close()
                continue
            tables = page_tables(table_finder.find(index), chars, index) if chars and _has_ruling_lines(page) else []
            text_chars = [c for c in chars if not any(inside(c, t.bbox) for t in tables)]
            pages.append(_PdfPage(lines=group_lines(text_chars, index, width), tables=tables))
            page.close()
    return pages


class _TableFinder:
    """pdfplumber's table finder, opened on the first page that needs it (opening parses the file)."""

    def __init__(self, path: Path):
        self.path = path
        self.pdf = None
        self.failed = False

    def find(self, index: int) -> list:
        if self.failed:
            return []
        try:
            self.pdf = self.pdf or pdfplumber.open(self.path)
            return self.pdf.pages[index].find_tables()
        except Exception:  # pdfminer chokes on some files pdfium reads: keep the text, skip tables
            self.failed = True
            return []

    def __enter__(self) -> _TableFinder:
        return self

    def __exit__(self, *exc_info) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _load_page(path: Path, pdf: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    try:
        return pdf[index]
    except pdfium.PdfiumError as exc:
        reason = f"PDF 文件已损坏，第 {index + 1} 页无法读取 (damaged PDF: page {index + 1}: {exc})"
        raise ReadError(str(path), reason) from exc


def _page_chars(page: pdfium.PdfPage, page_height: float) -> list[Char]:
    """Every real character with its advance box. Characters pdfium made up (spaces and line
    breaks it guessed) are skipped: lines and spaces are rebuilt from positions instead, because
    pdfium keeps content-stream order and LibreOffice writes a line's Latin-font runs (“ ”) after
    its CJK runs."""
    textpage = page.get_textpage()
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()
    chars = []
    for i in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(raw, i):
            continue
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if code < 0x20 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            continue  # control characters, and what no text can hold
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, ctypes.byref(box))
        chars.append(Char(chr(code), box.left, box.right, page_height - box.top, page_height - box.bottom))
    textpage.close()
    return chars


def _is_scanned(page: pdfium.PdfPage, n_chars: int, area: float) -> bool:
    if n_chars == 0:
        return any(True for _ in islice(page.get_objects(), 1))
    if n_chars >= SCAN_MAX_CHARS:
        return False
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = image.get_pos()
        if (right - left) * (top - bottom) >= SCAN_MIN_IMAGE_SHARE * area:
            return True
    return False


def _has_ruling_lines(page: pdfium.PdfPage) -> bool:
    """Cheap test before the slow table finder: ruled tables are drawn with path objects."""
    paths = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])
    return len(list(islice(paths, MIN_RULING_PATHS))) == MIN_RULING_PATHS


# ---- running headers and footers


def _drop_running_lines(pages: list[_PdfPage]) -> None:
    """Remove page numbers and lines repeated at the top or bottom of most pages."""
    running = _running_keys(pages)
    for page in pages:
        edges = {id(line) for line in _edge_lines(page.lines)}
        page.lines = [
            line for line in page.lines
            if id(line) not in edges or not (PAGE_NUMBER.match(line.text) or _running_key(line) in running)
        ]


def _running_keys(pages: list[_PdfPage]) -> set[str]:
    if len(pages) < 2:
        return set()
    counts = Counter(key for page in pages for key in {_running_key(line) for line in _edge_lines(page.lines)})
    needed = max(2, RUNNING_SHARE * len(pages))
    return {key for key, count in counts.items() if count >= needed}


def _edge_lines(lines: list[Line]) -> list[Line]:
    return lines[:EDGE_LINES] + lines[EDGE_LINES:][-EDGE_LINES:]


def _running_key(line: Line) -> str:
    """Header text with its page number masked, so "第3页 XX通知" matches "第4页 XX通知"."""
    return re.sub(r"\d+", "#", "".join(line.text.split()))



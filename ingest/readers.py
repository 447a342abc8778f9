"""Readers: one file in, a ``RawDocument`` out (the text as read, plus tables), or a ``ReadError``
whose message names the file and says, in Chinese with enough English to be clear, what is wrong.

``read_file`` picks the reader from the suffix, but first checks that the bytes agree with it:
people rename files (a .doc renamed .docx, a PDF renamed .docx) and a reader fed the wrong
bytes fails with an error nobody can act on.

Text is returned as read: line endings unified and BOMs dropped, nothing else. Normalising
(full/half width, spaces, headings) is the next stage's job. The one exception is PDF, where
"as read" has no paragraphs: lines broken by the page width are joined back and running
headers, footers and page numbers dropped, so that a PDF reads like the document it was made from.
"""
from __future__ import annotations

import codecs
import ctypes
import math
import re
import statistics
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import docx
import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from charset_normalizer import from_bytes
from docx.table import Table as DocxTable
from docx.table import _Cell as DocxCell

from kb.errors import EmptyDocument, ReadError, ScannedPDF, UnsupportedFormat
from kb.models import RawDocument, Table


def read_file(path: str | Path) -> RawDocument:
    """Read any supported file; raise a ``ReadError`` subclass that says why when it can't."""
    path = Path(path)
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        supported = ", ".join(READERS)
        raise UnsupportedFormat(
            str(path),
            f"不支持的文件格式“{suffix or '无后缀'}”，支持的格式：{supported} "
            f"(unsupported file type {suffix or 'without suffix'}; supported: {supported})",
        )
    _check_is_nonempty_file(path)
    _check_content_matches_suffix(path, suffix)
    return reader(path)


# --------------------------------------------------------------------------- checks before reading

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
EXPECTED_KIND = {".txt": "text", ".md": "text", ".docx": "docx", ".pdf": "pdf"}


def _check_is_nonempty_file(path: Path) -> None:
    if not path.exists():
        raise ReadError(str(path), "文件不存在 (file not found)")
    if not path.is_file():
        raise ReadError(str(path), "不是普通文件，可能是文件夹 (not a regular file)")
    if path.stat().st_size == 0:
        raise EmptyDocument(str(path), "文件为空（0 字节）(empty file)")


def _check_content_matches_suffix(path: Path, suffix: str) -> None:
    kind = sniff_content_kind(path)
    if kind == EXPECTED_KIND[suffix]:
        return
    zh, en, hint = CONTENT_KINDS[kind]
    raise UnsupportedFormat(str(path), f"文件内容是{zh}，不是 {suffix}{hint} (content is {en}, not {suffix})")


def sniff_content_kind(path: Path) -> str:
    """What the leading bytes say the file is: doc | docx | zip | pdf | text."""
    head = _read_bytes(path, limit=len(OLE_MAGIC))
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


def _read_bytes(path: Path, limit: int = -1) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(limit)
    except OSError as exc:
        raise ReadError(str(path), f"无法读取文件 (cannot read file: {exc.strerror})") from exc


def _require_text(path: Path, text: str) -> None:
    if not text.strip():
        raise EmptyDocument(str(path), "文件没有正文，只有空白字符 (no text, only whitespace)")


# --------------------------------------------------------------------------- txt / md

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer names for the GB family; GB18030 decodes everything they do.
GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936"}


def read_txt(path: str | Path) -> RawDocument:
    return _read_plain_text(Path(path), "txt")


def read_md(path: str | Path) -> RawDocument:
    """Markdown (the laws data set: ``# 标题``, ``<!-- INFO END -->``, ``## 第一章``): kept as is,
    downstream reads the ``#`` headings and ignores the HTML comment."""
    return _read_plain_text(Path(path), "md")


def _read_plain_text(path: Path, fmt: str) -> RawDocument:
    data = _read_bytes(path)
    text, encoding = decode_text(str(path), data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _require_text(path, text)
    return RawDocument(path=str(path), fmt=fmt, text=text, encoding=encoding)


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns (text, Python codec name)."""
    encoding = detect_encoding(name, data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        reason = f"文本编码损坏，按 {encoding} 解码失败 (cannot decode as {encoding}: {exc.reason})"
        raise ReadError(name, reason) from exc
    if "\x00" in text:
        raise UnsupportedFormat(name, "文件含二进制内容，不是纯文本 (binary content, not plain text)")
    return text, encoding


def detect_encoding(name: str, data: bytes) -> str:
    """BOM, then strict UTF-8, then charset-normalizer.

    charset-normalizer alone mis-guesses short GBK text (``各区县应急局：`` comes out as cp949,
    ``附件1`` as big5) but still lists gb18030 among its candidates, and it drops gb18030 from
    the candidates for real Big5 text. Our files are mainland notices, so a GB candidate wins.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    if _decodes(data, "utf-8"):
        return "utf-8"
    matches = from_bytes(data)
    if any(match.encoding in GB_FAMILY for match in matches) and _decodes(data, "gb18030"):
        return "gb18030"
    best = matches.best()
    if best is None:
        raise UnsupportedFormat(name, "无法识别文本编码，可能是二进制文件 (unknown text encoding or binary file)")
    return best.encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


# --------------------------------------------------------------------------- docx


def read_docx(path: str | Path) -> RawDocument:
    """Paragraphs and tables in body order; each table row also becomes a tab-separated line."""
    path = Path(path)
    try:
        lines, tables = _docx_body(docx.Document(str(path)))
    except Exception as exc:  # python-docx raises KeyError, XMLSyntaxError, ValueError... on broken parts
        reason = f"docx 文件已损坏，无法解析 (damaged docx: {type(exc).__name__}: {exc})"
        raise ReadError(str(path), reason) from exc
    text = "\n".join(lines)
    _require_text(path, text)
    return RawDocument(path=str(path), fmt="docx", text=text, tables=tables)


def _docx_body(document) -> tuple[list[str], list[Table]]:
    lines: list[str] = []
    tables: list[Table] = []
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            rows = docx_table_rows(block)
            if rows:
                tables.append(Table(rows=rows, after_line=len(lines)))
                lines.extend(table_row_line(row) for row in rows)
        else:
            lines.extend(block.text.split("\n"))  # a <w:br/> inside a paragraph is a "\n"
    return lines, tables


def docx_table_rows(table: DocxTable) -> list[list[str]]:
    """Cell texts with merges expanded: a ``gridSpan`` cell repeats across the columns it spans,
    a ``vMerge`` continuation takes the text of the cell above. Done from the XML rather than
    with ``row.cells``, which raises on a malformed continuation that has no cell above."""
    trs = table._tbl.tr_lst
    width = max([len(table._tbl.tblGrid.gridCol_lst), *(_docx_row_width(tr) for tr in trs)])
    rows: list[list[str]] = []
    above = [""] * width
    for tr in trs:
        cells = [""] * width
        col = tr.grid_before
        for tc in tr.tc_lst:
            span_end = col + tc.grid_span
            if tc.vMerge == "continue":
                cells[col:span_end] = above[col:span_end]
            else:
                cells[col:span_end] = [DocxCell(tc, table).text.strip()] * tc.grid_span
            col = span_end
        rows.append(cells)
        above = cells
    return rows


def _docx_row_width(tr) -> int:
    return tr.grid_before + sum(tc.grid_span for tc in tr.tc_lst)


def table_row_line(row: list[str]) -> str:
    """One table row as one text line, so the table is searchable and line counts stay right."""
    return "\t".join(" ".join(cell.split()) for cell in row)


# --------------------------------------------------------------------------- pdf

# Layout tolerances, in multiples of the line's glyph height (≈ the font size).
FIT_SLACK = 0.4  # a wrapped line ends short of the margin by less than what didn't fit, plus this
CELL_PADDING = 0.6  # room between a table cell's ruling and its text
LATIN_ADVANCE = 0.55  # width of an ASCII character relative to a CJK one
INDENT_MIN = 1.0  # a first line indented this much starts a paragraph (公文: two characters)
PARAGRAPH_GAP = 0.5  # extra vertical space, beyond the usual, that separates paragraphs
LATIN_WORD_GAP = 0.25  # a gap this wide between two Latin characters is a space
SAME_GLYPH = 0.3  # a glyph drawn again this close is fake bold, not a second character
EDGE_LINES = 2  # running headers/footers are among a page's first/last lines
RUNNING_SHARE = 0.5  # ... and repeat on at least this share of the pages
MIN_RULING_PATHS = 4  # fewer path objects than this cannot be a ruled table

PAGE_NUMBER = re.compile(
    r"^[-—–－_·\s]*(?:第\s*)?[0-9０-９]+\s*页?"
    r"(?:\s*[/／]\s*(?:共\s*)?[0-9０-９]+\s*页?|\s*[，,]?\s*共\s*[0-9０-９]+\s*页)?[-—–－_·\s]*$"
)
# A line starting like this begins a paragraph whatever the line before it did.
ITEM_START = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇两\d]+[编章节条]"
    r"|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十]+[）)]"
    r"|\d{1,2}[.．、](?!\d)"
    r"|[（(]\d{1,2}[）)]"
    r"|[①-⑳])"
)


# Line-breaking glue (a simplification of UAX #14 as LibreOffice and Word apply it to Chinese):
# no break before closing punctuation, none after opening punctuation, none on either side of a
# quotation mark (“ and ” look alike to the line breaker), none inside a Latin/digit run.
NO_BREAK_BEFORE = set("，。、；：！？）》」』】〕%‰℃°．,.;:!?)]}…")
NO_BREAK_AFTER = set("（《「『【〔([{+＋$¥￥#＃")
QUOTES = set("“”‘’\"'")
# LibreOffice writes the extra spacing it puts between Chinese and Latin text as a space character.
CJK_ADJACENT_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


@dataclass
class _Char:
    text: str
    x0: float  # page coordinates with the origin top-left, as pdfplumber has them
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # median glyph height
    page: int
    page_width: float

    @property
    def right_gap(self) -> float:
        return self.page_width - self.x1


@dataclass
class _CellText:
    text: str
    # Room after the last line, in character widths: when the page breaks a row, a cell whose
    # text did not fit goes on overleaf, and that is told the way wrapped lines are (_wrapped).
    room_left: float = math.inf


@dataclass
class _TableBlock:
    # Expanded grid: the positions a merged cell covers hold the same _CellText object.
    grid: list[list[_CellText]]
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    page: int

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def rows(self) -> list[list[str]]:
        return [[cell.text for cell in row] for row in self.grid]


@dataclass
class _Layout:
    """Where body text sits in this document, learnt from its own lines."""
    left: float
    right_gap: float
    line_gap: float  # usual space between two lines of one paragraph


@dataclass
class _PdfPage:
    lines: list[_Line]
    tables: list[_TableBlock] = field(default_factory=list)


def read_pdf(path: str | Path) -> RawDocument:
    """Text layer via pypdfium2; tables via pdfplumber on the pages that have ruling lines."""
    path = Path(path)
    pdf = _open_pdf(path)
    try:
        pages, char_count = _read_pdf_pages(path, pdf)
    finally:
        pdf.close()
    if char_count == 0:
        _raise_no_text(path)
    _drop_running_lines(pages)
    blocks = [block for page in pages for block in sorted([*page.lines, *page.tables], key=lambda b: b.top)]
    text, tables = _assemble(blocks)
    if not text.strip():
        _raise_no_text(path)
    return RawDocument(path=str(path), fmt="pdf", text=text, tables=tables)


def _open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError(str(path), "PDF 已加密，需要密码才能打开 (password-protected PDF)") from exc
        raise ReadError(str(path), f"PDF 文件已损坏，无法打开 (damaged PDF: {exc})") from exc


def _raise_no_text(path: Path) -> None:
    # A download cut short can leave pages that open but are blank: call that damage, not a scan.
    if b"%%EOF" not in _read_tail(path):
        raise ReadError(str(path), "PDF 文件已损坏或不完整，缺少文件结尾 (damaged/truncated PDF: no %%EOF)")
    raise ScannedPDF(
        str(path), "扫描件，无文字层，暂不支持OCR (scanned PDF without a text layer; OCR is not supported)")


def _read_tail(path: Path, size: int = 2048) -> bytes:
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - size))
        return f.read()


def _read_pdf_pages(path: Path, pdf: pdfium.PdfDocument) -> tuple[list[_PdfPage], int]:
    pages: list[_PdfPage] = []
    char_count = 0
    with _TableFinder(path) as table_finder:
        for index in range(len(pdf)):
            page = _load_page(path, pdf, index)
            width, height = page.get_size()
            chars = _page_chars(page, height)
            char_count += len(chars)
            tables = _page_tables(table_finder.find(index), chars, index) if chars and _has_ruling_lines(page) else []
            text_chars = [c for c in chars if not any(_inside(c, t.bbox) for t in tables)]
            pages.append(_PdfPage(lines=_group_lines(text_chars, index, width), tables=tables))
            page.close()
    return pages, char_count


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


def _page_chars(page: pdfium.PdfPage, page_height: float) -> list[_Char]:
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
        chars.append(_Char(chr(code), box.left, box.right, page_height - box.top, page_height - box.bottom))
    textpage.close()
    return chars


def _has_ruling_lines(page: pdfium.PdfPage) -> bool:
    """Cheap test before the slow table finder: ruled tables are drawn with path objects."""
    paths = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])
    return len(list(islice(paths, MIN_RULING_PATHS))) == MIN_RULING_PATHS


def _inside(char: _Char, bbox: tuple) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
    return x0 <= cx < x1 and top <= cy < bottom


def _group_lines(chars: list[_Char], page: int, page_width: float) -> list[_Line]:
    """Cluster characters into visual lines (vertical centres within the line's band), left to right."""
    lines: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: (c.top + c.bottom) / 2):
        centre = (char.top + char.bottom) / 2
        if lines and lines[-1][0].top <= centre <= lines[-1][0].bottom:
            lines[-1].append(char)
        else:
            lines.append([char])
    built = (_make_line(sorted(line, key=lambda c: c.x0), page, page_width) for line in lines)
    return [line for line in built if line.text]


def _make_line(chars: list[_Char], page: int, page_width: float) -> _Line:
    size = statistics.median(c.height for c in chars) or 1.0
    parts = [chars[0].text]
    for prev, char in zip(chars, chars[1:]):
        if char.text == prev.text and abs(char.x0 - prev.x0) < SAME_GLYPH * size:
            continue
        if _between_latin_words(prev.text, char.text) and char.x0 - prev.x1 > LATIN_WORD_GAP * size:
            parts.append(" ")
        parts.append(char.text)
    return _Line(
        text="".join(parts).strip(),
        x0=min(c.x0 for c in chars), x1=max(c.x1 for c in chars),
        top=min(c.top for c in chars), bottom=max(c.bottom for c in chars),
        size=size, page=page, page_width=page_width,
    )


def _between_latin_words(left: str, right: str) -> bool:
    """Could a space stand here? Not inside a number: justified or narrow cells stretch 2021."""
    both_latin = left.isascii() and right.isascii() and not (left.isspace() or right.isspace())
    return both_latin and not (left.isdigit() and right.isdigit())


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


def _edge_lines(lines: list[_Line]) -> list[_Line]:
    return lines[:EDGE_LINES] + lines[EDGE_LINES:][-EDGE_LINES:]


def _running_key(line: _Line) -> str:
    """Header text with its page number masked, so "第3页 XX通知" matches "第4页 XX通知"."""
    return re.sub(r"\d+", "#", "".join(line.text.split()))


# ---- tables


def _page_tables(found_tables: list, chars: list[_Char], page: int) -> list[_TableBlock]:
    blocks = []
    for found in found_tables:
        grid = _cell_grid(found.cells, chars)
        if len(grid[0]) >= 2:  # a box around a paragraph is not a table; one row may be (overleaf)
            blocks.append(_TableBlock(grid=grid, bbox=found.bbox, page=page))
    return blocks


def _cell_grid(cells: list[tuple], chars: list[_Char]) -> list[list[_CellText]]:
    """Expand pdfplumber's cells to a full grid: each grid position takes the text of the cell
    covering it, so a merged cell repeats across the rows and columns it spans."""
    col_starts = sorted({cell[0] for cell in cells})
    row_starts = sorted({cell[1] for cell in cells})
    texts = {cell: _cell_text(cell, chars) for cell in cells}
    return [[_covering_text(texts, x, y) for x in col_starts] for y in row_starts]


def _covering_text(texts: dict[tuple, _CellText], x: float, y: float) -> _CellText:
    probe_x, probe_y = x + 0.5, y + 0.5  # just inside the grid position's top-left corner
    for (x0, top, x1, bottom), text in texts.items():
        if x0 <= probe_x < x1 and top <= probe_y < bottom:
            return text
    return _CellText("")


def _cell_text(cell: tuple, chars: list[_Char]) -> _CellText:
    """A cell's lines, wrapped lines joined back; a line ending short of the ruling ends a paragraph."""
    x1 = cell[2]
    lines = _group_lines([c for c in chars if _inside(c, cell)], 0, x1)  # right_gap: room to the ruling
    paragraphs: list[str] = []
    for prev, line in zip([None, *lines], lines):
        if prev is not None and _wrapped(prev, line, margin_gap=CELL_PADDING * prev.size):
            paragraphs[-1] = _join_wrapped(paragraphs[-1], line.text)
        else:
            paragraphs.append(line.text)
    if not lines:
        return _CellText("")
    last = lines[-1]
    return _CellText("\n".join(paragraphs), room_left=last.right_gap / last.size - CELL_PADDING)


# ---- paragraphs


def _assemble(blocks: list[_Line | _TableBlock]) -> tuple[str, list[Table]]:
    """Join wrapped lines into paragraphs; put each table's rows in the text where it stood."""
    layout = _learn_layout([b for b in blocks if isinstance(b, _Line)])
    lines: list[str] = []
    tables: list[Table] = []
    prev: _Line | _TableBlock | None = None
    for block in blocks:
        if isinstance(block, _TableBlock):
            _add_table(block, prev, lines, tables)
        elif isinstance(prev, _Line) and _continues(prev, block, layout):
            lines[-1] = _join_wrapped(lines[-1], block.text)
        else:
            lines.append(block.text)
        prev = block
    return "\n".join(lines), tables


def _add_table(block: _TableBlock, prev, lines: list[str], tables: list[Table]) -> None:
    if isinstance(prev, _TableBlock) and len(prev.grid[0]) == len(block.grid[0]):
        table = tables[-1]
        last_row = len(table.rows) - 1
        rows = _continue_table(table, prev, block.grid)
        lines[-1] = table_row_line(table.rows[last_row])  # a row broken by the page was joined
    else:
        rows = block.rows
        tables.append(Table(rows=rows, after_line=len(lines)))
    lines.extend(table_row_line(row) for row in rows)


def _continue_table(table: Table, prev: _TableBlock, grid: list[list[_CellText]]) -> list[list[str]]:
    """A table straight after a table with as many columns is the same table across a page
    break. Overleaf a repeated header is dropped, a row the page broke in two is joined again,
    and a merged cell that carries on from the last page (empty, spanning rows) gets its text.
    Returns the rows added to ``table``."""
    if [cell.text for cell in grid[0]] == table.rows[0]:
        grid = grid[1:]
    if not grid:
        return []
    last, first = table.rows[-1], [cell.text for cell in grid[0]]
    room = [cell.room_left for cell in prev.grid[-1]]
    broken = _continues_row(last, first, room)
    for col, cell in enumerate(grid[0]):
        if not cell.text and len(grid) > 1 and grid[1][col] is cell:
            cell.text = last[col]
    if broken:
        table.rows[-1] = _join_row(last, first, room)
        grid = grid[1:]
    rows = [[cell.text for cell in row] for row in grid]
    table.rows.extend(rows)
    return rows


def _continues_row(last: list[str], first: list[str], room: list[float]) -> bool:
    """Overleaf, a row the page broke has text only in cells that had text before the break,
    not in all of them (those that fitted are empty), and goes on where text did not fit."""
    filled = {col for col, text in enumerate(first) if text}
    before = {col for col, text in enumerate(last) if text}
    return filled < before and any(_cell_runs_on(room[col], first[col]) for col in filled)


def _cell_runs_on(room_left: float, tail: str) -> bool:
    return room_left <= _leading_unit_chars(tail) + FIT_SLACK


def _join_row(last: list[str], first: list[str], room: list[float]) -> list[str]:
    return [
        (_join_wrapped(head, tail) if _cell_runs_on(room[col], tail) else f"{head}\n{tail}") if tail else head
        for col, (head, tail) in enumerate(zip(last, first))
    ]


def _learn_layout(lines: list[_Line]) -> _Layout:
    if not lines:
        return _Layout(left=0.0, right_gap=0.0, line_gap=0.0)
    gaps = [line.top - prev.bottom for prev, line in zip(lines, lines[1:])
            if line.page == prev.page and line.top >= prev.bottom]
    return _Layout(
        left=_low_percentile([line.x0 for line in lines]),
        right_gap=_low_percentile([line.right_gap for line in lines]),
        line_gap=statistics.median(gaps) if gaps else 0.0,
    )


def _low_percentile(values: list[float]) -> float:
    """The 10th percentile: the body margin, robust to a few lines that stick out."""
    ordered = sorted(values)
    return ordered[len(ordered) // 10]


def _continues(prev: _Line, line: _Line, layout: _Layout) -> bool:
    """Does ``line`` carry on the paragraph of ``prev`` (a break forced by the page width)?"""
    indented = line.x0 > layout.left + INDENT_MIN * line.size
    spaced = line.page == prev.page and line.top - prev.bottom > layout.line_gap + PARAGRAPH_GAP * prev.size
    return not indented and not spaced and _wrapped(prev, line, margin_gap=layout.right_gap)


def _wrapped(prev: _Line, line: _Line, margin_gap: float) -> bool:
    """Was ``line`` pushed down because its first unbreakable piece did not fit after ``prev``?
    A line ending shorter than that piece's width ended on purpose; so did one before an item marker."""
    room_left = (prev.right_gap - margin_gap) / prev.size
    return room_left <= _leading_unit_chars(line.text) + FIT_SLACK and not ITEM_START.match(line.text)


def _leading_unit_chars(text: str) -> float:
    """Width, in CJK character widths, of the characters at the start of ``text`` that cannot be
    split: 实“六 in 实“六个一”, 庭。2024 in 庭。2024年."""
    text = CJK_ADJACENT_SPACE.sub("", text)
    end = 1
    while end < len(text) and _glued(text[end - 1], text[end]):
        end += 1
    return sum(LATIN_ADVANCE if ch.isascii() else 1.0 for ch in text[:end])


def _glued(left: str, right: str) -> bool:
    if right in NO_BREAK_BEFORE or left in NO_BREAK_AFTER or left in QUOTES or right in QUOTES:
        return True
    return _is_latin_alnum(right) and (_is_latin_alnum(left) or left in NO_BREAK_BEFORE)


def _is_latin_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _join_wrapped(head: str, tail: str) -> str:
    """CJK lines join directly; English words broken at the margin get their space back, but a
    number broken in a narrow cell (202|1年) does not."""
    if _between_latin_words(head[-1:], tail[:1]) and _is_latin_alnum(head[-1:]) and _is_latin_alnum(tail[:1]):
        return f"{head} {tail}"
    return head + tail


READERS = {".txt": read_txt, ".docx": read_docx, ".pdf": read_pdf, ".md": read_md}

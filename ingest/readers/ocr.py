"""OCR: scanned PDF pages and photos (.png/.jpg/.jpeg/.tif) read offline.

rapidocr-onnxruntime ships the PP-OCRv4 Chinese detection and recognition models inside its
wheel, so nothing is downloaded. It is an optional install (``pip install policykb[ocr]``, about
300 MB with onnxruntime and OpenCV): without it a scan gets an error that says so.

onnxruntime and OpenCV are pinned to one thread, as the other numeric libraries here: on these
2-core machines one thread per process is fastest, so pages are spread over processes
(``ReadOptions.ocr_workers``), each loading the models once.

Red ink is removed before recognition: a seal's strokes over the signature ruin the black text
under them and its arc of text is noise, and a 红头's words come again in the 文号 line and the
signature. ``ocr_layout`` turns the boxes into lines in reading order.
"""
from __future__ import annotations

import functools
import multiprocessing
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import EmptyDocument, OcrUnavailable, ReadError
from ingest.models import OCR_SOURCE, OcrSpan, RawDocument
from ingest.readers.common import ReadOptions
from ingest.readers.ocr_layout import OcrLine, page_lines
from ingest.readers.pdf_layout import Line, assemble

OCR_INSTALL = "pip install policykb[ocr]"
# PDF points -> pixels for OCR: 144 dpi. Measured on rendered sample notices: 2.0 reads 98.9 %
# of characters in 5.5 s a page, 1.5 reads 98.7 % in 5.1 s, 2.5 reads 97.1 % in 6.6 s.
RENDER_SCALE = 2.0
# Red ink: red well above green and blue (seal red, 红头 red, a pink seal on a pale scan).
RED_MIN, RED_OVER_OTHERS = 120, 60
NO_TEXT = "OCR 没有识别出文字，图像可能是空白、太模糊或太小 (OCR found no text: blank, blurred or too small)"


@dataclass(frozen=True)
class PageImage:
    """Where to find a page's image: a PDF page (rendered) or a frame of an image file."""
    path: str
    kind: str  # pdf | image
    index: int


def read_image(path: str | Path, options: ReadOptions | None = None) -> RawDocument:
    """A photo or scan (.png/.jpg/.jpeg/.tif, every frame of a multi-page TIFF), OCR'd."""
    path = Path(path)
    frames = _image_frames(path)
    pages = ocr_pages([PageImage(str(path), "image", i) for i in range(frames)], options or ReadOptions())
    blocks = [line for lines in pages for line in lines]
    if not blocks:
        raise EmptyDocument(str(path), NO_TEXT)
    text, tables = assemble(blocks)
    return RawDocument(path=str(path), fmt=path.suffix.lower().lstrip("."), text=text, tables=tables,
                       ocr_spans=ocr_spans(text, blocks), source=OCR_SOURCE)


def ocr_spans(text: str, blocks: list) -> list[OcrSpan]:
    """Where each OCR'd line ended up in the assembled text (lines are joined, never changed,
    so each is found in order after the previous one)."""
    spans, cursor = [], 0
    for block in blocks:
        if not isinstance(block, Line):
            continue
        at = text.find(block.text, cursor)
        if at < 0:
            continue
        cursor = at + len(block.text)
        if isinstance(block, OcrLine):
            spans.append(OcrSpan(at, cursor, round(block.confidence, 4)))
    return spans


def ocr_pages(pages: list[PageImage], options: ReadOptions) -> list[list[OcrLine]]:
    """Lines of each page, in page order; ``options.on_page(done, total)`` after each page."""
    if not pages:
        return []
    try:
        _engine()  # fail early, in this process, when OCR is not installed
    except ImportError as exc:
        raise OcrUnavailable(pages[0].path, "这是扫描件或图片，需要先安装 OCR 组件：" + OCR_INSTALL
                             + f" (scanned page or image: OCR is not installed, run {OCR_INSTALL}; {exc})") from exc
    workers = min(options.ocr_workers, len(pages))
    if workers <= 1:
        return _collect(map(_ocr_page, pages), pages, options)
    # spawn, not fork: the app runs threads, and each worker needs a clean one-thread runtime
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        return _collect(pool.imap(_ocr_page, pages), pages, options)


def _collect(outcomes, pages: list[PageImage], options: ReadOptions) -> list[list[OcrLine]]:
    results = []
    for done, (lines, error) in enumerate(outcomes, 1):
        if error:
            raise ReadError(pages[0].path, error)
        results.append(lines)
        if options.on_page:
            options.on_page(done, len(pages))
    return results


def _ocr_page(page: PageImage) -> tuple[list[OcrLine], str]:
    """(lines, "") or ([], reason): an error crosses the process boundary as its text."""
    try:
        pixels, scale, page_width = _load(page)
        results, _ = _engine()(_without_red(pixels)[:, :, ::-1])  # the models take BGR
    except ReadError as exc:
        return [], exc.reason
    return page_lines(results or [], page.index, page_width, scale), ""


@functools.cache
def _engine():
    import cv2
    from rapidocr_onnxruntime import RapidOCR

    cv2.setNumThreads(1)
    # no angle classifier: pages are upright (a slant is straightened from the boxes), and it
    # turned whole lines upside down before recognition, which then read nothing
    return RapidOCR(use_cls=False, intra_op_num_threads=1, inter_op_num_threads=1)


def _load(page: PageImage):
    """RGB pixels, pixels per page unit, page width in page units."""
    import numpy as np

    if page.kind == "pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(page.path)
        try:
            pdf_page = pdf[page.index]
            width = pdf_page.get_width()
            image = pdf_page.render(scale=RENDER_SCALE).to_pil().convert("RGB")
        except pdfium.PdfiumError as exc:
            raise ReadError(page.path, f"PDF 第 {page.index + 1} 页无法渲染 (cannot render page {page.index + 1}: {exc})") from exc
        finally:
            pdf.close()
        return np.asarray(image), RENDER_SCALE, width
    image = _open_frame(Path(page.path), page.index)
    return np.asarray(image), 1.0, image.width


def _without_red(pixels):
    import numpy as np

    red, green, blue = (pixels[:, :, i].astype(np.int16) for i in range(3))
    ink = (red >= RED_MIN) & (red - green >= RED_OVER_OTHERS) & (red - blue >= RED_OVER_OTHERS)
    if not ink.any():
        return pixels
    cleaned = pixels.copy()
    cleaned[ink] = 255
    return cleaned


# ---- image files


def _image_frames(path: Path) -> int:
    image = _open(path)
    with image:
        return getattr(image, "n_frames", 1)


def _open(path: Path):
    from PIL import Image, UnidentifiedImageError

    try:
        return Image.open(path)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as exc:
        raise ReadError(str(path), f"图片文件已损坏或格式无法识别 (damaged or unreadable image: {exc})") from exc


def _open_frame(path: Path, index: int):
    """Frame ``index`` upright (a phone's EXIF rotation applied) in RGB."""
    from PIL import Image, ImageOps

    image = _open(path)
    try:
        image.seek(index)
        upright = ImageOps.exif_transpose(image)
        return upright.convert("RGB")
    except (OSError, EOFError, ValueError, Image.DecompressionBombError) as exc:
        raise ReadError(str(path), f"图片文件已损坏，第 {index + 1} 页无法读取 (damaged image: frame {index + 1}: {exc})") from exc
    finally:
        image.close()

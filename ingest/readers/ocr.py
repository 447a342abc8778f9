"""OCR: scanned PDF pages and photos (.png/.jpg/.jpeg/.tif) read offline.

rapidocr-onnxruntime ships the PP-OCRv4 Chinese detection and recognition models inside its
wheel, so nothing is downloaded. It is an optional install (``pip install policykb[ocr]``, about
300 MB with onnxruntime and OpenCV): without it a scan gets an error that says so.

onnxruntime and OpenCV are pinned to one thread, as the other numeric libraries here: on these
2-core machines one thread per process is fastest, so pages are spread over processes
(``ReadOptions.ocr_workers``), each loading the models once.

Scans and photos are untrusted, so every page is decoded and read in a spawned worker process
under an address-space cap (``ocr_max_memory_mb``), never in the caller's (the app's) process:
a small file can decode to gigabytes. Before anything is decoded, a document with more pages to
OCR than ``ocr_max_pages`` is refused, and so is an image frame whose header says it has more
than ``image_max_pixels``; a PDF page that would render past that is rendered smaller instead.
A page with almost no ink (blank, or a few specks) is skipped without OCR.

Red ink is removed before recognition: a seal's strokes over the signature ruin the black text
under them and its arc of text is noise, and a 红头's words come again in the 文号 line and the
signature. ``ocr_layout`` turns the boxes into lines in reading order.
"""
from __future__ import annotations

import functools
import importlib.util
import math
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import EmptyDocument, OcrUnavailable, ReadError
from ingest.models import OCR_SOURCE, OcrSpan, RawDocument
from ingest.readers.common import MB, ReadOptions
from ingest.readers.ocr_layout import OcrLine, page_lines
from ingest.readers.pdf_layout import Line, assemble

OCR_INSTALL = "pip install policykb[ocr]"
OCR_PACKAGES = ("rapidocr_onnxruntime", "onnxruntime", "cv2")
# PDF points -> pixels for OCR: 144 dpi. Measured on rendered sample notices: 2.0 reads 98.9 %
# of characters in 5.5 s a page, 1.5 reads 98.7 % in 5.1 s, 2.5 reads 97.1 % in 6.6 s.
RENDER_SCALE = 2.0
# Red ink: red well above green and blue (seal red, 红头 red, a pink seal on a pale scan).
RED_MIN, RED_OVER_OTHERS = 120, 60
# A page is blank, and skipped without OCR, when fewer than this share of its pixels are dark
# (gray below DARK_GRAY) once red ink is gone. Shares do not depend on the resolution; measured
# on an A4 page at 72-600 dpi: a lone page number "- 3 -" at 10.5 pt is 36-42 per million, a
# single "3" at 9 pt 20, a date line 340, a rule drawn across the page 910 (so a page with only
# a drawn line is OCR'd: the page limit, not this, bounds a file of such pages). A 2x2-pixel
# speck at 144 dpi is 2 per million: up to seven such specks still count as blank.
DARK_GRAY = 160
BLANK_MAX_DARK_SHARE = 15e-6
NO_TEXT = "OCR 没有识别出文字，图像可能是空白、太模糊或太小 (OCR found no text: blank, blurred or too small)"
# What a worker's errors say when they mean its memory cap was reached: a MemoryError, or
# OpenCV's or onnxruntime's own error, or an ImportError of a library that could not be mapped.
OUT_OF_MEMORY_WORDS = ("memory", "alloc", "failed to map segment")
# Orphaned workers (their parent killed) notice within this many seconds and exit.
PARENT_CHECK_S = 2.0


@dataclass(frozen=True)
class PageImage:
    """Where to find a page's image: a PDF page (rendered) or a frame of an image file."""
    path: str
    kind: str  # pdf | image
    index: int


def read_image(path: str | Path, options: ReadOptions | None = None) -> RawDocument:
    """A photo or scan (.png/.jpg/.jpeg/.tif, every frame of a multi-page TIFF), OCR'd."""
    path, options = Path(path), options or ReadOptions()
    frames = _image_frames(path, options)
    pages = ocr_pages([PageImage(str(path), "image", i) for i in range(frames)], options)
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
    """Lines of each page, in page order; ``options.on_page(done, total)`` after each page.
    The pages are decoded and read in worker processes (at least one)."""
    if not pages:
        return []
    _check_page_count(pages[0].path, len(pages), options)
    missing = [name for name in OCR_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:  # found without importing: the models are loaded in the workers only
        raise OcrUnavailable(pages[0].path, "这是扫描件或图片，需要先安装 OCR 组件：" + OCR_INSTALL
                             + f" (scanned page or image: OCR is not installed, run {OCR_INSTALL}; "
                               f"missing {', '.join(missing)})")
    # spawn, not fork: the app runs threads, and each worker needs a clean one-thread runtime.
    # concurrent.futures, not multiprocessing.Pool: a worker that dies (killed at its memory
    # cap) breaks the pool and every waiting result raises, where Pool would wait forever.
    executor = ProcessPoolExecutor(max(1, min(options.ocr_workers, len(pages))),
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(options.ocr_max_memory_mb, os.getpid()))
    try:
        futures = [executor.submit(_ocr_page, page, options.image_max_pixels, options.ocr_max_memory_mb)
                   for page in pages]
        results = []
        for done, (page, future) in enumerate(zip(pages, futures), 1):
            try:
                lines, error = future.result()
            except BrokenProcessPool as exc:
                raise ReadError(page.path, _worker_died(page, options.ocr_max_memory_mb)) from exc
            if error:
                raise ReadError(page.path, error)
            results.append(lines)
            if options.on_page:
                options.on_page(done, len(pages))
        return results
    finally:  # pages not started yet are dropped; one being read finishes first (seconds)
        executor.shutdown(wait=True, cancel_futures=True)


def _check_page_count(path: str, count: int, options: ReadOptions) -> None:
    if count > options.ocr_max_pages:
        raise ReadError(path, f"扫描件共 {count} 页要 OCR，超过 OCR 页数上限 {options.ocr_max_pages} 页"
                              f"（{_raise_hint('ocr_max_pages')}）"
                              f"({count} pages to OCR, more than ocr_max_pages = {options.ocr_max_pages})")


def _raise_hint(setting: str) -> str:
    return f"设置 {setting}，可在 config.json 或环境变量 KB_{setting.upper()} 调大"


def _worker_died(page: PageImage, max_memory_mb: int) -> str:
    return (f"OCR 进程读到第 {page.index + 1} 页时意外退出，多半是内存超过上限 {max_memory_mb} MB"
            f"（{_raise_hint('ocr_max_memory_mb')}）(the OCR worker died at page {page.index + 1}, "
            f"most likely over ocr_max_memory_mb = {max_memory_mb} MB)")


def _out_of_memory(page: PageImage, max_memory_mb: int) -> str:
    return (f"第 {page.index + 1} 页 OCR 所需内存超过上限 {max_memory_mb} MB（{_raise_hint('ocr_max_memory_mb')}）"
            f"(page {page.index + 1} needs more memory than ocr_max_memory_mb = {max_memory_mb} MB)")


# ---- in the worker processes


def _start_worker(max_memory_mb: int, parent_pid: int) -> None:
    """Cap this worker's address space, and end it if its parent dies (a killed import or app
    would otherwise leave it waiting for work forever)."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = max_memory_mb * MB if hard == resource.RLIM_INFINITY else min(max_memory_mb * MB, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()


def _exit_with_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _ocr_page(page: PageImage, max_pixels: int, max_memory_mb: int) -> tuple[list[OcrLine], str]:
    """(lines, "") or ([], reason): an error crosses the process boundary as its text."""
    try:
        pixels, scale, page_width = _load(page, max_pixels)
        # removing red only makes pixels white: a page blank before it is blank after it, and
        # the cheap test first spares the red search on a file of blank pages
        if _is_blank(pixels) or _is_blank(pixels := _without_red(pixels)):
            return [], ""
        results, _ = _engine()(pixels[:, :, ::-1])  # the models take BGR
    except ReadError as exc:
        return [], exc.reason
    except MemoryError:
        return [], _out_of_memory(page, max_memory_mb)
    except Exception as exc:  # OpenCV, onnxruntime and a library loaded at the cap say it their way
        if any(words in str(exc).lower() for words in OUT_OF_MEMORY_WORDS):
            return [], _out_of_memory(page, max_memory_mb)
        raise
    return page_lines(results or [], page.index, page_width, scale), ""


@functools.cache
def _engine():
    import cv2
    from rapidocr_onnxruntime import RapidOCR

    cv2.setNumThreads(1)
    # no angle classifier: pages are upright (a slant is straightened from the boxes), and it
    # turned whole lines upside down before recognition, which then read nothing
    return RapidOCR(use_cls=False, intra_op_num_threads=1, inter_op_num_threads=1)


def _load(page: PageImage, max_pixels: int):
    """RGB pixels, pixels per page unit, page width in page units."""
    import numpy as np

    if page.kind == "pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(page.path)
        try:
            pdf_page = pdf[page.index]
            width, height = pdf_page.get_size()
            # a poster-size page is read at the largest scale that stays within the pixel limit
            scale = min(RENDER_SCALE, math.sqrt(max_pixels / max(width * height, 1.0)))
            image = pdf_page.render(scale=scale).to_pil().convert("RGB")
        except pdfium.PdfiumError as exc:
            raise ReadError(page.path, f"PDF 第 {page.index + 1} 页无法渲染 (cannot render page {page.index + 1}: {exc})") from exc
        finally:
            pdf.close()
        return np.asarray(image), scale, width
    image = _open_frame(Path(page.path), page.index, max_pixels)
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


def _is_blank(pixels) -> bool:
    import cv2
    import numpy as np

    dark = np.count_nonzero(cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY) < DARK_GRAY)
    return dark < BLANK_MAX_DARK_SHARE * pixels.shape[0] * pixels.shape[1]


# ---- image files


def _image_frames(path: Path, options: ReadOptions) -> int:
    """How many frames, from the headers alone (nothing is decoded): refused when there are too
    many to OCR, or when one of them has too many pixels."""
    image = _open(path, options.image_max_pixels)
    with image:
        frames = getattr(image, "n_frames", 1)
        _check_page_count(str(path), frames, options)
        for index in range(frames):
            _seek(image, path, index)
            _check_pixels(path, index, image.size, options.image_max_pixels)
    return frames


def _check_pixels(path: Path, index: int, size: tuple[int, int], max_pixels: int) -> None:
    width, height = size
    if width * height > max_pixels:
        raise ReadError(str(path), f"图片第 {index + 1} 页 {width}×{height} 像素，超过单页像素上限 "
                                   f"{max_pixels / 1e6:g} 百万像素（{_raise_hint('image_max_pixels')}）"
                                   f"(frame {index + 1} is {width}x{height} = {width * height / 1e6:.0f} MP, "
                                   f"more than image_max_pixels = {max_pixels})")


def _open(path: Path, max_pixels: int):
    from PIL import Image, UnidentifiedImageError

    try:
        return Image.open(path)  # reads the header only
    except Image.DecompressionBombError as exc:  # Pillow's own bound, past 179 MP
        raise ReadError(str(path), f"图片像素过多，超过单页像素上限 {max_pixels / 1e6:g} 百万像素"
                                   f"（{_raise_hint('image_max_pixels')}）(too many pixels: {exc})") from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise ReadError(str(path), f"图片文件已损坏或格式无法识别 (damaged or unreadable image: {exc})") from exc


def _seek(image, path: Path, index: int) -> None:
    try:
        image.seek(index)
    except (OSError, EOFError, ValueError) as exc:
        raise ReadError(str(path), f"图片文件已损坏，第 {index + 1} 页无法读取 (damaged image: frame {index + 1}: {exc})") from exc


def _open_frame(path: Path, index: int, max_pixels: int):
    """Frame ``index`` upright (a phone's EXIF rotation applied) in RGB, its size checked again
    from its header before it is decoded."""
    from PIL import Image, ImageOps

    image = _open(path, max_pixels)
    try:
        _seek(image, path, index)
        _check_pixels(path, index, image.size, max_pixels)
        upright = ImageOps.exif_transpose(image)
        return upright.convert("RGB")
    except (OSError, EOFError, ValueError, Image.DecompressionBombError) as exc:
        raise ReadError(str(path), f"图片文件已损坏，第 {index + 1} 页无法读取 (damaged image: frame {index + 1}: {exc})") from exc
    finally:
        image.close()

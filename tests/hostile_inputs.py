"""Hostile input files for `kb ingest`, small on disk and quick to make: each function writes one
file into ``folder`` and returns its path. The tests of the limits and bench/hostile.py share
them. (A hostile *path* is the other case: ``kb ingest ""``, the unset shell variable, which the
bench runs in an empty folder.)"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

NOTICE_TITLE = "关于开展安全生产检查的通知"
NOTICE_TASK = "一、市应急管理局牵头，开展安全生产大检查，2025年12月底前完成。"
LINE_SENTENCE = "各单位要认真开展安全生产大检查，及时消除事故隐患。"
MB = 1024 * 1024
A4_POINTS = (595, 842)


def far_cell_xlsx(folder: Path) -> Path:
    """A two-cell .xlsx (A1 牵头单位, one at XFD1048576): walking rows x columns visits 17 billion cells."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "牵头单位"
    sheet["XFD1048576"] = "市应急管理局"
    path = folder / "far_cell.xlsx"
    book.save(path)
    return path


def one_line_pages_pdf(folder: Path, pages: int = 3000) -> Path:
    """A PDF of ``pages`` pages, each one drawn line and no text layer: every page goes to OCR (seconds a page)."""
    line = b"0 0 0 RG 2 w 72 421 m 523 421 l S\n"
    first_page = 4  # objects: 1 catalog, 2 page tree, 3 the content stream all pages share
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>",
              b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids),
              b"<< /Length %d >>\nstream\n%sendstream" % (len(line), line)]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 3 0 R /Resources << >> >>" % A4_POINTS
    bodies += [page] * pages
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    path = folder / "one_line_pages.pdf"
    path.write_bytes(bytes(out))
    return path


def blank_frames_tiff(folder: Path, frames: int = 500) -> Path:
    """A TIFF of ``frames`` blank white A4 frames (deflate): every frame goes to OCR and finds nothing."""
    from PIL import Image

    blank = Image.new("L", A4_POINTS, 255)  # A4 at 72 dpi
    path = folder / "blank_frames.tif"
    blank.save(path, save_all=True, append_images=[blank] * (frames - 1), compression="tiff_adobe_deflate")
    return path


def huge_png(folder: Path, side: int = 13000) -> Path:
    """A side x side RGB PNG, white with one black line, just under Pillow's bomb error: decoding it takes ~0.5-2 GB."""
    row = bytearray(b"\xff" * (3 * side))
    black = b"\x00\x00\x00" * side
    packer = zlib.compressobj(6)
    chunks = []
    for y in range(side):  # written row by row: the image is never held whole
        pixels = black if y == side // 2 else row
        chunks.append(packer.compress(b"\x00" + pixels))  # filter 0 (None)
    chunks.append(packer.flush())
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)  # 8-bit RGB
    path = folder / "huge.png"
    with path.open("wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        for kind, data in ((b"IHDR", header), (b"IDAT", b"".join(chunks)), (b"IEND", b"")):
            out.write(struct.pack(">I", len(data)) + kind + data)
            out.write(struct.pack(">I", zlib.crc32(kind + data)))
    return path


def huge_tiff(folder: Path, side: int = 13000, frames: int = 2) -> Path:
    """A TIFF of ``frames`` side x side 1-bit frames (Group 4), under Pillow's bomb error: ~0.5 GB RGB each."""
    from PIL import Image, ImageDraw

    page = Image.new("1", (side, side), 1)
    ImageDraw.Draw(page).line([(side // 10, side // 2), (side - side // 10, side // 2)], fill=0, width=4)
    path = folder / "huge.tif"
    page.save(path, save_all=True, append_images=[page] * (frames - 1), compression="group4")
    return path


def deep_html(folder: Path, depth: int = 300) -> Path:
    """A notice inside ``depth`` nested <div>s: past libxml2's default depth of 256; a recursive walk's stack."""
    body = f"<h1>{NOTICE_TITLE}</h1>\n<p>各有关单位：</p>\n<p>{NOTICE_TASK}</p>\n"
    page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>通知</title></head><body>\n"
            + "<div>" * depth + body + "</div>" * depth + "\n</body></html>\n")
    path = folder / "deep.html"
    path.write_text(page, encoding="utf-8")
    return path


def docx_bomb(folder: Path, inflated_mb: int = 300) -> Path:
    """A real .docx whose document.xml inflates ~1000x to ``inflated_mb``: parsing it whole took gigabytes."""
    from tests.test_limits import write_docx_bomb  # imports kb: only when a bomb is made

    return write_docx_bomb(folder / "bomb.docx", inflated_mb)


def ten_mb_line_txt(folder: Path, megabytes: int = 10) -> Path:
    """A text file of one ``megabytes`` MB line of Chinese, no newline: per-line work scales with the whole file."""
    sentence = LINE_SENTENCE.encode("utf-8")
    path = folder / "one_line.txt"
    path.write_bytes(sentence * (megabytes * MB // len(sentence)))
    return path


# name -> maker, in the order the bench runs them
MAKERS = {
    "far_cell_xlsx": far_cell_xlsx,
    "one_line_pages_pdf": one_line_pages_pdf,
    "blank_frames_tiff": blank_frames_tiff,
    "huge_png": huge_png,
    "huge_tiff": huge_tiff,
    "deep_html": deep_html,
    "docx_bomb": docx_bomb,
    "ten_mb_line_txt": ten_mb_line_txt,
}

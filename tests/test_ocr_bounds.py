"""OCR's bounds on untrusted scans and photos, on small real files made here: too many pages or
too many pixels are refused before anything is decoded, blank pages are skipped without OCR,
pages are decoded and read in worker processes under a memory cap, and a worker that hits its
cap or dies gives an error naming the page and the setting, never a hang. Limits are lowered
through ReadOptions, or through KB_<NAME> in a real `kb ingest`."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from bench.scorers import char_accuracy
from ingest.errors import EmptyDocument, ReadError
from ingest.models import OCR_SOURCE
from ingest.readers import ReadOptions, read_file
from tests import made_files
from tests.concurrency import ROOT, run_capped_python, run_kb
from tests.office import SOFFICE

MB = 1024 * 1024
A4_INCHES = (8.27, 11.69)
LINES = ["关于开展安全生产大检查的通知", "各县区应急管理局、市直有关部门：",
         "为深入贯彻落实安全生产责任制，现就开展安全生产大检查有关事项通知如下。",
         "一、市应急管理局牵头，市住建局、市交通运输局配合，于2024年6月30日前完成检查。"]
# The importing process: Python, our readers and Pillow take ~55 MB; decoding the 13000 x 13000
# frame used to take 2.4 GB there, and OCR's models ~600 MB.
IMPORTER_PEAK_MB = 200
ADDRESS_SPACE_LIMIT = 4096 * MB  # a regression fails the test instead of exhausting the machine
PEAK_REPORT = re.compile(r"VmHWM (\d+) kB")


def a4_page(lines: list[str], dpi: int = made_files.SCAN_DPI, pt: float = 14, top: float = 0.1) -> Image.Image:
    """An A4 page at ``dpi`` with ``lines`` in a Chinese font (14 pt: 四号, a notice's body size)."""
    width, height = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
    page = Image.new("RGB", (width, height), "white")
    draw, font = ImageDraw.Draw(page), ImageFont.truetype(made_files.CJK_FONT, round(pt * dpi / 72))
    for i, line in enumerate(lines):
        draw.text((width // 10, round(height * top) + i * round(2 * pt * dpi / 72)), line, fill="black", font=font)
    return page


def centred_line(text: str, pt: float, dpi: int = made_files.SCAN_DPI) -> Image.Image:
    """A page with one short line near its foot, as a page number or a date line stands."""
    page = a4_page([], dpi)
    font = ImageFont.truetype(made_files.CJK_FONT, round(pt * dpi / 72))
    ImageDraw.Draw(page).text((page.width // 2, round(page.height * 0.93)), text, fill="black", font=font, anchor="mm")
    return page


def tiff(frames: list[Image.Image], path: Path) -> Path:
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="group4" if frames[0].mode == "1"
                   else "tiff_deflate")
    return path


def read_in_child(path: Path, **options) -> tuple[str, float]:
    """read_file(path, ReadOptions(**options)) in a process of its own: what it printed (the
    error, or the text), and its peak resident memory in MB."""
    code = ("import sys\n"
            "from ingest.readers import ReadOptions, read_file\n"
            "if __name__ == '__main__':\n"
            "    try:\n"
            f"        print(read_file({str(path)!r}, ReadOptions(**{options!r})).text)\n"
            "    except Exception as exc:\n"
            "        print(type(exc).__name__, exc)\n"
            "    status = open('/proc/self/status').read()\n"
            "    sys.stderr.write('VmHWM %s kB\\n' % status.split('VmHWM:')[1].split()[0])\n")
    result = run_capped_python(code, address_space=ADDRESS_SPACE_LIMIT, cwd=ROOT, capture_output=True, text=True,
                               timeout=600)
    found = PEAK_REPORT.search(result.stderr)
    assert found, result.stderr
    return result.stdout, int(found.group(1)) / 1024


# ---- before any decoding: page count and pixels


def test_a_pdf_over_the_page_limit_is_refused_before_any_ocr(tmp_path):
    lines = Image.new("1", (300, 420), 1)
    ImageDraw.Draw(lines).line((30, 210, 270, 210), fill=0, width=2)  # a page with one drawn line
    pdf = made_files.scanned_pdf([lines] * 3, tmp_path / "lines.pdf")
    read = []
    started = time.perf_counter()
    with pytest.raises(ReadError, match=r"扫描件共 3 页要 OCR，超过 OCR 页数上限 2 页.*ocr_max_pages") as caught:
        read_file(pdf, ReadOptions(ocr_max_pages=2, on_page=lambda *progress: read.append(progress)))
    assert time.perf_counter() - started < 5 and not read
    assert "KB_OCR_MAX_PAGES" in str(caught.value) and "(3 pages to OCR, more than ocr_max_pages = 2)" in str(caught.value)
    # the same from the setting, in a real import; with the limit raised the pages are read
    refused = run_kb(tmp_path / "kb", "ingest", str(pdf), ocr_max_pages=2)
    assert refused.returncode == 1 and "超过 OCR 页数上限 2 页" in refused.stdout, refused.stdout + refused.stderr
    assert "超过 OCR 页数上限" not in run_kb(tmp_path / "kb", "ingest", str(pdf), ocr_max_pages=3).stdout


def test_a_tiff_over_the_page_limit_is_refused_from_its_headers(tmp_path):
    scan = tiff([Image.new("1", (1240, 1754), 1)] * 31, tmp_path / "frames.tif")
    with pytest.raises(ReadError, match="扫描件共 31 页要 OCR，超过 OCR 页数上限 30 页"):
        read_file(scan, ReadOptions(ocr_max_pages=30))


def huge_frame(path: Path, side: int = 13000, before: Image.Image | None = None) -> Path:
    """A frame of side x side pixels in a file of a few hundred KB (bilevel, one colour)."""
    frame = Image.new("1", (side, side), 1)
    if before is None:
        frame.save(path)
    else:
        before.save(path, save_all=True, append_images=[frame], compression="group4")
    return path


@pytest.mark.parametrize("name, frame", [("huge.png", 1), ("second_frame_huge.tif", 2)])
def test_a_frame_over_the_pixel_limit_is_refused_from_its_header_with_little_memory(tmp_path, name, frame):
    small = a4_page(LINES).convert("1") if frame == 2 else None
    path = huge_frame(tmp_path / name, before=small)
    assert path.stat().st_size < 2 * MB
    started = time.perf_counter()
    said, peak_mb = read_in_child(path)
    took = time.perf_counter() - started
    print(f"{name}: refused in {took:.1f} s, importer peak {peak_mb:.0f} MB")
    assert f"图片第 {frame} 页 13000×13000 像素，超过单页像素上限 60 百万像素" in said, said
    assert "image_max_pixels" in said and "KB_IMAGE_MAX_PIXELS" in said
    assert peak_mb < IMPORTER_PEAK_MB and took < 20


def test_a_poster_size_pdf_page_is_rendered_smaller_and_read(tmp_path):
    # an A4 scan on a page four times A4's width and height: at 144 dpi 34 M pixels
    poster = tmp_path / "poster.pdf"
    a4_page(LINES).save(poster, resolution=made_files.SCAN_DPI / 4)
    raw = read_file(poster, ReadOptions(image_max_pixels=3_000_000))
    assert raw.source == OCR_SOURCE and char_accuracy("\n".join(LINES), raw.text) >= 0.95, raw.text


# ---- blank pages


def test_blank_frames_are_skipped_without_ocr(tmp_path):
    blank = Image.new("1", (1240, 1754), 1)
    specks = blank.copy()
    for x, y in ((100, 200), (900, 1500), (600, 40)):  # dust: three 2x2 specks
        ImageDraw.Draw(specks).rectangle((x, y, x + 1, y + 1), fill=0)
    scan = tiff([blank, specks] * 50, tmp_path / "blank.tif")
    read = []
    started = time.perf_counter()
    with pytest.raises(EmptyDocument, match="OCR 没有识别出文字"):
        read_file(scan, ReadOptions(ocr_workers=2, on_page=lambda *progress: read.append(progress)))
    took = time.perf_counter() - started
    print(f"100 blank frames: {took:.1f} s")
    assert read[-1] == (100, 100) and took < 40  # OCR'd, they took over a second each


def test_one_short_line_is_read_and_a_blank_page_is_not(tmp_path):
    """The blank test's threshold on real type: a page number or a date line alone is OCR'd."""
    pages = [a4_page([]), centred_line("- 3 -", pt=10.5), a4_page([]), centred_line("2024年3月5日", pt=10.5)]
    raw = read_file(tiff(pages, tmp_path / "short.tif"), ReadOptions(ocr_workers=2))
    assert "2024年3月5日" in raw.text and "3-" in raw.text.replace(" ", ""), raw.text


# ---- in worker processes, under a memory cap


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice makes the pages: scripts/system_deps.sh")
def test_a_normal_scan_reads_under_the_default_cap_and_the_importer_stays_small(tmp_path):
    lines = made_files.excerpt(ROOT / "corpus" / "000_ae917fade8060d6b.txt", owner_blocks=2)
    pdf = made_files.text_pdf(lines, tmp_path / "notice.pdf")
    page = made_files.with_seal(made_files.page_images(pdf, pages=1)[0], "某某县安全生产监督专用章")
    scan = made_files.scanned_pdf([page], tmp_path / "scan.pdf")
    text, peak_mb = read_in_child(scan)
    truth = read_file(made_files.first_page(pdf, tmp_path / "page1.pdf")).text
    print(f"one page: importer peak {peak_mb:.0f} MB")
    assert char_accuracy(truth, text) >= 0.97, text
    assert peak_mb < IMPORTER_PEAK_MB  # the models and the page were in the worker


def test_a_worker_over_its_memory_cap_gives_an_error_naming_the_page_and_the_setting(tmp_path):
    scan = made_files.scanned_pdf([a4_page(LINES)], tmp_path / "scan.pdf")
    started = time.perf_counter()
    # a MemoryError in the worker, or (where the allocation fails in a library) the worker's death
    with pytest.raises(ReadError, match=r"第 1 页.*内存超过上限 300 MB.*ocr_max_memory_mb"):
        read_file(scan, ReadOptions(ocr_max_memory_mb=300))
    assert time.perf_counter() - started < 60
    refused = run_kb(tmp_path / "kb", "ingest", str(scan), ocr_max_memory_mb=300)
    assert refused.returncode == 1 and "KB_OCR_MAX_MEMORY_MB" in refused.stdout, refused.stdout + refused.stderr


def spawned_workers(pid: int) -> list[int]:
    found = []
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.append(int(child))
        except FileNotFoundError:
            pass
    return found


def start_reading(scan: Path) -> tuple[subprocess.Popen, list[int]]:
    """read_file(scan) in a process of its own, once its OCR worker has started: it and the worker."""
    code = ("from ingest.readers import ReadOptions, read_file\n"
            "if __name__ == '__main__':\n"
            "    try:\n"
            f"        read_file({str(scan)!r}, ReadOptions(ocr_workers=1))\n"
            "    except Exception as exc:\n"
            "        print(type(exc).__name__, exc)\n")
    reading = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not spawned_workers(reading.pid) and time.monotonic() < deadline and reading.poll() is None:
        time.sleep(0.1)
    workers = spawned_workers(reading.pid)
    assert workers, "no OCR worker was started"
    time.sleep(1)
    return reading, workers


def test_a_worker_that_dies_gives_an_error_and_no_hang(tmp_path):
    reading, workers = start_reading(made_files.scanned_pdf([a4_page(LINES)] * 4, tmp_path / "scan.pdf"))
    os.kill(workers[0], signal.SIGKILL)  # as the kernel's OOM killer would
    said, _ = reading.communicate(timeout=60)
    assert "ReadError" in said and "OCR 进程读到第 1 页时意外退出" in said and "ocr_max_memory_mb" in said, said


def test_a_worker_whose_importer_is_killed_exits_on_its_own(tmp_path):
    reading, workers = start_reading(made_files.scanned_pdf([a4_page(LINES)] * 4, tmp_path / "scan.pdf"))
    reading.kill()  # a killed `kb ingest` or app: its pool's workers would wait for work forever
    reading.wait()
    deadline = time.monotonic() + 15  # the current page may finish first
    while Path(f"/proc/{workers[0]}").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not Path(f"/proc/{workers[0]}").exists(), "the OCR worker outlived its importer"

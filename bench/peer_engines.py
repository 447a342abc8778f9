"""The engines bench/bench_peers.py compares, each behind ``search(query) -> entry texts, best first``:
policykb itself, txtai (hybrid) and bm25s + faiss-flat + reciprocal rank fusion, the peers over what
policykb exports (``Exported``)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np

from index.embed import make_embedder
from index.tokenize import Tokenizer
from ingest.script import reading_form
from kb import KnowledgeBase
from kb.search import RECENT_QUERY_MEMOS

ENGINES = ("policykb", "txtai", "bm25s")
K = 10
DEPTH = 50  # each leg of the bm25s baseline, before fusion
RRF_K = 60


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


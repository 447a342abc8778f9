"""Our own BM25, so that every keyword backend ranks a query's entries alike.

whoosh, tantivy and Milvus each score BM25 their own way: other idf formulas, field lengths
quantised to a byte, statistics that still count deleted entries until a merge, and in Milvus
one search per field. The same KB ranked differently on each. So an engine only proposes
candidates (its own best ``candidates(k)``), and they are scored here, in one order of terms
and fields, from what every backend gives identically:

- each candidate's tokens, as the index stores them (the jieba streams made at index time);
- the collection's entries and tokens per field, summed from the documents' markers (``Totals``,
  written in the same commit as the document's entries and removed with them);
- each term's document frequency per field, counted over the live entries.

Equal scores are left in key order here; ``kb.search`` breaks them by the entries' order.

The candidates are each engine's best by its own scoring. On a corpus where more entries match
than that, an entry this BM25 would rank among the first k may be outside one engine's
candidates and inside another's, so the last places may differ between backends. On the test
corpora (the seed notices) whoosh, tantivy and Milvus Lite rank alike (tests/test_search.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from math import log
from typing import Callable

import numpy as np

# Robertson's k1 and b, as tantivy (and Lucene) use and whoosh's BM25F defaults to.
K1, B = 1.2, 0.75
# Candidates an engine proposes for k results: its order is not ours, so it looks deeper.
CANDIDATE_MIN, CANDIDATE_FACTOR = 100, 5


# First, an engine proposes fewer: its order is close to ours (tantivy's first 97 held our first
# 90 for every gold query and question at 100 laws, its first 95 at 1,000 laws; its first 36 our
# first 30), so most queries need no more; see ``stable``.
FIRST_SHARE, FIRST_MARGIN = 0.25, 20

# Coverage: a candidate's score is multiplied by (the idf-weighted share of the query's words
# it holds in its own words or subwords) ** COVERAGE_POWER, so that an entry holding the topic
# as well as the aspect (消防设施 beside 维护保养) goes before one that repeats only the aspect
# (an elevator's 维护保养). Recall@20 of notice / regulation topics in the dev sets' mixed KB
# (bench/evalkit.mixed_corpus) with 60 more regulations 0.854 / 0.627 -> 0.854 / 0.657, with 200
# 0.816 / 0.607 -> 0.825 / 0.614; power 1: 0.888 / 0.643 at 60 but 0.839 / 0.568 at 200 (rare
# aspect words, 时限 and 频次, then weigh too much: the text says 2小时 and 每年至少).
COVERAGE_POWER = 0.3
COVERAGE_FIELDS = ("words", "subwords")  # the first also gives the terms' idf


def candidates(k: int) -> int:
    return max(CANDIDATE_MIN, CANDIDATE_FACTOR * k)


def first_candidates(k: int) -> int:
    return min(k + max(int(FIRST_SHARE * k), FIRST_MARGIN), candidates(k))


def stable(proposed: list[str], ranked: list[tuple[str, float]], k: int) -> bool:
    """Whether our first k of the engine's ``proposed`` (its order) would stay with more of
    them: all of them came from the first half of those past k it proposed. An engine that
    ranks unlike ours (Milvus's one search per field) fails this and is asked for
    ``candidates(k)``. A ``Ranked`` is judged by its order without coverage."""
    depth = {key: i for i, key in enumerate(proposed)}
    ranked = getattr(ranked, "uncovered", ranked)
    return max((depth[key] for key, _ in ranked[:k]), default=0) < k + (len(proposed) - k) // 2


@dataclass
class Phrase:
    field: str
    words: list[str]  # two or more
    boost: float


@dataclass
class Totals:
    """Entries and their tokens per field: of one document (kept in its marker) or, summed
    over the markers, of the collection."""
    entries: int = 0
    tokens: dict[str, int] = field(default_factory=dict)

    def add(self, fields: dict[str, str]) -> None:
        """Count one entry with these space-joined token fields."""
        self.entries += 1
        for name, text in fields.items():
            self.tokens[name] = self.tokens.get(name, 0) + len(text.split())

    def merge(self, other: "Totals") -> None:
        self.entries += other.entries
        for name, n in other.tokens.items():
            self.tokens[name] = self.tokens.get(name, 0) + n

    def dumps(self) -> str:
        return json.dumps({"entries": self.entries, "tokens": self.tokens}, sort_keys=True)

    @classmethod
    def loads(cls, text: str) -> "Totals":
        data = json.loads(text)
        return cls(data["entries"], data["tokens"])


def rank(clauses: list[tuple[str, str, float]], phrase: Phrase | None, stored: dict[str, dict[str, str]],
         totals: Totals, doc_frequency: Callable[[str, str], int]) -> list[tuple[str, float]]:
    """(key, score) of the candidates, best first, scored from their stored token fields.

    score = sum over the (field, term, weight) clauses of weight x idf x saturated tf (BM25F
    summed per field, as the engines did), plus, when the phrase's field holds its words in a
    row, the phrase scored as one term of their summed idf, times its boost (as tantivy scores
    a phrase query); the sum (before the phrase) times the candidate's coverage of the query's
    words (``_coverage``). ``doc_frequency(term, field)`` counts the live entries holding ``term``.

    The sums run term by term over all candidates at once (numpy, in the same order of terms
    and fields as one candidate at a time, so the same floats): a query's time went into
    splitting every candidate's fields."""
    idfs: dict[tuple[str, str], float] = {}

    def idf(name: str, term: str) -> float:
        if (name, term) not in idfs:
            n = doc_frequency(term, name)
            total = max(totals.entries, n)
            idfs[name, term] = log(1 + (total - n + 0.5) / (n + 0.5))
        return idfs[name, term]

    def average(name: str) -> float:
        return totals.tokens.get(name, 0) / totals.entries if totals.entries else 0.0

    by_field: dict[str, list[tuple[str, float]]] = {}
    for name, term, weight in clauses:
        by_field.setdefault(name, []).append((term, weight))
    keys = list(stored)
    scores = np.zeros(len(keys))
    held: dict[str, np.ndarray] = {}  # term -> which candidates hold it in a coverage field
    for name, terms in by_field.items():
        column = _Column([stored[key].get(name) or "" for key in keys])
        norm = None
        for term, weight in terms:
            tf = column.tf(term)
            if tf is None:
                continue
            if name in COVERAGE_FIELDS:
                held[term] = held[term] | (tf > 0) if term in held else tf > 0
            if norm is None:
                mean = average(name)
                norm = 1 - B + B * column.lengths() / mean if mean else 1.0
            scores += weight * idf(name, term) * (tf * (K1 + 1) / (tf + K1 * norm))
    plain = scores.tolist()
    out = (scores * _coverage(clauses, held, idf, len(keys))).tolist()
    if phrase:
        joined, mean = " ".join(phrase.words), average(phrase.field)
        for i, key in enumerate(keys):
            text = stored[key].get(phrase.field) or ""
            if joined not in text:
                continue
            words = text.split()
            in_a_row = _occurrences(words, phrase.words)
            if in_a_row:  # not when the text only ran the last word into a longer token
                together = sum(idf(phrase.field, word) for word in phrase.words)
                bonus = phrase.boost * together * _saturated(in_a_row, len(words), mean)
                out[i] += bonus
                plain[i] += bonus
    ranked = Ranked(sorted(zip(keys, out), key=lambda hit: (-hit[1], hit[0])))
    ranked.uncovered = sorted(zip(keys, plain), key=lambda hit: (-hit[1], hit[0]))
    return ranked


class Ranked(list):
    """(key, score) best first, and ``uncovered``: the same without the coverage factor, the
    BM25 order an engine's own order is close to, by which ``stable`` judges its proposal.
    Coverage then only reorders what was proposed: judging by its order would ask an engine for
    every candidate on most queries (at 200 laws, 54 of 63 searches; a query took 2.5 times as
    long)."""
    uncovered: list[tuple[str, float]]


class _Column:
    """One field of every candidate: term frequencies and lengths in tokens, as ``str.split``
    gives them, computed once per distinct text (a document's title and metadata are in each of
    its entries). Index time joins tokens with single spaces (index/bulk.py): then " term " is
    counted in the text with a space added at each end, no list of tokens made; only where the
    term follows itself (" term term ", whose two matches would share a space) is the text
    split. Any other spacing is always split."""

    def __init__(self, texts: list[str]):
        distinct: dict[str, int] = {}
        self.rows = np.array([distinct.setdefault(text, len(distinct)) for text in texts], dtype=np.intp)
        self.texts = list(distinct)
        self.padded = [f" {text} " if text else "" for text in self.texts]
        # the padded texts in one string, "\n" between them: a term (no whitespace in it) found
        # there is in one of them, so one search tells whether any text holds it
        self.joined = "\n".join(self.padded)
        self._single_spaced: bool | None = None

    @property
    def single_spaced(self) -> bool:
        """Tokens between single spaces: no whitespace but the ASCII space (isprintable), and no
        two spaces once padded (a text's own leading or trailing space)."""
        if self._single_spaced is None:
            self._single_spaced = "".join(self.texts).isprintable() and "  " not in self.joined
        return self._single_spaced

    def tf(self, term: str) -> np.ndarray | None:
        """Occurrences of the token ``term`` in each candidate's text; None when in none."""
        if not term or term.split() != [term] or term not in self.joined:
            return None  # a term with whitespace in it is never one token
        if self.single_spaced:
            # "term term" is looked for, not " term term ": a needle ending in a space is
            # compared at every space of the text, one ending in a word's character skips ahead
            token, twice = f" {term} ", f"{term} {term}"
            if token not in self.joined:
                return None  # only inside longer tokens
            counts = [text.count(token) for text in self.padded]
            if twice in self.joined:
                for i, n in enumerate(counts):
                    if n and twice in self.padded[i]:
                        counts[i] = self.texts[i].split().count(term)
        else:
            counts = [text.split().count(term) for text in self.texts]
        return np.array(counts)[self.rows] if any(counts) else None

    def lengths(self) -> np.ndarray:
        if self.single_spaced:
            counts = [text.count(" ") + 1 if text else 0 for text in self.texts]
        else:
            counts = [len(text.split()) for text in self.texts]
        return np.array(counts)[self.rows]


def _coverage(clauses: list[tuple[str, str, float]], held: dict[str, np.ndarray],
              idf: Callable[[str, str], float], n: int) -> np.ndarray | float:
    """Each candidate's factor (idf share of the asked words it holds) ** COVERAGE_POWER."""
    asked = list(dict.fromkeys(term for name, term, _ in clauses if name in COVERAGE_FIELDS))
    weights = {term: idf(COVERAGE_FIELDS[0], term) for term in asked}
    whole = sum(weights.values())
    if not COVERAGE_POWER or whole <= 0:
        return 1.0
    share = np.zeros(n)
    for term in asked:  # in the query's order: the same floats on every backend
        if term in held:
            share += weights[term] * held[term]
    # the power one float at a time: numpy's vectorised pow may round the last bit otherwise
    return np.array([(held_share / whole) ** COVERAGE_POWER for held_share in share.tolist()])


def _saturated(tf: int, length: int, average: float) -> float:
    norm = 1 - B + B * length / average if average else 1.0
    return tf * (K1 + 1) / (tf + K1 * norm)


def _occurrences(tokens: list[str], phrase: list[str]) -> int:
    n = len(phrase)
    return sum(tokens[i:i + n] == phrase for i in range(len(tokens) - n + 1) if tokens[i] == phrase[0])

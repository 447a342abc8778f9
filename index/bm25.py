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

A candidate's tokens are coded once per commit read: ``index.analysed`` gives each token of a
field its code (one int64 per token and field; tantivy keeps them from when the entry was
written, the other backends' stored fields are split and looked up), an ``EntryCache`` keeps
them (the backend says under what: tantivy a document's address) until the reader reopens, and
a query counts its terms in all its candidates' codes at once.

The candidates are each engine's best by its own scoring. On a corpus where more entries match
than that, an entry this BM25 would rank among the first k may be outside one engine's
candidates and inside another's, so the last places may differ between backends. On the test
corpora (the seed notices) whoosh, tantivy and Milvus Lite rank alike (tests/test_search.py).
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from itertools import chain
from math import log
from typing import Callable

import numpy as np

from index.analysed import CODES, LENGTHS, NO_CODES, NUMBERED, ODD, Analysed, Analyser

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


def rank(clauses: list[tuple[str, str, float]], phrase: Phrase | None, stored: dict[str, dict[str, str]] | dict,
         totals: Totals, doc_frequency: Callable[[str, str], int],
         analyser: "Analyser | None" = None) -> list[tuple[str, float]]:
    """(key, score) of the candidates, best first, scored from their token fields.

    score = sum over the (field, term, weight) clauses of weight x idf x saturated tf (BM25F
    summed per field, as the engines did), plus, when the phrase's field holds its words in a
    row, the phrase scored as one term of their summed idf, times its boost (as tantivy scores
    a phrase query); the sum (before the phrase) times the candidate's coverage of the query's
    words (``_coverage``). ``doc_frequency(term, field)`` counts the live entries holding ``term``.

    ``stored``: each candidate's ``Analysed`` fields (by ``analyser``), or without an analyser
    its space-joined token fields. The sums run term by term over all candidates at once (numpy,
    in the same order of terms and fields as one candidate at a time, so the same floats); the
    term frequencies of every asked term in every candidate come from one pass over the
    candidates' token codes."""
    if analyser is None:
        names = [name for name, _, _ in clauses] + ([phrase.field] if phrase else [])
        analyser = Analyser(tuple(dict.fromkeys(names)))
        stored = dict(zip(stored, analyser.analyse_many(list(stored.values()))))
    idfs: dict[tuple[str, str], float] = {}

    def idf(name: str, term: str) -> float:
        if (name, term) not in idfs:
            n = doc_frequency(term, name)
            total = max(totals.entries, n)
            idfs[name, term] = log(1 + (total - n + 0.5) / (n + 0.5))
        return idfs[name, term]

    def average(name: str) -> float:
        return totals.tokens.get(name, 0) / totals.entries if totals.entries else 0.0

    keys = list(stored)
    n = len(keys)
    found = _Found(analyser, [stored[key] for key in keys], [(name, term) for name, term, _ in clauses])
    column_of = found.column
    by_field: dict[str, list[tuple[str, float]]] = {}
    for name, term, weight in clauses:
        by_field.setdefault(name, []).append((term, weight))
    # the clauses some candidate matches, field by field: their tf columns, weight x idf and norms
    columns, factors, norms, norm_of = [], [], [], {}  # norms: each column's field, its place in norm_of
    covering: dict[str, list[int]] = {}  # term -> its columns in the coverage fields
    for name, terms in by_field.items():
        for term, weight in terms:
            column = column_of(name, term)
            if column is None:
                continue
            if name in COVERAGE_FIELDS:
                covering.setdefault(term, []).append(column)
            if name not in norm_of:
                mean = average(name)
                norm_of[name] = (len(norm_of), 1 - B + B * found.lengths(name) / mean if mean else np.ones(n))
            columns.append(column)
            factors.append(weight * idf(name, term))
            norms.append(norm_of[name][0])
    scores = np.zeros(n)
    if columns:
        tf = found.tfs[:, columns]
        # each field's norms once, gathered for its columns (the same values as stacking a copy a column)
        by_column = np.stack([norm for _, norm in norm_of.values()], axis=1)[:, norms]
        parts = np.array(factors) * (tf * (K1 + 1) / (tf + K1 * by_column))
        # added one clause after another (an accumulation runs left to right): the same floats as
        # one candidate at a time
        scores = np.cumsum(parts, axis=1)[:, -1]
    plain = scores.tolist()
    out = (scores * _coverage(clauses, found.tfs > 0, covering, idf, n)).tolist()
    if phrase:
        mean, together = average(phrase.field), None
        for i, in_a_row, length in found.in_a_row(phrase.field, phrase.words):
            if together is None:
                together = sum(idf(phrase.field, word) for word in phrase.words)
            bonus = phrase.boost * together * _saturated(in_a_row, length, mean)
            out[i] += bonus
            plain[i] += bonus
    by_key = np.array(sorted(range(n), key=keys.__getitem__), dtype=np.int64)
    ranked = Ranked(_best_first(keys, out, by_key))
    ranked.uncovered = _best_first(keys, plain, by_key)
    return ranked


def _best_first(keys: list[str], scores: list[float], by_key: np.ndarray) -> list[tuple[str, float]]:
    """(key, score) by score, best first, equal scores in key order (``by_key``: the keys' places in
    key order; sorting an array of the keys themselves took ~10x as long as sorting them in Python)."""
    order = by_key[np.argsort(-np.array(scores)[by_key], kind="stable")].tolist() if keys else []
    return [(keys[i], scores[i]) for i in order]


class Ranked(list):
    """(key, score) best first, and ``uncovered``: the same without the coverage factor, the
    BM25 order an engine's own order is close to, by which ``stable`` judges its proposal.
    Coverage then only reorders what was proposed: judging by its order would ask an engine for
    every candidate on most queries (at 200 laws, 54 of 63 searches; a query took 2.5 times as
    long)."""
    uncovered: list[tuple[str, float]]


class _Found:
    """Where the asked (field, term) pairs occur in the candidates: their term frequencies from
    one search of every candidate's codes among the asked codes, sorted. When every candidate is
    kept numbered (packed: ``index.analysed.NUMBERED``) the asked codes are turned into numbers and
    searched for among the candidates' numbers (int32: half the bytes); when only some are, those
    are turned into codes."""

    def __init__(self, analyser: Analyser, entries: list[Analysed], asked: list[tuple[str, str]]):
        self.analyser, self.entries, n = analyser, entries, len(entries)
        width = len(analyser.fields)
        self.codes = np.concatenate([e[CODES] for e in entries]) if n else NO_CODES
        numbering = self.numbering = analyser.numbering if self.codes.dtype == NUMBERED else None
        if analyser.numbering is not None and numbering is None and any(e[CODES].dtype == NUMBERED for e in entries):
            table = analyser.numbering.vocab  # some numbered, some not: all as codes
            self.codes = np.concatenate([table[e[CODES]] if e[CODES].dtype == NUMBERED else e[CODES] for e in entries])
        self.all_lengths = np.fromiter(chain.from_iterable(e[LENGTHS] for e in entries), dtype=np.int64,
                                       count=n * width).reshape(n, width)
        self.starts = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(self.all_lengths.sum(axis=1), out=self.starts[1:])
        self.code_of = {pair: analyser.code(*pair) for pair in asked}  # each asked (field, term) looked up once
        codes = set(self.code_of.values()) - {None}
        self.columns = {code: i for i, code in enumerate(sorted(codes))}
        self.tfs = np.zeros((n, len(codes)), dtype=np.int64)
        if codes and n:
            asked_codes = np.array(sorted(codes), dtype=np.int64)
            if numbering is None:
                hits, at = _among(self.codes, asked_codes)
            else:  # the asked codes' numbers, sorted (those of codes no packed entry holds left out)
                numbers = numbering.numbers_of(asked_codes)
                held = np.flatnonzero(numbers >= 0)
                by_number = held[np.argsort(numbers[held])]
                hits, at = _among(self.codes, numbers[by_number])
                at = by_number[at]
            rows = np.searchsorted(self.starts, hits, side="right") - 1
            self.tfs = np.bincount(rows * len(asked_codes) + at,
                                   minlength=n * len(asked_codes)).reshape(n, len(asked_codes))
        self.held = self.tfs.any(axis=0).tolist()

    def column(self, name: str, term: str) -> int | None:
        """The column of ``tfs`` counting the token ``term`` in field ``name`` of each candidate;
        None when no candidate holds it there."""
        code = self.code_of[name, term] if (name, term) in self.code_of else self.analyser.code(name, term)
        column = self.columns.get(code)
        return column if column is not None and self.held[column] else None

    def lengths(self, name: str) -> np.ndarray:
        return self.all_lengths[:, self.analyser.slot[name]]

    def in_a_row(self, name: str, words: list[str]) -> list[tuple[int, int, int]]:
        """(candidate, times its field holds ``words`` in a row, the field's length) of those
        holding them; a field not written single-spaced also holds the words space-joined."""
        slot = self.analyser.slot.get(name)
        codes = [self.analyser.code(name, word) for word in words]
        if slot is None or not codes or None in codes:
            return []
        if self.numbering is not None:  # the candidates hold numbers: the words' numbers
            codes = self.numbering.numbers_of(np.array(codes, dtype=np.int64)).tolist()
            if -1 in codes:
                return []  # a word no packed entry holds
        at = np.flatnonzero(self.codes[:max(len(self.codes) - len(codes) + 1, 0)] == codes[0])
        for j, code in enumerate(codes[1:], 1):
            at = at[self.codes[at + j] == code]
        rows = np.searchsorted(self.starts, at, side="right") - 1
        rows = rows[rows == np.searchsorted(self.starts, at + len(codes) - 1, side="right") - 1]
        joined, out, times = " ".join(words), [], np.bincount(rows, minlength=len(self.entries))
        for i in np.flatnonzero(times).tolist():
            odd = self.entries[i][ODD]
            if odd is None or slot not in odd or joined in odd[slot]:
                out.append((i, int(times[i]), int(self.all_lengths[i, slot])))
        return out


LOW_BITS = 16
_tables = threading.local()  # each thread's table by low bits, all zeros between calls


def _among(codes: np.ndarray, asked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(positions in ``codes`` of the ``asked`` codes (sorted, distinct), which of them each is).
    A table by the codes' low bits finds the candidates in one gather (searchsorted of every code
    in the asked ones took ~5x longer), then each is compared with the asked code in its place;
    when two asked codes share their low bits, searchsorted."""
    low = asked & ((1 << LOW_BITS) - 1)
    if len(np.unique(low)) < len(low):
        at = np.minimum(np.searchsorted(asked, codes), len(asked) - 1)
        hits = np.flatnonzero(asked[at] == codes)
        return hits, at[hits]
    table = getattr(_tables, "table", None)
    if table is None:
        table = _tables.table = np.zeros(1 << LOW_BITS, dtype=np.int16)
    table[low] = np.arange(1, len(asked) + 1)
    place = table[codes & ((1 << LOW_BITS) - 1)]
    table[low] = 0
    hits = np.flatnonzero(place)
    at = place[hits].astype(np.int64) - 1
    same = asked[at] == codes[hits]
    return hits[same], at[same]


def _coverage(clauses: list[tuple[str, str, float]], holds: np.ndarray, covering: dict[str, list[int]],
              idf: Callable[[str, str], float], n: int) -> np.ndarray | float:
    """Each candidate's factor (idf share of the asked words it holds: ``covering`` gives each word's
    columns of ``holds`` in the coverage fields) ** COVERAGE_POWER."""
    asked = list(dict.fromkeys(term for name, term, _ in clauses if name in COVERAGE_FIELDS))
    weights = {term: idf(COVERAGE_FIELDS[0], term) for term in asked}
    whole = sum(weights.values())
    if not COVERAGE_POWER or whole <= 0:
        return 1.0
    share = np.zeros(n)
    held = [term for term in asked if term in covering]  # in the query's order: the same floats on every backend
    if held:
        columns = [covering[term] for term in held]
        firsts = np.cumsum([0, *map(len, columns[:-1])])
        holding = np.logical_or.reduceat(holds[:, list(chain.from_iterable(columns))], firsts, axis=1)
        # the words' weights added one after another (an accumulation runs left to right)
        share = np.cumsum(holding * np.array([weights[term] for term in held]), axis=1)[:, -1]
    # the power one float at a time (numpy's vectorised pow may round the last bit otherwise), once a share
    powers = {held_share: (held_share / whole) ** COVERAGE_POWER for held_share in set(share.tolist())}
    return np.array([powers[held_share] for held_share in share.tolist()])


def _saturated(tf: int, length: int, average: float) -> float:
    norm = 1 - B + B * length / average if average else 1.0
    return tf * (K1 + 1) / (tf + K1 * norm)


def _occurrences(tokens: list[str], phrase: list[str]) -> int:
    n = len(phrase)
    return sum(tokens[i:i + n] == phrase for i in range(len(tokens) - n + 1) if tokens[i] == phrase[0])

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

# Robertson's k1 and b, as tantivy (and Lucene) use and whoosh's BM25F defaults to.
K1, B = 1.2, 0.75
# Candidates an engine proposes for k results: its order is not ours, so it looks deeper.
CANDIDATE_MIN, CANDIDATE_FACTOR = 100, 5


def candidates(k: int) -> int:
    return max(CANDIDATE_MIN, CANDIDATE_FACTOR * k)


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
    a phrase query). ``doc_frequency(term, field)`` counts the live entries holding ``term``."""
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
    scored = []
    for key, fields in stored.items():
        score = 0.0
        for name, terms in by_field.items():
            text = fields.get(name, "")
            # a substring test first: most terms are in few fields, and splitting is the cost
            present = [(term, weight) for term, weight in terms if term in text]
            if not present:
                continue
            tokens = text.split()
            for term, weight in present:
                tf = tokens.count(term)
                if tf:
                    score += weight * idf(name, term) * _saturated(tf, len(tokens), average(name))
        if phrase and " ".join(phrase.words) in fields.get(phrase.field, ""):
            words = fields[phrase.field].split()
            in_a_row = _occurrences(words, phrase.words)
            if in_a_row:  # not when the text only ran the last word into a longer token
                together = sum(idf(phrase.field, word) for word in phrase.words)
                score += phrase.boost * together * _saturated(in_a_row, len(words), average(phrase.field))
        scored.append((key, score))
    return sorted(scored, key=lambda hit: (-hit[1], hit[0]))


def _saturated(tf: int, length: int, average: float) -> float:
    norm = 1 - B + B * length / average if average else 1.0
    return tf * (K1 + 1) / (tf + K1 * norm)


def _occurrences(tokens: list[str], phrase: list[str]) -> int:
    n = len(phrase)
    return sum(tokens[i:i + n] == phrase for i in range(len(tokens) - n + 1) if tokens[i] == phrase[0])

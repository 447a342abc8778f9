"""What every keyword index shares: the weighted fields, the entry type, the marker that says a
document is held, the query's weighted terms and the interface itself, whose ``search`` has
the engine propose candidates and ranks them by our own BM25 (``index.bm25``), so that every
backend gives the same ranking.

The backends (``index.keyword``: whoosh, tantivy; ``index.milvus``) import this module and
nothing of each other; ``index.backends`` picks one by name.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from index.analysed import Analysed, Analyser, EntryCache
from index.bm25 import Phrase, Totals, candidates, first_candidates, rank, stable
from index.errors import IndexMismatch
from index.tokenize import Query

# Field weights (BM25F-style): the body's own words count most; the pieces inside long words,
# the title and document metadata only nudge. Query words go to every field but "bigrams",
# which gets the query's character pairs.
FIELD_WEIGHTS = {"words": 1.0, "subwords": 0.4, "bigrams": 0.5, "section": 0.6, "units": 1.0,
                 "title": 0.3, "meta": 0.3}
TEXT_FIELDS = tuple(FIELD_WEIGHTS)
BIGRAM_FIELD = "bigrams"
PHRASE_FIELD = "words"
PHRASE_BOOST = 2.0
# A long pasted query would make every posting list a candidate: keep the first terms only.
MAX_QUERY_TERMS = 32
MARKER_KIND = "doc"


@dataclass
class KeywordDoc:
    key: str  # "p:<passage row id>" | "t:<task row id>" | "d:<doc id>" (marker)
    doc_id: str
    kind: str  # passage | task | doc
    fields: dict[str, str] = field(default_factory=dict)  # TEXT_FIELDS -> space-joined tokens
    totals: str = ""  # a marker's: its document's ``Totals``, filled in by ``KeywordIndex.add``


def marker(doc_id: str) -> KeywordDoc:
    return KeywordDoc(f"d:{doc_id}", doc_id, MARKER_KIND)


class KeywordIndex:
    """The interface. ``search`` returns (key, score) best first, markers never included.

    A backend implements the underscored methods: ``_write`` the entries, ``_markers`` (doc_id
    -> the marker's totals), ``_candidates`` (key -> stored token fields of the engine's best
    matches) and ``_count`` (live entries holding a term in a field). The candidates' fields are
    analysed for our BM25 once per commit read (``_analysed``; tantivy overrides it to find them
    by address, not fetching their stored fields again)."""
    name = ""

    def __init__(self, path: Path, writable: bool = False):
        self.path = Path(path)
        self.writable = writable
        self._tally: dict[str, Totals] = {}  # entries added per document, until its marker
        self._read: dict[object, object] = {}  # statistics of the commit read, until reopen

    def reopen(self) -> None:
        """Read the latest commit (a reader's view is fixed until this is called)."""
        self._read.clear()

    def add(self, docs: list[KeywordDoc]) -> None:
        """Entries, each document's marker after its entries (in this call or a later one)."""
        out = []
        for doc in docs:
            if doc.kind == MARKER_KIND:
                doc = replace(doc, totals=self._tally.pop(doc.doc_id, Totals()).dumps())
            else:
                self._tally.setdefault(doc.doc_id, Totals()).add(doc.fields)
            out.append(doc)
        self._write(out)

    def _write(self, docs: list[KeywordDoc]) -> None:
        raise NotImplementedError

    def remove_doc(self, doc_id: str) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def doc_ids(self) -> set[str]:
        return set(self._markers())

    def _markers(self) -> dict[str, str]:
        raise NotImplementedError

    def totals(self) -> Totals:
        """Entries and tokens per field of the commit read, from its markers."""
        if "totals" not in self._read:
            summed = Totals()
            for totals in self._markers().values():
                if not totals:
                    raise older_index(self.path)
                summed.merge(Totals.loads(totals))
            self._read["totals"] = summed
        return self._read["totals"]

    def doc_frequency(self, term: str, field_name: str = PHRASE_FIELD) -> int:
        """How many live entries hold ``term`` (a token) in ``field_name`` (deleted ones, which
        an engine's own statistics count until a merge, do not)."""
        if (field_name, term) not in self._read:
            self._read[field_name, term] = self._count(field_name, term) if term else 0
        return self._read[field_name, term]

    def _count(self, field_name: str, term: str) -> int:
        raise NotImplementedError

    def __len__(self) -> int:
        """Committed entries, markers included (a document indexed twice would show here)."""
        raise NotImplementedError

    def search(self, query: Query, k: int, doc_ids: set[str] | None = None,
               kind: str | None = None) -> list[tuple[str, float]]:
        if not query or k <= 0 or (doc_ids is not None and not doc_ids):
            return []
        phrase = query.phrase[:MAX_QUERY_TERMS]
        clauses, phrased = weighted_terms(query), Phrase(PHRASE_FIELD, phrase, PHRASE_BOOST) if phrase else None
        n = first_candidates(k)
        while True:
            stored, analyser = self._analysed(query, n, doc_ids, kind)
            if not stored:
                return []
            ranked = rank(clauses, phrased, stored, self.totals(), self.doc_frequency, analyser)
            # fewer than asked: the engine proposed every match, nothing further can come in
            if n >= candidates(k) or len(stored) < n or stable(list(stored), ranked, k):
                return ranked[:k]
            n = candidates(k)

    def _analysed(self, query: Query, n: int, doc_ids: set[str] | None,
                  kind: str | None) -> tuple[dict[str, Analysed], Analyser]:
        """The engine's best matches, key -> analysed fields, and the analyser that made them;
        each entry analysed once per commit read (the cache is dropped with ``reopen``)."""
        cache = self._read.get("entries")
        if cache is None or cache.full():
            cache = self._read["entries"] = EntryCache(TEXT_FIELDS, pairs=BIGRAM_FIELD)
        found = self._candidates(query, n, doc_ids, kind)
        new = [key for key in found if key not in cache.analysed]
        cache.put_many(new, new, [found[key] for key in new])
        return {key: cache.analysed[key] for key in found}, cache.analyser

    def _candidates(self, query: Query, n: int, doc_ids: set[str] | None,
                    kind: str | None) -> dict[str, dict[str, str]]:
        raise NotImplementedError

    def fragmented(self) -> bool:
        """Whether the commit read is spread enough to be written again compact (tantivy only)."""
        return False

    def compact_into(self, path: Path) -> bool:
        """Write what the commit read holds into a new index at ``path``, compact (``fragmented``);
        False when this index cannot be."""
        return False

    def close(self) -> None:
        pass


class NoKeywordIndex(KeywordIndex):
    """What a reader sees before the first commit: nothing."""

    def _markers(self) -> dict[str, str]:
        return {}

    def __len__(self) -> int:
        return 0

    def _count(self, field_name: str, term: str) -> int:
        return 0

    def _candidates(self, query, n, doc_ids, kind):
        return {}


def older_index(path: Path) -> IndexMismatch:
    """An index built before its entries' tokens and documents' totals were kept in it."""
    return IndexMismatch(f"{path}: 这个关键词索引是旧版本建的，请运行 `kb reindex` 重建 "
                         f"(keyword index built by an older policykb: run `kb reindex`)")


def weighted_terms(query: Query) -> list[tuple[str, str, float]]:
    """(field, term, weight) for every clause of the OR query."""
    out = [(name, term, weight) for name, weight in FIELD_WEIGHTS.items() if name != BIGRAM_FIELD
           for term in query.terms[:MAX_QUERY_TERMS]]
    weight = FIELD_WEIGHTS[BIGRAM_FIELD]
    return out + [(BIGRAM_FIELD, pair, weight) for pair in query.bigrams[:MAX_QUERY_TERMS]]

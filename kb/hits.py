"""Search hits from the fused candidates of ``kb.search``: chosen on ids, scores, documents and
spans held as columns (each document's further hits counted a little less, the two kinds of
document weighed by what the query is about and balanced, a hit repeating the words of one
chosen before dropped), looked at only until the first k are settled; text, sections and
highlights are read and made for the k chosen only.

The order is the one the rules define one candidate at a time: the same floats (a score times a
factor, each multiplied once), the same stable sorts, the same ties (by position)."""
from __future__ import annotations

import re

import numpy as np

from ingest.script import one_for_one
from ingest.vocab import ENTRY_KINDS
from kb.indexes.reader import Indexes, parse_key
from kb.indexes.spans import ChosenSpans, EntrySpans, Span
from kb.models import Hit

KINDS = tuple(ENTRY_KINDS)
TABLES = {"passage": "passages", "task": "tasks"}
# A document's n-th hit counts DOCUMENT_REPEAT_DECAY ** (n-1) of its score when ranked.
DOCUMENT_REPEAT_DECAY = 0.97
# With notices and regulations both in reach each kind keeps at least this share of the first
# k places (when it has that many hits)…
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
# Documents whose passages are articles: a passage holding a task of its document shown before takes
# the task's place (the task is one item of the article; the article holds its lead, the duty the
# items list, and its other items). Recall@20 of regulation topics in the dev sets' mixed KB with 60
# more regulations 0.626 -> 0.657, with 200 0.599 -> 0.614 (held-out topics, bench/gold/
# search_laws_more.jsonl: 0.637 -> 0.651, 0.625 -> 0.639); notice topics the same, with notices too
# (a notice's task keeps its place: its owners and deadline are what a reader of a notice wants).
ARTICLE_KINDS = frozenset({"regulation"})

# DOCUMENT_REPEAT_DECAY ** n for the n of most searches, each a Python float power as the rule's
_DECAY = np.array([DOCUMENT_REPEAT_DECAY ** n for n in range(1024)])


def build_hits(indexes: Indexes, candidates: list[tuple[str, float]], k: int, terms: list[str],
               dedupe: bool, balance: set[str] | None = None, keyword: list[tuple[str, float]] = ()) -> list[Hit]:
    """Hits for the first k of ``candidates`` (key, fused score; best first) that survive: each
    document's further hits counted a little less, overlapping ones dropped (with ``dedupe``),
    and with ``balance`` (the kinds of document in reach) both kinds weighed by the ``keyword``
    leg's best of each and balanced. A hit keeps its own score; the weights only order them."""
    if not candidates:
        return []
    columns = _Columns(indexes, candidates)
    order = columns.diversified(*(columns.by_kind_affinity(keyword) if balance and keyword else columns.unweighed()))
    chosen = columns.chosen(order, k, dedupe, balance)
    rows = {kind: [columns.parsed[c][1] for c in chosen if columns.parsed[c][0] == kind] for kind in KINDS}
    items = {"passage": indexes.store.passages_by_ids(rows["passage"]),
             "task": indexes.store.tasks_by_ids(rows["task"])}
    marker = Highlighter(terms)
    hits = []
    for c in chosen:
        kind, row = columns.parsed[c]
        item = items[kind].get(row)
        if item is None:
            continue  # removed since the spans were read
        doc = columns.docs[columns.names[columns.codes[c]]]
        hits.append(Hit(kind=kind, id=row, doc_id=doc.doc_id, doc_file=doc.file, doc_title=doc.title,
                        section=item.section, text=item.text, score=round(float(candidates[c][1]), 6),
                        start=item.start, end=item.end, highlights=marker.marked(item.text),
                        task=item if kind == "task" else None, doc_kind=doc.kind))
    return hits


class _Columns:
    """The candidates' entries, documents and spans, one row per candidate in their order."""

    def __init__(self, indexes: Indexes, candidates: list[tuple[str, float]]):
        self.candidates = candidates
        self.parsed = list(map(parse_key, (key for key, _ in candidates)))
        self.scores = np.array([score for _, score in candidates], dtype=np.float64)
        n = len(candidates)
        at: dict[str, list[int]] = {kind: [] for kind in KINDS}
        rows: dict[str, list[int]] = {kind: [] for kind in KINDS}
        for c, (kind, row) in enumerate(self.parsed):
            at[kind].append(c)
            rows[kind].append(row)
        read = indexes.memo("spans", lambda: EntrySpans(indexes.store))  # one per state of the store
        documents = indexes.memo("hit_documents", lambda: _HitDocuments(indexes, read))
        if documents.spans is not read:  # the spans read again (a test): their numbering anew
            indexes.forget("hit_documents")
            documents = indexes.memo("hit_documents", lambda: _HitDocuments(indexes, read))
        # each candidate's document: its number in ``read`` + 1 (0: no span), the same in every search
        self.codes = np.zeros(n, dtype=np.int64)
        self.starts, self.ends = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
        for kind in KINDS:  # one batched read per kind of entry, of documents and spans only
            _, codes, starts, ends = read.columns(TABLES[kind], rows[kind])
            if rows[kind]:
                self.codes[at[kind]], self.starts[at[kind]], self.ends[at[kind]] = codes + 1, starts, ends
        documents.cover()
        self.names, self.kinds, self.usable = documents.names, documents.kinds, documents.usable
        self.kind_names = documents.kind_names
        self.kind_index = documents.kind_index[self.codes]  # each candidate's kind of document (in kind_names)
        self.usable_of = documents.usable_of
        self.docs = indexes.documents()

    def by_kind_affinity(self, keyword: list[tuple[str, float]]) -> tuple[np.ndarray, np.ndarray]:
        """The candidates' order and scores as if each kind of document's scored times (that
        kind's best keyword score / the best) ** KIND_AFFINITY_POWER; a kind the keyword leg did
        not reach weighs as its last hit. ``keyword``'s keys are among the candidates'."""
        kinds, codes = self.kinds, self.codes
        position = {key: c for c, (key, _) in enumerate(self.candidates)}
        present = {self.kind_names[i] for i in np.unique(self.kind_index).tolist()}
        best: dict[str, float] = {}
        for key, score in keyword:  # best first
            best.setdefault(kinds[codes[position[key]]], score)
            if len(best) == len(present):
                break
        top = max(best.values())
        if top <= 0:
            return self.unweighed()
        factor = {kind: (score / top) ** KIND_AFFINITY_POWER for kind, score in best.items()}
        weakest = (max(keyword[-1][1], 0.0) / top) ** KIND_AFFINITY_POWER
        weighed = self.scores * np.array([factor.get(kind, weakest) for kind in self.kind_names])[self.kind_index]
        order = np.argsort(-weighed, kind="stable")
        return order, weighed[order]

    def unweighed(self) -> tuple[np.ndarray, np.ndarray]:
        return np.arange(len(self.candidates)), self.scores

    def diversified(self, order: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """``order`` (with its ``scores``) again, each further hit from a document already listed
        counting a little less, so that one long regulation does not fill the first page that
        notices should share."""
        n = len(order)
        docs = self.codes[order]
        by_doc = np.argsort(docs, kind="stable")
        sorted_docs = docs[by_doc]
        first = np.flatnonzero(np.r_[True, sorted_docs[1:] != sorted_docs[:-1]])
        repeat = np.empty(n, dtype=np.int64)
        repeat[by_doc] = np.arange(n) - np.repeat(first, np.diff(np.r_[first, n]))
        decay = _DECAY if n <= len(_DECAY) else np.array([DOCUMENT_REPEAT_DECAY ** r for r in range(n)])
        weighed = scores * decay[repeat]
        return order[np.lexsort((np.arange(n), -weighed))]

    def chosen(self, order: np.ndarray, k: int, dedupe: bool, balance: set[str] | None) -> list[int]:
        """The candidates (their indexes) of the first k hits in ``order`` that are still in the
        store and the indexes, without those (with ``dedupe``) overlapping a hit of their document
        given before (but a task holding a passage given, or an article holding a task given, takes
        its place); with ``balance``, each kind of document keeping at least MIN_KIND_SHARE of
        the places when it has hits scoring KIND_SHARE_MIN_SCORE of the best, in score order."""
        codes, starts, ends, scores = self.codes.tolist(), self.starts.tolist(), self.ends.tolist(), self.candidates
        usable, kinds, names = self.usable, self.kinds, self.names
        shown: dict[int, ChosenSpans] = {}  # spans of the hits given, by document
        passages_at: dict[int, dict[tuple[int, int], int]] = {}  # a passage hit's document -> (start, end) -> its place
        tasks_at: dict[int, dict[tuple[int, int], int]] = {}  # the same of a task hit of an ARTICLE_KINDS document
        reserved = int(k * MIN_KIND_SHARE)
        taken: dict[str, int] = {}
        hits: list[int] = []
        first, rest = [], []
        last_open = None  # past k hits: the last place a candidate could still take a reserved one
        order_list = order.tolist()
        for place, c in enumerate(order_list):
            code = codes[c]
            if not usable[code]:
                continue  # removed since the index was committed, or a row id reused by a newer document
            if dedupe:
                shown_here = shown.get(code)
                if shown_here is None:
                    shown_here = shown[code] = ChosenSpans()
                elif shown_here.overlapping(Span(names[code], starts[c], ends[c])):
                    # the same words already shown; a task holding a passage shown takes its place (its owners and
                    # deadline are what a reader wants, and it holds the item's later words too), and a regulation's
                    # article holding one of its items shown takes the item's place
                    places = passages_at if self.parsed[c][0] == "task" else \
                        tasks_at if kinds[code] in ARTICLE_KINDS else None
                    held = next((span for span in places.get(code, ()) if starts[c] <= span[0] and span[1] <= ends[c]),
                                None) if places else None
                    if held is not None:
                        hits[places[code].pop(held)] = c
                        shown_here.add(starts[c], ends[c])
                    continue
                shown_here.add(starts[c], ends[c])
                if self.parsed[c][0] == "passage":
                    passages_at.setdefault(code, {})[starts[c], ends[c]] = len(hits)
                elif kinds[code] in ARTICLE_KINDS:
                    tasks_at.setdefault(code, {})[starts[c], ends[c]] = len(hits)
            hits.append(c)
            if not balance:
                if len(hits) >= k:
                    break
                continue
            doc_kind = kinds[code]
            if taken.get(doc_kind, 0) < reserved and scores[c][1] >= KIND_SHARE_MIN_SCORE * scores[hits[0]][1]:
                taken[doc_kind] = taken.get(doc_kind, 0) + 1
                first.append(len(hits) - 1)
            else:
                rest.append(len(hits) - 1)
            if len(hits) >= k:
                if all(taken.get(kind, 0) >= reserved for kind in balance):
                    break
                if last_open is None:
                    last_open = self._last_open(order, taken, reserved, scores[hits[0]][1])
                if place >= last_open:
                    break  # no later candidate can take a reserved place: the first k are settled
        if not balance:
            return hits
        return [hits[i] for i in sorted(first + rest[:max(k - len(first), 0)])]

    def _last_open(self, order: np.ndarray, taken: dict[str, int], reserved: int, best: float) -> int:
        """The last place in ``order`` of a candidate that could take a reserved place: of a kind
        of document with places left, scoring enough (-1: none)."""
        open_kinds = np.array([taken.get(kind, 0) < reserved for kind in self.kind_names])
        eligible = (self.usable_of[self.codes[order]] & open_kinds[self.kind_index[order]]
                    & (self.scores[order] >= KIND_SHARE_MIN_SCORE * best))
        places = np.flatnonzero(eligible)
        return int(places[-1]) if len(places) else -1


class _HitDocuments:
    """The documents ``spans`` numbers (one state of the store), by that number + 1 (0: none, of
    a candidate without a span): each one's name, kind ("" when no longer in the store) and
    whether a hit may come from it (removed since the index was committed, or a row id reused by
    a newer document: not); ``kind_index``, each one's place in ``kind_names`` (the kinds met, ""
    first). Extended as ``spans`` meets documents, not made again by every search."""

    def __init__(self, indexes: Indexes, spans: EntrySpans):
        self.spans, self.held = spans, _documents_held(indexes)
        self.names, self.kinds, self.usable = [""], [""], [False]
        self.kind_names = [""]
        self._kind_places = [0]
        self.kind_index, self.usable_of = np.zeros(1, dtype=np.int64), np.zeros(1, dtype=bool)

    def cover(self) -> None:
        """Take in the documents ``spans`` has numbered since the last call."""
        new = self.spans.names[len(self.names) - 1:]
        if not new:
            return
        for name in new:
            kind, usable = self.held.get(name, ("", False))
            self.names.append(name)
            self.kinds.append(kind)
            self.usable.append(usable)
            if kind not in self.kind_names:
                self.kind_names.append(kind)
            self._kind_places.append(self.kind_names.index(kind))
        self.kind_index = np.array(self._kind_places, dtype=np.int64)
        self.usable_of = np.array(self.usable, dtype=bool)


def _documents_held(indexes: Indexes) -> dict[str, tuple[str, bool]]:
    """Each stored document's kind and whether the committed indexes hold it."""
    return {doc_id: (doc.kind, doc_id in indexes.indexed) for doc_id, doc in indexes.documents().items()}


def longest_first(word: str) -> tuple[int, str]:
    """Longest first, equal lengths in character order: words and names are gathered in sets,
    whose order changes with the process's hash seed, and the order reaches queries and answers."""
    return -len(word), word


class Highlighter:
    """The spans of a hit's text holding the query's terms (case-insensitive), merged, in order.
    Words without case (Chinese, digits: nearly every query) are found with ``str.find``, as the
    alternation of them matches (``_literal_matches``): as fast as a compiled pattern's search, and
    no pattern compiled per new query (~0.1 ms, ~2 % of a hybrid query's CPU); others by one
    IGNORECASE pattern for all the hits of a query."""

    def __init__(self, terms: list[str]):
        words = highlight_words(terms)
        caseless = all(ch.lower() == ch == ch.upper() for word in words for ch in word)
        # ASCII words in lower case (an English query's) are found in the text lowercased, which
        # IGNORECASE matches alike where lowering keeps every character one (then the places are
        # the same) and none of the three characters it folds into ASCII letters is in the text
        self.lowered = not caseless and all(word.isascii() and word == word.lower() for word in words)
        self.words = words if caseless or self.lowered else []
        self.source = "|".join(map(re.escape, words)) if words and not caseless else None
        # compiled now when every text needs it, else when a text first does
        self.pattern = re.compile(self.source, re.IGNORECASE) if self.source and not self.lowered else None

    def marked(self, text: str) -> list[tuple[int, int]]:
        if self.source is None and not self.words:
            return []
        text = _simplified(text)  # terms are simplified; the text may not be
        if self.words and not self.lowered:
            found = _literal_matches(self.words, text)
        elif self.lowered and len(lowered := text.lower()) == len(text) and not _FOLDED_INTO_ASCII.search(text):
            found = _literal_matches(self.words, lowered)
        else:
            if self.pattern is None:
                self.pattern = re.compile(self.source, re.IGNORECASE)
            found = ((m.start(), m.end()) for m in self.pattern.finditer(text))
        spans: list[tuple[int, int]] = []
        for start, end in found:
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((start, end))
        return spans


# The characters IGNORECASE matches with an ASCII letter that lowering does not turn into it (İ ı ſ)
_FOLDED_INTO_ASCII = re.compile("[\u0130\u0131\u017f]")

# Hit texts in simplified characters, kept: half the hits of a question never asked before were shown
# for an earlier one (dev questions at 1,000 laws), and OpenCC takes ~10 µs a text. A plain dict of
# strings (the garbage collector does not walk it), emptied when full.
SIMPLIFIED_TEXTS = 4096
_simplified_texts: dict[str, str] = {}


def _simplified(text: str) -> str:
    folded = _simplified_texts.get(text)
    if folded is None:
        if len(_simplified_texts) >= SIMPLIFIED_TEXTS:
            _simplified_texts.clear()
        folded = _simplified_texts[text] = one_for_one(text)
    return folded


def _literal_matches(words: list[str], text: str) -> list[tuple[int, int]]:
    """What ``re.finditer`` of the alternation of ``words`` (none empty) finds: from the left, at
    each place the first word listed that is there, the search going on after it."""
    found = []
    for rank, word in enumerate(words):
        at = text.find(word)
        while at >= 0:
            found.append((at, rank, at + len(word)))
            at = text.find(word, at + 1)
    found.sort()
    out, free = [], 0
    for start, _, end in found:
        if start >= free:
            out.append((start, end))
            free = end
    return out


def highlight_words(terms: list[str]) -> list[str]:
    """The query terms a hit's highlights mark, longest first (one character marks everything)."""
    return sorted({t for t in terms if len(t) > 1}, key=longest_first)

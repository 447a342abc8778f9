"""Where search candidates are: each passage's or task's document and span, which is all a search
needs of ~150 candidates to choose its hits (``kb.search.build_hits``).

A search used to read them from the store, two queries of ~75 rows (~0.4 ms of a ~9 ms hybrid
query at 1,000 laws). ``EntrySpans`` does so for the first READ_ALL_AFTER searches of one state
of the store, then reads every row's span at once (~60 ms at 1,000 laws, ~1 MB of arrays) and
answers the later searches from memory. The caller keeps one per state of the store
(``Indexes.memo``, cleared when anyone writes), so what it answers is what the store holds.
Paying for the whole read only after that many searches bounds its cost: a KB searched a few
times between writes (an import going on) never pays it, one searched often pays it once.
``ChosenSpans``: the spans of one document's hits chosen so far, to drop a hit repeating their words.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from typing import NamedTuple

import numpy as np

from kb.store.interface import Store

READ_ALL_AFTER = 100  # searches of one state of the store before every span is read at once
# Two hits of one document sharing this much of the shorter one's span show the same words.
OVERLAP_SHARE = 0.5


class Span(NamedTuple):
    doc_id: str
    start: int
    end: int


class EntrySpans:
    def __init__(self, store: Store):
        self.store = store
        self.searches: dict[str, int] = {}
        self.every: dict[str, _AllSpans] = {}
        # the documents met, of both tables, numbered once in the order met (``columns``' codes)
        self.names: list[str] = []
        self.numbers: dict[str, int] = {}

    def number(self, doc_id: str) -> int:
        found = self.numbers.get(doc_id)
        if found is None:
            found = self.numbers[doc_id] = len(self.names)
            self.names.append(doc_id)
        return found

    def get(self, table: str, ids: list[int]) -> dict[int, Span]:
        """The spans of these rows of ``table`` (passages or tasks); rows not in it left out."""
        every = self.every.get(table)
        if every is None:
            self.searches[table] = self.searches.get(table, 0) + 1
            if self.searches[table] <= READ_ALL_AFTER:
                return {row: Span._make(span) for row, span in self.store.spans_by_ids(table, ids).items()}
            every = self.every[table] = _AllSpans(self.store.all_spans(table), self)
        return every.get(ids)

    def columns(self, table: str, ids: list[int]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        """What ``get`` says, as columns beside ``ids``: document names, each row's index into
        them (-1: not in the table), starts and ends (no ``Span`` made per row). The names are
        ``names``, of both tables: a document's index is the same in every answer of this reader."""
        every = self.every.get(table)
        if every is None:
            found = self.get(table, ids)
            every = self.every.get(table)
            if every is None:  # read from the store
                number = self.number
                rows = [(number(span.doc_id), span.start, span.end) if span else (-1, 0, 0)
                        for span in map(found.get, ids)]
                codes, starts, ends = np.array(rows, dtype=np.int64).reshape(len(ids), 3).T
                return self.names, codes, starts, ends
        return every.columns(ids)


class _AllSpans:
    """Every row's span, as arrays sorted by row id; documents numbered by ``spans`` (``EntrySpans.number``)."""

    def __init__(self, rows: list[tuple[int, str, int, int]], spans: EntrySpans):
        rows = sorted(rows)
        number = spans.number
        self.ids = np.array([row[0] for row in rows], dtype=np.int64)
        self.docs = np.array([number(row[1]) for row in rows], dtype=np.int64)
        self.starts = np.array([row[2] for row in rows], dtype=np.int64)
        self.ends = np.array([row[3] for row in rows], dtype=np.int64)
        self.names = spans.names

    def get(self, ids: list[int]) -> dict[int, Span]:
        if not ids or not len(self.ids):
            return {}
        wanted = np.asarray(ids, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.ids, wanted), len(self.ids) - 1)
        at = at[self.ids[at] == wanted]
        names = self.names
        return dict(zip(self.ids[at].tolist(), map(Span, [names[d] for d in self.docs[at].tolist()],
                                                       self.starts[at].tolist(), self.ends[at].tolist())))

    def columns(self, ids: list[int]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        wanted = np.asarray(ids, dtype=np.int64)
        if not len(wanted) or not len(self.ids):
            none = np.full(len(wanted), -1, dtype=np.int64)
            return self.names, none, np.zeros_like(none), np.zeros_like(none)
        at = np.minimum(np.searchsorted(self.ids, wanted), len(self.ids) - 1)
        found = self.ids[at] == wanted
        return (self.names, np.where(found, self.docs[at], -1), np.where(found, self.starts[at], 0),
                np.where(found, self.ends[at], 0))


class ChosenSpans:
    """Spans of one document's chosen hits, by start: a new hit is compared with those that can
    reach it (starting less than the longest span before it), not with every hit of a long
    regulation."""

    def __init__(self):
        self.spans: list[tuple[int, int]] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def overlapping(self, item) -> bool:
        first = bisect_left(self.spans, (item.start - self.longest,))
        last = bisect_left(self.spans, (item.end,))
        return any(_overlaps(span, item) for span in self.spans[first:last])


def _overlaps(span: tuple[int, int], item) -> bool:
    """The same words shown twice (``span`` is of a hit of the same document): one span inside
    the other, or sharing most of the shorter (a task that runs on past the passage it starts in)."""
    start, end = span
    shared = min(end, item.end) - max(start, item.start)
    shorter = min(end - start, item.end - item.start)
    return shared > 0 and shared >= OVERLAP_SHARE * shorter

"""Keyword (BM25) indexes behind one interface: whoosh (pure Python) and tantivy (Rust).

Both index the same pre-tokenised fields (index/tokenize.py makes them), stored too, and build
the same query: every term OR-ed over the weighted fields, plus the precise words as a phrase
with a boost. Its best matches are only candidates: ``KeywordIndex.search`` ranks them by our
own BM25 (index/bm25.py), as on Milvus. The index knows keys, document ids and token strings,
nothing about tasks.

Each document also gets one marker entry (kind "doc"), written with its entries in the same
commit, so ``doc_ids()`` tells exactly which documents a commit holds; it stores the document's
``Totals`` for the collection statistics of our BM25.

tantivy keeps each entry's token codes, made when it is written (``index.analysed.encode``), in
place of its token fields (indexed, not stored), so a reader takes a new candidate's codes as they
are instead of splitting and looking up its token fields; an index built before, which stores the
token fields, is read (and written on) as it was. A compacted index (``index.tantivy_compact``)
also has them packed in files beside it, each entry's place in a fast field: read from there.

An index is opened either to write (by the one KB writer) or to read. A reader never takes the
backend's writer lock: it sees the last commit as of when it was opened, or as of its last
``reopen()``; commits made by the writer since are invisible until then.
"""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from index.analysed import Analyser, EntryCache, encode
from index.errors import IndexLocked
from index.keyword_base import (
    BIGRAM_FIELD,
    MARKER_KIND,
    MAX_QUERY_TERMS,
    PHRASE_BOOST,
    PHRASE_FIELD,
    TEXT_FIELDS,
    KeywordDoc,
    KeywordIndex,
    older_index,
    weighted_terms,
)
from index.tantivy_compact import CODES_FIELD, FIELDS_FIELD, SCHEMAS, Packed, TokenLog, compact, fragmented, schema

# Opening a reader races with a writer that is deleting the segments of an older commit:
# opening again reads the newer commit.
OPEN_ATTEMPTS = 3
# whoosh stops collecting after this many seconds and returns what it has (tantivy needs no
# limit: its block-max WAND over at most MAX_QUERY_TERMS terms is bounded, see bench/).
WHOOSH_TIME_LIMIT_S = 0.5
CODER_TOKENS = 1_000_000  # the writer's analyser starts again past this many distinct tokens


def _whoosh_bm25():
    """whoosh's BM25F with the BM25 idf (Robertson / Lucene / tantivy) instead of whoosh's
    log(N/(df+1)) + 1, which never drops below 1: with it, a word in every passage (安全, 生产)
    still outweighs the rare word the user is after (dev search set: keyword recall@20 0.906
    with whoosh's idf, the same as tantivy with this one). It now picks the candidates our BM25
    ranks, and still should not push out those with the rare word."""
    from math import log

    from whoosh.scoring import BM25F

    class BM25(BM25F):
        def idf(self, searcher, fieldname, text):
            parent = searcher.get_parent()
            n, total = parent.doc_frequency(fieldname, text), parent.doc_count_all()
            return log(1 + (total - n + 0.5) / (n + 0.5))

    return BM25()


def _timed_collector(child, allow, time_limit_s: float):
    """whoosh's top-k collector, kept to ``allow`` (a query; None: everything) and stopped
    after ``time_limit_s`` seconds with the hits collected so far. One loop does both:
    whoosh's TimeLimitCollector around its FilterCollector passes matches past the filter, and
    inside it the time limit is never checked."""
    from whoosh.collectors import FilterCollector, TimeLimit

    class TimedFilter(FilterCollector):
        def collect_matches(self):
            deadline = time.monotonic() + time_limit_s
            for sub_docnum in self.child.matches():
                if time.monotonic() > deadline:
                    raise TimeLimit
                if self._allow is None or self.offset + sub_docnum in self._allow:
                    self.child.collect(sub_docnum)

    return TimedFilter(child, allow=allow)


class WhooshIndex(KeywordIndex):
    name = "whoosh"

    def __init__(self, path: Path, writable: bool = False, time_limit_s: float = WHOOSH_TIME_LIMIT_S):
        from whoosh import fields as wf
        from whoosh import index as wi
        from whoosh.analysis import RegexTokenizer

        super().__init__(path, writable)
        if writable and not wi.exists_in(str(self.path)):
            self.path.mkdir(parents=True, exist_ok=True)
            tokens = RegexTokenizer(r"\S+")  # the text is already tokenised and lowercased
            schema = wf.Schema(key=wf.ID(stored=True, unique=True), doc_id=wf.ID(stored=True),
                               kind=wf.ID(stored=True), totals=wf.STORED,
                               **{name: wf.TEXT(analyzer=tokens, phrase=name == PHRASE_FIELD, stored=True)
                                  for name in TEXT_FIELDS})
            wi.create_in(str(self.path), schema)
        self._ix = wi.open_dir(str(self.path))
        if writable and "totals" not in self._ix.schema:
            raise older_index(self.path)
        self._writer = None
        self._searcher = None  # one searcher per commit read: reopen() replaces it
        self.time_limit_s = time_limit_s

    def _current(self):
        """The searcher over the commit this index reads (opened on first use)."""
        if self._searcher is None:
            for attempt in range(OPEN_ATTEMPTS):
                try:
                    self._searcher = self._ix.searcher(weighting=_whoosh_bm25())
                    break
                except (OSError, EOFError):
                    if attempt == OPEN_ATTEMPTS - 1:
                        raise
        return self._searcher

    def reopen(self) -> None:
        searcher, self._searcher = self._searcher, None
        if searcher is not None:
            searcher.close()
        super().reopen()  # after: a search started now analyses into a new cache with the new searcher

    def _w(self):
        from whoosh.index import LockError

        if self._writer is None:
            _check_writable(self)
            try:
                self._writer = self._ix.writer()
            except LockError as exc:
                raise _locked(self) from exc
        return self._writer

    def _write(self, docs: list[KeywordDoc]) -> None:
        writer = self._w()
        for doc in docs:
            writer.add_document(key=doc.key, doc_id=doc.doc_id, kind=doc.kind, totals=doc.totals, **doc.fields)

    def remove_doc(self, doc_id: str) -> None:
        self._w().delete_by_term("doc_id", doc_id)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer = None
            self.reopen()

    def _markers(self) -> dict[str, str]:
        return {stored["doc_id"]: stored.get("totals", "")
                for stored in self._current().documents(kind=MARKER_KIND)}

    def __len__(self) -> int:
        return self._current().doc_count()

    def _count(self, field_name: str, term: str) -> int:
        from whoosh.reading import TermNotFound

        try:  # the postings skip deleted entries (doc_frequency counts them until a merge)
            return sum(1 for _ in self._current().postings(field_name, term).all_ids())
        except TermNotFound:
            return 0

    def _candidates(self, query, n, doc_ids, kind):
        from whoosh import query as wq
        from whoosh.collectors import TimeLimit

        clauses = [wq.Term(name, term, boost=weight) for name, term, weight in weighted_terms(query)]
        if query.phrase:
            clauses.append(wq.Phrase(PHRASE_FIELD, query.phrase[:MAX_QUERY_TERMS], boost=PHRASE_BOOST))
        matched = wq.Or(clauses)  # markers have no text: they never match
        allowed = []
        if kind:
            allowed.append(wq.Term("kind", kind))
        if doc_ids is not None:
            allowed.append(wq.Or([wq.Term("doc_id", d) for d in doc_ids]))
        searcher = self._current()
        # Filters are a set of allowed documents, not part of the query: And(matched,
        # ConstantScoreQuery(filter)) lost matches by whoosh's skipping, depending on how the
        # index happens to be split in segments (two KBs of the same files gave other hits).
        collector = _timed_collector(searcher.collector(limit=n), wq.And(allowed) if allowed else None,
                                    self.time_limit_s)
        try:
            searcher.search_with_collector(matched, collector)
        except TimeLimit:
            pass  # keep the hits collected so far
        stored = [hit.fields() for hit in collector.results()]
        return {doc["key"]: {name: doc.get(name, "") for name in TEXT_FIELDS} for doc in stored}

    def close(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        self.reopen()


class TantivyIndex(KeywordIndex):
    name = "tantivy"

    def __init__(self, path: Path, writable: bool = False):
        import tantivy

        super().__init__(path, writable)
        self._t = tantivy
        self._coder: Analyser | None = None  # the writer's: each entry's codes as it is written
        self.codes = True  # whether entries are written with their codes (not in an index built without)
        self.places = True  # whether entries may have a place in packed codes (not in an index built before)
        self.packed = Packed(self.path)  # a compacted index's codes, in files beside it
        self.log = TokenLog(self.path)  # the tokens the codes written stand for
        self.heap_bytes = 64_000_000  # tantivy's indexing budget: a segment is written when it is spent
        if writable:
            self.path.mkdir(parents=True, exist_ok=True)
            for codes, places in SCHEMAS:  # an index built before: written on as it is
                try:
                    self._ix = tantivy.Index(schema(tantivy, codes, places), path=str(self.path), reuse=True)
                    self.codes, self.places = codes, places
                    break
                except ValueError as exc:  # "An index exists but the schema does not match."
                    if "schema does not match" not in str(exc):
                        raise
            else:
                raise older_index(self.path)
        else:
            self._ix = tantivy.Index.open(str(self.path))
        # the reader follows commits when told to (reopen), not on its own
        self._ix.config_reader("Manual", 0)
        self._schema = self._ix.schema
        # Tokens are made by jieba beforehand: tantivy only splits on the spaces between them.
        self._ix.register_tokenizer(
            "ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        self._writer = None
        # the searcher of the commit read and its candidates analysed, by address: replaced together
        self._generation: tuple[object, EntryCache] | None = None
        self._lock = threading.Lock()

    def _w(self):
        if self._writer is None:
            _check_writable(self)
            try:  # one indexing thread: the other core is busy embedding
                self._writer = self._ix.writer(heap_size=self.heap_bytes, num_threads=1)
            except ValueError as exc:  # "Failed to acquire Lockfile: LockBusy…"
                raise _locked(self) from exc
        return self._writer

    def _write(self, docs: list[KeywordDoc]) -> None:
        writer = self._w()
        kept = self._kept([doc for doc in docs if doc.kind != MARKER_KIND])
        for doc in docs:
            extra = {"totals": doc.totals} if doc.totals else {}
            writer.add_document(self._t.Document(key=doc.key, doc_id=doc.doc_id, kind=doc.kind, **extra,
                                                 **kept.get(id(doc), {}), **{k: v for k, v in doc.fields.items() if v}))

    def _kept(self, docs: list[KeywordDoc]) -> dict[int, dict[str, bytes]]:
        """What each entry keeps to be ranked by (by the entry's id()), all analysed at once: its codes,
        or (fields not single-spaced) its token fields as JSON; nothing in an index built before."""
        if not self.codes or not docs:
            return {}
        if self._coder is None or sum(map(len, self._coder.vocabs)) > CODER_TOKENS:
            self._coder = Analyser(TEXT_FIELDS, pairs=BIGRAM_FIELD, keep_new=True)
        codes = map(encode, self._coder.analyse_many([doc.fields for doc in docs]))
        self.log.add(self._coder.take_new())
        return {id(doc): {CODES_FIELD: blob} if blob is not None else {FIELDS_FIELD: json.dumps(doc.fields).encode()}
                for doc, blob in zip(docs, codes)}

    def remove_doc(self, doc_id: str) -> None:
        self._w().delete_documents_by_term("doc_id", doc_id)

    def commit(self) -> None:
        if self._writer is not None:
            self.log.save()  # before the commit whose codes it explains
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
            self.reopen()

    def fragmented(self) -> bool:
        return fragmented(self.path)

    def compact_into(self, path: Path) -> bool:
        return compact(self, TantivyIndex(path, writable=True))

    def reopen(self) -> None:
        super().reopen()
        with self._lock:
            self._ix.reload()
            self._generation = None

    def _searcher_and_cache(self) -> tuple[object, EntryCache]:
        """The searcher of the commit read and the entries analysed from it (a new cache when
        full); an address is one entry's only within one searcher."""
        with self._lock:
            if self._generation is None or self._generation[1].full():
                searcher = self._ix.searcher() if self._generation is None else self._generation[0]
                numbering = self.packed if self.packed.held else None  # packed entries kept as numbers
                self._generation = searcher, EntryCache(TEXT_FIELDS, pairs=BIGRAM_FIELD, numbering=numbering)
            return self._generation

    def _markers(self) -> dict[str, str]:
        searcher = self._ix.searcher()
        if searcher.num_docs == 0:
            return {}
        query = self._t.Query.term_query(self._schema, "kind", MARKER_KIND)
        hits = searcher.search(query, limit=searcher.num_docs, count=False).hits
        return {stored["doc_id"][0]: stored.get_first("totals") or ""
                for stored in (searcher.doc(address) for _, address in hits)}

    def _count(self, field_name: str, term: str) -> int:
        # matching entries, deleted ones left out: doc_freq counts them until a merge, so it is
        # the count only while the commit read holds none (a term's entry in the dictionary,
        # ~6 µs, where a counting search walks its postings, ~75 µs for a common word)
        searcher = self._ix.searcher()
        if "none deleted" not in self._read:
            # every entry has one kind: the kinds' frequencies sum to the entries, deleted ones too
            held = sum(n for _, n in searcher.terms_with_prefix("kind", ""))
            self._read["none deleted"] = held == searcher.num_docs
        if self._read["none deleted"]:
            return searcher.doc_freq(field_name, term)
        query = self._t.Query.term_query(self._schema, field_name, term)
        return searcher.search(query, limit=1, count=True).count

    def __len__(self) -> int:
        return self._ix.searcher().num_docs

    def _query(self, query, doc_ids, kind):
        Q, Occur = self._t.Query, self._t.Occur
        # a weight of 1 needs no boost (x * 1.0 is x); the same scores, less for tantivy to do
        should = [(Occur.Should, Q.boost_query(Q.term_query(self._schema, name, term), weight) if weight != 1.0
                   else Q.term_query(self._schema, name, term))
                  for name, term, weight in weighted_terms(query)]
        if query.phrase:
            phrase = Q.phrase_query(self._schema, PHRASE_FIELD, query.phrase[:MAX_QUERY_TERMS])
            should.append((Occur.Should, Q.boost_query(phrase, PHRASE_BOOST)))
        if not kind and doc_ids is None:
            # the clauses alone score as they do inside one required clause, with ~15 % less work
            # (the same hits and scores on every dev question and gold query)
            return Q.boolean_query(should)  # markers have no text: never match
        clauses = [(Occur.Must, Q.boolean_query(should))]
        if kind:
            clauses.append((Occur.Must, Q.const_score_query(
                Q.term_query(self._schema, "kind", kind), 0.0)))
        if doc_ids is not None:
            clauses.append((Occur.Must, Q.const_score_query(
                Q.term_set_query(self._schema, "doc_id", sorted(doc_ids)), 0.0)))
        return Q.boolean_query(clauses)

    def _analysed(self, query, n, doc_ids, kind):
        """The engine's best matches, their codes read the first time an address comes up in this
        commit read (packed ~2 µs, else from the store ~7 µs; decoded ~1 µs; ~25 of a query's ~90
        candidates at 1,000 laws); an entry kept without codes has its token fields read and
        analysed (~20-30 µs), all at once."""
        searcher, cache = self._searcher_and_cache()
        hits = searcher.search(self._query(query, doc_ids, kind), limit=n, count=False).hits
        keys, analysed = cache.keys, cache.analysed
        wheres = [(address.segment_ord, address.doc) for _, address in hits]
        new = [(where, address) for where, (_, address) in zip(wheres, hits) if where not in analysed]
        if new:
            new_keys, decoded, docs = self.packed.read(searcher, [address for _, address in new],
                                                       numbered=cache.analyser.numbering is not None)
            plain = [i for i, entry in enumerate(decoded) if entry is None]  # kept without codes
            stored_fields = [json.loads(kept) if (kept := docs[i](FIELDS_FIELD))  # else an index built before
                             else {name: docs[i](name) or "" for name in TEXT_FIELDS} for i in plain]
            for i, entry in zip(plain, cache.analyser.analyse_many(stored_fields)):  # all such at once
                decoded[i] = entry
            cache.keep([where for where, _ in new], new_keys, decoded)
        return dict(zip(map(keys.__getitem__, wheres), map(analysed.__getitem__, wheres))), cache.analyser

    def close(self) -> None:
        if self._writer is not None:
            self._writer.rollback()
            self._writer = None


def _locked(index: KeywordIndex) -> IndexLocked:
    """The backend's own writer lock is held: only a program that bypassed the KB write lock
    (an older policykb, a script of one's own) can be holding it."""
    return IndexLocked(f"{index.path}: 另一个程序正在写这个关键词索引，请等它结束后再试 "
                       f"(another program is writing this keyword index; try again when it has finished)")


def _check_writable(index: KeywordIndex) -> None:
    if not index.writable:
        raise RuntimeError(f"{index.path}: opened to read; only the KB writer changes an index")


KEYWORD_BACKENDS: dict[str, type[KeywordIndex]] = {"whoosh": WhooshIndex, "tantivy": TantivyIndex}

"""Keyword (BM25) indexes behind one interface: whoosh (pure Python) and tantivy (Rust).

Both index the same pre-tokenised fields (index/tokenize.py makes them) and build the same
query: every term OR-ed over the weighted fields, plus the precise words as a phrase with a
boost. The index knows keys, document ids and token strings, nothing about tasks.

Each document also gets one marker entry (kind "doc"), written with its entries in the same
commit, so ``doc_ids()`` tells exactly which documents a commit holds.

An index is opened either to write (by the one KB writer) or to read. A reader never takes the
backend's writer lock: it sees the last commit as of when it was opened, or as of its last
``reopen()``; commits made by the writer since are invisible until then.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from index.errors import IndexLocked
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
# whoosh stops collecting after this many seconds and returns what it has (tantivy needs no
# limit: its block-max WAND over at most MAX_QUERY_TERMS terms is bounded, see bench/).
WHOOSH_TIME_LIMIT_S = 0.5
MARKER_KIND = "doc"


@dataclass
class KeywordDoc:
    key: str  # "p:<passage row id>" | "t:<task row id>" | "d:<doc id>" (marker)
    doc_id: str
    kind: str  # passage | task | doc
    fields: dict[str, str] = field(default_factory=dict)  # TEXT_FIELDS -> space-joined tokens


def marker(doc_id: str) -> KeywordDoc:
    return KeywordDoc(f"d:{doc_id}", doc_id, MARKER_KIND)


# Opening a reader races with a writer that is deleting the segments of an older commit:
# opening again reads the newer commit.
OPEN_ATTEMPTS = 3


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


def _whoosh_bm25():
    """whoosh's BM25F with the BM25 idf (Robertson / Lucene / tantivy) instead of whoosh's
    log(N/(df+1)) + 1, which never drops below 1: with it, a word in every passage (安全, 生产)
    still outweighs the rare word the user is after. Measured on the dev search set: keyword
    recall@20 0.906 with whoosh's idf, the same as tantivy with this one."""
    from math import log

    from whoosh.scoring import BM25F

    class BM25(BM25F):
        def idf(self, searcher, fieldname, text):
            parent = searcher.get_parent()
            n, total = parent.doc_frequency(fieldname, text), parent.doc_count_all()
            return log(1 + (total - n + 0.5) / (n + 0.5))

    return BM25()


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
                               kind=wf.ID(stored=True),
                               **{name: wf.TEXT(analyzer=tokens, phrase=name == PHRASE_FIELD)
                                  for name in TEXT_FIELDS})
            wi.create_in(str(self.path), schema)
        self._ix = wi.open_dir(str(self.path))
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
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def _w(self):
        from whoosh.index import LockError

        if self._writer is None:
            _check_writable(self)
            try:
                self._writer = self._ix.writer()
            except LockError as exc:
                raise _locked(self) from exc
        return self._writer

    def add(self, docs: list[KeywordDoc]) -> None:
        writer = self._w()
        for doc in docs:
            writer.add_document(key=doc.key, doc_id=doc.doc_id, kind=doc.kind, **doc.fields)

    def remove_doc(self, doc_id: str) -> None:
        self._w().delete_by_term("doc_id", doc_id)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer = None
            self.reopen()

    def doc_ids(self) -> set[str]:
        return {stored["doc_id"] for stored in self._current().documents(kind=MARKER_KIND)}

    def __len__(self) -> int:
        return self._current().doc_count()

    def doc_frequency(self, term: str, field_name: str = PHRASE_FIELD) -> int:
        return self._current().doc_frequency(field_name, term)

    def search(self, query, k, doc_ids=None, kind=None):
        from whoosh import query as wq
        from whoosh.collectors import TimeLimit, TimeLimitCollector

        if not query or k <= 0:
            return []
        clauses = [wq.Term(name, term, boost=weight) for name, term, weight in _weighted_terms(query)]
        if query.phrase:
            clauses.append(wq.Phrase(PHRASE_FIELD, query.phrase[:MAX_QUERY_TERMS], boost=PHRASE_BOOST))
        matched = wq.Or(clauses)  # markers have no text: they never match
        allowed = []
        if kind:
            allowed.append(wq.Term("kind", kind))
        if doc_ids is not None:
            if not doc_ids:
                return []
            allowed.append(wq.Or([wq.Term("doc_id", d) for d in doc_ids]))
        if allowed:
            # Filters go into the query with a constant score of 0, not into a FilterCollector:
            # that one hands matches straight to its child and would bypass the time limit.
            matched = wq.And([matched, wq.ConstantScoreQuery(wq.And(allowed), 0.0)])
        searcher = self._current()
        # use_alarm=False: SIGALRM works only in the main thread, and the app searches from others
        collector = TimeLimitCollector(searcher.collector(limit=k), timelimit=self.time_limit_s,
                                       use_alarm=False)
        try:
            searcher.search_with_collector(matched, collector)
        except TimeLimit:
            pass  # keep the hits collected so far
        return [(hit["key"], float(hit.score)) for hit in collector.results()]

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
        if writable:
            self.path.mkdir(parents=True, exist_ok=True)
            builder = tantivy.SchemaBuilder()
            for name in ("key", "doc_id", "kind"):
                builder.add_text_field(name, stored=name != "kind", tokenizer_name="raw",
                                       index_option="basic")
            for name in TEXT_FIELDS:
                builder.add_text_field(name, tokenizer_name="ws",
                                       index_option="position" if name == PHRASE_FIELD else "freq")
            self._ix = tantivy.Index(builder.build(), path=str(self.path), reuse=True)
        else:
            self._ix = tantivy.Index.open(str(self.path))
        # the reader follows commits when told to (reopen), not on its own
        self._ix.config_reader("Manual", 0)
        self._schema = self._ix.schema
        # Tokens are made by jieba beforehand: tantivy only splits on the spaces between them.
        self._ix.register_tokenizer(
            "ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        self._writer = None

    def _w(self):
        if self._writer is None:
            _check_writable(self)
            try:  # one indexing thread: the other core is busy embedding
                self._writer = self._ix.writer(heap_size=64_000_000, num_threads=1)
            except ValueError as exc:  # "Failed to acquire Lockfile: LockBusy…"
                raise _locked(self) from exc
        return self._writer

    def add(self, docs: list[KeywordDoc]) -> None:
        writer = self._w()
        for doc in docs:
            writer.add_document(self._t.Document(key=doc.key, doc_id=doc.doc_id, kind=doc.kind,
                                                 **{k: v for k, v in doc.fields.items() if v}))

    def remove_doc(self, doc_id: str) -> None:
        self._w().delete_documents_by_term("doc_id", doc_id)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
            self.reopen()

    def reopen(self) -> None:
        self._ix.reload()

    def doc_ids(self) -> set[str]:
        searcher = self._ix.searcher()
        if searcher.num_docs == 0:
            return set()
        query = self._t.Query.term_query(self._schema, "kind", MARKER_KIND)
        hits = searcher.search(query, limit=searcher.num_docs, count=False).hits
        return {searcher.doc(address)["doc_id"][0] for _, address in hits}

    def doc_frequency(self, term: str, field_name: str = PHRASE_FIELD) -> int:
        return self._ix.searcher().doc_freq(field_name, term)

    def __len__(self) -> int:
        return self._ix.searcher().num_docs

    def search(self, query, k, doc_ids=None, kind=None):
        Q, Occur = self._t.Query, self._t.Occur
        if not query or k <= 0:
            return []
        should = [(Occur.Should, Q.boost_query(Q.term_query(self._schema, name, term), weight))
                  for name, term, weight in _weighted_terms(query)]
        if query.phrase:
            phrase = Q.phrase_query(self._schema, PHRASE_FIELD, query.phrase[:MAX_QUERY_TERMS])
            should.append((Occur.Should, Q.boost_query(phrase, PHRASE_BOOST)))
        clauses = [(Occur.Must, Q.boolean_query(should))]  # markers have no text: never match
        if kind:
            clauses.append((Occur.Must, Q.const_score_query(
                Q.term_query(self._schema, "kind", kind), 0.0)))
        if doc_ids is not None:
            if not doc_ids:
                return []
            clauses.append((Occur.Must, Q.const_score_query(
                Q.term_set_query(self._schema, "doc_id", sorted(doc_ids)), 0.0)))
        searcher = self._ix.searcher()
        hits = searcher.search(Q.boolean_query(clauses), limit=k, count=False).hits
        return [(searcher.doc(address)["key"][0], float(score)) for score, address in hits]

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


def _weighted_terms(query: Query) -> list[tuple[str, str, float]]:
    """(field, term, weight) for every clause of the OR query."""
    out = [(name, term, weight) for name, weight in FIELD_WEIGHTS.items() if name != BIGRAM_FIELD
           for term in query.terms[:MAX_QUERY_TERMS]]
    weight = FIELD_WEIGHTS[BIGRAM_FIELD]
    return out + [(BIGRAM_FIELD, pair, weight) for pair in query.bigrams[:MAX_QUERY_TERMS]]


KEYWORD_BACKENDS: dict[str, type[KeywordIndex]] = {"whoosh": WhooshIndex, "tantivy": TantivyIndex}


def keyword_index_exists(backend: str, path: Path, server: str = "") -> bool:
    if backend == "milvus":
        from index.milvus import client, collection_name
        return client(server).has_collection(collection_name(path))
    if backend == "whoosh":
        from whoosh import index as wi
        return Path(path).is_dir() and wi.exists_in(str(path))
    if backend == "tantivy":
        import tantivy
        return Path(path).is_dir() and tantivy.Index.exists(str(path))
    return False


def open_keyword_index(backend: str, path: Path, writable: bool = False, server: str = "") -> KeywordIndex:
    """The index at ``path`` (a collection named after it on the Milvus ``server`` for backend
    "milvus"), created if ``writable``; a reader of an index never committed gets an empty one."""
    if not writable and not keyword_index_exists(backend, path, server):
        return NoKeywordIndex(path)
    if backend == "milvus":
        from index.milvus import MilvusKeywordIndex
        return MilvusKeywordIndex(path, writable, server)
    return KEYWORD_BACKENDS[backend](path, writable)

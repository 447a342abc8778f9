"""A tantivy keyword index written again as one segment, from what it holds.

tantivy answers a query segment by segment, each collecting its own best candidates: at 1,000
laws an index imported in batches has 8 segments (three of 16-20k entries, five small ones) and
a query's search took 0.64 ms of CPU where the same entries in one segment take 0.34 ms (the
same candidates, hits and scores: 3,143 searches compared). Its merge policy only merges 8
segments of a size, and tantivy-py has no call to merge, so the writer (``kb.indexes.writer``)
writes the entries into a new index aside, in one segment, when the live one has spread
(``fragmented``: a quarter of its entries outside its largest segment, or deleted), and
readers move to it at the next generation.

The entries are written again with the tokens they were written with, not tokenized again (the
KB's words grow as documents come, so 18 % of the entries of 1,000 laws would be cut otherwise):
their codes are kept in the index, and beside them a log of the tokens the codes stand for
(``TokenLog``, a line per field and token, appended before the commit that uses them). An entry
whose codes the log cannot turn back into tokens, or an index built before the log, is not
compacted.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from index.analysed import PAIR_FIRST, PAIR_SPAN, decode_many, term_code
from index.keyword_base import PHRASE_FIELD, TEXT_FIELDS

# tantivy's stored fields of an entry's token codes (index.analysed.encode), and of its token fields
# as JSON when it has none (a field not single-spaced); the token fields themselves are not stored
CODES_FIELD, FIELDS_FIELD = "codes", "fields"

TOKENS_FILE = "tokens.tsv"  # beside tantivy's own files, which it leaves alone (not in .managed.json)
# Compact when this share of the live entries is outside the largest segment, or deleted: an
# index grown by a third since it was last compacted, so each entry is written again a bounded
# number of times as a KB grows.
SPREAD = 0.25
# tantivy's indexing budget: a segment is written when it is spent (1,000 laws fit in one)
COMPACT_HEAP_BYTES = 500_000_000
COMPACT_CHUNK = 4096  # entries turned back to tokens at a time


def schema(tantivy, codes: bool):
    """tantivy's schema of a keyword index: each entry's token codes stored (the token fields only
    indexed), or (an index built before the codes were kept) its token fields stored."""
    builder = tantivy.SchemaBuilder()
    for name in ("key", "doc_id", "kind"):
        builder.add_text_field(name, stored=name != "kind", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("totals", stored=True, tokenizer_name="raw", index_option="basic")
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=not codes, tokenizer_name="ws",
                               index_option="position" if name == PHRASE_FIELD else "freq")
    if codes:
        builder.add_bytes_field(CODES_FIELD, stored=True)
        builder.add_bytes_field(FIELDS_FIELD, stored=True)
    return builder.build()


class TokenLog:
    """The tokens an index's codes stand for, a line ``field<TAB>token`` each (a coded token has
    neither tab nor line break: fields that are not single-spaced printable text are kept as
    text). Appended at each commit, before it; a token may be logged more than once (each writer
    logs what its own analyser met first)."""

    def __init__(self, path: Path):
        self.path = Path(path) / TOKENS_FILE
        self.pending: list[str] = []

    def add(self, new: list[tuple[str, list[str]]]) -> None:
        self.pending += [f"{name}\t{token}\n" for name, tokens in new for token in tokens]

    def save(self) -> None:
        if self.pending:
            with open(self.path, "a", encoding="utf-8") as out:
                out.writelines(self.pending)
                out.flush()
                os.fsync(out.fileno())
            self.pending = []

    def read(self) -> dict[str, set[str]] | None:
        """The tokens logged, by field; None without a log."""
        if not self.path.exists():
            return None
        by_field: dict[str, set[str]] = {}
        with open(self.path, encoding="utf-8") as lines:
            for line in lines:
                name, _, token = line.rstrip("\n").partition("\t")
                by_field.setdefault(name, set()).add(token)
        return by_field


def fragmented(path: Path) -> bool:
    """Whether the committed index at ``path`` has spread over segments (or deletions) enough to
    be written again: SPREAD of its live entries outside its largest segment, or deleted."""
    try:
        segments = json.loads((Path(path) / "meta.json").read_text())["segments"]
    except (OSError, ValueError, KeyError):
        return False
    sizes = [(s["max_doc"], (s.get("deletes") or {}).get("num_deleted_docs", 0)) for s in segments]
    live = [size - deleted for size, deleted in sizes]
    total, deleted = sum(live), sum(d for _, d in sizes)
    if len(sizes) < 2 and not deleted:
        return False
    return total > 0 and (total - max(live) >= SPREAD * total or deleted >= SPREAD * total)


def compact(source, target) -> bool:
    """Write every live entry of ``source`` (a TantivyIndex with codes, at its commit read) into
    ``target`` (a new, writable TantivyIndex) and commit it as one segment, in the order
    ``source`` holds them, each with the tokens it was written with. False (``target`` left
    uncommitted) when ``source`` is of an index built before, or a code is not in its log."""
    logged = TokenLog(source.path).read()
    if not source.codes or not target.codes or logged is None:
        return False
    tokens_by_code = {term_code(name, token): token for name, tokens in logged.items() for token in tokens}
    searcher, Query = source._ix.searcher(), source._t.Query
    held = sorted(((address.segment_ord, address.doc), kind, address) for kind, _ in
                  searcher.terms_with_prefix("kind", "") for _, address in
                  searcher.search(Query.term_query(source._schema, "kind", kind),
                                  limit=max(searcher.num_docs, 1), count=False).hits)
    target.heap_bytes = COMPACT_HEAP_BYTES
    writer, Document = target._w(), source._t.Document
    for start in range(0, len(held), COMPACT_CHUNK):  # a chunk at a time: the tokens of all would take GBs
        chunk = held[start:start + COMPACT_CHUNK]
        stored = [searcher.doc(address).get_first for _, _, address in chunk]  # kind is not stored
        blobs = [field(CODES_FIELD) for field in stored]
        fields = _token_fields(decode_many(blobs, len(TEXT_FIELDS)), tokens_by_code)
        if fields is None:
            target.close()
            return False
        for (_, kind, _), field, blob, own in zip(chunk, stored, blobs, fields):
            kept = {CODES_FIELD: blob} if blob else {}
            if (text := field(FIELDS_FIELD)) is not None:  # fields not single-spaced: kept as text, indexed so
                kept[FIELDS_FIELD] = text
                own = {name: value for name, value in json.loads(text).items() if value}
            totals = field("totals")
            writer.add_document(Document(key=field("key"), doc_id=field("doc_id"), kind=kind,
                                         **({"totals": totals} if totals else {}), **kept, **own))
    target.log.add([(name, sorted(tokens)) for name, tokens in logged.items()])
    target.commit()
    return True


def _token_fields(decoded, tokens_by_code: dict[int, str]) -> list[dict[str, str]] | None:
    """Each entry's token fields (space-joined) from its codes; {} for one kept as text or without
    codes (a marker); None when a code is in no log line."""
    coded = [entry for entry in decoded if entry is not None]
    every = np.concatenate([entry[0] for entry in coded]) if coded else np.zeros(0, dtype=np.int64)
    unique, at = np.unique(every, return_inverse=True)
    pairs = unique < 0
    words: list[str | None] = [tokens_by_code.get(code) for code in unique.tolist()]
    offsets = (-1 - unique[pairs])
    firsts, seconds = (offsets // PAIR_SPAN + PAIR_FIRST).tolist(), (offsets % PAIR_SPAN + PAIR_FIRST).tolist()
    for i, a, b in zip(np.flatnonzero(pairs).tolist(), firsts, seconds):
        words[i] = chr(a) + chr(b)
    if None in words:
        return None
    tokens = np.array(words, dtype=object)[at].tolist()
    out, start = [], 0
    for entry in decoded:
        if entry is None:
            out.append({})
            continue
        own = {}
        for name, length in zip(TEXT_FIELDS, entry[1]):
            if length:
                own[name] = " ".join(tokens[start:start + length])
                start += length
        out.append(own)
    return out

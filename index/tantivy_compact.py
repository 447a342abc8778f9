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

A compacted index also keeps its entries' codes packed in files beside it (``Packed``: the codes
one after the other, where each starts, the keys), each entry's place in them in a fast field, so
a reader takes a new candidate's codes and key from the mapped files instead of tantivy's store;
entries written later have no place and are read from the store.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from index.analysed import NO_CODES, NO_NUMBERS, PAIR_FIRST, PAIR_SPAN, decode_many, encode, term_code
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


# Packed codes: a compacted index's entries' codes in files beside it, each entry's place in them
# (1, 2, …) in a fast field, AT_FIELD (none for an entry written later: read from tantivy's store).
# Per entry, int32: its fields' lengths, then its tokens as numbers into the table of codes (VOCAB,
# int64): half the bytes of the codes themselves, which do not compress (62-bit hashes).
PACKED_CODES, PACKED_STARTS, PACKED_KEYS, PACKED_VOCAB = "codes.bin", "starts.npy", "keys.npy", "vocab.npy"
AT_FIELD = "at"
# (codes kept, places kept) of each schema a keyword index has had, newest first
SCHEMAS = ((True, True), (True, False), (False, False))


def schema(tantivy, codes: bool, places: bool = False):
    """tantivy's schema of a keyword index: each entry's token codes stored (the token fields only
    indexed) and its place in packed codes, or (an index built before) its token fields stored."""
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
    if places:
        builder.add_integer_field(AT_FIELD, fast=True)
    return builder.build()


class Packed:
    """A compacted index's packed codes, mapped (shared by every reader of the folder): a new
    candidate's codes and key are a slice of them, not a read of tantivy's store (which
    decompresses a 16 KB block for each: ~7 % of a never-asked query's instructions at 1,000 laws).
    A folder without them (not compacted, or built before) has every entry read from the store."""

    def __init__(self, path: Path):
        path = Path(path)
        # the keys written last: their presence says the files are whole (an empty file is not mapped)
        self.held = (path / PACKED_KEYS).exists() and (path / PACKED_CODES).stat().st_size > 0
        if self.held:  # plain arrays over the maps: indexing a memmap makes a memmap each time (~1.5 µs)
            self.codes = np.asarray(np.memmap(path / PACKED_CODES, dtype="<i4", mode="r"))
            self.starts = np.asarray(np.load(path / PACKED_STARTS, mmap_mode="r"))
            self.keys = np.asarray(np.load(path / PACKED_KEYS, mmap_mode="r"))
            self.vocab = np.asarray(np.load(path / PACKED_VOCAB, mmap_mode="r"))
        self._sorted: tuple[np.ndarray, np.ndarray] | None = None  # the table's codes sorted, their places

    def read(self, searcher, addresses: list, read: list | None = None,
             numbered: bool = False) -> tuple[list[str], list, list]:
        """The keys and ``Analysed`` codes (None: kept without) of the entries at ``addresses``,
        packed when they have a place here, else from tantivy's store; and the stored fields
        (``get_first``) of those read from the store (None for the packed ones, unless ``read``
        gives every entry's). The packed ones' rows are gathered at once and their numbers turned
        into codes by one lookup in the table (one at a time: ~8 µs an entry); with ``numbered``,
        left as the int32 numbers they are (``numbers_of`` turns codes into them)."""
        places = searcher.fast_field_values(AT_FIELD, addresses) if self.held else [None] * len(addresses)
        width = len(TEXT_FIELDS)
        docs = list(read) if read is not None else [None] * len(addresses)
        analysed: list = [None] * len(addresses)
        keys: list = [None] * len(addresses)
        packed = [i for i, at in enumerate(places) if at]
        if packed:
            at = np.array([places[i] for i in packed], dtype=np.int64)
            begins, ends = self.starts[at - 1], self.starts[at]
            rows = np.concatenate([self.codes[b:e] for b, e in zip(begins.tolist(), ends.tolist())])
            sizes = ends - begins
            firsts = np.cumsum(sizes) - sizes  # each entry's row in ``rows``
            heads = np.zeros(len(rows), dtype=bool)  # the fields' lengths, before each entry's tokens
            heads[(firsts[:, None] + np.arange(width)).reshape(-1)] = True
            codes = rows[~heads] if numbered else self.vocab[rows[~heads]]
            none = NO_NUMBERS if numbered else NO_CODES
            lengths = rows[heads].reshape(-1, width).tolist()
            ends_of = np.cumsum(sizes - width).tolist()
            for i, key, own, start, end in zip(packed, self.keys[at - 1].tolist(), lengths, [0, *ends_of], ends_of):
                keys[i] = key.decode()
                analysed[i] = (codes[start:end] if end > start else none, tuple(own), None)
        from_store = [i for i, at in enumerate(places) if not at]
        for i in from_store:
            docs[i] = docs[i] or searcher.doc(addresses[i]).get_first  # get_first: to_dict made lists
            keys[i] = docs[i]("key")
        for i, entry in zip(from_store, decode_many([docs[i](CODES_FIELD) for i in from_store], width)):
            analysed[i] = entry
        return keys, analysed, docs

    def numbers_of(self, codes: np.ndarray) -> np.ndarray:
        """The numbers (places in the table) of these codes; -1 for a code no packed entry holds. The
        table sorted once (~20 ms at 1,000 laws), when first asked."""
        if self._sorted is None:
            order = np.argsort(self.vocab, kind="stable")
            self._sorted = self.vocab[order], order
        table, order = self._sorted
        if not len(table):
            return np.full(len(codes), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(table, codes), len(table) - 1)
        return np.where(table[at] == codes, order[at], -1)


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
    keys, starts, vocab = [], [0], {}  # of the packed entries; their codes' numbers, by code
    with open(target.path / PACKED_CODES, "wb") as packed:
        for start in range(0, len(held), COMPACT_CHUNK):  # a chunk at a time: the tokens of all would take GBs
            chunk = held[start:start + COMPACT_CHUNK]
            read = [searcher.doc(address).get_first for _, _, address in chunk]  # kind is not stored
            _, decoded, _ = source.packed.read(searcher, [address for _, _, address in chunk], read)
            fields = _token_fields(decoded, tokens_by_code)
            # a code not logged, or codes of another making (their tokens unknown): left as it is
            if fields is None or any(entry is None and field(CODES_FIELD) for field, entry in zip(read, decoded)):
                target.close()
                return False
            rows = _packed_rows(decoded, vocab) if target.places else [None] * len(chunk)
            for (_, kind, _), field, entry, own, row in zip(chunk, read, decoded, fields, rows):
                kept = {}
                if (text := field(FIELDS_FIELD)) is not None:  # fields not single-spaced: kept as text, indexed so
                    kept[FIELDS_FIELD] = text
                    own = {name: value for name, value in json.loads(text).items() if value}
                if row is not None:  # codes of this making: packed (not kept in the store), its place kept
                    packed.write(row)
                    starts.append(starts[-1] + len(row) // 4)
                    keys.append(field("key").encode())
                    kept[AT_FIELD] = len(keys)
                elif entry is not None:
                    kept[CODES_FIELD] = encode(entry)
                totals = field("totals")
                writer.add_document(Document(key=field("key"), doc_id=field("doc_id"), kind=kind,
                                             **({"totals": totals} if totals else {}), **kept, **own))
    if target.places:
        np.save(target.path / PACKED_STARTS, np.array(starts, dtype=np.int64))
        np.save(target.path / PACKED_VOCAB, np.array(list(vocab), dtype=np.int64))
        np.save(target.path / PACKED_KEYS, np.array(keys, dtype=bytes))  # last (``Packed.held``)
    target.log.add([(name, sorted(tokens)) for name, tokens in logged.items()])
    target.commit()
    return True


def _packed_rows(decoded: list, vocab: dict[int, int]) -> list[bytes | None]:
    """Each entry's packed row (int32: its fields' lengths, then its codes' numbers in ``vocab``,
    which gains the codes met first); None for an entry without codes."""
    coded = [entry for entry in decoded if entry is not None]
    every = np.concatenate([entry[0] for entry in coded]) if coded else NO_CODES
    unique, at = np.unique(every, return_inverse=True)
    numbers = np.array([vocab.setdefault(code, len(vocab)) for code in unique.tolist()], dtype=np.int32)
    ids, out, start = numbers[at.reshape(-1)] if len(at) else np.zeros(0, dtype=np.int32), [], 0
    for entry in decoded:
        if entry is None:
            out.append(None)
            continue
        end = start + len(entry[0])
        out.append(np.concatenate([np.array(entry[1], dtype="<i4"), ids[start:end]]).astype("<i4").tobytes())
        start = end
    return out


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

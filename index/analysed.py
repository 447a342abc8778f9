"""Search candidates' token fields as numbers, for our BM25 (``index.bm25``): an ``Analyser``
gives each token of a field a code, an ``EntryCache`` keeps the analysed entries of one commit
read.

A code is the token's own (``term_code``: a 62-bit hash of the field's name and the token; a
bigram of two CJK characters, the characters), not a number an analyser hands out: the same in
every process and every commit, so the writer analyses each entry once, at index time, and
keeps its codes in the index beside its tokens (``encode``: an int64 array of a format number,
the fields' lengths and the codes); a reader decodes a new candidate's (``decode_many``), ~1 µs,
where splitting and looking up its fields took ~20-30 µs. Entries written without them (an
index built before, a field not written single-spaced) are analysed as before. Two tokens with
the same code would count as one word: among ~10^6 distinct (field, token) pairs and 2^62 codes,
the chance that any of a query's ~50 asked codes meets another token's is ~10^-11.

A batch of entries is analysed at once (``Analyser.analyse_many``): each field's tokens of all
of them in one split and one pass through that field's vocabulary, then put in entry order by
one gather. The character pairs of the bigram field (about half of an entry's tokens) need no
vocabulary: a pair of CJK characters is coded by the characters themselves (``pair_codes``),
read from the field's text as an array of code points. A query's candidates not seen before
(~25 of ~110 at 1,000 laws) took ~40 µs each one at a time.
"""
from __future__ import annotations

from hashlib import blake2b
from itertools import chain

import numpy as np

# One entry's token fields as numbers, a plain tuple (codes, lengths, odd): each token's code in its
# field (``term_code``), the fields one after the other (an int64 array); each field's
# length in tokens; the texts of fields not written as their tokens joined by single spaces (``odd``,
# None or {field slot: text}: the phrase check reads them as the engines do). A plain tuple of an
# array, ints and strings, so the garbage collector stops tracking it once it has seen its lengths'
# tuple untracked, by its second pass at most (the young generations): a reader's ~15k cached
# entries are not walked by every full collection, and do not bring the next one nearer (an
# instance of a class, or of a tuple subclass, is always tracked; a tuple holding this one, a third
# level, would reach the oldest generation first: ~30 of them a never-asked query at 1,000 laws, a
# full collection of a ~50 ms every ~400 queries).
Analysed = tuple
CODES, LENGTHS, ODD = 0, 1, 2

# The characters a pair code is made of (the tokenizer's bigrams are pairs of these, index/tokenize
# ``_CJK``): a pair (a, b) is -1 - ((a - PAIR_FIRST) * PAIR_SPAN + (b - PAIR_FIRST)), negative (the
# other tokens' codes are not).
PAIR_FIRST, PAIR_LAST = 0x3400, 0x9FFF
PAIR_SPAN = PAIR_LAST - PAIR_FIRST + 1


def pair_codes(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The codes of character pairs (code points, each in PAIR_FIRST..PAIR_LAST)."""
    return -1 - ((first.astype(np.int64) - PAIR_FIRST) * PAIR_SPAN + (second.astype(np.int64) - PAIR_FIRST))


def term_code(name: str, token: str) -> int:
    """The code of ``token`` in the field ``name``: its hash with the name's, in 0 .. 2^62 - 1."""
    digest = blake2b(token.encode("utf-8"), digest_size=8, person=name.encode("utf-8")[:16]).digest()
    return int.from_bytes(digest, "little") >> 2


def _pair_code(token: str) -> int | None:
    if len(token) != 2 or not all(PAIR_FIRST <= ord(ch) <= PAIR_LAST for ch in token):
        return None
    return -1 - ((ord(token[0]) - PAIR_FIRST) * PAIR_SPAN + (ord(token[1]) - PAIR_FIRST))


class Analyser:
    """Turns entries' token fields (``fields``, in this order) into ``Analysed`` codes: each
    token's ``term_code`` in its field; in the field named ``pairs`` a pair of CJK characters is
    coded by its characters instead. One vocabulary per field keeps the codes of the tokens met
    (a lookup, where a hash takes ~0.5 µs); it grows as entries come."""

    def __init__(self, fields: tuple[str, ...], pairs: str | None = None, keep_new: bool = False):
        self.fields = fields
        self.slot = {name: i for i, name in enumerate(fields)}
        self.pair_slot = self.slot.get(pairs) if pairs else None
        self.vocabs: list[dict[str, int]] = [{} for _ in fields]
        self.asked: dict[tuple[str, str], int] = {}  # ``code``'s answers: a query asks ~80 (field, term) pairs
        # packed codes (index.tantivy_compact.Packed) whose entries may be kept as int32 numbers into
        # its table instead of their codes (``NUMBERED``): half the bytes, and no lookup to make them
        self.numbering = None
        # with ``keep_new``: each field's tokens new to its vocabulary since the owner last took them
        self.new: list[list[str]] | None = [[] for _ in fields] if keep_new else None

    def take_new(self) -> list[tuple[str, list[str]]]:
        """(field, its tokens first met) since the last call (``keep_new``), the lists emptied."""
        out = [(name, new) for name, new in zip(self.fields, self.new or ()) if new]
        self.new = [[] for _ in self.fields] if self.new is not None else None
        return out

    def analyse(self, fields: dict[str, str]) -> Analysed:
        return self.analyse_many([fields])[0]

    def analyse_many(self, entries: list[dict[str, str]]) -> list[Analysed]:
        """Each entry's ``Analysed``, field by field over all of them at once."""
        n, width = len(entries), len(self.fields)
        if not n:
            return []
        lengths = np.zeros((n, width), dtype=np.int64)
        columns: list[np.ndarray] = []  # each field's codes, of the entries one after the other
        odd: dict[int, dict[int, str]] = {}
        for slot, name in enumerate(self.fields):
            texts = [fields.get(name) or "" for fields in entries]
            joined = " ".join(filter(None, texts))
            tokens = joined.split(" ") if joined else []
            if joined and ("" in tokens or not joined.isprintable()):
                # other spaces than single ones between tokens somewhere: each text as split() reads it
                split = [text.split() for text in texts]
                for i, (text, words) in enumerate(zip(texts, split)):
                    if text != " ".join(words):
                        odd.setdefault(i, {})[slot] = text
                    lengths[i, slot] = len(words)
                tokens, joined = list(chain.from_iterable(split)), None
            else:
                lengths[:, slot] = [text.count(" ") + 1 if text else 0 for text in texts]
            columns.append(self._codes_of(slot, tokens, joined))
        # the fields' columns -> each entry's fields one after the other, by one gather
        by_field = lengths.T.reshape(-1)
        field_starts = (np.cumsum(by_field) - by_field).reshape(width, n).T.reshape(-1)
        sizes = lengths.reshape(-1)
        entry_starts = np.cumsum(sizes) - sizes
        codes = np.concatenate(columns)[np.repeat(field_starts - entry_starts, sizes) + np.arange(int(sizes.sum()))]
        ends = np.cumsum(lengths.sum(axis=1)).tolist()
        return [(codes[start:end] if end > start else NO_CODES, tuple(row), odd.get(i))
                for i, (start, end, row) in enumerate(zip([0, *ends], ends, lengths.tolist()))]

    def _codes_of(self, slot: int, tokens: list[str], joined: str | None) -> np.ndarray:
        """The codes of a field's tokens (``joined``: them joined by single spaces, when known)."""
        if slot == self.pair_slot:
            if joined is not None and len(joined) == 3 * len(tokens) - 1:
                # all of two characters when no space is at a place 3i or 3i + 1 (n - 1 spaces in
                # 3n - 1 characters, all at places 3i + 2): those places all CJK characters
                chars = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
                first, second = chars[0::3], chars[1::3]
                if (((first - PAIR_FIRST) < PAIR_SPAN) & ((second - PAIR_FIRST) < PAIR_SPAN)).all():
                    return pair_codes(first, second)
            vocab = self.vocabs[slot]
            codes = [_pair_code(token) for token in tokens]
            codes = [vocab.get(token) if code is None else code for token, code in zip(tokens, codes)]
        else:
            codes = list(map(self.vocabs[slot].get, tokens))
        if None in codes:
            codes = self._coded(slot, tokens, codes)
        return np.array(codes, dtype=np.int64)

    def _coded(self, slot: int, tokens: list[str], codes: list[int | None]) -> list[int]:
        """``codes`` with the tokens not yet in the field's vocabulary (None) coded and added to it."""
        vocab, name = self.vocabs[slot], self.fields[slot]
        new = self.new[slot] if self.new is not None else None
        out = []
        for token, code in zip(tokens, codes):
            if code is None:
                code = vocab.get(token)
                if code is None:
                    code = vocab[token] = term_code(name, token)
                    if new is not None:
                        new.append(token)
            out.append(code)
        return out

    def code(self, name: str, term: str) -> int | None:
        """The code of ``term`` in field ``name``, whether or not an entry holds it there; None
        for a field the analyser does not know."""
        code = self.asked.get((name, term))
        if code is not None:
            return code
        slot = self.slot.get(name)
        if slot is None:
            return None
        code = _pair_code(term) if slot == self.pair_slot else None
        if code is None:
            code = self.vocabs[slot].get(term)
            if code is None:
                code = self._coded(slot, [term], [None])[0]
        self.asked[name, term] = code
        return code


# Codes kept in an index (``encode``): one int64 array of this format number, each field's length,
# then the codes. Another number (codes of another making) is read as no codes: analysed again.
CODES_FORMAT = 1


def encode(analysed: Analysed) -> bytes | None:
    """An entry's codes as kept in an index; None when a field is not written single-spaced (its
    text is needed as well: such an entry is analysed from its text when read)."""
    codes, lengths, odd = analysed
    if odd is not None:
        return None
    return np.concatenate([np.array([CODES_FORMAT, *lengths], dtype="<i8"), codes.astype("<i8")]).tobytes()


def decode_many(blobs: list[bytes | None], width: int) -> list[Analysed | None]:
    """The ``Analysed`` entries of ``encode``'s bytes (``width`` fields), all read as one array;
    None for none kept, or bytes of another format."""
    whole = np.frombuffer(b"".join(blob for blob in blobs if blob and not len(blob) % 8), dtype="<i8")
    out: list[Analysed | None] = []
    start = 0
    for blob in blobs:
        if not blob or len(blob) % 8:
            out.append(None)
            continue
        end = start + (len(blob) >> 3)
        head = whole[start:start + 1 + width].tolist()
        if len(head) == 1 + width and head[0] == CODES_FORMAT and sum(head[1:]) == end - start - 1 - width:
            out.append((whole[start + 1 + width:end] if end > start + 1 + width else NO_CODES, tuple(head[1:]), None))
        else:
            out.append(None)
        start = end
    return out


NO_CODES = np.zeros(0, dtype=np.int64)
# An entry's codes as numbers into its analyser's ``numbering`` (int32; codes are int64)
NUMBERED = np.dtype(np.int32)
NO_NUMBERS = np.zeros(0, dtype=NUMBERED)
# Analysed entries kept per commit read, in tokens (8 bytes each, more with the objects and, for
# entries analysed from their text, the vocabularies): at 1,000 laws a candidate holds ~180
# tokens; every dev question asked (270, ~420 searches) needs 14,000 entries, 2.5 M tokens
# (~25 MB); the bench queries 3,000. Past this the cache starts again.
CACHE_TOKENS = 3_000_000


class EntryCache:
    """Analysed entries of one commit read, under whatever the backend finds them by (tantivy:
    the document's address), with the analyser that made them; ``full`` past CACHE_TOKENS, when
    the owner starts a new one (a query in progress keeps the one it began with)."""

    def __init__(self, fields: tuple[str, ...], pairs: str | None = None, numbering=None):
        self.analyser = Analyser(fields, pairs)
        self.analyser.numbering = numbering
        # each entry's key and its analysed fields, under its ``where`` (two dicts, not one of pairs:
        # see ``Analysed``)
        self.keys: dict[object, str] = {}
        self.analysed: dict[object, Analysed] = {}
        self.tokens = 0

    def full(self) -> bool:
        return self.tokens > CACHE_TOKENS

    def put_many(self, wheres: list[object], keys: list[str], fields: list[dict[str, str]]) -> None:
        """Analyse these entries at once and keep each under its ``where``."""
        self.keep(wheres, keys, self.analyser.analyse_many(fields))

    def keep(self, wheres: list[object], keys: list[str], analysed: list[Analysed]) -> None:
        """Keep each of these analysed entries under its ``where``."""
        for where, key, entry in zip(wheres, keys, analysed):
            self.keys[where] = key
            self.analysed[where] = entry
            self.tokens += len(entry[CODES])

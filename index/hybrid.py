"""Reciprocal rank fusion: a pure function over ranked lists, no I/O.

RRF uses ranks, not scores, so BM25 scores (unbounded) and cosine similarities (-1..1) need
no calibration against each other. k = 60 is the constant from Cormack et al. (2009): it
keeps the top few ranks of one list from drowning agreement between lists.
"""
from __future__ import annotations

from typing import Hashable, Sequence

RRF_K = 60


def fuse(ranked_lists: Sequence[Sequence[Hashable]], weights: Sequence[float] | None = None,
         k: int = RRF_K) -> list[tuple[Hashable, float]]:
    """Fuse ranked lists of keys (best first) into one list of (key, score), best first.

    score(key) = sum over lists of weight / (k + rank), rank counting from 1. Ties keep the
    order in which keys were first seen, so the result is deterministic.
    """
    weights = list(weights) if weights is not None else [1.0] * len(ranked_lists)
    if len(weights) != len(ranked_lists):
        raise ValueError("one weight per ranked list")
    scores: dict[Hashable, float] = {}
    for ranked, weight in zip(ranked_lists, weights):
        for rank, key in enumerate(ranked, start=1):
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])

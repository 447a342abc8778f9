"""index/hybrid.py: reciprocal rank fusion is a pure function."""
import pytest

from index.hybrid import RRF_K, fuse


def test_agreement_between_lists_wins():
    fused = fuse([["a", "b", "c"], ["c", "d", "a"]])
    assert [key for key, _ in fused][:2] == ["a", "c"]
    assert dict(fused)["a"] == pytest.approx(1 / (RRF_K + 1) + 1 / (RRF_K + 3))


def test_weights_scale_each_list():
    fused = dict(fuse([["a"], ["b"]], weights=[1.0, 0.5]))
    assert fused["a"] == pytest.approx(2 * fused["b"])


def test_ties_keep_first_seen_order_and_k_changes_scores():
    assert [key for key, _ in fuse([["x"], ["y"]])] == ["x", "y"]
    assert dict(fuse([["x"]], k=0))["x"] == 1.0


def test_empty_lists_and_bad_weights():
    assert fuse([[], []]) == []
    with pytest.raises(ValueError):
        fuse([["a"]], weights=[1.0, 2.0])

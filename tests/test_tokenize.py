"""index/tokenize.py: the user dictionary, stop-words and the three token streams."""
import pytest

from index.tokenize import DOMAIN_TERMS, STOP_WORDS, Tokenizer, bigrams
from ingest.units import dictionary_words


@pytest.fixture(scope="module")
def tokenizer():
    # as the KB builds it: unit names from ingest's vocabulary, then the KB's own titles
    return Tokenizer([*dictionary_words(), "济南市安全生产攻坚年行动实施方案"])


@pytest.mark.parametrize("name", ["市消防救援支队", "危险化学品", "县应急局", "市市场监管局"])
def test_unit_and_domain_names_stay_whole(tokenizer, name):
    assert name in tokenizer.words(f"由{name}负责检查")


@pytest.mark.parametrize("term", DOMAIN_TERMS)
def test_every_domain_term_is_one_word(tokenizer, term):
    assert tokenizer.words(term) == [term.lower()]


def test_titles_from_the_kb_stay_whole(tokenizer):
    assert "济南市安全生产攻坚年行动实施方案" in tokenizer.words("按照《济南市安全生产攻坚年行动实施方案》要求")


def test_stop_words_and_punctuation_are_dropped(tokenizer):
    assert tokenizer.words("消防整治谁牵头？") == ["消防", "整治", "牵头"]
    assert not tokenizer.query("的了吗？哪些")
    assert not tokenizer.query("what is the")
    assert {"谁", "哪些", "的"} <= STOP_WORDS


def test_subwords_find_names_inside_longer_words(tokenizer):
    found = tokenizer.analyze("市消防救援支队负责危险化学品企业")
    assert "消防救援支队" in found.subwords and "化学品" in found.subwords


def test_bigrams_bridge_different_segmentations(tokenizer):
    # jieba cuts 外包施工 into 外/包/施工: only the pair 外包 still meets the query word 外包
    assert "外包" in tokenizer.analyze("开展外包施工专项整治").bigrams
    assert bigrams(["外", "包", "", "施工"]) == ["外包", "施工"]  # a stop-word breaks the run
    assert bigrams(["fire", "安全"]) == ["安全"]


def test_query_has_terms_bigrams_and_a_phrase(tokenizer):
    query = tokenizer.query("外包工程安全管理")
    assert "外包工程" in query.terms and "外包" in query.terms
    assert "管理" in query.bigrams
    assert query.phrase == ["外包工程", "安全", "管理"]


def test_another_process_can_replay_the_dictionary(tokenizer):
    replay = Tokenizer(tokenizer.user_words)
    text = "济南市安全生产攻坚年行动实施方案要求市消防救援支队牵头"
    assert replay.analyze(text) == tokenizer.analyze(text)

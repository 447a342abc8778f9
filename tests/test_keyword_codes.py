"""index/analysed.py and index/keyword.py: tantivy keeps each entry's token codes from when it was
written, and a reader ranks with them exactly as with its stored token fields analysed at query
time; an index built before the codes were kept is read and written on as it was."""
import numpy as np

from index.analysed import CODES_FORMAT, Analyser, decode_many, encode, term_code
from index.bm25 import Phrase, rank
from index.keyword import TantivyIndex
from index.keyword_base import (
    BIGRAM_FIELD,
    PHRASE_BOOST,
    PHRASE_FIELD,
    TEXT_FIELDS,
    KeywordDoc,
    marker,
    weighted_terms,
)
from index.tantivy_compact import CODES_FIELD, FIELDS_FIELD, schema
from tests.keyword_entries import analysed_entries

TEXTS = ["市消防救援支队牵头开展消防安全专项整治，配合单位：市应急局",
         "出台我市外包工程安全管理办法，建立外包队伍安全诚信档案",
         "开展外包工程安全管理专项整治（牵头单位：市应急局）",
         "持续深化生产经营单位外包施工专项整治，加强危险化学品企业检查",
         "安全管理工程外包，工程安全，管理外包",
         "危险化学品储存场所消防设施维护保养，每年至少检测一次",
         "Fire safety inspection 消防安全检查 每季度不少于1次"]
QUERIES = ["外包工程安全管理", "消防设施维护保养", "危险化学品储存", "fire safety inspection", "专项整治", "安全"]


def entries(tokenizer) -> list[KeywordDoc]:
    return analysed_entries(tokenizer, TEXTS, copies=2, shift=4, documents=2, task_every=3)


def build(path, tokenizer, codes: bool = True) -> TantivyIndex:
    if not codes:  # an index made before entries kept their codes
        import tantivy

        path.mkdir(parents=True)
        tantivy.Index(schema(tantivy, codes=False), path=str(path))
    index = TantivyIndex(path, writable=True)
    assert index.codes == codes
    index.add(entries(tokenizer) + [marker("d0"), marker("d1")])
    index.commit()
    return index


def test_a_term_code_is_the_same_everywhere():
    # kept in indexes: a change of term_code (or of what encode writes) needs a new CODES_FORMAT
    assert CODES_FORMAT == 1
    assert term_code("words", "消防") == 3511347217458302055
    assert term_code("words", "消防") != term_code("subwords", "消防")
    assert 0 <= term_code("units", "应急局") < 1 << 62


def test_codes_kept_are_the_fields_analysed(tmp_path, tokenizer):
    index = build(tmp_path / "kw", tokenizer)
    searcher = index._ix.searcher()
    hits = searcher.search(index._t.Query.all_query(), limit=100).hits
    stored = [searcher.doc(address).get_first for _, address in hits]
    stored = {field("key"): field for field in stored if not field("key").startswith("d:")}  # markers hold none
    written = {doc.key: doc.fields for doc in entries(tokenizer)}
    assert stored.keys() == written.keys()
    assert all(field("words") is None for field in stored.values())  # the token fields are not stored
    decoded = decode_many([field(CODES_FIELD) for field in stored.values()], len(TEXT_FIELDS))
    analysed = Analyser(TEXT_FIELDS, pairs=BIGRAM_FIELD).analyse_many([written[key] for key in stored])
    for got, want in zip(decoded, analysed):
        assert got is not None and got[1:] == want[1:] and got[0].tolist() == want[0].tolist()
    index.close()


def test_ranked_alike_with_codes_without_them_and_from_the_text(tmp_path, tokenizer):
    coded, plain = build(tmp_path / "coded", tokenizer), build(tmp_path / "plain", tokenizer, codes=False)
    for text in QUERIES:
        query = tokenizer.query(text)
        found = coded.search(query, 10)
        assert found and found == plain.search(query, 10), text
        # the same as our BM25 over the candidates' token fields, analysed by an analyser of its own
        searcher = plain._ix.searcher()
        fields = {}
        for _, address in searcher.search(plain._query(query, None, None), limit=100).hits:
            field = searcher.doc(address).get_first
            fields[field("key")] = {name: field(name) or "" for name in TEXT_FIELDS}
        phrase = Phrase(PHRASE_FIELD, query.phrase, PHRASE_BOOST) if query.phrase else None
        assert rank(weighted_terms(query), phrase, fields, plain.totals(), plain.doc_frequency)[:10] == found, text
    # an index without codes is written on as it is, and read with the fields analysed; an entry
    # whose fields are not single-spaced keeps them (as JSON) in place of codes
    plain.close()
    again = TantivyIndex(tmp_path / "plain", writable=True)
    assert not again.codes
    for index in (again, coded):
        index.add([KeywordDoc("p:99", "d9", "passage", {"words": "烟花  爆竹", "bigrams": "烟花 花爆 爆竹"}),
                   KeywordDoc("p:98", "d9", "passage", {"words": "烟花", "bigrams": "烟花"}), marker("d9")])
        index.commit()
    searcher = coded._ix.searcher()
    kept = [searcher.doc(address).get_first for _, address in searcher.search(
        coded._t.Query.term_query(coded._schema, "key", "p:99"), limit=1).hits]
    assert kept and kept[0](CODES_FIELD) is None and b"\\u70df\\u82b1  " in kept[0](FIELDS_FIELD)
    found = again.search(tokenizer.query("烟花爆竹"), 10)
    assert [key for key, _ in found] == ["p:99", "p:98"] and coded.search(tokenizer.query("烟花爆竹"), 10) == found
    again.close()
    coded.close()


def test_encode_and_decode():
    analyser = Analyser(("words", "bigrams"), pairs="bigrams")
    plain, empty, odd = analyser.analyse_many([{"words": "消防 安全", "bigrams": "消防 防安 安全"}, {},
                                               {"words": "a  b", "bigrams": "ab"}])
    assert encode(odd) is None  # a field not single-spaced: read from its text
    blobs = [encode(plain), None, encode(empty), b"\x00" * 12,
             np.array([CODES_FORMAT + 1, 1, 0, 7], dtype="<i8").tobytes(), encode(plain)]
    got = decode_many(blobs, 2)
    assert got[1] is None and got[3] is None and got[4] is None  # none kept, cut short, another format
    for i in (0, 5):
        assert got[i][0].tolist() == plain[0].tolist() and got[i][1:] == plain[1:]
    assert got[2][0].tolist() == [] and got[2][1] == (0, 0)

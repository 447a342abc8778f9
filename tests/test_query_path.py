"""The query path's shortcuts give what the plain forms give (issue 24): tantivy's query without
the one required clause around it, highlights of caseless words without IGNORECASE, equal
scores found by runs of close ones, candidates' spans as columns. Hits as a whole are held to
their recorded order by tests/test_search_order.py."""
import random
import re

import pytest

from index.backends import open_keyword_index
from index.keyword_base import marker
from index.tokenize import Tokenizer
from ingest.script import one_for_one
from kb.hits import Highlighter, highlight_words
from kb.indexes.reader import parse_key
from kb.indexes.spans import EntrySpans
from kb.search import SCORE_DIGITS, _stably_ranked
from tests.keyword_entries import analysed_entries

TEXTS = ["市消防救援支队牵头开展消防安全专项整治，配合单位：市应急局",
         "出台我市外包工程安全管理办法，建立外包队伍安全诚信档案",
         "开展外包工程安全管理专项整治（牵头单位：市应急局）",
         "持续深化生产经营单位外包施工专项整治，加强危险化学品企业检查",
         "安全管理工程外包，工程安全，管理外包",
         "危险化学品储存场所消防设施维护保养，每年至少检测一次",
         "生产经营单位的主要负责人对本单位安全生产工作全面负责",
         "Fire safety inspection 消防安全检查 每季度不少于1次"]
QUERIES = ["外包工程安全管理", "消防设施维护保养", "危险化学品储存", "生产经营单位主要负责人职责",
           "fire safety inspection", "专项整治", "安全"]


@pytest.fixture(scope="module")
def tantivy_index(tmp_path_factory):
    tokenizer = Tokenizer()
    index = open_keyword_index("tantivy", tmp_path_factory.mktemp("tantivy") / "kw", writable=True)
    docs = analysed_entries(tokenizer, TEXTS, copies=3, shift=5, documents=3, task_every=2)
    index.add(docs + [marker(f"d{i}") for i in range(3)])
    index.commit()
    yield index, tokenizer
    index.close()


def test_tantivy_scores_the_clauses_alone_as_inside_one_required_clause(tantivy_index):
    index, tokenizer = tantivy_index
    Q, Occur = index._t.Query, index._t.Occur
    searcher = index._ix.searcher()
    for text in QUERIES:
        query = tokenizer.query(text)
        flat = index._query(query, None, None)
        wrapped = Q.boolean_query([(Occur.Must, flat)])  # the form before: the clauses as one required clause
        found = [(score, a.segment_ord, a.doc) for score, a in searcher.search(flat, limit=100).hits]
        assert found == [(score, a.segment_ord, a.doc) for score, a in searcher.search(wrapped, limit=100).hits]
        assert found, text


def _marked_by_regex(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """The highlights as they were made: one pattern, IGNORECASE whatever the words."""
    words = highlight_words(terms)
    if not words:
        return []
    spans: list[tuple[int, int]] = []
    for m in re.compile("|".join(map(re.escape, words)), re.IGNORECASE).finditer(one_for_one(text)):
        if spans and m.start() <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], m.end()))
        else:
            spans.append((m.start(), m.end()))
    return spans


def test_highlights_of_caseless_words_are_those_of_the_case_insensitive_pattern():
    rng = random.Random(7)
    alphabet = "安全生产消防设施外包工程管理危险化学品储存1234５ＡaAKk\u212aſs，。 "
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        terms = ["".join(rng.choice(alphabet[:24]) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 5))]
        if rng.random() < 0.3:
            terms.append(rng.choice(["fire", "Safety", "k", "ks", "安全"]))
        assert Highlighter(terms).marked(text) == _marked_by_regex(text, terms), (text, terms)
    for _ in range(2000):  # few characters: words overlapping and inside each other everywhere
        text = "".join(rng.choice("安全生") for _ in range(rng.randint(0, 30)))
        terms = ["".join(rng.choice("安全生") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 6))]
        assert Highlighter(terms).marked(text) == _marked_by_regex(text, terms), (text, terms)
    assert Highlighter(["消防", "消防设施"]).pattern is None  # found by str.find, no pattern compiled
    assert Highlighter(["fire", "消防"]).pattern.flags & re.IGNORECASE


def test_highlights_of_lowercase_ascii_words_are_those_of_the_case_insensitive_pattern():
    # found in the text lowercased, unless lowering changes a character's length or one of the
    # characters IGNORECASE folds into an ASCII letter is there (then by the pattern)
    rng = random.Random(11)
    alphabet = "安全fireFIREsafety-ks KSk\u212a\u0130\u0131\u017f\u1e9eß，。1２"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        terms = rng.sample(["fire", "safety", "k", "ks", "is", "fi", "s-k", "12", "ire"], rng.randint(1, 4))
        assert Highlighter(terms).marked(text) == _marked_by_regex(text, terms), (text, terms)
    assert Highlighter(["fire", "safety"]).pattern is None  # compiled only for a text lowering changes


def _ranked_one_by_one(hits):
    """Best score first, equal rounded scores in entry order (the rule as first written)."""
    rounded = [-round(score, SCORE_DIGITS) for _, score in hits]
    return [hit for _, _, hit in sorted(zip(rounded, [parse_key(key) for key, _ in hits], hits))]


def test_equal_scores_found_by_runs_of_close_ones():
    rng = random.Random(3)
    for _ in range(5000):
        n = rng.randint(0, 40)
        scores = [rng.choice([rng.random(), round(rng.random(), 2), 0.25 + rng.choice([0, 1e-7, 5e-7, 6e-7, 1e-6, 2e-6])])
                  for _ in range(n)]
        if rng.random() < 0.8:
            scores.sort(reverse=True)
        keys = [f"{rng.choice('pt')}:{row}" for row in rng.sample(range(500), n)]
        hits = list(zip(keys, scores))
        assert _stably_ranked(hits) == _ranked_one_by_one(hits), hits


@pytest.mark.parametrize("read_all", [False, True])
def test_spans_as_columns_say_what_get_says(seeded_kb, read_all, monkeypatch):
    import kb.indexes.spans as spans_module
    monkeypatch.setattr(spans_module, "READ_ALL_AFTER", 0 if read_all else 10)
    store = seeded_kb.store
    for table in ("passages", "tasks"):
        every = [row[0] for row in store.all_spans(table)]
        asked = [*every[::4], max(every) + 1000, -5, every[0]]
        expected = EntrySpans(store).get(table, asked)
        names, codes, starts, ends = EntrySpans(store).columns(table, asked)
        got = {row: (names[code], start, end)
               for row, code, start, end in zip(asked, codes.tolist(), starts.tolist(), ends.tolist()) if code >= 0}
        assert got == {row: tuple(span) for row, span in expected.items()}
        assert EntrySpans(store).columns(table, [])[1].tolist() == []

"""Our BM25 (index/bm25.py) scores all candidates at once, counting tokens in the joined text:
it must give exactly what scoring one candidate at a time from its split tokens gives, for
any spacing, repeated tokens, empty or missing fields; and the engine is asked for fewer
candidates first only when that cannot change the first k."""
import random
from math import log

from index.bm25 import (
    COVERAGE_FIELDS,
    COVERAGE_POWER,
    K1,
    B,
    Phrase,
    Totals,
    candidates,
    first_candidates,
    rank,
    stable,
)

WORDS = ["安全", "生产", "安全生产", "消防", "a", "b", "ab", "应急", "管理"]


def reference_rank(clauses, phrase, stored, totals, doc_frequency):
    """One candidate at a time from ``str.split``: the definition the fast path must match."""
    def idf(name, term):
        n = doc_frequency(term, name)
        total = max(totals.entries, n)
        return log(1 + (total - n + 0.5) / (n + 0.5))

    def saturated(tf, length, average):
        norm = 1 - B + B * length / average if average else 1.0
        return tf * (K1 + 1) / (tf + K1 * norm)

    def average(name):
        return totals.tokens.get(name, 0) / totals.entries if totals.entries else 0.0

    scored = []
    for key, fields in stored.items():
        score = 0.0
        for name in dict.fromkeys(name for name, _, _ in clauses):
            tokens = (fields.get(name) or "").split()
            for term, weight in [(t, w) for n, t, w in clauses if n == name]:
                tf = tokens.count(term)
                if tf:
                    score += weight * idf(name, term) * saturated(tf, len(tokens), average(name))
        asked = list(dict.fromkeys(term for name, term, _ in clauses if name in COVERAGE_FIELDS))
        whole = sum(idf(COVERAGE_FIELDS[0], term) for term in asked)
        if COVERAGE_POWER and whole > 0:
            share = 0.0
            for term in asked:
                if any((fields.get(name) or "").split().count(term) for name in COVERAGE_FIELDS
                       if (name, term) in {(n, t) for n, t, _ in clauses}):
                    share += idf(COVERAGE_FIELDS[0], term)
            score *= (share / whole) ** COVERAGE_POWER
        if phrase and " ".join(phrase.words) in (fields.get(phrase.field) or ""):  # as the engines: spaced
            words, n = fields[phrase.field].split(), len(phrase.words)
            in_a_row = sum(words[i:i + n] == phrase.words for i in range(len(words) - n + 1))
            if in_a_row:
                together = sum(idf(phrase.field, word) for word in phrase.words)
                score += phrase.boost * together * saturated(in_a_row, len(words), average(phrase.field))
        scored.append((key, score))
    return sorted(scored, key=lambda hit: (-hit[1], hit[0]))


def random_field(rng: random.Random, spacing: str) -> str:
    tokens = [rng.choice(WORDS) for _ in range(rng.randrange(0, 12))]
    if rng.random() < 0.3 and tokens:  # a token repeated back to back
        tokens.insert(0, tokens[0])
    if spacing == "single":
        return " ".join(tokens)
    return rng.choice([" ", "  ", "\t", "\u3000"]).join(tokens) + rng.choice(["", " ", "\n"])


def test_rank_is_exactly_the_one_at_a_time_definition():
    rng = random.Random(7)
    frequency = {word: rng.randrange(1, 40) for word in WORDS}
    for case in range(300):
        spacing = "single" if case % 3 else "any"
        stored = {f"p:{i}": {name: random_field(rng, spacing) for name in ("words", "subwords", "bigrams", "title")
                             if rng.random() < 0.9}
                  for i in range(rng.randrange(1, 30))}
        title = random_field(rng, spacing)  # one text shared by several candidates
        for fields in list(stored.values())[::3]:
            fields["title"] = title
        terms = rng.sample(WORDS, 4) + rng.sample(["", "安全 生产", "x"], 1)
        clauses = [(name, term, weight) for name, weight in (("words", 1.0), ("subwords", 0.4), ("title", 0.3))
                   for term in terms]
        clauses += [("bigrams", term, 0.5) for term in terms[:2]]
        phrase = Phrase("words", terms[:2], 2.0) if case % 2 else None
        totals = Totals(100, {"words": 700, "subwords": 400, "bigrams": 650, "title": 300})

        def doc_frequency(term, name):
            return frequency.get(term, 0)

        assert rank(clauses, phrase, stored, totals, doc_frequency) == \
            reference_rank(clauses, phrase, stored, totals, doc_frequency), case


def test_fewer_candidates_first_only_while_the_first_k_are_stable():
    assert first_candidates(10) == 30 and first_candidates(90) == 112 and first_candidates(400) == 500
    assert all(first_candidates(k) <= candidates(k) for k in range(1, 500))
    proposed = [f"p:{i}" for i in range(112)]
    ours = [(key, 1.0) for key in proposed[:90]]
    assert stable(proposed, ours, 90)
    # one of our first 90 came from deep in the engine's list: more of it could bring others in
    assert not stable(proposed, [*ours[:89], (proposed[105], 1.0)], 90)


def test_an_entry_holding_more_of_the_query_goes_first():
    """Coverage: of two entries with the same BM25 sum, the one holding more of the asked words
    (the topic 消防设施 beside the aspect 维护) goes first; one holding every word keeps its sum."""
    clauses = [("words", term, 1.0) for term in ("消防设施", "维护")]
    stored = {"p:0": {"words": "维护 维护 维护 保养"}, "p:1": {"words": "消防设施 维护 保养 检测"},
              "p:2": {"words": "电梯 维护 保养 检测"}}
    totals = Totals(100, {"words": 400})

    def doc_frequency(term, name):
        return {"消防设施": 5, "维护": 20}.get(term, 0)

    ranked = dict(rank(clauses, None, stored, totals, doc_frequency))
    assert max(ranked, key=ranked.get) == "p:1"
    assert ranked["p:2"] < ranked["p:0"] < ranked["p:1"]  # p:0 repeats 维护, still under p:1


def test_analysed_in_a_batch_as_split_reads_each_entry():
    """index/analysed.py: a batch of entries gets each entry's fields as ``split()`` reads them, in
    order: each token its field's code (a bigram of two CJK characters coded by them), each
    field's length, the texts not single-spaced kept; a token has one code in a field whatever
    batch it came in."""
    from index.analysed import PAIR_FIRST, PAIR_SPAN, Analyser

    fields = ("words", "bigrams", "title")
    entries = [{"words": "消防 安全 检查", "bigrams": "消防 防安 安全", "title": "消防法"},
               {"words": "", "bigrams": "安全", "title": "消防法"},
               {"words": "a  b", "bigrams": "安 全生 产", "title": ""},  # double space; pairs of other lengths
               {"words": "x\u200by", "bigrams": "ab 安全 \U00020000\U00020000", "title": "t"},  # not printable; not CJK
               {}]
    analyser = Analyser(fields, pairs="bigrams")
    first = analyser.analyse_many(entries[:2])
    analysed = first + analyser.analyse_many(entries[2:])
    tokens = {code: (slot, token) for slot, vocab in enumerate(analyser.vocabs) for token, code in vocab.items()}

    def decoded(code):
        if code >= 0:
            return tokens[code]
        a, b = divmod(-1 - code, PAIR_SPAN)
        return 1, chr(a + PAIR_FIRST) + chr(b + PAIR_FIRST)

    for entry, (codes, lengths, odd) in zip(entries, analysed):
        texts = [entry.get(name) or "" for name in fields]
        assert [decoded(c) for c in codes.tolist()] == [(slot, t) for slot, text in enumerate(texts) for t in text.split()]
        assert lengths == tuple(len(text.split()) for text in texts)
        assert (odd or {}) == {slot: text for slot, text in enumerate(texts) if text != " ".join(text.split())}
    assert analysed[2][2] == {0: "a  b"}
    pair = analyser.code("bigrams", "安全")
    assert pair < 0 and pair in analysed[0][0].tolist() and pair in analysed[1][0].tolist()
    assert analyser.code("bigrams", "ab") == analyser.vocabs[1]["ab"] and analyser.code("words", "安全") >= 0
    assert analyser.code("words", "消防") == analyser.analyse_many([{"words": "消防"}])[0][0][0]

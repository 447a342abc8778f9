"""A compacted tantivy index's reader keeps the packed candidates as int32 numbers into the packed
table (index.analysed.NUMBERED), not as their codes, and ranks them by searching the asked codes'
numbers; candidates of entries written after the packing (codes from tantivy's store) or kept as
text are mixed in as codes. The ranking is the same as an index never compacted."""
import numpy as np

from index.analysed import NUMBERED
from index.keyword import TantivyIndex
from index.keyword_base import KeywordDoc, marker
from tests.test_keyword_compact import QUERIES, spread

LATER = [KeywordDoc("p:500", "d9", "passage", {"words": "夜间 巡查 无人机 燃气 报警", "bigrams": "夜间 巡查"}),
         marker("d9")]


def ranked(index: TantivyIndex, tokenizer) -> list:
    queries = [*QUERIES, "无人机巡查", "燃气报警夜间巡查"]
    return [index.search(tokenizer.query(q), k, kind=kind) for q in queries for kind in (None, "task") for k in (3, 20)]


def test_numbered_candidates_rank_as_codes(tmp_path, tokenizer):
    index = spread(tmp_path / "spread", tokenizer)
    assert index.compact_into(tmp_path / "compact")
    compact = TantivyIndex(tmp_path / "compact")
    assert ranked(compact, tokenizer) == ranked(index, tokenizer)
    cache = compact._searcher_and_cache()[1]
    assert cache.analyser.numbering is compact.packed
    assert any(entry[0].dtype == NUMBERED for entry in cache.analysed.values())
    assert all(entry[0].dtype != NUMBERED for entry in index._searcher_and_cache()[1].analysed.values())
    # an entry written later: read from the store as codes, ranked among the numbered ones
    for name in ("compact", "spread"):
        writable = TantivyIndex(tmp_path / name, writable=True)
        writable.add(LATER)
        writable.commit()
    grown, spread_grown = TantivyIndex(tmp_path / "compact"), TantivyIndex(tmp_path / "spread")
    found = ranked(grown, tokenizer)
    assert found == ranked(spread_grown, tokenizer)
    assert any("p:500" in dict(hits) for hits in found)


def test_numbers_of_codes(tmp_path, tokenizer):
    index = spread(tmp_path / "spread", tokenizer)
    assert index.compact_into(tmp_path / "compact")
    packed = TantivyIndex(tmp_path / "compact").packed
    table = np.asarray(packed.vocab)
    unknown = np.array([table.max() + 1, -(1 << 40)], dtype=np.int64)
    asked = np.concatenate([table[::-1], unknown])
    assert packed.numbers_of(asked).tolist() == [*range(len(table))[::-1], -1, -1]

"""index/tantivy_compact.py: a tantivy keyword index spread over segments is written again as one, each
entry with the tokens it was written with (its codes turned back by the token log) and its codes packed
beside it, so that it ranks exactly as before; an index that cannot be turned back (built before the
log, a code not logged) is left as it is, and the KB writer swaps a compacted index in at a full sync
while a reader keeps its commit."""
import json

import numpy as np

from index.analysed import CODES_FORMAT
from index.keyword import TantivyIndex
from index.keyword_base import KeywordDoc, marker
from index.tantivy_compact import TOKENS_FILE, fragmented, schema
from kb import KnowledgeBase
from tests.conftest import configured_home
from tests.keyword_entries import analysed_entries

TEXTS = ["区应急管理局牵头组织危险化学品仓库夜间巡查，街道办配合",
         "燃气管道老化更新改造，年底前完成城区主干管网排查",
         "学校食堂燃气泄漏报警装置每半年校验一次",
         "建筑工地塔吊司机持证上岗，监理单位每月抽查",
         "Gas leak alarms checked 燃气报警 twice a year"]
QUERIES = ["燃气泄漏报警", "危险化学品仓库巡查", "塔吊持证上岗", "gas leak alarms", "每月抽查", "燃气"]


def spread(path, tokenizer) -> TantivyIndex:
    """An index written in four commits (four segments), one document removed in the last."""
    index = TantivyIndex(path, writable=True)
    entries = analysed_entries(tokenizer, TEXTS, copies=4, shift=3, documents=4, task_every=3)
    # a field not single-spaced is kept as text, not as codes: it is written again as such
    entries.append(KeywordDoc("t:99", "d3", "task", {"words": "燃气  报警", "bigrams": "燃气 报警"}))
    for doc in range(4):
        index.add([e for e in entries if e.doc_id == f"d{doc}"] + [marker(f"d{doc}")])
        index.commit()
    index.remove_doc("d1")
    index.commit()
    return index


def ranked(index: TantivyIndex, tokenizer) -> list:
    return [index.search(tokenizer.query(q), 20, kind=kind) for q in QUERIES for kind in (None, "task")]


def test_a_compacted_index_holds_and_ranks_the_same(tmp_path, tokenizer):
    index = spread(tmp_path / "spread", tokenizer)
    assert index._ix.searcher().num_segments > 1 and index.fragmented()
    assert index.compact_into(tmp_path / "compact")
    compact = TantivyIndex(tmp_path / "compact")
    assert compact._ix.searcher().num_segments == 1 and not compact.fragmented()
    # its entries' codes are packed beside it: a reader takes a new candidate's from there
    assert compact.packed.held and not index.packed.held
    assert compact.doc_ids() == index.doc_ids() == {"d0", "d2", "d3"}
    assert len(compact) == len(index) and compact.totals() == index.totals()
    found = ranked(index, tokenizer)
    assert ranked(compact, tokenizer) == found
    assert sum(map(bool, found)) >= len(QUERIES) and any("t:99" in dict(hits) for hits in found)
    # written on afterwards as any index: its log goes on explaining the codes
    writable = TantivyIndex(tmp_path / "compact", writable=True)
    writable.add([KeywordDoc("p:500", "d9", "passage", {"words": "夜间 巡查 无人机"}), marker("d9")])
    writable.commit()
    assert "无人机" in (tmp_path / "compact" / TOKENS_FILE).read_text(encoding="utf-8")
    # an entry written after the packing has no place in it: read from tantivy's store
    grown = TantivyIndex(tmp_path / "compact")
    assert "p:500" in dict(grown.search(tokenizer.query("无人机巡查"), 5))
    # compacted again: the packed entries' codes (no longer in tantivy's store) come from the packing
    assert grown.compact_into(tmp_path / "again")
    again = TantivyIndex(tmp_path / "again")
    assert again.packed.held and again.doc_ids() == grown.doc_ids() == {"d0", "d2", "d3", "d9"}
    assert ranked(again, tokenizer) == ranked(grown, tokenizer)


def test_an_index_of_the_schema_before_packed_codes_is_written_on_and_compacted(tmp_path, tokenizer):
    import tantivy

    (tmp_path / "before").mkdir()
    tantivy.Index(schema(tantivy, codes=True, places=False), path=str(tmp_path / "before"))
    index = spread(tmp_path / "before", tokenizer)
    assert index.codes and not index.places
    assert index.compact_into(tmp_path / "compact")
    compact = TantivyIndex(tmp_path / "compact")
    assert compact.places and compact.packed.held
    assert ranked(compact, tokenizer) == ranked(index, tokenizer)


def test_an_index_that_cannot_be_turned_back_to_tokens_is_left_as_it_is(tmp_path, tokenizer):
    spread(tmp_path / "unlogged", tokenizer)
    (tmp_path / "unlogged" / TOKENS_FILE).unlink()  # built before the log was kept
    assert not TantivyIndex(tmp_path / "unlogged").compact_into(tmp_path / "a")
    spread(tmp_path / "short", tokenizer)
    log = tmp_path / "short" / TOKENS_FILE
    log.write_text("".join(line for line in log.read_text(encoding="utf-8").splitlines(keepends=True)
                           if "巡查" not in line), encoding="utf-8")
    assert not TantivyIndex(tmp_path / "short").compact_into(tmp_path / "b")
    other = spread(tmp_path / "other", tokenizer)  # an entry whose codes are of another making
    blob = np.array([CODES_FORMAT + 1, 1, 0, 0, 0, 0, 0, 0, 7], dtype="<i8").tobytes()
    other._w().add_document(other._t.Document(key="p:700", doc_id="d3", kind="passage", codes=blob, words="巡查"))
    other.commit()
    assert not TantivyIndex(tmp_path / "other").compact_into(tmp_path / "c")


def test_fragmented_counts_live_entries_outside_the_largest_segment_and_deleted_ones(tmp_path):
    def meta(*segments):
        (tmp_path / "meta.json").write_text(json.dumps({"segments": [
            {"max_doc": size, "deletes": {"num_deleted_docs": deleted} if deleted else None}
            for size, deleted in segments]}))
        return fragmented(tmp_path)

    assert not meta((1000, 0))
    assert meta((1000, 300))  # a quarter and more deleted
    assert not meta((1000, 0), (300, 0))  # 300 of 1,300 outside the largest
    assert meta((1000, 0), (200, 0), (200, 0))  # 400 of 1,400
    assert not fragmented(tmp_path / "none")


def notice(path, title: str, lines: list[str]):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(title + "\n" + "\n".join(f"{n}. {line}。" for n, line in enumerate(lines, 1)) + "\n",
                    encoding="utf-8")
    return path


def test_a_full_sync_swaps_in_a_compacted_index_and_a_reader_keeps_its_commit(tmp_path):
    home = configured_home(tmp_path / "kb", {"keyword_backend": "tantivy"})
    writer = KnowledgeBase(home)
    for n in range(4):
        writer.ingest([notice(tmp_path / "in" / f"通知{n}.txt", f"关于安全检查的通知（{n}）", TEXTS[n:n + 2])])
    reader = KnowledgeBase(home)
    searched = [(q, mode) for q in QUERIES for mode in ("keyword", "hybrid")]
    before = [[(h.kind, h.id, h.score) for h in reader.search(q, mode=mode, k=20)] for q, mode in searched]
    held = reader.indexes.keyword
    held_hits = [held.search(reader.indexes.tokenizer.query(q), 20) for q in QUERIES]
    live = sorted(p.name for p in (home / "index").glob("keyword-*"))
    # another notice as big as the four, then removed: each full sync finds the index spread
    extra = writer.ingest([notice(tmp_path / "in" / "通知9.txt", "关于燃气检查的通知", TEXTS * 2)])[0]
    writer.remove(extra.doc_id)
    now = sorted(p.name for p in (home / "index").glob("keyword-*"))
    assert len(now) == 1 and now != live
    compacted = TantivyIndex(home / "index" / now[0])
    assert compacted._ix.searcher().num_segments == 1 and not compacted.fragmented()
    # the reader's open index still answers from its commit, its folder gone; its next query moves on
    assert [held.search(reader.indexes.tokenizer.query(q), 20) for q in QUERIES] == held_hits
    assert [[(h.kind, h.id, h.score) for h in reader.search(q, mode=mode, k=20)] for q, mode in searched] == before
    assert reader.indexes.keyword.path.name == now[0]
    fresh = KnowledgeBase(home)
    assert [[(h.kind, h.id, h.score) for h in fresh.search(q, mode=mode, k=20)] for q, mode in searched] == before

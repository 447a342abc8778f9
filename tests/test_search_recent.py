"""kb.search remembers the vector and parse of recent query texts (an ask searches one question two to
four times): the same hits whether remembered or not, and a write forgets them, so a document stored
after the first search is found by the second. Notices of our own."""
from kb import KnowledgeBase
from kb.search import RECENT_QUERY_MEMOS

FIRST = "关于印发青石县燃气安全检查方案的通知\n一、县住建局负责开展餐饮场所燃气管道安全检查，2025年6月底前完成。\n"
SECOND = "关于印发青石县冷库安全检查方案的通知\n一、县应急局负责开展冷库液氨管道安全检查，2025年8月底前完成。\n"


def hits(kb, query):
    return [(h.kind, h.doc_id, h.start, round(h.score, 6)) for h in kb.search(query, k=10)]


def test_remembered_and_fresh_queries_give_the_same_hits_and_a_write_forgets(tmp_path):
    (tmp_path / "gas.txt").write_text(FIRST, encoding="utf-8")
    with KnowledgeBase(tmp_path / "kb") as kb:
        kb.ingest([tmp_path / "gas.txt"])
        first = hits(kb, "管道安全检查")
        assert first == hits(kb, "管道安全检查")  # remembered
        kb.indexes.forget(*RECENT_QUERY_MEMOS)
        assert first == hits(kb, "管道安全检查")  # asked afresh
        (tmp_path / "cold.txt").write_text(SECOND, encoding="utf-8")
        kb.ingest([tmp_path / "cold.txt"])
        docs = {doc_id for _, doc_id, _, _ in hits(kb, "管道安全检查")}
        assert len(docs) == 2  # the new notice is found: nothing kept from before the write

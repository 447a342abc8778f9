"""Search in a KB holding notices and regulations: the document-kind facet, each kind keeping a
share of the first places, and highlights of the query's telling words only."""
from pathlib import Path

import pytest

from kb import KnowledgeBase
from kb.errors import KBError

ROOT = Path(__file__).resolve().parents[1]
LAWS = ROOT.parent / "shared" / "datasets" / "laws"
REGULATIONS = [LAWS / "行政法" / "消防法(2021-04-29).md", LAWS / "社会法" / "特种设备安全法(2013-06-29).md",
               LAWS / "行政法规" / "城镇燃气管理条例(2016-02-06).md"]

pytestmark = pytest.mark.skipif(not all(p.exists() for p in REGULATIONS), reason="laws dataset not beside the checkout")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    with KnowledgeBase(tmp_path_factory.mktemp("mixed") / "kb") as kb:
        kb.ingest([ROOT / "corpus", *REGULATIONS])
        yield kb


def kinds(kb, hits) -> list[str]:
    docs = {d["doc_id"]: d["kind"] for d in kb.documents()}
    return [docs[h.doc_id] for h in hits]


def test_the_document_kind_facet(mixed):
    assert set(kinds(mixed, mixed.search("消防安全检查", k=20, doc_kind="regulation"))) == {"regulation"}
    assert set(kinds(mixed, mixed.search("消防安全检查", k=20, doc_kind="notice"))) == {"notice"}
    with pytest.raises(KBError):
        mixed.search("消防", doc_kind="law")


def test_each_kind_keeps_a_share_of_the_first_places(mixed):
    found = kinds(mixed, mixed.search("消防安全检查", k=20))
    assert found.count("notice") >= 5 and found.count("regulation") >= 5


def test_only_telling_words_are_highlighted(mixed):
    hits = mixed.search("安全 燃气经营许可", k=5, doc_kind="regulation")
    marked = {h.text[s:e] for h in hits for s, e in h.highlights}
    assert any("燃气" in m or "许可" in m for m in marked)
    assert "安全" not in marked  # held by most entries of a work-safety KB


def test_a_heading_alone_is_never_a_hit(mixed):
    for hit in mixed.search("法律责任 附则 总则", k=30, doc_kind="regulation"):
        assert hit.text.strip() not in hit.section.split(" / ")[-1]


def test_no_two_hits_show_mostly_the_same_words(mixed):
    hits = mixed.search("消防设施维护保养和检测", k=30)
    for i, a in enumerate(hits):
        for b in hits[i + 1:]:
            if a.doc_id == b.doc_id:
                shared = min(a.end, b.end) - max(a.start, b.start)
                assert shared < 0.5 * min(a.end - a.start, b.end - b.start), (a.text[:30], b.text[:30])


def test_hits_holding_only_common_words_come_after_the_others(mixed):
    """安全 and 管理 are held by most entries of a work-safety KB: a hit with neither 燃气 nor 许可
    goes after every hit holding one of them (issue 23)."""
    hits = mixed.search("安全 管理 燃气经营许可", k=20, mode="keyword")
    telling = [bool(h.highlights) for h in hits]
    assert telling[0] and telling == sorted(telling, reverse=True)


def test_a_kind_scoring_far_below_the_best_takes_no_reserved_places(mixed):
    found = kinds(mixed, mixed.search("特种设备定期检验 监督检验", k=20))
    assert found.count("regulation") > 15

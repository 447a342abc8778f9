"""A document's title typed as the query puts that document first (issue 20): a drafter looking
for a regulation or a notice by its name."""
from pathlib import Path

import pytest

from kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
LAWS = ROOT.parent / "shared" / "datasets" / "laws"
CHONGQING = LAWS / "DLC/重庆地方法规/地方性法规/重庆/重庆市安全生产条例(2015-12-08).md"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    with KnowledgeBase(tmp_path_factory.mktemp("titles") / "kb") as kb:
        kb.ingest([ROOT / "corpus", CHONGQING])
        yield kb


@pytest.mark.parametrize("query", ["重庆市安全生产条例", "《重庆市安全生产条例》", "济南市安全生产攻坚年行动实施方案"])
def test_a_title_as_the_query_puts_its_document_first(mixed, query):
    hits = mixed.search(query, k=10)
    assert hits and hits[0].doc_title == query.strip("《》")


def test_a_topic_is_no_title(mixed):
    hits = mixed.search("安全生产", k=10)
    assert len({hit.doc_id for hit in hits}) > 1  # no document is put first by name

"""A regulation's article is its unit of search: the article holding an item shown as a task takes
the item's place (kb/hits.py, ARTICLE_KINDS), so a hit shows the duty the items list as well as
the item. The regulation below is made up for this test."""
import pytest

from kb import KnowledgeBase

REGULATION = """# 滨海市冷库安全条例

2024年1月1日 滨海市人民代表大会常务委员会公告第1号公布

<!-- INFO END -->

第一条 为了加强冷库安全管理，制定本条例。

第二条 区应急管理部门负责下列巡查工作：

（一）每季度检查冷库氨气管道的阀门和压力表；

（二）每月核对叉车司机的上岗记录；

（三）每年组织一次冷库断电应急演练。

第三条 冷库经营者应当建立值班制度。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    (folder / "laws").mkdir()
    (folder / "laws" / "滨海市冷库安全条例(2024-01-01).md").write_text(REGULATION, encoding="utf-8")
    with KnowledgeBase(folder / "kb") as kb:
        kb.ingest([folder / "laws"])
        yield kb


@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
def test_the_article_holding_an_item_is_the_hit(kb, mode):
    first = kb.search("冷库氨气管道阀门检查", mode=mode, k=5)[0]
    assert first.doc_kind == "regulation" and first.kind == "passage"
    assert "区应急管理部门负责下列巡查工作" in first.text and "氨气管道" in first.text


def test_an_item_is_not_shown_beside_its_article(kb):
    hits = kb.search("冷库氨气管道阀门检查", k=10)
    assert sum("氨气管道" in hit.text for hit in hits) == 1

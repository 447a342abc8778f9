"""The query path gives the hits it gave before it was made faster: the gold sets' queries and
questions, every mode, in the seeded KB and in a KB of notices and regulations (where both
kinds share the first places), with filters, against the output recorded in
tests/data/search_order.json (kind, id, score, highlights of every hit).

A change meant to alter results re-records it: ``python -m tests.test_search_order`` (and
says why in its commit)."""
import json
import sys
from pathlib import Path

import pytest

from bench.scorers import load_jsonl
from kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
LAWS = ROOT.parent / "shared" / "datasets" / "laws"
RECORDED = Path(__file__).parent / "data" / "search_order.json"
REGULATIONS = [LAWS / "行政法" / "消防法(2021-04-29).md", LAWS / "社会法" / "特种设备安全法(2013-06-29).md",
               LAWS / "行政法规" / "城镇燃气管理条例(2016-02-06).md",
               LAWS / "行政法规" / "生产安全事故报告和调查处理条例(2007-04-09).md",
               LAWS / "行政法规" / "生产安全事故应急条例(2019-02-17).md"]
MODES = ("keyword", "vector", "hybrid")
# k changes how deep each leg fetches and how many candidates the overlap check sees
FILTERED = [("kind", "task"), ("kind", "passage"), ("unit", "应急管理局"), ("doc", "000_ae917fade8060d6b.txt")]

pytestmark = pytest.mark.skipif(not EVAL.exists() or not all(p.exists() for p in REGULATIONS),
                                reason="shared eval sets or laws dataset not beside the checkout")


def queries() -> list[str]:
    return ([item["query"] for item in load_jsonl(EVAL / "search.jsonl")]
            + [item["question"] for item in load_jsonl(EVAL / "qa.jsonl")]
            + ["fire safety rectification", "消防"])


def run(kb: KnowledgeBase, mixed: bool) -> dict[str, list]:
    """Every case's hits as [kind, id, score, highlights]."""
    out = {}
    for query in queries():
        for mode in MODES:
            for k in (5, 20):
                out[f"{mode}|{k}|{query}"] = kb.search(query, mode=mode, k=k)
        if not mixed:
            for name, value in FILTERED:
                out[f"hybrid|10|{name}={value}|{query}"] = kb.search(query, k=10, **{name: value})
        else:
            out[f"hybrid|10|doc_kind=regulation|{query}"] = kb.search(query, k=10, doc_kind="regulation")
    return {case: [[h.kind, h.id, h.score, [list(s) for s in h.highlights]] for h in hits]
            for case, hits in out.items()}


def mixed_kb(home: Path) -> KnowledgeBase:
    kb = KnowledgeBase(home)
    kb.ingest([ROOT / "corpus", *REGULATIONS])
    return kb


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    with mixed_kb(tmp_path_factory.mktemp("order_mixed") / "kb") as kb:
        yield kb


def assert_same(found: dict[str, list], recorded: dict[str, list]) -> None:
    assert found.keys() == recorded.keys()
    for case, hits in recorded.items():
        assert [h[:2] for h in found[case]] == [h[:2] for h in hits], case
        # scores are float32 sums: a faster path or another numpy/faiss build moves their last digits
        # (a fresh venv of numpy 2.4 and faiss 1.15 moved them by 6e-6); the hits and their order must not move
        assert all(abs(a[2] - b[2]) <= 1e-5 for a, b in zip(found[case], hits)), case
        assert [h[3] for h in found[case]] == [h[3] for h in hits], case


def test_seeded_kb_gives_the_recorded_hits(seeded_kb):
    assert_same(run(seeded_kb, mixed=False), json.loads(RECORDED.read_text(encoding="utf-8"))["seeds"])


def test_notices_and_regulations_give_the_recorded_hits(mixed):
    assert_same(run(mixed, mixed=True), json.loads(RECORDED.read_text(encoding="utf-8"))["mixed"])


if __name__ == "__main__":  # re-record (see the module's docstring)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        with KnowledgeBase(Path(tmp) / "seeds") as seeds:
            seeds.ingest([ROOT / "corpus"])
            recorded = {"seeds": run(seeds, mixed=False)}
        with mixed_kb(Path(tmp) / "mixed") as kb:
            recorded["mixed"] = run(kb, mixed=True)
    RECORDED.parent.mkdir(exist_ok=True)
    RECORDED.write_text(json.dumps(recorded, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{RECORDED}: {sum(map(len, recorded.values()))} cases", file=sys.stderr)

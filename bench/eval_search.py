"""Recall of search on a gold file (default ../shared/eval/search.jsonl), per mode.

Rule from the eval README (bench/scorers.py): recall@k is the share of relevant snippets contained in the text
of the top k hits (whitespace ignored, punctuation width folded), averaged over queries.

    python bench/eval_search.py [--gold FILE...] [--corpus DIR] [--home KB] [--show-misses]
    python bench/eval_search.py --mixed 60 --home KB --gold A.jsonl B.jsonl   # the dev sets' mixed KB

--mixed N searches the KB of every dev set's documents and N other regulations (bench/evalkit.mixed_corpus),
built at --home when that holds no documents yet. --show-misses also says where each missed snippet ranks in
each leg (the first of the top 200 holding it; "-" when none).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evalkit import EVAL_DIR, corpus_kb, eval_parser, mixed_corpus  # noqa: E402
from bench.scorers import fold, load_jsonl, search_recall  # noqa: E402
from kb import KnowledgeBase, vocab  # noqa: E402

DEFAULT_GOLD = EVAL_DIR / "search.jsonl"
CUTOFFS = (10, 20)
MISS_DEPTH = 200  # how deep --show-misses looks for a missed snippet in each leg


def table(kb: KnowledgeBase, gold: list[dict]) -> tuple[str, dict]:
    lines = ["| mode | " + " | ".join(f"recall@{k}" for k in CUTOFFS) + " |",
             "|---|" + "---:|" * len(CUTOFFS)]
    scores, misses = {}, {}
    for mode in vocab.SEARCH_MODES:
        row = []
        for k in CUTOFFS:
            scores[(mode, k)], misses[(mode, k)] = search_recall(kb, gold, mode, k)
            row.append(f"{scores[(mode, k)]:.3f}")
        label = f"keyword ({kb.indexes.backend})" if mode == "keyword" else mode
        lines.append(f"| {label} | " + " | ".join(row) + " |")
    return "\n".join(lines), {"scores": scores, "misses": misses}


def miss_ranks(kb: KnowledgeBase, gold: list[dict], k: int) -> list[str]:
    """Each snippet the hybrid top k misses, with its rank in the keyword and vector legs."""
    out = []
    for item in gold:
        hybrid = [fold(hit.text) for hit in kb.search(item["query"], mode="hybrid", k=k)]
        legs = {mode: [fold(hit.text) for hit in kb.search(item["query"], mode=mode, k=MISS_DEPTH)]
                for mode in ("keyword", "vector")}
        for rel in item["relevant"]:
            snippet = fold(rel["snippet"])
            if any(snippet in text for text in hybrid):
                continue
            ranks = {mode: next((str(i) for i, text in enumerate(texts, 1) if snippet in text), "-")
                     for mode, texts in legs.items()}
            out.append(f"{item['query']}: {rel['snippet']}  (keyword {ranks['keyword']}, vector {ranks['vector']})")
    return out


def main() -> None:
    parser = eval_parser(__doc__, DEFAULT_GOLD)
    parser.add_argument("more_gold", nargs="*", type=Path, metavar="GOLD", help="more gold files, each scored on its own")
    parser.add_argument("--mixed", type=int, metavar="N",
                        help="the dev sets' mixed KB with N other regulations (with --home: that KB)")
    args = parser.parse_args()
    corpus = mixed_corpus(args.mixed) if args.mixed is not None else args.corpus
    with corpus_kb(corpus, args.home) as kb:
        for gold in [args.gold, *args.more_gold]:
            items = load_jsonl(gold)
            text, _ = table(kb, items)
            print(f"{gold.name}\n{text}\n")
            if args.show_misses:
                print(f"hybrid misses@{CUTOFFS[-1]}:", *miss_ranks(kb, items, CUTOFFS[-1]), sep="\n  ")
                print()


if __name__ == "__main__":
    main()

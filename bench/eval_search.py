"""Recall of search on a gold file (default ../shared/eval/search.jsonl), per mode.

Rule from the eval README: recall@k is the share of relevant snippets contained in the text
of the top k hits (whitespace ignored, punctuation width folded), averaged over queries.

    python bench/eval_search.py [--gold FILE] [--corpus DIR] [--home KB] [--show-misses]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.eval_extract import fold  # noqa: E402
from bench.evalkit import EVAL_DIR, eval_kb, eval_parser, load_jsonl  # noqa: E402
from index.hybrid import MODES  # noqa: E402
from kb.base import KnowledgeBase  # noqa: E402

DEFAULT_GOLD = EVAL_DIR / "search.jsonl"
CUTOFFS = (10, 20)


def recall(kb: KnowledgeBase, gold: list[dict], mode: str, k: int) -> tuple[float, list[str]]:
    """Mean recall@k over the queries, and the snippets missed (as "query: snippet")."""
    total, misses = 0.0, []
    for item in gold:
        texts = [fold(hit.text) for hit in kb.search(item["query"], mode=mode, k=k)]
        found = [any(fold(rel["snippet"]) in t for t in texts) for rel in item["relevant"]]
        total += sum(found) / len(found)
        misses += [f"{item['query']}: {rel['snippet']}"
                   for rel, ok in zip(item["relevant"], found) if not ok]
    return total / len(gold), misses


def table(kb: KnowledgeBase, gold: list[dict]) -> tuple[str, dict]:
    lines = ["| mode | " + " | ".join(f"recall@{k}" for k in CUTOFFS) + " |",
             "|---|" + "---:|" * len(CUTOFFS)]
    scores, misses = {}, {}
    for mode in MODES:
        row = []
        for k in CUTOFFS:
            scores[(mode, k)], misses[(mode, k)] = recall(kb, gold, mode, k)
            row.append(f"{scores[(mode, k)]:.3f}")
        label = f"keyword ({kb.indexes.backend})" if mode == "keyword" else mode
        lines.append(f"| {label} | " + " | ".join(row) + " |")
    return "\n".join(lines), {"scores": scores, "misses": misses}


def main() -> None:
    args = eval_parser(__doc__, DEFAULT_GOLD).parse_args()
    with eval_kb(args) as kb:
        text, detail = table(kb, load_jsonl(args.gold))
    print(text)
    if args.show_misses:
        for (mode, k), missed in detail["misses"].items():
            if k == CUTOFFS[-1]:
                print(f"\n{mode} misses@{k}:", *missed, sep="\n  ")


if __name__ == "__main__":
    main()

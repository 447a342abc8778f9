"""Recall of search on a gold file (default ../shared/eval/search.jsonl), per mode.

Rule from the eval README (bench/scorers.py): recall@k is the share of relevant snippets contained in the text
of the top k hits (whitespace ignored, punctuation width folded), averaged over queries.

    python bench/eval_search.py [--gold FILE] [--corpus DIR] [--home KB] [--show-misses]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evalkit import EVAL_DIR, eval_kb, eval_parser  # noqa: E402
from bench.scorers import load_jsonl, search_recall  # noqa: E402
from kb import KnowledgeBase, vocab  # noqa: E402

DEFAULT_GOLD = EVAL_DIR / "search.jsonl"
CUTOFFS = (10, 20)


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

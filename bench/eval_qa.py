"""Accuracy of `kb ask` on a gold file (default ../shared/eval/qa.jsonl), by kind and language.

Rule from the eval README: an answer is right when its text (answer plus listed units)
satisfies answer_any / answer_all AND the first citation contains the evidence (for doc "*",
any citation). Matching ignores whitespace and folds punctuation width.

    python bench/eval_qa.py [--gold FILE] [--corpus DIR] [--home KB] [--show-misses]
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.eval_extract import fold  # noqa: E402
from bench.evalkit import EVAL_DIR, eval_kb, eval_parser, load_jsonl  # noqa: E402
from kb.base import KnowledgeBase  # noqa: E402
from kb.qa_rules import is_english  # noqa: E402

DEFAULT_GOLD = EVAL_DIR / "qa.jsonl"


def is_right(item: dict, answer) -> bool:
    text = fold(answer.answer + " " + " ".join(answer.units))
    any_ok = not item["answer_any"] or any(fold(a) in text for a in item["answer_any"])
    all_ok = all(fold(a) in text for a in item["answer_all"])
    cited = answer.citations if item["doc"] == "*" else answer.citations[:1]
    return any_ok and all_ok and any(fold(item["evidence"]) in fold(c.text) for c in cited)


def evaluate(kb: KnowledgeBase, gold: list[dict]) -> dict:
    """{group: (right, total)} for "all", each kind and "english", and the misses."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for item in gold:
        answer = kb.ask(item["question"])
        right = is_right(item, answer)
        groups = ["all", item["kind"]] + (["english"] if is_english(item["question"]) else [])
        for group in groups:
            counts[group][0] += right
            counts[group][1] += 1
        if not right:
            misses.append(f"{item['id']} {item['question']} => {answer.answer[:80]}")
    return {"counts": {g: tuple(c) for g, c in counts.items()}, "misses": misses}


def table(result: dict) -> str:
    lines = ["| questions | right | accuracy |", "|---|---:|---:|"]
    for group, (right, total) in sorted(result["counts"].items(), key=lambda i: (i[0] != "all", i[0])):
        lines.append(f"| {group} | {right}/{total} | {right / total:.3f} |")
    return "\n".join(lines)


def main() -> None:
    args = eval_parser(__doc__, DEFAULT_GOLD).parse_args()
    with eval_kb(args) as kb:
        result = evaluate(kb, load_jsonl(args.gold))
    print(table(result))
    if args.show_misses:
        print("\nmisses:", *result["misses"], sep="\n  ")


if __name__ == "__main__":
    main()

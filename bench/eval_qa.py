"""Accuracy of `kb ask` on a gold file (default ../shared/eval/qa.jsonl), by kind and language,
and the calibration table (confidence bucket -> share of answers right).

Rule from the eval README (bench/scorers.py): an answer is right when its text (answer plus listed units)
satisfies answer_any / answer_all AND the first citation contains the evidence (for doc "*",
any citation). Matching ignores whitespace and folds punctuation width.

    python bench/eval_qa.py [--gold FILE] [--corpus DIR] [--home KB] [--show-misses]
    python bench/eval_qa.py --mixed 60 [--home KB]   # every dev set in one KB with regulations
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evalkit import DEV_QA, EVAL_DIR, corpus_kb, eval_kb, eval_parser, mixed_corpus  # noqa: E402
from bench.scorers import calibration, evaluate_answers, load_jsonl  # noqa: E402

DEFAULT_GOLD = EVAL_DIR / "qa.jsonl"


def table(result: dict) -> str:
    lines = ["| questions | right | accuracy |", "|---|---:|---:|"]
    for group, (right, total) in sorted(result["counts"].items(), key=lambda i: (i[0] != "all", i[0])):
        lines.append(f"| {group} | {right}/{total} | {right / total:.3f} |")
    return "\n".join(lines)


def calibration_table(scored: list) -> str:
    """Answers given (not "未找到明确答案") by confidence, and the share of them that is right."""
    declined = sum(not found for _, _, found in scored)
    lines = ["| confidence | answers | right | share right |", "|---|---:|---:|---:|"]
    for bucket, total, right in calibration(scored):
        lines.append(f"| {bucket} | {total} | {right} | {right / total:.2f} |" if total else f"| {bucket} | 0 | 0 | — |")
    lines.append(f"| 未找到明确答案 | {declined} | — | — |")
    return "\n".join(lines)


def main() -> None:
    parser = eval_parser(__doc__, DEFAULT_GOLD)
    parser.add_argument("--mixed", type=int, metavar="N",
                        help="every dev set (qa, qa_more, qa_web, qa_laws) in one KB of all their documents "
                             "and N other regulations (with --home: that KB)")
    args = parser.parse_args()
    if args.mixed is not None:
        mixed(args)
        return
    with eval_kb(args) as kb:
        result = evaluate_answers(kb, load_jsonl(args.gold))
    print(table(result))
    print("\n" + calibration_table(result["scored"]))
    if args.show_misses:
        print("\nmisses:", *result["misses"], sep="\n  ")


def mixed(args) -> None:
    """Each dev set asked in one KB that holds them all and more regulations: a question
    about a notice must find it among regulations, and the other way round."""
    rows, scored = ["| set | right | accuracy | English | ≥ 0.9: right |", "|---|---:|---:|---:|---:|"], []
    with corpus_kb(mixed_corpus(args.mixed), args.home) as kb:
        for name, gold in DEV_QA.items():
            result = evaluate_answers(kb, load_jsonl(gold))
            right, total = result["counts"]["all"]
            en_right, en_total = result["counts"].get("english", (0, 0))
            sure = [ok for confidence, ok, found in result["scored"] if found and confidence >= 0.9]
            rows.append(f"| {name} | {right}/{total} | {right / total:.3f} | {en_right}/{en_total} "
                        f"| {sum(sure)}/{len(sure)} |")
            scored += result["scored"]
            if args.show_misses:
                print(f"{name} misses:", *result["misses"], sep="\n  ")
    print("\n".join(rows))
    print("\nall sets\n" + calibration_table(scored))


if __name__ == "__main__":
    main()

"""Fit the task confidence table (ingest/task_confidence.py) and check it.

For every gold task the parser finds, "right" means its owners equal the gold's in every role.
Prints, per owner source, the tasks and the right ones on the development sets (seeds, more,
web) and the share shrunk toward PRIOR with PRIOR_WEIGHT pseudo-tasks — the value the table
should hold — and then how the table's confidences hold on our held-out labels (measured,
never fitted): per confidence band, the tasks and the share right.

    python bench/fit_task_confidence.py
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.eval_extract import SETS, band_table, judged, parsed_tasks  # noqa: E402
from bench.scorers import load_jsonl  # noqa: E402
from ingest.task_confidence import PRIOR, PRIOR_WEIGHT, SOURCE_CONFIDENCE, source_of  # noqa: E402

DEV_SETS = ("seeds", "more", "web")


def judged_set(set_name: str) -> list[tuple[object, bool]]:
    gold_path, corpus = SETS[set_name]
    gold = load_jsonl(gold_path)
    return judged(gold, parsed_tasks(gold, corpus))


def main() -> int:
    total, right = Counter(), Counter()
    dev = [found for name in DEV_SETS for found in judged_set(name)]
    for task, ok in dev:
        total[source_of(task)] += 1
        right[source_of(task)] += ok
    print("| owner source | tasks | right | share | shrunk (fit) | in the table |")
    print("|---|---:|---:|---:|---:|---:|")
    for source in sorted(total, key=lambda s: -total[s]):
        shrunk = (right[source] + PRIOR * PRIOR_WEIGHT) / (total[source] + PRIOR_WEIGHT)
        print(f"| {source or '(none)'} | {total[source]} | {right[source]} | {right[source] / total[source]:.2f} "
              f"| {shrunk:.2f} | {SOURCE_CONFIDENCE.get(source, PRIOR):.2f} |")
    print("\n" + band_table("development sets (fitted on)", dev))
    print("\n" + band_table("held-out labels (bench/gold/heldout_tasks.jsonl; measured, never fitted)",
                           judged_set("heldout")))
    return 0


if __name__ == "__main__":
    sys.exit(main())

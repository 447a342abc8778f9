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

from bench.eval_extract import SETS, document_file  # noqa: E402
from bench.scorers import find_task, fold, load_jsonl  # noqa: E402
from ingest.pipeline import parse_file  # noqa: E402
from ingest.task_confidence import DOUBTFUL_BELOW, PRIOR, PRIOR_WEIGHT, SOURCE_CONFIDENCE, source_of  # noqa: E402
from ingest.vocab import ROLE_FIELDS, ROLES  # noqa: E402

DEV_SETS = ("seeds", "more", "web")
BANDS = ((DOUBTFUL_BELOW, 1.01), (0.5, DOUBTFUL_BELOW), (0.0, 0.5))  # confident, doubtful, very doubtful


def judged(set_name: str) -> list[tuple[object, bool]]:
    """(task, owners right) for every gold task the parser finds."""
    gold_path, corpus = SETS[set_name]
    gold = load_jsonl(gold_path)
    parsed = {doc: parse_file(document_file(corpus, doc)).tasks for doc in {row["doc"] for row in gold}}
    out = []
    for row in gold:
        task = find_task(parsed[row["doc"]], row["snippet"])
        if task is not None:
            right = all({fold(u) for u in row[role]} == {fold(u) for u in getattr(task, ROLE_FIELDS[role])}
                        for role in ROLES)
            out.append((task, right))
    return out


def band_table(title: str, found: list[tuple[object, bool]]) -> None:
    print(f"\n{title}, by the table's confidence:")
    print("| confidence | tasks | owners right | share |")
    print("|---|---:|---:|---:|")
    for low, high in BANDS:
        band = [ok for task, ok in found if low <= task.confidence < high]
        share = f"{sum(band) / len(band):.2f}" if band else "-"
        print(f"| {low:.2f}–{min(high, 1):.2f} | {len(band)} | {sum(band)} | {share} |")


def main() -> int:
    total, right = Counter(), Counter()
    dev = [found for name in DEV_SETS for found in judged(name)]
    for task, ok in dev:
        total[source_of(task)] += 1
        right[source_of(task)] += ok
    print("| owner source | tasks | right | share | shrunk (fit) | in the table |")
    print("|---|---:|---:|---:|---:|---:|")
    for source in sorted(total, key=lambda s: -total[s]):
        shrunk = (right[source] + PRIOR * PRIOR_WEIGHT) / (total[source] + PRIOR_WEIGHT)
        print(f"| {source or '(none)'} | {total[source]} | {right[source]} | {right[source] / total[source]:.2f} "
              f"| {shrunk:.2f} | {SOURCE_CONFIDENCE.get(source, PRIOR):.2f} |")
    band_table("development sets (fitted on)", dev)
    band_table("held-out labels (bench/gold/heldout_tasks.jsonl; measured, never fitted)", judged("heldout"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

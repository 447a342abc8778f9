"""Score task extraction against a gold file (default ../shared/eval/tasks.jsonl).

Rules from the eval README: whitespace ignored and punctuation width folded when matching;
a gold task is found when an extracted task's text contains its snippet; for found tasks,
owners are compared as sets per role (P/R/F1 over (task, role, unit) triples), deadline_norm
must be equal, and each gold metric's number must appear in one of the task's metrics.

    python bench/eval_extract.py [--gold FILE] [--corpus DIR] [--show-misses]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.pipeline import parse_file  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "tasks.jsonl"
ROLES = (("lead", "lead_units"), ("co", "co_units"), ("responsible", "responsible_units"))
_FOLD = str.maketrans("（）：，；！？", "():,;!?")
NUMBER = re.compile(r"\d+(?:\.\d+)?%?|[一二两三四五六七八九十百千万半]+")


def fold(text: str) -> str:
    """Whitespace removed, full-width punctuation folded to half-width."""
    return re.sub(r"\s+", "", text).translate(_FOLD)


def metric_number(metric: str) -> str:
    digits = re.findall(r"\d+(?:\.\d+)?%?", metric)
    if digits:
        return max(digits, key=len)
    words = NUMBER.findall(metric)
    return words[0] if words else fold(metric)


def find_task(tasks, snippet: str):
    key = fold(snippet)
    for task in tasks:
        if key in fold(task.text):
            return task
    return None


def score(gold_rows: list[dict], tasks_by_doc: dict) -> dict:
    counts = {role: {"tp": 0, "fp": 0, "fn": 0} for role, _ in ROLES}
    found = deadline_ok = metric_total = metric_hit = 0
    misses = []
    for row in gold_rows:
        task = find_task(tasks_by_doc.get(row["doc"], []), row["snippet"])
        if task is None:
            misses.append((row["id"], "not found", row["snippet"]))
            continue
        found += 1
        for role, attr in ROLES:
            gold = {fold(u) for u in row[role]}
            got = {fold(u) for u in getattr(task, attr)}
            counts[role]["tp"] += len(gold & got)
            counts[role]["fp"] += len(got - gold)
            counts[role]["fn"] += len(gold - got)
            if gold != got:
                misses.append((row["id"], role, f"gold={sorted(gold)} got={sorted(got)}"))
        if task.deadline_norm == row["deadline_norm"]:
            deadline_ok += 1
        else:
            misses.append((row["id"], "deadline", f"gold={row['deadline_norm']!r} got={task.deadline_norm!r} ({task.deadline})"))
        for metric in row["metrics"]:
            metric_total += 1
            number = metric_number(metric)
            if any(number in fold(m) for m in task.metrics):
                metric_hit += 1
            else:
                misses.append((row["id"], "metric", f"{metric} [{number}] not in {task.metrics}"))
    result = {"gold_tasks": len(gold_rows), "found": found,
              "deadline_accuracy": deadline_ok / found if found else 0.0,
              "metric_recall": metric_hit / metric_total if metric_total else 1.0,
              "misses": misses}
    for role, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        result[role] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, **c}
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    gold_rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    tasks_by_doc = defaultdict(list)
    for doc in sorted({r["doc"] for r in gold_rows}):
        tasks_by_doc[doc] = parse_file(args.corpus / doc).tasks
    res = score(gold_rows, tasks_by_doc)
    print(f"gold tasks: {res['gold_tasks']}, found: {res['found']} ({res['found'] / res['gold_tasks']:.1%})\n")
    print("| role | precision | recall | F1 |")
    print("|---|---|---|---|")
    for role, _ in ROLES:
        r = res[role]
        print(f"| {role} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |")
    print(f"\ndeadline accuracy: {res['deadline_accuracy']:.3f}")
    print(f"metric recall: {res['metric_recall']:.3f}")
    if args.show_misses:
        print("\nmisses:")
        for miss in res["misses"]:
            print("  ", *miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())

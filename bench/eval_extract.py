"""Score task extraction on the development sets: the seeds (../shared/eval/tasks.jsonl over
corpus/), the real notices from other provinces (tasks_more.jsonl over
../shared/datasets/policy_notices), the real work-safety notices (tasks_web.jsonl over
../shared/datasets/safety_notices_web) and our own held-out labels (bench/gold/heldout_tasks.jsonl
over 30 documents of ../shared/datasets/notices_unlabeled: a measure only, never a source of rules).
Each document is parsed as ``kb ingest`` parses it (the parser alone: the KB adds no tasks).

Scoring rules (bench/scorers.py, as in the eval README): a gold task is found when an extracted
task's text contains its snippet; owners are compared as sets per role (role-aware P/R/F1 over
(task, role, unit) triples) and over any role ((task, unit) pairs); deadline_norm must be
equal; each gold metric's number must appear in one of the task's metrics.

    python bench/eval_extract.py [--set dev|seeds|more|web|heldout|all] [--show-misses]
    python bench/eval_extract.py --gold GOLD.jsonl --dir FOLDER [--show-misses]

The held-out labels are scored only when asked for (--set heldout or all), and their misses are
never shown. ``--gold``/``--dir`` score a set of one's own kept outside the repo (real notices
may not be copied into it): a blind set is scored without --show-misses, so only its counts are seen.
Every run also prints, per set, the found tasks by the parser's own confidence (ingest/task_confidence.py)
and the share whose owners are all right: the bands a person reviewing the table relies on.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evalkit import EVAL_DIR, HELDOUT_GOLD, NOTICES_UNLABELED, POLICY_NOTICES, SAFETY_NOTICES_WEB  # noqa: E402
from bench.scorers import find_task, fold, load_jsonl, score_tasks  # noqa: E402
from ingest.pipeline import parse_file  # noqa: E402
from ingest.task_confidence import DOUBTFUL_BELOW  # noqa: E402
from ingest.vocab import ROLE_FIELDS, ROLES  # noqa: E402

HELDOUT = "heldout"
SETS = {"seeds": (EVAL_DIR / "tasks.jsonl", ROOT / "corpus"),
        "more": (EVAL_DIR / "tasks_more.jsonl", POLICY_NOTICES),
        "web": (EVAL_DIR / "tasks_web.jsonl", SAFETY_NOTICES_WEB),
        HELDOUT: (HELDOUT_GOLD, NOTICES_UNLABELED)}
COLUMNS = ("lead", "co", "responsible", "all", "any_role")
BANDS = ((DOUBTFUL_BELOW, 1.01), (0.5, DOUBTFUL_BELOW), (0.0, 0.5))  # confident, doubtful, very doubtful


def document_file(corpus: Path, doc: str) -> Path:
    """The gold's document name is a file name, with or without its suffix."""
    path = corpus / doc
    return path if path.exists() else next(p for p in corpus.iterdir() if p.stem == doc)


def parsed_tasks(gold: list[dict], corpus: Path) -> dict[str, list]:
    return {doc: parse_file(document_file(corpus, doc)).tasks for doc in sorted({row["doc"] for row in gold})}


def evaluate_set(gold_path: Path, corpus: Path) -> dict:
    gold = load_jsonl(gold_path)
    tasks_by_doc = parsed_tasks(gold, corpus)
    return score_tasks(gold, tasks_by_doc) | {"judged": judged(gold, tasks_by_doc)}


def judged(gold: list[dict], tasks_by_doc: dict[str, list]) -> list[tuple[object, bool]]:
    """(task, all its owners right) for every gold task the parser finds."""
    out = []
    for row in gold:
        task = find_task(tasks_by_doc[row["doc"]], row["snippet"])
        if task is not None:
            out.append((task, all({fold(u) for u in row[role]} == {fold(u) for u in getattr(task, ROLE_FIELDS[role])}
                                  for role in ROLES)))
    return out


def band_table(title: str, found: list[tuple[object, bool]]) -> str:
    lines = [f"{title}, by the parser's confidence:", "| confidence | tasks | owners right | share |",
             "|---|---:|---:|---:|"]
    for low, high in BANDS:
        band = [ok for task, ok in found if low <= task.confidence < high]
        share = f"{sum(band) / len(band):.2f}" if band else "-"
        lines.append(f"| {low:.2f}–{min(high, 1):.2f} | {len(band)} | {sum(band)} | {share} |")
    return "\n".join(lines)


def table(results: dict[str, dict]) -> str:
    lines = ["| set | tasks found | " + " | ".join(f"{c} F1" for c in COLUMNS)
             + " | deadline acc. | metric recall |",
             "|---|---:|" + "---:|" * len(COLUMNS) + "---:|---:|"]
    for name, r in results.items():
        owners = " | ".join(f"{r[c]['f1']:.3f}" for c in COLUMNS)
        lines.append(f"| {name} | {r['found']}/{r['gold_tasks']} ({r['found_share']:.3f}) | {owners} "
                     f"| {r['deadline_accuracy']:.3f} | {r['metric_recall']:.3f} |")
    return "\n".join(lines)


def miss_table(results: dict[str, dict]) -> str:
    causes = {name: Counter(cause for _, cause, _ in r["misses"]) for name, r in results.items()}
    names = sorted({c for counts in causes.values() for c in counts})
    lines = ["| miss cause | " + " | ".join(results) + " |", "|---|" + "---:|" * len(results)]
    lines += [f"| {cause} | " + " | ".join(str(causes[n][cause]) for n in results) + " |" for cause in names]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=[*SETS, "dev", "all"], default="dev",
                    help="dev: the three development sets (default); the held-out labels only when asked "
                         "for (heldout or all), so that nobody watches them while changing a rule")
    ap.add_argument("--gold", type=Path, help="a gold file of one's own (with --dir) instead of --set")
    ap.add_argument("--dir", type=Path, help="the folder holding --gold's documents")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    if (args.gold is None) != (args.dir is None):
        ap.error("--gold and --dir go together: the gold file and the folder of its documents")
    named = {"all": list(SETS), "dev": [name for name in SETS if name != HELDOUT]}
    chosen = ({args.gold.stem: (args.gold, args.dir)} if args.gold
              else {name: SETS[name] for name in named.get(args.set, [args.set])})
    if args.show_misses and HELDOUT in chosen:
        ap.error("the held-out misses are not shown: they would be read while writing rules")
    results = {name: evaluate_set(gold, corpus) for name, (gold, corpus) in chosen.items()
               if gold.exists()}
    print(table(results))
    print()
    print(miss_table(results))
    for name, r in results.items():
        print()
        print(band_table(name, r["judged"]))
    if args.show_misses:
        for name, r in results.items():
            print(f"\n{name} misses:")
            for miss in r["misses"]:
                print("  ", *miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())

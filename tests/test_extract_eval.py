"""The extraction harness on the development gold set (skipped where ../shared is absent)."""
import json
from collections import defaultdict
from pathlib import Path

import pytest

from bench.scorers import score_tasks
from ingest.pipeline import parse_file

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "tasks.jsonl"

pytestmark = pytest.mark.skipif(not DEFAULT_GOLD.exists(), reason="../shared/eval/tasks.jsonl not present")


def test_dev_set_meets_the_issue_thresholds():
    gold = [json.loads(line) for line in DEFAULT_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    tasks = defaultdict(list)
    for doc in {row["doc"] for row in gold}:
        tasks[doc] = parse_file(ROOT / "corpus" / doc).tasks
    result = score_tasks(gold, tasks)
    assert result["found"] / result["gold_tasks"] >= 0.95
    for role in ("lead", "co", "responsible"):
        assert result[role]["f1"] >= 0.95, (role, result[role])
    assert result["deadline_accuracy"] >= 0.95
    assert result["metric_recall"] >= 0.90

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


def test_a_gold_set_of_ones_own_is_scored_with_its_confidence_bands(tmp_path):
    """bench/eval_extract.py --gold/--dir (run as a child: tests import no bench script) scores a set
    kept outside the repo, and shows the found tasks by the parser's confidence."""
    import subprocess
    import sys
    (tmp_path / "a.txt").write_text("关于开展燃气安全排查的通知\n一、开展燃气排查。县住建局牵头，县消防救援大队配合，"
                                    "2025年6月底前完成。\n", encoding="utf-8")
    row = {"doc": "a.txt", "id": "a-1", "section": "", "snippet": "开展燃气排查", "title": "", "lead": ["县住建局"],
           "co": ["县消防救援大队"], "responsible": [], "deadline": "2025年6月底前", "deadline_norm": "2025-06",
           "metrics": [], "notes": ""}
    gold = tmp_path / "mine.jsonl"
    gold.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "bench/eval_extract.py", "--gold", str(gold), "--dir", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "| mine | 1/1 (1.000) | 1.000 | 1.000 |" in run.stdout, run.stdout
    assert "mine, by the parser's confidence:" in run.stdout
    lone = subprocess.run([sys.executable, "bench/eval_extract.py", "--gold", str(gold)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert lone.returncode == 2 and "--gold and --dir go together" in lone.stderr

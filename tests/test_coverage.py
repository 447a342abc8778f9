"""bench/coverage.py runs (in a child process: tests import no bench script) and on the seeds,
whose owners the parser reads without a miss, nearly every role cue comes out covered."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNLABELED = ROOT.parent / "shared" / "datasets" / "notices_unlabeled"
HELDOUT_GOLD = ROOT / "bench" / "gold" / "heldout_tasks.jsonl"
# Measured 0.078 (10 of 129 cues): one in the three seeds the gold scores (a 工作专班 told what
# to do in an exhortation the gold leaves ownerless), the others in 003's sector paragraphs
# that name no subject ("配合有关部门做好…") and in 004's new staff posts. Well above that is a
# coverage definition that lost a kind of task region, or a parser that lost owners.
SEEDS_UNCOVERED_MAX = 0.12


def run_coverage(*args: str) -> str:
    result = subprocess.run([sys.executable, "bench/coverage.py", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_seeds_rates_table():
    out = run_coverage("--set", "seeds", "--worst", "5")
    assert "| set | documents | (a) uncovered cues | (b) unattached dates |" in out
    row = re.search(r"^\| seeds \| 5 \| (\d+)/(\d+) = ([\d.]+) \|", out, re.M)
    assert row, out
    uncovered, cues, rate = int(row.group(1)), int(row.group(2)), float(row.group(3))
    assert cues > 100  # the seeds are full of annotations: a count near zero means cues went unseen
    assert rate <= SEEDS_UNCOVERED_MAX, f"{uncovered}/{cues} seed cues uncovered"
    assert "worst 5 documents" in out


@pytest.mark.skipif(not UNLABELED.is_dir() or not HELDOUT_GOLD.exists(), reason="notices_unlabeled not here")
def test_held_out_documents_are_counted_but_never_shown(tmp_path):
    out = run_coverage("--set", "unlabeled", "--worst", "200", "--json", str(tmp_path / "out.json"))
    assert "| unlabeled (not held out) | 168 |" in out and "| unlabeled (held out: counts only) | 30 |" in out
    with HELDOUT_GOLD.open(encoding="utf-8") as gold:
        labelled = {json.loads(line)["doc"] for line in gold if line.strip()}
    worst = out.split("worst 200 documents", 1)[1]
    assert not [name for name in labelled if f"| {name} |" in worst]
    reports = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["unlabeled"]
    held = [r for r in reports if r["heldout"]]
    assert len(held) == 30 and labelled <= {r["name"] for r in held}
    assert not any(r["uncovered_cue"] or r["unattached_date"] for r in held)


def test_a_folder_of_ones_own_notices(tmp_path):
    folder = tmp_path / "我的通知"
    folder.mkdir()
    (folder / "a.txt").write_text("一、开展燃气排查。县住建局牵头，县消防救援大队配合，2025年6月底前完成。\n", encoding="utf-8")
    out = run_coverage("--dir", str(folder), "--worst", "5")
    assert re.search(r"^\| 我的通知 \| 1 \| 0/\d+ = 0\.000 \|", out, re.M), out


def test_a_folder_that_is_not_there_says_so(tmp_path):
    result = subprocess.run([sys.executable, "bench/coverage.py", "--dir", str(tmp_path / "nowhere")], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2 and "no such folder" in result.stderr


def test_a_header_row_of_single_spaced_column_names_is_a_tables_header(tmp_path):
    folder = tmp_path / "pdf"
    folder.mkdir()
    (folder / "a.txt").write_text("关于印发2025年重点任务的通知\n附件\n序号 主要任务 牵头单位 参与单位 完成时限\n"
                                  "1 严控用水总量 市水利局 市发改委 2025年6月\n2 推进节水改造 市工信局 市水利局 2025年9月\n",
                                  encoding="utf-8")
    out = run_coverage("--dir", str(folder), "--worst", "5")
    assert re.search(r"^\| pdf \| 1 \| 0/[1-9]\d* = 0\.000 \|", out, re.M), out  # the header's cues are the rows'


def test_files_ingest_does_not_read_are_left_out(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text("一、开展燃气排查。县住建局牵头，县消防救援大队配合。\n", encoding="utf-8")
    (folder / "gold.jsonl").write_text('{"doc": "a.txt"}\n', encoding="utf-8")
    assert re.search(r"^\| pages \| 1 \|", run_coverage("--dir", str(folder)), re.M)


def test_a_table_copied_cell_by_cell_with_blank_lines_between_keeps_its_rows_dates(tmp_path):
    folder = tmp_path / "cells"
    folder.mkdir()
    cells = ["关于2016年民生实事的通知", "附件", "序号", "民生实事", "责任单位", "完成时限", "1", "启动东河综合治理工程。", "县水务局",
             "县住建局", "12月底前", "2", "新建2座人行天桥。", "县住建局", "9月底前"]
    (folder / "a.txt").write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    out = run_coverage("--dir", str(folder), "--worst", "5")
    assert re.search(r"^\| cells \| 1 \| [^|]+ \| 0/2 = 0\.000 \|", out, re.M), out  # both rows' dates are theirs


@pytest.mark.skipif(not (ROOT.parent / "shared" / "datasets" / "laws").is_dir(), reason="the laws data set is not here")
def test_a_sample_of_the_regulations():
    out = run_coverage("--laws", "3", "--worst", "3")
    assert re.search(r"^\| laws 3 \| 3 \| \d+/\d+ = [\d.]+ \|", out, re.M), out

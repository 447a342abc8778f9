"""The review commands through the real CLI: `kb task …` on one task at a time, `kb import-corrections`
(dry run, then --apply) and `kb export --format gold`, which the repo's own scorer reads as a
regression case."""
import json
import shutil

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from bench.scorers import fold, load_jsonl, score_tasks
from kb import KnowledgeBase
from kb.cli import cli


def run(home, *args):
    return CliRunner().invoke(cli, ["--home", str(home), *args], obj={})


@pytest.fixture
def home(seeded_home, tmp_path):
    shutil.copytree(seeded_home, tmp_path / "kb")
    return tmp_path / "kb"


def tasks(home, *args) -> list[dict]:
    result = run(home, "tasks", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def plain(home) -> list[dict]:
    """Tasks of the first document whose words are their span's."""
    rows = tasks(home)
    return [r for r in rows if r["doc_id"] == rows[0]["doc_id"] and r["owner_source"] != "table"]


def test_tasks_json_gives_the_id_the_task_commands_take(home):
    rows = tasks(home)
    with KnowledgeBase(home) as kb:
        assert [r["id"] for r in rows] == [s.id for s in kb.tasks()]


def test_task_edit_confirm_hide_and_the_review_list(home):
    first, second, third = plain(home)[:3]
    result = run(home, "task", "edit", str(first["id"]), "--lead", "市应急局、市消防救援支队", "--co", "",
                 "--deadline", "2027年6月底前")
    assert result.exit_code == 0, result.output
    assert "已修改任务" in result.output and "时限: 2027年6月底前 (2027-06)" in result.output
    edited = next(r for r in tasks(home) if r["id"] == first["id"])
    assert (edited["lead_units"], edited["co_units"], edited["deadline_norm"], edited["review"]) == (
        ["市应急局", "市消防救援支队"], [], "2027-06", "edited")
    assert edited["reviewed_by"].startswith("os:")
    assert run(home, "task", "confirm", str(second["id"])).exit_code == 0
    assert next(r for r in tasks(home) if r["id"] == second["id"])["review"] == "confirmed"
    result = run(home, "task", "hide", str(third["id"]))
    assert result.exit_code == 0 and "非任务" in result.output
    assert third["id"] not in [r["id"] for r in tasks(home)]
    reviews = json.loads(run(home, "task", "reviews", "--json").output)
    assert sorted(r["status"] for r in reviews) == ["confirmed", "edited", "hidden"]
    listed = run(home, "task", "reviews")
    assert "非任务" in listed.output and "已核对" in listed.output
    assert json.loads(run(home, "task", "reviews", "--stale", "--json").output) == []
    hidden = next(r for r in reviews if r["status"] == "hidden")
    assert run(home, "task", "restore", str(hidden["id"])).exit_code == 0
    assert any(r["start"] == third["start"] for r in tasks(home))


def test_task_split_merge_add(home):
    first, second = plain(home)[:2]
    result = run(home, "task", "split", str(first["id"]), "--at", "10")
    assert result.exit_code == 0 and "拆成任务" in result.output
    parts = [r for r in tasks(home) if first["start"] <= r["start"] < first["end"]]
    assert [p["text"] for p in parts][0] == first["text"][:10]
    result = run(home, "task", "merge", str(parts[1]["id"]))
    assert result.exit_code == 0 and "已合并" in result.output
    merged = next(r for r in tasks(home) if r["start"] == parts[1]["start"])
    assert merged["end"] == second["end"]
    with KnowledgeBase(home) as kb:
        text = kb.document(first["doc_id"]).text
    start = text.index("\n", 100) + 1
    end = text.index("。", start) + 1
    result = run(home, "task", "add", first["doc_id"][:12], "--start", str(start), "--end", str(end),
                 "--lead", "县应急局")
    assert result.exit_code == 0 and "已补充任务" in result.output
    assert any(r["start"] == start and r["lead_units"] == ["县应急局"] for r in tasks(home, "--unit", "县应急局"))


def test_a_task_command_without_a_change_or_with_a_wrong_id_says_so(home):
    result = run(home, "task", "edit", "1")
    assert result.exit_code == 2 and "至少给出一项" in result.output
    result = run(home, "task", "confirm", "9999999")
    assert result.exit_code != 0 and "没有编号为 9999999 的任务" in str(result.exception)


def test_import_corrections_dry_run_then_apply(home, tmp_path):
    path = tmp_path / "任务分工表.xlsx"
    assert run(home, "export", "-o", str(path)).exit_code == 0
    first, second = plain(home)[:2]
    wb = load_workbook(path)
    ws = wb["汇总"]
    columns = {cell.value: cell.column for cell in ws[1]}
    rows = {ws.cell(n, columns["定位（勿改）"]).value: n for n in range(2, ws.max_row + 1)}
    locator = f"{first['doc_id'][:12]}@{first['start']}-{first['end']}"
    ws.cell(rows[locator], columns["牵头单位"]).value = "市消防救援支队"
    ws.cell(rows[f"{second['doc_id'][:12]}@{second['start']}-{second['end']}"], columns["核对"]).value = "已核对"
    ws.cell(rows[locator] + 5, columns["重点任务"]).value = "改写的任务"
    wb.save(path)

    dry = run(home, "import-corrections", str(path))
    assert dry.exit_code == 0, dry.output
    old = "、".join(first["lead_units"]) or "（空）"
    assert f"汇总 / 序号 {rows[locator] - 1} / 牵头单位: {old} → 市消防救援支队" in dry.output
    assert "核对: 未核对 → 已核对" in dry.output
    assert f"未导入 汇总 第 {rows[locator] + 5} 行：“重点任务”的文字改了" in dry.output
    assert "2 处修改（2 项任务），1 行未能导入" in dry.output and "--apply" in dry.output
    assert next(r for r in tasks(home) if r["id"] == first["id"])["review"] == ""  # nothing written

    applied = run(home, "import-corrections", str(path), "--apply")
    assert applied.exit_code == 0, applied.output
    assert "已应用：修改 1 项，核对 1 项" in applied.output
    after = {r["id"]: r for r in tasks(home)}
    assert after[first["id"]]["lead_units"] == ["市消防救援支队"] and after[second["id"]]["review"] == "confirmed"
    again = json.loads(run(home, "import-corrections", str(path), "--json").output)
    # the same file again: nothing more to do; its document sheet still shows the owner as it was
    # before this import, which is refused rather than put back
    assert again["changes"] == []
    assert [r["sheet"] == "汇总" for r in again["refused"]] == [True, False]
    assert "导出之后被 os:" in again["refused"][1]["reason"]


def test_gold_export_is_a_regression_case_the_scorer_passes(home, tmp_path):
    first = plain(home)[0]
    assert run(home, "task", "edit", str(first["id"]), "--lead", "市应急局").exit_code == 0
    out = tmp_path / "gold.jsonl"
    result = run(home, "export", "-o", str(out), "--format", "gold")
    assert result.exit_code == 0, result.output
    gold = load_jsonl(out)
    with KnowledgeBase(home) as kb:
        by_doc: dict[str, list] = {}
        for stored in kb.tasks():
            by_doc.setdefault(stored.document.file, []).append(stored.task)
        assert len(gold) == len(kb.tasks())
        texts = {d["file"]: fold(kb.document(d["doc_id"]).text) for d in kb.documents()}
    score = score_tasks(gold, by_doc)
    assert score["found_share"] == 1.0 and score["all"]["f1"] == 1.0, score["misses"][:5]
    assert score["deadline_accuracy"] == 1.0 and score["metric_recall"] == 1.0
    keys = ["doc", "id", "section", "snippet", "title", "lead", "co", "responsible", "deadline", "deadline_norm",
            "metrics", "notes"]
    assert all(list(row) == keys for row in gold)
    edited = next(row for row in gold if row["lead"] == ["市应急局"] and "已修改" in row["notes"])
    assert "os:" in edited["notes"]
    # 8–30 characters, once in the document's text (the one task of seven characters says so)
    caveats = [row for row in gold if "摘录" in row["notes"]]
    assert len(caveats) <= 1
    for row in gold:
        if row not in caveats:
            assert 8 <= len(fold(row["snippet"])) and len(row["snippet"]) <= 30
            assert texts[row["doc"]].count(fold(row["snippet"])) == 1, row
    assert run(home, "export", "-o", str(out), "--format", "gold", "--by-unit").exit_code == 2

"""A confidence on every task (ingest/task_confidence.py): one test per entry of its tables,
stored with the task, listed doubtful-first by `kb tasks --doubtful`, exported as 置信度."""
import json

import pytest
from click.testing import CliRunner

from ingest.task_confidence import DOUBTFUL_BELOW, PENALTIES, SOURCE_CONFIDENCE, task_confidence
from kb import KnowledgeBase
from kb.cli import cli
from kb.tables.export import confidence_cell
from tests.notices import HEADER, parse, task_with

# owner source -> a notice line whose task is found that way
SOURCE_EXAMPLES = {
    "label": "1.开展燃气排查。（牵头单位：县住建局；配合单位：县市场监管局）",
    "duty_line": "县住建局：负责开展燃气排查，做到排查全覆盖。",
    "phrase": "1.开展燃气排查（县住建局牵头，县市场监管局配合）。",
    "table": "工作任务 | 责任单位\n开展燃气排查 | 县住建局",
    "convention": "1.开展燃气排查。（县住建局、县市场监管局负责。列第一位者为牵头单位，下同）",
    "prose": "1.开展燃气排查，县住建局要加强督促检查。",
    "": "1.开展燃气排查，做到排查全覆盖。",
    "heading": "（一）县住建局\n1.开展燃气排查，做到排查全覆盖。",
    "cut": "1.开展燃气排查，做到排查全覆盖。（县住建局、县市场监管局、县",
}


@pytest.mark.parametrize("source", list(SOURCE_CONFIDENCE))
def test_each_owner_source_has_its_confidence(tmp_path, source):
    task = task_with(parse(tmp_path, "一、重点任务\n" + SOURCE_EXAMPLES[source] + "\n"), "燃气排查")
    assert task.owner_source.split(":")[0] == source
    assert task.confidence == SOURCE_CONFIDENCE[source]


PENALTY_EXAMPLES = {  # name -> a task that has it
    "long_span": "1.开展燃气排查。" + "全面排查燃气管道和用气场所的安全隐患，建立台账逐项整改。" * 15 + "（牵头单位：县住建局）",
    "inferred_year": "1.开展燃气排查，6月底前完成。（牵头单位：县住建局）",
    "only_stand_ins": "1.开展燃气排查。（牵头单位：各有关部门）",
}


@pytest.mark.parametrize("name, factor", [(name, factor) for name, _, factor in PENALTIES])
def test_each_sign_of_doubt_lowers_the_confidence(tmp_path, name, factor):
    task = task_with(parse(tmp_path, "一、重点任务\n" + PENALTY_EXAMPLES[name] + "\n"), "燃气排查")
    assert task.confidence == round(SOURCE_CONFIDENCE["label"] * factor, 2) < SOURCE_CONFIDENCE["label"]
    assert task_confidence(task) == task.confidence


def test_the_doubtful_are_listed_first_and_exported_with_their_confidence(tmp_path):
    notice = tmp_path / "files" / "notice.txt"
    notice.parent.mkdir()
    notice.write_text(HEADER + "一、重点任务\n" + SOURCE_EXAMPLES["label"] + "\n2.开展校园消防检查，做到全覆盖。\n"
                      "3.开展电动车充电检查，县消防救援大队要加强巡查。\n", encoding="utf-8")
    home = tmp_path / "kb"
    with KnowledgeBase(home) as kb:
        kb.ingest([notice])
        doubtful = kb.task_rows(doubtful=True)
        assert [r["confidence"] for r in doubtful] == sorted(r["confidence"] for r in doubtful)
        assert all(r["confidence"] < DOUBTFUL_BELOW for r in doubtful)
        assert not any("燃气排查" in r["text"] for r in doubtful)  # labelled: not doubtful
        assert len(kb.task_rows()) == 3
    runner = CliRunner()
    listed = runner.invoke(cli, ["--home", str(home), "tasks", "--doubtful"])
    assert listed.exit_code == 0 and "存疑" in listed.output and "燃气排查" not in listed.output
    out = tmp_path / "t.jsonl"
    assert runner.invoke(cli, ["--home", str(home), "export", "-o", str(out)]).exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(isinstance(r["confidence"], float) for r in rows)


@pytest.mark.parametrize("confidence, cell", [(0.97, "97%"), (0.5, "50%（存疑）"), ("", "")])
def test_the_confidence_cell(confidence, cell):
    assert confidence_cell({"confidence": confidence}) == cell

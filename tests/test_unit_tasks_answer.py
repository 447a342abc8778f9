"""One unit's work as a table (issue 20): `X负责哪些任务` answers with the unit's tasks grouped by
document, its role, the deadline and the deadline's status, one citation per document; the
same in `kb ask` (text and --json)."""
import json
from datetime import date

from click.testing import CliRunner

from kb.answers.ask import ask
from kb.cli import cli
from kb.tables.tracking import STATUSES


def test_a_units_tasks_are_a_table_grouped_by_document(seeded_kb):
    answer = ask(seeded_kb.indexes, "应急局负责哪些任务？", today=date(2024, 6, 1))
    assert answer.kind == "unit_tasks" and answer.table and len(answer.table) == len(answer.tasks)
    documents = [row["doc_id"] for row in answer.table]
    assert documents == sorted(documents, key=documents.index)  # each document's rows together
    assert len(answer.citations) == len(set(documents)) == len(answer.groups)  # one citation each
    assert all(row["role"] and row["status"] in STATUSES for row in answer.table)
    assert "应急局共" in answer.answer and "份文件" in answer.answer


def test_the_cli_prints_the_table_and_gives_it_in_json(seeded_home):
    runner = CliRunner()
    text = runner.invoke(cli, ["--home", str(seeded_home), "ask", "应急局负责哪些任务？"])
    assert text.exit_code == 0 and "《" in text.output and "依据" not in text.output
    as_json = runner.invoke(cli, ["--home", str(seeded_home), "ask", "应急局负责哪些任务？", "--json"])
    table = json.loads(as_json.output)["table"]
    assert {"doc_title", "role", "task", "deadline", "status"} <= set(table[0])

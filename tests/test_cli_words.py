"""The CLI speaks Chinese (click's own Usage/Options/Error words aside): a one-line description
for every command, footers and refusals in Chinese, one calendar check for every date option,
empty questions refused, and the deadlines exported as an .ics calendar."""
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kb import InvalidInput, KnowledgeBase
from kb.cli import cli

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ENGLISH_FOOTERS = ("tasks", "hits", "ingested", "failed", "reviews", "Invalid value", "wrote")


def run(home, *args):
    return CliRunner().invoke(cli, ["--home", str(home), *args], obj={})


def every_command(command=cli, path="kb"):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from every_command(sub, f"{path} {name}")


@pytest.mark.parametrize("path, command", list(every_command()), ids=lambda value: value if isinstance(value, str) else "")
def test_every_command_has_a_one_line_description(path, command):
    first_paragraph = command.help.split("\n\n")[0].strip()
    assert "\n" not in first_paragraph, f"`{path}`: the first paragraph of its help is one short sentence"
    assert command.get_short_help_str(limit=45) == first_paragraph  # click shows it whole, no "..."
    assert first_paragraph.endswith("。")


def test_kb_help_lists_every_command_with_its_description(tmp_path):
    listed = run(tmp_path, "--help").output.split("Commands:\n", 1)[1].splitlines()
    assert sorted(line.split()[0] for line in listed) == sorted(cli.commands)
    assert all(len(line.split()) >= 2 and not line.endswith("...") for line in listed), listed


@pytest.mark.parametrize("args, option", [
    (("tasks", "--role", "boss"), "'--role'"),
    (("export", "-o", "x.xlsx", "--role", "boss"), "'--role'"),
    (("user", "add", "张三", "--role", "boss", "--password-stdin"), "'--role'"),
    (("user", "role", "张三", "boss"), ""),
    (("search", "安全", "--mode", "fuzzy"), "'--mode'"),
    (("search", "安全", "--kind", "table"), "'--kind'"),
    (("export", "-o", "x.xlsx", "--format", "pdf"), "'--format'"),
])
def test_a_value_off_the_list_is_refused_in_chinese(tmp_path, args, option):
    result = run(tmp_path, *args)
    assert result.exit_code == 2
    assert f"{option} 的值不能用：“" in result.output and "不是可选的值，请用 " in result.output
    assert "Invalid value" not in result.output


@pytest.mark.parametrize("args, said", [
    (("tasks", "--limit", "abc"), "'--limit' 的值不能用：请写不小于 1 的整数 ('abc' is not a valid integer)"),
    (("tasks", "--limit", "0"), "'--limit' 的值不能用：请写不小于 1 的整数 (0 < 1)"),
    (("search", "安全", "--k", "0"), "'--k' 的值不能用：请写不小于 1 的整数"),
    (("audit", "--limit", "-3"), "'--limit' 的值不能用：请写不小于 1 的整数"),
    (("task", "confirm", "x"), "的值不能用：请写整数 ('x' is not a valid integer)"),
])
def test_a_number_that_is_not_one_is_refused_in_chinese(tmp_path, args, said):
    result = run(tmp_path, *args)
    assert result.exit_code == 2 and said in result.output


def test_role_choices_are_named_and_taken_in_chinese(seeded_home):
    refused = run(seeded_home, "tasks", "--role", "boss").output
    assert "lead（牵头）、co（配合）、responsible（责任）" in refused
    by_label = json.loads(run(seeded_home, "tasks", "--unit", "应急局", "--role", "牵头", "--json").output)
    assert by_label and by_label == json.loads(run(seeded_home, "tasks", "--unit", "应急局", "--role", "lead",
                                                   "--json").output)


DATE_OPTIONS = [("tasks", "--due-before"), ("tasks", "--due-after"), ("export", "-o", "x.xlsx", "--due-before"),
                ("audit", "--since"), ("audit", "--until"), ("task", "edit", "1", "--deadline-norm"),
                ("task", "add", "d1", "--start", "0", "--end", "9", "--deadline-norm")]


@pytest.mark.parametrize("command", DATE_OPTIONS, ids=" ".join)
@pytest.mark.parametrize("value", ["2021-02-30", "2021-12-32", "2023-02-29", "2021-13", "2021-00", "0000", "明年",
                                   "21-06-30"])
def test_every_date_option_takes_only_calendar_dates(tmp_path, command, value):
    result = run(tmp_path, *command, value)
    assert result.exit_code == 2
    assert f"“{value}”不是日历上的日期" in result.output and "Invalid value" not in result.output


def test_calendar_dates_are_taken_in_every_written_form(seeded_home):
    for written in ("2021-12", "2021-12-31", "2021/12/31", "2021.12.31"):
        rows = json.loads(run(seeded_home, "tasks", "--due-before", written, "--json").output)
        assert rows and all(r["deadline_norm"][:7] <= "2021-12" for r in rows), written
    assert run(seeded_home, "tasks", "--due-before", "2024-02-29").exit_code == 0  # a leap day


@pytest.mark.parametrize("value", ["2021-02-30", "2021-12-32", "2021-13"])
def test_the_kb_refuses_an_impossible_deadline_bound_in_chinese(seeded_kb, value):
    with pytest.raises(InvalidInput, match=f"时限请写成日历上的年份、年月或日期.*“{value}”"):
        seeded_kb.task_rows(due_before=value)


@pytest.mark.parametrize("args", [("ask", ""), ("ask", "   "), ("ask", "\t\n"), ("search", ""), ("search", "  ")],
                         ids=repr)
def test_an_empty_question_or_query_is_refused_with_exit_code_1(seeded_home, args):
    result = run(seeded_home, *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert "是空的：请写出要" in result.stderr


def test_footers_and_lines_are_chinese(seeded_home, tmp_path):
    outputs = {
        "tasks": run(seeded_home, "tasks", "--unit", "应急局"),
        "search": run(seeded_home, "search", "消防", "--k", "2"),
        "docs": run(seeded_home, "docs"),
        "ask": run(seeded_home, "ask", "消防整治谁牵头？"),
        "export": run(seeded_home, "export", "-o", str(tmp_path / "t.csv")),
    }
    assert "共 " in outputs["tasks"].stderr and outputs["tasks"].stderr.strip().endswith("项任务")
    assert outputs["search"].stderr.strip() == "共 2 条结果"
    assert "（任务，" in outputs["search"].stdout or "（段落，" in outputs["search"].stdout
    assert "项任务" in outputs["docs"].stdout and "（类型 lead，置信度 " in outputs["ask"].stdout
    assert outputs["export"].stdout.startswith("已写入 ")
    for name, result in outputs.items():
        words = result.output.replace("--", " ").split()
        assert not [word for word in ENGLISH_FOOTERS if word in words], (name, result.output)


def test_ingest_lines_start_with_the_status_then_say_it_in_chinese(tmp_path):
    home = tmp_path / "kb"
    first = run(home, "ingest", str(CORPUS / "004_bb384d748523cb2c.txt"))
    again = run(home, "ingest", str(CORPUS / "004_bb384d748523cb2c.txt"))
    assert first.stdout.startswith("ok 已导入") and first.stdout.rstrip().endswith("项任务")
    assert again.stdout.startswith("duplicate 重复")
    assert first.stderr.strip().endswith("导入完成：1 个文件，失败 0 个")


def test_a_missing_document_is_said_in_chinese_with_an_english_gloss(seeded_home):
    """Through the real entry point (python -m kb): the KBError's message after 错误：, exit 1."""
    done = subprocess.run([sys.executable, "-m", "kb", "--home", str(seeded_home), "tasks", "--doc", "zzz"],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "错误：没有与“zzz”对应的文件；kb docs 列出每个文件的 id (no document matches 'zzz')" in done.stderr


def test_export_writes_the_deadlines_as_an_ics_calendar(seeded_home, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    rows = json.loads(run(seeded_home, "tasks", "--unit", "应急局", "--json").output)
    dated = [r for r in rows if r["deadline_norm"]]
    by_suffix, by_option = tmp_path / "时限.ics", tmp_path / "calendar.txt"
    assert run(seeded_home, "export", "-o", str(by_suffix), "--unit", "应急局").output == f"已写入 {by_suffix}\n"
    assert run(seeded_home, "export", "-o", str(by_option), "--format", "ics", "--unit", "应急局").exit_code == 0
    assert by_suffix.read_bytes().split(b"DTSTAMP")[0] == by_option.read_bytes().split(b"DTSTAMP")[0]
    events = icalendar.Calendar.from_ical(by_suffix.read_bytes()).walk("VEVENT")
    assert dated and len(events) == len(dated)  # an event per task with a deadline
    assert all("完成时限：" in str(event["DESCRIPTION"]) and "应急" in str(event["DESCRIPTION"]) for event in events)


def test_export_refuses_unknown_formats_and_ics_by_unit_in_chinese(seeded_home, tmp_path):
    unknown = run(seeded_home, "export", "-o", str(tmp_path / "t.pdf"))
    assert unknown.exit_code == 1 and isinstance(unknown.exception, InvalidInput)
    assert str(unknown.exception).startswith("不能导出为“pdf”格式：请用 xlsx、csv、jsonl、ics 之一")
    by_unit = run(seeded_home, "export", "-o", str(tmp_path / "t.ics"), "--by-unit")
    assert by_unit.exit_code == 1 and "日历 .ics 不分单位" in str(by_unit.exception)
    assert not (tmp_path / "t.ics").exists()
    with KnowledgeBase(seeded_home) as kb:
        assert kb.export(tmp_path / "all.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")

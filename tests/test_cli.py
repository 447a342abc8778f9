"""End to end through the real CLI: files -> SQLite -> tasks -> export, and bad input."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb import KnowledgeBase
from kb.cli import cli
from kb.tables.export import read_xlsx

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
JINAN = "000_ae917fade8060d6b.txt"
YIYUAN = "001_310b19cc18857d67.txt"


def run(home, *args, input=None):
    result = CliRunner().invoke(cli, ["--home", str(home), *args], obj={}, input=input)
    return result


@pytest.fixture
def seeded(tmp_path):
    home = tmp_path / "kb"
    result = run(home, "ingest", str(CORPUS))
    assert result.exit_code == 0, result.output
    return home


def test_ingest_corpus_then_list(seeded):
    docs = json.loads(run(seeded, "docs", "--json").output)
    assert len(docs) == 5
    jinan = next(d for d in docs if d["file"] == JINAN)
    assert jinan["title"] == "济南市安全生产攻坚年行动实施方案"
    assert jinan["number"] == "济政办函〔2021〕8号" and jinan["date"] == "2021-04-07"
    assert all(d["n_tasks"] > 0 for d in docs)


def test_ingest_prints_one_line_per_file_and_duplicates(seeded, tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(CORPUS / JINAN, copy)
    result = run(seeded, "ingest", str(copy))
    assert result.exit_code == 0
    assert "duplicate" in result.output
    assert len(json.loads(run(seeded, "docs", "--json").output)) == 5


def test_tasks_filter_by_unit_alias_and_role(seeded):
    rows = json.loads(run(seeded, "tasks", "--unit", "消防救援支队", "--role", "lead", "--json").output)
    assert rows and all("市消防救援支队" in r["lead_units"] for r in rows)
    # level-free: 应急局 finds 市应急局 (济南) and 县应急局 (沂源)
    rows = json.loads(run(seeded, "tasks", "--unit", "应急局", "--json").output)
    files = {r["doc_file"] for r in rows}
    assert {JINAN, YIYUAN} <= files
    # a name outside the alias table matches as part of the name as written
    rows = json.loads(run(seeded, "tasks", "--unit", "交警", "--json").output)
    assert rows and all(any("交警" in u for u in r["lead_units"] + r["co_units"] + r["responsible_units"])
                        for r in rows)
    due = json.loads(run(seeded, "tasks", "--due-before", "2021-06", "--json").output)
    assert due and all(r["deadline_norm"] <= "2021-06" for r in due)


def test_tasks_text_output(seeded):
    result = run(seeded, "tasks", "--doc", JINAN, "--keyword", "消防领域")
    assert "牵头: 市消防救援支队" in result.output and "时限: 2021年12月" in result.output


def test_export_jsonl_keys_and_xlsx_round_trip(seeded, tmp_path):
    out = tmp_path / "t.jsonl"
    assert run(seeded, "export", "--format", "jsonl", "-o", str(out), "--doc", JINAN).exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert list(rows[0]) == ["doc_file", "doc_title", "doc_number", "issuer", "doc_date", "section", "title",
                             "text", "lead_units", "co_units", "responsible_units", "deadline",
                             "deadline_norm", "metrics", "deadline_inferred", "owner_source", "confidence",
                             "doc_id", "start", "end", "review", "reviewed_by", "reviewed_at", "status"]
    xlsx = tmp_path / "t.xlsx"
    assert run(seeded, "export", "-o", str(xlsx), "--doc", JINAN).exit_code == 0
    sheets = read_xlsx(xlsx)
    assert list(sheets)[0] == "汇总" and len(sheets["汇总"]) == len(rows)
    assert [r["牵头单位"] for r in sheets["汇总"]] == ["、".join(r["lead_units"]) for r in rows]
    by_unit = tmp_path / "u.xlsx"
    assert run(seeded, "export", "-o", str(by_unit), "--by-unit", "--unit", "应急局").exit_code == 0
    assert list(read_xlsx(by_unit)) == ["汇总", "应急局"]  # the unit's own list, every level merged
    every_unit = tmp_path / "all.xlsx"
    assert run(seeded, "export", "-o", str(every_unit), "--by-unit").exit_code == 0
    assert not [name for name in read_xlsx(every_unit) if name.startswith(("各", "有关"))]  # placeholders


def test_remove_document(seeded):
    result = run(seeded, "remove", JINAN)
    assert result.exit_code == 0 and "已删除" in result.output
    assert len(json.loads(run(seeded, "docs", "--json").output)) == 4
    result = run(seeded, "remove", "no-such-doc")
    assert result.exit_code != 0
    two = [doc["doc_id"] for doc in json.loads(run(seeded, "docs", "--json").output)[:2]]
    result = run(seeded, "remove", *two)  # several in one commit
    assert result.exit_code == 0 and result.output.count("已删除") == 2
    assert len(json.loads(run(seeded, "docs", "--json").output)) == 2
    assert not {hit["doc_id"] for hit in json.loads(run(seeded, "search", "安全生产", "--json").output)} & set(two)


def test_bad_files_are_reported_and_the_rest_ingested(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / JINAN, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    (folder / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    gbk = folder / "gbk.txt"
    gbk.write_bytes((CORPUS / YIYUAN).read_text(encoding="utf-8").encode("gb18030"))
    home = tmp_path / "kb"
    result = run(home, "ingest", str(folder))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    for name in ("empty.txt", "broken.pdf", "old.docx"):
        assert any(line.startswith("error") and name in line for line in lines), name
    assert sum(line.startswith("ok") for line in lines) == 2  # good.txt and the GBK file
    with KnowledgeBase(home) as kb:
        assert {d["file"] for d in kb.documents()} == {"good.txt", "gbk.txt"}


def test_a_file_removed_mid_run_is_an_error_not_a_crash(tmp_path):
    home = tmp_path / "kb"
    gone = tmp_path / "gone.txt"
    gone.write_text("一、总体要求\n内容。", encoding="utf-8")
    with KnowledgeBase(home) as kb:
        before = kb.ingest([CORPUS / JINAN])
        results = []
        for path in [gone, CORPUS / YIYUAN]:
            if path == gone:
                gone.unlink()  # disappears between listing and reading
            results.append(kb.ingest_file(path))
        assert before[0].ok and not results[0].ok and "gone.txt" in results[0].error
        assert results[1].ok and len(kb.documents()) == 2


def test_changed_file_replaces_its_rows(tmp_path):
    home, notice = tmp_path / "kb", tmp_path / "notice.txt"
    notice.write_text("一、主要任务\n（一）加强培训。开展培训。（县应急局负责）\n", encoding="utf-8")
    with KnowledgeBase(home) as kb:
        assert kb.ingest_file(notice).status == "added"
        notice.write_text("一、主要任务\n（一）加强培训。开展培训。（县教育局负责）\n", encoding="utf-8")
        assert kb.ingest_file(notice).status == "replaced"
        rows = kb.task_rows()
        assert len(kb.documents()) == 1 and rows[0]["responsible_units"] == ["县教育局"]


def test_python_module_entry_point(seeded):
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "kb", "--home", str(seeded), "docs"], capture_output=True,
                         text=True, check=True).stdout
    assert "济南市安全生产攻坚年行动实施方案" in out

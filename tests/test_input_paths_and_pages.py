"""Inputs that used to be read wrongly without a word: a web page nested deeper than the HTML
parser's limit, an empty path (an unset shell variable), a file name with a newline in it."""
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ingest.pipeline import parse_file
from kb import KBError, KnowledgeBase
from kb.cli import cli
from tests.concurrency import ROOT, kb_env
from tests.hostile_inputs import NOTICE_TASK, NOTICE_TITLE, deep_html


@pytest.mark.parametrize("depth", [300, 1500, 3000, 100_000])
def test_a_page_of_any_depth_gives_its_notice(tmp_path, depth):
    """Past 256 levels libxml2 gave an empty page (reported "ok", 0 tasks); to 2048 it now
    parses the page, deeper pages are read as lines of text, with a note saying so."""
    parsed = parse_file(deep_html(tmp_path, depth))
    assert parsed.document.title == NOTICE_TITLE
    assert [task.lead_units for task in parsed.tasks] == [["市应急管理局"]]
    assert NOTICE_TASK in parsed.document.text
    assert bool(parsed.notes) == (depth > 2048)
    if parsed.notes:
        assert "嵌套超过 2048 层" in parsed.notes[0]


def test_an_empty_path_is_refused_before_anything_is_read(tmp_path):
    """`kb ingest "$UNSET"` would mean the current folder and all under it."""
    (tmp_path / "notice.txt").write_text(f"{NOTICE_TITLE}\n{NOTICE_TASK}\n", encoding="utf-8")
    home = tmp_path / "kb"
    for paths in ([""], ["  "], [str(tmp_path / "notice.txt"), ""]):
        result = subprocess.run([sys.executable, "-m", "kb", "--home", str(home), "ingest", *paths],
                                cwd=tmp_path, env={**kb_env(), "PYTHONPATH": str(ROOT)},
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 1 and "导入路径为空" in result.stderr, result.stderr
    with KnowledgeBase(home) as kb:
        with pytest.raises(KBError, match="empty path"):
            kb.ingest([""])
        assert kb.documents() == []


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = folder / "通知\n第二行\t.txt"
    odd.write_text(f"{NOTICE_TITLE}\n{NOTICE_TASK}\n", encoding="utf-8")
    (folder / "坏文件\n.docx").write_bytes(b"not a docx")
    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "kb"), "ingest", str(folder)])
    lines = result.output.splitlines()
    assert any(line.startswith("ok") and "通知\\n第二行\\t.txt" in line for line in lines), result.output
    assert any(line.startswith("error") and "坏文件\\n.docx" in line for line in lines), result.output
    as_json = CliRunner().invoke(cli, ["--home", str(tmp_path / "kb2"), "ingest", "--json", str(odd)])
    assert json.loads(as_json.output.splitlines()[0])["path"] == os.fspath(odd)

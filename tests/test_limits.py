"""Untrusted files cannot exhaust memory: zip bombs, oversized and single-line files, caps per
document, looping links. Each run is a real `kb ingest` process whose peak memory (VmHWM) is
measured; the other files of the same run are still ingested."""
import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from ingest.errors import ReadError
from ingest.readers import read_file
from kb import KnowledgeBase
from tests.concurrency import ROOT, SEEDS, kb_env, run_capped_python

MB = 1024 * 1024
# Generous: a `kb ingest` of one notice peaks near 300 MB here (model, jieba, faiss); parsing
# a bomb or a 10 MB line the old way took 1-7 GB.
PEAK_BOUND_MB = 700
# A guard so that a regression fails this test instead of exhausting the machine.
ADDRESS_SPACE_LIMIT = 4096 * MB
PEAK_REPORT = re.compile(r"VmHWM (\d+) kB")


def ingest_measured(home: Path, *args: str, **settings) -> tuple[subprocess.CompletedProcess, float]:
    """`kb --home HOME ingest ARGS` in its own process; returns it and its peak RSS in MB."""
    code = ("import atexit, sys\n"
            "atexit.register(lambda: sys.stderr.write('VmHWM %s kB\\n' % open('/proc/self/status')"
            ".read().split('VmHWM:')[1].split()[0]))\n"
            "from kb.cli import main\n"
            f"sys.argv = ['kb', '--home', {str(home)!r}, 'ingest', *{list(args)!r}]\n"
            "main()\n")
    result = run_capped_python(code, address_space=ADDRESS_SPACE_LIMIT, cwd=ROOT, env=kb_env(**settings),
                               capture_output=True, text=True, timeout=600)
    found = PEAK_REPORT.search(result.stderr)
    peak_mb = int(found.group(1)) / 1024 if found else float("inf")
    print(f"kb ingest {' '.join(args)}: peak {peak_mb:.0f} MB")
    return result, peak_mb


def write_docx_bomb(path: Path, inflated_mb: int) -> Path:
    """A real .docx whose document.xml inflates to ``inflated_mb`` of one repeated paragraph."""
    import docx

    made = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("关于开展安全生产检查的通知")
    document.save(made)
    with zipfile.ZipFile(made) as base, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for item in base.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, base.read(item.filename))
        xml = base.read("word/document.xml")
        head, tail = xml.split(b"<w:body>")[0] + b"<w:body>", b"</w:body></w:document>"
        paragraph = "<w:p><w:r><w:t>开展安全生产大检查。</w:t></w:r></w:p>".encode() * 1000
        with out.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head)
            for _ in range(inflated_mb * MB // len(paragraph)):
                member.write(paragraph)
            member.write(tail)
    return path


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    return {"big": write_docx_bomb(folder / "big.docx", 300),  # past the total
            "dense": write_docx_bomb(folder / "dense.docx", 30)}  # under it, but inflating ~1000x


def test_zip_bounds_refuse_bombs_before_parsing(bombs):
    from ingest.readers.common import check_zip_bounds

    with pytest.raises(ReadError, match="解压后过大（30[01] MB，上限 200 MB）"):
        read_file(bombs["big"])
    with pytest.raises(ReadError, match="压缩比异常"):
        read_file(bombs["dense"])
    check_zip_bounds(bombs["big"], max_total=400 * MB, max_ratio=10_000)  # limits are arguments


def test_docx_bombs_are_refused_with_bounded_memory_and_the_rest_ingested(bombs, tmp_path):
    result, peak_mb = ingest_measured(tmp_path / "kb", str(bombs["big"]), str(bombs["dense"]), str(SEEDS[4]))
    assert result.returncode == 1  # some files failed
    assert "解压后过大" in result.stdout and "压缩比异常" in result.stdout
    assert "导入完成：1 个文件，失败 2 个" in result.stderr
    assert peak_mb < PEAK_BOUND_MB, f"peak {peak_mb:.0f} MB"
    with KnowledgeBase(tmp_path / "kb") as kb:
        assert [d["file"] for d in kb.documents()] == [SEEDS[4].name]


def test_an_oversized_file_is_refused_unless_the_limit_is_raised(tmp_path):
    big = tmp_path / "big.txt"
    line = "各单位要认真开展安全生产大检查，及时消除事故隐患。\n".encode()
    big.write_bytes(line * (MB * 3 // 2 // len(line)))  # 1.5 MB
    result, peak_mb = ingest_measured(tmp_path / "kb", str(big), str(SEEDS[4]), max_file_mb=1)
    assert result.returncode == 1
    assert "文件太大（1.5 MB），上限是 1 MB" in result.stdout and "--max-size" in result.stdout
    assert peak_mb < PEAK_BOUND_MB
    raised, _ = ingest_measured(tmp_path / "kb", "--max-size", "2", str(big), max_file_mb=1,
                                max_passages_per_doc=40)
    assert raised.returncode == 0, raised.stdout + raised.stderr
    assert "只保留前 40 个" in raised.stderr  # the passage cap, with a warning
    with KnowledgeBase(tmp_path / "kb") as kb:
        assert len(kb.documents()) == 2 and kb.stats()["passages"] <= 40 + 50


@pytest.fixture(scope="module")
def baseline_peak_mb(tmp_path_factory) -> float:
    """Peak memory of ingesting one seed notice: the model, jieba and faiss, nearly all of it."""
    result, peak_mb = ingest_measured(tmp_path_factory.mktemp("kb"), str(SEEDS[4]))
    assert result.returncode == 0
    return peak_mb


def test_a_ten_megabyte_line_parses_in_bounded_memory(tmp_path, baseline_peak_mb):
    line = tmp_path / "line.txt"
    line.write_text("安 全 " * (10 * MB // 8), encoding="utf-8")  # one line, 2.6 million spaces to drop
    result, peak_mb = ingest_measured(tmp_path / "kb", str(line), max_passages_per_doc=50)
    assert result.returncode == 0, result.stdout + result.stderr
    # parsing it must not cost more than 20 bytes per byte of file (the old way: about 50)
    assert peak_mb - baseline_peak_mb < 200, f"peak {peak_mb:.0f} MB, {baseline_peak_mb:.0f} MB without it"
    assert "只保留前 50 个" in result.stderr


def test_tasks_past_the_cap_are_left_out_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_MAX_TASKS_PER_DOC", "10")
    with KnowledgeBase(tmp_path / "kb") as kb:
        result = kb.ingest([SEEDS[1]])[0]  # 61 tasks
        assert result.ok and result.n_tasks == 10
        assert "任务超过上限 10 项" in result.warning  # extraction stopped there (the notice has 61)
        assert kb.stats()["tasks"] == 10


def test_links_that_lead_nowhere_are_reported_not_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "gone.md").symlink_to(tmp_path / "missing.md")
    (folder / "seed.txt").write_bytes(SEEDS[4].read_bytes())
    with KnowledgeBase(tmp_path / "kb") as kb:
        results = {Path(r.path).name: r for r in kb.ingest([folder, folder / "loop.txt"])}
    assert results["seed.txt"].ok
    for name in ("loop.txt", "gone.md"):
        assert "符号链接无法打开" in results[name].error, results[name].error


def test_task_extraction_stops_at_the_cap_and_says_so(tmp_path):
    """A file without line breaks is one item: it is read a part at a time (cut at sentence
    ends), so extraction stops at the task cap instead of cutting all of it into tasks first
    (a 10 MB line took minutes)."""
    from ingest.pipeline import parse_file
    from ingest.tasks import ITEM_PART_CHARS

    sentence = "各单位要认真开展安全生产大检查，及时消除事故隐患。"
    line = tmp_path / "one_line.txt"
    line.write_text(sentence * (3 * ITEM_PART_CHARS // len(sentence)), encoding="utf-8")
    capped = parse_file(line, max_tasks=100)
    assert len(capped.tasks) == 100 and "任务超过上限 100 项" in capped.notes[0]
    whole = parse_file(line)  # the parts give the tasks one pass over the line gives
    assert not whole.notes and len(whole.tasks) == 3 * ITEM_PART_CHARS // len(sentence)
    assert [(t.start, t.end) for t in whole.tasks[:100]] == [(t.start, t.end) for t in capped.tasks]

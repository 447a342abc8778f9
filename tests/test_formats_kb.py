"""Every format end to end, as users bring them: through `kb ingest` and through the app's 导入
page, into a real KB, giving the same task owners as the same notice from its .txt (≥ 95 %; ≥ 90 %
for OCR). A scanned sample notice answers "消防整治谁牵头？" with the unit and a citation marked as
OCR text, in the CLI and in the app. A damaged file of each kind is refused and changes nothing."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from bench.scorers import owner_agreement
from ingest.pipeline import parse_file
from kb import KnowledgeBase
from kb.cli import cli
from tests import made_files
from tests.office import SOFFICE

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
NOTICE = ROOT / "corpus" / "000_ae917fade8060d6b.txt"  # 济南: its 消防 task is led by 市消防救援支队
MIN_AGREEMENT = 0.95
MIN_OCR_AGREEMENT = 0.90
PAGE_META = {"索引号": "11370100004/2021-00012", "发布机构": "济南市人民政府办公厅", "成文日期": "2021-04-07"}
EXTRA_TABLE = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
               ["1", "开展危险化学品安全专项整治", "市应急局", "市公安局", "2021年12月底前"],
               ["2", "推进城镇燃气安全整治", "市应急局", "市住房城乡建设局", "2021年6月底前"]]

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice makes the files: scripts/system_deps.sh")


class Owners:
    """A task as the agreement scorer sees it (the workbook's rows, before any reader)."""

    def __init__(self, row: dict):
        self.lead_units, self.co_units, self.responsible_units = row["lead_units"], row["co_units"], []


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict:
    """Every format of the sample notice, and the tasks each should give."""
    folder = tmp_path_factory.mktemp("formats")
    lines = made_files.notice_lines(NOTICE)
    expected = parse_file(NOTICE).tasks
    assert expected
    rows = [{"text": t.text, "lead_units": t.lead_units, "co_units": t.co_units, "deadline": t.deadline}
            for t in expected if t.lead_units or t.co_units]
    page = made_files.web_page(lines, EXTRA_TABLE, PAGE_META, folder / "通知.html")
    workbook = made_files.task_workbook(rows, folder / "任务分工表.xlsx")
    xls, _ = made_files.legacy_workbook(workbook, folder)
    doc, wps = made_files.legacy_word(lines, folder)
    short = made_files.excerpt(NOTICE, owner_blocks=1)
    short_txt = folder / "短通知.txt"
    short_txt.write_text("\n".join(short), encoding="utf-8")
    short_pdf = made_files.text_pdf(short, folder / "短通知.pdf")
    scan = made_files.scanned_pdf([made_files.with_seal(image, "济南市人民政府办公厅") if i == 0 else image
                                   for i, image in enumerate(made_files.page_images(short_pdf))],
                                  folder / "短通知扫描.pdf")
    photo = made_files.photo_like(made_files.page_images(short_pdf, dpi=200)[0], folder / "照片.jpg")
    return {
        "html": (page, expected, MIN_AGREEMENT),
        "mhtml": (made_files.web_archive(page, folder / "通知.mhtml"), expected, MIN_AGREEMENT),
        "xlsx": (workbook, [Owners(r) for r in rows], MIN_AGREEMENT),
        "xls": (xls, [Owners(r) for r in rows], MIN_AGREEMENT),
        "doc": (doc, expected, MIN_AGREEMENT),
        "wps": (wps, expected, MIN_AGREEMENT),
        "ofd": (made_files.ofd_document(lines, folder / "通知.ofd"), expected, MIN_AGREEMENT),
        "scan": (scan, parse_file(short_txt).tasks, MIN_OCR_AGREEMENT),
        "photo": (photo, parse_file(short_txt).tasks[:1], MIN_OCR_AGREEMENT),
        "full scan": (None, expected, MIN_OCR_AGREEMENT),  # made by scanned_home (7 pages, OCR'd once)
    }


def run(home: Path, *args: str):
    return CliRunner().invoke(cli, ["--home", str(home), *args], obj={})


def kb_tasks(home: Path) -> list:
    with KnowledgeBase(home) as kb:
        return [stored.task for stored in kb.tasks()]


@pytest.fixture(scope="module")
def scanned_home(made, tmp_path_factory):
    """The whole sample notice printed, stamped, scanned (7 pages) and ingested by `kb ingest`."""
    folder = tmp_path_factory.mktemp("scanned")
    pdf = made_files.text_pdf(made_files.notice_lines(NOTICE), folder / "济南通知.pdf")
    pages = made_files.page_images(pdf)
    pages[0] = made_files.with_seal(pages[0], "济南市人民政府办公厅")
    scan = made_files.scanned_pdf(pages, folder / "济南通知扫描件.pdf")
    home = folder / "kb"
    result = run(home, "ingest", str(scan))
    assert result.exit_code == 0, result.output
    assert f"OCR {scan}：第 {len(pages)}/{len(pages)} 页" in result.output  # progress, page by page
    return home


# a scanned PDF through `kb ingest`: test_kb_ingest_of_a_whole_scanned_notice
@pytest.mark.parametrize("fmt", ["html", "mhtml", "xlsx", "xls", "doc", "wps", "ofd", "photo"])
def test_kb_ingest_gives_the_owners_of_the_text_file(made, tmp_path, fmt):
    path, expected, needed = made[fmt]
    result = run(tmp_path / "kb", "ingest", str(path))
    assert result.exit_code == 0, result.output
    assert any(line.startswith("ok") for line in result.output.splitlines())
    assert owner_agreement(expected, kb_tasks(tmp_path / "kb")) >= needed


def test_kb_ingest_of_a_whole_scanned_notice(made, scanned_home):
    _, expected, needed = made["full scan"]
    assert owner_agreement(expected, kb_tasks(scanned_home)) >= needed
    docs = json.loads(run(scanned_home, "docs", "--json").output)
    assert [(d["source"], d["number"], d["date"]) for d in docs] == [("ocr", "济政办函〔2021〕8号", "2021-04-07")]
    assert docs[0]["ocr_confidence"] > 0.9
    assert "[OCR 识别" in run(scanned_home, "docs").output


def test_scanned_notice_answers_who_leads_fire_safety_with_an_ocr_citation(scanned_home):
    result = run(scanned_home, "ask", "消防整治谁牵头？")
    assert result.exit_code == 0
    answer, *rest = result.output.splitlines()
    assert "市消防救援支队" in answer
    citation = next(line for line in rest if line.startswith("依据"))
    assert "OCR 识别文字" in citation and "请核对原件" in citation
    data = json.loads(run(scanned_home, "ask", "消防整治谁牵头？", "--json").output)
    assert "市消防救援支队" in data["units"] and data["citations"][0]["ocr_confidence"] > 0.8
    hits = json.loads(run(scanned_home, "search", "消防领域整治提升", "--json").output)
    assert hits and all(hit["ocr_confidence"] is not None for hit in hits)


def test_app_answer_from_a_scan_is_marked_as_ocr_text(scanned_home, monkeypatch):
    monkeypatch.setenv("KB_HOME", str(scanned_home))
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.text_input(key="question").input("消防整治谁牵头？")
    next(b for b in at.button if b.label == "提问").click().run()
    assert not at.exception
    shown = "\n".join(element.value for kind in ("markdown", "caption", "html") for element in getattr(at, kind))
    assert "市消防救援支队" in shown
    assert "OCR 识别文字" in shown and "请与原件核对" in shown


def upload(home: Path, monkeypatch, path: Path) -> AppTest:
    monkeypatch.setenv("KB_HOME", str(home))
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.session_state["page"] = "导入"
    at.run()
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "application/octet-stream")).run()
    next(b for b in at.button if b.label == "导入").click().run()
    assert not at.exception
    return at


@pytest.mark.parametrize("fmt", ["html", "xlsx", "doc", "ofd", "scan"])
def test_app_import_page_gives_the_owners_of_the_text_file(made, tmp_path, monkeypatch, fmt):
    path, expected, needed = made[fmt]
    at = upload(tmp_path / "kb", monkeypatch, path)
    assert any("已导入" in message.value for message in at.success), [e.value for e in at.error]
    assert owner_agreement(expected, kb_tasks(tmp_path / "kb")) >= needed


@pytest.fixture(scope="module")
def notice_home(tmp_path_factory) -> Path:
    """A KB holding the sample notice. Read-only: copy it to change it."""
    home = tmp_path_factory.mktemp("notice") / "kb"
    assert run(home, "ingest", str(NOTICE)).exit_code == 0
    return home


@pytest.mark.parametrize("kind", ["xlsx", "ofd", "html", "mhtml", "png", "doc"])
def test_a_damaged_file_is_refused_and_the_kb_is_unchanged(notice_home, tmp_path, monkeypatch, kind):
    home = tmp_path / "kb"
    shutil.copytree(notice_home, home)
    with KnowledgeBase(home) as kb:
        before = kb.stats()
    path, words = made_files.damaged_files(tmp_path)[kind]
    result = run(home, "ingest", str(path))
    assert result.exit_code == 1 and words in result.output
    at = upload(home, monkeypatch, path)
    assert any(words in message.value for message in at.error)
    with KnowledgeBase(home) as kb:
        assert kb.stats() == before
    assert not (home / "uploads" / path.name).exists()

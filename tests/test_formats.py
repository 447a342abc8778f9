"""The same notice as .txt, .docx and .pdf must give the same tasks.

Each seed notice in corpus/ becomes a docx (one paragraph per non-empty line, A4) and, through
LibreOffice, a PDF; all three are parsed with the full pipeline and their tasks compared."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm

from ingest.models import Table
from ingest.readers import read_file
from ingest.tables import is_assignment_table, table_tasks
from tests.office import SOFFICE, soffice_convert

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEED_NOTICES = sorted(CORPUS.glob("*.txt"))
MIN_SHARED_TASKS = 0.95

needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: run scripts/system_deps.sh to make PDFs")


def a4_document() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    return document


def notice_docx(txt: Path, path: Path) -> Path:
    document = a4_document()
    for line in txt.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line)
    document.save(path)
    return path


@pytest.fixture(scope="session")
def notice_formats(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """stem -> {"txt", "docx", "pdf"} paths, converted once per session."""
    outdir = tmp_path_factory.mktemp("formats")
    docx_files = [notice_docx(txt, outdir / f"{txt.stem}.docx") for txt in SEED_NOTICES]
    soffice_convert(docx_files, outdir, outdir / "lo-profile")
    return {txt.stem: {"txt": txt, "docx": outdir / f"{txt.stem}.docx", "pdf": outdir / f"{txt.stem}.pdf"}
            for txt in SEED_NOTICES}


def task_key(task) -> tuple:
    return ("".join(task.text.split()), tuple(task.lead_units), tuple(task.co_units), tuple(task.responsible_units))


@needs_soffice
@pytest.mark.parametrize("stem", [txt.stem for txt in SEED_NOTICES])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_same_tasks_as_txt(notice_formats, stem, fmt):
    from ingest.pipeline import parse_file  # imported here so the readers' tests run without it

    files = notice_formats[stem]
    wanted = [task_key(task) for task in parse_file(files["txt"]).tasks]
    assert wanted, f"{stem}.txt gave no tasks: nothing to compare"
    found = Counter(task_key(task) for task in parse_file(files[fmt]).tasks)
    missing = list((Counter(wanted) - found).elements())
    shared = len(wanted) - len(missing)
    assert shared >= MIN_SHARED_TASKS * len(wanted), (
        f"{stem}.{fmt}: {shared}/{len(wanted)} txt tasks found; first missing: {missing[:3]}")


# --------------------------------------------------------------------------- 任务分工表

ASSIGNMENT_HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
ASSIGNMENT_ROWS = [
    ["1", "开展危险化学品安全专项整治，全面排查风险隐患", "市应急局", "市公安局、市交通运输局", "2021年12月底前"],
    ["2", "推进城镇燃气安全整治", "", "市住房城乡建设局、市市场监管局", "2021年6月底前"],
    ["3", "加强消防安全宣传培训", "市消防救援支队", "各区县政府", "长期坚持"],
]
LEAD_MERGED_ROWS = (1, 2)  # 市应急局 leads tasks 1 and 2: one cell merged over both rows
# a row's text is its cells as written, side by side (the export's 重点任务 column leaves out the
# unit and deadline cells, which have columns of their own)
EXPECTED_TASKS = [
    {"title": "开展危险化学品安全专项整治",
     "text": "开展危险化学品安全专项整治，全面排查风险隐患 | 市应急局 | 市公安局、市交通运输局 | 2021年12月底前",
     "lead_units": ["市应急局"], "co_units": ["市公安局", "市交通运输局"], "deadline": "2021年12月底前"},
    {"title": "推进城镇燃气安全整治", "text": "推进城镇燃气安全整治 | 市应急局 | 市住房城乡建设局、市市场监管局 | 2021年6月底前",
     "lead_units": ["市应急局"], "co_units": ["市住房城乡建设局", "市市场监管局"], "deadline": "2021年6月底前"},
    {"title": "加强消防安全宣传培训", "text": "加强消防安全宣传培训 | 市消防救援支队 | 各区县政府 | 长期坚持",
     "lead_units": ["市消防救援支队"], "co_units": ["各区县政府"], "deadline": "长期坚持"},
]


def assignment_docx(path: Path) -> Path:
    document = a4_document()
    document.add_paragraph("附件")
    document.add_paragraph("重点任务分工表")
    table = document.add_table(rows=1 + len(ASSIGNMENT_ROWS), cols=len(ASSIGNMENT_HEADER))
    table.style = "Table Grid"
    for r, row in enumerate([ASSIGNMENT_HEADER, *ASSIGNMENT_ROWS]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    first, last = LEAD_MERGED_ROWS
    table.cell(first, 2).merge(table.cell(last, 2))
    document.save(path)
    return path


def assert_assignment_tasks(tables: list[Table]) -> None:
    assert len(tables) == 1 and is_assignment_table(tables[0])
    tasks = table_tasks(tables[0], section="任务分工表")
    assert [{key: task[key] for key in EXPECTED_TASKS[0]} for task in tasks] == EXPECTED_TASKS
    assert all(task["responsible_units"] == [] and task["section"] == "任务分工表" for task in tasks)


def test_assignment_table_in_docx_gives_a_task_per_row(tmp_path):
    assert_assignment_tasks(read_file(assignment_docx(tmp_path / "分工.docx")).tables)


@needs_soffice
def test_assignment_table_in_pdf_gives_the_same_tasks(tmp_path):
    docx_path = assignment_docx(tmp_path / "分工.docx")
    soffice_convert([docx_path], tmp_path, tmp_path / "lo-profile")
    assert_assignment_tasks(read_file(tmp_path / "分工.pdf").tables)


def test_tables_that_are_not_assignments():
    prose = Table(rows=[["项目", "说明"], ["安全生产", "年度总结"]])
    assert not is_assignment_table(prose)
    assert table_tasks(prose) == []


def test_separator_rows_set_the_section_and_are_skipped():
    table = Table(rows=[
        ["序号", "工作任务", "责任单位", "时间节点"],
        ["一、压实安全责任"] * 4,
        ["1", "落实党政领导干部安全生产责任制", "各区县政府\n市应急局", "2024年底前"],
        ["2", "", "市公安局", "2024年底前"],  # no task text
    ])
    tasks = table_tasks(table, section="附件")
    assert len(tasks) == 1
    assert tasks[0]["section"] == "附件 / 一、压实安全责任"
    assert tasks[0]["responsible_units"] == ["各区县政府", "市应急局"]
    assert tasks[0]["deadline"] == "2024年底前"

"""Web pages, Excel task tables, old Word/WPS files and OFD, each made in the test, read by
their readers: the article without the page around it, tables as tables, the 信息公开 box as
metadata, merged cells, two-row headers, conversion by LibreOffice with a time limit; and a
damaged file of each kind giving an error that says so."""
from __future__ import annotations

import os
import stat
import time
import zipfile
from pathlib import Path

import pytest

from ingest.errors import ConverterUnavailable, ReadError, UnsupportedFormat
from ingest.pipeline import parse_file
from ingest.readers import common, read_file
from ingest.readers import doc as doc_reader
from ingest.tables import is_assignment_table, table_tasks
from tests import made_files
from tests.office import SOFFICE

ROOT = Path(__file__).resolve().parents[1]
NOTICE = ROOT / "corpus" / "000_ae917fade8060d6b.txt"
TABLE = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "开展危险化学品安全专项整治，全面排查风险隐患", "市应急局", "市公安局、市交通运输局", "2021年12月底前"],
    ["2", "推进城镇燃气安全整治", "市应急局", "市住房城乡建设局、市市场监管局", "2021年6月底前"],
    ["3", "加强消防安全宣传培训", "市消防救援支队", "各区县政府", "长期坚持"],
]
PAGE_META = {"索引号": "11370100004/2021-00012", "发布机构": "某某市人民政府办公室",
             "成文日期": "2021-04-07", "文号": "某政办字〔2021〕8号", "主题分类": "安全生产"}
NOTICE_LINES = ["某某市人民政府办公室关于开展安全生产大检查的通知",
                "各县（市、区）人民政府，市政府各部门：",
                "为深入排查整治安全隐患，市政府决定在全市开展安全生产大检查。现将有关事项通知如下。",
                "一、检查内容",
                "1. 危险化学品企业重大危险源管控情况。（市应急局牵头，市公安局配合）"]
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice: scripts/system_deps.sh")


# ---- web pages

@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_web_page_article_tables_and_info_box(tmp_path, encoding):
    page = made_files.web_page(NOTICE_LINES, TABLE, PAGE_META, tmp_path / "notice.html", encoding)
    raw = read_file(page)
    assert raw.fmt == "html" and raw.encoding == ("gb18030" if encoding == "gbk" else "utf-8")
    for line in NOTICE_LINES:
        assert line in raw.text
    for furniture in ("首页", "当前位置", "分享到", "备案号", "var nav", "索引号", "主题分类"):
        assert furniture not in raw.text
    assert raw.meta == {"number": "某政办字〔2021〕8号", "issuer": "某某市人民政府办公室", "date": "2021-04-07"}
    assert [table.rows for table in raw.tables] == [TABLE]  # the rowspan'd 市应急局 on both rows
    tasks = table_tasks(raw.tables[0])
    assert [task["lead_units"] for task in tasks] == [["市应急局"], ["市应急局"], ["市消防救援支队"]]


def test_web_page_metadata_reaches_the_document(tmp_path):
    lines = ["关于开展安全生产大检查的通知", *NOTICE_LINES[1:]]  # the text itself names no issuer or 文号
    page = made_files.web_page(lines, TABLE, PAGE_META, tmp_path / "notice.htm")
    document = parse_file(page).document
    assert (document.number, document.issuer, document.date) == ("某政办字〔2021〕8号", "某某市人民政府办公室", "2021-04-07")


def test_web_archive_reads_like_the_page(tmp_path):
    page = made_files.web_page(NOTICE_LINES, TABLE, PAGE_META, tmp_path / "notice.html")
    archive = made_files.web_archive(page, tmp_path / "notice.mhtml")
    raw, from_page = read_file(archive), read_file(page)
    assert raw.fmt == "mhtml" and (raw.text, raw.meta) == (from_page.text, from_page.meta)


def test_web_page_saved_by_word_as_doc_reads_as_a_page(tmp_path):
    page = made_files.web_page(NOTICE_LINES, TABLE, PAGE_META, tmp_path / "notice.html")
    renamed = tmp_path / "notice.doc"
    renamed.write_bytes(page.read_bytes())
    assert read_file(renamed).text == read_file(page).text


def test_web_page_with_a_wrong_charset_is_still_read(tmp_path):
    path = tmp_path / "wrong.html"
    path.write_bytes('<html><head><meta charset="gbk"></head><body><p>各区县应急管理局：请于本月底前报送。</p></body></html>'
                     .encode("utf-8"))
    assert "各区县应急管理局" in read_file(path).text


def test_web_page_without_text_is_empty(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><body><div class='nav'>首页 政务公开</div><script>x=1</script></body></html>",
                    encoding="utf-8")
    with pytest.raises(ReadError, match="没有正文"):
        read_file(path)


# ---- Excel

def test_workbook_task_sheet_gives_a_task_per_row_other_sheets_text(tmp_path):
    tasks = [{"text": row[1], "lead_units": row[2].split("、"), "co_units": row[3].split("、"), "deadline": row[4]}
             for row in TABLE[1:]]
    raw = read_file(made_files.task_workbook(tasks, tmp_path / "分工.xlsx"))
    assert raw.fmt == "xlsx" and raw.text.startswith("重点任务分工表")
    sheet, notes = raw.tables
    assert sheet.rows[1] == ["序号", "重点任务", "责任单位", "责任单位", "完成时限"]  # merged header cells
    assert sheet.rows[2] == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert [row[2] for row in sheet.rows[3:]] == ["市应急局", "市应急局", "市消防救援支队"]  # merged down
    assert is_assignment_table(sheet) and not is_assignment_table(notes)
    found = table_tasks(sheet)
    assert [(t["locate"], t["lead_units"], t["co_units"], t["deadline"]) for t in found] == [
        (t["text"], t["lead_units"], t["co_units"], t["deadline"]) for t in tasks]
    assert found[0]["text"].startswith(tasks[0]["text"] + " | ")  # the row's cells side by side
    assert "每月5日前报送" in raw.text  # the notes sheet is text, so it becomes passages


def test_workbook_dates_and_numbers_read_as_written(tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["序号", "重点任务", "责任单位", "完成时限"])
    workbook.active.append([1.0, "完成隐患整改", "县应急局", dt.datetime(2024, 5, 31)])
    workbook.save(tmp_path / "dates.xlsx")
    parsed = parse_file(tmp_path / "dates.xlsx")
    assert [(t.responsible_units, t.deadline, t.deadline_norm) for t in parsed.tasks] == [
        (["县应急局"], "2024年5月31日", "2024-05")]


@needs_soffice
def test_xls_and_et_read_like_the_xlsx_they_were_saved_from(tmp_path):
    tasks = [{"text": row[1], "lead_units": row[2].split("、"), "co_units": row[3].split("、"), "deadline": row[4]}
             for row in TABLE[1:]]
    xlsx = made_files.task_workbook(tasks, tmp_path / "分工.xlsx")
    xls, et = made_files.legacy_workbook(xlsx, tmp_path)
    from_xlsx = read_file(xlsx)
    for path in (xls, et):
        raw = read_file(path)
        assert raw.fmt == path.suffix[1:]
        assert [table.rows for table in raw.tables] == [table.rows for table in from_xlsx.tables]
    assert [t.lead_units for t in parse_file(xls).tasks] == [["市应急局"], ["市应急局"], ["市消防救援支队"]]


# ---- old Word and WPS

@needs_soffice
def test_doc_and_wps_convert_to_the_same_text_as_the_docx(tmp_path):
    doc, wps = made_files.legacy_word(NOTICE_LINES, tmp_path)
    from_docx = read_file(tmp_path / "notice.docx").text
    for path, fmt in ((doc, "doc"), (wps, "wps")):
        raw = read_file(path)
        assert (raw.fmt, raw.text) == (fmt, from_docx)
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("policykb-doc-*"))  # nothing left behind


@needs_soffice
def test_rtf_saved_as_doc_is_converted(tmp_path):
    import subprocess

    docx_path = made_files.a4_docx(NOTICE_LINES, tmp_path / "notice.docx")
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                    "--convert-to", "rtf", "--outdir", str(tmp_path), str(docx_path)], check=True,
                   capture_output=True, timeout=300)
    renamed = tmp_path / "notice.doc"
    renamed.write_bytes((tmp_path / "notice.rtf").read_bytes())
    assert read_file(renamed).text == read_file(docx_path).text


def test_docx_named_doc_is_read_as_docx(tmp_path):
    docx_path = made_files.a4_docx(NOTICE_LINES, tmp_path / "notice.docx")
    renamed = tmp_path / "notice.doc"
    renamed.write_bytes(docx_path.read_bytes())
    assert read_file(renamed).text == read_file(docx_path).text


def test_doc_without_libreoffice_says_how_to_get_it(tmp_path, monkeypatch):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ConverterUnavailable, match="需要 LibreOffice.*另存为 .docx"):
        read_file(path)


def test_a_hung_conversion_is_killed_and_reported(tmp_path, monkeypatch):
    """A LibreOffice that never returns (a file that hangs it) must not block the ingest."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    hung = bin_dir / "soffice"
    hung.write_text("#!/bin/sh\n/bin/sleep 600 &\nwait\n")  # a helper process too: the group is killed
    hung.chmod(hung.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(doc_reader, "CONVERT_TIMEOUT_S", 1)
    path = tmp_path / "hangs.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    started = time.monotonic()
    with pytest.raises(ReadError, match="转换超时"):
        read_file(path)
    assert time.monotonic() - started < 30


# ---- OFD

def test_ofd_reads_paragraphs_back(tmp_path):
    lines = made_files.notice_lines(NOTICE)[:40]
    raw = read_file(made_files.ofd_document(lines, tmp_path / "notice.ofd"))
    assert raw.fmt == "ofd"
    assert raw.text.split("\n") == lines  # lines wrapped at the margin joined back into paragraphs


def test_ofd_glyph_codes_without_unicode_are_dropped_and_a_text_of_them_refused(tmp_path):
    few = made_files.ofd_document(["关于开展安全生产大检查的通知\ue11e", "各区县应急管理局：请于本月底前报送。"],
                                  tmp_path / "few.ofd")
    assert read_file(few).text == "关于开展安全生产大检查的通知\n各区县应急管理局：请于本月底前报送。"
    many = made_files.ofd_document(["\ue11e\ue236\ue28a\ue0c0安全\ue0ba\ue03e\ue4d4\ue3ea"], tmp_path / "many.ofd")
    with pytest.raises(ReadError, match="乱码.*另存为 PDF"):
        read_file(many)


# ---- damaged files of each kind

@pytest.mark.parametrize("kind", ["xlsx", "cut xlsx", "xls", "ofd", "html", "mhtml", "png",
                                  pytest.param("doc", marks=needs_soffice)])
def test_damaged_file_gives_a_clear_error(tmp_path, kind):
    path, words = made_files.damaged_files(tmp_path)[kind]
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert words in str(caught.value) and path.name in str(caught.value)


def test_zip_that_unpacks_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "ZIP_MAX_TOTAL", 1024 * 1024)  # the real limit is 200 MB
    monkeypatch.setattr(common.check_zip_bounds, "__defaults__", (1024 * 1024, common.ZIP_MAX_RATIO, common.ZIP_MAX_ENTRIES))
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (2 * 1024 * 1024))
    with pytest.raises(ReadError, match="解压后过大"):
        read_file(path)


def test_image_suffix_with_text_inside_says_what_it_is(tmp_path):
    path = tmp_path / "scan.png"
    path.write_text("各区县应急管理局：请于本月底前报送。", encoding="utf-8")
    with pytest.raises(UnsupportedFormat, match="纯文本"):
        read_file(path)

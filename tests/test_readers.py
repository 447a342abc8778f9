"""Readers on real files made in tmp_path: every format, and every way a file can be bad.

PDFs are made by LibreOffice from a docx when ``soffice`` is installed (scripts/system_deps.sh),
otherwise by fpdf2 with a CJK font found on the system."""
from __future__ import annotations

import io
import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image, ImageDraw

from ingest.errors import EmptyDocument, ReadError, ScannedPDF, UnsupportedFormat
from ingest.readers import read_file
from tests.office import SOFFICE, soffice_convert

RUNNING_HEADER = "淄博市安全生产委员会办公室文件"
TITLE = "关于开展安全生产大检查的通知"
HEADINGS = ("一、总体要求", "二、重点任务", "三、保障措施")
FIELDS = ("危险化学品", "非煤矿山", "道路交通", "建筑施工", "城镇燃气", "消防", "工贸", "特种设备")
ACTIONS = (
    "全面排查整治各类风险隐患，建立问题隐患和制度措施两个清单",
    "严格落实企业主体责任、部门监管责任和属地管理责任",
    "坚决防范遏制重特大事故发生，确保安全生产形势持续稳定向好",
    "加强执法检查，对发现的违法违规行为依法从严查处",
    "健全完善风险分级管控和隐患排查治理双重预防机制",
    "强化从业人员安全培训教育，提升全员安全素质",
    "推进信息化监管平台建设，实现风险监测预警全覆盖",
)


def _actions(start: int) -> str:
    return "，".join(ACTIONS[(start + k) % len(ACTIONS)] for k in range(4))


# Long, distinct paragraphs (each wraps over several lines) under three headings: 3+ pages.
PARAGRAPHS = [TITLE] + [
    line
    for part, heading in enumerate(HEADINGS)
    for line in (heading, *(
        f"{n}.强化{field}安全监管。{field}行业领域要{_actions(part * 3 + n)}。"
        for n, field in enumerate(FIELDS, start=1)
    ))
]
# A 任务分工表 with merges: None marks a grid position covered by a merged cell.
TABLE_CELLS = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "开展危险化学品安全专项整治，全面排查风险隐患，建立问题隐患和制度措施两个清单",
     "市应急局", "市公安局、市交通运输局、市生态环境局", "2021年12月底前"],
    ["2", "推进城镇燃气安全整治", None, "市住房城乡建设局", "2021年6月底前"],
    ["3", "加强消防安全宣传培训", "市消防救援支队", "各区县政府", None],
]
TABLE_SPANS = {(1, 2): (2, 1), (3, 3): (1, 2)}  # (row, col) -> (rows spanned, columns spanned)
TABLE_EXPANDED = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "开展危险化学品安全专项整治，全面排查风险隐患，建立问题隐患和制度措施两个清单",
     "市应急局", "市公安局、市交通运输局、市生态环境局", "2021年12月底前"],
    ["2", "推进城镇燃气安全整治", "市应急局", "市住房城乡建设局", "2021年6月底前"],
    ["3", "加强消防安全宣传培训", "市消防救援支队", "各区县政府", "各区县政府"],
]
TABLE_AFTER = "以上任务请各单位按时完成。"


# --------------------------------------------------------------------------- builders


def a4_document() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # python-docx starts from US Letter
    return document


def build_docx(path: Path, paragraphs=PARAGRAPHS, with_table=True, with_running_lines=True, gongwen=False) -> Path:
    document = a4_document()
    section = document.sections[0]
    if gongwen:
        _use_gongwen_layout(document)
    if with_running_lines:
        section.header.paragraphs[0].text = RUNNING_HEADER
        _add_page_number_footer(section.footer.paragraphs[0])
    for text in paragraphs:
        document.add_paragraph(text)
    if with_table:
        _add_table(document)
        document.add_paragraph(TABLE_AFTER)
    document.save(path)
    return path


def _use_gongwen_layout(document) -> None:
    """公文 layout (GB/T 9704): 三号 text, fixed 28 pt lines, two-character first-line indent,
    justified, no space between paragraphs: only the indent tells where a paragraph starts."""
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    layout = normal.paragraph_format
    layout.space_before = layout.space_after = Pt(0)
    layout.line_spacing = Pt(28)
    layout.first_line_indent = Pt(32)
    layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _add_page_number_footer(paragraph) -> None:
    """"- 3 -": a PAGE field between dashes, as 公文 number their pages."""
    paragraph.add_run("- ")
    paragraph.add_run()._r.append(_field_char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.text = "PAGE"
    paragraph.add_run()._r.append(instruction)
    paragraph.add_run()._r.append(_field_char("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(_field_char("end"))
    paragraph.add_run(" -")


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _add_table(document) -> None:
    table = document.add_table(rows=len(TABLE_CELLS), cols=len(TABLE_CELLS[0]))
    table.style = "Table Grid"
    for r, row in enumerate(TABLE_CELLS):
        for c, text in enumerate(row):
            if text is not None:
                table.cell(r, c).text = text
    for (r, c), (rows, cols) in TABLE_SPANS.items():
        table.cell(r, c).merge(table.cell(r + rows - 1, c + cols - 1))


def find_cjk_font() -> str | None:
    if shutil.which("fc-list"):
        found = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
        files = sorted((line.split(":")[0] for line in found.splitlines()), key=lambda f: "Regular" not in f)
        if files:
            return files[0]
    fonts = [p for p in Path("/usr/share/fonts").rglob("*") if p.suffix.lower() in (".ttf", ".ttc", ".otf")]
    cjk = [p for p in fonts if any(k in p.name for k in ("CJK", "wqy", "Fallback", "Sim", "Hei"))]
    return str(cjk[0]) if cjk else None


def build_pdf_with_fpdf(path: Path, font_file: str) -> Path:
    """The same document as ``build_docx`` drawn by fpdf2, for machines without LibreOffice."""

    class Notice(FPDF):
        def header(self):
            self.set_font("cjk", size=10)
            self.cell(0, 8, RUNNING_HEADER, align="C", new_x="LMARGIN", new_y="NEXT")

        def footer(self):
            self.set_y(-15)
            self.set_font("cjk", size=10)
            self.cell(0, 8, f"- {self.page_no()} -", align="C")

    pdf = Notice(format="A4")
    pdf.add_font("cjk", fname=font_file)
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    for text in PARAGRAPHS:
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    with pdf.table(col_widths=(10, 50, 25, 30, 25), headings_style=FontFace()) as table:
        for r, cells in enumerate(TABLE_CELLS):
            row = table.row()
            for c, text in enumerate(cells):
                if text is not None:
                    rows, cols = TABLE_SPANS.get((r, c), (1, 1))
                    row.cell(text, rowspan=rows, colspan=cols)
    pdf.ln(3)
    pdf.multi_cell(0, 7, TABLE_AFTER)
    pdf.output(str(path))
    return path


def build_helvetica_pdf(path: Path) -> Path:
    """A small real PDF that needs no CJK font, to damage."""
    pdf = FPDF()
    for page in range(3):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 8, f"Page {page + 1}. " + "Work safety notice text. " * 40)
    pdf.output(str(path))
    return path


@pytest.fixture(scope="session", params=["plain", "gongwen"])
def sample_pdf(request, tmp_path_factory) -> Path:
    """The sample notice as PDF, in python-docx's default layout and in 公文 layout."""
    workdir = tmp_path_factory.mktemp(f"sample_pdf_{request.param}")
    if SOFFICE:
        docx_path = build_docx(workdir / "notice.docx", gongwen=request.param == "gongwen")
        soffice_convert([docx_path], workdir, workdir / "lo-profile")
        return workdir / "notice.pdf"
    if request.param == "gongwen":
        pytest.skip("公文 layout is made by LibreOffice (soffice), which is not installed")
    font = find_cjk_font()
    if font is None:
        pytest.skip("no LibreOffice (soffice) and no CJK font to draw a Chinese PDF: run scripts/system_deps.sh")
    return build_pdf_with_fpdf(workdir / "notice.pdf", font)


def assert_read_error(path: Path, error_type: type[ReadError], *reason: str) -> None:
    """The exact error type, and a message that names the file and gives the reason."""
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert type(caught.value) is error_type, f"{type(caught.value).__name__}: {caught.value}"
    message = str(caught.value)
    assert path.name in message
    for words in reason:
        assert words in message, f"{words!r} not in {message!r}"


def squeeze(text: str) -> str:
    return "".join(text.split())


# --------------------------------------------------------------------------- txt / md

NOTICE_TEXT = (
    "济南市人民政府办公厅\n济政办函〔2021〕8号\n一、总体要求\n（一）压实责任。（市应急局牵头，市公安局配合）\n"
)
SHORT_SNIPPETS = ("各区县应急局：", "附件1", "市应急局、市公安局", "2021年4月7日", "关于开展安全生产大检查的通知")


@pytest.mark.parametrize("text", [*SHORT_SNIPPETS, NOTICE_TEXT, NOTICE_TEXT * 40])
@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_txt_gb_encodings(tmp_path, text, encoding):
    path = tmp_path / "notice.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_file(path)
    assert doc.text == text
    assert doc.encoding == "gb18030"  # the superset decodes GBK and GB2312 files too
    assert doc.fmt == "txt"


def test_txt_gb18030_saved_on_windows_that_no_detector_places(tmp_path):
    """A notice in GB18030 with CRLF line ends for which charset-normalizer offers no candidate:
    read as GB18030 because it decodes strictly and is mostly Chinese."""
    text = "".join(f"{n}.各乡镇要组织开展第{n}轮燃气安全隐患排查整治，建立台账。（牵头单位：县住建局）\r\n" for n in range(1, 40))
    path = tmp_path / "windows.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_file(path).text == text.replace("\r\n", "\n")


def test_txt_gb18030_only_characters(tmp_path):
    text = "张𠮷同志任县应急局局长。\n"  # 𠮷 is outside GBK: four bytes in GB18030
    path = tmp_path / "gb18030.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_file(path).text == text


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-16-be", "utf-16")],
)
def test_txt_unicode_encodings(tmp_path, encoding, reported):
    path = tmp_path / "notice.txt"
    data = NOTICE_TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = "\ufeff".encode(encoding) + data  # big-endian with its BOM
    path.write_bytes(data)
    doc = read_file(path)
    assert doc.text == NOTICE_TEXT  # BOM gone
    assert doc.encoding == reported


def test_txt_line_endings_unified_nothing_else(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("  一、总体要求\u3000\r\n\r\n（一）压实责任。 \r\n".encode("utf-8"))
    assert read_file(path).text == "  一、总体要求\u3000\n\n（一）压实责任。 \n"


def test_md_laws_format_kept_as_is(tmp_path):
    text = (
        "# 中华人民共和国安全生产法\n\n"
        "2002年6月29日第九届全国人民代表大会常务委员会第二十八次会议通过\n\n"
        "<!-- INFO END -->\n"
        "## 第一章　总则\n\n"
        "第一条　为了加强安全生产工作，防止和减少生产安全事故，制定本法。\n\n"
        "第二条　在中华人民共和国领域内从事生产经营活动的单位的安全生产，适用本法。\n"
    )
    path = tmp_path / "中华人民共和国安全生产法(2021-06-10).md"
    path.write_text(text, encoding="utf-8")
    doc = read_file(path)
    assert (doc.fmt, doc.encoding, doc.text) == ("md", "utf-8", text)


# --------------------------------------------------------------------------- docx


def test_docx_paragraphs_and_merged_table_in_body_order(tmp_path):
    doc = read_file(build_docx(tmp_path / "notice.docx"))
    lines = doc.text.split("\n")
    assert doc.fmt == "docx"
    assert lines[: len(PARAGRAPHS)] == PARAGRAPHS
    assert RUNNING_HEADER not in doc.text  # headers and footers are not body text
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.rows == TABLE_EXPANDED
    assert table.after_line == len(PARAGRAPHS)
    assert lines[table.after_line:table.after_line + len(TABLE_EXPANDED)] == ["\t".join(r) for r in TABLE_EXPANDED]
    assert lines[-1] == TABLE_AFTER


# --------------------------------------------------------------------------- pdf


def test_pdf_reads_like_the_document(sample_pdf):
    """Wrapped lines joined into the paragraphs, header and page numbers gone, table expanded."""
    doc = read_file(sample_pdf)
    lines = doc.text.split("\n")
    expected = [*PARAGRAPHS, *("\t".join(r) for r in TABLE_EXPANDED), TABLE_AFTER]
    assert [squeeze(line) for line in lines] == [squeeze(line) for line in expected]
    assert RUNNING_HEADER not in doc.text
    assert "- 2 -" not in doc.text
    assert [table.rows for table in doc.tables] == [TABLE_EXPANDED]
    assert doc.tables[0].after_line == len(PARAGRAPHS)
    assert doc.fmt == "pdf"


LONG_TABLE = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]] + [
    [str(n), f"第{n}项：{field}行业领域要{_actions(n)}", "市应急局", "市公安局、市交通运输局", "2024年底前"]
    for n, field in enumerate(FIELDS * 5, start=1)
]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: run scripts/system_deps.sh")
def test_pdf_table_across_pages_is_one_table(tmp_path):
    """Rows the page breaks in two are joined again; the parts of the table become one Table."""
    document = a4_document()
    table = document.add_table(rows=len(LONG_TABLE), cols=len(LONG_TABLE[0]))
    table.style = "Table Grid"
    for cells, row in zip(table.rows, LONG_TABLE):
        for cell, text in zip(cells.cells, row):
            cell.text = text
    document.save(tmp_path / "long.docx")
    soffice_convert([tmp_path / "long.docx"], tmp_path, tmp_path / "lo-profile")
    doc = read_file(tmp_path / "long.pdf")
    assert [table.rows for table in doc.tables] == [LONG_TABLE]
    assert doc.text.split("\n") == ["\t".join(row) for row in LONG_TABLE]


def test_pdf_scan_where_ocr_finds_no_text(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # drawn shapes only
    pdf.add_page()
    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 360, 160), outline="black", width=6)
    pdf.image(image, x=20, y=20, w=120)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    assert_read_error(path, ScannedPDF, "扫描件", "OCR", "没有识别出文字")


def test_pdf_random_bytes_after_header_is_damaged(tmp_path):
    path = tmp_path / "random.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(7).randbytes(4096))
    assert_read_error(path, ReadError, "损坏", "damaged")


def test_pdf_truncated_is_damaged(tmp_path):
    whole = build_helvetica_pdf(tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    assert_read_error(path, ReadError, "损坏", "damaged")


# --------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf"])
def test_empty_file(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    assert_read_error(path, EmptyDocument, "文件为空", "empty")


@pytest.mark.parametrize("content", [" \n\t\r\n\u3000\n", "\ufeff  \n"])
def test_whitespace_only_text(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_text(content, encoding="utf-8")
    assert_read_error(path, EmptyDocument, "空白", "whitespace")


def test_whitespace_only_docx(tmp_path):
    path = build_docx(tmp_path / "blank.docx", paragraphs=["", "  ", "\u3000"], with_table=False,
                      with_running_lines=False)
    assert_read_error(path, EmptyDocument, "空白", "whitespace")


def test_legacy_doc_renamed_docx_is_converted_and_a_broken_one_says_so(tmp_path):
    path = tmp_path / "通知.docx"  # an OLE header and nothing else: what LibreOffice cannot convert
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))
    assert_read_error(path, ReadError, "已损坏", "LibreOffice")


def test_pdf_renamed_docx_says_rename(tmp_path):
    path = tmp_path / "notice.docx"
    shutil.copy(build_helvetica_pdf(tmp_path / "real.pdf"), path)
    assert_read_error(path, UnsupportedFormat, "PDF", "后缀改为 .pdf")


def test_zip_that_is_not_a_docx(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes/readme.txt", "hello")
    assert_read_error(path, UnsupportedFormat, "word/document.xml", "not a Word document")


def test_workbook_named_docx_says_rename(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert_read_error(path, UnsupportedFormat, "Excel .xlsx", "后缀改为 .xlsx")


def test_docx_with_broken_xml_is_damaged(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>not xml")
    assert_read_error(path, ReadError, "损坏", "damaged docx")


def test_truncated_docx_is_damaged(tmp_path):
    whole = build_docx(tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert_read_error(path, ReadError, "损坏", "damaged")


def test_text_file_named_pdf(tmp_path):
    path = tmp_path / "notice.pdf"
    path.write_text(NOTICE_TEXT, encoding="utf-8")
    assert_read_error(path, UnsupportedFormat, "纯文本", "不是 .pdf")


def test_binary_file_named_txt(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 16)
    assert_read_error(path, UnsupportedFormat, "二进制", "binary")


def test_image_named_txt_says_rename(tmp_path):
    path = tmp_path / "image.txt"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    assert_read_error(path, UnsupportedFormat, "图片", "后缀改为 .png")


def test_unknown_suffix_names_supported_ones(tmp_path):
    path = tmp_path / "汇报.pptx"
    path.write_bytes(b"PK\x03\x04")
    assert_read_error(path, UnsupportedFormat, "不支持的文件格式", ".pptx", ".txt", ".docx", ".pdf", ".md",
                      ".xlsx", ".html", ".ofd", ".png")


def test_missing_file(tmp_path):
    assert_read_error(tmp_path / "不存在的通知.txt", ReadError, "文件不存在", "not found")


def test_a_read_error_raised_in_a_worker_process_reaches_the_parent_whole(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    from ingest.pipeline import parse_file
    path = tmp_path / "sources.tsv"
    path.write_text("file\taddress\n", encoding="utf-8")
    with ProcessPoolExecutor(1) as pool, pytest.raises(UnsupportedFormat) as raised:
        pool.submit(parse_file, path).result()
    assert raised.value.path == str(path) and ".tsv" in raised.value.reason

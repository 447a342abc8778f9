"""Real files of every format, made from a notice's text in the test: what a county office
receives as a scan, a photo, a saved web page, an Excel 任务分工表, an old Word file or an OFD."""
from __future__ import annotations

import html
import random
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
from docx import Document
from docx.shared import Mm
from openpyxl import Workbook
from PIL import Image, ImageDraw, ImageFilter

from tests.office import SOFFICE, soffice_convert

SCAN_DPI = 150  # an office scanner's usual setting


def a4_docx(lines: list[str], path: Path) -> Path:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def notice_lines(txt: Path) -> list[str]:
    return [line for line in txt.read_text(encoding="utf-8").splitlines() if line.strip()]


def text_pdf(lines: list[str], path: Path) -> Path:
    """The notice as LibreOffice prints it to PDF (A4, one paragraph per line)."""
    docx_path = a4_docx(lines, path.with_suffix(".docx"))
    soffice_convert([docx_path], path.parent, path.parent / "lo-profile")
    return path


def page_images(pdf_path: Path, dpi: int = SCAN_DPI, pages: int | None = None) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        count = len(pdf) if pages is None else min(pages, len(pdf))
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(count)]
    finally:
        pdf.close()


def first_page(pdf_path: Path, path: Path) -> Path:
    source = pdfium.PdfDocument(str(pdf_path))
    page = pdfium.PdfDocument.new()
    page.import_pages(source, [0])
    page.save(str(path))
    return path


def scanned_pdf(images: list[Image.Image], path: Path) -> Path:
    """Images only, no text layer: what a scanner makes."""
    images[0].save(path, save_all=True, append_images=images[1:], resolution=SCAN_DPI)
    return path


CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"  # fonts-wqy-microhei (scripts/system_deps.sh)
SEAL_RED = (215, 35, 40)


def with_seal(image: Image.Image, legend: str, centre: tuple[float, float] = (0.62, 0.2)) -> Image.Image:
    """A red seal stamped over the page, as on a signed notice: a ring, a star and ``legend``
    along the upper arc, each character turned to face the centre; and a red rule across the
    top, as under a 红头. Stamped as ink is (multiplied): black text under it stays black."""
    import math

    from PIL import ImageChops, ImageFont

    stamped = Image.new("RGB", image.size, "white")
    draw = ImageDraw.Draw(stamped)
    w, h = stamped.size
    cx, cy, r = int(w * centre[0]), int(h * centre[1]), int(w * 0.13)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=SEAL_RED, width=max(3, r // 25))
    draw.regular_polygon((cx, cy, r // 3), 5, fill=SEAL_RED)
    font = ImageFont.truetype(CJK_FONT, int(r * 0.2))
    for i, char in enumerate(legend):
        angle = math.radians(200 + 140 * i / max(1, len(legend) - 1))  # from lower left over the top
        glyph = Image.new("RGBA", (int(r * 0.3), int(r * 0.3)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((0, 0), char, font=font, fill=SEAL_RED + (255,))
        turned = glyph.rotate(-math.degrees(angle) - 90, expand=True)
        x, y = cx + 0.76 * r * math.cos(angle), cy + 0.76 * r * math.sin(angle)
        stamped.paste(turned, (int(x - turned.width / 2), int(y - turned.height / 2)), turned)
    draw.line((int(w * 0.1), int(h * 0.05), int(w * 0.9), int(h * 0.05)), fill=SEAL_RED, width=5)
    return ImageChops.multiply(image, stamped)


def excerpt(txt: Path, owner_blocks: int) -> list[str]:
    """The notice's lines up to and including its ``owner_blocks``-th (完成时限… 牵头单位…) line:
    a short notice of the same form, for tests that OCR a page or two."""
    lines = notice_lines(txt)
    ends = [i for i, line in enumerate(lines) if "牵头单位" in line]
    return lines[: ends[owner_blocks - 1] + 1]


def photo_like(image: Image.Image, path: Path, degrees: float = 2.0, seed: int = 7) -> Path:
    """A phone photo of a page: turned a little, soft, with sensor noise, saved as JPEG."""
    turned = image.rotate(degrees, resample=Image.BICUBIC, expand=True, fillcolor=(236, 233, 226))
    soft = turned.filter(ImageFilter.GaussianBlur(0.6))
    rng = random.Random(seed)
    noise = Image.effect_noise(soft.size, 18).convert("RGB")
    noisy = Image.blend(soft, noise, 0.08)
    noisy = noisy.point(lambda v: min(255, max(0, v + rng.choice((-2, 0, 2)))))
    noisy.save(path, quality=85)
    return path


# ---- web page

def web_page(lines: list[str], table: list[list[str]], meta: dict[str, str], path: Path,
             encoding: str = "gbk") -> Path:
    """A page as government sites lay it out: navigation, a 信息公开 box, the article (its
    paragraphs and a task table with merged cells), a footer; saved in ``encoding`` and
    declaring it in a <meta>."""
    header, *rows = table
    first_merge = len(rows) > 1 and len(header) > 2 and rows[0][2] == rows[1][2]
    table_html = ["<table border='1'><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in header) + "</tr>"]
    for r, row in enumerate(rows):
        cells = []
        for c, cell in enumerate(row):
            if c == 2 and first_merge and r == 0:
                cells.append(f"<td rowspan='2'>{html.escape(cell)}</td>")
            elif c == 2 and first_merge and r == 1:
                continue
            else:
                cells.append(f"<td>{html.escape(cell)}</td>")
        table_html.append("<tr>" + "".join(cells) + "</tr>")
    table_html.append("</table>")
    box = "".join(f"<tr><td>{html.escape(label)}：</td><td>{html.escape(value)}</td></tr>"
                  for label, value in meta.items())
    paragraphs = "\n".join(f"<p style='text-indent:2em'>{html.escape(line)}</p>" for line in lines)
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{html.escape(lines[0])}_某某市人民政府</title>
<script>var nav = "首页 政务公开 办事服务";</script><style>.nav {{ color: red; }}</style></head>
<body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 通知公告</div>
<div class="xxgk"><table class="info">{box}</table></div>
<div class="article">
<h1>{html.escape(lines[0])}</h1>
<div class="TRS_Editor">
{paragraphs}
<p>附件：重点任务分工表</p>
{''.join(table_html)}
</div></div>
<div class="share">分享到：微信 微博</div>
<div class="footer">主办：某某市人民政府办公室 网站标识码 1234567890 备案号：某ICP备00000000号</div>
</body></html>"""
    path.write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))  # &#160; as pages write it
    return path


def web_archive(page: Path, path: Path) -> Path:
    """The page saved as one .mhtml file (multipart/related, quoted-printable), as browsers do."""
    import quopri

    body = quopri.encodestring(page.read_bytes()).decode("ascii")
    path.write_text(
        "From: <Saved by Blink>\r\nSubject: notice\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----MultipartBoundary--x"\r\n\r\n'
        "------MultipartBoundary--x\r\nContent-Type: text/html; charset=gbk\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\nContent-Location: http://example.invalid/t.html\r\n\r\n"
        f"{body}\r\n------MultipartBoundary--x--\r\n", encoding="ascii")
    return path


# ---- Excel 任务分工表

def task_workbook(tasks: list[dict], path: Path) -> Path:
    """A 任务分工表 as offices keep them: a title row merged across, a two-row header (责任单位 over
    牵头单位 | 配合单位), separator rows merged across, the lead cell merged down over the tasks
    of one unit, and a second sheet of notes that is not a table of tasks."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "任务分工"
    sheet.append(["重点任务分工表"] + [""] * 4)
    sheet.merge_cells("A1:E1")
    sheet.append(["序号", "重点任务", "责任单位", "", "完成时限"])
    sheet.append(["", "", "牵头单位", "配合单位", ""])
    sheet.merge_cells("C2:D2")
    for column in "ABE":
        sheet.merge_cells(f"{column}2:{column}3")
    first_row = 4
    for number, task in enumerate(tasks, 1):
        sheet.append([number, task["text"], "、".join(task["lead_units"]), "、".join(task["co_units"]),
                      task["deadline"]])
    run_start = first_row  # runs of one lead unit: one cell merged down over them
    for row in range(first_row + 1, first_row + len(tasks) + 1):
        lead = sheet.cell(run_start, 3).value
        if row < first_row + len(tasks) and lead and sheet.cell(row, 3).value == lead:
            continue
        if row - 1 > run_start:
            for below in range(run_start + 1, row):
                sheet.cell(below, 3).value = None
            sheet.merge_cells(start_row=run_start, start_column=3, end_row=row - 1, end_column=3)
        run_start = row
    notes = workbook.create_sheet("填表说明")
    notes.append(["说明"])
    notes.append(["各责任单位每月5日前报送任务进展情况，逾期未报的予以通报。"])
    workbook.save(path)
    return path


# ---- old Word

def legacy_word(lines: list[str], folder: Path) -> tuple[Path, Path]:
    """(.doc, .wps): the notice saved by LibreOffice as Word 97; WPS writes the same binary."""
    docx_path = a4_docx(lines, folder / "notice.docx")
    import subprocess

    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(folder), str(docx_path)],
                   check=True, capture_output=True, timeout=300)
    doc = folder / "notice.doc"
    wps = folder / "notice.wps"
    wps.write_bytes(doc.read_bytes())
    return doc, wps


def legacy_workbook(xlsx: Path, folder: Path) -> tuple[Path, Path]:
    """(.xls, .et): the workbook saved by LibreOffice Calc as Excel 97; WPS 表格 writes the same."""
    import subprocess

    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "xls:MS Excel 97", "--outdir", str(folder), str(xlsx)],
                   check=True, capture_output=True, timeout=300)
    xls = folder / f"{xlsx.stem}.xls"
    et = folder / f"{xlsx.stem}.et"
    et.write_bytes(xls.read_bytes())
    return xls, et


# ---- OFD (GB/T 33190)

OFD_XML = """<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1" DocType="OFD">
<ofd:DocBody><ofd:DocInfo><ofd:DocID>0f1d</ofd:DocID><ofd:Title>notice</ofd:Title></ofd:DocInfo>
<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"""
DOCUMENT_XML = """<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016">
<ofd:CommonData><ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>
<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>
<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>
<ofd:Pages>{pages}</ofd:Pages></ofd:Document>"""
PUBLIC_RES = """<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res">
<ofd:Fonts><ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>"""
PAGE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="{layer}">{objects}</ofd:Layer>
</ofd:Content></ofd:Page>"""
OFD_FONT_MM = 5.6  # 16 pt, the size of 公文 body text
OFD_LEFT_MM, OFD_RIGHT_MM, OFD_TOP_MM, OFD_BOTTOM_MM = 28.0, 182.0, 37.0, 260.0


def ofd_document(lines: list[str], path: Path) -> Path:
    """The notice laid out as an OFD writer does: each line of a paragraph one TextObject with
    its position and the advance of every character (DeltaX), pages of 公文 size and margins."""
    per_line = int((OFD_RIGHT_MM - OFD_LEFT_MM) // OFD_FONT_MM)
    placed: list[tuple[float, str]] = []  # (x, text) in reading order
    for paragraph in lines:
        indent = 2 * OFD_FONT_MM
        width = per_line - 2
        while paragraph:
            placed.append((OFD_LEFT_MM + indent, paragraph[:width]))
            paragraph = paragraph[width:]
            indent, width = 0.0, per_line
    step = OFD_FONT_MM * 1.6
    per_page = int((OFD_BOTTOM_MM - OFD_TOP_MM) // step)
    pages = [placed[i:i + per_page] for i in range(0, len(placed), per_page)]
    next_id = 2
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", OFD_XML)
        archive.writestr("Doc_0/PublicRes.xml", PUBLIC_RES)
        page_refs = []
        for number, page in enumerate(pages):
            objects = []
            layer, next_id = next_id, next_id + 1
            for row, (x, text) in enumerate(page):
                y = OFD_TOP_MM + row * step
                deltas = " ".join([f"{OFD_FONT_MM:g}"] * (len(text) - 1))
                objects.append(
                    f'<ofd:TextObject ID="{next_id}" Boundary="{x:g} {y:g} {len(text) * OFD_FONT_MM:g} {step:g}" '
                    f'Font="1" Size="{OFD_FONT_MM:g}"><ofd:TextCode X="0" Y="{OFD_FONT_MM:g}" '
                    f'DeltaX="{deltas}">{html.escape(text)}</ofd:TextCode></ofd:TextObject>')
                next_id += 1
            archive.writestr(f"Doc_0/Pages/Page_{number}/Content.xml",
                             PAGE_XML.format(layer=layer, objects="".join(objects)))
            page_refs.append(f'<ofd:Page ID="{next_id}" BaseLoc="Pages/Page_{number}/Content.xml"/>')
            next_id += 1
        archive.writestr("Doc_0/Document.xml", DOCUMENT_XML.format(max_id=next_id, pages="".join(page_refs)))
    return path


# ---- damaged files

def damaged_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """file -> (path, words its error must contain)."""
    files = {}
    xlsx = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(xlsx, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook>not xml")
    files["xlsx"] = (xlsx, "损坏")
    cut = tmp_path / "cut.xlsx"
    task_workbook([{"text": "任务", "lead_units": ["市应急局"], "co_units": [], "deadline": ""}], cut)
    cut.write_bytes(cut.read_bytes()[:300])
    files["cut xlsx"] = (cut, "损坏")
    xls = tmp_path / "broken.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(6).randbytes(3000))
    files["xls"] = (xls, "损坏")
    ofd = tmp_path / "broken.ofd"
    with zipfile.ZipFile(ofd, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD>not xml")
    files["ofd"] = (ofd, "OFD 文件已损坏")
    html = tmp_path / "binary.html"
    html.write_bytes(bytes(range(256)) * 8)
    files["html"] = (html, "二进制")
    mhtml = tmp_path / "empty.mhtml"
    mhtml.write_text("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x--\r\n")
    files["mhtml"] = (mhtml, "没有 HTML")
    png = tmp_path / "cut.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    files["png"] = (png, "图片文件已损坏")
    doc = tmp_path / "broken.doc"  # needs LibreOffice to say so
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(5).randbytes(4000))
    files["doc"] = (doc, "已损坏")
    return files

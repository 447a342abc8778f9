"""One notice, many surface forms: each renderer writes a notice's plain text (what a reader
gave for it) as another file a county office might receive, saying the same thing.

Every renderer is ``render(text, stem) -> Path``: it writes ``stem`` plus its own suffix and
returns the file. The forms:
- punctuation in the other width (ASCII as a web copy stores it, full-width as typed);
- traditional characters (OpenCC ``s2t``, the package ``ingest.normalize`` folds back with);
- lines cut every 35 characters, as a PDF text layer gives a page's lines;
- a Word file and a web page, a paragraph per line, a table written as text as a real table;
- GB18030 with CRLF line ends (a text file saved on Windows);
- the 公文 layout of a web copy: each paragraph indented by two ideographic spaces, a blank
  line between paragraphs;
- the table of a document holding one (a 任务分工表 written as text): as ``|`` rows, as
  tab-separated rows, one cell per line, and as an Excel sheet.

Tables are runs of ``|`` or tab rows and the tables the parser reads (``find_text_tables`` over
the normalised text, mapped back to the lines of the plain text they came from): a table's
rows are the parser's reading where it has one, else its cells as written. A table's lines
stay whole in the forms that cut or space lines: a PDF gives a table as a grid, a web page as
rows.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import opencc
from docx import Document
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ingest.normalize import normalize
from ingest.text_tables import find_text_tables

CUT_WIDTH = 35  # characters of a PDF text line of a notice set in 三号 on A4
INDENT = "\u3000\u3000"
TO_ASCII = str.maketrans("，：；（）！？", ",:;()!?")
TO_FULL_WIDTH = str.maketrans(",:;()!?", "，：；（）！？")
TITLE_MAX = 40  # the line above a table is its title when this short and no sentence
SHEET_NAME_MAX = 31  # Excel's limit
MARKDOWN_RULE = re.compile(r"^[\s|:\-]+$")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:：*?？/\\]")
_S2T = opencc.OpenCC("s2t")


@dataclass
class TextTable:
    """A table written as text: its lines [first, end) of the plain text, the line above it
    that names it ("" when there is none), and its rows of cells (all of one width)."""
    first: int
    end: int
    title: str
    rows: list[list[str]]


Block = str | TextTable  # a line of prose, or a table


def text_tables(text: str) -> list[TextTable]:
    """The tables written as text in ``text``: runs of ``|`` or tab rows, and the tables the
    parser reads there. A table's rows are the parser's where it reads the same lines (it fills
    cells a row leaves out under a merged cell above), else the cells as written."""
    lines = text.split("\n")
    clean = normalize(text)
    parsed: dict[tuple[int, int], list[list[str]]] = {}
    for table in find_text_tables(clean.text):
        start, end = clean.span(table.start, table.end)
        lines_of = (text.count("\n", 0, start), text.count("\n", 0, end - 1) + 1)
        parsed[lines_of] = [[" ".join(cell.split()) for cell in row] for row in table.table.rows]
    found = [TextTable(table.first, table.end, table.title, parsed.get((table.first, table.end), table.rows))
             for table in _delimited_tables(lines)]
    for (first, end), rows in parsed.items():
        if not any(first < other.end and other.first < end for other in found):
            found.append(TextTable(first, end, _title(lines, first), rows))
    return sorted(found, key=lambda table: table.first)


def _delimited_tables(lines: list[str]) -> list[TextTable]:
    """Runs of lines holding the same delimiter in which most rows have two cells or more
    (a run of one cell per line, each ending in "|", is the parser's to read)."""
    found, i = [], 0
    while i < len(lines):
        mark = _delimiter(lines[i])
        end = i
        while end < len(lines) and mark and _delimiter(lines[end]) == mark:
            end += 1
        rows = [_cells(line, mark) for line in lines[i:end] if not MARKDOWN_RULE.match(line)]
        if len(rows) >= 2 and 2 * sum(len(row) >= 2 for row in rows) > len(rows):
            width = max(len(row) for row in rows)
            found.append(TextTable(i, end, _title(lines, i), [row + [""] * (width - len(row)) for row in rows]))
        i = max(end, i + 1)
    return found


def _delimiter(line: str) -> str:
    return "|" if "|" in line else "\t" if "\t" in line else ""


def _cells(line: str, mark: str) -> list[str]:
    line = line.strip().strip("|") if mark == "|" else line.strip(" \u3000\r")
    return [" ".join(cell.split()) for cell in line.split(mark)]


def _title(lines: list[str], first: int) -> str:
    above = next((line.strip() for line in reversed(lines[:first]) if line.strip()), "")
    return above if len(above) <= TITLE_MAX and not re.search(r"[。；;：:]$", above) else ""


def has_table(text: str) -> bool:
    return bool(text_tables(text))


def blocks(text: str) -> list[Block]:
    """The text as prose lines and tables, in order."""
    lines = text.split("\n")
    out: list[Block] = []
    at = 0
    for table in text_tables(text):
        out += lines[at:table.first]
        out.append(table)
        at = table.end
    return out + lines[at:]


def is_group_row(row: list[str]) -> bool:
    """A row naming a group of the rows below it (一、体系建设): one cell, merged across."""
    return len(row) > 1 and bool(row[0]) and not any(row[1:])


def _write_text(stem: Path, text: str, encoding: str = "utf-8", suffix: str = ".txt") -> Path:
    path = stem.with_suffix(suffix)
    path.write_bytes(text.encode(encoding))
    return path


def _with_tables(text: str, row_lines: Callable[[list[list[str]]], list[str]]) -> str:
    return "\n".join(line for block in blocks(text)
                     for line in (row_lines(block.rows) if isinstance(block, TextTable) else [block]))


# ---- plain text in another surface ------------------------------------------------------------
def ascii_punctuation(text: str, stem: Path) -> Path:
    return _write_text(stem, text.translate(TO_ASCII))


def full_width_punctuation(text: str, stem: Path) -> Path:
    return _write_text(stem, text.translate(TO_FULL_WIDTH))


def traditional(text: str, stem: Path) -> Path:
    return _write_text(stem, _S2T.convert(text))


def cut_lines(text: str, stem: Path) -> Path:
    """Every line of prose longer than 35 characters cut into lines of 35."""
    lines = []
    for block in blocks(text):
        if isinstance(block, TextTable):
            lines += text.split("\n")[block.first:block.end]
        else:
            lines += [block[i:i + CUT_WIDTH] for i in range(0, len(block), CUT_WIDTH)] or [""]
    return _write_text(stem, "\n".join(lines))


def gb18030_crlf(text: str, stem: Path) -> Path:
    return _write_text(stem, text.replace("\n", "\r\n"), encoding="gb18030")


def indented(text: str, stem: Path) -> Path:
    """Each paragraph indented by two ideographic spaces, a blank line after it; a table's rows
    stay together."""
    paragraphs = []
    for block in blocks(text):
        if isinstance(block, TextTable):
            paragraphs.append("\n".join(text.split("\n")[block.first:block.end]))
        elif block.strip():
            paragraphs.append(INDENT + block.strip())
    return _write_text(stem, "\n\n".join(paragraphs) + "\n")


# ---- office files and web pages ---------------------------------------------------------------
def docx_file(text: str, stem: Path) -> Path:
    """A paragraph per line; a table as a Word table, a group row merged across."""
    document = Document()
    for block in blocks(text):
        if isinstance(block, TextTable):
            width = max(len(row) for row in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            for row, cells in zip(table.rows, block.rows):
                if is_group_row(cells):
                    row.cells[0].merge(row.cells[width - 1]).text = cells[0]
                    continue
                for cell, value in zip(row.cells, cells):
                    cell.text = value
        elif block.strip():
            document.add_paragraph(block.strip())
    path = stem.with_suffix(".docx")
    document.save(path)
    return path


def html_page(text: str, stem: Path) -> Path:
    """A <p> per line; a table as a <table>, a group row one cell spanning the row."""
    title = next((line.strip() for line in text.split("\n") if line.strip()), "")
    body = []
    for block in blocks(text):
        if isinstance(block, TextTable):
            body.append('<table border="1">')
            for row in block.rows:
                cells = ([f'<td colspan="{len(row)}">{html.escape(row[0])}</td>'] if is_group_row(row)
                         else [f"<td>{html.escape(cell)}</td>" for cell in row])
                body.append(f"<tr>{''.join(cells)}</tr>")
            body.append("</table>")
        elif block.strip():
            body.append(f"<p>{html.escape(block.strip())}</p>")
    page = ('<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head>\n"
            '<body><div class="article">\n' + "\n".join(body) + "\n</div></body></html>\n")
    return _write_text(stem, page, suffix=".html")


# ---- a table in another layout ----------------------------------------------------------------
def pipe_rows(rows: list[list[str]]) -> list[str]:
    """Markdown: a rule under the header row."""
    lines = [f"| {' | '.join(row)} |" for row in rows]
    return lines[:1] + ["|" + "---|" * len(rows[0])] + lines[1:]


def tab_rows(rows: list[list[str]]) -> list[str]:
    return ["\t".join(row) for row in rows]


def cell_lines(rows: list[list[str]]) -> list[str]:
    """One cell per line, empty cells left out (a table copied out of a web page)."""
    return [cell for row in rows for cell in row if cell]


def table_pipes(text: str, stem: Path) -> Path:
    return _write_text(stem, _with_tables(text, pipe_rows))


def table_tabs(text: str, stem: Path) -> Path:
    return _write_text(stem, _with_tables(text, tab_rows))


def table_cells(text: str, stem: Path) -> Path:
    return _write_text(stem, _with_tables(text, cell_lines))


def table_xlsx(text: str, stem: Path) -> Path:
    """The tables alone, a sheet each: the 任务分工表 sent as a workbook. The sheet is named
    by the table's title and, when it has one, opens with it as a row merged across."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for number, table in enumerate(text_tables(text), 1):
        name = SHEET_NAME_FORBIDDEN.sub("", table.title)[:SHEET_NAME_MAX] or f"表{number}"
        sheet = workbook.create_sheet(name if name not in workbook.sheetnames else f"{name[:28]}{number}")
        width = max(len(row) for row in table.rows)
        if table.title:
            sheet.append([table.title])
            sheet.merge_cells(f"A1:{get_column_letter(width)}1")
        for row in table.rows:
            sheet.append(row[:1] if is_group_row(row) else row)
            if is_group_row(row):
                sheet.merge_cells(f"A{sheet.max_row}:{get_column_letter(width)}{sheet.max_row}")
    path = stem.with_suffix(".xlsx")
    workbook.save(path)
    return path


@dataclass(frozen=True)
class Form:
    name: str
    render: Callable[[str, Path], Path]
    needs_table: bool = False  # applies only where the text holds a table
    table_tasks_only: bool = False  # the file holds the table alone: compare the table's tasks


FORMS = (
    Form("ascii-punct", ascii_punctuation),
    Form("fullwidth-punct", full_width_punctuation),
    Form("traditional", traditional),
    Form("cut35", cut_lines),
    Form("docx", docx_file),
    Form("html", html_page),
    Form("gb18030-crlf", gb18030_crlf),
    Form("indented", indented),
    Form("table-pipes", table_pipes, needs_table=True),
    Form("table-tabs", table_tabs, needs_table=True),
    Form("table-cells", table_cells, needs_table=True),
    Form("table-xlsx", table_xlsx, needs_table=True, table_tasks_only=True),
)

"""Word (.docx): paragraphs and tables in body order, merged cells expanded."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table as DocxTable
from docx.table import _Cell as DocxCell

from ingest.errors import ReadError
from ingest.models import RawDocument, Table
from ingest.readers.common import check_zip_bounds, require_text, table_row_line


def read_docx(path: str | Path) -> RawDocument:
    """Paragraphs and tables in body order; each table row also becomes a tab-separated line."""
    path = Path(path)
    check_zip_bounds(path)
    try:
        lines, tables = _docx_body(docx.Document(str(path)))
    except Exception as exc:  # python-docx raises KeyError, XMLSyntaxError, ValueError... on broken parts
        reason = f"docx 文件已损坏，无法解析 (damaged docx: {type(exc).__name__}: {exc})"
        raise ReadError(str(path), reason) from exc
    text = "\n".join(lines)
    require_text(path, text)
    return RawDocument(path=str(path), fmt="docx", text=text, tables=tables)


def _docx_body(document) -> tuple[list[str], list[Table]]:
    lines: list[str] = []
    tables: list[Table] = []
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            rows = docx_table_rows(block)
            if rows:
                tables.append(Table(rows=rows, after_line=len(lines)))
                lines.extend(table_row_line(row) for row in rows)
        else:
            lines.extend(block.text.split("\n"))  # a <w:br/> inside a paragraph is a "\n"
    return lines, tables


def docx_table_rows(table: DocxTable) -> list[list[str]]:
    """Cell texts with merges expanded: a ``gridSpan`` cell repeats across the columns it spans,
    a ``vMerge`` continuation takes the text of the cell above. Done from the XML rather than
    with ``row.cells``, which raises on a malformed continuation that has no cell above."""
    trs = table._tbl.tr_lst
    width = max([len(table._tbl.tblGrid.gridCol_lst), *(_docx_row_width(tr) for tr in trs)])
    rows: list[list[str]] = []
    above = [""] * width
    for tr in trs:
        cells = [""] * width
        col = tr.grid_before
        for tc in tr.tc_lst:
            span_end = col + tc.grid_span
            if tc.vMerge == "continue":
                cells[col:span_end] = above[col:span_end]
            else:
                cells[col:span_end] = [DocxCell(tc, table).text.strip()] * tc.grid_span
            col = span_end
        rows.append(cells)
        above = cells
    return rows


def _docx_row_width(tr) -> int:
    return tr.grid_before + sum(tc.grid_span for tc in tr.tc_lst)


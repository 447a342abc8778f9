"""OFD (GB/T 33190, the national format for e-documents) via ofdkit.

ofdkit (PyPI, Apache-2.0, standard library only, offline) opens the package and gives every
text run on a page with its position, templates and composite objects included. Runs become
positioned characters for ``pdf_layout``, which joins wrapped lines into paragraphs as it does
for a PDF. OFD draws tables as paths with no table structure, so a table's cells come out as
lines of text, not as a ``Table``; an OFD with no text at all (a scan) is refused with the
advice to save it as PDF, which policykb OCRs.
"""
from __future__ import annotations

import re
from pathlib import Path

from ingest.errors import ReadError
from ingest.models import RawDocument
from ingest.readers.common import check_zip_bounds
from ingest.readers.pdf_layout import Char, assemble, group_lines

ASCENT = 0.85  # share of the font size above the baseline: the run's box from its baseline
SAVE_AS_PDF = "请用 OFD 阅读器另存为 PDF 后再导入 (save it as PDF and import that)"
# Glyph codes of an embedded font that maps them to no Unicode come out in the private use area
# (5 % of one real file's text): a few are dropped, a text of many of them is refused.
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
MAX_PRIVATE_USE_SHARE = 0.1


def read_ofd(path: str | Path) -> RawDocument:
    path = Path(path)
    check_zip_bounds(path)
    import ofdkit

    try:
        with ofdkit.open(path) as document:
            pages = [(page.index, page.width, page.runs) for page in document.pages]
    except ofdkit.OFDError as exc:
        raise ReadError(str(path), f"OFD 文件已损坏，无法解析 (damaged OFD: {exc})；{SAVE_AS_PDF}") from exc
    lines = []
    for index, width, runs in pages:
        chars = [Char(run.text, run.x, run.x + run.width, run.y - ASCENT * run.size,
                      run.y + (1 - ASCENT) * run.size) for run in runs if run.text.strip()]
        lines += group_lines(chars, index, width)
    text, tables = assemble(lines)
    if not text.strip():
        raise ReadError(str(path), f"OFD 没有文字层（可能是扫描件）；{SAVE_AS_PDF}")
    if len(PRIVATE_USE.findall(text)) > MAX_PRIVATE_USE_SHARE * len(text):
        raise ReadError(str(path), f"OFD 的文字用了无法转换的嵌入字体编码，读出来是乱码；{SAVE_AS_PDF} "
                                   f"(the text uses font codes without Unicode)")
    text = PRIVATE_USE.sub("", text)
    return RawDocument(path=str(path), fmt="ofd", text=text, tables=tables)

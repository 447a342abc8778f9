"""Old Word and WPS files (.doc, .wps; also RTF saved as .doc): converted to .docx by LibreOffice
without a window, then read as a .docx.

The conversion runs in a temporary folder with a private LibreOffice profile (so it neither
hands its work to a LibreOffice the user has open nor leaves files behind) and a time limit: a
file that hangs LibreOffice is killed with its whole process group and reported, and the
ingest goes on with the next file.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ingest.errors import ConverterUnavailable, ReadError
from ingest.models import RawDocument
from ingest.readers.docx import read_docx

CONVERT_TIMEOUT_S = 120
# The import filter is named: left to guess, LibreOffice reads a damaged file as plain text and
# "converts" its bytes. WPS writes .wps in the Word 97 binary format.
WORD_FILTER, RTF_FILTER = "MS Word 97", "Rich Text Format"
# Where LibreOffice lives when it is not on PATH (Windows and macOS installers).
SOFFICE_PLACES = (
    "soffice", "libreoffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
INSTALL_HINT = ("读取 .doc/.wps 需要 LibreOffice：请安装 LibreOffice（Debian/Ubuntu：apt-get install "
                "libreoffice-writer-nogui；Windows/macOS：从 libreoffice.org 安装），或用 Word/WPS 另存为 .docx "
                "后再导入 (LibreOffice is needed for .doc/.wps: install it, or save the file as .docx)")


def find_soffice() -> str | None:
    for place in SOFFICE_PLACES:
        found = shutil.which(place) or (place if os.path.isfile(place) else None)
        if found:
            return found
    return None


def read_doc(path: str | Path) -> RawDocument:
    path = Path(path)
    soffice = find_soffice()
    if soffice is None:
        raise ConverterUnavailable(str(path), INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="policykb-doc-") as folder:
        work = Path(folder)
        source = work / f"input{path.suffix.lower()}"  # a plain name: LibreOffice and shells agree on it
        shutil.copyfile(path, source)
        import_filter = RTF_FILTER if source.read_bytes()[:5] == b"{\\rtf" else WORD_FILTER
        converted = convert_to_docx(path, soffice, source, work, import_filter)
        raw = read_docx(converted)
    return RawDocument(path=str(path), fmt=path.suffix.lower().lstrip("."), text=raw.text, tables=raw.tables)


def convert_to_docx(path: Path, soffice: str, source: Path, work: Path, import_filter: str) -> Path:
    command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", f"--infilter={import_filter}", "--convert-to", "docx:MS Word 2007 XML",
               "--outdir", str(work / "out"), str(source)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # soffice starts helpers: end the whole group
        process.communicate()
        raise ReadError(str(path), f"LibreOffice 转换超时（{CONVERT_TIMEOUT_S} 秒），文件可能已损坏 "
                                   f"(conversion timed out after {CONVERT_TIMEOUT_S} s)") from None
    converted = work / "out" / f"{source.stem}.docx"
    if process.returncode != 0 or not converted.exists():
        detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise ReadError(str(path), f"文件已损坏或不是 Word/WPS 文档，LibreOffice 无法转换 "
                                   f"(LibreOffice could not convert it: {detail[0]})")
    return converted

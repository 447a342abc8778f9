"""Plain text (.txt) in any Chinese encoding: BOMs, UTF-8, the GB family, UTF-16, Big5."""
from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from ingest.errors import ReadError, UnsupportedFormat
from ingest.models import RawDocument
from ingest.readers.common import read_bytes, require_text

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer names for the GB family; GB18030 decodes everything they do.
GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936"}
CHINESE_SHARE = 0.3  # of the characters, for bytes no detector places to be read as GB18030


def read_txt(path: str | Path) -> RawDocument:
    return read_plain_text(Path(path), "txt")


def read_plain_text(path: Path, fmt: str) -> RawDocument:
    data = read_bytes(path)
    text, encoding = decode_text(str(path), data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    require_text(path, text)
    return RawDocument(path=str(path), fmt=fmt, text=text, encoding=encoding)


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns (text, Python codec name)."""
    encoding = detect_encoding(name, data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        reason = f"文本编码损坏，按 {encoding} 解码失败 (cannot decode as {encoding}: {exc.reason})"
        raise ReadError(name, reason) from exc
    if "\x00" in text:
        raise UnsupportedFormat(name, "文件含二进制内容，不是纯文本 (binary content, not plain text)")
    return text, encoding


def detect_encoding(name: str, data: bytes) -> str:
    """BOM, then strict UTF-8, then charset-normalizer.

    charset-normalizer alone mis-guesses short GBK text (``各区县应急局：`` comes out as cp949,
    ``附件1`` as big5) but still lists gb18030 among its candidates, and it drops gb18030 from
    the candidates for real Big5 text. Our files are mainland notices, so a GB candidate wins.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    if _decodes(data, "utf-8"):
        return "utf-8"
    matches = from_bytes(data)
    if any(match.encoding in GB_FAMILY for match in matches) and _decodes(data, "gb18030"):
        return "gb18030"
    best = matches.best()
    if best is None and _reads_as_chinese(data, "gb18030"):  # e.g. GB18030 with CRLF: no candidate
        return "gb18030"
    if best is None:
        raise UnsupportedFormat(name, "无法识别文本编码，可能是二进制文件 (unknown text encoding or binary file)")
    return best.encoding


def _reads_as_chinese(data: bytes, encoding: str) -> bool:
    """Decodes strictly, and most of what it gives is Chinese text (not bytes of a binary file)."""
    if not _decodes(data, encoding):
        return False
    text = "".join(data.decode(encoding).split())
    chinese = sum("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in text)
    return bool(text) and "\x00" not in text and chinese >= CHINESE_SHARE * len(text)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True

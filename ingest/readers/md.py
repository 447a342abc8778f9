"""Markdown (.md), e.g. the laws data set: ``# 标题``, ``<!-- INFO END -->``, ``## 第一章``. Kept
as is: downstream reads the ``#`` headings and ignores the HTML comment."""
from __future__ import annotations

from pathlib import Path

from ingest.models import RawDocument
from ingest.readers.txt import read_plain_text


def read_md(path: str | Path) -> RawDocument:
    return read_plain_text(Path(path), "md")

"""What ingest produces, as plain dataclasses: a reader's RawDocument (text and tables), and a
ParsedDocument (document, passages, tasks) that the store keeps and search, qa and export read.
Each has ``to_dict()`` for JSON output."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Table:
    """A table found by a reader, merged cells already expanded (every row has every cell)."""
    rows: list[list[str]]
    # index of the paragraph (in the reader's text, counted by "\n") that the table follows
    after_line: int = 0


@dataclass
class RawDocument:
    """What a reader returns: the text as read (paragraphs separated by newlines) and tables."""
    path: str
    fmt: str  # txt | docx | pdf | md
    text: str
    tables: list[Table] = field(default_factory=list)
    encoding: str = ""


@dataclass
class Document:
    doc_id: str  # sha256 of the normalised content, first 16 hex digits
    file: str  # file name as ingested
    title: str = ""
    number: str = ""  # 文号, e.g. 济政办函〔2021〕8号
    issuer: str = ""
    date: str = ""  # YYYY-MM-DD or ""
    region: str = ""  # e.g. 济南市, 沂源县
    level: str = ""  # 省 | 市 | 县 | 区 | 街道 | 镇 | ""
    kind: str = "notice"  # a key of vocab.DOCUMENT_KINDS
    fmt: str = "txt"
    path: str = ""
    text: str = ""  # the document text as read (citations are spans of this)

    def to_dict(self, with_text: bool = False) -> dict:
        d = asdict(self)
        if not with_text:
            d.pop("text")
        return d


@dataclass
class Passage:
    doc_id: str
    seq: int
    section: str  # heading path joined by " / "
    text: str
    start: int  # span in Document.text
    end: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Task:
    doc_id: str
    seq: int
    section: str
    title: str
    text: str
    lead_units: list[str] = field(default_factory=list)
    co_units: list[str] = field(default_factory=list)
    responsible_units: list[str] = field(default_factory=list)
    deadline: str = ""
    deadline_norm: str = ""
    metrics: list[str] = field(default_factory=list)
    start: int = 0  # span in Document.text
    end: int = 0
    deadline_inferred: bool = False  # the deadline's year is the document's, not written in it
    owner_source: str = ""  # how the roles were read: label | phrase | convention:<name> | prose | table

    @property
    def units(self) -> list[str]:
        return [*self.lead_units, *self.co_units, *self.responsible_units]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ParsedDocument:
    document: Document
    passages: list[Passage]
    tasks: list[Task]

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


# Where a document's text came from: a file's own text, OCR of images, or both (a PDF with
# text pages and scanned pages). Keys of vocab.TEXT_SOURCES.
TEXT_SOURCE, OCR_SOURCE, MIXED_SOURCE = "text", "ocr", "mixed"


@dataclass
class OcrSpan:
    """A line of ``text`` read by OCR: its span and the recogniser's confidence (0–1)."""
    start: int
    end: int
    confidence: float


@dataclass
class RawDocument:
    """What a reader returns: the text as read (paragraphs separated by newlines) and tables."""
    path: str
    fmt: str  # a suffix without the dot: txt | md | docx | pdf | doc | html | xlsx | png | ofd …
    text: str
    tables: list[Table] = field(default_factory=list)
    encoding: str = ""
    # the lines OCR read (empty when the file had text of its own)
    ocr_spans: list[OcrSpan] = field(default_factory=list)
    source: str = TEXT_SOURCE
    # what the file states about itself outside its text (a web page's 索引号 box):
    # number (文号), issuer (发文机关), date (成文日期, YYYY-MM-DD)
    meta: dict[str, str] = field(default_factory=dict)
    # what the reader left out under a limit (rows past a sheet's cap, pages past the OCR
    # page cap …), each a sentence for the user; the document is stored with a warning
    notes: list[str] = field(default_factory=list)


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
    places: str = ""  # places the body names, most named first, joined by 、 (a question may name one)
    kind: str = "notice"  # a key of vocab.DOCUMENT_KINDS
    fmt: str = "txt"
    path: str = ""
    text: str = ""  # the document text as read (citations are spans of this)
    source: str = TEXT_SOURCE  # text | ocr | mixed
    ocr_confidence: float | None = None  # mean over the OCR'd characters; None without OCR
    ocr_spans: list[OcrSpan] = field(default_factory=list)  # kept with the text

    def to_dict(self, with_text: bool = False) -> dict:
        d = asdict(self)
        if not with_text:
            d.pop("text")
            d.pop("ocr_spans")
        return d

    def ocr_confidence_of(self, start: int, end: int) -> float | None:
        """Mean OCR confidence of the characters of ``text[start:end]`` that OCR read, or None
        when OCR read none of them (text of the file's own, or a document without OCR)."""
        return span_confidence(self.ocr_spans, start, end)


def span_confidence(spans: list[OcrSpan], start: int, end: int) -> float | None:
    """Confidence of the OCR'd characters in [start, end), weighted by how many each line has."""
    weight = total = 0.0
    for span in spans:
        overlap = min(end, span.end) - max(start, span.start)
        if overlap > 0:
            weight += overlap
            total += overlap * span.confidence
    return total / weight if weight else None


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
    owner_source: str = ""  # how the roles were read: label | duty_line | phrase | convention:<name> | prose | table | heading | cut
    confidence: float | None = None  # how far to trust the owners (ingest.task_confidence); None: not rated

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
    notes: list[str] = field(default_factory=list)  # the reader's (RawDocument.notes)

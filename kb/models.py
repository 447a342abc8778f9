"""Plain dataclasses passed between stages: ingest produces them, the store keeps them,
search / qa / export read them. Each has ``to_dict()`` for JSON output."""
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
    kind: str = "notice"  # notice | regulation
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


@dataclass
class Hit:
    """One search result: a passage or a task, with where it sits and what matched."""
    kind: str  # passage | task
    id: int  # row id in the store (passages or tasks table)
    doc_id: str
    doc_file: str
    doc_title: str
    section: str
    text: str
    score: float
    start: int = 0  # span in Document.text
    end: int = 0
    highlights: list[tuple[int, int]] = field(default_factory=list)  # spans of ``text`` that matched
    task: Task | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Citation:
    """The words that prove an answer: a passage or task text, with the answer span marked."""
    doc_id: str
    doc_file: str
    doc_title: str
    section: str
    text: str
    start: int = 0  # span in Document.text
    end: int = 0
    marks: list[tuple[int, int]] = field(default_factory=list)  # answer spans within ``text``

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class AnswerGroup:
    """One document's answer when several documents answer the same question."""
    doc_id: str
    doc_file: str
    doc_title: str
    region: str
    answer: str
    units: list[str] = field(default_factory=list)
    citation: Citation | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    question: str
    kind: str  # lead | co | responsible | deadline | metric | unit_tasks | passage
    answer: str  # the sentence shown first; "未找到明确答案" when nothing is certain enough
    found: bool = True
    units: list[str] = field(default_factory=list)
    deadline: str = ""
    deadline_norm: str = ""
    metrics: list[str] = field(default_factory=list)
    confidence: float = 0.0
    citations: list[Citation] = field(default_factory=list)  # best first
    groups: list[AnswerGroup] = field(default_factory=list)  # per document, best first
    tasks: list[Task] = field(default_factory=list)  # for unit_tasks: the unit's task list

    def to_dict(self) -> dict:
        return asdict(self)

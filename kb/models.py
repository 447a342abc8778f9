"""What kb answers with: search hits, citations and answers. Each has ``to_dict()`` for JSON."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ingest.models import Task


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
    ocr_confidence: float | None = None  # set when OCR read this text (check it against the scan)
    doc_kind: str = ""  # the document's kind: notice | regulation (vocab.DOCUMENT_KINDS)

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
    ocr_confidence: float | None = None  # set when OCR read this text (check it against the scan)

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
    deadline: str = ""  # the answering task's 完成时限 as written, when a task answers
    confidence: float = 0.0  # this row's own calibrated chance of being right

    def to_dict(self) -> dict:
        return asdict(self)


# Below this calibrated chance of being right, an answer is shown as a guess: the closest
# passages first, and the answer only as "可能是…" (the app and `kb ask`).
SURE_CONFIDENCE = 0.5


@dataclass
class Answer:
    question: str
    kind: str  # an intent of kb.answers.rules: lead | co | … | article | organisation | quantity | passage
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
    # for unit_tasks: one row per task, grouped by document: doc_id, doc_title, role (牵头/配合/责任),
    # task, deadline, deadline_norm, status (已逾期 / 30天内到期 / 未到期 / 无时限)
    table: list[dict] = field(default_factory=list)
    query: str = ""  # what was searched (the Chinese words of an English question)
    notes: list[str] = field(default_factory=list)  # how the question was read: "今年 = 2026年"
    answered_from: str = ""  # task | clause | unit_list: the structured tasks or a passage's clause
    score: float = 0.0  # the best candidate's match score, before calibration
    margin: float = 0.0  # its lead over the best candidate saying something else

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def sure(self) -> bool:
        """Found, and likely enough to be right to be shown as the answer."""
        return self.found and self.confidence >= SURE_CONFIDENCE

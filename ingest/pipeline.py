"""file -> ParsedDocument: read, normalise, build the section tree, extract metadata,
passages and tasks. Knows nothing about storage or indexes."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.dates import normalize_deadline
from ingest.meta import MD_TITLE, extract_meta
from ingest.normalize import CleanText, normalize
from ingest.readers import ReadOptions, read_file
from ingest.sections import Node, build_tree, chunk
from ingest.tables import is_assignment_table, table_tasks
from ingest.tasks import Owners, TaskDraft, extract_tasks
from ingest.models import Document, ParsedDocument, Passage, RawDocument, Task, span_confidence

PASSAGE_MAX_CHARS = 500
MIN_ARTICLES_FOR_REGULATION = 3
LAW_INFO_MARK = "<!-- INFO END -->"  # ends the issuing lines of a law in the laws Markdown format


def parse_file(path: str | Path, passage_max_chars: int = PASSAGE_MAX_CHARS,
               options: ReadOptions | None = None) -> ParsedDocument:
    return parse_raw(read_file(path, options), passage_max_chars)


def parse_raw(raw: RawDocument, passage_max_chars: int = PASSAGE_MAX_CHARS) -> ParsedDocument:
    clean = normalize(raw.text)
    text = clean.text
    root = build_tree(text)
    preamble = text[: root.children[0].start] if root.children else text[:2000]
    articles = sum(1 for n in root.walk() if n.style == "article")
    regulation = articles >= MIN_ARTICLES_FOR_REGULATION or (raw.fmt == "md" and LAW_INFO_MARK in raw.text)
    md_title = MD_TITLE.search(raw.text[:2000]) if raw.fmt == "md" else None
    meta = extract_meta(preamble, text, regulation, md_title.group(1) if md_title else "")
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    document = Document(
        doc_id=doc_id, file=Path(raw.path).name, path=str(raw.path), fmt=raw.fmt, text=raw.text,
        kind="regulation" if regulation else "notice",
        title=meta.title or Path(raw.path).stem, number=raw.meta.get("number") or meta.number,
        issuer=raw.meta.get("issuer") or meta.issuer, date=raw.meta.get("date") or meta.date,
        region=meta.region, level=meta.level,
        source=raw.source, ocr_spans=raw.ocr_spans, ocr_confidence=_mean_confidence(raw))
    drafts = extract_tasks(root, text, meta.date, meta.title, regulation)
    drafts += _table_drafts(raw, clean, meta.date)
    tasks = [_task(doc_id, i, d, clean) for i, d in enumerate(drafts)]
    passages = _passages(doc_id, root, clean, passage_max_chars)
    return ParsedDocument(document=document, passages=passages, tasks=tasks)


def _mean_confidence(raw: RawDocument) -> float | None:
    return span_confidence(raw.ocr_spans, 0, len(raw.text))


def _task(doc_id: str, seq: int, d: TaskDraft, clean: CleanText) -> Task:
    start, end = clean.span(d.start, d.end)
    return Task(
        doc_id=doc_id, seq=seq, section=d.section, title=d.title, text=d.text,
        lead_units=d.owners.lead, co_units=d.owners.co, responsible_units=d.owners.responsible,
        deadline=d.deadline, deadline_norm=d.deadline_norm, metrics=d.metrics, start=start, end=end)


def _passages(doc_id: str, root: Node, clean: CleanText, cap: int) -> list[Passage]:
    passages: list[Passage] = []
    for node in root.walk():
        body = clean.text[node.start:node.end]
        for start, end in chunk(body, node.start, cap):
            o_start, o_end = clean.span(start, end)
            passages.append(Passage(doc_id=doc_id, seq=len(passages), section=node.section,
                                    text=clean.text[start:end].strip(), start=o_start, end=o_end))
    return passages


def _table_drafts(raw: RawDocument, clean: CleanText, issued: str) -> list[TaskDraft]:
    """Rows of a 任务分工表 in a docx/pdf become tasks directly; the span is the row's text."""
    drafts = []
    for table in raw.tables:
        if not is_assignment_table(table):
            continue
        for row in table_tasks(table):
            where = clean.text.find(row["text"][:20]) if row["text"] else -1
            start = max(where, 0)
            drafts.append(TaskDraft(
                section="任务分工表", title=row["title"], text=row["text"], start=start,
                end=start + (len(row["text"]) if where >= 0 else 0),
                owners=Owners(lead=row["lead_units"], co=row["co_units"],
                              responsible=row["responsible_units"], deadline=row["deadline"]),
                deadline=row["deadline"], deadline_norm=normalize_deadline(row["deadline"], issued)))
    return drafts

"""file -> ParsedDocument: read, normalise, build the section tree, extract metadata,
passages and tasks. Knows nothing about storage or indexes."""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from ingest import patterns as P
from ingest.dates import DateContext, deadline_field, parse_date
from ingest.drafts import TaskDraft
from ingest.items import DocContext
from ingest.meta import MD_TITLE, DocMeta, extract_meta
from ingest.models import Document, ParsedDocument, RawDocument, Table, Task, span_confidence
from ingest.normalize import CleanText, normalize
from ingest.owners import Owners, co_inside_duty, find_convention
from ingest.passages import passages
from ingest.readers import ReadOptions, read_file
from ingest.sections import Node, build_tree
from ingest.tables import is_assignment_table, table_tasks
from ingest.targets import find_metrics
from ingest.task_confidence import task_confidence
from ingest.task_deadlines import choose_deadline
from ingest.tasks import extract_tasks
from ingest.text_tables import find_text_tables

PASSAGE_MAX_CHARS = 500
TABLE_TITLE_MAX = 40  # a table title line, above a table outside any heading
LAW_INFO_MARK = "<!-- INFO END -->"  # ends the issuing lines of a law in the laws Markdown format


def parse_file(path: str | Path, passage_max_chars: int = PASSAGE_MAX_CHARS,
               options: ReadOptions | None = None, max_tasks: int | None = None) -> ParsedDocument:
    return parse_raw(read_file(path, options), passage_max_chars, max_tasks)


def parse_raw(raw: RawDocument, passage_max_chars: int = PASSAGE_MAX_CHARS,
              max_tasks: int | None = None) -> ParsedDocument:
    """``max_tasks``: extraction stops there (the caller keeps no more), with a note."""
    clean = normalize(raw.text)
    text = clean.text
    root = build_tree(text)
    preamble = text[: root.children[0].start] if root.children else text[:2000]
    md_title = MD_TITLE.search(raw.text[:2000]) if raw.fmt == "md" else None
    law_format = raw.fmt == "md" and LAW_INFO_MARK in raw.text
    meta = extract_meta(preamble, text, law_format, md_title.group(1) if md_title else "")
    # what a web page's information box says (文号, 发文机关, 成文日期) beats what the text gives
    meta = replace(meta, **{k: v for k, v in raw.meta.items() if k in ("number", "issuer", "date") and v})
    regulation = law_format or is_regulation(meta.title, text)
    if not regulation and any(n.style == "article" for n in root.walk()):
        root = build_tree(text, article_titles=True)  # 若干措施: measures numbered 第X条
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    document = Document(
        doc_id=doc_id, file=Path(raw.path).name, path=str(raw.path), fmt=raw.fmt, text=raw.text,
        kind="regulation" if regulation else "notice",
        title=meta.title or Path(raw.path).stem, number=meta.number, issuer=meta.issuer,
        date=meta.date, region=meta.region, level=meta.level, places=meta.places,
        source=raw.source, ocr_spans=raw.ocr_spans, ocr_confidence=_mean_confidence(raw))
    table_drafts, table_spans = _table_drafts(raw, clean, meta, root)
    ctx = DocContext(issued=meta.date, title=meta.title, year=document_year(meta, text),
                     convention=find_convention(text), skip=table_spans,
                     # (a regulation a notice prints without articles, an 实施细则 numbered 1、⑴…, is read as a notice's
                     # items; a law database's entry without articles — a judicial reply, a case — is not)
                     regulation=regulation and (law_format or any(n.style == "article" for n in root.walk())),
                     max_tasks=max_tasks)
    drafts = extract_tasks(root, text, ctx) + table_drafts
    drafts.sort(key=lambda d: d.start)
    tasks = [_task(doc_id, i, d, clean) for i, d in enumerate(drafts)]
    for task in tasks:
        task.confidence = task_confidence(task)
    found = passages(doc_id, root, clean, passage_max_chars)
    notes = list(raw.notes)
    if ctx.tasks_cut:
        notes.append(f"任务超过上限 {max_tasks} 项，后面的文字没有再找任务 "
                     f"(more than {max_tasks} tasks: the rest of the text was not searched for tasks)")
    return ParsedDocument(document=document, passages=found, tasks=tasks, notes=notes)


def _mean_confidence(raw: RawDocument) -> float | None:
    return span_confidence(raw.ocr_spans, 0, len(raw.text))


def is_regulation(title: str, text: str) -> bool:
    """A regulation by its own signs (title 条例/办法/规定…, a 总则 chapter, an entry-into-force
    article), not by having articles: 若干措施 number their measures 第一条 too."""
    return bool(P.REGULATION_TITLE.search(title) or P.REGULATION_SIGN.search(text))


def document_year(meta: DocMeta, text: str = "") -> int | None:
    """The year of deadlines written without one: the title's single year (2021年工作要点),
    else the issue date's, else the 文号's, else the first year of the title's span, else the
    start the text gives itself ("2012年起5年内"), else the date the text ends with (its signing), else the year of the
    summary it asks for, else the one year its dated deadlines share."""
    years = set(re.findall(r"(20\d{2})\s*年", meta.title))
    if len(years) == 1 and not P.YEAR_RANGE.search(meta.title):
        return int(years.pop())
    if meta.date:
        return int(meta.date[:4])
    number = re.search(r"[〔\[［(（]\s*(20\d{2})", meta.number)
    if number:
        return int(number.group(1))
    span = P.YEAR_RANGE.search(meta.title)
    if span:
        return int(span.group(1))
    start = re.search(r"(20\d{2})\s*年起", text)
    if start:
        return int(start.group(1))
    signed = parse_date(text[-SIGNATURE_CHARS:])  # an excerpt without its head: the date it is signed on
    if signed:
        return int(signed[:4])
    # …else the year of the summary the work is to end with ("于10月30日前将《2009年专项行动工作总结》报…")
    summaries = {int(m.group(1)) for m in P.SUMMARY_OF_THE_YEAR.finditer(text)}
    if len(summaries) == 1:
        return summaries.pop()
    # …else the year of its deadlines that write one, when they all name the same ("于2018年11月20日前上报")
    dated = {int(m.group(1)) for m in P.DATED_DEADLINE.finditer(text)}
    return dated.pop() if len(dated) == 1 else None


SIGNATURE_CHARS = 40  # the end of a text that holds its signing date ("…不走过场。 二OO八年九月八日")


def _task(doc_id: str, seq: int, d: TaskDraft, clean: CleanText) -> Task:
    """The draft's words in the document's own script (a notice in traditional characters keeps
    them in its tasks, as in its citations), with the number of the item it opens."""
    opens_at = _item_marker_start(clean.text, d.start)
    start, end = clean.span(opens_at, d.end)
    written = clean.as_written
    return Task(
        doc_id=doc_id, seq=seq, section=written(d.section), title=written(d.title),
        text=written(clean.text[opens_at:d.start] + d.text),
        lead_units=[*map(written, d.owners.lead)], co_units=[*map(written, d.owners.co)],
        responsible_units=[*map(written, d.owners.responsible)], deadline=written(d.deadline),
        deadline_norm=d.deadline_norm, metrics=[*map(written, d.metrics)], start=start, end=end,
        deadline_inferred=d.deadline_inferred, owner_source=d.owners.source)


def _item_marker_start(text: str, start: int) -> int:
    """Where the item a task opens starts, its number included ("1.市公安部门要…", "第四条各县区…"): people
    quote a task so; ``start`` itself when what stands before it on its line is no item number."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start]
    marker = head.strip()
    if not marker or len(marker) > MARKER_MAX:
        return start
    found = P.match_heading(marker + text[start:start + 1])
    return line_start + len(head) - len(head.lstrip()) if found and found[2].end() >= len(marker) else start


MARKER_MAX = 8  # characters of an item number (（十二）, 第一百二十条, 3.1.2)


def _table_drafts(raw: RawDocument, clean: CleanText, meta: DocMeta,
                  root: Node) -> tuple[list[TaskDraft], list[tuple[int, int]]]:
    """Rows of a 任务分工表 become tasks directly: the tables a reader found (docx, pdf) and
    those written as text. Returns the drafts and the clean-text spans the tables take (no
    other task comes from them)."""
    found: list[tuple[Table, int, int]] = []
    spans: list[tuple[int, int]] = []
    for table in raw.tables:
        rows = [_row_span(clean.text, row) for row in table.rows]
        rows = [span for span in rows if span]
        if rows:
            spans.append((min(s for s, _ in rows), max(e for _, e in rows)))
        if is_assignment_table(table):
            found.append((table, *(spans[-1] if rows else (0, 0))))
    for text_table in find_text_tables(clean.text, spans):
        found.append((text_table.table, text_table.start, text_table.end))
        spans.append((text_table.start, text_table.end))
    ctx = DateContext(meta.date, document_year(meta, clean.text))
    drafts = []
    for table, start, end in found:
        section = (_section_at(root, start) or _title_above(clean.text, start)) if end > start else ""
        for row in table_tasks(table, section):
            at, end = _row_line(clean.text, row["locate"], start)
            # a row without a deadline cell is due when its words say ("到2020年，…控制在…以内"; the whole row,
            # as spaces inside a cell may have moved the task's words to the next column)
            chosen = deadline_field(row["deadline"], ctx) if row["deadline"].strip() else \
                choose_deadline(row["text"], "", [], ctx)
            named = row["lead_units"] + row["co_units"] + row["responsible_units"]
            co = row["co_units"] + [u for u in co_inside_duty(row["locate"], named) if u not in row["co_units"]]
            drafts.append(TaskDraft(
                section=row["section"] or "任务分工表", title=row["title"], text=row["text"], start=at, end=end,
                owners=Owners(lead=row["lead_units"], co=co if named else row["co_units"],
                              responsible=row["responsible_units"], deadline=row["deadline"], source="table"),
                deadline=row["deadline"], deadline_norm=chosen.norm, deadline_inferred=chosen.inferred,
                metrics=[*(m for cell in row["targets"] for m in find_metrics(cell, target_cell=True)),
                         *find_metrics(row["locate"])]))
    return drafts, spans


def _row_line(text: str, task_cell: str, table_start: int) -> tuple[int, int]:
    """The clean-text span of the line a row's task cell stands on (from the table on; a cell
    a reader split over lines is found by its first words)."""
    probe = task_cell[:20]
    where = text.find(probe, table_start)
    where = where if where >= 0 else text.find(probe)
    if where < 0:
        return table_start, table_start
    line_end = text.find("\n", where)
    return text.rfind("\n", 0, where) + 1, len(text) if line_end < 0 else line_end


def _title_above(text: str, start: int) -> str:
    """The short line right above a table outside any heading: its title ("烟花爆竹安全监管")."""
    line = text[:start].rstrip("\n").rsplit("\n", 1)[-1].strip()
    return line if 0 < len(line) <= TABLE_TITLE_MAX and not re.search(r"[。；;：:]$", line) else ""


def _row_span(text: str, row: list[str]) -> tuple[int, int] | None:
    """The clean-text line a reader's table row became (cells joined by tabs), found by its
    longest cell (a 序号 "1" is found everywhere)."""
    cells = [" ".join(cell.split()) for cell in row if cell.strip()]
    longest = max(cells, key=len, default="")
    where = text.find(longest[:20]) if longest else -1
    if where < 0:
        return None
    line_start = text.rfind("\n", 0, where) + 1
    line_end = text.find("\n", where)
    return line_start, len(text) if line_end < 0 else line_end


def _section_at(root: Node, offset: int) -> str:
    """The heading path of the section a table stands in."""
    section = ""
    for node in root.walk():
        if node.parent is not None and node.start <= offset:
            section = node.section
    return section

"""Helpers for the Streamlit app (``app.py``): table frames, charts, highlighted HTML and
saving uploads. Nothing here imports Streamlit, so every piece is tested without a browser and
``app.py`` stays a thin shell of widgets."""
from __future__ import annotations

import html
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import altair as alt
import pandas as pd

from ingest.models import Passage, Task
from ingest.units import canonical
from ingest.vocab import DOCUMENT_KINDS, TEXT_SOURCES
from ingest.readers import SUPPORTED_SUFFIXES
from kb.base import KnowledgeBase
from kb.intake import IngestResult
from kb.export import ROLE_KEYS, TASK_COLUMNS, UNIT_SEP, deadline_cell, numbered
from kb.models import Hit

# The table on screen stops here (a browser grid of 20k long rows is slow to draw);
# downloads always hold every row that matches.
TABLE_MAX_ROWS = 1000

# What the uploader accepts: the formats ``kb ingest`` reads.
UPLOAD_SUFFIXES = SUPPORTED_SUFFIXES
UPLOADS_DIR = "uploads"
UPLOAD_NAME_MAX_CHARS = 100
# Word characters of any script (CJK included), digits and a few harmless marks; everything
# else (slashes, quotes, control and shell characters) becomes "_".
UNSAFE_NAME_CHARS = re.compile(r"[^\w.\-()（）《》〔〕【】]+")

STATUS_WORDS = {
    "added": "已导入",
    "replaced": "已更新（替换了同名文件的旧版本）",
    "duplicate": "已在知识库中（内容相同，未重复导入）",
    "error": "导入失败",
}

MARK_STYLE = "background:#ffe58f;padding:0 1px;border-radius:2px"
TEXT_STYLE = "white-space:pre-wrap;line-height:1.8"


# --- tables and chart data ---------------------------------------------------------------

def task_frame(rows: Sequence[dict]) -> pd.DataFrame:
    """The 任务分工表 as shown: the export's columns and cell text, so the screen and the
    downloaded xlsx/csv agree."""
    return pd.DataFrame([[column.value(line) for column in TASK_COLUMNS] for line in numbered(rows)],
                        columns=[column.header for column in TASK_COLUMNS])


def unit_counts(rows: Iterable[dict]) -> pd.DataFrame:
    """Tasks per unit, aliases merged (市应急局 and 市应急管理局 are one bar, as in the by-unit
    export), most first; a task counts once per unit whatever its roles."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update({canonical(unit) for _, key in ROLE_KEYS for unit in row[key]})
    return pd.DataFrame(counts.most_common(), columns=["单位", "任务数"])


DEADLINE_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?")


def deadline_months(rows: Iterable[dict]) -> pd.DataFrame:
    """Tasks per deadline month ("YYYY-MM"), every month from the first deadline to the last
    so the chart reads as a timeline. A bare year counts in its December because a deadline
    of "2025" means "by the end of 2025"."""
    counts: Counter[str] = Counter()
    for row in rows:
        m = DEADLINE_MONTH.match(row["deadline_norm"])
        if m:
            counts[f"{m[1]}-{m[2] or '12'}"] += 1
    if not counts:
        return pd.DataFrame({"月份": [], "任务数": []})
    months = pd.period_range(min(counts), max(counts), freq="M").strftime("%Y-%m")
    return pd.DataFrame({"月份": months, "任务数": [counts.get(month, 0) for month in months]})


def unit_chart(counts: pd.DataFrame) -> alt.Chart:
    """Horizontal bars, most tasks on top, long unit names readable."""
    return alt.Chart(counts).mark_bar().encode(
        x=alt.X("任务数:Q"),
        y=alt.Y("单位:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240)),
        tooltip=["单位", "任务数"])


def month_chart(months: pd.DataFrame) -> alt.Chart:
    """One bar per month in order, empty months included (see ``deadline_months``)."""
    return alt.Chart(months).mark_bar().encode(
        x=alt.X("月份:O", title="完成时限", axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("任务数:Q"), tooltip=["月份", "任务数"])


def document_frame(docs: Sequence[dict]) -> pd.DataFrame:
    return pd.DataFrame({
        "标题": [d["title"] or d["file"] for d in docs],
        "文号": [d["number"] for d in docs],
        "发文机关": [d["issuer"] for d in docs],
        "日期": [d["date"] for d in docs],
        "任务数": [d["n_tasks"] for d in docs],
        "类型": [DOCUMENT_KINDS.get(d["kind"], d["kind"]) for d in docs],
        "文字来源": [TEXT_SOURCES.get(d["source"], d["source"]) for d in docs],
        "文件": [d["file"] for d in docs],
    })


def issuers(docs: Sequence[dict]) -> list[str]:
    """Issuers for a filter, the most prolific first."""
    return [name for name, _ in Counter(d["issuer"] for d in docs if d["issuer"]).most_common()]


def years(docs: Sequence[dict]) -> list[int]:
    return sorted({int(d["date"][:4]) for d in docs if d["date"][:4].isdigit()}, reverse=True)


LEVEL_ORDER = ("省", "市", "区", "县", "乡", "镇", "街道")


def levels(docs: Sequence[dict]) -> list[str]:
    """Administrative levels present, highest first."""
    found = {d["level"] for d in docs if d["level"]}
    return sorted(found, key=lambda level: (LEVEL_ORDER.index(level) if level in LEVEL_ORDER
                                            else len(LEVEL_ORDER), level))


def answer_tasks_frame(tasks: Sequence[Task]) -> pd.DataFrame:
    """A unit's tasks from an answer (Task objects, not export rows)."""
    return pd.DataFrame({
        "重点任务": [task.title or task.text for task in tasks],
        "牵头单位": [UNIT_SEP.join(task.lead_units) for task in tasks],
        "配合单位": [UNIT_SEP.join(task.co_units) for task in tasks],
        "完成时限": [task.deadline for task in tasks],
    })


def unit_options(units: Sequence[tuple[str, str, int]]) -> tuple[list[str], set[str]]:
    """Choices for a unit filter from ``kb.units()``, and which of them are families: the
    level-free families first (picking one finds the unit at every level, as typing 应急局
    does), then each unit by its canonical name; most tasks first."""
    family_tasks: Counter[str] = Counter()
    for _, family, n_tasks in units:
        if family:
            family_tasks[family] += n_tasks
    families = [family for family, _ in family_tasks.most_common()]
    return list(dict.fromkeys([*families, *(name for name, _, _ in units)])), set(families)


def hits_by_document(hits: Iterable[Hit]) -> list[list[Hit]]:
    """Hits grouped per document, documents in the order of their best hit."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.doc_id, []).append(hit)
    return list(groups.values())


def deadline_text(deadline: str, deadline_norm: str, inferred: bool = False) -> str:
    return deadline_cell({"deadline": deadline, "deadline_norm": deadline_norm, "deadline_inferred": inferred})


def owners_line(task: Task) -> str:
    """牵头：…；配合：…；时限：… for a tooltip or a caption."""
    parts = [f"{label}：{UNIT_SEP.join(getattr(task, key))}" for label, key in ROLE_KEYS
             if getattr(task, key)]
    if task.deadline or task.deadline_norm:
        parts.append(f"时限：{deadline_text(task.deadline, task.deadline_norm, task.deadline_inferred)}")
    return "；".join(parts)


# --- text for st.markdown / st.html ------------------------------------------------------

# Every ASCII punctuation mark (Markdown lets each be escaped with a backslash). Escaping them
# all leaves nothing Markdown or Streamlit would parse: emphasis, links and images, HTML,
# headings and lists, LaTeX ($), colour and icon directives (:red[…], :material/…:).
MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Links (https://…, www.…, a@b.cn) and emoji (:smile:) are made from plain text after the
# escapes are resolved, so escaping cannot stop them: an invisible WORD JOINER inside each
# trigger does.
WORD_JOINER = "\u2060"
PLAIN_TEXT_TRIGGER = re.compile(r"(?i)(?:(?<=http)|(?<=https)|(?<=ftp)|(?<=www))(?=[:.])|(?=@)|(?<=:)(?=[\w+-])")


def md_escape(text: str) -> str:
    """Text from a document (a title, a unit, a passage) for an element that renders Markdown
    (st.markdown, captions, alerts, headings, button labels): it shows as written, never as
    live content."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", PLAIN_TEXT_TRIGGER.sub(WORD_JOINER, text))


CHIP_STYLE = ("display:inline-block;margin:0 .4em .3em 0;padding:.1em .6em;border-radius:.5em;"
              "background:#e8f0fe;color:#1a4fa0;font-size:.9em")


def chips_html(labels: Iterable[str]) -> str:
    """Unit names as chips: escaped HTML, not st.badge (whose label is Markdown)."""
    return "".join(f'<span style="{CHIP_STYLE}">{html.escape(label)}</span>' for label in labels)


def highlight_html(text: str, spans: Iterable[Sequence]) -> str:
    """``text`` escaped for HTML with each span marked. A span is (start, end) or
    (start, end, tooltip); overlapping spans merge into the first, spans outside the text
    are clipped."""
    out, pos = [], 0
    for span in sorted(spans, key=lambda s: (s[0], s[1])):
        start, end = max(span[0], pos), min(span[1], len(text))
        if start >= end:
            continue
        tooltip = f' title="{html.escape(span[2])}"' if len(span) > 2 and span[2] else ""
        out += [html.escape(text[pos:start]),
                f'<mark style="{MARK_STYLE}"{tooltip}>{html.escape(text[start:end])}</mark>']
        pos = end
    out.append(html.escape(text[pos:]))
    return f'<div style="{TEXT_STYLE}">{"".join(out)}</div>'


def section_outline_html(passages: Iterable[Passage]) -> str:
    """The heading tree of a document, indented by level, in reading order."""
    seen: set[tuple[str, ...]] = set()
    lines = []
    for passage in passages:
        parts = [part for part in passage.section.split(" / ") if part]
        for depth in range(len(parts)):
            path = tuple(parts[: depth + 1])
            if path not in seen:
                seen.add(path)
                indent = f"padding-left:{depth * 1.2}em"
                lines.append(f'<div style="{indent}">{html.escape(parts[depth])}</div>')
    return "".join(lines) or "<div>（没有章节标题）</div>"


# --- uploads -----------------------------------------------------------------------------

def safe_file_name(name: str) -> str:
    """A file name that is safe to create (uploads) or offer (downloads): no folders, no
    hidden files, readable characters kept (Chinese included), the suffix lower-cased."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = UNSAFE_NAME_CHARS.sub("_", stem).strip("._- ")[:UPLOAD_NAME_MAX_CHARS] or "upload"
    suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())
    return f"{stem}.{suffix}" if suffix else stem


def upload_problem(name: str, size: int, max_mb: int) -> str:
    """Why an upload is refused before it is written to disk, in plain words; "" if it is fine."""
    suffix = Path(safe_file_name(name)).suffix
    if suffix not in UPLOAD_SUFFIXES:
        shown = f"“{suffix}”" if suffix else "（没有后缀）"
        allowed = "、".join(s.lstrip(".") for s in UPLOAD_SUFFIXES)
        return f"不支持的文件类型{shown}。请上传 {allowed} 文件。"
    if size == 0:
        return "文件是空的（0 字节），没有可导入的内容。"
    if size > max_mb * 1024 * 1024:
        return f"文件太大（{size / 1024 / 1024:.1f} MB），上限是 {max_mb} MB。"
    return ""


def ocr_note(confidence: float | None) -> str:
    """How a quote OCR read is marked: "" for a file's own text."""
    return "" if confidence is None else f"OCR 识别文字（置信度 {confidence:.0%}），请与原件核对"


def ingest_upload(kb: KnowledgeBase, name: str, data: bytes,
                  on_wait: Callable[[str], None] | None = None,
                  on_page: Callable[[int, int], None] | None = None) -> IngestResult:
    """Check an uploaded file, save it as uploads/<safe name> in the KB home and ingest it
    (``on_wait`` hears why, if another import makes it wait; ``on_page(done, total)`` pages
    read by OCR).

    The same name uploaded again is a new version of that file (the KB replaces it). uploads/
    keeps only files the KB holds: after a failure or a duplicate the folder is put back as
    it was. Errors come back without the server-side path, which means nothing to the user."""
    problem = upload_problem(name, len(data), kb.config.max_file_mb)
    if problem:
        return IngestResult(name, "error", error=problem)
    folder = Path(kb.config.home) / UPLOADS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = (folder / safe_file_name(name)).resolve()
    previous = path.read_bytes() if path.exists() else None
    write_atomically(path, data)
    result = kb.ingest_file(path, on_wait=on_wait, on_page=on_page)
    if result.status in ("error", "duplicate"):
        if previous is None:
            path.unlink()
        else:
            write_atomically(path, previous)
    result.error = result.error.removeprefix(f"{path}: ")
    return result


def write_atomically(path: Path, data: bytes) -> None:
    """Readers never see a half-written file: write aside, then rename into place."""
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    os.replace(part, path)


# --- the HTTP header ---------------------------------------------------------------------

# Images, media and fonts only from the app itself (and the data:/blob: URLs Streamlit makes):
# whatever text a document holds, the browser never fetches an address outside the app.
CONTENT_SECURITY_POLICY = "img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:"


class ContentSecurityPolicy:
    """ASGI middleware adding CONTENT_SECURITY_POLICY to every HTTP response (app.py serves
    the app through st.App with it; Streamlit has no setting for the header)."""

    def __init__(self, app, policy: str = CONTENT_SECURITY_POLICY):
        self.app = app
        self.header = (b"content-security-policy", policy.encode("ascii"))

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), self.header]}
            await send(message)

        await self.app(scope, receive, send_with_policy)

"""Helpers for the Streamlit app (``app.py``): table frames, charts and highlighted HTML
(uploads are in ``kb.app.upload``). Nothing here imports Streamlit, so every piece is tested without a browser and
``app.py`` stays a thin shell of widgets."""
from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

import altair as alt
import pandas as pd

from ingest.meta import title_kind
from ingest.models import Passage, Task
from ingest.normalize import ARTEFACT
from ingest.units import is_placeholder
from ingest.vocab import DOCUMENT_KINDS, NOT_FOUND_LABEL, ROLE_FIELDS, TEXT_SOURCES
from kb.app.phone import TASK_MARK_CLASS
from kb.models import AnswerGroup, Hit
from kb.tables.export import ROLE_KEYS, STATUS_HEADER, TASK_COLUMNS, UNIT_SEP, deadline_cell, numbered
from kb.tables.tracking import NOT_DUE, OVERDUE

# The table on screen stops here (a browser grid of 20k long rows is slow to draw);
# downloads always hold every row that matches.
TABLE_MAX_ROWS = 1000

MARK_STYLE = "background:#ffe58f;padding:0 1px;border-radius:2px"
TEXT_STYLE = "white-space:pre-wrap;line-height:1.8"


# --- tables and chart data ---------------------------------------------------------------

def task_frame(rows: Sequence[dict], today: date) -> pd.DataFrame:
    """The 任务分工表 as shown: the export's columns and cell text (状态 told for ``today``), so
    the screen and the downloaded xlsx/csv agree."""
    return pd.DataFrame([[column.value(line) for column in TASK_COLUMNS] for line in numbered(rows, today)],
                        columns=[column.header for column in TASK_COLUMNS])


def screen_frame(rows: Sequence[dict], today: date) -> pd.DataFrame:
    """The 任务分工表 on screen: the export's cells (so screen and download agree), with who
    and by when first (those columns are pinned, and what a phone shows) and each task's
    deadline status; year-inferred deadlines say so in their cell."""
    frame = task_frame(rows, today)
    frame.insert(0, OWNER_COLUMN, [owner_cell(row) for row in rows])
    return frame[[OWNER_COLUMN, "完成时限", "重点任务", STATUS_COLUMN, "配合单位", "目标指标",
                  "置信度", "核对", "来源文件", "条款", "序号"]]


OWNER_COLUMN, STATUS_COLUMN = "牵头/责任单位", STATUS_HEADER


def owner_cell(row: dict) -> str:
    """Who answers for a task: its lead units, else its responsible units."""
    lead, responsible = row[ROLE_FIELDS["lead"]], row[ROLE_FIELDS["responsible"]]
    if lead and responsible:
        return f"{UNIT_SEP.join(lead)}（牵头）；{UNIT_SEP.join(responsible)}（责任）"
    return UNIT_SEP.join(lead or responsible)


ROLE_COLOURS = {"牵头": "#1f77b4", "配合": "#aec7e8", "责任": "#ff7f0e"}
STATUS_COLOURS = {OVERDUE: "#d62728", NOT_DUE: "#4c78a8"}
# counts are whole tasks: no 0.5 ticks on a short axis
COUNT_AXIS = alt.Axis(tickMinStep=1, format="d")


def unit_chart(counts: pd.DataFrame) -> alt.Chart:
    """Tasks per unit, stacked by role (``kb.tables.tracking.unit_role_counts``), most on top, long
    names readable."""
    order = list(dict.fromkeys(counts["单位"]))
    return alt.Chart(counts).mark_bar().encode(
        x=alt.X("sum(任务数):Q", title="任务数", axis=COUNT_AXIS),
        y=alt.Y("单位:N", sort=order, title=None, axis=alt.Axis(labelLimit=240)),
        color=alt.Color("角色:N", scale=alt.Scale(domain=list(ROLE_COLOURS), range=list(ROLE_COLOURS.values())),
                        legend=alt.Legend(orient="top", title=None)),
        tooltip=["单位", "角色", "任务数"])


def month_chart(months: pd.DataFrame) -> alt.Chart:
    """One bar per month in order, empty months included, months already past in red."""
    return alt.Chart(months).mark_bar().encode(
        x=alt.X("月份:O", title="完成时限", axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("任务数:Q", axis=COUNT_AXIS),
        color=alt.Color("状态:N", scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
                        legend=alt.Legend(orient="top", title=None)),
        tooltip=["月份", "任务数", "状态"])


def document_frame(docs: Sequence[dict]) -> pd.DataFrame:
    """The documents list: the kind the title says (方案, 要点, 规划…), metadata where it was
    found and 未识别 where not."""
    def shown(value: str) -> str:
        return value or NOT_FOUND_LABEL
    return pd.DataFrame({
        "标题": [d["title"] or d["file"] for d in docs],
        "类型": [shown(title_kind(d["title"])) for d in docs],
        "文号": [shown(d["number"]) for d in docs],
        "发文机关": [shown(d["issuer"]) for d in docs],
        "日期": [shown(d["date"]) for d in docs],
        "任务数": [d["n_tasks"] for d in docs],
        "文字来源": [TEXT_SOURCES.get(d["source"], d["source"]) for d in docs],
        "文件": [d["file"] for d in docs],
    })


def document_facts(doc: dict) -> str:
    """One line under a document's title: kind, 文号, issuer, date (未识别 where not found)."""
    facts = {"类型": title_kind(doc["title"]), "文号": doc["number"], "发文机关": doc["issuer"],
             "日期": doc["date"]}
    return " · ".join(f"{label}：{value or NOT_FOUND_LABEL}" for label, value in facts.items())


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


def answer_table_frame(table: Sequence[dict]) -> pd.DataFrame:
    """A unit's tasks from an answer (its rows grouped by document)."""
    return pd.DataFrame({
        "文件": [row["doc_title"] for row in table],
        "角色": [row["role"] for row in table],
        "任务": [row["task"] for row in table],
        "完成时限": [row["deadline"] for row in table],
        "状态": [row["status"] for row in table],
    })


def unit_options(units: Sequence[tuple[str, str, int]]) -> tuple[list[str], set[str]]:
    """Choices for a unit filter from ``kb.units()``, and which of them are families: the
    level-free families first (picking one finds the unit at every level, as typing 应急局
    does), then each unit by its canonical name; most tasks first."""
    units = [unit for unit in units if not is_placeholder(unit[0])]  # 各有关部门 is nobody to pick
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


def relevance_label(rank: int, score: float, best: float) -> str:
    """How a hit ranks, for people: its place and a bar of its score against the best hit's
    (a fused rank score such as 0.024 means nothing to a reader)."""
    filled = round(RELEVANCE_BAR_CELLS * score / best) if best > 0 else 0
    filled = max(1, min(RELEVANCE_BAR_CELLS, filled))
    return f"第 {rank} 条 · 相关度 {'█' * filled}{'░' * (RELEVANCE_BAR_CELLS - filled)}"


RELEVANCE_BAR_CELLS = 5


def comparison_columns(groups: Sequence[Sequence[Hit]]) -> tuple[list[str], list[list[str]]]:
    """The 按文件对比 view as columns for an xlsx: a header per document, its hits below."""
    headers = [group[0].doc_title or group[0].doc_file for group in groups]
    cells = [[f"{hit.section}\n{hit.text}".strip() for hit in group] for group in groups]
    return headers, cells


def answer_groups_frame(groups: Sequence[AnswerGroup]) -> pd.DataFrame:
    """Several documents' answers as a small table: 文件 | 单位 | 时限 | 出处 | 置信度 (a
    document that sets no deadline says so: a blank would read as a cell cut off)."""
    return pd.DataFrame({
        "文件": [" ".join(filter(None, (g.region, f"《{g.doc_title or g.doc_file}》"))) for g in groups],
        "单位": [UNIT_SEP.join(g.units) or g.answer for g in groups],
        "时限": [g.deadline or "未写明" for g in groups],
        "出处": [g.citation.section if g.citation else "" for g in groups],
        "置信度": [f"{g.confidence:.0%}" for g in groups],
    })


def deadline_text(deadline: str, deadline_norm: str, inferred: bool = False) -> str:
    return deadline_cell({"deadline": deadline, "deadline_norm": deadline_norm, "deadline_inferred": inferred})


def owners_line(task: Task) -> str:
    """牵头：…；配合：…；时限：… for a tooltip or a caption."""
    parts = [f"{label}：{UNIT_SEP.join(getattr(task, key))}" for label, key in ROLE_KEYS
             if getattr(task, key)]
    if task.deadline or task.deadline_norm:
        parts.append(f"时限：{deadline_text(task.deadline, task.deadline_norm, task.deadline_inferred)}")
    return "；".join(parts)


def kind_label(doc_title: str, doc_kind: str) -> str:
    """What kind of document a hit comes from, as its title says it (方案, 要点, 规划, 条例…:
    ingest.vocab.TITLE_KINDS), else as stored (通知 / 法规)."""
    return title_kind(doc_title) or DOCUMENT_KINDS.get(doc_kind, "")


def doc_kind_options(docs: Sequence[dict]) -> tuple[dict[str, str], str]:
    """The stored kinds for a filter, short enough for a phone ({"notice": "通知类", …}), and
    what each holds in this KB, by what its documents call themselves ("通知类：方案、要点；法规类：暂无")."""
    titled: dict[str, dict[str, None]] = {kind: {} for kind in DOCUMENT_KINDS}
    for doc in docs:
        titled.setdefault(doc["kind"], {}).setdefault(title_kind(doc["title"]) or DOCUMENT_KINDS.get(doc["kind"], ""))
    labels = {kind: f"{label}类" for kind, label in DOCUMENT_KINDS.items()}
    held = "；".join(f"{labels[kind]}：{'、'.join(filter(None, titled[kind])) or '暂无'}" for kind in DOCUMENT_KINDS)
    return labels, held


# A search hit shows this many characters around its first match; a passage a little longer is
# shown whole (cutting off a few characters saves nothing).
SNIPPET_CHARS = 160
SNIPPET_SLACK = 40
SNIPPET_LEAD = 40  # characters before the match, so it reads in its sentence
ELLIPSIS = "…"


def snippet(text: str, spans: Sequence[Sequence], width: int = SNIPPET_CHARS) -> tuple[str, list[tuple], bool]:
    """About ``width`` characters of ``text`` around its first span, … where text is left out,
    and the spans that fall in it moved to match: (the shown text, its spans, whether it was trimmed)."""
    if len(text) <= width + SNIPPET_SLACK:
        return text, [tuple(span) for span in spans], False
    first = min((span[0] for span in spans), default=0)
    start = max(0, min(first - SNIPPET_LEAD, len(text) - width))
    end = start + width
    lead = ELLIPSIS if start else ""
    shift = len(lead) - start
    kept = [(max(span[0], start) + shift, min(span[1], end) + shift, *span[2:]) for span in spans
            if span[0] < end and span[1] > start]
    return lead + text[start:end] + (ELLIPSIS if end < len(text) else ""), kept, True


def ocr_note(confidence: float | None) -> str:
    """How a quote OCR read is marked: "" for a file's own text."""
    return "" if confidence is None else f"OCR 识别文字（置信度 {confidence:.0%}），请与原件核对"


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


def highlight_html(text: str, spans: Iterable[Sequence], focus: tuple[int, int] | None = None,
                   anchors: dict[int, str] | None = None) -> str:
    """``text`` escaped for HTML with each span marked. A span is (start, end) or
    (start, end, tooltip); overlapping spans merge into the first, spans outside the text
    are clipped. A span with a tooltip (a task's owners) can be tapped: it takes the focus and
    shows the tooltip after it (kb.app.phone.TASK_MARK_STYLE), where a phone has no hover.
    ``focus`` is the span a citation points at: marked apart (id FOCUS_ID, the document view
    scrolls to its start), other marks inside it give way. ``anchors`` puts an empty element
    with that id at each offset (the section outline's links land there)."""
    marks = [(*span[:2], span[2] if len(span) > 2 else "", MARK_STYLE, "") for span in spans
             if not focus or span[1] <= focus[0] or span[0] >= focus[1]]
    if focus:
        marks.append((focus[0], focus[1], "", FOCUS_STYLE, FOCUS_ID))
    out, pos = [], 0
    points = sorted(anchors.items()) if anchors else []
    for start, end, tooltip, style, mark_id in sorted(marks, key=lambda m: (m[0], m[1])):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(_with_anchors(text, pos, start, points))
        title = (f' class="{TASK_MARK_CLASS}" tabindex="0" data-owners="{html.escape(tooltip)}"'
                 f' title="{html.escape(tooltip)}"' if tooltip else "")
        ident = f' id="{mark_id}"' if mark_id else ""
        out.append(f'<mark style="{style}"{ident}{title}>{_with_anchors(text, start, end, points)}</mark>')
        pos = end
    out.append(_with_anchors(text, pos, len(text), points))
    return f'<div style="{TEXT_STYLE}">{"".join(out)}</div>'


def _with_anchors(text: str, start: int, end: int, points: list[tuple[int, str]]) -> str:
    """text[start:end] escaped, with the anchors that fall in it and without conversion
    remnants ([bookmark: _Toc…]: offsets into the stored text keep them, readers never see them)."""
    out, pos = [], start
    for at, anchor in points:
        if start <= at < end:
            out += [_shown(text[pos:at]), f'<span id="{anchor}"></span>']
            pos = at
    out.append(_shown(text[pos:end]))
    return "".join(out)


def _shown(text: str) -> str:
    return html.escape(ARTEFACT.sub("", text))


FOCUS_ID = "kb-focus"
FOCUS_STYLE = "background:#ffa940;padding:0 1px;border-radius:2px;outline:2px solid #d46b08"


def section_anchors(passages: Iterable[Passage]) -> tuple[dict[int, str], list[tuple[int, str, str]]]:
    """Where each heading's text starts (offset -> anchor id) and the outline as
    (depth, heading, anchor id), in reading order."""
    seen: set[tuple[str, ...]] = set()
    anchors: dict[int, str] = {}
    outline = []
    for passage in passages:
        parts = [part for part in passage.section.split(" / ") if part]
        for depth in range(len(parts)):
            path = tuple(parts[: depth + 1])
            if path not in seen:
                seen.add(path)
                anchor = anchors.setdefault(passage.start, f"kb-sec-{len(anchors)}")
                outline.append((depth, parts[depth], anchor))
    return anchors, outline

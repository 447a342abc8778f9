"""What a reviewer can do to a task, each as a small value, and how it becomes review rows.

A change names the task by its row id (what the app and ``kb tasks`` show); ``apply`` turns it
into reviews keyed by the document's text and the task's span (``kb.store.reviews``), so it
holds across re-imports. Split, merge and add are the same three review kinds underneath:
the task replaced is hidden, the new ones are added.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.units import split_units
from kb.errors import InvalidInput
from kb.store.interface import Store, StoredTask
from kb.store.reviews import Review, task_values

# what an edit may set (the rest of a task is where it is and how it was read)
EDITABLE = ("lead_units", "co_units", "responsible_units", "deadline", "deadline_norm", "metrics", "title",
            "start", "end")
LIST_FIELDS = ("lead_units", "co_units", "responsible_units", "metrics")
METRIC_SEPARATORS = re.compile(r"[；;\n]+")
DEADLINE_NORM = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
PERSON_CONFIDENCE = 1.0  # a task a person confirmed or corrected is no longer doubtful


@dataclass(frozen=True)
class Edit:
    """Set fields of a task: units as lists (or text with 、，; between them), a deadline as
    written and normalised (YYYY[-MM[-DD]]), metrics, title, or its span in the text."""
    task_id: int
    values: dict = field(default_factory=dict)
    action = "edit"


@dataclass(frozen=True)
class Confirm:
    """The task is right as it is (已核对)."""
    task_id: int
    action = "confirm"


@dataclass(frozen=True)
class Hide:
    """Not a task (非任务): it leaves the table, its review keeps it for ``Restore``."""
    task_id: int
    action = "hide"


@dataclass(frozen=True)
class Split:
    """Two tasks where one was: the first ends ``at`` characters into the task's text."""
    task_id: int
    at: int
    action = "split"


@dataclass(frozen=True)
class Merge:
    """The task and the next one of its document as one task."""
    task_id: int
    action = "merge"


@dataclass(frozen=True)
class Add:
    """A task the extraction missed: characters ``start``–``end`` of the document's text."""
    doc_id: str
    start: int
    end: int
    values: dict = field(default_factory=dict)
    action = "add"


@dataclass(frozen=True)
class Restore:
    """Undo the review of a task span: a hidden task comes back, an added one goes."""
    review_id: int
    action = "restore"


Change = Edit | Confirm | Hide | Split | Merge | Add | Restore


@dataclass
class Applied:
    """What a change did: the document whose tasks changed, the task rows it leaves (the
    changed task, or the new ones), and the task before it, for the audit trail."""
    doc_id: str
    task_ids: list[int]
    before: list[dict]
    after: list[dict]


def apply(store: Store, change: Change, who: str) -> Applied:
    """Make the change in the store's task table (inside the caller's write transaction)."""
    if isinstance(change, Restore):
        review = store._drop_review(change.review_id)
        if review is None:
            raise InvalidInput(f"没有编号为 {change.review_id} 的核对记录 (no review {change.review_id})")
        return Applied(review.doc_id, [], [review.task], [])
    if isinstance(change, Add):
        return _add(store, change, who)
    stored = _task(store, change.task_id)
    key, before = _key(store, stored), task_values(stored.task)
    if isinstance(change, Confirm):
        values = {**before, "confidence": PERSON_CONFIDENCE}
        status = stored.review if stored.review in ("edited", "added") else "confirmed"
        return _put(store, stored, key, status, values, who, before)
    if isinstance(change, Edit):
        values = {**before, **_checked(store, stored.task.doc_id, change.values), "confidence": PERSON_CONFIDENCE}
        status = "added" if stored.review == "added" else "edited"
        return _put(store, stored, key, status, values, who, before)
    if isinstance(change, Hide):
        _hide(store, stored, key, who)
        return Applied(stored.task.doc_id, [], [before], [])
    if isinstance(change, Split):
        return _split(store, stored, key, change.at, who)
    return _merge(store, stored, key, who)


def _task(store: Store, task_id: int) -> StoredTask:
    stored = store.task_by_id(int(task_id))
    if stored is None:
        raise InvalidInput(f"没有编号为 {task_id} 的任务，用 kb tasks --json 查看任务编号 (no task {task_id})")
    return stored


def _key(store: Store, stored: StoredTask) -> tuple[int, int]:
    """The span a review of this task is kept under: its review's, once it has one."""
    review = store.review_of_task(stored.id)
    return (review.start, review.end) if review else (stored.task.start, stored.task.end)


def _put(store: Store, stored: StoredTask, key, status: str, values: dict, who: str, before: dict) -> Applied:
    task_id = store._put_review(stored.task.doc_id, key, status, values, who, stored.id)
    return Applied(stored.task.doc_id, [task_id], [before], [values])


def _hide(store: Store, stored: StoredTask, key, who: str) -> None:
    review: Review | None = store.review_of_task(stored.id)
    if review is not None and review.status == "added":  # a person's own task: gone with its review
        store._drop_review(review.id)
    else:
        store._put_review(stored.task.doc_id, key, "hidden", task_values(stored.task), who, stored.id)


def _add(store: Store, change: Add, who: str) -> Applied:
    doc = store.get_document(change.doc_id)
    start, end = int(change.start), int(change.end)
    if not 0 <= start < end <= len(doc.text):
        raise InvalidInput(f"文字位置 {start}–{end} 不在文件里（共 {len(doc.text)} 字） (span outside the text)")
    values = {"section": _section_at(store, doc.doc_id, start), "title": "", "text": _words(doc.text[start:end]),
              "lead_units": [], "co_units": [], "responsible_units": [], "deadline": "", "deadline_norm": "",
              "metrics": [], "start": start, "end": end, "deadline_inferred": False, "owner_source": "review",
              "confidence": PERSON_CONFIDENCE}
    values.update(_checked(store, doc.doc_id, change.values))
    task_id = store._put_review(doc.doc_id, (start, end), "added", values, who, None)
    return Applied(doc.doc_id, [task_id], [], [values])


def _split(store: Store, stored: StoredTask, key, at: int, who: str) -> Applied:
    task, doc = stored.task, store.get_document(stored.task.doc_id)
    if not 0 < at < len(task.text):
        raise InvalidInput(f"拆分位置应在任务文字的第 1 到 {len(task.text) - 1} 个字之间 (split inside the text)")
    middle = _text_offset(doc.text, task.start, task.end, task.text, at)
    if not task.start < middle < task.end:
        raise InvalidInput("拆分位置不在任务的原文范围内 (the split point is outside the task's span)")
    before = task_values(task)
    _hide(store, stored, key, who)
    parts = [{**before, "text": task.text[:at].strip(), "end": middle},
             {**before, "text": task.text[at:].strip(), "start": middle}]
    ids = [store._put_review(task.doc_id, (part["start"], part["end"]), "added", part, who, None) for part in parts]
    return Applied(task.doc_id, ids, [before], parts)


def _merge(store: Store, stored: StoredTask, key, who: str) -> Applied:
    task = stored.task
    following = [s for s in store.tasks(doc=task.doc_id) if s.task.seq > task.seq]
    if not following:
        raise InvalidInput("这是该文件的最后一项任务，没有下一项可合并 (no next task to merge with)")
    nxt_stored = following[0]
    nxt = nxt_stored.task
    first, second = task_values(task), task_values(nxt)
    merged = {**first, "text": task.text + nxt.text, "start": min(task.start, nxt.start), "end": max(task.end, nxt.end),
              "deadline": task.deadline or nxt.deadline, "deadline_norm": task.deadline_norm or nxt.deadline_norm,
              **{name: list(dict.fromkeys(first[name] + second[name])) for name in LIST_FIELDS}}
    _hide(store, stored, key, who)
    _hide(store, nxt_stored, _key(store, nxt_stored), who)
    task_id = store._put_review(task.doc_id, (merged["start"], merged["end"]), "added", merged, who, None)
    return Applied(task.doc_id, [task_id], [first, second], [merged])


def _checked(store: Store, doc_id: str, values: dict) -> dict:
    """The edit's values as the store keeps them, or an InvalidInput saying which is wrong."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"不能修改 {', '.join(sorted(unknown))}；可修改：{', '.join(EDITABLE)}")
    out = {}
    for name, value in values.items():
        if name in LIST_FIELDS and isinstance(value, str):  # as typed in a cell: 、，, between units, ； between metrics
            out[name] = ([m.strip() for m in METRIC_SEPARATORS.split(value) if m.strip()] if name == "metrics"
                         else split_units(value))
        elif name in LIST_FIELDS:
            out[name] = [str(v).strip() for v in value if str(v).strip()]
        elif name == "deadline_norm":
            value = str(value or "").strip()
            if value and not DEADLINE_NORM.match(value):
                raise InvalidInput(f"规范时限应写成 YYYY、YYYY-MM 或 YYYY-MM-DD，收到“{value}” (deadline_norm format)")
            out[name] = value
        elif name in ("start", "end"):
            out[name] = int(value)
        else:
            out[name] = str(value or "").strip()
    if "deadline" in out or "deadline_norm" in out:  # a deadline a person wrote: its year is not inferred
        out["deadline_inferred"] = False
    if "start" in out or "end" in out:
        text = store.get_document(doc_id).text
        start, end = out.get("start"), out.get("end")
        if start is None or end is None or not 0 <= start < end <= len(text):
            raise InvalidInput("改原文范围要同时给出起止位置，且在文件文字之内 (give start and end inside the text)")
        out["text"] = _words(text[start:end])
    return out


def find_span(text: str, pasted: str) -> tuple[int, int] | None:
    """Where words copied from the document view are in its text, whitespace and line breaks
    aside (a copy from the browser joins or splits lines differently): the first match."""
    wanted = re.sub(r"\s+", "", pasted)
    if not wanted:
        return None
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    at = "".join(c for _, c in kept).find(wanted)
    if at < 0:
        return None
    return kept[at][0], kept[at + len(wanted) - 1][0] + 1


def _words(span: str) -> str:
    """A span of the text as a task's words: lines joined, as extraction joins them."""
    return re.sub(r"\s*\n\s*", "", span).strip()


def _text_offset(doc_text: str, start: int, end: int, task_text: str, at: int) -> int:
    """Where the ``at``-th character of a task's words is in the document: the words are the
    span with line breaks and spaces taken out, so walk both, skipping what was taken out."""
    j = 0
    for i in range(start, end):
        if j == at:
            return i
        if j < len(task_text) and doc_text[i] == task_text[j]:
            j += 1
    return end if j >= at else start + round((end - start) * at / max(len(task_text), 1))


def _section_at(store: Store, doc_id: str, offset: int) -> str:
    return next((p.section for p in store.passages(doc_id) if p.start <= offset < p.end), "")

"""A task as extraction finds it, before it gets its document id and sequence number, and the span
a task's text may take."""
from __future__ import annotations

from dataclasses import dataclass, field

from ingest.owners import Owners

TASK_MAX_CHARS = 3000  # the longest plan items run to about 1,500 characters


@dataclass
class TaskDraft:
    """A task before it gets its document id and sequence number."""
    section: str
    title: str
    text: str
    start: int  # clean-text span
    end: int
    owners: Owners
    deadline: str = ""
    deadline_norm: str = ""
    deadline_inferred: bool = False
    metrics: list[str] = field(default_factory=list)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without the spaces and punctuation at its ends, and at most TASK_MAX_CHARS long (a task
    that runs on, in a file with no structure, ends at the last sentence end within it)."""
    while start < end and text[start] in " \n，,；;。":
        start += 1
    if end - start > TASK_MAX_CHARS:
        cut = max(text.rfind(ch, start, start + TASK_MAX_CHARS) for ch in "。；;\n")
        end = cut + 1 if cut > start else start + TASK_MAX_CHARS
    while end > start and text[end - 1] in " \n":
        end -= 1
    return start, end

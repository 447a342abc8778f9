"""`kb export --format gold`: the task table, as corrected, in the gold schema of the evaluation
set (``../shared/eval/README.md``), so a reviewed document becomes a regression case.

A gold task is found by its ``snippet``: 8–30 characters copied from the task's words that
occur once in the document's text and in no other task of it, both compared as the scorers
compare (whitespace ignored, full- and half-width punctuation alike).
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ingest.vocab import REVIEW_LABELS

SNIPPET_MIN, SNIPPET_MAX = 8, 30
# lengths tried at each place in the task's words, most like a person's pick first
SNIPPET_LENGTHS = (16, 20, 24, 30, 12, 10, SNIPPET_MIN)
# full-width ASCII (！ to ～) as half-width: a superset of what the scorers fold, so a snippet
# unique under this folding is unique under theirs
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def fold(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(_WIDTH)


def snippet(words: str, doc_text: str, other_tasks: list[str]) -> tuple[str, str]:
    """A snippet of ``words`` unique in ``doc_text`` and in no task of ``other_tasks`` (all
    folded), and a note when the best there is falls short of that."""
    folded_doc = fold(doc_text)
    fallback = ""
    for start in range(len(words)):
        if words[start].isspace():
            continue
        for length in SNIPPET_LENGTHS:
            piece = words[start:start + length].strip()
            key = fold(piece)
            if len(key) < SNIPPET_MIN or any(key in other for other in other_tasks):
                continue
            if folded_doc.count(key) == 1:
                return piece, ""
            fallback = fallback or piece
    if fallback:
        return fallback, "摘录在原文中出现不止一次"
    if len(fold(words)) < SNIPPET_MIN:
        return words.strip(), f"任务文字不足 {SNIPPET_MIN} 个字，摘录即全文"
    return words.strip()[:SNIPPET_MAX], "找不到只属于本任务的摘录"


def gold_rows(kb, **filters) -> list[dict]:
    """One gold line per task of ``kb.task_rows(**filters)`` (the corrected table); ``notes``
    says what a person made of the task (核对), who and when."""
    rows = kb.task_rows(**filters)
    out: list[dict] = []
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row)
    for doc_id, doc_rows in by_doc.items():
        text = kb.document(doc_id).text
        every = kb.task_rows(doc=doc_id)  # uniqueness is among all its tasks, not the filtered ones
        for n, row in enumerate(doc_rows, 1):
            others = [fold(r["text"]) for r in every if (r["start"], r["end"]) != (row["start"], row["end"])]
            piece, caveat = snippet(row["text"], text, others)
            review = REVIEW_LABELS.get(row["review"], row["review"])
            who = f"，{row['reviewed_by']} {row['reviewed_at']}" if row["reviewed_by"] else ""
            notes = f"核对：{review}{who}" + (f"；{caveat}" if caveat else "")
            out.append({"doc": row["doc_file"], "id": f"{Path(row['doc_file']).stem}-{n}", "section": row["section"],
                        "snippet": piece, "title": row["title"], "lead": row["lead_units"], "co": row["co_units"],
                        "responsible": row["responsible_units"], "deadline": row["deadline"],
                        "deadline_norm": row["deadline_norm"], "metrics": row["metrics"], "notes": notes})
    return out


def export_gold(kb, path: str | os.PathLike, **filters) -> Path:
    """Write ``gold_rows`` as JSON lines to ``path`` (parent folders made) and return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in gold_rows(kb, **filters)),
                    encoding="utf-8")
    return path

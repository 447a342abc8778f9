"""Scoring against gold files (the format of ../shared/eval, README there): task extraction,
search recall and answer accuracy; and how close another format (a scan, a web page, a
workbook) comes to a notice's text file: character accuracy and owner agreement. The benchmarks print these scores and the tests assert
thresholds on them; both import them from here so they count the same way.

Matching ignores all whitespace and treats full- and half-width punctuation alike.
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Protocol

from ingest.vocab import ROLE_FIELDS, ROLES
from kb.answers.rules import is_english

_FOLD = str.maketrans("（）：，；！？", "():,;!?")
NUMBER = re.compile(r"\d+(?:\.\d+)?%?|[一二两三四五六七八九十百千万半]+")


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip()]


def fold(text: str) -> str:
    """Whitespace removed, full-width punctuation folded to half-width."""
    return re.sub(r"\s+", "", text).translate(_FOLD)


# --- task extraction ---------------------------------------------------------------------------
class TaskLike(Protocol):
    text: str
    lead_units: list[str]
    co_units: list[str]
    responsible_units: list[str]
    deadline: str
    deadline_norm: str
    metrics: list[str]


def metric_number(metric: str) -> str:
    digits = re.findall(r"\d+(?:\.\d+)?%?", metric)
    if digits:
        return max(digits, key=len)
    words = NUMBER.findall(metric)
    return words[0] if words else fold(metric)


def find_task(tasks: Iterable[TaskLike], snippet: str) -> TaskLike | None:
    key = fold(snippet)
    for task in tasks:
        if key in fold(task.text):
            return task
    return None


def _prf(c: dict) -> dict:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, **c}


def score_tasks(gold_rows: list[dict], tasks_by_doc: dict[str, list[TaskLike]]) -> dict:
    """Found share, owner P/R/F1 per role (role-aware: (task, role, unit) triples) and over any
    role ((task, unit) pairs), deadline accuracy, metric recall, and every miss as
    (gold id, cause, detail); causes: not found, lead, co, responsible, deadline, metric."""
    counts = {role: {"tp": 0, "fp": 0, "fn": 0} for role in (*ROLES, "all", "any_role")}
    found = deadline_ok = metric_total = metric_hit = 0
    misses = []
    for row in gold_rows:
        task = find_task(tasks_by_doc.get(row["doc"], []), row["snippet"])
        if task is None:
            misses.append((row["id"], "not found", row["snippet"]))
            continue
        found += 1
        gold_any, got_any = set(), set()
        for role in ROLES:
            gold = {fold(u) for u in row[role]}
            got = {fold(u) for u in getattr(task, ROLE_FIELDS[role])}
            gold_any |= gold
            got_any |= got
            for key in (role, "all"):
                counts[key]["tp"] += len(gold & got)
                counts[key]["fp"] += len(got - gold)
                counts[key]["fn"] += len(gold - got)
            if gold != got:
                misses.append((row["id"], role, f"gold={sorted(gold)} got={sorted(got)}"))
        counts["any_role"]["tp"] += len(gold_any & got_any)
        counts["any_role"]["fp"] += len(got_any - gold_any)
        counts["any_role"]["fn"] += len(gold_any - got_any)
        if task.deadline_norm == row["deadline_norm"]:
            deadline_ok += 1
        else:
            misses.append((row["id"], "deadline",
                           f"gold={row['deadline_norm']!r} got={task.deadline_norm!r} ({task.deadline})"))
        for metric in row["metrics"]:
            metric_total += 1
            number = metric_number(metric)
            if any(number in fold(m) for m in task.metrics):
                metric_hit += 1
            else:
                misses.append((row["id"], "metric", f"{metric} [{number}] not in {task.metrics}"))
    result = {"gold_tasks": len(gold_rows), "found": found,
              "found_share": found / len(gold_rows) if gold_rows else 1.0,
              "deadline_accuracy": deadline_ok / found if found else 0.0,
              "metric_recall": metric_hit / metric_total if metric_total else 1.0,
              "misses": misses}
    for key, c in counts.items():
        result[key] = _prf(c)
    return result


# --- search --------------------------------------------------------------------------------------
def search_recall(kb, gold: list[dict], mode: str, k: int, **filters) -> tuple[float, list[str]]:
    """Mean recall@k over the queries (the share of relevant snippets contained in the text of
    the top k hits), and the snippets missed (as "query: snippet")."""
    total, misses = 0.0, []
    for item in gold:
        texts = [fold(hit.text) for hit in kb.search(item["query"], mode=mode, k=k, **filters)]
        found = [any(fold(rel["snippet"]) in t for t in texts) for rel in item["relevant"]]
        total += sum(found) / len(found)
        misses += [f"{item['query']}: {rel['snippet']}"
                   for rel, ok in zip(item["relevant"], found) if not ok]
    return total / len(gold), misses


# --- answers -------------------------------------------------------------------------------------
def answer_is_right(item: dict, answer) -> bool:
    """The answer text (answer plus listed units) satisfies answer_any / answer_all AND the first
    citation contains the evidence (for doc "*", any citation)."""
    text = fold(answer.answer + " " + " ".join(answer.units))
    any_ok = not item["answer_any"] or any(fold(a) in text for a in item["answer_any"])
    all_ok = all(fold(a) in text for a in item["answer_all"])
    cited = answer.citations if item["doc"] == "*" else answer.citations[:1]
    return any_ok and all_ok and any(fold(item["evidence"]) in fold(c.text) for c in cited)


def evaluate_answers(kb, gold: list[dict]) -> dict:
    """{"counts": {group: (right, total)} for "all", each kind and "english"; "misses";
    "scored": [(confidence, right, found)] per question, for the calibration table}."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses, scored = [], []
    for item in gold:
        answer = kb.ask(item["question"])
        right = answer_is_right(item, answer)
        scored.append((answer.confidence, right, answer.found))
        groups = ["all", item["kind"]] + (["english"] if is_english(item["question"]) else [])
        for group in groups:
            counts[group][0] += right
            counts[group][1] += 1
        if not right:
            misses.append(f"{item['id']} {item['question']} => {answer.answer[:80]}")
    return {"counts": {g: tuple(c) for g, c in counts.items()}, "misses": misses, "scored": scored}


# Confidence buckets of the calibration table: [low, high).
CONFIDENCE_BUCKETS = ((0.0, 0.35), (0.35, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))


def calibration(scored: list[tuple[float, bool, bool]]) -> list[tuple[str, int, int]]:
    """(bucket, answers in it, right ones) for the answers given (not "未找到明确答案"), and a
    last row for every answer at confidence 0.5 or more."""
    given = [(c, r) for c, r, found in scored if found]
    rows = [(f"{low:.2f}–{min(high, 1.0):.2f}", sum(low <= c < high for c, _ in given),
             sum(low <= c < high and r for c, r in given)) for low, high in CONFIDENCE_BUCKETS]
    rows.append(("≥ 0.50", sum(c >= 0.5 for c, _ in given), sum(c >= 0.5 and r for c, r in given)))
    return rows


# --- formats: the same notice read from another format -----------------------------------------
def char_accuracy(truth: str, read: str) -> float:
    """Share of ``truth``'s characters that ``read`` has right: 1 − edits / len(truth), with the
    edits counted on difflib's alignment of the two texts (whitespace removed, widths folded by
    NFKC: a scan cannot tell （ from ()."""
    expected, found = (re.sub(r"\s+", "", unicodedata.normalize("NFKC", t)) for t in (truth, read))
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    edits = sum(max(a1 - a0, b1 - b0) for op, a0, a1, b0, b1 in matcher.get_opcodes() if op != "equal")
    return max(0.0, 1 - edits / len(expected)) if expected else float(not found)


def owner_key(task: TaskLike) -> tuple:
    return tuple(tuple(getattr(task, ROLE_FIELDS[role])) for role in ROLES)


def owner_agreement(expected: Iterable[TaskLike], found: Iterable[TaskLike]) -> float:
    """Share of the expected tasks whose owners (lead, co, responsible, as written) one of the
    found tasks has too, each found task counted once."""
    wanted = Counter(owner_key(task) for task in expected)
    total = sum(wanted.values())
    shared = wanted & Counter(owner_key(task) for task in found)
    return sum(shared.values()) / total if total else 1.0

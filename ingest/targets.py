"""A task's targets (目标指标): its clauses that set a quantity as a goal (ingest.target_rules),
as written, each taken whole — a quoted name with its closing mark (实现“五个标准化”), without
the list marker before it (二是…)."""
from __future__ import annotations

from ingest import target_rules as T


def clauses(text: str) -> list[str]:
    """``text`` cut at line breaks and at clause ends outside quotation marks: "实现“一企一档，
    三个清单”目标" is one clause. A line whose quotes do not close (a typing slip) is cut at every
    clause end, so an open mark does not swallow the rest of its line."""
    out: list[str] = []
    for line in text.split("\n"):
        balanced = all(line.count(o) == line.count(c) for o, c in T.QUOTES.items())
        current: list[str] = []
        closing: list[str] = []
        for ch in line:
            if closing and ch == closing[-1]:
                closing.pop()
            elif balanced and ch in T.QUOTES:
                closing.append(T.QUOTES[ch])
            if ch in T.CLAUSE_ENDS and not closing:
                out.append("".join(current))
                current = []
            else:
                current.append(ch)
        out.append("".join(current))
    return out


def _trimmed(clause: str) -> str:
    """Without spaces and list markers around it; a quotation mark at an end goes only when it
    is unmatched (a quote the clause sits in, not a name it ends with)."""
    clause = T.LIST_MARKER.sub("", clause.strip())
    for opening, closing in T.QUOTES.items():
        if clause.startswith(opening) and clause.count(closing) < clause.count(opening):
            clause = clause[1:]
        if clause.endswith(closing) and clause.count(opening) < clause.count(closing):
            clause = clause[:-1]
    return clause.strip()


def is_target(clause: str, after_target: bool = False) -> bool:
    """``after_target``: the clause before was a target, and a quantity here continues its list
    under the same goal verb ("选拔培养10名青年拔尖人才，60名青年优秀人才")."""
    probe = T.NOT_A_NUMBER.sub(" ", clause)
    goal = after_target or bool(T.GOAL_WORDS.search(probe))
    return any(pattern.search(probe) and (goal or not needs_goal) for _, pattern, needs_goal in T.TARGET_FORMS)


def find_metrics(text: str, target_cell: bool = False) -> list[str]:
    """Clauses of ``text`` that set a target, as written, in order, each once. ``target_cell``:
    the text is a cell of a table's 目标/指标 column, whose header already makes its quantities
    goals ("60%" under 2025年)."""
    metrics: list[str] = []
    after_target = False
    for clause in map(_trimmed, clauses(text)):
        after_target = bool(clause) and is_target(clause, after_target or target_cell)
        if after_target and clause not in metrics:
            metrics.append(clause)
    return metrics

"""Fit the answer confidence: a logistic model of "the answer is right" on the features of
kb.answers.candidates.calibration_features (the best candidate's match score, its lead over the next
different answer, an English question, a question naming its document), one per answer path
(tasks, clauses), over the development sets. Prints the CALIBRATION table for kb/answers/candidates.py,
and, with several sets, how the confidence holds on each set when it is fitted on the others (an answer
kb.answers.candidates.unsure_reasons finds unsure held at UNSURE_CAP, as kb ask shows it).

    python bench/fit_calibration.py --set HOME=GOLD [--set HOME=GOLD ...]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scorers import answer_is_right, load_jsonl  # noqa: E402
from kb import KnowledgeBase  # noqa: E402
from kb.answers.candidates import UNSURE_CAP, Candidate, calibration_features, unsure_reasons  # noqa: E402
from kb.answers.question import analyze  # noqa: E402


def observations(home: str, gold: Path) -> list[tuple[str, tuple[float, ...], bool, bool]]:
    """(path, features, right, unsure) per question."""
    found = []
    with KnowledgeBase(home) as kb:
        for item in load_jsonl(gold):
            answer = kb.ask(item["question"])
            if answer.answered_from in ("task", "clause"):
                question = analyze(kb.indexes, item["question"])
                features = calibration_features(answer.score, answer.margin, question)
                shown = Candidate(answer.score, None, answer.groups[0].answer if answer.groups else answer.answer,
                                  answer.units, [])
                unsure = bool(unsure_reasons(answer.score, answer.margin, question, shown))
                found.append((answer.answered_from, features, answer_is_right(item, answer), unsure))
    return found


def fit(rows: list[tuple[tuple[float, ...], bool]], l2: float = 0.1, steps: int = 50) -> tuple[float, ...]:
    """Logistic regression by Newton's method with a small ridge (few points)."""
    x = np.array([features for features, _ in rows])
    y = np.array([float(r) for _, r in rows])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + l2 * w
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + l2 * np.eye(x.shape[1])
        w -= np.linalg.solve(hessian, gradient)
    return tuple(round(float(v), 2) for v in w)


BANDS = ((0.9, 1.01), (0.7, 0.9), (0.5, 0.7), (0.0, 0.5))


def predicted(weights: tuple[float, ...], features: tuple[float, ...], unsure: bool = False) -> float:
    p = float(1 / (1 + np.exp(-sum(w * x for w, x in zip(weights, features)))))
    return min(p, UNSURE_CAP) if unsure else p


def fit_paths(rows: list[tuple[str, tuple[float, ...], bool]]) -> dict[str, tuple[float, ...]]:
    return {path: fit([(f, r) for p, f, r, _ in rows if p == path]) for path in ("task", "clause")}


def held_out_bands(by_set: dict[str, list]) -> None:
    """Leave one set out: fit on the others, then how often the left-out set's answers are right
    in each confidence band — the confidence a user sees on documents the fit never saw."""
    print("\n| left out | confidence | answers | right | share right |\n|---|---|---:|---:|---:|")
    for name, rows in by_set.items():
        weights = fit_paths([row for other, others in by_set.items() if other != name for row in others])
        for low, high in BANDS:
            band = [right for path, features, right, unsure in rows
                    if low <= predicted(weights[path], features, unsure) < high]
            share = f"{sum(band) / len(band):.2f}" if band else "—"
            print(f"| {name} | {low:.2f}–{min(high, 1.0):.2f} | {len(band)} | {sum(band)} | {share} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", required=True, help="HOME=GOLD: a KB and its gold file")
    args = parser.parse_args()
    by_set = {}
    for pair in args.set:
        home, gold = pair.split("=", 1)
        by_set[Path(gold).stem] = observations(home, Path(gold))
    rows = [row for found in by_set.values() for row in found]
    for path in ("task", "clause"):
        mine = [right for p, _, right, _ in rows if p == path]
        print(f"{path}: {len(mine)} answers, {sum(mine)} right")
    print("CALIBRATION =", fit_paths(rows))
    if len(by_set) > 1:
        held_out_bands(by_set)


if __name__ == "__main__":
    main()

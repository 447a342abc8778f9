"""A self-check of the task extractor that needs no gold: does every role cue and every date of a
notice end up in some task, or is it deliberately set aside? Each document is parsed as
``kb ingest`` parses it (``parse_file``) and read for five kinds of miss (bench/coverage_checks.py):

(a) role cues (``ingest.cue_rules.ROLE_CUES``; where two overlap the longer is the cue, so 分工负责
    is one) that no task covers and no ``SET_ASIDE`` row explains. A cue is *covered* when it lies
    - inside the span (start..end in the document text) of a task with at least one owner: a
      task's span runs to the end of its owner annotation, so its own cues are inside it; but in
      a task longer than 400 characters only when its sentence names one of the task's owners
      (a whole news report read as one task with a prose owner would otherwise cover everything);
    - inside a heading (marker + title, as in the task's section path) of a section that a task
      with owners belongs to, at any depth: a heading's annotation is handed down to its items
      and is then in no task span;
    - on the line(s) of a table row that became a task with owners (a row task's span is its
      text cell only; its owner cells stand beside it on the line or, one cell per line, on the
      lines up to the next task), or on a header line (a cell that is a role label: 责任单位)
      followed within 800 characters by such a row.
    What this does not check: that the owners read are the ones the cue names. A cue inside an
    owned task holding a second assignment the task missed counts as covered; the gold scores
    (bench/eval_extract.py) catch that.
(b) date expressions (``DATE_EXPRESSIONS``: a month or a year with a month, 上旬/中旬/下旬, ranges,
    每月…前, 年底前, 上半年 … and every deadline form of ``ingest.deadline_rules``; a bare year or a
    numeric 2024-03-05 stamp is none) attached to no task: not in the span of a task with a
    deadline (in a task over 400 characters, only when its numbers are the deadline's), not in a
    heading of a section such a task belongs to, not on the row of a table task with one; and not
    a date of the document itself: a ``DOCUMENT_DATES`` row (a line that is only a signature
    date, 发布日期：…, …经…会议通过, 自…起施行, 有效期至…, a consultation's end, a plan's period in
    brackets, a news dateline, a date followed in its clause by a meeting or a visit, 截至…, …以来)
    or a written date equal to the issue date the parser read. A 文号's year 〔2021〕 has no 年
    and is no date expression.
(c) tasks without any owner whose own span or section heading holds a cue not set aside.
(d) documents with at least 3 numbered lines (an item marker at a line start) or table rows
    (2+ tab or | separators) but at most one task.
(e) tasks longer than 400 characters.

Rates: (a) uncovered / cues not set aside, (b) unattached / dates that are not the document's,
(c) ownerless tasks with a cue / all tasks. The worst documents are ranked by a plain sum:
(a) + (b) + (c) + (e) counts, plus 5 for (d). Held-out rule: the 30 held-out documents of
notices_unlabeled (the ``doc`` values of bench/gold/heldout_tasks.jsonl and the drawing its README
records, which adds those that hold no task) count in the rates only, apart and together with the
others: no excerpt of theirs is made, printed or written, and the worst list leaves them out.

    python bench/coverage.py [--set unlabeled|seeds|more|web|all] [--worst 20] [--json out.json]
    python bench/coverage.py --dir MY_NOTICES      # the same check over a folder of your own notices
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import DEFAULT_LAWS, SEEDS_DIR, law_files, md_table, shuffled  # noqa: E402
from bench.coverage_checks import LONG_TASK, DocReport, check_file  # noqa: E402
from bench.evalkit import HELDOUT_GOLD, NOTICES_UNLABELED, POLICY_NOTICES, SAFETY_NOTICES_WEB  # noqa: E402
from ingest.readers import SUPPORTED_SUFFIXES  # noqa: E402

SETS = {"unlabeled": NOTICES_UNLABELED, "seeds": SEEDS_DIR, "more": POLICY_NOTICES, "web": SAFETY_NOTICES_WEB}
NOT_DOCUMENTS = re.compile(r"^(?:README|MANIFEST|SOURCES)", re.I)
HELDOUT_SEED, HELDOUT_COUNT = 19, 30  # how bench/gold/README.md says the held-out files were drawn


# ---- which files -------------------------------------------------------------------------------
def set_files(folder: Path) -> list[Path]:
    """The notices of a folder: files of a format ingest reads (a page set's gold.jsonl, SOURCES.tsv are not)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and not NOT_DOCUMENTS.match(p.name)
                  and p.suffix.lower() in SUPPORTED_SUFFIXES)


def heldout_names(unlabeled: list[Path]) -> set[str]:
    """The held-out documents: the ``doc`` of every labelled task (nothing else of the gold is
    read) and the drawing bench/gold/README.md records, which adds the held-out files that hold
    no task and so have no line in the gold."""
    with HELDOUT_GOLD.open(encoding="utf-8") as gold:
        labelled = {json.loads(line)["doc"] for line in gold if line.strip()}
    names = sorted(p.name for p in unlabeled)
    drawn = random.Random(HELDOUT_SEED).sample(names, HELDOUT_COUNT) if len(names) >= HELDOUT_COUNT else []
    return labelled | set(drawn)


# ---- checking files ------------------------------------------------------------------------
def check_files(files: list[Path], heldout: set[str], workers: int) -> list[DocReport]:
    flags = [p.name in heldout for p in files]
    if workers <= 1 or len(files) < 8:
        return [check_file(p, h) for p, h in zip(files, flags)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(check_file, files, flags, chunksize=8))


# ---- output ----------------------------------------------------------------------------------
def share(n: int, total: int) -> str:
    return f"{n}/{total} = {n / total:.3f}" if total else f"{n}/0"


def rates_row(label: str, reports: list[DocReport]) -> list[object]:
    cues = sum(r.cues for r in reports)
    dates = sum(r.dates - r.dates_of_document for r in reports)
    return [label, len(reports),
            share(sum(r.cues_uncovered for r in reports), cues),
            share(sum(r.dates_unattached for r in reports), dates),
            share(sum(r.ownerless_with_cue for r in reports), sum(r.tasks for r in reports)),
            sum(r.sparse for r in reports), sum(r.long_tasks for r in reports),
            sum(r.cues_set_aside for r in reports), sum(r.dates_of_document for r in reports)]


RATE_HEADERS = ("set", "documents", "(a) uncovered cues", "(b) unattached dates",
                "(c) ownerless tasks with a cue", "(d) items but ≤1 task", f"(e) tasks > {LONG_TASK} chars",
                "cues set aside", "document dates")


def rate_rows(name: str, reports: list[DocReport]) -> list[list[object]]:
    rows = [rates_row(name, reports)]
    held = [r for r in reports if r.heldout]
    if held:
        rows[0][0] = f"{name} (all)"
        rows.append(rates_row(f"{name} (not held out)", [r for r in reports if not r.heldout]))
        rows.append(rates_row(f"{name} (held out: counts only)", held))
    return rows


def worst_row(name: str, r: DocReport) -> list[object]:
    """Counts and the shape of the first misses; a held-out document never gets here."""
    dates = r.dates - r.dates_of_document
    return [name, r.name, r.badness, f"{r.cues_uncovered}/{r.cues}", f"{r.dates_unattached}/{dates}", r.ownerless_with_cue, f"{r.numbered_lines} lines, {r.tasks} tasks" if r.sparse else "", r.long_tasks,
            f"`{r.uncovered_cue}`" if r.uncovered_cue else "", f"`{r.unattached_date}`" if r.unattached_date else ""]


def worst_table(results: dict[str, list[DocReport]], n: int) -> str:
    ranked = sorted(((name, r) for name, reports in results.items() for r in reports if not r.heldout and r.badness),
                    key=lambda nr: (-nr[1].badness, nr[0], nr[1].name))[:n]
    return md_table(("set", "document", "score", "(a)", "(b)", "(c)", "(d)", "(e)", "first uncovered cue",
                     "first unattached date"), [worst_row(name, r) for name, r in ranked], "llrrrrrrll")


def tally_table(reports: list[DocReport]) -> str:
    """How often each cue went uncovered, each SET_ASIDE row applied, each document-date row."""
    rows = []
    for label, attr in (("uncovered cue", "uncovered_names"), ("set aside", "set_aside_rows"),
                        ("document date", "document_date_rows")):
        total: dict[str, int] = {}
        for r in reports:
            for key, n in getattr(r, attr).items():
                total[key] = total.get(key, 0) + n
        rows += [[label, key, n] for key, n in sorted(total.items(), key=lambda kv: -kv[1])]
    return md_table(("kind", "name", "count"), rows, "llr")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=[*SETS, "all"], default="unlabeled")
    ap.add_argument("--worst", type=int, default=20)
    ap.add_argument("--json", type=Path, help="write every document's counts (and excerpts) here")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dir", type=Path, help="check the notices of this folder instead of a set")
    ap.add_argument("--laws", type=int, metavar="N",
                    help="check the first N regulations of the laws data set in bench_backends' fixed random "
                         "order instead of a set: the breadth signal for regulation forms (nothing to label)")
    args = ap.parse_args(argv)
    if args.dir is not None and not args.dir.is_dir():
        ap.error(f"--dir {args.dir}: no such folder")
    if args.laws is not None:
        sets = {f"laws {args.laws}": shuffled(law_files(DEFAULT_LAWS), 0)[:args.laws]}
    else:
        sets = {args.dir.name: args.dir} if args.dir is not None else SETS
    chosen = list(sets) if args.set == "all" or len(sets) == 1 else [args.set]
    began = time.perf_counter()
    results: dict[str, list[DocReport]] = {}
    for name in chosen:
        files = sets[name] if isinstance(sets[name], list) else set_files(sets[name])
        heldout = heldout_names(files) if name == "unlabeled" else set()
        results[name] = check_files(files, heldout, args.workers)
    print(md_table(RATE_HEADERS, [row for name, reports in results.items() for row in rate_rows(name, reports)],
                   "lrrrrrrrr"))
    everything = [r for reports in results.values() for r in reports]
    print()
    print(tally_table(everything))
    print(f"\nworst {args.worst} documents (held-out ones left out):\n")
    print(worst_table(results, args.worst))
    print(f"\n{len(everything)} documents in {time.perf_counter() - began:.1f} s")
    if args.json:
        rows = {name: [asdict(r) for r in reports] for name, reports in results.items()}
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

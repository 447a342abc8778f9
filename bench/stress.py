"""Readers and a writer at once, and imports killed at random points, over the laws data set.
Not a test: it prints figures (README quotes them) and exits 1 if an invariant broke.

    python bench/stress.py readers [--readers 4] [--files 300] [--seconds 900]
    python bench/stress.py kills [--kills 10] [--batch 40]
    python bench/stress.py                      # both

**readers**: a fresh KB holding the five seed notices; one `kb ingest` of ``--files`` laws (a
real process, as a clerk would start it) while ``--readers`` reader processes query the KB
until it ends: half keep one long-lived ``KnowledgeBase`` (as the app does) and alternate
``search`` and ``ask``; the others start a `kb search` / `kb ask` process per query (people at
terminals). Prints errors of each, read latency (p50 / p95) during the import, whether every
long-lived reader only ever saw the number of indexed documents grow, and whether the store
and both indexes hold the same documents at the end.

**kills**: a fresh KB; ``--kills`` times, a `kb ingest` of ``--batch`` new laws is SIGKILLed
(the import process alone, as `kill -9 <pid>` does: its workers must die with it) at a random
moment of its run; then a `kb search` answers (it must, at once, from what was committed) and
`kb sync` finishes the interrupted work (recovery time). After each kill: no file reported as
stored is missing (lost), and after recovery the indexes hold the store's documents with no
entry or vector twice (duplicated). A final `kb ingest` of every batch checks the whole.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DEFAULT_LAWS, ROOT, descendants, law_files, md_table, percentile, seed_files, shuffled  # noqa: E402
from index.bulk import pieces  # noqa: E402
from kb import KnowledgeBase  # noqa: E402

QUERIES = ("安全生产责任制", "消防安全检查", "危险化学品 管理", "行政处罚 罚款", "应急救援预案",
           "建设工程 施工安全", "fire safety inspection")
QUESTIONS = ("消防整治谁牵头？", "安全生产监督管理由哪个部门负责？", "危险化学品的安全管理由谁负责？")
ERROR_WORDS = ("Traceback", "LockBusy", "LockError", "Failed to acquire")
SEED = 12
STORED_LINE = re.compile(r"^(?:ok|ok \(replaced\)|duplicate)\s+\S.*\[([0-9a-f]{16})\]", re.M)


def kb_command(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "kb", "--home", str(home), *args]


def new_home(parent: Path) -> Path:
    home = parent / "kb"
    with KnowledgeBase(home) as kb:
        kb.ingest(seed_files())
    return home


# --- readers + one writer ---------------------------------------------------------------------
def run_reader(home: Path, kind: str, stop_file: Path, out: Path, seconds: float) -> None:
    """One reader until ``stop_file`` appears; writes its records to ``out`` as JSON."""
    records, rng = [], random.Random(os.getpid())
    kb = KnowledgeBase(home) if kind == "kb" else None
    deadline = time.monotonic() + seconds
    while not stop_file.exists() and time.monotonic() < deadline:
        asking = rng.random() < 0.4
        text = rng.choice(QUESTIONS if asking else QUERIES)
        started, error, indexed = time.monotonic(), "", None
        if kb is not None:
            try:
                kb.ask(text) if asking else kb.search(text, k=10)
                indexed = len(kb.indexes.indexed)
            except Exception as exc:  # noqa: BLE001 - a reader error is the measurement
                error = repr(exc)
        else:
            args = ("ask", text, "--json") if asking else ("search", text, "--json")
            done = subprocess.run(kb_command(home, *args), cwd=ROOT, capture_output=True, text=True)
            if done.returncode != 0 or any(word in done.stderr for word in ERROR_WORDS):
                error = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        records.append({"t": time.time(), "s": time.monotonic() - started, "error": error,
                        "indexed": indexed})
        if kb is not None:
            time.sleep(0.05)  # a person's pace, not a tight loop
    out.write_text(json.dumps({"kind": kind, "records": records}))


def readers_and_writer(n_readers: int, n_files: int, seconds: float, laws: Path) -> bool:
    files = shuffled(law_files(laws), SEED)[:n_files]
    with tempfile.TemporaryDirectory(prefix="stress-") as tmp:
        tmp = Path(tmp)
        home, stop = new_home(tmp), tmp / "stop"
        readers = []
        for i in range(n_readers):
            kind = "kb" if i % 2 == 0 else "cli"
            out = tmp / f"reader{i}.json"
            readers.append((out, subprocess.Popen(
                [sys.executable, __file__, "_reader", str(home), kind, str(stop), str(out), str(seconds)], cwd=ROOT)))
        time.sleep(5)  # the readers are up and reading before the import starts
        log_out, log_err = (tmp / "writer.out").open("w"), (tmp / "writer.err").open("w")
        started = time.time()
        writer = subprocess.Popen(kb_command(home, "ingest", *map(str, files)), cwd=ROOT,
                                  stdout=log_out, stderr=log_err, text=True)
        writer.wait(timeout=seconds)
        ended = time.time()
        stop.touch()
        for _, reader in readers:
            reader.wait()
        log_out.close()
        log_err.close()
        writer_out, writer_err = (tmp / "writer.out").read_text(), (tmp / "writer.err").read_text()
        results = [json.loads(out.read_text()) for out, _ in readers]
        agree = agreement(home)

    refused = sum(line.startswith("error") for line in writer_out.splitlines())
    writer_errors = int(writer.returncode not in (0, 1) or any(w in writer_err for w in ERROR_WORDS))
    rows, ok = [], writer_errors == 0 and agree["equal"]
    for kind, label in (("kb", "long-lived KnowledgeBase (as the app)"), ("cli", "a `kb` process per query")):
        records = [r for result in results if result["kind"] == kind for r in result["records"]]
        during = [r["s"] * 1000 for r in records if started <= r["t"] - r["s"] and r["t"] <= ended]
        errors = [r["error"] for r in records if r["error"]]
        grows = all(_never_shrinks([r["indexed"] for r in result["records"] if r["indexed"] is not None])
                    for result in results if result["kind"] == kind)
        ok = ok and not errors and grows
        rows.append([label, sum(r["kind"] == kind for r in results), len(records), len(errors), len(during),
                     f"{percentile(during, 50):,.0f}", f"{percentile(during, 95):,.0f}",
                     "—" if kind == "cli" else "yes" if grows else "NO"])
        for error in errors[:5]:
            print(f"  {kind} reader error: {error}")
    print(f"\n## {n_readers} readers + 1 writer: `kb ingest` of {n_files} laws\n")
    print(f"writer: exit {writer.returncode}, {ended - started:.0f} s, {writer_errors} errors "
          f"({refused} files refused by the parser)")
    print(md_table(["readers", "processes", "reads", "errors", "reads during the import",
                    "p50 ms", "p95 ms", "indexed count only grew"], rows, "lrrrrrrl"))
    print(f"\nat the end: store {agree['store']} documents, keyword index {agree['keyword']}, "
          f"vector index {agree['vectors']}: {'equal' if agree['equal'] else 'NOT EQUAL'}; "
          f"entries twice: {agree['duplicated']}")
    return ok


def _never_shrinks(values: list[int]) -> bool:
    return all(a <= b for a, b in zip(values, values[1:]))


def agreement(home: Path) -> dict:
    """Documents in the store and in each committed index, and entries or vectors beyond what
    the store's passages and tasks make (an entry indexed twice)."""
    with KnowledgeBase(home) as kb:
        stored = {d["doc_id"] for d in kb.documents()}
        indexes = kb.indexes
        keyword, vectors = indexes.keyword.doc_ids(), indexes.vectors.doc_ids()
        entries = kb.index_entries()
        expected_vectors = sum(len(pieces(e.text)) for e in entries)
        duplicated = (len(indexes.keyword) - len(entries) - len(keyword)) + (len(indexes.vectors) - expected_vectors)
        return {"store": len(stored), "keyword": len(keyword), "vectors": len(vectors),
                "equal": stored == keyword == vectors, "duplicated": duplicated, "ids": stored}


# --- the kill loop ----------------------------------------------------------------------------
def kill_loop(kills: int, batch: int, laws: Path) -> bool:
    files = shuffled(law_files(laws), SEED + 1)
    rng = random.Random(SEED)
    rows, lost_total, dup_total, ok = [], 0, 0, True
    with tempfile.TemporaryDirectory(prefix="stress-") as tmp:
        home = new_home(Path(tmp))
        calibration = files[:batch]  # one uninterrupted import: how long a batch takes
        started = time.monotonic()
        subprocess.run(kb_command(home, "ingest", *map(str, calibration)), cwd=ROOT, capture_output=True)
        full_s = time.monotonic() - started
        used, attempt = batch, 0
        while len(rows) < kills and attempt < 3 * kills:
            attempt += 1
            chunk = files[used:used + batch]
            used += batch
            at = rng.uniform(0.5, 0.9 * full_s)
            proc = subprocess.Popen(kb_command(home, "ingest", *map(str, chunk)), cwd=ROOT,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            try:
                proc.wait(timeout=at)
                print(f"  import finished in under {at:.1f} s: not counted as a kill")
                full_s = at  # imports are quicker now: kill earlier
                continue
            except subprocess.TimeoutExpired:
                pass
            workers = descendants(proc.pid)
            os.kill(proc.pid, signal.SIGKILL)
            reported = set(STORED_LINE.findall(proc.communicate()[0]))
            workers_gone_s = _wait_gone(workers)
            read_started = time.monotonic()
            reader = subprocess.run(kb_command(home, "search", "安全生产", "--json"), cwd=ROOT,
                                    capture_output=True, text=True)
            read_s = time.monotonic() - read_started
            lag = re.search(r"有 (\d+) 个文件还没有建好索引", reader.stderr)
            sync_started = time.monotonic()
            sync = subprocess.run(kb_command(home, "sync"), cwd=ROOT, capture_output=True, text=True)
            resume_s = time.monotonic() - sync_started
            resumed = re.search(r"indexed (\d+) documents", sync.stdout)
            agree = agreement(home)
            lost = len(reported - agree["ids"])
            lost_total += lost
            dup_total += agree["duplicated"]
            good = (reader.returncode == 0 and sync.returncode == 0 and agree["equal"] and not lost
                    and not agree["duplicated"])
            ok = ok and good
            rows.append([len(rows) + 1, f"{at:.1f}", len(reported), lag.group(1) if lag else "0",
                         len(workers), f"{workers_gone_s:.1f}", f"{read_s:.1f}", resumed.group(1) if resumed else "?",
                         f"{resume_s:.1f}", lost, agree["duplicated"], "ok" if good else "FAILED"])
        final = subprocess.run(kb_command(home, "ingest", *map(str, files[:used])), cwd=ROOT,
                               capture_output=True, text=True)
        expected = set(STORED_LINE.findall(final.stdout))
        agree = agreement(home)
        final_ok = final.returncode in (0, 1) and agree["equal"] and not agree["duplicated"] and expected <= agree["ids"]
        ok = ok and final_ok and len(rows) >= kills
    print(f"\n## kill loop: {len(rows)} imports of {batch} laws SIGKILLed at random moments "
          f"(an uninterrupted one took {full_s:.1f} s)\n")
    print(md_table(["kill", "at s", "stored", "not indexed", "processes under it", "gone after s",
                    "reader answered in s", "`kb sync` indexed", "`kb sync` s", "lost", "duplicated", ""],
                   rows, "rrrrrrrrrrrl"))
    print(f"\nafter a final `kb ingest` of all {used} files: store {agree['store']} documents "
          f"({len(expected)} distinct files), keyword {agree['keyword']}, vectors {agree['vectors']}: "
          f"{'equal' if agree['equal'] else 'NOT EQUAL'}; lost {lost_total} in all, duplicated "
          f"{dup_total + agree['duplicated']}")
    return ok


def _wait_gone(pids: list[int], timeout_s: float = 30) -> float:
    """Seconds until none of these processes runs (zombies count as gone)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        running = []
        for pid in pids:
            try:
                running.append(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z")
            except OSError:
                running.append(False)
        if not any(running):
            break
        time.sleep(0.05)
    return time.monotonic() - started


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_reader":
        home, kind, stop, out, seconds = sys.argv[2:7]
        run_reader(Path(home), kind, Path(stop), Path(out), float(seconds))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("part", nargs="?", choices=("readers", "kills", "both"), default="both")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--files", type=int, default=300, help="laws the writer imports")
    parser.add_argument("--seconds", type=float, default=900, help="longest the writer may take")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--batch", type=int, default=40,
                        help="laws per killed import (40 make over 3,000 entries: the worker pool runs)")
    parser.add_argument("--laws", type=Path, default=DEFAULT_LAWS)
    args = parser.parse_args()
    ok = True
    if args.part in ("readers", "both"):
        ok = readers_and_writer(args.readers, args.files, args.seconds, args.laws) and ok
    if args.part in ("kills", "both"):
        ok = kill_loop(args.kills, args.batch, args.laws) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

"""Hostile inputs through the real `kb ingest`: how long, how much memory, what it says, and
whether the KB is left consistent.

Each file of tests/hostile_inputs.py is made in a temporary folder, then ingested by
``python -m kb --home <fresh home> ingest FILE`` in a child process of its own session, with

- a wall timeout (default 120 s): the whole process group is killed and the row says so;
- a memory guard: RLIMIT_AS 8 GiB in the child (inherited by its OCR workers), so a runaway
  fails inside the child instead of taking the machine down.

Measured: wall time; peak memory of the process TREE (the sum of VmRSS over the child and all
its descendants, from /proc every ~50 ms); the exit code; the line of the output that carries
the message (error, warning, traceback, or the last progress line of a killed run). Afterwards
``kb docs --json`` on the same home gives the documents stored (0 for a refused file, 1 for a
file stored with a warning) and SQLite's integrity check says whether the store is sound. One
more case is a path, not a file: ``kb ingest ""`` (an unset shell variable) in an empty folder.

Run from the checkout:
    PYTHONPATH=. .venv/bin/python -m bench.hostile [--only NAME ...] [--timeout S] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests.hostile_inputs import MAKERS

ROOT = Path(__file__).resolve().parents[1]
EMPTY_PATH = "empty_path"
CASES = [*MAKERS, EMPTY_PATH]
MEMORY_GUARD_BYTES = 8 * 1024 ** 3
SAMPLE_EVERY_S = 0.05
DEFAULT_TIMEOUT_S = 120
DOCS_TIMEOUT_S = 300
MESSAGE_CHARS = 100
# Words of a failed allocation, however the library words it (Python, numpy, C++, Pillow).
OUT_OF_MEMORY_WORDS = ("MemoryError", "bad_alloc", "Cannot allocate memory", "Unable to allocate",
                       "out of memory", "Failed to allocate")


@dataclass
class Run:
    name: str
    file: str
    size_bytes: int | None
    make_s: float
    wall_s: float = 0.0
    peak_tree_mb: float = 0.0
    exit_code: int | None = None
    killed: bool = False
    documents_after: int | None = None
    store_check: str = ""
    message: str = ""
    output_tail: list[str] = field(default_factory=list)


# --- the process tree's memory ------------------------------------------------------------

def _parent_pids() -> dict[int, int]:
    """pid -> parent pid of every process now running (from /proc/<pid>/stat)."""
    parents = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()  # the name may hold spaces and ')'
        except OSError:  # gone meanwhile
            continue
        parents[int(entry.name)] = int(fields[1])
    return parents


def _descendants(root: int) -> list[int]:
    """``root`` and every process under it."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parent_pids().items():
        children.setdefault(parent, []).append(pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0  # gone, or a zombie (no VmRSS line)


def tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants now, in MB."""
    return sum(_rss_kb(pid) for pid in _descendants(root)) / 1024


# --- one run ------------------------------------------------------------------------------

def _child_setup() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_GUARD_BYTES, MEMORY_GUARD_BYTES))


def _kb_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("KB_HOME", "KB_STORE")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_kb_measured(args: list[str], cwd: Path, out_dir: Path, timeout_s: float) -> dict:
    """``python -m kb ARGS`` in a new session under the memory guard; its wall time, the tree's
    peak RSS, exit code, whether it was killed, and its stdout and stderr."""
    stdout_path, stderr_path = out_dir / "stdout.txt", out_dir / "stderr.txt"
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "kb", *args], cwd=cwd, env=_kb_env(),
                                 stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL,
                                 start_new_session=True, preexec_fn=_child_setup)
        peak_mb, killed = 0.0, False
        while child.poll() is None:
            peak_mb = max(peak_mb, tree_rss_mb(child.pid))
            if time.monotonic() - started > timeout_s:
                _kill_group(child.pid)  # the session's group id is the child's pid
                killed = True
                child.wait()
                break
            time.sleep(SAMPLE_EVERY_S)
        wall_s = time.monotonic() - started
        _kill_group(child.pid)  # workers the child left behind, if any
    return {"wall_s": wall_s, "peak_tree_mb": peak_mb, "exit_code": child.returncode, "killed": killed,
            "stdout": stdout_path.read_text(errors="replace"), "stderr": stderr_path.read_text(errors="replace")}


def _lines(text: str) -> list[str]:
    """Lines of output, progress lines rewritten with \\r counted as lines of their own; not the
    warning jieba prints at import (two lines naming pkg_resources)."""
    return [line.strip() for line in text.replace("\r", "\n").split("\n")
            if line.strip() and "pkg_resources" not in line]


def pick_message(stdout: str, stderr: str, killed: bool, timeout_s: float, exit_code: int | None) -> str:
    """The line that says what happened: an error, a warning, the end of a traceback, else the
    last line; a killed run says so before its last progress line."""
    lines = _lines(stdout) + _lines(stderr)
    said = next((line for line in lines if line.startswith(("error", "错误"))), None)
    said = said or next((line for line in lines if line.startswith("warning")), None)
    if said is None and "Traceback" in stderr:
        said = _lines(stderr)[-1]
    said = said or next((line for line in lines if line.startswith("ok")), None)  # stored: title, tasks
    said = said or (lines[-1] if lines else "(no output)")
    if any(word in stdout + stderr for word in OUT_OF_MEMORY_WORDS):
        said = f"memory guard hit: {said}"
    if killed:
        return f"killed after {timeout_s:g} s; last: {(_lines(stderr) or _lines(stdout) or ['(no output from kb)'])[-1]}"
    if exit_code is not None and exit_code < 0:
        return f"died of {signal.Signals(-exit_code).name}; {said}"
    return said


def documents_in(home: Path, out_dir: Path) -> tuple[int | None, str]:
    """Documents in the KB at ``home`` (``kb docs --json``) and SQLite's integrity check."""
    checked = out_dir / "docs"
    checked.mkdir()
    result = run_kb_measured(["--home", str(home), "docs", "--json"], ROOT, checked, DOCS_TIMEOUT_S)
    try:
        count = len(json.loads(result["stdout"]))
    except ValueError:
        return None, f"kb docs failed (exit {result['exit_code']}): {(_lines(result['stderr']) or [''])[-1][:80]}"
    database = home / "kb.sqlite"
    if not database.exists():
        return count, "no kb.sqlite"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    return count, f"integrity {integrity}"


def run_case(name: str, work: Path, timeout_s: float) -> Run:
    """Make the file of ``name`` in its own folder and ingest it into a fresh KB."""
    folder = work / name
    (folder / "input").mkdir(parents=True)
    started = time.monotonic()
    if name == EMPTY_PATH:
        path, cwd, size = "", folder / "input", None  # an empty folder as cwd: "" is "."
    else:
        made = MAKERS[name](folder / "input")
        path, cwd, size = str(made), ROOT, made.stat().st_size
    run = Run(name=name, file=Path(path).name if path else '""', size_bytes=size,
              make_s=time.monotonic() - started)
    home = folder / "home"
    print(f"{name}: made in {run.make_s:.2f} s; kb ingest {path or chr(34) * 2} …", file=sys.stderr, flush=True)
    result = run_kb_measured(["--home", str(home), "ingest", path], cwd, folder, timeout_s)
    run.wall_s, run.peak_tree_mb = result["wall_s"], result["peak_tree_mb"]
    run.exit_code, run.killed = result["exit_code"], result["killed"]
    message = pick_message(result["stdout"], result["stderr"], run.killed, timeout_s, run.exit_code)
    run.message = " ".join(message.replace(path, run.file).split()) if path else message  # no temp paths
    run.output_tail = (_lines(result["stdout"]) + _lines(result["stderr"]))[-6:]
    run.documents_after, run.store_check = documents_in(home, folder)
    print(f"  {run.wall_s:.1f} s, peak {run.peak_tree_mb:.0f} MB, exit {run.exit_code}, "
          f"{run.documents_after} documents ({run.store_check}): {run.message[:MESSAGE_CHARS]}",
          file=sys.stderr, flush=True)
    return run


# --- the report ---------------------------------------------------------------------------

def human_size(size: int | None) -> str:
    if size is None:
        return "—"
    for unit, scale in (("MB", 1024 ** 2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(runs: list[Run]) -> str:
    rows = ["| file | size on disk | time s | peak MB (tree) | exit | documents after | message |",
            "|---|---:|---:|---:|---:|---:|---|"]
    for run in runs:
        exit_code = "killed" if run.killed else str(run.exit_code)
        documents = "?" if run.documents_after is None else str(run.documents_after)
        if not run.store_check.startswith("integrity ok") and run.store_check != "no kb.sqlite":
            documents += f" ({run.store_check})"
        rows.append(f"| {run.name} ({run.file}) | {human_size(run.size_bytes)} | {run.wall_s:.1f} | "
                    f"{run.peak_tree_mb:.0f} | {exit_code} | {_cell(documents)} | "
                    f"{_cell(run.message[:MESSAGE_CHARS])} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", choices=CASES, metavar="NAME",
                        help=f"run only these cases ({', '.join(CASES)})")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="wall seconds per ingest")
    parser.add_argument("--json", type=Path, help="also write the runs to this JSON file")
    args = parser.parse_args(argv)
    names = [name for name in CASES if name in (args.only or CASES)]
    with tempfile.TemporaryDirectory(prefix="kb_hostile_") as work:
        runs = [run_case(name, Path(work), args.timeout) for name in names]
    print(markdown_table(runs))
    print("\nmade in: " + ", ".join(f"{run.name} {run.make_s:.2f} s" for run in runs))
    if args.json:
        args.json.write_text(json.dumps([asdict(run) for run in runs], ensure_ascii=False, indent=1),
                             encoding="utf-8")


if __name__ == "__main__":
    main()

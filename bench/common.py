"""Helpers the benchmark scripts share: which files, peak memory, sizes on disk, one size per
child process, and markdown tables."""
from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterable, Sequence

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "corpus"
DEFAULT_LAWS = ROOT.parent / "shared" / "datasets" / "laws"
RESULTS_DIR = ROOT / "bench" / "results"  # git-ignored
# The laws data set's README and its Hugo ``_index.md`` section stubs are not laws.
NOT_LAWS = {"README.md", "_index.md"}


# ---- which files -----------------------------------------------------------------------------
def seed_files() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))


def law_files(laws_dir: Path) -> list[Path]:
    """Every law in the data set, sorted by path (hidden folders and stubs left out)."""
    return sorted(p for p in laws_dir.rglob("*.md")
                  if p.is_file() and p.name not in NOT_LAWS
                  and not any(part.startswith(".") for part in p.relative_to(laws_dir).parts))


def shuffled(files: Sequence[Path], seed: int) -> list[Path]:
    """The files in a fixed pseudo-random order: its prefixes are samples that nest."""
    out = list(files)
    random.Random(seed).shuffle(out)
    return out


def check_sizes(sizes: Iterable[str]) -> str | None:
    """An error message for the first size that is not seeds, all or a number."""
    for s in sizes:
        if s not in ("seeds", "all") and not s.isdigit():
            return f"bad size {s!r}: use seeds, all or a number"
    return None


# ---- measuring -------------------------------------------------------------------------------
def peak_rss_mb() -> float:
    """Peak resident memory of this process.

    Read from VmHWM, which belongs to this address space: ``ru_maxrss`` is carried over a
    fork + exec on Linux, so a process started by a big one reports the big one's peak (a pool
    worker, or a search process started after the indexing, would show its parent's figure).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy since boot (Linux /proc/stat; 0 elsewhere)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def own_cpu_s() -> float:
    """CPU seconds of this process and of its finished (waited-for) children."""
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


def current_rss_mb() -> float:
    """Resident memory of this process now (Linux; 0 where /proc is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * resource.getpagesize() / (1024 * 1024)


def _rss_bytes(pid: int) -> int:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * resource.getpagesize()


def descendants(pid: int) -> list[int]:
    """Child processes, theirs, and so on (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += [int(child), *descendants(int(child))]
    return found


class TreeRssSampler:
    """Samples, in a thread, the RSS of this process and of its descendants (worker pools):
    ``peak_mb`` is the largest sum seen (what ran at once), ``peak_child_mb`` the largest
    single descendant. Shared pages count in each process, so the sum is an upper bound.

    >>> with TreeRssSampler() as sampler: work()
    >>> sampler.peak_mb, sampler.peak_child_mb
    """

    def __init__(self, interval_s: float = 0.2):
        self.interval_s = interval_s
        self.peak_mb = self.peak_child_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self, pid: int) -> None:
        total, largest_child = _rss_bytes(pid), 0
        for child in descendants(pid):
            try:
                rss = _rss_bytes(child)
            except (OSError, IndexError, ValueError):
                continue  # ended while being read
            total += rss
            largest_child = max(largest_child, rss)
        self.peak_mb = max(self.peak_mb, total / (1024 * 1024))
        self.peak_child_mb = max(self.peak_child_mb, largest_child / (1024 * 1024))

    def _run(self) -> None:
        pid = os.getpid()
        while True:
            try:
                self._sample(pid)
            except (OSError, IndexError, ValueError):
                pass  # a child ended while its /proc entries were read
            if self._stop.wait(self.interval_s):
                return

    def __enter__(self) -> "TreeRssSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def path_bytes(path: Path) -> int:
    """Size of a file, or of every file under a folder (0 if missing)."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return 0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear between the closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


# ---- one size per child process --------------------------------------------------------------
def run_child(script: Path, args: list[str]) -> dict:
    """Run ``script`` again with ``args`` in a new interpreter and return the JSON object it
    prints as its last stdout line; its stderr (progress) goes straight to ours. A new
    process per size keeps peak RSS and imported state from carrying over."""
    cmd = [sys.executable, str(Path(script).resolve()), *args]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"{' '.join(cmd[1:])}: child failed (exit {proc.returncode})")
    return json.loads(lines[-1])


# ---- output ----------------------------------------------------------------------------------
def md_table(headers: Sequence[str], rows: Iterable[Sequence[object]],
             align: str | None = None) -> str:
    """A markdown table; ``align`` is one letter per column, l or r (default: all left)."""
    align = align or "l" * len(headers)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(map(str, headers)) + " |", "|" + "|".join(rule) + "|"]
    lines += ["| " + " | ".join(map(str, row)) + " |" for row in rows]
    return "\n".join(lines)


def mb(n_bytes: float) -> str:
    return f"{n_bytes / (1024 * 1024):,.1f} MB"


def rate(n: float, seconds: float) -> str:
    return f"{n / seconds:,.0f}" if seconds > 0 else "-"

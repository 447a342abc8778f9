"""The one KB write lock: every write (ingest, remove, reindex, sync) holds it; reads never do.

A lock file in the KB home, held with ``flock``: the kernel releases it when the holder's
process ends, however it ends, so a lock left by a killed import is free the moment the
process is gone (nothing to detect or clean up). The file also says who holds it (pid, start
time, command) so that a second writer can tell the user what it is waiting for. Within one
process a thread lock comes first: flock locks belong to open files, not threads.

A KB in a PostgreSQL store, which processes on several machines share, takes the same lock
as a PostgreSQL advisory lock instead (``kb/store/postgres.py`` overrides the three methods
that touch the file: ``_acquire``, ``_release``, ``holder``).
"""
from __future__ import annotations

import fcntl
import json
import os
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from kb.errors import WriterBusy

LOCK_FILE = "write.lock"
POLL_S = 0.2  # how often a waiting writer tries again


@dataclass
class Holder:
    """Who holds (or last held) the lock, as its lock file says."""
    pid: int = 0
    started: str = ""  # local time, "YYYY-MM-DD HH:MM:SS"
    command: str = ""
    host: str = ""  # only when the lock is shared by several machines

    def describe(self) -> str:
        on_host = f"，主机 {self.host}" if self.host else ""
        return f"pid {self.pid or '未知'}，开始于 {self.started or '未知'}{on_host}"

    def waiting_message(self) -> str:
        return (f"另一个导入正在进行（{self.describe()}），等待中… "
                f"(another import is running, pid {self.pid or '?'}; waiting)")


class WriteLock:
    """``with lock.hold(on_wait): ...`` — re-entrant in the thread that holds it."""

    def __init__(self, home: str | os.PathLike, timeout_s: float):
        self.path = Path(home) / LOCK_FILE
        self.timeout_s = timeout_s
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @contextmanager
    def hold(self, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        deadline = time.monotonic() + self.timeout_s
        if not self._thread_lock.acquire(blocking=False):
            # another thread of this process (another app session) is writing
            _notify(on_wait, self.holder() or Holder(os.getpid()))
            if not self._thread_lock.acquire(timeout=max(deadline - time.monotonic(), 0)):
                raise _busy(self.holder() or Holder(os.getpid()), self.timeout_s)
        try:
            if self._depth == 0:
                self._acquire(deadline, on_wait)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()
        finally:
            self._thread_lock.release()

    def _acquire(self, deadline: float, on_wait) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            self._wait_for(lambda: _try_flock(fd, fcntl.LOCK_EX), lambda: self._read(fd), deadline, on_wait)
        except BaseException:
            os.close(fd)
            raise
        me = Holder(os.getpid(), datetime.now().strftime("%Y-%m-%d %H:%M:%S"), " ".join(sys.argv)[:200])
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me.__dict__, ensure_ascii=False).encode("utf-8"), 0)
        self._fd = fd

    def _wait_for(self, take: Callable[[], bool], who: Callable[[], Holder], deadline: float,
                  on_wait) -> None:
        """Try ``take`` until it succeeds; say once whom we wait for; give up at the deadline.
        ``who`` is asked only then (for a shared store it is a query on a connection of its own)."""
        told = False
        while not take():
            if time.monotonic() >= deadline:
                raise _busy(who(), self.timeout_s)
            if not told:
                _notify(on_wait, who())
                told = True
            time.sleep(POLL_S)

    def _release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def holder(self) -> Holder | None:
        """Who writes right now (this process included), or None if nobody does. A probe with
        a shared lock: it never blocks and never stands in a writer's way for long."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        try:
            if _try_flock(fd, fcntl.LOCK_SH):
                fcntl.flock(fd, fcntl.LOCK_UN)
                return None
            return self._read(fd)
        finally:
            os.close(fd)

    @staticmethod
    def _read(fd: int) -> Holder:
        # The holder writes its name right after taking the lock: give it a moment.
        for _ in range(5):
            try:
                data = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "null")
            except (ValueError, UnicodeDecodeError):
                data = None
            if isinstance(data, dict):
                return Holder(int(data.get("pid", 0)), str(data.get("started", "")),
                              str(data.get("command", "")))
            time.sleep(0.05)
        return Holder()


def _try_flock(fd: int, kind: int) -> bool:
    try:
        fcntl.flock(fd, kind | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _notify(on_wait, holder: Holder) -> None:
    if on_wait is not None:
        on_wait(holder.waiting_message())


def _busy(holder: Holder, timeout_s: float) -> WriterBusy:
    return WriterBusy(
        f"另一个导入还在进行（{holder.describe()}），已等待 {timeout_s:g} 秒仍未结束。"
        f"请等它完成后再试；需要等更久可调大设置 write_lock_timeout_s。"
        f" (another import, pid {holder.pid or '?'}, is still running after {timeout_s:g} s; "
        f"try again when it has finished, or raise write_lock_timeout_s)")

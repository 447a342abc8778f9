"""A real PostgreSQL server for the tests and the replica benchmark: initdb in a temporary
folder, a free port on 127.0.0.1, its unix socket in that folder, stopped at the end.

The binaries come from Debian's ``postgresql`` package (``/usr/lib/postgresql/<version>/bin``,
which ``scripts/system_deps.sh`` installs) or the PATH. initdb refuses to run as root, so as
root the server runs as the ``postgres`` user the package creates (else ``nobody``).
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "kb"  # the database superuser initdb makes (trust authentication: a throwaway server)


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: the PATH's, else the newest Debian version."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, binaries: Path):
        self.binaries = binaries
        self.dir = Path(tempfile.mkdtemp(prefix="kbpg-"))  # short: the socket path has a limit
        self.data = self.dir / "data"
        self.port = free_port()
        self.run_as: list[str] = []
        if os.geteuid() == 0:
            user = "postgres" if _user_exists("postgres") else "nobody"
            os.chown(self.dir, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
            self.run_as = ["runuser", "-u", user, "--"]
        self._names = itertools.count(1)

    def start(self) -> "PostgresServer":
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "-N")
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w",
                  "-t", "60", "start")
        return self

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def address(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty KB store; returns its address. Each is a schema of one database
        (the address sets search_path): creating a schema is instant, a database is not."""
        import psycopg
        name = f"kb_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.address(), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        return f"{self.address()}?options=-csearch_path%3D{name}"

    def _run(self, program: str, *args: str) -> None:
        result = subprocess.run([*self.run_as, str(self.binaries / program), *args],
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log = self.dir / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} failed ({result.returncode}): {result.stderr[-2000:]}\n{tail}")


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True

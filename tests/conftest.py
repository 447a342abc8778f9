"""Fixtures several test files share: one KB of the five seed notices per test session; the
same KB in a PostgreSQL store and on the Milvus Lite index backend; a KB_HOME in a temporary
folder for every test, so nothing writes ./kb_data in the checkout; and the plain tokenizer the
keyword index tests analyse their entries with."""
import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

from index.tokenize import Tokenizer
from kb import KnowledgeBase

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="session", autouse=True)
def temporary_default_home(tmp_path_factory):
    """A KB opened without a home (a `kb` command, the app) lands here, not in ./kb_data; tests
    that name their own home (--home, monkeypatch.setenv) are unaffected."""
    before = os.environ.get("KB_HOME")
    os.environ["KB_HOME"] = str(tmp_path_factory.mktemp("default_home") / "kb")
    yield
    if before is None:
        os.environ.pop("KB_HOME", None)
    else:
        os.environ["KB_HOME"] = before


@pytest.fixture(scope="module")
def tokenizer():
    """The tokenizer without the KB's own words (test_tokenize.py has its own, with them)."""
    return Tokenizer()


@pytest.fixture(scope="session")
def seeded_home(tmp_path_factory):
    """A KB folder holding the seeds, indexed. Read-only: copy it to change it."""
    home = tmp_path_factory.mktemp("seeded") / "kb"
    with KnowledgeBase(home) as kb:
        kb.ingest([CORPUS])
    return home


@pytest.fixture(scope="session")
def seeded_kb(seeded_home):
    with KnowledgeBase(seeded_home) as kb:
        yield kb


# --- the same KB in a PostgreSQL store (store = "postgresql://…") --------------------------

@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server of our own for the session. Without the binaries the PostgreSQL
    tests are skipped, except in CI (env CI set), where that is a failure."""
    from tests.postgres import PostgresServer, find_binaries
    binaries = find_binaries()
    if binaries is None:
        reason = ("PostgreSQL is not installed (no initdb on the PATH or under /usr/lib/postgresql/*/bin): "
                  "apt-get install postgresql, or run scripts/system_deps.sh")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = PostgresServer(binaries).start()
    yield server
    server.stop()


@pytest.fixture
def pg_address(pg_server) -> str:
    """A fresh, empty database of the session's server."""
    return pg_server.new_database()


def configured_home(path: Path, settings: dict, seeded_home: Path | None = None) -> Path:
    """A KB home with these settings in its config.json. With ``seeded_home``, that KB's
    embedding cache comes along: the vectors of known texts are not computed again."""
    (path / "index").mkdir(parents=True)
    (path / "config.json").write_text(json.dumps(settings), encoding="utf-8")
    if seeded_home is not None:
        shutil.copy(seeded_home / "index" / "embeddings.sqlite", path / "index" / "embeddings.sqlite")
    return path


@pytest.fixture(scope="session")
def pg_seeded_home(pg_server, tmp_path_factory):
    """The seeds in a PostgreSQL store, indexed. Read-only (another database to change it)."""
    home = configured_home(tmp_path_factory.mktemp("pg_seeded") / "kb", {"store": pg_server.new_database()})
    with KnowledgeBase(home) as kb:
        assert all(result.ok for result in kb.ingest([CORPUS]))
    return home


@pytest.fixture(scope="session")
def pg_seeded_kb(pg_seeded_home):
    with KnowledgeBase(pg_seeded_home) as kb:
        yield kb


@pytest.fixture(scope="session")
def milvus_home(seeded_home, tmp_path_factory):
    """The seeds in a KB whose indexes are in Milvus Lite (a file in the KB folder); the
    seeded KB's embedding cache is copied in, so nothing is embedded twice."""
    if importlib.util.find_spec("pymilvus") is None or importlib.util.find_spec("milvus_lite") is None:
        pytest.skip("Milvus Lite is not installed here: pip install -r requirements-milvus.txt")
    home = configured_home(tmp_path_factory.mktemp("milvus") / "kb", {"index_backend": "milvus-lite:milvus.db"},
                           seeded_home)
    with KnowledgeBase(home) as kb:
        kb.ingest([CORPUS])
    return home


@pytest.fixture(scope="session")
def milvus_kb(milvus_home):
    with KnowledgeBase(milvus_home) as kb:
        yield kb


BACKEND_FIXTURES = {"sqlite": "seeded_kb", "postgresql": "pg_seeded_kb", "milvus-lite": "milvus_kb"}


@pytest.fixture(params=list(BACKEND_FIXTURES))
def backend_kb(request):
    """The seeded KB in each store and on each index backend (read-only): the search and ask
    tests run on all three."""
    return request.getfixturevalue(BACKEND_FIXTURES[request.param])


@pytest.fixture(params=["sqlite", "postgresql"])
def writable_kb(request, seeded_home, tmp_path):
    """A private KB of the seeds to change, in a SQLite file and in a PostgreSQL database."""
    if request.param == "sqlite":
        home = tmp_path / "kb"
        shutil.copytree(seeded_home, home)
    else:
        home = configured_home(tmp_path / "kb", {"store": request.getfixturevalue("pg_address")}, seeded_home)
    with KnowledgeBase(home) as opened:
        if request.param == "postgresql":
            opened.ingest([CORPUS])
        yield opened

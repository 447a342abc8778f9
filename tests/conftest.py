"""Fixtures several test files share: one KB of the five seed notices per test session, and
the same KB on each index backend (the embedded files, Milvus Lite)."""
import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from kb import KnowledgeBase

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


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


INDEX_BACKENDS = ["embedded", "milvus-lite"]


@pytest.fixture(scope="session")
def milvus_home(seeded_home, tmp_path_factory):
    """The seeds in a KB whose indexes are in Milvus Lite (a file in the KB folder); the
    seeded KB's embedding cache is copied in, so nothing is embedded twice."""
    if importlib.util.find_spec("pymilvus") is None or importlib.util.find_spec("milvus_lite") is None:
        pytest.skip("Milvus Lite is not installed here: pip install -r requirements-milvus.txt")
    home = tmp_path_factory.mktemp("milvus") / "kb"
    (home / "index").mkdir(parents=True)
    shutil.copy(seeded_home / "index" / "embeddings.sqlite", home / "index" / "embeddings.sqlite")
    (home / "config.json").write_text(json.dumps({"index_backend": "milvus-lite:milvus.db"}), encoding="utf-8")
    with KnowledgeBase(home) as kb:
        kb.ingest([CORPUS])
    return home


@pytest.fixture(scope="session")
def milvus_kb(milvus_home):
    with KnowledgeBase(milvus_home) as kb:
        yield kb


@pytest.fixture(params=INDEX_BACKENDS)
def backend_kb(request):
    """The seeded KB on each index backend (read-only): the search and ask tests run on both."""
    return request.getfixturevalue("seeded_kb" if request.param == "embedded" else "milvus_kb")

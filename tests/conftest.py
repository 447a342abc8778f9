"""Fixtures several test files share: one KB of the five seed notices per test session; and
a KB_HOME in a temporary folder for every test, so nothing writes ./kb_data in the checkout."""
import os
from pathlib import Path

import pytest

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

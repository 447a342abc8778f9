"""Fixtures several test files share: one KB of the five seed notices per test session."""
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

"""A process that only reads (`kb search`, `kb ask`, `kb docs`, `kb tasks`) opens the KB with
`reader=True`: it maps SQLite's shared-memory index read-only (so after a killed writer not even
kb.sqlite-shm changes: tests/test_writers.py hashes the folder around such a reader), and it
refuses to write, since SQLite's read-only mapping would refuse the commits anyway."""
import shutil

import pytest

from kb import InvalidInput, KnowledgeBase
from tests.conftest import CORPUS


def test_a_reader_process_reads_and_refuses_to_write(seeded_home, tmp_path):
    home = tmp_path / "kb"
    shutil.copytree(seeded_home, home)
    with KnowledgeBase(home, reader=True) as kb:
        assert kb.search("消防", k=3) and kb.tasks(limit=1)
        with pytest.raises(InvalidInput, match="只用于查询"):
            kb.ingest([CORPUS])
        with pytest.raises(InvalidInput, match="只用于查询"):
            kb.remove(kb.documents()[0]["doc_id"])


def test_a_writer_beside_a_reader_in_another_object_still_commits(seeded_home, tmp_path):
    """The app's process both reads and writes: its KB is not a reader process, and its writes
    (and a login's) commit while its reader connection is open."""
    home = tmp_path / "kb"
    shutil.copytree(seeded_home, home)
    note = tmp_path / "n.txt"
    note.write_text("关于开展夏季防汛检查的通知\n\n一、开展汛前检查，2027年6月底前完成。（县水利局牵头）\n", encoding="utf-8")
    with KnowledgeBase(home) as kb:
        assert kb.search("消防", k=1)
        assert kb.ingest([note])[0].ok

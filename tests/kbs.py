"""A small real knowledge base of our own invented texts, for the answer tests: the texts written
to a folder, ingested into a fresh KB."""
from contextlib import contextmanager

from kb import KnowledgeBase


@contextmanager
def kb_of(tmp_path_factory, texts: dict[str, str]):
    """{file name: text} -> an open KnowledgeBase holding them."""
    folder = tmp_path_factory.mktemp("docs")
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    with KnowledgeBase(tmp_path_factory.mktemp("kb")) as built:
        built.ingest([folder])
        yield built

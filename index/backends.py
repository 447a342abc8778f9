"""The backends by name: one factory for keyword indexes (whoosh, tantivy, milvus) and one for
vector indexes (a faiss file, or a Milvus collection). The only module that knows them all;
each backend imports the shared keyword types (``index.keyword_base``) and nothing of the others.
"""
from __future__ import annotations

import os
from pathlib import Path

from index.keyword import KEYWORD_BACKENDS
from index.keyword_base import KeywordIndex, NoKeywordIndex
from index.milvus import MilvusKeywordIndex, MilvusVectorIndex, client, collection_name
from index.vector import VectorIndex


def keyword_index_exists(backend: str, path: Path, server: str = "") -> bool:
    if backend == "milvus":
        return client(server).has_collection(collection_name(path))
    if backend == "whoosh":
        from whoosh import index as wi
        return Path(path).is_dir() and wi.exists_in(str(path))
    if backend == "tantivy":
        import tantivy
        return Path(path).is_dir() and tantivy.Index.exists(str(path))
    return False


def open_keyword_index(backend: str, path: Path, writable: bool = False, server: str = "") -> KeywordIndex:
    """The index at ``path`` (a collection named after it on the Milvus ``server`` for backend
    "milvus"), created if ``writable``; a reader of an index never committed gets an empty one."""
    if not writable and not keyword_index_exists(backend, path, server):
        return NoKeywordIndex(path)
    if backend == "milvus":
        return MilvusKeywordIndex(path, writable, server)
    return KEYWORD_BACKENDS[backend](path, writable)


def open_vector_index(path: str | os.PathLike, dim: int, server: str = ""):
    """The faiss file at ``path``, or a Milvus collection named after it on ``server``."""
    if server:
        return MilvusVectorIndex.open(path, dim, server)
    return VectorIndex.open(path, dim)

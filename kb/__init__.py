"""policykb: a knowledge base over Chinese work-safety policy notices.

``from kb import KnowledgeBase`` is resolved lazily so that ``ingest`` can use
``kb.models`` and ``kb.errors`` without importing the whole knowledge base.
"""

__all__ = ["KnowledgeBase", "IngestResult"]


def __getattr__(name: str):
    if name in __all__:
        from kb import base
        return getattr(base, name)
    raise AttributeError(f"module 'kb' has no attribute {name!r}")

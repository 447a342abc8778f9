"""policykb: a knowledge base over Chinese work-safety policy notices."""
from kb.base import IngestResult, KnowledgeBase

__all__ = ["KnowledgeBase", "IngestResult"]

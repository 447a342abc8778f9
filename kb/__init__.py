"""policykb: a knowledge base over Chinese work-safety policy notices and regulations.

The public API: ``KnowledgeBase`` and what its methods take and return. The CLI (``kb.cli``)
and the app (``app.py``) import only from here (the app also takes its pages and helpers from
``kb.ui``, ``kb.ui_upload``, ``kb.ui_common``, ``kb.ui_pages`` and ``kb.ui_tasks``).
"""
from ingest import vocab
from ingest.models import Document, Passage, Task
from kb.base import KnowledgeBase
from kb.errors import (DocumentNotFound, IndexMismatch, IndexUnavailable, InvalidInput, KBError,
                       WriterBusy)
from kb.indexer import IndexLag
from kb.intake import IngestResult, collect_files
from kb.export import FORMATS as EXPORT_FORMATS
from kb.models import Answer, AnswerGroup, Citation, Hit

__all__ = [
    "Answer", "AnswerGroup", "Citation", "Document", "DocumentNotFound", "EXPORT_FORMATS", "Hit",
    "IndexLag", "IndexMismatch", "IndexUnavailable", "IngestResult", "InvalidInput", "KBError",
    "KnowledgeBase", "Passage", "Task", "WriterBusy", "collect_files", "vocab",
]

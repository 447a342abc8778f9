"""policykb: a knowledge base over Chinese work-safety policy notices and regulations.

The public API: ``KnowledgeBase`` and what its methods take and return. The CLI (``kb.cli``)
and the app (``app.py``) import only from here (the app also takes its pages and helpers from
``kb.app``). Inside, a folder per concern: ``store``, ``indexes``, ``answers``, ``tables``, ``accounts``,
``app``.
"""
from ingest import vocab
from ingest.models import Document, Passage, Task
from ingest.task_confidence import DOUBTFUL_BELOW
from kb.accounts.audit import action_label, audit_csv
from kb.accounts.roles import ROLE_LABELS, ROLES, Actor, local_user
from kb.accounts.users import Accounts
from kb.base import KnowledgeBase
from kb.errors import (
    DocumentNotFound,
    IndexMismatch,
    IndexUnavailable,
    InvalidInput,
    KBError,
    LoginFailed,
    PermissionDenied,
    WriterBusy,
)
from kb.indexes.reader import IndexLag
from kb.intake import IngestResult, collect_files
from kb.models import Answer, AnswerGroup, Citation, Hit
from kb.review.changes import Add, Confirm, Edit, Hide, Merge, Restore, Split
from kb.review.gold import export_gold
from kb.review.table_import import Plan, apply_plan, deadline_values
from kb.tables.export import FORMATS as EXPORT_FORMATS

__all__ = [
    "Accounts", "Actor", "LoginFailed", "PermissionDenied", "ROLES", "ROLE_LABELS", "action_label", "audit_csv",
    "local_user",
    "Answer", "AnswerGroup", "Citation", "DOUBTFUL_BELOW", "Document", "DocumentNotFound", "EXPORT_FORMATS", "Hit",
    "IndexLag", "IndexMismatch", "IndexUnavailable", "IngestResult", "InvalidInput", "KBError",
    "KnowledgeBase", "Passage", "Task", "WriterBusy", "collect_files", "vocab",
    "Add", "Confirm", "Edit", "Hide", "Merge", "Plan", "Restore", "Split", "apply_plan", "deadline_values",
    "export_gold",
]

"""The errors users see. Each message says what went wrong and what to do about it.

``ingest`` and ``index`` have error families of their own (they import nothing from ``kb``);
``KnowledgeBase`` reports a file that cannot be read as an ``IngestResult`` with status
"error", and turns an index error into ``IndexMismatch`` or ``IndexUnavailable`` here.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from index import errors as index_errors


class KBError(Exception):
    """Base class of every error policykb raises on purpose. The CLI prints it and exits 1;
    the app shows it in an error box."""


class InvalidInput(KBError):
    """A value the user gave (a filter, a date, a role, a format) is not one we can use."""


class DocumentNotFound(KBError):
    pass


class IndexMismatch(KBError):
    """The KB was built with other settings (e.g. another embedder) than the ones in use."""


class IndexUnavailable(KBError):
    """An index cannot be used: a damaged file, or an embedder that cannot be made here."""


class IndexesElsewhere(KBError):
    """A shared store's indexes were built in another KB home than this process's (another
    machine): their files are not here."""


class WriterBusy(KBError):
    """Another import (or remove, reindex, sync) held the KB's write lock for longer than the
    configured wait."""


@contextmanager
def as_kb_errors() -> Iterator[None]:
    """Re-raise an index error as the KBError that says the same."""
    try:
        yield
    except index_errors.IndexMismatch as exc:
        raise IndexMismatch(str(exc)) from exc
    except index_errors.SearchIndexError as exc:
        raise IndexUnavailable(str(exc)) from exc


class PermissionDenied(KBError):
    """The person's role does not allow the action (checked by the KB, whatever the app shows)."""


class LoginFailed(KBError):
    """A wrong name or password, or an account locked after repeated failures."""

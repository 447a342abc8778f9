"""Errors of the indexes. ``kb`` turns them into the ``KBError`` family that users see; the
messages already say what to do (usually: run `kb reindex`)."""


class SearchIndexError(Exception):
    """Base class of every error ``index`` raises on purpose."""


class IndexDamaged(SearchIndexError):
    """An index file cannot be read."""


class IndexMismatch(SearchIndexError):
    """An index was built with other settings (e.g. vectors of another size) than the ones in use."""


class EmbedderUnavailable(SearchIndexError):
    """The configured embedder cannot be made here (unknown name, package or model missing)."""


class IndexLocked(SearchIndexError):
    """The backend's own writer lock is held by another program."""

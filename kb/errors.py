"""Named errors. Each message says what went wrong with which file and what to do about it."""


class KBError(Exception):
    """Base class of every error policykb raises on purpose."""


class ReadError(KBError):
    """A file could not be turned into text."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class UnsupportedFormat(ReadError):
    pass


class EmptyDocument(ReadError):
    pass


class ScannedPDF(ReadError):
    pass


class DocumentNotFound(KBError):
    pass


class IndexMismatch(KBError):
    """The KB was built with other settings (e.g. another embedder) than the ones in use."""

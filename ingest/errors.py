"""Errors of reading and parsing a file. Each message names the file and says, in Chinese with
enough English to be clear, what is wrong and what the user can do about it.

``kb`` turns these into an ``IngestResult`` with status "error" (a batch goes on); code that
calls ``ingest`` directly catches ``IngestError``.
"""


class IngestError(Exception):
    """Base class of every error ``ingest`` raises on purpose."""


class ReadError(IngestError):
    """A file could not be turned into text."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):
        # raised in a worker process, it is pickled back to the parent: rebuilt from its own fields
        return self.__class__, (self.path, self.reason)


class UnsupportedFormat(ReadError):
    pass


class EmptyDocument(ReadError):
    pass


class ScannedPDF(ReadError):
    pass


class OcrUnavailable(ReadError):
    """A scan or a photo arrived and the optional OCR packages are not installed."""


class ConverterUnavailable(ReadError):
    """A format read through another program (LibreOffice for .doc/.wps) that is not installed."""

"""The one family of errors the workbook raises, each carrying the sentence a parent reads.

Callers catch :class:`WorkbookError` and show ``error.sentence``: what was wrong, with
which value or file, and what to do.  The subclasses say where it went wrong, for the few
callers that act differently on one (a workbook that cannot be saved turns the window
read-only; a record that is not valid keeps its form open with each problem beside its
field).  Plain Python with no imports, so every layer may raise them.
"""

from __future__ import annotations


class WorkbookError(Exception):
    """Something the person asked for cannot be done; the message says why and what to do."""

    @property
    def sentence(self) -> str:
        """The one sentence shown to the parent (on the screen, or on stderr with exit 2)."""
        return str(self)


class StorageError(WorkbookError):
    """A workbook could not be opened, read or saved; the message says what to do."""


class ValidationError(WorkbookError, ValueError):
    """A record or a value given is not valid; the message names the field and the value.

    Also a ``ValueError``, as the checks of values have always been.
    """


class FilesError(WorkbookError):
    """A file or folder beside the records could not be read or written: an attached file,
    an export, a bundle, a letter.  The message names it and says why; nothing is left
    half-written."""

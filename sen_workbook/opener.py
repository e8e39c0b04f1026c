"""Opening a file with the computer's own program for it, and copies made for opening.

A parent opens an attached report or an exported bundle with whatever their computer
uses for that kind of file: ``os.startfile`` on Windows, ``open`` on macOS and
``xdg-open`` elsewhere.  A stored attachment is never handed to another program where it
lies (its name there is its SHA-256, with no extension to choose a program by, and a
program could change it): a copy is made in a private temporary folder under a name
that keeps the file's extension.  When no opener exists, the error says where the file
is, so the parent can open it themselves.

No terminal is involved here; the app calls these and shows the sentences.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from sen_workbook.bundle import portable_name
from sen_workbook.errors import FilesError
from sen_workbook.files import write_new_file
from sen_workbook.model import excerpt

__all__ = ["OpenerError", "open_with_system", "private_copy", "safe_file_name"]


class OpenerError(FilesError):
    """The file could not be opened; the message names the file and what to do."""


def safe_file_name(name: str, fallback: str = "file") -> str:
    """``name`` (data typed or kept by the family) made safe as one file name.

    Accents are folded, anything but letters, digits, dots, dashes and underscores
    becomes a dash, and the extension is kept so the opener knows the kind of file.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem, dot, extension = folded.rpartition(".")
    if not dot or not stem.strip():
        stem, extension = folded, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_.")[:80] or fallback
    extension = re.sub(r"[^A-Za-z0-9]", "", extension)[:10]
    # Windows refuses its device names (CON, NUL.txt, com1.pdf) on every folder.
    return portable_name(f"{stem}.{extension}" if extension else stem, fallback)


def private_copy(data: bytes, filename: str, folder: Path | None = None) -> Path:
    """Write ``data`` to a new private folder (0700) as a file (0600) named like ``filename``.

    ``folder`` is where the private folder is made (the system's temporary folder by
    default).  Each copy gets a folder of its own, so two files of the same name never
    meet and nothing else can read them.
    """
    try:
        holder = Path(tempfile.mkdtemp(prefix="sen-workbook-open-", dir=folder))
        target = holder / safe_file_name(filename)
        write_new_file(target, data)
    except OSError as error:
        raise FilesError(
            f"Could not make a private copy of {excerpt(filename)} to open: "
            f"{error.strerror or error}."
        ) from error
    return target


def _platform() -> str:
    """``win32``, ``darwin`` or another platform name, as ``sys.platform`` says."""
    return sys.platform


def _launch(command: list[str]) -> subprocess.Popen[bytes]:
    """Start an opener without waiting, detached from the app's terminal."""
    return subprocess.Popen(  # noqa: S603 (a fixed program, the path as one argument)
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def open_with_system(path: Path) -> subprocess.Popen[bytes] | None:
    """Ask the computer to open ``path`` with its usual program for that kind of file.

    Raises :class:`OpenerError` with a sentence naming ``path`` when there is no opener
    or it could not be started; the file itself is never changed.  Returns the opener's
    process where there is one (``open``, ``xdg-open``), for :func:`opener_refused`.
    """
    path = Path(path)
    if not path.exists():
        raise OpenerError(f"There is no file at {path} to open.")
    platform = _platform()
    try:
        if platform == "win32":
            os.startfile(str(path))  # type: ignore[attr-defined]  # Windows only
            return None
        program = "open" if platform == "darwin" else "xdg-open"
        found = shutil.which(program)
        if found is None:
            raise OpenerError(
                f"This computer has no program to open files with ({program} was not "
                f"found). The file is at {path}: open it from your file manager."
            )
        return _launch([found, str(path)])
    except OpenerError:
        raise
    except (OSError, AttributeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise OpenerError(
            f"The file could not be opened ({reason}). It is at {path}: open it from "
            "your file manager."
        ) from error


def opener_refused(
    process: subprocess.Popen[bytes] | None, path: Path, seconds: float = 5.0
) -> str | None:
    """Why the opener started for ``path`` opened nothing, or None when it did (or is
    still at it after ``seconds``).

    ``xdg-open`` and ``open`` end at once with an error when no program on the computer
    takes that kind of file (xdg-open's 3: "no method available"); a parent would
    otherwise be told a file is opening and see nothing.
    """
    if process is None:
        return None
    try:
        code = process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return None
    if code == 0:
        return None
    kind = f"{path.suffix} files" if path.suffix else "this kind of file"
    return (
        f"No program on this computer opened {path.name}: none is set up for {kind}. "
        f"Press s to save a copy where you can find it, and open that from your file manager."
    )

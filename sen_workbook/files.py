"""Writing files so that a crash, a power cut or a full disk never leaves one half-written.

The one place in the product that writes a file: :func:`atomic_write` (a temporary file
beside the target, fsynced, renamed over it, the folder fsynced), :func:`ensure_folder`
(folders 0700), :func:`write_folder` (a whole folder, such as an evidence bundle, assembled
privately beside its destination and renamed into place once every file is on the disk),
and what they need of each operating system.  The workbook's storage, the settings and
every export use these; nothing here knows about records.

Files are created 0600 and folders 0700: the data describe a child's health and education.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from sen_workbook.errors import StorageError

FILE_MODE = 0o600
FOLDER_MODE = 0o700


# --- the operating system ----------------------------------------------------------------
#
# Saving safely asks different things of each system.  Which system this is, is decided
# here only, from one answer, so that tests can make that answer "win32" or "darwin" and
# run those branches on Linux, with the system calls behaving as they do there:
#
# - folder fsync (POSIX only): after a rename the folder is opened and fsynced so the new
#   name survives a power cut.  Windows cannot open a folder with ``os.open``; NTFS
#   journals the rename itself.
# - file sync: ``fsync`` on Linux and Windows (where it is ``FlushFileBuffers``); on macOS
#   ``fsync`` leaves the data in the drive's cache and ``fcntl(F_FULLFSYNC)`` reaches the
#   disk (as SQLite does), with ``fsync`` when the file system refuses it.
# - modes (POSIX only): files 0600 and folders 0700.  On Windows ``chmod`` only sets the
#   read-only flag, and ``os.fchmod`` is missing before Python 3.13; the files are private
#   because they live in the user's own profile folder, whose access list admits only them.
# - replacing a file: on Windows another program (an antivirus scanner, a cloud-sync
#   client) may hold the file open for a moment, and ``os.replace`` then fails with a
#   sharing violation; it is tried again for about a second and a half.
# - syncing many new files at once: Linux's ``sync`` waits for the disk; Windows has none
#   and macOS's returns before the disk has the data, so there each file is synced.
# - the writer lock: ``flock`` on POSIX, the ``filelock`` package (``msvcrt`` locking) on
#   Windows.

PLATFORM: str = sys.platform

# Windows' answers when another program has the file open: access denied, sharing
# violation, lock violation.
_HELD_OPEN = frozenset({5, 32, 33})
# Pauses between tries of a replace that another program blocks (about 1.5 s in all).
REPLACE_WAITS: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4, 0.8)


def _windows() -> bool:
    return PLATFORM == "win32"


def has_file_modes() -> bool:
    """Whether files and folders carry POSIX permission bits (Linux and macOS, not Windows)."""
    return not _windows()


class FileHeldError(StorageError, PermissionError):
    """A file could not be replaced because another program kept it open (Windows).

    An ``OSError`` (as the failed rename was) whose ``strerror`` says why in words a parent
    can act on, and a :class:`StorageError` so that the command line and the app show it.
    """

    def __init__(self, path: str | os.PathLike[str]):
        PermissionError.__init__(
            self,
            errno.EACCES,
            "another program (an antivirus scanner or a cloud-sync client, for example) "
            "is holding it open, or it is marked read-only",
            str(path),
        )

    def __str__(self) -> str:
        return (
            f"{self.filename} could not be replaced because {self.strerror}; close that "
            "program or wait a moment, then try again."
        )


def make_private(
    path: str | os.PathLike[str], mode: int = FILE_MODE, *, fd: int | None = None
) -> None:
    """Give a file 0600 (or a folder ``FOLDER_MODE``) where permission bits mean something.

    With ``fd`` the open file is changed (``os.fchmod``), so its data are never readable by
    others.  Nothing is done on Windows (see "the operating system" above).
    """
    if not has_file_modes():
        return
    if fd is not None:
        os.fchmod(fd, mode)
    else:
        os.chmod(path, mode)


def sync_file(fd: int) -> None:
    """Flush an open file (or folder) to the disk itself, not only to the drive's cache."""
    if PLATFORM == "darwin":
        import fcntl

        full = getattr(fcntl, "F_FULLFSYNC", None)
        if full is not None:
            try:
                fcntl.fcntl(fd, full)
                return
            except OSError:
                pass  # not every file system takes it (network shares, some USB drives)
    os.fsync(fd)


def replace_file(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """``os.replace``, tried again for a moment on Windows while another program holds a file.

    Raises :class:`FileHeldError` if the file stays held; any other failure as it came.
    """
    waits = iter(REPLACE_WAITS)
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError as error:
            if not _windows() or getattr(error, "winerror", None) not in _HELD_OPEN:
                raise
            wait = next(waits, None)
            if wait is None:
                raise FileHeldError(target) from error
            time.sleep(wait)


# --- files -------------------------------------------------------------------------------


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) if needed; folders this program creates are 0700."""
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        path.mkdir(mode=FOLDER_MODE, exist_ok=True)
        make_private(path, FOLDER_MODE)


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (POSIX; Windows cannot open a folder)."""
    if _windows():
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        sync_file(fd)
    finally:
        os.close(fd)


def write_new_file(path: Path, data: bytes) -> None:
    """Create ``path``, which must not exist yet, holding ``data`` (0600), not yet synced.

    For the files of a private staging folder that is renamed into place whole once they
    are all durable (:func:`sync_new_files`): each needs no rename of its own.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def sync_new_files(paths: Iterable[Path]) -> None:
    """Make files written by :func:`write_new_file` durable, together.

    Linux's ``sync`` does it for all of them at once and waits for the disk.  Windows has
    no ``sync`` and macOS's returns before the data are on the disk, so there each file is
    opened again and fsynced; on macOS that leaves them in the drive's cache, which the
    last file's ``F_FULLFSYNC`` then empties for all of them at once.
    """
    if PLATFORM.startswith("linux"):
        os.sync()
        return
    paths = list(paths)
    for number, path in enumerate(paths, 1):
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows syncs writers only
        try:
            if number == len(paths):
                sync_file(fd)
            else:
                os.fsync(fd)
        finally:
            os.close(fd)


def temp_prefix(target: Path) -> str:
    """The start of a temporary file or folder's name made beside ``target``.

    A dot, then at most the first 100 bytes of the target's name (whole characters), so
    a name near the system's limit of 255 bytes still leaves room for the random part.
    """
    name = target.name.encode("utf-8")[:100].decode("utf-8", "ignore")
    return f".{name}."


def temp_name_pattern(target: Path) -> re.Pattern[str]:
    """Names of the temporary files :func:`atomic_write` may leave behind for ``target``."""
    return re.compile(rf"^{re.escape(temp_prefix(target))}[A-Za-z0-9_]+\.tmp$")


def atomic_write(target: Path, data: bytes | Iterable[bytes], *, sync_folder: bool = True) -> None:
    """Replace ``target`` with ``data`` so that a crash leaves the old or the new file.

    The one place in the product that writes a file: temp file in the same folder (0600),
    write, flush, fsync (``F_FULLFSYNC`` on macOS), ``os.replace`` (tried again for a
    moment on Windows if another program holds the file), fsync of the folder (POSIX).  On
    any failure before the rename the temp file is removed and ``target`` is untouched.

    When many files go into one folder, ``sync_folder=False`` leaves the folder's sync to
    the caller, once.  The file then gets a plain ``fsync`` even on macOS: the folder's
    ``F_FULLFSYNC`` empties the drive's cache for all of them together.  Such files must be
    ones nothing refers to until a later full sync (attachments stored by their SHA-256,
    which a record names only in a save made after them).
    """
    target = Path(target)
    folder = target.parent
    import tempfile  # here, not at the top: reading a workbook needs none of it

    fd, temp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=folder)
    try:
        make_private(temp, fd=fd)  # mkstemp makes it 0600 already; this says so for certain
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, (bytes, bytearray, memoryview)):
                handle.write(data)
            else:
                handle.writelines(data)  # pieces of a large file, without joining them first
            handle.flush()
            if sync_folder:
                sync_file(handle.fileno())
            else:
                os.fsync(handle.fileno())
        replace_file(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    if sync_folder:
        fsync_folder(folder)


def remove_stale_temp_files(target: Path) -> int:
    """Remove temp files left by a save that was killed; only safe while holding the lock."""
    pattern = temp_name_pattern(target)
    removed = 0
    for path in target.parent.iterdir():
        if pattern.match(path.name):
            try:
                path.unlink()
                removed += 1
            except FileNotFoundError:
                pass
    return removed


def sha256_bytes(data: bytes) -> str:
    """The SHA-256 of ``data`` in lowercase hex: how attachments are named and checked."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def write_folder(
    target: Path,
    files: Mapping[str, bytes],
    *,
    progress: Callable[[int, int, str], None] | None = None,
) -> None:
    """Write ``files`` (relative name to bytes) as the folder ``target``, all or nothing.

    The folder is assembled in a private staging folder beside ``target`` and renamed
    into place only when every file is on the disk, so a crash or a full disk leaves the
    earlier folder (or none) and never a half-written one.  A folder already at
    ``target`` is replaced whole; the caller decides whether it may be.
    """
    import shutil
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix=temp_prefix(target), suffix=".tmp", dir=target.parent))
    try:
        make_private(staging, FOLDER_MODE)
        total = len(files)
        # The staging folder is private and renamed into place only when complete, so its
        # files need no rename of their own; they are synced once, together.
        folders = {staging}
        written = []
        for number, (name, content) in enumerate(sorted(files.items()), 1):
            path = staging / name
            if path.parent not in folders:
                ensure_folder(path.parent)
                folders.add(path.parent)
            write_new_file(path, content)
            written.append(path)
            if progress:
                progress(number, total, name)
        sync_new_files(written)  # every file on disk before the folder takes its name
        for folder in folders:
            fsync_folder(folder)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=temp_prefix(target) + "old.", dir=target.parent))
            replace_file(target, old / "bundle")
            replace_file(staging, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            replace_file(staging, target)
        fsync_folder(target.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise

"""Storage that cannot lose a record: atomic writes, one writer, daily backups, migrations.

TinyDB's own ``JSONStorage`` rewrites the file in place, so a crash mid-write leaves a torn
file.  :class:`AtomicJSONStorage` serialises first, writes a temporary file in the same
folder, flushes and fsyncs it, renames it over the database with ``os.replace`` and fsyncs
the folder: after a crash the file holds either the last completed save or the one before.

Only one process may write a workbook: :class:`WriterLock` takes an exclusive lock on a
separate, permanent ``<db>.lock`` file.  A second process opens the workbook read-only.

Files are created 0600 and folders 0700: the data describe a child's health and education.

The same guarantees hold on Linux, macOS and Windows, though each asks different calls of
the system; :mod:`sen_workbook.files` writes every file and is the one place that says
which system this is (``files.PLATFORM``).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring as _encode_string
from pathlib import Path
from typing import Any, NamedTuple

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from sen_workbook import model
from sen_workbook.errors import StorageError
from sen_workbook.files import (
    FILE_MODE,
    FOLDER_MODE,
    _windows,
    atomic_write,
    ensure_folder,
    make_private,
)
from sen_workbook.model import FORMAT

BACKUPS_KEPT = 30
TABLES = ("meta", "children", "entries", "trash")
META_KEY = "workbook"


class ReadOnlyError(StorageError):
    """A change was attempted on a workbook opened read-only."""


class WorkbookFileError(StorageError):
    """The file is not a workbook this version can open; it has been left untouched."""


class WorkbookChangedError(StorageError):
    """The file on disk is not the one this process last read or wrote, so a save was
    refused rather than written over someone else's records."""


class LockLostError(StorageError):
    """The lock file this process held was removed or replaced, and another process
    now holds the workbook; the save was refused and the workbook is read-only here."""


# One encoder, made once: json.dumps with these options builds a new one at every call,
# which is a third of the time for a small record.
_COMPACT = json.JSONEncoder(allow_nan=False, ensure_ascii=False, separators=(",", ":"))


def serialise(data: Any, *, indent: int | None = None) -> bytes:
    """JSON bytes, refusing NaN and infinities so the file is always standard JSON."""
    if indent is None:
        text = _COMPACT.encode(data)
    else:
        text = json.dumps(data, allow_nan=False, ensure_ascii=False, indent=indent)
    return text.encode("utf-8")


def _serialise_key(key: str) -> bytes:
    """A record's key as a JSON string, as json.dumps writes it."""
    return _encode_string(key).encode("utf-8")


def _record_encoder() -> Callable[[Any, int], Any] | None:
    """The C encoder behind ``_COMPACT``, made once, or None where there is none.

    ``JSONEncoder.encode`` makes a new one for every call; for a workbook's many small
    records that is a sixth of serialising them.  The ``markers`` dict, which catches a
    record that contains itself, is emptied again by the encoder as it leaves each list or
    object, so one can serve every record (it is cleared after a refusal, see
    :func:`_serialise_record`).
    """
    from json import encoder

    # Not in typeshed's json.encoder, being the C speedup it falls back from.
    make = getattr(encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - an interpreter without json's C speedups
        return None
    return make(
        _MARKERS,
        _COMPACT.default,
        encoder.encode_basestring,  # ensure_ascii=False, as _COMPACT
        None,
        ":",
        ",",
        False,
        False,
        False,  # allow_nan=False: NaN and infinities are refused
    )


_MARKERS: dict[int, Any] = {}
_ENCODE_RECORD = _record_encoder()


def _serialise_record(key: str, record: Any) -> bytes:
    """``"key":{...}``, one record of a table as :func:`serialise` writes it."""
    if _ENCODE_RECORD is None:  # pragma: no cover
        return _serialise_key(key) + b":" + serialise(record)
    try:
        text = "".join(_ENCODE_RECORD({key: record}, 0))
    except BaseException:
        _MARKERS.clear()
        raise
    return text[1:-1].encode("utf-8")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a workbook")


# From this size on, JSON is read by msgspec's reader, written in C: it makes the same
# objects in about half the steps of the standard one (17,000 machine instructions an
# entry against 35,000), but loading it takes as many as reading 4,000 entries saves, so
# a smaller file (most families' workbooks) is read by the standard reader alone.
QUICK_READER_FROM = 4 * 1024 * 1024
_NOT_READ = object()


def parse_json(data: bytes) -> Any:
    """Parse standard JSON strictly (no NaN or Infinity).

    JSON nested deeper than Python can follow (thousands of brackets) is refused as a
    ``ValueError`` like any other bad JSON, rather than stopping the program.  A large
    file is read by the quicker reader (:data:`QUICK_READER_FROM`); whatever that one
    refuses is read again by the standard one, so a file is accepted or refused, and
    read, the same at any size.  Each reader follows nesting as deep as the stack left
    to it allows, which is not quite the same depth for the two: what the standard one
    cannot follow is given to the quicker one too, so a file nested about that deep is
    also read the same at any size.
    """
    if len(data) >= QUICK_READER_FROM:
        parsed = _read_quickly(data)
        if parsed is not _NOT_READ:
            return parsed
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except RecursionError:
        pass
    parsed = _read_quickly(data) if len(data) < QUICK_READER_FROM else _NOT_READ
    if parsed is _NOT_READ:
        raise ValueError("the JSON is nested too deeply to be a workbook")
    return parsed


def _quick_reader() -> Any:
    """msgspec's JSON reader, loaded (here, not at the top: see QUICK_READER_FROM).

    msgspec takes ``get_type_hints`` from ``typing_extensions`` when that is installed,
    for reading into declared types, and else from ``typing`` (its own fallback):
    loading ``typing_extensions`` loads ``inspect``, ``ast``, ``dis`` and ``tokenize``,
    half the time of loading msgspec (some 8 ms of processor time), for nothing here,
    where JSON is read into plain dicts and lists.  So when nothing has loaded it yet,
    msgspec is loaded as on a computer without it.  Only with no other thread running:
    another thread loading ``typing_extensions`` meanwhile would be refused it."""
    if "msgspec.json" in sys.modules or "typing_extensions" in sys.modules:
        import msgspec.json
    else:
        threading = sys.modules.get("threading")
        if threading is not None and threading.active_count() > 1:
            import msgspec.json
        else:
            sys.modules["typing_extensions"] = None  # type: ignore[assignment]
            try:
                import msgspec.json
            finally:
                if sys.modules.get("typing_extensions", False) is None:
                    del sys.modules["typing_extensions"]
    return msgspec.json


def _read_quickly(data: bytes) -> Any:
    """``data`` read by msgspec, or ``_NOT_READ`` where it refuses: not JSON, nested too
    deeply, or what the standard reader accepts and it does not (a number too large
    for a float, half of a UTF-16 pair), which is left to the standard reader.  Also
    ``_NOT_READ`` on a computer msgspec is not installed on (it has no ready-made copy for
    every kind of computer, see pyproject.toml): the standard reader reads the same."""
    try:
        msgspec_json = _quick_reader()
    except ImportError:
        return _NOT_READ

    try:
        return msgspec_json.decode(data)
    except (ValueError, RecursionError):  # msgspec.DecodeError is a ValueError
        return _NOT_READ


# --- backups -----------------------------------------------------------------------------


def backups_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backup_files(db_path: Path) -> list[Path]:
    """This workbook's backups, oldest first."""
    folder = backups_folder(db_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(
        rf"^{re.escape(db_path.stem)}-\d{{4}}-\d{{2}}-\d{{2}}(-[a-z0-9-]+)?\.json$"
    )
    found = [p for p in folder.iterdir() if pattern.match(p.name)]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def newest_backup(db_path: Path) -> Path | None:
    found = backup_files(db_path)
    return found[-1] if found else None


def backup_path(db_path: Path, day: _dt.date, label: str = "") -> Path:
    """Where the backup of ``db_path`` made on ``day`` goes: ``backups/<stem>-<day>[-label].json``."""
    suffix = f"-{label}" if label else ""
    return backups_folder(db_path) / f"{db_path.stem}-{day.isoformat()}{suffix}.json"


def make_backup(db_path: Path, day: _dt.date, label: str = "") -> Path | None:
    """Copy the database into ``backups/<stem>-<day>[-label].json``; keep the newest 30."""
    if not db_path.exists():
        return None
    folder = backups_folder(db_path)
    ensure_folder(folder)
    make_private(folder, FOLDER_MODE)
    target = backup_path(db_path, day, label)
    atomic_write(target, db_path.read_bytes())
    for old in backup_files(db_path)[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


# --- the lock ----------------------------------------------------------------------------


def _same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` names the very file open as ``fd`` (same device and inode)."""
    try:
        there = os.stat(path)
    except OSError:
        return False
    here = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino) and here.st_nlink > 0


class WriterLock:
    """An exclusive lock on ``<db>.lock``, held for as long as the workbook is open.

    On Linux and macOS it is an ``flock`` on the lock file, taken without waiting; the
    system drops it when the process ends, however it ends.  Windows has no ``flock``:
    there the ``filelock`` package locks the file with ``msvcrt``, which the system also
    drops with the process.  The lock file itself stays in place on both.
    """

    def __init__(self, db_path: Path):
        self.path = Path(str(db_path) + ".lock")
        self._fd: int | None = None
        self._other: Any = None
        if _windows():
            from filelock import FileLock

            self._other = FileLock(str(self.path), timeout=0, preserve_lock_file=True)

    def acquire(self) -> bool:
        """Take the lock if it is free; ``False`` when another process holds it."""
        if self._other is not None:
            from filelock import Timeout

            try:
                self._other.acquire(timeout=0)
            except Timeout:
                return False
            make_private(self.path)
            return True
        if self._fd is not None:
            return True
        import fcntl

        # The lock is the open descriptor, but only while the file it locks is still the
        # one at the lock's path: a lock file removed between our open and our flock
        # would lock a file nobody else can see, so that case is tried again.
        for _ in range(10):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
            if _same_file(fd, self.path):
                make_private(self.path, fd=fd)
                self._fd = fd
                return True
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        return False

    def still_held(self) -> bool:
        """Whether the lock is held and the lock file at its path is still the one locked.

        If the lock file was deleted (or replaced) while the workbook was open, another
        process could have made a new one and locked it; holding the old one then keeps
        nobody out, so every save asks this first.
        """
        if self._other is not None:
            # On Windows an open file cannot be deleted, so the lock file stays the one held.
            return bool(self._other.is_locked)
        return self._fd is not None and _same_file(self._fd, self.path)

    def release(self) -> None:
        if self._other is not None:
            if self._other.is_locked:
                self._other.release(force=True)
            return
        if self._fd is not None:
            import fcntl

            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    @property
    def held(self) -> bool:
        if self._other is not None:
            return bool(self._other.is_locked)
        return self._fd is not None


# --- the TinyDB storage ------------------------------------------------------------------


class UUIDTable(Table):
    """A table keyed by the records' own UUIDs, never by TinyDB's integer ids."""

    document_id_class = str  # type: ignore[assignment]  # TinyDB types the ids as int

    def _get_next_id(self) -> str:  # pragma: no cover - every insert names its id
        raise StorageError("Every record must be stored under its own id.")


class _TableText:
    """One table's JSON text, kept as the text of each record in file order."""

    __slots__ = ("keys", "index", "records", "pieces", "_text")

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.index: dict[str, int] = {}
        self.records: list[Any] = []
        self.pieces: list[bytes] = []  # '"key":{...}' for each record
        self._text: bytes | None = None

    @classmethod
    def build(cls, table: dict[str, Any], old: _TableText | None) -> _TableText:
        known = (
            {key: (old.records[i], old.pieces[i]) for key, i in old.index.items()} if old else {}
        )
        made = cls()
        for key, record in table.items():
            found = known.get(key)
            piece = (
                found[1]
                if found is not None and found[0] is record
                else _serialise_record(key, record)
            )
            made.index[key] = len(made.keys)
            made.keys.append(key)
            made.records.append(record)
            made.pieces.append(piece)
        return made

    def replace(self, table: dict[str, Any], keys: set[str]) -> None:
        """Records replaced under keys already in the table: their place is unchanged."""
        for key in keys:
            record = table[key]
            at = self.index[key]
            if self.records[at] is not record:
                self.records[at] = record
                self.pieces[at] = _serialise_record(key, record)
        self._text = None

    def text(self) -> bytes:
        """The records' texts joined, without the braces (a long table is copied once)."""
        if self._text is None:
            self._text = b",".join(self.pieces)
        return self._text


class AtomicJSONStorage(Storage):
    """TinyDB storage that writes atomically and keeps what it last wrote.

    Keeping the last written data avoids re-reading the whole file before every query;
    that is safe because only the process holding the writer lock writes the file.  A
    read-only storage never keeps anything and always reads the file afresh.

    Saving a large workbook is dominated by turning every record into JSON, so the
    storage also keeps each record's JSON text and, when told which records changed
    (:meth:`write_changes`), serialises only those and joins the rest as they were.
    The whole file is still written, flushed, fsynced and renamed on every save.
    """

    def __init__(self, path: Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._data: dict[str, dict[str, Any]] | None = None
        # table -> its records' JSON texts, kept between saves (see _serialise)
        self._pieces: dict[str, _TableText] | None = None
        self._stamp: tuple[int, int, int] | None = None  # the file read, when read-only
        # The writer's view of the file: the stamp and SHA-256 of what it last read or
        # wrote.  A save first checks that the file on disk is still that one.
        self._written: FileStamp | None = None
        self._fingerprint = ""
        # The pieces of the last save, whose SHA-256 is worked out only if it is ever
        # needed (the file's stamp changed): hashing every save would cost a quarter of it.
        # They are the tables' texts the storage keeps anyway, so they cost no memory.
        self._written_pieces: list[bytes] = []
        # Called before every save; the workbook checks there that it still holds the lock.
        self.guard: Callable[[], None] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self.read_only:
            # Another process may be writing: read again whenever the file was replaced.
            try:
                info = self.path.stat()
                stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
            except OSError:
                stamp = None
            if self._data is None or stamp is None or stamp != self._stamp:
                self._data = load_database(self.path)
                self._stamp = stamp
            return self._data
        if self._data is None:
            self._data, self._written, self._fingerprint = read_database(self.path)
            self._pieces, self._written_pieces = None, []
        return self._data

    def prime(
        self,
        data: dict[str, dict[str, Any]],
        stamp: FileStamp | None = None,
        fingerprint: str = "",
    ) -> None:
        """Keep ``data``, just read from the file by the caller, so it is not read twice;
        ``stamp`` and ``fingerprint`` say which file it was read from."""
        self._data = data
        self._pieces = None
        self._written, self._fingerprint, self._written_pieces = stamp, fingerprint, []
        if self.read_only:
            # The stamp of the file read, not of the file there now: one saved by another
            # window while this one was checking what it read is read at the next look.
            if stamp is None:
                info = self.path.stat()
                self._stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
            else:
                self._stamp = (stamp.inode, stamp.mtime_ns, stamp.size)

    def check_unchanged(self) -> None:
        """Refuse (:class:`WorkbookChangedError`) when the file on disk is not the one this
        process last read or wrote: another program replaced or changed it meanwhile.

        The stamp is compared first (one ``stat``); only when it differs is the file read
        and its SHA-256 compared, so a file merely touched or copied back unchanged is
        still accepted.  After a refusal the file is read afresh at the next use, so a
        second try adds the change to what is on disk now.
        """
        if self._written is None:
            return
        try:
            if FileStamp.of(os.stat(self.path)) == self._written:
                return
            raw, stamp = read_file_stamped(self.path)
        except FileNotFoundError:
            self.forget()
            raise WorkbookChangedError(
                f"The workbook {self.path} was moved or deleted while it was open, so "
                "nothing was saved."
            ) from None
        except OSError as error:
            raise StorageError(
                f"Could not read the workbook {self.path} before saving: {error.strerror}. "
                "Nothing was saved."
            ) from error
        if not self._fingerprint and self._written_pieces:
            self._fingerprint = file_fingerprint(self._written_pieces)
        if file_fingerprint((raw,)) == self._fingerprint:
            self._written = stamp
            return
        self.forget()
        raise WorkbookChangedError(
            f"The workbook {self.path} was changed by another program since this window "
            "last saved it, so nothing was saved over it; what is on disk now is shown, "
            "and saving again adds your change to it."
        )

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Save ``data`` whole (every record serialised afresh)."""
        self._save(data, None)

    def write_changes(self, data: dict[str, dict[str, Any]], changed: set[tuple[str, str]]) -> None:
        """Save ``data`` where only the ``(table, key)`` records listed have changed.

        A record must be replaced by a new object to count as changed; records are never
        changed in place.  ``SEN_WORKBOOK_VERIFY_SAVES=1`` checks every save against a
        full serialisation (the tests set it).
        """
        self._save(data, changed)

    def _save(self, data: dict[str, dict[str, Any]], changed: set[tuple[str, str]] | None) -> None:
        if self.read_only:
            raise ReadOnlyError(
                f"The workbook {self.path} is open read-only, so nothing can be changed."
            )
        if self.guard is not None:
            self.guard()
        self.check_unchanged()
        try:
            payload = self._serialise(data, changed)
            if os.environ.get("SEN_WORKBOOK_VERIFY_SAVES") == "1":
                if parse_json(b"".join(payload)) != parse_json(serialise(data)):
                    raise ValueError("a record was changed without being replaced")
            atomic_write(self.path, payload)
            self._written = FileStamp.of(os.stat(self.path))
            self._fingerprint, self._written_pieces = "", payload
        except (OSError, ValueError, TypeError) as error:
            self.forget()  # the next read takes the truth from disk
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            raise StorageError(
                f"Could not save the workbook {self.path}: {reason}. "
                "Nothing was changed on disk; your earlier records are safe."
            ) from error
        self._data = data

    def _serialise(
        self, data: dict[str, dict[str, Any]], changed: set[tuple[str, str]] | None
    ) -> list[bytes]:
        """The file's bytes as a few pieces, re-serialising only the changed records.

        Each table keeps its records' JSON texts in file order and the table's whole text.
        A table with no change reuses its text; one whose changes only replace records
        already in it has those texts swapped in place; any other change (a record added
        or removed) rebuilds the table's list, reusing the text of every record that is
        the same object as before.
        """
        caches = self._pieces
        if caches is None or changed is None or set(caches) != set(data):
            caches = {}
        touched: dict[str, set[str]] = {}
        if caches and changed:  # with no texts kept, every record's is made anyway
            for name, key in changed:
                touched.setdefault(name, set()).add(key)
        chunks: list[bytes] = [b"{"]
        for number, (name, table) in enumerate(data.items()):
            cache = caches.get(name)
            keys = touched.get(name, set())
            if cache is None or len(cache.keys) != len(table) or not keys <= cache.index.keys():
                cache = _TableText.build(table, cache)
            elif keys:
                cache.replace(table, keys)
            caches[name] = cache
            chunks.append((b"," if number else b"") + _serialise_key(name) + b":{")
            chunks.append(cache.text())
            chunks.append(b"}")
        chunks.append(b"}")
        self._pieces = caches
        return chunks

    def forget(self) -> None:
        """Drop what is kept in memory, so the next read comes from disk."""
        self._data = None
        self._pieces = None
        self._written, self._fingerprint, self._written_pieces = None, "", []

    def close(self) -> None:
        self.forget()


def empty_database() -> dict[str, dict[str, Any]]:
    now = _dt.datetime.now().replace(microsecond=0).isoformat()
    return {
        "meta": {META_KEY: {"format": FORMAT, "schema": model.SCHEMA_VERSION, "created_at": now}},
        "children": {},
        "entries": {},
        "trash": {},
    }


def _refusal(path: Path, reason: str) -> WorkbookFileError:
    backup = newest_backup(path)
    where = (
        f"The newest backup is {backup}."
        if backup
        else "There is no backup of it in the backups folder."
    )
    return WorkbookFileError(
        f"{path} {reason}, so it was not opened and has not been changed. {where}"
    )


class FileStamp(NamedTuple):
    """Which file a path named, and in what state: its identity (device, inode) and the
    size and times any write changes.  ``ctime`` cannot be set back by a program."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileStamp:
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def file_fingerprint(pieces: Iterable[bytes]) -> str:
    """The SHA-256 of a file's bytes, given whole or in the pieces it was written in."""
    import hashlib

    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(piece)
    return digest.hexdigest()


def read_file_stamped(path: Path) -> tuple[bytes, FileStamp]:
    """A file's bytes and the stamp of the very file they were read from."""
    with open(path, "rb") as handle:
        stamp = FileStamp.of(os.fstat(handle.fileno()))
        return handle.read(), stamp


def load_database(path: Path, *, shape: bool = True) -> dict[str, dict[str, Any]]:
    """Read and check a database file; refuse (never overwrite) anything that is not ours.

    A reader's copy of a workbook of an older schema is brought up to date in memory
    (see :func:`read_database`).  ``shape=False`` leaves out the check of the records'
    shape, for ``check``, which lists every such problem instead of refusing at the first.
    """
    return read_database(path, shape=shape, fingerprint=False, update=True)[0]


def read_database(
    path: Path, *, shape: bool = True, fingerprint: bool = True, update: bool = False
) -> tuple[dict[str, dict[str, Any]], FileStamp, str]:
    """:func:`load_database`, with the stamp and fingerprint of the file read, so a writer
    can tell later whether the file on disk is still the one it read.  A reader that
    never writes asks for no ``fingerprint`` (then ""): the SHA-256 of a 20,000-entry
    workbook is a tenth of reading it.

    With ``update``, the records of a workbook of an older schema are brought up to date
    in memory and their shape checked as a current workbook's are: a reader (a window
    showing the workbook read-only, the timeline, the bundle, ``check``) then meets the
    same records a writer would, and a damaged one is refused in one sentence rather
    than failing half-way.  The file is left as it is; a writer updates it, after a
    backup.  Without ``update`` (a writer), an older workbook's records come as they are
    in the file, for the writer to back up, update, check and save."""
    try:
        raw, stamp = read_file_stamped(path)
    except FileNotFoundError:
        raise StorageError(f"The workbook {path} no longer exists.") from None
    except OSError as error:
        raise StorageError(f"Could not read the workbook {path}: {error.strerror}.") from error
    data = _checked_database(path, raw, shape, update)
    return data, stamp, file_fingerprint((raw,)) if fingerprint else ""


def _checked_database(
    path: Path, raw: bytes, shape: bool = True, update: bool = False
) -> dict[str, dict[str, Any]]:
    try:
        data = parse_json(raw)
    except (ValueError, UnicodeDecodeError):
        raise _refusal(path, "is not valid JSON (it may be damaged)") from None
    if not isinstance(data, dict):
        raise _refusal(path, "is JSON but not an SEN Workbook database")
    meta = data.get("meta")
    info = meta.get(META_KEY) if isinstance(meta, dict) else None
    if not isinstance(info, dict) or info.get("format") != FORMAT:
        raise _refusal(path, "is JSON but not an SEN Workbook database")
    schema = info.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise _refusal(path, f"has an unreadable schema version {schema!r}")
    if schema > model.SCHEMA_VERSION:
        raise _refusal(
            path,
            f"was written by a newer version of SEN Workbook (schema {schema}; this version "
            f"reads up to {model.SCHEMA_VERSION}); please update SEN Workbook",
        )
    for name in TABLES:
        if name == "meta":
            continue
        table = data.setdefault(name, {})
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            raise _refusal(path, f"has a damaged {name!r} table")
    if update and schema < model.SCHEMA_VERSION:
        data, _ = migrate(data)
        schema = model.SCHEMA_VERSION
    if shape and schema == model.SCHEMA_VERSION:  # an older one: once it is brought up to date
        refuse_damaged_shape(path, data)
    return data


def refuse_damaged_shape(path: Path, data: dict[str, dict[str, Any]]) -> None:
    """Refuse, as a damaged file, a database whose records are not of a workbook's shape
    (see :mod:`sen_workbook.shape`); ``check`` lists every such problem."""
    from sen_workbook.shape import shape_problems

    problems = shape_problems(data, limit=1)
    if problems:
        raise _refusal(
            path, f"is damaged ({problems[0]}; 'sen-workbook check' lists every problem)"
        )


# Migrations from schema N to N+1: MIGRATIONS[N](data) returns the data at N+1.
# A backup is made before the first migration runs.
def _fill_every_field(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 to 2, 2 to 3 and 3 to 4: every entry, in the workbook and in the trash,
    gets each field of its kind that it lacks (a correspondence entry's ``message_id``, an
    observation's ``child_views`` and ``parent_views``, a request's ``asked_for``,
    ``asked_for_date`` and ``supplied_date``), with its empty value."""

    def filled(entry: Any) -> Any:
        return model.fill_natural_empties(entry)[0]

    data["entries"] = {key: filled(entry) for key, entry in data["entries"].items()}
    for item in data.get("trash", {}).values():
        if isinstance(item, dict):
            if item.get("type") == "entry":
                item["record"] = filled(item.get("record"))
            item["entries"] = [filled(e) for e in item.get("entries") or []]
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _fill_every_field,
    2: _fill_every_field,
    3: _fill_every_field,
}


def migrate(data: dict[str, Any], target: int | None = None) -> tuple[dict[str, Any], bool]:
    """Bring ``data`` up to schema ``target`` (default: this version's) one step at a time."""
    target = model.SCHEMA_VERSION if target is None else target
    schema = data["meta"][META_KEY]["schema"]
    changed = False
    while schema < target:
        step = MIGRATIONS.get(schema)
        if step is None:
            raise StorageError(
                f"There is no way to update a workbook from schema {schema} to {schema + 1}."
            )
        data = step(data)
        schema += 1
        data["meta"][META_KEY]["schema"] = schema
        changed = True
    return data, changed


class WorkbookDB(TinyDB):
    """TinyDB over :class:`AtomicJSONStorage` with UUID-keyed tables and no caching middleware:
    every change is on disk when the call returns."""

    table_class = UUIDTable

"""The workbook: the one API the app and the command line use.

It opens a database file (taking the writer lock, or falling back to read-only), and
offers children, entries, attachments, the trash, archives, the integrity check and the
evidence outputs.  Every change goes through :meth:`Workbook._change`, the single writer
path: validate, back up once a day, change, save atomically.  Callers get copies of the
records, never the stored objects themselves.
"""

from __future__ import annotations

import datetime as _dt
import functools
import gc
import os
import re
import stat
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, ParamSpec, TypeVar, cast

# zipfile, tempfile and shutil are imported where archives, bundles and the demo need
# them, so a command that only reads, such as ``timeline``, starts sooner.
if TYPE_CHECKING:
    import zipfile

    from sen_workbook.letters import Letter
    from sen_workbook.timeline import TimelineOptions

from sen_workbook import model
from sen_workbook.collector import collector_paused
from sen_workbook.errors import FilesError, StorageError, ValidationError, WorkbookError
from sen_workbook.files import (
    FILE_MODE,
    FOLDER_MODE,
    atomic_write,
    ensure_folder,
    fsync_folder,
    has_file_modes,
    make_private,
    remove_stale_temp_files,
    sha256_bytes,
    write_folder,
)
from sen_workbook.storage import (
    META_KEY,
    AtomicJSONStorage,
    FileStamp,
    LockLostError,
    ReadOnlyError,
    WorkbookChangedError,
    WorkbookDB,
    WorkbookFileError,
    WriterLock,
    backup_path,
    backups_folder,
    empty_database,
    file_fingerprint,
    load_database,
    make_backup,
    migrate,
    newest_backup,
    parse_json,
    read_database,
    refuse_damaged_shape,
    serialise,
)

__all__ = [
    "ArchiveError",
    "FilesError",
    "ValidationError",
    "ImportSummary",
    "LockLostError",
    "ReadOnlyError",
    "StorageError",
    "Workbook",
    "WorkbookChangedError",
    "WorkbookError",
    "WorkbookFileError",
    "check_attachable",
    "default_db_path",
]

T = TypeVar("T")
P = ParamSpec("P")
ARCHIVE_VERSION = 1
_SHA_NAME = re.compile(r"^files/([0-9a-f]{64})$")
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


class ArchiveError(WorkbookError):
    """An archive could not be imported; nothing was written."""


def _system_refusals(method: Callable[P, T]) -> Callable[P, T]:
    """What the system refuses beyond the checks made (a name too long for the disk, a
    folder that cannot be read) reaches the caller as a :class:`FilesError` sentence, so
    the app and the command line catch :class:`WorkbookError` alone."""

    @functools.wraps(method)
    def checked(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(*args, **kwargs)
        except WorkbookError:
            raise
        except OSError as error:
            where = f" {error.filename}" if error.filename else ""
            raise FilesError(
                f"The computer refused to read or write{where}: {error.strerror or error}."
            ) from error

    return checked


class ImportSummary(NamedTuple):
    children_added: int
    entries_added: int
    children_skipped: int
    entries_skipped: int
    files_added: int
    # Fields an archive written elsewhere left out or wrote as null, filled with their
    # empty values: how many records had any, and which fields they were.
    records_filled: int = 0
    fields_filled: tuple[str, ...] = ()
    # Attached files the archive did not carry intact, left out with --skip-damaged:
    # each as "'name' of the entry 'title' (date)".
    files_not_restored: tuple[str, ...] = ()


def default_db_path() -> Path:
    """``SEN_WORKBOOK_DB`` if set, else ``workbook.json`` in the user data folder."""
    configured = os.environ.get("SEN_WORKBOOK_DB")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path

    return user_data_path("sen-workbook", appauthor=False) / "workbook.json"


def _entry_sort_key(entry: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(entry.get("date", "")), str(entry.get("created_at", "")), str(entry.get("id", "")))


def _child_sort_key(child: Mapping[str, Any]) -> tuple[str, str]:
    return (str(child.get("name", "")).casefold(), str(child.get("id", "")))


class Workbook:
    """An open workbook file.  Use as a context manager or call :meth:`close`."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        today: Callable[[], _dt.date] = _dt.date.today,
        check_shape: bool = True,
        write_on_first_save: bool = False,
    ):
        """Open (or create) the workbook at ``path``.

        A workbook that does not exist yet is written at once, empty, unless
        ``write_on_first_save``: then its first save writes it, once, as any save does.
        An import into a new path uses that, so the parent's records are written in one
        atomic save rather than after an empty file and a backup of that empty file.
        """
        self.path = Path(path).expanduser().absolute()
        self.folder = self.path.parent
        self.files_folder = self.folder / "files"
        self._today = today
        # Off only for ``check`` on a read-only workbook, which lists every problem of a
        # damaged one instead of refusing to open it.
        self._check_shape = check_shape or not read_only
        self._lock = WriterLock(self.path) if not read_only else None
        if self.path.is_dir():
            raise WorkbookError(f"{self.path} is a folder; give the path of a workbook file.")
        # What this process made (files, then folders, in order), so that a workbook it
        # created and could not fill (an import that failed) can be removed without
        # touching anything another process made: see discard_created.
        self.created = False  # whether this process made the workbook file
        self._made: list[Path] = []
        self._made_folders: list[Path] = []
        self._lost_lock = False
        # A new workbook whose file the first save writes (``write_on_first_save``).
        self._write_on_first_save = write_on_first_save
        self.unsaved = False
        if self._lock is not None:
            missing = [p for p in (self.folder, *self.folder.parents) if not p.exists()]
            try:
                ensure_folder(self.folder)
            except OSError as error:
                raise StorageError(
                    f"Could not create the folder {self.folder}: {error.strerror}."
                ) from error
            self._made_folders = missing[::-1]
        self.unwritable = ""  # why the folder cannot be written, when that made it read-only
        self.open_elsewhere = False
        self._made_lock = False
        if self._lock is not None:
            self._made_lock = not self._lock.path.exists()
            try:
                self.open_elsewhere = not self._lock.acquire()
            except OSError as error:  # a read-only folder, a full disk
                if not self.path.exists():
                    raise StorageError(
                        f"Could not create the workbook {self.path}: "
                        f"{error.strerror or error}. Nothing was written."
                    ) from error
                self.unwritable = str(error.strerror or error)
        self.read_only = read_only or self.open_elsewhere or bool(self.unwritable)
        try:
            self._open_file()
        except BaseException:
            # A workbook that could not be made (a full disk) leaves nothing behind either.
            if self.created or not self.path.exists():
                self._remove_made()
            self.close()
            raise

    def _open_file(self) -> None:
        if not self.path.exists():
            if self.open_elsewhere:
                raise StorageError(
                    f"The workbook {self.path} is being created by another window or "
                    "program at this moment; try again once it has finished."
                )
            if self.read_only:
                raise StorageError(f"There is no workbook at {self.path}.")
            if self._write_on_first_save:
                self._open_unsaved()
                return
            try:
                atomic_write(self.path, serialise(empty_database()))
            except OSError as error:
                raise StorageError(
                    f"Could not create the workbook {self.path}: {error.strerror or error}. "
                    "Nothing was written."
                ) from error
            self.created = True
            self._made.append(self.path)
        # Only a writer compares the file with what it read, before each save.
        # A reader brings an older workbook up to date in memory only; a writer below.
        data, stamp, fingerprint = read_database(
            self.path,
            shape=self._check_shape,
            fingerprint=not self.read_only,
            update=self.read_only,
        )
        if not self.read_only:
            remove_stale_temp_files(self.path)
            make_private(self.path)
            if data["meta"][META_KEY]["schema"] < model.SCHEMA_VERSION:
                data, stamp, fingerprint = self._update_file(data)
            else:
                # chmod changes the file's ctime: the stamp is taken again after it, and
                # kept only if the file is still the one read.  If another program
                # changed it meanwhile, the stamp of what was read stays, so the first
                # save compares the file's bytes and never writes over that change.
                after = FileStamp.of(os.stat(self.path))
                if after._replace(ctime_ns=stamp.ctime_ns) == stamp:
                    stamp = after
        self._db = WorkbookDB(self.path, storage=AtomicJSONStorage, read_only=self.read_only)
        self._storage: AtomicJSONStorage = self._db.storage  # type: ignore[assignment]
        self._storage.prime(data, stamp, fingerprint)
        self._storage.guard = self._check_still_writer

    def _update_file(
        self, data: dict[str, dict[str, Any]]
    ) -> tuple[dict[str, dict[str, Any]], FileStamp, str]:
        """Bring the file of an older schema, just read as ``data`` by this writer, up to
        date: a backup of it first, then its records updated, checked and saved."""
        make_backup(self.path, self._today(), label="before-update")
        data, _ = migrate(data)
        refuse_damaged_shape(self.path, data)
        content = serialise(data)
        atomic_write(self.path, content)
        return data, FileStamp.of(os.stat(self.path)), file_fingerprint((content,))

    def _open_unsaved(self) -> None:
        """Hold a new, empty workbook in memory; the first save writes its file."""
        remove_stale_temp_files(self.path)  # of an earlier try that was killed
        self.created = True
        self.unsaved = True
        self._db = WorkbookDB(self.path, storage=AtomicJSONStorage)
        self._storage = self._db.storage  # type: ignore[assignment]
        self._storage.prime(empty_database())
        self._storage.guard = self._check_still_writer

    def _check_still_writer(self) -> None:
        """Before every save: the lock file at its path must still be the one this
        process locked.  If it was removed or replaced, take the lock again when no one
        else has; if another process has it, this workbook becomes read-only and the
        save is refused, so the other process's records are never written over."""
        if self._lock is None or self._lock.still_held():
            return
        self._lock.release()
        if self._lock.acquire():
            return  # the file itself is compared next, before anything is written
        self._lost_lock = True
        self.read_only = True
        self._storage.read_only = True
        self._storage.forget()
        raise LockLostError(self.read_only_reason + " Nothing was saved.")

    @_system_refusals
    def try_become_writer(self) -> bool:
        """Take the writer lock of a workbook shown read-only because it was open
        elsewhere (or its lock was taken over); ``True`` once this process may change it.

        The records are read afresh from disk, so nothing another process saved is lost.
        A workbook opened read-only on purpose stays read-only.
        """
        if not self.read_only:
            return True
        if self._lock is None:
            return False
        if not self._lock.acquire():
            return False
        try:
            remove_stale_temp_files(self.path)
            data, stamp, fingerprint = read_database(self.path)
            # Left older by a writer of an earlier version that has since closed.
            if data["meta"][META_KEY]["schema"] < model.SCHEMA_VERSION:
                data, stamp, fingerprint = self._update_file(data)
        except BaseException:
            self._lock.release()
            raise
        self._storage.read_only = False
        self._storage.prime(data, stamp, fingerprint)
        self._db.clear_cache()
        self.read_only = self.open_elsewhere = self._lost_lock = False
        return True

    def writer_free(self) -> bool:
        """Whether a workbook shown read-only because it was open elsewhere could be
        changed here now: its writer lock is free (taken and let go at once, so the
        other window is not kept out while the parent is asked)."""
        if not self.read_only or self._lock is None or self.unwritable:
            return False
        if not self._lock.acquire():
            return False
        self._lock.release()
        return True

    def file_stamp(self) -> tuple[int, int, int] | None:
        """The workbook file's (inode, modification time, size), or None if it cannot
        be read: a window showing it read-only notices another window's saves by it."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    # --- lifecycle ---------------------------------------------------------------------

    def discard_created(self) -> None:
        """Remove the workbook this process created, and only what it made for it (the
        file, attached files, backups, the lock file and new folders), while still
        holding its lock; then close it.  For an import into a new path that failed: it
        leaves nothing behind, and never removes a workbook another process made.
        Does nothing for a workbook this process did not create.
        """
        if self.created:
            self._made_lock = True  # a lock file beside no workbook is a leftover too
            self._remove_made()

    def _remove_made(self) -> None:
        """Remove the files and folders this process made, the lock file if it made it,
        while it still holds the lock; then release it."""
        lock = self._lock
        if lock is None or not lock.still_held():
            return
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()
        for path in reversed(self._made):
            path.unlink(missing_ok=True)
        remove_stale_temp_files(self.path)
        if self._made_lock:
            lock.path.unlink(missing_ok=True)
        for folder in reversed(self._made_folders):
            try:
                folder.rmdir()
            except OSError:  # not empty: something else is in it now
                pass
        self.created = False
        self._made.clear()
        self._made_folders.clear()
        lock.release()

    def close(self) -> None:
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def read_only_reason(self) -> str:
        if self._lost_lock:
            return (
                f"The lock file of {self.path} was removed while this window had the "
                "workbook open, and another window or program has opened it since, so it "
                "is shown read-only here. Close this window and open the workbook again."
            )
        if self.unwritable:
            return (
                f"The folder {self.folder} cannot be written ({self.unwritable}), so the "
                f"workbook {self.path} is shown read-only."
            )
        if self.open_elsewhere:
            return (
                f"The workbook {self.path} is open in another window or program, so it is "
                "shown read-only here. Close it there to make changes."
            )
        if self.read_only:
            return f"The workbook {self.path} is open read-only."
        return ""

    # --- the single writer path --------------------------------------------------------

    def _data(self) -> dict[str, dict[str, Any]]:
        data = self._storage.read()
        assert data is not None
        return data

    def _entry_table(self) -> dict[str, model.Entry]:
        """The stored entries by id, as they are (never to be changed in place): of the
        :data:`~sen_workbook.model.Entry` shape, which was checked when the file was read."""
        return cast("dict[str, model.Entry]", self._data()["entries"])

    def _change(self, mutate: Callable[[dict[str, dict[str, Any]]], T]) -> T:
        """Apply ``mutate`` to the stored data and save it atomically, or change nothing."""
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason + " Nothing was saved.")
        data = self._data()
        if self.unsaved:
            # Nothing on disk to back up; but the file must still be absent, or another
            # program made it meanwhile and it is not written over.
            if os.path.lexists(self.path):
                self._storage.forget()
                raise WorkbookChangedError(
                    f"The workbook {self.path} was made by another program while this one "
                    "was creating it, so nothing was saved over it."
                )
        else:
            self._daily_backup()
        # Each table notes the keys set or removed in it, so the save knows what changed
        # without comparing every record (a table replaced whole is compared in full).
        tracked = {name: _Tracked(table) for name, table in data.items()}
        before = dict(data)
        data.update(tracked)
        try:
            result = mutate(data)
            changed: set[tuple[str, str]] = set()
            for name, table in data.items():
                seen = tracked.get(name)
                if seen is not None and table is seen:
                    old = before[name]
                    changed.update(
                        (name, key) for key in seen.touched if table.get(key) is not old.get(key)
                    )
                else:
                    old = before.get(name, {})
                    changed.update(
                        (name, key)
                        for key in table.keys() | old.keys()
                        if table.get(key) is not old.get(key)
                    )
                data[name] = dict(table) if isinstance(table, _Tracked) else table
            self._storage.write_changes(data, changed)
            if self.unsaved:
                self.unsaved = False
                self._made.append(self.path)
        except BaseException:
            if self.unsaved:
                self._storage.prime(empty_database())  # still new: nothing was written
            else:
                self._storage.forget()
            raise
        finally:
            self._db.clear_cache()
        return result

    def _daily_backup(self) -> None:
        day = self._today()
        target = backup_path(self.path, day)
        if target.exists():
            return
        folder_was_there = target.parent.exists()
        try:
            if make_backup(self.path, day) is not None:
                self._made.append(target)
            if not folder_was_there:
                self._made_folders.append(target.parent)
        except OSError as error:
            raise StorageError(
                f"Could not make today's backup of {self.path} in {target.parent}: "
                f"{error.strerror}. Nothing was saved."
            ) from error

    # --- children ----------------------------------------------------------------------

    def children(self) -> list[model.Child]:
        """Every child, by name."""
        return sorted(
            (model.copy_record(c) for c in self._data()["children"].values()), key=_child_sort_key
        )

    def child(self, child_id: str) -> model.Child:
        found = self._data()["children"].get(child_id)
        if found is None:
            raise WorkbookError(f"There is no child with id {_excerpt(child_id)} in this workbook.")
        return model.copy_record(found)

    def find_child(self, text: str) -> model.Child:
        """The child whose id, name, preferred name or first name is ``text``.

        Case does not matter; a first name counts only when one child has it.
        """
        children = self._data()["children"]
        if text in children:
            return model.copy_record(children[text])
        wanted = text.strip().casefold()
        matches = [
            c
            for c in children.values()
            if wanted
            and wanted
            in (
                c.get("name", "").strip().casefold(),
                c.get("preferred_name", "").strip().casefold(),
            )
        ]
        if not matches:  # "Amara" for "Amara Okafor-Bennett", when only one child is
            matches = [
                c
                for c in children.values()
                if wanted and c.get("name", "").strip().casefold().split()[:1] == [wanted]
            ]
        if len(matches) == 1:
            return model.copy_record(matches[0])
        if len(matches) > 1:
            ids = ", ".join(sorted(c["id"] for c in matches))
            raise WorkbookError(
                f"More than one child is called {_excerpt(text)}; give one of their ids instead: {ids}."
            )
        names = ", ".join(
            _excerpt(c["name"], quoted=False)
            for c in sorted(children.values(), key=_child_sort_key)
        )
        known = f" The children in it are: {names}." if names else " It has no children yet."
        raise WorkbookError(f"There is no child called {_excerpt(text)} in {self.path}.{known}")

    @_system_refusals
    def add_child(self, fields: Mapping[str, Any]) -> model.Child:
        child = model.new_child(**model.copy_record(dict(fields)))
        problems = model.validate_child(child)
        if problems:
            raise model.ModelError(problems)

        def add(data: dict[str, dict[str, Any]]) -> None:
            if child["id"] in data["children"]:
                raise WorkbookError(f"A child with id {_excerpt(child['id'])} already exists.")
            data["children"][child["id"]] = model.copy_record(child)

        self._change(add)
        return model.copy_record(child)

    @_system_refusals
    def update_child(self, child_id: str, changes: Mapping[str, Any]) -> model.Child:
        current = self.child(child_id)
        updated = {**current, **dict(changes), "id": child_id}
        problems = model.validate_child(updated)
        if problems:
            raise model.ModelError(problems)

        def update(data: dict[str, dict[str, Any]]) -> None:
            data["children"][child_id] = model.copy_record(updated)

        if updated != current:
            self._change(update)
        return model.copy_record(cast(model.Child, updated))  # checked above

    def remove_child(self, child_id: str) -> str:
        """Move a child and all their entries to the trash; returns the trash item's id."""
        child = self.child(child_id)
        item_id = model.new_id()

        def remove(data: dict[str, dict[str, Any]]) -> None:
            theirs = [e for e in data["entries"].values() if e["child_id"] == child_id]
            data["trash"][item_id] = {
                "id": item_id,
                "type": "child",
                "deleted_at": model.now_stamp(),
                "record": child,
                "entries": sorted(model.copy_record(theirs), key=_entry_sort_key),
            }
            for entry in theirs:
                del data["entries"][entry["id"]]
            del data["children"][child_id]

        self._change(remove)
        return item_id

    # --- entries -----------------------------------------------------------------------

    def today(self) -> _dt.date:
        """The day the workbook counts as today (fixed in tests, the computer's date
        otherwise): a review dated after it has not happened yet."""
        return self._today()

    def entries(self, child_id: str | None = None) -> list[model.Entry]:
        """Entries (of one child, or all), oldest first."""
        stored = self._data()["entries"].values()
        return sorted_copies(e for e in stored if child_id is None or e["child_id"] == child_id)

    def stored_entries(self, child_id: str | None = None) -> list[model.Entry]:
        """The stored entries themselves (of one child, or all), in no order: quick to
        take on the app's thread and hand to a background one.

        A record is replaced on every change, never changed in place, so what this
        returns stays as it was while the workbook moves on.  It must not be changed:
        pass it through :func:`sorted_copies` before anything could.
        """
        stored = self._entry_table().values()
        if child_id is None:
            return list(stored)
        return [e for e in stored if e["child_id"] == child_id]

    def entry(self, entry_id: str) -> model.Entry:
        found = self._data()["entries"].get(entry_id)
        if found is None:
            raise WorkbookError(f"There is no entry with id {_excerpt(entry_id)} in this workbook.")
        return model.copy_record(found)

    def entry_count(self, child_id: str | None = None) -> int:
        """How many entries (of one child, or all), without copying them."""
        stored = self._data()["entries"].values()
        if child_id is None:
            return len(stored)
        return sum(1 for e in stored if e["child_id"] == child_id)

    def _check_in_context(self, entry: Mapping[str, Any], data: Mapping[str, Any]) -> None:
        problems = model.validate_entry(entry)
        if entry.get("child_id") not in data["children"]:
            problems.append(
                f"child_id {_excerpt(entry.get('child_id'))} is not a child in this workbook."
            )
        if entry.get("kind") == "review":
            future = model.review_not_yet_held(entry, self._today())
            if future:
                problems.append(future)
        if entry.get("kind") == "review" and entry.get("plan_id"):
            plans = {k: v for k, v in data["entries"].items() if v.get("kind") == "plan"}
            problems.extend(model.check_review_plan(entry, plans, "review", "This review"))
        if entry.get("kind") == "plan" and entry.get("id") in data["entries"]:
            # A plan whose start moves past one of its reviews is refused the same way.
            for review in data["entries"].values():
                if review.get("kind") == "review" and review.get("plan_id") == entry["id"]:
                    early = model.review_before_plan_start(
                        review, entry, f"Its review {model.excerpt(review.get('title', ''))}"
                    )
                    if early:
                        problems.append(early)
        if problems:
            raise model.ModelError(problems)

    @_system_refusals
    def add_entry(self, kind: str, child_id: str, fields: Mapping[str, Any]) -> model.Entry:
        """Validate and save a new entry of ``kind`` for ``child_id``; returns it."""
        given = {k: v for k, v in fields.items() if k not in ("kind", "child_id")}
        entry = model.new_entry(kind, child_id, **model.copy_record(given))
        self._check_in_context(entry, self._data())

        def add(data: dict[str, dict[str, Any]]) -> None:
            if entry["id"] in data["entries"]:
                raise WorkbookError(f"An entry with id {_excerpt(entry['id'])} already exists.")
            data["entries"][entry["id"]] = model.copy_record(entry)

        self._change(add)
        return model.copy_record(entry)

    @_system_refusals
    def add_entries(
        self, entries: Iterable[Mapping[str, Any]], files: Iterable[bytes] = ()
    ) -> list[str]:
        """Add complete entries (made by :func:`model.new_entry`) and the files they attach,
        all in one save, or nothing at all; returns their ids.

        Quick capture and the email and spreadsheet imports come through here: every entry
        is checked against the workbook first, so a bad one writes no file and no record.
        """
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason + " Nothing was saved.")
        wanted = model.copy_record([dict(e) for e in entries])
        data = self._data()
        problems: list[str] = []
        seen: set[Any] = set()  # ids as given, which may be anything until checked
        for entry in wanted:
            try:
                self._check_in_context(entry, data)
            except model.ModelError as error:
                problems.extend(error.problems)
            if entry.get("id") in data["entries"] or entry.get("id") in seen:
                problems.append(f"An entry with id {_excerpt(entry.get('id'))} already exists.")
            seen.add(entry.get("id"))
        if problems:
            raise model.ModelError(problems)
        contents = {sha256_bytes(content): content for content in files}
        attached = {a["sha256"] for e in wanted for a in e["attachments"]}
        missing = sorted(
            sha
            for sha in attached
            if sha not in contents and not (self.files_folder / sha).exists()
        )
        if missing:
            raise WorkbookError(
                f"The file {missing[0]} to attach was not given; nothing was saved."
            )
        self._store_files(contents[sha] for sha in sorted(attached & contents.keys()))
        if wanted:  # copies made above, held by nothing else
            self._add_records([], wanted, copy=False)
        return [entry["id"] for entry in wanted]

    @_system_refusals
    def update_entry(self, entry_id: str, changes: Mapping[str, Any]) -> model.Entry:
        """Change an entry, keeping the earlier version in its ``revisions``."""
        current = self.entry(entry_id)
        fixed = {"id", "child_id", "kind", "created_at", "updated_at", "revisions"}
        blocked = sorted(set(changes) & fixed)
        if blocked:
            raise WorkbookError(f"These fields cannot be changed: {', '.join(blocked)}.")
        updated = {**current, **model.copy_record(dict(changes))}
        if updated == current:
            return current
        self._check_in_context(updated, self._data())
        earlier = {k: v for k, v in current.items() if k != "revisions"}
        updated["revisions"] = current["revisions"] + [
            {"replaced_at": model.now_stamp(), "record": earlier}
        ]
        updated["updated_at"] = model.now_stamp()

        def update(data: dict[str, dict[str, Any]]) -> None:
            data["entries"][entry_id] = model.copy_record(updated)

        self._change(update)
        return model.copy_record(cast(model.Entry, updated))  # checked in context above

    @_system_refusals
    def delete_entry(self, entry_id: str) -> str:
        """Move an entry to the trash; returns the trash item's id for undo."""
        entry = self.entry(entry_id)
        if entry["kind"] == "plan":
            reviews = [
                e
                for e in self._data()["entries"].values()
                if e.get("kind") == "review" and e.get("plan_id") == entry_id
            ]
            if reviews:
                raise WorkbookError(
                    f"The plan {_excerpt(entry['title'])} has "
                    + ("a review" if len(reviews) == 1 else f"{len(reviews)} reviews")
                    + " recorded against it; delete "
                    + ("that review first." if len(reviews) == 1 else "those reviews first.")
                )
        item_id = model.new_id()

        def delete(data: dict[str, dict[str, Any]]) -> None:
            data["trash"][item_id] = {
                "id": item_id,
                "type": "entry",
                "deleted_at": model.now_stamp(),
                "record": entry,
                "entries": [],
            }
            del data["entries"][entry_id]

        self._change(delete)
        return item_id

    # --- trash -------------------------------------------------------------------------

    def trash(self) -> list[model.TrashItem]:
        """Items in the trash, most recently deleted first."""
        items = list(self._data()["trash"].values())
        items.sort(key=lambda t: (t["deleted_at"], t["id"]), reverse=True)
        return model.copy_record(items)

    def restore_meets_record(self, item_id: str) -> bool:
        """Whether restoring this trash item meets a record that came back another way
        (an import) since it was deleted: then both are kept (see :meth:`restore`)."""
        data = self._data()
        item = data["trash"].get(item_id)
        if item is None:
            return False
        table = "children" if item["type"] == "child" else "entries"
        return item["record"].get("id") in data[table] or any(
            e.get("id") in data["entries"] for e in item["entries"]
        )

    @_system_refusals
    def restore(self, item_id: str) -> model.Child | model.Entry:
        """Put a trashed child (with their entries) or entry back; returns the record."""
        item = self._data()["trash"].get(item_id)
        if item is None:
            raise WorkbookError("That item is no longer in the trash.")
        item = model.copy_record(item)
        record = item["record"]
        data = self._data()
        if item["type"] == "entry":
            if record["child_id"] not in data["children"]:
                raise WorkbookError(
                    f"The entry {_excerpt(record['title'])} belongs to a child who is in the trash; "
                    "restore the child first."
                )
            if (
                record["kind"] == "review"
                and record.get("plan_id")
                and record["plan_id"] not in data["entries"]
            ):
                raise WorkbookError(
                    f"The review {_excerpt(record['title'])} is of a plan that is in the trash; "
                    "restore the plan first."
                )

        def put_back(data: dict[str, dict[str, Any]]) -> dict[str, Any]:
            # A record may have come back another way since it was deleted (an archive
            # imported again): the one in the workbook stays, and the restored version
            # joins its history, so neither text is lost.
            del data["trash"][item_id]
            if item["type"] == "entry":
                merged = _with_restored(data["entries"].get(record["id"]), record)
                data["entries"][record["id"]] = merged
                return merged
            for entry in item["entries"]:
                data["entries"][entry["id"]] = _with_restored(
                    data["entries"].get(entry["id"]), entry
                )
            current = data["children"].get(record["id"])
            if current is None:
                data["children"][record["id"]] = record
                return record
            if current != record:  # a child has no history: this version stays in the trash
                data["trash"][item_id] = {**item, "entries": []}
            return current

        return cast("model.Child | model.Entry", model.copy_record(self._change(put_back)))

    def empty_trash_item(self, item_id: str) -> None:
        """Delete one trash item for good."""

        def drop(data: dict[str, dict[str, Any]]) -> None:
            data["trash"].pop(item_id, None)

        self._change(drop)

    # --- attachments -------------------------------------------------------------------

    def attachment_path(self, sha256: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise WorkbookError(f"{_excerpt(sha256)} is not an attachment's SHA-256.")
        return self.files_folder / sha256

    def read_attachment(self, sha256: str) -> bytes:
        """The stored bytes of an attachment (``FileNotFoundError`` if it is missing)."""
        return self.attachment_path(sha256).read_bytes()

    def _store_file(self, data: bytes) -> str:
        return self._store_files([data])[0]

    def _store_files(self, contents: Iterable[bytes]) -> list[str]:
        """Store files under their SHA-256 (each written atomically, the folder synced once).

        A full disk or a folder that cannot be written is a :class:`StorageError` in one
        sentence; the files already stored are whole, and the records do not name them yet.
        """
        try:
            return self._store_files_or_fail(contents)
        except StorageError:
            raise
        except OSError as error:
            raise StorageError(
                f"Could not store an attached file in {self.files_folder}: "
                f"{error.strerror or error}. Nothing was saved."
            ) from error

    def _store_files_or_fail(self, contents: Iterable[bytes]) -> list[str]:
        digests = []
        written = False
        for data in contents:
            digest = sha256_bytes(data)
            target = self.attachment_path(digest)
            there = target.exists()
            if not there or sha256_bytes(target.read_bytes()) != digest:
                if not written:
                    if not self.files_folder.exists():
                        self._made_folders.append(self.files_folder)
                    ensure_folder(self.files_folder)
                    make_private(self.files_folder, FOLDER_MODE)
                atomic_write(target, data, sync_folder=False)
                if not there:
                    self._made.append(target)
                written = True
            digests.append(digest)
        if written:
            fsync_folder(self.files_folder)
        return digests

    @_system_refusals
    def add_attachment(
        self, entry_id: str, source: str | os.PathLike[str], description: str = ""
    ) -> model.Attachment:
        """Copy a file into the workbook, stored under its SHA-256, and attach it to an entry."""
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason + " Nothing was saved.")
        path = Path(source).expanduser()
        check_attachable(path)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise FilesError(f"Could not read {path}: {error.strerror}.") from error
        entry = self.entry(entry_id)
        digest = sha256_bytes(content)
        if any(a["sha256"] == digest for a in entry["attachments"]):
            raise WorkbookError(f"{path.name} is already attached to this entry.")
        self._store_file(content)
        attachment: model.Attachment = {
            "sha256": digest,
            "filename": path.name,
            "size": len(content),
            "added_at": model.now_stamp(),
            "description": description,
        }
        self.update_entry(entry_id, {"attachments": entry["attachments"] + [attachment]})
        return attachment

    @_system_refusals
    def attachment_bytes(self, entry_id: str, sha256: str) -> tuple[model.Attachment, bytes]:
        """An entry's attachment record and its stored bytes, checked against its SHA-256.

        Raises :class:`WorkbookError` with a sentence when the entry has no such file, the
        stored copy is missing, or it no longer matches its fingerprint (then nothing is
        handed out: a damaged copy must not pass for the family's document).
        """
        entry = self.entry(entry_id)
        record = next((a for a in entry["attachments"] if a["sha256"] == sha256), None)
        if record is None:
            raise WorkbookError("That file is no longer attached to this entry.")
        stored = self.attachment_path(sha256)
        try:
            data = stored.read_bytes()
        except OSError as error:
            raise FilesError(
                f"The stored copy of {record['filename']} ({stored}) could not be read: "
                f"{error.strerror or error}. Run 'sen-workbook check' to see what is missing."
            ) from error
        if sha256_bytes(data) != sha256:
            raise WorkbookError(
                f"The stored copy of {record['filename']} ({stored}) no longer matches its "
                "fingerprint, so it was not used. Run 'sen-workbook check', and restore the "
                "file from a backup or an archive."
            )
        return record, data

    @_system_refusals
    def save_attachment_copy(
        self, entry_id: str, sha256: str, destination: str | os.PathLike[str]
    ) -> Path:
        """Write a copy of an attachment to ``destination`` (a folder, or a new file's path).

        Into a folder the copy takes the file's own name.  An existing file is never
        replaced: the sentence says so and asks for another name.
        """
        record, data = self.attachment_bytes(entry_id, sha256)
        target = Path(destination).expanduser()
        if target.is_dir():
            name = str(record["filename"])
            plain = name not in ("", ".", "..") and not re.search(r"[/\\\x00-\x1f]", name)
            if not plain:
                from sen_workbook.opener import safe_file_name

                name = safe_file_name(name)
            target = target / name
        if target.exists():
            raise WorkbookError(
                f"{target} already exists; nothing was written. Choose another name or folder."
            )
        if not target.parent.is_dir():
            raise WorkbookError(f"There is no folder {target.parent}; nothing was written.")
        try:
            atomic_write(target, data)
        except OSError as error:
            raise FilesError(
                f"Could not write {target}: {error.strerror or error}. Nothing was written."
            ) from error
        return target

    @_system_refusals
    def remove_attachment(self, entry_id: str, sha256: str) -> model.Entry:
        """Detach a file from an entry (the stored copy stays, so earlier versions still work)."""
        entry = self.entry(entry_id)
        kept = [a for a in entry["attachments"] if a["sha256"] != sha256]
        return self.update_entry(entry_id, {"attachments": kept})

    # --- archives ----------------------------------------------------------------------

    def archive_document(self) -> dict[str, Any]:
        """Every child and entry, in the archive format, in a stable order."""
        return {
            "format": model.FORMAT,
            "version": ARCHIVE_VERSION,
            "children": self.children(),
            "entries": self.entries(),
        }

    def check_output_path(self, out: str | os.PathLike[str]) -> Path:
        """The absolute path ``out`` names, once it is certain that writing an output
        there (a bundle folder, zip or PDF, an archive, a letter, a calendar) cannot
        replace or go into the workbook's own files: the workbook file, its lock, its
        ``files/`` and ``backups/`` folders, or a folder holding any of them.

        Every command that writes an output calls this first; ``--force`` never
        overrides it.  Links are followed, so a link to the workbook is refused too.
        """
        target = Path(out).expanduser().absolute()
        real = Path(os.path.realpath(target))
        lock = Path(str(self.path) + ".lock")
        protected = (
            (self.path, "the workbook file itself"),
            (lock, "the workbook's lock file"),
            (self.files_folder, "the workbook's folder of attached files"),
            (backups_folder(self.path), "the workbook's backups folder"),
        )
        for path, what in protected:
            kept = Path(os.path.realpath(path))
            if real == kept or _same_file(target, path):
                problem = f"is {what}"
            elif kept in real.parents and path != self.path and path != lock:
                problem = f"is inside {what}"
            elif real in kept.parents:
                problem = f"is a folder that holds {what} ({path})"
            else:
                continue
            raise WorkbookError(
                f"{target} {problem}, part of the workbook, so nothing was written there; "
                "choose another place "
                "for the output."
            )
        return target

    @_system_refusals
    def write_archive(
        self,
        out: str | os.PathLike[str],
        *,
        overwrite: bool = False,
        skip_damaged: bool = False,
        left_out: list[str] | None = None,
    ) -> Path:
        """Write ``workbook.json`` and ``files/<sha256>`` for every attachment into a zip.

        Each attached file is checked against its SHA-256 first, so an archive never
        carries a damaged copy that would stop it being restored.  A missing, unreadable
        or changed file refuses the archive; with ``skip_damaged`` it is left out (its
        entry keeps the record of it) and a sentence naming it is added to ``left_out``.
        """
        import io
        import zipfile

        target = self.check_output_path(out)
        if target.exists() and not overwrite:
            raise WorkbookError(f"{target} already exists; choose another name or pass --force.")
        if not target.parent.is_dir():
            raise WorkbookError(f"The folder {target.parent} does not exist.")
        document = self.archive_document()
        labels: dict[str, str] = {}
        for entry in document["entries"]:
            for attachment in entry["attachments"]:
                labels.setdefault(attachment["sha256"], _attachment_label(entry, attachment))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            _zip_add(archive, "workbook.json", serialise(document, indent=1))
            for sha in sorted(labels):
                content, problem = self._verified_attachment(sha)
                if problem:
                    if not skip_damaged:
                        raise WorkbookError(
                            f"The attachment {labels[sha]} {problem}, so no archive was "
                            "written; run 'sen-workbook check', or pass --skip-damaged to "
                            "write the archive without the damaged files."
                        )
                    if left_out is not None:
                        left_out.append(f"{labels[sha]} {problem}")
                    continue
                _zip_add(archive, f"files/{sha}", content)
        with _writing(target):
            atomic_write(target, buffer.getvalue())
        return target

    def _verified_attachment(self, sha: str) -> tuple[bytes, str]:
        """A stored attachment's bytes, or what is wrong with it (missing, unreadable, a
        folder, or not matching its SHA-256)."""
        try:
            content = self.read_attachment(sha)
        except FileNotFoundError:
            return b"", f"is missing from {self.files_folder}"
        except IsADirectoryError:
            return b"", f"is a folder in {self.files_folder}, not a file"
        except OSError as error:
            return b"", f"cannot be read from {self.files_folder} ({error.strerror})"
        if sha256_bytes(content) != sha:
            return b"", "has been changed or damaged (its SHA-256 does not match)"
        return content, ""

    def import_archive(
        self, source: str | os.PathLike[str], *, skip_damaged: bool = False
    ) -> ImportSummary:
        """Add the children and entries of an archive: all of it, or nothing at all.

        Records already in the workbook with the same id and the same content are skipped,
        so importing the same archive twice changes nothing; a different record with an id
        already in use is refused.  A damaged or missing attached file refuses the whole
        import, unless ``skip_damaged``: then every record is imported, the files that
        could not be restored are left out and named in the summary, and ``check`` lists
        them as missing, so a damaged backup still gives back every record.
        """
        with collector_paused():
            summary = self._import_archive(Path(source).expanduser(), skip_damaged)
            # The records read are now the workbook's own, kept while it is open, with no
            # reference cycles among them: set aside from the collector (as a read for the
            # app is), or its first pass after the import goes over every one of them for
            # nothing (a twentieth of the import).  They are still freed when let go.
            gc.freeze()
            return summary

    def _import_archive(self, path: Path, skip_damaged: bool = False) -> ImportSummary:
        document, files, damaged = _read_archive(path, skip_damaged=skip_damaged)
        data = self._data()
        # Entries as this program writes them, with nothing wrong, are found in one pass
        # and neither filled nor checked again alone (most of an archive).
        sound = model.sound_entries(document["entries"])
        records_filled, fields_filled = _fill_natural_empties(document, data, sound)
        problems: list[str] = []
        new_children, skipped_children = _not_yet_stored(
            document["children"], data["children"], "child", problems
        )
        new_entries, skipped_entries = _not_yet_stored(
            document["entries"], data["entries"], "entry", problems
        )
        # The archive's records come first so that "Entry 900" means the archive's 900th;
        # the stored ones follow (none in a new workbook, so the ids are not gathered).
        stored_children, stored_entries = [], []
        if data["children"] or data["entries"]:
            in_archive = {_id_of(r) for r in document["children"] + document["entries"]}
            stored_children = [c for k, c in data["children"].items() if k not in in_archive]
            stored_entries = [e for k, e in data["entries"].items() if k not in in_archive]
        problems.extend(
            model.validate_records(
                document["children"] + stored_children,
                document["entries"] + stored_entries,
                sound=sound,
            )
        )
        needed: set[str] = {
            a["sha256"]
            for e in new_entries
            if isinstance(e, dict) and isinstance(e.get("attachments"), list)
            for a in e["attachments"]
            if isinstance(a, dict) and isinstance(a.get("sha256"), str)
        }
        not_restored: list[str] = []
        for sha in sorted(s for s in needed if isinstance(s, str)):
            if sha not in files and not (self.files_folder / sha).exists():
                if skip_damaged:
                    not_restored.extend(
                        _attachment_label(e, a)
                        for e in new_entries
                        for a in e.get("attachments", [])
                        if a.get("sha256") == sha
                    )
                elif sha in damaged:
                    problems.append(
                        f"the attached file {sha} is damaged in the archive; import with "
                        "--skip-damaged to bring back every record without it"
                    )
                else:
                    problems.append(f"the attachment {sha} is referenced but not in the archive")
        if problems:
            extra = len(problems) - 1
            more = f" (and {extra} more problem{'s' if extra > 1 else ''})" if extra else ""
            raise ArchiveError(
                f"Nothing was imported from {path}: {problems[0].rstrip('.')}{more}."
            )
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason + " Nothing was imported.")
        missing = [
            sha for sha in sorted(needed & set(files)) if not (self.files_folder / sha).exists()
        ]
        self._store_files(files[sha] for sha in missing)
        added_files = len(missing)

        if new_children or new_entries:
            # The records were parsed from the archive just now and nothing else holds
            # them, so they are stored as they are rather than copied.
            self._add_records(new_children, new_entries, copy=False)
        elif self.unsaved:
            self._change(_same)  # an archive with nothing new still leaves a workbook
        return ImportSummary(
            len(new_children),
            len(new_entries),
            skipped_children,
            skipped_entries,
            added_files,
            records_filled,
            fields_filled,
            tuple(not_restored),
        )

    def load_sample(
        self,
        children: Iterable[Mapping[str, Any]],
        entries: Iterable[Mapping[str, Any]],
        files: Mapping[str, bytes],
    ) -> None:
        """Add generated records and their files in one save (the demo and benchmarks)."""
        children, entries = list(children), list(entries)
        problems = model.validate_records(
            list(self._data()["children"].values()) + children,
            list(self._data()["entries"].values()) + entries,
        )
        if problems:
            raise model.ModelError(problems)
        self._store_files(files.values())
        self._add_records(children, entries)

    def _add_records(
        self,
        children: Sequence[Mapping[str, Any]],
        entries: Sequence[Mapping[str, Any]],
        *,
        copy: bool = True,
    ) -> None:
        """Store already validated children and entries in one save (copies of them,
        unless ``copy`` is false because the caller keeps no reference to them)."""
        keep = model.copy_record if copy else _same

        def add(data: dict[str, dict[str, Any]]) -> None:
            # One update per table rather than a call per record (an import adds thousands).
            if copy:
                data["children"].update({c["id"]: keep(c) for c in children})
                data["entries"].update({e["id"]: keep(e) for e in entries})
            else:
                data["children"].update({c["id"]: c for c in children})
                data["entries"].update({e["id"]: e for e in entries})

        self._change(add)

    # --- the check ---------------------------------------------------------------------

    def check(self) -> list[str]:
        """Every problem with the database and its attachments (empty when all is well):
        the records' shape and values, and each attached file present, readable and
        matching its SHA-256."""
        from sen_workbook.shape import shape_problems

        problems: list[str] = []
        try:
            data = load_database(self.path, shape=False)
        except StorageError as error:
            return [str(error)]
        problems.extend(f"The workbook is damaged: {p}." for p in shape_problems(data, limit=100))
        children = list(data["children"].values())
        entries = list(data["entries"].values())
        for key, record in list(data["children"].items()) + list(data["entries"].items()):
            if isinstance(record, dict) and record.get("id") != key:
                problems.append(
                    f"The record stored under {_excerpt(key)} has the id {_excerpt(record.get('id'))}."
                )
        problems.extend(model.validate_records(children, entries))
        for entry in sorted((e for e in entries if isinstance(e, dict)), key=_entry_sort_key):
            attachments = entry.get("attachments")
            for attachment in attachments if isinstance(attachments, list) else []:
                sha = attachment.get("sha256", "") if isinstance(attachment, dict) else ""
                if not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{64}", sha):
                    continue  # the validation above names it
                _, problem = self._verified_attachment(sha)
                if problem:
                    problems.append(
                        f"The attachment {_attachment_label(entry, attachment)} {problem}."
                    )
        mode = stat.S_IMODE(self.path.stat().st_mode)
        if has_file_modes() and mode & 0o077:
            problems.append(
                f"{self.path} can be read by other users (mode {mode:o}); run 'chmod 600 {self.path}'."
            )
        return problems

    # --- evidence ----------------------------------------------------------------------

    def timeline(self, child: Mapping[str, Any], options: TimelineOptions) -> str:
        """The evidence timeline of ``child`` in Markdown (see :mod:`sen_workbook.timeline`)."""
        from sen_workbook.timeline import render_timeline

        return render_timeline(dict(child), self.stored_entries(child["id"]), options)

    def names_inside_exhibits(
        self, child: Mapping[str, Any], options: TimelineOptions
    ) -> str | None:
        """With a pseudonym, the sentence listing the exhibits that still name the child
        inside the file, or cannot be read to check (see :func:`bundle.names_inside_exhibits`);
        None without a pseudonym or when there is nothing to say.  Said before a bundle
        is written, so the parent knows what to redact."""
        if not options.pseudonym:
            return None
        from sen_workbook.bundle import names_inside_exhibits
        from sen_workbook.timeline import exhibits

        try:
            cited = exhibits(self.stored_entries(child["id"]), options, dict(child))
        except ValueError as error:  # the pseudonym refused: it names the child
            raise ValidationError(str(error)) from error
        return names_inside_exhibits(dict(child), cited, self.read_attachment)

    @_system_refusals
    def export_bundle(
        self,
        child: Mapping[str, Any],
        options: TimelineOptions,
        out: str | os.PathLike[str],
        *,
        overwrite: bool = False,
        progress: Callable[[int, int, str], None] | None = None,
        include_pdf: bool = True,
        limit: Any = None,
        prepared_by: str = "",
        report: list[str] | None = None,
    ) -> Path:
        """Write the evidence bundle to a folder, to a ``.zip`` or to one ``.pdf``, as
        ``out`` ends.

        Nothing is half-written: a zip or a PDF is written atomically, a folder is
        assembled beside its destination and renamed into place.  An existing bundle is
        replaced only with ``overwrite``; a folder that is not a bundle is never replaced.
        A folder or zip carries the PDF too (``bundle.pdf``) unless ``include_pdf`` is
        False.  ``limit`` is the evidence's page limit (:mod:`sen_workbook.pdf.limits`),
        ``prepared_by`` goes on the PDF's cover, and ``report``, when given, receives the
        sentences on the PDF's pages against the limit and on exhibits left outside it.
        """
        from sen_workbook.bundle import build_bundle, portable_name, zip_bundle

        target = self.check_output_path(out)
        if target.exists() and not overwrite:
            raise WorkbookError(
                f"{target} already exists; choose another name or pass --force to replace it."
            )
        if target.is_dir() and not (target / "MANIFEST.sha256").is_file():
            raise WorkbookError(
                f"{target} is a folder that is not an evidence bundle, so it will not be replaced."
            )
        if not target.parent.is_dir():
            raise WorkbookError(f"The folder {target.parent} does not exist.")
        if getattr(options, "pseudonym", ""):
            from sen_workbook.timeline import find_child_name

            found = find_child_name(child, target.name)
            if found:
                raise WorkbookError(
                    f"The name {_excerpt(target.name)} contains the child's name {_excerpt(found)}, which a "
                    "pseudonymised bundle must not show; choose another name for it."
                )
        if target.suffix.lower() == ".pdf":
            return self._export_pdf(
                child,
                options,
                target,
                overwrite=overwrite,
                progress=progress,
                limit=limit,
                prepared_by=prepared_by,
                report=report,
            )
        if progress:
            progress(0, 1, "Assembling the timeline")

        def pdf(markdown_text: str, exhibits: list[Any], body: str | None) -> bytes:
            from sen_workbook.pdf.bundle import pdf_from_markdown

            made = pdf_from_markdown(
                dict(child),
                options,
                markdown_text,
                exhibits,
                self.read_attachment,
                limit=limit,
                prepared_by=prepared_by,
                progress=progress,
                entry_kinds={entry["id"]: entry["kind"] for entry in stored},
                html_body=body,
            )
            if report is not None:
                report.extend(made.report())
            return made.data

        try:
            stored = self.stored_entries(child["id"])
            files = build_bundle(
                dict(child), stored, options, self.read_attachment, pdf=pdf if include_pdf else None
            )
        except WorkbookError:
            raise
        except ValueError as error:  # the options or a bundle's rule refused (BundleError)
            raise ValidationError(str(error)) from error
        if target.suffix.lower() == ".zip":
            if progress:
                progress(0, 1, "Writing the zip file")
            with _writing(target):
                atomic_write(
                    target, zip_bundle(files, portable_name(target.stem, "evidence-bundle"))
                )
            if progress:
                progress(1, 1, "Done")
            return target
        # A full disk or a folder that cannot be written is said in one sentence; the
        # staging folder is gone by then, so nothing is left half-written.
        with _writing(target):
            write_folder(target, files, progress=progress)
        return target

    def _export_pdf(
        self,
        child: Mapping[str, Any],
        options: TimelineOptions,
        target: Path,
        *,
        overwrite: bool,
        progress: Callable[[int, int, str], None] | None,
        limit: Any,
        prepared_by: str,
        report: list[str] | None,
    ) -> Path:
        """The bundle as one PDF, written with :meth:`write_output` (never over the
        workbook, atomically)."""
        from sen_workbook.pdf import build_pdf_bundle

        try:
            made = build_pdf_bundle(
                dict(child),
                self.stored_entries(child["id"]),
                options,
                self.read_attachment,
                limit=limit,
                prepared_by=prepared_by,
                progress=progress,
            )
        except WorkbookError:
            raise
        except ValueError as error:  # the options or a bundle's rule refused (BundleError)
            raise ValidationError(str(error)) from error
        written = self.write_output(target, made.data, overwrite=overwrite, suffix=".pdf")
        if report is not None:
            report.extend(made.report())
        return written

    @_system_refusals
    def write_output(
        self,
        out: str | os.PathLike[str],
        content: bytes,
        *,
        overwrite: bool = False,
        suffix: str = "",
    ) -> Path:
        """Write a file the workbook produced (a calendar) atomically, never over the
        workbook itself, its lock, backups or stored files (:meth:`check_output_path`)."""
        target = self.check_output_path(out)
        if suffix and target.suffix.lower() != suffix:
            raise WorkbookError(f"{target.name} should end in {suffix}; choose a name that does.")
        if target.exists() and not overwrite:
            raise WorkbookError(
                f"{target} already exists; choose another name or pass --force to replace it."
            )
        if target.is_dir():
            raise WorkbookError(f"{target} is a folder; give the name of a file.")
        if not target.parent.is_dir():
            raise WorkbookError(f"The folder {target.parent} does not exist.")
        try:
            atomic_write(target, content)
        except OSError as error:
            raise FilesError(f"Could not write {target}: {error.strerror}.") from error
        return target

    # --- letters -----------------------------------------------------------------------

    def letter(
        self,
        child: Mapping[str, Any],
        letter_type: str,
        *,
        as_of: _dt.date,
        entry_id: str | None = None,
        pseudonym: str = "",
        rule: str = "",
        signed: str = "",
    ) -> Letter:
        """A letter about ``child`` written from the records (see :mod:`sen_workbook.letters`),
        signed ``signed``; a pseudonymised letter is never signed, as the parent's name
        would give the child's away."""
        from sen_workbook.letters import write_letter

        return write_letter(
            dict(child),
            self.stored_entries(child["id"]),
            letter_type,
            as_of=as_of,
            entry_id=entry_id,
            pseudonym=pseudonym,
            rule=rule,
            signed="" if pseudonym.strip() else signed,
        )

    @_system_refusals
    def export_letter(
        self,
        child: Mapping[str, Any],
        out: str | os.PathLike[str],
        content: bytes,
        *,
        pseudonymised: bool = False,
        overwrite: bool = False,
    ) -> Path:
        """Write a letter to ``out`` (see :meth:`write_output`: atomic, 0600, never over
        the workbook); a pseudonymised letter's file name must not give the child's name
        away."""
        if pseudonymised:
            from sen_workbook.timeline import find_child_name

            name = Path(out).name
            found = find_child_name(child, name)
            if found:
                raise WorkbookError(
                    f"The name {name!r} contains the child's name {found!r}, which a "
                    "pseudonymised letter must not show; choose another name for it."
                )
        return self.write_output(out, content, overwrite=overwrite)

    def record_letter(self, letter: Letter, child_id: str, text: str) -> model.Entry:
        """Record ``letter`` as sent, with ``text`` (the letter as sent) as its details.

        One save adds the ``correspondence`` or ``request`` entry the letter gives, and
        for a meeting's follow-up sets the meeting's ``follow_up_sent`` to the letter's
        date (keeping the meeting's earlier version); either both are saved or neither.
        Returns the new entry.
        """
        from sen_workbook.letters import recorded_entry

        kind, fields = recorded_entry(letter, text)
        entry = model.new_entry(kind, child_id, **model.copy_record(fields))
        data = self._data()
        self._check_in_context(entry, data)
        meeting_id = letter.record.follow_up_of
        meeting: model.Entry | None = None
        current = self.entry(meeting_id) if meeting_id else None
        if current is not None and not current.get("follow_up_sent"):  # the first one counts
            meeting = {**current, "follow_up_sent": fields["date"]}
            earlier = {k: v for k, v in current.items() if k != "revisions"}
            meeting["revisions"] = current["revisions"] + [
                {"replaced_at": model.now_stamp(), "record": earlier}
            ]
            meeting["updated_at"] = model.now_stamp()
            self._check_in_context(meeting, data)

        def record(data: dict[str, dict[str, Any]]) -> None:
            if entry["id"] in data["entries"]:
                raise WorkbookError(f"An entry with id {entry['id']!r} already exists.")
            data["entries"][entry["id"]] = model.copy_record(entry)
            if meeting is not None:
                data["entries"][meeting_id] = model.copy_record(meeting)

        self._change(record)
        return model.copy_record(entry)

    # --- information -------------------------------------------------------------------

    def newest_backup(self) -> Path | None:
        return newest_backup(self.path)

    def backup_now(self, label: str = "manual") -> Path | None:
        return make_backup(self.path, self._today(), label=label)


class _Tracked(dict):
    """A copy of a table that notes every key set or removed in it."""

    def __init__(self, table: dict[str, Any]):
        super().__init__(table)
        self.touched: set[str] = set()

    def __setitem__(self, key: str, value: Any) -> None:
        self.touched.add(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.touched.add(key)
        super().__delitem__(key)

    def pop(self, key: str, *default: Any) -> Any:
        self.touched.add(key)
        return super().pop(key, *default)

    def popitem(self) -> tuple[str, Any]:
        key, value = super().popitem()
        self.touched.add(key)
        return key, value

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.touched.add(key)
        return super().setdefault(key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        one = len(args) == 1 and not kwargs and type(args[0]) is dict
        other = args[0] if one else dict(*args, **kwargs)  # a table of thousands: no copy
        self.touched.update(other)
        super().update(other)

    def clear(self) -> None:
        self.touched.update(self)
        super().clear()

    def __ior__(self, other: Any) -> _Tracked:  # type: ignore[misc]
        self.update(other)
        return self


def in_order(entries: Iterable[Mapping[str, Any]]) -> list[Any]:
    """``entries`` oldest first, as :meth:`Workbook.entries` orders them, not copied."""
    return sorted(entries, key=_entry_sort_key)


def check_attachable(path: Path) -> None:
    """Refuse a path that cannot be attached, in the sentence a parent reads (a
    :class:`FilesError`): nothing there, a folder, or a file this program may not read.

    The forms ask before the entry is saved; :meth:`Workbook.add_attachment` asks again.
    """
    if not path.exists():
        raise FilesError(f"There is no file at {path}.")
    if path.is_dir():
        raise FilesError(f"{path} is a folder, not a file.")
    if not path.is_file():  # a device or a pipe
        raise FilesError(f"{path} is not a file.")
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as error:
        raise FilesError(f"{path} cannot be read: {error.strerror or error}.") from error


def sorted_copies(entries: Iterable[Mapping[str, Any]]) -> list[model.Entry]:
    """Copies of ``entries``, oldest first, as :meth:`Workbook.entries` gives them."""
    return sorted(cast("list[model.Entry]", model.copy_record(list(entries))), key=_entry_sort_key)


def _same(record: T) -> T:
    return record


def _not_yet_stored(
    records: list[Any], stored: Mapping[str, Any], what: str, problems: list[str]
) -> tuple[list[Any], int]:
    """The archive's records not in the workbook yet, and how many are there already.

    A record stored under the same id with other content is a problem, not a duplicate.
    """
    if not stored:
        return list(records), 0  # a new workbook: every record is new
    new, same = [], 0
    for record in records:
        existing = stored.get(_id_of(record))
        if existing is None:
            new.append(record)
        elif existing == record:
            same += 1
        else:
            problems.append(
                f"{what} {_excerpt(_id_of(record))} has the id of a different {what} already in the workbook"
            )
    return new, same


def _with_restored(current: dict[str, Any] | None, restored: dict[str, Any]) -> dict[str, Any]:
    """The entry to keep when ``restored`` comes back from the trash: itself when its id
    is free, else the ``current`` entry with the restored version (and any of its own
    earlier versions) added to its history."""
    if current is None or current == restored:
        return restored if current is None else current
    history = list(current.get("revisions", []))
    history += [r for r in restored.get("revisions", []) if r not in history]
    version = {k: v for k, v in restored.items() if k != "revisions"}
    history.append({"replaced_at": model.now_stamp(), "record": version})
    return {**current, "revisions": history, "updated_at": model.now_stamp()}


_excerpt = model.excerpt


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """Turn the system's refusal to write ``target`` (a read-only folder, a full disk)
    into one sentence; whatever wrote there has already removed its partial file."""
    try:
        yield
    except StorageError:  # already one sentence (a file held open by another program)
        raise
    except OSError as error:
        raise FilesError(
            f"Could not write {target}: {error.strerror or error}. Nothing was written."
        ) from error


def _attachment_label(entry: Mapping[str, Any], attachment: Mapping[str, Any]) -> str:
    """How a message names an attached file: its name, its entry's title and date."""
    return (
        f"{_excerpt(attachment.get('filename'))} of the entry {_excerpt(entry.get('title'))} "
        f"({_excerpt(entry.get('date'))})"
    )


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (a hard link counts); False if either is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _fill_natural_empties(
    document: dict[str, Any], data: Mapping[str, Any], sound: Container[int] = frozenset()
) -> tuple[int, tuple[str, ...]]:
    """Fill, in place, what an archive from elsewhere may leave out or write as null.

    A record already in the workbook keeps its stamps, so importing the same archive again
    still finds it the same.  Entries whose ``id()`` is in ``sound`` have nothing to fill
    (:func:`~sen_workbook.model.sound_entries`).  Returns how many records were filled
    and which fields.
    """
    records = 0
    names: set[str] = set()
    for table, child in (("children", True), ("entries", False)):
        for number, record in enumerate(document[table]):
            if id(record) in sound:
                continue
            filled_record, filled = model.fill_natural_empties(record, child=child)
            if not filled:
                continue
            stored = data[table].get(_id_of(record))
            if stored is not None:
                for stamp in ("created_at", "updated_at"):
                    if stamp in filled and stamp in stored:
                        filled_record[stamp] = stored[stamp]
            document[table][number] = filled_record
            records += 1
            names.update(filled)
    return records, tuple(sorted(names))


def _id_of(record: Any) -> str:
    """A record's id if it has a usable one (archives may hold anything)."""
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        return record["id"]
    return ""


def _zip_add(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    import zipfile

    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, content)


# Limits on what an archive may expand to, so a small zip cannot fill the memory (a 2 MB
# zip can expand to gigabytes).  Real attachments (PDFs, photos) hardly compress, and a
# workbook's JSON about ten times; a member that expands far more than that is refused.
ARCHIVE_MAX_BYTES = 4 * 1024**3  # everything in one archive, expanded
ARCHIVE_MAX_RATIO = 200  # expanded size over compressed size, for members over 1 MiB
_SMALL_MEMBER = 1024**2


def _read_archive(
    path: Path, *, skip_damaged: bool = False
) -> tuple[dict[str, Any], dict[str, bytes], set[str]]:
    """Read and check an archive's outer shape: a ``.json`` file or a ``.zip``.

    Returns the document, the attached files that are intact (by SHA-256) and, with
    ``skip_damaged``, the SHA-256 names of the files that were not.  A damaged zip, a
    damaged ``workbook.json``, an encrypted member, an unknown compression method or a
    member expanding past :data:`ARCHIVE_MAX_BYTES` or :data:`ARCHIVE_MAX_RATIO` is
    refused with one sentence.
    """
    import zipfile

    if not path.exists():
        raise ArchiveError(f"There is no file at {path}.")
    if not path.is_file():
        raise ArchiveError(f"{path} is not a file.")
    files: dict[str, bytes] = {}
    damaged: set[str] = set()
    try:
        with open(path, "rb") as handle:
            start = handle.read(4)
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                raw = _read_zip(path, archive, files, damaged, skip_damaged)
        elif start in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
            raise ArchiveError(
                f"{path} is a damaged zip file (it may have been cut short while copying), "
                "so nothing was imported."
            )
        else:
            raw = path.read_bytes()
    except OSError as error:
        raise ArchiveError(f"Could not read {path}: {error.strerror or error}.") from error
    except (zipfile.BadZipFile, EOFError) as error:
        raise ArchiveError(
            f"{path} is a damaged zip file ({_excerpt(str(error), quoted=False)}), so nothing was imported."
        ) from error
    try:
        document = parse_json(raw)
    except (ValueError, UnicodeDecodeError):
        raise ArchiveError(f"{path} is not valid JSON, so nothing was imported.") from None
    if not isinstance(document, dict) or document.get("format") != model.FORMAT:
        raise ArchiveError(f"{path} is not an SEN Workbook archive, so nothing was imported.")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ArchiveError(f"{path} has no archive version, so nothing was imported.")
    if version < 1:
        raise ArchiveError(
            f"{path} has the archive version {version}, which no SEN Workbook writes, "
            "so nothing was imported."
        )
    if version > ARCHIVE_VERSION:
        raise ArchiveError(
            f"{path} was written by a newer SEN Workbook (archive version {version}); "
            "update SEN Workbook to import it. Nothing was imported."
        )
    extra = sorted(set(document) - {"format", "version", "children", "entries"})
    if extra:
        raise ArchiveError(
            f"{path} has fields an archive does not have ({', '.join(extra)}), so nothing was imported."
        )
    for name in ("children", "entries"):
        if not isinstance(document.get(name), list):
            raise ArchiveError(f"{path} has no list of {name}, so nothing was imported.")
    return document, files, damaged


def _read_zip(
    path: Path,
    archive: zipfile.ZipFile,
    files: dict[str, bytes],
    damaged: set[str],
    skip_damaged: bool,
) -> bytes:
    """``workbook.json`` of an open zip; its intact files go into ``files`` and, with
    ``skip_damaged``, the names of damaged ones into ``damaged``."""
    import zipfile

    infos = [info for info in archive.infolist() if not info.is_dir()]
    names = [info.filename for info in infos]
    if "workbook.json" not in names:
        raise ArchiveError(f"{path} is a zip file but has no workbook.json inside.")
    total = 0
    for info in infos:
        if info.filename != "workbook.json" and not _SHA_NAME.match(info.filename):
            raise ArchiveError(
                f"{path} holds {_excerpt(info.filename)}, which is not workbook.json or "
                "files/<sha256>, so nothing was imported."
            )
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > ARCHIVE_MAX_BYTES or (
            info.file_size > _SMALL_MEMBER and ratio > ARCHIVE_MAX_RATIO
        ):
            raise ArchiveError(
                f"{path} expands to far more than it holds ({info.filename} alone to "
                f"{info.file_size:,} bytes), which no SEN Workbook archive does, so nothing "
                "was imported."
            )
        if info.flag_bits & 0x1:
            raise ArchiveError(
                f"{path} holds the encrypted file {info.filename}; SEN Workbook archives "
                "are not encrypted, so nothing was imported."
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ArchiveError(
                f"{path} holds {info.filename} packed in a way SEN Workbook does not read "
                f"(compression method {info.compress_type}), so nothing was imported."
            )
    raw, problem = _read_member(archive, archive.getinfo("workbook.json"))
    if problem:
        raise ArchiveError(
            f"The records in {path} (workbook.json) are damaged ({problem}), so nothing "
            "was imported; try an earlier archive or a file from the backups folder."
        )
    for info in infos:
        match = _SHA_NAME.match(info.filename)
        if not match:
            continue
        content, problem = _read_member(archive, info)
        if not problem and sha256_bytes(content) != match.group(1):
            problem = "it does not match its SHA-256"
        if problem:
            if skip_damaged:
                damaged.add(match.group(1))
                continue
            raise ArchiveError(
                f"Nothing was imported from {path}: the file {info.filename} is damaged "
                f"({problem}); import with --skip-damaged to bring back every record "
                "without the damaged files."
            )
        files[match.group(1)] = content
    return raw


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[bytes, str]:
    """A member's bytes, read no further than its stated size, or what is wrong with it."""
    import zipfile
    import zlib

    try:
        if info.compress_type == zipfile.ZIP_DEFLATED:
            content = _inflated(archive, info)
        else:
            with archive.open(info) as member:
                content = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        return b"", _excerpt(str(error), quoted=False) or "it cannot be unpacked"
    except (RuntimeError, NotImplementedError) as error:  # encrypted, or packed oddly
        return b"", _excerpt(str(error), quoted=False)
    if len(content) != info.file_size:
        return b"", "its length is not the one recorded"
    return content, ""


def _inflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A deflated member's bytes, inflated by ISA-L (``isal``) and checked as ``zipfile``
    checks them: no further than its stated size, to the end of its stream, against its
    CRC-32.  Raises what ``zipfile`` raises for a damaged member.

    ISA-L inflates and checks in less than half the steps of the standard ``zlib`` that
    ``zipfile`` uses (39 million machine instructions against 89 for an 8 MB
    workbook.json).  The packed bytes are read as stored, through a copy of the
    member's entry that says so.
    """
    import copy
    import importlib
    import zipfile
    import zlib
    from types import ModuleType

    try:
        inflating: ModuleType = importlib.import_module("isal.isal_zlib")
    except ImportError:  # a computer isal has no ready-made copy for: zlib does the same
        inflating = zlib

    packed = copy.copy(info)
    packed.compress_type = zipfile.ZIP_STORED
    packed.file_size = info.compress_size
    del packed.CRC  # the CRC-32 is of the inflated bytes: checked below
    with archive.open(packed) as member:
        raw = member.read(info.compress_size + 1)
    if len(raw) != info.compress_size:
        raise EOFError("it was cut short")
    inflate = inflating.decompressobj(-inflating.MAX_WBITS)
    try:
        content = inflate.decompress(raw, info.file_size + 1)
    except inflating.error as error:  # a damaged stream, said as zlib says it
        raise zlib.error(str(error)) from None
    if len(content) != info.file_size:
        return content  # the caller says its length is not the one recorded
    if not inflate.eof:
        raise EOFError("Compressed file ended before the end-of-stream marker was reached")
    if inflating.crc32(content) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    return content


def make_demo_folder() -> Path:
    """A fresh private temporary folder for the sample workbook."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="sen-workbook-demo-"))
    make_private(folder, FOLDER_MODE)
    return folder


def remove_demo_folder(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)

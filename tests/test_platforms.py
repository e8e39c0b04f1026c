"""Saving on Windows and macOS, run here: the system answers as they do, the storage is real.

``files.PLATFORM`` is the one answer to "which system is this"; each test sets it and
makes the system calls behave as they do there (a folder that cannot be opened, no
``os.fchmod`` or ``os.sync``, ``F_FULLFSYNC``, a file held open by another program), then
checks what a parent would notice: records on disk, files written whole and synced, the
sentence shown when a file stays held.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import filelock  # noqa: F401  imported here, for its import probes this (Linux) file system
import pytest

from sen_workbook import files
from sen_workbook.cli import main
from sen_workbook.errors import StorageError
from sen_workbook.files import FileHeldError
from sen_workbook.timeline import TimelineOptions
from sen_workbook.workbook import Workbook

AS_OF = dt.date(2024, 9, 1)
F_FULLFSYNC = 51  # its number on macOS
SHARING_VIOLATION = 32


def sharing_violation(path: object) -> PermissionError:
    """The error Windows gives when another program has the file open."""
    error = PermissionError(
        errno.EACCES,
        "The process cannot access the file because it is being used by another process",
        os.fspath(path),  # type: ignore[arg-type]
    )
    error.winerror = SHARING_VIOLATION  # type: ignore[attr-defined]
    return error


def _identity(info: os.stat_result, read) -> tuple[int, str]:
    # The inode and, for a file, its content: an inode freed by one save may be reused by
    # the next file, which must not count as synced because the first one was.
    if stat.S_ISREG(info.st_mode):
        return info.st_ino, hashlib.sha256(read()).hexdigest()
    return info.st_ino, "folder"


def identity(path: Path) -> tuple[int, str]:
    """What a file or folder on disk is, to compare with :func:`synced_identity`."""
    return _identity(path.stat(), path.read_bytes)


def synced_identity(fd: int) -> tuple[int, str]:
    """What the open file or folder being synced is."""
    return _identity(os.fstat(fd), Path(f"/proc/self/fd/{fd}").read_bytes)


@pytest.fixture
def synced(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    """The files and folders flushed with ``os.fsync``, in order."""
    seen: list[tuple[int, str]] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        seen.append(synced_identity(fd))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return seen


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The system answers as Windows does; returns the paths given to ``os.chmod``.

    ``os.open`` refuses a folder, ``os.fchmod`` is missing (before Python 3.13) and so is
    ``os.sync``.
    """
    monkeypatch.setattr(files, "PLATFORM", "win32")
    real_open = os.open

    def open_(path, flags, *args, **kwargs):
        if os.path.isdir(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.delattr(os, "fchmod")
    monkeypatch.delattr(os, "sync")
    chmods: list[str] = []
    real_chmod = os.chmod

    def chmod(path, mode, **kwargs):
        chmods.append(os.fspath(path))
        real_chmod(path, mode, **kwargs)

    monkeypatch.setattr(os, "chmod", chmod)
    return chmods


@pytest.fixture
def macos(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """The system answers as macOS does: ``fcntl`` has ``F_FULLFSYNC``.

    Returns the files and folders given ``F_FULLFSYNC`` ("full") and those refused it;
    a test puts anything in ``refuse`` to have every one refused (as a network share
    would).  "events" lists every ``("fsync" | "full", what)`` in order, and ``os.sync``
    calls are counted, for it must not be trusted there.
    """
    monkeypatch.setattr(files, "PLATFORM", "darwin")
    monkeypatch.setattr(fcntl, "F_FULLFSYNC", F_FULLFSYNC, raising=False)
    answers: dict[str, list] = {"full": [], "refused": [], "refuse": [], "sync": [], "events": []}
    real_fcntl = fcntl.fcntl
    real_fsync = os.fsync

    def fcntl_(fd, command, *args):
        if command != F_FULLFSYNC:
            return real_fcntl(fd, command, *args)
        if answers["refuse"]:
            answers["refused"].append(synced_identity(fd))
            raise OSError(errno.ENOTSUP, "Operation not supported")
        real_fsync(fd)  # what F_FULLFSYNC does, and more, on a Mac
        answers["full"].append(synced_identity(fd))
        answers["events"].append(("full", synced_identity(fd)))
        return 0

    def fsync(fd):
        answers["events"].append(("fsync", synced_identity(fd)))
        real_fsync(fd)

    monkeypatch.setattr(fcntl, "fcntl", fcntl_)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "sync", lambda: answers["sync"].append(1))
    return answers


def add_family(book: Workbook, family) -> tuple[dict, list[dict]]:
    children, entries = family
    child = book.add_child(children[0])
    saved = [book.add_entry(e["kind"], child["id"], e) for e in entries]
    return child, saved


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def write_everything(book: Workbook, family, tmp_path: Path) -> dict[str, Path]:
    """Every kind of write the product makes: records, an attachment, a backup, a bundle
    to a folder and to a zip, an archive."""
    child, saved = add_family(book, family)
    source = tmp_path / "speech report.pdf"
    source.write_bytes(b"%PDF-1.4 the speech and language report")
    book.add_attachment(saved[0]["id"], source)
    options = TimelineOptions(as_of=AS_OF, purpose="ehcna")
    return {
        "backup": book.backup_now(),
        "bundle": book.export_bundle(child, options, tmp_path / "bundle"),
        "zip": book.export_bundle(child, options, tmp_path / "bundle.zip"),
        "archive": book.write_archive(tmp_path / "archive.zip"),
    }


# --- Windows ---------------------------------------------------------------------------


def test_windows_saves_every_file_without_opening_folders_or_changing_modes(
    windows, synced, tmp_path, family
):
    path = tmp_path / "records" / "workbook.json"
    with Workbook(path) as book:
        written = write_everything(book, family, tmp_path)
        titles = sorted(e["title"] for e in book.entries())
    # each file was flushed through its own handle (a folder cannot be opened there)
    for file in [
        path,
        written["backup"],
        written["zip"],
        written["archive"],
        *files_under(written["bundle"]),
        *files_under(tmp_path / "records" / "files"),
    ]:
        assert identity(file) in synced, file
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*"))
    # chmod would only set or clear the read-only flag there
    assert windows == []
    with zipfile.ZipFile(written["zip"]) as archive:
        assert "bundle/timeline.md" in archive.namelist()
    with Workbook(path, read_only=True) as book:
        assert sorted(e["title"] for e in book.entries()) == titles
        assert book.check() == []


def test_windows_check_does_not_ask_for_modes_the_system_has_not(windows, tmp_path):
    path = tmp_path / "workbook.json"
    Workbook(path).close()
    os.chmod(path, 0o666)  # how Windows reports any file that is not read-only
    with Workbook(path, read_only=True) as book:
        assert book.check() == []


def test_linux_check_still_reports_a_workbook_others_can_read(tmp_path):
    path = tmp_path / "workbook.json"
    Workbook(path).close()
    os.chmod(path, 0o644)
    with Workbook(path, read_only=True) as book:
        (problem,) = book.check()
    assert "can be read by other users (mode 644)" in problem


def test_windows_lock_lets_one_window_write_and_keeps_its_file(windows, tmp_path):
    path = tmp_path / "workbook.json"
    with Workbook(path) as first:
        first.add_child({"name": "Zoë Hughes"})
        with Workbook(path) as second:
            assert second.read_only and second.open_elsewhere
            assert "open in another window or program" in second.read_only_reason
            with pytest.raises(StorageError, match="Nothing was saved"):
                second.add_child({"name": "Siân Evans"})
    assert Path(str(path) + ".lock").exists()
    with Workbook(path) as again:
        assert not again.read_only
        again.add_child({"name": "Siân Evans"})
        assert [c["name"] for c in again.children()] == ["Siân Evans", "Zoë Hughes"]


def test_windows_lock_is_refused_to_another_process(windows, tmp_path):
    """The lock taken through filelock is the one another process meets."""
    path = tmp_path / "workbook.json"
    probe = (
        "import sys; from sen_workbook.workbook import Workbook\n"
        "with Workbook(sys.argv[1]) as book: print(book.read_only)\n"
    )
    with Workbook(path):
        held = subprocess.run(
            [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60
        )
    free = subprocess.run(
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, timeout=60
    )
    assert (held.stdout.strip(), free.stdout.strip()) == ("True", "False"), held.stderr


def test_windows_replace_waits_while_another_program_holds_the_file(
    windows, monkeypatch, db_path, family
):
    with Workbook(db_path) as book:
        child, saved = add_family(book, family)
        real_replace = os.replace
        tries: list[float] = []

        def replace(source, target):
            tries.append(time.monotonic())
            if len(tries) <= 2:
                raise sharing_violation(target)
            real_replace(source, target)

        monkeypatch.setattr(os, "replace", replace)
        book.update_entry(saved[0]["id"], {"title": "Changed while scanned"})
        monkeypatch.setattr(os, "replace", real_replace)
    assert len(tries) == 3
    assert tries[2] - tries[0] >= sum(files.REPLACE_WAITS[:2])
    stored = json.loads(db_path.read_text(encoding="utf-8"))
    assert stored["entries"][saved[0]["id"]]["title"] == "Changed while scanned"
    assert not any(p.name.endswith(".tmp") for p in db_path.parent.iterdir())


def test_windows_replace_gives_one_sentence_when_the_file_stays_held(
    windows, monkeypatch, db_path, family
):
    with Workbook(db_path) as book:
        child, saved = add_family(book, family)
        before = db_path.read_bytes()
        tries: list[str] = []

        def held(source, target):
            tries.append(os.fspath(target))
            raise sharing_violation(target)

        monkeypatch.setattr(os, "replace", held)
        started = time.monotonic()
        with pytest.raises(StorageError) as caught:
            book.update_entry(saved[0]["id"], {"title": "Never saved"})
        waited = time.monotonic() - started
        monkeypatch.undo()
    message = str(caught.value)
    assert message == (
        f"Could not save the workbook {db_path}: another program (an antivirus scanner or a "
        "cloud-sync client, for example) is holding it open, or it is marked read-only. "
        "Nothing was changed on disk; your earlier records are safe."
    )
    assert len(tries) == len(files.REPLACE_WAITS) + 1
    assert sum(files.REPLACE_WAITS) <= waited < sum(files.REPLACE_WAITS) + 5
    assert db_path.read_bytes() == before
    assert not any(p.name.endswith(".tmp") for p in db_path.parent.iterdir())


def test_windows_bundle_held_by_another_program_is_one_sentence(
    windows, monkeypatch, tmp_path, family, capsys
):
    path = tmp_path / "workbook.json"
    with Workbook(path) as book:
        child, _ = add_family(book, family)
    out = tmp_path / "bundle.zip"
    out.write_bytes(b"the bundle sent last week")

    def held(source, target):
        raise sharing_violation(target)

    monkeypatch.setattr(os, "replace", held)
    monkeypatch.setattr(files, "REPLACE_WAITS", (0.01,))
    with Workbook(path, read_only=True) as book:
        with pytest.raises(FileHeldError) as caught:
            book.export_bundle(child, TimelineOptions(as_of=AS_OF), out, overwrite=True)
    assert str(caught.value) == (
        f"{out} could not be replaced because another program (an antivirus scanner or a "
        "cloud-sync client, for example) is holding it open, or it is marked read-only; close "
        "that program or wait a moment, then try again."
    )
    assert out.read_bytes() == b"the bundle sent last week"
    capsys.readouterr()
    assert main(["--db", str(path), "bundle", child["id"], "--out", str(out), "--force"]) == 2
    assert capsys.readouterr().err == f"sen-workbook: {caught.value}\n"
    assert out.read_bytes() == b"the bundle sent last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "backups",
        "bundle.zip",
        "workbook.json",
        "workbook.json.lock",
    ]


def test_windows_other_refusals_are_not_waited_on(windows, monkeypatch, db_path, family):
    """Access refused for good (winerror 1920: the file cannot be reached) fails at once."""
    with Workbook(db_path) as book:
        child, saved = add_family(book, family)
        tries: list[str] = []

        def refused(source, target):
            tries.append(os.fspath(target))
            error = PermissionError(errno.EACCES, "The file cannot be accessed by the system")
            error.winerror = 1920  # type: ignore[attr-defined]
            raise error

        monkeypatch.setattr(os, "replace", refused)
        with pytest.raises(StorageError, match="The file cannot be accessed by the system"):
            book.update_entry(saved[0]["id"], {"title": "Never saved"})
        monkeypatch.undo()
    assert len(tries) == 1


def test_linux_does_not_wait_on_a_refused_replace(monkeypatch, db_path, family):
    with Workbook(db_path) as book:
        child, saved = add_family(book, family)
        tries: list[str] = []

        def refused(source, target):
            tries.append(os.fspath(target))
            raise sharing_violation(target)

        monkeypatch.setattr(os, "replace", refused)
        with pytest.raises(StorageError, match="being used by another process"):
            book.update_entry(saved[0]["id"], {"title": "Never saved"})
        monkeypatch.undo()
    assert len(tries) == 1


# --- macOS -----------------------------------------------------------------------------


def test_macos_every_file_and_folder_reaches_the_disk_with_full_fsync(macos, tmp_path, family):
    path = tmp_path / "records" / "workbook.json"
    with Workbook(path) as book:
        written = write_everything(book, family, tmp_path)
    events = macos["events"]
    # a file replaced on its own, and every folder, is flushed past the drive's cache
    alone = [path, written["backup"], written["zip"], written["archive"]]
    folders = [
        path.parent,
        written["backup"].parent,
        tmp_path / "records" / "files",
        written["bundle"],
        written["bundle"] / "exhibits",
        tmp_path,
    ]
    for item in alone + folders:
        assert ("full", identity(item)) in events, item
    # files written together (a bundle, attachments) are each fsynced, and one F_FULLFSYNC
    # after them all empties the drive's cache for the lot before they are used
    bundle = files_under(written["bundle"])
    attachments = files_under(tmp_path / "records" / "files")
    for item in bundle + attachments:
        first = next(at for at, (_, what) in enumerate(events) if what == identity(item))
        assert events[first][0] == "full" or any(
            kind == "full" for kind, _ in events[first + 1 :]
        ), item
    assert sum(("full", identity(p)) in events for p in bundle) == 1
    assert not any(("full", identity(p)) in events for p in attachments)
    # sync() returns before the disk has the data there, so the bundle does not rely on it
    assert macos["sync"] == []
    # and modes are kept as on Linux
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(written["bundle"].stat().st_mode) == 0o700


def test_macos_falls_back_to_fsync_where_full_fsync_is_refused(macos, synced, db_path, family):
    macos["refuse"].append(1)  # a network share, or a USB drive's file system
    with Workbook(db_path) as book:
        child, saved = add_family(book, family)
        book.update_entry(saved[0]["id"], {"title": "Saved on a network share"})
    assert macos["full"] == []
    assert identity(db_path) in macos["refused"]
    assert identity(db_path) in synced
    assert identity(db_path.parent) in synced
    with Workbook(db_path) as book:
        assert book.entry(saved[0]["id"])["title"] == "Saved on a network share"


def test_macos_without_full_fsync_in_python_uses_fsync(monkeypatch, synced, db_path, family):
    monkeypatch.setattr(files, "PLATFORM", "darwin")
    monkeypatch.delattr(fcntl, "F_FULLFSYNC", raising=False)
    with Workbook(db_path) as book:
        child, saved = add_family(book, family)
    assert identity(db_path) in synced
    with Workbook(db_path) as book:
        assert len(book.entries()) == len(saved)


# --- Linux -----------------------------------------------------------------------------


def test_linux_syncs_a_bundle_once_and_sets_modes(monkeypatch, synced, tmp_path, family):
    calls: list[int] = []
    real_sync = os.sync
    monkeypatch.setattr(os, "sync", lambda: (calls.append(1), real_sync()))
    monkeypatch.setattr(files, "PLATFORM", "linux")
    path = tmp_path / "workbook.json"
    with Workbook(path) as book:
        child, _ = add_family(book, family)
        bundle = book.export_bundle(child, TimelineOptions(as_of=AS_OF), tmp_path / "bundle")
    assert calls == [1]
    assert not any(identity(p) in synced for p in files_under(bundle))
    assert identity(bundle.parent) in synced  # the rename into place is made durable
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in files_under(bundle)} == {0o600}
    assert stat.S_IMODE(Path(str(path) + ".lock").stat().st_mode) == 0o600

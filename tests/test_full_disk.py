"""A full disk and a read-only folder, for real: one sentence, exit 2, nothing half-written.

As root the disk is a small tmpfs that really fills up (ENOSPC) and the read-only folder a
tmpfs remounted read-only (EROFS), and the commands run in the test's own process;
otherwise they run as programs under a file size limit (``RLIMIT_FSIZE``, EFBIG) and the
folder is made read-only with chmod.  Starting the app is always a program of its own.  No
storage is mocked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from sen_workbook.workbook import Workbook
from tests.command_line import run_command, run_program
from tests.conftest import family_records
from tests.test_archive_damage import one_sentence
from tests.test_cli import write_archive_json

ROOT = Path(__file__).resolve().parent.parent
AS_ROOT = (
    sys.platform.startswith("linux")
    and os.geteuid() == 0
    and shutil.which("mount")
    and not os.environ.get("SEN_TEST_NO_MOUNT")
)  # set it to try the other way
DISK_BYTES = 3 * 1024**2

# Runs the command line with every file it writes limited to DISK_BYTES when asked: the
# system then refuses the write that would pass it, as a full disk refuses one.
LIMITED = textwrap.dedent(
    """
    import os, resource, signal, sys
    limit = int(os.environ.get("SEN_TEST_FILE_LIMIT", "0"))
    if limit:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from sen_workbook.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def _mount(folder: Path, options: str) -> bool:
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    return result.returncode == 0


class Disk:
    """A folder on a small disk: really small (tmpfs) as root, else a file size limit."""

    def __init__(self, folder: Path):
        folder.mkdir()
        self.folder = folder
        self.mounted = bool(AS_ROOT) and _mount(folder, f"size={DISK_BYTES},mode=0700")

    def run(self, *argv: str, program: bool = False) -> subprocess.CompletedProcess[str]:
        """``sen-workbook ARGV``: in this process on a disk that really fills up, as a
        program of its own under the file size limit otherwise, or with ``program``."""
        if self.mounted and not program:
            return run_command(*argv)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        if not self.mounted:  # each attached scan (2 MiB) is larger than this
            env["SEN_TEST_FILE_LIMIT"] = str(1024**2)
        return subprocess.run(
            [sys.executable, "-c", LIMITED, *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=180,
        )

    def fill(self) -> None:
        """Leave (almost) no room at all."""
        if self.mounted:
            with open(self.folder / "filler", "wb") as handle:
                try:
                    while True:
                        handle.write(b"\0" * 65536)
                        handle.flush()
                except OSError:
                    pass

    def unmount(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.folder)], capture_output=True)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    made = Disk(tmp_path / "disk")
    try:
        yield made
    finally:
        made.unmount()


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name != "filler")


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive whose attached files need more room than the disk has (made once: the
    tests only read it)."""
    children, entries = family_records()
    tmp_path = tmp_path_factory.mktemp("big-archive")
    db = tmp_path / "source" / "workbook.json"
    with Workbook(db) as book:
        book.load_sample(children, entries, {})
        for number in range(2):
            # Random bytes do not compress.  Named a PDF, they were read through by pypdf,
            # looking for a PDF's end, before the bundle was written (a third of a second
            # each); a TIFF scan goes into the PDF bundle as supplied separately.
            scan = tmp_path / f"scan-{number}.tiff"
            scan.write_bytes(os.urandom(2 * 1024**2))
            book.add_attachment(entries[number]["id"], scan)
        out = book.write_archive(tmp_path / "family.zip")
    return out


def test_an_import_into_a_new_path_on_a_full_disk_leaves_nothing(disk, big_archive):
    target = disk.folder / "new" / "deeper" / "workbook.json"
    line = one_sentence(disk.run("--db", str(target), "import", str(big_archive)))
    assert "No space left on device" in line or "File too large" in line
    assert _listing(disk.folder) == []  # no workbook, lock, files, backups or folders


def test_an_import_into_a_workbook_on_a_full_disk_changes_nothing(disk, big_archive, family):
    db = disk.folder / "workbook.json"
    with Workbook(db) as book:
        book.add_child({"name": "Sam"})
    before = db.read_bytes()
    line = one_sentence(disk.run("--db", str(db), "import", str(big_archive)))
    assert "Nothing was" in line
    assert db.read_bytes() == before
    assert not [p for p in disk.folder.rglob("*.tmp")]
    with Workbook(db, read_only=True) as book:
        assert [c["name"] for c in book.children()] == ["Sam"]


@pytest.mark.parametrize("out", ["family.zip", "bundle", "bundle.zip", "bundle.pdf"])
def test_archive_and_bundle_to_a_full_disk_say_so_and_leave_nothing(
    disk, tmp_path, big_archive, out
):
    if out.endswith(".pdf") and not disk.mounted:
        pytest.skip("the PDF holds only the timeline (the scans are not PDFs): it fits")
    db = tmp_path / "home" / "workbook.json"
    with Workbook(db) as book:
        assert book.import_archive(big_archive).entries_added
    disk.fill()
    if out == "family.zip":
        result = disk.run("--db", str(db), "archive", str(disk.folder / out))
    else:
        result = disk.run("--db", str(db), "bundle", "Amara", "--out", str(disk.folder / out))
    line = one_sentence(result)
    assert "No space left on device" in line or "File too large" in line, line
    assert _listing(disk.folder) == []


def test_the_app_cannot_start_a_workbook_on_a_full_disk_and_says_so(disk):
    disk.fill()
    if not disk.mounted:
        pytest.skip("an empty workbook fits under the file size limit")
    target = disk.folder / "new" / "workbook.json"
    line = one_sentence(disk.run("--db", str(target), program=True))
    assert "Could not create the workbook" in line and "No space left on device" in line
    assert _listing(disk.folder) == []


# --- a read-only folder -----------------------------------------------------------------


@pytest.fixture
def read_only_workbook(tmp_path: Path) -> Iterator[Path]:
    """A workbook (with its lock file) in a folder that cannot be written."""
    folder = tmp_path / "shared"
    folder.mkdir()
    mounted = bool(AS_ROOT) and _mount(folder, "size=1m,mode=0700")
    db = folder / "workbook.json"
    with Workbook(db) as book:
        book.add_child({"name": "Sam"})
    if mounted:
        remounted = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True)
        assert remounted.returncode == 0, remounted.stderr
    elif os.geteuid() == 0:
        pytest.skip("root writes into a folder whatever its mode, and tmpfs is not at hand")
    else:
        Path(str(db) + ".lock").chmod(0o400)
        folder.chmod(0o500)
    try:
        yield db
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        else:
            folder.chmod(0o700)


def test_a_read_only_folder_opens_read_only_and_commands_say_why(
    read_only_workbook, tmp_path, family
):
    db = read_only_workbook
    with Workbook(db) as book:
        assert book.read_only
        assert "cannot be written" in book.read_only_reason
        assert [c["name"] for c in book.children()] == ["Sam"]
    source = write_archive_json(tmp_path / "family.json", *family)
    line = one_sentence(run_command("--db", str(db), "import", str(source)))
    assert "cannot be written" in line and "Nothing was imported" in line
    assert run_command("--db", str(db), "check").returncode == 0
    line = one_sentence(run_program("--db", str(db.parent / "other" / "workbook.json")))
    assert "Could not" in line

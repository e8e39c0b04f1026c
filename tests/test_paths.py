"""Names and folders as families have them: spaces, Zoë and Siân, deep folders, and file
names that another system would refuse, through every write the product makes, with real
files on disk."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from sen_workbook.bundle import portable_name
from sen_workbook.cli import main
from sen_workbook.timeline import TimelineOptions
from sen_workbook.workbook import Workbook

AS_OF = dt.date(2024, 9, 1)

# Names a parent's files may have on Linux or macOS that Windows refuses or keeps for
# devices, and names with letters beyond ASCII.
AWKWARD_NAMES = [
    "Zoë's report: final?.pdf",
    'letter "from school" <draft>.docx',
    "what*was|said.txt",
    "CON",
    "NUL.txt",
    "com1.pdf",
    "minutes. ",
    "Siân — ysgol.jpg",
    "   .hidden",
]

# A name every system takes: letters, digits, '-' and '_', then an optional extension.
PORTABLE_EXHIBIT = re.compile(r"^E\d{3}-[A-Za-z0-9_-]+(\.[a-z0-9]{1,10})?$")
DEVICE_NAMES = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(1, 10)),
    *(f"LPT{n}" for n in range(1, 10)),
}


def portable(name: str) -> bool:
    """What Windows accepts as one name (and so do macOS and Linux)."""
    return (
        bool(name)
        and not re.search(r'[<>:"/\\|?*\x00-\x1f]', name)
        and not name.endswith((".", " "))
        and name.split(".", 1)[0].upper() not in DEVICE_NAMES
    )


def deep_folder(base: Path) -> Path:
    """A folder with spaces and Welsh and French letters, its path over Windows' old limit
    of 260 characters."""
    folder = base / "Family documents" / "Zoë and Siân"
    while len(str(folder)) < 300:
        folder = folder / "school letters and reports, kept safe"
    return folder


@pytest.fixture
def family_files(tmp_path: Path) -> dict[str, bytes]:
    """Real files with awkward names, each with its own content."""
    folder = tmp_path / "from the school"
    folder.mkdir()
    files = {}
    for number, name in enumerate(AWKWARD_NAMES):
        content = f"document {number}: {name}".encode() + bytes(range(256))
        (folder / name).write_bytes(content)
        files[name] = content
    return files


def attach_all(book: Workbook, folder: Path) -> tuple[dict, dict]:
    child = book.add_child({"name": "Zoë Siân Hughes", "preferred_name": "Zoë"})
    entry = book.add_entry(
        "correspondence",
        child["id"],
        {
            "direction": "received",
            "from": "School",
            "to": "Parent",
            "subject": "Reports",
            "date": "2024-03-01",
            "title": "Reports from school",
        },
    )
    for name in AWKWARD_NAMES:
        book.add_attachment(entry["id"], folder / name, description=f"the file {name}")
    return child, book.entry(entry["id"])


def test_a_workbook_in_a_deep_folder_with_spaces_and_accents_keeps_files_by_fingerprint(
    tmp_path, family_files
):
    path = deep_folder(tmp_path) / "Zoë's workbook.json"
    with Workbook(path) as book:
        child, entry = attach_all(book, tmp_path / "from the school")
    assert len(str(path)) > 260
    stored = sorted(p.name for p in (path.parent / "files").iterdir())
    assert stored == sorted(hashlib.sha256(c).hexdigest() for c in family_files.values())
    with Workbook(path) as book:
        kept = book.entry(entry["id"])["attachments"]
        assert [a["filename"] for a in kept] == AWKWARD_NAMES  # the names, as data
        for attachment in kept:
            assert (
                book.read_attachment(attachment["sha256"]) == family_files[attachment["filename"]]
            )
        assert book.check() == []
        assert [c["name"] for c in book.children()] == ["Zoë Siân Hughes"]


def test_exhibits_get_names_every_system_accepts_in_a_folder_and_a_zip(tmp_path, family_files):
    path = deep_folder(tmp_path) / "workbook.json"
    out = deep_folder(tmp_path / "Evidence for the council")
    out.mkdir(parents=True)
    with Workbook(path) as book:
        child, entry = attach_all(book, tmp_path / "from the school")
        options = TimelineOptions(as_of=AS_OF, purpose="ehcna")
        folder = book.export_bundle(child, options, out / "Zoë's bundle, Sept")
        zipped = book.export_bundle(child, options, out / "Zoë: evidence? <final>.zip")
    exhibits = sorted((folder / "exhibits").iterdir())
    assert len(exhibits) == len(AWKWARD_NAMES)
    for exhibit in exhibits:
        assert PORTABLE_EXHIBIT.match(exhibit.name), exhibit.name
        assert portable(exhibit.name), exhibit.name
    by_content = {exhibit.read_bytes() for exhibit in exhibits}
    assert by_content == set(family_files.values())
    # the manifest checks out with the system's own tool
    if shutil.which("sha256sum"):
        checked = subprocess.run(
            ["sha256sum", "-c", "MANIFEST.sha256"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
    # the zip's own folder is named from the file's name, made safe for Windows
    assert zipped.name == "Zoë: evidence? <final>.zip"
    with zipfile.ZipFile(zipped) as archive:
        names = archive.namelist()
        assert {name.split("/", 1)[0] for name in names} == {"Zoë- evidence- -final-"}
        for name in names:
            assert all(portable(part) for part in name.rstrip("/").split("/")), name
        zipped_exhibits = {
            archive.read(name) for name in names if "/exhibits/" in name and not name.endswith("/")
        }
    assert zipped_exhibits == set(family_files.values())


def test_an_archive_goes_between_workbooks_in_folders_with_accents_and_spaces(
    tmp_path, family_files, capsys
):
    path = deep_folder(tmp_path) / "workbook.json"
    with Workbook(path) as book:
        child, entry = attach_all(book, tmp_path / "from the school")
    archive = tmp_path / "Backups for Zoë & Siân" / "family archive 2024.zip"
    archive.parent.mkdir()
    assert main(["--db", str(path), "archive", str(archive)]) == 0
    restored = tmp_path / "Restored, on the new laptop" / "Siân's copy" / "workbook.json"
    assert main(["--db", str(restored), "import", str(archive)]) == 0
    assert "Imported 1 child and 1 entry" in capsys.readouterr().out
    with Workbook(restored) as book:
        kept = book.entry(entry["id"])["attachments"]
        assert [a["filename"] for a in kept] == AWKWARD_NAMES
        assert {book.read_attachment(a["sha256"]) for a in kept} == set(family_files.values())
        assert book.check() == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Zoë: evidence?", "Zoë- evidence-"),
        ('a<b>c|d"e*f\\g/h', "a-b-c-d-e-f-g-h"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("COM1.pdf", "_COM1.pdf"),
        ("lpt9 .zip", "_lpt9 .zip"),
        ("CONSOLE notes", "CONSOLE notes"),
        ("minutes. . ", "minutes"),
        ("...", "fallback"),
        ("\x00\x1f", "fallback"),
        ("Siân — ysgol", "Siân — ysgol"),
    ],
)
def test_portable_names(name, expected):
    assert portable_name(name, "fallback") == expected
    assert portable(expected)


def test_portable_names_are_cut_to_their_limit():
    assert portable_name("Zoë " * 50, "x", limit=30) == ("Zoë " * 8).rstrip()[:30].rstrip()
    assert len(portable_name("a" * 300, "x")) == 100


def test_outputs_take_the_longest_names_the_system_allows(tmp_path):
    """A name near the system's 255-byte limit is written, though its temporary file or
    folder is made beside it first (Zoë's ë takes two bytes)."""
    with Workbook(tmp_path / "workbook.json") as book:
        child = book.add_child({"name": "Zoë Hughes"})
        stem = ("Zoë's evidence for the council " * 10)[:240]
        assert 250 <= len((stem + ".zip").encode()) <= 255
        options = TimelineOptions(as_of=AS_OF)
        zipped = book.export_bundle(child, options, tmp_path / (stem + ".zip"))
        folder = book.export_bundle(child, options, tmp_path / stem)
        again = book.export_bundle(child, options, tmp_path / stem, overwrite=True)
        archive = book.write_archive(tmp_path / (stem[:-4] + ".zip"))
    assert zipfile.ZipFile(zipped).testzip() is None
    assert (folder / "timeline.md").is_file() and again == folder
    assert zipfile.ZipFile(archive).read("workbook.json")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

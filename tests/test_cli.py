"""The command line: import, archive, check, --db and SEN_WORKBOOK_DB, and clear errors."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sen_workbook import model
from sen_workbook.cli import main
from sen_workbook.storage import StorageError
from sen_workbook.timeline import TimelineOptions
from sen_workbook.workbook import Workbook, WorkbookError
from tests.command_line import run_command, run_program

# The commands run in this process (the records, sentences and exit codes are the same);
# the program itself is run where it is what the test is about.
run = run_command


def write_archive_json(path: Path, children, entries) -> Path:
    path.write_text(
        json.dumps(
            {"format": "sen-workbook", "version": 1, "children": children, "entries": entries}
        )
    )
    return path


def test_every_kind_round_trips_through_import_and_archive(tmp_path, family, capsys):
    children, entries = family
    source = write_archive_json(tmp_path / "family.json", children, entries)
    db = tmp_path / "a" / "workbook.json"
    assert main(["--db", str(db), "import", str(source)]) == 0
    assert "Imported 1 child and 9 entries" in capsys.readouterr().out
    out = tmp_path / "family.zip"
    assert main(["--db", str(db), "archive", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        document = json.loads(archive.read("workbook.json"))
    assert document["children"] == children
    by_id = {e["id"]: e for e in document["entries"]}
    assert by_id == {e["id"]: e for e in entries}  # every field of every kind, unchanged
    # import the archive into an empty workbook and archive again: the same records
    db2 = tmp_path / "b" / "workbook.json"
    assert main(["--db", str(db2), "import", str(out)]) == 0
    out2 = tmp_path / "again.zip"
    assert main(["--db", str(db2), "archive", str(out2)]) == 0
    with zipfile.ZipFile(out2) as archive:
        assert json.loads(archive.read("workbook.json")) == document
    assert out.read_bytes() == out2.read_bytes()


def test_archive_carries_attachments_and_import_restores_them(tmp_path, family):
    children, entries = family
    db = tmp_path / "a" / "workbook.json"
    with Workbook(db) as book:
        book.load_sample(children, entries, {})
        report = tmp_path / "SALT report.pdf"
        report.write_bytes(b"%PDF-1.4 pretend")
        attached = book.add_attachment(entries[1]["id"], report, "Speech report")
        book.write_archive(tmp_path / "all.zip")
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        assert sorted(archive.namelist()) == sorted(
            ["workbook.json", f"files/{attached['sha256']}"]
        )
    db2 = tmp_path / "b" / "workbook.json"
    assert main(["--db", str(db2), "import", str(tmp_path / "all.zip")]) == 0
    assert (db2.parent / "files" / attached["sha256"]).read_bytes() == b"%PDF-1.4 pretend"
    assert main(["--db", str(db2), "check"]) == 0
    # importing the same archive again changes nothing
    before = db2.read_bytes()
    assert main(["--db", str(db2), "import", str(tmp_path / "all.zip")]) == 0
    assert db2.read_bytes() == before


def test_an_invalid_archive_changes_nothing(tmp_path, family, capsys):
    children, entries = family
    db = tmp_path / "workbook.json"
    with Workbook(db) as book:
        book.load_sample(children, entries, {})
    before = db.read_bytes()
    files_before = sorted(p.name for p in tmp_path.rglob("*"))
    child = model.new_child(name="Second child")
    many = [
        model.new_entry("observation", child["id"], date="2024-01-01", title=f"Note {n}")
        for n in range(1000)
    ]
    many[899]["date"] = "2024-02-30"
    source = write_archive_json(tmp_path / "bad.json", [child], many)
    files_before.append("bad.json")
    assert main(["--db", str(db), "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert "Nothing was imported" in err
    assert "Entry 900" in err and "'2024-02-30' is not a real date" in err
    assert err.count("\n") == 1
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(files_before)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"format": "other"}', "is not an SEN Workbook archive"),
        ("not json", "is not valid JSON"),
        (
            '{"format": "sen-workbook", "version": 2, "children": [], "entries": []}',
            "newer SEN Workbook",
        ),
        (
            '{"format": "sen-workbook", "version": 1, "children": [], "entries": [], "x": 1}',
            "fields an archive does not have",
        ),
    ],
)
def test_bad_archives_are_refused_with_one_sentence(tmp_path, content, message):
    source = tmp_path / "in.json"
    source.write_text(content)
    result = run("--db", str(tmp_path / "w.json"), "import", str(source))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_a_zip_with_a_damaged_file_is_refused(tmp_path, family):
    children, entries = family
    sha = "0" * 64
    entries[0]["attachments"] = [
        {
            "sha256": sha,
            "filename": "a.txt",
            "size": 1,
            "added_at": "2024-01-01T10:00:00",
            "description": "",
        }
    ]
    with zipfile.ZipFile(tmp_path / "x.zip", "w") as archive:
        archive.writestr(
            "workbook.json",
            json.dumps(
                {"format": "sen-workbook", "version": 1, "children": children, "entries": entries}
            ),
        )
        archive.writestr(f"files/{sha}", b"x")
    result = run("--db", str(tmp_path / "w.json"), "import", str(tmp_path / "x.zip"))
    assert result.returncode == 2 and "does not match its SHA-256" in result.stderr


def test_missing_attachment_in_archive_is_refused(tmp_path, family):
    children, entries = family
    entries[0]["attachments"] = [
        {
            "sha256": "a" * 64,
            "filename": "a.txt",
            "size": 1,
            "added_at": "2024-01-01T10:00:00",
            "description": "",
        }
    ]
    source = write_archive_json(tmp_path / "in.json", children, entries)
    result = run("--db", str(tmp_path / "w.json"), "import", str(source))
    assert result.returncode == 2 and "referenced but not in the archive" in result.stderr


def test_check_lists_problems_and_exits_1(tmp_path, family, capsys):
    children, entries = family
    db = tmp_path / "workbook.json"
    with Workbook(db) as book:
        book.load_sample(children, entries, {})
        letter = tmp_path / "letter.txt"
        letter.write_text("hello")
        attached = book.add_attachment(entries[0]["id"], letter)
    assert main(["--db", str(db), "check"]) == 0
    assert "is sound: 1 child, 9 entries" in capsys.readouterr().out
    (tmp_path / "files" / attached["sha256"]).unlink()
    assert main(["--db", str(db), "check"]) == 1
    out = capsys.readouterr().out
    assert "1 problem found" in out and "'letter.txt'" in out and "is missing" in out


def test_environment_variable_chooses_the_database(tmp_path, family):
    children, entries = family
    db = tmp_path / "env" / "workbook.json"
    source = write_archive_json(tmp_path / "family.json", children, entries)
    # The program as a parent's shell starts it, with the variable in its environment.
    result = run_program("import", str(source), env={"SEN_WORKBOOK_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_errors_are_one_sentence_with_exit_2(tmp_path):
    # The program itself: the exit code and the one line are what a script or shell sees.
    run = run_program
    missing = run("--db", str(tmp_path / "none.json"), "check")
    assert missing.returncode == 2 and "There is no workbook at" in missing.stderr
    bad_date = run("--db", str(tmp_path / "w.json"), "timeline", "Sam", "--as-of", "2024-02-30")
    assert bad_date.returncode == 2 and "not a real date" in bad_date.stderr
    unknown = run("--db", str(tmp_path / "w.json"), "frobnicate")
    assert unknown.returncode == 2 and "invalid choice" in unknown.stderr
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text("{")
    refused = run("--db", str(corrupt), "import", str(corrupt))
    assert refused.returncode == 2 and "is not valid JSON" in refused.stderr
    assert corrupt.read_text() == "{"
    for result in (missing, bad_date, unknown, refused):
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1


def test_a_child_is_found_by_name_preferred_name_first_name_or_id(tmp_path):
    db = tmp_path / "w.json"
    with Workbook(db) as book:
        amara = book.add_child({"name": "Amara Okafor-Bennett"})
        book.add_child({"name": "Tobi Okafor-Bennett", "preferred_name": "Tobs"})
        book.add_child({"name": "Sam Green"})
        book.add_child({"name": "Sam Brown"})
        assert book.find_child("amara okafor-bennett")["id"] == amara["id"]
        assert book.find_child("AMARA")["id"] == amara["id"]
        assert book.find_child(amara["id"])["id"] == amara["id"]
        assert book.find_child("tobs")["name"] == "Tobi Okafor-Bennett"
        with pytest.raises(WorkbookError, match="More than one child is called 'Sam'"):
            book.find_child("Sam")
        with pytest.raises(WorkbookError, match="The children in it are: Amara"):
            book.find_child("Zed")


def test_a_failed_import_into_a_new_workbook_leaves_nothing_behind(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "sen-workbook", "version": 1, "children": [{"id": "x"}], "entries": []}'
    )
    target = tmp_path / "new" / "deeper" / "workbook.json"
    result = run("--db", str(target), "import", str(bad))
    assert result.returncode == 2 and "Nothing was imported" in result.stderr
    # the other fields have empty values and are filled; a child's name has none
    assert "field 'name' is missing" in result.stderr
    assert not (tmp_path / "new").exists()


def test_a_pseudonym_holding_the_child_s_name_is_refused_in_a_sentence(tmp_path, family):
    children, entries = family
    db = tmp_path / "w.json"
    with Workbook(db) as book:
        book.load_sample(children, entries, {})
    for command in (
        ["timeline", "Amara"],
        ["bundle", "Amara", "--out", str(tmp_path / "bundle.zip")],
    ):
        result = run("--db", str(db), *command, "--pseudonym", "Amara Two")
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == (
            "sen-workbook: The pseudonym 'Amara Two' contains the "
            "child's name 'Amara'; choose one that does not.\n"
        )
    assert not (tmp_path / "bundle.zip").exists()


def test_a_pseudonymised_bundle_refuses_a_file_name_with_the_child_s_name(tmp_path, family):
    children, entries = family
    db = tmp_path / "w.json"
    with Workbook(db) as book:
        book.load_sample(children, entries, {})
    result = run(
        "--db",
        str(db),
        "bundle",
        "Amara",
        "--pseudonym",
        "Child A",
        "--as-of",
        "2024-09-01",
        "--out",
        str(tmp_path / "amara-bundle.zip"),
    )
    assert result.returncode == 2 and "contains the child's name" in result.stderr
    assert not (tmp_path / "amara-bundle.zip").exists()
    fine = run(
        "--db",
        str(db),
        "bundle",
        "Amara",
        "--pseudonym",
        "Child A",
        "--as-of",
        "2024-09-01",
        "--out",
        str(tmp_path / "bundle.zip"),
    )
    assert fine.returncode == 0, fine.stderr
    with zipfile.ZipFile(tmp_path / "bundle.zip") as archive:
        for name in archive.namelist():
            assert "amara" not in name.lower() and "okafor" not in name.lower()
            assert b"Amara" not in archive.read(name)


def test_an_empty_or_blank_pseudonym_is_refused_in_a_sentence(tmp_path, family):
    children, entries = family
    db = tmp_path / "w.json"
    with Workbook(db) as book:
        book.load_sample(children, entries, {})
    for typed in ("", "   "):
        for command in (
            ["timeline", "Amara"],
            ["bundle", "Amara", "--out", str(tmp_path / "bundle.zip")],
        ):
            result = run("--db", str(db), *command, "--pseudonym", typed)
            assert result.returncode == 2 and result.stdout == ""
            assert result.stderr == (
                "sen-workbook: The pseudonym is empty; type a name to use instead of the "
                "child's, such as 'Child A', or use none.\n"
            )
    assert not (tmp_path / "bundle.zip").exists()


def test_an_import_into_a_new_path_writes_the_workbook_once(tmp_path, family, monkeypatch, capsys):
    """One atomic save, as any save: no empty workbook written first, and no backup of one."""
    children, entries = family
    source = write_archive_json(tmp_path / "family.json", children, entries)
    db = tmp_path / "new" / "workbook.json"
    waits: list[int] = []
    real_fsync = os.fsync

    def counted_fsync(fd: int) -> None:
        waits.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counted_fsync)
    assert main(["--db", str(db), "import", str(source)]) == 0
    monkeypatch.undo()
    assert "Imported 1 child and 9 entries" in capsys.readouterr().out
    assert len(waits) == 2  # the file, then its folder
    assert sorted(p.name for p in db.parent.iterdir()) == ["workbook.json", "workbook.json.lock"]
    if os.name == "posix":
        assert db.stat().st_mode & 0o777 == 0o600
    with Workbook(db, read_only=True) as book:
        assert [c["id"] for c in book.children()] == [c["id"] for c in children]
        assert {e["id"] for e in book.entries()} == {e["id"] for e in entries}


def test_an_import_of_nothing_new_into_a_new_path_still_leaves_a_workbook(tmp_path, capsys):
    source = write_archive_json(tmp_path / "empty.json", [], [])
    db = tmp_path / "new" / "workbook.json"
    assert main(["--db", str(db), "import", str(source)]) == 0
    capsys.readouterr()
    with Workbook(db, read_only=True) as book:
        assert book.children() == [] and book.entries() == []


def test_a_new_workbook_made_meanwhile_by_another_program_is_not_written_over(tmp_path, family):
    children, entries = family
    source = write_archive_json(tmp_path / "family.json", children, entries)
    db = tmp_path / "workbook.json"
    with Workbook(db, write_on_first_save=True) as book:
        assert not db.exists()
        db.write_bytes(b"theirs")
        with pytest.raises(StorageError, match="made by another program"):
            book.import_archive(source)
    assert db.read_bytes() == b"theirs"


def test_the_timeline_command_writes_the_whole_document_and_ends_cleanly(tmp_path, family):
    # The command ends its process as soon as the document is out: every byte of it must
    # still reach the reader, and a reader that cannot take it must still hear why.
    children, entries = family
    db = tmp_path / "book" / "workbook.json"
    assert (
        main(
            [
                "--db",
                str(db),
                "import",
                str(write_archive_json(tmp_path / "f.json", children, entries)),
            ]
        )
        == 0
    )
    with Workbook(db, read_only=True) as book:
        child = book.children()[0]
        options = TimelineOptions(purpose="ehcna", as_of=datetime.date(2026, 8, 31))
        expected = book.timeline(child, options)
    result = run(
        "--db", str(db), "timeline", "Amara", "--purpose", "ehcna", "--as-of", "2026-08-31"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected and result.stdout.endswith("\n")
    assert result.stderr == ""
    if Path("/dev/full").exists():
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
        with open("/dev/full", "w") as full:
            refused = subprocess.run(
                [sys.executable, "-m", "sen_workbook", "--db", str(db), "timeline", "Amara"],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                timeout=120,
            )
        assert refused.returncode == 2
        assert refused.stderr.count("\n") == 1 and "No space left" in refused.stderr


def test_the_import_command_reports_saves_and_lets_go_of_the_workbook_as_it_ends(tmp_path, family):
    # The program ends as soon as the records are saved and the report written; what a
    # parent sees and what is on disk must be whole, and the workbook free to open.
    children, entries = family
    source = write_archive_json(tmp_path / "family.json", children, entries)
    db = tmp_path / "new" / "workbook.json"
    first = run_program("--db", str(db), "import", str(source))
    assert first.returncode == 0, first.stderr
    assert len(children) == 1
    assert first.stdout == f"Imported 1 child and {len(entries)} entries into {db}.\n"
    again = run_program("--db", str(db), "import", str(source))
    assert again.returncode == 0, again.stderr
    assert (
        again.stdout.startswith("Imported 0 children and 0 entries")
        and "already there" in again.stdout
    )
    stored = json.loads(db.read_text(encoding="utf-8"))
    assert sorted(stored["entries"]) == sorted(e["id"] for e in entries)
    assert sorted(p.name for p in db.parent.iterdir() if p.is_file()) == [
        "workbook.json",
        "workbook.json.lock",
    ]
    with Workbook(db) as book:  # the writer lock was let go: this process may change it
        assert not book.read_only
        book.add_entry("observation", children[0]["id"], {"title": "After", "date": "2024-09-02"})


@pytest.mark.parametrize(
    ("io_encoding", "encoded"),
    [
        ("utf-8", lambda text: text.encode("utf-8")),
        ("utf-8:surrogateescape", lambda text: text.encode("utf-8", "surrogateescape")),
        ("utf-8-sig", lambda text: text.encode("utf-8-sig")),
        ("ascii:backslashreplace", lambda text: text.encode("ascii", "backslashreplace")),
    ],
)
def test_the_timeline_command_writes_in_the_encoding_its_output_is_set_to(
    tmp_path, family, io_encoding, encoded
):
    # UTF-8 output is written as bytes, block by block (the entries in full encoded as
    # they are made, heading and body apart); any other encoding the output is set to (a
    # byte-order mark first, plain ASCII with the rest spelled out) must still give
    # exactly what the text stream gives, as for every other command.  Some entries hold
    # text beyond ASCII (and half of a UTF-16 pair) in their titles and bodies, and more
    # than a hundred entries make more than one block of them.
    children, entries = family
    for number in range(150):
        entries.append(
            model.new_entry(
                "observation",
                children[0]["id"],
                date=f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}",
                title=["Calm", "Café — “quiet” 😀", "Loud hall"][number % 3],
                details=["At the gate.", "Dit « merci » à l’accueil.", "Ok then"][number % 3],
                people=["Ms Patel"] if number % 5 else ["Zoë"],
            )
        )
    db = tmp_path / "book" / "workbook.json"
    archive = write_archive_json(tmp_path / "f.json", children, entries)
    assert main(["--db", str(db), "import", str(archive)]) == 0
    # Half of a UTF-16 pair, as a hand-edited file may hold: the app never writes one.
    stored = json.loads(db.read_text(encoding="utf-8"))
    for entry in stored["entries"].values():
        if entry["title"] == "Loud hall":
            entry.update(title="Loud \ud800 hall", details="Ok\udc00 then")
    db.write_text(json.dumps(stored), encoding="utf-8")
    with Workbook(db, read_only=True) as book:
        child = book.children()[0]
        options = TimelineOptions(purpose="ehcna", as_of=datetime.date(2026, 8, 31))
        expected = book.timeline(child, options)
    assert "Loud" in expected and "Café — “quiet” 😀" in expected
    env = dict(
        os.environ,
        PYTHONPATH=str(Path(__file__).resolve().parent.parent),
        PYTHONIOENCODING=io_encoding,
    )
    written = subprocess.run(
        [sys.executable, "-m", "sen_workbook", "--db", str(db), "timeline", "Amara"]
        + ["--purpose", "ehcna", "--as-of", "2026-08-31"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert written.returncode == 0, written.stderr
    assert written.stdout == encoded(expected)


def test_a_stored_date_that_is_no_real_day_stops_the_timeline_in_one_sentence(tmp_path, family):
    # A workbook edited by hand: a reply due on 30 February.  The timeline cannot be
    # written; the command says why in one sentence, as the bundle does, writes nothing
    # and ends with the usage error's code, never a traceback.
    children, entries = family
    db = tmp_path / "book" / "workbook.json"
    source = write_archive_json(tmp_path / "f.json", children, entries)
    assert main(["--db", str(db), "import", str(source)]) == 0
    stored = json.loads(db.read_text(encoding="utf-8"))
    [letter] = [e for e in stored["entries"].values() if e["kind"] == "correspondence"]
    letter["reply_due"] = "2024-02-30"
    db.write_text(json.dumps(stored), encoding="utf-8")
    for command in (run, run_program):
        refused = command("--db", str(db), "timeline", "Amara", "--as-of", "2026-08-31")
        assert refused.returncode == 2, refused.stderr
        assert refused.stdout == ""
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
        assert "'2024-02-30' is not a real date" in refused.stderr

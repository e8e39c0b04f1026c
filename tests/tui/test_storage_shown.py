"""What the storage's guards look like in the app, driven by real key presses: a form kept
open when the file was changed by another program, a restore that met a record imported
again, a workbook in a folder that cannot be written, and a file an archive could not bring
back.  The workbooks are made as the storage tests make them (their fixtures, reused)."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Input, OptionList

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.forms.entry_form import EntryForm
from sen_workbook.workbook import Workbook
from tests import test_archive_damage, test_full_disk, test_writer_lock
from tests.test_archive_damage import damage_stored_file
from tests.test_cli import run
from tests.test_restore import _archive_of
from tests.test_writer_lock import titles_on_disk
from tests.tui.conftest import screen_text, settle, type_into
from tests.tui.test_forms import SIZE, Host

# The storage tests' workbooks: one child; every kind with two files; a read-only folder.
workbook_file = test_writer_lock.workbook_file
db = test_archive_damage.db
read_only_workbook = test_full_disk.read_only_workbook


async def test_the_form_stays_open_when_the_file_was_changed_elsewhere(workbook_file):
    with Workbook(workbook_file) as book:
        child = book.children()[0]
        app = Host(EntryForm(book, child["id"], "observation"))
        async with app.run_test(size=SIZE) as pilot:
            await type_into(pilot, "#title", "Upset at pick-up")
            # meanwhile another program writes the file
            data = json.loads(workbook_file.read_bytes())
            data["children"][child["id"]]["notes"] = "changed elsewhere"
            workbook_file.write_text(json.dumps(data))
            await pilot.press("ctrl+s")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, EntryForm)
            assert form.query_one("#title", Input).value == "Upset at pick-up"
            message = str(form.query_one("#form-message").render())
            assert "changed by another program" in message
            assert "Everything you typed is still here" in message
            assert titles_on_disk(workbook_file) == []
            # saving again keeps both: the other program's change and the new entry
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.results and app.results[0]["title"] == "Upset at pick-up"
    data = json.loads(workbook_file.read_bytes())
    assert titles_on_disk(workbook_file) == ["Upset at pick-up"]
    assert data["children"][child["id"]]["notes"] == "changed elsewhere"


async def test_the_app_says_when_a_restore_met_a_record_imported_again(tmp_path):
    db = tmp_path / "book" / "workbook.json"
    with Workbook(db) as book:
        child = book.add_child({"name": "Sam"})
        entry = book.add_entry(
            "observation",
            child["id"],
            {"date": "2024-03-06", "title": "Meltdown", "details": "Archived text."},
        )
        _archive_of(db, tmp_path / "family.zip")
        book.update_entry(entry["id"], {"details": "Text written later."})
        book.delete_entry(entry["id"])
    assert run("--db", str(db), "import", str(tmp_path / "family.zip")).returncode == 0
    with Workbook(db) as book:
        app = SenWorkbookApp(book, remember_place=False)
        async with app.run_test(size=(110, 36), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("t")
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            shown = " ".join(screen_text(app).split())
    assert "already back in the workbook" in shown and "added to its history" in shown
    stored = json.loads(db.read_bytes())["entries"][entry["id"]]
    assert stored["details"] == "Archived text."
    assert stored["revisions"][-1]["record"]["details"] == "Text written later."


async def test_the_app_shows_a_read_only_folder_and_why(read_only_workbook):
    with Workbook(read_only_workbook) as book:
        app = SenWorkbookApp(book, remember_place=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
            assert "cannot be written" in shown and "is shown read-only" in shown
            assert app.screen.query_one(DataTable).row_count == 1  # Sam is there to read


async def test_the_app_marks_a_file_not_restored_as_missing(db, tmp_path):
    damage_stored_file(db, "SALT report.pdf")
    out = tmp_path / "family.zip"
    assert run("--db", str(db), "archive", str(out), "--skip-damaged").returncode == 0
    restored = tmp_path / "restored" / "workbook.json"
    assert run("--db", str(restored), "import", str(out), "--skip-damaged").returncode == 0
    with Workbook(restored) as book:
        entry = next(
            e
            for e in book.entries()
            if any(a["filename"] == "SALT report.pdf" for a in e["attachments"])
        )
        app = SenWorkbookApp(book, remember_place=False)
        async with app.run_test(size=(120, 50)) as pilot:
            app.open_entry(entry["id"])
            await pilot.pause()
            files = app.screen.query_one("#entry-files", OptionList)
            shown = " ".join(
                str(files.get_option_at_index(number).prompt)
                for number in range(files.option_count)
            )
    assert "SALT report.pdf" in shown
    assert "Missing from the workbook's files" in shown

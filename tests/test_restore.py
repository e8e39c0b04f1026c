"""Restoring from the trash never writes over a record that came back another way."""

from __future__ import annotations

import json
from pathlib import Path

from sen_workbook.workbook import Workbook
from tests.test_cli import run


def _archive_of(path: Path, out: Path) -> None:
    result = run("--db", str(path), "archive", str(out))
    assert result.returncode == 0, result.stderr


def test_restoring_an_entry_imported_again_keeps_both_texts(tmp_path):
    db = tmp_path / "book" / "workbook.json"
    with Workbook(db) as book:
        child = book.add_child({"name": "Sam"})
        entry = book.add_entry(
            "observation",
            child["id"],
            {"date": "2024-03-06", "title": "Meltdown", "details": "First account."},
        )
        book.update_entry(entry["id"], {"details": "Second account, on the laptop."})
        _archive_of(db, tmp_path / "laptop.zip")  # the newer text goes into an archive
    with Workbook(db) as book:
        book.update_entry(entry["id"], {"details": "Older text, changed here."})
        trash_id = book.delete_entry(entry["id"])
    result = run("--db", str(db), "import", str(tmp_path / "laptop.zip"))
    assert result.returncode == 0, result.stderr
    with Workbook(db) as book:
        restored = book.restore(trash_id)
    stored = json.loads(db.read_bytes())["entries"][entry["id"]]
    assert restored == stored
    # the imported text stays the current one, and the restored one is in its history
    assert stored["details"] == "Second account, on the laptop."
    history = [r["record"]["details"] for r in stored["revisions"]]
    assert history == [
        "First account.",
        "Second account, on the laptop.",
        "Older text, changed here.",
    ]
    assert json.loads(db.read_bytes())["trash"] == {}


def test_restoring_a_child_imported_again_keeps_both(tmp_path):
    db = tmp_path / "book" / "workbook.json"
    with Workbook(db) as book:
        child = book.add_child({"name": "Sam", "notes": "Archived notes"})
        entry = book.add_entry(
            "observation",
            child["id"],
            {"date": "2024-03-06", "title": "Meltdown", "details": "Archived text."},
        )
        _archive_of(db, tmp_path / "family.zip")
        book.update_child(child["id"], {"notes": "Notes written later"})
        book.update_entry(entry["id"], {"details": "Text written later."})
        trash_id = book.remove_child(child["id"])
    assert run("--db", str(db), "import", str(tmp_path / "family.zip")).returncode == 0
    with Workbook(db) as book:
        book.restore(trash_id)
        assert book.child(child["id"])["notes"] == "Archived notes"
        now = book.entry(entry["id"])
        assert now["details"] == "Archived text."
        assert now["revisions"][-1]["record"]["details"] == "Text written later."
        # the child's later notes cannot join a history, so they stay in the trash
        [left] = book.trash()
        assert left["record"]["notes"] == "Notes written later" and left["entries"] == []

"""A workbook changed on disk while it is being opened (read, then checked) is never
taken for the file that was read.

Reading a large workbook takes a while; another window can save, or another program
replace the file, in that time.  A window showing it read-only must then show the save,
and a writer must refuse to save over the change it never read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sen_workbook import workbook as workbook_module
from sen_workbook.storage import WorkbookChangedError
from sen_workbook.workbook import Workbook


@pytest.fixture
def family_book(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "book" / "workbook.json"
    with Workbook(path) as book:
        child = book.add_child({"name": "Sam Jones"})
        book.add_entry("observation", child["id"], {"date": "2024-01-01", "title": "first"})
    return path, child["id"]


def changed_just_after_reading(monkeypatch, change) -> None:
    """Make ``change`` happen once, just after the next workbook file is read (while it
    is checked), as another window or program would at that moment."""
    real = workbook_module.read_database
    done = []

    def read_then_change(*args: Any, **kwargs: Any):
        found = real(*args, **kwargs)
        if not done:
            done.append(True)
            change()
        return found

    monkeypatch.setattr(workbook_module, "read_database", read_then_change)


def titles(book: Workbook, child_id: str) -> list[str]:
    return sorted(entry["title"] for entry in book.entries(child_id))


def test_a_read_only_window_shows_a_save_made_while_it_was_opening(monkeypatch, family_book):
    path, child_id = family_book
    writer = Workbook(path)
    try:
        changed_just_after_reading(
            monkeypatch,
            lambda: writer.add_entry(
                "observation", child_id, {"date": "2024-01-02", "title": "saved meanwhile"}
            ),
        )
        with Workbook(path, read_only=True) as reader:
            assert titles(reader, child_id) == ["first", "saved meanwhile"]
    finally:
        writer.close()


def test_a_writer_never_saves_over_a_change_made_while_it_was_opening(monkeypatch, family_book):
    path, child_id = family_book

    def replaced_by_another_program() -> None:
        data = json.loads(path.read_bytes())
        entry = next(iter(data["entries"].values()))
        data["entries"]["other"] = {**entry, "id": "other", "title": "written elsewhere"}
        path.write_text(json.dumps(data), encoding="utf-8")

    changed_just_after_reading(monkeypatch, replaced_by_another_program)
    with Workbook(path) as book:
        with pytest.raises(WorkbookChangedError):
            book.add_entry("observation", child_id, {"date": "2024-01-03", "title": "mine"})
        # A second try adds the change to what is on disk now.
        book.add_entry("observation", child_id, {"date": "2024-01-03", "title": "mine"})
    with Workbook(path, read_only=True) as book:
        assert titles(book, child_id) == ["first", "mine", "written elsewhere"]

"""A workbook that is valid JSON but damaged inside, and attached files that cannot be
read: refused at open with the newest backup named, listed by ``check``, named by
``bundle``, through real processes on real files."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sen_workbook.shape import shape_problems
from sen_workbook.storage import newest_backup
from sen_workbook.workbook import Workbook
from tests.test_archive_damage import one_sentence
from tests.test_cli import run


@pytest.fixture
def db(tmp_path: Path, family) -> Path:
    children, entries = family
    path = tmp_path / "book" / "workbook.json"
    with Workbook(path) as book:
        book.load_sample(children, entries, {})
        book.update_entry(entries[0]["id"], {"title": "Not speaking in class (edited)"})
        book.delete_entry(entries[-1]["id"])
        book.backup_now()
    return path


def _edit(path: Path, change: Callable[[dict], None]) -> None:
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data))


def _first(table: dict) -> dict:
    return next(iter(table.values()))


def _unchanged(data: dict) -> dict:
    """The first entry never changed (no earlier versions): the one the quickest look
    passes when it is of the usual shape."""
    return next(e for e in data["entries"].values() if not e["revisions"])


def _deep(levels: int) -> list:
    nested: list = []
    for _ in range(levels):
        nested = [nested]
    return nested


DAMAGE: dict[str, tuple[Callable[[dict], None], str]] = {
    "an entry without child_id": (
        lambda d: _first(d["entries"]).pop("child_id"),
        "has no 'child_id'",
    ),
    "a child whose name is null": (
        lambda d: _first(d["children"]).update(name=None),
        "has name None",
    ),
    "a trash item without deleted_at": (
        lambda d: _first(d["trash"]).pop("deleted_at"),
        "trash item",
    ),
    "an earlier version nested 500 deep": (
        lambda d: next(e for e in d["entries"].values() if e["revisions"])["revisions"][0].update(
            record={"title": _deep(500)}
        ),
        "earlier version",
    ),
    "an entry field nested deeper than it can be": (
        lambda d: _first(d["entries"]).update(people=[_deep(50)]),
        "nested deeper",
    ),
    "an entry's people, text first, then a list of text": (
        lambda d: _unchanged(d).update(people=["Ms Patel", ["Mr Jones"]]),
        "has people nested deeper than it can be",
    ),
    "an entry's areas, text first, then an object holding a list": (
        lambda d: _unchanged(d).update(areas=["communication", {"more": ["sensory"]}]),
        "has areas nested deeper than it can be",
    ),
    "an entry whose kind is a list": (
        lambda d: _first(d["entries"]).update(kind=["observation"]),
        "has the kind ['observation'], which no entry has",
    ),
    "a later entry with its fields in another order and its title null": (
        lambda d: d["entries"].update(
            (key, {**dict(reversed(entry.items())), "title": None})
            for key, entry in list(d["entries"].items())[-1:]
        ),
        "has title None, which should be text",
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_shape_is_refused_at_open_and_found_by_check(db, damage):
    change, expected = DAMAGE[damage]
    _edit(db, change)
    before = db.read_bytes()
    backup = newest_backup(db)
    for argv in (["timeline", "Amara"], ["import", str(db)], []):  # [] starts the app
        line = one_sentence(run("--db", str(db), *argv))
        assert "is damaged" in line and expected in line, (argv, line)
        assert "so it was not opened and has not been changed" in line
        assert str(backup) in line
    assert db.read_bytes() == before
    result = run("--db", str(db), "check")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert expected in result.stdout


def test_json_nested_thousands_deep_is_refused_at_open(db):
    db.write_bytes(b'{"meta":' + b"[" * 50_000 + b"]" * 50_000 + b"}")
    for argv in (["timeline", "Amara"], [], ["check"]):
        line = one_sentence(run("--db", str(db), *argv))
        assert "is not valid JSON" in line and "The newest backup is" in line


# --- 11: an attached file that is a folder, or cannot be read --------------------------


def _break_attachment(db: Path, tmp_path: Path, how: str) -> str:
    report = tmp_path / "SALT report.pdf"
    report.write_bytes(b"%PDF-1.4 the report")
    with Workbook(db) as book:
        entry = book.entries()[1]
        sha = book.add_attachment(entry["id"], report)["sha256"]
    stored = db.parent / "files" / sha
    stored.unlink()
    if how == "a folder":
        stored.mkdir()
        return "is a folder"
    if os.geteuid() == 0:  # root reads any file: a link that leads round in a circle
        stored.symlink_to(stored.name)
    else:
        stored.write_bytes(b"%PDF-1.4 the report")
        stored.chmod(0)
    return "cannot be read"


@pytest.mark.parametrize("how", ["a folder", "unreadable"])
def test_check_and_bundle_name_an_attachment_that_cannot_be_read(db, tmp_path, how):
    expected = _break_attachment(db, tmp_path, how)
    result = run("--db", str(db), "check")
    assert result.returncode == 1, result.stderr
    assert "'SALT report.pdf'" in result.stdout and expected in result.stdout
    assert "Traceback" not in result.stderr
    for out in ("bundle", "bundle.zip", "bundle.pdf"):
        line = one_sentence(run("--db", str(db), "bundle", "Amara", "--out", str(tmp_path / out)))
        assert "'SALT report.pdf'" in line and "no bundle was made" in line, (out, line)
        assert not (tmp_path / out).exists()
    line = one_sentence(run("--db", str(db), "archive", str(tmp_path / "all.zip")))
    assert "'SALT report.pdf'" in line and expected in line


def test_lists_of_plain_values_mixed_with_text_are_of_a_sound_shape(db):
    data = json.loads(db.read_bytes())
    _unchanged(data).update(people=["Ms Patel", 3, None, True], areas=["communication"])
    assert shape_problems(data) == []

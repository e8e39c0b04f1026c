"""Snapshots of the main screens at 80×24 and 120×40, in the dark and light themes, and of the
forms (the child's, an entry's of each kind) and the dialogs (a question, the attachments).

The demo family (fixed seed) and a fixed "today" make every picture repeatable; the
workbook's path, which differs per run, is never on these screens.  Update with
``pytest tests/tui/test_snapshots.py --snapshot-update`` after looking at the new pictures.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sen_workbook import demo, model
from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.forms.entry_form import EntryForm
from sen_workbook.workbook import Workbook
from tests.tui.conftest import settle, slow_unless, still_screen

TODAY = date(2026, 7, 20)  # after the demo's last entry
SMALL, LARGE = (80, 24), (120, 40)


@pytest.fixture
def book(tmp_path: Path):
    sample = demo.generate(size=120, seed=7)
    with Workbook(tmp_path / "w.json") as workbook:
        workbook.load_sample(sample.children, sample.entries, sample.files)
        yield workbook


def keys_then_settle(*keys: str, theme: str = ""):
    """A ``run_before`` that presses ``keys``, letting every screen finish loading between."""

    async def run(pilot) -> None:
        if theme:
            pilot.app.theme = theme
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_children(snap_compare, book, size):
    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle())


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_overview(snap_compare, book, size):
    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("enter"))


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_journal(snap_compare, book, size):
    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("enter", "2"))


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_cycles(snap_compare, book, size):
    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("enter", "3"))


def test_timeline(snap_compare, book):
    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=LARGE, run_before=keys_then_settle("enter", "4"))


def test_entry(snap_compare, book):
    app = SenWorkbookApp(book, today=TODAY)
    # The journal's newest entry of the first child.
    assert snap_compare(
        app, terminal_size=SMALL, run_before=keys_then_settle("enter", "2", "enter")
    )


def test_kind_picker(snap_compare, book):
    # Over the Overview, whose to-do list shows from its top with the first item highlighted,
    # in whatever order the list was sized and filled (see TodoList).
    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=SMALL, run_before=keys_then_settle("enter", "n"))


def test_help(snap_compare, book):
    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=SMALL, run_before=keys_then_settle("question_mark"))


def test_trash(snap_compare, book, monkeypatch):
    monkeypatch.setattr(model, "now_stamp", lambda: "2026-07-19T18:30:00")
    entry = next(e for e in book.entries() if e["kind"] == "observation")
    book.delete_entry(entry["id"])
    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=SMALL, run_before=keys_then_settle("t"))


def test_empty_workbook(snap_compare, tmp_path):
    with Workbook(tmp_path / "empty.json") as empty:
        app = SenWorkbookApp(empty, today=TODAY)
        assert snap_compare(app, terminal_size=SMALL, run_before=keys_then_settle())


@pytest.mark.parametrize(
    "keys", [(), ("enter",), ("enter", "2")], ids=["children", "overview", "journal"]
)
def test_light_theme(snap_compare, book, keys):
    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(
        app, terminal_size=LARGE, run_before=keys_then_settle(*keys, theme="textual-light")
    )


def test_read_only_window(snap_compare, book, monkeypatch):
    # A second window on the same file: read-only, its change keys gone from the footer.
    second = Workbook(book.path)
    assert second.read_only
    # The reason names the workbook's path, which differs per run: a fixed one is shown.
    monkeypatch.setattr(
        Workbook,
        "read_only_reason",
        property(
            lambda self: (
                "The workbook ~/workbook.json is open in another window or program, so "
                "it is shown read-only here. Close it there to make changes."
            )
        ),
    )
    try:
        app = SenWorkbookApp(second, today=TODAY)
        assert snap_compare(app, terminal_size=SMALL, run_before=keys_then_settle())
    finally:
        second.close()


def test_file_picker(snap_compare, book, tmp_path, monkeypatch):
    # A home folder with a fixed, relative name, so the tree's root reads the same each run.
    (tmp_path / "home" / "Letters").mkdir(parents=True)
    (tmp_path / "home" / "Letters" / "school letter.pdf").write_bytes(b"x")
    (tmp_path / "home" / "report.pdf").write_bytes(b"x")
    (tmp_path / "home" / ".hidden").write_bytes(b"x")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", "home")

    async def run(pilot) -> None:
        await keys_then_settle("enter", "2", "enter", "a")(pilot)
        # The picker and the folder tree's loader wait for the parent: no settling now.
        await pilot.press("tab", "tab", "tab", "enter")  # to "Choose files…"
        for _ in range(100):
            if type(pilot.app.screen).__name__ == "FilePicker":
                tree = pilot.app.screen.query_one("#picker-tree")
                if len(tree.root.children) == 2:
                    break
            await pilot.pause(0.03)
        await pilot.press("down", "down", "enter")  # tick report.pdf
        await pilot.pause(0.2)

    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=SMALL, run_before=run)


def test_timeline_at_80x24(snap_compare, book):
    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=SMALL, run_before=keys_then_settle("enter", "4"))


async def until_still(pilot) -> None:
    """Pause until two pictures of the screen in a row are the same: a form mounts the rows of
    its lists after it opens, which lengthens its scroll bar after the fields are drawn."""
    await still_screen(pilot)


def test_child_form(snap_compare, book):
    # The children list's e: the first child's details, filled in, to change.
    async def run(pilot) -> None:
        await keys_then_settle("e")(pilot)
        await until_still(pilot)

    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=LARGE, run_before=run)


# In the default run, the forms with lists of rows and the most fields, and an assessment's,
# whose report shows its files with their sizes; the other five, drawn by the same code, in
# the long run (CI runs it).
EVERYDAY_FORMS = ("plan", "review", "request", "assessment")


@pytest.mark.parametrize(
    "kind",
    slow_unless(model.KINDS, everyday=EVERYDAY_FORMS),
)
def test_entry_form(snap_compare, book, kind):
    # The form of one of the demo's entries of each kind, as e on that entry opens it.
    child = book.find_child("Amara")
    entry = next(e for e in book.entries() if e["child_id"] == child["id"] and e["kind"] == kind)

    async def run(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(EntryForm(book, child["id"], kind, entry))
        await settle(pilot)
        await until_still(pilot)

    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=LARGE, run_before=run)


def test_confirmation(snap_compare, book):
    # The children list's d: it asks before the child goes to the trash.
    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=SMALL, run_before=keys_then_settle("d"))


def test_attachments_dialog(snap_compare, book):
    # An entry's a: its files, and where to choose more.
    async def run(pilot) -> None:
        await keys_then_settle("enter", "2", "enter", "a")(pilot)
        await until_still(pilot)

    app = SenWorkbookApp(book, today=TODAY)
    assert snap_compare(app, terminal_size=SMALL, run_before=run)

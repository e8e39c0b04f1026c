"""The entry and child forms, driven by real key presses, checked against the file on disk."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Checkbox, Input, Select, SelectionList

from sen_workbook import model, vocabulary
from sen_workbook.tui.forms import values
from sen_workbook.tui.forms.child_form import ChildForm
from sen_workbook.tui.forms.entry_form import KIND_LAYOUT, EntryForm
from sen_workbook.tui.forms.items import ItemList
from sen_workbook.tui.screens.attachments import AttachmentsScreen
from sen_workbook.tui.screens.confirm import ConfirmScreen
from sen_workbook.workbook import Workbook
from tests.conftest import family_records
from tests.tui.conftest import form_text, screen_text, type_into, type_text, wait_for

SIZE = (100, 40)


class Host(App[None]):
    """A bare app that opens one screen and keeps what it was dismissed with."""

    def __init__(self, screen: Any = None) -> None:
        super().__init__()
        self.form = screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        if self.form is not None:
            self.push_screen(self.form, self.results.append)


@pytest.fixture
def book(tmp_path: Path):
    with Workbook(tmp_path / "w.json") as workbook:
        yield workbook


@pytest.fixture
def child(book: Workbook) -> dict:
    return book.add_child({"name": "Amara Okafor"})


def on_disk(book: Workbook) -> list[dict]:
    """The entries as a fresh reader of the file sees them."""
    with Workbook(book.path, read_only=True) as reader:
        return reader.entries()


def short_title(kind: str) -> str:
    return f"{kind[:4]}, 1"


# --- creating and editing every kind ----------------------------------------------------


async def test_new_entry_of_each_kind_is_saved_as_typed(book, child):
    app = Host()  # one app opens the nine forms in turn, as a parent would one after another
    # The review first, while the child has no plan to review: it is saved without one.
    kinds = sorted(model.KINDS, key=lambda kind: kind != "review")
    async with app.run_test(size=SIZE) as pilot:
        for number, kind in enumerate(kinds, 1):
            app.push_screen(EntryForm(book, child["id"], kind), app.results.append)
            await pilot.pause()
            assert isinstance(app.screen, EntryForm) and app.screen.kind == kind
            await type_into(pilot, "#date", "20240305")
            await type_into(pilot, "#title", short_title(kind))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, EntryForm), kind
            assert len(on_disk(book)) == number, kind
    saved = {e["kind"]: e for e in on_disk(book)}
    assert sorted(saved) == sorted(model.KINDS)
    for kind, entry in saved.items():
        assert entry["child_id"] == child["id"], kind
        assert entry["date"] == "2024-03-05", kind
        assert entry["title"] == short_title(kind), kind
    assert saved["review"]["plan_id"] == ""
    assert app.results == [saved[kind] for kind in kinds]


async def test_editing_each_kind_changes_only_what_was_typed_and_keeps_a_revision(tmp_path):
    children, entries = family_records()
    with Workbook(tmp_path / "w.json") as book:
        book.load_sample(children, entries, {})
        stored = book.entries()
        assert sorted(e["kind"] for e in stored) == sorted(model.KINDS)
        app = Host()  # one app for all nine forms keeps this quick
        async with app.run_test(size=SIZE) as pilot:
            for before in stored:
                form = EntryForm(book, before["child_id"], before["kind"], before)
                app.push_screen(form, app.results.append)
                await pilot.pause()
                assert not form.has_changes(), before["kind"]  # escape would not ask
                app.screen.query_one("#title").focus()
                await pilot.press("end", "!")
                assert form.has_changes(), before["kind"]
                await pilot.press("ctrl+s")
                await pilot.pause()
                assert not isinstance(app.screen, EntryForm), before["kind"]
        after = {e["id"]: e for e in on_disk(book)}
    for before in stored:
        now = after[before["id"]]
        # Every field the parent did not touch comes back exactly as it was stored.
        untouched = {
            k: v for k, v in before.items() if k not in ("title", "updated_at", "revisions")
        }
        assert {k: now[k] for k in untouched} == untouched, before["kind"]
        assert now["title"] == before["title"] + "!"
        assert len(now["revisions"]) == 1
        assert now["revisions"][0]["record"]["title"] == before["title"]
    assert app.results == [after[e["id"]] for e in stored]


async def test_entry_date_with_a_time_of_day(book, child):
    app = Host(EntryForm(book, child["id"], "incident"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#date", "20240305")
        await type_into(pilot, "#time", "1245")
        await type_into(pilot, "#title", "Sent home")
        await type_into(pilot, "#days_lost", "0.5")
        await type_into(pilot, "#people", "Ms P,Dr K")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = on_disk(book)
    assert saved["date"] == "2024-03-05 12:45"
    assert saved["days_lost"] == 0.5
    assert saved["people"] == ["Ms P", "Dr K"]


async def test_a_new_entry_is_dated_the_workbooks_today_not_the_computers(tmp_path):
    """An entry written without touching the date is dated the day the workbook counts as
    today, the same day it checks reviews against."""
    import datetime as _dt

    day = _dt.date(2024, 1, 15)
    with Workbook(tmp_path / "w.json", today=lambda: day) as book:
        child = book.add_child({"name": "Amara Okafor"})
        app = Host(EntryForm(book, child["id"], "observation"))
        async with app.run_test(size=SIZE) as pilot:
            await type_into(pilot, "#title", "Calmer after school")
            await pilot.press("ctrl+s")
            await pilot.pause()
        [saved] = on_disk(book)
    assert saved["date"] == "2024-01-15"


async def test_an_observation_keeps_the_childs_own_words_and_the_parents_views(book, child):
    app = Host(EntryForm(book, child["id"], "observation"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#date", "20240305")
        await type_into(pilot, "#title", "After school")
        app.screen.query_one("#child_views").focus()
        await type_text(pilot, "Everyone shouts")
        app.screen.query_one("#parent_views").focus()
        await type_text(pilot, "Lunch club is too loud")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EntryForm)
    [saved] = on_disk(book)
    assert (saved["child_views"], saved["parent_views"]) == (
        "Everyone shouts",
        "Lunch club is too loud",
    )


def test_each_kind_shows_exactly_its_model_fields():
    for kind, layout in KIND_LAYOUT.items():
        typed = [name for name in model.KIND_FIELDS[kind] if name not in model.IMPORTED_FIELDS]
        assert [name for name, *_ in layout] == typed, kind


# --- validation ---------------------------------------------------------------------------


async def test_bad_date_and_missing_title_are_shown_and_nothing_is_saved(book, child):
    app = Host(EntryForm(book, child["id"], "concern"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#date", "20240230")
        await type_into(pilot, "#response_date", "20241301")
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = form_text(app)
        assert isinstance(app.screen, EntryForm)
        assert "Date '2024-02-30' is not a real date." in shown
        assert "Title is required" in shown
        assert "Date of the response '2024-13-01' is not a real date." in shown
        assert "there are 3 problems" in shown
        # Each problem sits under its own field.
        form = app.screen
        assert "not a real date" in str(form.query_one("#field-date .field-problem").render())
        assert "required" in str(form.query_one("#field-title .field-problem").render())
    assert on_disk(book) == []
    assert app.results == []


async def test_a_bad_date_is_pointed_out_as_soon_as_the_field_is_left(book, child):
    app = Host(EntryForm(book, child["id"], "meeting"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#time", "2561")
        await pilot.press("tab")
        await pilot.pause()
        problem = app.screen.query_one("#field-date .field-problem")
        assert "Time '25:61' is not a time of day" in str(problem.render())
        await type_into(pilot, "#time", "1530")
        await pilot.press("tab")
        await pilot.pause()
        assert str(problem.render()) == ""
        await type_into(pilot, "#follow_up_sent", "2024")
        await pilot.press("tab")
        await pilot.pause()
        assert (
            "Follow-up email sent on must be a date written as YYYY-MM-DD, not '2024-'"
            in form_text(app)
        )


async def test_a_problem_the_model_finds_is_shown_beside_its_field(book, child):
    app = Host(EntryForm(book, child["id"], "plan"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#title", "Plan")
        await type_into(pilot, "#start_date", "20240401")
        await type_into(pilot, "#review_date", "20240101")
        await pilot.press("ctrl+s")
        await pilot.pause()
        problem = str(app.screen.query_one("#field-review_date .field-problem").render())
        assert problem == (
            "The review date 2024-01-01 is before the plan starts on 2024-04-01: a plan is "
            "reviewed after it has started."
        )
    assert on_disk(book) == []


async def test_an_empty_target_row_is_named_by_its_number(book, child):
    app = Host(EntryForm(book, child["id"], "plan"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#title", "Plan")
        targets = app.screen.query_one("#targets", ItemList)
        targets.query_one(".add-row").focus()
        await pilot.press("ctrl+n")
        await type_text(pilot, "Greets")
        await pilot.press("ctrl+n")  # a second row, left empty
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        rows = targets.rows
        assert [r.has_class("-has-problem") for r in rows] == [False, True]
        assert str(rows[1].query_one(".row-problem").render()) == "Target is empty."
        assert "Target 2" in str(rows[1].query_one(".row-title").render())
        assert on_disk(book) == []
        # ctrl+r removes the row being edited; then the plan saves.
        rows[1].focus_first()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    [plan] = on_disk(book)
    assert [t["text"] for t in plan["targets"]] == ["Greets"]
    assert plan["targets"][0]["id"]


async def test_removing_a_filled_target_asks_first_and_no_keeps_it(book, child):
    app = Host(EntryForm(book, child["id"], "plan"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#title", "Plan")
        targets = app.screen.query_one("#targets", ItemList)
        targets.query_one(".add-row").focus()
        await pilot.press("ctrl+n")
        await type_text(pilot, "Greets an adult")
        await pilot.press("ctrl+n")
        await type_text(pilot, "Reads words")
        await pilot.pause()
        targets.rows[0].focus_first()
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        # The question is pushed at once and drawn a moment later (later still on a busy
        # machine): wait for it on the screen.
        await wait_for(pilot, lambda: "Remove target 1?" in screen_text(app))
        shown = screen_text(app)
        assert "Remove target 1?" in shown and "Greets an adult" in shown
        assert "Remove target (y)" in shown and "Keep it (n)" in shown
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryForm))
        assert [r.item_value()["text"] for r in targets.rows] == ["Greets an adult", "Reads words"]
        # escape keeps it too; y removes it, and the focus stays in the list.
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryForm))
        assert len(targets.rows) == 2
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: len(targets.rows) == 1)
        assert isinstance(app.screen, EntryForm)
        assert "Target 1" in str(targets.rows[0].query_one(".row-title").render())
        assert targets.rows[0] in app.screen.focused.ancestors
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.results)
    [plan] = on_disk(book)
    assert [t["text"] for t in plan["targets"]] == ["Reads words"]


async def test_an_empty_row_is_removed_at_once_and_a_filled_action_is_asked_about(book, child):
    app = Host(EntryForm(book, child["id"], "meeting"))
    async with app.run_test(size=SIZE) as pilot:
        actions = app.screen.query_one("#actions", ItemList)
        actions.query_one(".add-row").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert len(actions.rows) == 1
        await pilot.press("ctrl+r")  # nothing typed: no question
        await wait_for(pilot, lambda: not actions.rows)
        assert isinstance(app.screen, EntryForm)
        await pilot.press("ctrl+n")
        await type_text(pilot, "Send the report")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await wait_for(pilot, lambda: "Remove action 1?" in screen_text(app))
        assert "Send the report" in screen_text(app)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryForm))
        assert [r.item_value()["text"] for r in actions.rows] == ["Send the report"]


# --- reviews and carrying targets over -------------------------------------------------


@pytest.fixture
def plan(book, child) -> dict:
    return book.add_entry(
        "plan",
        child["id"],
        {
            "date": "2024-01-08",
            "title": "Spring plan",
            "review_date": "2024-04-01",
            "targets": [
                {"id": "t-greet", "text": "Greets an adult at the door", "area": "semh"},
                {"id": "t-read", "text": "Reads twenty common words", "area": "cognition_learning"},
            ],
        },
    )


async def test_review_of_a_plan_starts_from_its_targets(book, child, plan):
    app = Host(EntryForm(book, child["id"], "review", review_of_plan=plan))
    async with app.run_test(size=SIZE) as pilot:
        shown = form_text(app)
        assert "Greets an adult at the door" in shown
        assert "Reads twenty common words" in shown
        assert app.screen.query_one("#title", Input).value == "Review of Spring plan"
        outcomes = app.screen.query_one("#outcomes", ItemList)
        first = outcomes.rows[0].controls["result"]
        first.focus()
        await pilot.press("enter")  # open the choices
        await pilot.pause()
        # Choices run: Met, Partly met, Not met, Not assessed (chosen now).
        await pilot.press("home", "enter")
        await pilot.pause()
        await type_into(pilot, ".item-evidence", "Daily")
        await pilot.press("ctrl+s")
        await pilot.pause()
    review = next(e for e in on_disk(book) if e["kind"] == "review")
    assert review["plan_id"] == plan["id"]
    assert review["outcomes"] == [
        {"target_id": "t-greet", "result": "met", "evidence": "Daily"},
        {"target_id": "t-read", "result": "not_assessed", "evidence": ""},
    ]


async def test_carrying_targets_over_keeps_their_ids(book, child, plan):
    book.add_entry(
        "review",
        child["id"],
        {
            "date": "2024-04-02",
            "title": "Spring review",
            "plan_id": plan["id"],
            "outcomes": [
                {"target_id": "t-greet", "result": "met", "evidence": ""},
                {"target_id": "t-read", "result": "not_met", "evidence": ""},
            ],
        },
    )
    app = Host(EntryForm(book, child["id"], "plan", carry_from_plan=plan))
    async with app.run_test(size=SIZE) as pilot:
        boxes = list(app.screen.query(".carry-target").results(Checkbox))
        # The target met at the review is not offered ticked; the one not met is.
        assert [b.value for b in boxes] == [False, True]
        assert "not met at the latest review" in str(boxes[1].label)
        targets = app.screen.query_one("#targets", ItemList)
        assert [r.item["id"] for r in targets.rows] == ["t-read"]
        await type_into(pilot, "#title", "Summer")
        await pilot.press("ctrl+s")
        await pilot.pause()
    summer = next(e for e in on_disk(book) if e["title"] == "Summer")
    assert [t["id"] for t in summer["targets"]] == ["t-read"]
    assert summer["targets"][0]["text"] == "Reads twenty common words"


async def test_ticking_a_target_to_carry_adds_it_with_its_id(book, child, plan):
    app = Host(EntryForm(book, child["id"], "plan", carry_from_plan=plan))
    async with app.run_test(size=SIZE) as pilot:
        boxes = list(app.screen.query(".carry-target").results(Checkbox))
        assert [b.value for b in boxes] == [True, True]  # never reviewed: both offered
        boxes[0].focus()
        await pilot.press("space")  # untick the first
        await pilot.pause()
        await type_into(pilot, "#title", "Summer")
        await pilot.press("ctrl+s")
        await pilot.pause()
    summer = next(e for e in on_disk(book) if e["title"] == "Summer")
    assert [t["id"] for t in summer["targets"]] == ["t-read"]


# --- never losing what was typed ------------------------------------------------------


async def test_a_failed_save_keeps_the_form_and_says_why(book, child):
    with Workbook(book.path) as second:  # the file is open in the first: read-only here
        assert second.read_only
        app = Host(EntryForm(second, child["id"], "correspondence"))
        async with app.run_test(size=SIZE) as pilot:
            await type_into(pilot, "#title", "Call")
            app.screen.query_one("#details").focus()
            await type_text(pilot, "Referral made")
            await pilot.press("enter")
            await type_text(pilot, "today")
            await pilot.press("ctrl+s")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, EntryForm)
            assert form.query_one("#title", Input).value == "Call"
            assert form.query_one("#details").text == "Referral made\ntoday"
            message = str(form.query_one("#form-message").render())
            assert "open in another window or program" in message
            assert "Everything you typed is still here" in message
    assert on_disk(book) == []
    assert app.results == []


async def test_a_full_disk_keeps_the_form_and_says_why(book, child, monkeypatch):
    from sen_workbook import storage

    def disk_full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(book.path))

    # The disk refuses the workbook's own save, below the storage that says so in a sentence.
    monkeypatch.setattr(storage, "atomic_write", disk_full)
    app = Host(EntryForm(book, child["id"], "observation"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#title", "Upset")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        assert app.screen.query_one("#title", Input).value == "Upset"
        message = str(app.screen.query_one("#form-message").render())
        assert "No space left on device" in message
        assert "Everything you typed is still here" in message


async def test_an_entry_saved_but_not_its_file_is_not_saved_twice(
    book, child, tmp_path, monkeypatch
):
    monkeypatch.setenv("HOME", str(tmp_path))
    letter = tmp_path / "l.txt"
    letter.write_text("Dear parent")
    app = Host(EntryForm(book, child["id"], "correspondence"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#title", "L")
        await type_into(pilot, ".attach-path", "~/l.txt")
        await pilot.press("enter")
        await pilot.pause()
        letter.rename(tmp_path / "moved.txt")  # gone by the time the entry is saved
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        message = str(app.screen.query_one("#form-message").render())
        assert "The entry was saved, but l.txt was not attached" in message
        [saved] = on_disk(book)
        assert saved["attachments"] == []
        (tmp_path / "moved.txt").rename(letter)  # put back; saving again attaches it
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EntryForm)
    [saved] = on_disk(book)
    assert [a["filename"] for a in saved["attachments"]] == ["l.txt"]
    assert app.results == [saved]


async def test_escape_with_changes_asks_before_discarding(book, child):
    app = Host(EntryForm(book, child["id"], "observation"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#title", "Upset")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard changes?" in form_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        assert app.screen.query_one("#title", Input).value == "Upset"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, (EntryForm, ConfirmScreen))
    assert app.results == [None]
    assert on_disk(book) == []


async def test_escape_without_changes_closes_at_once(tmp_path):
    children, entries = family_records()
    with Workbook(tmp_path / "w.json") as book:
        book.load_sample(children, entries, {})
        child_id = children[0]["id"]
        plan = next(e for e in entries if e["kind"] == "plan")
        # The forms that start from a plan, and one of each control's kind filled in
        # (every kind of entry is checked the same way in the editing test above).
        meeting = next(e for e in entries if e["kind"] == "meeting")
        forms = [
            EntryForm(book, child_id, "meeting", meeting),
            EntryForm(book, child_id, "plan"),
            EntryForm(book, child_id, "review", review_of_plan=plan),
            EntryForm(book, child_id, "plan", carry_from_plan=plan),
            ChildForm(book, book.children()[0]),
        ]
        app = Host()  # one app for all the forms keeps this quick
        async with app.run_test(size=SIZE) as pilot:
            for form in forms:
                app.push_screen(form, app.results.append)
                await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
                assert app.screen is not form, form.heading()
                assert not isinstance(app.screen, ConfirmScreen), form.heading()
        assert app.results == [None] * len(forms)
        assert book.entries() == entries_sorted(entries)


def entries_sorted(entries: list[dict]) -> list[dict]:
    return sorted(entries, key=lambda e: (e["date"], e["created_at"], e["id"]))


async def test_ticking_an_area_counts_as_a_change(book, child):
    app = Host(EntryForm(book, child["id"], "observation"))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#areas", SelectionList).focus()
        await pilot.press("space")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


# --- files ---------------------------------------------------------------------------------


async def test_a_file_chosen_for_a_new_entry_is_attached_when_it_is_saved(
    book, child, tmp_path, monkeypatch
):
    monkeypatch.setenv("HOME", str(tmp_path))
    letter = tmp_path / "a letter.txt"
    letter.write_text("Dear parent")
    app = Host(EntryForm(book, child["id"], "correspondence"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#title", "L")
        await type_into(pilot, ".attach-path", "~/gone.pdf")
        await pilot.press("enter")
        await pilot.pause()
        assert f"There is no file at {tmp_path / 'gone.pdf'}." in form_text(app)
        await type_into(pilot, ".attach-path", "'~/a letter.txt'")  # as a terminal drops it
        await type_into(pilot, ".attach-description", "From school")
        await pilot.press("enter")
        await pilot.pause()
        assert "a letter.txt, 11 bytes: From school" in form_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = on_disk(book)
    [attached] = saved["attachments"]
    assert attached["filename"] == "a letter.txt"
    assert attached["description"] == "From school"
    assert book.read_attachment(attached["sha256"]) == b"Dear parent"


async def test_attachments_screen_removes_a_file_after_asking(book, child, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("SALT report")
    entry = book.add_entry("assessment", child["id"], {"date": "2024-01-01", "title": "SALT"})
    book.add_attachment(entry["id"], report, "")
    app = Host(AttachmentsScreen(book, entry["id"]))
    async with app.run_test(size=SIZE) as pilot:
        assert "report.txt, 11 bytes" in form_text(app)
        await pilot.click(".file-remove")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert "No files attached." in form_text(app)
        await pilot.press("escape")
        await pilot.pause()
    assert on_disk(book)[0]["attachments"] == []
    assert app.results[0]["attachments"] == []


# --- the child form ------------------------------------------------------------------------


async def test_new_child_is_saved_and_a_missing_name_is_refused(book):
    app = Host(ChildForm(book))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#date_of_birth", "20160230")
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = form_text(app)
        assert "Name is required" in shown
        assert "Date of birth '2016-02-30' is not a real date." in shown
        assert book.children() == []
        await type_into(pilot, "#name", "Amara")
        await type_into(pilot, "#date_of_birth", "20160512")
        app.screen.query_one("#setting_phase", Select).value = "school"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = book.children()
    assert saved["name"] == "Amara"
    assert saved["date_of_birth"] == "2016-05-12"
    assert saved["setting_phase"] == "school"
    assert app.results == [saved]


async def test_editing_a_child_keeps_what_was_not_touched(tmp_path):
    children, entries = family_records()
    with Workbook(tmp_path / "w.json") as book:
        book.load_sample(children, entries, {})
        before = book.children()[0]
        app = Host(ChildForm(book, before))
        async with app.run_test(size=(80, 24)) as pilot:
            await type_into(pilot, "#year_group", "Y5")
            await pilot.press("ctrl+s")
            await pilot.pause()
        after = book.child(before["id"])
    assert after == {**before, "year_group": "Y5"}


# --- the yes/no question -------------------------------------------------------------------


@pytest.mark.parametrize(("key", "answer"), [("y", True), ("n", False), ("escape", False)])
async def test_confirm_screen_answers_by_key(key, answer):
    app = Host(ConfirmScreen("Delete this entry?", "It goes to the trash."))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Delete this entry?" in form_text(app)
        await pilot.press(key)
        await pilot.pause()
    assert app.results == [answer]


async def test_confirm_question_is_never_markup():
    app = Host(ConfirmScreen("Delete “[b]Report[/b]”?"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "[b]Report[/b]" in form_text(app)
        await pilot.press("n")


# --- what the forms do with typed text ----------------------------------------------------


def test_names_split_on_commas_and_lines_and_untouched_lists_are_kept():
    assert values.split_names(" Mrs Patel , Dr Khan\nParent,, ") == [
        "Mrs Patel",
        "Dr Khan",
        "Parent",
    ]
    stored = ["Jones, Mrs", "Parent"]
    assert values.names_from_text(values.join_names(stored), stored) == stored
    assert values.names_from_text("Jones, Mrs, Parent, TA", stored) == [
        "Jones",
        "Mrs",
        "Parent",
        "TA",
    ]


@pytest.mark.parametrize(("typed", "days"), [("", 0), ("2", 2), (" 0.5 ", 0.5), ("1.0", 1)])
def test_days_lost_are_read_as_numbers(typed, days):
    assert values.parse_days(typed) == days
    assert type(values.parse_days(typed)) is type(days)


@pytest.mark.parametrize("typed", ["two", "-1", "nan", "inf"])
def test_days_lost_that_are_not_a_count_are_refused(typed):
    with pytest.raises(ValueError, match="Days of education lost"):
        values.parse_days(typed)


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        (
            "plan entry 'record': review_date '2024-01-01' is before start_date '2024-04-01'.",
            ("review_date", None, None),
        ),
        (
            "plan entry 'record', target 2: by_date '2024-13-01' is not a real date.",
            ("targets", 2, "by_date"),
        ),
        ("plan entry 'record', provision item 1: what is empty.", ("provision", 1, "what")),
        (
            "review, outcome 3: target_id 'x' is not a target of plan 'Spring: plan'.",
            ("outcomes", 3, "target_id"),
        ),
        ("plan entry 'record': target id 't1' appears twice.", ("targets", None, None)),
        ("child_id 'c' is not a child in this workbook.", (None, None, None)),
    ],
)
def test_problem_sentences_are_placed_at_their_field(sentence, place):
    fields = [*model.entry_fields("plan"), *model.entry_fields("review")]
    found = values.locate_problem(sentence, fields)
    assert (found.field, found.row, found.item_field) == place


def test_targets_met_at_the_latest_review_are_not_offered_ticked():
    plan = model.new_entry(
        "plan",
        "c",
        date="2024-01-01",
        title="P",
        targets=[{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}],
    )
    first = model.new_entry(
        "review",
        "c",
        date="2024-02-01",
        title="R1",
        plan_id=plan["id"],
        outcomes=[{"target_id": "a", "result": "not_met"}, {"target_id": "b", "result": "met"}],
    )
    second = model.new_entry(
        "review",
        "c",
        date="2024-03-01",
        title="R2",
        plan_id=plan["id"],
        outcomes=[
            {"target_id": "a", "result": "met"},
            {"target_id": "b", "result": "not_assessed"},
        ],
    )
    # a: met at the latest review; b: last assessed as met; c: never assessed.
    assert values.carry_over_ticks(plan, [second, first]) == {"a": False, "b": False, "c": True}


# --- the subject access clock ------------------------------------------------------------


async def test_a_subject_access_request_records_what_was_asked_for_and_when_it_was_sent(
    book, child
):
    app = Host(EntryForm(book, child["id"], "request"))
    async with app.run_test(size=(100, 60)) as pilot:
        form = app.screen
        # Only a subject access request has these fields.
        assert not form.fields["asked_for"].display
        await type_into(pilot, "#date", "20260302")
        await type_into(pilot, "#title", "Subject access request to the school")
        form.query_one("#request_type", Select).focus()
        await pilot.press("enter", "up", "enter")  # from "Other request" up to subject access
        await pilot.pause()
        assert form.query_one("#request_type", Select).value == "subject_access"
        assert form.fields["asked_for"].display
        assert vocabulary.FIELD_LABELS["asked_for"] in form_text(app)
        form.query_one("#asked_for", Select).focus()
        await pilot.press("enter", "down", "enter")  # proof of identity
        await type_into(pilot, "#asked_for_date", "20260305")
        await type_into(pilot, "#supplied_date", "20260304")  # before it was asked for
        await pilot.press("ctrl+s")
        await pilot.pause()
        problem = str(form.query_one("#field-supplied_date .field-problem").render())
        assert "before they asked for it on 2026-03-05" in problem
        assert on_disk(book) == []
        await type_into(pilot, "#supplied_date", "20260312")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EntryForm)
    [saved] = on_disk(book)
    assert (
        saved["request_type"],
        saved["asked_for"],
        saved["asked_for_date"],
        saved["supplied_date"],
    ) == ("subject_access", "id", "2026-03-05", "2026-03-12")


async def test_the_subject_access_fields_are_saved_empty_for_any_other_request(book, child):
    app = Host(EntryForm(book, child["id"], "request"))
    async with app.run_test(size=(100, 60)) as pilot:
        form = app.screen
        await type_into(pilot, "#title", "Complaint")
        form.query_one("#request_type", Select).value = "subject_access"
        await pilot.pause()
        form.query_one("#asked_for", Select).value = "fee"
        await type_into(pilot, "#asked_for_date", "2026")  # half typed, then left
        form.query_one("#request_type", Select).value = "complaint"
        await pilot.pause()
        assert not form.fields["asked_for"].display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EntryForm)
    [saved] = on_disk(book)
    assert (saved["request_type"], saved["asked_for"], saved["asked_for_date"]) == (
        "complaint",
        "",
        "",
    )

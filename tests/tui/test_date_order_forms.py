"""The forms show the records' sentence about dates that contradict each other beside
the field at fault, and save nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from sen_workbook.tui.forms.entry_form import EntryForm
from sen_workbook.tui.forms.items import ItemList
from sen_workbook.workbook import Workbook
from tests.tui.conftest import type_into, type_text
from tests.tui.test_forms import SIZE, Host, on_disk


@pytest.fixture
def book(tmp_path: Path):
    with Workbook(tmp_path / "w.json") as workbook:
        workbook.add_child({"name": "Sam Test"})
        yield workbook


def sam(book: Workbook) -> str:
    return book.children()[0]["id"]


async def test_the_meeting_form_shows_an_early_due_date_under_its_action(book):
    app = Host(EntryForm(book, sam(book), "meeting"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#date", "20261130")
        await type_into(pilot, "#title", "Meeting with SENCo")
        actions = app.screen.query_one("#actions", ItemList)
        actions.query_one(".add-row").focus()
        await pilot.press("ctrl+n")
        await type_text(pilot, "Send the report")
        row = actions.rows[0]
        row.controls["due"].focus()
        await type_text(pilot, "20261001", "home", "ctrl+k")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        shown = str(row.query_one(".row-problem").render())
        assert shown == (
            "It is due on 2026-10-01, before the meeting on 2026-11-30 that agreed it: an "
            "action can only fall due after it was agreed."
        )
        assert row.has_class("-has-problem")
        # Said once, beside the action, not again at the top of the form.
        assert "2026-10-01" not in str(app.screen.query_one("#form-message").render())
    assert on_disk(book) == []


async def test_the_request_form_shows_an_early_decision_beside_its_date(book):
    request = book.add_entry(
        "request",
        sam(book),
        {"date": "2026-11-30", "title": "Request for an EHC needs assessment"},
    )
    app = Host(EntryForm(book, sam(book), "request", entry=request))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#outcome", "Refused to assess")
        await type_into(pilot, "#outcome_date", "20261101")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        shown = str(app.screen.query_one("#field-outcome_date .field-problem").render())
        assert shown.startswith("The outcome is dated 2026-11-01, before the request was made")
    assert [e["outcome_date"] for e in on_disk(book)] == [""]

"""Days of education lost: "half" is half a day, and anything else that is not a number
is refused beside the field, never dropped without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from sen_workbook.tui.forms.entry_form import EntryForm
from sen_workbook.workbook import Workbook
from tests.tui.conftest import type_into
from tests.tui.test_forms import SIZE, Host, on_disk


@pytest.fixture
def book(tmp_path: Path):
    with Workbook(tmp_path / "w.json") as workbook:
        workbook.add_child({"name": "Sam Test"})
        yield workbook


async def test_half_typed_for_days_lost_is_kept_as_half_a_day(book):
    app = Host(EntryForm(book, book.children()[0]["id"], "incident"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#title", "Sent home at lunchtime")
        await type_into(pilot, "#days_lost", "half")
        assert app.screen.query_one("#days_lost").value == "half"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = on_disk(book)
    assert saved["days_lost"] == 0.5


async def test_a_word_that_is_not_a_number_is_refused_beside_the_field(book):
    app = Host(EntryForm(book, book.children()[0]["id"], "incident"))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#title", "Sent home at lunchtime")
        await type_into(pilot, "#days_lost", "two")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        shown = str(app.screen.query_one("#field-days_lost .field-problem").render())
        assert shown == "Days of education lost must be a number such as 2, 0.5 or half, not 'two'."
    assert on_disk(book) == []

"""A journal longer than a page, with keys typed as it opens.

The journal may open on its newest page and make the rows beyond it once that page is
drawn.  Keys typed in the same burst as the 2 that opens it (the terminal hands them
over all at once) must act on the whole journal and on the entry under the cursor, and
what the status line counts, and the rows a change leaves, must be what they were when
every row was made at once.
"""

from __future__ import annotations

from textual import events

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.screens.child import ChildScreen
from sen_workbook.tui.screens.entry import EntryScreen
from sen_workbook.workbook import Workbook
from tests.tui.conftest import long_journal as shared_long_journal
from tests.tui.conftest import screen_text, settle, wait_for
from tests.tui.test_app import SIZE, TODAY, journal, open_amara, status

COUNT = 250  # two and a half pages


def long_journal(path) -> Workbook:
    """One child with COUNT notes, one a day: "Note 0" the oldest."""
    return shared_long_journal(path, COUNT)


def keys_at_once(app: SenWorkbookApp, *keys: str) -> None:
    """The keys as a terminal sends a burst of them, all queued before the first is
    handled."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def titles(app: SenWorkbookApp) -> list[str]:
    table = journal(app).table
    return [table.get_row_at(row)[2].plain for row in range(table.row_count)]


async def open_with(app: SenWorkbookApp, pilot, *keys: str) -> None:
    await open_amara(pilot)
    keys_at_once(app, "2", *keys)


async def test_keys_typed_with_the_2_open_the_entry_under_the_cursor_and_come_back_to_it(
    tmp_path,
):
    with long_journal(tmp_path / "w.json") as book:
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_with(app, pilot, "down", "down", "down", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen))
            await settle(pilot)
            assert "Note 246" in screen_text(app)  # the fourth newest
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, ChildScreen))
            await settle(pilot)
            table = journal(app).table
            assert table.get_row_at(table.cursor_row)[2].plain == "Note 246"


async def test_a_page_turned_and_enter_typed_with_the_2_open_that_page_s_row(tmp_path):
    with long_journal(tmp_path / "w.json") as book:
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_with(app, pilot, "right_square_bracket", "down", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen))
            await settle(pilot)
            assert "Note 148" in screen_text(app)  # the second row of the second page


async def test_the_last_page_and_the_count_are_the_whole_journal_s(tmp_path):
    with long_journal(tmp_path / "w.json") as book:
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_with(app, pilot, *["right_square_bracket"] * 3)  # one more than there are
            await wait_for(
                pilot,
                lambda: app.screen.query("#journal-status") and "page 3 of 3" in status(app),
            )
            assert f"{COUNT} of {COUNT} entries · newest first" in status(app)
            assert titles(app) == [f"Note {n}" for n in range(49, -1, -1)]
            await pilot.press("left_square_bracket", "left_square_bracket")
            await settle(pilot)
            assert titles(app) == [f"Note {n}" for n in range(COUNT - 1, COUNT - 101, -1)]


async def test_an_entry_trashed_from_the_newest_page_leaves_every_other_row(tmp_path):
    with long_journal(tmp_path / "w.json") as book:
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_with(app, pilot, "down", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen))
            await settle(pilot)
            assert "Note 248" in screen_text(app)
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("y")
            await wait_for(pilot, lambda: isinstance(app.screen, ChildScreen))
            await wait_for(
                pilot,
                lambda: (
                    app.screen.query("#journal-status")
                    and f"{COUNT - 1} of {COUNT - 1} entries" in status(app)
                ),
            )
            await settle(pilot)
            expected = [f"Note {n}" for n in range(COUNT - 1, -1, -1) if n != 248]
            assert [row.title for row in journal(app).matches] == expected
            assert titles(app) == expected[:100]
            await pilot.press("o")  # oldest first: the whole journal, less the one trashed
            await settle(pilot)
            assert [row.title for row in journal(app).matches] == expected[::-1]


async def test_end_and_home_move_the_cursor_so_enter_opens_the_row_shown(tmp_path):
    # End and home went to the last and first column of a table that has no more to
    # show sideways: nothing moved, and enter opened the row still highlighted.
    with long_journal(tmp_path / "w.json") as book:
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_amara(pilot, "2")
            await pilot.press("end")
            await settle(pilot)
            assert "Note 150" in screen_text(app)  # the last row of the page
            assert "Note 249" not in screen_text(app)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen))
            await settle(pilot)
            assert "Note 150" in screen_text(app)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, ChildScreen))
            await settle(pilot)
            await pilot.press("home", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen))
            await settle(pilot)
            assert "Note 249" in screen_text(app)

"""The lists share the terminal's width by what their columns hold: names and titles first,
dates, kinds, areas and counts as wide as their content, and every area in the same short
form in every list (the full names are in the line below the list and in help).

The demo family (fixed seed) and a fixed "today", at the two sizes a parent is likely to use.
"""

from __future__ import annotations

import pytest
from textual.app import App

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.widgets.table import RecordTable, share_width
from tests.tui import test_snapshots as snapshot_tests
from tests.tui.conftest import screen_text, settle, still_text, wait_for

# The snapshots' demo family, "today" and sizes.
book = snapshot_tests.book
TODAY, SMALL, LARGE = snapshot_tests.TODAY, snapshot_tests.SMALL, snapshot_tests.LARGE


def widths(app: App, selector: str) -> dict[str, int]:
    """Each column's width on the screen, by its heading (padding left out)."""
    table = app.screen.query_one(selector, RecordTable)
    return {
        str(column.label): column.get_render_width(table) - 2 * table.cell_padding
        for column in table.columns.values()
    }


def row_of(app: App, text: str) -> str:
    return next(line for line in screen_text(app).splitlines() if text in line)


async def facts_shown(pilot) -> None:
    await settle(pilot)
    screen = pilot.app.screen
    await wait_for(pilot, lambda: len(screen.facts) == len(screen.children_shown))
    await settle(pilot)


async def test_the_next_review_is_said_in_full_at_120_columns(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        await facts_shown(pilot)
        reviews = {c["name"]: app.screen.facts[c["id"]][0] for c in app.screen.children_shown}
        assert any(len(review) > len("Next review") + 10 for review in reviews.values())
        for name, review in reviews.items():
            assert review in row_of(app, name)


async def test_a_narrow_list_grows_to_the_full_review_when_the_terminal_widens(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await facts_shown(pilot)
        child = app.screen.children_shown[0]
        review = app.screen.facts[child["id"]][0]
        assert review not in row_of(app, child["name"][:10])  # 80 columns: it gives way
        assert widths(app, "#children-table")["Name"] == max(
            widths(app, "#children-table").values()
        )
        await pilot.resize_terminal(*LARGE)
        await settle(pilot)
        assert review in row_of(app, child["name"][:10])


async def test_at_80_columns_the_journal_title_is_the_widest_and_short_columns_fit(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("enter", "2")
        await settle(pilot)
        shown = widths(app, "#journal-table")
        assert shown["Title"] == max(shown.values())
        # The date without a time at this width, the files as a count: no wider than that.
        assert shown["Date"] == len("2026-06-14")
        assert shown["Files"] == len("Files")
        # Every entry's areas in full, in their short form.
        table = app.screen.query_one("#journal-table", RecordTable)
        areas = {str(table.get_row_at(row)[3]) for row in range(table.row_count)}
        assert "C&L, SEMH, S&P" in areas and not any("\u2026" in text for text in areas)
        # Wider, the title takes the room: the time is shown, the rest is the title's.
        await pilot.resize_terminal(*LARGE)
        await settle(pilot)
        wide = widths(app, "#journal-table")
        assert wide["Title"] > shown["Title"] + 30
        assert wide["Areas"] == shown["Areas"] and wide["Kind"] == shown["Kind"]


async def test_areas_are_abbreviated_alike_in_the_children_list_and_the_journal(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=LARGE) as pilot:
        await facts_shown(pilot)
        amara = row_of(app, "Amara")
        assert "C&L, SEMH, S&P" in amara and "Cognition" not in amara
        # The line below the list names them in full.
        detail = " ".join(screen_text(app).split())
        assert "Areas: Cognition and learning, Social, emotional and mental health" in detail
        await pilot.press("enter", "2")
        await settle(pilot)
        review = row_of(app, "Review of the Year 10")
        assert "C&L, SEMH, S&P" in review and "Cognition" not in review


async def test_at_80_columns_the_children_list_gives_the_room_to_names_and_reviews(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await facts_shown(pilot)
        # No room for the areas beside full names: they are in the line below the list.
        assert "Areas" not in widths(app, "#children-table")
        assert "C&L, SEMH" not in row_of(app, "Amara")
        amara = row_of(app, "Amara Okafor-Bennett ")  # her whole name
        assert "no current plan since…" in amara and "15 (1 missed)" in amara
        assert "annual review overdue…" in row_of(app, "Oluwatobi")


def test_short_columns_keep_their_content_and_the_first_takes_the_rest():
    # Room for everything: the short columns as wide as they need, the title the rest.
    assert share_width(60, [10, 11, 40, 9, 5], [10, 11, 12, 9, 5], first=[2]) == [
        10,
        11,
        25,
        9,
        5,
    ]
    # Not enough: nothing below its least, and the title grows before the others do.
    assert share_width(50, [10, 11, 40, 26, 5], [10, 11, 12, 14, 5], first=[2]) == [
        10,
        11,
        12,
        14,
        5,
    ]
    assert share_width(70, [10, 11, 30, 26, 5], [10, 11, 12, 14, 5], first=[2]) == [
        10,
        11,
        30,
        14,
        5,
    ]


async def test_at_80_columns_the_timeline_preview_wraps_entry_headings_and_table_cells(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("enter", "4")
        await settle(pilot)
        seen_heading = seen_table = False
        for _ in range(30):
            words = " ".join(screen_text(app).split())
            if "R5 \u2014 2023-11-16" in words:
                # The whole title of the entry, over two lines if need be.
                assert "Meeting with Mr Lewis about the home-school book" in words
                seen_heading = True
            if "\u2502 Summary" in words:
                # The chronology fits the width: its right edge is on the screen.
                top = next(line for line in screen_text(app).splitlines() if "\u250c" in line)
                assert "\u2510" in top
                seen_table = True
            if seen_heading and seen_table:
                break
            await pilot.press("]")
            await settle(pilot)
        assert seen_heading and seen_table


async def test_an_area_chosen_in_the_journal_filter_shows_the_lists_short_form(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("enter", "2")
        await settle(pilot)
        app.screen.query_one("#journal-area").focus()
        await pilot.press("enter")
        await settle(pilot)
        # The list of areas: each in full, after its short form, on one line.
        shown = screen_text(app)
        assert "SEMH: Social, emotional and mental health" in shown
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        filters = next(line for line in screen_text(app).splitlines() if "All kinds" in line)
        assert "SEMH" in filters
        table = app.screen.query_one("#journal-table", RecordTable)
        assert table.row_count and all(
            "SEMH" in str(table.get_row_at(row)[3]) for row in range(table.row_count)
        )


class OneTable(App):
    def compose(self):
        yield RecordTable(id="records")


async def test_a_list_drawn_before_its_rows_were_measured_is_drawn_again_in_full():
    # A list filled again with rows of the same sizes (the children list when the to-do
    # counts arrive), and a frame drawn before the table measured the new rows, as
    # happens on a loaded machine: the names must not stay cut to the headings' width.
    app = OneTable()
    async with app.run_test(size=SMALL) as pilot:
        table = app.query_one(RecordTable)

        def fill() -> None:
            table.clear(columns=True)
            table.add_column("Name", key="name")
            table.add_row("Amara Okafor", key="amara")

        fill()
        await pilot.pause()
        assert "Amara Okafor" in screen_text(app)
        fill()
        table.render_line(1)  # the frame drawn meanwhile
        await pilot.pause()
        assert "Amara Okafor" in screen_text(app)


async def _as_started_at(book, size: tuple[int, int], keys: tuple[str, ...] = ()) -> str:
    """The screen of an app started at ``size``, after ``keys``, facts in."""
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await facts_shown(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        return await still_text(pilot)


# Three apps, one resized five times and two started at the last size (about 2.5 s of
# processor time): in the long run (CI runs it); a list that grows as the terminal widens,
# above, is in the default run.
@pytest.mark.slow
async def test_after_resizes_every_screen_is_drawn_as_if_started_at_the_last_size(book):
    # Resizes one after another, quicker than the screens are drawn, while a child's
    # journal and then a dialog over it are in front: the journal, and the children
    # list under them, end up as they are drawn when the app starts at the last size,
    # no column cut and none left as wide as before.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await facts_shown(pilot)
        await pilot.press("enter", "2")
        await settle(pilot)
        for size in (LARGE, (60, 20), SMALL):
            await pilot.resize_terminal(*size)
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.resize_terminal(*LARGE)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        journal = await still_text(pilot)
        await pilot.press("escape")
        await facts_shown(pilot)
        children = await still_text(pilot)
    assert journal == await _as_started_at(book, LARGE, ("enter", "2"))
    assert children == await _as_started_at(book, LARGE)

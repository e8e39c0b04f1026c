"""Opening a child's journal from the children list draws each screen once, full.

From the list a parent presses enter (the child's Overview) and then 2 (the Journal).
Each tab is built and given its records before it is brought to the front, so its first
frame is the finished one; the footer's keys are drawn again only when they change; and
keys typed while a screen is still being made reach it, in order.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.pilot import Pilot

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.screens import child as child_screen
from sen_workbook.tui.widgets.choices import TypedSelect
from sen_workbook.tui.widgets.footer import KeyFooter
from sen_workbook.tui.widgets.journal import PAGE_SIZE, JournalPane
from sen_workbook.tui.widgets.tabs import ChildTabs, TabRow
from sen_workbook.workbook import Workbook
from tests.tui import test_app as app_tests
from tests.tui.conftest import long_journal as shared_long_journal
from tests.tui.conftest import screen_text, settle, wait_for
from tests.tui.test_app import SIZE, TODAY, journal, open_amara, status

# The app tests' family, workbook and private settings.
book, path = app_tests.book, app_tests.path


@pytest.fixture
def facts_held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The child's facts held back until the event is set (the records still awaited),
    and the loading cover left to the test to put up."""
    from sen_workbook.child_facts import ChildFacts

    release = threading.Event()

    class SlowFacts(ChildFacts):
        @classmethod
        def build(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
            release.wait(30)
            return ChildFacts.build(*args, **kwargs)

    monkeypatch.setattr(child_screen, "ChildFacts", SlowFacts)
    monkeypatch.setattr(child_screen, "LOADING_DELAY", 600)
    yield release
    release.set()


def footer_keys(app: SenWorkbookApp) -> list[object]:
    return app.screen.query_one(KeyFooter).keys


def keys_at_once(app: SenWorkbookApp, *keys: str) -> None:
    """The keys as a terminal sends a burst of them: all queued before the app handles the
    first (a key named by more than one letter, such as "enter", carries no character)."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def searched(app: SenWorkbookApp, word: str) -> bool:
    """The journal is in front and its status line names the search for ``word``."""
    said = f"matching \u201c{word}\u201d"
    return bool(app.screen.query("#journal-status")) and said in status(app)


async def test_the_journal_tab_is_brought_to_the_front_already_holding_its_rows(book):
    # What the journal holds at the moment its tab becomes the one shown: before, the tab
    # was shown empty and drawn, then the pane made and drawn, then its rows.
    held: list[int | None] = []

    def note(message: Message) -> None:
        if isinstance(message, ChildTabs.TabActivated) and message.pane.id == "journal":
            panes = message.pane.query(JournalPane)
            held.append(panes.first().table.row_count if panes else None)

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, message_hook=note) as pilot:
        await open_amara(pilot, "2")
        # Amara's six entries, there as the tab is first shown (the news of it is heard
        # once by each widget it passes on its way up).
        assert held and set(held) == {6}
        assert "6 of 6 entries · newest first" in screen_text(app)


async def test_keys_typed_while_the_journal_is_made_reach_it_in_order(book):
    # The terminal hands over keys typed quickly all at once: 2, / and a word arrive
    # before the journal exists; "r" and "p" (review, new plan) must not reach the
    # Overview behind it.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot)
        keys_at_once(app, "2", "slash", *"tramp")
        await wait_for(pilot, lambda: searched(app, "tramp"))
        assert app.screen.query_one(ChildTabs).active == "journal"
        assert journal(app).table.row_count == 1
        assert "Trampoline park meltdown" in screen_text(app)


async def test_the_footer_keeps_its_keys_while_they_stay_the_same_and_follows_a_change(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot)
        keys = footer_keys(app)
        assert keys and "Order" not in screen_text(app).splitlines()[-1]
        # Moving through the to-do list refreshes the keys each time (the letter key's
        # words follow the item); the keys shown do not change, so they are not made again.
        await pilot.press("down", "down", "up")
        await settle(pilot)
        assert footer_keys(app) is keys
        await pilot.press("2")  # the journal's own key joins them
        await wait_for(pilot, lambda: "o Order" in screen_text(app).splitlines()[-1])
        await pilot.press("1")
        await wait_for(pilot, lambda: "o Order" not in screen_text(app).splitlines()[-1])


async def test_the_keys_that_stay_are_kept_when_a_tab_adds_or_takes_away_its_own(book):
    # The journal's keys (open, order) join the Overview's in front of them: the keys that
    # stay are the same, in the same order, and the footer reads as before.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot)
        overview = footer_keys(app)
        overview_line = screen_text(app).splitlines()[-1]
        await pilot.press("2")
        await wait_for(pilot, lambda: "o Order" in screen_text(app).splitlines()[-1])
        journal_keys = footer_keys(app)
        assert [key.description for key in journal_keys[:2]] == ["Open", "Order"]
        assert journal_keys[2:] == overview
        line = screen_text(app).splitlines()[-1]
        assert line.startswith("⏎ Open o Order n New entry l Letters t Trash esc Back")
        await pilot.press("1")
        await wait_for(pilot, lambda: "o Order" not in screen_text(app).splitlines()[-1])
        assert footer_keys(app) == overview
        assert screen_text(app).splitlines()[-1] == overview_line


class FiltersBeingAdded(App):
    def compose(self) -> ComposeResult:
        yield Horizontal(id="journal-filters")


async def test_filters_removed_while_they_are_being_added_do_not_stop_the_app():
    # The journal's kind and area filters join it just after its first frame: a parent
    # who leaves the journal (escape) or closes the app at that moment removes them
    # before their parts are mounted.
    app = FiltersBeingAdded()
    async with app.run_test() as pilot:
        filters = app.query_one("#journal-filters")
        filters.mount_all([TypedSelect([("Concern", "concern")], prompt="All kinds")])
        filters.remove()
        await pilot.pause()
        assert app.is_running and not app.query("#journal-filters")


async def test_keys_typed_with_the_enter_that_opens_a_child_reach_the_child(book):
    # Enter on the children list and 2 (the journal) typed at once: the 2 must reach
    # the child's screen opening, not the list it is leaving.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys_at_once(app, "enter", "2")
        await wait_for(pilot, lambda: app.screen.query("#journal-status"), seconds=15)
        await settle(pilot)
        assert app.screen.query_one(ChildTabs).active == "journal"
        assert "6 of 6 entries · newest first" in screen_text(app)


async def test_the_overview_facts_put_off_for_the_journal_still_come_in(book):
    # Enter and 2 typed at once: the Overview's flags and deadlines, being worked out as
    # the journal is asked for, wait for the journal's first frame and then go on, so
    # the Overview holds its to-do list when the parent goes back to it.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys_at_once(app, "enter", "2")
        await wait_for(pilot, lambda: "6 of 6 entries" in screen_text(app), seconds=15)
        await pilot.press("1")
        await wait_for(
            pilot,
            lambda: (
                "Needs attention, 4 to do: 1 missed deadline, 2 overdue replies or actions, "
                "1 other" in screen_text(app)
            ),
        )
        assert app.screen.query_one(ChildTabs).active == "overview"


class FooterFrames:
    """The footer line of every frame drawn, with the screen it was drawn for."""

    def __init__(self, monkeypatch) -> None:
        self.drawn: list[tuple[str, str]] = []
        display = App._display

        def noted(app: App, screen, renderable) -> None:
            if screen is app.screen:
                self.drawn.append((type(screen).__name__, screen_text(app).splitlines()[-1]))
            display(app, screen, renderable)

        monkeypatch.setattr(App, "_display", noted)

    def of(self, screen: str) -> list[str]:
        return [line for name, line in self.drawn if name == screen]


async def test_each_screen_is_drawn_with_its_keys_from_its_first_frame(book, monkeypatch):
    # The footer was drawn first with "f1 Help" alone, then its keys made again and
    # drawn once the screen had its focus: on the children list and on the child's.
    frames = FooterFrames(monkeypatch)
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot, "2")
        await wait_for(pilot, lambda: "Order" in screen_text(app).splitlines()[-1])
        listing, child = frames.of("ChildrenScreen"), frames.of("ChildScreen")
        assert listing and child
        for line in listing:
            assert all(key in line for key in ("Open", "Add child", "New entry", "Help")), line
        for line in child:
            assert all(key in line for key in ("New entry", "Back", "Search", "Help")), line
        assert "Order" in child[-1]  # the journal's own key, once it is in front


async def test_dialogs_and_forms_are_drawn_with_their_keys_from_their_first_frame(
    book, monkeypatch
):
    frames = FooterFrames(monkeypatch)
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")  # remove the child: the dialog asks first
        await wait_for(pilot, lambda: frames.of("ConfirmScreen"))
        await settle(pilot)
        for line in frames.of("ConfirmScreen"):
            assert "Yes" in line and "No" in line, line
            assert "Help" in line, line
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("a")  # add a child: the form
        await wait_for(pilot, lambda: frames.of("ChildForm"))
        await settle(pilot)
        for line in frames.of("ChildForm"):
            assert "Save" in line and "Help" in line, line
        await pilot.press("escape")
        await settle(pilot)


async def test_a_read_only_window_is_drawn_without_its_change_keys_from_its_first_frame(
    book, path, private_settings, monkeypatch
):
    from sen_workbook.workbook import Workbook

    frames = FooterFrames(monkeypatch)
    second = Workbook(path)
    assert second.read_only
    try:
        app = SenWorkbookApp(second, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_amara(pilot)
            listing, child = frames.of("ChildrenScreen"), frames.of("ChildScreen")
            assert listing and child
            for line in listing:
                assert "Trash" in line and "Help" in line, line
                assert "Add child" not in line and "Remove" not in line, line
            for line in child:
                assert "Back" in line and "Help" in line, line
                assert "New entry" not in line, line
    finally:
        second.close()


async def test_a_search_typed_with_the_enter_that_opens_a_child_reaches_its_journal(book):
    # Enter, 2, / and a word typed at once on the children list: the child's screen,
    # its keys being built before it is drawn, still takes every one, in order.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys_at_once(app, "enter", "2", "slash", *"tramp")
        await wait_for(
            pilot,
            lambda: searched(app, "tramp"),
            seconds=15,
        )
        assert app.screen.query_one(ChildTabs).active == "journal"
        assert journal(app).table.row_count == 1
        assert "Trampoline park meltdown" in screen_text(app)


async def test_tabs_changed_in_a_burst_with_the_enter_end_on_the_last_with_its_keys(book):
    # Enter, then 2, 1, 3 and 2 again typed at once on the children list: each tab is
    # built and brought to the front in turn, the footer's keys held while it is, and the
    # last one asked for is in front, its own keys in the footer.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys_at_once(app, "enter", "2", "1", "3", "2")
        await wait_for(
            pilot,
            lambda: app.screen.query("#journal-status") and "6 of 6 entries" in status(app),
            seconds=15,
        )
        await settle(pilot)
        assert app.screen.query_one(ChildTabs).active == "journal"
        assert app.screen.query_one("#cycles-pane")  # built on the way
        # The row of tabs lights "2 Journal", its underline slid under it.
        row = app.screen.query_one(TabRow)
        row_line = screen_text(app).splitlines()[row.region.y]
        start = row_line.index("2 Journal")
        await wait_for(
            pilot, lambda: (row.highlight_start, row.highlight_end) == (start, start + 9)
        )
        footer = app.screen.query_one(KeyFooter)
        assert not footer.held
        line = screen_text(app).splitlines()[-1]
        assert line.startswith("⏎ Open o Order n New entry"), line
        assert footer.keys == footer.made_keys()


async def test_a_tab_clicked_as_the_child_s_screen_first_shows_comes_to_the_front(book):
    # The row of tabs is one widget: a click on "3 Cycles" the moment the child's screen is
    # up (its records still being worked out) brings the Cycles to the front with the
    # focus in its list and its keys in the footer, and a key typed straight after it acts
    # on the tab now in front.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.query(TabRow))
        row = app.screen.query_one(TabRow)
        label = next(tab for tab in row.tabs if tab.pane == "cycles")
        await pilot.click(offset=(label.start + 2, row.region.y))
        await pilot.press("2")
        await wait_for(pilot, lambda: app.screen.query("#journal-status"))
        await settle(pilot)
        tabs = app.screen.query_one(ChildTabs)
        assert tabs.active == "journal" and app.screen.query_one("#cycles-pane")
        assert app.focused is journal(app).table
        await pilot.click(offset=(label.start + 2, row.region.y))
        await wait_for(pilot, lambda: tabs.active == "cycles")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#cycles-list")
        footer = app.screen.query_one(KeyFooter)
        assert footer.keys == footer.made_keys()


def long_journal(path, count: int = 450) -> Workbook:
    """A workbook whose one child has ``count`` notes, one a day: "Note 0" the oldest;
    notes 3 and 200, far from the newest page, also name a zebra."""
    return shared_long_journal(path, count, zebras=(3, 200))


async def test_a_long_journal_opens_on_its_newest_page_and_makes_the_rest_after(path):
    # Only the newest page is made before the journal's first frame; the count, the pages
    # and every other row are there all the same, the rest made once it is drawn.
    with long_journal(path) as book:
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_amara(pilot, "2")
            assert "450 of 450 entries · newest first" in status(app)
            assert f"page 1 of {-(-450 // PAGE_SIZE)}" in status(app)
            assert journal(app).table.get_row_at(0)[2].plain == "Note 449"
            await wait_for(pilot, lambda: journal(app).given.complete)
            assert len(journal(app).rows) == 450
            assert journal(app).rows[3].title == "Note 3 (zebra)"


async def test_keys_typed_with_the_2_reach_the_rows_beyond_the_newest_page(path):
    # A search, the order and the pages typed at once with the 2, before the rows past the
    # newest page were made: each acts on the whole journal, as it did before.
    with long_journal(path) as book:
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_amara(pilot)
            keys_at_once(app, "2", "slash", *"zebra")
            await wait_for(pilot, lambda: searched(app, "zebra"))
            assert "2 of 450 entries" in status(app)
            shown = [journal(app).table.get_row_at(row)[2].plain for row in range(2)]
            assert shown == ["Note 200 (zebra)", "Note 3 (zebra)"]

        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_amara(pilot)
            keys_at_once(app, "2", "o")
            await wait_for(
                pilot,
                lambda: app.screen.query("#journal-status") and "oldest first" in status(app),
            )
            # The place is kept: the newest note, now on the last page of the whole journal.
            assert "450 of 450 entries · oldest first" in status(app)
            assert "page 5 of 5" in status(app)
            assert journal(app).table.get_row_at(0)[2].plain == "Note 400"
            assert journal(app).table.get_row_at(49)[2].plain == "Note 449"

        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_amara(pilot)
            keys_at_once(app, "2", "right_square_bracket", "right_square_bracket")
            await wait_for(
                pilot,
                lambda: app.screen.query("#journal-status") and "page 3 of" in status(app),
            )
            assert journal(app).table.get_row_at(0)[2].plain == f"Note {449 - 2 * PAGE_SIZE}"


async def _on_the_overview_past_the_cycles(pilot: Pilot, app: SenWorkbookApp) -> ChildTabs:
    """The first child opened, then 3 and 1 pressed: on the Overview, with the Cycles
    built on the way; the child's tabs."""
    await settle(pilot)
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.screen.query("#overview-pane"))
    tabs = app.screen.query_one(ChildTabs)
    await pilot.press("3")
    await wait_for(pilot, lambda: tabs.active == "cycles")
    await pilot.press("1")
    await wait_for(pilot, lambda: tabs.active == "overview")
    return tabs


async def test_the_loading_cover_goes_over_the_tab_in_front_and_over_a_tab_shown_later(
    book, facts_held
):
    # The facts took long (a long journal, a loaded machine) and the parent had moved on
    # to another tab: the cover went over every tab built, those left behind included,
    # each made, styled and kept turning for no one to see.
    release = facts_held
    app = SenWorkbookApp(book, today=TODAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            tabs = await _on_the_overview_past_the_cycles(pilot, app)
            app.screen._show_loading()  # the records are still awaited
            await pilot.pause()
            assert app.screen.query_one("#overview-pane").loading
            assert not app.screen.query_one("#cycles-pane").loading
            await pilot.press("3")  # shown while the records are still awaited: covered
            await wait_for(pilot, lambda: app.screen.query_one("#cycles-pane").loading)
            await pilot.press("2")  # the journal shows its rows: never covered
            await wait_for(pilot, lambda: tabs.active == "journal")
            await wait_for(pilot, lambda: journal(app).table.row_count == 6)
            assert not journal(app).loading
            release.set()
            await wait_for(
                pilot,
                lambda: not any(p.loading for p in app.screen.query(child_screen.PANES)),
            )
            await pilot.press("1")
            await wait_for(
                pilot,
                lambda: "Decision whether to carry out an EHC needs assessment" in screen_text(app),
            )
    finally:
        release.set()


@pytest.mark.parametrize("shown_by", ["key", "click"])
async def test_a_tab_brought_to_the_front_while_the_records_are_awaited_is_covered_as_it_shows(
    book, facts_held, shown_by
):
    # The cover goes over the tab in front only; a tab built before (the Cycles, with the
    # last load's figures or none) must be covered in the very step that brings it to the
    # front, by its key or by a click on its tab, not once the news of it is heard after
    # a frame that shows it bare.
    release = facts_held
    app = SenWorkbookApp(book, today=TODAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            tabs = await _on_the_overview_past_the_cycles(pilot, app)
            screen = app.screen
            screen._show_loading()  # the records are still awaited
            await pilot.pause()
            cycles = screen.query_one("#cycles-pane")
            assert screen.query_one("#overview-pane").loading and not cycles.loading
            if shown_by == "key":
                # The key's own step (3 pressed), looked at as it ends, before any news.
                await screen.action_show_tab("cycles")
            else:
                tabs.active = "cycles"  # what a click on the tab sets
            assert tabs.active == "cycles" and cycles.loading
            release.set()
            await wait_for(
                pilot,
                lambda: not any(p.loading for p in screen.query(child_screen.PANES)),
            )
    finally:
        release.set()


async def test_a_timeline_shown_while_the_records_are_awaited_is_uncovered_when_they_come(
    book, facts_held, monkeypatch
):
    # 4 pressed with the enter that opens a child whose facts take long (a long journal, a
    # slow machine): the cover went over the Timeline as over any tab in front, but it was
    # not among the tabs uncovered when the records came, and kept turning for ever over a
    # preview that was ready beneath it.
    release = facts_held
    monkeypatch.setattr(child_screen, "LOADING_DELAY", 0.05)  # the cover goes up by itself
    app = SenWorkbookApp(book, today=TODAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter", "4")
            await wait_for(pilot, lambda: app.screen.query("#timeline-pane"))
            pane = app.screen.query_one("#timeline-pane")
            await wait_for(pilot, lambda: pane.loading)
            release.set()
            await wait_for(pilot, lambda: "Preview: Evidence for an EHC" in screen_text(app))
            await settle(pilot)
            assert not pane.loading
            assert "Preview: Evidence for an EHC" in screen_text(app)
    finally:
        release.set()


async def test_the_journal_opened_after_a_change_lists_the_records_of_now_in_their_order(book):
    # The journal takes its order from the facts' thread when that thread worked on the
    # records shown; after an entry is added or deleted, those records are gone, and the
    # journal, opened then, must list the records of now, in the workbook's order.
    from sen_workbook.workbook import in_order

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot)  # the Overview: the journal not built yet
        screen = app.screen
        await wait_for(pilot, lambda: screen._ordered is not None)
        child_id = screen.child_id

        def titles_in_order() -> list[str]:
            stored = app.workbook.stored_entries(child_id)
            return [entry["title"] for entry in reversed(in_order(stored))]  # newest first

        added = app.workbook.add_entry(
            "observation", child_id, {"date": "2025-02-01", "title": "Added between"}
        )
        screen.reload()  # as saving the form does
        await pilot.press("2")
        await wait_for(pilot, lambda: journal(app).table.row_count == 7)
        table = journal(app).table
        shown = [table.get_row_at(row)[2].plain for row in range(table.row_count)]
        assert "Added between" in shown and shown == titles_in_order()
        await pilot.press("1")
        await settle(pilot)
        app.workbook.delete_entry(added["id"])
        screen.reload()
        await pilot.press("2")
        await wait_for(pilot, lambda: journal(app).table.row_count == 6)
        shown = [table.get_row_at(row)[2].plain for row in range(table.row_count)]
        assert "Added between" not in shown and shown == titles_in_order()


PATH_TO_THE_JOURNAL = textwrap.dedent(
    """
    import asyncio, sys
    from sen_workbook.tui.app import SenWorkbookApp
    from sen_workbook.workbook import Workbook

    async def main():
        book = Workbook(sys.argv[1])
        child = book.add_child({"name": "Ada [b]Example[/b] :smile:"})
        book.add_entry("observation", child["id"],
                       {"date": "2026-05-01", "title": "[i]Tired[/i] :wave:"})
        app = SenWorkbookApp(book, remember_place=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause(0.3)
            await pilot.press("2")
            await pilot.pause(0.3)
            print(type(app.screen).__name__, app.screen.active_tab)
            print("emoji table loaded" if "rich._emoji_codes" in sys.modules else "no emoji table")
        book.close()

    asyncio.run(main())
    """
)


def test_the_way_from_the_list_to_a_journal_loads_no_table_of_emoji_names(tmp_path):
    # A heading or a cell given to a table as text was read as Rich markup, which loaded
    # Rich's table of emoji names (13 ms) on the way to the children list's first frame;
    # text is shown as written, so the table is not needed.
    result = subprocess.run(
        [sys.executable, "-c", PATH_TO_THE_JOURNAL, str(tmp_path / "w.json")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=dict(os.environ, SEN_WORKBOOK_CONFIG=str(tmp_path / "settings.json")),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["ChildScreen journal", "no emoji table"]

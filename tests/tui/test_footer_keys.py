"""The footer's keys, kept as they are drawn, are those a footer made anew would show.

The footer keeps the key widgets that stay when what it shows changes, and makes only
those that come.  Whatever a parent does (screens opened and left, a tab changed and
changed back, a dialog, a form, the search focused, a read-only window, the window made
narrower), the keys it shows must be the ones, in the order and state, that building
every key again gives.
"""

from __future__ import annotations

from textual._context import active_message_pump
from textual.compose import compose
from textual.widgets._footer import FooterKey

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.screens.entry import EntryScreen
from sen_workbook.tui.widgets.footer import KeyFooter
from sen_workbook.workbook import Workbook
from tests.tui import test_app as app_tests
from tests.tui.conftest import screen_text, settle, wait_for
from tests.tui.test_app import SIZE, TODAY, journal, open_amara

# The app tests' family, workbook and private settings.
book, path = app_tests.book, app_tests.path


def drawn(key: FooterKey) -> tuple[object, ...]:
    """What a key shows and does."""
    return (
        key.key,
        key.key_display,
        key.description,
        key.action,
        key._disabled,
        key.tooltip,
        key.compact,
        sorted(key.classes),
    )


async def keys_as_made_anew(pilot) -> None:
    """The footer of the screen in front shows the keys a footer built afresh would."""
    await settle(pilot)
    app = pilot.app
    footers = app.screen.query(KeyFooter)
    if not footers:
        return
    footer = footers.first()
    await wait_for(pilot, lambda: not footer.held)
    await settle(pilot)
    shown = [drawn(key) for key in footer.children if isinstance(key, FooterKey)]
    assert len(shown) == len(footer.children)
    # Made as the footer makes them, in its own context (each key is bound to it).
    token = active_message_pump.set(footer)
    try:
        made = [drawn(key) for key in compose(footer) if isinstance(key, FooterKey)]
    finally:
        active_message_pump.reset(token)
    assert shown == made, f"{type(app.screen).__name__}: {shown} != {made}"
    # And drawn as they would be: the footer's line, then the footer built anew.
    line = screen_text(app).splitlines()[-1]
    token = active_message_pump.set(footer)
    try:
        await footer.recompose()
    finally:
        active_message_pump.reset(token)
    await settle(pilot)
    assert screen_text(app).splitlines()[-1] == line


async def test_the_keys_shown_are_those_made_anew_on_every_screen_and_after_going_back(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await keys_as_made_anew(pilot)  # the children list
        await open_amara(pilot)
        await keys_as_made_anew(pilot)  # the Overview
        for tab in "2132412":
            await pilot.press(tab)
            await keys_as_made_anew(pilot)
        await pilot.press("slash")  # the search box has the focus
        await keys_as_made_anew(pilot)
        await pilot.press("escape")
        await keys_as_made_anew(pilot)
        for _ in range(6):  # the focus through the search, the filters and back to the table
            await pilot.press("tab")
            await keys_as_made_anew(pilot)
        await wait_for(pilot, lambda: journal(app).table.row_count)
        await pilot.press("enter")  # an entry
        await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen))
        await keys_as_made_anew(pilot)
        await pilot.press("d")  # the dialog asking before the entry goes to the trash
        await keys_as_made_anew(pilot)
        await pilot.press("n")
        await keys_as_made_anew(pilot)
        await pilot.press("e")  # the form
        await keys_as_made_anew(pilot)
        await pilot.press("escape")
        await keys_as_made_anew(pilot)
        await pilot.press("escape")  # back to the journal
        await keys_as_made_anew(pilot)
        await pilot.press("1", "escape")  # the Overview, then the children list again
        await keys_as_made_anew(pilot)
        await pilot.press("ctrl+p")  # the palette over the list
        await keys_as_made_anew(pilot)
        await pilot.press("escape")
        await keys_as_made_anew(pilot)
        await pilot.resize_terminal(80, 24)
        await keys_as_made_anew(pilot)
        await open_amara(pilot, "2")
        await keys_as_made_anew(pilot)
        await pilot.resize_terminal(*SIZE)
        await keys_as_made_anew(pilot)


async def test_the_keys_of_a_read_only_window_are_those_made_anew(book, path):
    book.close()
    with Workbook(path, read_only=True) as reader:
        app = SenWorkbookApp(reader, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await keys_as_made_anew(pilot)
            await open_amara(pilot)
            await keys_as_made_anew(pilot)
            for tab in "2121":
                await pilot.press(tab)
                await keys_as_made_anew(pilot)
            await pilot.press("escape")
            await keys_as_made_anew(pilot)

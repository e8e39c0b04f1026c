"""The footer's keys, drawn as Textual's footer draws them, are those a footer made anew
would show.

The footer is one widget that draws the line Textual's row of key widgets drew, and draws
it again only when what it shows changes.  Whatever a parent does (screens opened and
left, a tab changed and changed back, a dialog, a form, the search focused, a read-only
window, the window made narrower), the keys it shows must be the ones, in the order and
state, that building every key again gives; and the line, colours included, the one
Textual's footer draws for the same keys, in the dark and light themes, with a key
hovered by the mouse; a click on a key does what the key does.
"""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static, Tooltip

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.screens.children import ChildrenScreen
from sen_workbook.tui.screens.entry import EntryScreen
from sen_workbook.tui.screens.help import HelpScreen
from sen_workbook.tui.widgets.footer import KeyFooter
from sen_workbook.workbook import Workbook
from tests.tui import test_app as app_tests
from tests.tui.conftest import screen_text, settle, wait_for
from tests.tui.test_app import SIZE, TODAY, journal, open_amara

# The app tests' family, workbook and private settings.
book, path = app_tests.book, app_tests.path


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
    shown = list(footer.keys)
    made = footer.made_keys()
    assert shown == made, f"{type(app.screen).__name__}: {shown} != {made}"
    # And drawn: the footer's line names each key shown, in order, and nothing else (no
    # key left from before): between them only spaces and the palette's thin line.
    line = screen_text(app).splitlines()[-1]
    place = 0
    between: list[str] = []
    for key in shown:
        label = f"{key.key_display} {key.description}".strip()
        found = line.find(label, place)
        assert found >= 0, f"{type(app.screen).__name__}: {label!r} not in {line!r}"
        between.append(line[place:found])
        place = found + len(label)
    between.append(line[place:])
    assert set("".join(between)) <= {" ", "\u258f"}, f"{type(app.screen).__name__}: {line!r}"


# A sweep of every screen and every stop of the focus, each drawn twice (about 3 s of
# processor time): in the long run (CI runs it); the same check on a read-only window's
# screens, below, is in the default run.
@pytest.mark.slow
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


class KeysApp(App):
    """Keys of every kind the footer shows, over Textual's footer or this one."""

    BINDINGS = [
        Binding("n", "note('n')", "New entry"),
        Binding("escape", "note('escape')", "Back"),
        Binding("x", "note('x')", "Not now"),  # disabled (see check_action)
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, footer: type[Footer] | type[KeyFooter], *, compact: bool, theme: str):
        super().__init__()
        self.footer, self.compact, self.start_theme = footer, compact, theme
        self.noted: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("keys")
        yield self.footer(compact=self.compact)

    def on_mount(self) -> None:
        self.theme = self.start_theme

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if parameters == ("x",) else True

    def action_note(self, key: str) -> None:
        self.noted.append(key)

    def action_help(self) -> None:
        self.noted.append("help")


def footer_line(app: App) -> list[Segment]:
    """The footer's line as drawn, with its colours (runs of the same style as one; the
    offsets Textual notes for selecting text, which no footer allows, left out)."""
    strips = app.screen._compositor.render_strips()
    plain = (
        Segment(text, style.clear_meta_and_links() if style else style)
        for text, style, _ in strips[-1]
    )
    return list(Segment.simplify(plain))


async def drawn_line(footer, *, compact: bool, theme: str, hover: int | None) -> list[Segment]:
    app = KeysApp(footer, compact=compact, theme=theme)
    async with app.run_test(size=(100, 5)) as pilot:
        await settle(pilot)
        if hover is not None:
            await pilot.hover(offset=(hover, 4))
            await settle(pilot)
        return footer_line(app)


@pytest.mark.parametrize("compact", [True, False])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_line_is_the_one_textuals_footer_draws_for_the_same_keys(compact, theme):
    for hover in (None, 1, 97):  # no key; the first key; the palette's key
        ours = await drawn_line(KeyFooter, compact=compact, theme=theme, hover=hover)
        textuals = await drawn_line(Footer, compact=compact, theme=theme, hover=hover)
        assert ours == textuals, (hover, ours, textuals)


async def test_a_click_on_a_key_does_what_the_key_does_and_a_disabled_key_nothing():
    app = KeysApp(KeyFooter, compact=True, theme="textual-dark")
    async with app.run_test(size=(100, 5)) as pilot:
        await settle(pilot)
        line = screen_text(app).splitlines()[-1]
        assert line.startswith("n New entry esc Back x Not now ? Help")
        for label in ("New entry", "Back", "Not now", "Help"):
            await pilot.click(offset=(line.index(label), 4))
            await settle(pilot)
        assert app.noted == ["n", "escape", "help"]


async def test_a_maximized_list_keeps_the_footer_under_it(book):
    # The palette's "Maximize" fills the screen with the tabs and the tab in front, with
    # the footer (Textual keeps its own footer in that view), so its keys stay on screen.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot, "2")
        await wait_for(pilot, lambda: journal(app).table.row_count)
        app.screen.action_maximize()
        await settle(pilot)
        assert app.screen.maximized is not None
        line = screen_text(app).splitlines()[-1]
        assert "o Order" in line and "esc Back" in line, line


class ChangingKeysApp(App):
    """Four keys, three of which go (their actions turned off) when ``few`` is set."""

    BINDINGS = [
        Binding("a", "note('a')", "Alpha"),
        Binding("b", "note('b')", "Bravo"),
        Binding("c", "note('c')", "Charlie"),
        Binding("d", "note('d')", "Delta"),
    ]

    def __init__(self, footer: type[Footer] | type[KeyFooter] = KeyFooter):
        super().__init__()
        self.footer = footer
        self.few = False
        self.noted: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("keys")
        yield self.footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.few and parameters in (("b",), ("c",), ("d",)))

    def action_note(self, key: str) -> None:
        self.noted.append(key)


@pytest.mark.parametrize("footer", [KeyFooter, Footer])
async def test_no_tooltip_is_left_over_the_footer_once_its_key_is_gone(footer):
    # The palette's key explains itself when hovered; once the keys change under the
    # mouse, the empty end of the footer explains nothing (as on Textual's footer).
    app = ChangingKeysApp(footer)
    async with app.run_test(size=(100, 5), tooltips=True) as pilot:
        await settle(pilot)
        await pilot.hover(offset=(97, 4))
        await pilot.pause(app.TOOLTIP_DELAY + 0.3)
        tooltip = app.screen.query_one(Tooltip)
        assert tooltip.display  # "Open the command palette"
        app.few = True
        app.refresh_bindings()
        await settle(pilot)
        assert "Delta" not in screen_text(app).splitlines()[-1]
        for x in (60, 61, 62):  # a move on one widget hides its tooltip, the next shows it
            await pilot.hover(offset=(x, 4))
            await pilot.pause(app.TOOLTIP_DELAY + 0.3)
            assert not tooltip.display, (x, screen_text(app).splitlines()[-2])


async def test_the_mouse_on_keys_changed_but_not_yet_drawn_again_does_nothing():
    # Between the keys changing (a focus moved) and the footer drawn again, the mouse
    # may move or press over a key of the line still on the screen: that key is gone,
    # and its place is not another key's.
    app = ChangingKeysApp()
    async with app.run_test(size=(100, 5)) as pilot:
        await settle(pilot)
        footer = app.query_one(KeyFooter)
        line = screen_text(app).splitlines()[-1]
        app.few = True
        footer._show_keys()  # the new keys, before the line is drawn again
        assert [key.description for key in footer.keys] == ["Alpha", "Help", "palette"]
        for label in ("Bravo", "Delta"):
            x = line.index(label)
            footer.on_mouse_move(events.MouseMove(footer, x, 0, 0, 0, 0, False, False, False))
            footer.on_mouse_down(events.MouseDown(footer, x, 0, 0, 0, 1, False, False, False))
        await settle(pilot)
        assert app.noted == []
        assert not isinstance(app.screen, HelpScreen)
        await pilot.click(offset=(line.index("Alpha"), 4))
        await settle(pilot)
        assert app.noted == ["a"]


@pytest.mark.parametrize("compact", [True, False])
async def test_a_theme_chosen_while_the_app_runs_redraws_the_line_in_its_colours(compact):
    lines = []
    for footer in (KeyFooter, Footer):
        app = KeysApp(footer, compact=compact, theme="textual-dark")
        async with app.run_test(size=(100, 5)) as pilot:
            await settle(pilot)
            dark = footer_line(app)
            app.theme = "textual-light"
            await settle(pilot)
            lines.append(footer_line(app))
            assert lines[-1] != dark
    assert lines[0] == lines[1]


async def test_a_narrower_window_refits_the_keys_as_a_footer_opened_at_that_width():
    app = KeysApp(KeyFooter, compact=False, theme="textual-dark")
    async with app.run_test(size=(100, 5)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(40, 5)
        await settle(pilot)
        await pilot.pause()
        resized = footer_line(app)
    app = KeysApp(KeyFooter, compact=False, theme="textual-dark")
    async with app.run_test(size=(40, 5)) as pilot:
        await settle(pilot)
        assert footer_line(app) == resized
        assert "Help" in screen_text(app).splitlines()[-1]


async def test_clicks_on_the_app_s_footer_press_the_key_under_the_mouse_and_no_other(book):
    # At 80 columns: the palette's key opens the palette; the gap between two keys and
    # the empty stretch before the palette do nothing; help's key opens the help, whose
    # own footer's "esc Close" closes it.
    from textual.command import CommandPalette

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = screen_text(app).splitlines()[-1]
        assert line.startswith("⏎ Open a Add child"), line
        shown = screen_text(app)
        for x in (line.index(" a Add child"), line.index("? Help") + len("? Help") + 2):
            await pilot.click(offset=(x, 23))
            await settle(pilot)
            assert isinstance(app.screen, ChildrenScreen) and screen_text(app) == shown, x
        await pilot.click(offset=(line.index("^p palette"), 23))
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChildrenScreen))
        await pilot.click(offset=(line.index("? Help"), 23))
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await settle(pilot)
        help_line = screen_text(app).splitlines()[-1]
        await pilot.click(offset=(help_line.index("esc Close") + 1, 23))
        await wait_for(pilot, lambda: isinstance(app.screen, ChildrenScreen))

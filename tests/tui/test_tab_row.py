"""The child's tabs, drawn by one widget, look and act as Textual's tabs did.

The row of tabs is one widget drawing the labels and the underline that Textual's
``TabbedContent`` drew with eight.  Its two lines, colours included, must be those
Textual draws for the same labels, in the dark and light themes, at 80 and 120 columns,
with each tab chosen and with a label under the mouse; a click on a label or on the bar
under it brings that tab to the front, and a click beside the labels nothing.
"""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.widgets import Static, TabbedContent, TabPane

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.widgets.tabs import ChildTabs, TabRow
from tests.tui import test_app as app_tests
from tests.tui.conftest import (
    every_look,
    palette_choice,
    screen_text,
    settle,
    slow_unless,
    type_text,
    wait_for,
)
from tests.tui.test_app import SIZE, TODAY, open_amara

# The app tests' family, workbook and private settings.
book, path = app_tests.book, app_tests.path

LABELS = {
    "overview": "1 Overview",
    "journal": "2 Journal",
    "cycles": "3 Cycles",
    "timeline": "4 Timeline",
}


class TabsApp(App):
    """The workspace's tabs alone, made by ``kind``: ours, or Textual's."""

    CSS = """
    #child-tabs { height: 1fr; }
    #child-tabs > ContentSwitcher { height: 1fr; }
    #child-tabs TabPane { padding: 0; height: 1fr; }
    """

    def __init__(self, kind: type, *, theme: str, initial: str = "overview") -> None:
        super().__init__()
        self.kind, self.start_theme, self.initial = kind, theme, initial
        self.activated: list[str] = []

    def compose(self) -> ComposeResult:
        with self.kind(id="child-tabs", initial=self.initial):
            for pane, label in LABELS.items():
                with TabPane(label, id=pane):
                    yield Static(f"the {pane} pane")

    def on_mount(self) -> None:
        self.theme = self.start_theme
        if self.kind is TabbedContent:
            # The row takes no focus in the workspace (keys 1 to 4 choose the tabs).
            self.query_one("Tabs").can_focus = False

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.activated.append(str(event.pane.id))

    def on_child_tabs_tab_activated(self, event: ChildTabs.TabActivated) -> None:
        self.activated.append(str(event.pane.id))


def drawn_rows(app: App) -> list[list[Segment]]:
    """The tab row's two lines as drawn, with their colours (runs of one style as one; the
    offsets Textual notes for selecting text left out)."""
    strips = app.screen._compositor.render_strips()
    rows = []
    for strip in strips[:2]:
        plain = (
            Segment(text, style.clear_meta_and_links() if style else style)
            for text, style, _ in strip
        )
        rows.append(list(Segment.simplify(plain)))
    return rows


async def rows_drawn(
    kind: type, *, theme: str, width: int, chosen: str, hover: int | None
) -> list[list[Segment]]:
    app = TabsApp(kind, theme=theme)
    async with app.run_test(size=(width, 10)) as pilot:
        await settle(pilot)
        tabs = app.query_one("#child-tabs")
        tabs.active = chosen
        await wait_for(pilot, lambda: app.activated[-1:] == [chosen])
        await pilot.pause(0.5)  # the underline's slide ends
        await settle(pilot)
        if hover is not None:
            await pilot.hover(offset=(hover, 0))
            await settle(pilot)
        return drawn_rows(app)


# The ANSI themes (chosen from "More themes") draw the row with the terminal's own colours,
# the labels dimmed by the terminal rather than by a colour.
@pytest.mark.parametrize(("width", "theme"), every_look())
async def test_the_row_is_the_one_textuals_tabs_draw_for_the_same_labels(width, theme):
    for chosen, hover in (("overview", None), ("journal", None), ("timeline", 3), ("cycles", 40)):
        ours = await rows_drawn(ChildTabs, theme=theme, width=width, chosen=chosen, hover=hover)
        textuals = await rows_drawn(
            TabbedContent, theme=theme, width=width, chosen=chosen, hover=hover
        )
        assert ours == textuals, (chosen, hover, ours, textuals)
        if hover is not None and not theme.startswith("ansi"):
            # The label under the mouse is lit: the hover was drawn.  (In the ANSI themes
            # the hover's colour is the terminal's own, as the label's: Textual's is unlit.)
            plain = await rows_drawn(ChildTabs, theme=theme, width=width, chosen=chosen, hover=None)
            assert plain != ours


# Three of the five widths in the long run only ("python -m pytest -m slow").
@pytest.mark.parametrize(
    "width",
    slow_unless((9, 11, 24, 30, 40), everyday=(9, 24)),
)
async def test_where_the_labels_do_not_fit_the_row_slides_to_the_tab_in_front_as_textuals(width):
    # A narrow terminal (a phone, a split pane): the row is slid so that the tab chosen
    # is shown, as Textual's row is scrolled to it, not cut off at its right.
    for chosen in ("timeline", "cycles", "overview"):
        ours = await rows_drawn(
            ChildTabs, theme="textual-dark", width=width, chosen=chosen, hover=None
        )
        textuals = await rows_drawn(
            TabbedContent, theme="textual-dark", width=width, chosen=chosen, hover=None
        )
        assert ours == textuals, (chosen, ours, textuals)


async def test_a_click_on_a_label_slid_into_view_brings_that_tab_to_the_front():
    app = TabsApp(ChildTabs, theme="textual-dark", initial="timeline")
    async with app.run_test(size=(24, 10)) as pilot:
        await settle(pilot)
        await pilot.pause(0.5)  # the row's slide ends
        line = screen_text(app).splitlines()[0]
        assert "4 Timeline" in line and "1 Overview" not in line
        await pilot.hover(offset=(line.index("3 Cycles") + 1, 0))
        await settle(pilot)
        lit = drawn_rows(app)[0]
        assert any(
            s.text == "3 Cycles" and s.style == next(t.style for t in lit if t.text == "4 Timeline")
            for s in lit
        )  # the label under the mouse is lit as the chosen one is
        await pilot.click(offset=(line.index("3 Cycles") + 1, 0))
        await wait_for(pilot, lambda: app.query_one(ChildTabs).active == "cycles")
        assert "the cycles pane" in screen_text(app)


async def test_the_row_slides_to_the_tab_in_front_when_the_terminal_narrows():
    for kind in (ChildTabs, TabbedContent):
        app = TabsApp(kind, theme="textual-dark", initial="timeline")
        async with app.run_test(size=(80, 10)) as pilot:
            await settle(pilot)
            await pilot.resize_terminal(30, 10)
            await pilot.pause(0.5)
            await settle(pilot)
            assert "4 Timeline" in screen_text(app).splitlines()[0], kind
            await pilot.resize_terminal(80, 10)
            await pilot.pause(0.5)
            await settle(pilot)
            assert screen_text(app).splitlines()[0].startswith(" 1 Overview"), kind


async def test_the_mouse_over_a_label_shows_the_hand_and_beside_the_labels_none():
    app = TabsApp(ChildTabs, theme="textual-dark")
    async with app.run_test(size=(80, 10)) as pilot:
        await settle(pilot)
        await pilot.hover(offset=(14, 0))  # "2 Journal"
        await settle(pilot)
        assert app.screen._pointer_shape == "pointer"
        await pilot.hover(offset=(70, 0))
        await settle(pilot)
        assert app.screen._pointer_shape == "default"


@pytest.mark.parametrize("row", [0, 1])
async def test_a_click_on_a_label_or_the_bar_under_it_brings_its_tab_to_the_front(row):
    app = TabsApp(ChildTabs, theme="textual-dark")
    async with app.run_test(size=(80, 10)) as pilot:
        await settle(pilot)
        line = screen_text(app).splitlines()[0]
        for pane, label in (("journal", "2 Journal"), ("timeline", "4 Timeline")):
            await pilot.click(offset=(line.index(label) + 3, row))
            await wait_for(pilot, lambda pane=pane: app.query_one(ChildTabs).active == pane)
            assert f"the {pane} pane" in screen_text(app)
        await pilot.click(offset=(70, row))  # beside the labels: nothing
        await settle(pilot)
        assert app.query_one(ChildTabs).active == "timeline"
        assert app.activated == ["overview", "journal", "timeline"]


async def test_the_workspace_s_tabs_are_one_widget_and_a_click_shows_the_journal(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot)
        row = app.screen.query_one(TabRow)
        assert not row.children and not row.can_focus
        line = screen_text(app).splitlines()[row.region.y]
        await pilot.click(offset=(line.index("2 Journal") + 1, row.region.y))
        await wait_for(pilot, lambda: " entries · " in screen_text(app))
        assert app.screen.query_one(ChildTabs).active == "journal"


async def test_maximize_from_the_palette_keeps_the_tabs_and_keys_1_to_4_show_each_tab(book):
    # As Textual's tabbed content: the palette's "Maximize" on the journal's table
    # fills the screen with the tabs and the pane in front (not with the table alone, left
    # over the pane of a tab chosen after), and 3 then shows the Cycles in it.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot)
        await pilot.press("2")
        await wait_for(pilot, lambda: " entries · " in screen_text(app))
        await pilot.press("ctrl+p")
        await type_text(pilot, "maximize")
        await wait_for(pilot, lambda: palette_choice(app).startswith("Maximize"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.maximized is not None)
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert lines[0].startswith(" 1 Overview  2 Journal  3 Cycles  4 Timeline")
        assert "SEN Workbook" not in screen_text(app)  # the header is left out
        await pilot.press("3")
        await wait_for(pilot, lambda: app.screen.active_tab == "cycles")
        await settle(pilot)
        await wait_for(pilot, lambda: "Cycle 1" in screen_text(app))
        assert " entries · " not in screen_text(app)

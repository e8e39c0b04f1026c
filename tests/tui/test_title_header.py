"""The header, drawn by one widget, looks and acts as Textual's header did.

The header is one widget drawing the line Textual's ``Header`` drew with four.  Its
lines, colours included, must be those Textual draws for the same title and subtitle, in
the dark and light themes, at 80 and 120 columns, with a subtitle too long for the line,
with the icon under the mouse, and three lines tall after a click; the icon is explained
by its tooltip under the mouse and a click on it opens the palette.
"""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widgets import Header, Static

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.widgets.header import TitleHeader
from tests.tui import test_app as app_tests
from tests.tui.conftest import every_look, screen_text, settle, wait_for
from tests.tui.test_app import SIZE, TODAY, open_amara

# The app tests' family, workbook and private settings.
book, path = app_tests.book, app_tests.path

SHORT = "Amara Okafor-Bennett"
LONG = "Amara Okafor-Bennett (Amara), Year 10 at Castle Rise Academy, with a very long name"


class HeaderApp(App):
    TITLE = "SEN Workbook"

    def __init__(self, kind: type, *, theme: str, sub_title: str) -> None:
        super().__init__()
        self.kind, self.start_theme, self.start_sub_title = kind, theme, sub_title

    def compose(self) -> ComposeResult:
        yield self.kind()
        yield Static("below")

    def on_mount(self) -> None:
        self.theme = self.start_theme
        self.screen.sub_title = self.start_sub_title


def drawn_lines(app: App, count: int) -> list[list[Segment]]:
    """The header's lines as drawn, cell by cell with their colours (runs of one style as
    one; the offsets Textual notes for selecting text, and runs of no cells, which draw
    nothing, left out)."""
    strips = app.screen._compositor.render_strips()
    lines = []
    for strip in strips[:count]:
        plain = (
            Segment(text, style.clear_meta_and_links() if style else style)
            for text, style, _ in strip
            if text
        )
        lines.append(list(Segment.simplify(plain)))
    return lines


async def lines_drawn(
    kind: type, *, theme: str, width: int, sub_title: str, hover: int | None, tall: bool
) -> list[list[Segment]]:
    app = HeaderApp(kind, theme=theme, sub_title=sub_title)
    async with app.run_test(size=(width, 10)) as pilot:
        await settle(pilot)
        if tall:
            await pilot.click(offset=(width // 2, 0))
            await settle(pilot)
        if hover is not None:
            await pilot.hover(offset=(hover, 1 if tall else 0))
            await settle(pilot)
        return drawn_lines(app, 3 if tall else 1)


@pytest.mark.parametrize(("width", "theme"), every_look())
async def test_the_header_is_the_one_textual_draws_for_the_same_titles(width, theme):
    for sub_title, hover, tall in (
        (SHORT, None, False),
        ("", None, False),
        (LONG, None, False),
        (SHORT, 3, False),
        (SHORT, 30, False),
        (SHORT, None, True),
        (SHORT, 2, True),
    ):
        case = dict(theme=theme, width=width, sub_title=sub_title, hover=hover, tall=tall)
        ours = await lines_drawn(TitleHeader, **case)
        textuals = await lines_drawn(Header, **case)
        assert ours == textuals, (case, ours, textuals)


async def test_the_icon_opens_the_palette_and_the_subtitle_follows_the_screen():
    app = HeaderApp(TitleHeader, theme="textual-dark", sub_title=SHORT)
    async with app.run_test(size=(80, 10)) as pilot:
        await settle(pilot)
        assert SHORT in screen_text(app).splitlines()[0]
        app.screen.sub_title = "Another child"
        await wait_for(pilot, lambda: "Another child" in screen_text(app).splitlines()[0])
        header = app.query_one(TitleHeader)
        await pilot.hover(offset=(2, 0))  # the icon is explained, as Textual's is
        await wait_for(pilot, lambda: header.tooltip == "Open the command palette")
        await pilot.hover(offset=(40, 0))
        await wait_for(pilot, lambda: header.tooltip is None)
        await pilot.click(offset=(1, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))


async def test_the_app_s_screens_have_the_one_widget_header(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one(TitleHeader) and not app.screen.query(Header)
        await open_amara(pilot)
        header = app.screen.query_one(TitleHeader)
        assert not header.children and not app.screen.query(Header)
        assert "SEN Workbook — Amara" in screen_text(app).splitlines()[0]

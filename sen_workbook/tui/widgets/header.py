"""The header every screen shows: the palette's icon, the title and the screen's subtitle.

Textual's ``Header`` is four widgets (the bar, its icon, its title and the room kept for a
clock), each mounted, styled against every rule of the app's sheets, laid out and drawn,
on every screen opened.  :class:`TitleHeader` is one widget drawing the same line: the
title centred between the icon's eight cells and the clock's ten, cut with an ellipsis
when it does not fit, by Textual's own drawing of a widget's content; the icon drawn
over the left-hand cells.  The icon opens the palette when clicked, is lit under the
mouse and explained by its tooltip; a click elsewhere makes the header three lines tall
or one again, as Textual's does.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

ICON = "\u2b58"  # Textual's header icon
ICON_WIDTH = 8  # Textual's HeaderIcon: 8 cells, the icon after one of padding
CLOCK_WIDTH = 10  # Textual's HeaderClockSpace: 10 cells, one of padding either side
# The style Textual gives the cells a widget's content leaves blank on its line.
CONTENT_FILL = Style(reverse=False)


class TitleHeader(Widget):
    """The app's title and the screen's subtitle, centred, with the palette's icon."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"title-header--icon-hover"}
    # Textual's Header, HeaderIcon, HeaderTitle and HeaderClockSpace styles on one widget:
    # the title's room is what the icon (8 cells) and the clock's space (10) leave.
    DEFAULT_CSS = """
    TitleHeader {
        dock: top;
        width: 100%;
        background: $panel;
        color: $foreground;
        height: 1;
        padding: 0 10 0 8;  /* the icon's cells, the clock's */
        text-wrap: nowrap;
        text-overflow: ellipsis;
        content-align: center top;
        .title-header--icon-hover {
            background: $foreground 10%;
        }
    }
    TitleHeader.-tall {
        height: 3;
    }
    """

    _icon_hovered = reactive(False)

    def on_mount(self) -> None:
        # Drawn again when the app's or the screen's title or subtitle change.
        for node in (self.app, self.screen):
            self.watch(node, "title", self._title_changed, init=False)
            self.watch(node, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def render(self) -> Content:
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        return self.app.format_title(title, sub_title)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines as Textual's four widgets draw them.

        The title's line (the first) is this widget's content as Textual draws a widget's
        content: centred between the padding, cut with an ellipsis.  Over its left-hand
        padding the icon's cells, as Textual's ``HeaderIcon`` draws them: as tall as the
        header, the icon on its middle line after a cell of padding, lit under the mouse.
        The lines under the title (the header made tall) are the title's room left
        blank and the clock's space, as Textual draws those.
        """
        width, height = self.outer_size
        whole = super().render_lines(Region(0, crop.y, width, crop.height))
        base = self.rich_style
        blank = Style.from_color(bgcolor=base.bgcolor)
        icon_style = base
        if self._icon_hovered:
            lit = self.get_component_rich_style("title-header--icon-hover").bgcolor
            icon_style = base + Style.from_color(bgcolor=lit)
        icon_blank = Style.from_color(bgcolor=icon_style.bgcolor)
        fill = icon_style + CONTENT_FILL  # the cells its content leaves blank
        lines = []
        for y, line in enumerate(whole, crop.y):
            shown = [Segment(ICON, icon_style)] if y == height // 2 else []
            icon = [
                Segment(" ", icon_blank),
                *shown,
                Segment(" " * (ICON_WIDTH - 2 - len(shown)), fill),
                Segment(" ", icon_blank),
            ]
            if y == 0:
                # The clock's space as Textual's HeaderClockSpace draws its first line: its
                # padding, its empty content, the rest of its room, its padding.
                clock = [
                    Segment(" ", blank),
                    Segment("", base),
                    Segment(" " * (CLOCK_WIDTH - 2), blank),
                    Segment(" ", blank),
                ]
                rest = Strip.join(
                    [line.crop(ICON_WIDTH, width - CLOCK_WIDTH), Strip(clock, CLOCK_WIDTH)]
                )
            else:
                room = width - ICON_WIDTH - CLOCK_WIDTH + 1
                rest = Strip(
                    [
                        Segment(" " * room, blank),
                        Segment(" " * (CLOCK_WIDTH - 2), base),
                        Segment(" ", blank),
                    ]
                )
            whole_line = Strip.join([Strip(icon, ICON_WIDTH), rest])
            lines.append(whole_line.crop(crop.x, crop.right) if crop.width != width else whole_line)
        return lines

    # --- the mouse ----------------------------------------------------------------------

    def _over_icon(self, x: int) -> bool:
        return 0 <= x < ICON_WIDTH

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hovered = self._over_icon(event.x)
        if hovered != self._icon_hovered:
            self._icon_hovered = hovered
            self.tooltip = "Open the command palette" if hovered else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._icon_hovered:
            self._icon_hovered = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        if self._over_icon(event.x) and self.app.ENABLE_COMMAND_PALETTE:
            await self.run_action("app.command_palette")
        else:
            self.toggle_class("-tall")

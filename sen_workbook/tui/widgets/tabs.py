"""A child's workspace tabs: the row of labels drawn by one widget, and the panes under it.

Textual's ``TabbedContent`` draws its row of tabs with eight widgets (the row, a scroll
container, two boxes, a label per tab and the underline), each mounted, styled against
every rule of the app's sheets, laid out and drawn as the child's screen opens, and styled
again as a tab is chosen.  Here the row is one widget, :class:`TabRow`, drawing the same
two lines in the same colours (Textual's own styles for tabs and their underline, copied
below), with the same hover, click and sliding underline; :class:`ChildTabs` shows the
pane of the tab chosen and says so, as ``TabbedContent`` did.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import ContentSwitcher, TabPane

__all__ = ["ChildTabs", "TabRow"]

# The underline's slide to the tab chosen, as Textual's tabs make it.
SLIDE_DELAY = 0.02  # seconds
SLIDE_SECONDS = 0.3
# The row's slide to show the tab chosen, where the labels do not fit, as Textual's
# scroll to it.
SCROLL_SECONDS = 0.2


class TabLabel(NamedTuple):
    """One tab: the pane it shows, its label, and the cells its label takes in the row
    (``start`` to ``end``, the padding either side included)."""

    pane: str
    label: str
    start: int
    end: int


class TabRow(Widget, can_focus=False):
    """The tabs' labels on one line and the underline under the chosen one on the next.

    Drawn as Textual's ``Tabs`` draws its row of ``Tab`` widgets and its ``Underline``:
    each label padded by a cell either side, dimmed but for the tab chosen and the one
    under the mouse; under them a thin bar, bright under the chosen label, sliding to a
    tab newly chosen; where the labels do not fit, the row slid to show the tab chosen.  A
    click on a label, or on the bar under it, chooses that tab.  It
    takes no focus (keys 1 to 4 choose the tabs), as the row it replaces did not.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "tab-row--tab",
        "tab-row--hover",
        "tab-row--active",
        "tab-row--bar",
    }
    # Textual's Tabs, Tab and Underline styles, as they apply to a row that takes no
    # focus and whose tabs are never disabled or hidden.
    DEFAULT_CSS = """
    TabRow {
        width: 100%;
        height: 2;
        .tab-row--tab {
            color: $foreground 50%;
        }
        .tab-row--hover {
            color: $foreground;
        }
        .tab-row--active {
            color: $foreground;
        }
        .tab-row--bar {
            color: $block-cursor-background;
            background: $foreground 10%;
        }
        &:ansi {
            .tab-row--tab {
                text-style: dim;
            }
            .tab-row--active {
                text-style: not dim bold;
            }
            .tab-row--bar {
                color: $block-cursor-background;
                background: $border-blurred;
            }
        }
    }
    """

    active: reactive[str] = reactive("", init=False)
    # The underline's bright part, in cells (fractions while it slides).
    highlight_start: reactive[float] = reactive(0.0)
    highlight_end: reactive[float] = reactive(0.0)
    # The cells of the row slid out of view at its left, where the labels do not fit (a
    # narrow terminal): the row is slid so that the tab chosen is shown, as Textual's
    # row is scrolled to it (fractions while it slides).
    shift: reactive[float] = reactive(0.0)

    class Chosen(Message):
        """A tab was clicked."""

        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, labels: list[tuple[str, str]], active: str, *, id: str | None = None):
        """``labels``: each tab's pane id and label, in order; ``active``: the pane shown."""
        super().__init__(id=id)
        self.tabs: list[TabLabel] = []
        start = 0
        for pane, label in labels:
            end = start + cell_len(label) + 2
            self.tabs.append(TabLabel(pane, label, start, end))
            start = end
        self._hovered: str | None = None
        self.set_reactive(TabRow.active, active)
        # Under the chosen label from the first frame (the padding left out).
        low, high = self._span(active)
        self.set_reactive(TabRow.highlight_start, float(low))
        self.set_reactive(TabRow.highlight_end, float(high))

    def _span(self, pane: str) -> tuple[int, int]:
        """The cells of the label of ``pane``, its padding left out."""
        for tab in self.tabs:
            if tab.pane == pane:
                return tab.start + 1, tab.end - 1
        return 0, 0

    def watch_active(self, before: str, active: str) -> None:
        self.refresh()
        self.call_after_refresh(self._show_active)
        start, end = self._span(active)
        if self.app.animation_level == "none" or not before:
            self.highlight_start, self.highlight_end = start, end
            return

        def slide() -> None:
            # The same slide as Textual's tabs: a moment after the change, then eased
            # over 0.3 s (or at once where the app's animations are turned down).
            self.animate("highlight_start", start, duration=SLIDE_SECONDS, level="basic")
            self.animate("highlight_end", end, duration=SLIDE_SECONDS, level="basic")

        self.set_timer(SLIDE_DELAY, lambda: self.call_after_refresh(slide))

    def on_mount(self) -> None:
        self.call_after_refresh(self._show_active)

    def on_resize(self, event: events.Resize) -> None:
        # As Textual's row: the underline under the chosen label at once, and the row slid
        # to show it in the new width.
        self.highlight_start, self.highlight_end = self._span(self.active)
        self._show_active()

    def _show_active(self) -> None:
        """Slide the row to centre the chosen tab's label, as far as the row goes, as
        Textual's ``Tabs`` scrolls its row (``scroll_to_center``, its left end kept in
        view), over 0.2 s."""
        width = self.size.width
        tab = next((tab for tab in self.tabs if tab.pane == self.active), None)
        if not width or tab is None:
            return
        most = max(0, self.tabs[-1].end - width)
        shown = round(self.shift)
        centre = tab.start + (tab.end - tab.start) / 2
        to = min(max(shown + int(centre - (shown + width / 2) + 0.5), 0), most)
        if not to <= tab.start < to + width:
            # Its left end out of view (a row narrower than the label): the least slide
            # that shows as much of the label as fits, from its left end.
            seen = min(tab.end - tab.start, width)
            step = 0
            if not shown <= tab.start < tab.start + seen < shown + width:
                step = min(tab.start - shown, tab.start - (shown + width - seen), key=abs)
            to = min(max(shown + step, 0), most)
        if to != shown:
            self.animate(
                "shift", float(to), duration=SCROLL_SECONDS, easing="out_cubic", level="basic"
            )

    def watch_shift(self) -> None:
        self.refresh()

    def watch_highlight_start(self) -> None:
        self.refresh()

    def watch_highlight_end(self) -> None:
        self.refresh()

    # --- drawing -------------------------------------------------------------------------

    def _label_style(self, tab: TabLabel) -> Style:
        names = ["tab-row--tab"]
        if tab.pane == self.active:
            names.append("tab-row--active")
        style = self.get_component_rich_style(*names)
        if tab.pane == self._hovered:
            # The label under the mouse takes the hover's colour alone, its text style
            # kept: Textual merging the two components' rules would drop the dim the ANSI
            # themes give a label (a hovered label there is dim, as on Textual's tabs).
            style += Style.from_color(self.get_component_rich_style("tab-row--hover").color)
        return style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        blank = Style.from_color(bgcolor=self.background_colors[1].rich_color)
        used = self.tabs[-1].end if self.tabs else 0
        # The whole row is drawn, as wide as its labels where they do not fit, and the
        # part slid into view is shown.
        whole = max(width, used)
        shift = min(max(round(self.shift), 0), whole - width)
        if y == 0:
            segments: list[Segment] = []
            for tab in self.tabs:
                style = self._label_style(tab)
                padding = Style.from_color(bgcolor=style.bgcolor)
                segments += [
                    Segment(" ", padding),
                    Segment(tab.label, style),
                    Segment(" ", padding),
                ]
            row = Strip(segments, used).adjust_cell_length(whole, blank)
            return row.crop(shift, shift + width) if whole != width else row
        if y == 1:
            bar_style = self.get_component_rich_style("tab-row--bar")
            bar = Bar(
                highlight_range=(self.highlight_start, self.highlight_end),
                highlight_style=Style.from_color(bar_style.color),
                background_style=Style.from_color(bar_style.bgcolor),
            )
            console = self.app.console
            base = self.rich_style
            lines = console.render_lines(
                bar, console.options.update_width(whole), style=base, pad=True
            )
            row = Strip(lines[0], whole)
            return row.crop(shift, shift + width) if whole != width else row
        return Strip.blank(width, blank)

    # --- the mouse ----------------------------------------------------------------------

    def _tab_at(self, x: int) -> TabLabel | None:
        for tab in self.tabs:
            if tab.start <= x < tab.end:
                return tab
        return None

    def _hover(self, pane: str | None) -> None:
        if pane != self._hovered:
            self._hovered = pane
            # The hand over a label, as over Textual's tabs.
            self.styles.pointer = "pointer" if pane is not None else "default"
            self.screen.update_pointer_shape()
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        tab = self._tab_at(event.x + round(self.shift)) if event.y == 0 else None
        self._hover(tab.pane if tab is not None else None)

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def on_click(self, event: events.Click) -> None:
        # A click on the bar chooses the tab above it, as on Textual's.
        tab = self._tab_at(event.x + round(self.shift))
        if tab is not None:
            event.stop()
            self.post_message(self.Chosen(tab.pane))


class ChildTabs(Widget):
    """The row of tabs and, under it, the pane of the tab chosen.

    Shown by setting :attr:`active` (keys 1 to 4, or a click on the row), which brings
    its pane to the front and posts :class:`TabActivated`, as Textual's
    ``TabbedContent`` does.  Unlike ``TabbedContent``, a widget focused by the program in
    another tab's pane does not bring that tab to the front: that news arrives late, and
    would undo a tab the parent has chosen since.
    """

    DEFAULT_CSS = """
    ChildTabs {
        height: auto;
    }
    """
    # Maximized in place of a control in a pane (the palette's "Maximize"), as Textual's
    # tabbed content is: the tabs and the pane in front fill the screen, and keys 1 to 4
    # still show each tab there.
    ALLOW_MAXIMIZE = True

    active: reactive[str] = reactive("", init=False)

    class TabActivated(Message):
        """A tab was brought to the front: ``pane`` is its pane."""

        ALLOW_SELECTOR_MATCH = {"pane"}

        def __init__(self, tabs: ChildTabs, pane: TabPane) -> None:
            super().__init__()
            self.tabs = tabs
            self.pane = pane

        @property
        def control(self) -> ChildTabs:
            return self.tabs

    def __init__(self, *, id: str | None = None, initial: str = "") -> None:
        super().__init__(id=id)
        self._initial = initial
        self._panes: list[Widget] = []

    def compose_add_child(self, widget: Widget) -> None:
        """The panes yielded inside ``with ChildTabs(...)`` go under the row."""
        self._panes.append(widget)

    def compose(self) -> ComposeResult:
        panes = [pane for pane in self._panes if isinstance(pane, TabPane)]
        initial = self._initial or (str(panes[0].id) if panes else "")
        labels = [(str(pane.id), pane._title.plain) for pane in panes]
        yield TabRow(labels, initial)
        with ContentSwitcher(initial=initial or None):
            yield from self._panes

    def on_mount(self) -> None:
        initial = self.query_one(TabRow).active
        self.set_reactive(ChildTabs.active, initial)
        if initial:
            self.post_message(self.TabActivated(self, self.get_pane(initial)))

    @property
    def active_pane(self) -> TabPane | None:
        """The pane in front, or None before there is one."""
        return self.get_pane(self.active) if self.active else None

    def get_pane(self, pane_id: str) -> TabPane:
        """The pane of the tab ``pane_id``."""
        return self.query_one(ContentSwitcher).get_child_by_id(pane_id, TabPane)

    def watch_active(self, active: str) -> None:
        self.query_one(TabRow).active = active
        self.query_one(ContentSwitcher).current = active
        if active:
            self.post_message(self.TabActivated(self, self.get_pane(active)))

    def on_tab_row_chosen(self, event: TabRow.Chosen) -> None:
        event.stop()
        self.active = event.pane

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.stop()  # see the class's docstring

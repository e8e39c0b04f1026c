"""The footer every screen shows: its keys, and at 80 columns still "? Help".

Textual's footer lists the keys of the focused widget, then of the screen, then of the
app, and cuts what does not fit at the right edge: at 80 columns the app's "? Help", the
last, was the first to go, and a screen's "Back" or "Search" next.  This footer leaves
out keys that are only handy (order, letters, trash: they are in the help and the
palette) from the end first, so the keys to open, save, leave, search and get help stay.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.css.styles import RenderStyles
from textual.events import Mount, Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

# The actions whose keys stay to the last: getting help, leaving, saving, answering,
# searching and opening what is chosen.
ESSENTIAL = frozenset(
    {
        "help",
        "app.help",
        "back",
        "cancel",
        "close",
        "leave",
        "search",
        "select_cursor",
        "save",
        "answer(True)",
        "answer(False)",
        "done",
        "import_ticked",
        "write",
        "record",
        "export",
    }
)


HELP = ("help", "app.help")
F1 = Binding("f1", "app.help", "Help")


class FooterKey(NamedTuple):
    """One key the footer shows: what is pressed, how it reads, what it does."""

    key: str
    key_display: str
    description: str
    action: str
    disabled: bool = False
    tooltip: str = ""
    palette: bool = False  # the command palette's key, at the right-hand end


def key_width(key: FooterKey, compact: bool) -> int:
    """The cells one key takes in the footer, with the gap after it."""
    label = len(key.key_display) + (1 + len(key.description) if key.description else 0)
    return label + 1 if compact else label + 3


class KeyFooter(Widget, can_focus=False):
    """The screen's keys on one line, fitting its width, leaving out the least needed first.

    Textual's footer is a row of widgets, one per key, each mounted, styled against every
    rule of the app's sheets, laid out and drawn: on the way from the children list to a
    child's journal, three footers of seven to nine keys, a sixth of the processor time
    from enter to the journal.  This one is a single widget that draws the same line, in
    the same colours and places, from the same rules (Textual's footer's own, copied
    below); a key is clicked, hovered and explained (its tooltip) as on Textual's.  It
    draws again only when what it shows changes, however many times the bindings are
    refreshed in between (a focus moving, a tab shown, a list highlighting a row).
    Textual's groups of keys (one label for several) are shown as separate keys: no
    screen of the app has one.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--item",
        "footer-key--hover",
        "footer-key--disabled",
        "footer-key--key",
        "footer-key--description",
        "footer-key--palette-border",
    }
    # Textual's Footer and FooterKey styles, as they apply to one line of keys.
    DEFAULT_CSS = """
    KeyFooter {
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
        .footer-key--item {
            background: $footer-item-background;
        }
        .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .footer-key--disabled {
            text-style: dim;
        }
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--palette-border {
            color: $foreground 20%;
        }
    }
    """

    compact = reactive(False, toggle_class="-compact", layout=False)
    _bindings_ready = reactive(False, repaint=False)

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__()
        self.set_reactive(KeyFooter.compact, compact)
        self.set_class(compact, "-compact", update=False)
        self._composed_width = 0
        self._shown: tuple[object, ...] | None = None  # what the keys shown were built from
        # The keys drawn, and where each starts and ends on the line (the palette's key
        # last), for the mouse.
        self.keys: list[FooterKey] = []
        self._places: list[tuple[int, int]] = []
        self._hovered: int | None = None
        # Set while the screen changes what it shows (a tab being built and brought to the
        # front): the keys are built once, for what is shown at the end, by the screen.
        self.held = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _keys_wanted(self) -> tuple[object, ...]:
        """What the keys would be built from now: each shown binding with its state,
        and the room they share."""
        return (
            self._room(),
            self.compact,
            tuple(
                (binding.key, binding.description, binding.action, enabled, tooltip)
                for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
                if binding.show
            ),
        )

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            # Each request is looked at (a callback left for a screen that closes is
            # never run, so none may be counted on), but keys are built only for a change.
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if not self.held:
            await self.rebuild_if_changed()

    def _show_keys(self) -> None:
        """Show the keys of now."""
        if not self.is_attached:
            return
        keys = self.made_keys()
        if keys != self.keys:
            self.keys = keys
            # The keys under the mouse are gone, as Textual's key widgets go: none is
            # hovered or explained, and the places of the line on the screen, drawn for
            # the keys before, are no key's until the new line is drawn (a click there
            # would press another key, or one past the end).
            self._hovered = None
            self.tooltip = None
            self._places = []
            self.refresh()

    async def rebuild_if_changed(self) -> None:
        """Build the keys again if what they would show has changed.

        Awaited by the screen (a tab brought to the front) so that the keys are those of
        the frame it draws next.
        """
        if self.is_attached and self._keys_wanted() != self._shown:
            self._show_keys()

    async def show_first_keys(self) -> None:
        """Build the keys the screen shows once it has its focus.

        Called by the screen (:class:`KeysInFirstFrame`) before its first frame: the
        keys were built first with only "f1 Help" (the bindings were not ready), drawn,
        then built again with the real ones once the focus had moved.
        """
        self._bindings_ready = True
        await self.rebuild_if_changed()

    def _room(self) -> int:
        if self.size.width:
            return self.size.width
        return self.screen.size.width if self.is_attached else 0

    def made_keys(self) -> list[FooterKey]:
        """The keys to show now, as Textual's footer lists them (the focused widget's,
        then the screen's, then the app's, the palette's key last), less those that do
        not fit; none before the screen has its focus."""
        if not self._bindings_ready:
            # Mounted before the screen has its focus: nothing to show yet.  The screen
            # has the keys built before its first frame (see show_first_keys).
            return []
        self._shown = self._keys_wanted()
        active = self.screen.active_bindings
        keys: list[FooterKey] = []
        seen: set[str] = set()  # one key per action, the first bound, as Textual shows
        for _, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append(self._key(binding, enabled, tooltip))
        palette: list[FooterKey] = []
        if self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, _ = found
                tooltip = binding.tooltip or binding.description
                palette.append(self._key(binding, enabled, tooltip, palette=True))
        room = self._room()
        self._composed_width = room
        if room:
            keys = self._fitting(keys, palette, room)
        return [*keys, *palette]

    def _key(
        self, binding: Binding, enabled: bool, tooltip: str, *, palette: bool = False
    ) -> FooterKey:
        """The key to show for ``binding``, as Textual's footer shows it."""
        return FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip,
            palette=palette,
        )

    def _fitting(
        self, listed: list[FooterKey], palette: list[FooterKey], room: int
    ) -> list[FooterKey]:
        if not any(k.action in HELP for k in listed) and not getattr(self.screen, "IS_HELP", False):
            # "?" is typed into the text box that has the focus: f1 is the help's key
            # (but not on the help page itself, where it opens nothing: asked of this
            # footer's own screen, which may be behind the help as its keys are made).
            listed = [*listed, FooterKey("f1", self.app.get_key_display(F1), "Help", "app.help")]
        used = sum(key_width(k, self.compact) for k in listed)
        used += sum(key_width(k, self.compact) + 1 for k in palette)
        dropped: set[int] = set()
        # The handy keys go first, from the end; then, if need be, the essential ones
        # (but never help), from the end too.
        for essential in (False, True):
            for index in range(len(listed) - 1, -1, -1):
                if used <= room:
                    break
                key = listed[index]
                if (key.action in ESSENTIAL) != essential or key.action in HELP:
                    continue
                dropped.add(index)
                used -= key_width(key, self.compact)
        return [k for i, k in enumerate(listed) if i not in dropped]

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._composed_width:
            self.call_after_refresh(self._show_keys)

    # --- drawing -------------------------------------------------------------------------

    def _layered(self, *layers: RenderStyles) -> tuple[Style, Color]:
        """The style of text drawn in ``layers`` (component styles, each over the one
        before) laid over this footer, worked out as Textual works out a widget's style
        from its ancestors (``DOMNode.rich_style``); and the background under the last."""
        background = Color(0, 0, 0, 0)
        color = Color(255, 255, 255, 0)
        style = Style()
        opacity = 1.0
        chain: Iterable[RenderStyles] = [
            *(node.styles for node in reversed(self.ancestors_with_self)),
            *layers,
        ]
        for styles in chain:
            has_rule = styles.has_rule
            opacity *= styles.opacity
            if has_rule("background"):
                text_background = background + styles.background.tint(styles.background_tint)
                background += styles.background.tint(styles.background_tint).multiply_alpha(opacity)
            else:
                text_background = background
            if has_rule("color"):
                color = styles.color
            style += styles.text_style
            if has_rule("auto_color") and styles.auto_color:
                color = text_background.get_contrast_text(color.a)
        style += Style.from_color(
            (background + color).rich_color if (background.a or color.a) else None,
            background.rich_color if background.a else None,
        )
        return style, background

    def _key_segments(self, key: FooterKey, hovered: bool) -> tuple[list[Segment], Color]:
        """One key as Textual's FooterKey draws it, and the key's own background."""
        item = ["footer-key--item"]
        if hovered:
            item.append("footer-key--hover")
        if key.disabled:
            item.append("footer-key--disabled")
        own = self.get_component_styles(*item)
        item_style, item_background = self._layered(own)
        key_style = item_style + self._layered(own, self.get_component_styles("footer-key--key"))[0]
        description_style = (
            item_style + self._layered(own, self.get_component_styles("footer-key--description"))[0]
        )
        if not key.description:
            return [Segment(key.key_display, key_style)], item_background
        # The palette's key is drawn compact on every footer, as on Textual's (whose
        # palette key does not follow its footer's compactness).
        if self.compact or key.palette:
            shown_key, description = key.key_display, f" {key.description}"
        else:
            shown_key, description = f" {key.key_display} ", f"{key.description} "
        return [
            Segment(shown_key, key_style),
            Segment(description, description_style),
        ], item_background

    def render_line(self, y: int) -> Strip:
        """The line of keys, drawn as Textual draws its footer's row of key widgets: each
        key in its colours, the gaps between them and the room left in the footer's
        background alone, the palette's key at the right-hand end after a thin line."""
        width = self.size.width
        blank = Style.from_color(bgcolor=self.background_colors[1].rich_color)
        if y:
            return Strip.blank(width, blank)
        segments: list[Segment] = []
        places: list[tuple[int, int]] = []
        used = 0
        palette: list[Segment] = []
        for number, key in enumerate(self.keys):
            drawn, background = self._key_segments(key, number == self._hovered)
            if key.palette:
                # Its border, a "vkey" line in its own colour over the key's background.
                colour = (
                    self.background_colors[1]
                    + self.get_component_styles("footer-key--palette-border").color
                )
                palette = [
                    Segment("\u258f", Style.from_color(colour.rich_color, background.rich_color)),
                    *drawn,
                    # Its right padding (spread), or its margin (compact).
                    Segment(
                        " ",
                        Style.from_color(
                            bgcolor=(blank.bgcolor if self.compact else background.rich_color)
                        ),
                    ),
                ]
                continue
            length = Segment.get_line_length(drawn)
            places.append((used, used + length))
            segments += drawn
            used += length
            if self.compact:
                segments.append(Segment(" ", blank))  # the margin after each key
                used += 1
        if palette:
            length = Segment.get_line_length(palette)
            start = max(used, width - length)
            if start > used:
                segments.append(Segment(" " * (start - used), blank))
            segments += palette
            places.append((start, start + length - (1 if self.compact else 0)))
            used = start + length
        self._places = places
        return Strip(segments, used).adjust_cell_length(width, blank)

    # --- the mouse ----------------------------------------------------------------------

    def _key_at(self, x: int) -> int | None:
        for number, (start, end) in enumerate(self._places):
            if start <= x < end:
                return number
        return None

    def _hover(self, number: int | None) -> None:
        if number != self._hovered:
            self._hovered = number
            tooltip = self.keys[number].tooltip if number is not None else ""
            self.tooltip = tooltip or None
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        number = self._key_at(event.x)
        if number is None:
            return
        key = self.keys[number]
        if key.disabled:
            self.app.bell()
        else:
            self.app.simulate_key(key.key)


class KeysInFirstFrame:
    """For a screen with a :class:`KeyFooter`: its keys are in its first frame.

    A screen gives itself its focus once its widgets are mounted, and fills them as it is
    mounted: only then are its keys known.  The footer, mounted before, showed "f1 Help"
    alone in the screen's first frames and made its keys after they were drawn: a second
    build and a second frame for every screen opened.  Here the screen, whose own turn
    draws it, waits for the keys before going on.  Put before Textual's screen class in
    the bases: its handler then runs after the screen's own ``on_mount``.
    """

    if TYPE_CHECKING:
        # As Textual's own handlers are typed, which this one joins: Textual awaits a
        # handler that is a coroutine, so the two are alike to the screen.
        def _on_mount(self, event: Mount) -> None: ...

    else:
        # Textual runs the mount handler of every class of the screen, this one included,
        # before the screen's first frame.
        async def _on_mount(self, event: Mount) -> None:
            for footer in self.query(KeyFooter):
                await footer.show_first_keys()

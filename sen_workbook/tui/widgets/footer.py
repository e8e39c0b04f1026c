"""The footer every screen shows: its keys, and at 80 columns still "? Help".

Textual's footer lists the keys of the focused widget, then of the screen, then of the
app, and cuts what does not fit at the right edge: at 80 columns the app's "? Help", the
last, was the first to go, and a screen's "Back" or "Search" next.  This footer leaves
out keys that are only handy (order, letters, trash: they are in the help and the
palette) from the end first, so the keys to open, save, leave, search and get help stay.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.compose import compose
from textual.events import Mount, Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

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


def key_width(key: FooterKey, compact: bool) -> int:
    """The cells one key takes in the footer, with the gap after it."""
    label = len(key.key_display) + (1 + len(key.description) if key.description else 0)
    return label + 1 if compact else label + 3


class KeyFooter(Footer):
    """A footer whose keys fit its width, leaving out the least needed ones first.

    Textual's footer builds its keys again each time anything asks for the bindings to be
    refreshed (a focus moving, a tab shown, a list highlighting a row), once per request:
    opening a child's journal asked a dozen times, each a dozen key widgets made and
    styled, for keys that had not changed.  This one builds them once per change of what
    it shows, however many requests came in between.
    """

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._composed_width = 0
        self._shown: tuple[object, ...] | None = None  # what the keys shown were built from
        # Set while the screen changes what it shows (a tab being built and brought to the
        # front): the keys are built once, for what is shown at the end, by the screen.
        self.held = False

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
        if not self.held and self.is_attached and self._keys_wanted() != self._shown:
            await self._show_keys()

    async def _show_keys(self) -> None:
        """Show the keys of now, keeping the key widgets that stay as they are.

        Opening the journal's tab adds its two keys in front of the Overview's seven:
        made anew, every key was made, styled and drawn again (half the footer's cost on
        the way to the journal).  Only the keys that come are made now, and those that
        go removed; the others are the same widgets, in the same order, already drawn.
        """
        if not self.is_attached or self._pruning:
            return
        current = list(self.children)
        async with self.batch():
            wanted = compose(self)
            keys = [*current, *wanted]
            if not current or not all(type(key) is FooterKey for key in keys):
                # The first keys, or a group of keys (a KeyGroup and its label): made
                # anew, as Textual does.
                await self.query_children("*").exclude(".-textual-system").remove()
                if self.is_attached:
                    await self.mount_all(wanted)
                return
            kept: list[Widget] = []  # the final order, the keys that stay among those new
            going: list[Widget] = []
            place = 0
            for key in wanted:
                same = next(
                    (
                        index
                        for index in range(place, len(current))
                        if _same_key(current[index], key)
                    ),
                    None,
                )
                if same is None:
                    kept.append(key)
                    continue
                going += current[place:same]
                kept.append(current[same])
                place = same + 1
            going += current[place:]
            if going:
                await self.remove_children(going)
            coming: list[Widget] = []
            for widget in [*kept, None]:
                if widget is not None and widget.parent is None:
                    coming.append(widget)  # new: mounted before the next key that stays
                    continue
                if coming:
                    if widget is None:
                        await self.mount_all(coming)
                    else:
                        await self.mount_all(coming, before=widget)
                    coming = []

    async def rebuild_if_changed(self) -> None:
        """Build the keys again if what they would show has changed, and wait for them.

        The keys are made in the footer's own turn (Textual binds each key to the footer
        as the footer makes it), so this may be awaited from the screen.
        """
        built = asyncio.Event()

        async def rebuild() -> None:
            try:
                if self.is_attached and self._keys_wanted() != self._shown:
                    await self._show_keys()
            finally:
                built.set()

        if self.call_later(rebuild):  # not when the footer is closing: nothing to wait for
            await built.wait()

    async def show_first_keys(self) -> None:
        """Build the keys the screen shows once it has its focus, and wait for them.

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

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            # Mounted before the screen has its focus: nothing to show yet.  The screen
            # has the keys built before its first frame (see show_first_keys).
            return
        self._shown = self._keys_wanted()
        items = list(super().compose())
        room = self._room()
        self._composed_width = room
        if room:
            items = self._fitting(items, room)
        for item in items:
            if isinstance(item, FooterKey):
                # Each key takes the footer's compactness as it is mounted, and its class
                # with it, which styled every key a second time (a tenth of the footer's
                # cost, and the footer is built on every screen): given here, before it
                # is styled at all, nothing changes when it is mounted.
                item.set_reactive(FooterKey.compact, self.compact)
                item.set_class(self.compact, "-compact", update=False)
        yield from items

    def _fitting(self, items: list, room: int) -> list:
        keys = [i for i in items if isinstance(i, FooterKey)]
        if len(keys) != len(items):
            return items  # a group of keys: measured by Textual, left as it is
        palette = [k for k in keys if k.has_class("-command-palette")]
        listed = [k for k in keys if not k.has_class("-command-palette")]
        if not any(k.action in HELP for k in listed) and self.app.check_action("help", ()):
            # "?" is typed into the text box that has the focus: f1 is the help's key
            # (but not on the help page itself, where it opens nothing).
            help_key = FooterKey("f1", self.app.get_key_display(F1), "Help", "app.help")
            listed.append(help_key.data_bind(compact=Footer.compact))
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
        kept = [k for i, k in enumerate(listed) if i not in dropped]
        return [*kept, *palette]

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._composed_width:
            self.call_after_refresh(self._show_keys)


def _same_key(shown: Widget, made: Widget) -> bool:
    """Whether the key widget ``shown`` draws and does just what ``made`` would."""
    return (
        isinstance(shown, FooterKey)
        and isinstance(made, FooterKey)
        and (shown.key, shown.key_display, shown.description, shown.action)
        == (made.key, made.key_display, made.description, made.action)
        and shown._disabled == made._disabled
        and shown.tooltip == made.tooltip
        and shown.classes == made.classes
    )


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

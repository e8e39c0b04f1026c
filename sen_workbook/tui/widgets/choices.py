"""A dropdown that takes the letters typed on it.

A collapsed Textual ``Select`` lets letters pass to the screen, where they are one-letter
commands: a parent who tabs onto a filter and starts typing "transport" would open the
trash with the "t".  Here a letter typed on a closed dropdown opens it and jumps to the
first choice starting with what was typed, as a dropdown does in most programs.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Select
from textual.widgets._select import SelectOverlay


class TypedSelect(Select[str]):
    """A ``Select`` whose typed letters choose among its options, never run commands."""

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        # Only while its screen is in front: the palette, opened over it, lists the
        # screen's one-letter commands, which this would otherwise hide.
        return (
            character is not None
            and character.isprintable()
            and key != "space"
            and self.screen is self.app.screen
        )

    def _on_mount(self, event: events.Mount) -> None:
        # Removed before its parts were mounted (the journal left, or the app closed, as
        # its filters were being added): Select's own set-up would look for its list,
        # not find it, and stop the app with a fault.
        if not self.query(SelectOverlay):
            event.prevent_default()

    async def _on_key(self, event: events.Key) -> None:
        if (
            not self.expanded
            and event.character is not None
            and event.is_printable
            and event.key != "space"
        ):
            event.stop()
            event.prevent_default()
            self.expanded = True
            # The open list searches as it is typed on: it gets this first letter too.
            self.query_one("SelectOverlay").post_message(events.Key(event.key, event.character))

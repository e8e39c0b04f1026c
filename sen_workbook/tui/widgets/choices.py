"""A dropdown that takes the letters typed on it.

A collapsed Textual ``Select`` lets letters pass to the screen, where they are one-letter
commands: a parent who tabs onto a filter and starts typing "transport" would open the
trash with the "t".  Here a letter typed on a closed dropdown opens it and jumps to the
first choice starting with what was typed, as a dropdown does in most programs.  A digit
that starts none of its choices is left to the screen, where 1 to 4 change the tab.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.widgets import Select
from textual.widgets._select import SelectOverlay


class TypedSelect(Select[str]):
    """A ``Select`` whose typed letters choose among its options, never run commands."""

    def __init__(self, options: Iterable[tuple[Any, str]], **kwargs: Any) -> None:
        options = list(options)
        self._first_characters = _first_characters(options)
        super().__init__(options, **kwargs)

    def set_options(self, options: Iterable[tuple[Any, str]]) -> None:
        options = list(options)
        self._first_characters = _first_characters(options)
        super().set_options(options)

    def _takes(self, key: str, character: str | None) -> bool:
        """Whether a key typed on it is one to choose with: printable, not the space
        (which opens it), and not a digit that starts none of its choices (the tab keys
        1 to 4, which the screen is to have)."""
        return (
            character is not None
            and character.isprintable()
            and key != "space"
            and (not character.isdigit() or character in self._first_characters)
        )

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        # Only while its screen is in front: the palette, opened over it, lists the
        # screen's one-letter commands, which this would otherwise hide.
        return self._takes(key, character) and self.screen is self.app.screen

    def _on_mount(self, event: events.Mount) -> None:
        # Removed before its parts were mounted (the journal left, or the app closed, as
        # its filters were being added): Select's own set-up would look for its list,
        # not find it, and stop the app with a fault.
        if not self.query(SelectOverlay):
            event.prevent_default()

    async def _on_key(self, event: events.Key) -> None:
        if not self.expanded and event.is_printable and self._takes(event.key, event.character):
            event.stop()
            event.prevent_default()
            self.expanded = True
            # The open list searches as it is typed on: it gets this first letter too.
            self.query_one("SelectOverlay").post_message(events.Key(event.key, event.character))


def _first_characters(options: list[tuple[Any, str]]) -> frozenset[str]:
    """The first character of each choice's text (a digit typed is looked for here)."""
    return frozenset(str(prompt)[:1] for prompt, _ in options)

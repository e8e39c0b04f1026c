"""Text boxes that take the keys in the order they were typed.

Textual inserts a typed letter in the box at once, but runs an editing key such as
backspace, delete or an arrow through the app's bindings, after the key has gone back up
to the app.  When keys arrive together (a fast typist, a slow moment, keys sent in one
burst) the letters after the editing key are put in before it acts: "abc", backspace,
"d" gave "abc", the backspace deleting the "d".  Here the box runs its own binding for
such a key as it receives it, so the text is what was typed.
"""

from __future__ import annotations

from textual import events
from textual.actions import parse as parse_action
from textual.widgets import Input, TextArea


class KeysInOrder:
    """Mixed into a text box before the Textual class: runs the box's own binding for an
    editing key in the box's turn, not after the keys that followed it."""

    async def _on_key(self, event: events.Key) -> None:
        bindings = self._bindings.key_to_bindings.get(event.key)  # type: ignore[attr-defined]
        if bindings and not event.is_printable:
            binding = bindings[0]
            _, name, parameters = parse_action(binding.action)
            if self.check_action(name, parameters) is not False:  # type: ignore[attr-defined]
                event.stop()
                event.prevent_default()
                await self.run_action(binding.action)  # type: ignore[attr-defined]
                return
        await super()._on_key(event)  # type: ignore[misc]


class TextBox(KeysInOrder, Input):
    """Textual's one-line box, taking keys in the order they were typed."""


class WritingBox(KeysInOrder, TextArea):
    """Textual's many-line box, taking keys in the order they were typed."""

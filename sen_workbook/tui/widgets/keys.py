"""Text boxes that take the keys in the order they were typed.

Textual inserts a typed letter in the box at once, but runs an editing key such as
backspace, delete or an arrow through the app's bindings, after the key has gone back up
to the app.  When keys arrive together (a fast typist, a slow moment, keys sent in one
burst) the letters after the editing key are put in before it acts: "abc", backspace,
"d" gave "abc", the backspace deleting the "d".  Here the box runs its own binding for
such a key as it receives it, so the text is what was typed.

Tab is the same: it moves the focus only once it has gone up to the app, and the letters
typed after it are already queued for the box it left ("Sam" Tab "Sammy" saved the name
"SamSammy").  Here the box moves the focus as it receives the Tab, and passes any key that
reaches it after the focus has gone on to the control that has the focus now.
"""

from __future__ import annotations

from textual import events
from textual.actions import parse as parse_action
from textual.widget import Widget
from textual.widgets import Input, TextArea

# The keys that move the focus, as Textual's screens bind them, and the screen's method.
_FOCUS_KEYS = {"tab": "focus_next", "shift+tab": "focus_previous"}


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run ``widget``'s own binding for the key ``event`` now, in the widget's turn, instead
    of after the key has gone up to the app (behind the keys typed after it); whether it
    had one that applies."""
    bindings = widget._bindings.key_to_bindings.get(event.key)
    if not bindings or event.is_printable:
        return False
    binding = bindings[0]
    _, name, parameters = parse_action(binding.action)
    if widget.check_action(name, parameters) is False:
        return False
    event.stop()
    event.prevent_default()
    await widget.run_action(binding.action)
    return True


def pass_on(event: events.Key, to: Widget) -> None:
    """Stop the key ``event`` where it is and give it to ``to``, marked as passed on, so it
    is never passed on again: a key the control does not take goes its usual way."""
    event.stop()
    event.prevent_default()
    key = events.Key(event.key, event.character)
    key.passed_on = True  # type: ignore[attr-defined]
    to.post_message(key)


def pass_to_box(event: events.Key, focused: Widget | None) -> bool:
    """Pass a printable key that reached a screen on to the text box with the focus, and
    say whether it was: the key arrived at another control before an earlier key of the
    same burst (ctrl+n adding a row, "/", a Tab) moved the focus to that box.  A focused box
    takes every printable key itself, so one that reaches the screen was never its own."""
    if (
        event.is_printable
        and isinstance(focused, KeysInOrder)
        and not getattr(event, "passed_on", False)
    ):
        pass_on(event, focused)
        return True
    return False


class KeysInOrder:
    """Mixed into a text box before the Textual class: runs the box's own binding for an
    editing key in the box's turn, not after the keys that followed it."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused  # type: ignore[attr-defined]
        if focused is not None and focused is not self:
            # An earlier key of the same burst (a Tab, an Enter that moves on, a key that
            # opened a dialog) took the focus elsewhere: this key was typed for there.
            pass_on(event, focused)
            return
        move = _FOCUS_KEYS.get(event.key)
        if move is not None and getattr(self, "tab_behavior", "focus") == "focus":
            event.stop()
            event.prevent_default()
            getattr(self.screen, move)()  # type: ignore[attr-defined]
            return
        if await run_own_binding(self, event):  # type: ignore[arg-type]
            return
        await super()._on_key(event)  # type: ignore[misc]


class TextBox(KeysInOrder, Input):
    """Textual's one-line box, taking keys in the order they were typed."""


class WritingBox(KeysInOrder, TextArea):
    """Textual's many-line box, taking keys in the order they were typed."""

"""What every screen of the app shares: reloading after a change, and keys hidden when read-only."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events
from textual.screen import Screen

from sen_workbook.tui.widgets.footer import KeysInFirstFrame
from sen_workbook.tui.widgets.keys import pass_to_box

if TYPE_CHECKING:
    from sen_workbook.tui.app import SenWorkbookApp


# Actions that change the workbook: hidden from the footer (and the palette) of a window
# showing it read-only, where they could only say that they cannot be done.
CHANGE_ACTIONS = frozenset(
    {
        "add_child",
        "edit_child",
        "remove_child",
        "new_entry",
        "review_plan",
        "carry_plan",
        "edit",
        "delete",
        "attach",
        "restore",
        "import_emails",
        "empty",
    }
)


class WorkbookScreen(KeysInFirstFrame, Screen[None]):
    """A screen showing workbook records.

    The app counts its changes (``app.generation``).  A screen notes the count it last
    loaded at, so one uncovered again after a form or another screen changed something
    reloads once, and one that was not affected does not go back to the file at all.
    """

    def __init__(self) -> None:
        super().__init__()
        self.loaded_generation = -1
        # The theme the screen's widgets were styled in as they were mounted; None once
        # the screen has been shown (see on_screen_resume).
        self._styled_in: str | None = None

    @property
    def book_app(self) -> SenWorkbookApp:
        return cast("SenWorkbookApp", self.app)

    def changes_hidden(self, action: str) -> bool:
        """Whether ``action`` changes the workbook and this window may not change it."""
        return action in CHANGE_ACTIONS and self.book_app.workbook.read_only

    # Textual's own handler is a coroutine; this one, run first, needs no awaiting.
    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        # Textual sends a screen laid out for the first time a resize to the size it was
        # just laid out at, and the screen lays itself and every screen under it out
        # again, whole, and draws itself again: a tenth of opening a child.  A resize to
        # the size the screen is laid out at (its outer size; ``size`` is already the
        # terminal's new one) is dropped here, after the screen's own handlers, above
        # this one, have had it: Textual's, which would do that work, is skipped.
        if event.size == self.outer_size:
            event.prevent_default()

    def on_key(self, event: events.Key) -> None:
        # Letters typed in a burst with "/" reached the control that had the focus then
        # (the journal's list), which took none of them: they are the search's, never
        # one-letter commands.
        if pass_to_box(event, self.focused):
            return
        # A change key that reached the screen in a read-only window says why it does
        # nothing, instead of nothing at all.
        if not self.book_app.workbook.read_only:
            return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.action in CHANGE_ACTIONS:
                event.stop()
                self.app.notify(
                    self.book_app.workbook.read_only_reason,
                    title="Read-only: nothing can be changed here",
                    severity="warning",
                    markup=False,
                )
                return

    def reload(self) -> None:
        """Read the records this screen shows again and redraw it."""
        self.loaded_generation = self.book_app.generation

    def on_mount(self) -> None:
        self._styled_in = self.app.theme
        # A screen mounted under another (the children list, when the app reopens on a
        # child) is read when it is first uncovered.
        if self.app.screen is self:
            self.reload()

    def needs_reload(self) -> bool:
        """Whether what this screen shows is out of date: the workbook changed since."""
        return self.loaded_generation != self.book_app.generation

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual styles every widget of a screen again each time it is shown, the first
        # time included, when each has just been styled as it was mounted: 15 to 20 ms
        # for the child's screen, before its first frame.  Shown first in the theme it
        # was styled in, it is not styled again; shown again later, it is, as before.
        if self._styled_in is not None:
            if self._styled_in == self.app.theme:
                event.refresh_styles = False
            self._styled_in = None
        if self.app.screen is self and self.needs_reload():
            self.reload()

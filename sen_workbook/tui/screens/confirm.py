"""A yes/no question, answered with y or n (or the buttons), for deleting and discarding."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.footer import KeyFooter, KeysInFirstFrame


class ConfirmScreen(KeysInFirstFrame, ModalScreen[bool]):
    """Ask ``question``; dismisses with ``True`` for yes, ``False`` for no or escape.

    The question and detail are shown as plain text, so a title typed by the parent can
    be part of the question safely.  "No" has the focus, so a stray enter keeps things.
    """

    CSS_PATH = [stylesheet("forms.tcss")]
    AUTO_FOCUS = "#confirm-no"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(
        self, question: str, detail: str = "", *, yes: str = "Yes", no: str = "No"
    ) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(Content(self.question), id="confirm-question", markup=False)
            if self.detail:
                yield Static(Content(self.detail), id="confirm-detail", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(f"{self.yes_label} (y)"), id="confirm-yes", variant="error")
                yield Button(Content(f"{self.no_label} (n)"), id="confirm-no", variant="primary")
        yield KeyFooter()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

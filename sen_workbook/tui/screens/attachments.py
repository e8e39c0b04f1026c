"""The files of a saved entry, each change made at once (the entry screen's ``a``)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from sen_workbook import model
from sen_workbook.tui.forms.attachments import AttachmentsPanel
from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.footer import KeyFooter, KeysInFirstFrame
from sen_workbook.workbook import Workbook


class AttachmentsScreen(KeysInFirstFrame, ModalScreen[model.Entry | None]):
    """The files of a saved entry, changed at once; dismisses with the entry if changed."""

    CSS_PATH = [stylesheet("forms.tcss")]
    AUTO_FOCUS = ".attach-path"
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, workbook: Workbook, entry_id: str) -> None:
        super().__init__(classes="record-form")
        self.workbook = workbook
        self.entry_id = entry_id
        self.entry = workbook.entry(entry_id)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                Content(f"Files of “{self.entry['title']}”"), id="form-title", markup=False
            )
            reason = self.workbook.read_only_reason if self.workbook.read_only else ""
            message = Static(Content(reason), id="form-message", markup=False)
            message.display = bool(reason)
            yield message
            with VerticalScroll(id="form-body", can_focus=False):
                yield AttachmentsPanel(
                    self.entry["attachments"], workbook=self.workbook, entry_id=self.entry_id
                )
            with Horizontal(id="form-buttons"):
                yield Button("Close", id="form-close", variant="primary")
        yield KeyFooter()

    def action_close(self) -> None:
        panel = self.query_one(AttachmentsPanel)
        self.dismiss(self.workbook.entry(self.entry_id) if panel.changed else None)

    @on(Button.Pressed, "#form-close")
    def _close(self) -> None:
        self.action_close()

"""Emails in and dates out, from a child's workspace.

:class:`MailImportScreen` reads a ``.eml`` or ``.mbox`` file, lists the messages not yet in
the journal with a tick beside each, and adds the ticked ones in one save, as
``sen-workbook import FILE --child CHILD`` does.  :class:`CalendarScreen` writes the child's
upcoming dates to an ``.ics`` file, as ``sen-workbook calendar CHILD --out FILE`` does.
Both show a problem as one sentence in the dialog and change nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import get_current_worker

from sen_workbook import model
from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.footer import KeyFooter, KeysInFirstFrame
from sen_workbook.tui.widgets.keys import TextBox
from sen_workbook.workbook import Workbook, WorkbookError


def _first_name(child: model.Child) -> str:
    return (child.get("preferred_name") or child.get("name") or "the child").strip()


class MailImportScreen(KeysInFirstFrame, ModalScreen[int]):
    """Choose a mail file, tick the messages to keep, import them; dismisses with how many
    were imported (0 when left)."""

    CSS_PATH = [stylesheet("dialogs.tcss"), stylesheet("intake.tcss")]
    AUTO_FOCUS = "#mail-path"
    BINDINGS = [
        Binding("ctrl+s", "import_ticked", "Import ticked"),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, workbook: Workbook, child: model.Child, settings_file: Path) -> None:
        super().__init__()
        self.workbook = workbook
        self.child = child
        self.settings_file = settings_file
        self.found: list[Any] = []  # the MailItems read, in the list's order

    def compose(self) -> ComposeResult:
        from sen_workbook.settings import load_settings, my_addresses

        known = ", ".join(my_addresses(load_settings(self.settings_file)))
        with Vertical(id="mail-import", classes="dialog"):
            yield Static(
                Content(f"Import emails into {_first_name(self.child)}'s journal"),
                classes="dialog-title",
                markup=False,
            )
            yield Label("A .eml or .mbox file")
            yield TextBox(id="mail-path", placeholder="for example ~/Downloads/school.mbox")
            yield Label("Your own email addresses (emails from them are marked as sent)")
            yield TextBox(known, id="mail-me", placeholder="you@example.org")
            yield Static(
                "Enter reads the file. Space ticks or unticks a message; ctrl+s imports the "
                "ticked ones; escape leaves without importing.",
                classes="dialog-hint",
                markup=False,
            )
            yield Static("", id="mail-status", markup=False)
            yield SelectionList[int](id="mail-list")
        yield KeyFooter()

    def _say(self, text: str, *, problem: bool = False) -> None:
        status = self.query_one("#mail-status", Static)
        status.update(Content(text))
        status.set_class(problem, "problem")

    def _addresses(self) -> list[str]:
        text = self.query_one("#mail-me", Input).value
        return [a.strip() for a in re.split(r"[,;\s]+", text) if a.strip()]

    @on(Input.Submitted)
    def _read(self) -> None:
        from sen_workbook import mail

        given = self.query_one("#mail-path", Input).value.strip()
        self.query_one("#mail-list", SelectionList).clear_options()
        self.found = []
        if not given:
            self._say("Type the path of a .eml or .mbox file first.", problem=True)
            return
        path = Path(given).expanduser()
        # The workbook is read here, on the app's thread; the file in the background, as a
        # mailbox of thousands of messages takes seconds.
        known = mail.stored_message_ids(self.workbook.stored_entries(self.child["id"]))
        self._say(f"Reading {path.name}…")
        self._read_in_background(path, self._addresses(), known)

    @work(thread=True, exclusive=True, group="mail-read", description="reading the emails")
    def _read_in_background(self, path: Path, addresses: list[str], known: set[str]) -> None:
        from sen_workbook import mail

        try:
            read = mail.read_mail(path, self.child["id"], my_addresses=addresses, known_ids=known)
        except mail.MailError as error:
            self.app.call_from_thread(
                self._say, f"{str(error).rstrip('.')}; nothing was imported.", problem=True
            )
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_found, read, path)

    def _show_found(self, read: Any, path: Path) -> None:
        from sen_workbook import mail

        listing = self.query_one("#mail-list", SelectionList)
        self.found = read.new
        listing.add_options(
            Selection(Content(mail.preview_line(item)), number, True)
            for number, item in enumerate(read.new)
        )
        already = f" ({read.already} already in the journal)" if read.already else ""
        if not read.new:
            self._say(f"No new emails in {path.name}{already}.")
            return
        self._say(
            f"{len(read.new)} new emails in {path.name}{already}, all ticked. "
            "Untick any to leave out, then press ctrl+s."
        )
        listing.highlighted = 0
        listing.focus()

    def action_import_ticked(self) -> None:
        from sen_workbook.settings import remember_addresses

        ticked = sorted(self.query_one("#mail-list", SelectionList).selected)
        if not ticked:
            self._say("No email is ticked, so there is nothing to import.", problem=True)
            return
        items = [self.found[number] for number in ticked]
        try:
            self.workbook.add_entries(
                [item.entry for item in items],
                [content for item in items for content in item.files],
            )
        except model.ModelError as error:
            self._say(" ".join(error.problems), problem=True)
            return
        except WorkbookError as error:
            self._say(str(error), problem=True)
            return
        addresses = self._addresses()
        if addresses:
            try:
                remember_addresses(self.settings_file, addresses)
            except WorkbookError:
                pass  # a convenience only: the emails are saved
        self.dismiss(len(items))

    def action_leave(self) -> None:
        self.dismiss(0)


class CalendarScreen(KeysInFirstFrame, ModalScreen[str]):
    """Write the child's upcoming dates to an .ics file; dismisses with a sentence saying
    what was written ("" when left)."""

    CSS_PATH = [stylesheet("dialogs.tcss"), stylesheet("intake.tcss")]
    AUTO_FOCUS = "#calendar-path"
    BINDINGS = [
        Binding("ctrl+s", "write", "Write the file"),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(
        self, workbook: Workbook, child: model.Child, entries: list[model.Entry], today: Any
    ) -> None:
        super().__init__()
        self.workbook = workbook
        self.child = child
        self.entries = entries
        self.today = today

    def _default_path(self) -> str:
        name = re.sub(r"[^\w-]+", "-", _first_name(self.child)).strip("-").lower() or "child"
        return str(Path.home() / f"{name}-sen-dates.ics")

    def compose(self) -> ComposeResult:
        with Vertical(id="calendar-export", classes="dialog"):
            yield Static(
                Content(f"Put {_first_name(self.child)}'s dates in your calendar"),
                classes="dialog-title",
                markup=False,
            )
            yield Static(
                "Every date still to come (deadlines, reviews, actions, replies due) as all-day "
                "events with a reminder three days before. Open the file with Google Calendar, "
                "Apple Calendar, Outlook or Thunderbird; importing it again updates the events. "
                "Enter or ctrl+s writes the file.",
                classes="dialog-hint",
                markup=False,
            )
            yield Label("Save the calendar file as")
            yield TextBox(self._default_path(), id="calendar-path")
            yield Checkbox("Replace the file if it is already there", id="calendar-replace")
            yield Static("", id="calendar-status", markup=False)
        yield KeyFooter()

    @on(Input.Submitted, "#calendar-path")
    def action_write(self) -> None:
        from sen_workbook.family_calendar import calendar_bytes

        given = self.query_one("#calendar-path", Input).value.strip()
        status = self.query_one("#calendar-status", Static)
        if not given:
            status.update("Type where to save the calendar file.")
            return
        content = calendar_bytes(self.child, self.entries, self.today)
        try:
            out = self.workbook.write_output(
                Path(given).expanduser(),
                content,
                overwrite=self.query_one("#calendar-replace", Checkbox).value,
                suffix=".ics",
            )
        except WorkbookError as error:
            status.update(Content(str(error)))
            status.add_class("problem")
            return
        events = content.count(b"BEGIN:VEVENT")
        self.dismiss(f"Wrote {events} date{'s' if events != 1 else ''} to {out}.")

    def action_leave(self) -> None:
        self.dismiss("")

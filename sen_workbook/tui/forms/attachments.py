"""The files of an entry: a report, a letter, a saved email, a photo of work.

:class:`AttachmentsPanel` lists an entry's files and adds one by its path, checked
before anything is done with it.  Inside the entry form it only remembers the choices,
which are carried out when the entry is saved (a new entry has nowhere to attach a file
until then).  The attachments screen (``tui/screens/attachments.py``) uses the same
panel on a saved entry and makes each change at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from sen_workbook import model
from sen_workbook.tui.forms import values
from sen_workbook.tui.screens.confirm import ConfirmScreen
from sen_workbook.tui.screens.paths import FilePicker, PathSuggester
from sen_workbook.tui.widgets.keys import TextBox
from sen_workbook.workbook import Workbook, WorkbookError


class FileRow(Horizontal):
    """One file: its name, size and description, and a button to remove it."""

    def __init__(self, text: str, key: str) -> None:
        super().__init__(classes="file-row")
        self.text = text
        self.key = key

    def compose(self) -> ComposeResult:
        yield Static(Content(self.text), classes="file-text", markup=False)
        yield Button("Remove", classes="file-remove", compact=True)


class AttachmentsPanel(Vertical):
    """An entry's files and a way to add one by its path.

    With ``workbook`` and ``entry_id`` each change is saved at once; without them the
    panel only remembers what to attach (``pending``) and which stored files to take off
    (``removed``), for the entry form to carry out when it saves.
    """

    def __init__(
        self,
        attachments: list[model.Attachment],
        *,
        workbook: Workbook | None = None,
        entry_id: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(classes="attachments-panel", id=id)
        self.kept = [a.copy() for a in attachments]
        self.pending: list[tuple[Path, str]] = []
        self.workbook = workbook
        self.entry_id = entry_id
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Vertical(classes="files")
        yield Static(Content("No files attached."), classes="files-empty", markup=False)
        with Vertical(classes="attach-new"):
            yield Label(
                "File to attach: type its path (\u2192 completes), or choose files",
                classes="cell-label",
            )
            yield TextBox(
                placeholder="e.g. ~/Documents/letter from school.pdf",
                classes="attach-path",
                suggester=PathSuggester(),
            )
            yield Label("What it is (optional)", classes="cell-label")
            yield TextBox(
                placeholder="e.g. Speech and language report", classes="attach-description"
            )
            # The buttons after both boxes, so Tab goes from the path to what it is (a
            # space typed there never presses a button).
            with Horizontal(classes="attach-buttons"):
                yield Button("Attach file", classes="attach-add", compact=True)
                yield Button("Choose files\u2026", classes="attach-choose", compact=True)
            yield Static("", classes="attach-problem", markup=False)

    async def on_mount(self) -> None:
        await self.show_files()

    def raw_value(self) -> Any:
        return (tuple(a["sha256"] for a in self.kept), tuple((str(p), d) for p, d in self.pending))

    def kept_attachments(self) -> list[model.Attachment]:
        return [a.copy() for a in self.kept]

    async def show_files(self) -> None:
        box = self.query_one(".files", Vertical)
        await box.remove_children()
        rows = [
            FileRow(self._describe(a["filename"], a["size"], a["description"]), a["sha256"])
            for a in self.kept
        ]
        for path, description in self.pending:
            size = path.stat().st_size if path.exists() else 0
            text = self._describe(path.name, size, description) + " (attached when you save)"
            rows.append(FileRow(text, f"pending:{path}"))
        await box.mount_all(rows)
        self.query_one(".files-empty").display = not rows

    @staticmethod
    def _describe(filename: str, size: int, description: str) -> str:
        text = f"{filename}, {values.file_size(size)}"
        return f"{text}: {description}" if description else text

    def show_problem(self, text: str) -> None:
        self.query_one(".attach-problem", Static).update(Content(text))
        self.set_class(bool(text), "-has-problem")

    @on(Input.Submitted, ".attach-path, .attach-description")
    @on(Button.Pressed, ".attach-add")
    async def _add(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        path_input = self.query_one(".attach-path", Input)
        describe = self.query_one(".attach-description", Input)
        path = values.typed_path(path_input.value)
        problem = (
            self._add_path(path, describe.value.strip())
            if path_input.value.strip()
            else "Type the path of a file to attach, or choose files."
        )
        self.show_problem(problem or "")
        if problem is None:
            path_input.value = ""
            describe.value = ""
            await self.show_files()
            path_input.focus()

    def _add_path(self, path: Path, description: str) -> str | None:
        """Attach ``path`` (or remember it, in a form): None, or why it cannot be."""
        problem = values.file_problem(path)
        if problem is None and any(p.resolve() == path.resolve() for p, _ in self.pending):
            problem = f"{path.name} is already chosen."
        if problem is None and self.workbook is not None:
            problem = self._attach_now(path, description)
        elif problem is None:
            self.pending.append((path, description))
        return problem

    @on(Button.Pressed, ".attach-choose")
    def _choose_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.choose_files()

    @work(exclusive=True, group="attachments-choose")
    async def choose_files(self) -> None:
        """Pick files in a folder tree; each is attached with the description typed."""
        chosen = await self.app.push_screen_wait(FilePicker())
        if not chosen:
            return
        describe = self.query_one(".attach-description", Input)
        problems = [
            found
            for found in (self._add_path(path, describe.value.strip()) for path in chosen)
            if found
        ]
        self.show_problem(" ".join(problems))
        if len(problems) < len(chosen):
            describe.value = ""
        await self.show_files()

    def _attach_now(self, path: Path, description: str) -> str | None:
        assert self.workbook is not None
        try:
            attachment = self.workbook.add_attachment(self.entry_id, path, description)
        except WorkbookError as error:
            return str(error)
        self.kept.append(attachment)
        self.changed = True
        return None

    @on(Button.Pressed, ".file-remove")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.parent
        if isinstance(row, FileRow):
            self._remove(row.key, row.text)

    @work(exclusive=True, group="attachments-remove")
    async def _remove(self, key: str, text: str) -> None:
        if key.startswith("pending:"):
            self.pending = [(p, d) for p, d in self.pending if f"pending:{p}" != key]
        elif self.workbook is not None:
            sure = await self.app.push_screen_wait(
                ConfirmScreen(
                    "Remove this file from the entry?",
                    text,
                    yes="Remove",
                    no="Keep",
                )
            )
            if not sure:
                return
            try:
                self.workbook.remove_attachment(self.entry_id, key)
            except WorkbookError as error:
                self.show_problem(str(error))
                return
            self.kept = [a for a in self.kept if a["sha256"] != key]
            self.changed = True
        else:
            self.kept = [a for a in self.kept if a["sha256"] != key]
        self.show_problem("")
        await self.show_files()

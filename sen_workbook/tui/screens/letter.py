"""Letters in the app: choose one, edit it, then copy it, export it or record it as sent.

The letter is written by :mod:`sen_workbook.letters` from the same facts as the overview
and the timeline, and opens filled in, in a ``TextArea``.  Whatever the parent changes is
what is copied, exported or recorded: once recorded, it is a ``correspondence`` or
``request`` entry in the journal, so the deadlines that follow start.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from sen_workbook import letters, model, vocabulary
from sen_workbook.child_facts import child_label
from sen_workbook.letters.document import joined, long_date
from sen_workbook.tui.screens.base import WorkbookScreen
from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.banner import read_only_banner
from sen_workbook.tui.widgets.footer import KeyFooter, KeysInFirstFrame
from sen_workbook.tui.widgets.header import TitleHeader
from sen_workbook.tui.widgets.keys import TextBox, WritingBox
from sen_workbook.workbook import WorkbookError

# The formats a letter can be exported in, by the file name's ending.
EXPORT_FORMATS = (".txt", ".md", ".pdf")


class LetterPicker(KeysInFirstFrame, ModalScreen[str | None]):
    """Which letter to write: the nine types, with whom each goes to; 1 to 9 choose."""

    CSS_PATH = [stylesheet("dialogs.tcss"), stylesheet("letter.tcss")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # In the footer once, for all nine: "1-9 Choose".
        Binding("1", "choose(1)", "Choose", key_display="1-9"),
        *(Binding(str(number), f"choose({number})", show=False) for number in range(2, 10)),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="letter-picker", classes="dialog"):
            yield Static("Which letter do you want to write?", classes="dialog-title")
            options = []
            for number, kind in enumerate(letters.LETTER_TYPES.values(), 1):
                prompt = Text(f"{number} ")
                prompt.append(kind.label, style="bold")
                prompt.append(f" \u2014 {kind.summary}", style="dim")
                options.append(Option(prompt, id=kind.key))
            yield OptionList(*options, id="letter-list")
            yield Static(
                "It opens filled in from the records, for you to edit.", classes="dialog-hint"
            )
        # Its own keys, not those of the screen behind, which do nothing here.
        yield KeyFooter()

    @on(OptionList.OptionSelected, "#letter-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_choose(self, number: int) -> None:
        self.dismiss(list(letters.LETTER_TYPES)[number - 1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportAsk(KeysInFirstFrame, ModalScreen[str | None]):
    """Where to save the letter: a file name ending .txt or .md."""

    CSS_PATH = [stylesheet("dialogs.tcss"), stylesheet("letter.tcss")]
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggested: str) -> None:
        super().__init__()
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="letter-export", classes="dialog"):
            yield Static(
                "Save the letter as (a name ending " + " or ".join(EXPORT_FORMATS) + "):",
                classes="dialog-title",
            )
            yield TextBox(self.suggested, id="letter-export-path")
            yield Static("", id="letter-export-problem", classes="dialog-hint", markup=False)
            yield Static("enter saves, escape cancels", classes="dialog-hint")
        # Its own keys, not those of the letter behind, which do nothing here.
        yield KeyFooter()

    @on(Input.Submitted, "#letter-export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if Path(typed).suffix.lower() not in EXPORT_FORMATS:
            self.query_one("#letter-export-problem", Static).update(
                Text(f"{typed or 'The name'} must end in " + " or ".join(EXPORT_FORMATS) + ".")
            )
            return
        self.dismiss(typed)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NameAsk(KeysInFirstFrame, ModalScreen[str | None]):
    """The parent's name, to sign this letter and the next ones with."""

    CSS_PATH = [stylesheet("dialogs.tcss"), stylesheet("letter.tcss")]
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, known: str) -> None:
        super().__init__()
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical(id="letter-export", classes="dialog"):
            yield Static(
                "Your name, to sign your letters with (kept for the next ones):",
                classes="dialog-title",
            )
            yield TextBox(self.known, id="letter-name", placeholder="e.g. Jo Test")
            yield Static("enter keeps it, escape cancels", classes="dialog-hint")
        # Its own keys, not those of the letter behind, which do nothing here.
        yield KeyFooter()

    @on(Input.Submitted, "#letter-name")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(" ".join(event.value.split()) or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


# How the letter screen tells the parent to sign, after "The letter is signed ...: ".
HOW_TO_SIGN = "press ctrl+n to add your name (kept for your next letters), or write it in."


class LetterScreen(WorkbookScreen):
    """A letter, filled in, to edit; then copy it, export it or record it as sent."""

    TITLE = "SEN Workbook"
    CSS_PATH = [stylesheet("letter.tcss")]
    AUTO_FOCUS = "#letter-text"
    BINDINGS = [
        Binding("ctrl+s", "record", "Record as sent"),
        Binding("ctrl+o", "export", "Export"),
        Binding("ctrl+t", "copy_letter", "Copy all"),
        Binding("ctrl+n", "sign", "Your name"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, child: model.Child, letter: letters.Letter) -> None:
        super().__init__()
        self.child = child
        self.letter = letter
        self.written = letters.plain_text(letter)
        self.recorded: model.Entry | None = None  # the entry, once recorded as sent

    def compose(self) -> ComposeResult:
        kind = letters.LETTER_TYPES[self.letter.letter_type]
        yield TitleHeader()
        yield from read_only_banner(self.book_app.workbook)
        heading = Text(kind.label, style="bold")
        heading.append(f" \u00b7 to {joined(self.letter.to)}")
        yield Static(heading, id="letter-heading", markup=False)
        yield WritingBox(self.written, id="letter-text", soft_wrap=True, tab_behavior="focus")
        yield Static(self._what_recording_does(), id="letter-status", markup=False)
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = child_label(self.child)

    def _what_recording_does(self) -> Text:
        record = self.letter.record
        if record.kind == "request":
            kind = vocabulary.REQUEST_LABELS.get(record.fields.get("request_type", ""), "request")
            what = f"a formal request ({kind}), whose statutory deadlines start from then"
        else:
            what = "a letter sent, in the journal"
            reply = record.fields.get("reply_due")
            if reply:
                what += f", with a reply due by {reply}"
        said = (
            f"ctrl+s records it as sent on {long_date(self.letter.day)}: {what}. "
            "ctrl+o exports it to a file; ctrl+t copies it all."
        )
        unsigned = letters.unsigned_warning(self.written, HOW_TO_SIGN)
        return Text(f"{unsigned}\n{said}" if unsigned else said)

    @property
    def text(self) -> str:
        """The letter as it stands in the editor."""
        return self.query_one("#letter-text", TextArea).text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "record":
            return self.recorded is None
        return True

    # --- actions -----------------------------------------------------------------------

    def _say(self, message: str) -> None:
        self.query_one("#letter-status", Static).update(Text(message))

    def action_copy_letter(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self._say("The whole letter is copied: paste it into an email or a document.")
        self.app.notify("Letter copied.", markup=False)

    @work(exclusive=True, group="letter")
    async def action_sign(self) -> None:
        """Ask the parent's name once, keep it for later letters, and sign this one."""
        from sen_workbook.settings import PARENT_NAME, parent_name, remember_parent_name

        book_app = self.book_app
        name = await self.app.push_screen_wait(NameAsk(parent_name(book_app.settings)))
        if not name:
            return
        book_app.settings[PARENT_NAME] = name  # the next letters, in this window too
        try:
            remember_parent_name(book_app.settings_file, name)
        except WorkbookError as error:
            self.app.notify(
                error.sentence,
                severity="warning",
                markup=False,
            )
        area = self.query_one("#letter-text", TextArea)
        if letters.UNSIGNED in area.text:
            area.text = area.text.replace(letters.UNSIGNED, name)
        self.written = self.written.replace(letters.UNSIGNED, name)
        self.letter = self.letter._replace(signed=name)
        self._say(f"The letter is signed {name}; your next letters will be too.")

    async def _unsigned_anyway(self, doing: str) -> bool:
        """Whether to go on with a letter still signed with the placeholder: the parent
        is asked, and told how to sign it if they say no."""
        from sen_workbook.tui.screens.confirm import ConfirmScreen

        unsigned = letters.unsigned_warning(self.text, HOW_TO_SIGN)
        if unsigned is None:
            return True
        go_on = await self.app.push_screen_wait(
            ConfirmScreen(unsigned, f"{doing} it unsigned anyway?", yes=doing, no="Not yet")
        )
        if not go_on:
            self._say(unsigned)
        return bool(go_on)

    @work(exclusive=True, group="letter")
    async def action_export(self) -> None:
        if not await self._unsigned_anyway("Export"):
            return
        name = f"~/letter-{self.letter.letter_type.replace('_', '-')}-{self.letter.day}.txt"
        typed = await self.app.push_screen_wait(ExportAsk(name))
        if not typed:
            return
        overwrite = False
        if Path(typed).expanduser().exists():
            from sen_workbook.tui.screens.confirm import ConfirmScreen

            overwrite = await self.app.push_screen_wait(
                ConfirmScreen(f"{typed} already exists. Replace it with this letter?")
            )
            if not overwrite:
                self._say("Nothing was saved; choose another name to keep both.")
                return
        text = self.text
        suffix = Path(typed).suffix.lower()
        if suffix == ".md":
            # Unchanged, the letter's own Markdown; edited, the parent's text made inert.
            content = (
                letters.markdown(self.letter)
                if text == self.written
                else letters.markdown_of_text(text)
            ).encode("utf-8")
        elif suffix == ".pdf":
            content = letters.pdf(text, joined(self.letter.subject), self.letter.day)
        else:
            content = (text if text.endswith("\n") else text + "\n").encode("utf-8")
        try:
            written = self.book_app.workbook.export_letter(
                self.child, typed, content, overwrite=overwrite
            )
        except WorkbookError as error:
            self._say(f"Nothing was saved: {error}")
            self.app.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self._say(f"Saved the letter to {written}")
        self.app.notify(f"Letter saved to {written}", title="Exported", markup=False)

    @work(exclusive=True, group="letter")
    async def action_record(self) -> None:
        from sen_workbook.tui.screens.confirm import ConfirmScreen

        if self.recorded is not None or not self.book_app.can_change():
            return
        if not await self._unsigned_anyway("Record"):
            return
        record = self.letter.record
        what = "a formal request" if record.kind == "request" else "a letter sent"
        sure = await self.app.push_screen_wait(
            ConfirmScreen(
                f"Record this letter as sent on {long_date(self.letter.day)}?",
                f"It goes into the journal as {what}, with the text as it is now.",
                yes="Record",
                no="Not yet",
            )
        )
        if not sure:
            return
        entry = self.book_app.record_letter(self.letter, self.child["id"], self.text)
        if entry is None:
            return
        self.recorded = entry
        self.refresh_bindings()
        self._say(
            f"Recorded as sent on {long_date(self.letter.day)}: "
            f"\u201c{entry['title']}\u201d is in the journal."
        )
        self.app.notify("Recorded as sent.", title="Saved", markup=False)

    @work(exclusive=True, group="letter")
    async def action_back(self) -> None:
        if self.recorded is None and self.text != self.written:
            from sen_workbook.tui.screens.confirm import ConfirmScreen

            leave = await self.app.push_screen_wait(
                ConfirmScreen(
                    "Leave the letter? Your changes are not kept.",
                    "Export it (ctrl+o) or record it as sent (ctrl+s) to keep it.",
                    yes="Leave",
                    no="Stay",
                )
            )
            if not leave:
                return
        self.app.pop_screen()

"""What the entry form and the child form share: saving, checking, and never losing typing.

A form is a modal screen that saves itself.  ctrl+s checks every field, then the whole
record with the model's own validation, and shows every problem at once beside its
field (or at the top when it belongs to no field).  Only a record with no problems is
passed to the workbook; if saving fails there (read-only, disk full, no permission) the
form stays open with everything typed and says why.  Escape with unsaved changes asks
before anything typed is thrown away.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static

from sen_workbook import model
from sen_workbook.tui.forms.fields import Field, raw_value
from sen_workbook.tui.forms.items import ItemList
from sen_workbook.tui.forms.values import Problems
from sen_workbook.tui.screens.confirm import ConfirmScreen
from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.footer import KeyFooter, KeysInFirstFrame
from sen_workbook.tui.widgets.keys import pass_to_box
from sen_workbook.workbook import Workbook, WorkbookError

# Below this many columns labels go above their fields instead of beside them.
NARROW_WIDTH = 96

# Controls that can be drawn without a frame (Textual's "compact" style).
COMPACT_CONTROLS = "Input, Select, TextArea, SelectionList, Checkbox"

# The model names a record by its title in its sentences; the form checks a copy with
# this neutral title so that no typed text can be mistaken for a field's name.
NEUTRAL_TITLE = "record"


class SaveFailed(Exception):
    """Saving stopped part way; the message says what was saved and what was not."""


# The record a form saves and dismisses with: a child or an entry.
RecordT = TypeVar("RecordT", model.Child, model.Entry)


class RecordForm(KeysInFirstFrame, ModalScreen[RecordT | None]):
    """A form for one record; subclasses say which fields it has and how it is saved."""

    CSS_PATH = [stylesheet("forms.tcss")]
    AUTO_FOCUS = ""  # the form chooses (first_focus); each focus change restyles a subtree
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, workbook: Workbook) -> None:
        super().__init__(classes="record-form")
        self.workbook = workbook
        self.fields: dict[str, Field] = {}
        self._initial: Any = None

    def on_key(self, event: events.Key) -> None:
        # Letters typed in a burst with a key that moved the focus into a box (ctrl+n on
        # "Add a row") reached the control that had the focus then, which took none of
        # them: they belong in the box.
        pass_to_box(event, self.focused)

    # --- what a subclass provides --------------------------------------------------

    def heading(self) -> str:
        raise NotImplementedError

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def collect(self, problems: Problems) -> dict[str, Any]:
        """The record's fields as typed, adding what is wrong with them to ``problems``."""
        raise NotImplementedError

    def model_problems(self, fields: Mapping[str, Any]) -> list[str]:
        """The model's problems with the record these fields would make."""
        raise NotImplementedError

    def store(self, fields: dict[str, Any]) -> RecordT:
        """Save the record through the workbook and return it as saved."""
        raise NotImplementedError

    def first_focus(self) -> Widget | None:
        return None

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.heading()), id="form-title", markup=False)
            yield Static("", id="form-message", markup=False)
            # Not focusable itself: tab goes from field to field, which scrolls the form.
            with VerticalScroll(id="form-body", can_focus=False):
                yield from self.compose_fields()
            with Horizontal(id="form-buttons"):
                yield Button("Save  ctrl+s", id="form-save", variant="primary")
                yield Button("Cancel  esc", id="form-cancel")
        yield KeyFooter()

    def field(
        self,
        name: str,
        label: str,
        control: Widget,
        *,
        hint: str = "",
        required: bool = False,
        block: bool = False,
    ) -> Field:
        """A labelled control for the record's field ``name``, remembered by the form."""
        shown = Field(name, label, control, hint=hint, required=required)
        if block:
            shown.add_class("-block")
        self.fields[name] = shown
        return shown

    def on_mount(self) -> None:
        self.fit_width(self.app.size.width)
        if self.workbook.read_only:
            self.show_message(
                self.workbook.read_only_reason
                + " You can still type here, but saving will not work.",
                warning=True,
            )
        else:
            self.show_message("")
        first = self.first_focus()
        if first is not None:
            first.focus()
        # The rows of lists are mounted after this, so the snapshot waits for them.
        self.call_after_refresh(self._remember_state)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_width(event.size.width)

    def fit_width(self, width: int) -> None:
        """On a narrow terminal, labels go above fields and controls lose their frames,
        so that more of the form fits on the screen at once."""
        narrow = width < NARROW_WIDTH
        # Nothing to do on the resize that follows the first layout and the like; a wide
        # first fit has nothing to do either, as controls start with their frames.
        if narrow == self.has_class("-narrow"):
            return
        self.set_class(narrow, "-narrow")
        for control in self.query(COMPACT_CONTROLS):
            control.compact = narrow  # type: ignore[attr-defined]

    def show_message(self, text: str, *, warning: bool = False) -> None:
        message = self.query_one("#form-message", Static)
        message.update(Content(text))
        message.display = bool(text)
        message.set_class(warning, "-warning")

    # --- unsaved changes -----------------------------------------------------------

    def raw_state(self) -> Any:
        """Everything typed, to notice a change since the form opened or last saved."""
        return tuple((name, raw_value(f.control)) for name, f in self.fields.items())

    def _remember_state(self) -> None:
        self._initial = self.raw_state()

    def has_changes(self) -> bool:
        return self._initial is not None and self.raw_state() != self._initial

    def mark_unsaved(self) -> None:
        """Something is still to be saved even if the fields look as they did."""
        self._initial = ()

    def action_cancel(self) -> None:
        if not self.has_changes():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Discard changes?",
                "What you typed in this form has not been saved.",
                yes="Discard",
                no="Keep editing",
            ),
            answered,
        )

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#form-save")
    async def _save_pressed(self) -> None:
        await self.action_save()

    # --- saving --------------------------------------------------------------------

    async def action_save(self) -> None:
        problems = Problems()
        fields = self.collect(problems)
        lists = [name for name, f in self.fields.items() if isinstance(f.control, ItemList)]
        problems.add_model(self.model_problems(fields), self.labels(), lists)
        if problems:
            self.show_problems(problems)
            return
        try:
            saved = self.store(fields)
        except model.ModelError as error:
            problems.add_model(error.problems, self.labels(), lists)
            self.show_problems(problems)
            return
        except SaveFailed as error:
            self.show_problems(Problems())
            self.show_message(str(error), warning=True)
            return
        except WorkbookError as error:
            self.show_problems(Problems())
            reason = _reason(error)
            if "nothing was saved" not in reason.lower():
                reason = f"Not saved: {reason}"
            self.show_message(f"{reason} Everything you typed is still here.", warning=True)
            return
        self.dismiss(saved)

    def labels(self) -> dict[str, str]:
        return {name: f.label for name, f in self.fields.items()}

    def show_problems(self, problems: Problems) -> None:
        """Show every problem beside its field and a summary at the top."""
        first: Field | None = None
        for name, shown in self.fields.items():
            found = problems.fields.get(name, [])
            shown.show_problems(found)
            if isinstance(shown.control, ItemList):
                rows = problems.rows.get(name, {})
                shown.control.show_problems(rows)
                if rows and first is None:
                    first = shown
            if found and first is None:
                first = shown
        if not problems:
            self.show_message("")
            return
        count = problems.count()
        lines = [
            "Nothing was saved: there is 1 problem to put right."
            if count == 1
            else f"Nothing was saved: there are {count} problems to put right."
        ]
        if problems.fields or problems.rows:
            lines.append("Each is shown beside its field below.")
        lines.extend(problems.general)
        self.show_message("\n".join(lines), warning=True)
        if first is not None:
            first.scroll_visible()
            control = first.control
            if isinstance(control, ItemList):
                marked = [row for row in control.rows if row.has_class("-has-problem")]
                if marked:
                    marked[0].focus_first()
            elif control.focusable:
                control.focus()
            else:  # a date with its time: the first box of it
                inner = next((w for w in control.query("*") if w.focusable), None)
                if inner is not None:
                    inner.focus()

    def recheck(self, name: str) -> None:
        """Check the whole record again and show ``name``'s problems as they are now, so
        a message goes as soon as its field is put right (others stay until saving)."""
        problems = Problems()
        fields = self.collect(problems)
        lists = [n for n, f in self.fields.items() if isinstance(f.control, ItemList)]
        problems.add_model(self.model_problems(fields), self.labels(), lists)
        shown = self.fields.get(name)
        if shown is None:
            return
        shown.show_problems(problems.fields.get(name, []))
        if isinstance(shown.control, ItemList):
            shown.control.show_problems(problems.rows.get(name, {}))
        if not problems:
            self.show_message("")


def _reason(error: WorkbookError) -> str:
    """What went wrong, as the workbook's one sentence, ending in a full stop."""
    text = error.sentence.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """Only the fields whose values differ, so an untouched field is not rewritten."""
    return {name: value for name, value in after.items() if before.get(name) != value}


def neutral(record: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """A copy to validate with the naming fields replaced, when they are not empty."""
    copy = dict(record)
    for name in names:
        if isinstance(copy.get(name), str) and copy[name].strip():
            copy[name] = NEUTRAL_TITLE
    return copy

"""The controls the forms are built from: dates, times, choices, areas, names, long text.

Each control reads back the value the record stores (``record_value``) and its raw
state for noticing unsaved changes (``raw_value``), so a form never needs to know how
each widget keeps its value.  A :class:`Field` puts a label above or beside a control
and shows, under it, every problem found with what was typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.validation import ValidationResult
from textual.widget import Widget
from textual.widgets import (
    Checkbox,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from sen_workbook import model, vocabulary
from sen_workbook.tui.forms import values
from sen_workbook.tui.widgets.dates import DateValidator, date_problem, typed_text
from sen_workbook.tui.widgets.keys import TextBox, WritingBox
from sen_workbook.tui.widgets.masked import MaskedInput

TARGET_AREA_LABELS: dict[str, str] = {"": "No area given", **vocabulary.AREA_LABELS}

assert set(vocabulary.RESULT_LABELS) == set(model.RESULTS)
assert set(vocabulary.IMPLEMENTED_LABELS) == set(model.IMPLEMENTED)
assert set(vocabulary.DIRECTION_LABELS) == set(model.DIRECTIONS)


class DateInput(MaskedInput):
    """A date typed as YYYY-MM-DD: the dashes come by themselves, only digits go in."""

    TEMPLATE = "9999-99-99"

    def __init__(
        self,
        value: str = "",
        *,
        label: str = "Date",
        required: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        self.required = required
        self.label = label
        super().__init__(
            template=self.TEMPLATE,
            value=value,
            placeholder="YYYY-MM-DD",
            validators=[DateValidator(label, required=required)],
            validate_on=["blur"],
            id=id,
            classes=classes,
        )
        self.add_class("date-input")

    @staticmethod
    def typed(value: str) -> str:
        """What was typed, "" when only the dashes are there."""
        return typed_text(value)

    def validate(self, value: str) -> ValidationResult | None:
        # An optional date left empty is complete, whatever the mask thinks.
        if not self.required and not self.typed(value):
            self._valid = True
            self.set_class(False, "-invalid")
            self.set_class(True, "-valid")
            return ValidationResult.success()
        return super().validate(value)

    def record_value(self) -> str:
        return self.typed(self.value)

    def raw_value(self) -> Any:
        return self.record_value()

    def problem(self) -> str | None:
        """What is wrong with the date typed, shown as soon as the parent moves on."""
        return date_problem(self.record_value(), self.label, required=self.required)


class TimeInput(MaskedInput):
    """An optional time of day typed as HH:MM."""

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(
            template="99:99", value=value, placeholder="HH:MM", validate_on=["blur"], id=id
        )
        self.add_class("time-input")

    def validate(self, value: str) -> ValidationResult | None:
        if not self.record_value():
            self._valid = True
            self.set_class(False, "-invalid")
            return ValidationResult.success()
        return super().validate(value)

    def record_value(self) -> str:
        return "" if not self.value.replace(":", "").strip() else self.value.strip()

    def problem(self) -> str | None:
        time = self.record_value()
        if not time:
            return None
        try:
            # Any real day will do: only the time of day is being checked.
            model.parse_date(f"2000-01-01 {time}", "time", allow_time=True)
        except ValueError:
            return (
                f"Time {time!r} is not a time of day: write it as HH:MM on the "
                "24-hour clock, e.g. 09:30 or 14:05."
            )
        return None

    def raw_value(self) -> Any:
        return self.record_value()


class DateAndTime(Horizontal):
    """An entry's day, and the time of day when it matters (a call, being sent home)."""

    def __init__(self, day: str, time: str) -> None:
        super().__init__(classes="date-and-time")
        self.day = DateInput(day, label="Date", required=True, id="date")
        self.time = TimeInput(time, id="time")

    def compose(self) -> ComposeResult:
        yield self.day
        yield Label("at", classes="date-at")
        yield self.time
        yield Label("(time optional)", classes="date-at field-hint")

    def record_value(self) -> tuple[str, str]:
        return self.day.record_value(), self.time.record_value()

    def problem(self) -> str | None:
        return self.day.problem() or self.time.problem()

    def raw_value(self) -> Any:
        return self.record_value()


class TextInput(TextBox):
    """One line of text, stored as typed."""

    def __init__(
        self,
        value: str = "",
        *,
        placeholder: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(value=value, placeholder=placeholder, id=id, classes=classes)

    def record_value(self) -> str:
        return self.value

    def raw_value(self) -> Any:
        return self.value


class NamesInput(TextBox):
    """People as one line, separated by commas; read back as a list of names."""

    def __init__(self, names: Sequence[str] = (), *, id: str | None = None) -> None:
        self.original = list(names)
        super().__init__(
            value=values.join_names(self.original),
            placeholder="Names and roles, separated by commas",
            id=id,
        )

    def record_value(self) -> list[str]:
        return values.names_from_text(self.value, self.original)

    def raw_value(self) -> Any:
        return self.value


class NumberInput(TextBox):
    """A number such as days lost; checked when the form is saved."""

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        # Not type="number": that drops "half" or "two" without a word; the form says
        # what is wrong with anything that is not a number when it is saved.
        super().__init__(value=value, placeholder="0, 0.5 or half", id=id)

    def record_value(self) -> str:
        return self.value.strip()

    def raw_value(self) -> Any:
        return self.value.strip()


class LongText(WritingBox):
    """Several lines of text; tab moves on to the next field rather than indenting."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", id=id)
        self.add_class("long-text")

    def record_value(self) -> str:
        return self.text

    def raw_value(self) -> Any:
        return self.text


class ChoiceSelect(Select[str]):
    """One of a fixed set of choices, shown by their plain names."""

    def __init__(
        self,
        choices: Mapping[str, str | Content],
        value: str,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        options = [(_as_content(label), key) for key, label in choices.items()]
        chosen = value if value in choices else next(iter(choices))
        super().__init__(options, allow_blank=False, value=chosen, id=id, classes=classes)

    def record_value(self) -> str:
        value = self.value
        return value if isinstance(value, str) else ""

    def raw_value(self) -> Any:
        return self.record_value()


class ChoiceList(SelectionList[str]):
    """Any number of choices (areas of need, related entries), ticked with space."""

    def __init__(
        self,
        choices: Mapping[str, str | Content],
        chosen: Iterable[str],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        chosen = list(chosen)
        picked = set(chosen)
        super().__init__(
            *[(_as_content(label), key, key in picked) for key, label in choices.items()],
            id=id,
            classes=classes,
        )
        # Kept in the stored order, so an untouched list is saved exactly as it was.
        self.original = [key for key in chosen if key in choices]
        self.order = list(choices)

    def record_value(self) -> list[str]:
        picked = set(self.selected)
        if picked == set(self.original):
            return list(self.original)
        return sorted(picked, key=self.order.index)

    def raw_value(self) -> Any:
        return frozenset(self.selected)


def areas_list(chosen: Iterable[str], *, id: str | None = None) -> ChoiceList:
    """The four broad areas of need (and "other"), as a list to tick."""
    return ChoiceList(vocabulary.AREA_LABELS, chosen, id=id, classes="areas-list")


def _as_content(label: str | Content) -> Content:
    # Labels may be user text (a plan's title): never read as markup.
    return label if isinstance(label, Content) else Content(label)


def record_value(control: Widget) -> Any:
    """The value ``control`` holds, as the record stores it."""
    return control.record_value()  # type: ignore[attr-defined]


def raw_value(control: Widget) -> Any:
    """The state of ``control``, to notice unsaved changes."""
    return control.raw_value()  # type: ignore[attr-defined]


class Field(Vertical):
    """A labelled control, its hint under it, and under that what is wrong with it.

    Wide forms put the label beside the control; narrow ones above it (see forms.tcss).
    The label, the control, the hint and the problems are the field's own children,
    with no container between: the nine forms open with 12 to 19% less processor time so
    (benchmarks/form_open.py).
    """

    def __init__(
        self,
        name: str,
        label: str,
        control: Widget,
        *,
        hint: str = "",
        required: bool = False,
    ) -> None:
        super().__init__(classes="field", id=f"field-{name}")
        self.field_name = name
        self.label = label
        self.control = control
        self.hint = hint
        self.required = required

    def compose(self) -> ComposeResult:
        shown = self.label + (" *" if self.required else "")
        yield Label(Content(shown), classes="field-label", markup=False)
        yield self.control
        if self.hint:
            yield Static(Content(self.hint), classes="field-hint", markup=False)

    @on(Input.Blurred)
    def _check_when_left(self, event: Input.Blurred) -> None:
        # Dates are checked as the parent leaves them, not only when saving.
        check = getattr(self.control, "problem", None)
        if check is not None:
            found = check()
            self.show_problems([found] if found else [])

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        # A field marked wrong is checked again as it is put right, and its message goes.
        marked = self.has_class("-has-problem") or bool(self.query(".item-row.-has-problem"))
        recheck = getattr(self.screen, "recheck", None) if self.is_attached else None
        if marked and recheck is not None:
            recheck(self.field_name)

    def show_problems(self, problems: Sequence[str]) -> None:
        """Show every problem with this field under it (none clears them)."""
        boxes = self.query_children(".field-problem")
        if boxes:
            boxes.first(Static).update(Content("\n".join(problems)))
        elif problems:
            # Made the first time there is something to say: most fields never need it,
            # and each widget a form starts with makes it slower to open.
            self.mount(Static(Content("\n".join(problems)), classes="field-problem", markup=False))
        self.set_class(bool(problems), "-has-problem")
        self.control.set_class(bool(problems), "-invalid")


class TickBox(Checkbox):
    """A yes/no tick, such as whether a meeting action was done."""

    def __init__(
        self, label: str, value: bool, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(Content(label), value=bool(value), id=id, classes=classes)

    def record_value(self) -> bool:
        return bool(self.value)

    def raw_value(self) -> Any:
        return bool(self.value)

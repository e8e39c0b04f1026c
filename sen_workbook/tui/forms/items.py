"""Lists edited inside a form: a plan's targets and provision, a review's outcomes,
a report's recommendations, a meeting's actions.

Each item is a row of controls with its number ("Target 2", as the validation names
it).  ctrl+n adds a row, ctrl+r removes the row being edited; the buttons do the same
with the mouse.  A row with anything in it is removed only when the parent says so: a
slip of the keys should not lose a target typed in full.  A row keeps the fields it does not show (a target's ``id``), so an
edited item is the stored item with only the typed fields changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from sen_workbook import model
from sen_workbook.tui.forms.fields import (
    TARGET_AREA_LABELS,
    ChoiceSelect,
    DateInput,
    TextInput,
    TickBox,
    raw_value,
    record_value,
)
from sen_workbook.tui.screens.confirm import ConfirmScreen
from sen_workbook.tui.widgets.keys import run_own_binding
from sen_workbook.vocabulary import IMPLEMENTED_LABELS, RESULT_LABELS


@dataclass(frozen=True)
class Column:
    """One field of a list item as the form shows it.

    ``control`` is "text", "date", "choice", "tick" or "shown" (read-only, such as the
    target an outcome is about); ``wide`` gives it the whole width of the row.
    """

    name: str
    label: str
    control: str
    choices: Mapping[str, str] | None = None
    wide: bool = False
    placeholder: str = ""


@dataclass(frozen=True)
class ListShape:
    """How one list field is edited: its row word, its columns, what a row may do."""

    field: str
    word: str
    columns: tuple[Column, ...]
    can_add: bool = True


LIST_SHAPES: dict[str, ListShape] = {
    "targets": ListShape(
        "targets",
        "target",
        (
            Column(
                "text", "Target", "text", wide=True, placeholder="What the child will be able to do"
            ),
            Column("area", "Area of need", "choice", TARGET_AREA_LABELS),
            Column("success_measure", "How success is measured", "text"),
            Column("by_date", "By", "date"),
        ),
    ),
    "provision": ListShape(
        "provision",
        "provision item",
        (
            Column(
                "what",
                "Provision",
                "text",
                wide=True,
                placeholder="What is provided, e.g. speech and language group",
            ),
            Column("who", "Who provides it", "text"),
            Column("frequency", "How often", "text", placeholder="e.g. 3 x 20 min a week"),
            Column("start", "Start", "date"),
            Column("end", "End", "date"),
        ),
    ),
    "outcomes": ListShape(
        "outcomes",
        "outcome",
        (
            Column("target_id", "Target", "shown", wide=True),
            Column("result", "Result", "choice", RESULT_LABELS),
            Column(
                "evidence",
                "Evidence",
                "text",
                wide=True,
                placeholder="What shows it, e.g. teacher's records, work samples",
            ),
        ),
        can_add=False,
    ),
    "recommendations": ListShape(
        "recommendations",
        "recommendation",
        (
            Column("text", "Recommendation", "text", wide=True),
            Column("implemented", "Put in place?", "choice", IMPLEMENTED_LABELS),
        ),
    ),
    "actions": ListShape(
        "actions",
        "action",
        (
            Column("text", "Action", "text", wide=True),
            Column("owner", "Who will do it", "text"),
            Column("due", "Due", "date"),
            Column("done", "Done", "tick"),
        ),
    ),
}


def fresh_item(field: str) -> dict[str, Any]:
    """An empty item of a list field; a new target gets its own lasting id."""
    item = dict(model.ITEM_FIELDS[field])
    if "id" in item:
        item["id"] = model.new_id()
    return item


class ItemRow(Vertical):
    """One item of a list: its number, its controls and what is wrong with it."""

    def __init__(
        self,
        shape: ListShape,
        item: Mapping[str, Any],
        number: int,
        shown: Callable[[Mapping[str, Any]], str] | None = None,
    ) -> None:
        super().__init__(classes="item-row")
        self.shape = shape
        self.item = dict(item)
        self.number = number
        self.shown = shown
        self.controls: dict[str, Widget] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row-head"):
            yield Static(self._title(), classes="row-title", markup=False)
            remove = Button("Remove", classes="row-remove", compact=True)
            remove.can_focus = False  # ctrl+r removes by key; tab skips the button
            yield remove
        with Vertical(classes="row-grid"):
            for column in self.shape.columns:
                with Vertical(classes="cell -wide" if column.wide else "cell"):
                    if column.control != "tick":
                        yield Label(Content(column.label), classes="cell-label", markup=False)
                    yield self._control(column)
        yield Static("", classes="row-problem", markup=False)

    def on_mount(self) -> None:
        # A row added later matches the frames of the form it joins.
        narrow = self.screen.has_class("-narrow")
        for control in self.query("Input, Select, Checkbox"):
            control.compact = narrow  # type: ignore[attr-defined]

    def _title(self) -> Content:
        word = self.shape.word
        return Content(f"{word[:1].upper()}{word[1:]} {self.number}")

    def _control(self, column: Column) -> Widget:
        value = self.item.get(column.name, model.ITEM_FIELDS[self.shape.field][column.name])
        control: Widget
        if column.control == "date":
            control = DateInput(str(value), label=column.label)
        elif column.control == "choice":
            control = ChoiceSelect(column.choices or {}, str(value))
        elif column.control == "tick":
            control = TickBox(column.label, bool(value))
        elif column.control == "shown":
            text = self.shown(self.item) if self.shown else str(value)
            control = Static(Content(text), classes="shown-value", markup=False)
        else:
            control = TextInput(str(value), placeholder=column.placeholder)
        control.add_class(f"item-{column.name}")
        if column.control != "shown":
            self.controls[column.name] = control
        return control

    def renumber(self, number: int) -> None:
        self.number = number
        self.query_one(".row-title", Static).update(self._title())

    def item_value(self) -> dict[str, Any]:
        """The item as typed, with the fields the row does not show kept as they were."""
        return {**self.item, **{n: record_value(c) for n, c in self.controls.items()}}

    def raw_value(self) -> Any:
        return tuple((n, raw_value(c)) for n, c in self.controls.items())

    def is_filled(self) -> bool:
        """Whether the row holds anything beyond an empty item (its lasting id aside)."""
        empty = model.ITEM_FIELDS[self.shape.field]
        value = self.item_value()
        return any(
            value.get(name, default) != default for name, default in empty.items() if name != "id"
        )

    def description(self) -> str:
        """The row's first words as typed (or shown), for a question about it."""
        for column in self.shape.columns:
            if column.control == "shown" and self.shown is not None:
                text = self.shown(self.item)
            elif column.control == "text":
                text = str(record_value(self.controls[column.name]))
            else:
                continue
            if text.strip():
                return text.strip()
        return ""

    def focus_first(self) -> None:
        for control in self.controls.values():
            if control.focusable:
                control.focus()
                return

    def show_problems(self, problems: Sequence[tuple[str | None, str]]) -> None:
        """Show what is wrong with this row under it, marking the controls concerned."""
        labels = {c.name: c.label for c in self.shape.columns}
        lines = []
        for name, message in problems:
            label = labels.get(name or "", "")
            if name and message.startswith(name):
                message = label + message[len(name) :]
            lines.append(message[:1].upper() + message[1:])
        self.query_one(".row-problem", Static).update(Content("\n".join(lines)))
        self.set_class(bool(lines), "-has-problem")
        marked = {name for name, _ in problems if name}
        for name, control in self.controls.items():
            control.set_class(name in marked, "-invalid")

    @on(Button.Pressed, ".row-remove")
    async def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        owner = self.parent
        while owner is not None and not isinstance(owner, ItemList):
            owner = owner.parent
        if isinstance(owner, ItemList):
            await owner.remove_row_asking(self)


class ItemList(Vertical):
    """The rows of one list field, with a button (and keys) to add and remove rows."""

    BINDINGS = [
        Binding("ctrl+n", "add_row", "Add row"),
        Binding("ctrl+r", "remove_row", "Remove row"),
    ]

    def __init__(
        self,
        field: str,
        items: Sequence[Mapping[str, Any]],
        *,
        shown: Callable[[Mapping[str, Any]], str] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(classes="item-list", id=id)
        self.shape = LIST_SHAPES[field]
        self.items = [dict(item) for item in items]
        self.shown = shown

    def compose(self) -> ComposeResult:
        with Vertical(classes="rows"):
            for number, item in enumerate(self.items, 1):
                yield ItemRow(self.shape, item, number, self.shown)
        yield Static(Content(f"No {self.shape.field} yet."), classes="rows-empty", markup=False)
        if self.shape.can_add:
            yield Button(Content(f"Add {self.shape.word}"), classes="add-row", compact=True)

    def on_mount(self) -> None:
        self._show_empty()

    async def on_key(self, event: events.Key) -> None:
        # ctrl+n adds the row in the list's turn, before the letters typed after it, which
        # the form then passes on to the new row's first box.
        await run_own_binding(self, event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_row":
            return self.shape.can_add
        if action == "remove_row":
            return self._focused_row() is not None
        return True

    @property
    def rows(self) -> list[ItemRow]:
        return [row for row in self.query_one(".rows").children if isinstance(row, ItemRow)]

    def record_value(self) -> list[dict[str, Any]]:
        return [row.item_value() for row in self.rows]

    def raw_value(self) -> Any:
        return tuple(row.raw_value() for row in self.rows)

    async def add_row(
        self, item: Mapping[str, Any] | None = None, *, focus: bool = True
    ) -> ItemRow:
        """Add a row at the end (an empty item unless one is given)."""
        row = ItemRow(
            self.shape, item or fresh_item(self.shape.field), len(self.rows) + 1, self.shown
        )
        await self.query_one(".rows").mount(row)
        self._show_empty()
        if focus:
            row.focus_first()
            row.scroll_visible()
        return row

    async def remove_row_asking(self, row: ItemRow) -> None:
        """Remove ``row`` at the parent's word: an empty row goes at once, a filled one
        only after "Remove target 2?" is answered yes (no, or escape, keeps it)."""
        if not row.is_filled():
            await self.remove_row(row)
            return
        had_focus = self._has_focus_in(row)
        word = self.shape.word

        async def answered(sure: bool | None) -> None:
            if sure and row.is_attached:
                await self.remove_row(row, had_focus=had_focus)

        self.app.push_screen(
            ConfirmScreen(
                f"Remove {word} {row.number}?",
                row.description(),
                yes=f"Remove {word}",
                no="Keep it",
            ),
            answered,
        )

    def _has_focus_in(self, row: ItemRow) -> bool:
        focused = self.screen.focused
        return focused is not None and (focused is row or row in focused.ancestors)

    async def remove_row(self, row: ItemRow, *, had_focus: bool | None = None) -> None:
        """Remove ``row`` and renumber the rest; the focus goes to the next row.

        ``had_focus`` says whether the row had the focus when removing it was asked
        for (a question about it has the focus while it is open)."""
        rows = self.rows
        place = rows.index(row)
        if had_focus is None:
            had_focus = self._has_focus_in(row)
        await row.remove()
        rows = self.rows
        for number, kept in enumerate(rows, 1):
            kept.renumber(number)
        self._show_empty()
        if had_focus:
            if rows:
                rows[min(place, len(rows) - 1)].focus_first()
            elif self.shape.can_add:
                self.query_one(".add-row", Button).focus()
            else:
                self.screen.focus_next()

    async def replace_items(self, items: Sequence[Mapping[str, Any]]) -> None:
        """Show ``items`` instead of the rows there are now."""
        await self.query_one(".rows").remove_children()
        for item in items:
            await self.add_row(item, focus=False)
        self._show_empty()

    def row_with(self, name: str, value: Any) -> ItemRow | None:
        """The first row whose item has ``value`` in ``name`` (a target's id)."""
        return next((r for r in self.rows if r.item.get(name) == value), None)

    def show_problems(self, problems: Mapping[int, Sequence[tuple[str | None, str]]]) -> None:
        """Show each row's problems (``problems`` maps a row number to them)."""
        for number, row in enumerate(self.rows, 1):
            row.show_problems(problems.get(number, ()))

    async def action_add_row(self) -> None:
        await self.add_row()

    async def action_remove_row(self) -> None:
        row = self._focused_row()
        if row is not None:
            await self.remove_row_asking(row)

    @on(Button.Pressed, ".add-row")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.add_row()

    def _focused_row(self) -> ItemRow | None:
        focused = self.screen.focused if self.is_attached else None
        if focused is None:
            return None
        for node in (focused, *focused.ancestors):
            if isinstance(node, ItemRow) and node.parent is not None and node.parent.parent is self:
                return node
        return None

    def _show_empty(self) -> None:
        self.query_one(".rows-empty").display = not self.rows

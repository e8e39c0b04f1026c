"""The form for a child: who they are, where they learn, their areas of need, their stage."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.widget import Widget

from sen_workbook import model, vocabulary
from sen_workbook.tui.forms.base import RecordForm, changed_fields, neutral
from sen_workbook.tui.forms.fields import (
    ChoiceSelect,
    DateInput,
    LongText,
    TextInput,
    areas_list,
    record_value,
)
from sen_workbook.tui.forms.values import Problems
from sen_workbook.tui.widgets.dates import date_problem
from sen_workbook.workbook import Workbook


class ChildForm(RecordForm[model.Child]):
    """Add a child, or edit ``child``; saves itself and dismisses with the saved child."""

    def __init__(self, workbook: Workbook, child: model.Child | None = None) -> None:
        super().__init__(workbook)
        self.child = child
        self.record = child.copy() if child is not None else model.new_child()

    def heading(self) -> str:
        if self.child is None:
            return "Add a child"
        return f"Edit details of {self.child['name']}"

    def compose_fields(self) -> ComposeResult:
        r = self.record
        yield self.field("name", "Full name", TextInput(r["name"], id="name"), required=True)
        yield self.field(
            "preferred_name",
            "Preferred name",
            TextInput(r["preferred_name"], id="preferred_name"),
            hint="What they like to be called, if different",
        )
        yield self.field(
            "date_of_birth",
            "Date of birth",
            DateInput(r["date_of_birth"], label="Date of birth", id="date_of_birth"),
        )
        yield self.field(
            "setting",
            "Setting",
            TextInput(r["setting"], id="setting", placeholder="Nursery, school or college"),
        )
        yield self.field(
            "setting_phase",
            "Phase",
            ChoiceSelect(vocabulary.PHASE_LABELS, r["setting_phase"], id="setting_phase"),
        )
        yield self.field(
            "year_group",
            "Year group",
            TextInput(r["year_group"], id="year_group", placeholder="e.g. Year 4"),
        )
        yield self.field(
            "senco",
            "SENCo",
            TextInput(r["senco"], id="senco"),
            hint="The setting's special educational needs coordinator",
        )
        yield self.field(
            "areas", "Areas of need", areas_list(r["areas"], id="areas"), hint="Space ticks an area"
        )
        yield self.field(
            "status", "Stage", ChoiceSelect(vocabulary.STATUS_LABELS, r["status"], id="status")
        )
        yield self.field("notes", "Notes", LongText(r["notes"], id="notes"))

    def first_focus(self) -> Widget | None:
        return self.query_one("#name")

    def collect(self, problems: Problems) -> dict[str, Any]:
        typed = {name: record_value(f.control) for name, f in self.fields.items()}
        if not typed["name"].strip():
            problems.add("name", "Name is required: every child needs a name.")
        found = date_problem(typed["date_of_birth"], "Date of birth")
        if found:
            problems.add("date_of_birth", found)
        return typed

    def model_problems(self, fields: Mapping[str, Any]) -> list[str]:
        return model.validate_child(neutral({**self.record, **fields}, ["name"]))

    def store(self, fields: dict[str, Any]) -> model.Child:
        if self.child is None:
            return self.workbook.add_child(fields)
        return self.workbook.update_child(self.child["id"], changed_fields(self.child, fields))

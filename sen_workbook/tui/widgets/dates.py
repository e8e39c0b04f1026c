"""A date typed in a box, checked by the model's one date parser.

Every date box of the app (the forms, the journal's and the timeline's date ranges) uses
the one :class:`DateValidator`, so "2024-02-30" is refused in the same words everywhere.
The boxes are masked (``9999-99-99``): a box holding only its dashes is empty.
"""

from __future__ import annotations

from datetime import date

from textual.validation import ValidationResult, Validator

from sen_workbook import model


def typed_text(value: str) -> str:
    """What was typed in a date box, "" when only the dashes are there."""
    return "" if not value.replace("-", "").strip() else value.strip()


def date_problem(text: str, label: str, *, required: bool = False) -> str | None:
    """Why a typed date cannot be stored, or ``None``; uses the model's one date parser."""
    if not text:
        return f"{label} is required: write it as YYYY-MM-DD." if required else None
    try:
        model.parse_date(text, label)
    except ValueError as error:
        return str(error)
    return None


def typed_date(value: str) -> date | None:
    """The date in a date box, or None when it is empty or not (yet) a real date."""
    text = typed_text(value)
    try:
        return model.parse_date(text) if text else None
    except ValueError:
        return None


class DateValidator(Validator):
    """A date as the model reads it (``model.parse_date``); empty allowed unless required."""

    def __init__(self, label: str = "date", *, required: bool = False) -> None:
        super().__init__()
        self.label = label
        self.required = required

    def validate(self, value: str) -> ValidationResult:
        problem = date_problem(typed_text(value), self.label, required=self.required)
        return self.failure(problem) if problem else self.success()

"""What the forms do with typed text, with no terminal involved.

Turning a line of names into a list and back, a typed number of days into a number, a
typed or dropped path into a file path, deciding which targets of an earlier plan to
offer again, and finding which field a validation sentence is about so that it can be
shown beside that field.  Kept apart from the widgets so it can be tested on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sen_workbook import model
from sen_workbook.workbook import WorkbookError, check_attachable

# How the model names one row of a list field in its sentences ("target 2: ...").
ROW_WORDS: dict[str, str] = {
    "targets": "target",
    "provision": "provision item",
    "recommendations": "recommendation",
    "outcomes": "outcome",
    "actions": "action",
    "attachments": "attachment",
}

# Words the model uses for a field that are not the field's own name.
_ALIASES: dict[str, str] = {"area": "areas", "target id": "targets"}

_ROW_PATTERN = "|".join(
    re.escape(word) for word in sorted(ROW_WORDS.values(), key=len, reverse=True)
)
_SENTENCE = re.compile(
    rf"^(?P<where>.*?)(?:, (?P<row_word>{_ROW_PATTERN}) (?P<row>\d+))?: (?P<rest>.*)$",
    re.DOTALL,
)


def split_names(text: str) -> list[str]:
    """The names in a comma- or line-separated list, blanks dropped, each trimmed."""
    return [name.strip() for name in re.split(r"[,\n]", text) if name.strip()]


def join_names(names: Sequence[str]) -> str:
    """Names as one line to edit, the way :func:`split_names` reads them back."""
    return ", ".join(names)


def names_from_text(text: str, original: Sequence[str]) -> list[str]:
    """The list a names field holds: the stored list itself while its text is untouched.

    A stored name may contain a comma ("Jones, Mrs"); re-splitting the text would turn
    it into two people on an edit the parent never made, so untouched text keeps it.
    """
    if text == join_names(original):
        return list(original)
    return split_names(text)


def parse_days(text: str) -> int | float:
    """Days lost as a number (a whole number when it is one); raises ``ValueError``.
    The records' one reading of what a parent types ("2", "0.5", "half")."""
    return model.days_from_text(text)


def show_days(days: Any) -> str:
    """A stored number of days as the form shows it ("" for none)."""
    if isinstance(days, bool) or not isinstance(days, (int, float)) or days == 0:
        return ""
    return str(int(days)) if float(days).is_integer() else str(days)


def typed_path(text: str) -> Path:
    """The file a parent typed or dropped into the terminal.

    Terminals paste a dropped file as a quoted path or with its spaces escaped; both
    are undone, and ``~`` means the home folder.
    """
    cleaned = text.strip()
    if len(cleaned) >= 2 and cleaned[0] == cleaned[-1] and cleaned[0] in "'\"":
        cleaned = cleaned[1:-1]
    path = Path(cleaned).expanduser()
    if not path.exists() and "\\ " in cleaned:
        path = Path(cleaned.replace("\\ ", " ")).expanduser()
    return path


def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be attached, or ``None`` when it can be read."""
    if not str(path).strip() or str(path) == ".":
        return "Type the path of a file to attach."
    try:
        check_attachable(path)
    except WorkbookError as error:
        return error.sentence
    return None


def split_entry_date(value: str) -> tuple[str, str]:
    """A stored entry date as (day, time), the time "" when none was recorded."""
    day, _, time = value.strip().partition(" ")
    if not time and "T" in day:
        day, _, time = day.partition("T")
    return day, time


def latest_results(
    plan: Mapping[str, Any], entries: Iterable[Mapping[str, Any]], as_of: date | None = None
) -> dict[str, str]:
    """Each target of ``plan`` with its result at the plan's latest review that assessed it
    (a review dated after ``as_of`` has not happened yet, as in the cycles and timeline)."""
    reviews = [
        e
        for e in entries
        if e.get("kind") == "review"
        and e.get("plan_id") == plan.get("id")
        and (as_of is None or model.entry_day(e) <= as_of)
    ]
    reviews.sort(key=lambda e: (model.entry_day(e), str(e.get("created_at", ""))))
    results: dict[str, str] = {}
    for review in reviews:
        for outcome in review.get("outcomes", []):
            if outcome.get("result") and outcome.get("result") != "not_assessed":
                results[outcome.get("target_id", "")] = outcome["result"]
    return results


def carry_over_ticks(
    plan: Mapping[str, Any], entries: Iterable[Mapping[str, Any]], as_of: date | None = None
) -> dict[str, bool]:
    """Which targets of an earlier plan to offer ticked for the next plan.

    A target met at its latest review is done; every other one (not met, partly met,
    never assessed) is most likely still being worked on, so it starts ticked.
    """
    results = latest_results(plan, entries, as_of)
    return {target["id"]: results.get(target["id"]) != "met" for target in plan.get("targets", [])}


def review_outcomes(
    plan: Mapping[str, Any], earlier: Sequence[Mapping[str, Any]] = ()
) -> list[model.Outcome]:
    """One outcome per target of ``plan``, in the plan's order.

    Results already typed for a target (``earlier``) are kept, so choosing another plan
    and back does not throw away what was typed.
    """
    typed = {o.get("target_id"): o for o in earlier}
    empty = model.ITEM_FIELDS["outcomes"]
    outcomes: list[model.Outcome] = []
    for target in plan.get("targets", []):
        before = typed.get(target["id"], {})
        outcomes.append(
            {
                "target_id": target["id"],
                "result": before.get("result", empty["result"]),
                "evidence": before.get("evidence", empty["evidence"]),
            }
        )
    return outcomes


@dataclass(frozen=True)
class Place:
    """Where a validation sentence belongs in a form.

    ``field`` is the record's field (``None``: the form as a whole), ``row`` the
    1-based row of a list field, ``item_field`` the field inside that row, and
    ``message`` the sentence without the record's name in front.
    """

    field: str | None
    row: int | None
    item_field: str | None
    message: str


def locate_problem(sentence: str, fields: Iterable[str]) -> Place:
    """Find the field (and row) a validation sentence from :mod:`model` is about.

    The model writes "<record>: <field> ..." or "<record>, target 2: <field> ...".  The
    record's name must hold no user text here (the forms validate with a neutral title),
    so the first ": " ends it.  The field is the earliest known field name in the rest.
    """
    match = _SENTENCE.match(sentence)
    if not match:
        return Place(None, None, None, sentence)
    rest = match.group("rest")
    row_word = match.group("row_word")
    if row_word:
        list_field = next(name for name, word in ROW_WORDS.items() if word == row_word)
        item_field = _first_field(rest, model.ITEM_FIELDS.get(list_field, ()))
        return Place(list_field, int(match.group("row")), item_field, rest)
    return Place(_first_field(rest, fields), None, None, rest)


def _first_field(text: str, fields: Iterable[str]) -> str | None:
    names = {name: name for name in fields}
    names.update({alias: name for alias, name in _ALIASES.items() if name in names})
    found: tuple[int, int, str] | None = None
    for word, name in names.items():
        hit = re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text)
        # The earliest mention wins; at the same place the longer name ("review_date").
        if hit and (found is None or (hit.start(), -len(word)) < (found[0], found[1])):
            found = (hit.start(), -len(word), name)
    return found[2] if found else None


def humane(message: str, field: str | None, label: str) -> str:
    """A sentence for beside a field: its stored name replaced by the label shown."""
    if field and message.startswith(field):
        message = label + message[len(field) :]
    return message[:1].upper() + message[1:]


def file_size(size: int) -> str:
    """A size in bytes as a parent reads it: "850 bytes", "12 KB", "3.4 MB"."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass
class Problems:
    """Everything wrong with a form, sorted to where it is shown.

    ``fields``: sentences under a field; ``rows``: per list field, per row number, the
    (field in the row, sentence) pairs; ``general``: sentences for the top of the form.
    """

    fields: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, dict[int, list[tuple[str | None, str]]]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.fields or self.rows or self.general)

    def count(self) -> int:
        return (
            sum(len(p) for p in self.fields.values())
            + len(self.general)
            + sum(len(p) for rows in self.rows.values() for p in rows.values())
        )

    def add(self, name: str, sentence: str) -> None:
        """A problem found by the form itself, already worded for the parent."""
        self.fields.setdefault(name, []).append(sentence)

    def add_model(
        self, sentences: Iterable[str], shown: Mapping[str, str], lists: Iterable[str] = ()
    ) -> None:
        """Sentences from the model's validation, each put beside the field it names.

        ``shown`` maps each field the form shows to its label.  A field that already
        has a problem found by the form keeps only that one: the model's sentence would
        say the same thing again in its own words.
        """
        lists = set(lists)
        already = set(self.fields)
        for sentence in sentences:
            place = locate_problem(sentence, [*shown, *lists])
            if place.field is None:  # about the record as a whole
                self.general.append(sentence)
            elif place.field in lists and place.row is not None:
                rows = self.rows.setdefault(place.field, {})
                rows.setdefault(place.row, []).append((place.item_field, place.message))
            elif place.field in already:
                continue
            elif place.field in shown or place.field in lists:
                label = shown.get(place.field, place.field)
                self.add(place.field, humane(place.message, place.field, label))
            else:
                self.general.append(sentence)

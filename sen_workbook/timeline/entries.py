"""Every entry in full, under its reference: the common fields, then the kind's own."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sen_workbook import model, vocabulary
from sen_workbook.vocabulary import (
    DIRECTION_LABELS,
    FIELD_LABELS,
    IMPLEMENTED_LABELS,
    RESULT_LABELS,
)

from .blocks import bullet, bullet_lines
from .escaping import present
from .exhibit_index import added_as
from .facts import Facts
from .phrases import provision_text, target_text
from .words import day_text, number, plural, when


def entries(facts: Facts) -> list[list[str]]:
    """The section of entries in full, one block per entry."""
    blocks = [["## Entries"]]
    if not facts.selected:
        blocks.append(["No entries in this selection."])
    for entry in facts.selected:
        blocks.append(entry_in_full(facts, entry))
    return blocks


def entry_in_full(facts: Facts, entry: Mapping[str, Any]) -> list[str]:
    """One entry: a heading with its reference, date, kind and title, then its fields."""
    kind = entry["kind"]
    text = facts.text
    get = entry.get
    title = text(get("title", ""), "heading")
    lines = [
        f"### {facts.refs[entry['id']]} — {when(entry)} — {vocabulary.KIND_LABELS[kind]}: {title}",
        "",
    ]
    details = facts.own_text(get("details", ""))
    if details:
        if "\n" in details:
            lines += bullet_lines(_DETAILS + details)
        else:
            lines.append("- " + _DETAILS + details)
    chosen = get("areas")
    if chosen:
        areas = _area_labels(chosen)
        if areas:
            lines.append(_AREAS + areas)
    people = get("people")
    if people:
        shown = facts.texts(people)
        if shown:
            lines.append(bullet(_PEOPLE + "; ".join(shown)))
    lines += kind_fields(facts, entry)
    if get("links"):
        lines.append(bullet(f"{FIELD_LABELS['links']}: " + facts.cites(entry["links"])))
    for attachment in get("attachments") or ():
        ref = facts.exhibit_refs.get((entry["id"], attachment["sha256"]), "")
        exhibit = f"Exhibit {ref}: " + added_as(facts, attachment.get("filename", ""))
        if present(attachment.get("description", "")):
            exhibit += ", " + text(attachment["description"])
        lines.append(bullet(exhibit))
    if len(lines) == 2:
        lines.append("No further details recorded.")
    lines.append("- " + provenance(entry))
    return lines


_DETAILS = f"{FIELD_LABELS['details']}: "
_AREAS = f"- {FIELD_LABELS['areas']}: "
_PEOPLE = f"{FIELD_LABELS['people']}: "
_area_shown: dict[tuple[str, ...], str] = {}


def _area_labels(chosen: Any) -> str:
    """The areas an entry touches, named in the Code's order ("" for none known); the
    same few sets come again and again."""
    key = tuple(chosen) if type(chosen) is list else None
    shown = _area_shown.get(key) if key is not None else None
    if shown is None:
        shown = "; ".join(label for area, label in vocabulary.AREA_LABELS.items() if area in chosen)
        if key is not None and len(_area_shown) < 1000:
            _area_shown[key] = shown
    return shown


def _stamp(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _to_the_minute(stamp: datetime) -> str:
    """``YYYY-MM-DD HH:MM``: ``isoformat`` is quicker than ``strftime`` and the same for a
    year of four digits (``strftime`` writes year 999 without the leading zero)."""
    if stamp.year < 1000:
        return f"{stamp:%Y-%m-%d %H:%M}"
    return stamp.isoformat(" ", "minutes")[:16]


def provenance(entry: Mapping[str, Any]) -> str:
    """When the entry was first written down, how long after the day it tells of, and
    whether it was changed since: a note made on the day weighs more than one made later."""
    created = _stamp(entry.get("created_at"))
    if created is None:
        said = "Recorded: when it was first written down is not known"
    else:
        gap = (created.date() - model.entry_day(entry)).days
        after = (
            "the same day"
            if gap == 0
            else f"{plural(gap, 'day')} after the day it tells of"
            if gap > 0
            else f"{plural(-gap, 'day')} before the day it tells of"
        )
        said = f"Recorded: first written down on {_to_the_minute(created)}, {after}"
    revisions = entry.get("revisions") or ()
    if revisions:
        changed = _stamp(entry.get("updated_at"))
        last = f", last on {_to_the_minute(changed)}" if changed else ""
        kept = plural(len(revisions), "earlier version")
        said += f"; changed since{last} ({kept} kept in the workbook)"
    else:
        said += "; not changed since"
    return said + "."


def kind_fields(facts: Facts, entry: Mapping[str, Any]) -> list[str]:
    """The fields of the entry's own kind, as list items."""
    kind = entry["kind"]
    lines: list[str] = []

    def text(name: str) -> None:
        shown = facts.text(entry.get(name, ""))
        if shown:
            lines.append(bullet(f"{FIELD_LABELS[name]}: {shown}"))

    def on_day(name: str) -> None:
        if entry.get(name):
            lines.append(bullet(f"{FIELD_LABELS[name]}: {day_text(entry[name])}"))

    def heading(name: str, items: Any) -> None:
        if items:
            lines.append(bullet(f"{FIELD_LABELS[name]}:"))

    if kind == "concern":
        for name in ("raised_by", "raised_with", "channel", "response"):
            text(name)
        on_day("response_date")
    elif kind == "assessment":
        text("professional")
        text("findings")
        items = entry.get("recommendations") or ()
        heading("recommendations", items)
        for item in items:
            done = IMPLEMENTED_LABELS.get(item.get("implemented", ""), "not known").lower()
            lines.append(bullet(f"{facts.quoted(item.get('text', ''))}: {done}", 1))
    elif kind == "plan":
        on_day("start_date")
        on_day("review_date")
        targets = entry.get("targets") or ()
        heading("targets", targets)
        for target in targets:
            lines.append(bullet(target_text(facts, target), 1))
        provision = entry.get("provision") or ()
        heading("provision", provision)
        for item in provision:
            lines.append(bullet(provision_text(facts, item), 1))
    elif kind == "review":
        if entry.get("plan_id"):
            lines.append(bullet(f"{FIELD_LABELS['plan_id']}: " + facts.cite(entry["plan_id"])))
        outcomes = entry.get("outcomes") or ()
        heading("outcomes", outcomes)
        targets = facts.plan_targets(entry.get("plan_id", ""))
        for outcome in outcomes:
            target = targets.get(outcome.get("target_id", ""))
            name = facts.quoted(target.get("text", "")) if target else "A target not in the plan"
            result = RESULT_LABELS.get(outcome.get("result", ""), "Not assessed").lower()
            shown = f"{name}: {result}"
            if present(outcome.get("evidence", "")):
                shown += "; evidence: " + facts.text(outcome["evidence"])
            lines.append(bullet(shown, 1))
        for name in ("parent_views", "child_views", "next_steps"):
            text(name)
    elif kind == "meeting":
        attendees = facts.texts(entry.get("attendees") or ())
        if attendees:
            lines.append(bullet(f"{FIELD_LABELS['attendees']}: " + "; ".join(attendees)))
        text("purpose")
        actions = entry.get("actions") or ()
        heading("actions", actions)
        for action in actions:
            parts = [facts.quoted(action.get("text", ""))]
            if present(action.get("owner", "")):
                parts.append("owner: " + facts.text(action["owner"]))
            if action.get("due"):
                parts.append("due: " + day_text(action["due"]))
            parts.append("done" if action.get("done") else "not done")
            lines.append(bullet("; ".join(parts), 1))
        on_day("follow_up_sent")
    elif kind == "correspondence":
        direction = DIRECTION_LABELS.get(entry.get("direction", ""), DIRECTION_LABELS["received"])
        lines.append(bullet(f"{FIELD_LABELS['direction']}: {direction}"))
        for name in ("from", "to", "subject"):
            text(name)
        on_day("reply_due")
    elif kind == "incident":
        label = vocabulary.INCIDENT_LABELS.get(entry.get("incident_type", ""), "Other")
        lines.append(bullet(f"{FIELD_LABELS['incident_type']}: {label}"))
        days = number(entry.get("days_lost") or 0)
        lines.append(bullet(f"{FIELD_LABELS['days_lost']}: {days}"))
    elif kind == "observation":
        text("child_views")
        text("parent_views")
    elif kind == "request":
        label = vocabulary.REQUEST_LABELS.get(entry.get("request_type", ""), "Other request")
        lines.append(bullet(f"{FIELD_LABELS['request_type']}: {label}"))
        text("sent_to")
        text("outcome")
        on_day("outcome_date")
        if entry.get("asked_for") in model.ASKED_FOR and entry.get("asked_for"):
            lines.append(
                bullet(
                    f"{FIELD_LABELS['asked_for']}: {vocabulary.ASKED_FOR_LABELS[entry['asked_for']]}"
                )
            )
            on_day("asked_for_date")
            on_day("supplied_date")
        text("exception_claimed")
    return lines

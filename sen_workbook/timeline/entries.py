"""Every entry in full, under its reference: the common fields, then the kind's own."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from typing import Any

from sen_workbook import model, vocabulary
from sen_workbook.vocabulary import (
    DIRECTION_LABELS,
    FIELD_LABELS,
    IMPLEMENTED_LABELS,
    RESULT_LABELS,
)

from .blocks import INDENT, Block, bullet, line_kind
from .escaping import present
from .exhibit_index import added_as
from .facts import Facts
from .phrases import provision_text, target_text
from .words import day_text, number, plural

# How many entries in full make one block of text: the document is the same whichever
# way its blocks are cut (they are joined by a blank line), and a long journal has tens
# of thousands of entries, each passed on and written out with a few steps of its own.
ENTRIES_IN_A_BLOCK = 100


def entries(facts: Facts, utf8_errors: str | None = None) -> Iterator[Block | bytes]:
    """The section of entries in full, as its text, a block of
    :data:`ENTRIES_IN_A_BLOCK` entries at a time, made as they are taken.

    With ``utf8_errors`` (an error handler, as ``str.encode`` takes), each block of
    entries is given as its UTF-8 bytes instead, for a writer that would encode it: each
    entry's heading and body are encoded apart.  An entry's heading holds a dash ("—"),
    and a text holding one is kept two bytes a character: joined with its body, the body
    (ASCII in most entries) is widened to that, and encoding the whole goes character
    by character; encoded apart, an ASCII body is copied as it is."""
    yield ["## Entries"]
    if not facts.selected:
        yield ["No entries in this selection."]
    # Each entry's heading and body, one after the other: joined by a blank line, as
    # the heading and body of an entry are, and the entries of a block.
    made: list[Any] = []
    join = "\n\n".join if utf8_errors is None else b"\n\n".join
    in_a_block = 2 * ENTRIES_IN_A_BLOCK
    for row in zip(
        facts.selected, facts.selected_refs, facts.selected_when, facts.selected_days, strict=True
    ):
        heading, body = entry_parts(facts, *row)
        if utf8_errors is None:
            made += (heading, body)
        else:
            made += (heading.encode("utf-8", utf8_errors), body.encode("utf-8", utf8_errors))
        if len(made) == in_a_block:
            yield join(made)
            made = []
    if made:
        yield join(made)


def entry_parts(
    facts: Facts, entry: Mapping[str, Any], ref: str, shown_when: str, day: date
) -> tuple[str, str]:
    """One entry's heading (its reference, date, kind and title) and body (its fields),
    each as its text, spaced as :func:`blocks.spaced` spaces it; joined by a blank line
    they are the entry (each entry is one block, and a long journal has thousands: its
    lines are not gone through again).  ``ref``, ``shown_when`` and ``day`` are the
    entry's row of :class:`Facts`."""
    kind = entry["kind"]
    try:
        title = entry["title"]
        details = entry["details"]
        chosen = entry["areas"]
        people = entry["people"]
        links = entry["links"]
        files = entry["attachments"]
        written = entry["created_at"]
        revisions = entry["revisions"]
    except KeyError:  # an entry lacking a field (see _SHOWN_FIELDS)
        title, details, chosen, people, links, files, written, revisions = _shown_of(entry)
    title = facts.text(title, "heading")
    heading = f"### {ref} — {shown_when} — {vocabulary.KIND_LABELS[kind]}: {title}"
    # The list items, each one line or a first line and its further paragraphs.
    items: list[str] = []
    # Where the line ends after the details start (see below): the details, the longest
    # text of most entries, are looked at for line ends apart.
    after_details = 0
    if details:
        details = facts.own_text(details)
        if details:
            # (Escaped text is paragraphs with one blank line between them: each further
            # paragraph indented is what blocks.bullet makes of it.)
            if "\n" in details:
                details = details.replace("\n\n", _NEXT_PARAGRAPH)
                after_details = -1  # an item of several paragraphs
            items.append("- " + _DETAILS + details)
            if after_details == 0:
                after_details = len(items[0])
    if chosen:
        # (_area_labels, its lookup written out: the same few lists again and again.)
        areas = _area_shown.get(tuple(chosen)) if type(chosen) is list else None
        if areas is None:
            areas = _area_labels(chosen)
        if areas:
            items.append(_AREAS + areas)
    if people:
        named = facts.joined(people)
        if named:
            items.append("- " + _PEOPLE + named if "\n" not in named else bullet(_PEOPLE + named))
    fields = _KIND_FIELDS.get(kind)
    if fields is not None:
        fields(facts, entry, items)
    if links:
        items.append(bullet(_LINKS + facts.cites(links)))
    for attachment in files or ():
        ref = facts.exhibit_refs.get((entry["id"], attachment["sha256"]), "")
        exhibit = f"Exhibit {ref}: " + added_as(facts, attachment.get("filename", ""))
        if present(attachment.get("description", "")):
            exhibit += ", " + facts.text(attachment["description"])
        items.append(bullet(exhibit))
    recorded = "- " + _provenance(entry, day, written, revisions)
    if not items:  # a paragraph, then the list: a blank line between them
        return heading, f"No further details recorded.\n\n{recorded}"
    items.append(recorded)
    # An item of several lines (further paragraphs) is spaced from the next: the items
    # joined hold more line ends than the joins.  The details, when of one line, end
    # where the first join is, and are not counted through again.
    if after_details < 0:
        body = _spaced_items(items)
    else:
        body = "\n".join(items)
        if body.count("\n", after_details) >= len(items):
            body = _spaced_items(items)
    return heading, body


# The common fields an entry in full shows, each read by its name.  A stored entry has every
# field of its kind: the file's records are checked for it as it is read (shape.py), and
# a record the check refuses never gets here (a workbook of an older schema is brought
# up to date before it is checked, by a reader in memory as by a writer).  An entry made
# in Python without every field may lack one: it is read field by field, each missing
# one taken as absent, as before.
_SHOWN_FIELDS = (
    ("title", ""),
    ("details", ""),
    ("areas", None),
    ("people", None),
    ("links", None),
    ("attachments", None),
    ("created_at", None),
    ("revisions", None),
)


def _shown_of(entry: Mapping[str, Any]) -> tuple[Any, ...]:
    """The fields of :data:`_SHOWN_FIELDS` of an entry that lacks some, each taken as
    absent (the default beside it)."""
    return tuple(entry.get(name, absent) for name, absent in _SHOWN_FIELDS)


def _spaced_items(items: list[str]) -> str:
    """List items of which some have further paragraphs, joined as :func:`blocks.spaced`
    joins them: after an item's further paragraph, a blank line before the next item."""
    lines: list[str] = []
    for item in items:
        if lines and line_kind(lines[-1].rpartition("\n")[2]) not in ("blank", "item"):
            lines.append("")
        lines.append(item)
    return "\n".join(lines)


_DETAILS = f"{FIELD_LABELS['details']}: "
_AREAS = f"- {FIELD_LABELS['areas']}: "
_PEOPLE = f"{FIELD_LABELS['people']}: "
_LINKS = f"{FIELD_LABELS['links']}: "
_NEXT_PARAGRAPH = "\n\n" + INDENT
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


def provenance(entry: Mapping[str, Any], day: date | None = None) -> str:
    """When the entry was first written down, how long after the day it tells of, and
    whether it was changed since: a note made on the day weighs more than one made later.
    ``day`` is the entry's day, when the caller has it."""
    return _provenance(entry, day, entry.get("created_at"), entry.get("revisions"))


def _provenance(entry: Mapping[str, Any], day: date | None, written: Any, revisions: Any) -> str:
    """:func:`provenance`, given the entry's ``created_at`` and ``revisions`` as read."""
    # (_stamp, written out for the stamp the app writes: every entry has one.)
    if type(written) is str and written:
        try:
            created: datetime | None = datetime.fromisoformat(written)
        except ValueError:
            created = None
    else:
        created = _stamp(written)
    if created is None:
        said = "Recorded: when it was first written down is not known"
    else:
        # (Days between the two, as (created.date() - day).days counts them.)
        gap = created.toordinal() - (model.entry_day(entry) if day is None else day).toordinal()
        after = _AFTER.get(gap)
        if after is None:
            after = (
                "the same day"
                if gap == 0
                else f"{plural(gap, 'day')} after the day it tells of"
                if gap > 0
                else f"{plural(-gap, 'day')} before the day it tells of"
            )
            if len(_AFTER) < 10_000:
                _AFTER[gap] = after  # the same few gaps again and again
        # To the minute: the stamp as written, when the app wrote it.
        if type(written) is str and _WRITTEN_AS_THE_APP_DOES(written):
            if not revisions:  # most entries: the line made in one step
                return (
                    f"Recorded: first written down on {written[:10]} {written[11:16]}, "
                    f"{after}; not changed since."
                )
            said = f"Recorded: first written down on {written[:10]} {written[11:16]}, {after}"
        else:
            said = f"Recorded: first written down on {_to_the_minute(created)}, {after}"
    if revisions:
        changed = _stamp(entry.get("updated_at"))
        last = f", last on {_to_the_minute(changed)}" if changed else ""
        kept = plural(len(revisions), "earlier version")
        return f"{said}; changed since{last} ({kept} kept in the workbook)."
    return said + "; not changed since."


# How long after (or before) the day it tells of an entry was written down, by the days.
_AFTER: dict[int, str] = {}


# A stamp read as a date and time and written ``YYYY-MM-DDTHH:MM...`` (or with a space
# for the T) with a year from 1000, as the app writes it: then its first sixteen
# characters are :func:`_to_the_minute` of it, its marks looked at in one step.
_WRITTEN_AS_THE_APP_DOES = re.compile(r"[^0][\s\S]{3}-[\s\S]{2}-[\s\S]{2}[T ][\s\S]{2}:").match


def kind_fields(facts: Facts, entry: Mapping[str, Any]) -> list[str]:
    """The fields of the entry's own kind, as list items."""
    items: list[str] = []
    fields = _KIND_FIELDS.get(entry["kind"])
    if fields is not None:
        fields(facts, entry, items)
    return items


# Each field's label as it starts its list item.
_LABELLED = {name: f"{label}: " for name, label in FIELD_LABELS.items()}


def _text(facts: Facts, entry: Mapping[str, Any], name: str, items: list[str]) -> None:
    """A text field of the family's, when it shows anything."""
    value = entry.get(name, "")
    if value == "":  # most optional fields are empty
        return
    shown = facts.text(value)
    if shown:
        items.append(
            "- " + _LABELLED[name] + shown if "\n" not in shown else bullet(_LABELLED[name] + shown)
        )


def _on_day(entry: Mapping[str, Any], name: str, items: list[str]) -> None:
    """A date field, when it is filled in."""
    if entry.get(name):
        items.append("- " + _LABELLED[name] + day_text(entry[name]))


def _heading(name: str, found: Any, items: list[str]) -> None:
    """The item heading a list of the kind's own (targets, actions...), when it has any."""
    if found:
        items.append("- " + _LABELLED[name].rstrip(" "))


def _concern(facts: Facts, entry: Mapping[str, Any], items: list[str]) -> None:
    for name in ("raised_by", "raised_with", "channel", "response"):
        _text(facts, entry, name, items)
    _on_day(entry, "response_date", items)


def _assessment(facts: Facts, entry: Mapping[str, Any], items: list[str]) -> None:
    _text(facts, entry, "professional", items)
    _text(facts, entry, "findings", items)
    found = entry.get("recommendations") or ()
    _heading("recommendations", found, items)
    for item in found:
        done = IMPLEMENTED_LABELS.get(item.get("implemented", ""), "not known").lower()
        items.append(bullet(f"{facts.quoted(item.get('text', ''))}: {done}", 1))


def _plan(facts: Facts, entry: Mapping[str, Any], items: list[str]) -> None:
    _on_day(entry, "start_date", items)
    _on_day(entry, "review_date", items)
    targets = entry.get("targets") or ()
    _heading("targets", targets, items)
    for target in targets:
        items.append(bullet(target_text(facts, target), 1))
    provision = entry.get("provision") or ()
    _heading("provision", provision, items)
    for item in provision:
        items.append(bullet(provision_text(facts, item), 1))


def _review(facts: Facts, entry: Mapping[str, Any], items: list[str]) -> None:
    if entry.get("plan_id"):
        items.append("- " + _LABELLED["plan_id"] + facts.cite(entry["plan_id"]))
    outcomes = entry.get("outcomes") or ()
    _heading("outcomes", outcomes, items)
    targets = facts.plan_targets(entry.get("plan_id", ""))
    for outcome in outcomes:
        target = targets.get(outcome.get("target_id", ""))
        name = facts.quoted(target.get("text", "")) if target else "A target not in the plan"
        result = RESULT_LABELS.get(outcome.get("result", ""), "Not assessed").lower()
        shown = f"{name}: {result}"
        if present(outcome.get("evidence", "")):
            shown += "; evidence: " + facts.text(outcome["evidence"])
        items.append(bullet(shown, 1))
    for name in ("parent_views", "child_views", "next_steps"):
        _text(facts, entry, name, items)


def _meeting(facts: Facts, entry: Mapping[str, Any], items: list[str]) -> None:
    attendees = facts.joined(entry.get("attendees") or ())
    if attendees:
        items.append(bullet(_LABELLED["attendees"] + attendees))
    _text(facts, entry, "purpose", items)
    actions = entry.get("actions") or ()
    _heading("actions", actions, items)
    for action in actions:
        parts = [facts.quoted(action.get("text", ""))]
        if present(action.get("owner", "")):
            parts.append("owner: " + facts.text(action["owner"]))
        if action.get("due"):
            parts.append("due: " + day_text(action["due"]))
        parts.append("done" if action.get("done") else "not done")
        items.append(bullet("; ".join(parts), 1))
    _on_day(entry, "follow_up_sent", items)


def _correspondence(facts: Facts, entry: Mapping[str, Any], items: list[str]) -> None:
    get = entry.get
    direction = DIRECTION_LABELS.get(get("direction", ""), DIRECTION_LABELS["received"])
    items.append("- " + _LABELLED["direction"] + direction)
    # (_text of each, written out: a long journal has thousands of letters.)
    for name in ("from", "to", "subject"):
        value = get(name, "")
        if value != "":
            shown = facts.text(value)
            if shown:
                items.append(
                    "- " + _LABELLED[name] + shown
                    if "\n" not in shown
                    else bullet(_LABELLED[name] + shown)
                )
    if get("reply_due"):
        items.append("- " + _LABELLED["reply_due"] + day_text(entry["reply_due"]))


def _incident(facts: Facts, entry: Mapping[str, Any], items: list[str]) -> None:
    label = vocabulary.INCIDENT_LABELS.get(entry.get("incident_type", ""), "Other")
    items.append("- " + _LABELLED["incident_type"] + label)
    items.append("- " + _LABELLED["days_lost"] + number(entry.get("days_lost") or 0))


def _observation(facts: Facts, entry: Mapping[str, Any], items: list[str]) -> None:
    # Most observations record no views: those are passed over here, without a call.
    if entry.get("child_views", "") != "":
        _text(facts, entry, "child_views", items)
    if entry.get("parent_views", "") != "":
        _text(facts, entry, "parent_views", items)


def _request(facts: Facts, entry: Mapping[str, Any], items: list[str]) -> None:
    label = vocabulary.REQUEST_LABELS.get(entry.get("request_type", ""), "Other request")
    items.append("- " + _LABELLED["request_type"] + label)
    _text(facts, entry, "sent_to", items)
    _text(facts, entry, "outcome", items)
    _on_day(entry, "outcome_date", items)
    if entry.get("asked_for") in model.ASKED_FOR and entry.get("asked_for"):
        items.append(
            "- " + _LABELLED["asked_for"] + vocabulary.ASKED_FOR_LABELS[entry["asked_for"]]
        )
        _on_day(entry, "asked_for_date", items)
        _on_day(entry, "supplied_date", items)
    _text(facts, entry, "exception_claimed", items)


# Each kind's own fields, in the order the entry shows them.
_KIND_FIELDS: dict[str, Callable[[Facts, Mapping[str, Any], list[str]], None]] = {
    "concern": _concern,
    "assessment": _assessment,
    "plan": _plan,
    "review": _review,
    "meeting": _meeting,
    "correspondence": _correspondence,
    "incident": _incident,
    "observation": _observation,
    "request": _request,
}

"""Which entries a timeline includes, in which order, and as they stood on the day.

Derived facts are always worked out from all of the child's entries up to ``as_of``; the
filters here narrow only what the chronology shows and the summary counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from sen_workbook import model

from .options import TimelineOptions


def sort_key(entry: Mapping[str, Any]) -> tuple[date, str, str, str]:
    """The chronology's order: date, time, when recorded, id (so ties never move)."""
    raw = str(entry.get("date", ""))
    return (model.entry_day(entry), raw[11:16], str(entry.get("created_at", "")), str(entry["id"]))


def entry_areas(entry: Mapping[str, Any], plans: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """The areas an entry touches: its own, its plan's targets', a review's plan's."""
    areas = set(entry.get("areas") or ())
    if entry.get("kind") == "review":
        plan = plans.get(entry.get("plan_id", ""))
        if plan is not None:
            areas |= entry_areas(plan, {})
    for target in entry.get("targets") or ():
        if target.get("area"):
            areas.add(target["area"])
    return areas


def select_entries(
    entries: Iterable[Mapping[str, Any]], options: TimelineOptions
) -> list[dict[str, Any]]:
    """The entries a timeline includes, in date order (date, time, created_at, id).

    Included: dated on or before ``as_of``, within ``date_from``/``date_to``, of one of
    ``kinds`` (all when empty) and touching one of ``areas`` (all when empty).  A review
    touches the areas of its plan's targets, so filtering by area keeps it with its plan.
    """
    entries = list(entries)
    return sorted((dict(entry) for entry in chosen(entries, options)), key=sort_key)


def chosen(
    entries: Sequence[Mapping[str, Any]],
    options: TimelineOptions,
    among: Sequence[Mapping[str, Any]] | None = None,
) -> Iterator[Mapping[str, Any]]:
    """:func:`select_entries` without the copies and the sorting: the entries it keeps,
    in the order given.  A review's plan is looked for ``among`` (default ``entries``)."""
    plans = (  # only an area filter looks at a review's plan
        {e["id"]: e for e in (entries if among is None else among) if e.get("kind") == "plan"}
        if options.areas
        else {}
    )
    filtered = options.date_from or options.date_to or options.kinds or options.areas
    for entry in entries:
        day = model.entry_day(entry)
        if day > options.as_of:
            continue
        if filtered:
            if options.date_from and day < options.date_from:
                continue
            if options.date_to and day > options.date_to:
                continue
            if options.kinds and entry.get("kind") not in options.kinds:
                continue
            if options.areas and not entry_areas(entry, plans) & set(options.areas):
                continue
        yield entry


# Answers recorded on an entry, each with the field holding its date: an answer dated
# after the preparation date had not come yet as the document tells it.
_LATER_ANSWERS = {
    "concern": ("response_date", ("response", "response_date")),
    "request": ("outcome_date", ("outcome", "outcome_date")),
    "meeting": ("follow_up_sent", ("follow_up_sent",)),
}
# The kinds :func:`as_it_stood` may change; every other entry stands as it is.
ANSWERED_KINDS = frozenset(_LATER_ANSWERS)


def as_it_stood(entry: Mapping[str, Any], as_of: date) -> Mapping[str, Any]:
    """The entry as it stood on ``as_of``: answers dated later are left out."""
    later = _LATER_ANSWERS.get(str(entry.get("kind")))
    if later is None:
        return entry
    date_field, cleared = later
    value = entry.get(date_field) or ""
    try:
        if not value or model.parse_date(value, date_field) <= as_of:
            return entry
    except ValueError:
        return entry
    return {**entry, **{name: "" for name in cleared}}

"""Calendar out: every date still to come, as iCalendar all-day events for the family's
calendar (Google, Apple, Outlook, Thunderbird).

The dates come from the same derived facts as the timeline, so they never disagree:
statutory deadlines from :mod:`sen_workbook.deadlines` (only those still to come and in
force), and a plan's review date, a meeting action's due date and a reply due date from the
flags of :mod:`sen_workbook.analysis`, taken as they would stand on the day after each date
(a flag then means the thing is still open now).  Each event has a stable UID made from
the record and the rule, so importing the calendar again updates the events instead of
doubling them; a reminder at 9:00 a few days before; and a description naming the rule
and the entry it comes from.  The ``icalendar`` package writes the file (folding, escaping,
line endings), so the family's text can never break it.
"""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from sen_workbook import model, vocabulary

REMINDER_DAYS = 3
_UID_SPACE = uuid.UUID("6f1c2b9e-4d0a-4a57-9a35-0c3f1e7d2b11")  # this product's namespace
_HORIZON_DAYS = 3 * 366  # how far ahead the due dates of plans, actions and replies are read
_OPEN_CODES = {
    "review_overdue": "review",
    "action_overdue": "action",
    "reply_overdue": "reply",
}


class CalendarEvent(NamedTuple):
    """One date to put in the family's calendar."""

    uid: str
    day: _dt.date
    summary: str
    description: str


def upcoming_events(
    child: Mapping[str, Any], entries: Iterable[Mapping[str, Any]], as_of: _dt.date
) -> list[CalendarEvent]:
    """Every date on or after ``as_of`` that is still to come for ``child``, by day."""
    from sen_workbook.analysis import flags
    from sen_workbook.deadlines import RULES, deadlines

    mine = [e for e in entries if e.get("child_id") == child["id"]]
    by_id = {e["id"]: e for e in mine}
    name = (child.get("preferred_name") or child.get("name") or "").strip()
    for_whom = f" ({name})" if name else ""
    events: list[CalendarEvent] = []
    for deadline in deadlines([dict(e) for e in mine], as_of):
        if deadline.due < as_of or deadline.status not in ("upcoming", "exception"):
            continue
        if deadline.state == "clock_stopped":
            continue  # no day yet: the month starts again when the organisation has its ID
        rule = RULES.get(deadline.rule)
        entry = by_id.get(deadline.entry_id, {})
        lines = [
            deadline.sentence,  # where it stands, in the words of the timeline and the app
            f"Rule: {deadline.label} ({deadline.source}).",
            rule.description if rule else "",
            f"From the entry: {_entry_words(entry)}.",
            f"Counted from {deadline.start.isoformat()}.",
            deadline.note,
            rule.caveat if rule else "",
        ]
        exception = ""
        if deadline.status == "exception":
            exception = " (exception claimed)"
            lines.append(f"An exception has been claimed: {deadline.exception_claimed}")
        # The family's own time limits (an appeal) are theirs to keep; the rest are duties
        # of the council, the school or the mediation service.
        family = deadline.duty_of == "family"
        lines.insert(
            1,
            "This is your own time limit." if family else f"Who must act: the {deadline.duty_of}.",
        )
        events.append(
            CalendarEvent(
                _uid("deadline", deadline.entry_id, deadline.rule),
                deadline.due,
                f"{'Your last day' if family else 'Due'}: {deadline.label}{exception}{for_whom}",
                _joined(lines),
            )
        )
    # A flag that would be raised the day after a date means the thing is still open.
    # A review or a letter dated after today has not happened yet (the workbook refuses
    # such a review; an older one may hold one): it closes nothing, as in the timeline.
    horizon = as_of + _dt.timedelta(days=_HORIZON_DAYS)
    held = [
        dict(e)
        for e in mine
        if e.get("kind") not in ("review", "correspondence") or model.entry_day(e) <= as_of
    ]
    seen: set[str] = set()
    for flag in flags(held, horizon):
        what = _OPEN_CODES.get(flag.code)
        if what is None or flag.date < as_of:
            continue
        entry = by_id.get(flag.entry_id, {})
        event = _open_item(what, flag.entry_id, entry, flag.date, for_whom)
        if event.uid in seen:
            continue
        seen.add(event.uid)
        events.append(event)
    events.sort(key=lambda e: (e.day, e.summary, e.uid))
    return events


def _open_item(
    what: str, entry_id: str, entry: Mapping[str, Any], day: _dt.date, for_whom: str
) -> CalendarEvent:
    title = _short(entry.get("title", ""))
    if what == "review":
        summary = f"Review due: {title}"
        rule = (
            "Rule: the review date written in the plan (SEND Code of Practice 6.52 to "
            "6.56: the plan is reviewed with the family on the date agreed)."
        )
        state = "No review of this plan is recorded yet."
        item = "plan"
    elif what == "action":
        action = _action_of(entry, day)
        summary = f"Action due: {_short(action.get('text', ''))}"
        rule = "Rule: the due date agreed for an action at a meeting."
        owner = str(action.get("owner", "")).strip()
        state = (
            f"Action: {_short(action.get('text', ''), 200)}"
            + (f" (by {owner})" if owner else "")
            + "; not recorded as done yet."
        )
        item = f"action {action.get('text', '')}"
    else:
        summary = f"Reply due: {title}"
        rule = "Rule: the reply due date written on the letter or email the family sent."
        to = str(entry.get("to", "")).strip()
        state = f"Sent{' to ' + _short(to) if to else ''}; no reply is recorded yet."
        item = "reply"
    lines = [rule, f"From the entry: {_entry_words(entry)}.", state]
    # The UID names the record (and the action), not the day: a date put back updates the
    # event the family already has.
    return CalendarEvent(_uid(what, entry_id, item), day, summary + for_whom, _joined(lines))


def _action_of(meeting: Mapping[str, Any], day: _dt.date) -> Mapping[str, Any]:
    action: Mapping[str, Any]
    for action in meeting.get("actions", ()):
        if action.get("due") == day.isoformat() and not action.get("done"):
            return action
    return {"text": "an action from the meeting"}


def _entry_words(entry: Mapping[str, Any]) -> str:
    if not entry:
        return "(not found)"
    kind = vocabulary.KIND_LABELS.get(entry.get("kind", ""), entry.get("kind", ""))
    return f"{kind} \u201c{_short(entry.get('title', ''), 80)}\u201d of {str(entry.get('date', ''))[:10]}"


def _short(text: Any, limit: int = 60) -> str:
    words = " ".join(str(text).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "\u2026"


def _joined(lines: Iterable[str]) -> str:
    return "\n".join(line.strip() for line in lines if line and line.strip())


def _uid(*parts: str) -> str:
    """The same record and rule always give the same UID, and nothing of the child's."""
    return f"{uuid.uuid5(_UID_SPACE, '|'.join(parts))}@sen-workbook"


def calendar_bytes(
    child: Mapping[str, Any],
    entries: Iterable[Mapping[str, Any]],
    as_of: _dt.date,
    *,
    stamp: _dt.datetime | None = None,
) -> bytes:
    """The ``.ics`` file of every upcoming date of ``child``."""
    from icalendar import Alarm, Calendar, Event

    stamp = stamp or _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//SEN Workbook//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = (child.get("preferred_name") or child.get("name") or "").strip()
    calendar.add("x-wr-calname", f"SEN Workbook: {name}" if name else "SEN Workbook")
    for item in upcoming_events(child, entries, as_of):
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)  # a date: an all-day event
        event.add("dtend", item.day + _dt.timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")  # a deadline does not make the family busy
        event.add("categories", ["SEN Workbook"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"In {REMINDER_DAYS} days: {item.summary}")
        # From the start of the day: 9:00 on the morning REMINDER_DAYS days before.
        alarm.add("trigger", -_dt.timedelta(days=REMINDER_DAYS - 1, hours=15))
        event.add_component(alarm)
        calendar.add_component(event)
    written: bytes = calendar.to_ical()
    return written

"""The summary for a complaint: what was asked, of whom, what answer came back and how
long the family waited, then the deadlines and flags."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sen_workbook import model, vocabulary

from .blocks import bullet, table
from .deadline_table import deadline_section
from .escaping import present
from .facts import Facts
from .flag_list import flag_section
from .incidents import incident_lines
from .professionals import findings, recommendations
from .provision import dropped, placed_views, provision_with_views
from .views import view_line
from .words import plural, when


def summary_complaint(facts: Facts) -> list[list[str]]:
    """The asks and answers table, the waits, the deadlines and the flags."""
    asked = asks(facts)
    rows = []
    answered_waits: list[tuple[int, str]] = []
    open_waits: list[tuple[int, str]] = []
    for entry, what, whom, answer, answer_day in asked:
        day = model.entry_day(entry)
        ref = facts.refs[entry["id"]]
        if answer_day is not None:
            waited = (answer_day - day).days
            answered_waits.append((waited, ref))
            days = str(waited)
        elif answer is not None:
            days = "answer date not recorded"
        else:
            waited = (facts.as_of - day).days
            open_waits.append((waited, ref))
            days = f"{waited} so far"
        rows.append(
            [
                ref,
                when(entry),
                what,
                whom,
                answer if answer is not None else "No answer recorded",
                answer_day.isoformat() if answer_day else "",
                days,
            ]
        )
    lines = ["### What was asked, of whom, and what answer came back", ""]
    if rows:
        lines += table(
            ["Ref", "Date", "Asked", "Of whom", "Answer", "Answered on", "Days waited"], rows
        )
    else:
        lines.append("No concerns, letters sent or formal requests in this chronology.")
    kinds = [entry.get("kind") for entry, *_ in asked]
    waits = ["### Waits", ""]
    said = [
        f"Asked: {len(asked)} (concerns {kinds.count('concern')}, letters and emails sent "
        f"{kinds.count('correspondence')}, formal requests {kinds.count('request')}).",
        f"Answered: {len(asked) - len(open_waits)}.",
    ]
    if answered_waits:
        longest, ref = max(answered_waits, key=lambda pair: (pair[0], -int(pair[1][1:])))
        said.append(
            f"The longest wait for an answer that came was {plural(longest, 'day')} ({ref})."
        )
    if open_waits:
        longest, ref = max(open_waits, key=lambda pair: (pair[0], -int(pair[1][1:])))
        said.append(
            f"No answer recorded by {facts.as_of.isoformat()}: {len(open_waits)}; the "
            f"longest has waited {plural(longest, 'day')} ({ref})."
        )
    waits.append(" ".join(said))
    return [
        lines,
        waits,
        ["### Incidents and days of education lost", "", *incident_lines(facts)],
        [
            "### What professionals found and recommended",
            "",
            *findings(facts),
            "",
            *recommendations(facts),
        ],
        [
            "### The provision, and what the child and the family said of it",
            "",
            *provision_with_views(facts),
            *_views_elsewhere(facts),
            *_dropped(facts),
        ],
        deadline_section(facts),
        flag_section(facts),
    ]


def _views_elsewhere(facts: Facts) -> list[str]:
    """The views that name no provision, after the provision."""
    elsewhere = placed_views(facts)[3]
    if not elsewhere:
        return []
    return [
        "",
        f"Views that name no provision: {len(elsewhere)}.",
        *(bullet(view_line(facts, view)) for view in elsewhere),
    ]


def _dropped(facts: Facts) -> list[str]:
    gone = dropped(facts)
    return ["", *gone] if gone else []


def asks(
    facts: Facts,
) -> list[tuple[Mapping[str, Any], str, str, str | None, date | None]]:
    """Each concern, letter sent and formal request: what, of whom, answer, when."""
    found = []
    for entry in facts.selected:
        kind = entry.get("kind")
        if kind == "concern":
            what = facts.text(entry.get("title", ""), "cell")
            whom = facts.text(entry.get("raised_with", ""), "cell")
            answer_day = model.optional_date(entry.get("response_date", ""))
            response = str(entry.get("response", ""))
            answer = facts.text(response, "cell") if present(response) else None
            if answer is None and answer_day is not None:
                answer = "Answer recorded without its text"
        elif kind == "correspondence" and entry.get("direction") == "sent":
            what = facts.text(entry.get("title", ""), "cell")
            if present(entry.get("subject", "")):
                what += " (subject: " + facts.text(entry["subject"], "cell") + ")"
            whom = facts.text(entry.get("to", ""), "cell")
            reply = facts.reply_to(entry)
            answer_day = model.entry_day(reply) if reply else None
            answer = None
            if reply is not None:
                shown = facts.text(reply.get("subject") or reply.get("title", ""), "cell")
                where = facts.refs.get(reply["id"])
                answer = shown + (f" ({where})" if where else "")
        elif kind == "request":
            label = vocabulary.REQUEST_LABELS.get(entry.get("request_type", ""), "Request")
            what = f"{label}: " + facts.text(entry.get("title", ""), "cell")
            whom = facts.text(entry.get("sent_to", ""), "cell")
            answer_day = model.optional_date(entry.get("outcome_date", ""))
            outcome = str(entry.get("outcome", ""))
            answer = facts.text(outcome, "cell") if present(outcome) else None
            if answer is None and answer_day is not None:
                answer = "Outcome recorded without its text"
        else:
            continue
        found.append((entry, what, whom, answer, answer_day))
    return found

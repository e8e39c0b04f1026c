"""Incidents (sent home, part-time timetables, exclusions...) with the days of education
lost, as both summaries give them."""

from __future__ import annotations

from sen_workbook import vocabulary

from .blocks import bullet
from .facts import Facts
from .words import number, plural

EXCLUSION_NOTE = (
    "The DfE's guidance on suspension and permanent exclusion says that sending a pupil "
    "home without a formal exclusion is unlawful, even when the parent agrees."
)


def incident_lines(facts: Facts) -> list[str]:
    """The incidents counted, then each type with its days lost and references."""
    incidents = facts.chosen("incident")
    total = sum(e.get("days_lost") or 0 for e in incidents)
    lines = [
        f"Incidents: {len(incidents)}; days of education lost, all incidents: {number(total)}."
    ]
    for kind, label in vocabulary.INCIDENT_LABELS.items():
        these = [e for e in incidents if e.get("incident_type") == kind]
        if not these:
            continue
        days = sum(e.get("days_lost") or 0 for e in these)
        refs = "; ".join(facts.cite(e["id"]) for e in these)
        lines.append(
            bullet(f"{label}: {plural(len(these), 'time')}, {plural(days, 'day')} lost ({refs}).")
        )
    sent_home = [e for e in incidents if e.get("incident_type") == "sent_home"]
    if sent_home:
        days = sum(e.get("days_lost") or 0 for e in sent_home)
        lines += [
            "",
            (
                f"Sent home without a formal exclusion: {plural(len(sent_home), 'time')}, "
                f"{plural(days, 'day')} lost. {EXCLUSION_NOTE}"
            ),
        ]
    return lines

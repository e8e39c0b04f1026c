"""The chronology: one table row per entry, with its reference, date, kind, a one-line
summary and its exhibits; and the plain chronology's summary of entries by kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sen_workbook import vocabulary

from .blocks import Block, table
from .deadline_table import deadline_section
from .facts import Facts
from .flag_list import flag_section
from .rows import ROWS_READ, RowsRead
from .words import plural


def summary_chronology(facts: Facts) -> list[list[str]]:
    """Entries by kind, then the flags and the statutory deadlines."""
    lines = ["### Entries by kind", ""]
    lines.append(f"Entries in this chronology: {len(facts.selected)}.")
    counts = [(label, len(facts.chosen(kind))) for kind, label in vocabulary.KIND_LABELS.items()]
    lines += [f"- {label}: {count}." for label, count in counts if count]
    return [lines, flag_section(facts), deadline_section(facts)]


def chronology(facts: Facts) -> list[Block]:
    """The chronology table, or a sentence when nothing is selected: one block, as its
    text (a heading and a table need no more spacing)."""
    lines = ["## Chronology", ""]
    if not facts.selected:
        return ["\n".join([*lines, "No entries in this selection."])]
    # The table's rows written here as :func:`blocks.table` writes them: one line each.
    lines += table(["Ref", "Date", "Kind", "Summary", "Exhibits"], [])
    kinds, text = vocabulary.KIND_LABELS, facts.text
    # The summary's look at each row, taken in the same pass (see rows.py).
    rows = RowsRead()
    read = rows.read
    for entry, ref, shown_when in zip(
        facts.selected, facts.selected_refs, facts.selected_when, strict=True
    ):
        kind = entry["kind"]
        try:  # (a stored entry has every field of its kind: see entries._SHOWN_FIELDS)
            title = entry["title"]
            files = entry["attachments"]
        except KeyError:
            title, files = entry.get("title", ""), entry.get("attachments")
        if kind in _KINDS_WITH_A_FACT:
            summary = row_summary(facts, entry)
        else:  # the title alone
            summary = text(title, "cell")
        exhibits = ", ".join(facts.entry_exhibits(entry)) if files else ""
        lines.append(f"| {ref} | {shown_when} | {kinds[kind]} | {summary} | {exhibits} |")
        read(facts, entry, kind)
    facts.once(ROWS_READ, lambda _: rows)
    return ["\n".join(lines)]


# The kinds whose row tells one more fact than the title (see :func:`row_summary`).
_KINDS_WITH_A_FACT = frozenset(("incident", "request", "correspondence", "concern"))


def row_summary(facts: Facts, entry: Mapping[str, Any]) -> str:
    """The chronology's one-line summary: the title and the key fact of the kind."""
    title = facts.text(entry.get("title", ""), "cell")
    kind = entry["kind"]
    fact = ""
    if kind == "incident":
        label = vocabulary.INCIDENT_LABELS.get(entry.get("incident_type", ""), "Incident")
        fact = f"{label}, {plural(entry.get('days_lost') or 0, 'day')} lost"
    elif kind == "request":
        fact = vocabulary.REQUEST_LABELS.get(entry.get("request_type", ""), "Request")
        sent_to = facts.text(entry.get("sent_to", ""), "cell")
        if sent_to:
            fact += " to " + sent_to
    elif kind == "correspondence":
        sent = entry.get("direction") == "sent"
        fact = "sent" if sent else "received"
        other = facts.text(entry.get("to" if sent else "from", ""), "cell")
        if other:
            fact += (" to " if sent else " from ") + other
    elif kind == "concern":
        raised_with = facts.text(entry.get("raised_with", ""), "cell")
        if raised_with:
            fact = "raised with " + raised_with
    return f"{title} ({fact})" if fact else title

"""One child's records as the screens show them, and the words used to show them.

The workspace loads a child's entries once (and again after a change), works out the
derived facts from them (cycles, flags, statutory deadlines) for the app's "today", and
hands the same values to every tab, so switching tabs or typing in a search never goes
back to the workbook file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text

from sen_workbook import analysis, deadlines, model

# Short names for narrow columns; the model's full names are used where there is room.
KIND_SHORT: dict[str, str] = {
    "concern": "Concern",
    "assessment": "Assessment",
    "plan": "Plan",
    "review": "Review",
    "meeting": "Meeting",
    "correspondence": "Letter/call",
    "incident": "Incident",
    "observation": "Observation",
    "request": "Request",
}

AREA_SHORT: dict[str, str] = {
    "communication_interaction": "C&I",
    "cognition_learning": "C&L",
    "semh": "SEMH",
    "sensory_physical": "S&P",
    "other": "Other",
}

STAGES: dict[str, str] = {
    "none": "Not recorded",
    "sen_support": "SEN Support",
    "ehcna_requested": "Assessment requested",
    "ehc_plan": "EHC plan",
}

def plain(text: Any, limit: int | None = None) -> Text:
    """User text on one line, never read as markup, cut to ``limit`` cells with an ellipsis."""
    shown = Text(one_line(text), no_wrap=True, overflow="ellipsis")
    if limit is not None and shown.cell_len > limit:
        shown.truncate(max(limit, 1), overflow="ellipsis")
    return shown


def one_line(value: Any) -> str:
    """User text with its line breaks and runs of spaces made single spaces."""
    return " ".join(str(value).split())


def provision_text(item: Mapping[str, Any]) -> tuple[str, str]:
    """A provision item as (what, "who, how often, from when to when")."""
    start, end = str(item.get("start", "")), str(item.get("end", ""))
    if start and end:
        span = f"{start} to {end}"
    else:
        span = f"from {start}" if start else (f"until {end}" if end else "")
    details = [one_line(item.get("who", "")), one_line(item.get("frequency", "")), span]
    return one_line(item.get("what", "")), ", ".join(d for d in details if d)


def provision_lines(plan: Mapping[str, Any]) -> list[Text]:
    """A plan's provision as a "Provision:" heading and one bullet line per item."""
    if not plan.get("provision"):
        return []
    lines = [Text("Provision:", style="bold")]
    for item in plan["provision"]:
        what, details = provision_text(item)
        line = Text(f" \u2022 {what}")
        if details:
            line.append(f" ({details})", style="dim")
        lines.append(line)
    return lines


def days_text(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def area_names(areas: Iterable[str], *, short: bool = False) -> str:
    """Areas of need as words, in the Code's order."""
    names = AREA_SHORT if short else model.AREAS
    chosen = set(areas)
    return ", ".join(names[a] for a in model.AREAS if a in chosen)


def when(entry: Mapping[str, Any]) -> str:
    """An entry's date as stored, with the time when one was written: ``2024-03-04 09:15``."""
    return " ".join(str(entry.get("date", "")).replace("T", " ").split())


def child_label(child: Mapping[str, Any]) -> str:
    """The child's name, with the name they go by when it differs."""
    name = one_line(child.get("name", ""))
    preferred = one_line(child.get("preferred_name", ""))
    return f"{name} ({preferred})" if preferred and preferred != name else name


def attention_count(flags: Sequence[analysis.Flag], due: Sequence[deadlines.Deadline]) -> int:
    """What needs a parent's attention: every flag and every missed statutory deadline."""
    return len(flags) + sum(1 for d in due if d.status == "missed")


def open_deadlines(due: Iterable[deadlines.Deadline]) -> list[deadlines.Deadline]:
    """The deadlines still to act on: missed, upcoming (the family's own windows open
    among them) or under a claimed exception; not those met, or gone by with no one in
    breach."""
    return [d for d in due if d.status in ("missed", "upcoming", "exception")]


@dataclass
class ChildRecords:
    """A child, their entries (oldest first) and what follows from them on ``as_of``."""

    child: dict[str, Any]
    entries: list[dict[str, Any]]
    as_of: date
    cycles: list[analysis.Cycle]
    flags: list[analysis.Flag]
    deadlines: list[deadlines.Deadline]

    def __post_init__(self) -> None:
        self.by_id = {entry["id"]: entry for entry in self.entries}

    @classmethod
    def build(
        cls, child: dict[str, Any], entries: list[dict[str, Any]], as_of: date
    ) -> ChildRecords:
        # One cut of the entries as of the day, shared: the flags then reuse the cycles
        # instead of sorting the entries and working the cycles out again.
        known = analysis.entries_as_of(entries, as_of)
        return cls(
            child=child,
            entries=entries,
            as_of=as_of,
            cycles=analysis.cycles(known, as_of),
            flags=analysis.flags(known, as_of),
            deadlines=deadlines.deadlines(known, as_of),
        )

    @property
    def latest_cycle(self) -> analysis.Cycle | None:
        return self.cycles[-1] if self.cycles else None


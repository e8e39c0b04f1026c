"""What the summary reads of each row of the chronology, gathered as the chronology is
made: the areas of need each entry touches, the views recorded, and the list items
naming each observation and meeting.

The chronology goes through every row, and at 20,000 entries a pass over them costs more
than most of the work done in it; so the summary's own look at each row is taken in the
same pass (the document makes its chronology before its summary, see
:func:`document.pieces`).  When the chronology has not been made (a summary worked out
on its own), the rows are read here, the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sen_workbook.vocabulary import KIND_LABELS

from .blocks import bullet
from .facts import Facts
from .views import View, entry_views

# The name the rows read are kept under in :meth:`Facts.once`.
ROWS_READ = "rows read"
# The kinds the summary lists entry by entry with their titles (see :func:`titled_item`).
TITLED_KINDS = ("observation", "meeting")


class RowsRead:
    """The summary's look at every row, in the chronology's order."""

    __slots__ = ("own_areas", "with_plan_areas", "views", "titled")

    def __init__(self) -> None:
        # Each list of areas an entry names as its own, and how many entries name it,
        # for the entries whose areas are their own alone (see selection.entry_areas).
        self.own_areas: dict[tuple[Any, ...], int] = {}
        # The entries whose areas include their plan's targets' (reviews, plans).
        self.with_plan_areas: list[Mapping[str, Any]] = []
        # Every view recorded at a review or with an observation (see views.views).
        self.views: list[View] = []
        # The list item of each entry of the kinds listed with their titles, by kind.
        self.titled: dict[str, list[str]] = {kind: [] for kind in TITLED_KINDS}

    def read(self, facts: Facts, entry: Mapping[str, Any], kind: Any) -> None:
        """Take the summary's look at one row (``kind`` is the entry's)."""
        if kind == "review" or entry.get("targets"):  # (only a plan has targets)
            self.with_plan_areas.append(entry)
        else:
            try:  # (a stored entry has every field of its kind: see entries._SHOWN_FIELDS)
                areas = entry["areas"]
            except KeyError:
                areas = None
            key = tuple(areas or ())
            own = self.own_areas
            own[key] = own.get(key, 0) + 1
        # (Most observations record no view: those are passed over without a call.  The
        # fields are views.VIEW_FIELDS', the kinds views.VIEW_KINDS.)
        if (kind == "observation" or kind == "review") and (
            entry.get("child_views") or entry.get("parent_views")
        ):
            self.views += entry_views(entry)
        titled = self.titled.get(kind)
        if titled is not None:
            titled.append(titled_item(facts, entry, KIND_LABELS.get(kind, "Entry")))


def views(facts: Facts) -> list[View]:
    """Every view recorded at a review or with an observation in the chronology, in its
    order, the child's first at each entry."""
    return rows_read(facts).views


def rows_read(facts: Facts) -> RowsRead:
    """The summary's look at every row: as the chronology gathered it, or read here."""
    return facts.once(ROWS_READ, _read_rows)


def _read_rows(facts: Facts) -> RowsRead:
    rows = RowsRead()
    for entry in facts.selected:
        rows.read(facts, entry, entry.get("kind"))
    return rows


def titled_item(facts: Facts, entry: Mapping[str, Any], kind: str) -> str:
    """An entry as a list item of the summary's: ``- R5, 2024-03-04: Meeting, “Title”.``
    (:meth:`Facts.titled`, for lists of thousands); ``kind`` is its kind's label."""
    try:  # (a stored entry has every field of its kind: see entries._SHOWN_FIELDS)
        title = entry["title"]
    except KeyError:
        title = ""
    title = facts.text(title)
    item = f"- {facts.cite(entry['id'])}: {kind}, “{title}”."
    return item if "\n" not in title else bullet(item[2:])

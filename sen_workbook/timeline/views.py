"""The child's and the parent's views, recorded at reviews and with observations, and the
provision each one speaks of.

A caseworker reads "ELSA sessions often cancelled" best beside the ELSA provision, so a
view is placed beside the provision whose name it uses: an abbreviation in capitals
("ELSA", "SALT"), or every word of the name that carries meaning ("visual timetable" in
"the visual timetable is not used"), leaving out an aside in brackets.  A view that names no provision is
listed with the child's needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from .escaping import present
from .facts import Facts

# Whose view, as the field holding it and the words that introduce it.
VIEW_FIELDS: tuple[tuple[str, str], ...] = (
    ("child_views", "Child's views"),
    ("parent_views", "Parent's views"),
)

# Words that say nothing about which provision is meant.
_COMMON = frozenset(
    "a an and the of for with to in on at by from or per week weekly day daily times time "
    "session sessions group groups support help minutes mins hour hours term x".split()
)
_WORD = re.compile(r"[^\W_]+")


class View(NamedTuple):
    """One view: the entry it was recorded with, whose it is, and the words."""

    entry: Mapping[str, Any]
    label: str  # "Child's views" or "Parent's views"
    text: str


def views(facts: Facts) -> list[View]:
    """Every view recorded at a review or with an observation in the chronology, in its
    order, the child's first at each entry."""
    found = []
    for entry in facts.selected:
        if entry.get("kind") in ("review", "observation"):
            for field, label in VIEW_FIELDS:
                text = str(entry.get(field, "") or "")
                if present(text):
                    found.append(View(entry, label, text))
    return found


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def speaks_of(view: str, provision: str) -> int:
    """How closely ``view`` names ``provision``: 0 when it does not; otherwise the number
    of the name's words it uses (an abbreviation in capitals counts as the whole name)."""
    # A name's aside in brackets ("Daily language programme (from the SALT report)") says
    # where it came from, not what it is.
    provision = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", provision)
    said = {_singular(word) for word in _words(view)}
    named = [_singular(word) for word in _words(provision)]
    if not named:
        return 0
    capitals = [w for w in _WORD.findall(provision) if len(w) >= 2 and w.isupper()]
    if any(_singular(word.casefold()) in said for word in capitals):
        return len(named)
    meaningful = [word for word in named if word not in _COMMON and len(word) >= 3]
    if meaningful and all(word in said for word in meaningful):
        return len(meaningful)
    return 0


def place(views_found: Iterable[View], provision: list[str]) -> tuple[dict[int, list[View]],
                                                                     list[View]]:
    """Each view beside the provision (by index in ``provision``) it names most closely,
    the first of those when two name it as closely; and the views that name none."""
    beside: dict[int, list[View]] = {}
    elsewhere: list[View] = []
    for view in views_found:
        scores = [speaks_of(view.text, what) for what in provision]
        best = max(scores, default=0)
        if best:
            beside.setdefault(scores.index(best), []).append(view)
        else:
            elsewhere.append(view)
    return beside, elsewhere


def view_line(facts: Facts, view: View) -> str:
    """“Words”, who said them and where: ``Child's views (R7, 2024-04-02): “...”``."""
    return f"{view.label} ({facts.cite(view.entry['id'])}): {facts.quoted(view.text)}"

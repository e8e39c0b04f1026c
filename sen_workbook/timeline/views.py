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


# The kinds of entry that record views.
VIEW_KINDS = ("review", "observation")


def entry_views(entry: Mapping[str, Any]) -> list[View]:
    """The views one entry records (of a kind in :data:`VIEW_KINDS`), the child's first."""
    found = []
    for field, label in VIEW_FIELDS:
        text = str(entry.get(field, "") or "")
        if text and present(text):
            found.append(View(entry, label, text))
    return found


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


class _Name(NamedTuple):
    """A provision's name as :func:`speaks_of` reads it, worked out once."""

    words: int  # how many words the name has, its aside in brackets left out
    capitals: frozenset[str]  # its abbreviations in capitals, as a view's words are kept
    meaningful: tuple[str, ...]  # the words that carry meaning


def _said(view: str) -> set[str]:
    return {_singular(word) for word in _words(view)}


def _name(provision: str) -> _Name:
    # A name's aside in brackets ("Daily language programme (from the SALT report)") says
    # where it came from, not what it is.
    provision = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", provision)
    named = [_singular(word) for word in _words(provision)]
    capitals = frozenset(
        _singular(w.casefold()) for w in _WORD.findall(provision) if len(w) >= 2 and w.isupper()
    )
    meaningful = tuple(word for word in named if word not in _COMMON and len(word) >= 3)
    return _Name(len(named), capitals, meaningful)


def _score(said: set[str], name: _Name) -> int:
    if not name.words:
        return 0
    if not name.capitals.isdisjoint(said):
        return name.words
    if name.meaningful and said.issuperset(name.meaningful):
        return len(name.meaningful)
    return 0


def speaks_of(view: str, provision: str) -> int:
    """How closely ``view`` names ``provision``: 0 when it does not; otherwise the number
    of the name's words it uses (an abbreviation in capitals counts as the whole name)."""
    return _score(_said(view), _name(provision))


def place(
    views_found: Iterable[View], provision: list[str]
) -> tuple[dict[int, list[View]], list[View]]:
    """Each view beside the provision (by index in ``provision``) it names most closely,
    the first of those when two name it as closely; and the views that name none."""
    # Each name is read once, and indexed by the words a view must use to name it (any of
    # its capitals, or its first meaningful word), so a view is scored only against the
    # names it could speak of: the cost grows with views plus names, not views × names.
    names = [_name(what) for what in provision]
    # A view names a provision by all its meaningful words, so it must use the one of
    # them fewest names share: indexed by that word, a view meets fewer names to score.
    shared: dict[str, int] = {}
    for name in names:
        for word in set(name.meaningful):
            shared[word] = shared.get(word, 0) + 1
    named_by: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        if not name.words:
            continue
        keys = set(name.capitals)
        if name.meaningful:
            keys.add(min(name.meaningful, key=shared.__getitem__))
        for key in keys:
            named_by.setdefault(key, []).append(index)
    beside: dict[int, list[View]] = {}
    elsewhere: list[View] = []
    for view in views_found:
        said = _said(view.text)
        candidates = sorted({i for word in said for i in named_by.get(word, ())})
        best, where = 0, -1
        for index in candidates:  # in provision order, so the first of equals wins
            # (_score, written out: a view may meet dozens of names.  Every name indexed
            # has words.)
            name = names[index]
            if not name.capitals.isdisjoint(said):
                score = name.words
            elif name.meaningful and said.issuperset(name.meaningful):
                score = len(name.meaningful)
            else:
                continue
            if score > best:
                best, where = score, index
        if best:
            beside.setdefault(where, []).append(view)
        else:
            elsewhere.append(view)
    return beside, elsewhere


def view_line(facts: Facts, view: View) -> str:
    """“Words”, who said them and where: ``Child's views (R7, 2024-04-02): “...”``."""
    return f"{view.label} ({facts.cite(view.entry['id'])}): {facts.quoted(view.text)}"

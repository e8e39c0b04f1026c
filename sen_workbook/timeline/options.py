"""What a timeline is asked for: purpose, dates, kinds, areas, preparation date, pseudonym.

The options are a small read-only class rather than a frozen dataclass: the timeline
command starts measurably sooner without importing ``dataclasses`` (and ``inspect`` with
it), and the class gives what a frozen dataclass would (keyword arguments, equality,
hashing, no assignment).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sen_workbook import model

from .pseudonyms import EMPTY_PSEUDONYM

PURPOSES = ("ehcna", "complaint", "chronology")


class TimelineOptions:
    """What to put in a timeline.

    ``as_of`` is the preparation date: the only "today" the document knows, so the same
    records and options always give the same text.  Empty ``areas`` or ``kinds`` mean all;
    an entry is included when it touches any of the chosen areas.  A non-empty
    ``pseudonym`` replaces the child's names everywhere in the document; one of spaces
    only is refused, since whoever typed it meant to hide the name.

    Options are given by name, checked when made and never changed after; two options
    with the same values are equal and can be used as the same dictionary key.
    """

    _FIELDS = ("as_of", "purpose", "date_from", "date_to", "areas", "kinds", "pseudonym")

    as_of: date
    purpose: str
    date_from: date | None
    date_to: date | None
    areas: tuple[str, ...]
    kinds: tuple[str, ...]
    pseudonym: str

    def __init__(
        self,
        *,
        as_of: date,
        purpose: str = "chronology",
        date_from: date | None = None,
        date_to: date | None = None,
        areas: Iterable[str] = (),
        kinds: Iterable[str] = (),
        pseudonym: str = "",
    ) -> None:
        if pseudonym and not pseudonym.strip():
            raise ValueError(EMPTY_PSEUDONYM)
        # Lists are accepted for convenience but stored as tuples, so options stay hashable.
        fields = self.__dict__  # set directly: the options are read-only (see __setattr__)
        fields.update(as_of=as_of, purpose=purpose, date_from=date_from, date_to=date_to)
        fields.update(areas=tuple(areas), kinds=tuple(kinds), pseudonym=pseudonym.strip())
        for name in ("as_of", "date_from", "date_to"):
            value = getattr(self, name)
            if value is None and name != "as_of":
                continue
            if not isinstance(value, date):
                raise ValueError(f"{name} must be a date, not {value!r}.")
            if isinstance(value, datetime):  # a time of day would not compare with a date
                fields[name] = value.date()
        if self.purpose not in PURPOSES:
            raise ValueError(f"purpose {self.purpose!r} is not one of {', '.join(PURPOSES)}.")
        for area in self.areas:
            if area not in model.AREAS:
                raise ValueError(f"area {area!r} is not one of {', '.join(model.AREAS)}.")
        for kind in self.kinds:
            if kind not in model.KINDS:
                raise ValueError(f"kind {kind!r} is not one of {', '.join(model.KINDS)}.")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(
                f"The date range runs from {self.date_from} to {self.date_to}: "
                "the start must not be after the end."
            )

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: timeline options are read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: timeline options are read-only")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"{type(self).__qualname__}({shown})"

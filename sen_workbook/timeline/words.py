"""The tool's own small words: dates as shown, numbers, plurals, ages.

None of these is user text, so none is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from sen_workbook import model

_shown_dates: dict[str, str] = {}


def when(entry: Mapping[str, Any]) -> str:
    """An entry's date (and time, when recorded) as shown: ``2024-03-04 09:15``."""
    raw = entry.get("date", "")
    shown = _shown_dates.get(raw) if isinstance(raw, str) else None
    if shown is not None:
        return shown
    return _shown(raw, model.entry_day(entry))


def when_dated(raw: Any, day: date) -> str:
    """:func:`when` of an entry whose stored ``date`` is ``raw`` and whose day
    (:func:`model.entry_day`) is ``day``: for a caller that has read both already."""
    shown = _shown_dates.get(raw) if isinstance(raw, str) else None
    if shown is not None:
        return shown
    if type(raw) is str and _AS_THE_APP_WRITES(raw):  # _shown's first case, without a call
        return raw
    return _shown(raw, day)


# ``YYYY-MM-DD HH:MM`` in ASCII digits with a real time of day, as the app writes a date
# and time: one step in C, where the same checks one by one took twice as long.
_AS_THE_APP_WRITES = re.compile(r"\d{4}-\d\d-\d\d (?:[01]\d|2[0-3]):[0-5]\d", re.ASCII).fullmatch


def _shown(raw: Any, entry_day: date) -> str:
    """:func:`when` of a date not shown before, kept for the next time."""
    if type(raw) is str and _AS_THE_APP_WRITES(raw):
        # ``YYYY-MM-DD HH:MM`` in ASCII digits, as the app writes it, with its time
        # checked here: shown as it is (its day, read from the same ten characters, gives
        # them back), and not kept, since most such dates are of one entry only.
        return raw
    shown = day = entry_day.isoformat()
    raw = str(raw)
    if len(raw) == 16 and raw[10] in " T" and raw[13] == ":":
        # ``YYYY-MM-DD HH:MM``, as the app writes it: the day is read, the time is checked
        # here (the same rule as parse_date's, without reading the day again).
        hour, minute = raw[11:13], raw[14:16]
        if hour.isascii() and minute.isascii() and hour.isdigit() and minute.isdigit():
            if hour <= "23" and minute <= "59":
                shown = f"{day} {raw[11:16]}"
                if len(_shown_dates) < 100_000:
                    _shown_dates[raw] = shown
                return shown
    if len(raw.strip()) > 10:
        model.parse_date(raw, "date", allow_time=True)  # only a checked time is shown
        shown = f"{day} {raw.strip()[11:16]}"
    if len(_shown_dates) < 100_000:  # entries are cited by date again and again
        _shown_dates[raw] = shown
    return shown


_shown_days: dict[str, str] = {}


def day_text(value: str) -> str:
    """An optional stored date, checked, or "" when empty."""
    shown = _shown_days.get(value) if type(value) is str else None
    if shown is None:
        parsed = model.optional_date(value)
        shown = parsed.isoformat() if parsed else ""
        if type(value) is str and len(_shown_days) < 100_000:  # the same days again and again
            _shown_days[value] = shown
    return shown


def number(value: Any) -> str:
    """A count or a number of days as written: 2, 0.5 (never 2.0)."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


def plural(count: int | float, one: str, many: str | None = None) -> str:
    """``count`` and its noun: "1 day", "2 days", "0.5 days"."""
    return f"{number(count)} {one if count == 1 else (many or one + 's')}"


def left_out(count: int, what: str) -> str:
    """The sentence counting what a filter left out: "1 further flag concerns only
    entries outside this selection.", "2 further deadlines concern ..."."""
    verb = "concerns" if count == 1 else "concern"
    return f"{plural(count, 'further ' + what)} {verb} only entries outside this selection."


def age(born: date, on: date) -> tuple[int, int] | None:
    """Whole years and months from ``born`` to ``on``; None when born after ``on``."""
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    return None if months < 0 else divmod(months, 12)

"""The sample's school years: term weeks, days of the week, dates as a parent writes them."""

from __future__ import annotations

from datetime import date, timedelta

from sen_workbook import model

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# Weeks of a school year (counted from the first Monday of September) that are term
# time: autumn with October half-term, spring with February half-term, summer with May
# half-term.  Close to most English local authorities' dates, not any one of them.
_TERM_WEEKS = frozenset(
    [*range(0, 7), *range(8, 16), *range(18, 24), *range(25, 30), *range(32, 38), *range(39, 46)]
)


# --- the calendar ----------------------------------------------------------------------


class _Calendar:
    """School-year weeks counted from the first Monday on or after ``start``."""

    def __init__(self, start: date):
        self.first_monday = start + timedelta(days=(7 - start.weekday()) % 7)
        self.school_year = start.year if start.month >= 8 else start.year - 1
        self.last_day = self.day(3, 45, FRI)

    def day(self, year: int, week: int, weekday: int) -> date:
        """The day in school year 1, 2 or 3, week 0 to 51, Monday=0."""
        return self.first_monday + timedelta(weeks=(year - 1) * 52 + week, days=weekday)

    def iso(self, year: int, week: int, weekday: int) -> str:
        """The same day as an ISO date, for date fields."""
        return self.day(year, week, weekday).isoformat()

    def at(self, year: int, week: int, weekday: int, time: str = "") -> str:
        """An entry date, with a time ``HH:MM`` when given."""
        text = self.iso(year, week, weekday)
        return f"{text} {time}" if time else text

    def year_of(self, day: date) -> int:
        """Which school year (0, 1 or 2) a day falls in."""
        return min(2, max(0, (day - self.first_monday).days // 364))

    def in_term(self, day: date) -> bool:
        """Whether a day falls in a term week (weekends included)."""
        return ((day - self.first_monday).days // 7) % 52 in _TERM_WEEKS


def _long(day: date | str) -> str:
    """A date as a parent writes it: 4 March 2024."""
    if isinstance(day, str):
        day = model.parse_date(day[:10])
    return f"{day.day} {day:%B %Y}"


def _month(day: date | str) -> str:
    """Month and year for a file name: March 2024."""
    if isinstance(day, str):
        day = model.parse_date(day[:10])
    return f"{day:%B %Y}"

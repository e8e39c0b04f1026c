"""Filler entries beyond the scripted story, for workbooks of any size, from the filler's
vocabulary and one seeded random source."""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

from sen_workbook import model
from sen_workbook.demo.family import _Person
from sen_workbook.demo.filler_words import (
    _ACTIONS,
    _ANY_DAY_LETTERS,
    _CHANNELS,
    _CONCERN_ASKS,
    _CONCERNS,
    _CORRESPONDENCE,
    _INCIDENTS,
    _MEETING_HOURS,
    _MEETING_MIDDLES,
    _MEETINGS,
    _TERM_CUMULATIVE,
    _TERM_KINDS,
    _THEMES,
)
from sen_workbook.demo.school_calendar import _Calendar
from sen_workbook.demo.story import _MUM, _stamp

T = TypeVar("T")


class _Filler:
    """Plausible entries beyond the story, spread evenly over the three school years."""

    def __init__(
        self,
        rng: random.Random,
        calendar: _Calendar,
        family: tuple[_Person, ...],
        children: list[model.Child],
    ):
        self.random = rng.random
        self.calendar = calendar
        self.family = family
        self.child_ids = [child["id"] for child in children]
        # The story opens the journal; filler begins once it is under way, after six weeks.
        self.first_day = calendar.first_monday + timedelta(weeks=6)
        self.span = (calendar.last_day - self.first_day).days + 1
        self.contexts = [
            [self._context(person, year) for year in person.years] for person in family
        ]
        # Homework, detentions and the like are left out for the youngest child; a
        # school-day theme never lands on a weekend or in the holidays, nor a home one
        # on a school day.
        themes = [[t for t in _THEMES if not (p.young and t.get("school_age"))] for p in family]
        self.school_themes = [tuple(t for t in ts if t["days"] != "home") for ts in themes]
        self.home_themes = [tuple(t for t in ts if t["days"] != "school") for ts in themes]
        self.concerns = [
            tuple(c for c in _CONCERNS if not (p.young and c[0] == "homework")) for p in family
        ]
        self.letters = [
            tuple(c for c in _CORRESPONDENCE if not (p.young and "homework" in c[1]))
            for p in family
        ]
        self.home_letters = [
            tuple(c for c in letters if c[1] in _ANY_DAY_LETTERS) for letters in self.letters
        ]
        self.builders = {
            "observation": self._observation,
            "correspondence": self._correspondence,
            "meeting": self._meeting,
            "incident": self._incident,
            "concern": self._concern,
        }

    @staticmethod
    def _context(person: _Person, year: dict[str, str]) -> dict[str, str]:
        he, his, him = person.pronouns
        return {
            **year,
            "name": person.preferred or person.name.split()[0],
            "he": he,
            "He": he.capitalize(),
            "his": his,
            "His": his.capitalize(),
            "him": him,
            "clinic": "Hartshire Community Health",
            "parent": "Ngozi (mum)",
            "comfort": person.comfort,
            "sch": "nursery" if year["year"] == "Nursery" else "school",
            "activity": "",
            "worry": "",
            "time": "",
        }

    def pick(self, items: Sequence[T]) -> T:
        """One of ``items``, from the seeded generator (quicker than ``choice``)."""
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high`` inclusive."""
        return low + int(self.random() * (high - low + 1))

    def entry(self, number: int, count: int, entry_id: str) -> model.Entry:
        slot = max(1, self.span // count)
        offset = min(self.span - 1, number * self.span // count + int(self.random() * slot))
        day = self.first_day + timedelta(days=offset)
        child = number % len(self.family)
        person = self.family[child]
        ctx = self.contexts[child][self.calendar.year_of(day)]
        ctx["activity"] = self.pick(person.activities)
        ctx["worry"] = self.pick(person.worries)
        school_day = day.weekday() < 5 and self.calendar.in_term(day)
        if school_day:
            kind = _TERM_KINDS[bisect.bisect(_TERM_CUMULATIVE, self.random() * 100)]
        else:
            kind = "observation" if self.random() < 0.75 else "correspondence"
        time, fields = self.builders[kind](child, person, ctx, day, school_day)
        when = f"{day.isoformat()} {time}" if time else day.isoformat()
        fields["details"] = _fit(fields["details"])
        stamp = _stamp(when)
        return model.new_entry(
            kind,
            self.child_ids[child],
            id=entry_id,
            date=when,
            created_at=stamp,
            updated_at=stamp,
            **fields,
        )

    def _time(self, first: int, last: int) -> str:
        return f"{self.between(first, last - 1):02d}:{self.pick(('00', '15', '30', '45'))}"

    @staticmethod
    def _areas(person: _Person, preferred: tuple[str, ...]) -> list[str]:
        return [a for a in preferred if a in person.areas][:2] or [person.areas[0]]

    def _words(self, pool: tuple[str, ...]) -> str:
        """The child's own words, protected from formatting."""
        return "{He} said: " + self.pick(pool).replace("{", "{{").replace("}", "}}")

    def _observation(
        self, child: int, person: _Person, ctx: dict[str, str], day: date, school_day: bool
    ) -> tuple[str, dict[str, Any]]:
        theme = self.pick(self.school_themes[child] if school_day else self.home_themes[child])
        middles = theme["middles"]
        first = int(self.random() * len(middles))
        parts = [self.pick(theme["openers"]), middles[first]]
        if self.random() < 0.5:
            parts.append(
                middles[(first + 1 + int(self.random() * (len(middles) - 1))) % len(middles)]
            )
        words = theme["words"]
        if words == "either" or (words and self.random() < 0.5):
            hard = words == "hard" or (words == "either" and self.random() < 0.5)
            parts.append(self._words(person.hard_words if hard else person.good_words))
        parts.append(self.pick(theme["closings"]))
        time = self._time(15, 20) if self.random() < 0.5 else ""
        return time, {
            "title": self.pick(theme["titles"]).format_map(ctx),
            "details": " ".join(p for p in parts if p).format_map(ctx),
            "areas": self._areas(person, theme["areas"]),
        }

    def _correspondence(
        self, child: int, person: _Person, ctx: dict[str, str], day: date, school_day: bool
    ) -> tuple[str, dict[str, Any]]:
        # Out of term the family writes; school and clinics write back in term.
        letters = self.letters[child] if school_day else self.home_letters[child]
        direction, title, subject, other, openings, follow = self.pick(letters)
        other_name = ctx[other]
        details = f"{self.pick(openings)} {self.pick(follow)}".format_map(ctx)
        if direction == "sent":
            sender, receiver = _MUM, other_name
            reply_due = (
                (day + timedelta(days=self.between(7, 14))).isoformat()
                if self.random() < 0.6
                else ""
            )
        else:
            sender, receiver, reply_due = other_name, _MUM, ""
        time = self._time(8, 20) if self.random() < 0.5 else ""
        return time, {
            "title": title.format_map(ctx),
            "details": details,
            "areas": self._areas(
                person, ("communication_interaction", "cognition_learning", "semh")
            ),
            "people": [other_name],
            "direction": direction,
            "from": sender,
            "to": receiver,
            "subject": subject.format_map(ctx),
            "reply_due": reply_due,
        }

    def _meeting(
        self, child: int, person: _Person, ctx: dict[str, str], day: date, school_day: bool
    ) -> tuple[str, dict[str, Any]]:
        title, purpose, host, openings = self.pick(_MEETINGS)
        details = f"{self.pick(openings)} {self.pick(_MEETING_MIDDLES)}".format_map(ctx)
        first = int(self.random() * len(_ACTIONS))
        actions = []
        for step in range(self.between(1, 3)):
            text, owner = _ACTIONS[(first + step * 3) % len(_ACTIONS)]
            actions.append(
                {
                    "text": text.format_map(ctx),
                    "owner": ctx[owner],
                    "due": (day + timedelta(days=self.between(5, 21))).isoformat(),
                    "done": self.random() < 0.65,
                }
            )
        staff = ctx[host]
        first_hour, last_hour = _MEETING_HOURS.get(title, (8, 16))
        return self._time(first_hour, last_hour + 1), {
            "title": title.format_map(ctx),
            "details": details,
            "areas": self._areas(
                person, ("communication_interaction", "semh", "cognition_learning")
            ),
            "people": [staff],
            "attendees": [_MUM, staff],
            "purpose": purpose.format_map(ctx),
            "actions": actions,
            "follow_up_sent": day.isoformat() if self.random() < 0.6 else "",
        }

    def _incident(
        self, child: int, person: _Person, ctx: dict[str, str], day: date, school_day: bool
    ) -> tuple[str, dict[str, Any]]:
        kind, days_lost, titles, happened, followed = self.pick(_INCIDENTS)
        time = ctx["time"] = self._time(9, 15)
        parts = [self.pick(happened), self.pick(followed)]
        if kind in ("sent_home", "absence") and self.random() < 0.5:
            parts.append(self._words(person.hard_words))
        return time, {
            "title": self.pick(titles).format_map(ctx),
            "details": " ".join(parts).format_map(ctx),
            "areas": self._areas(person, ("other",) if kind == "injury" else ("semh",)),
            "people": [ctx["teacher_full"]],
            "incident_type": kind,
            "days_lost": days_lost,
        }

    def _concern(
        self, child: int, person: _Person, ctx: dict[str, str], day: date, school_day: bool
    ) -> tuple[str, dict[str, Any]]:
        topic, worry, answer = self.pick(self.concerns[child])
        role = self.pick(("teacher", "senco"))
        details = (
            f"I told {{{role}}} that {worry}. {self.pick(_CONCERN_ASKS)} "
            "I gave two recent examples with dates."
        ).format_map(ctx)
        if self.random() < 0.75:
            response = answer.format_map({**ctx, "who": ctx[role]})
            response_date = (day + timedelta(days=self.between(1, 10))).isoformat()
        else:
            response, response_date = "", ""
        return "", {
            "title": f"Raised a worry about {topic}",
            "details": details,
            "areas": self._areas(
                person, ("semh", "communication_interaction", "cognition_learning")
            ),
            "people": [ctx[f"{role}_full"]],
            "raised_by": _MUM,
            "raised_with": ctx[f"{role}_full"],
            "channel": self.pick(_CHANNELS),
            "response": response,
            "response_date": response_date,
        }


def _fit(details: str) -> str:
    """Keep filler details at a readable length, cutting at a sentence when too long."""
    while len(details) > 600 and ". " in details:
        details = details.rsplit(". ", 1)[0] + "."
    if len(details) < 100:
        details += " I am keeping a note of this for the next review of the support plan."
    return details

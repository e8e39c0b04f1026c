"""What a letter knows about a child: the evidence timeline's own facts and numbering.

A letter is written from the very object the timeline renders from (all the child's
entries up to the preparation date, no filter), so the flags, deadlines, cycles and the
``R`` and ``E`` references it quotes are the ones of a timeline or bundle prepared on
the same day: the two never disagree.  The timeline's pseudonym replaces the child's
names in every piece of family text a letter shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sen_workbook import deadlines, model, vocabulary
from sen_workbook.errors import ValidationError
from sen_workbook.letters.document import (
    Family,
    Letter,
    LetterBlock,
    Line,
    Record,
    joined,
    long_date,
)
from sen_workbook.timeline import TimelineOptions

# The timeline's own facts: its refs, exhibits, flags and deadlines are the letter's.
from sen_workbook.timeline.facts import Facts as TimelineFacts

LISTED = 8  # items a list in a letter shows; the rest are counted, and are in the timeline
REFS_SHOWN = 6  # references one fact cites; the rest are counted


class LetterError(ValidationError):
    """A letter cannot be written as asked; the message is one sentence saying why."""


class NothingToSay(LetterError):
    """The records hold nothing for this letter to say (no missed deadline to chase...)."""


def days(count: int | float) -> str:
    """``1 day``, ``3 days``, ``1.5 days``."""
    shown = str(int(count)) if float(count).is_integer() else f"{count:g}"
    return f"{shown} day" if count == 1 else f"{shown} days"


def times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def reply_by(as_of: date, working_days: int) -> date:
    """The day a reply is asked for: ``working_days`` working days in England after
    ``as_of``, or the same number of weeks' worth of calendar days outside the years
    whose bank holidays are known."""
    try:
        return deadlines.add_working_days(as_of, working_days)
    except deadlines.CalendarRangeError:
        return as_of + timedelta(days=working_days * 7 // 5)


class LetterFacts:
    """One child's records as of a day, with the timeline's numbering and pseudonym.

    ``with_refs`` says whether the letter goes with an evidence bundle: then every fact
    it draws from an entry carries the entry's ``R`` reference and exhibits.
    """

    def __init__(
        self,
        child: Mapping[str, Any],
        entries: Sequence[Mapping[str, Any]],
        *,
        as_of: date,
        pseudonym: str = "",
        with_refs: bool = False,
    ) -> None:
        try:
            options = TimelineOptions(as_of=as_of, pseudonym=pseudonym)
            self.timeline = TimelineFacts(child, entries, options)
        except ValueError as error:  # a pseudonym holding the child's name
            raise LetterError(str(error)) from None
        self.child = child
        self.as_of = as_of
        self.pseudonym = options.pseudonym
        self.with_refs = with_refs
        self.entries: Sequence[Mapping[str, Any]] = self.timeline.known  # as they stood
        mine = [e for e in entries if e.get("child_id") == child.get("id")]
        # Meetings and reviews planned after the preparation date (annual reviews).
        self.planned = sorted(
            (e for e in mine if model.entry_day(e) > as_of),
            key=lambda e: (model.entry_day(e), str(e.get("id", ""))),
        )
        # The statutory deadlines as the one table counts them: the timeline's, and those
        # a meeting planned after the preparation date already has (the reports due two
        # weeks before an annual review), which a chaser may need.
        self.deadlines = deadlines.deadlines(mine, as_of)
        self.by_id = self.timeline.by_id
        self.with_planned = {**{e["id"]: e for e in self.planned}, **self.by_id}
        self.flags = self.timeline.flags
        self.cycles = self.timeline.cycles

    # --- text -----------------------------------------------------------------------

    def family(self, value: Any) -> Family:
        """Family text, with the child's names replaced when a pseudonym is set."""
        return Family(self.timeline.pseudonym.apply(str(value)))

    @property
    def name(self) -> Family:
        """What the letter calls the child: the name they go by, or the pseudonym."""
        if self.pseudonym:
            return Family(self.pseudonym)
        return Family(self.child.get("preferred_name") or self.child.get("name", ""))

    def quoted(self, value: Any) -> tuple[str, ...]:
        return ("\u201c", self.family(value), "\u201d")

    def about(self) -> tuple[tuple[str, ...], ...]:
        """The lines saying who the letter is about: names, date of birth, setting.

        A pseudonymised letter gives neither the full name nor the date of birth, which
        identify a child as surely as a name.
        """
        child = self.child
        if self.pseudonym:
            line: list[str] = ["Child: ", Family(self.pseudonym), " (a pseudonym)"]
        else:
            line = ["Child: ", Family(child.get("name", ""))]
            preferred = Family(child.get("preferred_name", ""))
            if preferred and preferred != Family(child.get("name", "")):
                line += [", known as ", preferred]
            born = model.optional_date(str(child.get("date_of_birth", "")))
            if born:
                line.append(f", born {long_date(born)}")
        for field in ("year_group", "setting"):
            value = self.family(child.get(field, ""))
            if value:
                line += [", ", value]
        return (tuple(line),)

    def letter(
        self,
        letter_type: str,
        *,
        to: Line,
        subject: Line,
        body: Sequence[LetterBlock],
        record: Record,
        greeting: str | Line = "Dear Sir or Madam,",
        closing: str = "Yours faithfully,",
    ) -> Letter:
        """A letter dated on the preparation day, about this child; a formal letter to an
        unnamed reader unless ``greeting`` and ``closing`` say otherwise."""
        return Letter(
            letter_type=letter_type,
            to=to,
            subject=subject,
            day=self.as_of,
            about=self.about(),
            greeting=greeting,
            body=tuple(body),
            closing=closing,
            record=record,
        )

    # --- references -----------------------------------------------------------------

    def ref(self, *entries: Mapping[str, Any]) -> tuple[str, ...]:
        """`` (R3; E001)`` for entries in a letter that goes with a bundle, else nothing."""
        if not self.with_refs:
            return ()
        refs: list[str] = []
        for entry in entries:
            ref = self.timeline.refs.get(entry["id"])
            if ref and ref not in refs:
                refs.append(ref)
            for exhibit in self.timeline.entry_exhibits(entry):
                if exhibit not in refs:
                    refs.append(exhibit)
        if len(refs) > REFS_SHOWN:  # a letter stays short: the timeline lists them all
            rest = len(refs) - REFS_SHOWN
            return (f" ({'; '.join(refs[:REFS_SHOWN])} and {rest:,} more)",)
        return (f" ({'; '.join(refs)})",) if refs else ()

    def bundle_note(self) -> tuple[str, ...]:
        """The sentence saying what the references point at."""
        return (
            "I enclose the evidence timeline of my records, prepared on "
            f"{long_date(self.as_of)}. R1, R2 and so on refer to its entries and E001, "
            "E002 and so on to the documents attached to them.",
        )

    # --- records --------------------------------------------------------------------

    def of_kind(self, kind: str) -> list[Mapping[str, Any]]:
        """The child's entries of ``kind`` up to the preparation date, oldest first."""
        return [e for e in self.entries if e.get("kind") == kind]

    def requests(self, request_type: str) -> list[Mapping[str, Any]]:
        return [e for e in self.of_kind("request") if e.get("request_type") == request_type]

    def chosen(
        self,
        entry_id: str | None,
        kinds: tuple[str, ...],
        what: str,
        request_type: str = "",
        *,
        planned: bool = False,
    ) -> Mapping[str, Any] | None:
        """The entry a letter is about: the one named by ``entry_id`` (which must be of
        one of ``kinds``), or ``None`` when no id is given.  With ``planned``, it may be
        dated after the preparation date (an annual review still to come)."""
        if not entry_id:
            return None
        return self.named(entry_id, kinds, what, request_type, planned=planned)

    def named(
        self,
        entry_id: str,
        kinds: tuple[str, ...],
        what: str,
        request_type: str = "",
        *,
        planned: bool = False,
    ) -> Mapping[str, Any]:
        """The entry ``entry_id`` names, which must be one of ``kinds`` (and of
        ``request_type`` if given); a :class:`LetterError` saying why not otherwise."""
        entry = (self.with_planned if planned else self.by_id).get(entry_id)
        if entry is None:
            raise LetterError(
                f"No entry of this child with id {entry_id!r} is dated on or before "
                f"{self.as_of.isoformat()}; the letter needs {what}."
            )
        if entry.get("kind") not in kinds or (
            request_type and entry.get("request_type") != request_type
        ):
            shown = vocabulary.KIND_LABELS.get(str(entry.get("kind")), "entry")
            raise LetterError(f"The entry {entry_id!r} is a {shown.lower()}, not {what}.")
        return entry

    def day(self, entry: Mapping[str, Any]) -> str:
        return long_date(model.entry_day(entry))

    def listed(self, items: list[tuple[str, ...]]) -> tuple[list[tuple[str, ...]], str]:
        """The first :data:`LISTED` items, and a sentence counting the rest (or "")."""
        if len(items) <= LISTED:
            return items, ""
        rest = len(items) - LISTED
        where = " in the enclosed timeline" if self.with_refs else " in my records"
        return items[:LISTED], f"There {'is' if rest == 1 else 'are'} {rest} more{where}."


def sent_correspondence(
    facts: LetterFacts,
    to: tuple[str, ...],
    subject: tuple[str, ...],
    reply_due: date | None,
    *about: Mapping[str, Any],
    follow_up_of: str = "",
) -> Record:
    """A letter the family sent: a ``correspondence`` entry linked to what it is about."""
    return Record(
        "correspondence",
        {
            "date": facts.as_of.isoformat(),
            "title": joined(subject),
            "direction": "sent",
            "to": joined(to),
            "subject": joined(subject),
            "reply_due": reply_due.isoformat() if reply_due else "",
            "links": [entry["id"] for entry in about],
            "areas": sorted({a for entry in about for a in entry.get("areas") or ()}),
        },
        follow_up_of,
    )

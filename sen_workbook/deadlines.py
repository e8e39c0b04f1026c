"""Statutory deadlines of a family's formal requests: the one table of rules.

Each rule in :data:`RULES` names its source, so a parent can quote it to a council or a
tribunal.  :func:`deadlines` reads the ``request`` entries (and what answered them) and
says, as of a day, which deadlines were met, missed, are still to come, or are under an
exception the family has claimed.  The calendar arithmetic is public because forms and
tests use it: weeks, calendar months (31 January + 1 month = 28 or 29 February), working
days in England (weekends and bank holidays excluded) and the Tribunal's appeal dates.

Pure: no I/O.  The bank holidays are data in this file, so working-day arithmetic is
only possible for the years they cover; outside them it raises
:class:`CalendarRangeError` (a ``ValueError``) rather than guess.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from functools import partial
from typing import Any, NamedTuple

from sen_workbook import model
from sen_workbook.analysis import chronological_key, entries_as_of, known_date, linked

# --- the rules -------------------------------------------------------------------------


class Rule(NamedTuple):
    """One statutory time limit: what must happen, by when, and where the law says so."""

    key: str
    label: str
    source: str
    description: str
    # Who must act: a duty of the council, school or mediation adviser, which evidence can
    # show as met or missed; or "family", a time limit for the family's own next step,
    # which is never shown as "missed" against them.
    duty_of: str = "local authority"
    caveat: str = ""  # shown with every deadline of the rule: what the count cannot know


RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        Rule(
            "ehcna_decision",
            "Decision whether to carry out an EHC needs assessment",
            "SEND Regulations 2014, reg 5",
            "The local authority must say whether it will assess within 6 weeks of "
            "receiving the request.",
        ),
        Rule(
            "no_plan_notice",
            "Notice that no EHC plan will be issued after the assessment",
            "SEND Regulations 2014, reg 10",
            "If, after assessing, the local authority decides not to issue a plan, it must "
            "say so within 16 weeks of the request.",
        ),
        Rule(
            "final_plan",
            "Final EHC plan",
            "SEND Regulations 2014, reg 13(2)",
            "The final EHC plan must be issued within 20 weeks of the request.",
        ),
        Rule(
            "draft_plan_comments",
            "Comments on the draft EHC plan",
            "SEND Regulations 2014, reg 13(1)",
            "The family has at least 15 days, beginning with the day the draft plan was "
            "served, to comment on it, ask for a meeting and ask for a school to be named.",
            duty_of="family",
        ),
        Rule(
            "annual_review",
            "Annual review of the EHC plan",
            "Children and Families Act 2014, s.44",
            "The plan must be reviewed within 12 months beginning with the day it was "
            "issued, and then within 12 months of each review.",
        ),
        Rule(
            "annual_review_decision",
            "Decision after the annual review meeting",
            "SEND Regulations 2014, reg 20",
            "The local authority must decide whether to keep, amend or cease the plan "
            "within 4 weeks of the review meeting.",
        ),
        Rule(
            "appeal",
            "Appeal to the SEND Tribunal",
            "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008, r.20 and r.12; "
            "IPSEA guidance",
            "2 months after the decision letter, or 1 month after a mediation certificate "
            "if that is later.  A deadline on a day that is not a working day moves to the "
            "next working day; one from 25 December to 1 January moves to the first working "
            "day after 1 January; one in August moves to the first working day of September.",
            duty_of="family",
        ),
        Rule(
            "mediation_certificate",
            "Mediation certificate",
            "SEND Regulations 2014, regs 33 to 35",
            "The mediation adviser must issue the certificate within 3 working days of "
            "the family saying they do not want mediation, or of the mediation ending.",
            duty_of="mediation adviser",
        ),
        Rule(
            "education_record",
            "Copy of the school education record",
            "Education (Pupil Information) (England) Regulations 2005, reg 5",
            "A maintained school must make the record available within 15 school days of "
            "a written request.  Counted here as working days: school holidays can make "
            "the real deadline later.",
            caveat="counted in working days; school holidays make the real deadline later, "
            "and the rule is for maintained schools",
            duty_of="school",
        ),
        Rule(
            "subject_access",
            "Reply to a subject access request",
            "UK GDPR art. 12(3); ICO guidance on time limits",
            "1 calendar month after the request is received (the last day of the next "
            "month if it has no such date); a deadline on a weekend or bank holiday moves "
            "to the next working day.",
            duty_of="organisation asked",
        ),
        Rule(
            "ombudsman_complaint",
            "Complaint to the Local Government and Social Care Ombudsman",
            "Local Government Act 1974, s.26B",
            "Within 12 months beginning with the day the family first knew of the problem.",
            caveat="counted from the date of this complaint; if the family knew of the "
            "problem earlier, the limit ends earlier",
            duty_of="family",
        ),
    )
}

# "passed": a family's own time limit went by with nothing recorded (not a breach by anyone).
STATUSES = ("met", "missed", "upcoming", "exception", "passed")


# --- the calendar ----------------------------------------------------------------------

# England and Wales bank holidays, as published by GOV.UK ("UK bank holidays",
# www.gov.uk/bank-holidays, England and Wales), every year from 2012 to 2028 in full,
# including the one-off days (2012 Diamond Jubilee, 2020 VE Day move, 2022 Platinum
# Jubilee and State Funeral, 2023 Coronation) and the substitute days when a holiday
# falls at a weekend.  Add a year here when GOV.UK publishes it, then raise
# LAST_COVERED_YEAR.
_BANK_HOLIDAY_DAYS = """
    2012-01-02 2012-04-06 2012-04-09 2012-05-07 2012-06-04 2012-06-05 2012-08-27 2012-12-25 2012-12-26
    2013-01-01 2013-03-29 2013-04-01 2013-05-06 2013-05-27 2013-08-26 2013-12-25 2013-12-26
    2014-01-01 2014-04-18 2014-04-21 2014-05-05 2014-05-26 2014-08-25 2014-12-25 2014-12-26
    2015-01-01 2015-04-03 2015-04-06 2015-05-04 2015-05-25 2015-08-31 2015-12-25 2015-12-28
    2016-01-01 2016-03-25 2016-03-28 2016-05-02 2016-05-30 2016-08-29 2016-12-26 2016-12-27
    2017-01-02 2017-04-14 2017-04-17 2017-05-01 2017-05-29 2017-08-28 2017-12-25 2017-12-26
    2018-01-01 2018-03-30 2018-04-02 2018-05-07 2018-05-28 2018-08-27 2018-12-25 2018-12-26
    2019-01-01 2019-04-19 2019-04-22 2019-05-06 2019-05-27 2019-08-26 2019-12-25 2019-12-26
    2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28
    2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28
    2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19
    2022-12-26 2022-12-27
    2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25
    2023-12-26
    2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26
    2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26
    2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28
    2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28
    2028-01-03 2028-04-14 2028-04-17 2028-05-01 2028-05-29 2028-08-28 2028-12-25 2028-12-26
"""
BANK_HOLIDAYS_ENGLAND: frozenset[date] = frozenset(
    date.fromisoformat(day) for day in _BANK_HOLIDAY_DAYS.split()
)
FIRST_COVERED_YEAR = 2012
LAST_COVERED_YEAR = 2028


class CalendarRangeError(ValueError):
    """Working days were asked for in a year whose bank holidays are not in the table."""


def _check_covered(day: date) -> None:
    if not FIRST_COVERED_YEAR <= day.year <= LAST_COVERED_YEAR:
        raise CalendarRangeError(
            f"Working days can only be counted from {FIRST_COVERED_YEAR} to "
            f"{LAST_COVERED_YEAR}, the years whose bank holidays the workbook knows; "
            f"{day.isoformat()} is outside them."
        )


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day in England: Monday to Friday, not a bank holiday.

    Raises :class:`CalendarRangeError` outside the years the bank holidays cover.
    """
    _check_covered(day)
    return day.weekday() < 5 and day not in BANK_HOLIDAYS_ENGLAND


def add_weeks(day: date, weeks: int) -> date:
    """``day`` plus whole weeks: 6 weeks after a Wednesday is a Wednesday."""
    return day + timedelta(weeks=weeks)


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (or earlier, if negative).

    When the later month has no such day, its last day: 31 January + 1 month is
    28 February, or 29 February in a leap year; 31 August + 1 month is 30 September.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_end(day: date, months: int) -> date:
    """The last day of a period of ``months`` months *beginning with* ``day``.

    The wording of s.44 of the Children and Families Act 2014 and s.26B of the Local
    Government Act 1974: 12 months beginning with 15 March 2024 end on 14 March 2025;
    beginning with 29 February 2024 or 1 March 2024, on 28 February 2025.
    """
    return add_months(day - timedelta(days=1), months)


def add_working_days(day: date, days: int) -> date:
    """The ``days``-th working day after ``day`` (``day`` itself is not counted).

    3 working days after Wednesday 16 April 2025 is Wednesday 23 April 2025: Good Friday
    and Easter Monday do not count.  Raises :class:`CalendarRangeError` if the count
    runs outside the years the bank holidays cover, and ``ValueError`` for a negative
    count.
    """
    if days < 0:
        raise ValueError(f"A number of working days cannot be negative, not {days}.")
    _check_covered(day)
    current, counted = day, 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current


def working_day_on_or_after(day: date) -> date:
    """``day`` if it is a working day, otherwise the next working day."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _tribunal_closed_for_appeals(day: date) -> bool:
    # HESC Rules r.12(3)(a): an appeal deadline cannot end 25 December to 1 January,
    # nor in August.
    return day.month == 8 or (day.month == 12 and day.day >= 25) or (day.month, day.day) == (1, 1)


def appeal_deadline(decision_date: date, mediation_certificate_date: date | None = None) -> date:
    """The last day to appeal to the SEND Tribunal against a decision.

    2 months after the decision letter, or 1 month after the mediation certificate if
    that is later (r.20).  A day that is not a working day moves to the next working day
    (r.12(2)); a day from 25 December to 1 January moves to the first working day after
    1 January, and a day in August to the first working day after 31 August (r.12(3)).
    Raises :class:`CalendarRangeError` outside the years the bank holidays cover.
    """
    return _appeal_deadline_and_note(decision_date, mediation_certificate_date)[0]


def _appeal_deadline_and_note(decision_date: date, certificate: date | None) -> tuple[date, str]:
    due = add_months(decision_date, 2)
    note = ""
    if certificate is not None and add_months(certificate, 1) > due:
        due = add_months(certificate, 1)
        note = f"1 month after the mediation certificate of {certificate.isoformat()}"
    moved = due
    while _tribunal_closed_for_appeals(moved) or not is_working_day(moved):
        moved += timedelta(days=1)
    if moved != due:
        if due.month == 8:
            why = "a day in August"
        elif _tribunal_closed_for_appeals(due):
            why = "between 25 December and 1 January"
        else:
            why = "not a working day"
        moved_note = f"{due.isoformat()} is {why}, so the deadline moves to {moved.isoformat()}"
        note = f"{note}; {moved_note}" if note else moved_note
    return moved, (note[0].upper() + note[1:] + ".") if note else ""


# --- deadlines of the records ----------------------------------------------------------


class Deadline(NamedTuple):
    """One statutory deadline arising from a request, and where it stands on a day."""

    rule: str  # key into RULES
    label: str
    source: str
    entry_id: str  # the request entry it comes from
    child_id: str
    start: date
    due: date
    status: str  # "met" | "missed" | "upcoming" | "exception" | "passed" (family limits)
    met_on: date | None  # when the thing it waits for happened, if it has
    days_late: int  # met_on - due, or as_of - due if still not met; 0 when met or upcoming
    exception_claimed: str
    note: str = ""  # why the due day moved, when it did (appeals, subject access)
    duty_of: str = "local authority"  # who must act; "family" for the family's own limits


# How families and councils write a refusal to assess, and wordings that say the opposite.
_REFUSAL = re.compile(
    r"refus|declin|turned down|reject|"
    r"\bnot (?:to |going to |be )?(?:assess|carry(?:ing)? out|undertak|conduct|proceed|agree)|"
    r"\bno (?:ehc |education,? health and care )?(?:needs )?assessment"
)
_NOT_REFUSAL = re.compile(
    r"\bnot (?:been )?refus|\bno longer refus|\bwithdr[ae]w\w* (?:the |its )?refus|"
    r"\bagree[sd]? to (?:assess|carry out|undertake|conduct)|"
    r"\bwill (?:now )?(?:assess|carry out (?:an? |the )?(?:ehc|education|needs|statutory))"
)


def is_refusal(outcome: str) -> bool:
    """Whether an ``ehcna`` request's outcome text records a refusal to assess.

    The outcome is the family's own words, so common wordings are recognised ("refused",
    "declined", "decided not to carry out an EHC needs assessment"); a wording that says
    the council agreed, or withdrew a refusal, is not a refusal.
    """
    text = " ".join(outcome.casefold().split())
    return bool(_REFUSAL.search(text)) and not _NOT_REFUSAL.search(text)


def _is_ombudsman(request: Mapping[str, Any]) -> bool:
    return "ombudsman" in f"{request.get('sent_to', '')} {request.get('title', '')}".casefold()


_SCHOOL_WORDS = re.compile(
    r"\b(?:school|head ?teacher|head of|governor|governing|academy|trust|college|nursery|"
    r"principal|senco|sendco)"
)


def _is_to_a_school(request: Mapping[str, Any]) -> bool:
    """A complaint made to a school, academy or its governors: the Local Government
    Ombudsman cannot look into a school's internal matters (LGA 1974, Sch 5 para 5)."""
    text = f"{request.get('sent_to', '')} {request.get('title', '')}".casefold()
    return bool(_SCHOOL_WORDS.search(text))


def deadlines(entries: Iterable[dict], as_of: date) -> list[Deadline]:
    """Every statutory deadline of the ``request`` entries as of ``as_of``.

    Ordered by due day, then request id, then rule.  What each ``request_type`` gives:

    - ``ehcna``: the decision whether to assess, 6 weeks after ``date``, met by the
      request's ``outcome_date``.  If the outcome is a refusal (its text contains
      "refus", "declin", "not to assess" or "not assess"), the appeal deadline runs from
      ``outcome_date`` and the 16- and 20-week ones do not apply.  Otherwise the final
      plan is due 20 weeks after ``date``, met by the ``outcome_date`` of the first
      ``draft_plan`` request of the child (dated from this request to the next ``ehcna``)
      whose ``outcome`` is filled in (the final plan issued); and the notice that no plan
      will be issued is due 16 weeks after ``date`` until a draft plan arrives in that
      window, when it no longer applies (the authority decided to issue a plan).
    - ``draft_plan``: comments within 15 days beginning with ``date`` (the day the draft
      was served, so the last day is ``date`` + 14), met by the first ``sent``
      correspondence linked to it either way.  Its ``outcome_date``, when ``outcome`` is
      filled in, is the final plan: the first annual review falls due within 12 months
      beginning with it, and an appeal against the plan can run from it.
    - ``annual_review`` (a review meeting held): the decision 4 weeks after ``date``, met
      by ``outcome_date``; the next annual review within 12 months beginning with
      ``date``, met by the next ``annual_review`` request; and the appeal deadline from
      ``outcome_date``.
    - ``mediation``: the certificate 3 working days after ``date``, met by
      ``outcome_date`` (the certificate's date).
    - ``education_record``: 15 school days, counted as working days; ``subject_access``:
      1 calendar month, moved to the next working day; both met by ``outcome_date``.
    - ``complaint``: a complaint to the Ombudsman within 12 months beginning with
      ``date``, met by a later ``complaint`` request whose ``sent_to`` or ``title``
      names the Ombudsman (such a request gives no deadline of its own).
    - ``appeal`` and ``other`` give none.

    An appeal deadline is 2 months after the decision, or 1 month after the latest
    certificate of a ``mediation`` request linked to the decision (either way) if later;
    it is met by an ``appeal`` request linked to the decision, or by one linked to no
    decision at all, which counts for the child's latest decision on or before it.

    Status: ``met`` if what the deadline waits for happened on or before the due day;
    otherwise ``missed`` (late, or not done and the due day is before ``as_of``) or
    ``upcoming``, either becoming ``exception`` if the request has ``exception_claimed``.
    Outcomes and replies dated after ``as_of`` have not happened yet.  A deadline that
    needs working days in a year whose bank holidays are not known is left out rather
    than guessed (see :data:`FIRST_COVERED_YEAR`, :data:`LAST_COVERED_YEAR`).
    """
    known = entries_as_of(entries, as_of)
    by_child: dict[str, list[dict]] = defaultdict(list)
    for entry in known:
        if entry["kind"] in ("request", "correspondence"):
            by_child[entry["child_id"]].append(entry)
    found: list[Deadline] = []
    for items in by_child.values():
        found.extend(_ChildDeadlines(items, as_of).all())
    found.sort(key=lambda d: (d.due, d.entry_id, d.rule))
    return found


_DueOf = Callable[[], tuple[date, str]]


class _ChildDeadlines:
    """The deadlines of one child's requests, which may answer one another."""

    def __init__(self, items: list[dict], as_of: date):
        self.as_of = as_of
        self.requests = [e for e in items if e["kind"] == "request"]
        self.letters = [e for e in items if e["kind"] == "correspondence"]
        self.decisions = self._appealable_decisions()

    def of_type(self, request_type: str) -> list[dict]:
        return [r for r in self.requests if r.get("request_type") == request_type]

    def outcome_day(self, request: Mapping[str, Any]) -> date | None:
        return known_date(request.get("outcome_date", ""), self.as_of)

    def final_plan_day(self, draft: Mapping[str, Any]) -> date | None:
        return self.outcome_day(draft) if draft.get("outcome", "").strip() else None

    def all(self) -> list[Deadline]:
        found: list[Deadline] = []
        for request in self.requests:
            found.extend(self._from(request))
        for source, decided in self.decisions:
            found.extend(self._appeal(source, decided))
        return found

    def _from(self, request: dict) -> list[Deadline]:
        start = model.entry_day(request)
        kind = request.get("request_type")
        made: list[Deadline | None] = []
        if kind in _MET_BY_OWN_OUTCOME:
            rule_key, count = _MET_BY_OWN_OUTCOME[kind]
            outcome = self.outcome_day(request)
            made.append(self.make(rule_key, request, start, partial(count, start), outcome))
        if kind == "ehcna":
            made.extend(self._ehcna(request, start))
        elif kind == "draft_plan":
            comments = self._comments_day(request, start)
            made.append(
                self.make("draft_plan_comments", request, start, _plain(start, 14), comments)
            )
            final = self.final_plan_day(request)
            if final is not None:
                made.append(self._next_annual_review(request, final, same_day_counts=True))
        elif kind == "annual_review":
            made.append(self._next_annual_review(request, start, same_day_counts=False))
        elif kind == "complaint" and not _is_ombudsman(request) and not _is_to_a_school(request):
            to_ombudsman = [
                model.entry_day(r)
                for r in self.of_type("complaint")
                if _is_ombudsman(r) and model.entry_day(r) >= start
            ]
            first = min(to_ombudsman, default=None)
            made.append(self.make("ombudsman_complaint", request, start, _year(start), first))
        return [d for d in made if d is not None]

    def _ehcna(self, request: dict, start: date) -> list[Deadline | None]:
        decided = self.outcome_day(request)
        made = [self.make("ehcna_decision", request, start, _plain(start, 6 * 7), decided)]
        if decided is not None and is_refusal(request.get("outcome", "")):
            return made  # the appeal comes from self.decisions
        later = [
            model.entry_day(r)
            for r in self.of_type("ehcna")
            if chronological_key(r) > chronological_key(request)
        ]
        window_end = min(later, default=None)
        drafts = [
            d
            for d in self.of_type("draft_plan")
            if model.entry_day(d) >= start
            and (window_end is None or model.entry_day(d) < window_end)
        ]
        if not drafts:
            made.append(self.make("no_plan_notice", request, start, _plain(start, 16 * 7), None))
        finals = [day for day in map(self.final_plan_day, drafts) if day is not None]
        first_final = min(finals, default=None)
        made.append(self.make("final_plan", request, start, _plain(start, 20 * 7), first_final))
        return made

    def _comments_day(self, draft: Mapping[str, Any], start: date) -> date | None:
        sent = [
            model.entry_day(letter)
            for letter in self.letters
            if letter.get("direction") == "sent"
            and model.entry_day(letter) >= start
            and linked(letter, draft)
        ]
        return min(sent, default=None)

    def _next_annual_review(
        self, source: dict, start: date, *, same_day_counts: bool
    ) -> Deadline | None:
        held = [
            model.entry_day(r)
            for r in self.of_type("annual_review")
            if r["id"] != source["id"]
            and (model.entry_day(r) >= start if same_day_counts else model.entry_day(r) > start)
        ]
        return self.make("annual_review", source, start, _year(start), min(held, default=None))

    def _appealable_decisions(self) -> list[tuple[dict, date]]:
        """Decisions that can be appealed: refusals to assess, final plans, review decisions."""
        decisions = []
        for request in self.requests:
            kind = request.get("request_type")
            if kind == "ehcna" and is_refusal(request.get("outcome", "")):
                decided = self.outcome_day(request)
            elif kind == "draft_plan":
                decided = self.final_plan_day(request)
            elif kind == "annual_review":
                decided = self.outcome_day(request)
            else:
                continue
            if decided is not None:
                decisions.append((request, decided))
        decisions.sort(key=lambda pair: (pair[1], chronological_key(pair[0])))
        return decisions

    def _appeal(self, source: dict, decided: date) -> list[Deadline]:
        certificates = [
            day
            for mediation in self.of_type("mediation")
            if linked(mediation, source) and (day := self.outcome_day(mediation)) is not None
        ]
        certificate = max(certificates, default=None)
        appealed = []
        for appeal in self.of_type("appeal"):
            day = model.entry_day(appeal)
            if day < decided:
                continue
            if linked(appeal, source) or (
                not any(linked(appeal, other) for other, _ in self.decisions)
                and self._latest_decision_by(day) is source
            ):
                appealed.append(day)
        deadline = self.make(
            "appeal",
            source,
            decided,
            lambda: _appeal_deadline_and_note(decided, certificate),
            min(appealed, default=None),
        )
        return [deadline] if deadline is not None else []

    def _latest_decision_by(self, day: date) -> dict | None:
        earlier = [source for source, decided in self.decisions if decided <= day]
        return earlier[-1] if earlier else None

    def make(
        self,
        rule_key: str,
        request: Mapping[str, Any],
        start: date,
        due_of: _DueOf,
        met_on: date | None,
    ) -> Deadline | None:
        """One deadline with its status, or ``None`` if its days cannot be counted."""
        try:
            due, note = due_of()
        except CalendarRangeError:
            return None
        if met_on is not None:
            days_late = max((met_on - due).days, 0)
            status = "met" if days_late == 0 else "missed"
        elif due < self.as_of:
            days_late, status = (self.as_of - due).days, "missed"
        else:
            days_late, status = 0, "upcoming"
        rule = RULES[rule_key]
        exception = request.get("exception_claimed", "")
        if rule.duty_of == "family":
            # The family's own time limit: done (even late) or gone by, never "missed".
            if met_on is not None:
                status = "met"
            elif status == "missed":
                status, days_late = "passed", 0
        elif status != "met" and exception.strip():
            status = "exception"
        return Deadline(
            rule=rule.key,
            label=rule.label,
            source=rule.source,
            entry_id=request["id"],
            child_id=request["child_id"],
            start=start,
            due=due,
            status=status,
            met_on=met_on,
            days_late=days_late,
            exception_claimed=exception,
            note="; ".join(part for part in (note.rstrip("."), rule.caveat) if part),
            duty_of=rule.duty_of,
        )


def _plain(start: date, days: int) -> _DueOf:
    """A due day a fixed number of calendar days after ``start`` (weeks are 7 days)."""
    return lambda: (start + timedelta(days=days), "")


def _year(start: date) -> _DueOf:
    """The last day of the 12 months beginning with ``start``."""
    return lambda: (period_end(start, 12), "")


def _subject_access_due(received: date) -> tuple[date, str]:
    due = add_months(received, 1)
    moved = working_day_on_or_after(due)
    if moved == due:
        return due, ""
    return moved, (
        f"{due.isoformat()} is not a working day, so the deadline moves to {moved.isoformat()}."
    )


# Rules met by the request's own outcome_date, with how their due day is counted.
_MET_BY_OWN_OUTCOME: dict[str, tuple[str, Callable[[date], tuple[date, str]]]] = {
    "annual_review": ("annual_review_decision", lambda start: (add_weeks(start, 4), "")),
    "mediation": ("mediation_certificate", lambda start: (add_working_days(start, 3), "")),
    "education_record": ("education_record", lambda start: (add_working_days(start, 15), "")),
    "subject_access": ("subject_access", _subject_access_due),
}

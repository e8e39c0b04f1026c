"""Statutory deadlines of a family's formal requests: the one table of rules.

Each rule in :data:`RULES` names its source, who must act, what satisfies it, what makes
it not apply and the states it can be in, so a parent can quote it to a council or a
tribunal.  :func:`deadlines` reads the ``request`` entries (and what answered them) and
says, as of a day, where each deadline stands: its ``status`` (met, missed, upcoming,
exception, passed), its finer ``state`` and the ``sentence`` a parent reads for it.  The
timeline, the app and the letters print that sentence, so they never disagree.

A deadline follows the case, not only the calendar: the 16-week notice that no plan will
be issued (reg 10) and the 20-week final plan (reg 13(2)) are alternatives that wait on
the decision whether to assess (reg 5); an appeal window stays open while a mediation
certificate is due but not recorded; a subject access clock restarts when the
organisation receives the ID, clarification or fee it asked for.

The calendar arithmetic is public because forms and tests use it: weeks, calendar months
(31 January + 1 month = 28 or 29 February), working days in England (weekends and bank
holidays excluded, from the ``holidays`` package) and the Tribunal's appeal dates.
Pure: no I/O.  Working days are counted from 2012 to 2040; outside those years
:class:`CalendarRangeError` (a ``ValueError``) is raised rather than a guess made.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from functools import partial
from typing import Any, NamedTuple

from sen_workbook import model, vocabulary
from sen_workbook.analysis import by_kind, chronological_key, entries_as_of, known_date, linked

# --- states ----------------------------------------------------------------------------

# Every state a deadline can be in, with the coarse status it counts under.  The status
# is what summaries count ("Missed: 2"); the state says which case of the rule applies.
STATES: dict[str, str] = {
    "upcoming": "upcoming",  # still to come, nothing recorded yet
    "overall_limit": "upcoming",  # the 20-week limit while no decision to assess is recorded
    "open": "upcoming",  # the family's own window, still open
    "certificate_pending": "upcoming",  # appeal window open: mediation certificate not recorded
    "clock_stopped": "upcoming",  # subject access: waiting for what the organisation asked for
    "met": "met",  # done by the due day (the family's own steps: done)
    "met_late": "missed",  # done, after the due day
    "missed": "missed",  # the due day went by with nothing recorded
    "exception": "exception",  # the family has claimed an exception to the time limit
    "passed": "passed",  # went by with nothing recorded, and that is nobody's breach
    "not_applicable": "not_applicable",  # the case took the other road (only on request)
}

# "passed": a time limit went by with nothing recorded, which is not a breach by anyone
# (the family's own steps; the reg 10 notice once a plan is expected instead).
# "not_applicable" is only given when asked for (see :func:`deadlines`).
STATUSES = ("met", "missed", "upcoming", "exception", "passed", "not_applicable")

# The day UK GDPR art. 12A (Data (Use and Access) Act 2025) came into force: from then a
# subject access clock restarts when the organisation receives what it asked for.
ARTICLE_12A_FROM = date(2026, 2, 5)


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
    satisfied_by: str = ""  # the record that meets it
    not_applicable_when: str = ""  # what makes it not apply ("" when nothing does)
    states: tuple[str, ...] = ()  # the states in STATES it can be in


_DUTY_STATES = ("upcoming", "met", "met_late", "missed", "exception")
_FAMILY_STATES = ("open", "met", "passed")

RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        Rule(
            "ehcna_decision",
            "Decision whether to carry out an EHC needs assessment",
            "SEND Regulations 2014, reg 5",
            "The local authority must say whether it will assess within 6 weeks of "
            "receiving the request.",
            satisfied_by="the date of the decision (agreed or refused) as the outcome of "
            "the EHC needs assessment request",
            states=_DUTY_STATES,
        ),
        Rule(
            "no_plan_notice",
            "Notice that no EHC plan will be issued after the assessment",
            "SEND Regulations 2014, reg 10",
            "If, after assessing, the local authority decides not to issue a plan, it must "
            "say so within 16 weeks of the request.",
            satisfied_by="a request entry of the type 'Decision not to issue an EHC plan'",
            not_applicable_when="the council has not yet agreed to assess, has refused to "
            "assess, or has sent a draft or final plan (it decided to issue one)",
            # Never "missed" with nothing recorded: 16 weeks without a notice mean a plan
            # is expected, and the 20-week limit is the one that can then be missed.
            states=("upcoming", "met", "met_late", "exception", "passed", "not_applicable"),
        ),
        Rule(
            "final_plan",
            "Final EHC plan",
            "SEND Regulations 2014, reg 13(2)",
            "The final EHC plan must be issued within 20 weeks of the request.  Until "
            "the council decides whether to assess, this is the overall limit of the "
            "whole process.",
            satisfied_by="the date of the final plan, as the outcome of a 'Draft EHC plan "
            "received' request",
            not_applicable_when="the council refused to assess, or decided not to issue a plan",
            states=(*_DUTY_STATES, "overall_limit", "not_applicable"),
        ),
        Rule(
            "draft_plan_comments",
            "Comments on the draft EHC plan",
            "SEND Regulations 2014, reg 13(1)",
            "The family has at least 15 days, beginning with the day the draft plan was "
            "served, to comment on it, ask for a meeting and ask for a school to be named.",
            duty_of="family",
            satisfied_by="a letter or email sent by the family, linked to the draft plan",
            states=_FAMILY_STATES,
        ),
        Rule(
            "annual_review",
            "Annual review of the EHC plan",
            "Children and Families Act 2014, s.44",
            "The plan must be reviewed within 12 months beginning with the day it was "
            "issued, and then within 12 months of each review.",
            satisfied_by="the next 'Annual review meeting' request",
            states=_DUTY_STATES,
        ),
        Rule(
            "annual_review_advice",
            "Advice and information circulated before the annual review meeting",
            "SEND Regulations 2014, reg 20(4)",
            "The person arranging the review meeting must send the advice and information "
            "gathered for it to everyone invited at least 2 weeks before the meeting.",
            duty_of="school",
            caveat="the duty is on whoever arranges the meeting: the head teacher or "
            "principal, or the local authority when the child is not at school",
            satisfied_by="a report or a letter received, linked to the planned annual "
            "review meeting",
            states=_DUTY_STATES,
        ),
        Rule(
            "annual_review_decision",
            "Decision after the annual review meeting",
            "SEND Regulations 2014, reg 20",
            "The local authority must decide whether to keep, amend or cease the plan "
            "within 4 weeks of the review meeting.",
            satisfied_by="the date of the decision, as the outcome of the annual review "
            "meeting request",
            states=_DUTY_STATES,
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
            satisfied_by="an 'Appeal to the SEND Tribunal' request linked to the decision",
            states=(*_FAMILY_STATES, "certificate_pending"),
        ),
        Rule(
            "mediation_certificate",
            "Mediation certificate",
            "SEND Regulations 2014, regs 33 to 35",
            "The mediation adviser must issue the certificate within 3 working days of "
            "the family saying they do not want mediation, or of the mediation ending.",
            duty_of="mediation adviser",
            satisfied_by="the certificate's date, as the outcome of the mediation request",
            states=_DUTY_STATES,
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
            satisfied_by="the date the record came, as the outcome of the request",
            states=_DUTY_STATES,
        ),
        Rule(
            "subject_access",
            "Reply to a subject access request",
            "UK GDPR art. 12(3) and art. 12A (Data (Use and Access) Act 2025); ICO guidance "
            "on time limits",
            "1 calendar month after the request is received (the last day of the next "
            "month if it has no such date); a deadline on a weekend or bank holiday moves "
            "to the next working day.  Since 5 February 2026, when the organisation asks "
            "for proof of identity, clarification or a fee, the month starts again on the "
            "day it receives them.",
            duty_of="organisation asked",
            satisfied_by="the date of the reply, as the outcome of the request",
            states=(*_DUTY_STATES, "clock_stopped"),
        ),
        Rule(
            "ombudsman_complaint",
            "Complaint to the Local Government and Social Care Ombudsman",
            "Local Government Act 1974, s.26B",
            "Within 12 months beginning with the day the family first knew of the problem.",
            caveat="counted from the date of this complaint; if the family knew of the "
            "problem earlier, the limit ends earlier",
            duty_of="family",
            satisfied_by="a later complaint request sent to the Ombudsman",
            not_applicable_when="the complaint is to a school or its governors, which the "
            "Ombudsman cannot look into",
            states=_FAMILY_STATES,
        ),
    )
}


# --- the calendar ----------------------------------------------------------------------

# England's bank holidays come from the ``holidays`` package (its UK calendar for the
# England subdivision), which carries the substitute days and the one-off days (jubilees,
# the 2022 State Funeral, the 2023 Coronation) and is kept up to date by its maintainers;
# a table written here by hand stopped in 2028.  Working days are counted only between
# these years: SEND time limits start in 2014, and a year after 2040 in a record is far
# more likely a typing slip than a deadline, and may have one-off days no one knows yet.
FIRST_COVERED_YEAR = 2012
LAST_COVERED_YEAR = 2040


class CalendarRangeError(ValueError):
    """Working days were asked for in a year outside the years counted."""


@functools.cache
def bank_holidays_england() -> frozenset[date]:
    """Every bank holiday in England from :data:`FIRST_COVERED_YEAR` to
    :data:`LAST_COVERED_YEAR` (weekend days included where the day itself is one)."""
    # Imported here, and kept between runs by the module (see there): the package takes
    # a tenth of a second to import, and only the working-day counts need it.
    from sen_workbook.bank_holidays import bank_holidays

    return bank_holidays(FIRST_COVERED_YEAR, LAST_COVERED_YEAR)


def __getattr__(name: str) -> Any:
    # BANK_HOLIDAYS_ENGLAND is worked out when first read, not when this module is imported.
    if name == "BANK_HOLIDAYS_ENGLAND":
        return bank_holidays_england()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _check_covered(day: date) -> None:
    if not FIRST_COVERED_YEAR <= day.year <= LAST_COVERED_YEAR:
        raise CalendarRangeError(
            f"Working days can only be counted from {FIRST_COVERED_YEAR} to "
            f"{LAST_COVERED_YEAR}; {day.isoformat()} is outside them."
        )


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day in England: Monday to Friday, not a bank holiday.

    Raises :class:`CalendarRangeError` outside the years the bank holidays cover.
    """
    _check_covered(day)
    return day.weekday() < 5 and day not in _bank_holidays_in(day.year)


@functools.cache
def _bank_holidays_in(year: int) -> frozenset[date]:
    """England's bank holidays in one year, from :func:`bank_holidays_england` (a
    substitute day falls in the same year as its holiday)."""
    return frozenset(day for day in bank_holidays_england() if day.year == year)


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


def _appeal_deadline_and_note(
    decision_date: date, certificate: date | None, *, certificate_pending: bool = False
) -> tuple[date, str]:
    """The appeal deadline and why it is that day.  ``certificate_pending``: the
    certificate is not issued yet and ``certificate`` is the day it was due, so the day
    found is the earliest the window can close."""
    due = add_months(decision_date, 2)
    note = ""
    if certificate is not None and add_months(certificate, 1) > due:
        due = add_months(certificate, 1)
        note = (
            f"at the earliest, 1 month after {certificate.isoformat()}, the day the "
            "mediation certificate was due"
            if certificate_pending
            else f"1 month after the mediation certificate of {certificate.isoformat()}"
        )
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
    start: date  # the day counted from (for a restarted subject access clock, the restart)
    due: date  # for an appeal waiting on its certificate: the earliest the window can close
    status: str  # one of STATUSES
    met_on: date | None  # when the thing it waits for happened, if it has
    days_late: int  # met_on - due, or as_of - due if still not met; 0 when met or upcoming
    exception_claimed: str
    note: str = ""  # why the due day is what it is, when it moved or restarted
    duty_of: str = "local authority"  # who must act; "family" for the family's own limits
    state: str = ""  # one of STATES: which case of the rule this is
    sentence: str = ""  # the words a parent reads for that state (the tool's own words)
    certificate_due: date | None = None  # an appeal waiting on a mediation certificate


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


def deadlines(
    entries: Iterable[Mapping[str, Any]],
    as_of: date,
    *,
    include_not_applicable: bool = False,
    planned_among: Iterable[Mapping[str, Any]] | None = None,
) -> list[Deadline]:
    """Every statutory deadline of the ``request`` entries as of ``as_of``.

    Ordered by due day, then request id, then rule.  What each ``request_type`` gives:

    - ``ehcna``: the decision whether to assess, 6 weeks after ``date``, met by the
      request's ``outcome_date``.  What follows depends on that decision:

      - none recorded: one overall limit, the final plan 20 weeks after ``date``
        (state ``overall_limit``); the 6-week decision is the breach to chase;
      - a refusal (see :func:`is_refusal`): neither the 16- nor the 20-week rule
        applies, and an appeal can be made against the refusal;
      - agreed (or a draft plan or a decision not to issue one recorded, which can only
        follow an assessment): the notice that no plan will be issued, 16 weeks after
        ``date``, met by a ``no_plan`` request; and the final plan, 20 weeks after
        ``date``, met by the ``outcome_date`` of the first ``draft_plan`` request whose
        ``outcome`` is filled in.  They are alternatives: a draft or final plan means
        the reg 10 notice does not apply, and a decision not to issue means the final
        plan does not.  With neither recorded 16 weeks on, the notice has ``passed``:
        the council is taken to be preparing a plan, and the 20-week limit is the one
        that can be missed.

      A draft plan or ``no_plan`` decision belongs to the child's latest ``ehcna``
      request on or before it.
    - ``no_plan``: a decision not to issue a plan after assessing; an appeal can be
      made against it (from its ``date``).
    - ``draft_plan``: comments within 15 days beginning with ``date`` (the day the draft
      was served, so the last day is ``date`` + 14), met by the first ``sent``
      correspondence linked to it either way.  Its ``outcome_date``, when ``outcome`` is
      filled in, is the final plan: the first annual review falls due within 12 months
      beginning with it, and an appeal against the plan can run from it.
    - ``annual_review`` (a review meeting held): the decision 4 weeks after ``date``, met
      by ``outcome_date``; the next annual review within 12 months beginning with
      ``date``, met by the next ``annual_review`` request; and the appeal deadline from
      ``outcome_date``.  A meeting dated after ``as_of`` is a planned one: it gives only
      the reg 20(4) deadline for the advice and information, 2 weeks before it, met by
      an ``assessment`` or a ``received`` correspondence linked to it.
    - ``mediation``: the certificate 3 working days after ``date``, met by
      ``outcome_date`` (the certificate's date).
    - ``education_record``: 15 school days, counted as working days, met by
      ``outcome_date``.
    - ``subject_access``: 1 calendar month, moved to the next working day, met by
      ``outcome_date``.  When the organisation asked for something (``asked_for``, on
      ``asked_for_date``) the clock is stopped until it receives it
      (``supplied_date``), and then: since 5 February 2026 (art. 12A) the month starts
      again on that day; before, it started then for ID or a fee (ICO guidance), and for
      clarification it was paused, the days waited added to the month.  The ``note``
      says which rule applied.
    - ``complaint``: a complaint to the Ombudsman within 12 months beginning with
      ``date``, met by a later ``complaint`` request whose ``sent_to`` or ``title``
      names the Ombudsman (such a request gives no deadline of its own).
    - ``appeal`` and ``other`` give none.

    An appeal deadline is 2 months after the decision, or 1 month after the latest
    certificate of a ``mediation`` request linked to the decision (either way) if later;
    a mediation asked for after the 2 months cannot extend it.  While such a mediation
    has no certificate recorded, the window is open (``certificate_pending``) however
    long ago the 2 months ended.  It is met by an ``appeal`` request linked to the
    decision, or by one linked to no decision at all, which counts for the child's
    latest decision on or before it.

    Status: ``met`` if what the deadline waits for happened on or before the due day;
    otherwise ``missed`` (late, or not done and the due day is before ``as_of``) or
    ``upcoming``, either becoming ``exception`` if the request has ``exception_claimed``.
    The family's own limits are never missed: done (``met``), open (``upcoming``) or
    ``passed``.  Outcomes and replies dated after ``as_of`` have not happened yet.  A
    deadline that needs working days outside the years counted is left out rather than
    guessed (see :data:`FIRST_COVERED_YEAR`, :data:`LAST_COVERED_YEAR`).

    ``planned_among`` is where the planned annual reviews are looked for when
    ``entries`` holds only the entries known on ``as_of`` (an answer of
    :func:`analysis.entries_as_of`, which has none dated after it): the whole list.

    ``include_not_applicable`` adds, with status ``not_applicable``, the rules that the
    case has made not apply (the 16- and 20-week rules after a refusal, say), each with
    a sentence saying why: for letters and tests that explain the road not taken.
    """
    if not isinstance(entries, list):
        entries = list(entries)  # read twice; a list (the analysis's own) is kept as it is
    known = entries_as_of(entries, as_of)
    # Each child's requests, letters and reports, each kind in date order (a child's
    # deadlines read them kind by kind).
    by_child: dict[str, list[dict[str, Any]]] = defaultdict(list)
    kinds = by_kind(known)
    for kind in ("request", "correspondence", "assessment"):
        for entry in kinds.get(kind, ()):
            by_child[entry["child_id"]].append(entry)
    planned: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for later in entries if planned_among is None else planned_among:
        if (
            later.get("kind") == "request"
            and later.get("request_type") == "annual_review"
            and model.entry_day(later) > as_of
        ):
            planned[later["child_id"]].append(later)
    found: list[Deadline] = []
    for child_id in {*by_child, *planned}:
        child = _ChildDeadlines(by_child.get(child_id, []), as_of, include_not_applicable)
        found.extend(child.all())
        for meeting in sorted(planned.get(child_id, []), key=chronological_key):
            found.extend(child.advice_before(meeting))
    found.sort(key=lambda d: (d.due, d.entry_id, d.rule))
    return found


_DueOf = Callable[[], tuple[date, str]]


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


# The words for each state; a rule or a case may put its own in their place.  Fields:
# due, met_on, days, as_of, certificate_due, floor (the earliest an open window closes).
_SENTENCES: dict[str, str] = {
    "upcoming": "Due by {due}; nothing recorded yet.",
    "open": "Open until {due}.",
    "met": "Met on {met_on}; it was due by {due}.",
    "met_late": "Missed: due by {due}, done on {met_on}, {days} late.",
    "missed": "Missed: due by {due}; nothing recorded by {as_of}, {days} late.",
    "exception": "Exception claimed by the family; the usual time limit was {due}.",
    "passed": "Passed on {due} with nothing recorded.",
    "certificate_pending": (
        "Open until 1 month after the mediation certificate; the certificate itself was "
        "due on {certificate_due}. The window does not close before {floor}."
    ),
}
_FAMILY_SENTENCES = {**_SENTENCES, "met": "Done on {met_on}; the time limit was {due}."}


def _sentence(state: str, family: bool, **dates: date | int | None) -> str:
    """The general words for ``state``, with the deadline's dates filled in."""
    words = (_FAMILY_SENTENCES if family else _SENTENCES).get(state, "Due by {due}.")
    shown = {
        name: _days(value) if isinstance(value, int) else value.isoformat() if value else ""
        for name, value in dates.items()
    }
    return words.format(**shown)


class _ChildDeadlines:
    """The deadlines of one child's requests, which may answer one another."""

    def __init__(
        self, items: list[dict[str, Any]], as_of: date, include_not_applicable: bool = False
    ):
        self.as_of = as_of
        self.include_not_applicable = include_not_applicable
        self.requests = [e for e in items if e["kind"] == "request"]
        self.letters = [e for e in items if e["kind"] == "correspondence"]
        self.reports = [e for e in items if e["kind"] == "assessment"]
        self.decisions = self._appealable_decisions()

    def of_type(self, request_type: str) -> list[dict[str, Any]]:
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

    def _from(self, request: dict[str, Any]) -> list[Deadline]:
        start = model.entry_day(request)
        kind = request.get("request_type")
        made: list[Deadline | None] = []
        if kind in _MET_BY_OWN_OUTCOME:
            rule_key, count = _MET_BY_OWN_OUTCOME[kind]
            outcome = self.outcome_day(request)
            made.append(self.make(rule_key, request, start, partial(count, start), outcome))
        if kind == "ehcna":
            made.extend(self._ehcna(request, start))
        elif kind == "subject_access":
            made.append(self._subject_access(request, start))
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

    # --- reg 5, reg 10 and reg 13(2) --------------------------------------------------

    def _after_assessment(
        self, request: dict[str, Any], start: date, request_type: str
    ) -> list[dict[str, Any]]:
        """The child's requests of ``request_type`` that belong to this assessment
        request: dated from it up to the next ``ehcna`` request."""
        later = [
            model.entry_day(r)
            for r in self.of_type("ehcna")
            if chronological_key(r) > chronological_key(request)
        ]
        window_end = min(later, default=None)
        return [
            r
            for r in self.of_type(request_type)
            if model.entry_day(r) >= start
            and (window_end is None or model.entry_day(r) < window_end)
        ]

    def _ehcna(self, request: dict[str, Any], start: date) -> list[Deadline | None]:
        decided = self.outcome_day(request)
        made = [self.make("ehcna_decision", request, start, _plain(start, 6 * 7), decided)]
        sixteen, twenty = _plain(start, 16 * 7), _plain(start, 20 * 7)
        if decided is not None and is_refusal(request.get("outcome", "")):
            why = f"Does not apply: the council refused to assess on {decided.isoformat()}."
            made.append(self.not_applicable("no_plan_notice", request, start, sixteen, why))
            made.append(self.not_applicable("final_plan", request, start, twenty, why))
            return made  # the appeal comes from self.decisions
        drafts = self._after_assessment(request, start, "draft_plan")
        no_plans = self._after_assessment(request, start, "no_plan")
        first_draft = min(map(model.entry_day, drafts), default=None)
        first_no_plan = min(map(model.entry_day, no_plans), default=None)
        if decided is None and first_draft is None and first_no_plan is None:
            # No decision whether to assess: the 6-week decision is the breach to chase,
            # and the 20 weeks the one overall limit; reg 10 waits on the decision.
            made.append(
                self.make("final_plan", request, start, twenty, None, state="overall_limit")
            )
            made.append(
                self.not_applicable(
                    "no_plan_notice",
                    request,
                    start,
                    sixteen,
                    "Depends on the council's decision whether to assess, not recorded yet.",
                )
            )
            return made
        if first_no_plan is not None and (first_draft is None or first_no_plan < first_draft):
            made.append(self.make("no_plan_notice", request, start, sixteen, first_no_plan))
            made.append(
                self.not_applicable(
                    "final_plan",
                    request,
                    start,
                    twenty,
                    f"Does not apply: the council decided not to issue a plan "
                    f"({first_no_plan.isoformat()}).",
                )
            )
            return made
        if first_draft is not None:
            made.append(
                self.not_applicable(
                    "no_plan_notice",
                    request,
                    start,
                    sixteen,
                    f"Does not apply: the council decided to issue a plan (draft plan received "
                    f"on {first_draft.isoformat()}).",
                )
            )
        else:
            made.append(
                self.make("no_plan_notice", request, start, sixteen, None, final_due=twenty()[0])
            )
        finals = [day for day in map(self.final_plan_day, drafts) if day is not None]
        made.append(self.make("final_plan", request, start, twenty, min(finals, default=None)))
        return made

    # --- subject access ---------------------------------------------------------------

    def _subject_access(self, request: dict[str, Any], start: date) -> Deadline | None:
        asked_for = request.get("asked_for", "")
        asked_on = known_date(request.get("asked_for_date", ""), self.as_of)
        supplied = known_date(request.get("supplied_date", ""), self.as_of)
        replied = self.outcome_day(request)
        if not asked_for or asked_on is None:
            return self.make(
                "subject_access", request, start, partial(_subject_access_due, start), replied
            )
        what = vocabulary.ASKED_FOR_LABELS.get(asked_for, asked_for).lower()
        if supplied is None:
            stopped = (
                f"The clock is stopped: the organisation asked for {what} on "
                f"{asked_on.isoformat()}; 1 calendar month starts again when it receives it."
            )
            # Nothing it waits for can be late while the clock is stopped: a reply is met.
            return self.make(
                "subject_access",
                request,
                start,
                partial(_subject_access_due, start),
                replied,
                state=None if replied else "clock_stopped",
                words=None if replied else stopped,
            )
        if supplied >= ARTICLE_12A_FROM:
            why = (
                f"counted from {supplied.isoformat()}, when the organisation received the "
                f"{what} it asked for on {asked_on.isoformat()}: since 5 February 2026 "
                "the month starts again then (UK GDPR art. 12A)"
            )
            return self.make(
                "subject_access",
                request,
                supplied,
                partial(_subject_access_due, supplied, why),
                replied,
            )
        if asked_for == "clarification":
            waited = (supplied - asked_on).days
            why = (
                f"the clock stopped from {asked_on.isoformat()} to {supplied.isoformat()} "
                f"while clarification was awaited, so {_days(waited)} are added (ICO "
                "guidance before 5 February 2026)"
            )
            return self.make(
                "subject_access",
                request,
                start,
                partial(_subject_access_due, start, why, waited),
                replied,
            )
        why = (
            f"counted from {supplied.isoformat()}, when the organisation received the "
            f"{what} it asked for on {asked_on.isoformat()} (ICO guidance before "
            "5 February 2026: the month starts on receipt)"
        )
        return self.make(
            "subject_access",
            request,
            supplied,
            partial(_subject_access_due, supplied, why),
            replied,
        )

    # --- reg 20(4) --------------------------------------------------------------------

    def advice_before(self, meeting: Mapping[str, Any]) -> list[Deadline]:
        """The reg 20(4) deadline of a planned annual review meeting (dated after as_of)."""
        held = model.entry_day(meeting)
        sent = [
            model.entry_day(e)
            for e in (*self.reports, *self.letters)
            if (e["kind"] == "assessment" or e.get("direction") == "received")
            and linked(e, meeting)
        ]
        made = self.make(
            "annual_review_advice",
            meeting,
            held,
            lambda: (held - timedelta(weeks=2), ""),
            min(sent, default=None),
        )
        return [made] if made is not None else []

    # --- the rest ---------------------------------------------------------------------

    def _comments_day(self, draft: Mapping[str, Any], start: date) -> date | None:
        # Linked asked first: few of a long case's letters are linked to the draft.
        sent = [
            model.entry_day(letter)
            for letter in self.letters
            if linked(letter, draft)
            and letter.get("direction") == "sent"
            and model.entry_day(letter) >= start
        ]
        return min(sent, default=None)

    def _next_annual_review(
        self, source: dict[str, Any], start: date, *, same_day_counts: bool
    ) -> Deadline | None:
        held = [
            model.entry_day(r)
            for r in self.of_type("annual_review")
            if r["id"] != source["id"]
            and (model.entry_day(r) >= start if same_day_counts else model.entry_day(r) > start)
        ]
        return self.make("annual_review", source, start, _year(start), min(held, default=None))

    def _appealable_decisions(self) -> list[tuple[dict[str, Any], date]]:
        """Decisions that can be appealed: refusals to assess, decisions not to issue a
        plan, final plans and decisions after annual reviews."""
        decisions = []
        for request in self.requests:
            kind = request.get("request_type")
            if kind == "ehcna" and is_refusal(request.get("outcome", "")):
                decided = self.outcome_day(request)
            elif kind == "no_plan":
                decided = model.entry_day(request)
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

    def _appeal(self, source: dict[str, Any], decided: date) -> list[Deadline]:
        try:
            two_months = _appeal_deadline_and_note(decided, None)[0]
        except CalendarRangeError:
            return []
        # Mediation must be asked for within the 2 months to lengthen the window.
        mediations = [
            m
            for m in self.of_type("mediation")
            if linked(m, source) and model.entry_day(m) <= two_months
        ]
        certificates = [day for m in mediations if (day := self.outcome_day(m)) is not None]
        pending = [m for m in mediations if self.outcome_day(m) is None]
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
        met_on = min(appealed, default=None)
        if certificates or not pending:
            certificate = max(certificates, default=None)
            deadline = self.make(
                "appeal",
                source,
                decided,
                lambda: _appeal_deadline_and_note(decided, certificate),
                met_on,
            )
            return [deadline] if deadline is not None else []
        # A certificate is due and not recorded: the window stays open until 1 month
        # after it, and cannot close before the 2 months are up.
        try:
            due_on = min(add_working_days(model.entry_day(m), 3) for m in pending)
        except CalendarRangeError:
            return []
        deadline = self.make(
            "appeal",
            source,
            decided,
            lambda: _appeal_deadline_and_note(decided, due_on, certificate_pending=True),
            met_on,
            state=None if met_on else "certificate_pending",
            certificate_due=due_on,
            floor=two_months,
        )
        return [deadline] if deadline is not None else []

    def _latest_decision_by(self, day: date) -> dict[str, Any] | None:
        earlier = [source for source, decided in self.decisions if decided <= day]
        return earlier[-1] if earlier else None

    # --- making one deadline ----------------------------------------------------------

    def not_applicable(
        self, rule_key: str, request: Mapping[str, Any], start: date, due_of: _DueOf, why: str
    ) -> Deadline | None:
        """A rule the case has made not apply: only given when asked for."""
        if not self.include_not_applicable:
            return None
        return self.make(rule_key, request, start, due_of, None, state="not_applicable", words=why)

    def make(
        self,
        rule_key: str,
        request: Mapping[str, Any],
        start: date,
        due_of: _DueOf,
        met_on: date | None,
        *,
        state: str | None = None,
        words: str | None = None,
        certificate_due: date | None = None,
        floor: date | None = None,
        final_due: date | None = None,
    ) -> Deadline | None:
        """One deadline with its status, state and sentence, or ``None`` if its days
        cannot be counted.  ``state`` and ``words`` put a case's own state and sentence
        in place of the ones the dates give."""
        try:
            due, note = due_of()
        except CalendarRangeError:
            return None
        rule = RULES[rule_key]
        if met_on is not None:
            days_late = max((met_on - due).days, 0)
            found = "met" if days_late == 0 else "met_late"
        elif due < self.as_of:
            days_late, found = (self.as_of - due).days, "missed"
        else:
            days_late, found = 0, "upcoming"
        exception = request.get("exception_claimed", "")
        if rule.duty_of == "family":
            # The family's own time limit: done (even late), open, or gone by; never missed.
            found = {"met_late": "met", "missed": "passed", "upcoming": "open"}.get(found, found)
            days_late = 0 if found == "passed" else days_late
        overall = state == "overall_limit"
        if state is not None:
            if state in ("certificate_pending", "clock_stopped", "not_applicable"):
                days_late = 0  # nothing is late while the clock waits, or off another road
            if not (overall and found == "missed"):  # 20 weeks gone: the limit is missed
                found = state
        if rule_key == "no_plan_notice" and found == "upcoming":
            words = words or (
                f"If the council decides not to issue a plan, it must say so by {due.isoformat()}."
            )
        if rule_key == "no_plan_notice" and found == "missed" and met_on is None:
            # 16 weeks with neither notice nor plan: the council is taken to be issuing a
            # plan, so the 20-week plan is the limit that can be missed, not this one.
            found, days_late = "passed", 0
            words = (
                f"No notice that a plan will not be issued was recorded by "
                f"{due.isoformat()}: the council is expected to issue a plan, due by "
                f"{(final_due or due).isoformat()}."
            )
        if (
            found not in ("met", "passed", "not_applicable")
            and rule.duty_of != "family"
            and exception.strip()
        ):
            found, words = "exception", None
        elif overall and found == "overall_limit":
            words = (
                f"Overall limit: the final EHC plan is due by {due.isoformat()} "
                "(20 weeks), unless the council refuses to assess or decides not to "
                "issue a plan."
            )
        elif overall and found == "missed":
            words = (
                f"Missed: the overall limit of 20 weeks ended on {due.isoformat()} "
                f"with no decision whether to assess and no plan recorded; "
                f"{_days(days_late)} late."
            )
        if words is None:
            words = _sentence(
                found,
                rule.duty_of == "family",
                due=due,
                met_on=met_on,
                days=days_late,
                as_of=self.as_of,
                certificate_due=certificate_due,
                floor=floor,
            )
        return Deadline(
            rule=rule.key,
            label=rule.label,
            source=rule.source,
            entry_id=request["id"],
            child_id=request["child_id"],
            start=start,
            due=due,
            status=STATES[found],
            met_on=met_on,
            days_late=days_late,
            exception_claimed=exception,
            note="; ".join(part for part in (note.rstrip("."), rule.caveat) if part),
            duty_of=rule.duty_of,
            state=found,
            sentence=words,
            certificate_due=certificate_due,
        )


def _plain(start: date, days: int) -> _DueOf:
    """A due day a fixed number of calendar days after ``start`` (weeks are 7 days)."""
    return lambda: (start + timedelta(days=days), "")


def _year(start: date) -> _DueOf:
    """The last day of the 12 months beginning with ``start``."""
    return lambda: (period_end(start, 12), "")


def _subject_access_due(received: date, why: str = "", extra_days: int = 0) -> tuple[date, str]:
    """1 calendar month after ``received`` (plus ``extra_days`` paused), on a working day;
    ``why`` says why the count starts where it does."""
    due = add_months(received, 1) + timedelta(days=extra_days)
    moved = working_day_on_or_after(due)
    notes = [why] if why else []
    if moved != due:
        notes.append(
            f"{due.isoformat()} is not a working day, so the deadline moves to {moved.isoformat()}"
        )
    text = "; ".join(notes)
    return moved, (text[0].upper() + text[1:] + ".") if text else ""


# Rules met by the request's own outcome_date, with how their due day is counted.
_MET_BY_OWN_OUTCOME: dict[str, tuple[str, Callable[[date], tuple[date, str]]]] = {
    "annual_review": ("annual_review_decision", lambda start: (add_weeks(start, 4), "")),
    "mediation": ("mediation_certificate", lambda start: (add_working_days(start, 3), "")),
    "education_record": ("education_record", lambda start: (add_working_days(start, 15), "")),
}

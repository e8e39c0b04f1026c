"""Letters that make a formal request: an EHC needs assessment, the education record,
the personal data a setting holds.

Recorded as sent, each becomes a ``request`` entry of its type, dated the day it is
sent, so the statutory deadline it starts (6 weeks, 15 school days, one month) is
counted from then on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sen_workbook import analysis, deadlines, model, vocabulary
from sen_workbook.letters.document import (
    Family,
    Letter,
    LetterBlock,
    Record,
    bullets,
    joined,
    long_date,
    paragraph,
)
from sen_workbook.letters.facts import LetterFacts, NothingToSay, days, times


def _request(facts: LetterFacts, request_type: str, title: str, to: tuple[str, ...]) -> Record:
    return Record(
        "request",
        {
            "date": facts.as_of.isoformat(),
            "title": title,
            "request_type": request_type,
            "sent_to": joined(to),
        },
    )


# --- EHC needs assessment --------------------------------------------------------------


def ehcna_request(facts: LetterFacts, entry_id: str | None) -> Letter:
    """A request to the council for an EHC needs assessment (s.36, Code 9.14)."""
    if entry_id:
        facts.chosen(entry_id, ("request",), "an EHC needs assessment request", "ehcna")
    concerns = facts.of_kind("concern")
    reports = facts.of_kind("assessment")
    incidents = facts.of_kind("incident")
    observations = facts.of_kind("observation")
    if not (concerns or facts.cycles or reports or incidents or observations):
        raise NothingToSay(
            f"As of {long_date(facts.as_of)} the records hold no concern, SEN Support plan, "
            "report, incident or observation to support a request; add them to the journal "
            "first."
        )
    name = facts.name
    to = ("The local authority SEND team",)
    subject = ("Request for an EHC needs assessment: ", name)
    decision = deadlines.add_weeks(facts.as_of, 6)
    body: list[LetterBlock] = [
        paragraph(
            "I am writing as the parent of ",
            name,
            " to ask the local authority to carry "
            "out an education, health and care (EHC) needs assessment, under section 36(1) "
            "of the Children and Families Act 2014.",
        ),
        paragraph(
            "Section 36(8) says the authority must assess where a child has or may have "
            "special educational needs and it may be necessary for special educational "
            "provision to be made through an EHC plan. The SEND Code of Practice 2015, "
            "paragraph 9.14, says what the authority should look at; my records show the "
            "following.",
        ),
    ]
    areas = [
        vocabulary.AREA_LABELS[a] for a in model.AREAS if a in (facts.child.get("areas") or ())
    ]
    body.append(
        paragraph("Areas of need: " + ("; ".join(areas) if areas else "not yet recorded") + ".")
    )
    body += _concerns(facts, concerns)
    body += _support(facts)
    body += _reports(facts, reports)
    body += _recommendations(facts)
    body += _meetings(facts)
    body += _incidents(facts, incidents)
    body += _views(facts, observations)
    body.append(
        paragraph(
            "Please tell me your decision within 6 weeks of receiving this request, as "
            "regulation 5(1) of the SEND Regulations 2014 requires: by "
            f"{long_date(decision)} if you receive it today.",
        )
    )
    body.append(
        paragraph(*facts.bundle_note())
        if facts.with_refs
        else paragraph("I can send copies of the records and reports mentioned here.")
    )
    return facts.letter(
        "ehcna_request",
        to=to,
        subject=subject,
        body=body,
        record=_request(facts, "ehcna", "Request for an EHC needs assessment", to),
    )


def _listed_block(facts: LetterFacts, lead: str, lines: list[tuple[str, ...]]) -> list[LetterBlock]:
    if not lines:
        return [paragraph(lead)]
    shown, rest = facts.listed(lines)
    blocks = [paragraph(lead), bullets(shown)]
    if rest:
        blocks.append(paragraph(rest))
    return blocks


def _concerns(facts: LetterFacts, concerns: Sequence[Mapping[str, Any]]) -> list[LetterBlock]:
    if not concerns:
        return []
    waiting = {f.entry_id: f for f in facts.flags if f.code == "concern_unanswered"}
    lines = []
    for entry in concerns:
        line = [f"{facts.day(entry)}: ", *facts.quoted(entry.get("title", ""))]
        with_whom = facts.family(entry.get("raised_with", ""))
        if with_whom:
            line += [", raised with ", with_whom]
        if entry["id"] in waiting:
            line.append(f"; no answer after {days(waiting[entry['id']].days)}")
        else:
            answered = model.optional_date(entry.get("response_date", ""))
            line.append(f"; answered on {long_date(answered)}" if answered else "; answered")
        lines.append((*line, *facts.ref(entry)))
    lead = (
        f"Concerns raised with the setting: {len(concerns)}, of which {len(waiting)} had no answer."
    )
    return _listed_block(facts, lead, lines)


def _support(facts: LetterFacts) -> list[LetterBlock]:
    """SEN Support cycles and their results, and targets not met review after review."""
    if not facts.cycles:
        return [paragraph("No SEN Support plan is recorded yet.")]
    lines = []
    for cycle in facts.cycles:
        plan = cycle.plan
        line = [
            f"Plan of {facts.day(plan)}, ",
            *facts.quoted(plan.get("title", "")),
            f", {len(cycle.targets)} target{'s' if len(cycle.targets) != 1 else ''}",
        ]
        if cycle.reviews:
            latest = [row.results[-1] for row in cycle.targets if row.results]
            counts = [
                f"{latest.count(key)} {label.lower()}"
                for key, label in vocabulary.RESULT_LABELS.items()
                if key != "not_assessed" and latest.count(key)
            ]
            line.append(
                f"; at the review of {facts.day(cycle.reviews[-1])}: "
                + (", ".join(counts) if counts else "no target assessed")
            )
        elif cycle.review_overdue:
            line.append(
                f"; its review, due {long_date(model.parse_date(plan['review_date']))}, "
                "has not happened"
            )
        else:
            line.append("; not reviewed yet")
        lines.append((*line, *facts.ref(plan, *cycle.reviews)))
    blocks = _listed_block(
        facts,
        f"SEN Support (assess, plan, do, review): {len(facts.cycles)} "
        f"cycle{'s' if len(facts.cycles) != 1 else ''}.",
        lines,
    )
    runs = analysis.not_met_runs(facts.timeline.analysed, facts.as_of)
    if runs:
        blocks += _listed_block(
            facts,
            "Targets not met at two or more reviews in a row:",
            [
                (
                    *facts.quoted(run.target.get("text", "")),
                    f": not met at {len(run.reviews)} reviews in a row, "
                    + ", ".join(facts.day(r) for r in run.reviews),
                    *facts.ref(*run.reviews),
                )
                for run in runs
            ],
        )
    return blocks


def _reports(facts: LetterFacts, reports: Sequence[Mapping[str, Any]]) -> list[LetterBlock]:
    """The assessments and professional reports: the evidence of need from clinicians
    and specialists that Code 9.14 asks the authority to look at."""
    if not reports:
        return []
    lines = []
    for report in reports:
        line = [f"{facts.day(report)}: ", *facts.quoted(report.get("title", ""))]
        by = facts.family(report.get("professional", ""))
        if by:
            line += [", by ", by]
        made = len(report.get("recommendations") or ())
        if made:
            line.append(f", {made} recommendation{'s' if made != 1 else ''}")
        lines.append((*line, *facts.ref(report)))
    count = len(reports)
    lead = f"Assessments and professional reports: {count}."
    return _listed_block(facts, lead, lines)


def _meetings(facts: LetterFacts) -> list[LetterBlock]:
    """The meetings held about the child, with the agreed actions still not done."""
    meetings = facts.of_kind("meeting")
    if not meetings:
        return []
    overdue: dict[str, int] = {}
    for flag in facts.flags:
        if flag.code == "action_overdue":
            overdue[flag.entry_id] = overdue.get(flag.entry_id, 0) + 1
    lines = []
    for meeting in meetings:
        line = [f"{facts.day(meeting)}: ", *facts.quoted(meeting.get("title", ""))]
        late = overdue.get(meeting["id"], 0)
        if late:
            line.append(
                f"; {late} agreed action{'s' if late != 1 else ''} past "
                f"{'its' if late == 1 else 'their'} due date and not done"
            )
        lines.append((*line, *facts.ref(meeting)))
    late_total = sum(overdue.values())
    lead = f"Meetings with the setting and professionals: {len(meetings)}" + (
        f", with {late_total} agreed action{'s' if late_total != 1 else ''} not done in time."
        if late_total
        else "."
    )
    return _listed_block(facts, lead, lines)


def _recommendations(facts: LetterFacts) -> list[LetterBlock]:
    lines = []
    for report in facts.of_kind("assessment"):
        by = facts.family(report.get("professional", ""))
        for item in report.get("recommendations") or ():
            how = {"no": "not carried out", "partly": "only partly carried out"}.get(
                item.get("implemented", "")
            )
            if how is None:
                continue
            lines.append(
                (
                    *facts.quoted(item.get("text", "")),
                    ", recommended",
                    *((" by ", by) if by else ()),
                    f" on {facts.day(report)}: {how}",
                    *facts.ref(report),
                )
            )
    if not lines:
        return []
    return _listed_block(facts, "Professionals' recommendations not carried out:", lines)


def _incidents(facts: LetterFacts, incidents: Sequence[Mapping[str, Any]]) -> list[LetterBlock]:
    if not incidents:
        return []
    total = sum(e.get("days_lost") or 0 for e in incidents)
    lines = []
    for kind, label in vocabulary.INCIDENT_LABELS.items():
        these = [e for e in incidents if e.get("incident_type") == kind]
        if these:
            lost = sum(e.get("days_lost") or 0 for e in these)
            lines.append((f"{label}: {times(len(these))}, {days(lost)} lost", *facts.ref(*these)))
    return _listed_block(
        facts, f"Incidents: {len(incidents)}, with {days(total)} of education lost.", lines
    )


def _views(facts: LetterFacts, observations: Sequence[Mapping[str, Any]]) -> list[LetterBlock]:
    views = [r for r in facts.of_kind("review") if Family(r.get("child_views", ""))]
    blocks: list[LetterBlock] = []
    if views:
        blocks += _listed_block(
            facts,
            "In the child's own words, at reviews:",
            [(f"{facts.day(r)}: ", *facts.quoted(r["child_views"]), *facts.ref(r)) for r in views],
        )
    if observations:
        blocks.append(
            paragraph(
                f"What I have seen at home is recorded in {len(observations)} dated "
                f"observation{'s' if len(observations) != 1 else ''}",
                *facts.ref(*observations),
                ".",
            )
        )
    return blocks


# --- the education record --------------------------------------------------------------


def education_record(facts: LetterFacts, entry_id: str | None) -> Letter:
    """A request to a maintained school for the pupil's educational record (15 school days)."""
    if entry_id:
        facts.chosen(
            entry_id, ("request",), "a request for the education record", "education_record"
        )
    setting = facts.family(facts.child.get("setting", ""))
    to = ("The governing body, ", setting) if setting else ("The governing body of the school",)
    subject = ("Request for the educational record of ", facts.name)
    try:
        counted = deadlines.add_working_days(facts.as_of, 15)
        by = (
            f" Counted in working days, that is by {long_date(counted)} if you receive "
            "this today; school holidays make it later."
        )
    except deadlines.CalendarRangeError:
        by = ""
    body = (
        paragraph(
            "I am the parent of ",
            facts.name,
            ". Under regulation 5 of the Education "
            "(Pupil Information) (England) Regulations 2005 I ask to see ",
            facts.name,
            "'s educational record, and for a copy of it.",
        ),
        paragraph(
            "The regulations say the governing body of a maintained school must make the "
            "record available within 15 school days of receiving a written request." + by,
        ),
        paragraph(
            "If there is a charge for the copy, please tell me before you make it; it may "
            "not be more than the cost of supplying it. If the school is an academy or "
            "otherwise not maintained, please treat this letter as a subject access request "
            "for the same information under the UK GDPR.",
        ),
    )
    return facts.letter(
        "education_record",
        to=to,
        subject=subject,
        body=body,
        record=_request(facts, "education_record", "Request for the educational record", to),
    )


# --- subject access --------------------------------------------------------------------

# What a family usually needs from a school, trust or council about a child with SEN.
_WHAT_TO_INCLUDE = (
    "the educational record and attendance records",
    "SEN Support plans, provision maps, individual education plans and their reviews",
    "notes and minutes of meetings about the child",
    "emails, letters and messages about the child, including those between staff and "
    "with the council, health services and other professionals",
    "assessments and professional reports, and referrals made or considered",
    "behaviour and incident logs, and records of any exclusion, suspension, time sent "
    "home, part-time timetable, isolation or restraint",
)


def subject_access(facts: LetterFacts, entry_id: str | None) -> Letter:
    """A subject access request: what to include and the one-month rule."""
    if entry_id:
        facts.chosen(entry_id, ("request",), "a subject access request", "subject_access")
    setting = facts.family(facts.child.get("setting", ""))
    to = ("The data protection officer, ", setting) if setting else ("The data protection officer",)
    subject = ("Subject access request: ", facts.name)
    rule = deadlines.RULES["subject_access"]
    due = deadlines.add_months(facts.as_of, 1)
    try:  # a month ending on a weekend or bank holiday ends on the next working day
        due = deadlines.working_day_on_or_after(due)
    except deadlines.CalendarRangeError:
        pass
    body = (
        paragraph(
            "I am the parent of ",
            facts.name,
            " and I make this request on ",
            facts.name,
            "'s behalf, and for myself where the information is about me. Under Article 15 "
            "of the UK GDPR, please send me a copy of all the personal data you hold about ",
            facts.name,
            ", in particular:",
        ),
        bullets([(item,) for item in _WHAT_TO_INCLUDE]),
        paragraph(
            "Please also tell me why you hold the data, who you have shared it with, how "
            "long you will keep it and where it came from, as Article 15 requires.",
        ),
        paragraph(
            "You have one calendar month from receiving this request to reply "
            f"({rule.source}): by {long_date(due)} if you receive it today. If you need proof of my "
            "identity or want me to clarify what I am asking for, please tell me at once, "
            "as the month then runs from when you receive it.",
        ),
    )
    return facts.letter(
        "subject_access",
        to=to,
        subject=subject,
        body=body,
        record=_request(facts, "subject_access", "Subject access request", to),
    )

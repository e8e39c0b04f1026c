"""A sample workbook: an invented family's journal, at any size, the same for a seed.

``sen-workbook --demo`` shows it to a new user, so the first screenfuls read like a real
family's records: the Okafor-Bennett family, whose son Tobi (Year 4 when the journal
starts) has communication and interaction and social, emotional and mental health needs,
and whose daughter Amara is at secondary school with dyslexia.  A third child, Femi, at
nursery, is there for benchmarks.  Over three school years the journal follows the
graduated response (plans, reviews, targets carried over), the professionals' reports,
the days a child was sent home, and the formal steps: an EHC needs assessment request that
is refused, mediation, an appeal, complaints and requests for records.

Benchmarks use the same generator for workbooks of 1,000 to 20,000 entries: beyond the
scripted story, entries are varied filler of plausible kinds, spread evenly over the
three years.  Everything random comes from one seeded ``random.Random``, and time stamps
are derived from entry dates, so a seed gives the same sample byte for byte.

This module does no I/O: attachments are built in memory (plain-text letters, small valid
PDF reports and PNG drawings) and returned with the records.
"""

from __future__ import annotations

import bisect
import hashlib
import random
import struct
import textwrap
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sen_workbook import model

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# Weeks of a school year (counted from the first Monday of September) that are term
# time: autumn with October half-term, spring with February half-term, summer with May
# half-term.  Close to most English local authorities' dates, not any one of them.
_TERM_WEEKS = frozenset(
    [*range(0, 7), *range(8, 16), *range(18, 24), *range(25, 30), *range(32, 38), *range(39, 46)]
)
# Kinds that happen at school or with professionals, so never at a weekend.
_SCHOOL_SIDE = frozenset({"meeting", "incident", "plan", "review"})

_MUM = "Ngozi Okafor-Bennett (mum)"
_DAD = "Dan Bennett (dad)"
_LA = "Hartshire County Council SEND Team"
_CASEWORKER = "Ms Fiona Marsh, SEND Casework Officer, Hartshire County Council"


@dataclass(frozen=True)
class Sample:
    """A generated workbook: records ready to store and the attachment files they name."""

    children: list[dict]
    entries: list[dict]
    files: dict[str, bytes]  # SHA-256 in hex -> content, for every attachment referenced


def generate(
    size: int = 120,
    *,
    seed: int = 7,
    start: date = date(2023, 9, 4),
    children: int = 2,
    attachments: int | None = None,
) -> Sample:
    """A sample family's workbook with exactly ``size`` entries over three school years.

    ``children`` is 1 to 3 (Tobi, then Amara, then Femi).  From 30 entries up, each
    child has entries of every kind, and Tobi's main target is not met at two reviews in
    a row; smaller sizes give the start of the story.  Story entries come first; above
    the story's length the rest is filler.  ``attachments`` caps how many entries carry
    a file; ``None`` means about one in 25 entries, and at least 8.
    """
    if size < 0:
        raise ValueError(f"size must be 0 or more entries, not {size}.")
    if not 1 <= children <= len(_FAMILY):
        raise ValueError(f"children must be from 1 to {len(_FAMILY)}, not {children}.")
    if attachments is not None and attachments < 0:
        raise ValueError(f"attachments must be 0 or more, not {attachments}.")
    rng = random.Random(seed)

    def new_uuid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    calendar = _Calendar(start)
    family = _FAMILY[:children]
    child_records = [person.record(calendar, new_uuid()) for person in family]

    # Story entries by rank (the core of every child first), then filler to the size.
    stories = [person.story(calendar) for person in family]
    ordered: list[tuple[int, _Scripted]] = []
    for rank in range(3):
        for index, story in enumerate(stories):
            ordered.extend((index, item) for item in story if item.rank == rank)
    chosen = ordered[:size]

    ids = {item.key: new_uuid() for _, item in chosen if item.key}
    target_ids: dict[str, str] = {}
    built: list[tuple[dict, _Document | None]] = []
    for index, item in chosen:
        entry = _build_scripted(item, child_records[index]["id"], ids, target_ids, new_uuid)
        built.append((entry, item.document))

    filler_count = size - len(chosen)
    filler = _Filler(rng, calendar, family, child_records)
    built.extend(
        (filler.entry(number, filler_count, new_uuid()), None) for number in range(filler_count)
    )

    limit = max(8, size // 25) if attachments is None else attachments
    files = _attach(built, len(chosen), limit, seed, child_records)

    # Chronological, as a journal reads; the sort is stable so ties keep story order.
    entries = sorted((entry for entry, _ in built), key=lambda e: e["date"])
    return Sample(children=child_records, entries=entries, files=files)


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


# --- the scripted story ----------------------------------------------------------------


@dataclass(frozen=True)
class _Document:
    """A file to attach: its name, what it is, and how to make its bytes."""

    filename: str
    description: str
    content: Callable[[], bytes]


@dataclass(frozen=True)
class _Scripted:
    """One entry of a child's story.  ``rank`` 0 is the core kept at the smallest size;
    targets and outcomes name targets by ``key``, a review names its plan by ``plan``."""

    rank: int
    kind: str
    when: str
    fields: dict[str, Any]
    key: str = ""
    links: tuple[str, ...] = ()
    document: _Document | None = None


class _Story:
    def __init__(self) -> None:
        self.items: list[_Scripted] = []

    def add(
        self,
        rank: int,
        kind: str,
        when: str,
        *,
        key: str = "",
        links: tuple[str, ...] = (),
        document: _Document | None = None,
        **fields: Any,
    ) -> None:
        self.items.append(_Scripted(rank, kind, when, fields, key, links, document))


def _stamp(when: str) -> str:
    """created_at/updated_at for an entry: its day at 20:00, when the parent writes up."""
    return f"{when[:10]}T20:00:00"


def _build_scripted(
    item: _Scripted,
    child_id: str,
    ids: dict[str, str],
    target_ids: dict[str, str],
    new_uuid: Callable[[], str],
) -> dict:
    fields = dict(item.fields)
    if item.kind == "plan":
        fields["targets"] = [
            {
                **{k: v for k, v in target.items() if k != "key"},
                "id": target_ids.setdefault(target["key"], new_uuid()),
            }
            for target in fields["targets"]
        ]
    elif item.kind == "review":
        fields["plan_id"] = ids[fields.pop("plan")]
        fields["outcomes"] = [
            {"target_id": target_ids[target], "result": result, "evidence": evidence}
            for target, result, evidence in fields["outcomes"]
        ]
    stamp = _stamp(item.when)
    return model.new_entry(
        item.kind,
        child_id,
        id=ids[item.key] if item.key else new_uuid(),
        date=item.when,
        links=[ids[key] for key in item.links if key in ids],
        created_at=stamp,
        updated_at=stamp,
        **fields,
    )


def _target(key: str, text: str, area: str, measure: str) -> dict[str, str]:
    return {"key": key, "text": text, "area": area, "success_measure": measure}


def _tobi_story(c: _Calendar) -> list[_Scripted]:
    s = _Story()
    doyle, patel = "Mrs Harriet Doyle (SENCo)", "Miss Priya Patel (class teacher)"
    kerr, griffiths = "Mrs Lisa Kerr (teaching assistant)", "Mr Owen Griffiths (class teacher)"
    kirby, head = "Mrs Joanne Kirby (class teacher)", "Mr Martin Whitlock (headteacher)"
    salt = (
        "Rachel Adeyemi, Speech and Language Therapist, "
        "Hartshire Children's Speech and Language Therapy (NHS)"
    )
    ep = "Dr Simon Hale, Educational Psychologist, Hartshire Educational Psychology Service"
    ci, semh = "communication_interaction", "semh"

    t1 = _target(
        "T1",
        "Follow a two-step instruction given to the whole class, using the prompt card on his desk",
        ci,
        "Starts the task without an adult repeating the instruction in 4 of 5 observed lessons",
    )
    t2 = _target(
        "T2",
        "Use his 'I need a break' card to ask for a movement break instead "
        "of leaving the classroom",
        semh,
        "Leaves the classroom without asking no more than once a week (class log)",
    )
    t3 = _target(
        "T3",
        "Join a structured game with two classmates at lunchtime, taking turns",
        ci,
        "Takes part in the Lego club game for 15 minutes on 3 of 4 Fridays",
    )
    t4 = _target(
        "T4",
        "Tell an adult how he is feeling, using the 1 to 5 scale, at morning check-in",
        semh,
        "Gives a number at check-in on 4 of 5 days",
    )
    t5 = _target(
        "T5",
        "Ask for help using a sentence starter such as 'Can you say that again?'",
        ci,
        "Uses a sentence starter at least once a day, seen by Mrs Kerr",
    )
    t6 = _target(
        "T6",
        "Use the quiet base at lunchtime and come back to class on time",
        semh,
        "Back in class on time after lunch on 4 of 5 days",
    )
    t7 = _target(
        "T7",
        "Explain a maths method to a partner in two or three sentences",
        ci,
        "Does so in 3 of 4 observed maths lessons",
    )

    s.add(
        0,
        "observation",
        c.at(1, 0, TUE, "16:30"),
        title="Came out of school shaking on the second day",
        details=(
            "Tobi did not speak on the walk home and went under the kitchen table "
            'with his ear defenders for an hour. Later he said: "Miss Patel talks '
            "really fast and then everybody talks back at the same time. I don't "
            "know what I'm meant to do so I just wait.\" He ate a little tea and was "
            "asleep by seven."
        ),
        areas=[ci, semh],
    )
    s.add(
        0,
        "concern",
        c.at(1, 1, MON),
        key="concern1",
        title="Raised worries about instructions and distress after school",
        details=(
            "I emailed Miss Patel to say Tobi has come home distressed every day "
            "since term started, cannot tell me what he is meant to do in lessons "
            "and says he has no one to play with. I asked whether he is following "
            "instructions in class and whether she could talk to the SENCo."
        ),
        areas=[ci, semh],
        people=[patel],
        raised_by=_MUM,
        raised_with=patel,
        channel="Email",
        response=(
            "Miss Patel replied that Tobi is 'quiet but fine' in class, that she "
            "will keep an eye on him and pass my email to Mrs Doyle."
        ),
        response_date=c.iso(1, 1, THU),
    )
    s.add(
        0,
        "meeting",
        c.at(1, 3, WED, "15:30"),
        key="meeting1",
        title="Meeting with the SENCo about Tobi's communication",
        details=(
            "Mrs Doyle said school has also noticed Tobi 'freezing' when asked a "
            "question in front of the class and walking the edge of the field at "
            "playtime. Miss Patel said he often starts work late because he waits to "
            "copy others. We asked for a speech and language referral and Mrs Doyle "
            "agreed."
        ),
        areas=[ci, semh],
        people=[doyle, patel],
        attendees=[_MUM, _DAD, doyle, patel],
        purpose="Share what home and school have noticed and agree next steps",
        actions=[
            {
                "text": "Refer Tobi to the NHS speech and language therapy service",
                "owner": "Mrs Doyle",
                "due": c.iso(1, 5, FRI),
                "done": True,
            },
            {
                "text": "Start a home-school communication book, written in every day",
                "owner": "Miss Patel",
                "due": c.iso(1, 4, WED),
                "done": False,
            },
            {
                "text": "Write a SEN Support plan and put Tobi on the SEN register",
                "owner": "Mrs Doyle",
                "due": c.iso(1, 6, FRI),
                "done": True,
            },
            {
                "text": "Send school a weekly note of what Tobi says at home",
                "owner": "Ngozi (mum)",
                "due": c.iso(1, 4, FRI),
                "done": True,
            },
        ],
        follow_up_sent=c.iso(1, 3, WED),
    )
    s.add(
        0,
        "correspondence",
        c.at(1, 3, WED, "19:45"),
        links=("meeting1",),
        title="Email confirming what we agreed with the SENCo",
        details=(
            "Thanked Mrs Doyle and Miss Patel for meeting us and listed the four "
            "actions, who is doing each one and by when. Asked Mrs Doyle to tell me "
            "if I had got anything wrong, and asked for a copy of the SEN Support "
            "plan once it is written."
        ),
        areas=[ci],
        people=[doyle],
        direction="sent",
        **{"from": _MUM},
        to=doyle,
        subject="Today's meeting about Tobi: what we agreed",
        reply_due=c.iso(1, 4, WED),
    )
    s.add(
        0,
        "plan",
        c.at(1, 5, MON),
        key="plan1",
        title="SEN Support plan: autumn term, Year 4",
        details=(
            "Written by Mrs Doyle after the September meeting and sent home in "
            "Tobi's bag. Needs: communication and interaction (following spoken "
            "instructions, joining in) and social, emotional and mental health "
            "(distress at changes, leaving the classroom). We signed it and asked "
            "for the ELSA sessions to start straight away."
        ),
        areas=[ci, semh],
        people=[doyle, patel, kerr],
        start_date=c.iso(1, 5, MON),
        review_date=c.iso(1, 19, FRI),
        targets=[{**t, "by_date": c.iso(1, 19, FRI)} for t in (t1, t2, t3)],
        provision=[
            {
                "what": "Talkabout social communication group",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 30 minutes",
                "start": c.iso(1, 6, MON),
                "end": "",
            },
            {
                "what": "Visual timetable and now/next board on his desk",
                "who": "Miss Patel",
                "frequency": "Daily",
                "start": c.iso(1, 5, MON),
                "end": "",
            },
            {
                "what": "ELSA (emotional literacy support) sessions",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 30 minutes",
                "start": c.iso(1, 8, TUE),
                "end": "",
            },
            {
                "what": "Movement breaks at set times",
                "who": "Class team",
                "frequency": "Twice a day",
                "start": c.iso(1, 5, MON),
                "end": "",
            },
        ],
    )
    s.add(
        0,
        "incident",
        c.at(1, 9, TUE, "11:50"),
        key="senthome1",
        title="Asked to collect Tobi at lunchtime after he threw a chair",
        details=(
            "Mrs Doyle phoned me at work at 11:50 and asked me to collect Tobi 'to "
            "let him calm down at home'. He had thrown a chair when the seating plan "
            "was changed without warning; no one was hurt. I was not given a letter "
            "and was told it was 'not an exclusion'. He missed the afternoon."
        ),
        areas=[semh],
        people=[doyle],
        incident_type="sent_home",
        days_lost=0.5,
    )
    s.add(
        0,
        "review",
        c.at(1, 19, WED),
        key="review1",
        plan="plan1",
        title="Review of the autumn SEN Support plan",
        details=(
            "Review after school with Mrs Doyle and Miss Patel. Tobi gave his views "
            "beforehand with Mrs Kerr, using a scale and pictures. His reading is at "
            "the expected standard but his listening and attention scores are well "
            "below. The speech and language referral is still waiting."
        ),
        areas=[ci, semh],
        people=[doyle, patel],
        outcomes=[
            (
                "T1",
                "not_met",
                "Started the task unprompted in 1 of 5 lessons observed by "
                "Mrs Doyle; still waits and copies others.",
            ),
            (
                "T2",
                "partly",
                "Used the break card 6 times; left the room without asking "
                "4 times in the last 3 weeks (class log).",
            ),
            (
                "T3",
                "met",
                "Has joined Lego club every Friday since November and takes turns with two boys.",
            ),
        ],
        parent_views=(
            "We are pleased about Lego club: he talks about it all weekend. We "
            "are worried he still does not understand what to do in lessons and "
            "that he has been sent home early this term."
        ),
        child_views=(
            '"Lego club is the best bit. I like building with Jayden and Ollie. '
            "In class I still don't know what to do when Miss talks a lot. The "
            'card is embarrassing because people look at me."'
        ),
        next_steps=(
            "Keep T1 and T2. Add a target for naming feelings. Mrs Doyle to chase "
            "the speech and language referral. Review again after Easter."
        ),
    )
    s.add(
        0,
        "plan",
        c.at(1, 20, MON),
        key="plan2",
        title="SEN Support plan: spring term, Year 4",
        details=(
            "T1 and T2 carried over from the autumn plan because they were not met. "
            "New: a morning check-in with Mrs Kerr. We asked again for the "
            "home-school book, agreed in September and still not started, and for "
            "the speech and language assessment to be chased."
        ),
        areas=[ci, semh],
        people=[doyle, kerr],
        start_date=c.iso(1, 20, MON),
        review_date=c.iso(1, 35, FRI),
        targets=[{**t, "by_date": c.iso(1, 35, FRI)} for t in (t1, t2, t4)],
        provision=[
            {
                "what": "Talkabout social communication group",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 30 minutes",
                "start": c.iso(1, 6, MON),
                "end": "",
            },
            {
                "what": "ELSA (emotional literacy support) sessions",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 30 minutes",
                "start": c.iso(1, 8, TUE),
                "end": "",
            },
            {
                "what": "Morning check-in with a key adult",
                "who": "Mrs Kerr",
                "frequency": "Daily, 10 minutes",
                "start": c.iso(1, 20, MON),
                "end": "",
            },
            {
                "what": "Pre-teaching of topic words",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 20 minutes",
                "start": c.iso(1, 21, MON),
                "end": "",
            },
        ],
    )
    s.add(
        0,
        "assessment",
        c.at(1, 23, THU),
        key="salt",
        title="Speech and language therapy report",
        details=(
            "Assessment done at school over two sessions; the report was posted to us "
            "and copied to Mrs Doyle. Ms Adeyemi will not give ongoing therapy: the "
            "service gives advice and a programme for school to deliver, and will "
            "review in six months."
        ),
        areas=[ci],
        people=[salt],
        professional=salt,
        findings=(
            "Receptive language well below the expected range for his age (CELF-5 "
            "receptive language standard score 72); expressive language low average. "
            "Difficulty holding and acting on instructions of more than two parts, "
            "and with inference. Social communication differences noted."
        ),
        recommendations=[
            {
                "text": "Give instructions in short chunks, with a visual or written prompt",
                "implemented": "yes",
            },
            {"text": "Pre-teach topic vocabulary weekly in a small group", "implemented": "partly"},
            {
                "text": "Daily 10-minute language programme delivered by a trained teaching "
                "assistant",
                "implemented": "no",
            },
            {
                "text": "Check understanding by asking Tobi to show, not by asking whether "
                "he understands",
                "implemented": "unknown",
            },
            {
                "text": "Refer to the neurodevelopmental (autism) assessment pathway",
                "implemented": "yes",
            },
        ],
        document=_Document(
            f"SALT report {_month(c.day(1, 23, THU))}.pdf",
            "Speech and language therapy report from Ms Adeyemi",
            lambda: _pdf(
                "Speech and Language Therapy Report",
                [
                    "Name: Oluwatobi (Tobi) Okafor-Bennett",
                    f"Date of assessment: {_long(c.day(1, 22, TUE))}",
                    "Setting: Hollybrook Primary School, Year 4",
                    "",
                    "Assessment: CELF-5 (selected subtests), observation in class, "
                    "discussion with SENCo and parents.",
                    "Receptive language standard score 72 (well below the expected range).",
                    "Expressive language standard score 84 (low average).",
                    "",
                    "Recommendations:",
                    "1. Give instructions in short chunks with a visual or written prompt.",
                    "2. Pre-teach topic vocabulary weekly in a small group.",
                    "3. Daily 10-minute language programme delivered by a trained TA.",
                    "4. Check understanding by asking Tobi to show what to do.",
                    "5. Refer to the neurodevelopmental assessment pathway.",
                    "",
                    "Rachel Adeyemi, Speech and Language Therapist",
                ],
            ),
        ),
    )
    s.add(
        0,
        "review",
        c.at(1, 36, WED),
        key="review2",
        plan="plan2",
        title="Review of the spring SEN Support plan",
        details=(
            "Review in the SENCo's office, 40 minutes. Miss Patel brought Tobi's "
            "books: his writing is better when he has a word bank. The daily language "
            "programme from the speech and language report has not started because "
            "no assistant has been trained to deliver it."
        ),
        areas=[ci, semh],
        people=[doyle, patel],
        outcomes=[
            (
                "T1",
                "not_met",
                "Started unprompted in 1 of 5 observed lessons; no change since January.",
            ),
            (
                "T2",
                "met",
                "Asked for a break with the card every time in the last four "
                "weeks; has not left the room without asking since March.",
            ),
            ("T4", "met", "Gives a number at check-in most days and has started to say why."),
        ],
        parent_views=(
            "T1 has now not been met at two reviews in a row, and the daily "
            "language programme recommended by the therapist has not started. "
            "We told school we will ask the local authority for an EHC needs "
            "assessment."
        ),
        child_views=(
            "\"I'm mostly a 3. When Miss explains the maths I try to listen but "
            "the words go too quick and then it's too late to ask.\""
        ),
        next_steps=(
            "Mrs Doyle to ask the educational psychologist to see Tobi. Daily "
            "language programme to start after half-term. School will send its "
            "evidence for the EHC needs assessment request."
        ),
    )
    s.add(
        0,
        "request",
        c.at(1, 37, MON),
        key="ehcna",
        title="Request for an EHC needs assessment",
        details=(
            "Sent by email to the SEND Team with the speech and language report, both "
            "SEN Support plans and reviews, and a list of the days Tobi was sent home "
            "early. Asked for an acknowledgement. The decision whether to assess is "
            "due within six weeks."
        ),
        areas=[ci, semh],
        people=[_CASEWORKER],
        request_type="ehcna",
        sent_to=_LA,
        outcome=(
            "Refused: the local authority decided not to carry out an EHC needs "
            "assessment, saying Tobi's needs can be met from resources normally "
            "available to the school."
        ),
        outcome_date=c.iso(1, 42, THU),
        document=_Document(
            f"EHC needs assessment request {_month(c.day(1, 37, MON))}.txt",
            "Our letter asking for an EHC needs assessment",
            lambda: _letter(
                [
                    _MUM.split(" (")[0] + " and " + _DAD.split(" (")[0],
                    "",
                    _long(c.day(1, 37, MON)),
                    "",
                    "SEND Team",
                    "Hartshire County Council",
                ],
                "Dear SEND Team,",
                [
                    "Request for an EHC needs assessment: Oluwatobi (Tobi) Okafor-Bennett, "
                    f"born {_long(_DOB['tobi'](c))}, Year 4, Hollybrook Primary School.",
                    "We are Tobi's parents and we ask the local authority to carry out an "
                    "education, health and care needs assessment under section 36 of the "
                    "Children and Families Act 2014.",
                    "Tobi has special educational needs in communication and interaction "
                    "and in social, emotional and mental health. He has been on SEN Support "
                    f"since {_long(c.day(1, 5, MON))}. Despite two SEN Support plans he has "
                    "not met his main target, following a two-step class instruction, at "
                    "either review, and he has been sent home early more than once.",
                    "The speech and language therapist recommends a daily language "
                    "programme delivered by a trained assistant, which the school has not "
                    "been able to provide.",
                    "We believe Tobi has or may have special educational needs and that it "
                    "may be necessary for special educational provision to be made for him "
                    "in accordance with an EHC plan. We enclose the speech and language "
                    "report, the SEN Support plans and reviews, and our record of the days "
                    "he was sent home.",
                    "Please acknowledge this request and tell us the date by which you will "
                    "decide whether to assess.",
                ],
                "Yours faithfully,\nNgozi Okafor-Bennett and Dan Bennett",
            ),
        ),
    )

    # The rest of Year 4.
    s.add(
        1,
        "observation",
        c.at(1, 6, SAT),
        key="drawing",
        title="Tobi's drawing of playtime",
        details=(
            "Tobi drew the playground without being asked: everyone in the middle "
            "playing football, and himself on his own by the fence. When I asked about "
            'it he said: "That\'s me. I walk round and round until the bell." I took '
            "a photo of the drawing to share with Mrs Doyle."
        ),
        areas=[semh, ci],
        document=_Document(
            f"Tobi's drawing of playtime {_month(c.day(1, 6, SAT))}.png",
            "Photo of Tobi's drawing of the playground",
            lambda: _png_playground(),
        ),
    )
    s.add(
        1,
        "correspondence",
        c.at(1, 8, WED),
        title="Letter from speech and language therapy: referral accepted",
        details=(
            "Letter from the children's speech and language therapy service to say "
            "Tobi's referral from school has been accepted. The current wait for an "
            "assessment is about 18 weeks. A therapist will contact school to arrange "
            "to see him there."
        ),
        areas=[ci],
        people=["Hartshire Children's Speech and Language Therapy"],
        direction="received",
        **{"from": "Hartshire Children's Speech and Language Therapy"},
        to="Parents of Tobi Okafor-Bennett",
        subject="Referral accepted",
    )
    s.add(
        1,
        "incident",
        c.at(1, 13, THU, "13:10"),
        key="senthome2",
        title="Sent home after refusing to go back into class",
        details=(
            "The office phoned at 13:10 and asked me to come and collect Tobi because "
            "he would not go back into class after lunch and was hiding under the "
            "stairs. I collected him at 13:40. Again there was no letter. Tobi told "
            "me the hall was 'too echoey' at lunch because of the Christmas "
            "rehearsal."
        ),
        areas=[semh],
        people=[doyle],
        incident_type="sent_home",
        days_lost=0.5,
    )
    s.add(
        1,
        "concern",
        c.at(1, 14, MON),
        key="concern2",
        links=("senthome1", "senthome2"),
        title="Asked the headteacher why Tobi is being sent home",
        details=(
            "Wrote to Mr Whitlock listing the two days I was asked to collect Tobi "
            "early, and asked whether they were recorded as exclusions, as the "
            "government guidance says they must be. I asked what support will be put "
            "in place so that it does not happen again."
        ),
        areas=[semh],
        people=[head],
        raised_by=_MUM,
        raised_with=head,
        channel="Letter",
    )
    s.add(
        1,
        "observation",
        c.at(1, 14, SUN, "18:00"),
        title='"I\'m the naughty one now"',
        details=(
            "Over tea Tobi said: \"I'm the naughty one now. Everyone knows I get sent "
            'home." He asked if he is allowed to go to school on Monday. He has '
            "started saying he is 'bad at school' and asked whether Father Christmas "
            "still comes to naughty children."
        ),
        areas=[semh],
    )
    s.add(
        1,
        "meeting",
        c.at(1, 26, TUE, "15:45"),
        key="meeting2",
        links=("salt",),
        title="Meeting with Ms Adeyemi and Mrs Doyle about the SALT report",
        details=(
            "Ms Adeyemi went through her report and showed Mrs Doyle and me the daily "
            "language programme. Mrs Doyle said there is no teaching assistant free to "
            "deliver it every day but she would look at the timetable. Ms Adeyemi said "
            "the programme only works if it is daily."
        ),
        areas=[ci],
        people=[salt, doyle],
        attendees=[_MUM, salt, doyle],
        purpose="Go through the speech and language report and how school will use it",
        actions=[
            {
                "text": "Train Mrs Kerr to deliver the daily language programme",
                "owner": "Mrs Doyle",
                "due": c.iso(1, 28, FRI),
                "done": False,
            },
            {
                "text": "Email the programme and resources to school",
                "owner": "Ms Adeyemi",
                "due": c.iso(1, 27, FRI),
                "done": True,
            },
        ],
    )
    s.add(
        1,
        "incident",
        c.at(1, 27, MON, "08:45"),
        key="parttime",
        title="Tobi put on a part-time timetable (mornings only)",
        details=(
            "Mrs Doyle told me at the gate that from today Tobi would attend 9:00 to "
            "12:00 'for two weeks while we put things in place'. I said I was not "
            "happy and asked for it in writing with an end date. It lasted until the "
            "Easter holiday: three weeks, 15 afternoons missed."
        ),
        areas=[semh],
        people=[doyle],
        incident_type="part_time_timetable",
        days_lost=7.5,
    )
    s.add(
        1,
        "correspondence",
        c.at(1, 27, MON, "20:30"),
        links=("parttime",),
        title="Email asking for the part-time timetable in writing",
        details=(
            "Asked Mrs Doyle to send the part-time timetable in writing: why it is "
            "needed, what support will be in place, how it will be reviewed and the "
            "date it ends. I said we agreed to it only because we were told it was "
            "short-term, and that the afternoons he misses are lost education."
        ),
        areas=[semh],
        people=[doyle],
        direction="sent",
        **{"from": _MUM},
        to=doyle,
        subject="Tobi's part-time timetable",
        reply_due=c.iso(1, 28, MON),
    )
    s.add(
        1,
        "observation",
        c.at(1, 28, WED, "16:00"),
        title="Afternoons at home on the part-time timetable",
        details=(
            "Third week of mornings only. Tobi is calmer in the afternoons but asked: "
            '"Am I allowed to go to school all day when I\'m good?" He has started '
            "saying he doesn't need school. I am taking unpaid leave to be at home "
            "with him."
        ),
        areas=[semh],
    )
    s.add(
        1,
        "assessment",
        c.at(1, 41, TUE),
        key="ep",
        links=("review2",),
        title="Educational psychologist's report",
        details=(
            "Dr Hale saw Tobi in class and at lunchtime and met Mrs Doyle and us. The "
            "report was shared at a short meeting in school. He said Tobi described "
            "school as 'too loud and too fast' and that the recommendations need "
            "more than the school's usual resources."
        ),
        areas=[ci, semh],
        people=[ep],
        professional=ep,
        findings=(
            "Reasoning abilities broadly average, verbal comprehension a relative "
            "weakness. High anxiety around unstructured times and changes of "
            "routine. Findings consistent with the speech and language report."
        ),
        recommendations=[
            {
                "text": "A key adult to meet Tobi at the gate each morning and go through the day",
                "implemented": "yes",
            },
            {"text": "A quiet base he can use at break and lunchtime", "implemented": "partly"},
            {
                "text": "The daily language programme set by the speech and language therapist",
                "implemented": "no",
            },
            {
                "text": "Staff training on communication-friendly classrooms",
                "implemented": "unknown",
            },
        ],
        document=_Document(
            f"EP report {_month(c.day(1, 41, TUE))}.pdf",
            "Educational psychologist's report from Dr Hale",
            lambda: _pdf(
                "Educational Psychology Report",
                [
                    "Child: Oluwatobi (Tobi) Okafor-Bennett, Year 4",
                    f"Date of report: {_long(c.day(1, 41, TUE))}",
                    "",
                    "Tobi described school as 'too loud and too fast'.",
                    "Reasoning broadly average; verbal comprehension a relative weakness.",
                    "High anxiety around unstructured times and changes of routine.",
                    "",
                    "Recommendations:",
                    "1. A key adult to meet Tobi each morning and go through the day.",
                    "2. A quiet base at break and lunchtime.",
                    "3. The daily language programme set by the speech and language therapist.",
                    "4. Staff training on communication-friendly classrooms.",
                    "",
                    "Dr Simon Hale, Educational Psychologist",
                ],
            ),
        ),
    )
    s.add(
        1,
        "correspondence",
        c.at(1, 42, THU),
        key="refusal",
        links=("ehcna",),
        title="Letter from the SEND Team: decision not to assess",
        details=(
            "The letter says the panel considered the evidence and that Tobi is "
            "making progress with SEN Support. It gives our right to appeal to the "
            "SEND Tribunal within two months, and says we must first contact a "
            "mediation adviser and get a certificate."
        ),
        areas=[ci, semh],
        people=[_CASEWORKER],
        direction="received",
        **{"from": _CASEWORKER},
        to=f"{_MUM}, {_DAD}",
        subject="Decision on your request for an EHC needs assessment",
        document=_Document(
            f"LA decision letter {_month(c.day(1, 42, THU))}.txt",
            "The local authority's letter refusing to assess",
            lambda: _letter(
                ["Hartshire County Council", "SEND Team", "", _long(c.day(1, 42, THU))],
                "Dear Mrs Okafor-Bennett and Mr Bennett,",
                [
                    "Re: Oluwatobi Okafor-Bennett, Hollybrook Primary School",
                    "Thank you for your request for an education, health and care needs "
                    "assessment. The SEND panel considered it with the evidence from school.",
                    "The panel decided not to carry out an assessment. It considers that "
                    "Tobi is making progress and that his needs can be met from resources "
                    "normally available to the school through SEN Support.",
                    "You have the right to appeal to the First-tier Tribunal (SEND) within "
                    "two months of this letter, or one month from a mediation certificate "
                    "if later. Before appealing you must contact a mediation adviser.",
                ],
                f"Yours sincerely,\n{_CASEWORKER}",
            ),
        ),
    )
    s.add(
        1,
        "request",
        c.at(1, 44, MON),
        key="mediation",
        links=("ehcna", "refusal"),
        title="Mediation about the refusal to assess",
        details=(
            "Contacted the mediation adviser named in the decision letter and said we "
            "want mediation. Sent a summary of why we think the decision is wrong: two "
            "reviews without progress on T1, the recommendations not delivered, and "
            "the days lost to being sent home."
        ),
        areas=[ci, semh],
        request_type="mediation",
        sent_to="Meadowvale Mediation Service",
        outcome=(
            "Mediation held by video call; the local authority kept its decision not "
            "to assess. Mediation certificate issued."
        ),
        outcome_date=c.iso(2, 4, WED),
    )

    # Year 5.
    s.add(
        1,
        "plan",
        c.at(2, 3, MON),
        key="plan3",
        title="SEN Support plan: autumn term, Year 5",
        details=(
            "T1 carried over again. Mrs Kerr has now been trained and the daily "
            "language programme starts this week. Mr Griffiths writes the steps of "
            "each task on the board. New targets for asking for help and for "
            "lunchtimes, which are the hardest part of Tobi's day."
        ),
        areas=[ci, semh],
        people=[doyle, griffiths, kerr],
        start_date=c.iso(2, 3, MON),
        review_date=c.iso(2, 19, FRI),
        targets=[{**t, "by_date": c.iso(2, 19, FRI)} for t in (t1, t5, t6)],
        provision=[
            {
                "what": "Daily language programme (from the SALT report)",
                "who": "Mrs Kerr",
                "frequency": "Daily, 10 minutes",
                "start": c.iso(2, 3, MON),
                "end": "",
            },
            {
                "what": "Key adult meets Tobi at the gate",
                "who": "Mrs Kerr",
                "frequency": "Daily",
                "start": c.iso(2, 0, MON),
                "end": "",
            },
            {
                "what": "Quiet base at lunchtime",
                "who": "Lunchtime team",
                "frequency": "Daily",
                "start": c.iso(2, 3, MON),
                "end": "",
            },
            {
                "what": "Lego-based therapy group",
                "who": "Mrs Kerr",
                "frequency": "Weekly, 45 minutes",
                "start": c.iso(2, 4, THU),
                "end": "",
            },
        ],
    )
    s.add(
        1,
        "request",
        c.at(2, 6, MON),
        key="complaint1",
        links=("senthome1", "parttime"),
        title="Complaint stage 1: being sent home and the part-time timetable",
        details=(
            "Formal complaint to the headteacher under the school's complaints "
            "policy. Listed the days Tobi was sent home without a letter and the "
            "three weeks of mornings only with no written plan, and asked for them to "
            "be recorded correctly and for the lost time to be made up."
        ),
        areas=[semh],
        people=[head],
        request_type="complaint",
        sent_to="Mr Martin Whitlock, Headteacher, Hollybrook Primary School",
        outcome=(
            "Headteacher's reply: accepted that the early collections should have "
            "been recorded as exclusions and that the part-time timetable had no "
            "written plan; apologised and said staff will be reminded of the "
            "guidance."
        ),
        outcome_date=c.iso(2, 9, THU),
    )
    s.add(
        1,
        "request",
        c.at(2, 7, TUE),
        key="appeal",
        links=("ehcna", "mediation"),
        title="Appeal to the SEND Tribunal against the refusal to assess",
        details=(
            "Sent the appeal form to the Tribunal with the decision letter and the "
            "mediation certificate. Evidence: the speech and language and educational "
            "psychology reports, the plans and reviews, and our records. Advice from "
            "Hartshire SENDIASS helped with the form."
        ),
        areas=[ci, semh],
        request_type="appeal",
        sent_to="First-tier Tribunal (Special Educational Needs and Disability)",
        outcome=(
            "The local authority did not defend the appeal and agreed to carry out "
            "an EHC needs assessment; the Tribunal made a consent order."
        ),
        outcome_date=c.iso(2, 18, WED),
    )
    s.add(
        1,
        "request",
        c.at(2, 10, TUE),
        key="record",
        title="Request for Tobi's education record",
        details=(
            f"Wrote to the school asking for a copy of Tobi's education record since "
            f"{_long(c.day(1, 0, MON))}, including behaviour logs, incident forms and "
            "the register marks on the days he was sent home. The school is "
            "maintained by the council, so the 15 school day rule applies."
        ),
        areas=[semh],
        people=[head],
        request_type="education_record",
        sent_to="Mr Martin Whitlock, Headteacher, Hollybrook Primary School",
        outcome="Copy of the education record received; the incident forms were missing.",
        outcome_date=c.iso(2, 16, WED),
    )
    s.add(
        1,
        "observation",
        c.at(2, 12, THU, "17:30"),
        title="Tobi on Mr Griffiths' steps on the board",
        details=(
            'Tobi came home and said: "Mr G writes the steps on the board so I can '
            "look back. That's the trick.\" He finished his maths for the first time "
            "this year, he said. He also told me Mrs Kerr's 'word games' every morning "
            "are 'a bit babyish but OK'."
        ),
        areas=[ci],
    )
    s.add(
        1,
        "incident",
        c.at(2, 14, THU, "12:30"),
        key="suspension",
        title="One-day suspension after an incident in the lunch queue",
        details=(
            "Tobi hit another pupil in the lunch queue after being pushed; the other "
            "boy was not badly hurt. This time we had a suspension letter, the first "
            'formal one. Tobi said: "He pushed me and everyone was shouting and my '
            'hands just did it." We asked for a reintegration meeting.'
        ),
        areas=[semh],
        people=[head, doyle],
        incident_type="suspension",
        days_lost=1,
    )
    s.add(
        1,
        "review",
        c.at(2, 19, WED),
        key="review3",
        plan="plan3",
        title="Review of the autumn SEN Support plan (Year 5)",
        details=(
            "Review with Mrs Doyle and Mr Griffiths. The daily language programme has "
            "run since October with only a few days missed. Mr Griffiths said the "
            "steps on the board help the whole class. Lunchtimes are still hard; the "
            "suspension happened in the lunch queue."
        ),
        areas=[ci, semh],
        people=[doyle, griffiths],
        outcomes=[
            (
                "T1",
                "partly",
                "Started unprompted in 3 of 5 observed lessons since the language programme began.",
            ),
            ("T5", "met", "Mrs Kerr hears him use a sentence starter several times a day."),
            ("T6", "partly", "Back on time on 2 or 3 days a week; late after busy lunchtimes."),
        ],
        parent_views=(
            "The first real progress on T1, since the daily programme started. "
            "It shows what the right provision does; it should not depend on "
            "whether Mrs Kerr is free."
        ),
        child_views='"Mrs Kerr\'s word games help. Lunch is still too noisy."',
        next_steps="Keep T1 and T6. Lunchtime plan to be written. Review before Easter.",
    )

    # The rest of the story, kept at the larger sizes.
    s.add(
        2,
        "correspondence",
        c.at(1, 43, WED),
        title="Asked Hartshire SENDIASS for advice about the refusal",
        details=(
            "Emailed the local SEND Information, Advice and Support Service with the "
            "decision letter, asking whether we have grounds to appeal and how "
            "mediation works. They replied the next day offering a phone appointment "
            "and sending IPSEA's guide to refusals to assess."
        ),
        areas=[ci, semh],
        people=["Hartshire SENDIASS"],
        direction="sent",
        **{"from": _MUM},
        to="Hartshire SENDIASS",
        subject="Refusal to assess: advice please",
    )
    s.add(
        2,
        "observation",
        c.at(1, 48, TUE, "15:00"),
        title="Summer holiday: swimming every day",
        details=(
            "Tobi has been calmer since the holiday started. We went swimming every "
            "day this week and he swam a width on his own. He said: \"In the pool it's "
            'quiet under the water." He is sleeping well and drawing bus maps '
            "for hours."
        ),
        areas=[semh],
    )
    s.add(
        2,
        "meeting",
        c.at(2, 1, THU, "15:30"),
        title="Meeting Mr Griffiths at the start of Year 5",
        details=(
            "Mr Griffiths had read the SEN Support plans and the therapy reports over "
            "the summer. He asked what works at home and wrote it down. We agreed a "
            "seat near the front, away from the door, and that changes will be told "
            "to Tobi the day before."
        ),
        areas=[ci, semh],
        people=[griffiths, doyle],
        attendees=[_MUM, griffiths, doyle],
        purpose="Hand over what helps Tobi to his new class teacher",
        actions=[
            {
                "text": "Start the home-school book (agreed in Year 4)",
                "owner": "Mr Griffiths",
                "due": c.iso(2, 2, MON),
                "done": True,
            },
            {
                "text": "Train Mrs Kerr in the daily language programme",
                "owner": "Mrs Doyle",
                "due": c.iso(2, 3, FRI),
                "done": True,
            },
        ],
        follow_up_sent=c.iso(2, 1, THU),
    )
    s.add(
        2,
        "request",
        c.at(2, 11, MON),
        links=("complaint1",),
        title="Complaint stage 2: the language programme not delivered in Year 4",
        details=(
            "Asked the governors' complaints panel to consider why the daily language "
            "programme recommended in the spring of Year 4 was not delivered until "
            "Year 5, and why the stage 1 reply did not answer this part of the "
            "complaint."
        ),
        areas=[ci],
        request_type="complaint",
        sent_to="Chair of Governors, Hollybrook Primary School",
    )
    s.add(
        2,
        "meeting",
        c.at(2, 15, MON, "09:00"),
        links=("suspension",),
        title="Reintegration meeting after the suspension",
        details=(
            "Meeting with Mr Whitlock and Mrs Doyle before Tobi went back. Tobi came "
            "for the first ten minutes and said what happened in his own words. We "
            "agreed he will go into lunch five minutes early with a friend and eat in "
            "the quiet base on busy days."
        ),
        areas=[semh],
        people=[head, doyle],
        attendees=[_MUM, _DAD, head, doyle, "Tobi"],
        purpose="Plan Tobi's return after the suspension",
        actions=[
            {
                "text": "Add a lunchtime plan to the SEN Support plan",
                "owner": "Mrs Doyle",
                "due": c.iso(2, 16, FRI),
                "done": True,
            },
            {
                "text": "Talk to the lunchtime supervisors about Tobi's needs",
                "owner": "Mrs Doyle",
                "due": c.iso(2, 15, FRI),
                "done": False,
            },
        ],
    )
    s.add(
        2,
        "plan",
        c.at(2, 20, MON),
        key="plan4",
        title="SEN Support plan: spring term, Year 5",
        details=(
            "T1 and T6 carried over (partly met). New target for explaining his "
            "thinking in maths. The EHC needs assessment is now under way after the "
            "appeal, so this plan will be part of the evidence. Lunchtime plan "
            "added: early lunch and the quiet base."
        ),
        areas=[ci, semh],
        people=[doyle, griffiths, kerr],
        start_date=c.iso(2, 20, MON),
        review_date=c.iso(2, 36, FRI),
        targets=[{**t, "by_date": c.iso(2, 36, FRI)} for t in (t1, t6, t7)],
        provision=[
            {
                "what": "Daily language programme (from the SALT report)",
                "who": "Mrs Kerr",
                "frequency": "Daily, 10 minutes",
                "start": c.iso(2, 3, MON),
                "end": "",
            },
            {
                "what": "Early lunch with a friend, then the quiet base",
                "who": "Lunchtime team",
                "frequency": "Daily",
                "start": c.iso(2, 16, MON),
                "end": "",
            },
            {
                "what": "Maths talk partner with sentence frames",
                "who": "Mr Griffiths",
                "frequency": "Each maths lesson",
                "start": c.iso(2, 20, MON),
                "end": "",
            },
        ],
    )
    s.add(
        2,
        "assessment",
        c.at(2, 22, THU),
        title="CAMHS assessment letter",
        details=(
            "Letter after the CAMHS assessment appointment, copied to the GP and "
            "school. Tobi was seen with me for the first half and alone for the "
            "second. The practitioner said his anxiety is mostly about school and "
            "that the autism assessment wait is about 18 months."
        ),
        areas=[semh],
        people=["Sam Whitfield, Children's Wellbeing Practitioner, Hartshire CAMHS"],
        professional="Sam Whitfield, Children's Wellbeing Practitioner, Hartshire CAMHS",
        findings=(
            "Anxiety linked to noise, change and social demands at school; no "
            "concerns about mood at home. Offered six sessions of parent-led CBT. "
            "On the waiting list for the neurodevelopmental (autism) assessment."
        ),
        recommendations=[
            {
                "text": "School and home to use the same calm plan and words",
                "implemented": "partly",
            },
            {"text": "Reduce unstructured time at lunchtime", "implemented": "yes"},
        ],
    )
    s.add(
        2,
        "request",
        c.at(2, 35, TUE),
        key="draft",
        title="Draft EHC plan received",
        details=(
            "The draft EHC plan arrived by email. Section F says Tobi 'will have "
            "access to speech and language support' without saying how much, how "
            "often or who delivers it. We have 15 days to comment and to name the "
            "school we want in Section I."
        ),
        areas=[ci, semh],
        people=[_CASEWORKER],
        request_type="draft_plan",
        sent_to=_LA,
        outcome=(
            "Comments sent: asked for the speech and language provision to be "
            "specified and quantified in Section F, and for a named key adult."
        ),
        outcome_date=c.iso(2, 37, MON),
    )
    s.add(
        2,
        "review",
        c.at(2, 36, WED),
        plan="plan4",
        title="Review of the spring SEN Support plan (Year 5)",
        details=(
            "Last SEN Support review before the EHC plan. Mr Griffiths said Tobi now "
            "starts most tasks with the steps on the board and explains his maths "
            "with the sentence frames. Lunchtimes are much better with the early "
            "lunch."
        ),
        areas=[ci, semh],
        people=[doyle, griffiths],
        outcomes=[
            ("T1", "met", "Started unprompted in 5 of 5 observed lessons in May."),
            ("T6", "met", "Back on time every day for the last four weeks."),
            ("T7", "partly", "Explains his method with the sentence frame, not yet without it."),
        ],
        parent_views=(
            "We are proud of Tobi. T1 was met once the daily language programme "
            "was in place, which is what the therapist said."
        ),
        child_views='"I don\'t need Mrs Kerr to tell me again now. I look at the board."',
        next_steps="Targets to move into the EHC plan outcomes.",
    )
    s.add(
        2,
        "correspondence",
        c.at(2, 42, FRI),
        links=("draft",),
        title="Final EHC plan issued",
        details=(
            "The final EHC plan arrived with a covering letter. Section F now says 10 "
            "minutes of language work a day with a trained assistant, and a review by "
            "the speech and language therapist each term. Hollybrook is named in "
            "Section I. The first annual review is due within 12 months."
        ),
        areas=[ci, semh],
        people=[_CASEWORKER],
        direction="received",
        **{"from": _CASEWORKER},
        to=f"{_MUM}, {_DAD}",
        subject="Final EHC plan for Tobi",
        document=_Document(
            f"Final EHC plan {_month(c.day(2, 42, FRI))}.pdf",
            "Tobi's final EHC plan",
            lambda: _pdf(
                "Education, Health and Care Plan (final)",
                [
                    "Oluwatobi (Tobi) Okafor-Bennett",
                    f"Date issued: {_long(c.day(2, 42, FRI))}",
                    "",
                    "Section B: communication and interaction; social, emotional and mental",
                    "health.",
                    "Section F: 10 minutes of structured language work daily, delivered by a",
                    "trained teaching assistant; speech and language therapy review each term;",
                    "a named key adult at the start and end of each day; a quiet base.",
                    "Section I: Hollybrook Primary School.",
                ],
            ),
        ),
    )
    s.add(
        2,
        "meeting",
        c.at(3, 1, TUE, "15:30"),
        title="Start of Year 6: how the EHC plan will be delivered",
        details=(
            "Met Mrs Kirby and Mrs Doyle to go through Section F line by line and see "
            "when each part happens on the timetable. The termly therapy review is "
            "booked. We also talked about secondary school visits and the deadline "
            "for naming a school."
        ),
        areas=[ci, semh],
        people=[kirby, doyle],
        attendees=[_MUM, kirby, doyle],
        purpose="Check each part of Section F is on Tobi's timetable",
        actions=[
            {
                "text": "Send home Tobi's weekly timetable showing the language sessions",
                "owner": "Mrs Kirby",
                "due": c.iso(3, 2, FRI),
                "done": True,
            },
            {
                "text": "Arrange an extra transition visit to the secondary school",
                "owner": "Mrs Doyle",
                "due": c.iso(3, 10, FRI),
                "done": False,
            },
        ],
        follow_up_sent=c.iso(3, 1, TUE),
    )
    s.add(
        2,
        "observation",
        c.at(3, 5, SAT, "11:00"),
        title="Open morning at Castle Rise Academy",
        details=(
            "We visited Castle Rise, Amara's school, with Tobi. He coped well for 40 "
            "minutes and liked the library and the quiet room for the learning "
            "support base. He said: \"It's big but Amara knows where everything is, "
            'so I can ask her."'
        ),
        areas=[semh],
    )
    s.add(
        2,
        "incident",
        c.at(3, 20, TUE, "14:00"),
        title="Accident slip: hurt his hand in the playground",
        details=(
            "An accident slip came home saying Tobi had caught his hand in the gate "
            "at afternoon play; it was cleaned and a cold pack given. His hand was "
            "swollen at home so we went to the minor injuries unit; nothing broken. "
            "No phone call from school."
        ),
        areas=["other"],
        people=[kirby],
        incident_type="injury",
        days_lost=0,
    )
    s.add(
        2,
        "request",
        c.at(3, 39, WED),
        title="Annual review of Tobi's EHC plan",
        details=(
            "Annual review meeting at school with Mrs Kirby, Mrs Doyle, the speech and "
            "language therapist and the Castle Rise SENDCo. Everyone agreed the plan "
            "needs amending for secondary school, with the language work continuing "
            "and a named key adult there."
        ),
        areas=[ci, semh],
        people=[kirby, doyle],
        request_type="annual_review",
        sent_to=_LA,
        outcome=(
            "The local authority confirmed it will amend the plan and name Castle "
            "Rise Academy from September."
        ),
        outcome_date=c.iso(3, 41, TUE),
    )
    s.add(
        2,
        "observation",
        c.at(3, 45, FRI, "16:00"),
        title="Last day at Hollybrook",
        details=(
            "Tobi signed shirts with his class and gave Mrs Kerr a card he made "
            "himself. In the car he said: \"I'm a bit scared of big school but I know "
            'where the quiet room is." He cried a bit at bedtime, then asked to see '
            "his new timetable again."
        ),
        areas=[semh],
    )
    return s.items


def _amara_story(c: _Calendar) -> list[_Scripted]:
    s = _Story()
    morton, reid = "Ms Claire Morton (SENDCo)", "Mr Jamal Reid (Head of Year)"
    head = "Mrs Susan Hargreaves (headteacher)"
    farrow = "Helen Farrow, specialist teacher assessor (private assessment)"
    ot = "Megan Lloyd, Children's Occupational Therapist, Hartshire Community Health"
    cl, sp, semh = "cognition_learning", "sensory_physical", "semh"

    a1 = _target(
        "A1",
        "Read a Year 8 science text with a reader pen and answer three questions about it",
        cl,
        "Answers 3 questions correctly on 3 of 4 tries",
    )
    a2 = _target(
        "A2",
        "Touch-type at 20 words a minute",
        cl,
        "20 words a minute on the typing programme's test",
    )
    a3 = _target(
        "A3",
        "Write for 20 minutes with a sloped board and pen grip without hand pain",
        sp,
        "Writes for 20 minutes in English without stopping for pain",
    )
    a4 = _target(
        "A4",
        "Use the agreed exit card to go to the learning support base when overwhelmed",
        semh,
        "Uses the card rather than walking out, every time",
    )
    a5 = _target(
        "A5",
        "Use a laptop for extended writing in class and tests",
        cl,
        "Uses the laptop in every lesson with extended writing",
    )

    s.add(
        0,
        "observation",
        c.at(1, 1, SUN, "20:30"),
        title="History homework took two and a half hours",
        details=(
            "A one-page history homework took Amara two and a half hours and ended in "
            'tears. She said: "I know what I want to say, it just comes out wrong '
            'when I write it and then I have to start again." She knew the answers '
            "when we talked them through."
        ),
        areas=[cl],
    )
    s.add(
        0,
        "concern",
        c.at(1, 2, TUE),
        title="Raised worries about reading and homework with the SENDCo",
        details=(
            "Emailed Ms Morton that Amara's homework takes hours, that she avoids "
            "reading aloud, and that her handwriting hurts after a few lines. Asked "
            "what her reading age is and whether she could be assessed for dyslexia "
            "in school."
        ),
        areas=[cl, sp],
        people=[morton],
        raised_by=_MUM,
        raised_with=morton,
        channel="Email",
        response=(
            "Ms Morton said Amara's reading age was tested in Year 7 as 9 years 4 "
            "months, that she is on the literacy intervention list, and that the "
            "school does not diagnose dyslexia."
        ),
        response_date=c.iso(1, 3, MON),
    )
    s.add(
        0,
        "assessment",
        c.at(1, 8, SAT),
        key="dyslexia",
        title="Specialist teacher dyslexia assessment",
        details=(
            "We paid for a private assessment by a specialist teacher because school "
            "does not assess for dyslexia. Three hours on a Saturday morning; Amara "
            "was tired but said Mrs Farrow 'got it'. We sent the report to Ms Morton "
            "the same day."
        ),
        areas=[cl, sp],
        people=[farrow],
        professional=farrow,
        findings=(
            "Profile consistent with dyslexia: phonological processing and working "
            "memory well below average, single-word reading standard score 78, "
            "spelling 74; verbal reasoning above average. Handwriting speed 11 words "
            "a minute."
        ),
        recommendations=[
            {"text": "A laptop for extended writing in class and tests", "implemented": "no"},
            {
                "text": "25% extra time in tests, to be assessed for exam access arrangements",
                "implemented": "partly",
            },
            {"text": "Printed copies of slides and homework instructions", "implemented": "yes"},
            {
                "text": "Structured, multisensory literacy programme three times a week",
                "implemented": "unknown",
            },
        ],
        document=_Document(
            f"Dyslexia assessment report {_month(c.day(1, 8, SAT))}.pdf",
            "Specialist teacher's dyslexia assessment report",
            lambda: _pdf(
                "Diagnostic Assessment Report (Specific Learning Difficulties)",
                [
                    "Name: Amara Okafor-Bennett, Year 8, Castle Rise Academy",
                    f"Date of assessment: {_long(c.day(1, 8, SAT))}",
                    "",
                    "Single-word reading: standard score 78.",
                    "Spelling: standard score 74.",
                    "Verbal reasoning: above average.",
                    "Handwriting speed: 11 words per minute.",
                    "",
                    "The profile is consistent with dyslexia.",
                    "",
                    "Recommendations: laptop for extended writing; 25% extra time;",
                    "printed slides and homework; structured multisensory literacy teaching.",
                    "",
                    "Helen Farrow, Specialist Teacher Assessor",
                ],
            ),
        ),
    )
    s.add(
        0,
        "plan",
        c.at(1, 11, MON),
        key="aplan1",
        title="SEN Support plan: Year 8",
        details=(
            "First SEN Support plan at Castle Rise, written by Ms Morton after the "
            "dyslexia report. All teachers have been sent a one-page profile. We "
            "asked for the laptop recommendation to be included and were told it "
            "would be 'considered at review'."
        ),
        areas=[cl, sp],
        people=[morton],
        start_date=c.iso(1, 11, MON),
        review_date=c.iso(1, 23, FRI),
        targets=[{**t, "by_date": c.iso(1, 23, FRI)} for t in (a1, a2, a3)],
        provision=[
            {
                "what": "Literacy intervention (small group)",
                "who": "Mr Lewis",
                "frequency": "3 times a week, 20 minutes",
                "start": c.iso(1, 12, MON),
                "end": "",
            },
            {
                "what": "Touch-typing club",
                "who": "Learning support",
                "frequency": "Weekly, lunchtime",
                "start": c.iso(1, 12, WED),
                "end": "",
            },
            {
                "what": "Sloped writing board and pen grip",
                "who": "Class teachers",
                "frequency": "Every lesson",
                "start": c.iso(1, 11, MON),
                "end": "",
            },
            {
                "what": "Printed homework instructions",
                "who": "Class teachers",
                "frequency": "Every homework",
                "start": c.iso(1, 11, MON),
                "end": "",
            },
        ],
    )
    s.add(
        0,
        "meeting",
        c.at(1, 13, THU, "17:10"),
        title="Year 8 parents' evening",
        details=(
            "Five-minute appointments with each teacher. English and science said "
            "Amara's spoken answers are among the best in the class but her written "
            "work does not show it. Two teachers had not seen the one-page profile. "
            "Mr Reid said he would remind staff."
        ),
        areas=[cl],
        people=[reid],
        attendees=[_MUM, _DAD, reid, "Amara"],
        purpose="Hear from each teacher how Amara is doing",
        actions=[
            {
                "text": "Remind all Amara's teachers about printed homework instructions",
                "owner": "Mr Reid",
                "due": c.iso(1, 14, FRI),
                "done": False,
            },
            {
                "text": "Look at the typing programme at home with Amara",
                "owner": "Dan (dad)",
                "due": c.iso(1, 15, FRI),
                "done": True,
            },
        ],
    )
    s.add(
        0,
        "correspondence",
        c.at(1, 5, THU),
        title="Email from the Head of Year about missing homework",
        details=(
            "Mr Reid emailed to say Amara has had three homework detentions for "
            "incomplete work. I replied the same evening that each piece took her "
            "over two hours and that she is waiting for a dyslexia assessment, and "
            "asked whether detentions could stop while this is sorted out."
        ),
        areas=[cl],
        people=[reid],
        direction="received",
        **{"from": reid},
        to=_MUM,
        subject="Amara: homework detentions",
    )
    s.add(
        0,
        "incident",
        c.at(1, 15, MON, "10:20"),
        key="asuspension",
        title="One-day suspension after walking out of English",
        details=(
            "Amara was asked to read a passage aloud in English, said no, and when the "
            "teacher insisted she walked out and sat in the toilets. She was given a "
            "one-day suspension for 'defiance and truancy from lesson'. The letter "
            "came by email at 16:10. Her teachers were told about her dyslexia in "
            "November."
        ),
        areas=[cl, semh],
        people=[reid, head],
        incident_type="suspension",
        days_lost=1,
    )
    s.add(
        0,
        "review",
        c.at(1, 23, WED),
        key="areview1",
        plan="aplan1",
        title="Review of the Year 8 SEN Support plan",
        details=(
            "Review with Ms Morton; Amara came for the last ten minutes. The literacy "
            "group has happened most weeks. Typing club clashed with lunch and she "
            "went twice. Ms Morton said exam access arrangements are assessed in Year "
            "9, not Year 8."
        ),
        areas=[cl, sp],
        people=[morton],
        outcomes=[
            ("A1", "partly", "Answered 2 of 3 questions correctly on most tries."),
            ("A2", "not_met", "Typing club attended twice; 9 words a minute."),
            (
                "A3",
                "not_met",
                "Stops after about 8 minutes with hand pain; the sloped "
                "board is not in every classroom.",
            ),
        ],
        parent_views=(
            "The reader pen is helping. The laptop was recommended in October and "
            "still has not been tried. We would like the typing club moved to a "
            "lesson time."
        ),
        child_views=(
            '"The reader pen is good but I don\'t want to use it in front of everyone in science."'
        ),
        next_steps="Move typing to a morning registration slot. Ask for an OT referral.",
    )
    s.add(
        0,
        "request",
        c.at(1, 18, MON),
        links=("asuspension",),
        title="Subject access request for Amara's records",
        details=(
            "Emailed the trust's data protection officer asking for all personal data "
            "held about Amara, including behaviour records, the suspension paperwork, "
            "emails between staff about her and the notes of the decision to "
            "suspend. Asked for it electronically."
        ),
        areas=[semh],
        request_type="subject_access",
        sent_to="Data Protection Officer, Castle Rise Academy Trust",
    )

    s.add(
        1,
        "incident",
        c.at(1, 26, WED, "11:00"),
        key="isolation",
        title="Put in the isolation room for not having homework",
        details=(
            "Amara spent periods 3 to 5 in the isolation room because her homework "
            "was not handed in. She had done half of it and could not finish it. She "
            "said she was not allowed to speak or to go to the toilet without asking, "
            "and missed two lessons and lunch with friends."
        ),
        areas=[cl, semh],
        people=[reid],
        incident_type="restraint",
        days_lost=0.5,
    )
    s.add(
        1,
        "request",
        c.at(1, 27, MON),
        links=("asuspension", "isolation"),
        title="Complaint stage 1: isolation and the suspension",
        details=(
            "Complaint to the headteacher that Amara has been punished for the effects "
            "of her dyslexia: homework detentions, the isolation room and the "
            "suspension after refusing to read aloud. Asked for the suspension to be "
            "removed from her record."
        ),
        areas=[cl, semh],
        people=[head],
        request_type="complaint",
        sent_to="Mrs Susan Hargreaves, Headteacher, Castle Rise Academy",
        outcome=(
            "The headteacher said the suspension stands, but agreed Amara will not be "
            "asked to read aloud without warning and that isolation will not be used "
            "for missing homework."
        ),
        outcome_date=c.iso(1, 29, TUE),
    )
    s.add(
        1,
        "assessment",
        c.at(1, 34, TUE),
        key="ot",
        title="Occupational therapy report",
        details=(
            "Amara was seen at the child development centre after a GP referral in "
            "the autumn. The therapist watched her write, use scissors and do some "
            "balance tasks, and talked to her about PE, which she dreads. Report "
            "copied to school."
        ),
        areas=[sp],
        people=[ot],
        professional=ot,
        findings=(
            "Motor co-ordination difficulties consistent with developmental "
            "co-ordination disorder, with joint hypermobility in the hands. "
            "Handwriting is slow and tiring; pain after ten minutes."
        ),
        recommendations=[
            {"text": "A laptop for all extended writing", "implemented": "no"},
            {"text": "Sloped board and pen grip in every classroom", "implemented": "yes"},
            {"text": "Rest breaks in long writing tasks", "implemented": "partly"},
        ],
        document=_Document(
            f"OT report {_month(c.day(1, 34, TUE))}.pdf",
            "Occupational therapy report from Ms Lloyd",
            lambda: _pdf(
                "Occupational Therapy Report",
                [
                    "Name: Amara Okafor-Bennett",
                    f"Seen: {_long(c.day(1, 34, TUE))}",
                    "",
                    "Findings: motor co-ordination difficulties consistent with DCD;",
                    "joint hypermobility in the hands; pain after ten minutes of writing.",
                    "",
                    "Recommendations: laptop for all extended writing; sloped board and pen",
                    "grip; rest breaks in long writing tasks.",
                    "",
                    "Megan Lloyd, Children's Occupational Therapist",
                ],
            ),
        ),
    )
    s.add(
        1,
        "correspondence",
        c.at(1, 34, THU),
        links=("ot",),
        title="Sent the OT report to the SENDCo and asked about the laptop",
        details=(
            "Emailed the occupational therapy report to Ms Morton. Pointed out that "
            "the laptop has now been recommended by two professionals, and asked for a "
            "decision and a start date before the end of the summer term."
        ),
        areas=[cl, sp],
        people=[morton],
        direction="sent",
        **{"from": _MUM},
        to=morton,
        subject="OT report and the laptop",
        reply_due=c.iso(1, 36, THU),
    )
    s.add(
        1,
        "review",
        c.at(1, 39, WED),
        key="areview2",
        plan="aplan1",
        title="Summer review of the Year 8 SEN Support plan",
        details=(
            "Second review of the same plan. Typing moved to morning registration in "
            "April. Ms Morton said the laptop will be tried from September. Amara's "
            "English teacher sent a note saying her ideas are strong and the gap is "
            "in getting them written down."
        ),
        areas=[cl, sp],
        people=[morton],
        outcomes=[
            ("A1", "met", "Answered all three questions on 3 of 4 tries."),
            ("A2", "not_met", "14 words a minute; practice only since April."),
            ("A3", "partly", "Writes for about 12 minutes before needing a break."),
        ],
        parent_views=(
            "Typing has now not been met twice, but it only really started in "
            "April. We want the laptop in place from the first day of Year 9."
        ),
        child_views=(
            "\"I'm not stupid, I just can't get it down fast enough. Typing is "
            "better than writing even when it's slow.\""
        ),
        next_steps="Carry over A2 and A3. Laptop trial from September. Add anxiety target.",
    )
    s.add(
        1,
        "observation",
        c.at(1, 41, SAT, "10:00"),
        title="Amara talking about next year",
        details=(
            'Amara said she is worried about Year 9: "Everyone watches when I read '
            "out loud. If they make me do it again I'll just walk out again.\" She "
            "spent the afternoon painting and was much happier. Art is the one "
            "subject where she says 'nobody cares about spelling'."
        ),
        areas=[semh],
    )
    s.add(
        1,
        "plan",
        c.at(2, 4, MON),
        key="aplan2",
        title="SEN Support plan: Year 9",
        details=(
            "A2 and A3 carried over. New target for anxiety after the events of Year "
            "8. Laptop trial started this week. Amara has an exit card she can show "
            "to go to the learning support base instead of walking out."
        ),
        areas=[cl, sp, semh],
        people=[morton],
        start_date=c.iso(2, 4, MON),
        review_date=c.iso(2, 20, FRI),
        targets=[{**t, "by_date": c.iso(2, 20, FRI)} for t in (a2, a3, a4)],
        provision=[
            {
                "what": "Laptop for extended writing (trial)",
                "who": "Learning support",
                "frequency": "Every lesson",
                "start": c.iso(2, 4, MON),
                "end": "",
            },
            {
                "what": "Touch-typing practice",
                "who": "Mr Lewis",
                "frequency": "Daily, registration",
                "start": c.iso(2, 4, MON),
                "end": "",
            },
            {
                "what": "Exit card and learning support base",
                "who": "All staff",
                "frequency": "As needed",
                "start": c.iso(2, 4, MON),
                "end": "",
            },
        ],
    )
    s.add(
        1,
        "review",
        c.at(2, 20, WED),
        plan="aplan2",
        title="Review of the Year 9 SEN Support plan",
        details=(
            "Review with Ms Morton and Amara. The laptop trial is going well in most "
            "subjects, but two teachers still ask for handwritten work. Amara has used "
            "the exit card four times and once walked out before she could show it."
        ),
        areas=[cl, sp, semh],
        people=[morton],
        outcomes=[
            ("A2", "met", "22 words a minute in the January test."),
            ("A3", "partly", "Less writing by hand now; still pain after 12 minutes."),
            ("A4", "partly", "Used the card four times; walked out once."),
        ],
        parent_views="Typing is met. The laptop must be used in every subject, not most.",
        child_views='"The laptop is the best thing that\'s happened at this school."',
        next_steps="Laptop to be her normal way of working. Exam access assessment booked.",
    )

    s.add(
        2,
        "meeting",
        c.at(2, 3, THU, "16:00"),
        title="Meeting with Ms Morton about exam access arrangements",
        details=(
            "Asked how Amara will be assessed for exam access arrangements before "
            "GCSEs. Ms Morton explained the school's assessor tests in Year 9 and that "
            "the laptop must be her 'normal way of working' in class for it to be "
            "allowed in exams."
        ),
        areas=[cl],
        people=[morton],
        attendees=[_MUM, morton],
        purpose="Plan the exam access arrangements assessment",
        actions=[
            {
                "text": "Assess Amara for extra time and a word processor",
                "owner": "Ms Morton",
                "due": c.iso(2, 12, FRI),
                "done": False,
            },
            {
                "text": "Tell all teachers the laptop is her normal way of working",
                "owner": "Ms Morton",
                "due": c.iso(2, 5, FRI),
                "done": True,
            },
        ],
        follow_up_sent=c.iso(2, 3, FRI),
    )
    s.add(
        2,
        "incident",
        c.at(2, 13, TUE, "08:40"),
        title="Absent: could not get out of the car at the gate",
        details=(
            "We got to the gate and Amara could not get out of the car. She was "
            "shaking and said her chest hurt. We sat in the car park for forty minutes "
            "and then went home. I phoned the attendance line and told Mr Reid why. "
            "Third time this half-term."
        ),
        areas=[semh],
        people=[reid],
        incident_type="absence",
        days_lost=1,
    )
    s.add(
        2,
        "correspondence",
        c.at(2, 14, MON),
        title="Letter from the GP: referral to CAMHS",
        details=(
            "The GP has referred Amara to CAMHS for anxiety and school avoidance, and "
            "sent us a copy of the referral letter. It mentions her dyslexia, the "
            "suspension in Year 8 and the mornings she cannot get into school. "
            "Expected wait: 12 to 16 weeks."
        ),
        areas=[semh],
        people=["Dr Anita Rao (GP)"],
        direction="received",
        **{"from": "Dr Anita Rao, Meadow Lane Surgery"},
        to=_MUM,
        subject="Referral to Hartshire CAMHS",
    )
    s.add(
        2,
        "assessment",
        c.at(2, 30, TUE),
        title="CAMHS assessment summary",
        details=(
            "Amara had her CAMHS assessment after school. She chose to be seen alone "
            "for most of it. The practitioner's summary came a week later, copied to "
            "the GP and to Ms Morton with Amara's agreement."
        ),
        areas=[semh],
        people=["Hartshire CAMHS"],
        professional="Jo Brennan, Mental Health Practitioner, Hartshire CAMHS",
        findings=(
            "Anxiety centred on reading aloud, being singled out and fear of "
            "punishment for things she cannot help. Good relationships at home and "
            "with friends. Offered eight sessions of CBT."
        ),
        recommendations=[
            {
                "text": "Never ask Amara to read aloud without agreeing it first",
                "implemented": "yes",
            },
            {
                "text": "A named member of staff to check in with her each morning",
                "implemented": "no",
            },
        ],
    )
    s.add(
        2,
        "plan",
        c.at(3, 3, MON),
        key="aplan3",
        title="SEN Support plan: Year 10",
        details=(
            "A3 and A4 carried over. New target to make the laptop her normal way of "
            "working in every subject before GCSE exam access arrangements are "
            "decided. Amara helped write the one-page profile this year."
        ),
        areas=[cl, sp, semh],
        people=[morton],
        start_date=c.iso(3, 3, MON),
        review_date=c.iso(3, 18, FRI),
        targets=[{**t, "by_date": c.iso(3, 18, FRI)} for t in (a3, a4, a5)],
        provision=[
            {
                "what": "Laptop for all extended writing",
                "who": "All teachers",
                "frequency": "Every lesson",
                "start": c.iso(2, 4, MON),
                "end": "",
            },
            {
                "what": "Morning check-in with Mr Lewis",
                "who": "Mr Lewis",
                "frequency": "Daily, 5 minutes",
                "start": c.iso(3, 3, MON),
                "end": "",
            },
        ],
    )
    s.add(
        2,
        "review",
        c.at(3, 19, WED),
        plan="aplan3",
        title="Review of the Year 10 SEN Support plan",
        details=(
            "Review with Ms Morton, Mr Lewis and Amara. The laptop is now used in "
            "every subject and the exam access assessment has given her 25% extra "
            "time and a word processor. Attendance this term is 96%."
        ),
        areas=[cl, sp, semh],
        people=[morton],
        outcomes=[
            ("A3", "met", "Rarely writes by hand now; no pain reported this term."),
            ("A4", "met", "Used the exit card when needed; no walk-outs this term."),
            ("A5", "met", "Laptop in every lesson; confirmed by each subject teacher."),
        ],
        parent_views="A good term. Thank you to Mr Lewis for the morning check-ins.",
        child_views="\"I'm actually doing OK. Art's still my favourite.\"",
        next_steps="Keep the morning check-in. Next review in the summer term.",
    )
    s.add(
        2,
        "observation",
        c.at(3, 30, WED, "18:00"),
        title="Amara's art project",
        details=(
            "Amara finished her GCSE art project on the theme of 'Identity': a "
            "painting of herself with words she has been called crossed out. She said: "
            '"This is the first thing at school I\'ve done that says what I mean." Her '
            "art teacher emailed to say it was outstanding."
        ),
        areas=[semh],
    )
    return s.items


def _femi_story(c: _Calendar) -> list[_Scripted]:
    s = _Story()
    aisha, barker = "Aisha Khan (key person)", "Jo Barker (nursery manager and SENCo)"
    area_senco = "Bev Collins (Early Years Area SENCo)"
    audiology = "Dr Hannah Price, Paediatric Audiology, Hartshire Community Health"
    bell, doyle = "Miss Laura Bell (Reception teacher)", "Mrs Harriet Doyle (SENCo)"
    ci, sp, semh = "communication_interaction", "sensory_physical", "semh"

    f1 = _target(
        "F1",
        "Use two-word phrases such as 'more juice' to ask for things",
        ci,
        "Heard using 10 different two-word phrases in a week",
    )
    f2 = _target(
        "F2",
        "Respond to his name from up to 2 metres, with a visual cue",
        ci,
        "Turns to his name on 4 of 5 tries",
    )
    f3 = _target(
        "F3",
        "Stay with a small group for a 5-minute story with pictures",
        semh,
        "Stays for the whole story on 3 of 5 days",
    )
    f4 = _target(
        "F4",
        "Take turns in a simple game with one other child and an adult",
        ci,
        "Takes three turns without leaving the game on 3 of 5 tries",
    )

    s.add(
        0,
        "observation",
        c.at(1, 2, SAT, "10:00"),
        title="How Femi talks at home",
        details=(
            "Femi uses about twenty words, mostly names of things. He pulls me to what "
            "he wants and gets upset when I don't understand. He doesn't turn round "
            "when I call him from behind, but he hears the biscuit tin from upstairs. "
            "He loves trains and bubbles."
        ),
        areas=[ci, sp],
    )
    s.add(
        0,
        "concern",
        c.at(1, 4, THU),
        title="Talked to Femi's key person about his speech and hearing",
        details=(
            "At pick-up I told Aisha that Femi's talking is well behind what his "
            "brother's was at three and that I'm not sure he always hears us. I asked "
            "what she sees at nursery and whether the nursery SENCo could observe "
            "him."
        ),
        areas=[ci, sp],
        people=[aisha],
        raised_by=_MUM,
        raised_with=aisha,
        channel="In person at pick-up",
        response=(
            "Aisha said Femi plays alone most of the session and does not respond to "
            "his name in a noisy room. She will talk to Jo Barker and suggested we ask "
            "the health visitor for a hearing test."
        ),
        response_date=c.iso(1, 4, THU),
    )
    s.add(
        0,
        "assessment",
        c.at(1, 12, TUE),
        key="hearing",
        title="Hearing test at the paediatric audiology clinic",
        details=(
            "Appointment at the audiology clinic after a referral from the health "
            "visitor. Femi sat on my knee for the play tests and coped well. The "
            "audiologist explained the results to us and wrote to the GP and the "
            "nursery."
        ),
        areas=[sp, ci],
        people=[audiology],
        professional=audiology,
        findings=(
            "Glue ear in both ears, with a mild to moderate hearing loss on the day. "
            "Review in three months; grommets to be considered if it does not clear."
        ),
        recommendations=[
            {"text": "Sit close to Femi and face him when speaking", "implemented": "yes"},
            {"text": "Reduce background noise at group times", "implemented": "partly"},
            {"text": "Refer to the Hearing Support Team", "implemented": "unknown"},
        ],
        document=_Document(
            f"Audiology letter {_month(c.day(1, 12, TUE))}.txt",
            "Letter from the audiology clinic",
            lambda: _letter(
                [
                    "Paediatric Audiology",
                    "Hartshire Community Health",
                    "",
                    _long(c.day(1, 12, TUE)),
                ],
                "Dear Dr Rao,",
                [
                    "Re: Femi Okafor-Bennett",
                    "I saw Femi today with his mother. Tympanometry shows flat traces in "
                    "both ears, consistent with glue ear. Play audiometry suggests a mild "
                    "to moderate hearing loss on the day.",
                    "I will review him in three months. If the fluid has not cleared we "
                    "will discuss grommets. In the meantime his nursery should face him "
                    "when speaking and reduce background noise at group times.",
                ],
                "Yours sincerely,\nDr Hannah Price, Paediatric Audiology",
            ),
        ),
    )
    s.add(
        0,
        "plan",
        c.at(1, 14, MON),
        key="fplan1",
        title="Early years SEN Support plan",
        details=(
            "Written by Jo Barker with Aisha after the hearing test. Femi is now "
            "seated close to the adult at group times and the nursery has started "
            "using Makaton signs with him. We were given a copy to sign and asked to "
            "use the same signs at home."
        ),
        areas=[ci, sp, semh],
        people=[barker, aisha],
        start_date=c.iso(1, 14, MON),
        review_date=c.iso(1, 28, FRI),
        targets=[{**t, "by_date": c.iso(1, 28, FRI)} for t in (f1, f2, f3)],
        provision=[
            {
                "what": "Small-group language activities",
                "who": "Aisha Khan",
                "frequency": "Daily, 10 minutes",
                "start": c.iso(1, 14, MON),
                "end": "",
            },
            {
                "what": "Makaton signing with his key person",
                "who": "Aisha Khan",
                "frequency": "Daily",
                "start": c.iso(1, 14, MON),
                "end": "",
            },
            {
                "what": "Quiet corner at group times",
                "who": "Nursery team",
                "frequency": "Daily",
                "start": c.iso(1, 14, MON),
                "end": "",
            },
        ],
    )
    s.add(
        0,
        "correspondence",
        c.at(1, 16, TUE),
        title="Letter from audiology: grommets operation date",
        details=(
            "Letter from the ENT department offering Femi an operation to fit grommets "
            "in both ears, after the review found the glue ear had not cleared. There "
            "is a pre-operation check by phone two weeks before."
        ),
        areas=[sp],
        people=["ENT department, Hartshire General Hospital"],
        direction="received",
        **{"from": "ENT department, Hartshire General Hospital"},
        to="Parents of Femi Okafor-Bennett",
        subject="Admission for grommets",
    )
    s.add(
        0,
        "incident",
        c.at(1, 18, WED, "12:40"),
        title="Asked to pick Femi up early because of staffing",
        details=(
            "Jo Barker phoned at 12:40: two staff were off sick and they 'couldn't "
            "give Femi the one-to-one he needs'. I collected him at 13:15. No other "
            "child was sent home. His funded hours do not allow for this and I had to "
            "leave work."
        ),
        areas=[ci],
        people=[barker],
        incident_type="sent_home",
        days_lost=0.5,
    )
    s.add(
        0,
        "meeting",
        c.at(1, 20, TUE, "13:30"),
        title="Meeting with the Area SENCo",
        details=(
            "Bev Collins observed Femi for an hour then met us with Jo Barker. She "
            "said his play skills are good but his understanding of language is like "
            "a child of about two. She suggested the nursery apply for inclusion "
            "funding and start gathering evidence."
        ),
        areas=[ci, sp],
        people=[area_senco, barker],
        attendees=[_MUM, area_senco, barker, aisha],
        purpose="Hear the Area SENCo's observation and plan next steps",
        actions=[
            {
                "text": "Apply for early years inclusion funding",
                "owner": "Jo Barker",
                "due": c.iso(1, 22, FRI),
                "done": True,
            },
            {
                "text": "Send the audiology letter to the Hearing Support Team",
                "owner": "Ngozi (mum)",
                "due": c.iso(1, 21, FRI),
                "done": False,
            },
        ],
        follow_up_sent=c.iso(1, 20, TUE),
    )
    s.add(
        0,
        "review",
        c.at(1, 28, WED),
        key="freview1",
        plan="fplan1",
        title="Review of the early years SEN Support plan",
        details=(
            "Review with Aisha and Jo Barker. Femi had his grommets fitted in "
            "February and the nursery has noticed him turning to sounds more often. "
            "He has started to sign 'more' and 'finished' and to say 'more bubbles'."
        ),
        areas=[ci, sp, semh],
        people=[aisha, barker],
        outcomes=[
            ("F1", "partly", "Six different two-word phrases heard in a week."),
            (
                "F2",
                "not_met",
                "Turns to his name on about 2 of 5 tries, better since the grommets.",
            ),
            ("F3", "met", "Stays for the whole story most days if he can hold a puppet."),
        ],
        parent_views=(
            "We are seeing more words at home since the grommets. We want the "
            "nursery to request an EHC needs assessment before he starts school."
        ),
        child_views="Femi pointed to the happy face for stories and the sad face for the hall.",
        next_steps="Carry over F1 and F2. Nursery to request an EHC needs assessment.",
    )
    s.add(
        0,
        "request",
        c.at(1, 32, TUE),
        key="fehcna",
        title="Request for an EHC needs assessment (made by the nursery)",
        details=(
            "Jo Barker sent the request with our support and our parent views. "
            "Evidence: the audiology letter, the SEN Support plan and review, the Area "
            "SENCo's observation and the inclusion funding application. Femi is due "
            "to start Reception in September."
        ),
        areas=[ci, sp],
        people=[barker],
        request_type="ehcna",
        sent_to=_LA,
        outcome="Agreed to assess.",
        outcome_date=c.iso(1, 37, FRI),
    )

    s.add(
        1,
        "observation",
        c.at(1, 24, SAT, "15:00"),
        title="Home after the grommets operation",
        details=(
            "Femi had grommets fitted yesterday as a day case. Today in the car he put "
            'his hands over his ears and shouted "Loud car!" and laughed. He has '
            "been turning when the kettle clicks, which he never did before. He "
            "slept for three hours this afternoon."
        ),
        areas=[sp],
    )
    s.add(
        1,
        "correspondence",
        c.at(1, 33, SUN, "21:00"),
        links=("fehcna",),
        title="Sent our parent views for the EHC needs assessment",
        details=(
            "Emailed our parent views to the SEND Team: what Femi is like at home, "
            "what he can do and what he finds hard, what helps, and what we hope for "
            "him at school. Included photos of him signing and a short list of his "
            "words."
        ),
        areas=[ci, sp],
        people=[_CASEWORKER],
        direction="sent",
        **{"from": _MUM},
        to=_CASEWORKER,
        subject="Parent views: Femi Okafor-Bennett",
        reply_due=c.iso(1, 35, MON),
    )
    s.add(
        1,
        "assessment",
        c.at(1, 36, THU),
        title="Speech and language therapy advice for the EHC needs assessment",
        details=(
            "Ms Adeyemi saw Femi at nursery for the statutory assessment. She also "
            "talked to Aisha and to me on the phone. Her advice went to the SEND Team "
            "and a copy came to us two weeks later."
        ),
        areas=[ci],
        people=["Rachel Adeyemi, Speech and Language Therapist"],
        professional="Rachel Adeyemi, Speech and Language Therapist, Hartshire Children's "
        "Speech and Language Therapy (NHS)",
        findings=(
            "Understanding of language at about a 2 to 2 and a half year level; "
            "expressive vocabulary of around 60 words and signs. Good attention for "
            "play with trains. Progress since the grommets."
        ),
        recommendations=[
            {"text": "Daily small-group language work with a trained adult", "implemented": "yes"},
            {"text": "Makaton signing by all adults who work with Femi", "implemented": "partly"},
        ],
    )
    s.add(
        1,
        "meeting",
        c.at(1, 43, TUE, "10:00"),
        title="Transition meeting for Reception",
        details=(
            "Miss Bell and Mrs Doyle from Hollybrook came to nursery to meet Femi and "
            "Aisha. They watched him at play and asked about signing, the quiet "
            "corner and toileting. Mrs Doyle knows the family from Tobi, which made "
            "it easier."
        ),
        areas=[ci, semh],
        people=[bell, doyle, aisha],
        attendees=[_MUM, bell, doyle, aisha],
        purpose="Plan Femi's move from nursery to Reception",
        actions=[
            {
                "text": "Make a photo book of the Reception classroom for Femi",
                "owner": "Miss Bell",
                "due": c.iso(1, 45, FRI),
                "done": True,
            },
            {
                "text": "Arrange Makaton training for the Reception team",
                "owner": "Mrs Doyle",
                "due": c.iso(2, 2, FRI),
                "done": False,
            },
        ],
    )
    s.add(
        1,
        "request",
        c.at(1, 45, TUE),
        key="fdraft",
        links=("fehcna",),
        title="Draft EHC plan received for Femi",
        details=(
            "The draft plan arrived in the last week of term. Section F is specific "
            "about the daily language work but leaves out the Makaton training and the "
            "hearing support advice. We have 15 days to comment and asked for "
            "Hollybrook in Section I."
        ),
        areas=[ci, sp],
        request_type="draft_plan",
        sent_to=_LA,
        outcome="Comments sent asking for Makaton training and hearing support in Section F.",
        outcome_date=c.iso(1, 47, MON),
    )
    s.add(
        1,
        "observation",
        c.at(2, 0, WED, "15:30"),
        title="First day in Reception",
        details=(
            "Femi went in holding Miss Bell's hand and looking at the photo book. At "
            "pick-up he ran to me and said \"Femi school!\" and signed 'happy'. He was "
            "asleep by half past six. Tobi walked him to the classroom door in the "
            "morning."
        ),
        areas=[semh],
    )

    s.add(
        2,
        "incident",
        c.at(2, 0, MON, "08:50"),
        title="Mornings only for the first three weeks of Reception",
        details=(
            "Miss Bell said all the children are starting part-time, but Femi is to do "
            "mornings only for three weeks instead of one, because of his needs. I "
            "said that is not what his EHC plan says and asked for the reason in "
            "writing."
        ),
        areas=[ci],
        people=[bell],
        incident_type="part_time_timetable",
        days_lost=5,
    )
    s.add(
        2,
        "plan",
        c.at(2, 4, MON),
        key="fplan2",
        title="Reception support plan (from the EHC plan outcomes)",
        details=(
            "Mrs Doyle broke the EHC plan outcomes into termly targets. F1 and F2 are "
            "carried over from nursery so progress can be followed. New target for "
            "turn-taking. Makaton training for the Reception team is booked for "
            "October."
        ),
        areas=[ci, semh],
        people=[doyle, bell],
        start_date=c.iso(2, 4, MON),
        review_date=c.iso(2, 19, FRI),
        targets=[{**t, "by_date": c.iso(2, 19, FRI)} for t in (f1, f2, f4)],
        provision=[
            {
                "what": "Daily small-group language work",
                "who": "Mrs Ahmed",
                "frequency": "Daily, 15 minutes",
                "start": c.iso(2, 4, MON),
                "end": "",
            },
            {
                "what": "Makaton signing by the Reception team",
                "who": "Reception team",
                "frequency": "Throughout the day",
                "start": c.iso(2, 8, MON),
                "end": "",
            },
        ],
    )
    s.add(
        2,
        "review",
        c.at(2, 19, WED),
        plan="fplan2",
        title="Review of Femi's Reception support plan",
        details=(
            "Review with Mrs Doyle and Miss Bell. Femi now says three-word phrases at "
            "home and school. He turns to his name in class but not in the hall or "
            "the playground. Turn-taking is best with trains."
        ),
        areas=[ci, semh],
        people=[doyle, bell],
        outcomes=[
            ("F1", "met", "More than 20 two-word phrases heard; some three-word ones."),
            ("F2", "partly", "Turns to his name in class, not yet in the hall."),
            ("F4", "partly", "Takes turns with trains; leaves other games after one go."),
        ],
        parent_views="Amazing progress with words. The hall is still too noisy for him.",
        child_views='"Femi like trains. Hall too loud."',
        next_steps="Carry over F2 and F4. Ask the Hearing Support Team to visit the hall.",
    )
    s.add(
        2,
        "incident",
        c.at(2, 10, THU, "11:15"),
        title="Accident slip: bumped head on the climbing frame",
        details=(
            "A head injury letter came home: Femi bumped his forehead on the climbing "
            "frame at morning play. A cold compress was given and he was watched for "
            "the rest of the day. There was a small bruise. Nobody phoned, which the "
            "letter says they would for any head bump."
        ),
        areas=["other"],
        people=[bell],
        incident_type="injury",
        days_lost=0,
    )
    s.add(
        2,
        "observation",
        c.at(3, 12, TUE, "18:30"),
        title="Femi read his first book to us",
        details=(
            "Femi read a whole reading book to us after tea, pointing to each word, and "
            'signed as he read. Tobi clapped. Femi said: "I reading! Now Tobi '
            'reading." A year ago he had about twenty words.'
        ),
        areas=[ci, "cognition_learning"],
    )
    return s.items


# --- the family ------------------------------------------------------------------------


_DOB: dict[str, Callable[[_Calendar], date]] = {
    # Born so that the school year starting at ``start`` puts each child in the year
    # named in their story: Year 4, Year 8 and the nursery year.
    "tobi": lambda c: date(c.school_year - 8, 2, 11),
    "amara": lambda c: date(c.school_year - 13, 10, 22),
    "femi": lambda c: date(c.school_year - 3, 1, 19),
}


@dataclass(frozen=True)
class _Person:
    """A child of the sample family, as the record shows them at the end of the story,
    and the words the filler uses about them."""

    key: str
    name: str
    preferred: str
    setting: str
    phase: str
    year_group: str
    senco: str
    areas: tuple[str, ...]
    status: str
    notes: str
    pronouns: tuple[str, str, str]  # he, his, him
    young: bool  # too young for homework
    comfort: str  # what helps after a hard day
    activities: tuple[str, ...]
    worries: tuple[str, ...]
    hard_words: tuple[str, ...]
    good_words: tuple[str, ...]
    years: tuple[dict[str, str], ...]  # the people around the child in each school year
    story: Callable[[_Calendar], list[_Scripted]]

    def record(self, calendar: _Calendar, child_id: str) -> dict:
        return model.new_child(
            id=child_id,
            name=self.name,
            preferred_name=self.preferred,
            date_of_birth=_DOB[self.key](calendar).isoformat(),
            setting=self.setting,
            setting_phase=self.phase,
            year_group=self.year_group,
            senco=self.senco,
            areas=list(self.areas),
            status=self.status,
            notes=self.notes,
        )


def _school_year(
    school: str, year: str, teacher: str, senco: str, ta: str, head: str
) -> dict[str, str]:
    """The people around a child for one school year, full and as a parent calls them."""
    return {
        "school": school,
        "year": year,
        "teacher_full": teacher,
        "teacher": _short(teacher),
        "senco_full": senco,
        "senco": _short(senco),
        "ta_full": ta,
        "ta": _short(ta),
        "head_full": head,
        "head": _short(head),
    }


def _short(full: str) -> str:
    """'Mrs Harriet Doyle (SENCo)' -> 'Mrs Doyle'; 'Aisha Khan (key person)' -> 'Aisha'."""
    words = full.split(" (")[0].split()
    if words[0] in ("Mr", "Mrs", "Miss", "Ms", "Dr"):
        return f"{words[0]} {words[-1]}"
    return words[0]


_HOLLYBROOK = "Hollybrook Primary School"
_FAMILY: tuple[_Person, ...] = (
    _Person(
        key="tobi",
        name="Oluwatobi Okafor-Bennett",
        preferred="Tobi",
        setting=_HOLLYBROOK,
        phase="school",
        year_group="Year 6",
        senco="Mrs Harriet Doyle",
        areas=("communication_interaction", "semh"),
        status="ehc_plan",
        notes=(
            "Loves Lego, swimming and drawing bus maps. Ear defenders help in noisy "
            "places. Waiting for a neurodevelopmental (autism) assessment."
        ),
        pronouns=("he", "his", "him"),
        young=False,
        comfort="his ear defenders",
        activities=("Lego club", "drawing bus maps", "building with Lego", "swimming"),
        worries=(
            "a supply teacher tomorrow",
            "the fire alarm going off again",
            "moving classrooms",
            "the school trip",
            "a change to the seating plan",
        ),
        hard_words=(
            '"Everyone was loud and I couldn\'t think."',
            '"I didn\'t know what we were meant to do so I just sat there."',
            '"Why does everything change without telling me?"',
            '"I\'m rubbish at school."',
            '"Nobody let me play. I just walked round."',
        ),
        good_words=(
            '"Lego club was the best bit."',
            '"Mrs Kerr saved me a seat at the front."',
            '"I knew what to do today because it was on the board."',
            '"Ollie said I can be on his team tomorrow."',
        ),
        years=(
            _school_year(
                _HOLLYBROOK,
                "Year 4",
                "Miss Priya Patel (class teacher)",
                "Mrs Harriet Doyle (SENCo)",
                "Mrs Lisa Kerr (teaching assistant)",
                "Mr Martin Whitlock (headteacher)",
            ),
            _school_year(
                _HOLLYBROOK,
                "Year 5",
                "Mr Owen Griffiths (class teacher)",
                "Mrs Harriet Doyle (SENCo)",
                "Mrs Lisa Kerr (teaching assistant)",
                "Mr Martin Whitlock (headteacher)",
            ),
            _school_year(
                _HOLLYBROOK,
                "Year 6",
                "Mrs Joanne Kirby (class teacher)",
                "Mrs Harriet Doyle (SENCo)",
                "Mrs Lisa Kerr (teaching assistant)",
                "Mr Martin Whitlock (headteacher)",
            ),
        ),
        story=_tobi_story,
    ),
    _Person(
        key="amara",
        name="Amara Okafor-Bennett",
        preferred="",
        setting="Castle Rise Academy",
        phase="school",
        year_group="Year 10",
        senco="Ms Claire Morton",
        areas=("cognition_learning", "sensory_physical", "semh"),
        status="sen_support",
        notes=(
            "Dyslexia (private specialist assessment) and developmental co-ordination "
            "disorder. Loves art and plays the guitar. Uses a laptop for writing."
        ),
        pronouns=("she", "her", "her"),
        young=False,
        comfort="her headphones and music",
        activities=("art club", "painting", "guitar practice", "drawing"),
        worries=(
            "a spelling test",
            "having to read aloud in English",
            "a supply teacher in maths",
            "a homework detention",
            "the PE changing room",
        ),
        hard_words=(
            "\"I'm not stupid, I just can't get it down fast enough.\"",
            '"Everyone watches when I read out loud."',
            "\"I can't go in today. I just can't.\"",
            '"They think I\'m lazy. I worked on it for two hours."',
        ),
        good_words=(
            '"Art was good, nobody cares about spelling in art."',
            '"I used the laptop and finished first for once."',
            '"Mr Lewis said my answer was the best in the group."',
        ),
        years=tuple(
            _school_year(
                "Castle Rise Academy",
                year,
                "Mr Jamal Reid (Head of Year)",
                "Ms Claire Morton (SENDCo)",
                "Mr Tom Lewis (learning support assistant)",
                "Mrs Susan Hargreaves (headteacher)",
            )
            for year in ("Year 8", "Year 9", "Year 10")
        ),
        story=_amara_story,
    ),
    _Person(
        key="femi",
        name="Femi Okafor-Bennett",
        preferred="",
        setting=_HOLLYBROOK,
        phase="school",
        year_group="Year 1",
        senco="Mrs Harriet Doyle",
        areas=("communication_interaction", "sensory_physical"),
        status="ehc_plan",
        notes=(
            "Glue ear; grommets fitted in nursery. Uses Makaton signs alongside words. "
            "Loves trains and bubbles."
        ),
        pronouns=("he", "his", "him"),
        young=True,
        comfort="his ear defenders",
        activities=("the train set", "bubbles outside", "the water tray", "the sand pit"),
        worries=(
            "going back after the weekend",
            "the hand dryer in the toilets",
            "the noisy hall",
            "a new adult in the room",
        ),
        hard_words=('"No school. Home."', '"Too noisy!"', '"Femi sad."'),
        good_words=('"Femi did it!"', '"More bubbles!"', '"Trains! Me and Zain."'),
        years=(
            _school_year(
                "Little Acorns Day Nursery",
                "Nursery",
                "Aisha Khan (key person)",
                "Jo Barker (nursery manager and SENCo)",
                "Aisha Khan (key person)",
                "Jo Barker (nursery manager)",
            ),
            _school_year(
                _HOLLYBROOK,
                "Reception",
                "Miss Laura Bell (Reception teacher)",
                "Mrs Harriet Doyle (SENCo)",
                "Mrs Samira Ahmed (teaching assistant)",
                "Mr Martin Whitlock (headteacher)",
            ),
            _school_year(
                _HOLLYBROOK,
                "Year 1",
                "Mr Imran Shah (class teacher)",
                "Mrs Harriet Doyle (SENCo)",
                "Mrs Samira Ahmed (teaching assistant)",
                "Mr Martin Whitlock (headteacher)",
            ),
        ),
        story=_femi_story,
    ),
)


# --- filler ----------------------------------------------------------------------------

# Observation themes: a title, an opening, one or two details, maybe the child's own
# words, maybe a closing line.  Placeholders name the child, pronouns and the people
# around the child that school year, so the same pools serve every child and year.
_THEMES: tuple[dict[str, Any], ...] = (
    {
        "titles": (
            "Hard evening after {sch}",
            "Meltdown after pick-up",
            "Came home very upset",
            "Difficult end to the day",
        ),
        "openers": (
            "{name} held it together until we reached the car, then screamed and kicked the "
            "seat for about twenty minutes.",
            "{name} came out of {sch} last, with {his} coat half on, and would not speak on "
            "the way home.",
            "Within ten minutes of getting home {name} had thrown {his} bag across the hall "
            "and shut {him}self in {his} room.",
            "At pick-up {name} walked straight past me and would not hold my hand or look at me.",
        ),
        "middles": (
            "It was almost tea time before {he} could talk, and then only in one-word answers.",
            "We gave {him} quiet time with {comfort}, which helped after about half an hour.",
            "{He} did not eat tea and was awake until after 10pm going over the day.",
            "When {he} calmed down {he} said something had changed at school without warning "
            "but could not say what.",
            "{He} had chewed the sleeve of {his} jumper through again.",
            "{His} water bottle came home still full and {his} lunch was not eaten.",
        ),
        "closings": (
            "I have written a note to {teacher} in the home-school book.",
            "Nothing was mentioned at pick-up.",
            "I will ask {senco} whether anything happened today.",
            "This is the pattern on days when there is a supply teacher.",
        ),
        "words": "hard",
        "areas": ("semh", "communication_interaction"),
        "days": "school",
    },
    {
        "titles": (
            "Good day today",
            "A calmer day",
            "Happy after {sch}",
            "Proud moment",
            "Better week",
        ),
        "openers": (
            "{name} came out smiling and told me about {his} day before we had even left "
            "the playground.",
            "A really good day: {name} went in without any fuss and came out chatty.",
            "{name} wanted to show me {his} work as soon as we got home.",
            "This has been the calmest week for a while and {name} has been sleeping better.",
        ),
        "middles": (
            "{He} said {ta} had helped {him} first thing and {he} liked knowing what was "
            "coming next.",
            "{He} talked about {activity} all the way home.",
            "We had an easy evening and {he} was asleep by eight.",
            "{He} asked whether tomorrow would be the same, which shows how much the "
            "routine matters to {him}.",
            "{He} ate all of {his} lunch for once.",
        ),
        "closings": (
            "Worth telling {teacher} what worked.",
            "I sent a thank-you note in the home-school book.",
            "",
        ),
        "words": "good",
        "areas": ("semh",),
        "days": "school",
    },
    {
        "titles": ("Homework", "Homework took all evening", "Homework battle"),
        "openers": (
            "{name} spent most of the evening on one piece of homework and finished very "
            "little of it.",
            "Homework tonight was a sheet of questions; {name} could not work out what the "
            "questions were asking.",
            "We tried ten minutes of reading together after tea, as school suggested.",
            "Spelling practice for Friday's test: ten words, and {name} knew three of them "
            "by the end.",
        ),
        "middles": (
            "{He} knew the answers when we talked them through but could not get them down "
            "on paper.",
            "By the end {he} was in tears and said {he} would rather have the detention.",
            "I wrote down what {he} said and {he} copied it, which took forty minutes.",
            "{He} managed well when I read the words aloud and {he} gave the answers.",
        ),
        "closings": (
            "I have put a note on the homework to say how long it took and how much help {he} had.",
            "I will ask {teacher} whether the homework can be shortened or given on paper.",
        ),
        "words": "hard",
        "areas": ("cognition_learning", "communication_interaction"),
        "school_age": True,
        "days": "any",
    },
    {
        "titles": ("Sleep", "A bad night", "Bedtime and sleep"),
        "openers": (
            "{name} could not settle at bedtime and kept coming downstairs with questions "
            "about tomorrow.",
            "{name} woke at 2am and came into our room shaking, and did not go back to sleep "
            "until nearly 4.",
            "Bedtime took over an hour again, with {name} getting up five times.",
        ),
        "middles": (
            "{He} was worried about {worry}.",
            "We went through the visual timetable for the next day, which helped a little.",
            "{He} asked me three times whether {ta} would be in tomorrow.",
        ),
        "closings": (
            "{He} was very tired in the morning.",
            "I will mention the sleep at the next review.",
        ),
        "words": None,
        "areas": ("semh",),
        "days": "any",
    },
    {
        "titles": ("Hard morning before {sch}", "Difficult start to the day", "Getting to {sch}"),
        "openers": (
            "{name} said {his} tummy hurt and {he} could not go to {sch}, the same as most "
            "Mondays this term.",
            "It took an hour to get {name} dressed; {he} said the uniform felt scratchy and wrong.",
            "We got to the gate and {name} would not let go of my arm.",
        ),
        "middles": (
            "{ta} came out and walked {him} in, and {he} went after a few minutes.",
            "We were twenty minutes late and {he} had to go in through the office, which "
            "{he} hates.",
            "{He} calmed down once we looked at the now-and-next card together.",
        ),
        "closings": (
            "I told the office why we were late.",
            "I have emailed {teacher} so they know how the day started.",
        ),
        "words": "hard",
        "areas": ("semh",),
        "days": "school",
    },
    {
        "titles": ("Talked about lunchtime", "No one to play with", "Left out at lunchtime"),
        "openers": (
            "{name} told me {he} spent lunchtime walking round the edge of the playground "
            "on {his} own.",
            "{name} said the other children changed the rules of the game and told {him} "
            "{he} was out.",
            "{name} said nobody sat next to {him} at lunch and {he} ate on {his} own.",
        ),
        "middles": (
            "{He} said {he} does not know how to ask to join in.",
            "{He} said the lunchtime staff told {him} to go and play but did not help.",
            "{He} wanted to know why the others don't like {him}, which was hard to hear.",
        ),
        "closings": (
            "I will ask whether {he} can join a lunchtime club.",
            "I have asked {senco} about more structure at lunchtimes.",
        ),
        "words": "hard",
        "areas": ("communication_interaction", "semh"),
        "days": "school",
    },
    {
        "titles": ("Time with friends", "Playing with a friend", "A sociable day"),
        "openers": (
            "A friend from {his} class came round for tea and they played for two hours.",
            "{name} went to a birthday party and stayed for the whole thing, with {comfort} "
            "for the noisy part.",
            "{name} met a friend at the park and they played together without an adult helping.",
        ),
        "middles": (
            "{He} needed some quiet time afterwards but said it was fun.",
            "They spent most of the time on {activity}.",
            "{He} asked if the friend can come again next week.",
        ),
        "closings": ("", "A good sign for the social targets."),
        "words": "good",
        "areas": ("communication_interaction",),
        "days": "any",
    },
    {
        "titles": ("Out and about", "Family time", "A day away from {sch}"),
        "openers": (
            "We went to the supermarket together; {name} coped until the checkout, where "
            "the beeping was too much.",
            "Swimming lesson today. {name} went in the water on {his} own without a fuss.",
            "A quiet day at home; {name} spent most of it on {activity}.",
            "We visited grandma; the car journey and the busy house were a lot for {name}.",
        ),
        "middles": (
            "{He} needed a long rest afterwards.",
            "{He} was proud of {him}self and told everyone.",
            "We left early, which helped.",
            "{He} was happiest when we got home and {he} could do {activity}.",
        ),
        "closings": ("", "Recording this because it shows how much noise affects {him}."),
        "words": None,
        "areas": ("sensory_physical", "semh", "other"),
        "days": "home",
    },
    {
        "titles": (
            "What {name} said about {sch}",
            "In {his} own words",
            "Conversation at bedtime",
            "Talking in the car",
        ),
        "openers": (
            "In the car on the way home {name} started talking about {sch} without being asked.",
            "At bedtime {name} wanted to talk about the day.",
            "While we were cooking tea {name} told me about a lesson.",
        ),
        "middles": (
            "I wrote it down straight away, word for word.",
            "{He} had clearly been thinking about it all day.",
        ),
        "closings": ("",),
        "words": "either",
        "areas": ("semh", "communication_interaction"),
        "days": "school",
    },
)

# Letters and emails: (direction, title, subject, to/from key, openings, follow-ups).
_CORRESPONDENCE: tuple[tuple[str, str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "sent",
        "Email to {teacher} about homework",
        "{name}'s homework",
        "teacher_full",
        (
            "I wrote that last night's homework took well over an hour and that {name} needed "
            "every question read aloud.",
            "I explained that {name} was in tears over the homework again and did not finish it.",
        ),
        (
            "I asked whether the homework could be shortened, or set on paper rather than online.",
            "I asked what {he} is expected to manage alone, so that we know how much to help.",
        ),
    ),
    (
        "sent",
        "Email to {senco} asking for an update on the plan",
        "Update on {name}'s support plan",
        "senco_full",
        (
            "I asked how {name} is getting on with the targets in the current plan and whether "
            "the small-group sessions are happening every week.",
            "I asked for the notes of the last review, which we have not received.",
        ),
        (
            "I asked for a reply by the end of next week.",
            "I said we would be happy to come in to talk about it.",
        ),
    ),
    (
        "sent",
        "Note in the home-school book",
        "Home-school book",
        "teacher_full",
        (
            "I wrote that {name} had a very unsettled weekend and may be tired today.",
            "I wrote that {name} has been worried about {worry} and asked whether someone could "
            "talk it through with {him}.",
        ),
        (
            "I asked for a line back at the end of the day about how it went.",
            "I said we would do the same from home.",
        ),
    ),
    (
        "sent",
        "Email confirming today's phone call with {senco}",
        "Our call today",
        "senco_full",
        (
            "I summarised this afternoon's phone call with {senco}: what school has noticed this "
            "week and what will change.",
            "I wrote down what {senco} told me on the phone so that we both have the same record.",
        ),
        (
            "I asked {senco} to tell me if anything in my summary is wrong.",
            "I listed the two things school said it would do and asked when they would start.",
        ),
    ),
    (
        "sent",
        "Email asking for the behaviour log",
        "{name}'s behaviour records",
        "head_full",
        (
            "I asked for a copy of the behaviour log and any incident forms about {name} since the "
            "start of term.",
            "I asked for the records of the last two incidents, as {name}'s account is different "
            "from what I was told at the gate.",
        ),
        (
            "I explained we want to understand what happens before the incidents.",
            "I asked for them in writing rather than a summary at pick-up.",
        ),
    ),
    (
        "received",
        "Reply from {senco}",
        "Re: {name}",
        "senco_full",
        (
            "{senco} replied that {name} has had a settled week and that the small-group "
            "sessions are going ahead.",
            "{senco} replied that the review will be held next month and a date will be sent out.",
        ),
        (
            "There was no answer to my question about the sessions that were missed.",
            "{senco} offered a meeting if we want one.",
        ),
    ),
    (
        "received",
        "Email from {teacher}",
        "{name} today",
        "teacher_full",
        (
            "{teacher} wrote that {name} had a difficult afternoon after a change to the "
            "timetable.",
            "{teacher} wrote to say {name} had a good day and joined in during group work.",
        ),
        (
            "{teacher} said {he} calmed down in the quiet area with {ta}.",
            "{teacher} asked whether anything had happened at home.",
        ),
    ),
    (
        "received",
        "Letter about a clinic appointment",
        "Appointment for {name}",
        "clinic",
        (
            "A letter giving {name} an appointment at the community clinic in six weeks' time.",
            "A letter saying {name} is still on the waiting list and will be contacted when an "
            "appointment is available.",
        ),
        (
            "I have put the date in the calendar and told school.",
            "The letter gives no estimate of how long the wait will be.",
        ),
    ),
    (
        "received",
        "Text message from the school office",
        "Message from {school}",
        "school",
        (
            "The school office texted to say {name} had been unwell after lunch and was resting "
            "in the medical room.",
            "The school office texted to remind parents about next week's trip, with nothing "
            "about support for {name}.",
        ),
        (
            "I phoned back and was told {he} was fine to stay.",
            "I replied asking what the plan is for {name} on the day.",
        ),
    ),
)

# Letters a parent might write at a weekend or in the holidays; the rest are school-day ones.
_ANY_DAY_LETTERS = frozenset(
    {
        "Email to {senco} asking for an update on the plan",
        "Note in the home-school book",
        "Email asking for the behaviour log",
    }
)

_MEETINGS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Catch-up with {senco}",
        "Check how the SEN Support plan is going",
        "senco_full",
        (
            "{senco} said {name} is using the strategies in the plan most days but still finds "
            "the start of lessons hard.",
            "We went through the plan target by target; {senco} had notes from {ta} for each.",
        ),
    ),
    (
        "Parents' evening",
        "Hear how {name} is doing this term",
        "teacher_full",
        (
            "{teacher} said {name} is trying hard and has lovely ideas but needs a lot of adult "
            "help to get started.",
            "Ten minutes with {teacher}. {name}'s books show better work when there is an adult "
            "nearby.",
        ),
    ),
    (
        "Phone call with {teacher}",
        "Talk about a hard week",
        "teacher_full",
        (
            "{teacher} phoned after school to talk about the week; {name} has left the classroom "
            "several times.",
            "{teacher} rang to say {name} has been unsettled since the class moved rooms.",
        ),
    ),
    (
        "Meeting about lunchtimes",
        "Make lunchtimes manageable for {name}",
        "senco_full",
        (
            "We met {senco} because lunchtimes are the hardest part of {name}'s day.",
            "{senco} agreed that the playground at lunch is where most of the problems start.",
        ),
    ),
    (
        "Meeting about the school trip",
        "Plan support for the trip",
        "teacher_full",
        (
            "We met {teacher} to plan the class trip so that {name} can go with the others.",
            "{teacher} went through the day of the trip with us hour by hour.",
        ),
    ),
    (
        "Meeting with {ta} about the home-school book",
        "Agree how the book will be used",
        "ta_full",
        (
            "{ta} showed me the home-school book and we agreed three lines a day, good and hard.",
            "We agreed with {ta} what goes in the book and what needs a phone call instead.",
        ),
    ),
)
_MEETING_HOURS = {"Parents' evening": (16, 19), "Phone call with {teacher}": (15, 18)}
_MEETING_MIDDLES = (
    "I said what we see at home: calm at weekends, very tired and upset on school days.",
    "We agreed to try it for three weeks and then talk again.",
    "I asked for the agreed changes to be added to the SEN Support plan.",
    "I asked for the next review date and was told it would be confirmed.",
)
_ACTIONS = (
    ("Send home a visual timetable for next week", "teacher"),
    ("Add the new strategies to the SEN Support plan", "senco"),
    ("Write in the home-school book every day", "teacher"),
    ("Share the latest clinic letter with school", "parent"),
    ("Arrange a visit to the new classroom before the change", "senco"),
    ("Find out whether the trip venue has a quiet area", "teacher"),
    ("Show lunchtime staff {name}'s calm plan", "senco"),
    ("Send school a list of what helps at home", "parent"),
    ("Check the small-group sessions are on the timetable", "senco"),
    ("Let {name} know about changes the day before", "ta"),
)

# Incidents: type, days lost, titles, what happened, what followed.
_INCIDENTS: tuple[tuple[str, float, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "sent_home",
        0.5,
        ("Asked to collect {name} early", "Phone call to collect {name}", "Sent home after lunch"),
        (
            "The office phoned at {time} and asked me to collect {name} because {he} was 'too "
            "unsettled to stay'.",
            "{senco} phoned at {time} and said {name} needed to go home after an upset in the "
            "classroom.",
        ),
        (
            "No letter was given and I was told it was not an exclusion.",
            "{He} missed the whole afternoon and no work was sent home.",
        ),
    ),
    (
        "absence",
        1,
        (
            "Kept off school: too anxious to go in",
            "Absent: could not get into school",
            "Off school after a very bad night",
        ),
        (
            "{name} was awake most of the night and was shaking and crying at breakfast.",
            "We got as far as the gate and {name} could not go in.",
        ),
        (
            "I phoned the attendance line and explained it was anxiety, not illness.",
            "I emailed {teacher} to ask for work to do at home and for a plan to get {him} back "
            "in.",
        ),
    ),
    (
        "injury",
        0,
        ("Accident slip: bumped head", "Hurt hand in the playground", "Scratch from another child"),
        (
            "An accident slip came home saying {name} was hurt at playtime at {time}.",
            "{name} came home with a graze and an accident slip from lunchtime.",
        ),
        (
            "Nobody phoned; I only found out from the slip in {his} bag.",
            "{He} said {he} was pushed in the line; the slip says {he} fell.",
        ),
    ),
    (
        "other",
        0,
        (
            "Kept in at playtime to finish work",
            "Missed PE because of kit",
            "Left out of the class assembly",
        ),
        (
            "{name} told me {he} was kept in at playtime because {his} work was not finished.",
            "{name} missed a lesson today and sat in another class instead.",
        ),
        (
            "This is support {he} needs, not a sanction, and I have asked {teacher} about it.",
            "I have asked for it to stop, as it is connected to {his} needs.",
        ),
    ),
)

# Worries raised with school: the topic, what was said, and what school answered.
_CONCERNS = (
    (
        "lunchtimes",
        "{name} is spending lunchtimes alone and coming home upset",
        "{who} agreed {name} can join a lunchtime club from Monday.",
    ),
    (
        "homework",
        "homework is taking over an hour a night and ending in tears",
        "{who} said homework can be cut to 20 minutes and {name} should stop there.",
    ),
    (
        "changes of staff",
        "{name} has had several different adults this half-term and is more anxious",
        "{who} said staff absence is the reason and it should settle after half-term.",
    ),
    (
        "the reading book",
        "{name}'s reading book is too hard for {him} to read on {his} own",
        "{who} agreed to check {his} reading level and change the book this week.",
    ),
    (
        "the support sessions",
        "{name} says the small-group sessions have not happened for two weeks",
        "{who} replied that the sessions would restart next week.",
    ),
    (
        "PE changing",
        "the changing area before PE is too noisy and {name} refuses to change",
        "{who} agreed {name} can change in the quiet room before the others.",
    ),
    (
        "seating",
        "{name} has been moved to sit by the door, where it is noisiest",
        "{who} said school had not noticed a problem but would keep an eye on it.",
    ),
)
_CONCERN_ASKS = (
    "I asked what could change and when.",
    "I asked for this to be added to the SEN Support plan.",
    "I said this matches what we see at home and asked for a reply in writing.",
)
_CHANNELS = ("Email", "In person at pick-up", "Phone call", "Home-school book")

# On a school day: mostly home observations and letters, then meetings and incidents.
_TERM_KINDS = ("observation", "correspondence", "meeting", "incident", "concern")
_TERM_CUMULATIVE = (34, 62, 78, 90)  # out of 100


class _Filler:
    """Plausible entries beyond the story, spread evenly over the three school years."""

    def __init__(
        self,
        rng: random.Random,
        calendar: _Calendar,
        family: tuple[_Person, ...],
        children: list[dict],
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

    def pick(self, items: Any) -> Any:
        """One of ``items``, from the seeded generator (quicker than ``choice``)."""
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high`` inclusive."""
        return low + int(self.random() * (high - low + 1))

    def entry(self, number: int, count: int, entry_id: str) -> dict:
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


# --- attachments -----------------------------------------------------------------------


def _attach(
    built: list[tuple[dict, _Document | None]],
    story_count: int,
    limit: int,
    seed: int,
    children: list[dict],
) -> dict[str, bytes]:
    """Attach files to up to ``limit`` entries: the story's documents first, then copies
    of letters, meeting notes and photos on filler entries, evenly spaced."""
    names = {child["id"]: child["preferred_name"] or child["name"].split()[0] for child in children}
    scripted = [(entry, doc) for entry, doc in built[:story_count] if doc is not None][:limit]
    spare = limit - len(scripted)
    candidates = [
        entry
        for entry, _ in built[story_count:]
        if entry["kind"] in ("correspondence", "meeting", "observation")
    ]
    picked: list[dict] = []
    if spare > 0 and candidates:
        step = max(1, len(candidates) // spare)
        picked = candidates[::step][:spare]
    files: dict[str, bytes] = {}
    for entry, doc in scripted:
        _add_file(entry, doc.filename, doc.description, doc.content(), files)
    for entry in picked:
        filename, description, content = _filler_document(entry, names[entry["child_id"]], seed)
        _add_file(entry, filename, description, content, files)
    return files


def _add_file(
    entry: dict, filename: str, description: str, content: bytes, files: dict[str, bytes]
) -> None:
    sha = hashlib.sha256(content).hexdigest()
    files[sha] = content
    entry["attachments"].append(
        {
            "sha256": sha,
            "filename": filename,
            "size": len(content),
            "added_at": entry["created_at"],
            "description": description,
        }
    )


def _filler_document(entry: dict, name: str, seed: int) -> tuple[str, str, bytes]:
    """A file for a filler entry: the letter or email itself, meeting notes, or a photo."""
    day = _long(entry["date"])
    if entry["kind"] == "observation":
        picture = random.Random(f"{seed}:{entry['id']}")
        return (
            f"Photo of {name}'s drawing {day}.png",
            f"Photo of a drawing {name} made",
            _png_drawing(picture),
        )
    if entry["kind"] == "meeting":
        lines = [
            entry["title"],
            f"Date: {day}",
            "Present: " + ", ".join(entry["attendees"]),
            "",
            entry["details"],
            "",
            "Actions:",
        ]
        lines += [f"- {a['text']} ({a['owner']}, by {_long(a['due'])})" for a in entry["actions"]]
        return (
            _safe_name(f"Meeting notes {day}.txt"),
            "Our notes of the meeting",
            "\n".join(lines).encode() + b"\n",
        )
    what = "Email" if entry["direction"] == "sent" else "Letter"
    text = "\n".join(
        [
            f"From: {entry['from']}",
            f"To: {entry['to']}",
            f"Date: {day}",
            f"Subject: {entry['subject']}",
            "",
            textwrap.fill(entry["details"], 78),
        ]
    )
    return (
        _safe_name(f"{entry['title']} {day}.txt"),
        f"Copy of the {what.lower()}",
        text.encode() + b"\n",
    )


def _safe_name(name: str) -> str:
    """A file name a parent might have saved: no path separators or reserved marks."""
    return "".join("-" if ch in '/\\:*?"<>|' else ch for ch in name)


# --- file contents built in code -------------------------------------------------------


def _letter(header: list[str], greeting: str, paragraphs: list[str], closing: str) -> bytes:
    """A plain-text letter, wrapped as a parent's word processor would print it."""
    body = "\n\n".join(textwrap.fill(p, 78) for p in paragraphs)
    return "\n".join([*header, "", greeting, "", body, "", closing, ""]).encode()


def _pdf(title: str, lines: list[str]) -> bytes:
    """A valid one-page PDF showing ``title`` and ``lines`` in Helvetica (ASCII text)."""

    def quoted(text: str) -> str:
        text = text.encode("ascii", "replace").decode()
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    wrapped = [part for line in lines for part in (textwrap.wrap(line, 88) or [""])]
    stream = "BT /F1 15 Tf 56 780 Td " + quoted(title) + " Tj /F1 10 Tf 14 TL 0 -30 Td "
    stream += " ".join(f"{quoted(line)} Tj T*" for line in wrapped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii")
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode("ascii")
    return bytes(out)


def _png(width: int, height: int, pixels: bytearray) -> bytes:
    """A valid 8-bit RGB PNG from ``width * height * 3`` bytes of pixels."""
    rows = b"".join(
        b"\x00" + bytes(pixels[y * width * 3 : (y + 1) * width * 3]) for y in range(height)
    )

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + tag
            + data
            + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _fill(
    pixels: bytearray, width: int, x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]
) -> None:
    run = bytes(colour) * (x1 - x0)
    for y in range(y0, y1):
        pixels[(y * width + x0) * 3 : (y * width + x1) * 3] = run


def _png_playground() -> bytes:
    """Tobi's drawing: a green field, children in the middle, one child by the fence."""
    width, height = 96, 64
    pixels = bytearray(bytes((120, 190, 90)) * (width * height))
    brown = (120, 80, 40)
    _fill(pixels, width, 0, 0, width, 3, brown)
    _fill(pixels, width, 0, height - 3, width, height, brown)
    _fill(pixels, width, 0, 0, 3, height, brown)
    _fill(pixels, width, width - 3, 0, width, height, brown)
    for n, (x, y) in enumerate(((40, 26), (46, 30), (52, 25), (44, 36), (55, 34), (49, 40))):
        colour = ((220, 60, 50), (240, 200, 40), (240, 140, 40))[n % 3]
        _fill(pixels, width, x, y, x + 4, y + 4, colour)
    _fill(pixels, width, 50, 31, 53, 34, (255, 255, 255))  # the football
    _fill(pixels, width, 6, 52, 10, 56, (40, 80, 220))  # Tobi, by the fence
    return _png(width, height, pixels)


def _png_drawing(picture: random.Random) -> bytes:
    """A photo of a child's drawing: a few coloured shapes on paper."""
    width, height = 64, 48
    pixels = bytearray(bytes((250, 250, 245)) * (width * height))
    for _ in range(picture.randint(3, 7)):
        x, y = picture.randrange(0, width - 8), picture.randrange(0, height - 8)
        colour = (
            picture.randrange(30, 230),
            picture.randrange(30, 230),
            picture.randrange(30, 230),
        )
        _fill(
            pixels,
            width,
            x,
            y,
            min(width, x + picture.randint(4, 16)),
            min(height, y + picture.randint(4, 12)),
            colour,
        )
    return _png(width, height, pixels)

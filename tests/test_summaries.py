"""The summaries a caseworker reads first, on a hand-built case whose sentences were worked
out by hand before the code was written (see the comments beside each).

Sam, Year 3, over two SEN Support plans.  The references follow the chronology's date
order: R1 concern (answered), R2 speech and language report, R3 concern (no answer), R4
spring plan, R5 sent home, R6 spring review (the parent's and the child's views), R7
summer plan (one target and one provision dropped, one provision added), R8 part-time
timetable, R9 observation with the child's and the parent's words, R10 email to the head
(no reply), R11 summer review, R12 request for an EHC needs assessment.
"""

from __future__ import annotations

from datetime import date

import pytest

from sen_workbook import model
from sen_workbook.timeline import TimelineOptions, render_timeline
from tests.test_timeline import inline_text, parse

AS_OF = date(2024, 9, 1)


def records():
    child = model.new_child(
        id="child-1",
        name="Sam Carter",
        preferred_name="Sam",
        date_of_birth="2016-06-10",
        setting="Hill Primary School",
        setting_phase="school",
        year_group="Year 3",
        areas=["communication_interaction", "semh"],
        status="sen_support",
    )

    def entry(kind, entry_id, day, title, created=None, **fields):
        stamp = created or f"{day}T20:00:00"
        return model.new_entry(
            kind,
            "child-1",
            id=entry_id,
            date=day,
            title=title,
            created_at=stamp,
            updated_at=stamp,
            **fields,
        )

    spring_review = entry(
        "review",
        "r1",
        "2024-04-02",
        "Spring review",
        plan_id="p1",
        outcomes=[
            {"target_id": "t1", "result": "not_met"},
            {"target_id": "t2", "result": "met", "evidence": "Plays tag"},
        ],
        parent_views="ELSA sessions often cancelled",
        child_views="I don't like the noise",
        next_steps="Carry on",
    )
    earlier = {k: v for k, v in spring_review.items() if k != "revisions"}
    spring_review["revisions"] = [
        {"replaced_at": "2024-04-05T10:00:00", "record": {**earlier, "next_steps": "Review in May"}}
    ]
    spring_review["updated_at"] = "2024-04-05T10:00:00"
    entries = [
        entry(
            "concern",
            "c1",
            "2024-01-08",
            "Not eating at lunch",
            raised_by="Mum",
            raised_with="Mrs Patel",
            response="We will watch at lunch and tell you.",
            response_date="2024-01-15",
        ),
        entry("concern", "c2", "2024-02-01", "Hiding under the table", raised_with="Class teacher"),
        entry(
            "assessment",
            "a1",
            "2024-01-20",
            "Speech and language report",
            professional="Ms Green, SALT",
            findings="Receptive language at the level of a 5-year-old.\n"
            "Struggles with two-step instructions.",
            recommendations=[
                {"text": "Daily language group", "implemented": "no"},
                {"text": "Visual timetable", "implemented": "yes"},
                {"text": "ELSA sessions twice a week", "implemented": "partly"},
                {"text": "Quiet space at lunch", "implemented": "unknown"},
            ],
        ),
        entry(
            "plan",
            "p1",
            "2024-02-05",
            "Spring plan",
            review_date="2024-04-01",
            targets=[
                {
                    "id": "t1",
                    "text": "Follows a two-step instruction",
                    "area": "communication_interaction",
                },
                {"id": "t2", "text": "Joins a game at play", "area": "semh"},
            ],
            provision=[
                {
                    "what": "ELSA sessions",
                    "who": "Mrs Jones",
                    "frequency": "weekly",
                    "start": "2024-02-05",
                },
                {"what": "Visual timetable", "who": "Class teacher", "frequency": "daily"},
            ],
        ),
        entry(
            "incident",
            "i1",
            "2024-03-01",
            "Sent home after lunch",
            incident_type="sent_home",
            days_lost=0.5,
        ),
        spring_review,
        entry(
            "plan",
            "p2",
            "2024-04-10",
            "Summer plan",
            review_date="2024-07-01",
            targets=[
                {
                    "id": "t1",
                    "text": "Follows a two-step instruction",
                    "area": "communication_interaction",
                }
            ],
            provision=[
                {"what": "visual  timetable", "who": "Class teacher", "frequency": "daily"},
                {"what": "Lunch club", "who": "Mr Brown", "frequency": "3 times a week"},
            ],
        ),
        entry(
            "incident",
            "i2",
            "2024-05-01",
            "Mornings only",
            incident_type="part_time_timetable",
            days_lost=5,
        ),
        entry(
            "observation",
            "o1",
            "2024-05-05",
            "Upset after school",
            created="2024-05-07T09:30:00",
            details="Came home and hid.",
            child_views="Everyone shouts at lunch club",
            parent_views="The visual timetable is not used at home time",
        ),
        entry(
            "correspondence",
            "m1",
            "2024-06-01",
            "Email to the head",
            direction="sent",
            to="Head teacher",
            subject="Lunchtimes",
        ),
        entry(
            "review",
            "r2",
            "2024-07-03",
            "Summer review",
            plan_id="p2",
            outcomes=[{"target_id": "t1", "result": "not_met"}],
        ),
        entry(
            "request",
            "q1",
            "2024-07-10",
            "Request for an EHC needs assessment",
            request_type="ehcna",
            sent_to="County SEND team",
        ),
    ]
    assert model.validate_records([child], entries) == []
    return child, entries


def summary(purpose: str) -> list[str]:
    """The summary's paragraphs and list items, one text each, in order."""
    tokens = parse(render_timeline(*records(), TimelineOptions(as_of=AS_OF, purpose=purpose)))
    texts = [inline_text(t) for t in tokens if t.type == "inline"]
    return texts[texts.index("Summary") + 1 : texts.index("Chronology")]


def after(texts: list[str], first: str, count: int) -> list[str]:
    """``first`` and the ``count`` texts that follow it."""
    at = texts.index(first)
    return texts[at : at + count + 1]


# --- EHC needs assessment -------------------------------------------------------------------


def test_targets_are_counted_once_at_their_latest_review():
    # t1 is in both plans (same id): not met at R6, not met at R11; t2 met at R6.
    assert (
        "Targets in these plans: 2, each counted once however many plans carry it. At "
        "its latest review, of 2 targets: met 1, partly met 0, not met 1, not assessed 0."
        in summary("ehcna")
    )


def test_the_settings_answers_to_concerns_are_quoted():
    texts = summary("ehcna")
    assert (
        "R1, 2024-01-08: Concern, “Not eating at lunch”; raised by Mum; with Mrs Patel; "
        "answered on 2024-01-15: “We will watch at lunch and tell you.”"
    ) in texts
    assert (
        "R3, 2024-02-01: Concern, “Hiding under the table”; with Class teacher; "
        "no response recorded."
    ) in texts


def test_views_stand_beside_the_provision_they_speak_of():
    texts = summary("ehcna")
    # Three kinds of provision; the visual timetable is in both plans ("visual  timetable"
    # in the second, the same name once case and spaces are set aside).
    assert after(
        texts,
        "Provision recorded in the SEN Support plans: 3 different kinds "
        "(4 items across the plans, an item carried into a later plan counted once).",
        6,
    )[1:] == [
        "“ELSA sessions”, by Mrs Jones, how often: weekly, from 2024-02-05 (plan R4, 2024-02-05).",
        "Parent's views (R6, 2024-04-02): “ELSA sessions often cancelled”",
        "“Visual timetable”, by Class teacher, how often: daily "
        "(plans R4, 2024-02-05; R7, 2024-04-10).",
        "Parent's views (R9, 2024-05-05): “The visual timetable is not used at home time”",
        "“Lunch club”, by Mr Brown, how often: 3 times a week (plan R7, 2024-04-10).",
        "Child's views (R9, 2024-05-05): “Everyone shouts at lunch club”",
    ]
    # The one view that names no provision is given with the child's needs.
    assert after(
        texts,
        "Views recorded at reviews and with observations: 4 (the child's 2, "
        "the parent's 2). Those that name a provision, 3, are given beside it under "
        "(3); the others:",
        1,
    )[1:] == [
        "Child's views (R6, 2024-04-02): “I don't like the noise”",
    ]


def test_what_the_next_plan_dropped_is_named_with_whether_it_was_met():
    assert after(
        summary("ehcna"), "What a plan had and the next plan no longer carries: 1 change.", 1
    )[1:] == [
        "From plan R4, 2024-02-05 to plan R7, 2024-04-10: target “Joins a game at play”, "
        "met at its last review (R6); provision “ELSA sessions”.",
    ]


def test_each_recommendation_is_listed_under_the_words_of_its_status():
    texts = summary("ehcna")
    at = "(R2, 2024-01-20, Ms Green, SALT)."
    assert after(
        texts,
        "Professionals' recommendations: 4; implemented 1, partly implemented "
        "1, not implemented 1, not known whether implemented 1.",
        8,
    )[1:] == [
        "Not implemented:",
        f"“Daily language group” {at}",
        "Partly implemented:",
        f"“ELSA sessions twice a week” {at}",
        "Not known whether implemented:",
        f"“Quiet space at lunch” {at}",
        "Implemented:",
        f"“Visual timetable” {at}",
    ]


def test_findings_are_given_in_the_professionals_words():
    texts = summary("ehcna")
    report = (
        "R2, 2024-01-20: Assessment or report, “Speech and language report”; by Ms Green, "
        "SALT; 4 recommendations. Findings: “Receptive language at the level of a "
        "5-year-old."
    )
    assert after(texts, report, 1)[1:] == ["Struggles with two-step instructions.”"]


@pytest.mark.parametrize("purpose", ["ehcna", "complaint"])
def test_incidents_and_days_lost_are_in_both_summaries(purpose):
    assert after(summary(purpose), "Incidents: 2; days of education lost, all incidents: 5.5.", 3)[
        1:
    ] == [
        "Sent home (informal exclusion): 1 time, 0.5 days lost (R5, 2024-03-01).",
        "Part-time timetable: 1 time, 5 days lost (R8, 2024-05-01).",
        "Sent home without a formal exclusion: 1 time, 0.5 days lost. The DfE's guidance on "
        "suspension and permanent exclusion says that sending a pupil home without a formal "
        "exclusion is unlawful, even when the parent agrees.",
    ]


# --- complaint ------------------------------------------------------------------------------


def test_the_complaint_summary_has_findings_views_and_what_was_dropped():
    texts = summary("complaint")
    assert (
        "Professionals' recommendations: 4; implemented 1, partly implemented 1, not "
        "implemented 1, not known whether implemented 1." in texts
    )
    assert "Parent's views (R6, 2024-04-02): “ELSA sessions often cancelled”" in texts
    assert after(texts, "Views that name no provision: 1.", 1)[1:] == [
        "Child's views (R6, 2024-04-02): “I don't like the noise”"
    ]
    assert (
        "From plan R4, 2024-02-05 to plan R7, 2024-04-10: target “Joins a game at play”, "
        "met at its last review (R6); provision “ELSA sessions”."
    ) in texts


def test_the_complaint_table_quotes_answers_and_counts_the_days_waited():
    tokens = parse(render_timeline(*records(), TimelineOptions(as_of=AS_OF, purpose="complaint")))
    rows = []
    row = None
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(inline_text(token))
        elif token.type == "tr_close":
            rows.append(row)
            row = None
        elif token.type == "table_close":
            break
    # 2024-01-08 to 01-15: 7 days.  From 2024-02-01 to 09-01 (a leap year): 29 + 31 + 30 +
    # 31 + 30 + 31 + 31 = 213.  From 06-01: 30 + 31 + 31 = 92.  From 07-10: 21 + 31 + 1 = 53.
    assert rows[1:] == [
        [
            "R1",
            "2024-01-08",
            "Not eating at lunch",
            "Mrs Patel",
            "We will watch at lunch and tell you.",
            "2024-01-15",
            "7",
        ],
        [
            "R3",
            "2024-02-01",
            "Hiding under the table",
            "Class teacher",
            "No answer recorded",
            "",
            "213 so far",
        ],
        [
            "R10",
            "2024-06-01",
            "Email to the head (subject: Lunchtimes)",
            "Head teacher",
            "No answer recorded",
            "",
            "92 so far",
        ],
        [
            "R12",
            "2024-07-10",
            "EHC needs assessment request: Request for an EHC needs assessment",
            "County SEND team",
            "No answer recorded",
            "",
            "53 so far",
        ],
    ]


# --- entries in full: when each was written down --------------------------------------------


def test_each_entry_says_when_it_was_written_down_and_whether_it_was_changed():
    tokens = parse(render_timeline(*records(), TimelineOptions(as_of=AS_OF)))
    texts = [inline_text(t) for t in tokens if t.type == "inline"]
    recorded = [t for t in texts if t.startswith("Recorded: ")]
    assert len(recorded) == 12  # one for each entry
    assert (
        "Recorded: first written down on 2024-01-08 20:00, the same day; not changed since."
    ) in recorded
    assert (
        "Recorded: first written down on 2024-05-07 09:30, 2 days after the day it tells "
        "of; not changed since."
    ) in recorded
    assert (
        "Recorded: first written down on 2024-04-02 20:00, the same day; changed since, "
        "last on 2024-04-05 10:00 (1 earlier version kept in the workbook)."
    ) in recorded


@pytest.mark.parametrize(
    ("created_at", "said"),
    [
        ("2024-05-01T08:05:00", "first written down on 2024-05-01 08:05, 4 days before the day"),
        ("2024-05-06 21:30", "first written down on 2024-05-06 21:30, 1 day after the day"),
        ("2024-05-05T23:59:59+01:00", "first written down on 2024-05-05 23:59, the same day"),
        ("", "when it was first written down is not known"),
        ("the evening after", "when it was first written down is not known"),
        ("2024-05-05T25:00:00", "when it was first written down is not known"),
        # Stamps not laid out as the app writes them are shown to the minute all the same.
        ("20240505T1015", "first written down on 2024-05-05 10:15, the same day"),
        ("2024-05-05T10", "first written down on 2024-05-05 10:00, the same day"),
    ],
)
def test_when_an_entry_was_written_down_is_told_from_any_stamp_or_said_to_be_unknown(
    created_at, said
):
    child, entries = records()
    # The observation of 2024-05-05 (R9), written down as a workbook edited by hand may say.
    entries = [
        {**e, "created_at": created_at} if e["title"] == "Upset after school" else e
        for e in entries
    ]
    tokens = parse(render_timeline(child, entries, TimelineOptions(as_of=AS_OF)))
    texts = [inline_text(t) for t in tokens if t.type == "inline"]
    at = texts.index("R9 — 2024-05-05 — Observation at home: Upset after school")
    recorded = next(t for t in texts[at:] if t.startswith("Recorded: "))
    assert recorded.startswith(f"Recorded: {said}")
    assert recorded.endswith("; not changed since.")


def test_an_observations_views_are_in_its_entry_in_full():
    tokens = parse(render_timeline(*records(), TimelineOptions(as_of=AS_OF)))
    texts = [inline_text(t) for t in tokens if t.type == "inline"]
    at = texts.index("R9 — 2024-05-05 — Observation at home: Upset after school")
    assert texts[at + 1 : at + 4] == [
        "Details: Came home and hid.",
        "Child's views: Everyone shouts at lunch club",
        "Parent's views: The visual timetable is not used at home time",
    ]


# --- the summary reads the rows as the chronology is made --------------------------------


@pytest.mark.parametrize("purpose", ["ehcna", "complaint"])
def test_the_summary_is_the_same_whether_the_chronology_gathered_its_rows_or_not(purpose):
    # The document makes its chronology first, and the summary reads the areas, views and
    # titled items gathered in that pass; a summary worked out on its own reads the rows
    # itself.  Both must write the same lines, for every child of the demo workbook.
    from sen_workbook import demo
    from sen_workbook.timeline.blocks import spaced
    from sen_workbook.timeline.complaint import summary_complaint
    from sen_workbook.timeline.ehcna import summary_ehcna
    from sen_workbook.timeline.facts import Facts

    make = {"ehcna": summary_ehcna, "complaint": summary_complaint}[purpose]
    sample = demo.generate()
    for child in sample.children:
        options = TimelineOptions(purpose=purpose, as_of=date(2026, 8, 31))
        alone = make(Facts(child, sample.entries, options))
        lines = [line for block in alone for line in "\n".join(block).split("\n")]
        document = render_timeline(child, sample.entries, options)
        summary = document.split("\n## Summary\n\n", 1)[1].split("\n\n## Chronology\n", 1)[0]
        assert "\n".join(spaced(lines)).strip("\n") == summary

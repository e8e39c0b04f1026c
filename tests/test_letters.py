"""Letters from the records, each type on a hand-built family whose sentences are worked
out below before the code was written.

The family (Tobias "Toby" Wrenfield), as of Monday 2 June 2025, in chronology order:

- R1  2025-01-13 concern "Hides under the table at lunch", raised with Ms Rahman, answered
      2025-01-20 (7 days);
- R2  2025-01-27 plan "Spring plan", target t-lunch "Eats lunch in the hall";
- R3  2025-02-03 assessment "Educational psychologist report" by Dr Lee, one file (E001):
      ear defenders (not carried out), daily check-in (partly), visual timetable (yes);
- R4  2025-03-03 EHC needs assessment request to Northshire SEND team, no decision: the
      reg 5 decision was due 6 weeks later, 14 April 2025, and is 49 days late on 2 June
      (16 + 31 + 2); the reg 10 notice (23 June) is 21 days away, not "nearly due";
- R5  2025-03-10 incident, sent home, 0.5 days lost;
- R6  2025-03-31 review of the spring plan: not met; "The hall hurts my ears";
- R7  2025-04-07 plan "Summer plan", the same target;
- R8  2025-04-28 observation "Cried before school" (SEMH);
- R9  2025-05-06 concern "Not eating lunch", raised with Class teacher, no answer:
      27 days by 2 June;
- R10 2025-05-12 incident, suspension, 1 day lost;
- R11 2025-05-19 review of the summer plan: not met again (two reviews in a row);
- R12 2025-05-21 14:00 meeting with the SENCo: lunch club by Ms Rahman due 28 May, not
      done (5 days overdue); the EP report to the class teacher, done.

Reply dates: 10 working days after 2 June 2025 is 16 June; 5 working days is 9 June;
15 working days is 23 June; one calendar month is 2 July (a Wednesday).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sen_workbook import analysis, deadlines, model
from sen_workbook.cli import main
from sen_workbook.letters import (
    LETTER_TYPES,
    LetterError,
    NothingToSay,
    markdown,
    pdf,
    plain_text,
    write_letter,
)
from sen_workbook.timeline import TimelineOptions, find_child_name, render_timeline
from sen_workbook.workbook import Workbook, WorkbookError

AS_OF = date(2025, 6, 2)
EP_FILE = "e" * 64
HOSTILE = (
    "<script>alert(1)</script> [click](https://evil.example) **bold** # not a heading \x1b[31m"
)


def toby() -> tuple[dict, list[dict]]:
    child = model.new_child(
        name="Tobias Wrenfield",
        preferred_name="Toby",
        date_of_birth="2015-09-14",
        setting="Hillside Primary School",
        setting_phase="school",
        year_group="Year 5",
        senco="Ms Rahman",
        areas=["communication_interaction", "semh"],
        status="sen_support",
    )
    cid = child["id"]
    target = {"id": "t-lunch", "text": "Eats lunch in the hall", "area": "semh"}
    spring = model.new_entry(
        "plan",
        cid,
        date="2025-01-27",
        title="Spring plan",
        review_date="2025-03-31",
        targets=[target],
        provision=[{"what": "Lunch buddy", "who": "TA", "frequency": "daily"}],
    )
    summer = model.new_entry(
        "plan",
        cid,
        date="2025-04-07",
        title="Summer plan",
        review_date="2025-05-19",
        targets=[target],
    )
    entries = [
        model.new_entry(
            "concern",
            cid,
            date="2025-01-13",
            title="Hides under the table at lunch",
            raised_with="Ms Rahman",
            channel="meeting",
            areas=["semh"],
            details="He covers his ears in the hall.",
            response="We will watch",
            response_date="2025-01-20",
        ),
        spring,
        model.new_entry(
            "assessment",
            cid,
            date="2025-02-03",
            title="Educational psychologist report",
            professional="Dr Lee",
            attachments=[
                {
                    "sha256": EP_FILE,
                    "filename": "EP report.pdf",
                    "size": 10,
                    "added_at": "2025-02-03T10:00:00",
                    "description": "",
                }
            ],
            recommendations=[
                {"text": "Ear defenders at lunch", "implemented": "no"},
                {"text": "Daily check-in with a trusted adult", "implemented": "partly"},
                {"text": "Visual timetable", "implemented": "yes"},
            ],
        ),
        model.new_entry(
            "request",
            cid,
            date="2025-03-03",
            title="EHC needs assessment request",
            request_type="ehcna",
            sent_to="Northshire SEND team",
        ),
        model.new_entry(
            "incident",
            cid,
            date="2025-03-10",
            title="Sent home at lunch",
            incident_type="sent_home",
            days_lost=0.5,
        ),
        model.new_entry(
            "review",
            cid,
            date="2025-03-31",
            title="Spring review",
            plan_id=spring["id"],
            outcomes=[{"target_id": "t-lunch", "result": "not_met"}],
            child_views="The hall hurts my ears",
        ),
        summer,
        model.new_entry(
            "observation",
            cid,
            date="2025-04-28",
            title="Cried before school",
            details="Said the hall is too loud.",
            areas=["semh"],
        ),
        model.new_entry(
            "concern",
            cid,
            date="2025-05-06",
            title="Not eating lunch",
            raised_with="Class teacher",
            areas=["semh"],
        ),
        model.new_entry(
            "incident",
            cid,
            date="2025-05-12",
            title="Suspended for a day",
            incident_type="suspension",
            days_lost=1,
        ),
        model.new_entry(
            "review",
            cid,
            date="2025-05-19",
            title="Summer review",
            plan_id=summer["id"],
            outcomes=[{"target_id": "t-lunch", "result": "not_met"}],
        ),
        model.new_entry(
            "meeting",
            cid,
            date="2025-05-21 14:00",
            title="Meeting with the SENCo",
            attendees=["Ms Rahman", "Parent"],
            purpose="Lunchtime plan",
            details="School agreed lunch in the library.",
            actions=[
                {
                    "text": "Set up a lunch club",
                    "owner": "Ms Rahman",
                    "due": "2025-05-28",
                    "done": False,
                },
                {
                    "text": "Send the EP report to the class teacher",
                    "owner": "Parent",
                    "done": True,
                },
            ],
        ),
    ]
    return child, entries


def by_title(entries: list[dict], title: str) -> dict:
    return next(e for e in entries if e["title"] == title)


def letter_text(letter_type: str, child: dict, entries: list[dict], **options) -> str:
    return plain_text(
        write_letter(child, entries, letter_type, as_of=options.pop("as_of", AS_OF), **options)
    )


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# --- each type ---------------------------------------------------------------------------


def test_a_chaser_for_a_missed_reg_5_decision_names_the_rule_the_dates_and_the_days_late():
    child, entries = toby()
    letter = write_letter(child, entries, "deadline_chaser", as_of=AS_OF)
    text = paragraphs(plain_text(letter))
    assert text[0] == "To: Northshire SEND team"
    assert text[1] == "Date: 2 June 2025"
    assert text[2] == (
        "Subject: Decision whether to carry out an EHC needs assessment for Toby: "
        "due 14 April 2025, now overdue"
    )
    assert text[3] == (
        "Child: Tobias Wrenfield, known as Toby, born 14 September 2015, Year 5, "
        "Hillside Primary School"
    )
    assert (
        "The decision whether to carry out an EHC needs assessment was due on 14 April 2025. "
        "As of 2 June 2025 I have not received it: it is 49 days late." in text
    )
    assert (
        "The deadline is counted from my request for an EHC needs assessment, which you "
        "received on 3 March 2025." in text
    )
    assert (
        "The rule is in the SEND Regulations 2014, reg 5: the local authority must say "
        "whether it will assess within 6 weeks of receiving the request." in text
    )
    assert any(
        p.startswith(
            "Please send me your decision whether you will carry out the assessment by 16 June 2025"
        )
        for p in text
    )
    assert letter.record.kind == "correspondence"
    assert letter.record.fields["reply_due"] == "2025-06-16"
    assert letter.record.fields["links"] == [
        by_title(entries, "EHC needs assessment request")["id"]
    ]


def test_a_chaser_for_a_deadline_due_within_a_week_is_a_reminder():
    child, entries = toby()
    # Once the council has agreed to assess, the reg 10 notice of the same request is due
    # 23 June 2025: on 17 June, 6 days away.
    request = by_title(entries, "EHC needs assessment request")
    request.update(outcome="Agreed to assess", outcome_date="2025-05-20")
    text = letter_text(
        "deadline_chaser",
        child,
        entries,
        as_of=date(2025, 6, 17),
        entry_id=request["id"],
        rule="no_plan_notice",
    )
    assert (
        "The notice that no EHC plan will be issued after the assessment is due on "
        "23 June 2025, in 6 days. I am writing so that it is not missed." in text
    )
    assert "by 23 June 2025, as the rule requires." in text


def test_a_subject_access_clock_stopped_for_id_is_not_chased():
    child, entries = toby()
    # Asked on Monday 2 March 2026; the school asked for proof of identity on 5 March and
    # has not had it, so on 30 March (days before 2 April) there is nothing to chase.
    access = model.new_entry(
        "request",
        child["id"],
        date="2026-03-02",
        title="Subject access request",
        request_type="subject_access",
        asked_for="id",
        asked_for_date="2026-03-05",
    )
    with pytest.raises(NothingToSay):
        write_letter(
            child,
            entries + [access],
            "deadline_chaser",
            as_of=date(2026, 3, 30),
            entry_id=access["id"],
        )


def test_a_chaser_with_nothing_missed_says_so_in_one_sentence():
    child, entries = toby()
    with pytest.raises(NothingToSay) as raised:
        write_letter(child, entries, "deadline_chaser", as_of=date(2025, 3, 10))
    assert str(raised.value) == (
        "No statutory deadline is missed or due within 7 days as of "
        "10 March 2025, so there is nothing to chase."
    )


def test_an_ehcna_request_answers_9_14_with_the_timeline_s_references():
    child, entries = toby()
    text = letter_text("ehcna_request", child, entries)
    assert "Subject: Request for an EHC needs assessment: Toby" in text
    assert "under section 36(1) of the Children and Families Act 2014" in text
    assert "Section 36(8) says" in text and "paragraph 9.14" in text
    expected = [
        "Areas of need: Communication and interaction; Social, emotional and mental health.",
        "Concerns raised with the setting: 2, of which 1 had no answer.",
        "- 13 January 2025: “Hides under the table at lunch”, raised with Ms Rahman; answered on "
        "20 January 2025 (R1)\n- 6 May 2025: “Not eating lunch”, raised with Class teacher; no "
        "answer after 27 days (R9)",
        "SEN Support (assess, plan, do, review): 2 cycles.",
        "- Plan of 27 January 2025, “Spring plan”, 1 target; at the review of 31 March 2025: "
        "1 not met (R2; R6)\n- Plan of 7 April 2025, “Summer plan”, 1 target; at the review of "
        "19 May 2025: 1 not met (R7; R11)",
        "- “Eats lunch in the hall”: not met at 2 reviews in a row, 31 March 2025, 19 May 2025 "
        "(R6; R11)",
        "- “Ear defenders at lunch”, recommended by Dr Lee on 3 February 2025: not carried out "
        "(R3; E001)\n- “Daily check-in with a trusted adult”, recommended by Dr Lee on "
        "3 February 2025: only partly carried out (R3; E001)",
        "Incidents: 2, with 1.5 days of education lost.",
        "- Suspension: once, 1 day lost (R10)\n- Sent home (informal exclusion): once, 0.5 days "
        "lost (R5)",
        "- 31 March 2025: “The hall hurts my ears” (R6)",
        "What I have seen at home is recorded in 1 dated observation (R8).",
        "Please tell me your decision within 6 weeks of receiving this request, as regulation "
        "5(1) of the SEND Regulations 2014 requires: by 14 July 2025 if you receive it today.",
    ]
    for sentence in expected:
        assert sentence in paragraphs(text), sentence


def test_a_letter_s_references_are_the_timeline_s_rows():
    child, entries = toby()
    text = letter_text("ehcna_request", child, entries)
    document = render_timeline(child, entries, TimelineOptions(as_of=AS_OF))
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| (R\d+) \|.*$", document, re.M)}
    assert "Not eating lunch" in rows["R9"]
    assert "Cried before school" in rows["R8"]
    assert "Suspended for a day" in rows["R10"]
    assert "Educational psychologist report" in rows["R3"] and "E001" in rows["R3"]
    cited = set(re.findall(r"\bR\d+\b", text))
    assert cited and cited <= set(rows)


def test_a_meeting_follow_up_lists_who_was_there_what_was_said_and_who_does_what():
    child, entries = toby()
    letter = write_letter(child, entries, "meeting_follow_up", as_of=AS_OF)
    text = paragraphs(plain_text(letter))
    assert text[0] == "To: Ms Rahman; Parent"
    assert "Dear all," in text
    assert (
        "Thank you for meeting on 21 May 2025 at 14:00 about Toby. So that we all have the "
        "same record, this is what I understood was discussed and agreed."
    ) in text
    assert "Who was there: Ms Rahman; Parent." in text
    assert "What the meeting was for: Lunchtime plan" in text
    assert "What was said: School agreed lunch in the library." in text
    assert (
        "- Set up a lunch club (by Ms Rahman, due 28 May 2025)\n"
        "- Send the EP report to the class teacher (by Parent): done"
    ) in text
    assert (
        "If anything here differs from your notes, please tell me by 9 June 2025; otherwise "
        "I will take this as our shared record of the meeting."
    ) in text
    assert letter.record.follow_up_of == by_title(entries, "Meeting with the SENCo")["id"]
    assert letter.record.fields["reply_due"] == ""


def test_a_meeting_with_nothing_said_or_agreed_has_nothing_to_follow_up():
    child, entries = toby()
    empty = model.new_entry("meeting", child["id"], date="2025-05-30", title="Quick chat")
    with pytest.raises(NothingToSay, match="The meeting of 30 May 2025 records nothing"):
        write_letter(child, [*entries, empty], "meeting_follow_up", as_of=AS_OF)


def test_a_concern_letter_gives_the_worry_examples_from_home_and_a_reply_date():
    child, entries = toby()
    text = paragraphs(letter_text("concern", child, entries))
    # The latest concern still waiting for an answer is the one written about.
    assert text[0] == "To: Class teacher"
    assert "I am writing to put in writing a concern about Toby: “Not eating lunch”." in text
    assert (
        "I first raised it on 6 May 2025 with Class teacher. I have had no answer in the "
        "27 days since."
    ) in text
    assert "What I have seen at home:" in text
    assert "- 28 April 2025: “Cried before school”: Said the hall is too loud." in text
    assert any("SEND Code of Practice 2015, paragraphs 6.44 to 6.56" in p for p in text)
    assert "Please reply by 16 June 2025." in text


def test_a_concern_chosen_by_id_tells_its_answer():
    child, entries = toby()
    first = by_title(entries, "Hides under the table at lunch")
    text = paragraphs(letter_text("concern", child, entries, entry_id=first["id"]))
    assert "What worries me: He covers his ears in the hall." in text
    assert (
        "I first raised it on 13 January 2025 with Ms Rahman (meeting). The answer I had on "
        "20 January 2025 was: “We will watch”."
    ) in text


def test_an_education_record_request_gives_the_15_school_day_rule():
    child, entries = toby()
    letter = write_letter(child, entries, "education_record", as_of=AS_OF)
    text = paragraphs(plain_text(letter))
    assert text[0] == "To: The governing body, Hillside Primary School"
    assert any(
        "regulation 5 of the Education (Pupil Information) (England) Regulations 2005" in p
        for p in text
    )
    assert (
        "The regulations say the governing body of a maintained school must make the record "
        "available within 15 school days of receiving a written request. Counted in working "
        "days, that is by 23 June 2025 if you receive this today; school holidays make it "
        "later."
    ) in text
    assert letter.record == (
        "request",
        {
            "date": "2025-06-02",
            "title": "Request for the educational record",
            "request_type": "education_record",
            "sent_to": "The governing body, Hillside Primary School",
        },
        "",
    )


def test_a_subject_access_request_says_what_to_include_and_the_one_month_rule():
    child, entries = toby()
    text = letter_text("subject_access", child, entries)
    assert "Under Article 15 of the UK GDPR, please send me a copy of all the personal data" in text
    assert "- notes and minutes of meetings about the child" in text
    assert "by 2 July 2025 if you receive it today" in text
    assert "UK GDPR art. 12(3)" in text


def test_a_complaint_lists_what_was_asked_answered_and_missed():
    child, entries = toby()
    letter = write_letter(child, entries, "complaint", as_of=AS_OF)
    text = paragraphs(plain_text(letter))
    assert text[0] == "To: Hillside Primary School"
    assert "Subject: Formal complaint, stage 1: Toby" in text
    assert (
        "- 13 January 2025, concern “Hides under the table at lunch” to Ms Rahman: answered on "
        "20 January 2025, after 7 days (R1)\n"
        "- 3 March 2025, EHC needs assessment request “EHC needs assessment request” to "
        "Northshire SEND team: no answer after 91 days (R4)\n"
        "- 6 May 2025, concern “Not eating lunch” to Class teacher: no answer after 27 days (R9)"
    ) in text
    # Where the deadline stands is said in the one table's words, as the timeline says it.
    assert (
        "- Decision whether to carry out an EHC needs assessment (SEND Regulations 2014, "
        "reg 5): Missed: due by 2025-04-14; nothing recorded by 2025-06-02, 49 days late "
        "(R4)"
    ) in text
    undone = text[text.index("Other things that were not done:") + 1]
    assert (
        "Action 'Set up a lunch club' (Ms Rahman) from meeting 'Meeting with the SENCo' on "
        "2025-05-21 was due on 2025-05-28 and is not recorded as done; 5 days overdue (R12)"
    ) in undone
    assert letter.record.kind == "request"
    assert letter.record.fields["request_type"] == "complaint"
    assert letter.record.fields["title"] == "Complaint, stage 1"


def test_a_second_complaint_is_stage_2_and_goes_where_the_first_went():
    child, entries = toby()
    first = model.new_entry(
        "request",
        child["id"],
        date="2025-05-26",
        title="Complaint, stage 1",
        request_type="complaint",
        sent_to="Chair of governors",
        outcome="Not upheld",
        outcome_date="2025-05-30",
    )
    text = paragraphs(letter_text("complaint", child, [*entries, first]))
    assert text[0] == "To: Chair of governors"
    assert (
        "My complaint of 26 May 2025 (R13) has not put it right: the answer was “Not upheld”."
    ) in text


def test_a_draft_plan_response_gives_the_15_days_and_the_recommendations_for_b_and_f():
    child, entries = toby()
    draft = model.new_entry(
        "request",
        child["id"],
        date="2025-05-27",
        title="Draft EHC plan",
        request_type="draft_plan",
        sent_to="Northshire SEND team",
    )
    letter = write_letter(child, [*entries, draft], "draft_plan_response", as_of=AS_OF)
    text = paragraphs(plain_text(letter))
    assert (
        "I received the draft EHC plan on 27 May 2025. Regulation 13(1) of the SEND "
        "Regulations 2014 gives me at least 15 days, beginning with that day, to comment on "
        "it, to ask for a meeting with an officer and to ask for a school or college to be "
        "named: the last day is 10 June 2025."
    ) in text
    assert any("paragraph 9.69" in p for p in text)
    listed = text[
        text.index(
            "Please check each of these recommendations from the "
            "professionals' reports against sections B and F, and include "
            "each in section F:"
        )
        + 1
    ].split("\n")
    assert listed == [
        "- “Ear defenders at lunch” (Dr Lee, “Educational psychologist report”, 3 February 2025)",
        "- “Daily check-in with a trusted adult” (Dr Lee, “Educational psychologist report”, "
        "3 February 2025)",
        "- “Visual timetable” (Dr Lee, “Educational psychologist report”, 3 February 2025)",
    ]
    assert letter.record.fields["links"] == [draft["id"]]


def test_annual_review_reports_are_asked_for_two_weeks_before_the_planned_meeting():
    child, entries = toby()
    review = model.new_entry(
        "request",
        child["id"],
        date="2025-07-01",
        title="Annual review",
        request_type="annual_review",
        sent_to="Hillside Primary School",
    )
    letter = write_letter(child, [*entries, review], "annual_review_reports", as_of=AS_OF)
    text = paragraphs(plain_text(letter))
    assert (
        "The annual review meeting of Toby's EHC plan is planned for 1 July 2025. "
        "Regulation 20(4) of the SEND Regulations 2014 says the advice and information "
        "gathered for the review must be sent to everyone invited at least two weeks before "
        "the meeting: by 17 June 2025."
    ) in text
    assert letter.record.fields["reply_due"] == "2025-06-17"


def test_annual_review_reports_without_a_date_give_the_s44_limit():
    child, entries = toby()
    final = model.new_entry(
        "request",
        child["id"],
        date="2024-08-01",
        title="Draft plan",
        request_type="draft_plan",
        outcome="Final plan issued",
        outcome_date="2024-09-02",
    )
    text = letter_text("annual_review_reports", child, [*entries, final])
    assert (
        "The next annual review of Toby's EHC plan must be held by 1 September 2025 "
        "(Children and Families Act 2014, s.44). Please tell me the date of the meeting."
    ) in paragraphs(text)


@pytest.mark.parametrize(
    ("letter_type", "sentence"),
    [
        ("draft_plan_response", "There is no draft EHC plan recorded up to 2 June 2025"),
        ("annual_review_reports", "the records hold no planned annual review"),
    ],
)
def test_letters_with_nothing_in_the_records_say_so(letter_type, sentence):
    child, entries = toby()
    with pytest.raises(NothingToSay, match=sentence):
        write_letter(child, entries, letter_type, as_of=AS_OF)


def test_every_type_says_something_or_says_why_not_for_an_empty_journal():
    child, _ = toby()
    for letter_type in LETTER_TYPES:
        try:
            text = letter_text(letter_type, child, [])
        except NothingToSay as nothing:
            assert str(nothing).endswith(".") and "\n" not in str(nothing)
        else:  # the formal requests need only the child's details
            assert letter_type in ("education_record", "subject_access")
            assert "Tobias Wrenfield" in text


def test_an_entry_of_the_wrong_kind_is_refused_in_a_sentence():
    child, entries = toby()
    concern = by_title(entries, "Not eating lunch")
    with pytest.raises(LetterError) as raised:
        write_letter(child, entries, "meeting_follow_up", as_of=AS_OF, entry_id=concern["id"])
    assert str(raised.value) == f"The entry {concern['id']!r} is a concern, not a meeting."


# --- pseudonyms and hostile text ---------------------------------------------------------


@pytest.mark.parametrize("letter_type", list(LETTER_TYPES))
def test_pseudonymised_letters_carry_no_names(letter_type):
    child, entries = toby()
    # The names also sit inside the family's own text, as they would.
    entries.append(
        model.new_entry(
            "observation",
            child["id"],
            date="2025-05-01",
            title="Toby said: Wrenfield kids are loud",
            areas=["semh"],
        )
    )
    extra = {
        "draft_plan_response": [
            model.new_entry(
                "request",
                child["id"],
                date="2025-05-27",
                title="Draft plan for Tobias",
                request_type="draft_plan",
            )
        ],
        "annual_review_reports": [
            model.new_entry(
                "request",
                child["id"],
                date="2025-07-01",
                title="Toby's review",
                request_type="annual_review",
            )
        ],
    }.get(letter_type, [])
    letter = write_letter(child, [*entries, *extra], letter_type, as_of=AS_OF, pseudonym="Child A")
    for text in (plain_text(letter), markdown(letter)):
        assert "Child A" in text
        assert find_child_name(child, text) is None
        assert "14 September 2015" not in text and "born" not in text  # the date of birth too


def parse(text: str) -> list:
    return MarkdownIt("commonmark").parse(text)


def hostile_family() -> tuple[dict, list[dict]]:
    child, entries = toby()
    child["setting"] = HOSTILE
    for entry in entries:
        if entry["title"] == "Not eating lunch":
            entry["title"] = HOSTILE
            entry["raised_with"] = "- [x](javascript:alert(1))"
        if entry["kind"] == "meeting":
            entry["attendees"] = ["<b>Ms Rahman</b>", "1. Parent"]
            entry["actions"][0]["text"] = "| cell | # heading\n> quote"
    return child, entries


@pytest.mark.parametrize(
    "letter_type", ["concern", "complaint", "meeting_follow_up", "ehcna_request", "subject_access"]
)
def test_hostile_text_stays_inert_in_markdown_and_plain_text(letter_type):
    child, entries = hostile_family()
    letter = write_letter(child, entries, letter_type, as_of=AS_OF)
    tokens = parse(markdown(letter))
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
    assert not kinds & {
        "html_block",
        "html_inline",
        "link_open",
        "image",
        "heading_open",
        "blockquote_open",
        "ordered_list_open",
        "strong_open",
        "table_open",
        "code_inline",
        "code_block",
        "fence",
    }
    shown = "\n".join(t.content for t in tokens if t.type == "inline")
    plain = plain_text(letter)
    for text in (shown, plain):
        assert "\x1b" not in text
        assert re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text) is None
    # What the parent typed is shown as it was, not dropped (the escape became U+FFFD).
    hostile_shown = " ".join(HOSTILE.split()).replace("\x1b", "\ufffd")
    rendered = "".join(
        c.content
        for t in tokens
        if t.type == "inline"
        for c in t.children
        if c.type in ("text", "softbreak")
    )
    if letter_type in ("concern", "complaint", "ehcna_request", "subject_access"):
        assert hostile_shown in plain
        assert hostile_shown in rendered
    if letter_type == "meeting_follow_up":
        assert "<b>Ms Rahman</b>; 1. Parent" in plain
        assert "| cell | # heading > quote" in plain


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_links(content: bytes) -> list:
    import io

    from pypdf import PdfReader

    return [
        annotation
        for page in PdfReader(io.BytesIO(content)).pages
        for annotation in page.get("/Annots") or ()
    ]


def test_hostile_text_stays_text_in_a_pdf_letter():
    child, entries = hostile_family()
    letter = write_letter(child, entries, "concern", as_of=AS_OF)
    content = pdf(plain_text(letter), "Concern", AS_OF)
    assert content.startswith(b"%PDF-")
    shown = " ".join(pdf_text(content).split())
    assert (
        "<script>alert(1)</script> [click](https://evil.example) **bold** # not a heading" in shown
    )
    assert "\x1b" not in shown
    assert pdf_links(content) == []  # the pasted link is text, not a link
    assert b"/JavaScript" not in content and b"/URI" not in content
    # The same letter gives the same bytes.
    assert pdf(plain_text(letter), "Concern", AS_OF) == content


def test_a_pseudonymised_pdf_letter_carries_no_names(book, tmp_path, capsys):
    db = str(book.path)
    child = book.children()[0]
    book.close()
    out = tmp_path / "chaser.pdf"
    assert (
        main(
            [
                "--db",
                db,
                "letter",
                "Toby",
                "deadline_chaser",
                "--as-of",
                "2025-06-02",
                "--pseudonym",
                "Child A",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    content = out.read_bytes()
    text = pdf_text(content)
    assert "it is 49 days late" in " ".join(text.split())
    assert "Child A" in text and find_child_name(child, text) is None
    assert b"Toby" not in content and b"Tobias" not in content  # nor in the PDF's title


# --- recording a letter as sent ----------------------------------------------------------


@pytest.fixture
def book(tmp_path: Path):
    child, entries = toby()
    with Workbook(tmp_path / "book" / "w.json") as workbook:
        workbook.load_sample([child], entries, {})
        yield workbook


def test_recording_a_chaser_creates_the_letter_on_disk_and_its_reply_deadline(book):
    child = book.children()[0]
    letter = book.letter(child, "deadline_chaser", as_of=AS_OF)
    sent = book.record_letter(letter, child["id"], "My edited chaser.")
    with Workbook(book.path, read_only=True) as reader:
        stored = reader.entry(sent["id"])
        assert stored["kind"] == "correspondence" and stored["direction"] == "sent"
        assert stored["date"] == "2025-06-02" and stored["reply_due"] == "2025-06-16"
        assert stored["details"] == "My edited chaser."
        assert stored["to"] == "Northshire SEND team"
        after = reader.stored_entries(child["id"])
    # The reply it asks for is now a deadline of its own: a day late on 17 June.
    late = [f for f in analysis.flags(after, date(2025, 6, 17)) if f.entry_id == sent["id"]]
    assert [(f.code, f.days) for f in late] == [("reply_overdue", 1)]


def test_recording_a_formal_request_starts_its_statutory_deadline(book):
    child = book.children()[0]
    letter = book.letter(child, "education_record", as_of=AS_OF)
    sent = book.record_letter(letter, child["id"], plain_text(letter))
    with Workbook(book.path, read_only=True) as reader:
        after = reader.stored_entries(child["id"])
    assert reader_entry(after, sent["id"])["request_type"] == "education_record"
    due = [d for d in deadlines.deadlines(after, AS_OF) if d.entry_id == sent["id"]]
    assert [(d.rule, d.due, d.status) for d in due] == [
        ("education_record", date(2025, 6, 23), "upcoming")
    ]


def reader_entry(entries: list[dict], entry_id: str) -> dict:
    return next(e for e in entries if e["id"] == entry_id)


def test_recording_a_follow_up_marks_the_meeting_followed_up_in_the_same_save(book):
    child = book.children()[0]
    meeting = by_title(book.entries(child["id"]), "Meeting with the SENCo")
    letter = book.letter(child, "meeting_follow_up", as_of=AS_OF)
    sent = book.record_letter(letter, child["id"], plain_text(letter))
    with Workbook(book.path, read_only=True) as reader:
        stored = reader.entry(meeting["id"])
        assert stored["follow_up_sent"] == "2025-06-02"
        assert stored["revisions"][-1]["record"]["follow_up_sent"] == ""
        assert reader.entry(sent["id"])["links"] == [meeting["id"]]


def test_recording_a_draft_plan_response_meets_the_reg_13_time_limit(book):
    child = book.children()[0]
    draft = book.add_entry(
        "request",
        child["id"],
        {"date": "2025-05-27", "title": "Draft EHC plan", "request_type": "draft_plan"},
    )
    letter = book.letter(child, "draft_plan_response", as_of=AS_OF)
    book.record_letter(letter, child["id"], plain_text(letter))
    with Workbook(book.path, read_only=True) as reader:
        after = reader.stored_entries(child["id"])
    comments = [
        d
        for d in deadlines.deadlines(after, AS_OF)
        if d.entry_id == draft["id"] and d.rule == "draft_plan_comments"
    ]
    assert [(d.status, d.met_on) for d in comments] == [("met", AS_OF)]


# --- the command line --------------------------------------------------------------------


def test_letter_list_gives_one_line_per_type(capsys):
    assert main(["letter", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(LETTER_TYPES)


def test_the_command_prints_the_letter_or_writes_it_to_a_file(book, tmp_path, capsys):
    db = str(book.path)
    book.close()
    assert main(["--db", db, "letter", "Toby", "deadline_chaser", "--as-of", "2025-06-02"]) == 0
    printed = capsys.readouterr()
    assert "it is 49 days late" in printed.out
    # Only the warning that it is not signed yet, on stderr apart from the letter.
    assert printed.err.startswith("The letter is signed '(your name)'")
    assert printed.err.count("\n") == 1
    for name in ("chaser.md", "chaser.txt"):
        out = tmp_path / name
        assert (
            main(
                [
                    "--db",
                    db,
                    "letter",
                    "Toby",
                    "deadline_chaser",
                    "--as-of",
                    "2025-06-02",
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
        assert capsys.readouterr().out == f"Wrote the letter to {out}.\n"
        assert "it is 49 days late" in out.read_text(encoding="utf-8")
        assert out.stat().st_mode & 0o077 == 0
    # An existing file is kept unless --force.
    assert (
        main(
            [
                "--db",
                db,
                "letter",
                "Toby",
                "concern",
                "--as-of",
                "2025-06-02",
                "--out",
                str(tmp_path / "chaser.txt"),
            ]
        )
        == 2
    )
    assert "already exists" in capsys.readouterr().err
    assert "49 days late" in (tmp_path / "chaser.txt").read_text(encoding="utf-8")


def test_nothing_to_say_is_one_sentence_and_exit_2_with_nothing_written(book, tmp_path, capsys):
    db = str(book.path)
    book.close()
    out = tmp_path / "chaser.txt"
    code = main(
        [
            "--db",
            db,
            "letter",
            "Toby",
            "deadline_chaser",
            "--as-of",
            "2025-03-10",
            "--out",
            str(out),
        ]
    )
    said = capsys.readouterr()
    assert code == 2 and said.out == "" and not out.exists()
    assert said.err == (
        "sen-workbook: No statutory deadline is missed or due within 7 days as "
        "of 10 March 2025, so there is nothing to chase.\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["letter", "Toby", "thank_you"], "There is no letter type 'thank_you'"),
        (["letter", "Toby"], "letter needs a child and a letter type"),
        (["letter", "Toby", "concern", "--out", "x.docx"], "must end in .md, .txt or .pdf"),
        (["letter", "Toby", "concern", "--pseudonym", "Toby B"], "contains the child's name"),
        (["letter", "Toby", "concern", "--entry", "nope"], "No entry of this child with id 'nope'"),
    ],
)
def test_bad_letter_commands_are_refused_in_one_sentence(book, capsys, argv, message):
    db = str(book.path)
    book.close()
    assert main(["--db", db, *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_pseudonymised_letter_s_file_name_may_not_hold_the_child_s_name(book, tmp_path, capsys):
    db = str(book.path)
    book.close()
    out = tmp_path / "toby-chaser.md"
    assert (
        main(
            [
                "--db",
                db,
                "letter",
                "Toby",
                "deadline_chaser",
                "--as-of",
                "2025-06-02",
                "--pseudonym",
                "Child A",
                "--out",
                str(out),
            ]
        )
        == 2
    )
    assert "contains the child's name 'toby'" in capsys.readouterr().err
    assert not out.exists()


def test_a_letter_is_never_written_over_the_workbook(book, capsys):
    db = book.path
    child = book.children()[0]
    before = db.read_bytes()
    for out in (db, Path(str(db) + ".lock"), book.files_folder / "letter.txt"):
        with pytest.raises(WorkbookError, match="so nothing was written there"):
            book.export_letter(child, out, b"letter", overwrite=True)
    book.close()
    assert (
        main(
            [
                "--db",
                str(db),
                "letter",
                "Toby",
                "concern",
                "--as-of",
                "2025-06-02",
                "--out",
                str(db.parent / "backups" / "letter.txt"),
                "--force",
            ]
        )
        == 2
    )
    assert "so nothing was written there" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_a_fact_drawn_from_many_entries_cites_a_few_and_counts_the_rest():
    child, entries = toby()
    for day in range(1, 21):  # 20 more observations, all in May
        entries.append(
            model.new_entry(
                "observation",
                child["id"],
                date=f"2025-05-{day:02d}",
                title=f"Note {day}",
                areas=["semh"],
            )
        )
    text = letter_text("ehcna_request", child, entries)
    line = next(p for p in paragraphs(text) if p.startswith("What I have seen at home"))
    # 21 observations: the first six references are given, the other 15 counted.
    assert re.fullmatch(
        r"What I have seen at home is recorded in 21 dated observations "
        r"\((R\d+; ){5}R\d+ and 15 more\)\.",
        line,
    )


@pytest.mark.parametrize("letter_type", list(LETTER_TYPES))
def test_the_markdown_letter_reads_exactly_as_the_plain_text_one(letter_type):
    child, entries = hostile_family()
    entries += [
        model.new_entry(
            "request",
            child["id"],
            date="2025-05-27",
            title="Draft *plan*",
            request_type="draft_plan",
        ),
        model.new_entry(
            "request",
            child["id"],
            date="2025-07-01",
            title="Review <1>",
            request_type="annual_review",
        ),
    ]
    letter = write_letter(child, entries, letter_type, as_of=AS_OF)
    tokens = parse(markdown(letter))
    assert {t.type for t in tokens} <= {
        "paragraph_open",
        "paragraph_close",
        "inline",
        "bullet_list_open",
        "bullet_list_close",
        "list_item_open",
        "list_item_close",
    }
    shown = []
    for token in tokens:
        if token.type == "inline":
            text = "".join(c.content for c in token.children if c.type == "text")
            shown.append(text)
    expected = [line.removeprefix("- ") for line in plain_text(letter).splitlines() if line]
    assert shown == expected


def test_the_letters_deadlines_are_the_timeline_s(book):
    from sen_workbook.letters.facts import LetterFacts
    from sen_workbook.timeline.facts import Facts as TimelineFacts

    child, entries = toby()
    for as_of in (date(2025, 3, 10), AS_OF, date(2025, 8, 1)):
        letter_facts = LetterFacts(child, entries, as_of=as_of)
        timeline_facts = TimelineFacts(child, entries, TimelineOptions(as_of=as_of))
        assert letter_facts.deadlines == timeline_facts.deadlines
        assert letter_facts.flags == timeline_facts.flags


def test_a_chaser_for_the_overall_20_week_limit_says_it_in_the_table_s_words():
    child, entries = toby()
    # No decision to assess is recorded: the final plan's 20 weeks (21 July 2025) are the
    # overall limit, 5 days away on 16 July.
    request = by_title(entries, "EHC needs assessment request")
    text = paragraphs(
        letter_text(
            "deadline_chaser",
            child,
            entries,
            as_of=date(2025, 7, 16),
            entry_id=request["id"],
            rule="final_plan",
        )
    )
    assert (
        "Final EHC plan: Overall limit: the final EHC plan is due by 2025-07-21 (20 weeks), "
        "unless the council refuses to assess or decides not to issue a plan."
    ) in text
    assert any(p.startswith("Please send me the final EHC plan by 21 July 2025") for p in text)


def test_reports_already_received_for_a_planned_review_leave_nothing_to_ask():
    child, entries = toby()
    review = model.new_entry(
        "request",
        child["id"],
        date="2025-07-01",
        title="Annual review",
        request_type="annual_review",
    )
    report = model.new_entry(
        "assessment",
        child["id"],
        date="2025-05-30",
        title="Speech and language advice",
        links=[review["id"]],
    )
    with pytest.raises(NothingToSay) as raised:
        write_letter(child, [*entries, review, report], "annual_review_reports", as_of=AS_OF)
    assert str(raised.value) == (
        "The reports for the annual review of 1 July 2025 are recorded "
        "as received on 30 May 2025, so there is nothing to ask for."
    )


def test_a_chaser_for_the_reports_before_a_planned_annual_review():
    child, entries = toby()
    review = model.new_entry(
        "request",
        child["id"],
        date="2025-07-01",
        title="Annual review",
        request_type="annual_review",
        sent_to="Hillside Primary School",
    )
    # Reports due 17 June 2025 (two weeks before); on 19 June nothing is recorded: 2 days late.
    text = paragraphs(
        letter_text(
            "deadline_chaser",
            child,
            [*entries, review],
            as_of=date(2025, 6, 19),
            entry_id=review["id"],
        )
    )
    assert text[0] == "To: Hillside Primary School"
    assert (
        "The advice and information circulated before the annual review meeting was due on "
        "17 June 2025. As of 19 June 2025 I have not received it: it is 2 days late."
    ) in text
    assert (
        "The deadline is counted from the annual review meeting (two weeks before it), "
        "planned for 1 July 2025."
    ) in text
    assert any(p.startswith("The rule is in the SEND Regulations 2014, reg 20(4)") for p in text)


def test_a_complaint_names_the_procedure_or_the_ombudsman_by_whom_it_goes_to():
    child, entries = toby()
    to_school = paragraphs(letter_text("complaint", child, entries))
    assert (
        "Every school must have a complaints procedure: a maintained school under section 29 "
        "of the Education Act 2002, an academy under Part 7 of the Schedule to the Education "
        "(Independent School Standards) Regulations 2014."
    ) in to_school
    request = by_title(entries, "EHC needs assessment request")  # sent to Northshire SEND team
    to_council = paragraphs(letter_text("complaint", child, entries, entry_id=request["id"]))
    assert to_council[0] == "To: Northshire SEND team"
    assert (
        "If the council's final answer does not put it right, I may ask the Local Government "
        "and Social Care Ombudsman to look into it, within 12 months of knowing of the problem "
        "(Local Government Act 1974, s.26B)."
    ) in to_council

"""Calendar out: the .ics file parsed back with ``icalendar``, checked for what Google
Calendar, Apple Calendar and Thunderbird need (all-day dates, DTSTAMP, UID, VALARM)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import icalendar
import pytest

from sen_workbook import model
from sen_workbook.workbook import Workbook
from tests.command_line import run_command

AS_OF = "2026-11-30"


def run(db: Path, *argv: str) -> subprocess.CompletedProcess:
    # In this process: the entries written and the sentences said are what is tested.
    return run_command("--db", str(db), *argv)


@pytest.fixture
def book(db_path: Path, family) -> Path:
    children, entries = family
    cid = children[0]["id"]
    request = model.new_entry(
        "request",
        cid,
        date="2026-11-02",
        title="EHC needs assessment request",
        request_type="ehcna",
        sent_to="Council SEND team",
    )
    meeting = model.new_entry(
        "meeting",
        cid,
        date="2026-11-20",
        title="Meeting with SENCo",
        actions=[
            {"text": "Send the OT report", "owner": "Mrs Patel", "due": "2026-12-10"},
            {"text": "Book the EP", "owner": "Mrs Patel", "due": "2026-12-11", "done": True},
            {"text": "Old action", "due": "2026-11-21"},
        ],
    )
    asked = model.new_entry(
        "correspondence",
        cid,
        date="2026-11-25",
        title="Asked for the records",
        direction="sent",
        to="Riverside office",
        reply_due="2026-12-09",
    )
    answered = model.new_entry(
        "correspondence",
        cid,
        date="2026-11-26",
        title="Asked about transport",
        direction="sent",
        reply_due="2026-12-03",
    )
    reply = model.new_entry(
        "correspondence",
        cid,
        date="2026-11-28",
        title="Transport answer",
        direction="received",
        links=[answered["id"]],
    )
    plan = model.new_entry(
        "plan",
        cid,
        date="2026-11-01",
        title="Autumn plan",
        start_date="2026-11-01",
        review_date="2027-02-01",
    )
    with Workbook(db_path) as workbook:
        workbook.load_sample(
            children, entries + [request, meeting, asked, answered, reply, plan], {}
        )
    return db_path


def events_of(content: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def test_every_upcoming_date_is_an_all_day_event_with_a_reminder(book, tmp_path):
    out = tmp_path / "amara.ics"
    result = run(book, "calendar", "Amara", "--out", str(out), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    content = out.read_bytes()
    events = events_of(content)
    assert result.stdout == f"Wrote {len(events)} dates to {out}.\n"
    # RFC 5545 as calendar programs read it: CRLF line endings, lines folded at 75 octets
    lines = content.split(b"\r\n")
    assert content.endswith(b"\r\n") and b"\n" not in content.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    by_summary = {str(e["SUMMARY"]): e for e in events}
    assert sorted(by_summary) == sorted(
        [
            "Reply due: Asked for the records (Mara)",
            "Action due: Send the OT report (Mara)",
            "Due: Decision whether to carry out an EHC needs assessment (Mara)",
            "Review due: Autumn plan (Mara)",
            "Due: Final EHC plan (Mara)",  # with no decision yet, the one overall limit
        ]
    )  # not the action done, the old one, the answered letter, or anything already past,
    # nor the 16-week notice, which waits on the decision whether to assess
    decision = by_summary["Due: Decision whether to carry out an EHC needs assessment (Mara)"]
    assert decision.decoded("DTSTART") == dt.date(2026, 12, 14)  # six weeks after 2 November
    description = str(decision["DESCRIPTION"])
    assert "SEND Regulations 2014, reg 5" in description
    assert "“EHC needs assessment request” of 2026-11-02" in description
    action = by_summary["Action due: Send the OT report (Mara)"]
    assert "(by Mrs Patel)" in str(action["DESCRIPTION"])
    assert "“Meeting with SENCo” of 2026-11-20" in str(action["DESCRIPTION"])
    uids = set()
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)  # all day
        assert event.decoded("DTSTAMP").tzinfo is not None  # UTC, as RFC 5545 asks
        uids.add(str(event["UID"]))
        [alarm] = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY" and str(alarm["DESCRIPTION"])
        assert alarm.decoded("TRIGGER") == -dt.timedelta(days=2, hours=15)  # 9:00, 3 days before
    assert len(uids) == len(events)


def test_uids_stay_the_same_when_a_date_moves_so_a_re_import_updates(book, tmp_path):
    first = run(book, "calendar", "Amara", "--as-of", AS_OF)
    assert first.returncode == 0, first.stderr
    with Workbook(book) as workbook:
        [meeting] = [e for e in workbook.entries() if e["date"] == "2026-11-20"]
        actions = [dict(a) for a in meeting["actions"]]
        actions[0]["due"] = "2026-12-17"
        workbook.update_entry(meeting["id"], {"actions": actions})
    second = run(book, "calendar", "Amara", "--as-of", AS_OF)
    before = {str(e["UID"]): e for e in events_of(first.stdout.encode())}
    after = {str(e["UID"]): e for e in events_of(second.stdout.encode())}
    assert before.keys() == after.keys()
    moved = [
        uid for uid in after if after[uid].decoded("DTSTART") != before[uid].decoded("DTSTART")
    ]
    assert [str(after[uid]["SUMMARY"]) for uid in moved] == [
        "Action due: Send the OT report (Mara)"
    ]


def test_an_event_says_where_the_deadline_stands_and_a_stopped_clock_has_none(book):
    with Workbook(book) as workbook:
        cid = workbook.children()[0]["id"]
        # Asked for ID on 6 November; not sent yet: the month has not started again.
        workbook.add_entry(
            "request",
            cid,
            {
                "date": "2026-11-04",
                "title": "Subject access request",
                "sent_to": "School",
                "request_type": "subject_access",
                "asked_for": "id",
                "asked_for_date": "2026-11-06",
            },
        )
    result = run(book, "calendar", "Amara", "--as-of", AS_OF)
    events = {str(e["SUMMARY"]): e for e in events_of(result.stdout.encode())}
    assert not any("subject access" in summary for summary in events)
    final = str(events["Due: Final EHC plan (Mara)"]["DESCRIPTION"])
    # 20 weeks after Monday 2 November 2026 is Monday 22 March 2027.
    assert final.startswith("Overall limit: the final EHC plan is due by 2027-03-22 (20 weeks)")


def test_a_met_deadline_is_not_in_the_calendar(book):
    with Workbook(book) as workbook:
        [request] = [e for e in workbook.entries() if e["date"] == "2026-11-02"]
        workbook.update_entry(
            request["id"], {"outcome": "Agreed to assess", "outcome_date": "2026-11-27"}
        )
    result = run(book, "calendar", "Amara", "--as-of", AS_OF)
    summaries = [str(e["SUMMARY"]) for e in events_of(result.stdout.encode())]
    assert not any("Decision whether" in s for s in summaries)
    assert any("Final EHC plan" in s for s in summaries)


def test_the_calendar_is_never_written_over_the_workbook_or_an_existing_file(book, tmp_path):
    before = book.read_bytes()
    result = run(book, "calendar", "Amara", "--out", str(book), "--force")
    assert result.returncode == 2 and "the workbook file itself" in result.stderr
    assert book.read_bytes() == before
    existing = tmp_path / "old.ics"
    existing.write_text("mine")
    result = run(book, "calendar", "Amara", "--out", str(existing))
    assert result.returncode == 2 and "--force" in result.stderr
    assert existing.read_text() == "mine"
    result = run(book, "calendar", "Amara", "--out", str(tmp_path / "dates.txt"))
    assert result.returncode == 2 and "should end in .ics" in result.stderr


def test_after_a_refusal_the_appeal_is_the_family_s_date_and_the_final_plan_is_gone(book):
    with Workbook(book) as workbook:
        [request] = [e for e in workbook.entries() if e["date"] == "2026-11-02"]
        workbook.update_entry(
            request["id"], {"outcome": "Refused to assess", "outcome_date": "2026-11-20"}
        )
    result = run(book, "calendar", "Amara", "--as-of", AS_OF)
    by_summary = {str(e["SUMMARY"]): e for e in events_of(result.stdout.encode())}
    appeal = by_summary["Your last day: Appeal to the SEND Tribunal (Mara)"]
    assert appeal.decoded("DTSTART") == dt.date(2027, 1, 20)  # two months after the letter
    assert "This is your own time limit." in str(appeal["DESCRIPTION"])
    assert not any("EHC plan" in summary for summary in by_summary)

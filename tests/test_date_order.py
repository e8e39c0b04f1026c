"""Dates of one entry that contradict each other are refused, in one sentence a parent
understands, whichever way the entry comes: the workbook, the command line and an import
(the forms are in tests/tui/test_date_order_forms.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sen_workbook import model
from sen_workbook.cli import main
from sen_workbook.workbook import Workbook

ACTION = {"text": "Send the report", "owner": "SENCo", "done": False}
PROVISION = {"what": "Small talking group", "who": "TA", "frequency": "weekly"}
TARGET = {"id": "t1", "text": "Greets", "area": "", "success_measure": ""}

# kind, fields that contradict, the sentence a parent reads
CASES = [
    (
        "request",
        {"request_type": "ehcna", "outcome": "Refused", "outcome_date": "2026-11-01"},
        "The outcome is dated 2026-11-01, before the request was made on 2026-11-30",
    ),
    (
        "meeting",
        {"actions": [{**ACTION, "due": "2026-10-01"}]},
        "action 1: It is due on 2026-10-01, before the meeting on 2026-11-30 that agreed it",
    ),
    (
        "meeting",
        {"follow_up_sent": "2026-11-29"},
        "The follow-up email is dated 2026-11-29, before the meeting on 2026-11-30",
    ),
    (
        "plan",
        {
            "start_date": "2026-10-06",
            "provision": [{**PROVISION, "start": "2026-10-06", "end": "2026-09-01"}],
        },
        "provision item 1: It ends on 2026-09-01, before it starts on 2026-10-06",
    ),
    (
        "plan",
        {"start_date": "2027-01-10", "review_date": "2026-12-01"},
        "The review date 2026-12-01 is before the plan starts on 2027-01-10",
    ),
    (
        "plan",
        {"start_date": "2027-01-10", "targets": [{**TARGET, "by_date": "2026-12-01"}]},
        "target 1: Its date to be reached by, 2026-12-01, is before the plan starts on 2027-01-10",
    ),
    (
        "concern",
        {"response": "Will look", "response_date": "2026-11-02"},
        "The response is dated 2026-11-02, before the concern was raised on 2026-11-30",
    ),
    (
        "correspondence",
        {"direction": "sent", "reply_due": "2026-11-20"},
        "The reply is due by 2026-11-20, before the letter itself on 2026-11-30",
    ),
]
IDS = [f"{kind}-{next(iter(fields))}" for kind, fields, _ in CASES]
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "w.json"


@pytest.fixture
def book(path: Path):
    with Workbook(path) as workbook:
        workbook.add_child({"name": "Sam Test"})
        yield workbook


def sam(book: Workbook) -> str:
    return book.children()[0]["id"]


@pytest.mark.parametrize(("kind", "fields", "sentence"), CASES, ids=IDS)
def test_the_workbook_refuses_dates_that_contradict_each_other(book, path, kind, fields, sentence):
    with pytest.raises(model.ModelError) as refused:
        book.add_entry(
            kind, sam(book), {"date": "2026-11-30", "title": "Wrong way round", **fields}
        )
    (problem,) = refused.value.problems
    assert sentence in problem
    # The sentence names no stored field: a parent reads it.
    assert not SNAKE.findall(problem.split(":", 1)[1]), problem
    assert on_disk_titles(path) == []


@pytest.mark.parametrize(("kind", "fields", "sentence"), CASES, ids=IDS)
def test_an_edit_that_makes_dates_contradict_is_refused(book, path, kind, fields, sentence):
    entry = book.add_entry(kind, sam(book), {"date": "2026-11-30", "title": "Right way round"})
    with pytest.raises(model.ModelError, match=re.escape(sentence)):
        book.update_entry(entry["id"], fields)
    assert on_disk_titles(path) == ["Right way round"]


def on_disk_titles(path: Path) -> list[str]:
    with Workbook(path, read_only=True) as reader:
        return [e["title"] for e in reader.entries()]


def test_the_command_line_refuses_a_decision_dated_before_its_request(book, path, capsys):
    book.close()
    argv = ["--db", str(path), "add", "Sam Test", "request", "EHC needs assessment"]
    argv += ["--date", "2026-11-30", "--field", "request_type=ehcna"]
    argv += ["--field", "outcome=Refused", "--field", "outcome_date=2026-11-01"]
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert "The outcome is dated 2026-11-01, before the request was made on 2026-11-30" in error
    assert "Traceback" not in error and error.count("\n") == 1
    assert on_disk_titles(path) == []


def test_an_import_with_an_action_due_before_its_meeting_is_refused_whole(
    book, path, tmp_path, capsys
):
    child = book.children()[0]
    meeting = model.new_entry(
        "meeting",
        child["id"],
        date="2026-11-30",
        title="Meeting with SENCo",
        actions=[{**ACTION, "due": "2026-10-01"}],
    )
    calm = model.new_entry("observation", child["id"], date="2026-11-29", title="Calm day")
    archive = tmp_path / "more.json"
    archive.write_text(
        json.dumps(
            {
                "format": "sen-workbook",
                "version": 1,
                "children": [child],
                "entries": [meeting, calm],
            }
        )
    )
    book.close()
    assert main(["--db", str(path), "import", str(archive)]) == 2
    error = capsys.readouterr().err
    assert "It is due on 2026-10-01, before the meeting on 2026-11-30 that agreed it" in error
    assert on_disk_titles(path) == []

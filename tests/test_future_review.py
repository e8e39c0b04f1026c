"""A review is recorded once it has happened: one dated after today is refused in one
sentence, and one already in a workbook (from an older version or an archive) closes
nothing yet, the same way in the cycles, the calendar and the next plan's carried targets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sen_workbook import analysis, model
from sen_workbook.cli import main
from sen_workbook.family_calendar import upcoming_events
from sen_workbook.tui.forms import values
from sen_workbook.workbook import Workbook

TODAY = date(2026, 11, 30)
LATER = date(2026, 12, 20)
NOT_YET = (
    "This review is dated 2026-12-16, after today (2026-11-30): a review is recorded once it "
    "has happened; to plan one, set the plan's review date."
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "w.json"


def add_plan(book: Workbook) -> tuple[str, dict]:
    sam = book.add_child({"name": "Sam Test"})["id"]
    plan = book.add_entry(
        "plan",
        sam,
        {
            "date": "2026-10-06",
            "title": "SEN Support plan, autumn term",
            "start_date": "2026-10-06",
            "review_date": "2026-12-15",
            "targets": [{"id": "t1", "text": "Answers the register out loud"}],
        },
    )
    return sam, plan


def review_fields(plan: dict, day: str) -> dict:
    return {
        "date": day,
        "title": "Review of the autumn plan",
        "plan_id": plan["id"],
        "outcomes": [{"target_id": "t1", "result": "not_met"}],
    }


def test_a_review_dated_after_today_is_refused_and_nothing_is_written(path):
    with Workbook(path, today=lambda: TODAY) as book:
        sam, plan = add_plan(book)
        with pytest.raises(model.ModelError) as refused:
            book.add_entry("review", sam, review_fields(plan, "2026-12-16"))
        assert refused.value.problems == [NOT_YET]
        held = book.add_entry("review", sam, review_fields(plan, "2026-11-30"))
        with pytest.raises(model.ModelError, match="after today"):
            book.update_entry(held["id"], {"date": "2026-12-16"})
    with Workbook(path, read_only=True) as reader:
        assert [e["date"] for e in reader.entries() if e["kind"] == "review"] == ["2026-11-30"]


def test_the_command_line_refuses_a_review_not_yet_held(path, capsys):
    with Workbook(path) as book:
        add_plan(book)
    argv = ["--db", str(path), "add", "Sam Test", "review", "Next review", "--date", "2099-01-01"]
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert "is dated 2099-01-01, after today" in error and error.count("\n") == 1
    assert "set the plan's review date" in error


def test_a_review_already_stored_with_a_later_date_closes_nothing_anywhere(path):
    # A workbook written on a day the review had happened, read again on an earlier day
    # (a wrong clock, or an archive from another computer).
    with Workbook(path, today=lambda: LATER) as book:
        sam, plan = add_plan(book)
        book.add_entry("review", sam, review_fields(plan, "2026-12-16"))
        child = book.child(sam)
        entries = book.entries(sam)
    # The cycles: the plan is not reviewed yet.
    (cycle,) = analysis.cycles(entries, TODAY)
    assert cycle.reviews == ()
    # The calendar keeps the plan's review date.
    events = upcoming_events(child, entries, TODAY)
    assert [(e.day, e.summary) for e in events] == [
        (date(2026, 12, 15), "Review due: SEN Support plan, autumn term (Sam Test)")
    ]
    # The next plan carries the target over with no result from the review to come.
    assert values.latest_results(plan, entries, TODAY) == {}
    assert values.carry_over_ticks(plan, entries, TODAY) == {"t1": True}

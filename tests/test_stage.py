"""The child's stage in the evidence follows the records: never "No SEN support recorded"
above a list of SEN Support plans, and the parent's own choice kept where the records
show nothing further."""

from __future__ import annotations

from datetime import date

import pytest
from markdown_it import MarkdownIt

from sen_workbook import model
from sen_workbook.stage import stage_shown, stage_words
from sen_workbook.timeline import TimelineOptions, render_timeline

AS_OF = date(2026, 11, 30)


def sam(status: str = "none") -> dict:
    return model.new_child(name="Sam Test", status=status)


def plan(child: dict) -> dict:
    return model.new_entry(
        "plan", child["id"], date="2026-10-06", title="SEN Support plan, autumn term"
    )


def ehcna(child: dict, **fields) -> dict:
    return model.new_entry(
        "request",
        child["id"],
        date="2026-11-02",
        title="Request for an EHC needs assessment",
        request_type="ehcna",
        **fields,
    )


def status_line(child: dict, entries: list[dict]) -> str:
    """The "Current status" item of the timeline's "About" list, as a reader sees it."""
    markdown = render_timeline(child, entries, TimelineOptions(as_of=AS_OF))
    found = [
        t.content
        for t in MarkdownIt("commonmark").parse(markdown)
        if t.type == "inline" and t.content.startswith("Current status:")
    ]
    assert len(found) == 1, found
    return found[0]


def test_a_plan_and_a_request_show_in_the_status_when_the_details_say_nothing():
    child = sam()
    assert status_line(child, [plan(child)]) == (
        "Current status: SEN Support (from the plan of 2026-10-06)"
    )
    assert status_line(child, [plan(child), ehcna(child)]) == (
        "Current status: EHC needs assessment requested (from the request of 2026-11-02)"
    )


def test_where_the_records_have_gone_further_both_are_said():
    child = sam("sen_support")
    assert status_line(child, [plan(child), ehcna(child)]) == (
        "Current status: EHC needs assessment requested (from the request of 2026-11-02; "
        "the child's details say SEN Support)"
    )


def test_the_parents_choice_is_kept_when_the_records_show_nothing_further():
    child = sam("ehc_plan")
    assert status_line(child, [plan(child)]) == "Current status: EHC plan"
    assert status_line(sam(), []) == "Current status: No SEN support recorded"


@pytest.mark.parametrize(
    ("fields", "words", "key"),
    [
        (
            {"outcome": "Refused to assess", "outcome_date": "2026-11-20"},
            "SEN Support (from the plan of 2026-10-06)",
            "sen_support",
        ),
        (
            {"outcome": "Agreed to assess", "outcome_date": "2026-11-20"},
            "EHC needs assessment under way (from the request of 2026-11-02, agreed on 2026-11-20)",
            "ehcna_requested",
        ),
    ],
)
def test_the_councils_decision_moves_the_stage(fields, words, key):
    child = sam()
    entries = [plan(child), ehcna(child, **fields)]
    assert stage_words(child, entries, AS_OF) == words
    assert stage_shown(child, entries, AS_OF) == key


def test_a_final_plan_is_an_ehc_plan_and_a_request_still_to_come_is_not_counted():
    child = sam()
    final = model.new_entry(
        "request",
        child["id"],
        date="2026-11-03",
        title="Draft EHC plan",
        request_type="draft_plan",
        outcome="Final plan issued",
        outcome_date="2026-11-25",
    )
    assert stage_words(child, [plan(child), final], AS_OF) == (
        "EHC plan (from the final EHC plan of 2026-11-25)"
    )
    later = {**ehcna(child), "date": "2026-12-05"}
    assert stage_words(child, [plan(child), later], AS_OF) == (
        "SEN Support (from the plan of 2026-10-06)"
    )

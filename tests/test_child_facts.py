"""The children list, the child's workspace and the timeline read one child's facts.

The list's to-do counts and the workspace's Overview come from ``ChildFacts``; the
timeline's flags and statutory deadlines must be the same ones, or a parent would read
one number on the screen and another in the evidence they send.
"""

from __future__ import annotations

from datetime import date

import pytest

from sen_workbook import demo, model
from sen_workbook.child_facts import ChildFacts, FactsStopped
from sen_workbook.timeline import FLAG_LABELS, TimelineOptions, render_timeline


def _section(markdown: str, heading: str) -> list[str]:
    """The lines under a heading of the document, up to the next heading."""
    lines = markdown.split("\n")
    start = lines.index(heading) + 1
    end = next((n for n in range(start, len(lines)) if lines[n].startswith("#")), len(lines))
    return lines[start:end]


@pytest.fixture(scope="module")
def sample() -> demo.Sample:
    return demo.generate()


@pytest.mark.parametrize("as_of", [date(2025, 6, 30), date(2026, 8, 31)])
def test_the_timeline_lists_the_flags_and_deadlines_the_screens_count(sample, as_of):
    for child in sample.children:
        entries = [e for e in sample.entries if e["child_id"] == child["id"]]
        # As the children list and the workspace work them out: the child's stored entries.
        facts = ChildFacts.build(child, entries, as_of)
        options = TimelineOptions(purpose="chronology", as_of=as_of)
        text = render_timeline(child, sample.entries, options)
        flags = [line for line in _section(text, "### Flags") if line.startswith("- ")]
        assert len(flags) == len(facts.flags), child["name"]
        for flag, line in zip(facts.flags, flags, strict=True):
            assert line.startswith(f"- {FLAG_LABELS[flag.code]} ("), (flag, line)
        duties = [d for d in facts.deadlines if d.duty_of != "family"]
        said = " ".join(_section(text, "### Statutory deadlines"))
        counted = {s: sum(d.status == s for d in duties) for s in ("missed", "met", "upcoming")}
        assert (
            f"Missed: {counted['missed']}. Met: {counted['met']}. "
            f"Upcoming: {counted['upcoming']}." in said
        ) == bool(duties), child["name"]


def _family_with_a_planned_review() -> tuple[model.Child, list[model.Entry]]:
    child = model.new_child(name="Ada Lovelace", id="c1")
    entries = [
        model.new_entry(
            "concern", "c1", id="e1", date="2024-05-02", title="Reading falling behind"
        ),
        # An annual review meeting planned for Thursday 20 June 2024: the council's
        # advice and information are due two weeks before, on 6 June (reg 20(4)).
        model.new_entry(
            "request",
            "c1",
            id="v9",
            date="2024-06-20",
            title="Annual review meeting",
            request_type="annual_review",
        ),
    ]
    return child, entries


def test_a_review_planned_after_the_day_gives_its_advice_deadline_to_the_screens():
    child, entries = _family_with_a_planned_review()
    facts = ChildFacts.build(child, entries, date(2024, 6, 1))
    advice = [d for d in facts.deadlines if d.rule == "annual_review_advice"]
    assert [(d.entry_id, d.due, d.status) for d in advice] == [("v9", date(2024, 6, 6), "upcoming")]
    # The to-do list (the Overview, the children list's count) shows it.
    assert any(advice[0] in items for items in facts.to_do().values())


@pytest.mark.parametrize("purpose", ["ehcna", "chronology"])
def test_the_timeline_lists_a_planned_reviews_advice_deadline_cited_by_its_day(purpose):
    child, entries = _family_with_a_planned_review()
    options = TimelineOptions(purpose=purpose, as_of=date(2024, 6, 1))
    text = render_timeline(child, entries, options)
    said = _section(text, "### Statutory deadlines")
    rows = [line for line in said if line.startswith("| planned for 2024-06-20 |")]
    assert len(rows) == 1, said
    assert "| 2024-06-06 |" in rows[0]
    assert "Upcoming: 1." in " ".join(said)
    assert not any("outside this selection" in line for line in said)
    # The meeting itself has not happened: it is not a row of the chronology.
    assert "Annual review meeting" not in text


@pytest.mark.parametrize("mediations", [1, 2])
def test_deadlines_left_out_by_a_filter_are_counted_in_words_that_agree(mediations):
    child, entries = _family_with_a_planned_review()
    # Each mediation gives one deadline, the mediator's certificate, left out by the filter.
    entries += [
        model.new_entry(
            "request",
            "c1",
            id=f"m{n}",
            date=f"2024-04-1{n}",
            title="Mediation",
            request_type="mediation",
        )
        for n in range(mediations)
    ]
    options = TimelineOptions(purpose="chronology", as_of=date(2024, 6, 1), kinds=("concern",))
    said = " ".join(_section(render_timeline(child, entries, options), "### Statutory deadlines"))
    told = {
        1: "1 further deadline concerns only entries outside this selection.",
        2: "2 further deadlines concern only entries outside this selection.",
    }
    assert told[mediations] in said


def test_facts_asked_to_stop_are_given_up_between_their_steps(sample):
    # The children list gives up a child's facts when a child is opened: asked between the
    # steps (the cut, the cycles, the flags), the work ends at the first yes; never asked
    # to stop, the facts are those worked out without the question.
    child = sample.children[0]
    entries = [e for e in sample.entries if e["child_id"] == child["id"]]
    as_of = date(2026, 8, 31)
    asked: list[int] = []

    def stop_at(step: int):
        def stop() -> bool:
            asked.append(step)
            return len(asked) >= step

        return stop

    for step in (1, 2, 3):
        asked.clear()
        with pytest.raises(FactsStopped):
            ChildFacts.build(child, entries, as_of, stop=stop_at(step))
        assert len(asked) == step
    whole = ChildFacts.build(child, entries, as_of)
    kept_on = ChildFacts.build(child, entries, as_of, stop=lambda: False)
    assert whole.flags and whole.deadlines and whole.cycles
    assert kept_on.flags == whole.flags and kept_on.deadlines == whole.deadlines
    assert [c.plan["id"] for c in kept_on.cycles] == [c.plan["id"] for c in whole.cycles]

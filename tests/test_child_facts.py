"""The children list, the child's workspace and the timeline read one child's facts.

The list's to-do counts and the workspace's Overview come from ``ChildFacts``; the
timeline's flags and statutory deadlines must be the same ones, or a parent would read
one number on the screen and another in the evidence they send.
"""

from __future__ import annotations

from datetime import date

import pytest

from sen_workbook import demo
from sen_workbook.child_facts import ChildFacts
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

"""The timeline's two ways through its rows give the same document.

With no filter, the timeline reads each entry once for the cut, both orders, the indexes
and the dates shown; with a filter, it picks the rows and reads their dates again, one
by one.  A filter that lets every entry through must then give, from the summary on, the
very text no filter gives, whatever the records hold: dates with and without a time
(written with a space or a "T"), several entries on one day and at one time, stamps of
when they were written that are odd or missing, two entries with one id, entries of
another child, links to entries that are not there, optional fields left out, a
pseudonym or none.
"""

from __future__ import annotations

import copy
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sen_workbook.timeline import PURPOSES, TimelineOptions, render_timeline
from tests.conftest import examples, family_records

CHILD, ENTRIES = (lambda records: (records[0][0], records[1]))(family_records())

DAYS = ["2023-09-05", "2024-01-08", "2024-03-04", "2024-09-01", "2025-06-30", "0999-01-01"]
TIMES = ["", " 09:15", "T09:15", " 00:00", " 23:59", " 09:15"]
STAMPS = [
    None,
    "",
    "2024-03-04T09:15:00",
    "2024-03-04",
    "2024-03-04T09:15:00+05:00",
    "not a stamp",
    "0999-01-01T10:00",
]
OPTIONAL = ["title", "details", "people", "attachments", "links", "areas", "revisions"]


@st.composite
def odd_records(draw: st.DrawFn) -> list[dict]:
    entries = copy.deepcopy(ENTRIES)
    for entry in entries:
        if draw(st.booleans()):
            entry["date"] = draw(st.sampled_from(DAYS)) + draw(st.sampled_from(TIMES))
        if draw(st.booleans()):
            entry["created_at"] = draw(st.sampled_from(STAMPS))
        for field in draw(st.lists(st.sampled_from(OPTIONAL), max_size=3)):
            entry.pop(field, None)
        if draw(st.booleans()):
            entry["links"] = [*entry.get("links", ()), "not-an-entry"]
    for _ in range(draw(st.integers(0, 3))):  # the same id twice
        twin = copy.deepcopy(draw(st.sampled_from(entries)))
        twin["date"] = draw(st.sampled_from(DAYS)) + draw(st.sampled_from(TIMES))
        entries.append(twin)
    for _ in range(draw(st.integers(0, 2))):  # another child's
        other = copy.deepcopy(draw(st.sampled_from(entries)))
        other["child_id"] = "another-child"
        entries.append(other)
    return draw(st.permutations(entries))


@settings(max_examples=examples(200), deadline=None)
@given(
    odd_records(),
    st.sampled_from(PURPOSES),
    st.sampled_from(["", "Child A"]),
    st.sampled_from([date(2024, 3, 4), date(2024, 9, 1), date(2026, 8, 31)]),
)
def test_a_filter_letting_every_entry_through_gives_the_text_of_no_filter(
    entries, purpose, pseudonym, as_of
):
    chosen = {"purpose": purpose, "pseudonym": pseudonym, "as_of": as_of}
    whole = render_timeline(CHILD, entries, TimelineOptions(**chosen))
    every = render_timeline(CHILD, entries, TimelineOptions(date_from=date(1, 1, 1), **chosen))
    # The heading says a filter was chosen; everything after it is the same.
    assert every[every.index("## Summary") :] == whole[whole.index("## Summary") :]

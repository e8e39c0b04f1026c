"""The quick check of a usual entry against the full checks, on generated entries.

Whatever an entry holds (text of any kind, stamps, ids, dates with times, numbers of any
size, booleans where numbers go, nested lists, earlier versions, attached files, fields
missing, added or out of order), the quick check may only ever spare the full checks an
entry they find nothing wrong with: ``validate_entry`` gives the full checks' sentences,
and ``validate_records`` told which entries are sound gives the sentences it gives
without being told.  Entries are tried as the forms make them, and as a workbook file
gives them back through either JSON reader.
"""

from __future__ import annotations

import json
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sen_workbook import model
from sen_workbook.cli import main
from tests.conftest import examples
from tests.test_usual_entries import full_checks, usual_entry

try:
    import msgspec
except ImportError:  # installed only where it has a ready-made copy (see pyproject.toml)
    msgspec = None

DATES = (
    "2024-03-04",
    "2024-03-04 10:30",
    "2024-03-04T23:59",
    "2024-03-04 24:00",
    "2024-03-03",
    "2024-03-05",
    "2024-02-29",
    "2023-02-29",
    " 2024-03-05",
    "2024-03-05 ",
    "2024-03-05\n",
    "2024-3-5",
    "",
)
# Numbers at the edges of what a float holds, and past them.
NUMBERS = (0, 1, -1, 2**63, 2**64, 10**308, 10**309, 10**400, -(10**400), 1e308, -0.0, 0.5)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(NUMBERS),
    st.floats(),
    st.text(max_size=8),
    st.sampled_from(DATES),
    st.sampled_from([" ", "\u00a0", "\u2003", "\x00", "\t\n", "\ud800", "semh", "sent"]),
    st.sampled_from(model.AREAS + model.INCIDENT_TYPES + model.REQUEST_TYPES),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
ACTION = {"text": "Send the notes", "owner": "SENCo", "due": "2024-03-08", "done": False}


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    """A usual entry of any kind, then changed in a few places."""
    kind = draw(st.sampled_from(model.KINDS))
    entry = usual_entry(kind)
    if kind == "meeting" and draw(st.booleans()):
        entry["actions"] = [dict(ACTION), {**ACTION, "due": "", "done": True}]
    names = list(entry)
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.integers(0, 9))
        name = draw(st.sampled_from(names))
        if how <= 5:
            entry[name] = draw(values)
        elif how == 6:
            entry.pop(name, None)
        elif how == 7:
            entry[draw(st.text(max_size=6))] = draw(values)
        elif how == 8 and kind == "meeting":
            field = draw(st.sampled_from(list(ACTION)))
            entry["actions"] = [{**ACTION, field: draw(values)}]
        else:
            entry = dict(reversed(entry.items())) if draw(st.booleans()) else entry
    return entry


def as_read_back(entry: dict[str, Any], reader: str) -> Any:
    """``entry`` as a workbook file gives it back (the two readers share field names
    between records differently), or as given."""
    if reader == "given":
        return entry
    try:
        text = json.dumps(entry)
    except (ValueError, TypeError):
        return entry
    if reader == "json" or msgspec is None:
        return json.loads(text)
    try:
        return msgspec.json.decode(text.encode("utf-8", "surrogatepass"))
    except msgspec.DecodeError:
        return json.loads(text)


@pytest.mark.parametrize("reader", ["given", "json", "msgspec"])
@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entry=entries())
def test_a_generated_entry_is_refused_by_the_quick_check_whenever_the_full_checks_refuse(
    reader, entry
):
    entry = as_read_back(entry, reader)
    full = full_checks(entry)
    assert model.validate_entry(entry) == full
    if full:
        assert model.sound_entries([entry]) == set()


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changed=st.lists(entries(), min_size=1, max_size=4),
    ids=st.lists(st.sampled_from(["a", "b", "plan-1", "c1"]), min_size=4, max_size=4),
    children=st.lists(st.sampled_from(["c1", "c2", "c3"]), min_size=4, max_size=4),
)
def test_generated_entries_are_checked_together_the_same_told_which_are_sound(
    changed, ids, children
):
    child = model.new_child(name="Sam Jones", id="c1")
    other = model.new_child(name="Ali Jones", id="c2")
    # Some share ids, some belong to no child, some are reviews of a plan.
    for number, entry in enumerate(changed):
        if number % 2 and isinstance(entry.get("id"), str):
            entry["id"] = ids[number]
        if number % 3 == 2 and "child_id" in entry:
            entry["child_id"] = children[number]
    records = [usual_entry("plan"), *changed]
    sound = model.sound_entries(records)
    full = model.validate_records([child, other], [MappingProxyType(e) for e in records])
    assert model.validate_records([child, other], records, sound=sound) == full
    assert model.validate_records([child, other], records) == full


# Values at the edges: numbers past what a float holds, text that is only spaces of
# other scripts, dates with times, and lists holding them.
EDGES: tuple[Any, ...] = (
    *NUMBERS,
    *DATES,
    float("nan"),
    float("-inf"),
    True,
    False,
    " ",
    "\u00a0",
    "\u2003",
    "\x00",
    "\ud800",
    [10**400],
    ["\u2003"],
    [" 2024-03-05"],
    [{"text": "x"}],
)


@pytest.mark.parametrize("kind", model.KINDS)
def test_every_field_of_every_kind_given_a_value_at_the_edges_gives_the_full_checks_sentences(
    kind,
):
    base = usual_entry(kind)
    for name in base:
        for value in EDGES:
            entry = {**base, name: value}
            full = full_checks(entry)
            assert model.validate_entry(entry) == full, (name, value)
            if full:
                assert model.sound_entries([entry]) == set(), (name, value)


def test_an_archive_with_more_days_lost_than_a_number_can_hold_is_refused(tmp_path, capsys):
    # A 400-digit number of days lost would be shown as evidence; it is refused in one
    # sentence, and nothing is written.
    child = model.new_child(name="Sam Jones", id="c1")
    incident = {**usual_entry("incident"), "days_lost": 10**400}
    source = tmp_path / "archive.json"
    source.write_text(
        json.dumps(
            {"format": "sen-workbook", "version": 1, "children": [child], "entries": [incident]}
        ),
        encoding="utf-8",
    )
    db = tmp_path / "book" / "workbook.json"
    assert main(["--db", str(db), "import", str(source)]) == 2
    refused = capsys.readouterr()
    assert refused.out == ""
    assert refused.err.count("\n") == 1
    assert "days_lost must be a number" in refused.err
    assert not db.parent.exists()


class Shown(dict):
    """A dict that shows other values than it holds, as a caller's own mapping might."""

    def __getitem__(self, name: str) -> Any:
        return "2024-02-30" if name == "date" else super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default


@pytest.mark.parametrize("kind", model.KINDS)
def test_a_dict_of_another_class_is_never_spared_the_full_checks(kind):
    entry = Shown(usual_entry(kind))
    assert model.sound_entries([entry]) == set()
    found = model.validate_entry(entry)
    assert found == full_checks(dict(entry, date="2024-02-30"))
    assert any("is not a real date" in problem for problem in found)
    if kind == "meeting":
        plain = usual_entry(kind)
        plain["actions"] = [Shown(ACTION, due="2024-03-01")]
        assert model.sound_entries([plain]) == set()
        assert model.validate_entry(plain) == full_checks(plain)

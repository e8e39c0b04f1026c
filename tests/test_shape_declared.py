"""The look at the entries' shape taken by msgspec's declared types (for a workbook read
by msgspec) refuses at least what the look in Python refuses, and a workbook's refusal
reads the same whichever look found it: at open, through the real program, and as
``shape_problems`` words it."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import msgspec  # noqa: F401  (loaded, as by reading a large workbook: the declared types look)
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sen_workbook import model, shape, storage
from sen_workbook.workbook import Workbook
from tests.conftest import examples, family_records
from tests.test_archive_damage import one_sentence
from tests.test_cli import run

_CHILDREN, _ENTRIES = family_records()


def _database(entries: list[Any]) -> dict[str, Any]:
    return {
        "children": {child["id"]: child for child in _CHILDREN},
        "entries": {str(number): entry for number, entry in enumerate(entries)},
        "trash": {},
    }


def _in_python(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch, limit: int = 3) -> list[str]:
    """The problems found by the look in Python alone, as where msgspec is not loaded."""
    with monkeypatch.context() as patched:
        patched.setitem(sys.modules, "msgspec", None)
        return shape.shape_problems(data, limit=limit)


def test_the_sound_entries_of_every_kind_are_passed_by_the_declared_types():
    # (Otherwise every workbook would be looked at twice, and the tests below could not fail.)
    with_versions = copy.deepcopy(_ENTRIES)
    with_versions[0]["revisions"] = [
        {"replaced_at": "2024-01-02T10:00:00", "record": {"title": "x", "targets": [{"id": 1}]}}
    ]
    kinds = {entry["kind"] for entry in _ENTRIES}
    assert kinds == set(model.KIND_FIELDS)
    assert shape._entries_sound_by_types(_database(with_versions)["entries"])


# Values of every JSON type, nested up to four deep: infinities too (a number past a
# float's range reads as one), and objects named as the records' own fields ("kind",
# "record"), in odd places.
_PLAIN = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.sampled_from(sorted(model.KIND_FIELDS)),
)
_KEYS = st.sampled_from(["kind", "record", "replaced_at", "title"]) | st.text(max_size=3)
_VALUES = st.recursive(
    _PLAIN,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=3)),
    max_leaves=8,
)
_FIELDS = sorted({name for entry in _ENTRIES for name in entry} | {"record", "replaced_at", "x"})


@st.composite
def _damaged_entries(draw: st.DrawFn) -> list[Any]:
    """The sample's entries with a few fields changed, removed or added, earlier
    versions of any shape, or an entry replaced by another value altogether."""
    entries = copy.deepcopy(_ENTRIES)
    for _ in range(draw(st.integers(1, 4))):
        number = draw(st.integers(0, len(entries) - 1))
        entry = entries[number]
        if not isinstance(entry, dict) or not entry:
            continue  # already replaced, or emptied
        how = draw(
            st.sampled_from(["set", "remove", "add", "version", "replace", "reorder", "kind"])
        )
        if how == "set":
            entry[draw(st.sampled_from(sorted(entry)))] = draw(_VALUES)
        elif how == "remove":
            entry.pop(draw(st.sampled_from(sorted(entry))), None)
        elif how == "add":
            entry[draw(st.sampled_from(_FIELDS))] = draw(_VALUES)
        elif how == "version":
            version = draw(
                st.one_of(
                    st.fixed_dictionaries({"replaced_at": _VALUES, "record": _VALUES}),
                    st.fixed_dictionaries(
                        {"replaced_at": st.just("2024-01-02T10:00:00"), "record": _VALUES}
                    ),
                    _VALUES,
                )
            )
            entry["revisions"] = [*entry.get("revisions", []), version]
        elif how == "replace":
            entries[number] = draw(_VALUES)
        elif how == "kind":  # another kind's name: its fields are not this entry's
            entry["kind"] = draw(st.sampled_from(sorted(model.KIND_FIELDS)))
        else:
            entries[number] = dict(reversed(list(entry.items())))
    return entries


@settings(max_examples=examples(2000), deadline=None)
@given(_damaged_entries())
def test_what_the_look_in_python_refuses_the_declared_types_refuse_and_it_is_worded_alike(
    entries,
):
    data = _database(entries)
    monkeypatch = pytest.MonkeyPatch()
    found = _in_python(data, monkeypatch)
    if found:
        assert not shape._entries_sound_by_types(data["entries"]), found
    # Whichever look finds them, the problems are the same sentences.
    assert shape.shape_problems(data) == found


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e.update(days_lost=2**70),  # a number past 64 bits: sound
        lambda e: e.update(days_lost=1.5),
        lambda e: e.update(areas=["semh", 3, None, True, 2.5, {"a": 1}]),
        lambda e: e.update(revisions=[{"replaced_at": "x", "record": {"a": [[1]]}}]),
    ],
)
def test_what_only_the_declared_types_might_refuse_is_still_sound(change, monkeypatch):
    entries = copy.deepcopy(_ENTRIES)
    change(next(e for e in entries if e["kind"] == "incident"))
    data = _database(entries)
    assert shape.shape_problems(data) == [] == _in_python(data, monkeypatch)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda e: e.update(title=None), "has title None, which should be text"),
        (lambda e: e.update(days_lost=True), "has days_lost True, which should be a number"),
        (lambda e: e.update(people=["Ms Patel", ["Mr Jones"]]), "has people nested deeper"),
        (lambda e: e.pop("child_id"), "has no 'child_id'"),
        (lambda e: e.update(mood="calm"), "has a field 'mood' no record has"),
        (lambda e: e.update(kind="diary"), "has the kind 'diary', which no entry has"),
        (
            lambda e: e.update(revisions=[{"replaced_at": "x", "record": {"a": [[[1]]]}}]),
            "has an earlier version (1) of the wrong shape",
        ),
    ],
)
def test_a_large_workbook_read_by_msgspec_is_refused_with_the_same_sentence(
    tmp_path: Path, change, expected
):
    path = tmp_path / "book" / "workbook.json"
    children, entries = family_records()
    with Workbook(path) as book:
        book.load_sample(children, entries, {})
    data = json.loads(path.read_bytes())
    # Long enough to be read by msgspec, and so looked at by the declared types.
    last = list(data["entries"].values())
    last[0]["details"] = "Calm at the gate. " * (storage.QUICK_READER_FROM // 18 + 1)
    path.write_text(json.dumps(data))
    assert path.stat().st_size >= storage.QUICK_READER_FROM
    assert run("--db", str(path), "timeline", "Amara").returncode == 0
    change(next(e for e in reversed(last) if e["kind"] == "incident"))
    path.write_text(json.dumps(data))
    line = one_sentence(run("--db", str(path), "timeline", "Amara"))
    assert "is damaged" in line and expected in line, line
    assert not shape._entries_sound_by_types(data["entries"])

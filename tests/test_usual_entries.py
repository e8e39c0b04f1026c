"""An entry as this program writes it is checked in a few large steps; any other entry,
and any entry with something wrong, gives exactly the sentences of the full checks.

The full checks are reached with the same entry seen through a read-only view (a mapping
that is not a dict), which the quick check never takes.
"""

from __future__ import annotations

import json
from types import MappingProxyType
from typing import Any

import pytest

from sen_workbook import demo, model
from sen_workbook.workbook import ArchiveError, Workbook


def full_checks(entry: dict[str, Any]) -> list[str]:
    """The problems the full checks find, the quick check left out."""
    return model.validate_entry(MappingProxyType(entry))


def usual_entry(kind: str) -> dict[str, Any]:
    """A sound entry of ``kind`` as the forms make it: every field, in order."""
    entry = model.new_entry(
        kind,
        "c1",
        id=f"{kind}-1",
        date="2024-03-04 10:30" if kind != "plan" else "2024-03-04",
        title=f"A {kind}",
        details="What happened.",
        areas=["semh", "cognition_learning"],
        people=["Mrs Doyle (SENCo)"],
        links=["other-entry"],
        created_at="2024-03-04T18:00:00",
        updated_at="2024-03-04T18:00:00",
    )
    assert model.validate_entry(entry) == [] == full_checks(entry)
    return entry


# Values that are wrong somewhere, or right somewhere else: every field of every kind is
# given each of them in turn.
VALUES: tuple[Any, ...] = (
    None,
    0,
    -1,
    0.5,
    True,
    "",
    "   ",
    "x",
    "semh",
    "sent",
    "suspension",
    "ehcna",
    "id",
    "2024-02-30",
    "2024-03-05",
    "2024-03-05 09:00",
    " 2024-03-05",
    "1999-01-01",
    "2999-01-01",
    "2024-13-01",
    [],
    ["x"],
    ["semh", "semh"],
    [1],
    [[]],
    [{}],
    [None],
    {},
    {"text": "x"},
)


@pytest.mark.parametrize("kind", model.KINDS)
def test_every_field_of_every_kind_given_any_value_gives_the_full_checks_sentences(kind):
    base = usual_entry(kind)
    assert model.sound_entries([base]) == {id(base)}  # the quick check takes it
    tried = refused = 0
    for name in base:
        for value in VALUES:
            entry = {**base, name: value}
            found = model.validate_entry(entry)
            assert found == full_checks(entry), (name, value)
            tried += 1
            refused += bool(found)
    assert refused > tried // 2  # most of these are wrong, and said to be


@pytest.mark.parametrize("kind", model.KINDS)
def test_an_entry_not_as_this_program_writes_it_gives_the_full_checks_sentences(kind):
    base = usual_entry(kind)
    names = list(base)
    variants = [
        dict(reversed(base.items())),  # fields in another order
        {**base, "mood": "calm"},  # a field no entry has
        {k: v for k, v in base.items() if k != names[-1]},  # one missing
        {k: v for k, v in base.items() if k != "details"},
        {**base, "kind": "letter"},
        {**base, "kind": ["plan"]},
        {**base, "areas": ["semh", {"area": "semh"}]},
        {**base, "people": ["Mrs Doyle", 7]},
        {**base, "attachments": [{"sha256": "0" * 64}]},
        {**base, "revisions": [{"replaced_at": "2024-03-05T10:00:00", "record": {}}]},
    ]
    for entry in variants:
        assert model.validate_entry(entry) == full_checks(entry), entry
        if entry is not variants[0]:
            assert model.sound_entries([entry]) == set()


# Two dates of a kind that contradict each other, and that do not; the sentence is the
# full checks' own, whatever the check that found it.
DATE_PAIRS = {
    "concern": ("response_date", "date"),
    "plan": ("review_date", "start_date"),
    "meeting": ("follow_up_sent", "date"),
    "correspondence": ("reply_due", "date"),
    "request": ("outcome_date", "date"),
}


@pytest.mark.parametrize("kind", sorted(DATE_PAIRS))
def test_dates_in_the_wrong_order_are_refused_with_the_full_checks_sentence(kind):
    later, earlier = DATE_PAIRS[kind]
    base = usual_entry(kind)
    for first, second, wrong in (
        ("2024-03-01", "2024-03-04", True),
        ("2024-03-04", "2024-03-04", False),
        ("2024-03-05", "2024-03-04", False),
    ):
        entry = {**base, earlier: second, later: first}
        found = model.validate_entry(entry)
        assert found == full_checks(entry)
        assert bool(found) is wrong, (entry[earlier], entry[later], found)
        assert (model.sound_entries([entry]) == set()) is wrong


def test_every_entry_of_the_sample_family_is_checked_the_same_and_most_at_once():
    sample = demo.generate(600, children=3, attachments=20)
    for entry in sample.entries:
        assert model.validate_entry(entry) == full_checks(entry) == []
    # The quick check takes nearly all of them (not those with files, earlier versions,
    # targets, actions or half days lost), or it is no quicker.
    assert len(model.sound_entries(sample.entries)) > 0.8 * len(sample.entries)


def test_an_import_names_the_one_damaged_entry_among_many_as_before(tmp_path):
    child = model.new_child(name="Sam Jones", id="c1")
    entries = [
        model.new_entry(
            "observation",
            "c1",
            date=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
            title=f"Note {n}",
            created_at="2024-03-04T18:00:00",
            updated_at="2024-03-04T18:00:00",
        )
        for n in range(1, 301)
    ]
    entries[199]["date"] = "2024-02-30"
    source = tmp_path / "archive.json"
    source.write_text(
        json.dumps(
            {"format": "sen-workbook", "version": 1, "children": [child], "entries": entries}
        ),
        encoding="utf-8",
    )
    db = tmp_path / "book" / "workbook.json"
    with Workbook(db, write_on_first_save=True) as book:
        with pytest.raises(ArchiveError) as refused:
            book.import_archive(source)
        book.discard_created()
    assert str(refused.value) == (
        f"Nothing was imported from {source}: Entry 200: observation entry 'Note 200': "
        "date '2024-02-30' is not a real date."
    )
    assert not db.exists() and not db.parent.exists()


def test_a_meetings_actions_given_any_value_give_the_full_checks_sentences():
    base = usual_entry("meeting")
    action = {"text": "Send the notes", "owner": "SENCo", "due": "2024-03-08", "done": False}
    base["actions"] = [action, {**action, "due": "", "done": True}]
    assert model.validate_entry(base) == [] and model.sound_entries([base]) == {id(base)}
    tried = refused = 0
    for name in action:
        for value in VALUES:
            entry = {**base, "actions": [base["actions"][0], {**action, name: value}]}
            found = model.validate_entry(entry)
            assert found == full_checks(entry), (name, value)
            tried += 1
            refused += bool(found)
    for actions in (
        [{**action, "due": "2024-03-03"}],  # due before the meeting that agreed it
        [{**action, "due": "2024-03-04"}],  # the same day
        [{**action, "by": "Friday"}],
        [dict(reversed(action.items()))],
        [{k: v for k, v in action.items() if k != "owner"}],
        ["Send the notes"],
        [None],
    ):
        entry = {**base, "actions": actions}
        assert model.validate_entry(entry) == full_checks(entry), actions
    assert refused > tried // 2


@pytest.mark.parametrize(
    "days", [0, 2, 0.5, 1.5, -1, -0.5, float("nan"), float("inf"), True, 10**400, -(10**400)]
)
def test_days_lost_whole_or_not_give_the_full_checks_sentences(days):
    entry = {**usual_entry("incident"), "days_lost": days}
    found = model.validate_entry(entry)
    assert found == full_checks(entry)
    assert (found == []) is (days in (0, 2, 0.5, 1.5) and days is not True)
    if abs(days) == 10**400:  # too large even for a float: one sentence, not a fault
        assert found == [
            f"incident entry 'A incident': days_lost must be a number, not {model.excerpt(days)}."
        ]


def test_entries_sound_alone_are_still_checked_together_and_named_in_order():
    child = model.new_child(name="Sam Jones", id="c1")
    other = model.new_child(name="Ali Jones", id="c2")
    plan = usual_entry("plan")
    note = usual_entry("observation")
    entries = [
        plan,
        note,
        {**note, "title": "Same id again"},
        {**usual_entry("concern"), "child_id": "nobody"},
        {**usual_entry("review"), "child_id": "c2", "plan_id": plan["id"]},
    ]
    sound = model.sound_entries(entries)
    assert len(sound) == len(entries)  # each is sound taken alone
    expected = [
        "Entry 3: observation entry 'Same id again': id 'observation-1' is used twice.",
        "Entry 4: concern entry 'A concern': child_id 'nobody' is not a child in the workbook.",
        "Entry 5: review entry 'A review': plan_id 'plan-1' is a plan of a different child.",
    ]
    assert model.validate_records([child, other], entries, sound=sound) == expected
    assert model.validate_records([child, other], entries) == expected
    assert model.validate_records([child, other], entries[:2]) == []

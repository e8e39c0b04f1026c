"""Validation reports each problem as one sentence naming the field and the value."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sen_workbook import model
from tests.conftest import examples, family_records


def test_the_family_fixture_is_valid(family):
    children, entries = family
    assert model.validate_records(children, entries) == []
    assert {e["kind"] for e in entries} == set(model.KINDS)


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("2024-02-30", "'2024-02-30' is not a real date"),
        ("2023-02-29", "'2023-02-29' is not a real date"),
        ("24-02-01", "not '24-02-01'"),
        ("2024-13-01", "not a real date"),
        ("", "date is required"),
    ],
)
def test_impossible_dates_are_named(family, value, fragment):
    children, entries = family
    entries[0]["date"] = value
    problems = model.validate_records(children, entries)
    assert len(problems) == 1
    assert fragment in problems[0]
    assert "Not speaking in class" in problems[0]


def test_leap_day_and_time_are_accepted():
    assert model.parse_date("2024-02-29").day == 29
    assert model.parse_date("2024-02-29 23:59", allow_time=True).day == 29
    with pytest.raises(ValueError, match="impossible time"):
        model.parse_date("2024-02-29 24:00", allow_time=True)
    with pytest.raises(ValueError):
        model.parse_date("2024-02-29 10:00")


def test_unknown_kind_and_area(family):
    children, entries = family
    entries[0]["kind"] = "gossip"
    entries[1]["areas"] = ["maths"]
    children[0]["areas"] = ["semh", "astrology"]
    problems = model.validate_records(children, entries)
    assert any("kind 'gossip' is not one of" in p for p in problems)
    assert any("area 'maths' is not one of" in p for p in problems)
    assert any("area 'astrology'" in p for p in problems)


def test_review_of_a_plan_of_another_child(family):
    children, entries = family
    other = model.new_child(name="Sibling")
    plan = next(e for e in entries if e["kind"] == "plan")
    foreign = copy.deepcopy(plan)
    foreign["id"] = model.new_id()
    foreign["child_id"] = other["id"]
    review = next(e for e in entries if e["kind"] == "review")
    review["plan_id"] = foreign["id"]
    problems = model.validate_records(children + [other], entries + [foreign])
    assert problems == [
        f"Entry 4: review entry 'Spring review': plan_id {foreign['id']!r} is a plan of a different child."
    ]


def test_review_plan_id_that_is_not_a_plan(family):
    children, entries = family
    review = next(e for e in entries if e["kind"] == "review")
    review["plan_id"] = entries[0]["id"]  # a concern
    problems = model.validate_records(children, entries)
    assert len(problems) == 1 and "is not a plan in the workbook" in problems[0]


def test_outcome_for_a_target_the_plan_does_not_have(family):
    children, entries = family
    review = next(e for e in entries if e["kind"] == "review")
    review["outcomes"].append({"target_id": "t-swim", "result": "met", "evidence": ""})
    problems = model.validate_records(children, entries)
    assert len(problems) == 1
    assert (
        "target_id 't-swim' is not a target of plan 'SEN Support plan, spring term'" in problems[0]
    )


def test_negative_days_lost_and_empty_title(family):
    children, entries = family
    incident = next(e for e in entries if e["kind"] == "incident")
    incident["days_lost"] = -1
    entries[0]["title"] = "   "
    problems = model.validate_records(children, entries)
    assert any("days_lost -1 cannot be negative" in p for p in problems)
    assert any("title is empty" in p and "2023-10-02" in p for p in problems)
    incident["days_lost"] = float("nan")
    assert any("days_lost must be a number" in p for p in model.validate_entry(incident))


def test_nested_items_are_checked(family):
    children, entries = family
    plan = next(e for e in entries if e["kind"] == "plan")
    plan["targets"][0]["by_date"] = "2024-04-31"
    plan["provision"][0]["frequency"] = 3
    assessment = next(e for e in entries if e["kind"] == "assessment")
    assessment["recommendations"][0]["implemented"] = "maybe"
    meeting = next(e for e in entries if e["kind"] == "meeting")
    meeting["actions"][0]["done"] = "yes"
    problems = model.validate_records(children, entries)
    assert any("target 1" in p and "'2024-04-31' is not a real date" in p for p in problems)
    assert any("provision item 1: frequency must be text" in p for p in problems)
    assert any("implemented 'maybe' is not one of yes, partly, no, unknown" in p for p in problems)
    assert any("done must be true or false" in p for p in problems)


def test_missing_and_extra_fields_are_named(family):
    children, entries = family
    del entries[0]["raised_by"]
    entries[1]["colour"] = "blue"
    problems = model.validate_records(children, entries)
    assert any("field 'raised_by' is missing" in p for p in problems)
    assert any("field 'colour' is not a field of this record" in p for p in problems)


def test_duplicate_ids_and_orphans(family):
    children, entries = family
    entries[1]["id"] = entries[0]["id"]
    entries[2]["child_id"] = "nobody"
    problems = model.validate_records(children, entries)
    assert any("is used twice" in p for p in problems)
    assert any("child_id 'nobody' is not a child in the workbook" in p for p in problems)


def test_child_needs_a_name_and_known_status():
    child = model.new_child(name="", status="famous", setting_phase="uni")
    problems = model.validate_child(child)
    assert any("name is empty" in p for p in problems)
    assert any("status 'famous'" in p for p in problems)
    assert any("setting_phase 'uni'" in p for p in problems)


def test_new_entry_fills_every_field_and_target_ids():
    plan = model.new_entry(
        "plan", "c1", date="2024-01-01", title="Plan", targets=[{"text": "Read"}]
    )
    assert set(plan) == set(model.entry_fields("plan"))
    assert plan["targets"][0]["id"] and plan["targets"][0]["area"] == ""
    assert plan["id"] != model.new_entry("plan", "c1", date="2024-01-01", title="P")["id"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_validation_never_crashes_on_arbitrary_json(data):
    """Whatever an archive holds, validation answers with sentences, never an exception."""
    children, entries = family_records()
    keys = sorted({k for e in entries for k in e} | set(model.CHILD_FIELDS))
    for record in [children[0], *entries]:
        for key in data.draw(st.lists(st.sampled_from(keys), max_size=3)):
            record[key] = data.draw(json_values)
    extra = data.draw(st.lists(json_values, max_size=2))
    problems = model.validate_records(children + extra, entries + extra)
    assert all(isinstance(p, str) and p for p in problems)


def _subject_access(**fields):
    return model.new_entry(
        "request",
        "child-1",
        date="2026-03-02",
        title="Subject access request to the school",
        request_type="subject_access",
        **fields,
    )


def test_what_an_organisation_asked_for_is_recorded_on_the_request_and_checked():
    good = _subject_access(asked_for="id", asked_for_date="2026-03-05", supplied_date="2026-03-12")
    assert model.validate_entry(good) == []
    assert model.validate_entry(_subject_access(asked_for="id", asked_for_date="2026-03-05")) == []
    cases = [
        ({"asked_for": "passport"}, "asked_for 'passport' is not one of id, clarification, fee"),
        ({"asked_for_date": "2026-03-05"}, "asked_for must say what the organisation asked for"),
        (
            {"asked_for": "fee", "supplied_date": "2026-03-12"},
            "supplied_date '2026-03-12' is filled in, but not the day the organisation asked",
        ),
        (
            {"asked_for": "fee", "asked_for_date": "2026-03-12", "supplied_date": "2026-03-05"},
            "They had what they asked for on 2026-03-05, before they asked for it on 2026-03-12",
        ),
        (
            {"asked_for": "fee", "asked_for_date": "2026-02-28"},
            "The organisation asked for more on 2026-02-28, before the request was made on 2026-03-02",
        ),
        ({"asked_for": "fee", "asked_for_date": "2026-02-30"}, "'2026-02-30' is not a real date"),
    ]
    for fields, fragment in cases:
        problems = model.validate_entry(_subject_access(**fields))
        assert len(problems) == 1 and fragment in problems[0], (fields, problems)


def test_the_record_types_name_every_stored_field_with_the_type_of_its_empty_value():
    # The types the type checker reads (model.Child, model.Entry...) and the shapes the
    # storage checks and fills (CHILD_FIELDS, KIND_FIELDS...) describe the same records.
    from types import UnionType
    from typing import get_args, get_origin, get_type_hints

    def agrees(record_type: type, shape: dict) -> None:
        hints = get_type_hints(record_type)
        assert set(hints) == set(shape), record_type.__name__
        for name, empty in shape.items():
            hint = hints[name]
            kinds = get_args(hint) if get_origin(hint) is UnionType else (get_origin(hint) or hint,)
            assert isinstance(empty, kinds), (record_type.__name__, name)

    agrees(model.Child, model.CHILD_FIELDS)
    every_kind = {name: v for fields in model.KIND_FIELDS.values() for name, v in fields.items()}
    agrees(model.Entry, {**model.COMMON_FIELDS, **every_kind})
    assert model.Entry.__required_keys__ == set(model.COMMON_FIELDS)
    items = {
        "recommendations": model.Recommendation,
        "targets": model.Target,
        "provision": model.Provision,
        "outcomes": model.Outcome,
        "actions": model.Action,
    }
    assert set(items) == set(model.ITEM_FIELDS)
    for name, item_type in items.items():
        agrees(item_type, model.ITEM_FIELDS[name])
    assert tuple(get_type_hints(model.Attachment)) == model.ATTACHMENT_FIELDS
    for kind in model.KINDS:
        entry = model.new_entry(kind, "c1", title="t", date="2024-01-01")
        assert set(entry) == set(model.COMMON_FIELDS) | set(model.KIND_FIELDS[kind])

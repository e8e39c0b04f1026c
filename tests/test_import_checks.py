"""An import takes a complete record as it is and still fills what one leaves out, down to
a field of one target; and every record is checked, an empty list as well as a value that
is not a list where a list belongs."""

from __future__ import annotations

import json

import pytest

from sen_workbook import model
from sen_workbook.workbook import ArchiveError, Workbook


def complete_archive() -> dict:
    """A child and a plan with every field, as the tool's own archives write them."""
    child = model.new_child(name="Sam Jones", id="c1")
    plan = model.new_entry(
        "plan",
        "c1",
        id="p1",
        date="2024-05-01",
        title="Autumn plan",
        created_at="2024-05-01T10:00:00",
        updated_at="2024-05-01T10:00:00",
        start_date="2024-05-01",
        review_date="2024-07-01",
        targets=[
            {
                "id": "t1",
                "text": "Reads a page aloud",
                "area": "cognition_learning",
                "success_measure": "Three days in five",
                "by_date": "2024-07-01",
            }
        ],
        provision=[
            {"what": "Daily reading", "who": "TA", "frequency": "Daily", "start": "", "end": ""}
        ],
    )
    return {"format": "sen-workbook", "version": 1, "children": [child], "entries": [plan]}


def import_file(tmp_path, document: dict):
    source = tmp_path / "archive.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    db = tmp_path / "book" / "workbook.json"
    with Workbook(db) as book:
        summary = book.import_archive(source)
    return db, summary


def test_a_complete_archive_is_stored_exactly_as_it_was_written(tmp_path):
    document = complete_archive()
    db, summary = import_file(tmp_path, document)
    assert (summary.entries_added, summary.records_filled, summary.fields_filled) == (1, 0, ())
    stored = json.loads(db.read_text(encoding="utf-8"))
    assert stored["entries"]["p1"] == document["entries"][0]
    assert stored["children"]["c1"] == document["children"][0]


def test_a_target_that_leaves_out_one_field_is_filled_though_the_plan_is_complete(tmp_path):
    document = complete_archive()
    del document["entries"][0]["targets"][0]["by_date"]
    document["entries"][0]["provision"][0]["who"] = None
    db, summary = import_file(tmp_path, document)
    assert summary.records_filled == 1
    assert summary.fields_filled == ("provision.who", "targets.by_date")
    plan = json.loads(db.read_text(encoding="utf-8"))["entries"]["p1"]
    assert plan["targets"][0]["by_date"] == "" and plan["provision"][0]["who"] == ""


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("people", "", "people must be a list of text"),
        ("people", 0, "people must be a list of text"),
        ("links", {}, "links must be a list of text"),
        ("attachments", "", "attachments must be a list"),
        ("revisions", 0, "revisions must be a list"),
        ("targets", "", "targets must be a list"),
        ("provision", {}, "provision must be a list"),
    ],
)
def test_a_list_field_that_is_empty_but_not_a_list_is_refused(tmp_path, field, value, words):
    document = complete_archive()
    document["entries"][0][field] = value
    with pytest.raises(ArchiveError, match=words):
        import_file(tmp_path, document)
    stored = json.loads((tmp_path / "book" / "workbook.json").read_text(encoding="utf-8"))
    assert stored["entries"] == {} and stored["children"] == {}  # nothing was imported


def test_empty_lists_are_a_valid_entry(tmp_path):
    document = complete_archive()
    document["entries"][0].update(targets=[], provision=[], people=[], links=[])
    db, summary = import_file(tmp_path, document)
    assert summary.entries_added == 1
    assert json.loads(db.read_text(encoding="utf-8"))["entries"]["p1"]["targets"] == []

"""Archives from elsewhere: fields left out or null are filled on import, and the published
JSON Schema describes the archives the tool writes and those it accepts."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import jsonschema
import pytest

from sen_workbook import model
from sen_workbook.archive_schema import SCHEMA_FILE, schema_text
from sen_workbook.demo import generate
from sen_workbook.workbook import Workbook
from tests.command_line import run_command


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def run(db: Path, *argv: str) -> subprocess.CompletedProcess:
    # In this process: the entries written and the sentences said are what is tested.
    return run_command("--db", str(db), *argv)


def test_the_published_schema_is_the_one_the_model_makes():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "run: python -m sen_workbook.archive_schema > sen_workbook/archive.schema.json"
    )


def test_archives_the_tool_writes_are_valid_by_the_schema(tmp_path, family, validator):
    children, entries = family
    sample = generate()
    with Workbook(tmp_path / "a" / "workbook.json") as book:
        book.load_sample(children + sample.children, entries + sample.entries, sample.files)
        out = book.write_archive(tmp_path / "archive.zip")
    with zipfile.ZipFile(out) as archive:
        document = json.loads(archive.read("workbook.json"))
    assert len(document["entries"]) == len(entries) + len(sample.entries)
    assert {e["kind"] for e in document["entries"]} == set(model.KINDS)
    errors = list(validator.iter_errors(document))
    assert errors == [], errors[0].message if errors else ""


def minimal_archive() -> dict:
    """What a converter might write: the required fields, nulls for empty ones."""
    return {
        "format": "sen-workbook",
        "version": 1,
        "children": [{"id": "c1", "name": "Sam Jones", "date_of_birth": None, "notes": None}],
        "entries": [
            {
                "id": "e1",
                "child_id": "c1",
                "kind": "observation",
                "date": "2024-05-01",
                "title": "Would not go in",
                "details": None,
            },
            {
                "id": "e2",
                "child_id": "c1",
                "kind": "correspondence",
                "date": "2024-05-02 09:10",
                "title": "Email to school",
                "direction": "sent",
                "reply_due": None,
                "to": None,
            },
            {
                "id": "e3",
                "child_id": "c1",
                "kind": "meeting",
                "date": "2024-05-03",
                "title": "SENCo meeting",
                "actions": [{"text": "Send the plan", "due": None}],
            },
        ],
    }


def test_an_archive_from_elsewhere_is_valid_and_imports_filled_in(tmp_path, validator):
    document = minimal_archive()
    assert list(validator.iter_errors(document)) == []
    source = tmp_path / "converted.json"
    source.write_text(json.dumps(document))
    db = tmp_path / "book" / "workbook.json"
    result = run(db, "import", str(source))
    assert result.returncode == 0, result.stderr
    assert "Imported 1 child and 3 entries" in result.stdout
    filled_line = result.stdout.splitlines()[1]
    assert filled_line.startswith("4 records left out fields or wrote them as null")
    for name in (
        "people",
        "links",
        "attachments",
        "revisions",
        "created_at",
        "details",
        "reply_due",
        "actions.due",
        "actions.owner",
        "date_of_birth",
        "notes",
    ):
        assert name in filled_line
    with Workbook(db) as book:
        assert book.check() == []
        observation = book.entry("e1")
        assert observation["details"] == "" and observation["people"] == []
        letter = book.entry("e2")
        assert letter["reply_due"] == "" and letter["message_id"] == ""
        assert book.entry("e3")["actions"] == [
            {"text": "Send the plan", "owner": "", "due": "", "done": False}
        ]
        assert book.child("c1")["date_of_birth"] == ""
    before = db.read_bytes()
    again = run(db, "import", str(source))
    assert again.returncode == 0, again.stderr
    assert "Imported 0 children and 0 entries" in again.stdout
    assert db.read_bytes() == before  # the same archive again changes nothing


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["entries"][0].pop("date"), "field 'date' is missing"),
        (lambda d: d["entries"][0].update(title=None), "title"),
        (lambda d: d["entries"][0].update(kind="diary"), "kind 'diary'"),
        (lambda d: d["entries"][1].update(reply_due="next week"), "reply_due"),
        (lambda d: d["entries"][0].update(mood="sad"), "'mood' is not a field"),
    ],
)
def test_what_the_schema_refuses_the_import_refuses_too(tmp_path, validator, change, words):
    document = minimal_archive()
    change(document)
    assert list(validator.iter_errors(document)) != []
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(document))
    db = tmp_path / "book" / "workbook.json"
    result = run(db, "import", str(source))
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert not db.exists()

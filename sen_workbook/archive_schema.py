"""The JSON Schema of a workbook archive, made from the model's own tables.

It is published as ``sen_workbook/archive.schema.json`` so that others can write converters
into SEN Workbook (from a spreadsheet, another journal app, a case system).  It describes
what an import accepts: fields with a natural empty value may be left out or written as
``null``; the id, child, kind, date and title of an entry, and a child's id and name, are
required.  The import checks more than a schema can say (a review's plan belongs to the
same child, a date is a real day); the schema is the shape.  A test keeps the file equal to
:func:`archive_schema`, so it cannot drift from the model.

Run ``python -m sen_workbook.archive_schema > sen_workbook/archive.schema.json`` after
changing the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sen_workbook import model

SCHEMA_FILE = Path(__file__).with_name("archive.schema.json")
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_DATE_TIME = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2})?$"
_TEXT: dict[str, Any] = {"type": ["string", "null"]}
_OPTIONAL_DATE: dict[str, Any] = {
    "anyOf": [{"type": "null"}, {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2})?$"}]
}
_TEXT_LIST: dict[str, Any] = {"type": ["array", "null"], "items": {"type": "string"}}
_AREAS: dict[str, Any] = {"type": ["array", "null"], "items": {"enum": list(model.AREAS)}}
_DATE_FIELDS = {
    "response_date",
    "start_date",
    "review_date",
    "follow_up_sent",
    "reply_due",
    "outcome_date",
    "asked_for_date",
    "supplied_date",
    "by_date",
    "start",
    "end",
    "due",
    "date_of_birth",
}
_CHOICES: dict[str, list[str]] = {
    "direction": list(model.DIRECTIONS),
    "incident_type": list(model.INCIDENT_TYPES),
    "request_type": list(model.REQUEST_TYPES),
    "asked_for": list(model.ASKED_FOR),
    "implemented": list(model.IMPLEMENTED),
    "result": list(model.RESULTS),
    "setting_phase": list(model.SETTING_PHASES),
    "status": list(model.CHILD_STATUSES),
}


def _field(name: str, default: Any) -> dict[str, Any]:
    """The schema of one field, from its name and its empty value in the model."""
    if name in _CHOICES:
        return {"enum": [*_CHOICES[name], None]}
    if name in _DATE_FIELDS:
        return _OPTIONAL_DATE
    if name == "areas":
        return _AREAS
    if name in model.ITEM_FIELDS:
        return {"type": ["array", "null"], "items": {"$ref": f"#/$defs/{name}_item"}}
    if isinstance(default, bool):
        return {"type": ["boolean", "null"]}
    if isinstance(default, (int, float)):
        return {"type": ["number", "null"], "minimum": 0}
    if isinstance(default, list):
        return _TEXT_LIST
    return _TEXT


def _record(fields: dict[str, Any], required: list[str], **fixed: Any) -> dict[str, Any]:
    properties = {name: _field(name, default) for name, default in fields.items()}
    properties.update(fixed)
    return {
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": False,
    }


def archive_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an archive this version imports."""
    id_text = {"type": "string", "minLength": 1}
    defs: dict[str, Any] = {}
    for name, shape in model.ITEM_FIELDS.items():
        item = _record(shape, ["text"] if "text" in shape and name != "outcomes" else [])
        if name == "targets":
            item["required"] = ["id", "text"]
            item["properties"]["area"] = {"enum": [*model.AREAS, "", None]}
        if name == "outcomes":
            item["required"] = ["target_id"]
        if name == "provision":
            item["required"] = ["what"]
        defs[f"{name}_item"] = item
    defs["attachment"] = {
        "type": "object",
        "required": list(model.ATTACHMENT_FIELDS),
        "properties": {
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "filename": {"type": "string", "minLength": 1},
            "size": {"type": "integer", "minimum": 0},
            "added_at": {"type": "string"},
            "description": {"type": "string"},
        },
        "additionalProperties": False,
    }
    defs["child"] = _record(
        model.CHILD_FIELDS, ["id", "name"], id=id_text, name={"type": "string", "pattern": r"\S"}
    )
    kinds = []
    for kind, fields in model.KIND_FIELDS.items():
        common = {name: default for name, default in model.COMMON_FIELDS.items()}
        defs[f"{kind}_entry"] = _record(
            {**common, **fields},
            ["id", "child_id", "kind", "date", "title"],
            id=id_text,
            child_id=id_text,
            kind={"const": kind},
            date={"type": "string", "pattern": _DATE_TIME},
            title={"type": "string", "pattern": r"\S"},
            attachments={"type": ["array", "null"], "items": {"$ref": "#/$defs/attachment"}},
            revisions={"type": ["array", "null"], "items": {"type": "object"}},
        )
        kinds.append({"$ref": f"#/$defs/{kind}_entry"})
    defs["entry"] = {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(model.KINDS)}},
        "oneOf": kinds,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:sen-workbook:archive:1",
        "title": "SEN Workbook archive",
        "description": (
            "workbook.json, alone or inside a .zip beside files/<sha256> for each attachment. "
            "Dates are YYYY-MM-DD (an entry's date may add HH:MM). Fields other than the "
            "required ones may be left out or null and are filled with empty values on import."
        ),
        "type": "object",
        "required": ["format", "version", "children", "entries"],
        "properties": {
            "format": {"const": model.FORMAT},
            "version": {"const": 1},
            "children": {"type": "array", "items": {"$ref": "#/$defs/child"}},
            "entries": {"type": "array", "items": {"$ref": "#/$defs/entry"}},
        },
        "additionalProperties": False,
        "$defs": defs,
    }


def schema_text() -> str:
    """The schema as the published file holds it."""
    return json.dumps(archive_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(schema_text(), end="")

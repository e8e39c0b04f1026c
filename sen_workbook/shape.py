"""The quick check of a stored workbook's shape, made every time a workbook is opened.

A workbook file can be valid JSON and still be damaged (edited by hand, restored from a
bad copy): an entry without ``child_id``, a child whose name is ``null``, a trash item
without ``deleted_at``, an earlier version nested far deeper than any record.  The app
and the commands would then fail somewhere in the middle of a parent's work, so such a
file is refused at open, as a file that is not JSON is.

This check looks at the shape only (every field there, of its type, nothing nested too
deep), quickly enough to run on every open; the full validation of values (dates,
choices, links between records) is ``check``'s, in :func:`sen_workbook.model.validate_records`.
"""

from __future__ import annotations

import operator
import sys
from collections.abc import Callable, Mapping
from functools import reduce
from typing import Any

from sen_workbook import model

_PLAIN = (str, int, float, bool, type(None))


class _Named:
    """How a problem names its record ("the entry stored under '...'"), made only when
    there is a problem to report: most records have none."""

    __slots__ = ("what", "key")

    def __init__(self, what: str, key: Any):
        self.what, self.key = what, key

    def __str__(self) -> str:
        return f"the {self.what} stored under {model.excerpt(self.key)}"

    __format__ = lambda self, spec: format(str(self), spec)  # noqa: E731


def _kind_of(default: Any) -> type | tuple[type, ...]:
    if isinstance(default, bool):
        return bool
    if isinstance(default, (int, float)):
        return (int, float)
    return type(default)


_CHILD_TYPES = {name: _kind_of(default) for name, default in model.CHILD_FIELDS.items()}
_ENTRY_TYPES = {
    kind: {name: _kind_of(default) for name, default in {**model.COMMON_FIELDS, **fields}.items()}
    for kind, fields in model.KIND_FIELDS.items()
}
_TRASH_FIELDS = frozenset(("id", "type", "deleted_at", "record", "entries"))


def _exact(types: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[type, ...], tuple[str, ...]]:
    """The field names in their usual order, the exact type of each, and the list fields
    other than ``revisions``: most records match the first two exactly, in one step."""
    exact = tuple(int if kind == (int, float) else kind for kind in types.values())
    lists = tuple(n for n, k in types.items() if k is list and n != "revisions")
    return tuple(types), exact, lists


_CHILD_EXACT = _exact(_CHILD_TYPES)
_ENTRY_EXACT = {kind: _exact(types) for kind, types in _ENTRY_TYPES.items()}


def _flat_list(value: list[Any]) -> bool:
    """A list of plain values, or of objects holding plain values (targets, files...)."""
    for item in value:
        kind = type(item)
        if kind is dict:
            for inner in item.values():
                if not isinstance(inner, _PLAIN):
                    return False
        elif not isinstance(item, _PLAIN):
            return False
    return True


def _quick(
    record: dict[str, Any], exact: tuple[Any, ...], types: Mapping[str, Any], what: str | _Named
) -> str:
    """:func:`_fields`, answered in one step for a record whose fields are in the usual
    order with the usual types; the lists are then looked into."""
    names, kinds, lists = exact
    if tuple(record) != names or tuple(map(type, record.values())) != kinds:
        found = _fields(record, types, what)
        if found:
            return found
    for name in lists:
        value = record[name]
        if value and not _flat_list(value):
            return f"{what} has {name} nested deeper than it can be"
    return ""


def _fields(record: Any, types: Mapping[str, Any], what: str | _Named) -> str:
    """The first thing wrong with a record's fields, or ''."""
    if type(record) is not dict:
        return f"{what} is not an object"
    if record.keys() != types.keys():
        missing = sorted(types.keys() - record.keys())
        if missing:
            return f"{what} has no {missing[0]!r}"
        return f"{what} has a field {model.excerpt(sorted(record.keys() - types.keys())[0])} no record has"
    for name, kind in types.items():
        value = record[name]
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            return f"{what} has {name} {model.excerpt(value)}, which should be {_said(kind)}"
        if kind is list and name != "revisions" and not _flat_list(value):
            return f"{what} has {name} nested deeper than it can be"
    return ""


def _said(kind: Any) -> str:
    return {str: "text", list: "a list", bool: "true or false"}.get(kind, "a number")


def _entry_problem(entry: Any, what: str | _Named) -> str:
    if type(entry) is not dict:
        return f"{what} is not an object"
    kind = entry.get("kind")
    if not isinstance(kind, str) or kind not in _ENTRY_TYPES:
        return f"{what} has the kind {model.excerpt(kind)}, which no entry has"
    found = _quick(entry, _ENTRY_EXACT[kind], _ENTRY_TYPES[kind], what)
    if found:
        return found
    for number, version in enumerate(entry["revisions"], 1):
        if (
            type(version) is not dict
            or version.keys() != set(model.REVISION_FIELDS)
            or not isinstance(version["replaced_at"], str)
            or type(version["record"]) is not dict
            or model.nesting_depth(version["record"], 3) > 3
        ):
            return f"{what} has an earlier version ({number}) of the wrong shape"
    return ""


# --- the same look at the entries, declared as types and taken by msgspec -----------------
#
# A workbook of 4 MB or more is read by msgspec (``storage.QUICK_READER_FROM``), and
# msgspec can convert its entries into declared types, checking each field's presence
# and type in C: in half the time the look above takes over the same entries (17.5 ms
# against 36 for 20,000 entries).  The records stay the plain dicts read (the conversion's objects are only a
# check, let go of at once), so the file's order of fields and every value are kept.
# The types are at least as strict as the look above: whatever it refuses, they refuse
# (tests/test_shape_declared.py); and they may refuse what it accepts (a whole number past
# 64 bits), so anything they refuse is looked at again as above, which words the
# refusal, or finds nothing wrong after all.

# How many entries are converted at a time: the converted objects are let go of chunk
# by chunk, so their memory is taken once and used again rather than held for them all
# (all 20,000 at once took 33 ms, as long as the look above).
_CONVERTED_AT_A_TIME = 500
_declared: list[Any] = []


def _entry_types(msgspec: Any) -> Any:
    """A list of entries of any kind, as msgspec types: a ``Struct`` per kind with every
    field required and no other allowed, told apart by ``kind``; made once."""
    if _declared:
        return _declared[0]
    plain = str | int | float | bool | None
    # A list field: plain values, or objects holding plain values (see _flat_list).
    flat = list[plain | dict[str, plain]]
    # An earlier version's record nests at most three deep (model.nesting_depth).
    level_one = plain | list[plain] | dict[str, plain]
    level_two = plain | list[level_one] | dict[str, level_one]
    revision = msgspec.defstruct(
        "Revision",
        [("replaced_at", str), ("record", dict[str, level_two])],
        forbid_unknown_fields=True,
        gc=False,
    )

    def declared(name: str, kind: Any) -> Any:
        if name == "revisions":
            return list[revision]  # type: ignore[valid-type]
        if kind is list:
            return flat
        if kind == (int, float):
            return int | float
        return kind

    kinds = tuple(
        msgspec.defstruct(
            kind,
            [(name, declared(name, types[name])) for name in types if name != "kind"],
            tag_field="kind",
            tag=kind,
            forbid_unknown_fields=True,
            gc=False,
        )
        for kind, types in _ENTRY_TYPES.items()
    )
    _declared.append(list[reduce(operator.or_, kinds)])  # type: ignore[misc]
    return _declared[0]


def _entries_sound_by_types(entries: Mapping[str, Any]) -> bool:
    """True when msgspec, already loaded, finds every entry of the usual shape by the
    declared types; False when it finds one that is not, or is not loaded (a small
    workbook is read without it, and loading it would cost more than it saves)."""
    msgspec = sys.modules.get("msgspec")
    if msgspec is None or not hasattr(msgspec, "convert"):
        return False
    convert, types = msgspec.convert, _entry_types(msgspec)
    records = list(entries.values())
    try:
        for start in range(0, len(records), _CONVERTED_AT_A_TIME):
            convert(records[start : start + _CONVERTED_AT_A_TIME], types)
    except msgspec.ValidationError:
        return False
    return True


def shape_problems(data: Mapping[str, Any], limit: int = 3) -> list[str]:
    """What is wrong with the shape of a database's children, entries and trash (at
    most ``limit`` sentences; empty when its shape is sound)."""
    problems: list[str] = []

    def note(problem: str) -> bool:
        if problem:
            problems.append(problem)
        return len(problems) >= limit

    for key, child in data["children"].items():
        what = _Named("child", key)
        found = (
            _quick(child, _CHILD_EXACT, _CHILD_TYPES, what)
            if type(child) is dict
            else f"{what} is not an object"
        )
        if note(found):
            return problems
    if _entries_sound_by_types(data["entries"]):
        return _trash_problems(data, note, problems)
    exact = _ENTRY_EXACT
    # The field names of the last usual entry of each kind, as the file's records hold
    # them: a JSON reader gives every record the same name objects, which compare at
    # once, where the names in _ENTRY_EXACT are compared letter by letter.
    seen: dict[Any, tuple[str, ...]] = {}
    join = "".join
    for key, entry in data["entries"].items():
        # The usual entry (fields in order and of their types, no earlier versions) is
        # passed here in a few steps; any other goes through the full look.
        kind = entry.get("kind") if type(entry) is dict else None
        usual = exact.get(kind) if type(kind) is str and not entry.get("revisions") else None
        if usual is not None:
            names = tuple(entry)
            if names != seen.get(kind) and names == usual[0]:
                seen[kind] = names
            if names == seen.get(kind) and tuple(map(type, entry.values())) == usual[1]:
                for name in usual[2]:
                    value = entry[name]
                    if not value:
                        continue
                    if type(value[0]) is str:
                        # A list of text (most are: areas, people), found so in one
                        # step: joining refuses any item that is not text.
                        try:
                            join(value)
                            continue
                        except TypeError:
                            pass
                    if not _flat_list(value):
                        break
                else:
                    continue
        if note(_entry_problem(entry, _Named("entry", key))):
            return problems
    return _trash_problems(data, note, problems)


def _trash_problems(
    data: Mapping[str, Any], note: Callable[[str], bool], problems: list[str]
) -> list[str]:
    """:func:`shape_problems`' look at the trash, ``note``-ing each problem found."""
    for key, item in data["trash"].items():
        trash_item = f"the trash item {model.excerpt(key)}"
        if type(item) is not dict or item.keys() != _TRASH_FIELDS:
            found = f"{trash_item} is not an object with {', '.join(sorted(_TRASH_FIELDS))}"
        elif not isinstance(item["deleted_at"], str) or not isinstance(item["id"], str):
            found = f"{trash_item} has deleted_at {model.excerpt(item['deleted_at'])}, which should be text"
        elif item["type"] == "child":
            found = _fields(item["record"], _CHILD_TYPES, trash_item + "'s child")
        elif item["type"] == "entry":
            found = _entry_problem(item["record"], trash_item + "'s entry")
        else:
            found = f"{trash_item} has the type {model.excerpt(item['type'])}, not child or entry"
        if not found and not isinstance(item["entries"], list):
            found = f"{trash_item} has entries that are not a list"
        if not found:
            found = next(
                (
                    p
                    for p in (_entry_problem(e, trash_item + "'s entry") for e in item["entries"])
                    if p
                ),
                "",
            )
        if note(found):
            return problems
    return problems

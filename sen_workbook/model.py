"""The records of a workbook: children, entries of each kind, and their validation.

Records are plain dictionaries shaped exactly as they are stored and archived, so the
same value moves between the database, an archive, the analysis and the timeline without
conversion.  This module does no I/O.  Every problem found is reported as one sentence
that names the field and the value, so a parent can put it right.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import sys
from collections.abc import Callable, Container, Iterable, Mapping
from typing import Any, Literal, NamedTuple, NotRequired, TypedDict, TypeVar, cast

from sen_workbook import vocabulary
from sen_workbook.errors import ValidationError

# 2: every entry carries every field of its kind (message_id added);
# 3: an observation carries the child's and the parent's views;
# 4: a request's asked_for, asked_for_date and supplied_date (the subject access clock).
SCHEMA_VERSION = 4
FORMAT = "sen-workbook"

# The values each choice may take, in the order shown; how each reads is named once, in
# the vocabulary.  The Code of Practice's four broad areas of need, plus "other".
AREAS: tuple[str, ...] = tuple(vocabulary.AREA_LABELS)
SETTING_PHASES: tuple[str, ...] = tuple(vocabulary.PHASE_LABELS)
CHILD_STATUSES: tuple[str, ...] = tuple(vocabulary.STATUS_LABELS)
KINDS: tuple[str, ...] = tuple(vocabulary.KIND_LABELS)
IMPLEMENTED = ("yes", "partly", "no", "unknown")
RESULTS = ("met", "partly", "not_met", "not_assessed")
DIRECTIONS = ("sent", "received")
INCIDENT_TYPES: tuple[str, ...] = tuple(vocabulary.INCIDENT_LABELS)
REQUEST_TYPES: tuple[str, ...] = tuple(vocabulary.REQUEST_LABELS)
# What an organisation asked for before answering a subject access request.
ASKED_FOR: tuple[str, ...] = tuple(vocabulary.ASKED_FOR_LABELS)

CHILD_FIELDS: dict[str, Any] = {
    "id": "",
    "name": "",
    "preferred_name": "",
    "date_of_birth": "",
    "setting": "",
    "setting_phase": "",
    "year_group": "",
    "senco": "",
    "areas": [],
    "status": "none",
    "notes": "",
}

COMMON_FIELDS: dict[str, Any] = {
    "id": "",
    "child_id": "",
    "kind": "",
    "date": "",
    "title": "",
    "details": "",
    "areas": [],
    "people": [],
    "attachments": [],
    "links": [],
    "created_at": "",
    "updated_at": "",
    "revisions": [],
}

KIND_FIELDS: dict[str, dict[str, Any]] = {
    "concern": {
        "raised_by": "",
        "raised_with": "",
        "channel": "",
        "response": "",
        "response_date": "",
    },
    "assessment": {"professional": "", "findings": "", "recommendations": []},
    "plan": {"start_date": "", "review_date": "", "targets": [], "provision": []},
    "review": {
        "plan_id": "",
        "outcomes": [],
        "parent_views": "",
        "child_views": "",
        "next_steps": "",
    },
    "meeting": {"attendees": [], "purpose": "", "actions": [], "follow_up_sent": ""},
    "correspondence": {
        "direction": "received",
        "from": "",
        "to": "",
        "subject": "",
        "reply_due": "",
        # An email's Message-ID, so importing the same message again adds nothing.
        "message_id": "",
    },
    "incident": {"incident_type": "other", "days_lost": 0},
    # The child's own words and the parent's, apart from what was seen (the details).
    "observation": {"child_views": "", "parent_views": ""},
    "request": {
        "request_type": "other",
        "sent_to": "",
        "outcome": "",
        "outcome_date": "",
        # A subject access request: what the organisation asked for, and when it had it.
        "asked_for": "",
        "asked_for_date": "",
        "supplied_date": "",
        "exception_claimed": "",
    },
}

# Kind fields that no form shows: written by an import and kept as they are when the
# entry is edited (an email's Message-ID is what makes a second import add nothing).
IMPORTED_FIELDS = frozenset({"message_id"})

# Nested list items: field name -> (item fields with defaults).
ITEM_FIELDS: dict[str, dict[str, Any]] = {
    "recommendations": {"text": "", "implemented": "unknown"},
    "targets": {"id": "", "text": "", "area": "", "success_measure": "", "by_date": ""},
    "provision": {"what": "", "who": "", "frequency": "", "start": "", "end": ""},
    "outcomes": {"target_id": "", "result": "not_assessed", "evidence": ""},
    "actions": {"text": "", "owner": "", "due": "", "done": False},
}

ATTACHMENT_FIELDS = ("sha256", "filename", "size", "added_at", "description")


# --- the records' types ----------------------------------------------------------------
#
# The shapes above, as the type checker reads them: what the workbook hands the app, the
# command line, the timeline and the letters.  Stored records are checked against the
# shapes when a workbook is opened (sen_workbook.shape), so a record read from the file
# has these fields with these types; tests/test_model.py keeps the two in step.


class Attachment(TypedDict):
    """A file kept with an entry, stored under its SHA-256; ``filename`` is the name it
    had, data only, never a path."""

    sha256: str
    filename: str
    size: int
    added_at: str
    description: str


class Recommendation(TypedDict):
    """A professional's recommendation and whether it was put in place."""

    text: str
    implemented: str  # one of IMPLEMENTED


class Target(TypedDict):
    """A plan's target; a target carried into the next plan keeps its ``id``."""

    id: str
    text: str
    area: str
    success_measure: str
    by_date: str


class Provision(TypedDict):
    """A plan's item of provision: what, by whom, how often, from and to when."""

    what: str
    who: str
    frequency: str
    start: str
    end: str


class Outcome(TypedDict):
    """A review's result for one target of its plan."""

    target_id: str
    result: str  # one of RESULTS
    evidence: str


class Action(TypedDict):
    """An action agreed at a meeting."""

    text: str
    owner: str
    due: str
    done: bool


class Revision(TypedDict):
    """An earlier version of an entry: the whole entry as it was, but its own revisions."""

    replaced_at: str
    record: dict[str, Any]


class Child(TypedDict):
    """A child, as stored: every field of CHILD_FIELDS."""

    id: str
    name: str
    preferred_name: str
    date_of_birth: str
    setting: str
    setting_phase: str
    year_group: str
    senco: str
    areas: list[str]
    status: str
    notes: str


# An entry, as stored: the common fields, and the fields of its kind (KIND_FIELDS), which
# an entry of another kind does not have.  Written this way because "from" is a word
# Python keeps for itself.
Entry = TypedDict(
    "Entry",
    {
        "id": str,
        "child_id": str,
        "kind": str,
        "date": str,
        "title": str,
        "details": str,
        "areas": list[str],
        "people": list[str],
        "attachments": list[Attachment],
        "links": list[str],
        "created_at": str,
        "updated_at": str,
        "revisions": list[Revision],
        # concern
        "raised_by": NotRequired[str],
        "raised_with": NotRequired[str],
        "channel": NotRequired[str],
        "response": NotRequired[str],
        "response_date": NotRequired[str],
        # assessment
        "professional": NotRequired[str],
        "findings": NotRequired[str],
        "recommendations": NotRequired[list[Recommendation]],
        # plan
        "start_date": NotRequired[str],
        "review_date": NotRequired[str],
        "targets": NotRequired[list[Target]],
        "provision": NotRequired[list[Provision]],
        # review
        "plan_id": NotRequired[str],
        "outcomes": NotRequired[list[Outcome]],
        "parent_views": NotRequired[str],  # and an observation's
        "child_views": NotRequired[str],  # and an observation's
        "next_steps": NotRequired[str],
        # meeting
        "attendees": NotRequired[list[str]],
        "purpose": NotRequired[str],
        "actions": NotRequired[list[Action]],
        "follow_up_sent": NotRequired[str],
        # correspondence
        "direction": NotRequired[str],
        "from": NotRequired[str],
        "to": NotRequired[str],
        "subject": NotRequired[str],
        "reply_due": NotRequired[str],
        "message_id": NotRequired[str],
        # incident
        "incident_type": NotRequired[str],
        "days_lost": NotRequired[int | float],
        # request
        "request_type": NotRequired[str],
        "sent_to": NotRequired[str],
        "outcome": NotRequired[str],
        "outcome_date": NotRequired[str],
        "asked_for": NotRequired[str],
        "asked_for_date": NotRequired[str],
        "supplied_date": NotRequired[str],
        "exception_claimed": NotRequired[str],
    },
)


class ChildTrashItem(TypedDict):
    """A deleted child, kept to be restored with all their entries."""

    id: str
    type: Literal["child"]
    deleted_at: str
    record: Child
    entries: list[Entry]


class EntryTrashItem(TypedDict):
    """A deleted entry, kept to be restored (``entries`` is empty)."""

    id: str
    type: Literal["entry"]
    deleted_at: str
    record: Entry
    entries: list[Entry]


TrashItem = ChildTrashItem | EntryTrashItem  # told apart by their "type"

# Optional date fields (empty string when not known), per record kind.
_OPTIONAL_DATES = {
    "concern": ("response_date",),
    "plan": ("start_date", "review_date"),
    "meeting": ("follow_up_sent",),
    "correspondence": ("reply_due",),
    "request": ("outcome_date", "asked_for_date", "supplied_date"),
}
_ITEM_DATES = {
    "targets": ("by_date",),
    "provision": ("start", "end"),
    "actions": ("due",),
}
_TEXT_LISTS = {"people", "links"}

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_parsed_dates: dict[str, _dt.date] = {}  # valid date texts already read
# The same, to be read (never changed) by a caller going through thousands of entries: a
# ``YYYY-MM-DD`` found here is the day parse_date gives it, without a call.
DAYS_READ: Mapping[str, _dt.date] = _parsed_dates
_entry_days: dict[str, _dt.date] = {}  # entry date texts (with or without a time) -> day


class ModelError(ValidationError):
    """One or more records are not valid; ``problems`` holds one sentence each."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems) if self.problems else "Invalid record.")

    @property
    def sentence(self) -> str:
        """The first problem, and how many more there are: one sentence for a parent."""
        if not self.problems:
            return str(self)
        extra = len(self.problems) - 1
        more = f" (and {extra} more problem{'s' if extra > 1 else ''})" if extra else ""
        return f"{self.problems[0].rstrip('.')}{more}."


def new_id() -> str:
    """A fresh record id: a random UUID, never a database's own row number."""
    import uuid  # here, not at the top: uuid imports much that reading never needs

    return str(uuid.uuid4())


def now_stamp() -> str:
    """The current local time as an ISO string to the second, for created/updated stamps."""
    return _dt.datetime.now().replace(microsecond=0).isoformat()


def parse_date(value: str, field: str = "date", *, allow_time: bool = False) -> _dt.date:
    """Read an ISO ``YYYY-MM-DD`` date (optionally `` HH:MM`` after it).

    This is the one date parser of the product: forms, the command line and the
    validation all use it, so "2024-02-30" is refused the same way everywhere.
    """
    if isinstance(value, str) and (allow_time or len(value) == 10):
        known = _parsed_dates.get(value)
        if known is not None:
            return known
    text = value.strip() if isinstance(value, str) else value
    match = _DATE_RE.match(text) if isinstance(text, str) else None
    if not match or (match.group(4) is not None and not allow_time):
        # A string is shown quoted, anything else as its short picture in quotes.
        shown = excerpt(value) if isinstance(value, str) else repr(excerpt(value))
        expected = "YYYY-MM-DD or YYYY-MM-DD HH:MM" if allow_time else "YYYY-MM-DD"
        raise ValueError(f"{field} must be a date written as {expected}, not {shown}.")
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    try:
        parsed = _dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{field} {excerpt(text)} is not a real date.") from None
    if match[4] is not None:
        hour, minute = int(match[4]), int(match[5])
        if hour > 23 or minute > 59:
            raise ValueError(f"{field} {excerpt(text)} has an impossible time.")
    if len(_parsed_dates) < 100_000:  # the same few thousand days are read again and again
        _parsed_dates[value] = parsed
    return parsed


def entry_day(entry: Mapping[str, Any]) -> _dt.date:
    """The calendar day of an entry (its time, if any, ignored)."""
    value = entry["date"]
    day = _entry_days.get(value) if isinstance(value, str) else None
    if day is None:
        day = parse_date(str(value)[:10], "date")
        if isinstance(value, str) and len(_entry_days) < 100_000:
            _entry_days[value] = day
    return day


def optional_date(value: str) -> _dt.date | None:
    """A stored optional date field: ``None`` when empty."""
    return parse_date(value) if value else None


# Words a parent types for half a day of education lost.
_HALF_DAY = {"half", "a half", "half a day", "half day", "\u00bd", "1/2"}


def days_from_text(text: str) -> int | float:
    """Days of education lost, as a parent types them ("2", "0.5", "half"), as a number
    (a whole number when it is one); "" is none.  Raises ``ValueError`` with a sentence
    naming the field by its label, so nothing typed is dropped without a word."""
    cleaned = " ".join(text.split()).casefold()
    if not cleaned:
        return 0
    if cleaned in _HALF_DAY:
        return 0.5
    label = vocabulary.FIELD_LABELS["days_lost"]
    try:
        days = float(cleaned)
    except ValueError:
        days = math.nan
    if not math.isfinite(days):
        raise ValueError(
            f"{label} must be a number such as 2, 0.5 or half, not {excerpt(text.strip())}."
        )
    if days < 0:
        raise ValueError(f"{label} cannot be negative ({text.strip()}).")
    return int(days) if days.is_integer() else days


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
EXCERPT_LENGTH = 60


def excerpt(value: Any, limit: int = EXCERPT_LENGTH, *, quoted: bool = True) -> str:
    """A short, harmless picture of ``value`` for a message a person reads.

    Messages name the bad value so it can be found and put right, but a value can be a
    50 MB text or a list nested a thousand deep: this shows at most about ``limit``
    characters and three levels, says how much was left out, and never carries a
    control character or escape sequence to the terminal (``repr`` writes them as
    ``\x1b``).  ``quoted=False`` shows text without quotes (for the system's own words).
    """
    import reprlib

    if isinstance(value, str):
        cut = value[:limit]
        more = len(value) - len(cut)
        if quoted:
            shown = repr(cut)
        else:
            shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", cut)
        return shown + (f"... ({more:,} more characters)" if more else "")
    pictures = reprlib.Repr()
    pictures.maxlevel, pictures.maxstring, pictures.maxother = 3, limit, limit
    pictures.maxlist = pictures.maxdict = pictures.maxtuple = pictures.maxset = 4
    shown = pictures.repr(value)
    return shown if len(shown) <= 2 * limit else shown[: 2 * limit] + "..."


_Copied = TypeVar("_Copied")


def copy_record(value: _Copied) -> _Copied:
    """A deep copy of JSON-shaped data (dicts, lists, scalars), several times faster than
    :func:`copy.deepcopy`, so callers can be handed records they may change freely.

    The copy has the type of what was copied (a ``Child`` stays a ``Child``)."""
    return cast(_Copied, _copied(value))


def _copied(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        return {key: _copied(item) for key, item in value.items()}
    if kind is list:
        return [_copied(item) for item in value]
    return value


def new_child(**fields: Any) -> Child:
    """A child record with every field present, defaults filled in and a fresh id.

    Of the :class:`Child` type once :func:`validate_child` finds nothing wrong with it.
    """
    child = _with_defaults(CHILD_FIELDS, fields)
    if not child["id"]:
        child["id"] = new_id()
    return cast(Child, child)


def new_entry(kind: str, child_id: str, **fields: Any) -> Entry:
    """An entry of ``kind`` with every field present, defaults filled in and a fresh id.

    Of the :data:`Entry` type once :func:`validate_entry` finds nothing wrong with it.
    """
    if kind not in KINDS:
        raise ModelError([f"kind {excerpt(kind)} is not one of {', '.join(KINDS)}."])
    shape = {**COMMON_FIELDS, **KIND_FIELDS[kind]}
    entry = _with_defaults(shape, {**fields, "kind": kind, "child_id": child_id})
    for name, item_shape in ITEM_FIELDS.items():
        if name in entry:
            entry[name] = [_with_defaults(item_shape, item) for item in entry[name]]
    if entry["kind"] == "plan":
        for target in entry["targets"]:
            if not target["id"]:
                target["id"] = new_id()
    entry["id"] = entry["id"] or new_id()
    if not entry["created_at"] or not entry["updated_at"]:
        stamp = now_stamp()
        entry["created_at"] = entry["created_at"] or stamp
        entry["updated_at"] = entry["updated_at"] or stamp
    return cast(Entry, entry)


def entry_fields(kind: str) -> tuple[str, ...]:
    """The exact field names an entry of ``kind`` carries."""
    return tuple(COMMON_FIELDS) + tuple(KIND_FIELDS[kind])


# Worked out once for the checks, which run on every record of an import.
_ENTRY_FIELD_SETS = {kind: frozenset(entry_fields(kind)) for kind in KIND_FIELDS}
# Every field of an entry of each kind with its natural empty value, in order.
_ENTRY_SHAPES = {kind: {**COMMON_FIELDS, **fields} for kind, fields in KIND_FIELDS.items()}
_COMMON_TEXTS = ("id", "child_id", "title", "details", "created_at", "updated_at")
_KIND_TEXTS = {
    kind: tuple(
        name
        for name, default in fields.items()
        if isinstance(default, str) and name != "exception_claimed"
    )
    for kind, fields in KIND_FIELDS.items()
}


# What an archive written elsewhere may leave out or write as null: each has a natural
# empty value.  The id, child, kind, date and title are the record itself and are never
# filled in; nor is a child's name.
_NEVER_FILLED = frozenset({"id", "child_id", "kind", "date", "title", "name"})


def fill_natural_empties(record: Any, *, child: bool = False) -> tuple[Any, list[str]]:
    """``record`` with each missing field that has a natural empty value filled in, and a
    ``null`` date or text (or list) made empty; also the names of the fields filled.

    An entry's stamps are filled with the time now (when it came in).  Anything that is not
    a record, or whose kind is unknown, is given back unchanged for the validation to name;
    so is a record with nothing to fill.
    """
    if type(record) is not dict:
        return record, []
    if child:
        shape: Mapping[str, Any] = CHILD_FIELDS
    else:
        kind = record.get("kind")
        if not isinstance(kind, str) or kind not in KIND_FIELDS:
            return record, []
        shape = _ENTRY_SHAPES[kind]
    if _complete(record, shape, () if child else _ITEM_SHAPES[record["kind"]]):
        return record, []  # every field there and none null: nothing to fill
    filled: list[str] = []
    out = dict(record)
    for name, default in shape.items():
        if name in _NEVER_FILLED or (name in out and out[name] is not None):
            continue
        if out.get(name, "missing") is None and not isinstance(default, (str, list)):
            continue  # a null number or choice is not an empty text: the validation says so
        if name in ("created_at", "updated_at"):
            value: Any = now_stamp()
        else:
            value = list(default) if isinstance(default, list) else default
        out[name] = value
        filled.append(name)
    if not child:
        for name, item_shape in ITEM_FIELDS.items():
            items = out.get(name)
            if name in shape and isinstance(items, list):
                out[name] = [_filled_item(item, item_shape, name, filled) for item in items]
    return out, filled


def _complete(
    record: dict[str, Any],
    shape: Mapping[str, Any],
    item_shapes: tuple[tuple[str, Mapping[str, Any]], ...],
) -> bool:
    """Whether :func:`fill_natural_empties` would find nothing to fill in ``record``: it
    has exactly the fields of ``shape``, none null, and so has each item of its lists
    (``item_shapes``, those of its kind; an archive this program wrote always does)."""
    if record.keys() != shape.keys() or None in record.values():
        return False
    for name, item_shape in item_shapes:
        items = record[name]  # there: the record has every field of its kind
        if type(items) is list:
            for item in items:
                if type(item) is dict and (
                    item.keys() != item_shape.keys() or None in item.values()
                ):
                    return False
    return True


# The lists of objects each kind of entry has, with the fields of their items.
_ITEM_SHAPES = {
    kind: tuple((name, shape) for name, shape in ITEM_FIELDS.items() if name in fields)
    for kind, fields in _ENTRY_SHAPES.items()
}


def _filled_item(item: Any, shape: Mapping[str, Any], field: str, filled: list[str]) -> Any:
    if type(item) is not dict:
        return item
    out = dict(item)
    for name, default in shape.items():
        if name in ("id", "target_id") and name not in out:
            continue  # a target's id links reviews to it: never made up
        if name not in out or (out[name] is None and isinstance(default, str)):
            out[name] = default
            filled.append(f"{field}.{name}")
    return out


def _with_defaults(shape: Mapping[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name, default in shape.items():
        value = fields.get(name, default)
        record[name] = list(value) if isinstance(value, (list, tuple)) else value
    for name, value in fields.items():
        if name not in record:
            record[name] = value  # kept so that validation can name it
    return record


# --- validation ----------------------------------------------------------------------


class _Where:
    """How a problem names its record, worked out only when a problem is reported: most
    records have none, and the label costs more than checking them."""

    __slots__ = ("_make", "_text")

    def __init__(self, make: Callable[[], str]):
        self._make = make
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            self._text = self._make()
        return self._text

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def then(self, more: str) -> _Where:
        """This place and a part of it: ``where.then(", target 2")``."""
        return _Where(lambda: str(self) + more)


_Place = str | _Where


def _mapping(value: Any) -> bool:
    """isinstance(value, Mapping), answered at once for a dict (what JSON gives)."""
    return type(value) is dict or isinstance(value, Mapping)  # where a problem is, for the messages


def _label(record: Mapping[str, Any], what: str) -> str:
    title = record.get("title") or record.get("name")
    if isinstance(title, str) and title.strip():
        short = title.strip()
        short = short if len(short) <= 40 else short[:37] + "..."
        return f"{what} {excerpt(short)}"
    return what


def _check_keys(
    record: Mapping[str, Any], allowed: Iterable[str], where: _Place, problems: list[str]
) -> None:
    allowed = allowed if isinstance(allowed, (set, frozenset)) else set(allowed)
    # A key view equals a set of the same names (mypy does not know views compare as sets).
    if record.keys() == allowed:  # type: ignore[comparison-overlap]
        return  # the usual case, checked in one step
    for name in record:
        if name not in allowed:
            problems.append(f"{where}: field {excerpt(name)} is not a field of this record.")
    for name in allowed:
        if name not in record:
            problems.append(f"{where}: field {excerpt(name)} is missing.")


def _check_text(record: Mapping[str, Any], name: str, where: _Place, problems: list[str]) -> None:
    _check_texts(record, (name,), where, problems)


def _check_texts(
    record: Mapping[str, Any], names: Iterable[str], where: _Place, problems: list[str]
) -> None:
    """:func:`_check_text` for several fields, in one call."""
    for name in names:
        if name in record and not isinstance(record[name], str):
            problems.append(f"{where}: {name} must be text, not {excerpt(record[name])}.")


def _check_date(
    record: Mapping[str, Any],
    name: str,
    where: _Place,
    problems: list[str],
    *,
    required: bool = False,
    allow_time: bool = False,
) -> None:
    value = record.get(name, "")
    if value == "" and not required:
        return
    if value == "" or value is None:
        problems.append(f"{where}: {name} is required.")
        return
    try:
        parse_date(value, name, allow_time=allow_time)
    except ValueError as error:
        problems.append(f"{where}: {error}")


def _check_choice(
    record: Mapping[str, Any], name: str, choices: Iterable[str], where: _Place, problems: list[str]
) -> None:
    choices = tuple(choices)
    if name in record and not (isinstance(record[name], str) and record[name] in choices):
        listed = ", ".join(c for c in choices if c) or "(empty)"
        problems.append(f"{where}: {name} {excerpt(record[name])} is not one of {listed}.")


def _check_areas(value: Any, where: _Place, problems: list[str], name: str = "areas") -> None:
    if not isinstance(value, list):
        problems.append(f"{where}: {name} must be a list, not {excerpt(value)}.")
        return
    for area in value:
        if not isinstance(area, str) or area not in AREAS:
            problems.append(f"{where}: area {excerpt(area)} is not one of {', '.join(AREAS)}.")


def _check_text_list(value: Any, name: str, where: _Place, problems: list[str]) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: {name} must be a list of text, not {excerpt(value)}.")


def validate_child(child: Mapping[str, Any]) -> list[str]:
    """Every problem with one child record, as sentences (empty when valid)."""
    problems: list[str] = []
    if not _mapping(child):
        return [f"A child record must be an object, not {excerpt(child)}."]
    where = _label(child, "child")
    _check_keys(child, CHILD_FIELDS, where, problems)
    for name in CHILD_FIELDS:
        if name != "areas":
            _check_text(child, name, where, problems)
    if isinstance(child.get("id"), str) and not child.get("id", "").strip():
        problems.append(f"{where}: id is empty.")
    if isinstance(child.get("name"), str) and not child["name"].strip():
        problems.append(f"{where}: name is empty; every child needs a name.")
    if isinstance(child.get("date_of_birth"), str):
        _check_date(child, "date_of_birth", where, problems)
    _check_choice(child, "setting_phase", SETTING_PHASES, where, problems)
    _check_choice(child, "status", CHILD_STATUSES, where, problems)
    if "areas" in child:
        _check_areas(child["areas"], where, problems)
    return problems


def validate_entry(entry: Mapping[str, Any]) -> list[str]:
    """Every problem with one entry taken alone, as sentences (empty when valid).

    Checks that need other records (the child exists, a review's plan) are in
    :func:`validate_records`.
    """
    if type(entry) is dict and _usual_entry_sound(entry):
        return []
    if not _mapping(entry):
        return [f"An entry must be an object, not {excerpt(entry)}."]
    problems: list[str] = []
    kind = entry.get("kind")
    where = _Where(lambda: _label(entry, f"{kind} entry" if isinstance(kind, str) else "entry"))
    if not isinstance(kind, str) or kind not in KINDS:
        problems.append(f"{where}: kind {excerpt(kind)} is not one of {', '.join(KINDS)}.")
        return problems
    _check_keys(entry, _ENTRY_FIELD_SETS[kind], where, problems)
    _check_texts(entry, _COMMON_TEXTS, where, problems)
    if isinstance(entry.get("id"), str) and not entry["id"].strip():
        problems.append(f"{where}: id is empty.")
    if isinstance(entry.get("title"), str) and not entry["title"].strip():
        problems.append(f"{where} dated {excerpt(entry.get('date'))}: title is empty.")
    if "date" in entry:
        _check_date(entry, "date", where, problems, required=True, allow_time=True)
    if "areas" in entry:
        _check_areas(entry["areas"], where, problems)
    # An empty list has nothing to check inside (most entries' lists are empty), so only
    # a list with items, or a value that is not a list, is looked into.
    for name in _TEXT_LISTS:
        if name in entry and (type(entry[name]) is not list or entry[name]):
            _check_text_list(entry[name], name, where, problems)
    for name, check in (("attachments", _check_attachments), ("revisions", _check_revisions)):
        if name in entry and (type(entry[name]) is not list or entry[name]):
            check(entry[name], where, problems)
    for name in _OPTIONAL_DATES.get(kind, ()):
        _check_text(entry, name, where, problems)
        if isinstance(entry.get(name), str):
            _check_date(entry, name, where, problems)
    for name, item_shape in _KIND_ITEMS[kind]:
        if name in entry and (type(entry[name]) is not list or entry[name]):
            _check_items(kind, name, entry[name], item_shape, where, problems)
    _check_kind_fields(kind, entry, where, problems)
    return problems


# The lists of objects each kind of entry has (a plan's targets and provision...).
_KIND_ITEMS = {
    kind: tuple((name, shape) for name, shape in ITEM_FIELDS.items() if name in fields)
    for kind, fields in KIND_FIELDS.items()
}


# --- the usual entry, checked in a few large steps ---------------------------------------
#
# Nearly every entry of an archive or a workbook is as this program writes it: every field
# of its kind in the usual order, each of its usual type, and no list of objects (targets,
# actions, attached files, earlier versions) filled in.  Such an entry is checked in a few
# large steps: its names and types in two comparisons, its dates through the one date
# parser (whose cache knows most of them), its areas and choices by set membership.  The
# check only ever answers "nothing wrong" or "look closer": any other entry, and any entry
# with something wrong, goes through the full checks, which name every problem, so the
# sentences are the same with it or without it.  An import of 10,000 entries checks them
# in a third of the time.


class _UsualEntry(NamedTuple):
    """What the usual entry of one kind looks like, for :func:`_usual_entry_sound`."""

    names: tuple[str, ...]  # every field, in the order this program writes them
    types: tuple[type, ...]  # the exact type of each
    empty: tuple[str, ...]  # fields that must be empty (lists of objects; see below)
    text_lists: tuple[str, ...]  # lists of text (people, links, attendees)
    choices: tuple[tuple[str, frozenset[str]], ...]  # fields with a fixed set of values
    dates: tuple[str, ...]  # optional dates (empty, or a date without a time)
    # (later, earlier): the one pair of dates that date_conflicts compares in such an
    # entry, when both are filled in (its lists of rows being empty), or None.
    order: tuple[str, str] | None
    # The exact types of another usual entry of the kind: an incident's half day lost.
    other_types: tuple[type, ...] | None


# The pair of dates of each kind that date_conflicts compares outside lists of rows
# (a test holds the two in step).
_USUAL_ORDER = {
    "concern": ("response_date", "date"),
    "plan": ("review_date", "start_date"),
    "meeting": ("follow_up_sent", "date"),
    "correspondence": ("reply_due", "date"),
    "request": ("outcome_date", "date"),
}


def _usual_entry(kind: str) -> _UsualEntry:
    shape = _ENTRY_SHAPES[kind]
    lists_of_objects = tuple(name for name, _ in _KIND_ITEMS[kind])
    # A subject access request's "asked for" and its dates go together (see
    # _check_asked_for): only the usual request, which asked for nothing, passes here.
    asked = ("asked_for", "asked_for_date", "supplied_date") if kind == "request" else ()
    choices = {
        "correspondence": (("direction", DIRECTIONS),),
        "incident": (("incident_type", INCIDENT_TYPES),),
        "request": (("request_type", REQUEST_TYPES),),
    }.get(kind, ())
    types = tuple(type(default) for default in shape.values())
    return _UsualEntry(
        names=tuple(shape),
        types=types,
        # A meeting's actions are looked into (see _usual_actions); other lists of
        # objects belong to kinds a workbook holds few of.
        empty=(
            "attachments",
            "revisions",
            *(n for n in lists_of_objects if n != "actions"),
            *asked,
        ),
        text_lists=(*sorted(_TEXT_LISTS), *(("attendees",) if kind == "meeting" else ())),
        choices=tuple((name, frozenset(values)) for name, values in choices),
        dates=tuple(name for name in _OPTIONAL_DATES.get(kind, ()) if name not in asked),
        order=_USUAL_ORDER.get(kind),
        other_types=(
            tuple(
                float if name == "days_lost" else usual
                for name, usual in zip(shape, types, strict=True)
            )
            if kind == "incident"
            else None
        ),
    )


_USUAL_ENTRIES = {kind: _usual_entry(kind) for kind in KINDS}
# The field names of the last usual entry of each kind, as the entry held them.  A JSON
# reader gives every record of a file the same name objects, which compare at once;
# the names above are other objects, compared letter by letter (half of the check).
_NAMES_SEEN: dict[str, tuple[str, ...]] = {}
_AREA_SET = frozenset(AREAS)
_LARGEST_FLOAT = sys.float_info.max
_TEXT_ONLY = {str}


def _usual_entry_sound(entry: dict[str, Any]) -> bool:
    """Whether ``entry`` is a usual entry (see above) with nothing wrong in it: when
    True, :func:`validate_entry` finds no problem; when False, it must look closer."""
    kind = entry.get("kind")
    if type(kind) is not str:
        return False
    usual = _USUAL_ENTRIES.get(kind)
    if usual is None:
        return False
    names, types, empty, text_lists, choices, dates, order, other_types = usual
    held = tuple(entry)
    if held != _NAMES_SEEN.get(kind):
        if held != names:
            return False
        _NAMES_SEEN[kind] = held
    found = tuple(map(type, entry.values()))
    if found != types and found != other_types:
        return False
    for name in empty:
        if entry[name]:
            return False
    if not (entry["id"].strip() and entry["title"].strip()):
        return False
    try:
        if not _AREA_SET.issuperset(entry["areas"]):
            return False
    except TypeError:  # an area that is a list or an object: the full checks name it
        return False
    for name in text_lists:
        value = entry[name]
        if value and {*map(type, value)} != _TEXT_ONLY:
            return False
    for name, allowed in choices:
        if entry[name] not in allowed:
            return False
    if kind == "incident" and not 0 <= entry["days_lost"] <= _LARGEST_FLOAT:
        # Negative, or not finite: a whole number is compared exactly, so one too large
        # to be a float is looked at closer too.
        return False
    try:
        # The one date parser, after a look in its cache, which knows most entries' dates.
        day = _parsed_dates.get(entry["date"]) or parse_date(entry["date"], allow_time=True)
        for name in dates:
            if entry[name]:
                parse_date(entry[name])
        if order is not None:
            # The days of the two (a time after the entry's date ignored), read as the
            # checks just read them: never less strict than date_conflicts.
            later, earlier = entry[order[0]], entry[order[1]]
            if later and earlier and parse_date(later) < parse_date(earlier, allow_time=True):
                return False
        if kind == "meeting" and entry["actions"] and not _usual_actions(entry["actions"], day):
            return False
    except ValueError:
        return False
    return True


_ACTION_NAMES = tuple(ITEM_FIELDS["actions"])
_ACTION_TYPES = tuple(type(default) for default in ITEM_FIELDS["actions"].values())


def _usual_actions(actions: list[Any], meeting_day: _dt.date) -> bool:
    """Whether a meeting's actions are each as this program writes them, with nothing
    wrong: every field in order and of its type, some text, and a due date (if any) that
    is a real date on or after the meeting.  Raises ``ValueError`` for a date that is
    not one (the caller then looks closer, as for any other False)."""
    for action in actions:
        if (
            type(action) is not dict
            or tuple(action) != _ACTION_NAMES
            or tuple(map(type, action.values())) != _ACTION_TYPES
            or not action["text"].strip()
        ):
            return False
        due = action["due"]
        if due and parse_date(due) < meeting_day:
            return False
    return True


def sound_entries(entries: Iterable[Any]) -> set[int]:
    """The ``id()`` of each of ``entries`` that is a usual entry with nothing wrong in it
    and nothing to fill (see above), worked out in one pass so that an import fills and
    checks only the others: :func:`fill_natural_empties` would leave these as they are,
    and :func:`validate_records` told of them (``sound``) checks them no further alone.
    The ids hold for as long as the caller keeps the entries."""
    usual = _usual_entry_sound
    return {id(entry) for entry in entries if type(entry) is dict and usual(entry)}


# An entry nests no deeper than a list of objects of plain values (targets, outcomes...):
# the entry, the list and the object.  An earlier version may nest no deeper either.
_RECORD_DEPTH = 3
REVISION_FIELDS = ("replaced_at", "record")


def nesting_depth(value: Any, limit: int) -> int:
    """How deeply ``value`` nests lists and objects, counting no further than
    ``limit + 1`` (so a value nested thousands deep is measured without recursion)."""
    depth, level = 0, [value]
    while depth <= limit:
        containers = [item for item in level if isinstance(item, (dict, list))]
        if not containers:
            break
        depth += 1
        level = [
            inner
            for item in containers
            for inner in (item.values() if isinstance(item, dict) else item)
        ]
    return depth


def _check_revisions(value: Any, where: _Where, problems: list[str]) -> None:
    """``revisions``: a list of ``{"replaced_at": date-time, "record": an entry}``.

    Earlier versions are checked for shape and depth only: they were valid when saved,
    and a rule made stricter since must not make a workbook unreadable.
    """
    if not isinstance(value, list):
        problems.append(f"{where}: revisions must be a list, not {excerpt(value)}.")
        return
    for number, item in enumerate(value, 1):
        at = where.then(f", earlier version {number}")
        if not _mapping(item) or set(item) != set(REVISION_FIELDS):
            problems.append(
                f"{at}: must be an object with replaced_at and record, not {excerpt(item)}."
            )
            continue
        if not isinstance(item["replaced_at"], str):
            problems.append(f"{at}: replaced_at must be text, not {excerpt(item['replaced_at'])}.")
        record = item["record"]
        if not _mapping(record):
            problems.append(f"{at}: record must be an object, not {excerpt(record)}.")
        elif nesting_depth(record, _RECORD_DEPTH) > _RECORD_DEPTH:
            problems.append(
                f"{at}: record is nested deeper than any entry can be ({excerpt(record)})."
            )


def _check_attachments(value: Any, where: _Where, problems: list[str]) -> None:
    if not isinstance(value, list):
        problems.append(f"{where}: attachments must be a list.")
        return
    for number, item in enumerate(value, 1):
        at = where.then(f", attachment {number}")
        if not _mapping(item):
            problems.append(f"{at}: must be an object, not {excerpt(item)}.")
            continue
        _check_keys(item, ATTACHMENT_FIELDS, at, problems)
        if "sha256" in item and not (
            isinstance(item["sha256"], str) and _SHA_RE.match(item["sha256"])
        ):
            problems.append(f"{at}: sha256 {excerpt(item['sha256'])} is not a SHA-256 in hex.")
        for name in ("filename", "added_at", "description"):
            _check_text(item, name, at, problems)
        if isinstance(item.get("filename"), str) and not item["filename"].strip():
            problems.append(f"{at}: filename is empty.")
        size = item.get("size")
        if "size" in item and (not isinstance(size, int) or isinstance(size, bool) or size < 0):
            problems.append(f"{at}: size {excerpt(size)} must be a whole number of bytes.")


def _check_items(
    kind: str,
    name: str,
    value: Any,
    shape: Mapping[str, Any],
    where: _Where,
    problems: list[str],
) -> None:
    if not isinstance(value, list):
        problems.append(f"{where}: {name} must be a list, not {excerpt(value)}.")
        return
    singular = {"provision": "provision item"}.get(name, name[:-1])
    for number, item in enumerate(value, 1):
        at = where.then(f", {singular} {number}")
        if not _mapping(item):
            problems.append(f"{at}: must be an object, not {excerpt(item)}.")
            continue
        _check_keys(item, shape, at, problems)
        for field, default in shape.items():
            if isinstance(default, str):
                _check_text(item, field, at, problems)
        for field in _ITEM_DATES.get(name, ()):
            if isinstance(item.get(field), str):
                _check_date(item, field, at, problems)
        if name == "recommendations":
            _check_choice(item, "implemented", IMPLEMENTED, at, problems)
        elif name == "outcomes":
            _check_choice(item, "result", RESULTS, at, problems)
        elif name == "targets":
            if isinstance(item.get("id"), str) and not item["id"].strip():
                problems.append(f"{at}: id is empty.")
            if item.get("area", "") != "":
                _check_choice(item, "area", AREAS, at, problems)
        elif name == "actions":
            if "done" in item and not isinstance(item["done"], bool):
                problems.append(f"{at}: done must be true or false, not {excerpt(item['done'])}.")
        if isinstance(item.get("text"), str) and name != "outcomes" and not item["text"].strip():
            problems.append(f"{at}: text is empty.")
        if name == "provision" and isinstance(item.get("what"), str) and not item["what"].strip():
            problems.append(f"{at}: what is empty.")


def _check_kind_fields(
    kind: str, entry: Mapping[str, Any], where: _Place, problems: list[str]
) -> None:
    _check_texts(entry, _KIND_TEXTS[kind], where, problems)
    if kind == "concern":
        pass
    elif kind == "plan":
        targets = entry.get("targets")
        ids = [
            t.get("id")
            for t in (targets if isinstance(targets, list) else [])
            if _mapping(t) and isinstance(t.get("id"), str)
        ]
        seen = set()
        for target_id in ids:
            if target_id in seen:
                problems.append(f"{where}: target id {excerpt(target_id)} appears twice.")
            seen.add(target_id)
    elif kind == "meeting":
        if "attendees" in entry:
            _check_text_list(entry["attendees"], "attendees", where, problems)
    elif kind == "correspondence":
        _check_choice(entry, "direction", DIRECTIONS, where, problems)
    elif kind == "incident":
        _check_choice(entry, "incident_type", INCIDENT_TYPES, where, problems)
        days = entry.get("days_lost")
        if "days_lost" in entry:
            if isinstance(days, bool) or not isinstance(days, (int, float)) or not _finite(days):
                problems.append(f"{where}: days_lost must be a number, not {excerpt(days)}.")
            elif days < 0:
                problems.append(f"{where}: days_lost {excerpt(days)} cannot be negative.")
    elif kind == "request":
        _check_choice(entry, "request_type", REQUEST_TYPES, where, problems)
        _check_text(entry, "exception_claimed", where, problems)
        _check_asked_for(entry, where, problems)
    elif kind == "review":
        _check_text(entry, "plan_id", where, problems)
    for conflict in date_conflicts(entry):
        row = f", {conflict.row_word} {conflict.row}" if conflict.row else ""
        problems.append(f"{where}{row}: {conflict.sentence}")


def _finite(number: int | float) -> bool:
    """Whether ``number`` is finite as a float: a whole number too large to be one (400
    digits of days lost) is not, and is refused as infinity is, not shown as evidence."""
    try:
        return math.isfinite(number)
    except OverflowError:
        return False


def _check_asked_for(entry: Mapping[str, Any], where: _Place, problems: list[str]) -> None:
    """What an organisation asked for, when, and when it had it: in that order, and the
    dates only with the thing asked for."""
    _check_choice(entry, "asked_for", ASKED_FOR, where, problems)
    asked, supplied = entry.get("asked_for_date", ""), entry.get("supplied_date", "")
    if (asked or supplied) and entry.get("asked_for", "") == "":
        problems.append(
            f"{where}: asked_for must say what the organisation asked for (proof of "
            "identity, clarification or a fee) when its dates are filled in."
        )
    if supplied and not asked:
        problems.append(
            f"{where}: supplied_date {excerpt(supplied)} is filled in, but not the day the "
            "organisation asked for it."
        )


class DateConflict(NamedTuple):
    """Two dates of one entry that cannot both be true, and the sentence that says so.

    ``field`` is the field whose date is wrong (for a row of a list, the list: then
    ``row`` is the row's number, counted from 1, and ``item_field`` the date in it), so a
    form can put the sentence beside it; the sentence names no stored field.
    """

    field: str
    sentence: str
    row: int | None = None
    item_field: str | None = None

    @property
    def row_word(self) -> str:
        """How a problem names a row of this list ("action", "provision item")."""
        return {"provision": "provision item", "targets": "target", "actions": "action"}.get(
            self.field, self.field
        )


def _day(value: Any) -> _dt.date | None:
    """A stored date (a time after it ignored), or None when empty or unreadable: a date
    that cannot be read is the field checks' to name."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_date(value[:10])
    except ValueError:
        return None


def date_conflicts(entry: Mapping[str, Any]) -> list[DateConflict]:
    """Every pair of dates in ``entry`` that contradict each other, in the entry's order.

    This is the one check of the order of an entry's own dates: :func:`validate_entry`
    reports these sentences for the workbook's additions and edits, the command line,
    imports and the forms alike, and the forms place each beside its field.  Covered: a
    concern's response before it was raised; a plan's review date before its start, a
    target's "by" date before the plan starts, a provision's end before its start; a
    meeting's action due or follow-up sent before the meeting; a reply due before the
    letter; a request's outcome before the request, and a subject access request's dates
    (the organisation asking before the request, having what it asked for before asking).
    """
    if not _mapping(entry):
        return []
    kind = entry.get("kind")
    found: list[DateConflict] = []

    def before(field: str, earlier: Any, later: Any, sentence: str, **row: Any) -> None:
        first, second = _day(earlier), _day(later)
        if first is not None and second is not None and first < second:
            found.append(DateConflict(field, sentence.format(first=first, second=second), **row))

    if kind == "concern":
        before(
            "response_date",
            entry.get("response_date"),
            entry.get("date"),
            "The response is dated {first}, before the concern was raised on {second}: "
            "an answer cannot come before the question.",
        )
    elif kind == "plan":
        start = entry.get("start_date")
        before(
            "review_date",
            entry.get("review_date"),
            start,
            "The review date {first} is before the plan starts on {second}: a plan is "
            "reviewed after it has started.",
        )
        for number, target in _rows(entry, "targets"):
            before(
                "targets",
                target.get("by_date"),
                start,
                "Its date to be reached by, {first}, is before the plan starts on {second}.",
                row=number,
                item_field="by_date",
            )
        for number, item in _rows(entry, "provision"):
            before(
                "provision",
                item.get("end"),
                item.get("start"),
                "It ends on {first}, before it starts on {second}: put the end date "
                "after the start date.",
                row=number,
                item_field="end",
            )
    elif kind == "meeting":
        for number, action in _rows(entry, "actions"):
            before(
                "actions",
                action.get("due"),
                entry.get("date"),
                "It is due on {first}, before the meeting on {second} that agreed it: an "
                "action can only fall due after it was agreed.",
                row=number,
                item_field="due",
            )
        before(
            "follow_up_sent",
            entry.get("follow_up_sent"),
            entry.get("date"),
            "The follow-up email is dated {first}, before the meeting on {second}: it "
            "is sent after the meeting.",
        )
    elif kind == "correspondence":
        before(
            "reply_due",
            entry.get("reply_due"),
            entry.get("date"),
            "The reply is due by {first}, before the letter itself on {second}.",
        )
    elif kind == "request":
        before(
            "outcome_date",
            entry.get("outcome_date"),
            entry.get("date"),
            "The outcome is dated {first}, before the request was made on {second}: a "
            "decision cannot come before the request it answers.",
        )
        asked = entry.get("asked_for_date")
        before(
            "asked_for_date",
            asked,
            entry.get("date"),
            "The organisation asked for more on {first}, before the request was made on {second}.",
        )
        before(
            "supplied_date",
            entry.get("supplied_date"),
            asked,
            "They had what they asked for on {first}, before they asked for it on {second}.",
        )
    return found


def _rows(entry: Mapping[str, Any], name: str) -> list[tuple[int, Mapping[str, Any]]]:
    """The rows of a list field that are objects, each with its number from 1."""
    items = entry.get(name)
    if not isinstance(items, list):
        return []
    return [(number, item) for number, item in enumerate(items, 1) if _mapping(item)]


def validate_records(
    children: Iterable[Mapping[str, Any]],
    entries: Iterable[Mapping[str, Any]],
    *,
    sound: Container[int] = frozenset(),
) -> list[str]:
    """Every problem in a set of children and entries, each alone and together.

    Together means: ids are unique, every entry belongs to a child in the set, a
    review's ``plan_id`` is a plan of the same child, and each outcome is for a target
    that plan has.  An entry whose ``id()`` is in ``sound`` (from :func:`sound_entries`)
    is known to have nothing wrong taken alone, and is checked only together.
    """
    children = list(children)
    entries = list(entries)
    problems: list[str] = []
    child_ids: set[str] = set()
    for number, child in enumerate(children, 1):
        found = validate_child(child)
        problems.extend(f"Child {number}: {p}" for p in found)
        if _mapping(child) and isinstance(child.get("id"), str):
            if child["id"] in child_ids:
                problems.append(f"Child {number}: id {excerpt(child['id'])} is used twice.")
            child_ids.add(child["id"])
    if _entries_sound(entries, child_ids, sound):
        return problems  # the children's, if any: nothing is wrong with the entries
    # Something is: every entry is gone through in order, naming each problem.
    entry_ids: set[str] = set()
    plans: dict[str, Mapping[str, Any]] = {}
    for entry in entries:
        if _mapping(entry) and entry.get("kind") == "plan":
            if isinstance(entry.get("id"), str):
                plans[entry["id"]] = entry
    for number, entry in enumerate(entries, 1):
        found = [] if id(entry) in sound else validate_entry(entry)
        if found:
            problems.extend(f"Entry {number}: {p}" for p in found)
        if not _mapping(entry):
            continue
        entry_id = entry.get("id")
        if isinstance(entry_id, str):
            if entry_id in entry_ids:
                problems.append(f"{_where(number, entry)}: id {excerpt(entry_id)} is used twice.")
            entry_ids.add(entry_id)
        if not isinstance(entry.get("child_id"), str) or entry["child_id"] not in child_ids:
            problems.append(
                f"{_where(number, entry)}: child_id {excerpt(entry.get('child_id'))} is not a child "
                "in the workbook."
            )
        if entry.get("kind") == "review":
            problems.extend(check_review_plan(entry, plans, _where(number, entry)))
    return problems


def _entries_sound(
    entries: list[Mapping[str, Any]], child_ids: set[str], sound: Container[int]
) -> bool:
    """Whether :func:`validate_records` would find nothing wrong with ``entries``, alone
    or together, answered in a few passes over them all (the usual case: a workbook or
    an archive with nothing wrong) instead of one of many small steps per entry.  When
    False, the full pass names each problem."""
    for entry in entries:
        if id(entry) not in sound and validate_entry(entry):
            return False
    # Each entry is now sound alone: an object with every field of its kind and type.
    if len({entry["id"] for entry in entries}) != len(entries):
        return False
    if not {entry["child_id"] for entry in entries} <= child_ids:
        return False
    reviews = [entry for entry in entries if entry["kind"] == "review"]
    if reviews:
        plans = {entry["id"]: entry for entry in entries if entry["kind"] == "plan"}
        if any(check_review_plan(review, plans, "") for review in reviews):
            return False
    return True


def _where(number: int, entry: Mapping[str, Any]) -> str:
    """How a problem names an entry: its place in the list and its label (worked out only
    when there is a problem to report)."""
    return f"Entry {number}: " + _label(entry, f"{entry.get('kind')} entry")


def review_before_plan_start(
    review: Mapping[str, Any], plan: Mapping[str, Any], subject: _Place = "This review"
) -> str | None:
    """Why ``review`` cannot review ``plan``: it is dated before the plan started (the
    plan's start date, or the plan's own date), or None when it can.

    This is the one check: the workbook's additions and edits, the command line, imports
    and the form all say this same sentence.  Dates that cannot be read are left to the
    field checks, which name them.
    """
    try:
        reviewed = entry_day(review)
        start = optional_date(plan.get("start_date") or "") or entry_day(plan)
    except (ValueError, TypeError, KeyError):
        return None
    if reviewed >= start:
        return None
    return (
        f"{subject} is dated {reviewed.isoformat()}, before its plan started on "
        f"{start.isoformat()}: a plan can only be reviewed once it has started."
    )


def review_not_yet_held(
    review: Mapping[str, Any], today: _dt.date, subject: _Place = "This review"
) -> str | None:
    """Why ``review`` cannot be recorded yet: it is dated after ``today``, or None.

    A review is something that happened: the family's record of what was said and which
    targets were met.  One dated in the future would close the plan's cycle before it
    was reviewed, so the workbook refuses it and points to where a review is planned.
    """
    try:
        held = entry_day(review)
    except (ValueError, TypeError, KeyError):
        return None
    if held <= today:
        return None
    return (
        f"{subject} is dated {held.isoformat()}, after today ({today.isoformat()}): a "
        "review is recorded once it has happened; to plan one, set the plan's review date."
    )


def check_review_plan(
    review: Mapping[str, Any],
    plans: Mapping[str, Mapping[str, Any]],
    where: _Place,
    subject: _Place | None = None,
) -> list[str]:
    """The problems of a review with its plan: the plan is one of the same child's, each
    outcome is for one of its targets, and the review is not dated before the plan
    started.  ``subject`` begins the sentence about the date (``where`` by default)."""
    plan_id = review.get("plan_id")
    if not plan_id or not isinstance(plan_id, str):
        return []  # a review may be recorded before its plan is
    plan = plans.get(plan_id)
    if plan is None:
        return [f"{where}: plan_id {excerpt(plan_id)} is not a plan in the workbook."]
    if plan.get("child_id") != review.get("child_id"):
        return [f"{where}: plan_id {excerpt(plan_id)} is a plan of a different child."]
    targets = plan.get("targets")
    target_ids = {
        t.get("id")
        for t in (targets if isinstance(targets, list) else [])
        if _mapping(t) and isinstance(t.get("id"), str)
    }
    problems = []
    early = review_before_plan_start(review, plan, where if subject is None else subject)
    if early:
        problems.append(early)
    outcomes = review.get("outcomes")
    for number, outcome in enumerate(outcomes if isinstance(outcomes, list) else [], 1):
        if _mapping(outcome) and not (
            isinstance(outcome.get("target_id"), str) and outcome["target_id"] in target_ids
        ):
            problems.append(
                f"{where}, outcome {number}: target_id {excerpt(outcome.get('target_id'))} "
                f"is not a target of plan {excerpt(plan.get('title', plan_id))}."
            )
    return problems
